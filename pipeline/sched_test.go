package pipeline_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aitracker/aitracker/demo"
	"github.com/aitracker/aitracker/ingest"
	"github.com/aitracker/aitracker/news"
	"github.com/aitracker/aitracker/pipeline"
)

// gauge counts what is in progress and remembers the most at once.
type gauge struct{ now, most atomic.Int32 }

func (g *gauge) enter() {
	n := g.now.Add(1)
	for {
		m := g.most.Load()
		if n <= m || g.most.CompareAndSwap(m, n) {
			return
		}
	}
}

func (g *gauge) leave() { g.now.Add(-1) }

// countingProgress counts passes between Start and Finish.
type countingProgress struct{ g *gauge }

func (c countingProgress) Start(int)                { c.g.enter() }
func (c countingProgress) SourceDone(string, error) {}
func (c countingProgress) Finish()                  { c.g.leave() }

// TestScheduledPassesNeverOverlap: a pass that takes more than two ticks
// of a one-second schedule is never run twice at once; each tick that
// comes meanwhile is skipped, logged and counted, and the schedule goes
// on once the slow pass ends.
func TestScheduledPassesNeverOverlap(t *testing.T) {
	f := newFixture(t)
	logs, log := newLogWatch()
	f.p.Logger = log
	body, _ := demo.Render("lab-notes.feed.json", "https://demo.example", time.Now())
	release := make(chan struct{})
	var slow atomic.Bool
	var requests gauge
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests.enter()
		defer requests.leave()
		if slow.Load() {
			<-release
		}
		w.Write(body)
	}))
	defer srv.Close()
	var passesAtOnce gauge
	f.p.Progress = countingProgress{&passesAtOnce}
	passes := make(chan pipeline.Summary, 8)
	list := []news.Source{{Name: "Lab", URL: srv.URL}}
	stop := runSchedule(t, f, list, passes)

	// The pass at start is quick; the first scheduled one hangs on the
	// feed until two ticks have been skipped: it lasts at least twice the
	// interval.
	if first := <-passes; first.SourcesOK != 1 || first.New != 8 {
		t.Fatalf("the pass at start: %s", first)
	}
	slow.Store(true)
	const skipLine = "scheduled pass skipped: previous pass still running"
	wait(t, logs.seen(skipLine, 2), "two skipped ticks", logs)
	if st := f.p.Stats(); st.Skipped < 2 {
		t.Errorf("two skips logged, %d counted", st.Skipped)
	}
	slow.Store(false)
	close(release)
	if slowPass := <-passes; slowPass.SourcesOK != 1 {
		t.Errorf("the slow pass: %s", slowPass)
	}
	// The schedule goes on: a later tick runs a pass of its own.
	if next := <-passes; next.SourcesOK != 1 {
		t.Errorf("the next pass: %s", next)
	}
	stop()
	if n := passesAtOnce.most.Load(); n != 1 {
		t.Errorf("%d passes ran at once", n)
	}
	if n := requests.most.Load(); n != 1 {
		t.Errorf("%d requests for the feed at once", n)
	}
	if st := f.p.Stats(); int(st.Skipped) != logs.count(skipLine) || st.Passes < 2 {
		t.Errorf("stats %+v; %d skips logged", st, logs.count(skipLine))
	}
}

// TestPassPanicDoesNotStopSchedule: a pass that panics half way (here a
// progress reporter with a bug) is logged with its stack and counted;
// the process goes on and the next tick runs a whole pass over the same
// sources, none of them left locked by the pass that panicked.
func TestPassPanicDoesNotStopSchedule(t *testing.T) {
	f := newFixture(t)
	srv := feedServer(t)
	logs, log := newLogWatch()
	f.p.Logger = log
	f.p.Progress = &panicOnce{}
	passes := make(chan pipeline.Summary, 8)
	all := sources(srv.URL)
	list := []news.Source{all[0], all[2]}
	stop := runSchedule(t, f, list, passes)

	wait(t, logs.seen("ingestion pass panicked; the schedule goes on", 1), "the panic to be logged", logs)
	next := <-passes
	if next.SourcesOK != 2 || next.SourcesFailed != 0 {
		t.Errorf("the pass after the panic: %s", next)
	}
	stop()
	if st := f.p.Stats(); st.Panics != 1 {
		t.Errorf("stats %+v", st)
	}
	if n := logs.count("runtime/debug.Stack"); n != 1 {
		t.Errorf("stack logged %d times", n)
	}
}

// runSchedule runs f's pipeline on a schedule of a pass a second over
// list, each pass's summary sent to passes, until the stop it returns,
// which waits for the schedule to end.
func runSchedule(t *testing.T, f *fixture, list []news.Source, passes chan pipeline.Summary) (stop func()) {
	t.Helper()
	f.p.Passes = passes
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- f.p.Schedule(ctx, "@every 1s", func() []news.Source { return list }) }()
	return func() {
		t.Helper()
		cancel()
		if err := <-done; err != nil {
			t.Fatal(err)
		}
	}
}

// panicOnce is a Progress that panics when the first source of the first
// pass is done.
type panicOnce struct{ done atomic.Bool }

func (p *panicOnce) Start(int) {}
func (p *panicOnce) SourceDone(string, error) {
	if !p.done.Swap(true) {
		panic("progress bug")
	}
}
func (p *panicOnce) Finish() {}

// TestManualRefreshSerialisesWithPass: a manual refresh of a source and
// a scheduled pass reading the same source take turns on the source's
// lock, whichever comes first; other sources go on meanwhile. A pass
// that waited does not read the source again.
func TestManualRefreshSerialisesWithPass(t *testing.T) {
	for _, manualFirst := range []bool{false, true} {
		name := "pass first"
		if manualFirst {
			name = "manual first"
		}
		t.Run(name, func(t *testing.T) {
			f := newFixture(t)
			srv := feedServer(t)
			logs, log := newLogWatch()
			f.p.Logger = log
			all := sources(srv.URL)
			list := []news.Source{all[0], all[2]} // Wire and 快报
			var reading gauge
			var reads atomic.Int32
			inside := make(chan struct{}, 2)
			release := make(chan struct{})
			var releaseOnce sync.Once
			unblock := func() { releaseOnce.Do(func() { close(release) }) }
			defer unblock()
			otherRead := make(chan struct{}, 4)
			pipeline.SetParsed(f.p, func(src news.Source, _ *ingest.Result) {
				if src.Name != "Wire" {
					otherRead <- struct{}{}
					return
				}
				reading.enter()
				defer reading.leave()
				if reads.Add(1) == 1 {
					inside <- struct{}{}
					<-release
				}
			})
			ctx := context.Background()
			var wg sync.WaitGroup
			var passSum, manualSum pipeline.Summary
			var passErr, manualErr error
			pass := func() { passSum, passErr = f.p.Run(ctx, list) }
			manual := func() { manualSum, manualErr = f.p.Run(ctx, list, pipeline.Options{Only: []string{"Wire"}}) }
			first, second := pass, manual
			if manualFirst {
				first, second = manual, pass
			}
			wg.Go(first)
			<-inside // the first holds Wire, blocked half way
			secondDone := make(chan struct{})
			wg.Go(func() {
				defer close(secondDone)
				second()
			})
			select {
			case <-logs.seen("waiting for the running read of this source", 1):
			case <-secondDone:
				t.Fatalf("the second ended while the first was reading Wire:\n%s", logs)
			}
			// The pass reads 快报 while Wire is held (or did before).
			<-otherRead
			unblock()
			wg.Wait()
			if passErr != nil || manualErr != nil {
				t.Fatal(passErr, manualErr)
			}
			if n := reading.most.Load(); n != 1 {
				t.Errorf("Wire was read %d times at once", n)
			}
			if manualSum.Sources != 1 || manualSum.SourcesOK != 1 {
				t.Errorf("manual refresh: %s", manualSum)
			}
			if manualFirst {
				// The pass found Wire read during it and left it.
				if reads.Load() != 1 || passSum.SourcesOK != 1 || passSum.NotDue != 1 {
					t.Errorf("%d reads of Wire; pass: %s", reads.Load(), passSum)
				}
			} else if reads.Load() != 2 || passSum.SourcesOK != 2 {
				// The manual refresh reads it again, after the pass.
				t.Errorf("%d reads of Wire; pass: %s", reads.Load(), passSum)
			}
			if n, _ := f.st.CountArticles(ctx); n != 32 {
				t.Errorf("%d articles stored", n)
			}
		})
	}
}

// TestManualRefreshUnknownSource: a refresh of a source nobody configured
// says so.
func TestManualRefreshUnknownSource(t *testing.T) {
	f := newFixture(t)
	srv := feedServer(t)
	_, err := f.p.Run(context.Background(), sources(srv.URL), pipeline.Options{Only: []string{"Wire", "Nobody"}})
	if err == nil || err.Error() != "pipeline: no source named Nobody" {
		t.Errorf("got %v", err)
	}
}
