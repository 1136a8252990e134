package cluster

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/aitracker/aitracker/classify"
	"github.com/aitracker/aitracker/config"
	"github.com/aitracker/aitracker/demo"
	"github.com/aitracker/aitracker/ingest"
	"github.com/aitracker/aitracker/ingest/feed"
	"github.com/aitracker/aitracker/ingest/fetch"
	"github.com/aitracker/aitracker/internal/natstest"
	"github.com/aitracker/aitracker/internal/pgtest"
	"github.com/aitracker/aitracker/news"
	"github.com/aitracker/aitracker/pipeline"
	"github.com/aitracker/aitracker/store"
)

// The project's sample feeds, which the fixture hosts serve, each feed
// with its own links.
var sampleFeeds = []struct{ file, contentType string }{
	{"ai-wire.rss.xml", "application/rss+xml; charset=utf-8"},
	{"deal-desk.atom.xml", "application/atom+xml; charset=utf-8"},
	{"zhineng-kuaibao.rss.xml", "application/rss+xml; charset=utf-8"},
	{"lab-notes.feed.json", "application/feed+json; charset=utf-8"},
}

// hit is one request a fixture host answered.
type hit struct {
	host, path string
	start, end time.Time
}

// feeds are fixture hosts (loopback listeners, each port a host to the
// fetcher) serving sample feeds, feed i on host i mod the number of
// hosts, logging every request's host, start and end.
type feeds struct {
	t     *testing.T
	hosts []*httptest.Server
	n     int
	now   time.Time
	// answer is how long each answer takes, so that two requests to one
	// host at once would overlap in the log.
	answer time.Duration

	mu     sync.Mutex
	hits   []hit
	served map[int]int
	// stall, when set for a feed, is called before its answer: a test
	// blocks a request there.
	stall map[int]func(r *http.Request)
}

func newFeeds(t *testing.T, hosts, n int) *feeds {
	t.Helper()
	f := &feeds{t: t, n: n, now: time.Now().UTC().Truncate(time.Second), served: map[int]int{}, stall: map[int]func(*http.Request){}}
	for range hosts {
		srv := httptest.NewServer(http.HandlerFunc(f.serve))
		t.Cleanup(srv.Close)
		f.hosts = append(f.hosts, srv)
	}
	return f
}

func (f *feeds) url(i int) string {
	return f.hosts[i%len(f.hosts)].URL + "/feed/" + strconv.Itoa(i) + "/" + sampleFeeds[i%len(sampleFeeds)].file
}

func (f *feeds) sources() []news.Source {
	out := make([]news.Source, f.n)
	for i := range out {
		out[i] = news.Source{Name: fmt.Sprintf("feed %02d", i), URL: f.url(i), Kind: news.KindFeed, Enabled: true}
	}
	return out
}

// body is feed i as served: dated from the fixture's fixed now, so that
// every read of it is the same.
func (f *feeds) body(i int, host string) ([]byte, string, error) {
	sf := sampleFeeds[i%len(sampleFeeds)]
	b, err := demo.Render(sf.file, "http://"+host+"/feed/"+strconv.Itoa(i), f.now)
	return b, sf.contentType, err
}

func (f *feeds) serve(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	parts := strings.Split(strings.TrimPrefix(r.URL.Path, "/feed/"), "/")
	i, err := strconv.Atoi(parts[0])
	if err != nil || len(parts) != 2 {
		http.NotFound(w, r)
		return
	}
	f.mu.Lock()
	f.served[i]++
	stall := f.stall[i]
	f.mu.Unlock()
	if stall != nil {
		stall(r)
	}
	body, ct, err := f.body(i, r.Host)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	if f.answer > 0 {
		time.Sleep(f.answer)
	}
	w.Header().Set("Content-Type", ct)
	w.Write(body)
	f.mu.Lock()
	f.hits = append(f.hits, hit{host: r.Host, path: r.URL.Path, start: start, end: time.Now()})
	f.mu.Unlock()
}

func (f *feeds) setStall(i int, fn func(*http.Request)) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.stall[i] = fn
}

func (f *feeds) servedCount(i int) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.served[i]
}

// items is how many items feed i holds, read with the feed parser.
func (f *feeds) items(i int) int {
	f.t.Helper()
	u := f.hosts[i%len(f.hosts)].URL
	body, ct, err := f.body(i, strings.TrimPrefix(u, "http://"))
	if err != nil {
		f.t.Fatal(err)
	}
	parsed, err := feed.Parse(body, ct, f.url(i))
	if err != nil {
		f.t.Fatal(err)
	}
	return len(parsed.Items)
}

// cluster is a NATS server, a store and what workers share.
type cluster struct {
	t        testing.TB
	url      string
	st       store.Store
	cls      *classify.Classifier
	log      *slog.Logger
	ackWait  time.Duration
	interval time.Duration
}

func newCluster(t testing.TB) *cluster {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "aitracker.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	tax, err := config.LoadDefaultTaxonomy()
	if err != nil {
		t.Fatal(err)
	}
	cls, err := classify.New(tax)
	if err != nil {
		t.Fatal(err)
	}
	return &cluster{t: t, url: natstest.Start(t), st: st, cls: cls, log: slog.New(slog.NewTextHandler(io.Discard, nil)),
		ackWait: 5 * time.Second, interval: -1}
}

// usePostgres makes a new database on pg the cluster's store of record,
// closed when the test ends.
func (c *cluster) usePostgres(pg *pgtest.Server) {
	c.t.Helper()
	ctx := context.Background()
	dsn, err := pg.NewDatabase(ctx)
	if err != nil {
		c.t.Fatal(err)
	}
	st, err := store.OpenPostgres(ctx, dsn)
	if err != nil {
		c.t.Fatal(err)
	}
	c.t.Cleanup(func() { st.Close() })
	c.st = st
}

// connect opens a connection of its own, closed when the test ends.
func (c *cluster) connect() (*nats.Conn, jetstream.JetStream) {
	c.t.Helper()
	nc, err := nats.Connect(c.url)
	if err != nil {
		c.t.Fatal(err)
	}
	c.t.Cleanup(nc.Close)
	js, err := jetstream.New(nc)
	if err != nil {
		c.t.Fatal(err)
	}
	return nc, js
}

func (c *cluster) queue(js jetstream.JetStream) *Queue {
	c.t.Helper()
	q, err := Open(context.Background(), js, Options{AckWait: c.ackWait})
	if err != nil {
		c.t.Fatal(err)
	}
	return q
}

func (c *cluster) scheduler(sources []news.Source) *Scheduler {
	_, js := c.connect()
	return &Scheduler{Queue: c.queue(js), Store: c.st, Sources: func() []news.Source { return sources }, Logger: c.log}
}

// node is a running worker, as a process of its own would be: its own
// connection, fetch client and pipeline.
type node struct {
	nc     *nats.Conn
	w      *Worker
	cancel context.CancelFunc
	done   chan error
	once   sync.Once
	err    error
}

// worker starts a worker; setup, when given, sets it up before it runs.
func (c *cluster) worker(name string, setup func(*node)) *node {
	c.t.Helper()
	ctx := context.Background()
	nc, js := c.connect()
	hosts, err := OpenHosts(ctx, js, HostsOptions{Holder: name, MaxRequest: 5 * time.Second, Logger: c.log})
	if err != nil {
		c.t.Fatal(err)
	}
	client := fetch.New(fetch.Options{AllowPrivate: true, Timeout: 5 * time.Second, HostInterval: c.interval, Hosts: hosts})
	w := &Worker{
		Queue:    c.queue(js),
		Pipeline: &pipeline.Pipeline{Store: c.st, Classifier: c.cls, Logger: c.log, Fetcher: &ingest.Fetcher{Client: client}},
		Logger:   c.log.With("worker", name),
	}
	n := &node{nc: nc, w: w, done: make(chan error, 1)}
	if setup != nil {
		setup(n)
	}
	wctx, cancel := context.WithCancel(ctx)
	n.cancel = cancel
	go func() { n.done <- w.Run(wctx) }()
	c.t.Cleanup(func() {
		if err := n.stop(); err != nil {
			c.t.Errorf("worker %s: %v", name, err)
		}
	})
	return n
}

// stop stops the worker and waits for it.
func (n *node) stop() error {
	n.once.Do(func() {
		n.cancel()
		n.err = <-n.done
	})
	return n.err
}

// eventually waits for cond, failing the test if it does not hold within
// a bound far above what it takes.
func eventually(t testing.TB, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("still waiting for %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// depth is the queue's depth, failing the test on error.
func depth(t testing.TB, q *Queue) uint64 {
	t.Helper()
	n, err := q.Depth(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// checkStoredOnce checks that the store holds every item of every feed
// once: per source, as many articles as its feed has items, and no more
// in all.
func checkStoredOnce(t *testing.T, st store.Store, f *feeds) {
	t.Helper()
	ctx := context.Background()
	srcs, err := st.Sources(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := 0
	byURL := map[string]news.Source{}
	for _, s := range srcs {
		byURL[s.URL] = s
	}
	for i := range f.n {
		n := f.items(i)
		want += n
		s := byURL[f.url(i)]
		if s.ArticleCount != n || s.LastSuccessAt.IsZero() || s.ConsecutiveFailures != 0 {
			t.Errorf("feed %d: %d articles (want %d), last success %v, %d failures, last error %q",
				i, s.ArticleCount, n, s.LastSuccessAt, s.ConsecutiveFailures, s.LastError)
		}
	}
	got, err := st.CountArticles(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got != want {
		t.Errorf("store holds %d articles, want %d (each item once)", got, want)
	}
}

// hostsLog is the fixture's log by host, each in order of start.
func (f *feeds) hostsLog() map[string][]hit {
	f.mu.Lock()
	defer f.mu.Unlock()
	out := map[string][]hit{}
	for _, h := range f.hits {
		out[h.host] = append(out[h.host], h)
	}
	for _, hs := range out {
		sort.Slice(hs, func(i, j int) bool { return hs[i].start.Before(hs[j].start) })
	}
	return out
}
