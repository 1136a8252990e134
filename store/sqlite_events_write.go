package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/aitracker/aitracker/news"
)

// idList is a JSON array of IDs, for json_each.
func idList(ids []int64) string {
	b, _ := json.Marshal(ids)
	return string(b)
}

// ReplaceEvents implements Store.ReplaceEvents.
func (s *SQLite) ReplaceEvents(ctx context.Context, groups []EventGroup, evs []news.Event, mark *EventsMark, now time.Time) (EventChanges, error) {
	var ch EventChanges
	err := s.tx(ctx, func(tx *sql.Tx) error {
		olds, err := oldEvents(ctx, tx, groups)
		if err != nil {
			return err
		}
		for _, o := range olds.all {
			if _, err := tx.ExecContext(ctx, `DELETE FROM event_articles WHERE event_id = ?`, o.id); err != nil {
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
			for _, a := range e.Articles {
				if created || changed {
					touched[a.ID] = true
				}
				if _, err := tx.ExecContext(ctx, `INSERT INTO event_articles (event_id, article_id) VALUES (?, ?)`, e.ID, a.ID); err != nil {
					return fmt.Errorf("event %d, article %d: %w", e.ID, a.ID, err)
				}
			}
		}
		for _, o := range olds.all {
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
		if err := rewrite(ctx, tx, ids...); err != nil {
			return err
		}
		ch.Rewritten = len(ids)
		if mark == nil {
			return nil
		}
		done := mark.Seq
		if before == mark.Expect {
			done = before + int64(len(ids))
		}
		if _, err := tx.ExecContext(ctx, `UPDATE meta SET value = ? WHERE key = 'events_seq'`, strconv.FormatInt(done, 10)); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE meta SET value = ? WHERE key = 'events_version'`, mark.Version)
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
func oldEvents(ctx context.Context, tx *sql.Tx, groups []EventGroup) (oldSet, error) {
	set := oldSet{byArticle: map[int64]*oldEvent{}}
	type link struct {
		id, article int64
		sig         string
	}
	for _, g := range groups {
		where, arg := `e.group_key = ?`, any(g.Key)
		if g.Partial() {
			where, arg = `e.id IN (SELECT value FROM json_each(?))`, idList(g.Events)
		}
		links, err := queryAll(ctx, tx, func(sc scanner) (l link, err error) {
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
func writeEvent(ctx context.Context, tx *sql.Tx, e *news.Event, old *oldEvent, now time.Time) (created, changed bool, err error) {
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
		err = tx.QueryRowContext(ctx, `INSERT INTO events (type, group_key, primary_company, layer, status, date,
				fields, provenance, sources, amount_usd, round, acquirer, target, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`, append(cols, now.Unix(), now.Unix())...).Scan(&e.ID)
		return true, false, err
	}
	old.taken = true
	e.ID = old.id
	if !old.changedBy(e, fields, prov) {
		return false, false, nil
	}
	_, err = tx.ExecContext(ctx, `UPDATE events SET type = ?, group_key = ?, primary_company = ?, layer = ?, status = ?, date = ?,
			fields = ?, provenance = ?, sources = ?, amount_usd = ?, round = ?, acquirer = ?, target = ?, updated_at = ?
		WHERE id = ?`, append(cols, now.Unix(), e.ID)...)
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
func (s *SQLite) ResetEvents(ctx context.Context) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `UPDATE meta SET value = '' WHERE key = 'events_version'`)
		return err
	})
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
