package storetest

import (
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/aitracker/aitracker/dedupe"
	"github.com/aitracker/aitracker/news"
	"github.com/aitracker/aitracker/store"
)

// flip returns h with its n lowest bits flipped: the first bands change,
// the others stay, so that the fingerprint is still a candidate.
func flip(h uint64, n int) uint64 { return h ^ (1<<uint(n) - 1) }

// testDuplicates: a new article is linked to the earliest original of
// another source that answers its dedupe.Query (same canonical URL, or
// near text within the window), and stored all the same.
func testDuplicates(t *testing.T, b Backend) {
	const h = 0x9e3779b97f4a7c15
	type item struct {
		src   int // index into the sources
		url   string
		hash  uint64
		hours int // publication time after day
	}
	for _, tc := range []struct {
		name  string
		first []item // stored first, in order
		next  item
		query func(q dedupe.Query) dedupe.Query // changes the new article's query; nil keeps it
		want  int                               // index into first of the original it repeats, -1 for none
	}{
		{"same canonical URL, another source", []item{{0, "u", 0, 0}}, item{1, "u", 0, 5}, nil, 0},
		{"same URL, same source", []item{{0, "u", 0, 0}}, item{0, "u", 0, 5}, nil, -1},
		{"same URL, a week and more apart: the URL decides", []item{{0, "u", 0, 0}}, item{1, "u", 0, 24 * 30}, nil, 0},
		{"near text, another source", []item{{0, "a", h, 0}}, item{1, "b", flip(h, dedupe.NearDuplicateBits), 2}, nil, 0},
		{"identical text", []item{{0, "a", h, 0}}, item{1, "b", h, -3}, nil, 0},
		{"text one bit too far", []item{{0, "a", h, 0}}, item{1, "b", flip(h, dedupe.NearDuplicateBits+1), 2}, nil, -1},
		{"near text outside the window", []item{{0, "a", h, 0}}, item{1, "b", h, int(dedupe.Window/time.Hour) + 1}, nil, -1},
		{"near text, same source", []item{{0, "a", h, 0}}, item{0, "b", h, 1}, nil, -1},
		{"no fingerprint matches none", []item{{0, "a", 0, 0}}, item{1, "b", 0, 1}, nil, -1},
		{"the zero query links nothing", []item{{0, "u", h, 0}}, item{1, "u", h, 1},
			func(dedupe.Query) dedupe.Query { return dedupe.Query{} }, -1},
		{"the earliest original of two", []item{{0, "a", flip(h, 2), 0}, {2, "c", h, 1}}, item{1, "b", h, 2}, nil, 0},
		{"a copy of a copy links to the first report", []item{{0, "u", 0, 0}, {1, "u", 0, 1}}, item{2, "u", 0, 2}, nil, 0},
		{"the earliest of two originals with the URL", []item{{0, "u", 0, 0}, {0, "u", 0, 1}}, item{1, "u", 0, 2}, nil, 0},
		{"a copy with the URL is no candidate: its original is", []item{{0, "a", h, 0}, {1, "u", h, 1}}, item{2, "u", h, 2}, nil, 0},
		{"a copy is no candidate: near the copy, far from its original", []item{{0, "a", h, 0}, {1, "b", flip(h, 8), 1}},
			item{2, "c", flip(h, 8) ^ 0xff<<27, 2}, nil, -1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := b.Open(t)
			srcs := syncSources(t, s, "wire", "blog", "daily")
			mk := func(it item, key string) *news.Article {
				a := article(srcs[it.src], key, "Acme", it.hours)
				a.URL, a.SimHash = "https://news.example/"+it.url, it.hash
				return a
			}
			var firsts []*news.Article
			for i, it := range tc.first {
				a := mk(it, fmt.Sprintf("first%d", i))
				save(t, s, a)
				firsts = append(firsts, a)
			}
			before := maxSeq(t, s)
			a := mk(tc.next, "next")
			a.ContentHash = dedupe.ContentHash(a)
			q := dedupe.For(a)
			if tc.query != nil {
				q = tc.query(q)
			}
			r, err := s.SaveArticle(ctx(t), a, q)
			if err != nil || r != store.Created {
				t.Fatalf("%v, %v: a copy must be stored", r, err)
			}
			var want int64
			if tc.want >= 0 {
				want = firsts[tc.want].ID
			}
			if a.DuplicateOf != want || get(t, s, a.ID).DuplicateOf != want {
				t.Fatalf("DuplicateOf = %d (stored %d), want %d", a.DuplicateOf, get(t, s, a.ID).DuplicateOf, want)
			}
			if want == 0 {
				return
			}
			orig := get(t, s, want)
			if !slices.Contains(orig.AlsoReportedBy, srcs[tc.next.src].Name) {
				t.Errorf("the original is also reported by %v; want %s among them", orig.AlsoReportedBy, srcs[tc.next.src].Name)
			}
			if orig.Seq <= before {
				t.Errorf("the original's seq %d is not past %d: the index would not learn who else reported it", orig.Seq, before)
			}
			// An update of the copy keeps its link.
			a.Summary = "Edited."
			if save(t, s, a); get(t, s, a.ID).DuplicateOf != want {
				t.Errorf("an update lost the link")
			}
		})
	}

	t.Run("of copies stored at once, one is the original", func(t *testing.T) {
		s := b.Open(t)
		const n, rounds = 8, 40
		names := make([]string, n)
		for i := range names {
			names[i] = fmt.Sprintf("outlet%d", i)
		}
		srcs := syncSources(t, s, names...)
		for round := range rounds {
			arts := make([]*news.Article, n)
			start := make(chan struct{}) // all at once
			var wg sync.WaitGroup
			for i := range n {
				a := article(srcs[i], fmt.Sprintf("k%d", round), "Acme", round)
				a.URL = fmt.Sprintf("https://news.example/story-%d", round)
				a.ContentHash = dedupe.ContentHash(a)
				arts[i] = a
				wg.Go(func() {
					<-start
					if _, err := s.SaveArticle(ctx(t), a, dedupe.For(a)); err != nil {
						t.Error(err)
					}
				})
			}
			close(start)
			wg.Wait()
			var originals []int64
			for _, a := range arts {
				if a.DuplicateOf == 0 {
					originals = append(originals, a.ID)
				}
			}
			if len(originals) != 1 {
				t.Fatalf("round %d: %d originals %v among %d copies stored at once; want 1", round, len(originals), originals, n)
			}
			for _, a := range arts {
				if a.ID != originals[0] && a.DuplicateOf != originals[0] {
					t.Errorf("round %d: article %d repeats %d, not the original %d", round, a.ID, a.DuplicateOf, originals[0])
				}
			}
			if got := get(t, s, originals[0]); len(got.AlsoReportedBy) != n-1 {
				t.Errorf("round %d: the original is also reported by %v", round, got.AlsoReportedBy)
			}
		}
	})
}
