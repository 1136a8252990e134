package main

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/aitracker/aitracker/config"
	"github.com/aitracker/aitracker/news"
)

// cmdSources lists sources with their health, or imports and exports
// them as OPML.
func cmdSources(ctx context.Context, e *env, args []string) error {
	d := newDataCmd(e, "sources")
	asJSON := d.jsonFlag("print the sources as JSON")
	d.creates = true // sources can be imported before the first pass
	a, err := d.open(ctx, args, storeOnly)
	if err != nil {
		return err
	}
	defer a.Close()
	cfg := d.cfg
	switch {
	case d.NArg() == 0:
	case d.Arg(0) == "import" && d.NArg() == 2:
		list, err := readOPML(d.Arg(1))
		if err != nil {
			return err
		}
		added, err := a.st.ImportSources(ctx, list, "opml")
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "%d sources in %s, %d new; they are fetched from the next pass on\n", len(list), d.Arg(1), added)
		return nil
	case d.Arg(0) == "enable" && d.NArg() == 2:
		ok, err := a.st.EnableSource(ctx, d.Arg(1))
		if err != nil {
			return err
		}
		if !ok {
			return fmt.Errorf("no source named %q", d.Arg(1))
		}
		fmt.Fprintf(e.stdout, "%s enabled; it is fetched from the next pass on\n", d.Arg(1))
		return nil
	case d.Arg(0) == "export" && d.NArg() == 1:
		list, err := a.st.SyncSources(ctx, sourcesOf(cfg))
		if err != nil {
			return err
		}
		return writeOPML(e.stdout, list)
	default:
		return usageError{"want: sources, sources import FILE.opml, sources export, or sources enable SOURCE"}
	}
	stored, err := a.st.Sources(ctx)
	if err != nil {
		return err
	}
	// Configured sources not fetched yet still show, as never tried.
	known := map[string]bool{}
	for _, s := range stored {
		known[s.URL] = true
	}
	for _, s := range sourcesOf(cfg) {
		if !known[s.URL] {
			s.Origin = "config"
			stored = append(stored, s)
		}
	}
	return sourceList.print(e.stdout, stored, *asJSON)
}

// sourceList lists the sources with their fetch health; --json prints a
// row of it per source.
var sourceList = listing[news.Source]{row: sourceLine, key: "sources",
	header: "NAME\tSTATUS\tLAST SUCCESS\tFAILURES\tNEW 7D\tARTICLES\t304s\tLAST ERROR",
	json:   func(list []news.Source) any { return sourceRows(list) }}

// sourceLine is one row of the sourceList table.
func sourceLine(s news.Source) string {
	r := sourceRow(s)
	errText := r.LastError
	if r.LastErrorPlain != "" {
		errText = r.LastErrorPlain // the error itself is in --json
	}
	when := "never"
	if !s.LastSuccessAt.IsZero() {
		when = s.LastSuccessAt.Local().Format("2006-01-02 15:04")
	}
	share := "-"
	if s.Fetches > 0 {
		share = fmt.Sprintf("%d%%", r.NotModifiedShare)
	}
	return fmt.Sprintf("%s\t%s\t%s\t%d\t%d\t%d\t%s\t%s", s.Name, r.Status, when, s.ConsecutiveFailures, s.New7d, s.ArticleCount, share, clip(errText, 80))
}

// row is one source in `sources --json`.
type row struct {
	Name                string    `json:"name"`
	URL                 string    `json:"url"`
	Kind                string    `json:"kind"`
	Lang                string    `json:"lang"`
	Origin              string    `json:"origin"`
	Enabled             bool      `json:"enabled"`
	Status              string    `json:"status"`
	Flagged             bool      `json:"flagged"`
	LastAttempt         time.Time `json:"last_attempt,omitzero"`
	LastSuccess         time.Time `json:"last_success,omitzero"`
	LastError           string    `json:"last_error"`
	ErrorKind           string    `json:"error_kind,omitempty"` // transient or permanent, while failing
	LastErrorPlain      string    `json:"last_error_plain,omitempty"`
	ConsecutiveFailures int       `json:"consecutive_failures"`
	NextCheck           time.Time `json:"next_check,omitzero"`
	Articles            int       `json:"articles"`
	New7d               int       `json:"new_7d"`
	Fetches             int       `json:"fetches"`
	NotModifiedShare    int       `json:"not_modified_percent"`
}

func sourceRow(s news.Source) row {
	r := row{Name: s.Name, URL: s.URL, Kind: string(s.Kind), Lang: s.Lang, Origin: s.Origin, Enabled: s.Enabled,
		Flagged: s.Flagged(), LastAttempt: s.LastAttemptAt, LastSuccess: s.LastSuccessAt, LastError: s.LastError,
		ConsecutiveFailures: s.ConsecutiveFailures, NextCheck: s.NextCheckAt, Articles: s.ArticleCount, New7d: s.New7d,
		Fetches: s.Fetches}
	if s.Fetches > 0 {
		r.NotModifiedShare = 100 * s.NotModified / s.Fetches
	}
	switch {
	case s.DisabledReason != "":
		r.Status = "DISABLED: " + s.DisabledReason
	case !s.Enabled && s.ID != 0:
		r.Status = "removed"
	case s.Flagged():
		r.Status = "FLAGGED"
	case s.ConsecutiveFailures > 0:
		r.Status = "failing"
	case s.LastAttemptAt.IsZero():
		r.Status = "new"
	default:
		r.Status = "ok"
	}
	if s.ConsecutiveFailures > 0 && s.LastErrorKind != "" {
		// A permanent error waits longer than a transient one: say which.
		r.ErrorKind = s.LastErrorKind
		r.Status += ", " + s.LastErrorKind + " error"
	}
	if s.ConsecutiveFailures > 0 {
		r.LastErrorPlain = s.LastErrorPlain
	}
	if s.ConsecutiveFailures > 0 && s.NextCheckAt.After(time.Now()) {
		r.Status += ", retry " + s.NextCheckAt.Local().Format("Jan 2 15:04")
	}
	return r
}

func sourceRows(list []news.Source) []row {
	out := make([]row, 0, len(list))
	for _, s := range list {
		out = append(out, sourceRow(s))
	}
	return out
}

// opml is the part of OPML 2.0 that lists feeds.
type opml struct {
	XMLName xml.Name `xml:"opml"`
	Version string   `xml:"version,attr"`
	Head    struct {
		Title       string `xml:"title"`
		DateCreated string `xml:"dateCreated,omitempty"`
	} `xml:"head"`
	Body struct {
		Outlines []outline `xml:"outline"`
	} `xml:"body"`
}

type outline struct {
	Text     string    `xml:"text,attr"`
	Title    string    `xml:"title,attr,omitempty"`
	Type     string    `xml:"type,attr,omitempty"`
	XMLURL   string    `xml:"xmlUrl,attr,omitempty"`
	HTMLURL  string    `xml:"htmlUrl,attr,omitempty"`
	Language string    `xml:"language,attr,omitempty"`
	Children []outline `xml:"outline"`
}

// readOPML reads the feeds of an OPML file, nested folders included. A
// feed with a bad URL is an error naming it; nothing is imported then.
func readOPML(path string) ([]news.Source, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var doc opml
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.Strict = false
	if err := dec.Decode(&doc); err != nil {
		var se *xml.SyntaxError
		if errors.As(err, &se) {
			return nil, fmt.Errorf("%s:%d: not OPML: %s", path, se.Line, se.Msg)
		}
		if errors.Is(err, io.EOF) {
			return nil, fmt.Errorf("%s: empty file", path)
		}
		return nil, fmt.Errorf("%s: not OPML: %v", path, err)
	}
	var out []news.Source
	var errs []error
	seen := map[string]bool{}
	var walk func([]outline)
	walk = func(list []outline) {
		for _, o := range list {
			walk(o.Children)
			if strings.TrimSpace(o.XMLURL) == "" {
				continue
			}
			u := strings.TrimSpace(o.XMLURL)
			name := strings.TrimSpace(o.Title)
			if name == "" {
				name = strings.TrimSpace(o.Text)
			}
			if name == "" {
				name = u
			}
			if err := config.CheckSourceURL(u); err != nil {
				errs = append(errs, fmt.Errorf("%s: outline %q: %v", path, name, err))
				continue
			}
			if seen[u] {
				continue
			}
			seen[u] = true
			lang := ""
			switch l := strings.ToLower(o.Language); {
			case strings.HasPrefix(l, "zh"):
				lang = "zh"
			case strings.HasPrefix(l, "en"):
				lang = "en"
			}
			out = append(out, news.Source{Name: name, URL: u, Kind: news.KindFeed, Lang: lang})
		}
	}
	walk(doc.Body.Outlines)
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s: no feeds (outlines with an xmlUrl) found", path)
	}
	return out, nil
}

// writeOPML writes the enabled feed sources as OPML 2.0.
func writeOPML(w io.Writer, list []news.Source) error {
	var doc opml
	doc.Version = "2.0"
	doc.Head.Title = "aitracker sources"
	doc.Head.DateCreated = time.Now().UTC().Format(time.RFC1123Z)
	for _, s := range list {
		if !s.Enabled || s.Kind == news.KindHTML {
			continue
		}
		doc.Body.Outlines = append(doc.Body.Outlines, outline{Text: s.Name, Title: s.Name, Type: "rss", XMLURL: s.URL, Language: s.Lang})
	}
	io.WriteString(w, xml.Header)
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}
