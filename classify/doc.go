// Package classify tags an article with the companies it is about, the
// industry layer, the event type and status, and the event's fields
// (amount, currency, round, investors, acquirer, target, model), and
// records for every decision the rule and the text span behind it.
//
// It owns the rules and what it compiles from the taxonomy it is given: New
// takes a config.Taxonomy (the companies, investors, layers, event frames,
// cue phrases, the words the rules read and the exchange rates, all data
// that config loads and checks) and builds once the matcher, the frames
// with their argument kinds and the lexicon of word lists and sets; it
// rejects the cue phrases and argument kinds it cannot read. Classify then
// reads text and returns tags.
//
// It does not read files, parse YAML, touch the network or the store, log
// or take a context: text in, tags out, the same tags for the same text and
// taxonomy, so it is fast to test and to benchmark. Loading the taxonomy is
// config's; storing and indexing the tags are the pipeline's.
package classify
