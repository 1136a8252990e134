package store

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/aitracker/aitracker/dedupe"
	"github.com/aitracker/aitracker/internal/pgtest"
	"github.com/aitracker/aitracker/news"
)

// fillForCopy gives s a row in every table: sources with fetch state (one
// imported), articles with companies and a near-duplicate link, an event
// with a mark of how far events are computed, subscribers and a ledger
// row.
func fillForCopy(t *testing.T, s *SQLite) {
	t.Helper()
	ctx := t.Context()
	srcs, err := s.SyncSources(ctx, []news.Source{
		{Name: "wire", URL: "https://wire.example/feed", Lang: "en"},
		{Name: "blog", URL: "https://blog.example/feed", Lang: "zh"},
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.ImportSources(ctx, []news.Source{{Name: "extra", URL: "https://extra.example/rss"}}, "opml"); err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 11, 2, 8, 0, 0, 0, time.UTC)
	if err := s.RecordFetch(ctx, srcs[0].ID, FetchOutcome{At: at, ETag: `"v7"`, LastModified: "Mon, 02 Nov 2026 08:00:00 GMT", NextCheckAt: at.Add(time.Hour)}); err != nil {
		t.Fatal(err)
	}
	if err := s.RecordFetch(ctx, srcs[1].ID, FetchOutcome{At: at, Err: errors.New("dial tcp: connection refused"), ErrKind: "transient", ErrPlain: "the server refused the connection", NextCheckAt: at.Add(10 * time.Minute)}); err != nil {
		t.Fatal(err)
	}
	a1 := article(srcs[0].ID, "a1", "Acme raises $20M Series A")
	a1.Tags.Fields = news.Fields{AmountUSD: 2e7, Round: "Series A", Investors: []string{"Lumen Ventures"}}
	a1.Body = "Acme, which builds inference chips, raised $20 million."
	a2 := article(srcs[1].ID, "a2", "Acme raises $20M Series A") // the same story, on another source
	a2.URL = a1.URL
	a3 := article(srcs[1].ID, "a3", "Beta ships a model")
	a3.Tags = news.Tags{Version: "v1", EventType: news.EventModelRelease, Layer: news.LayerModel, Primary: "Beta",
		Companies: []news.CompanyTag{{Name: "Beta", Known: true, Salience: 3}, {Name: "Gamma Labs", Salience: 1}}}
	for _, a := range []*news.Article{a1, a2, a3} {
		if _, err := save(ctx, s, a); err != nil {
			t.Fatal(err)
		}
	}
	if a2.DuplicateOf != a1.ID {
		t.Fatalf("the fixture's second report is linked to %d, want %d", a2.DuplicateOf, a1.ID)
	}
	groups, err := s.AllEventGroups(ctx)
	if err != nil {
		t.Fatal(err)
	}
	evs := groupEvents(t, s, groups)
	for i := range evs {
		e := &evs[i]
		e.Status = news.StatusCompleted
		e.Provenance = map[string]news.Provenance{"amount": {Value: "$20M", ArticleID: e.Articles[0].ID, Rule: "the first report", Reports: e.Sources}}
	}
	seq, err := s.MaxSeq(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.ReplaceEvents(ctx, groups, evs, &EventsMark{Seq: seq, Expect: seq, Version: "merge-v3"}, at); err != nil {
		t.Fatal(err)
	}
	sub := &news.Subscriber{Email: "ana@example.com", Frequency: "daily", SendAt: "07:00", TZ: "Europe/Lisbon",
		Filter: news.SubscriberFilter{Types: []news.EventType{news.EventFunding}}}
	if err := s.AddSubscriber(ctx, sub); err != nil {
		t.Fatal(err)
	}
	if err := s.AddSubscriber(ctx, &news.Subscriber{Email: "bo@example.com", Frequency: "weekly", SendAt: "08:00", TZ: "UTC", Weekday: 3}); err != nil {
		t.Fatal(err)
	}
	d, ok, err := s.Claim(ctx, sub.ID, "2026-11-02", "<m1@example.com>", "node-1", at.Add(-24*time.Hour), at, 3)
	if err != nil || !ok {
		t.Fatalf("claim: %v %v", ok, err)
	}
	if err := s.SetDelivery(ctx, d.ID, DeliverySent, 1, ""); err != nil {
		t.Fatal(err)
	}
}

// groupEvents makes one event of each group, as merging would when all
// of a group's articles report one happening: dated and tagged by its
// first report.
func groupEvents(tb testing.TB, s *SQLite, groups []EventGroup) []news.Event {
	tb.Helper()
	var evs []news.Event
	for _, g := range groups {
		_, arts, err := s.GroupArticles(tb.Context(), g)
		if err != nil {
			tb.Fatal(err)
		}
		e := news.Event{Type: arts[0].Tags.EventType, Key: g.Key, PrimaryCompany: arts[0].Tags.Primary, Layer: arts[0].Tags.Layer,
			Date: arts[0].Published, Fields: arts[0].Tags.Fields, Sources: len(arts)}
		for _, a := range arts {
			e.Articles = append(e.Articles, news.EventArticle{ID: a.ID})
		}
		evs = append(evs, e)
	}
	return evs
}

// contents is what a store answers through its interface, for comparing
// two stores.
type contents struct {
	ID          string
	Seq         int64
	EventsSeq   int64
	EventsVer   string
	Sources     []news.Source
	Articles    []news.Article
	Events      []news.Event
	Subscribers []news.Subscriber
	Deliveries  []Delivery
	Candidates  []Candidate
}

func contentsOf(t *testing.T, s Store) contents {
	t.Helper()
	ctx := t.Context()
	var c contents
	var err error
	check := func(e error) {
		t.Helper()
		if e != nil {
			t.Fatal(e)
		}
	}
	c.ID, err = s.ID(ctx)
	check(err)
	c.Seq, err = s.MaxSeq(ctx)
	check(err)
	c.EventsSeq, c.EventsVer, err = s.EventsState(ctx)
	check(err)
	c.Sources, err = s.Sources(ctx)
	check(err)
	c.Articles, err = s.ArticlesFrom(ctx, 0, 1000)
	check(err)
	c.Events, err = s.Events(ctx, EventFilter{})
	check(err)
	c.Subscribers, err = s.Subscribers(ctx, false)
	check(err)
	c.Deliveries, err = s.Deliveries(ctx, "")
	check(err)
	c.Candidates, err = s.Candidates(ctx, 10)
	check(err)
	return c
}

// TestCopyToPostgres: a SQLite store copied into PostgreSQL answers every
// question as the original does, IDs, sequence numbers, the store's ID and
// how far events are computed included; what is written next takes IDs
// and sequence numbers after the copied ones. A database that holds data
// is refused and left as it was; a copy cut short leaves the database
// empty, and the copy run again completes.
func TestCopyToPostgres(t *testing.T) {
	ctx := t.Context()
	src := openTest(t)
	fillForCopy(t, src)
	want := contentsOf(t, src)
	if len(want.Articles) != 3 || len(want.Events) != 2 || len(want.Deliveries) != 1 || len(want.Sources) != 3 {
		t.Fatalf("the fixture has %d articles, %d events, %d deliveries, %d sources", len(want.Articles), len(want.Events), len(want.Deliveries), len(want.Sources))
	}

	dsn := pgtest.NewDatabase(t)
	dst, err := OpenPostgres(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer dst.Close()

	// Cut short in the middle: nothing is left behind.
	cut, cancel := context.WithCancel(ctx)
	_, err = CopyToPostgres(cut, src, dst, func(table string, rows int64) {
		if table == "events" {
			cancel()
		}
	})
	cancel()
	if err == nil || !strings.Contains(err.Error(), "nothing was written") {
		t.Fatalf("a copy cut short: %v, want an error saying nothing was written", err)
	}
	if n, err := dst.CountArticles(ctx); err != nil || n != 0 {
		t.Fatalf("after a copy cut short, the database holds %d articles (%v), want 0", n, err)
	}

	var seen []string
	copied, err := CopyToPostgres(ctx, src, dst, func(table string, rows int64) { seen = append(seen, table) })
	if err != nil {
		t.Fatal(err)
	}
	wantCopied := []Copied{{"sources", 3}, {"articles", 3}, {"article_companies", 4}, {"events", 2}, {"event_articles", 3}, {"subscribers", 2}, {"digests_sent", 1}}
	if !reflect.DeepEqual(copied, wantCopied) {
		t.Errorf("copied %v, want %v", copied, wantCopied)
	}
	if len(seen) != len(copyTables) {
		t.Errorf("progress told of %v, want every table once", seen)
	}
	got := contentsOf(t, dst)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("the copy answers\n%+v\nthe original\n%+v", got, want)
	}
	for _, id := range []int64{1, 2} {
		a, _, err := src.Source(ctx, id)
		b, _, err2 := dst.Source(ctx, id)
		if err != nil || err2 != nil || !reflect.DeepEqual(a, b) {
			t.Errorf("source %d: copy %+v (%v), original %+v (%v)", id, b, err2, a, err)
		}
	}

	// A second copy is refused: the database holds a store.
	if _, err := CopyToPostgres(ctx, src, dst, nil); err == nil || !strings.Contains(err.Error(), "already holds 3 sources, 3 articles") {
		t.Errorf("a copy into a database that holds data: %v, want a refusal naming what it holds", err)
	}
	if again := contentsOf(t, dst); !reflect.DeepEqual(again, want) {
		t.Error("a refused copy changed the database")
	}

	// Writing goes on after the copied rows.
	a := article(1, "a4", "Delta opens an office")
	if _, err := pgSave(ctx, dst, a); err != nil {
		t.Fatal(err)
	}
	if last := want.Articles[len(want.Articles)-1]; a.ID <= last.ID || a.Seq <= want.Seq {
		t.Errorf("a new article took ID %d, seq %d; the copy's highest are %d and %d", a.ID, a.Seq, last.ID, want.Seq)
	}
	sub := &news.Subscriber{Email: "cy@example.com", Frequency: "daily", SendAt: "07:00", TZ: "UTC"}
	if err := dst.AddSubscriber(ctx, sub); err != nil {
		t.Fatal(err)
	}
	if sub.ID <= want.Subscribers[len(want.Subscribers)-1].ID {
		t.Errorf("a new subscriber took ID %d, not one after the copied ones", sub.ID)
	}
}

// BenchmarkCopyToPostgres copies a SQLite store of 20,000 articles (each
// with two companies and a body of about 2 KB, in 500 events) into a new
// database, and reports articles and rows per second.
func BenchmarkCopyToPostgres(b *testing.B) {
	ctx := b.Context()
	src := openFile(b, filepath.Join(b.TempDir(), "src.db"))
	defer src.Close()
	srcs, err := src.SyncSources(ctx, []news.Source{{Name: "wire", URL: "https://wire.example/feed"}})
	if err != nil {
		b.Fatal(err)
	}
	const n = 20000
	words := strings.Fields("inference training robotics vision speech agents chips compute storage search retrieval " +
		"labeling safety evals finance health retail logistics energy legal security education media gaming")
	for i := 0; i < n; i += 500 {
		var batch []Save
		for j := i; j < i+500; j++ {
			a := article(srcs[0].ID, fmt.Sprintf("k%d", j), fmt.Sprintf("Startup %d raises a Series A", j))
			// A text of its own, so that no two articles are near-duplicates.
			var body strings.Builder
			for k := 0; k < 300; k++ {
				body.WriteString(words[(j*7+k*k*13+k*j)%len(words)] + " ")
			}
			a.Body = body.String()
			a.Tags.Primary = fmt.Sprintf("Startup %d", j%500) // 500 events of 40 reports
			a.Tags.Companies = []news.CompanyTag{{Name: a.Tags.Primary, Salience: 3}, {Name: "Lumen Ventures", Salience: 1}}
			a.Published = a.Published.Add(time.Duration(j) * time.Minute)
			a.ContentHash = dedupe.ContentHash(a)
			batch = append(batch, Save{Article: a})
		}
		if err := src.SaveArticles(ctx, batch); err != nil {
			b.Fatal(err)
		}
	}
	groups, err := src.AllEventGroups(ctx)
	if err != nil {
		b.Fatal(err)
	}
	// Events are written a few hundred groups at a time, as an update
	// after a pass writes them.
	for len(groups) > 0 {
		chunk := groups[:min(len(groups), 250)]
		groups = groups[len(chunk):]
		evs := groupEvents(b, src, chunk)
		if _, err := src.ReplaceEvents(ctx, chunk, evs, nil, time.Now()); err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()
	var rows int64
	for b.Loop() {
		b.StopTimer()
		dst, err := OpenPostgres(ctx, pgtest.NewDatabase(b))
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		copied, err := CopyToPostgres(ctx, src, dst, nil)
		if err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		dst.Close()
		rows = 0
		for _, c := range copied {
			rows += c.Rows
		}
		b.StartTimer()
	}
	sec := b.Elapsed().Seconds() / float64(b.N)
	b.ReportMetric(n/sec, "articles/s")
	b.ReportMetric(float64(rows)/sec, "rows/s")
}
