package pipeline_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aitracker/aitracker/classify"
	"github.com/aitracker/aitracker/config"
	"github.com/aitracker/aitracker/dedupe"
	"github.com/aitracker/aitracker/demo"
	"github.com/aitracker/aitracker/index"
	"github.com/aitracker/aitracker/ingest"
	"github.com/aitracker/aitracker/ingest/fetch"
	"github.com/aitracker/aitracker/news"
	"github.com/aitracker/aitracker/pipeline"
	"github.com/aitracker/aitracker/store"
)

// fixture is a data directory with a store, an index and a pipeline whose
// fetcher may reach loopback.
type fixture struct {
	dir string
	st  store.Store
	ix  *index.Live
	p   *pipeline.Pipeline
	log *slog.Logger
}

// openData opens the store and the index in dir, as a command does.
func openData(tb testing.TB, dir string, log *slog.Logger) (store.Store, *index.Live) {
	tb.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(dir, "aitracker.db"))
	if err != nil {
		tb.Fatal(err)
	}
	ix, err := index.OpenLive(ctx, st, index.Config{Path: filepath.Join(dir, "index"), Logger: log})
	if err != nil {
		st.Close()
		tb.Fatal(err)
	}
	return st, ix
}

// defaultClassifier is the classifier of the default taxonomy.
func defaultClassifier(tb testing.TB) *classify.Classifier {
	tb.Helper()
	tax, err := config.LoadDefaultTaxonomy()
	if err != nil {
		tb.Fatal(err)
	}
	cls, err := classify.New(tax)
	if err != nil {
		tb.Fatal(err)
	}
	return cls
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	f := &fixture{dir: t.TempDir(), log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	f.st, f.ix = openData(t, f.dir, f.log)
	f.p = &pipeline.Pipeline{
		Store: f.st, Index: f.ix, Classifier: defaultClassifier(t), Logger: f.log, Workers: 4,
		Fetcher: &ingest.Fetcher{Client: fetch.New(fetch.Options{AllowPrivate: true, Timeout: 5 * time.Second, HostInterval: -1})},
	}
	t.Cleanup(func() {
		f.ix.Close()
		f.st.Close()
	})
	return f
}

// feedServer serves two of the project's sample feeds, a source that
// answers 500 and one that answers garbage.
func feedServer(t *testing.T) *httptest.Server {
	t.Helper()
	now := time.Now()
	mux := http.NewServeMux()
	for _, name := range []string{"ai-wire.rss.xml", "zhineng-kuaibao.rss.xml"} {
		mux.HandleFunc("/"+name, func(w http.ResponseWriter, r *http.Request) {
			body, err := demo.Render(name, "https://demo.example", now)
			if err != nil {
				t.Error(err)
			}
			w.Header().Set("Content-Type", "application/rss+xml")
			w.Write(body)
		})
	}
	mux.HandleFunc("/broken", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "database on fire", http.StatusInternalServerError)
	})
	mux.HandleFunc("/garbage", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Write([]byte("\x00\x01 this is not a feed \xff"))
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

func sources(base string) []news.Source {
	return []news.Source{
		{Name: "Wire", URL: base + "/ai-wire.rss.xml", Kind: news.KindFeed},
		{Name: "Broken", URL: base + "/broken", Kind: news.KindFeed},
		{Name: "快报", URL: base + "/zhineng-kuaibao.rss.xml", Kind: news.KindFeed, Lang: "zh"},
		{Name: "Garbage", URL: base + "/garbage", Kind: news.KindFeed},
	}
}

func TestEndToEnd(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	srv := feedServer(t)

	sum, err := f.p.Run(ctx, sources(srv.URL))
	if err != nil {
		t.Fatal(err)
	}
	if sum.Sources != 4 || sum.SourcesOK != 2 || sum.SourcesFailed != 2 || sum.New != 32 || sum.Indexed != 32 {
		t.Fatalf("first pass: %s", sum)
	}
	if sum.Tagged < 25 {
		t.Errorf("only %d of 32 articles tagged with an event", sum.Tagged)
	}
	errs := map[string]string{}
	for _, fl := range sum.Failures {
		errs[fl.Source] = fl.Err
	}
	if !strings.Contains(errs["Broken"], "500") || !strings.Contains(errs["Garbage"], "not an RSS, Atom or JSON feed") {
		t.Errorf("failures: %v", errs)
	}

	// Search finds the right article with the right tags.
	res, err := f.ix.Search(ctx, index.Request{Query: `"Mistral AI" type:funding lang:en`})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) != 1 {
		t.Fatalf("Mistral funding search: %+v", res)
	}
	h := res.Hits[0]
	if !strings.HasPrefix(h.Title, "Mistral AI raises €1.7 billion") || h.EventType != "funding" || h.Layer != "model" ||
		len(h.Companies) == 0 || h.Companies[0] != "Mistral AI" || h.Source != "Wire" {
		t.Errorf("hit %+v", h)
	}
	res, err = f.ix.Search(ctx, index.Request{Query: "月之暗面 融资"})
	if err != nil || len(res.Hits) != 1 || res.Hits[0].Companies[0] != "Moonshot AI" || res.Hits[0].Lang != "zh" {
		t.Errorf("Chinese search: %+v, %v", res, err)
	}

	// The store keeps the failures, in plain words.
	srcs, _ := f.st.Sources(ctx)
	for _, s := range srcs {
		switch s.Name {
		case "Broken", "Garbage":
			if s.ConsecutiveFailures != 1 || s.LastError == "" || !s.LastSuccessAt.IsZero() {
				t.Errorf("%s: %+v", s.Name, s)
			}
		default:
			if s.ConsecutiveFailures != 0 || s.LastSuccessAt.IsZero() || s.ArticleCount != 16 {
				t.Errorf("%s: %+v", s.Name, s)
			}
		}
	}

	// A second pass over the same input adds nothing.
	sum, err = f.p.Run(ctx, sources(srv.URL))
	if err != nil {
		t.Fatal(err)
	}
	if sum.New != 0 || sum.Updated != 0 || sum.Indexed != 0 || sum.SourcesOK != 2 {
		t.Errorf("second pass: %s", sum)
	}
	if n, _ := f.st.CountArticles(ctx); n != 32 {
		t.Errorf("store has %d articles after two passes", n)
	}
	if n, _ := f.ix.Count(); n != 32 {
		t.Errorf("index has %d documents after two passes", n)
	}
}

// TestCrashBetweenStoreAndIndex: articles stored but not indexed (the
// process died in between) are indexed on the next open, and a torn or
// missing index is rebuilt from the store.
func TestCrashBetweenStoreAndIndex(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	srv := feedServer(t)
	if _, err := f.p.Run(ctx, sources(srv.URL)); err != nil {
		t.Fatal(err)
	}
	// Store one more article behind the index's back.
	srcs, _ := f.st.Sources(ctx)
	a := &news.Article{SourceID: srcs[0].ID, DedupKey: "late|x", URL: "https://x/late", Title: "Late arrival raises $1M",
		Published: time.Now(), Fetched: time.Now(), Tags: news.Tags{EventType: news.EventFunding, Layer: news.LayerNone, Version: "t"}}
	a.ContentHash = dedupe.ContentHash(a)
	if _, err := f.st.SaveArticle(ctx, a, dedupe.For(a)); err != nil {
		t.Fatal(err)
	}
	path := f.ix.Path()
	f.ix.Close()

	ix, err := index.OpenLive(ctx, f.st, index.Config{Path: path, Logger: f.log})
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := ix.Count(); n != 33 {
		t.Errorf("after catch-up the index has %d documents, want 33", n)
	}
	ix.Close()

	// Tear the index and open again: rebuilt, with everything.
	os.WriteFile(filepath.Join(path, "store", "root.bolt"), []byte("torn"), 0o600)
	ix, err = index.OpenLive(ctx, f.st, index.Config{Path: path, Logger: f.log})
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := ix.Count(); n != 33 {
		t.Errorf("after rebuild the index has %d documents, want 33", n)
	}
	ix.Close()

	// Remove it entirely: created and filled again.
	os.RemoveAll(path)
	f.ix, err = index.OpenLive(ctx, f.st, index.Config{Path: path, Logger: f.log})
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := f.ix.Count(); n != 33 {
		t.Errorf("after recreate the index has %d documents, want 33", n)
	}
}

// TestInterruptStopsBetweenArticles: cancelling a pass keeps what was
// stored, leaves no source half recorded, and the next pass finishes
// the job.
func TestInterruptStopsBetweenArticles(t *testing.T) {
	f := newFixture(t)
	now := time.Now()
	ctx, cancel := context.WithCancel(context.Background())
	var served atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := demo.Render("ai-wire.rss.xml", "https://demo.example", now)
		if r.URL.Path == "/slow" {
			// Cancel the pass while this source is being read.
			cancel()
		}
		served.Add(1)
		w.Write(body)
	}))
	defer srv.Close()
	srcs := []news.Source{{Name: "Slow", URL: srv.URL + "/slow", Kind: news.KindFeed}}
	f.p.Workers = 1
	sum, err := f.p.Run(ctx, srcs)
	if err != nil {
		t.Fatal(err)
	}
	if !sum.Interrupted {
		t.Errorf("pass not marked interrupted: %s", sum)
	}
	stored, _ := f.st.CountArticles(context.Background())
	if stored == 16 {
		t.Errorf("all 16 articles stored despite the interruption")
	}
	st, _ := f.st.Sources(context.Background())
	if !st[0].LastSuccessAt.IsZero() || st[0].ETag != "" {
		t.Errorf("an interrupted source must not be recorded as fetched: %+v", st[0])
	}
	// The next pass stores the rest and indexes everything.
	sum, err = f.p.Run(context.Background(), []news.Source{{Name: "Slow", URL: srv.URL + "/fast", Kind: news.KindFeed}})
	if err != nil {
		t.Fatal(err)
	}
	total, _ := f.st.CountArticles(context.Background())
	if n, _ := f.ix.Count(); total != 16+stored || n != uint64(total) {
		t.Errorf("after the next pass: %d stored (was %d), %d indexed; %s", total, stored, n, sum)
	}
}

func TestRunRefusesOverlap(t *testing.T) {
	f := newFixture(t)
	arrived := make(chan struct{})
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		close(arrived)
		<-release
		http.Error(w, "late", http.StatusServiceUnavailable)
	}))
	defer srv.Close()
	done := make(chan struct{})
	go func() {
		defer close(done)
		f.p.Run(context.Background(), []news.Source{{Name: "S", URL: srv.URL, Kind: news.KindFeed}})
	}()
	<-arrived // the first pass is fetching, so it holds the lock
	if _, err := f.p.Run(context.Background(), nil); err != pipeline.ErrBusy {
		t.Errorf("second pass: %v, want ErrBusy", err)
	}
	close(release)
	<-done
}
