package web

import (
	"context"
	"encoding/json"
	"encoding/xml"
	"html"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/aitracker/aitracker/index"
	"github.com/aitracker/aitracker/news"
	"github.com/aitracker/aitracker/store"
)

// A saved search is a feed: GET /feed.atom, /feed.rss and /feed.json with
// the q of the search page give its newest 50 stories (one per story), so
// that a reader one already uses can follow a query.

const feedItems = 50

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

// feedDoc is a feed before it is written as Atom, RSS or JSON Feed: the
// search feeds, the events list's and an event's are each one.
type feedDoc struct {
	Title, Home, Description string
	// Self is the feed's own address without its extension: Self +
	// ".atom", ".rss" or ".json", then Query.
	Self, Query string
	Updated     time.Time
	Items       []feedItem
}

func (d feedDoc) selfURL(ext string) string {
	u := d.Self + "." + ext
	if d.Query != "" {
		u += "?" + d.Query
	}
	return u
}

// feedItem is one entry: an article or an event.
type feedItem struct {
	ID, Title, URL, Author string
	Published, Updated     time.Time
	// Deal is the event's deal in a line ("€1.7B ($1.97B) · Series C ·
	// led by Sequoia"), and Event its page; empty when none.
	Deal, Event string
	Text        string
	Tags        []string
}

// content is the entry's text: the deal and the event's page first.
func (it feedItem) content() string {
	var b strings.Builder
	if it.Deal != "" {
		b.WriteString(it.Deal)
		b.WriteString("\n")
	}
	if it.Event != "" {
		b.WriteString("Event: " + it.Event + "\n")
	}
	if b.Len() > 0 && it.Text != "" {
		b.WriteString("\n")
	}
	b.WriteString(it.Text)
	return b.String()
}

// searchFeed is the newest stories of the q of the search page, with the
// deal of the event each reports.
func (s *Server) searchFeed(w http.ResponseWriter, r *http.Request) (feedDoc, bool) {
	q := r.URL.Query().Get("q")
	res, err := s.search(r.Context(), index.Request{Query: q, Sort: "date", Limit: feedItems, Collapse: true})
	if err != nil {
		code, msg := s.errorCode(r, err)
		http.Error(w, msg, code)
		return feedDoc{}, false
	}
	base := s.baseURL(r)
	d := feedDoc{Title: feedTitle(q), Home: s.pageURL(r, q), Self: base + "/feed", Query: url.Values{"q": {q}}.Encode(),
		Description: "The newest stories aitracker found for this search.", Updated: s.now().UTC()}
	deals := s.deals(r.Context(), res.Hits)
	for _, h := range res.Hits {
		it := feedItem{ID: articleURN(h.ID), Title: h.Title, Author: h.Source, Published: h.Published,
			Updated: h.Published, Text: plainSnippet(h.Snippet), Tags: h.Companies}
		if safeURL(h.URL) {
			it.URL = h.URL
		}
		if h.Event != 0 {
			it.Event = base + "/events/" + strconv.FormatInt(h.Event, 10)
			it.Deal = deals[h.Event]
		}
		d.Items = append(d.Items, it)
	}
	return d, true
}

// feedAtom is GET /feed.atom?q=.
func (s *Server) feedAtom(w http.ResponseWriter, r *http.Request) {
	if d, ok := s.searchFeed(w, r); ok {
		writeAtom(w, d)
	}
}

// feedRSS is GET /feed.rss?q=.
func (s *Server) feedRSS(w http.ResponseWriter, r *http.Request) {
	if d, ok := s.searchFeed(w, r); ok {
		writeRSS(w, d)
	}
}

// feedJSON is GET /feed.json?q=: JSON Feed 1.1.
func (s *Server) feedJSON(w http.ResponseWriter, r *http.Request) {
	if d, ok := s.searchFeed(w, r); ok {
		s.writeJSONFeed(w, r, d)
	}
}

// feedLinks are the three feeds of d for a page's head and body.
func feedLinks(d feedDoc) []link {
	return []link{{"Atom", d.selfURL("atom"), "application/atom+xml"}, {"RSS", d.selfURL("rss"), "application/rss+xml"},
		{"JSON Feed", d.selfURL("json"), "application/feed+json"}}
}

// writeFeed writes d in the format ext names: atom, rss or json.
func (s *Server) writeFeed(w http.ResponseWriter, r *http.Request, ext string, d feedDoc) {
	switch ext {
	case "atom":
		writeAtom(w, d)
	case "rss":
		writeRSS(w, d)
	case "json":
		s.writeJSONFeed(w, r, d)
	default:
		s.notFound(w, r)
	}
}

func writeAtom(w http.ResponseWriter, d feedDoc) {
	f := atomFeed{Title: d.Title, ID: d.Home, Updated: d.Updated.UTC().Format(time.RFC3339),
		Links: []atomLink{{Href: d.Home, Rel: "alternate", Type: "text/html"},
			{Href: d.selfURL("atom"), Rel: "self", Type: "application/atom+xml"}}}
	for _, it := range d.Items {
		e := atomEntry{Title: it.Title, ID: it.ID, Updated: it.Updated.UTC().Format(time.RFC3339),
			Published: it.Published.UTC().Format(time.RFC3339), Summary: it.content()}
		e.Author.Name = it.Author
		if it.URL != "" {
			e.Links = append(e.Links, atomLink{Href: it.URL, Rel: "alternate"})
		}
		if it.Event != "" && it.Event != it.URL {
			e.Links = append(e.Links, atomLink{Href: it.Event, Rel: "related"})
		}
		f.Entries = append(f.Entries, e)
	}
	writeXML(w, "application/atom+xml; charset=utf-8", f)
}

// writeRSS writes d as RSS 2.0. Readers show an RSS description as HTML,
// so the text is escaped once more and shows as text.
func writeRSS(w http.ResponseWriter, d feedDoc) {
	f := rssFeed{Version: "2.0", AtomNS: "http://www.w3.org/2005/Atom"}
	f.Channel.Title, f.Channel.Link, f.Channel.Description = d.Title, d.Home, d.Description
	f.Channel.Self = atomLink{Href: d.selfURL("rss"), Rel: "self", Type: "application/rss+xml"}
	for _, it := range d.Items {
		ri := rssItem{Title: it.Title, GUID: rssGUID{ID: it.ID, Permalink: "false"}, Link: it.URL,
			PubDate: it.Published.UTC().Format(time.RFC1123Z), Description: html.EscapeString(it.content()), Source: it.Author}
		if ri.Link == "" {
			ri.Link = it.Event
		}
		f.Channel.Items = append(f.Channel.Items, ri)
	}
	writeXML(w, "application/rss+xml; charset=utf-8", f)
}

// writeJSONFeed writes d as JSON Feed 1.1; the deal and the event page
// are also in the item's "_aitracker" extension, for programs.
func (s *Server) writeJSONFeed(w http.ResponseWriter, r *http.Request, d feedDoc) {
	type ext struct {
		Event string `json:"event,omitempty"`
		Deal  string `json:"deal,omitempty"`
	}
	type item struct {
		ID            string   `json:"id"`
		URL           string   `json:"url,omitempty"`
		ExternalURL   string   `json:"external_url,omitempty"`
		Title         string   `json:"title"`
		ContentText   string   `json:"content_text"`
		DatePublished string   `json:"date_published"`
		DateModified  string   `json:"date_modified,omitempty"`
		Authors       []any    `json:"authors,omitempty"`
		Tags          []string `json:"tags,omitempty"`
		Ext           *ext     `json:"_aitracker,omitempty"`
	}
	items := []item{}
	for _, it := range d.Items {
		ji := item{ID: it.ID, URL: it.URL, Title: it.Title, ContentText: it.content(),
			DatePublished: it.Published.UTC().Format(time.RFC3339), Tags: it.Tags}
		if !it.Updated.Equal(it.Published) {
			ji.DateModified = it.Updated.UTC().Format(time.RFC3339)
		}
		if it.Author != "" {
			ji.Authors = []any{map[string]string{"name": it.Author}}
		}
		if it.Event != "" && it.Event != it.URL {
			ji.ExternalURL = it.Event
		}
		if it.Event != "" || it.Deal != "" {
			ji.Ext = &ext{Event: it.Event, Deal: it.Deal}
		}
		items = append(items, ji)
	}
	out, err := json.MarshalIndent(map[string]any{
		"version": "https://jsonfeed.org/version/1.1", "title": d.Title, "home_page_url": d.Home,
		"feed_url": d.selfURL("json"), "description": d.Description, "items": items,
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

// deals maps the events of hits to their deal lines, for the search page
// and its feeds. A store that fails only costs the lines: it is logged.
func (s *Server) deals(ctx context.Context, hits []index.Hit) map[int64]string {
	var ids []int64
	for _, h := range hits {
		if h.Event != 0 {
			ids = append(ids, h.Event)
		}
	}
	if len(ids) == 0 || s.Store == nil {
		return nil
	}
	evs, err := s.Store.Events(ctx, store.EventFilter{IDs: ids, Limit: len(ids)})
	if err != nil {
		s.Logger.Error("the deals of the hits", "err", err)
		return nil
	}
	out := make(map[int64]string, len(evs))
	for _, e := range evs {
		if d := dealLine(e); d != "" {
			out[e.ID] = d
		}
	}
	return out
}

// dealLine is an event's deal in one line: "€1.7B ($1.97B) · Series C ·
// led by Sequoia", "Acme acquires Beta for $400M", "Lumen-3 70B"; empty
// when the event has no figures to show.
func dealLine(e news.Event) string {
	r := evRows([]news.Event{e})[0]
	amount := r.Amount
	if amount != "" && r.AmountUSD != "" {
		amount += " (" + r.AmountUSD + ")"
	}
	var parts []string
	switch e.Type {
	case news.EventFunding, news.EventIPO:
		parts = append(parts, amount, r.Round)
		if r.Detail != "" {
			parts = append(parts, "led by "+r.Detail)
		}
	case news.EventAcquisition:
		d := r.Detail
		if amount != "" {
			d = strings.TrimSpace(d + " for " + amount)
		}
		parts = append(parts, d)
	case news.EventModelRelease:
		parts = append(parts, r.Detail)
	}
	var out []string
	for _, p := range parts {
		if p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, " · ")
}
