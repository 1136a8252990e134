package pipeline

import (
	"context"
	"errors"
	"net"
	"os"
	"time"

	"github.com/aitracker/aitracker/ingest"
	"github.com/aitracker/aitracker/ingest/fetch"
)

// Observer is told what passes do, for an operator's metrics: each
// source read and its bytes, the limits a fetch hit, the time each stage
// took, the articles stored and indexed, and when a pass ended well.
// Its methods are called from the pass's goroutines at once.
type Observer interface {
	// Fetched is one read of a source: "ok", "not_modified", or the
	// failure's outcome (FetchOutcome), and the bytes of the body.
	Fetched(outcome string, bytes int64)
	// LimitHit is a fetch stopped by a limit: "body_cap", "timeout",
	// "blocked_address", "redirects" or "robots".
	LimitHit(limit string)
	// Stage is time spent in one stage: "fetch", "extract", "classify",
	// "store" (per source's batch), "events" and "index" (per pass).
	Stage(stage string, d time.Duration)
	// Stored counts the articles a source's read created and updated.
	Stored(created, updated int)
	// Indexed counts the articles a pass wrote to the index.
	Indexed(n int)
	// PassDone is a pass that ran to its end without an error.
	PassDone(at time.Time)
}

type noObserver struct{}

func (noObserver) Fetched(string, int64)       {}
func (noObserver) LimitHit(string)             {}
func (noObserver) Stage(string, time.Duration) {}
func (noObserver) Stored(int, int)             {}
func (noObserver) Indexed(int)                 {}
func (noObserver) PassDone(time.Time)          {}

func (p *Pipeline) observer() Observer {
	if p.Observer == nil {
		return noObserver{}
	}
	return p.Observer
}

// FetchOutcome names a failed read for the fetch metrics: the limit it
// hit, "http_4xx" or "http_5xx", "network", or "parse" (fetched, but not
// a feed).
func FetchOutcome(stage string, err error) string {
	if l := Limit(err); l != "" {
		return l
	}
	var se *fetch.StatusError
	switch {
	case stage == "parse":
		return stage
	case errors.As(err, &se) && se.Code >= 500:
		return "http_5xx"
	case errors.As(err, &se):
		return "http_4xx"
	}
	return "network"
}

// Limit names the limit err hit, "" for none.
func Limit(err error) string {
	var ne net.Error
	switch {
	case err == nil:
		return ""
	case errors.Is(err, fetch.ErrTooLarge):
		return "body_cap"
	case errors.Is(err, fetch.ErrBlockedAddress):
		return "blocked_address"
	case errors.Is(err, fetch.ErrTooManyRedirects):
		return "redirects"
	case errors.Is(err, ingest.ErrRobots):
		return "robots"
	case errors.Is(err, context.DeadlineExceeded), errors.Is(err, os.ErrDeadlineExceeded), errors.As(err, &ne) && ne.Timeout():
		return "timeout"
	}
	return ""
}
