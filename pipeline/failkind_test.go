package pipeline_test

import (
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aitracker/aitracker/ingest"
	"github.com/aitracker/aitracker/ingest/fetch"
	"github.com/aitracker/aitracker/news"
	"github.com/aitracker/aitracker/pipeline"
)

// TestFailureKinds: each failure is recorded on its source with its
// kind and in plain words beside the error itself, and the kind sets the
// wait. A timeout or a 500 is transient and
// tried again after the back-off (15 minutes, then 30); a 404, an address
// the guard refuses or a document that is not a feed is permanent and
// waits sixteen times as long (4 hours, then 8), and the log says so.
func TestFailureKinds(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	var back atomic.Bool // the 404 feed is back
	mux := http.NewServeMux()
	mux.HandleFunc("/gone", func(w http.ResponseWriter, r *http.Request) {
		if !back.Load() {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Write([]byte(`<rss version="2.0"><channel><title>t</title><item><title>Back</title><link>https://news.example/back</link></item></channel></rss>`))
	})
	mux.HandleFunc("/broken", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "database on fire", http.StatusInternalServerError)
	})
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		<-r.Context().Done() // answers nothing until the client gives up
	})
	mux.HandleFunc("/garbage", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Write([]byte("\x00\x01 this is not a feed \xff"))
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	// A second loopback listener, refused by the guard's decision: the
	// test lets the fixture's address through and nothing else, so no
	// connection to this one is ever made.
	var accepted atomic.Int32
	refused := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	refused.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			accepted.Add(1)
		}
	}
	refused.Start()
	defer refused.Close()
	allowed := netip.MustParseAddrPort(srv.Listener.Addr().String())
	f.p.Fetcher = &ingest.Fetcher{Client: fetch.New(fetch.Options{Timeout: 2 * time.Second, HostInterval: -1,
		AllowAddr: func(ap netip.AddrPort) bool { return ap == allowed }})}
	logs, log := newLogWatch()
	f.p.Logger = log
	clk := &fakeClock{now: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)}
	f.p.Clock = clk

	cases := []struct {
		name, url, kind, text, plain string
		waits                        [2]time.Duration // after the first failure and the second
	}{
		{"404", srv.URL + "/gone", "permanent", "404", "nothing is at this address (404 Not Found)",
			[2]time.Duration{4 * time.Hour, 8 * time.Hour}},
		{"500", srv.URL + "/broken", "transient", "500", "the server failed to answer (500 Internal Server Error)",
			[2]time.Duration{15 * time.Minute, 30 * time.Minute}},
		{"timeout", srv.URL + "/slow", "transient", "timed out", "127.0.0.1 did not answer in time",
			[2]time.Duration{15 * time.Minute, 30 * time.Minute}},
		{"blocked address", refused.URL + "/feed.xml", "permanent", "not allowed", "127.0.0.1 is a private, loopback or link-local address",
			[2]time.Duration{4 * time.Hour, 8 * time.Hour}},
		{"unparseable feed", srv.URL + "/garbage", "permanent", "parse", "is not a feed (RSS, Atom or JSON Feed)",
			[2]time.Duration{4 * time.Hour, 8 * time.Hour}},
	}
	var list []news.Source
	for _, tc := range cases {
		list = append(list, news.Source{Name: tc.name, URL: tc.url, Kind: news.KindFeed})
	}
	for pass := range 2 {
		sum, err := f.p.Run(ctx, list, pipeline.Options{Force: true})
		if err != nil {
			t.Fatal(err)
		}
		if sum.SourcesFailed != len(cases) {
			t.Fatalf("pass %d: %s", pass+1, sum)
		}
		rows, err := f.st.Sources(ctx)
		if err != nil {
			t.Fatal(err)
		}
		byName := map[string]news.Source{}
		for _, r := range rows {
			byName[r.Name] = r
		}
		for _, tc := range cases {
			src := byName[tc.name]
			wait := src.NextCheckAt.Sub(src.LastAttemptAt)
			if src.LastErrorKind != tc.kind || wait != tc.waits[pass] || src.ConsecutiveFailures != pass+1 ||
				!strings.Contains(src.LastError, tc.text) || !strings.Contains(src.LastErrorPlain, tc.plain) {
				t.Errorf("pass %d, %s: kind %q, next try after %s, %d failures, error %q (%q); want %s, %s, %d, one saying %q (%q)",
					pass+1, tc.name, src.LastErrorKind, wait, src.ConsecutiveFailures, src.LastError, src.LastErrorPlain,
					tc.kind, tc.waits[pass], pass+1, tc.text, tc.plain)
			}
		}
		clk.Set(clk.Now().Add(time.Minute))
	}
	if n := accepted.Load(); n != 0 {
		t.Errorf("the refused listener accepted %d connections", n)
	}
	for _, line := range []string{
		`kind=permanent err="fetch ` + srv.URL + `/gone: fetch: server answered 404 Not Found" failures=1 retry_in=4h0m0s`,
		`stage=parse kind=permanent`,
		`kind=transient err="fetch ` + srv.URL + `/broken: fetch: server answered 500 Internal Server Error" failures=2 retry_in=30m0s`,
	} {
		if !strings.Contains(logs.String(), line) {
			t.Errorf("the log does not say %q:\n%s", line, logs.String())
		}
	}

	// A success clears the kind.
	back.Store(true)
	if _, err := f.p.Run(ctx, list[:1], pipeline.Options{Force: true}); err != nil {
		t.Fatal(err)
	}
	rows, _ := f.st.Sources(ctx)
	for _, r := range rows {
		if r.Name == "404" && (r.LastErrorKind != "" || r.LastErrorPlain != "" || r.ConsecutiveFailures != 0) {
			t.Errorf("after a success: kind %q (%q), %d failures", r.LastErrorKind, r.LastErrorPlain, r.ConsecutiveFailures)
		}
	}
}
