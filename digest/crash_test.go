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
	"github.com/aitracker/aitracker/internal/clock"
	"github.com/aitracker/aitracker/internal/mailtest"
	"github.com/aitracker/aitracker/news"
	"github.com/aitracker/aitracker/store"
)

// TestCrashWhileSending kills a sender process (kill -9) after a random
// number of messages, several seeds, and starts it again. Every
// subscriber ends with exactly one message for the period, except at most
// the one in flight at the kill, which is marked uncertain and never
// resent (a third start sends nothing); nobody is skipped.
//
// The default is the checklist's 1,000 subscribers × 10 seeds (2 seeds
// under the race detector: see crashSeeds); AITRACKER_DIGEST_CRASH_SUBS
// and AITRACKER_DIGEST_CRASH_SEEDS change it.
func TestCrashWhileSending(t *testing.T) {
	if testing.Short() {
		t.Skip("subprocess crash test; skipped with -short")
	}
	subscribers := envInt(t, "AITRACKER_DIGEST_CRASH_SUBS", 1000, 2)
	seeds := envInt(t, "AITRACKER_DIGEST_CRASH_SEEDS", crashSeeds, 1)
	for seed := uint64(1); seed <= uint64(seeds); seed++ {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) {
			f := newFixture(t)
			for i := range subscribers {
				f.subscribe(t, fmt.Sprintf("s%05d@example.org", i), news.SubscriberFilter{})
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
			sent := len(f.ms.Messages())
			// Once more: everything is done, the uncertain one too.
			if err := start().Wait(); err != nil {
				t.Fatalf("third start: %v", err)
			}
			if n := len(f.ms.Messages()); n != sent {
				t.Errorf("a third start sent %d more messages", n-sent)
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
				perID[header(t, m, "Message-Id")]++
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

// envInt reads a positive count from the environment, or gives def.
func envInt(t *testing.T, name string, def, least int) int {
	t.Helper()
	v := os.Getenv(name)
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < least {
		t.Fatalf("%s=%q: want a whole number of at least %d", name, v, least)
	}
	return n
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
	// A loopback answer takes well under a millisecond; a timeout here
	// would make a second uncertain row, so it is far out of reach.
	cfg.SMTP.Host, cfg.SMTP.Port, cfg.SMTP.StartTLS, cfg.SMTP.Timeout = "127.0.0.1", port, "never", config.Dur(time.Minute)
	cfg.Workers = 1
	s := &digest.Sender{Store: st, Config: cfg, Keys: digest.KeysFor(cfg), LockPath: filepath.Join(dir, "digest.lock"),
		Logger: discard(), Clock: clock.Func(func() time.Time { return sendAt })}
	if _, err := s.Run(context.Background(), digest.Options{}); err != nil {
		t.Fatal(err)
	}
}
