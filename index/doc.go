// Package index is aitracker's full-text search: a Bleve index holding
// one document per article with its tags and its event, a static mapping
// (English and CJK analysers over the same text, keyword fields for
// filters, a date for ranges and sorting), a small query language with
// facets and snippets, and the watermark that says which store it was
// built from and which of that store's writes it has seen. The index is
// derived data: it never holds anything the store does not. It owns its
// life on disk (live.go, rebuild.go): OpenLive builds it from the store
// when it is missing, rebuilds it when it is torn, of an older mapping or
// of another store, and catches it up with what was stored since; Live is
// the one handle every reader and writer holds, through rebuilds.
//
// It only reads the store, through the three methods of its own Store
// interface (ID, MaxSeq, ArticlesAfter); it never writes there and does
// not import package store. It does not classify, merge events or decide
// which articles are copies: it indexes the tags, events and links the
// store holds. Turning flags and URL parameters into the store's event
// filters is package query's, which reads dates and sums with ParseWhen
// and ParseAmount from here. The process's settings are not its to
// change: a bulk build calls the command's Config.TuneBulk around itself,
// and nothing here reads the environment.
package index
