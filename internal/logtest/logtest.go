package logtest

import (
	"bytes"
	"log/slog"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// Capture collects log output from any number of goroutines.
type Capture struct {
	tb testing.TB

	mu      sync.Mutex
	buf     bytes.Buffer
	secrets []secret
}

type secret struct{ kind, value string }

// New starts a capture whose check runs when the test ends. Nothing
// logged while secrets are registered fails the test too: the check
// would prove nothing.
func New(tb testing.TB) *Capture {
	tb.Helper()
	c := &Capture{tb: tb}
	tb.Cleanup(c.check)
	return c
}

// Logger logs to the capture as text, at debug level, so that every line
// the code can write is checked.
func (c *Capture) Logger() *slog.Logger {
	return slog.New(slog.NewTextHandler(c, &slog.HandlerOptions{Level: slog.LevelDebug}))
}

// Write appends log output; a command's stderr can be the capture.
func (c *Capture) Write(p []byte) (int, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.buf.Write(p)
}

// String is everything logged so far.
func (c *Capture) String() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.buf.String()
}

// Secret registers values the logs must never hold, of a kind named in
// the failure ("subscriber address", "smtp password"). Empty values are
// ignored; values under 6 bytes would match by chance and are refused.
func (c *Capture) Secret(kind string, values ...string) {
	c.tb.Helper()
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, v := range values {
		switch {
		case v == "":
		case len(v) < 6:
			c.tb.Fatalf("logtest: %s %q is too short to look for", kind, v)
		default:
			c.secrets = append(c.secrets, secret{kind, v})
		}
	}
}

// Leaks returns the registered secrets the logs hold, in any of the
// spellings a log line gives them: as is, quoted, URL-escaped, in any
// case.
func (c *Capture) Leaks() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	logs := strings.ToLower(c.buf.String())
	var out []string
	for _, s := range c.secrets {
		for _, form := range []string{s.value, strings.Trim(strconv.Quote(s.value), `"`), url.QueryEscape(s.value), url.PathEscape(s.value)} {
			if strings.Contains(logs, strings.ToLower(form)) {
				out = append(out, s.kind+" "+strconv.Quote(s.value))
				break
			}
		}
	}
	return out
}

func (c *Capture) check() {
	c.tb.Helper()
	c.mu.Lock()
	empty, n := c.buf.Len() == 0, len(c.secrets)
	c.mu.Unlock()
	if n > 0 && empty {
		c.tb.Errorf("logtest: nothing was logged, so the check for %d secrets proves nothing", n)
		return
	}
	for _, leak := range c.Leaks() {
		c.tb.Errorf("logtest: the logs hold a %s", leak)
	}
}
