package cluster

import (
	"context"
	"log/slog"
	"sync/atomic"
	"time"

	"github.com/aitracker/aitracker/index"
	"github.com/aitracker/aitracker/internal/clock"
)

// DefaultFollowEvery is how often a search node asks the store for what
// was written since its index's watermark.
const DefaultFollowEvery = time.Second

// Follower keeps a search node's index following the store of record by
// sequence number: every write to an article gives it the store's next
// sequence number, the index keeps the highest it has taken in (its
// watermark, written in the same batch as the documents, so that a node
// killed with -9 resumes from there), and catching up is indexing what
// the store wrote above it (index.Live.CatchUp). A new node starts from
// an empty index and catches up from 0.
//
// It polls: every Every it asks the store for writes above the
// watermark, one indexed query that returns nothing when nothing was
// written. Polling was chosen over a JetStream stream of article changes
// because the store is the record and its sequence numbers are the
// exact list of what changed: a stream would be a second copy of that
// list, whose messages a node can miss (stopped longer than the stream
// keeps them, a write committed and its message not published) and
// which then needs the same catch-up by sequence to be correct; a
// notification that only wakes the node would cut the delay below Every
// but save no work, and one query a second per node is nothing to the
// store. With Every at a second a search finds an article about a
// second after its worker committed it, plus the time to index it.
type Follower struct {
	Index *index.Live
	Store index.Store
	// Every is the polling interval (DefaultFollowEvery).
	Every  time.Duration
	Logger *slog.Logger
	// Clock stamps the heartbeat; the machine's clock when nil.
	Clock clock.Clock

	indexSeq, storeSeq atomic.Int64
}

// Run catches the index up every Every until ctx is done. A catch-up
// that fails is logged, and the next one tries again from the watermark.
func (f *Follower) Run(ctx context.Context) error {
	every := f.Every
	if every <= 0 {
		every = DefaultFollowEvery
	}
	t := time.NewTicker(every)
	defer t.Stop()
	failing := false
	for {
		_, err := f.Step(ctx)
		switch {
		case err != nil && ctx.Err() == nil && !failing:
			f.Logger.Warn("following the store: catch-up failed; trying again", "stage", "index", "err", err)
			failing = true
		case err == nil && failing:
			f.Logger.Info("following the store again", "stage", "index")
			failing = false
		}
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		}
	}
}

// Step indexes what the store wrote since the watermark and returns how
// many articles it indexed.
func (f *Follower) Step(ctx context.Context) (int, error) {
	// The store's sequence first: what is indexed after it covers it.
	storeSeq, err := f.Store.MaxSeq(ctx)
	if err != nil {
		return 0, err
	}
	n, err := f.Index.CatchUp(ctx)
	if seq, serr := f.Index.Seq(); serr == nil {
		f.indexSeq.Store(seq)
		f.storeSeq.Store(max(storeSeq, seq))
	}
	return n, err
}

// Seqs are the index's watermark and the store's latest sequence number
// at the last step.
func (f *Follower) Seqs() (indexSeq, storeSeq int64) {
	return f.indexSeq.Load(), f.storeSeq.Load()
}

// Beat is the search node's heartbeat: its watermark and the store's at
// the last step, and the articles in its index.
func (f *Follower) Beat(name, url string, started time.Time) Beat {
	ix, st := f.Seqs()
	n, _ := f.Index.Count()
	return Beat{Role: RoleSearch, Name: name, URL: url, Started: started, At: clock.Or(f.Clock).Now().UTC(),
		IndexSeq: ix, StoreSeq: st, Articles: n}
}
