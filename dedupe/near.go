package dedupe

import (
	"math/bits"
	"time"

	"github.com/aitracker/aitracker/news"
)

// NearDuplicateBits is the largest SimHash distance at which two texts
// count as copies of one story. The classic web-crawl figure is 3 bits
// (Manku, Jain and Das Sarma, 2007), measured on whole pages, where a copy
// shares nearly all its text. News items are short (a lead and perhaps a
// body, 50–300 words), so each edited word flips more bits: SimHash
// estimates the angle between the texts' feature vectors, and a copy with
// a sentence added to a 45-word lead (cosine ≈ 0.9) lands about 9 bits
// away. On the bundled sample items (TestSampleItems), copies with a
// sentence added, punctuation changed or the last tenth cut fall 0–15
// bits from the original (92 % within 10), while all 1,326 pairs of
// different items, several of them differently worded reports of one
// happening, are 17 or more bits apart. 10 bits keeps a 7-bit margin from
// the closest distinct pair. Differently worded reports are merged later,
// as events, not here.
const NearDuplicateBits = 10

// Window is how far apart in publication time two copies of one story
// may be.
const Window = 7 * 24 * time.Hour

// NumBands is how many bands a fingerprint is split into for a look-up.
const NumBands = 7

// Bands are the parts of a fingerprint an index looks candidates up by.
type Bands [NumBands]int64

// BandsOf splits a SimHash into NumBands bands (six of 9 bits, one of
// 10) for an index look-up of candidates: by the pigeonhole principle
// every fingerprint within 6 bits shares a band, and most within
// NearDuplicateBits do (a 9-bit distance leaves some band intact about
// 85 % of the time); candidates are then checked bit by bit (Query.Near).
func BandsOf(h uint64) Bands {
	var b Bands
	for i := range NumBands - 1 {
		b[i] = int64(h >> (9 * uint(i)) & 0x1ff)
	}
	b[NumBands-1] = int64(h >> 54)
	return b
}

// Query is what a new article asks the store: which earlier article of
// another source it repeats. The answer is the earliest stored original
// (an article that itself repeats none, so that copies link to the first
// report, not to each other) of a source other than SourceID that has
// the same canonical URL; failing that, the earliest published between
// From and To whose fingerprint shares one of Bands and is Near SimHash.
// The zero Query finds nothing.
type Query struct {
	SourceID int64
	URL      string
	SimHash  uint64 // 0: the text is too short to compare
	Bands    Bands
	From, To time.Time
}

// For is the Query of a new article, whose URL, SimHash (Fingerprint),
// source and date are set.
func For(a *news.Article) Query {
	return Query{
		SourceID: a.SourceID,
		URL:      a.URL,
		SimHash:  a.SimHash,
		Bands:    BandsOf(a.SimHash),
		From:     a.Published.Add(-Window),
		To:       a.Published.Add(Window),
	}
}

// ByText reports whether the query looks for near-identical text at all.
func (q Query) ByText() bool { return q.SimHash != 0 }

// Near reports whether a candidate's fingerprint h is within
// NearDuplicateBits of the query's.
func (q Query) Near(h uint64) bool {
	return q.SimHash != 0 && h != 0 && bits.OnesCount64(h^q.SimHash) <= NearDuplicateBits
}
