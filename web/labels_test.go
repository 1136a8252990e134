package web

import (
	"testing"
	"time"

	"github.com/aitracker/aitracker/news"
)

func TestLabels(t *testing.T) {
	for _, tc := range []struct {
		in   any
		want string
	}{
		{news.EventModelRelease, "Model release"}, {news.EventIPO, "IPO"}, {"series_c", "Series C"}, {"pre-seed", "Pre-seed"},
		{"unknown", "Undisclosed round"}, {news.LayerMiddleware, "Middleware"}, {news.StatusRumored, "Rumoured"},
		{"new_kind", "New kind"}, {"", ""},
	} {
		if got := label(tc.in); got != tc.want {
			t.Errorf("label(%v) = %q, want %q", tc.in, got, tc.want)
		}
	}
	// Every token the domain defines has a label of its own.
	for _, e := range news.EventTypes {
		if _, ok := labels[string(e)]; !ok {
			t.Errorf("event type %s has no label", e)
		}
	}
	if got := humanDate(time.Date(2026, 12, 2, 23, 0, 0, 0, time.FixedZone("", -3*3600))); got != "3 Dec 2026" {
		t.Errorf("humanDate = %q, want the UTC day, 3 Dec 2026", got)
	}
	for cur, want := range map[string]string{"USD": "$1.7B", "EUR": "€1.7B", "GBP": "£1.7B", "CNY": "¥1.7B", "CHF": "1.7B CHF"} {
		if got := currencySign(cur, "1.7B"); got != want {
			t.Errorf("currencySign(%s) = %q, want %q", cur, got, want)
		}
	}
}
