package classify

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/aitracker/aitracker/config"
	"github.com/aitracker/aitracker/news"
)

var update = flag.Bool("update", false, "rewrite golden files")

func testClassifier(t testing.TB) *Classifier {
	t.Helper()
	tax, err := config.LoadDefaultTaxonomy()
	if err != nil {
		t.Fatal(err)
	}
	c, err := New(tax)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// outcome is the part of the tags a golden file pins down; the trail is
// checked separately, so that rewording a rule does not churn every file.
type outcome struct {
	Companies []string       `json:"companies"`
	Primary   string         `json:"primary_company"`
	Layer     news.Layer     `json:"layer"`
	EventType news.EventType `json:"event_type"`
	Status    news.Status    `json:"status"`
	Fields    news.Fields    `json:"fields"`
}

// TestGolden classifies testdata/<case>/article.json and compares with
// want.json; -update rewrites them after a reviewed rule change.
func TestGolden(t *testing.T) {
	c := testClassifier(t)
	dirs, _ := filepath.Glob("testdata/*/article.json")
	if len(dirs) == 0 {
		t.Fatal("no golden cases")
	}
	for _, path := range dirs {
		dir := filepath.Dir(path)
		t.Run(filepath.Base(dir), func(t *testing.T) {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			var in Input
			if err := json.Unmarshal(data, &in); err != nil {
				t.Fatal(err)
			}
			tags := c.Classify(in)
			got := outcome{Companies: tags.CompanyNames(), Primary: tags.Primary, Layer: tags.Layer,
				EventType: tags.EventType, Status: tags.Status, Fields: tags.Fields}
			b, _ := json.MarshalIndent(got, "", "  ")
			b = append(b, '\n')
			wantPath := filepath.Join(dir, "want.json")
			if *update {
				os.WriteFile(wantPath, b, 0o644)
				return
			}
			want, err := os.ReadFile(wantPath)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if !bytes.Equal(want, b) {
				t.Errorf("got\n%s\nwant\n%s", b, want)
			}
			checkTrail(t, in, tags)
		})
	}
}

// checkTrail: every decision about the result is in the trail, and every
// piece of evidence points at the text it quotes.
func checkTrail(t *testing.T, in Input, tags news.Tags) {
	t.Helper()
	parts := map[string]string{"title": in.Title, "summary": in.Summary, "body": in.Body}
	decided := map[string]bool{}
	for _, d := range tags.Trail {
		decided[d.What] = true
		for _, ev := range d.Evidence {
			if ev.Text == "" && ev.Part == "" {
				continue
			}
			text := parts[ev.Part]
			if ev.Start < 0 || ev.End > len(text) || ev.Start > ev.End || text[ev.Start:ev.End] != ev.Text {
				t.Errorf("evidence %+v does not point into the %s %q", ev, ev.Part, text)
			}
		}
	}
	for _, what := range []string{"event_type", "status", "primary_company", "layer"} {
		if !decided[what] {
			t.Errorf("no %s decision in the trail", what)
		}
	}
	for _, name := range tags.CompanyNames() {
		found := false
		for _, d := range tags.Trail {
			if d.What == "company" && d.Value == name {
				found = true
			}
		}
		if !found {
			t.Errorf("company %s has no trail entry", name)
		}
	}
}

func TestDeterministic(t *testing.T) {
	c := testClassifier(t)
	in := Input{Title: "Moonshot AI raises $1 billion led by Alibaba", Summary: "月之暗面完成超10亿美元融资，阿里巴巴领投，腾讯跟投。"}
	first := c.Classify(in)
	for range 5 {
		if again := c.Classify(in); !reflect.DeepEqual(first, again) {
			t.Fatal("two classifications of one text differ")
		}
	}
}

func TestAmounts(t *testing.T) {
	lex := testClassifier(t).lex
	tests := []struct {
		text     string
		value    float64
		currency string
	}{
		{"raises $1.3 billion", 1.3e9, "USD"},
		{"raised US$676M in new funding", 676e6, "USD"},
		{"a €105m seed round", 105e6, "EUR"},
		{"a 1.2 billion yuan round", 1.2e9, "CNY"},
		{"HK$4.8 billion IPO", 4.8e9, "HKD"},
		{"£38m move", 38e6, "GBP"},
		{"$25,000,000 round", 25e6, "USD"},
		{"完成13亿美元融资", 13e8, "USD"},
		{"完成5000万元天使轮融资", 5e7, "CNY"},
		{"1.22亿元人民币", 1.22e8, "CNY"},
		{"3300万港元", 3.3e7, "HKD"},
		{"近10亿元新一轮融资", 1e9, "CNY"},
		{"完成数亿元A轮融资", 0, "CNY"},
		{"数千万美元", 0, "USD"},
		{"closes a C$55-million Series B", 55e6, "CAD"},
		{"raises ¥2.4 billion to build Japanese LLMs", 2.4e9, "JPY"},
		{"near miss: raises ¥2.4 billion to build Chinese LLMs", 2.4e9, "CNY"},
		{"获¥3亿元融资", 3e8, "CNY"},
		{"raises R85 million to expand AI radiology", 85e6, "ZAR"},
		{"a Rabat startup raises 30 million dirhams", 30e6, "MAD"},
		{"an Abu Dhabi lab raises 30 million dirhams", 30e6, "AED"},
		{"raises 12 million Moroccan dirhams", 12e6, "MAD"},
		{"leads Rp 150 billion Series A", 150e9, "IDR"},
		{"a ₦2 billion seed", 2e9, "NGN"},
		{"a 3.2 billion rupiah grant", 3.2e9, "IDR"},
		{"完成100亿韩元B轮融资", 1e10, "KRW"},
		{"获5000万新加坡元投资", 5e7, "SGD"},
	}
	for _, tc := range tests {
		a, ok := lex.findAmount(tc.text)
		if !ok || a.value != tc.value || a.currency != tc.currency {
			t.Errorf("findAmount(%q) = %v %s (%v), want %v %s", tc.text, a.value, a.currency, ok, tc.value, tc.currency)
		}
	}
	for _, text := range []string{
		"no money here, 2026 and 70B parameters",
		"DeepSeek R1 tops the charts", // a scaled sign's letter before a bare number
		"R2 beats R1 on 3 of 5 benchmarks",
	} {
		if a, ok := lex.findAmount(text); ok {
			t.Errorf("findAmount(%q) = %v %s, want none", text, a.value, a.currency)
		}
	}
}

// TestToUSD: an amount converts at the rate of its year in the
// taxonomy's table, the nearest year outside it, the last for no date.
func TestToUSD(t *testing.T) {
	lex := testClassifier(t).lex
	day := func(y int) time.Time { return time.Date(y, 6, 1, 0, 0, 0, 0, time.UTC) }
	tests := []struct {
		name     string
		currency string
		date     time.Time
		want     float64
	}{
		{"a year in the table", "CNY", day(2023), 141_200},
		{"before the table", "CNY", day(2019), 155_000},
		{"after the table", "EUR", day(2031), 1_160_000},
		{"no date", "EUR", time.Time{}, 1_160_000},
		{"dollars", "USD", day(2022), 1_000_000},
		{"a currency with no rate", "XYZ", day(2024), 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := lex.toUSD(1_000_000, tc.currency, tc.date); got != tc.want {
				t.Errorf("toUSD(1e6 %s, %s) = %v, want %v", tc.currency, tc.date.Format("2006"), got, tc.want)
			}
		})
	}
}

func TestRounds(t *testing.T) {
	lex := testClassifier(t).lex
	tests := map[string]string{
		"Series A": "series_a", "series B+ round": "series_b", "Pre-Series C": "series_c", "a seed round": "seed",
		"pre-seed": "pre-seed", "angel round": "seed", "Series G": "growth", "strategic investment": "strategic",
		"天使轮": "seed", "天使+轮": "seed", "Pre-A轮": "series_a", "A+轮": "series_a", "B轮": "series_b",
		"种子轮": "seed", "战略融资": "strategic", "D轮": "series_d", "a $20M strategic round": "strategic",
		"in strategic funding": "strategic",
	}
	for in, want := range tests {
		if got, _, ok := lex.findRound(in); !ok || got != want {
			t.Errorf("findRound(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	// "strategic" alone is no round: a partnership, a review, a plan.
	for _, in := range []string{"Announces Strategic Partnership With Siemens", "a strategic review of its chip unit"} {
		if got, _, ok := lex.findRound(in); ok {
			t.Errorf("findRound(%q) = %q, want no round", in, got)
		}
	}
}

func TestSentences(t *testing.T) {
	text := "Acme raised $1.3 billion. It was led by U.S. firm Sequoia. 智谱完成融资。下一句！End of a lead cut off… Subscribe … to read more"
	var got []string
	for _, s := range testClassifier(t).lex.sentences(text) {
		got = append(got, strings.TrimSpace(text[s[0]:s[1]]))
	}
	want := []string{"Acme raised $1.3 billion.", "It was led by U.S. firm Sequoia.", "智谱完成融资。", "下一句！", "End of a lead cut off…", "Subscribe … to read more"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("sentences = %q", got)
	}
}

// TestModifierComma: a comma between a term and a sum that modify one noun
// parts no clause; any other comma does.
func TestModifierComma(t *testing.T) {
	tests := []struct {
		text string
		want bool
	}{
		{"signs five-year, $3bn GPU capacity deal", true},
		{"inks a multiyear, $1 billion contract", true},
		{"a 10-year, 20 billion yuan lease", true},
		{"signs five-year, exclusive deal", false},   // no sum after it
		{"Founded five years ago, $5M later", false}, // no term before it
		{"raises $1,500,000", false},                 // a number's comma
	}
	for _, tt := range tests {
		i := strings.IndexByte(tt.text, ',')
		if got := modifierComma(tt.text, i); got != tt.want {
			t.Errorf("modifierComma(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}

// TestTaxonomyCues: what only the classifier reads, the cue phrases and
// the argument kinds, is checked when it is built. The loading checks are
// config's (config/taxonomy_test.go).
func TestTaxonomyCues(t *testing.T) {
	base := config.NamedFile{Name: "base.yaml", Data: []byte(`
layers:
  - {id: model, name: Model, cues: {en: [LLM]}}
companies:
  - name: Acme AI
    aliases: [Acme]
    layers: [model]
`)}
	tests := []struct {
		name string
		yaml string
		want []string
	}{
		{"bad cue weight", `
event_types:
  - {id: funding, frames: [{id: f.raise, predicates: {en: ["raises=0"]}}]}
`, []string{`bad cue "raises=0"`}},
		{"empty cue", `
layers:
  - {id: model, name: Model, cues: {zh: ["^"]}}
`, []string{`taxonomy: layers model: bad cue "^"`}},
		{"unknown argument kind", `
event_types:
  - {id: funding, frames: [{id: f.raise, predicates: {en: ["raises"]}, object: [moolah]}]}
`, []string{`frame f.raise: object: unknown kind "moolah"`}},
		{"unknown noun kind", `
arguments:
  moolah: {en: [cash]}
`, []string{`taxonomy: arguments: unknown kind "moolah"`}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tax, err := config.LoadTaxonomy(base, config.NamedFile{Name: "extra.yaml", Data: []byte(tc.yaml)})
			if err != nil {
				t.Fatalf("the loader rejects what the classifier should judge: %v", err)
			}
			_, err = New(tax)
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error\n%v\ndoes not contain\n%s", err, w)
				}
			}
		})
	}
	tax, err := config.LoadTaxonomy(base)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := New(tax); err != nil {
		t.Errorf("base: %v", err)
	}
}

func FuzzClassify(f *testing.F) {
	dirs, _ := filepath.Glob("testdata/*/article.json")
	for _, p := range dirs {
		data, _ := os.ReadFile(p)
		var in Input
		json.Unmarshal(data, &in)
		f.Add(in.Title, in.Summary)
	}
	// A sum whose span runs past the phrase it stands in once sliced a
	// phrase backwards.
	f.Add("Series A of ₹180 crore raised by Pune's Lumora Labs", "Hers raises $40 million")
	// A clause that ends at the comma inside a sum ("€48,500") leaves
	// the sum running past the phrase.
	f.Add("Quill S arrives", "Dealers take orders from €48,500.")
	// A colon in a sentence before the one of a release still to come
	// once sliced the speaker backwards; so did a clause that opens
	// before its sentence.
	f.Add("Acme: update. Lumen 5 will launch next month", "Acme。Lumen 5 将于下月发布")
	// A name whose period ends a sentence ("T. Rowe Price") once ran past
	// the clause that holds its start.
	f.Add("Lumora raises $400 million", "Lumora raised $400 million in a round led by Fidelity, with T. Rowe Price and Coatue participating, ahead of a listing.")
	c := testClassifier(f)
	f.Fuzz(func(t *testing.T, title, summary string) {
		start := time.Now()
		tags := c.Classify(Input{Title: title, Summary: summary, Body: summary})
		// A second per input is a finding under go test -fuzz; the seeds
		// of a plain go test are not timed, as load can slow them by any
		// factor.
		took := time.Since(start)
		if fuzzing := flag.Lookup("test.fuzz").Value.String() != ""; fuzzing && took > time.Second {
			t.Fatalf("took %s", took)
		}
		parts := map[string]string{"title": title, "summary": summary, "body": summary}
		for _, d := range tags.Trail {
			for _, ev := range d.Evidence {
				if ev.Part == "" {
					continue
				}
				text := parts[ev.Part]
				if ev.Start < 0 || ev.End > len(text) || ev.Start > ev.End || text[ev.Start:ev.End] != ev.Text {
					t.Fatalf("evidence %+v outside its text", ev)
				}
			}
		}
		// Each part on its own: two invalid halves can join into a valid
		// sequence. From valid input, every string of the tags (names,
		// fields, the trail and its evidence) is valid UTF-8.
		if utf8.ValidString(title) && utf8.ValidString(summary) {
			eachString(reflect.ValueOf(tags), "tags", func(path, s string) {
				if !utf8.ValidString(s) {
					t.Fatalf("%s %q is not valid UTF-8", path, s)
				}
			})
		}
	})
}

// eachString calls f with every string reachable from v, and its path.
func eachString(v reflect.Value, path string, f func(path, s string)) {
	switch v.Kind() {
	case reflect.String:
		f(path, v.String())
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			eachString(v.Elem(), path, f)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				eachString(v.Field(i), path+"."+v.Type().Field(i).Name, f)
			}
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			eachString(v.Index(i), fmt.Sprintf("%s[%d]", path, i), f)
		}
	case reflect.Map:
		iter := v.MapRange()
		for iter.Next() {
			eachString(iter.Key(), path+" key", f)
			eachString(iter.Value(), fmt.Sprintf("%s[%v]", path, iter.Key()), f)
		}
	}
}

// TestWordsAreData: the words and rates the rules read come from the
// taxonomy it is given; a file that changes a list or a rate changes the
// tags, with no change to the code.
func TestWordsAreData(t *testing.T) {
	date := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name  string
		own   string
		in    Input
		check func(def, own news.Fields) string
	}{
		{"a rate", `
usd_per_unit:
  2026: {USD: 1, EUR: 2}
`, Input{Title: "Acme AI raises €10 million seed round", Date: date},
			func(def, own news.Fields) string {
				if def.AmountUSD == 0 || own.AmountUSD != 20_000_000 {
					return "amount_usd default " + ftoa(def.AmountUSD) + ", with EUR at 2: " + ftoa(own.AmountUSD)
				}
				return ""
			}},
		{"a currency word", `
words:
  currency_words:
    - {word: yuan, code: CNY}
    - {word: francs, code: CHF}
`, Input{Title: "Acme AI raises 50 million francs in Series A funding", Date: date},
			func(def, own news.Fields) string {
				if def.Currency == "CHF" || own.Currency != "CHF" || own.Amount != 50_000_000 {
					return "currency default " + def.Currency + ", with francs listed: " + own.Currency + " " + ftoa(own.Amount)
				}
				return ""
			}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tax, err := config.LoadTaxonomy(append(config.DefaultTaxonomy(), config.NamedFile{Name: "own.yaml", Data: []byte(tc.own)})...)
			if err != nil {
				t.Fatal(err)
			}
			own, err := New(tax)
			if err != nil {
				t.Fatal(err)
			}
			if msg := tc.check(testClassifier(t).Classify(tc.in).Fields, own.Classify(tc.in).Fields); msg != "" {
				t.Error(msg)
			}
		})
	}
}

func ftoa(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

// TestOutletCut: the outlet's name a feed appends to a headline is cut;
// words of the headline's own never are.
func TestOutletCut(t *testing.T) {
	c := testClassifier(t)
	tests := []struct{ title, want string }{
		{"Acme raises $20M Series A - Lowlands Startup Post", "Acme raises $20M Series A"},
		{"Acme raises $20M Series A | TechWire.io", "Acme raises $20M Series A"},
		{"国产芯片迎来新一轮扩产，谁在加码 - 科讯网", "国产芯片迎来新一轮扩产，谁在加码"},
		{"Acme raises $20M - here's why it matters", "Acme raises $20M - here's why it matters"},
		{"Acme raises $20M - Sequoia leads", "Acme raises $20M - Sequoia leads"},
		{"Acme vs Lumora - Round 2", "Acme vs Lumora - Round 2"},
		{"AI - The Future", "AI - The Future"},
		{"Acme - Lumora", "Acme - Lumora"},
	}
	for _, tc := range tests {
		if got := tc.title[:c.lex.outletCut(tc.title)]; got != tc.want {
			t.Errorf("outletCut(%q) keeps %q, want %q", tc.title, got, tc.want)
		}
	}
}

// TestPhraseSoup classifies seeded mixes of the words the rules turn on
// (cues, marks, names, colons and sentence ends in every order) and
// checks that no input panics and every piece of evidence lies inside
// its text. The rules slice texts by the offsets of clauses, sentences
// and colons; orders no real headline has are where such slices went
// backwards before.
func TestPhraseSoup(t *testing.T) {
	c := testClassifier(t)
	words := []string{"投资", "、", "在", "后", "，", "将", "发布", "模型", "债券", "融资", "：", "Acme ", "joins ", "deal ",
		"a ", "month ", "funding ", "over ", "系列", "小米", "15", "App", "千问", "非法", "收购", "据报道", "公司",
		"plans to release ", "report says ", "tops ", "leaderboard ", "No. 1 on ", "fiscal 2025 ", "$5M ", "的", "。",
		". ", "表示", "says ", "马斯克", "即将", "“", "”", "Breaking: ", "宣布", "上线", "超节点", "下载量突破", "横评",
		"否认", "具身智能公司", "星衡机器人", "银团贷款", "专项债", "警方", "查处", "Warsaw's ", "agreed to buy ",
		"halves prices ", "API ", "start trading ", "listing ", "as early as next year ", "not considering ", ": ",
		"? ", "！", "；", "Lumen 5 ", "will launch ", "next month ", "raises ", "Series B ", "led by ", "Sequoia "}
	rng := rand.New(rand.NewSource(42))
	n := 3000
	if testing.Short() {
		n = 500
	}
	for i := 0; i < n; i++ {
		var b strings.Builder
		for k := rng.Intn(120) + 3; k > 0; k-- {
			b.WriteString(words[rng.Intn(len(words))])
		}
		text := b.String()
		cut := rng.Intn(len(text) + 1)
		for cut < len(text) && !utf8.RuneStart(text[cut]) {
			cut++
		}
		title, summary := text[:cut], text[cut:]
		tags := c.Classify(Input{Title: title, Summary: summary})
		parts := map[string]string{"title": title, "summary": summary}
		for _, d := range tags.Trail {
			for _, ev := range d.Evidence {
				text := parts[ev.Part]
				if ev.Start < 0 || ev.End > len(text) || ev.Start > ev.End || text[ev.Start:ev.End] != ev.Text {
					t.Fatalf("input %d (%q | %q): evidence %+v outside its text", i, title, summary, ev)
				}
			}
		}
	}
}
