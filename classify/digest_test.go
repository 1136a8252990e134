package classify

import (
	"reflect"
	"testing"
)

func TestDigestStories(t *testing.T) {
	c := testClassifier(t)
	tests := []struct {
		title string
		label string
		want  []string // nil: no digest
	}{
		{"The Morning Ledger: Quenby raises, Halvex cuts, and chips get cheaper", "The Morning Ledger",
			[]string{"Quenby raises", "Halvex cuts", "chips get cheaper"}},
		{"The Relay: Halvex's new model; Nvidia's earnings preview; a robot that folds towels", "The Relay",
			[]string{"Halvex's new model", "Nvidia's earnings preview", "a robot that folds towels"}},
		{"Quenby raises $40M for AI tutors, Halvex tops a benchmark, and Brussels delays a rule", "",
			[]string{"Quenby raises $40M for AI tutors", "Halvex tops a benchmark", "Brussels delays a rule"}},
		{"晨报｜星河智能完成A轮融资；远舟科技发布新款眼镜", "晨报", []string{"星河智能完成A轮融资", "远舟科技发布新款眼镜"}},
		// One story with several verbs.
		{"Quenby raises $40B, hires 500 engineers, and opens Tokyo office", "", nil},
		// A person's words after a colon.
		{"Quenby CEO: ‘We’re not for sale, and we don’t need to raise’", "", nil},
		// Two stories need a label.
		{"Halvex buys security startup Quenby; source says for about $200M", "", nil},
		// A list of names, not of stories.
		{"Nvidia, AMD, and Intel shares fall", "", nil},
		// A label too long to be a newsletter's name.
		{"What we learned this week about the chip market: prices, supply, and demand", "", nil},
	}
	for _, tt := range tests {
		label, stories := c.lex.digestStories(tt.title)
		var got []string
		for _, s := range stories {
			got = append(got, s.text)
			if tt.title[s.at:s.at+len(s.text)] != s.text {
				t.Errorf("%q: story %q not at %d", tt.title, s.text, s.at)
			}
		}
		if !reflect.DeepEqual(got, tt.want) || tt.want != nil && label != tt.label {
			t.Errorf("%q: got %q after label %q, want %q after %q", tt.title, got, label, tt.want, tt.label)
		}
	}
}
