package pipeline

import (
	"context"
	"fmt"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/aitracker/aitracker/dedupe"
	"github.com/aitracker/aitracker/news"
	"github.com/aitracker/aitracker/store"
)

// countingStore is the real store, with the size of each batch written
// counted.
type countingStore struct {
	store.Store
	mu      sync.Mutex
	batches []int
}

func (c *countingStore) SaveArticles(ctx context.Context, batch []store.Save) error {
	c.mu.Lock()
	c.batches = append(c.batches, len(batch))
	c.mu.Unlock()
	return c.Store.SaveArticles(ctx, batch)
}

// TestBatcher: many workers saving at once each get their own articles'
// outcomes, every article is stored once, and no write holds more than
// maxBatch articles unless one request alone does.
func TestBatcher(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "aitracker.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	srcs, err := st.SyncSources(ctx, []news.Source{{Name: "wire", URL: "https://wire.example/feed"}})
	if err != nil {
		t.Fatal(err)
	}
	cs := &countingStore{Store: st}
	var b batcher
	const workers, each = 8, 200
	day := time.Date(2026, 11, 2, 8, 0, 0, 0, time.UTC)
	var wg sync.WaitGroup
	errs := make(chan error, workers)
	for w := range workers {
		wg.Go(func() {
			arts := make([]news.Article, each)
			saves := make([]store.Save, each)
			for i := range arts {
				key := fmt.Sprintf("w%d-%d", w, i)
				arts[i] = news.Article{SourceID: srcs[0].ID, DedupKey: key, URL: "https://wire.example/" + key,
					Title: "Story " + key, Published: day, Fetched: day, Tags: news.Tags{Version: "v1", EventType: news.EventOther}}
				arts[i].ContentHash = dedupe.ContentHash(&arts[i])
				saves[i] = store.Save{Article: &arts[i], Dup: dedupe.For(&arts[i])}
			}
			if err := b.save(ctx, cs, saves, maxBatch); err != nil {
				errs <- err
				return
			}
			for i, sv := range saves {
				if sv.Err != nil || sv.Result != store.Created || arts[i].ID == 0 {
					errs <- fmt.Errorf("worker %d article %d: %v, %v, ID %d", w, i, sv.Result, sv.Err, arts[i].ID)
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if n, _ := st.CountArticles(ctx); n != workers*each {
		t.Errorf("%d articles stored, want %d", n, workers*each)
	}
	for _, n := range cs.batches {
		if n > maxBatch || n%each != 0 {
			t.Errorf("a write of %d articles: more than %d, or requests of %d split", n, maxBatch, each)
		}
	}
	if b.writing || len(b.waiting) != 0 {
		t.Errorf("the batcher is left writing %v with %d waiting", b.writing, len(b.waiting))
	}
}
