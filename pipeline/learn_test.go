package pipeline_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/aitracker/aitracker/news"
	"github.com/aitracker/aitracker/pipeline"
)

// TestLearnCompanies: a name no list knows, stored as the company of a
// funding round, is learnt at the start of the next pass, so that a
// later headline too thin for the rules alone ("Why lawyers keep asking
// about Quillnote") is tagged with it; it stays a candidate for the
// taxonomy (Known false). Without Learn, the same pass tags no company.
func TestLearnCompanies(t *testing.T) {
	for _, learn := range []bool{true, false} {
		t.Run(fmt.Sprintf("learn=%v", learn), func(t *testing.T) {
			ctx := context.Background()
			f := newFixture(t)
			f.p.Learn = learn
			var second atomic.Bool
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				items := `<item><guid>q1</guid><link>https://news.example/q1</link><title>Quillnote raises $20M Series A for its contract-review agents</title>` +
					`<description>The legal AI startup's agents redline NDAs for in-house teams.</description></item>`
				if second.Load() {
					items += `<item><guid>q2</guid><link>https://news.example/q2</link><title>Why lawyers keep asking about Quillnote</title>` +
						`<description>Three general counsels explain what changed in their review work.</description></item>`
				}
				w.Header().Set("Content-Type", "application/rss+xml")
				fmt.Fprintf(w, `<rss version="2.0"><channel><title>Legal AI</title>%s</channel></rss>`, items)
			}))
			defer srv.Close()
			src := []news.Source{{Name: "Legal AI", URL: srv.URL + "/feed", Kind: news.KindFeed}}
			if _, err := f.p.Run(ctx, src); err != nil {
				t.Fatal(err)
			}
			second.Store(true)
			if _, err := f.p.Run(ctx, src, pipeline.Options{Force: true}); err != nil {
				t.Fatal(err)
			}
			arts, err := f.st.ArticlesFrom(ctx, 0, 10)
			if err != nil {
				t.Fatal(err)
			}
			var got *news.Article
			for i := range arts {
				if strings.HasPrefix(arts[i].Title, "Why lawyers") {
					got = &arts[i]
				}
			}
			if got == nil {
				t.Fatalf("the second item was not stored: %d articles", len(arts))
			}
			if !learn {
				if got.Tags.Primary != "" {
					t.Errorf("without learning: primary %q, want none", got.Tags.Primary)
				}
				return
			}
			if got.Tags.Primary != "Quillnote" || got.Tags.Layer != news.LayerApplication {
				t.Fatalf("primary %q layer %s, want Quillnote, application; trail %+v", got.Tags.Primary, got.Tags.Layer, got.Tags.Trail)
			}
			if len(got.Tags.Companies) != 1 || got.Tags.Companies[0].Known {
				t.Errorf("companies %+v: want Quillnote, still a candidate (known false)", got.Tags.Companies)
			}
			if !strings.Contains(got.Tags.Version, "+") {
				t.Errorf("version %q does not say companies were learnt", got.Tags.Version)
			}
			cands, err := f.st.Candidates(ctx, 10)
			if err != nil || len(cands) != 1 || cands[0].Name != "Quillnote" || cands[0].Articles != 2 {
				t.Errorf("candidates %+v, %v: want Quillnote in 2 articles", cands, err)
			}
		})
	}
}
