package feed

import (
	"bytes"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/mmcdole/gofeed"

	"github.com/aitracker/aitracker/ingest/charset"
)

// ErrNotAFeed is returned for documents that are not RSS, Atom or JSON
// Feed, such as an HTML page served at the feed URL.
var ErrNotAFeed = errors.New("feed: not an RSS, Atom or JSON feed")

// Feed is a parsed feed.
type Feed struct {
	Title    string
	Link     string
	Language string
	Format   string // "rss", "atom" or "json"
	Encoding string // the charset the document was read in
	Items    []Item
}

// Item is one entry of a feed.
type Item struct {
	GUID    string
	Link    string // absolute
	Title   string // plain text
	Summary string // plain text of the description or summary
	Content string // plain text of the full content, when the feed carries it
	// Published is the item's date in UTC; zero when the feed gives none
	// that parses, or one before 1990 (the Unix epoch, year 1 and such
	// placeholders of feed generators).
	Published  time.Time
	Authors    []string
	Categories []string
}

// Parse parses a feed document. contentType is the HTTP Content-Type it
// was served with (may be empty), which with the document's own
// declaration decides its charset. baseURL is the URL it was fetched from
// (after redirects); relative links are resolved against it.
func Parse(data []byte, contentType, baseURL string) (*Feed, error) {
	decoded := charset.XML(data, contentType)
	data = legalChars(decoded.Text)
	trimmed := bytes.TrimSpace(data)
	if len(trimmed) == 0 {
		return nil, fmt.Errorf("%w: empty document", ErrNotAFeed)
	}
	if looksLikeHTML(trimmed) {
		return nil, fmt.Errorf("%w: got an HTML page", ErrNotAFeed)
	}
	entries := 0
	if trimmed[0] == '<' {
		// gofeed's cost grows with the nesting; JSON's decoder has its own
		// depth limit.
		var err error
		if entries, err = checkDepth(trimmed, maxDepth); err != nil {
			return nil, err
		}
	}
	var p gofeed.Parser
	f, err := p.Parse(bytes.NewReader(data))
	if entries > 0 && (err != nil || len(f.Items) < entries) {
		// A stray end tag or an unclosed one around the items makes the
		// lenient decoder end the channel early or hide the items inside
		// another element: gofeed then drops them without a word.
		if fixed, changed := repair(data); changed {
			if f2, err2 := p.Parse(bytes.NewReader(fixed)); err2 == nil && (err != nil || len(f2.Items) > len(f.Items)) {
				f, err = f2, nil
			}
		}
	}
	if err != nil {
		if errors.Is(err, gofeed.ErrFeedTypeNotDetected) {
			return nil, fmt.Errorf("%w: %v", ErrNotAFeed, err)
		}
		return nil, fmt.Errorf("feed: %v", err)
	}
	base, _ := url.Parse(baseURL)
	if base == nil || !base.IsAbs() {
		// Without a fetch URL, links are relative to the feed's own site.
		if fl, err := url.Parse(strings.TrimSpace(f.Link)); err == nil && fl.IsAbs() {
			base = fl
		} else {
			base = nil
		}
	}
	out := &Feed{
		Title:    charset.Clean(Text(f.Title)),
		Link:     resolve(base, f.Link),
		Language: charset.Clean(f.Language),
		Format:   f.FeedType,
		Encoding: decoded.Encoding,
	}
	out.Items = make([]Item, 0, len(f.Items))
	for _, it := range f.Items {
		if it == nil {
			continue
		}
		item := Item{
			GUID:    charset.Clean(strings.TrimSpace(it.GUID)),
			Link:    itemLink(base, it),
			Title:   charset.Clean(Text(it.Title)),
			Summary: charset.Clean(Text(it.Description)),
			Content: charset.Clean(Text(it.Content)),
		}
		switch {
		case it.PublishedParsed != nil:
			item.Published = plausible(*it.PublishedParsed)
		case it.UpdatedParsed != nil:
			item.Published = plausible(*it.UpdatedParsed)
		}
		for _, a := range it.Authors {
			if a != nil && strings.TrimSpace(a.Name) != "" {
				item.Authors = append(item.Authors, charset.Clean(a.Name))
			}
		}
		for _, c := range it.Categories {
			if c = charset.Clean(strings.TrimSpace(c)); c != "" {
				item.Categories = append(item.Categories, c)
			}
		}
		if item.Title == "" && item.Summary == "" && item.Content == "" && item.Link == "" {
			continue // nothing a reader could use
		}
		out.Items = append(out.Items, item)
	}
	return out, nil
}

// earliest is the first date taken for a news item's: earlier ones are
// placeholders such as the Unix epoch or year 1, or offsets gone wrong.
var earliest = time.Date(1990, 1, 1, 0, 0, 0, 0, time.UTC)

// plausible returns t in UTC, or the zero time when t is before earliest
// or past year 9999 (which JSON cannot write).
func plausible(t time.Time) time.Time {
	t = t.UTC()
	if t.Before(earliest) || t.Year() > 9999 {
		return time.Time{}
	}
	return t
}

func itemLink(base *url.URL, it *gofeed.Item) string {
	if l := resolve(base, it.Link); l != "" {
		return l
	}
	for _, l := range it.Links {
		if r := resolve(base, l); r != "" {
			return r
		}
	}
	// Some feeds put the permalink only in the GUID.
	if strings.HasPrefix(it.GUID, "http://") || strings.HasPrefix(it.GUID, "https://") {
		return resolve(base, it.GUID)
	}
	return ""
}

// resolve makes ref absolute against base; it returns "" for references
// that are not http(s) once resolved.
func resolve(base *url.URL, ref string) string {
	ref = strings.TrimSpace(ref)
	if ref == "" {
		return ""
	}
	u, err := url.Parse(ref)
	if err != nil {
		return ""
	}
	if base != nil {
		u = base.ResolveReference(u)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return ""
	}
	return u.String()
}

func looksLikeHTML(b []byte) bool {
	head := b
	if len(head) > 512 {
		head = head[:512]
	}
	lower := bytes.ToLower(head)
	return bytes.HasPrefix(lower, []byte("<!doctype html")) || bytes.HasPrefix(lower, []byte("<html"))
}
