// Package storetest is the conformance suite of store.Store: the contract
// of every method, written as tests that run against any implementation.
// An implementation's own test calls Run with a way to open an empty
// store; nothing here knows which database is behind it, so a second
// backend passes the same suite without a change here.
//
// It holds tests and their helpers only: the program never imports it,
// and it opens no store itself (Backend.Open does). It checks what a
// store promises, not what the stages decide: which items are copies is
// dedupe's and how articles merge is events', so the suite builds its
// look-ups with dedupe.For, as the pipeline does, and its events by hand.
// What belongs to one backend (SQLite's migrations, a damaged file) is
// tested beside it, in package store.
package storetest
