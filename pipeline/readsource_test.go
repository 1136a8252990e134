package pipeline_test

import (
	"context"
	"testing"
	"time"

	"github.com/aitracker/aitracker/news"
	"github.com/aitracker/aitracker/pipeline"
)

// TestReadSource: one source read alone does what a pass does for it:
// its articles are stored, its fetch state is recorded, reading it again
// duplicates nothing, a failure is recorded on its row, and a read whose
// context is done is interrupted without advancing the fetch state.
func TestReadSource(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	srv := feedServer(t)
	rows, err := f.st.SyncSources(ctx, sources(srv.URL))
	if err != nil {
		t.Fatal(err)
	}
	byName := map[string]news.Source{}
	for _, r := range rows {
		byName[r.Name] = r
	}
	wire := byName["Wire"]
	if !pipeline.Due(wire, time.Now()) {
		t.Fatalf("a new source is not due: %+v", wire)
	}

	sum := f.p.ReadSource(ctx, wire)
	if sum.Sources != 1 || sum.SourcesOK != 1 || sum.New != 16 || sum.Interrupted || sum.Indexed != 0 {
		t.Fatalf("first read: %+v", sum)
	}
	sum = f.p.ReadSource(ctx, wire)
	if sum.SourcesOK != 1 || sum.New != 0 || sum.Updated != 0 {
		t.Errorf("second read: %+v", sum)
	}
	if n, _ := f.st.CountArticles(ctx); n != 16 {
		t.Errorf("store has %d articles after two reads, want 16", n)
	}

	sum = f.p.ReadSource(ctx, byName["Broken"])
	if sum.SourcesFailed != 1 || len(sum.Failures) != 1 {
		t.Errorf("broken source: %+v", sum)
	}

	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	sum = f.p.ReadSource(cancelled, byName["快报"])
	if !sum.Interrupted || sum.New != 0 || sum.SourcesOK+sum.SourcesFailed != 0 {
		t.Errorf("cancelled read: %+v", sum)
	}

	srcs, err := f.st.Sources(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range srcs {
		switch s.Name {
		case "Wire":
			// (Its next check is not before its read: a bound on the
			// read's own time, not on the wall clock, which a slow run
			// under -race passes by more than a second.)
			if s.LastSuccessAt.IsZero() || s.ConsecutiveFailures != 0 || s.NextCheckAt.Before(s.LastAttemptAt) {
				t.Errorf("Wire after its reads: %+v", s)
			}
		case "Broken":
			if s.ConsecutiveFailures != 1 || s.LastError == "" || pipeline.Due(s, time.Now()) {
				t.Errorf("Broken after its read: %+v", s)
			}
		case "快报":
			if !s.LastSuccessAt.IsZero() || s.ConsecutiveFailures != 0 || !pipeline.Due(s, time.Now()) {
				t.Errorf("an interrupted read changed the fetch state: %+v", s)
			}
		}
	}
}
