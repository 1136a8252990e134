package pipeline

import (
	"context"
	"errors"
	"fmt"
	"runtime/debug"
	"time"

	"github.com/robfig/cron/v3"

	"github.com/aitracker/aitracker/news"
)

// Schedule runs a pass now and then at every time the cron spec names,
// until ctx is done. Times are evaluated in UTC unless the spec starts
// with CRON_TZ=. A tick that comes while a pass is still running is
// skipped, logged and counted (Stats), so that passes never overlap; a
// missed tick (the process was down) is not made up for, the first pass
// reads each overdue source once. A panic in a pass is logged with its
// stack and counted without stopping the schedule. An empty spec runs
// the first pass only.
func (p *Pipeline) Schedule(ctx context.Context, spec string, sources func() []news.Source) error {
	pass := func(why string) {
		defer func() {
			if r := recover(); r != nil {
				p.stats.panics.Add(1)
				p.Logger.Error("ingestion pass panicked; the schedule goes on", "trigger", why, "panic", r, "stack", string(debug.Stack()))
			}
			if p.AfterPass != nil {
				p.AfterPass()
			}
		}()
		sum, err := p.Run(ctx, sources())
		switch {
		case errors.Is(err, ErrBusy):
			n := p.stats.skipped.Add(1)
			p.Logger.Warn("scheduled pass skipped: previous pass still running", "trigger", why, "skipped_total", n)
		case err != nil:
			p.Logger.Error("ingestion pass failed", "trigger", why, "err", err)
		default:
			p.Logger.Info("ingestion pass done", "trigger", why, "summary", sum.String())
			if p.Passes != nil {
				select {
				case p.Passes <- sum:
				default:
				}
			}
		}
	}
	pass("start")
	if spec == "" {
		<-ctx.Done()
		return nil
	}
	c := cron.New(cron.WithLocation(time.UTC), cron.WithParser(cron.NewParser(
		cron.Minute|cron.Hour|cron.Dom|cron.Month|cron.Dow|cron.Descriptor)))
	if _, err := c.AddFunc(spec, func() { pass("schedule") }); err != nil {
		return fmt.Errorf("schedule %q: %w", spec, err)
	}
	c.Start()
	if next := c.Entries(); len(next) > 0 {
		p.Logger.Info("next ingestion pass", "at", next[0].Next.Format(time.RFC3339))
	}
	<-ctx.Done()
	// Stop waits for a running pass, which stops between articles now
	// that ctx is done.
	<-c.Stop().Done()
	return nil
}
