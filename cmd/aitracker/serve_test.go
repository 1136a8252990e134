package main

import (
	"context"
	"errors"
	"net"
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
