package index

import (
	"context"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"sort"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/aitracker/aitracker/index/gen"
	"github.com/aitracker/aitracker/news"
)

var (
	scaleN     = flag.Int("scale", 0, "BenchmarkScale: articles to generate and index (e.g. 100000 or 1000000)")
	scaleDir   = flag.String("scale-dir", "", "BenchmarkScale: keep the index in this folder (reused when it already holds -scale articles)")
	scaleRuns  = flag.Int("scale-runs", 60, "BenchmarkScale: runs of each query shape")
	scaleBatch = flag.Int("scale-batch", 1000, "BenchmarkScale: articles per index batch")
	scaleBleve = flag.Bool("scale-no-table", false, "BenchmarkScale: answer every query with Bleve, without the filter table")
)

// scaleQueries are the query shapes the latency figures cover: free text,
// filters only, filters with text, ranges, facets, date sort, Chinese.
var scaleQueries = []struct {
	name string
	req  Request
	// filterFacet marks the shapes the p99 target is set for.
	filterFacet bool
}{
	{"text: common word", Request{Query: "funding"}, false},
	{"text: company name", Request{Query: "Anthropic"}, false},
	{"text: two words", Request{Query: "reasoning model"}, false},
	{"text: phrase", Request{Query: `"open weights"`}, false},
	{"text: prefix", Request{Query: "robot*"}, false},
	{"text: OR", Request{Query: "chips OR compute"}, false},
	{"text + negation", Request{Query: "funding -type:other"}, false},
	{"zh: word", Request{Query: "融资"}, false},
	{"zh: word + filters", Request{Query: "融资 lang:zh since:90d"}, false},
	{"filter: type", Request{Query: "type:funding"}, true},
	{"filter: type + layer", Request{Query: "type:funding layer:model"}, true},
	{"filter: type + amount", Request{Query: "type:funding amount>50M"}, true},
	{"filter: round + layer + amount", Request{Query: "round:series_b layer:middleware amount>50M"}, true},
	{"filter: company + type", Request{Query: "company:Databricks type:acquisition"}, true},
	{"filter: since + type", Request{Query: "since:90d type:model_release"}, true},
	{"filter: OR of types", Request{Query: "type:acquisition OR type:ipo"}, true},
	{"filter + text", Request{Query: "agents type:product_launch"}, false},
	{"facets: all articles", Request{Query: "", Facets: true, Limit: 20}, true},
	{"facets: type + since", Request{Query: "type:funding since:1y", Facets: true}, true},
	{"facets: layer + lang", Request{Query: "layer:model lang:zh", Facets: true}, true},
	{"facets: text", Request{Query: "inference", Facets: true}, false},
	{"sort date: text", Request{Query: "funding", Sort: "date"}, false},
	{"sort date: filter", Request{Query: "layer:model", Sort: "date"}, true},
	{"page 50: filter", Request{Query: "type:funding", Offset: 1000}, true},
	{"collapse: filter", Request{Query: "type:funding", Collapse: true}, true},
}

// BenchmarkScale generates -scale articles, indexes them in bulk and
// measures the index: articles/s, size on disk per article, peak RSS,
// and p50/p95/p99 latency of each query shape. It is skipped without
// -scale; `make bench-search` runs it at 100,000 articles.
//
//	go test ./index -run '^$' -bench Scale -benchtime 1x -timeout 4h -scale 1000000
func BenchmarkScale(b *testing.B) {
	if *scaleN == 0 {
		b.Skip("set -scale N to run (make bench-search)")
	}
	dir := *scaleDir
	if dir == "" {
		dir = b.TempDir()
	}
	path := filepath.Join(dir, fmt.Sprintf("index-%d", *scaleN))
	ctx := context.Background()
	ix, err := Open(path, Options{})
	if err != nil {
		b.Fatal(err)
	}
	have, _ := ix.Count()
	if have != uint64(*scaleN) {
		ix.Close()
		os.RemoveAll(path)
		if ix, err = Open(path, Options{}); err != nil {
			b.Fatal(err)
		}
		g, err := gen.New(1)
		if err != nil {
			b.Fatal(err)
		}
		// Bulk build as a rebuild under the command does it: batches on
		// every core, the collector tuned as cmd/aitracker's
		// tuneGCForBulk does, the watermark set at the end.
		restoreGC := tuneGCAsTheCommand()
		start := time.Now()
		batches := make(chan []news.Article, 2)
		var wg sync.WaitGroup
		for range max(2, runtime.NumCPU()) {
			wg.Go(func() {
				for batch := range batches {
					if err := ix.ApplyUnordered(ctx, batch); err != nil {
						b.Error(err)
					}
				}
			})
		}
		var textBytes int64
		batch := make([]news.Article, 0, *scaleBatch)
		for i := 0; i < *scaleN; i++ {
			a := g.Next()
			textBytes += int64(len(a.Title) + len(a.Summary) + len(a.Body))
			batch = append(batch, a)
			if len(batch) == cap(batch) || i == *scaleN-1 {
				batches <- batch
				batch = make([]news.Article, 0, *scaleBatch)
			}
			if (i+1)%100000 == 0 {
				fmt.Printf("  indexed %d articles, %.0f/s\n", i+1, float64(i+1)/time.Since(start).Seconds())
			}
		}
		close(batches)
		wg.Wait()
		restoreGC()
		if err := ix.SetSeq(int64(*scaleN)); err != nil {
			b.Fatal(err)
		}
		took := time.Since(start)
		fmt.Printf("bulk index: %d articles (%.0f MB of text) in %s: %.0f articles/s, %.2f MB/s\n",
			*scaleN, float64(textBytes)/1e6, took.Round(time.Second), float64(*scaleN)/took.Seconds(), float64(textBytes)/1e6/took.Seconds())
		b.ReportMetric(float64(*scaleN)/took.Seconds(), "index-articles/s")
		fmt.Printf("peak RSS after the build: %.0f MB\n", float64(peakRSS())/(1<<20))
		ix.Close()
		if ix, err = Open(path, Options{}); err != nil {
			b.Fatal(err)
		}
	}
	defer ix.Close()
	if *scaleBleve {
		ix.cols.stop()
		ix.cols.t = nil
		fmt.Println("filter table: off (-scale-no-table)")
	} else {
		start := time.Now()
		if err := ix.WaitFilterTable(ctx); err != nil {
			b.Fatal(err)
		}
		fmt.Printf("filter table: read in %s (in the background while searches go to Bleve), about %.0f MB\n",
			time.Since(start).Round(time.Millisecond), float64(ix.cols.t.size())/1e6)
	}
	size := dirSize(path)
	fmt.Printf("index size: %.1f MB, %.0f bytes per article\n", float64(size)/1e6, float64(size)/float64(*scaleN))
	b.ReportMetric(float64(size)/float64(*scaleN), "index-bytes/article")

	now := gen.End
	var filterFacet []time.Duration
	fmt.Printf("\n%-32s %9s %9s %9s %9s %9s\n", "query shape", "hits", "p50 ms", "p95 ms", "p99 ms", "max ms")
	for _, q := range scaleQueries {
		req := q.req
		req.Now = now
		var lat []time.Duration
		var total uint64
		for run := 0; run < *scaleRuns; run++ {
			start := time.Now()
			res, err := ix.Search(ctx, req)
			if err != nil {
				b.Fatalf("%s: %v", q.name, err)
			}
			lat = append(lat, time.Since(start))
			total = res.Total
		}
		if q.filterFacet {
			filterFacet = append(filterFacet, lat...)
		}
		p := percentiles(lat)
		fmt.Printf("%-32s %9d %9.1f %9.1f %9.1f %9.1f\n", q.name, total, ms(p[0]), ms(p[1]), ms(p[2]), ms(p[3]))
	}
	p := percentiles(filterFacet)
	fmt.Printf("\nfilter and facet shapes together: p50 %.1f ms, p95 %.1f ms, p99 %.1f ms\n", ms(p[0]), ms(p[1]), ms(p[2]))
	b.ReportMetric(ms(p[2]), "filter-facet-p99-ms")
	fmt.Printf("peak RSS: %.0f MB\n", float64(peakRSS())/(1<<20))
	b.ReportMetric(float64(peakRSS())/(1<<20), "peak-RSS-MB")
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// percentiles returns p50, p95, p99 and the maximum.
func percentiles(lat []time.Duration) [4]time.Duration {
	if len(lat) == 0 {
		return [4]time.Duration{}
	}
	s := append([]time.Duration(nil), lat...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	at := func(p float64) time.Duration { return s[min(len(s)-1, int(p*float64(len(s))))] }
	return [4]time.Duration{at(.50), at(.95), at(.99), s[len(s)-1]}
}

func dirSize(path string) int64 {
	var n int64
	filepath.WalkDir(path, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if fi, err := d.Info(); err == nil {
				n += fi.Size()
			}
		}
		return nil
	})
	return n
}

// peakRSS is the process's peak resident set size in bytes.
func peakRSS() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return ru.Maxrss * 1024 // kilobytes on Linux
}

// tuneGCAsTheCommand sets the collector as aitracker's command does for a
// bulk build (GOGC=400 under a 1.5 GiB soft limit) and returns the
// function that puts the previous settings back.
func tuneGCAsTheCommand() (restore func()) {
	percent := debug.SetGCPercent(400)
	limit := debug.SetMemoryLimit(1536 << 20)
	return func() {
		debug.SetGCPercent(percent)
		debug.SetMemoryLimit(limit)
	}
}
