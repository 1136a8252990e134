package web

import (
	"context"
	"log/slog"
	"net/http"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/aitracker/aitracker/index"
	"github.com/aitracker/aitracker/internal/clock"
	"github.com/aitracker/aitracker/store"
)

// Metrics are served at /metrics for Prometheus: requests and their
// latency per route, what the store and the index hold and how far the
// index lags, and, when a pipeline and a digest sender report to it (it
// is their Observer), what passes and digests do. One Metrics serves one
// process.
type Metrics struct {
	reg      *prometheus.Registry
	requests *prometheus.CounterVec
	latency  *prometheus.HistogramVec

	fetches   *prometheus.CounterVec
	bytes     prometheus.Counter
	limits    *prometheus.CounterVec
	stages    *prometheus.HistogramVec
	stored    *prometheus.CounterVec
	indexed   prometheus.Counter
	mailed    *prometheus.CounterVec
	lastPass  prometheus.Gauge
	passesRun prometheus.Counter
}

// metrics is Metrics, as the server holds it.
type metrics = Metrics

// NewMetrics registers aitracker's metrics; st and ix, when not nil,
// are read at each scrape for the article and event counts and the
// index's lag behind the store.
func NewMetrics(st store.Store, ix *index.Live) *Metrics {
	m := &Metrics{reg: prometheus.NewRegistry()}
	m.requests = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "aitracker_http_requests_total", Help: "HTTP requests by route and status code.",
	}, []string{"route", "code"})
	m.latency = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name: "aitracker_http_request_duration_seconds", Help: "Time to answer HTTP requests, by route.",
		Buckets: []float64{.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10},
	}, []string{"route"})
	m.fetches = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "aitracker_fetches_total",
		Help: "Source reads by outcome: ok, not_modified, or the failure (body_cap, timeout, blocked_address, redirects, http_4xx, http_5xx, network, parse).",
	}, []string{"outcome"})
	m.bytes = prometheus.NewCounter(prometheus.CounterOpts{
		Name: "aitracker_fetched_bytes_total", Help: "Bytes of feed and list-page bodies read.",
	})
	m.limits = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "aitracker_fetch_limit_hits_total",
		Help: "Fetches of sources and article pages stopped by a limit: body_cap, timeout, blocked_address, redirects, robots.",
	}, []string{"limit"})
	m.stages = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name:    "aitracker_pass_stage_duration_seconds",
		Help:    "Time spent in a stage of a pass: fetch (per source), extract, classify, store (per article), events and index (per pass).",
		Buckets: []float64{.0005, .001, .005, .01, .05, .1, .5, 1, 5, 15, 60, 300},
	}, []string{"stage"})
	m.stored = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "aitracker_articles_stored_total", Help: "Articles written to the store, by result: created or updated.",
	}, []string{"result"})
	m.indexed = prometheus.NewCounter(prometheus.CounterOpts{
		Name: "aitracker_articles_indexed_total", Help: "Articles written to the search index.",
	})
	m.mailed = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "aitracker_digest_messages_total",
		Help: "Digests due, by outcome: sent, empty, failed (retried later), refused, uncertain, skipped.",
	}, []string{"outcome"})
	m.lastPass = prometheus.NewGauge(prometheus.GaugeOpts{
		Name: "aitracker_last_successful_pass_timestamp_seconds", Help: "When the last pass that ran to its end finished (Unix time).",
	})
	m.passesRun = prometheus.NewCounter(prometheus.CounterOpts{
		Name: "aitracker_passes_total", Help: "Passes that ran to their end.",
	})
	m.reg.MustRegister(m.requests, m.latency, m.fetches, m.bytes, m.limits, m.stages, m.stored, m.indexed, m.mailed,
		m.lastPass, m.passesRun, collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	for _, o := range []string{"ok", "not_modified"} {
		m.fetches.WithLabelValues(o)
	}
	for _, r := range []string{"created", "updated"} {
		m.stored.WithLabelValues(r)
	}
	gauge := func(name, help string, f func(context.Context) (float64, error)) {
		m.reg.MustRegister(prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: name, Help: help}, func() float64 {
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
			defer cancel()
			v, err := f(ctx)
			if err != nil {
				return -1
			}
			return v
		}))
	}
	if st != nil {
		count := func(f func(context.Context) (int, error)) func(context.Context) (float64, error) {
			return func(ctx context.Context) (float64, error) {
				n, err := f(ctx)
				return float64(n), err
			}
		}
		gauge("aitracker_articles", "Articles in the store.", count(st.CountArticles))
		gauge("aitracker_events", "Events in the store.", count(st.CountEvents))
	}
	if st != nil && ix != nil {
		gauge("aitracker_index_lag_writes", "Store writes the search index has not taken in yet (-1 when either cannot be read).",
			func(ctx context.Context) (float64, error) {
				want, err := st.MaxSeq(ctx)
				if err != nil {
					return 0, err
				}
				have, err := ix.Seq()
				if err != nil {
					return 0, err
				}
				return float64(max(0, want-have)), nil
			})
	}
	return m
}

// Fetched counts a source read (pipeline.Observer).
func (m *Metrics) Fetched(outcome string, bytes int64) {
	m.fetches.WithLabelValues(outcome).Inc()
	m.bytes.Add(float64(bytes))
}

// LimitHit counts a fetch a limit stopped (pipeline.Observer).
func (m *Metrics) LimitHit(limit string) { m.limits.WithLabelValues(limit).Inc() }

// Stage observes time spent in a stage (pipeline.Observer).
func (m *Metrics) Stage(stage string, d time.Duration) {
	m.stages.WithLabelValues(stage).Observe(d.Seconds())
}

// Stored counts articles written to the store (pipeline.Observer).
func (m *Metrics) Stored(created, updated int) {
	m.stored.WithLabelValues("created").Add(float64(created))
	m.stored.WithLabelValues("updated").Add(float64(updated))
}

// Indexed counts articles written to the index (pipeline.Observer).
func (m *Metrics) Indexed(n int) { m.indexed.Add(float64(n)) }

// PassDone records a pass that ran to its end (pipeline.Observer).
func (m *Metrics) PassDone(at time.Time) {
	m.passesRun.Inc()
	m.lastPass.Set(float64(at.Unix()))
}

// Mailed counts a digest due by its outcome (digest.Observer).
func (m *Metrics) Mailed(outcome string) { m.mailed.WithLabelValues(outcome).Inc() }

func (m *metrics) handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{})
}

// statusWriter remembers the status code a handler wrote.
type statusWriter struct {
	http.ResponseWriter
	code int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.code == 0 {
		w.code = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.code == 0 {
		w.code = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

// instrument counts and times a route, and logs each request at debug
// level; the label and the log name the route's pattern, never the raw
// path, so that the number of series stays bounded and no token or
// address in a path reaches the log.
func (m *metrics) instrument(route string, log *slog.Logger, h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := clock.Real.Now()
		sw := &statusWriter{ResponseWriter: w}
		h.ServeHTTP(sw, r)
		if sw.code == 0 {
			sw.code = http.StatusOK
		}
		took := clock.Since(clock.Real, start)
		m.requests.WithLabelValues(route, strconv.Itoa(sw.code)).Inc()
		m.latency.WithLabelValues(route).Observe(took.Seconds())
		if log != nil {
			log.Debug("request", "route", route, "status", sw.code, "duration_ms", took.Milliseconds())
		}
	})
}

// Gatherer gives the metrics to a program in the process, as a scrape of
// /metrics would.
func (m *Metrics) Gatherer() prometheus.Gatherer { return m.reg }
