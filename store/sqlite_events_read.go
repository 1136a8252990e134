package store

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/aitracker/aitracker/news"
)

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
	in := func(col string, vals []any) {
		if len(vals) > 0 {
			where, args = append(where, col+" IN ("+marks(len(vals))+")"), append(args, vals...)
		}
	}
	in("e.type", anys(f.Types))
	in("e.layer", anys(f.Layers))
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
	in("e.id", anys(f.IDs))
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
	out, err := queryAll(ctx, s.r, scanEvent, q, args...)
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
func (s *SQLite) eventArticles(ctx context.Context, evs []news.Event) error {
	pos := make(map[int64]int, len(evs))
	for i, e := range evs {
		pos[e.ID] = i
	}
	type member struct {
		event int64
		news.EventArticle
	}
	scan := func(sc scanner) (m member, err error) {
		var published int64
		err = sc.Scan(&m.event, &m.ID, &m.Source, &m.Title, &m.URL, &m.Lang, &published, &m.Status)
		m.Published = fromUnix(published)
		return m, err
	}
	// SQLite caps the parameters of a statement: ask in chunks.
	for start := 0; start < len(evs); start += 500 {
		chunk := evs[start:min(start+500, len(evs))]
		args := make([]any, len(chunk))
		for i, e := range chunk {
			args[i] = e.ID
		}
		members, err := queryAll(ctx, s.r, scan, `
			SELECT ea.event_id, a.id, s.name, a.title, a.url, a.lang, a.published_at, a.status
			FROM event_articles ea JOIN articles a ON a.id = ea.article_id JOIN sources s ON s.id = a.source_id
			WHERE ea.event_id IN (`+marks(len(chunk))+`)
			ORDER BY a.published_at, a.id`, args...)
		if err != nil {
			return fmt.Errorf("store: event articles: %w", err)
		}
		for _, m := range members {
			e := &evs[pos[m.event]]
			e.Articles = append(e.Articles, m.EventArticle)
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
