package index

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/aitracker/aitracker/index/gen"
	"github.com/aitracker/aitracker/news"
)

// randomTextQuery makes a query with words: words, phrases and prefixes
// drawn from the articles' titles (and some no article has), Chinese
// words, alone or mixed with filters, OR, negation and groups.
func randomTextQuery(rng *rand.Rand, arts []news.Article) string {
	words := func() []string {
		a := arts[rng.IntN(len(arts))]
		return strings.FieldsFunc(a.Title, func(r rune) bool {
			return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '-'
		})
	}
	text := func() string {
		ws := words()
		if len(ws) == 0 {
			return "funding"
		}
		i := rng.IntN(len(ws))
		w := ws[i]
		if hasHan(w) {
			r := []rune(w)
			j := rng.IntN(max(1, len(r)-1))
			if rng.IntN(3) == 0 {
				// A phrase of CJK bigrams.
				return fmt.Sprintf("%q", string(r[j:min(len(r), j+3+rng.IntN(2))]))
			}
			return string(r[j:min(len(r), j+2)])
		}
		switch rng.IntN(8) {
		case 0:
			if i+1 < len(ws) {
				return fmt.Sprintf("%q", w+" "+ws[i+1])
			}
		case 1:
			if len(w) >= 4 {
				return strings.ToLower(w[:3+rng.IntN(len(w)-3)]) + "*"
			}
		case 2:
			return "zzyzxq" // no article has it
		case 4:
			return fmt.Sprintf("%q", w+" "+w) // a word twice
		case 3:
			if i+1 < len(ws) {
				return w + " " + ws[i+1]
			}
		}
		return w
	}
	var parts []string
	for range 1 + rng.IntN(3) {
		var p string
		switch rng.IntN(6) {
		case 0:
			p = text() + " OR " + text()
		case 1:
			p = "-" + text()
		case 2:
			if f := randomFilterQuery(rng, arts); f != "" {
				p = "(" + f + ")"
			}
		case 3:
			p = text() + " OR (" + randomFilterQuery(rng, arts) + ")"
		}
		if strings.TrimSpace(strings.Trim(p, "()")) == "" || strings.HasSuffix(p, "()") {
			p = text()
		}
		parts = append(parts, p)
	}
	q := strings.Join(parts, " ")
	if !strings.ContainsFunc(strings.ReplaceAll(q, "-", ""), unicode.IsLetter) {
		q += " funding"
	}
	return q
}

// TestTextAgreesWithBleve: searches with words answered by Bleve and the
// filter table together give what Bleve alone gives, hit for hit, score
// for score, with the same totals and facets, sorted either way, collapsed
// or not, on any page.
func TestTextAgreesWithBleve(t *testing.T) {
	if raceDetector {
		// A differential test of results (49 s under -race): the plain
		// `go test ./...` runs it; searching while writing is race-tested
		// by TestTextSearchWhileWriting.
		t.Skip("a differential test of results, run without the race detector")
	}
	ctx := context.Background()
	arts := columnArticles(t, 3000)
	path := filepath.Join(t.TempDir(), "index")
	ix, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer func() { ix.Close() }()
	for i := 0; i < 2500; i += 500 {
		// Several batches: several segments, and hits spread over them.
		if err := ix.Apply(ctx, arts[i:i+500]); err != nil {
			t.Fatal(err)
		}
	}
	if err := ix.Delete(5, 6, 7, 2000); err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(3, 4))
	runs := 300
	if testing.Short() {
		runs = 80
	}
	check := func(t *testing.T) {
		if err := ix.WaitFilterTable(ctx); err != nil {
			t.Fatal(err)
		}
		var nonEmpty int
		for i := range runs {
			r := Request{Query: randomTextQuery(rng, arts), Now: gen.End, Facets: rng.IntN(2) == 0,
				Collapse: rng.IntN(3) == 0, Limit: 1 + rng.IntN(40)}
			switch i % 3 {
			case 1:
				r.Sort = "relevance"
				r.Offset = rng.IntN(100)
			case 2:
				r.Sort = "date"
				r.Offset = rng.IntN(100)
			}
			got, err := ix.Search(ctx, r)
			if err != nil {
				t.Fatalf("%q: %v", r.Query, err)
			}
			want := bleveOnly(t, ix, r)
			got.Took, want.Took = 0, 0
			if !reflect.DeepEqual(snapScores(got, want), want) {
				t.Fatalf("%q (sort %q, collapse %v, facets %v, offset %d, limit %d):\nwith the table: total %d, hits %v, scores %v, facets %v\nBleve alone:    total %d, hits %v, scores %v, facets %v",
					r.Query, r.Sort, r.Collapse, r.Facets, r.Offset, r.Limit, got.Total, hitIDs(got), hitScores(got), got.Facets,
					want.Total, hitIDs(want), hitScores(want), want.Facets)
			}
			if want.Total > 0 {
				nonEmpty++
			}
		}
		// The queries must find something, or the test compares nothing.
		if nonEmpty < runs/3 {
			t.Fatalf("only %d of %d queries found anything", nonEmpty, runs)
		}
	}
	t.Run("written", check)
	// More segments, re-tagged articles (rows kept, documents replaced).
	if err := ix.Apply(ctx, arts[2500:]); err != nil {
		t.Fatal(err)
	}
	changed := append([]news.Article(nil), arts[100:140]...)
	for i := range changed {
		changed[i].Tags.EventType = news.EventAcquisition
	}
	if err := ix.Apply(ctx, changed); err != nil {
		t.Fatal(err)
	}
	t.Run("rewritten", check)
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	// Reopened: the table and the segments' maps are read from the index.
	if ix, err = Open(path, Options{}); err != nil {
		t.Fatal(err)
	}
	t.Run("reopened", check)
}

// snapScores returns got with each hit's score replaced by want's where
// the two differ only in the last bits of a float64: the table and Bleve
// add a document's term scores in different orders. Everything else,
// and every score that differs more, is compared as it is.
func snapScores(got, want *Result) *Result {
	if got == nil || want == nil || len(got.Hits) != len(want.Hits) {
		return got
	}
	c := *got
	c.Hits = slices.Clone(got.Hits)
	for i := range c.Hits {
		a, b := c.Hits[i].Score, want.Hits[i].Score
		if a != b && math.Abs(a-b) <= 1e-12*math.Max(math.Abs(a), math.Abs(b)) {
			c.Hits[i].Score = b
		}
	}
	return &c
}

func hitScores(r *Result) []float64 {
	var s []float64
	for _, h := range r.Hits {
		s = append(s, h.Score)
	}
	return s
}

// TestTextSearchWhileWriting: searches with words running while articles
// are written (new segments, whose document maps are made by the searches
// that meet them) fail nothing, and agree with Bleve once writes stop.
// Run with -race, it checks the maps and the two halves of each walk.
func TestTextSearchWhileWriting(t *testing.T) {
	ctx := context.Background()
	arts := columnArticles(t, 1200)
	ix := openTest(t)
	if err := ix.Apply(ctx, arts[:200]); err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	errs := make(chan error, 4)
	for w := range 2 {
		go func() {
			for i := 0; ; i++ {
				select {
				case <-done:
					errs <- nil
					return
				default:
				}
				r := Request{Query: []string{"funding", `"series a" OR robot*`, "AI -type:other"}[i%3], Now: gen.End,
					Facets: w == 0, Sort: []string{"", "date"}[i%2]}
				if _, err := ix.Search(ctx, r); err != nil {
					errs <- fmt.Errorf("%q: %w", r.Query, err)
					return
				}
			}
		}()
	}
	for i := 200; i < len(arts); i += 100 {
		if err := ix.Apply(ctx, arts[i:i+100]); err != nil {
			t.Fatal(err)
		}
	}
	close(done)
	for range 2 {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	for _, q := range []string{"funding", `"series a" OR robot*`, "AI -type:other"} {
		r := Request{Query: q, Now: gen.End, Facets: true}
		got, err := ix.Search(ctx, r)
		if err != nil {
			t.Fatal(err)
		}
		want := bleveOnly(t, ix, r)
		got.Took, want.Took = 0, 0
		if !reflect.DeepEqual(snapScores(got, want), want) {
			t.Errorf("%q after the writes: total %d, hits %v; Bleve alone: total %d, hits %v", q, got.Total, hitIDs(got), want.Total, hitIDs(want))
		}
		if got.Total == 0 {
			t.Errorf("%q: no hits", q)
		}
	}
}
