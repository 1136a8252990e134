package config

import (
	"reflect"
	"strings"
	"testing"
)

// TestDefaultWords: the embedded words.yaml gives every list the rules
// read, and rates.yaml a table of years.
func TestDefaultWords(t *testing.T) {
	tax, err := LoadDefaultTaxonomy()
	if err != nil {
		t.Fatal(err)
	}
	v, ty := reflect.ValueOf(tax.Words), reflect.TypeOf(tax.Words)
	for i := 0; i < ty.NumField(); i++ {
		if v.Field(i).Len() == 0 {
			t.Errorf("words.%s: empty in the embedded words.yaml", ty.Field(i).Tag.Get("yaml"))
		}
	}
	for _, year := range []int{2021, 2026} {
		if r := tax.USDPerUnit[year]; r["USD"] != 1 || r["CNY"] <= 0 || r["EUR"] <= 0 {
			t.Errorf("usd_per_unit %d = %v", year, r)
		}
	}
}

// TestWordsOverride: a later file's key replaces that list whole and
// leaves the other lists alone; a later file's year replaces that year.
func TestWordsOverride(t *testing.T) {
	own := NamedFile{Name: "own.yaml", Data: []byte(`
words:
  round_nouns: [round, tranche]
usd_per_unit:
  2026: {USD: 1, EUR: 1.5}
  2027: {USD: 1, EUR: 1.6}
`)}
	tax, err := LoadTaxonomy(append(DefaultTaxonomy(), own)...)
	if err != nil {
		t.Fatal(err)
	}
	def, err := LoadDefaultTaxonomy()
	if err != nil {
		t.Fatal(err)
	}
	if got := tax.Words.RoundNouns; !reflect.DeepEqual(got, []string{"round", "tranche"}) {
		t.Errorf("round_nouns = %q", got)
	}
	if !reflect.DeepEqual(tax.Words.OfferingBefore, def.Words.OfferingBefore) || len(tax.Words.CurrencySigns) != len(def.Words.CurrencySigns) {
		t.Error("a list the file does not give changed")
	}
	if tax.USDPerUnit[2026]["EUR"] != 1.5 || tax.USDPerUnit[2026]["CNY"] != 0 || tax.USDPerUnit[2027]["EUR"] != 1.6 {
		t.Errorf("usd_per_unit = %v", tax.USDPerUnit)
	}
	if !reflect.DeepEqual(tax.USDPerUnit[2021], def.USDPerUnit[2021]) {
		t.Error("a year the file does not give changed")
	}
}

// TestWordsValidation: every problem in the words and rates names its
// file, line and key.
func TestWordsValidation(t *testing.T) {
	tests := []struct {
		name string
		yaml string
		want string
	}{
		{"unknown key", `
words:
  round_nouns: [round]
  round_nuns: [tranche]
`, `own.yaml:4:3: unknown field "round_nuns"`},
		{"a word where a list is wanted", `
words:
  round_nouns: round
`, `own.yaml:3:16: `},
		{"empty entry", `
words:
  valuation_after: [valuation, ""]
`, `own.yaml:3:32: words.valuation_after[1]: an empty entry matches everywhere`},
		{"capitals in a lower-case list", `
words:
  offering_after:
    - ipo
    - Listing
`, `own.yaml:5:7: words.offering_after[1]: "Listing" must be in lower case`},
		{"not a currency code", `
words:
  currency_words:
    - {word: yuan, code: CNY}
    - {word: dollars, code: usd}
`, `own.yaml:5:29: words.currency_words[1].code: "usd" is not a currency code`},
		{"scale not positive", `
words:
  zh_scales:
    - {word: 亿, value: 0}
`, `own.yaml:4:24: words.zh_scales[0].value: a scale must be positive`},
		{"an event type that is none", `
words:
  company_acts: [funding, merger]
`, `own.yaml:3:27: words.company_acts[1]: `},
		{"a layer that is none", `
words:
  layer_name_words: {Compute: infrastructure, Cloud: clouds}
`, `words.layer_name_words: "Cloud": `},
		{"rate not positive", `
usd_per_unit:
  2026: {USD: 1, EUR: -1}
`, `own.yaml:3:23: usd_per_unit.2026.EUR: a rate must be positive`},
		{"rate of no currency", `
usd_per_unit:
  2026: {USD: 1, Euro: 1.1}
`, `usd_per_unit.2026.Euro: "Euro" is not a currency code`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := LoadTaxonomy(NamedFile{Name: "own.yaml", Data: []byte(tc.yaml)})
			if err == nil {
				t.Fatal("no error")
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error\n%v\ndoes not contain\n%s", err, tc.want)
			}
		})
	}
}
