package store

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/aitracker/aitracker/dedupe"
	"github.com/aitracker/aitracker/news"
)

// openTest opens a new store for the test, closed when it ends.
func openTest(t *testing.T) *SQLite {
	t.Helper()
	s := openFile(t, filepath.Join(t.TempDir(), "test.db"))
	t.Cleanup(func() { s.Close() })
	return s
}

// openFile opens the store at path, which the caller closes.
func openFile(t testing.TB, path string) *SQLite {
	t.Helper()
	s, err := openSQLite(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestOpenMigratesOnceAndReopens: the file is in WAL mode, and a second
// open finds every migration applied once.
func TestOpenMigratesOnceAndReopens(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "a.db")
	s := openFile(t, path)
	var mode string
	if err := s.r.QueryRowContext(ctx, `PRAGMA journal_mode`).Scan(&mode); err != nil || mode != "wal" {
		t.Errorf("journal_mode = %q, %v; want wal", mode, err)
	}
	s.Close()
	s = openFile(t, path)
	defer s.Close()
	var n int
	s.r.QueryRowContext(ctx, `SELECT COUNT(*) FROM schema_migrations`).Scan(&n)
	if n != len(migrations) {
		t.Errorf("schema_migrations has %d rows, want %d", n, len(migrations))
	}
}

// TestOpenRefusesNewerSchema: a file that a newer version migrated is
// not opened (nor changed) by an older one.
func TestOpenRefusesNewerSchema(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "a.db")
	s := openFile(t, path)
	s.w.ExecContext(ctx, `INSERT INTO schema_migrations (version, applied_at) VALUES (999, 0)`)
	s.Close()
	if _, err := openSQLite(ctx, path); err == nil {
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

// save stores a as the pipeline does: with its content hash, linked to
// the article it repeats.
func save(ctx context.Context, s *SQLite, a *news.Article) (SaveResult, error) {
	a.ContentHash = dedupe.ContentHash(a)
	return s.SaveArticle(ctx, a, dedupe.For(a))
}

func TestOneLine(t *testing.T) {
	long := strings.Repeat("数据", 300)
	for _, tc := range []struct {
		name, in, want string
	}{
		{"white space folded", "a\n  b\t c ", "a b c"},
		{"empty", "", ""},
		{"cut at 500 bytes, on a rune boundary", long, long[:498] + "…"},
	} {
		if got := oneLine(tc.in); got != tc.want || !utf8.ValidString(got) {
			t.Errorf("%s: oneLine = %q (%d bytes), want %q", tc.name, got, len(got), tc.want)
		}
	}
}

// TestMigrationsUpgradeOldFiles: a file made by an older version, at any
// schema version, with data in it, opens at the newest schema with its
// data kept.
func TestMigrationsUpgradeOldFiles(t *testing.T) {
	ctx := context.Background()
	for from := 1; from < len(migrations); from++ {
		t.Run(fmt.Sprintf("from version %d", from), func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "old.db")
			db, err := sql.Open("sqlite", "file:"+path)
			if err != nil {
				t.Fatal(err)
			}
			for v, m := range migrations[:from] {
				if _, err := db.ExecContext(ctx, m); err != nil {
					t.Fatalf("migration %d: %v", v+1, err)
				}
			}
			_, err = db.ExecContext(ctx, `CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL);
				INSERT INTO sources (name, url, created_at) VALUES ('old', 'https://old.example/feed', 1);
				INSERT INTO articles (source_id, dedup_key, url, title, published_at, fetched_at, content_hash, seq)
					VALUES (1, 'k', 'https://old.example/1', 'An old article', 1, 1, 'h', 1);`)
			for v := 1; v <= from && err == nil; v++ {
				_, err = db.ExecContext(ctx, `INSERT INTO schema_migrations VALUES (?, 0)`, v)
			}
			if err != nil {
				t.Fatal(err)
			}
			db.Close()
			s, err := openSQLite(ctx, path)
			if err != nil {
				t.Fatalf("open: %v", err)
			}
			defer s.Close()
			var version int
			s.r.QueryRowContext(ctx, `SELECT MAX(version) FROM schema_migrations`).Scan(&version)
			a, err := s.Article(ctx, 1)
			if version != len(migrations) || err != nil || a.Title != "An old article" || a.SourceName != "old" {
				t.Errorf("schema %d, article %+v, %v; want schema %d and the article", version, a, err, len(migrations))
			}
			if id, err := s.ID(ctx); err != nil || len(id) != 32 {
				t.Errorf("store ID %q, %v", id, err)
			}
		})
	}
}

// TestRekeyArticlesFollowsTags: keys made by an older rule are made again
// from the stored tags; sequence numbers do not move.
func TestRekeyArticlesFollowsTags(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	srcs, err := s.SyncSources(ctx, []news.Source{{Name: "S", URL: "https://s.example/feed"}})
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for i := range 2500 { // more than one batch
		a := article(srcs[0].ID, fmt.Sprintf("k%d", i), fmt.Sprintf("Article %d", i))
		if i%1000 == 7 {
			a.Tags.EventType = news.EventOther // no event, no key
		}
		if _, err := save(ctx, s, a); err != nil {
			t.Fatal(err)
		}
		want = append(want, a.Tags.EventKey())
	}
	if _, err := s.w.ExecContext(ctx, `UPDATE articles SET event_key = 'old rule|' || id WHERE id % 3 = 0;
		UPDATE articles SET tags = 'not json' WHERE id = 2`); err != nil {
		t.Fatal(err)
	}
	seq, _ := s.MaxSeq(ctx)
	n, err := s.RekeyArticles(ctx)
	if err != nil || n != 833 {
		t.Errorf("RekeyArticles = %d, %v; want the 833 stale keys changed", n, err)
	}
	keys, err := queryAll(ctx, s.r, func(sc scanner) (k string, err error) {
		err = sc.Scan(&k)
		return k, err
	}, `SELECT event_key FROM articles ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	want[1] = keys[1] // an article whose tags do not decode keeps its key
	if !slices.Equal(keys, want) {
		t.Error("keys after RekeyArticles differ from the tags' keys")
	}
	if after, _ := s.MaxSeq(ctx); after != seq {
		t.Errorf("MaxSeq moved from %d to %d", seq, after)
	}
}

// TestStoreID: a store keeps its ID across opens and copies of its file;
// a store made again in the same place gets another.
func TestStoreID(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "a.db")
	s := openFile(t, path)
	id, err := s.ID(ctx)
	if err != nil || len(id) != 32 {
		t.Fatalf("store id %q, %v; want 32 hex digits", id, err)
	}
	s.Close()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	copyPath := filepath.Join(filepath.Dir(path), "copy.db")
	if err := os.WriteFile(copyPath, data, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{path, copyPath} {
		s := openFile(t, p)
		if got, _ := s.ID(ctx); got != id {
			t.Errorf("%s: store id %q, want %q", filepath.Base(p), got, id)
		}
		s.Close()
	}
	os.Remove(path)
	s = openFile(t, path)
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
	s := openFile(t, path)
	srcs, err := s.SyncSources(ctx, []news.Source{{Name: "S", URL: "https://s.example/feed", Kind: news.KindFeed}})
	if err != nil {
		t.Fatal(err)
	}
	for i := range 300 {
		a := article(srcs[0].ID, fmt.Sprintf("k%d", i), fmt.Sprintf("Article %d", i))
		a.Body = strings.Repeat("text of the article ", 50)
		if _, err := save(ctx, s, a); err != nil {
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

	_, headerErr := openSQLite(ctx, garbage(0, 100))
	s, err = openSQLite(ctx, garbage((page-1)*pageSize, pageSize))
	if err != nil {
		t.Fatalf("a damaged articles page fails the open: %v", err)
	}
	_, pageErr := s.ArticlesAfter(ctx, 0, 1000)
	s.Close()
	newer := filepath.Join(dir, "newer.db")
	s, _ = openSQLite(ctx, newer)
	s.w.ExecContext(ctx, `INSERT INTO schema_migrations (version, applied_at) VALUES (999, 0)`)
	s.Close()
	_, newerErr := openSQLite(ctx, newer)

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

// TestSQLiteSQL: the shared statements' placeholders become SQLite's
// numbered ones, and nothing else changes.
func TestSQLiteSQL(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`SELECT 1`, `SELECT 1`},
		{`WHERE id = $1 OR ($1 = 0 AND email = $2)`, `WHERE id = ?1 OR (?1 = 0 AND email = ?2)`},
		{`VALUES ($9, $10, $11)`, `VALUES (?9, ?10, ?11)`},
		{`json_extract(v, '$[0]'), '$.a', $`, `json_extract(v, '$[0]'), '$.a', $`},
		{`WHERE a = ? AND b = ?`, `WHERE a = ? AND b = ?`},
	} {
		if got := sqliteSQL(tc.in); got != tc.want {
			t.Errorf("sqliteSQL(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
