package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// Candidate is one text that the extractor weighed as the page's main
// text, by the features that the choice reads.
type Candidate struct {
	// Name is the pass that made it: "readability" (the library as it
	// is), "pruned" (readability's text less the boilerplate nodes it
	// kept), "blocks" (this package's own pass over text blocks),
	// "json-ld" (the page's schema.org articleBody).
	Name string
	// Chars is its length in characters, Han the Han characters among
	// them.
	Chars, Han int
	// Paragraphs counts its paragraphs of at least a sentence.
	Paragraphs int
	// LinkDensity is the share of its characters that were link text.
	LinkDensity float64
	// Summary is the share of the feed summary's word pairs (character
	// pairs for Han) found in it; -1 when there is no summary.
	Summary float64
}

// candidate is a Candidate with its text.
type candidate struct {
	Candidate
	text string
}

// newCandidate measures text; linkChars is how many of its characters
// were link text.
func newCandidate(name, text string, linkChars int) candidate {
	c := candidate{Candidate: Candidate{Name: name, Summary: -1}, text: text}
	for _, r := range text {
		if unicode.IsSpace(r) {
			continue
		}
		c.Chars++
		if unicode.Is(unicode.Han, r) {
			c.Han++
		}
	}
	if c.Chars > 0 {
		c.LinkDensity = min(1, float64(linkChars)/float64(c.Chars))
	}
	for para := range strings.SplitSeq(text, "\n\n") {
		if sentenceLike(para) {
			c.Paragraphs++
		}
	}
	return c
}

// sentenceLike reports whether s reads as at least one sentence: 80
// characters, or 25 in a script written without spaces (Chinese,
// Japanese), holding sentence punctuation.
func sentenceLike(s string) bool {
	s = strings.TrimSpace(s)
	n := utf8.RuneCountInString(s)
	if n < 25 || (n < 80 && !denseScript(s)) {
		return false
	}
	return strings.ContainsAny(s, ".!?。！？，；、")
}

// denseScript reports whether over a third of the letters of s are
// Han, kana or Hangul, where a character is about a word.
func denseScript(s string) bool {
	var dense, letters int
	for _, r := range s {
		if !unicode.IsLetter(r) {
			continue
		}
		letters++
		if r >= 0x1100 && unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul) {
			dense++
		}
	}
	return letters > 0 && 3*dense > letters
}

// linkChars counts the characters of link text under n.
func linkChars(n *html.Node) int {
	count := 0
	var walk func(*html.Node, bool)
	walk = func(n *html.Node, inLink bool) {
		switch n.Type {
		case html.TextNode:
			if inLink {
				for _, r := range n.Data {
					if !unicode.IsSpace(r) {
						count++
					}
				}
			}
			return
		case html.ElementNode:
			if n.Data == "a" {
				inLink = true
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, inLink)
		}
	}
	if n != nil {
		walk(n, false)
	}
	return count
}
