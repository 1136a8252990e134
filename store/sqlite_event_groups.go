package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/aitracker/aitracker/news"
)

// EventsState implements Store.EventsState.
func (s *SQLite) EventsState(ctx context.Context) (seq int64, version string, err error) {
	err = s.r.QueryRowContext(ctx, `SELECT
		(SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'events_seq'),
		(SELECT value FROM meta WHERE key = 'events_version')`).Scan(&seq, &version)
	if err != nil {
		return 0, "", fmt.Errorf("store: events state: %w", err)
	}
	return seq, version, nil
}

// DirtyEventGroups implements Store.DirtyEventGroups.
func (s *SQLite) DirtyEventGroups(ctx context.Context, after, upto int64, lookback, span time.Duration) ([]EventGroup, error) {
	type point struct {
		at time.Time
		id int64
	}
	from := map[string]point{}
	earlier := func(key string, p point) {
		cur, ok := from[key]
		if !ok || p.at.Before(cur.at) || p.at.Equal(cur.at) && p.id < cur.id {
			from[key] = p
		}
	}
	type change struct {
		key string
		point
	}
	changes, err := queryAll(ctx, s.r, func(sc scanner) (c change, err error) {
		var at int64
		err = sc.Scan(&c.key, &at, &c.id)
		c.at = time.Unix(at, 0).UTC()
		return c, err
	}, `
		SELECT event_key, published_at, id FROM articles WHERE seq > ?1 AND seq <= ?2 AND event_key != ''
		UNION ALL
		SELECT e.group_key, e.date, 0 FROM articles a
			JOIN event_articles ea ON ea.article_id = a.id JOIN events e ON e.id = ea.event_id
			WHERE a.seq > ?1 AND a.seq <= ?2`, after, upto)
	if err != nil {
		return nil, fmt.Errorf("store: event groups: %w", err)
	}
	for _, c := range changes {
		earlier(c.key, c.point)
	}
	out := make([]EventGroup, 0, len(from))
	for key, p := range from {
		g := EventGroup{Key: key, From: p.at, FromID: p.id}
		// An article published at the zero time would make From zero:
		// such a group is merged again whole.
		if p.at.Unix() <= 0 {
			g.From, g.FromID = time.Time{}, 0
		} else {
			evs, err := s.openEvents(ctx, key, p.at, lookback, span)
			if err != nil {
				return nil, err
			}
			g.Events = evs
		}
		out = append(out, g)
	}
	slices.SortFunc(out, func(a, b EventGroup) int { return strings.Compare(a.Key, b.Key) })
	return out, nil
}

// openEvents lists the events of a group whose latest report is at
// from-lookback or later.
func (s *SQLite) openEvents(ctx context.Context, key string, from time.Time, lookback, span time.Duration) ([]int64, error) {
	ids, err := queryAll(ctx, s.r, scanID, `
		SELECT e.id FROM events e JOIN event_articles ea ON ea.event_id = e.id JOIN articles a ON a.id = ea.article_id
		WHERE e.group_key = ? AND e.date >= ?
		GROUP BY e.id HAVING MAX(a.published_at) >= ?
		ORDER BY e.id`, key, from.Add(-lookback-span).Unix(), from.Add(-lookback).Unix())
	if err != nil {
		return nil, fmt.Errorf("store: open events of %s: %w", key, err)
	}
	if ids == nil {
		ids = []int64{} // a partial group with no open event replaces none
	}
	return ids, nil
}

// AllEventGroups implements Store.AllEventGroups.
func (s *SQLite) AllEventGroups(ctx context.Context) ([]EventGroup, error) {
	out, err := queryAll(ctx, s.r, func(sc scanner) (g EventGroup, err error) {
		err = sc.Scan(&g.Key)
		return g, err
	}, `
		SELECT event_key FROM articles WHERE event_key != ''
		UNION
		SELECT group_key FROM events
		ORDER BY 1`)
	if err != nil {
		return nil, fmt.Errorf("store: event groups: %w", err)
	}
	return out, nil
}

// GroupArticles implements Store.GroupArticles.
func (s *SQLite) GroupArticles(ctx context.Context, g EventGroup) (seeds [][]news.Article, arts []news.Article, err error) {
	const cols = `a.id, a.source_id, s.name, a.url, a.title, a.summary, a.body, a.lang, a.published_at, a.tags`
	if !g.Partial() {
		arts, err = s.mergeArticles(ctx, g, `SELECT 0, `+cols+` FROM articles a JOIN sources s ON s.id = a.source_id
			WHERE a.event_key = ? ORDER BY a.published_at, a.id`, g.Key)
		return nil, arts, err
	}
	arts, err = s.mergeArticles(ctx, g, `SELECT 0, `+cols+` FROM articles a JOIN sources s ON s.id = a.source_id
		WHERE a.event_key = ?1 AND (a.published_at > ?2 OR a.published_at = ?2 AND a.id >= ?3)
		ORDER BY a.published_at, a.id`, g.Key, g.From.Unix(), g.FromID)
	if err != nil || len(g.Events) == 0 {
		return nil, arts, err
	}
	members, err := s.mergeArticles(ctx, g, `SELECT ea.event_id, `+cols+` FROM event_articles ea
		JOIN articles a ON a.id = ea.article_id JOIN sources s ON s.id = a.source_id
		WHERE ea.event_id IN (SELECT value FROM json_each(?)) ORDER BY ea.event_id, a.published_at, a.id`, idList(g.Events))
	if err != nil {
		return nil, nil, err
	}
	return seedsOf(g, members), arts, nil
}

// mergeArticles reads articles for merging; the first column is an event
// ID, kept in Event.
func (s *SQLite) mergeArticles(ctx context.Context, g EventGroup, q string, args ...any) ([]news.Article, error) {
	out, err := queryAll(ctx, s.r, scanMergeArticle, q, args...)
	if err != nil {
		return nil, fmt.Errorf("store: articles of event group %s: %w", g.Key, err)
	}
	return out, nil
}

// RekeyArticles implements Store.RekeyArticles.
func (s *SQLite) RekeyArticles(ctx context.Context) (int, error) {
	changed := 0
	var after int64
	type row struct {
		id        int64
		key, tags string
	}
	scan := func(sc scanner) (r row, err error) {
		err = sc.Scan(&r.id, &r.key, &r.tags)
		return r, err
	}
	for {
		rows, err := queryAll(ctx, s.r, scan, `SELECT id, event_key, tags FROM articles WHERE id > ? ORDER BY id LIMIT 2000`, after)
		if err != nil {
			return changed, fmt.Errorf("store: rekey articles: %w", err)
		}
		if len(rows) == 0 {
			return changed, nil
		}
		after = rows[len(rows)-1].id
		var batch []row // with the new key in place of the tags
		for _, r := range rows {
			var t news.Tags
			if err := json.Unmarshal([]byte(r.tags), &t); err != nil {
				continue // an article whose tags do not decode has no event
			}
			if key := t.EventKey(); key != r.key {
				batch = append(batch, row{id: r.id, key: key})
			}
		}
		if len(batch) > 0 {
			err := s.tx(ctx, func(tx *sql.Tx) error {
				for _, r := range batch {
					if _, err := tx.ExecContext(ctx, `UPDATE articles SET event_key = ? WHERE id = ?`, r.key, r.id); err != nil {
						return err
					}
				}
				return nil
			})
			if err != nil {
				return changed, fmt.Errorf("store: rekey articles: %w", err)
			}
			changed += len(batch)
		}
	}
}
