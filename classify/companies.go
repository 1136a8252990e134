package classify

import (
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/aitracker/aitracker/news"
)

// subject is the company a headline is built around: "Acme raises …",
// "月之暗面完成…融资". It may be a company the taxonomy does not know.
type subject struct {
	name    string
	known   bool
	mention *mention
	span    news.Span
	layer   news.Layer
	rule    string
	firm    bool // an investment firm raising a fund of its own
	// interview: the headline is an interview with the company's person.
	interview bool
	// bracketed: the name is set in corner brackets in the headline.
	bracketed bool
	// layerRule says why layer is what it is, when not from descriptors.
	layerRule string
}

// reviewedMaker reads the maker of the product a review's headline names
// by its model ("Rabbit r2 review: …", "Review: the Kia EV4 is …",
// "Framework Laptop 16 review"): the capitalised words before the
// product's nouns and its model code, a brand whatever the dictionary says
// of the word.
func (r *run) reviewedMaker() *subject {
	title := r.d.parts[partTitle]
	if title == "" || !latinOnly(title) || wordIndex(r.d.folded[partTitle], "review") < 0 {
		return nil
	}
	words := strings.Fields(title)
	for i := 1; i < len(words); i++ {
		code := strings.Trim(words[i], ",.:;()")
		digits := strings.Trim(code, "0123456789") == ""
		if !hasDigit(code) || len(code) > 6 || digits && len(code) > 2 {
			continue
		}
		j := i
		for j > 0 && isCapital(words[j-1]) && !strings.ContainsAny(words[j-1], ":,") {
			j--
		}
		// ("Framework Laptop 16": the product's noun is no part of the
		// maker's name; a bare number needs one to be a model.)
		k := i
		for k > j+1 && r.c.nouns.enAll[strings.ToLower(words[k-1])].has(kProduct) {
			k--
		}
		for j < k && (r.c.lex.headlineOpeners[strings.ToLower(words[j])] || r.c.lex.notNames[strings.ToLower(words[j])]) {
			j++
		}
		if j >= k || k-j > 2 || digits && k == i {
			continue
		}
		name := strings.Join(words[j:k], " ")
		at := strings.Index(title, name)
		if at < 0 || slices.ContainsFunc(r.mentions, func(m mention) bool { return m.part == partTitle && m.start < at+len(name) && at < m.end }) {
			continue
		}
		return &subject{name: r.canonicalUnknown(name), span: news.Span{Part: partTitle.String(), Start: at, End: at + len(name), Text: name},
			rule: "the maker of the product a review names by its model (not in the taxonomy)", layer: r.layerFromCues(nil)}
	}
	return nil
}

// investorOpens reads the investment firm that opens a headline of no
// event and names no company ("高瓴年内领投超20起具身智能融资", "a16z led 30
// AI rounds this year"): the story is the firm's.
func (r *run) investorOpens() *subject {
	start := 0
	if strings.HasPrefix(r.d.parts[partTitle], "「") {
		start = len("「")
	}
	for i := range r.mentions {
		// ("Khosla-backed startups …": a backer modifies the subject.)
		if m := &r.mentions[i]; m.part == partTitle && m.kind == refInvestor && m.start == start && !r.background(m.hit) &&
			!strings.HasPrefix(r.d.parts[partTitle][m.end:], "-") {
			return &subject{name: m.name, known: true, mention: m, span: r.span(m.hit), layer: news.LayerNone, firm: true,
				rule: "the investment firm that opens a headline naming no company"}
		}
	}
	// "Kiln Capital stops funding coding-agent startups": a name with an
	// investment firm's ending, before a verb.
	title := r.d.parts[partTitle]
	if name, at := r.leadRun(title, start, len(title), true); name != "" && at == start && latinOnly(name) {
		if r.c.lex.firmNamed(name) {
			return &subject{name: r.canonicalUnknown(name), span: news.Span{Part: partTitle.String(), Start: at, End: at + len(name), Text: name},
				layer: news.LayerNone, firm: true, rule: "the investment firm, named by its ending, that opens a headline naming no company (not in the taxonomy)"}
		}
	}
	return nil
}

// firmToParent names a corporation's venture arm, when the story is the
// arm's own ("Snowflake Ventures launches $200 million fund", "SoftBank
// Vision Fund swings to a quarterly gain"), by the company it belongs to,
// as the story's company is named by its parent brand; as an investor in
// a round it keeps its own name.
func (r *run) firmToParent(s *subject) {
	if s == nil || !s.firm || s.mention == nil || s.mention.kind != refInvestor {
		return
	}
	parent := r.c.tax.Investors[s.mention.idx].Parent
	if parent == "" {
		return
	}
	name, ok := r.c.Canonical(parent)
	if !ok {
		return
	}
	r.decide("company", name, "the company whose venture arm "+quote(s.name)+" the story is about")
	s.name = name
}

// relationWords name another company by how it stands to one: "Google's
// rival …" is no product of Google's.
var relationWords = []string{"rival", "rivals", "partner", "partners", "customer", "customers", "client", "clients",
	"supplier", "suppliers", "competitor", "competitors", "investor", "investors", "backer", "backers", "portfolio",
	"startup", "unit", "subsidiary", "acquisition", "target", "spinoff", "spin-off"}

// productMaker reads "Pixel 10a review: …" with the lead "Google's
// cheapest Pixel has …": a name no list knows that the headline gives
// with a version is a product, and a company the lead names in the
// possessive right before it ("Google's [cheapest] Pixel") makes it. The
// story is the maker's.
func (r *run) productMaker(s *subject) *subject {
	if s == nil || s.known || s.span.Part != partTitle.String() {
		return s
	}
	title := r.d.parts[partTitle]
	if s.span.End >= len(title) || title[s.span.End] != ' ' || !hasDigit(firstWord(title[s.span.End+1:])) {
		return s
	}
	first := strings.Fields(s.name)[0]
	for i := range r.mentions {
		m := &r.mentions[i]
		if m.kind != refCompany || m.part == partTitle {
			continue
		}
		text := r.d.parts[m.part]
		rest, ok := strings.CutPrefix(text[m.end:], "'s ")
		if !ok {
			if rest, ok = strings.CutPrefix(text[m.end:], "’s "); !ok {
				continue
			}
		}
		// The name within the next three words, the others lower case
		// ("Google's cheapest Pixel", not "Google's rival, Pixel Labs").
		words := strings.Fields(rest)
		for k := 0; k < len(words) && k < 4; k++ {
			w := strings.Trim(words[k], ",.;:")
			if w == first {
				co := &r.c.tax.Companies[m.idx]
				return &subject{name: co.Name, known: true, mention: m, span: news.Span{Part: m.part.String(), Start: m.start, End: m.end, Text: text[m.start:m.end]},
					rule: "the maker the lead names for " + quote(s.name) + ", a product the headline gives with its version", layer: co.Layers[0]}
			}
			if isCapital(w) || strings.ContainsAny(words[k], ",;:") || slices.Contains(relationWords, strings.ToLower(w)) {
				break
			}
		}
	}
	return s
}

// describedInTitle reads a name no list knows that a sentence-case
// headline naming no company describes as an AI business, wherever it
// stands ("Italy's watchdog opens probe into companion chatbot app Lumi",
// "Jury finds chip startup Synthra misused …"): the word before the name
// says it is a company, the words before that what it makes.
func (r *run) describedInTitle() *subject {
	title := r.d.parts[partTitle]
	if title == "" || !latinOnly(title) || r.titleCase(partTitle) {
		return nil
	}
	words := strings.Fields(title)
	// Where each word starts.
	offs := make([]int, len(words))
	for k, at := 0, 0; k < len(words); k++ {
		at += strings.Index(title[at:], words[k])
		offs[k] = at
		at += len(words[k])
	}
	for i := 1; i < len(words); i++ {
		d := strings.ToLower(words[i-1])
		if !r.c.lex.leadCompanyNouns[d] || !isCapital(words[i]) {
			continue
		}
		n := i
		for n < len(words) && n-i < 3 && isCapital(words[n]) && !strings.ContainsAny(words[n-1], ",.;:") {
			n++
		}
		if n < len(words) && isCapital(words[n]) {
			continue
		}
		name := strings.TrimRight(strings.Join(words[i:n], " "), ",.;:?!")
		name, _ = cutPossessive(name)
		low := strings.ToLower(name)
		// ("AI startup CEOs": its people, not its name.)
		// ("the first AI journaling app I’ve kept using": nor a pronoun.)
		if name == "" || r.c.lex.notNames[low] || r.c.lex.pronouns[low] || slices.ContainsFunc(r.c.lex.companyRoles, func(w string) bool { return opensWith(low, w) || opensWith(low, w+"s") }) {
			continue
		}
		// What it makes: an AI word in the three words before the
		// descriptor, or a layer's word right before it.
		at, descAt := offs[i], offs[i-1]
		if !r.c.lex.hasAIWord(title[offs[max(0, i-4)]:descAt]) && !r.layerWordBefore(at) {
			continue
		}
		return &subject{name: r.canonicalUnknown(name), span: news.Span{Part: partTitle.String(), Start: at, End: at + len(name), Text: name},
			rule: "the name no list knows after " + quote(words[i-1]) + ", described as an AI business (not in the taxonomy)", layer: r.layerFromCues(nil)}
	}
	return nil
}

// actor reads the company that a headline reporting no event is about
// when the taxonomy knows none there: the name that opens a sentence-case
// headline, followed by its people or its stock ("Quillon CEO: …") or by
// a verb that companies do and people rarely do ("Brisa recalls …").
//
// With firm, only a name its people ("Quillon CEO"), a firm's ending or a
// word for a company say is one's.
func (r *run) actor(firm bool) *subject {
	title := r.d.parts[partTitle]
	if title == "" {
		return nil
	}
	if !latinOnly(title) {
		return r.zhActor(title)
	}
	// ("Quarrel Systems Inc. (NYSE: QRL) Names …": a ticker's aside is no
	// part of the name, and its colon ends nothing.)
	if strings.Contains(title, "(") {
		title = tickerAside.ReplaceAllStringFunc(title, func(m string) string { return strings.Repeat(" ", len(m)) })
	}
	name, at := r.leadName(title, 0, len(title))
	// "Inside Ardent Compute's plan …", "Why Quillnote's …": a word that
	// opens headlines is no part of the name after it.
	if first, _, ok := strings.Cut(title, " "); name == "" && ok && r.c.lex.headlineOpeners[strings.ToLower(first)] {
		name, at = r.leadName(title, len(first)+1, len(title))
	}
	// "Ledgerlight, a payments app for freelancers, passes …": the name
	// an aside describes, then the verb after the aside.
	after := -1
	if name == "" {
		for _, a := range r.c.lex.doerAsides {
			i := strings.Index(title, a)
			if i <= 0 || !looksLikeName(title[:i]) {
				continue
			}
			if j := strings.Index(title[i+len(a):], ", "); j >= 0 {
				name, at, after = title[:i], 0, i+len(a)+j+len(", ")
				break
			}
		}
	}
	// "Quillon CEO: …", "Quillon CEO Dara Kim: …": a company's person
	// speaks.
	if i := strings.Index(title, ": "); i > 0 {
		speaker := title[:i]
		for k := 0; k < 3; k++ {
			j := strings.LastIndexByte(speaker, ' ')
			if j <= 0 || slices.Contains(r.c.lex.companyRoles, strings.ToLower(speaker[j+1:])) || !isCapital(speaker[j+1:]) {
				break
			}
			speaker = speaker[:j] // the person's name after the role
		}
		if j := strings.LastIndexByte(speaker, ' '); j > 0 && slices.Contains(r.c.lex.companyRoles, strings.ToLower(speaker[j+1:])) &&
			looksLikeName(speaker[:j]) && !r.c.lex.notNames[strings.ToLower(speaker[:j])] {
			name, at = speaker[:j], 0
		}
	}
	// "Tabstop CEO rules out …": the company's person acts; "Quillnote
	// CTO Dana Reyes steps down": the person's name may follow the role.
	role := ""
	if f := strings.Fields(name); len(f) > 1 {
		for i := len(f) - 1; i >= 1 && i >= len(f)-3; i-- {
			if r.c.lex.roleWord(f[i]) {
				name, role = strings.Join(f[:i], " "), f[i]
				break
			}
		}
	}
	// "Khosla-backed Veldt Robotics opens …": who backs it, or where it
	// is, is no part of the name.
	if f := strings.Fields(name); len(f) > 1 && placeOrBacker(strings.ToLower(f[0])) {
		rest := strings.TrimLeft(name[len(f[0]):], " ")
		at, name = at+len(name)-len(rest), rest
	}
	// ("Inside Ardent Compute's plan": the owner, not its possessive.)
	if n, ok := cutPossessive(name); ok {
		name = n
	}
	// "Chinese AI divides …", "Responding to …": a nationality or a verb
	// opens the headline, not a name.
	if name != "" {
		f := strings.Fields(name)
		first := strings.ToLower(f[0])
		// ("Cinder Systems forecasts …": a dictionary word before a word
		// that ends only firms' names is a name; "Generative AI" is not.)
		suffixed := len(f) > 1 && r.c.lex.firmSuffixes[f[len(f)-1]] && isCapital(f[0])
		// ("Helix Dental AI Earns …": a name the lead opens a sentence with,
		// "Helix Dental AI, which builds …", is one.)
		if r.c.lex.notNames[first] || r.c.tax.CommonWords[first] && !suffixed && !(r.titleCase(partTitle) && r.leadConfirms(name)) ||
			!strings.Contains(name, " ") && (strings.HasSuffix(first, "ing") || strings.HasSuffix(first, "ed")) {
			name = ""
		} else if r.c.personOf(name) != "" {
			// ("Jensen Huang warns …": a person the taxonomy knows.)
			name = ""
		}
	}
	// "Coding agent Tabstop crosses …": a name after a word that says
	// what it is, before a verb; the words before the descriptor say what
	// the company makes ("Companion app Mellow").
	why := "the name that opens the headline, before "
	if dn, dat, drole := r.describedLead(title); dn != "" && (name == "" || dat == at || dat >= at+len(name) && len(strings.Fields(title[at+len(name):dat])) <= 2) {
		name, at, role = dn, dat, drole
		after, why = -1, "the name after "
	}
	// ("Skald-2 tops the leaderboard": a name with a version is a
	// model's, not its maker's; "1X" opens with its number.)
	if name == "" || strings.ContainsAny(name, ":") || modelName(name) {
		return r.namedAgainActor(title)
	}
	if after < 0 {
		after = at + len(name)
	}
	found := r.c.lex.companyWordAfter(title[after:])
	// (Its people after it, or a firm's ending, say more than a verb.)
	sure := role != "" || slices.Contains(r.c.lex.companyRoles, found)
	if i := strings.LastIndexByte(name, ' '); i > 0 && r.c.lex.companySuffixes[name[i+1:]] {
		found, sure = name[i+1:], true
	}
	if role != "" {
		found = role
	}
	if firm && !sure {
		return nil
	}
	// "Relay47's voice agents now answer phones …", "Lumaray’s $399 AR
	// glasses are …": a name whose own product the headline is about.
	if found == "" && !firm {
		if rest := title[after:]; strings.HasPrefix(rest, "'s ") || strings.HasPrefix(rest, "’s ") {
			from := after + strings.Index(rest, " ") + 1
			if a := r.enPhrase(partTitle, from, len(title), title); (a.kind == kProduct || a.kind == kModel) && !r.c.lex.notOwnedThings[lastField(strings.ToLower(a.text))] {
				found = lastField(a.text)
			}
		}
	}
	if found == "" && !firm && r.titleCase(partTitle) && r.leadConfirms(name) {
		return &subject{name: r.canonicalUnknown(name), span: news.Span{Part: partTitle.String(), Start: at, End: at + len(name), Text: name},
			rule: "the name that opens the headline, which a sentence of the lead opens with as its subject (not in the taxonomy)", layer: r.layerFromCues(nil)}
	}
	if found == "" {
		return r.namedAgainActor(title)
	}
	return &subject{name: r.canonicalUnknown(name), span: news.Span{Part: partTitle.String(), Start: at, End: at + len(name), Text: name},
		rule: why + quote(found) + " (not in the taxonomy)", layer: r.layerFromCues(nil)}
}

// describedLead reads "Coding agent Tabstop crosses …": a capitalised
// name within the first words of a sentence-case headline, right after a
// word that says what a company is and before a lower-case word. It
// returns the name, where it starts and the describing word.
func (r *run) describedLead(title string) (string, int, string) {
	if r.titleCase(partTitle) {
		return "", 0, ""
	}
	words := strings.Fields(title)
	for i := 1; i < len(words)-1 && i < 4; i++ {
		d := strings.ToLower(words[i-1])
		if !r.c.lex.descriptorWords[d] && !r.c.lex.descriptorWords[strings.TrimSuffix(d, "s")] || !isCapital(words[i]) {
			continue
		}
		n := i
		for n < len(words) && n-i < 3 && isCapital(words[n]) {
			n++
		}
		if n == len(words) || isCapital(words[n]) {
			return "", 0, ""
		}
		name := strings.TrimRight(strings.Join(words[i:n], " "), ",.;:")
		name, _ = cutPossessive(name)
		if r.c.lex.notNames[strings.ToLower(name)] {
			return "", 0, ""
		}
		at := strings.Index(title, name)
		if at < 0 {
			return "", 0, ""
		}
		return name, at, words[i-1]
	}
	return "", 0, ""
}

// fundManager reads the firm that raises or closes a fund of its own
// ("Brightwater closes $25M debut fund", "红杉中国完成新一期美元基金募集"):
// no funding round, but the firm is what the news is about.
func (r *run) fundManager() *subject {
	for i := range r.predicates {
		p := &r.predicates[i]
		if p.part != partTitle || p.frame.ID != "other.fund" && p.frame.ID != "other.fund-close" && p.frame.ID != "other.firm-raise" || !p.reading.ok || r.background(p.hit) {
			continue
		}
		a := r.subjectOf(p.hit, false, !latinOnly(r.d.parts[partTitle]))
		if a.mention == nil {
			// "红杉中国完成新一期美元基金募集": the firm opens the clause.
			from := r.sentenceOf(p.hit)[0]
			for j := range r.mentions {
				// ("OpenAI-backed fund raises …": a backer is not the firm.)
				if m := &r.mentions[j]; m.part == partTitle && m.start == from && m.end <= p.start && (m.kind == refInvestor || m.kind == refCompany) &&
					!strings.HasPrefix(r.d.parts[partTitle][m.end:], "-") {
					a = r.mentionArg(m)
					break
				}
			}
		}
		if m := a.mention; m != nil {
			return &subject{name: m.name, known: true, mention: m, span: r.span(m.hit), layer: news.LayerNone, firm: true,
				rule: "the firm that raises a fund of its own"}
		}
		// "岚山资本完成20亿元AI主题基金募集": a firm's name opens the
		// clause, before a verb that companies do.
		if text := r.d.parts[partTitle]; !latinOnly(text[:p.start]) {
			from := r.sentenceOf(p.hit)[0]
			for _, v := range r.c.lex.zhCompanyVerbs {
				if i := strings.Index(text[from:p.start], v); i > 0 {
					if name := strings.TrimSpace(text[from : from+i]); r.c.lex.zhCompanyShaped(name, text[from+i:]) {
						return &subject{name: r.canonicalUnknown(name), span: news.Span{Part: partTitle.String(), Start: from, End: from + i, Text: name},
							layer: news.LayerNone, firm: true, rule: "the firm that raises a fund of its own (not in the taxonomy)"}
					}
				}
			}
		}
		text := r.d.parts[partTitle]
		// "Northlight Capital holds €250m first close": the sum before
		// the fund's noun is no doer; the name that opens the clause, with
		// a firm's ending, is.
		if a.start < a.end && hasDigit(text[a.start:a.end]) {
			from := r.sentenceOf(p.hit)[0]
			if name, at := r.leadName(text, from, p.start); name != "" {
				if r.c.lex.firmNamed(name) {
					return &subject{name: r.canonicalUnknown(name), span: news.Span{Part: partTitle.String(), Start: at, End: at + len(name), Text: name},
						layer: news.LayerNone, firm: true, rule: "the firm that raises a fund of its own, named by its ending (not in the taxonomy)"}
				}
			}
			continue
		}
		if a.kind != kName || a.start >= a.end {
			continue
		}
		name := strings.TrimSpace(text[a.start:a.end])
		if r.c.lex.notNames[strings.ToLower(name)] || !latinOnly(name) && !r.c.lex.zhCompanyShaped(name, "") {
			continue
		}
		start := a.start + max(0, strings.Index(text[a.start:a.end], name))
		return &subject{name: r.canonicalUnknown(name), span: news.Span{Part: partTitle.String(), Start: start, End: start + len(name), Text: name},
			layer: news.LayerNone, firm: true, rule: "the firm that raises a fund of its own (not in the taxonomy)"}
	}
	return nil
}

// zhBracketActor reads a company's name set in corner brackets in a
// Chinese headline that names no company the taxonomy knows: after a
// word that describes a company ("AI写作独角兽「智语」"), before its
// people ("「驰远智驾」创始人"), or shaped like a company's name ("「律衡科
// 技」").
func (r *run) zhBracketActor() *subject {
	title := r.d.parts[partTitle]
	if latinOnly(title) {
		return nil
	}
	known := r.hasTitleCompany()
	for _, b := range bracketNames(title, 0, len(title)) {
		// ("「云栈科技」否认获小米投资": a bracketed name opening the
		// headline is its subject, whoever else it names.)
		if known && b[0] != len("「") {
			continue
		}
		name := title[b[0]:b[1]]
		before := strings.TrimRight(title[:b[0]], "「")
		after := strings.TrimLeft(title[b[1]:], "」")
		// ("「具身智能」成为最热赛道": a field's own name, a layer's cue, is
		// no company's.)
		if slices.ContainsFunc(r.d.hits, func(h hit) bool {
			return h.part == partTitle && h.kind == refLayer && h.start <= b[0] && h.end >= b[1]
		}) {
			continue
		}
		next, _ := utf8.DecodeRuneInString(after)
		why := ""
		switch {
		case !latinOnly(name) && r.c.lex.zhSuffixed(name):
			why = "ending like a company's name"
		case (b[0] == len("「") || slices.Contains(r.c.lex.zhRumourOpeners, strings.TrimSpace(before))) && unicode.Is(unicode.Han, next) && !r.zhHeadedByNoun(name) && !r.c.nouns.zhNounIs(name) &&
			!strings.ContainsAny(name, "0123456789一二三四五六七八九十百千万") &&
			!slices.ContainsFunc(r.d.hits, func(h hit) bool { return h.part == partTitle && h.start >= b[0] && h.end <= b[1] && h.kind != refLayer }):
			// "「码上飞」付费用户突破100万": the outlets' mark for a startup
			// opens the headline, or follows a word that only says where
			// the news comes from ("网传「…」"), which goes on about it (not a phrase
			// holding a known name or a cue, "「GPT时刻」还没到来", nor a
			// group's nickname with its count, "「AI六小龙」").
			why = "opening the headline"
		case slices.ContainsFunc(r.c.lex.zhDescriptors, func(d string) bool { return strings.HasSuffix(before, d) }):
			why = "after a word that describes a company"
		case slices.ContainsFunc(r.c.lex.zhCompanyRoles, func(role string) bool { return strings.HasPrefix(after, role) }):
			why = "before its people"
		default:
			continue
		}
		return &subject{name: r.canonicalUnknown(name), span: news.Span{Part: partTitle.String(), Start: b[0], End: b[1], Text: name},
			rule: "a name in corner brackets, " + why + " (not in the taxonomy)", layer: r.layerFromCues(nil), bracketed: true}
	}
	return nil
}

// zhActor reads "深瞳智算创始人：存算一体芯片会在推理侧先落地": a
// company's person speaks, the company's name before the role.
func (r *run) zhActor(title string) *subject {
	i := strings.Index(title, "：")
	if i < 0 {
		return r.zhLeadActor(title)
	}
	head := strings.TrimSpace(title[:i])
	// "专访MiniMax副总裁": the genre word before the name and the 副 of
	// the role are neither part of it.
	for _, g := range r.c.lex.zhInterviewWords {
		head = strings.TrimPrefix(head, g)
	}
	spoke := false
	// "曾获某某领投的墨言智能CEO": what 的 closes describes the company.
	if i := strings.LastIndex(head, "的"); i >= 0 {
		head = head[i+len("的"):]
	}
	for _, role := range r.c.lex.zhCompanyRoles {
		name, ok := strings.CutSuffix(head, role)
		name = strings.TrimSuffix(name, "副")
		if !ok || name == "" || utf8.RuneCountInString(name) > 12 {
			continue
		}
		spoke = true
		// A name the taxonomy knows, rejected as ambiguous, is that
		// company here.
		start := strings.Index(title, name)
		if start >= 0 {
			if s := r.rejectedCompany(partTitle, start, name, "the company whose "+role+" speaks"); s != nil {
				return s
			}
		}
		if !r.c.lex.zhCompanyShaped(name, "") {
			continue
		}
		return &subject{name: r.canonicalUnknown(name), span: news.Span{Part: partTitle.String(), Start: start, End: start + len(name), Text: name},
			rule: "the company whose " + role + " speaks (not in the taxonomy)", layer: r.layerFromCues(nil)}
	}
	if spoke {
		return nil
	}
	// "星河智能回应融资传闻：…": no one speaks; the company opens the
	// part before the colon.
	return r.zhLeadActor(title[:i])
}

// zhLeadActor reads "星云智能宣布终止收购…": a name shaped like a
// company's that opens a Chinese headline, before the verb that ends a
// subject.
func (r *run) zhLeadActor(title string) *subject {
	head := title
	if i := strings.IndexAny(head, "，,；;！!？?"); i >= 0 {
		head = head[:i]
	}
	// ("具身智能公司星衡机器人否认…": or after the words that describe it.)
	name, at, described := r.c.lex.describedName(head)
	if name == "" || latinOnly(name) || at != 0 && !described || !r.c.lex.zhCompanyShaped(name, head[at+len(name):]) || r.zhHeadedByNoun(name) ||
		!r.c.lex.zhSuffixed(name) || zhNotAName(name) {
		// "衡石数据登榜…" with "…，衡石数据凭借…": a name the lead opens a
		// clause with.
		if name, at := r.zhRepeatedName(title); name != "" {
			return &subject{name: r.canonicalUnknown(name), span: news.Span{Part: partTitle.String(), Start: at, End: at + len(name), Text: name},
				rule: "the name that opens the headline and a clause of the lead (not in the taxonomy)", layer: r.layerFromCues(nil)}
		}
		return nil
	}
	// ("面壁智能：拒绝…": a name the taxonomy knows is that company.)
	for i := range r.mentions {
		if m := &r.mentions[i]; m.part == partTitle && m.kind == refCompany && m.start == at && m.end == at+len(name) {
			return &subject{name: m.name, known: true, mention: m, span: r.span(m.hit), layer: m.layer,
				rule: "the company that opens the headline"}
		}
	}
	return &subject{name: r.canonicalUnknown(name), span: news.Span{Part: partTitle.String(), Start: at, End: at + len(name), Text: name},
		rule: "the name shaped like a company's that opens the headline (not in the taxonomy)", layer: r.layerFromCues(nil)}
}

// zhSubjectFollowers are the words that follow a company's name as the
// subject of a lead's clause ("衡石数据凭借…", "云启智联在WAIC 2026发布…").
var zhSubjectFollowers = []string{"凭借", "在", "联合", "与", "携手", "正式", "宣布", "近日", "今日", "今天", "日前", "成功", "已", "将",
	"于", "推出", "发布", "再次", "首次", "获得", "完成", "作为", "通过", "依托", "基于", "荣获", "入选", "决定"}

// zhRepeatedName returns the Han name that opens a Chinese headline (after
// spaces, where a label was) and a clause of the lead alike: "衡石数据登榜
// …" and "…，衡石数据凭借一站式智能分析平台成功入选": three to six
// characters, the same in both up to where they part, followed in the
// lead by a word that follows a subject, that no dictionary has and that
// name no place, body or thing. It returns "" when there is none.
func (r *run) zhRepeatedName(title string) (string, int) {
	at := len(title) - len(strings.TrimLeft(title, " "))
	head := title[at:]
	sum := r.d.parts[partSummary]
	if sum == "" || latinOnly(sum) || latinOnly(head) {
		return "", 0
	}
	best := ""
	for i := 0; i < len(sum); {
		// Each clause's start: the lead's, or after a mark that ends one.
		clause := sum[i:]
		n := 0
		for n < len(clause) && n < len(head) && clause[n] == head[n] {
			n++
		}
		// Back to a whole Han character, and to before a name the
		// taxonomy knows and the word that joins it ("衡石数据与华为云…").
		common := head[:n]
		for common != "" && !utf8.ValidString(common) {
			common = common[:len(common)-1]
		}
		for _, m := range r.mentions {
			if m.part == partTitle && m.start >= at && m.start < at+len(common) {
				common = strings.TrimRight(common[:m.start-at], "与和及、同")
			}
		}
		// ("驭风智驾Robotaxi…": a Latin word after the name is its
		// product's.)
		if i := strings.IndexFunc(common, func(c rune) bool { return c < utf8.RuneSelf }); i > 0 {
			common = common[:i]
		}
		if k := utf8.RuneCountInString(common); k >= 3 && k <= 6 && hanOnly(common) && len(common) < len(head) && len(common) > len(best) &&
			slices.ContainsFunc(zhSubjectFollowers, func(w string) bool { return strings.HasPrefix(clause[len(common):], w) }) {
			best = common
		}
		j := strings.IndexAny(sum[i:], "，。：；！")
		if j < 0 {
			break
		}
		_, size := utf8.DecodeRuneInString(sum[i+j:])
		i += j + size
	}
	if best == "" || r.c.tax.CommonWords[best] || r.zhHeadedByNoun(best) || strings.ContainsAny(lastRune(best), "市省区县部局委院所会府") ||
		slices.ContainsFunc(r.c.lex.zhPlacePrefixes, func(p string) bool { return strings.HasPrefix(best, p) }) ||
		slices.ContainsFunc(r.mentions, func(m mention) bool { return m.part == partTitle && m.start < at+len(best) && m.end > at }) {
		return "", 0
	}
	return best, at
}

// subject finds who the headline says did the event: the last company
// named before the first cue of the event type, or, when the taxonomy
// knows no company there, the name that the sentence puts there.
func (r *run) subject(et news.EventType) *subject {
	r.subjectFromLead = false
	s := r.readSubject(et, false)
	if s == nil && r.subjectFromLead {
		// (A lead that gives no name leaves the headline's: "Relay Docs
		// lays off 40 employees" over "The AI contract-drafting startup, …,
		// let go of 20% of its workforce".)
		s = r.readSubject(et, true)
	}
	return s
}

// readSubject is subject; a headline frame with no party gives way to
// the lead's (saying so in subjectFromLead) unless keepTitle.
func (r *run) readSubject(et news.EventType, keepTitle bool) *subject {
	if r.d.parts[partTitle] == "" {
		return nil
	}
	if et == news.EventFunding && r.funded != nil {
		m := r.funded
		return &subject{name: m.name, known: true, mention: m, span: r.span(m.hit), layer: m.layer,
			rule: "the company the headline's investor puts money into"}
	}
	// The predicate whose frame holds, in the headline, else in the lead.
	part := partTitle
	p := r.predicateOf(et, part)
	// "Introducing Heron-2: …", "Our Series A, and where we go from here": a
	// company's own post names no doer in its headline; its lead does
	// ("Today Quillmark AI is releasing Heron-2").
	if p != nil && p.reading.subject.text == "" && !r.hasTitleCompany() {
		if q := r.predicateWhere(et, partSummary, func(q *predicate) bool { return q.reading.subject.text != "" }); q != nil && r.weight(partSummary, q.start) == wLead {
			if r.c.lex.ownPost(r.d.parts[partTitle]) {
				part, p = partSummary, q
			}
		}
	}
	// "某某CTO创业，获云启、商汤…融资": a headline frame that holds with no
	// party at all leaves the raiser to the lead.
	if p != nil && p.reading.subject.text == "" && p.reading.object.text == "" && !r.hasTitleParty() {
		if q := r.predicateWhere(et, partSummary, func(q *predicate) bool { return q.reading.subject.text != "" || q.reading.object.text != "" }); !keepTitle && q != nil && r.weight(partSummary, q.start) == wLead {
			part, p, r.subjectFromLead = partSummary, q, true
		}
	}
	// "Former Meta Reality Labs execs raise $40M for AI pendant startup":
	// people of another company who raise money raise it for a startup
	// the lead names.
	if et == news.EventFunding && p != nil && part == partTitle && r.formerPeopleBefore(p.hit) {
		if q := r.predicateWhere(et, partSummary, func(q *predicate) bool {
			s := q.reading.subject
			return (s.mention != nil && s.mention.kind == refCompany || s.kind == kName) && !r.background(q.hit)
		}); q != nil && r.weight(partSummary, q.start) == wLead {
			part, p = partSummary, q
		} else if s := r.leadNamesUnnamed(); s != nil {
			return s
		}
	}
	// "Series A of ₹180 crore raised by Lumora Labs": a noun whose
	// argument follows it names no doer; a verb of the same event with
	// its doer does.
	if p != nil && p.frame.object == 0 && p.reading.object.start >= p.end {
		if q := r.predicateWhere(et, part, func(q *predicate) bool { return q.reading.subject.text != "" }); q != nil {
			p = q
		} else if q := r.predicateWhere(et, part, func(q *predicate) bool {
			// "连获三轮融资，「星枢机器人」累计融资超10亿元": nor does a noun
			// whose argument stands before it.
			o := q.reading.object
			return q.frame.object == 0 && o.text != "" && o.end <= q.start
		}); q != nil {
			p = q
		}
	}
	// "小米战略投资灵巧手公司掌芯科技": a frame whose object is the investor
	// gives way to one of the same place whose object is funded; in
	// Chinese, so does a noun's whose object stands before it, the doer
	// of "科大讯飞拟出资1.2亿元战略投资「芯原力」".
	// (A name no list knows as well: "汉鼎股份拟5000万元战略投资AI公司言川智能".)
	if p != nil && (p.reading.object.mention != nil && p.reading.object.mention.investor ||
		!latinOnly(p.hit.text) && p.frame.object == 0 && p.reading.object.text != "" && p.reading.object.end <= p.start &&
			(p.reading.object.mention != nil || p.reading.object.kind == kName)) {
		if q := r.predicateWhere(et, part, func(q *predicate) bool {
			o := q.reading.object
			return q.hit.object && o.start < o.end && (o.mention != nil && !o.mention.investor || o.kind == kName)
		}); q != nil {
			p = q
		}
	}
	// "Jury finds voice startup Sonance liable for …": a finding whose
	// doer is the court names no party; the legal predicate after it does.
	if et == news.EventRegulation && p != nil && p.reading.subject.kind == kRegulator && p.frame.object == 0 && p.reading.object.text == "" {
		if q := r.predicateWhere(et, part, func(q *predicate) bool { return q.start > p.start && q.reading.subject.kind != kRegulator }); q != nil {
			p = q
		}
	}
	if p == nil {
		part = partSummary
		p = r.predicateOf(et, part)
		if p == nil || r.weight(part, p.start) != wLead {
			return nil
		}
	}
	cue := p.hit
	cueAt := cue.start
	text := r.d.parts[part]
	from := r.sentenceOf(cue)[0]
	// "Meta takes a stake in Scale AI", "张江集团注资智谱": the frame's object
	// receives the money.
	if et == news.EventFunding && cue.object {
		if s := r.argCompany(p.reading.object, part, "the company "+quote(cue.text)+" puts money into"); s != nil {
			return s
		}
	}
	// "Commerce Department awards Pylon Devices a $45M grant": the
	// company that gets the public money.
	if o := p.reading.recipient; o.text != "" {
		if s := r.argCompany(o, part, "the company "+quote(cue.text)+" gives public money to"); s != nil {
			return s
		}
	}
	// Passive headlines name the object first: "Acme is acquired by …".
	if et == news.EventAcquisition && (p.reading.passive || p.frame.Inverse || r.c.lex.isPassive(text, cue)) {
		return nil
	}
	// "Bavarian state fund joins €85m Series B in Munich chipmaker
	// Kernfeld": an investor that joins or leads a round named in the
	// headline puts money in the company after "in" or "for".
	if et == news.EventFunding && part == partTitle && p.frame.object == 0 && r.roundJoinedBefore(text, cue.start) {
		if s := r.objectSubject(text, cue); s != nil {
			return s
		}
	}
	// "Judge dismisses Pallas Cloud's antitrust claims", "FDA clears
	// Lumora's chest X-ray AI": the company whose case or thing a court
	// or a regulator acts on.
	if o := p.reading.object; et == news.EventRegulation && p.reading.subject.kind == kRegulator && o.owner != "" {
		if s := r.ownerCompany(o, part, "the company whose case or thing "+quote(cue.text)+" acts on"); s != nil {
			return s
		}
	}
	// The frame's doer, or the name a noun frame found in its clause.
	if s := r.argSubject(p, part); s != nil {
		return s
	}
	// "Former Tesla engineer joins robotics startup Kinetica as CTO":
	// the company a person joins.
	if p.frame.ObjectParty && (p.reading.subject.kind == kPerson || p.reading.subject.kind == kNone) {
		if s := r.argCompany(p.reading.object, part, "the company that "+quote(cue.text)+" names after it, the doer being a person"); s != nil {
			return s
		}
	}
	// "Authors sue Quillon over …", "Quillon sued by authors", "lawsuit
	// against Lumora": with no company bringing it, the company sued, when
	// no list knows it (a known one is found below).
	if et == news.EventRegulation && latinOnly(text) {
		// (A government sued is no company: "Foxhollow Labs sues Pentagon".)
		if o := r.suedParty(p, part); o.text != "" && (o.kind == kName || o.kind == kOrg && capitalisedWords(o.text)) && o.mention == nil && !r.c.nouns.regulatorName(o.text) {
			if s := r.argCompany(o, part, "the company "+quote(cue.text)+" is against"); s != nil {
				return s
			}
		} else if o.owner != "" && o.mention == nil {
			// ("FDA clears Lumora's chest X-ray AI": the owner of what a
			// regulator acts on.)
			if s := r.ownerCompany(o, part, "the company whose thing "+quote(cue.text)+" acts on"); s != nil {
				return s
			}
		}
	}
	var best *mention
	for i := range r.mentions {
		m := &r.mentions[i]
		if m.part != part || m.start < from || m.end > cueAt || m.investor || m.kind != refCompany || r.background(m.hit) {
			continue
		}
		best = m
	}
	// A product or model does not raise money: "Nova AI raises" names a
	// startup, not Amazon's Nova.
	if best != nil && et == news.EventFunding && best.unit >= 0 && strings.HasPrefix(text[best.end:cueAt], " ") && isCapital(strings.TrimSpace(text[best.end:cueAt])) {
		best = nil
	}
	if best != nil {
		return &subject{name: best.name, known: true, mention: best, span: r.span(best.hit), layer: best.layer,
			rule: fmt.Sprintf("the company named before %s", quote(cue.text))}
	}
	prefix := text[from:cueAt]
	// "Shares of Chinese model maker Lingxi AI jump 40% in Hong Kong
	// debut": the company whose shares trade.
	for _, sh := range []string{"Shares of ", "Shares in ", "shares of "} {
		if rest, ok := strings.CutPrefix(prefix, sh); ok && et == news.EventIPO {
			from += len(sh)
			prefix = rest
			// (The name ends where the shares' verb starts: "jump", "soar".)
			for i, w := range strings.Fields(prefix) {
				if lw := strings.ToLower(w); i > 0 && w == lw && (r.c.lex.phraseStops[lw] || shareMoves[lw]) {
					prefix = prefix[:strings.Index(prefix, " "+w+" ")+1]
					break
				}
			}
			break
		}
	}
	// "Lumora Labs Announces $12.5 Million Seed Round": the name stands
	// before the sum.
	for _, am := range r.amountsIn(part) {
		if am.start >= from && am.start < cueAt {
			prefix = strings.TrimRight(text[from:am.start], " ")
			break
		}
	}
	name, start, described := r.c.lex.describedName(prefix)
	start += from
	// ("We're releasing SmolLM4": a pronoun is no name.)
	if r.c.lex.pronouns[strings.ToLower(name)] {
		name = ""
	}
	// "Lumora cuts Kestrel API prices": the name right before a price's
	// noun is the model's; its maker opens the clause, before the verb.
	if name != "" && et == news.EventProductLaunch && strings.TrimSpace(text[start+len(name):cueAt]) == "" &&
		(strings.Contains(cue.text, "API") || strings.Contains(strings.ToLower(cue.text), "price")) {
		if lead, at := r.leadName(text, from, start); lead != "" && at+len(lead) < start {
			name, start = lead, at
		}
	}
	if name != "" && et == news.EventFunding && r.investorWithin(part, start, start+len(name)) {
		name = ""
	}
	// "takes controlling 70% stake in": a count is no name.
	if name != "" && r.c.lex.countOrSum(name) {
		name = ""
	}
	// A name the taxonomy knows, rejected as ambiguous, is still that
	// company when the headline puts it in the subject's place.
	if name != "" {
		if s := r.rejectedCompany(part, -1, name, fmt.Sprintf("the company named before %s in the headline", quote(cue.text))); s != nil {
			return s
		}
	}
	// Names the taxonomy does not know are taken from headlines about
	// deals, launches and job cuts, where companies are the subject; in
	// other headlines a capitalised word before the verb is as likely a
	// regulator, a country or a person, unless a word such as "company"
	// or "startup" says what it is.
	switch et {
	case news.EventFunding, news.EventAcquisition, news.EventIPO, news.EventProductLaunch, news.EventModelRelease, news.EventLayoffs:
	default:
		if !described {
			return nil
		}
	}
	// "Harmony has filed confidentially for an IPO": the name that opens
	// the clause, before a verb companies do.
	if name == "" && (et == news.EventIPO || et == news.EventLayoffs) && part == partTitle {
		if n, at := r.leadName(text, from, cueAt); n != "" && latinOnly(n) && r.c.lex.companyWordAfter(text[at+len(n):cueAt]) != "" {
			name, start = n, at
		} else if w, _, _ := strings.Cut(strings.TrimLeft(text[from:cueAt], " "), " "); isCapital(w) && latinOnly(w) && !r.titleCase(part) &&
			!r.c.lex.notNames[strings.ToLower(w)] && !r.c.lex.headlineOpeners[strings.ToLower(w)] {
			// A common word opening the headline before a company's verb
			// is the company's name there ("Harmony has filed …").
			at := from + strings.Index(text[from:cueAt], w)
			if r.c.lex.companyWordAfter(text[at+len(w):cueAt]) != "" {
				name, start = w, at
			}
		}
	}
	if name == "" {
		if et != news.EventFunding {
			return nil
		}
		// "Sequoia leads $50M round in Acme": the investor opens the
		// headline and the company follows a preposition.
		if part != partTitle {
			return nil
		}
		return r.objectSubject(text, cue)
	}
	// "… open R1 model", "DeepSeek-V3模型": the name right before the word
	// model names the model, not its maker.
	if et == news.EventModelRelease && (strings.Contains(strings.ToLower(cue.text), "model") || strings.Contains(cue.text, "模型")) &&
		strings.TrimSpace(text[start+len(name):cueAt]) == "" {
		return nil
	}
	// "Acme's Lumen 2 Pro now in preview": a name with a version is the
	// model released, not its maker; so is a known maker's name with a
	// version before a product's news ("Gemini 3 Flash batch requests
	// are discounted"; but "SCB 10X releases a benchmark").
	if latinOnly(name) && modelShaped(name) && (et == news.EventModelRelease ||
		et == news.EventProductLaunch && slices.ContainsFunc(r.d.hits, func(o hit) bool { return o.part == part && o.start == start && o.kind == refCompany })) {
		return nil
	}
	// "深圳：对大模型企业训练算力给予补贴": after a preposition opening
	// the clause comes who the act is for, not who acts.
	if !latinOnly(name) && r.c.lex.zhAfterPreposition(text[from:start]) {
		return nil
	}
	// "星衡动力人形机器人H1正式上市": the company, then its product.
	if !latinOnly(name) {
		name = r.c.lex.zhWithoutProduct(name)
	}
	// ("AI绘画平台训练数据侵权案": a noun the lists know, whatever stands
	// before it, names no company.)
	if !latinOnly(name) && (!r.c.lex.zhCompanyShaped(name, text[start+len(name):cue.end]) || r.zhHeadedByNoun(name) && !described || r.c.nouns.zhNounIs(name)) {
		return nil
	}
	// ("Technology Secretary Liz Kendall announces £86 million …": a
	// person's office is no company.)
	if r.c.lex.personTitle(name) {
		return nil
	}
	s := &subject{name: r.canonicalUnknown(name), span: news.Span{Part: part.String(), Start: start, End: start + len(name), Text: name},
		rule: fmt.Sprintf("the name the headline puts before %s (not in the taxonomy)", quote(cue.text))}
	s.layer = r.layerFromCues(nil)
	return s
}

// shareMoves are what shares do on their first day, in the plural.
var shareMoves = map[string]bool{"jump": true, "soar": true, "surge": true, "fall": true, "slide": true, "rise": true,
	"climb": true, "tumble": true, "sink": true, "pop": true, "rally": true, "double": true, "triple": true, "open": true,
	"close": true, "end": true, "plunge": true, "drop": true, "gain": true, "leap": true, "debut": true, "start": true}

// clauseOwner returns the name that opens the clause of h as an owner
// ("Ledgerly's") before the phrase at start, or "".
func (r *run) clauseOwner(h hit, start int) string {
	cl := r.clauseSpan(h)
	text := r.d.parts[h.part]
	if start > len(text) || start < cl[0] {
		return ""
	}
	// "Vantora Security's agent firewall": the owner is a run of up to
	// four capitalised words that opens the clause and ends on a
	// possessive.
	words := strings.Fields(text[cl[0]:start])
	for i, w := range words {
		if i == 4 || !isCapital(w) && !(i > 0 && w == "&") {
			break
		}
		if n, ok := cutPossessive(w); ok {
			return strings.Join(append(slices.Clone(words[:i]), n), " ")
		}
	}
	return ""
}

// zhOpeningName is the company a Chinese headline with no frame opens
// on, after a descriptor or none: "AI眼镜公司镜界科技申请破产清算",
// "云策数据融资余额连续三日增加". The name must end in a word that ends
// companies' names and be followed by more Han text; a headline that
// names a company the taxonomy knows leaves it to that one.
func (r *run) zhOpeningName() *subject {
	title := r.d.parts[partTitle]
	cls := r.d.clauses[partTitle]
	if len(cls) == 0 || latinOnly(title) || r.hasTitleCompany() {
		return nil
	}
	seg := title[cls[0][0]:cls[0][1]]
	base := cls[0][0]
	// "刚刚，灵枢智能的人形机器人…": a word that only flags the news opens
	// a clause of its own; the subject opens the next.
	if len(cls) > 1 && slices.Contains(zhNewsFlags, strings.TrimSpace(seg)) {
		seg, base = title[cls[1][0]:cls[1][1]], cls[1][0]
	}
	// "【恒信科技终止收购…】": a flash's brackets are no part of its name.
	if rest, ok := strings.CutPrefix(seg, "【"); ok {
		base += len(seg) - len(rest)
		seg = rest
	}
	// "因财务资料过期 瀚星机器人科创板IPO审核中止": a part that gives a cause
	// is no part of the subject; the next one opens it.
	if f := strings.Fields(seg); len(f) > 1 && (strings.HasPrefix(f[0], "因") || strings.HasPrefix(f[0], "由于") || strings.HasPrefix(f[0], "受")) {
		i := strings.Index(seg, f[1])
		base += i
		seg = seg[i:]
	}
	from := 0
	for _, d := range r.c.lex.zhDescriptors {
		if i := strings.Index(seg, d); i > 0 && utf8.RuneCountInString(seg[:i]) <= 8 && i+len(d) > from {
			from = i + len(d)
		}
	}
	end := -1
	for _, suf := range r.c.lex.zhCompanySuffixes {
		if j := strings.Index(seg[from:], suf); j > 0 && (end < 0 || from+j+len(suf) < end) {
			end = from + j + len(suf)
		}
	}
	// ("星图具身智能": a name may end in more than one such word.)
	for grown := end >= 0; grown; {
		grown = false
		for _, suf := range r.c.lex.zhCompanySuffixes {
			if strings.HasPrefix(seg[end:], suf) {
				end += len(suf)
				grown = true
				break
			}
		}
	}
	if end < 0 || end >= len(seg) {
		return nil
	}
	name := seg[from:end]
	// "一家具身智能公司", "某AI公司": a count or an unnamed one is no name.
	if first, _ := utf8.DecodeRuneInString(name); strings.ContainsRune("一某这该多", first) ||
		slices.ContainsFunc(r.c.lex.zhCountWords, func(w string) bool { return strings.HasPrefix(name, w) }) {
		return nil
	}
	// "新修订的网络安全法…": a phrase joined by 的 describes; no name
	// holds it.
	if strings.Contains(name, "的") {
		return nil
	}
	next, _ := utf8.DecodeRuneInString(seg[end:])
	// ("灵枢智能的人形机器人学会了…": a company's own thing after 的.)
	if next == '的' && r.zhThingAt(seg[end+len("的"):]) {
		next = '了' // any Han rune that lets the name stand
	}
	if !hanOnly(name) || !r.c.lex.zhSuffixedName(name) || !unicode.Is(unicode.Han, next) || strings.ContainsRune("的等和与及、", next) ||
		r.c.tax.CommonWords[name] || r.c.lex.zhDescribes(name) {
		return nil
	}
	if _, ok := r.c.nouns.zhKindAt(name, kRegulator); ok {
		return nil
	}
	// "二手算力卡收购价…": a noun that runs on past the name's last word
	// ("算力卡") makes it a thing, not a company.
	if r.c.nouns.zhRunsPast(seg[from:], len(name)) {
		return nil
	}
	return r.titleCandidate(name, base+from, "the name shaped like a company's that opens the headline (not in the taxonomy)")
}

// zhFilingOpeners open what a listed company says after its name and a
// colon in a filing's or a statement's headline: "恒远纺织：关于变更公司办公
// 地址的公告", "汇通智联：拟出资2亿元…", "华川电缆：股票交易异常波动".
var zhFilingOpeners = []string{"关于", "拟", "公司", "股票交易", "预计", "今年", "上半年", "一季度", "前三季度", "年报",
	"回复", "澄清", "目前", "暂未", "尚未", "已"}

// zhFiler reads the company a Chinese filing's or statement's headline
// opens with, before its colon: four to eight Han characters that are no
// government's, no person's (a name of two or three characters may be a
// person's: "李开复：…"), followed by words that open a filing.
func (r *run) zhFiler() *subject {
	title := r.d.parts[partTitle]
	if latinOnly(title) {
		return nil
	}
	name, rest, ok := strings.Cut(title, "：")
	// (A company the statement speaks of comes after the colon.)
	if !ok || slices.ContainsFunc(r.mentions, func(m mention) bool { return m.part == partTitle && m.kind == refCompany && m.start < len(name) }) {
		return nil
	}
	name = strings.TrimSpace(name)
	if !hanOnly(name) || utf8.RuneCountInString(name) < 4 || utf8.RuneCountInString(name) > 8 || strings.Contains(name, "的") {
		return nil
	}
	if !strings.HasSuffix(strings.TrimSpace(title), "公告") && !slices.ContainsFunc(zhFilingOpeners, func(o string) bool { return strings.HasPrefix(rest, o) }) {
		return nil
	}
	if _, ok := r.c.nouns.zhKindAt(name, kRegulator); ok || r.c.tax.CommonWords[name] || r.c.lex.zhDescribes(name) {
		return nil
	}
	return r.titleCandidate(name, strings.Index(title, name), "the company whose filing or statement the headline opens with, before its colon (not in the taxonomy)")
}

// filingHeadRE reads a headline that opens with a filer's name in capitals
// and the form it files, as filing feeds write them: "EMBERLANE AI
// HOLDINGS, INC. 8-K: Departure of Directors …".
var filingHeadRE = regexp.MustCompile(`^([A-Z][A-Z0-9&.'-]*(?: [A-Z0-9&.'-]+)*?)(?:,? (?:INC|CORP|CORPORATION|LTD|LIMITED|PLC|HOLDINGS|GROUP|CO|LLC|N\.V|S\.A|AG|SE)\.?)* (?:8-K|10-K|10-Q|6-K|20-F|S-1|S-4|F-1|DEF 14A|SC 13D|SC 13G)\b`)

// enFiler reads the company a filing's headline opens with, in capitals
// before its form, written as the company writes itself: each word
// capitalised, an acronym of two letters as it is ("Emberlane AI").
func (r *run) enFiler() *subject {
	title := r.d.parts[partTitle]
	m := filingHeadRE.FindStringSubmatchIndex(title)
	if m == nil {
		return nil
	}
	words := strings.Fields(title[m[2]:m[3]])
	for i, w := range words {
		if len(w) > 2 {
			words[i] = w[:1] + strings.ToLower(w[1:])
		}
	}
	name := strings.Join(words, " ")
	if name == "" || r.c.lex.notNames[strings.ToLower(name)] {
		return nil
	}
	return r.titleCandidate(name, m[2], "the company whose filing the headline names, in capitals before its form (not in the taxonomy)")
}

// zhThingAt reports a Chinese phrase that opens on a product's or a
// model's noun of the lists, perhaps after a word of what it does
// ("人形机器人", "大模型").
func (r *run) zhThingAt(s string) bool {
	at, e := r.c.nouns.lastZh(s[:min(len(s), 18)])
	return at >= 0 && at <= 6 && (e.kind == kProduct || e.kind == kModel)
}

// zhNewsFlags are words that open a Chinese headline to flag its news,
// set apart by a comma.
var zhNewsFlags = []string{"刚刚", "突发", "重磅", "官宣", "独家", "快讯", "最新", "定了", "炸裂"}

// titleCandidate is the subject a name no list knows makes, standing at
// start in the headline.
func (r *run) titleCandidate(name string, start int, rule string) *subject {
	if zhNotAName(name) {
		return nil
	}
	s := &subject{name: r.canonicalUnknown(name), span: news.Span{Part: partTitle.String(), Start: start, End: start + len(name), Text: name}, rule: rule}
	s.layer = r.layerFromCues(nil)
	return s
}

// zhNotAName reports Chinese text that opens with no company's name: a
// count of people or things ("四名网络作家", "两位"), or a phrase of the law
// ("未经许可", "著作权").
func zhNotAName(s string) bool {
	r, n := utf8.DecodeRuneInString(s)
	if strings.ContainsRune("一二两三四五六七八九十百千数几多", r) {
		if c, _ := utf8.DecodeRuneInString(s[n:]); strings.ContainsRune("名位个家款项起批", c) {
			return true
		}
	}
	return slices.ContainsFunc(zhLegalPhrases, func(p string) bool { return strings.HasPrefix(s, p) })
}

// zhLegalPhrases open phrases of the law, never a company's name.
var zhLegalPhrases = []string{"未经许可", "未经授权", "著作权", "侵权", "涉嫌", "违规", "违法", "被告", "原告", "法院", "擅自", "依法"}

// zhPartyBoundaries are what stands right before a company's name in a
// Chinese headline about an authority's act or a suit: "对声量智能…处以罚款",
// "判决码匠科技赔偿…", "起诉星图智能".
var zhPartyBoundaries = []string{"对", "向", "与", "和", "及", "被", "将", "把", "起诉", "判决", "判令", "罚款", "处罚", "同意", "批准", "核准", "准予", "约谈", "查处", "、", " ", "，"}

// zhRegulatedParty is the company a Chinese headline about a rule, a fine
// or a suit names with no frame to say so: the first name shaped like a
// company's after one of zhPartyBoundaries (or opening the headline).
func (r *run) zhRegulatedParty() *subject {
	title := r.d.parts[partTitle]
	if latinOnly(title) || r.hasTitleCompany() {
		return nil
	}
	best, bestAt := "", -1
	// "证监会同意「灵犀视觉」科创板IPO注册": a name the outlet brackets.
	for _, b := range bracketNames(title, 0, len(title)) {
		before := strings.TrimSuffix(title[:b[0]], "「")
		// ("AI换脸App「秒变」运营方": or after a word for what it is.)
		if name := title[b[0]:b[1]]; !latinOnly(name) && (slices.ContainsFunc(zhPartyBoundaries, func(p string) bool { return strings.HasSuffix(before, p) }) ||
			slices.ContainsFunc(r.c.lex.zhDescriptors, func(d string) bool { return strings.HasSuffix(before, d) }) || strings.HasSuffix(strings.ToLower(before), "app")) {
			best, bestAt = name, b[0]
			break
		}
	}
	for _, suf := range r.c.lex.zhCompanySuffixes {
		for off := 0; ; {
			j := strings.Index(title[off:], suf)
			if j < 0 {
				break
			}
			end := off + j + len(suf)
			off = end
			// The shortest name that a boundary opens: 2 to 4 runes before
			// the word that ends it.
			start := off - len(suf)
			for n := 1; n <= 4 && start > 0; n++ {
				_, size := utf8.DecodeLastRuneInString(title[:start])
				start -= size
				if n < 2 {
					continue
				}
				name := title[start:end]
				before := title[:start]
				opens := before == "" || slices.ContainsFunc(zhPartyBoundaries, func(b string) bool { return strings.HasSuffix(before, b) }) ||
					slices.ContainsFunc(r.c.lex.zhDescriptors, func(d string) bool { return strings.HasSuffix(before, d) })
				if opens && hanOnly(name) && r.c.lex.zhSuffixedName(name) && (bestAt < 0 || start < bestAt) {
					if _, ok := r.c.nouns.zhKindAt(name, kRegulator); !ok {
						best, bestAt = name, start
					}
					break
				}
			}
		}
	}
	if best == "" {
		return nil
	}
	return r.titleCandidate(best, bestAt, "the company the headline's authority or suit acts on (not in the taxonomy)")
}

// argSubject makes the subject of a frame's doer ("Acme raises …"), or of
// the company a noun frame found beside it ("Acme's Series B"), when that
// is a company.
func (r *run) argSubject(p *predicate, part part) *subject {
	a := p.reading.subject
	// A noun frame's argument is its doer when it stands before the noun
	// ("Acme's Series B"); after it ("partners with Meituan") it is the
	// other party.
	noun := a.text == "" && p.frame.object == 0 && p.reading.object.end <= p.start
	// "With $20M in new funding, Lumora wants …": the name that opens the
	// clause after a fronted phrase about money is who raised it.
	if o := p.reading.object; a.text == "" && p.frame.object == 0 && p.frame.Type == news.EventFunding && o.start >= p.end &&
		strings.TrimSpace(r.d.parts[part][p.end:o.start]) == "," {
		noun = true
	}
	if noun {
		a = p.reading.object
	}
	// An investor named around a noun is not who raises: "Kleiner Perkins
	// leads $25M round in Quillfield".
	for _, n := range r.investorList {
		if n.span.Part == part.String() && a.start < n.span.End && n.span.Start < a.end {
			return nil
		}
	}
	if a.mention != nil && a.mention.investor {
		return nil
	}
	switch {
	case a.mention != nil && a.mention.kind == refCompany && r.mentionKind(a.mention) == kOrg && !a.mention.investor:
		m := a.mention
		return &subject{name: m.name, known: true, mention: m, span: r.span(m.hit), layer: m.layer,
			rule: "the doer of " + quote(p.text)}
	case a.kind == kName && a.mention == nil:
		text := r.d.parts[part]
		if a.end > len(text) || a.start >= a.end {
			return nil
		}
		name := strings.TrimSpace(text[a.start:a.end])
		if n, at := r.c.lex.nameAfter(name); n != "" && at > 0 {
			name = n
		}
		// "Voice AI company Cadenza pops …": what the words before a
		// descriptor say is what the company does; its name follows.
		if f := strings.Fields(text[a.end:min(len(text), a.end+64)]); len(f) >= 2 && r.c.lex.descriptorWords[strings.ToLower(f[0])] &&
			isCapital(f[1]) && latinOnly(f[1]) && !r.c.lex.notNames[strings.ToLower(f[1])] {
			n := strings.TrimRight(f[1], ",:;")
			at := a.end + strings.Index(text[a.end:], n)
			a.start, a.end, name = at, at+len(n), n
		}
		// "Pune's Lumora Labs raises": the place or the parent before a
		// name that raises money; the name raises it.
		if p.frame.Type == news.EventFunding {
			for _, ps := range []string{"'s ", "’s "} {
				if _, rest, ok := strings.Cut(name, ps); ok && isCapital(rest) {
					name = rest
				}
			}
		}
		// "Bpifrance joins €40m round for Mirelle": an investor the
		// phrase names is not who raises.
		if noun && r.investorWithin(part, a.start, a.end) {
			return nil
		}
		// "云岭机器人四足机器人Q5正式发售": the company, then its product.
		if !latinOnly(name) && (p.frame.Type == news.EventProductLaunch || p.frame.Type == news.EventModelRelease) {
			name = r.c.lex.zhWithoutProduct(name)
		}
		owner, at, ok := r.roleOwner(text, a.start, name)
		if !ok {
			return nil
		}
		if owner != name {
			a.start, a.end, name = at, at+len(owner), owner
		}
		if r.c.lex.notNames[strings.ToLower(name)] || r.c.lex.personTitle(name) || !latinOnly(name) && !a.bracketed && !a.described && !r.c.lex.zhCompanyShaped(name, "") ||
			!strings.ContainsFunc(name, func(c rune) bool { return unicode.IsLetter(c) || unicode.IsDigit(c) }) {
			return nil
		}
		// "Gemini Live rolls out": a product named after a company's
		// own product or name is that company's.
		if p.frame.Type == news.EventProductLaunch || p.frame.Type == news.EventModelRelease {
			if s := r.nameOpener(part, a, p); s != nil {
				return s
			}
			// "Snap's Specs go on sale": a name no list knows after a
			// known company's possessive is that company's product.
			if s := r.possessorOf(part, a.start, p); s != nil {
				return s
			}
		}
		// A name the taxonomy knows, left out as ambiguous, is that company
		// when a frame makes it the doer ("Cursor … launches …").
		if s := r.rejectedCompany(part, a.start, name, "the doer of "+quote(p.text)); s != nil {
			return s
		}
		// The span is where the name stands in the phrase (after white
		// space or a descriptor that nameAfter left out).
		start := a.start + max(0, strings.Index(text[a.start:a.end], name))
		s := &subject{name: r.canonicalUnknown(name), span: news.Span{Part: part.String(), Start: start, End: start + len(name), Text: name},
			rule: "the doer of " + quote(p.text) + " (not in the taxonomy)"}
		s.layer = r.layerFromCues(nil)
		return s
	case (a.kind == kProduct || a.kind == kModel) && a.mention == nil &&
		(p.frame.Type == news.EventProductLaunch || p.frame.Type == news.EventModelRelease):
		// "Cursor 3 ships": the company whose name the product's opens.
		if s := r.nameOpener(part, a, p); s != nil {
			return s
		}
		// "Ledgerly's AI bookkeeping agent now handles payroll": the
		// owner of the thing that launches is its maker.
		name := strings.TrimSpace(a.owner)
		if name == "" {
			name = r.clauseOwner(p.hit, a.start)
		}
		if name == "" {
			return nil
		}
		if !latinOnly(name) || !isCapital(name) || r.c.lex.notNames[strings.ToLower(name)] || r.c.lex.headlineOpeners[strings.ToLower(name)] {
			return nil
		}
		text := r.d.parts[part]
		start := strings.LastIndex(text[:a.end], name)
		s := &subject{name: r.canonicalUnknown(name), span: news.Span{Part: part.String(), Start: start, End: start + len(name), Text: name},
			rule: "the owner of " + quote(a.text) + ", which " + quote(p.text) + " (not in the taxonomy)"}
		s.layer = r.layerFromCues(nil)
		return s
	}
	return nil
}

// possessorOf is the known company whose possessive stands right before
// start ("Snap's Specs"), as the maker of what launch frame p's doer
// names; nil when there is none.
func (r *run) possessorOf(part part, start int, p *predicate) *subject {
	text := r.d.parts[part]
	before := strings.TrimRight(text[:start], " ")
	for _, ps := range []string{"'s", "’s"} {
		end, ok := strings.CutSuffix(before, ps)
		if !ok {
			continue
		}
		for i := range r.mentions {
			m := &r.mentions[i]
			if m.part == part && m.kind == refCompany && m.end == len(end) && !m.investor {
				return &subject{name: m.name, known: true, mention: m, span: r.span(m.hit), layer: m.layer,
					rule: "the company whose possessive stands before what " + quote(p.text)}
			}
		}
	}
	return nil
}

// nameOpener is the company whose name opens the name of what a launch
// frame's doer a names ("Gemini Live rolls out", "Cursor 3 ships"),
// known to the taxonomy or put aside as ambiguous; nil when none does.
func (r *run) nameOpener(part part, a arg, p *predicate) *subject {
	for i := range r.mentions {
		m := &r.mentions[i]
		if m.part == part && m.kind == refCompany && m.start == a.start && m.end < a.end && !m.investor {
			return &subject{name: m.name, known: true, mention: m, span: r.span(m.hit), layer: m.layer,
				rule: "the company whose name opens the name of what " + quote(p.text)}
		}
	}
	for _, h := range r.d.hits {
		if h.kind == refCompany && h.part == part && h.start == a.start && h.end < a.end && h.text == h.alias {
			if s := r.rejectedCompany(part, h.start, h.text, "the company whose name opens the name of what "+quote(p.text)); s != nil {
				return s
			}
		}
	}
	return nil
}

// founderLayer is the one layer of the company a founder in the headline
// or lead comes from ("xAI co-founder …'s startup"), or none.
func (r *run) founderLayer() (news.Layer, string) {
	for _, m := range r.mentions {
		if m.kind != refCompany || m.part != partTitle && r.weight(m.part, m.start) != wLead {
			continue
		}
		if !r.founderFrom(m.hit, r.d.folded[m.part], r.clauseOf(m.hit)) {
			continue
		}
		if c := r.c.company(m.name); c != nil && len(c.Layers) == 1 && c.Layers[0] != news.LayerNone {
			return c.Layers[0], m.name
		}
	}
	return news.LayerNone, ""
}

// personTitle reports a name that ends in an office, and so names a
// person: "Former Stripe CTO".
func (lx *lexicon) personTitle(name string) bool {
	f := strings.Fields(name)
	if len(f) > 0 {
		// "Ex-Google duo": people described by where they worked.
		if w := strings.ToLower(f[0]); strings.HasPrefix(w, "ex-") || w == "former" {
			return true
		}
	}
	return len(f) > 1 && lx.personRoles[strings.ToLower(f[len(f)-1])]
}

// investorWithin reports whether an investor is named within [from, to)
// of a part.
func (r *run) investorWithin(part part, from, to int) bool {
	for _, m := range r.mentions {
		if m.part == part && (m.investor || m.kind == refInvestor) && m.start >= from && m.end <= to {
			return true
		}
	}
	return false
}

// objectSubject finds the funded company named after "in", "into", "for"
// or "of" in a headline led by its investor, trying the prepositions in
// the order they stand ("leads $50M round of funding for Lumora").
func (r *run) objectSubject(title string, cue hit) *subject {
	rest := title[cue.start:]
	var ats []int
	for _, prep := range r.c.lex.fundedPrepositions {
		for off := 0; ; {
			i := strings.Index(rest[off:], prep)
			if i < 0 {
				break
			}
			ats = append(ats, off+i+len(prep))
			off += i + len(prep)
		}
	}
	slices.Sort(ats)
	for _, at := range ats {
		if s := r.fundedAfter(title, cue.start+at); s != nil {
			return s
		}
	}
	return nil
}

// fundedAfter reads the funded company whose name starts the headline at
// off, right after a preposition.
func (r *run) fundedAfter(title string, off int) *subject {
	for i := range r.mentions {
		m := &r.mentions[i]
		if m.part == partTitle && m.kind == refCompany && !m.investor && m.start >= off && strings.TrimSpace(title[off:m.start]) == "" {
			return &subject{name: m.name, known: true, mention: m, span: r.span(m.hit), layer: m.layer,
				rule: "the company the headline's investor puts money in"}
		}
	}
	name, n := r.c.lex.nameAfter(title[off:])
	// "… Series A for Munich's Vantor Robotics": the place or the parent
	// before the name is no part of it.
	for _, ps := range []string{"'s ", "’s "} {
		if before, rest, ok := strings.Cut(name, ps); ok && isCapital(rest) && !strings.Contains(before, " ") {
			n += len(before) + len(ps)
			name = rest
		}
	}
	if name == "" || r.c.lex.notNames[strings.ToLower(name)] {
		return nil
	}
	s := &subject{name: r.canonicalUnknown(name), span: news.Span{Part: partTitle.String(), Start: off + n, End: off + n + len(name), Text: name},
		rule: "the company the headline's investor puts money in (not in the taxonomy)"}
	s.layer = r.layerFromCues(nil)
	return s
}

// unknownName takes the name at the end of a headline prefix; it returns
// "" when what is there does not look like a name.
func (lx *lexicon) unknownName(prefix string) (string, int) {
	name, at, _ := lx.describedName(prefix)
	return name, at
}

// unknownWord reports a capitalised Latin word of letters that no
// dictionary has, no list calls no name and opens no headline as a label
// ("Verdanta"), which in a title-case headline can only be a name.
func (lx *lexicon) unknownWord(w string, common map[string]bool) bool {
	if len(w) < 3 || !isCapital(w) || acronym(w) {
		return false
	}
	// (Latin letters with their accents: "Orfèvre", "Søren".)
	for _, c := range w {
		if !(c < utf8.RuneSelf && isLetterByte(byte(c)) || c >= 0xC0 && c < 0x250 && unicode.IsLetter(c)) {
			return false
		}
	}
	lw := strings.ToLower(w)
	return !common[lw] && !common[strings.TrimSuffix(lw, "s")] && !common[strings.TrimSuffix(lw, "es")] && !lx.notNames[lw] && !lx.headlineOpeners[lw]
}

// placeOrBacker reports a word that says where a company is or who backs,
// leads, funds or owns it, or where it lists ("Seoul-based",
// "Khosla-backed", "a16z-led", "Seed-funded", "Tel Aviv-listed"): never
// part of its name.
func placeOrBacker(lw string) bool {
	return strings.HasSuffix(lw, "-based") || strings.HasSuffix(lw, "-backed") || strings.HasSuffix(lw, "-led") ||
		strings.HasSuffix(lw, "-funded") || strings.HasSuffix(lw, "-owned") || strings.HasSuffix(lw, "-listed")
}

// hasSuffixFold reports whether s ends with suffix, ignoring case.
func hasSuffixFold(s, suffix string) bool {
	i := len(s) - len(suffix)
	return i >= 0 && utf8.RuneStart(s[i]) && strings.EqualFold(s[i:], suffix)
}

// describedName is unknownName that also says whether a descriptor word
// ("startup", "company", "公司") stands right before the name, which makes
// it a company name whatever the headline is about.
func (lx *lexicon) describedName(prefix string) (string, int, bool) {
	// "Shentong Zhisuan (深瞳智算) closes …": a name in brackets repeats
	// the one before it; "Marrowgate Systems (NASDAQ: MRGT) Finalizes …": a
	// ticker adds nothing, and its colon does not end a phrase.
	blanked := prefix
	if strings.ContainsAny(prefix, "(（") {
		blanked = bracketRE.ReplaceAllStringFunc(prefix, func(m string) string { return strings.Repeat(" ", len(m)) })
	}
	// "Exclusive: Acme raises" — the name is after the last colon or dash.
	off := 0
	for _, sep := range []string{": ", "：", " — ", " - ", " | ", "丨", "|", "，", "｜"} {
		if i := strings.LastIndex(blanked, sep); i >= 0 && i+len(sep) > off {
			off = i + len(sep)
		}
	}
	p := blanked[off:]
	if !latinOnly(strings.TrimSpace(p)) {
		name, at, described := lx.zhName(p, off)
		return name, at, described
	}
	// "Acme, which raised $5M last year, launches …" and "Acme, the
	// robotics startup, raises …": the name is before the clause.
	for _, clause := range lx.nameAsides {
		if i := strings.Index(p, clause); i > 0 {
			p = p[:i]
		}
	}
	// "Acme is acquired by …", "Acme to go public": drop the auxiliary,
	// in title case too ("Axon Robotics in Talks to Raise …").
	for changed := true; changed; {
		changed = false
		for _, aux := range lx.auxiliaries {
			t := strings.TrimRight(p, " ")
			if hasSuffixFold(t, aux) {
				p, changed = t[:len(t)-len(aux)], true
			}
		}
		// "Nvidia Is Said to Near Deal for …": a title case's verb after
		// an auxiliary's "to" is no name.
		t := strings.TrimRight(p, " ")
		if i := strings.LastIndexByte(t, ' '); !changed && i > 0 && isCapital(t[i+1:]) {
			before := t[:i]
			for _, aux := range lx.auxiliaries {
				if aux != " to" && strings.HasSuffix(aux, " to") && hasSuffixFold(before, aux) {
					p, changed = t[:i], true
					break
				}
			}
		}
	}
	p = strings.TrimRight(p, " ,")
	p = strings.TrimSuffix(strings.TrimSuffix(p, "'s"), "’s")
	words := strings.Fields(p)
	if len(words) == 0 {
		return "", 0, false
	}
	// The name is the trailing run of capitalised words after the last
	// descriptor.
	startWord := len(words)
	described := false
	// "Pathvane™ Closes …": a trademark's mark is no part of the name.
	for i, w := range words {
		words[i] = strings.TrimRight(w, "™®©")
	}
	for i := len(words) - 1; i >= 0; i-- {
		w := strings.Trim(words[i], ",'’\"“”")
		lw := strings.ToLower(w)
		// ("Foundry Robotics Lab": a descriptor's word, capitalised, that
		// ends a run of capitalised words ends the name.)
		if (lx.descriptorWords[lw] || placeOrBacker(lw)) && !(i == len(words)-1 && i > 0 && isCapital(w) && isCapital(words[i-1]) && !placeOrBacker(lw)) {
			described = lx.descriptorWords[lw]
			break
		}
		// "Berlin's Blocks": the owner or place, then the name.
		if i < len(words)-1 && (strings.HasSuffix(w, "'s") || strings.HasSuffix(w, "’s")) {
			break
		}
		// "Fresh out of YC, Pallet Harbor banks …": a comma ends the
		// phrase before the name ("Lumora, Inc." goes on).
		if i < len(words)-1 && strings.HasSuffix(words[i], ",") && !lx.legalSuffixes[strings.Trim(words[i+1], ".,")] {
			break
		}
		first, _ := utf8.DecodeRuneInString(w)
		if w == "&" && i > 0 && i < len(words)-1 {
			continue // "Coffee & Bakery"
		}
		if !unicode.IsUpper(first) && !unicode.IsDigit(first) {
			// "device startup io": a lower-case name right after a
			// descriptor.
			// (A short word or one with capitals inside, "io", "xAI";
			// not a common noun: "chatbot safety law".)
			if i == len(words)-1 && i > 0 && lx.descriptorWords[strings.ToLower(strings.Trim(words[i-1], ",'’\"“”"))] && len(w) >= 2 &&
				(len(w) <= 4 || strings.ToLower(w) != w) {
				startWord = i
				continue
			}
			break
		}
		startWord = i
	}
	if startWord == len(words) {
		return "", 0, false
	}
	for startWord < len(words) && lx.headlineOpeners[strings.ToLower(words[startWord])] {
		// "New York Times": an opener that starts a place's name is
		// part of it.
		if startWord+1 < len(words) && lx.notNames[strings.ToLower(words[startWord]+" "+strings.Trim(words[startWord+1], ",'’\"“”"))] {
			break
		}
		startWord++
	}
	// "Danish Fjordline raises …": a people's adjective before the name
	// says where the company is.
	for startWord < len(words)-1 && lx.peoples[strings.ToLower(words[startWord])] {
		startWord++
	}
	// "The Washington Post": a newspaper keeps its article.
	if startWord > 0 && strings.EqualFold(words[startWord-1], "the") && lx.paperWords[strings.ToLower(strings.Trim(words[len(words)-1], ",'’\"“”"))] {
		startWord--
	}
	if startWord == len(words) || len(words)-startWord > 5 {
		return "", 0, false
	}
	// "Halvard Strikes $3 Billion Deal", "Fernhill Closes Oversubscribed
	// $25M Series A": in a title-case headline the verb after the name is
	// capitalised too; it and what follows are no part of the name.
	for i := startWord + 1; i < len(words); i++ {
		if lx.verbWord(words[i]) {
			words = words[:i]
			break
		}
	}
	name := strings.Join(words[startWord:], " ")
	name = strings.Trim(name, ",'’\"“”")
	if len(name) < 2 || lx.notNames[strings.ToLower(name)] {
		return "", 0, false
	}
	// Words joined by other white space ("Acme\tLabs") are not written
	// as the name; nothing is taken from such a headline.
	i := strings.LastIndex(prefix, name)
	if i < 0 {
		return "", 0, false
	}
	return name, i, described
}

// verbWord reports a verb of deals that a title-case headline
// capitalises after its company's name ("Strikes", "Signs").
func (lx *lexicon) verbWord(w string) bool {
	return slices.Contains(lx.titleVerbs, strings.ToLower(w))
}

// zhObjectPrepositions open a Chinese clause whose subject is left out:
// what follows them is the act's object or beneficiary.
var zhObjectPrepositions = []string{"对", "向", "为", "给", "替"}

// zhAfterPreposition reports whether the clause that before ends opens
// with one of zhObjectPrepositions.
func (lx *lexicon) zhAfterPreposition(before string) bool {
	for _, sep := range []string{"：", "，", "；", ":", ",", " "} {
		if i := strings.LastIndex(before, sep); i >= 0 {
			before = before[i+len(sep):]
		}
	}
	return slices.ContainsFunc(zhObjectPrepositions, func(p string) bool { return strings.HasPrefix(before, p) })
}

// bracketRE matches a bracketed aside in a headline.
var bracketRE = regexp.MustCompile(`\s*[(（][^()（）]*[)）]`)

// zhAmountRE finds "以1港元" / "以约80亿美元": how much, before the verb.
var zhAmountRE = regexp.MustCompile(`以(?:约|超|近|逾)?\d`)

func (lx *lexicon) zhName(p string, off int) (string, int, bool) {
	end := len(p)
	for _, v := range lx.zhSubjectEnds {
		if i := strings.Index(p, v); i >= 0 && i < end {
			end = i
		}
	}
	if loc := zhAmountRE.FindStringIndex(p); loc != nil && loc[0] < end {
		end = loc[0]
	}
	// "亿都国际以1港元收购…": the words that bring in a sum are no part of
	// the name.
	for _, w := range []string{"以", "斥资", "出资", "作价"} {
		if strings.HasSuffix(p[:end], w) && end > len(w) {
			end -= len(w)
			break
		}
	}
	name := p[:end]
	start := 0
	// "北京星澜智航科技有限公司完成…": a legal name's own 公司 says what it
	// is; it does not describe a name after it.
	scan := name
	for _, legal := range []string{"有限公司", "有限责任公司"} {
		if c, ok := strings.CutSuffix(scan, legal); ok {
			scan = c
			break
		}
	}
	for _, d := range lx.zhDescriptors {
		if i := strings.LastIndex(scan, d); i >= 0 && i+len(d) > start {
			start = i + len(d)
		}
	}
	described := start > 0
	name = name[start:]
	// "「速影AI」本周裁员": the bracketed name, not the words after it.
	if i := strings.Index(name, "」"); i > 0 {
		name = name[:i]
	}
	name = strings.Trim(name, " ，,、“”\"「」《》")
	// "传衡川机器人洽谈…": a rumour word opening the headline is no part
	// of the name.
	if off == 0 {
		for _, w := range lx.zhRumourOpeners {
			if rest, ok := strings.CutPrefix(name, w); ok && utf8.RuneCountInString(rest) >= 2 {
				name = rest
				break
			}
		}
		// ("关于同意恒芯微电子首次公开发行…": nor is a regulator's consent.)
		for _, w := range []string{"关于同意", "同意"} {
			if rest, ok := strings.CutPrefix(name, w); ok && utf8.RuneCountInString(rest) >= 2 {
				name = rest
				break
			}
		}
	}
	// "前微软高管创办的星河智能": what 的 ends describes the name after it.
	if i := strings.LastIndex(name, "的"); i > 0 && utf8.RuneCountInString(name[i+len("的"):]) >= 2 {
		name = strings.TrimLeft(name[i+len("的"):], " ")
	}
	// "智元机器人持股20% 安努智能": a headline of two parts; the subject is
	// in the last.
	if i := strings.LastIndexAny(name, " 　"); i >= 0 && !latinOnly(name) {
		name = strings.TrimSpace(name[i:])
	}
	n := utf8.RuneCountInString(name)
	if n < 2 || n > 16 || strings.ContainsAny(name, "，。、：；！？") || strings.Contains(name, " ") && !latinOnly(name) {
		return "", 0, false
	}
	return name, off + strings.Index(p, name), described
}

// companies lists the companies the article is about, most salient
// first: names in the headline and lead count most, names in background
// clauses and investor lists not at all.
func (r *run) companies(subj *subject, parties ...*party) []news.CompanyTag {
	type agg struct {
		tag   news.CompanyTag
		first hit
		body  float64
		core  bool // named in the title or lead
	}
	byName := map[string]*agg{}
	var order []string
	// "H100 rental prices fall": a chip named by its model is goods; its
	// maker takes part only when named otherwise too.
	// ("… to buy 20,000 more Nvidia chips", "Blackwell clusters": the
	// maker's name or a chip family's before a word for compute is the
	// goods too.)
	chip := func(m mention) bool {
		if m.part != partTitle && r.c.lex.hasWord(firstWord(strings.TrimLeft(r.d.parts[m.part][m.end:], " ")), r.c.lex.computeWords) &&
			slices.ContainsFunc(r.c.tax.Companies[m.idx].Layers, func(l news.Layer) bool { return l == news.LayerInfrastructure }) {
			return true
		}
		return m.unit >= 0 && hasDigit(m.text) && r.c.tax.Companies[m.idx].Units[m.unit].Layer == news.LayerInfrastructure
	}
	var named map[string]bool
	if slices.ContainsFunc(r.mentions, chip) {
		named = map[string]bool{}
		for _, m := range r.mentions {
			if m.kind == refCompany && !chip(m) {
				named[m.name] = true
			}
		}
	}
	for _, m := range r.mentions {
		if m.kind != refCompany || !r.party(m) {
			continue
		}
		if chip(m) && !named[m.name] {
			r.decide("company_left_out", m.name, "a chip named by its model, "+quote(m.text)+", is goods", r.span(m.hit))
			continue
		}
		w := r.weight(m.part, m.start)
		bg := r.background(m.hit)
		if bg {
			w *= bgDiscount
		}
		a := byName[m.name]
		if a == nil {
			a = &agg{tag: news.CompanyTag{Name: m.name, Known: true, Layer: m.layer}, first: m.hit}
			byName[m.name] = a
			order = append(order, m.name)
		}
		a.tag.Mentions++
		if m.part == partBody {
			if a.body < wBodyCap {
				a.body += w
				a.tag.Salience += w
			}
		} else {
			a.tag.Salience += w
		}
		if (m.part == partTitle || w == wLead) && !bg {
			a.core = true
		}
	}
	if subj != nil {
		a := byName[subj.name]
		if a == nil {
			a = &agg{tag: news.CompanyTag{Name: subj.name, Known: subj.known, Layer: subj.layer, Mentions: 1}}
			byName[subj.name] = a
			order = append(order, subj.name)
		}
		a.core = true
		a.tag.Salience += 2 * wTitle
	}
	// The parties to an acquisition take part even when the taxonomy does
	// not know them.
	partyRule := map[string]*party{}
	for _, p := range parties {
		if p == nil || byName[p.name] != nil {
			continue
		}
		// ("引入3000张GPU": a count of things is no party.)
		if t := p.span.Text; t != "" && isDigit(t[0]) && !latinOnly(t) {
			continue
		}
		// "Getty sues …" beside "Getty Images": a party named by the
		// first words of a company the text names in full is that one.
		if slices.ContainsFunc(order, func(n string) bool {
			return byName[n].tag.Known && (strings.HasPrefix(n, p.name+" ") || strings.HasPrefix(byName[n].first.text, p.name+" "))
		}) {
			continue
		}
		byName[p.name] = &agg{tag: news.CompanyTag{Name: p.name, Known: p.known, Mentions: 1, Salience: wTitle}, core: true}
		order = append(order, p.name)
		partyRule[p.name] = p
	}
	var out []news.CompanyTag
	for _, name := range order {
		a := byName[name]
		if !a.core && a.tag.Salience < 2*wSummary {
			r.decide("company_left_out", name, fmt.Sprintf("mentioned only in passing (salience %.1f)", a.tag.Salience))
			continue
		}
		a.tag.Salience = round1(a.tag.Salience)
		out = append(out, a.tag)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Salience > out[j].Salience })
	for i := range out {
		// A learnt company is still a candidate for the taxonomy.
		if out[i].Known && r.c.isLearned(out[i].Name) {
			out[i].Known = false
		}
	}
	for _, t := range out {
		a := byName[t.Name]
		switch p := partyRule[t.Name]; {
		case a.first.text != "" && r.c.isLearned(t.Name):
			r.decide("company", t.Name, fmt.Sprintf("learnt from earlier articles as %s, %d mention(s), salience %.1f", quote(a.first.alias), t.Mentions, t.Salience), r.span(a.first))
		case a.first.text != "":
			r.decide("company", t.Name, fmt.Sprintf("alias %s, %d mention(s), salience %.1f", quote(a.first.alias), t.Mentions, t.Salience), r.span(a.first))
		case p != nil:
			r.decide("company", t.Name, "a party to the deal named in the headline (not in the taxonomy)", p.span)
		default:
			r.decide("company", t.Name, subj.rule, subj.span)
		}
	}
	return out
}

func round1(f float64) float64 { return float64(int(f*10+0.5)) / 10 }

// primary picks the company the article is about, and the layer it acts
// in here.
func (r *run) primary(et news.EventType, cs []news.CompanyTag, subj *subject) (string, news.Layer) {
	if len(cs) == 0 {
		r.decide("primary_company", "", "no company named")
		r.decide("layer", string(news.LayerNone), "no company named")
		return "", news.LayerNone
	}
	name, rule := "", ""
	var winner *mention
	if et == news.EventPartnership {
		winner = r.bidWinner()
	}
	switch {
	case et == news.EventAcquisition:
		acq, tgt := r.acquisitionParties()
		switch {
		case acq != nil && tgt != nil && r.outsideAI(acq) && r.aiParty(acq, tgt):
			name, rule = tgt.name, "the target: an AI business bought by a company outside the AI industry"
		case acq != nil && tgt != nil && r.zhUnplacedBuyer(acq, tgt):
			name, rule = tgt.name, "the target: an AI business bought by a company nothing puts in the AI industry"
		case acq != nil && (acq.known || tgt == nil || !tgt.known):
			name, rule = acq.name, "the acquirer"
		case tgt != nil:
			name, rule = tgt.name, "the target (the acquirer is not an AI-industry company we know)"
		}
	case et == news.EventFunding && subj != nil:
		name, rule = subj.name, "the company raising the money"
	case et == news.EventOther && subj != nil && subj.interview:
		name, rule = subj.name, subj.rule
	case et == news.EventOther && r.deniedParties[0] != nil && r.deniedParties[1] != nil && r.opensTitle(r.deniedParties[1]) != nil:
		// "Harbor Scribe denies report it is in talks to sell to Oracle":
		// the company to be sold that opens the denial is the one that
		// speaks.
		name, rule = r.deniedParties[1].name, "the company to be sold, which opens a headline denying the deal"
	case et == news.EventOther && r.deniedParties[0] != nil && r.deniedParties[1] != nil:
		// "恒信科技终止收购AI公司「智图」": news of no event is about the
		// first AI-industry company it names; a buyer not known or
		// described as one gives way to a target that is.
		if acq, tgt := r.deniedParties[0], r.deniedParties[1]; !r.aiBuyer(acq) && r.aiParty(acq, tgt) {
			name, rule = tgt.name, "the target of the deal called off: an AI business, its buyer not known as one"
		} else if !r.aiBuyer(acq) && !acq.known && !tgt.known && strings.HasSuffix(r.d.parts[partTitle][:max(0, min(tgt.span.Start, len(r.d.parts[partTitle])))], "「") {
			// "远望股份宣布终止收购「芯瞳科技」多数股权": the outlet marks the
			// startup in corner brackets; it is what the story follows.
			name, rule = tgt.name, "the target of the deal called off, the startup the headline marks in corner brackets"
		}
	case et != news.EventFunding && subj != nil && subj.bracketed && subj.span.Start == len("「") && strings.HasPrefix(r.d.parts[partTitle], "「"):
		// "「云栈科技」CTO离职，加入百度文心团队": the startup the outlet
		// marks in corner brackets to open the headline is the story's.
		name, rule = subj.name, "the startup the headline opens with, in corner brackets"
	case winner != nil:
		// "中国联通AI服务器集采结果出炉：华为、浪潮信息中标": a tender's
		// news is of the winners, the first named first.
		name, rule = winner.name, "the first of the companies that win the tender"
	case (et == news.EventIPO || et == news.EventLayoffs) && subj != nil && subj.known:
		name, rule = subj.name, "the company the headline's event is about"
	case et == news.EventOther && r.denied && subj != nil && !subj.known && subj.span.Part == partTitle.String() && subj.span.Start == 0:
		// "Sakuragi AI turned down an investment from SoftBank": the
		// company that denies or refuses opens the headline.
		name, rule = subj.name, "the company that opens a headline denying or refusing the event"
	}
	// "Shopify says AI search is driving more traffic, not replacing
	// Google": news of no event that a company's words open is about the
	// company that speaks.
	if name == "" && et == news.EventOther {
		if m := r.speakingCompany(); m != nil && containsCompany(cs, m.name) {
			name, rule = m.name, "the company whose words the headline reports"
		}
	}
	if name == "" && et != news.EventFunding {
		// Other news is about the first AI-industry company the headline
		// names; the grammatical subject may be a partner or a regulator.
		first := -1
		for _, m := range r.mentions {
			if m.part == partTitle && m.kind == refCompany && r.party(m) && m.layer != news.LayerNone && (first < 0 || m.start < first) && containsCompany(cs, m.name) && !r.background(m.hit) {
				first, name, rule = m.start, m.name, "the first AI-industry company named in the headline"
			}
		}
		// "大模型初创公司言犀科技技术授权美团": a company the taxonomy does not
		// know, described as an AI business, named first.
		if subj != nil && !subj.known && subj.span.Part == partTitle.String() && (first < 0 || subj.span.Start < first) && containsCompany(cs, subj.name) {
			title := r.d.parts[partTitle]
			switch {
			case r.c.lex.hasAIWord(title[:subj.span.Start]):
				name, rule = subj.name, "the first AI-industry company named in the headline, described as one"
			case nameSaysAI(r.c.lex, subj.name):
				// "Arclight Compute signs $3.4bn capacity deal with Mistral
				// AI": a name whose last word is a layer's says what
				// industry it is in.
				name, rule = subj.name, "the first AI-industry company named in the headline, its name a layer's"
			case r.layerWordBefore(subj.span.Start):
				// "Data center developer Ironbridge signs 200MW lease with
				// CoreWeave": the words before the name say what layer of
				// the industry it works in.
				name, rule = subj.name, "the first AI-industry company named in the headline, its descriptor a word of the industry's layers"
			case et == news.EventRegulation && strings.HasPrefix(subj.rule, "the company whose case"):
				// "Judge dismisses Pallas Cloud's claims over Nvidia GPU
				// allocation": the party to the case, not what it is about.
				name, rule = subj.name, "the party to the case a court rules on"
			case et == news.EventIPO && strings.HasPrefix(subj.rule, "the doer of"):
				// "Thermal Peak pops in debut, a new Qwen preview": the
				// company that lists is the listing's news.
				name, rule = subj.name, "the company that lists"
			case (et == news.EventProductLaunch || et == news.EventModelRelease) && strings.HasPrefix(subj.rule, "the doer of") && r.launchLayer(subj) != news.LayerNone:
				// "Fathomly launches enterprise search agent for Slack":
				// the maker of the AI product launched is in the industry;
				// the platforms it is for are not the story.
				name, rule = subj.name, "the first AI-industry company named in the headline: it launches an AI product"
			case et == news.EventPartnership && (r.c.lex.hasWord(title[subj.span.End:], r.c.lex.computeWords) ||
				r.c.lex.hasWord(title[subj.span.End:], r.c.lex.cloudWords) && r.c.lex.hasAIWord(title[subj.span.End:]) ||
				r.chipUnitAfter(subj.span.End)):
				// "Halvard Labs inks $250M compute agreement
				// with Amazon": who buys compute trains models.
				name, rule = subj.name, "the first AI-industry company named in the headline: it buys compute"
				// (A GPU cloud buys compute to rent it out: "Quarry Compute
				// agrees to buy Nvidia systems".)
				// (So does one its descriptor calls a compute company:
				// "算力公司宏算科技以融资租赁方式引入3000张GPU".)
				// (And one that buys it for a cloud of its own: "KT to buy
				// 5,000 Nvidia GPUs for sovereign AI cloud".)
				forCloud := false
				if i := strings.Index(title[subj.span.End:], " for "); i >= 0 {
					forCloud = wordIndex(title[subj.span.End+i:], "cloud") >= 0
				}
				if nl, _, ok := r.c.lex.nameLayer(subj.name); (!ok || nl != news.LayerInfrastructure) && !r.c.lex.hasWord(title[:subj.span.Start], r.c.lex.computeWords) && !forCloud {
					subj.layer, subj.layerRule = news.LayerModel, "a company outside the taxonomy that buys compute: it trains models"
				}
			}
		}
	}
	// "Reddit strikes data-licensing deal with Auralis AI": a partner
	// no list knows whose name or description says AI is the story's
	// company when the doer is a company outside the AI industry.
	if name == "" && et == news.EventPartnership && subj != nil && subj.known && subj.layer == news.LayerNone {
		if pp := r.partnerParty(); pp != nil && !pp.known && containsCompany(cs, pp.name) &&
			(strings.HasSuffix(pp.name, " AI") || r.describedAsAI(pp.span.Text)) {
			name, rule = pp.name, "the AI-industry partner of a company outside the AI industry"
		}
	}
	if name == "" && subj != nil {
		name, rule = subj.name, "the subject of the headline"
	}
	if name == "" {
		// The first AI-industry company named in the headline, else the
		// most salient.
		first := -1
		for _, m := range r.mentions {
			if m.part == partTitle && m.kind == refCompany && r.party(m) && (first < 0 || m.start < first) && containsCompany(cs, m.name) {
				first, name, rule = m.start, m.name, "the first company named in the headline"
			}
		}
		if name == "" {
			name, rule = cs[0].Name, "the most salient company"
		}
	}
	r.decide("primary_company", name, rule)
	return name, r.layer(et, name, cs, subj)
}

// speakingCompany returns the company the taxonomy knows that opens the
// headline before a verb of saying or thinking ("Shopify says …"), or nil.
func (r *run) speakingCompany() *mention {
	title := r.d.parts[partTitle]
	for i := range r.mentions {
		m := &r.mentions[i]
		if m.part != partTitle || m.kind != refCompany || m.start != 0 || m.investor {
			continue
		}
		rest := title[m.end:]
		for _, v := range r.c.lex.viewVerbs {
			if strings.HasPrefix(rest, v) {
				return m
			}
		}
	}
	return nil
}

// opensTitle returns p when its name opens the headline, else nil.
func (r *run) opensTitle(p *party) *party {
	if p != nil && p.span.Part == partTitle.String() && p.span.Start == 0 {
		return p
	}
	return nil
}

// chipUnitAfter reports whether the headline names, after from, a chip or
// a cloud of a company the taxonomy knows ("向华为采购2万张昇腾卡"): compute.
func (r *run) chipUnitAfter(from int) bool {
	return slices.ContainsFunc(r.mentions, func(m mention) bool {
		return m.part == partTitle && m.start >= from && m.kind == refCompany && m.unit >= 0 &&
			r.c.tax.Companies[m.idx].Units[m.unit].Layer == news.LayerInfrastructure
	})
}

// aiStory reports whether the headline or the lead's first sentence, in
// either script, speaks of AI.
func (r *run) aiStory() bool {
	// ("… led by AI-focused fund Radical Ventures": what the investors are
	// says nothing of the company.)
	title := r.d.parts[partTitle]
	for _, w := range []string{" led by ", " backed by ", " co-led by "} {
		if i := strings.Index(title, w); i >= 0 {
			title = title[:i]
		}
	}
	if r.c.lex.hasAIWord(title) {
		return true
	}
	for i, sent := range r.d.sentences[partSummary] {
		if i == 3 {
			break
		}
		if (i == 0 || r.describing(sent)) && r.c.lex.hasAIWord(r.d.parts[partSummary][sent[0]:sent[1]]) {
			return true
		}
	}
	return false
}

// describing reports whether the summary's sentence sent says what a
// company does: its subject, a name, "The … startup" or "It", is followed
// by a verb of description ("Tessel builds an AI copilot for claims",
// "青梧科技专注AI医学影像").
func (r *run) describing(sent [2]int) bool {
	text := strings.TrimLeft(r.d.parts[partSummary][sent[0]:sent[1]], " ")
	if hanAt(text, 0) {
		for _, v := range r.c.lex.zhDescriptionVerbs {
			if i := strings.Index(text, v); i > 0 && i <= 30 && hanOnly(text[:i]) {
				return true
			}
		}
		return false
	}
	words := strings.Fields(text)
	for i := 1; i < len(words) && i <= 5; i++ {
		rest := strings.ToLower(strings.Join(words[i:min(len(words), i+3)], " ")) + " "
		verb := false
		for _, v := range r.c.lex.descriptionVerbs {
			if strings.HasPrefix(rest, v+" ") {
				verb = true
				break
			}
		}
		if !verb {
			continue
		}
		subj := words[:i]
		first, last := strings.ToLower(subj[0]), strings.ToLower(strings.TrimSuffix(strings.TrimSuffix(subj[i-1], "'s"), "’s"))
		switch {
		case i == 1 && first == "it":
			return true
		case first == "the" && i > 1 && r.c.lex.descriptorWords[last]:
			return true
		case first != "the" && !r.c.lex.headlineOpeners[first] && !r.c.lex.notNames[first]:
			for _, w := range subj {
				if !isCapital(w) {
					return false
				}
			}
			return true
		}
		return false
	}
	return false
}

// touchesAI reports whether the headline or the lead's first sentence
// speaks of AI: an AI word, a layer descriptor, a company's AI product or
// unit, or a company wholly in the AI industry.
func (r *run) touchesAI() bool {
	if r.c.lex.hasAIWord(r.d.parts[partTitle]) {
		return true
	}
	if sents := r.d.sentences[partSummary]; len(sents) > 0 && r.c.lex.hasAIWord(r.d.parts[partSummary][sents[0][0]:sents[0][1]]) {
		return true
	}
	core := func(p part, at int) bool { return p == partTitle || p == partSummary && r.weight(p, at) == wLead }
	for _, h := range r.d.hits {
		if h.kind == refLayer && core(h.part, h.start) && !r.insideEntity(h) {
			return true
		}
	}
	for _, m := range r.mentions {
		if m.kind != refCompany || !core(m.part, m.start) {
			continue
		}
		if m.unit >= 0 {
			if c := r.c.company(m.name); c != nil && m.unit < len(c.Units) && c.Units[m.unit].Layer != news.LayerNone {
				return true
			}
			continue
		}
		// (A company that also does business outside AI says nothing of
		// the story by being named: "小红书辟谣大规模裁员".)
		if c := r.c.company(m.name); c != nil && !c.Diversified && len(c.Layers) == 1 && c.Layers[0] != news.LayerNone {
			return true
		}
	}
	return false
}

// describedAsAI reports whether the words right before a company's name
// in the headline, or in the lead's first sentence, call it an AI business
// ("AI 初创公司 InterPositive", "AI code-review startup Wrenfield").
func (r *run) describedAsAI(name string) bool {
	if r.describedAsAIIn(r.d.parts[partTitle], name) {
		return true
	}
	// "AI工业设计软件公司星衍智能宣布…": or the lead's first sentence does.
	if sents := r.d.sentences[partSummary]; len(sents) > 0 {
		return r.describedAsAIIn(r.d.parts[partSummary][sents[0][0]:sents[0][1]], name)
	}
	return false
}

// leadCallsAI reports an English lead whose relative clause on a company
// says it works in AI: on its name ("… for Shelfwise, whose
// machine-learning models predict demand") or on the word for it ("the
// Tokyo startup, which sells AI maintenance-planning software").
func (r *run) leadCallsAI(name string) bool {
	sum := r.d.parts[partSummary]
	if name == "" || !latinOnly(name) || sum == "" {
		return false
	}
	for _, sent := range r.d.sentences[partSummary][:min(2, len(r.d.sentences[partSummary]))] {
		text := sum[sent[0]:sent[1]]
		for _, rel := range []string{", which ", ", whose ", ", that ", " whose "} {
			for off := 0; ; {
				i := strings.Index(text[off:], rel)
				if i < 0 {
					break
				}
				i += off
				off = i + len(rel)
				before := strings.TrimRight(text[:i], " ")
				refers := strings.HasSuffix(before, name)
				if !refers {
					// "the Tokyo startup": the, up to two words, a company's noun;
					// or the same after the name, in apposition: "Draftwell,
					// a startup whose AI drafts …".
					w := strings.Fields(before)
					if n := len(w); n >= 2 && r.c.lex.leadCompanyNouns[strings.ToLower(w[n-1])] {
						for k := n - 2; k >= 0 && k >= n-4; k-- {
							if strings.EqualFold(w[k], "the") || (strings.EqualFold(w[k], "a") || strings.EqualFold(w[k], "an")) && k > 0 && w[k-1] == name+"," {
								refers = true
								break
							}
						}
					}
				}
				if !refers {
					continue
				}
				end := len(text)
				if j := strings.IndexAny(text[off:], ",;"); j >= 0 {
					end = off + j
				}
				clause := text[off:end]
				if r.c.lex.hasWord(strings.ToLower(clause), r.c.lex.outsideAIFields) {
					return false // ("whose models score transactions for fraud")
				}
				if r.c.lex.hasAIWord(clause) {
					return true
				}
				for _, h := range r.d.hits {
					if h.kind == refLayer && h.part == partSummary && h.start >= sent[0]+off && h.end <= sent[0]+end {
						return true
					}
				}
			}
		}
	}
	return false
}

// describedAsAIIn reports whether the Chinese words before name in text,
// back to the last punctuation, call it an AI business.
func (r *run) describedAsAIIn(text, name string) bool {
	i := strings.Index(text, name)
	if i <= 0 {
		return false
	}
	from := strings.LastIndexAny(text[:i], ",;:，；：。｜|")
	if from < 0 {
		from = 0
	}
	desc := text[from:i]
	return strings.ContainsFunc(desc, func(c rune) bool { return c > 0x2000 }) && r.c.lex.hasAIWord(desc) &&
		slices.ContainsFunc(r.c.lex.zhDescriptors, func(d string) bool { return strings.Contains(desc, d) })
}

// outsideAI reports whether the taxonomy files a party as a company
// outside the AI industry (a payments firm, a streaming service).
func (r *run) outsideAI(p *party) bool {
	// "Thoma Bravo takes 65% stake in procurement-agent startup Quorra
	// Analytics": an investment firm is no business of the AI industry.
	if r.isInvestorName(p.name) {
		return true
	}
	if r.c.lex.firmNamed(p.name) {
		return true
	}
	// (A party read from the sentence may still bear a name the
	// taxonomy knows: "Universal Music Group".)
	if !p.known && r.c.company(p.name) == nil {
		// "华显光电拟收购…": a name ending like a firm of another
		// industry.
		if r.c.lex.otherIndustryName(p.name) || r.c.lex.otherIndustryName(p.span.Text) {
			return true
		}
		// "Grocery chain Harrowgate Markets buys …": described as one.
		text := r.d.parts[partNamed(p.span.Part)]
		if p.span.Start <= len(text) && r.c.lex.otherIndustryBefore(text[:p.span.Start]) {
			return true
		}
		// ("Security firm Halvard acquires …": by a field outside AI.)
		if _, ok := r.describedOutsideAI(p.name, nil); ok {
			return true
		}
		// "Harrowgate buys …" / "The Brazilian retailer said …": the
		// lead goes on about the headline's doer by what it is.
		if p.span.Part == partTitle.String() && p.span.Start == 0 && r.leadOpensOtherIndustry() {
			return true
		}
		// zh: the lead says its main business is another industry's, or
		// the headline says it crosses over (跨界) or into AI.
		return !latinOnly(p.span.Text) && (r.zhMainBusinessOther(p.span.Text) || strings.Contains(r.d.parts[partTitle], "跨界") || r.zhCrossesIntoAI())
	}
	c := r.c.company(p.name)
	return c != nil && len(c.Layers) > 0 && !slices.ContainsFunc(c.Layers, func(l news.Layer) bool { return l != news.LayerNone })
}

// zhCrossesIntoAI reports a Chinese headline that says its buyer
// crosses into an AI business: "华锦股份拟收购深瞳视觉60%股权 切入AI视觉
// 赛道", "…布局AI算力". The buyer is outside the AI industry; what it
// buys is inside.
func (r *run) zhCrossesIntoAI() bool {
	title := r.d.parts[partTitle]
	if latinOnly(title) {
		return false
	}
	for _, w := range []string{"跨界", "切入", "进军", "布局"} {
		if i := strings.Index(title, w); i >= 0 && r.c.lex.hasAIWord(title[i:]) {
			return true
		}
	}
	return false
}

// zhMainBusinessOther reports whether the lead says the firm written name
// (or "公司", the company) mainly does business of another industry:
// "锦纶股份主营尼龙面料", "公司主营业务为纺织印染".
func (r *run) zhMainBusinessOther(name string) bool {
	sum := r.d.parts[partSummary]
	for off := 0; ; {
		i := strings.Index(sum[off:], "主营")
		if i < 0 {
			return false
		}
		i += off
		off = i + len("主营")
		before := sum[max(0, i-len(name)-6):i]
		if !strings.Contains(before, name) && !strings.HasSuffix(before, "公司") {
			continue
		}
		rest := sum[off:]
		if j := strings.IndexAny(rest, "。；;"); j >= 0 {
			rest = rest[:j]
		}
		if utf8.RuneCountInString(rest) > 24 {
			rest = string([]rune(rest)[:24])
		}
		if slices.ContainsFunc(r.c.lex.otherIndustries, func(w string) bool { return !latinOnly(w) && strings.Contains(rest, w) }) {
			return true
		}
	}
}

// leadOpensOtherIndustry reports whether the lead opens by calling the
// headline's doer a firm outside the AI industry: "The telecom group did
// not disclose terms".
func (r *run) leadOpensOtherIndustry() bool {
	sents := r.d.sentences[partSummary]
	if len(sents) == 0 {
		return false
	}
	first := r.d.folded[partSummary][sents[0][0]:sents[0][1]]
	rest, ok := strings.CutPrefix(first, "the ")
	if !ok {
		return false
	}
	words := strings.Fields(rest)
	for k := 1; k <= len(words) && k <= 3; k++ {
		phrase := strings.Join(words[:k], " ")
		for _, d := range r.c.lex.otherDescriptors {
			if phrase == d || strings.HasSuffix(phrase, " "+d) {
				return true
			}
		}
	}
	return false
}

// aiBuyer reports whether an acquirer is in the AI industry: the
// taxonomy says so, or the words before its name do.
func (r *run) aiBuyer(p *party) bool {
	if c := r.c.company(p.name); p.known || c != nil {
		return c != nil && slices.ContainsFunc(c.Layers, func(l news.Layer) bool { return l != news.LayerNone })
	}
	return r.describedAsAI(p.span.Text)
}

// zhUnplacedBuyer reports a Chinese buyer no list knows and nothing
// puts in the AI industry, whose name does not end like a technology
// firm's, of a business its headline calls AI's: "中文在线拟收购AI短剧
// 公司帧点互娱" leaves the target the story's company.
func (r *run) zhUnplacedBuyer(acq, tgt *party) bool {
	if acq.known || r.c.company(acq.name) != nil || latinOnly(acq.span.Text) || tgt.known || r.aiBuyer(acq) {
		return false
	}
	if slices.ContainsFunc(zhTechEndings, func(e string) bool { return strings.HasSuffix(acq.span.Text, e) }) {
		return false
	}
	return r.aiParty(acq, tgt) && r.aiWordBefore(tgt)
}

// zhTechEndings end the names of technology firms, which may be in AI
// whatever the text says ("星澜科技收购…").
var zhTechEndings = []string{"科技", "智能", "智算", "数据", "机器人", "算力", "具身", "智驾", "信息", "软件", "网络", "技术"}

// aiWordBefore reports a word for AI in the few words before a party's
// name ("收购AI配音公司声迹科技"), not only a layer's descriptor.
func (r *run) aiWordBefore(p *party) bool {
	text := r.d.parts[partNamed(p.span.Part)]
	if p.span.Start > len(text) {
		return false
	}
	return r.c.lex.hasAIWord(clauseTail(text[:p.span.Start]))
}

// aiParty reports whether the target of an acquisition is in the AI
// industry: the taxonomy says so, or the words that describe it before
// its name do ("acquire AI gateway startup OpenRouter", "收购…的 AI 初创公司
// InterPositive").
func (r *run) aiParty(acq, tgt *party) bool {
	if tgt.known {
		c := r.c.company(tgt.name)
		return c != nil && slices.ContainsFunc(c.Layers, func(l news.Layer) bool { return l != news.LayerNone })
	}
	text := r.d.parts[partNamed(tgt.span.Part)]
	from := 0
	if acq.span.Part == tgt.span.Part && acq.span.End <= tgt.span.Start {
		from = acq.span.End
	}
	if tgt.span.Start > len(text) || from > tgt.span.Start {
		return false
	}
	// ("AI security startup Permiso": a field outside AI, described with
	// AI, is still outside.)
	if r.c.lex.hasWord(strings.ToLower(text[from:tgt.span.Start]), r.c.lex.outsideAIFields) {
		return false
	}
	if r.c.lex.hasAIWord(text[from:tgt.span.Start]) {
		return true
	}
	// "收购算力服务商「算枢科技」": a layer's descriptor before the name.
	for _, h := range r.d.hits {
		if h.kind == refLayer && h.part == partNamed(tgt.span.Part) && h.start >= from && h.end <= tgt.span.Start {
			return true
		}
	}
	// ("to acquire route-planning startup Wayline AI": a name that ends
	// on "AI" says so.)
	if strings.HasSuffix(tgt.name, " AI") {
		return true
	}
	// "buys Lanternfly, the open-source chat app": the phrase in
	// apposition after the name describes it so.
	if end := tgt.span.End; end < len(text) {
		rest := text[end:]
		for _, det := range []string{", the ", ", a ", ", an "} {
			if !strings.HasPrefix(rest, det) {
				continue
			}
			stop := len(rest)
			if i := strings.IndexAny(rest[len(det):], ",;.:("); i >= 0 {
				stop = len(det) + i
			}
			if r.c.lex.hasWord(strings.ToLower(rest[:stop]), r.c.lex.outsideAIFields) {
				return false
			}
			if r.c.lex.hasAIWord(rest[:stop]) {
				return true
			}
			for _, h := range r.d.hits {
				if h.kind == refLayer && h.part == partNamed(tgt.span.Part) && h.start >= end && h.end <= end+stop {
					return true
				}
			}
		}
	}
	// "…收购AI芯片设计公司启芯微51%股权": the lead's first sentence
	// describes it so.
	if r.describedAsAI(tgt.span.Text) {
		return true
	}
	if r.zhCrossesIntoAI() {
		return true
	}
	if r.leadCallsAI(tgt.span.Text) {
		return true
	}
	// "放弃收购星瀚智算": a Chinese name that ends on a word of the AI
	// industry.
	return slices.ContainsFunc(r.c.lex.zhAINameEndings, func(w string) bool {
		return strings.HasSuffix(tgt.span.Text, w) && len(tgt.span.Text) > len(w)
	})
}

// party reports whether a company's mention makes it a party to the
// story: not when it only invests, unless the headline denies or calls
// off the deal ("阿里否认投资DeepSeek": Alibaba's denial is the story).
func (r *run) party(m mention) bool {
	return !m.investor || (r.denied || r.investorsTakePart && m.kind == refCompany) && m.part == partTitle
}

func containsCompany(cs []news.CompanyTag, name string) bool {
	for _, c := range cs {
		if c.Name == name {
			return true
		}
	}
	return false
}

// argCompany is the company a frame's argument names: a company the
// taxonomy knows, or a name after the words that describe it ("robotics
// startup Lumora", "灵巧手公司掌芯科技"); nil when it names none. rule
// says what the company does in the story.
func (r *run) argCompany(o arg, part part, rule string) *subject {
	if m := o.mention; m != nil {
		return &subject{name: m.name, known: true, mention: m, span: r.span(m.hit), layer: m.layer, rule: rule}
	}
	if o.kind != kName && o.kind != kOrg {
		return nil
	}
	if m, ok := r.referent(o, part); ok {
		if m == nil {
			return nil
		}
		return &subject{name: m.name, known: true, mention: m, span: r.span(m.hit), layer: m.layer, rule: rule + ", named before it"}
	}
	text := r.d.parts[part]
	name := o.text
	// ("a stake in its studio": a common noun that refers to nothing
	// named is no company's name.)
	if o.kind == kOrg && latinOnly(name) && strings.ToLower(name) == name {
		return nil
	}
	if n, at, _ := r.c.lex.describedName(text[o.start:o.end]); n != "" && latinOnly(n) {
		// "Seoul-based Lumora", "robotics startup Lumora": the name
		// after the descriptor.
		name = n
		o.start += at
	} else if n, at := r.c.lex.nameAfter(text[o.start:o.end]); n != "" {
		name = n
		o.start += at
	} else if i := strings.LastIndex(name, "公司"); i > 0 && r.c.lex.zhCompanyShaped(name[i+len("公司"):], "") {
		// "投资灵巧手公司掌芯科技": the name after the company word.
		name = name[i+len("公司"):]
		o.start += i + len("公司")
	}
	if r.c.lex.personTitle(name) {
		return nil
	}
	name, at, ok := r.roleOwner(text, o.start, name)
	if !ok {
		return nil
	}
	o.start = at
	s := &subject{name: r.canonicalUnknown(name), span: news.Span{Part: part.String(), Start: o.start, End: o.start + len(name), Text: name},
		rule: rule + " (not in the taxonomy)"}
	s.layer = r.layerFromCues(nil)
	return s
}

// roleOwner reads "Lumora CFO: an IPO is …": a name that is an office
// alone ("CFO") names a person, and the company is the capitalised name
// right before it in text, ending at start. It returns name unchanged
// when it is no office, and false when an office has no name before it.
func (r *run) roleOwner(text string, start int, name string) (string, int, bool) {
	if strings.Contains(name, " ") || !r.c.lex.personRoles[strings.ToLower(name)] {
		return name, start, true
	}
	words := strings.Fields(text[:start])
	n := len(words)
	for n > 0 && len(words)-n < 3 && isCapital(words[n-1]) && !strings.ContainsAny(words[n-1], ",:;") {
		n--
	}
	if n == len(words) || r.c.lex.notNames[strings.ToLower(words[n])] || r.c.lex.headlineOpeners[strings.ToLower(words[n])] {
		return "", 0, false
	}
	owner := strings.Join(words[n:], " ")
	at := strings.LastIndex(text[:start], owner)
	if at < 0 {
		return "", 0, false
	}
	return owner, at, true
}

// firmNamed reports a name of more than one word that ends like an
// investment firm's ("Kiln Capital", "Ligne Ventures").
func (lx *lexicon) firmNamed(name string) bool {
	f := strings.Fields(name)
	return len(f) > 1 && lx.investmentFirmEndings[f[len(f)-1]]
}

// nameLayer returns the layer a name of more than one word says by the
// word it ends on ("Stratos Compute", "Greyhawk Defence"), and that word;
// a Chinese name says it by a word of one layer's business it holds
// ("算力方舟", "深流算力").
func (lx *lexicon) nameLayer(name string) (news.Layer, string, bool) {
	if !latinOnly(name) {
		for _, w := range lx.zhLayerNameWords {
			if strings.Contains(name, w) && name != w {
				return lx.layerNameWords[w], w, true
			}
		}
		return "", "", false
	}
	fields := strings.Fields(name)
	if len(fields) < 2 {
		return "", "", false
	}
	w := fields[len(fields)-1]
	l, ok := lx.layerNameWords[w]
	return l, w, ok
}

// nameSaysAI reports a name no list knows whose own words place it in a
// layer of the AI industry ("Arclight Compute", "宏算芯片").
func nameSaysAI(lx *lexicon, name string) bool {
	l, _, ok := lx.nameLayer(name)
	return ok && l != news.LayerNone
}

// isInvestorName reports whether name is an investment firm the text
// names, by its canonical name.
func (r *run) isInvestorName(name string) bool {
	for i := range r.mentions {
		if m := &r.mentions[i]; m.kind == refInvestor && m.name == name {
			return true
		}
	}
	return false
}

// layer decides the layer the primary company acts in: a single-business
// company keeps its layer; a diversified one takes the layer of the
// business line the story is about (a model release is "model"; otherwise
// the unit named, or the layer descriptors in the text).
func (r *run) layer(et news.EventType, name string, cs []news.CompanyTag, subj *subject) news.Layer {
	// "SoftBank books big gain on its OpenAI stake": news of a company's
	// stake in another is the news of an investor.
	if et == news.EventOther && r.stakeHolder(name) {
		r.decide("layer", string(news.LayerNone), name+" acts as the holder of a stake in another company: an investor, no layer of the AI industry")
		return news.LayerNone
	}
	comp := r.c.company(name)
	// A company learnt from stories that told no layer is read as one
	// outside the taxonomy; one learnt in a layer keeps it.
	if comp != nil && comp.Learned {
		// ("Halcyon Compute": a name that ends on a word of one layer's
		// business says its layer, whatever earlier stories made of it.)
		if nl, w, ok := r.c.lex.nameLayer(name); ok {
			r.decide("layer", string(nl), "a company learnt from earlier articles whose name ends on "+quote(w))
			return nl
		}
		for _, a := range comp.Aliases {
			if nl, w, ok := r.c.lex.nameLayer(a); ok && !latinOnly(a) {
				r.decide("layer", string(nl), "a company learnt from earlier articles whose name "+quote(a)+" holds "+quote(w))
				return nl
			}
		}
		if comp.Layers[0] != news.LayerNone {
			r.decide("layer", string(comp.Layers[0]), name+" was learnt from earlier articles, in stories of this layer")
			return comp.Layers[0]
		}
		comp = nil
	}
	if comp == nil {
		l := news.LayerNone
		if subj != nil && subj.name == name && subj.firm || r.isInvestorName(name) {
			r.decide("layer", string(news.LayerNone), "an investment firm: no layer of the AI industry")
			return news.LayerNone
		}
		// "Paris VC firm Ligne Ventures closes €250m fund for AI
		// infrastructure bets": a name that ends like an investment firm's
		// is no business of the AI industry, whatever it invests in.
		if r.c.lex.firmNamed(name) {
			r.decide("layer", string(news.LayerNone), "a company outside the taxonomy whose name ends like an investment firm's: no layer of the AI industry")
			return news.LayerNone
		}
		if subj != nil && subj.name == name {
			l = subj.layer
		} else if et == news.EventAcquisition || r.deniedParties[1] != nil && r.deniedParties[1].name == name {
			// A target made primary because its buyer is outside the AI
			// industry: the words that describe it ("AI video startup
			// Vizmo").
			l = r.layerFromCues(nil)
		}
		if l == "" {
			l = news.LayerNone
		}
		// "AI agent security startup Tessellate", "大模型安全公司灵盾科技":
		// a company the words right before its name describe by a field
		// outside AI stays outside, whatever AI it secures or sells.
		if w, ok := r.describedOutsideAI(name, subj); ok {
			r.decide("layer", string(news.LayerNone), "a company outside the taxonomy that the words before its name put in a field outside the AI industry: "+quote(w))
			return news.LayerNone
		}
		// ("Greyhawk Defence raises … for AI-guided drones": a name that
		// ends on a word of a field outside AI stays outside, whatever the
		// words of the story.)
		if nl, w, ok := r.c.lex.nameLayer(name); ok && nl == news.LayerNone && l != news.LayerNone {
			r.decide("layer", string(nl), "a company outside the taxonomy whose name ends on "+quote(w)+", a field outside AI")
			return nl
		}
		// "元枢智能开源千亿参数模型Yuanshu-2": a company that releases a
		// model of its own makes models.
		if l == news.LayerNone && et == news.EventModelRelease && subj != nil && subj.name == name {
			r.decide("layer", string(news.LayerModel), "a company outside the taxonomy that releases a model of its own, with no layer descriptor: a maker of models")
			return news.LayerModel
		}
		// "xAI联合创始人创立的River AI融资": a startup that nothing but its
		// founder's former lab describes makes what that lab makes.
		if l == news.LayerNone && subj != nil && subj.name == name {
			if fl, from := r.founderLayer(); fl != news.LayerNone {
				r.decide("layer", string(fl), "a company outside the taxonomy, with no layer descriptor, founded by someone from "+from+", which has one layer")
				return fl
			}
		}
		// "Stratos Compute files for IPO": a name that ends on a word of
		// one layer's business says the layer.
		if nl, w, ok := r.c.lex.nameLayer(name); l == news.LayerNone && ok {
			r.decide("layer", string(nl), "a company outside the taxonomy whose name ends on "+quote(w))
			return nl
		}
		// (A Chinese name is described as written, not as romanized.)
		written := name
		if subj != nil && subj.name == name && subj.span.Text != "" {
			written = subj.span.Text
		} else if t := r.deniedParties[1]; t != nil && t.name == name && t.span.Text != "" {
			written = t.span.Text
		}
		if nl, w, ok := r.c.lex.nameLayer(written); l == news.LayerNone && ok && !latinOnly(written) {
			r.decide("layer", string(nl), "a company outside the taxonomy whose name "+quote(written)+" holds "+quote(w))
			return nl
		}
		// "Monterrey fintech Finvero raises …": a company the headline
		// describes by a field outside AI stays outside, whatever AI it
		// uses.
		if l == news.LayerNone && subj != nil && subj.name == name && subj.span.Part == partTitle.String() {
			title := r.d.parts[partTitle]
			if start := subj.span.Start; start <= len(title) {
				from := max(0, strings.LastIndexAny(title[:start], ",;:，；：")+1)
				if w := strings.ToLower(title[from:start]); r.c.lex.hasWord(w, r.c.lex.outsideAIFields) {
					r.decide("layer", string(news.LayerNone), "a company outside the taxonomy that the headline describes by a field outside the AI industry")
					return news.LayerNone
				}
			}
		}
		// ("星衍纺织 … 用于AI质检设备采购": a name of another industry
		// buys AI; it does not build on models.)
		if l == news.LayerNone && r.aiStory() && (latinOnly(written) || !r.c.lex.otherIndustryName(written)) {
			l = news.LayerApplication
			r.decide("layer", string(l), "a company outside the taxonomy in a story about AI, with no layer descriptor: most such are products built on models")
			return l
		}
		if l == news.LayerNone && r.describedAsAI(written) {
			l = news.LayerApplication
			r.decide("layer", string(l), "a company outside the taxonomy that the words before its name call an AI business, with no layer descriptor: most such build products on models")
			return l
		}
		if subj != nil && subj.name == name && subj.layerRule != "" {
			r.decide("layer", string(l), subj.layerRule)
		} else if l == news.LayerNone {
			r.decide("layer", string(l), "a company outside the taxonomy, with no layer descriptor near it")
		} else {
			r.decide("layer", string(l), "layer descriptors near a company outside the taxonomy")
		}
		return l
	}
	// "Microsoft cuts 1,900 jobs in its gaming division": a diversified
	// company in news that does not touch AI acts outside the industry.
	switch et {
	case news.EventOther, news.EventLayoffs, news.EventRegulation, news.EventProductLaunch:
		if comp.Diversified && !r.touchesAI() {
			r.decide("layer", string(news.LayerNone), name+" also does business outside AI, and the headline and lead do not speak of AI")
			return news.LayerNone
		}
	}
	if len(comp.Layers) == 1 {
		r.decide("layer", string(comp.Layers[0]), name+" has one layer in the taxonomy")
		return comp.Layers[0]
	}
	has := func(l news.Layer) bool {
		for _, x := range comp.Layers {
			if x == l {
				return true
			}
		}
		return false
	}
	if et == news.EventModelRelease && has(news.LayerModel) {
		r.decide("layer", string(news.LayerModel), "a model release by a diversified company")
		return news.LayerModel
	}
	// A diversified company buying into a line of business: the layer of
	// what it buys (an AGI lab is "model", an AI app "application").
	if et == news.EventAcquisition {
		if _, tgt := r.acquisitionParties(); tgt != nil && tgt.known {
			if c := r.c.company(tgt.name); c != nil {
				if len(c.Layers) > 0 && has(c.Layers[0]) {
					r.decide("layer", string(c.Layers[0]), "a diversified company buying a "+string(c.Layers[0])+" company", tgt.span)
					return c.Layers[0]
				}
			}
		}
	}
	// "Meta says 2026 capex will reach $115 billion": spending on data
	// centres and chips is the infrastructure line's.
	if has(news.LayerInfrastructure) && r.c.lex.hasWord(r.d.folded[partTitle], r.c.lex.capexWords) {
		r.decide("layer", string(news.LayerInfrastructure), "a diversified company's capital spending, which buys infrastructure")
		return news.LayerInfrastructure
	}
	// A unit named in the headline or lead ("AWS", "豆包") says which line.
	for _, m := range r.mentions {
		if m.name == name && m.unit >= 0 && m.part != partBody && !m.investor {
			if u := comp.Units[m.unit]; u.Layer != "" && has(u.Layer) {
				r.decide("layer", string(u.Layer), "the business line "+quote(u.Name)+" is named", r.span(m.hit))
				return u.Layer
			}
		}
	}
	if l := r.layerFromCues(comp.Layers); l != "" && l != news.LayerNone {
		return l
	}
	r.decide("layer", string(comp.Layers[0]), "the main layer of "+name)
	return comp.Layers[0]
}

// stakeHolder reports a headline about name's stake in another company it
// names: name before "stake", the other company right before it or after
// "stake in".
func (r *run) stakeHolder(name string) bool {
	lower := r.d.folded[partTitle]
	at := wordIndex(lower, "stake")
	if at < 0 {
		return false
	}
	holder, held := false, false
	for _, m := range r.mentions {
		if m.part != partTitle || m.kind != refCompany {
			continue
		}
		switch {
		case m.name == name && m.end <= at:
			holder = true
		case m.name != name && (m.end <= at && at-m.end <= len(" stake") || m.start >= at && strings.HasPrefix(lower[at:m.start], "stake in ")):
			held = true
		}
	}
	return holder && held
}

// launchLayer returns the layer of a company no list knows that launches
// or releases something: the one its descriptors gave it, or else the one
// the text's layer words give, which it then takes.
func (r *run) launchLayer(subj *subject) news.Layer {
	if subj.layer != "" && subj.layer != news.LayerNone {
		return subj.layer
	}
	if l := r.layerFromCues(nil); l != "" && l != news.LayerNone {
		subj.layer, subj.layerRule = l, "the layer words of what a company outside the taxonomy launches"
		return l
	}
	return news.LayerNone
}

// layerFromCues scores layer descriptors in the title and lead, limited
// to allowed layers when given; "" when none is strong enough.
func (r *run) layerFromCues(allowed []news.Layer) news.Layer {
	scores := map[news.Layer]float64{}
	ev := map[news.Layer]hit{}
	for _, h := range r.d.hits {
		if h.kind != refLayer || h.part == partBody || r.insideEntity(h) || r.insideLongerLayerWord(h) {
			continue
		}
		l := r.c.tax.Layers[h.idx].ID
		if len(allowed) > 0 && !containsLayer(allowed, l) {
			continue
		}
		if r.modifiesLayerCue(h) || l == news.LayerModel && r.usesModels(h) {
			continue
		}
		if l == news.LayerApplication && r.toolsForAgents(h) {
			if len(allowed) > 0 && !containsLayer(allowed, news.LayerMiddleware) {
				continue
			}
			l = news.LayerMiddleware
		}
		w := r.weight(h.part, h.start)
		if h.part == partSummary && w < wLead && r.describing(r.sentenceOf(h)) {
			w = wLead // "Tessel builds an AI copilot …", past the lead's first sentence
		}
		scores[l] += h.weight * w
		if _, ok := ev[l]; !ok {
			ev[l] = h
		}
	}
	best, bestScore := news.Layer(""), 0.0
	for _, l := range news.Layers {
		if scores[l] > bestScore {
			best, bestScore = l, scores[l]
		}
	}
	if bestScore < wLead {
		return ""
	}
	r.decide("layer", string(best), fmt.Sprintf("layer descriptors score %.1f", bestScore), r.span(ev[best]))
	return best
}

// layerWordBefore reports whether a word of one of the industry's layers
// describes the headline's name at start: it ends at most two words before
// the name, in its clause ("Singapore server reseller Meridian Compute").
func (r *run) layerWordBefore(start int) bool {
	title := r.d.parts[partTitle]
	if start > len(title) {
		return false
	}
	from := max(0, strings.LastIndexAny(title[:start], ",;:，；："))
	for _, h := range r.d.hits {
		if h.kind != refLayer || h.part != partTitle || h.start < from || h.end > start || r.insideEntity(h) || r.insideLongerLayerWord(h) || r.modifiesLayerCue(h) {
			continue
		}
		if len(strings.Fields(title[h.end:start])) <= 2 && latinOnly(title[h.start:start]) {
			return true
		}
	}
	return false
}

// insideLongerLayerWord reports a layer word inside a longer one of
// another layer, which says more: "robot" in "robot-brain startup" is the
// model's word.
func (r *run) insideLongerLayerWord(h hit) bool {
	for _, o := range r.d.hits {
		if o.kind == refLayer && o.part == h.part && o.start <= h.start && o.end >= h.end && o.end-o.start > h.end-h.start &&
			r.c.tax.Layers[o.idx].ID != r.c.tax.Layers[h.idx].ID {
			return true
		}
	}
	return false
}

// usesModels reports a model descriptor its company uses rather than
// makes: "a start-up that uses large language models to process claims".
func (r *run) usesModels(h hit) bool {
	before := strings.TrimRight(r.d.folded[h.part][max(0, h.start-16):h.start], " ")
	for _, u := range r.c.lex.modelUses {
		if strings.HasSuffix(before, u) && (len(before) == len(u) || !isWordByte(before[len(before)-len(u)-1])) {
			return true
		}
	}
	return false
}

// toolsForAgents reports an agent descriptor that says what a company's
// tools serve, not what it makes: "stress-tests AI agents" and "debug
// their voice agents" are middleware ("build voice agents" is not).
func (r *run) toolsForAgents(h hit) bool {
	if !strings.Contains(strings.ToLower(h.text), "agent") {
		return false
	}
	words := strings.Fields(r.d.folded[h.part][max(0, h.start-40):h.start])
	for skipped := 0; len(words) > 0 && skipped < 2; skipped++ {
		switch strings.Trim(words[len(words)-1], ",") {
		case "their", "its", "your", "our", "the", "ai", "voice", "coding", "sales", "support", "production", "enterprise", "autonomous":
			words = words[:len(words)-1]
			continue
		}
		break
	}
	return len(words) > 0 && r.c.lex.agentTools[words[len(words)-1]]
}

// modifiesLayerCue reports a Chinese layer descriptor right before one of
// another layer, which it qualifies: "大模型推理加速" is inference
// acceleration (middleware) for large models.
func (r *run) modifiesLayerCue(h hit) bool {
	if latinOnly(h.text) {
		return false
	}
	for _, o := range r.d.hits {
		if o.kind == refLayer && o.part == h.part && o.start == h.end && r.c.tax.Layers[o.idx].ID != r.c.tax.Layers[h.idx].ID {
			return true
		}
	}
	return false
}

func containsLayer(ls []news.Layer, l news.Layer) bool {
	for _, x := range ls {
		if x == l {
			return true
		}
	}
	return false
}

// isInvestingCue reports whether an event cue is also an investing cue
// ("领投", "参投"): it names who invests, not who raises.
func (r *run) isInvestingCue(h hit) bool {
	for _, o := range r.d.hits {
		if o.kind == refInvesting && o.part == h.part && o.start == h.start && o.end == h.end {
			return true
		}
	}
	return false
}

// policyName reports whether a name is a law's or a policy's: its last
// word is a policy noun ("AI Basic Act", "Digital Services Act").
func (r *run) policyName(name string) bool {
	words := strings.Fields(strings.ToLower(name))
	if len(words) < 2 {
		return false
	}
	k, ok := r.c.nouns.headKind(strings.Join(words[:len(words)-1], " ")+" ", words[len(words)-1])
	return ok && k == kPolicy
}

// suffixedName reads "UK government signs MoU with Kiln Labs", "Seed
// data, not more data: how Quarry Labs bootstraps …": anywhere in a
// sentence-case headline, capitalised words ending on a word that only
// firms' names end with name a firm.
func (r *run) suffixedName() *subject {
	title := r.d.parts[partTitle]
	if title == "" || !latinOnly(title) || r.titleCase(partTitle) {
		return nil
	}
	words := strings.Fields(title)
	for i, w := range words {
		if i == 0 || !r.c.lex.firmSuffixes[strings.TrimRight(w, ",.;:'’")] || strings.HasSuffix(words[i-1], ",") {
			continue
		}
		j := i
		// ("Argentina's Lumi Robotics": the owner before a possessive is
		// no part of the name.)
		for j > 0 && i-j < 3 && isCapital(words[j-1]) && !strings.HasSuffix(words[j-1], ",") && !strings.HasSuffix(words[j-1], ":") {
			if _, owner := cutPossessive(words[j-1]); owner {
				break
			}
			j--
		}
		if j == i {
			continue
		}
		first := strings.ToLower(words[j])
		if j == 0 && r.c.lex.headlineOpeners[first] || r.c.lex.notNames[first] {
			j++
		}
		// ("Robotics Labs struggle …": a field's words before it are no
		// name.)
		if j >= i || slices.ContainsFunc(words[j:i], func(v string) bool { return r.c.lex.firmSuffixes[v] || r.c.lex.companySuffixes[v] }) {
			continue
		}
		name := strings.Join(words[j:i], " ") + " " + strings.TrimRight(w, ",.;:'’")
		name, _ = cutPossessive(name)
		at := strings.Index(title, name)
		if at < 0 || r.c.lex.notNames[strings.ToLower(name)] {
			continue
		}
		return &subject{name: r.canonicalUnknown(name), span: news.Span{Part: partTitle.String(), Start: at, End: at + len(name), Text: name},
			rule: "capitalised words ending on " + quote(strings.TrimRight(w, ",.;:'’")) + ", which only firms' names end with (not in the taxonomy)", layer: r.layerFromCues(nil)}
	}
	return nil
}

// namedAgainActor reads "Gantry begins new round of driverless tests",
// "Kindling tops education charts": a name, dictionary word or not, that
// opens a sentence-case headline before a lower-case word, when the lead
// says it is a company. Failing that it is possessiveActor.
func (r *run) namedAgainActor(title string) *subject {
	// "Quellon™ Named a Leader in …": in a title-case headline, one word
	// no dictionary has before a verb (several may be a person's name).
	// (Not when the headline names a role: "Huang Named Chief Executive".)
	if name, at := r.leadName(title, 0, len(title)); name != "" && r.titleCase(partTitle) && !strings.Contains(name, " ") &&
		r.c.lex.unknownWord(strings.TrimRight(name, "™®©"), r.c.tax.CommonWords) && r.c.lex.verbWord(firstWord(strings.TrimLeft(title[at+len(name):], " "))) &&
		!slices.ContainsFunc(strings.Fields(strings.ToLower(title[at+len(name):])), func(w string) bool { return r.c.lex.personRoles[strings.Trim(w, ",.:;")] }) {
		name = strings.TrimRight(name, "™®©")
		return &subject{name: r.canonicalUnknown(name), span: news.Span{Part: partTitle.String(), Start: at, End: at + len(name), Text: name},
			rule: "the word no dictionary has that opens a title-case headline before its verb (not in the taxonomy)", layer: r.layerFromCues(nil)}
	}
	if name, end := r.openingName(title); name != "" {
		// ("Gray Swan CEO says …": the company whose officer speaks.)
		if f := strings.Fields(name); len(f) > 1 && r.c.lex.personRoles[strings.ToLower(f[len(f)-1])] {
			name = strings.Join(f[:len(f)-1], " ")
			end = len(name)
		}
		if why := r.leadCallsCompany(name); why != "" {
			return &subject{name: r.canonicalUnknown(name), span: news.Span{Part: partTitle.String(), Start: 0, End: end, Text: title[:end]},
				rule: "the name that opens the headline, which the lead calls a company: " + why + " (not in the taxonomy)", layer: r.layerFromCues(nil)}
		}
	}
	return r.possessiveActor(title)
}

// personOf returns the company of a person the taxonomy knows by the
// name as written, or "".
func (c *Classifier) personOf(name string) string {
	for _, p := range c.people {
		if p.name == name {
			return p.company
		}
	}
	return ""
}

// actingPerson reads "Jensen Huang unveils Vera Rubin Ultra at GTC",
// "黄仁勋宣布开源…": a person the taxonomy knows who acts for their
// company in the headline, before the event's predicate, names that
// company, when the headline gives no other doer. A person quoted
// ("Jensen Huang: …", "… says") reports no event and names none.
func (r *run) actingPerson(et news.EventType, subj *subject) *subject {
	// (A person's money, and what a person buys, may be their own:
	// "Marc Benioff buys TIME"; so is a possessive's thing: "Sam
	// Altman's eye-scanning startup raises $100M".)
	switch et {
	case news.EventModelRelease, news.EventProductLaunch, news.EventPartnership, news.EventLayoffs:
	case news.EventOther:
		return r.personOpens(subj)
	default:
		return nil
	}
	if len(r.c.people) == 0 || subj != nil && subj.known {
		return nil
	}
	p := r.predicateOf(et, partTitle)
	if p == nil {
		return nil
	}
	title := r.d.parts[partTitle]
	for _, pe := range r.c.people {
		at := strings.Index(title[:p.start], pe.name)
		if at < 0 || latinOnly(pe.name) && (at > 0 && isWordByte(title[at-1]) || at+len(pe.name) < len(title) && isWordByte(title[at+len(pe.name)])) {
			continue
		}
		if rest := title[at+len(pe.name):]; strings.HasPrefix(rest, "'s ") || strings.HasPrefix(rest, "’s ") || strings.HasPrefix(rest, "的") {
			return nil
		}
		// The doer the frame read, if any, must be the person.
		if subj != nil && (subj.span.Part != partTitle.String() || subj.span.End <= at || subj.span.Start >= at+len(pe.name)) {
			return nil
		}
		// (In the clause of the predicate: "…, Jensen Huang said" is no act.)
		if cl := r.clauseSpan(p.hit); at < cl[0] {
			continue
		}
		co := r.c.company(pe.company)
		if co == nil {
			return nil
		}
		return &subject{name: co.Name, known: true, span: news.Span{Part: partTitle.String(), Start: at, End: at + len(pe.name), Text: pe.name},
			rule: "the company of " + quote(pe.name) + ", who acts for it in the headline", layer: co.Layers[0]}
	}
	return nil
}

// personSpeech are the words in a headline that report what a person
// said: a remark names no company (the view verbs besides).
var personSpeech = []string{"：", ":", "称", "表示", "说", "认为", "谈", "直言", "回应", "透露", "预测", "警告", "预计",
	"坦言", "指出", "强调", "呼吁", "对话", "专访", "访谈", "演讲", "发言", "致辞", "观点", "?", "？", "“", "\"",
	" talks ", " explains ", " predicts ", " interview", " keynote", " speech", " remarks", " podcast"}

// personOpens reads "黄仁勋年内第三次访华" or "Jensen Huang visits Taipei
// suppliers": a headline with no event that opens on a person the
// taxonomy knows, who does something rather than say it, is about the
// person's company.
func (r *run) personOpens(subj *subject) *subject {
	if len(r.c.people) == 0 || subj != nil || r.hasTitleCompany() {
		return nil
	}
	// ("Marc Benioff buys TIME for $190 million": a person's money, and
	// what a person buys, may be their own.)
	if len(r.amountsIn(partTitle)) > 0 || slices.ContainsFunc(r.predicates, func(p predicate) bool {
		return p.part == partTitle && (p.frame.Type == news.EventAcquisition || p.frame.Type == news.EventFunding)
	}) {
		return nil
	}
	title := r.d.parts[partTitle]
	for _, pe := range r.c.people {
		if !strings.HasPrefix(title, pe.name) {
			continue
		}
		rest := title[len(pe.name):]
		if rest == "" || latinOnly(pe.name) && rest[0] != ' ' {
			continue
		}
		// ("黄仁勋的…", "Jensen Huang's …": the person's own thing.)
		if strings.HasPrefix(rest, "的") || strings.HasPrefix(rest, "'s ") || strings.HasPrefix(rest, "’s ") || strings.HasPrefix(rest, " on ") {
			return nil
		}
		lower := r.d.folded[partTitle]
		if slices.ContainsFunc(personSpeech, func(w string) bool { return strings.Contains(lower, w) }) ||
			slices.ContainsFunc(r.c.lex.viewVerbs, func(w string) bool { return strings.Contains(lower, w) }) {
			return nil
		}
		co := r.c.company(pe.company)
		if co == nil {
			return nil
		}
		return &subject{name: co.Name, known: true, span: news.Span{Part: partTitle.String(), Start: 0, End: len(pe.name), Text: pe.name},
			rule: "the company of " + quote(pe.name) + ", whose act the headline reports", layer: co.Layers[0]}
	}
	return nil
}

// leadNamesUnnamed reads "A Marc Benioff-backed startup thinks AI can …"
// or "Ex-Meta scientists want to bring visual AI to …" with the lead
// "Perceptron offers an AI model …": a headline that speaks of a company
// without naming one (a word that says what a company is, or the former
// staff of another), whose lead opens on a name before a company's verb.
// The name is the headline's company.
func (r *run) leadNamesUnnamed() *subject {
	title := r.d.parts[partTitle]
	sum := r.d.parts[partSummary]
	sents := r.d.sentences[partSummary]
	if title == "" || sum == "" || len(sents) == 0 || !latinOnly(title) || !latinOnly(sum) {
		return nil
	}
	lower := r.d.folded[partTitle]
	// (Founders who raise, "Two Stanford dropouts raise $2.1M", raise for
	// a company the headline leaves unnamed.)
	unnamed := slices.ContainsFunc(r.predicates, func(p predicate) bool { return p.part == partTitle && p.frame.ID == "funding.founders" })
	// ("We've raised a $4M pre-seed …" over "Backed by Seedcamp, Parsel
	// is building …": a company's own post names itself in its lead.)
	own := r.c.lex.ownPost(title)
	unnamed = unnamed || own
	for w := range r.c.lex.leadCompanyNouns {
		if wordIndex(lower, w) >= 0 {
			unnamed = true
			break
		}
	}
	for _, m := range r.mentions {
		if m.part != partTitle || m.kind != refCompany || m.investor {
			continue
		}
		// ("Ex-Meta scientists": the company they left is no party.)
		if r.c.lex.formerOf(lower[:m.start], lower[m.end:]) {
			unnamed = true
		} else if !r.background(m.hit) {
			return nil
		}
	}
	if !unnamed {
		return nil
	}
	s0, s1 := sents[0][0], sents[0][1]
	// "Their startup, Murmur Labs, trains …": the lead names it in an
	// apposition.
	for _, opener := range []string{"their startup, ", "the startup, ", "their company, ", "the company, ", "the new company, ", "their new startup, "} {
		if strings.HasPrefix(strings.ToLower(sum[s0:s1]), opener) {
			from := s0 + len(opener)
			if name, at := r.leadName(sum, from, s1); name != "" && at == from && strings.HasPrefix(sum[at+len(name):], ",") &&
				!r.c.lex.notNames[strings.ToLower(name)] && !r.c.lex.headlineOpeners[strings.ToLower(strings.Fields(name)[0])] {
				return &subject{name: r.canonicalUnknown(name), span: news.Span{Part: partSummary.String(), Start: at, End: at + len(name), Text: name},
					rule:  "the name the lead gives the company in an apposition, of a headline that speaks of a company without naming it (not in the taxonomy)",
					layer: r.layerFromCues(nil)}
			}
		}
	}
	name, at := r.leadName(sum, s0, s1)
	// (In its own post, past an opening phrase the comma closes.)
	if own && (name == "" || at != s0) {
		if i := strings.Index(sum[s0:s1], ", "); i > 0 && i < 100 {
			s0 += i + len(", ")
			name, at = r.leadName(sum, s0, s1)
		}
	}
	if name == "" || at != s0 {
		return nil
	}
	name, _ = cutPossessive(name)
	f := strings.Fields(name)
	first := strings.ToLower(f[0])
	if r.c.lex.notNames[first] || r.c.lex.headlineOpeners[first] || r.c.lex.notNames[strings.ToLower(name)] {
		return nil
	}
	suffixed := len(f) > 1 && r.c.lex.firmSuffixes[f[len(f)-1]]
	if !suffixed && !slices.ContainsFunc(f, func(w string) bool { return r.c.lex.unknownWord(w, r.c.tax.CommonWords) }) {
		return nil
	}
	verb := r.c.lex.companyWordAfter(sum[at+len(name) : s1])
	// ("Introducing Weave Guardrails" over "Weave Guardrails is …": what
	// its own post introduces is its product.)
	if own && strings.Contains(title, name) {
		return nil
	}
	// (Its own post's lead goes on about it: "Parsel is building …".)
	if own && verb == "" {
		if w := firstWord(strings.TrimLeft(sum[at+len(name):s1], " ")); w == "is" || w == "has" || w == "was" || w == "today" {
			verb = w
		}
	}
	// "Tamarack Models, founded last year by …, has closed": the verb
	// after an apposition between commas.
	if rest, ok := strings.CutPrefix(sum[at+len(name):s1], ","); verb == "" && ok {
		if i := strings.Index(rest, ", "); i > 0 && i < 160 && !strings.ContainsAny(rest[:i], ";:") {
			verb = r.c.lex.companyWordAfter(rest[i+1:])
		}
	}
	if verb == "" || verb == "to" {
		return nil
	}
	return &subject{name: r.canonicalUnknown(name), span: news.Span{Part: partSummary.String(), Start: at, End: at + len(name), Text: name},
		rule:  "the name that opens the lead before " + quote(verb) + ", of a headline that speaks of a company without naming it (not in the taxonomy)",
		layer: r.layerFromCues(nil)}
}

// openingName returns the capitalised words (three at most) that open a
// sentence-case headline before a lower-case word, without a possessive
// ending, and where they end; "" when the headline opens otherwise.
func (r *run) openingName(title string) (string, int) {
	if r.titleCase(partTitle) || !latinOnly(title) {
		return "", 0
	}
	words := strings.Fields(title)
	n, possessive := 0, false
	for n < len(words) && n < 3 && isCapital(words[n]) {
		w, cut := cutPossessive(words[n])
		n++
		if cut || strings.ContainsAny(w, ",:;\"“”'‘’()") {
			possessive = cut
			if !cut {
				return "", 0
			}
			break
		}
	}
	if n == 0 || n == len(words) || !possessive && isCapital(words[n]) {
		return "", 0
	}
	first := strings.ToLower(words[0])
	if r.c.lex.headlineOpeners[first] || r.c.lex.notNames[first] {
		return "", 0
	}
	name := strings.Join(words[:n], " ")
	if possessive {
		name, _ = cutPossessive(name)
	}
	// ("Veridian-3 launch slips": a name with a version is a model's.)
	if r.c.lex.notNames[strings.ToLower(name)] || !strings.HasPrefix(title, name) || modelName(name) {
		return "", 0
	}
	return name, len(name)
}

// modelName reports a Latin name with a version that names a model, not
// its maker ("Skald-2", "Veridian-3"); a name that opens with its number
// is a company's ("1X").
func modelName(name string) bool {
	return name != "" && latinOnly(name) && modelShaped(name) && !unicode.IsDigit(rune(name[0]))
}

// tickerAfter matches a listing's ticker in brackets right after a
// name: " (NASDAQ: SBLC)".
var tickerAfter = regexp.MustCompile(`^ \((?:[A-Z][A-Za-z]+|[A-Z]+ [A-Z][a-z]+): ?[A-Z0-9.]{1,8}\)`)

// tickerAside matches a listing's ticker in brackets anywhere: "(NASDAQ:
// SYM)".
var tickerAside = regexp.MustCompile(`\((?:[A-Z][A-Za-z]+|[A-Z]+ [A-Z][a-z]+): ?[A-Z0-9.]{1,8}\)`)

// leadCallsCompany says how the summary makes name a company's: a word
// that says what a company is right before it ("Language-learning app
// Lingofox says …"), a firm's suffix or a ticker right after it
// ("Sablecrest Technologies (NASDAQ: SBLC)"), an aside that says what it
// is ("Kindling, the tutoring app,"), or a first sentence whose subject
// is "the … company" ("The trucking company will run …"): the one the
// headline named. It returns "" when the summary says none of these.
func (r *run) leadCallsCompany(name string) string {
	sum := r.d.parts[partSummary]
	if sum == "" {
		return ""
	}
	for i := 0; i < len(sum); {
		j := strings.Index(sum[i:], name)
		if j < 0 {
			break
		}
		at, end := i+j, i+j+len(name)
		i = end
		if at > 0 && isWordByte(sum[at-1]) || end < len(sum) && isWordByte(sum[end]) {
			continue
		}
		before := strings.Fields(sum[:at])
		if len(before) > 0 && strings.HasSuffix(sum[:at], " ") {
			if w := before[len(before)-1]; !isCapital(w) && r.c.lex.leadCompanyNouns[w] {
				return quote(w + " " + name)
			}
		}
		rest := sum[end:]
		if f := strings.Fields(rest); len(f) > 0 && strings.HasPrefix(rest, " ") && r.c.lex.firmSuffixes[strings.TrimRight(f[0], ",.;")] {
			return quote(name + " " + strings.TrimRight(f[0], ",.;"))
		}
		if m := tickerAfter.FindString(rest); m != "" {
			return quote(name + m)
		}
		for _, a := range []string{", a ", ", an ", ", the "} {
			aside, ok := strings.CutPrefix(rest, a)
			if !ok {
				continue
			}
			if k := strings.IndexAny(aside, ",.;"); k > 0 {
				words := strings.Fields(aside[:k])
				if len(words) <= 6 && r.c.lex.leadCompanyNouns[words[len(words)-1]] {
					return quote(name + a + aside[:k])
				}
			}
		}
	}
	// "The trucking company will run 12 trucks …": the lead's first
	// subject is the headline's company, named by what it is.
	first := sum
	if sents := r.d.sentences[partSummary]; len(sents) > 0 {
		first = sum[sents[0][0]:sents[0][1]]
	}
	words := strings.Fields(first)
	if len(words) < 3 || words[0] != "The" {
		return ""
	}
	for k := 1; k < len(words)-1 && k <= 4; k++ {
		if r.c.lex.leadCompanyNouns[words[k]] {
			if next := words[k+1]; !isCapital(next) && !r.c.lex.notVerbs[next] {
				return quote(strings.Join(words[:k+1], " "))
			}
			return ""
		}
		if isCapital(words[k]) {
			return ""
		}
	}
	return ""
}

// rejectedCompany is the subject a name the taxonomy knows, rejected as
// ambiguous, makes where the sentence puts it in a company's place: the
// hit written as text in part, at start (anywhere when start < 0).
func (r *run) rejectedCompany(p part, start int, text, rule string) *subject {
	for _, h := range r.d.hits {
		if h.kind == refCompany && h.part == p && (start < 0 || h.start == start) && h.text == text {
			// ("Cadence Robotics' new arm": the name opens another
			// firm's.)
			next, _ := cutPossessive(firstWord(strings.TrimLeft(r.d.parts[p][h.end:], " ")))
			if next = strings.TrimRight(next, ",.;:'’"); strings.HasPrefix(r.d.parts[p][h.end:], " ") && otherFirmWords[next] {
				continue
			}
			m := mention{hit: h, known: true, name: r.c.tax.Companies[h.idx].Name, layer: r.c.layerOf(h.ref)}
			r.mentions = append(r.mentions, m)
			return &subject{name: m.name, known: true, mention: &r.mentions[len(r.mentions)-1], span: r.span(h), layer: m.layer, rule: rule}
		}
	}
	return nil
}

// zhNamedAgain reads "云岫科技辟谣：…", "新一轮裁员波及自动驾驶公司驰行
// 智驾": a name that opens a Chinese headline, or follows a word for a
// company in it, which the lead repeats as its sentence's subject
// ("云岫科技回应称", "驰行智驾本周裁撤…"). The name is the longest such.
func (r *run) zhNamedAgain() *subject {
	title, sum := r.d.parts[partTitle], r.d.parts[partSummary]
	if sum == "" || latinOnly(title) || latinOnly(sum) {
		return nil
	}
	starts := []int{len(title) - len(strings.TrimLeft(title, " 　【[「“\""))}
	// "被收购半年后 深语智能'毕业'四成员工", "完成B+轮融资后，知衡科技任命…":
	// a name may open the headline's second part too.
	for _, sep := range []string{" ", "　", "，"} {
		if i := strings.Index(title, sep); i > 0 {
			starts = append(starts, i+len(sep))
		}
	}
	described := map[int]bool{}
	for _, d := range r.c.lex.zhDescriptors {
		for i := 0; ; {
			j := strings.Index(title[i:], d)
			if j < 0 {
				break
			}
			i += j + len(d)
			starts = append(starts, i)
			described[i] = true
		}
	}
	best, bestAt, why := "", 0, ""
	for _, s := range starts {
		// ("员工拒绝使用AI工具被辞退": staff open no company's name, nor
		// does a date, "2025年银行业…".)
		if slices.ContainsFunc(zhStaffNouns, func(w string) bool { return strings.HasPrefix(title[s:], w) }) || zhDated(title[s:]) || zhNotAName(title[s:]) {
			continue
		}
		end, n := s, 0
		for end < len(title) && n < 8 {
			c, size := utf8.DecodeRuneInString(title[end:])
			if !unicode.Is(unicode.Han, c) && !(c < utf8.RuneSelf && isWordByte(byte(c))) {
				break
			}
			end += size
			n++
			// (A word of the AI industry, "大模型" repeated as "大模型公司",
			// is no name: zhRepeatedAsSubject says so.)
			if n < 2 || end-s <= len(best) || r.zhNameThenVerb(title[s:end]) {
				continue
			}
			// ("芯谋微回应：…": the verb of its statement is no part of it.)
			if slices.ContainsFunc(zhStatementVerbs, func(v string) bool { return strings.HasSuffix(title[s:end], v) }) {
				continue
			}
			// ("大模型创业公司格局生变": a phrase that ends on a word for
			// companies describes them and names none.)
			if slices.ContainsFunc(r.c.lex.zhDescriptors, func(d string) bool { return strings.HasSuffix(title[s:end], d) }) {
				continue
			}
			// (Nor one a word for companies follows: "大模型创业" of it.)
			if end < len(title) && slices.ContainsFunc([]string{"公司", "企业", "创企", "厂商"}, func(d string) bool { return strings.HasPrefix(title[end:], d) }) {
				continue
			}
			// (Staff follow a shop or a bank as well as a company:
			// "门店员工" names none unless a descriptor says what it is.)
			if w := r.zhRepeatedAsSubject(title[s:end], n); w != "" && (w != "员工" || described[s]) {
				best, bestAt, why = title[s:end], s, w
			}
		}
	}
	if best == "" {
		return nil
	}
	rule := "the headline's name that the lead repeats as its subject: " + quote(best+why)
	// A name the taxonomy knows, rejected as ambiguous, is that company
	// here: "漫步者旗下".
	if s := r.rejectedCompany(partTitle, bestAt, best, rule); s != nil {
		return s
	}
	return &subject{name: r.canonicalUnknown(best), span: news.Span{Part: partTitle.String(), Start: bestAt, End: bestAt + len(best), Text: best},
		rule: rule + " (not in the taxonomy)", layer: r.layerFromCues(nil)}
}

// zhNameThenVerb reports a phrase that is a company's name, ending on a
// word that ends companies' names, and then a verb ("云栈智能证实"): the
// name ends before the verb.
func (r *run) zhNameThenVerb(s string) bool {
	for _, suf := range r.c.lex.zhCompanySuffixes {
		i := strings.Index(s, suf)
		if i <= 0 {
			continue
		}
		rest := s[i+len(suf):]
		if rest != "" && (slices.ContainsFunc(r.c.lex.zhCompanyVerbs, func(v string) bool { return strings.HasPrefix(rest, v) }) ||
			slices.ContainsFunc(zhStatementVerbs, func(v string) bool { return strings.HasPrefix(rest, v) })) {
			return true
		}
	}
	return false
}

// zhStatementVerbs are what a company says of itself right after its
// name ("云栈智能证实裁员").
var zhStatementVerbs = []string{"证实", "确认", "表示", "回应", "否认", "澄清", "称", "宣布", "官宣", "发布", "推出"}

// zhRepeatedAsSubject returns what follows name in the lead when the
// lead makes it its sentence's subject (a date may stand between), or "".
// A name of n characters, fewer than four, must be followed by what
// follows companies only (a person's name is that short). Words, places,
// governments and descriptors are no names.
func (r *run) zhRepeatedAsSubject(name string, n int) string {
	sum := r.d.parts[partSummary]
	if !utf8.RuneStart(name[0]) || !strings.Contains(sum, name) {
		return ""
	}
	follower := ""
	for i := 0; follower == ""; {
		j := strings.Index(sum[i:], name)
		if j < 0 {
			return ""
		}
		after := sum[i+j+len(name):]
		i += j + len(name)
		if after != "" && isDigit(after[0]) {
			if m := zhDateRE.FindString(after); m != "" {
				after = after[len(m):]
				// ("科宇智能2025年实现净利润…": what a company achieved
				// in a period it names.)
				if strings.HasPrefix(after, "实现") {
					follower = "实现"
					break
				}
			}
		}
		for _, f := range r.c.lex.zhCompanyFollowers {
			if strings.HasPrefix(after, f) {
				follower = f
				break
			}
		}
		if follower != "" || n < 4 {
			continue
		}
		for _, f := range r.c.lex.zhSubjectFollowers {
			if strings.HasPrefix(after, f) {
				follower = f
				break
			}
		}
	}
	if r.zhNoName(name) {
		return ""
	}
	return follower
}

// zhNoName reports a Chinese phrase in a name's place that is no
// company's name: a word (of the AI industry too: "大模型"), a time, a
// descriptor, a government, a person or a rumour's source ("知情人士").
func (r *run) zhNoName(name string) bool {
	if r.c.tax.CommonWords[name] || r.c.lex.notNames[name] || slices.Contains(r.c.lex.aiWords, name) {
		return true
	}
	// "官方回应", "双方": who speaks for a company is no name of one.
	for _, w := range []string{"官方", "对方", "双方"} {
		if strings.HasPrefix(name, w) {
			return true
		}
	}
	for _, w := range r.c.lex.zhTimeWords {
		if strings.HasPrefix(name, w) {
			return true
		}
	}
	if r.c.lex.zhDescribes(name) {
		return true
	}
	for _, d := range r.c.lex.zhDescriptors {
		if strings.HasPrefix(name, d) {
			return true
		}
	}
	if _, ok := r.c.nouns.zhKindAt(name, kRegulator); ok || strings.ContainsAny(lastRune(name), "部局委院厅署办会省市州县国") {
		return true
	}
	at, e := r.c.nouns.lastZh(name)
	return at >= 0 && e.kind == kPerson && strings.HasSuffix(name, e.text)
}

// zhLeadDescribed reads a Chinese headline that names its company in
// short or not at all, from the lead that says what the company is:
// "数衡开源百万级中文指令数据集" with "数据标注公司数衡开源了…", "知情人士称
// 码匠已秘密递交…" with "AI编程助手开发商码匠科技已秘密递交…" (the lead's
// fuller name), "这家杭州公司发布了…" with "杭州跃数科技发布…".
func (r *run) zhLeadDescribed() *subject {
	title, sum := r.d.parts[partTitle], r.d.parts[partSummary]
	sents := r.d.sentences[partSummary]
	if title == "" || latinOnly(title) || latinOnly(sum) || len(sents) == 0 || r.hasTitleCompany() {
		return nil
	}
	s0, s1 := sents[0][0], sents[0][1]
	unnamed := r.zhUnnamedInTitle(title)
	for _, d := range r.c.lex.zhDescriptors {
		// (Words for what a company makes or runs name things too:
		// "AI应用板块", "平台规则".)
		if !zhFirmWord(d) {
			continue
		}
		for i := s0; i < s1; {
			j := strings.Index(sum[i:s1], d)
			if j < 0 {
				break
			}
			i += j + len(d)
			// ("被告公司未经许可…", "该公司": a word that points back to a
			// party, not one that says what it is.)
			if slices.ContainsFunc(zhPointers, func(w string) bool { return strings.HasSuffix(sum[s0:i-len(d)], w) }) {
				continue
			}
			if name, at := r.zhLeadName(sum, i, s1, title, unnamed); name != "" {
				// (A company the taxonomy knows is found by the rules for
				// those, or is left out on purpose.)
				if slices.ContainsFunc(r.mentions, func(m mention) bool {
					return m.part == partSummary && m.kind == refCompany && m.start < at+len(name) && m.end > at
				}) {
					return nil
				}
				return &subject{name: r.canonicalUnknown(name), span: news.Span{Part: partSummary.String(), Start: at, End: at + len(name), Text: name},
					rule: "the name the lead gives after " + quote(d) + ", of the company the headline speaks of (not in the taxonomy)", layer: r.layerFromCues(nil)}
			}
		}
	}
	// "杭州跃数科技发布…": with no descriptor, the name shaped like a
	// company's that opens the lead, after its place.
	if !unnamed {
		return nil
	}
	at := s0
	if rest, ok := strings.CutPrefix(sum[at:s1], "据悉，"); ok {
		at = s1 - len(rest)
	}
	end := -1
	for _, suf := range r.c.lex.zhCompanySuffixes {
		if k := strings.Index(sum[at:s1], suf); k > 0 && (end < 0 || at+k+len(suf) < end) {
			end = at + k + len(suf)
		}
	}
	if end < 0 {
		return nil
	}
	name := sum[at:end]
	if p, c, ok := r.c.lex.cutPlace(name); ok && utf8.RuneCountInString(c) >= 4 {
		at += len(p)
		name = c
	}
	if !hanOnly(name) || !r.c.lex.zhSuffixedName(name) || r.zhNoName(name) || !r.zhSubjectBefore(partSummary, sum[:s1], end) {
		return nil
	}
	return &subject{name: r.canonicalUnknown(name), span: news.Span{Part: partSummary.String(), Start: at, End: end, Text: name},
		rule:  "the name shaped like a company's that opens the lead, of a headline that speaks of a company without naming it (not in the taxonomy)",
		layer: r.layerFromCues(nil)}
}

// zhFirmWord reports a Chinese word for a company that names nothing
// but firms: "公司", "开发商", "初创".
func zhFirmWord(d string) bool {
	return strings.HasSuffix(d, "公司") || strings.HasSuffix(d, "商") || slices.Contains([]string{"企业", "创企", "初创", "独角兽", "厂商", "药企", "车企"}, d)
}

// zhPointers are words before a Chinese word for a company that point to
// one already spoken of: "被告公司", "该企业", "涉事平台".
var zhPointers = []string{"被告", "原告", "该", "这家", "那家", "一家", "某", "涉事", "其", "其他", "多家", "各", "本"}

// zhUnnamedInTitle reports a Chinese headline that speaks of a company
// without naming it: "这家杭州公司", "一家AI初创".
func (r *run) zhUnnamedInTitle(title string) bool {
	for _, w := range []string{"这家", "一家", "该"} {
		i := strings.Index(title, w)
		if i < 0 {
			continue
		}
		rest := title[i+len(w):]
		for n, k := 0, 0; k < len(rest) && n < 10; n++ {
			if slices.ContainsFunc(r.c.lex.zhDescriptors, func(d string) bool { return strings.HasPrefix(rest[k:], d) }) {
				return true
			}
			_, size := utf8.DecodeRuneInString(rest[k:])
			k += size
		}
	}
	return false
}

// zhLeadName returns the name that starts at i in the lead (which ends
// at s1), after a word that says what it is, and where it starts: the
// longest start of what follows that the headline names too, at a
// name's place there, grown by the words that end companies' names
// ("码匠" named, "码匠科技" given); or, for a headline that names no one,
// a name shaped like a company's before a verb. "" when there is none.
func (r *run) zhLeadName(sum string, i, s1 int, title string, unnamed bool) (string, int) {
	// "大模型推理加速公司「算栈科技」宣布…": the outlets' marks around a
	// name say where it ends.
	for _, q := range [][2]string{{"「", "」"}, {"“", "”"}} {
		if rest, ok := strings.CutPrefix(sum[i:s1], q[0]); ok {
			j := strings.Index(rest, q[1])
			name := rest[:max(j, 0)]
			if n := utf8.RuneCountInString(name); j < 0 || n < 2 || n > 12 || r.zhNoName(name) {
				return "", 0
			}
			at := i + len(q[0])
			if t := strings.Index(title, name); unnamed && r.c.lex.zhCompanyShaped(name, rest[j+len(q[1]):]) || t >= 0 && r.zhNamePlace(strings.TrimRight(title[:t], q[0])) {
				return name, at
			}
			return "", 0
		}
	}
	end, n := i, 0
	for end < s1 && n < 10 {
		c, size := utf8.DecodeRuneInString(sum[end:])
		if !unicode.Is(unicode.Han, c) && !(c < utf8.RuneSelf && isWordByte(byte(c))) {
			break
		}
		// (The name ends where the lead's verb starts: "数衡开源了".)
		if n >= 2 && (r.zhVerbAt(sum[end:s1]) || r.cueStartsAt(partSummary, end)) {
			break
		}
		end += size
		n++
	}
	run := sum[i:end]
	// ("未经许可": a negation opens a clause, not a name.)
	if first, _ := utf8.DecodeRuneInString(run); strings.ContainsRune("未不没非无", first) {
		return "", 0
	}
	for k := len(run); k > 0; {
		short := run[:k]
		_, size := utf8.DecodeLastRuneInString(short)
		k -= size
		if utf8.RuneCountInString(short) < 2 || r.zhNoName(short) {
			continue
		}
		// The headline makes it its subject too: "码匠已秘密递交…".
		at := strings.Index(title, short)
		if at < 0 || !r.zhNamePlace(title[:at]) || !r.zhSubjectBefore(partTitle, title, at+len(short)) {
			continue
		}
		name := short
		for grown := true; grown; {
			grown = false
			for _, suf := range r.c.lex.zhCompanySuffixes {
				if strings.HasPrefix(sum[i+len(name):end], suf) {
					name += suf
					grown = true
					break
				}
			}
		}
		// The lead makes the name its sentence's subject ("码匠科技已秘密
		// 递交…"), and no word the dictionary knows is inside it.
		if r.zhNoName(name) || !r.zhSubjectBefore(partSummary, sum[:s1], i+len(name)) || r.hitWithin(partSummary, i, i+len(name)) {
			return "", 0
		}
		return name, i
	}
	if unnamed && hanOnly(run) && r.c.lex.zhSuffixedName(run) && !r.zhNoName(run) && r.zhSubjectBefore(partSummary, sum[:s1], end) {
		return run, i
	}
	return "", 0
}

// hitWithin reports whether a dictionary word other than a company's
// name lies within [from, to) of part.
func (r *run) hitWithin(part part, from, to int) bool {
	for _, h := range r.d.hits {
		if h.part == part && h.start >= from && h.end <= to && h.start < h.end && h.kind != refCompany {
			return true
		}
	}
	return false
}

// zhSubjectBefore reports whether what starts at i in text (part p)
// follows a Chinese sentence's subject: a verb companies do, a word of
// saying, an event's cue or an adverb ("已", "未", "将").
func (r *run) zhSubjectBefore(p part, text string, i int) bool {
	// (A closing mark may stand between: "「算元」完成".)
	rest := strings.TrimLeft(text[i:], "」”\"』》")
	i = len(text) - len(rest)
	return r.zhVerbAt(rest) || r.cueStartsAt(p, i) || rest != "" && strings.ContainsAny(firstRune(rest), "未已正将也还再曾被")
}

// cueStartsAt reports whether an event's cue starts at i in part.
func (r *run) cueStartsAt(part part, i int) bool {
	for _, h := range r.d.hits {
		if h.part == part && h.start == i && h.kind == refEvent {
			return true
		}
	}
	return false
}

// zhNamePlace reports whether a name may start right after before, the
// headline up to it: at its start, after a mark, a space, a word that
// says what the company is, or a word of saying ("知情人士称码匠…").
func (r *run) zhNamePlace(before string) bool {
	before = strings.TrimRight(before, " 　“\"「【[")
	if before == "" || slices.ContainsFunc([]string{"，", "：", ":", "】", "]", "|", "｜", "称", "曝", "传", "获悉"}, func(w string) bool { return strings.HasSuffix(before, w) }) {
		return true
	}
	return r.c.lex.zhDescribes(before)
}

// zhVerbAt reports whether rest opens with what a Chinese company's name
// is followed by as a sentence's subject: a verb companies do, a word of
// saying, or a word that follows a subject or a company's name ("已",
// "近日", "员工").
func (r *run) zhVerbAt(rest string) bool {
	for _, list := range [][]string{r.c.lex.zhCompanyVerbs, zhStatementVerbs, r.c.lex.zhSubjectFollowers, r.c.lex.zhCompanyFollowers} {
		if slices.ContainsFunc(list, func(v string) bool { return strings.HasPrefix(rest, v) }) {
			return true
		}
	}
	return false
}

// zhDateRE matches a date or period a Chinese subject may be followed by
// before its verb: "8月30日", "7月7日", "2025年", "2025年一季度".
var zhDateRE = regexp.MustCompile(`^(?:\d{4}年(?:\d{1,2}月(?:\d{1,2}日)?|[一二三四]季度|第[一二三四]季度|[上下]半年|前三季度|全年)?|\d{1,2}月\d{1,2}日)`)

// lastRune returns the last character of s.
func lastRune(s string) string {
	_, n := utf8.DecodeLastRuneInString(s)
	return s[len(s)-n:]
}

// possessiveActor reads "Q&A with Marlowe AI's chief executive",
// "Quarrow's Texas data center": the company whose person or thing the
// headline names.
func (r *run) possessiveActor(title string) *subject {
	for _, pos := range []string{"'s ", "’s "} {
		for off := 0; ; {
			i := strings.Index(title[off:], pos)
			if i < 0 {
				break
			}
			i += off
			off = i + len(pos)
			if i == 0 {
				continue
			}
			n, at, _ := r.c.lex.describedName(title[:i])
			if n == "" || !latinOnly(n) || !isCapital(n) || r.c.lex.notNames[strings.ToLower(n)] || r.c.tax.CommonWords[strings.ToLower(n)] {
				continue
			}
			rest := strings.ToLower(title[i+len(pos):])
			startsWith := func(w string) bool { return opensWith(rest, w) }
			rule := "the company whose person or thing the headline names (not in the taxonomy)"
			switch {
			case r.c.lex.roleOpening(rest) != "" || slices.ContainsFunc(r.c.lex.companyThings, startsWith) ||
				slices.ContainsFunc(r.c.lex.companyPlans, startsWith) && r.leadSpeaksOfCompany():
			// "FDA clears Lumora's chest X-ray AI" / "Lumora says …": a
			// name whose thing the headline names, which a sentence of the
			// lead opens with as its subject.
			case r.leadConfirms(n):
				rule = "the name whose thing the headline names, which a sentence of the lead opens with as its subject (not in the taxonomy)"
			default:
				continue
			}
			return &subject{name: r.canonicalUnknown(n), span: news.Span{Part: partTitle.String(), Start: at, End: at + len(n), Text: n},
				rule: rule, layer: r.layerFromCues(nil)}
		}
	}
	return nil
}

// leadSpeaksOfCompany reports whether the lead's first sentence refers to
// a company ("the company's data center", "the startup").
func (r *run) leadSpeaksOfCompany() bool {
	sents := r.d.sentences[partSummary]
	if len(sents) == 0 {
		return false
	}
	first := " " + r.d.folded[partSummary][sents[0][0]:sents[0][1]]
	return slices.ContainsFunc(r.c.lex.companyBackRefs, func(w string) bool { return wordIndex(first, w) >= 0 })
}

// opensWith reports whether s opens with the whole word or phrase w.
func opensWith(s, w string) bool {
	return strings.HasPrefix(s, w) && (len(s) == len(w) || !isWordByte(s[len(w)]))
}

// suitNouns name a suit brought against someone ("lawsuit against …").
var suitNouns = map[string]bool{"lawsuit": true, "lawsuits": true, "suit": true, "suits": true, "complaint": true,
	"litigation": true, "action": true, "case": true}

// inquiryNouns name what a regulator opens into a company.
var inquiryNouns = map[string]bool{"inquiry": true, "probe": true, "investigation": true, "review": true, "examination": true}

// formerPeopleBefore reports people of another company in the words of
// the headline before h: a word for people after "former" or "ex-"
// ("Former Figma and Anthropic designers", "Ex-Mistral researchers"), or
// a company's alumni ("Scale AI Alumni").
func (r *run) formerPeopleBefore(h hit) bool {
	words := strings.Fields(r.d.folded[h.part][r.sentenceOf(h)[0]:h.start])
	past := false
	for _, w := range words {
		w = strings.Trim(w, ",.:;'’\"“”")
		if w == "former" || strings.HasPrefix(w, "ex-") {
			past = true
			continue
		}
		if k, ok := r.c.nouns.en[w]; ok && k == kPerson && (past || w == "alumni" || w == "alums" || w == "veterans") {
			return true
		}
	}
	return false
}

// bidWinner returns the first company of the list that wins a tender in
// the headline ("华为、浪潮信息中标"), if the headline reports one.
func (r *run) bidWinner() *mention {
	for _, p := range r.predicates {
		if p.part != partTitle || p.frame.ID != "partnership.bid" {
			continue
		}
		title := r.d.parts[partTitle]
		from := 0
		for _, sep := range []string{"：", "，", ":", ",", " "} {
			if i := strings.LastIndex(title[:p.start], sep); i >= 0 && i+len(sep) > from {
				from = i + len(sep)
			}
		}
		for i := range r.mentions {
			if m := &r.mentions[i]; m.part == partTitle && m.kind == refCompany && m.start >= from && m.end <= p.start {
				return m
			}
		}
	}
	return nil
}

// suedParty reads the company a lawsuit is against: the object of "sue",
// the phrase before "sued by", the phrase after "against", or what an
// inquiry looks into.
func (r *run) suedParty(p *predicate, part part) arg {
	text, lower := r.d.parts[part], r.d.folded[part]
	cl := r.clauseSpan(p.hit)
	switch strings.ToLower(p.text) {
	case "sue", "sues", "suing", "v.":
		// ("Acme, Inc. v. Lumora Data, Inc., 1:26-cv-00187": the
		// defendant follows the caption's "v.".)
		return r.enPhrase(part, p.end, cl[1], text)
	case "fines", "orders", "probes", "investigates", "bans", "blocks", "charges", "accuses", "sanctions", "blacklists",
		"halts", "suspends", "clears", "approves", "authorizes", "authorises":
		// "Jury orders Lumiq to pay $45m", "FTC fines Lumora": what a
		// court or a regulator acts against.
		if p.reading.subject.kind == kRegulator {
			return r.enPhrase(part, p.end, cl[1], text)
		}
	case "sued":
		if strings.HasPrefix(lower[p.end:cl[1]], " by ") {
			return r.enPhrase(part, cl[0], p.start, text)
		}
	}
	// "opens inquiry into Lumina Vision's face-search engine": what an
	// inquiry looks into.
	if i := strings.Index(lower[p.end:cl[1]], " into "); i >= 0 && (p.reading.subject.kind == kRegulator || inquiryNouns[strings.ToLower(p.text)]) {
		if before := strings.Fields(lower[p.start : p.end+i]); len(before) > 0 && inquiryNouns[before[len(before)-1]] {
			from := p.end + i + len(" into ")
			if name, at := r.leadName(text, from, cl[1]); name != "" && at == from {
				name, _ = cutPossessive(name)
				return arg{kind: kName, start: at, end: at + len(name), text: name, why: "what the inquiry looks into"}
			}
		}
	}
	// Only a lawsuit's "against": an allegation or an investigation
	// against a person names no company.
	if i := strings.Index(lower[p.end:cl[1]], " against "); i >= 0 {
		before := strings.Fields(lower[max(cl[0], p.end+i-24) : p.end+i])
		if len(before) > 0 && suitNouns[before[len(before)-1]] || i == 0 && suitNouns[strings.ToLower(p.text)] {
			return r.enPhrase(part, p.end+i+len(" against "), cl[1], text)
		}
	}
	return arg{}
}

// zhListedNames reads "将曦衡科技、算元科技等多家AI芯片企业列入…": names
// shaped like companies', listed with 、 before 等 and a word for
// companies, are companies the headline is about, the taxonomy's or not.
// It returns those the taxonomy does not know, in the order written.
func (r *run) zhListedNames() []*party {
	title := r.d.parts[partTitle]
	if title == "" || latinOnly(title) {
		return nil
	}
	i := strings.Index(title, "等")
	if i <= 0 {
		return nil
	}
	after := title[i+len("等"):]
	if j := strings.IndexAny(after, "，,：:；;。！？ "); j >= 0 {
		after = after[:j]
	}
	if !slices.ContainsFunc(r.c.lex.zhListCompanyNouns, func(w string) bool { return strings.Contains(after, w) }) {
		return nil
	}
	from := 0
	if j := strings.LastIndexAny(title[:i], "，,：:；;。！？ 　"); j >= 0 {
		_, n := utf8.DecodeRuneInString(title[j:])
		from = j + n
	}
	items := strings.Split(title[from:i], "、")
	if len(items) < 2 {
		return nil
	}
	named := func(start int, it string) bool {
		return r.mentionCovers(partTitle, start, start+len(it)) || r.c.lex.zhSuffixedName(it)
	}
	// The first item opens with what brings the list in: "美国商务部将";
	// its name starts after the last such word that leaves a name.
	cut := 0
	for _, w := range r.c.lex.zhCompanyListOpeners {
		if k := strings.LastIndex(items[0], w); k >= 0 && k+len(w) > cut && named(from+k+len(w), items[0][k+len(w):]) {
			cut = k + len(w)
		}
	}
	from += cut
	items[0] = items[0][cut:]
	var out []*party
	at := from
	for _, it := range items {
		start := at
		at += len(it) + len("、")
		// (A name the taxonomy knows is listed already.)
		if r.mentionCovers(partTitle, start, start+len(it)) {
			continue
		}
		if !r.c.lex.zhSuffixedName(it) {
			return nil
		}
		out = append(out, &party{name: r.canonicalUnknown(it), span: news.Span{Part: partTitle.String(), Start: start, End: start + len(it), Text: it}})
	}
	return out
}

// newSubject is a primary company the taxonomy does not know.
func newSubject(name string, span news.Span, rule string, layer news.Layer) *subject {
	return &subject{name: name, span: span, rule: rule, layer: layer}
}

// mentionCovers reports whether a company the taxonomy knows is named as
// all of part[start:end].
func (r *run) mentionCovers(p part, start, end int) bool {
	return slices.ContainsFunc(r.mentions, func(m mention) bool {
		return m.part == p && m.kind == refCompany && m.start == start && m.end == end
	})
}

// zhInterviewee reads "专访北辰智脑创始人：…", "对话红杉中国合伙人：…": an
// interview with a company's or a firm's person is about that company,
// whatever else the headline names after it.
func (r *run) zhInterviewee() *subject {
	title := r.d.parts[partTitle]
	if title == "" || latinOnly(title) {
		return nil
	}
	at := -1
	for _, o := range r.c.lex.zhInterviewOpeners {
		if strings.HasPrefix(title, o) {
			at = len(o)
			break
		}
	}
	if at < 0 {
		return nil
	}
	rest := title[at:]
	end := -1
	for _, role := range r.c.lex.zhCompanyRoles {
		if i := strings.Index(rest, role); i > 0 && (end < 0 || i < end) {
			end = i
		}
	}
	if end < 0 || utf8.RuneCountInString(rest[:end]) > 10 {
		return nil
	}
	// ("专访Cohere副总裁": a vice role's 副 is no part of the name.)
	written := strings.Trim(strings.TrimSuffix(rest[:end], "副"), "「」“”\" ")
	// ("专访AI芯片公司深瞳智算创始人": the name after what describes it.)
	if n, _, _ := r.c.lex.zhName(written, 0); n != "" && strings.HasSuffix(written, n) {
		written = n
	}
	start := at + strings.LastIndex(rest[:end], written)
	if written == "" || strings.ContainsAny(written, "，,：:、") || strings.HasPrefix(written, "某") || strings.HasPrefix(written, "一") ||
		r.c.lex.notNames[strings.ToLower(written)] {
		return nil
	}
	rule := "the company whose person the interview is with"
	for i := range r.mentions {
		m := &r.mentions[i]
		if m.part == partTitle && m.start == start && m.end == start+len(written) {
			s := &subject{name: m.name, known: true, mention: m, span: r.span(m.hit), layer: m.layer, rule: rule, interview: true}
			if m.kind == refInvestor {
				s.firm, s.layer = true, news.LayerNone
			}
			return s
		}
	}
	if !r.c.lex.zhCompanyShaped(written, "") && !hanOnly(written) {
		return nil
	}
	return &subject{name: r.canonicalUnknown(written), span: news.Span{Part: partTitle.String(), Start: start, End: start + len(written), Text: written},
		rule: rule + " (not in the taxonomy)", layer: r.layerFromCues(nil), interview: true}
}

// roundJoinedBefore reports an investor's verb of joining or leading a
// round ("joins", "leads") before at in a headline.
func (r *run) roundJoinedBefore(title string, at int) bool {
	before := " " + strings.ToLower(title[:at])
	return slices.ContainsFunc(r.c.lex.roundJoiners, func(w string) bool { return strings.Contains(before, " "+w+" ") })
}

// ownerCompany is the company whose possessive opens argument a ("Lumora's
// chest X-ray AI"), read as a name where the text writes it.
func (r *run) ownerCompany(a arg, part part, rule string) *subject {
	i := strings.Index(r.d.parts[part][a.start:a.end], a.owner)
	if i < 0 {
		return nil
	}
	at := a.start + i
	return r.argCompany(arg{kind: kName, start: at, end: at + len(a.owner), text: a.owner}, part, rule)
}

// describedOutsideAI reports the word of a field outside the AI industry
// among the few words right before a company's name no list knows, in
// its clause: "AI agent security startup Tessellate".
func (r *run) describedOutsideAI(name string, subj *subject) (string, bool) {
	var spans []news.Span
	if subj != nil && subj.name == name {
		spans = append(spans, subj.span)
	}
	acq, tgt := r.acquisitionParties()
	for _, p := range []*party{acq, tgt, r.deniedParties[0], r.deniedParties[1]} {
		if p != nil && p.name == name {
			spans = append(spans, p.span)
		}
	}
	// (The headline's own words, where the name is read from the lead.)
	// (And the lead's, where it first names the company: "Banking
	// startup Mercury has agreed to acquire …".)
	for _, p := range []part{partTitle, partSummary} {
		if i := strings.Index(r.d.parts[p], name); i > 0 {
			spans = append(spans, news.Span{Part: p.String(), Start: i, End: i + len(name), Text: name})
		}
	}
	for _, sp := range spans {
		text := r.d.parts[partNamed(sp.Part)]
		if sp.Start <= 0 || sp.Start > len(text) {
			continue
		}
		before := text[:sp.Start]
		from := 0
		for i, c := range before {
			if strings.ContainsRune(",;:，；：。「“", c) {
				from = i + utf8.RuneLen(c)
			}
		}
		seg := strings.ToLower(before[from:])
		if latinOnly(seg) {
			if f := strings.Fields(seg); len(f) > 4 {
				seg = strings.Join(f[len(f)-4:], " ")
			}
		} else if n := utf8.RuneCountInString(seg); n > 10 {
			seg = string([]rune(seg)[n-10:])
		}
		// ("Cybersecurity veteran's new startup Lumora": the field is the
		// founder's.)
		if w, ok := r.c.lex.firstWord(seg, r.c.lex.outsideAIFields); ok {
			if after := seg[max(0, strings.Index(seg, w)):]; !strings.Contains(after, "'s ") && !strings.Contains(after, "’s ") {
				return w, true
			}
		}
	}
	return "", false
}
