// Package query turns what a user types, as command-line flags or URL
// parameters, into the filters the store answers (store.EventFilter),
// with an error that names the parameter that is wrong. It is shared by
// the CLI and the web API so that both read a filter the same way.
//
// It parses and nothing else: it runs no query, reads no store, writes no
// response, and knows nothing of HTTP or of flags beyond their names.
package query
