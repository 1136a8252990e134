// Package dedupe owns what makes two items one. It decides when an item
// is the one a source already gave (Key, its identity within the source
// across fetches), whether what the source says of it changed
// (ContentHash), and when an article of one source repeats another's: the
// same canonical URL, or a text whose SimHash fingerprint is within
// NearDuplicateBits of the other's, published within Window of it. It
// says how a fingerprint is banded for a look-up (BandsOf) and what a new
// article asks the store (the Query that For makes).
//
// It does no I/O and holds no state: the store keeps each article's bands
// and answers the Query in the same write that stores the article, so
// that of two copies stored at once the second always finds the first.
// It knows nothing of feeds, HTTP, SQL or the index, and it merges no
// differently worded reports of one happening: events do that.
package dedupe
