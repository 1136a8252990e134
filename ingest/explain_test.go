package ingest

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/aitracker/aitracker/ingest/fetch"
	"github.com/aitracker/aitracker/news"
)

// TestExplain: a source that cannot be read is said in plain words,
// whether the fetch failed or what it fetched was not what the source
// promised.
func TestExplain(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/page":
			w.Header().Set("Content-Type", "text/html")
			w.Write([]byte("<!doctype html><html><body><p>Welcome</p></body></html>"))
		case "/deep":
			w.Header().Set("Content-Type", "application/rss+xml")
			w.Write([]byte("<rss><channel>" + strings.Repeat("<x>", 10001) + "</channel></rss>"))
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	f := &Fetcher{Client: fetch.New(fetch.Options{AllowPrivate: true, HostInterval: -1})}
	tests := []struct {
		name string
		src  news.Source
		want string
	}{
		{"a web page", news.Source{URL: srv.URL + "/page", Kind: news.KindFeed},
			"what the address returned is not a feed (RSS, Atom or JSON Feed): it may be a web page, or the feed moved"},
		{"too deep", news.Source{URL: srv.URL + "/deep", Kind: news.KindFeed},
			"the feed nests its elements too deeply to be read safely"},
		{"selectors", news.Source{URL: srv.URL + "/page", Kind: news.KindHTML, Selectors: &news.Selectors{Item: "article", Link: "a"}},
			"the item selector matched nothing on the page: the site changed its markup, or the selectors need fixing"},
		{"fetch", news.Source{URL: srv.URL + "/moved", Kind: news.KindFeed},
			"nothing is at this address (404 Not Found): the feed moved or was removed"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := f.Fetch(context.Background(), tc.src)
			if got := Explain(err); got != tc.want {
				t.Errorf("Explain(%v)\n = %q\nwant %q", err, got, tc.want)
			}
		})
	}
}
