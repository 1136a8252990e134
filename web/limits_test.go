package web

import (
	"bufio"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aitracker/aitracker/internal/clock"
)

// TestStaticListsNoFolder: the embedded assets are served file by file;
// a folder's path is not found, never a listing.
func TestStaticListsNoFolder(t *testing.T) {
	srv := testServer(t)
	for _, tc := range []struct {
		path string
		code int
		want string
	}{
		{"/static/", 404, "There is no page at /static/"},
		{"/static/css/", 404, "There is no page at /static/css/"},
		{"/static/nothing.css", 404, "There is no page"},
		{"/static/style.css", 200, "{"},
		{"/static/openapi.json", 200, `"openapi"`},
	} {
		resp, body := get(t, srv.URL+tc.path)
		if resp.StatusCode != tc.code || !strings.Contains(body, tc.want) || strings.Contains(body, `<a href="style.css">`) {
			t.Errorf("GET %s: %d, want %d with %q:\n%.300s", tc.path, resp.StatusCode, tc.code, tc.want, body)
		}
	}
}

// TestAdminTokenAttemptsLimited: wrong admin tokens from one address are
// limited (5, then one every 12 s, then 429 with Retry-After, right
// token or not); another address is not; the limit lifts with time.
func TestAdminTokenAttemptsLimited(t *testing.T) {
	var mu sync.Mutex
	now := time.Date(2026, 11, 28, 7, 0, 0, 0, time.UTC)
	var srv *Server
	ss := storeTestServer(t, func(s *Server) {
		srv = s
		s.clock = clock.Func(func() time.Time {
			mu.Lock()
			defer mu.Unlock()
			return now
		})
	})
	advance := func(d time.Duration) {
		mu.Lock()
		now = now.Add(d)
		mu.Unlock()
	}
	h := ss.srv.Config.Handler
	// Over loopback: the client is 127.0.0.1.
	viaLoopback := func(token string) *http.Response {
		t.Helper()
		req, _ := http.NewRequest("GET", ss.srv.URL+"/api/subscribers", nil)
		req.Header.Set("Authorization", "Bearer "+token)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		return resp
	}
	// Another client address, given to the handler directly: no packet
	// goes anywhere.
	viaOther := func(token string) *http.Response {
		req := httptest.NewRequest("GET", "/api/subscribers", nil)
		req.RemoteAddr = "192.0.2.7:40000"
		req.Header.Set("Authorization", "Bearer "+token)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec.Result()
	}
	type step struct {
		name   string
		after  time.Duration
		call   func(string) *http.Response
		token  string
		code   int
		expect string // Retry-After
	}
	for _, s := range []step{
		{"1st wrong", 0, viaLoopback, "wrong", 401, ""},
		{"2nd wrong", 0, viaLoopback, "wrong", 401, ""},
		{"3rd wrong", 0, viaLoopback, "wrong", 401, ""},
		{"4th wrong", 0, viaLoopback, "wrong", 401, ""},
		{"5th wrong", 0, viaLoopback, "", 401, ""},
		{"6th wrong", 0, viaLoopback, "wrong", 429, "12"},
		{"right token, same address, while limited", 0, viaLoopback, adminToken, 429, "12"},
		{"right token, another address", 0, viaOther, adminToken, 200, ""},
		{"wrong token, another address", 0, viaOther, "wrong", 401, ""},
		{"5 s later", 5 * time.Second, viaLoopback, adminToken, 429, "7"},
		{"12 s later, right token", 7 * time.Second, viaLoopback, adminToken, 200, ""},
		{"one more wrong one", 0, viaLoopback, "wrong", 401, ""},
		{"and limited again", 0, viaLoopback, "wrong", 429, "12"},
		{"a minute later, a full burst again", time.Minute, viaLoopback, "wrong", 401, ""},
	} {
		advance(s.after)
		resp := s.call(s.token)
		if resp.StatusCode != s.code || resp.Header.Get("Retry-After") != s.expect {
			t.Errorf("%s: %d with Retry-After %q, want %d with %q", s.name, resp.StatusCode, resp.Header.Get("Retry-After"), s.code, s.expect)
		}
	}
	if !strings.Contains(ss.logs.String(), "admin token attempts limited") {
		t.Error("the limit is not logged")
	}
	// The memory of clients is bounded.
	for i := range 3 * adminClients {
		srv.adminFailures.fail(net.IPv4(10, byte(i>>16), byte(i>>8), byte(i)).String(), now)
	}
	if n := len(srv.adminFailures.buckets); n > adminClients {
		t.Errorf("%d client addresses remembered, want at most %d", n, adminClients)
	}
}

// TestRequestLimits: a body over 1 MiB is refused with 413, whether its
// length is declared or not, on every route that reads one; a body at
// the cap is taken; a query over 1 KB is a 400 that says so.
func TestRequestLimits(t *testing.T) {
	ss := storeTestServer(t)
	subscriber := func(size int) string {
		s := `{"email": "big@example.org"}`
		return s + strings.Repeat(" ", size-len(s))
	}
	type bodyCase struct {
		name, path, body string
		chunked          bool
		code             int
	}
	for _, tc := range []bodyCase{
		{"subscriber at the cap", "/api/subscribers", subscriber(MaxBody), false, 201},
		{"subscriber one byte over", "/api/subscribers", subscriber(MaxBody + 1), false, 413},
		{"subscriber over, length not declared", "/api/subscribers", subscriber(2 * MaxBody), true, 413},
		{"source over", "/api/sources", strings.Repeat("x", 3*MaxBody), false, 413},
		{"source over, length not declared", "/api/sources", strings.Repeat("x", MaxBody+1), true, 413},
		{"subscribe form over", "/subscribe", "email=" + strings.Repeat("a", MaxBody), false, 413},
		{"unsubscribe over", "/u/x", "List-Unsubscribe=One-Click" + strings.Repeat("&", MaxBody), true, 413},
	} {
		var body io.Reader = strings.NewReader(tc.body)
		if tc.chunked {
			body = io.MultiReader(body) // no length: sent chunked
		}
		req, _ := http.NewRequest("POST", ss.srv.URL+tc.path, body)
		req.Header.Set("Authorization", "Bearer "+adminToken)
		req.Header.Set("Content-Type", "application/json")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != tc.code || tc.code == 413 && !strings.Contains(string(b), "exceeds 1 MiB") {
			t.Errorf("%s: %d %.200s, want %d", tc.name, resp.StatusCode, b, tc.code)
		}
	}

	at, over := strings.Repeat("a", 1024), strings.Repeat("a", 1025)
	for _, tc := range []struct {
		path string
		code int
	}{
		{"/api/search?q=" + at, 200},
		{"/api/search?q=" + over, 400},
		{"/?q=" + over, 400},
		{"/feed.atom?q=" + over, 400},
	} {
		resp, body := get(t, ss.srv.URL+tc.path)
		if resp.StatusCode != tc.code || tc.code == 400 && !strings.Contains(body, "query longer than 1024 bytes") {
			t.Errorf("GET %.40s… (%d bytes): %d, want %d: %.200s", tc.path, len(tc.path), resp.StatusCode, tc.code, body)
		}
	}
	form := url.Values{"email": {"q@example.org"}, "q": {over}}.Encode()
	resp, err := http.Post(ss.srv.URL+"/subscribe", "application/x-www-form-urlencoded", strings.NewReader(form))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 400 && resp.StatusCode != 404 {
		t.Errorf("subscribing to a query over 1 KB: %d", resp.StatusCode)
	}
}

// TestSlowClientsAreCutOff serves with the server "aitracker run" builds
// (NewHTTPServer), with small timeouts: a client that sends its headers
// too slowly, and one that stalls in its body, are disconnected. The
// client gives up on its own only after 30 s, 100 times the timeouts.
func TestSlowClientsAreCutOff(t *testing.T) {
	if d := DefaultTimeouts; d.ReadHeader <= 0 || d.Read <= 0 || d.Write <= 0 || d.Idle <= 0 || d.Handler <= 0 {
		t.Fatalf("the default timeouts leave something unbounded: %+v", d)
	}
	s := NewHTTPServer("127.0.0.1:0", testServer(t).Config.Handler, slog.New(slog.DiscardHandler),
		Timeouts{ReadHeader: 100 * time.Millisecond, Read: 300 * time.Millisecond, Write: 5 * time.Second, Idle: 5 * time.Second, Handler: 5 * time.Second})
	if s.ReadHeaderTimeout != 100*time.Millisecond || s.ReadTimeout != 300*time.Millisecond {
		t.Fatalf("timeouts not applied: %v, %v", s.ReadHeaderTimeout, s.ReadTimeout)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go s.Serve(ln)
	t.Cleanup(func() { s.Close() })

	for _, tc := range []struct{ name, send string }{
		{"headers never finished", "GET / HTTP/1.1\r\nHost: tracker.example\r\nX-Slow: "},
		{"body stalls", "POST /api/search HTTP/1.1\r\nHost: tracker.example\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"q\": "},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, err := net.Dial("tcp", ln.Addr().String())
			if err != nil {
				t.Fatal(err)
			}
			defer c.Close()
			if _, err := io.WriteString(c, tc.send); err != nil {
				t.Fatal(err)
			}
			c.SetReadDeadline(time.Now().Add(30 * time.Second))
			got, err := io.ReadAll(bufio.NewReader(c))
			var ne net.Error
			if errors.As(err, &ne) && ne.Timeout() {
				t.Fatalf("the server kept the slow connection open (read %q)", got)
			}
			// Before the cut, at most an error answer.
			if len(got) > 0 && !strings.HasPrefix(string(got), "HTTP/1.1 4") && !strings.HasPrefix(string(got), "HTTP/1.1 5") {
				t.Errorf("before the cut the server sent %q", got)
			}
		})
	}
}

// TestEverySearchHasADeadline: each route that searches gives the index
// a deadline of its own. With it made negative every search is cut:
// the routes answer 503 saying so, with the security headers, and the
// company page, whose articles are an extra, still answers. A query the
// index could spend long on (a bare or short wildcard, a regular
// expression) is refused with 400 before any search starts.
func TestEverySearchHasADeadline(t *testing.T) {
	if SearchTimeout <= 0 || SearchTimeout >= DefaultTimeouts.Handler {
		t.Fatalf("SearchTimeout %v: want a deadline shorter than the handler timeout %v", SearchTimeout, DefaultTimeouts.Handler)
	}
	ss := storeTestServer(t, func(s *Server) { s.searchTimeout = -time.Nanosecond })
	const tooLong = "the search took too long"
	for _, tc := range []struct {
		path string
		code int
		want string
	}{
		{"/?q=funding", 503, tooLong},
		{"/?q=", 503, tooLong}, // filters only: answered without Bleve
		{"/?q=" + url.QueryEscape("type:funding company:智谱"), 503, tooLong},
		{"/?q=zhip*", 503, tooLong},
		{"/api/search?q=funding", 503, tooLong},
		{"/api/search?q=type:acquisition", 503, tooLong},
		{"/feed.atom?q=funding", 503, tooLong},
		{"/feed.rss", 503, tooLong},
		{"/feed.json?q=raises", 503, tooLong},
		{"/companies/" + url.PathEscape("Zhipu AI"), 200, "Zhipu AI"},
		{"/?q=*", 400, "wildcards"},
		{"/?q=" + url.QueryEscape("a* b* c*"), 400, "wildcards"},
		{"/api/search?q=" + url.QueryEscape("zh?pu"), 400, "wildcards"},
		{"/api/search?q=" + url.QueryEscape("/.*(a|aa)*b/"), 400, "regular expressions are not supported"},
		{"/feed.atom?q=" + url.QueryEscape("*ipu"), 400, "wildcards"},
	} {
		resp, body := get(t, ss.srv.URL+tc.path)
		if resp.StatusCode != tc.code || !strings.Contains(body, tc.want) {
			t.Errorf("GET %s: %d, want %d with %q: %.300s", tc.path, resp.StatusCode, tc.code, tc.want, body)
		}
		checkSecurityHeaders(t, tc.path, resp.Header)
	}
}
