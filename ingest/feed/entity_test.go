package feed

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/aitracker/aitracker/internal/memtest"
)

// entityBomb is a feed whose DOCTYPE declares entities that use holds
// in the channel title, an item title and a description.
type entityBomb struct{ name, doctype, use string }

func (e entityBomb) doc() []byte {
	return []byte(`<?xml version="1.0"?>` + e.doctype + `<rss version="2.0"><channel><title>T ` + e.use + `</title>` +
		`<item><title>I ` + e.use + `</title><link>https://e.example/1</link><description>D ` + e.use + `</description></item></channel></rss>`)
}

func entityBombs() []entityBomb {
	laughs := `<!ENTITY lol "lol">`
	for i := 1; i <= 9; i++ {
		laughs += fmt.Sprintf(`<!ENTITY lol%d "%s">`, i, strings.Repeat(fmt.Sprintf("&lol%d;", i-1), 10))
	}
	laughs = strings.Replace(laughs, "&lol0;", "&lol;", -1)
	big := strings.Repeat("x", 1000)
	return []entityBomb{
		{"billion laughs", `<!DOCTYPE rss [` + laughs + `]>`, "&lol9;"},
		{"quadratic blowup", `<!DOCTYPE rss [<!ENTITY big "` + big + `">]>`, strings.Repeat("&big;", 10000)},
		{"external file", `<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>`, "&xxe;"},
		{"external URL", `<!DOCTYPE rss [<!ENTITY xxe SYSTEM "http://127.0.0.1:1/secret">]>`, "&xxe;"},
		{"parameter entity", `<!DOCTYPE rss [<!ENTITY % ext SYSTEM "file:///etc/passwd"> %ext;]>`, "plain"},
		{"external DTD", `<!DOCTYPE rss SYSTEM "file:///etc/passwd">`, "plain"},
	}
}

// BenchmarkHostileXML parses the entity bombs of TestNoEntityExpansion
// and the deep documents of TestDeepNestingXML; one op is one document.
// The checklist wants each within 1 s; tests bound the memory and the
// output instead, and the time is reported here.
func BenchmarkHostileXML(b *testing.B) {
	docs := map[string][]byte{
		"nested 100000":  nested(100000, false),
		"nested 1000000": nested(1000000, false),
	}
	for _, e := range entityBombs() {
		docs[e.name] = e.doc()
	}
	for name, doc := range docs {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(doc)))
			for b.Loop() {
				Parse(doc, "application/rss+xml", "https://e.example/feed")
			}
		})
	}
}

// TestNoEntityExpansion: entities declared in a DOCTYPE are never
// expanded, so neither a billion laughs, nor an entity used thousands of
// times, nor an external entity naming a local file or a URL costs memory
// or leaks anything; the parse gives an error or the references as text.
func TestNoEntityExpansion(t *testing.T) {
	tests := entityBombs()
	passwd, _ := os.ReadFile("/etc/passwd")
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			doc := tc.doc()
			var f *Feed
			var err error
			alloc := memtest.Allocated(func() { f, err = Parse(doc, "application/rss+xml", "https://e.example/feed") })
			if alloc > 50<<20 {
				t.Errorf("%.1f MiB allocated for a %d-byte document, want under 50 MiB", float64(alloc)/(1<<20), len(doc))
			}
			if err != nil {
				t.Logf("error: %v", err)
				return
			}
			out, _ := json.Marshal(f)
			if len(out) > 2*len(doc)+1000 {
				t.Errorf("output of %d bytes from %d: entities were expanded", len(out), len(doc))
			}
			if strings.Contains(string(out), "lollol") || strings.Contains(string(out), "root:") ||
				len(passwd) > 0 && strings.Contains(string(out), strings.SplitN(string(passwd), "\n", 2)[0]) {
				t.Errorf("expanded or leaked: %.300s", out)
			}
			t.Logf("parsed, %.1f MiB allocated; item title %q", float64(alloc)/(1<<20), f.Items[0].Title[:min(len(f.Items[0].Title), 60)])
		})
	}
}
