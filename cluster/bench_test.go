package cluster

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/aitracker/aitracker/index"
	"github.com/aitracker/aitracker/internal/pgtest"
	"github.com/aitracker/aitracker/news"
)

// The cluster benchmark's workload: benchFeeds feeds of benchItems items
// each, on benchHosts loopback hosts, read with benchInterval between two
// requests to one host. The interval is small so that politeness does
// not set the pace: each host has benchFeeds/benchHosts feeds to serve.
const (
	benchHosts    = 20
	benchFeeds    = 240
	benchItems    = 20
	benchInterval = 10 * time.Millisecond
)

var benchVocabulary = strings.Fields(`company model funding round investors startup platform customers revenue growth
	engineers research compute chips data cloud enterprise launch release agent assistant market analysts
	competition valuation billion million series led partnership acquisition deal regulators europe china
	training inference open weights benchmark developers api pricing users product team hiring expansion
	infrastructure software hardware robotics vision language speech video coding search security health`)

// benchFeedBody is an RSS feed of benchItems news-like items unique to
// feed n, its links under base: a headline naming a company and an
// event, and a lead of generated text.
func benchFeedBody(n int, base string, now time.Time) []byte {
	rng := rand.New(rand.NewPCG(uint64(n), 11))
	companies := []string{"OpenAI", "Anthropic", "Mistral AI", "Databricks", "Nvidia", "智谱", "月之暗面", "Hugging Face", "Cohere", "Perplexity"}
	verbs := []string{"raises $%d million in Series B led by Sequoia Capital", "launches a new agent platform for enterprises",
		"releases an open-weight model with %d billion parameters", "to acquire a data-labelling startup for $%d million",
		"partners with a cloud provider on compute", "完成%d亿元新一轮融资，红杉中国领投", "发布新一代大模型，参数规模%d亿"}
	var b strings.Builder
	fmt.Fprintf(&b, `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Feed %d</title><link>%s/</link>`, n, base)
	for i := range benchItems {
		c := companies[rng.IntN(len(companies))]
		v := verbs[rng.IntN(len(verbs))]
		if strings.Contains(v, "%d") {
			v = fmt.Sprintf(v, 10+rng.IntN(900))
		}
		lead := make([]string, 45+rng.IntN(30))
		for k := range lead {
			lead[k] = benchVocabulary[rng.IntN(len(benchVocabulary))]
		}
		fmt.Fprintf(&b, `<item><guid>feed%d-item%d</guid><link>%s/story/%d</link><title>%s %s</title>`+
			`<description>%s %s. %s.</description><pubDate>%s</pubDate></item>`,
			n, i, base, i, c, v, c, v, strings.Join(lead, " "), now.Add(-time.Duration(rng.IntN(72))*time.Hour).Format(time.RFC1123Z))
	}
	b.WriteString(`</channel></rss>`)
	return []byte(b.String())
}

// benchSources starts the loopback hosts and returns the sources they
// serve, feed n on host n mod benchHosts.
func benchSources(b *testing.B) []news.Source {
	b.Helper()
	now := time.Now().UTC()
	var srvs []*httptest.Server
	for range benchHosts {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			var n int
			if _, err := fmt.Sscanf(r.URL.Path, "/feed/%d", &n); err != nil || n < 0 || n >= benchFeeds {
				http.NotFound(w, r)
				return
			}
			w.Header().Set("Content-Type", "application/rss+xml")
			w.Write(benchFeedBody(n, "http://"+r.Host+"/feed/"+fmt.Sprint(n), now))
		}))
		b.Cleanup(srv.Close)
		srvs = append(srvs, srv)
	}
	out := make([]news.Source, benchFeeds)
	for n := range out {
		out[n] = news.Source{Name: fmt.Sprintf("Feed %03d", n), URL: fmt.Sprintf("%s/feed/%d", srvs[n%benchHosts].URL, n), Kind: news.KindFeed, Enabled: true}
	}
	return out
}

// ingestRun queues every source once, starts workers in-process workers
// (each its own NATS connection, host leases and fetch client, one job
// at a time) over the cluster's store, waits for the queue to drain and
// returns how long that took and how many articles the store holds.
func ingestRun(b *testing.B, c *cluster, sources []news.Source, workers int) (time.Duration, int) {
	b.Helper()
	ctx := context.Background()
	s := c.scheduler(sources)
	if r, err := s.QueueDue(ctx); err != nil || r.Queued != len(sources) {
		b.Fatalf("round: %s, %v", r, err)
	}
	start := time.Now()
	var nodes []*node
	for i := range workers {
		nodes = append(nodes, c.worker(fmt.Sprintf("w%d", i+1), nil))
	}
	eventually(b, "the queue to drain", func() bool { return depth(b, s.Queue) == 0 })
	took := time.Since(start)
	for _, n := range nodes {
		if err := n.stop(); err != nil {
			b.Fatal(err)
		}
	}
	got, err := c.st.CountArticles(ctx)
	if err != nil {
		b.Fatal(err)
	}
	if got != benchFeeds*benchItems {
		b.Fatalf("store holds %d articles, want %d", got, benchFeeds*benchItems)
	}
	return took, got
}

// workerRuns runs ingestRun with workers workers b.N times, each on a
// cluster open makes, and reports articles per second and the
// cores the process kept busy on average: the workers, and also the
// embedded NATS server and the loopback hosts, which run in it (a
// PostgreSQL server is another process).
func workerRuns(b *testing.B, workers int, open func() *cluster) {
	var took, cpu time.Duration
	var articles int
	for range b.N {
		c := open()
		c.interval = benchInterval
		sources := benchSources(b)
		cpu0 := cpuTime()
		t, n := ingestRun(b, c, sources, workers)
		cpu += cpuTime() - cpu0
		took += t
		articles += n
	}
	b.ReportMetric(float64(articles)/took.Seconds(), "articles/s")
	b.ReportMetric(cpu.Seconds()/took.Seconds(), "cores-used")
}

// cpuTime is the CPU time the process has used, user and system.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// benchQueries are the query shapes asked of a search node while it
// follows the store.
var benchQueries = []index.Request{
	{},
	{Query: "funding"},
	{Query: "type:funding layer:model"},
	{Query: `company:"OpenAI" agent`, Facets: true},
	{Query: `"open-weight model" -type:other`, Sort: "date"},
}

// BenchmarkCluster measures the cluster on loopback with an embedded
// NATS server and one SQLite store:
//
//   - workers=N: articles per second end to end (queue, host lease,
//     fetch, parse, classify, store) with N in-process workers;
//   - postgres/workers=N: the same with a PostgreSQL store;
//   - follower: a search node following the store (polling every 100 ms)
//     while two workers write, asked one of five query shapes every 20 ms
//     from another goroutine: search latency p50 and p99;
//   - catch-up: a new search node opened on an empty directory over the
//     store the follower run filled: articles indexed per second.
//
// Run with -benchtime 1x: each run is one pass over the sources.
func BenchmarkCluster(b *testing.B) {
	for _, workers := range []int{1, 2, 4} {
		b.Run(fmt.Sprintf("workers=%d", workers), func(b *testing.B) {
			workerRuns(b, workers, func() *cluster { return newCluster(b) })
		})
	}

	// The same runs with PostgreSQL as the store of record, as a cluster
	// has it: one server (Debian's binaries, durability off, on
	// loopback), a new database for each run. Skipped when the server
	// binaries are not installed.
	b.Run("postgres", func(b *testing.B) {
		pg := pgtest.Private(b)
		for _, workers := range []int{1, 2, 4} {
			b.Run(fmt.Sprintf("workers=%d", workers), func(b *testing.B) {
				workerRuns(b, workers, func() *cluster {
					c := newCluster(b)
					c.usePostgres(pg)
					return c
				})
			})
		}
	})

	// The follower run's store outlives it, for the catch-up run: its
	// cluster is the parent benchmark's.
	top := b
	var st *cluster
	b.Run("follower", func(b *testing.B) {
		var lat []time.Duration
		var ingested time.Duration
		var queries int
		for range b.N {
			ctx := context.Background()
			c := newCluster(top)
			c.interval = benchInterval
			st = c
			l, err := index.OpenServing(ctx, c.st, index.Config{Path: filepath.Join(b.TempDir(), "index"), Logger: c.log})
			if err != nil {
				b.Fatal(err)
			}
			b.Cleanup(func() { l.Close() })
			f := &Follower{Index: l, Store: c.st, Every: 100 * time.Millisecond, Logger: c.log}
			fctx, stop := context.WithCancel(ctx)
			var wg sync.WaitGroup
			wg.Go(func() { f.Run(fctx) })
			wg.Go(func() {
				tick := time.NewTicker(20 * time.Millisecond)
				defer tick.Stop()
				for k := 0; ; k++ {
					select {
					case <-fctx.Done():
						return
					case <-tick.C:
					}
					start := time.Now()
					if _, err := l.Search(fctx, benchQueries[k%len(benchQueries)]); err != nil && fctx.Err() == nil {
						b.Error(err)
						return
					}
					lat = append(lat, time.Since(start))
				}
			})
			took, n := ingestRun(b, c, benchSources(b), 2)
			ingested += took
			// The node has caught up when its watermark is the store's.
			eventually(b, "the follower to catch up", func() bool {
				seq, _ := c.st.MaxSeq(ctx)
				ix, _ := f.Seqs()
				return ix == seq
			})
			stop()
			wg.Wait()
			if cnt, err := l.Count(); err != nil || int(cnt) != n {
				b.Fatalf("follower holds %d articles (%v), the store %d", cnt, err, n)
			}
			queries = len(lat)
		}
		slices.Sort(lat)
		if len(lat) == 0 {
			b.Fatal("no query ran during ingestion")
		}
		pct := func(p float64) float64 {
			return float64(lat[min(len(lat)-1, int(p*float64(len(lat))))].Microseconds()) / 1000
		}
		b.ReportMetric(pct(0.50), "search-p50-ms")
		b.ReportMetric(pct(0.99), "search-p99-ms")
		b.ReportMetric(float64(queries), "queries")
		b.ReportMetric(float64(benchFeeds*benchItems*b.N)/ingested.Seconds(), "articles/s")
	})

	b.Run("catch-up", func(b *testing.B) {
		if st == nil {
			b.Skip("no store: the follower run did not run")
		}
		ctx := context.Background()
		var took time.Duration
		var articles int
		for range b.N {
			start := time.Now()
			l, err := index.OpenLive(ctx, st.st, index.Config{Path: filepath.Join(b.TempDir(), "index"), Logger: st.log})
			if err != nil {
				b.Fatal(err)
			}
			took += time.Since(start)
			n, err := l.Count()
			if err != nil {
				b.Fatal(err)
			}
			if int(n) != benchFeeds*benchItems {
				b.Fatalf("new node holds %d articles, want %d", n, benchFeeds*benchItems)
			}
			articles += int(n)
			if err := l.Close(); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(articles)/took.Seconds(), "articles/s")
	})
}
