package index

import (
	"context"
	"slices"
	"sort"

	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/blevesearch/bleve/v2/search/searcher"
	index "github.com/blevesearch/bleve_index_api"
)

// phraseQuery is Bleve's match-phrase query on one field, with the same
// hits and the same scores, found faster. Bleve's phrase searcher walks
// the documents holding every word of the phrase and, for each, builds a
// map of the words' locations to check their order: ~6 µs a document,
// 0.6 s for a common phrase at a million articles. Its score is that of
// the conjunction of the words, which this query keeps; the check of the
// words' order is made once per segment, walking the words' postings
// with their positions side by side, and kept as a set of documents the
// conjunction is filtered by.
type phraseQuery struct {
	phrase string
	field  string
	boost  float64
}

// nativePhrases makes textQuery use Bleve's own phrase query: for the
// tests that compare the two.
var nativePhrases = false

func newPhraseQuery(phrase, field string, boost float64) query.Query {
	if nativePhrases {
		q := query.NewMatchPhraseQuery(phrase)
		q.SetField(field)
		q.SetBoost(boost)
		return q
	}
	return &phraseQuery{phrase: phrase, field: field, boost: boost}
}

// Searcher makes the searcher of the phrase.
func (q *phraseQuery) Searcher(ctx context.Context, i index.IndexReader, m mapping.IndexMapping, options search.SearcherOptions) (search.Searcher, error) {
	native := func() (search.Searcher, error) {
		n := query.NewMatchPhraseQuery(q.phrase)
		n.SetField(q.field)
		n.SetBoost(q.boost)
		return n.Searcher(ctx, i, m, options)
	}
	is, ok := i.(*scorch.IndexSnapshot)
	analyzer := m.AnalyzerNamed(m.AnalyzerNameForPath(q.field))
	if !ok || analyzer == nil || options.IncludeTermVectors || options.Explain {
		return native()
	}
	tokens := analyzer.Analyze([]byte(q.phrase))
	if len(tokens) == 0 {
		return native()
	}
	// One word at each position, none missing; anything else (which the
	// index's analysers do not make) goes to Bleve's phrase searcher.
	terms := make([]string, 0, len(tokens))
	for k, t := range tokens {
		if t.Position != tokens[0].Position+k {
			return native()
		}
		terms = append(terms, string(t.Term))
	}
	var words []search.Searcher
	closeAll := func() {
		for _, w := range words {
			_ = w.Close()
		}
	}
	for _, t := range terms {
		w, err := searcher.NewTermSearcher(ctx, i, t, q.field, q.boost, options)
		if err != nil {
			closeAll()
			return nil, err
		}
		words = append(words, w)
	}
	all, err := searcher.NewConjunctionSearcher(ctx, i, words, options)
	if err != nil {
		closeAll()
		return nil, err
	}
	check := newPhraseCheck(is, q.field, terms)
	return searcher.NewFilteringSearcher(ctx, all, func(_ *search.SearchContext, d *search.DocumentMatch) bool {
		return check.has(d.IndexInternalID.Value())
	}), nil
}

// phraseCheck tells whether a document holds the phrase, reading the
// words' positions from their postings in the document's segment. The
// documents it is asked about come in increasing order (those the
// conjunction of the words finds), so each word's postings are read
// forward once per segment, skipping the documents not asked about.
type phraseCheck struct {
	segs   []*scorch.SegmentSnapshot
	starts []uint64 // the first global document number of each segment
	field  string
	terms  []string

	seg  int        // the segment the iterators are in; -1 before any
	its  []postings // per word, in the segment
	locs [][]loc    // per word, its positions in the document asked about
}

// postings is one word's postings in a segment and where the walk is.
type postings struct {
	advance func(n uint64) (doc uint64, ok bool, err error)
	at      uint64 // the document the iterator stands on
	ok      bool   // at is valid
	locs    []loc  // the word's positions there
}

func newPhraseCheck(is *scorch.IndexSnapshot, field string, terms []string) *phraseCheck {
	segs := is.Segments()
	c := &phraseCheck{segs: segs, starts: make([]uint64, len(segs)), field: field, terms: terms, seg: -1,
		its: make([]postings, len(terms)), locs: make([][]loc, len(terms))}
	var at uint64
	for k, sg := range segs {
		c.starts[k] = at
		at += sg.Segment().Count()
	}
	return c
}

// enter opens the words' postings in segment k.
func (c *phraseCheck) enter(k int) error {
	c.seg = k
	sg := c.segs[k]
	dict, err := sg.Segment().Dictionary(c.field)
	if err != nil {
		return err
	}
	for t, term := range c.terms {
		p := &c.its[t]
		*p = postings{locs: p.locs[:0]}
		pl, err := dict.PostingsList([]byte(term), nil, nil)
		if err != nil {
			return err
		}
		if pl == nil {
			p.advance = func(uint64) (uint64, bool, error) { return 0, false, nil }
			continue
		}
		it := pl.Iterator(false, false, true, nil)
		p.advance = func(n uint64) (uint64, bool, error) {
			got, err := it.Advance(n)
			if err != nil || got == nil {
				return 0, false, err
			}
			p.locs = p.locs[:0]
			for _, l := range got.Locations() {
				p.locs = append(p.locs, loc{pos: l.Pos(), ap: l.ArrayPositions()})
			}
			return got.Number(), true, nil
		}
	}
	return nil
}

// has reports whether document g holds the phrase. A document of a
// segment the words' postings cannot be read from does not.
func (c *phraseCheck) has(g uint64) bool {
	n := len(c.starts)
	k := c.seg
	if k < 0 || g < c.starts[k] || (k+1 < n && g >= c.starts[k+1]) {
		k = sort.Search(n, func(i int) bool { return c.starts[i] > g }) - 1
		if k < 0 {
			return false
		}
		if err := c.enter(k); err != nil {
			c.seg = -1
			return false
		}
	}
	local := g - c.starts[k]
	for t := range c.its {
		p := &c.its[t]
		if !p.ok || p.at < local {
			at, ok, err := p.advance(local)
			if err != nil {
				return false
			}
			p.at, p.ok = at, ok
		}
		if !p.ok || p.at != local {
			return false
		}
		c.locs[t] = p.locs
	}
	return inOrder(c.locs)
}

// loc is where a word stands in a field.
type loc struct {
	pos uint64
	ap  []uint64
}

// inOrder reports whether the words stand one after the other somewhere:
// a location of the first word, the second at the next position in the
// same value, and so on.
func inOrder(locs [][]loc) bool {
	for _, first := range locs[0] {
		ok := true
		for t := 1; t < len(locs) && ok; t++ {
			ok = slices.ContainsFunc(locs[t], func(l loc) bool {
				return l.pos == first.pos+uint64(t) && slices.Equal(l.ap, first.ap)
			})
		}
		if ok {
			return true
		}
	}
	return false
}
