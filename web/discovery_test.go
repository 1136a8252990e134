package web

import (
	"context"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/aitracker/aitracker/store"
	"github.com/mmcdole/gofeed"
	"golang.org/x/net/html"
)

// headFeeds returns the feeds a page declares in its head, by media type.
func headFeeds(t *testing.T, page string) map[string]string {
	t.Helper()
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
	return found
}

// TestFeedAutodiscovery: a search, the events list, an event and a
// company page each declare their feeds in the head, as a feed reader
// given the page's address looks for them. Each declared feed answers
// with the media type declared for it, parses with a feed reader's
// parser, holds what the page shows, and its entries carry the deal
// and the event's page.
func TestFeedAutodiscovery(t *testing.T) {
	ss := storeTestServer(t)
	zhipu := eventID(t, ss, "Zhipu AI")
	deal := "¥1B ($139M) · Series B"
	pages := []struct {
		name, path string
		// entry is the title of an entry the feeds hold.
		entry string
	}{
		{"a search", "/?q=type:funding", "Zhipu raises 1 billion yuan"},
		{"the events list", "/events?type=funding", "Zhipu AI raises ¥1B (Series B)"},
		{"an event", "/events/" + zhipu, "Zhipu raises 1 billion yuan"},
		{"a company", "/companies/" + url.PathEscape("Zhipu AI"), "Zhipu AI raises ¥1B (Series B)"},
	}
	for _, pg := range pages {
		t.Run(pg.name, func(t *testing.T) {
			resp, page := get(t, ss.srv.URL+pg.path)
			if resp.StatusCode != 200 {
				t.Fatalf("%s: %d", pg.path, resp.StatusCode)
			}
			found := headFeeds(t, page)
			for _, typ := range []string{"application/atom+xml", "application/rss+xml", "application/feed+json"} {
				href, ok := found[typ]
				if !ok {
					t.Errorf("the head declares no %s feed (found %v)", typ, found)
					continue
				}
				if !strings.Contains(html.UnescapeString(page), `<a href="`+href+`"`) {
					t.Errorf("the page body does not link its feed %s", href)
				}
				resp, body := get(t, ss.srv.URL+href)
				if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), typ) {
					t.Fatalf("%s: %d %s, want 200 %s", href, resp.StatusCode, resp.Header.Get("Content-Type"), typ)
				}
				f, err := gofeed.NewParser().ParseString(body)
				if err != nil {
					t.Fatalf("%s does not parse as a feed: %v", href, err)
				}
				var item *gofeed.Item
				for _, it := range f.Items {
					if it.Title == pg.entry {
						item = it
					}
				}
				if item == nil {
					t.Errorf("%s holds no entry %q", href, pg.entry)
					continue
				}
				text := item.Description + item.Content
				if !strings.Contains(text, deal) || !strings.Contains(text, "/events/"+zhipu) {
					t.Errorf("%s: the entry %q does not show the deal %q and the event's page: %q", href, pg.entry, deal, text)
				}
			}
		})
	}
	// The search page shows the deal of each hit's event.
	_, page := get(t, ss.srv.URL+"/?q=type:funding")
	if !strings.Contains(page, `<div class="deal">`+html.EscapeString(deal)+`</div>`) {
		t.Errorf("the search page does not show the deal %q", deal)
	}
	// A page with no feed of its own declares none.
	_, page = get(t, ss.srv.URL+"/map")
	if head, _, _ := strings.Cut(page, "</head>"); strings.Contains(head, `rel="alternate"`) {
		t.Errorf("the map page declares a feed:\n%s", head)
	}
}

// eventID is the ID of the event whose primary company is company.
func eventID(t *testing.T, ss *storeServer, company string) string {
	t.Helper()
	evs, err := ss.st.Events(context.Background(), store.EventFilter{Companies: []string{company}, Limit: 10})
	if err != nil || len(evs) == 0 {
		t.Fatalf("the events of %s: %v (%d)", company, err, len(evs))
	}
	return strconv.FormatInt(evs[0].ID, 10)
}
