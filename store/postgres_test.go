package store

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aitracker/aitracker/dedupe"
	"github.com/aitracker/aitracker/internal/pgtest"
	"github.com/aitracker/aitracker/news"
)

// day is when the tests' digests start.
var day = time.Date(2026, 11, 2, 0, 0, 0, 0, time.UTC)

// openPostgres opens a store on a new database; more opens the same
// database again, as other processes would (each its own pool).
func openPostgres(t *testing.T) (s *Postgres, more func() *Postgres) {
	t.Helper()
	dsn := pgtest.NewDatabase(t)
	more = func() *Postgres {
		t.Helper()
		s, err := OpenPostgres(t.Context(), dsn)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	}
	return more(), more
}

func pgSource(t *testing.T, s Store, names ...string) []news.Source {
	t.Helper()
	list := make([]news.Source, len(names))
	for i, n := range names {
		list[i] = news.Source{Name: n, URL: "https://" + n + ".example/feed"}
	}
	got, err := s.SyncSources(t.Context(), list)
	if err != nil {
		t.Fatal(err)
	}
	return got
}

func pgSave(ctx context.Context, s Store, a *news.Article) (SaveResult, error) {
	a.ContentHash = dedupe.ContentHash(a)
	return s.SaveArticle(ctx, a, dedupe.For(a))
}

// waitBlocked returns once a session of the test's database waits for
// a lock, or done is closed; it reports whether one waits.
func waitBlocked(t *testing.T, s *Postgres, done <-chan struct{}) bool {
	t.Helper()
	for {
		select {
		case <-done:
			return false
		default:
		}
		var n int
		err := s.db.QueryRow(t.Context(), `SELECT COUNT(*) FROM pg_stat_activity
			WHERE datname = current_database() AND wait_event_type = 'Lock'`).Scan(&n)
		if err != nil {
			t.Fatal(err)
		}
		if n > 0 {
			return true
		}
	}
}

// TestPostgresSequenceCommitsInOrder: a writer that took a lower
// sequence number and has not committed holds back a writer that takes
// a higher one, so that an index reading everything above its watermark
// never skips the lower one. Writer A takes its number and stops before
// committing; writer B, on another connection, writes; a follower reads
// what is there, as an index catching up does, then everything above
// its watermark once both are done. It must have seen both articles. A
// scheme that let B commit first (a plain sequence, say) fails here: the
// follower would see B, move its watermark past A's number, and never
// read A.
func TestPostgresSequenceCommitsInOrder(t *testing.T) {
	writerA, more := openPostgres(t)
	writerB, follower := more(), more()
	ctx := t.Context()
	src := pgSource(t, writerA, "wire")[0]

	numbered, release := make(chan struct{}), make(chan struct{})
	writerA.numbered = func() {
		close(numbered)
		<-release
	}
	a, b := article(src.ID, "a", "A"), article(src.ID, "b", "B")
	var wg sync.WaitGroup
	aDone, bDone := make(chan struct{}), make(chan struct{})
	wg.Go(func() {
		defer close(aDone)
		if _, err := pgSave(ctx, writerA, a); err != nil {
			t.Error(err)
		}
	})
	<-numbered
	wg.Go(func() {
		defer close(bDone)
		if _, err := pgSave(ctx, writerB, b); err != nil {
			t.Error(err)
		}
	})
	blocked := waitBlocked(t, follower, bDone)

	// The follower catches up while A has its number and has not committed.
	seen := map[int64]bool{}
	mark, err := follower.MaxSeq(ctx)
	if err != nil {
		t.Fatal(err)
	}
	early, err := follower.ArticlesAfter(ctx, 0, 100)
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range early {
		seen[x.ID] = true
		mark = max(mark, x.Seq)
	}
	close(release)
	wg.Wait()
	rest, err := follower.ArticlesAfter(ctx, mark, 100)
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range rest {
		seen[x.ID] = true
	}
	if !seen[a.ID] || !seen[b.ID] {
		t.Errorf("the follower saw A: %v, B: %v (A seq %d, B seq %d, watermark %d while A was open); want both", seen[a.ID], seen[b.ID], a.Seq, b.Seq, mark)
	}
	if !blocked || a.Seq >= b.Seq {
		t.Errorf("B waited for A: %v; seqs A %d, B %d; want B to wait and take the next number", blocked, a.Seq, b.Seq)
	}
}

// TestPostgresFollowerMissesNothing: writers on separate pools save
// articles at once while a follower keeps reading above its watermark;
// in the end it has read every article.
func TestPostgresFollowerMissesNothing(t *testing.T) {
	first, more := openPostgres(t)
	ctx := t.Context()
	const writers, each = 4, 60
	srcs := pgSource(t, first, "a", "b", "c", "d")
	var wg sync.WaitGroup
	done := make(chan struct{})
	for w := range writers {
		s := more()
		wg.Go(func() {
			for i := range each {
				a := article(srcs[w].ID, fmt.Sprintf("k%d", i), fmt.Sprintf("writer %d item %d", w, i))
				a.URL = fmt.Sprintf("https://%s.example/%d", srcs[w].Name, i)
				if _, err := pgSave(ctx, s, a); err != nil {
					t.Error(err)
					return
				}
			}
		})
	}
	go func() { wg.Wait(); close(done) }()
	follower := more()
	seen := map[int64]bool{}
	var mark int64
	for finished := false; ; {
		select {
		case <-done:
			finished = true
		default:
		}
		batch, err := follower.ArticlesAfter(ctx, mark, 50)
		if err != nil {
			t.Fatal(err)
		}
		for _, x := range batch {
			seen[x.ID] = true
			mark = x.Seq
		}
		if finished && len(batch) == 0 {
			break
		}
	}
	if n, _ := first.CountArticles(ctx); len(seen) != writers*each || n != writers*each {
		t.Errorf("the follower read %d articles, the store holds %d; want %d", len(seen), n, writers*each)
	}
}

// TestPostgresProcessesAtOnce: what several processes (each its own
// pool) do at once on one database ends as if done one after the other.
func TestPostgresProcessesAtOnce(t *testing.T) {
	const procs = 4
	t.Run("one item saved by all: one article", func(t *testing.T) {
		first, more := openPostgres(t)
		src := pgSource(t, first, "wire")[0]
		results := make([]SaveResult, procs)
		ids := make([]int64, procs)
		var wg sync.WaitGroup
		start := make(chan struct{})
		for i := range procs {
			s := more()
			wg.Go(func() {
				a := article(src.ID, "same", "Same item")
				<-start
				r, err := pgSave(t.Context(), s, a)
				if err != nil {
					t.Error(err)
				}
				results[i], ids[i] = r, a.ID
			})
		}
		close(start)
		wg.Wait()
		created := 0
		for i, r := range results {
			if r == Created {
				created++
			}
			if ids[i] != ids[0] || ids[i] == 0 {
				t.Errorf("IDs %v; want one article", ids)
			}
		}
		if n, _ := first.CountArticles(t.Context()); n != 1 || created != 1 {
			t.Errorf("%d articles, %d created; want 1 and 1 (results %v)", n, created, results)
		}
	})

	t.Run("every subscriber's digest claimed once", func(t *testing.T) {
		first, more := openPostgres(t)
		ctx := t.Context()
		const subs = 30
		var ids []int64
		for i := range subs {
			sub := &news.Subscriber{Email: fmt.Sprintf("s%d@example.com", i), Frequency: "daily", SendAt: "07:00", TZ: "UTC"}
			if err := first.AddSubscriber(ctx, sub); err != nil {
				t.Fatal(err)
			}
			ids = append(ids, sub.ID)
		}
		var mu sync.Mutex
		wins := map[int64]int{}
		var wg sync.WaitGroup
		start := make(chan struct{})
		for p := range procs {
			s := more()
			wg.Go(func() {
				<-start
				for _, id := range ids {
					_, ok, err := s.Claim(ctx, id, "2026-11-02", "<m>", fmt.Sprint("sender-", p), day, day.AddDate(0, 0, 1), 3)
					if err != nil {
						t.Error(err)
					}
					if ok {
						mu.Lock()
						wins[id]++
						mu.Unlock()
					}
				}
			})
		}
		close(start)
		wg.Wait()
		for _, id := range ids {
			if wins[id] != 1 {
				t.Errorf("subscriber %d claimed %d times by %d senders; want once", id, wins[id], procs)
			}
		}
	})

	t.Run("events replaced at once: no article in two events", func(t *testing.T) {
		first, more := openPostgres(t)
		ctx := t.Context()
		src := pgSource(t, first, "wire")[0]
		var arts []*news.Article
		for i := range 6 {
			a := article(src.ID, fmt.Sprintf("e%d", i), fmt.Sprintf("Acme %d", i))
			a.Published = a.Published.Add(time.Duration(i) * time.Hour)
			if _, err := pgSave(ctx, first, a); err != nil {
				t.Fatal(err)
			}
			arts = append(arts, a)
		}
		var wg sync.WaitGroup
		start := make(chan struct{})
		for p := range procs {
			s := more()
			wg.Go(func() {
				// Each process merges the group its own way: p+1 events.
				evs := make([]news.Event, p+1)
				for i, a := range arts {
					e := &evs[i%(p+1)]
					if len(e.Articles) == 0 {
						*e = news.Event{Type: news.EventFunding, Key: a.Tags.EventKey(), PrimaryCompany: "Acme", Layer: news.LayerModel, Date: a.Published}
					}
					e.Articles = append(e.Articles, news.EventArticle{ID: a.ID})
					e.Sources = len(e.Articles)
				}
				<-start
				groups, err := s.AllEventGroups(ctx)
				if err != nil {
					t.Error(err)
					return
				}
				if _, err := s.ReplaceEvents(ctx, groups, evs, nil, day); err != nil {
					t.Error(err)
				}
			})
		}
		close(start)
		wg.Wait()
		empty, unassigned, err := first.EventIntegrity(ctx)
		if err != nil || empty != 0 || unassigned != 0 {
			t.Errorf("EventIntegrity = %d empty, %d unassigned, %v", empty, unassigned, err)
		}
		evs, err := first.Events(ctx, EventFilter{})
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, e := range evs {
			n += len(e.Articles)
		}
		if n != len(arts) || len(evs) < 1 || len(evs) > procs {
			t.Errorf("%d events holding %d articles; want one process's merge (1 to %d events) of the %d articles", len(evs), n, procs, len(arts))
		}
	})
}

// TestPostgresOpen: processes that open a new database at once migrate
// it once; a database a newer program migrated is refused; a bad
// connection string is an error that does not show the password.
// TestPostgresBatchesSharingBandsNeverDeadlock: two writers store
// batches of the same stories from two sources at once, in opposite
// orders, so that each batch needs the URL and band locks the other
// takes. Locked article by article, each could hold one the other wants
// next: PostgreSQL breaks such a deadlock after a second by aborting one
// transaction, which then runs again. The batch's locks, all taken at
// once in one order, make the second writer wait instead: no
// transaction is aborted.
func TestPostgresBatchesSharingBandsNeverDeadlock(t *testing.T) {
	first, more := openPostgres(t)
	srcs := pgSource(t, first, "wire", "paper")
	var mu sync.Mutex
	var aborted []error
	writers := []*Postgres{more(), more()}
	for _, w := range writers {
		w.aborted = func(err error) {
			mu.Lock()
			defer mu.Unlock()
			aborted = append(aborted, err)
		}
	}
	const rounds, stories = 8, 20
	for round := range rounds {
		batches := make([][]Save, 2)
		for k := range stories {
			for w := range 2 {
				i := k
				if w == 1 {
					i = stories - 1 - k // the other order
				}
				a := article(srcs[w].ID, fmt.Sprintf("r%d-s%d-w%d", round, i, w), fmt.Sprintf("Story %d of round %d", i, round))
				a.URL = fmt.Sprintf("https://example.com/r%d/s%d", round, i) // both sources link the story
				a.SimHash = uint64(round*stories+i+1) * 0x9E3779B97F4A7C15
				a.ContentHash = dedupe.ContentHash(a)
				batches[w] = append(batches[w], Save{Article: a, Dup: dedupe.For(a)})
			}
		}
		var wg sync.WaitGroup
		start := make(chan struct{})
		for w := range 2 {
			wg.Go(func() {
				<-start
				if err := writers[w].SaveArticles(t.Context(), batches[w]); err != nil {
					t.Error(err)
				}
				for _, sv := range batches[w] {
					if sv.Err != nil {
						t.Error(sv.Err)
					}
				}
			})
		}
		close(start)
		wg.Wait()
	}
	if n, _ := first.CountArticles(t.Context()); n != 2*rounds*stories {
		t.Errorf("%d articles, want %d", n, 2*rounds*stories)
	}
	if len(aborted) > 0 {
		t.Errorf("%d transactions aborted and run again; the first: %v", len(aborted), aborted[0])
	}
}

func TestPostgresOpen(t *testing.T) {
	dsn := pgtest.NewDatabase(t)
	ctx := t.Context()
	stores := make([]*Postgres, 4)
	var wg sync.WaitGroup
	for i := range stores {
		wg.Go(func() {
			s, err := OpenPostgres(ctx, dsn)
			if err != nil {
				t.Error(err)
				return
			}
			stores[i] = s
		})
	}
	wg.Wait()
	if t.Failed() {
		t.FailNow()
	}
	var n int
	if err := stores[0].db.QueryRow(ctx, `SELECT COUNT(*) FROM schema_migrations`).Scan(&n); err != nil || n != len(pgMigrations) {
		t.Errorf("schema_migrations has %d rows, %v; want %d", n, err, len(pgMigrations))
	}
	id, _ := stores[0].ID(ctx)
	for _, s := range stores {
		if got, _ := s.ID(ctx); got != id || len(id) != 32 {
			t.Errorf("IDs %q and %q; want one 32-digit ID", id, got)
		}
	}
	if _, err := stores[0].db.Exec(ctx, `INSERT INTO schema_migrations (version, applied_at) VALUES (999, 0)`); err != nil {
		t.Fatal(err)
	}
	for _, s := range stores {
		s.Close()
	}
	if _, err := OpenPostgres(ctx, dsn); err == nil || !strings.Contains(err.Error(), "newer than this program") {
		t.Errorf("opening a database with a newer schema: %v", err)
	}
	for _, bad := range []string{"postgres://user:s3cret@127.0.0.1:notaport/db", "host=127.0.0.1 password=s3cret port=notaport"} {
		_, err := OpenPostgres(ctx, bad)
		if err == nil || strings.Contains(err.Error(), "s3cret") {
			t.Errorf("OpenPostgres(%q) = %v; want an error without the password", bad, err)
		}
	}
}
