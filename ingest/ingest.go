package ingest

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/aitracker/aitracker/dedupe"
	"github.com/aitracker/aitracker/ingest/extract"
	"github.com/aitracker/aitracker/ingest/feed"
	"github.com/aitracker/aitracker/ingest/fetch"
	"github.com/aitracker/aitracker/internal/clock"
	"github.com/aitracker/aitracker/news"
)

// Fetcher reads sources.
type Fetcher struct {
	Client *fetch.Client
	// Clock stamps the articles' fetch times; the machine's when nil.
	Clock clock.Clock
}

// Result is what one read of a source produced.
type Result struct {
	// NotModified is true when the server answered 304: nothing changed
	// since the validators were stored, and Articles is empty.
	NotModified  bool
	ETag         string
	LastModified string
	FinalURL     string
	// FreshFor is how long the server says its answer stays fresh.
	FreshFor time.Duration
	// Bytes is the size of the body read.
	Bytes    int64
	Articles []news.Article
}

const feedAccept = "application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.5"

// Fetch reads src once, sending the validators stored on it.
func (f *Fetcher) Fetch(ctx context.Context, src news.Source) (*Result, error) {
	resp, err := f.Client.Get(ctx, fetch.Request{
		URL:          src.URL,
		ETag:         src.ETag,
		LastModified: src.LastModified,
		Accept:       feedAccept,
	})
	if err != nil {
		return nil, err
	}
	res := &Result{
		NotModified:  resp.NotModified,
		ETag:         resp.ETag,
		LastModified: resp.LastModified,
		FinalURL:     resp.URL,
		FreshFor:     resp.FreshFor,
		Bytes:        int64(len(resp.Body)),
	}
	if resp.NotModified {
		return res, nil
	}
	now := f.now()
	var items []feed.Item
	lang := src.Lang
	switch src.Kind {
	case news.KindHTML:
		if src.Selectors == nil {
			return nil, fmt.Errorf("source %s: kind html needs selectors", src.URL)
		}
		items, err = ListPage(resp.Body, resp.ContentType, resp.URL, *src.Selectors)
		if err != nil {
			return nil, fmt.Errorf("parse %s: %w", src.URL, err)
		}
	default:
		fd, err := feed.Parse(resp.Body, resp.ContentType, resp.URL)
		if err != nil {
			return nil, fmt.Errorf("parse %s: %w", src.URL, err)
		}
		items = fd.Items
		if lang == "" {
			lang = feedLang(fd.Language)
		}
	}
	for _, it := range items {
		res.Articles = append(res.Articles, Article(src, it, lang, now))
	}
	return res, nil
}

func (f *Fetcher) now() time.Time {
	return clock.Or(f.Clock).Now().UTC()
}

// maxFuture is how far ahead of the fetch time an item date may be before
// it is treated as a mistake (a wrong zone, a typo, a placeholder such as
// 2100-01-01). The policy: a date up to maxFuture ahead, the bound itself
// included, is kept as the feed gives it, since a publisher a few zones
// east may date an item tomorrow; a later one is replaced by the fetch
// time, not by the fetch time plus maxFuture, so that it sorts with what
// was fetched with it rather than above everything for a day. Such a date
// is not marked estimated: the feed gave one, and it was wrong. A page's
// own date (full text) later than the bound is ignored.
const maxFuture = 24 * time.Hour

// Article turns a feed item into an article of src, fetched at now. lang
// is the source's or feed's language hint; the text decides when it is
// empty.
func Article(src news.Source, it feed.Item, lang string, now time.Time) news.Article {
	a := news.Article{
		SourceID:   src.ID,
		SourceName: src.Name,
		GUID:       it.GUID,
		URL:        CanonicalURL(it.Link),
		Title:      it.Title,
		Summary:    it.Summary,
		Fetched:    now,
		Published:  it.Published,
	}
	if it.Content != "" && len(it.Content) > len(it.Summary) {
		a.Body = it.Content
	}
	if a.Summary == "" && a.Body != "" {
		a.Summary = lead(a.Body, 400)
	}
	if a.Title == "" {
		a.Title = lead(a.Summary, 120)
	}
	if a.Summary == a.Body {
		a.Body = ""
	}
	switch {
	case a.Published.IsZero():
		a.Published, a.PublishedEstimated = now, true
	case a.Published.After(now.Add(maxFuture)):
		a.Published = now
	}
	a.Lang = DetectLang(a.Title+" "+a.Summary, lang)
	a.DedupKey = dedupe.Key(it.GUID, a.URL, a.Title)
	return a
}

// DetectLang returns "zh" when Han characters make up a fair share of the
// letters in text, "en" otherwise. A hint of "zh" or "en" is kept unless
// the text plainly contradicts it.
func DetectLang(text, hint string) string {
	var han, latin int
	for _, r := range text {
		switch {
		case unicode.Is(unicode.Han, r):
			han++
		case unicode.IsLetter(r) && r < 0x250:
			latin++
		}
	}
	// A Han character carries about as much as a short Latin word, and
	// English text seldom holds Han at all, while Chinese headlines are
	// full of Latin company and model names ("OpenAI发布GPT-5").
	isZh := han >= 2 && han*10 >= latin || han > 0 && han*4 >= latin
	switch {
	case han+latin == 0 && hint != "":
		return hint
	case isZh:
		return "zh"
	}
	return "en"
}

func feedLang(l string) string {
	l = strings.ToLower(l)
	switch {
	case strings.HasPrefix(l, "zh"):
		return "zh"
	case strings.HasPrefix(l, "en"):
		return "en"
	}
	return ""
}

// lead returns the start of s, at most max bytes, cut at a word or
// sentence boundary where there is one.
func lead(s string, max int) string {
	if len(s) <= max {
		return s
	}
	cut := max
	for cut > 0 && !isBoundary(s, cut) {
		cut--
	}
	if cut < max/2 {
		cut = max
		for cut > 0 && (s[cut]&0xC0) == 0x80 {
			cut--
		}
	}
	return strings.TrimSpace(s[:cut]) + "…"
}

func isBoundary(s string, i int) bool {
	if i >= len(s) {
		return true
	}
	if (s[i] & 0xC0) == 0x80 {
		return false
	}
	return s[i] == ' ' || s[i] == '\n' || strings.HasPrefix(s[i:], "。") || strings.HasPrefix(s[i:], "，")
}

// ErrRobots means robots.txt does not let aitracker fetch a page.
var ErrRobots = errors.New("ingest: robots.txt disallows the page")

// IsTeaser reports whether a feed item carries only a teaser: no body and
// a summary shorter than minChars.
func IsTeaser(a *news.Article, minChars int) bool {
	return a.Body == "" && utf8.RuneCountInString(a.Summary) < minChars
}

// Page is what FullText read of an article's page.
type Page struct {
	Text string // the main text
	// URL is the page's canonical URL, "" when it names none.
	URL string
	// Published is the page's date, zero when it gives none or one too
	// far in the future.
	Published time.Time
}

// FullText fetches the page of a, if robots.txt allows, and returns its
// main text, canonical URL and date. The article is left as it is: Fill
// gives it what was read.
func (f *Fetcher) FullText(ctx context.Context, a news.Article) (Page, error) {
	if ok, err := f.Client.AllowedByRobots(ctx, a.URL); err != nil || !ok {
		if err != nil {
			return Page{}, err
		}
		return Page{}, ErrRobots
	}
	resp, err := f.Client.Get(ctx, fetch.Request{URL: a.URL, Accept: "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5"})
	if err != nil {
		return Page{}, err
	}
	page, err := extract.ExtractWith(resp.Body, resp.ContentType, resp.URL, extract.Options{Summary: a.Summary})
	if err != nil {
		return Page{}, err
	}
	if !page.Readerable && utf8.RuneCountInString(page.Text) < 2*utf8.RuneCountInString(a.Summary) {
		return Page{}, fmt.Errorf("ingest: %s does not look like an article page", resp.URL)
	}
	pg := Page{Text: page.Text}
	if page.Canonical != "" {
		pg.URL = CanonicalURL(page.Canonical)
	}
	if !page.Published.After(f.now().Add(maxFuture)) {
		pg.Published = page.Published
	}
	return pg, nil
}

// Fill gives a the page's text (BodySource "page"), its canonical URL
// when it names one, and its date when the feed gave none.
func (pg Page) Fill(a *news.Article) {
	a.Body, a.BodySource = pg.Text, "page"
	if pg.URL != "" {
		a.URL = pg.URL
	}
	if a.PublishedEstimated && !pg.Published.IsZero() {
		a.Published, a.PublishedEstimated = pg.Published, false
	}
}
