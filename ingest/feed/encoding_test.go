package feed

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// contentTypes reads testdata/encodings/content-types.txt: a fixture's
// name, a tab and the Content-Type it is served with.
func contentTypes(t *testing.T) map[string]string {
	t.Helper()
	f, err := os.Open("testdata/encodings/content-types.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		name, ct, ok := strings.Cut(line, "\t")
		if !ok {
			t.Fatalf("content-types.txt: %q has no tab", line)
		}
		if _, err := os.Stat(filepath.Join("testdata/encodings", name)); err != nil {
			t.Fatalf("content-types.txt names %s: %v", name, err)
		}
		out[name] = ct
	}
	return out
}

// textOnly is what TestEncodings compares: the charset read and every
// title and body.
type textOnly struct {
	Encoding string
	Title    string
	Items    []struct{ Title, Summary, Content string }
}

// TestEncodings parses each feed of testdata/encodings, written in
// windows-1251, KOI8-R, GBK, Big5, Shift_JIS, UTF-16 with a byte-order
// mark, windows-1252 under an ISO-8859-1 label, UTF-8 with a mark, or
// with a charset in the HTTP header that disagrees with the prolog, and
// two UTF-8 feeds with damage: broken bytes and C0 control characters.
// Titles and bodies must match the golden UTF-8 exactly (-update rewrites
// the golden files): broken bytes become U+FFFD, control characters are
// gone, and nothing else is touched.
func TestEncodings(t *testing.T) {
	cts := contentTypes(t)
	files, _ := filepath.Glob("testdata/encodings/*.xml")
	if len(files) < 11 {
		t.Fatalf("%d fixtures in testdata/encodings", len(files))
	}
	for _, f := range files {
		name := filepath.Base(f)
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			fd, err := Parse(data, cts[name], "https://enc.example.com/feed.xml")
			if err != nil {
				t.Fatalf("%s (Content-Type %q): %v", name, cts[name], err)
			}
			got := textOnly{Encoding: fd.Encoding, Title: fd.Title}
			for _, it := range fd.Items {
				got.Items = append(got.Items, struct{ Title, Summary, Content string }{it.Title, it.Summary, it.Content})
			}
			for _, s := range append([]string{got.Title}, flatten(got)...) {
				if !utf8.ValidString(s) {
					t.Errorf("invalid UTF-8: %q", s)
				}
				for _, r := range s {
					if r < 0x20 && r != '\n' || r == 0x7f {
						t.Errorf("control character %U in %q", r, s)
					}
				}
				if strings.ContainsRune(s, '\uFFFD') && name != "invalid-utf8.xml" {
					t.Errorf("replacement character in %q", s)
				}
			}
			var buf bytes.Buffer
			enc := json.NewEncoder(&buf)
			enc.SetEscapeHTML(false)
			enc.SetIndent("", "  ")
			if err := enc.Encode(got); err != nil {
				t.Fatal(err)
			}
			checkGolden(t, f, strings.TrimSuffix(f, ".xml")+".golden.json", buf.Bytes())
		})
	}
}

func flatten(x textOnly) []string {
	var out []string
	for _, it := range x.Items {
		out = append(out, it.Title, it.Summary, it.Content)
	}
	return out
}
