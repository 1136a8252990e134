package cluster

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/aitracker/aitracker/config"
	"github.com/aitracker/aitracker/internal/clock"
	"github.com/aitracker/aitracker/news"
	"github.com/aitracker/aitracker/pipeline"
	"github.com/aitracker/aitracker/store"
)

// Scheduler queues the sources that are due. Several schedulers may run
// at once (the queue never holds two jobs for one source), though one is
// enough.
type Scheduler struct {
	Queue *Queue
	Store store.Store
	// Sources is the configured list, made the store's list of sources
	// at each round as a pass does (store.Store.SyncSources).
	Sources func() []news.Source
	Logger  *slog.Logger
	// Clock decides what is due and when rounds run; nil means the real
	// clock.
	Clock clock.Clock
}

// Round is what one round of the scheduler did.
type Round struct {
	Sources  int // sources in the store's list
	Disabled int
	NotDue   int
	// Queued are the due sources a job was queued for; Outstanding the
	// due ones that already had one.
	Queued, Outstanding int
}

func (r Round) String() string {
	return fmt.Sprintf("%d sources: %d queued, %d already queued, %d not due, %d disabled",
		r.Sources, r.Queued, r.Outstanding, r.NotDue, r.Disabled)
}

// QueueDue syncs the configured sources to the store and queues a job
// for each one that is due (pipeline.Due), unless one is outstanding.
func (s *Scheduler) QueueDue(ctx context.Context) (Round, error) {
	var r Round
	rows, err := s.Store.SyncSources(ctx, s.Sources())
	if err != nil {
		return r, err
	}
	now := clock.Or(s.Clock).Now().UTC()
	for _, src := range rows {
		r.Sources++
		switch {
		case !src.Enabled:
			r.Disabled++
			continue
		case !pipeline.Due(src, now):
			r.NotDue++
			continue
		}
		queued, err := s.Queue.Publish(ctx, src, now)
		if err != nil {
			return r, err
		}
		if queued {
			r.Queued++
		} else {
			r.Outstanding++
		}
	}
	return r, nil
}

// Run queues what is due now and then at every time the cron spec names
// (see config.ParseSchedule), until ctx is done; an empty spec queues at
// start only and then waits for ctx. A round that fails is logged, and
// the next round tries again.
func (s *Scheduler) Run(ctx context.Context, spec string) error {
	var sched interface{ Next(time.Time) time.Time }
	if spec != "" {
		c, err := config.ParseSchedule(spec)
		if err != nil {
			return fmt.Errorf("schedule %q: %w", spec, err)
		}
		sched = c
	}
	clk := clock.Or(s.Clock)
	round := func(why string) {
		r, err := s.QueueDue(ctx)
		switch {
		case err != nil && ctx.Err() != nil:
		case err != nil:
			s.Logger.Error("queueing due sources failed; the next round tries again", "trigger", why, "err", err)
		default:
			s.Logger.Info("due sources queued", "trigger", why, "round", r.String())
		}
	}
	round("start")
	if sched == nil {
		<-ctx.Done()
		return nil
	}
	for {
		next := sched.Next(clk.Now().UTC())
		s.Logger.Info("next round", "at", next.Format(time.RFC3339))
		select {
		case <-clk.After(next.Sub(clk.Now())):
			round("schedule")
		case <-ctx.Done():
			return nil
		}
	}
}
