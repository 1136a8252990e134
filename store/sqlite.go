package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/aitracker/aitracker/internal/clock"
	"github.com/aitracker/aitracker/news"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// SQLite is the Store in one SQLite file (pure Go, WAL mode). It is safe
// for concurrent use: writes go through one connection (SQLite has one
// writer), so a write transaction sees every earlier write; reads go
// through a pool.
type SQLite struct {
	sqlStore
	w     *sql.DB              // the single writer
	r     *sql.DB              // readers
	stmts map[string]*sql.Stmt // writeStatements, prepared on w
	path  string
	// Clock stamps the rows the store writes itself (migrations, source
	// health, the ledger, subscribers); the machine's when nil.
	Clock clock.Clock
}

func (s *SQLite) now() time.Time { return clock.Or(s.Clock).Now() }

var _ Store = (*SQLite)(nil)

// IsDamaged reports whether err means the database file is damaged:
// SQLite found it is not a database, or a page of it is malformed. A
// damaged store is restored from a backup or moved aside; retrying does
// not help.
func IsDamaged(err error) bool {
	var e *sqlite.Error
	if !errors.As(err, &e) {
		return false
	}
	switch e.Code() & 0xff { // the primary code of an extended one
	case sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB:
		return true
	}
	return false
}

// openSQLite opens (creating if needed) the database at path and runs
// pending migrations.
func openSQLite(ctx context.Context, path string) (*SQLite, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, fmt.Errorf("store: %w", err)
	}
	dsn := func(extra ...string) string {
		q := url.Values{}
		q.Add("_pragma", "busy_timeout(10000)")
		q.Add("_pragma", "journal_mode(WAL)")
		q.Add("_pragma", "foreign_keys(1)")
		q.Add("_pragma", "synchronous(NORMAL)")
		for _, e := range extra {
			q.Add("_pragma", e)
		}
		return "file:" + path + "?" + q.Encode()
	}
	// Page cache (the default is 2 MiB): 64 MiB for the writer, whose
	// batches and near-duplicate look-ups walk the indexes, 16 MiB for
	// each of the four readers; merging events reads whole groups of
	// articles. The caches live outside Go's heap and count in full in
	// the resident set: 320 MiB at 64 MiB each.
	// The writer's temporary files, the savepoint of each article in a
	// batch among them, stay in memory: a savepoint's journal holds the
	// pages one article changed.
	w, err := sql.Open("sqlite", dsn("cache_size(-65536)", "temp_store(MEMORY)")+"&_txlock=immediate")
	if err != nil {
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	w.SetMaxOpenConns(1)
	s := &SQLite{w: w, path: path}
	if err := s.migrate(ctx); err != nil {
		w.Close()
		return nil, err
	}
	// The readers map the first 256 MiB of the file: merging events reads
	// whole groups of articles, and a page read through the map costs no
	// system call (its pages are the kernel's file cache, shared, and
	// count in the resident set while mapped).
	r, err := sql.Open("sqlite", dsn("query_only(1)", "cache_size(-16384)", "mmap_size(268435456)"))
	if err != nil {
		w.Close()
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	r.SetMaxOpenConns(4)
	s.r = r
	s.sqlStore = sqlStore{read: sqliteDB{r}, write: sqliteDB{w}, clock: s.now,
		inTx: func(ctx context.Context, fn func(db) error) error {
			return s.tx(ctx, func(tx *sql.Tx) error { return fn(sqliteDB{tx}) })
		},
		renumber: sqliteRenumber, setEventKeys: s.writeEventKeys,
		replaceCompanies: func(ctx context.Context, tx db, id int64, cs []news.CompanyTag) error {
			return replaceCompanies(ctx, tx.(sqliteDB).c, id, cs)
		}}
	// Prepared before any transaction: w has one connection, which a
	// transaction holds.
	s.stmts = make(map[string]*sql.Stmt, len(writeStatements))
	for _, q := range writeStatements {
		st, err := w.PrepareContext(ctx, q)
		if err != nil {
			s.Close()
			return nil, fmt.Errorf("store: open %s: prepare: %w", path, err)
		}
		s.stmts[q] = st
	}
	return s, nil
}

// Close implements Store.Close.
func (s *SQLite) Close() error {
	for _, st := range s.stmts {
		st.Close()
	}
	return errors.Join(s.r.Close(), s.w.Close())
}

// Path is the database file.
func (s *SQLite) Path() string { return s.path }

func (s *SQLite) migrate(ctx context.Context) error {
	if _, err := s.w.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version    INTEGER PRIMARY KEY,
		applied_at INTEGER NOT NULL)`); err != nil {
		return fmt.Errorf("store: open %s: %w", s.path, err)
	}
	var current int
	if err := s.w.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_migrations`).Scan(&current); err != nil {
		return fmt.Errorf("store: read schema version: %w", err)
	}
	if current > len(migrations) {
		return fmt.Errorf("store: %s has schema version %d, newer than this program knows (%d); upgrade aitracker", s.path, current, len(migrations))
	}
	for v := current + 1; v <= len(migrations); v++ {
		err := s.tx(ctx, func(tx *sql.Tx) error {
			if _, err := tx.ExecContext(ctx, migrations[v-1]); err != nil {
				return err
			}
			_, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)`, v, s.now().Unix())
			return err
		})
		if err != nil {
			return fmt.Errorf("store: migration %d: %w", v, err)
		}
	}
	return nil
}

// tx runs fn in a write transaction, committing if it returns nil.
// prepared gives tx the statements prepared when the store opened.
func (s *SQLite) prepared(ctx context.Context, tx *sql.Tx) preparedTx {
	return preparedTx{Tx: tx, ctx: ctx, stmts: s.stmts}
}

func (s *SQLite) tx(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

func unix(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.Unix()
}

func fromUnix(v int64) time.Time {
	if v == 0 {
		return time.Time{}
	}
	return time.Unix(v, 0).UTC()
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// oneLine keeps an error readable in a table cell.
func oneLine(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 500 {
		i := 500
		for i > 0 && !utf8.RuneStart(s[i]) {
			i--
		}
		s = s[:i] + "…"
	}
	return s
}
