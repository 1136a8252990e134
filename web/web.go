package web

import (
	"context"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"net/url"
	"path"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"github.com/aitracker/aitracker/config"
	"github.com/aitracker/aitracker/digest"
	"github.com/aitracker/aitracker/index"
	"github.com/aitracker/aitracker/internal/clock"
	"github.com/aitracker/aitracker/store"
)

//go:embed templates/*.html static/*
var assets embed.FS

// SearchTimeout bounds every search: a query that would take longer is
// answered 503 "the search took too long", well before the handler
// timeout (DefaultTimeouts.Handler) would cut the request off.
const SearchTimeout = 2 * time.Second

// Server holds what the handlers read.
type Server struct {
	// Index is the index in use, which a rebuild can replace while the
	// server runs.
	Index *index.Live
	// Store serves events and companies.
	Store store.Store
	// Metrics are served at /metrics; made for the server when nil. Set
	// it to the Metrics the pipeline and the digest sender report to.
	Metrics *Metrics
	// Resolve maps a company name or alias to its canonical name.
	Resolve func(string) string
	// Keys check unsubscribe tokens; nil turns unsubscribe links off.
	Keys *digest.Keys
	// AdminToken guards the admin API (adding sources; listing, adding
	// and removing subscribers); empty turns it off.
	AdminToken string
	// Mailer sends subscription confirmations; nil when digests are off.
	Mailer Mailer
	// Taxonomy describes known companies on their pages.
	Taxonomy *config.Taxonomy
	// BaseURL is where the server is reached, for links in mail and feeds;
	// the request's host when empty.
	BaseURL string
	Logger  *slog.Logger
	// Version is shown in the page footer.
	Version string

	pages   *template.Template
	metrics *metrics
	// adminFailures limits wrong admin tokens per client address.
	adminFailures failures
	// clock tells the time for tokens, the admin limit, feeds and the
	// "this week" of the pages; the machine's when nil.
	clock clock.Clock
	// searchTimeout replaces SearchTimeout when not zero; when negative,
	// every search starts past its deadline.
	searchTimeout time.Duration
}

// Handler returns the routes with their middleware.
func (s *Server) Handler() http.Handler {
	s.pages = template.Must(template.New("").Funcs(template.FuncMap{
		"date":  humanDate,
		"label": label,
		"add":   func(a, b int) int { return a + b },
		"usd":   money,
		"list":  func(v ...string) []string { return v },
		"head": func(title string, feeds ...[]link) headView {
			h := headView{Title: title}
			for _, f := range feeds {
				h.Feeds = append(h.Feeds, f...)
			}
			return h
		},
		// The index writes snippets as escaped text with <mark> around
		// matches and nothing else, so they are shown as HTML.
		"snippet": func(s string) template.HTML { return template.HTML(s) },
	}).ParseFS(assets, "templates/*.html"))
	mux := http.NewServeMux()
	handle := func(pattern string, h http.HandlerFunc) {
		mux.Handle(pattern, s.metrics.instrument(pattern, s.Logger, h))
	}
	s.metrics = s.Metrics
	if s.metrics == nil {
		s.metrics = NewMetrics(s.Store, s.Index)
	}
	handle("GET /{$}", s.searchPage)
	handle("GET /api/search", s.apiSearch)
	handle("GET /feed.atom", s.feedAtom)
	handle("GET /feed.rss", s.feedRSS)
	handle("GET /feed.json", s.feedJSON)
	if s.Store != nil {
		handle("GET /events", s.eventsPage)
		handle("GET /events/{id}", s.eventPage)
		handle("GET /events/feed.atom", s.eventsFeed("atom"))
		handle("GET /events/feed.rss", s.eventsFeed("rss"))
		handle("GET /events/feed.json", s.eventsFeed("json"))
		handle("GET /events/{id}/feed.atom", s.eventFeed("atom"))
		handle("GET /events/{id}/feed.rss", s.eventFeed("rss"))
		handle("GET /events/{id}/feed.json", s.eventFeed("json"))
		handle("GET /companies", s.companiesPage)
		handle("GET /companies/{name}", s.companyPage)
		handle("GET /map", s.mapPage)
		handle("GET /charts", s.chartsPage)
		handle("GET /charts/funding.svg", s.fundingChart)
		handle("GET /charts/events.svg", s.eventsChart)
		handle("GET /sources", s.sourcesPage)
		handle("GET /api/events", s.apiEvents)
		handle("GET /api/events/{id}", s.apiEvent)
		handle("GET /api/companies", s.apiCompanies)
		handle("GET /api/companies/{name}", s.apiCompanyView)
		handle("GET /api/map", s.apiMap)
		handle("GET /api/charts", s.apiCharts)
		handle("GET /api/sources", s.apiSources)
		handle("POST /api/sources", s.admin(s.apiAddSource))
		handle("POST /subscribe", s.subscribe)
		handle("GET /confirm/{token}", s.confirmPage)
		handle("POST /confirm/{token}", s.confirm)
		handle("GET /u/{token}", s.unsubscribePage)
		handle("POST /u/{token}", s.unsubscribe)
		handle("GET /api/subscribers", s.admin(s.apiSubscribers))
		handle("POST /api/subscribers", s.admin(s.apiAddSubscriber))
		handle("DELETE /api/subscribers/{email}", s.admin(s.apiRemoveSubscriber))
	}
	handle("GET /api/openapi.json", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		http.ServeFileFS(w, r, assets, "static/openapi.json")
	})
	mux.Handle("GET /metrics", s.metrics.handler())
	handle("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Write([]byte("ok\n"))
	})
	mux.HandleFunc("GET /favicon.ico", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusNoContent) })
	// Files only: a folder's path is not found, never listed.
	files := http.FileServerFS(assets)
	mux.HandleFunc("GET /static/", func(w http.ResponseWriter, r *http.Request) {
		if f, err := fs.Stat(assets, strings.TrimPrefix(path.Clean(r.URL.Path), "/")); err != nil || f.IsDir() {
			s.notFound(w, r)
			return
		}
		files.ServeHTTP(w, r)
	})
	mux.HandleFunc("/", s.notFound)
	return secure(s.recoverPanics(limitBody(mux)))
}

// recoverPanics answers 500 to a request whose handler panicked, and
// logs the panic once with its stack: one bad request neither drops the
// connection without an answer nor goes unnoticed. A panic after the
// answer has begun can only cut that answer off.
func (s *Server) recoverPanics(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		tw := &trackingWriter{ResponseWriter: w}
		defer func() {
			v := recover()
			if v == nil {
				return
			}
			if v == http.ErrAbortHandler {
				panic(v)
			}
			s.Logger.Error("request panicked", "path", logPath(r), "panic", fmt.Sprint(v), "stack", string(debug.Stack()))
			if tw.wrote {
				panic(http.ErrAbortHandler)
			}
			if strings.HasPrefix(r.URL.Path, "/api/") {
				writeJSON(w, http.StatusInternalServerError, map[string]string{"error": "internal error"})
				return
			}
			s.render(w, http.StatusInternalServerError, "error.html", map[string]any{
				"Title": "Something went wrong", "Message": "The page could not be made; the error is in the server's log.", "Version": s.Version})
		}()
		next.ServeHTTP(tw, r)
	})
}

// trackingWriter remembers whether the answer has begun.
type trackingWriter struct {
	http.ResponseWriter
	wrote bool
}

func (w *trackingWriter) WriteHeader(code int) {
	w.wrote = true
	w.ResponseWriter.WriteHeader(code)
}

func (w *trackingWriter) Write(b []byte) (int, error) {
	w.wrote = true
	return w.ResponseWriter.Write(b)
}

func (w *trackingWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// secure sets the headers every response carries.
func secure(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("X-Frame-Options", "DENY")
		next.ServeHTTP(w, r)
	})
}

// searchParams reads q, sort, limit and offset (or page) from the URL.
func searchParams(r *http.Request) (index.Request, error) {
	v := r.URL.Query()
	req := index.Request{Query: v.Get("q"), Sort: v.Get("sort"), Facets: flag(v.Get("facets")), Collapse: flag(v.Get("collapse"))}
	for _, p := range []struct {
		name string
		dst  *int
	}{{"limit", &req.Limit}, {"offset", &req.Offset}} {
		if s := v.Get(p.name); s != "" {
			n, err := strconv.Atoi(s)
			if err != nil || n < 0 {
				return req, &index.QueryError{Query: req.Query, Msg: p.name + " must be a non-negative number"}
			}
			*p.dst = n
		}
	}
	return req, nil
}

// flag reads a yes/no URL parameter.
func flag(v string) bool {
	switch strings.ToLower(v) {
	case "1", "true", "yes", "on":
		return true
	}
	return false
}

func (s *Server) search(ctx context.Context, req index.Request) (*index.Result, error) {
	timeout := SearchTimeout
	if s.searchTimeout != 0 {
		timeout = s.searchTimeout
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	req.Resolve = s.Resolve
	return s.Index.Search(ctx, req)
}

// apiSearch is GET /api/search: the same JSON as `aitracker search --json`.
func (s *Server) apiSearch(w http.ResponseWriter, r *http.Request) {
	req, err := searchParams(r)
	if err == nil {
		var res *index.Result
		res, err = s.search(r.Context(), req)
		if err == nil {
			writeJSON(w, http.StatusOK, res)
			return
		}
	}
	code, msg := s.errorCode(r, err)
	writeJSON(w, code, map[string]string{"error": msg})
}

// errorCode maps an error to a status and a message for users; details
// go to the log.
func (s *Server) errorCode(r *http.Request, err error) (int, string) {
	var qe *index.QueryError
	switch {
	case errors.As(err, &qe):
		return http.StatusBadRequest, qe.Error()
	case errors.Is(err, index.ErrTimeout):
		return http.StatusServiceUnavailable, "the search took too long; narrow it down"
	}
	s.Logger.Error("request failed", "path", logPath(r), "err", err)
	return http.StatusInternalServerError, "internal error"
}

// logPath is the request's path for the log: its route pattern when the
// path holds a token or an address ("POST /u/{token}"), so that neither
// reaches the log.
func logPath(r *http.Request) string {
	if strings.Contains(r.Pattern, "{token}") || strings.Contains(r.Pattern, "{email}") {
		return r.Pattern
	}
	return r.URL.Path
}

func writeJSON(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(code)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.Encode(v)
}

type searchView struct {
	Query    string
	Sort     string
	All      bool // every report, not one per story
	Result   *index.Result
	Facets   []facetView
	Error    string
	Prev     string
	Next     string
	From, To int
	Version  string
	// Toggle switches between one hit per story and every report.
	Toggle string
	// Feeds are the search as Atom, RSS and JSON Feed.
	Feeds []link
	// Subscribe is true when digests can be subscribed to here.
	Subscribe bool
	// Empty says why nothing is searchable yet, when nothing is.
	Empty *emptyView
	// Deals are the deal lines of the hits' events, by event.
	Deals map[int64]string
}

// emptyView is the first page of a tracker with nothing ingested: why,
// and where to go.
type emptyView struct {
	Reason string
	// Failed lists the sources' failures in plain words, a few of them.
	Failed []string
	More   int // failures not listed
}

// nothingIndexed reports, for a query that found nothing, whether the
// index holds nothing at all (a query of no words answers that from the
// filter table).
func (s *Server) nothingIndexed(ctx context.Context, q string) bool {
	if strings.TrimSpace(q) == "" {
		return true
	}
	res, err := s.search(ctx, index.Request{Limit: 1})
	return err == nil && res.Total == 0
}

// emptyState says why a tracker has nothing to search: no pass has
// finished yet, or every source failed (no network?).
func (s *Server) emptyState(ctx context.Context) *emptyView {
	v := &emptyView{Reason: "Nothing has been ingested yet: the first pass has not finished."}
	if s.Store == nil {
		return v
	}
	srcs, err := s.Store.Sources(ctx)
	if err != nil {
		return v
	}
	if len(srcs) == 0 {
		v.Reason = "Nothing has been ingested yet, and no source is configured."
		return v
	}
	tried, failed := 0, 0
	for _, src := range srcs {
		if src.LastAttemptAt.IsZero() {
			continue
		}
		tried++
		if src.LastSuccessAt.IsZero() && src.LastError != "" {
			failed++
			if len(v.Failed) < 5 {
				why := src.LastErrorPlain
				if why == "" {
					why = src.LastError
				}
				v.Failed = append(v.Failed, src.Name+": "+why)
			}
		}
	}
	v.More = failed - len(v.Failed)
	switch {
	case tried > 0 && failed == tried:
		v.Reason = fmt.Sprintf("Nothing has been ingested yet: every source tried so far failed (%d of %d). With no network, or a DNS problem, that is what happens.", failed, len(srcs))
	case tried > 0:
		v.Reason = fmt.Sprintf("Nothing has been ingested yet: %d of %d sources were read and had no articles, or the pass is still running.", tried-failed, len(srcs))
	}
	return v
}

type facetView struct {
	Title  string
	Values []facetValue
}

type facetValue struct {
	Value, URL string
	// Label is what a person reads for Value: "Model release" for
	// model_release; Value itself for names.
	Label string
	Count int
}

type link struct{ Name, URL, Type string }

// headView is what the page head shows: the title, and the feeds a feed
// reader given the page's address discovers.
type headView struct {
	Title string
	Feeds []link
}

// facetFilters name the query filter each facet adds, with its title.
var facetFilters = []struct{ facet, filter, title string }{
	{"event_type", "type", "Event"},
	{"layer", "layer", "Layer"},
	{"companies", "company", "Company"},
	{"source", "source", "Source"},
	{"lang", "lang", "Language"},
	{"month", "month", "Month"},
}

// withFilter adds field:value to a query, quoting the value when needed.
func withFilter(q, field, value string) string {
	if strings.ContainsAny(value, " \t\"():") || value == "" {
		value = strconv.Quote(value)
	}
	f := field + ":" + value
	if strings.Contains(q, f) {
		return q
	}
	return strings.TrimSpace(q + " " + f)
}

// searchPage is GET /: the search box, facets and hits. The URL holds the
// whole state (q, sort, all, offset), so a search can be bookmarked.
func (s *Server) searchPage(w http.ResponseWriter, r *http.Request) {
	req, err := searchParams(r)
	all := flag(r.URL.Query().Get("all"))
	req.Collapse, req.Facets = !all, true
	view := searchView{Query: req.Query, Sort: req.Sort, All: all, Version: s.Version, Subscribe: s.Mailer != nil}
	code := http.StatusOK
	if err == nil {
		if req.Limit == 0 {
			req.Limit = 25
		}
		var res *index.Result
		res, err = s.search(r.Context(), req)
		if err == nil {
			view.Result = res
			view.Deals = s.deals(r.Context(), res.Hits)
			view.From = req.Offset + 1
			view.To = req.Offset + len(res.Hits)
			page := func(off int) string {
				q := r.URL.Query()
				q.Set("offset", strconv.Itoa(off))
				return "/?" + q.Encode()
			}
			if req.Offset > 0 {
				view.Prev = page(max(0, req.Offset-req.Limit))
			}
			if uint64(req.Offset+len(res.Hits)) < res.Total {
				view.Next = page(req.Offset + req.Limit)
			}
			for _, ff := range facetFilters {
				fv := facetView{Title: ff.title}
				for i, f := range res.Facets[ff.facet] {
					if i == 12 {
						break
					}
					q := url.Values{"q": {withFilter(req.Query, ff.filter, f.Value)}}
					if req.Sort != "" {
						q.Set("sort", req.Sort)
					}
					if all {
						q.Set("all", "1")
					}
					fl := f.Value
					if ff.facet == "event_type" || ff.facet == "layer" {
						fl = label(f.Value)
					}
					fv.Values = append(fv.Values, facetValue{Value: f.Value, Label: fl, Count: f.Count, URL: "/?" + q.Encode()})
				}
				if len(fv.Values) > 0 {
					view.Facets = append(view.Facets, fv)
				}
			}
		}
	}
	if err != nil {
		code, view.Error = s.errorCode(r, err)
	} else if view.Result != nil && view.Result.Total == 0 && s.nothingIndexed(r.Context(), req.Query) {
		view.Empty = s.emptyState(r.Context())
	}
	t := r.URL.Query()
	t.Del("offset")
	if all {
		t.Del("all")
	} else {
		t.Set("all", "1")
	}
	view.Toggle = "/?" + t.Encode()
	view.Feeds = pageFeeds("/feed", url.Values{"q": {req.Query}}.Encode())
	s.render(w, code, "search.html", view)
}

func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	s.render(w, http.StatusNotFound, "error.html", map[string]any{
		"Title": "Not found", "Message": "There is no page at " + r.URL.Path, "Version": s.Version,
	})
}

func (s *Server) render(w http.ResponseWriter, code int, name string, data any) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(code)
	if err := s.pages.ExecuteTemplate(w, name, data); err != nil {
		s.Logger.Error("render failed", "template", name, "err", err)
	}
}
