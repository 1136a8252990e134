package extract

import (
	"strings"

	"golang.org/x/net/html"
)

// Boilerplate: the parts of a page around an article's text (captions,
// share bars, related-article boxes, newsletters, comments, bylines) that
// the readability pass sometimes keeps. A node is boilerplate by its tag,
// by being hidden, or by a word of its class or id.

// boilerTags never hold article text.
var boilerTags = map[string]bool{
	"figure": true, "figcaption": true, "aside": true, "nav": true, "footer": true,
	"form": true, "button": true, "select": true, "textarea": true, "input": true,
	"script": true, "style": true, "noscript": true, "template": true, "svg": true,
	"iframe": true, "object": true, "embed": true, "video": true, "audio": true, "canvas": true,
	"dialog": true, "menu": true,
}

// boilerWords are class or id words (split at anything that is not a
// letter or digit) that mark a node as boilerplate. A word matches when a
// class or id word equals it or starts with it.
var boilerWords = []string{
	"caption", "credit", "byline", "author", "dateline", "timestamp",
	"share", "sharing", "social", "follow",
	"newsletter", "subscribe", "subscription", "signup", "promo", "advert", "sponsor",
	"related", "recommend", "readmore", "trending", "popular", "mostread",
	"outbrain", "taboola", "breadcrumb", "comment", "disqus",
	"toolbar", "pagination", "pager", "sidebar", "widget", "banner",
	"cookie", "consent", "gdpr", "modal", "popup", "overlay",
	"sronly", "visuallyhidden", "screenreader", "hidden", "print",
}

// boilerExact are class or id words that mark boilerplate only when the
// whole word matches ("ad" and "tags", not "adress" or "tagsoup").
var boilerExact = map[string]bool{
	"ad": true, "ads": true, "tags": true, "tag": true, "nav": true, "menu": true,
	"footer": true, "masthead": true,
}

// attr returns the value of n's attribute key, "" when it has none.
func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// hidden reports whether the markup hides n from readers.
func hidden(n *html.Node) bool {
	for _, a := range n.Attr {
		switch a.Key {
		case "hidden":
			return true
		case "aria-hidden":
			if a.Val == "" || a.Val == "true" {
				return true
			}
		case "style":
			s := strings.ToLower(strings.ReplaceAll(a.Val, " ", ""))
			if strings.Contains(s, "display:none") || strings.Contains(s, "visibility:hidden") {
				return true
			}
		}
	}
	return false
}

// boilerWord returns the class or id word of n that marks it as
// boilerplate, "" when none does.
func boilerWord(n *html.Node) string {
	for _, key := range [...]string{"class", "id"} {
		v := attr(n, key)
		if v == "" {
			continue
		}
		for _, w := range splitWords(v) {
			if boilerExact[w] {
				return w
			}
			for _, b := range boilerWords {
				if strings.HasPrefix(w, b) {
					return w
				}
			}
		}
	}
	return ""
}

// splitWords lower-cases s and splits it into words at anything other
// than a letter or digit, also joining the parts of a hyphenated or
// underscored name ("read-more" gives "read", "more" and "readmore").
func splitWords(s string) []string {
	s = strings.ToLower(s)
	var out []string
	for _, cls := range strings.Fields(s) {
		parts := strings.FieldsFunc(cls, func(r rune) bool {
			return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9')
		})
		if len(parts) > 1 && (parts[0] == "no" || parts[0] == "without" || parts[0] == "has") {
			// "no-caption", "has-sidebar": a note on the layout of an
			// element, not what it is.
			continue
		}
		out = append(out, parts...)
		if len(parts) > 1 {
			out = append(out, strings.Join(parts, ""))
		}
	}
	return out
}

// boilerReason says why n is boilerplate: its tag, "hidden", or a class
// or id word; "" when it is not.
func boilerReason(n *html.Node) string {
	if n.Type != html.ElementNode {
		return ""
	}
	if boilerTags[n.Data] {
		return n.Data
	}
	if hidden(n) {
		return "hidden"
	}
	return boilerWord(n)
}
