package store

import (
	"context"
	"fmt"
)

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
