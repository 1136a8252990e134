package storetest

import (
	"errors"
	"fmt"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/aitracker/aitracker/news"
	"github.com/aitracker/aitracker/store"
)

// event is an event of arts, as merging would make it: dated by its first
// report, keyed by the first report's tags.
func event(arts ...*news.Article) news.Event {
	first := arts[0]
	e := news.Event{Type: first.Tags.EventType, Key: first.Tags.EventKey(), PrimaryCompany: first.Tags.Primary,
		Layer: first.Tags.Layer, Status: first.Tags.Status, Date: first.Published, Fields: first.Tags.Fields, Sources: len(arts),
		Provenance: map[string]news.Provenance{"round": {Value: "Series A", ArticleID: first.ID, Rule: "the first report", Reports: len(arts)}}}
	for _, a := range arts {
		e.Articles = append(e.Articles, news.EventArticle{ID: a.ID})
	}
	return e
}

func groupsOf(t *testing.T, s store.Store, keys ...string) []store.EventGroup {
	t.Helper()
	all, err := s.AllEventGroups(ctx(t))
	must(t, err)
	var out []store.EventGroup
	for _, g := range all {
		for _, k := range keys {
			if g.Key == k {
				out = append(out, g)
			}
		}
	}
	return out
}

func replace(t *testing.T, s store.Store, groups []store.EventGroup, evs []news.Event, mark *store.EventsMark, now time.Time) store.EventChanges {
	t.Helper()
	ch, err := s.ReplaceEvents(ctx(t), groups, evs, mark, now)
	must(t, err)
	return ch
}

// testEvents: ReplaceEvents makes the events of groups, keeping an
// event's ID while it shares articles, atomically, and records how far
// events are computed; every article whose event changed is written
// again for the index.
func testEvents(t *testing.T, b Backend) {
	s := b.Open(t)
	c := ctx(t)
	srcs := syncSources(t, s, "wire", "blog")
	a1, a2, a3 := article(srcs[0], "a1", "Acme", 0), article(srcs[1], "a2", "Acme", 2), article(srcs[0], "a3", "Beta", 1)
	a1.Tags.Fields = news.Fields{AmountUSD: 1e7, Round: "Series A"}
	for _, a := range []*news.Article{a1, a2, a3} {
		save(t, s, a)
	}
	upto := maxSeq(t, s)
	groups := groupsOf(t, s, "funding|acme", "funding|beta")
	if len(groups) != 2 || groups[0].Key != "funding|acme" || groups[0].Partial() {
		t.Fatalf("AllEventGroups = %+v", groups)
	}
	created := day.Add(10 * time.Hour)
	evs := []news.Event{event(a1, a2), event(a3)}
	ch := replace(t, s, groups, evs, &store.EventsMark{Seq: upto, Expect: upto, Version: "v1"}, created)
	if ch != (store.EventChanges{Created: 2, Rewritten: 3}) || evs[0].ID == 0 || evs[0].ID == evs[1].ID {
		t.Fatalf("first ReplaceEvents: %+v, IDs %d %d", ch, evs[0].ID, evs[1].ID)
	}
	e1, e2 := evs[0].ID, evs[1].ID
	if seq, v, err := s.EventsState(c); err != nil || seq != upto+3 || v != "v1" || maxSeq(t, s) != upto+3 {
		t.Errorf("EventsState = %d, %q, %v; MaxSeq %d; want %d and v1: the rewritten articles are done too", seq, v, err, maxSeq(t, s), upto+3)
	}

	t.Run("events read back with their articles", func(t *testing.T) {
		got, err := s.Event(c, e1)
		must(t, err)
		want := evs[0]
		want.Date, want.Created, want.Updated = a1.Published, created, created
		want.Articles = []news.EventArticle{
			{ID: a1.ID, Source: "wire", Title: a1.Title, URL: a1.URL, Lang: "en", Published: a1.Published, Status: news.StatusAnnounced},
			{ID: a2.ID, Source: "blog", Title: a2.Title, URL: a2.URL, Lang: "en", Published: a2.Published, Status: news.StatusAnnounced},
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("Event:\n got %+v\nwant %+v", got, want)
		}
		for _, tc := range []struct {
			a       *news.Article
			event   int64
			lead    bool
			sources int
		}{{a1, e1, true, 2}, {a2, e1, false, 2}, {a3, e2, true, 1}} {
			if got := get(t, s, tc.a.ID); got.Event != tc.event || got.EventLead != tc.lead || got.EventSources != tc.sources {
				t.Errorf("article %s: event %d, lead %v, sources %d; want %d, %v, %d", tc.a.DedupKey, got.Event, got.EventLead, got.EventSources, tc.event, tc.lead, tc.sources)
			}
		}
		if n, _ := s.CountEvents(c); n != 2 {
			t.Errorf("CountEvents = %d", n)
		}
		if empty, unassigned, err := s.EventIntegrity(c); empty+unassigned != 0 || err != nil {
			t.Errorf("EventIntegrity = %d, %d, %v", empty, unassigned, err)
		}
	})

	t.Run("the same events again change nothing", func(t *testing.T) {
		seq := maxSeq(t, s)
		again := []news.Event{event(a1, a2), event(a3)}
		ch := replace(t, s, groups, again, nil, created.Add(time.Hour))
		if ch != (store.EventChanges{}) || again[0].ID != e1 || again[1].ID != e2 || maxSeq(t, s) != seq {
			t.Errorf("%+v, IDs %d %d, MaxSeq %d → %d", ch, again[0].ID, again[1].ID, seq, maxSeq(t, s))
		}
		if got, _ := s.Event(c, e1); !got.Updated.Equal(created) {
			t.Errorf("an unchanged event was updated at %v", got.Updated)
		}
	})

	t.Run("a split keeps the ID where the articles are", func(t *testing.T) {
		later := created.Add(2 * time.Hour)
		split := []news.Event{event(a1), event(a2)}
		ch := replace(t, s, groups[:1], split, nil, later)
		if ch != (store.EventChanges{Created: 1, Updated: 1, Rewritten: 2}) {
			t.Errorf("split: %+v", ch)
		}
		if split[0].ID != e1 || split[1].ID == e1 || split[1].ID == 0 {
			t.Errorf("split IDs %d, %d; want the first to keep %d, the second a new one", split[0].ID, split[1].ID, e1)
		}
		got, _ := s.Event(c, e1)
		if !got.Created.Equal(created) || !got.Updated.Equal(later) || len(got.Articles) != 1 || got.Articles[0].ID != a1.ID {
			t.Errorf("after the split: %+v", got)
		}
	})

	t.Run("an event no new one takes is deleted", func(t *testing.T) {
		ch := replace(t, s, groups[1:], nil, nil, created)
		if ch != (store.EventChanges{Deleted: 1, Rewritten: 1}) {
			t.Errorf("%+v", ch)
		}
		if _, err := s.Event(c, e2); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("the deleted event: %v", err)
		}
		if got := get(t, s, a3.ID); got.Event != 0 {
			t.Errorf("an article of the deleted event is still in %d", got.Event)
		}
		if empty, unassigned, _ := s.EventIntegrity(c); empty != 0 || unassigned != 1 {
			t.Errorf("EventIntegrity = %d, %d; want one article left out of events", empty, unassigned)
		}
	})

	t.Run("no article is in two events: all or nothing", func(t *testing.T) {
		before, _ := s.Events(c, store.EventFilter{})
		seq := maxSeq(t, s)
		if _, err := s.ReplaceEvents(c, groups, []news.Event{event(a1), event(a1, a2)}, nil, created); err == nil {
			t.Fatal("one article in two events was accepted")
		}
		after, _ := s.Events(c, store.EventFilter{})
		if !reflect.DeepEqual(before, after) || maxSeq(t, s) != seq {
			t.Errorf("a failed ReplaceEvents left changes:\n%+v\n%+v", before, after)
		}
	})

	t.Run("the mark", func(t *testing.T) {
		seq := maxSeq(t, s)
		for _, tc := range []struct {
			name    string
			mark    store.EventsMark
			wantSeq int64
		}{
			{"the expected sequence number: done up to now", store.EventsMark{Seq: 2, Expect: seq, Version: "v2"}, seq},
			{"another writer came between: done up to Seq", store.EventsMark{Seq: 2, Expect: seq - 1, Version: "v3"}, 2},
		} {
			replace(t, s, nil, nil, &tc.mark, created)
			if got, v, _ := s.EventsState(c); got != tc.wantSeq || v != tc.mark.Version {
				t.Errorf("%s: EventsState = %d, %q; want %d, %q", tc.name, got, v, tc.wantSeq, tc.mark.Version)
			}
		}
		must(t, s.ResetEvents(c))
		if got, v, _ := s.EventsState(c); got != 2 || v != "" {
			t.Errorf("after ResetEvents: %d, %q; want the version forgotten", got, v)
		}
	})
}

// testEventGroups: what an update of events reads: which groups articles
// written since the mark touch, from which point, over which events.
func testEventGroups(t *testing.T, b Backend) {
	s := b.Open(t)
	c := ctx(t)
	src := syncSources(t, s, "wire")[0]
	a1, a2, a3 := article(src, "a1", "Acme", 0), article(src, "a2", "Acme", 10), article(src, "a3", "Acme", 20)
	for _, a := range []*news.Article{a1, a2, a3} {
		save(t, s, a)
	}
	evs := []news.Event{event(a1, a2), event(a3)}
	mark := maxSeq(t, s)
	replace(t, s, groupsOf(t, s, "funding|acme"), evs, &store.EventsMark{Seq: mark, Expect: mark, Version: "v1"}, day)
	done, _, _ := s.EventsState(c)
	const span = 48 * time.Hour
	if g, err := s.DirtyEventGroups(c, done, maxSeq(t, s), 6*time.Hour, span); err != nil || len(g) != 0 {
		t.Errorf("nothing written since the mark, yet DirtyEventGroups = %+v, %v", g, err)
	}

	// Two reports written since the mark: the group is updated from the
	// earlier published one, though it was written first.
	a4, a6 := article(src, "a4", "Acme", 15), article(src, "a6", "Acme", 25)
	save(t, s, a4)
	save(t, s, a6)
	for _, tc := range []struct {
		name     string
		lookback time.Duration
		events   []int64
	}{
		{"both events still open", 6 * time.Hour, []int64{evs[0].ID, evs[1].ID}},
		{"the first closed before the new report", 2 * time.Hour, []int64{evs[1].ID}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := s.DirtyEventGroups(c, done, maxSeq(t, s), tc.lookback, span)
			must(t, err)
			if len(got) != 1 || got[0].Key != "funding|acme" || !got[0].Partial() || !got[0].From.Equal(a4.Published) ||
				got[0].FromID != a4.ID || !equalIDs(got[0].Events, tc.events) {
				t.Errorf("DirtyEventGroups = %+v; want acme from a4 (%v, %d) over %v", got, a4.Published, a4.ID, tc.events)
			}
		})
	}

	t.Run("a partial group's articles and seeds", func(t *testing.T) {
		g, err := s.DirtyEventGroups(c, done, maxSeq(t, s), 6*time.Hour, span)
		must(t, err)
		seeds, arts, err := s.GroupArticles(c, g[0])
		must(t, err)
		if !equalIDs(ids(arts, articleID), []int64{a4.ID, a3.ID, a6.ID}) {
			t.Errorf("articles from the starting point: %v; want a4, a3, a6", ids(arts, articleID))
		}
		if len(seeds) != 1 || !equalIDs(ids(seeds[0], articleID), []int64{a1.ID, a2.ID}) {
			t.Errorf("seeds %v; want the first event's reports before the point", seeds)
		}
		for _, a := range append(arts, seeds[0]...) {
			if a.Title == "" || a.SourceName != "wire" || a.Tags.Primary != "Acme" || a.Published.IsZero() || a.URL == "" || a.Event != 0 {
				t.Errorf("a merge article lacks what merging reads: %+v", a)
			}
		}
		_, whole, err := s.GroupArticles(c, store.EventGroup{Key: "funding|acme"})
		must(t, err)
		if !equalIDs(ids(whole, articleID), []int64{a1.ID, a2.ID, a4.ID, a3.ID, a6.ID}) {
			t.Errorf("a whole group: %v; want every article in publication order", ids(whole, articleID))
		}
	})

	t.Run("a partial group's events are replaced, its others kept", func(t *testing.T) {
		g, err := s.DirtyEventGroups(c, done, maxSeq(t, s), 2*time.Hour, span)
		must(t, err)
		if len(g) != 1 || !equalIDs(g[0].Events, []int64{evs[1].ID}) {
			t.Fatalf("DirtyEventGroups = %+v", g)
		}
		next := []news.Event{event(a4, a3, a6)}
		if ch := replace(t, s, g, next, nil, day.Add(time.Hour)); ch != (store.EventChanges{Updated: 1, Rewritten: 3}) || next[0].ID != evs[1].ID {
			t.Errorf("ReplaceEvents of a partial group: %+v, ID %d; want the ID %d kept", ch, next[0].ID, evs[1].ID)
		}
		kept, err := s.Event(c, evs[0].ID)
		if err != nil || !equalIDs(ids(kept.Articles, func(a news.EventArticle) int64 { return a.ID }), []int64{a1.ID, a2.ID}) {
			t.Errorf("the group's event outside the replaced ones: %+v, %v; want it kept with a1, a2", kept, err)
		}
	})

	t.Run("a re-tagged article dirties its old group and its new one", func(t *testing.T) {
		since := maxSeq(t, s)
		tags := a2.Tags
		tags.Primary = "Beta"
		must(t, s.UpdateTags(c, a2.ID, tags))
		got, err := s.DirtyEventGroups(c, since, maxSeq(t, s), 6*time.Hour, span)
		must(t, err)
		if len(got) != 2 || got[0].Key != "funding|acme" || got[1].Key != "funding|beta" {
			t.Fatalf("DirtyEventGroups = %+v", got)
		}
		if !got[0].From.Equal(evs[0].Date) || !got[1].From.Equal(a2.Published) || got[1].FromID != a2.ID {
			t.Errorf("from %v and %v; want the old event's first report and the article", got[0].From, got[1].From)
		}
		if n, err := s.RekeyArticles(c); n != 0 || err != nil {
			t.Errorf("RekeyArticles on keys that follow the tags: %d, %v", n, err)
		}
	})

	t.Run("an article dated at the epoch makes its group whole", func(t *testing.T) {
		since := maxSeq(t, s)
		a := article(src, "a5", "Acme", 0)
		a.Published = time.Unix(0, 0).UTC()
		save(t, s, a)
		got, err := s.DirtyEventGroups(c, since, maxSeq(t, s), 6*time.Hour, span)
		must(t, err)
		if len(got) != 1 || got[0].Partial() {
			t.Errorf("DirtyEventGroups = %+v; want acme, whole", got)
		}
	})

	t.Run("only what was written up to upto", func(t *testing.T) {
		since := maxSeq(t, s)
		save(t, s, article(src, "g1", "Gamma", 3))
		if got, err := s.DirtyEventGroups(c, since, since, 6*time.Hour, span); err != nil || len(got) != 0 {
			t.Errorf("up to the mark: %+v, %v; want none", got, err)
		}
		if got, err := s.DirtyEventGroups(c, since, maxSeq(t, s), 6*time.Hour, span); err != nil || len(got) != 1 || got[0].Key != "funding|gamma" {
			t.Errorf("up to the latest write: %+v, %v; want gamma", got, err)
		}
	})
}

// testEventIdentity: which old event a new one replaces (the one it
// shares the most articles with, ties to the lowest ID), when a kept
// event counts as changed, and which articles are written again for the
// index: those of every event that changed, the ones it lost among them.
func testEventIdentity(t *testing.T, b Backend) {
	for _, tc := range []struct {
		name      string
		old, new  [][]int                                      // events, by the indexes of their articles
		edit      func(evs []news.Event, arts []*news.Article) // changes the new events; nil keeps them
		takes     []int                                        // per new event, the old event whose ID it takes; -1 for a new one
		changes   store.EventChanges
		rewritten []int // the articles written again
	}{
		{"nothing changed", [][]int{{0, 1}}, [][]int{{0, 1}}, nil, []int{0}, store.EventChanges{}, nil},
		{"the one sharing the most articles", [][]int{{0}, {1, 2}}, [][]int{{0, 1, 2}}, nil, []int{1},
			store.EventChanges{Updated: 1, Deleted: 1, Rewritten: 3}, []int{0, 1, 2}},
		{"a tie goes to the lowest ID", [][]int{{0}, {1}}, [][]int{{0, 1}}, nil, []int{0},
			store.EventChanges{Updated: 1, Deleted: 1, Rewritten: 2}, []int{0, 1}},
		{"one old event is taken once", [][]int{{0, 1}}, [][]int{{0}, {1}}, nil, []int{0, -1},
			store.EventChanges{Created: 1, Updated: 1, Rewritten: 2}, []int{0, 1}},
		{"an article swapped for another, nothing else changed", [][]int{{0, 1}}, [][]int{{0, 2}}, nil, []int{0},
			store.EventChanges{Updated: 1, Rewritten: 3}, []int{0, 1, 2}},
		{"an article dropped, nothing else changed", [][]int{{0, 1}}, [][]int{{0}},
			func(evs []news.Event, arts []*news.Article) {
				was := event(arts[0], arts[1])
				evs[0].Sources, evs[0].Provenance = was.Sources, was.Provenance
			}, []int{0}, store.EventChanges{Updated: 1, Rewritten: 2}, []int{0, 1}},
		{"the same articles, another status", [][]int{{0, 1}}, [][]int{{0, 1}},
			func(evs []news.Event, _ []*news.Article) { evs[0].Status = news.StatusCompleted }, []int{0},
			store.EventChanges{Updated: 1, Rewritten: 2}, []int{0, 1}},
		{"nothing shared: a new event, the old one deleted", [][]int{{0}}, [][]int{{1}}, nil, []int{-1},
			store.EventChanges{Created: 1, Deleted: 1, Rewritten: 2}, []int{0, 1}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := b.Open(t)
			src := syncSources(t, s, "wire")[0]
			arts := make([]*news.Article, 3)
			for i := range arts {
				arts[i] = article(src, fmt.Sprintf("a%d", i), "Acme", i)
				save(t, s, arts[i])
			}
			of := func(idx []int) news.Event {
				list := make([]*news.Article, len(idx))
				for i, j := range idx {
					list[i] = arts[j]
				}
				return event(list...)
			}
			groups := groupsOf(t, s, "funding|acme")
			var old []news.Event
			for _, idx := range tc.old {
				old = append(old, of(idx))
			}
			replace(t, s, groups, old, nil, day)
			seqs := make([]int64, len(arts))
			for i, a := range arts {
				seqs[i] = get(t, s, a.ID).Seq
			}

			var evs []news.Event
			for _, idx := range tc.new {
				evs = append(evs, of(idx))
			}
			if tc.edit != nil {
				tc.edit(evs, arts)
			}
			if ch := replace(t, s, groups, evs, nil, day.Add(time.Hour)); ch != tc.changes {
				t.Errorf("changes %+v, want %+v", ch, tc.changes)
			}
			for i, e := range evs {
				if w := tc.takes[i]; w >= 0 && e.ID != old[w].ID || w < 0 && slices.Contains(ids(old, eventID), e.ID) {
					t.Errorf("new event %d has ID %d; old IDs %v, want the one of old event %d", i, e.ID, ids(old, eventID), w)
				}
				got, err := s.Event(ctx(t), e.ID)
				must(t, err)
				want := make([]int64, len(tc.new[i]))
				for k, j := range tc.new[i] {
					want[k] = arts[j].ID
				}
				if !equalIDs(ids(got.Articles, func(a news.EventArticle) int64 { return a.ID }), want) || got.Status != e.Status {
					t.Errorf("event %d read back: %+v; want the articles %v, status %s", e.ID, got, want, e.Status)
				}
			}
			if n, _ := s.CountEvents(ctx(t)); n != len(evs) {
				t.Errorf("%d events stored, want %d", n, len(evs))
			}
			for i, a := range arts {
				moved := get(t, s, a.ID).Seq != seqs[i]
				if moved != slices.Contains(tc.rewritten, i) {
					t.Errorf("article %d written again: %v; want only %v", i, moved, tc.rewritten)
				}
			}
		})
	}
}
