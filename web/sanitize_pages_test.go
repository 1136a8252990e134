package web

import (
	"context"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"html"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	xhtml "golang.org/x/net/html"

	"github.com/aitracker/aitracker/classify"
	"github.com/aitracker/aitracker/config"
	"github.com/aitracker/aitracker/index"
	"github.com/aitracker/aitracker/ingest"
	"github.com/aitracker/aitracker/ingest/feed"
	"github.com/aitracker/aitracker/ingest/fetch"
	"github.com/aitracker/aitracker/internal/logtest"
	"github.com/aitracker/aitracker/news"
	"github.com/aitracker/aitracker/pipeline"
	"github.com/aitracker/aitracker/store"
)

// hostileLinks are the item links of the hostile feeds, written as they
// stand in the XML: each case gets one in turn. Only the http(s) one may
// become a link.
var hostileLinks = []string{
	"javascript:alert(1)",
	"JaVaScRiPt:alert(1)",
	" \tjavascript:alert(1)",
	"java&#x09;script:alert(1)",
	"&#106;avascript:alert(1)",
	"&amp;#106;avascript:alert(1)",
	"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
	"vbscript:msgbox(1)",
	"https://news.example/story",
}

// hostileCompanies are companies of the taxonomy: each case's item is
// about one of them in turn, so that each makes an event and a story of
// its own.
var hostileCompanies = []string{"Zhipu AI", "Mistral AI", "Moonshot AI", "Anthropic", "OpenAI", "Cohere", "Hugging Face",
	"Databricks", "Scale AI", "Groq", "Cerebras", "xAI", "Stability AI", "Baichuan", "MiniMax", "DeepSeek", "Together AI",
	"Anysphere", "ElevenLabs", "Synthesia", "Glean", "Perplexity", "Runway", "Baidu"}

// hostileTitle is the title of a case's item: a funding headline the
// classifier makes an event of, followed by the case's markup.
func hostileTitle(i int, c sanitizeCase) string {
	return fmt.Sprintf("%s raises $%d million in a Series A round, case %s: %s",
		hostileCompanies[i%len(hostileCompanies)], 10+i, c.name, c.html)
}

// hostileFeedServer serves the golden cases as the items of an RSS feed
// (/hostile.rss) and of an Atom feed whose title and summary are
// type="html" (/hostile.atom), the markup escaped once as feeds carry it.
func hostileFeedServer(t *testing.T, cases []sanitizeCase, now time.Time) *httptest.Server {
	t.Helper()
	var rss, atom strings.Builder
	rss.WriteString(`<?xml version="1.0" encoding="utf-8"?>` + "\n" + `<rss version="2.0"><channel><title>Hostile wire</title><link>https://hostile.example/</link><description>Items written to attack the pages</description>` + "\n")
	atom.WriteString(`<?xml version="1.0" encoding="utf-8"?>` + "\n" + `<feed xmlns="http://www.w3.org/2005/Atom"><title>Hostile atom</title><id>urn:hostile</id><updated>` + now.Format(time.RFC3339) + "</updated>\n")
	for i, c := range cases {
		link := strings.ReplaceAll(hostileLinks[i%len(hostileLinks)], "/story", "/"+c.name)
		date := now.Add(-time.Duration(i+1) * time.Hour)
		title := html.EscapeString(hostileTitle(i, c))
		fmt.Fprintf(&rss, "<item><title>%s</title><link>%s</link><guid isPermaLink=\"false\">rss-%s</guid><pubDate>%s</pubDate><description>%s</description></item>\n",
			title, link, c.name, date.Format(time.RFC1123Z), html.EscapeString(c.html))
		fmt.Fprintf(&atom, "<entry><title type=\"html\">%s</title><link href=\"%s\"/><id>atom-%s</id><updated>%s</updated><summary type=\"html\">%s</summary></entry>\n",
			title, link, c.name, date.Format(time.RFC3339), html.EscapeString(c.html))
	}
	rss.WriteString("</channel></rss>\n")
	atom.WriteString("</feed>\n")
	mux := http.NewServeMux()
	mux.HandleFunc("GET /hostile.rss", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
		io.WriteString(w, rss.String())
	})
	mux.HandleFunc("GET /hostile.atom", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/atom+xml; charset=utf-8")
		io.WriteString(w, atom.String())
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

// TestHostileFeedThroughPages reads the golden cases as two real feeds
// (RSS and Atom) through the pipeline into a real store and index, checks
// that what was stored is the golden text, and then serves the search
// results, the event pages, the company pages and the Atom, RSS and JSON
// feeds over that store and index. An HTML tokenizer reads every page:
// no element or attribute of the input may survive (no script, no on*
// handler, no href or src but http(s) or relative, no meta refresh, base,
// form posting elsewhere or iframe), and the feeds must carry the text as
// text. The "allowed markup preserved" half of a sanitizer's golden set
// does not apply: aitracker shows feed content as text only.
func TestHostileFeedThroughPages(t *testing.T) {
	ctx := context.Background()
	cases := sanitizeCases(t)
	now := time.Now().UTC().Truncate(time.Second)
	feeds := hostileFeedServer(t, cases, now)

	dir := t.TempDir()
	st, err := store.Open(ctx, filepath.Join(dir, "aitracker.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	quiet := slog.New(slog.DiscardHandler)
	ix, err := index.OpenLive(ctx, st, index.Config{Path: filepath.Join(dir, "index"), Logger: quiet})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	tax, err := config.LoadDefaultTaxonomy()
	if err != nil {
		t.Fatal(err)
	}
	cls, err := classify.New(tax)
	if err != nil {
		t.Fatal(err)
	}
	p := &pipeline.Pipeline{Store: st, Index: ix, Classifier: cls, Logger: quiet, Workers: 2,
		Fetcher: &ingest.Fetcher{Client: fetch.New(fetch.Options{AllowPrivate: true, Timeout: 30 * time.Second, HostInterval: -1})}}
	srcs := []news.Source{
		{Name: "Hostile RSS", URL: feeds.URL + "/hostile.rss", Kind: news.KindFeed, Lang: "en"},
		{Name: "Hostile Atom", URL: feeds.URL + "/hostile.atom", Kind: news.KindFeed, Lang: "en"},
	}
	// One source after the other, so that the RSS items are the
	// originals and the Atom ones their copies, and "one per story"
	// shows the RSS items.
	for _, src := range srcs {
		sum, err := p.Run(ctx, srcs, pipeline.Options{Only: []string{src.Name}})
		if err != nil {
			t.Fatal(err)
		}
		if sum.SourcesOK != 1 || sum.New != len(cases) {
			t.Fatalf("%s: %s", src.Name, sum)
		}
	}

	// What was stored is the golden text.
	arts, err := st.ArticlesAfter(ctx, 0, 10*len(cases))
	if err != nil {
		t.Fatal(err)
	}
	byGUID := map[string]news.Article{}
	titles, summaries := map[string]bool{}, map[string]bool{}
	for _, a := range arts {
		byGUID[a.GUID] = a
		titles[a.Title], summaries[a.Summary] = true, true
		if a.URL != "" && !safeURL(a.URL) {
			t.Errorf("%s: stored link %q", a.GUID, a.URL)
		}
	}
	for i, c := range cases {
		for _, guid := range []string{"rss-" + c.name, "atom-" + c.name} {
			a, ok := byGUID[guid]
			switch {
			case !ok:
				t.Errorf("%s: not stored", guid)
			case a.Summary != c.golden:
				t.Errorf("%s: stored summary %q, want the golden %q", guid, a.Summary, c.golden)
			case a.Title != feed.Text(hostileTitle(i, c)):
				t.Errorf("%s: stored title %q, want %q", guid, a.Title, feed.Text(hostileTitle(i, c)))
			}
		}
	}

	logs := logtest.New(t)
	s := &Server{Index: ix, Store: st, Taxonomy: tax, Logger: logs.Logger(), Version: "test", BaseURL: "https://tracker.example"}
	srv := httptest.NewServer(s.Handler())
	t.Cleanup(srv.Close)
	fetchPage := func(path string, ctype string) string {
		t.Helper()
		resp, body := get(t, srv.URL+path)
		if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), ctype) {
			t.Fatalf("GET %s: %d %s", path, resp.StatusCode, resp.Header.Get("Content-Type"))
		}
		return body
	}

	// Search results: every article, each title and snippet exactly its
	// stored text, shown as text.
	for _, path := range []string{"/?q=&all=1&limit=100", "/?q=zhipu&all=1&limit=100", "/?q=case", "/?q=" + url.QueryEscape("alert script")} {
		checkSafeHTML(t, path, fetchPage(path, "text/html"))
	}
	page := fetchPage("/?q=&all=1&limit=100", "text/html")
	shownTitles, shownSnippets := elementTexts(t, page, "a", "title"), elementTexts(t, page, "p", "snippet")
	for _, a := range arts {
		if !slices.Contains(shownTitles, a.Title) {
			t.Errorf("the search page does not show the title %q as text", a.Title)
		}
		if a.Summary != "" && !slices.Contains(shownSnippets, a.Summary) {
			t.Errorf("the search page does not show the summary %q as text", a.Summary)
		}
	}

	// Every event page, and the events list.
	evs, err := st.Events(ctx, store.EventFilter{Limit: 500})
	if err != nil {
		t.Fatal(err)
	}
	reports := 0
	for _, e := range evs {
		path := "/events/" + strconv.FormatInt(e.ID, 10)
		page := fetchPage(path, "text/html")
		checkSafeHTML(t, path, page)
		for _, title := range elementTexts(t, page, "a", "") {
			if titles[title] {
				reports++
			}
		}
	}
	if reports == 0 {
		t.Errorf("no event page shows a hostile report (%d events)", len(evs))
	}
	checkSafeHTML(t, "/events", fetchPage("/events", "text/html"))

	// Every company page, and the companies list.
	cs, err := st.Companies(ctx, "", 200)
	if err != nil {
		t.Fatal(err)
	}
	var zhipu bool
	for _, c := range cs {
		path := "/companies/" + url.PathEscape(c.Name)
		page := fetchPage(path, "text/html")
		checkSafeHTML(t, path, page)
		if c.Name == hostileCompanies[0] {
			zhipu = true
			latest := elementTexts(t, page, "a", "title")
			if len(latest) == 0 || !titles[latest[0]] {
				t.Errorf("the company page shows no hostile article: %q", latest)
			}
		}
	}
	if !zhipu {
		t.Errorf("no company page for Zhipu AI among %v", cs)
	}
	checkSafeHTML(t, "/companies", fetchPage("/companies", "text/html"))

	// The feeds: one story per case.
	checkAtomIsText(t, fetchPage("/feed.atom?q=", "application/atom+xml"), titles, summaries, len(cases))
	checkRSSIsText(t, fetchPage("/feed.rss?q=", "application/rss+xml"), titles, summaries, len(cases))
	checkJSONFeedIsText(t, fetchPage("/feed.json?q=", "application/feed+json"), titles, summaries, len(cases))
}

// elementTexts returns the text of each element of a page with the tag and
// class (any class when empty), in order.
func elementTexts(t *testing.T, page, tag, class string) []string {
	t.Helper()
	doc, err := xhtml.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	var text func(n *xhtml.Node, b *strings.Builder)
	text = func(n *xhtml.Node, b *strings.Builder) {
		if n.Type == xhtml.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			text(c, b)
		}
	}
	for n := range doc.Descendants() {
		if n.Type != xhtml.ElementNode || n.Data != tag {
			continue
		}
		if class != "" && !slices.ContainsFunc(n.Attr, func(a xhtml.Attribute) bool {
			return a.Key == "class" && slices.Contains(strings.Fields(a.Val), class)
		}) {
			continue
		}
		var b strings.Builder
		text(n, &b)
		out = append(out, b.String())
	}
	return out
}

// feedLinkOK: a link in a feed is an absolute http(s) URL.
func feedLinkOK(link string) bool { return safeURL(link) }

// checkAtomIsText: titles and summaries are Atom text constructs of type
// text (readers show them as text), equal to the stored text; no entry has
// HTML content; every link is http(s).
func checkAtomIsText(t *testing.T, body string, titles, summaries map[string]bool, items int) {
	t.Helper()
	type textConstruct struct {
		Type  string `xml:"type,attr"`
		Text  string `xml:",chardata"`
		Inner string `xml:",innerxml"`
	}
	var f struct {
		Entries []struct {
			Title   textConstruct  `xml:"title"`
			Summary textConstruct  `xml:"summary"`
			Content *textConstruct `xml:"content"`
			Links   []struct {
				Href string `xml:"href,attr"`
			} `xml:"link"`
		} `xml:"entry"`
	}
	if err := xml.Unmarshal([]byte(body), &f); err != nil {
		t.Fatalf("atom: %v", err)
	}
	if len(f.Entries) != items {
		t.Errorf("atom: %d entries, want %d", len(f.Entries), items)
	}
	for _, e := range f.Entries {
		for _, tc := range []textConstruct{e.Title, e.Summary} {
			if tc.Type != "" && tc.Type != "text" || strings.Contains(tc.Inner, "<") {
				t.Errorf("atom: a %q text construct holding %q", tc.Type, tc.Inner)
			}
		}
		if !titles[e.Title.Text] || e.Summary.Text != "" && !summaries[withoutDeal(t, e.Summary.Text)] {
			t.Errorf("atom: entry %q / %q is not the stored text", e.Title.Text, e.Summary.Text)
		}
		if e.Content != nil {
			t.Errorf("atom: entry %q has content", e.Title.Text)
		}
		for _, l := range e.Links {
			if !feedLinkOK(l.Href) {
				t.Errorf("atom: link %q", l.Href)
			}
		}
	}
}

// checkRSSIsText: readers show an RSS description as HTML, so once decoded
// it must hold no markup at all, only text that unescapes to the stored
// summary; titles are the stored text; links are http(s).
func checkRSSIsText(t *testing.T, body string, titles, summaries map[string]bool, items int) {
	t.Helper()
	var f struct {
		Items []struct {
			Title       string `xml:"title"`
			Link        string `xml:"link"`
			Description string `xml:"description"`
		} `xml:"channel>item"`
	}
	if err := xml.Unmarshal([]byte(body), &f); err != nil {
		t.Fatalf("rss: %v", err)
	}
	if len(f.Items) != items {
		t.Errorf("rss: %d items, want %d", len(f.Items), items)
	}
	for _, it := range f.Items {
		z := xhtml.NewTokenizer(strings.NewReader(it.Description))
		for tt := z.Next(); tt != xhtml.ErrorToken; tt = z.Next() {
			if tt != xhtml.TextToken {
				t.Errorf("rss: description %q holds markup: %s", it.Description, z.Token())
			}
		}
		if !titles[it.Title] || it.Description != "" && !summaries[withoutDeal(t, html.UnescapeString(it.Description))] {
			t.Errorf("rss: item %q / %q is not the stored text", it.Title, it.Description)
		}
		if it.Link != "" && !feedLinkOK(it.Link) {
			t.Errorf("rss: link %q", it.Link)
		}
	}
}

// checkJSONFeedIsText: JSON Feed items carry text only (content_text,
// never content_html), equal to the stored text, and http(s) links.
func checkJSONFeedIsText(t *testing.T, body string, titles, summaries map[string]bool, items int) {
	t.Helper()
	var f struct {
		Items []map[string]any `json:"items"`
	}
	if err := json.Unmarshal([]byte(body), &f); err != nil {
		t.Fatalf("json feed: %v", err)
	}
	if len(f.Items) != items {
		t.Errorf("json feed: %d items, want %d", len(f.Items), items)
	}
	allowed := []string{"id", "url", "external_url", "title", "content_text", "date_published", "date_modified", "authors", "tags", "_aitracker"}
	for _, it := range f.Items {
		for k := range it {
			if !slices.Contains(allowed, k) {
				t.Errorf("json feed: item key %q", k)
			}
		}
		title, _ := it["title"].(string)
		text, _ := it["content_text"].(string)
		if !titles[title] || text != "" && !summaries[withoutDeal(t, text)] {
			t.Errorf("json feed: item %q / %q is not the stored text", title, text)
		}
		for _, k := range []string{"url", "external_url"} {
			if u, ok := it[k].(string); ok && !feedLinkOK(u) {
				t.Errorf("json feed: %s %q", k, u)
			}
		}
	}
}

// feedDeal is the head a feed entry of an event's report starts with: the
// deal's line (its amount at least) and the event's page, then a blank line.
var feedDeal = regexp.MustCompile(`^(?:[^\n]*\n)?Event: https?://[^\s]+/events/\d+\n(?:\n|$)`)

// withoutDeal is an entry's text without the deal head that the feeds put
// before the stored text of a report of an event.
func withoutDeal(t *testing.T, text string) string {
	t.Helper()
	return feedDeal.ReplaceAllString(text, "")
}
