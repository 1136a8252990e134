package index

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/blevesearch/bleve/v2"
)

// Request is one search.
type Request struct {
	Query  string
	Sort   string // "relevance" (default for a query), "date" (default without one)
	Limit  int    // 20 when zero, at most 200
	Offset int
}

// Result is one page of hits.
type Result struct {
	Total uint64        `json:"total"`
	Hits  []Hit         `json:"hits"`
	Took  time.Duration `json:"-"`
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
	// PublishedEstimated says the source gave no date: Published is when
	// the article was first fetched.
	PublishedEstimated bool `json:"published_estimated,omitempty"`
	// DuplicateOf is the article this one repeats, from another source.
	DuplicateOf int64 `json:"duplicate_of,omitempty"`
	// AlsoReportedBy names the other sources that carried this story.
	AlsoReportedBy []string `json:"also_reported_by,omitempty"`
}

// MaxLimit bounds the page size.
const MaxLimit = 200

// ErrTimeout means the search did not finish before its deadline.
var ErrTimeout = errors.New("index: search timed out")

// Search runs a query. Syntax errors are *QueryError; a search cut by
// ctx's deadline is ErrTimeout.
func (ix *Index) Search(ctx context.Context, r Request) (*Result, error) {
	cs, err := parseQuery(r.Query)
	if err != nil {
		return nil, err
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
	req := bleve.NewSearchRequestOptions(buildQuery(cs), limit, r.Offset, false)
	req.Fields = []string{fTitle, fURL, fSource, fPublished, fLang, fCompanies, fLayer, fEvent, fEstimated, fDupOf, fAlso}
	sortBy := r.Sort
	if sortBy == "" {
		sortBy = "relevance"
		if len(cs) == 0 {
			sortBy = "date"
		}
	}
	switch sortBy {
	case "date":
		req.SortBy([]string{"-" + fPublished, "_id"})
	case "relevance":
		req.SortBy([]string{"-_score", "-" + fPublished, "_id"})
	default:
		return nil, &QueryError{Query: r.Query, Msg: fmt.Sprintf("unknown sort %q (want relevance or date)", r.Sort)}
	}
	start := time.Now()
	res, err := ix.b.SearchInContext(ctx, req)
	if err != nil {
		if errors.Is(err, context.DeadlineExceeded) || errors.Is(ctx.Err(), context.DeadlineExceeded) {
			return nil, ErrTimeout
		}
		return nil, fmt.Errorf("index: search: %w", err)
	}
	out := &Result{Total: res.Total, Hits: make([]Hit, 0, len(res.Hits)), Took: time.Since(start)}
	for _, h := range res.Hits {
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
		if t, err := time.Parse(time.RFC3339, str(h.Fields[fPublished])); err == nil {
			hit.Published = t.UTC()
		}
		out.Hits = append(out.Hits, hit)
	}
	return out, nil
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
