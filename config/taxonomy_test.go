package config

import (
	"strings"
	"testing"
)

// TestTaxonomyValidation: every problem the taxonomy's data shows names
// its file, line and key; a later file replaces an entry of the same name.
func TestTaxonomyValidation(t *testing.T) {
	base := NamedFile{Name: "base.yaml", Data: []byte(`
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
		{"duplicate alias", `
companies:
  - name: Other
    aliases: [ACME]
    layers: [model]
`, []string{`extra.yaml:4:15: companies[0].aliases[0]: alias "ACME" also names company Acme AI`}},
		{"unknown layer", `
companies:
  - name: Beta
    layers: [chips]
`, []string{`extra.yaml:4:14: companies[0].layers[0]: unknown layer "chips"`}},
		{"ambiguous name that is not an alias", `
companies:
  - name: Gamma
    aliases: [Gamma Labs]
    ambiguous: [Gam]
    layers: [model]
`, []string{`companies[0].ambiguous[0]: "Gam" is not one of the company's names`}},
		{"two-letter alias not marked ambiguous", `
investors:
  - name: Tiny Ventures
    aliases: [TV]
`, []string{`alias "TV" is too short to match safely`}},
		{"frame without an id", `
event_types:
  - {id: funding, frames: [{predicates: {en: ["raises"]}}]}
`, []string{`every frame needs an id of its own`}},
		{"two frames with one id", `
event_types:
  - {id: funding, frames: [{id: f.raise, predicates: {en: ["raises"]}}, {id: f.raise, predicates: {en: ["lands"]}}]}
`, []string{`frame f.raise: every frame needs an id of its own`}},
		{"unknown event type", `
event_types:
  - {id: merger, frames: [{id: m.merge, predicates: {en: ["merges"]}}]}
`, []string{`taxonomy: event_types: `, `"merger"`}},
		{"an investor that is not a company repeats its name", `
investors:
  - name: Acme Ventures
    aliases: [Acme]
    kind: venture
`, []string{`investors[0].aliases[0]: alias "Acme" also names company Acme AI`}},
		{"unknown status", `
statuses:
  - {id: maybe, cues: {en: [perhaps]}}
`, []string{`taxonomy: statuses: unknown status "maybe"`}},
		{"unknown key", `
companies:
  - name: Delta
    layer: [model]
`, []string{`extra.yaml:4:5: unknown field "layer"`}},
		{"parent not in taxonomy", `
companies:
  - name: Epsilon
    layers: [model]
    parent: Nowhere Inc
`, []string{`parent "Nowhere Inc" is not a company`}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := LoadTaxonomy(base, NamedFile{Name: "extra.yaml", Data: []byte(tc.yaml)})
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
	// An alias that is a common word must be marked ambiguous.
	words := NamedFile{Name: "common-words-en.txt", Data: []byte("acme\nrunway\n")}
	if _, err := LoadTaxonomy(words, base); err == nil || !strings.Contains(err.Error(), `alias "Acme" is a common word; list it under ambiguous`) {
		t.Errorf("common-word alias: %v", err)
	}
	marked := NamedFile{Name: "m.yaml", Data: []byte("companies:\n  - name: Acme AI\n    aliases: [Acme]\n    ambiguous: [Acme]\n    layers: [model]\n")}
	if _, err := LoadTaxonomy(words, base, marked); err != nil {
		t.Errorf("marked ambiguous: %v", err)
	}
	// A corporate investor that is a known company is that company and
	// may repeat its names.
	corp := NamedFile{Name: "c.yaml", Data: []byte("investors:\n  - name: Acme AI\n    aliases: [Acme]\n    kind: corporate\n")}
	tax, err := LoadTaxonomy(base, corp)
	if err != nil {
		t.Fatalf("corporate investor: %v", err)
	}
	if got := tax.InvestorCompanies(); len(got) != 1 || got[0] != 0 {
		t.Errorf("InvestorCompanies = %v, want investor 0 → company 0", got)
	}
	// A later file replaces a company of the same name.
	tax, err = LoadTaxonomy(base, NamedFile{Name: "o.yaml", Data: []byte("companies:\n  - name: Acme AI\n    aliases: [Acme Intelligence]\n    layers: [model]\n")})
	if err != nil {
		t.Fatal(err)
	}
	if len(tax.Companies) != 1 || tax.Companies[0].Aliases[0] != "Acme Intelligence" {
		t.Errorf("override: %+v", tax.Companies)
	}
}

func TestDefaultTaxonomySize(t *testing.T) {
	tax, err := LoadDefaultTaxonomy()
	if err != nil {
		t.Fatal(err)
	}
	if len(tax.Companies) < 100 {
		t.Errorf("%d companies, want at least 100", len(tax.Companies))
	}
	var zh int
	for _, c := range tax.Companies {
		for _, a := range c.Aliases {
			if !latinOnly(a) {
				zh++
				break
			}
		}
	}
	if zh < 50 {
		t.Errorf("%d companies have a Chinese alias", zh)
	}
}
