package pipeline_test

import (
	"context"
	"strings"
	"testing"

	"github.com/aitracker/aitracker/ingest"
	"github.com/aitracker/aitracker/news"
	"github.com/aitracker/aitracker/pipeline"
)

// TestParsePanicIsolated: a panic while one source's feed is handled
// fails that source with "internal error: panic", logs the stack once,
// and the other source of the same pass is stored; the schedule runs its
// next pass.
func TestParsePanicIsolated(t *testing.T) {
	f := newFixture(t)
	srv := feedServer(t)
	logs, log := newLogWatch()
	f.p.Logger = log
	pipeline.SetParsed(f.p, func(src news.Source, _ *ingest.Result) {
		if src.Name == "Wire" {
			panic("parser bug")
		}
	})
	passes := make(chan pipeline.Summary, 4)
	all := sources(srv.URL)
	list := []news.Source{all[0], all[2]}
	stop := runSchedule(t, f, list, passes)

	first := <-passes
	errs := map[string]string{}
	for _, fl := range first.Failures {
		errs[fl.Source] = fl.Err
	}
	if !strings.HasPrefix(errs["Wire"], "internal error: panic: parser bug") || first.SourcesOK != 1 || first.New != 16 {
		t.Fatalf("first pass: %s; failures %v", first, errs)
	}
	srcs, _ := f.st.Sources(context.Background())
	for _, s := range srcs {
		switch s.Name {
		case "Wire":
			if !strings.HasPrefix(s.LastError, "internal error: panic: parser bug") || s.ConsecutiveFailures != 1 || s.ArticleCount != 0 {
				t.Errorf("the panicking source: %+v", s)
			}
		case "快报":
			if s.ArticleCount != 16 || s.ConsecutiveFailures != 0 {
				t.Errorf("the other source: %+v", s)
			}
		}
	}
	if n := logs.count(`msg="source panicked"`); n != 1 || !strings.Contains(logs.String(), "runtime/debug.Stack") {
		t.Errorf("%d panic lines, want 1 with the stack:\n%s", n, logs)
	}
	// The schedule goes on: the next tick runs a pass, in which the
	// failed source is backing off.
	second := <-passes
	if second.NotDue != 1 || second.SourcesOK != 1 {
		t.Errorf("second pass: %s", second)
	}
	stop()
	if st := f.p.Stats(); st.Panics != 1 || st.Passes < 2 {
		t.Errorf("stats %+v", st)
	}
}

// TestClassifierPanicIsolated: a classifier that panics on every article
// of one source loses those articles' tags, not the articles: they are
// stored with the error in their trail, the stack is logged once for the
// source, not once an article, and the other source is tagged as usual.
func TestClassifierPanicIsolated(t *testing.T) {
	f := newFixture(t)
	srv := feedServer(t)
	logs, log := newLogWatch()
	f.p.Logger = log
	cls := f.p.Classifier
	pipeline.SetClassify(f.p, func(a *news.Article) news.Tags {
		if a.Lang != "zh" {
			panic("classifier bug")
		}
		return cls.ClassifyArticle(a)
	})
	ctx := context.Background()
	sum, err := f.p.Run(ctx, []news.Source{sources(srv.URL)[0], sources(srv.URL)[2]})
	if err != nil {
		t.Fatal(err)
	}
	if sum.SourcesOK != 2 || sum.New != 32 || sum.Indexed != 32 {
		t.Fatalf("pass: %s", sum)
	}
	arts, _ := f.st.ArticlesAfter(ctx, 0, 100)
	var failed, tagged int
	for _, a := range arts {
		switch {
		case a.Tags.Version == "failed" && a.Tags.Trail[0].Value == "classifier bug":
			failed++
		case a.Tags.Version == cls.Version():
			tagged++
		}
	}
	if failed != 16 || tagged != 16 {
		t.Errorf("%d articles with the classifier's error, %d tagged; want 16 and 16", failed, tagged)
	}
	if n := logs.count("runtime/debug.Stack"); n != 1 {
		t.Errorf("the stack was logged %d times, want once:\n%s", n, logs)
	}
	if !strings.Contains(logs.String(), `msg="the classifier failed on some articles; they are stored untagged"`) || !strings.Contains(logs.String(), "articles=16") {
		t.Errorf("no summary line for the source:\n%s", logs)
	}
	if st := f.p.Stats(); st.Panics != 16 {
		t.Errorf("stats %+v, want 16 panics", st)
	}
}
