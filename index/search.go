package index

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"

	"github.com/aitracker/aitracker/internal/clock"
)

// Request is one search.
type Request struct {
	Query  string
	Sort   string // "relevance" (default for a query), "date" (default without one)
	Limit  int    // 20 when zero, at most 200
	Offset int
	// Facets asks for counts per event type, layer, company, source,
	// language and month over all matching articles.
	Facets bool
	// Collapse leaves out articles that repeat another (a duplicate from
	// another source) and later reports of an event: the first report
	// stands for them, with the number of sources that carried it.
	Collapse bool
	// Now is the time relative dates ("since:90d") count back from; the
	// current time when zero.
	Now time.Time
	// Resolve, when set, maps the value of company: and primary: filters,
	// a name or an alias, to the canonical name ("智谱" → "Zhipu AI").
	Resolve func(string) string `json:"-"`
}

// Result is one page of hits.
type Result struct {
	Total  uint64             `json:"total"`
	Hits   []Hit              `json:"hits"`
	Facets map[string][]Facet `json:"facets,omitempty"`
	Took   time.Duration      `json:"-"`
}

// Facet is one value of a facet and how many matching articles have it.
type Facet struct {
	Value string `json:"value"`
	Count int    `json:"count"`
}

// Hit is one matching article. Its JSON shape is a fixed contract.
type Hit struct {
	ID        int64     `json:"id"`
	Title     string    `json:"title"`
	URL       string    `json:"url"`
	Source    string    `json:"source"`
	Published time.Time `json:"published"`
	Lang      string    `json:"lang"`
	Companies []string  `json:"companies"`
	Layer     string    `json:"layer"`
	EventType string    `json:"event_type"`
	Score     float64   `json:"score"`
	// Snippet is the lead with the query's words marked: HTML, escaped,
	// with <mark> around each match.
	Snippet string `json:"snippet,omitempty"`
	// Sources is how many sources carried the story: this one and those
	// in AlsoReportedBy, or all that reported its event.
	Sources int `json:"sources"`
	// Event is the event the article reports, 0 when none.
	Event int64 `json:"event,omitempty"`
	// PublishedEstimated says the source gave no date: Published is when
	// the article was first fetched.
	PublishedEstimated bool `json:"published_estimated,omitempty"`
	// DuplicateOf is the article this one repeats, from another source.
	DuplicateOf int64 `json:"duplicate_of,omitempty"`
	// AlsoReportedBy names the other sources that carried this story.
	AlsoReportedBy []string `json:"also_reported_by,omitempty"`
}

// facetFields are the facets a search can ask for: result name, index
// field, how many values.
var facetFields = []struct {
	name, field string
	size        int
}{
	{"event_type", fEvent, 10},
	{"layer", fLayer, 5},
	{"companies", fCompanies, 15},
	{"source", fSource, 15},
	{"lang", fLang, 5},
	{"month", fMonth, 120},
}

// DefaultTimeout bounds a search whose context has no deadline.
const DefaultTimeout = 5 * time.Second

// defaultTimeout is DefaultTimeout; a test makes it negative, so that a
// search without a deadline of its own starts past the default one.
var defaultTimeout = DefaultTimeout

// MaxLimit bounds the page size.
const MaxLimit = 200

// ErrTimeout means the search did not finish before its deadline.
var ErrTimeout = errors.New("index: search timed out")

// CheckQuery reports whether a query parses, as a *QueryError saying
// what is wrong and where when it does not.
func CheckQuery(q string) error {
	_, err := parseQuery(q, clock.Real.Now().UTC())
	return err
}

// Search runs a query. Syntax errors are *QueryError; a search cut by
// ctx's deadline is ErrTimeout.
func (ix *Index) Search(ctx context.Context, r Request) (*Result, error) {
	now := r.Now
	if now.IsZero() {
		now = ix.clock.Now()
	}
	qn, err := parseQuery(r.Query, now.UTC())
	if err != nil {
		return nil, err
	}
	cs := qn.clauses()
	if r.Resolve != nil {
		// company:智谱 finds Zhipu AI's articles.
		for _, c := range cs {
			if f := c.filter; f != nil && (f.field == fCompanyKey || f.field == fPrimaryKey) {
				c.value = strings.ToLower(r.Resolve(c.value))
			}
		}
	}
	if _, ok := ctx.Deadline(); !ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, defaultTimeout)
		defer cancel()
	}
	limit := r.Limit
	if limit <= 0 {
		limit = 20
	}
	if limit > MaxLimit {
		limit = MaxLimit
	}
	if r.Offset < 0 {
		return nil, &QueryError{Query: r.Query, Msg: "offset must not be negative"}
	}
	// Without free text every hit matches equally well: the newest come
	// first, and no time is spent on scores.
	filtersOnly, hasText := true, false
	for _, c := range cs {
		filtersOnly = filtersOnly && c.filter != nil
		hasText = hasText || (c.filter == nil && !c.negate)
	}
	sortBy := r.Sort
	if sortBy == "" {
		sortBy = "relevance"
		if !hasText {
			sortBy = "date"
		}
	}
	if sortBy != "date" && sortBy != "relevance" {
		return nil, &QueryError{Query: r.Query, Msg: fmt.Sprintf("unknown sort %q (want relevance or date)", r.Sort)}
	}
	start := ix.clock.Now()
	marks := ix.markTerms(cs)
	// Filters alone are answered from the filter table, in any order
	// asked for: without text every score is the same.
	if filtersOnly {
		cr, ok, err := ix.cols.search(ctx, qn, r.Collapse, r.Facets, r.Offset, limit)
		if err != nil {
			return nil, err
		}
		if ok {
			docs, err := ix.fieldsOf(ctx, cr.ids)
			if err != nil {
				return nil, searchErr(ctx, err)
			}
			out := &Result{Total: cr.total, Hits: make([]Hit, 0, len(cr.ids)), Facets: cr.facets}
			for _, id := range cr.ids {
				if h, ok := docs[id]; ok {
					hit := ix.hit(h, marks)
					hit.Score = 0
					out.Hits = append(out.Hits, hit)
				}
			}
			out.Took = clock.Since(ix.clock, start)
			return out, nil
		}
	}
	// Anything else is Bleve's to match, and the table's to count,
	// filter, collapse and sort.
	if !filtersOnly {
		out, ok, err := ix.textSearch(ctx, qn, r, sortBy == "date", hasText, limit, marks)
		if err != nil || ok {
			return out, err
		}
	}
	q := buildQuery(qn)
	if r.Collapse {
		dup := bleve.NewTermQuery("1")
		dup.SetField(fDup)
		b := bleve.NewBooleanQuery()
		b.AddMust(q)
		b.AddMustNot(dup)
		q = b
	}
	req := bleve.NewSearchRequestOptions(q, limit, r.Offset, false)
	req.Fields = hitFields
	if r.Facets {
		for _, f := range facetFields {
			// One more than shown: the empty value is counted, not shown.
			req.AddFacet(f.name, bleve.NewFacetRequest(f.field, f.size+1))
		}
	}
	if !hasText {
		req.Score = bleve.ScoreNone
	}
	switch sortBy {
	case "date":
		req.SortBy([]string{"-" + fPublished, "_id"})
	case "relevance":
		req.SortBy([]string{"-_score", "-" + fPublished, "_id"})
	}
	res, err := ix.b.SearchInContext(ctx, req)
	if err != nil {
		return nil, searchErr(ctx, err)
	}
	out := &Result{Total: res.Total, Hits: make([]Hit, 0, len(res.Hits)), Took: clock.Since(ix.clock, start)}
	if r.Facets {
		out.Facets = facets(res.Facets)
	}
	for _, h := range res.Hits {
		out.Hits = append(out.Hits, ix.hit(h, marks))
	}
	return out, nil
}

// searchErr tells a search cut by its deadline from other failures.
func searchErr(ctx context.Context, err error) error {
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return ErrTimeout
	}
	return fmt.Errorf("index: search: %w", err)
}

// hitFields are the stored fields a hit is made from.
var hitFields = []string{fTitle, fURL, fSource, fPublished, fLang, fCompanies, fLayer, fEvent, fEstimated, fDupOf, fAlso, fSummary,
	fEventID, fEventSources}

// hit makes a Bleve match into a hit.
func (ix *Index) hit(h *search.DocumentMatch, m marks) Hit {
	id, _ := strconv.ParseInt(h.ID, 10, 64)
	hit := Hit{
		ID:        id,
		Title:     str(h.Fields[fTitle]),
		URL:       str(h.Fields[fURL]),
		Source:    str(h.Fields[fSource]),
		Lang:      str(h.Fields[fLang]),
		Layer:     str(h.Fields[fLayer]),
		EventType: str(h.Fields[fEvent]),
		Companies: strs(h.Fields[fCompanies]),
		Score:     h.Score,

		PublishedEstimated: str(h.Fields[fEstimated]) == "true",
	}
	if n, ok := h.Fields[fDupOf].(float64); ok {
		hit.DuplicateOf = int64(n)
	}
	if also := strs(h.Fields[fAlso]); len(also) > 0 {
		hit.AlsoReportedBy = also
	}
	hit.Sources = 1 + len(hit.AlsoReportedBy)
	if n, ok := h.Fields[fEventID].(float64); ok {
		hit.Event = int64(n)
	}
	if n, ok := h.Fields[fEventSources].(float64); ok && int(n) > hit.Sources {
		hit.Sources = int(n)
	}
	hit.Snippet = ix.snippet(str(h.Fields[fSummary]), m)
	if t, err := time.Parse(time.RFC3339, str(h.Fields[fPublished])); err == nil {
		hit.Published = t.UTC()
	}
	return hit
}

func str(v interface{}) string {
	s, _ := v.(string)
	return s
}

// strs reads a stored multi-value field, which Bleve returns as a string
// when it has one value and as a slice when it has several.
func strs(v interface{}) []string {
	switch x := v.(type) {
	case string:
		return []string{x}
	case []interface{}:
		out := make([]string, 0, len(x))
		for _, e := range x {
			if s, ok := e.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return []string{}
}

// facets turns Bleve's facet results into value counts, most frequent
// first, without the empty value.
func facets(fr search.FacetResults) map[string][]Facet {
	out := map[string][]Facet{}
	for _, f := range facetFields {
		res := fr[f.name]
		list := []Facet{}
		if res != nil && res.Terms != nil {
			for _, t := range res.Terms.Terms() {
				if t.Term == "" || len(list) == f.size {
					continue
				}
				list = append(list, Facet{Value: t.Term, Count: t.Count})
			}
		}
		out[f.name] = list
	}
	orderMonths(out)
	return out
}

// orderMonths puts the month facet in time order, newest first, which
// reads best; the other facets stay by count.
func orderMonths(fs map[string][]Facet) {
	list := fs["month"]
	sort.Slice(list, func(i, j int) bool { return list[i].Value > list[j].Value })
}
