package pipeline_test

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aitracker/aitracker/demo"
	"github.com/aitracker/aitracker/ingest"
	"github.com/aitracker/aitracker/ingest/fetch"
	"github.com/aitracker/aitracker/news"
	"github.com/aitracker/aitracker/store"
)

// countingServer serves h and counts the connections it accepts.
func countingServer(t *testing.T, ln net.Listener, h http.Handler) (*httptest.Server, *atomic.Int64) {
	t.Helper()
	var accepted atomic.Int64
	srv := &httptest.Server{Listener: ln, Config: &http.Server{Handler: h, ConnState: func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			accepted.Add(1)
		}
	}}}
	srv.Start()
	t.Cleanup(srv.Close)
	return srv, &accepted
}

// sourceRows returns the stored sources by name.
func sourceRows(t *testing.T, st *store.Store) map[string]news.Source {
	t.Helper()
	srcs, err := st.Sources(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]news.Source{}
	for _, s := range srcs {
		out[s.Name] = s
	}
	return out
}

// TestBlockedSourceNamesTheAddress: with private networks not allowed (the
// default), a source whose URL leads to loopback, however it is spelt,
// fails without a connection reaching the listener, and its last_error
// names the refused address. The addresses themselves are judged by the
// guard's decision function (the fetch package's table tests); this is
// the same refusal seen from the store, where an operator reads it.
func TestBlockedSourceNamesTheAddress(t *testing.T) {
	f := newFixture(t)
	f.p.Fetcher = &ingest.Fetcher{Client: fetch.New(fetch.Options{Timeout: 5 * time.Second, HostInterval: -1})}
	wire, _ := demo.Render("ai-wire.rss.xml", "https://demo.example", time.Now())
	serve := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write(wire) })

	ln4, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	_, accepted4 := countingServer(t, ln4, serve)
	port4 := ln4.Addr().(*net.TCPAddr).Port
	// want is how last_error names the address: as the URL spells it, and
	// as the plain address where the spelling hides it.
	type row struct{ name, url, want string }
	rows := []row{
		{"dotted", fmt.Sprintf("http://127.0.0.1:%d/feed.xml", port4), "address 127.0.0.1 not allowed"},
		{"integer", fmt.Sprintf("http://2130706433:%d/feed.xml", port4), "address 2130706433 (127.0.0.1) not allowed"},
		{"octal", fmt.Sprintf("http://0177.0.0.1:%d/feed.xml", port4), "address 0177.0.0.1 (127.0.0.1) not allowed"},
		{"mapped", fmt.Sprintf("http://[::ffff:127.0.0.1]:%d/feed.xml", port4), "address ::ffff:127.0.0.1 (127.0.0.1) not allowed"},
		{"https", fmt.Sprintf("https://127.0.0.1:%d/feed.xml", port4), "address 127.0.0.1 not allowed"},
	}
	accepted6 := new(atomic.Int64)
	if ln6, err := net.Listen("tcp", "[::1]:0"); err == nil {
		_, accepted6 = countingServer(t, ln6, serve)
		port6 := ln6.Addr().(*net.TCPAddr).Port
		rows = append(rows,
			row{"ipv6", fmt.Sprintf("http://[::1]:%d/feed.xml", port6), "address ::1 not allowed"},
			row{"zoned", fmt.Sprintf("http://[::1%%25lo]:%d/feed.xml", port6), "address ::1%lo (::1) not allowed"},
		)
	} else {
		t.Logf("no IPv6 loopback (%v): the [::1] rows are left out", err)
	}
	var list []news.Source
	for _, r := range rows {
		list = append(list, news.Source{Name: r.name, URL: r.url, Kind: news.KindFeed})
	}
	sum, err := f.p.Run(context.Background(), list)
	if err != nil {
		t.Fatal(err)
	}
	if sum.SourcesFailed != len(rows) || sum.New != 0 {
		t.Errorf("pass: %s, want every source failed and nothing stored", sum)
	}
	got := sourceRows(t, f.st)
	for _, r := range rows {
		s := got[r.name]
		if !strings.Contains(s.LastError, r.want) || s.ConsecutiveFailures != 1 {
			t.Errorf("%s (%s): last_error %q, %d failures; want one failure and an error containing %q", r.name, r.url, s.LastError, s.ConsecutiveFailures, r.want)
		}
	}
	if a4, a6 := accepted4.Load(), accepted6.Load(); a4 != 0 || a6 != 0 {
		t.Errorf("the loopback listeners accepted %d (127.0.0.1) and %d ([::1]) connections, want 0", a4, a6)
	}
}
