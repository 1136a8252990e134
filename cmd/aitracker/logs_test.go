package main

import (
	"bytes"
	"io"
	"sync"
	"testing"

	"github.com/aitracker/aitracker/internal/logtest"
)

// captures holds each running test's log capture.
var captures sync.Map // *testing.T → *logtest.Capture

// logsOf is the test's log capture: the log records of every command the
// test runs (run) and the daemon's log (startDemo) go to it, and when the
// test ends it fails if they hold a secret the test registered with
// Secret.
func logsOf(t *testing.T) *logtest.Capture {
	t.Helper()
	if c, ok := captures.Load(t); ok {
		return c.(*logtest.Capture)
	}
	c := logtest.New(t)
	captures.Store(t, c)
	t.Cleanup(func() { captures.Delete(t) })
	return c
}

// records passes on the log records written to a command's stderr, text
// or JSON (slog writes one record a Write), and leaves out the rest: an
// error message about the operator's own command line is no log.
type records struct{ w io.Writer }

func (r records) Write(p []byte) (int, error) {
	if bytes.HasPrefix(p, []byte("time=")) || bytes.HasPrefix(p, []byte(`{"time":`)) {
		if _, err := r.w.Write(p); err != nil {
			return 0, err
		}
	}
	return len(p), nil
}
