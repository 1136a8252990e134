package digest

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/aitracker/aitracker/news"
)

// Period is one digest a subscriber is owed: its ID in the ledger
// ("2026-11-28" for a daily digest, "2026-W48" for a weekly one) and the
// instant it is due.
type Period struct {
	ID  string
	Due time.Time
	// Length is a day or a week.
	Length time.Duration
	// Local is the subscriber's calendar day of the digest, for its
	// subject line.
	Local time.Time
}

// ParseClock reads "07:00" into hours and minutes.
func ParseClock(s string) (hour, minute int, err error) {
	h, m, ok := strings.Cut(s, ":")
	if ok {
		hour, err = strconv.Atoi(h)
		if err == nil {
			minute, err = strconv.Atoi(m)
		}
	}
	if !ok || err != nil || hour < 0 || hour > 23 || minute < 0 || minute > 59 || len(m) != 2 {
		return 0, 0, fmt.Errorf("want a time of day such as 07:00, got %q", s)
	}
	return hour, minute, nil
}

// LastDue returns the latest period of the subscriber that is due at or
// before now. Times are the subscriber's wall clock: a daily digest at
// 07:00 in Asia/Shanghai is due at 07:00 there each day. On the day a
// clock springs forward over the send time (02:30 in New York in March),
// it is due when the clock reads 03:30, the first moment after; on the
// day it falls back, at the first 01:30. Each calendar day (or week) is
// one period either way. Decided from the clock and the ledger only, so
// that a machine that was down at the send time sends when it is back.
func LastDue(sub news.Subscriber, now time.Time) (Period, error) {
	loc, err := time.LoadLocation(sub.TZ)
	if err != nil {
		return Period{}, fmt.Errorf("subscriber %d: time zone %q: %w", sub.ID, sub.TZ, err)
	}
	hour, minute, err := ParseClock(sub.SendAt)
	if err != nil {
		return Period{}, fmt.Errorf("subscriber %d: %w", sub.ID, err)
	}
	local := now.In(loc)
	day := time.Date(local.Year(), local.Month(), local.Day(), 0, 0, 0, 0, time.UTC) // a calendar date
	at := func(d time.Time) time.Time {
		t := time.Date(d.Year(), d.Month(), d.Day(), hour, minute, 0, 0, loc)
		if t.Hour() != hour || t.Minute() != minute {
			// The clock skipped this time (spring forward): take the
			// same distance past the jump, the first moment after.
			_, before := t.Zone()
			_, after := t.Add(3 * time.Hour).Zone()
			t = t.Add(time.Duration(after-before) * time.Second)
		}
		return t
	}
	switch sub.Frequency {
	case "weekly":
		back := (int(day.Weekday()) - int(sub.Weekday) + 7) % 7
		d := day.AddDate(0, 0, -back)
		if at(d).After(now) {
			d = d.AddDate(0, 0, -7)
		}
		y, w := d.ISOWeek()
		return Period{ID: fmt.Sprintf("%04d-W%02d", y, w), Due: at(d).UTC(), Length: 7 * 24 * time.Hour, Local: d}, nil
	case "daily", "":
		d := day
		if at(d).After(now) {
			d = d.AddDate(0, 0, -1)
		}
		return Period{ID: d.Format("2006-01-02"), Due: at(d).UTC(), Length: 24 * time.Hour, Local: d}, nil
	}
	return Period{}, fmt.Errorf("subscriber %d: frequency %q: want daily or weekly", sub.ID, sub.Frequency)
}

// Current is the period that holds now, due or not: what --force sends.
// It is today's (this week's) period even before the send time.
func Current(sub news.Subscriber, now time.Time) (Period, error) {
	p, err := LastDue(sub, now)
	if err != nil {
		return p, err
	}
	loc, _ := time.LoadLocation(sub.TZ)
	l := now.In(loc)
	today := time.Date(l.Year(), l.Month(), l.Day(), 0, 0, 0, 0, time.UTC)
	if sub.Frequency == "weekly" {
		// The send day of this cycle: today or the last such weekday.
		back := (int(today.Weekday()) - int(sub.Weekday) + 7) % 7
		today = today.AddDate(0, 0, -back)
		y, w := today.ISOWeek()
		p.ID = fmt.Sprintf("%04d-W%02d", y, w)
	} else {
		p.ID = today.Format("2006-01-02")
	}
	if p.Local != today {
		p.Local, p.Due = today, now.UTC()
	}
	return p, nil
}
