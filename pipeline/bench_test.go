package pipeline_test

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aitracker/aitracker/ingest"
	"github.com/aitracker/aitracker/ingest/fetch"
	"github.com/aitracker/aitracker/news"
	"github.com/aitracker/aitracker/pipeline"
)

// benchWords is a vocabulary for generated article text.
var benchWords = strings.Fields(`company model funding round investors startup platform customers revenue growth
	engineers research compute chips data cloud enterprise launch release agent assistant market analysts
	competition valuation billion million series led partnership acquisition deal regulators europe china
	training inference open weights benchmark developers api pricing users product team hiring expansion
	infrastructure software hardware robotics vision language speech video coding search security health
	finance legal retail logistics energy datacenter gpu capacity contract agreement quarter year week said`)

// benchFeed is an RSS feed of 20 news-like items, unique to feed n: a
// headline naming a company and an event, and a lead of generated text.
func benchFeed(n int, now time.Time) []byte {
	rng := rand.New(rand.NewPCG(uint64(n), 7))
	companies := []string{"OpenAI", "Anthropic", "Mistral AI", "Databricks", "Nvidia", "智谱", "月之暗面", "Hugging Face", "Cohere", "Perplexity"}
	verbs := []string{"raises $%d million in Series B led by Sequoia Capital", "launches a new agent platform for enterprises",
		"releases an open-weight model with %d billion parameters", "to acquire a data-labelling startup for $%d million",
		"partners with a cloud provider on compute", "完成%d亿元新一轮融资，红杉中国领投", "发布新一代大模型，参数规模%d亿"}
	var b strings.Builder
	fmt.Fprintf(&b, `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Feed %d</title><link>https://feed%d.example/</link>`, n, n)
	for i := range 20 {
		c := companies[rng.IntN(len(companies))]
		v := verbs[rng.IntN(len(verbs))]
		if strings.Contains(v, "%d") {
			v = fmt.Sprintf(v, 10+rng.IntN(900))
		}
		lead := make([]string, 45+rng.IntN(30))
		for k := range lead {
			lead[k] = benchWords[rng.IntN(len(benchWords))]
		}
		fmt.Fprintf(&b, `<item><guid>feed%d-item%d</guid><link>https://feed%d.example/story/%d</link><title>%s %s</title>`+
			`<description>%s %s. %s.</description><pubDate>%s</pubDate></item>`,
			n, i, n, i, c, v, c, v, strings.Join(lead, " "), now.Add(-time.Duration(rng.IntN(72))*time.Hour).Format(time.RFC1123Z))
	}
	b.WriteString(`</channel></rss>`)
	return []byte(b.String())
}

// peakRSS is the process's peak resident set, from /proc (Linux).
func peakRSS() int64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			return kb << 10
		}
	}
	return 0
}

// stages adds up the time a pass's stages took, as the pipeline reports
// it to its observer: "events" and "index" run after the sources' reads.
type stages struct {
	mu sync.Mutex
	d  map[string]time.Duration
}

func (s *stages) Stage(stage string, d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.d == nil {
		s.d = map[string]time.Duration{}
	}
	s.d[stage] += d
}

func (s *stages) Fetched(string, int64) {}
func (s *stages) LimitHit(string)       {}
func (s *stages) Stored(int, int)       {}
func (s *stages) Indexed(int)           {}
func (s *stages) PassDone(time.Time)    {}

// BenchmarkIngest1000Feeds ingests 1,000 feeds of 20 items from 100
// loopback servers (ten feeds each, as ten hosts would serve a hundred
// sources), then runs a second pass that gets 304s. Run it alone, with
// -benchtime=1x: peak RSS is the process's. AITRACKER_BENCH_COMPARE=1
// also ingests the same sources writing each article in its own
// transaction, and reports that rate and the speed-up of batching.
func BenchmarkIngest1000Feeds(b *testing.B) {
	servers, perServer := 100, 10
	if n, err := strconv.Atoi(os.Getenv("AITRACKER_BENCH_SERVERS")); err == nil && n > 0 {
		servers = n // a smaller run, for profiling
	}
	now := time.Now()
	var sources []news.Source
	for s := range servers {
		feeds := make(map[string][]byte, perServer)
		for k := range perServer {
			n := s*perServer + k
			feeds[fmt.Sprintf("/feed/%d", n)] = benchFeed(n, now)
		}
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			body, ok := feeds[r.URL.Path]
			if !ok {
				http.NotFound(w, r)
				return
			}
			etag := `"` + r.URL.Path + `"`
			if r.Header.Get("If-None-Match") == etag {
				w.WriteHeader(http.StatusNotModified)
				return
			}
			w.Header().Set("ETag", etag)
			w.Header().Set("Content-Type", "application/rss+xml")
			w.Write(body)
		}))
		defer srv.Close()
		for k := range perServer {
			n := s*perServer + k
			sources = append(sources, news.Source{Name: fmt.Sprintf("Feed %d", n), URL: fmt.Sprintf("%s/feed/%d", srv.URL, n), Kind: news.KindFeed})
		}
	}
	cls := defaultClassifier(b)
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	ctx := context.Background()
	// pass ingests every source into a new store and index, with batch
	// articles a write at most (0: the pipeline's batches), and gives the
	// first pass's time, then that of a second one, which gets 304s.
	var after stages // of the first passes
	pass := func(batch int, again bool) (first, second time.Duration) {
		dir := b.TempDir()
		st, ix := openData(b, dir, log)
		defer st.Close()
		defer ix.Close()
		obs := &stages{}
		p := &pipeline.Pipeline{Store: st, Index: ix, Classifier: cls, Logger: log, Workers: 8, Observer: obs,
			Fetcher: &ingest.Fetcher{Client: fetch.New(fetch.Options{AllowPrivate: true, HostInterval: -1})}}
		pipeline.SetBatch(p, batch)
		start := time.Now()
		sum, err := p.Run(ctx, sources)
		if err != nil || sum.SourcesOK != len(sources) || sum.New != 20*len(sources) {
			b.Fatalf("first pass: %s, %v", sum, err)
		}
		first = time.Since(start)
		if batch == 0 {
			after.Stage("events", obs.d["events"])
			after.Stage("index", obs.d["index"])
		}
		if !again {
			return first, 0
		}
		start = time.Now()
		sum, err = p.Run(ctx, sources, pipeline.Options{Force: true})
		if err != nil || sum.NotModified != len(sources) || sum.New != 0 {
			b.Fatalf("second pass: %s, %v", sum, err)
		}
		return first, time.Since(start)
	}
	var first, second, single time.Duration
	articles := 0
	for b.Loop() {
		f, s := pass(0, true)
		first, second, articles = first+f, second+s, articles+20*len(sources)
		if os.Getenv("AITRACKER_BENCH_COMPARE") != "" {
			f, _ = pass(1, false)
			single += f
		}
	}
	if single > 0 {
		// The same sources, a write transaction per article: the store
		// before batching, measured in the same run.
		b.ReportMetric(float64(articles)/single.Seconds(), "articles/s-unbatched")
		b.ReportMetric(single.Seconds()/first.Seconds(), "speedup")
	}
	b.ReportMetric(first.Seconds()/float64(b.N), "first-pass-s")
	// The first pass's events and index stages, after the reads.
	b.ReportMetric(after.d["events"].Seconds()/float64(b.N), "events-s")
	b.ReportMetric(after.d["index"].Seconds()/float64(b.N), "index-s")
	b.ReportMetric(second.Seconds()/float64(b.N), "304-pass-s")
	b.ReportMetric(float64(articles)/first.Seconds(), "articles/s")
	b.ReportMetric(float64(peakRSS())/(1<<20), "peak-RSS-MiB")
}
