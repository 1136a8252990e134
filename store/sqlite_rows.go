package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"strings"
)

// queryer is what the reader pool and a transaction both query with.
type queryer interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// scanner is a row of a result, or the one row of QueryRow.
type scanner interface{ Scan(dest ...any) error }

// queryAll runs q and returns every row, read by scan.
func queryAll[T any](ctx context.Context, db queryer, scan func(scanner) (T, error), q string, args ...any) ([]T, error) {
	rows, err := db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	return collect(sqlRows{rows}, scan)
}

// sqlRows is a result of database/sql as the shared code reads one.
type sqlRows struct{ *sql.Rows }

func (r sqlRows) Close() { r.Rows.Close() }

// sqliteDB runs the statements both engines share on SQLite.
type sqliteDB struct{ c txLike }

// sqliteDialect: a list is one JSON argument, read by json_each, so that
// no list meets SQLite's cap on a statement's parameters.
var sqliteDialect = &dialect{
	in: func(a *args, col string, list any) string {
		b, _ := json.Marshal(list) // a []int64 or a []string
		return col + " IN (SELECT value FROM json_each(" + a.add(string(b)) + "))"
	},
	each: func(a *args, list any) string {
		b, _ := json.Marshal(list)
		return "json_each(" + a.add(string(b)) + ")"
	},
	foldEq: func(col, p string) string { return col + " = " + p + " COLLATE NOCASE" },
	counter: func(name string) string {
		return `(SELECT CAST(value AS INTEGER) FROM meta WHERE key = '` + name + `')`
	},
	setCounter: func(name string) string {
		return `UPDATE meta SET value = CAST($1 AS TEXT) WHERE key = '` + name + `'`
	},
	month: func(col string) string { return `strftime('%Y-%m', ` + col + `, 'unixepoch')` },
}

func (d sqliteDB) dialect() *dialect { return sqliteDialect }

func (d sqliteDB) query(ctx context.Context, q string, args ...any) (rows, error) {
	r, err := d.c.QueryContext(ctx, sqliteSQL(q), args...)
	if err != nil {
		return nil, err
	}
	return sqlRows{r}, nil
}

func (d sqliteDB) queryRow(ctx context.Context, q string, args ...any) scanner {
	return d.c.QueryRowContext(ctx, sqliteSQL(q), args...)
}

func (d sqliteDB) exec(ctx context.Context, q string, args ...any) (int64, error) {
	res, err := d.c.ExecContext(ctx, sqliteSQL(q), args...)
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

// sqliteSQL turns a shared statement's placeholders $1, $2, … into ?1,
// ?2, …, which SQLite numbers the same way. (No shared statement has a
// $ followed by a digit anywhere else.)
func sqliteSQL(q string) string {
	i := strings.IndexByte(q, '$')
	if i < 0 {
		return q
	}
	b := []byte(q)
	for ; i+1 < len(b); i++ {
		if b[i] == '$' && b[i+1] >= '0' && b[i+1] <= '9' {
			b[i] = '?'
		}
	}
	return string(b)
}

// scanID reads a row of one integer column.
func scanID(sc scanner) (int64, error) {
	var id int64
	err := sc.Scan(&id)
	return id, err
}

// marks is a list of n placeholders for IN (…).
func marks(n int) string {
	return strings.TrimSuffix(strings.Repeat("?,", n), ",")
}

// anys turns a list into statement arguments.
func anys[T any](vs []T) []any {
	out := make([]any, len(vs))
	for i, v := range vs {
		out[i] = v
	}
	return out
}

// txLike is what a write needs of a transaction: *sql.Tx, or preparedTx
// over one.
type txLike interface {
	queryer
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// preparedTx runs the statements the store prepared when it opened
// through their prepared form, and any other as *sql.Tx does.
type preparedTx struct {
	*sql.Tx
	ctx   context.Context
	stmts map[string]*sql.Stmt
}

func (t preparedTx) stmt(q string) *sql.Stmt {
	if st, ok := t.stmts[q]; ok {
		return t.Tx.StmtContext(t.ctx, st)
	}
	return nil
}

func (t preparedTx) ExecContext(ctx context.Context, q string, args ...any) (sql.Result, error) {
	if st := t.stmt(q); st != nil {
		return st.ExecContext(ctx, args...)
	}
	return t.Tx.ExecContext(ctx, q, args...)
}

func (t preparedTx) QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	if st := t.stmt(q); st != nil {
		return st.QueryContext(ctx, args...)
	}
	return t.Tx.QueryContext(ctx, q, args...)
}

func (t preparedTx) QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row {
	if st := t.stmt(q); st != nil {
		return st.QueryRowContext(ctx, args...)
	}
	return t.Tx.QueryRowContext(ctx, q, args...)
}
