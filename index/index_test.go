package index

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aitracker/aitracker/news"
)

type testDoc struct {
	ID        int64     `json:"id"`
	Title     string    `json:"title"`
	Summary   string    `json:"summary"`
	Lang      string    `json:"lang"`
	Source    string    `json:"source"`
	Published time.Time `json:"published"`
	Tags      news.Tags `json:"tags"`
}

func (d testDoc) article(seq int64) news.Article {
	return news.Article{ID: d.ID, Seq: seq, Title: d.Title, Summary: d.Summary, Lang: d.Lang, SourceName: d.Source,
		URL: "https://example.com/" + d.Title, Published: d.Published, Tags: d.Tags}
}

func loadDocs(t testing.TB, path string) []news.Article {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var docs []testDoc
	if err := json.Unmarshal(data, &docs); err != nil {
		t.Fatal(err)
	}
	var arts []news.Article
	for i, d := range docs {
		arts = append(arts, d.article(int64(i+1)))
	}
	return arts
}

func openTest(t testing.TB) *Index {
	t.Helper()
	ix, err := Open(filepath.Join(t.TempDir(), "index"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	return ix
}

// TestSearchCases runs the Bleve-style cases in testdata/<case>: docs.json
// is indexed, and each search in searches.json must return exactly the
// wanted IDs in order.
func TestSearchCases(t *testing.T) {
	cases, _ := filepath.Glob("testdata/*/docs.json")
	if len(cases) == 0 {
		t.Fatal("no search cases")
	}
	for _, docsPath := range cases {
		dir := filepath.Dir(docsPath)
		t.Run(filepath.Base(dir), func(t *testing.T) {
			ix := openTest(t)
			if err := ix.Apply(context.Background(), loadDocs(t, docsPath)); err != nil {
				t.Fatal(err)
			}
			data, err := os.ReadFile(filepath.Join(dir, "searches.json"))
			if err != nil {
				t.Fatal(err)
			}
			var searches []struct {
				Name  string  `json:"name"`
				Query string  `json:"query"`
				Sort  string  `json:"sort"`
				Want  []int64 `json:"want"`
			}
			if err := json.Unmarshal(data, &searches); err != nil {
				t.Fatal(err)
			}
			for _, s := range searches {
				t.Run(s.Name, func(t *testing.T) {
					res, err := ix.Search(context.Background(), Request{Query: s.Query, Sort: s.Sort, Limit: 50})
					if err != nil {
						t.Fatal(err)
					}
					got := []int64{}
					for _, h := range res.Hits {
						got = append(got, h.ID)
					}
					if !reflect.DeepEqual(got, s.Want) || res.Total != uint64(len(s.Want)) {
						t.Errorf("%q: got %v (total %d), want %v", s.Query, got, res.Total, s.Want)
					}
				})
			}
		})
	}
}

func TestHitFields(t *testing.T) {
	ix := openTest(t)
	arts := loadDocs(t, "testdata/basic/docs.json")
	if err := ix.Apply(context.Background(), arts); err != nil {
		t.Fatal(err)
	}
	res, err := ix.Search(context.Background(), Request{Query: "company:Databricks"})
	if err != nil || len(res.Hits) != 1 {
		t.Fatalf("%+v, %v", res, err)
	}
	h := res.Hits[0]
	want := Hit{ID: 3, Title: "Databricks agrees to acquire Tabular", URL: "https://example.com/Databricks agrees to acquire Tabular",
		Source: "Wire", Published: time.Date(2026, 11, 18, 8, 0, 0, 0, time.UTC), Lang: "en",
		Companies: []string{"Databricks", "Tabular"}, Layer: "middleware", EventType: "acquisition", Score: h.Score}
	if !reflect.DeepEqual(h, want) {
		t.Errorf("hit\n%+v\nwant\n%+v", h, want)
	}
}

func TestQueryErrors(t *testing.T) {
	ix := openTest(t)
	tests := []struct{ query, want string }{
		{`color:red`, `position 1: unknown filter "color"`},
		{`funding "unclosed`, "position 9: unclosed quote"},
		{`type:`, "filter type: needs a value"},
		{`- funding`, `position 1: "-" must be followed`},
		{strings.Repeat("a", MaxQueryLen+1), "query longer than 1024 bytes"},
		{"\xff\xfe", "not valid UTF-8"},
	}
	for _, tc := range tests {
		_, err := ix.Search(context.Background(), Request{Query: tc.query})
		var qe *QueryError
		if !errors.As(err, &qe) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Search(%q) = %v, want a QueryError with %q", tc.query, err, tc.want)
		}
	}
	if _, err := ix.Search(context.Background(), Request{Sort: "random"}); err == nil {
		t.Error("unknown sort accepted")
	}
}

func TestWatermark(t *testing.T) {
	ix := openTest(t)
	if seq, _ := ix.Seq(); seq != 0 {
		t.Fatalf("new index watermark %d", seq)
	}
	arts := loadDocs(t, "testdata/basic/docs.json")
	ix.Apply(context.Background(), arts[:3])
	if seq, _ := ix.Seq(); seq != 3 {
		t.Errorf("watermark %d, want 3", seq)
	}
	// Re-indexing older documents never moves the watermark back.
	ix.Apply(context.Background(), arts[:1])
	if seq, _ := ix.Seq(); seq != 3 {
		t.Errorf("watermark moved back to %d", seq)
	}
	if n, _ := ix.Count(); n != 3 {
		t.Errorf("count %d", n)
	}
}

func TestOpenLockedAndUnusable(t *testing.T) {
	path := filepath.Join(t.TempDir(), "index")
	ix, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	_, err = Open(path, Options{LockTimeout: 500 * time.Millisecond})
	if !errors.Is(err, ErrLocked) {
		t.Fatalf("second open: %v, want ErrLocked", err)
	}
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("second open took %s", d)
	}
	ix.Close()

	// Tear the index: the root file is overwritten with garbage.
	if err := os.WriteFile(filepath.Join(path, "store", "root.bolt"), []byte("torn"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(path, Options{LockTimeout: 500 * time.Millisecond}); !IsUnusable(err) {
		t.Errorf("torn index: %v, want ErrUnusable", err)
	}
}

func TestConcurrentSearchWhileIndexing(t *testing.T) {
	ix := openTest(t)
	arts := loadDocs(t, "testdata/basic/docs.json")
	ctx := context.Background()
	var wg sync.WaitGroup
	done := make(chan struct{})
	for range 4 {
		wg.Go(func() {
			for {
				select {
				case <-done:
					return
				default:
				}
				if _, err := ix.Search(ctx, Request{Query: "funding"}); err != nil {
					t.Error(err)
					return
				}
			}
		})
	}
	for round := range 20 {
		batch := make([]news.Article, len(arts))
		for i, a := range arts {
			a.ID = int64(round*100 + i)
			a.Seq = int64(round*100 + i)
			batch[i] = a
		}
		if err := ix.Apply(ctx, batch); err != nil {
			t.Fatal(err)
		}
	}
	close(done)
	wg.Wait()
	if n, _ := ix.Count(); n != uint64(20*len(arts)) {
		t.Errorf("count %d", n)
	}
}

func FuzzParseQuery(f *testing.F) {
	for _, q := range []string{`type:funding layer:model "Zhipu AI" -robotics`, `company:"A B"`, `融资 智谱`, `-`, `"`, `a:b:c`} {
		f.Add(q)
	}
	f.Fuzz(func(t *testing.T, q string) {
		cs, err := parseQuery(q)
		if err != nil {
			var qe *QueryError
			if !errors.As(err, &qe) {
				t.Fatalf("error of type %T", err)
			}
			return
		}
		buildQuery(cs)
	})
}
