package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/aitracker/aitracker/news"
	"github.com/jackc/pgx/v5"
)

// EventsState implements Store.EventsState.
func (s *Postgres) EventsState(ctx context.Context) (seq int64, version string, err error) {
	err = s.db.QueryRow(ctx, `SELECT
		(SELECT value FROM counters WHERE name = 'events_seq'),
		(SELECT value FROM meta WHERE key = 'events_version')`).Scan(&seq, &version)
	if err != nil {
		return 0, "", fmt.Errorf("store: events state: %w", err)
	}
	return seq, version, nil
}

// DirtyEventGroups implements Store.DirtyEventGroups.
func (s *Postgres) DirtyEventGroups(ctx context.Context, after, upto int64, lookback, span time.Duration) ([]EventGroup, error) {
	type point struct {
		at time.Time
		id int64
	}
	from := map[string]point{}
	type change struct {
		key string
		point
	}
	changes, err := pgAll(ctx, s.db, func(sc scanner) (c change, err error) {
		var at int64
		err = sc.Scan(&c.key, &at, &c.id)
		c.at = time.Unix(at, 0).UTC()
		return c, err
	}, `
		SELECT event_key, published_at, id FROM articles WHERE seq > $1 AND seq <= $2 AND event_key != ''
		UNION ALL
		SELECT e.group_key, e.date, 0 FROM articles a
			JOIN event_articles ea ON ea.article_id = a.id JOIN events e ON e.id = ea.event_id
			WHERE a.seq > $1 AND a.seq <= $2`, after, upto)
	if err != nil {
		return nil, fmt.Errorf("store: event groups: %w", err)
	}
	for _, c := range changes {
		cur, ok := from[c.key]
		if !ok || c.at.Before(cur.at) || c.at.Equal(cur.at) && c.id < cur.id {
			from[c.key] = c.point
		}
	}
	out := make([]EventGroup, 0, len(from))
	for key, p := range from {
		g := EventGroup{Key: key, From: p.at, FromID: p.id}
		// An article published at the zero time would make From zero:
		// such a group is merged again whole.
		if p.at.Unix() <= 0 {
			g.From, g.FromID = time.Time{}, 0
		} else {
			ids, err := pgAll(ctx, s.db, scanID, `
				SELECT e.id FROM events e JOIN event_articles ea ON ea.event_id = e.id JOIN articles a ON a.id = ea.article_id
				WHERE e.group_key = $1 AND e.date >= $2
				GROUP BY e.id HAVING MAX(a.published_at) >= $3
				ORDER BY e.id`, key, p.at.Add(-lookback-span).Unix(), p.at.Add(-lookback).Unix())
			if err != nil {
				return nil, fmt.Errorf("store: open events of %s: %w", key, err)
			}
			if ids == nil {
				ids = []int64{} // a partial group with no open event replaces none
			}
			g.Events = ids
		}
		out = append(out, g)
	}
	slices.SortFunc(out, func(a, b EventGroup) int { return strings.Compare(a.Key, b.Key) })
	return out, nil
}

// AllEventGroups implements Store.AllEventGroups.
func (s *Postgres) AllEventGroups(ctx context.Context) ([]EventGroup, error) {
	out, err := pgAll(ctx, s.db, func(sc scanner) (g EventGroup, err error) {
		err = sc.Scan(&g.Key)
		return g, err
	}, `
		SELECT event_key COLLATE "C" FROM articles WHERE event_key != ''
		UNION
		SELECT group_key COLLATE "C" FROM events
		ORDER BY 1`)
	if err != nil {
		return nil, fmt.Errorf("store: event groups: %w", err)
	}
	return out, nil
}

// GroupArticles implements Store.GroupArticles.
func (s *Postgres) GroupArticles(ctx context.Context, g EventGroup) (seeds [][]news.Article, arts []news.Article, err error) {
	const cols = `a.id, a.source_id, s.name, a.url, a.title, a.summary, a.body, a.lang, a.published_at, a.tags`
	if !g.Partial() {
		arts, err = s.mergeArticles(ctx, g, `SELECT 0::bigint, `+cols+` FROM articles a JOIN sources s ON s.id = a.source_id
			WHERE a.event_key = $1 ORDER BY a.published_at, a.id`, g.Key)
		return nil, arts, err
	}
	arts, err = s.mergeArticles(ctx, g, `SELECT 0::bigint, `+cols+` FROM articles a JOIN sources s ON s.id = a.source_id
		WHERE a.event_key = $1 AND (a.published_at > $2 OR a.published_at = $2 AND a.id >= $3)
		ORDER BY a.published_at, a.id`, g.Key, g.From.Unix(), g.FromID)
	if err != nil || len(g.Events) == 0 {
		return nil, arts, err
	}
	members, err := s.mergeArticles(ctx, g, `SELECT ea.event_id, `+cols+` FROM event_articles ea
		JOIN articles a ON a.id = ea.article_id JOIN sources s ON s.id = a.source_id
		WHERE ea.event_id = ANY($1) ORDER BY ea.event_id, a.published_at, a.id`, g.Events)
	if err != nil {
		return nil, nil, err
	}
	return seedsOf(g, members), arts, nil
}

// mergeArticles reads articles for merging; the first column is an event
// ID, kept in Event.
func (s *Postgres) mergeArticles(ctx context.Context, g EventGroup, q string, args ...any) ([]news.Article, error) {
	out, err := pgAll(ctx, s.db, scanMergeArticle, q, args...)
	if err != nil {
		return nil, fmt.Errorf("store: articles of event group %s: %w", g.Key, err)
	}
	return out, nil
}

// RekeyArticles implements Store.RekeyArticles.
func (s *Postgres) RekeyArticles(ctx context.Context) (int, error) {
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
		rows, err := pgAll(ctx, s.db, scan, `SELECT id, event_key, tags FROM articles WHERE id > $1 ORDER BY id LIMIT 2000`, after)
		if err != nil {
			return changed, fmt.Errorf("store: rekey articles: %w", err)
		}
		if len(rows) == 0 {
			return changed, nil
		}
		after = rows[len(rows)-1].id
		var ids []int64
		var keys []string
		for _, r := range rows {
			var t news.Tags
			if err := json.Unmarshal([]byte(r.tags), &t); err != nil {
				continue // an article whose tags do not decode has no event
			}
			if key := t.EventKey(); key != r.key {
				ids, keys = append(ids, r.id), append(keys, key)
			}
		}
		if len(ids) > 0 {
			_, err := s.db.Exec(ctx, `UPDATE articles AS a SET event_key = v.key FROM unnest($1::bigint[], $2::text[]) AS v(id, key)
				WHERE a.id = v.id`, ids, keys)
			if err != nil {
				return changed, fmt.Errorf("store: rekey articles: %w", err)
			}
			changed += len(ids)
		}
	}
}

// ReplaceEvents implements Store.ReplaceEvents. It runs under one
// advisory lock (lockEvents) for the whole store, not one per group: an
// article that a re-classification moved is in an event of its old group
// and goes to one of its new group, so two replacements of different
// groups can still meet on it. Merging runs on one node anyway; the lock
// makes a second one wait, then read the events the first left.
func (s *Postgres) ReplaceEvents(ctx context.Context, groups []EventGroup, evs []news.Event, mark *EventsMark, now time.Time) (EventChanges, error) {
	var ch EventChanges
	err := s.tx(ctx, func(tx pgx.Tx) error {
		ch = EventChanges{}
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1, 0)`, lockEvents); err != nil {
			return err
		}
		olds, err := pgOldEvents(ctx, tx, groups)
		if err != nil {
			return err
		}
		oldIDs := make([]int64, len(olds.all))
		for i, o := range olds.all {
			oldIDs[i] = o.id
		}
		if len(oldIDs) > 0 {
			if _, err := tx.Exec(ctx, `DELETE FROM event_articles WHERE event_id = ANY($1)`, oldIDs); err != nil {
				return err
			}
		}
		// touched are the articles whose event changed.
		touched := map[int64]bool{}
		for i := range evs {
			e := &evs[i]
			best := olds.closest(e)
			created, changed, err := pgWriteEvent(ctx, tx, e, best, now)
			if err != nil {
				return err
			}
			switch {
			case created:
				ch.Created++
			case changed:
				ch.Updated++
				for a := range best.articles {
					touched[a] = true
				}
			}
			arts := make([]int64, len(e.Articles))
			for k, a := range e.Articles {
				arts[k] = a.ID
				if created || changed {
					touched[a.ID] = true
				}
			}
			if _, err := tx.Exec(ctx, `INSERT INTO event_articles (event_id, article_id) SELECT $1, unnest($2::bigint[])`, e.ID, arts); err != nil {
				return fmt.Errorf("event %d: %w", e.ID, err)
			}
		}
		var gone []int64
		for _, o := range olds.all {
			if o.taken {
				continue
			}
			gone = append(gone, o.id)
			for a := range o.articles {
				touched[a] = true
			}
			ch.Deleted++
		}
		if len(gone) > 0 {
			if _, err := tx.Exec(ctx, `DELETE FROM events WHERE id = ANY($1)`, gone); err != nil {
				return err
			}
		}
		// The index holds each article's event: the articles of events
		// that changed are written again.
		ids := make([]int64, 0, len(touched))
		for a := range touched {
			ids = append(ids, a)
		}
		slices.Sort(ids)
		ch.Rewritten = len(ids)
		if len(ids) == 0 && mark == nil {
			return nil
		}
		// The rows first, in ID order, then the counter (takeSeqs): the
		// counter's holder never waits for a row another writer holds.
		if _, err := tx.Exec(ctx, `SELECT 1 FROM articles WHERE id = ANY($1) ORDER BY id FOR NO KEY UPDATE`, ids); err != nil {
			return err
		}
		first, err := takeSeqs(ctx, tx, len(ids))
		if err != nil {
			return err
		}
		seqs := make([]int64, len(ids))
		for i := range ids {
			seqs[i] = first + int64(i)
		}
		if err := setSeqs(ctx, tx, ids, seqs); err != nil {
			return err
		}
		if mark == nil {
			return nil
		}
		// With the counter locked, no one else writes between the number
		// read and the commit.
		before := first - 1
		done := mark.Seq
		if before == mark.Expect {
			done = before + int64(len(ids))
		}
		if _, err := tx.Exec(ctx, `UPDATE counters SET value = $1 WHERE name = 'events_seq'`, done); err != nil {
			return err
		}
		_, err = tx.Exec(ctx, `UPDATE meta SET value = $1 WHERE key = 'events_version'`, mark.Version)
		return err
	})
	if err != nil {
		return ch, fmt.Errorf("store: replace events: %w", err)
	}
	return ch, nil
}

// pgOldEvents reads the events that ReplaceEvents replaces, as oldEvents
// does for SQLite.
func pgOldEvents(ctx context.Context, tx pgx.Tx, groups []EventGroup) (oldSet, error) {
	set := oldSet{byArticle: map[int64]*oldEvent{}}
	type link struct {
		id, article int64
		sig         string
	}
	for _, g := range groups {
		where, arg := `e.group_key = $1`, any(g.Key)
		if g.Partial() {
			where, arg = `e.id = ANY($1)`, g.Events
		}
		links, err := pgAll(ctx, tx, func(sc scanner) (l link, err error) {
			err = sc.Scan(&l.id, &l.article, &l.sig)
			return l, err
		}, `SELECT e.id, COALESCE(ea.article_id, 0), e.fields || e.provenance || e.status || e.layer || e.primary_company || e.sources || e.date
			FROM events e LEFT JOIN event_articles ea ON ea.event_id = e.id
			WHERE `+where+` ORDER BY e.id`, arg)
		if err != nil {
			return set, err
		}
		var cur *oldEvent
		for _, l := range links {
			if cur == nil || cur.id != l.id {
				cur = &oldEvent{id: l.id, articles: map[int64]bool{}, sig: l.sig}
				set.all = append(set.all, cur)
			}
			if l.article != 0 {
				cur.articles[l.article] = true
				set.byArticle[l.article] = cur
			}
		}
	}
	return set, nil
}

// pgWriteEvent stores e as writeEvent does for SQLite.
func pgWriteEvent(ctx context.Context, tx pgx.Tx, e *news.Event, old *oldEvent, now time.Time) (created, changed bool, err error) {
	fields, err := json.Marshal(e.Fields)
	if err != nil {
		return false, false, err
	}
	prov, err := json.Marshal(e.Provenance)
	if err != nil {
		return false, false, err
	}
	cols := []any{string(e.Type), e.Key, e.PrimaryCompany, string(e.Layer), string(e.Status), e.Date.Unix(),
		string(fields), string(prov), e.Sources, e.Fields.AmountUSD, e.Fields.Round, e.Fields.Acquirer, e.Fields.Target}
	if old == nil {
		err = tx.QueryRow(ctx, `INSERT INTO events (type, group_key, primary_company, layer, status, date,
				fields, provenance, sources, amount_usd, round, acquirer, target, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING id`, append(cols, now.Unix(), now.Unix())...).Scan(&e.ID)
		return true, false, err
	}
	old.taken = true
	e.ID = old.id
	if !old.changedBy(e, fields, prov) {
		return false, false, nil
	}
	_, err = tx.Exec(ctx, `UPDATE events SET type = $1, group_key = $2, primary_company = $3, layer = $4, status = $5, date = $6,
			fields = $7, provenance = $8, sources = $9, amount_usd = $10, round = $11, acquirer = $12, target = $13, updated_at = $14
		WHERE id = $15`, append(cols, now.Unix(), e.ID)...)
	return false, true, err
}

// ResetEvents implements Store.ResetEvents.
func (s *Postgres) ResetEvents(ctx context.Context) error {
	if _, err := s.db.Exec(ctx, `UPDATE meta SET value = '' WHERE key = 'events_version'`); err != nil {
		return fmt.Errorf("store: reset events: %w", err)
	}
	return nil
}

// EventIntegrity implements Store.EventIntegrity.
func (s *Postgres) EventIntegrity(ctx context.Context) (empty, unassigned int, err error) {
	err = s.db.QueryRow(ctx, `SELECT
		(SELECT COUNT(*) FROM events e WHERE NOT EXISTS (SELECT 1 FROM event_articles ea WHERE ea.event_id = e.id)),
		(SELECT COUNT(*) FROM articles a WHERE a.event_key != '' AND NOT EXISTS (SELECT 1 FROM event_articles ea WHERE ea.article_id = a.id))`).
		Scan(&empty, &unassigned)
	if err != nil {
		return 0, 0, fmt.Errorf("store: event integrity: %w", err)
	}
	return empty, unassigned, nil
}

// Events implements Store.Events.
func (s *Postgres) Events(ctx context.Context, f EventFilter) ([]news.Event, error) {
	var where []string
	var args []any
	arg := func(v any) string {
		args = append(args, v)
		return "$" + strconv.Itoa(len(args))
	}
	if !f.Since.IsZero() {
		where = append(where, "e.date >= "+arg(f.Since.Unix()))
	}
	if !f.Until.IsZero() {
		where = append(where, "e.date <= "+arg(f.Until.Unix()))
	}
	if !f.CreatedAfter.IsZero() {
		where = append(where, "e.created_at > "+arg(f.CreatedAfter.Unix()))
	}
	if !f.CreatedUntil.IsZero() {
		where = append(where, "e.created_at <= "+arg(f.CreatedUntil.Unix()))
	}
	if len(f.Types) > 0 {
		where = append(where, "e.type = ANY("+arg(strs(f.Types))+")")
	}
	if len(f.Layers) > 0 {
		where = append(where, "e.layer = ANY("+arg(strs(f.Layers))+")")
	}
	if len(f.Companies) > 0 {
		lower := make([]string, len(f.Companies))
		for i, c := range f.Companies {
			lower[i] = strings.ToLower(c)
		}
		p := arg(lower)
		where = append(where, "(lower(e.primary_company) = ANY("+p+") OR lower(e.acquirer) = ANY("+p+") OR lower(e.target) = ANY("+p+"))")
	}
	if f.MinAmountUSD > 0 {
		where = append(where, "e.amount_usd >= "+arg(f.MinAmountUSD))
	}
	if len(f.IDs) > 0 {
		where = append(where, "e.id = ANY("+arg(f.IDs)+")")
	}
	q := `SELECT ` + eventColumns + ` FROM events e`
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	if f.Oldest {
		q += " ORDER BY e.date, e.id"
	} else {
		q += " ORDER BY e.date DESC, e.id DESC"
	}
	if f.Limit > 0 {
		q += " LIMIT " + strconv.Itoa(f.Limit) + " OFFSET " + strconv.Itoa(f.Offset)
	}
	out, err := pgAll(ctx, s.db, scanEvent, q, args...)
	if err != nil {
		return nil, fmt.Errorf("store: events: %w", err)
	}
	if len(out) == 0 {
		return out, nil
	}
	pos := make(map[int64]int, len(out))
	ids := make([]int64, len(out))
	for i, e := range out {
		pos[e.ID], ids[i] = i, e.ID
	}
	type member struct {
		event int64
		news.EventArticle
	}
	members, err := pgAll(ctx, s.db, func(sc scanner) (m member, err error) {
		var published int64
		err = sc.Scan(&m.event, &m.ID, &m.Source, &m.Title, &m.URL, &m.Lang, &published, &m.Status)
		m.Published = fromUnix(published)
		return m, err
	}, `
		SELECT ea.event_id, a.id, s.name, a.title, a.url, a.lang, a.published_at, a.status
		FROM event_articles ea JOIN articles a ON a.id = ea.article_id JOIN sources s ON s.id = a.source_id
		WHERE ea.event_id = ANY($1)
		ORDER BY a.published_at, a.id`, ids)
	if err != nil {
		return nil, fmt.Errorf("store: event articles: %w", err)
	}
	for _, m := range members {
		e := &out[pos[m.event]]
		e.Articles = append(e.Articles, m.EventArticle)
	}
	return out, nil
}

// Event implements Store.Event.
func (s *Postgres) Event(ctx context.Context, id int64) (news.Event, error) {
	evs, err := s.Events(ctx, EventFilter{IDs: []int64{id}})
	if err != nil {
		return news.Event{}, err
	}
	if len(evs) == 0 {
		return news.Event{}, ErrNotFound
	}
	return evs[0], nil
}

// CountEvents implements Store.CountEvents.
func (s *Postgres) CountEvents(ctx context.Context) (int, error) {
	var n int
	if err := s.db.QueryRow(ctx, `SELECT COUNT(*) FROM events`).Scan(&n); err != nil {
		return 0, fmt.Errorf("store: count events: %w", err)
	}
	return n, nil
}

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
	if limit > 0 {
		q += ` LIMIT ` + strconv.Itoa(limit)
	}
	type row struct {
		CompanySummary
		lastRound *int64
	}
	rows, err := pgAll(ctx, s.db, func(sc scanner) (r row, err error) {
		r.CompanySummary, err = scanSummary(sc, &r.lastRound)
		return r, err
	}, q, args...)
	if err != nil {
		return nil, fmt.Errorf("store: companies: %w", err)
	}
	out := make([]CompanySummary, len(rows))
	for i, r := range rows {
		out[i] = r.CompanySummary
		if r.lastRound == nil {
			continue
		}
		e, err := s.Event(ctx, *r.lastRound)
		if err != nil && !errors.Is(err, ErrNotFound) {
			return nil, err
		}
		if err == nil {
			out[i].LastRound = &e
		}
	}
	return out, nil
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

// Monthly implements Store.Monthly.
func (s *Postgres) Monthly(ctx context.Context, since time.Time, by string, types ...news.EventType) ([]MonthCount, error) {
	col := "layer"
	if by == "type" {
		col = "type"
	}
	q := `SELECT to_char(to_timestamp(date) AT TIME ZONE 'UTC', 'YYYY-MM'), ` + col + ` COLLATE "C", COUNT(*), SUM(amount_usd)
		FROM events WHERE date >= $1`
	args := []any{since.Unix()}
	if len(types) > 0 {
		q += ` AND type = ANY($2)`
		args = append(args, strs(types))
	}
	out, err := pgAll(ctx, s.db, func(sc scanner) (m MonthCount, err error) {
		err = sc.Scan(&m.Month, &m.Key, &m.Events, &m.AmountUSD)
		return m, err
	}, q+` GROUP BY 1, 2 ORDER BY 1, 2`, args...)
	if err != nil {
		return nil, fmt.Errorf("store: monthly events: %w", err)
	}
	return out, nil
}
