package store

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"
)

// copyTables are the tables of the store of record in an order that
// respects their references: a row is copied after the rows it names.
var copyTables = []string{"sources", "articles", "article_companies", "events", "event_articles", "subscribers", "digests_sent"}

// numbered are the copied tables whose rows have an ID of their own.
var numbered = map[string]bool{"sources": true, "articles": true, "events": true, "subscribers": true, "digests_sent": true}

// Copied is how many rows of a table a copy moved.
type Copied struct {
	Table string
	Rows  int64
}

// CopyToPostgres copies the SQLite store src, every row of it, into dst,
// which must hold no sources, articles, events or subscribers yet: what
// moves a tracker from one machine to PostgreSQL. Rows keep their IDs and
// sequence numbers, and dst takes src's ID (Store.ID), so that a search
// index built from src goes on following dst without a rebuild; events
// stay computed as far as they were.
//
// src is read in one read transaction, a snapshot, so a pass writing to
// it meanwhile is either wholly in the copy or not at all. dst is written
// in one transaction that holds its tables locked: a copy that fails or
// is interrupted leaves dst as empty as it found it, to be run again;
// other processes using dst wait for it. Before committing, the rows in
// dst are counted against those read. progress, when not nil, is told
// how far each table is as it goes.
func CopyToPostgres(ctx context.Context, src *SQLite, dst *Postgres, progress func(table string, rows int64)) ([]Copied, error) {
	in, err := src.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, fmt.Errorf("store copy: read %s: %w", src.path, err)
	}
	defer in.Rollback()
	meta := map[string]string{}
	rows, err := in.QueryContext(ctx, `SELECT key, value FROM meta`)
	if err != nil {
		return nil, fmt.Errorf("store copy: read %s: %w", src.path, err)
	}
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			rows.Close()
			return nil, fmt.Errorf("store copy: read %s: %w", src.path, err)
		}
		meta[k] = v
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store copy: read %s: %w", src.path, err)
	}
	var copied []Copied
	err = pgx.BeginFunc(ctx, dst.db, func(out pgx.Tx) error {
		// No other process writes while the copy runs, and none reads a
		// half-copied store.
		if _, err := out.Exec(ctx, `LOCK TABLE `+strings.Join(copyTables, ", ")+`, meta, counters IN ACCESS EXCLUSIVE MODE`); err != nil {
			return err
		}
		if err := requireEmpty(ctx, out, dst.where); err != nil {
			return err
		}
		for _, table := range copyTables {
			n, err := copyTable(ctx, in, out, table, progress)
			if err != nil {
				return fmt.Errorf("table %s: %w", table, err)
			}
			var want, got int64
			if err := in.QueryRowContext(ctx, `SELECT COUNT(*) FROM `+table).Scan(&want); err != nil {
				return fmt.Errorf("table %s: count in %s: %w", table, src.path, err)
			}
			if err := out.QueryRow(ctx, `SELECT COUNT(*) FROM `+table).Scan(&got); err != nil {
				return fmt.Errorf("table %s: %w", table, err)
			}
			if n != want || got != want {
				return fmt.Errorf("table %s: %d rows in %s, %d copied, %d in %s", table, want, src.path, n, got, dst.where)
			}
			if numbered[table] {
				// The next row added takes the ID after the highest copied.
				if _, err := out.Exec(ctx, `SELECT setval(pg_get_serial_sequence($1, 'id'), COALESCE(MAX(id), 1), MAX(id) IS NOT NULL) FROM `+table, table); err != nil {
					return fmt.Errorf("table %s: reset its IDs: %w", table, err)
				}
			}
			copied = append(copied, Copied{table, n})
		}
		for _, k := range []string{"store_id", "events_version"} {
			if _, err := out.Exec(ctx, `UPDATE meta SET value = $1 WHERE key = $2`, meta[k], k); err != nil {
				return err
			}
		}
		for _, k := range []string{"seq", "events_seq"} {
			n, err := strconv.ParseInt(meta[k], 10, 64)
			if err != nil {
				return fmt.Errorf("%s: counter %s is %q, not a number", src.path, k, meta[k])
			}
			if _, err := out.Exec(ctx, `UPDATE counters SET value = $1 WHERE name = $2`, n, k); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store copy to %s: %w (nothing was written)", dst.where, err)
	}
	return copied, nil
}

// requireEmpty refuses a database that holds data: a copy adds a whole
// store, it never merges two.
func requireEmpty(ctx context.Context, tx pgx.Tx, where string) error {
	var held []string
	for _, table := range []string{"sources", "articles", "events", "subscribers", "digests_sent"} {
		var n int64
		if err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM `+table).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			held = append(held, fmt.Sprintf("%d %s", n, strings.ReplaceAll(table, "_", " ")))
		}
	}
	if len(held) > 0 {
		return fmt.Errorf("%s already holds %s: copy into an empty database (a new one, or this one's tables dropped)", where, strings.Join(held, ", "))
	}
	return nil
}

// copyTable streams every row of table from SQLite into PostgreSQL's
// COPY, column by column as PostgreSQL's schema has them, and returns
// how many it sent.
func copyTable(ctx context.Context, in *sql.Tx, out pgx.Tx, table string, progress func(string, int64)) (int64, error) {
	type column struct{ name, kind string }
	var cols []column
	r, err := out.Query(ctx, `SELECT column_name, data_type FROM information_schema.columns
		WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position`, table)
	if err != nil {
		return 0, err
	}
	for r.Next() {
		var c column
		if err := r.Scan(&c.name, &c.kind); err != nil {
			r.Close()
			return 0, err
		}
		cols = append(cols, c)
	}
	r.Close()
	if err := r.Err(); err != nil {
		return 0, err
	}
	have := map[string]bool{}
	sr, err := in.QueryContext(ctx, `SELECT name FROM pragma_table_info(?)`, table)
	if err != nil {
		return 0, err
	}
	for sr.Next() {
		var n string
		if err := sr.Scan(&n); err != nil {
			sr.Close()
			return 0, err
		}
		have[n] = true
	}
	sr.Close()
	if err := sr.Err(); err != nil {
		return 0, err
	}
	names := make([]string, len(cols))
	for i, c := range cols {
		if !have[c.name] {
			return 0, fmt.Errorf("column %s is in PostgreSQL's schema but not in the SQLite store's", c.name)
		}
		names[i] = c.name
	}
	// Each value is read as the type PostgreSQL's column has, so that
	// SQLite's loose typing (an integer in a REAL column) never reaches
	// COPY's binary format.
	dest := make([]any, len(cols))
	for i, c := range cols {
		switch c.kind {
		case "bigint", "integer", "smallint":
			dest[i] = new(sql.NullInt64)
		case "double precision", "real", "numeric":
			dest[i] = new(sql.NullFloat64)
		case "text", "character varying":
			dest[i] = new(sql.NullString)
		default:
			return 0, fmt.Errorf("column %s has type %s, which the copy does not know", c.name, c.kind)
		}
	}
	rows, err := in.QueryContext(ctx, `SELECT `+strings.Join(names, ", ")+` FROM `+table+` ORDER BY rowid`)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	var n int64
	values := make([]any, len(cols))
	next := func() ([]any, error) {
		if err := rows.Scan(dest...); err != nil {
			return nil, err
		}
		for i, d := range dest {
			values[i] = nil
			switch v := d.(type) {
			case *sql.NullInt64:
				if v.Valid {
					values[i] = v.Int64
				}
			case *sql.NullFloat64:
				if v.Valid {
					values[i] = v.Float64
				}
			case *sql.NullString:
				if v.Valid {
					values[i] = v.String
				}
			}
		}
		n++
		if progress != nil && n%10000 == 0 {
			progress(table, n)
		}
		return values, nil
	}
	src := pgx.CopyFromFunc(func() ([]any, error) {
		if !rows.Next() {
			return nil, rows.Err()
		}
		return next()
	})
	if _, err := out.CopyFrom(ctx, pgx.Identifier{table}, names, src); err != nil {
		return 0, err
	}
	if progress != nil {
		progress(table, n)
	}
	return n, nil
}
