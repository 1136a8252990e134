package web

import (
	goflag "flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/aitracker/aitracker/ingest/feed"
)

// The sanitizer golden set. aitracker shows feed content as text only:
// the feed parser flattens every title and summary to plain text
// (feed.Text), and the pages, feeds and mail escape that text. So the
// golden output of each hostile input in testdata/sanitize/NAME.html is
// the flattened text in NAME.golden. The "allowed markup preserved
// byte-for-byte" half of a sanitizer's golden set does not apply: no
// markup is allowed, not even p, a, img, lists or code (the case
// allowed-markup shows them flattened too). What a page makes of the text
// is checked by TestHostileFeedThroughPages.

var update = goflag.Bool("update", false, "rewrite the golden files of testdata/sanitize")

// sanitizeCase is one hostile feed item: its HTML and the text it must
// flatten to.
type sanitizeCase struct {
	name, html, golden string
}

// requiredCases are the attacks the golden set must hold a case for.
var requiredCases = []string{
	"script", "event-handlers", "javascript-url", "data-url", "vbscript-url", "svg-script", "iframe",
	"meta-refresh", "base", "form", "style-expression", "style-url-javascript", "entity-encoded", "mixed-case",
}

func sanitizeCases(t *testing.T) []sanitizeCase {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("testdata", "sanitize", "*.html"))
	if err != nil {
		t.Fatal(err)
	}
	var out []sanitizeCase
	for _, f := range files {
		in, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		c := sanitizeCase{name: strings.TrimSuffix(filepath.Base(f), ".html"), html: strings.TrimSuffix(string(in), "\n")}
		golden, err := os.ReadFile(strings.TrimSuffix(f, ".html") + ".golden")
		if err != nil && !*update {
			t.Fatalf("%s has no golden file (go test ./web -run TestSanitizeGolden -update writes it): %v", f, err)
		}
		// The file ends with one line break that is not part of the text.
		c.golden = strings.TrimSuffix(string(golden), "\n")
		out = append(out, c)
	}
	var names []string
	for _, c := range out {
		names = append(names, c.name)
	}
	for _, want := range requiredCases {
		if !slices.Contains(names, want) {
			t.Errorf("the golden set has no case %q", want)
		}
	}
	return out
}

// TestSanitizeGolden flattens each hostile input and compares the text
// with its golden file, byte for byte.
func TestSanitizeGolden(t *testing.T) {
	for _, c := range sanitizeCases(t) {
		t.Run(c.name, func(t *testing.T) {
			got := feed.Text(c.html)
			if *update {
				if err := os.WriteFile(filepath.Join("testdata", "sanitize", c.name+".golden"), []byte(got+"\n"), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if got != c.golden {
				t.Errorf("flattened text differs from %s.golden\n got: %q\nwant: %q", c.name, got, c.golden)
			}
		})
	}
}
