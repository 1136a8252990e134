// Package store is aitracker's store of record: sources and their fetch
// state, articles with their tags, events, subscribers and the digest
// ledger, behind one interface, Store, which is all the stages see. Open
// returns the SQLite implementation (one file, pure Go, WAL mode; numbered
// migrations run at Open); OpenPostgres the PostgreSQL one, for several
// processes writing at once (its own numbered migrations, and locks where
// SQLite relies on having one writer: see Postgres); OpenWith picks one
// from a Config. What the two do alike is written once (sqlStore, over a
// small dialect for the SQL that differs: engine.go); each engine's files
// keep what differs. Package storetest holds the conformance suite that every
// implementation passes. Everything else (the search index,
// the web pages) is derived from what it holds; every article write gets
// a sequence number so that the index can tell what it has not seen.
//
// The store keeps data and answers queries; it decides nothing a stage
// owns. It does not judge what makes two items copies (dedupe builds the
// Query it answers), merge articles into events (events does, and hands
// it the result), classify, or parse what users type (package query turns
// flags and URL parameters into an EventFilter). It knows nothing of
// HTTP, feeds or Bleve, and it does not log.
package store
