package web

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// TestFeedAutodiscovery: a search page declares its feeds in its head,
// as a feed reader given the page's address looks for them, and each
// declared feed answers with the media type declared for it and holds
// the search's articles.
func TestFeedAutodiscovery(t *testing.T) {
	ss := storeTestServer(t)
	resp, page := get(t, ss.srv.URL+"/?q=type:funding")
	if resp.StatusCode != 200 {
		t.Fatalf("search page: %d", resp.StatusCode)
	}
	head, _, _ := strings.Cut(page, "</head>")
	doc, err := html.Parse(strings.NewReader(head + "</head><body></body></html>"))
	if err != nil {
		t.Fatal(err)
	}
	found := map[string]string{}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "link" {
			a := map[string]string{}
			for _, at := range n.Attr {
				a[at.Key] = at.Val
			}
			if a["rel"] == "alternate" {
				found[a["type"]] = a["href"]
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	for _, typ := range []string{"application/atom+xml", "application/rss+xml", "application/feed+json"} {
		href, ok := found[typ]
		if !ok {
			t.Errorf("the search page's head declares no %s feed (found %v)", typ, found)
			continue
		}
		resp, body := get(t, ss.srv.URL+href)
		if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), typ) {
			t.Errorf("%s: %d %s, want 200 %s", href, resp.StatusCode, resp.Header.Get("Content-Type"), typ)
		}
		if !strings.Contains(body, "Zhipu raises 1 billion yuan") {
			t.Errorf("%s does not hold the search's articles", href)
		}
	}
	// A page with no feed of its own declares none.
	_, page = get(t, ss.srv.URL+"/map")
	if head, _, _ := strings.Cut(page, "</head>"); strings.Contains(head, `rel="alternate"`) {
		t.Errorf("the map page declares a feed:\n%s", head)
	}
}
