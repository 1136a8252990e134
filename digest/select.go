package digest

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/aitracker/aitracker/index"
	"github.com/aitracker/aitracker/news"
)

// Matcher decides which events match a subscriber's filter. Structured
// parts (types, layers, companies, amount, languages) are checked on the
// event; a search query runs over the events' reports in a small index
// held in memory, built once per run, so that sending needs neither the
// main index (which a running server holds) nor one search per event.
// Results per query are cached: many subscribers share a query.
type Matcher struct {
	// Resolve maps company names in queries to canonical names.
	Resolve func(string) string

	ix *index.Index
	// eventOf maps a report to its event.
	eventOf map[int64]int64

	mu    sync.Mutex
	cache map[string]map[int64]bool // query → matching event IDs
}

// NewMatcher prepares matching over candidate events; arts are their
// reports (with text), needed only when some filter has a query.
func NewMatcher(ctx context.Context, candidates []news.Event, arts []news.Article) (*Matcher, error) {
	m := &Matcher{eventOf: map[int64]int64{}, cache: map[string]map[int64]bool{}}
	for _, e := range candidates {
		for _, a := range e.Articles {
			m.eventOf[a.ID] = e.ID
		}
	}
	if len(arts) == 0 {
		return m, nil
	}
	ix, err := index.OpenMemory()
	if err != nil {
		return nil, err
	}
	for start := 0; start < len(arts); start += 500 {
		if err := ix.ApplyUnordered(ctx, arts[start:min(start+500, len(arts))]); err != nil {
			ix.Close()
			return nil, err
		}
	}
	m.ix = ix
	return m, nil
}

// Close frees the in-memory index.
func (m *Matcher) Close() error {
	if m.ix == nil {
		return nil
	}
	return m.ix.Close()
}

// CheckQuery reports a query that does not parse, for subscribe time.
func CheckQuery(q string) error {
	if strings.TrimSpace(q) == "" {
		return nil
	}
	return index.CheckQuery(q)
}

// queryEvents returns the IDs of the events with a report that matches q.
func (m *Matcher) queryEvents(ctx context.Context, q string) (map[int64]bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if ids, ok := m.cache[q]; ok {
		return ids, nil
	}
	ids := map[int64]bool{}
	if m.ix != nil {
		const page = 200
		for offset := 0; ; offset += page {
			res, err := m.ix.Search(ctx, index.Request{Query: q, Sort: "date", Limit: page, Offset: offset, Resolve: m.Resolve})
			if err != nil {
				return nil, err
			}
			for _, h := range res.Hits {
				if e, ok := m.eventOf[h.ID]; ok {
					ids[e] = true
				}
			}
			if len(res.Hits) < page {
				break
			}
		}
	}
	m.cache[q] = ids
	return ids, nil
}

// Match reports whether the event passes the filter.
func (m *Matcher) Match(ctx context.Context, f news.SubscriberFilter, e *news.Event) (bool, error) {
	if len(f.Types) > 0 && !slices.Contains(f.Types, e.Type) {
		return false, nil
	}
	if len(f.Layers) > 0 && !slices.Contains(f.Layers, e.Layer) {
		return false, nil
	}
	if len(f.Companies) > 0 && !slices.ContainsFunc(f.Companies, func(c string) bool {
		return strings.EqualFold(c, e.PrimaryCompany) || strings.EqualFold(c, e.Fields.Acquirer) || strings.EqualFold(c, e.Fields.Target)
	}) {
		return false, nil
	}
	if f.MinAmountUSD > 0 && hasAmount(e.Type) && e.Fields.AmountUSD < f.MinAmountUSD {
		return false, nil
	}
	if len(f.Langs) > 0 && !slices.ContainsFunc(e.Articles, func(a news.EventArticle) bool { return slices.Contains(f.Langs, a.Lang) }) {
		return false, nil
	}
	if strings.TrimSpace(f.Query) != "" {
		ids, err := m.queryEvents(ctx, f.Query)
		if err != nil {
			return false, fmt.Errorf("query %q: %w", f.Query, err)
		}
		if !ids[e.ID] {
			return false, nil
		}
	}
	return true, nil
}

// hasAmount is true for the event types whose amount a minimum applies to.
func hasAmount(t news.EventType) bool {
	return t == news.EventFunding || t == news.EventAcquisition || t == news.EventIPO
}
