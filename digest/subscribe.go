package digest

import (
	"fmt"
	"net/mail"
	"strings"
	"time"

	"github.com/aitracker/aitracker/index"
	"github.com/aitracker/aitracker/news"
)

// Request is a subscription as a person writes it, from the CLI flags or
// the API's JSON: lists are comma-separated, the amount is "50M".
type Request struct {
	Email     string `json:"email"`
	Query     string `json:"query"`
	Types     string `json:"types"`
	Layers    string `json:"layers"`
	Companies string `json:"companies"`
	MinAmount string `json:"min_amount"`
	Langs     string `json:"langs"`
	// Frequency is daily (the default) or weekly.
	Frequency string `json:"frequency"`
	At        string `json:"at"`      // "07:00" (the default)
	TZ        string `json:"tz"`      // IANA zone, UTC by default
	Weekday   string `json:"weekday"` // for weekly: mon … sun, monday by default
}

// Subscriber checks a request and turns it into a subscriber; every
// problem is an error naming the field. resolve maps company names and
// aliases to canonical names (nil keeps them).
func (r Request) Subscriber(resolve func(string) string) (news.Subscriber, error) {
	var sub news.Subscriber
	addr, err := mail.ParseAddress(strings.TrimSpace(r.Email))
	if err != nil || strings.ContainsAny(addr.Address, " <>") {
		return sub, fmt.Errorf("email: want an address such as ana@example.com, got %q", r.Email)
	}
	sub.Email = addr.Address
	list := func(s string) []string {
		var out []string
		for _, p := range strings.Split(s, ",") {
			if p = strings.TrimSpace(p); p != "" {
				out = append(out, p)
			}
		}
		return out
	}
	f := &sub.Filter
	f.Query = strings.TrimSpace(r.Query)
	if err := CheckQuery(f.Query); err != nil {
		return sub, fmt.Errorf("query: %w", err)
	}
	for _, v := range list(r.Types) {
		t, err := news.ParseEventType(v)
		if err != nil {
			return sub, fmt.Errorf("types: %w", err)
		}
		f.Types = append(f.Types, t)
	}
	for _, v := range list(r.Layers) {
		l, err := news.ParseLayer(v)
		if err != nil {
			return sub, fmt.Errorf("layers: %w", err)
		}
		f.Layers = append(f.Layers, l)
	}
	for _, v := range list(r.Companies) {
		if resolve != nil {
			v = resolve(v)
		}
		f.Companies = append(f.Companies, v)
	}
	for _, v := range list(r.Langs) {
		if v != "en" && v != "zh" {
			return sub, fmt.Errorf("langs: want en or zh, got %q", v)
		}
		f.Langs = append(f.Langs, v)
	}
	if r.MinAmount != "" {
		n, ok := index.ParseAmount(r.MinAmount)
		if !ok {
			return sub, fmt.Errorf("min_amount: want a sum in USD such as 50M or 1.5B, got %q", r.MinAmount)
		}
		f.MinAmountUSD = n
	}
	sub.Frequency = strings.ToLower(strings.TrimSpace(r.Frequency))
	switch sub.Frequency {
	case "":
		sub.Frequency = "daily"
	case "daily", "weekly":
	default:
		return sub, fmt.Errorf("frequency: want daily or weekly, got %q", r.Frequency)
	}
	sub.SendAt = strings.TrimSpace(r.At)
	if sub.SendAt == "" {
		sub.SendAt = "07:00"
	}
	if _, _, err := ParseClock(sub.SendAt); err != nil {
		return sub, fmt.Errorf("at: %w", err)
	}
	sub.TZ = strings.TrimSpace(r.TZ)
	if sub.TZ == "" {
		sub.TZ = "UTC"
	}
	if _, err := time.LoadLocation(sub.TZ); err != nil || strings.EqualFold(sub.TZ, "local") {
		return sub, fmt.Errorf("tz: want a time zone such as Asia/Shanghai or UTC, got %q", r.TZ)
	}
	sub.Weekday = time.Monday
	if w := strings.ToLower(strings.TrimSpace(r.Weekday)); w != "" {
		found := false
		for d := time.Sunday; d <= time.Saturday; d++ {
			name := strings.ToLower(d.String())
			if w == name || w == name[:3] {
				sub.Weekday, found = d, true
			}
		}
		if !found {
			return sub, fmt.Errorf("weekday: want mon … sun, got %q", r.Weekday)
		}
	}
	return sub, nil
}
