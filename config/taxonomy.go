package config

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode"

	"github.com/goccy/go-yaml"

	"github.com/aitracker/aitracker/news"
)

// Taxonomy is the classifier's vocabulary: layers with their descriptor
// cues, event types and status words with their cue phrases per language,
// the companies and investors it knows. It is data, loaded from YAML by
// LoadTaxonomy; the classifier compiles what it needs from it.
type Taxonomy struct {
	Layers    []LayerDef
	Events    []EventDef
	Statuses  []StatusDef
	Context   CueSet     // words that show a name is used as a company name
	Investing InvestCues // phrases that mark nearby names as investors
	// Arguments are the nouns of each argument kind, per language: the
	// head of a phrase says what the phrase is ("funding", "startup",
	// "customers").
	Arguments map[string]CueSet
	// Readings are negation, modality and genre phrases.
	Readings Readings
	// FalseFriends are phrases that hold a cue without being it ("融资余额",
	// "business model", "post-IPO"): the cue inside them is not matched.
	FalseFriends CueSet
	Companies    []Company
	Investors    []Investor
	// CommonWords are ordinary words, lower-cased: an alias that is one
	// must be marked ambiguous.
	CommonWords map[string]bool
	// Words are the vocabulary of the classifier's rules besides cues.
	Words Words
	// USDPerUnit are US dollars per unit of each currency (ISO 4217), by
	// year, for totalling and comparing deals.
	USDPerUnit map[int]map[string]float64
	// Digest fingerprints the content, so that tags can say which
	// taxonomy produced them.
	Digest string
}

// LayerDef is one industry layer and the descriptors that point to it.
type LayerDef struct {
	ID   news.Layer `yaml:"id"`
	Name string     `yaml:"name"`
	Cues CueSet     `yaml:"cues"`
}

// EventDef is one event type: the frames that read it from a clause, and
// support cues ("investors", "valuation") that add weight to the type once
// one of its frames holds and count for nothing alone.
type EventDef struct {
	ID      news.EventType `yaml:"id"`
	Frames  []FrameDef     `yaml:"frames"`
	Support CueSet         `yaml:"support"`
}

// FrameDef is one way news reports an event: a predicate (a verb such as
// "raises" or "收购", or a noun such as "Series B" or "IPO") and the kinds
// of argument it needs. A predicate whose arguments are not there, or are
// of another kind ("raises prices", "acquires users"), counts for nothing.
type FrameDef struct {
	// ID names the frame in explanations and tests: "funding.raise".
	ID string `yaml:"id"`
	// Predicates are the cue phrases, with weights, per language.
	Predicates CueSet `yaml:"predicates"`
	// Object lists argument kinds, one of which must be the phrase the
	// predicate governs: what follows a verb ("raises $5M", "收购深瞳智算"),
	// or what precedes it in the passive.
	Object []string `yaml:"object,omitempty"`
	// Via are words that introduce the object instead: "invests $5M in
	// Acme", "puts $1B into OpenAI" (via: [in, into]); in Chinese they
	// stand before the predicate ("向Scale AI投资", via: [向, 对]).
	Via []string `yaml:"via,omitempty"`
	// Direct lets the phrase right after the predicate be the object when
	// none of Via introduces one that is not a sum: "backs Lumora in a
	// $60M round", "settles copyright lawsuit". Without it, "pays Samsung
	// to preinstall …" has no object for "pays … for".
	Direct bool `yaml:"direct,omitempty"`
	// Recipient lets a name stand between the predicate and its object
	// as who gets it: "awards Pylon Devices a $45M grant". The phrase
	// after the name is then the object; the name is the story's company.
	Recipient bool `yaml:"recipient,omitempty"`
	// Subject lists the kinds the doer may be; any kind when empty. A doer
	// of another kind ("FTC launches …" for a product launch) fails the
	// frame.
	Subject []string `yaml:"subject,omitempty"`
	// Near lists kinds one of which must stand in the predicate's clause
	// (nouns: "Series B" needs a company or a sum near it).
	Near []string `yaml:"near,omitempty"`
	// Clause lists words one of which must stand in the predicate's
	// clause, as whole words, case as written: "API" for a price cut
	// that is a model-API price change.
	Clause []string `yaml:"clause,omitempty"`
	// Before lists words one of which must stand among the three words
	// before a noun predicate: "new" in "Acme's new open models".
	Before []string `yaml:"before,omitempty"`
	// Owner makes a thing of a named company stand for that company:
	// "deploys Lumora's agents" picks Lumora, "rolls out ChatGPT
	// Enterprise" picks OpenAI. Such a frame needs a company other than
	// the doer.
	Owner bool `yaml:"owner,omitempty"`
	// Inverse says the object does to the doer what the event type
	// says: "Lumora becomes part of Acme", "Lumora sold to Acme".
	Inverse bool `yaml:"inverse,omitempty"`
	// ObjectParty says the company the news is about is the object when
	// the doer is none: a person "joins" the company.
	ObjectParty bool `yaml:"object_party,omitempty"`
	// Headline makes the frame hold in the headline only: a predicate too
	// common in running text to mean the event there ("登陆" of a listing
	// years ago).
	Headline bool `yaml:"headline,omitempty"`
	// Doer makes the frame need its doer, found: a short predicate ("获")
	// means the event only with the company that does it.
	Doer bool `yaml:"doer,omitempty"`
	// Opens makes the frame need a doer that opens its clause: "Acme's
	// new agent …" is Acme's launch; "Lumora to power Acme's new
	// assistant" is Lumora's deal.
	Opens bool `yaml:"opens,omitempty"`
	// Alone makes the frame hold only when its predicate ends its clause
	// ("Acme Drive Software Rolls Out"; not "Acme rolls out Lumen Code",
	// nor "Acme AI rolls out to 41 more countries", an existing product
	// reaching new markets).
	Alone bool `yaml:"alone,omitempty"`
	// Maker makes the frame need a doer that is a version of something
	// named after a company the taxonomy knows, ambiguous names included:
	// "Cursor 3 ships" is Anysphere's launch; "Linux 6.19 lands" is no
	// company's, and "Scale AI lands …" no version of anything.
	Maker bool `yaml:"maker,omitempty"`
	// Status is what the frame's reading says of how far along the event
	// is, when no status cue says otherwise: a grant someone "wins" or
	// "receives" has been given ("completed"), where the type's usual
	// status would be "announced".
	Status news.Status `yaml:"status,omitempty"`
	// Examples are sentences written for the frame: each of Catch must be
	// read as this frame's event type by this frame, each of Miss must not
	// fill it. Tests check them.
	Examples FrameExamples `yaml:"examples"`
}

// FrameExamples are a frame's test sentences.
type FrameExamples struct {
	Catch []string `yaml:"catch"`
	Miss  []string `yaml:"miss"`
}

// Readings are phrases that change how a clause's frames are read.
type Readings struct {
	// Negation denies, refuses or calls off the event the clause names
	// ("denies", "turned down", "放弃", "辟谣"): its frames do not hold.
	Negation CueSet `yaml:"negation"`
	// Hypothetical makes the event a possibility, not news ("open to
	// acquisitions", "a possible IPO").
	Hypothetical CueSet `yaml:"hypothetical"`
	// Trade marks shares bought or sold on the market ("activist",
	// "builds a stake", "举牌"): a stake so taken funds no company and
	// buys none, and its clause's funding and acquisition frames do not
	// hold.
	Trade CueSet `yaml:"trade"`
	// Genre marks a headline whose news is not an event: opinion,
	// explainers, reviews, interviews ("Why …", "Opinion:", "专访").
	Genre CueSet `yaml:"genre"`
	// Newsletter marks a headline that lists several stories ("The
	// Download:", "AI日报"): only its own stories' frames count.
	Newsletter CueSet `yaml:"newsletter"`
	// Heads are nouns an event noun can stand before as a modifier:
	// "Series B investors", "an acquisition spree", "new chip export
	// rules", "融资环境". A noun frame's predicate right before one of
	// them names the topic, not the event, and its frame does not hold.
	Heads CueSet `yaml:"heads"`
}

// StatusDef is one status and its cue phrases.
type StatusDef struct {
	ID   news.Status `yaml:"id"`
	Cues CueSet      `yaml:"cues"`
}

// CueSet holds cue phrases per language. A phrase is matched as a whole
// word in Latin script, anywhere in Han script, ignoring ASCII case. A
// phrase starting with "^" matches only at the start of a title or
// summary. "phrase=2.5" gives the phrase a weight other than 1.
type CueSet struct {
	EN []string `yaml:"en"`
	ZH []string `yaml:"zh"`
}

// InvestCues mark the names next to them as investors. A phrase starting
// with "<" comes after the names it marks ("Sequoia led the round",
// "红杉中国领投"); others come before them ("led by Sequoia").
type InvestCues struct {
	Lead  CueSet `yaml:"lead"`
	Other CueSet `yaml:"other"`
	// Part names investors that take part in a round others lead or
	// share, or only hold shares: never the lead, even when alone.
	Part CueSet `yaml:"part"`
}

// Company is an AI-industry company the classifier recognises.
type Company struct {
	Name      string       `yaml:"name"`
	Aliases   []string     `yaml:"aliases,omitempty"`
	Ambiguous []string     `yaml:"ambiguous,omitempty"`
	Context   []string     `yaml:"context,omitempty"`
	Layers    []news.Layer `yaml:"layers"`
	Region    string       `yaml:"region,omitempty"`
	Domain    string       `yaml:"domain,omitempty"`
	Parent    string       `yaml:"parent,omitempty"`
	Units     []Unit       `yaml:"units,omitempty"`
	// Diversified says the company also does business outside AI (phones,
	// games, retail): in news that does not touch AI its layer is none.
	Diversified bool `yaml:"diversified,omitempty"`
	// Listed says the company's shares trade on a stock exchange: its
	// loans, bonds and share sales are no funding round.
	Listed bool `yaml:"listed,omitempty"`
	// People are the names, as headlines write them, of the people who
	// act for the company (its founders and chief executives): a person
	// who acts in a headline ("黄仁勋率先开源…") names the company; one
	// merely quoted does not.
	People []string `yaml:"people,omitempty"`
	// Learned says the classifier learnt the company from earlier
	// articles (see classify.Learner); no taxonomy file sets it.
	Learned bool `yaml:"-"`
}

// Unit is a brand, product or business unit that rolls up to its company.
type Unit struct {
	Name    string     `yaml:"name"`
	Aliases []string   `yaml:"aliases,omitempty"`
	Layer   news.Layer `yaml:"layer"`
}

// Investor is an investment firm (or corporate venture arm) the
// classifier recognises.
type Investor struct {
	Name      string   `yaml:"name"`
	Aliases   []string `yaml:"aliases"`
	Ambiguous []string `yaml:"ambiguous"`
	Kind      string   `yaml:"kind"`
	Region    string   `yaml:"region"`
	Parent    string   `yaml:"parent"`
	// English is the name written for the investor when a Chinese text
	// names it, for the well-known Chinese firms whose English name
	// readers use (高瓴 → Hillhouse); the other Chinese funds keep the
	// name the text gives them.
	English string `yaml:"english"`
}

type taxonomyFile struct {
	Layers       []LayerDef                 `yaml:"layers"`
	Events       []EventDef                 `yaml:"event_types"`
	Arguments    map[string]CueSet          `yaml:"arguments"`
	Readings     *Readings                  `yaml:"readings"`
	FalseFriends *CueSet                    `yaml:"false_friends"`
	Statuses     []StatusDef                `yaml:"statuses"`
	Context      *CueSet                    `yaml:"company_context"`
	Investing    *InvestCues                `yaml:"investor_context"`
	Companies    []Company                  `yaml:"companies"`
	Investors    []Investor                 `yaml:"investors"`
	Words        *Words                     `yaml:"words"`
	USDPerUnit   map[int]map[string]float64 `yaml:"usd_per_unit"`
}

// LoadDefaultTaxonomy loads the embedded taxonomy.
func LoadDefaultTaxonomy() (*Taxonomy, error) {
	return LoadTaxonomy(DefaultTaxonomy()...)
}

// LoadTaxonomy merges the files in order and validates the result. A
// later file's company, investor, layer or event type with the same name
// or ID replaces the earlier one; new entries are added. Every problem is
// reported with its file and line. LoadTaxonomy checks what the data
// alone can tell (known layers, event types and statuses, one owner per
// alias, frame ids); the cue phrases and argument kinds are the
// classifier's to read and check.
func LoadTaxonomy(files ...NamedFile) (*Taxonomy, error) {
	t := &Taxonomy{}
	h := sha256.New()
	var errs []error
	type origin struct {
		file NamedFile
		key  string
	}
	companyAt := map[string]origin{}
	investorAt := map[string]origin{}
	wordsAt := map[string]origin{} // by key under words: and usd_per_unit
	t.CommonWords = map[string]bool{}
	for _, f := range files {
		h.Write([]byte(f.Name))
		h.Write(f.Data)
		if strings.HasSuffix(f.Name, ".txt") {
			// A list of common words, one per line.
			for _, w := range strings.Split(string(f.Data), "\n") {
				if w = strings.TrimSpace(w); w != "" && !strings.HasPrefix(w, "#") {
					t.CommonWords[strings.ToLower(w)] = true
				}
			}
			continue
		}
		var tf taxonomyFile
		if err := decodeStrict(f.Data, &tf); err != nil {
			var ye yaml.Error
			if errors.As(err, &ye) && ye.GetToken() != nil && ye.GetToken().Position != nil {
				p := ye.GetToken().Position
				errs = append(errs, fmt.Errorf("%s:%d:%d: %s", f.Name, p.Line, p.Column, ye.GetMessage()))
			} else {
				errs = append(errs, fmt.Errorf("%s: %v", f.Name, err))
			}
			continue
		}
		t.Layers = mergeByKey(t.Layers, tf.Layers, func(l LayerDef) string { return string(l.ID) })
		t.Events = mergeByKey(t.Events, tf.Events, func(e EventDef) string { return string(e.ID) })
		for k, v := range tf.Arguments {
			if t.Arguments == nil {
				t.Arguments = map[string]CueSet{}
			}
			t.Arguments[k] = v
		}
		if tf.Readings != nil {
			t.Readings = *tf.Readings
		}
		if tf.FalseFriends != nil {
			t.FalseFriends = *tf.FalseFriends
		}
		t.Statuses = mergeByKey(t.Statuses, tf.Statuses, func(s StatusDef) string { return string(s.ID) })
		if tf.Context != nil {
			t.Context = *tf.Context
		}
		if tf.Investing != nil {
			t.Investing = *tf.Investing
		}
		for i, c := range tf.Companies {
			companyAt[strings.ToLower(c.Name)] = origin{f, "companies[" + strconv.Itoa(i) + "]"}
		}
		for i, inv := range tf.Investors {
			investorAt[strings.ToLower(inv.Name)] = origin{f, "investors[" + strconv.Itoa(i) + "]"}
		}
		if tf.Words != nil {
			t.Words.merge(tf.Words)
			for _, k := range wordKeys(tf.Words) {
				wordsAt[k] = origin{f, "words"}
			}
		}
		for year, rates := range tf.USDPerUnit {
			if t.USDPerUnit == nil {
				t.USDPerUnit = map[int]map[string]float64{}
			}
			t.USDPerUnit[year] = rates
			wordsAt["usd_per_unit."+strconv.Itoa(year)] = origin{f, "usd_per_unit"}
		}
		t.Companies = mergeByKey(t.Companies, tf.Companies, func(c Company) string { return strings.ToLower(c.Name) })
		t.Investors = mergeByKey(t.Investors, tf.Investors, func(i Investor) string { return strings.ToLower(i.Name) })
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	at := func(o origin, sub string) string {
		key := o.key + sub
		line, col := Locate(o.file.Data, key)
		if line == 0 {
			return o.file.Name + ": " + key
		}
		return fmt.Sprintf("%s:%d:%d: %s", o.file.Name, line, col, key)
	}
	// A key under words: or a year's rates, in the file that gave it.
	wordAt := func(key string) string {
		top := key
		if strings.HasPrefix(key, "usd_per_unit.") {
			if i := strings.IndexByte(key[len("usd_per_unit."):], '.'); i >= 0 {
				top = key[:len("usd_per_unit.")+i]
			}
			o, ok := wordsAt[top]
			if !ok {
				return key
			}
			return at(o, strings.TrimPrefix(key, "usd_per_unit"))
		}
		if i := strings.IndexAny(key, ".["); i >= 0 {
			top = key[:i]
		}
		o, ok := wordsAt[top]
		if !ok {
			return "words." + key
		}
		return at(o, "."+key)
	}
	errs = append(errs, t.Words.problems(wordAt)...)
	errs = append(errs, rateProblems(t.USDPerUnit, wordAt)...)
	for _, l := range t.Layers {
		if _, err := news.ParseLayer(string(l.ID)); err != nil {
			errs = append(errs, fmt.Errorf("taxonomy: layers: %v", err))
		}
	}
	frameIDs := map[string]bool{}
	for _, e := range t.Events {
		if _, err := news.ParseEventType(string(e.ID)); err != nil {
			errs = append(errs, fmt.Errorf("taxonomy: event_types: %v", err))
		}
		for _, f := range e.Frames {
			where := "event_types " + string(e.ID) + " frame " + f.ID
			if f.ID == "" || frameIDs[f.ID] {
				errs = append(errs, fmt.Errorf("taxonomy: %s: every frame needs an id of its own", where))
			}
			frameIDs[f.ID] = true
		}
	}
	for _, s := range t.Statuses {
		switch s.ID {
		case news.StatusRumored, news.StatusAnnounced, news.StatusCompleted:
		default:
			errs = append(errs, fmt.Errorf("taxonomy: statuses: unknown status %q", s.ID))
		}
	}
	// Every alias names exactly one entity. A corporate investor that is
	// also a known company (Nvidia, Tencent) is the same entity and may
	// repeat the company's names.
	ambiguousNames := map[string]bool{}
	for _, c := range t.Companies {
		for _, a := range c.Ambiguous {
			ambiguousNames[fold(a)] = true
		}
	}
	for _, inv := range t.Investors {
		for _, a := range inv.Ambiguous {
			ambiguousNames[fold(a)] = true
		}
	}
	owner := map[string]string{} // folded alias -> owning entity
	claim := func(alias, entity string, where func() string) {
		key := fold(strings.TrimSpace(alias))
		if key == "" {
			errs = append(errs, fmt.Errorf("%s: empty alias", where()))
			return
		}
		// Two-letter names ("GV", "YC") match only as written, in
		// capitals, and with context: they must be listed as ambiguous.
		if latinOnly(key) && (len(key) < 2 || len(key) == 2 && (alias != strings.ToUpper(alias) || !ambiguousNames[key])) {
			errs = append(errs, fmt.Errorf("%s: alias %q is too short to match safely (two capitals are allowed when listed as ambiguous)", where(), alias))
			return
		}
		if prev, ok := owner[key]; ok && prev != entity {
			errs = append(errs, fmt.Errorf("%s: alias %q also names %s", where(), alias, prev))
			return
		}
		if t.CommonWords[strings.ToLower(key)] && !ambiguousNames[key] {
			errs = append(errs, fmt.Errorf("%s: alias %q is a common word; list it under ambiguous, so that it is matched only with context", where(), alias))
			return
		}
		owner[key] = entity
	}
	companyNames := map[string]bool{}
	for _, c := range t.Companies {
		companyNames[strings.ToLower(c.Name)] = true
	}
	for _, c := range t.Companies {
		o := companyAt[strings.ToLower(c.Name)]
		entity := "company " + c.Name
		claim(c.Name, entity, func() string { return at(o, ".name") })
		for i, a := range c.Aliases {
			claim(a, entity, func() string { return at(o, ".aliases["+strconv.Itoa(i)+"]") })
		}
		names := append([]string{c.Name}, c.Aliases...)
		for ui, u := range c.Units {
			claim(u.Name, entity, func() string { return at(o, ".units["+strconv.Itoa(ui)+"].name") })
			for i, a := range u.Aliases {
				claim(a, entity, func() string { return at(o, ".units["+strconv.Itoa(ui)+"].aliases["+strconv.Itoa(i)+"]") })
			}
			names = append(names, u.Name)
			names = append(names, u.Aliases...)
			if u.Layer != "" {
				if _, err := news.ParseLayer(string(u.Layer)); err != nil {
					errs = append(errs, fmt.Errorf("%s: %v", at(o, ".units["+strconv.Itoa(ui)+"].layer"), err))
				}
			}
		}
		for i, a := range c.Ambiguous {
			if !containsFold(names, a) {
				errs = append(errs, fmt.Errorf("%s: %q is not one of the company's names", at(o, ".ambiguous["+strconv.Itoa(i)+"]"), a))
			}
		}
		if len(c.Layers) == 0 {
			errs = append(errs, fmt.Errorf("%s: no layers", at(o, ".layers")))
		}
		for i, l := range c.Layers {
			if _, err := news.ParseLayer(string(l)); err != nil {
				errs = append(errs, fmt.Errorf("%s: %v", at(o, ".layers["+strconv.Itoa(i)+"]"), err))
			}
		}
		if c.Parent != "" && !companyNames[strings.ToLower(c.Parent)] {
			errs = append(errs, fmt.Errorf("%s: parent %q is not a company in the taxonomy", at(o, ".parent"), c.Parent))
		}
	}
	// A corporate investor that is also a known company (Nvidia,
	// Tencent) is the same entity: its names find the company.
	investorCompany := t.InvestorCompanies()
	for ii, inv := range t.Investors {
		o := investorAt[strings.ToLower(inv.Name)]
		entity := "investor " + inv.Name
		if ci, ok := investorCompany[ii]; ok {
			entity = "company " + t.Companies[ci].Name
		}
		claim(inv.Name, entity, func() string { return at(o, ".name") })
		for i, a := range inv.Aliases {
			claim(a, entity, func() string { return at(o, ".aliases["+strconv.Itoa(i)+"]") })
		}
		for i, a := range inv.Ambiguous {
			if !containsFold(append([]string{inv.Name}, inv.Aliases...), a) {
				errs = append(errs, fmt.Errorf("%s: %q is not one of the investor's names", at(o, ".ambiguous["+strconv.Itoa(i)+"]"), a))
			}
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	t.Digest = hex.EncodeToString(h.Sum(nil)[:6])
	return t, nil
}

// InvestorCompanies maps the investors that are known companies to them:
// a corporate investor (Nvidia, Tencent) one of whose names is a name of a
// company is that company, by index into Companies.
func (t *Taxonomy) InvestorCompanies() map[int]int {
	// The first company to claim a name owns it; LoadTaxonomy rejects a
	// name that two companies claim.
	owner := map[string]int{}
	claim := func(name string, ci int) {
		if key := fold(strings.TrimSpace(name)); key != "" {
			if _, ok := owner[key]; !ok {
				owner[key] = ci
			}
		}
	}
	for ci, c := range t.Companies {
		claim(c.Name, ci)
		for _, a := range c.Aliases {
			claim(a, ci)
		}
		for _, u := range c.Units {
			claim(u.Name, ci)
			for _, a := range u.Aliases {
				claim(a, ci)
			}
		}
	}
	m := map[int]int{}
	for ii, inv := range t.Investors {
		if inv.Kind != "corporate" {
			continue
		}
		for _, n := range append([]string{inv.Name}, inv.Aliases...) {
			if ci, ok := owner[fold(n)]; ok {
				m[ii] = ci
				break
			}
		}
	}
	return m
}

func mergeByKey[T any](base, add []T, key func(T) string) []T {
	idx := make(map[string]int, len(base))
	for i, v := range base {
		idx[key(v)] = i
	}
	for _, v := range add {
		if i, ok := idx[key(v)]; ok {
			base[i] = v
			continue
		}
		idx[key(v)] = len(base)
		base = append(base, v)
	}
	return base
}

func containsFold(list []string, s string) bool {
	for _, v := range list {
		if strings.EqualFold(v, s) {
			return true
		}
	}
	return false
}

// fold lower-cases ASCII letters: names are told apart as the classifier
// matches them, ignoring ASCII case only.
func fold(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'A' && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	}, s)
}

// latinOnly reports whether s has no Han, Kana or Hangul.
func latinOnly(s string) bool {
	for _, r := range s {
		if unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul) {
			return false
		}
	}
	return true
}
