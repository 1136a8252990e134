// Package pipeline is the one place that strings aitracker's stages
// together: for each source that is due it fetches and parses (ingest),
// fetches the page of teaser items, tags (classify) and stores (store),
// handing each article on by value; then it brings the events (events)
// and the search index (index) up to date with what the pass stored. It
// also decides when each source is next due (Retry-After, Cache-Control,
// a back-off after failures that is longer for a permanent one), runs the
// schedule, and reclassifies stored articles (Reclassify).
//
// It owns no data: the index's life on disk (open, rebuild, catch-up) is
// the index package's. The stages it wires (ingest, classify, store,
// events, index) do not call one another; what two of them share
// (dedupe's keys and look-ups, which ingest and the store both use) has a
// package of its own. It holds no stage's rules either: it does not parse
// feeds or pages (ingest), tell copies apart (dedupe builds the query the
// store answers), merge events (events), or read the taxonomy or the
// configuration file: the command hands it a built store, index, fetcher
// and classifier, and the policy. It sets nothing for the process and
// reads no environment variable.
package pipeline
