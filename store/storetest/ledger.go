package storetest

import (
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/aitracker/aitracker/store"
)

// testLedger: the digest ledger's state machine. A row is claimed before
// anything is sent, by one sender only; what is done is never taken
// again; a temporary failure is, while it has attempts left; a sender
// that died leaves rows that RecoverDeliveries settles.
func testLedger(t *testing.T, b Backend) {
	s, c := b.Open(t), ctx(t)
	ana, bo := subscriber("ana@example.com"), subscriber("bo@example.com")
	must(t, s.AddSubscriber(c, ana))
	must(t, s.AddSubscriber(c, bo))
	since, until := day, day.Add(24*time.Hour)
	claim := func(sub int64, period string, max int) (store.Delivery, bool) {
		t.Helper()
		d, ok, err := s.Claim(c, sub, period, "<"+period+"@example.com>", "sender-1", since, until, max)
		must(t, err)
		return d, ok
	}
	state := func(sub int64, period string) (string, int) {
		t.Helper()
		st, n, err := s.DeliveryState(c, sub, period)
		must(t, err)
		return st, n
	}

	t.Run("a claim", func(t *testing.T) {
		d, ok := claim(ana.ID, "p1", 3)
		if !ok || d.ID == 0 || d.SubscriberID != ana.ID || d.Period != "p1" || d.State != store.DeliveryClaimed || d.Attempts != 1 ||
			d.MessageID != "<p1@example.com>" || !d.Since.Equal(since) || !d.Until.Equal(until) {
			t.Errorf("Claim = %+v, %v", d, ok)
		}
	})

	t.Run("the state machine", func(t *testing.T) {
		var row int64
		for _, step := range []struct {
			name     string
			claim    bool   // claim (with at most 2 attempts) rather than set
			set      string // the state to set the row to
			wantOK   bool
			state    string
			attempts int
		}{
			{"claimed", true, "", true, store.DeliveryClaimed, 1},
			{"taken: not claimed again", true, "", false, store.DeliveryClaimed, 1},
			{"sending", false, store.DeliverySending, true, store.DeliverySending, 1},
			{"a temporary failure", false, store.DeliveryFailed, true, store.DeliveryFailed, 1},
			{"claimed again, the same row", true, "", true, store.DeliveryClaimed, 2},
			{"failed again", false, store.DeliveryFailed, true, store.DeliveryFailed, 2},
			{"no attempts left", true, "", false, store.DeliveryFailed, 2},
		} {
			if step.claim {
				d, ok := claim(bo.ID, "p2", 2)
				if ok != step.wantOK {
					t.Fatalf("%s: claimed %v, want %v", step.name, ok, step.wantOK)
				}
				if ok && row != 0 && (d.ID != row || d.MessageID != "<p2@example.com>") {
					t.Errorf("%s: row %d (%s); a retry keeps its row %d and message ID", step.name, d.ID, d.MessageID, row)
				}
				if ok {
					row = d.ID
				}
			} else {
				must(t, s.SetDelivery(c, row, step.set, 4, "421 try later\nplease"))
			}
			if st, n := state(bo.ID, "p2"); st != step.state || n != step.attempts {
				t.Errorf("%s: state %q after %d attempts, want %q after %d", step.name, st, n, step.state, step.attempts)
			}
		}
		for _, done := range []string{store.DeliverySent, store.DeliveryUncertain, store.DeliveryRefused, store.DeliveryEmpty} {
			d, ok := claim(bo.ID, "p3-"+done, 3)
			if !ok {
				t.Fatalf("claim for %s", done)
			}
			must(t, s.SetDelivery(c, d.ID, done, 0, ""))
			if _, ok := claim(bo.ID, "p3-"+done, 3); ok {
				t.Errorf("a %s period was claimed again", done)
			}
		}
		got, err := s.Deliveries(c, "p2")
		must(t, err)
		if len(got) != 1 || got[0].Events != 4 || got[0].LastError != "421 try later please" || got[0].Email != "bo@example.com" {
			t.Errorf("Deliveries(p2) = %+v", got)
		}
	})

	t.Run("one claim wins among many at once", func(t *testing.T) {
		const n = 8
		var wg sync.WaitGroup
		won := make(chan bool, n)
		for range n {
			wg.Go(func() {
				_, ok, err := s.Claim(c, ana.ID, "race", "<race@example.com>", "sender", since, until, 3)
				if err != nil {
					t.Error(err)
				}
				won <- ok
			})
		}
		wg.Wait()
		close(won)
		wins := 0
		for ok := range won {
			if ok {
				wins++
			}
		}
		if wins != 1 {
			t.Errorf("%d of %d senders claimed one row", wins, n)
		}
	})

	t.Run("no claim for who is not active", func(t *testing.T) {
		cy := subscriber("cy@example.com")
		must(t, s.AddSubscriber(c, cy))
		if _, err := s.Unsubscribe(c, cy.ID); err != nil {
			t.Fatal(err)
		}
		dee := subscriber("dee@example.com")
		if _, err := s.AddPending(c, dee, 0); err != nil {
			t.Fatal(err)
		}
		for name, id := range map[string]int64{"unsubscribed": cy.ID, "pending": dee.ID, "unknown": 999999} {
			if _, ok := claim(id, "p4", 3); ok {
				t.Errorf("claimed for a subscriber who is %s", name)
			}
			if st, _ := state(id, "p4"); st != "" {
				t.Errorf("%s: a row was left in state %q", name, st)
			}
		}
	})

	t.Run("a dead sender's rows are settled", func(t *testing.T) {
		s := b.Open(t)
		subs := []string{"a@example.com", "b@example.com", "c@example.com"}
		var ids []int64
		for _, e := range subs {
			sub := subscriber(e)
			must(t, s.AddSubscriber(c, sub))
			ids = append(ids, sub.ID)
		}
		rows := map[string]int64{}
		for i, st := range []string{store.DeliveryClaimed, store.DeliverySending, store.DeliverySent} {
			d, ok, err := s.Claim(c, ids[i], "p", "<m>", "dead", since, until, 3)
			if err != nil || !ok {
				t.Fatalf("claim: %v, %v", ok, err)
			}
			if st != store.DeliveryClaimed {
				must(t, s.SetDelivery(c, d.ID, st, 1, ""))
			}
			rows[st] = ids[i]
		}
		released, uncertain, err := s.RecoverDeliveries(c)
		if err != nil || released != 1 || !slices.Equal(uncertain, []string{"b@example.com"}) {
			t.Fatalf("RecoverDeliveries = %d, %v, %v; want 1 released, b uncertain", released, uncertain, err)
		}
		for st, want := range map[string]string{store.DeliveryClaimed: "", store.DeliverySending: store.DeliveryUncertain, store.DeliverySent: store.DeliverySent} {
			if got, _, _ := s.DeliveryState(c, rows[st], "p"); got != want {
				t.Errorf("a %s row is now %q, want %q", st, got, want)
			}
		}
		if _, ok, _ := s.Claim(c, rows[store.DeliveryClaimed], "p", "<m2>", "next", since, until, 3); !ok {
			t.Error("a released row cannot be claimed")
		}
	})

	t.Run("the last digest's end and the list of deliveries", func(t *testing.T) {
		s := b.Open(t)
		sub := subscriber("e@example.com")
		must(t, s.AddSubscriber(c, sub))
		if end, err := s.LastDigestEnd(c, sub.ID); err != nil || !end.IsZero() {
			t.Errorf("no digest yet: %v, %v", end, err)
		}
		for i, st := range []string{store.DeliverySent, store.DeliveryEmpty, store.DeliveryUncertain, store.DeliveryFailed} {
			from := day.Add(time.Duration(i) * 24 * time.Hour)
			d, ok, err := s.Claim(c, sub.ID, from.Format("2006-01-02"), "<m>", "s", from, from.Add(24*time.Hour), 3)
			if err != nil || !ok {
				t.Fatal(ok, err)
			}
			must(t, s.SetDelivery(c, d.ID, st, 0, ""))
		}
		end, err := s.LastDigestEnd(c, sub.ID)
		if want := day.Add(3 * 24 * time.Hour); err != nil || !end.Equal(want) {
			t.Errorf("LastDigestEnd = %v, %v; want %v, the end of the uncertain one (a failed one is not done)", end, err, want)
		}
		all, err := s.Deliveries(c, "")
		must(t, err)
		if len(all) != 4 || all[0].Period != "2026-11-05" || all[3].Period != "2026-11-02" || all[0].Email != "e@example.com" {
			t.Errorf("Deliveries = %+v; want 4, newest first", all)
		}
		some, err := s.Deliveries(c, "", store.DeliverySent, store.DeliveryFailed)
		must(t, err)
		if len(some) != 2 || some[0].State != store.DeliveryFailed || some[1].State != store.DeliverySent {
			t.Errorf("Deliveries(sent, failed) = %+v", some)
		}
		if one, _ := s.Deliveries(c, "2026-11-03", store.DeliveryEmpty); len(one) != 1 || one[0].State != store.DeliveryEmpty {
			t.Errorf("Deliveries(2026-11-03, empty) = %+v", one)
		}
	})
}
