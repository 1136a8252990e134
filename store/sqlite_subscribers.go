package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/aitracker/aitracker/news"
)

// AddSubscriber implements Store.AddSubscriber.
func (s *SQLite) AddSubscriber(ctx context.Context, sub *news.Subscriber) error {
	if sub.Created.IsZero() {
		sub.Created = s.now().UTC()
	}
	sub.Status = news.SubscriberActive
	_, err := s.subscribe(ctx, sub, 0)
	return err
}

// AddPending implements Store.AddPending.
func (s *SQLite) AddPending(ctx context.Context, sub *news.Subscriber, resend time.Duration) (bool, error) {
	sub.Status, sub.Created = SubscriberPending, s.now().UTC()
	return s.subscribe(ctx, sub, resend)
}

// subscribe stores sub with its status (active, or pending) and sets its
// ID. An address that is not known yet is added; one that is active is
// ErrExists; any other gets the new settings, unless sub is pending, it
// was too and was asked for less than resend ago: then nothing changes
// and subscribe reports false. An active subscription starts at
// sub.Created; a pending one keeps its start until confirmed.
func (s *SQLite) subscribe(ctx context.Context, sub *news.Subscriber, resend time.Duration) (bool, error) {
	filter, err := json.Marshal(sub.Filter)
	if err != nil {
		return false, fmt.Errorf("store: add subscriber: %w", err)
	}
	now := s.now().UTC()
	var created any // NULL: the row keeps its start
	if sub.Status != SubscriberPending {
		created = sub.Created.Unix()
	}
	send := true
	err = s.tx(ctx, func(tx *sql.Tx) error {
		var id, updated int64
		var status string
		err := tx.QueryRowContext(ctx, `SELECT id, status, updated_at FROM subscribers WHERE email = ? COLLATE NOCASE`, sub.Email).Scan(&id, &status, &updated)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			return tx.QueryRowContext(ctx, `INSERT INTO subscribers (email, filter, frequency, send_at, tz, weekday, status, created_at, updated_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`, sub.Email, string(filter), sub.Frequency, sub.SendAt, sub.TZ,
				int(sub.Weekday), sub.Status, sub.Created.Unix(), now.Unix()).Scan(&sub.ID)
		case err != nil:
			return err
		case status == news.SubscriberActive:
			return ErrExists
		}
		sub.ID = id
		if sub.Status == SubscriberPending && status == SubscriberPending && now.Sub(fromUnix(updated)) < resend {
			send = false
			return nil
		}
		_, err = tx.ExecContext(ctx, `UPDATE subscribers SET filter = ?, frequency = ?, send_at = ?, tz = ?, weekday = ?, status = ?,
			bounces = 0, created_at = COALESCE(?, created_at), updated_at = ? WHERE id = ?`, string(filter), sub.Frequency, sub.SendAt, sub.TZ,
			int(sub.Weekday), sub.Status, created, now.Unix(), id)
		return err
	})
	if errors.Is(err, ErrExists) {
		return false, fmt.Errorf("%w: %s is subscribed", ErrExists, sub.Email)
	}
	if err != nil {
		return false, fmt.Errorf("store: add subscriber: %w", err)
	}
	return send, nil
}

// Confirm implements Store.Confirm.
func (s *SQLite) Confirm(ctx context.Context, id int64) (bool, error) {
	var found bool
	now := s.now().UTC().Unix()
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var status string
		err := tx.QueryRowContext(ctx, `SELECT status FROM subscribers WHERE id = ?`, id).Scan(&status)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		if err != nil {
			return err
		}
		found = true
		if status != SubscriberPending {
			return nil
		}
		_, err = tx.ExecContext(ctx, `UPDATE subscribers SET status = 'active', created_at = ?, updated_at = ? WHERE id = ?`, now, now, id)
		return err
	})
	if err != nil {
		return false, fmt.Errorf("store: confirm subscriber %d: %w", id, err)
	}
	return found, nil
}

const subscriberColumns = `id, email, filter, frequency, send_at, tz, weekday, status, bounces, created_at`

func scanSubscriber(sc scanner) (news.Subscriber, error) {
	var sub news.Subscriber
	var filter string
	var weekday int
	var created int64
	if err := sc.Scan(&sub.ID, &sub.Email, &filter, &sub.Frequency, &sub.SendAt, &sub.TZ, &weekday, &sub.Status, &sub.Bounces, &created); err != nil {
		return sub, err
	}
	sub.Weekday, sub.Created = time.Weekday(weekday), fromUnix(created)
	if err := json.Unmarshal([]byte(filter), &sub.Filter); err != nil {
		return sub, fmt.Errorf("subscriber %d: bad filter: %w", sub.ID, err)
	}
	return sub, nil
}

// Subscribers implements Store.Subscribers.
func (s *SQLite) Subscribers(ctx context.Context, activeOnly bool) ([]news.Subscriber, error) {
	q := `SELECT ` + subscriberColumns + ` FROM subscribers`
	if activeOnly {
		q += ` WHERE status = 'active'`
	}
	out, err := queryAll(ctx, s.r, scanSubscriber, q+` ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("store: subscribers: %w", err)
	}
	return out, nil
}

// Subscriber implements Store.Subscriber.
func (s *SQLite) Subscriber(ctx context.Context, id int64, email string) (news.Subscriber, error) {
	row := s.r.QueryRowContext(ctx, `SELECT `+subscriberColumns+` FROM subscribers WHERE id = ? OR (? = 0 AND email = ? COLLATE NOCASE)`, id, id, email)
	sub, err := scanSubscriber(row)
	if errors.Is(err, sql.ErrNoRows) {
		return sub, ErrNotFound
	}
	if err != nil {
		return sub, fmt.Errorf("store: subscriber: %w", err)
	}
	return sub, nil
}

// RemoveSubscriber implements Store.RemoveSubscriber.
func (s *SQLite) RemoveSubscriber(ctx context.Context, email string) error {
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var id int64
		if err := tx.QueryRowContext(ctx, `SELECT id FROM subscribers WHERE email = ? COLLATE NOCASE`, email).Scan(&id); err != nil {
			if errors.Is(err, sql.ErrNoRows) {
				return ErrNotFound
			}
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM digests_sent WHERE subscriber_id = ?`, id); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `DELETE FROM subscribers WHERE id = ?`, id)
		return err
	})
	if errors.Is(err, ErrNotFound) {
		return fmt.Errorf("%w: no subscriber %s", ErrNotFound, email)
	}
	if err != nil {
		return fmt.Errorf("store: remove subscriber: %w", err)
	}
	return nil
}

// Unsubscribe implements Store.Unsubscribe.
func (s *SQLite) Unsubscribe(ctx context.Context, id int64) (bool, error) {
	var found bool
	err := s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE subscribers SET status = CASE WHEN status = 'active' THEN 'unsubscribed' ELSE status END,
			updated_at = ? WHERE id = ?`, s.now().Unix(), id)
		if err != nil {
			return err
		}
		n, _ := res.RowsAffected()
		found = n > 0
		return nil
	})
	if err != nil {
		return false, fmt.Errorf("store: unsubscribe %d: %w", id, err)
	}
	return found, nil
}

// Bounce implements Store.Bounce.
func (s *SQLite) Bounce(ctx context.Context, subID int64, limit int) (bool, error) {
	var stopped bool
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var bounces int
		if err := tx.QueryRowContext(ctx, `UPDATE subscribers SET bounces = bounces + 1, updated_at = ? WHERE id = ? RETURNING bounces`,
			s.now().Unix(), subID).Scan(&bounces); err != nil {
			return err
		}
		if bounces >= limit {
			stopped = true
			_, err := tx.ExecContext(ctx, `UPDATE subscribers SET status = 'bouncing' WHERE id = ? AND status = 'active'`, subID)
			return err
		}
		return nil
	})
	if err != nil {
		return false, fmt.Errorf("store: bounce of subscriber %d: %w", subID, err)
	}
	return stopped, nil
}
