package main

import (
	"context"
	"database/sql"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/aitracker/aitracker/config"
	"github.com/aitracker/aitracker/index"
	"github.com/aitracker/aitracker/pipeline"
	"github.com/aitracker/aitracker/store"
)

// quietConfig is a daemon's configuration over a temporary data
// directory with no sources, listening on a free loopback port.
func quietConfig(t *testing.T) *config.Config {
	cfg := config.Default()
	cfg.DataDir = t.TempDir()
	cfg.Sources, cfg.DefaultSources = nil, false
	cfg.Listen = "127.0.0.1:0"
	return cfg
}

// TestMainStopsWhenAPartFails: when the web server fails on its own,
// Done is closed without the context being cancelled, and Close stops
// the schedule and the digest loop, waits for them, closes the index and
// the store, and returns the server's error.
func TestMainStopsWhenAPartFails(t *testing.T) {
	cfg := quietConfig(t)
	passes := make(chan pipeline.Summary, 1)
	m := &Main{Config: cfg, Logger: newLogger(cfg, logsOf(t)), Schedule: "@every 1h", Passes: passes}
	if err := m.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	select {
	case <-passes:
	case <-time.After(time.Until(testDeadline(t))):
		t.Fatal("no first pass before the test's deadline")
	}
	select {
	case <-m.Done():
		t.Fatal("Done before any part failed")
	default:
	}
	m.ln.Close() // the server's listener goes away under it
	select {
	case <-m.Done():
	case <-time.After(time.Until(testDeadline(t))):
		t.Fatal("the daemon did not notice its web server failed")
	}
	err := m.Close()
	if err == nil || !strings.Contains(err.Error(), "web server:") {
		t.Fatalf("Close = %v, want the web server's error", err)
	}
	assertClosed(t, cfg)
}

// TestMainCloseWaitsForEveryGoroutine: Close, called while a pass waits
// on a source that never answers (and, cancelled, waits for the store to
// record that) and the web server holds a client's connection, returns only once every goroutine the daemon started has
// left the project's code; soon after, the process has no more
// goroutines than before Run (no connection, timer or loader left
// behind).
func TestMainCloseWaitsForEveryGoroutine(t *testing.T) {
	fetching := make(chan struct{}, 1)
	src := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case fetching <- struct{}{}:
		default:
		}
		<-r.Context().Done() // the feed never comes
	}))
	defer src.Close()
	cfg := quietConfig(t)
	cfg.Sources = []config.Source{{Name: "silent", URL: src.URL + "/feed.xml"}}
	cfg.Fetch.AllowPrivateNetworks, cfg.Fetch.FullText = true, false
	cfg.Fetch.Jitter.Duration, cfg.Fetch.HostInterval.Duration = 0, 0
	cfg.Fetch.Timeout.Duration = time.Hour
	deadline := testDeadline(t)
	baseline := settledGoroutines(deadline, -1)

	urls := make(chan string, 1)
	m := &Main{Config: cfg, Logger: newLogger(cfg, logsOf(t)), Schedule: "@every 1h", Ready: func(u string) { urls <- u }}
	if err := m.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	fail := func(args ...any) {
		t.Helper()
		m.Close()
		t.Fatal(args...)
	}
	select {
	case <-fetching:
	case <-time.After(time.Until(deadline)):
		fail("the first pass did not reach the source before the test's deadline")
	}
	// A browser's connection, kept open after its request.
	client := &http.Client{Transport: &http.Transport{}}
	resp, err := client.Get(<-urls + "api/search?q=funding")
	if err != nil {
		fail(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("search: %s", resp.Status)
	}

	// The pass, cancelled, must record that its read ended; another
	// connection holds the store's write lock a while, so that a part Close
	// did not wait for would still be running when Close returns.
	db, err := sql.Open("sqlite", storePath(cfg))
	if err != nil {
		fail(err)
	}
	defer db.Close()
	lock, err := db.Conn(context.Background())
	if err != nil {
		fail(err)
	}
	if _, err := lock.ExecContext(context.Background(), "BEGIN IMMEDIATE"); err != nil {
		fail(err)
	}
	released := make(chan struct{})
	time.AfterFunc(300*time.Millisecond, func() {
		defer close(released)
		lock.ExecContext(context.Background(), "ROLLBACK")
		lock.Close()
	})

	if err := m.Close(); err != nil {
		t.Fatalf("Close = %v", err)
	}
	if left := daemonGoroutines(); len(left) > 0 {
		t.Errorf("%d goroutines of the daemon still run after Close:\n\n%s", len(left), strings.Join(left, "\n\n"))
	}
	<-released
	db.Close()
	client.CloseIdleConnections()
	// Goroutines told to end take a moment to return; a minute is many
	// times that, and the test fails rather than wait out its deadline.
	if d := time.Now().Add(time.Minute); d.Before(deadline) {
		deadline = d
	}
	if n := settledGoroutines(deadline, baseline); n > baseline {
		t.Errorf("%d goroutines after Close, %d before Run:\n\n%s", n, baseline, allGoroutines())
	}
	assertClosed(t, cfg)
}

// daemonGoroutines are the stacks of the goroutines, other than the
// caller's and the test's own (an httptest handler), that run a function
// of the project. Close's watcher, which hands over the parts' result as
// its last act, is not counted.
func daemonGoroutines() []string {
	var left []string
	for i, g := range strings.Split(allGoroutines(), "\n\n") {
		if i == 0 || strings.Contains(g, "aitracker/cmd/aitracker.Test") {
			continue
		}
		for _, line := range strings.Split(g, "\n") {
			if strings.HasPrefix(line, "github.com/aitracker/aitracker/") && !strings.Contains(line, ".(*Main).Close.func") {
				left = append(left, g)
				break
			}
		}
	}
	return left
}

// allGoroutines is the stack of every goroutine, the caller's first.
func allGoroutines() string {
	buf := make([]byte, 1<<20)
	for {
		n := runtime.Stack(buf, true)
		if n < len(buf) {
			return string(buf[:n])
		}
		buf = make([]byte, 2*len(buf))
	}
}

// settledGoroutines is the number of goroutines once it is at most want,
// or, for want -1, once it has stayed the same a while; it gives up at
// deadline. Goroutines that were told to end take a moment to return.
func settledGoroutines(deadline time.Time, want int) int {
	n, same := runtime.NumGoroutine(), 0
	for time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
		m := runtime.NumGoroutine()
		switch {
		case want >= 0 && m <= want:
			return m
		case want < 0 && m == n:
			if same++; same == 10 {
				return m
			}
		default:
			same = 0
		}
		n = m
	}
	return n
}

// TestMainRunFailsCleanly: when Run fails part way (here the index is
// held by another), it leaves nothing open: the port is free again, the
// store and index open, and Close has nothing to do.
func TestMainRunFailsCleanly(t *testing.T) {
	cfg := quietConfig(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	cfg.Listen = ln.Addr().String()
	ln.Close()
	ix, err := index.Open(indexPath(cfg), index.Options{})
	if err != nil {
		t.Fatal(err)
	}
	m := &Main{Config: cfg, Logger: newLogger(cfg, logsOf(t))}
	if err := m.Run(context.Background()); !errors.Is(err, index.ErrLocked) {
		t.Fatalf("Run with the index held elsewhere = %v, want ErrLocked", err)
	}
	ix.Close()
	if err := m.Close(); err != nil {
		t.Errorf("Close after a failed Run = %v", err)
	}
	ln, err = net.Listen("tcp", cfg.Listen)
	if err != nil {
		t.Fatalf("the port is still taken after Run failed: %v", err)
	}
	ln.Close()
	assertClosed(t, cfg)
}

// assertClosed fails unless the store and the index of cfg open: nothing
// holds them.
func assertClosed(t *testing.T, cfg *config.Config) {
	t.Helper()
	st, err := store.Open(context.Background(), storePath(cfg))
	if err != nil {
		t.Fatalf("store after Close: %v", err)
	}
	st.Close()
	ix, err := index.Open(indexPath(cfg), index.Options{})
	if err != nil && !errors.Is(err, index.ErrMappingChanged) {
		t.Fatalf("index after Close: %v", err)
	}
	ix.Close()
}
