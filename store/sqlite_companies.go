package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// Companies implements Store.Companies.
func (s *SQLite) Companies(ctx context.Context, name string, limit int) ([]CompanySummary, error) {
	q := `SELECT primary_company, COUNT(*), SUM(CASE WHEN type = 'funding' THEN amount_usd ELSE 0 END),
			SUM(type = 'funding'), MAX(date),
			(SELECT e2.layer FROM events e2 WHERE e2.primary_company = e.primary_company COLLATE NOCASE AND e2.layer != 'none'
				GROUP BY e2.layer ORDER BY COUNT(*) DESC, e2.layer LIMIT 1),
			(SELECT e3.id FROM events e3 WHERE e3.primary_company = e.primary_company COLLATE NOCASE AND e3.type = 'funding'
				ORDER BY e3.date DESC, e3.id DESC LIMIT 1)
		FROM events e WHERE primary_company != ''`
	var args []any
	if name != "" {
		q += ` AND primary_company = ? COLLATE NOCASE`
		args = append(args, name)
	}
	q += ` GROUP BY primary_company COLLATE NOCASE ORDER BY COUNT(*) DESC, primary_company`
	return s.companies(ctx, q, limit, args...)
}

// Active implements Store.Active.
func (s *SQLite) Active(ctx context.Context, since time.Time, limit int) ([]CompanySummary, error) {
	out, err := queryAll(ctx, s.r, func(sc scanner) (CompanySummary, error) { return scanSummary(sc) }, `
		SELECT primary_company, COUNT(*), SUM(CASE WHEN type = 'funding' THEN amount_usd ELSE 0 END), SUM(type = 'funding'), MAX(date),
			(SELECT e2.layer FROM events e2 WHERE e2.primary_company = e.primary_company COLLATE NOCASE AND e2.date >= ?1
				GROUP BY e2.layer ORDER BY COUNT(*) DESC, e2.layer LIMIT 1)
		FROM events e WHERE primary_company != '' AND date >= ?1
		GROUP BY primary_company COLLATE NOCASE
		ORDER BY COUNT(*) DESC, SUM(CASE WHEN type = 'funding' THEN amount_usd ELSE 0 END) DESC, primary_company
		LIMIT ?2`, since.Unix(), limit)
	if err != nil {
		return nil, fmt.Errorf("store: active companies: %w", err)
	}
	return out, nil
}

// sqliteRenumber is renumber on SQLite, whose one writer keeps the
// others out until the commit.
func sqliteRenumber(ctx context.Context, tx db, ids []int64) (int64, error) {
	t := tx.(sqliteDB).c
	before, err := nextSeqPeek(ctx, t)
	if err != nil {
		return 0, err
	}
	return before, rewrite(ctx, t, ids...)
}

// writeEventKeys is setEventKeys on SQLite: one transaction.
func (s *SQLite) writeEventKeys(ctx context.Context, ids []int64, keys []string) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		for i, id := range ids {
			if _, err := tx.ExecContext(ctx, `UPDATE articles SET event_key = ? WHERE id = ?`, keys[i], id); err != nil {
				return err
			}
		}
		return nil
	})
}
