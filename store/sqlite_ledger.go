package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/aitracker/aitracker/news"
)

// Claim implements Store.Claim.
func (s *SQLite) Claim(ctx context.Context, subID int64, period, messageID, owner string, since, until time.Time, maxAttempts int) (Delivery, bool, error) {
	var d Delivery
	ok := false
	now := s.now().UTC()
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
		d, err = scanDelivery(tx.QueryRowContext(ctx, `SELECT `+deliveryColumns+` WHERE d.subscriber_id = ? AND d.period = ?`, subID, period))
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
			state, events, oneLine(errText), s.now().Unix(), id)
		return err
	})
	if err != nil {
		return fmt.Errorf("store: digest ledger row %d: %w", id, err)
	}
	return nil
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
		uncertain, err = queryAll(ctx, tx, func(sc scanner) (string, error) {
			var email sql.NullString
			err := sc.Scan(&email)
			return email.String, err
		}, `UPDATE digests_sent SET state = 'uncertain', updated_at = ?,
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
	q := `SELECT ` + deliveryColumns + ` WHERE 1 = 1`
	var args []any
	if period != "" {
		q += ` AND d.period = ?`
		args = append(args, period)
	}
	if len(states) > 0 {
		q += ` AND d.state IN (` + marks(len(states)) + `)`
		args = append(args, anys(states)...)
	}
	out, err := queryAll(ctx, s.r, scanDelivery, q+` ORDER BY d.id DESC`, args...)
	if err != nil {
		return nil, fmt.Errorf("store: deliveries: %w", err)
	}
	return out, nil
}

// deliveryColumns selects a ledger row with its subscriber's address, up
// to the WHERE clause.
const deliveryColumns = `d.id, d.subscriber_id, COALESCE(s.email, ''), d.period, d.state, d.message_id, d.events, d.attempts,
		d.last_error, d.since_at, d.until_at, d.claimed_at, d.updated_at
	FROM digests_sent d LEFT JOIN subscribers s ON s.id = d.subscriber_id`

func scanDelivery(sc scanner) (Delivery, error) {
	var d Delivery
	var since, until, claimed, updated int64
	err := sc.Scan(&d.ID, &d.SubscriberID, &d.Email, &d.Period, &d.State, &d.MessageID, &d.Events, &d.Attempts, &d.LastError,
		&since, &until, &claimed, &updated)
	d.Since, d.Until, d.Claimed, d.Updated = fromUnix(since), fromUnix(until), fromUnix(claimed), fromUnix(updated)
	return d, err
}
