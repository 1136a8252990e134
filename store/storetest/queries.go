package storetest

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/aitracker/aitracker/news"
	"github.com/aitracker/aitracker/store"
)

func date(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

// testEventQueries: the filters of Events and the aggregates by company
// and by month, over five events.
func testEventQueries(t *testing.T, b Backend) {
	s := b.Open(t)
	c := ctx(t)
	src := syncSources(t, s, "wire")[0]
	type spec struct {
		name, typ, primary, layer, on string
		fields                        news.Fields
	}
	specs := []spec{
		{"a", "funding", "Acme", "model", "2026-09-10", news.Fields{AmountUSD: 5e7, Round: "Series B"}},
		{"b", "acquisition", "MegaCorp", "infrastructure", "2026-10-05", news.Fields{AmountUSD: 2e9, Acquirer: "MegaCorp", Target: "Acme"}},
		{"c", "model_release", "Zhipu AI", "model", "2026-10-20", news.Fields{}},
		{"d", "funding", "zhipu ai", "application", "2026-11-01", news.Fields{AmountUSD: 1e8}},
		{"e", "funding", "Beta", "none", "2026-11-02", news.Fields{}},
	}
	first, second := day, day.Add(time.Hour) // when events a–d, then e, were made
	id := map[string]int64{}
	for i, sp := range specs {
		a := article(src, sp.name, sp.primary, 0)
		a.Published = date(sp.on)
		a.Tags.EventType, a.Tags.Layer, a.Tags.Fields = news.EventType(sp.typ), news.Layer(sp.layer), sp.fields
		save(t, s, a)
		evs := []news.Event{event(a)}
		now := first
		if i == len(specs)-1 {
			now = second
		}
		replace(t, s, groupsOf(t, s, a.Tags.EventKey()), evs, nil, now)
		id[sp.name] = evs[0].ID
	}
	names := func(evs []news.Event) string {
		byID := map[int64]string{}
		for n, i := range id {
			byID[i] = n
		}
		var b strings.Builder
		for _, e := range evs {
			b.WriteString(byID[e.ID])
		}
		return b.String()
	}

	for _, tc := range []struct {
		name string
		f    store.EventFilter
		want string // the events' names in order
	}{
		{"everything, newest first", store.EventFilter{}, "edcba"},
		{"oldest first", store.EventFilter{Oldest: true}, "abcde"},
		{"since a date", store.EventFilter{Since: date("2026-10-01")}, "edcb"},
		{"until a date, inclusive", store.EventFilter{Until: date("2026-10-20")}, "cba"},
		{"one type", store.EventFilter{Types: []news.EventType{news.EventFunding}}, "eda"},
		{"two types", store.EventFilter{Types: []news.EventType{news.EventFunding, news.EventAcquisition}}, "edba"},
		{"a layer", store.EventFilter{Layers: []news.Layer{news.LayerModel}}, "ca"},
		{"a company: primary, acquirer or target", store.EventFilter{Companies: []string{"acme"}}, "ba"},
		{"a company, ignoring case", store.EventFilter{Companies: []string{"ZHIPU AI"}}, "dc"},
		{"two companies", store.EventFilter{Companies: []string{"Beta", "megacorp"}}, "eb"},
		{"a least amount", store.EventFilter{MinAmountUSD: 1e8}, "db"},
		{"IDs", store.EventFilter{IDs: []int64{id["a"], id["c"]}}, "ca"},
		{"a page", store.EventFilter{Limit: 2}, "ed"},
		{"the next page", store.EventFilter{Limit: 2, Offset: 2}, "cb"},
		{"made after a time", store.EventFilter{CreatedAfter: first}, "e"},
		{"made until a time", store.EventFilter{CreatedUntil: first}, "dcba"},
		{"every part at once", store.EventFilter{Since: date("2026-09-01"), Types: []news.EventType{news.EventFunding},
			Layers: []news.Layer{news.LayerModel, news.LayerApplication}, MinAmountUSD: 1}, "da"},
	} {
		got, err := s.Events(c, tc.f)
		must(t, err)
		if names(got) != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, names(got), tc.want)
		}
		for _, e := range got {
			if len(e.Articles) != 1 {
				t.Errorf("%s: event %d with %d articles", tc.name, e.ID, len(e.Articles))
			}
		}
	}

	t.Run("companies", func(t *testing.T) {
		got, err := s.Companies(c, "", 0)
		must(t, err)
		if len(got) != 4 || !strings.EqualFold(got[0].Name, "Zhipu AI") || got[0].Events != 2 {
			t.Fatalf("Companies = %+v; want 4, Zhipu AI first with 2 events (names ignore case)", got)
		}
		z := got[0]
		if z.FundingUSD != 1e8 || z.Rounds != 1 || z.LastRound == nil || z.LastRound.ID != id["d"] || !z.LastEvent.Equal(date("2026-11-01")) {
			t.Errorf("Zhipu AI: %+v", z)
		}
		rest := map[string]news.Layer{}
		for _, cs := range got[1:] {
			rest[cs.Name] = cs.Layer
		}
		if !reflect.DeepEqual(rest, map[string]news.Layer{"Acme": news.LayerModel, "MegaCorp": news.LayerInfrastructure, "Beta": news.LayerNone}) {
			t.Errorf("the other companies and their layers: %v", rest)
		}
		one, err := s.Companies(c, "ACME", 0)
		must(t, err)
		if len(one) != 1 || one[0].Name != "Acme" || one[0].Events != 1 || one[0].FundingUSD != 5e7 || one[0].LastRound.ID != id["a"] {
			t.Errorf("Companies(ACME) = %+v; want Acme alone (a target is not the company's event)", one)
		}
		if two, _ := s.Companies(c, "", 2); len(two) != 2 {
			t.Errorf("Companies with limit 2: %d", len(two))
		}
		if none, _ := s.Companies(c, "Beta", 0); len(none) != 1 || none[0].LastRound == nil || none[0].FundingUSD != 0 {
			t.Errorf("Beta, an undisclosed round: %+v", none)
		}
	})

	t.Run("a company's layer: the most of its events, none left out", func(t *testing.T) {
		s := b.Open(t)
		src := syncSources(t, s, "wire")[0]
		var evs []news.Event
		for i, layer := range []news.Layer{news.LayerNone, news.LayerApplication, news.LayerNone, news.LayerModel, news.LayerNone} {
			a := article(src, fmt.Sprintf("g%d", i), "Gamma", i*24*10)
			a.Tags.Layer = layer
			save(t, s, a)
			evs = append(evs, event(a))
		}
		replace(t, s, groupsOf(t, s, "funding|gamma"), evs, nil, day)
		got, err := s.Companies(c, "gamma", 0)
		must(t, err)
		if len(got) != 1 || got[0].Layer != news.LayerApplication || got[0].Events != 5 {
			t.Errorf("Companies(gamma) = %+v; want 5 events, in the application layer (a tie with model, first by name)", got)
		}
	})

	t.Run("active", func(t *testing.T) {
		got, err := s.Active(c, date("2026-10-15"), 10)
		must(t, err)
		if len(got) != 2 || !strings.EqualFold(got[0].Name, "Zhipu AI") || got[0].Events != 2 || got[0].FundingUSD != 1e8 ||
			got[1].Name != "Beta" || got[1].Events != 1 {
			t.Errorf("Active since 2026-10-15 = %+v", got)
		}
		if one, _ := s.Active(c, time.Time{}, 1); len(one) != 1 {
			t.Errorf("Active with limit 1: %d", len(one))
		}
	})

	t.Run("monthly", func(t *testing.T) {
		for _, tc := range []struct {
			name  string
			by    string
			types []news.EventType
			want  []store.MonthCount
		}{
			{"by type", "type", nil, []store.MonthCount{
				{Month: "2026-09", Key: "funding", Events: 1, AmountUSD: 5e7},
				{Month: "2026-10", Key: "acquisition", Events: 1, AmountUSD: 2e9},
				{Month: "2026-10", Key: "model_release", Events: 1},
				{Month: "2026-11", Key: "funding", Events: 2, AmountUSD: 1e8},
			}},
			{"by layer, funding only", "layer", []news.EventType{news.EventFunding}, []store.MonthCount{
				{Month: "2026-09", Key: "model", Events: 1, AmountUSD: 5e7},
				{Month: "2026-11", Key: "application", Events: 1, AmountUSD: 1e8},
				{Month: "2026-11", Key: "none", Events: 1},
			}},
		} {
			got, err := s.Monthly(c, date("2026-09-01"), tc.by, tc.types...)
			must(t, err)
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("%s:\n got %+v\nwant %+v", tc.name, got, tc.want)
			}
		}
		if got, _ := s.Monthly(c, date("2026-11-01"), "type"); len(got) != 1 {
			t.Errorf("since November: %+v", got)
		}
	})
}
