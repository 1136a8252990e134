package index

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"sync"

	"github.com/aitracker/aitracker/internal/clock"
	"github.com/aitracker/aitracker/news"
)

// Store is what an index is built from and follows: the store, as far as
// the index needs it. The index only reads it.
type Store interface {
	// ID is the store's identity, recorded in the indexes built from it.
	ID(ctx context.Context) (string, error)
	// MaxSeq is the sequence number of the store's latest write.
	MaxSeq(ctx context.Context) (int64, error)
	// ArticlesAfter returns up to limit articles whose last write has a
	// sequence number above seq, in sequence order.
	ArticlesAfter(ctx context.Context, seq int64, limit int) ([]news.Article, error)
}

// Counter is told how far a long job (a rebuild, a catch-up) has come.
type Counter interface {
	Start(total int)
	Add(n int)
	Finish()
}

// Config says where an index lives on disk and how it is kept.
type Config struct {
	// Path is the index directory. A rebuild fills Path+".rebuild" and
	// swaps it in whole.
	Path string
	// Logger is told of rebuilds, catch-ups and the filter table; nil
	// logs nothing.
	Logger *slog.Logger
	// Clock times rebuilds and is handed to the index (Options.Clock);
	// nil means the real clock.
	Clock clock.Clock
	// Counter, when set, follows a rebuild or catch-up done at open.
	Counter Counter
	// TuneBulk, when set, is called when a bulk build starts, and the
	// function it returns when the build ends: the process's memory
	// settings belong to the command, which may change them for the
	// build (see cmd/aitracker).
	TuneBulk func() (restore func())
}

func (c Config) logger() *slog.Logger {
	if c.Logger == nil {
		return slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	return c.Logger
}

// Live is the handle to the index in use, the one every reader and
// writer holds. A rebuild can replace the index under it while searches
// go on: searches and writes hold it shared, and a replacement waits for
// them to end, so that no search ever meets a closed index. A Live
// opened from a store (OpenLive, OpenServing) follows that store; one
// made by NewLive only serves the index it was given.
type Live struct {
	mu sync.RWMutex
	ix *Index

	st  Store
	cfg Config
	// outdated is set while the index in use must be replaced by a
	// rebuild (OpenServing kept an index of an older mapping in service).
	outdated bool

	// The goroutines the handle starts (the filter table's watch) are
	// stopped and waited for by Close.
	bg    sync.WaitGroup
	bgMu  sync.Mutex
	stops []context.CancelFunc
}

// NewLive serves ix until it is replaced or closed.
func NewLive(ix *Index) *Live { return &Live{ix: ix} }

// ErrClosed is returned by a Live whose index is gone.
var ErrClosed = errors.New("index: closed")

// errNoStore is returned by the store-following methods of a Live made
// by NewLive.
var errNoStore = errors.New("index: this index follows no store")

// With runs fn with the index in use; a replacement waits for it.
func (l *Live) With(fn func(*Index) error) error {
	l.mu.RLock()
	defer l.mu.RUnlock()
	if l.ix == nil {
		return ErrClosed
	}
	return fn(l.ix)
}

// Search searches the index in use.
func (l *Live) Search(ctx context.Context, r Request) (*Result, error) {
	return withIndex(l, func(ix *Index) (*Result, error) { return ix.Search(ctx, r) })
}

// Count is the number of documents in the index in use.
func (l *Live) Count() (uint64, error) {
	return withIndex(l, (*Index).Count)
}

// Seq is the watermark of the index in use.
func (l *Live) Seq() (int64, error) {
	return withIndex(l, (*Index).Seq)
}

// Path is the directory of the index in use.
func (l *Live) Path() string {
	if l.cfg.Path != "" {
		return l.cfg.Path
	}
	var path string
	l.With(func(ix *Index) error {
		path = ix.Path()
		return nil
	})
	return path
}

// CatchUp indexes what the store has written since the watermark of the
// index in use (see Index.CatchUp).
func (l *Live) CatchUp(ctx context.Context) (int, error) {
	return l.CatchUpWith(ctx, nil)
}

// CatchUpWith is CatchUp with the texts a pass hands on (see
// Index.CatchUpWith).
func (l *Live) CatchUpWith(ctx context.Context, texts Texts) (int, error) {
	if l.st == nil {
		return 0, errNoStore
	}
	return withIndex(l, func(ix *Index) (int, error) { return ix.CatchUpWith(ctx, l.st, nil, texts) })
}

// withIndex is With for a function that returns a value.
func withIndex[T any](l *Live, f func(*Index) (T, error)) (T, error) {
	var v T
	err := l.With(func(ix *Index) error {
		var err error
		v, err = f(ix)
		return err
	})
	return v, err
}

// Replace swaps the index for the one replace returns, once every search
// and write on the old one has ended; replace gets the old index to close.
// When it fails, the Live holds no index and says so.
func (l *Live) Replace(replace func(old *Index) (*Index, error)) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	ix, err := replace(l.ix)
	l.ix = ix
	return err
}

// Outdated reports whether the index in use is one OpenServing kept in
// service until Rebuild replaces it.
func (l *Live) Outdated() bool {
	l.mu.RLock()
	defer l.mu.RUnlock()
	return l.outdated
}

// Close ends what the handle runs in the background, waits for it, and
// closes the index in use.
func (l *Live) Close() error {
	l.bgMu.Lock()
	for _, stop := range l.stops {
		stop()
	}
	l.bgMu.Unlock()
	l.bg.Wait()
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.ix == nil {
		return nil
	}
	err := l.ix.Close()
	l.ix = nil
	return err
}

// OpenLive opens the index at cfg.Path and brings it up to date with st.
// An index whose files are damaged (torn by a kill -9 at the wrong
// moment, a segment missing or whose checksum does not match), that was
// built with another mapping, or that is not this store's (the store file
// was deleted, emptied or restored from an older copy under it) is
// rebuilt from the store, with a log line saying so; a locked index is an
// error, returned in seconds.
func OpenLive(ctx context.Context, st Store, cfg Config) (*Live, error) {
	ix, err := openCaughtUp(ctx, st, cfg)
	if err != nil {
		return nil, err
	}
	return follow(ix, st, cfg), nil
}

// follow makes the handle of ix, which follows st.
func follow(ix *Index, st Store, cfg Config) *Live {
	l := NewLive(ix)
	l.st, l.cfg = st, cfg
	return l
}

// openCaughtUp is OpenLive's work: the index, rebuilt when it must be,
// caught up with the store.
func openCaughtUp(ctx context.Context, st Store, cfg Config) (*Index, error) {
	log, path := cfg.logger(), cfg.Path
	storeID, storeSeq, err := storeState(ctx, st)
	if err != nil {
		return nil, err
	}
	ix, err := Open(path, Options{StoreID: storeID, Clock: cfg.Clock})
	if err == nil {
		if err = ix.BindStore(storeID, storeSeq); err != nil {
			ix.Close()
		}
	}
	switch {
	case err == nil:
	case errors.Is(err, ErrLocked):
		return nil, err
	case errors.Is(err, ErrMappingChanged):
		log.Warn("index was built with another mapping; rebuilding it from the store", "path", path, "err", err)
		ix.Close()
		if ix, err = rebuild(ctx, st, cfg); err != nil {
			return nil, err
		}
	case IsUnusable(err):
		log.Warn("index is damaged; rebuilding it from the store", "path", path, "err", err)
		if ix, err = rebuild(ctx, st, cfg); err != nil {
			return nil, err
		}
	case IsStoreMismatch(err):
		log.Warn(mismatchMessage(err)+"; rebuilding it from the store", "path", path, "store_id", storeID, "err", err)
		if ix, err = rebuild(ctx, st, cfg); err != nil {
			return nil, err
		}
	default:
		return nil, err
	}
	n, err := ix.CatchUp(ctx, st, cfg.Counter)
	if err != nil {
		ix.Close()
		return nil, fmt.Errorf("index catch-up: %w", err)
	}
	if n > 0 {
		log.Info("indexed articles stored since the last run", "stage", "index", "articles", n)
	}
	return ix, nil
}

// OpenServing is OpenLive for a server: an index of this store that is
// only out of date (built with another mapping, or by a version that
// recorded no store ID) is kept in service, Outdated, while Rebuild
// builds its replacement. An index of another store is never served.
// The filter table of the index served is watched in the background, to
// log when it is ready; Close waits for the watch.
func OpenServing(ctx context.Context, st Store, cfg Config) (*Live, error) {
	log, path := cfg.logger(), cfg.Path
	storeID, storeSeq, err := storeState(ctx, st)
	if err != nil {
		return nil, err
	}
	ix, err := Open(path, Options{StoreID: storeID, Clock: cfg.Clock})
	if err == nil || errors.Is(err, ErrMappingChanged) {
		bind := ix.BindStore(storeID, storeSeq)
		var why string
		switch {
		case errors.Is(bind, ErrNoStoreID):
			why, err = mismatchMessage(bind), bind
		case bind == nil && err != nil:
			why = "index was built with another mapping"
		}
		if why != "" {
			log.Warn(why+"; searching it while a new one is built from the store", "path", path, "err", err)
			l := follow(ix, st, cfg)
			l.outdated = true
			return l, nil
		}
		ix.Close()
	}
	if ix, err = openCaughtUp(ctx, st, cfg); err != nil {
		return nil, err
	}
	l := follow(ix, st, cfg)
	l.watchFilterTable()
	return l, nil
}

// watchFilterTable logs, in the background, when the filter table of
// the index in use is ready. Close stops the watch and waits for it.
func (l *Live) watchFilterTable() {
	ctx, cancel := context.WithCancel(context.Background())
	l.bgMu.Lock()
	l.stops = append(l.stops, cancel)
	l.bgMu.Unlock()
	l.bg.Go(func() {
		defer cancel()
		l.logFilterTable(ctx)
	})
}

// Rebuild builds a new index from the whole store beside the one in use,
// which keeps serving, then swaps it in: searches wait only for the swap
// itself. Articles stored during the rebuild are indexed after it. It
// returns once the new index's filter table is read, or could not be.
func (l *Live) Rebuild(ctx context.Context) error {
	if l.st == nil {
		return errNoStore
	}
	log, path, clk := l.cfg.logger(), l.cfg.Path, clock.Or(l.cfg.Clock)
	start := clk.Now()
	n, err := buildNext(ctx, l.st, l.cfg, nil)
	if err != nil {
		return err
	}
	err = l.Replace(func(old *Index) (*Index, error) {
		if old != nil {
			old.Close()
		}
		if err := swapIn(path); err != nil {
			return nil, err
		}
		return Open(path, Options{Clock: l.cfg.Clock})
	})
	if err != nil {
		return fmt.Errorf("index rebuild: %w", err)
	}
	l.mu.Lock()
	l.outdated = false
	l.mu.Unlock()
	log.Info("index rebuilt from the store while serving the old one; swapped in", "stage", "index", "articles", n,
		"duration_ms", clock.Since(clk, start).Milliseconds())
	if _, err := l.CatchUp(ctx); err != nil {
		return err
	}
	l.logFilterTable(ctx)
	return nil
}

// logFilterTable says when the filter table of the index in use is
// ready, or why it is not (searches of filters alone then go to Bleve,
// more slowly). It waits for the table, or for ctx.
func (l *Live) logFilterTable(ctx context.Context) {
	clk := clock.Or(l.cfg.Clock)
	start := clk.Now()
	err := l.With(func(ix *Index) error { return ix.WaitFilterTable(ctx) })
	switch {
	case err == nil:
		l.cfg.logger().Info("filter table ready", "stage", "index", "duration_ms", clock.Since(clk, start).Milliseconds())
	case ctx.Err() == nil && !errors.Is(err, context.Canceled): // not closed before it was read
		l.cfg.logger().Warn("filter table not loaded; filter searches go to Bleve", "stage", "index", "err", err)
	}
}

// storeState is what the index must agree with: the store's ID and the
// sequence number of its latest write.
func storeState(ctx context.Context, st Store) (string, int64, error) {
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
	case errors.Is(err, ErrOtherStore):
		return "index belongs to another store (the store file was deleted, emptied or replaced)"
	case errors.Is(err, ErrAheadOfStore):
		return "index is ahead of the store (the store was restored from an older copy)"
	default:
		return "index records no store id (written by an older version)"
	}
}
