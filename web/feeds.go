package web

import (
	"encoding/json"
	"encoding/xml"
	"html"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/aitracker/aitracker/index"
)

// A saved search is a feed: GET /feed.atom, /feed.rss and /feed.json with
// the q of the search page give its newest 50 stories (one per story), so
// that a reader one already uses can follow a query.

const feedItems = 50

func (s *Server) feedResult(w http.ResponseWriter, r *http.Request) (*index.Result, string, bool) {
	q := r.URL.Query().Get("q")
	res, err := s.search(r.Context(), index.Request{Query: q, Sort: "date", Limit: feedItems, Collapse: true})
	if err != nil {
		code, msg := s.errorCode(r, err)
		http.Error(w, msg, code)
		return nil, q, false
	}
	return res, q, true
}

func feedTitle(q string) string {
	if q == "" {
		return "aitracker: every story"
	}
	return "aitracker: " + q
}

// pageURL is the search page of a query.
func (s *Server) pageURL(r *http.Request, q string) string {
	return s.baseURL(r) + "/?" + url.Values{"q": {q}, "sort": {"date"}}.Encode()
}

type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Title   string      `xml:"title"`
	ID      string      `xml:"id"`
	Updated string      `xml:"updated"`
	Links   []atomLink  `xml:"link"`
	Entries []atomEntry `xml:"entry"`
}

type atomLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
}

type atomEntry struct {
	Title     string     `xml:"title"`
	ID        string     `xml:"id"`
	Updated   string     `xml:"updated"`
	Published string     `xml:"published"`
	Links     []atomLink `xml:"link"`
	Author    struct {
		Name string `xml:"name"`
	} `xml:"author"`
	Summary string `xml:"summary"`
}

// feedAtom is GET /feed.atom?q=.
func (s *Server) feedAtom(w http.ResponseWriter, r *http.Request) {
	res, q, ok := s.feedResult(w, r)
	if !ok {
		return
	}
	base := s.baseURL(r)
	f := atomFeed{Title: feedTitle(q), ID: s.pageURL(r, q), Updated: s.now().UTC().Format(time.RFC3339),
		Links: []atomLink{{Href: s.pageURL(r, q), Rel: "alternate", Type: "text/html"},
			{Href: base + "/feed.atom?" + url.Values{"q": {q}}.Encode(), Rel: "self", Type: "application/atom+xml"}}}
	for _, h := range res.Hits {
		e := atomEntry{Title: h.Title, ID: articleURN(h.ID),
			Updated: h.Published.Format(time.RFC3339), Published: h.Published.Format(time.RFC3339), Summary: plainSnippet(h.Snippet)}
		e.Author.Name = h.Source
		if safeURL(h.URL) {
			e.Links = append(e.Links, atomLink{Href: h.URL, Rel: "alternate"})
		}
		if h.Event != 0 {
			e.Links = append(e.Links, atomLink{Href: base + "/events/" + strconv.FormatInt(h.Event, 10), Rel: "related"})
		}
		f.Entries = append(f.Entries, e)
	}
	writeXML(w, "application/atom+xml; charset=utf-8", f)
}

type rssFeed struct {
	XMLName xml.Name `xml:"rss"`
	Version string   `xml:"version,attr"`
	AtomNS  string   `xml:"xmlns:atom,attr"`
	Channel struct {
		Title string `xml:"title"`
		Link  string `xml:"link"`
		// Self is the feed's own address (atom:link rel="self"), as
		// RSS Best Practices ask, so a reader can tell where it came from.
		Self        atomLink  `xml:"atom:link"`
		Description string    `xml:"description"`
		Items       []rssItem `xml:"item"`
	} `xml:"channel"`
}

type rssGUID struct {
	ID        string `xml:",chardata"`
	Permalink string `xml:"isPermaLink,attr"`
}

type rssItem struct {
	Title       string  `xml:"title"`
	Link        string  `xml:"link,omitempty"`
	GUID        rssGUID `xml:"guid"`
	PubDate     string  `xml:"pubDate"`
	Description string  `xml:"description"`
	Source      string  `xml:"category,omitempty"`
}

// feedRSS is GET /feed.rss?q=. Readers show an RSS description as HTML,
// so the text is escaped once more and shows as text.
func (s *Server) feedRSS(w http.ResponseWriter, r *http.Request) {
	res, q, ok := s.feedResult(w, r)
	if !ok {
		return
	}
	f := rssFeed{Version: "2.0", AtomNS: "http://www.w3.org/2005/Atom"}
	f.Channel.Title, f.Channel.Link = feedTitle(q), s.pageURL(r, q)
	f.Channel.Self = atomLink{Href: s.baseURL(r) + "/feed.rss?" + url.Values{"q": {q}}.Encode(), Rel: "self", Type: "application/rss+xml"}
	f.Channel.Description = "The newest stories aitracker found for this search."
	for _, h := range res.Hits {
		it := rssItem{Title: h.Title, GUID: rssGUID{ID: articleURN(h.ID), Permalink: "false"},
			PubDate: h.Published.Format(time.RFC1123Z), Description: html.EscapeString(plainSnippet(h.Snippet)), Source: h.Source}
		if safeURL(h.URL) {
			it.Link = h.URL
		}
		f.Channel.Items = append(f.Channel.Items, it)
	}
	writeXML(w, "application/rss+xml; charset=utf-8", f)
}

// feedJSON is GET /feed.json?q=: JSON Feed 1.1.
func (s *Server) feedJSON(w http.ResponseWriter, r *http.Request) {
	res, q, ok := s.feedResult(w, r)
	if !ok {
		return
	}
	type item struct {
		ID            string   `json:"id"`
		URL           string   `json:"url,omitempty"`
		Title         string   `json:"title"`
		ContentText   string   `json:"content_text"`
		DatePublished string   `json:"date_published"`
		Tags          []string `json:"tags,omitempty"`
	}
	items := []item{}
	for _, h := range res.Hits {
		it := item{ID: articleURN(h.ID), Title: h.Title, ContentText: plainSnippet(h.Snippet),
			DatePublished: h.Published.Format(time.RFC3339), Tags: h.Companies}
		if safeURL(h.URL) {
			it.URL = h.URL
		}
		items = append(items, it)
	}
	out, err := json.MarshalIndent(map[string]any{
		"version": "https://jsonfeed.org/version/1.1", "title": feedTitle(q), "home_page_url": s.pageURL(r, q),
		"feed_url": s.baseURL(r) + "/feed.json?" + url.Values{"q": {q}}.Encode(), "items": items,
	}, "", "  ")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/feed+json; charset=utf-8")
	w.Write(out)
}

func writeXML(w http.ResponseWriter, contentType string, v any) {
	out, err := xml.MarshalIndent(v, "", "  ")
	if err != nil {
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", contentType)
	w.Write([]byte(xml.Header))
	w.Write(out)
}

// safeURL is true for http(s) links: a feed's javascript: URL is no link.
func safeURL(raw string) bool {
	u, err := url.Parse(raw)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

// articleURN names an article in a feed for good, whatever its URL.
func articleURN(id int64) string { return "urn:aitracker:article:" + strconv.FormatInt(id, 10) }

// plainSnippet turns a hit's snippet (escaped HTML with <mark>) into text.
func plainSnippet(s string) string {
	s = strings.NewReplacer("<mark>", "", "</mark>", "").Replace(s)
	return html.UnescapeString(s)
}
