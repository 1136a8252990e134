package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/aitracker/aitracker/news"
)

// Claim implements Store.Claim. On PostgreSQL the subscriber's row is
// read FOR SHARE: an unsubscribe committed before stops the claim (the
// lock reads the latest version), and one that comes during it waits for
// the claim to commit. The (subscriber, period) unique key makes one of
// any number of senders inserting the row at once win; the others wait
// for its commit and insert nothing. A failed row is taken again by an
// UPDATE whose WHERE is checked again on the latest version, so that of
// two senders retrying it, one takes it.
func (s *sqlStore) Claim(ctx context.Context, subID int64, period, messageID, owner string, since, until time.Time, maxAttempts int) (Delivery, bool, error) {
	var d Delivery
	ok := false
	now := s.clock().UTC()
	err := s.inTx(ctx, func(tx db) error {
		ok = false
		var status string
		if err := tx.queryRow(ctx, `SELECT status FROM subscribers WHERE id = $1`+tx.dialect().forShare, subID).Scan(&status); err != nil {
			if errors.Is(err, sql.ErrNoRows) {
				return nil
			}
			return err
		}
		if status != news.SubscriberActive {
			return nil
		}
		n, err := tx.exec(ctx, `INSERT INTO digests_sent (subscriber_id, period, state, message_id, attempts, claimed_at, updated_at, since_at, until_at, owner)
			VALUES ($1, $2, 'claimed', $3, 1, $4, $4, $5, $6, $7) ON CONFLICT (subscriber_id, period) DO NOTHING`,
			subID, period, messageID, now.Unix(), since.Unix(), until.Unix(), owner)
		if err != nil {
			return err
		}
		if n == 0 {
			// Taken before: only a temporary failure with attempts left
			// is tried again, over the same window.
			n, err = tx.exec(ctx, `UPDATE digests_sent SET state = 'claimed', attempts = attempts + 1, claimed_at = $1, updated_at = $1, owner = $2
				WHERE subscriber_id = $3 AND period = $4 AND state = 'failed' AND attempts < $5`, now.Unix(), owner, subID, period, maxAttempts)
			if err != nil {
				return err
			}
			if n == 0 {
				return nil
			}
		}
		ok = true
		d, err = scanDelivery(tx.queryRow(ctx, `SELECT `+deliveryColumns+` WHERE d.subscriber_id = $1 AND d.period = $2`, subID, period))
		return err
	})
	if err != nil {
		return d, false, fmt.Errorf("store: claim digest of subscriber %d for %s: %w", subID, period, err)
	}
	return d, ok, nil
}

// SetDelivery implements Store.SetDelivery.
func (s *sqlStore) SetDelivery(ctx context.Context, id int64, state string, events int, errText string) error {
	_, err := s.write.exec(ctx, `UPDATE digests_sent SET state = $1, events = $2, last_error = $3, updated_at = $4 WHERE id = $5`,
		state, events, oneLine(errText), s.clock().Unix(), id)
	if err != nil {
		return fmt.Errorf("store: digest ledger row %d: %w", id, err)
	}
	return nil
}

// RecoverDeliveries implements Store.RecoverDeliveries.
func (s *sqlStore) RecoverDeliveries(ctx context.Context) (released int, uncertain []string, err error) {
	err = s.inTx(ctx, func(tx db) error {
		n, err := tx.exec(ctx, `DELETE FROM digests_sent WHERE state = 'claimed'`)
		if err != nil {
			return err
		}
		released = int(n)
		uncertain, err = all(ctx, tx, func(sc scanner) (string, error) {
			var email sql.NullString
			err := sc.Scan(&email)
			return email.String, err
		}, `UPDATE digests_sent SET state = 'uncertain', updated_at = $1,
				last_error = 'the sender stopped while handing the message to the mail server'
			WHERE state = 'sending'
			RETURNING (SELECT email FROM subscribers WHERE id = subscriber_id)`, s.clock().Unix())
		return err
	})
	if err != nil {
		return 0, nil, fmt.Errorf("store: recover deliveries: %w", err)
	}
	return released, uncertain, nil
}

// DeliveryState implements Store.DeliveryState.
func (s *sqlStore) DeliveryState(ctx context.Context, subID int64, period string) (string, int, error) {
	var state string
	var attempts int
	err := s.read.queryRow(ctx, `SELECT state, attempts FROM digests_sent WHERE subscriber_id = $1 AND period = $2`, subID, period).Scan(&state, &attempts)
	if errors.Is(err, sql.ErrNoRows) {
		return "", 0, nil
	}
	if err != nil {
		return "", 0, fmt.Errorf("store: delivery of subscriber %d for %s: %w", subID, period, err)
	}
	return state, attempts, nil
}

// LastDigestEnd implements Store.LastDigestEnd.
func (s *sqlStore) LastDigestEnd(ctx context.Context, subID int64) (time.Time, error) {
	var until sql.NullInt64
	err := s.read.queryRow(ctx, `SELECT MAX(until_at) FROM digests_sent WHERE subscriber_id = $1 AND state IN ('sent', 'uncertain', 'empty')`, subID).Scan(&until)
	if err != nil {
		return time.Time{}, fmt.Errorf("store: last digest of subscriber %d: %w", subID, err)
	}
	return fromUnix(until.Int64), nil
}

// Deliveries implements Store.Deliveries.
func (s *sqlStore) Deliveries(ctx context.Context, period string, states ...string) ([]Delivery, error) {
	q := `SELECT ` + deliveryColumns + ` WHERE 1 = 1`
	var a args
	if period != "" {
		q += ` AND d.period = ` + a.add(period)
	}
	if len(states) > 0 {
		q += ` AND ` + s.read.dialect().in(&a, "d.state", states)
	}
	out, err := all(ctx, s.read, scanDelivery, q+` ORDER BY d.id DESC`, a...)
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
