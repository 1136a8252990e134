package eval

import (
	"strings"
	"testing"

	"github.com/aitracker/aitracker/classify"
	"github.com/aitracker/aitracker/config"
	"github.com/aitracker/aitracker/news"
)

// TestPredictReadsTextAsThePipelineDoes checks that an item's markup and
// entities are resolved before it is classified, as the feed reader
// resolves them: the evaluation scores what the pipeline would tag.
func TestPredictReadsTextAsThePipelineDoes(t *testing.T) {
	tax, err := config.LoadDefaultTaxonomy()
	if err != nil {
		t.Fatal(err)
	}
	c, err := classify.New(tax)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, title, summary string
		want                 news.EventType
	}{
		{"entities in an essay's headline", "Agents Are Eating SaaS &#8211; Part 3",
			"<p>In part 3 we look at pricing. Seat-based licenses don&#8217;t survive contact with software that never logs in.</p>", news.EventOther},
		{"markup around a round", "Lumora raises $40M Series B &amp; hires a CFO",
			"<p>Lumora, a robotics startup, said on Tuesday it raised <b>$40 million</b>.</p>", news.EventFunding},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			preds, _, err := Predict(c, []Item{{ID: "x-1", Date: "2026-12-01", Lang: "en", Title: tt.title, Summary: tt.summary}}, false)
			if err != nil {
				t.Fatal(err)
			}
			if got := preds[0].EventType; got != tt.want {
				t.Errorf("event type %q, want %q", got, tt.want)
			}
			for _, d := range preds[0].Trail {
				for _, ev := range d.Evidence {
					if ev.Text == "" {
						continue
					}
					for _, bad := range []string{"&#", "&amp;", "<p>", "<b>"} {
						if strings.Contains(ev.Text, bad) {
							t.Errorf("evidence %q keeps the markup %q", ev.Text, bad)
						}
					}
				}
			}
		})
	}
}
