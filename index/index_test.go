package index

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/aitracker/aitracker/index/gen"
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
	Body      string    `json:"body"`
	DupOf     int64     `json:"duplicate_of"`
	Also      []string  `json:"also_reported_by"`
}

func (d testDoc) article(seq int64) news.Article {
	return news.Article{ID: d.ID, Seq: seq, Title: d.Title, Summary: d.Summary, Body: d.Body, Lang: d.Lang, SourceName: d.Source,
		URL: "https://example.com/" + d.Title, Published: d.Published, Fetched: d.Published.Add(time.Hour), Tags: d.Tags,
		DuplicateOf: d.DupOf, AlsoReportedBy: d.Also}
}

// testNow is the "now" of the search cases, for relative dates.
var testNow = time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC)

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
				Name     string             `json:"name"`
				Query    string             `json:"query"`
				Sort     string             `json:"sort"`
				Collapse bool               `json:"collapse"`
				Want     []int64            `json:"want"`
				Facets   map[string][]Facet `json:"facets"`
				Snippets map[string]string  `json:"snippets"` // by ID
			}
			if err := json.Unmarshal(data, &searches); err != nil {
				t.Fatal(err)
			}
			for _, s := range searches {
				t.Run(s.Name, func(t *testing.T) {
					res, err := ix.Search(context.Background(), Request{Query: s.Query, Sort: s.Sort, Limit: 50,
						Facets: s.Facets != nil, Collapse: s.Collapse, Now: testNow})
					if err != nil {
						t.Fatal(err)
					}
					got := []int64{}
					snippets := map[string]string{}
					for _, h := range res.Hits {
						got = append(got, h.ID)
						snippets[strconv.FormatInt(h.ID, 10)] = h.Snippet
					}
					if !reflect.DeepEqual(got, s.Want) || res.Total != uint64(len(s.Want)) {
						t.Errorf("%q: got %v (total %d), want %v", s.Query, got, res.Total, s.Want)
					}
					for name, want := range s.Facets {
						if !reflect.DeepEqual(res.Facets[name], want) {
							t.Errorf("%q: facet %s = %v, want %v", s.Query, name, res.Facets[name], want)
						}
					}
					for id, want := range s.Snippets {
						if snippets[id] != want {
							t.Errorf("%q: snippet of %s = %q, want %q", s.Query, id, snippets[id], want)
						}
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
		Companies: []string{"Databricks", "Tabular"}, Layer: "middleware", EventType: "acquisition", Score: h.Score,
		Snippet: "The data platform is buying the company behind Apache Iceberg.", Sources: 1}
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
		{`type:fundng`, `type: unknown value "fundng" (known: acquisition, ipo, funding`},
		{`layer:>2`, "filter layer takes a value, not a comparison"},
		{`round:series_z`, `round: unknown value "series_z"`},
		{`amount:50M`, "amount needs a comparison: amount>50M"},
		{`amount>fifty`, `amount: "fifty" is not an amount`},
		{`since:yesterday`, `since: "yesterday" is not a date`},
		{`date:2026-01-01`, "date needs a comparison"},
		{`month:June`, "month: want YYYY-MM"},
		{`*`, "wildcards: only a trailing * after at least three letters"},
		{`ro*`, "wildcards: only a trailing *"},
		{`*bot`, "wildcards: only a trailing *"},
		{`ro?ot`, "wildcards: only a trailing *"},
		{`/ab+c/`, "regular expressions are not supported"},
		{`OR funding`, "position 1: OR must stand between"},
		{`funding OR`, "position 9: OR must stand between"},
		{`funding OR OR seed`, "position 12: OR must stand between"},
		{`(type:funding`, `position 1: "(" is never closed`},
		{`type:funding AND (`, `position 18: "(" is never closed`},
		{`(((((`, `position 5: "(" is never closed`},
		{`funding)`, `position 8: ")" without a matching "("`},
		{`()`, "position 1: empty parentheses"},
		{`funding ( )`, "position 9: empty parentheses"},
		{`NOT`, "position 1: NOT must be followed"},
		{`funding NOT`, "position 9: NOT must be followed"},
		{`NOT OR seed`, "position 1: NOT must be followed"},
		{`funding AND`, "position 9: AND must stand between"},
		{`AND funding`, "position 1: AND must stand between"},
		{`(OR funding)`, "position 2: OR must stand between"},
		{`(funding OR)`, "position 10: OR must stand between"},
		{`-(`, `position 2: "(" is never closed`},
		{`(type:)`, "filter type: needs a value"},
		{`(type:acquisition`, `position 1: "(" is never closed`},
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
	const timeout = 500 * time.Millisecond
	start := time.Now()
	_, err = Open(path, Options{LockTimeout: timeout})
	if !errors.Is(err, ErrLocked) {
		t.Fatalf("second open: %v, want ErrLocked", err)
	}
	// It waited for the lock (bbolt retries until the timeout, less one
	// 50 ms step), and then gave up: the ceiling tells a hang from a
	// slow machine, 60 times the timeout.
	if d := time.Since(start); d < timeout-50*time.Millisecond || d > 60*timeout {
		t.Errorf("second open gave up after %s, with a lock timeout of %s", d, timeout)
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

// TestConcurrentSearchWhileIndexing: 8 goroutines search with a mix of
// query shapes while batches of generated articles are indexed; go test
// -race runs it (the race detector then reports any unsynchronised
// access). Each searcher runs a round of searches during every batch and
// one after the last, so searches meet every state of the index. No
// search may fail; a search of everything counts no fewer documents than
// were indexed before it began and no more than had begun to be indexed
// when it ended; every batch lands; the p99 latency stays within
// concurrentP99Budget.
func TestConcurrentSearchWhileIndexing(t *testing.T) {
	ix := openTest(t)
	g, err := gen.New(5)
	if err != nil {
		t.Fatal(err)
	}
	// Latency is bounded by the budget below, not by DefaultTimeout.
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	queries := []Request{{Query: "funding"}, {Query: "type:funding amount>10M", Facets: true}, {Query: "融资"},
		{Query: `"open weights" OR robot*`}, {Query: "", Facets: true, Collapse: true}, {Query: "since:90d layer:model", Sort: "date"},
		{Query: ""}}
	const searchers, batches, size, perRound = 8, 10, 100, 12
	// landed[b] is closed when batch b is in the index.
	landed := make([]chan struct{}, batches)
	for b := range landed {
		landed[b] = make(chan struct{})
	}
	var begun, indexed atomic.Int64 // documents whose batch has begun, has landed
	var wg sync.WaitGroup
	var mu sync.Mutex
	var lat []time.Duration
	for w := range searchers {
		wg.Go(func() {
			for round := 0; round <= batches; round++ {
				for i := range perRound {
					req := queries[(w+i)%len(queries)]
					req.Now = gen.End
					low := indexed.Load()
					start := time.Now()
					res, err := ix.Search(ctx, req)
					d := time.Since(start)
					high := begun.Load()
					if err != nil {
						t.Errorf("search %q while indexing: %v", req.Query, err)
						return
					}
					if req.Query == "" && !req.Collapse && (int64(res.Total) < low || int64(res.Total) > high) {
						t.Errorf("a search of everything counts %d documents; %d were indexed before it, %d begun after", res.Total, low, high)
					}
					mu.Lock()
					lat = append(lat, d)
					mu.Unlock()
				}
				if round < batches {
					<-landed[round]
				}
			}
		})
	}
	for b := range batches {
		batch := make([]news.Article, size)
		for i := range batch {
			batch[i] = g.Next()
		}
		begun.Add(size)
		if err := ix.Apply(ctx, batch); err != nil {
			t.Fatal(err)
		}
		indexed.Add(size)
		close(landed[b])
	}
	wg.Wait()
	if n, _ := ix.Count(); n != batches*size {
		t.Errorf("count %d, want %d", n, batches*size)
	}
	if seq, _ := ix.Seq(); seq != batches*size {
		t.Errorf("watermark %d, want %d", seq, batches*size)
	}
	if want := searchers * (batches + 1) * perRound; len(lat) != want {
		t.Errorf("%d searches ran, want %d", len(lat), want)
	}
	p := percentiles(lat)
	t.Logf("%d searches while indexing: p50 %s, p99 %s, max %s (budget for p99 %s)", len(lat), p[0], p[2], p[3], concurrentP99Budget)
	if p[2] > concurrentP99Budget {
		t.Errorf("p99 search latency while indexing %s, over the budget of %s", p[2], concurrentP99Budget)
	}
}

func FuzzParseQuery(f *testing.F) {
	for _, q := range []string{`type:funding layer:model "Zhipu AI" -robotics`, `company:"A B"`, `融资 智谱`, `-`, `"`, `a:b:c`} {
		f.Add(q)
	}
	f.Fuzz(func(t *testing.T, q string) {
		cs, err := parseQuery(q, time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC))
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

// TestSearchDeadline: a search whose deadline has passed answers with
// ErrTimeout, not a result and not a hang.
func TestSearchDeadline(t *testing.T) {
	ix := openTest(t)
	if err := ix.Apply(context.Background(), loadDocs(t, "testdata/analyst/docs.json")); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithDeadline(context.Background(), time.Now().Add(-time.Second))
	defer cancel()
	res, err := ix.Search(ctx, Request{Query: "robot*", Facets: true})
	if !errors.Is(err, ErrTimeout) || res != nil {
		t.Errorf("search past its deadline: %v, %v; want ErrTimeout and no result", res, err)
	}
}

// TestCloseKeepsEverything: every batch applied before Close is there
// after reopening, with the watermark.
func TestCloseKeepsEverything(t *testing.T) {
	path := filepath.Join(t.TempDir(), "index")
	ix, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	g, _ := gen.New(9)
	for range 5 {
		batch := make([]news.Article, 200)
		for i := range batch {
			batch[i] = g.Next()
		}
		if err := ix.ApplyUnordered(context.Background(), batch); err != nil {
			t.Fatal(err)
		}
	}
	ix.SetSeq(1000)
	ix.Close()
	if ix, err = Open(path, Options{}); err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	n, _ := ix.Count()
	seq, _ := ix.Seq()
	if n != 1000 || seq != 1000 {
		t.Errorf("after reopening: %d documents, watermark %d; want 1000 and 1000", n, seq)
	}
}

// FuzzSnippet: any lead and any query give a snippet that is valid UTF-8,
// with balanced marks and nothing else unescaped.
func FuzzSnippet(f *testing.F) {
	f.Add("The warehouse robot maker will build robotic arms.", "robotic arms")
	f.Add("本轮融资由多家机构参与，资金将用于大模型研发。", "融资")
	f.Add(strings.Repeat("word ", 200)+"needle", "needle robot*")
	ix := openTest(f)
	f.Fuzz(func(t *testing.T, text, q string) {
		cs, err := parseQuery(q, testNow)
		if err != nil {
			return
		}
		s := ix.snippet(text, ix.markTerms(cs.clauses()))
		if utf8.ValidString(text) && !utf8.ValidString(s) {
			t.Fatalf("snippet %q is not valid UTF-8", s)
		}
		if strings.Count(s, "<mark>") != strings.Count(s, "</mark>") {
			t.Fatalf("unbalanced marks: %q", s)
		}
		rest := strings.NewReplacer("<mark>", "", "</mark>", "").Replace(s)
		if strings.ContainsAny(rest, "<>") {
			t.Fatalf("unescaped markup: %q", s)
		}
	})
}

// TestBindStore: an index agrees with the store it was made for, up to
// that store's latest write, and with no other.
func TestBindStore(t *testing.T) {
	arts := loadDocs(t, "testdata/basic/docs.json")[:3] // sequence numbers 1–3
	cases := []struct {
		name     string
		made     string // the store ID Open records, "" for none
		articles bool
		storeID  string
		storeSeq int64
		want     error
	}{
		{"same store", "a", true, "a", 3, nil},
		{"same store, behind it", "a", true, "a", 9, nil},
		{"same store, empty", "a", false, "a", 0, nil},
		{"another store", "a", true, "b", 3, ErrOtherStore},
		{"another store, empty", "a", false, "b", 0, ErrOtherStore},
		{"ahead of the store", "a", true, "a", 2, ErrAheadOfStore},
		{"no store id, holds articles", "", true, "a", 3, ErrNoStoreID},
		{"no store id, empty: bound", "", false, "a", 0, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "index")
			ix, err := Open(path, Options{StoreID: tc.made})
			if err != nil {
				t.Fatal(err)
			}
			defer ix.Close()
			if tc.articles {
				if err := ix.Apply(context.Background(), arts); err != nil {
					t.Fatal(err)
				}
			}
			err = ix.BindStore(tc.storeID, tc.storeSeq)
			if !errors.Is(err, tc.want) || (err == nil) != (tc.want == nil) {
				t.Fatalf("BindStore(%q, %d) = %v, want %v", tc.storeID, tc.storeSeq, err, tc.want)
			}
			if err != nil {
				if !IsStoreMismatch(err) || !strings.Contains(err.Error(), path) {
					t.Errorf("error %q does not name %s, or is not a mismatch", err, path)
				}
				return
			}
			if id, _ := ix.StoreID(); id != tc.storeID {
				t.Errorf("store id %q after binding, want %q", id, tc.storeID)
			}
		})
	}
}
