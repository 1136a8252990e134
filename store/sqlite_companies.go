package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/aitracker/aitracker/news"
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
	if limit > 0 {
		q += ` LIMIT ` + strconv.Itoa(limit)
	}
	type row struct {
		CompanySummary
		lastRound sql.NullInt64
	}
	rows, err := queryAll(ctx, s.r, func(sc scanner) (r row, err error) {
		r.CompanySummary, err = scanSummary(sc, &r.lastRound)
		return r, err
	}, q, args...)
	if err != nil {
		return nil, fmt.Errorf("store: companies: %w", err)
	}
	out := make([]CompanySummary, len(rows))
	for i, r := range rows {
		out[i] = r.CompanySummary
		if !r.lastRound.Valid {
			continue
		}
		e, err := s.Event(ctx, r.lastRound.Int64)
		if err != nil && !errors.Is(err, ErrNotFound) {
			return nil, err
		}
		if err == nil {
			out[i].LastRound = &e
		}
	}
	return out, nil
}

// scanSummary reads a company's aggregates (name, events, funding,
// rounds, latest date, main layer or NULL for none), then extra columns.
func scanSummary(sc scanner, extra ...any) (CompanySummary, error) {
	var c CompanySummary
	var date int64
	var layer sql.NullString
	err := sc.Scan(append([]any{&c.Name, &c.Events, &c.FundingUSD, &c.Rounds, &date, &layer}, extra...)...)
	c.LastEvent, c.Layer = fromUnix(date), news.LayerNone
	if layer.Valid {
		c.Layer = news.Layer(layer.String)
	}
	return c, err
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

// Monthly implements Store.Monthly.
func (s *SQLite) Monthly(ctx context.Context, since time.Time, by string, types ...news.EventType) ([]MonthCount, error) {
	col := "layer"
	if by == "type" {
		col = "type"
	}
	q := `SELECT strftime('%Y-%m', date, 'unixepoch'), ` + col + `, COUNT(*), SUM(amount_usd) FROM events WHERE date >= ?`
	args := []any{since.Unix()}
	if len(types) > 0 {
		q += ` AND type IN (` + marks(len(types)) + `)`
		args = append(args, anys(types)...)
	}
	out, err := queryAll(ctx, s.r, func(sc scanner) (m MonthCount, err error) {
		err = sc.Scan(&m.Month, &m.Key, &m.Events, &m.AmountUSD)
		return m, err
	}, q+` GROUP BY 1, 2 ORDER BY 1, 2`, args...)
	if err != nil {
		return nil, fmt.Errorf("store: monthly events: %w", err)
	}
	return out, nil
}
