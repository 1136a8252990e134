package index

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unsafe"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/numeric"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
)

// The filter table answers searches that are filters only: no free text,
// just field filters, date and amount ranges, OR and negation, with
// facets and date order. Bleve answers those by visiting every hit
// (~2 µs each), which at a million articles is hundreds of milliseconds
// for "type:funding" and seconds for facets over everything. The table
// holds each document's keyword, number and date fields in memory, about
// 160 bytes an article, and a scan of all of them with the counting
// takes milliseconds. Results are the same as Bleve's, hit for hit and
// count for count (TestColumnsAgreeWithBleve).
//
// The index stays the truth: the table is filled from the documents'
// doc values when the index opens, in the background (searches go to
// Bleve until it is ready), and kept up to date by Apply and Delete.

// colAbsent marks a date or number a document does not have.
const colAbsent = math.MinInt64

// dictionary columns, in the order of colRow.codes.
const (
	cEvent = iota
	cLayer
	cStatus
	cRound
	cCurrency
	cLang
	cMonth
	cSource
	cPrimary
	cCompany // the companies list; not in codes
	nDicts
)

// dictField is the index field each dictionary column is read from.
var dictField = [nDicts]string{
	cEvent: fEvent, cLayer: fLayer, cStatus: fStatus, cRound: fRound, cCurrency: fCurrency,
	cLang: fLang, cMonth: fMonth, cSource: fSource, cPrimary: fPrimary, cCompany: fCompanies,
}

// colRow is one document's filterable values.
type colRow struct {
	id                  int64
	published, ingested int64 // Unix nanoseconds, colAbsent when missing
	amount, valuation   int64 // Bleve's sortable form of the float, colAbsent when missing
	comp                uint32
	ncomp               uint16
	dead, dup           bool
	codes               [cCompany]uint32 // 0 is the empty value
}

// colValues is what the table reads from one document.
type colValues struct {
	id                  int64
	strs                [nDicts - 1]string
	companies           []string
	published, ingested int64
	amount, valuation   int64
	dup                 bool
}

// newColValues is a document's values before any is read: no dates, no
// numbers.
func newColValues(id int64) colValues {
	return colValues{id: id, published: colAbsent, ingested: colAbsent, amount: colAbsent, valuation: colAbsent}
}

// number is the place of a date or number field in v.
func (v *colValues) number(field string) *int64 {
	switch field {
	case fPublished:
		return &v.published
	case fIngested:
		return &v.ingested
	case fAmountUSD:
		return &v.amount
	}
	return &v.valuation
}

// dict numbers the distinct values of a column; code 0 is "".
type dict struct {
	code map[string]uint32
	vals []string
}

func newDict() dict { return dict{code: map[string]uint32{"": 0}, vals: []string{""}} }

func (d *dict) get(s string) uint32 {
	if c, ok := d.code[s]; ok {
		return c
	}
	c := uint32(len(d.vals))
	d.code[s] = c
	d.vals = append(d.vals, s)
	return c
}

// table is the rows and dictionaries.
type table struct {
	rows    []colRow
	byID    map[int64]int32
	free    []int32
	comps   []uint32 // the companies of every row, each row's a slice of it
	garbage int      // entries of comps no row uses any more
	dicts   [nDicts]dict
	live    int
}

func newTable() *table {
	t := &table{byID: map[int64]int32{}}
	for i := range t.dicts {
		t.dicts[i] = newDict()
	}
	return t
}

func (t *table) upsert(v *colValues) {
	i, ok := t.byID[v.id]
	if !ok {
		if n := len(t.free); n > 0 {
			i, t.free = t.free[n-1], t.free[:n-1]
		} else {
			i = int32(len(t.rows))
			t.rows = append(t.rows, colRow{})
		}
		t.byID[v.id] = i
		t.live++
	} else {
		t.garbage += int(t.rows[i].ncomp)
	}
	r := &t.rows[i]
	*r = colRow{id: v.id, published: v.published, ingested: v.ingested, amount: v.amount, valuation: v.valuation, dup: v.dup}
	for c := range r.codes {
		r.codes[c] = t.dicts[c].get(v.strs[c])
	}
	r.comp = uint32(len(t.comps))
	for _, name := range v.companies {
		code := t.dicts[cCompany].get(name)
		if code == 0 || slices.Contains(t.comps[r.comp:], code) {
			continue
		}
		t.comps = append(t.comps, code)
	}
	r.ncomp = uint16(min(len(t.comps)-int(r.comp), math.MaxUint16))
	if t.garbage > 1<<16 && t.garbage > len(t.comps)/2 {
		t.compact()
	}
}

func (t *table) remove(id int64) {
	i, ok := t.byID[id]
	if !ok {
		return
	}
	delete(t.byID, id)
	t.garbage += int(t.rows[i].ncomp)
	t.rows[i] = colRow{dead: true}
	t.free = append(t.free, i)
	t.live--
}

// size estimates the table's memory in bytes: rows, company lists, the
// ID map and the dictionaries.
func (t *table) size() int64 {
	n := int64(cap(t.rows))*int64(unsafe.Sizeof(colRow{})) + int64(cap(t.comps))*4 + int64(len(t.byID))*48
	for _, d := range t.dicts {
		for _, v := range d.vals {
			n += int64(len(v)) + 16 + 48
		}
	}
	return n
}

// compact drops the company lists no row uses.
func (t *table) compact() {
	comps := make([]uint32, 0, len(t.comps)-t.garbage)
	for i := range t.rows {
		r := &t.rows[i]
		start := uint32(len(comps))
		comps = append(comps, t.comps[r.comp:r.comp+uint32(r.ncomp)]...)
		r.comp = start
	}
	t.comps, t.garbage = comps, 0
}

// colOp is a write that reached the index while the table was loading.
type colOp struct {
	del bool
	id  int64
	v   colValues
}

// columns is the filter table of an index and its loading state.
type columns struct {
	mu      sync.RWMutex
	t       *table // nil until loaded
	loading bool
	pending []colOp
	err     error // why loading failed, if it did

	cancel context.CancelFunc
	done   chan struct{}

	// docs maps Bleve's document numbers to rows, for searches with words.
	docs docMaps
}

// ready makes an empty table, for a new index.
func (c *columns) ready() {
	c.mu.Lock()
	c.t = newTable()
	c.mu.Unlock()
}

// load fills the table from the index in the background.
func (c *columns) load(b bleve.Index) {
	ctx, cancel := context.WithCancel(context.Background())
	c.mu.Lock()
	c.loading, c.pending, c.cancel, c.done = true, nil, cancel, make(chan struct{})
	c.mu.Unlock()
	go func() {
		defer close(c.done)
		t, err := readTable(ctx, b)
		if err == nil {
			// The maps of the segments there are now, so that the first
			// searches with words do not make them. A failure here is
			// met again, and reported, by the search that needs the map.
			_ = c.docs.warm(b, t)
		}
		c.mu.Lock()
		defer c.mu.Unlock()
		c.loading = false
		if err != nil {
			c.err, c.pending = err, nil
			return
		}
		// Writes that came in while loading are applied again: those the
		// reader already saw are overwritten with the same values.
		for i := range c.pending {
			op := &c.pending[i]
			if op.del {
				t.remove(op.id)
			} else {
				t.upsert(&op.v)
			}
		}
		c.t, c.pending = t, nil
	}()
}

// stop ends a load in progress and waits for it.
func (c *columns) stop() {
	if c.cancel != nil {
		c.cancel()
		<-c.done
	}
}

// wait blocks until the table is loaded, or loading failed, or ctx ends.
func (c *columns) wait(ctx context.Context) error {
	if c.done != nil {
		select {
		case <-c.done:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	c.mu.RLock()
	defer c.mu.RUnlock()
	if c.t == nil {
		if c.err != nil {
			return c.err
		}
		return fmt.Errorf("index: filter table not loaded")
	}
	return nil
}

// put records documents written to the index, after Bleve took them.
// The table follows writes in the order they reach it, which is Bleve's
// order as long as one document is not written by two goroutines at once:
// Apply has one writer (its watermark needs it), and the workers of a
// bulk build write disjoint articles.
func (c *columns) put(vs []colValues) {
	c.mu.Lock()
	defer c.mu.Unlock()
	switch {
	case c.t != nil:
		for i := range vs {
			c.t.upsert(&vs[i])
		}
	case c.loading:
		for _, v := range vs {
			c.pending = append(c.pending, colOp{id: v.id, v: v})
		}
	}
}

// del records documents deleted from the index.
func (c *columns) del(ids []int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	switch {
	case c.t != nil:
		for _, id := range ids {
			c.t.remove(id)
		}
	case c.loading:
		for _, id := range ids {
			c.pending = append(c.pending, colOp{del: true, id: id})
		}
	}
}

// colValuesOf reads the table's values from an index document, as
// document makes it.
func colValuesOf(id int64, d map[string]interface{}) colValues {
	v := newColValues(id)
	for c := range v.strs {
		v.strs[c], _ = d[dictField[c]].(string)
	}
	v.companies, _ = d[fCompanies].([]string)
	if t, ok := d[fPublished].(time.Time); ok {
		v.published = t.UnixNano()
	}
	if t, ok := d[fIngested].(time.Time); ok {
		v.ingested = t.UnixNano()
	}
	if f, ok := d[fAmountUSD].(float64); ok {
		v.amount = numeric.Float64ToInt64(f)
	}
	if f, ok := d[fValuationUSD].(float64); ok {
		v.valuation = numeric.Float64ToInt64(f)
	}
	v.dup = d[fDup] == "1"
	return v
}

// readTable reads every document's doc values into a new table.
func readTable(ctx context.Context, b bleve.Index) (*table, error) {
	adv, err := b.Advanced()
	if err != nil {
		return nil, fmt.Errorf("index: filter table: %w", err)
	}
	r, err := adv.Reader()
	if err != nil {
		return nil, fmt.Errorf("index: filter table: %w", err)
	}
	defer r.Close()
	fields := append(dictField[:], fPublished, fIngested, fAmountUSD, fValuationUSD, fDup)
	dvr, err := r.DocValueReader(fields)
	if err != nil {
		return nil, fmt.Errorf("index: filter table: %w", err)
	}
	ids, err := r.DocIDReaderAll()
	if err != nil {
		return nil, fmt.Errorf("index: filter table: %w", err)
	}
	defer ids.Close()
	t := newTable()
	var v colValues
	num := func(term []byte) (int64, bool) {
		if ok, shift := numeric.ValidPrefixCodedTermBytes(term); !ok || shift != 0 {
			return 0, false
		}
		n, err := numeric.PrefixCoded(term).Int64()
		return n, err == nil
	}
	// intern reuses the string a dictionary already holds.
	intern := func(c int, term []byte) string {
		if code, ok := t.dicts[c].code[string(term)]; ok {
			return t.dicts[c].vals[code]
		}
		return string(term)
	}
	visit := func(field string, term []byte) {
		switch field {
		case fCompanies:
			v.companies = append(v.companies, intern(cCompany, term))
		case fPublished, fIngested, fAmountUSD, fValuationUSD:
			if n, ok := num(term); ok {
				*v.number(field) = n
			}
		case fDup:
			v.dup = string(term) == "1"
		default:
			for c := range v.strs {
				if dictField[c] == field {
					v.strs[c] = intern(c, term)
					break
				}
			}
		}
	}
	for n := 0; ; n++ {
		if n%4096 == 0 && ctx.Err() != nil {
			return nil, ctx.Err()
		}
		iid, err := ids.Next()
		if err != nil {
			return nil, fmt.Errorf("index: filter table: %w", err)
		}
		if iid == nil {
			break
		}
		ext, err := r.ExternalID(iid)
		if err != nil {
			return nil, fmt.Errorf("index: filter table: %w", err)
		}
		id, err := strconv.ParseInt(ext, 10, 64)
		if err != nil {
			continue // not an article
		}
		companies := v.companies[:0]
		v = newColValues(id)
		v.companies = companies
		if err := dvr.VisitDocValues(iid, visit); err != nil {
			return nil, fmt.Errorf("index: filter table: document %s: %w", ext, err)
		}
		t.upsert(&v)
	}
	return t, nil
}

// Filter evaluation.

// colPred says whether a row matches one clause.
type colPred func(t *table, r *colRow) bool

// compile turns a query of filters only into one predicate with the
// meaning buildQuery gives it; ok is false when a filter has no column
// here, and Bleve must answer.
func (t *table) compile(n *node) (match colPred, ok bool) {
	if n == nil {
		return func(*table, *colRow) bool { return true }, true
	}
	switch n.kind {
	case nClause:
		p := t.clausePred(n.c)
		return p, p != nil
	case nNot:
		p, ok := t.compile(n.kids[0])
		if !ok {
			return nil, false
		}
		return func(t *table, r *colRow) bool { return !p(t, r) }, true
	}
	ps := make([]colPred, 0, len(n.kids))
	for _, k := range n.kids {
		p, ok := t.compile(k)
		if !ok {
			return nil, false
		}
		ps = append(ps, p)
	}
	if n.kind == nOr {
		return func(t *table, r *colRow) bool {
			for _, p := range ps {
				if p(t, r) {
					return true
				}
			}
			return false
		}, true
	}
	return func(t *table, r *colRow) bool {
		for _, p := range ps {
			if !p(t, r) {
				return false
			}
		}
		return true
	}, true
}

// clausePred is one clause's predicate, nil when the table cannot answer it.
func (t *table) clausePred(c clause) colPred {
	f := c.filter
	switch f.kind {
	case kindNumber:
		lo, hi := rangeBounds(c.op, c.num, c.num)
		return numPred(f.field, lo, hi)
	case kindDate:
		return datePred(f.field, c)
	}
	// A keyword: the codes whose value matches, as the index field holds
	// it (the *_key fields are the lower-cased names).
	col, fold := -1, false
	switch f.field {
	case fEvent:
		col = cEvent
	case fLayer:
		col = cLayer
	case fStatus:
		col = cStatus
	case fRound:
		col = cRound
	case fCurrency:
		col = cCurrency
	case fLang:
		col = cLang
	case fMonth:
		col = cMonth
	case fSourceKey:
		col, fold = cSource, true
	case fPrimaryKey:
		col, fold = cPrimary, true
	case fCompanyKey:
		col, fold = cCompany, true
	}
	if col < 0 {
		return nil
	}
	var want []uint32
	for code, s := range t.dicts[col].vals {
		if code == 0 {
			continue
		}
		if fold {
			s = strings.ToLower(s)
		}
		if s == c.value {
			want = append(want, uint32(code))
		}
	}
	if col == cCompany {
		return func(t *table, r *colRow) bool {
			for _, code := range t.comps[r.comp : r.comp+uint32(r.ncomp)] {
				if slices.Contains(want, code) {
					return true
				}
			}
			return false
		}
	}
	switch len(want) {
	case 0:
		return func(*table, *colRow) bool { return false }
	case 1:
		w := want[0]
		return func(_ *table, r *colRow) bool { return r.codes[col] == w }
	}
	return func(_ *table, r *colRow) bool { return slices.Contains(want, r.codes[col]) }
}

// numPred compares amounts in Bleve's sortable integer form, which keeps
// the order of the floats.
func numPred(field string, lo, hi bound) colPred {
	min, max := int64(math.MinInt64+1), int64(math.MaxInt64)
	if lo.v != nil {
		min = numeric.Float64ToInt64(*lo.v)
		if !*lo.incl {
			min++
		}
	}
	if hi.v != nil {
		max = numeric.Float64ToInt64(*hi.v)
		if !*hi.incl {
			max--
		}
	}
	if field == fValuationUSD {
		return func(_ *table, r *colRow) bool {
			return r.valuation != colAbsent && r.valuation >= min && r.valuation <= max
		}
	}
	return func(_ *table, r *colRow) bool { return r.amount != colAbsent && r.amount >= min && r.amount <= max }
}

// datePred is clauseQuery's date range over Unix nanoseconds.
func datePred(field string, c clause) colPred {
	min, max := int64(math.MinInt64+1), int64(math.MaxInt64)
	switch c.op {
	case ">":
		min = c.to.UnixNano() + 1
	case ">=":
		min = c.from.UnixNano()
	case "<":
		max = c.from.UnixNano() - 1
	case "<=":
		max = c.to.UnixNano()
	case "=":
		min, max = c.from.UnixNano(), c.to.UnixNano()
	}
	if field == fIngested {
		return func(_ *table, r *colRow) bool {
			return r.ingested != colAbsent && r.ingested >= min && r.ingested <= max
		}
	}
	return func(_ *table, r *colRow) bool {
		return r.published != colAbsent && r.published >= min && r.published <= max
	}
}

// colResult is what a scan of the table finds.
type colResult struct {
	total  uint64
	ids    []int64 // the page, in order
	facets map[string][]Facet
}

// facetCols maps the facets of facetFields to table columns.
var facetCols = map[string]int{
	"event_type": cEvent, "layer": cLayer, "companies": cCompany, "source": cSource, "lang": cLang, "month": cMonth,
}

// search scans the table: ok is false when the table is not loaded.
func (c *columns) search(ctx context.Context, qn *node, collapse, withFacets bool, offset, limit int) (colResult, bool, error) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	t := c.t
	if t == nil {
		return colResult{}, false, nil
	}
	match, ok := t.compile(qn)
	if !ok {
		return colResult{}, false, nil
	}
	var counts [nDicts][]uint32
	if withFacets {
		for _, col := range facetCols {
			counts[col] = make([]uint32, len(t.dicts[col].vals))
		}
	}
	top := pageHeap{k: offset + limit}
	var total uint64
	for i := range t.rows {
		if i%65536 == 0 && ctx.Err() != nil {
			return colResult{}, true, ErrTimeout
		}
		r := &t.rows[i]
		if r.dead || (collapse && r.dup) || !match(t, r) {
			continue
		}
		total++
		if withFacets {
			countFacets(t, r, &counts)
		}
		top.offer(pageItem{published: r.published, id: r.id})
	}
	res := colResult{total: total, ids: top.page(offset)}
	if withFacets {
		res.facets = map[string][]Facet{}
		for _, f := range facetFields {
			col := facetCols[f.name]
			res.facets[f.name] = topFacets(t.dicts[col].vals, counts[col], f.size)
		}
		orderMonths(res.facets)
	}
	return res, true, nil
}

// topFacets is the size most frequent values, as Bleve orders them: by
// count, then by value.
func topFacets(vals []string, counts []uint32, size int) []Facet {
	list := []Facet{}
	for code, n := range counts {
		if code != 0 && n > 0 {
			list = append(list, Facet{Value: vals[code], Count: int(n)})
		}
	}
	slices.SortFunc(list, func(a, b Facet) int {
		if a.Count != b.Count {
			return b.Count - a.Count
		}
		return strings.Compare(a.Value, b.Value)
	})
	return list[:min(size, len(list))]
}

// pageHeap keeps the k first rows in Bleve's order: by score (all zero
// without words), then newest first, then by document ID as a string.
type pageHeap struct {
	k     int
	items []pageItem // a heap with the last-ranked item at the top
}

type pageItem struct {
	score     float64
	published int64
	id        int64
}

// before says whether a ranks before b.
func (a pageItem) before(b pageItem) bool {
	if a.score != b.score {
		return a.score > b.score
	}
	if a.published != b.published {
		return a.published > b.published
	}
	var x, y [20]byte
	return string(strconv.AppendInt(x[:0], a.id, 10)) < string(strconv.AppendInt(y[:0], b.id, 10))
}

func (h *pageHeap) offer(it pageItem) {
	if len(h.items) < h.k {
		h.items = append(h.items, it)
		// Sift up: the parent ranks after its children.
		i := len(h.items) - 1
		for i > 0 {
			p := (i - 1) / 2
			if !h.items[p].before(h.items[i]) {
				break
			}
			h.items[p], h.items[i] = h.items[i], h.items[p]
			i = p
		}
		return
	}
	if h.k == 0 || !it.before(h.items[0]) {
		return
	}
	h.items[0] = it
	i, n := 0, len(h.items)
	for {
		l, r, last := 2*i+1, 2*i+2, i
		if l < n && h.items[last].before(h.items[l]) {
			last = l
		}
		if r < n && h.items[last].before(h.items[r]) {
			last = r
		}
		if last == i {
			return
		}
		h.items[i], h.items[last] = h.items[last], h.items[i]
		i = last
	}
}

// page is the IDs of the ranked items after the first offset.
func (h *pageHeap) page(offset int) []int64 {
	var ids []int64
	for _, it := range h.ranked(offset) {
		ids = append(ids, it.id)
	}
	return ids
}

// ranked is the items in order, after the first offset.
func (h *pageHeap) ranked(offset int) []pageItem {
	slices.SortFunc(h.items, func(a, b pageItem) int {
		if a.before(b) {
			return -1
		}
		if b.before(a) {
			return 1
		}
		return 0
	})
	if offset >= len(h.items) {
		return nil
	}
	return h.items[offset:]
}

// fieldsOf loads the stored fields of the given documents for their hits.
func (ix *Index) fieldsOf(ctx context.Context, ids []int64) (map[int64]*search.DocumentMatch, error) {
	return ix.hitsByID(ctx, ids, func(only *query.DocIDQuery) *bleve.SearchRequest {
		req := bleve.NewSearchRequestOptions(only, len(ids), 0, false)
		req.Score = bleve.ScoreNone
		return req
	})
}

// hitsByID runs the request build makes of a query for the given
// documents, with their stored fields, and returns the hits by ID.
func (ix *Index) hitsByID(ctx context.Context, ids []int64, build func(only *query.DocIDQuery) *bleve.SearchRequest) (map[int64]*search.DocumentMatch, error) {
	out := map[int64]*search.DocumentMatch{}
	if len(ids) == 0 {
		return out, nil
	}
	strIDs := make([]string, len(ids))
	for i, id := range ids {
		strIDs[i] = docID(id)
	}
	req := build(bleve.NewDocIDQuery(strIDs))
	req.Fields = hitFields
	res, err := ix.b.SearchInContext(ctx, req)
	if err != nil {
		return nil, err
	}
	for _, h := range res.Hits {
		id, _ := strconv.ParseInt(h.ID, 10, 64)
		out[id] = h
	}
	return out, nil
}
