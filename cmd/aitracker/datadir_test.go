package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aitracker/aitracker/store"
)

// TestStoreDeletedUnderTheIndex: with the store file deleted and the
// index left, the next ingestion says the index is rebuilt, indexes what
// it stores, and every hit is the stored article with its ID.
func TestStoreDeletedUnderTheIndex(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "demo")
	if code, out, errOut := run(t, "demo", "--data-dir", dir, "--once"); code != 0 || !strings.Contains(out, "52 new articles") {
		t.Fatalf("demo --once: %d\n%s\n%s", code, out, errOut)
	}
	db := filepath.Join(dir, "aitracker.db")
	if err := os.Remove(db); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := run(t, "demo", "--data-dir", dir, "--once")
	if code != 0 || !strings.Contains(out, "52 new articles") || !strings.Contains(out, "52 indexed") {
		t.Fatalf("demo --once on a new store: %d\n%s\n%s", code, out, errOut)
	}
	if !strings.Contains(errOut, "index belongs to another store") || !strings.Contains(errOut, "rebuilding it from the store") {
		t.Errorf("the command does not say the index was rebuilt:\n%s", errOut)
	}
	code, out, errOut = run(t, "search", "--data-dir", dir, "--json", "--limit", "200")
	if code != 0 {
		t.Fatalf("search: %d %s", code, errOut)
	}
	var res struct {
		Total int `json:"total"`
		Hits  []struct {
			ID    int64  `json:"id"`
			Title string `json:"title"`
			URL   string `json:"url"`
		} `json:"hits"`
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("search --json: %v\n%s", err, out)
	}
	ctx := context.Background()
	st, err := store.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if n, _ := st.CountArticles(ctx); res.Total != n || len(res.Hits) != n {
		t.Errorf("search finds %d articles (%d hits), the store holds %d", res.Total, len(res.Hits), n)
	}
	for _, h := range res.Hits {
		if a, err := st.Article(ctx, h.ID); err != nil || a.Title != h.Title || a.URL != h.URL {
			t.Errorf("hit %d %q is stored as %q, %v", h.ID, h.Title, a.Title, err)
		}
	}
}
