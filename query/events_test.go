package query_test

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/aitracker/aitracker/news"
	"github.com/aitracker/aitracker/query"
	"github.com/aitracker/aitracker/store"
)

var now = time.Date(2026, 7, 15, 12, 0, 0, 0, time.UTC)

func TestEventFilter(t *testing.T) {
	aliases := map[string]string{"openai": "OpenAI", "智谱": "Zhipu AI"}
	resolve := func(s string) string {
		if c, ok := aliases[strings.ToLower(s)]; ok {
			return c
		}
		return s
	}
	cases := []struct {
		name    string
		params  map[string][]string
		want    store.EventFilter
		wantErr string // a part of the error; "" for none
	}{
		{"nothing selects everything", nil, store.EventFilter{}, ""},
		{"since a date, until a month",
			map[string][]string{"since": {"2026-06-30"}, "until": {"2026-07"}},
			store.EventFilter{Since: time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC), Until: time.Date(2026, 8, 1, 0, 0, 0, 0, time.UTC).Add(-time.Nanosecond)}, ""},
		{"an age counts back from now", map[string][]string{"since": {"7d"}}, store.EventFilter{Since: now.AddDate(0, 0, -7)}, ""},
		{"lists: comma-separated or repeated, blanks dropped",
			map[string][]string{"type": {"funding, acquisition", "", "ipo"}, "layer": {"model"}},
			store.EventFilter{Types: []news.EventType{news.EventFunding, news.EventAcquisition, news.EventIPO}, Layers: []news.Layer{news.LayerModel}}, ""},
		{"companies resolved from aliases", map[string][]string{"company": {"openai,智谱", "Acme"}},
			store.EventFilter{Companies: []string{"OpenAI", "Zhipu AI", "Acme"}}, ""},
		{"amount, limit and offset", map[string][]string{"min_amount": {"$1.5B"}, "limit": {"20"}, "offset": {"40"}},
			store.EventFilter{MinAmountUSD: 1.5e9, Limit: 20, Offset: 40}, ""},
		{"the last of a repeated single value wins", map[string][]string{"limit": {"5", " 7 "}}, store.EventFilter{Limit: 7}, ""},
		{"bad since", map[string][]string{"since": {"last tuesday"}}, store.EventFilter{}, "since:"},
		{"bad until", map[string][]string{"until": {"soon"}}, store.EventFilter{}, "until:"},
		{"bad type", map[string][]string{"type": {"funding,party"}}, store.EventFilter{}, "type:"},
		{"bad layer", map[string][]string{"layer": {"crust"}}, store.EventFilter{}, "layer:"},
		{"bad amount", map[string][]string{"min_amount": {"lots"}}, store.EventFilter{}, "min_amount:"},
		{"negative limit", map[string][]string{"limit": {"-1"}}, store.EventFilter{}, "limit:"},
		{"offset not a number", map[string][]string{"offset": {"x"}}, store.EventFilter{}, "offset:"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := query.EventFilter(func(n string) []string { return tc.params[n] }, now, resolve)
			if tc.wantErr != "" {
				if err == nil || !strings.HasPrefix(err.Error(), tc.wantErr) {
					t.Fatalf("err = %v, want one starting %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got %+v\nwant %+v", got, tc.want)
			}
		})
	}
}

func TestEventFilterWithoutResolver(t *testing.T) {
	f, err := query.EventFilter(func(n string) []string { return map[string][]string{"company": {"openai"}}[n] }, now, nil)
	if err != nil || !reflect.DeepEqual(f.Companies, []string{"openai"}) {
		t.Errorf("%+v, %v", f, err)
	}
}

// FuzzEventFilter: URL parameters are outside input. Whatever they hold,
// the parser returns a filter or an error naming a parameter, and never
// a negative limit or offset.
func FuzzEventFilter(f *testing.F) {
	for _, seed := range [][2]string{{"since", "7d"}, {"until", "2026-06"}, {"type", "funding,ipo"}, {"min_amount", "50M"},
		{"limit", "10"}, {"offset", "-3"}, {"company", "a,,b"}, {"since", "99999999y"}, {"layer", "\xff"}} {
		f.Add(seed[0], seed[1])
	}
	names := []string{"since", "until", "type", "layer", "company", "min_amount", "limit", "offset"}
	f.Fuzz(func(t *testing.T, name, value string) {
		flt, err := query.EventFilter(func(n string) []string {
			if n == name {
				return []string{value}
			}
			return nil
		}, now, nil)
		if err != nil {
			for _, n := range names {
				if strings.HasPrefix(err.Error(), n+":") {
					return
				}
			}
			t.Fatalf("error %q names no parameter", err)
		}
		if flt.Limit < 0 || flt.Offset < 0 {
			t.Fatalf("negative limit or offset: %+v", flt)
		}
	})
}
