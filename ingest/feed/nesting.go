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

// tag is a start or end tag of an XML document.
type tag struct {
	end      bool // </name>
	empty    bool // <name/>
	name     []byte
	from, to int // where the tag sits in the document
}

// eachTag calls f on the start and end tags of an XML document in order,
// until f returns false. It builds nothing and reads each byte about
// once. Comments, CDATA sections, processing instructions and the
// DOCTYPE (internal subset included) hold no tags; a "<" that starts no
// name ("1 < 2", "<3") is text.
func eachTag(b []byte, f func(tag) bool) {
	for i := 0; i < len(b); {
		j := bytes.IndexByte(b[i:], '<')
		if j < 0 {
			return
		}
		i += j
		rest := b[i:]
		var n int
		t := tag{from: i}
		switch {
		case bytes.HasPrefix(rest, []byte("<!--")):
			n = until(rest, 4, "-->")
		case bytes.HasPrefix(rest, []byte("<![CDATA[")):
			n = until(rest, 9, "]]>")
		case bytes.HasPrefix(rest, []byte("<?")):
			n = until(rest, 2, "?>")
		case bytes.HasPrefix(rest, []byte("<!")):
			n = declEnd(rest)
		case bytes.HasPrefix(rest, []byte("</")):
			name := tagName(rest[2:])
			if len(name) == 0 {
				n = 2 // "</>" and "</ x>" are no tags
				break
			}
			n = until(rest, 2, ">")
			t.end, t.name = true, name
		default:
			name := tagName(rest[1:])
			if len(name) == 0 {
				n = 1
				break
			}
			t.name, n = name, tagEnd(rest)
			t.empty = rest[n-1] == '>' && rest[n-2] == '/'
		}
		i += n
		if t.name != nil {
			t.to = i
			if !f(t) {
				return
			}
		}
	}
}

// openTags is the stack of open elements as gofeed's lenient decoder
// keeps it: an end tag closes the innermost open element of its name and
// those opened after it.
type openTags struct {
	names [][]byte
	count map[string]int // how many of each name are open
}

func (o *openTags) push(name []byte) {
	if o.count == nil {
		o.count = map[string]int{}
	}
	o.names = append(o.names, name)
	o.count[string(name)]++
}

func (o *openTags) pop() []byte {
	top := o.names[len(o.names)-1]
	o.names = o.names[:len(o.names)-1]
	if n := o.count[string(top)]; n > 1 {
		o.count[string(top)] = n - 1
	} else {
		delete(o.count, string(top))
	}
	return top
}

func (o *openTags) isOpen(name []byte) bool { return o.count[string(name)] > 0 }

// close closes name and everything opened after it.
func (o *openTags) close(name []byte) {
	for len(o.names) > 0 && !bytes.Equal(o.pop(), name) {
	}
}

// checkDepth fails with ErrTooDeep when the elements of an XML document
// nest deeper than max; it also counts the item and entry start tags.
func checkDepth(b []byte, max int) (entries int, err error) {
	var open openTags
	eachTag(b, func(t tag) bool {
		switch {
		case t.end:
			if open.isOpen(t.name) {
				open.close(t.name)
			}
		case t.empty:
		case len(open.names) == max:
			err = ErrTooDeep
			return false
		default:
			if isEntry(t.name) {
				entries++
			}
			open.push(t.name)
		}
		return true
	})
	return entries, err
}

// isEntry reports whether name is that of an RSS item or an Atom entry.
func isEntry(name []byte) bool {
	switch string(name) {
	case "item", "entry", "rss:item", "rdf:item", "atom:entry":
		return true
	}
	return false
}

// isContainer reports whether name is that of an element that holds
// items or entries.
func isContainer(name []byte) bool {
	switch string(name) {
	case "rss", "channel", "rdf:RDF", "RDF", "feed", "atom:feed", "rss:channel":
		return true
	}
	return false
}

// repair rewrites the tags of an ill-formed feed that make gofeed lose
// items: an end tag that closes nothing open ("</b>" in a channel, an
// extra "</item>") is dropped, and an item or entry closes what is still
// open inside its channel or feed (an unclosed "<b>", the item before).
// It reports whether anything changed.
func repair(b []byte) ([]byte, bool) {
	var out bytes.Buffer
	var open openTags
	last, changed := 0, false
	eachTag(b, func(t tag) bool {
		switch {
		case t.end:
			if !open.isOpen(t.name) {
				out.Write(b[last:t.from])
				last, changed = t.to, true
				break
			}
			open.close(t.name)
		case t.empty:
		default:
			if isEntry(t.name) && len(open.names) > 0 && !isContainer(open.names[len(open.names)-1]) {
				out.Write(b[last:t.from])
				for len(open.names) > 0 && !isContainer(open.names[len(open.names)-1]) {
					fmt.Fprintf(&out, "</%s>", open.pop())
				}
				last, changed = t.from, true
			}
			open.push(t.name)
		}
		return true
	})
	if !changed {
		return b, false
	}
	out.Write(b[last:])
	return out.Bytes(), true
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
func tagEnd(b []byte) int { return markupEnd(b, 1, false) }

// declEnd returns the length of a <!DOCTYPE …> declaration at the start
// of b, its bracketed internal subset and quoted strings included.
func declEnd(b []byte) int { return markupEnd(b, 2, true) }

// markupEnd returns the length of the markup at the start of b, read from
// index from: up to the first ">" outside quoted strings (and outside
// brackets, when bracketed), or all of b.
func markupEnd(b []byte, from int, bracketed bool) int {
	var quote byte
	brackets := 0
	for k := from; k < len(b); k++ {
		switch c := b[k]; {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case bracketed && c == '[':
			brackets++
		case bracketed && c == ']':
			brackets--
		case c == '>' && brackets <= 0:
			return k + 1
		}
	}
	return len(b)
}
