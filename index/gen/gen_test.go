package gen

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/aitracker/aitracker/news"
)

// TestShape checks the generated corpus looks like the news it stands
// for: the language mix, lengths, event mix, duplicates, valid text, and
// the same articles for the same seed.
func TestShape(t *testing.T) {
	g, err := New(1)
	if err != nil {
		t.Fatal(err)
	}
	const n = 20000
	var zh, bodies, dups, funding, textBytes int
	for i := 0; i < n; i++ {
		a := g.Next()
		if a.ID != int64(i+1) || a.Title == "" || a.Summary == "" || a.SourceName == "" || a.Published.IsZero() {
			t.Fatalf("article %d incomplete: %+v", i, a)
		}
		if !utf8.ValidString(a.Title + a.Summary + a.Body) {
			t.Fatalf("article %d is not valid UTF-8", a.ID)
		}
		if a.Published.After(End) || a.Published.Before(End.Add(-Span)) {
			t.Fatalf("article %d published %s", a.ID, a.Published)
		}
		if a.Lang == "zh" {
			zh++
		}
		if a.Body != "" {
			bodies++
		}
		if a.DuplicateOf != 0 {
			dups++
		}
		if a.Tags.EventType == news.EventFunding {
			funding++
			if a.Tags.Fields.AmountUSD <= 0 || a.Tags.Fields.Round == "" {
				t.Fatalf("funding article %d without amount or round", a.ID)
			}
		}
		textBytes += len(a.Title) + len(a.Summary) + len(a.Body)
	}
	share := func(k int) float64 { return float64(k) / n }
	t.Logf("zh %.2f, with body %.2f, duplicates %.2f, funding %.2f, %.0f bytes of text per article",
		share(zh), share(bodies), share(dups), share(funding), float64(textBytes)/n)
	for _, c := range []struct {
		name        string
		got, lo, hi float64
	}{
		{"Chinese", share(zh), .22, .28}, {"full text", share(bodies), .31, .39}, {"duplicates", share(dups), .06, .10},
		{"funding", share(funding), .27, .33}, {"bytes per article", float64(textBytes) / n, 800, 2500},
	} {
		if c.got < c.lo || c.got > c.hi {
			t.Errorf("%s: %.2f outside [%.2f, %.2f]", c.name, c.got, c.lo, c.hi)
		}
	}
	a1, _ := New(7)
	a2, _ := New(7)
	for i := 0; i < 100; i++ {
		x, y := a1.Next(), a2.Next()
		if x.Title != y.Title || x.Body != y.Body || !x.Published.Equal(y.Published) {
			t.Fatal("the same seed gave different articles")
		}
	}
}

// TestTexts: every text of both languages names only slots fill knows,
// and fills each one.
func TestTexts(t *testing.T) {
	g, err := New(1)
	if err != nil {
		t.Fatal(err)
	}
	s := &slots{c: "C", o: "O", amount: "A", round: "R", what: []string{"W"}, model: []string{"M"}, product: []string{"P"}}
	for lang, texts := range map[string]map[news.EventType][2]string{"en": enTexts, "zh": zhTexts} {
		if _, ok := texts[""]; !ok {
			t.Errorf("%s: no text for other events", lang)
		}
		for et, text := range texts {
			for _, tmpl := range text {
				func() {
					defer func() {
						if r := recover(); r != nil {
							t.Errorf("%s %s: %q: %v", lang, et, tmpl, r)
						}
					}()
					if got := g.fill(tmpl, s); strings.ContainsAny(got, "{}") {
						t.Errorf("%s %s: %q filled as %q", lang, et, tmpl, got)
					}
				}()
			}
		}
	}
}
