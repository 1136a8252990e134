package news

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

func TestParseLayer(t *testing.T) {
	tests := []struct {
		in   string
		want Layer
		err  bool
	}{
		{"infrastructure", LayerInfrastructure, false},
		{"model", LayerModel, false},
		{"middleware", LayerMiddleware, false},
		{"application", LayerApplication, false},
		{"none", LayerNone, false},
		{"Model", "", true}, // names are lower case, as stored
		{"apps", "", true},
		{"", "", true},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			got, err := ParseLayer(tc.in)
			if got != tc.want || (err != nil) != tc.err {
				t.Fatalf("ParseLayer(%q) = %q, %v; want %q, error %v", tc.in, got, err, tc.want, tc.err)
			}
			if err != nil && (!strings.Contains(err.Error(), tc.in) || !strings.Contains(err.Error(), "infrastructure, model")) {
				t.Errorf("error %q names neither the value nor the valid ones", err)
			}
		})
	}
}

// TestParseLayerTakesEveryLayer: every layer listed parses as itself.
func TestParseLayerTakesEveryLayer(t *testing.T) {
	for _, l := range Layers {
		if got, err := ParseLayer(string(l)); got != l || err != nil {
			t.Errorf("ParseLayer(%q) = %q, %v", l, got, err)
		}
	}
}

func TestParseEventType(t *testing.T) {
	tests := []struct {
		in   string
		want EventType
		err  bool
	}{
		{"funding", EventFunding, false},
		{"acquisition", EventAcquisition, false},
		{"model_release", EventModelRelease, false},
		{"product_launch", EventProductLaunch, false},
		{"partnership", EventPartnership, false},
		{"ipo", EventIPO, false},
		{"layoffs", EventLayoffs, false},
		{"regulation", EventRegulation, false},
		{"other", EventOther, false},
		{"model-release", "", true},
		{"gossip", "", true},
		{"", "", true},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			got, err := ParseEventType(tc.in)
			if got != tc.want || (err != nil) != tc.err {
				t.Fatalf("ParseEventType(%q) = %q, %v; want %q, error %v", tc.in, got, err, tc.want, tc.err)
			}
			if err != nil && !strings.Contains(err.Error(), `"`+tc.in+`"`) {
				t.Errorf("error %q does not name the value", err)
			}
		})
	}
	// The error lists every type there is.
	_, err := ParseEventType("gossip")
	for _, et := range EventTypes {
		if !strings.Contains(err.Error(), string(et)) {
			t.Errorf("error %q leaves out %s", err, et)
		}
	}
}

func TestStatusRank(t *testing.T) {
	order := []Status{"", StatusRumored, StatusAnnounced, StatusCompleted}
	for i := 1; i < len(order); i++ {
		if StatusRank(order[i-1]) >= StatusRank(order[i]) {
			t.Errorf("StatusRank(%q) = %d, not below StatusRank(%q) = %d", order[i-1], StatusRank(order[i-1]), order[i], StatusRank(order[i]))
		}
	}
	if StatusRank("closed") != 0 {
		t.Errorf("an unknown status ranks %d, want 0", StatusRank("closed"))
	}
}

func TestEventKey(t *testing.T) {
	tests := []struct {
		name string
		tags Tags
		want string
	}{
		{"funding: the primary company, lower-cased", Tags{EventType: EventFunding, Primary: " Mistral AI "}, "funding|mistral ai"},
		{"acquisition: the acquirer, whoever leads the headline",
			Tags{EventType: EventAcquisition, Primary: "Informatica", Fields: Fields{Acquirer: "Salesforce", Target: "Informatica"}},
			"acquisition|salesforce"},
		{"acquisition without an acquirer: the primary company", Tags{EventType: EventAcquisition, Primary: "Informatica"}, "acquisition|informatica"},
		{"model release and product launch share a class", Tags{EventType: EventProductLaunch, Primary: "OpenAI"}, "release|openai"},
		{"type other: no event", Tags{EventType: EventOther, Primary: "OpenAI"}, ""},
		{"no type: no event", Tags{Primary: "OpenAI"}, ""},
		{"no company: no event", Tags{EventType: EventFunding, Primary: "  "}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.tags.EventKey(); got != tc.want {
				t.Errorf("EventKey() = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestEventClass(t *testing.T) {
	tests := []struct {
		in   EventType
		want string
	}{
		{EventModelRelease, "release"},
		{EventProductLaunch, "release"},
		{EventFunding, "funding"},
		{EventAcquisition, "acquisition"},
		{EventIPO, "ipo"},
	}
	for _, tc := range tests {
		t.Run(string(tc.in), func(t *testing.T) {
			if got := EventClass(tc.in); got != tc.want {
				t.Errorf("EventClass(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestCompanyNames(t *testing.T) {
	tests := []struct {
		name string
		tags Tags
		want []string
	}{
		{"none", Tags{}, []string{}},
		{"in order of salience, as tagged", Tags{Companies: []CompanyTag{{Name: "Acme Robotics", Salience: 0.9}, {Name: "Nvidia", Salience: 0.2}}},
			[]string{"Acme Robotics", "Nvidia"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := tc.tags.CompanyNames()
			if got == nil || !slices.Equal(got, tc.want) {
				t.Errorf("CompanyNames() = %#v, want %#v", got, tc.want)
			}
		})
	}
}

func TestArticleIDs(t *testing.T) {
	tests := []struct {
		name string
		ev   Event
		want []int64
	}{
		{"no reports", Event{}, []int64{}},
		{"in report order", Event{Articles: []EventArticle{{ID: 9}, {ID: 3}, {ID: 5}}}, []int64{9, 3, 5}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.ev.ArticleIDs(); !slices.Equal(got, tc.want) {
				t.Errorf("ArticleIDs() = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestSourceFlagged(t *testing.T) {
	tests := []struct {
		failures int
		want     bool
	}{
		{0, false},
		{2, false},
		{3, true},
		{10, true},
	}
	for _, tc := range tests {
		t.Run(fmt.Sprintf("%d failures", tc.failures), func(t *testing.T) {
			if got := (Source{ConsecutiveFailures: tc.failures}).Flagged(); got != tc.want {
				t.Errorf("Flagged() = %v, want %v", got, tc.want)
			}
		})
	}
}
