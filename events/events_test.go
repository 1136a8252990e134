package events

import (
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/aitracker/aitracker/news"
)

var day0 = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

// art makes an article with tags; amount is in USD unless currency says.
type art struct {
	id       int64
	source   string
	days     float64
	typ      news.EventType
	primary  string
	status   news.Status
	amount   float64
	currency string
	usd      float64
	round    string
	model    string
	acquirer string
	target   string
	leads    []string
}

func (a art) article() news.Article {
	if a.typ == "" {
		a.typ = news.EventFunding
	}
	if a.status == "" {
		a.status = news.StatusCompleted
	}
	if a.currency == "" && a.amount > 0 {
		a.currency = "USD"
	}
	if a.usd == 0 && a.currency == "USD" {
		a.usd = a.amount
	}
	if a.source == "" {
		a.source = "src" + string(rune('A'+a.id%26))
	}
	return news.Article{
		ID: a.id, SourceName: a.source, Title: "t", Lang: "en",
		Published: day0.Add(time.Duration(a.days * 24 * float64(time.Hour))),
		Tags: news.Tags{EventType: a.typ, Primary: a.primary, Layer: news.LayerModel, Status: a.status,
			Fields: news.Fields{Amount: a.amount, Currency: a.currency, AmountUSD: a.usd, Round: a.round, Model: a.model,
				Acquirer: a.acquirer, Target: a.target, LeadInvestors: a.leads, Investors: a.leads}},
	}
}

func articles(as ...art) []news.Article {
	out := make([]news.Article, len(as))
	for i, a := range as {
		out[i] = a.article()
	}
	return out
}

// groups returns the article IDs of each event, sorted, in event order.
func groups(evs []news.Event) [][]int64 {
	out := make([][]int64, len(evs))
	for i, e := range evs {
		ids := e.ArticleIDs()
		slices.Sort(ids)
		out[i] = ids
	}
	return out
}

func TestMerge(t *testing.T) {
	for _, tc := range []struct {
		name string
		arts []art
		want [][]int64
	}{
		{"one round in two languages and currencies", []art{
			{id: 1, primary: "Baichuan AI", amount: 300e6, round: "series_a"},
			{id: 2, days: 1, primary: "Baichuan AI", amount: 2.1e9, currency: "CNY", usd: 292e6, round: "series_a"},
			{id: 3, days: 2, primary: "Baichuan AI", amount: 300e6},
		}, [][]int64{{1, 2, 3}}},
		{"the next round a year later is another event", []art{
			{id: 1, primary: "Acme", amount: 20e6, round: "series_a"},
			{id: 2, days: 365, primary: "Acme", amount: 80e6, round: "series_b"},
			{id: 3, days: 366, primary: "Acme", amount: 80e6},
		}, [][]int64{{1}, {2, 3}}},
		{"similar names are different companies", []art{
			{id: 1, primary: "Nova AI", amount: 20e6},
			{id: 2, days: 1, primary: "NovaMind", amount: 20e6},
		}, [][]int64{{1}, {2}}},
		{"amounts too far apart", []art{
			{id: 1, primary: "Acme", amount: 20e6},
			{id: 2, days: 1, primary: "Acme", amount: 40e6},
		}, [][]int64{{1}, {2}}},
		{"one lettered round, the lead's share in one report", []art{
			{id: 1, primary: "Mistral AI", amount: 1.7e9, round: "series_c"},
			{id: 2, days: 0.5, primary: "Mistral AI", amount: 1.3e9, round: "series_c"},
		}, [][]int64{{1, 2}}},
		{"two lettered rounds in one week", []art{
			{id: 1, primary: "Acme", round: "series_a"},
			{id: 2, days: 2, primary: "Acme", round: "series_b"},
		}, [][]int64{{1}, {2}}},
		{"a rumour weeks before the round", []art{
			{id: 1, primary: "Acme", amount: 500e6, status: news.StatusRumored},
			{id: 2, days: 25, primary: "Acme", amount: 600e6},
			{id: 3, days: 26, primary: "Acme", amount: 600e6},
		}, [][]int64{{1, 2, 3}}},
		{"an announced event does not wait weeks", []art{
			{id: 1, primary: "Acme", amount: 500e6},
			{id: 2, days: 25, primary: "Acme", amount: 500e6},
		}, [][]int64{{1}, {2}}},
		{"two acquisitions by one buyer", []art{
			{id: 1, typ: news.EventAcquisition, primary: "Salesforce", acquirer: "Salesforce", target: "Informatica"},
			{id: 2, days: 3, typ: news.EventAcquisition, primary: "Salesforce", acquirer: "Salesforce", target: "Convergence"},
			{id: 3, days: 4, typ: news.EventAcquisition, primary: "Informatica", acquirer: "Salesforce", target: "Informatica"},
		}, [][]int64{{1, 3}, {2}}},
		{"two model releases by one maker", []art{
			{id: 1, typ: news.EventModelRelease, primary: "DeepSeek", model: "DeepSeek-R1"},
			{id: 2, typ: news.EventModelRelease, primary: "DeepSeek", model: "R1", days: 1},
			{id: 3, typ: news.EventModelRelease, primary: "DeepSeek", model: "V3", days: 2},
		}, [][]int64{{1, 2}, {3}}},
		{"types differ", []art{
			{id: 1, primary: "OpenAI", amount: 6.6e9},
			{id: 2, typ: news.EventProductLaunch, primary: "OpenAI", days: 1},
		}, [][]int64{{1}, {2}}},
		{"no company or type other: no event", []art{
			{id: 1, primary: ""},
			{id: 2, typ: news.EventOther, primary: "OpenAI"},
		}, [][]int64{}},
		{"complete linkage: no chain from 100 to 110 through 105", []art{
			{id: 1, primary: "Acme", amount: 100e6},
			{id: 2, days: 1, primary: "Acme", amount: 105e6},
			{id: 3, days: 2, primary: "Acme", amount: 110e6},
		}, [][]int64{{1, 2}, {3}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := groups(Merge(articles(tc.arts...)))
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("events %v, want %v", got, tc.want)
			}
		})
	}
}

// TestMergeIsOrderFree merges the same articles handed over in many
// orders: the events never change.
func TestMergeIsOrderFree(t *testing.T) {
	base := articles(
		art{id: 1, primary: "Acme", amount: 100e6, round: "series_b"},
		art{id: 2, days: 0, primary: "Acme", amount: 100e6},
		art{id: 3, days: 1, primary: "Acme", amount: 101e6, round: "series_b", leads: []string{"Sequoia"}},
		art{id: 4, days: 2, primary: "Beta", amount: 5e6},
		art{id: 5, days: 30, primary: "Acme", amount: 100e6},
		art{id: 6, days: 1, typ: news.EventModelRelease, primary: "Acme", model: "Acme-1"},
	)
	want := Merge(base)
	rng := rand.New(rand.NewPCG(1, 2))
	for range 50 {
		shuffled := slices.Clone(base)
		rng.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
		if got := Merge(shuffled); !reflect.DeepEqual(got, want) {
			t.Fatalf("order changed the events:\n%v\nwant\n%v", groups(got), groups(want))
		}
	}
}

func TestReconcile(t *testing.T) {
	arts := articles(
		art{id: 1, source: "Wire", primary: "Acme", amount: 1.3e9, round: "series_c", leads: []string{"Kestrel Ridge"}},
		art{id: 2, source: "Desk", days: 0.2, primary: "Acme", amount: 1.25e9, round: "series_c", status: news.StatusAnnounced,
			leads: []string{"Kestrel Ridge Ventures", "Harbor Lane"}},
		art{id: 3, source: "Daily", days: 0.5, primary: "Acme", amount: 1.25e9, round: "series_c"},
		art{id: 4, source: "Wire", days: 1, primary: "acme", amount: 1.3e9, round: "series_c", status: news.StatusRumored},
	)
	evs := Merge(arts)
	if len(evs) != 1 {
		t.Fatalf("got %d events, want 1", len(evs))
	}
	e := evs[0]
	// 1.3B from one source (Wire, twice) against 1.25B from two sources.
	if e.Fields.Amount != 1.25e9 {
		t.Errorf("amount %v, want the value most sources give, 1.25e9", e.Fields.Amount)
	}
	p := e.Provenance["amount"]
	if p.ArticleID != 2 || len(p.Alternatives) != 1 || p.Alternatives[0].Value != "1.3B USD" || !slices.Equal(p.Alternatives[0].Articles, []int64{1, 4}) {
		t.Errorf("amount provenance %+v", p)
	}
	if e.Status != news.StatusCompleted {
		t.Errorf("status %q, want the furthest along, completed", e.Status)
	}
	if !e.Date.Equal(day0) {
		t.Errorf("date %v, want the earliest report %v", e.Date, day0)
	}
	if e.Sources != 3 {
		t.Errorf("sources %d, want 3 distinct outlets", e.Sources)
	}
	if want := []string{"Kestrel Ridge Ventures", "Harbor Lane"}; !slices.Equal(e.Fields.LeadInvestors, want) {
		t.Errorf("lead investors %q, want %q", e.Fields.LeadInvestors, want)
	}
	if e.PrimaryCompany != "Acme" {
		t.Errorf("primary %q", e.PrimaryCompany)
	}
}

func TestTieGoesToTheMoreSpecific(t *testing.T) {
	evs := Merge(articles(
		art{id: 1, source: "A", primary: "Acme", amount: 1.3e9},
		art{id: 2, source: "B", days: 1, primary: "Acme", amount: 1.25e9, round: "strategic"},
		art{id: 3, source: "C", days: 1, primary: "Acme", round: "series_c"},
	))
	if len(evs) != 1 {
		t.Fatalf("got %d events", len(evs))
	}
	if f := evs[0].Fields; f.Amount != 1.25e9 || f.Round != "series_c" {
		t.Errorf("amount %v round %q, want the more specific 1.25e9 and series_c", f.Amount, f.Round)
	}
}

func TestSentence(t *testing.T) {
	body := "Acme, a maker of chips, said on Monday it had raised money. The round of $40 million was led by Sequoia. It will hire."
	start := len("Acme, a maker of chips, said on Monday it had raised money. The round of ")
	zh := "公司成立于2023年。本轮融资金额为3亿元，由红杉中国领投。资金将用于研发。"
	zi := len("公司成立于2023年。本轮融资金额为")
	amount := func(sp news.Span) []news.Decision {
		return []news.Decision{{What: "amount", Value: "40000000 USD", Evidence: []news.Span{sp}}}
	}
	tests := []struct {
		name  string
		a     news.Article
		field string
		want  string
	}{
		{"English body: the sentence around the span", news.Article{Title: "Acme raises", Body: body,
			Tags: news.Tags{Trail: amount(news.Span{Part: "body", Start: start, End: start + 11, Text: "$40 million"})}},
			"amount", "The round of $40 million was led by Sequoia."},
		{"Chinese summary: ends at 。 with no space after", news.Article{Summary: zh,
			Tags: news.Tags{Trail: amount(news.Span{Part: "summary", Start: zi, End: zi + len("3亿元")})}},
			"amount", "本轮融资金额为3亿元，由红杉中国领投。"},
		{"a span past the text keeps its own text", news.Article{Summary: zh,
			Tags: news.Tags{Trail: amount(news.Span{Part: "summary", Start: zi, End: 10_000, Text: "3亿元"})}},
			"amount", "3亿元"},
		{"no decision about the field", news.Article{Body: body,
			Tags: news.Tags{Trail: amount(news.Span{Part: "body", Start: start, End: start + 11})}},
			"round", ""},
		{"lead investors rest on a decision whose rule says lead", news.Article{Summary: "Nvidia also joined. The round was led by Sequoia.",
			Tags: news.Tags{Trail: []news.Decision{
				{What: "investor", Value: "Nvidia", Rule: "named as investor", Evidence: []news.Span{{Part: "summary", Start: 0, End: 6}}},
				{What: "investor", Value: "Sequoia", Rule: "named as lead", Evidence: []news.Span{{Part: "summary", Start: 41, End: 48}}},
			}}},
			"lead_investors", "The round was led by Sequoia."},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := Sentence(&tc.a, tc.field); got != tc.want {
				t.Errorf("Sentence(%q) = %q, want %q", tc.field, got, tc.want)
			}
		})
	}
}

func TestSameName(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want bool
	}{
		{"Sequoia", "sequoia", true},
		{"Kestrel Ridge", "Kestrel Ridge Ventures", true},
		{"ASML", "荷兰光刻机巨头ASML", true},
		{"AI", "AIX Ventures", false},
		{"Lux", "Luxor Capital", false},
		{"Index", "Index Ventures", true},
		{"Accel", "Sequoia", false},
	} {
		t.Run(tc.a+" ~ "+tc.b, func(t *testing.T) {
			if got := sameName(tc.a, tc.b); got != tc.want {
				t.Errorf("sameName(%q, %q) = %v, want %v", tc.a, tc.b, got, tc.want)
			}
			if got := sameName(tc.b, tc.a); got != tc.want {
				t.Errorf("sameName(%q, %q) = %v, want %v: not symmetric", tc.b, tc.a, got, tc.want)
			}
		})
	}
}
