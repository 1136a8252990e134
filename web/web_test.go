package web

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/aitracker/aitracker/index"
	"github.com/aitracker/aitracker/news"
)

func testServer(t *testing.T) *httptest.Server {
	t.Helper()
	ix, err := index.Open(filepath.Join(t.TempDir(), "index"), index.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	arts := []news.Article{
		{ID: 1, Seq: 1, Title: "Acme raises $5M", Summary: "Seed round.", URL: "https://example.com/acme", SourceName: "Wire", Lang: "en",
			Published: time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC),
			Tags:      news.Tags{Companies: []news.CompanyTag{{Name: "Acme"}}, Layer: news.LayerApplication, EventType: news.EventFunding}},
		{ID: 2, Seq: 2, Title: `<script>alert("x")</script> Evil <b>title</b>`, Summary: `<img src=x onerror=alert(1)>`,
			URL: "javascript:alert(1)", SourceName: `<i>src</i>`, Lang: "en", Published: time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC),
			Tags: news.Tags{Companies: []news.CompanyTag{{Name: `"><svg onload=alert(1)>`}}, Layer: news.LayerNone, EventType: news.EventOther}},
	}
	if err := ix.Apply(context.Background(), arts); err != nil {
		t.Fatal(err)
	}
	s := &Server{Index: index.NewLive(ix), Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Version: "test"}
	srv := httptest.NewServer(s.Handler())
	t.Cleanup(srv.Close)
	return srv
}

func get(t *testing.T, url string) (*http.Response, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

func TestSecurityHeadersOnEveryResponse(t *testing.T) {
	srv := testServer(t)
	for _, path := range []string{"/", "/?q=funding", "/api/search?q=funding", "/nowhere", "/static/style.css", "/?q=%22"} {
		resp, _ := get(t, srv.URL+path)
		csp := resp.Header.Get("Content-Security-Policy")
		if !strings.Contains(csp, "default-src 'none'") || strings.Contains(csp, "unsafe-inline") {
			t.Errorf("%s: CSP %q", path, csp)
		}
		if resp.Header.Get("X-Content-Type-Options") != "nosniff" || resp.Header.Get("Referrer-Policy") == "" {
			t.Errorf("%s: headers %v", path, resp.Header)
		}
	}
}

func TestAPISearch(t *testing.T) {
	srv := testServer(t)
	tests := []struct {
		name, query string
		code        int
		check       func(t *testing.T, body string)
	}{
		{"hits in the fixed shape", "q=funding", 200, func(t *testing.T, body string) {
			var res struct {
				Total int `json:"total"`
				Hits  []map[string]any
			}
			if err := json.Unmarshal([]byte(body), &res); err != nil || res.Total != 1 || len(res.Hits) != 1 {
				t.Fatalf("%s: %v", body, err)
			}
			for _, k := range []string{"id", "title", "url", "source", "published", "lang", "companies", "layer", "event_type", "score"} {
				if _, ok := res.Hits[0][k]; !ok {
					t.Errorf("hit lacks %q: %v", k, res.Hits[0])
				}
			}
			if res.Hits[0]["event_type"] != "funding" || res.Hits[0]["published"] != "2026-11-27T09:00:00Z" {
				t.Errorf("hit %v", res.Hits[0])
			}
		}},
		{"empty query lists all, newest first", "q=", 200, func(t *testing.T, body string) {
			if !strings.Contains(body, `"total": 2`) || strings.Index(body, `"id": 1`) > strings.Index(body, `"id": 2`) {
				t.Errorf("%s", body)
			}
		}},
		{"bad query is a 400 that says why", "q=color:red", 400, func(t *testing.T, body string) {
			if !strings.Contains(body, `unknown filter \"color\"`) {
				t.Errorf("%s", body)
			}
		}},
		{"bad limit", "q=a&limit=-1", 400, nil},
		{"bad sort", "q=a&sort=random", 400, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			resp, body := get(t, srv.URL+"/api/search?"+tc.query)
			if resp.StatusCode != tc.code || !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") {
				t.Fatalf("status %d, type %s: %s", resp.StatusCode, resp.Header.Get("Content-Type"), body)
			}
			if tc.check != nil {
				tc.check(t, body)
			}
		})
	}
}

func TestSearchPageEscapesFeedContent(t *testing.T) {
	srv := testServer(t)
	resp, body := get(t, srv.URL+"/?q=evil")
	if resp.StatusCode != 200 {
		t.Fatalf("status %d", resp.StatusCode)
	}
	for _, bad := range []string{"<script>alert", "<b>title", "<svg", "href=\"javascript:", "<i>src", "<img"} {
		if strings.Contains(body, bad) {
			t.Errorf("page contains %q unescaped", bad)
		}
	}
	if !strings.Contains(body, "&lt;script&gt;") {
		t.Error("the title is not shown escaped")
	}
}

func TestSearchPage(t *testing.T) {
	srv := testServer(t)
	_, body := get(t, srv.URL+"/?q=funding")
	for _, want := range []string{`value="funding"`, "Acme raises $5M", `href="https://example.com/acme"`, "1–1 of 1 stories", ">Funding<", ">Application<", "27 Nov 2026", `datetime="2026-11-27T`} {
		if !strings.Contains(body, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	resp, body := get(t, srv.URL+"/?q=%22unclosed")
	if resp.StatusCode != 400 || !strings.Contains(body, "unclosed quote") {
		t.Errorf("bad query page: %d", resp.StatusCode)
	}
}

func TestNotFoundEscapesPath(t *testing.T) {
	srv := testServer(t)
	resp, body := get(t, srv.URL+"/%3Cscript%3Ealert(1)%3C/script%3E")
	if resp.StatusCode != 404 || strings.Contains(body, "<script>alert") || !strings.Contains(body, "&lt;script&gt;") {
		t.Errorf("404 page: %d %s", resp.StatusCode, body)
	}
}

// TestSnippetsAndFacets: the page shows the lead with the query's words
// marked, and the API returns facets when asked.
func TestSnippetsAndFacets(t *testing.T) {
	srv := testServer(t)
	_, body := get(t, srv.URL+"/?q=seed")
	if !strings.Contains(body, `<p class="snippet"><mark>Seed</mark> round.</p>`) {
		t.Errorf("no marked snippet in the page:\n%s", body)
	}
	resp, body := get(t, srv.URL+"/api/search?q=&facets=1&collapse=1")
	if resp.StatusCode != 200 {
		t.Fatalf("status %d", resp.StatusCode)
	}
	var res struct {
		Facets map[string][]struct {
			Value string
			Count int
		}
	}
	if err := json.Unmarshal([]byte(body), &res); err != nil {
		t.Fatal(err)
	}
	if got := res.Facets["source"]; len(got) != 2 || got[0].Count != 1 {
		t.Errorf("source facet %+v", got)
	}
	if _, body := get(t, srv.URL+"/api/search?q=%2Fa.*%2F"); !strings.Contains(body, "regular expressions are not supported") {
		t.Errorf("regexp query: %s", body)
	}
}
