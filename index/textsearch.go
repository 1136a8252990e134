package index

import (
	"context"
	"errors"
	"runtime"
	"sort"
	"strconv"
	"sync"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"

	"github.com/aitracker/aitracker/internal/clock"
)

// Queries with words are answered by Bleve and the filter table together.
// Bleve's own collector pays for every hit: it reads each hit's date and
// ID to sort it (a stored-field read for the ID), and six facet fields'
// doc values when facets are asked, ~1–2 µs a hit, which for a common
// word at a million articles (450,000 hits) is more than half a second.
// Here Bleve only walks the matching documents once, handing each hit's
// document number and score to textScan, which finds the hit's row in the
// filter table through a per-segment map of document numbers and does
// the rest from memory: the exact total, the facets, collapse, the filters
// that stand beside the words, and the page, sorted by score or by date as
// Bleve would sort it. The results are Bleve's own, hit for hit
// (TestTextAgreesWithBleve).

// segDocs maps the document numbers of one segment to articles. Segments
// never change once written, so the map is made once per segment, on the
// first search that meets it (or when the filter table loads).
type segDocs struct {
	once sync.Once
	ids  []int64 // the article ID at each document number; -1 when not an article
	rows []int32 // its table row when the map was made; -1 when none
	err  error
}

// docMaps holds the maps of the segments searches have met, by segment.
type docMaps struct {
	mu   sync.Mutex
	segs map[any]*segDocs
}

// of returns the map of a segment, made on first use; t resolves rows.
func (m *docMaps) of(s *scorch.SegmentSnapshot, t *table) (*segDocs, error) {
	key := any(s.Segment())
	m.mu.Lock()
	if m.segs == nil {
		m.segs = map[any]*segDocs{}
	}
	d, ok := m.segs[key]
	if !ok {
		d = &segDocs{}
		m.segs[key] = d
	}
	m.mu.Unlock()
	d.once.Do(func() {
		seg := s.Segment()
		n := seg.Count()
		d.ids, d.rows = make([]int64, n), make([]int32, n)
		for i := range n {
			d.ids[i], d.rows[i] = -1, -1
			ext, err := seg.DocID(i)
			if err != nil {
				d.err = err
				return
			}
			id, err := strconv.ParseInt(string(ext), 10, 64)
			if err != nil {
				continue // not an article
			}
			d.ids[i] = id
			if r, ok := t.byID[id]; ok {
				d.rows[i] = r
			}
		}
	})
	return d, d.err
}

// keep drops the maps of segments that are not in segs, once there are
// many more maps than segments: merged segments leave for good.
func (m *docMaps) keep(segs []*scorch.SegmentSnapshot) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if len(m.segs) <= 2*len(segs)+16 {
		return
	}
	live := make(map[any]bool, len(segs))
	for _, s := range segs {
		live[any(s.Segment())] = true
	}
	for k := range m.segs {
		if !live[k] {
			delete(m.segs, k)
		}
	}
}

// warm makes the maps of every segment of the index as it is now.
func (m *docMaps) warm(b bleve.Index, t *table) error {
	adv, err := b.Advanced()
	if err != nil {
		return err
	}
	r, err := adv.Reader()
	if err != nil {
		return err
	}
	defer r.Close()
	is, ok := r.(*scorch.IndexSnapshot)
	if !ok {
		return nil
	}
	for _, s := range is.Segments() {
		if _, err := m.of(s, t); err != nil {
			return err
		}
	}
	return nil
}

// textScan is what a text search gathers from Bleve's hits.
type textScan struct {
	t        *table
	pred     colPred // the filters beside the words, nil when Bleve applies them
	collapse bool    // leave out duplicates (when Bleve does not)
	counts   *[nDicts][]uint32
	top      pageHeap
	// byScore is set when Bleve applies every filter and no facets are
	// asked: a hit's row is read only when it may enter the page.
	byScore bool
	total   uint64

	maps   []*segDocs
	starts []uint64 // the first global document number of each segment
	seg    int      // the segment of the last hit
}

// setSnapshot reads the segments of the snapshot a search runs on.
func (s *textScan) setSnapshot(m *docMaps, is *scorch.IndexSnapshot) error {
	segs := is.Segments()
	s.maps, s.starts = make([]*segDocs, len(segs)), make([]uint64, len(segs))
	var at uint64
	for i, sg := range segs {
		d, err := m.of(sg, s.t)
		if err != nil {
			return err
		}
		s.maps[i], s.starts[i] = d, at
		at += sg.Segment().Count()
	}
	m.keep(segs)
	return nil
}

// row finds the table row of a global document number: nil when the
// document is not an article, or not in the table (yet).
func (s *textScan) row(g uint64) *colRow {
	if n := len(s.starts); s.seg >= n || g < s.starts[s.seg] || (s.seg+1 < n && g >= s.starts[s.seg+1]) {
		// Hits come in document order: usually the next segment.
		s.seg = sort.Search(n, func(i int) bool { return s.starts[i] > g }) - 1
		if s.seg < 0 {
			s.seg = 0
			return nil
		}
	}
	d := s.maps[s.seg]
	local := g - s.starts[s.seg]
	if local >= uint64(len(d.ids)) {
		return nil
	}
	id := d.ids[local]
	if id < 0 {
		return nil
	}
	if r := d.rows[local]; r >= 0 && int(r) < len(s.t.rows) && s.t.rows[r].id == id && !s.t.rows[r].dead {
		return &s.t.rows[r]
	}
	// The article moved to another row since the map was made.
	if r, ok := s.t.byID[id]; ok {
		return &s.t.rows[r]
	}
	return nil
}

// hit takes one of Bleve's hits.
func (s *textScan) hit(g uint64, score float64) {
	if s.byScore && len(s.top.items) == s.top.k && score < s.top.items[0].score {
		// Bleve applied the filters; a hit scored below the page's last
		// cannot enter it, and without facets its row is not needed.
		s.total++
		return
	}
	r := s.row(g)
	if r == nil {
		// An article Bleve holds that the table has not been told of yet
		// (a write between the two): counted, without facets or date.
		s.total++
		return
	}
	if (s.collapse && r.dup) || (s.pred != nil && !s.pred(s.t, r)) {
		return
	}
	s.total++
	if s.counts != nil {
		countFacets(s.t, r, s.counts)
	}
	s.top.offer(pageItem{score: score, published: r.published, id: r.id})
}

// countFacets adds a row to the facet counts.
func countFacets(t *table, r *colRow, counts *[nDicts][]uint32) {
	counts[cEvent][r.codes[cEvent]]++
	counts[cLayer][r.codes[cLayer]]++
	counts[cSource][r.codes[cSource]]++
	counts[cLang][r.codes[cLang]]++
	counts[cMonth][r.codes[cMonth]]++
	for _, code := range t.comps[r.comp : r.comp+uint32(r.ncomp)] {
		counts[cCompany][code]++
	}
}

// newFacetCounts makes the counters of the facets.
func newFacetCounts(t *table) *[nDicts][]uint32 {
	var counts [nDicts][]uint32
	for _, col := range facetCols {
		counts[col] = make([]uint32, len(t.dicts[col].vals))
	}
	return &counts
}

// facetsOf turns the counts into the facets of a result.
func facetsOf(t *table, counts *[nDicts][]uint32) map[string][]Facet {
	out := map[string][]Facet{}
	for _, f := range facetFields {
		col := facetCols[f.name]
		out[f.name] = topFacets(t.dicts[col].vals, counts[col], f.size)
	}
	orderMonths(out)
	return out
}

// walk runs q on one snapshot of the index and hands every hit to scan.
// The document numbers are walked in two halves at once, each by its own
// searcher (Bleve's searchers give the same scores on the same snapshot),
// each half into its own scan; the second is added to the first.
func (ix *Index) walk(ctx context.Context, q query.Query, score string, scan *textScan) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	adv, err := ix.b.Advanced()
	if err != nil {
		return err
	}
	reader, err := adv.Reader()
	if err != nil {
		return err
	}
	defer reader.Close()
	is, ok := reader.(*scorch.IndexSnapshot)
	if !ok {
		return errNoSnapshot
	}
	if err := scan.setSnapshot(&ix.cols.docs, is); err != nil {
		return err
	}
	var docs uint64
	for _, s := range is.Segments() {
		docs += s.Segment().Count()
	}
	halves := []*textScan{scan}
	if runtime.GOMAXPROCS(0) > 1 && docs >= 2 {
		halves = append(halves, scan.sibling())
	}
	mid := docs / uint64(len(halves))
	run := func(half int) error {
		s, err := q.Searcher(ctx, reader, ix.b.Mapping(), search.SearcherOptions{Score: score})
		if err != nil {
			return err
		}
		defer s.Close()
		sc := &search.SearchContext{DocumentMatchPool: search.NewDocumentMatchPool(s.DocumentMatchPoolSize()+1, 0), IndexReader: reader}
		var d *search.DocumentMatch
		if half == 0 {
			d, err = s.Next(sc)
		} else {
			d, err = s.Advance(sc, index.NewIndexInternalID(nil, mid))
		}
		for n := 0; err == nil && d != nil; n++ {
			g := d.IndexInternalID.Value()
			if half == 0 && len(halves) > 1 && g >= mid {
				break
			}
			if n%1024 == 0 && ctx.Err() != nil {
				return ctx.Err()
			}
			halves[half].hit(g, d.Score)
			sc.DocumentMatchPool.Put(d)
			d, err = s.Next(sc)
		}
		return err
	}
	if len(halves) == 1 {
		return run(0)
	}
	done := make(chan error, 1)
	go func() { done <- run(1) }()
	err = run(0)
	if err2 := <-done; err == nil {
		err = err2
	}
	if err != nil {
		return err
	}
	scan.add(halves[1])
	return nil
}

// sibling is a scan like s, empty, for another part of the documents.
func (s *textScan) sibling() *textScan {
	o := &textScan{t: s.t, pred: s.pred, collapse: s.collapse, top: pageHeap{k: s.top.k}, byScore: s.byScore,
		maps: s.maps, starts: s.starts}
	if s.counts != nil {
		o.counts = newFacetCounts(s.t)
	}
	return o
}

// add takes in what o gathered.
func (s *textScan) add(o *textScan) {
	s.total += o.total
	if s.counts != nil {
		for c := range s.counts {
			for i, n := range o.counts[c] {
				s.counts[c][i] += n
			}
		}
	}
	for _, it := range o.top.items {
		s.top.offer(it)
	}
}

// errNoSnapshot means the index is not one textScan can read.
var errNoSnapshot = errors.New("index: not a scorch index")

// splitFilters parts the top level of a query into what Bleve must answer
// (the words, and whatever mixes words with filters) and the filters the
// table can answer beside them; filters is nil when there are none.
func splitFilters(t *table, qn *node) (words *node, filters colPred) {
	kids := []*node{qn}
	if qn.kind == nAnd {
		kids = qn.kids
	}
	var rest, fs []*node
	for _, k := range kids {
		if hasWords(k) {
			rest = append(rest, k)
		} else if _, ok := t.compile(k); ok {
			fs = append(fs, k)
		} else {
			rest = append(rest, k)
		}
	}
	if len(fs) == 0 || len(rest) == 0 {
		return qn, nil
	}
	pred, _ := t.compile(&node{kind: nAnd, kids: fs})
	if len(rest) == 1 {
		return rest[0], pred
	}
	return &node{kind: nAnd, kids: rest}, pred
}

// hasWords reports whether a query has free text anywhere.
func hasWords(n *node) bool {
	if n.kind == nClause {
		return n.c.filter == nil
	}
	for _, k := range n.kids {
		if hasWords(k) {
			return true
		}
	}
	return false
}

// withCollapse adds the exclusion of duplicates to a query, as Bleve
// alone answers a collapsed search.
func withCollapse(q query.Query) query.Query {
	dup := bleve.NewTermQuery("1")
	dup.SetField(fDup)
	b := bleve.NewBooleanQuery()
	b.AddMust(q)
	b.AddMustNot(dup)
	return b
}

// textSearch answers a query that is not filters only; ok is false when
// the filter table is not loaded, and Bleve alone must answer.
func (ix *Index) textSearch(ctx context.Context, qn *node, r Request, byDate, scored bool, limit int, m marks) (*Result, bool, error) {
	start := ix.clock.Now()
	ix.cols.mu.RLock()
	defer ix.cols.mu.RUnlock()
	t := ix.cols.t
	if t == nil {
		return nil, false, nil
	}
	full := buildQuery(qn)
	if r.Collapse {
		full = withCollapse(full)
	}
	scan := &textScan{t: t, top: pageHeap{k: r.Offset + limit}}
	if r.Facets {
		scan.counts = newFacetCounts(t)
	}
	q := full
	if byDate || !scored {
		// The order does not need scores: Bleve only finds the documents,
		// and the filters beside the words and collapse are the table's.
		words, filters := splitFilters(t, qn)
		q, scan.pred, scan.collapse = buildQuery(words), filters, r.Collapse
	}
	scan.byScore = !byDate && scored && !r.Facets
	score := ""
	if byDate || !scored {
		score = bleve.ScoreNone
	}
	if err := ix.walk(ctx, q, score, scan); err != nil {
		if errors.Is(err, errNoSnapshot) {
			return nil, false, nil
		}
		return nil, true, searchErr(ctx, err)
	}
	items := scan.top.ranked(r.Offset)
	ids := make([]int64, len(items))
	for i, it := range items {
		ids[i] = it.id
	}
	var docs map[int64]*search.DocumentMatch
	var err error
	if byDate && scored {
		// Sorted by date, the page's hits still carry their scores: the
		// query once more over those documents only.
		docs, err = ix.scoredFieldsOf(ctx, full, ids)
	} else {
		docs, err = ix.fieldsOf(ctx, ids)
	}
	if err != nil {
		return nil, true, searchErr(ctx, err)
	}
	out := &Result{Total: scan.total, Hits: make([]Hit, 0, len(ids))}
	if r.Facets {
		out.Facets = facetsOf(t, scan.counts)
	}
	for _, it := range items {
		h, ok := docs[it.id]
		if !ok {
			continue
		}
		hit := ix.hit(h, m)
		if !byDate {
			hit.Score = it.score
		}
		if !scored {
			hit.Score = 0
		}
		out.Hits = append(out.Hits, hit)
	}
	out.Took = clock.Since(ix.clock, start)
	return out, true, nil
}

// scoredFieldsOf loads the stored fields of the given documents with the
// scores q gives them: q and the documents' IDs, the IDs weighing nothing
// in the score.
func (ix *Index) scoredFieldsOf(ctx context.Context, q query.Query, ids []int64) (map[int64]*search.DocumentMatch, error) {
	return ix.hitsByID(ctx, ids, func(only *query.DocIDQuery) *bleve.SearchRequest {
		only.SetBoost(0)
		return bleve.NewSearchRequestOptions(bleve.NewConjunctionQuery(q, only), len(ids), 0, false)
	})
}
