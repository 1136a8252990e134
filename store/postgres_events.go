package store

import (
	"context"
	"fmt"
	"time"
)

// Companies implements Store.Companies. Names that differ only in case
// are one company, shown as its latest event writes it.
func (s *Postgres) Companies(ctx context.Context, name string, limit int) ([]CompanySummary, error) {
	filter := ""
	args := []any{}
	if name != "" {
		filter = ` AND lower(primary_company) = lower($1)`
		args = append(args, name)
	}
	q := `SELECT g.name, g.n, g.funding, g.rounds, g.last,
			(SELECT e2.layer FROM events e2 WHERE lower(e2.primary_company) = g.key AND e2.layer != 'none'
				GROUP BY e2.layer ORDER BY COUNT(*) DESC, e2.layer COLLATE "C" LIMIT 1),
			(SELECT e3.id FROM events e3 WHERE lower(e3.primary_company) = g.key AND e3.type = 'funding'
				ORDER BY e3.date DESC, e3.id DESC LIMIT 1)
		FROM (` + companyGroups + filter + ` GROUP BY 1) g
		ORDER BY g.n DESC, g.name COLLATE "C"`
	return s.companies(ctx, q, limit, args...)
}

// companyGroups aggregates events per company, ignoring case, up to the
// GROUP BY: its WHERE clause can be extended.
const companyGroups = `SELECT lower(primary_company) AS key, (array_agg(primary_company ORDER BY date DESC, id DESC))[1] AS name,
		COUNT(*) AS n, SUM(CASE WHEN type = 'funding' THEN amount_usd ELSE 0 END) AS funding,
		COUNT(*) FILTER (WHERE type = 'funding') AS rounds, MAX(date) AS last
	FROM events WHERE primary_company != ''`

// Active implements Store.Active.
func (s *Postgres) Active(ctx context.Context, since time.Time, limit int) ([]CompanySummary, error) {
	out, err := pgAll(ctx, s.db, func(sc scanner) (CompanySummary, error) { return scanSummary(sc) }, `
		SELECT g.name, g.n, g.funding, g.rounds, g.last,
			(SELECT e2.layer FROM events e2 WHERE lower(e2.primary_company) = g.key AND e2.date >= $1
				GROUP BY e2.layer ORDER BY COUNT(*) DESC, e2.layer COLLATE "C" LIMIT 1)
		FROM (`+companyGroups+` AND date >= $1 GROUP BY 1) g
		ORDER BY g.n DESC, g.funding DESC, g.name COLLATE "C"
		LIMIT $2`, since.Unix(), limitArg(limit))
	if err != nil {
		return nil, fmt.Errorf("store: active companies: %w", err)
	}
	return out, nil
}

// pgRenumber is renumber on PostgreSQL. The rows first, in ID order,
// then the counter (takeSeqs): the counter's holder never waits for a row
// another writer holds. With the counter locked until the commit, no one
// else writes between the number it returns and the commit.
func pgRenumber(ctx context.Context, tx db, ids []int64) (int64, error) {
	t := tx.(pgDB).c
	if _, err := t.Exec(ctx, `SELECT 1 FROM articles WHERE id = ANY($1) ORDER BY id FOR NO KEY UPDATE`, ids); err != nil {
		return 0, err
	}
	first, err := takeSeqs(ctx, t, len(ids))
	if err != nil {
		return 0, err
	}
	seqs := make([]int64, len(ids))
	for i := range ids {
		seqs[i] = first + int64(i)
	}
	return first - 1, setSeqs(ctx, t, ids, seqs)
}

// writeEventKeys is setEventKeys on PostgreSQL: one statement.
func (s *Postgres) writeEventKeys(ctx context.Context, ids []int64, keys []string) error {
	_, err := s.db.Exec(ctx, `UPDATE articles AS a SET event_key = v.key FROM unnest($1::bigint[], $2::text[]) AS v(id, key)
		WHERE a.id = v.id`, ids, keys)
	return err
}
