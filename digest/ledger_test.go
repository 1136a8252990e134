package digest_test

import (
	"context"
	"fmt"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aitracker/aitracker/config"
	"github.com/aitracker/aitracker/digest"
	"github.com/aitracker/aitracker/internal/clock"
	"github.com/aitracker/aitracker/internal/mailtest"
	"github.com/aitracker/aitracker/news"
	"github.com/aitracker/aitracker/store"
)

// TestDaylightSavingSends runs the sender, not just the schedule, every
// minute around the send time over New York's spring-forward and
// fall-back days, with a clock that reads New York time. A daily 02:30
// digest goes out exactly once each day: at 03:30 EDT on the day 02:30
// does not exist, at 02:30 EST (after 01:00–02:00 has run twice) on the
// day the clocks fall back. What the ledger keeps of when each digest
// went out is UTC instants, and the windows run on from one digest to the
// next with no gap or overlap across either change.
func TestDaylightSavingSends(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	f.cfg.SendEmpty = true // a message every day, whatever happened
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	sub := news.Subscriber{Email: "dst@example.org", Frequency: "daily", SendAt: "02:30", TZ: "America/New_York",
		Created: time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)}
	if err := f.st.AddSubscriber(ctx, &sub); err != nil {
		t.Fatal(err)
	}
	f.logs.Secret("subscriber address", sub.Email)

	var now time.Time
	s := f.sender(f.st, time.Time{})
	s.Clock = clock.Func(func() time.Time { return now.In(ny) })
	runs := 0
	walk := func(from, to string) {
		t.Helper()
		start, _ := time.Parse(time.RFC3339, from)
		end, _ := time.Parse(time.RFC3339, to)
		for now = start; now.Before(end); runs++ {
			if _, err := s.Run(ctx, digest.Options{}); err != nil {
				t.Fatalf("run at %s: %v", now.In(ny), err)
			}
			// Every minute from local midnight to 05:00, which holds
			// both changes; every half hour the rest of the day.
			if now.In(ny).Hour() < 5 {
				now = now.Add(time.Minute)
			} else {
				now = now.Add(30 * time.Minute)
			}
		}
	}
	walk("2026-03-07T12:00:00Z", "2026-03-10T12:00:00Z")
	walk("2026-10-31T12:00:00Z", "2026-11-03T12:00:00Z")

	// Period → the instant its digest went out.
	want := map[string]string{
		"2026-03-07": "2026-03-07T12:00:00Z", // the first run, past that day's 02:30
		"2026-03-08": "2026-03-08T07:30:00Z", // 03:30 EDT: 02:30 does not exist
		"2026-03-09": "2026-03-09T06:30:00Z", // 02:30 EDT
		"2026-03-10": "2026-03-10T06:30:00Z",
		"2026-10-31": "2026-10-31T12:00:00Z", // the first run after the gap
		"2026-11-01": "2026-11-01T07:30:00Z", // 02:30 EST, once
		"2026-11-02": "2026-11-02T07:30:00Z",
		"2026-11-03": "2026-11-03T07:30:00Z",
	}
	rows, err := f.st.Deliveries(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(want) {
		t.Errorf("%d ledger rows, want %d", len(rows), len(want))
	}
	slices.SortFunc(rows, func(a, b store.Delivery) int { return a.Until.Compare(b.Until) })
	for i, d := range rows {
		at, ok := want[d.Period]
		switch {
		case !ok:
			t.Errorf("a digest for period %s, sent %s", d.Period, d.Until.In(ny))
			continue
		case d.State != store.DeliverySent:
			t.Errorf("period %s: state %s", d.Period, d.State)
		case d.Until.Format(time.RFC3339) != at:
			t.Errorf("period %s went out at %s (%s), want %s", d.Period, d.Until.Format(time.RFC3339), d.Until.In(ny).Format("15:04 MST"), at)
		}
		for name, v := range map[string]time.Time{"since": d.Since, "until": d.Until, "claimed": d.Claimed, "updated": d.Updated} {
			if v.Location() != time.UTC {
				t.Errorf("period %s: %s is kept in %s, not UTC", d.Period, name, v.Location())
			}
		}
		switch {
		case i == 0 && !d.Since.Equal(sub.Created.Add(-24*time.Hour)):
			t.Errorf("the first window starts at %s, want a day before subscribing", d.Since)
		case i > 0 && !d.Since.Equal(rows[i-1].Until):
			t.Errorf("period %s's window starts at %s, not where %s's ended (%s)", d.Period, d.Since, rows[i-1].Period, rows[i-1].Until)
		}
	}
	// One message per period by Message-ID: the mail server agrees with
	// the ledger.
	perPeriod := map[string]int{}
	for _, m := range f.ms.Messages() {
		id := header(t, m, "Message-Id")
		period, _, _ := strings.Cut(strings.TrimPrefix(id, "<digest."), ".")
		perPeriod[period]++
	}
	for period := range want {
		if perPeriod[period] != 1 {
			t.Errorf("period %s: %d messages, want 1", period, perPeriod[period])
		}
	}
	if len(perPeriod) != len(want) {
		t.Errorf("messages per period %v, want one for each of %d", perPeriod, len(want))
	}
	t.Logf("%d runs, %d messages", runs, len(f.ms.Messages()))
}

// TestEmptyPeriodIsDone: a run with nothing new for anyone records each
// period as empty in the ledger; later runs in the same period find it
// done and leave it, loading and rendering nothing (Done, not Empty
// again), and the rows stay as they were. The next period is a new one.
func TestEmptyPeriodIsDone(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	for i := range 3 {
		f.subscribe(t, fmt.Sprintf("e%d@example.org", i), news.SubscriberFilter{Companies: []string{"Nobody Inc"}})
	}
	// The query makes a run build its in-memory index of the reports.
	f.subscribe(t, "q@example.org", news.SubscriberFilter{Query: `company:"Nobody Inc"`})
	period := sendAt.Format("2006-01-02")
	if rep := f.run(t, sendAt, digest.Options{}); rep.Due != 4 || rep.Empty != 4 || rep.Sent != 0 || rep.Done != 0 {
		t.Fatalf("first run: %+v, want 4 due and empty", rep)
	}
	before, err := f.st.Deliveries(ctx, period)
	if err != nil {
		t.Fatal(err)
	}
	if len(before) != 4 {
		t.Fatalf("%d ledger rows, want 4", len(before))
	}
	for _, d := range before {
		if d.State != store.DeliveryEmpty || d.Attempts != 1 || !d.Until.Equal(sendAt) {
			t.Errorf("row %+v, want empty, 1 attempt, window to %s", d, sendAt)
		}
	}
	// A run every few minutes to the end of the period.
	for at := sendAt.Add(time.Minute); at.Before(sendAt.Add(24 * time.Hour)); at = at.Add(97 * time.Minute) {
		rep := f.run(t, at, digest.Options{})
		if rep.Due != 4 || rep.Done != 4 || rep.Empty != 0 || rep.Skipped != 0 || rep.Sent != 0 {
			t.Fatalf("run at %s: %+v, want 4 due, all 4 done and left alone", at.Format("15:04"), rep)
		}
	}
	after, err := f.st.Deliveries(ctx, period)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(before, after) {
		t.Errorf("the done rows changed:\n%+v\n%+v", before, after)
	}
	if rep := f.run(t, sendAt.Add(24*time.Hour), digest.Options{}); rep.Empty != 4 || rep.Done != 0 {
		t.Errorf("next period: %+v, want 4 empty", rep)
	}
	if n := len(f.ms.Messages()); n != 0 {
		t.Errorf("%d messages with nothing new", n)
	}
}

// TestRetryBackOff: a 4xx at RCPT is retried Retries times, each wait
// twice the one before, starting at RetryWait; while it waits the row is
// back to claimed (nothing was handed over). The waits go through the
// sender's Sleep, so the test takes no wall time.
func TestRetryBackOff(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	f.cfg.Retries = 3
	f.cfg.RetryWait = config.Dur(5 * time.Second)
	slow := f.subscribe(t, "slow@example.org", news.SubscriberFilter{})
	down := f.subscribe(t, "down@example.org", news.SubscriberFilter{})
	f.ms.Set(func() {
		f.ms.TempFail[slow.Email] = 3 // the last retry gets through
		f.ms.TempFail[down.Email] = 100
	})
	period := sendAt.Format("2006-01-02")
	want := []time.Duration{5 * time.Second, 10 * time.Second, 20 * time.Second}
	for _, tc := range []struct {
		sub   news.Subscriber
		state string
	}{{slow, store.DeliverySent}, {down, store.DeliveryFailed}} {
		var waits []time.Duration
		s := f.sender(f.st, sendAt)
		s.Sleep = func(ctx context.Context, d time.Duration) {
			if state, _, err := f.st.DeliveryState(ctx, tc.sub.ID, period); err != nil || state != store.DeliveryClaimed {
				t.Errorf("%s: row %q (%v) while waiting to retry, want claimed", tc.sub.Email, state, err)
			}
			waits = append(waits, d)
		}
		if _, err := s.Run(ctx, digest.Options{Only: []string{tc.sub.Email}}); err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(waits, want) {
			t.Errorf("%s: waits %v, want %v", tc.sub.Email, waits, want)
		}
		if got := f.ms.Tries(tc.sub.Email); got != f.cfg.Retries+1 {
			t.Errorf("%s: %d tries, want %d", tc.sub.Email, got, f.cfg.Retries+1)
		}
		if state, _, _ := f.st.DeliveryState(ctx, tc.sub.ID, period); state != tc.state {
			t.Errorf("%s: row %q, want %q", tc.sub.Email, state, tc.state)
		}
	}
}

// TestListHeadersOnEveryMessage: a send to many subscribers over several
// SMTP connections, with news and without, puts on every message its
// recipient's own one-click link (List-Unsubscribe),
// List-Unsubscribe-Post and List-Id; also when the sender's key set was
// made without a list name.
func TestListHeadersOnEveryMessage(t *testing.T) {
	f := newFixture(t)
	f.cfg.Workers = 4
	f.cfg.SendEmpty = true
	filters := []news.SubscriberFilter{{}, {Types: []news.EventType{news.EventModelRelease}}, {Companies: []string{"Nobody Inc"}}, {Query: "Sequoia"}}
	const n = 24
	ids := map[string]int64{}
	for i := range n {
		sub := f.subscribe(t, fmt.Sprintf("l%02d@example.org", i), filters[i%len(filters)])
		ids[sub.Email] = sub.ID
	}
	keys := digest.KeysFor(f.cfg)
	for day, k := range []*digest.Keys{keys, digest.NewKeys(f.cfg.Secret)} {
		at := sendAt.Add(time.Duration(day) * 24 * time.Hour)
		s := f.sender(f.st, at)
		s.Keys = k
		rep, err := s.Run(context.Background(), digest.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if rep.Sent != n {
			t.Fatalf("day %d: %+v, want %d sent", day, rep, n)
		}
		msgs := f.ms.Messages()[day*n:]
		if len(msgs) != n {
			t.Fatalf("day %d: %d messages, want %d", day, len(msgs), n)
		}
		seen := map[string]bool{}
		for _, m := range msgs {
			checkListHeaders(t, m)
			to := m.To[0]
			if id, err := k.Check(tokenOf(t, m), at); err != nil || id != ids[to] {
				t.Errorf("day %d: the link mailed to %s unsubscribes %d (%v), want %d", day, to, id, err, ids[to])
			}
			seen[to] = true
		}
		if len(seen) != n {
			t.Errorf("day %d: %d recipients, want %d", day, len(seen), n)
		}
	}
}

// TestTimeoutAfterData: the server takes a message (DATA) and never
// answers, so its row is uncertain and counted for the operator.
// Nothing the sender does on its own sends it again: runs through the
// rest of the period, restarts on a fresh store handle, forced runs and
// dry runs. The next period is a new message with its own Message-ID.
func TestTimeoutAfterData(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	f.cfg.SendEmpty = true
	f.subscribe(t, "ana@example.org", news.SubscriberFilter{})
	hang := f.subscribe(t, "hang@example.org", news.SubscriberFilter{})
	f.ms.Set(func() { f.ms.Hang[hang.Email] = true })
	short := f.cfg
	// 2 s for answers that take under a millisecond; only the hanging
	// address is sent with it.
	short.SMTP.Timeout = config.Dur(2 * time.Second)
	s := f.sender(f.st, sendAt)
	s.Config = short
	rep, err := s.Run(ctx, digest.Options{Only: []string{hang.Email}})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Uncertain != 1 {
		t.Fatalf("report %+v, want 1 uncertain", rep)
	}
	period := sendAt.Format("2006-01-02")
	rows, err := f.st.Deliveries(ctx, period, store.DeliveryUncertain)
	if err != nil || len(rows) != 1 || rows[0].SubscriberID != hang.ID {
		t.Fatalf("uncertain rows %+v, %v", rows, err)
	}
	uncertain := rows[0]
	// From here on the server would take it.
	f.ms.Set(func() { delete(f.ms.Hang, hang.Email) })

	const runs = 12
	for i := range runs {
		at := sendAt.Add(time.Duration(i+1) * 80 * time.Minute)
		st := f.st
		if i%3 == 0 {
			// A restart: another handle on the store, as a new process.
			other, err := store.Open(ctx, filepath.Join(f.dir, "aitracker.db"))
			if err != nil {
				t.Fatal(err)
			}
			defer other.Close()
			st = other
		}
		o := digest.Options{Force: i%4 == 1, DryRun: i%4 == 2}
		rep, err := f.sender(st, at).Run(ctx, o)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range rep.Planned {
			if p.Email == hang.Email {
				t.Errorf("run %d (%+v) plans the uncertain digest again", i, o)
			}
		}
		if rep.Uncertain != 0 || f.ms.Tries(hang.Email) != 1 {
			t.Errorf("run %d (%+v): %+v, %d tries at the uncertain address, want 1", i, o, rep, f.ms.Tries(hang.Email))
		}
	}
	if got := mailtest.ByRecipient(f.ms.Messages()); got[hang.Email] != 0 || got["ana@example.org"] != 1 {
		t.Errorf("messages %v, want none for the uncertain address and 1 for the other", got)
	}
	rows, err = f.st.Deliveries(ctx, period, store.DeliveryUncertain)
	if err != nil || len(rows) != 1 || !reflect.DeepEqual(rows[0], uncertain) {
		t.Errorf("the uncertain row became %+v (%v), was %+v", rows, err, uncertain)
	}
	// The next period's digest is its own message.
	f.run(t, sendAt.Add(24*time.Hour), digest.Options{})
	for _, m := range f.ms.Messages() {
		if id := header(t, m, "Message-Id"); id == "<"+uncertain.MessageID+">" {
			t.Errorf("the uncertain Message-ID %s was sent", id)
		}
	}
	if got := mailtest.ByRecipient(f.ms.Messages()); got[hang.Email] != 1 {
		t.Errorf("%d messages for the next period, want 1", got[hang.Email])
	}
}
