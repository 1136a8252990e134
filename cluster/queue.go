package cluster

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/aitracker/aitracker/news"
)

// Names in JetStream.
const (
	// JobsStream is the work-queue stream of source jobs.
	JobsStream = "AITRACKER_JOBS"
	// WorkersConsumer is the durable consumer every worker pulls from.
	WorkersConsumer = "aitracker-workers"
	// jobsSubject prefixes each source's subject.
	jobsSubject = "aitracker.jobs"
)

// DefaultAckWait is how long a job may go without a sign of life from
// its worker before it is delivered to another.
const DefaultAckWait = time.Minute

// Job is one source to read, as the scheduler saw it when it queued it:
// its row with the fetch state (validators, failures) and, for a list
// page, its selectors, which only the configuration holds.
type Job struct {
	Source   news.Source `json:"source"`
	QueuedAt time.Time   `json:"queued_at"`
}

// Options set up the queue. Zero values take the defaults noted.
type Options struct {
	// AckWait is how long a worker may hold a job without a sign of life
	// (DefaultAckWait); workers report progress every third of it.
	AckWait time.Duration
}

// Queue is the work queue of source jobs.
type Queue struct {
	js      jetstream.JetStream
	stream  jetstream.Stream
	cons    jetstream.Consumer
	ackWait time.Duration
}

// Open creates or updates the stream and the workers' consumer, so that
// the scheduler and the workers may start in any order.
func Open(ctx context.Context, js jetstream.JetStream, o Options) (*Queue, error) {
	if o.AckWait <= 0 {
		o.AckWait = DefaultAckWait
	}
	stream, err := js.CreateOrUpdateStream(ctx, jetstream.StreamConfig{
		Name:        JobsStream,
		Description: "aitracker: sources due to be read, one job per source at most",
		Subjects:    []string{jobsSubject + ".*"},
		Retention:   jetstream.WorkQueuePolicy,
		// One job per source: a second is refused while the first is in
		// the stream, that is until a worker acks it.
		MaxMsgsPerSubject:    1,
		Discard:              jetstream.DiscardNew,
		DiscardNewPerSubject: true,
		Storage:              jetstream.FileStorage,
	})
	if err != nil {
		return nil, fmt.Errorf("cluster: set up stream %s: %w", JobsStream, err)
	}
	cons, err := stream.CreateOrUpdateConsumer(ctx, jetstream.ConsumerConfig{
		Durable:       WorkersConsumer,
		Description:   "aitracker workers",
		AckPolicy:     jetstream.AckExplicitPolicy,
		AckWait:       o.AckWait,
		MaxDeliver:    -1, // the worker gives up on a job itself, recording why on the source
		FilterSubject: jobsSubject + ".*",
	})
	if err != nil {
		return nil, fmt.Errorf("cluster: set up consumer %s: %w", WorkersConsumer, err)
	}
	return &Queue{js: js, stream: stream, cons: cons, ackWait: o.AckWait}, nil
}

func subject(sourceID int64) string { return jobsSubject + "." + strconv.FormatInt(sourceID, 10) }

// Publish queues a job for src. It reports false, and no error, when a
// job for src is already outstanding.
func (q *Queue) Publish(ctx context.Context, src news.Source, now time.Time) (bool, error) {
	data, err := json.Marshal(Job{Source: src, QueuedAt: now})
	if err != nil {
		return false, err
	}
	_, err = q.js.Publish(ctx, subject(src.ID), data)
	switch {
	case err == nil:
		return true, nil
	case outstanding(err):
		return false, nil
	}
	return false, fmt.Errorf("cluster: queue source %d: %w", src.ID, err)
}

// errStoreFailed is the server's JSStreamStoreFailedF: a message the
// stream would not store, with the reason in the description.
const errStoreFailed jetstream.ErrorCode = 10077

// outstanding reports whether a publish was refused because the source's
// subject already holds a job.
func outstanding(err error) bool {
	var ae *jetstream.APIError
	return errors.As(err, &ae) && ae.ErrorCode == errStoreFailed &&
		strings.Contains(ae.Description, "maximum messages per subject")
}

// Depth is the number of jobs in the queue, taken or not.
func (q *Queue) Depth(ctx context.Context) (uint64, error) {
	info, err := q.stream.Info(ctx)
	if err != nil {
		return 0, err
	}
	return info.State.Msgs, nil
}
