package pipeline_test

import (
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"
)

// logWatch is a log destination tests can wait on: a channel closes
// when a line containing some text has been written.
type logWatch struct {
	mu      sync.Mutex
	buf     strings.Builder
	waiters []waiter
}

type waiter struct {
	text  string
	count int
	ch    chan struct{}
}

func (w *logWatch) Write(b []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.buf.Write(b)
	kept := w.waiters[:0]
	for _, wt := range w.waiters {
		if strings.Count(w.buf.String(), wt.text) >= wt.count {
			close(wt.ch)
		} else {
			kept = append(kept, wt)
		}
	}
	w.waiters = kept
	return len(b), nil
}

// seen returns a channel closed once text has appeared in count lines.
func (w *logWatch) seen(text string, count int) <-chan struct{} {
	w.mu.Lock()
	defer w.mu.Unlock()
	ch := make(chan struct{})
	if strings.Count(w.buf.String(), text) >= count {
		close(ch)
	} else {
		w.waiters = append(w.waiters, waiter{text, count, ch})
	}
	return ch
}

func (w *logWatch) count(text string) int {
	w.mu.Lock()
	defer w.mu.Unlock()
	return strings.Count(w.buf.String(), text)
}

func (w *logWatch) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.buf.String()
}

func newLogWatch() (*logWatch, *slog.Logger) {
	w := &logWatch{}
	return w, slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: slog.LevelDebug}))
}

// wait fails the test with what was logged if ch does not close before
// the test's own deadline; it asserts nothing about speed.
func wait(t *testing.T, ch <-chan struct{}, what string, logs *logWatch) {
	t.Helper()
	var deadline <-chan time.Time
	if d, ok := t.Deadline(); ok {
		deadline = time.After(time.Until(d) - 5*time.Second)
	}
	select {
	case <-ch:
	case <-deadline:
		t.Fatalf("still waiting for %s when the test is about to time out; logs:\n%s", what, logs)
	}
}

// fakeClock is a clock that never sleeps: waiting moves it forward by the
// time waited at once. Only one goroutine of a pass waits on the clock
// (the one that starts the sources), so the time it shows is the planned
// start of the source being started.
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) After(d time.Duration) <-chan time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	if d > 0 {
		c.now = c.now.Add(d)
	}
	ch := make(chan time.Time, 1)
	ch <- c.now
	return ch
}

func (c *fakeClock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = t
}
