package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
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
	rows, err := s.r.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("store: companies: %w", err)
	}
	var out []CompanySummary
	var last []sql.NullInt64
	for rows.Next() {
		var c CompanySummary
		var date int64
		var layer sql.NullString
		var lastRound sql.NullInt64
		if err := rows.Scan(&c.Name, &c.Events, &c.FundingUSD, &c.Rounds, &date, &layer, &lastRound); err != nil {
			rows.Close()
			return nil, fmt.Errorf("store: companies: %w", err)
		}
		c.LastEvent = fromUnix(date)
		c.Layer = news.LayerNone
		if layer.Valid {
			c.Layer = news.Layer(layer.String)
		}
		out = append(out, c)
		last = append(last, lastRound)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: companies: %w", err)
	}
	for i := range out {
		if !last[i].Valid {
			continue
		}
		e, err := s.Event(ctx, last[i].Int64)
		if err != nil && !errors.Is(err, ErrNotFound) {
			return nil, err
		}
		if err == nil {
			out[i].LastRound = &e
		}
	}
	return out, nil
}

// Active implements Store.Active.
func (s *SQLite) Active(ctx context.Context, since time.Time, limit int) ([]CompanySummary, error) {
	rows, err := s.r.QueryContext(ctx, `
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
	defer rows.Close()
	var out []CompanySummary
	for rows.Next() {
		var c CompanySummary
		var date int64
		var layer sql.NullString
		if err := rows.Scan(&c.Name, &c.Events, &c.FundingUSD, &c.Rounds, &date, &layer); err != nil {
			return nil, fmt.Errorf("store: active companies: %w", err)
		}
		c.LastEvent, c.Layer = fromUnix(date), news.Layer(layer.String)
		out = append(out, c)
	}
	return out, rows.Err()
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
		q += ` AND type IN (` + strings.TrimSuffix(strings.Repeat("?,", len(types)), ",") + `)`
		for _, t := range types {
			args = append(args, string(t))
		}
	}
	rows, err := s.r.QueryContext(ctx, q+` GROUP BY 1, 2 ORDER BY 1, 2`, args...)
	if err != nil {
		return nil, fmt.Errorf("store: monthly events: %w", err)
	}
	defer rows.Close()
	var out []MonthCount
	for rows.Next() {
		var m MonthCount
		if err := rows.Scan(&m.Month, &m.Key, &m.Events, &m.AmountUSD); err != nil {
			return nil, fmt.Errorf("store: monthly events: %w", err)
		}
		out = append(out, m)
	}
	return out, rows.Err()
}
