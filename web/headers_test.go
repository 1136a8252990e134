package web

import (
	"bufio"
	"context"
	"encoding/json"
	"encoding/xml"
	"go/ast"
	"go/parser"
	"go/token"
	"io"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	xhtml "golang.org/x/net/html"

	"github.com/aitracker/aitracker/config"
	"github.com/aitracker/aitracker/digest"
	"github.com/aitracker/aitracker/store"
)

// registeredRoute is a pattern the server registers, and whether it is
// registered through handle (and so counted in /metrics by its pattern).
type registeredRoute struct {
	pattern      string
	instrumented bool
	at           string
}

// registeredRoutes reads the package's source (the web directory and any
// below it, tests left out) for the patterns given to handle,
// mux.Handle and mux.HandleFunc. A pattern that is not a string literal
// fails the test: the list would be incomplete.
func registeredRoutes(t *testing.T) []registeredRoute {
	t.Helper()
	fset := token.NewFileSet()
	var out []registeredRoute
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "testdata" || d.Name() == "static" || d.Name() == "templates") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			return err
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok || len(call.Args) < 2 {
				return true
			}
			instrumented := false
			switch fun := call.Fun.(type) {
			case *ast.Ident:
				if fun.Name != "handle" {
					return true
				}
				instrumented = true
			case *ast.SelectorExpr:
				if fun.Sel.Name != "Handle" && fun.Sel.Name != "HandleFunc" {
					return true
				}
			default:
				return true
			}
			at := fset.Position(call.Pos()).String()
			// A wrapper such as handle passes its own parameter on; its
			// callers are read instead.
			if id, ok := call.Args[0].(*ast.Ident); ok && id.Obj != nil {
				if _, param := id.Obj.Decl.(*ast.Field); param {
					return true
				}
			}
			lit, ok := call.Args[0].(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				t.Errorf("%s: a route registered with a pattern that is not a literal; TestSecurityHeadersOnEveryRoute cannot list it", at)
				return true
			}
			p, err := strconv.Unquote(lit.Value)
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, registeredRoute{pattern: p, instrumented: instrumented, at: at})
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(out) < 10 {
		t.Fatalf("found only %d routes in the source: %v", len(out), out)
	}
	return out
}

// routeRequest is a request that reaches one route.
type routeRequest struct {
	pattern      string
	method, path string
	body         string
	admin        bool
	code         int
}

// checkSecurityHeaders fails the test when a response lacks the headers
// every response must carry: a Content-Security-Policy that allows no
// inline or outside script, nosniff, and a Referrer-Policy that sends no
// path to other sites. An HTML page's policy must also pin base-uri,
// form-action and frame-ancestors.
func checkSecurityHeaders(t *testing.T, where string, h http.Header) {
	t.Helper()
	directives := map[string][]string{}
	for _, d := range strings.Split(h.Get("Content-Security-Policy"), ";") {
		if f := strings.Fields(d); len(f) > 0 {
			directives[strings.ToLower(f[0])] = f[1:]
		}
	}
	script, ok := directives["script-src"]
	if !ok {
		script, ok = directives["default-src"]
	}
	if !ok {
		t.Errorf("%s: no script-src or default-src in the CSP %q", where, h.Get("Content-Security-Policy"))
	}
	for _, v := range script {
		switch strings.ToLower(v) {
		case "'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", "*", "data:", "http:", "https:", "blob:":
			t.Errorf("%s: the CSP lets scripts come from %s: %q", where, v, h.Get("Content-Security-Policy"))
		}
	}
	for _, d := range []string{"base-uri", "frame-ancestors", "form-action"} {
		if _, ok := directives[d]; !ok && strings.HasPrefix(h.Get("Content-Type"), "text/html") {
			t.Errorf("%s: the CSP has no %s: %q", where, d, h.Get("Content-Security-Policy"))
		}
	}
	if got := h.Values("X-Content-Type-Options"); len(got) != 1 || got[0] != "nosniff" {
		t.Errorf("%s: X-Content-Type-Options %q", where, got)
	}
	switch rp := h.Get("Referrer-Policy"); rp {
	case "no-referrer", "same-origin", "strict-origin", "strict-origin-when-cross-origin":
	default:
		t.Errorf("%s: Referrer-Policy %q", where, rp)
	}
}

// do sends a request with the admin token when asked, and returns the
// response with its body read.
func do(t *testing.T, base string, r routeRequest) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(r.method, base+r.path, strings.NewReader(r.body))
	if err != nil {
		t.Fatal(err)
	}
	if r.body != "" {
		if strings.HasPrefix(r.body, "{") {
			req.Header.Set("Content-Type", "application/json")
		} else {
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		}
	}
	if r.admin {
		req.Header.Set("Authorization", "Bearer "+adminToken)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, string(b)
}

// TestSecurityHeadersOnEveryRoute sends a request to every route the
// server registers (the table below must list exactly the patterns the
// source registers) and to its error pages, and checks the security
// headers on every answer; an HTML answer must also pass checkSafeHTML.
func TestSecurityHeadersOnEveryRoute(t *testing.T) {
	ss := storeTestServer(t)
	ctx := context.Background()
	evs, err := ss.st.Events(ctx, store.EventFilter{Limit: 1})
	if err != nil || len(evs) == 0 {
		t.Fatalf("no event: %v", err)
	}
	event := strconv.FormatInt(evs[0].ID, 10)
	now := time.Now()
	unsub, confirm := ss.keys.Token(ss.sub.ID, now), ss.keys.ConfirmToken(ss.sub.ID, now)
	ss.logs.Secret("unsubscribe token", unsub)
	ss.logs.Secret("confirmation token", confirm)
	ss.logs.Secret("subscriber address", "new@example.org")
	zhipu := url.PathEscape("Zhipu AI")

	routes := []routeRequest{
		{"GET /{$}", "GET", "/?q=funding", "", false, 200},
		{"GET /api/search", "GET", "/api/search?q=funding", "", false, 200},
		{"GET /feed.atom", "GET", "/feed.atom?q=funding", "", false, 200},
		{"GET /feed.rss", "GET", "/feed.rss?q=funding", "", false, 200},
		{"GET /feed.json", "GET", "/feed.json?q=funding", "", false, 200},
		{"GET /events", "GET", "/events", "", false, 200},
		{"GET /events/{id}", "GET", "/events/" + event, "", false, 200},
		{"GET /events/feed.atom", "GET", "/events/feed.atom?type=funding", "", false, 200},
		{"GET /events/feed.rss", "GET", "/events/feed.rss", "", false, 200},
		{"GET /events/feed.json", "GET", "/events/feed.json?since=1y", "", false, 200},
		{"GET /events/{id}/feed.atom", "GET", "/events/" + event + "/feed.atom", "", false, 200},
		{"GET /events/{id}/feed.rss", "GET", "/events/" + event + "/feed.rss", "", false, 200},
		{"GET /events/{id}/feed.json", "GET", "/events/" + event + "/feed.json", "", false, 200},
		{"GET /companies", "GET", "/companies", "", false, 200},
		{"GET /companies/{name}", "GET", "/companies/" + zhipu, "", false, 200},
		{"GET /map", "GET", "/map", "", false, 200},
		{"GET /charts", "GET", "/charts", "", false, 200},
		{"GET /charts/funding.svg", "GET", "/charts/funding.svg", "", false, 200},
		{"GET /charts/events.svg", "GET", "/charts/events.svg", "", false, 200},
		{"GET /sources", "GET", "/sources", "", false, 200},
		{"GET /api/events", "GET", "/api/events", "", false, 200},
		{"GET /api/events/{id}", "GET", "/api/events/" + event, "", false, 200},
		{"GET /api/companies", "GET", "/api/companies", "", false, 200},
		{"GET /api/companies/{name}", "GET", "/api/companies/" + zhipu, "", false, 200},
		{"GET /api/map", "GET", "/api/map", "", false, 200},
		{"GET /api/charts", "GET", "/api/charts", "", false, 200},
		{"GET /api/sources", "GET", "/api/sources", "", false, 200},
		{"POST /api/sources", "POST", "/api/sources", `{"name": "New", "url": "https://new.example/feed"}`, true, 201},
		// Digests are not set up on this server (no mailer): the form
		// answers so with a page.
		{"POST /subscribe", "POST", "/subscribe", "email=new%40example.org", false, 404},
		{"GET /confirm/{token}", "GET", "/confirm/" + confirm, "", false, 200},
		{"POST /confirm/{token}", "POST", "/confirm/" + confirm, "", false, 200},
		{"GET /u/{token}", "GET", "/u/" + unsub, "", false, 200},
		{"POST /u/{token}", "POST", "/u/" + unsub, "List-Unsubscribe=One-Click", false, 200},
		{"GET /api/subscribers", "GET", "/api/subscribers", "", true, 200},
		{"POST /api/subscribers", "POST", "/api/subscribers", `{"email": "new@example.org"}`, true, 201},
		{"DELETE /api/subscribers/{email}", "DELETE", "/api/subscribers/new@example.org", "", true, 204},
		{"GET /api/openapi.json", "GET", "/api/openapi.json", "", false, 200},
		{"GET /metrics", "GET", "/metrics", "", false, 200},
		{"GET /healthz", "GET", "/healthz", "", false, 200},
		{"GET /favicon.ico", "GET", "/favicon.ico", "", false, 204},
		{"GET /static/", "GET", "/static/style.css", "", false, 200},
		{"/", "GET", "/nowhere", "", false, 404},
	}

	// The table lists exactly the routes the source registers.
	registered := registeredRoutes(t)
	var patterns []string
	for _, r := range routes {
		patterns = append(patterns, r.pattern)
	}
	for _, r := range registered {
		if !slices.Contains(patterns, r.pattern) {
			t.Errorf("%s registers %q, which the table does not list", r.at, r.pattern)
		}
	}
	for _, p := range patterns {
		if !slices.ContainsFunc(registered, func(r registeredRoute) bool { return r.pattern == p }) {
			t.Errorf("the table lists %q, which the server does not register", p)
		}
	}

	// Error pages, and echoed URLs and queries.
	hostile := []routeRequest{
		{"404", "GET", "/%3Cscript%3Ealert(1)%3C/script%3E", "", false, 404},
		{"404 with a query", "GET", "/search?q=" + url.QueryEscape(`"><img src=x onerror=alert(1)>`), "", false, 404},
		{"404 company", "GET", "/companies/" + url.PathEscape(`<script>alert(1)</script>`), "", false, 404},
		{"404 event", "GET", "/events/" + url.PathEscape(`<svg onload=alert(1)>`), "", false, 404},
		{"404 static", "GET", "/static/%3Cscript%3E.css", "", false, 404},
		// A method a path does not take finds no page: "/" takes any.
		{"wrong method", "PUT", "/events", "", false, 404},
		{"wrong method, unsubscribe", "DELETE", "/u/" + unsub, "", false, 404},
		{"400 search", "GET", "/?q=" + url.QueryEscape(`"><img src=x onerror=alert(1)>`), "", false, 400},
		{"400 API search", "GET", "/api/search?q=" + url.QueryEscape(`"<script>alert(1)</script>`), "", false, 400},
		{"400 feed", "GET", "/feed.atom?q=" + url.QueryEscape(`"<script>alert(1)</script>`), "", false, 400},
		{"400 events", "GET", "/events?since=" + url.QueryEscape(`<script>alert(1)</script>`), "", false, 400},
		{"400 token", "GET", "/u/" + url.PathEscape(`<script>alert(1)</script>`), "", false, 400},
		{"400 confirmation", "POST", "/confirm/" + url.PathEscape(`"><svg onload=alert(1)>`), "", false, 400},
		{"401", "GET", "/api/subscribers", "", false, 401},
		{"413", "POST", "/subscribe", "email=" + strings.Repeat("a", MaxBody), false, 413},
		{"echoed query", "GET", "/?q=" + url.QueryEscape(`<script>alert(1)</script>`), "", false, 200},
		{"echoed query in all", "GET", "/?all=1&sort=" + url.QueryEscape(`"><script>alert(1)</script>`), "", false, 400},
	}
	for _, r := range append(routes, hostile...) {
		where := r.method + " " + r.path
		if len(where) > 80 {
			where = where[:80] + "…"
		}
		resp, body := do(t, ss.srv.URL, r)
		if resp.StatusCode != r.code {
			t.Errorf("%s (%s): %d, want %d: %.300s", where, r.pattern, resp.StatusCode, r.code, body)
		}
		checkSecurityHeaders(t, where, resp.Header)
		if strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
			checkSafeHTML(t, where, body)
		}
	}

	// The hostile path and query show escaped, as text.
	if _, body := get(t, ss.srv.URL+"/%3Cscript%3Ealert(1)%3C/script%3E"); !strings.Contains(body, "&lt;script&gt;alert(1)&lt;/script&gt;") {
		t.Errorf("the 404 page does not show the path escaped:\n%s", body)
	}
	for _, q := range []string{`<script>alert(1)</script>`, `"><img src=x onerror=alert(1)>`} {
		_, body := get(t, ss.srv.URL+"/?q="+url.QueryEscape(q))
		if got := searchBoxValue(t, body); got != q {
			t.Errorf("the search box holds %q, want the query %q as a value", got, q)
		}
	}

	// Each instrumented route's request reached that route: /metrics
	// counts it under its pattern.
	_, metrics := get(t, ss.srv.URL+"/metrics")
	for _, r := range registered {
		if r.instrumented && !strings.Contains(metrics, `route="`+r.pattern+`"`) {
			t.Errorf("no request reached %q", r.pattern)
		}
	}
}

// searchBoxValue is the value of the page's search box.
func searchBoxValue(t *testing.T, page string) string {
	t.Helper()
	z := xhtml.NewTokenizer(strings.NewReader(page))
	for tt := z.Next(); tt != xhtml.ErrorToken; tt = z.Next() {
		tok := z.Token()
		if tok.Data != "input" {
			continue
		}
		var name, value string
		for _, a := range tok.Attr {
			switch a.Key {
			case "name":
				name = a.Val
			case "value":
				value = a.Val
			}
		}
		if name == "q" {
			return value
		}
	}
	t.Fatal("no search box")
	return ""
}

// TestSecurityHeadersOnFailures: the pages of a server whose store fails
// (500) and of a request its handler timeout cut off (503) carry the
// headers too.
func TestSecurityHeadersOnFailures(t *testing.T) {
	ss := storeTestServer(t)
	unsub := ss.keys.Token(ss.sub.ID, time.Now())
	ss.logs.Secret("unsubscribe token", unsub)
	ss.st.Close()
	for _, r := range []routeRequest{
		{"", "GET", "/events", "", false, 500},
		{"", "GET", "/companies", "", false, 500},
		{"", "GET", "/companies/" + url.PathEscape("Zhipu AI"), "", false, 500},
		{"", "GET", "/map", "", false, 500},
		{"", "GET", "/sources", "", false, 500},
		{"", "GET", "/api/events", "", false, 500},
		{"", "POST", "/u/" + unsub, "List-Unsubscribe=One-Click", false, 500},
	} {
		resp, body := do(t, ss.srv.URL, r)
		if resp.StatusCode != r.code {
			t.Errorf("%s %s: %d, want %d", r.method, r.path, resp.StatusCode, r.code)
		}
		checkSecurityHeaders(t, r.method+" "+r.path, resp.Header)
		if strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
			checkSafeHTML(t, r.path, body)
		}
	}

	// The handler timeout of the server "aitracker run" builds: a
	// subscription whose confirmation mail goes to an SMTP server that
	// never greets holds the handler until the timeout answers 503.
	silent, err := net.Listen("tcp", "127.0.0.1:0") // never accepts
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { silent.Close() })
	cfg := config.Default().Digest
	cfg.From, cfg.BaseURL, cfg.Secret = "aitracker <digest@tracker.example>", "https://tracker.example", "a-secret-of-at-least-16-bytes"
	cfg.SMTP.Host, cfg.SMTP.StartTLS = "127.0.0.1", "never"
	cfg.SMTP.Port = silent.Addr().(*net.TCPAddr).Port
	cfg.SMTP.Timeout = config.Dur(time.Minute)
	mailing := storeTestServer(t, func(s *Server) {
		s.Mailer = &digest.Sender{Store: s.Store, Config: cfg, Keys: s.Keys, LockPath: filepath.Join(t.TempDir(), "lock"), Logger: s.Logger}
	})
	mailing.logs.Secret("subscriber address", "slow@example.org")
	srv := NewHTTPServer("127.0.0.1:0", mailing.srv.Config.Handler, slog.New(slog.DiscardHandler),
		Timeouts{ReadHeader: 30 * time.Second, Read: 30 * time.Second, Write: 30 * time.Second, Idle: 30 * time.Second, Handler: 50 * time.Millisecond})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	resp, body := do(t, "http://"+ln.Addr().String(), routeRequest{method: "POST", path: "/subscribe", body: "email=slow%40example.org&q=funding"})
	if resp.StatusCode != http.StatusServiceUnavailable || body != "request timed out\n" {
		t.Errorf("handler timeout: %d %q", resp.StatusCode, body)
	}
	checkSecurityHeaders(t, "handler timeout", resp.Header)
	// The SMTP server goes away: the handler ends, and says so.
	silent.Close()
	for i := 0; !strings.Contains(mailing.logs.String(), "confirmation not sent"); i++ {
		if i == 600 {
			t.Fatal("the handler did not end within a minute of the SMTP server going away")
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// TestPanicAnswers500: a handler that panics (here the company resolver,
// on one name) gets the client a 500 with the security headers, an error
// page or JSON by route, and no detail of the panic; the panic and its
// stack are logged once, and the server goes on answering.
func TestPanicAnswers500(t *testing.T) {
	ss := storeTestServer(t, func(s *Server) {
		s.Resolve = func(n string) string {
			if n == "boom" {
				panic("resolver bug")
			}
			return n
		}
	})
	for _, tc := range []struct {
		path, typ string
	}{
		{"/?q=company:boom", "text/html"},
		{"/api/search?q=company:boom", "application/json"},
		{"/feed.atom?q=company:boom", "text/html"},
	} {
		resp, body := do(t, ss.srv.URL, routeRequest{method: "GET", path: tc.path})
		if resp.StatusCode != 500 || !strings.HasPrefix(resp.Header.Get("Content-Type"), tc.typ) || strings.Contains(body, "resolver bug") {
			t.Errorf("GET %s: %d %s: %.300s", tc.path, resp.StatusCode, resp.Header.Get("Content-Type"), body)
		}
		checkSecurityHeaders(t, tc.path, resp.Header)
		if tc.typ == "text/html" {
			checkSafeHTML(t, tc.path, body)
		}
	}
	logs := ss.logs.String()
	if n := strings.Count(logs, "resolver bug"); n != 3 || strings.Count(logs, "goroutine ") < 3 {
		t.Errorf("%d panics logged, want 3 with their stacks:\n%s", n, logs)
	}
	if resp, _ := get(t, ss.srv.URL+"/?q=company:Zhipu"); resp.StatusCode != 200 {
		t.Errorf("after the panics: %d", resp.StatusCode)
	}
}

// TestProtocolErrorsEchoNothing: requests too malformed to reach a
// handler are answered by net/http itself, without the headers secure
// sets. Those answers must stay what they are now: plain text of a fixed
// wording, naming nothing the request sent, and the connection closed.
func TestProtocolErrorsEchoNothing(t *testing.T) {
	srv := NewHTTPServer("127.0.0.1:0", testServer(t).Config.Handler, slog.New(slog.DiscardHandler), DefaultTimeouts)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	const hostile = "<script>alert(1)</script>"
	for _, tc := range []struct{ name, req, status string }{
		{"bad header name", "GET / HTTP/1.1\r\nHost: x\r\nX-" + hostile + ": 1\r\n\r\n", "400"},
		{"bad host", "GET / HTTP/1.1\r\nHost: " + hostile + "\r\n\r\n", "400"},
		{"bad method", hostile + " / HTTP/1.1\r\nHost: x\r\n\r\n", "400"},
		{"bad version", "GET /" + url.PathEscape(hostile) + " HTTP/9.9\r\nHost: x\r\n\r\n", "505"},
		{"control byte in path", "GET /\x01" + hostile + " HTTP/1.1\r\nHost: x\r\n\r\n", "400"},
		{"bad length", "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: " + hostile + "\r\n\r\n", "400"},
		{"bad encoding", "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: " + hostile + "\r\n\r\n", "501"},
		{"headers over 16 KiB", "GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + strings.Repeat(hostile, 1000) + "\r\n\r\n", "431"},
	} {
		c, err := net.Dial("tcp", ln.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.WriteString(c, tc.req); err != nil {
			t.Fatal(err)
		}
		resp, err := http.ReadResponse(bufio.NewReader(c), nil)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		body, _ := io.ReadAll(resp.Body)
		c.Close()
		if strconv.Itoa(resp.StatusCode) != tc.status || resp.Header.Get("Content-Type") != "text/plain; charset=utf-8" || !resp.Close {
			t.Errorf("%s: %s, %q, close %t; want %s, text/plain, closed", tc.name, resp.Status, resp.Header.Get("Content-Type"), resp.Close, tc.status)
		}
		if strings.ContainsAny(string(body), "<>") || strings.Contains(string(body), "alert") || len(body) > 100 {
			t.Errorf("%s: the answer echoes the request: %q", tc.name, body)
		}
	}
}

// TestFeedsEchoQueryAsText: a saved search's feeds name its query in
// their titles and links. A query written as markup comes back as text:
// the title reads back as the query itself, and no raw tag is in the
// bytes served.
func TestFeedsEchoQueryAsText(t *testing.T) {
	ss := storeTestServer(t)
	for _, q := range []string{`<script>alert(1)</script>`, `funding <img/src/onerror=alert(1)>`} {
		want := "aitracker: " + q
		for _, f := range []string{"atom", "rss", "json"} {
			resp, body := get(t, ss.srv.URL+"/feed."+f+"?q="+url.QueryEscape(q))
			if resp.StatusCode != 200 {
				t.Fatalf("feed.%s?q=%s: %d %.200s", f, q, resp.StatusCode, body)
			}
			checkSecurityHeaders(t, "feed."+f, resp.Header)
			if strings.Contains(body, "<script") || strings.Contains(body, "<img") {
				t.Errorf("feed.%s?q=%s: a raw tag in the feed:\n%.600s", f, q, body)
			}
			var title string
			var err error
			switch f {
			case "atom":
				var v struct {
					Title string `xml:"title"`
				}
				err = xml.Unmarshal([]byte(body), &v)
				title = v.Title
			case "rss":
				var v struct {
					Title string `xml:"channel>title"`
				}
				err = xml.Unmarshal([]byte(body), &v)
				title = v.Title
			case "json":
				var v struct {
					Title string `json:"title"`
				}
				err = json.Unmarshal([]byte(body), &v)
				title = v.Title
			}
			if err != nil || title != want {
				t.Errorf("feed.%s?q=%s: title %q (%v), want %q", f, q, title, err, want)
			}
		}
	}
}
