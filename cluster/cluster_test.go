package cluster

import (
	"context"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/aitracker/aitracker/news"
	"github.com/aitracker/aitracker/store"
)

// TestSchedulerQueuesEachDueSourceOnce: two schedulers, each running
// twice at once, queue each due source once; once workers have read
// them, the next round queues them again.
func TestSchedulerQueuesEachDueSourceOnce(t *testing.T) {
	ctx := context.Background()
	c := newCluster(t)
	f := newFeeds(t, 6, 30)
	scheds := []*Scheduler{c.scheduler(f.sources()), c.scheduler(f.sources())}
	rounds := make([]Round, 4)
	var wg sync.WaitGroup
	for i := range rounds {
		wg.Go(func() {
			r, err := scheds[i%2].QueueDue(ctx)
			if err != nil {
				t.Error(err)
			}
			rounds[i] = r
		})
	}
	wg.Wait()
	queued := 0
	for i, r := range rounds {
		queued += r.Queued
		if r.Sources != 30 || r.Queued+r.Outstanding != 30 || r.NotDue != 0 || r.Disabled != 0 {
			t.Errorf("round %d: %s", i, r)
		}
	}
	if queued != 30 {
		t.Errorf("%d jobs queued by four rounds over 30 due sources, want 30", queued)
	}
	q := scheds[0].Queue
	if n := depth(t, q); n != 30 {
		t.Errorf("queue depth %d, want 30", n)
	}

	c.worker("w1", nil)
	eventually(t, "the queue to drain", func() bool { return depth(t, q) == 0 })
	checkStoredOnce(t, c.st, f)
	r, err := scheds[1].QueueDue(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if r.Queued != 30 {
		t.Errorf("after the workers read every source: %s, want 30 queued", r)
	}
}

// TestWorkersDrainQueue: three workers read 36 sources on 6 hosts from
// the queue; every item is stored once and every feed is read once.
func TestWorkersDrainQueue(t *testing.T) {
	ctx := context.Background()
	c := newCluster(t)
	f := newFeeds(t, 6, 36)
	s := c.scheduler(f.sources())
	if r, err := s.QueueDue(ctx); err != nil || r.Queued != 36 {
		t.Fatalf("round: %s, %v", r, err)
	}
	for _, name := range []string{"w1", "w2", "w3"} {
		c.worker(name, nil)
	}
	eventually(t, "the queue to drain", func() bool { return depth(t, s.Queue) == 0 })
	checkStoredOnce(t, c.st, f)
	for i := range f.n {
		if n := f.servedCount(i); n != 1 {
			t.Errorf("feed %d read %d times, want once", i, n)
		}
	}
}

// TestPolitenessAcrossWorkers: three workers, two jobs at a time each,
// over 30 feeds on 6 hosts: the fixture hosts' log shows no two requests
// to one host at once and host_interval between the end of one and the
// start of the next.
func TestPolitenessAcrossWorkers(t *testing.T) {
	ctx := context.Background()
	c := newCluster(t)
	c.interval = 60 * time.Millisecond
	f := newFeeds(t, 6, 30)
	f.answer = 15 * time.Millisecond
	s := c.scheduler(f.sources())
	if r, err := s.QueueDue(ctx); err != nil || r.Queued != 30 {
		t.Fatalf("round: %s, %v", r, err)
	}
	for _, name := range []string{"w1", "w2", "w3"} {
		c.worker(name, func(n *node) { n.w.Concurrency = 2 })
	}
	eventually(t, "the queue to drain", func() bool { return depth(t, s.Queue) == 0 })
	checkStoredOnce(t, c.st, f)
	log := f.hostsLog()
	if len(log) != 6 {
		t.Fatalf("requests went to %d hosts, want 6", len(log))
	}
	total := 0
	for host, hits := range log {
		total += len(hits)
		for k := 1; k < len(hits); k++ {
			prev, cur := hits[k-1], hits[k]
			if cur.start.Before(prev.end) {
				t.Errorf("%s: %s started at %s, before %s ended at %s", host, cur.path, cur.start.Format(time.StampMicro), prev.path, prev.end.Format(time.StampMicro))
			}
			if gap := cur.start.Sub(prev.end); gap < c.interval {
				t.Errorf("%s: %s started %s after %s ended, want at least %s", host, cur.path, gap, prev.path, c.interval)
			}
			if gap := cur.start.Sub(prev.start); gap < c.interval {
				t.Errorf("%s: %s started %s after %s started, want at least %s", host, cur.path, gap, prev.path, c.interval)
			}
		}
	}
	if total != 30 {
		t.Errorf("%d requests logged, want 30", total)
	}
}

// TestStoppedWorkerGivesJobBack: a worker told to stop in the middle of
// a source gives its job back; another worker reads the source, and
// nothing is stored twice.
func TestStoppedWorkerGivesJobBack(t *testing.T) {
	ctx := context.Background()
	c := newCluster(t)
	f := newFeeds(t, 2, 6)
	entered := make(chan struct{})
	var once sync.Once
	f.setStall(0, func(r *http.Request) {
		first := false
		once.Do(func() { first = true })
		if first {
			close(entered)
			<-r.Context().Done() // the worker gave up the request
		}
	})
	s := c.scheduler(f.sources())
	if r, err := s.QueueDue(ctx); err != nil || r.Queued != 6 {
		t.Fatalf("round: %s, %v", r, err)
	}
	a := c.worker("a", nil)
	<-entered
	if err := a.stop(); err != nil {
		t.Fatal(err)
	}
	c.worker("b", nil)
	eventually(t, "the queue to drain", func() bool { return depth(t, s.Queue) == 0 })
	checkStoredOnce(t, c.st, f)
	if n := f.servedCount(0); n != 2 {
		t.Errorf("the stopped worker's feed was requested %d times, want 2", n)
	}
}

// TestKilledWorkerJobRedelivered: a worker dies after storing a source
// and before acking its job (its connection is cut there): the job is
// delivered again, after the ack wait, to another worker, which reads
// the source again and stores nothing twice.
func TestKilledWorkerJobRedelivered(t *testing.T) {
	ctx := context.Background()
	c := newCluster(t)
	c.ackWait = time.Second
	f := newFeeds(t, 2, 6)
	s := c.scheduler(f.sources())
	if r, err := s.QueueDue(ctx); err != nil || r.Queued != 6 {
		t.Fatalf("round: %s, %v", r, err)
	}
	killed := make(chan struct{})
	a := c.worker("a", func(n *node) {
		n.w.beforeAck = func(news.Source) {
			select {
			case <-killed:
			default:
				n.nc.Close()
				close(killed)
			}
		}
	})
	<-killed
	n0, err := c.st.CountArticles(ctx)
	if err != nil || n0 != f.items(0) {
		t.Fatalf("the killed worker stored %d articles (%v), want its source's %d", n0, err, f.items(0))
	}
	if err := a.stop(); err != nil {
		t.Fatal(err)
	}
	if n := depth(t, s.Queue); n != 6 {
		t.Fatalf("queue depth %d after the kill, want 6: the unacked job stays", n)
	}
	c.worker("b", nil)
	eventually(t, "the queue to drain", func() bool { return depth(t, s.Queue) == 0 })
	checkStoredOnce(t, c.st, f)
	if n := f.servedCount(0); n != 2 {
		t.Errorf("the killed worker's feed was requested %d times, want 2", n)
	}
}

// TestWorkerReadsCurrentSourceState: a job carries its source as it was
// when queued; the worker reads the fetch state the store holds now (the
// validators another worker's read left), and drops the job of a source
// disabled since.
func TestWorkerReadsCurrentSourceState(t *testing.T) {
	ctx := context.Background()
	c := newCluster(t)
	f := newFeeds(t, 1, 2)
	s := c.scheduler(f.sources())
	if r, err := s.QueueDue(ctx); err != nil || r.Queued != 2 {
		t.Fatalf("round: %s, %v", r, err)
	}
	srcs, err := c.st.Sources(ctx)
	if err != nil || len(srcs) != 2 {
		t.Fatalf("sources: %v, %v", srcs, err)
	}
	byURL := map[string]news.Source{}
	for _, src := range srcs {
		byURL[src.URL] = src
	}
	// After the jobs were queued, feed 1 left the configuration (which
	// disables it) and a read of feed 0 left an ETag.
	if _, err := c.st.SyncSources(ctx, f.sources()[:1]); err != nil {
		t.Fatal(err)
	}
	if err := c.st.RecordFetch(ctx, byURL[f.url(0)].ID, store.FetchOutcome{At: f.now, ETag: `"v2"`}); err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var sent []string
	f.setStall(0, func(r *http.Request) {
		mu.Lock()
		sent = append(sent, r.Header.Get("If-None-Match"))
		mu.Unlock()
	})
	c.worker("w", nil)
	eventually(t, "the queue to drain", func() bool { return depth(t, s.Queue) == 0 })
	mu.Lock()
	defer mu.Unlock()
	if len(sent) != 1 || sent[0] != `"v2"` {
		t.Errorf("feed 0 was asked with If-None-Match %q, want once with the stored \"v2\"", sent)
	}
	if n := f.servedCount(1); n != 0 {
		t.Errorf("the disabled feed was read %d times, want none", n)
	}
}

// TestLongSourceKeptByItsWorker: a source that takes several times the
// ack wait is not delivered to a second worker while its worker lives:
// the worker reports progress.
func TestLongSourceKeptByItsWorker(t *testing.T) {
	ctx := context.Background()
	c := newCluster(t)
	c.ackWait = 500 * time.Millisecond
	// Each feed on its own host: the other worker, done with the other
	// feeds, waits for a job and would take the long one's.
	f := newFeeds(t, 4, 4)
	f.setStall(0, func(*http.Request) { time.Sleep(4 * c.ackWait) })
	s := c.scheduler(f.sources())
	if r, err := s.QueueDue(ctx); err != nil || r.Queued != 4 {
		t.Fatalf("round: %s, %v", r, err)
	}
	c.worker("a", nil)
	c.worker("b", nil)
	eventually(t, "the queue to drain", func() bool { return depth(t, s.Queue) == 0 })
	checkStoredOnce(t, c.st, f)
	if n := f.servedCount(0); n != 1 {
		t.Errorf("the long feed was requested %d times, want once", n)
	}
}

// TestPoisonJobGivenUp: a job delivered more than the bound without
// being finished is not read again; its source is recorded as failed,
// permanently, and the job leaves the queue.
func TestPoisonJobGivenUp(t *testing.T) {
	ctx := context.Background()
	c := newCluster(t)
	f := newFeeds(t, 1, 1)
	s := c.scheduler(f.sources())
	if r, err := s.QueueDue(ctx); err != nil || r.Queued != 1 {
		t.Fatalf("round: %s, %v", r, err)
	}
	// A worker that took the job and stopped without finishing it.
	msg, err := s.Queue.cons.Next(jetstream.FetchMaxWait(10 * time.Second))
	if err != nil {
		t.Fatal(err)
	}
	if err := msg.Nak(); err != nil {
		t.Fatal(err)
	}
	c.worker("w", func(n *node) { n.w.MaxDeliveries = 1 })
	eventually(t, "the queue to drain", func() bool { return depth(t, s.Queue) == 0 })
	if n := f.servedCount(0); n != 0 {
		t.Errorf("the given-up source was requested %d times", n)
	}
	srcs, err := c.st.Sources(ctx)
	if err != nil || len(srcs) != 1 {
		t.Fatal(srcs, err)
	}
	src := srcs[0]
	if !strings.Contains(src.LastError, "never finished") || src.LastErrorKind != "permanent" || src.ConsecutiveFailures != 1 ||
		src.NextCheckAt.Before(time.Now().Add(time.Hour)) {
		t.Errorf("given-up source: %+v", src)
	}
}

// TestHostLeaseDiesWithItsHolder: a worker that dies holding a host
// lets the others have it once the lease's TTL has passed.
func TestHostLeaseDiesWithItsHolder(t *testing.T) {
	ctx := context.Background()
	c := newCluster(t)
	_, js := c.connect()
	dead, err := OpenHosts(ctx, js, HostsOptions{Holder: "dead"})
	if err != nil {
		t.Fatal(err)
	}
	dead.hold = time.Second
	if _, err := dead.Acquire(ctx, "news.example:443", 0); err != nil {
		t.Fatal(err)
	}
	_, js2 := c.connect()
	live, err := OpenHosts(ctx, js2, HostsOptions{Holder: "live"})
	if err != nil {
		t.Fatal(err)
	}
	if e, err := live.kv.Get(ctx, "lease."+hostKey("news.example:443")); err != nil || string(e.Value()) != "dead" {
		t.Fatalf("the dead worker's lease: %v", err)
	}
	actx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	release, err := live.Acquire(actx, "news.example:443", 0)
	if err != nil {
		t.Fatalf("the host was never freed: %v", err)
	}
	if e, err := live.kv.Get(ctx, "lease."+hostKey("news.example:443")); err != nil || string(e.Value()) != "live" {
		t.Errorf("the lease after the live worker took it: %v", err)
	}
	release()
	if _, err := live.kv.Get(ctx, "lease."+hostKey("news.example:443")); err == nil {
		t.Error("the lease is still there after its release")
	}
}

func TestHostKey(t *testing.T) {
	valid := regexp.MustCompile(`^[-/_=.a-zA-Z0-9]+$`)
	seen := map[string]string{}
	for _, tc := range []struct{ host, key string }{
		{"news.example:443", "news=2Eexample=3A443"},
		{"127.0.0.1:8080", "127=2E0=2E0=2E1=3A8080"},
		{"[::1]:8080", "=5B=3A=3A1=5D=3A8080"},
		{"xn--fiqs8s.example", "xn--fiqs8s=2Eexample"},
		{"news_example", "news=5Fexample"},
		{"news=5Fexample", "news=3D5Fexample"},
	} {
		got := hostKey(tc.host)
		if got != tc.key || !valid.MatchString("lease."+got) {
			t.Errorf("hostKey(%q) = %q, want %q", tc.host, got, tc.key)
		}
		if other, ok := seen[got]; ok {
			t.Errorf("%q and %q have one key %q", tc.host, other, got)
		}
		seen[got] = tc.host
	}
}
