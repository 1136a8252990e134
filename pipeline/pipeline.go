// Package pipeline is the one place that strings aitracker's stages
// together: for each source that is due it fetches and parses (ingest),
// fetches the page of teaser items, tags (classify), stores (store), and
// then brings the search index up to date with the store (index). It also
// decides when each source is next due (Retry-After, Cache-Control,
// exponential back-off after failures), owns the index lifecycle (open,
// rebuild when torn or outdated, catch up after a crash) and the schedule.
// The stages themselves know nothing of each other.
package pipeline

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"log/slog"
	"runtime/debug"
	"sort"
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
	Store *store.Store
	Index *index.Index
	// Live, when set, is written to instead of Index: the index in use,
	// which a rebuild can replace while passes run.
	Live       *index.Live
	Fetcher    *ingest.Fetcher
	Classifier *classify.Classifier
	Logger     *slog.Logger
	Workers    int
	Policy     Policy
	// Progress, when set, is told about each source as it finishes.
	Progress Progress
	// Passes, when set, receives the summary of every scheduled pass that
	// ran (without blocking: a summary nobody is waiting for is dropped).
	Passes chan<- Summary
	// AfterPass, when set, is called when a scheduled pass ends, however
	// it ended.
	AfterPass func()
	// Now is the clock; nil means time.Now.
	Now func() time.Time

	running sync.Mutex
}

// Policy is when sources are fetched and how much is fetched.
type Policy struct {
	// Jitter spreads the starts of a pass's fetches over this window.
	Jitter time.Duration
	// RetryBase is the wait after a first failure, doubled with each
	// further one up to MaxBackoff; MaxBackoff also caps Retry-After and
	// Cache-Control waits. Zero values mean 15 minutes and 24 hours.
	RetryBase, MaxBackoff time.Duration
	// FullText fetches the page of items whose feed gives only a teaser
	// shorter than TeaserChars.
	FullText    bool
	TeaserChars int
}

// Backoff is the wait before retrying a source that failed failures
// times in a row: RetryBase doubled for each failure after the first, at
// most MaxBackoff. A failing source is never given up on.
func (p Policy) Backoff(failures int) time.Duration {
	base, most := p.RetryBase, p.maxBackoff()
	if base <= 0 {
		base = 15 * time.Minute
	}
	d := base
	for i := 1; i < failures && d < most; i++ {
		d *= 2
	}
	return min(d, most)
}

func (p Policy) maxBackoff() time.Duration {
	if p.MaxBackoff <= 0 {
		return 24 * time.Hour
	}
	return p.MaxBackoff
}

// Progress follows a pass.
type Progress interface {
	Start(total int)
	SourceDone(name string, err error)
	Finish()
}

// Summary is what one pass did.
type Summary struct {
	Sources       int `json:"sources"`
	NotDue        int `json:"not_due"`
	SourcesOK     int `json:"sources_ok"`
	SourcesFailed int `json:"sources_failed"`
	NotModified   int `json:"not_modified"`
	New           int `json:"new_articles"`
	Updated       int `json:"updated_articles"`
	Duplicates    int `json:"duplicates_linked"`
	Pages         int `json:"pages_fetched"`
	Tagged        int `json:"tagged_events"`
	Indexed       int `json:"indexed"`
	// Events are the events created and updated from the pass's articles.
	EventsNew     int           `json:"events_new"`
	EventsUpdated int           `json:"events_updated"`
	Duration      time.Duration `json:"-"`
	Interrupted   bool          `json:"interrupted"`
	Failures      []Failure     `json:"failures,omitempty"`
	Recovered     []string      `json:"recovered_from_crash,omitempty"`
}

// Failure is one source that failed in a pass.
type Failure struct {
	Source string `json:"source"`
	URL    string `json:"url"`
	Err    string `json:"error"`
}

// String is the one-line summary printed at the end of a pass.
func (s Summary) String() string {
	line := fmt.Sprintf("%d sources: %d ok (%d unchanged), %d failed", s.Sources-s.NotDue, s.SourcesOK, s.NotModified, s.SourcesFailed)
	if s.NotDue > 0 {
		line += fmt.Sprintf(", %d not due", s.NotDue)
	}
	line += fmt.Sprintf("; %d new articles, %d updated, %d tagged events, %d indexed", s.New, s.Updated, s.Tagged, s.Indexed)
	if s.EventsNew > 0 || s.EventsUpdated > 0 {
		line += fmt.Sprintf("; events: %d new, %d updated", s.EventsNew, s.EventsUpdated)
	}
	if s.Duplicates > 0 {
		line += fmt.Sprintf(", %d duplicates linked", s.Duplicates)
	}
	if s.Pages > 0 {
		line += fmt.Sprintf(", %d pages read", s.Pages)
	}
	line += "; " + s.Duration.Round(time.Millisecond).String()
	if s.Interrupted {
		line += " (interrupted)"
	}
	return line
}

// ErrBusy is returned when a pass is asked for while one is running.
var ErrBusy = errors.New("pipeline: a pass is already running")

// Options change one pass.
type Options struct {
	// Force fetches every source now, due or not.
	Force bool
}

func (p *Pipeline) now() time.Time {
	if p.Now != nil {
		return p.Now().UTC()
	}
	return time.Now().UTC()
}

// Run does one pass over the sources that are due: fetch → classify →
// store for each, then index what the store has that the index has not.
// One failing source never stops the others. When ctx is cancelled the
// pass stops between articles; what was stored is kept and indexed on the
// next start.
func (p *Pipeline) Run(ctx context.Context, sources []news.Source, opts ...Options) (Summary, error) {
	if !p.running.TryLock() {
		return Summary{}, ErrBusy
	}
	defer p.running.Unlock()
	var o Options
	if len(opts) > 0 {
		o = opts[0]
	}
	start := time.Now()
	var sum Summary
	now := p.now()
	recovered, err := p.Store.RecoverInterrupted(ctx, now, p.Policy.Backoff, 0)
	if err != nil {
		return sum, err
	}
	for _, in := range recovered {
		p.Logger.Warn("the previous run stopped while reading this source; counted as a failure", "source", in.Name)
		sum.Recovered = append(sum.Recovered, in.Name)
	}
	rows, err := p.Store.SyncSources(ctx, sources)
	if err != nil {
		return sum, err
	}
	sum.Sources = len(rows)
	var due []news.Source
	for _, src := range rows {
		if o.Force || !src.NextCheckAt.After(now) {
			due = append(due, src)
		} else {
			sum.NotDue++
		}
	}
	// Each source starts at an offset fixed by its URL within the jitter
	// window, the same on every pass, so that starts are spread out.
	offsets := make(map[string]time.Duration, len(due))
	for _, src := range due {
		offsets[src.URL] = jitter(src.URL, p.Policy.Jitter)
	}
	sort.SliceStable(due, func(i, j int) bool { return offsets[due[i].URL] < offsets[due[j].URL] })
	if p.Progress != nil {
		p.Progress.Start(len(due))
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
	wg.Go(func() {
		defer close(jobs)
		for _, src := range due {
			if wait := time.Until(start.Add(offsets[src.URL])); wait > 0 {
				t := time.NewTimer(wait)
				select {
				case <-t.C:
				case <-ctx.Done():
					t.Stop()
					return
				}
			}
			select {
			case jobs <- src:
			case <-ctx.Done():
				return
			}
		}
	})
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
		sum.Duplicates += r.duplicates
		sum.Pages += r.pages
		if p.Progress != nil {
			p.Progress.SourceDone(r.src.Name, r.err)
		}
	}
	if p.Progress != nil {
		p.Progress.Finish()
	}
	sum.Interrupted = ctx.Err() != nil
	if !sum.Interrupted {
		n, err := p.catchUp(ctx)
		sum.Indexed = n
		if err != nil && ctx.Err() == nil {
			sum.Duration = time.Since(start)
			return sum, err
		}
		// Events follow the store; a failure here loses nothing, the
		// next pass recomputes what is left.
		ev, err := UpdateEvents(ctx, p.Store, p.Logger, p.now())
		sum.EventsNew, sum.EventsUpdated = ev.Created, ev.Updated
		if err != nil && ctx.Err() == nil {
			p.Logger.Error("events not updated; the next pass retries", "stage", "events", "err", err)
		}
		// The index learns the articles' events.
		if err == nil && ev.Created+ev.Updated+ev.Deleted > 0 {
			if _, err := p.catchUp(ctx); err != nil && ctx.Err() == nil {
				sum.Duration = time.Since(start)
				return sum, err
			}
		}
	}
	sum.Interrupted = ctx.Err() != nil
	sum.Duration = time.Since(start)
	return sum, nil
}

// catchUp indexes what the store has that the index in use has not.
func (p *Pipeline) catchUp(ctx context.Context) (int, error) {
	if p.Live == nil {
		return CatchUp(ctx, p.Store, p.Index, nil)
	}
	var n int
	err := p.Live.With(func(ix *index.Index) error {
		var err error
		n, err = CatchUp(ctx, p.Store, ix, nil)
		return err
	})
	return n, err
}

// jitter is a source's start offset within the window, fixed by its URL.
func jitter(url string, window time.Duration) time.Duration {
	if window <= 0 {
		return 0
	}
	h := fnv.New64a()
	h.Write([]byte(url))
	return time.Duration(h.Sum64() % uint64(window))
}

type sourceResult struct {
	src                      news.Source
	err                      error
	notModified, interrupted bool
	created, updated, tagged int
	duplicates, pages        int
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
			p.fail(log, src, res.err)
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
			p.interrupted(log, src)
			res.interrupted = true
			return res
		}
		res.err = err
		log.Warn("source failed", "stage", "fetch", "err", err, "transient", fetch.Transient(err), "duration_ms", time.Since(started).Milliseconds())
		p.fail(log, src, err)
		return res
	}
	res.notModified = fetched.NotModified
	for i := range fetched.Articles {
		if ctx.Err() != nil {
			// Stop between articles. The validators are not saved, so the
			// next pass fetches the whole feed again and stores the rest.
			p.interrupted(log, src)
			res.interrupted = true
			return res
		}
		a := &fetched.Articles[i]
		r, err := p.article(ctx, log, a, &res)
		if err != nil {
			if ctx.Err() != nil {
				p.interrupted(log, src)
				res.interrupted = true
				return res
			}
			res.err = err
			log.Error("store failed", "stage", "store", "err", err)
			p.fail(log, src, err)
			return res
		}
		switch r {
		case store.Created:
			res.created++
			if a.DuplicateOf != 0 {
				res.duplicates++
			}
		case store.Updated:
			res.updated++
		}
		if r != store.Unchanged && a.Tags.EventType != news.EventOther && a.Tags.EventType != "" {
			res.tagged++
		}
	}
	next := p.now()
	if fetched.FreshFor > 0 {
		// The server said how long its answer stays fresh: not before.
		next = next.Add(min(fetched.FreshFor, p.Policy.maxBackoff()))
	}
	p.record(log, src, store.FetchOutcome{
		At: time.Now(), NotModified: fetched.NotModified, ETag: fetched.ETag, LastModified: fetched.LastModified, NextCheckAt: next,
	})
	log.Info("source done", "stage", "ingest", "articles", len(fetched.Articles), "new", res.created,
		"updated", res.updated, "not_modified", fetched.NotModified, "duration_ms", time.Since(started).Milliseconds())
	return res
}

// article takes one fetched item through full text, classification and
// the store. An item the store already has, unchanged and tagged by this
// classifier, costs one lookup and nothing else.
func (p *Pipeline) article(ctx context.Context, log *slog.Logger, a *news.Article, res *sourceResult) (store.SaveResult, error) {
	a.ContentHash = store.ContentHash(a)
	known, found, err := p.Store.Lookup(ctx, a.SourceID, a.DedupKey)
	if err != nil {
		return store.Unchanged, err
	}
	if found && known.ContentHash == a.ContentHash && known.Version == p.Classifier.Version() {
		a.ID = known.ID
		return store.Unchanged, nil
	}
	var fullTextErr error
	switch {
	case found && known.BodySource == "page" && a.Body == "":
		// The page was read before; the feed item changed, the page text
		// is still the best we have.
		a.Body, a.BodySource, a.URL = known.Body, known.BodySource, known.URL
	case p.Policy.FullText && ingest.IsTeaser(a, p.Policy.TeaserChars) && a.URL != "":
		fullTextErr = p.Fetcher.FullText(ctx, a)
		if fullTextErr == nil {
			res.pages++
		} else if ctx.Err() == nil {
			log.Debug("full text not fetched; keeping the teaser", "stage", "extract", "article_url", a.URL, "err", fullTextErr)
		}
	}
	if a.Body != "" && a.BodySource == "" {
		a.BodySource = "feed"
	}
	// Outlets rewrite headlines; the text under them is what a copy keeps.
	a.SimHash = ingest.SimHash(a.Summary + "\n" + a.Body)
	a.Tags = p.classify(log, a)
	if fullTextErr != nil && ctx.Err() == nil {
		// Recorded on the article, where explain and the UI show it.
		a.Tags.Trail = append(a.Tags.Trail, news.Decision{What: "full_text", Value: "not fetched",
			Rule: "the feed gives a teaser only and the page could not be read: " + fullTextErr.Error()})
	}
	return p.Store.SaveArticle(ctx, a)
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

// fail records a failed attempt and when to try again: after the
// server's Retry-After when it gave one, else after the back-off for one
// more consecutive failure.
func (p *Pipeline) fail(log *slog.Logger, src news.Source, err error) {
	wait := p.Policy.Backoff(src.ConsecutiveFailures + 1)
	var se *fetch.StatusError
	if errors.As(err, &se) && se.RetryAfter > 0 {
		wait = min(max(se.RetryAfter, time.Second), p.Policy.maxBackoff())
	}
	p.record(log, src, store.FetchOutcome{At: time.Now(), Err: err, NextCheckAt: p.now().Add(wait)})
}

// interrupted closes an attempt cut short by cancellation.
func (p *Pipeline) interrupted(log *slog.Logger, src news.Source) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := p.Store.EndAttempt(ctx, src.ID); err != nil {
		log.Error("closing the interrupted attempt failed", "err", err)
	}
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
