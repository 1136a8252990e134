package classify

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"github.com/aitracker/aitracker/config"
	"github.com/aitracker/aitracker/news"
)

// refKind says what a dictionary pattern stands for.
type refKind uint8

const (
	refCompany refKind = iota
	refInvestor
	refEvent
	refLayer
	refStatus
	refContext
	refInvesting
	refBackground   // a phrase that makes its clause background ("last year", "此前")
	refNegation     // a phrase that denies or calls off the event of its clause
	refHypothetical // a phrase that makes the event of its clause a possibility
	refTrade        // a phrase of shares traded on the market ("activist", "举牌")
	refGenre        // a headline word of a genre that reports no event ("Opinion:", "Why")
	refNewsletter   // a headline word of a newsletter listing several stories
	refFalseFriend  // a phrase that holds a cue without being it ("融资余额")
	refHead         // a noun an event noun can modify ("Series B investors", "融资环境")
	refText         // a span of text that is no dictionary match (a sum, a round's words)
)

// ref is one meaning of a pattern: a company alias, an event cue, …
type ref struct {
	kind      refKind
	idx       int // into config.Taxonomy.Companies, .Investors, .Events, .Layers or .Statuses
	unit      int // index into the company's units, or -1
	alias     string
	ambiguous bool
	weight    float64
	anchored  bool // matches only at the start of a part
	before    bool // investing cue whose names come before it
	overrides bool // event cue that, in a headline, outweighs the other types
	object    bool // funding cue followed by the company that raises
	lang      string
	// frame is the index into Classifier.frames of an event cue's frame,
	// or -1 for a support cue and every other kind.
	frame int
}

// noRef is the meaning of a hit that is not a dictionary match (a sum
// of money given as evidence).
var noRef = ref{unit: -1, frame: -1}

// textRef is the meaning of a span of text asked about where it stands.
var textRef = ref{kind: refText, unit: -1, frame: -1}

// pattern is one distinct folded string in the automaton.
type pattern struct {
	text string
	refs []ref
}

// matcher finds every alias and cue in a text in one pass of one
// Aho-Corasick automaton over ASCII-folded text, then keeps the matches
// that sit on word boundaries (Latin script) and resolves overlaps.
type matcher struct {
	ac     *automaton
	pats   []pattern
	layers [][]news.Layer // per company, per unit
	// learned finds the names of companies learnt from earlier articles
	// (see Classifier.WithLearned), in an automaton of their own so that
	// learning one does not rebuild the large one; its pattern i is
	// reported as len(pats)+i.
	learned *automaton
	lpats   []pattern
}

// withLearned returns the matcher that also finds the learnt companies
// of t from index first on, sharing m's automaton.
func (m *matcher) withLearned(t *config.Taxonomy, first int) (*matcher, error) {
	nm := &matcher{ac: m.ac, pats: m.pats, layers: append(slices.Clip(m.layers), make([][]news.Layer, len(t.Companies)-first)...)}
	index := map[string]int{}
	var texts []string
	for ci := first; ci < len(t.Companies); ci++ {
		c := t.Companies[ci]
		amb := foldSet(c.Ambiguous)
		for _, a := range append([]string{c.Name}, c.Aliases...) {
			key := fold(strings.TrimSpace(a))
			if key == "" {
				continue
			}
			i, ok := index[key]
			if !ok {
				i = len(nm.lpats)
				index[key] = i
				nm.lpats = append(nm.lpats, pattern{text: key})
				texts = append(texts, key)
			}
			nm.lpats[i].refs = append(nm.lpats[i].refs, ref{kind: refCompany, idx: ci, unit: -1, alias: a, ambiguous: amb[key], frame: -1})
		}
	}
	ac, err := newAutomaton(texts)
	if err != nil {
		return nil, err
	}
	nm.learned = ac
	return nm, nil
}

// pattern returns the pattern an automaton's match reports.
func (m *matcher) pattern(i int32) *pattern {
	if int(i) < len(m.pats) {
		return &m.pats[i]
	}
	return &m.lpats[int(i)-len(m.pats)]
}

func newMatcher(t *config.Taxonomy, frames []Frame, investorCompany map[int]int) (*matcher, error) {
	m := &matcher{layers: make([][]news.Layer, len(t.Companies))}
	for ci, c := range t.Companies {
		for _, u := range c.Units {
			m.layers[ci] = append(m.layers[ci], u.Layer)
		}
	}
	index := map[string]int{}
	addKey := func(key string, r ref) {
		i, ok := index[key]
		if !ok {
			i = len(m.pats)
			index[key] = i
			m.pats = append(m.pats, pattern{text: key})
		}
		m.pats[i].refs = append(m.pats[i].refs, r)
	}
	add := func(s string, r ref) {
		if r.kind != refEvent {
			r.frame = -1
		}
		s = strings.TrimSpace(s)
		if s == "" {
			return
		}
		key := fold(s)
		addKey(key, r)
		// "won't" is as often written "won’t": the typographic apostrophe
		// finds the same meaning.
		if curly := strings.ReplaceAll(key, "'", "’"); curly != key {
			addKey(curly, r)
		}
	}
	for ci, c := range t.Companies {
		amb := foldSet(c.Ambiguous)
		for _, a := range append([]string{c.Name}, c.Aliases...) {
			add(a, ref{kind: refCompany, idx: ci, unit: -1, alias: a, ambiguous: amb[fold(a)]})
		}
		for ui, u := range c.Units {
			for _, a := range append([]string{u.Name}, u.Aliases...) {
				add(a, ref{kind: refCompany, idx: ci, unit: ui, alias: a, ambiguous: amb[fold(a)]})
			}
		}
	}
	for ii, inv := range t.Investors {
		amb := foldSet(inv.Ambiguous)
		for _, a := range append([]string{inv.Name}, inv.Aliases...) {
			if ci, ok := investorCompany[ii]; ok {
				// The company itself: its investor-list names find it too.
				add(a, ref{kind: refCompany, idx: ci, unit: -1, alias: a, ambiguous: amb[fold(a)] || foldSet(t.Companies[ci].Ambiguous)[fold(a)]})
				continue
			}
			add(a, ref{kind: refInvestor, idx: ii, unit: -1, alias: a, ambiguous: amb[fold(a)]})
		}
	}
	frameCues := func(kind refKind, idx, frame int, cs config.CueSet) {
		for _, lang := range []string{"en", "zh"} {
			list := cs.EN
			if lang == "zh" {
				list = cs.ZH
			}
			for _, c := range list {
				p := parseCue(c)
				add(p.phrase, ref{kind: kind, idx: idx, unit: -1, alias: p.phrase, weight: p.weight, anchored: p.anchored,
					before: p.before && kind == refInvesting, overrides: p.overrides && kind == refEvent,
					object: p.object && kind == refEvent, lang: lang, frame: frame})
			}
		}
	}
	cues := func(kind refKind, idx int, cs config.CueSet) { frameCues(kind, idx, -1, cs) }
	eventIdx := map[news.EventType]int{}
	for i, e := range t.Events {
		eventIdx[e.ID] = i
		cues(refEvent, i, e.Support)
	}
	for fi, f := range frames {
		frameCues(refEvent, eventIdx[f.Type], fi, f.Predicates)
	}
	cues(refNegation, 0, t.Readings.Negation)
	cues(refHypothetical, 0, t.Readings.Hypothetical)
	cues(refTrade, 0, t.Readings.Trade)
	cues(refGenre, 0, t.Readings.Genre)
	cues(refNewsletter, 0, t.Readings.Newsletter)
	cues(refFalseFriend, 0, t.FalseFriends)
	cues(refHead, 0, t.Readings.Heads)
	for i, l := range t.Layers {
		cues(refLayer, i, l.Cues)
		// "coding-agent startup", "AI-chip maker": a cue of several words
		// is also written hyphenated before the noun it qualifies.
		listed := map[string]bool{}
		for _, c := range l.Cues.EN {
			listed[parseCue(c).phrase] = true
		}
		for _, c := range l.Cues.EN {
			p := parseCue(c)
			if h := strings.ReplaceAll(p.phrase, " ", "-"); h != p.phrase && !listed[h] {
				listed[h] = true
				add(h, ref{kind: refLayer, idx: i, unit: -1, alias: h, weight: p.weight, anchored: p.anchored, lang: "en", frame: -1})
			}
		}
	}
	for i, s := range t.Statuses {
		cues(refStatus, i, s.Cues)
	}
	cues(refContext, 0, t.Context)
	cues(refInvesting, 0, t.Investing.Other)
	cues(refInvesting, 1, t.Investing.Lead)
	cues(refInvesting, 2, t.Investing.Part)
	for _, w := range t.Words.BackgroundMarkers {
		add(w, ref{kind: refBackground, unit: -1, alias: w})
	}
	for _, w := range t.Words.BackgroundAfter {
		add(w, ref{kind: refBackground, idx: 1, unit: -1, alias: w})
	}
	for _, w := range t.Words.Boilerplate {
		add(w, ref{kind: refBackground, idx: 2, unit: -1, alias: w})
	}
	for ci, c := range t.Companies {
		for _, w := range c.Context {
			// idx 0 is a generic company word; 1+ci a word of company ci.
			add(w, ref{kind: refContext, idx: 1 + ci, unit: -1, alias: w, weight: 1})
		}
	}
	texts := make([]string, len(m.pats))
	for i, p := range m.pats {
		texts[i] = p.text
	}
	ac, err := newAutomaton(texts)
	if err != nil {
		return nil, err
	}
	m.ac = ac
	return m, nil
}

// hit is one match of one meaning in one part of the article.
type hit struct {
	*ref
	part       part   // title, summary, body
	start, end int    // byte offsets in the part
	text       string // the text as written
}

// scan appends to out every match in text (folded is fold(text)) that
// sits on word boundaries, in order of position, the longest first.
func (m *matcher) scan(part part, text, folded string, out []hit) []hit {
	var buf []acMatch
	return m.scanBuf(part, text, folded, out, &buf)
}

// scanBuf is scan with a buffer for the automaton's matches.
func (m *matcher) scanBuf(part part, text, folded string, out []hit, buf *[]acMatch) []hit {
	return m.scanLimit(part, text, folded, out, buf, len(text))
}

// scanLimit is scanBuf that keeps, past cueLimit, only the names of
// companies and investors and company words: cues there are not read.
func (m *matcher) scanLimit(part part, text, folded string, out []hit, buf *[]acMatch, cueLimit int) []hit {
	// The automaton reads the bytes and keeps no reference to them, so
	// the string's bytes are lent to it instead of copied.
	matches := m.ac.scan(unsafe.Slice(unsafe.StringData(folded), len(folded)), (*buf)[:0])
	if m.learned != nil {
		n := len(matches)
		matches = m.learned.scan(unsafe.Slice(unsafe.StringData(folded), len(folded)), matches)
		for i := n; i < len(matches); i++ {
			matches[i].pattern += int32(len(m.pats))
		}
	}
	*buf = matches
	// In order of position, the longest first: the matches are sorted,
	// which is cheaper than sorting the hits they make.
	slices.SortStableFunc(matches, func(a, b acMatch) int {
		if a.start != b.start {
			return int(a.start - b.start)
		}
		return int(b.end - a.end)
	})
	for _, mt := range matches {
		out = m.hits(part, text, m.pattern(mt.pattern), int(mt.start), int(mt.end), cueLimit, out)
	}
	return out
}

// hits appends the hits of p's match at text[start:end]: one for each
// of its references that the match stands for there, none when it does
// not sit on word boundaries.
func (m *matcher) hits(part part, text string, p *pattern, start, end, cueLimit int, out []hit) []hit {
	whole := boundaryOK(text, start, end)
	// A model family's name may run into its version: "Qwen3".
	versioned := !whole && versionFollows(text, start, end)
	if !whole && !versioned {
		return out
	}
	for ri := range p.refs {
		r := &p.refs[ri]
		if start > cueLimit && r.kind != refCompany && r.kind != refInvestor && r.kind != refContext && r.kind != refBackground {
			continue
		}
		if !whole && !(r.kind == refCompany && r.unit >= 0 && m.unitLayer(r) == news.LayerModel) {
			continue
		}
		if r.anchored && !atPartStart(text, start) {
			continue
		}
		out = append(out, hit{ref: r, part: part, start: start, end: end, text: text[start:end]})
	}
	return out
}

// versionFollows reports whether the match is whole but for a version
// number glued to its end ("Qwen3", "Llama3.1"): the left edge is a word
// boundary and the next character is a digit.
func versionFollows(text string, start, end int) bool {
	if end >= len(text) || text[end] < '0' || text[end] > '9' {
		return false
	}
	if start > 0 {
		prev, _ := utf8.DecodeLastRuneInString(text[:start])
		if isWordRune(prev) {
			return false
		}
	}
	last, _ := utf8.DecodeLastRuneInString(text[start:end])
	return unicode.IsLetter(last)
}

// unitLayer is the layer of the unit a reference names.
func (m *matcher) unitLayer(r *ref) news.Layer { return m.layers[r.idx][r.unit] }

// atPartStart allows an anchored cue after leading spaces or an opening
// bracket or quote.
func atPartStart(text string, start int) bool {
	return strings.TrimLeft(text[:start], " \t\n\"'“‘「【[(（") == ""
}

// boundaryOK reports whether text[start:end] is a whole word: a Latin
// letter or digit at either edge of the match must not continue into a
// Latin letter or digit outside it. Han text has no spaces, so matches
// inside it need no boundary.
func boundaryOK(text string, start, end int) bool {
	first, _ := utf8.DecodeRuneInString(text[start:end])
	last, _ := utf8.DecodeLastRuneInString(text[start:end])
	if isWordRune(first) && start > 0 {
		prev, _ := utf8.DecodeLastRuneInString(text[:start])
		if isWordRune(prev) {
			return false
		}
	}
	if isWordRune(last) && end < len(text) {
		next, _ := utf8.DecodeRuneInString(text[end:])
		if isWordRune(next) {
			return false
		}
	}
	return true
}

// isWordRune is true for letters and digits of scripts that separate
// words with spaces.
func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_'
	}
	if r >= 0x4E00 && r <= 0x9FFF || r >= 0x3040 && r <= 0x30FF || r >= 0xAC00 && r <= 0xD7A3 {
		return false // common Han, kana and Hangul: no spaces between words
	}
	if unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul) {
		return false
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// fold lower-cases ASCII letters only, so that byte offsets in the folded
// text are offsets in the original.
func fold(s string) string {
	_, f := foldInto(nil, s)
	return f
}

// foldInto is fold writing into buf when s has capitals; it returns the
// buffer for reuse and the folded text, which shares buf's memory and is
// valid until buf is written again.
func foldInto(buf []byte, s string) ([]byte, string) {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'A' && c <= 'Z' {
			buf = append(buf[:0], s...)
			for j := i; j < len(buf); j++ {
				if c := buf[j]; c >= 'A' && c <= 'Z' {
					buf[j] = c + 'a' - 'A'
				}
			}
			return buf, unsafe.String(&buf[0], len(buf))
		}
	}
	return buf, s
}

func foldSet(list []string) map[string]bool {
	m := make(map[string]bool, len(list))
	for _, s := range list {
		m[fold(s)] = true
	}
	return m
}

// latinOnly reports whether s has no Han, Kana or Hangul.
func latinOnly(s string) bool {
	for _, r := range s {
		if r < 0x1100 {
			continue // no script below Hangul's jamo writes without spaces
		}
		if r >= 0x4E00 && r <= 0x9FFF || r >= 0x3040 && r <= 0x30FF || r >= 0xAC00 && r <= 0xD7A3 {
			return false // common Han, kana and Hangul: no spaces between words
		}
		if unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul) {
			return false
		}
	}
	return true
}

// layerOf returns the layer a unit or company stands for.
func (cl *Classifier) layerOf(r *ref) news.Layer {
	c := cl.tax.Companies[r.idx]
	if r.unit >= 0 && c.Units[r.unit].Layer != "" {
		return c.Units[r.unit].Layer
	}
	if len(c.Layers) > 0 {
		return c.Layers[0]
	}
	return news.LayerNone
}
