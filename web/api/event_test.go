package api

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/aitracker/aitracker/news"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

var (
	reported = time.Date(2026, 3, 2, 9, 30, 0, 0, time.FixedZone("CST", 8*3600))
	stored   = time.Date(2026, 3, 2, 2, 0, 0, 0, time.UTC)
)

// round is a funding round reported twice, in two currencies.
var round = news.Event{
	ID: 7, Type: news.EventFunding, PrimaryCompany: "Baichuan AI", Layer: news.LayerModel, Status: news.StatusCompleted,
	Date: reported, Sources: 2, Created: stored, Updated: stored.Add(time.Hour),
	Fields: news.Fields{Amount: 2.1e9, Currency: "CNY", AmountUSD: 292e6, Round: "series_a",
		LeadInvestors: []string{"Tencent"}, Investors: []string{"Tencent", "Alibaba"}, Valuation: 1.4e10, ValuationUSD: 1.95e9},
	Provenance: map[string]news.Provenance{"amount": {Value: "2.1B CNY", ArticleID: 11, Rule: "the only report that gives it", Reports: 1,
		Sentence: "百川智能完成21亿元A轮融资。", Alternatives: []news.Alternative{{Value: "300M USD", Articles: []int64{12}}}}},
	Articles: []news.EventArticle{
		{ID: 11, Source: "36Kr", Title: "百川智能完成21亿元A轮融资", URL: "https://36kr.example/p/1", Lang: "zh", Published: reported},
		{ID: 12, Source: "Wire", Title: "Baichuan raises $300M", URL: "https://wire.example/b", Lang: "en", Published: reported.Add(time.Hour),
			Status: news.StatusAnnounced},
	},
}

// TestEventJSON holds the JSON of events to the golden files in
// testdata: the keys of the contract are all there, unknown ones null.
func TestEventJSON(t *testing.T) {
	release := news.Event{ID: 8, Type: news.EventModelRelease, PrimaryCompany: "DeepSeek", Layer: news.LayerModel,
		Status: news.StatusAnnounced, Date: reported, Sources: 1, Created: stored, Updated: stored,
		Fields:   news.Fields{Model: "DeepSeek-R1", Parameters: "671B", OpenWeights: true},
		Articles: []news.EventArticle{{ID: 20}}}
	valuation := news.Event{ID: 9, Type: news.EventFunding, Date: reported, Created: stored, Updated: stored,
		Fields: news.Fields{Valuation: 5e9, Currency: "USD", ValuationUSD: 5e9}}
	tests := []struct {
		name string
		v    any
	}{
		{"round", EventOf(round)},
		{"round_detail", EventDetail(round)},
		{"release", EventOf(release)},
		{"valuation_only", EventOf(valuation)},
		{"nothing_known", EventOf(news.Event{ID: 1, Date: reported, Created: stored, Updated: stored})},
		{"list", Events([]news.Event{round, release})},
		{"empty_list", Events(nil)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := json.MarshalIndent(tc.v, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			path := filepath.Join("testdata", tc.name+".golden.json")
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./web/api -update to write it)", err)
			}
			if string(got) != string(want) {
				t.Errorf("JSON differs from %s:\n%s", path, got)
			}
		})
	}
}

// TestEventContractKeys: every key of the contract is present in the
// JSON of an event about which nothing is known.
func TestEventContractKeys(t *testing.T) {
	data, err := json.Marshal(EventOf(news.Event{}))
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"id", "type", "primary_company", "layer", "status", "date", "amount", "currency", "amount_usd", "round",
		"lead_investors", "investors", "valuation", "acquirer", "target", "model", "sources", "articles"} {
		t.Run(k, func(t *testing.T) {
			if _, ok := m[k]; !ok {
				t.Errorf("key %q missing from %s", k, data)
			}
		})
	}
}
