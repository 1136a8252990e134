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
func (s *sqlStore) AddSubscriber(ctx context.Context, sub *news.Subscriber) error {
	if sub.Created.IsZero() {
		sub.Created = s.clock().UTC()
	}
	sub.Status = news.SubscriberActive
	_, err := s.subscribe(ctx, sub, 0)
	return err
}

// AddPending implements Store.AddPending.
func (s *sqlStore) AddPending(ctx context.Context, sub *news.Subscriber, resend time.Duration) (bool, error) {
	sub.Status, sub.Created = SubscriberPending, s.clock().UTC()
	return s.subscribe(ctx, sub, resend)
}

// subscribe stores sub with its status (active, or pending) and sets its
// ID. An address that is not known yet is added; one that is active is
// ErrExists; any other gets the new settings, unless sub is pending, it
// was too and was asked for less than resend ago: then nothing changes
// and subscribe reports false. An active subscription starts at
// sub.Created; a pending one keeps its start until confirmed.
//
// On PostgreSQL the row of the address is locked while it is read and
// changed; an address not known yet is inserted against the unique index
// on lower(email), so that of two processes subscribing it at once, the
// second finds the first's row and goes on from there.
func (s *sqlStore) subscribe(ctx context.Context, sub *news.Subscriber, resend time.Duration) (bool, error) {
	filter, err := json.Marshal(sub.Filter)
	if err != nil {
		return false, fmt.Errorf("store: add subscriber: %w", err)
	}
	now := s.clock().UTC()
	var created any // NULL: the row keeps its start
	if sub.Status != SubscriberPending {
		created = sub.Created.Unix()
	}
	send := true
	err = s.inTx(ctx, func(tx db) error {
		send = true
		d := tx.dialect()
		for {
			var id, updated int64
			var status string
			err := tx.queryRow(ctx, `SELECT id, status, updated_at FROM subscribers WHERE `+d.foldEq("email", "$1")+d.forUpdate, sub.Email).
				Scan(&id, &status, &updated)
			switch {
			case errors.Is(err, sql.ErrNoRows):
				err := tx.queryRow(ctx, `INSERT INTO subscribers (email, filter, frequency, send_at, tz, weekday, status, created_at, updated_at)
					VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING RETURNING id`, sub.Email, string(filter),
					sub.Frequency, sub.SendAt, sub.TZ, int(sub.Weekday), sub.Status, sub.Created.Unix(), now.Unix()).Scan(&sub.ID)
				if errors.Is(err, sql.ErrNoRows) {
					continue // another process added it since we looked
				}
				return err
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
			_, err = tx.exec(ctx, `UPDATE subscribers SET filter = $1, frequency = $2, send_at = $3, tz = $4, weekday = $5, status = $6,
				bounces = 0, created_at = COALESCE(CAST($7 AS BIGINT), created_at), updated_at = $8 WHERE id = $9`, string(filter), sub.Frequency,
				sub.SendAt, sub.TZ, int(sub.Weekday), sub.Status, created, now.Unix(), id)
			return err
		}
	})
	if errors.Is(err, ErrExists) {
		return false, fmt.Errorf("%w: %s is subscribed", ErrExists, sub.Email)
	}
	if err != nil {
		return false, fmt.Errorf("store: add subscriber: %w", err)
	}
	return send, nil
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
func (s *sqlStore) Subscribers(ctx context.Context, activeOnly bool) ([]news.Subscriber, error) {
	q := `SELECT ` + subscriberColumns + ` FROM subscribers`
	if activeOnly {
		q += ` WHERE status = 'active'`
	}
	out, err := all(ctx, s.read, scanSubscriber, q+` ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("store: subscribers: %w", err)
	}
	return out, nil
}

// Subscriber implements Store.Subscriber.
func (s *sqlStore) Subscriber(ctx context.Context, id int64, email string) (news.Subscriber, error) {
	sub, err := scanSubscriber(s.read.queryRow(ctx, `SELECT `+subscriberColumns+` FROM subscribers
		WHERE id = $1 OR ($1 = 0 AND `+s.read.dialect().foldEq("email", "$2")+`)`, id, email))
	if errors.Is(err, sql.ErrNoRows) {
		return sub, ErrNotFound
	}
	if err != nil {
		return sub, fmt.Errorf("store: subscriber: %w", err)
	}
	return sub, nil
}

// RemoveSubscriber implements Store.RemoveSubscriber.
func (s *sqlStore) RemoveSubscriber(ctx context.Context, email string) error {
	err := s.inTx(ctx, func(tx db) error {
		d := tx.dialect()
		var id int64
		if err := tx.queryRow(ctx, `SELECT id FROM subscribers WHERE `+d.foldEq("email", "$1")+d.forUpdate, email).Scan(&id); err != nil {
			if errors.Is(err, sql.ErrNoRows) {
				return ErrNotFound
			}
			return err
		}
		if _, err := tx.exec(ctx, `DELETE FROM digests_sent WHERE subscriber_id = $1`, id); err != nil {
			return err
		}
		_, err := tx.exec(ctx, `DELETE FROM subscribers WHERE id = $1`, id)
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
func (s *sqlStore) Unsubscribe(ctx context.Context, id int64) (bool, error) {
	n, err := s.write.exec(ctx, `UPDATE subscribers SET status = CASE WHEN status = 'active' THEN 'unsubscribed' ELSE status END,
		updated_at = $1 WHERE id = $2`, s.clock().Unix(), id)
	if err != nil {
		return false, fmt.Errorf("store: unsubscribe %d: %w", id, err)
	}
	return n > 0, nil
}

// Bounce implements Store.Bounce: one statement, so that bounces counted
// at once by two senders are both counted.
func (s *sqlStore) Bounce(ctx context.Context, subID int64, limit int) (bool, error) {
	var bounces int
	err := s.write.queryRow(ctx, `UPDATE subscribers SET bounces = bounces + 1, updated_at = $1,
			status = CASE WHEN bounces + 1 >= $3 AND status = 'active' THEN 'bouncing' ELSE status END
		WHERE id = $2 RETURNING bounces`, s.clock().Unix(), subID, limit).Scan(&bounces)
	if err != nil {
		return false, fmt.Errorf("store: bounce of subscriber %d: %w", subID, err)
	}
	return bounces >= limit, nil
}
