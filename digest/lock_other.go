//go:build !unix

package digest

import "context"

// lockFile is a no-op where flock is not available: run one sender at a
// time there. The ledger's unique (subscriber, period) key still keeps
// two senders from mailing one period twice.
func lockFile(ctx context.Context, path string) (func(), error) {
	return func() {}, nil
}
