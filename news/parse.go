package news

import (
	"math"
	"strconv"
	"strings"
	"time"
)

// The two parsers below belong to the query language and live in index
// (index.ParseAmount, index.ParseWhen). These copies stay only while
// store.ParseEventFilter calls them; they go when that parser leaves the
// store. Nothing else may call them.

// ParseAmount reads "50M", "1.5B", "$250k", "2bn", "1,000,000".
//
// Deprecated: use index.ParseAmount.
func ParseAmount(s string) (float64, bool) {
	s = strings.TrimPrefix(strings.ToLower(strings.ReplaceAll(s, ",", "")), "$")
	mult := 1.0
	for _, u := range []struct {
		suffix string
		mult   float64
	}{{"bn", 1e9}, {"k", 1e3}, {"m", 1e6}, {"b", 1e9}, {"t", 1e12}} {
		if strings.HasSuffix(s, u.suffix) {
			s, mult = strings.TrimSuffix(s, u.suffix), u.mult
			break
		}
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || v < 0 || math.IsInf(v, 0) || math.IsNaN(v) {
		return 0, false
	}
	return v * mult, true
}

// ParseWhen reads a date ("2026-06-30": that day; "2026-06": that month)
// or an age ("90d", "12w", "6m", "1y": that long before now) and returns
// the instant it starts and the instant it ends.
//
// Deprecated: use index.ParseWhen.
func ParseWhen(s string, now time.Time) (from, to time.Time, ok bool) {
	if t, err := time.Parse("2006-01-02", s); err == nil {
		return t, t.AddDate(0, 0, 1).Add(-time.Nanosecond), true
	}
	if t, err := time.Parse("2006-01", s); err == nil {
		return t, t.AddDate(0, 1, 0).Add(-time.Nanosecond), true
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, t, true
	}
	if len(s) < 2 {
		return time.Time{}, time.Time{}, false
	}
	n, err := strconv.Atoi(s[:len(s)-1])
	if err != nil || n < 0 || n > 100000 {
		return time.Time{}, time.Time{}, false
	}
	var t time.Time
	switch s[len(s)-1] {
	case 'h':
		t = now.Add(-time.Duration(n) * time.Hour)
	case 'd':
		t = now.AddDate(0, 0, -n)
	case 'w':
		t = now.AddDate(0, 0, -7*n)
	case 'm':
		t = now.AddDate(0, -n, 0)
	case 'y':
		t = now.AddDate(-n, 0, 0)
	default:
		return time.Time{}, time.Time{}, false
	}
	return t, t, true
}
