package events_test

import (
	"bufio"
	"cmp"
	"encoding/json"
	"fmt"
	"os"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/aitracker/aitracker/classify"
	"github.com/aitracker/aitracker/config"
	"github.com/aitracker/aitracker/events"
	"github.com/aitracker/aitracker/news"
)

// report is one line of testdata/merge.jsonl: a short news report and the
// happening it is about. Reports of one happening are worded differently,
// in English and Chinese; look-alikes (a company's next round, similar
// names in one week, two deals by one buyer) are happenings of their own.
type report struct {
	ID        string    `json:"id"`
	Happening string    `json:"happening"`
	Lang      string    `json:"lang"`
	Source    string    `json:"source"`
	Published time.Time `json:"published"`
	Title     string    `json:"title"`
	Summary   string    `json:"summary"`
}

// MergeScore is pairwise precision and recall of merging: over all pairs
// of reports, a pair is a true merge when both are in one event and
// report one happening.
type MergeScore struct {
	TP, FP, FN  int
	FalseMerges []string
	Missed      []string
}

func (s MergeScore) Precision() float64 {
	if s.TP+s.FP == 0 {
		return 1
	}
	return float64(s.TP) / float64(s.TP+s.FP)
}

func (s MergeScore) Recall() float64 {
	if s.TP+s.FN == 0 {
		return 1
	}
	return float64(s.TP) / float64(s.TP+s.FN)
}

// TestMergeQuality classifies every report with the real classifier and
// taxonomy, merges them, and scores the events against the happenings.
// Run with -v for the figures and every miss.
func TestMergeQuality(t *testing.T) {
	reps, arts := loadReports(t)
	evs := events.Merge(arts)
	eventOf := map[int64]int{}
	for i, e := range evs {
		for _, id := range e.ArticleIDs() {
			eventOf[id] = i + 1
		}
	}
	var s MergeScore
	for i := range reps {
		for j := i + 1; j < len(reps); j++ {
			same := reps[i].Happening == reps[j].Happening
			ei, ej := eventOf[int64(i+1)], eventOf[int64(j+1)]
			merged := ei != 0 && ei == ej
			pair := fmt.Sprintf("%s+%s (%s / %s): %q | %q", reps[i].ID, reps[j].ID, reps[i].Happening, reps[j].Happening, reps[i].Title, reps[j].Title)
			switch {
			case same && merged:
				s.TP++
			case merged:
				s.FP++
				s.FalseMerges = append(s.FalseMerges, pair)
			case same:
				s.FN++
				s.Missed = append(s.Missed, pair+" — "+why(arts[i], arts[j]))
			}
		}
	}
	happenings := map[string]bool{}
	for _, r := range reps {
		happenings[r.Happening] = true
	}
	t.Logf("%d reports of %d happenings → %d events", len(reps), len(happenings), len(evs))
	t.Logf("pairwise merging: precision %.3f (%d of %d merged pairs right), recall %.3f (%d of %d same-happening pairs merged)",
		s.Precision(), s.TP, s.TP+s.FP, s.Recall(), s.TP, s.TP+s.FN)
	sort.Strings(s.FalseMerges)
	for _, p := range s.FalseMerges {
		t.Logf("false merge: %s", p)
	}
	for _, p := range s.Missed {
		t.Logf("missed: %s", p)
	}
	if s.FP > 0 {
		t.Errorf("%d false merges; want none", s.FP)
	}
	if s.Recall() < 0.90 {
		t.Errorf("recall %.3f; want at least 0.90", s.Recall())
	}
}

// loadReports reads testdata/merge.jsonl and classifies each report with
// the real classifier and taxonomy; article IDs count from 1.
func loadReports(t *testing.T) ([]report, []news.Article) {
	t.Helper()
	f, err := os.Open("testdata/merge.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var reps []report
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var r report
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("testdata/merge.jsonl line %d: %v", len(reps)+1, err)
		}
		reps = append(reps, r)
	}
	tax, err := config.LoadDefaultTaxonomy()
	if err != nil {
		t.Fatal(err)
	}
	cls, err := classify.New(tax)
	if err != nil {
		t.Fatal(err)
	}
	arts := make([]news.Article, len(reps))
	for i, r := range reps {
		a := news.Article{ID: int64(i + 1), SourceName: r.Source, Title: r.Title, Summary: r.Summary, Lang: r.Lang, Published: r.Published.UTC()}
		a.Tags = cls.ClassifyArticle(&a)
		arts[i] = a
	}
	return reps, arts
}

// TestMergeFromAnyPoint: merging on from the events as they stood at any
// point, with only the events still open then, gives what merging
// everything gives.
func TestMergeFromAnyPoint(t *testing.T) {
	_, arts := loadReports(t)
	// Spread the reports' dates further, so that some events close
	// before later reports of their company come.
	for i := range arts {
		if i%3 == 0 {
			arts[i].Published = arts[i].Published.AddDate(0, 0, -50)
		}
	}
	sorted := slices.Clone(arts)
	slices.SortFunc(sorted, func(a, b news.Article) int {
		if c := a.Published.Compare(b.Published); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
	byID := map[int64]news.Article{}
	for _, a := range arts {
		byID[a.ID] = a
	}
	want := events.Merge(arts)
	for k := range sorted {
		cut := sorted[k].Published
		var seeds [][]news.Article
		var closed []news.Event
		for _, e := range events.Merge(sorted[:k]) {
			last := e.Articles[len(e.Articles)-1].ID
			if byID[last].Published.Before(cut.Add(-events.RumorWindow)) {
				closed = append(closed, e)
				continue
			}
			var seed []news.Article
			for _, id := range e.ArticleIDs() {
				seed = append(seed, byID[id])
			}
			seeds = append(seeds, seed)
		}
		got := append(closed, events.MergeFrom(seeds, sorted[k:])...)
		slices.SortStableFunc(got, func(a, b news.Event) int {
			x, y := byID[a.Articles[0].ID], byID[b.Articles[0].ID]
			if c := x.Published.Compare(y.Published); c != 0 {
				return c
			}
			return cmp.Compare(x.ID, y.ID)
		})
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("merging on from report %d of %d (%s, %d open events) differs from merging everything", k, len(sorted), cut, len(seeds))
		}
	}
}

// why says what kept two reports of one happening apart.
func why(a, b news.Article) string {
	ta, tb := a.Tags, b.Tags
	var parts []string
	if ta.EventKey() == "" || tb.EventKey() == "" {
		parts = append(parts, fmt.Sprintf("no event key (%s/%q, %s/%q)", ta.EventType, ta.Primary, tb.EventType, tb.Primary))
	}
	if ta.EventType != tb.EventType {
		parts = append(parts, fmt.Sprintf("types %s vs %s", ta.EventType, tb.EventType))
	}
	if ta.EventKey() != tb.EventKey() {
		parts = append(parts, fmt.Sprintf("keys %q vs %q", ta.EventKey(), tb.EventKey()))
	}
	if !events.Compatible(ta, tb) {
		parts = append(parts, fmt.Sprintf("fields differ (%v %s %s %s vs %v %s %s %s)", ta.Fields.AmountUSD, ta.Fields.Round, ta.Fields.Target, ta.Fields.Model,
			tb.Fields.AmountUSD, tb.Fields.Round, tb.Fields.Target, tb.Fields.Model))
	}
	if len(parts) == 0 {
		parts = append(parts, "time window or a third report")
	}
	return strings.Join(parts, "; ")
}
