package fetch

import (
	"context"
	"sync"
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
