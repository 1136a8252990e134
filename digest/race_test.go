package digest_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aitracker/aitracker/digest"
	"github.com/aitracker/aitracker/internal/mailtest"
	"github.com/aitracker/aitracker/news"
	"github.com/aitracker/aitracker/web"
)

// TestUnsubscribeWinsRaces runs a sender and one-click unsubscribes (POST
// /u/TOKEN on the real web handler) at the same time, many times over.
// After each unsubscribe returns, the test looks at the ledger: a
// subscriber with no row then had no claim before the unsubscribe was
// committed, so the claim, which re-reads the status in its own
// transaction, must leave them out: no row and no message, ever. Those
// claimed first get their digest; both cases must occur, or the race was
// not run.
func TestUnsubscribeWinsRaces(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	f.cfg.Workers = 2
	keys := digest.KeysFor(f.cfg)
	ws := &web.Server{Store: f.st, Keys: keys, Logger: f.log, Version: "test"}
	srv := httptest.NewServer(ws.Handler())
	t.Cleanup(srv.Close)
	period := sendAt.Format("2006-01-02")

	iterations, perIteration := 40, 10
	if testing.Short() {
		iterations = 15
	}
	var mu sync.Mutex
	var firstMessage chan struct{}
	f.ms.Set(func() {
		f.ms.OnMessage = func(int) {
			mu.Lock()
			defer mu.Unlock()
			if firstMessage != nil {
				close(firstMessage)
				firstMessage = nil
			}
		}
	})
	excluded, claimedFirst := 0, 0
	rng := rand.New(rand.NewPCG(1, 2))
	for it := range iterations {
		var subs []news.Subscriber
		var only []string
		for j := range perIteration {
			sub := f.subscribe(t, fmt.Sprintf("r%02d-%02d@example.org", it, j), news.SubscriberFilter{})
			subs = append(subs, sub)
			only = append(only, sub.Email)
		}
		rng.Shuffle(len(subs), func(i, j int) { subs[i], subs[j] = subs[j], subs[i] })
		started := make(chan struct{})
		mu.Lock()
		firstMessage = started
		mu.Unlock()

		var wg sync.WaitGroup
		wg.Go(func() {
			if _, err := f.sender(f.st, sendAt).Run(ctx, digest.Options{Only: only}); err != nil {
				t.Error(err)
			}
		})
		// Unsubscribe while the sender claims and sends the rest.
		unclaimed := map[int64]bool{}
		select {
		case <-started:
		case <-time.After(hangGuard(t)):
			t.Fatal("no message reached the SMTP server")
		}
		for _, sub := range subs {
			tok := keys.Token(sub.ID, time.Now())
			f.logs.Secret("unsubscribe token", tok)
			resp, err := http.Post(srv.URL+"/u/"+tok, "application/x-www-form-urlencoded", strings.NewReader("List-Unsubscribe=One-Click"))
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("unsubscribe %d: status %d", sub.ID, resp.StatusCode)
			}
			state, _, err := f.st.DeliveryState(ctx, sub.ID, period)
			if err != nil {
				t.Fatal(err)
			}
			unclaimed[sub.ID] = state == ""
		}
		wg.Wait()

		got := mailtest.ByRecipient(f.ms.Messages())
		for _, sub := range subs {
			state, _, err := f.st.DeliveryState(ctx, sub.ID, period)
			if err != nil {
				t.Fatal(err)
			}
			switch {
			case unclaimed[sub.ID] && (state != "" || got[sub.Email] != 0):
				t.Errorf("iteration %d: subscriber %d unsubscribed before any claim, yet its row is %q and it got %d messages",
					it, sub.ID, state, got[sub.Email])
			case unclaimed[sub.ID]:
				excluded++
			case got[sub.Email] != 1:
				t.Errorf("iteration %d: subscriber %d was claimed before unsubscribing (row %q) and got %d messages, want 1",
					it, sub.ID, state, got[sub.Email])
			default:
				claimedFirst++
			}
		}
	}
	t.Logf("%d unsubscribes came before the claim, %d after", excluded, claimedFirst)
	if excluded == 0 || claimedFirst == 0 {
		t.Errorf("the race was not run: %d unsubscribes before the claim, %d after", excluded, claimedFirst)
	}
}
