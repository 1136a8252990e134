package feed

import (
	"testing"
)

// TestLegalChars: the characters XML forbids are dropped, raw or as
// references, and nothing else is touched.
func TestLegalChars(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain <a>text</a> &amp; &#233; &#x4E2D; 中文", "plain <a>text</a> &amp; &#233; &#x4E2D; 中文"},
		{"tab\tnewline\ncr\r", "tab\tnewline\ncr\r"},
		{"nul\x00 bell\x07 esc\x1b us\x1f", "nul bell esc us"},
		{"vt\vff\fend", "vt ff end"},
		{"\x01\x02<rss>\x03</rss>\x04", "<rss></rss>"},
		{"del\x7f and U+0085\u0085 are legal", "del\x7f and U+0085\u0085 are legal"},
		{"nonchars \uFFFE\uFFFF \uFFFD kept", "nonchars  \uFFFD kept"},
		{"refs &#1;&#x1b;&#X1F;&#0;&#00000000000000000001;", "refs "},
		{"refs &#xD800;&#57343;&#xFFFE;&#65535;&#x110000;&#99999999999999999999;", "refs "},
		{"legal refs &#9;&#xA;&#13;&#32;&#xFFFD;&#x10FFFF;", "legal refs &#9;&#xA;&#13;&#32;&#xFFFD;&#x10FFFF;"},
		{"not refs &#; &#x; &#1 &#x1b &#xg; &#", "not refs &#; &#x; &#1 &#x1b &#xg; &#"},
		{"&amp;#1; is text", "&amp;#1; is text"},
		{"", ""},
	}
	for _, tc := range tests {
		if got := string(legalChars([]byte(tc.in))); got != tc.want {
			t.Errorf("legalChars(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	clean := []byte("<rss>nothing to drop</rss>")
	if got := legalChars(clean); &got[0] != &clean[0] {
		t.Error("a document with nothing to drop was copied")
	}
}

// TestControlCharacters: a feed with control characters, raw and as
// references, parses (the XML decoder refuses them) and none of them
// reaches a title or summary.
func TestControlCharacters(t *testing.T) {
	doc := "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel><title>Wire\x01 news</title>" +
		"<item><title>Acme\x1b[0m raises\v$40M</title><link>https://w.example/1</link>" +
		"<description>Led by\x00 Sequoia &#x7; &amp;#27; and &lt;b&gt;others&#1;&lt;/b&gt;</description></item></channel></rss>"
	f, err := Parse([]byte(doc), "", "")
	if err != nil {
		t.Fatal(err)
	}
	if f.Title != "Wire news" || len(f.Items) != 1 || f.Items[0].Title != "Acme[0m raises $40M" || f.Items[0].Summary != "Led by Sequoia and others" {
		t.Errorf("got %q and %+v", f.Title, f.Items)
	}
}

// BenchmarkLegalChars scans the 12 MiB feed of BenchmarkParseLargeFeed,
// which has nothing to drop.
func BenchmarkLegalChars(b *testing.B) {
	data := largeFeed(271)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		legalChars(data)
	}
}
