package pipeline_test

import (
	"context"
	"io"
	"log/slog"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/aitracker/aitracker/dedupe"
	"github.com/aitracker/aitracker/index/gen"
	"github.com/aitracker/aitracker/news"
	"github.com/aitracker/aitracker/pipeline"
	"github.com/aitracker/aitracker/store"
)

// benchArticles is how many articles BenchmarkUpdateEvents stores first.
var benchArticles = envInt("AITRACKER_BENCH_ARTICLES", 20000)

// BenchmarkUpdateEvents stores 20,000 generated articles over three years,
// merges them all into events (as after a change of the merge rules), then
// measures the update after each pass of 500 new articles. In "news" the
// pass brings the news of the last day, as a daily run does; in
// "any-date" its articles are from any time in the three years (a new
// source's archive), the worst case, since an update merges on from the
// earliest change.
//
//	go test ./pipeline -run '^$' -bench UpdateEvents -benchtime 5x
func BenchmarkUpdateEvents(b *testing.B) {
	b.Run("news", func(b *testing.B) { benchmarkUpdateEvents(b, true) })
	b.Run("any-date", func(b *testing.B) { benchmarkUpdateEvents(b, false) })
}

func benchmarkUpdateEvents(b *testing.B, recent bool) {
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(b.TempDir(), "aitracker.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	g, err := gen.New(7)
	if err != nil {
		b.Fatal(err)
	}
	srcs := map[string]int64{}
	n := 0
	latest := gen.End
	add := func(count int, recent bool) {
		for range count {
			a := g.Next()
			if recent {
				latest = latest.Add(time.Duration(86400/count) * time.Second)
				a.Published = latest
			}
			id, ok := srcs[a.SourceName]
			if !ok {
				rows, err := st.SyncSources(ctx, []news.Source{{Name: a.SourceName, URL: "http://127.0.0.1/" + strconv.Itoa(len(srcs)), Kind: news.KindFeed, Enabled: true}})
				if err != nil {
					b.Fatal(err)
				}
				id = rows[0].ID
				srcs[a.SourceName] = id
			}
			n++
			a.ID, a.SourceID, a.DedupKey, a.Fetched = 0, id, "k"+strconv.Itoa(n), a.Published
			a.ContentHash = dedupe.ContentHash(&a)
			if _, err := st.SaveArticle(ctx, &a, dedupe.For(&a)); err != nil {
				b.Fatal(err)
			}
		}
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	start := time.Now()
	add(benchArticles, false)
	b.ReportMetric(float64(time.Since(start).Milliseconds())/float64(benchArticles), "store-ms/article")
	start = time.Now()
	res, err := pipeline.UpdateEvents(ctx, st, log, time.Now())
	if err != nil {
		b.Fatal(err)
	}
	full := time.Since(start).Seconds()
	b.ResetTimer()
	defer func() {
		b.ReportMetric(full, "full-recompute-s")
		b.ReportMetric(float64(res.Created), "events")
	}()
	for range b.N {
		b.StopTimer()
		add(500, recent)
		b.StartTimer()
		if _, err := pipeline.UpdateEvents(ctx, st, log, time.Now()); err != nil {
			b.Fatal(err)
		}
	}
}
