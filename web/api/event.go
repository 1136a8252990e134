package api

import (
	"time"

	"github.com/aitracker/aitracker/news"
)

// Event is the JSON shape of an event. The keys up to Articles are a
// fixed contract: every key is always present, null or empty when
// unknown. The detail (EventDetail) adds the provenance and the reports.
type Event struct {
	ID             int64    `json:"id"`
	Type           string   `json:"type"`
	PrimaryCompany string   `json:"primary_company"`
	Layer          string   `json:"layer"`
	Status         string   `json:"status"`
	Date           string   `json:"date"`
	Amount         *float64 `json:"amount"`
	Currency       *string  `json:"currency"`
	AmountUSD      *float64 `json:"amount_usd"`
	Round          *string  `json:"round"`
	LeadInvestors  []string `json:"lead_investors"`
	Investors      []string `json:"investors"`
	Valuation      *float64 `json:"valuation"`
	Acquirer       *string  `json:"acquirer"`
	Target         *string  `json:"target"`
	Model          *string  `json:"model"`
	Sources        int      `json:"sources"`
	Articles       []int64  `json:"articles"`

	ValuationUSD *float64 `json:"valuation_usd,omitempty"`
	Parameters   string   `json:"parameters,omitempty"`
	OpenWeights  bool     `json:"open_weights,omitempty"`
	Created      string   `json:"created"`
	Updated      string   `json:"updated"`

	Provenance map[string]news.Provenance `json:"provenance,omitempty"`
	Reports    []news.EventArticle        `json:"reports,omitempty"`
}

// EventOf returns the JSON shape of an event, without provenance and
// reports.
func EventOf(e news.Event) Event {
	f := e.Fields
	v := Event{
		ID: e.ID, Type: string(e.Type), PrimaryCompany: e.PrimaryCompany, Layer: string(e.Layer), Status: string(e.Status),
		Date: e.Date.UTC().Format(time.RFC3339), Amount: num(f.Amount), AmountUSD: num(f.AmountUSD), Round: str(f.Round),
		LeadInvestors: nonNil(f.LeadInvestors), Investors: nonNil(f.Investors), Valuation: num(f.Valuation),
		Acquirer: str(f.Acquirer), Target: str(f.Target), Model: str(f.Model), Sources: e.Sources,
		Articles: nonNil(e.ArticleIDs()), ValuationUSD: num(f.ValuationUSD), Parameters: f.Parameters, OpenWeights: f.OpenWeights,
		Created: e.Created.UTC().Format(time.RFC3339), Updated: e.Updated.UTC().Format(time.RFC3339),
	}
	// A currency alone, with no sum to go with it, says nothing.
	if f.Amount > 0 || f.Valuation > 0 {
		v.Currency = str(f.Currency)
	}
	return v
}

// EventDetail returns the JSON shape of one event shown alone: EventOf
// with the provenance of every field and all its reports.
func EventDetail(e news.Event) Event {
	v := EventOf(e)
	v.Provenance, v.Reports = e.Provenance, e.Articles
	return v
}

// Events returns the JSON shapes of events, without detail; never nil,
// so that an empty list is [] and not null.
func Events(evs []news.Event) []Event {
	out := make([]Event, len(evs))
	for i, e := range evs {
		out[i] = EventOf(e)
	}
	return out
}

// num and str write an unknown (zero) value as null.
func num(v float64) *float64 {
	if v == 0 {
		return nil
	}
	return &v
}

func str(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
