// Package feed turns the bytes of an RSS, Atom or JSON feed into items
// with plain-text titles and summaries, absolute links and UTC dates. It
// wraps gofeed and owns what gofeed leaves to its callers: deciding that
// a document is not a feed at all, resolving relative links, flattening
// HTML to text (Text), dropping the characters XML forbids, refusing a
// document nested too deep, repairing the stray tags that would make
// gofeed lose items, and keeping every string valid UTF-8.
//
// It does no I/O: the bytes come from fetch through ingest, and package
// charset decides their encoding. It does not canonicalise links, key
// items or find copies (ingest and dedupe do), nor read article pages
// (extract does). The only items it drops are those with nothing a reader
// could use (no title, summary, content or link), and the only dates
// those that cannot be right (before 1990, or past the year 9999).
package feed
