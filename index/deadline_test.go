package index

import (
	"context"
	"errors"
	"testing"
	"time"
)

// TestSearchWithoutDeadlineGetsOne: a search whose context has no
// deadline gets DefaultTimeout. With that default made negative such a
// search is cut with ErrTimeout, on the Bleve path (text) and on the
// filter table's (filters only); a caller's own deadline is kept.
func TestSearchWithoutDeadlineGetsOne(t *testing.T) {
	ix := openTest(t)
	if err := ix.Apply(context.Background(), loadDocs(t, "testdata/analyst/docs.json")); err != nil {
		t.Fatal(err)
	}
	if DefaultTimeout <= 0 {
		t.Fatalf("DefaultTimeout %v leaves searches unbounded", DefaultTimeout)
	}
	saved := defaultTimeout
	defaultTimeout = -time.Nanosecond
	t.Cleanup(func() { defaultTimeout = saved })
	for _, q := range []string{"robot*", "funding", "type:funding", ""} {
		res, err := ix.Search(context.Background(), Request{Query: q, Facets: true})
		if !errors.Is(err, ErrTimeout) || res != nil {
			t.Errorf("Search(%q) without a deadline: result %t, error %v; want ErrTimeout", q, res != nil, err)
		}
		ctx, cancel := context.WithTimeout(context.Background(), time.Hour)
		res, err = ix.Search(ctx, Request{Query: q, Facets: true})
		cancel()
		if err != nil || res == nil || res.Total == 0 {
			t.Errorf("Search(%q) with a deadline of its own: result %t, error %v", q, res != nil, err)
		}
	}
}
