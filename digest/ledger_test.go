package digest_test

import (
	"context"
	"fmt"
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

// TestListHeadersOnEveryMessage: a send to many subscribers over several
// SMTP connections, with news and without, puts on every message its
// recipient's own one-click link (List-Unsubscribe),
// List-Unsubscribe-Post and List-Id; also when the sender's key set was
// made without a list name.
func TestListHeadersOnEveryMessage(t *testing.T) {
	f := newFixture(t)
	f.cfg.Workers = 4
	f.cfg.SendEmpty = true
	filters := []news.SubscriberFilter{{}, {Types: []news.EventType{news.EventModelRelease}}, {Companies: []string{"Nobody Inc"}}, {Query: "Sequoia"}}
	const n = 24
	ids := map[string]int64{}
	for i := range n {
		sub := f.subscribe(t, fmt.Sprintf("l%02d@example.org", i), filters[i%len(filters)])
		ids[sub.Email] = sub.ID
	}
	keys := digest.KeysFor(f.cfg)
	for day, k := range []*digest.Keys{keys, digest.NewKeys(f.cfg.Secret)} {
		at := sendAt.Add(time.Duration(day) * 24 * time.Hour)
		s := f.sender(f.st, at)
		s.Keys = k
		rep, err := s.Run(context.Background(), digest.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if rep.Sent != n {
			t.Fatalf("day %d: %+v, want %d sent", day, rep, n)
		}
		msgs := f.ms.Messages()[day*n:]
		if len(msgs) != n {
			t.Fatalf("day %d: %d messages, want %d", day, len(msgs), n)
		}
		seen := map[string]bool{}
		for _, m := range msgs {
			checkListHeaders(t, m)
			to := m.To[0]
			if id, err := k.Check(tokenOf(t, m), at); err != nil || id != ids[to] {
				t.Errorf("day %d: the link mailed to %s unsubscribes %d (%v), want %d", day, to, id, err, ids[to])
			}
			seen[to] = true
		}
		if len(seen) != n {
			t.Errorf("day %d: %d recipients, want %d", day, len(seen), n)
		}
	}
}
