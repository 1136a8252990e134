package pipeline_test

import (
	"context"
	"fmt"
	"math"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aitracker/aitracker/ingest"
	"github.com/aitracker/aitracker/ingest/fetch"
	"github.com/aitracker/aitracker/internal/clock"
	"github.com/aitracker/aitracker/news"
	"github.com/aitracker/aitracker/pipeline"
)

// farm serves n one-item feeds from a few hosts (loopback servers),
// answering 304 to the validator it gave. It counts requests per feed
// and the most requests at once per host.
type farm struct {
	list  []news.Source
	hits  map[string]*atomic.Int32
	hosts []*gauge
}

func newFarm(t *testing.T, n, hosts int) *farm {
	t.Helper()
	fm := &farm{hits: map[string]*atomic.Int32{}}
	pub := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC).Format(time.RFC1123Z)
	var srvs []*httptest.Server
	for h := range hosts {
		g := &gauge{}
		fm.hosts = append(fm.hosts, g)
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			g.enter()
			defer g.leave()
			if c := fm.hits[fmt.Sprintf("%d%s", h, r.URL.Path)]; c != nil {
				c.Add(1)
			}
			if r.Header.Get("If-None-Match") == `"v1"` {
				w.WriteHeader(http.StatusNotModified)
				return
			}
			w.Header().Set("ETag", `"v1"`)
			fmt.Fprintf(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>%[1]s</title>
<item><guid>%[1]s</guid><link>https://news.example%[1]s</link><title>Story %[1]s</title><pubDate>%[2]s</pubDate></item></channel></rss>`, r.URL.Path, pub)
		}))
		t.Cleanup(srv.Close)
		srvs = append(srvs, srv)
	}
	for i := range n {
		h := i % hosts
		path := fmt.Sprintf("/feed/%d", i)
		fm.hits[fmt.Sprintf("%d%s", h, path)] = &atomic.Int32{}
		fm.list = append(fm.list, news.Source{Name: fmt.Sprintf("S%04d", i), URL: srvs[h].URL + path, Kind: news.KindFeed})
	}
	return fm
}

// reset zeroes the request counts.
func (fm *farm) reset() {
	for _, c := range fm.hits {
		c.Store(0)
	}
}

// restart is a new pipeline over the fixture's store and index, as a
// restarted process makes: fresh fetch client, no memory of passes.
func restart(f *fixture, clk clock.Clock, jitter time.Duration) (*pipeline.Pipeline, map[string]time.Time) {
	p := &pipeline.Pipeline{Store: f.st, Index: f.ix, Classifier: f.p.Classifier, Logger: f.log, Workers: 8, Clock: clk,
		Fetcher: &ingest.Fetcher{Client: fetch.New(fetch.Options{AllowPrivate: true, Timeout: 5 * time.Second, HostInterval: -1})},
		Policy:  pipeline.Policy{Jitter: jitter}}
	var mu sync.Mutex
	started := map[string]time.Time{}
	pipeline.SetStarted(p, func(src news.Source, at time.Time) {
		mu.Lock()
		defer mu.Unlock()
		started[src.URL] = at
	})
	return p, started
}

// schedule runs the daemon's schedule until its pass at start is done.
func schedule(t *testing.T, p *pipeline.Pipeline, list []news.Source) pipeline.Summary {
	t.Helper()
	passes := make(chan pipeline.Summary, 1)
	p.Passes = passes
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- p.Schedule(ctx, "@every 1h", func() []news.Source { return list }) }()
	sum := <-passes
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	return sum
}

// TestCatchUpAfterDowntime: 1,000 sources on an hourly schedule; the
// process is down for six (simulated) hours, then starts again. Each
// overdue source is fetched exactly once, not once per missed hour; the
// fetches start spread over the jitter window, not all at once; no host
// ever has two requests at once.
func TestCatchUpAfterDowntime(t *testing.T) {
	const n, jitter = 1000, 30 * time.Minute
	f := newFixture(t)
	fm := newFarm(t, n, 4)
	t0 := time.Date(2026, 11, 2, 6, 0, 0, 0, time.UTC)
	clock := &fakeClock{now: t0}

	p, _ := restart(f, clock, jitter)
	if sum := schedule(t, p, fm.list); sum.SourcesOK != n || sum.New != n {
		t.Fatalf("the first pass: %s", sum)
	}
	// Down for six hours after that pass.
	fm.reset()
	back := clock.Now().Add(6 * time.Hour)
	clock.Set(back)
	p, started := restart(f, clock, jitter)
	sum := schedule(t, p, fm.list)
	if sum.SourcesOK != n || sum.NotModified != n || sum.NotDue != 0 {
		t.Errorf("the catch-up pass: %s", sum)
	}
	for key, c := range fm.hits {
		if c.Load() != 1 {
			t.Errorf("feed %s fetched %d times in the catch-up pass", key, c.Load())
		}
	}
	if len(started) != n {
		t.Fatalf("%d sources started", len(started))
	}
	first, last := back.Add(24*time.Hour), back
	for _, at := range started {
		if at.Before(back) {
			t.Errorf("a source started at %s, before the pass began at %s", at, back)
		}
		first, last = minTime(first, at), maxTime(last, at)
	}
	if last.Sub(first) < 10*time.Minute || last.Sub(back) >= jitter {
		t.Errorf("fetches started from %s to %s: want at least 10 minutes apart, within %s of the start", first, last, jitter)
	}
	for i, g := range fm.hosts {
		if m := g.most.Load(); m != 1 {
			t.Errorf("host %d had %d requests at once", i, m)
		}
	}
}

// TestJitterSpreadsStarts: 1,000 sources with the same interval (1 h)
// start at offsets that are the same after a restart, and no second of
// the window holds more than ceil(1000/3600)×3 = 3 starts.
func TestJitterSpreadsStarts(t *testing.T) {
	const n, interval, jitter = 1000, time.Hour, 50 * time.Minute
	f := newFixture(t)
	fm := newFarm(t, n, 4)
	clock := &fakeClock{}
	offsets := func(at time.Time) map[string]time.Duration {
		clock.Set(at)
		p, started := restart(f, clock, jitter)
		if _, err := p.Run(context.Background(), fm.list, pipeline.Options{Force: true}); err != nil {
			t.Fatal(err)
		}
		out := map[string]time.Duration{}
		for url, t := range started {
			out[url] = t.Sub(at)
		}
		return out
	}
	before := offsets(time.Date(2026, 11, 2, 6, 0, 0, 0, time.UTC))
	after := offsets(time.Date(2026, 11, 3, 17, 23, 7, 0, time.UTC)) // another day, another process
	if len(before) != n || len(after) != n {
		t.Fatalf("%d and %d sources started", len(before), len(after))
	}
	limit := int(math.Ceil(float64(n)/interval.Seconds())) * 3
	buckets := map[int64]int{}
	for url, off := range before {
		if after[url] != off {
			t.Errorf("%s starts at +%s, then at +%s after a restart", url, off, after[url])
		}
		if off < 0 || off >= jitter {
			t.Errorf("%s starts at +%s, outside the %s window", url, off, jitter)
		}
		buckets[int64(off/time.Second)]++
	}
	for sec, c := range buckets {
		if c > limit {
			t.Errorf("%d starts in second %d of the window, want at most %d", c, sec, limit)
		}
	}
}

func minTime(a, b time.Time) time.Time {
	if b.Before(a) {
		return b
	}
	return a
}

func maxTime(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}
