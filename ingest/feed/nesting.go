package feed

import (
	"bytes"
	"fmt"
)

// maxDepth is how deeply a feed's XML elements may nest. Real feeds nest
// a handful of levels, and sloppy HTML pasted into them (unclosed <br>
// and <p>) some hundreds more at worst; a million levels, seven
// megabytes, cost gofeed 400 MiB and seconds, ten thousand about 4 MiB.
const maxDepth = 10000

// ErrTooDeep is returned for a document whose elements nest deeper than
// the parser takes.
var ErrTooDeep = fmt.Errorf("feed: nested deeper than %d elements", maxDepth)

// checkDepth scans an XML document for its deepest element nesting,
// without building anything, and fails with ErrTooDeep past max. An end
// tag closes the innermost open element of its name and those opened
// after it, as the lenient decoder gofeed uses does; one that closes
// nothing open is ignored. Comments, CDATA, processing instructions and
// the DOCTYPE (with its internal subset) hold no elements.
func checkDepth(b []byte, max int) error {
	var open [][]byte             // names of the open elements
	count := make(map[string]int) // how many of each name are open
	for i := 0; i < len(b); {
		j := bytes.IndexByte(b[i:], '<')
		if j < 0 {
			return nil
		}
		i += j
		rest := b[i:]
		var skip int
		switch {
		case bytes.HasPrefix(rest, []byte("<!--")):
			skip = until(rest, 4, "-->")
		case bytes.HasPrefix(rest, []byte("<![CDATA[")):
			skip = until(rest, 9, "]]>")
		case bytes.HasPrefix(rest, []byte("<?")):
			skip = until(rest, 2, "?>")
		case bytes.HasPrefix(rest, []byte("<!")):
			skip = declEnd(rest)
		case bytes.HasPrefix(rest, []byte("</")):
			name := tagName(rest[2:])
			skip = until(rest, 2, ">")
			if count[string(name)] == 0 {
				break
			}
			for len(open) > 0 {
				top := open[len(open)-1]
				open = open[:len(open)-1]
				if n := count[string(top)]; n > 1 {
					count[string(top)] = n - 1
				} else {
					delete(count, string(top))
				}
				if bytes.Equal(top, name) {
					break
				}
			}
		default:
			name := tagName(rest[1:])
			if len(name) == 0 {
				skip = 1 // a stray "<" in text
				break
			}
			skip = tagEnd(rest)
			if rest[skip-1] == '>' && rest[skip-2] == '/' {
				break // <empty/>
			}
			if len(open) == max {
				return ErrTooDeep
			}
			open = append(open, name)
			count[string(name)]++
		}
		i += skip
	}
	return nil
}

// until returns the length of b up to and including the first end after
// from, or all of b.
func until(b []byte, from int, end string) int {
	if k := bytes.Index(b[from:], []byte(end)); k >= 0 {
		return from + k + len(end)
	}
	return len(b)
}

// tagName reads an element name at the start of b.
func tagName(b []byte) []byte {
	n := 0
	for n < len(b) {
		c := b[n]
		if c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '/' || c == '>' || c == '<' {
			break
		}
		n++
	}
	if n > 0 && (b[0] == '-' || b[0] == '.' || b[0] >= '0' && b[0] <= '9') {
		return nil // names do not start so: "<3", "< 5" are text
	}
	return b[:n]
}

// tagEnd returns the length of the tag at the start of b, up to its ">"
// outside quoted attribute values, or all of b.
func tagEnd(b []byte) int {
	var quote byte
	for k := 1; k < len(b); k++ {
		switch c := b[k]; {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '>':
			return k + 1
		}
	}
	return len(b)
}

// declEnd returns the length of a <!DOCTYPE …> declaration at the start
// of b, its bracketed internal subset and quoted strings included.
func declEnd(b []byte) int {
	var quote byte
	brackets := 0
	for k := 2; k < len(b); k++ {
		switch c := b[k]; {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '[':
			brackets++
		case c == ']':
			brackets--
		case c == '>' && brackets <= 0:
			return k + 1
		}
	}
	return len(b)
}
