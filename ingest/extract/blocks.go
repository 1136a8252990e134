package extract

import (
	"strings"
	"unicode"

	"golang.org/x/net/html"
)

// The blocks pass: this package's own reading of a page, independent of
// readability. It cuts the page into text blocks (the runs of text
// between block-level tags), scores the elements that hold sentence-like
// blocks, takes the best one with its strong siblings, and keeps the
// blocks under them that are neither boilerplate nor mostly links.

// skipTags hold no readable text.
var skipTags = map[string]bool{
	"head": true, "script": true, "style": true, "noscript": true, "template": true,
	"svg": true, "math": true, "iframe": true, "object": true, "embed": true, "textarea": true,
	"select": true, "option": true, "canvas": true, "video": true, "audio": true, "map": true,
	"button": true, "input": true,
}

// blockTags start a new text block.
var blockTags = map[string]bool{
	"address": true, "article": true, "aside": true, "blockquote": true, "body": true, "dd": true,
	"details": true, "dialog": true, "div": true, "dl": true, "dt": true, "fieldset": true,
	"figcaption": true, "figure": true, "footer": true, "form": true, "h1": true, "h2": true,
	"h3": true, "h4": true, "h5": true, "h6": true, "header": true, "hr": true, "li": true,
	"main": true, "nav": true, "ol": true, "p": true, "pre": true, "section": true, "summary": true,
	"table": true, "tbody": true, "td": true, "tfoot": true, "th": true, "thead": true, "tr": true,
	"ul": true, "br": true, "caption": true, "center": true, "html": true,
}

// block is one run of text between block-level tags.
type block struct {
	text       string
	chars, han int // characters other than spaces, and Han characters among them
	links      int // characters of link text
	commas     int // clause punctuation: , ， 、 ； ;
	holder     *html.Node
	heading    bool
}

func (b *block) linkDensity() float64 {
	if b.chars == 0 {
		return 0
	}
	return float64(b.links) / float64(b.chars)
}

// weight is how much a block says that its holder is the article: none
// for a short or link-heavy block, else one plus its clauses plus its
// length in hundreds of characters (a Han character counts three: it
// is a word, not a letter), at most three.
func (b *block) weight() float64 {
	size := b.chars + 2*b.han
	if size < 75 || b.linkDensity() > 0.5 {
		return 0
	}
	return 1 + float64(b.commas) + min(float64(size)/100, 3)
}

// pageWalk is what one pass over the untouched tree gathers.
type pageWalk struct {
	blocks  []*block
	scripts []string // JSON-LD script texts
	cur     *block
	sb      strings.Builder
	holder  *html.Node
}

func (w *pageWalk) flush() {
	if w.cur != nil && w.cur.chars > 0 {
		w.cur.text = strings.Join(strings.Fields(w.sb.String()), " ")
		w.blocks = append(w.blocks, w.cur)
	}
	w.cur = nil
	w.sb.Reset()
}

func (w *pageWalk) walk(n *html.Node, inLink bool) {
	switch n.Type {
	case html.TextNode:
		if w.cur == nil {
			w.cur = &block{holder: w.holder}
		}
		w.sb.WriteString(n.Data)
		for _, r := range n.Data {
			if unicode.IsSpace(r) {
				continue
			}
			w.cur.chars++
			if inLink {
				w.cur.links++
			}
			if r >= 0x2E80 && unicode.Is(unicode.Han, r) {
				w.cur.han++
			}
			switch r {
			case ',', '，', '、', '；', ';', '。':
				w.cur.commas++
			}
		}
		return
	case html.ElementNode:
		if n.Data == "script" && strings.EqualFold(attr(n, "type"), "application/ld+json") && n.FirstChild != nil {
			w.scripts = append(w.scripts, n.FirstChild.Data)
			return
		}
		if n.Data == "head" {
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				if c.Type == html.ElementNode && c.Data == "script" {
					w.walk(c, false)
				}
			}
			return
		}
		if skipTags[n.Data] || hidden(n) {
			return
		}
		if n.Data == "a" {
			inLink = true
		}
	case html.CommentNode, html.DoctypeNode:
		return
	}
	isBlock := n.Type == html.ElementNode && blockTags[n.Data]
	var saved *html.Node
	if isBlock {
		w.flush()
		saved, w.holder = w.holder, n
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.walk(c, inLink)
	}
	if isBlock {
		if w.cur != nil && len(n.Data) == 2 && n.Data[0] == 'h' && n.Data[1] >= '1' && n.Data[1] <= '6' {
			w.cur.heading = true
		}
		w.flush()
		w.holder = saved
	}
}

// prepasses reads the untouched tree once and returns the candidates
// that need it: the blocks pass and the JSON-LD articleBody.
func prepasses(doc *html.Node) []candidate {
	w := &pageWalk{}
	w.walk(doc, false)
	w.flush()
	out := []candidate{blocksCandidate(w.blocks)}
	if body := jsonLDBody(w.scripts); body != "" {
		out = append(out, newCandidate("json-ld", body, 0))
	}
	return out
}

// blocksCandidate chooses the element that holds the article among the
// holders of the blocks, and keeps its blocks.
func blocksCandidate(blocks []*block) candidate {
	// sub is the weight of the sentence-like blocks under each element.
	// A boilerplate class or id on an element that holds most of it
	// ("page-with-sidebar" on the body) is not believed.
	sub := map[*html.Node]float64{}
	total := 0.0
	for _, b := range blocks {
		if wt := b.weight(); wt > 0 {
			total += wt
			for n := b.holder; n != nil; n = n.Parent {
				sub[n] += wt
			}
		}
	}
	boiler := map[*html.Node]bool{}
	isBoiler := func(n *html.Node) bool {
		v, ok := boiler[n]
		if !ok {
			v = boilerReason(n) != "" && 2*sub[n] <= total
			boiler[n] = v
		}
		return v
	}
	inBoiler := func(n, stop *html.Node) bool {
		for ; n != nil && n != stop; n = n.Parent {
			if isBoiler(n) {
				return true
			}
		}
		return false
	}
	// The same, over the blocks outside boilerplate; score gives each
	// element the weight of its children's blocks and a half, a third,
	// of those further down, as readability does.
	good := map[*html.Node]float64{}
	score := map[*html.Node]float64{}
	for _, b := range blocks {
		wt := b.weight()
		if wt == 0 || inBoiler(b.holder, nil) {
			continue
		}
		level := 0
		for n := b.holder; n != nil; n = n.Parent {
			good[n] += wt
			if level >= 1 && level <= 3 {
				score[n] += wt / float64(level)
			}
			level++
		}
	}
	var top *html.Node
	for n, s := range score {
		if top == nil || s > score[top] || (s == score[top] && good[n] > good[top]) {
			top = n
		}
	}
	if top == nil {
		return newCandidate("blocks", "", 0)
	}
	// An article split into parts sits in siblings: climb while the
	// parent holds markedly more sentence-like text.
	for top.Parent != nil && good[top.Parent] >= climb*good[top] {
		top = top.Parent
	}
	var parts []string
	links := 0
	for _, b := range blocks {
		if b.linkDensity() > 0.5 || !under(b.holder, top) || inBoiler(b.holder, top) {
			continue
		}
		parts = append(parts, b.text)
		links += b.links
	}
	return newCandidate("blocks", strings.Join(parts, "\n\n"), links)
}

// climb is how much more sentence-like text an element's parent must
// hold for the parent to be taken as the article instead.
const climb = 1.3

// under reports whether n is top or inside it.
func under(n, top *html.Node) bool {
	for ; n != nil; n = n.Parent {
		if n == top {
			return true
		}
	}
	return false
}
