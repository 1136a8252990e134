package pipeline

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"log/slog"
	"runtime/debug"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/aitracker/aitracker/classify"
	"github.com/aitracker/aitracker/dedupe"
	"github.com/aitracker/aitracker/index"
	"github.com/aitracker/aitracker/ingest"
	"github.com/aitracker/aitracker/ingest/fetch"
	"github.com/aitracker/aitracker/internal/clock"
	"github.com/aitracker/aitracker/news"
	"github.com/aitracker/aitracker/store"
)

// Pipeline runs ingestion passes. One full pass runs at a time; a manual
// refresh of some sources (Options.Only) may run beside it, and a source
// is never read by both at once.
type Pipeline struct {
	Store store.Store
	// Index is the index in use, which a rebuild can replace while
	// passes run.
	Index      *index.Live
	Fetcher    *ingest.Fetcher
	Classifier *classify.Classifier
	// Learn makes each pass start by learning the companies outside the
	// taxonomy that stored articles name (see LearnCompanies).
	Learn   bool
	Logger  *slog.Logger
	Workers int
	Policy  Policy
	// Progress, when set, is told about each source as it finishes.
	Progress Progress
	// Observer, when set, is told what each pass does, for metrics.
	Observer Observer
	// Passes, when set, receives the summary of every scheduled pass that
	// ran (without blocking: a summary nobody is waiting for is dropped).
	Passes chan<- Summary
	// AfterPass, when set, is called when a scheduled pass ends, however
	// it ended.
	AfterPass func()
	// Clock is what passes plan their starts by, record times with and
	// time themselves by; nil means the real clock.
	Clock clock.Clock

	// learnt is Classifier with the companies learnt at the start of the
	// last pass, when Learn is set.
	learnt    atomic.Pointer[classify.Classifier]
	running   sync.Mutex // held by a full pass
	post      sync.Mutex // held while the index and events catch up
	recoverMu sync.Mutex
	recovered bool
	// suspects are the sources a crash left open, with their crashes in
	// a row: each is read alone, before any other, so that the next
	// crash, if any, is blamed on the source that caused it.
	suspects map[int64]int
	locks    sync.Map // source ID → *sourceLock
	batcher  batcher  // commits the workers' articles together
	handoff  handoff  // the text of what a pass wrote, for the indexer
	batch    int      // articles per write at most; maxBatch when 0
	stats    struct{ passes, skipped, panics atomic.Int64 }

	// Seams for tests: parsed sees each source's parsed feed before its
	// articles are stored; classify stands in for the classifier;
	// started is told the time each source of a pass starts.
	parsed   func(news.Source, *ingest.Result)
	classify func(*news.Article) news.Tags
	started  func(news.Source, time.Time)
}

// Stats are counts since the pipeline was made.
type Stats struct {
	Passes  int64 // passes that returned without error (interrupted ones too), manual refreshes included
	Skipped int64 // scheduled passes skipped because the previous one was still running
	Panics  int64 // panics recovered, in a source or in a whole pass
}

// Stats returns the counts so far.
func (p *Pipeline) Stats() Stats {
	return Stats{Passes: p.stats.passes.Load(), Skipped: p.stats.skipped.Load(), Panics: p.stats.panics.Load()}
}

// Policy is when sources are fetched and how much is fetched.
type Policy struct {
	// Jitter spreads the starts of a pass's fetches over this window.
	Jitter time.Duration
	// CrashLimit is how many times in a row the process may die while
	// reading a source before the source is disabled ("crashed during
	// processing"); 0 means 3, negative never.
	CrashLimit int
	// RetryBase is the wait after a first failure, doubled with each
	// further one up to MaxBackoff; MaxBackoff also caps Retry-After and
	// Cache-Control waits. Zero values mean 15 minutes and 24 hours.
	RetryBase, MaxBackoff time.Duration
	// FullText fetches the page of items whose feed gives only a teaser
	// shorter than TeaserChars.
	FullText    bool
	TeaserChars int
}

// permanentFactor is how many times longer a permanent failure waits
// than a transient one: with the defaults 4 hours after the first, then
// 8 and 16, then the 24-hour cap.
const permanentFactor = 16

// PermanentBackoff is the wait before retrying a source whose last
// failure was permanent (a 404, a refused address, a document that is
// not a feed): Backoff times permanentFactor, at most MaxBackoff. It is
// never given up on either: someone may fix the feed.
func (p Policy) PermanentBackoff(failures int) time.Duration {
	return min(p.Backoff(failures)*permanentFactor, p.maxBackoff())
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

func (p Policy) crashLimit() int {
	switch {
	case p.CrashLimit == 0:
		return 3
	case p.CrashLimit < 0:
		return 0
	}
	return p.CrashLimit
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
	Disabled      int `json:"disabled"`
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
	// Quarantined are the sources disabled at this start because the
	// process died while reading them too many times in a row.
	Quarantined []string `json:"quarantined,omitempty"`
}

// Failure is one source that failed in a pass.
type Failure struct {
	Source string `json:"source"`
	URL    string `json:"url"`
	Err    string `json:"error"`
	// Plain says it in plain words, when more can be said than Err does.
	Plain string `json:"plain,omitempty"`
}

// String is the one-line summary printed at the end of a pass.
func (s Summary) String() string {
	line := fmt.Sprintf("%d sources: %d ok (%d unchanged), %d failed", s.Sources-s.NotDue-s.Disabled, s.SourcesOK, s.NotModified, s.SourcesFailed)
	if s.NotDue > 0 {
		line += fmt.Sprintf(", %d not due", s.NotDue)
	}
	if s.Disabled > 0 {
		line += fmt.Sprintf(", %d disabled", s.Disabled)
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

// ErrBusy is returned when a full pass is asked for while one is running.
var ErrBusy = errors.New("pipeline: a pass is already running")

// Options change one pass.
type Options struct {
	// Force fetches every source now, due or not.
	Force bool
	// Only makes the pass a manual refresh of the sources with these
	// names or URLs, read now, due or not, without jitter. It neither
	// waits for nor blocks a full pass; a source both want is read by one
	// after the other.
	Only []string
}

func (p *Pipeline) clock() clock.Clock { return clock.Or(p.Clock) }

func (p *Pipeline) now() time.Time { return p.clock().Now().UTC() }

// Run does one pass over the sources that are due: fetch → classify →
// store for each, then index what the store has that the index has not.
// One failing source never stops the others. When ctx is cancelled the
// pass stops between articles; what was stored is kept and indexed on the
// next start.
func (p *Pipeline) Run(ctx context.Context, sources []news.Source, opts ...Options) (Summary, error) {
	var o Options
	if len(opts) > 0 {
		o = opts[0]
	}
	manual := len(o.Only) > 0
	if !manual {
		if !p.running.TryLock() {
			return Summary{}, ErrBusy
		}
		defer p.running.Unlock()
	}
	clk := p.clock()
	start := p.now()
	var sum Summary
	if err := p.recoverCrashes(ctx, start, &sum); err != nil {
		return sum, err
	}
	rows, err := p.Store.SyncSources(ctx, sources)
	if err != nil {
		return sum, err
	}
	if p.Learn && !manual {
		if n, err := p.LearnCompanies(ctx); err != nil {
			p.Logger.Warn("companies not learnt; the pass tags with what it knew", "stage", "classify", "err", err)
		} else if n > 0 {
			p.Logger.Info("companies learnt from stored articles", "stage", "classify", "learnt", n)
		}
	}
	only := map[string]bool{}
	for _, name := range o.Only {
		only[name] = true
	}
	var enabled, due, alone []news.Source
	for _, src := range rows {
		if manual && !only[src.Name] && !only[src.URL] {
			continue
		}
		delete(only, src.Name)
		delete(only, src.URL)
		sum.Sources++
		switch {
		case !src.Enabled:
			sum.Disabled++
			continue
		case manual || o.Force || Due(src, start):
			if p.suspect(src.ID) > 0 {
				alone = append(alone, src)
			} else {
				due = append(due, src)
			}
		default:
			sum.NotDue++
		}
		enabled = append(enabled, src)
	}
	if len(only) > 0 {
		var missing []string
		for _, name := range o.Only {
			if only[name] {
				missing = append(missing, name)
			}
		}
		return sum, fmt.Errorf("pipeline: no source named %s", strings.Join(missing, ", "))
	}
	// Suspects go alone and first, the least crashed first: those are
	// the likelier bystanders of a crash another source caused.
	sort.SliceStable(alone, func(i, j int) bool { return p.suspect(alone[i].ID) < p.suspect(alone[j].ID) })
	// Each source starts at its offset within the jitter window, the same
	// on every pass, so that starts are spread out. A manual refresh
	// starts at once.
	var offsets map[int64]time.Duration
	if !manual {
		offsets = spread(enabled, p.Policy.Jitter)
	}
	sort.SliceStable(due, func(i, j int) bool { return offsets[due[i].ID] < offsets[due[j].ID] })
	if p.Progress != nil {
		p.Progress.Start(len(alone) + len(due))
	}
	// A panic below (a Progress that panics, say) stops the workers and
	// waits for them, so that no source is left locked. The feeder
	// closes results once it and its workers are done.
	ctx, cancel := context.WithCancel(ctx)
	results := make(chan sourceResult)
	var feeder sync.WaitGroup
	defer func() {
		cancel()
		for range results {
		}
		feeder.Wait()
	}()
	forced := manual || o.Force
	feeder.Go(func() {
		defer close(results)
		for _, src := range alone {
			if ctx.Err() != nil {
				return
			}
			results <- p.read(ctx, src, start, forced)
			p.cleared(src.ID)
		}
		workers := max(1, p.Workers)
		jobs := make(chan news.Source)
		var pool sync.WaitGroup
		for range workers {
			pool.Go(func() {
				for src := range jobs {
					results <- p.read(ctx, src, start, forced)
				}
			})
		}
		defer pool.Wait()
		defer close(jobs)
		for _, src := range due {
			if wait := start.Add(offsets[src.ID]).Sub(p.now()); wait > 0 {
				select {
				case <-clk.After(wait):
				case <-ctx.Done():
					return
				}
			}
			if p.started != nil {
				p.started(src, p.now())
			}
			select {
			case jobs <- src:
			case <-ctx.Done():
				return
			}
		}
	})
	for r := range results {
		p.count(&sum, r)
		if p.Progress != nil {
			p.Progress.SourceDone(r.src.Name, r.err)
		}
	}
	if p.Progress != nil {
		p.Progress.Finish()
	}
	sum.Interrupted = ctx.Err() != nil
	if !sum.Interrupted {
		if err := p.after(ctx, &sum); err != nil {
			sum.Duration = clock.Since(clk, start)
			return sum, err
		}
	}
	sum.Interrupted = ctx.Err() != nil
	sum.Duration = clock.Since(clk, start)
	p.stats.passes.Add(1)
	if !sum.Interrupted {
		p.observer().PassDone(p.now())
	}
	return sum, nil
}

// count adds one source's read to a summary.
func (p *Pipeline) count(sum *Summary, r sourceResult) {
	switch {
	case r.interrupted:
	case r.skipped:
		sum.NotDue++
	case r.err != nil:
		sum.SourcesFailed++
		sum.Failures = append(sum.Failures, Failure{Source: r.src.Name, URL: r.src.URL, Err: r.err.Error(), Plain: ingest.Explain(r.err)})
	default:
		sum.SourcesOK++
		if r.notModified {
			sum.NotModified++
		}
	}
	sum.New += r.created
	sum.Updated += r.updated
	p.observer().Stored(r.created, r.updated)
	sum.Tagged += r.tagged
	sum.Duplicates += r.duplicates
	sum.Pages += r.pages
}

// Due reports whether a pass reads src at now: it is enabled and its
// next check is not after now.
func Due(src news.Source, now time.Time) bool {
	return src.Enabled && !src.NextCheckAt.After(now)
}

// ReadSource reads one source now, as a pass reads each of its sources:
// fetch, parse, the pages of teaser items, classify, store by canonical
// URL and dedup key (so that reading it again duplicates nothing), and
// the fetch state recorded on the source's row (validators, failures,
// when it is next due). It is what a queue worker does with one job. It
// waits for a read of the same source running in this process and never
// skips it; it neither brings the events or the index up to date nor
// looks for attempts a crash left open: those belong to whoever runs
// passes. The summary counts the one source. Interrupted says ctx ended
// before the source was done: what was stored is kept, the fetch state
// is not advanced, and the source should be read again.
func (p *Pipeline) ReadSource(ctx context.Context, src news.Source) Summary {
	start := p.now()
	r := p.read(ctx, src, start, true)
	sum := Summary{Sources: 1}
	p.count(&sum, r)
	sum.Interrupted = r.interrupted
	sum.Duration = clock.Since(p.clock(), start)
	return sum
}

// after brings the events and then the index up to date with the store,
// one pass or refresh at a time. Events come first: the index holds each
// article's event, so that each article the pass stored is written to the
// index once, with its event. What the index writes is what the store
// changed since the index's watermark: the pass's articles, and the
// articles their writes changed (an original that a copy now names, the
// other reports of an event that grew).
func (p *Pipeline) after(ctx context.Context, sum *Summary) error {
	p.post.Lock()
	defer p.post.Unlock()
	// A failure of the events loses nothing: the next pass recomputes
	// what is left, and the articles are searchable meanwhile.
	obs := p.observer()
	at := p.now()
	ev, err := UpdateEvents(ctx, p.Store, p.Logger, p.now())
	obs.Stage("events", clock.Since(p.clock(), at))
	sum.EventsNew, sum.EventsUpdated = ev.Created, ev.Updated
	if err != nil && ctx.Err() == nil {
		p.Logger.Error("events not updated; the next pass retries", "stage", "events", "err", err)
	}
	at = p.now()
	// The pass hands on the text of what it wrote: the index reads back
	// only the rest of those rows (after a crash, the next pass reads
	// every row whole).
	n, err := p.Index.CatchUpWith(ctx, p.handoff.text)
	p.handoff.reset()
	obs.Stage("index", clock.Since(p.clock(), at))
	obs.Indexed(n)
	sum.Indexed = n
	if err != nil && ctx.Err() == nil {
		return err
	}
	return nil
}

// recoverCrashes, once per pipeline (a crash ends the process, so only
// the first pass can find one), counts the attempts a dead process left
// open as failures and crashes, disables the sources that crashed too
// often in a row, and marks the others to be read alone.
func (p *Pipeline) recoverCrashes(ctx context.Context, now time.Time, sum *Summary) error {
	p.recoverMu.Lock()
	defer p.recoverMu.Unlock()
	if p.recovered {
		return nil
	}
	found, err := p.Store.RecoverInterrupted(ctx, now, p.Policy.Backoff, p.Policy.crashLimit())
	if err != nil {
		return err
	}
	p.recovered = true
	p.suspects = map[int64]int{}
	for _, in := range found {
		sum.Recovered = append(sum.Recovered, in.Name)
		if in.Disabled {
			sum.Quarantined = append(sum.Quarantined, in.Name)
			p.Logger.Error("source disabled: the process died while reading it too many times in a row; enable it again with aitracker sources enable",
				"source", in.Name, "source_id", in.ID, "crashes", in.Crashes, "reason", store.CrashedReason)
			continue
		}
		p.suspects[in.ID] = in.Crashes
		p.Logger.Warn("the previous run stopped while reading this source; counted as a failure, and it is read alone next",
			"source", in.Name, "source_id", in.ID, "crashes", in.Crashes)
	}
	return nil
}

// suspect is how many crashes in a row a source to be read alone has,
// 0 for any other.
func (p *Pipeline) suspect(id int64) int {
	p.recoverMu.Lock()
	defer p.recoverMu.Unlock()
	return p.suspects[id]
}

// cleared ends a source's time as a suspect: it was read alone.
func (p *Pipeline) cleared(id int64) {
	p.recoverMu.Lock()
	defer p.recoverMu.Unlock()
	delete(p.suspects, id)
}

// sourceLock is held while a source is read; done is when its last read
// ended.
type sourceLock struct {
	token chan struct{}
	done  time.Time
}

// read reads a source under its lock, waiting for a read of it that is
// running (a manual refresh beside a pass). A pass that waited does not
// read the source again when the other read ended after the pass began,
// unless forced.
func (p *Pipeline) read(ctx context.Context, src news.Source, passStart time.Time, forced bool) sourceResult {
	v, _ := p.locks.LoadOrStore(src.ID, &sourceLock{token: make(chan struct{}, 1)})
	l := v.(*sourceLock)
	select {
	case l.token <- struct{}{}:
	default:
		p.Logger.Info("waiting for the running read of this source", "source_id", src.ID, "url", src.URL)
		select {
		case l.token <- struct{}{}:
		case <-ctx.Done():
			return sourceResult{src: src, interrupted: true}
		}
	}
	defer func() { <-l.token }()
	if !forced && l.done.After(passStart) {
		p.Logger.Info("source read by another refresh during this pass; not read again", "source_id", src.ID, "url", src.URL)
		return sourceResult{src: src, skipped: true}
	}
	res := p.source(ctx, src)
	l.done = p.now()
	return res
}

// spread gives each source its start offset within the window. The
// sources are ranked by a hash of their URL and set evenly across the
// window, so that starts are as far apart as the window allows (a hash
// alone would bunch some) and a source keeps its offset from pass to pass
// and across restarts; adding or removing a source moves the others by at
// most one slot.
func spread(srcs []news.Source, window time.Duration) map[int64]time.Duration {
	out := make(map[int64]time.Duration, len(srcs))
	if window <= 0 || len(srcs) == 0 {
		return out
	}
	type ranked struct {
		id   int64
		hash uint64
		url  string
	}
	rs := make([]ranked, len(srcs))
	for i, src := range srcs {
		h := fnv.New64a()
		h.Write([]byte(src.URL))
		rs[i] = ranked{src.ID, h.Sum64(), src.URL}
	}
	sort.Slice(rs, func(i, j int) bool {
		if rs[i].hash != rs[j].hash {
			return rs[i].hash < rs[j].hash
		}
		return rs[i].url < rs[j].url
	})
	for i, r := range rs {
		out[r.id] = time.Duration(float64(window) * float64(i) / float64(len(rs)))
	}
	return out
}

type sourceResult struct {
	src                               news.Source
	err                               error
	notModified, interrupted, skipped bool
	classifyPanics                    int
	created, updated, tagged          int
	duplicates, pages                 int
}

// source reads one source and stores its articles. A panic anywhere in
// it is recovered and recorded as the source's failure.
func (p *Pipeline) source(ctx context.Context, src news.Source) (res sourceResult) {
	res.src = src
	log := p.Logger.With("source_id", src.ID, "url", src.URL)
	started := p.now()
	defer func() {
		if r := recover(); r != nil {
			p.stats.panics.Add(1)
			log.Error("source panicked", "panic", r, "stack", string(debug.Stack()))
			res.err = fmt.Errorf("internal error: panic: %v", r)
			// The same input panics the same way: not retried soon.
			p.fail(log, src, "panic", fetch.KindPermanent, res.err)
		}
	}()
	if err := p.Store.BeginAttempt(ctx, src.ID, p.now()); err != nil {
		if ctx.Err() != nil {
			res.interrupted = true
			return res
		}
		res.err = err
		return res
	}
	obs := p.observer()
	fetchStart := p.now()
	fetched, err := p.Fetcher.Fetch(ctx, src)
	obs.Stage("fetch", clock.Since(p.clock(), fetchStart))
	if err != nil {
		if ctx.Err() != nil {
			return p.interrupted(log, res)
		}
		res.err = err
		stage, kind := "fetch", fetch.KindTransient
		if k, ok := fetch.KindOf(err); ok {
			kind = k
		} else {
			// Fetched, but not a feed (or a list page without its
			// selectors): the same bytes fail the same way next time.
			stage, kind = "parse", fetch.KindPermanent
		}
		obs.Fetched(FetchOutcome(stage, err), 0)
		if l := Limit(err); l != "" {
			obs.LimitHit(l)
		}
		p.fail(log.With("duration_ms", clock.Since(p.clock(), started).Milliseconds()), src, stage, kind, err)
		return res
	}
	if p.parsed != nil {
		p.parsed(src, fetched)
	}
	if fetched.NotModified {
		obs.Fetched("not_modified", fetched.Bytes)
	} else {
		obs.Fetched("ok", fetched.Bytes)
	}
	res.notModified = fetched.NotModified
	// Each article is read and tagged here; the source's new and changed
	// ones are then stored together, with other workers' (see batcher),
	// a batch at a time, so that a long feed's pages are not all held.
	limit := cmp.Or(p.batch, maxBatch)
	arts := make([]news.Article, 0, min(len(fetched.Articles), limit))
	var failed error
	flush := func() {
		if len(arts) == 0 || failed != nil {
			return
		}
		saves := make([]store.Save, len(arts))
		for i := range arts {
			saves[i] = store.Save{Article: &arts[i], Dup: dedupe.For(&arts[i])}
		}
		at := p.now()
		err := p.batcher.save(ctx, p.Store, saves, limit)
		obs.Stage("store", clock.Since(p.clock(), at))
		if err == nil && p.Index != nil {
			p.handoff.keep(saves)
		}
		arts = arts[:0]
		if err != nil {
			failed = err
			return
		}
		for _, sv := range saves {
			a := sv.Article
			switch {
			case sv.Err != nil:
				failed = cmp.Or(failed, sv.Err)
				continue
			case sv.Result == store.Created:
				res.created++
				if a.DuplicateOf != 0 {
					res.duplicates++
				}
			case sv.Result == store.Updated:
				res.updated++
			}
			if sv.Result != store.Unchanged && a.Tags.EventType != news.EventOther && a.Tags.EventType != "" {
				res.tagged++
			}
		}
	}
	for _, item := range fetched.Articles {
		if ctx.Err() != nil {
			// Stop between articles. The validators are not saved, so the
			// next pass fetches the whole feed again and stores the rest.
			return p.interrupted(log, res)
		}
		a, unchanged, err := p.article(ctx, log, item, &res)
		if err != nil {
			if ctx.Err() != nil {
				return p.interrupted(log, res)
			}
			res.err = err
			p.fail(log, src, "store", fetch.KindTransient, err)
			return res
		}
		if !unchanged {
			arts = append(arts, a)
		}
		if len(arts) == limit {
			if flush(); failed != nil {
				break
			}
		}
	}
	flush()
	if failed != nil {
		// What was stored stays; the validators are not saved, so the
		// next pass reads the feed again and retries the rest.
		res.err = failed
		p.fail(log, src, "store", fetch.KindTransient, failed)
		return res
	}
	next := p.now()
	if fetched.FreshFor > 0 {
		// The server said how long its answer stays fresh: not before.
		next = next.Add(min(fetched.FreshFor, p.Policy.maxBackoff()))
	}
	if res.classifyPanics > 0 {
		log.Warn("the classifier failed on some articles; they are stored untagged", "stage", "classify", "articles", res.classifyPanics)
	}
	p.record(log, src, store.FetchOutcome{
		At: p.now(), NotModified: fetched.NotModified, ETag: fetched.ETag, LastModified: fetched.LastModified, NextCheckAt: next,
	})
	log.Info("source done", "stage", "ingest", "articles", len(fetched.Articles), "new", res.created,
		"updated", res.updated, "not_modified", fetched.NotModified, "duration_ms", clock.Since(p.clock(), started).Milliseconds())
	return res
}

// article takes one fetched item through its stages before the store,
// handing it on by value: the page's text when the feed gives a teaser
// (ingest) and the tags (classify). An item the store already has,
// unchanged and tagged by these rules (whatever companies were learnt
// then: see classify.SameRules), costs one lookup and nothing else:
// unchanged is true and there is nothing to store.
func (p *Pipeline) article(ctx context.Context, log *slog.Logger, item news.Article, res *sourceResult) (a news.Article, unchanged bool, err error) {
	a = item
	a.ContentHash = dedupe.ContentHash(&a)
	known, found, err := p.Store.Lookup(ctx, a.SourceID, a.DedupKey)
	if err != nil {
		return a, false, err
	}
	if found && known.ContentHash == a.ContentHash && classify.SameRules(known.Version, p.classifier().Version()) {
		a.ID = known.ID
		return a, true, nil
	}
	obs := p.observer()
	at, pages := p.now(), res.pages
	a, fullTextErr := p.fullText(ctx, log, a, known, found, res)
	if res.pages > pages || fullTextErr != nil {
		// A page was read now (or tried): a page kept from an earlier
		// pass costs no extraction.
		obs.Stage("extract", clock.Since(p.clock(), at))
		if l := Limit(fullTextErr); l != "" {
			obs.LimitHit(l)
		}
	}
	a.SimHash = dedupe.Fingerprint(&a)
	at = p.now()
	a.Tags = p.tag(log, a, res)
	obs.Stage("classify", clock.Since(p.clock(), at))
	if fullTextErr != nil && ctx.Err() == nil {
		// Recorded on the article, where explain and the UI show it.
		a.Tags.Trail = append(a.Tags.Trail, news.Decision{What: "full_text", Value: "not fetched",
			Rule: "the feed gives a teaser only and the page could not be read: " + fullTextErr.Error()})
	}
	return a, false, nil
}

// fullText gives back the article with the best text there is: the page
// read on an earlier pass, or the page read now when the feed gives a
// teaser only. When the page could not be read it gives back the article
// as it came, and why.
func (p *Pipeline) fullText(ctx context.Context, log *slog.Logger, a news.Article, known store.Known, found bool, res *sourceResult) (news.Article, error) {
	var err error
	switch {
	case found && known.BodySource == "page" && a.Body == "":
		// The page was read before; the feed item changed, the page text
		// is still the best we have.
		a.Body, a.BodySource, a.URL = known.Body, known.BodySource, known.URL
	case p.Policy.FullText && ingest.IsTeaser(&a, p.Policy.TeaserChars) && a.URL != "":
		var pg ingest.Page
		if pg, err = p.Fetcher.FullText(ctx, a); err == nil {
			pg.Fill(&a)
			res.pages++
		} else if ctx.Err() == nil {
			log.Debug("full text not fetched; keeping the teaser", "stage", "extract", "article_url", a.URL, "err", err)
		}
	}
	if a.Body != "" && a.BodySource == "" {
		a.BodySource = "feed"
	}
	return a, err
}

// tag classifies one article; a panic in the classifier loses the tags,
// not the article, and is recorded on it. The stack is logged for the
// first such article of a source only.
func (p *Pipeline) tag(log *slog.Logger, a news.Article, res *sourceResult) (t news.Tags) {
	defer func() {
		if r := recover(); r != nil {
			p.stats.panics.Add(1)
			res.classifyPanics++
			if res.classifyPanics == 1 {
				log.Error("classifier panicked", "stage", "classify", "article_url", a.URL, "panic", r, "stack", string(debug.Stack()))
			} else {
				log.Debug("classifier panicked", "stage", "classify", "article_url", a.URL, "panic", r)
			}
			t = news.Tags{Layer: news.LayerNone, EventType: news.EventOther, Version: "failed",
				Trail: []news.Decision{{What: "error", Value: fmt.Sprint(r), Rule: "the classifier failed on this article"}}}
		}
	}()
	if p.classify != nil {
		return p.classify(&a)
	}
	return p.classifier().ClassifyArticle(&a)
}

// fail records a failed attempt, its kind and when to try again, and
// says so in one log line. A transient failure (a timeout, a 5xx) is tried
// again after the server's Retry-After when it gave one, else after the
// back-off for one more failure in a row; a permanent one (a 404, a
// refused address, a document that is not a feed) waits longer
// (Policy.PermanentBackoff). stage says where it failed: "fetch",
// "parse", "store" or "panic".
func (p *Pipeline) fail(log *slog.Logger, src news.Source, stage string, kind fetch.Kind, err error) {
	failures := src.ConsecutiveFailures + 1
	wait := p.Policy.Backoff(failures)
	var se *fetch.StatusError
	switch {
	case kind == fetch.KindPermanent:
		wait = p.Policy.PermanentBackoff(failures)
	case errors.As(err, &se) && se.RetryAfter > 0:
		wait = min(max(se.RetryAfter, time.Second), p.Policy.maxBackoff())
	}
	level := slog.LevelWarn
	if stage == "store" {
		level = slog.LevelError // the machine's trouble, not the source's
	}
	log.Log(context.Background(), level, "source failed", "stage", stage, "kind", string(kind), "err", err,
		"failures", failures, "retry_in", wait.String())
	now := p.now()
	p.record(log, src, store.FetchOutcome{At: now, Err: err, ErrKind: string(kind), ErrPlain: explain(stage, err),
		NextCheckAt: now.Add(wait)})
}

// explain says a source's failure in plain words for the sources page,
// beside the error itself.
func explain(stage string, err error) string {
	switch stage {
	case "store":
		return "the tracker could not save what it read: trouble on this machine (its disk or database), not the source's"
	case "panic":
		return "the tracker failed on this source (an internal error, logged with its stack)"
	}
	return ingest.Explain(err)
}

// interrupted closes res's attempt, cut short by cancellation, and
// returns res marked so.
func (p *Pipeline) interrupted(log *slog.Logger, res sourceResult) sourceResult {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := p.Store.EndAttempt(ctx, res.src.ID); err != nil {
		log.Error("closing the interrupted attempt failed", "err", err)
	}
	res.interrupted = true
	return res
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
