package classify_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/aitracker/aitracker/classify"
	"github.com/aitracker/aitracker/classify/eval"
	"github.com/aitracker/aitracker/config"
	"github.com/aitracker/aitracker/demo"
	"github.com/aitracker/aitracker/ingest/feed"
	"github.com/aitracker/aitracker/news"
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
	benchClassify(b, corpus(b))
}

func benchClassify(b *testing.B, docs []classify.Input) {
	benchClassifyWith(b, defaultBenchClassifier(b), docs)
}

func defaultBenchClassifier(b *testing.B) *classify.Classifier {
	tax, err := config.LoadDefaultTaxonomy()
	if err != nil {
		b.Fatal(err)
	}
	c, err := classify.New(tax)
	if err != nil {
		b.Fatal(err)
	}
	return c
}

func benchClassifyWith(b *testing.B, c *classify.Classifier, docs []classify.Input) {
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
		tax, err := config.LoadDefaultTaxonomy()
		if err != nil {
			b.Fatal(err)
		}
		if _, err := classify.New(tax); err != nil {
			b.Fatal(err)
		}
	}
}

// realCorpus pairs the labelled headlines and leads of the shared dev
// sets with real article bodies of the same language (news pages from
// public extraction benchmarks: median 3.2 KB in English), so that one op
// is a full-text article of realistic length and density. It skips when
// the shared folder beside the project is absent.
func realCorpus(b *testing.B) []classify.Input {
	b.Helper()
	shared := filepath.Join("..", "..", "shared")
	if _, err := os.Stat(shared); err != nil {
		b.Skip("../shared is absent: the real-text corpus is not available here")
	}
	var items []eval.Item
	for _, name := range []string{"dev-en.jsonl", "dev-zh.jsonl"} {
		f, err := os.Open(filepath.Join(shared, "eval", name))
		if err != nil {
			b.Fatal(err)
		}
		list, err := eval.ReadItems(f, name)
		f.Close()
		if err != nil {
			b.Fatal(err)
		}
		items = append(items, list...)
	}
	var en, zh []string
	var gt map[string]struct {
		ArticleBody string `json:"articleBody"`
	}
	readJSON(b, filepath.Join(shared, "testdata", "articles", "scrapinghub-aeb", "ground-truth.json"), &gt)
	for _, v := range gt {
		en = append(en, v.ArticleBody)
	}
	var gne map[string]struct {
		Content string `json:"content"`
	}
	readJSON(b, filepath.Join(shared, "testdata", "articles", "gne-chinese-news", "gne-output-2019.json"), &gne)
	for _, v := range gne {
		zh = append(zh, v.Content)
	}
	sort.Strings(en)
	sort.Strings(zh)
	var out []classify.Input
	for i, it := range items {
		bodies := en
		if it.Lang == "zh" {
			bodies = zh
		}
		out = append(out, classify.Input{Title: it.Title, Summary: it.Summary, Lang: it.Lang,
			Body: it.Summary + "\n" + bodies[i%len(bodies)]})
	}
	return out
}

func readJSON(b *testing.B, path string, v any) {
	b.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	if err := json.Unmarshal(data, v); err != nil {
		b.Fatalf("%s: %v", path, err)
	}
}

// BenchmarkClassifyRealText is BenchmarkClassify over realCorpus.
func BenchmarkClassifyRealText(b *testing.B) {
	benchClassify(b, realCorpus(b))
}

// BenchmarkClassifyRealTextLearned is BenchmarkClassifyRealText with
// 2,000 companies learnt besides the taxonomy (half of them written in Han
// characters), as a store of many candidates makes a pass learn.
func BenchmarkClassifyRealTextLearned(b *testing.B) {
	var learned []classify.LearnedCompany
	for i := range 1000 {
		learned = append(learned, classify.LearnedCompany{Name: fmt.Sprintf("Quillmark%d Labs", i), Layer: news.LayerApplication},
			classify.LearnedCompany{Name: fmt.Sprintf("Yunzhan%d", i), Written: []string{fmt.Sprintf("云栈%d科技", i)}, Layer: news.LayerModel})
	}
	c, err := defaultBenchClassifier(b).WithLearned(learned)
	if err != nil {
		b.Fatal(err)
	}
	if c.Learned() != len(learned) {
		b.Fatalf("learnt %d of %d", c.Learned(), len(learned))
	}
	benchClassifyWith(b, c, realCorpus(b))
}
