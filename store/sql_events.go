package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/aitracker/aitracker/news"
)

// EventsState implements Store.EventsState.
func (s *sqlStore) EventsState(ctx context.Context) (seq int64, version string, err error) {
	err = s.read.queryRow(ctx, `SELECT
		`+s.read.dialect().counter("events_seq")+`,
		(SELECT value FROM meta WHERE key = 'events_version')`).Scan(&seq, &version)
	if err != nil {
		return 0, "", fmt.Errorf("store: events state: %w", err)
	}
	return seq, version, nil
}

// DirtyEventGroups implements Store.DirtyEventGroups.
func (s *sqlStore) DirtyEventGroups(ctx context.Context, after, upto int64, lookback, span time.Duration) ([]EventGroup, error) {
	type point struct {
		at time.Time
		id int64
	}
	from := map[string]point{}
	type change struct {
		key string
		point
	}
	changes, err := all(ctx, s.read, func(sc scanner) (c change, err error) {
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
func (s *sqlStore) openEvents(ctx context.Context, key string, from time.Time, lookback, span time.Duration) ([]int64, error) {
	ids, err := all(ctx, s.read, scanID, `
		SELECT e.id FROM events e JOIN event_articles ea ON ea.event_id = e.id JOIN articles a ON a.id = ea.article_id
		WHERE e.group_key = $1 AND e.date >= $2
		GROUP BY e.id HAVING MAX(a.published_at) >= $3
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
func (s *sqlStore) AllEventGroups(ctx context.Context) ([]EventGroup, error) {
	binary := s.read.dialect().binary
	out, err := all(ctx, s.read, func(sc scanner) (g EventGroup, err error) {
		err = sc.Scan(&g.Key)
		return g, err
	}, `
		SELECT event_key`+binary+` FROM articles WHERE event_key != ''
		UNION
		SELECT group_key`+binary+` FROM events
		ORDER BY 1`)
	if err != nil {
		return nil, fmt.Errorf("store: event groups: %w", err)
	}
	return out, nil
}

// GroupArticles implements Store.GroupArticles.
func (s *sqlStore) GroupArticles(ctx context.Context, g EventGroup) (seeds [][]news.Article, arts []news.Article, err error) {
	const cols = `a.id, a.source_id, s.name, a.url, a.title, a.summary, a.body, a.lang, a.published_at, a.tags`
	if !g.Partial() {
		arts, err = s.mergeArticles(ctx, g, `SELECT CAST(0 AS BIGINT), `+cols+` FROM articles a JOIN sources s ON s.id = a.source_id
			WHERE a.event_key = $1 ORDER BY a.published_at, a.id`, g.Key)
		return nil, arts, err
	}
	arts, err = s.mergeArticles(ctx, g, `SELECT CAST(0 AS BIGINT), `+cols+` FROM articles a JOIN sources s ON s.id = a.source_id
		WHERE a.event_key = $1 AND (a.published_at > $2 OR a.published_at = $2 AND a.id >= $3)
		ORDER BY a.published_at, a.id`, g.Key, g.From.Unix(), g.FromID)
	if err != nil || len(g.Events) == 0 {
		return nil, arts, err
	}
	var a args
	members, err := s.mergeArticles(ctx, g, `SELECT ea.event_id, `+cols+` FROM event_articles ea
		JOIN articles a ON a.id = ea.article_id JOIN sources s ON s.id = a.source_id
		WHERE `+s.read.dialect().in(&a, "ea.event_id", g.Events)+` ORDER BY ea.event_id, a.published_at, a.id`, a...)
	if err != nil {
		return nil, nil, err
	}
	return seedsOf(g, members), arts, nil
}

// mergeArticles reads articles for merging; the first column is an event
// ID, kept in Event.
func (s *sqlStore) mergeArticles(ctx context.Context, g EventGroup, q string, args ...any) ([]news.Article, error) {
	out, err := all(ctx, s.read, scanMergeArticle, q, args...)
	if err != nil {
		return nil, fmt.Errorf("store: articles of event group %s: %w", g.Key, err)
	}
	return out, nil
}

// RekeyArticles implements Store.RekeyArticles.
func (s *sqlStore) RekeyArticles(ctx context.Context) (int, error) {
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
		rows, err := all(ctx, s.read, scan, `SELECT id, event_key, tags FROM articles WHERE id > $1 ORDER BY id LIMIT 2000`, after)
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
			if err := s.setEventKeys(ctx, ids, keys); err != nil {
				return changed, fmt.Errorf("store: rekey articles: %w", err)
			}
			changed += len(ids)
		}
	}
}

// ReplaceEvents implements Store.ReplaceEvents. On PostgreSQL it runs
// under one advisory lock (lockEvents) for the whole store, not one per
// group: an article that a re-classification moved is in an event of its
// old group and goes to one of its new group, so two replacements of
// different groups can still meet on it. Merging runs on one node
// anyway; the lock makes a second one wait, then read the events the
// first left.
func (s *sqlStore) ReplaceEvents(ctx context.Context, groups []EventGroup, evs []news.Event, mark *EventsMark, now time.Time) (EventChanges, error) {
	var ch EventChanges
	err := s.inTx(ctx, func(tx db) error {
		ch = EventChanges{}
		d := tx.dialect()
		if err := lock(ctx, tx, lockEvents); err != nil {
			return err
		}
		olds, err := oldEvents(ctx, tx, groups)
		if err != nil {
			return err
		}
		oldIDs := make([]int64, len(olds.all))
		for i, o := range olds.all {
			oldIDs[i] = o.id
		}
		if len(oldIDs) > 0 {
			var a args
			if _, err := tx.exec(ctx, `DELETE FROM event_articles WHERE `+d.in(&a, "event_id", oldIDs), a...); err != nil {
				return err
			}
		}
		// touched are the articles whose event changed.
		touched := map[int64]bool{}
		for i := range evs {
			e := &evs[i]
			best := olds.closest(e)
			created, changed, err := writeEvent(ctx, tx, e, best, now)
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
			var a args
			q := `INSERT INTO event_articles (event_id, article_id) SELECT ` + a.add(e.ID) + `, value FROM ` + d.each(&a, arts)
			if _, err := tx.exec(ctx, q, a...); err != nil {
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
			var a args
			if _, err := tx.exec(ctx, `DELETE FROM events WHERE `+d.in(&a, "id", gone), a...); err != nil {
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
		before, err := s.renumber(ctx, tx, ids)
		if err != nil {
			return err
		}
		if mark == nil {
			return nil
		}
		// No one else writes between the number read and the commit.
		done := mark.Seq
		if before == mark.Expect {
			done = before + int64(len(ids))
		}
		if _, err := tx.exec(ctx, d.setCounter("events_seq"), done); err != nil {
			return err
		}
		_, err = tx.exec(ctx, `UPDATE meta SET value = $1 WHERE key = 'events_version'`, mark.Version)
		return err
	})
	if err != nil {
		return ch, fmt.Errorf("store: replace events: %w", err)
	}
	return ch, nil
}

// oldEvent is a stored event that ReplaceEvents replaces: its articles,
// whether a new event took its ID, and a signature of its columns.
type oldEvent struct {
	id       int64
	articles map[int64]bool
	taken    bool
	sig      string
}

// oldSet is the old events of the groups being replaced.
type oldSet struct {
	all       []*oldEvent
	byArticle map[int64]*oldEvent
}

// oldEvents reads the events that ReplaceEvents replaces: every event of
// a whole group, the listed ones of a partial group.
func oldEvents(ctx context.Context, tx db, groups []EventGroup) (oldSet, error) {
	set := oldSet{byArticle: map[int64]*oldEvent{}}
	type link struct {
		id, article int64
		sig         string
	}
	for _, g := range groups {
		var a args
		where := `e.group_key = ` + a.add(g.Key)
		if g.Partial() {
			a = nil
			where = tx.dialect().in(&a, "e.id", g.Events)
		}
		links, err := all(ctx, tx, func(sc scanner) (l link, err error) {
			err = sc.Scan(&l.id, &l.article, &l.sig)
			return l, err
		}, `SELECT e.id, COALESCE(ea.article_id, 0), e.fields || e.provenance || e.status || e.layer || e.primary_company || e.sources || e.date
			FROM events e LEFT JOIN event_articles ea ON ea.event_id = e.id
			WHERE `+where+` ORDER BY e.id`, a...)
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

// closest is the old event not yet taken that shares the most articles
// with e (ties to the lowest ID), nil when none shares any.
func (set oldSet) closest(e *news.Event) *oldEvent {
	overlap := map[*oldEvent]int{}
	for _, a := range e.Articles {
		if o := set.byArticle[a.ID]; o != nil && !o.taken {
			overlap[o]++
		}
	}
	var best *oldEvent
	for o, n := range overlap {
		if best == nil || n > overlap[best] || n == overlap[best] && o.id < best.id {
			best = o
		}
	}
	return best
}

// writeEvent stores e: in place of old, which it takes, when not nil
// (and only if anything changed), else as a new event. It sets e.ID.
func writeEvent(ctx context.Context, tx db, e *news.Event, old *oldEvent, now time.Time) (created, changed bool, err error) {
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
		err = tx.queryRow(ctx, `INSERT INTO events (type, group_key, primary_company, layer, status, date,
				fields, provenance, sources, amount_usd, round, acquirer, target, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING id`, append(cols, now.Unix(), now.Unix())...).Scan(&e.ID)
		return true, false, err
	}
	old.taken = true
	e.ID = old.id
	if !old.changedBy(e, fields, prov) {
		return false, false, nil
	}
	_, err = tx.exec(ctx, `UPDATE events SET type = $1, group_key = $2, primary_company = $3, layer = $4, status = $5, date = $6,
			fields = $7, provenance = $8, sources = $9, amount_usd = $10, round = $11, acquirer = $12, target = $13, updated_at = $14
		WHERE id = $15`, append(cols, now.Unix(), e.ID)...)
	return false, true, err
}

// changedBy reports whether e, taking the ID of old, changes it: its
// articles, or a column an event's page and the index show (the same
// signature as oldEvents reads; fields and prov are e's, encoded).
func (old *oldEvent) changedBy(e *news.Event, fields, prov []byte) bool {
	sig := string(fields) + string(prov) + string(e.Status) + string(e.Layer) + e.PrimaryCompany + strconv.Itoa(e.Sources) + strconv.FormatInt(e.Date.Unix(), 10)
	changed := sig != old.sig || len(old.articles) != len(e.Articles)
	for _, a := range e.Articles {
		changed = changed || !old.articles[a.ID]
	}
	return changed
}

// ResetEvents implements Store.ResetEvents.
func (s *sqlStore) ResetEvents(ctx context.Context) error {
	if _, err := s.write.exec(ctx, `UPDATE meta SET value = '' WHERE key = 'events_version'`); err != nil {
		return fmt.Errorf("store: reset events: %w", err)
	}
	return nil
}

// EventIntegrity implements Store.EventIntegrity.
func (s *sqlStore) EventIntegrity(ctx context.Context) (empty, unassigned int, err error) {
	err = s.read.queryRow(ctx, `SELECT
		(SELECT COUNT(*) FROM events e WHERE NOT EXISTS (SELECT 1 FROM event_articles ea WHERE ea.event_id = e.id)),
		(SELECT COUNT(*) FROM articles a WHERE a.event_key != '' AND NOT EXISTS (SELECT 1 FROM event_articles ea WHERE ea.article_id = a.id))`).
		Scan(&empty, &unassigned)
	if err != nil {
		return 0, 0, fmt.Errorf("store: event integrity: %w", err)
	}
	return empty, unassigned, nil
}

const eventColumns = `e.id, e.type, e.group_key, e.primary_company, e.layer, e.status, e.date, e.fields, e.provenance, e.sources, e.created_at, e.updated_at`

// Events implements Store.Events.
func (s *sqlStore) Events(ctx context.Context, f EventFilter) ([]news.Event, error) {
	d := s.read.dialect()
	var where []string
	var a args
	if !f.Since.IsZero() {
		where = append(where, "e.date >= "+a.add(f.Since.Unix()))
	}
	if !f.Until.IsZero() {
		where = append(where, "e.date <= "+a.add(f.Until.Unix()))
	}
	if !f.CreatedAfter.IsZero() {
		where = append(where, "e.created_at > "+a.add(f.CreatedAfter.Unix()))
	}
	if !f.CreatedUntil.IsZero() {
		where = append(where, "e.created_at <= "+a.add(f.CreatedUntil.Unix()))
	}
	if len(f.Types) > 0 {
		where = append(where, d.in(&a, "e.type", strs(f.Types)))
	}
	if len(f.Layers) > 0 {
		where = append(where, d.in(&a, "e.layer", strs(f.Layers)))
	}
	if len(f.Companies) > 0 {
		var or []string
		for _, c := range f.Companies {
			p := a.add(c)
			or = append(or, d.foldEq("e.primary_company", p)+" OR "+d.foldEq("e.acquirer", p)+" OR "+d.foldEq("e.target", p))
		}
		where = append(where, "("+strings.Join(or, " OR ")+")")
	}
	if f.MinAmountUSD > 0 {
		where = append(where, "e.amount_usd >= "+a.add(f.MinAmountUSD))
	}
	if len(f.IDs) > 0 {
		where = append(where, d.in(&a, "e.id", f.IDs))
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
	out, err := all(ctx, s.read, scanEvent, q, a...)
	if err != nil {
		return nil, fmt.Errorf("store: events: %w", err)
	}
	if err := s.eventArticles(ctx, out); err != nil {
		return nil, err
	}
	return out, nil
}

func scanEvent(sc scanner) (news.Event, error) {
	var e news.Event
	var date, created, updated int64
	var fields, prov string
	err := sc.Scan(&e.ID, &e.Type, &e.Key, &e.PrimaryCompany, &e.Layer, &e.Status, &date, &fields, &prov, &e.Sources, &created, &updated)
	if err != nil {
		return e, err
	}
	e.Date, e.Created, e.Updated = fromUnix(date), fromUnix(created), fromUnix(updated)
	if err := json.Unmarshal([]byte(fields), &e.Fields); err != nil {
		return e, fmt.Errorf("event %d: bad fields: %w", e.ID, err)
	}
	if err := json.Unmarshal([]byte(prov), &e.Provenance); err != nil {
		return e, fmt.Errorf("event %d: bad provenance: %w", e.ID, err)
	}
	return e, nil
}

// eventArticles fills in the articles of each event, earliest first.
func (s *sqlStore) eventArticles(ctx context.Context, evs []news.Event) error {
	if len(evs) == 0 {
		return nil
	}
	pos := make(map[int64]int, len(evs))
	ids := make([]int64, len(evs))
	for i, e := range evs {
		pos[e.ID], ids[i] = i, e.ID
	}
	type member struct {
		event int64
		news.EventArticle
	}
	var a args
	members, err := all(ctx, s.read, func(sc scanner) (m member, err error) {
		var published int64
		err = sc.Scan(&m.event, &m.ID, &m.Source, &m.Title, &m.URL, &m.Lang, &published, &m.Status)
		m.Published = fromUnix(published)
		return m, err
	}, `
		SELECT ea.event_id, a.id, s.name, a.title, a.url, a.lang, a.published_at, a.status
		FROM event_articles ea JOIN articles a ON a.id = ea.article_id JOIN sources s ON s.id = a.source_id
		WHERE `+s.read.dialect().in(&a, "ea.event_id", ids)+`
		ORDER BY a.published_at, a.id`, a...)
	if err != nil {
		return fmt.Errorf("store: event articles: %w", err)
	}
	for _, m := range members {
		e := &evs[pos[m.event]]
		e.Articles = append(e.Articles, m.EventArticle)
	}
	return nil
}

// Event implements Store.Event.
func (s *sqlStore) Event(ctx context.Context, id int64) (news.Event, error) {
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
func (s *sqlStore) CountEvents(ctx context.Context) (int, error) {
	var n int
	if err := s.read.queryRow(ctx, `SELECT COUNT(*) FROM events`).Scan(&n); err != nil {
		return 0, fmt.Errorf("store: count events: %w", err)
	}
	return n, nil
}

// Monthly implements Store.Monthly.
func (s *sqlStore) Monthly(ctx context.Context, since time.Time, by string, types ...news.EventType) ([]MonthCount, error) {
	d := s.read.dialect()
	col := "layer"
	if by == "type" {
		col = "type"
	}
	var a args
	q := `SELECT ` + d.month("date") + `, ` + col + d.binary + `, COUNT(*), SUM(amount_usd) FROM events WHERE date >= ` + a.add(since.Unix())
	if len(types) > 0 {
		q += ` AND ` + d.in(&a, "type", strs(types))
	}
	out, err := all(ctx, s.read, func(sc scanner) (m MonthCount, err error) {
		err = sc.Scan(&m.Month, &m.Key, &m.Events, &m.AmountUSD)
		return m, err
	}, q+` GROUP BY 1, 2 ORDER BY 1, 2`, a...)
	if err != nil {
		return nil, fmt.Errorf("store: monthly events: %w", err)
	}
	return out, nil
}

// companies reads the companies q selects (scanCompanyRow's columns), at
// most limit when it is positive, each with its latest funding round.
func (s *sqlStore) companies(ctx context.Context, q string, limit int, args ...any) ([]CompanySummary, error) {
	if limit > 0 {
		q += ` LIMIT ` + strconv.Itoa(limit)
	}
	rows, err := all(ctx, s.read, scanCompanyRow, q, args...)
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

// companyRow is a company's aggregates and the ID of its latest funding
// event, if any.
type companyRow struct {
	CompanySummary
	lastRound sql.NullInt64
}

func scanCompanyRow(sc scanner) (r companyRow, err error) {
	r.CompanySummary, err = scanSummary(sc, &r.lastRound)
	return r, err
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
