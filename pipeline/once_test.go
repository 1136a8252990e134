package pipeline_test

import (
	"context"
	"path/filepath"
	"sync"
	"testing"

	"github.com/aitracker/aitracker/index"
	"github.com/aitracker/aitracker/news"
	"github.com/aitracker/aitracker/store"
)

// readCounter is the store as the index reads it, counting how often
// each article is handed to the index, and how often its text is read
// back.
type readCounter struct {
	store.Store
	mu    sync.Mutex
	read  map[int64]int // articles handed to the index, whole or as states
	texts int           // articles read back with their text
}

func (r *readCounter) count(arts []news.Article, whole bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, a := range arts {
		r.read[a.ID]++
		if whole {
			r.texts++
		}
	}
}

func (r *readCounter) ArticlesAfter(ctx context.Context, seq int64, limit int) ([]news.Article, error) {
	arts, err := r.Store.ArticlesAfter(ctx, seq, limit)
	r.count(arts, true)
	return arts, err
}

func (r *readCounter) ArticleStatesAfter(ctx context.Context, seq int64, limit int) ([]news.Article, error) {
	arts, err := r.Store.ArticleStatesAfter(ctx, seq, limit)
	r.count(arts, false)
	return arts, err
}

func (r *readCounter) Articles(ctx context.Context, ids []int64) ([]news.Article, error) {
	arts, err := r.Store.Articles(ctx, ids)
	r.mu.Lock()
	r.texts += len(arts)
	r.mu.Unlock()
	return arts, err
}

// TestPassIndexesEachArticleOnce: a pass writes each article it stores
// to the index once, with its event, handing its text on by value (none
// is read back from the store), and an unchanged pass writes none.
// (Indexing before the event update, and again after it for the
// articles whose event it set, wrote most articles twice.) After a crash,
// an index catching up reads the articles whole.
func TestPassIndexesEachArticleOnce(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	f.ix.Close()
	rc := &readCounter{Store: f.st, read: map[int64]int{}}
	ix, err := index.OpenLive(ctx, rc, index.Config{Path: filepath.Join(f.dir, "index"), Logger: f.log})
	if err != nil {
		t.Fatal(err)
	}
	f.ix, f.p.Index = ix, ix
	srv := feedServer(t)

	sum, err := f.p.Run(ctx, sources(srv.URL))
	if err != nil {
		t.Fatal(err)
	}
	if sum.New != 32 || sum.Indexed != 32 || sum.EventsNew == 0 {
		t.Fatalf("first pass: %s", sum)
	}
	twice := 0
	for id, n := range rc.read {
		if n != 1 {
			twice++
			if twice <= 3 {
				t.Errorf("article %d indexed %d times in one pass", id, n)
			}
		}
	}
	if twice > 0 || len(rc.read) != 32 {
		t.Errorf("%d of %d articles indexed more than once; %d stored", twice, len(rc.read), sum.New)
	}
	if rc.texts != 0 {
		t.Errorf("the index read %d articles' text back from the store; the pass had handed all 32 on", rc.texts)
	}
	// Every article is in the index with its event.
	withEvent, err := f.ix.Search(ctx, index.Request{Query: "type:funding", Limit: index.MaxLimit})
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range withEvent.Hits {
		if h.Event == 0 {
			t.Errorf("funding article %d %q indexed without its event", h.ID, h.Title)
		}
	}

	clear(rc.read)
	if sum, err = f.p.Run(ctx, sources(srv.URL)); err != nil {
		t.Fatal(err)
	}
	if len(rc.read) != 0 || sum.Indexed != 0 {
		t.Errorf("an unchanged pass indexed %d articles (%s)", len(rc.read), sum)
	}

	// As after a crash between storing and indexing: an index that lost
	// everything catches up from the store, reading every article whole.
	f.ix.Close()
	clear(rc.read)
	fresh, err := index.OpenLive(ctx, rc, index.Config{Path: filepath.Join(f.dir, "index-after-crash"), Logger: f.log})
	if err != nil {
		t.Fatal(err)
	}
	defer fresh.Close()
	f.ix, f.p.Index = fresh, fresh
	if n, _ := fresh.Count(); n != 32 || rc.texts != 32 {
		t.Errorf("after a crash: %d articles indexed, %d read whole; want 32 and 32", n, rc.texts)
	}
}
