package demo

import (
	"bytes"
	"context"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"net"
	"net/http"
	"path"
	"strings"
	"sync"
	texttemplate "text/template"
	"time"

	"github.com/aitracker/aitracker/config"
	"github.com/aitracker/aitracker/ingest/feed"
)

//go:embed feeds/*
var feedFiles embed.FS

// feedInfo describes one bundled feed.
type feedInfo struct {
	file, name, lang, contentType, dateFormat string
}

var feeds = []feedInfo{
	{"ai-wire.rss.xml", "Demo AI Wire", "en", "application/rss+xml; charset=utf-8", time.RFC1123Z},
	{"deal-desk.atom.xml", "Demo Deal Desk", "en", "application/atom+xml; charset=utf-8", time.RFC3339},
	{"zhineng-kuaibao.rss.xml", "演示·智能快报", "zh", "application/rss+xml; charset=utf-8", time.RFC1123Z},
	{"lab-notes.feed.json", "Demo Lab Notes", "en", "application/feed+json; charset=utf-8", time.RFC3339},
}

// Server serves the sample feeds on a loopback port.
type Server struct {
	base string
	srv  *http.Server
	ln   net.Listener
	wg   sync.WaitGroup
	now  func() time.Time

	mu    sync.Mutex
	items map[string]feed.Item // article slug → item, for the article pages
}

// Options say where the server listens and what its items' ages count
// back from. The zero value is any free port and now.
type Options struct {
	// Addr is the loopback address ("127.0.0.1:41234") to try first; a
	// free port is used when it is empty or taken.
	Addr string
	// Now is the instant the items' ages count back from. A demo that
	// keeps its data passes the same instant at every start, so that the
	// feeds it serves are the same and re-ingesting them writes nothing.
	Now time.Time
}

// Start listens on 127.0.0.1 (any free port) and serves the feeds, dated
// back from now.
func Start() (*Server, error) { return StartWith(Options{}) }

// StartWith starts the server as o says.
func StartWith(o Options) (*Server, error) {
	var ln net.Listener
	var err error
	if o.Addr != "" {
		if host, _, herr := net.SplitHostPort(o.Addr); herr == nil && host == "127.0.0.1" {
			ln, err = net.Listen("tcp", o.Addr)
		}
	}
	if ln == nil {
		ln, err = net.Listen("tcp", "127.0.0.1:0")
	}
	if err != nil {
		return nil, fmt.Errorf("demo: listen: %w", err)
	}
	now := time.Now
	if !o.Now.IsZero() {
		anchor := o.Now
		now = func() time.Time { return anchor }
	}
	s := &Server{base: "http://" + ln.Addr().String(), ln: ln, now: now}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /feeds/{name}", s.serveFeed)
	mux.HandleFunc("GET /articles/{slug}", s.serveArticle)
	s.srv = &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	// Serve returns http.ErrServerClosed after Close; any other error
	// makes every fetch from the demo fail, which the ingestion summary
	// reports.
	s.wg.Go(func() { s.srv.Serve(ln) })
	return s, nil
}

// Base is the server's URL, e.g. http://127.0.0.1:41234.
func (s *Server) Base() string { return s.base }

// Addr is the address the server listens on, e.g. 127.0.0.1:41234.
func (s *Server) Addr() string { return s.ln.Addr().String() }

// Close stops the server and waits for it.
func (s *Server) Close() error {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	err := s.srv.Shutdown(ctx)
	s.wg.Wait()
	return err
}

// Sources are the configured sources pointing at the server.
func (s *Server) Sources() []config.Source {
	out := make([]config.Source, 0, len(feeds))
	for _, f := range feeds {
		out = append(out, config.Source{Name: f.name, URL: s.base + "/feeds/" + f.file, Kind: "feed", Lang: f.lang})
	}
	return out
}

// Render returns a feed file with its dates computed from now and its
// links pointing at base.
func Render(file, base string, now time.Time) ([]byte, error) {
	var info *feedInfo
	for i := range feeds {
		if feeds[i].file == file {
			info = &feeds[i]
		}
	}
	if info == nil {
		return nil, fs.ErrNotExist
	}
	src, err := feedFiles.ReadFile("feeds/" + file)
	if err != nil {
		return nil, err
	}
	t, err := texttemplate.New(file).Funcs(texttemplate.FuncMap{
		"ago": func(hours int) string {
			return now.Add(-time.Duration(hours) * time.Hour).UTC().Format(info.dateFormat)
		},
		"base": func() string { return base },
	}).Parse(string(src))
	if err != nil {
		return nil, fmt.Errorf("demo: %s: %w", file, err)
	}
	var b bytes.Buffer
	if err := t.Execute(&b, nil); err != nil {
		return nil, fmt.Errorf("demo: %s: %w", file, err)
	}
	return b.Bytes(), nil
}

func (s *Server) serveFeed(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("name")
	body, err := Render(name, s.base, s.now())
	if err != nil {
		http.NotFound(w, r)
		return
	}
	for _, f := range feeds {
		if f.file == name {
			w.Header().Set("Content-Type", f.contentType)
		}
	}
	w.Write(body)
}

var articlePage = template.Must(template.New("article").Parse(`<!doctype html>
<html lang="{{.Lang}}"><head><meta charset="utf-8"><title>{{.Title}}</title></head>
<body><article><h1>{{.Title}}</h1><p><time datetime="{{.Date}}">{{.Date}}</time></p><p>{{.Summary}}</p>
<p><small>A sample item bundled with the aitracker demo: paraphrased or invented, not a real article.</small></p></article></body></html>
`))

func (s *Server) serveArticle(w http.ResponseWriter, r *http.Request) {
	item, ok := s.item(r.PathValue("slug"))
	if !ok {
		http.NotFound(w, r)
		return
	}
	lang := "en"
	for _, r := range item.Title {
		if r >= 0x4e00 && r <= 0x9fff {
			lang = "zh"
			break
		}
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	articlePage.Execute(w, map[string]string{
		"Title": item.Title, "Summary": item.Summary, "Lang": lang, "Date": item.Published.Format("2006-01-02"),
	})
}

// item finds the feed item whose link ends in slug.
func (s *Server) item(slug string) (feed.Item, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.items == nil {
		s.items = map[string]feed.Item{}
		for _, f := range feeds {
			body, err := Render(f.file, s.base, s.now())
			if err != nil {
				continue
			}
			parsed, err := feed.Parse(body, "", s.base+"/feeds/"+f.file)
			if err != nil {
				continue
			}
			for _, it := range parsed.Items {
				s.items[path.Base(it.Link)] = it
			}
		}
	}
	it, ok := s.items[strings.TrimSpace(slug)]
	return it, ok
}
