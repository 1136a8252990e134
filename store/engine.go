package store

import (
	"context"
	"fmt"
	"math"
	"strconv"
	"time"

	"github.com/aitracker/aitracker/news"
)

// The code both engines run alike: the SQLite and PostgreSQL stores embed
// sqlStore, whose methods are written once over db, and keep to their own
// files only what differs: migrations, the article writes and how
// articles get their sequence numbers (sqlStore.renumber), the companies'
// statements, and the locks only PostgreSQL takes.

// db is where the shared code runs a statement: SQLite's reader pool, its
// writer or one of its transactions, or a PostgreSQL pool or transaction.
// Statements are written once with numbered placeholders ($1, $2, …), as
// PostgreSQL reads them; SQLite is handed them as ?1, ?2, which it reads
// the same way.
type db interface {
	query(ctx context.Context, q string, args ...any) (rows, error)
	// queryRow's Scan returns sql.ErrNoRows, whatever the engine, when
	// there is no row.
	queryRow(ctx context.Context, q string, args ...any) scanner
	// exec returns how many rows the statement changed.
	exec(ctx context.Context, q string, args ...any) (int64, error)
	dialect() *dialect
}

// rows is the result of a query, read a row at a time.
type rows interface {
	scanner
	Next() bool
	Err() error
	Close()
}

// all runs q on d and returns every row, read by scan.
func all[T any](ctx context.Context, d db, scan func(scanner) (T, error), q string, args ...any) ([]T, error) {
	r, err := d.query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	return collect(r, scan)
}

// collect reads every row of r with scan, and closes r.
func collect[T any](r rows, scan func(scanner) (T, error)) ([]T, error) {
	defer r.Close()
	var out []T
	for r.Next() {
		v, err := scan(r)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, r.Err()
}

// dialect is what the shared statements ask of an engine's SQL.
type dialect struct {
	// in is the condition that col is one of list (a []int64 or a
	// []string), whose argument it adds to a: one argument whatever the
	// list's length.
	in func(a *args, col string, list any) string
	// each is a table of list's values, in a column named value, to
	// read FROM.
	each func(a *args, list any) string
	// foldEq is the condition that the text col equals the argument p,
	// ignoring the case of ASCII letters.
	foldEq func(col, p string) string
	// forUpdate and forShare end a SELECT whose rows the transaction
	// then writes (or needs unchanged) until it ends; skipLocked also
	// passes over the rows another transaction holds. Empty on SQLite,
	// whose one writer keeps the others out anyway.
	forUpdate, forShare, skipLocked string
	// binary follows a text column to sort it by its bytes (SQLite's
	// default).
	binary string
	// counter is an expression that reads the sequence counter name;
	// setCounter a statement that sets it to $1.
	counter, setCounter func(name string) string
	// month is the "YYYY-MM" (UTC) of the Unix time col.
	month func(col string) string
	// lock takes the store-wide lock of class until the transaction d
	// ends; nil on SQLite, for the same reason.
	lock func(ctx context.Context, d db, class int32) error
}

// args are a statement's arguments, as its placeholders number them.
type args []any

// add appends v and returns its placeholder.
func (a *args) add(v any) string {
	*a = append(*a, v)
	return "$" + strconv.Itoa(len(*a))
}

// sqlStore is what the SQLite and PostgreSQL stores do the same way.
type sqlStore struct {
	// read answers queries; write runs a write of one statement.
	read, write db
	// inTx runs fn in a write transaction, committing if it returns nil
	// (PostgreSQL runs it again after a deadlock: fn sets its results
	// afresh).
	inTx func(ctx context.Context, fn func(tx db) error) error
	// clock is the store's clock.
	clock func() time.Time
	// renumber gives the articles ids, in order, new sequence numbers
	// in the transaction tx, so that the index reads them again, and
	// returns the number taken before them.
	renumber func(ctx context.Context, tx db, ids []int64) (before int64, err error)
	// replaceCompanies makes cs the companies of the article id, in
	// the transaction tx.
	replaceCompanies func(ctx context.Context, tx db, id int64, cs []news.CompanyTag) error
	// setEventKeys sets the event key of the articles ids to keys.
	setEventKeys func(ctx context.Context, ids []int64, keys []string) error
}

// strs turns a list of named strings into a list argument.
func strs[T ~string](vs []T) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = string(v)
	}
	return out
}

// lock takes d's store-wide lock of class, where the engine has one.
func lock(ctx context.Context, d db, class int32) error {
	if l := d.dialect().lock; l != nil {
		return l(ctx, d, class)
	}
	return nil
}

// limitArg is a LIMIT's argument: a negative limit is none.
func limitArg(limit int) int64 {
	if limit < 0 {
		return math.MaxInt64
	}
	return int64(limit)
}

// ID implements Store.ID: the random value a migration made, which a
// copy of the store keeps.
func (s *sqlStore) ID(ctx context.Context) (string, error) {
	var id string
	if err := s.read.queryRow(ctx, `SELECT value FROM meta WHERE key = 'store_id'`).Scan(&id); err != nil {
		return "", fmt.Errorf("store: read store id: %w", err)
	}
	return id, nil
}
