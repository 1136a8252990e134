package fetch

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// TestCrawlDelaySetWhileHostIsUsed: robots.txt sets a host's Crawl-delay
// (setDelay) while requests to that host take and give back its slot
// (acquire), as a full-text fetch does beside a feed fetch of the same
// site. Run under -race: the delay is shared between the two.
func TestCrawlDelaySetWhileHostIsUsed(t *testing.T) {
	h := hostSlots{slots: map[string]*hostSlot{}}
	const host, rounds = "news.example", 5000
	ctx := context.Background()
	start := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		<-start
		for i := range rounds {
			h.setDelay(host, time.Duration(i+1)*time.Nanosecond)
		}
	})
	wg.Go(func() {
		<-start
		for range rounds {
			release, err := h.acquire(ctx, host, 0)
			if err != nil {
				t.Error(err)
				return
			}
			release()
		}
	})
	close(start)
	wg.Wait()
	if got := h.delayOf(host); got != rounds*time.Nanosecond {
		t.Errorf("delay %s after the last Crawl-delay, want %s", got, rounds*time.Nanosecond)
	}
}

// recordingGate is a HostGate that admits every request and notes what
// it was asked and whether each request had ended when it was released.
type recordingGate struct {
	mu       sync.Mutex
	asked    []string
	interval []time.Duration
	inFlight *atomic.Int32 // the fixture's requests being answered
	early    int           // releases while the fixture still answered
	fail     error
}

func (g *recordingGate) Acquire(ctx context.Context, host string, interval time.Duration) (func(), error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.asked = append(g.asked, host)
	g.interval = append(g.interval, interval)
	if g.fail != nil {
		return nil, g.fail
	}
	return func() {
		g.mu.Lock()
		defer g.mu.Unlock()
		if g.inFlight.Load() != 0 {
			g.early++
		}
	}, nil
}

// TestHostGate: every request asks the shared gate for its host key with
// the host interval and releases it once the response is read; a gate
// that fails fails the fetch before any request is sent.
func TestHostGate(t *testing.T) {
	var inFlight, served atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		inFlight.Add(1)
		defer inFlight.Add(-1)
		served.Add(1)
		w.Write([]byte(strings.Repeat("x", 64<<10)))
	}))
	defer srv.Close()
	gate := &recordingGate{inFlight: &inFlight}
	c := New(Options{AllowPrivate: true, HostInterval: 3 * time.Millisecond, Hosts: gate})
	ctx := context.Background()
	for range 3 {
		if _, err := c.Get(ctx, Request{URL: srv.URL + "/feed"}); err != nil {
			t.Fatal(err)
		}
	}
	host := strings.ToLower(strings.TrimPrefix(srv.URL, "http://"))
	gate.mu.Lock()
	if len(gate.asked) != 3 || gate.asked[0] != host || gate.interval[0] != 3*time.Millisecond || gate.early != 0 {
		t.Errorf("gate asked %v with %v, %d released before the response ended; want %s 3 times with 3ms", gate.asked, gate.interval, gate.early, host)
	}
	gate.fail = errors.New("queue unreachable")
	gate.mu.Unlock()
	_, err := c.Get(ctx, Request{URL: srv.URL + "/feed"})
	if err == nil || !strings.Contains(err.Error(), "queue unreachable") || !Transient(err) || served.Load() != 3 {
		t.Errorf("with a failing gate: %v (transient %v), %d requests served, want 3", err, Transient(err), served.Load())
	}
}
