package ingest

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aitracker/aitracker/config"
	"github.com/aitracker/aitracker/ingest/feed"
	"github.com/aitracker/aitracker/ingest/fetch"
	"github.com/aitracker/aitracker/internal/clock"
	"github.com/aitracker/aitracker/news"
)

func TestCanonicalURL(t *testing.T) {
	tests := map[string]string{
		"https://Example.COM:443/a/b/?utm_source=x&utm_medium=y&id=3#frag": "https://example.com/a/b?id=3",
		"http://example.com:80":                              "http://example.com/",
		"http://example.com:8080/x":                          "http://example.com:8080/x",
		"https://example.com/a?b=2&a=1&fbclid=zz&gclid=q":    "https://example.com/a?a=1&b=2",
		"https://example.com/a?mc_cid=1&mc_eid=2":            "https://example.com/a",
		"https://user:pw@example.com/p":                      "https://example.com/p",
		"  https://example.com/news/2026/11/28/story.html  ": "https://example.com/news/2026/11/28/story.html",
		"https://36kr.com/p/123?from=timeline&spm=a.b":       "https://36kr.com/p/123",
		"https://example.com/search?q=a+b":                   "https://example.com/search?q=a+b",
		"not a url":                                          "not a url",
		"https://EXAMPLE.com./path/":                         "https://example.com/path",
		"https://[2001:db8::1]:443/x":                        "https://[2001:db8::1]/x",
	}
	for in, want := range tests {
		if got := CanonicalURL(in); got != want {
			t.Errorf("CanonicalURL(%q) = %q, want %q", in, got, want)
		}
	}
}

func FuzzCanonicalURL(f *testing.F) {
	for _, s := range []string{"https://Example.com/a/?utm_x=1#f", "http://x:80", "/relative", "https://[::1]:443/", "http://a.b/%zz"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c := CanonicalURL(s)
		// Canonicalising twice changes nothing.
		if again := CanonicalURL(c); again != c {
			t.Fatalf("not idempotent: %q -> %q -> %q", s, c, again)
		}
		if u, err := url.Parse(s); err == nil && u.Host != "" && (u.Scheme == "http" || u.Scheme == "https") {
			if _, err := url.Parse(c); err != nil {
				t.Fatalf("canonical form %q of %q does not parse: %v", c, s, err)
			}
		}
	})
}

func TestDetectLang(t *testing.T) {
	tests := []struct{ text, hint, want string }{
		{"OpenAI releases a new model", "", "en"},
		{"智谱完成新一轮融资", "", "zh"},
		{"OpenAI发布GPT-5", "", "zh"},
		{"Anthropic完成130亿美元F轮融资", "en", "zh"},
		{"English text in a Chinese feed", "zh", "en"},
		{"1234 !!", "zh", "zh"},
	}
	for _, tc := range tests {
		if got := DetectLang(tc.text, tc.hint); got != tc.want {
			t.Errorf("DetectLang(%q, %q) = %q, want %q", tc.text, tc.hint, got, tc.want)
		}
	}
}

func TestArticleDates(t *testing.T) {
	now := time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC)
	src := news.Source{ID: 7, Name: "S"}
	tests := []struct {
		name          string
		published     time.Time
		want          time.Time
		wantEstimated bool
	}{
		{"kept", now.Add(-time.Hour), now.Add(-time.Hour), false},
		{"missing falls back to fetch time", time.Time{}, now, true},
		{"a little ahead is kept", now.Add(3 * time.Hour), now.Add(3 * time.Hour), false},
		{"exactly a day ahead is kept", now.Add(24 * time.Hour), now.Add(24 * time.Hour), false},
		{"a day ahead in another zone is kept", now.Add(24 * time.Hour).In(time.FixedZone("", 14*3600)), now.Add(24 * time.Hour), false},
		{"a second past a day is clamped to the fetch time", now.Add(24*time.Hour + time.Second), now, false},
		{"far future is clamped to the fetch time", now.Add(72 * time.Hour), now, false},
	}
	for _, tc := range tests {
		a := Article(src, feed.Item{Title: "t", Link: "https://a.example/x?utm_source=y", Published: tc.published}, "", now)
		if !a.Published.Equal(tc.want) || a.PublishedEstimated != tc.wantEstimated {
			t.Errorf("%s: published %v estimated %v", tc.name, a.Published, a.PublishedEstimated)
		}
		if a.URL != "https://a.example/x" || a.SourceID != 7 || a.DedupKey == "" {
			t.Errorf("%s: article %+v", tc.name, a)
		}
	}
}

func TestFetcherParsesAndSendsValidators(t *testing.T) {
	body, err := os.ReadFile("feed/testdata/atom-basic.xml")
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("If-None-Match") == `"abc"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", `"abc"`)
		w.Header().Set("Content-Type", "application/atom+xml")
		w.Write(body)
	}))
	defer srv.Close()
	f := &Fetcher{Client: fetch.New(fetch.Options{AllowPrivate: true})}
	src := news.Source{ID: 1, Name: "Lab", URL: srv.URL}
	res, err := f.Fetch(context.Background(), src)
	if err != nil {
		t.Fatal(err)
	}
	if res.NotModified || res.ETag != `"abc"` || len(res.Articles) != 1 {
		t.Fatalf("first fetch: %+v", res)
	}
	a := res.Articles[0]
	if a.Title != "Lab releases Model-7 with open weights" || a.URL != "https://lab.example.org/blog/posts/model-7" || a.Lang != "en" || a.Body == "" {
		t.Errorf("article %+v", a)
	}
	src.ETag = res.ETag
	res, err = f.Fetch(context.Background(), src)
	if err != nil || !res.NotModified || len(res.Articles) != 0 {
		t.Errorf("second fetch with the validator: %+v, %v", res, err)
	}
}

func TestListPage(t *testing.T) {
	body, err := os.ReadFile("testdata/listpage.html")
	if err != nil {
		t.Fatal(err)
	}
	sel := news.Selectors{Item: "li.story", Link: "a.t", Date: "time, .d", Summary: "p.lead"}
	items, err := ListPage(body, "text/html", "https://site.example/index.html", sel)
	if err != nil {
		t.Fatal(err)
	}
	if len(items) != 2 {
		t.Fatalf("got %d items, want 2 (a repeated link and a linkless item are skipped): %+v", len(items), items)
	}
	if items[0].Link != "https://site.example/news/2026/acme?utm_source=list" || items[0].Title != "Acme Robotics raises $40M" ||
		!items[0].Published.Equal(time.Date(2026, 11, 24, 1, 30, 0, 0, time.UTC)) || items[0].Summary == "" {
		t.Errorf("first item %+v", items[0])
	}
	if items[1].Title != "智谱完成新一轮融资" || !items[1].Published.Equal(time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("second item %+v", items[1])
	}
	if _, err := ListPage(body, "text/html", "https://site.example/", news.Selectors{Item: "div.none", Link: "a"}); err != ErrNoItems {
		t.Errorf("selectors matching nothing: %v", err)
	}

	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(body)
	}))
	defer srv.Close()
	f := &Fetcher{Client: fetch.New(fetch.Options{AllowPrivate: true})}
	res, err := f.Fetch(context.Background(), news.Source{ID: 1, URL: srv.URL + "/index.html", Kind: news.KindHTML, Selectors: &sel})
	if err != nil || len(res.Articles) != 2 || res.Articles[0].URL != srv.URL+"/news/2026/acme" || res.Articles[1].Lang != "zh" {
		t.Errorf("html source: %+v, %v", res, err)
	}
}

// TestOversizeFeedNotParsed: a whole feed of 20 items followed by 4 GiB
// of whitespace (a gzip bomb) fails with ErrTooLarge and yields no
// article. Its first megabyte alone parses to the 20 items, so a fetcher
// that cut the body and handed it to the parser would show here.
func TestOversizeFeedNotParsed(t *testing.T) {
	const limit = 1 << 20
	var head strings.Builder
	head.WriteString(`<?xml version="1.0"?><rss version="2.0"><channel><title>Big</title>`)
	for i := range 20 {
		fmt.Fprintf(&head, `<item><guid>g%d</guid><link>https://big.example/%d</link><title>Story %d</title></item>`, i, i, i)
	}
	head.WriteString(`</channel></rss>`)
	var prefix, padding bytes.Buffer
	zw := gzip.NewWriter(&prefix)
	zw.Write([]byte(head.String()))
	zw.Close()
	zw, _ = gzip.NewWriterLevel(&padding, gzip.BestCompression)
	spaces := bytes.Repeat([]byte(" "), 1<<20)
	for range 64 {
		zw.Write(spaces)
	}
	zw.Close()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Header().Set("Content-Encoding", "gzip")
		w.Write(prefix.Bytes())
		for range 64 { // 4 GiB of spaces after the items
			if _, err := w.Write(padding.Bytes()); err != nil {
				return
			}
		}
	}))
	defer srv.Close()

	cut := head.String() + strings.Repeat(" ", limit-head.Len())
	if fd, err := feed.Parse([]byte(cut), "application/rss+xml", srv.URL); err != nil || len(fd.Items) != 20 {
		t.Fatalf("the fixture's first megabyte should parse to 20 items: %v", err)
	}
	f := &Fetcher{Client: fetch.New(fetch.Options{AllowPrivate: true, MaxBytes: limit, HostInterval: -1})}
	res, err := f.Fetch(context.Background(), news.Source{ID: 1, Name: "Big", URL: srv.URL + "/feed.xml"})
	if !errors.Is(err, fetch.ErrTooLarge) || res != nil {
		t.Fatalf("Fetch = %+v, %v; want no result and ErrTooLarge", res, err)
	}
	if !strings.Contains(err.Error(), "response exceeds 1 MiB limit") {
		t.Errorf("error does not name the limit: %v", err)
	}
}

// largeFeed is a legitimate big feed: about 13 MB of RSS, 5,000 items
// and 100,000 "&amp;" entities.
func largeFeed() []byte {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Big wire</title><link>https://big.example/</link>`)
	words := strings.Repeat("Funding rounds, acquisitions and model releases across the AI industry, reported in full. ", 26)
	for i := range 5000 {
		fmt.Fprintf(&b, `<item><guid>big-%d</guid><link>/news/%d</link><title>Story %d: R&amp;D and M&amp;A</title><description>%s%s</description><pubDate>Mon, 23 Nov 2026 10:00:00 GMT</pubDate></item>`,
			i, i, i, strings.Repeat("R&amp;D ", 18), words)
	}
	b.WriteString(`</channel></rss>`)
	return []byte(b.String())
}

// TestLargeLegitimateFeedDefaults: a 13 MB feed with 5,000 items and
// 100,000 entities goes through the fetcher and parser with the default
// limits (fetch's own and the configuration's) and gives every item.
func TestLargeLegitimateFeedDefaults(t *testing.T) {
	if testing.Short() {
		t.Skip("parses 13 MB twice (a minute under the race detector); runs without -short")
	}
	data := largeFeed()
	if n := bytes.Count(data, []byte("&amp;")); len(data) < 13e6 || len(data) > 14e6 || n != 100000 {
		t.Fatalf("fixture: %d bytes, %d entities", len(data), n)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
		w.Write(data)
	}))
	defer srv.Close()
	for name, opts := range map[string]fetch.Options{
		"fetch defaults":  {AllowPrivate: true},
		"config defaults": {AllowPrivate: true, MaxBytes: config.Default().Fetch.MaxBytes.N},
	} {
		t.Run(name, func(t *testing.T) {
			f := &Fetcher{Client: fetch.New(opts)}
			res, err := f.Fetch(context.Background(), news.Source{ID: 1, Name: "Big", URL: srv.URL + "/feed.xml"})
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Articles) != 5000 {
				t.Fatalf("%d articles, want 5000", len(res.Articles))
			}
			last := res.Articles[4999]
			if last.Title != "Story 4999: R&D and M&A" || last.URL != srv.URL+"/news/4999" || strings.Contains(last.Summary, "&amp;") {
				t.Errorf("last article: %q %q", last.Title, last.URL)
			}
		})
	}
}

// TestIllFormedFeedsThroughFetcher serves every feed fixture of
// feed/testdata behind a redirect and reads it as a source: the article
// count is the item count of its golden file (an HTML page is
// feed.ErrNotAFeed), relative links are resolved against the URL the
// redirect ended at, bad and placeholder dates become the fetch time,
// and a far-future one is clamped.
func TestIllFormedFeedsThroughFetcher(t *testing.T) {
	now := time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC)
	mux := http.NewServeMux()
	mux.HandleFunc("/old/", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/moved/here/"+strings.TrimPrefix(r.URL.Path, "/old/"), http.StatusMovedPermanently)
	})
	mux.Handle("/moved/here/", http.StripPrefix("/moved/here/", http.FileServer(http.Dir("feed/testdata"))))
	srv := httptest.NewServer(mux)
	defer srv.Close()
	f := &Fetcher{Client: fetch.New(fetch.Options{AllowPrivate: true, HostInterval: -1}), Clock: clock.Func(func() time.Time { return now })}

	goldens, _ := filepath.Glob("feed/testdata/*.golden.json")
	if len(goldens) < 10 {
		t.Fatalf("%d golden files", len(goldens))
	}
	for _, golden := range goldens {
		name := strings.TrimSuffix(filepath.Base(golden), ".golden.json")
		fixture, _ := filepath.Glob("feed/testdata/" + name + ".*")
		fixture = slices.DeleteFunc(fixture, func(s string) bool { return strings.HasSuffix(s, ".golden.json") })
		t.Run(name, func(t *testing.T) {
			var want struct {
				Error string
				Items []json.RawMessage
			}
			data, err := os.ReadFile(golden)
			if err != nil || json.Unmarshal(data, &want) != nil {
				t.Fatalf("golden %s: %v", golden, err)
			}
			res, err := f.Fetch(context.Background(), news.Source{ID: 1, Name: name, URL: srv.URL + "/old/" + filepath.Base(fixture[0])})
			switch {
			case want.Error != "":
				if err == nil || !strings.Contains(err.Error(), want.Error) {
					t.Errorf("err = %v, want %q", err, want.Error)
				}
				if strings.Contains(want.Error, "not an RSS") && !errors.Is(err, feed.ErrNotAFeed) {
					t.Errorf("err = %v, want feed.ErrNotAFeed", err)
				}
				return
			case err != nil:
				t.Fatal(err)
			}
			if len(res.Articles) != len(want.Items) {
				t.Errorf("%d articles, golden has %d items", len(res.Articles), len(want.Items))
			}
			if !strings.HasPrefix(res.FinalURL, srv.URL+"/moved/here/") {
				t.Errorf("final URL %s", res.FinalURL)
			}
		})
	}

	res, err := f.Fetch(context.Background(), news.Source{ID: 1, URL: srv.URL + "/old/atom-relative.xml"})
	if err != nil {
		t.Fatal(err)
	}
	var links []string
	for _, a := range res.Articles {
		links = append(links, a.URL)
	}
	wantLinks := []string{srv.URL + "/moved/here/posts/one.html", srv.URL + "/posts/two.html", srv.URL + "/moved/here/atom-relative.xml?p=3", ""}
	if !slices.Equal(links, wantLinks) {
		t.Errorf("links resolved to\n%q, want\n%q (against the URL the redirect ended at)", links, wantLinks)
	}

	res, err = f.Fetch(context.Background(), news.Source{ID: 1, URL: srv.URL + "/old/rss-dates.xml"})
	if err != nil {
		t.Fatal(err)
	}
	wantDates := map[string]struct {
		at        time.Time
		estimated bool
	}{
		"Words": {now, true}, "Impossible": {now, true}, "Epoch": {now, true}, "Year one": {now, true},
		"Far future": {now, false}, "Named zone": {time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC), false},
		// 12:00 UTC on the 29th, written in +09:00: exactly a day ahead, kept.
		"Within a day":    {now.Add(24 * time.Hour), false},
		"Just past a day": {now, false},
	}
	for _, a := range res.Articles {
		w, ok := wantDates[a.Title]
		if !ok || !a.Published.Equal(w.at) || a.PublishedEstimated != w.estimated {
			t.Errorf("%q: published %v (estimated %v), want %v (%v)", a.Title, a.Published, a.PublishedEstimated, w.at, w.estimated)
		}
	}
	if len(res.Articles) != len(wantDates) {
		t.Errorf("%d dated articles, want %d", len(res.Articles), len(wantDates))
	}
}

// TestFullTextReturnsPage: FullText reads a teaser's page and returns its
// text, canonical URL and date without touching the article; a page
// robots.txt disallows is not fetched.
func TestFullTextReturnsPage(t *testing.T) {
	page, err := os.ReadFile("extract/testdata/article.html")
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/robots.txt", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, "User-agent: *\nDisallow: /private/\n")
	})
	mux.HandleFunc("/story", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(page)
	})
	mux.HandleFunc("/private/story", func(w http.ResponseWriter, r *http.Request) { t.Error("fetched a page robots.txt disallows") })
	srv := httptest.NewServer(mux)
	defer srv.Close()
	f := &Fetcher{Client: fetch.New(fetch.Options{AllowPrivate: true})}
	ctx := context.Background()

	a := news.Article{URL: srv.URL + "/story", Summary: "Acme raised money.", PublishedEstimated: true}
	before := a
	pg, err := f.FullText(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(a, before) {
		t.Errorf("FullText changed the article: %+v", a)
	}
	if !strings.Contains(pg.Text, "double its engineering team") || pg.URL != srv.URL+"/2026/11/acme-robotics-series-b" ||
		!pg.Published.Equal(time.Date(2026, 11, 24, 1, 30, 0, 0, time.UTC)) {
		t.Errorf("page %q %q %v", pg.URL, pg.Published, pg.Text)
	}
	if _, err := f.FullText(ctx, news.Article{URL: srv.URL + "/private/story"}); !errors.Is(err, ErrRobots) {
		t.Errorf("disallowed page: %v", err)
	}
}

func TestPageFill(t *testing.T) {
	feedDate := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	pageDate := time.Date(2026, 10, 30, 0, 0, 0, 0, time.UTC)
	cases := []struct {
		name      string
		estimated bool
		page      Page
		wantURL   string
		wantDate  time.Time
		wantEst   bool
	}{
		{"page names its URL and date; feed gave no date", true, Page{Text: "T", URL: "https://x.example/c", Published: pageDate}, "https://x.example/c", pageDate, false},
		{"feed gave a date: it stays", false, Page{Text: "T", URL: "https://x.example/c", Published: pageDate}, "https://x.example/c", feedDate, false},
		{"page names neither", true, Page{Text: "T"}, "https://x.example/a", feedDate, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			a := news.Article{URL: "https://x.example/a", Summary: "S", Published: feedDate, PublishedEstimated: tc.estimated}
			tc.page.Fill(&a)
			if a.Body != tc.page.Text || a.BodySource != "page" || a.URL != tc.wantURL || !a.Published.Equal(tc.wantDate) || a.PublishedEstimated != tc.wantEst {
				t.Errorf("got body %q (%s), url %s, date %v (estimated %v)", a.Body, a.BodySource, a.URL, a.Published, a.PublishedEstimated)
			}
		})
	}
}
