package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
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
	rows, err := s.r.QueryContext(ctx, `
		SELECT event_key, published_at, id FROM articles WHERE seq > ?1 AND seq <= ?2 AND event_key != ''
		UNION ALL
		SELECT e.group_key, e.date, 0 FROM articles a
			JOIN event_articles ea ON ea.article_id = a.id JOIN events e ON e.id = ea.event_id
			WHERE a.seq > ?1 AND a.seq <= ?2`, after, upto)
	if err != nil {
		return nil, fmt.Errorf("store: event groups: %w", err)
	}
	for rows.Next() {
		var key string
		var at, id int64
		if err := rows.Scan(&key, &at, &id); err != nil {
			rows.Close()
			return nil, fmt.Errorf("store: event groups: %w", err)
		}
		earlier(key, point{time.Unix(at, 0).UTC(), id})
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: event groups: %w", err)
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
	rows, err := s.r.QueryContext(ctx, `
		SELECT e.id FROM events e JOIN event_articles ea ON ea.event_id = e.id JOIN articles a ON a.id = ea.article_id
		WHERE e.group_key = ? AND e.date >= ?
		GROUP BY e.id HAVING MAX(a.published_at) >= ?
		ORDER BY e.id`, key, from.Add(-lookback-span).Unix(), from.Add(-lookback).Unix())
	if err != nil {
		return nil, fmt.Errorf("store: open events of %s: %w", key, err)
	}
	defer rows.Close()
	ids := []int64{}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("store: open events of %s: %w", key, err)
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// AllEventGroups implements Store.AllEventGroups.
func (s *SQLite) AllEventGroups(ctx context.Context) ([]EventGroup, error) {
	return s.groups(ctx, `
		SELECT event_key FROM articles WHERE event_key != ''
		UNION
		SELECT group_key FROM events
		ORDER BY 1`)
}

func (s *SQLite) groups(ctx context.Context, q string, args ...any) ([]EventGroup, error) {
	rows, err := s.r.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("store: event groups: %w", err)
	}
	defer rows.Close()
	var out []EventGroup
	for rows.Next() {
		var g EventGroup
		if err := rows.Scan(&g.Key); err != nil {
			return nil, fmt.Errorf("store: event groups: %w", err)
		}
		out = append(out, g)
	}
	return out, rows.Err()
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
	ids := make([]string, len(g.Events))
	for i, id := range g.Events {
		ids[i] = strconv.FormatInt(id, 10)
	}
	members, err := s.mergeArticles(ctx, g, `SELECT ea.event_id, `+cols+` FROM event_articles ea
		JOIN articles a ON a.id = ea.article_id JOIN sources s ON s.id = a.source_id
		WHERE ea.event_id IN (`+strings.Join(ids, ",")+`) ORDER BY ea.event_id, a.published_at, a.id`)
	if err != nil {
		return nil, nil, err
	}
	var cur int64 = -1
	for _, a := range members {
		if !g.before(a.Published, a.ID) {
			continue // merged again from the starting point, if still in the group
		}
		if a.Event != cur {
			seeds = append(seeds, nil)
			cur = a.Event
		}
		a.Event = 0
		seeds[len(seeds)-1] = append(seeds[len(seeds)-1], a)
	}
	return seeds, arts, nil
}

// mergeArticles reads articles for merging; the first column is an event
// ID, kept in Event.
func (s *SQLite) mergeArticles(ctx context.Context, g EventGroup, q string, args ...any) ([]news.Article, error) {
	rows, err := s.r.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("store: articles of event group %s: %w", g.Key, err)
	}
	defer rows.Close()
	var out []news.Article
	for rows.Next() {
		var a news.Article
		var published int64
		var tags string
		if err := rows.Scan(&a.Event, &a.ID, &a.SourceID, &a.SourceName, &a.URL, &a.Title, &a.Summary, &a.Body, &a.Lang, &published, &tags); err != nil {
			return nil, fmt.Errorf("store: articles of event group %s: %w", g.Key, err)
		}
		a.Published = fromUnix(published)
		if err := json.Unmarshal([]byte(tags), &a.Tags); err != nil {
			return nil, fmt.Errorf("store: articles of event group %s: article %d: bad tags: %w", g.Key, a.ID, err)
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// RekeyArticles implements Store.RekeyArticles.
func (s *SQLite) RekeyArticles(ctx context.Context) (int, error) {
	changed := 0
	var after int64
	for {
		type row struct {
			id       int64
			key, new string
		}
		var batch []row
		rows, err := s.r.QueryContext(ctx, `SELECT id, event_key, tags FROM articles WHERE id > ? ORDER BY id LIMIT 2000`, after)
		if err != nil {
			return changed, fmt.Errorf("store: rekey articles: %w", err)
		}
		n := 0
		for rows.Next() {
			var r row
			var tags string
			if err := rows.Scan(&r.id, &r.key, &tags); err != nil {
				rows.Close()
				return changed, fmt.Errorf("store: rekey articles: %w", err)
			}
			n++
			after = r.id
			var t news.Tags
			if err := json.Unmarshal([]byte(tags), &t); err != nil {
				continue // an article whose tags do not decode has no event
			}
			if r.new = t.EventKey(); r.new != r.key {
				batch = append(batch, r)
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return changed, fmt.Errorf("store: rekey articles: %w", err)
		}
		if len(batch) > 0 {
			err := s.tx(ctx, func(tx *sql.Tx) error {
				for _, r := range batch {
					if _, err := tx.ExecContext(ctx, `UPDATE articles SET event_key = ? WHERE id = ?`, r.new, r.id); err != nil {
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
		if n == 0 {
			return changed, nil
		}
	}
}
