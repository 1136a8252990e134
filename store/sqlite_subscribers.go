package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

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
