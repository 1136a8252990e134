package storetest

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/aitracker/aitracker/news"
	"github.com/aitracker/aitracker/store"
)

func names(list []news.Source) string {
	var b strings.Builder
	for _, s := range list {
		b.WriteString(s.Name)
		if !s.Enabled {
			b.WriteString("(off)")
		}
		b.WriteString(" ")
	}
	return strings.TrimSpace(b.String())
}

// testSources: the configured list decides which configured sources are
// enabled, imported sources stay, and the list comes back in order.
func testSources(t *testing.T, b Backend) {
	s := b.Open(t)
	c := ctx(t)
	sel := &news.Selectors{Item: "li", Link: "a"}
	html := news.Source{Name: "board", URL: feedURL("board"), Kind: news.KindHTML, Lang: "zh", Selectors: sel}
	wire := news.Source{Name: "wire", URL: feedURL("wire")}

	got, err := s.SyncSources(c, []news.Source{wire, html})
	must(t, err)
	if names(got) != "wire board" || got[0].ID == 0 || got[0].ID == got[1].ID {
		t.Fatalf("first sync: %+v", got)
	}
	if got[0].Kind != news.KindFeed || got[0].Origin != "config" || got[1].Kind != news.KindHTML || got[1].Lang != "zh" || got[1].Selectors != sel {
		t.Errorf("first sync: kinds, origin, language or selectors lost: %+v", got)
	}

	t.Run("a source no longer listed is disabled, not deleted", func(t *testing.T) {
		renamed := html
		renamed.Name = "notice board"
		got, err := s.SyncSources(c, []news.Source{renamed})
		must(t, err)
		if names(got) != "notice board" {
			t.Errorf("sync returned %s", names(got))
		}
		all, err := s.Sources(c)
		must(t, err)
		if names(all) != "notice board wire(off)" {
			t.Errorf("Sources = %s; want the enabled first and the dropped one kept, disabled", names(all))
		}
		got, _ = s.SyncSources(c, []news.Source{wire, html})
		if names(got) != "wire board" {
			t.Errorf("listed again: %s", names(got))
		}
	})

	t.Run("imported sources are added once and stay", func(t *testing.T) {
		n, err := s.ImportSources(c, []news.Source{{Name: "blog", URL: feedURL("blog")}, {Name: "wire again", URL: wire.URL}}, "opml")
		if err != nil || n != 1 {
			t.Fatalf("ImportSources = %d, %v; want 1 (one URL was known)", n, err)
		}
		got, err := s.SyncSources(c, []news.Source{wire})
		must(t, err)
		if names(got) != "wire blog" || got[1].Origin != "opml" || got[0].Name != "wire" || got[0].Origin != "config" {
			t.Errorf("sync after import: %+v; want the configured one, then the imported one", got)
		}
	})

	t.Run("failing sources first among the enabled, with article counts", func(t *testing.T) {
		s := b.Open(t)
		srcs := syncSources(t, s, "a", "b", "c")
		for range 3 {
			must(t, s.RecordFetch(c, srcs[2].ID, store.FetchOutcome{At: day, Err: errors.New("boom")}))
		}
		now := time.Now().UTC()
		fresh := article(srcs[0], "new", "Acme", 0)
		fresh.Fetched = now
		old := article(srcs[0], "old", "Acme", 0)
		old.Fetched = now.AddDate(0, 0, -30)
		save(t, s, fresh)
		save(t, s, old)
		syncSources(t, s, "a", "c") // b is dropped: disabled
		all, err := s.Sources(c)
		must(t, err)
		if names(all) != "c a b(off)" {
			t.Errorf("Sources = %s; want the failing one first, the disabled last", names(all))
		}
		if a := all[1]; a.ArticleCount != 2 || a.New7d != 1 {
			t.Errorf("source a: %d articles, %d new in 7 days; want 2 and 1", a.ArticleCount, a.New7d)
		}
	})
}

// testFetchState: each attempt's outcome is recorded on the source; a
// failure keeps the validators so that the next fetch stays conditional.
func testFetchState(t *testing.T, b Backend) {
	s := b.Open(t)
	c := ctx(t)
	src := syncSources(t, s, "wire")[0]
	if !src.LastSuccessAt.IsZero() || src.Fetches != 0 {
		t.Errorf("a new source: %+v", src)
	}
	id := src.ID
	at := day.Truncate(time.Second)
	type want struct {
		failures, fetches, notModified int
		etag, lastModified, lastError  string
		errKind, errPlain              string
	}
	const lm = "Mon, 02 Nov 2026 08:00:00 GMT"
	for _, step := range []struct {
		name string
		o    store.FetchOutcome
		want want
	}{
		{"a success stores the validators", store.FetchOutcome{ETag: `"v1"`, LastModified: lm}, want{0, 1, 0, `"v1"`, lm, "", "", ""}},
		{"a failure keeps them, counts, and is kept on one line", store.FetchOutcome{Err: errors.New("fetch: server answered 500\nInternal Server Error")},
			want{1, 2, 0, `"v1"`, lm, "fetch: server answered 500 Internal Server Error", "", ""}},
		{"a failure's kind and plain words are kept, on one line", store.FetchOutcome{Err: errors.New("timeout"), ErrKind: "transient",
			ErrPlain: "the site did not answer\nin time"}, want{2, 3, 0, `"v1"`, lm, "timeout", "transient", "the site did not answer in time"}},
		{"the next failure replaces them", store.FetchOutcome{Err: errors.New("fetch: server answered 404"), ErrKind: "permanent"},
			want{3, 4, 0, `"v1"`, lm, "fetch: server answered 404", "permanent", ""}},
		{"a failure's words before a 304", store.FetchOutcome{Err: errors.New("refused"), ErrKind: "transient", ErrPlain: "the site refused"},
			want{4, 5, 0, `"v1"`, lm, "refused", "transient", "the site refused"}},
		{"a 304 resets the failures, clears their words and keeps the validators", store.FetchOutcome{NotModified: true, ETag: `"ignored"`},
			want{0, 6, 1, `"v1"`, lm, "", "", ""}},
		{"a failure's words before a 200", store.FetchOutcome{Err: errors.New("timeout"), ErrKind: "transient", ErrPlain: "no answer"},
			want{1, 7, 1, `"v1"`, lm, "timeout", "transient", "no answer"}},
		{"a 200's validators replace both old ones, and it clears the failure's words", store.FetchOutcome{ETag: `"v2"`},
			want{0, 8, 1, `"v2"`, "", "", "", ""}},
	} {
		t.Run(step.name, func(t *testing.T) {
			step.o.At, step.o.NextCheckAt = at, at.Add(time.Hour)
			must(t, s.RecordFetch(c, id, step.o))
			all, err := s.Sources(c)
			must(t, err)
			src, w := all[0], step.want
			if src.ConsecutiveFailures != w.failures || src.Fetches != w.fetches || src.NotModified != w.notModified ||
				src.ETag != w.etag || src.LastModified != w.lastModified || src.LastError != w.lastError || !src.LastSuccessAt.Equal(at) ||
				src.LastErrorKind != w.errKind || src.LastErrorPlain != w.errPlain {
				t.Errorf("source %+v\nwant %+v", src, w)
			}
			if !src.LastAttemptAt.Equal(at) || !src.NextCheckAt.Equal(at.Add(time.Hour)) {
				t.Errorf("last attempt %v, next check %v; want %v and an hour later", src.LastAttemptAt, src.NextCheckAt, at)
			}
		})
	}
}

// testAttempts: an attempt that began and never ended (the process died)
// counts as a failure and a crash at the next start; the crashLimit-th in
// a row disables the source until EnableSource; an attempt ended on
// purpose, or finished, counts nothing.
func testAttempts(t *testing.T, b Backend) {
	s := b.Open(t)
	c := ctx(t)
	list := []news.Source{{Name: "a", URL: feedURL("a")}, {Name: "b", URL: feedURL("b")}, {Name: "c", URL: feedURL("c")}}
	srcs, err := s.SyncSources(c, list)
	must(t, err)
	a, bb, cc := srcs[0].ID, srcs[1].ID, srcs[2].ID
	var asked []int
	backoff := func(failures int) time.Duration {
		asked = append(asked, failures)
		return time.Duration(failures) * time.Hour
	}
	crash := func(limit int, ids ...int64) []store.Interrupted {
		t.Helper()
		for _, id := range ids {
			must(t, s.BeginAttempt(c, id, day))
		}
		got, err := s.RecoverInterrupted(c, day, backoff, limit)
		must(t, err)
		if again, _ := s.RecoverInterrupted(c, day, backoff, limit); len(again) != 0 {
			t.Errorf("recovered twice: %+v", again)
		}
		return got
	}
	// c's attempt is ended on purpose: never recovered.
	must(t, s.BeginAttempt(c, cc, day))
	must(t, s.EndAttempt(c, cc))
	if got := crash(3, a, bb); len(got) != 2 || got[0].ID != a || got[0].Name != "a" || got[0].Crashes != 1 || got[0].Disabled || got[1].Crashes != 1 {
		t.Fatalf("first crash: %+v", got)
	}
	if len(asked) != 2 || asked[0] != 1 {
		t.Errorf("back-off asked for %v failures; want 1 each", asked)
	}
	all, _ := s.Sources(c)
	for _, src := range all {
		want := day.Add(time.Hour)
		if src.ID == cc {
			want = time.Time{}
		}
		if !src.NextCheckAt.Equal(want) {
			t.Errorf("%s is next due at %v, want %v", src.Name, src.NextCheckAt, want)
		}
	}
	// b finishes an attempt, failing in words of its own: its count of
	// crashes starts again.
	must(t, s.BeginAttempt(c, bb, day))
	must(t, s.RecordFetch(c, bb, store.FetchOutcome{At: day, Err: errors.New("timeout"), ErrKind: "transient", ErrPlain: "no answer in time"}))
	if got := crash(3, a); len(got) != 1 || got[0].Crashes != 2 || got[0].Disabled {
		t.Fatalf("second crash: %+v", got)
	}
	if got := crash(3, a, bb); len(got) != 2 || got[0].Crashes != 3 || !got[0].Disabled || got[1].Crashes != 1 || got[1].Disabled {
		t.Fatalf("third crash: %+v", got)
	}
	srcs, _ = s.SyncSources(c, list)
	if srcs[0].Enabled || srcs[0].DisabledReason != store.CrashedReason || srcs[0].ConsecutiveFailures != 3 ||
		!strings.Contains(srcs[0].LastError, store.CrashedReason) || !srcs[1].Enabled {
		t.Fatalf("after the third crash, listed again: %+v", srcs)
	}
	if srcs[1].LastError == "timeout" || srcs[1].LastErrorKind != "" || srcs[1].LastErrorPlain != "" {
		t.Errorf("a crash after a failure kept the failure's kind or words: %+v", srcs[1])
	}
	if got := crash(0, bb); len(got) != 1 || got[0].Disabled || got[0].Crashes != 2 {
		t.Errorf("with no limit: %+v", got)
	}

	for _, tc := range []struct {
		name, nameOrURL string
		want            bool
	}{
		{"by name", "a", true},
		{"by URL", feedURL("a"), true},
		{"unknown", "nobody", false},
	} {
		ok, err := s.EnableSource(c, tc.nameOrURL)
		if err != nil || ok != tc.want {
			t.Errorf("EnableSource %s: %v, %v; want %v", tc.name, ok, err, tc.want)
		}
	}
	srcs, _ = s.SyncSources(c, list)
	if !srcs[0].Enabled || srcs[0].DisabledReason != "" || !srcs[0].NextCheckAt.IsZero() {
		t.Errorf("enabled again: %+v; want enabled and due now", srcs[0])
	}
	if got := crash(3, a); got[0].Crashes != 1 {
		t.Errorf("crashes after enabling: %+v; want the count forgotten", got)
	}
}

// testSourceByID: one source read by its ID carries the fetch state the
// last attempt left, which a queue worker reads before fetching; an ID
// that is not there is said so.
func testSourceByID(t *testing.T, b Backend) {
	s := b.Open(t)
	c := ctx(t)
	srcs := syncSources(t, s, "wire", "blog")
	id := srcs[1].ID
	must(t, s.RecordFetch(c, id, store.FetchOutcome{At: day, ETag: `"v2"`, LastModified: "Mon, 02 Nov 2026 08:00:00 GMT", NextCheckAt: day.Add(time.Hour)}))
	got, ok, err := s.Source(c, id)
	must(t, err)
	if !ok || got.ID != id || got.Name != "blog" || got.ETag != `"v2"` || got.LastModified != "Mon, 02 Nov 2026 08:00:00 GMT" ||
		!got.NextCheckAt.Equal(day.Add(time.Hour)) || !got.LastSuccessAt.Equal(day) {
		t.Fatalf("source %d after a fetch: %+v (found %v)", id, got, ok)
	}
	must(t, s.RecordFetch(c, id, store.FetchOutcome{At: day.Add(time.Hour), Err: errors.New("boom"), ErrKind: "permanent"}))
	if got, _, _ := s.Source(c, id); got.ConsecutiveFailures != 1 || got.LastErrorKind != "permanent" || got.ETag != `"v2"` {
		t.Fatalf("source %d after a failure: %+v", id, got)
	}
	if _, ok, err := s.Source(c, id+1000); err != nil || ok {
		t.Fatalf("a source that is not there: found %v, err %v", ok, err)
	}
}
