package store

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/aitracker/aitracker/news"
)

func openTest(t *testing.T) *Store {
	t.Helper()
	s, err := Open(context.Background(), filepath.Join(t.TempDir(), "test.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestOpenMigratesOnceAndReopens(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "a.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	var mode string
	if err := s.r.QueryRowContext(ctx, `PRAGMA journal_mode`).Scan(&mode); err != nil || mode != "wal" {
		t.Errorf("journal_mode = %q, %v; want wal", mode, err)
	}
	s.Close()
	s, err = Open(ctx, path)
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	defer s.Close()
	var n int
	s.r.QueryRowContext(ctx, `SELECT COUNT(*) FROM schema_migrations`).Scan(&n)
	if n != len(migrations) {
		t.Errorf("schema_migrations has %d rows, want %d", n, len(migrations))
	}
}

func TestOpenRefusesNewerSchema(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "a.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	s.w.ExecContext(ctx, `INSERT INTO schema_migrations (version, applied_at) VALUES (999, 0)`)
	s.Close()
	if _, err := Open(ctx, path); err == nil {
		t.Fatal("opened a database with a schema newer than the program")
	}
}

func article(src int64, key, title string) *news.Article {
	return &news.Article{
		SourceID: src, DedupKey: key, URL: "https://example.com/" + key, Title: title, Summary: "summary of " + title,
		Lang: "en", Published: time.Date(2026, 11, 1, 8, 0, 0, 0, time.UTC), Fetched: time.Date(2026, 11, 2, 8, 0, 0, 0, time.UTC),
		Tags: news.Tags{Version: "v1", EventType: news.EventFunding, Layer: news.LayerModel, Primary: "Acme",
			Companies: []news.CompanyTag{{Name: "Acme", Known: true, Salience: 9}}},
	}
}

func TestSaveArticleIsIdempotent(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	srcs, err := s.SyncSources(ctx, []news.Source{{Name: "A", URL: "https://a.example/feed"}})
	if err != nil {
		t.Fatal(err)
	}
	src := srcs[0].ID
	steps := []struct {
		name string
		a    *news.Article
		want SaveResult
	}{
		{"new", article(src, "g1|u1", "Acme raises $5M"), Created},
		{"same again", article(src, "g1|u1", "Acme raises $5M"), Unchanged},
		{"edited title", article(src, "g1|u1", "Acme raises $6M"), Updated},
		{"new tags version", func() *news.Article { a := article(src, "g1|u1", "Acme raises $6M"); a.Tags.Version = "v2"; return a }(), Updated},
		{"another item", article(src, "g2|u2", "Beta launches"), Created},
	}
	var lastSeq int64
	for _, st := range steps {
		got, err := s.SaveArticle(ctx, st.a)
		if err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		if got != st.want {
			t.Errorf("%s: got %v, want %v", st.name, got, st.want)
		}
		if got != Unchanged {
			if st.a.Seq <= lastSeq {
				t.Errorf("%s: seq %d did not advance past %d", st.name, st.a.Seq, lastSeq)
			}
			lastSeq = st.a.Seq
		}
	}
	if n, _ := s.CountArticles(ctx); n != 2 {
		t.Errorf("CountArticles = %d, want 2", n)
	}
	got, err := s.ArticlesAfter(ctx, 0, 10)
	if err != nil || len(got) != 2 {
		t.Fatalf("ArticlesAfter(0) = %d articles, %v", len(got), err)
	}
	if got[0].Title != "Acme raises $6M" || got[0].Tags.Version != "v2" || got[0].SourceName != "A" {
		t.Errorf("first article after 0 = %+v", got[0])
	}
	if max, _ := s.MaxSeq(ctx); max != lastSeq {
		t.Errorf("MaxSeq = %d, want %d", max, lastSeq)
	}
	after, _ := s.ArticlesAfter(ctx, lastSeq, 10)
	if len(after) != 0 {
		t.Errorf("ArticlesAfter(max) returned %d articles", len(after))
	}
}

func TestSaveArticleNeedsSourceAndKey(t *testing.T) {
	s := openTest(t)
	if _, err := s.SaveArticle(context.Background(), &news.Article{Title: "x"}); err == nil {
		t.Fatal("saved an article without source or dedup key")
	}
}

func TestSyncSourcesDisablesRemoved(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	if _, err := s.SyncSources(ctx, []news.Source{{Name: "A", URL: "https://a/f"}, {Name: "B", URL: "https://b/f"}}); err != nil {
		t.Fatal(err)
	}
	got, err := s.SyncSources(ctx, []news.Source{{Name: "B renamed", URL: "https://b/f"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].Name != "B renamed" || !got[0].Enabled {
		t.Errorf("SyncSources returned %+v", got)
	}
	all, _ := s.Sources(ctx)
	if len(all) != 2 || all[1].URL != "https://a/f" || all[1].Enabled {
		t.Errorf("removed source not kept disabled: %+v", all)
	}
}

func TestRecordFetch(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	srcs, _ := s.SyncSources(ctx, []news.Source{{Name: "A", URL: "https://a/f"}})
	id := srcs[0].ID
	now := time.Now().Truncate(time.Second)
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(s.BeginAttempt(ctx, id, now))
	must(s.RecordFetch(ctx, id, FetchOutcome{At: now, ETag: `"v1"`, LastModified: "Mon, 02 Jan 2026 15:04:05 GMT"}))
	must(s.RecordFetch(ctx, id, FetchOutcome{At: now, Err: errors.New("fetch: server answered 500\nInternal Server Error")}))
	must(s.RecordFetch(ctx, id, FetchOutcome{At: now, Err: errors.New("timeout"), ErrKind: "transient", ErrPlain: "a did not answer\nin time"}))
	src, _ := s.Sources(ctx)
	if src[0].ConsecutiveFailures != 2 || src[0].LastError != "timeout" || src[0].ETag != `"v1"` || src[0].LastSuccessAt.IsZero() ||
		src[0].LastErrorKind != "transient" || src[0].LastErrorPlain != "a did not answer in time" {
		t.Errorf("after two failures: %+v", src[0])
	}
	must(s.RecordFetch(ctx, id, FetchOutcome{At: now, NotModified: true}))
	src, _ = s.Sources(ctx)
	if src[0].ConsecutiveFailures != 0 || src[0].LastError != "" || src[0].ETag != `"v1"` || src[0].LastErrorKind != "" || src[0].LastErrorPlain != "" {
		t.Errorf("a 304 must reset failures and keep the validators: %+v", src[0])
	}
}

// TestCrashQuarantine: attempts left open by a dead process count as
// crashes; a finished attempt resets the count; the limit-th crash in a
// row disables the source, which the configuration does not re-enable
// and EnableSource does.
func TestCrashQuarantine(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	list := []news.Source{{Name: "A", URL: "https://a/f"}, {Name: "B", URL: "https://b/f"}}
	srcs, _ := s.SyncSources(ctx, list)
	a, b := srcs[0].ID, srcs[1].ID
	now := time.Now()
	backoff := func(int) time.Duration { return time.Minute }
	crash := func(ids ...int64) []Interrupted {
		t.Helper()
		for _, id := range ids {
			if err := s.BeginAttempt(ctx, id, now); err != nil {
				t.Fatal(err)
			}
		}
		got, err := s.RecoverInterrupted(ctx, now, backoff, 3)
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	if got := crash(a, b); len(got) != 2 || got[0].Crashes != 1 || got[1].Crashes != 1 || got[0].Disabled {
		t.Fatalf("first crash: %+v", got)
	}
	// B finishes an attempt: its count starts again.
	s.BeginAttempt(ctx, b, now)
	s.RecordFetch(ctx, b, FetchOutcome{At: now})
	if got := crash(a); len(got) != 1 || got[0].Crashes != 2 || got[0].Disabled {
		t.Fatalf("second crash: %+v", got)
	}
	if got := crash(a, b); len(got) != 2 || got[0].Crashes != 3 || !got[0].Disabled || got[1].Crashes != 1 || got[1].Disabled {
		t.Fatalf("third crash: %+v", got)
	}
	srcs, _ = s.SyncSources(ctx, list)
	if srcs[0].Enabled || srcs[0].DisabledReason != CrashedReason || !strings.Contains(srcs[0].LastError, "crashed during processing 3 times") ||
		srcs[0].ConsecutiveFailures != 3 || !srcs[1].Enabled {
		t.Fatalf("after the third crash and a sync: %+v", srcs)
	}
	if ok, err := s.EnableSource(ctx, "A"); !ok || err != nil {
		t.Fatalf("enable: %v %v", ok, err)
	}
	srcs, _ = s.SyncSources(ctx, list)
	if !srcs[0].Enabled || srcs[0].DisabledReason != "" {
		t.Errorf("enabled again: %+v", srcs[0])
	}
	if got := crash(a); got[0].Crashes != 1 {
		t.Errorf("the count after enabling: %+v", got)
	}
	if ok, _ := s.EnableSource(ctx, "nobody"); ok {
		t.Error("enabled a source that does not exist")
	}
}

func TestOneLine(t *testing.T) {
	long := ""
	for range 300 {
		long += "数据"
	}
	got := oneLine("a\n  b\t" + long)
	if len(got) > 504 || got[:4] != "a b " {
		t.Errorf("oneLine = %q (%d bytes)", got[:10], len(got))
	}
	for i, r := range got {
		if r == '\uFFFD' {
			t.Fatalf("oneLine cut a rune at %d", i)
		}
	}
}

// TestStoreID: a store keeps its ID across opens and copies of its file;
// a store made again in the same place gets another.
func TestStoreID(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "a.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	id, err := s.ID(ctx)
	if err != nil || len(id) != 32 {
		t.Fatalf("store id %q, %v; want 32 hex digits", id, err)
	}
	s.Close()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	copyPath := filepath.Join(dir, "copy.db")
	if err := os.WriteFile(copyPath, data, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{path, copyPath} {
		s, err := Open(ctx, p)
		if err != nil {
			t.Fatal(err)
		}
		if got, _ := s.ID(ctx); got != id {
			t.Errorf("%s: store id %q, want %q", filepath.Base(p), got, id)
		}
		s.Close()
	}
	os.Remove(path)
	s, err = Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if got, _ := s.ID(ctx); got == id || len(got) != 32 {
		t.Errorf("a store made again has id %q (the old one was %q)", got, id)
	}
}

// TestIsDamaged: SQLite's "not a database" and "malformed" are told from
// other failures, through the store's wrapping.
func TestIsDamaged(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "a.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	srcs, err := s.SyncSources(ctx, []news.Source{{Name: "S", URL: "https://s.example/feed", Kind: news.KindFeed}})
	if err != nil {
		t.Fatal(err)
	}
	for i := range 300 {
		a := article(srcs[0].ID, fmt.Sprintf("k%d", i), fmt.Sprintf("Article %d", i))
		a.Body = strings.Repeat("text of the article ", 50)
		if _, err := s.SaveArticle(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	var page, pageSize int64
	if err := s.r.QueryRowContext(ctx, `SELECT pageno FROM dbstat WHERE name = 'articles' AND pagetype = 'leaf' ORDER BY pageno LIMIT 1 OFFSET 5`).Scan(&page); err != nil {
		t.Fatal(err)
	}
	s.r.QueryRowContext(ctx, `PRAGMA page_size`).Scan(&pageSize)
	_, notFound := s.Article(ctx, 1<<40)
	s.Close()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	garbage := func(off, n int64) string {
		d := append([]byte(nil), data...)
		for i := off; i < off+n; i++ {
			d[i] = byte(i*131 + 7)
		}
		p := filepath.Join(dir, fmt.Sprintf("damaged-%d.db", off))
		if err := os.WriteFile(p, d, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}

	_, headerErr := Open(ctx, garbage(0, 100))
	s, err = Open(ctx, garbage((page-1)*pageSize, pageSize))
	if err != nil {
		t.Fatalf("a damaged articles page fails the open: %v", err)
	}
	_, pageErr := s.ArticlesAfter(ctx, 0, 1000)
	s.Close()
	newer := filepath.Join(dir, "newer.db")
	s, _ = Open(ctx, newer)
	s.w.ExecContext(ctx, `INSERT INTO schema_migrations (version, applied_at) VALUES (999, 0)`)
	s.Close()
	_, newerErr := Open(ctx, newer)

	for _, tc := range []struct {
		name string
		err  error
		want bool
	}{
		{"header overwritten", headerErr, true},
		{"articles page overwritten", pageErr, true},
		{"schema newer than the program", newerErr, false},
		{"not found", notFound, false},
		{"no error", nil, false},
	} {
		if got := IsDamaged(tc.err); got != tc.want || (tc.name != "no error" && tc.err == nil) {
			t.Errorf("%s: IsDamaged(%v) = %v, want %v", tc.name, tc.err, got, tc.want)
		}
	}
}
