// Package web serves aitracker's HTTP API and HTML pages: for now the
// search page, GET /api/search, and the events and companies API, with the
// same JSON as the CLI. Pages
// are server-rendered with html/template and work without JavaScript;
// assets are embedded. Every response carries a strict Content-Security-
// Policy; every search has a deadline.
package web

import (
	"context"
	"embed"
	"encoding/json"
	"errors"
	"html/template"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/aitracker/aitracker/digest"
	"github.com/aitracker/aitracker/index"
	"github.com/aitracker/aitracker/store"
)

//go:embed templates/*.html static/*
var assets embed.FS

// SearchTimeout bounds every search.
const SearchTimeout = 2 * time.Second

// Server holds what the handlers read.
type Server struct {
	Index *index.Index
	// Store serves events and companies.
	Store *store.Store
	// Resolve maps a company name or alias to its canonical name.
	Resolve func(string) string
	// Keys check unsubscribe tokens; nil turns unsubscribe links off.
	Keys *digest.Keys
	// AdminToken guards the write API; empty turns it off.
	AdminToken string
	Logger     *slog.Logger
	// Version is shown in the page footer.
	Version string

	pages *template.Template
}

// Handler returns the routes with their middleware.
func (s *Server) Handler() http.Handler {
	s.pages = template.Must(template.New("").Funcs(template.FuncMap{
		"date": func(t time.Time) string { return t.UTC().Format("2006-01-02") },
		"add":  func(a, b int) int { return a + b },
		// The index writes snippets as escaped text with <mark> around
		// matches and nothing else, so they are shown as HTML.
		"snippet": func(s string) template.HTML { return template.HTML(s) },
	}).ParseFS(assets, "templates/*.html"))
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", s.searchPage)
	mux.HandleFunc("GET /api/search", s.apiSearch)
	if s.Store != nil {
		mux.HandleFunc("GET /api/events", s.apiEvents)
		mux.HandleFunc("GET /api/events/{id}", s.apiEvent)
		mux.HandleFunc("GET /api/companies", s.apiCompanies)
		mux.HandleFunc("GET /api/companies/{name}", s.apiCompany)
		mux.HandleFunc("GET /events/{id}", s.eventPage)
		mux.HandleFunc("GET /u/{token}", s.unsubscribePage)
		mux.HandleFunc("POST /u/{token}", s.unsubscribe)
		mux.HandleFunc("GET /api/subscribers", s.admin(s.apiSubscribers))
		mux.HandleFunc("POST /api/subscribers", s.admin(s.apiAddSubscriber))
		mux.HandleFunc("DELETE /api/subscribers/{email}", s.admin(s.apiRemoveSubscriber))
	}
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Write([]byte("ok\n"))
	})
	mux.Handle("GET /static/", http.FileServerFS(assets))
	mux.HandleFunc("/", s.notFound)
	return secure(mux)
}

// NewHTTPServer wraps h with the server-side limits.
func NewHTTPServer(addr string, h http.Handler, log *slog.Logger) *http.Server {
	return &http.Server{
		Addr:              addr,
		Handler:           http.TimeoutHandler(h, 10*time.Second, "request timed out\n"),
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       10 * time.Second,
		WriteTimeout:      15 * time.Second,
		IdleTimeout:       60 * time.Second,
		MaxHeaderBytes:    16 << 10,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
}

// secure sets the headers every response carries.
func secure(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("X-Frame-Options", "DENY")
		r.Body = http.MaxBytesReader(w, r.Body, 1<<20)
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
	ctx, cancel := context.WithTimeout(ctx, SearchTimeout)
	defer cancel()
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
	s.Logger.Error("request failed", "path", r.URL.Path, "err", err)
	return http.StatusInternalServerError, "internal error"
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
	Result   *index.Result
	Error    string
	Prev     string
	Next     string
	From, To int
	Version  string
}

// searchPage is GET /: the search box and the hits.
func (s *Server) searchPage(w http.ResponseWriter, r *http.Request) {
	req, err := searchParams(r)
	view := searchView{Query: req.Query, Sort: req.Sort, Version: s.Version}
	code := http.StatusOK
	if err == nil {
		if req.Limit == 0 {
			req.Limit = 25
		}
		var res *index.Result
		res, err = s.search(r.Context(), req)
		if err == nil {
			view.Result = res
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
		}
	}
	if err != nil {
		code, view.Error = s.errorCode(r, err)
	}
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
