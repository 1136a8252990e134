package classify

import (
	"math/rand"
	"slices"
	"sort"
	"strings"
	"testing"
)

// TestMatcherAgainstNaive compares the automaton with a plain search of
// every pattern at every offset, on texts built from the real dictionary
// (aliases, cues, their prefixes and glue), so that overlaps, shared
// prefixes, Han text and word boundaries all occur.
func TestMatcherAgainstNaive(t *testing.T) {
	c := testClassifier(t)
	m := c.m
	rng := rand.New(rand.NewSource(7))
	glue := []string{" ", "", "-", ", ", "3", "s", "，", "的", "A", "x ", "(", ")"}
	pick := func() string {
		p := m.pats[rng.Intn(len(m.pats))].text
		switch rng.Intn(4) {
		case 0: // a prefix of a pattern
			if n := len(p); n > 1 {
				p = p[:1+rng.Intn(n-1)]
			}
		case 1: // as written in a headline
			p = strings.ToUpper(p[:1]) + p[1:]
		}
		return p
	}
	for trial := 0; trial < 3030; trial++ {
		var b strings.Builder
		n := 1 + rng.Intn(6)
		if trial >= 3000 {
			// Long texts, which the automaton scans as two halves at once.
			n = 300 + rng.Intn(500)
		}
		for ; n > 0; n-- {
			b.WriteString(pick())
			b.WriteString(glue[rng.Intn(len(glue))])
		}
		text := b.String()
		folded := fold(text)
		got := m.scan(partTitle, text, folded, nil)
		want := naiveScan(m, text, folded)
		for i := 1; i < len(got); i++ {
			if a, b := got[i-1], got[i]; a.start > b.start || a.start == b.start && a.end < b.end {
				t.Fatalf("text %q: hits out of order at %d", text, i)
			}
		}
		if !sameHits(got, want) {
			t.Fatalf("text %q:\n got  %v\n want %v", text, hitKeys(got), hitKeys(want))
		}
	}
}

// TestAutomatonHalves checks that scanning a long text in two or four parts
// finds what one pass finds, wherever the boundaries fall (inside a
// pattern, on its edges, in Han text).
func TestAutomatonHalves(t *testing.T) {
	a, err := newAutomaton([]string{"ab", "abc", "bcd", "c", "cd", "deabc", "智谱", "谱ai", "a"})
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewSource(3))
	alphabet := []string{"a", "b", "c", "d", "e", " ", "智", "谱", "ai"}
	for trial := 0; trial < 2000; trial++ {
		var b strings.Builder
		for n := splitMin + rng.Intn(5*splitMin); b.Len() < n; {
			b.WriteString(alphabet[rng.Intn(len(alphabet))])
		}
		text := []byte(b.String())
		got, want := partsAndOnePass(a, text)
		if len(got) != len(want) {
			t.Fatalf("%d matches in halves, %d in one pass (text of %d bytes)", len(got), len(want), len(text))
		}
		for i := range got {
			if got[i] != want[i] {
				t.Fatalf("match %d: %+v in halves, %+v in one pass", i, got[i], want[i])
			}
		}
	}
}

// naiveScan is scan by brute force: every pattern at every offset, each
// match read as scan reads the automaton's.
func naiveScan(m *matcher, text, folded string) []hit {
	var out []hit
	for pi := range m.pats {
		p := &m.pats[pi]
		for off := 0; ; {
			i := strings.Index(folded[off:], p.text)
			if i < 0 {
				break
			}
			start, end := off+i, off+i+len(p.text)
			off = start + 1
			out = m.hits(partTitle, text, p, start, end, len(text), out)
		}
	}
	return out
}

type hitKey struct {
	start, end int
	ref        *ref
}

func hitKeys(hs []hit) []hitKey {
	keys := make([]hitKey, len(hs))
	for i, h := range hs {
		keys[i] = hitKey{h.start, h.end, h.ref}
	}
	sort.Slice(keys, func(i, j int) bool {
		a, b := keys[i], keys[j]
		if a.start != b.start {
			return a.start < b.start
		}
		if a.end != b.end {
			return a.end < b.end
		}
		ra, rb := a.ref, b.ref
		if ra.kind != rb.kind {
			return ra.kind < rb.kind
		}
		if ra.idx != rb.idx {
			return ra.idx < rb.idx
		}
		if ra.unit != rb.unit {
			return ra.unit < rb.unit
		}
		return ra.alias < rb.alias
	})
	return keys
}

func sameHits(a, b []hit) bool {
	count := map[hitKey]int{}
	for _, k := range hitKeys(a) {
		count[k]++
	}
	for _, k := range hitKeys(b) {
		count[k]--
	}
	for _, n := range count {
		if n != 0 {
			return false
		}
	}
	return len(a) == len(b)
}

// TestOutermost compares the one-pass outermost with the definition:
// drop a hit that a longer hit of the same part contains.
func TestOutermost(t *testing.T) {
	rng := rand.New(rand.NewSource(3))
	for trial := 0; trial < 2000; trial++ {
		var hits []hit
		for _, part := range []part{partTitle, partSummary, partBody} {
			var ph []hit
			for n := rng.Intn(8); n > 0; n-- {
				s := rng.Intn(20)
				ph = append(ph, hit{ref: &noRef, part: part, start: s, end: s + 1 + rng.Intn(6)})
			}
			sort.SliceStable(ph, func(i, j int) bool {
				if ph[i].start != ph[j].start {
					return ph[i].start < ph[j].start
				}
				return ph[i].end > ph[j].end
			})
			hits = append(hits, ph...)
		}
		var want []hit
		for i, h := range hits {
			inside := false
			for j, o := range hits {
				if i != j && o.part == h.part && o.start <= h.start && h.end <= o.end && o.end-o.start > h.end-h.start {
					inside = true
				}
			}
			if !inside {
				want = append(want, h)
			}
		}
		got := outermost(hits)
		if len(got) != len(want) {
			t.Fatalf("trial %d: got %d hits, want %d", trial, len(got), len(want))
		}
		for i := range got {
			if got[i].part != want[i].part || got[i].start != want[i].start || got[i].end != want[i].end {
				t.Fatalf("trial %d: hit %d is %+v, want %+v", trial, i, got[i], want[i])
			}
		}
	}
}

// partsAndOnePass scans text as scan does and in one pass, and returns
// both lists of matches in one order.
func partsAndOnePass(a *automaton, text []byte) (parts, one []acMatch) {
	parts = a.scan(text, nil)
	one = a.scanRange(text, 0, len(text), a.start, nil)
	order := func(x, y acMatch) int {
		if x.end != y.end {
			return int(x.end - y.end)
		}
		return int(x.pattern - y.pattern)
	}
	slices.SortFunc(parts, order)
	slices.SortFunc(one, order)
	return parts, one
}

// FuzzAutomatonParts: whatever the text, scanning it in parts finds what
// one pass finds. Short inputs are repeated so that texts reach the
// lengths scanned in two and four parts.
func FuzzAutomatonParts(f *testing.F) {
	f.Add("OpenAI raises $6.6 billion; 智谱AI完成新一轮融资", 40)
	f.Add("series b led by sequoia", 200)
	a := testClassifier(f).m.ac
	f.Fuzz(func(t *testing.T, s string, repeat int) {
		if repeat < 1 || repeat > 400 || len(s)*repeat > 1<<16 {
			return
		}
		text := []byte(fold(strings.Repeat(s, repeat)))
		got, want := partsAndOnePass(a, text)
		if !slices.Equal(got, want) {
			t.Fatalf("%d bytes: %d matches in parts, %d in one pass", len(text), len(got), len(want))
		}
	})
}

func TestBoilerplateReadsBlank(t *testing.T) {
	c := testClassifier(t)
	tests := []struct {
		title, summary string
		want, absent   []string // companies
	}{
		// The outlet's sentence names WeChat (Tencent): it is not the news.
		{"大模型幻觉问题的十种缓解方法", "本文来自微信公众号“某某”，作者：张三，36氪经授权发布。大模型幻觉是……", nil, []string{"Tencent"}},
		{"Acme raises $40M Series B", "Acme said the round was led by Index. The post Acme raises $40M appeared first on Google News.", nil, []string{"Google"}},
		// Near miss: a sentence of the news that names the same company stays.
		{"Acme builds on WeChat", "Acme said its agents now run inside 微信 for 10 million users. Read more", []string{"Tencent"}, nil},
	}
	for _, tt := range tests {
		tags := c.Classify(Input{Title: tt.title, Summary: tt.summary})
		for _, n := range tt.absent {
			if containsCompany(tags.Companies, n) {
				t.Errorf("%q: %s tagged from boilerplate", tt.title, n)
			}
		}
		for _, n := range tt.want {
			if !containsCompany(tags.Companies, n) {
				t.Errorf("%q: %s not tagged: %v", tt.title, n, tags.Companies)
			}
		}
	}
}

func TestBlankSpans(t *testing.T) {
	s := "新闻。本文来自某某。"
	got := blankSpans(s, [][2]int{{len("新闻。"), len(s)}})
	if want := "新闻。" + strings.Repeat(" ", len(s)-len("新闻。")); got != want || len(got) != len(s) {
		t.Errorf("blankSpans = %q, want %q", got, want)
	}
	if got := sentenceAround([][2]int{{0, 5}, {5, 12}}, 7); got != [2]int{5, 12} {
		t.Errorf("sentenceAround = %v", got)
	}
}
