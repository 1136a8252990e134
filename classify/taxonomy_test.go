package classify

import "testing"

func TestParseCue(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want cue
	}{
		{"raises", cue{phrase: "raises", weight: 1}},
		{"raises=2.5", cue{phrase: "raises", weight: 2.5}},
		{"^series a", cue{phrase: "series a", weight: 1, anchored: true}},
		{"<led by", cue{phrase: "led by", weight: 1, before: true}},
		{">takes a stake in=3", cue{phrase: "takes a stake in", weight: 3, object: true}},
		{"!denies", cue{phrase: "denies", weight: 1, overrides: true}},
		// The prefixes combine in any order, and spaces after them go.
		{"!^< cuts the price", cue{phrase: "cuts the price", weight: 1, anchored: true, before: true, overrides: true}},
		{">^x=0.5", cue{phrase: "x", weight: 0.5, anchored: true, object: true}},
		// A prefix character past the start is part of the phrase.
		{"a^b", cue{phrase: "a^b", weight: 1}},
		{"", cue{phrase: "", weight: 1}},
	} {
		if got := parseCue(tc.in); got != tc.want {
			t.Errorf("parseCue(%q) = %+v, want %+v", tc.in, got, tc.want)
		}
	}
}
