package fetch

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// The guard is tested as a table on its decision function: tests never
// send a packet to any address but loopback.
func TestBlockedAddr(t *testing.T) {
	tests := []struct {
		addr    string
		blocked bool
	}{
		{"127.0.0.1", true}, {"127.8.9.10", true}, {"::1", true}, {"10.0.0.1", true}, {"172.16.0.1", true},
		{"172.31.255.254", true}, {"192.168.1.1", true}, {"169.254.169.254", true}, {"100.64.0.1", true},
		{"fd00::1", true}, {"fd00:ec2::254", true}, {"fe80::1", true}, {"0.0.0.0", true}, {"::", true},
		{"::ffff:127.0.0.1", true}, {"::ffff:10.1.2.3", true}, {"224.0.0.1", true}, {"255.255.255.255", true},
		{"198.18.0.1", true}, {"64:ff9b::7f00:1", true},
		{"8.8.8.8", false}, {"1.1.1.1", false}, {"172.32.0.1", false}, {"100.128.0.1", false},
		{"2606:4700:4700::1111", false}, {"::ffff:8.8.8.8", false},
	}
	for _, tc := range tests {
		if got := BlockedAddr(netip.MustParseAddr(tc.addr)); got != tc.blocked {
			t.Errorf("BlockedAddr(%s) = %v, want %v", tc.addr, got, tc.blocked)
		}
	}
}

// countingServer is a loopback fixture that counts accepted connections.
func countingServer(t *testing.T, h http.Handler) (*httptest.Server, *atomic.Int64) {
	t.Helper()
	var accepted atomic.Int64
	srv := httptest.NewUnstartedServer(h)
	srv.Config.ConnState = func(c net.Conn, s http.ConnState) {
		if s == http.StateNew {
			accepted.Add(1)
		}
	}
	srv.Start()
	t.Cleanup(srv.Close)
	return srv, &accepted
}

func TestGuardRefusesLoopbackWithoutConnecting(t *testing.T) {
	srv, accepted := countingServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "secret")
	}))
	c := New(Options{Timeout: 2 * time.Second})
	_, err := c.Get(context.Background(), Request{URL: srv.URL})
	if !errors.Is(err, ErrBlockedAddress) {
		t.Fatalf("err = %v, want ErrBlockedAddress", err)
	}
	if !strings.Contains(err.Error(), "127.0.0.1") {
		t.Errorf("error does not name the address: %v", err)
	}
	if n := accepted.Load(); n != 0 {
		t.Errorf("the blocked listener accepted %d connections", n)
	}
	if Transient(err) {
		t.Error("a blocked address is not worth retrying")
	}
}

func TestSchemeAllowlist(t *testing.T) {
	c := New(Options{AllowPrivate: true})
	for _, u := range []string{"file:///etc/passwd", "gopher://x/", "ftp://example.com/f", "data:text/plain,hi", "javascript:alert(1)"} {
		if _, err := c.Get(context.Background(), Request{URL: u}); !errors.Is(err, ErrScheme) {
			t.Errorf("Get(%s) = %v, want ErrScheme", u, err)
		}
	}
}

func TestGetBounds(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/ok", func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("User-Agent") != "aitracker-test" {
			t.Errorf("User-Agent = %q", r.Header.Get("User-Agent"))
		}
		if r.Header.Get("If-None-Match") == `"v1"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", `"v1"`)
		w.Header().Set("Last-Modified", "Mon, 02 Jan 2026 15:04:05 GMT")
		io.WriteString(w, "<rss/>")
	})
	mux.HandleFunc("/huge", func(w http.ResponseWriter, r *http.Request) {
		// Streams far more than the cap without ever holding it.
		chunk := bytes.Repeat([]byte("x"), 64<<10)
		for range 2 << 10 { // 128 MiB
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
	})
	mux.HandleFunc("/bomb", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Encoding", "gzip")
		gz := gzip.NewWriter(w)
		zeros := make([]byte, 1<<20)
		for range 256 { // 256 MiB of zeros, a few hundred KiB on the wire
			if _, err := gz.Write(zeros); err != nil {
				return
			}
		}
		gz.Close()
	})
	mux.HandleFunc("/loop", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/loop", http.StatusFound) })
	mux.HandleFunc("/gone", func(w http.ResponseWriter, r *http.Request) { http.Error(w, "gone", http.StatusNotFound) })
	mux.HandleFunc("/busy", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "120")
		http.Error(w, "slow down", http.StatusTooManyRequests)
	})
	mux.HandleFunc("/drip", func(w http.ResponseWriter, r *http.Request) {
		for range 100 {
			if _, err := w.Write([]byte("x")); err != nil {
				return
			}
			w.(http.Flusher).Flush()
			select {
			case <-r.Context().Done():
				return
			case <-time.After(200 * time.Millisecond):
			}
		}
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	c := New(Options{AllowPrivate: true, MaxBytes: 1 << 20, Timeout: time.Second, UserAgent: "aitracker-test"})
	ctx := context.Background()

	resp, err := c.Get(ctx, Request{URL: srv.URL + "/ok"})
	if err != nil || string(resp.Body) != "<rss/>" || resp.ETag != `"v1"` || resp.LastModified == "" {
		t.Fatalf("ok: %+v, %v", resp, err)
	}
	resp, err = c.Get(ctx, Request{URL: srv.URL + "/ok", ETag: `"v1"`})
	if err != nil || !resp.NotModified || len(resp.Body) != 0 {
		t.Errorf("conditional GET: %+v, %v", resp, err)
	}

	tests := []struct {
		path  string
		check func(error) bool
		want  string
	}{
		{"/huge", func(err error) bool { return errors.Is(err, ErrTooLarge) }, "1 MiB limit"},
		{"/bomb", func(err error) bool { return errors.Is(err, ErrTooLarge) }, "1 MiB limit"},
		{"/loop", func(err error) bool { return errors.Is(err, ErrTooManyRedirects) }, "more than 5"},
		{"/gone", func(err error) bool { var se *StatusError; return errors.As(err, &se) && se.Code == 404 }, "404"},
		{"/busy", func(err error) bool {
			var se *StatusError
			return errors.As(err, &se) && se.Code == 429 && se.RetryAfter == 2*time.Minute
		}, "retry after 2m0s"},
		{"/drip", func(err error) bool { return errors.Is(err, context.DeadlineExceeded) }, "timed out"},
	}
	for _, tc := range tests {
		t.Run(tc.path, func(t *testing.T) {
			start := time.Now()
			_, err := c.Get(ctx, Request{URL: srv.URL + tc.path})
			if err == nil || !tc.check(err) || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want one containing %q", err, tc.want)
			}
			if d := time.Since(start); d > 3*time.Second {
				t.Errorf("took %s, beyond the 1s timeout", d)
			}
		})
	}
}

func TestTransient(t *testing.T) {
	tests := []struct {
		err  error
		want bool
	}{
		{&StatusError{Code: 503}, true},
		{&StatusError{Code: 429}, true},
		{&StatusError{Code: 404}, false},
		{fmt.Errorf("wrapped: %w", &SizeError{Limit: 1}), false},
		{context.DeadlineExceeded, true},
		{nil, false},
	}
	for _, tc := range tests {
		if got := Transient(tc.err); got != tc.want {
			t.Errorf("Transient(%v) = %v", tc.err, got)
		}
	}
}

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC)
	for in, want := range map[string]time.Duration{
		"120": 2 * time.Minute, "": 0, "soon": 0, "-5": 0,
		"Sat, 28 Nov 2026 12:10:00 GMT": 10 * time.Minute,
		"Sat, 28 Nov 2026 11:00:00 GMT": 0,
	} {
		if got := parseRetryAfter(in, now); got != want {
			t.Errorf("parseRetryAfter(%q) = %s, want %s", in, got, want)
		}
	}
}
