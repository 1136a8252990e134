package store

import (
	"time"

	"github.com/aitracker/aitracker/news"
)

// EventFilter selects events. Zero fields select everything.
type EventFilter struct {
	// Since and Until bound the event's date (its first report).
	Since, Until time.Time
	// CreatedAfter and CreatedUntil bound when the event first appeared in
	// the store: (CreatedAfter, CreatedUntil].
	CreatedAfter, CreatedUntil time.Time
	Types                      []news.EventType
	Layers                     []news.Layer
	// Companies match the primary company, the acquirer or the target,
	// ignoring case.
	Companies    []string
	MinAmountUSD float64
	IDs          []int64
	Limit        int
	Offset       int
	// Oldest lists the earliest first; the default is newest first.
	Oldest bool
}
