package storetest

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/aitracker/aitracker/dedupe"
	"github.com/aitracker/aitracker/news"
	"github.com/aitracker/aitracker/store"
)

// Backend is how the suite gets stores.
type Backend struct {
	// Open returns a new, empty store for one test. The backend closes it
	// when the test ends (t.Cleanup).
	Open func(t *testing.T) store.Store
	// Reopen, when not nil, closes s and opens the data it held again,
	// as a restart does. The tests that need it are skipped without it.
	Reopen func(t *testing.T, s store.Store) store.Store
}

// Run runs every contract test against stores that b opens, each in a
// subtest named by the part of the contract it checks.
func Run(t *testing.T, b Backend) {
	for _, part := range []struct {
		name string
		test func(*testing.T, Backend)
	}{
		{"Open", testOpen},
		{"Sources", testSources},
		{"FetchState", testFetchState},
		{"SourceByID", testSourceByID},
		{"Attempts", testAttempts},
		{"Articles", testArticles},
		{"Duplicates", testDuplicates},
		{"Events", testEvents},
		{"EventIdentity", testEventIdentity},
		{"EventGroups", testEventGroups},
		{"EventQueries", testEventQueries},
		{"Subscribers", testSubscribers},
		{"Ledger", testLedger},
	} {
		t.Run(part.name, func(t *testing.T) { part.test(t, b) })
	}
}

// day is the suite's reference time: articles are published around it.
var day = time.Date(2026, 11, 2, 8, 0, 0, 0, time.UTC)

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// ctx is the test's context.
func ctx(t *testing.T) context.Context { return t.Context() }

// syncSources makes the named sources the configured ones and returns
// them in order; a source named N has the URL https://N.example/feed.
func syncSources(t *testing.T, s store.Store, names ...string) []news.Source {
	t.Helper()
	list := make([]news.Source, len(names))
	for i, n := range names {
		list[i] = news.Source{Name: n, URL: feedURL(n)}
	}
	got, err := s.SyncSources(ctx(t), list)
	must(t, err)
	return got
}

func feedURL(name string) string { return "https://" + name + ".example/feed" }

// article is a tagged funding report of company by src, published at
// day plus the given hours.
func article(src news.Source, key, company string, hours int) *news.Article {
	at := day.Add(time.Duration(hours) * time.Hour)
	return &news.Article{
		SourceID: src.ID, DedupKey: key, GUID: key, URL: "https://" + src.Name + ".example/" + key,
		Title: company + " raises money (" + key + ")", Summary: "A report on " + company + ".", Lang: "en",
		Published: at, Fetched: at.Add(time.Hour),
		Tags: news.Tags{Version: "v1", EventType: news.EventFunding, Layer: news.LayerModel, Status: news.StatusAnnounced,
			Primary: company, Companies: []news.CompanyTag{{Name: company, Known: true, Salience: 9}}},
	}
}

// save stores a as the pipeline does: with its content hash, linked to
// the article it repeats.
func save(t *testing.T, s store.Store, a *news.Article) store.SaveResult {
	t.Helper()
	a.ContentHash = dedupe.ContentHash(a)
	r, err := s.SaveArticle(ctx(t), a, dedupe.For(a))
	if err != nil {
		t.Fatalf("save %s: %v", a.DedupKey, err)
	}
	return r
}

func maxSeq(t *testing.T, s store.Store) int64 {
	t.Helper()
	seq, err := s.MaxSeq(ctx(t))
	must(t, err)
	return seq
}

func get(t *testing.T, s store.Store, id int64) news.Article {
	t.Helper()
	a, err := s.Article(ctx(t), id)
	must(t, err)
	return a
}

// ids lists the IDs of what a list holds, for messages and comparisons.
func ids[T any](list []T, id func(T) int64) []int64 {
	out := make([]int64, len(list))
	for i, v := range list {
		out[i] = id(v)
	}
	return out
}

func articleID(a news.Article) int64 { return a.ID }
func eventID(e news.Event) int64     { return e.ID }

func equalIDs(a, b []int64) bool { return fmt.Sprint(a) == fmt.Sprint(b) }
