package digest_test

import (
	"context"
	"testing"

	"github.com/aitracker/aitracker/digest"
	"github.com/aitracker/aitracker/news"
	"github.com/aitracker/aitracker/web"
)

// TestDigestMetrics: the digests of a run are counted by outcome in the
// metrics /metrics serves, through a real SMTP server on loopback.
func TestDigestMetrics(t *testing.T) {
	f := newFixture(t)
	f.subscribe(t, "ana@example.org", news.SubscriberFilter{})
	f.subscribe(t, "nothing@example.org", news.SubscriberFilter{Companies: []string{"Nobody Inc"}})
	m := web.NewMetrics(nil, nil)
	s := f.sender(f.st, sendAt)
	s.Observer = m
	rep, err := s.Run(context.Background(), digest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Sent != 1 || rep.Empty != 1 {
		t.Fatalf("report %+v, want one sent and one with nothing new", rep)
	}
	for outcome, want := range map[string]float64{"sent": 1, "empty": 1} {
		got, err := gatherValue(m, "aitracker_digest_messages_total", "outcome", outcome)
		if err != nil || got != want {
			t.Errorf("aitracker_digest_messages_total{outcome=%q} = %v (%v), want %v", outcome, got, err, want)
		}
	}
	// A second run finds both done: nothing is counted again.
	if _, err := s.Run(context.Background(), digest.Options{}); err != nil {
		t.Fatal(err)
	}
	if got, _ := gatherValue(m, "aitracker_digest_messages_total", "outcome", "sent"); got != 1 {
		t.Errorf("after a second run, sent = %v, want still 1", got)
	}
}

func gatherValue(m *web.Metrics, name, label, value string) (float64, error) {
	fams, err := m.Gatherer().Gather()
	if err != nil {
		return 0, err
	}
	for _, fam := range fams {
		if fam.GetName() != name {
			continue
		}
		for _, mt := range fam.GetMetric() {
			for _, lp := range mt.GetLabel() {
				if lp.GetName() == label && lp.GetValue() == value {
					return mt.GetCounter().GetValue(), nil
				}
			}
		}
	}
	return 0, nil
}
