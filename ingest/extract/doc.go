// Package extract reads an article page: its main text, its title, its
// publication date, its language and its canonical URL (<link
// rel=canonical> or og:url). The main text is chosen among candidates,
// and the choice says why (Page.Why, Page.Candidates): the text of
// codeberg.org/readeck/go-readability (the maintained fork of the Go port
// of Mozilla's Readability), that text less the boilerplate it kept, the
// package's own blocks pass, and the page's JSON-LD articleBody. It is
// used when a feed carries only a teaser.
//
// It does no I/O: the page arrives as bytes. Fetching the page, asking
// robots.txt and deciding that an item is a teaser are fetch's and
// ingest's (FullText, IsTeaser). It does not canonicalise URLs (ingest's
// CanonicalURL does that to what it returns), classify the text or judge
// copies. A page of more tags than it can afford to read is refused
// (ErrTooManyElements), not cut.
package extract
