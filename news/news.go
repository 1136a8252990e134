package news

import (
	"fmt"
	"time"
)

// Layer is a layer of the AI industry map.
type Layer string

// The layers of the industry map, from chips to products.
const (
	LayerInfrastructure Layer = "infrastructure"
	LayerModel          Layer = "model"
	LayerMiddleware     Layer = "middleware"
	LayerApplication    Layer = "application"
	LayerNone           Layer = "none"
)

// Layers lists every layer in map order, with LayerNone last.
var Layers = []Layer{LayerInfrastructure, LayerModel, LayerMiddleware, LayerApplication, LayerNone}

// ParseLayer returns the layer named s, or an error naming the valid ones.
func ParseLayer(s string) (Layer, error) {
	for _, l := range Layers {
		if string(l) == s {
			return l, nil
		}
	}
	return "", fmt.Errorf("unknown layer %q (want one of infrastructure, model, middleware, application, none)", s)
}

// EventType is the kind of happening an article reports.
type EventType string

// The event types. Their definitions and tie-breaks are in the README.
const (
	EventFunding       EventType = "funding"
	EventAcquisition   EventType = "acquisition"
	EventModelRelease  EventType = "model_release"
	EventProductLaunch EventType = "product_launch"
	EventPartnership   EventType = "partnership"
	EventIPO           EventType = "ipo"
	EventLayoffs       EventType = "layoffs"
	EventRegulation    EventType = "regulation"
	EventOther         EventType = "other"
)

// EventTypes lists every event type in tie-break priority order: when a
// headline names two events, the one listed first wins.
var EventTypes = []EventType{
	EventAcquisition, EventIPO, EventFunding, EventModelRelease, EventProductLaunch,
	EventPartnership, EventLayoffs, EventRegulation, EventOther,
}

// ParseEventType returns the event type named s, or an error naming the valid ones.
func ParseEventType(s string) (EventType, error) {
	for _, t := range EventTypes {
		if string(t) == s {
			return t, nil
		}
	}
	return "", fmt.Errorf("unknown event type %q (want one of funding, acquisition, model_release, product_launch, partnership, ipo, layoffs, regulation, other)", s)
}

// Status says how far along the reported happening is.
type Status string

// The statuses, from hearsay to done.
const (
	StatusRumored   Status = "rumored"
	StatusAnnounced Status = "announced"
	StatusCompleted Status = "completed"
)

// SourceKind says how a source is read.
type SourceKind string

// The kinds of source.
const (
	KindFeed SourceKind = "feed" // RSS, Atom or JSON Feed
	KindHTML SourceKind = "html" // a list page read with CSS selectors
)

// Source is a place articles come from, with its fetch state.
type Source struct {
	ID   int64
	Name string
	URL  string
	Kind SourceKind
	Lang string // hint: "en", "zh" or ""
	// Selectors read a source of kind html; they come from the config
	// and are not stored.
	Selectors *Selectors

	// Origin says where the source was defined: "config" (the
	// configuration or the embedded list), "opml" (imported from a file)
	// or "api" (added through the admin API).
	Origin  string
	Enabled bool
	// DisabledReason says why a source was disabled other than by
	// leaving the configuration ("crashed during processing"); it stays
	// disabled until enabled again by hand.
	DisabledReason      string
	ETag                string
	LastModified        string
	LastAttemptAt       time.Time
	LastSuccessAt       time.Time
	LastError           string
	LastErrorKind       string // what the last failure means for the next try: "transient" or "permanent"; "" after a success
	LastErrorPlain      string // the last failure in plain words for the person who runs the tracker; "" when LastError says it alone
	ConsecutiveFailures int
	NextCheckAt         time.Time
	ArticleCount        int
	New7d               int
	Fetches             int // attempts that reached the server
	NotModified         int // of which answered 304
}

// Flagged reports whether the source keeps failing and needs a look.
func (s Source) Flagged() bool { return s.ConsecutiveFailures >= 3 }

// Selectors are CSS selectors over a list page that has no feed.
type Selectors struct {
	Item    string // one element per article
	Link    string // within Item; its href is the article URL
	Title   string // within Item; the link text when empty
	Date    string // within Item; its datetime attribute or text
	Summary string // within Item
}

// Article is one news item as aitracker keeps it: the text, where it came
// from, and the classifier's tags.
type Article struct {
	ID         int64
	SourceID   int64
	SourceName string
	// DedupKey identifies the item within its source across fetches.
	DedupKey string
	// Seq is the store's change sequence number of the article's last
	// write; the index keeps the highest one it has seen.
	Seq     int64
	GUID    string
	URL     string // canonical URL
	Title   string
	Summary string // plain-text lead or teaser
	Body    string // plain-text main text, when known
	// BodySource says where Body came from: "feed", "page" (the article
	// page, fetched because the feed had a teaser only) or "".
	BodySource string
	Lang       string // "en" or "zh"
	// ContentHash fingerprints what the source said about the item; an
	// unchanged hash means nothing to do on the next fetch.
	ContentHash string
	// SimHash fingerprints the text for near-duplicate detection; 0 when
	// the text is too short to fingerprint.
	SimHash uint64
	// DuplicateOf is the article this one repeats (another source's copy
	// of the same story, by URL or near-identical text); 0 when none.
	DuplicateOf int64
	// AlsoReportedBy names the sources whose articles repeat this one.
	AlsoReportedBy []string
	// Event is the event the article reports (0 when none); EventLead is
	// true for its first report, and EventSources counts the outlets that
	// reported it.
	Event        int64
	EventLead    bool
	EventSources int

	Published time.Time // UTC
	// PublishedEstimated is true when the source gave no usable date and
	// Published is the fetch time instead.
	PublishedEstimated bool
	Fetched            time.Time

	Tags Tags
}

// Tags is what the classifier decided about an article, with the trail of
// rules and text spans behind each decision.
type Tags struct {
	Companies []CompanyTag `json:"companies"`
	Primary   string       `json:"primary_company,omitempty"`
	Layer     Layer        `json:"layer"`
	EventType EventType    `json:"event_type"`
	Status    Status       `json:"status"`
	Fields    Fields       `json:"fields"`
	Trail     []Decision   `json:"trail"`
	// Version identifies the classifier and taxonomy that produced the tags,
	// so that a rule change can find what to re-classify.
	Version string `json:"version"`
}

// CompanyNames returns the canonical names of the tagged companies, in
// order of salience.
func (t Tags) CompanyNames() []string {
	names := make([]string, 0, len(t.Companies))
	for _, c := range t.Companies {
		names = append(names, c.Name)
	}
	return names
}

// CompanyTag is one company an article is about.
type CompanyTag struct {
	Name string `json:"name"`
	// Known is false for a name taken from how a sentence is built
	// ("Acme Robotics raises …") rather than from the taxonomy.
	Known    bool    `json:"known"`
	Layer    Layer   `json:"layer,omitempty"`
	Salience float64 `json:"salience"`
	Mentions int     `json:"mentions"`
}

// Fields are the structured facts extracted for the article's event type.
// Zero values mean "not found".
type Fields struct {
	Amount        float64  `json:"amount,omitempty"`
	Currency      string   `json:"currency,omitempty"`
	AmountUSD     float64  `json:"amount_usd,omitempty"`
	Round         string   `json:"round,omitempty"`
	Investors     []string `json:"investors,omitempty"`
	LeadInvestors []string `json:"lead_investors,omitempty"`
	Valuation     float64  `json:"valuation,omitempty"` // in Currency
	ValuationUSD  float64  `json:"valuation_usd,omitempty"`
	Acquirer      string   `json:"acquirer,omitempty"`
	Target        string   `json:"target,omitempty"`
	Model         string   `json:"model,omitempty"`
	// Parameters is the released model's size as the text gives it,
	// normalised ("70B", "235B", "1T").
	Parameters string `json:"parameters,omitempty"`
	// OpenWeights is true when the text says the weights are released.
	OpenWeights bool `json:"open_weights,omitempty"`
}

// Decision is one step of the explanation trail: what was decided, the
// value, the rule that decided it and the text it rests on.
type Decision struct {
	What     string `json:"what"` // "company", "primary_company", "layer", "event_type", "status", "amount", …
	Value    string `json:"value"`
	Rule     string `json:"rule"`
	Evidence []Span `json:"evidence,omitempty"`
}

// Span is a piece of an article's text: the part of the article it is in
// ("title", "summary" or "body"), byte offsets into that part, and the text.
type Span struct {
	Part  string `json:"part"`
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
}
