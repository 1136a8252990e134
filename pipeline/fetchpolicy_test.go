package pipeline_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aitracker/aitracker/demo"
	"github.com/aitracker/aitracker/ingest"
	"github.com/aitracker/aitracker/ingest/fetch"
	"github.com/aitracker/aitracker/internal/clock"
	"github.com/aitracker/aitracker/news"
	"github.com/aitracker/aitracker/pipeline"
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
func sourceRows(t *testing.T, st store.Store) map[string]news.Source {
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

// TestRetryAfterThroughThePipeline: a 429 or 503 with Retry-After, in
// seconds or as an HTTP date, sets the source's next_check_at that far
// ahead, at most Policy.MaxBackoff; a 503 without one backs off by
// Policy.RetryBase; and a pass inside the window does not ask again.
//
// The times are bracketed, not measured: next_check_at must fall between
// the values the rule gives for the instants just before and just after
// the pass (stored to the second), however long the pass took.
func TestRetryAfterThroughThePipeline(t *testing.T) {
	f := newFixture(t)
	f.p.Policy.MaxBackoff = 2 * time.Hour // the cap under test; RetryBase stays at its 15 min default
	before := time.Now().Truncate(time.Second)
	date := func(d time.Duration) string { return before.Add(d).UTC().Format(http.TimeFormat) }
	type row struct {
		name, retryAfter string
		code             int
		wait             time.Duration // after the pass's time (seconds form, back-off, cap)
		at               time.Duration // after before, to the second (HTTP date)
		wantErr          string
	}
	rows := []row{
		{name: "seconds-429", code: 429, retryAfter: "120", wait: 2 * time.Minute, wantErr: "429 Too Many Requests (retry after 2m0s)"},
		{name: "seconds-503", code: 503, retryAfter: "600", wait: 10 * time.Minute, wantErr: "503 Service Unavailable (retry after 10m0s)"},
		{name: "seconds-over-cap", code: 429, retryAfter: "86400", wait: 2 * time.Hour, wantErr: "(retry after 24h0m0s)"},
		{name: "date-503", code: 503, retryAfter: date(90 * time.Minute), at: 90 * time.Minute, wantErr: "503 Service Unavailable (retry after"},
		{name: "date-over-cap", code: 503, retryAfter: date(5 * time.Hour), wait: 2 * time.Hour, wantErr: "503 Service Unavailable (retry after"},
		{name: "no-retry-after", code: 503, wait: 15 * time.Minute, wantErr: "server answered 503 Service Unavailable"},
	}
	var hits sync.Map // path → *atomic.Int32
	byPath := map[string]row{}
	for _, r := range rows {
		byPath["/"+r.name] = r
		hits.Store("/"+r.name, new(atomic.Int32))
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n, ok := hits.Load(r.URL.Path)
		if !ok {
			http.NotFound(w, r)
			return
		}
		n.(*atomic.Int32).Add(1)
		if ra := byPath[r.URL.Path].retryAfter; ra != "" {
			w.Header().Set("Retry-After", ra)
		}
		http.Error(w, "come back later", byPath[r.URL.Path].code)
	}))
	defer srv.Close()
	var list []news.Source
	for _, r := range rows {
		list = append(list, news.Source{Name: r.name, URL: srv.URL + "/" + r.name, Kind: news.KindFeed})
	}
	ctx := context.Background()
	sum, err := f.p.Run(ctx, list)
	after := time.Now()
	if err != nil {
		t.Fatal(err)
	}
	if sum.SourcesFailed != len(rows) {
		t.Fatalf("pass: %s", sum)
	}
	got := sourceRows(t, f.st)
	for _, r := range rows {
		s := got[r.name]
		lo, hi := before.Add(r.wait), after.Add(r.wait)
		if r.at > 0 {
			// The date is read against the fetch's clock and added to the
			// pass's, a moment later: never before the date itself.
			lo, hi = before.Add(r.at), before.Add(r.at).Add(after.Sub(before))
		}
		if s.NextCheckAt.Before(lo) || s.NextCheckAt.After(hi.Add(time.Second)) {
			t.Errorf("%s: next_check_at %s, want between %s and %s", r.name, s.NextCheckAt.Format(time.TimeOnly), lo.Format(time.TimeOnly), hi.Format(time.TimeOnly))
		}
		if !strings.Contains(s.LastError, r.wantErr) {
			t.Errorf("%s: last_error %q, want it to contain %q", r.name, s.LastError, r.wantErr)
		}
	}
	// No retry inside the window: a pass that is not forced asks none of
	// them again.
	sum, err = f.p.Run(ctx, list)
	if err != nil {
		t.Fatal(err)
	}
	if sum.NotDue != len(rows) {
		t.Errorf("second pass: %s, want all %d not due", sum, len(rows))
	}
	for _, r := range rows {
		n, _ := hits.Load("/" + r.name)
		if k := n.(*atomic.Int32).Load(); k != 1 {
			t.Errorf("%s: asked %d times, want once", r.name, k)
		}
	}
}

// TestNotModifiedTouchesOnlyTheSchedule: a 304 stores nothing and changes
// nothing on the source but when it was checked and is next due and the
// fetch counters; the validators stay. The server here sends a body with
// its 304 (as a broken server may): a whole feed with a new item, which
// would be stored if a 304's body were ever parsed.
func TestNotModifiedTouchesOnlyTheSchedule(t *testing.T) {
	f := newFixture(t)
	now := time.Now()
	wire, _ := demo.Render("ai-wire.rss.xml", "https://demo.example", now)
	fresh := bytes.Replace(wire, []byte("<item>"), []byte("<item><title>Only in the 304 body</title><guid>not-modified-body</guid><description>Never stored.</description></item><item>"), 1)
	const lastMod = "Mon, 23 Nov 2026 08:00:00 GMT"
	var validated, served atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		etag := `"` + r.URL.Path + `-v1"`
		if r.Header.Get("If-None-Match") == etag || r.Header.Get("If-Modified-Since") == lastMod {
			validated.Add(1)
			// net/http's server refuses a body with a 304: write it raw.
			conn, buf, err := http.NewResponseController(w).Hijack()
			if err != nil {
				t.Error(err)
				return
			}
			defer conn.Close()
			fmt.Fprintf(buf, "HTTP/1.1 304 Not Modified\r\nETag: %s\r\nContent-Type: application/rss+xml\r\nContent-Length: %d\r\nConnection: close\r\n\r\n", etag, len(fresh))
			buf.Write(fresh)
			buf.Flush()
			return
		}
		served.Add(1)
		if r.URL.Path == "/etag" {
			w.Header().Set("ETag", etag)
		} else {
			w.Header().Set("Last-Modified", lastMod)
		}
		w.Write(wire)
	}))
	defer srv.Close()
	list := []news.Source{{Name: "etag", URL: srv.URL + "/etag"}, {Name: "last-modified", URL: srv.URL + "/last-modified"}}
	ctx := context.Background()
	if sum, err := f.p.Run(ctx, list); err != nil || sum.New != 32 {
		t.Fatalf("first pass: %s, %v", sum, err)
	}
	rowsBefore := sourceRows(t, f.st)
	artsBefore, _ := f.st.ArticlesAfter(ctx, 0, 1000)
	seq, _ := f.st.MaxSeq(ctx)

	var parsedArticles, notModified atomic.Int32
	pipeline.SetParsed(f.p, func(_ news.Source, r *ingest.Result) {
		parsedArticles.Add(int32(len(r.Articles)))
		if r.NotModified {
			notModified.Add(1)
		}
	})
	sum, err := f.p.Run(ctx, list, pipeline.Options{Force: true})
	if err != nil {
		t.Fatal(err)
	}
	if sum.NotModified != 2 || sum.New != 0 || sum.Updated != 0 || sum.SourcesFailed != 0 {
		t.Errorf("second pass: %s", sum)
	}
	if v, s, n, a := validated.Load(), served.Load(), notModified.Load(), parsedArticles.Load(); v != 2 || s != 2 || n != 2 || a != 0 {
		t.Errorf("%d validated, %d served, %d results not modified with %d articles; want 2, 2, 2 and 0", v, s, n, a)
	}
	if after, _ := f.st.MaxSeq(ctx); after != seq {
		t.Errorf("a pass of 304s wrote articles: seq %d -> %d", seq, after)
	}
	artsAfter, _ := f.st.ArticlesAfter(ctx, 0, 1000)
	if !reflect.DeepEqual(artsBefore, artsAfter) {
		t.Errorf("the articles changed on a 304")
	}
	for name, b := range rowsBefore {
		a := sourceRows(t, f.st)[name]
		if a.Fetches != b.Fetches+1 || a.NotModified != b.NotModified+1 || a.LastAttemptAt.Before(b.LastAttemptAt) ||
			a.LastSuccessAt.Before(b.LastSuccessAt) || a.NextCheckAt.Before(b.NextCheckAt) {
			t.Errorf("%s: counters or times did not move on: %+v -> %+v", name, b, a)
		}
		// Everything else is as it was: validators, errors, counts.
		want := b
		want.LastAttemptAt, want.LastSuccessAt, want.NextCheckAt = a.LastAttemptAt, a.LastSuccessAt, a.NextCheckAt
		want.Fetches, want.NotModified = a.Fetches, a.NotModified
		if !reflect.DeepEqual(a, want) {
			t.Errorf("%s: the 304 changed more than the schedule:\n before %+v\n after  %+v", name, b, a)
		}
	}
}

// TestOversizeSourceKeepsItsArticles: a source that served a feed and
// now streams 2 GiB fails with the cap in its last_error; what it stored
// before is untouched, and another source of the same pass is refreshed.
// The fetch package bounds what the server gets to send and the heap.
func TestOversizeSourceKeepsItsArticles(t *testing.T) {
	f := newFixture(t)
	const limit = 16 << 20
	f.p.Fetcher = &ingest.Fetcher{Client: fetch.New(fetch.Options{AllowPrivate: true, MaxBytes: limit, Timeout: time.Minute, HostInterval: -1})}
	now := time.Now()
	wire, _ := demo.Render("ai-wire.rss.xml", "https://demo.example", now)
	zh, _ := demo.Render("zhineng-kuaibao.rss.xml", "https://demo.example", now)
	var second atomic.Bool
	var sent atomic.Int64
	mux := http.NewServeMux()
	mux.HandleFunc("/grows", func(w http.ResponseWriter, r *http.Request) {
		if !second.Load() {
			w.Write(wire)
			return
		}
		chunk := bytes.Repeat([]byte("<item><title>x</title></item>"), 4096)
		for n := 0; n < 2<<30; n += len(chunk) {
			k, err := w.Write(chunk)
			sent.Add(int64(k))
			if err != nil {
				return
			}
		}
	})
	mux.HandleFunc("/steady", func(w http.ResponseWriter, r *http.Request) {
		if !second.Load() {
			w.Write(zh)
			return
		}
		w.Write(bytes.Replace(zh, []byte("<item>"), []byte("<item><title>Second pass item</title><guid>second-pass</guid><description>New in the second pass.</description></item><item>"), 1))
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	list := []news.Source{{Name: "grows", URL: srv.URL + "/grows"}, {Name: "steady", URL: srv.URL + "/steady"}}
	ctx := context.Background()
	if sum, err := f.p.Run(ctx, list); err != nil || sum.New != 32 {
		t.Fatalf("first pass: %s, %v", sum, err)
	}
	grows := sourceRows(t, f.st)["grows"].ID
	var before []news.Article
	all, _ := f.st.ArticlesAfter(ctx, 0, 1000)
	for _, a := range all {
		if a.SourceID == grows {
			before = append(before, a)
		}
	}
	if len(before) != 16 {
		t.Fatalf("grows stored %d articles, want 16", len(before))
	}
	second.Store(true)
	sum, err := f.p.Run(ctx, list, pipeline.Options{Force: true})
	if err != nil {
		t.Fatal(err)
	}
	if sum.SourcesOK != 1 || sum.SourcesFailed != 1 || sum.New != 1 {
		t.Errorf("second pass: %s, want steady refreshed with its 1 new item and grows failed", sum)
	}
	row := sourceRows(t, f.st)["grows"]
	if !strings.Contains(row.LastError, "response exceeds 16 MiB limit") || row.ConsecutiveFailures != 1 {
		t.Errorf("grows: last_error %q, %d failures", row.LastError, row.ConsecutiveFailures)
	}
	t.Logf("the 2 GiB server sent %.1f MiB", float64(sent.Load())/(1<<20))
	after, err := f.st.Articles(ctx, ids(before))
	if err != nil || !reflect.DeepEqual(before, after) {
		t.Errorf("grows's stored articles changed (%v)", err)
	}
}

// TestReingestIdempotent: within one source, the same feed read twice
// stores nothing the second time; ten items that share one GUID are ten
// rows (the key is GUID and URL); links that differ only in utm_*
// parameters or a fragment are one row, in one read and across reads;
// and an item whose title is edited is updated in place.
func TestReingestIdempotent(t *testing.T) {
	f := newFixture(t)
	item := func(guid, link, title, desc string) string {
		g := ""
		if guid != "" {
			g = "<guid isPermaLink=\"false\">" + guid + "</guid>"
		}
		return fmt.Sprintf("<item>%s<link>%s</link><title>%s</title><description>%s</description></item>", g, link, title, desc)
	}
	version := func(editedTitle, utm string) string {
		var b strings.Builder
		for i := range 10 {
			b.WriteString(item("same-guid", fmt.Sprintf("https://news.example/story/%d", i),
				fmt.Sprintf("Story number %d", i), fmt.Sprintf("Body of story %d: %s.", i, strings.Repeat(fmt.Sprint(i), i+3))))
		}
		desc := "One page, linked three ways."
		b.WriteString(item("", "https://news.example/page?utm_source="+utm+"&utm_medium=rss", "The page", desc))
		b.WriteString(item("", "https://news.example/page#comments", "The page", desc))
		b.WriteString(item("", "https://news.example/page", "The page", desc))
		b.WriteString(item("edited", "https://news.example/edited", editedTitle, "A story whose headline changes."))
		return `<?xml version="1.0"?><rss version="2.0"><channel><title>Feed</title>` + b.String() + `</channel></rss>`
	}
	var body atomic.Value
	body.Store(version("First headline", "rss"))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		io.WriteString(w, body.Load().(string))
	}))
	defer srv.Close()
	list := []news.Source{{Name: "Feed", URL: srv.URL}}
	ctx := context.Background()
	// The items carry no date, so each is stamped with the time it is
	// read: each pass reads an hour after the one before.
	readAt := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	f.p.Fetcher.Clock = clock.Func(func() time.Time { return readAt })
	pass := func(name string, wantNew, wantUpdated int) {
		t.Helper()
		readAt = readAt.Add(time.Hour)
		sum, err := f.p.Run(ctx, list, pipeline.Options{Force: true})
		if err != nil {
			t.Fatal(err)
		}
		n, _ := f.st.CountArticles(ctx)
		if sum.New != wantNew || sum.Updated != wantUpdated || n != 12 {
			t.Errorf("%s: %s, %d rows; want %d new, %d updated, 12 rows", name, sum, n, wantNew, wantUpdated)
		}
	}
	pass("first read", 12, 0)
	first, _ := f.st.ArticlesAfter(ctx, 0, 100)
	pass("same feed again", 0, 0)
	body.Store(version("First headline", "twitter"))
	pass("other utm parameters", 0, 0)
	body.Store(version("Edited headline", "rss"))
	pass("edited title", 0, 1)

	arts, _ := f.st.ArticlesAfter(ctx, 0, 100)
	byURL := map[string][]news.Article{}
	for _, a := range arts {
		byURL[a.URL] = append(byURL[a.URL], a)
	}
	for i := range 10 {
		u := fmt.Sprintf("https://news.example/story/%d", i)
		if len(byURL[u]) != 1 || byURL[u][0].GUID != "same-guid" {
			t.Errorf("%s: %d rows, want 1 with the shared GUID", u, len(byURL[u]))
		}
	}
	if len(byURL["https://news.example/page"]) != 1 {
		t.Errorf("the page linked three ways: %d rows, want 1", len(byURL["https://news.example/page"]))
	}
	var firstEdited news.Article
	for _, a := range first {
		if a.GUID == "edited" {
			firstEdited = a
		}
	}
	if e := byURL["https://news.example/edited"]; len(e) != 1 || e[0].Title != "Edited headline" || e[0].ID != firstEdited.ID {
		t.Errorf("the edited item: %+v, want one row, ID %d, with the new title", e, firstEdited.ID)
	} else if !e[0].Published.Equal(firstEdited.Published) || !e[0].PublishedEstimated {
		t.Errorf("the edited item, still without a date, is dated %s (estimated %v); want the first read's %s",
			e[0].Published, e[0].PublishedEstimated, firstEdited.Published)
	}
}
