package pipeline_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus/testutil"
	dto "github.com/prometheus/client_model/go"

	"github.com/aitracker/aitracker/ingest"
	"github.com/aitracker/aitracker/ingest/fetch"
	"github.com/aitracker/aitracker/internal/clock"
	"github.com/aitracker/aitracker/news"
	"github.com/aitracker/aitracker/web"
)

// TestMetricsOfAPass: the metrics an operator alerts on follow what a
// pass did, read from the Prometheus registry that /metrics serves: the
// reads by outcome (two feeds, a 500, garbage, a 404 and a body over the
// cap), bytes, the limit hit, each stage timed, the articles stored and
// indexed, no index lag after the pass, and the pass's end. The output
// passes promlint, the checker that `promtool check metrics` runs.
func TestMetricsOfAPass(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	srv := feedServer(t)
	huge := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Write([]byte(`<?xml version="1.0"?><rss version="2.0"><channel><title>Huge</title>`))
		w.Write([]byte(strings.Repeat("<!-- padding -->", 1<<17)))
	}))
	defer huge.Close()
	missing := httptest.NewServer(http.NotFoundHandler())
	defer missing.Close()
	f.p.Fetcher = &ingest.Fetcher{Client: fetch.New(fetch.Options{AllowPrivate: true, Timeout: 5 * time.Second,
		HostInterval: -1, MaxBytes: 1 << 20})}
	m := web.NewMetrics(f.st, f.ix)
	f.p.Observer = m
	end := time.Date(2026, 12, 3, 6, 0, 0, 0, time.UTC)
	f.p.Clock = clock.Func(func() time.Time { return end })

	list := append(sources(srv.URL), news.Source{Name: "Huge", URL: huge.URL + "/feed.xml", Kind: news.KindFeed},
		news.Source{Name: "Gone", URL: missing.URL + "/feed.xml", Kind: news.KindFeed})
	sum, err := f.p.Run(ctx, list)
	if err != nil {
		t.Fatal(err)
	}
	if sum.New == 0 || sum.Indexed == 0 {
		t.Fatalf("the pass stored nothing: %s", sum)
	}

	families, err := m.Gatherer().Gather()
	if err != nil {
		t.Fatal(err)
	}
	byName := map[string]*dto.MetricFamily{}
	for _, fam := range families {
		byName[fam.GetName()] = fam
	}
	value := func(name string, labels ...string) float64 {
		t.Helper()
		fam := byName[name]
		if fam == nil {
			t.Fatalf("no metric %s", name)
		}
	next:
		for _, mt := range fam.GetMetric() {
			for i := 0; i+1 < len(labels); i += 2 {
				found := false
				for _, lp := range mt.GetLabel() {
					if lp.GetName() == labels[i] && lp.GetValue() == labels[i+1] {
						found = true
					}
				}
				if !found {
					continue next
				}
			}
			switch {
			case mt.Counter != nil:
				return mt.Counter.GetValue()
			case mt.Gauge != nil:
				return mt.Gauge.GetValue()
			case mt.Histogram != nil:
				return float64(mt.Histogram.GetSampleCount())
			}
		}
		return 0
	}
	checks := []struct {
		name   string
		labels []string
		want   float64
	}{
		{"aitracker_fetches_total", []string{"outcome", "ok"}, 2},
		{"aitracker_fetches_total", []string{"outcome", "http_5xx"}, 1},
		{"aitracker_fetches_total", []string{"outcome", "http_4xx"}, 1},
		{"aitracker_fetches_total", []string{"outcome", "parse"}, 1},
		{"aitracker_fetches_total", []string{"outcome", "body_cap"}, 1},
		{"aitracker_fetch_limit_hits_total", []string{"limit", "body_cap"}, 1},
		{"aitracker_articles_stored_total", []string{"result", "created"}, float64(sum.New)},
		{"aitracker_articles_stored_total", []string{"result", "updated"}, float64(sum.Updated)},
		{"aitracker_articles_indexed_total", nil, float64(sum.Indexed)},
		{"aitracker_pass_stage_duration_seconds", []string{"stage", "fetch"}, 6},
		{"aitracker_pass_stage_duration_seconds", []string{"stage", "classify"}, float64(sum.New + sum.Updated)},
		// One batch per source with new or changed articles: the two that read.
		{"aitracker_pass_stage_duration_seconds", []string{"stage", "store"}, 2},
		{"aitracker_pass_stage_duration_seconds", []string{"stage", "events"}, 1},
		{"aitracker_pass_stage_duration_seconds", []string{"stage", "index"}, 1},
		{"aitracker_index_lag_writes", nil, 0},
		{"aitracker_passes_total", nil, 1},
		{"aitracker_last_successful_pass_timestamp_seconds", nil, float64(end.Unix())},
		{"aitracker_articles", nil, float64(sum.New)},
	}
	for _, c := range checks {
		if got := value(c.name, c.labels...); got != c.want {
			t.Errorf("%s%v = %v, want %v", c.name, c.labels, got, c.want)
		}
	}
	if got := value("aitracker_fetched_bytes_total"); got < 1000 {
		t.Errorf("aitracker_fetched_bytes_total = %v, want the two feeds' bodies", got)
	}
	problems, err := testutil.GatherAndLint(m.Gatherer())
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		t.Errorf("promlint: %s: %s", p.Metric, p.Text)
	}
}
