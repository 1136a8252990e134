// Package demo serves aitracker's bundled sample feeds (English and
// Chinese, RSS, Atom and JSON Feed, written for the project: paraphrased
// or invented items) from a local HTTP server on 127.0.0.1, with dates
// counted back from now, or from a fixed instant so that a demo that
// keeps its data serves the same feeds at every start, and a page for
// every item link. Sources lists the sources that point at it. It lets a
// new user see the whole loop with no network access.
//
// It only serves. It does not ingest, classify, store or index what it
// serves, nor choose the configuration the demo runs with: the command's
// "demo" points the stages at it and allows fetches from private networks
// for it. It parses its own feeds (with package feed) only to find the
// item an article page shows. It listens on loopback only and makes no
// request of its own.
package demo
