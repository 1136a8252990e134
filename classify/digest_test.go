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
		// A newsletter's label, then stories set apart by commas alone.
		{"Morning brief: Quenby launches Atlas 2, Halvex unveils a new chip", "Morning brief",
			[]string{"Quenby launches Atlas 2", "Halvex unveils a new chip"}},
		{"The Ledger Daily: Quenby to buy Lumora, Halvex's new chip, and more", "The Ledger Daily",
			[]string{"Quenby to buy Lumora", "Halvex's new chip"}},
		{"机器之心周报丨星河智能完成A轮融资；远舟科技开源新模型", "机器之心周报", []string{"星河智能完成A轮融资", "远舟科技开源新模型"}},
		{"8点1氪｜「算力方舟」递表港交所；苹果发布新款平板", "8点1氪", []string{"「算力方舟」递表港交所", "苹果发布新款平板"}},
		// Near miss: a quotation after a label is one story.
		{"创始人｜「我们不会卖掉公司」", "", nil},
		// Near miss: commas alone after a label that names no newsletter.
		{"Exclusive: Quenby raises $40M, Halvex leads", "", nil},
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

// TestDigestEvidence: the chosen story's evidence points into the item's
// headline and summary, where the story and what the summary says of it
// stand.
func TestDigestEvidence(t *testing.T) {
	c := testClassifier(t)
	in := Input{Title: "The Morning Ledger: Halvex cuts, Quenby raises, and chips get cheaper",
		Summary: "Halvex is trimming its sales team again. Quenby landed a $30 million Series B led by Greylock for its claims assistant. Plus: why chips keep getting cheaper."}
	tags := c.Classify(in)
	if tags.EventType != "funding" || tags.Primary != "Quenby" || tags.Fields.Amount != 30e6 {
		t.Fatalf("got %s of %q for %v, want Quenby's $30M funding", tags.EventType, tags.Primary, tags.Fields.Amount)
	}
	checkTrail(t, in, tags)
	if d := tags.Trail[0]; d.What != "digest" || d.Value != "Quenby raises" {
		t.Errorf("first decision %+v, want the digest's story", d)
	}
}
