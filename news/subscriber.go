package news

import "time"

// Subscriber is someone who gets the digest of the events that match
// what they follow.
type Subscriber struct {
	ID     int64            `json:"id"`
	Email  string           `json:"email"`
	Filter SubscriberFilter `json:"filter"`
	// Frequency is "daily" or "weekly".
	Frequency string `json:"frequency"`
	// SendAt is the local time of day the digest goes out, "07:00", in
	// the time zone TZ (an IANA name such as "Asia/Shanghai").
	SendAt string `json:"send_at"`
	TZ     string `json:"tz"`
	// Weekday is the day of a weekly digest (0 Sunday … 6 Saturday).
	Weekday time.Weekday `json:"weekday"`
	// Status is "active", "unsubscribed" or "bouncing" (mail refused
	// too often; no more is sent).
	Status  string    `json:"status"`
	Bounces int       `json:"bounces"`
	Created time.Time `json:"created"`
}

// The subscriber statuses.
const (
	SubscriberActive       = "active"
	SubscriberUnsubscribed = "unsubscribed"
	SubscriberBouncing     = "bouncing"
)

// SubscriberFilter is what a subscriber follows: an event matches when it
// passes every part that is set.
type SubscriberFilter struct {
	// Query is a search in the query language; an event matches when one
	// of its articles does.
	Query     string      `json:"query,omitempty"`
	Types     []EventType `json:"types,omitempty"`
	Layers    []Layer     `json:"layers,omitempty"`
	Companies []string    `json:"companies,omitempty"`
	// MinAmountUSD is the least amount of a funding round, acquisition or
	// IPO (one with an undisclosed amount does not pass); events of other
	// types have no amount and are not held to it.
	MinAmountUSD float64  `json:"min_amount_usd,omitempty"`
	Langs        []string `json:"langs,omitempty"`
}
