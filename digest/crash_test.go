package digest_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/aitracker/aitracker/config"
	"github.com/aitracker/aitracker/digest"
	"github.com/aitracker/aitracker/internal/mailtest"
	"github.com/aitracker/aitracker/news"
	"github.com/aitracker/aitracker/store"
)

// TestCrashWhileSending kills a sender process (kill -9) after a random
// number of messages, several seeds, and starts it again. Every
// subscriber ends with exactly one message for the period, except at most
// the one in flight at the kill, which is marked uncertain and never
// resent; nobody is skipped.
func TestCrashWhileSending(t *testing.T) {
	if testing.Short() {
		t.Skip("subprocess crash test; skipped with -short")
	}
	const subscribers = 150
	for seed := uint64(1); seed <= 5; seed++ {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) {
			f := newFixture(t)
			for i := range subscribers {
				f.subscribe(t, fmt.Sprintf("s%03d@example.org", i), news.SubscriberFilter{})
			}
			killAt := 1 + rand.New(rand.NewPCG(seed, 7)).IntN(subscribers-1)
			var mu sync.Mutex
			var child *exec.Cmd
			onMessage := func(n int) {
				mu.Lock()
				defer mu.Unlock()
				if n == killAt && child != nil {
					child.Process.Kill()
				}
			}
			f.ms.Set(func() { f.ms.OnMessage = onMessage })
			start := func() *exec.Cmd {
				cmd := exec.Command(os.Args[0], "-test.run=^TestSenderProcess$")
				cmd.Env = append(os.Environ(), "AITRACKER_SENDER_DIR="+f.dir, "AITRACKER_SENDER_PORT="+strconv.Itoa(f.ms.Port))
				cmd.Stderr = os.Stderr
				if err := cmd.Start(); err != nil {
					t.Fatal(err)
				}
				return cmd
			}
			mu.Lock()
			child = start()
			mu.Unlock()
			err := child.Wait()
			if err == nil {
				t.Fatalf("the sender finished before the kill at message %d", killAt)
			}
			mu.Lock()
			child = nil
			mu.Unlock()
			if err := start().Wait(); err != nil {
				t.Fatalf("restarted sender: %v", err)
			}
			uncertain, err := f.st.Deliveries(context.Background(), "2026-11-28", store.DeliveryUncertain)
			if err != nil {
				t.Fatal(err)
			}
			if len(uncertain) > 1 {
				t.Errorf("%d uncertain, want at most 1", len(uncertain))
			}
			maybe := map[string]bool{}
			for _, d := range uncertain {
				maybe[d.Email] = true
			}
			perID := map[string]int{}
			for _, m := range f.ms.Messages() {
				perID[parse(t, m).GetHeader("Message-Id")]++
			}
			got := mailtest.ByRecipient(f.ms.Messages())
			for _, sub := range f.subs {
				n := got[sub.Email]
				switch {
				case n > 1:
					t.Errorf("%s got %d messages", sub.Email, n)
				case n == 0 && !maybe[sub.Email]:
					t.Errorf("%s was skipped", sub.Email)
				}
			}
			for id, n := range perID {
				if n > 1 {
					t.Errorf("Message-ID %s sent %d times", id, n)
				}
			}
			t.Logf("killed at message %d; %d messages, %d uncertain", killAt, len(f.ms.Messages()), len(uncertain))
		})
	}
}

// TestSenderProcess is the sender that TestCrashWhileSending runs and
// kills; it does nothing in a normal test run.
func TestSenderProcess(t *testing.T) {
	dir := os.Getenv("AITRACKER_SENDER_DIR")
	if dir == "" {
		t.Skip("run by TestCrashWhileSending")
	}
	port, _ := strconv.Atoi(os.Getenv("AITRACKER_SENDER_PORT"))
	st, err := store.Open(context.Background(), filepath.Join(dir, "aitracker.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	cfg := config.Default().Digest
	cfg.From, cfg.BaseURL, cfg.Secret = "aitracker <digest@tracker.example>", "https://tracker.example", "a-secret-of-at-least-16-bytes"
	cfg.SMTP.Host, cfg.SMTP.Port, cfg.SMTP.StartTLS, cfg.SMTP.Timeout = "127.0.0.1", port, "never", config.Dur(5*time.Second)
	cfg.Workers = 1
	s := &digest.Sender{Store: st, Config: cfg, Keys: digest.KeysFor(cfg), LockPath: filepath.Join(dir, "digest.lock"),
		Logger: discard(), Now: func() time.Time { return sendAt }}
	if _, err := s.Run(context.Background(), digest.Options{}); err != nil {
		t.Fatal(err)
	}
}
