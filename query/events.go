package query

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/aitracker/aitracker/index"
	"github.com/aitracker/aitracker/news"
	"github.com/aitracker/aitracker/store"
)

// EventFilter reads an event filter from named parameters, as the CLI
// flags and the API's URL give them: since and until (a date such as
// 2026-06-30 or an age such as 7d, 12w, 6m), type, layer and company
// (comma-separated lists, or repeated), min_amount (USD: 50M, 1.5B), limit
// and offset. resolve, when not nil, turns a company name or alias into
// its canonical name. An invalid value is an error naming the parameter.
func EventFilter(get func(name string) []string, now time.Time, resolve func(string) string) (store.EventFilter, error) {
	var f store.EventFilter
	list := func(name string) []string {
		var out []string
		for _, v := range get(name) {
			for _, p := range strings.Split(v, ",") {
				if p = strings.TrimSpace(p); p != "" {
					out = append(out, p)
				}
			}
		}
		return out
	}
	one := func(name string) string {
		vs := get(name)
		if len(vs) == 0 {
			return ""
		}
		return strings.TrimSpace(vs[len(vs)-1])
	}
	if v := one("since"); v != "" {
		from, _, ok := index.ParseWhen(v, now)
		if !ok {
			return f, fmt.Errorf("since: want a date (2026-06-30) or an age (7d, 12w, 6m, 1y), got %q", v)
		}
		f.Since = from
	}
	if v := one("until"); v != "" {
		_, to, ok := index.ParseWhen(v, now)
		if !ok {
			return f, fmt.Errorf("until: want a date (2026-06-30) or an age (7d, 12w, 6m, 1y), got %q", v)
		}
		f.Until = to
	}
	for _, v := range list("type") {
		t, err := news.ParseEventType(v)
		if err != nil {
			return f, fmt.Errorf("type: %w", err)
		}
		f.Types = append(f.Types, t)
	}
	for _, v := range list("layer") {
		l, err := news.ParseLayer(v)
		if err != nil {
			return f, fmt.Errorf("layer: %w", err)
		}
		f.Layers = append(f.Layers, l)
	}
	for _, v := range list("company") {
		if resolve != nil {
			v = resolve(v)
		}
		f.Companies = append(f.Companies, v)
	}
	if v := one("min_amount"); v != "" {
		n, ok := index.ParseAmount(v)
		if !ok {
			return f, fmt.Errorf("min_amount: want a sum in USD such as 50M or 1.5B, got %q", v)
		}
		f.MinAmountUSD = n
	}
	for _, p := range []struct {
		name string
		dst  *int
	}{{"limit", &f.Limit}, {"offset", &f.Offset}} {
		if v := one(p.name); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil || n < 0 {
				return f, fmt.Errorf("%s: want a non-negative number, got %q", p.name, v)
			}
			*p.dst = n
		}
	}
	return f, nil
}
