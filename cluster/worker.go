package cluster

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"golang.org/x/sync/errgroup"

	"github.com/aitracker/aitracker/internal/clock"
	"github.com/aitracker/aitracker/news"
	"github.com/aitracker/aitracker/pipeline"
	"github.com/aitracker/aitracker/store"
)

// DefaultMaxDeliveries is how many times a job may be delivered without
// being finished before the worker records its source as failed instead
// of reading it again.
const DefaultMaxDeliveries = 5

// Worker takes jobs from the queue and reads each job's source with the
// pipeline (pipeline.ReadSource), acking the job once what it read is
// committed.
type Worker struct {
	Queue *Queue
	// Pipeline reads the sources: its store, fetcher (whose client should
	// share Hosts), classifier and policy. Its index is not used.
	Pipeline *pipeline.Pipeline
	Logger   *slog.Logger
	// Concurrency is how many jobs it reads at once (1).
	Concurrency int
	// MaxDeliveries bounds the deliveries of one job
	// (DefaultMaxDeliveries); negative means no bound.
	MaxDeliveries int

	// beforeAck, when set, is called with each read job's source after
	// the commit and before the ack: a test stops the worker there.
	beforeAck func(news.Source)

	// jobs counts the jobs finished; lastJob is when the last one was
	// (Unix nanoseconds), for the heartbeat.
	jobs, lastJob atomic.Int64
}

// clock is the pipeline's clock, the machine's when it has none.
func (w *Worker) clock() clock.Clock {
	if w.Pipeline == nil {
		return clock.Real
	}
	return clock.Or(w.Pipeline.Clock)
}

// Beat is the worker's heartbeat: the jobs it finished since it started
// and when it finished the last one.
func (w *Worker) Beat(name string, started time.Time) Beat {
	b := Beat{Role: RoleWorker, Name: name, Started: started, At: w.clock().Now().UTC(), Jobs: w.jobs.Load()}
	if t := w.lastJob.Load(); t != 0 {
		b.LastJob = time.Unix(0, t).UTC()
	}
	return b
}

// pullWait bounds one pull request: the worker asks again after it.
const pullWait = 30 * time.Second

// Run takes and reads jobs until ctx is done. A job being read then
// stops between articles and is given back to the queue (what was
// stored is kept), so that another worker takes it at once.
//
// The jobs are given back only once every loop has stopped asking for
// more. A loop's pull request outlives its wait on the server until the
// server reads that nobody listens for it; a job given back before then
// could be handed to that pull request, on its way out, and be lost until
// the ack wait frees it. Connection order makes the server read the end
// of each pull first.
func (w *Worker) Run(ctx context.Context) error {
	var back givenBack
	g, ctx := errgroup.WithContext(ctx)
	for range max(1, w.Concurrency) {
		g.Go(func() error { return w.loop(ctx, &back) })
	}
	err := g.Wait()
	back.nak()
	return err
}

// givenBack holds the jobs to give back when the loops have stopped.
type givenBack struct {
	mu   sync.Mutex
	jobs []returned
}

type returned struct {
	msg jetstream.Msg
	log *slog.Logger
	// stored is how many articles the job's read had stored.
	stored int
}

func (b *givenBack) add(r returned) {
	b.mu.Lock()
	b.jobs = append(b.jobs, r)
	b.mu.Unlock()
}

func (b *givenBack) nak() {
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, r := range b.jobs {
		if err := r.msg.Nak(); err != nil {
			r.log.Warn("giving the job back failed; it comes back after the ack wait", "err", err)
		} else {
			r.log.Info("worker stopping: job given back", "stored", r.stored)
		}
	}
	b.jobs = nil
}

func (w *Worker) loop(ctx context.Context, back *givenBack) error {
	for ctx.Err() == nil {
		pctx, cancel := context.WithTimeout(ctx, pullWait)
		msg, err := w.Queue.cons.Next(jetstream.FetchContext(pctx))
		cancel()
		switch {
		case ctx.Err() != nil:
			if msg != nil {
				back.add(returned{msg: msg, log: w.Logger.With("subject", msg.Subject())})
			}
			return nil
		case err != nil && (errors.Is(err, context.DeadlineExceeded) || errors.Is(err, nats.ErrTimeout) ||
			errors.Is(err, jetstream.ErrNoMessages) || isTimeout(err)):
			continue
		case err != nil:
			w.Logger.Warn("taking a job failed; trying again", "err", err)
			select {
			case <-time.After(time.Second):
			case <-ctx.Done():
			}
			continue
		}
		w.handle(ctx, msg, back)
	}
	return nil
}

func isTimeout(err error) bool {
	var t interface{ Timeout() bool }
	return errors.As(err, &t) && t.Timeout()
}

// handle reads one job's source and acks or ends the job, or puts it
// with those to give back when the read was stopped.
func (w *Worker) handle(ctx context.Context, msg jetstream.Msg, back *givenBack) {
	// The ack must reach the server even when the worker is stopping:
	// it is what lets the job go on. (A job given back is nakked by Run,
	// once the loops have stopped.)
	settle, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	var job Job
	if err := json.Unmarshal(msg.Data(), &job); err != nil || job.Source.ID == 0 || job.Source.URL == "" {
		w.Logger.Error("job not understood; dropped", "subject", msg.Subject(), "err", err, "data", truncate(msg.Data(), 200))
		msg.TermWithReason("aitracker: job not understood")
		return
	}
	src := job.Source
	log := w.Logger.With("source_id", src.ID, "url", src.URL)
	// The job carries the source as it was when queued; its fetch state
	// (validators, failures) may have moved since, by a worker that read
	// it before a redelivery: read it as it is now.
	switch cur, ok, err := w.Pipeline.Store.Source(ctx, src.ID); {
	case err != nil:
		log.Warn("reading the source's current state failed; reading it as queued", "err", err)
	case !ok || !cur.Enabled:
		log.Info("source removed or disabled since it was queued; job dropped")
		if err := msg.DoubleAck(settle); err != nil {
			log.Warn("ack failed; the job comes back", "err", err)
		}
		return
	default:
		src = cur
	}
	var delivered uint64 = 1
	if meta, err := msg.Metadata(); err == nil {
		delivered = meta.NumDelivered
	}
	if limit := w.maxDeliveries(); limit > 0 && delivered > uint64(limit) {
		w.giveUp(settle, log, src, delivered-1)
		if err := msg.DoubleAck(settle); err != nil {
			log.Warn("ack failed; the job comes back", "err", err)
		}
		return
	}
	if delivered > 1 {
		log.Info("job delivered again: its last worker stopped or died before finishing it", "deliveries", delivered)
	}
	sum := w.read(ctx, msg, src)
	if sum.Interrupted {
		back.add(returned{msg: msg, log: log, stored: sum.New + sum.Updated})
		return
	}
	if w.beforeAck != nil {
		w.beforeAck(src)
	}
	if err := msg.DoubleAck(settle); err != nil {
		// Read and committed; the job comes back, and reading it again
		// stores nothing twice.
		log.Warn("ack failed; the job comes back", "err", err)
		return
	}
	w.jobs.Add(1)
	w.lastJob.Store(w.clock().Now().UnixNano())
}

// read reads the source, telling the server every third of the ack wait
// that the job is still being worked on.
func (w *Worker) read(ctx context.Context, msg jetstream.Msg, src news.Source) pipeline.Summary {
	done := make(chan struct{})
	var beat sync.WaitGroup
	beat.Go(func() {
		t := time.NewTicker(max(w.Queue.ackWait/3, 10*time.Millisecond))
		defer t.Stop()
		for {
			select {
			case <-t.C:
				msg.InProgress()
			case <-done:
				return
			}
		}
	})
	defer beat.Wait()
	defer close(done)
	return w.Pipeline.ReadSource(ctx, src)
}

// giveUp records that the source was delivered n times and never
// finished, as a permanent failure: it is not read again before the
// back-off of one.
func (w *Worker) giveUp(ctx context.Context, log *slog.Logger, src news.Source, n uint64) {
	p := w.Pipeline
	failures := src.ConsecutiveFailures + 1
	now := w.clock().Now().UTC()
	wait := p.Policy.PermanentBackoff(failures)
	err := fmt.Errorf("cluster: taken %d times and never finished: the workers reading it died or were stopped", n)
	log.Error("source not read again: every worker that took it stopped before finishing", "deliveries", n, "retry_in", wait.String())
	if rerr := p.Store.RecordFetch(ctx, src.ID, store.FetchOutcome{At: now, Err: err, ErrKind: "permanent",
		ErrPlain: "workers kept dying or stopping while reading this source; it is tried again after a long wait", NextCheckAt: now.Add(wait)}); rerr != nil {
		log.Error("recording the failure failed", "err", rerr)
	}
}

func (w *Worker) maxDeliveries() int {
	if w.MaxDeliveries == 0 {
		return DefaultMaxDeliveries
	}
	return w.MaxDeliveries
}

func truncate(b []byte, n int) string {
	if len(b) > n {
		return string(b[:n]) + "…"
	}
	return string(b)
}
