package ingest

import (
	"bytes"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/aitracker/aitracker/ingest/charset"
	"github.com/aitracker/aitracker/ingest/feed"
	"github.com/aitracker/aitracker/news"
)

// ErrNoItems means the selectors matched nothing on a list page: the site
// changed its markup, or the selectors are wrong.
var ErrNoItems = errors.New("ingest: the item selector matched nothing on the page")

// ListPage reads the articles of a page that has no feed: each element
// matching sel.Item gives one item, with its link, title, date and summary
// taken by the other selectors inside it. Links are resolved against
// pageURL; the page's charset is taken from contentType or its <meta>.
func ListPage(body []byte, contentType, pageURL string, sel news.Selectors) ([]feed.Item, error) {
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(charset.Decode(body, contentType).Text))
	if err != nil {
		return nil, fmt.Errorf("list page: %w", err)
	}
	base, _ := url.Parse(pageURL)
	if href, ok := doc.Find("base[href]").First().Attr("href"); ok && base != nil {
		if b, err := base.Parse(href); err == nil {
			base = b
		}
	}
	var items []feed.Item
	seen := map[string]bool{}
	doc.Find(sel.Item).Each(func(_ int, s *goquery.Selection) {
		link := s.Find(sel.Link).First()
		if link.Length() == 0 && s.Is(sel.Link) {
			link = s
		}
		href, ok := link.Attr("href")
		if !ok || base == nil {
			return
		}
		u, err := base.Parse(strings.TrimSpace(href))
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || seen[u.String()] {
			return
		}
		seen[u.String()] = true
		it := feed.Item{Link: u.String()}
		if sel.Title != "" {
			it.Title = feed.Text(s.Find(sel.Title).First().Text())
		}
		if it.Title == "" {
			it.Title = feed.Text(link.Text())
		}
		if sel.Summary != "" {
			it.Summary = feed.Text(s.Find(sel.Summary).First().Text())
		}
		if sel.Date != "" {
			d := s.Find(sel.Date).First()
			raw, ok := d.Attr("datetime")
			if !ok {
				raw = d.Text()
			}
			it.Published = parseDate(raw)
		}
		if it.Title != "" {
			items = append(items, it)
		}
	})
	if len(items) == 0 {
		return nil, ErrNoItems
	}
	return items, nil
}

var dateLayouts = []string{
	time.RFC3339, "2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01-02 15:04", "2006-01-02",
	"2006/01/02 15:04", "2006/01/02", time.RFC1123Z, time.RFC1123, "January 2, 2006", "Jan 2, 2006",
	"2 January 2006", "2 Jan 2006", "2006年1月2日 15:04", "2006年1月2日", "2006年01月02日",
}

// parseDate reads the common ways list pages write dates, in UTC; the
// zero time when none fits. Dates without a zone are read as UTC.
func parseDate(s string) time.Time {
	s = strings.Join(strings.Fields(s), " ")
	for _, layout := range dateLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC()
		}
	}
	return time.Time{}
}
