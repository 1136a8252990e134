package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/aitracker/aitracker/news"
	"github.com/jackc/pgx/v5"
)

// AddSubscriber implements Store.AddSubscriber.
func (s *Postgres) AddSubscriber(ctx context.Context, sub *news.Subscriber) error {
	if sub.Created.IsZero() {
		sub.Created = s.now().UTC()
	}
	sub.Status = news.SubscriberActive
	_, err := s.subscribe(ctx, sub, 0)
	return err
}

// AddPending implements Store.AddPending.
func (s *Postgres) AddPending(ctx context.Context, sub *news.Subscriber, resend time.Duration) (bool, error) {
	sub.Status, sub.Created = SubscriberPending, s.now().UTC()
	return s.subscribe(ctx, sub, resend)
}

// subscribe is SQLite's subscribe (which see) for PostgreSQL. The row of
// the address is locked while it is read and changed; an address not
// known yet is inserted against the unique index on lower(email), so that
// of two processes subscribing it at once, the second finds the first's
// row and goes on from there.
func (s *Postgres) subscribe(ctx context.Context, sub *news.Subscriber, resend time.Duration) (bool, error) {
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
	err = s.tx(ctx, func(tx pgx.Tx) error {
		send = true
		for {
			var id, updated int64
			var status string
			err := tx.QueryRow(ctx, `SELECT id, status, updated_at FROM subscribers WHERE lower(email) = lower($1) FOR UPDATE`, sub.Email).
				Scan(&id, &status, &updated)
			switch {
			case errors.Is(err, pgx.ErrNoRows):
				err := tx.QueryRow(ctx, `INSERT INTO subscribers (email, filter, frequency, send_at, tz, weekday, status, created_at, updated_at)
					VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (lower(email)) DO NOTHING RETURNING id`, sub.Email, string(filter),
					sub.Frequency, sub.SendAt, sub.TZ, int(sub.Weekday), sub.Status, sub.Created.Unix(), now.Unix()).Scan(&sub.ID)
				if errors.Is(err, pgx.ErrNoRows) {
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
			_, err = tx.Exec(ctx, `UPDATE subscribers SET filter = $1, frequency = $2, send_at = $3, tz = $4, weekday = $5, status = $6,
				bounces = 0, created_at = COALESCE($7::bigint, created_at), updated_at = $8 WHERE id = $9`, string(filter), sub.Frequency,
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

// Confirm implements Store.Confirm: one statement, which makes a pending
// subscription active and leaves any other alone.
func (s *Postgres) Confirm(ctx context.Context, id int64) (bool, error) {
	now := s.now().UTC().Unix()
	var found bool
	err := s.db.QueryRow(ctx, `WITH confirmed AS (
			UPDATE subscribers SET status = 'active', created_at = $1, updated_at = $1 WHERE id = $2 AND status = 'pending')
		SELECT EXISTS (SELECT 1 FROM subscribers WHERE id = $2)`, now, id).Scan(&found)
	if err != nil {
		return false, fmt.Errorf("store: confirm subscriber %d: %w", id, err)
	}
	return found, nil
}

// Subscribers implements Store.Subscribers.
func (s *Postgres) Subscribers(ctx context.Context, activeOnly bool) ([]news.Subscriber, error) {
	q := `SELECT ` + subscriberColumns + ` FROM subscribers`
	if activeOnly {
		q += ` WHERE status = 'active'`
	}
	out, err := pgAll(ctx, s.db, scanSubscriber, q+` ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("store: subscribers: %w", err)
	}
	return out, nil
}

// Subscriber implements Store.Subscriber.
func (s *Postgres) Subscriber(ctx context.Context, id int64, email string) (news.Subscriber, error) {
	sub, err := scanSubscriber(s.db.QueryRow(ctx, `SELECT `+subscriberColumns+` FROM subscribers
		WHERE id = $1 OR ($1 = 0 AND lower(email) = lower($2))`, id, email))
	if errors.Is(err, pgx.ErrNoRows) {
		return sub, ErrNotFound
	}
	if err != nil {
		return sub, fmt.Errorf("store: subscriber: %w", err)
	}
	return sub, nil
}

// RemoveSubscriber implements Store.RemoveSubscriber.
func (s *Postgres) RemoveSubscriber(ctx context.Context, email string) error {
	err := s.tx(ctx, func(tx pgx.Tx) error {
		var id int64
		if err := tx.QueryRow(ctx, `SELECT id FROM subscribers WHERE lower(email) = lower($1) FOR UPDATE`, email).Scan(&id); err != nil {
			if errors.Is(err, pgx.ErrNoRows) {
				return ErrNotFound
			}
			return err
		}
		if _, err := tx.Exec(ctx, `DELETE FROM digests_sent WHERE subscriber_id = $1`, id); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, `DELETE FROM subscribers WHERE id = $1`, id)
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
func (s *Postgres) Unsubscribe(ctx context.Context, id int64) (bool, error) {
	res, err := s.db.Exec(ctx, `UPDATE subscribers SET status = CASE WHEN status = 'active' THEN 'unsubscribed' ELSE status END,
		updated_at = $1 WHERE id = $2`, s.now().Unix(), id)
	if err != nil {
		return false, fmt.Errorf("store: unsubscribe %d: %w", id, err)
	}
	return res.RowsAffected() > 0, nil
}

// Bounce implements Store.Bounce: one statement, so that bounces counted
// at once by two senders are both counted.
func (s *Postgres) Bounce(ctx context.Context, subID int64, limit int) (bool, error) {
	var bounces int
	err := s.db.QueryRow(ctx, `UPDATE subscribers SET bounces = bounces + 1, updated_at = $1,
			status = CASE WHEN bounces + 1 >= $3 AND status = 'active' THEN 'bouncing' ELSE status END
		WHERE id = $2 RETURNING bounces`, s.now().Unix(), subID, limit).Scan(&bounces)
	if err != nil {
		return false, fmt.Errorf("store: bounce of subscriber %d: %w", subID, err)
	}
	return bounces >= limit, nil
}

// Claim implements Store.Claim. The subscriber's row is read FOR SHARE:
// an unsubscribe committed before stops the claim (the lock reads the
// latest version), and one that comes during it waits for the claim to
// commit. The (subscriber, period) unique key makes one of any number of
// senders inserting the row at once win; the others wait for its commit
// and insert nothing. A failed row is taken again by an UPDATE whose
// WHERE is checked again on the latest version, so that of two senders
// retrying it, one takes it.
func (s *Postgres) Claim(ctx context.Context, subID int64, period, messageID, owner string, since, until time.Time, maxAttempts int) (Delivery, bool, error) {
	var d Delivery
	ok := false
	now := s.now().UTC()
	err := s.tx(ctx, func(tx pgx.Tx) error {
		ok = false
		var status string
		if err := tx.QueryRow(ctx, `SELECT status FROM subscribers WHERE id = $1 FOR SHARE`, subID).Scan(&status); err != nil {
			if errors.Is(err, pgx.ErrNoRows) {
				return nil
			}
			return err
		}
		if status != news.SubscriberActive {
			return nil
		}
		res, err := tx.Exec(ctx, `INSERT INTO digests_sent (subscriber_id, period, state, message_id, attempts, claimed_at, updated_at, since_at, until_at, owner)
			VALUES ($1, $2, 'claimed', $3, 1, $4, $4, $5, $6, $7) ON CONFLICT (subscriber_id, period) DO NOTHING`,
			subID, period, messageID, now.Unix(), since.Unix(), until.Unix(), owner)
		if err != nil {
			return err
		}
		if res.RowsAffected() == 0 {
			// Taken before: only a temporary failure with attempts left
			// is tried again, over the same window.
			res, err = tx.Exec(ctx, `UPDATE digests_sent SET state = 'claimed', attempts = attempts + 1, claimed_at = $1, updated_at = $1, owner = $2
				WHERE subscriber_id = $3 AND period = $4 AND state = 'failed' AND attempts < $5`, now.Unix(), owner, subID, period, maxAttempts)
			if err != nil {
				return err
			}
			if res.RowsAffected() == 0 {
				return nil
			}
		}
		ok = true
		d, err = scanDelivery(tx.QueryRow(ctx, `SELECT `+deliveryColumns+` WHERE d.subscriber_id = $1 AND d.period = $2`, subID, period))
		return err
	})
	if err != nil {
		return d, false, fmt.Errorf("store: claim digest of subscriber %d for %s: %w", subID, period, err)
	}
	return d, ok, nil
}

// SetDelivery implements Store.SetDelivery.
func (s *Postgres) SetDelivery(ctx context.Context, id int64, state string, events int, errText string) error {
	_, err := s.db.Exec(ctx, `UPDATE digests_sent SET state = $1, events = $2, last_error = $3, updated_at = $4 WHERE id = $5`,
		state, events, oneLine(errText), s.now().Unix(), id)
	if err != nil {
		return fmt.Errorf("store: digest ledger row %d: %w", id, err)
	}
	return nil
}

// RecoverDeliveries implements Store.RecoverDeliveries.
func (s *Postgres) RecoverDeliveries(ctx context.Context) (released int, uncertain []string, err error) {
	err = s.tx(ctx, func(tx pgx.Tx) error {
		res, err := tx.Exec(ctx, `DELETE FROM digests_sent WHERE state = 'claimed'`)
		if err != nil {
			return err
		}
		released = int(res.RowsAffected())
		uncertain, err = pgAll(ctx, tx, func(sc scanner) (string, error) {
			var email *string
			err := sc.Scan(&email)
			if email == nil {
				return "", err
			}
			return *email, err
		}, `UPDATE digests_sent SET state = 'uncertain', updated_at = $1,
				last_error = 'the sender stopped while handing the message to the mail server'
			WHERE state = 'sending'
			RETURNING (SELECT email FROM subscribers WHERE id = subscriber_id)`, s.now().Unix())
		return err
	})
	if err != nil {
		return 0, nil, fmt.Errorf("store: recover deliveries: %w", err)
	}
	return released, uncertain, nil
}

// DeliveryState implements Store.DeliveryState.
func (s *Postgres) DeliveryState(ctx context.Context, subID int64, period string) (string, int, error) {
	var state string
	var attempts int
	err := s.db.QueryRow(ctx, `SELECT state, attempts FROM digests_sent WHERE subscriber_id = $1 AND period = $2`, subID, period).Scan(&state, &attempts)
	if errors.Is(err, pgx.ErrNoRows) {
		return "", 0, nil
	}
	if err != nil {
		return "", 0, fmt.Errorf("store: delivery of subscriber %d for %s: %w", subID, period, err)
	}
	return state, attempts, nil
}

// LastDigestEnd implements Store.LastDigestEnd.
func (s *Postgres) LastDigestEnd(ctx context.Context, subID int64) (time.Time, error) {
	var until *int64
	err := s.db.QueryRow(ctx, `SELECT MAX(until_at) FROM digests_sent WHERE subscriber_id = $1 AND state IN ('sent', 'uncertain', 'empty')`, subID).Scan(&until)
	if err != nil {
		return time.Time{}, fmt.Errorf("store: last digest of subscriber %d: %w", subID, err)
	}
	if until == nil {
		return time.Time{}, nil
	}
	return fromUnix(*until), nil
}

// Deliveries implements Store.Deliveries.
func (s *Postgres) Deliveries(ctx context.Context, period string, states ...string) ([]Delivery, error) {
	q := `SELECT ` + deliveryColumns + ` WHERE ($1 = '' OR d.period = $1) AND (cardinality($2::text[]) = 0 OR d.state = ANY($2))`
	if states == nil {
		states = []string{}
	}
	out, err := pgAll(ctx, s.db, scanDelivery, q+` ORDER BY d.id DESC`, period, states)
	if err != nil {
		return nil, fmt.Errorf("store: deliveries: %w", err)
	}
	return out, nil
}
