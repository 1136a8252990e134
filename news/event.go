package news

import (
	"strings"
	"time"
)

// Event is one happening (a funding round, an acquisition, a model
// release, …) merged from every article that reports it. Its fields are
// reconciled from those articles, and each keeps the article and sentence
// it came from.
type Event struct {
	ID             int64     `json:"id"`
	Type           EventType `json:"type"`
	PrimaryCompany string    `json:"primary_company"`
	Layer          Layer     `json:"layer"`
	Status         Status    `json:"status"`
	// Date is when the happening was first reported.
	Date   time.Time `json:"date"`
	Fields Fields    `json:"-"`
	// Key groups the articles that may report this event: the event type
	// and the company it is about (see Tags.EventKey).
	Key string `json:"-"`
	// Provenance says, per field ("amount", "round", …), which article and
	// sentence gave the value and what other sources said.
	Provenance map[string]Provenance `json:"provenance,omitempty"`
	// Articles are the reports, earliest first.
	Articles []EventArticle `json:"-"`
	// Sources is how many distinct outlets reported it.
	Sources int `json:"sources"`
	// Created is when the event first appeared in the store; Updated when
	// its fields or articles last changed.
	Created time.Time `json:"created"`
	Updated time.Time `json:"updated"`
}

// EventArticle is one report of an event.
type EventArticle struct {
	ID        int64     `json:"id"`
	Source    string    `json:"source"`
	Title     string    `json:"title"`
	URL       string    `json:"url"`
	Lang      string    `json:"lang"`
	Published time.Time `json:"published"`
	Status    Status    `json:"status,omitempty"`
}

// Provenance is where an event's field value came from.
type Provenance struct {
	Value     string `json:"value"`
	ArticleID int64  `json:"article"`
	// Sentence is the sentence of that article the value rests on.
	Sentence string `json:"sentence,omitempty"`
	// Rule says how the value was chosen among the reports.
	Rule string `json:"rule"`
	// Reports is how many articles gave this value.
	Reports int `json:"reports"`
	// Alternatives are the other values reports gave, when they disagree.
	Alternatives []Alternative `json:"alternatives,omitempty"`
}

// Alternative is a value some reports gave that the event did not take.
type Alternative struct {
	Value    string  `json:"value"`
	Articles []int64 `json:"articles"`
}

// ArticleIDs are the IDs of the event's articles.
func (e Event) ArticleIDs() []int64 {
	ids := make([]int64, len(e.Articles))
	for i, a := range e.Articles {
		ids[i] = a.ID
	}
	return ids
}

// StatusRank orders statuses from hearsay to done; unknown is 0.
func StatusRank(s Status) int {
	switch s {
	case StatusRumored:
		return 1
	case StatusAnnounced:
		return 2
	case StatusCompleted:
		return 3
	}
	return 0
}

// EventKey is the group an article's happening belongs to, or "" when the
// article reports no event that merges (type other, or no company). Only
// articles with the same key can merge. It is the event's class (see
// EventClass) and the company the happening is about, lower-cased: the
// acquirer for an acquisition (reports disagree on which party leads the
// headline, and the primary company follows the headline; the target then
// tells one acquisition from another), the primary company otherwise.
func (t Tags) EventKey() string {
	if t.EventType == "" || t.EventType == EventOther {
		return ""
	}
	name := t.Primary
	if t.EventType == EventAcquisition && t.Fields.Acquirer != "" {
		name = t.Fields.Acquirer
	}
	name = strings.ToLower(strings.TrimSpace(name))
	if name == "" {
		return ""
	}
	return EventClass(t.EventType) + "|" + name
}

// EventClass groups the event types that outlets tell apart differently:
// a model made available in an app is a model release to one report and
// a product launch to the next. Other types are a class each.
func EventClass(t EventType) string {
	if t == EventModelRelease || t == EventProductLaunch {
		return "release"
	}
	return string(t)
}
