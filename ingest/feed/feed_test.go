package feed

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

var update = flag.Bool("update", false, "rewrite golden files")

// checkGolden compares b, what parsing the file f gave, with the file
// golden (ignoring space at the ends), or writes it there with -update.
func checkGolden(t *testing.T, f, golden string, b []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(golden, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(bytes.TrimSpace(want), bytes.TrimSpace(b)) {
		t.Errorf("parse of %s differs from %s:\n%s", f, golden, b)
	}
}

// TestGolden parses each testdata feed and compares the result with its
// .golden.json; -update rewrites them.
func TestGolden(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.xml")
	more, _ := filepath.Glob("testdata/*.json")
	for _, f := range append(files, more...) {
		if strings.HasSuffix(f, ".golden.json") {
			continue
		}
		t.Run(filepath.Base(f), func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			var got any
			feed, err := Parse(data, "", "https://news.example.com/feed.xml")
			if err != nil {
				got = map[string]string{"error": err.Error()}
			} else {
				got = feed
			}
			b, _ := json.MarshalIndent(got, "", "  ")
			checkGolden(t, f, strings.TrimSuffix(f, filepath.Ext(f))+".golden.json", append(b, '\n'))
		})
	}
}

func TestParseDetails(t *testing.T) {
	data, _ := os.ReadFile("testdata/rss-relative.xml")
	f, err := Parse(data, "", "https://news.example.com/feed.xml")
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Items) != 2 {
		t.Fatalf("got %d items, want 2 (the empty item is dropped)", len(f.Items))
	}
	it := f.Items[0]
	if it.Link != "https://news.example.com/2026/acme-raises?utm_source=rss" {
		t.Errorf("relative link resolved to %q", it.Link)
	}
	if it.Title != "Acme <Robotics> raises $40M" {
		t.Errorf("title %q", it.Title)
	}
	if strings.Contains(it.Summary, "alert") || strings.Contains(it.Summary, "<") || !strings.Contains(it.Summary, "raised $40 million.\nSecond paragraph.") {
		t.Errorf("summary not flattened to text: %q", it.Summary)
	}
	if want := time.Date(2026, 11, 24, 1, 30, 0, 0, time.UTC); !it.Published.Equal(want) || it.Published.Location() != time.UTC {
		t.Errorf("published %v, want %v in UTC", it.Published, want)
	}
	if !f.Items[1].Published.IsZero() {
		t.Errorf("an item without a date got %v", f.Items[1].Published)
	}
}

func TestParseGB18030(t *testing.T) {
	data, _ := os.ReadFile("testdata/gbk.xml")
	f, err := Parse(data, "", "")
	if err != nil {
		t.Fatal(err)
	}
	if f.Title != "智能快报" || len(f.Items) != 1 || f.Items[0].Title != "深瞳智算完成数亿元Pre-A轮融资" {
		t.Errorf("GB2312-declared feed decoded to %q / %+v", f.Title, f.Items)
	}
}

func TestNotAFeed(t *testing.T) {
	for _, name := range []string{"html-page.xml", "empty.xml", "garbage.xml"} {
		data, _ := os.ReadFile("testdata/" + name)
		if _, err := Parse(data, "", ""); !errors.Is(err, ErrNotAFeed) {
			t.Errorf("%s: err = %v, want ErrNotAFeed", name, err)
		}
	}
}

func TestText(t *testing.T) {
	tests := map[string]string{
		"plain":                           "plain",
		"  two   spaces \n\n lines ":      "two spaces\nlines",
		"a &amp; b &lt;c&gt;":             "a & b <c>",
		"<p>one</p><p>two<br>three</p>":   "one\ntwo\nthree",
		"<script>x()</script>visible":     "visible",
		"<style>p{}</style><b>bold</b> x": "bold x",
		"中文&nbsp;文本":                      "中文 文本",
		"<p>unclosed <b>tags":             "unclosed tags",
		// Tags that are not HTML stay as text, but not inside svg or
		// math; a stray end tag takes no depth below zero.
		"AI <Robotics> news":                            "AI <Robotics> news",
		"<svg><animate/><foo>x</foo></svg><bar>y":       "x<bar>y",
		"</style></math>a<math><mi>b</mi></math><qux>c": "ab<qux>c",
		"<script>x<script>y</script>z</script>w":        "zw",
		"one<br/>two</br>three<hr>four</p>five":         "one\ntwothree\nfour\nfive",
	}
	for in, want := range tests {
		if got := Text(in); got != want {
			t.Errorf("Text(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestSharedCorpus runs every feed of the shared real-world corpus through
// the parser: each parses or gives an error, none panics or hangs, and
// every string that comes out is valid UTF-8 without control characters.
func TestSharedCorpus(t *testing.T) {
	root := filepath.Join("..", "..", "..", "shared", "testdata", "feeds")
	if _, err := os.Stat(root); err != nil {
		t.Skipf("shared test corpus not found at %s (it sits beside the project in development and CI)", root)
	}
	var n, parsed int
	filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasSuffix(path, "LICENSE.txt") {
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return nil
		}
		if strings.HasSuffix(path, ".gz") {
			zr, err := gzip.NewReader(bytes.NewReader(data))
			if err != nil {
				return nil
			}
			data, _ = io.ReadAll(zr)
		}
		n++
		f, err := Parse(data, "", "https://example.com/feed")
		if err != nil {
			return nil
		}
		parsed++
		check := func(what, s string) {
			if !utf8.ValidString(s) {
				t.Errorf("%s: %s is not valid UTF-8", path, what)
			}
			for _, r := range s {
				if r < 0x20 && r != '\n' && r != '\t' {
					t.Errorf("%s: %s has control character %U", path, what, r)
					return
				}
			}
		}
		check("feed title", f.Title)
		for _, it := range f.Items {
			check("item title", it.Title)
			check("item summary", it.Summary)
			check("item content", it.Content)
			if it.Link != "" && !strings.HasPrefix(it.Link, "http") {
				t.Errorf("%s: relative link %q", path, it.Link)
			}
		}
		return nil
	})
	t.Logf("%d files, %d parsed as feeds", n, parsed)
	if n == 0 {
		t.Fatal("no files found in the shared corpus")
	}
}

// fuzzing reports whether this run is go test -fuzz, where an input that
// takes over perInput is a finding.
func fuzzing() bool {
	fl := flag.Lookup("test.fuzz")
	return fl != nil && fl.Value.String() != ""
}

// FuzzParseFeed: whatever the bytes, Parse returns a feed or an error
// without panicking, within perInput under -fuzz, and every string of
// the feed is valid UTF-8 without control characters. Seeded with every
// fixture of testdata.
func FuzzParseFeed(f *testing.F) {
	for _, data := range goldenInputs(f) {
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		// Repair drops tags and closes open ones at most once each; a
		// close tag is one byte longer than the shortest open tag ("<A>",
		// "</A>"), so the text grows by a third of its length at most.
		if fixed, _ := repair(data); 3*len(fixed) > 7*len(data)+3 {
			t.Fatalf("repair made %d bytes of %d", len(fixed), len(data))
		}
		start := time.Now()
		feed, err := Parse(data, "", "https://example.com/")
		if d := time.Since(start); fuzzing() && d > perInput {
			t.Fatalf("took %s", d)
		}
		if err != nil {
			return
		}
		validFeed(t, feed)
	})
}

// TestFeedparserEncoding runs the encoding cases of the Universal Feed
// Parser suite with their simulated HTTP headers: a case feedparser reads
// without complaint must parse here too, with no replacement characters.
func TestFeedparserEncoding(t *testing.T) {
	root := filepath.Join("..", "..", "..", "shared", "testdata", "feeds", "feedparser")
	if _, err := os.Stat(root); err != nil {
		t.Skipf("shared test corpus not found at %s", root)
	}
	var checked int
	for _, dir := range []string{"encoding", "illformed/chardet"} {
		files, _ := filepath.Glob(filepath.Join(root, dir, "*.xml"))
		for _, path := range files {
			data, err := os.ReadFile(path)
			if err != nil {
				continue
			}
			head := string(data[:min(len(data), 2048)])
			var contentType, expect string
			for _, line := range strings.Split(head, "\n") {
				line = strings.TrimSpace(line)
				if v, ok := strings.CutPrefix(line, "Header:"); ok {
					if h, ok := strings.CutPrefix(strings.TrimSpace(v), "Content-type:"); ok {
						contentType = strings.TrimSpace(h)
					}
				}
				if v, ok := strings.CutPrefix(line, "Expect:"); ok {
					expect = strings.TrimSpace(v)
				}
			}
			if !strings.HasPrefix(expect, "not bozo") {
				continue
			}
			checked++
			f, err := Parse(data, contentType, "http://example.com/feed")
			if err != nil {
				t.Errorf("%s (%s): %v", filepath.Base(path), contentType, err)
				continue
			}
			texts := []string{f.Title}
			for _, it := range f.Items {
				texts = append(texts, it.Title, it.Summary)
			}
			for _, s := range texts {
				if strings.ContainsRune(s, '\uFFFD') {
					t.Errorf("%s (%s, read as %s): replacement character in %q", filepath.Base(path), contentType, f.Encoding, s)
					break
				}
			}
		}
	}
	t.Logf("%d well-formed encoding cases checked", checked)
}

// largeFeed is a legitimate 12 MiB feed of 5,000 items full of entities
// (1.35 million "&amp;").
// largeFeed is a 12 MiB RSS feed of 5,000 items with perItem entities
// each (&amp;, one in the title), padded with plain text to the size of
// the densest version: 271 entities an item, 1,355,000 in all.
func largeFeed(perItem int) []byte {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Big busy feed</title>`)
	const dense = "R&amp;D &amp; M&amp;A news, " // 3 entities, 27 bytes
	filler := strings.Repeat(dense, (perItem-1)/3) + strings.Repeat("R&amp;D ", (perItem-1)%3)
	for len(filler) < 90*len(dense) {
		filler += "plain news "
	}
	for i := range 5000 {
		fmt.Fprintf(&b, `<item><guid>item-%d</guid><link>https://big.example/%d</link><title>Story %d &amp; more</title><description>%s</description></item>`, i, i, i, filler)
	}
	b.WriteString(`</channel></rss>`)
	return []byte(b.String())
}

// TestLargeLegitimateFeed: a 12 MiB feed of 5,000 items full of entities
// parses completely, with every entity decoded (limits must not trip on
// real feeds): exactly 100,000 entities, the checklist's case, and
// 1,355,000. Every "&" of the output is counted. Its speed is
// BenchmarkParseLargeFeed's business.
func TestLargeLegitimateFeed(t *testing.T) {
	for _, perItem := range []int{20, 271} {
		t.Run(fmt.Sprint(perItem*5000, " entities"), func(t *testing.T) {
			data := largeFeed(perItem)
			if len(data) < 12<<20 || bytes.Count(data, []byte("&amp;")) != perItem*5000 {
				t.Fatalf("fixture: %d bytes, %d entities", len(data), bytes.Count(data, []byte("&amp;")))
			}
			f, err := Parse(data, "application/rss+xml", "https://big.example/feed")
			if err != nil {
				t.Fatal(err)
			}
			if len(f.Items) != 5000 || f.Items[4999].Title != "Story 4999 & more" {
				t.Fatalf("%d items", len(f.Items))
			}
			decoded := 0
			for i, it := range f.Items {
				if it.GUID != fmt.Sprintf("item-%d", i) || strings.Contains(it.Summary, "&amp;") {
					t.Fatalf("item %d: %q, summary %.80q", i, it.GUID, it.Summary)
				}
				decoded += strings.Count(it.Title, "&") + strings.Count(it.Summary, "&")
			}
			if decoded != perItem*5000 {
				t.Errorf("%d entities decoded, want %d", decoded, perItem*5000)
			}
		})
	}
}

// BenchmarkParseLargeFeed parses the 12 MiB, 5,000-item feed of
// TestLargeLegitimateFeed with 1,355,000 entities; one op is the whole
// feed.
func BenchmarkParseLargeFeed(b *testing.B) {
	data := largeFeed(271)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := Parse(data, "application/rss+xml", "https://big.example/feed"); err != nil {
			b.Fatal(err)
		}
	}
}
