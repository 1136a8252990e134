package pipeline_test

import (
	"context"
	"reflect"
	"strconv"
	"testing"
	"time"

	"github.com/aitracker/aitracker/dedupe"
	"github.com/aitracker/aitracker/index"
	"github.com/aitracker/aitracker/news"
	"github.com/aitracker/aitracker/pipeline"
	"github.com/aitracker/aitracker/store"
)

// TestEventsFollowTheStore follows one round as reports come in and are
// re-classified: the event keeps its ID and creation time, never loses or
// doubles an article, and a full recompute gives the same events.
func TestEventsFollowTheStore(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	st := f.st
	srcs, err := st.SyncSources(ctx, []news.Source{
		{Name: "Wire", URL: "http://127.0.0.1/wire", Kind: news.KindFeed, Enabled: true},
		{Name: "快报", URL: "http://127.0.0.1/kb", Kind: news.KindFeed, Enabled: true},
	})
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)
	save := func(src news.Source, key, title, lang string, at time.Time) *news.Article {
		t.Helper()
		a := &news.Article{SourceID: src.ID, DedupKey: key, URL: "http://127.0.0.1/" + key, Title: title, Lang: lang, Published: at, Fetched: at}
		a.Tags = f.p.Classifier.ClassifyArticle(a)
		a.ContentHash = dedupe.ContentHash(a)
		if _, err := st.SaveArticle(ctx, a, dedupe.For(a)); err != nil {
			t.Fatal(err)
		}
		return a
	}
	update := func(at time.Time) pipeline.EventsResult {
		t.Helper()
		res, err := pipeline.UpdateEvents(ctx, st, f.log, at)
		if err != nil {
			t.Fatal(err)
		}
		empty, unassigned, err := st.EventIntegrity(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if empty != 0 || unassigned != 0 {
			t.Fatalf("%d events without articles, %d articles in no event", empty, unassigned)
		}
		return res
	}
	all := func() []news.Event {
		t.Helper()
		evs, err := st.Events(ctx, store.EventFilter{Oldest: true})
		if err != nil {
			t.Fatal(err)
		}
		return evs
	}

	a1 := save(srcs[0], "a1", "Baichuan raises $300 million in Series A led by Alibaba", "en", now)
	update(now)
	evs := all()
	if len(evs) != 1 || evs[0].Type != news.EventFunding || evs[0].PrimaryCompany != "Baichuan" {
		t.Fatalf("after one report: %+v", evs)
	}
	id, created := evs[0].ID, evs[0].Created

	a2 := save(srcs[1], "a2", "百川智能完成3亿美元A轮融资，阿里巴巴领投", "zh", now.Add(20*time.Hour))
	res := update(now.Add(time.Hour))
	evs = all()
	if len(evs) != 1 || evs[0].ID != id || !evs[0].Created.Equal(created) || evs[0].Sources != 2 || len(evs[0].Articles) != 2 {
		t.Fatalf("the Chinese report did not join event %d: %+v (update %+v)", id, evs, res)
	}
	if evs[0].Fields.AmountUSD != 300e6 || evs[0].Fields.Round != "series_a" {
		t.Errorf("fields %+v", evs[0].Fields)
	}
	if p := evs[0].Provenance["amount"]; p.Sentence == "" || p.ArticleID != a1.ID {
		t.Errorf("amount provenance %+v", p)
	}

	// Nothing new: nothing to do.
	if res := update(now.Add(2 * time.Hour)); res.Groups != 0 {
		t.Errorf("an update with nothing new recomputed %d groups", res.Groups)
	}

	// The next round, a year later, is another event.
	save(srcs[0], "a3", "Baichuan raises $700 million in Series B", "en", now.AddDate(1, 0, 0))
	update(now.Add(3 * time.Hour))
	if evs = all(); len(evs) != 2 || evs[0].ID != id {
		t.Fatalf("a year later: %+v", evs)
	}

	// A re-classification moves a report out of the event (here: its tags
	// say another company now): the event keeps its ID, the report goes
	// to its own event, no article is lost or doubled.
	moved := a2.Tags
	moved.Primary = "Zhipu AI"
	if err := st.UpdateTags(ctx, a2.ID, moved); err != nil {
		t.Fatal(err)
	}
	update(now.Add(4 * time.Hour))
	evs = all()
	if len(evs) != 3 {
		t.Fatalf("after moving a report: %d events", len(evs))
	}
	if evs[0].ID != id || len(evs[0].Articles) != 1 || evs[0].Articles[0].ID != a1.ID {
		t.Errorf("event %d after the move: %+v", id, evs[0])
	}
	// And a report that is no event any more leaves its event.
	other := a2.Tags
	other.EventType = news.EventOther
	if err := st.UpdateTags(ctx, a2.ID, other); err != nil {
		t.Fatal(err)
	}
	update(now.Add(5 * time.Hour))
	if evs = all(); len(evs) != 2 {
		t.Fatalf("after the report became no event: %d events", len(evs))
	}

	// A full recompute (new merge rules) gives the same events, same IDs.
	before := all()
	if err := st.ResetEvents(ctx); err != nil {
		t.Fatal(err)
	}
	res = update(now.Add(6 * time.Hour))
	if !res.Rebuilt || res.Created != 0 || res.Deleted != 0 || res.Updated != 0 {
		t.Errorf("a recompute of unchanged articles changed events: %+v", res)
	}
	if after := all(); !reflect.DeepEqual(before, after) {
		t.Errorf("recompute changed the events:\n%+v\nwant\n%+v", after, before)
	}
}

// TestCollapseByEvent: a search with collapse shows an event once, at its
// first report, with the number of outlets that reported it, in any
// language; without collapse every report is a hit.
func TestCollapseByEvent(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	srcs, err := f.st.SyncSources(ctx, []news.Source{
		{Name: "Wire", URL: "http://127.0.0.1/wire", Kind: news.KindFeed, Enabled: true},
		{Name: "Desk", URL: "http://127.0.0.1/desk", Kind: news.KindFeed, Enabled: true},
		{Name: "快报", URL: "http://127.0.0.1/kb", Kind: news.KindFeed, Enabled: true},
	})
	if err != nil {
		t.Fatal(err)
	}
	day := time.Date(2026, 5, 1, 9, 0, 0, 0, time.UTC)
	for i, it := range []struct{ title, lang string }{
		{"Baichuan raises $300 million in Series A led by Alibaba", "en"},
		{"Alibaba leads $300M Series A round in Chinese model maker Baichuan", "en"},
		{"百川智能完成3亿美元A轮融资，阿里巴巴领投", "zh"},
	} {
		a := &news.Article{SourceID: srcs[i].ID, DedupKey: "k", URL: "http://127.0.0.1/" + strconv.Itoa(i), Title: it.title, Lang: it.lang,
			Published: day.Add(time.Duration(i) * time.Hour), Fetched: day}
		a.Tags = f.p.Classifier.ClassifyArticle(a)
		a.ContentHash = dedupe.ContentHash(a)
		if _, err := f.st.SaveArticle(ctx, a, dedupe.For(a)); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := pipeline.UpdateEvents(ctx, f.st, f.log, day); err != nil {
		t.Fatal(err)
	}
	if _, err := f.ix.CatchUp(ctx); err != nil {
		t.Fatal(err)
	}
	all, err := f.ix.Search(ctx, index.Request{Query: "type:funding"})
	if err != nil {
		t.Fatal(err)
	}
	one, err := f.ix.Search(ctx, index.Request{Query: "type:funding", Collapse: true})
	if err != nil {
		t.Fatal(err)
	}
	if all.Total != 3 || one.Total != 1 {
		t.Fatalf("%d hits, %d collapsed; want 3 and 1", all.Total, one.Total)
	}
	h := one.Hits[0]
	if h.Sources != 3 || h.Event == 0 || h.Title != "Baichuan raises $300 million in Series A led by Alibaba" {
		t.Errorf("collapsed hit %+v, want the first report with 3 sources and its event", h)
	}
}
