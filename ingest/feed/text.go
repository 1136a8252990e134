package feed

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Text flattens an HTML fragment (or plain text with entities) to plain
// text: tags dropped, scripts and styles dropped with their content,
// entities decoded, a line break between blocks, runs of spaces collapsed,
// control characters made spaces and bytes that are not UTF-8 replaced by
// U+FFFD.
func Text(s string) string {
	if !strings.ContainsAny(s, "<&") {
		return collapse(s)
	}
	var b strings.Builder
	z := html.NewTokenizer(strings.NewReader(s))
	skip := 0 // depth inside script, style and similar
	// depth inside svg and math, whose children (text, animate, mi…)
	// are no HTML elements but are markup all the same, never text
	foreign := 0
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return collapse(b.String())
		case html.TextToken:
			if skip == 0 {
				writeText(&b, z.Text())
			}
		case html.StartTagToken, html.SelfClosingTagToken, html.EndTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			// A start tag goes one deeper, its end tag one back out; a
			// self-closing tag neither.
			step := 0
			switch tt {
			case html.StartTagToken:
				step = 1
			case html.EndTagToken:
				step = -1
			}
			switch {
			case a == 0:
				// Not an HTML element: "<Robotics>" in a title is text
				// that was escaped once too few times.
				if skip == 0 && foreign == 0 {
					b.Write(z.Raw())
				}
			case rawText[a]:
				skip = max(skip+step, 0)
			case a == atom.Svg || a == atom.Math:
				foreign = max(foreign+step, 0)
			case blockTags[a] || a == atom.Br && tt != html.EndTagToken:
				b.WriteByte('\n')
			}
		}
	}
}

// rawText elements hold no visible text.
var rawText = map[atom.Atom]bool{atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true}

var blockTags = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.Li: true, atom.Ul: true, atom.Ol: true,
	atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
	atom.Blockquote: true, atom.Pre: true, atom.Table: true, atom.Tr: true, atom.Section: true,
	atom.Article: true, atom.Header: true, atom.Footer: true, atom.Figure: true, atom.Figcaption: true,
	atom.Hr: true, atom.Dd: true, atom.Dt: true,
}

// collapse turns runs of spaces into one space and runs of line breaks
// into one line break, trims the ends, turns control characters into
// spaces (an entity such as "&#27;" decodes to one), and makes s valid
// UTF-8.
func collapse(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	s = spaceControls(s)
	lines := strings.Split(strings.ReplaceAll(s, "\r", "\n"), "\n")
	out := lines[:0]
	for _, l := range lines {
		if l = strings.Join(strings.Fields(strings.ReplaceAll(l, "\u00a0", " ")), " "); l != "" {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

// spaceControls turns the control characters of s into spaces: dropped,
// they could join a "<" and a letter into a tag.
func spaceControls(s string) string {
	if strings.IndexFunc(s, isControl) < 0 {
		return s
	}
	return strings.Map(func(r rune) rune {
		if isControl(r) {
			return ' '
		}
		return r
	}, s)
}

// isControl reports a C0 control or DEL that is not white space.
func isControl(r rune) bool {
	return r < 0x20 && r != '\t' && r != '\n' && r != '\v' && r != '\f' && r != '\r' || r == 0x7f
}

// writeText appends text, keeping apart a "<" that ends what came before
// and a letter that begins the text: markup dropped between them ("<<?>A"
// is "<", a processing instruction, "A") must not join them into what
// reads as a tag.
func writeText(b *strings.Builder, t []byte) {
	if len(t) > 0 && b.Len() > 0 && b.String()[b.Len()-1] == '<' {
		if c := t[0]; c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '/' || c == '!' || c == '?' {
			b.WriteByte(' ')
		}
	}
	b.Write(t)
}
