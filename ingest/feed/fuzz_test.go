package feed

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// goldenInputs returns the feed fixtures of testdata and its
// subdirectories (the encodings set), the seeds of the fuzz targets: every
// input that has a golden file, and the others fixtures beside them.
func goldenInputs(t testing.TB) [][]byte {
	var out [][]byte
	err := filepath.WalkDir("testdata", func(path string, d fs.DirEntry, err error) error {
		switch {
		case err != nil:
			return err
		case d.IsDir() && path == filepath.Join("testdata", "fuzz"):
			return filepath.SkipDir // the fuzzer's own corpus
		case d.IsDir(), strings.HasSuffix(path, ".golden.json"), strings.HasSuffix(path, ".txt"):
			return nil
		}
		data, err := os.ReadFile(path)
		out = append(out, data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(out) < 20 {
		t.Fatalf("%d fixtures in testdata", len(out))
	}
	return out
}

// perInput is the longest a fuzz input may take to parse under go test
// -fuzz. Fuzz inputs are a few kilobytes, which parse in microseconds; a
// second is a finding (super-linear work), not load. The seed corpus run
// by a plain go test is not timed: a shared CI machine can be slow by any
// factor, and the speed of real feeds is the benchmarks' business.
const perInput = time.Second

// validText fails t when s is not valid UTF-8 or holds a control
// character other than tab and newline.
func validText(t *testing.T, what, s string) {
	t.Helper()
	if !utf8.ValidString(s) {
		t.Fatalf("%s %q is not valid UTF-8", what, s)
	}
	for _, r := range s {
		if r < 0x20 && r != '\t' && r != '\n' || r == 0x7f {
			t.Fatalf("%s %q holds control character %U", what, s, r)
		}
	}
}

// validFeed checks every string of f with validText.
func validFeed(t *testing.T, f *Feed) {
	t.Helper()
	validText(t, "feed title", f.Title)
	validText(t, "feed link", f.Link)
	validText(t, "feed language", f.Language)
	for _, it := range f.Items {
		for what, s := range map[string]string{"GUID": it.GUID, "link": it.Link, "title": it.Title, "summary": it.Summary, "content": it.Content} {
			validText(t, "item "+what, s)
		}
		for _, s := range append(append([]string(nil), it.Authors...), it.Categories...) {
			validText(t, "item author or category", s)
		}
	}
}

var dateElem = regexp.MustCompile(`(?s)<(pubDate|updated|published|dc:date|lastBuildDate)>(.*?)</|"date_(?:published|modified)":\s*"([^"]*)"`)

// datedFeeds writes one item dated s as RSS, Atom and JSON Feed.
func datedFeeds(s string) map[string][]byte {
	var esc bytes.Buffer
	xml.EscapeText(&esc, []byte(s))
	js, _ := json.Marshal(s)
	return map[string][]byte{
		"rss": fmt.Appendf(nil, `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>D</title>`+
			`<item><title>Dated</title><link>https://d.example/1</link><pubDate>%s</pubDate></item></channel></rss>`, esc.String()),
		"atom": fmt.Appendf(nil, `<?xml version="1.0" encoding="UTF-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>D</title>`+
			`<entry><title>Dated</title><id>urn:d:1</id><link href="https://d.example/1"/><updated>%s</updated></entry></feed>`, esc.String()),
		"json": fmt.Appendf(nil, `{"version": "https://jsonfeed.org/version/1.1", "title": "D", "items": [`+
			`{"id": "1", "url": "https://d.example/1", "title": "Dated", "date_published": %s}]}`, js),
	}
}

// FuzzParseDate puts any string in the date of an RSS, Atom and JSON
// Feed item. Whatever the date, the item is kept; its date is the zero
// time (ingest then uses the fetch time) or a UTC time that JSON and the
// store can write, and RSS and Atom read the same string the same way.
func FuzzParseDate(f *testing.F) {
	for _, data := range goldenInputs(f) {
		for _, m := range dateElem.FindAllSubmatch(data, -1) {
			f.Add(string(m[2]) + string(m[3]))
		}
	}
	for _, s := range []string{
		"Tue, 24 Nov 2026 09:30:00 +0800", "2026-11-20T10:00:00Z", "2026-11-25T08:00:00+01:00",
		"Mon, 23 Nov 2026 10:00:00 GMT", "Mon, 23 Nov 2026 10:00:00 EST", "23 Nov 2026 10:00 PST",
		"Monday, 23-Nov-26 10:00:00 GMT", "2026-11-23", "2026-13-45T99:99:99Z", "yesterday", "",
		"0000-01-01T00:00:00+01:00", "9999-12-31T23:59:59-01:00", "Mon, 01 Jan 0001 00:00:00 +2359",
		"2099-01-01T00:00:00Z", "1970-01-01T00:00:00Z", "2026-11-23T10:00:00.123456789+05:45",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var rssDate time.Time
		for _, format := range []string{"rss", "atom", "json"} {
			doc := datedFeeds(s)[format]
			start := time.Now()
			fd, err := Parse(doc, "", "https://d.example/feed")
			if d := time.Since(start); fuzzing() && d > perInput {
				t.Fatalf("%s: date %q took %s", format, s, d)
			}
			if err != nil {
				t.Fatalf("%s: a date %q failed the feed: %v", format, s, err)
			}
			if len(fd.Items) != 1 || fd.Items[0].Title != "Dated" {
				t.Fatalf("%s: date %q: items %+v", format, s, fd.Items)
			}
			p := fd.Items[0].Published
			if !p.IsZero() && (p.Location() != time.UTC || p.Before(earliest) || p.Year() > 9999) {
				t.Fatalf("%s: date %q read as %v (%s)", format, s, p, p.Location())
			}
			validFeed(t, fd)
			if _, err := json.Marshal(fd.Items[0]); err != nil {
				t.Fatalf("%s: date %q: the item does not marshal: %v", format, s, err)
			}
			switch format {
			case "rss":
				rssDate = p
			case "atom":
				if !p.Equal(rssDate) && strings.TrimSpace(s) == s && utf8.ValidString(s) {
					t.Fatalf("date %q: RSS read %v, Atom %v", s, rssDate, p)
				}
			}
		}
	})
}

// TestItemDates: dates that parse are read in UTC; placeholders and
// dates JSON cannot write are no date at all.
func TestItemDates(t *testing.T) {
	tests := []struct {
		in   string
		want time.Time
	}{
		{"Tue, 24 Nov 2026 09:30:00 +0800", time.Date(2026, 11, 24, 1, 30, 0, 0, time.UTC)},
		{"2026-11-25T08:00:00+01:00", time.Date(2026, 11, 25, 7, 0, 0, 0, time.UTC)},
		{"1990-01-01T00:00:00Z", earliest},
		{"Thu, 01 Jan 1970 00:00:00 +0000", time.Time{}},
		{"1989-12-31T23:59:59Z", time.Time{}},
		{"0000-01-01T00:00:00+01:00", time.Time{}},
		{"Mon, 01 Jan 0001 00:00:00 +2359", time.Time{}},
		{"9999-12-31T23:59:59-01:00", time.Time{}},
		{"yesterday", time.Time{}},
		{"", time.Time{}},
	}
	for _, tc := range tests {
		for format, doc := range datedFeeds(tc.in) {
			fd, err := Parse(doc, "", "")
			if err != nil || len(fd.Items) != 1 {
				t.Fatalf("%s %q: %v", format, tc.in, err)
			}
			if got := fd.Items[0].Published; !got.Equal(tc.want) || !got.IsZero() && got.Location() != time.UTC {
				t.Errorf("%s date %q read as %v, want %v", format, tc.in, got, tc.want)
			}
		}
	}
}

// tagLike counts what a browser could take for the start of a tag: "<"
// followed by a letter, "/" or "!".
func tagLike(s string) int {
	n := 0
	for i := 0; i+1 < len(s); i++ {
		if s[i] == '<' {
			c := s[i+1] | 0x20
			if c >= 'a' && c <= 'z' || s[i+1] == '/' || s[i+1] == '!' {
				n++
			}
		}
	}
	return n
}

// FuzzSanitize: Text, which flattens feed titles and summaries to plain
// text, never panics and takes under a second; its output is valid UTF-8
// without control characters but tab and newline; it adds no tag that was not in the input, as markup
// or escaped ("&lt;b&gt;" is the text "<b>"); and its output is no
// longer than the input but for what entities and NULs decode to.
func FuzzSanitize(f *testing.F) {
	for _, data := range goldenInputs(f) {
		f.Add(string(data))
	}
	for _, s := range []string{
		"plain", "a &amp; b &lt;c&gt;", "<p>one</p><p>two<br>three</p>", "<script>x()</script>visible",
		"<style>p{}</style><b>bold</b> x", "中文&nbsp;文本", "<p>unclosed <b>tags", "Acme <Robotics> raises",
		"<<b>p>", "<scr<b>ipt>alert(1)</script>", "<plaintext><b>x", "<xmp><i>y</i></xmp>", "<title><u>z</u></title>",
		"&nGt; &NotEqualTilde; &#x10FFFF; &#0; &#128;", "<a href=\"javascript:alert(1)\">x</a>", "<!-- c --><![CDATA[d]]>",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		start := time.Now()
		out := Text(s)
		if d := time.Since(start); fuzzing() && d > perInput {
			t.Fatalf("Text of %d bytes took %s", len(s), d)
		}
		validText(t, "Text output", out)
		decoded := html.UnescapeString(s)
		if tagLike(out) > tagLike(decoded) {
			t.Fatalf("Text(%q) = %q: %d tags out, %d in the input", s, out, tagLike(out), tagLike(decoded))
		}
		// Tags and collapsed spaces only shrink the text. An entity can
		// decode to one byte more than itself ("&nLt;" is 6 bytes of
		// UTF-8), and the tokenizer turns a NUL into U+FFFD (3 bytes), as
		// Text does a byte that is not UTF-8.
		if grow := strings.Count(s, "&") + 2*strings.Count(s, "\x00") + 2*invalidBytes(s); len(out) > len(s)+grow {
			t.Fatalf("Text(%q) = %q: %d bytes from %d", s, out, len(out), len(s))
		}
	})
}

// invalidBytes counts the bytes of s that are not part of valid UTF-8.
func invalidBytes(s string) int {
	n := 0
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			n++
		}
		i += size
	}
	return n
}
