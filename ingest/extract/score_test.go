package extract

import (
	"regexp"
	"strings"
	"unicode"
)

// The scorers of the public extraction benchmarks, re-implemented to
// measure this package on their pages.

var wordRE = regexp.MustCompile(`[\p{L}\p{N}_]+`)

// tokens splits text for scoring: Unicode words, except that Han text
// (which has no spaces) becomes character bigrams when cjk is set.
func tokens(text string, cjk bool) []string {
	words := wordRE.FindAllString(text, -1)
	if !cjk {
		return words
	}
	var out []string
	for _, w := range words {
		var run []rune
		flush := func() {
			if len(run) == 1 {
				out = append(out, string(run))
			}
			for i := 0; i+1 < len(run); i++ {
				out = append(out, string(run[i:i+2]))
			}
			run = run[:0]
		}
		var latin strings.Builder
		for _, r := range w {
			if unicode.Is(unicode.Han, r) {
				if latin.Len() > 0 {
					out = append(out, latin.String())
					latin.Reset()
				}
				run = append(run, r)
				continue
			}
			flush()
			latin.WriteRune(r)
		}
		flush()
		if latin.Len() > 0 {
			out = append(out, latin.String())
		}
	}
	return out
}

// shingles is the multiset of n-token shingles; a text shorter than n
// tokens gives one shorter shingle, an empty text none.
func shingles(toks []string, n int) map[string]int {
	m := map[string]int{}
	if len(toks) == 0 {
		return m
	}
	if len(toks) < n {
		m[strings.Join(toks, " ")]++
		return m
	}
	for i := 0; i+n <= len(toks); i++ {
		m[strings.Join(toks[i:i+n], " ")]++
	}
	return m
}

// prf is one document's shingle precision and recall, following the
// article-extraction-benchmark's evaluate.py.
type prf struct {
	p, r       float64
	hasP, hasR bool // whether the document counts in the precision / recall mean
	exact      bool
}

func shingleScore(truth, pred string, cjk bool) prf {
	tt, pt := tokens(truth, cjk), tokens(pred, cjk)
	ts, ps := shingles(tt, 4), shingles(pt, 4)
	var tp, fp, fn float64
	for k, c := range ps {
		t := ts[k]
		tp += float64(min(c, t))
		fp += float64(max(0, c-t))
	}
	for k, c := range ts {
		fn += float64(max(0, c-ps[k]))
	}
	out := prf{exact: strings.Join(tt, " ") == strings.Join(pt, " ")}
	if fp == 0 && fn == 0 {
		return prf{p: 1, r: 1, hasP: true, hasR: true, exact: out.exact}
	}
	if tp+fp > 0 {
		out.p, out.hasP = tp/(tp+fp), true
	} else {
		out.hasP = true // nothing predicted: precision 0
	}
	if tp+fn > 0 {
		out.r, out.hasR = tp/(tp+fn), true
	} else {
		out.hasR = true
	}
	return out
}

// corpusScore averages per-document scores: mean precision, mean recall,
// F1 of the means, and the share of exact matches.
type corpusScore struct {
	p, r, f1, accuracy float64
	n                  int
}

func meanScores(docs []prf) corpusScore {
	var sp, sr float64
	var np, nr, exact int
	for _, d := range docs {
		if d.hasP {
			sp += d.p
			np++
		}
		if d.hasR {
			sr += d.r
			nr++
		}
		if d.exact {
			exact++
		}
	}
	var c corpusScore
	c.n = len(docs)
	if np > 0 {
		c.p = sp / float64(np)
	}
	if nr > 0 {
		c.r = sr / float64(nr)
	}
	if c.p+c.r > 0 {
		c.f1 = 2 * c.p * c.r / (c.p + c.r)
	}
	if len(docs) > 0 {
		c.accuracy = float64(exact) / float64(len(docs))
	}
	return c
}
