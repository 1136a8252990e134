package extract

import (
	"fmt"
	"hash/fnv"
	"strings"
	"unicode"
)

// The choice between the candidate texts. Readability's text, less the
// boilerplate it kept ("pruned"), is the default; the other passes
// replace or trim it when their features say so, and each rule that
// fires adds its reason to Why.

// choice is the chosen text, its name and reasons, and the features of
// every candidate weighed.
type choice struct {
	text, name, why string
	features        []Candidate
}

// Thresholds of the rules, each a share of word pairs (Han character
// pairs) or of characters.
const (
	// summaryHit: a text holds the feed summary when it has this share
	// of the summary's pairs; summaryMiss: it does not below this.
	summaryHit, summaryMiss = 0.6, 0.3
	// grow: the blocks pass found the article larger than readability
	// did when it holds this many times the characters, and holds
	// (contain) readability's text.
	grow, contain = 1.5, 0.8
	// same: two texts are the same when each holds this share of the
	// other.
	same = 0.95
	// maxLinks is the link density a replacement text may have.
	maxLinks = 0.2
	// agree: the blocks pass and readability found the same article
	// when the blocks text holds this share of readability's
	// sentence-like lines.
	agree = 0.9
)

func choose(cands []candidate, summary string) choice {
	byName := map[string]*candidate{}
	for i := range cands {
		byName[cands[i].Name] = &cands[i]
	}
	var sum map[uint64]bool
	if strings.TrimSpace(summary) != "" {
		sum = pairs(summary)
		for i := range cands {
			cands[i].Summary = containment(sum, pairs(cands[i].text))
		}
	}
	ch := choice{}
	for _, c := range cands {
		ch.features = append(ch.features, c.Candidate)
	}
	var why []string
	base := byName["pruned"]
	if base == nil || base.Chars == 0 {
		base = byName["readability"]
	}
	if base == nil {
		base = &candidate{}
	}
	blocks, ld := byName["blocks"], byName["json-ld"]

	// The feed's summary names the article: when readability's text does
	// not hold it and another candidate does, that one is the article.
	if sum != nil && base.Summary < summaryMiss {
		for _, alt := range []*candidate{ld, blocks} {
			if alt != nil && alt.Summary >= summaryHit && alt.LinkDensity <= maxLinks {
				why = append(why, fmt.Sprintf("%s holds %.0f%% of the feed summary, %s %.0f%%", alt.Name, 100*alt.Summary, base.Name, 100*base.Summary))
				base = alt
				break
			}
		}
	}

	// The publisher's own articleBody and the blocks pass, when they
	// agree on a text that holds what readability found and more, have
	// the whole article. (An articleBody alone may be a teaser, or hold
	// the article with its notes.)
	if ld != nil && blocks != nil && base != blocks && weighted(blocks.Candidate) > weighted(base.Candidate) {
		lp, bp := pairs(ld.text), pairs(blocks.text)
		l2b, b2l := containment(lp, bp), containment(bp, lp)
		if c := containment(pairs(base.text), bp); l2b >= same && b2l >= same && c >= contain {
			why = append(why, fmt.Sprintf("json-ld articleBody and blocks agree (%.0f%%, %.0f%%) on %.2f× the text of %s, holding %.0f%% of it",
				100*l2b, 100*b2l, float64(weighted(blocks.Candidate))/float64(max(1, weighted(base.Candidate))), base.Name, 100*c))
			base = blocks
		}
	}

	// Readability keeps one block; when the article is larger (a portal
	// that splits its text into parts), the blocks pass has it all.
	if base.Name != "blocks" && blocks != nil && blocks.LinkDensity <= maxLinks &&
		float64(weighted(blocks.Candidate)) >= grow*float64(weighted(base.Candidate)) {
		if c := containment(pairs(base.text), pairs(blocks.text)); c >= contain {
			why = append(why, fmt.Sprintf("blocks has %.1f× the text of %s and holds %.0f%% of it", float64(weighted(blocks.Candidate))/float64(max(1, weighted(base.Candidate))), base.Name, 100*c))
			base = blocks
		}
	}

	text, name := base.text, base.Name
	// Two passes that found the same Chinese article: the short lines
	// only one of them kept (editor, source, "延伸阅读") go. Not in other
	// scripts: there the reference texts disagree on such lines
	// (Readability's keeps "Related: …" and photo credits, the
	// article-extraction benchmark's does not).
	if base.Name != "blocks" && blocks != nil && denseScript(base.text) {
		if ag, cov, dropped := agreed(base.text, blocks.text); dropped > 0 && cov >= agree && 2*len(ag) >= len(base.text) {
			why = append(why, fmt.Sprintf("blocks holds %.0f%% of its sentences: %d short lines only %s kept dropped", 100*cov, dropped, base.Name))
			text, name = ag, base.Name+"+blocks"
		}
	}
	if len(why) == 0 {
		why = append(why, "default: readability's text less the boilerplate it kept")
	}
	ch.text, ch.name, ch.why = text, name, strings.Join(why, "; ")
	return ch
}

// weighted is a text's length with a Han character counted as three
// letters (it is a word, not a letter).
func weighted(c Candidate) int {
	return c.Chars + 2*c.Han
}

// agreed keeps the lines of a that read as sentences, and the others
// when b has them too. cov is the share of a's sentence-like text that
// b holds; dropped counts the lines left out.
func agreed(a, b string) (text string, cov float64, dropped int) {
	nb := strings.Join(strings.Fields(b), " ")
	var out []string
	var sent, sentIn int
	for _, line := range strings.Split(a, "\n") {
		t := strings.Join(strings.Fields(line), " ")
		in := strings.Contains(nb, t)
		s := sentenceLike(t)
		if s {
			sent += len(t)
			if in {
				sentIn += len(t)
			}
		}
		if t == "" || s || in {
			out = append(out, line)
		} else {
			dropped++
		}
	}
	if sent > 0 {
		cov = float64(sentIn) / float64(sent)
	}
	return tidy(strings.Join(out, "\n")), cov, dropped
}

// pairs is the set of a text's word pairs, and of its Han character
// pairs, hashed.
func pairs(s string) map[uint64]bool {
	set := map[uint64]bool{}
	var prev string
	h := fnv.New64a()
	add := func(a, b string) {
		h.Reset()
		h.Write([]byte(a))
		h.Write([]byte{0})
		h.Write([]byte(b))
		set[h.Sum64()] = true
	}
	word := func(w string) {
		if prev != "" {
			add(prev, w)
		}
		prev = w
	}
	start := -1
	for i, r := range s {
		switch {
		case unicode.Is(unicode.Han, r):
			if start >= 0 {
				word(strings.ToLower(s[start:i]))
				start = -1
			}
			word(string(r))
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if start < 0 {
				start = i
			}
		default:
			if start >= 0 {
				word(strings.ToLower(s[start:i]))
				start = -1
			}
		}
	}
	if start >= 0 {
		word(strings.ToLower(s[start:]))
	}
	return set
}

// containment is the share of a's members that b holds; 0 for an empty a.
func containment(a, b map[uint64]bool) float64 {
	if len(a) == 0 {
		return 0
	}
	n := 0
	for k := range a {
		if b[k] {
			n++
		}
	}
	return float64(n) / float64(len(a))
}
