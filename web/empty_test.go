package web

import (
	"context"
	"errors"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/aitracker/aitracker/dedupe"
	"github.com/aitracker/aitracker/index"
	"github.com/aitracker/aitracker/internal/logtest"
	"github.com/aitracker/aitracker/news"
	"github.com/aitracker/aitracker/store"
)

// TestEmptyState: a tracker with nothing ingested says so on its first
// page instead of "No articles match.", says why (no pass finished yet,
// or every source failed, each in plain words) and points to the
// sources page and to the demo; once an article is indexed, an empty
// result is "No articles match." again.
func TestEmptyState(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	st, err := store.Open(ctx, filepath.Join(dir, "aitracker.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ix, err := index.Open(filepath.Join(dir, "index"), index.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	logs := logtest.New(t)
	srv := httptest.NewServer((&Server{Index: index.NewLive(ix), Store: st, Logger: logs.Logger(), Version: "test"}).Handler())
	defer srv.Close()
	page := func(q string) string {
		t.Helper()
		resp, body := get(t, srv.URL+"/?q="+q)
		if resp.StatusCode != 200 {
			t.Fatalf("search %q: %d", q, resp.StatusCode)
		}
		return body
	}

	if body := page(""); !strings.Contains(body, "no source is configured") {
		t.Errorf("no sources: %s", body)
	}
	srcs, err := st.SyncSources(ctx, []news.Source{
		{Name: "Wire", URL: "https://wire.example/feed", Kind: news.KindFeed, Enabled: true},
		{Name: "快报", URL: "https://kb.example/feed", Kind: news.KindFeed, Enabled: true}})
	if err != nil {
		t.Fatal(err)
	}
	body := page("")
	if !strings.Contains(body, "the first pass has not finished") || !strings.Contains(body, `href="/sources"`) ||
		!strings.Contains(body, "aitracker demo") || strings.Contains(body, "No articles match.") {
		t.Errorf("before the first pass:\n%s", body)
	}

	now := time.Now().UTC()
	for _, s := range srcs {
		o := store.FetchOutcome{At: now, Err: errors.New("dial tcp: lookup " + s.URL + ": no such host"), ErrKind: "transient",
			ErrPlain: "the name could not be resolved: no network, or a DNS problem", NextCheckAt: now.Add(time.Hour)}
		if err := st.RecordFetch(ctx, s.ID, o); err != nil {
			t.Fatal(err)
		}
	}
	body = page("")
	for _, want := range []string{"every source tried so far failed (2 of 2)", "Wire: the name could not be resolved: no network",
		"快报: the name could not be resolved", `href="/sources"`, "aitracker demo"} {
		if !strings.Contains(body, want) {
			t.Errorf("every source failed: the page lacks %q", want)
		}
	}
	// A query on an empty tracker gets the same answer: nothing was
	// ingested, not nothing matched.
	if body := page("funding"); !strings.Contains(body, "every source tried so far failed") || strings.Contains(body, "No articles match.") {
		t.Errorf("a query on an empty tracker says:\n%s", body)
	}

	a := &news.Article{SourceID: srcs[0].ID, DedupKey: "a", URL: "https://wire.example/a", Title: "Acme raises $5M", Lang: "en",
		Published: now, Fetched: now}
	a.ContentHash = dedupe.ContentHash(a)
	if _, err := st.SaveArticle(ctx, a, dedupe.For(a)); err != nil {
		t.Fatal(err)
	}
	stored, err := st.ArticlesAfter(ctx, 0, 10)
	if err != nil {
		t.Fatal(err)
	}
	if err := ix.Apply(ctx, stored); err != nil {
		t.Fatal(err)
	}
	if body := page(""); strings.Contains(body, "Nothing to search yet") {
		t.Errorf("the empty state shows with an article indexed")
	}
	if body := page("robotics"); !strings.Contains(body, "No articles match.") || strings.Contains(body, "Nothing to search yet") {
		t.Errorf("a query without hits: %s", body)
	}
}
