package web

import (
	"bytes"
	"errors"
	"io"
	"log/slog"
	"math"
	"net"
	"net/http"
	"strconv"
	"sync"
	"time"
)

// MaxBody bounds a request body; a larger one is answered 413 before any
// handler sees it.
const MaxBody = 1 << 20

// Timeouts bound each connection and request of the HTTP server.
type Timeouts struct {
	// ReadHeader cuts off a client that sends its headers too slowly
	// (slowloris); Read bounds headers and body together.
	ReadHeader, Read time.Duration
	Write, Idle      time.Duration
	// Handler bounds a handler's work; the client gets 503.
	Handler time.Duration
}

// DefaultTimeouts are the timeouts of "aitracker run".
var DefaultTimeouts = Timeouts{ReadHeader: 5 * time.Second, Read: 10 * time.Second, Write: 15 * time.Second,
	Idle: 60 * time.Second, Handler: 10 * time.Second}

// NewHTTPServer wraps h with the server-side limits. The answer to a
// request cut off by the handler timeout is written outside h, so it
// gets the security headers here.
func NewHTTPServer(addr string, h http.Handler, log *slog.Logger, t Timeouts) *http.Server {
	return &http.Server{
		Addr:              addr,
		Handler:           secure(http.TimeoutHandler(h, t.Handler, "request timed out\n")),
		ReadHeaderTimeout: t.ReadHeader,
		ReadTimeout:       t.Read,
		WriteTimeout:      t.Write,
		IdleTimeout:       t.Idle,
		MaxHeaderBytes:    16 << 10,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
}

// limitBody answers 413 to a body over MaxBody: at once when its length
// is declared, else once MaxBody+1 bytes have come. A body within the
// cap is handed on whole, so that no handler has a cut body to misread.
func limitBody(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Body == nil || r.Body == http.NoBody {
			next.ServeHTTP(w, r)
			return
		}
		if r.ContentLength > MaxBody {
			tooLarge(w)
			return
		}
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxBody))
		var mbe *http.MaxBytesError
		switch {
		case errors.As(err, &mbe):
			tooLarge(w)
			return
		case err != nil:
			// The client went away or was too slow (ReadTimeout).
			http.Error(w, "the request body could not be read", http.StatusBadRequest)
			return
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		next.ServeHTTP(w, r)
	})
}

func tooLarge(w http.ResponseWriter) {
	w.Header().Set("Connection", "close")
	writeJSON(w, http.StatusRequestEntityTooLarge, map[string]string{"error": "the request body exceeds " + strconv.Itoa(MaxBody>>20) + " MiB"})
}

// The admin token is guessed no faster than this: a client address has
// adminBurst failed attempts, and one more every adminRefill.
const (
	adminBurst  = 5
	adminRefill = 12 * time.Second
	// adminClients bounds the addresses remembered; those whose bucket
	// has refilled are forgotten first.
	adminClients = 4096
)

// failures is a token bucket per client address, spent by failed
// attempts. A client with none left is refused, right token or not,
// until one has come back.
type failures struct {
	mu      sync.Mutex
	buckets map[string]*bucket
}

type bucket struct {
	tokens float64
	at     time.Time // when tokens was reckoned
}

// wait returns how long the client must wait before its next attempt;
// zero when it may try now.
func (f *failures) wait(client string, now time.Time) time.Duration {
	f.mu.Lock()
	defer f.mu.Unlock()
	b := f.refill(client, now)
	if b == nil || b.tokens >= 1 {
		return 0
	}
	return time.Duration((1 - b.tokens) * float64(adminRefill))
}

// fail spends one of the client's attempts.
func (f *failures) fail(client string, now time.Time) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.buckets == nil {
		f.buckets = map[string]*bucket{}
	}
	b := f.refill(client, now)
	if b == nil {
		if len(f.buckets) >= adminClients {
			f.forget(now)
		}
		b = &bucket{tokens: adminBurst, at: now}
		f.buckets[client] = b
	}
	b.tokens = max(0, b.tokens-1)
}

// refill brings a client's bucket up to now; nil when it has none.
func (f *failures) refill(client string, now time.Time) *bucket {
	b := f.buckets[client]
	if b == nil {
		return nil
	}
	if now.After(b.at) {
		b.tokens = math.Min(adminBurst, b.tokens+float64(now.Sub(b.at))/float64(adminRefill))
		b.at = now
	}
	return b
}

// forget drops the clients whose bucket is full again and, when that is
// not enough, half of the others: a flood of new addresses costs each
// attempt O(1) on average, not a pass over every client.
func (f *failures) forget(now time.Time) {
	for c := range f.buckets {
		if f.refill(c, now).tokens >= adminBurst {
			delete(f.buckets, c)
		}
	}
	for c := range f.buckets {
		if len(f.buckets) <= adminClients/2 {
			break
		}
		delete(f.buckets, c)
	}
}

// clientAddr is the address the request came from. Forwarded headers are
// not trusted: behind a reverse proxy every client is the proxy.
func clientAddr(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}
