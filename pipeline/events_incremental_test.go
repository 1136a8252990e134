package pipeline_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/aitracker/aitracker/dedupe"
	"github.com/aitracker/aitracker/events"
	"github.com/aitracker/aitracker/index/gen"
	"github.com/aitracker/aitracker/news"
	"github.com/aitracker/aitracker/pipeline"
	"github.com/aitracker/aitracker/store"
)

// TestEventUpdatesMatchFullMerge is the contract of updating events from
// the earliest change: after every pass, with reports arriving out of
// order, rumours that wait weeks for their announcement, and articles
// re-classified into other groups or out of any, the stored events are
// exactly what merging every article again gives.
func TestEventUpdatesMatchFullMerge(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "aitracker.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	srcs, err := st.SyncSources(ctx, []news.Source{
		{Name: "Wire", URL: "http://127.0.0.1/1", Kind: news.KindFeed, Enabled: true},
		{Name: "Desk", URL: "http://127.0.0.1/2", Kind: news.KindFeed, Enabled: true},
		{Name: "快报", URL: "http://127.0.0.1/3", Kind: news.KindFeed, Enabled: true},
	})
	if err != nil {
		t.Fatal(err)
	}
	g, err := gen.New(3)
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(5, 8))
	// A few busy companies over half a year, so that reports merge, events
	// close and later rounds come; lettered rounds make reports of one
	// round merge whatever sum they give.
	companies := []string{"Zhipu AI", "Mistral AI", "Databricks", "Figure AI"}
	rounds := []string{"series_a", "series_b", "series_c", "seed"}
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	var saved []news.Article
	newest := start
	article := func() news.Article {
		a := g.Next()
		a.ID, a.DuplicateOf = 0, 0
		a.SourceID = srcs[rng.IntN(len(srcs))].ID
		a.DedupKey = "k" + strconv.Itoa(len(saved))
		c := companies[rng.IntN(len(companies))]
		a.Tags.Primary = c
		a.Tags.Companies = []news.CompanyTag{{Name: c, Known: true, Salience: 9}}
		a.Tags.EventType = []news.EventType{news.EventFunding, news.EventFunding, news.EventModelRelease, news.EventAcquisition}[rng.IntN(4)]
		f := &a.Tags.Fields
		*f = news.Fields{}
		switch a.Tags.EventType {
		case news.EventFunding:
			f.Round = rounds[rng.IntN(len(rounds))]
			f.AmountUSD, f.Amount, f.Currency = float64(50+rng.IntN(4)*50)*1e6, 0, "USD"
			f.Amount = f.AmountUSD
		case news.EventModelRelease:
			f.Model = c + " " + strconv.Itoa(1+rng.IntN(3))
		case news.EventAcquisition:
			f.Acquirer, f.Target = c, companies[rng.IntN(len(companies))]
		}
		a.Tags.Status = news.StatusCompleted
		if rng.IntN(6) == 0 {
			a.Tags.Status = news.StatusRumored
		}
		// Mostly the news of the day; one in five comes late, up to two
		// months after it was published.
		newest = newest.Add(time.Duration(rng.IntN(20)) * time.Hour)
		a.Published = newest
		if rng.IntN(5) == 0 {
			a.Published = newest.Add(-time.Duration(rng.IntN(60*24)) * time.Hour)
		}
		a.Published = a.Published.Truncate(time.Second)
		a.Fetched = newest
		return a
	}

	for pass := range 14 {
		for range 60 {
			a := article()
			a.ContentHash = dedupe.ContentHash(&a)
			if _, err := st.SaveArticle(ctx, &a, dedupe.For(&a)); err != nil {
				t.Fatal(err)
			}
			saved = append(saved, a)
		}
		// Re-classifications: to another company or type, or out of any event.
		for range 4 {
			a := &saved[rng.IntN(len(saved))]
			switch rng.IntN(3) {
			case 0:
				a.Tags.Primary = companies[rng.IntN(len(companies))]
			case 1:
				a.Tags.Status = news.StatusRumored
			default:
				a.Tags.EventType = news.EventOther
			}
			if err := st.UpdateTags(ctx, a.ID, a.Tags); err != nil {
				t.Fatal(err)
			}
		}
		res, err := pipeline.UpdateEvents(ctx, st, log, newest)
		if err != nil {
			t.Fatal(err)
		}
		if pass > 0 && res.Partial == 0 {
			t.Errorf("pass %d: no group was updated from a point on (%+v)", pass, res)
		}
		empty, unassigned, err := st.EventIntegrity(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if empty != 0 || unassigned != 0 {
			t.Fatalf("pass %d: %d events without articles, %d articles in no event", pass, empty, unassigned)
		}
		got, want := storedEvents(t, st), mergedEvents(t, st)
		if len(got) != len(want) {
			t.Fatalf("pass %d: %d events stored, merging everything gives %d", pass, len(got), len(want))
		}
		for i := range got {
			if got[i] != want[i] {
				t.Fatalf("pass %d: stored event\n%s\nmerging everything gives\n%s", pass, got[i], want[i])
			}
		}
		t.Logf("pass %d: %d events, %d groups updated (%d from a point on)", pass, len(got), res.Groups, res.Partial)
	}
}

// eventShape is what an event is, without its ID and times, as JSON.
func eventShape(t *testing.T, e news.Event) string {
	t.Helper()
	b, err := json.Marshal(struct {
		Articles   []int64
		Type       news.EventType
		Primary    string
		Layer      news.Layer
		Status     news.Status
		Date       int64
		Sources    int
		Fields     news.Fields
		Provenance map[string]news.Provenance
	}{e.ArticleIDs(), e.Type, e.PrimaryCompany, e.Layer, e.Status, e.Date.Unix(), e.Sources, e.Fields, e.Provenance})
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func storedEvents(t *testing.T, st store.Store) []string {
	t.Helper()
	evs, err := st.Events(context.Background(), store.EventFilter{Oldest: true})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range evs {
		out = append(out, eventShape(t, e))
	}
	slices.Sort(out)
	return out
}

// mergedEvents merges every article of the store again.
func mergedEvents(t *testing.T, st store.Store) []string {
	t.Helper()
	ctx := context.Background()
	groups, err := st.AllEventGroups(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, g := range groups {
		_, arts, err := st.GroupArticles(ctx, g)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range events.Merge(arts) {
			out = append(out, eventShape(t, e))
		}
	}
	slices.Sort(out)
	return out
}
