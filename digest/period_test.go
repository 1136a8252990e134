package digest

import (
	"testing"
	"time"

	"github.com/aitracker/aitracker/news"
)

func TestLastDue(t *testing.T) {
	shanghai := news.Subscriber{Email: "a@x", Frequency: "daily", SendAt: "07:00", TZ: "Asia/Shanghai"}
	weekly := news.Subscriber{Email: "a@x", Frequency: "weekly", SendAt: "09:30", TZ: "Europe/Paris", Weekday: time.Monday}
	for _, tc := range []struct {
		name   string
		sub    news.Subscriber
		now    string
		id     string
		due    string
		failed bool
	}{
		{"after the send time", shanghai, "2026-11-28T00:00:00Z", "2026-11-28", "2026-11-27T23:00:00Z", false},
		{"just before it", shanghai, "2026-11-27T22:59:00Z", "2026-11-27", "2026-11-26T23:00:00Z", false},
		{"weekly, on the day after the time", weekly, "2026-11-30T08:30:00Z", "2026-W49", "2026-11-30T08:30:00Z", false},
		{"weekly, on the day before the time", weekly, "2026-11-30T08:29:00Z", "2026-W48", "2026-11-23T08:30:00Z", false},
		{"weekly, mid-week", weekly, "2026-12-03T12:00:00Z", "2026-W49", "2026-11-30T08:30:00Z", false},
		{"bad zone", news.Subscriber{Email: "a@x", SendAt: "07:00", TZ: "Mars/Olympus"}, "2026-11-28T00:00:00Z", "", "", true},
		{"bad clock", news.Subscriber{Email: "a@x", SendAt: "7am", TZ: "UTC"}, "2026-11-28T00:00:00Z", "", "", true},
		{"bad frequency", news.Subscriber{Email: "a@x", Frequency: "hourly", SendAt: "07:00", TZ: "UTC"}, "2026-11-28T00:00:00Z", "", "", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			now, _ := time.Parse(time.RFC3339, tc.now)
			p, err := LastDue(tc.sub, now)
			if tc.failed {
				if err == nil {
					t.Fatalf("no error, period %+v", p)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if p.ID != tc.id || p.Due.Format(time.RFC3339) != tc.due {
				t.Errorf("period %s due %s, want %s due %s", p.ID, p.Due.Format(time.RFC3339), tc.id, tc.due)
			}
		})
	}
}

// TestDaylightSaving walks minute by minute over the spring-forward and
// fall-back days of New York with a 02:30 send time: each day is due
// exactly once, at 03:30 on the spring-forward day (02:30 does not exist)
// and at the first 01:30… 02:30 on the fall-back day.
func TestDaylightSaving(t *testing.T) {
	sub := news.Subscriber{Email: "a@x", Frequency: "daily", SendAt: "02:30", TZ: "America/New_York"}
	for _, tc := range []struct {
		from, to string
		dues     map[string]string // period → due instant, local
	}{
		{"2026-03-07T12:00:00Z", "2026-03-10T12:00:00Z", map[string]string{
			"2026-03-08": "2026-03-08T03:30:00-04:00", // spring forward: 02:30 does not exist
			"2026-03-09": "2026-03-09T02:30:00-04:00",
		}},
		{"2026-10-31T12:00:00Z", "2026-11-03T12:00:00Z", map[string]string{
			"2026-11-01": "2026-11-01T02:30:00-05:00", // fall back: 02:30 happens once, after the repeat of 01:00–02:00
			"2026-11-02": "2026-11-02T02:30:00-05:00",
		}},
	} {
		from, _ := time.Parse(time.RFC3339, tc.from)
		to, _ := time.Parse(time.RFC3339, tc.to)
		loc, _ := time.LoadLocation(sub.TZ)
		first, err := LastDue(sub, from)
		if err != nil {
			t.Fatal(err)
		}
		// Sending is due when LastDue names a period not seen before.
		sent := map[string]time.Time{first.ID: from}
		for now := from; now.Before(to); now = now.Add(time.Minute) {
			// The clock reads New York time; the schedule is UTC.
			p, err := LastDue(sub, now.In(loc))
			if err != nil {
				t.Fatal(err)
			}
			if p.Due.Location() != time.UTC {
				t.Fatalf("period %s is due at %s, not a UTC instant", p.ID, p.Due)
			}
			if _, ok := sent[p.ID]; ok {
				continue
			}
			sent[p.ID] = now
			if p.Due.After(now) {
				t.Errorf("period %s due at %s named at %s", p.ID, p.Due, now)
			}
		}
		for id, want := range tc.dues {
			at, ok := sent[id]
			if !ok {
				t.Errorf("period %s never due", id)
				continue
			}
			if got := at.In(loc).Format(time.RFC3339); got != want {
				t.Errorf("period %s due at %s, want %s", id, got, want)
			}
		}
	}
}
