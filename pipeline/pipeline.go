// Package pipeline is the one place that strings aitracker's stages
// together: for each source it fetches and parses (ingest), tags
// (classify), stores (store) and then brings the search index up to date
// with the store (index). It also owns the index lifecycle (open, rebuild
// when torn or outdated, catch up after a crash) and the schedule. The
// stages themselves know nothing of each other.
package pipeline

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"
	"sync"
	"time"

	"github.com/aitracker/aitracker/classify"
	"github.com/aitracker/aitracker/index"
	"github.com/aitracker/aitracker/ingest"
	"github.com/aitracker/aitracker/ingest/fetch"
	"github.com/aitracker/aitracker/news"
	"github.com/aitracker/aitracker/store"
)

// Pipeline runs ingestion passes. One pass runs at a time.
type Pipeline struct {
	Store      *store.Store
	Index      *index.Index
	Fetcher    *ingest.Fetcher
	Classifier *classify.Classifier
	Logger     *slog.Logger
	Workers    int
	// Progress, when set, is told about each source as it finishes.
	Progress Progress
	// Passes, when set, receives the summary of every scheduled pass that
	// ran (without blocking: a summary nobody is waiting for is dropped).
	Passes chan<- Summary

	running sync.Mutex
}

// Progress follows a pass.
type Progress interface {
	Start(total int)
	SourceDone(name string, err error)
	Finish()
}

// Summary is what one pass did.
type Summary struct {
	Sources       int           `json:"sources"`
	SourcesOK     int           `json:"sources_ok"`
	SourcesFailed int           `json:"sources_failed"`
	NotModified   int           `json:"not_modified"`
	New           int           `json:"new_articles"`
	Updated       int           `json:"updated_articles"`
	Tagged        int           `json:"tagged_events"`
	Indexed       int           `json:"indexed"`
	Duration      time.Duration `json:"-"`
	Interrupted   bool          `json:"interrupted"`
	Failures      []Failure     `json:"failures,omitempty"`
}

// Failure is one source that failed in a pass.
type Failure struct {
	Source string `json:"source"`
	URL    string `json:"url"`
	Err    string `json:"error"`
}

// String is the one-line summary printed at the end of a pass.
func (s Summary) String() string {
	line := fmt.Sprintf("%d sources: %d ok (%d unchanged), %d failed; %d new articles, %d updated, %d tagged events, %d indexed; %s",
		s.Sources, s.SourcesOK, s.NotModified, s.SourcesFailed, s.New, s.Updated, s.Tagged, s.Indexed, s.Duration.Round(time.Millisecond))
	if s.Interrupted {
		line += " (interrupted)"
	}
	return line
}

// ErrBusy is returned when a pass is asked for while one is running.
var ErrBusy = errors.New("pipeline: a pass is already running")

// Run does one full pass over sources: fetch → classify → store for each,
// then index what the store has that the index has not. One failing
// source never stops the others. When ctx is cancelled the pass stops
// between articles; what was stored is kept and indexed on the next start.
func (p *Pipeline) Run(ctx context.Context, sources []news.Source) (Summary, error) {
	if !p.running.TryLock() {
		return Summary{}, ErrBusy
	}
	defer p.running.Unlock()
	start := time.Now()
	var sum Summary
	rows, err := p.Store.SyncSources(ctx, sources)
	if err != nil {
		return sum, err
	}
	sum.Sources = len(rows)
	if p.Progress != nil {
		p.Progress.Start(len(rows))
	}
	workers := max(1, p.Workers)
	jobs := make(chan news.Source)
	results := make(chan sourceResult)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for src := range jobs {
				results <- p.source(ctx, src)
			}
		})
	}
	go func() {
		defer close(jobs)
		for _, src := range rows {
			select {
			case jobs <- src:
			case <-ctx.Done():
				return
			}
		}
	}()
	go func() {
		wg.Wait()
		close(results)
	}()
	for r := range results {
		switch {
		case r.interrupted:
		case r.err != nil:
			sum.SourcesFailed++
			sum.Failures = append(sum.Failures, Failure{Source: r.src.Name, URL: r.src.URL, Err: r.err.Error()})
		default:
			sum.SourcesOK++
			if r.notModified {
				sum.NotModified++
			}
		}
		sum.New += r.created
		sum.Updated += r.updated
		sum.Tagged += r.tagged
		if p.Progress != nil {
			p.Progress.SourceDone(r.src.Name, r.err)
		}
	}
	if p.Progress != nil {
		p.Progress.Finish()
	}
	sum.Interrupted = ctx.Err() != nil
	if !sum.Interrupted {
		n, err := CatchUp(ctx, p.Store, p.Index, nil)
		sum.Indexed = n
		if err != nil && ctx.Err() == nil {
			sum.Duration = time.Since(start)
			return sum, err
		}
	}
	sum.Interrupted = ctx.Err() != nil
	sum.Duration = time.Since(start)
	return sum, nil
}

type sourceResult struct {
	src                      news.Source
	err                      error
	notModified, interrupted bool
	created, updated, tagged int
}

// source reads one source and stores its articles. A panic anywhere in
// it is recovered and recorded as the source's failure.
func (p *Pipeline) source(ctx context.Context, src news.Source) (res sourceResult) {
	res.src = src
	log := p.Logger.With("source_id", src.ID, "url", src.URL)
	started := time.Now()
	defer func() {
		if r := recover(); r != nil {
			log.Error("source panicked", "panic", r, "stack", string(debug.Stack()))
			res.err = fmt.Errorf("internal error: panic: %v", r)
			p.record(log, src, store.FetchOutcome{At: time.Now(), Err: res.err, NextCheckAt: time.Now().Add(time.Hour)})
		}
	}()
	if err := p.Store.BeginAttempt(ctx, src.ID, started); err != nil {
		if ctx.Err() != nil {
			res.interrupted = true
			return res
		}
		res.err = err
		return res
	}
	fetched, err := p.Fetcher.Fetch(ctx, src)
	if err != nil {
		if ctx.Err() != nil {
			res.interrupted = true
			return res
		}
		res.err = err
		log.Warn("source failed", "stage", "fetch", "err", err, "transient", fetch.Transient(err), "duration_ms", time.Since(started).Milliseconds())
		p.record(log, src, store.FetchOutcome{At: time.Now(), Err: err})
		return res
	}
	res.notModified = fetched.NotModified
	for i := range fetched.Articles {
		if ctx.Err() != nil {
			// Stop between articles. The validators are not saved, so the
			// next pass fetches the whole feed again and stores the rest.
			res.interrupted = true
			return res
		}
		a := &fetched.Articles[i]
		a.Tags = p.classify(log, a)
		r, err := p.Store.SaveArticle(ctx, a)
		if err != nil {
			if ctx.Err() != nil {
				res.interrupted = true
				return res
			}
			res.err = err
			log.Error("store failed", "stage", "store", "err", err)
			p.record(log, src, store.FetchOutcome{At: time.Now(), Err: err})
			return res
		}
		switch r {
		case store.Created:
			res.created++
		case store.Updated:
			res.updated++
		}
		if r != store.Unchanged && a.Tags.EventType != news.EventOther && a.Tags.EventType != "" {
			res.tagged++
		}
	}
	p.record(log, src, store.FetchOutcome{
		At: time.Now(), NotModified: fetched.NotModified, ETag: fetched.ETag, LastModified: fetched.LastModified,
	})
	log.Info("source done", "stage", "ingest", "articles", len(fetched.Articles), "new", res.created,
		"updated", res.updated, "not_modified", fetched.NotModified, "duration_ms", time.Since(started).Milliseconds())
	return res
}

// classify tags one article; a panic in the classifier loses the tags,
// not the article.
func (p *Pipeline) classify(log *slog.Logger, a *news.Article) (t news.Tags) {
	defer func() {
		if r := recover(); r != nil {
			log.Error("classifier panicked", "stage", "classify", "article_url", a.URL, "panic", r, "stack", string(debug.Stack()))
			t = news.Tags{Layer: news.LayerNone, EventType: news.EventOther, Version: "failed",
				Trail: []news.Decision{{What: "error", Value: fmt.Sprint(r), Rule: "the classifier failed on this article"}}}
		}
	}()
	return p.Classifier.ClassifyArticle(a)
}

// record stores a fetch outcome; it uses a context that survives the
// pass being cancelled, so that a finished fetch is never left half
// recorded.
func (p *Pipeline) record(log *slog.Logger, src news.Source, o store.FetchOutcome) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := p.Store.RecordFetch(ctx, src.ID, o); err != nil {
		log.Error("recording fetch outcome failed", "err", err)
	}
}
