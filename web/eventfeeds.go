package web

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/aitracker/aitracker/news"
	"github.com/aitracker/aitracker/query"
	"github.com/aitracker/aitracker/store"
)

// The events list and each event are feeds too: GET /events/feed.atom
// (.rss, .json) with the filters of the events page gives its newest 50
// events, each with its deal; GET /events/{id}/feed.atom gives the
// reports of one event as they come in.

// eventsFeedDoc is the events list's feed for the filter f, read from q.
func (s *Server) eventsFeedDoc(r *http.Request, q url.Values, f store.EventFilter) (feedDoc, error) {
	f.Limit = feedItems
	base := s.baseURL(r)
	title := "aitracker: events"
	if d := describeFilter(q); d != "" {
		title += " (" + d + ")"
	}
	d := feedDoc{Title: title, Home: base + "/events?" + q.Encode(), Self: base + "/events/feed", Query: q.Encode(),
		Description: "The newest events aitracker merged from its sources, with their deals.", Updated: s.now().UTC()}
	evs, err := s.Store.Events(r.Context(), f)
	if err != nil {
		return d, err
	}
	for _, e := range evs {
		row := evRows([]news.Event{e})[0]
		page := base + "/events/" + strconv.FormatInt(e.ID, 10)
		text := row.Type + " · " + row.Layer + " · first reported " + row.Date + " · " + strconv.Itoa(e.Sources) + " source"
		if e.Sources != 1 {
			text += "s"
		}
		if e.Status == news.StatusRumored {
			text += " · rumoured"
		}
		it := feedItem{ID: "urn:aitracker:event:" + strconv.FormatInt(e.ID, 10), Title: row.Title, URL: page, Event: page,
			Author: "aitracker", Published: e.Date, Updated: e.Updated, Deal: dealLine(e), Text: text}
		if it.Updated.Before(it.Published) {
			it.Updated = it.Published
		}
		if e.PrimaryCompany != "" {
			it.Tags = []string{e.PrimaryCompany}
		}
		d.Items = append(d.Items, it)
	}
	return d, nil
}

// describeFilter names the events page's filters for a feed's title:
// "type=funding, layer=model".
func describeFilter(q url.Values) string {
	var parts []string
	for _, k := range []string{"type", "layer", "company", "since", "until", "min_amount"} {
		if v := q.Get(k); v != "" {
			parts = append(parts, k+"="+v)
		}
	}
	return strings.Join(parts, ", ")
}

// eventsFeed is GET /events/feed.{atom,rss,json}.
func (s *Server) eventsFeed(ext string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		f, err := query.EventFilter(func(n string) []string { return q[n] }, s.now().UTC(), s.resolve)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		d, err := s.eventsFeedDoc(r, q, f)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		s.writeFeed(w, r, ext, d)
	}
}

// eventFeedDoc is one event's feed: its reports, newest first.
func (s *Server) eventFeedDoc(r *http.Request, e news.Event) feedDoc {
	base := s.baseURL(r)
	page := base + "/events/" + strconv.FormatInt(e.ID, 10)
	row := evRows([]news.Event{e})[0]
	d := feedDoc{Title: "aitracker: " + row.Title, Home: page, Self: page + "/feed",
		Description: "Every report of this event as aitracker finds it.", Updated: e.Updated}
	if d.Updated.IsZero() {
		d.Updated = s.now().UTC()
	}
	deal := dealLine(e)
	for i := len(e.Articles) - 1; i >= 0; i-- {
		a := e.Articles[i]
		it := feedItem{ID: articleURN(a.ID), Title: a.Title, Author: a.Source, Published: a.Published, Updated: a.Published,
			Event: page, Deal: deal, Text: "Reported by " + a.Source + "."}
		if safeURL(a.URL) {
			it.URL = a.URL
		}
		d.Items = append(d.Items, it)
	}
	return d
}

// eventFeed is GET /events/{id}/feed.{atom,rss,json}.
func (s *Server) eventFeed(ext string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
		var e news.Event
		if err == nil {
			e, err = s.Store.Event(r.Context(), id)
		}
		if err != nil {
			if errors.Is(err, store.ErrNotFound) || errors.Is(err, strconv.ErrSyntax) || errors.Is(err, strconv.ErrRange) {
				s.notFound(w, r)
				return
			}
			s.fail(w, r, err)
			return
		}
		s.writeFeed(w, r, ext, s.eventFeedDoc(r, e))
	}
}

// pageFeeds are the Atom, RSS and JSON feeds at self (a path without the
// extension) with query, as a page links them in its head and body.
func pageFeeds(self, query string) []link {
	return feedLinks(feedDoc{Self: self, Query: query})
}
