package index

import (
	"html"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis/lang/cjk"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
)

// marks are what a snippet highlights: the query's words as the index
// analyses them (English stems, CJK bigrams) and its prefixes.
type marks struct {
	en       map[string]bool
	zh       map[string]bool
	prefixes []string
}

func (m marks) empty() bool { return len(m.en) == 0 && len(m.zh) == 0 && len(m.prefixes) == 0 }

// markTerms collects the free-text words and phrases of a query (not the
// excluded ones, not the filters), analysed the way the index analyses
// text, so that "acquisitions" marks "acquisition" and 融资 marks 融资.
func (ix *Index) markTerms(cs []*clause) marks {
	m := marks{en: map[string]bool{}, zh: map[string]bool{}}
	mp := ix.b.Mapping()
	enA, zhA := mp.AnalyzerNamed(en.AnalyzerName), mp.AnalyzerNamed(cjk.AnalyzerName)
	for _, c := range cs {
		if c.filter != nil || c.negate {
			continue
		}
		if c.prefix {
			m.prefixes = append(m.prefixes, c.value)
			continue
		}
		if enA != nil && !hasHan(c.value) {
			for _, t := range enA.Analyze([]byte(c.value)) {
				m.en[string(t.Term)] = true
			}
		}
		if zhA != nil && hasHan(c.value) {
			for _, t := range zhA.Analyze([]byte(c.value)) {
				m.zh[string(t.Term)] = true
			}
		}
	}
	return m
}

// Snippet bounds, in bytes.
const (
	snippetWindow = 280 // the text shown
	snippetBefore = 80  // context kept before the first match
)

// snippet is the stored lead as HTML, cut to a window around the first
// match, with <mark> around every match.
func (ix *Index) snippet(text string, m marks) string {
	if text == "" {
		return ""
	}
	var spans [][2]int
	if !m.empty() {
		mp := ix.b.Mapping()
		if a := mp.AnalyzerNamed(en.AnalyzerName); a != nil && (len(m.en) > 0 || len(m.prefixes) > 0) {
			for _, t := range a.Analyze([]byte(text)) {
				word := strings.ToLower(text[t.Start:t.End])
				if m.en[string(t.Term)] || hasPrefixAny(word, m.prefixes) {
					spans = append(spans, [2]int{t.Start, t.End})
				}
			}
		}
		if a := mp.AnalyzerNamed(cjk.AnalyzerName); a != nil && len(m.zh) > 0 {
			for _, t := range a.Analyze([]byte(text)) {
				if m.zh[string(t.Term)] {
					spans = append(spans, [2]int{t.Start, t.End})
				}
			}
		}
	}
	spans = mergeSpans(spans)
	start, end := 0, len(text)
	if len(text) > snippetWindow {
		if len(spans) > 0 && spans[0][0] > snippetBefore {
			start = wordStart(text, spans[0][0]-snippetBefore)
		}
		end = wordEnd(text, min(len(text), start+snippetWindow))
	}
	var b strings.Builder
	if start > 0 {
		b.WriteString("…")
	}
	at := start
	for _, s := range spans {
		if s[1] <= start || s[0] >= end {
			continue
		}
		s[0], s[1] = max(s[0], start), min(s[1], end)
		b.WriteString(html.EscapeString(text[at:s[0]]))
		b.WriteString("<mark>")
		b.WriteString(html.EscapeString(text[s[0]:s[1]]))
		b.WriteString("</mark>")
		at = s[1]
	}
	b.WriteString(html.EscapeString(text[at:end]))
	if end < len(text) {
		b.WriteString("…")
	}
	return b.String()
}

func hasPrefixAny(s string, prefixes []string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// mergeSpans sorts spans and joins those that overlap or touch.
func mergeSpans(spans [][2]int) [][2]int {
	sort.Slice(spans, func(i, j int) bool { return spans[i][0] < spans[j][0] })
	var out [][2]int
	for _, s := range spans {
		if n := len(out); n > 0 && s[0] <= out[n-1][1] {
			out[n-1][1] = max(out[n-1][1], s[1])
			continue
		}
		out = append(out, s)
	}
	return out
}

// wordStart moves i back to the start of a rune, and to the start of a
// word when a space is near.
func wordStart(text string, i int) int {
	for i > 0 && !utf8.RuneStart(text[i]) {
		i--
	}
	if j := strings.IndexByte(text[i:min(len(text), i+24)], ' '); j >= 0 {
		return i + j + 1
	}
	return i
}

// wordEnd moves i back to the end of a rune, and to the end of a word
// when a space is near.
func wordEnd(text string, i int) int {
	// (Text that is not UTF-8 may have no rune start before i.)
	for i > 0 && i < len(text) && !utf8.RuneStart(text[i]) {
		i--
	}
	if j := strings.LastIndexByte(text[max(0, i-24):i], ' '); j >= 0 {
		return max(0, i-24) + j
	}
	return i
}
