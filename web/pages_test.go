package web

import (
	"context"
	"encoding/json"
	"encoding/xml"
	"errors"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/aitracker/aitracker/store"
)

// TestPages requests every page and API route of a server over a real
// store and index, and checks the status, the content type and fragments
// of the answer; none may carry a feed's markup unescaped.
func TestPages(t *testing.T) {
	ss := storeTestServer(t)
	zhipu := "/companies/" + url.PathEscape("Zhipu AI")
	for _, tc := range []struct {
		path  string
		code  int
		ctype string
		want  []string
	}{
		{"/?q=type:funding", 200, "text/html", []string{"<aside class=\"facets\"", ">Company<", "Zhipu AI", "?q=type%3Afunding&#43;company%3A%22Zhipu&#43;AI%22", "2 sources", "stories", "/feed.atom?q=type%3Afunding"}},
		{"/?q=type:funding&all=1", 200, "text/html", []string{"articles", "one per story"}},
		{"/?q=" + url.QueryEscape("company:智谱"), 200, "text/html", []string{"Zhipu raises 1 billion yuan", "1–1 of 1 stories"}},
		{"/events", 200, "text/html", []string{"<table class=\"list\">", "Zhipu AI", "¥1B", "$139M", "Series B", "27 Nov 2026", ">Funding<"}},
		{"/events?since=never", 400, "text/html", []string{"since: want a date"}},
		{"/companies", 200, "text/html", []string{"Zhipu AI", "$139M"}},
		{zhipu, 200, "text/html", []string{"<h1>Zhipu AI</h1>", "<b>Region</b>CN", "智谱", "Funding rounds", "Zhipu raises 1 billion yuan", "Disclosed funding</b>$139M"}},
		{"/companies/Nobody%20Known", 404, "text/html", []string{"There is no page"}},
		{"/map", 200, "text/html", []string{"<h2>Models</h2>", "Zhipu AI", "Middleware"}},
		{"/map?window=1y&region=CN", 200, "text/html", []string{"Zhipu AI"}},
		{"/charts", 200, "text/html", []string{`src="/charts/funding.svg?window=1y"`, `srcset="/charts/events.svg?window=1y&amp;size=phone"`,
			"USD millions", `<caption>Disclosed funding by month and layer, $ millions</caption>`, `<th scope="col" class="num">Funding</th>`, `data-label="Total"`}},
		{"/charts/funding.svg", 200, "image/svg+xml", []string{"<svg", "$ millions", "Model", "font-family:system-ui"}},
		{"/charts/events.svg?window=2y&size=phone", 200, "image/svg+xml", []string{"<svg", "events", "Funding", "font-family:system-ui"}},
		{"/sources", 200, "text/html", []string{"Wire", "快报", "not fetched yet"}},
		{"/api/map", 200, "application/json", []string{`"layers"`, `"name": "Zhipu AI"`, `"disclosed_funding_usd": 139000000`}},
		{"/api/charts", 200, "application/json", []string{`"funding_by_layer"`, `"key": "model"`, `"amount_usd": 139000000`}},
		{"/api/sources", 200, "application/json", []string{`"sources"`, `"name": "Wire"`}},
		{"/api/companies/" + url.PathEscape("智谱"), 200, "application/json", []string{`"profile"`, `"region": "CN"`, `"latest_articles"`, `"rounds"`}},
		{"/api/openapi.json", 200, "application/json", []string{`"openapi": "3.1.0"`, `"/api/events/{id}"`, `"/feed.atom"`}},
		{"/metrics", 200, "text/plain", []string{"aitracker_http_requests_total", "aitracker_events 3"}},
		{"/feed.atom?q=type:funding", 200, "application/atom+xml", []string{"<feed xmlns=\"http://www.w3.org/2005/Atom\">", "Zhipu raises 1 billion yuan", "urn:aitracker:article:"}},
		{"/feed.rss?q=type:funding", 200, "application/rss+xml", []string{`<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">`, "isPermaLink=\"false\"",
			`<atom:link href="https://tracker.example/feed.rss?q=type%3Afunding" rel="self" type="application/rss+xml">`}},
		{"/feed.json?q=type:funding", 200, "application/feed+json", []string{`"version": "https://jsonfeed.org/version/1.1"`, "Zhipu raises 1 billion yuan"}},
		{"/feed.atom?q=%22unclosed", 400, "text/plain", []string{"unclosed quote"}},
	} {
		resp, body := get(t, ss.srv.URL+tc.path)
		if resp.StatusCode != tc.code || !strings.HasPrefix(resp.Header.Get("Content-Type"), tc.ctype) {
			t.Errorf("%s: %d %s, want %d %s", tc.path, resp.StatusCode, resp.Header.Get("Content-Type"), tc.code, tc.ctype)
			continue
		}
		for _, w := range tc.want {
			if !strings.Contains(body, w) {
				t.Errorf("%s lacks %q", tc.path, w)
			}
		}
		for _, bad := range []string{"<script>alert", "<svg/onload", "<img src=x onerror", `href="javascript:`, "<iframe", "<b>$9M"} {
			if strings.Contains(body, bad) {
				t.Errorf("%s carries %q unescaped", tc.path, bad)
			}
		}
		if strings.HasPrefix(tc.ctype, "text/html") {
			if csp := resp.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'none'") || strings.Contains(csp, "unsafe-inline") {
				t.Errorf("%s: CSP %q", tc.path, csp)
			}
		}
		switch {
		case strings.HasPrefix(tc.ctype, "application/json") || strings.HasPrefix(tc.ctype, "application/feed+json"):
			if !json.Valid([]byte(body)) {
				t.Errorf("%s is not JSON", tc.path)
			}
		case strings.Contains(tc.ctype, "xml") && tc.code == 200:
			if err := xml.Unmarshal([]byte(body), new(any)); err != nil && !strings.Contains(err.Error(), "unknown type") {
				var v struct{}
				if err := xml.Unmarshal([]byte(body), &v); err != nil {
					t.Errorf("%s is not XML: %v", tc.path, err)
				}
			}
		}
	}
}

// TestFeedsLinkOnlyToTheWeb: an item whose URL is javascript: gets no link.
func TestFeedsLinkOnlyToTheWeb(t *testing.T) {
	ss := storeTestServer(t)
	_, body := get(t, ss.srv.URL+"/feed.rss?q=")
	var feed struct {
		Items []struct {
			Link        string `xml:"link"`
			Description string `xml:"description"`
		} `xml:"channel>item"`
	}
	if err := xml.Unmarshal([]byte(body), &feed); err != nil {
		t.Fatal(err)
	}
	for _, it := range feed.Items {
		// Readers show an RSS description as HTML: it must hold no markup.
		if strings.Contains(it.Link, "javascript:") || strings.Contains(it.Description, "<") {
			t.Errorf("item link %q, description %q", it.Link, it.Description)
		}
	}
}

// TestSourcesShowErrorKind: the sources page and API say whether a
// failing source's error is transient or permanent, when it is tried
// again, and what it means in plain words beside the error itself; a
// source that works shows none of it.
func TestSourcesShowErrorKind(t *testing.T) {
	ss := storeTestServer(t)
	ctx := context.Background()
	srcs, err := ss.st.Sources(ctx)
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	outcomes := map[string]store.FetchOutcome{
		"Wire": {At: at, Err: errors.New("fetch http://127.0.0.1/w: fetch: server answered 404 Not Found"),
			ErrKind: "permanent", ErrPlain: "nothing is at this address (404 Not Found): the feed moved or was removed",
			NextCheckAt: at.Add(4 * time.Hour)},
		"快报": {At: at, Err: errors.New("fetch http://127.0.0.1/k: timed out after 30s"),
			ErrKind: "transient", NextCheckAt: at.Add(15 * time.Minute)},
	}
	for _, src := range srcs {
		if err := ss.st.RecordFetch(ctx, src.ID, outcomes[src.Name]); err != nil {
			t.Fatal(err)
		}
	}
	_, page := get(t, ss.srv.URL+"/sources")
	for _, want := range []string{
		"<b>permanent</b>, next try Mar 2 13:00 UTC: nothing is at this address (404 Not Found): the feed moved or was removed" +
			`<br><span class="hint">fetch http://127.0.0.1/w: fetch: server answered 404 Not Found</span>`,
		"<b>transient</b>, next try Mar 2 09:15 UTC: fetch http://127.0.0.1/k: timed out after 30s",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the sources page lacks %q:\n%s", want, page)
		}
	}
	_, body := get(t, ss.srv.URL+"/api/sources")
	var api struct {
		Sources []SourceRow `json:"sources"`
	}
	if err := json.Unmarshal([]byte(body), &api); err != nil {
		t.Fatal(err)
	}
	kinds := map[string]string{}
	for _, r := range api.Sources {
		kinds[r.Name] = r.ErrorKind + " " + r.NextCheck.UTC().Format("15:04") + " " + r.LastErrorPlain + " | " + r.LastError
	}
	if kinds["Wire"] != "permanent 13:00 nothing is at this address (404 Not Found): the feed moved or was removed | fetch http://127.0.0.1/w: fetch: server answered 404 Not Found" ||
		kinds["快报"] != "transient 09:15  | fetch http://127.0.0.1/k: timed out after 30s" {
		t.Errorf("API error kinds: %v", kinds)
	}
	// Working again: no kind.
	for _, src := range srcs {
		if err := ss.st.RecordFetch(ctx, src.ID, store.FetchOutcome{At: at.Add(5 * time.Hour), NextCheckAt: at.Add(6 * time.Hour)}); err != nil {
			t.Fatal(err)
		}
	}
	if _, page = get(t, ss.srv.URL+"/sources"); strings.Contains(page, "<b>permanent</b>") || strings.Contains(page, "<b>transient</b>") ||
		strings.Contains(page, "nothing is at this address") {
		t.Errorf("a working source still shows an error kind:\n%s", page)
	}
}

// TestEventRowsReadAsEvents: the events list links each event from a
// title that says what happened, and a company page lists each of its
// rounds once, without its own name in every row.
func TestEventRowsReadAsEvents(t *testing.T) {
	ss := storeTestServer(t)
	_, body := get(t, ss.srv.URL+"/events")
	for _, want := range []string{">Zhipu AI raises ¥1B (Series B)</a>", ">Beta acquires Gamma</a>"} {
		if !strings.Contains(body, want) {
			t.Errorf("/events lacks the linked title %q", want)
		}
	}
	if strings.Contains(body, `">Funding</a>`) {
		t.Error("/events links an event from its type")
	}
	_, body = get(t, ss.srv.URL+"/companies/"+url.PathEscape("Zhipu AI"))
	if n := strings.Count(body, "Zhipu AI raises ¥1B"); n != 1 {
		t.Errorf("the company page shows its round %d times, want once", n)
	}
	if n := strings.Count(body, `href="/companies/Zhipu%20AI"`) + strings.Count(body, `href="/companies/Zhipu AI"`); n != 0 {
		t.Errorf("the company page links to itself %d times", n)
	}
}
