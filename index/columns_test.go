package index

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/aitracker/aitracker/index/gen"
	"github.com/aitracker/aitracker/news"
)

// columnArticles is a generated collection with the cases the filter
// table must get right: events and their later reports (collapsed),
// articles without a fetch time, layer or companies, sources whose names
// differ only in case, and equal publication times (the tie-break).
func columnArticles(t testing.TB, n int) []news.Article {
	t.Helper()
	g, err := gen.New(7)
	if err != nil {
		t.Fatal(err)
	}
	arts := make([]news.Article, n)
	for i := range arts {
		a := g.Next()
		switch i % 11 {
		case 1:
			a.Fetched = time.Time{}
		case 2:
			a.Tags.Layer, a.Tags.Companies, a.Tags.Primary = "", nil, ""
		case 3:
			a.SourceName = strings.ToUpper(a.SourceName)
		case 4:
			a.Published = arts[i/10].Published // the same second as an article whose ID has fewer digits
		}
		if i%7 == 0 {
			a.Event, a.EventSources, a.EventLead = int64(1+i/21), 3, i%21 == 0
		}
		arts[i] = a
	}
	return arts
}

// bleveOnly runs a search without the filter table, phrases matched by
// Bleve's own phrase query.
func bleveOnly(t testing.TB, ix *Index, r Request) *Result {
	t.Helper()
	ix.cols.mu.Lock()
	saved := ix.cols.t
	ix.cols.t = nil
	ix.cols.mu.Unlock()
	nativePhrases = true
	defer func() {
		nativePhrases = false
		ix.cols.mu.Lock()
		ix.cols.t = saved
		ix.cols.mu.Unlock()
	}()
	res, err := ix.Search(context.Background(), r)
	if err != nil {
		t.Fatalf("%q: %v", r.Query, err)
	}
	return res
}

// randomFilterQuery makes a query of filters only, with values drawn from
// the articles (and some no article has), negations, ORs and groups.
func randomFilterQuery(rng *rand.Rand, arts []news.Article) string {
	pick := func() news.Article { return arts[rng.IntN(len(arts))] }
	term := func() string {
		a := pick()
		switch rng.IntN(16) {
		case 0:
			return "type:" + string(a.Tags.EventType)
		case 1:
			if a.Tags.Layer == "" {
				return "layer:none"
			}
			return "layer:" + string(a.Tags.Layer)
		case 2:
			if len(a.Tags.Companies) == 0 {
				return `company:"Nobody Inc"`
			}
			name := a.Tags.Companies[rng.IntN(len(a.Tags.Companies))].Name
			if rng.IntN(2) == 0 {
				name = strings.ToLower(name)
			}
			return fmt.Sprintf("company:%q", name)
		case 3:
			if a.Tags.Primary == "" {
				return "primary:nobody"
			}
			return fmt.Sprintf("primary:%q", a.Tags.Primary)
		case 4:
			return fmt.Sprintf("source:%q", strings.ToLower(a.SourceName))
		case 5:
			return "lang:" + a.Lang
		case 6:
			if a.Tags.Fields.Round == "" {
				return "round:seed"
			}
			return "round:" + a.Tags.Fields.Round
		case 7:
			return "currency:" + []string{"usd", "cny", "eur"}[rng.IntN(3)]
		case 8:
			return "month:" + a.Published.UTC().Format("2006-01")
		case 9:
			return fmt.Sprintf("amount%s%dM", []string{">", ">=", "<", "<="}[rng.IntN(4)], 1+rng.IntN(200))
		case 10:
			if a.Tags.Fields.AmountUSD > 0 && rng.IntN(2) == 0 {
				// Exactly an article's amount: the bounds' inclusiveness matters.
				return fmt.Sprintf("amount>=%.0f", a.Tags.Fields.AmountUSD)
			}
			return fmt.Sprintf("valuation>%dM", 10+rng.IntN(2000))
		case 11:
			return fmt.Sprintf("since:%dd", 1+rng.IntN(700))
		case 12:
			return "until:" + a.Published.UTC().Format("2006-01-02")
		case 13:
			return fmt.Sprintf("added%s%s", []string{">", ">=", "<", "<=", "="}[rng.IntN(5)], a.Published.UTC().Format("2006-01-02"))
		case 14:
			return "status:" + []string{"rumored", "announced", "completed"}[rng.IntN(3)]
		}
		return "date=" + a.Published.UTC().Format("2006-01")
	}
	// Pieces joined by spaces, AND or OR, each excluded now and then
	// with "-" or NOT, and grouped in parentheses up to two deep.
	var expr func(depth int) string
	expr = func(depth int) string {
		var parts []string
		for range 1 + rng.IntN(3) {
			c := term()
			if depth < 2 && rng.IntN(4) == 0 {
				c = "(" + expr(depth+1) + ")"
			}
			switch rng.IntN(8) {
			case 0:
				c = "-" + c
			case 1:
				c = "NOT " + c
			}
			if len(parts) > 0 {
				switch rng.IntN(6) {
				case 0, 1:
					parts = append(parts, "OR")
				case 2:
					parts = append(parts, "AND")
				}
			}
			parts = append(parts, c)
		}
		return strings.Join(parts, " ")
	}
	if rng.IntN(5) == 0 {
		return ""
	}
	return expr(0)
}

// TestColumnsAgreeWithBleve is the filter table's contract: for queries
// of filters only, it gives what Bleve gives, hit for hit and count for
// count, in either order, collapsed or not, on any page; on a table filled
// by writes, read back from the index on reopening, and loaded while
// writes go on.
func TestColumnsAgreeWithBleve(t *testing.T) {
	ctx := context.Background()
	arts := columnArticles(t, 3000)
	path := filepath.Join(t.TempDir(), "index")
	ix, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := ix.Apply(ctx, arts[:2500]); err != nil {
		t.Fatal(err)
	}
	// Re-tagged articles replace their rows; deleted ones leave.
	changed := append([]news.Article(nil), arts[100:140]...)
	for i := range changed {
		changed[i].Tags.EventType = news.EventAcquisition
		changed[i].Tags.Companies = append(changed[i].Tags.Companies, news.CompanyTag{Name: "Databricks"})
	}
	if err := ix.Apply(ctx, changed); err != nil {
		t.Fatal(err)
	}
	if err := ix.Delete(5, 6, 7, 2000); err != nil {
		t.Fatal(err)
	}

	rng := rand.New(rand.NewPCG(1, 2))
	check := func(t *testing.T, ix *Index, runs int) {
		t.Helper()
		if err := ix.WaitFilterTable(ctx); err != nil {
			t.Fatal(err)
		}
		for i := range runs {
			r := Request{Query: randomFilterQuery(rng, arts), Now: gen.End, Facets: true,
				Collapse: rng.IntN(3) == 0, Limit: 1 + rng.IntN(60)}
			switch i % 3 {
			case 1:
				r.Sort = "relevance"
			case 2:
				r.Sort = "date"
				r.Offset = rng.IntN(300)
			}
			if i == 0 {
				r.Query = "" // everything
			}
			got, err := ix.Search(ctx, r)
			if err != nil {
				t.Fatalf("%q: %v", r.Query, err)
			}
			want := bleveOnly(t, ix, r)
			got.Took, want.Took = 0, 0
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("%q (sort %q, collapse %v, offset %d, limit %d):\nfilter table: total %d, hits %v, facets %v\nBleve:        total %d, hits %v, facets %v",
					r.Query, r.Sort, r.Collapse, r.Offset, r.Limit, got.Total, hitIDs(got), got.Facets, want.Total, hitIDs(want), want.Facets)
			}
		}
	}
	// -short (the race detector's run in CI) draws fewer queries.
	runs := 400
	if testing.Short() {
		runs = 100
	}
	t.Run("written", func(t *testing.T) { check(t, ix, runs) })
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}

	// Reopened: the table is read from the documents' doc values, while
	// more articles are written and some deleted.
	ix, err = Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if err := ix.Apply(ctx, arts[2500:]); err != nil {
		t.Fatal(err)
	}
	if err := ix.Delete(10, 2600); err != nil {
		t.Fatal(err)
	}
	t.Run("reopened", func(t *testing.T) { check(t, ix, runs) })
	if n, _ := ix.Count(); n != uint64(ix.cols.t.live) {
		t.Errorf("index holds %d documents, the filter table %d", n, ix.cols.t.live)
	}
}

func hitIDs(r *Result) []int64 {
	var ids []int64
	for _, h := range r.Hits {
		ids = append(ids, h.ID)
	}
	return ids
}

// TestColumnsAnswerFilters checks that searches use the table: those of
// filters only for everything, those with words for their facets.
func TestColumnsAnswerFilters(t *testing.T) {
	ctx := context.Background()
	ix := openTest(t)
	if err := ix.Apply(ctx, columnArticles(t, 200)); err != nil {
		t.Fatal(err)
	}
	// A table that disagrees with the index shows which path answered:
	// no row has a source.
	ix.cols.mu.Lock()
	for i := range ix.cols.t.rows {
		ix.cols.t.rows[i].codes[cSource] = 0
	}
	ix.cols.mu.Unlock()
	for _, q := range []string{
		"",
		"type:funding layer:model",
		"-type:funding OR amount>5M",
		"funding",
		"type:funding funding",
		"-funding",
		`"series a" OR robot*`,
	} {
		for _, sort := range []string{"relevance", "date"} {
			res, err := ix.Search(ctx, Request{Query: q, Now: gen.End, Facets: true, Sort: sort})
			if err != nil {
				t.Fatal(err)
			}
			if res.Total == 0 {
				t.Fatalf("%q: no hits", q)
			}
			if n := len(res.Facets["source"]); n != 0 {
				t.Errorf("%q sorted by %s: %d sources counted, want the filter table's none", q, sort, n)
			}
		}
	}
}

// BenchmarkColumnsLoad measures reading the filter table from an index.
func BenchmarkColumnsLoad(b *testing.B) {
	ctx := context.Background()
	path := filepath.Join(b.TempDir(), "index")
	ix, err := Open(path, Options{})
	if err != nil {
		b.Fatal(err)
	}
	arts := columnArticles(b, 20000)
	for i := 0; i < len(arts); i += 1000 {
		if err := ix.Apply(ctx, arts[i:i+1000]); err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()
	for range b.N {
		if _, err := readTable(ctx, ix.b); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(arts)), "ns/article")
	ix.Close()
}

// TestColumnsEveryFilter: every filter the query language knows has a
// column, so that no filter-only query falls back to Bleve.
func TestColumnsEveryFilter(t *testing.T) {
	tb := newTable()
	for name, f := range filters {
		c := clause{filter: &f, name: name, value: "x", op: f.op}
		if f.kind != kindTerm && c.op == "" {
			c.op = ">="
		}
		if tb.clausePred(c) == nil {
			t.Errorf("filter %s: the filter table has no column for field %s", name, f.field)
		}
	}
}
