package digest_test

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/aitracker/aitracker/config"
	"github.com/aitracker/aitracker/dedupe"
	"github.com/aitracker/aitracker/digest"
	"github.com/aitracker/aitracker/index/gen"
	"github.com/aitracker/aitracker/internal/clock"
	"github.com/aitracker/aitracker/internal/mailtest"
	"github.com/aitracker/aitracker/news"
	"github.com/aitracker/aitracker/pipeline"
	"github.com/aitracker/aitracker/store"
)

func peakRSSMiB() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return float64(ru.Maxrss) / 1024
}

// BenchmarkDigest10k is a day of 2,000 events and 10,000 subscribers with
// varied filters (types, layers, companies, amounts, languages, and a
// search query for a quarter of them): select, render and hand every
// message to a loopback SMTP server. Each iteration is one full run for a
// new day.
//
//	go test ./digest -run '^$' -bench Digest10k -benchtime 3x
func BenchmarkDigest10k(b *testing.B) {
	ctx := context.Background()
	dir := b.TempDir()
	st, err := store.Open(ctx, filepath.Join(dir, "aitracker.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	g, err := gen.New(42)
	if err != nil {
		b.Fatal(err)
	}
	day := time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)
	srcID := map[string]int64{}
	rng := rand.New(rand.NewPCG(4, 2))
	var companies []string
	for n := 0; ; n++ {
		a := g.Next()
		if a.Tags.EventKey() == "" {
			continue
		}
		id, ok := srcID[a.SourceName]
		if !ok {
			rows, err := st.SyncSources(ctx, []news.Source{{Name: a.SourceName, URL: "http://127.0.0.1/" + strconv.Itoa(len(srcID)), Kind: news.KindFeed, Enabled: true}})
			if err != nil {
				b.Fatal(err)
			}
			id = rows[0].ID
			srcID[a.SourceName] = id
		}
		a.ID, a.SourceID, a.DedupKey = 0, id, "k"+strconv.Itoa(n)
		a.Published = day.Add(time.Duration(rng.IntN(86400)) * time.Second)
		a.Fetched = a.Published
		a.ContentHash = dedupe.ContentHash(&a)
		if _, err := st.SaveArticle(ctx, &a, dedupe.For(&a)); err != nil {
			b.Fatal(err)
		}
		if n%500 == 499 {
			if _, err := pipeline.UpdateEvents(ctx, st, discard(), day.Add(30*time.Hour)); err != nil {
				b.Fatal(err)
			}
			if c, _ := st.CountEvents(ctx); c >= 2000 {
				break
			}
		}
		if len(companies) < 300 {
			companies = append(companies, a.Tags.Primary)
		}
	}
	nEvents, _ := st.CountEvents(ctx)

	queries := []string{"robotics", "融资", "chip OR 芯片", `"open source"`, "round:series_b", "amount>100M", "agent", "大模型", "lang:zh", "inference"}
	types := []news.EventType{news.EventFunding, news.EventAcquisition, news.EventModelRelease, news.EventProductLaunch, news.EventIPO}
	for i := range 10000 {
		var f news.SubscriberFilter
		if rng.IntN(10) < 4 {
			f.Types = []news.EventType{types[rng.IntN(len(types))], types[rng.IntN(len(types))]}
		}
		if rng.IntN(10) < 3 {
			f.Layers = []news.Layer{news.Layers[rng.IntN(4)]}
		}
		if rng.IntN(10) < 1 {
			f.Companies = []string{companies[rng.IntN(len(companies))], companies[rng.IntN(len(companies))]}
		}
		if rng.IntN(10) < 2 {
			f.MinAmountUSD = float64(rng.IntN(200)) * 1e6
		}
		if rng.IntN(10) < 1 {
			f.Langs = []string{"zh"}
		}
		if rng.IntN(4) == 0 {
			f.Query = queries[rng.IntN(len(queries))]
		}
		sub := news.Subscriber{Email: fmt.Sprintf("s%05d@example.org", i), Filter: f, Frequency: "daily", SendAt: "07:00", TZ: "UTC",
			Created: day.Add(-48 * time.Hour)}
		if err := st.AddSubscriber(ctx, &sub); err != nil {
			b.Fatal(err)
		}
	}

	ms := mailtest.Start(b)
	ms.Set(func() { ms.Discard = true })
	cfg := config.Default().Digest
	cfg.From, cfg.BaseURL, cfg.Secret = "aitracker <digest@tracker.example>", "https://tracker.example", "a-secret-of-at-least-16-bytes"
	cfg.SMTP.Host, cfg.SMTP.StartTLS = "127.0.0.1", "never"
	cfg.SMTP.Port = ms.Port

	b.ResetTimer()
	var sent, empty int
	for i := range b.N {
		// Each iteration is the next day's run over the same events,
		// all of them new to every subscriber's window.
		now := day.Add(31*time.Hour + time.Duration(i)*24*time.Hour)
		s := &digest.Sender{Store: st, Config: cfg, Keys: digest.KeysFor(cfg), LockPath: filepath.Join(dir, "digest.lock"),
			Logger: discard(), Clock: clock.Func(func() time.Time { return now })}
		b.StopTimer()
		if i > 0 {
			// A new day: forget the last digest so that the window holds
			// the same events again.
			db, err := sql.Open("sqlite", filepath.Join(dir, "aitracker.db")+"?_pragma=busy_timeout(10000)")
			if err != nil {
				b.Fatal(err)
			}
			if _, err := db.Exec(`DELETE FROM digests_sent`); err != nil {
				b.Fatal(err)
			}
			db.Close()
		}
		b.StartTimer()
		rep, err := s.Run(ctx, digest.Options{})
		if err != nil {
			b.Fatal(err)
		}
		sent, empty = rep.Sent, rep.Empty
	}
	b.StopTimer()
	perRun := b.Elapsed().Seconds() / float64(b.N)
	b.ReportMetric(float64(nEvents), "events")
	b.ReportMetric(float64(sent), "messages/run")
	b.ReportMetric(float64(empty), "nothing-new/run")
	b.ReportMetric(perRun, "s/run")
	b.ReportMetric(float64(sent)/perRun, "messages/s")
	b.ReportMetric(peakRSSMiB(), "peak-RSS-MiB")
}
