package dedupe

import (
	"strings"
	"unicode"

	"github.com/cespare/xxhash/v2"

	"github.com/aitracker/aitracker/news"
)

// Fingerprint is the SimHash of an article's text: its lead and body, not
// its headline, because outlets rewrite headlines and the text under them
// is what a copy keeps. Set it once the body is final (after the page of
// a teaser was read).
func Fingerprint(a *news.Article) uint64 {
	return SimHash(a.Summary + "\n" + a.Body)
}

// minFeatures is the least number of shingles a text needs for its
// SimHash to mean anything; shorter texts (a bare headline) get none, and
// only their URL can make them duplicates.
const minFeatures = 24

// SimHash returns a 64-bit fingerprint of text in which similar texts
// differ in few bits (Charikar's SimHash): each feature (three-word
// shingles of Latin words, two-character shingles of Han text) votes with
// its xxhash on every bit. It returns 0 for texts too short to judge.
func SimHash(text string) uint64 {
	var votes [64]int
	n := 0
	add := func(feature string) {
		h := xxhash.Sum64String(feature)
		for i := range 64 {
			if h&(1<<uint(i)) != 0 {
				votes[i]++
			} else {
				votes[i]--
			}
		}
		n++
	}
	var words []string
	var han []rune
	flushHan := func() {
		for i := 0; i+1 < len(han); i++ {
			add(string(han[i : i+2]))
		}
		han = han[:0]
	}
	var word strings.Builder
	flushWord := func() {
		if word.Len() > 0 {
			words = append(words, word.String())
			word.Reset()
		}
	}
	for _, r := range text {
		switch {
		case unicode.Is(unicode.Han, r):
			flushWord()
			han = append(han, r)
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			flushHan()
			word.WriteRune(unicode.ToLower(r))
		default:
			flushWord()
			flushHan()
		}
	}
	flushWord()
	flushHan()
	for i := 0; i+2 < len(words); i++ {
		add(words[i] + " " + words[i+1] + " " + words[i+2])
	}
	if n < minFeatures {
		return 0
	}
	var h uint64
	for i, v := range votes {
		if v > 0 {
			h |= 1 << uint(i)
		}
	}
	if h == 0 {
		h = 1 // 0 means "no fingerprint"
	}
	return h
}
