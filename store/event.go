package store

import (
	"time"

	"github.com/aitracker/aitracker/news"
)

// EventGroup is the set of articles that may merge into events: those
// with one event key (news.Tags.EventKey: an event class and a company).
type EventGroup struct {
	Key string
	// From, when not zero, is where an update of the group starts: its
	// earliest change, as a publication time and an article ID. Merging
	// goes on from there (events.MergeFrom), and only Events, the events
	// still open at that point or holding reports from it on, are
	// replaced; the group's older events stay as they are.
	From   time.Time
	FromID int64
	Events []int64
}

// Partial reports whether the group is updated from a point on rather
// than merged again whole.
func (g EventGroup) Partial() bool { return !g.From.IsZero() }

// before reports whether an article published at t with ID id comes
// before the group's starting point.
func (g EventGroup) before(t time.Time, id int64) bool {
	return t.Before(g.From) || t.Equal(g.From) && id < g.FromID
}

// EventChanges counts what ReplaceEvents did.
type EventChanges struct {
	Created, Updated, Deleted int
	// Rewritten counts the articles given new sequence numbers because
	// their event changed, so that the index learns it.
	Rewritten int
}

// EventsMark says how far a ReplaceEvents call brings the events: every
// article written up to sequence number Seq, by the rules of Version.
// Expect is the store's sequence number the caller expects before the
// call (Seq plus the articles earlier calls of the same update rewrote):
// when it matches, the articles this call rewrites are known to be done
// and the mark moves past them too.
type EventsMark struct {
	Seq, Expect int64
	Version     string
}

// CompanySummary aggregates a company's events.
type CompanySummary struct {
	Name string `json:"name"`
	// Layer is the layer most of the company's events are in (ties to the
	// first by name). Companies leaves out events in no layer, so that it
	// is LayerNone only when all are; Active counts them.
	Layer  news.Layer `json:"layer"`
	Events int        `json:"events"`
	// FundingUSD is the sum of the disclosed amounts of its funding rounds,
	// in USD at the rate of each round's year.
	FundingUSD float64 `json:"disclosed_funding_usd"`
	Rounds     int     `json:"funding_rounds"`
	// LastRound is the latest funding event, nil when none.
	LastRound *news.Event `json:"last_round,omitempty"`
	LastEvent time.Time   `json:"last_event"`
}

// MonthCount is one cell of a monthly breakdown: a month ("2026-06"), a
// key (a layer or an event type), how many events and their disclosed
// amounts in USD.
type MonthCount struct {
	Month     string  `json:"month"`
	Key       string  `json:"key"`
	Events    int     `json:"events"`
	AmountUSD float64 `json:"amount_usd"`
}
