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

// EventGroup is the set of articles that may merge into events: those
// with one event key (news.Tags.EventKey: an event class and a company).
type EventGroup struct {
	Key string
	// From, when not zero, is where an update of the group starts: its
	// earliest change, as a publication time and an article ID. Merging
	// goes on from there (events.MergeFrom), and only Events, the events
	// still open at that point or holding reports from it on, are
	// replaced; the group's older events stay as they are.
	From   time.Time
	FromID int64
	Events []int64
}

// Partial reports whether the group is updated from a point on rather
// than merged again whole.
func (g EventGroup) Partial() bool { return !g.From.IsZero() }

// before reports whether an article published at t with ID id comes
// before the group's starting point.
func (g EventGroup) before(t time.Time, id int64) bool {
	return t.Before(g.From) || t.Equal(g.From) && id < g.FromID
}

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

// EventChanges counts what ReplaceEvents did.
type EventChanges struct {
	Created, Updated, Deleted int
	// Rewritten counts the articles given new sequence numbers because
	// their event changed, so that the index learns it.
	Rewritten int
}

// EventsMark says how far a ReplaceEvents call brings the events: every
// article written up to sequence number Seq, by the rules of Version.
// Expect is the store's sequence number the caller expects before the
// call (Seq plus the articles earlier calls of the same update rewrote):
// when it matches, the articles this call rewrites are known to be done
// and the mark moves past them too.
type EventsMark struct {
	Seq, Expect int64
	Version     string
}

// idList is a JSON array of IDs, for json_each.
func idList(ids []int64) string {
	b, _ := json.Marshal(ids)
	return string(b)
}

// ReplaceEvents implements Store.ReplaceEvents.
func (s *SQLite) ReplaceEvents(ctx context.Context, groups []EventGroup, evs []news.Event, mark *EventsMark, now time.Time) (EventChanges, error) {
	var ch EventChanges
	err := s.tx(ctx, func(tx *sql.Tx) error {
		// The old events of these groups and their articles.
		type old struct {
			id       int64
			articles map[int64]bool
			taken    bool
			sig      string
		}
		olds := map[string][]*old{}
		byArticle := map[int64]*old{}
		for _, g := range groups {
			where, arg := `e.group_key = ?`, any(g.Key)
			if g.Partial() {
				where, arg = `e.id IN (SELECT value FROM json_each(?))`, idList(g.Events)
			}
			rows, err := tx.QueryContext(ctx, `SELECT e.id, COALESCE(ea.article_id, 0), e.fields || e.provenance || e.status || e.layer || e.primary_company || e.sources || e.date
				FROM events e LEFT JOIN event_articles ea ON ea.event_id = e.id
				WHERE `+where+` ORDER BY e.id`, arg)
			if err != nil {
				return err
			}
			var cur *old
			for rows.Next() {
				var id, art int64
				var sig string
				if err := rows.Scan(&id, &art, &sig); err != nil {
					rows.Close()
					return err
				}
				if cur == nil || cur.id != id {
					cur = &old{id: id, articles: map[int64]bool{}, sig: sig}
					olds[g.Key] = append(olds[g.Key], cur)
				}
				if art != 0 {
					cur.articles[art] = true
					byArticle[art] = cur
				}
			}
			rows.Close()
			if err := rows.Err(); err != nil {
				return err
			}
		}
		for _, g := range groups {
			for _, o := range olds[g.Key] {
				if _, err := tx.ExecContext(ctx, `DELETE FROM event_articles WHERE event_id = ?`, o.id); err != nil {
					return err
				}
			}
		}
		touched := map[int64]bool{}
		for i := range evs {
			e := &evs[i]
			// The old event sharing the most articles.
			overlap := map[*old]int{}
			for _, a := range e.Articles {
				if o := byArticle[a.ID]; o != nil && !o.taken {
					overlap[o]++
				}
			}
			var best *old
			for o, n := range overlap {
				if best == nil || n > overlap[best] || n == overlap[best] && o.id < best.id {
					best = o
				}
			}
			fields, err := json.Marshal(e.Fields)
			if err != nil {
				return err
			}
			prov, err := json.Marshal(e.Provenance)
			if err != nil {
				return err
			}
			sig := string(fields) + string(prov) + string(e.Status) + string(e.Layer) + e.PrimaryCompany + strconv.Itoa(e.Sources) + strconv.FormatInt(e.Date.Unix(), 10)
			cols := []any{string(e.Type), e.Key, e.PrimaryCompany, string(e.Layer), string(e.Status), e.Date.Unix(),
				string(fields), string(prov), e.Sources, e.Fields.AmountUSD, e.Fields.Round, e.Fields.Acquirer, e.Fields.Target}
			if best != nil {
				best.taken = true
				e.ID = best.id
				changed := sig != best.sig || len(best.articles) != len(e.Articles)
				for _, a := range e.Articles {
					changed = changed || !best.articles[a.ID]
				}
				if changed {
					for a := range best.articles {
						touched[a] = true
					}
					for _, a := range e.Articles {
						touched[a.ID] = true
					}
					_, err = tx.ExecContext(ctx, `UPDATE events SET type = ?, group_key = ?, primary_company = ?, layer = ?, status = ?, date = ?,
						fields = ?, provenance = ?, sources = ?, amount_usd = ?, round = ?, acquirer = ?, target = ?, updated_at = ?
						WHERE id = ?`, append(cols, now.Unix(), e.ID)...)
					ch.Updated++
				}
			} else {
				err = tx.QueryRowContext(ctx, `INSERT INTO events (type, group_key, primary_company, layer, status, date,
						fields, provenance, sources, amount_usd, round, acquirer, target, created_at, updated_at)
					VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`, append(cols, now.Unix(), now.Unix())...).Scan(&e.ID)
				for _, a := range e.Articles {
					touched[a.ID] = true
				}
				ch.Created++
			}
			if err != nil {
				return err
			}
			for _, a := range e.Articles {
				if _, err := tx.ExecContext(ctx, `INSERT INTO event_articles (event_id, article_id) VALUES (?, ?)`, e.ID, a.ID); err != nil {
					return fmt.Errorf("event %d, article %d: %w", e.ID, a.ID, err)
				}
			}
		}
		for _, g := range groups {
			for _, o := range olds[g.Key] {
				if o.taken {
					continue
				}
				if _, err := tx.ExecContext(ctx, `DELETE FROM events WHERE id = ?`, o.id); err != nil {
					return err
				}
				for a := range o.articles {
					touched[a] = true
				}
				ch.Deleted++
			}
		}
		// The index holds each article's event: the articles of events
		// that changed are written again.
		ids := make([]int64, 0, len(touched))
		for a := range touched {
			ids = append(ids, a)
		}
		slices.Sort(ids)
		before, err := nextSeqPeek(ctx, tx)
		if err != nil {
			return err
		}
		ch.Rewritten = len(ids)
		for _, a := range ids {
			seq, err := nextSeq(ctx, tx)
			if err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `UPDATE articles SET seq = ? WHERE id = ?`, seq, a); err != nil {
				return err
			}
		}
		if mark != nil {
			done := mark.Seq
			if before == mark.Expect {
				done = before + int64(len(ids))
			}
			if _, err := tx.ExecContext(ctx, `UPDATE meta SET value = ? WHERE key = 'events_seq'`, strconv.FormatInt(done, 10)); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `UPDATE meta SET value = ? WHERE key = 'events_version'`, mark.Version); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return ch, fmt.Errorf("store: replace events: %w", err)
	}
	return ch, nil
}

// EventFilter selects events. Zero fields select everything.
type EventFilter struct {
	// Since and Until bound the event's date (its first report).
	Since, Until time.Time
	// CreatedAfter and CreatedUntil bound when the event first appeared in
	// the store: (CreatedAfter, CreatedUntil].
	CreatedAfter, CreatedUntil time.Time
	Types                      []news.EventType
	Layers                     []news.Layer
	// Companies match the primary company, the acquirer or the target,
	// ignoring case.
	Companies    []string
	MinAmountUSD float64
	IDs          []int64
	Limit        int
	Offset       int
	// Oldest lists the earliest first; the default is newest first.
	Oldest bool
}

const eventColumns = `e.id, e.type, e.group_key, e.primary_company, e.layer, e.status, e.date, e.fields, e.provenance, e.sources, e.created_at, e.updated_at`

// Events implements Store.Events.
func (s *SQLite) Events(ctx context.Context, f EventFilter) ([]news.Event, error) {
	var where []string
	var args []any
	if !f.Since.IsZero() {
		where, args = append(where, "e.date >= ?"), append(args, f.Since.Unix())
	}
	if !f.Until.IsZero() {
		where, args = append(where, "e.date <= ?"), append(args, f.Until.Unix())
	}
	if !f.CreatedAfter.IsZero() {
		where, args = append(where, "e.created_at > ?"), append(args, f.CreatedAfter.Unix())
	}
	if !f.CreatedUntil.IsZero() {
		where, args = append(where, "e.created_at <= ?"), append(args, f.CreatedUntil.Unix())
	}
	in := func(col string, vals []string) {
		if len(vals) == 0 {
			return
		}
		where = append(where, col+" IN ("+strings.TrimSuffix(strings.Repeat("?,", len(vals)), ",")+")")
		for _, v := range vals {
			args = append(args, v)
		}
	}
	var types, layers []string
	for _, t := range f.Types {
		types = append(types, string(t))
	}
	for _, l := range f.Layers {
		layers = append(layers, string(l))
	}
	in("e.type", types)
	in("e.layer", layers)
	if len(f.Companies) > 0 {
		var or []string
		for _, c := range f.Companies {
			or = append(or, "e.primary_company = ? COLLATE NOCASE OR e.acquirer = ? COLLATE NOCASE OR e.target = ? COLLATE NOCASE")
			args = append(args, c, c, c)
		}
		where = append(where, "("+strings.Join(or, " OR ")+")")
	}
	if f.MinAmountUSD > 0 {
		where, args = append(where, "e.amount_usd >= ?"), append(args, f.MinAmountUSD)
	}
	if len(f.IDs) > 0 {
		where = append(where, "e.id IN ("+strings.TrimSuffix(strings.Repeat("?,", len(f.IDs)), ",")+")")
		for _, id := range f.IDs {
			args = append(args, id)
		}
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
	rows, err := s.r.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("store: events: %w", err)
	}
	defer rows.Close()
	var out []news.Event
	for rows.Next() {
		e, err := scanEvent(rows)
		if err != nil {
			return nil, fmt.Errorf("store: events: %w", err)
		}
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: events: %w", err)
	}
	if err := s.eventArticles(ctx, out); err != nil {
		return nil, err
	}
	return out, nil
}

func scanEvent(sc interface{ Scan(...any) error }) (news.Event, error) {
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
func (s *SQLite) eventArticles(ctx context.Context, evs []news.Event) error {
	pos := make(map[int64]int, len(evs))
	for i, e := range evs {
		pos[e.ID] = i
	}
	for start := 0; start < len(evs); start += 500 {
		chunk := evs[start:min(start+500, len(evs))]
		args := make([]any, len(chunk))
		for i, e := range chunk {
			args[i] = e.ID
		}
		rows, err := s.r.QueryContext(ctx, `
			SELECT ea.event_id, a.id, s.name, a.title, a.url, a.lang, a.published_at, a.status
			FROM event_articles ea JOIN articles a ON a.id = ea.article_id JOIN sources s ON s.id = a.source_id
			WHERE ea.event_id IN (`+strings.TrimSuffix(strings.Repeat("?,", len(chunk)), ",")+`)
			ORDER BY a.published_at, a.id`, args...)
		if err != nil {
			return fmt.Errorf("store: event articles: %w", err)
		}
		for rows.Next() {
			var eid, published int64
			var a news.EventArticle
			if err := rows.Scan(&eid, &a.ID, &a.Source, &a.Title, &a.URL, &a.Lang, &published, &a.Status); err != nil {
				rows.Close()
				return fmt.Errorf("store: event articles: %w", err)
			}
			a.Published = fromUnix(published)
			e := &evs[pos[eid]]
			e.Articles = append(e.Articles, a)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("store: event articles: %w", err)
		}
	}
	return nil
}

// Event implements Store.Event.
func (s *SQLite) Event(ctx context.Context, id int64) (news.Event, error) {
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
func (s *SQLite) CountEvents(ctx context.Context) (int, error) {
	var n int
	if err := s.r.QueryRowContext(ctx, `SELECT COUNT(*) FROM events`).Scan(&n); err != nil {
		return 0, fmt.Errorf("store: count events: %w", err)
	}
	return n, nil
}

// CompanySummary aggregates a company's events.
type CompanySummary struct {
	Name   string     `json:"name"`
	Layer  news.Layer `json:"layer"`
	Events int        `json:"events"`
	// FundingUSD is the sum of the disclosed amounts of its funding rounds,
	// in USD at the rate of each round's year.
	FundingUSD float64 `json:"disclosed_funding_usd"`
	Rounds     int     `json:"funding_rounds"`
	// LastRound is the latest funding event, nil when none.
	LastRound *news.Event `json:"last_round,omitempty"`
	LastEvent time.Time   `json:"last_event"`
}

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

// EventIntegrity implements Store.EventIntegrity.
func (s *SQLite) EventIntegrity(ctx context.Context) (empty, unassigned int, err error) {
	err = s.r.QueryRowContext(ctx, `SELECT
		(SELECT COUNT(*) FROM events e WHERE NOT EXISTS (SELECT 1 FROM event_articles ea WHERE ea.event_id = e.id)),
		(SELECT COUNT(*) FROM articles a WHERE a.event_key != '' AND NOT EXISTS (SELECT 1 FROM event_articles ea WHERE ea.article_id = a.id))`).
		Scan(&empty, &unassigned)
	if err != nil {
		return 0, 0, fmt.Errorf("store: event integrity: %w", err)
	}
	return empty, unassigned, nil
}

// ResetEvents implements Store.ResetEvents.
func (s *SQLite) ResetEvents(ctx context.Context) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `UPDATE meta SET value = '' WHERE key = 'events_version'`)
		return err
	})
}

// MonthCount is one cell of a monthly breakdown: a month ("2026-06"), a
// key (a layer or an event type), how many events and their disclosed
// amounts in USD.
type MonthCount struct {
	Month     string  `json:"month"`
	Key       string  `json:"key"`
	Events    int     `json:"events"`
	AmountUSD float64 `json:"amount_usd"`
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
