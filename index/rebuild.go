package index

import (
	"context"
	"errors"
	"fmt"
	"os"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/aitracker/aitracker/internal/clock"
	"github.com/aitracker/aitracker/news"
)

// catchUpBatch is how many articles go into one index batch.
const catchUpBatch = 500

// Texts hands the indexer, by value, the text of an article a pass has
// just written: its title, summary and body, when it has the article's
// ID with that content hash (what the pass wrote is what the store
// holds). The indexer then reads only the rest of the row back.
type Texts func(id int64, contentHash string) (title, summary, body string, ok bool)

// StateStore is a Store that can also return articles without their text
// and whole articles by ID: what catching up with Texts reads.
type StateStore interface {
	Store
	ArticleStatesAfter(ctx context.Context, seq int64, limit int) ([]news.Article, error)
	Articles(ctx context.Context, ids []int64) ([]news.Article, error)
}

// CatchUp indexes every article st has written since the index's
// watermark, in batches, and returns how many it indexed. It is what
// makes a crash between storing and indexing harmless: the next call
// finds the gap and fills it.
func (ix *Index) CatchUp(ctx context.Context, st Store, c Counter) (int, error) {
	return ix.CatchUpWith(ctx, st, c, nil)
}

// CatchUpWith is CatchUp with the texts a pass hands on: an article whose
// text texts has is read back without it, the others whole. The result
// is the same as CatchUp's; after a crash, or with texts nil, every
// article is read whole.
func (ix *Index) CatchUpWith(ctx context.Context, st Store, c Counter, texts Texts) (int, error) {
	ss, _ := st.(StateStore)
	if ss == nil {
		texts = nil
	}
	seq, err := ix.Seq()
	if err != nil {
		return 0, err
	}
	if c != nil {
		maxSeq, err := st.MaxSeq(ctx)
		if err != nil {
			return 0, err
		}
		// Sequence numbers are an upper bound on what is left to do.
		c.Start(int(maxSeq - seq))
		defer c.Finish()
	}
	total := 0
	for {
		if err := ctx.Err(); err != nil {
			return total, err
		}
		var arts []news.Article
		var err error
		if texts != nil {
			arts, err = withTexts(ctx, ss, seq, texts)
		} else {
			arts, err = st.ArticlesAfter(ctx, seq, catchUpBatch)
		}
		if err != nil {
			return total, err
		}
		if len(arts) == 0 {
			return total, nil
		}
		if err := ix.Apply(ctx, arts); err != nil {
			return total, err
		}
		total += len(arts)
		next := arts[len(arts)-1].Seq
		if c != nil {
			c.Add(int(next - seq))
		}
		seq = next
	}
}

// withTexts reads the next batch after seq as states, fills in the texts
// texts has, and reads the others whole.
func withTexts(ctx context.Context, st StateStore, seq int64, texts Texts) ([]news.Article, error) {
	arts, err := st.ArticleStatesAfter(ctx, seq, catchUpBatch)
	if err != nil {
		return nil, err
	}
	var missing []int64
	at := map[int64]int{}
	for i := range arts {
		a := &arts[i]
		if t, s, b, ok := texts(a.ID, a.ContentHash); ok {
			a.Title, a.Summary, a.Body = t, s, b
			continue
		}
		missing = append(missing, a.ID)
		at[a.ID] = i
	}
	if len(missing) == 0 {
		return arts, nil
	}
	whole, err := st.Articles(ctx, missing)
	if err != nil {
		return nil, err
	}
	if len(whole) != len(missing) {
		// Not all are there to read: the batch is read whole instead.
		return st.ArticlesAfter(ctx, seq, catchUpBatch)
	}
	for _, w := range whole {
		// A write since the states were read gives the article a higher
		// number: the next batch has it. Only its text is taken here.
		a := &arts[at[w.ID]]
		a.Title, a.Summary, a.Body = w.Title, w.Summary, w.Body
	}
	return arts, nil
}

// Rebuild builds a new index at cfg.Path from the whole store, swaps it
// in only when it is complete, and opens it: an interrupted rebuild
// leaves the old index (or none) in place, never a half-built one. An
// index another process holds open (a running server) is left alone:
// Rebuild returns ErrLocked before it builds anything.
func Rebuild(ctx context.Context, st Store, cfg Config) (*Live, error) {
	if err := notHeld(cfg.Path); err != nil {
		return nil, err
	}
	ix, err := rebuild(ctx, st, cfg)
	if err != nil {
		return nil, err
	}
	return follow(ix, st, cfg), nil
}

func rebuild(ctx context.Context, st Store, cfg Config) (*Index, error) {
	clk := clock.Or(cfg.Clock)
	start := clk.Now()
	n, err := buildNext(ctx, st, cfg, cfg.Counter)
	if err != nil {
		return nil, err
	}
	if err := swapIn(cfg.Path); err != nil {
		return nil, err
	}
	cfg.logger().Info("index rebuilt from the store", "stage", "index", "articles", n,
		"duration_ms", clock.Since(clk, start).Milliseconds())
	return Open(cfg.Path, Options{Clock: cfg.Clock})
}

// notHeld returns ErrLocked when another process holds the index at
// path: opening it takes its lock. An index that is absent, damaged or of
// another mapping is not held, and a rebuild replaces it.
func notHeld(path string) error {
	if _, err := os.Stat(path); err != nil {
		return nil
	}
	ix, err := Open(path, Options{NoFilterTable: true})
	switch {
	case err == nil, errors.Is(err, ErrMappingChanged):
		return ix.Close()
	case errors.Is(err, ErrLocked):
		return err
	}
	return nil
}

// buildNext fills a new index from the whole store beside cfg.Path.
func buildNext(ctx context.Context, st Store, cfg Config, c Counter) (int, error) {
	tmp := cfg.Path + ".rebuild"
	if err := os.RemoveAll(tmp); err != nil {
		return 0, fmt.Errorf("index rebuild: %w", err)
	}
	storeID, err := st.ID(ctx)
	if err != nil {
		return 0, fmt.Errorf("index rebuild: %w", err)
	}
	// Only written here: the filter table is read when it is opened to serve.
	ix, err := Open(tmp, Options{NoFilterTable: true, StoreID: storeID})
	if err != nil {
		return 0, fmt.Errorf("index rebuild: %w", err)
	}
	if cfg.TuneBulk != nil {
		defer cfg.TuneBulk()()
	}
	n, err := bulkFill(ctx, st, ix, c)
	if err != nil {
		ix.Close()
		os.RemoveAll(tmp)
		return n, fmt.Errorf("index rebuild: %w", err)
	}
	if err := ix.Close(); err != nil {
		return n, fmt.Errorf("index rebuild: %w", err)
	}
	return n, nil
}

// swapIn puts the complete index built beside path in its place.
func swapIn(path string) error {
	tmp, old := path+".rebuild", path+".old"
	os.RemoveAll(old)
	if _, err := os.Stat(path); err == nil {
		if err := os.Rename(path, old); err != nil {
			return fmt.Errorf("index rebuild: move old index aside: %w", err)
		}
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("index rebuild: swap in new index: %w", err)
	}
	os.RemoveAll(old)
	return nil
}

// bulkWorkers is how many batches a rebuild indexes at once.
var bulkWorkers = max(2, runtime.NumCPU())

// bulkFill indexes every stored article into a new, empty index, several
// batches at a time, and sets the watermark when all are in. The index is
// only usable once it returns without error: a rebuild that stops half
// way throws it away.
func bulkFill(ctx context.Context, st Store, ix *Index, c Counter) (int, error) {
	maxSeq, err := st.MaxSeq(ctx)
	if err != nil {
		return 0, err
	}
	if c != nil {
		c.Start(int(maxSeq))
		defer c.Finish()
	}
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	batches := make(chan []news.Article, bulkWorkers)
	var wg sync.WaitGroup
	var total atomic.Int64
	for range bulkWorkers {
		wg.Go(func() {
			for arts := range batches {
				if err := ix.ApplyUnordered(ctx, arts); err != nil {
					cancel(err)
					return
				}
				total.Add(int64(len(arts)))
			}
		})
	}
	var seq int64
	var readErr error
	for ctx.Err() == nil {
		arts, err := st.ArticlesAfter(ctx, seq, catchUpBatch)
		if err != nil {
			readErr = err
			break
		}
		if len(arts) == 0 {
			break
		}
		next := arts[len(arts)-1].Seq
		select {
		case batches <- arts:
		case <-ctx.Done():
		}
		if c != nil {
			c.Add(int(next - seq))
		}
		seq = next
	}
	close(batches)
	wg.Wait()
	if err := context.Cause(ctx); err != nil {
		return int(total.Load()), err
	}
	if readErr != nil {
		return int(total.Load()), readErr
	}
	if err := ix.SetSeq(seq); err != nil {
		return int(total.Load()), err
	}
	return int(total.Load()), nil
}
