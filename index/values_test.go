package index

import (
	"math"
	"testing"
	"time"
)

func TestParseAmount(t *testing.T) {
	tests := []struct {
		in   string
		want float64
		ok   bool
	}{
		{"50M", 50e6, true},
		{"1.5B", 1.5e9, true},
		{"$250k", 250e3, true},
		{"2bn", 2e9, true},
		{"1,000,000", 1e6, true},
		{"3T", 3e12, true},
		{"0", 0, true},
		{"", 0, false},
		{"M", 0, false},
		{"-5M", 0, false},
		{"fifty", 0, false},
		{"NaN", 0, false},
		{"Inf", 0, false},
		{"5 M", 0, false},
		{"1e308t", 0, false}, // past the largest float once multiplied
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			got, ok := ParseAmount(tc.in)
			if ok != tc.ok || got != tc.want {
				t.Errorf("ParseAmount(%q) = %v, %v; want %v, %v", tc.in, got, ok, tc.want, tc.ok)
			}
		})
	}
}

func TestParseWhen(t *testing.T) {
	now := time.Date(2026, 7, 15, 12, 0, 0, 0, time.UTC)
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	tests := []struct {
		in       string
		from, to time.Time
		ok       bool
	}{
		{"2026-06-30", day(2026, 6, 30), day(2026, 7, 1).Add(-time.Nanosecond), true},
		{"2026-02", day(2026, 2, 1), day(2026, 3, 1).Add(-time.Nanosecond), true},
		{"2026-06-30T08:00:00Z", day(2026, 6, 30).Add(8 * time.Hour), day(2026, 6, 30).Add(8 * time.Hour), true},
		{"36h", now.Add(-36 * time.Hour), now.Add(-36 * time.Hour), true},
		{"90d", day(2026, 4, 16).Add(12 * time.Hour), day(2026, 4, 16).Add(12 * time.Hour), true},
		{"2w", day(2026, 7, 1).Add(12 * time.Hour), day(2026, 7, 1).Add(12 * time.Hour), true},
		{"6m", day(2026, 1, 15).Add(12 * time.Hour), day(2026, 1, 15).Add(12 * time.Hour), true},
		{"1y", day(2025, 7, 15).Add(12 * time.Hour), day(2025, 7, 15).Add(12 * time.Hour), true},
		{"0d", now, now, true},
		{"", time.Time{}, time.Time{}, false},
		{"d", time.Time{}, time.Time{}, false},
		{"7x", time.Time{}, time.Time{}, false},
		{"-3d", time.Time{}, time.Time{}, false},
		{"100001y", time.Time{}, time.Time{}, false},
		{"2026-13-01", time.Time{}, time.Time{}, false},
		{"yesterday", time.Time{}, time.Time{}, false},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			from, to, ok := ParseWhen(tc.in, now)
			if ok != tc.ok || !from.Equal(tc.from) || !to.Equal(tc.to) {
				t.Errorf("ParseWhen(%q) = %v, %v, %v; want %v, %v, %v", tc.in, from, to, ok, tc.from, tc.to, tc.ok)
			}
		})
	}
}

// FuzzParseAmount: what a user types never panics, and a sum read is a
// finite number not below zero.
func FuzzParseAmount(f *testing.F) {
	for _, s := range []string{"50M", "1.5B", "$250k", "2bn", "1,000,000", "-5M", "NaN", "1e308t", "", "$", "0x1p10"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, ok := ParseAmount(s)
		if ok && (v < 0 || math.IsInf(v, 0) || math.IsNaN(v)) {
			t.Errorf("ParseAmount(%q) = %v, ok", s, v)
		}
		if !ok && v != 0 {
			t.Errorf("ParseAmount(%q) = %v, not ok", s, v)
		}
	})
}

// FuzzParseWhen: what a user types never panics, and a span read never
// ends before it starts.
func FuzzParseWhen(f *testing.F) {
	for _, s := range []string{"2026-06-30", "2026-06", "2026-06-30T08:00:00Z", "36h", "90d", "12w", "6m", "1y", "100000y", "-1d", "", "h"} {
		f.Add(s)
	}
	now := time.Date(2026, 7, 15, 12, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, s string) {
		from, to, ok := ParseWhen(s, now)
		if ok && to.Before(from) {
			t.Errorf("ParseWhen(%q) = %v … %v: ends before it starts", s, from, to)
		}
		if !ok && (!from.IsZero() || !to.IsZero()) {
			t.Errorf("ParseWhen(%q) not ok yet gave %v … %v", s, from, to)
		}
	})
}
