package money

import "testing"

func TestShort(t *testing.T) {
	tests := []struct {
		v    float64
		want string
	}{
		{0, "0"},
		{12.5, "12.5"},
		{999, "999"},
		{1000, "1K"},
		{250_000, "250K"},
		{1_250_000, "1.25M"},
		{1_236_000, "1.24M"}, // two decimals, rounded
		{40_000_000, "40M"},
		{1_300_000_000, "1.3B"},
		{2.1e9, "2.1B"},
		{2.5e12, "2500B"}, // no T: trillions are rare enough to read as billions
	}
	for _, tc := range tests {
		t.Run(tc.want, func(t *testing.T) {
			if got := Short(tc.v); got != tc.want {
				t.Errorf("Short(%v) = %q, want %q", tc.v, got, tc.want)
			}
		})
	}
}
