package digest_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/aitracker/aitracker/config"
	"github.com/aitracker/aitracker/digest"
	"github.com/aitracker/aitracker/news"
	"github.com/aitracker/aitracker/store"
)

// TestRetryBackOff: a 4xx at RCPT is retried Retries times, each wait
// twice the one before, starting at RetryWait; while it waits the row is
// back to claimed (nothing was handed over). The waits go through the
// sender's Sleep, so the test takes no wall time.
func TestRetryBackOff(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	f.cfg.Retries = 3
	f.cfg.RetryWait = config.Dur(5 * time.Second)
	slow := f.subscribe(t, "slow@example.org", news.SubscriberFilter{})
	down := f.subscribe(t, "down@example.org", news.SubscriberFilter{})
	f.ms.Set(func() {
		f.ms.TempFail[slow.Email] = 3 // the last retry gets through
		f.ms.TempFail[down.Email] = 100
	})
	period := sendAt.Format("2006-01-02")
	want := []time.Duration{5 * time.Second, 10 * time.Second, 20 * time.Second}
	for _, tc := range []struct {
		sub   news.Subscriber
		state string
	}{{slow, store.DeliverySent}, {down, store.DeliveryFailed}} {
		var waits []time.Duration
		s := f.sender(f.st, sendAt)
		s.Sleep = func(ctx context.Context, d time.Duration) {
			if state, _, err := f.st.DeliveryState(ctx, tc.sub.ID, period); err != nil || state != store.DeliveryClaimed {
				t.Errorf("%s: row %q (%v) while waiting to retry, want claimed", tc.sub.Email, state, err)
			}
			waits = append(waits, d)
		}
		if _, err := s.Run(ctx, digest.Options{Only: []string{tc.sub.Email}}); err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(waits, want) {
			t.Errorf("%s: waits %v, want %v", tc.sub.Email, waits, want)
		}
		if got := f.ms.Tries(tc.sub.Email); got != f.cfg.Retries+1 {
			t.Errorf("%s: %d tries, want %d", tc.sub.Email, got, f.cfg.Retries+1)
		}
		if state, _, _ := f.st.DeliveryState(ctx, tc.sub.ID, period); state != tc.state {
			t.Errorf("%s: row %q, want %q", tc.sub.Email, state, tc.state)
		}
	}
}
