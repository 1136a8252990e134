package digest

import (
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/aitracker/aitracker/index"
	"github.com/aitracker/aitracker/news"
)

// TestRenderCapsLongDigests: a day with 200 matching events lists the 60
// most reported, says how many more each group has, links to them with a
// query that parses, and counts them all in the subject.
func TestRenderCapsLongDigests(t *testing.T) {
	var evs []*news.Event
	for i := range 200 {
		typ := news.EventFunding
		if i%4 == 0 {
			typ = news.EventModelRelease
		}
		evs = append(evs, &news.Event{ID: int64(i + 1), Type: typ, PrimaryCompany: "Company " + string(rune('A'+i%26)), Layer: news.LayerModel,
			Sources: 1 + i%7, Fields: news.Fields{AmountUSD: float64(i) * 1e6, Amount: float64(i) * 1e6, Currency: "USD"}})
	}
	sub := news.Subscriber{ID: 1, Frequency: "daily"}
	p := Period{ID: "2026-11-28", Local: time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC), Length: 24 * time.Hour}
	msg, err := Render(sub, p, evs, "https://tracker.example", "https://tracker.example/u/x")
	if err != nil {
		t.Fatal(err)
	}
	if msg.Subject != "150 rounds, 50 model releases — Nov 28" {
		t.Errorf("subject %q", msg.Subject)
	}
	if n := strings.Count(msg.Text, "\n  - "); n != MaxLines {
		t.Errorf("%d lines, want %d", n, MaxLines)
	}
	if !strings.Contains(msg.Text, "200 new events match what you follow. Here are the 60 most reported.") {
		t.Errorf("intro:\n%s", msg.Text[:300])
	}
	if len(msg.HTML) > 100_000 {
		t.Errorf("HTML is %d bytes; mail clients clip past 102 KB", len(msg.HTML))
	}
	var mores int
	for _, line := range strings.Split(msg.Text, "\n") {
		_, link, ok := strings.Cut(line, "more: ")
		if !ok {
			continue
		}
		mores++
		u, err := url.Parse(link)
		if err != nil {
			t.Fatal(err)
		}
		if err := index.CheckQuery(u.Query().Get("q")); err != nil {
			t.Errorf("the link to the rest has a bad query %q: %v", u.Query().Get("q"), err)
		}
	}
	if mores != 2 {
		t.Errorf("%d groups say how many more, want 2", mores)
	}
}
