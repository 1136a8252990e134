package extract

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/aitracker/aitracker/internal/memtest"
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

// TestDeepNesting: 10,000, 100,000 and 1,000,000 nested elements give an
// error or some text, never a stack overflow (which would kill the test
// binary), and cost little heap. Under the page's tag cap, <div> and <b>
// meet the HTML parser's depth limit (512) and <table> in <table> makes
// siblings; over it the page is refused before parsing. A million tables
// met readability (13 s, 2.2 GiB) before pages were capped.
func TestDeepNesting(t *testing.T) {
	for _, n := range []int{10000, 100000, 1000000} {
		for _, tag := range []string{"div", "b", "table", "li"} {
			t.Run(fmt.Sprintf("%s×%d", tag, n), func(t *testing.T) {
				body := []byte("<html><body>" + strings.Repeat("<"+tag+">", n) + "<p>deep</p>" + strings.Repeat("</"+tag+">", n) + "</body></html>")
				var p *Page
				var err error
				alloc := memtest.Allocated(func() { p, err = Extract(body, "text/html", "https://example.com/") })
				if err == nil && !strings.Contains(p.Text, "deep") {
					t.Errorf("no error and text %q", p.Text)
				}
				if alloc > 64<<20 {
					t.Errorf("%.0f MiB allocated for a %.1f MB page, want at most 64 MiB", float64(alloc)/(1<<20), float64(len(body))/1e6)
				}
				t.Logf("%v; %.1f MiB allocated", err, float64(alloc)/(1<<20))
			})
		}
	}
}

// TestTooManyElements: a page over the tag cap fails with a clear error;
// one under it is read.
func TestTooManyElements(t *testing.T) {
	if !testing.Short() { // 8 s under the race detector
		para := "<p>Acme Robotics raised forty million dollars in a Series B round led by Sequoia, the company said.</p>"
		under := []byte("<html><body><article>" + strings.Repeat(para, maxElements-10) + "</article></body></html>")
		if p, err := Extract(under, "text/html", "https://example.com/"); err != nil || !strings.Contains(p.Text, "Acme Robotics") {
			t.Fatalf("a page of %d tags: %v", maxElements-7, err)
		}
	}
	over := []byte("<html><body>" + strings.Repeat("<span>x</span>", maxElements) + "</body></html>")
	if _, err := Extract(over, "text/html", "https://example.com/"); !errors.Is(err, ErrTooManyElements) ||
		err.Error() != "extract: page has more than 100000 elements" {
		t.Errorf("a page of %d tags: %v, want ErrTooManyElements", maxElements+2, err)
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
	var cpu time.Duration
	for i := 0; b.Loop(); i++ {
		if i == 0 {
			cpu = cpuTime()
		}
		Extract(pages[i%len(pages)], "text/html; charset=utf-8", "https://example.com/")
	}
	cpu = cpuTime() - cpu
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "pages/s")
	b.ReportMetric(float64(cpu.Microseconds())/1000/float64(b.N), "cpu-ms/page")
}

// TestNoEntityExpansion: HTML knows no DOCTYPE entities; a page that
// declares a billion laughs or an external entity gets them as text.
func TestNoEntityExpansion(t *testing.T) {
	decl := `<!ENTITY lol "lol"><!ENTITY xxe SYSTEM "file:///etc/passwd">`
	for i := 1; i <= 9; i++ {
		prev := "&lol;"
		if i > 1 {
			prev = fmt.Sprintf("&lol%d;", i-1)
		}
		decl += fmt.Sprintf(`<!ENTITY lol%d "%s">`, i, strings.Repeat(prev, 10))
	}
	para := "<p>Acme Robotics raised forty million dollars in a Series B round, the company said on Tuesday. &lol9; &xxe;</p>"
	page := []byte(`<!DOCTYPE html [` + decl + `]><html><head><title>Acme &lol9;</title></head><body><article>` +
		strings.Repeat(para, 20) + `</article></body></html>`)
	var p *Page
	var err error
	alloc := memtest.Allocated(func() { p, err = Extract(page, "text/html", "https://example.com/a") })
	if alloc > 50<<20 {
		t.Errorf("%.1f MiB allocated", float64(alloc)/(1<<20))
	}
	if err != nil {
		t.Fatal(err)
	}
	if all := p.Title + p.Text; !strings.Contains(all, "Acme Robotics") || strings.Contains(all, "lollol") || strings.Contains(all, "root:") || len(all) > 2*len(page) {
		t.Errorf("expanded: %.200s", all)
	}
}
