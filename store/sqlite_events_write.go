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
