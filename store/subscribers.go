package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/aitracker/aitracker/news"
)

// AddSubscriber implements Store.AddSubscriber.
func (s *SQLite) AddSubscriber(ctx context.Context, sub *news.Subscriber) error {
	filter, err := json.Marshal(sub.Filter)
	if err != nil {
		return fmt.Errorf("store: add subscriber: %w", err)
	}
	now := time.Now().UTC()
	if sub.Created.IsZero() {
		sub.Created = now
	}
	sub.Status = news.SubscriberActive
	err = s.tx(ctx, func(tx *sql.Tx) error {
		var id int64
		var status string
		err := tx.QueryRowContext(ctx, `SELECT id, status FROM subscribers WHERE email = ? COLLATE NOCASE`, sub.Email).Scan(&id, &status)
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
		_, err = tx.ExecContext(ctx, `UPDATE subscribers SET filter = ?, frequency = ?, send_at = ?, tz = ?, weekday = ?, status = ?,
			bounces = 0, created_at = ?, updated_at = ? WHERE id = ?`, string(filter), sub.Frequency, sub.SendAt, sub.TZ,
			int(sub.Weekday), sub.Status, sub.Created.Unix(), now.Unix(), id)
		return err
	})
	if errors.Is(err, ErrExists) {
		return fmt.Errorf("%w: %s is subscribed", ErrExists, sub.Email)
	}
	if err != nil {
		return fmt.Errorf("store: add subscriber: %w", err)
	}
	return nil
}

const subscriberColumns = `id, email, filter, frequency, send_at, tz, weekday, status, bounces, created_at`

func scanSubscriber(sc interface{ Scan(...any) error }) (news.Subscriber, error) {
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
	rows, err := s.r.QueryContext(ctx, q+` ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("store: subscribers: %w", err)
	}
	defer rows.Close()
	var out []news.Subscriber
	for rows.Next() {
		sub, err := scanSubscriber(rows)
		if err != nil {
			return nil, fmt.Errorf("store: subscribers: %w", err)
		}
		out = append(out, sub)
	}
	return out, rows.Err()
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
			updated_at = ? WHERE id = ?`, time.Now().Unix(), id)
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

// Delivery states of the digest ledger.
const (
	// DeliveryClaimed: a sender took the row and has not talked to the
	// mail server yet; a sender that died then sent nothing.
	DeliveryClaimed = "claimed"
	// DeliverySending: the message is being handed to the server.
	DeliverySending = "sending"
	DeliverySent    = "sent"
	// DeliveryUncertain: the connection failed after the message was
	// handed over, or the sender died while sending; it may have arrived,
	// so it is not sent again on its own.
	DeliveryUncertain = "uncertain"
	// DeliveryFailed: a temporary failure; a later run tries again.
	DeliveryFailed = "failed"
	// DeliveryRefused: the server refused the address for good.
	DeliveryRefused = "failed_permanent"
	// DeliveryEmpty: nothing new matched; no mail, the period is done.
	DeliveryEmpty = "empty"
)

// Delivery is one row of the digest ledger: one subscriber, one period.
type Delivery struct {
	ID           int64     `json:"id"`
	SubscriberID int64     `json:"subscriber"`
	Email        string    `json:"email"`
	Period       string    `json:"period"`
	State        string    `json:"state"`
	MessageID    string    `json:"message_id"`
	Events       int       `json:"events"`
	Attempts     int       `json:"attempts"`
	LastError    string    `json:"last_error,omitempty"`
	Since        time.Time `json:"since"`
	Until        time.Time `json:"until"`
	Claimed      time.Time `json:"claimed"`
	Updated      time.Time `json:"updated"`
}

// RecoverDeliveries implements Store.RecoverDeliveries.
func (s *SQLite) RecoverDeliveries(ctx context.Context) (released int, uncertain []string, err error) {
	err = s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM digests_sent WHERE state = 'claimed'`)
		if err != nil {
			return err
		}
		n, _ := res.RowsAffected()
		released = int(n)
		rows, err := tx.QueryContext(ctx, `UPDATE digests_sent SET state = 'uncertain', updated_at = ?,
				last_error = 'the sender stopped while handing the message to the mail server'
			WHERE state = 'sending'
			RETURNING (SELECT email FROM subscribers WHERE id = subscriber_id)`, time.Now().Unix())
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var email sql.NullString
			if err := rows.Scan(&email); err != nil {
				return err
			}
			uncertain = append(uncertain, email.String)
		}
		return rows.Err()
	})
	if err != nil {
		return 0, nil, fmt.Errorf("store: recover deliveries: %w", err)
	}
	return released, uncertain, nil
}

// Claim implements Store.Claim.
func (s *SQLite) Claim(ctx context.Context, subID int64, period, messageID, owner string, since, until time.Time, maxAttempts int) (Delivery, bool, error) {
	var d Delivery
	ok := false
	now := time.Now().UTC()
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var status string
		if err := tx.QueryRowContext(ctx, `SELECT status FROM subscribers WHERE id = ?`, subID).Scan(&status); err != nil {
			if errors.Is(err, sql.ErrNoRows) {
				return nil
			}
			return err
		}
		if status != news.SubscriberActive {
			return nil
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO digests_sent (subscriber_id, period, state, message_id, attempts, claimed_at, updated_at, since_at, until_at, owner)
			VALUES (?, ?, 'claimed', ?, 1, ?, ?, ?, ?, ?) ON CONFLICT (subscriber_id, period) DO NOTHING`,
			subID, period, messageID, now.Unix(), now.Unix(), since.Unix(), until.Unix(), owner)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			// Taken before: only a temporary failure with attempts left
			// is tried again, over the same window.
			res, err = tx.ExecContext(ctx, `UPDATE digests_sent SET state = 'claimed', attempts = attempts + 1, claimed_at = ?, updated_at = ?, owner = ?
				WHERE subscriber_id = ? AND period = ? AND state = 'failed' AND attempts < ?`, now.Unix(), now.Unix(), owner, subID, period, maxAttempts)
			if err != nil {
				return err
			}
			if n, _ := res.RowsAffected(); n == 0 {
				return nil
			}
		}
		ok = true
		var claimed, updated, sinceAt, untilAt int64
		err = tx.QueryRowContext(ctx, `SELECT id, subscriber_id, period, state, message_id, events, attempts, last_error, since_at, until_at, claimed_at, updated_at
			FROM digests_sent WHERE subscriber_id = ? AND period = ?`, subID, period).Scan(&d.ID, &d.SubscriberID, &d.Period, &d.State,
			&d.MessageID, &d.Events, &d.Attempts, &d.LastError, &sinceAt, &untilAt, &claimed, &updated)
		d.Since, d.Until, d.Claimed, d.Updated = fromUnix(sinceAt), fromUnix(untilAt), fromUnix(claimed), fromUnix(updated)
		return err
	})
	if err != nil {
		return d, false, fmt.Errorf("store: claim digest of subscriber %d for %s: %w", subID, period, err)
	}
	return d, ok, nil
}

// SetDelivery implements Store.SetDelivery.
func (s *SQLite) SetDelivery(ctx context.Context, id int64, state string, events int, errText string) error {
	err := s.tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `UPDATE digests_sent SET state = ?, events = ?, last_error = ?, updated_at = ? WHERE id = ?`,
			state, events, oneLine(errText), time.Now().Unix(), id)
		return err
	})
	if err != nil {
		return fmt.Errorf("store: digest ledger row %d: %w", id, err)
	}
	return nil
}

// Bounce implements Store.Bounce.
func (s *SQLite) Bounce(ctx context.Context, subID int64, limit int) (bool, error) {
	var stopped bool
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var bounces int
		if err := tx.QueryRowContext(ctx, `UPDATE subscribers SET bounces = bounces + 1, updated_at = ? WHERE id = ? RETURNING bounces`,
			time.Now().Unix(), subID).Scan(&bounces); err != nil {
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

// LastDigestEnd implements Store.LastDigestEnd.
func (s *SQLite) LastDigestEnd(ctx context.Context, subID int64) (time.Time, error) {
	var until sql.NullInt64
	err := s.r.QueryRowContext(ctx, `SELECT MAX(until_at) FROM digests_sent WHERE subscriber_id = ? AND state IN ('sent', 'uncertain', 'empty')`, subID).Scan(&until)
	if err != nil {
		return time.Time{}, fmt.Errorf("store: last digest of subscriber %d: %w", subID, err)
	}
	return fromUnix(until.Int64), nil
}

// Deliveries implements Store.Deliveries.
func (s *SQLite) Deliveries(ctx context.Context, period string, states ...string) ([]Delivery, error) {
	q := `SELECT d.id, d.subscriber_id, COALESCE(s.email, ''), d.period, d.state, d.message_id, d.events, d.attempts, d.last_error,
			d.since_at, d.until_at, d.claimed_at, d.updated_at
		FROM digests_sent d LEFT JOIN subscribers s ON s.id = d.subscriber_id WHERE 1 = 1`
	var args []any
	if period != "" {
		q += ` AND d.period = ?`
		args = append(args, period)
	}
	if len(states) > 0 {
		q += ` AND d.state IN (` + strings.TrimSuffix(strings.Repeat("?,", len(states)), ",") + `)`
		for _, st := range states {
			args = append(args, st)
		}
	}
	rows, err := s.r.QueryContext(ctx, q+` ORDER BY d.id DESC`, args...)
	if err != nil {
		return nil, fmt.Errorf("store: deliveries: %w", err)
	}
	defer rows.Close()
	var out []Delivery
	for rows.Next() {
		var d Delivery
		var since, until, claimed, updated int64
		if err := rows.Scan(&d.ID, &d.SubscriberID, &d.Email, &d.Period, &d.State, &d.MessageID, &d.Events, &d.Attempts, &d.LastError,
			&since, &until, &claimed, &updated); err != nil {
			return nil, fmt.Errorf("store: deliveries: %w", err)
		}
		d.Since, d.Until, d.Claimed, d.Updated = fromUnix(since), fromUnix(until), fromUnix(claimed), fromUnix(updated)
		out = append(out, d)
	}
	return out, rows.Err()
}

// SubscriberPending is the status of a subscription made on the web whose
// address has not confirmed it yet; nothing is mailed to it but the
// confirmation.
const SubscriberPending = "pending"

// AddPending implements Store.AddPending.
func (s *SQLite) AddPending(ctx context.Context, sub *news.Subscriber, resend time.Duration) (bool, error) {
	filter, err := json.Marshal(sub.Filter)
	if err != nil {
		return false, fmt.Errorf("store: add subscriber: %w", err)
	}
	now := time.Now().UTC()
	sub.Status, sub.Created = SubscriberPending, now
	send := true
	err = s.tx(ctx, func(tx *sql.Tx) error {
		var id, updated int64
		var status string
		err := tx.QueryRowContext(ctx, `SELECT id, status, updated_at FROM subscribers WHERE email = ? COLLATE NOCASE`, sub.Email).Scan(&id, &status, &updated)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			return tx.QueryRowContext(ctx, `INSERT INTO subscribers (email, filter, frequency, send_at, tz, weekday, status, created_at, updated_at)
				VALUES (?, ?, ?, ?, ?, ?, 'pending', ?, ?) RETURNING id`, sub.Email, string(filter), sub.Frequency, sub.SendAt, sub.TZ,
				int(sub.Weekday), now.Unix(), now.Unix()).Scan(&sub.ID)
		case err != nil:
			return err
		case status == news.SubscriberActive:
			return ErrExists
		}
		sub.ID = id
		if status == SubscriberPending && now.Sub(fromUnix(updated)) < resend {
			send = false
			return nil
		}
		_, err = tx.ExecContext(ctx, `UPDATE subscribers SET filter = ?, frequency = ?, send_at = ?, tz = ?, weekday = ?, status = 'pending',
			bounces = 0, updated_at = ? WHERE id = ?`, string(filter), sub.Frequency, sub.SendAt, sub.TZ, int(sub.Weekday), now.Unix(), id)
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
	now := time.Now().UTC().Unix()
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

// DeliveryState implements Store.DeliveryState.
func (s *SQLite) DeliveryState(ctx context.Context, subID int64, period string) (string, int, error) {
	var state string
	var attempts int
	err := s.r.QueryRowContext(ctx, `SELECT state, attempts FROM digests_sent WHERE subscriber_id = ? AND period = ?`, subID, period).Scan(&state, &attempts)
	if errors.Is(err, sql.ErrNoRows) {
		return "", 0, nil
	}
	if err != nil {
		return "", 0, fmt.Errorf("store: delivery of subscriber %d for %s: %w", subID, period, err)
	}
	return state, attempts, nil
}
