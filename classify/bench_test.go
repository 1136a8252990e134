package classify_test

import (
	"strings"
	"testing"
	"time"

	"github.com/aitracker/aitracker/classify"
	"github.com/aitracker/aitracker/demo"
	"github.com/aitracker/aitracker/ingest/feed"
)

// corpus is a realistic mix of English and Chinese articles: the sample
// feeds' items, each given a body made of other items' text so that the
// length is that of a short news story (about 1.5 KB).
func corpus(b *testing.B) []classify.Input {
	b.Helper()
	var items []feed.Item
	for _, name := range []string{"ai-wire.rss.xml", "deal-desk.atom.xml", "zhineng-kuaibao.rss.xml", "lab-notes.feed.json"} {
		data, err := demo.Render(name, "https://demo.example", time.Now())
		if err != nil {
			b.Fatal(err)
		}
		f, err := feed.Parse(data, "", "https://demo.example/feeds/"+name)
		if err != nil {
			b.Fatal(err)
		}
		items = append(items, f.Items...)
	}
	var out []classify.Input
	for i, it := range items {
		var body strings.Builder
		for j := 1; body.Len() < 1200; j++ {
			other := items[(i+j*7)%len(items)]
			body.WriteString(other.Summary)
			body.WriteString("\n")
		}
		out = append(out, classify.Input{Title: it.Title, Summary: it.Summary, Body: body.String()})
	}
	return out
}

// BenchmarkClassify reports throughput over the mixed corpus with the
// full embedded taxonomy; one op is one article.
func BenchmarkClassify(b *testing.B) {
	tax, err := classify.DefaultTaxonomy()
	if err != nil {
		b.Fatal(err)
	}
	c, err := classify.New(tax)
	if err != nil {
		b.Fatal(err)
	}
	docs := corpus(b)
	var size int
	for _, d := range docs {
		size += len(d.Title) + len(d.Summary) + len(d.Body)
	}
	b.SetBytes(int64(size / len(docs)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		c.Classify(docs[i%len(docs)])
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
}

// BenchmarkLoadTaxonomy is the start-up cost of the classifier.
func BenchmarkLoadTaxonomy(b *testing.B) {
	for b.Loop() {
		tax, err := classify.DefaultTaxonomy()
		if err != nil {
			b.Fatal(err)
		}
		if _, err := classify.New(tax); err != nil {
			b.Fatal(err)
		}
	}
}
