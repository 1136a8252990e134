package cluster

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/aitracker/aitracker/dedupe"
	"github.com/aitracker/aitracker/index"
	"github.com/aitracker/aitracker/news"
	"github.com/aitracker/aitracker/store"
)

// save stores n articles of source src, keys from prefix.
func save(t *testing.T, st store.Store, src int64, prefix string, n int) {
	t.Helper()
	ctx := context.Background()
	at := time.Date(2026, 11, 28, 6, 0, 0, 0, time.UTC)
	for i := range n {
		a := &news.Article{SourceID: src, DedupKey: fmt.Sprintf("%s-%d", prefix, i), URL: fmt.Sprintf("https://news.example/%s/%d", prefix, i),
			Title: fmt.Sprintf("Report %s %d on model makers", prefix, i), Body: "A report.", Lang: "en", Published: at, Fetched: at,
			Tags: news.Tags{Version: "test"}}
		a.ContentHash = dedupe.ContentHash(a)
		if _, err := st.SaveArticle(ctx, a, dedupe.For(a)); err != nil {
			t.Fatal(err)
		}
	}
}

// indexIDs lists every article in the index, by paging through it in
// date order (then ID, a total order).
func indexIDs(t *testing.T, l *index.Live) []int64 {
	t.Helper()
	var ids []int64
	for {
		r, err := l.Search(context.Background(), index.Request{Sort: "date", Limit: 200, Offset: len(ids)})
		if err != nil {
			t.Fatal(err)
		}
		for _, h := range r.Hits {
			ids = append(ids, h.ID)
		}
		if len(r.Hits) == 0 || uint64(len(ids)) >= r.Total {
			break
		}
	}
	slices.Sort(ids)
	return ids
}

// storeIDs lists every article in the store.
func storeIDs(t *testing.T, st store.Store) []int64 {
	t.Helper()
	var ids []int64
	for after := int64(0); ; {
		arts, err := st.ArticlesFrom(context.Background(), after, 500)
		if err != nil {
			t.Fatal(err)
		}
		if len(arts) == 0 {
			return ids
		}
		for _, a := range arts {
			ids = append(ids, a.ID)
		}
		after = arts[len(arts)-1].ID
	}
}

// TestFollowerCatchesUpAndFollows: a search node opened on an empty
// directory takes in the whole store; it then takes in what is written
// after, step by step, its lag going to 0, and after a restart it goes on
// from its watermark (it indexes only what is new).
func TestFollowerCatchesUpAndFollows(t *testing.T) {
	ctx := context.Background()
	c := newCluster(t)
	srcs, err := c.st.SyncSources(ctx, []news.Source{{Name: "Wire", URL: "http://127.0.0.1/wire", Kind: news.KindFeed, Enabled: true}})
	if err != nil {
		t.Fatal(err)
	}
	save(t, c.st, srcs[0].ID, "a", 30)
	dir := filepath.Join(t.TempDir(), "index")
	open := func() *Follower {
		l, err := index.OpenServing(ctx, c.st, index.Config{Path: dir, Logger: c.log})
		if err != nil {
			t.Fatal(err)
		}
		return &Follower{Index: l, Store: c.st, Logger: c.log}
	}
	f := open()
	if got, want := indexIDs(t, f.Index), storeIDs(t, c.st); !slices.Equal(got, want) || len(got) != 30 {
		t.Fatalf("new node holds %d articles, the store %d", len(got), len(want))
	}
	save(t, c.st, srcs[0].ID, "b", 12)
	if _, err := f.Step(ctx); err != nil {
		t.Fatal(err)
	}
	ixSeq, stSeq := f.Seqs()
	maxSeq, _ := c.st.MaxSeq(ctx)
	if ixSeq != maxSeq || stSeq != maxSeq {
		t.Errorf("after a step: index at %d, store at %d (seen %d)", ixSeq, maxSeq, stSeq)
	}
	if b := f.Beat("search@x", "http://127.0.0.1:1/", time.Now()); b.Lag() != 0 || b.Articles != 42 || b.IndexSeq != maxSeq {
		t.Errorf("beat %+v", b)
	}
	if got, want := indexIDs(t, f.Index), storeIDs(t, c.st); !slices.Equal(got, want) {
		t.Errorf("node holds %d articles, the store %d", len(got), len(want))
	}
	if err := f.Index.Close(); err != nil {
		t.Fatal(err)
	}
	save(t, c.st, srcs[0].ID, "c", 5)
	// Reopened, it resumes from its watermark: the 5 new ones only.
	cnt := &counted{}
	l, err := index.OpenLive(ctx, c.st, index.Config{Path: dir, Logger: c.log, Counter: cnt})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	if cnt.start != 5 || cnt.added != 5 {
		t.Errorf("reopened, the catch-up had %d writes to take in and took %d, want 5 and 5", cnt.start, cnt.added)
	}
	if got, want := indexIDs(t, l), storeIDs(t, c.st); !slices.Equal(got, want) || len(got) != 47 {
		t.Errorf("reopened node holds %d articles, the store %d", len(got), len(want))
	}
}

// counted is an index.Counter.
type counted struct{ start, added int }

func (c *counted) Start(n int) { c.start = n }
func (c *counted) Add(n int)   { c.added += n }
func (c *counted) Finish()     {}
