// Package digest selects, renders and sends the digest e-mails: for each
// subscriber, the new events that match what they follow since their last
// digest, grouped by event type and layer, as HTML and plain text, over
// SMTP, with one-click unsubscribe.
//
// It owns what a digest is and how it is delivered: subscribers' periods
// (LastDue, Current), reading a subscription as a person writes it
// (Request), matching events to what a subscriber follows (Matcher, over
// an index of the candidates' reports held in memory), the wording and
// layout of the mail (Render, Subject, Describe), the signed unsubscribe
// and confirmation tokens (Keys), and the Sender with its delivery
// ledger. It must not merge events, fetch or classify anything, or touch
// the main search index: it reads events, their reports and subscribers
// from the store it is given and writes only the ledger, subscribers'
// states and its lock file. It logs no address and no token (a subscriber ID instead).
//
// Delivery is logged in a ledger in the store, one row per subscriber and
// period (a day, or a week), so that a crash or restart never sends a
// period twice and never skips anyone: a sender takes a row (claimed),
// marks it sending just before it talks to the mail server, and sent when
// the server accepted the message. Only one sender runs at a time (a lock
// file in the data directory); a sender that starts cleans up after one
// that died: claimed rows never reached the server and are sent again,
// rows left sending become uncertain and are not resent on their own. A
// failure after the message was handed over (the server took DATA and
// the connection broke before its answer) is uncertain too. Temporary
// refusals (4xx) are retried with back-off, then left to the next run; a
// permanent refusal of the address (5xx at RCPT) counts as a bounce, and
// enough bounces stop mail to it. Every message has a Message-ID fixed by
// its ledger row.
package digest
