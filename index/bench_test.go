package index

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/aitracker/aitracker/news"
)

// benchArticles makes n articles shaped like news: mixed English and
// Chinese titles and leads, companies, event types and dates over a year.
func benchArticles(n int) []news.Article {
	companies := []string{"OpenAI", "Anthropic", "Zhipu AI", "Moonshot AI", "Databricks", "Nvidia", "Mistral AI", "Acme Robotics"}
	events := []news.EventType{news.EventFunding, news.EventAcquisition, news.EventModelRelease, news.EventProductLaunch, news.EventOther}
	layers := []news.Layer{news.LayerModel, news.LayerInfrastructure, news.LayerMiddleware, news.LayerApplication}
	start := time.Date(2025, 11, 1, 0, 0, 0, 0, time.UTC)
	out := make([]news.Article, n)
	for i := range out {
		c := companies[i%len(companies)]
		a := news.Article{ID: int64(i + 1), Seq: int64(i + 1), SourceName: fmt.Sprintf("Source %d", i%40),
			URL: fmt.Sprintf("https://news.example.com/%d", i), Published: start.Add(time.Duration(i) * 17 * time.Minute),
			Tags: news.Tags{Companies: []news.CompanyTag{{Name: c}}, Primary: c, EventType: events[i%len(events)], Layer: layers[i%len(layers)]}}
		if i%5 == 0 {
			a.Lang = "zh"
			a.Title = fmt.Sprintf("%s完成第%d轮融资，估值大幅提升", c, i%9)
			a.Summary = "本轮融资由多家知名机构参与，资金将用于大模型研发、算力采购和国际市场拓展。公司表示将继续加大在推理效率和多模态能力上的投入，并计划在明年推出面向企业客户的新一代产品。"
		} else {
			a.Lang = "en"
			a.Title = fmt.Sprintf("%s announces round %d to expand its model platform", c, i%11)
			a.Summary = "The company said the money will fund research on reasoning models, more compute capacity and hiring in Europe and Asia, and that enterprise customers tripled in the past year as developers moved workloads onto its platform."
		}
		out[i] = a
	}
	return out
}

// BenchmarkApply indexes batches of 500 articles; one op is one article.
func BenchmarkApply(b *testing.B) {
	ix, err := Open(filepath.Join(b.TempDir(), "index"), Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer ix.Close()
	arts := benchArticles(b.N + 500)
	b.ResetTimer()
	for i := 0; i < b.N; i += 500 {
		if err := ix.Apply(context.Background(), arts[i:min(i+500, b.N)]); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
}

// BenchmarkSearch runs typical queries over 20,000 articles.
func BenchmarkSearch(b *testing.B) {
	ix, err := Open(filepath.Join(b.TempDir(), "index"), Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer ix.Close()
	arts := benchArticles(20000)
	for i := 0; i < len(arts); i += 1000 {
		if err := ix.Apply(context.Background(), arts[i:i+1000]); err != nil {
			b.Fatal(err)
		}
	}
	for _, q := range []string{"", "funding", "type:funding layer:model", `company:"Zhipu AI" 融资`, `"reasoning models" -type:other`} {
		b.Run(fmt.Sprintf("%q", q), func(b *testing.B) {
			for b.Loop() {
				if _, err := ix.Search(context.Background(), Request{Query: q}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
