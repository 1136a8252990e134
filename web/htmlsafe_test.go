package web

import (
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"

	"golang.org/x/net/html"
)

// The check below reads a page with an HTML tokenizer, as a browser
// would, rather than searching its bytes: an element or attribute counts
// only if the browser would build it.

// vocabulary is the element and attribute names the page templates write;
// a page may hold no other, so that nothing from a feed or a URL can have
// become markup. <mark> comes from the index's snippets.
var vocabulary = sync.OnceValues(func() (map[string]bool, map[string]bool) {
	elems, attrs := map[string]bool{"mark": true}, map[string]bool{}
	// Template actions inside a tag ({{if .All}}selected{{end}}) would
	// read as attribute names: each is a space here.
	action := regexp.MustCompile(`(?s)\{\{.*?\}\}`)
	files, _ := fs.Glob(assets, "templates/*.html")
	for _, f := range files {
		b, _ := fs.ReadFile(assets, f)
		z := html.NewTokenizer(strings.NewReader(action.ReplaceAllString(string(b), " ")))
		for tt := z.Next(); tt != html.ErrorToken; tt = z.Next() {
			if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
				continue
			}
			tok := z.Token()
			elems[tok.Data] = true
			for _, a := range tok.Attr {
				attrs[a.Key] = true
			}
		}
	}
	return elems, attrs
})

// feedTypes are the media types of the feeds a page may declare.
var feedTypes = map[string]bool{"application/atom+xml": true, "application/rss+xml": true, "application/feed+json": true}

// Elements and attributes no page may carry, whatever the templates say.
var (
	bannedElems = map[string]bool{"script": true, "iframe": true, "frame": true, "frameset": true, "object": true,
		"embed": true, "applet": true, "base": true, "svg": true, "math": true, "style": true, "template": true,
		"noscript": true, "portal": true}
	bannedAttrs = map[string]bool{"style": true, "srcdoc": true, "formaction": true, "http-equiv": true,
		"xlink:href": true, "background": true, "dynsrc": true, "lowsrc": true, "ping": true}
	// urlAttrs hold a URL that a browser follows or loads.
	urlAttrs = map[string]bool{"href": true, "src": true, "action": true, "formaction": true, "cite": true, "poster": true,
		"data": true, "longdesc": true, "usemap": true, "icon": true, "manifest": true, "background": true, "xlink:href": true}
)

// safeURLAttr reports whether a browser following v stays on http(s) or
// on this site: a relative reference or an http(s) URL. Tabs and line
// breaks are dropped and the ends trimmed first, as browsers do.
func safeURLAttr(v string) bool {
	v = strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return -1
		}
		return r
	}, v)
	v = strings.TrimFunc(v, func(r rune) bool { return r <= ' ' })
	u, err := url.Parse(v)
	if err != nil {
		return false
	}
	switch strings.ToLower(u.Scheme) {
	case "", "http", "https":
		return true
	}
	return false
}

// checkSafeHTML fails the test for each problem htmlProblems finds in a
// page, and returns the page's text.
func checkSafeHTML(t *testing.T, where, page string) string {
	t.Helper()
	problems, text := htmlProblems(page)
	for _, p := range problems {
		t.Errorf("%s: %s", where, p)
	}
	return text
}

// htmlProblems lists each element or attribute of a page that no
// template writes, each script-capable element, on* handler, inline
// style, meta refresh, base, form that posts elsewhere, and URL whose
// scheme is not http(s). It returns the page's text too.
func htmlProblems(page string) ([]string, string) {
	elems, attrs := vocabulary()
	var problems []string
	var text strings.Builder
	z := html.NewTokenizer(strings.NewReader(page))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			if z.Err() != io.EOF {
				problems = append(problems, z.Err().Error())
			}
			return problems, text.String()
		}
		tok := z.Token()
		switch tt {
		case html.TextToken:
			text.WriteString(tok.Data)
			continue
		case html.StartTagToken, html.SelfClosingTagToken:
		default:
			continue
		}
		bad := func(format string, args ...any) {
			problems = append(problems, fmt.Sprintf(format+" in %s", append(args, tok.String())...))
		}
		if bannedElems[tok.Data] || !elems[tok.Data] {
			bad("element <%s>", tok.Data)
		}
		for _, a := range tok.Attr {
			key := strings.ToLower(a.Key)
			if a.Namespace != "" {
				key = a.Namespace + ":" + key
			}
			switch {
			case strings.HasPrefix(key, "on"):
				bad("event handler %s", key)
			case bannedAttrs[key] || !attrs[key]:
				bad("attribute %s", key)
			}
			if urlAttrs[key] && !safeURLAttr(a.Val) {
				bad("%s=%q is not http(s) or relative", key, a.Val)
			}
			if key == "srcset" { // candidates "URL [descriptor]", comma-separated
				for _, c := range strings.Split(a.Val, ",") {
					if f := strings.Fields(c); len(f) == 0 || !safeURLAttr(f[0]) {
						bad("srcset candidate %q is not http(s) or relative", c)
					}
				}
			}
		}
		attr := func(k string) (string, bool) {
			for _, a := range tok.Attr {
				if strings.EqualFold(a.Key, k) {
					return a.Val, true
				}
			}
			return "", false
		}
		switch tok.Data {
		case "meta":
			if _, ok := attr("http-equiv"); ok {
				bad("meta http-equiv")
			}
			if c, ok := attr("content"); ok && strings.Contains(strings.ToLower(c), "url") {
				bad("meta content with a URL")
			}
		case "link":
			// The style sheet, and the page's own feeds for feed readers.
			rel, _ := attr("rel")
			href, _ := attr("href")
			typ, _ := attr("type")
			switch {
			case rel == "stylesheet":
				if !strings.HasPrefix(href, "/static/") {
					bad("link href=%q", href)
				}
			case rel == "alternate":
				if !pageFeed.MatchString(href) || !feedTypes[typ] {
					bad("feed link href=%q type=%q", href, typ)
				}
			default:
				bad("link rel=%q", rel)
			}
		case "form":
			// The pages' own forms post to this site, by a path.
			if action, _ := attr("action"); !strings.HasPrefix(action, "/") || strings.HasPrefix(action, "//") {
				bad("form action=%q", action)
			}
		}
	}
}

// TestCheckSafeHTML: the check catches what it is for.
func TestCheckSafeHTML(t *testing.T) {
	for _, page := range []string{
		`<p>x<script>alert(1)</script></p>`,
		`<p>x<SCRIPT src="https://evil.example/x.js"></SCRIPT></p>`,
		`<p onclick="alert(1)">x</p>`,
		`<a href="javascript:alert(1)">x</a>`,
		`<a href="&#106;avascript:alert(1)">x</a>`,
		`<a href="java&#x09;script:alert(1)">x</a>`,
		`<a href=" JaVaScRiPt:alert(1)">x</a>`,
		`<a href="data:text/html,x">x</a>`,
		`<a href="vbscript:msgbox(1)">x</a>`,
		`<meta http-equiv="refresh" content="0;url=https://evil.example/">`,
		`<base href="https://evil.example/">`,
		`<form action="https://evil.example/"></form>`,
		`<form action="//evil.example/"></form>`,
		`<iframe src="https://evil.example/"></iframe>`,
		`<svg><a>x</a></svg>`,
		`<div style="background:url(javascript:alert(1))">x</div>`,
		`<img srcset="/a.png 1x, javascript:alert(1) 2x">`,
		`<blink>x</blink>`,
		`<a href="/" data-x="1">x</a>`,
	} {
		if problems, _ := htmlProblems(page); len(problems) == 0 {
			t.Errorf("the check passes %s", page)
		}
	}
	page := `<p class="snippet"><a href="/?q=x">a</a> <a href="https://news.example/">b</a> <mark>c</mark> &lt;script&gt;</p>`
	if problems, text := htmlProblems(page); len(problems) > 0 || text != "a b c <script>" {
		t.Errorf("a safe page: %q, text %q", problems, text)
	}
}

// pageFeed is the address of one of the site's feeds: a search's, the
// events list's or an event's.
var pageFeed = regexp.MustCompile(`^/(?:events/(?:\d+/)?)?feed\.(?:atom|rss|json)(?:\?|$)`)
