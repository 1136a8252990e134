package index_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"sync"
	"testing"

	"github.com/blevesearch/bleve/v2"

	"github.com/aitracker/aitracker/dedupe"
	"github.com/aitracker/aitracker/index"
	"github.com/aitracker/aitracker/index/gen"
	"github.com/aitracker/aitracker/news"
	"github.com/aitracker/aitracker/store"
)

// syncBuffer is a log destination that the goroutines an open starts
// (the filter table's) may write while the test reads it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (w *syncBuffer) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.Write(p)
}

func (w *syncBuffer) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.String()
}

// pair is a data directory's store and index, opened as a command opens
// them, with the index's log kept.
type pair struct {
	st   store.Store
	ix   *index.Live
	logs syncBuffer
}

func openPair(t *testing.T, dir string) *pair {
	t.Helper()
	ctx := context.Background()
	p := &pair{}
	var err error
	if p.st, err = store.Open(ctx, filepath.Join(dir, "aitracker.db")); err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(&p.logs, nil))
	if p.ix, err = index.OpenLive(ctx, p.st, index.Config{Path: filepath.Join(dir, "index"), Logger: log}); err != nil {
		p.st.Close()
		t.Fatalf("open index: %v\n%s", err, p.logs.String())
	}
	return p
}

func (p *pair) close() {
	p.ix.Close()
	p.st.Close()
}

// writePair leaves in dir a closed store and index that hold n articles
// of the batch "first" made from seed.
func writePair(t *testing.T, dir string, seed uint64, n int) {
	t.Helper()
	p := openPair(t, dir)
	p.ingest(t, "first", seed, n)
	p.close()
}

// openServing opens the index in dir as a server does, over st, with its
// log kept.
func openServing(t *testing.T, st store.Store, dir string) (*index.Live, *syncBuffer) {
	t.Helper()
	logs := &syncBuffer{}
	live, err := index.OpenServing(t.Context(), st, index.Config{Path: filepath.Join(dir, "index"), Logger: slog.New(slog.NewTextHandler(logs, nil))})
	if err != nil {
		t.Fatal(err)
	}
	return live, logs
}

// ingest stores n generated articles whose URLs and dedup keys carry
// batch, so that two batches never share an article, and indexes them.
func (p *pair) ingest(t *testing.T, batch string, seed uint64, n int) {
	t.Helper()
	ctx := context.Background()
	srcs, err := p.st.SyncSources(ctx, []news.Source{{Name: "Generated", URL: "https://news.example/feed.xml", Kind: news.KindFeed}})
	if err != nil {
		t.Fatal(err)
	}
	g, err := gen.New(seed)
	if err != nil {
		t.Fatal(err)
	}
	for i := range n {
		a := g.Next()
		a.ID, a.Seq, a.SourceID, a.DuplicateOf = 0, 0, srcs[0].ID, 0
		a.URL = fmt.Sprintf("https://news.example/%s/%d", batch, i)
		a.DedupKey = fmt.Sprintf("%s|%d", batch, i)
		a.Title = fmt.Sprintf("[%s %d] %s", batch, i, a.Title)
		a.ContentHash = dedupe.ContentHash(&a)
		if _, err := p.st.SaveArticle(ctx, &a, dedupe.For(&a)); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := p.ix.CatchUp(ctx); err != nil {
		t.Fatal(err)
	}
}

// checkAgrees asserts that the index holds exactly the store's articles:
// as many hits as rows, and every hit's ID is the stored article with
// that hit's title and URL.
func (p *pair) checkAgrees(t *testing.T) {
	t.Helper()
	ctx := context.Background()
	stored, err := p.st.CountArticles(ctx)
	if err != nil {
		t.Fatal(err)
	}
	res, err := p.ix.Search(ctx, index.Request{Query: "", Limit: index.MaxLimit})
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != uint64(stored) {
		t.Errorf("search finds %d articles, the store holds %d", res.Total, stored)
	}
	wrong := 0
	for off := 0; off < int(res.Total); off += index.MaxLimit {
		page, err := p.ix.Search(ctx, index.Request{Query: "", Limit: index.MaxLimit, Offset: off})
		if err != nil {
			t.Fatal(err)
		}
		for _, h := range page.Hits {
			a, err := p.st.Article(ctx, h.ID)
			if err != nil || a.Title != h.Title || a.URL != h.URL {
				if wrong < 3 {
					t.Errorf("hit %d %q (%s) is stored as %q (%s), %v", h.ID, h.Title, h.URL, a.Title, a.URL, err)
				}
				wrong++
			}
		}
	}
	if wrong > 0 {
		t.Errorf("%d of %d hits carry the ID of another stored article", wrong, res.Total)
	}
	maxSeq, _ := p.st.MaxSeq(ctx)
	if seq, _ := p.ix.Seq(); seq != maxSeq {
		t.Errorf("index watermark %d, store sequence %d", seq, maxSeq)
	}
}

// TestIndexOfAnotherStoreIsRebuilt: the index is derived from one store.
// When the store file is deleted, emptied or replaced by an older copy
// while the index stays, the next open finds that the index is not the
// store's, says so, and rebuilds it; articles ingested afterwards are
// all found, each under its own ID.
func TestIndexOfAnotherStoreIsRebuilt(t *testing.T) {
	const before, after = 200, 80
	removeDB := func(t *testing.T, db string) {
		for _, f := range []string{db, db + "-wal", db + "-shm"} {
			if err := os.Remove(f); err != nil && !os.IsNotExist(err) {
				t.Fatal(err)
			}
		}
	}
	cases := []struct {
		name string
		// damage changes the store file of dir between two runs; setup
		// runs before the first.
		setup  func(t *testing.T, dir string) []byte
		damage func(t *testing.T, db string, saved []byte)
		log    string
	}{
		{
			name:   "deleted",
			damage: func(t *testing.T, db string, _ []byte) { removeDB(t, db) },
			log:    "index belongs to another store",
		},
		{
			name: "truncated",
			damage: func(t *testing.T, db string, _ []byte) {
				if err := os.Truncate(db, 0); err != nil {
					t.Fatal(err)
				}
			},
			log: "index belongs to another store",
		},
		{
			// An older copy of the same store: same store ID, but the
			// index has seen writes the copy does not hold.
			name: "restored older copy",
			setup: func(t *testing.T, dir string) []byte {
				p := openPair(t, dir)
				p.ingest(t, "old", 7, 60)
				p.close()
				data, err := os.ReadFile(filepath.Join(dir, "aitracker.db"))
				if err != nil {
					t.Fatal(err)
				}
				return data
			},
			damage: func(t *testing.T, db string, saved []byte) {
				removeDB(t, db)
				if err := os.WriteFile(db, saved, 0o644); err != nil {
					t.Fatal(err)
				}
			},
			log: "index is ahead of the store",
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			var saved []byte
			if tc.setup != nil {
				saved = tc.setup(t, dir)
			}
			p := openPair(t, dir)
			p.ingest(t, "first", 1, before)
			p.checkAgrees(t)
			p.close()

			tc.damage(t, filepath.Join(dir, "aitracker.db"), saved)

			p = openPair(t, dir)
			if !strings.Contains(p.logs.String(), tc.log) || !strings.Contains(p.logs.String(), "rebuilding") {
				t.Errorf("the open does not say the index was rebuilt (want %q):\n%s", tc.log, p.logs.String())
			}
			p.checkAgrees(t)
			p.ingest(t, "second", 2, after)
			p.checkAgrees(t)

			// Opened again, the pair agrees: nothing to rebuild.
			p.close()
			p = openPair(t, dir)
			if strings.Contains(p.logs.String(), "rebuild") {
				t.Errorf("rebuilt again:\n%s", p.logs.String())
			}
			p.checkAgrees(t)
			p.close()
		})
	}
}

// TestIndexWithoutStoreID: an index written before indexes recorded their
// store is rebuilt by a command, and kept in service by a server while
// its replacement is built; afterwards it records the store.
func TestIndexWithoutStoreID(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	writePair(t, dir, 1, 150)
	forgetStoreID := func() {
		b, err := bleve.Open(filepath.Join(dir, "index"))
		if err != nil {
			t.Fatal(err)
		}
		if err := b.DeleteInternal([]byte("aitracker_store_id")); err != nil {
			t.Fatal(err)
		}
		b.Close()
	}

	forgetStoreID()
	p := openPair(t, dir)
	if !strings.Contains(p.logs.String(), "index records no store id") || !strings.Contains(p.logs.String(), "rebuilding it from the store") {
		t.Errorf("no rebuild logged:\n%s", p.logs.String())
	}
	p.checkAgrees(t)
	p.ix.Close()

	forgetStoreID()
	live, logs := openServing(t, p.st, dir)
	if !live.Outdated() {
		t.Fatalf("a server does not rebuild an index without a store id:\n%s", logs.String())
	}
	if !strings.Contains(logs.String(), "index records no store id") || !strings.Contains(logs.String(), "searching it while a new one is built") {
		t.Errorf("logs:\n%s", logs.String())
	}
	if res, err := live.Search(ctx, index.Request{}); err != nil || res.Total != 150 {
		t.Errorf("the old index while the new one is built: %v, %d hits", err, res.Total)
	}
	if err := live.Rebuild(ctx); err != nil {
		t.Fatal(err)
	}
	live.Close()
	p = openPair(t, dir)
	defer p.close()
	if strings.Contains(p.logs.String(), "rebuild") {
		t.Errorf("rebuilt again:\n%s", p.logs.String())
	}
	p.checkAgrees(t)
}

// TestServerNeverServesAnotherStoresIndex: a server that finds the index
// of another store rebuilds it before it answers a search.
func TestServerNeverServesAnotherStoresIndex(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	writePair(t, dir, 1, 100)
	if err := os.Remove(filepath.Join(dir, "aitracker.db")); err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(ctx, filepath.Join(dir, "aitracker.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	live, logs := openServing(t, st, dir)
	defer live.Close()
	if live.Outdated() {
		t.Error("the index of another store is served while it is rebuilt")
	}
	if !strings.Contains(logs.String(), "index belongs to another store") {
		t.Errorf("logs:\n%s", logs.String())
	}
	if res, err := live.Search(ctx, index.Request{}); err != nil || res.Total != 0 {
		t.Errorf("search of an empty store: %v, %d hits", err, res.Total)
	}
}

// TestBulkBuildTunesThroughTheCommand: the process's collector settings
// are the command's. A bulk build calls the TuneBulk it is given as it
// starts and what that returns as it ends, and changes no setting of its
// own; without a TuneBulk nothing is changed.
func TestBulkBuildTunesThroughTheCommand(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	writePair(t, dir, 5, 60)
	st, err := store.Open(ctx, filepath.Join(dir, "aitracker.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	gcPercent := func() int {
		v := debug.SetGCPercent(100)
		debug.SetGCPercent(v)
		return v
	}
	before := gcPercent()
	var tuned, restored int
	var built bool
	cfg := index.Config{Path: filepath.Join(dir, "index"), TuneBulk: func() func() {
		tuned++
		return func() {
			// The build is complete, not yet swapped in.
			_, err := os.Stat(filepath.Join(dir, "index.rebuild"))
			built = err == nil
			restored++
		}
	}}
	live, err := index.Rebuild(ctx, st, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := live.Count(); n != 60 {
		t.Errorf("rebuilt index holds %d articles, want 60", n)
	}
	live.Close()
	if tuned != 1 || restored != 1 || !built {
		t.Errorf("TuneBulk called %d times, its restore %d times (after the build: %v); want once each, after", tuned, restored, built)
	}
	cfg.TuneBulk = nil
	if live, err = index.Rebuild(ctx, st, cfg); err != nil {
		t.Fatal(err)
	}
	live.Close()
	if after := gcPercent(); after != before {
		t.Errorf("a rebuild changed GOGC from %d to %d by itself", before, after)
	}
}

// TestRebuildLeavesAHeldIndexAlone: a rebuild of an index that another
// handle holds open (a running server) is refused with ErrLocked before
// anything is built, and the index in use keeps its articles; once it is
// closed, the rebuild goes through.
func TestRebuildLeavesAHeldIndexAlone(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	p := openPair(t, dir)
	p.ingest(t, "held", 7, 20)
	cfg := index.Config{Path: filepath.Join(dir, "index")}
	if live, err := index.Rebuild(ctx, p.st, cfg); !errors.Is(err, index.ErrLocked) {
		if live != nil {
			live.Close()
		}
		t.Fatalf("rebuild of a held index: %v, want ErrLocked", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "index.rebuild")); !os.IsNotExist(err) {
		t.Errorf("a refused rebuild left %s (%v)", "index.rebuild", err)
	}
	if n, err := p.ix.Count(); err != nil || n != 20 {
		t.Errorf("the held index holds %d articles (%v), want 20", n, err)
	}
	p.ix.Close()
	live, err := index.Rebuild(ctx, p.st, cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer live.Close()
	if n, _ := live.Count(); n != 20 {
		t.Errorf("rebuilt index holds %d articles, want 20", n)
	}
	p.st.Close()
}

// TestCatchUpWithTextsIndexesTheSame: catching up with the texts a pass
// hands on (some of them; a text whose content hash is not the stored one
// does not count) indexes what reading every article whole indexes.
func TestCatchUpWithTextsIndexesTheSame(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	whole := openPair(t, filepath.Join(dir, "whole"))
	defer whole.close()
	whole.ingest(t, "a", 7, 60)

	handed, err := index.OpenLive(ctx, whole.st, index.Config{Path: filepath.Join(dir, "handed")})
	if err != nil {
		t.Fatal(err)
	}
	defer handed.Close()
	// OpenLive caught up whole; a second store generation is what the
	// texts must serve: write it, then catch up with texts.
	whole.ingest(t, "b", 8, 60)
	all, err := whole.st.ArticlesAfter(ctx, 0, 1000)
	if err != nil {
		t.Fatal(err)
	}
	byID := map[int64]news.Article{}
	for _, a := range all {
		byID[a.ID] = a
	}
	asked := 0
	texts := func(id int64, hash string) (string, string, string, bool) {
		asked++
		a, ok := byID[id]
		switch {
		case !ok, id%3 == 0:
			return "", "", "", false // not handed on: read whole
		case id%5 == 0:
			return "stale " + a.Title, "", "", hash == "stale" // another content: refused by its hash
		}
		return a.Title, a.Summary, a.Body, hash == a.ContentHash
	}
	if _, err := handed.CatchUpWith(ctx, texts); err != nil {
		t.Fatal(err)
	}
	if asked == 0 {
		t.Fatal("the texts were never asked for")
	}
	for _, q := range []string{"", "funding", "type:funding", "\"series b\"", "[b"} {
		a, errA := whole.ix.Search(ctx, index.Request{Query: q, Limit: index.MaxLimit})
		b, errB := handed.Search(ctx, index.Request{Query: q, Limit: index.MaxLimit})
		if errA != nil || errB != nil {
			t.Fatalf("%q: %v, %v", q, errA, errB)
		}
		if a.Total != b.Total || len(a.Hits) != len(b.Hits) {
			t.Errorf("%q: %d hits read whole, %d with texts", q, a.Total, b.Total)
			continue
		}
		for i := range a.Hits {
			if a.Hits[i].ID != b.Hits[i].ID || a.Hits[i].Title != b.Hits[i].Title || a.Hits[i].Snippet != b.Hits[i].Snippet {
				t.Errorf("%q hit %d: %d %q, with texts %d %q", q, i, a.Hits[i].ID, a.Hits[i].Title, b.Hits[i].ID, b.Hits[i].Title)
				break
			}
		}
	}
}
