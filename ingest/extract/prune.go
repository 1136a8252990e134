package extract

import (
	"strings"
	"unicode"

	"codeberg.org/readeck/go-readability/v2/render"
	"golang.org/x/net/html"
)

// readabilityCandidates returns the readability pass's text as the
// library renders it, and the same text once the boilerplate nodes that
// the pass kept are removed ("pruned"). It removes them from n.
func readabilityCandidates(n *html.Node) []candidate {
	if n == nil {
		return []candidate{newCandidate("readability", "", 0)}
	}
	links := linkChars(n)
	full := newCandidate("readability", tidy(render.InnerText(n)), links)
	if !pruneBoiler(n, full.Chars) {
		pr := full
		pr.Name = "pruned"
		return []candidate{full, pr}
	}
	return []candidate{full, newCandidate("pruned", tidy(render.InnerText(n)), linkChars(n))}
}

// pruneBoiler removes the boilerplate nodes under root, except one that
// holds over half the text (total characters): a class word such as
// "comments-enabled" on the article's own container must not empty it.
// It reports whether it removed any.
func pruneBoiler(root *html.Node, total int) bool {
	var drop []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			if c.Data == "pre" || c.Data == "code" {
				// A "comment" class in code marks a comment of the
				// program, not of readers.
				continue
			}
			if pruneReason(c, total) != "" {
				drop = append(drop, c)
				continue
			}
			walk(c)
		}
	}
	walk(root)
	for _, n := range drop {
		n.Parent.RemoveChild(n)
	}
	return len(drop) > 0
}

// pruneReason says why the node c of an article of total characters is
// boilerplate to remove; "" when it stays. Figures and their captions
// and credits stay: the reference texts disagree on them (Readability's
// keeps them, the article-extraction benchmark's does not), and so do
// hidden nodes and "ad" classes, which on the benchmark's pages held
// more of the article than of anything else.
func pruneReason(c *html.Node, total int) string {
	r := boilerReason(c)
	if r == "" || keptInArticle(r) || 2*textChars(c) > total {
		return ""
	}
	if boilerTags[r] {
		return r
	}
	if paragraphs(c) >= 2 {
		return ""
	}
	return r
}

// keptInArticle reports whether a node that is boilerplate for reason r
// (see boilerReason) is left in readability's text.
func keptInArticle(r string) bool {
	switch r {
	case "figure", "figcaption", "hidden", "ad", "ads":
		return true
	}
	return strings.HasPrefix(r, "caption") || strings.HasPrefix(r, "credit")
}

// paragraphs counts the <p> under n of at least 80 characters: an
// element that holds two is part of the article whatever its class says
// ("no-caption", "has-comments").
func paragraphs(n *html.Node) int {
	k := 0
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		if c.Data == "p" {
			if textChars(c) >= 80 {
				k++
			}
			continue
		}
		k += paragraphs(c)
	}
	return k
}

// textChars counts the characters of n's text other than spaces.
func textChars(n *html.Node) int {
	if n.Type == html.TextNode {
		k := 0
		for _, r := range n.Data {
			if !unicode.IsSpace(r) {
				k++
			}
		}
		return k
	}
	k := 0
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		k += textChars(c)
	}
	return k
}
