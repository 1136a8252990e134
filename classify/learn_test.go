package classify

import (
	"strings"
	"testing"

	"github.com/aitracker/aitracker/news"
)

func TestLearns(t *testing.T) {
	tests := []struct {
		name     string
		articles int
		layer    news.Layer
		want     bool
	}{
		{"Quillnote", 2, news.LayerNone, true},
		{"Quillnote", 1, news.LayerApplication, true},
		{"Quillnote", 1, news.LayerNone, false}, // once, in a story of no layer: not yet
		{"Quillnote", 1, "", false},
		{"云栈科技", 2, news.LayerNone, true},
		{"半年", 5, news.LayerModel, false},        // two Han characters are as often a word
		{"quillnote", 3, news.LayerModel, false}, // not written as a name
		{"Acme, Quillnote", 3, news.LayerModel, false},
		{"The Very Long Name Of A Thing", 3, news.LayerModel, false},
		{"", 3, news.LayerModel, false},
	}
	for _, tt := range tests {
		if got := Learns(tt.name, tt.articles, tt.layer); got != tt.want {
			t.Errorf("Learns(%q, %d, %q) = %v, want %v", tt.name, tt.articles, tt.layer, got, tt.want)
		}
	}
}

// TestLearner: the tags of earlier articles teach the classifier a name no
// list knows, in the layer of the story it was primary in and in the form
// the text wrote it ("云栈科技" for Yunzhan Technology); a later headline
// too thin for the rules alone is then tagged with it. The near misses: the
// same headline before learning, a name the taxonomy already has, and a
// learnt name that is an ordinary word, which needs context.
func TestLearner(t *testing.T) {
	c := testClassifier(t)
	var l Learner
	for _, in := range []Input{
		{Title: "Quillnote raises $20M Series A for its contract-review agents", Summary: "The legal AI startup's agents redline NDAs for in-house teams."},
		{Title: "「云栈科技」完成2亿元A轮融资", Summary: "云栈科技是一家AI运维智能体公司，本轮由某资本领投。", Lang: "zh"},
		{Title: "OpenAI raises $40 billion", Summary: ""},
	} {
		l.Observe(c.Classify(in))
	}
	learned := l.Companies()
	names := map[string]LearnedCompany{}
	for _, lc := range learned {
		names[lc.Name] = lc
	}
	if lc := names["Quillnote"]; lc.Layer != news.LayerApplication {
		t.Errorf("Quillnote learnt as %+v, want layer application", lc)
	}
	if lc := names["Yunzhan Technology"]; len(lc.Written) == 0 || lc.Written[0] != "云栈科技" {
		t.Errorf("Yunzhan Technology learnt as %+v, want written 云栈科技", lc)
	}
	if _, ok := names["OpenAI"]; ok {
		t.Errorf("OpenAI, which the taxonomy knows, was learnt")
	}
	thin := []Input{
		{Title: "Why lawyers keep asking about Quillnote", Summary: "Three general counsels explain what changed in their review work."},
		{Title: "深度｜云栈科技的下一步", Summary: "一位投资人说，云栈科技正在招聘海外销售。", Lang: "zh"},
	}
	for _, in := range thin {
		if got := c.Classify(in); got.Primary != "" {
			t.Fatalf("%q before learning: primary %q, want none", in.Title, got.Primary)
		}
	}
	// (A name that is a word, learnt as a store's candidate can be.)
	// ("Nordic AI", a misreading a people's adjective opens, is not learnt.)
	lc, err := c.WithLearned(append(learned, LearnedCompany{Name: "Harbor", Layer: news.LayerApplication},
		LearnedCompany{Name: "Nordic AI", Layer: news.LayerModel}))
	if err != nil {
		t.Fatal(err)
	}
	if lc.Learned() != len(learned)+1 || !strings.HasPrefix(lc.Version(), c.Version()+"+") {
		t.Errorf("learnt %d of %d, version %q", lc.Learned(), len(learned)+1, lc.Version())
	}
	for i, want := range []string{"Quillnote", "Yunzhan Technology"} {
		got := lc.Classify(thin[i])
		if got.Primary != want || got.Layer != news.LayerApplication {
			t.Errorf("%q: primary %q layer %s, want %s, application", thin[i].Title, got.Primary, got.Layer, want)
		}
		if len(got.Companies) == 0 || got.Companies[0].Known {
			t.Errorf("%q: companies %+v, want a candidate (known false)", thin[i].Title, got.Companies)
		}
	}
	// "Harbor" is a word: alone it names nothing, beside its people it is
	// the company.
	if got := lc.Classify(Input{Title: "Harbor fees rise as storms close two ports"}); got.Primary != "" {
		t.Errorf("the word harbor: primary %q, want none", got.Primary)
	}
	if got := lc.Classify(Input{Title: "Harbor CEO says the startup will not raise again this year"}); got.Primary != "Harbor" {
		t.Errorf("Harbor's CEO: primary %q, want Harbor", got.Primary)
	}
	// Learning again starts from the taxonomy, not from what was learnt.
	again, err := lc.WithLearned(learned[:1])
	if err != nil || again.Learned() != 1 {
		t.Errorf("learning again: %d learnt, %v; want 1", again.Learned(), err)
	}
	if same, _ := c.WithLearned(nil); same != c {
		t.Errorf("learning nothing made a new classifier")
	}
}

// TestLearnedLayerFromName: a learnt company whose name ends on a word of
// one layer's business ("Halcyon Compute", "川穹算力") takes that layer, whatever
// earlier stories made of it; the near miss, a name that says no layer,
// keeps the layer it was learnt in.
func TestLearnedLayerFromName(t *testing.T) {
	c := testClassifier(t)
	lc, err := c.WithLearned([]LearnedCompany{
		{Name: "Halcyon Compute", Layer: news.LayerModel},
		{Name: "Cadence Labs", Layer: news.LayerApplication},
		{Name: "Chuanqiong Compute", Written: []string{"川穹算力"}, Layer: news.LayerModel},
		{Name: "Chuanqiong Intelligence", Written: []string{"川穹智能"}, Layer: news.LayerModel},
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		title string
		want  news.Layer
	}{
		{"Inside Halcyon Compute's race to find power", news.LayerInfrastructure},
		{"Inside Cadence Labs' race to find customers", news.LayerApplication},
		{"「川穹算力」创始人：明年不考虑上市", news.LayerInfrastructure},
		{"「川穹智能」创始人：明年不考虑上市", news.LayerModel},
	} {
		if got := lc.Classify(Input{Title: tt.title}); got.Layer != tt.want {
			t.Errorf("%q: layer %s, want %s", tt.title, got.Layer, tt.want)
		}
	}
}

// TestLearnedShortName: a learnt name with a firm's ending ("Nimbic
// Compute") is also read without it where a company is about ("Nimbic's
// IPO"); the near miss, the short name where nothing says a company is
// meant, names none.
func TestLearnedShortName(t *testing.T) {
	c := testClassifier(t)
	lc, err := c.WithLearned([]LearnedCompany{{Name: "Nimbic Compute", Layer: news.LayerInfrastructure}})
	if err != nil {
		t.Fatal(err)
	}
	if got := lc.Classify(Input{Title: "Nimbic sets IPO price range, seeking up to $690 million"}); got.Primary != "Nimbic Compute" {
		t.Errorf("with a company about: primary %q, want Nimbic Compute", got.Primary)
	}
	if got := lc.Classify(Input{Title: "Nimbic weather: clouds over the bay all week"}); got.Primary != "" {
		t.Errorf("with no company about: primary %q, want none", got.Primary)
	}
}

// TestLearnedKeepsPeople: a classifier with learnt companies still reads a
// company's person acting in a headline as the company, and never learns
// the person as a company of its own; a quoted person names none.
func TestLearnedKeepsPeople(t *testing.T) {
	c := testClassifier(t)
	lc, err := c.WithLearned([]LearnedCompany{
		{Name: "Nimbic Compute", Layer: news.LayerInfrastructure},
		{Name: "Jensen Huang", Layer: news.LayerInfrastructure},
	})
	if err != nil {
		t.Fatal(err)
	}
	if lc.Learned() != 1 {
		t.Errorf("learnt %d companies, want 1 (a company's person is none)", lc.Learned())
	}
	for _, cl := range []*Classifier{c, lc} {
		if got := cl.Classify(Input{Title: "Jensen Huang unveils Vera Rubin Ultra at GTC"}); got.Primary != "Nvidia" {
			t.Errorf("acting: primary %q, want Nvidia", got.Primary)
		}
		if got := cl.Classify(Input{Title: "Jensen Huang says AI will create more jobs"}); got.Primary != "" {
			t.Errorf("quoted: primary %q, want none", got.Primary)
		}
	}
}

func TestLearnable(t *testing.T) {
	tests := []struct {
		name string
		want bool
	}{
		{"Cadenza Health", true},
		{"Ìmọ̀ Health", true}, // a capital of another Latin alphabet
		{"Åsa Robotics", true},
		{"4Paradigm", true},
		{"health startup", false}, // lower case: a descriptor, not a name
		{"Acme: a review", false},
		{"智谱", false}, // two Han characters are as often a word
		{"深瞳智算", true},
	}
	for _, tt := range tests {
		if got := learnable(tt.name); got != tt.want {
			t.Errorf("learnable(%q) = %v, want %v", tt.name, got, tt.want)
		}
	}
}
