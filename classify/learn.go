package classify

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/aitracker/aitracker/config"
	"github.com/aitracker/aitracker/news"
)

// A stream names the same young companies again and again: "Quillnote
// raises $20M to build contract-review agents" one week, "Quillnote CTO steps
// down" the next. The taxonomy knows neither, and the second headline
// says too little for the rules to take "Quillnote" for a company. What
// the classifier found in earlier articles is learnt: a name outside the
// taxonomy that the tags of two articles carry, or one that was the
// primary company of a story in a layer, becomes a company of the
// classifier's, with the layer of the stories it was primary in and the
// forms the texts wrote it in ("云栈科技" for Yunzhan Technology).
//
// Learnt companies stay candidates: their tags keep Known false, so that
// `aitracker companies candidates` still lists them for promotion into
// the taxonomy, and so that what is learnt is the same however often it
// is learnt again.

// LearnedCompany is a company learnt from earlier articles.
type LearnedCompany struct {
	// Name is the name the tags gave it.
	Name string `json:"name"`
	// Written are the forms the texts wrote it in, when not Name.
	Written []string `json:"written,omitempty"`
	// Layer is the layer of the stories it was primary in; none when
	// they told none.
	Layer news.Layer `json:"layer"`
}

// Learns reports whether a name outside the taxonomy has been seen
// enough to be learnt: tagged in two articles, or primary in a story
// whose layer was told (layer is the most frequent layer of the stories
// it was primary in, "none" when there were none).
func Learns(name string, articles int, layer news.Layer) bool {
	if !learnable(name) {
		return false
	}
	return articles >= 2 || layer != "" && layer != news.LayerNone
}

// learnable reports whether a name can be learnt at all: a short Latin
// name that starts with a capital or a digit, or three to twelve Han
// characters (Han text has no spaces between words, and a two-character
// name is as often a word: "半年").
func learnable(name string) bool {
	if name == "" || len(name) > 60 || strings.ContainsAny(name, ":;,\"“”()（）「」") {
		return false
	}
	if !latinOnly(name) {
		n := utf8.RuneCountInString(name)
		return n >= 3 && n <= 12
	}
	f := strings.Fields(name)
	if len(f) > 4 || len(name) < 2 {
		return false
	}
	return capitalOrDigit(name)
}

// Learner gathers, from the tags of articles in the order they come,
// the companies to learn. The zero value is ready to use; it is not safe
// for concurrent use.
type Learner struct {
	seen map[string]*sighting
}

// sighting is what the learner knows of one name.
type sighting struct {
	articles int
	layers   map[news.Layer]int
	written  []string
}

// Observe records the companies outside the taxonomy that one article's
// tags name.
func (l *Learner) Observe(t news.Tags) {
	if l.seen == nil {
		l.seen = map[string]*sighting{}
	}
	for _, c := range t.Companies {
		if c.Known || !learnable(c.Name) {
			continue
		}
		s := l.seen[c.Name]
		if s == nil {
			s = &sighting{layers: map[news.Layer]int{}}
			l.seen[c.Name] = s
		}
		s.articles++
		if c.Name == t.Primary {
			s.layers[t.Layer]++
		}
		for _, w := range WrittenForms(t, c.Name) {
			// ("著作权" read once as a name is never learnt as one.)
			if !slices.Contains(s.written, w) && !zhNotAName(w) {
				s.written = append(s.written, w)
			}
		}
	}
}

// Companies returns the companies learnt so far, by name.
func (l *Learner) Companies() []LearnedCompany {
	var out []LearnedCompany
	for name, s := range l.seen {
		layer := topLayer(s.layers)
		if Learns(name, s.articles, layer) {
			out = append(out, LearnedCompany{Name: name, Written: s.written, Layer: layer})
		}
	}
	slices.SortFunc(out, func(a, b LearnedCompany) int { return cmp.Compare(a.Name, b.Name) })
	return out
}

// topLayer is the most frequent layer, ties going to the first in
// alphabetical order, as the store's candidates count it; none when there
// is none.
func topLayer(n map[news.Layer]int) news.Layer {
	best, count := news.LayerNone, 0
	for l, c := range n {
		if c > count || c == count && l < best {
			best, count = l, c
		}
	}
	return best
}

// WrittenForms returns how the text wrote a company the tags name in
// Han characters, its name being their reading: the evidence of the
// trail's decision that tagged it ("云栈科技" for Yunzhan Technology). A
// name in Latin letters is written as it is named; what else a decision
// points at ("Ferro-7B", the model of the doer) is no form of it.
func WrittenForms(t news.Tags, name string) []string {
	var out []string
	for _, d := range t.Trail {
		if d.What != "company" || d.Value != name {
			continue
		}
		for _, ev := range d.Evidence {
			w := strings.TrimSpace(ev.Text)
			if w != "" && w != name && !latinOnly(w) && learnable(w) && !slices.Contains(out, w) {
				out = append(out, w)
			}
		}
	}
	return out
}

// WithLearned returns a classifier that also knows the learnt companies.
// A learnt name (or written form) that the taxonomy already gives a
// company or an investor is left to the taxonomy; one that is an ordinary
// word needs context, as an ambiguous name of the taxonomy does. The
// version says what was learnt, so that tags made with other learnt
// companies are told apart.
func (c *Classifier) WithLearned(learned []LearnedCompany) (*Classifier, error) {
	base := c.base
	if base == nil {
		base = c
	}
	if len(learned) == 0 {
		return base, nil
	}
	t := *base.tax
	claimed := map[string]bool{}
	claim := func(s string) { claimed[fold(strings.TrimSpace(s))] = true }
	for _, co := range t.Companies {
		claim(co.Name)
		for _, a := range co.Aliases {
			claim(a)
		}
		for _, p := range co.People {
			claim(p) // a company's person is never a company
		}
		for _, u := range co.Units {
			claim(u.Name)
			for _, a := range u.Aliases {
				claim(a)
			}
		}
	}
	for _, inv := range t.Investors {
		claim(inv.Name)
		for _, a := range inv.Aliases {
			claim(a)
		}
	}
	h := sha256.New()
	companies := slices.Clip(t.Companies)
	n := 0
	// A word no name can be, or a Han word, is learnt from no one; nor
	// is a name that a people, a place or another word no name is opens
	// ("Nordic AI", "Second …"), which a misreading made.
	word := func(w string) bool {
		first, _, _ := strings.Cut(w, " ")
		lf := strings.ToLower(first)
		return base.lex.notNames[strings.ToLower(w)] || base.lex.peoples[lf] || base.lex.notNames[lf] || !latinOnly(w) && t.CommonWords[w]
	}
	for _, lc := range learned {
		if claimed[fold(lc.Name)] || !learnable(lc.Name) || word(lc.Name) {
			continue
		}
		layer := lc.Layer
		if _, err := news.ParseLayer(string(layer)); err != nil || layer == "" {
			layer = news.LayerNone
		}
		co := config.Company{Name: lc.Name, Layers: []news.Layer{layer}, Learned: true}
		claimed[fold(lc.Name)] = true
		for _, w := range lc.Written {
			if !claimed[fold(w)] && learnable(w) && !word(w) {
				claimed[fold(w)] = true
				co.Aliases = append(co.Aliases, w)
			}
		}
		for _, nm := range append([]string{co.Name}, co.Aliases...) {
			if t.CommonWords[strings.ToLower(nm)] {
				co.Ambiguous = append(co.Ambiguous, nm)
			}
		}
		// "Nimbic's IPO range" for "Nimbic Compute": a name without the
		// firm's ending it was learnt with, read as the company only where
		// a company is about, as an ambiguous name is.
		if i := strings.LastIndexByte(co.Name, ' '); i > 0 && latinOnly(co.Name) && base.lex.companySuffixes[co.Name[i+1:]] {
			if short := co.Name[:i]; len(short) >= 4 && !claimed[fold(short)] && learnable(short) && !word(short) {
				claimed[fold(short)] = true
				co.Aliases = append(co.Aliases, short)
				co.Ambiguous = append(co.Ambiguous, short)
			}
		}
		companies = append(companies, co)
		fmt.Fprintf(h, "%s\x00%s\x00%s\n", co.Name, strings.Join(co.Aliases, "\x00"), layer)
		n++
	}
	if n == 0 {
		return base, nil
	}
	t.Companies = companies
	m, err := base.m.withLearned(&t, len(base.tax.Companies))
	if err != nil {
		return nil, fmt.Errorf("classify: learnt companies: %w", err)
	}
	nc := &Classifier{tax: &t, frames: base.frames, m: m, version: base.version + "+" + hex.EncodeToString(h.Sum(nil)[:4]),
		eventIdx: base.eventIdx, nouns: base.nouns, lex: base.lex, companyIdx: make(map[string]int, len(companies)),
		capitals: base.capitals, base: base, learned: n, people: base.people, modelHead: base.modelHead, productHead: base.productHead}
	for i, co := range companies {
		nc.companyIdx[co.Name] = i
	}
	return nc, nil
}

// SameRules reports whether two tags' versions (news.Tags.Version) name
// the same rules and taxonomy, whatever companies each had learnt: an
// article seen again unchanged is not tagged again because learning moved
// on (a restart writes nothing); `aitracker reclassify` re-tags it.
func SameRules(a, b string) bool {
	a, _, _ = strings.Cut(a, "+")
	b, _, _ = strings.Cut(b, "+")
	return a == b
}

// Learned is how many learnt companies the classifier knows besides its
// taxonomy.
func (c *Classifier) Learned() int { return c.learned }
