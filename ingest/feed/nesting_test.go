package feed

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/aitracker/aitracker/internal/memtest"
)

// nested is an RSS feed of one item whose description holds n nested
// elements (written as markup, not escaped), or, with atTop, whose
// channel does.
func nested(n int, atTop bool) []byte {
	deep := strings.Repeat("<a>", n) + "deep" + strings.Repeat("</a>", n)
	if atTop {
		return []byte(`<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>` + deep +
			`<item><title>x</title><link>https://n.example/1</link></item></channel></rss>`)
	}
	return []byte(`<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><item><title>x</title>` +
		`<link>https://n.example/1</link><description>` + deep + `</description></item></channel></rss>`)
}

// TestDeepNestingXML: 100,000 and 1,000,000 nested elements (the second
// 7 MB, under the body cap) fail with ErrTooDeep before gofeed sees them,
// which took 400 MiB and seconds for the million; a feed nested to the
// limit still parses.
func TestDeepNestingXML(t *testing.T) {
	for _, n := range []int{100000, 1000000} {
		for _, atTop := range []bool{false, true} {
			t.Run(fmt.Sprintf("%d top=%v", n, atTop), func(t *testing.T) {
				doc := nested(n, atTop)
				var err error
				alloc := memtest.Allocated(func() { _, err = Parse(doc, "application/rss+xml", "https://n.example/feed") })
				if !errors.Is(err, ErrTooDeep) || err.Error() != "feed: nested deeper than 10000 elements" {
					t.Errorf("err = %v, want ErrTooDeep", err)
				}
				// The document is copied once to be decoded; nothing is
				// built from it.
				if limit := uint64(2*len(doc) + 1<<20); alloc > limit {
					t.Errorf("%.1f MiB allocated for a %.1f MB document, want at most %.1f MiB", float64(alloc)/(1<<20), float64(len(doc))/1e6, float64(limit)/(1<<20))
				}
			})
		}
	}
	// The deepest that passes: the description's elements, inside rss,
	// channel, item and description.
	f, err := Parse(nested(maxDepth-4, false), "application/rss+xml", "https://n.example/feed")
	if err != nil || len(f.Items) != 1 || f.Items[0].Summary != "deep" {
		t.Errorf("a feed nested %d deep: %v", maxDepth, err)
	}
	if _, err := Parse(nested(maxDepth-3, false), "application/rss+xml", "https://n.example/feed"); !errors.Is(err, ErrTooDeep) {
		t.Errorf("a feed nested %d deep: %v, want ErrTooDeep", maxDepth+1, err)
	}
}

// TestCheckDepth: what counts as nesting and what does not.
func TestCheckDepth(t *testing.T) {
	tests := []struct {
		name string
		doc  string
		max  int // the least limit the document passes
	}{
		{"flat", `<rss><channel><item/><item></item></channel></rss>`, 3},
		{"empty elements", strings.Repeat(`<link href="x"/>`, 100), 0},
		{"stray end tags are ignored", `<a></b></b></b><b><c></c></b></a>`, 3},
		// The lenient decoder closes what an end tag's element left open,
		// so unclosed <br> and <p> of sloppy HTML do not pile up.
		{"unclosed tags close with their parent", `<rss><channel>` + strings.Repeat(`<item><description>a<br>b<p>c<br></description></item>`, 1000) + `</channel></rss>`, 7},
		{"comments, CDATA and PIs hold no elements", `<?xml version="1.0"?><a><!-- <b><b><b> --><![CDATA[<b><b><b>]]><?pi <b><b>?></a>`, 1},
		{"DOCTYPE internal subset", `<!DOCTYPE a [<!ENTITY e "<b><b><b>"><!ELEMENT a ANY>]><a>&e;</a>`, 1},
		{"quoted > in attributes", `<a title="x>y" alt='<b><b>'><c/></a>`, 1},
		{"a stray < in text", `<a>1 < 2 <3 <-x</a>`, 1},
		{"unterminated", `<a><b><c`, 3},
		{"deep", strings.Repeat("<x>", 50) + strings.Repeat("</x>", 50), 50},
		{"repeated deep", strings.Repeat(strings.Repeat("<x>", 50)+strings.Repeat("</x>", 50), 100), 50},
	}
	for _, tc := range tests {
		if _, err := checkDepth([]byte(tc.doc), tc.max); err != nil {
			t.Errorf("%s: limit %d: %v", tc.name, tc.max, err)
		}
		if tc.max > 0 {
			if _, err := checkDepth([]byte(tc.doc), tc.max-1); !errors.Is(err, ErrTooDeep) {
				t.Errorf("%s: limit %d: %v, want ErrTooDeep", tc.name, tc.max-1, err)
			}
		}
	}
}

// BenchmarkCheckDepth scans the 12 MiB feed of BenchmarkParseLargeFeed.
func BenchmarkCheckDepth(b *testing.B) {
	data := largeFeed(271)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := checkDepth(data, maxDepth); err != nil {
			b.Fatal(err)
		}
	}
}

// TestRepairKeepsItems: a stray end tag or an unclosed start tag around
// the items made gofeed end the channel early or hide the items inside
// another element, and drop them without an error; the repaired document
// gives them all. A well-formed feed is left as it is.
func TestRepairKeepsItems(t *testing.T) {
	feed := func(extra, between string) string {
		return `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>` + extra +
			`<item><title>a</title><link>https://x.example/1</link></item>` + between +
			`<item><title>b</title><link>https://x.example/2</link><description>one<br>two</p>three</description></item></channel></rss>`
	}
	atom := func(extra string) string {
		return `<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>` + extra +
			`<entry><title>a</title><link href="https://x.example/1"/></entry><entry><title>b</title><link href="https://x.example/2"/></entry></feed>`
	}
	tests := []struct{ name, doc string }{
		{"stray end tag in the channel", feed("</b>", "")},
		{"extra </item>", feed("", "</item>")},
		{"unclosed <b> in the channel", feed("<b>", "")},
		{"unclosed element between items", feed("", "<span>")},
		{"item left open", feed("", "")[:strings.Index(feed("", ""), "</item>")] + feed("", "")[strings.Index(feed("", ""), "</item>")+7:]},
		{"stray end tag in an Atom feed", atom("</div>")},
		{"unclosed element in an Atom feed", atom("<div>")},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f, err := Parse([]byte(tc.doc), "", "")
			if err != nil {
				t.Fatal(err)
			}
			if len(f.Items) != 2 || f.Items[0].Title != "a" || f.Items[1].Title != "b" {
				t.Errorf("%d items: %+v", len(f.Items), f.Items)
			}
		})
	}
	clean := strings.Replace(feed("", ""), "one<br>two</p>three", "one<br/>two", 1)
	for _, doc := range []string{clean, atom(""), string(largeFeed(271))} {
		if out, changed := repair([]byte(doc)); changed {
			t.Errorf("a well-formed feed was rewritten:\n%.300s\n%.300s", doc, out)
		}
	}
}
