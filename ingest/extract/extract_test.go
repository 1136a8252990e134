package extract

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

func TestExtract(t *testing.T) {
	body, err := os.ReadFile("testdata/article.html")
	if err != nil {
		t.Fatal(err)
	}
	p, err := Extract(body, "text/html; charset=utf-8", "https://news.example.com/2026/11/acme?utm_source=rss")
	if err != nil {
		t.Fatal(err)
	}
	if p.Canonical != "https://news.example.com/2026/11/acme-robotics-series-b" {
		t.Errorf("canonical %q", p.Canonical)
	}
	if !p.Published.Equal(time.Date(2026, 11, 24, 1, 30, 0, 0, time.UTC)) {
		t.Errorf("published %v", p.Published)
	}
	if !strings.HasPrefix(p.Text, "Acme Robotics, a Boston start-up") || !strings.Contains(p.Text, "delivery times") {
		t.Errorf("text %q", p.Text)
	}
	for _, junk := range []string{"cookies", "Related", "All rights reserved", "Home"} {
		if strings.Contains(p.Text, junk) {
			t.Errorf("text keeps boilerplate %q", junk)
		}
	}
	if p.Lang != "en" || p.Title == "" || !p.Readerable {
		t.Errorf("page %+v", p)
	}
}

func TestTextDate(t *testing.T) {
	tests := map[string]time.Time{
		"来源：新华社 2019-09-07 13:43:45 责任编辑": time.Date(2019, 9, 7, 5, 43, 45, 0, time.UTC),
		"2019年09月09日 18:13 来源":            time.Date(2019, 9, 9, 10, 13, 0, 0, time.UTC),
		"发布于2019/9/5":                     time.Date(2019, 9, 4, 16, 0, 0, 0, time.UTC),
		"no date":                         {},
		"2019-13-45":                      {},
	}
	for in, want := range tests {
		if got := textDate(in, true); !got.Equal(want) {
			t.Errorf("textDate(%q) = %v, want %v", in, got, want)
		}
	}
}

// fuzzing reports whether this run is go test -fuzz, where an input that
// takes seconds is a finding; the seed corpus run as a plain test is not
// timed (a shared CI machine can be slow by any factor).
func fuzzing() bool {
	fl := flag.Lookup("test.fuzz")
	return fl != nil && fl.Value.String() != ""
}

func FuzzExtract(f *testing.F) {
	if b, err := os.ReadFile("testdata/article.html"); err == nil {
		f.Add(b)
	}
	f.Add([]byte("<html><body><p>短文本</p></body></html>"))
	f.Add([]byte(strings.Repeat("<div>", 2000)))
	f.Fuzz(func(t *testing.T, body []byte) {
		start := time.Now()
		p, err := Extract(body, "", "https://example.com/a")
		if d := time.Since(start); fuzzing() && d > 2*time.Second {
			t.Fatalf("took %s", d)
		}
		if err != nil && p == nil {
			return
		}
		if !utf8.ValidString(p.Text) || !utf8.ValidString(p.Title) {
			t.Fatal("invalid UTF-8")
		}
	})
}

func TestDeepNesting(t *testing.T) {
	body := []byte("<html><body>" + strings.Repeat("<div>", 100000) + "<p>deep</p>" + strings.Repeat("</div>", 100000) + "</body></html>")
	// No stack overflow (that would kill the test binary); the text is
	// found or there is an error.
	p, err := Extract(body, "text/html", "https://example.com/")
	if err == nil && !strings.Contains(p.Text, "deep") {
		t.Errorf("100,000 nested elements: no error and text %q", p.Text)
	}
}

// BenchmarkExtract reads the article extraction benchmark's pages; one op
// is one page.
func BenchmarkExtract(b *testing.B) {
	dir := filepath.Join(articles, "scrapinghub-aeb", "html")
	files, _ := filepath.Glob(filepath.Join(dir, "*.html.gz"))
	if len(files) == 0 {
		b.Skip("shared article corpus not found")
	}
	var pages [][]byte
	var size int
	for _, f := range files {
		p := readMaybeGz(b, f)
		pages = append(pages, p)
		size += len(p)
	}
	b.SetBytes(int64(size / len(pages)))
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		Extract(pages[i%len(pages)], "text/html; charset=utf-8", "https://example.com/")
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "pages/s")
}
