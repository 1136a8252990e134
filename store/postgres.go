package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"hash/fnv"
	"slices"
	"time"

	"github.com/aitracker/aitracker/internal/clock"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
)

// Postgres is the Store in a PostgreSQL database, which any number of
// processes, on any number of machines, may read and write at once. It
// keeps the SQLite store's schema and semantics: times are Unix seconds,
// flags 0 or 1, so that both read rows with the same code.
//
// What SQLite gets from having one writer, Postgres gets from locks, each
// said where it is taken:
//   - sequence numbers: the counter row, locked from the moment a
//     transaction takes its numbers until it commits (takeSeqs), so that
//     writes commit in sequence order and an index that has read up to
//     a number never misses a lower one committed later;
//   - near-duplicate links: advisory locks on the URL and the
//     fingerprint bands of a new article (lockDuplicates);
//   - events: one advisory lock around ReplaceEvents (lockEvents);
//   - the digest ledger: the (subscriber, period) unique key, and the
//     subscriber's row locked while claiming (Claim);
//   - interrupted attempts: FOR UPDATE SKIP LOCKED, so that two processes
//     recovering at once never count one crash twice;
//   - the configured sources and subscribers' addresses: an advisory lock
//     and a unique index on the address.
//
// The methods both engines share (sqlStore) take their locks through
// pgDialect, whose clauses and advisory lock SQLite's dialect leaves out.
// A transaction that loses a deadlock (which two batches that update the
// same articles in another order can meet) is run again (tx).
type Postgres struct {
	sqlStore
	db *pgxpool.Pool
	// where names the server and database in errors (never the password).
	where string
	// Clock stamps the rows the store writes itself (migrations, source
	// health, the ledger, subscribers); the machine's when nil.
	Clock clock.Clock
	// numbered, when not nil, is called by a write of articles once it
	// has its sequence numbers and before it commits: tests hold a
	// writer there.
	numbered func()
	// aborted, when not nil, is told of a transaction that a deadlock or
	// a serialization failure aborted before it runs again.
	aborted func(error)
}

var _ Store = (*Postgres)(nil)

func (s *Postgres) now() time.Time { return clock.Or(s.Clock).Now() }

// OpenPostgres connects to the database dsn names ("postgres://user:pass@
// host:5432/db" or "host=… dbname=…"; pool_max_conns sets the pool's size)
// and runs its pending migrations.
func OpenPostgres(ctx context.Context, dsn string) (*Postgres, error) {
	cfg, err := pgxpool.ParseConfig(dsn)
	if err != nil {
		// pgconn's error leaves the password out.
		return nil, fmt.Errorf("store: postgres: %w", err)
	}
	where := fmt.Sprintf("postgres %s:%d/%s", cfg.ConnConfig.Host, cfg.ConnConfig.Port, cfg.ConnConfig.Database)
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("store: %s: %w", where, err)
	}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("store: %s: %w", where, err)
	}
	s := &Postgres{db: pool, where: where}
	s.sqlStore = sqlStore{read: pgDB{pool}, write: pgDB{pool}, clock: s.now,
		inTx: func(ctx context.Context, fn func(db) error) error {
			return s.tx(ctx, func(tx pgx.Tx) error { return fn(pgDB{tx}) })
		},
		renumber: pgRenumber, setEventKeys: s.writeEventKeys, replaceCompanies: replacePgCompanies}
	if err := s.migrate(ctx); err != nil {
		pool.Close()
		return nil, err
	}
	return s, nil
}

// Close implements Store.Close.
func (s *Postgres) Close() error {
	s.db.Close()
	return nil
}

// migrate applies the pending migrations in one transaction, under an
// advisory lock: processes that start at once on a new database wait for
// the first, then find nothing left to do.
func (s *Postgres) migrate(ctx context.Context) error {
	err := pgx.BeginFunc(ctx, s.db, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1, 0)`, lockMigrate); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
			version    INTEGER PRIMARY KEY,
			applied_at BIGINT NOT NULL)`); err != nil {
			return err
		}
		var current int
		if err := tx.QueryRow(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_migrations`).Scan(&current); err != nil {
			return fmt.Errorf("read schema version: %w", err)
		}
		if current > len(pgMigrations) {
			return fmt.Errorf("the database has schema version %d, newer than this program knows (%d); upgrade aitracker", current, len(pgMigrations))
		}
		for v := current + 1; v <= len(pgMigrations); v++ {
			if _, err := tx.Exec(ctx, pgMigrations[v-1]); err != nil {
				return fmt.Errorf("migration %d: %w", v, err)
			}
			if _, err := tx.Exec(ctx, `INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)`, v, s.now().Unix()); err != nil {
				return fmt.Errorf("migration %d: %w", v, err)
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("store: open %s: %w", s.where, err)
	}
	return nil
}

// maxTxAttempts bounds how often tx runs a transaction that lost a
// deadlock or a serialization conflict.
const maxTxAttempts = 5

// tx runs fn in a transaction, committing if it returns nil, and runs it
// again (from the start, so fn must set its results afresh) when the
// server aborted it to break a deadlock.
func (s *Postgres) tx(ctx context.Context, fn func(pgx.Tx) error) error {
	for attempt := 1; ; attempt++ {
		err := pgx.BeginFunc(ctx, s.db, fn)
		if err == nil || attempt == maxTxAttempts || !retryable(err) {
			return err
		}
		if s.aborted != nil {
			s.aborted(err)
		}
	}
}

// retryable reports whether err aborted a transaction that may succeed
// when run again: a deadlock broken, or a serialization failure.
func retryable(err error) bool {
	var pe *pgconn.PgError
	return errors.As(err, &pe) && (pe.Code == "40P01" || pe.Code == "40001")
}

// Advisory lock classes: the first key of pg_advisory_xact_lock(int, int),
// so that the store's locks never meet another program's on the same
// database (or the single-int keys anyone else may use).
const (
	lockMigrate int32 = 0x61697400 + iota // "ait\0": running migrations
	// lockDuplicates: a URL or a fingerprint band of a new article.
	lockDuplicates
	// lockEvents: ReplaceEvents, one at a time.
	lockEvents
	// lockSources: SyncSources, one at a time.
	lockSources
)

// lockKeys takes the advisory locks of class on keys (hashed to 32
// bits: two keys that collide only wait for each other), in a fixed
// order, until the transaction ends.
func lockKeys(ctx context.Context, tx pgx.Tx, class int32, keys []string) error {
	hs := make([]int32, 0, len(keys))
	for _, k := range keys {
		h := fnv.New32a()
		h.Write([]byte(k))
		hs = append(hs, int32(h.Sum32()))
	}
	slices.Sort(hs)
	hs = slices.Compact(hs)
	if len(hs) == 0 {
		return nil
	}
	// unnest keeps the array's order: the locks are taken sorted, so
	// that two transactions locking overlapping sets wait, never deadlock.
	_, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1, k) FROM unnest($2::int[]) AS k`, class, hs)
	return err
}

// pgQuerier is what the pool and a transaction both query with.
type pgQuerier interface {
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
	Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error)
}

// pgAll runs q and returns every row, read by scan.
func pgAll[T any](ctx context.Context, db pgQuerier, scan func(scanner) (T, error), q string, args ...any) ([]T, error) {
	return all(ctx, pgDB{db}, scan, q, args...)
}

// pgDB runs the statements both engines share on PostgreSQL.
type pgDB struct{ c pgQuerier }

// pgDialect: a list is one array argument; the locks are said where the
// statements that take them are.
var pgDialect = &dialect{
	in: func(a *args, col string, list any) string {
		return col + " = ANY(" + a.add(list) + ")"
	},
	each: func(a *args, list any) string {
		typ := "::bigint[]"
		if _, ok := list.([]string); ok {
			typ = "::text[]"
		}
		return "unnest(" + a.add(list) + typ + ") AS value"
	},
	foldEq:     func(col, p string) string { return "lower(" + col + ") = lower(" + p + ")" },
	binary:     ` COLLATE "C"`,
	counter:    func(name string) string { return `(SELECT value FROM counters WHERE name = '` + name + `')` },
	setCounter: func(name string) string { return `UPDATE counters SET value = $1 WHERE name = '` + name + `'` },
	month: func(col string) string {
		return `to_char(to_timestamp(` + col + `) AT TIME ZONE 'UTC', 'YYYY-MM')`
	},
	forUpdate:  " FOR UPDATE",
	forShare:   " FOR SHARE",
	skipLocked: " FOR UPDATE SKIP LOCKED",
	lock: func(ctx context.Context, d db, class int32) error {
		_, err := d.exec(ctx, `SELECT pg_advisory_xact_lock($1, 0)`, class)
		return err
	},
}

func (d pgDB) dialect() *dialect { return pgDialect }

func (d pgDB) query(ctx context.Context, q string, args ...any) (rows, error) {
	return d.c.Query(ctx, q, args...)
}

func (d pgDB) queryRow(ctx context.Context, q string, args ...any) scanner {
	return pgRow{d.c.QueryRow(ctx, q, args...)}
}

func (d pgDB) exec(ctx context.Context, q string, args ...any) (int64, error) {
	tag, err := d.c.Exec(ctx, q, args...)
	return tag.RowsAffected(), err
}

// pgRow is a row whose absence is sql.ErrNoRows, as the shared code
// checks for it.
type pgRow struct{ pgx.Row }

func (r pgRow) Scan(dest ...any) error {
	err := r.Row.Scan(dest...)
	if errors.Is(err, pgx.ErrNoRows) {
		return sql.ErrNoRows
	}
	return err
}
