package digest_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/aitracker/aitracker/digest"
	"github.com/aitracker/aitracker/internal/mailtest"
	"github.com/aitracker/aitracker/news"
	"github.com/aitracker/aitracker/store"
)

// TestBouncesStopMailAfterTheLimit: the loopback SMTP server answers 550
// at RCPT for one address, period after period. Each refusal is a
// failed_permanent row, never retried within its period; after
// bounce_limit of them the address is bouncing and gets no further
// ledger row or attempt, while the other subscribers get every digest.
func TestBouncesStopMailAfterTheLimit(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	f.cfg.BounceLimit = 3
	f.cfg.SendEmpty = true // every period mails, so every period can bounce
	gone := f.subscribe(t, "gone@example.org", news.SubscriberFilter{})
	f.subscribe(t, "ana@example.org", news.SubscriberFilter{})
	f.subscribe(t, "bo@example.org", news.SubscriberFilter{})
	f.ms.Set(func() { f.ms.Refuse["gone@example.org"] = true })

	const periods = 5
	for day := range periods {
		at := sendAt.Add(time.Duration(day) * 24 * time.Hour)
		period := at.Format("2006-01-02")
		rep := f.run(t, at, digest.Options{})
		// A second run in the period retries nothing.
		again := f.run(t, at.Add(time.Hour), digest.Options{})
		bounced := day < f.cfg.BounceLimit
		wantDue, wantRefused := 2, 0
		if bounced {
			wantDue, wantRefused = 3, 1
		}
		if rep.Due != wantDue || rep.Sent != 2 || rep.Refused != wantRefused || rep.Failed != 0 {
			t.Errorf("%s: report %+v, want %d due, 2 sent, %d refused", period, rep, wantDue, wantRefused)
		}
		if again.Sent != 0 || again.Refused != 0 {
			t.Errorf("%s: the second run %+v", period, again)
		}

		rows, err := f.st.Deliveries(ctx, period)
		if err != nil {
			t.Fatal(err)
		}
		states := map[string]store.Delivery{}
		for _, d := range rows {
			states[d.Email] = d
		}
		for _, to := range []string{"ana@example.org", "bo@example.org"} {
			if d := states[to]; d.State != store.DeliverySent || d.Attempts != 1 {
				t.Errorf("%s: %s's row %+v, want sent at the first attempt", period, to, d)
			}
		}
		d, ok := states["gone@example.org"]
		switch {
		case bounced && (!ok || d.State != store.DeliveryRefused || d.Attempts != 1 || !strings.Contains(d.LastError, "550")):
			t.Errorf("%s: the refused address's row %+v (present %v), want failed_permanent with the 550", period, d, ok)
		case bounced && strings.Contains(d.LastError, "gone@example.org"):
			t.Errorf("%s: the ledger's error holds the address: %q", period, d.LastError)
		case !bounced && ok:
			t.Errorf("%s: a bouncing address has a ledger row %+v", period, d)
		}

		s, err := f.st.Subscriber(ctx, gone.ID, "")
		if err != nil {
			t.Fatal(err)
		}
		wantBounces, wantStatus := min(day+1, f.cfg.BounceLimit), news.SubscriberActive
		if day+1 >= f.cfg.BounceLimit {
			wantStatus = news.SubscriberBouncing
		}
		if s.Bounces != wantBounces || s.Status != wantStatus {
			t.Errorf("%s: subscriber %d bounces, %s; want %d, %s", period, s.Bounces, s.Status, wantBounces, wantStatus)
		}
		if got := f.ms.Tries("gone@example.org"); got != wantBounces {
			t.Errorf("%s: %d RCPT attempts at the refused address, want %d", period, got, wantBounces)
		}
	}
	got := mailtest.ByRecipient(f.ms.Messages())
	if got["ana@example.org"] != periods || got["bo@example.org"] != periods || got["gone@example.org"] != 0 {
		t.Errorf("messages per address %v, want %d each for ana and bo, none for gone", got, periods)
	}
}
