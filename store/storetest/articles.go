package storetest

import (
	"errors"
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/aitracker/aitracker/dedupe"
	"github.com/aitracker/aitracker/news"
	"github.com/aitracker/aitracker/store"
)

// testArticles: articles are unique per source and dedup key; storing
// the same thing again writes nothing; every write gets the next sequence
// number, which the index follows.
func testArticles(t *testing.T, b Backend) {
	t.Run("insert, update, idempotency and sequence", func(t *testing.T) {
		s := b.Open(t)
		src := syncSources(t, s, "wire")[0]
		retagged := article(src, "g1", "Acme", 0)
		retagged.Title, retagged.Tags.Version = "Acme raises more", "v2"
		edited := article(src, "g1", "Acme", 0)
		edited.Title = "Acme raises more"
		var lastSeq, firstID int64
		for _, step := range []struct {
			name string
			a    *news.Article
			want store.SaveResult
		}{
			{"new", article(src, "g1", "Acme", 0), store.Created},
			{"the same again", article(src, "g1", "Acme", 0), store.Unchanged},
			{"an edited title", edited, store.Updated},
			{"the same edit again", func() *news.Article { a := *edited; return &a }(), store.Unchanged},
			{"a new classifier version", retagged, store.Updated},
			{"another item", article(src, "g2", "Beta", 1), store.Created},
		} {
			got := save(t, s, step.a)
			if got != step.want {
				t.Errorf("%s: %v, want %v", step.name, got, step.want)
			}
			if step.a.ID == 0 {
				t.Errorf("%s: no ID set", step.name)
			}
			if firstID == 0 {
				firstID = step.a.ID
			}
			if step.a.DedupKey == "g1" && step.a.ID != firstID {
				t.Errorf("%s: ID %d, want %d (one item, one article)", step.name, step.a.ID, firstID)
			}
			if got == store.Unchanged {
				if m := maxSeq(t, s); m != lastSeq {
					t.Errorf("%s: wrote (MaxSeq %d → %d)", step.name, lastSeq, m)
				}
				continue
			}
			if step.a.Seq <= lastSeq || maxSeq(t, s) != step.a.Seq {
				t.Errorf("%s: seq %d after %d, MaxSeq %d; want the next one", step.name, step.a.Seq, lastSeq, maxSeq(t, s))
			}
			lastSeq = step.a.Seq
		}
		if n, _ := s.CountArticles(ctx(t)); n != 2 {
			t.Errorf("CountArticles = %d, want 2", n)
		}
		after, err := s.ArticlesAfter(ctx(t), 0, 10)
		must(t, err)
		if len(after) != 2 || after[0].Title != "Acme raises more" || after[0].Tags.Version != "v2" || after[1].DedupKey != "g2" {
			t.Errorf("ArticlesAfter(0) = %+v", after)
		}
		if rest, _ := s.ArticlesAfter(ctx(t), lastSeq, 10); len(rest) != 0 {
			t.Errorf("ArticlesAfter(MaxSeq) = %d articles", len(rest))
		}
	})

	t.Run("what is stored is what is read", func(t *testing.T) {
		s := b.Open(t)
		src := syncSources(t, s, "wire")[0]
		a := article(src, "g1", "Acme", 0)
		a.Summary, a.Body, a.BodySource, a.Lang = "智谱完成新一轮融资。", "The whole text.", "page", "zh"
		a.PublishedEstimated, a.SimHash = true, 0xfedcba9876543210
		a.Tags.Fields = news.Fields{Amount: 3e9, Currency: "CNY", AmountUSD: 4.1e8, Round: "Series C", LeadInvestors: []string{"Sequoia"}}
		a.Tags.Trail = []news.Decision{{What: "amount", Value: "3B CNY", Rule: "a sum beside raised", Evidence: []news.Span{{Part: "summary", Start: 0, End: 6, Text: "智谱"}}}}
		save(t, s, a)
		want := *a
		want.SourceName = "wire"
		want.Fetched = a.Fetched.Truncate(time.Second)
		want.Published = a.Published.Truncate(time.Second)
		for name, read := range map[string]func() (news.Article, error){
			"Article": func() (news.Article, error) { return s.Article(ctx(t), a.ID) },
			"Articles": func() (news.Article, error) {
				l, err := s.Articles(ctx(t), []int64{a.ID})
				return only(l, err)
			},
			"ArticlesAfter": func() (news.Article, error) { return only(s.ArticlesAfter(ctx(t), 0, 10)) },
			"ArticlesFrom":  func() (news.Article, error) { return only(s.ArticlesFrom(ctx(t), 0, 10)) },
		} {
			got, err := read()
			must(t, err)
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s:\n got %+v\nwant %+v", name, got, want)
			}
		}
		k, ok, err := s.Lookup(ctx(t), src.ID, "g1")
		if err != nil || !ok || k != (store.Known{ID: a.ID, ContentHash: a.ContentHash, Version: "v1", Body: a.Body, BodySource: "page", URL: a.URL}) {
			t.Errorf("Lookup = %+v, %v, %v", k, ok, err)
		}
		if _, ok, _ := s.Lookup(ctx(t), src.ID+1, "g1"); ok {
			t.Error("Lookup found the item under another source")
		}
	})

	t.Run("an article without source, key or content hash is refused", func(t *testing.T) {
		s := b.Open(t)
		src := syncSources(t, s, "wire")[0]
		for _, tc := range []struct {
			name string
			edit func(*news.Article)
		}{
			{"no source", func(a *news.Article) { a.SourceID = 0 }},
			{"no dedup key", func(a *news.Article) { a.DedupKey = "" }},
			{"no content hash", func(a *news.Article) { a.ContentHash = "" }},
		} {
			a := article(src, "g1", "Acme", 0)
			a.ContentHash = dedupe.ContentHash(a)
			tc.edit(a)
			if _, err := s.SaveArticle(ctx(t), a, dedupe.For(a)); err == nil {
				t.Errorf("%s: saved", tc.name)
			}
		}
		if n, _ := s.CountArticles(ctx(t)); n != 0 || maxSeq(t, s) != 0 {
			t.Errorf("refused articles left %d rows, MaxSeq %d", n, maxSeq(t, s))
		}
	})

	t.Run("a batch: each article as if saved alone, a bad one refused alone", func(t *testing.T) {
		s := b.Open(t)
		srcs := syncSources(t, s, "wire", "blog")
		first := article(srcs[0], "g1", "Acme", 0)
		save(t, s, first)
		again := article(srcs[0], "g1", "Acme", 0) // unchanged
		edited := article(srcs[0], "g1", "Acme", 0)
		edited.Summary = "Edited."
		fresh := article(srcs[0], "g2", "Robo Labs", 1)
		bad := article(srcs[0], "g3", "Acme", 2)
		copyOf := article(srcs[1], "g4", "Robo Labs", 3)
		copyOf.URL = fresh.URL // another source's copy of an article of the same batch
		batch := []store.Save{}
		for _, a := range []*news.Article{again, edited, fresh, bad, copyOf} {
			a.ContentHash = dedupe.ContentHash(a)
			batch = append(batch, store.Save{Article: a, Dup: dedupe.For(a)})
		}
		bad.DedupKey = ""
		before := maxSeq(t, s)
		must(t, s.SaveArticles(ctx(t), batch))
		want := []store.SaveResult{store.Unchanged, store.Updated, store.Created, store.Unchanged, store.Created}
		for i, sv := range batch {
			if sv.Result != want[i] || (sv.Err != nil) != (i == 3) {
				t.Errorf("article %d: %v, %v; want %v and an error only for the bad one", i, sv.Result, sv.Err, want[i])
			}
		}
		if bad.ID != 0 || copyOf.DuplicateOf != fresh.ID || fresh.ID == 0 || edited.ID != first.ID {
			t.Errorf("IDs: bad %d, copy of %d (want %d), edited %d (want %d)", bad.ID, copyOf.DuplicateOf, fresh.ID, edited.ID, first.ID)
		}
		if n, _ := s.CountArticles(ctx(t)); n != 3 {
			t.Errorf("%d articles stored, want 3", n)
		}
		// The update, the two new ones and the original learning of its copy.
		if got := maxSeq(t, s) - before; got != 4 {
			t.Errorf("the batch took %d sequence numbers, want 4", got)
		}
		if got := get(t, s, first.ID); got.Summary != "Edited." {
			t.Errorf("the edit was not stored: %q", got.Summary)
		}
	})

	t.Run("one key in two sources is two articles; an update keeps the first fetch time", func(t *testing.T) {
		s := b.Open(t)
		srcs := syncSources(t, s, "wire", "blog")
		a, other := article(srcs[0], "g1", "Acme", 0), article(srcs[1], "g1", "Acme", 0)
		other.URL = "https://blog.example/elsewhere"
		if save(t, s, a) != store.Created || save(t, s, other) != store.Created || a.ID == other.ID {
			t.Fatalf("IDs %d and %d", a.ID, other.ID)
		}
		again := article(srcs[0], "g1", "Acme", 0)
		again.Summary, again.Fetched = "Updated.", a.Fetched.Add(24*time.Hour)
		if save(t, s, again) != store.Updated {
			t.Fatal("not updated")
		}
		if got := get(t, s, a.ID); got.Summary != "Updated." || !got.Fetched.Equal(a.Fetched.Truncate(time.Second)) {
			t.Errorf("after the update: summary %q, fetched %v; want the first fetch time %v", got.Summary, got.Fetched, a.Fetched)
		}
	})

	t.Run("tags replaced with a new sequence number", func(t *testing.T) {
		s := b.Open(t)
		src := syncSources(t, s, "wire")[0]
		a := article(src, "g1", "Acme", 0)
		save(t, s, a)
		tags := a.Tags
		tags.Version, tags.Primary = "v2", "Robo Labs"
		tags.Companies = []news.CompanyTag{{Name: "Robo Labs", Known: false, Salience: 5}}
		must(t, s.UpdateTags(ctx(t), a.ID, tags))
		got := get(t, s, a.ID)
		if !reflect.DeepEqual(got.Tags, tags) || got.Seq <= a.Seq || got.Seq != maxSeq(t, s) {
			t.Errorf("after UpdateTags: tags %+v, seq %d (was %d)", got.Tags, got.Seq, a.Seq)
		}
		if k, _, _ := s.Lookup(ctx(t), src.ID, "g1"); k.Version != "v2" {
			t.Errorf("Lookup after UpdateTags: version %q", k.Version)
		}
		if c, _ := s.Candidates(ctx(t), 10); len(c) != 1 || c[0].Name != "Robo Labs" || c[0].ExampleID != a.ID {
			t.Errorf("Candidates after UpdateTags: %+v; want the new name outside the taxonomy", c)
		}
		if err := s.UpdateTags(ctx(t), a.ID+100, tags); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("UpdateTags of no article: %v, want ErrNotFound", err)
		}
	})

	t.Run("reading by IDs, by sequence and by ID", func(t *testing.T) {
		s := b.Open(t)
		src := syncSources(t, s, "wire")[0]
		const n = 520 // more than one statement's worth of IDs in some databases
		all := make([]int64, n)
		for i := range n {
			a := article(src, fmt.Sprintf("k%03d", i), "Acme", i%48)
			save(t, s, a)
			all[i] = a.ID
		}
		// The first one written again: it is last by sequence.
		first := get(t, s, all[0])
		first.Summary = "Edited."
		save(t, s, &first)

		want := []int64{all[n-1], all[3], 424242, all[0]}
		got, err := s.Articles(ctx(t), want)
		must(t, err)
		if g := ids(got, articleID); !equalIDs(g, []int64{all[n-1], all[3], all[0]}) {
			t.Errorf("Articles(%v) = %v; want that order, the missing one skipped", want, g)
		}
		reversed := make([]int64, n)
		for i, id := range all {
			reversed[n-1-i] = id
		}
		got, err = s.Articles(ctx(t), reversed)
		must(t, err)
		if !equalIDs(ids(got, articleID), reversed) {
			t.Errorf("Articles of %d IDs: %d back, or out of order", n, len(got))
		}

		var walked []int64
		for after := int64(0); ; {
			page, err := s.ArticlesFrom(ctx(t), after, 100)
			must(t, err)
			if len(page) == 0 {
				break
			}
			if len(page) > 100 {
				t.Fatalf("a page of %d, limit 100", len(page))
			}
			walked = append(walked, ids(page, articleID)...)
			after = page[len(page)-1].ID
		}
		if !equalIDs(walked, all) {
			t.Errorf("walking ArticlesFrom gave %d articles, not each once in ID order", len(walked))
		}

		bySeq, err := s.ArticlesAfter(ctx(t), 0, n+10)
		must(t, err)
		if len(bySeq) != n || bySeq[n-1].ID != all[0] || bySeq[0].ID != all[1] {
			t.Errorf("ArticlesAfter: %d articles, first %d, last %d; want %d, the rewritten %d last", len(bySeq), bySeq[0].ID, bySeq[n-1].ID, all[1], all[0])
		}
		for i := 1; i < len(bySeq); i++ {
			if bySeq[i].Seq <= bySeq[i-1].Seq {
				t.Fatalf("ArticlesAfter not in sequence order at %d", i)
			}
		}
		tail, _ := s.ArticlesAfter(ctx(t), bySeq[n-3].Seq, 10)
		if !equalIDs(ids(tail, articleID), []int64{bySeq[n-2].ID, bySeq[n-1].ID}) {
			t.Errorf("ArticlesAfter the third last: %v", ids(tail, articleID))
		}
		if lim, _ := s.ArticlesAfter(ctx(t), 0, 7); len(lim) != 7 {
			t.Errorf("ArticlesAfter with limit 7: %d", len(lim))
		}

		// The states are the same rows without their text.
		states, err := s.ArticleStatesAfter(ctx(t), 0, n+10)
		must(t, err)
		if len(states) != len(bySeq) {
			t.Fatalf("ArticleStatesAfter: %d, ArticlesAfter: %d", len(states), len(bySeq))
		}
		for i, st := range states {
			want := bySeq[i]
			if want.Title == "" || want.Summary == "" {
				t.Fatalf("article %d has no text to leave out", want.ID)
			}
			want.Title, want.Summary, want.Body = "", "", ""
			if !reflect.DeepEqual(st, want) {
				t.Errorf("ArticleStatesAfter[%d] =\n%+v, want\n%+v", i, st, want)
			}
		}
		if tail, _ := s.ArticleStatesAfter(ctx(t), bySeq[n-3].Seq, 10); !equalIDs(ids(tail, articleID), []int64{bySeq[n-2].ID, bySeq[n-1].ID}) {
			t.Errorf("ArticleStatesAfter the third last: %v", ids(tail, articleID))
		}
	})

	t.Run("candidates: names outside the taxonomy", func(t *testing.T) {
		s := b.Open(t)
		src := syncSources(t, s, "wire")[0]
		tag := func(key string, hours int, companies ...news.CompanyTag) {
			a := article(src, key, companies[0].Name, hours)
			a.Tags.Companies = companies
			save(t, s, a)
		}
		known := news.CompanyTag{Name: "OpenAI", Known: true}
		robo, nova := news.CompanyTag{Name: "Robo Labs"}, news.CompanyTag{Name: "Nova AI"}
		tag("a", 0, robo, known)
		tag("b", 1, robo)
		tag("c", 2, nova)
		tag("d", 3, known)
		got, err := s.Candidates(ctx(t), 10)
		must(t, err)
		if len(got) != 2 || got[0].Name != "Robo Labs" || got[0].Articles != 2 || got[1].Name != "Nova AI" || got[1].Articles != 1 {
			t.Fatalf("Candidates = %+v; want Robo Labs (2), then Nova AI (1), and no taxonomy name", got)
		}
		if got[0].Layer != news.LayerModel || got[0].Example == "" || got[0].ExampleID == 0 || !got[0].LastSeen.Equal(day.Add(time.Hour)) {
			t.Errorf("Robo Labs: %+v", got[0])
		}
		if one, _ := s.Candidates(ctx(t), 1); len(one) != 1 {
			t.Errorf("Candidates with limit 1: %d", len(one))
		}
	})
}

func only(l []news.Article, err error) (news.Article, error) {
	if err == nil && len(l) != 1 {
		err = fmt.Errorf("%d articles, want 1", len(l))
	}
	if err != nil {
		return news.Article{}, err
	}
	return l[0], nil
}
