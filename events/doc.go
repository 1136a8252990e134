// Package events merges articles about the same happening into one event
// and reconciles the event's fields from its reports, keeping for each
// field the article and sentence it came from and what other reports said.
//
// It owns the merge and reconcile rules (Merge, MergeFrom, Compatible,
// Version, the windows and tolerances) and the provenance it writes. It is
// pure: articles in, events out. It does no I/O, keeps no state between
// calls, reads no clock, and does not decide which articles to read:
// the event update reads from the store the articles that share an event
// key (and the events still open) and stores what Merge or MergeFrom
// return. How an event is shown (its JSON shape, its sums in tables and
// mail) belongs to the places that show it; the values its provenance
// quotes ("300M USD") are written with package money's wording.
//
// # Merging
//
// Two articles report the same happening when all of these hold:
//
//   - the same event type and the same event key (news.Tags.EventKey: the
//     primary company, or the acquirer for an acquisition). Canonical
//     company names come from the taxonomy, which knows "百川智能" and
//     "Baichuan" as one company, so reports merge across languages;
//   - close in time: published within Window of the event's first firm
//     (not rumoured) report, or within RumorWindow of the first rumour when
//     the event so far is only talk (talks are reported weeks before a
//     round closes). News of a round, a deal or a release runs for a few
//     days: the announcement, the follow-ups, translations a day or two
//     later and weekly round-ups within the week. Ten days covers that
//     and keeps apart a company's next round, which comes months later;
//   - compatible fields with every report already in the event (complete
//     linkage, so that a chain of near matches cannot drift): amounts in
//     USD within AmountTolerance of each other (RumorTolerance when either
//     report is a rumour), unless both name the same lettered round, or
//     the same target of an acquisition, or it is an IPO (a company closes
//     one series B, is bought once and lists once: a report giving the
//     lead's share, a share price or an earlier offer is the same
//     happening, its sum an alternative); the same round, unless either
//     report names none or a generic one (strategic, growth, unknown); the
//     same target of an acquisition; the same model of a release, or one
//     name extending the other ("Qwen3" and "Qwen3-235B"). A model release
//     and a product launch of one company merge only when they name the
//     same thing (the same model, or a distinctive name such as "GPT-5"
//     in both headlines).
//
// Articles are taken in order of publication (then ID), and each joins
// the compatible event whose latest report is nearest, or starts a new
// one. The same articles always give the same events.
//
// # Reconciling
//
// Each field takes the value given by the most distinct sources; a tie
// goes to the more specific value (more significant digits for a sum, a
// lettered round over "strategic", the longer name), then to the earliest
// report. Values other reports gave are kept as alternatives. The type is
// the one most reports give (a tie to the type listed first in
// news.EventTypes); the date is the earliest report's; the status the
// furthest along any report gives (rumored → announced → completed);
// investors and lead investors are the union of those named,
// most-reported first.
package events
