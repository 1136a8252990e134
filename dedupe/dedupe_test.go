package dedupe_test

import (
	"math/bits"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/aitracker/aitracker/dedupe"
	"github.com/aitracker/aitracker/demo"
	"github.com/aitracker/aitracker/ingest"
	"github.com/aitracker/aitracker/ingest/feed"
	"github.com/aitracker/aitracker/news"
)

func TestKey(t *testing.T) {
	cases := []struct {
		name       string
		a, b       [3]string // guid, canonical URL, title
		wantSame   bool
		wantPrefix string
	}{
		{"one GUID shared by two URLs", [3]string{"g", "https://a/1", "T"}, [3]string{"g", "https://a/2", "T"}, false, "g|"},
		{"same GUID and URL, new title", [3]string{"g", "https://a/1", "T"}, [3]string{"g", "https://a/1", "T2"}, true, "g|"},
		{"URL without GUID", [3]string{"", "https://a/1", "T"}, [3]string{"", "https://a/2", "T"}, false, "|https://a/1"},
		{"title keys ignore case and spacing", [3]string{"", "", "Same  Title"}, [3]string{"", "", "same title"}, true, "title:"},
		{"different titles", [3]string{"", "", "One"}, [3]string{"", "", "Two"}, false, "title:"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ka, kb := dedupe.Key(tc.a[0], tc.a[1], tc.a[2]), dedupe.Key(tc.b[0], tc.b[1], tc.b[2])
			if (ka == kb) != tc.wantSame {
				t.Errorf("Key(%q) = %q, Key(%q) = %q; same = %v, want %v", tc.a, ka, tc.b, kb, ka == kb, tc.wantSame)
			}
			if !strings.HasPrefix(ka, tc.wantPrefix) {
				t.Errorf("Key(%q) = %q, want prefix %q", tc.a, ka, tc.wantPrefix)
			}
		})
	}
}

func TestContentHash(t *testing.T) {
	base := news.Article{URL: "https://a.example/1", Title: "T", Summary: "S", Body: "B", BodySource: "feed",
		Published: time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC), Lang: "en"}
	cases := []struct {
		name     string
		edit     func(a *news.Article)
		wantSame bool
	}{
		{"URL", func(a *news.Article) { a.URL += "?x" }, false},
		{"title", func(a *news.Article) { a.Title = "T2" }, false},
		{"summary", func(a *news.Article) { a.Summary = "S2" }, false},
		{"feed body", func(a *news.Article) { a.Body = "B2" }, false},
		{"date", func(a *news.Article) { a.Published = a.Published.Add(time.Second) }, false},
		{"fields moved across the separator", func(a *news.Article) { a.Title, a.Summary = "TS", "" }, false},
		{"language and tags are not the source's words", func(a *news.Article) { a.Lang, a.Tags.Primary = "zh", "Acme" }, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			a := base
			tc.edit(&a)
			if same := dedupe.ContentHash(&a) == dedupe.ContentHash(&base); same != tc.wantSame {
				t.Errorf("same hash = %v, want %v", same, tc.wantSame)
			}
		})
	}
	// The same teaser item after its page was read: the page's text is
	// not what the source said, so the item does not look changed.
	teaser, read := base, base
	teaser.Body, teaser.BodySource = "", ""
	read.Body, read.BodySource = "The page's text.", "page"
	if dedupe.ContentHash(&teaser) != dedupe.ContentHash(&read) {
		t.Error("text read from the page changed the content hash")
	}
	// An item with no date is stamped with the time it was read: reading
	// the same item an hour later is not a change.
	first, later := base, base
	first.PublishedEstimated, later.PublishedEstimated = true, true
	later.Published = first.Published.Add(time.Hour)
	if dedupe.ContentHash(&first) != dedupe.ContentHash(&later) {
		t.Error("the time a dateless item was read changed its content hash")
	}
}

func TestSimHash(t *testing.T) {
	story := "Acme Robotics, which builds warehouse picking arms, said on Tuesday it had raised $40 million in a Series B round led by Sequoia Capital. The Boston company will use the money to hire engineers and open a second factory, its chief executive said in an interview."
	zh := "智谱宣布完成新一轮30亿元人民币融资，本轮由红杉中国领投，高瓴资本跟投。公司表示，资金将用于下一代基座模型研发和算力建设，并加快企业级产品的商业化落地。"
	cases := []struct {
		name     string
		a, b     string
		min, max int // bounds on the distance
	}{
		{"a lightly edited copy", story, story[:len(story)-1] + " with Reuters.", 0, dedupe.NearDuplicateBits},
		{"a lightly edited Chinese copy", zh, strings.Replace(zh, "产品的", "产品", 1), 0, dedupe.NearDuplicateBits},
		{"case and punctuation do not count", story, strings.ToUpper(strings.ReplaceAll(story, ",", "")), 0, 0},
		{"two different stories", story, "Zhipu AI released a new open-weight model on Monday, saying it beats larger rivals on coding and reasoning benchmarks while costing a fraction to run; the Beijing lab plans to offer it through its API next month and to customers in Europe later this year.", 17, 64},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ha, hb := dedupe.SimHash(tc.a), dedupe.SimHash(tc.b)
			if ha == 0 || hb == 0 {
				t.Fatalf("no fingerprint: %x %x", ha, hb)
			}
			if d := bits.OnesCount64(ha ^ hb); d < tc.min || d > tc.max {
				t.Errorf("distance %d, want %d–%d", d, tc.min, tc.max)
			}
		})
	}
	for _, short := range []string{"", "Acme raises $40M", "智谱融资"} {
		if h := dedupe.SimHash(short); h != 0 {
			t.Errorf("SimHash(%q) = %x; a text too short to judge has none", short, h)
		}
	}
}

func TestFingerprintIgnoresHeadline(t *testing.T) {
	lead := "Acme Robotics, which builds warehouse picking arms, said on Tuesday it had raised $40 million in a Series B round led by Sequoia Capital."
	a := news.Article{Title: "Acme Robotics raises $40M", Summary: lead, Body: "The Boston company will use the money to hire engineers and open a second factory."}
	b := a
	b.Title = "Warehouse robot maker lands Series B"
	if dedupe.Fingerprint(&a) != dedupe.Fingerprint(&b) || dedupe.Fingerprint(&a) == 0 {
		t.Errorf("a rewritten headline changed the fingerprint (or there is none): %x %x", dedupe.Fingerprint(&a), dedupe.Fingerprint(&b))
	}
	b.Body = ""
	if dedupe.Fingerprint(&a) == dedupe.Fingerprint(&b) {
		t.Error("the body is not part of the fingerprint")
	}
}

func FuzzSimHash(f *testing.F) {
	for _, s := range []string{"", "Acme raises $40M", "智谱宣布完成新一轮30亿元人民币融资，本轮由红杉中国领投。", "a b c d e f g h i j k l m n o p q r s t u v w x y z a b c", "\xff\xfe invalid utf-8 \x80"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		h := dedupe.SimHash(s)
		if h != dedupe.SimHash(s) {
			t.Fatal("not deterministic")
		}
		if q := (dedupe.Query{SimHash: h}); h != 0 && !q.Near(h) {
			t.Fatal("a fingerprint is not near itself")
		}
	})
}

// TestBandsOf: the bands cover every bit once, and by the pigeonhole
// principle two fingerprints within 6 bits share a band.
func TestBandsOf(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		h := rng.Uint64()
		b := dedupe.BandsOf(h)
		var back uint64
		for i := range dedupe.NumBands - 1 {
			back |= uint64(b[i]) << (9 * uint(i))
		}
		back |= uint64(b[dedupe.NumBands-1]) << 54
		if back != h {
			t.Fatalf("bands of %x put back give %x", h, back)
		}
		other := h
		for _, bit := range rng.Perm(64)[:rng.IntN(7)] {
			other ^= 1 << uint(bit)
		}
		shared := false
		for i, v := range dedupe.BandsOf(other) {
			shared = shared || v == b[i]
		}
		if !shared {
			t.Fatalf("%x and %x, %d bits apart, share no band", h, other, bits.OnesCount64(h^other))
		}
	}
}

func TestQueryNear(t *testing.T) {
	const h = 0xdeadbeefcafef00d
	flip := func(n int) uint64 { return h ^ (1<<uint(n) - 1) } // n low bits flipped
	cases := []struct {
		name string
		q    dedupe.Query
		cand uint64
		want bool
	}{
		{"itself", dedupe.Query{SimHash: h}, h, true},
		{"at the limit", dedupe.Query{SimHash: h}, flip(dedupe.NearDuplicateBits), true},
		{"one bit past it", dedupe.Query{SimHash: h}, flip(dedupe.NearDuplicateBits + 1), false},
		{"a candidate without a fingerprint", dedupe.Query{SimHash: h}, 0, false},
		{"a query without a fingerprint", dedupe.Query{}, 0, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.q.Near(tc.cand); got != tc.want {
				t.Errorf("Near(%x) = %v, want %v", tc.cand, got, tc.want)
			}
		})
	}
}

func TestFor(t *testing.T) {
	at := time.Date(2026, 11, 10, 12, 0, 0, 0, time.UTC)
	a := news.Article{SourceID: 3, URL: "https://a.example/1", SimHash: 0xabc, Published: at}
	q := dedupe.For(&a)
	if q.SourceID != 3 || q.URL != a.URL || q.SimHash != 0xabc || q.Bands != dedupe.BandsOf(0xabc) || !q.ByText() {
		t.Errorf("query %+v", q)
	}
	if !q.From.Equal(at.Add(-dedupe.Window)) || !q.To.Equal(at.Add(dedupe.Window)) {
		t.Errorf("window %v – %v around %v", q.From, q.To, at)
	}
	if (dedupe.Query{}).ByText() || dedupe.For(&news.Article{}).ByText() {
		t.Error("a query without a fingerprint looks for text")
	}
}

// TestSampleItems checks the figures NearDuplicateBits is chosen by, on
// the bundled sample feeds: no two different items are within it, and
// most copies with a sentence added, punctuation changed or the last
// tenth cut are.
func TestSampleItems(t *testing.T) {
	now := time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC)
	var arts []news.Article
	for _, f := range []string{"ai-wire.rss.xml", "deal-desk.atom.xml", "zhineng-kuaibao.rss.xml", "lab-notes.feed.json"} {
		b, err := demo.Render(f, "http://127.0.0.1:1", now)
		if err != nil {
			t.Fatal(err)
		}
		fd, err := feed.Parse(b, "", "http://127.0.0.1:1/")
		if err != nil {
			t.Fatal(err)
		}
		for _, it := range fd.Items {
			arts = append(arts, ingest.Article(news.Source{ID: 1}, it, "", now))
		}
	}
	closest, pairs := 64, 0
	for i := range arts {
		hi := dedupe.Fingerprint(&arts[i])
		for j := i + 1; j < len(arts); j++ {
			hj := dedupe.Fingerprint(&arts[j])
			if hi == 0 || hj == 0 {
				t.Fatalf("sample item without a fingerprint: %q or %q", arts[i].Title, arts[j].Title)
			}
			pairs++
			closest = min(closest, bits.OnesCount64(hi^hj))
		}
	}
	if closest <= dedupe.NearDuplicateBits || pairs < 1000 {
		t.Errorf("the closest of %d pairs of different items is %d bits apart; NearDuplicateBits is %d", pairs, closest, dedupe.NearDuplicateBits)
	}
	var copies, near, farthest int
	for _, a := range arts {
		text := a.Summary + "\n" + a.Body
		rs := []rune(text)
		for _, c := range []string{
			text + " The company declined to comment further on the matter.",
			strings.NewReplacer(",", "", ";", ",", "—", "-").Replace(text),
			string(rs[:len(rs)*9/10]),
		} {
			d := bits.OnesCount64(dedupe.SimHash(text) ^ dedupe.SimHash(c))
			copies++
			farthest = max(farthest, d)
			if d <= dedupe.NearDuplicateBits {
				near++
			}
		}
	}
	if near*100 < copies*90 || farthest >= closest {
		t.Errorf("%d of %d copies within %d bits, the farthest %d bits away (different items: %d or more)", near, copies, dedupe.NearDuplicateBits, farthest, closest)
	}
	t.Logf("%d pairs of different items, the closest %d bits apart; %d of %d copies within %d bits, the farthest %d", pairs, closest, near, copies, dedupe.NearDuplicateBits, farthest)
}
