package extract

import (
	"encoding/json"
	"strings"

	"codeberg.org/readeck/go-readability/v2/render"
	"golang.org/x/net/html"
)

// maxJSONLD is the most bytes of one JSON-LD script that are decoded.
const maxJSONLD = 1 << 20

// jsonLDBody returns the longest schema.org articleBody in the page's
// JSON-LD scripts (texts), as plain text; "" when there is none.
func jsonLDBody(scripts []string) string {
	best := ""
	for _, s := range scripts {
		s = strings.TrimSpace(s)
		s = strings.TrimPrefix(s, "<![CDATA[")
		s = strings.TrimSuffix(s, "]]>")
		if len(s) > maxJSONLD || !strings.Contains(s, "articleBody") {
			continue
		}
		var v any
		// Publishers' JSON-LD is often loose: raw line breaks inside
		// strings, a comma after the object. Read the first value, with
		// control characters in strings escaped.
		if json.NewDecoder(strings.NewReader(escapeControls(s))).Decode(&v) != nil {
			continue
		}
		if b := findArticleBody(v, 0); len(b) > len(best) {
			best = b
		}
	}
	if best == "" {
		return ""
	}
	if strings.Contains(best, "<") {
		if doc, err := html.Parse(strings.NewReader(best)); err == nil {
			return tidy(render.InnerText(doc))
		}
	}
	return tidy(html.UnescapeString(best))
}

// findArticleBody returns the longest "articleBody" string in v.
func findArticleBody(v any, depth int) string {
	if depth > 20 {
		return ""
	}
	best := ""
	switch x := v.(type) {
	case map[string]any:
		if s, ok := x["articleBody"].(string); ok {
			best = s
		}
		for k, e := range x {
			if k == "articleBody" {
				continue
			}
			if s := findArticleBody(e, depth+1); len(s) > len(best) {
				best = s
			}
		}
	case []any:
		for _, e := range x {
			if s := findArticleBody(e, depth+1); len(s) > len(best) {
				best = s
			}
		}
	}
	return best
}

// escapeControls escapes the control characters that appear raw inside
// the strings of s, which JSON does not allow.
func escapeControls(s string) string {
	var b strings.Builder
	in, esc, changed := false, false, false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case esc:
			esc = false
		case in && c == '\\':
			esc = true
		case c == '"':
			in = !in
		case in && c < 0x20:
			if !changed {
				b.Grow(len(s) + 16)
				b.WriteString(s[:i])
				changed = true
			}
			switch c {
			case '\n':
				b.WriteString(`\n`)
			case '\t':
				b.WriteString(`\t`)
			default:
				b.WriteByte(' ')
			}
			continue
		}
		if changed {
			b.WriteByte(c)
		}
	}
	if !changed {
		return s
	}
	return b.String()
}
