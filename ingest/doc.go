// Package ingest reads one source: it fetches the feed (or list page)
// through the guarded client in fetch/, parses it with feed/ (a list page
// with the source's CSS selectors: ListPage), and turns the items into
// articles with canonical URLs (CanonicalURL), dedup keys (dedupe.Key),
// UTC dates and a language; it reads the page of a teaser item (FullText,
// with extract/, when robots.txt allows) and hands back what it read,
// which Page.Fill gives to the article. Explain says why a source could
// not be read in plain words.
//
// It does not classify, store or index: pipeline does that with what
// ingest returns. It does not decide which articles are copies of which
// (dedupe does; ingest only takes its Key), when a source is due again or
// what is recorded of a failure (pipeline and the store), nor the kind of
// a fetch failure (fetch says it). It keeps no state of its own between
// calls and does not log.
package ingest
