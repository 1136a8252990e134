package extract

import (
	"bytes"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"time"
	"unicode"

	readability "codeberg.org/readeck/go-readability/v2"
	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"

	"github.com/aitracker/aitracker/ingest/charset"
)

// Page is what was read from an article page.
type Page struct {
	Title string
	Text  string // the main text, paragraphs separated by blank lines
	// Published is the publication date in UTC; zero when the page says
	// none that parses.
	Published time.Time
	// Canonical is the page's <link rel=canonical> (or og:url), absolute;
	// "" when it has none.
	Canonical string
	Lang      string
	Byline    string
	// Readerable is false when the page does not look like one article
	// (a list page, a front page): its Text is then a guess.
	Readerable bool
	Encoding   string
	// Extractor names the candidate whose text is Text (see Candidate),
	// and Why says in a line which features chose it.
	Extractor string
	Why       string
	// Candidates are the texts that were weighed, by their features,
	// in the order they were considered.
	Candidates []Candidate
}

// ErrNoText means no main text could be found.
var ErrNoText = errors.New("extract: no article text found")

// chinaTime is the zone of dates written without one on Chinese pages.
var chinaTime = time.FixedZone("CST", 8*3600)

// maxElements is the most tags a page may hold. The largest article
// page of a 700-page corpus (a long Wikipedia article) has 10,000;
// readability spends over a kilobyte of heap on each, and a million
// <table> tags (which nest as siblings, past the HTML parser's depth
// limit of 512) took 13 s and 2.2 GiB.
const maxElements = 100000

// ErrTooManyElements is returned for a page with more than maxElements
// tags.
var ErrTooManyElements = fmt.Errorf("extract: page has more than %d elements", maxElements)

// Options are what a caller may know about a page besides its bytes.
type Options struct {
	// Summary is the feed's summary of the article, if any: a candidate
	// text that contains it is more likely the article.
	Summary string
}

// Extract reads a page fetched from pageURL with the given Content-Type.
func Extract(body []byte, contentType, pageURL string) (*Page, error) {
	return ExtractWith(body, contentType, pageURL, Options{})
}

// ExtractWith is Extract with what the caller knows of the page.
func ExtractWith(body []byte, contentType, pageURL string, o Options) (*Page, error) {
	p, _, err := extract(body, contentType, pageURL, o)
	return p, err
}

// extract reads the page and also returns every candidate text, for the
// quality tests.
func extract(body []byte, contentType, pageURL string, o Options) (*Page, []candidate, error) {
	dec := charset.Decode(body, contentType)
	if countTags(dec.Text, maxElements+1) > maxElements {
		return nil, nil, ErrTooManyElements
	}
	doc, err := html.Parse(bytes.NewReader(dec.Text))
	if err != nil {
		return nil, nil, fmt.Errorf("extract: %w", err)
	}
	base, _ := url.Parse(pageURL)
	p := &Page{Encoding: dec.Encoding}
	gq := goquery.NewDocumentFromNode(doc)
	p.Canonical = canonical(gq, base)
	p.Lang = pageLang(gq)
	metaDate := metaPublished(gq)
	p.Readerable = readability.CheckDocument(doc)

	// The passes that only read the tree run before readability, which
	// rearranges it.
	cands := prepasses(doc)

	parser := readability.NewParser()
	parser.KeepClasses = true // the pruning pass reads them
	art, err := parser.ParseAndMutate(doc, base)
	if err != nil {
		return nil, nil, fmt.Errorf("extract: %w", err)
	}
	p.Title = cleanText(art.Title())
	p.Byline = cleanText(art.Byline())
	cands = append(cands, readabilityCandidates(art.Node)...)
	if p.Lang == "" {
		p.Lang = art.Language()
	}
	ch := choose(cands, o.Summary)
	p.Text, p.Extractor, p.Why = ch.text, ch.name, ch.why
	p.Candidates = ch.features
	zh := strings.HasPrefix(strings.ToLower(p.Lang), "zh") || hanShare(p.Title+p.Text) > 0.3
	switch t, err := art.PublishedTime(); {
	case err == nil && !t.IsZero():
		p.Published = t.UTC()
	case !metaDate.IsZero():
		p.Published = metaDate
	default:
		p.Published = textDate(p.Title+"\n"+gq.Find("body").Text(), zh)
	}
	if p.Text == "" {
		return p, cands, ErrNoText
	}
	return p, cands, nil
}

// countTags counts start tags ("<" and a letter) in b, up to limit.
func countTags(b []byte, limit int) int {
	n := 0
	for i := 0; n < limit; i++ {
		k := bytes.IndexByte(b[i:], '<')
		if k < 0 {
			break
		}
		i += k
		if i+1 < len(b) && (b[i+1]|0x20 >= 'a' && b[i+1]|0x20 <= 'z') {
			n++
		}
	}
	return n
}

func canonical(gq *goquery.Document, base *url.URL) string {
	for _, sel := range []struct{ q, attr string }{
		{`link[rel="canonical"]`, "href"},
		{`meta[property="og:url"]`, "content"},
	} {
		if v, ok := gq.Find(sel.q).First().Attr(sel.attr); ok && strings.TrimSpace(v) != "" {
			u, err := url.Parse(strings.TrimSpace(v))
			if err != nil {
				continue
			}
			if base != nil {
				u = base.ResolveReference(u)
			}
			if u.Scheme == "http" || u.Scheme == "https" {
				return u.String()
			}
		}
	}
	return ""
}

func pageLang(gq *goquery.Document) string {
	if l, ok := gq.Find("html").First().Attr("lang"); ok {
		return strings.TrimSpace(l)
	}
	if l, ok := gq.Find(`meta[http-equiv="content-language"]`).First().Attr("content"); ok {
		return strings.TrimSpace(l)
	}
	return ""
}

// metaPublished reads the publication date from the markup that news
// sites use when readability's metadata does not have it.
func metaPublished(gq *goquery.Document) time.Time {
	for _, sel := range []struct{ q, attr string }{
		{`meta[property="article:published_time"]`, "content"},
		{`meta[name="pubdate"]`, "content"},
		{`meta[name="publishdate"]`, "content"},
		{`meta[name="publish_date"]`, "content"},
		{`meta[name="date"]`, "content"},
		{`meta[itemprop="datePublished"]`, "content"},
		{`meta[name="dc.date"]`, "content"},
		{`meta[name="DC.date.issued"]`, "content"},
		{`time[itemprop="datePublished"]`, "datetime"},
		{`article time[datetime]`, "datetime"},
		{`time[pubdate]`, "datetime"},
	} {
		if v, ok := gq.Find(sel.q).First().Attr(sel.attr); ok {
			if t := parseDate(v, false); !t.IsZero() {
				return t
			}
		}
	}
	return time.Time{}
}

var dateLayouts = []string{
	time.RFC3339, "2006-01-02T15:04:05Z0700", "2006-01-02T15:04:05", "2006-01-02T15:04Z07:00", "2006-01-02T15:04",
	"2006-01-02 15:04:05", "2006-01-02 15:04", "2006-01-02", "2006/01/02 15:04:05", "2006/01/02 15:04", "2006/01/02",
	time.RFC1123Z, time.RFC1123, "January 2, 2006", "Jan 2, 2006", "2 January 2006", "20060102",
}

// parseDate reads a date; one without a zone is taken as China time on
// Chinese pages and as UTC elsewhere.
func parseDate(s string, zh bool) time.Time {
	s = strings.TrimSpace(s)
	loc := time.UTC
	if zh {
		loc = chinaTime
	}
	for _, layout := range dateLayouts {
		if t, err := time.ParseInLocation(layout, s, loc); err == nil {
			return t.UTC()
		}
	}
	return time.Time{}
}

var textDateRE = regexp.MustCompile(`(20\d\d)[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:\s*(\d{1,2}):(\d{2})(?::(\d{2}))?)?`)

// textDate finds a date written in the page text near its start, as
// Chinese news pages print it ("2019-11-20 10:30", "2019年11月20日").
func textDate(text string, zh bool) time.Time {
	if len(text) > 20000 {
		text = text[:20000]
	}
	m := textDateRE.FindStringSubmatch(text)
	if m == nil {
		return time.Time{}
	}
	num := func(s string) int {
		n := 0
		for _, c := range s {
			n = n*10 + int(c-'0')
		}
		return n
	}
	loc := time.UTC
	if zh {
		loc = chinaTime
	}
	y, mo, d := num(m[1]), num(m[2]), num(m[3])
	if mo < 1 || mo > 12 || d < 1 || d > 31 {
		return time.Time{}
	}
	return time.Date(y, time.Month(mo), d, num(m[4]), num(m[5]), num(m[6]), 0, loc).UTC()
}

func hanShare(s string) float64 {
	var han, letters int
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			han++
			letters++
		} else if unicode.IsLetter(r) {
			letters++
		}
	}
	if letters == 0 {
		return 0
	}
	return float64(han) / float64(letters)
}

// tidy collapses runs of spaces, keeps paragraph breaks, and drops
// control characters.
func tidy(s string) string {
	s = cleanText(s)
	lines := strings.Split(s, "\n")
	out := make([]string, 0, len(lines))
	blank := false
	for _, l := range lines {
		l = strings.Join(strings.Fields(l), " ")
		if l == "" {
			if !blank && len(out) > 0 {
				out = append(out, "")
			}
			blank = true
			continue
		}
		blank = false
		out = append(out, l)
	}
	return strings.TrimSpace(strings.Join(out, "\n"))
}

// cleanText is charset.Clean of s without the space at its ends.
func cleanText(s string) string { return charset.Clean(strings.TrimSpace(s)) }
