package pipeline

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/aitracker/aitracker/classify"
	"github.com/aitracker/aitracker/index"
	"github.com/aitracker/aitracker/news"
	"github.com/aitracker/aitracker/store"
)

// catchUpBatch is how many articles go into one index batch.
const catchUpBatch = 500

// Counter is told how far a long job has come.
type Counter interface {
	Start(total int)
	Add(n int)
	Finish()
}

// CatchUp indexes every article the store has written since the index's
// watermark, in batches, and returns how many it indexed. It is what makes
// a crash between storing and indexing harmless: the next call finds the
// gap and fills it.
func CatchUp(ctx context.Context, st store.Store, ix *index.Index, c Counter) (int, error) {
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
		arts, err := st.ArticlesAfter(ctx, seq, catchUpBatch)
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

// OpenIndex opens the index at path and brings it up to date with the
// store. An index whose files are damaged (torn by a kill -9 at the wrong
// moment, a segment missing or whose checksum does not match), that was
// built with another mapping, or that is not this store's (the store file
// was deleted, emptied or restored from an older copy under it) is
// rebuilt from the store, with a log line saying so; a locked index is an
// error, returned in seconds.
func OpenIndex(ctx context.Context, path string, st store.Store, log *slog.Logger, c Counter) (*index.Index, error) {
	storeID, storeSeq, err := storeState(ctx, st)
	if err != nil {
		return nil, err
	}
	ix, err := index.Open(path, index.Options{StoreID: storeID})
	if err == nil {
		if err = ix.BindStore(storeID, storeSeq); err != nil {
			ix.Close()
		}
	}
	switch {
	case err == nil:
	case errors.Is(err, index.ErrLocked):
		return nil, err
	case errors.Is(err, index.ErrMappingChanged):
		log.Warn("index was built with another mapping; rebuilding it from the store", "path", path, "err", err)
		ix.Close()
		ix, err = Rebuild(ctx, path, st, log, c)
		if err != nil {
			return nil, err
		}
	case index.IsUnusable(err):
		log.Warn("index is damaged; rebuilding it from the store", "path", path, "err", err)
		ix, err = Rebuild(ctx, path, st, log, c)
		if err != nil {
			return nil, err
		}
	case index.IsStoreMismatch(err):
		log.Warn(mismatchMessage(err)+"; rebuilding it from the store", "path", path, "store_id", storeID, "err", err)
		ix, err = Rebuild(ctx, path, st, log, c)
		if err != nil {
			return nil, err
		}
	default:
		return nil, err
	}
	n, err := CatchUp(ctx, st, ix, c)
	if err != nil {
		ix.Close()
		return nil, fmt.Errorf("index catch-up: %w", err)
	}
	if n > 0 {
		log.Info("indexed articles stored since the last run", "stage", "index", "articles", n)
	}
	return ix, nil
}

// storeState is what the index must agree with: the store's ID and the
// sequence number of its latest write.
func storeState(ctx context.Context, st store.Store) (string, int64, error) {
	id, err := st.ID(ctx)
	if err != nil {
		return "", 0, err
	}
	seq, err := st.MaxSeq(ctx)
	if err != nil {
		return "", 0, err
	}
	return id, seq, nil
}

// mismatchMessage says why an index is not its store's, for the log.
func mismatchMessage(err error) string {
	switch {
	case errors.Is(err, index.ErrOtherStore):
		return "index belongs to another store (the store file was deleted, emptied or replaced)"
	case errors.Is(err, index.ErrAheadOfStore):
		return "index is ahead of the store (the store was restored from an older copy)"
	default:
		return "index records no store id (written by an older version)"
	}
}

// Rebuild builds a new index from the whole store next to path and swaps
// it in only when it is complete, so that an interrupted rebuild leaves
// the old index (or none) in place, never a half-built one.
func Rebuild(ctx context.Context, path string, st store.Store, log *slog.Logger, c Counter) (*index.Index, error) {
	start := time.Now()
	n, err := buildNext(ctx, path, st, c)
	if err != nil {
		return nil, err
	}
	if err := swapIn(path); err != nil {
		return nil, err
	}
	log.Info("index rebuilt from the store", "stage", "index", "articles", n, "duration_ms", time.Since(start).Milliseconds())
	return index.Open(path, index.Options{})
}

// RebuildLive rebuilds the index of live from the store while live keeps
// serving the old one, then swaps the new one in: searches wait only for
// the swap itself. Articles stored during the rebuild are indexed after it.
func RebuildLive(ctx context.Context, path string, st store.Store, log *slog.Logger, live *index.Live) error {
	start := time.Now()
	n, err := buildNext(ctx, path, st, nil)
	if err != nil {
		return err
	}
	err = live.Replace(func(old *index.Index) (*index.Index, error) {
		if old != nil {
			old.Close()
		}
		if err := swapIn(path); err != nil {
			return nil, err
		}
		ix, err := index.Open(path, index.Options{})
		if err == nil {
			go logFilterTable(ctx, ix, log)
		}
		return ix, err
	})
	if err != nil {
		return fmt.Errorf("index rebuild: %w", err)
	}
	log.Info("index rebuilt from the store while serving the old one; swapped in", "stage", "index", "articles", n,
		"duration_ms", time.Since(start).Milliseconds())
	return live.With(func(ix *index.Index) error {
		_, err := CatchUp(ctx, st, ix, nil)
		return err
	})
}

// buildNext fills a new index from the whole store beside path.
func buildNext(ctx context.Context, path string, st store.Store, c Counter) (int, error) {
	tmp := path + ".rebuild"
	if err := os.RemoveAll(tmp); err != nil {
		return 0, fmt.Errorf("index rebuild: %w", err)
	}
	storeID, err := st.ID(ctx)
	if err != nil {
		return 0, fmt.Errorf("index rebuild: %w", err)
	}
	// Only written here: the filter table is read when it is opened to serve.
	ix, err := index.Open(tmp, index.Options{NoFilterTable: true, StoreID: storeID})
	if err != nil {
		return 0, fmt.Errorf("index rebuild: %w", err)
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

// OpenIndexServing is OpenIndex for a server: an index of this store
// that is only out of date (built with another mapping, or by a version
// that recorded no store ID) is kept in service while its replacement is
// built, by the returned rebuild (nil when none is needed), to run in the
// background. An index of another store is never served.
func OpenIndexServing(ctx context.Context, path string, st store.Store, log *slog.Logger) (*index.Live, func(context.Context) error, error) {
	storeID, storeSeq, err := storeState(ctx, st)
	if err != nil {
		return nil, nil, err
	}
	ix, err := index.Open(path, index.Options{StoreID: storeID})
	if err == nil || errors.Is(err, index.ErrMappingChanged) {
		bind := ix.BindStore(storeID, storeSeq)
		var why string
		switch {
		case errors.Is(bind, index.ErrNoStoreID):
			why, err = mismatchMessage(bind), bind
		case bind == nil && err != nil:
			why = "index was built with another mapping"
		}
		if why != "" {
			log.Warn(why+"; searching it while a new one is built from the store", "path", path, "err", err)
			live := index.NewLive(ix)
			return live, func(ctx context.Context) error { return RebuildLive(ctx, path, st, log, live) }, nil
		}
		ix.Close()
	}
	ix, err = OpenIndex(ctx, path, st, log, nil)
	if err != nil {
		return nil, nil, err
	}
	go logFilterTable(ctx, ix, log)
	return index.NewLive(ix), nil, nil
}

// logFilterTable says when the index's filter table is ready, or why it
// is not (searches of filters alone then go to Bleve, more slowly).
func logFilterTable(ctx context.Context, ix *index.Index, log *slog.Logger) {
	start := time.Now()
	err := ix.WaitFilterTable(ctx)
	switch {
	case err == nil:
		log.Info("filter table ready", "stage", "index", "duration_ms", time.Since(start).Milliseconds())
	case ctx.Err() == nil && !errors.Is(err, context.Canceled): // not closed before it was read
		log.Warn("filter table not loaded; filter searches go to Bleve", "stage", "index", "err", err)
	}
}

// Reclassify tags every stored article again with the classifier and
// stores the tags that changed, then brings the index up to date. It is
// what a taxonomy or rule change needs; it returns how many articles got
// new tags.
func Reclassify(ctx context.Context, st store.Store, ix *index.Index, cls *classify.Classifier, c Counter) (int, error) {
	if c != nil {
		n, err := st.CountArticles(ctx)
		if err != nil {
			return 0, err
		}
		c.Start(n)
		defer c.Finish()
	}
	changed := 0
	var after int64
	for {
		arts, err := st.ArticlesFrom(ctx, after, catchUpBatch)
		if err != nil {
			return changed, err
		}
		if len(arts) == 0 {
			break
		}
		for i := range arts {
			a := &arts[i]
			if err := ctx.Err(); err != nil {
				return changed, err
			}
			if a.Tags.Version == cls.Version() {
				continue
			}
			t := cls.ClassifyArticle(a)
			// Keep the record of a page that could not be read.
			for _, d := range a.Tags.Trail {
				if d.What == "full_text" {
					t.Trail = append(t.Trail, d)
				}
			}
			if err := st.UpdateTags(ctx, a.ID, t); err != nil {
				return changed, err
			}
			changed++
		}
		after = arts[len(arts)-1].ID
		if c != nil {
			c.Add(len(arts))
		}
	}
	if ix != nil {
		if _, err := CatchUp(ctx, st, ix, nil); err != nil {
			return changed, err
		}
	}
	if _, err := UpdateEvents(ctx, st, nil, time.Now().UTC()); err != nil {
		return changed, err
	}
	return changed, nil
}

// bulkWorkers is how many batches a rebuild indexes at once.
var bulkWorkers = max(2, runtime.NumCPU())

// bulkFill indexes every stored article into a new, empty index, several
// batches at a time, and sets the watermark when all are in. The index is
// only usable once it returns without error: a rebuild that stops half
// way throws it away.
func bulkFill(ctx context.Context, st store.Store, ix *index.Index, c Counter) (int, error) {
	maxSeq, err := st.MaxSeq(ctx)
	if err != nil {
		return 0, err
	}
	if c != nil {
		c.Start(int(maxSeq))
		defer c.Finish()
	}
	defer index.TuneGCForBulk()()
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
