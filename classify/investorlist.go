package classify

import (
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/aitracker/aitracker/config"
	"github.com/aitracker/aitracker/news"
)

// investorName is one investor read from a list in the text.
type investorName struct {
	name  string // as written (Latin script) or canonical (a Han name the taxonomy knows)
	canon string // the taxonomy's name when known, for telling two spellings apart
	lead  bool
	// part: the text says it takes part ("participated", "参投"), which
	// no lead does.
	part bool
	span news.Span
	// also: where else the text lists the same investor.
	also []news.Span
	// company is true when the investor is an operating company in the
	// taxonomy (a corporate investor, as in a strategic round).
	company bool
}

// readInvestorLists reads the names in each investing phrase's list: the
// names after "led by", "with participation from", "投资方包括", and
// before "领投", "跟投", "participated", "-led". Names the taxonomy does
// not know are kept as written, so that a fund or a person never seen
// before is still an investor. Known names are given as written in
// English text and by their canonical English name in Chinese text.
func (r *run) readInvestorLists() []investorName {
	var out []investorName
	seen := map[string]int{}
	add := func(n investorName) {
		key := strings.ToLower(n.name)
		if n.canon != "" {
			key = "=" + n.canon
		}
		if i, ok := seen[key]; ok {
			out[i].lead = out[i].lead || n.lead
			out[i].part = out[i].part || n.part
			out[i].also = append(out[i].also, n.span)
			if len(n.name) > len(out[i].name) && latinOnly(n.name) {
				out[i].name = n.name // the fuller spelling: "Prosperity7 Ventures"
			}
			return
		}
		seen[key] = len(out)
		out = append(out, n)
	}
	var cues []hit
	for _, h := range r.d.hits {
		// A body's lists past its lead name backers of other deals as
		// often as of this one, and are not read.
		if h.kind == refInvesting && !(h.part == partBody && h.start > bodyLead) && !r.insideEntity(h) || h.kind == refFalseFriend {
			cues = append(cues, h)
		}
	}
	// "-led" inside "co-led by" is part of it; "投资" inside "投资机构" (a
	// false friend) is no cue at all.
	for _, cue := range outermost(cues) {
		if cue.kind == refFalseFriend {
			continue
		}
		if r.background(cue) {
			continue
		}
		// One-word phrases ("leads", "backs", "from") name investors only
		// in a sentence about funding ("Kimi K2 leads open models" does not).
		// ("Index Ventures led the round. Seedcamp also took part.": the
		// sentence after one about funding goes on about it.)
		if (len(cue.alias) <= 4 || !strings.Contains(cue.alias, " ")) && !r.sentenceHas(cue, refEvent, "funding") && !r.afterFundingSentence(cue) {
			continue
		}
		// "Music publishers seek $3 billion from Lumora in new copyright
		// suit": money sought in a lawsuit comes from the defendant.
		if (len(cue.alias) <= 4 || !strings.Contains(cue.alias, " ")) && r.lawsuitSentence(cue) {
			continue
		}
		// "a research consortium led by Siemens", "the group, led by
		// IBM": what a noun of another kind is led by leads no round.
		if !cue.before && r.ledNonRound(cue) {
			continue
		}
		lead, part := cue.idx == 1, cue.idx == 2
		text := r.d.parts[cue.part]
		// "北京机器人产业基金、国科投资跟投": 投资 before a mark of a list or
		// another investor's verb ends a name ("国科投资"); it invests
		// nothing.
		if cue.before && cue.text == "投资" && zhNameEndingHere(text[cue.end:]) {
			continue
		}
		var seg [2]int
		if cue.before {
			seg = r.segmentBefore(cue)
		} else {
			seg = r.segmentAfter(cue)
		}
		if seg[1] <= seg[0] {
			continue
		}
		for _, item := range r.c.lex.splitList(text, seg) {
			name, canon, company, ok := r.investorItem(text, cue.part, item)
			if !ok {
				continue
			}
			add(investorName{name: name, canon: canon, lead: lead, part: part, company: company,
				span: news.Span{Part: cue.part.String(), Start: item[0], End: item[1], Text: text[item[0]:item[1]]}})
		}
	}
	for _, seg := range r.zhHuoLists() {
		r.huoLists = append(r.huoLists, seg)
		text := r.d.parts[seg.part]
		for _, item := range r.c.lex.splitList(text, seg.at) {
			name, canon, company, ok := r.investorItem(text, seg.part, item)
			// 获 opens no list of its own, so a name no list knows must
			// look like a fund's ("获某某资本数千万元投资").
			if !ok || canon == "" && !latinOnly(name) && !r.c.lex.investmentFirm(name) {
				continue
			}
			add(investorName{name: name, canon: canon, company: company,
				span: news.Span{Part: seg.part.String(), Start: item[0], End: item[1], Text: text[item[0]:item[1]]}})
		}
	}
	return out
}

// partSpan is a stretch of one part of the text.
type partSpan struct {
	part part
	at   [2]int
}

// zhHuoLists finds the names a Chinese headline or lead lists between 获
// and the sum or round it gets: "某某获红杉、高瓴数亿元B轮融资" names the
// two funds as its investors. The sum or round must be followed by a word
// for funding in the clause, so "获政府500万元补贴" names no investor.
func (r *run) zhHuoLists() []partSpan {
	var out []partSpan
	for _, p := range []part{partTitle, partSummary} {
		text := r.d.parts[p]
		if !strings.Contains(text, "获") {
			continue
		}
		for _, cl := range r.d.clauses[p] {
			if p == partSummary && r.weight(p, cl[0]) != wLead {
				break
			}
			c := text[cl[0]:cl[1]]
			i := strings.Index(c, "获")
			if i < 0 {
				continue
			}
			from := i + len("获")
			from += len(c[from:]) - len(strings.TrimPrefix(c[from:], "得"))
			rest := c[from:]
			end := r.c.lex.zhSumFrom(rest, 0)
			if end < 0 {
				_, at, ok := r.c.lex.findRound(rest)
				if !ok {
					continue
				}
				end = at[0]
			}
			tail := rest[end:]
			_, _, round := r.c.lex.findRound(tail)
			// (A lender's credit is the sum it gets: "获招商银行10亿元授信".)
			if end == 0 || !containsAnyOf(tail, "融资", "投资", "授信", "贷款") && !round {
				continue
			}
			out = append(out, partSpan{p, [2]int{cl[0] + from, cl[0] + from + len(strings.TrimRight(rest[:end], " "))}})
		}
	}
	return out
}

// segmentAfter is where the names after an investing phrase are: up to
// the end of the sentence or the first word that ends a list.
func (r *run) segmentAfter(cue hit) [2]int {
	text := r.d.parts[cue.part]
	sent := r.sentenceOf(cue)
	end := sent[1]
	rest := text[cue.end:end]
	for _, stop := range r.c.lex.listEnds {
		if i := r.c.lex.listStop(text, cue.end, sent[1], stop); i >= 0 && i < end {
			end = i
		}
	}
	for _, stop := range []string{"，", "。", "；", "（"} {
		if i := strings.Index(rest, stop); i >= 0 && cue.end+i < end {
			end = cue.end + i
		}
	}
	// The next investing cue starts another list.
	for _, o := range r.d.hits {
		if o.kind == refInvesting && o.part == cue.part && o.start > cue.start && o.start < end && o.start >= cue.end && !r.insideEntity(o) && !r.inFalseFriend(o) {
			end = o.start
		}
	}
	return [2]int{cue.end, end}
}

// segmentBefore is where the names before an investing phrase are: back
// to the start of the clause, the previous investing or event phrase, or
// a word that opens a list ("由", "with").
func (r *run) segmentBefore(cue hit) [2]int {
	text := r.d.parts[cue.part]
	sent := r.sentenceOf(cue)
	start := sent[0]
	// "General Catalyst-led": only the name glued to the hyphen.
	if strings.HasPrefix(cue.alias, "-") {
		i := cue.start
		for i > start {
			prev, n := utf8.DecodeLastRuneInString(text[:i])
			if prev == ' ' {
				// Keep going while the word before is capitalised.
				j := i - n
				w := j
				for w > start {
					p, m := utf8.DecodeLastRuneInString(text[:w])
					if p == ' ' {
						break
					}
					w -= m
				}
				if first, _ := utf8.DecodeRuneInString(text[w:]); !unicode.IsUpper(first) {
					break
				}
				i = j
				continue
			}
			i -= n
		}
		return [2]int{i, cue.start}
	}
	base := start
	for _, sep := range []string{"，", "。", "；", "：", ";", ": ", ". "} {
		if i := r.c.lex.lastListStop(text, base, cue.start, sep); i >= 0 {
			start = max(start, i+len(sep))
		}
	}
	base = start
	lower := r.d.folded[cue.part][base:cue.start]
	for _, opener := range r.c.lex.listOpeners {
		if i := strings.LastIndex(lower, opener); i >= 0 {
			start = max(start, base+i+len(opener))
		}
	}
	for _, o := range r.d.hits {
		if (o.kind == refInvesting || o.kind == refEvent || o.kind == refStatus) && o.part == cue.part && o.end <= cue.start && o.end > start && !r.insideEntity(o) &&
			!(o.text == "投资" && zhNameEndingHere(text[o.end:])) && !zhInvestorNameGoesOn(text[o.end:]) && !r.inCapitalRun(o) {
			start = o.end
		}
	}
	if !latinOnly(text[start:cue.start]) {
		for _, op := range r.c.lex.zhListOpeners {
			if i := strings.LastIndex(text[start:cue.start], op); i >= 0 {
				start += i + len(op)
			}
		}
	}
	return [2]int{start, cue.start}
}

// inCapitalRun reports a cue written with a capital between two capitalised
// words of running text: part of a name ("Inovo Venture Partners led").
// A headline in title case capitalises every word, so none is.
func (r *run) inCapitalRun(o hit) bool {
	if !isCapital(o.text) || r.titleCase(o.part) {
		return false
	}
	text := r.d.parts[o.part]
	before := lastField(text[:o.start])
	after := firstWord(strings.TrimLeft(text[o.end:], " "))
	return o.start > 0 && text[o.start-1] == ' ' && isCapital(before) && !strings.ContainsAny(before, ",.;:") &&
		o.end < len(text) && text[o.end] == ' ' && isCapital(after)
}

// legalFormNext reports a comma that a legal form follows: "T. Rowe Price
// Associates, Inc." is one name.
func (lx *lexicon) legalFormNext(rest string) bool {
	return strings.HasPrefix(rest, ",") && lx.legalFormAt(rest) > 0
}

// splitList splits a list of names at commas, "and", "、", "和", "及",
// "与"; not at "&", which joins the parts of one name.
func (lx *lexicon) splitList(text string, seg [2]int) [][2]int {
	var items [][2]int
	s := seg[0]
	i := seg[0]
	depth := 0
	for i < seg[1] {
		sep := 0
		rest := text[i:seg[1]]
		// "富达（Fidelity Management & Research Company）" is one name.
		switch {
		case strings.HasPrefix(rest, "(") || strings.HasPrefix(rest, "（"):
			depth++
		case (strings.HasPrefix(rest, ")") || strings.HasPrefix(rest, "）")) && depth > 0:
			depth--
		}
		if depth > 0 {
			_, n := utf8.DecodeRuneInString(rest)
			i += n
			continue
		}
		switch {
		case strings.HasPrefix(rest, ", and "):
			sep = len(", and ")
		case (strings.HasPrefix(rest, ", ") || strings.HasPrefix(rest, ",")) && !lx.legalFormNext(rest):
			sep = 1
		case strings.HasPrefix(rest, " and "):
			sep = len(" and ")
			// (" & " joins the parts of one name: "Vertex Ventures
			// Southeast Asia & India", "Fidelity Management & Research";
			// writers list two firms with "and".)
		case strings.HasPrefix(rest, "、"), strings.HasPrefix(rest, "和"), strings.HasPrefix(rest, "及"), strings.HasPrefix(rest, "与"), strings.HasPrefix(rest, "，"):
			_, sep = utf8.DecodeRuneInString(rest)
		case strings.HasPrefix(rest, "以及"):
			sep = len("以及")
		}
		if sep > 0 {
			items = append(items, [2]int{s, i})
			i += sep
			s = i
			continue
		}
		_, n := utf8.DecodeRuneInString(rest)
		i += n
	}
	items = append(items, [2]int{s, seg[1]})
	return items
}

// groupNouns describe a set of people or firms by what they share ("a
// who's who of …", "a group of …"), naming none of them.
var groupNouns = map[string]bool{"who": true, "who's": true, "group": true, "handful": true, "host": true, "slew": true, "roster": true,
	"number": true, "collection": true, "bunch": true, "array": true, "list": true}

// investorItem cleans one list item and decides whether it is a name. It
// returns the name to show, the taxonomy's name when known, and whether
// the investor is an operating company.
func (r *run) investorItem(text string, part part, item [2]int) (string, string, bool, bool) {
	raw := text[item[0]:item[1]]
	// ("【国家人工智能产业投资基金参与…": a flash's bracket is no part of it.)
	s := strings.TrimSpace(strings.Trim(strings.TrimSpace(raw), "【】"))
	if latinOnly(s) {
		for changed := true; changed; {
			changed = false
			for _, f := range r.c.lex.listFillers {
				if strings.HasPrefix(strings.ToLower(s), f) {
					s, changed = strings.TrimSpace(s[len(f):]), true
				}
			}
		}
		core := strings.Trim(s, " .,;:'\"“”‘’")
		// ("T. Rowe Price Associates, Inc.": the period of a legal form
		// is part of it.)
		if f := strings.Fields(core); len(f) > 1 && r.c.lex.legalSuffixes[strings.TrimPrefix(f[len(f)-1], "&")] {
			if after := s[strings.Index(s, core)+len(core):]; strings.HasPrefix(after, ".") || after == "" && strings.HasPrefix(text[item[1]:], ".") {
				core += "."
			}
		}
		s = core
		// "OpenAI's fund", "Nvidia's venture arm": the company invests
		// through its fund.
		for _, arm := range r.c.lex.fundArms {
			if strings.HasSuffix(strings.ToLower(s), arm) {
				for _, m := range r.mentions {
					if m.part == part && m.start >= item[0] && m.end <= item[1] {
						return s, m.name, r.corporate(m), true
					}
				}
			}
		}
		// ("a16z leads …": a name the lists know, written in lower case,
		// ending the item is that investor.)
		for _, m := range r.mentions {
			if m.part == part && m.start >= item[0] && m.end <= item[1] && !isCapital(m.text) &&
				strings.Trim(text[m.end:item[1]], " .,;:'\"“”‘’") == "" {
				return m.text, m.name, r.corporate(m), true
			}
		}
		// The name is the capitalised run at the end of the item: "said
		// Nvidia" gives Nvidia, "robotics startup" gives nothing.
		words := strings.Fields(s)
		k := len(words)
		for k > 0 {
			w := strings.Trim(words[k-1], "'\"“”()")
			first, _ := utf8.DecodeRuneInString(w)
			if !(unicode.IsUpper(first) || unicode.IsDigit(first) || w == "&" && k > 1 && k < len(words)) {
				break
			}
			k--
		}
		// ("…, CEO Dana Whitfield told TechCrunch": whom a person tells is
		// an outlet; "angel investor Daniel Ruiz, former chief medical
		// officer of Teladoc Health": where a person worked is no investor.)
		// ("a who's who of Silicon Valley", "a group of Stanford
		// professors": those the name describes are no investor named.)
		if k > 0 && k < len(words) {
			prev := strings.ToLower(words[k-1])
			if prev == "told" || prev == "tells" || prev == "telling" ||
				prev == "of" && slices.ContainsFunc(words[:k-1], func(w string) bool {
					w = strings.ToLower(strings.Trim(w, "'\"“”‘’"))
					return w == "former" || w == "officer" || w == "chief" || slices.Contains(r.c.lex.companyRoles, w) || groupNouns[w]
				}) {
				return "", "", false, false
			}
		}
		words = words[k:]
		// ("CEO Dana Whitlock said": the company's own person speaks.)
		if len(words) > 1 && slices.Contains(r.c.lex.companyRoles, strings.ToLower(words[0])) {
			return "", "", false, false
		}
		// ("$9.5 Million Seed Round": a sum's scale opens no name.)
		if len(words) > 0 && slices.ContainsFunc(r.c.lex.amountScales, func(sc config.Scale) bool { return strings.EqualFold(sc.Word, words[0]) }) {
			return "", "", false, false
		}
		// ("A Marc Benioff-backed startup": an article before the name
		// is none of it.)
		if len(words) > 1 && (words[0] == "A" || words[0] == "An") {
			words = words[1:]
		}
		// ("Germany's DeepTech & Climate Fonds": the country that owns a
		// fund is no part of its name.)
		if len(words) > 1 {
			if owner, ok := cutPossessive(words[0]); ok && r.c.lex.notNames[strings.ToLower(owner)] {
				words = words[1:]
			}
		}
		// "Y Combinator's Garry Tan", "Mortar Ventures' Darren Bechtel",
		// "Anjney Midha's AMP": the one who invests is after the owner's
		// possessive (not a firm's own fund: "OpenAI's Startup Fund").
		for i := len(words) - 2; i >= 0; i-- {
			w := words[i]
			if strings.HasSuffix(w, "'s") || strings.HasSuffix(w, "’s") || strings.HasSuffix(w, "s'") || strings.HasSuffix(w, "s’") {
				if !r.c.lex.investmentFirmEndings[words[len(words)-1]] {
					words = words[i+1:]
				}
				break
			}
		}
		s = strings.Join(words, " ")
		if s == "" || len(words) > 6 {
			return "", "", false, false
		}
		// ("… extends its runway into 2028": a year or a count is no name.)
		if !strings.ContainsFunc(s, unicode.IsLetter) {
			return "", "", false, false
		}
		if i := strings.Index(text[item[0]:item[1]], s); i >= 0 {
			item = [2]int{item[0] + i, item[0] + i + len(s)}
		}
		// A name known to the taxonomy is kept as the text writes it, with
		// the fund words that follow it ("ICONIQ Growth").
		for _, m := range r.mentions {
			if m.part == part && m.start >= item[0] && m.end <= item[1] {
				return s, m.name, r.corporate(m), true
			}
		}
		if r.c.lex.notNames[strings.ToLower(s)] || r.c.lex.roundWords(s) {
			return "", "", false, false
		}
		return s, "", false, true
	}
	// "富达（Fidelity Management & Research Company）": the name in brackets
	// is the one the taxonomy knows or the text gives in Latin letters.
	if i := strings.IndexAny(s, "(（"); i > 0 {
		inner := s[i:]
		inner = strings.TrimLeft(inner, "(（")
		if j := strings.IndexAny(inner, ")）"); j > 0 {
			latin := strings.TrimSpace(inner[:j])
			if latinOnly(latin) && looksLikeLatinName(latin) {
				at := strings.Index(text[item[0]:item[1]], latin)
				for _, m := range r.mentions {
					if at >= 0 && m.part == part && m.start >= item[0]+at && m.end <= item[0]+at+len(latin) {
						return m.name, m.name, r.corporate(m), true
					}
				}
				return latin, "", false, true
			}
		}
		s = strings.TrimSpace(s[:i])
	}
	// "获得小米集团1.5亿元战略投资": the sum after the investor is no part
	// of its name.
	s = r.c.lex.cutZhSum(s)
	// "地方国资有意参与": what an investor intends is no name.
	for _, w := range r.c.lex.zhIntentWords {
		if i := strings.Index(s, w); i >= 0 {
			s = s[:i]
		}
	}
	for changed := true; changed; {
		changed = false
		for _, f := range r.c.lex.zhListFillers {
			if t := strings.TrimSuffix(s, f); t != s {
				s, changed = strings.TrimSpace(t), true
			}
			if t := strings.TrimPrefix(s, f); t != s {
				s, changed = strings.TrimSpace(t), true
			}
		}
		for _, op := range r.c.lex.zhListOpeners {
			if t := strings.TrimPrefix(s, op); t != s {
				s, changed = strings.TrimSpace(t), true
			}
		}
	}
	// "同为清华系的智谱AI": what comes before 的 describes the name, and so
	// does a descriptor: "荷兰光刻机巨头ASML".
	// (Not the 的 of a name the lists know: "美的入股…".)
	if i := strings.LastIndex(s, "的"); i >= 0 && !r.zhNameHolds(text, part, item, s[:i+len("的")]) {
		s = s[i+len("的"):]
	}
	// "新投资方青松基金": the verb the list was cut at ends a word for an
	// investor, whose last character is left before the name.
	if rest, ok := strings.CutPrefix(s, "方"); ok && rest != "" && strings.HasSuffix(text[:item[0]], "投资") {
		s = rest
	}
	for _, d := range r.c.lex.zhInvestorDescriptors {
		if i := strings.LastIndex(s, d); i >= 0 && i+len(d) < len(s) {
			s = s[i+len(d):]
		}
	}
	s = strings.Trim(s, " 　、，。“”\"")
	// ("宁德时代旗下基金": a fund its owner's words leave unnamed; the
	// owner invests through it.)
	if slices.Contains(zhGenericInvestors, s) {
		for _, m := range r.mentions {
			if m.part == part && m.start >= item[0] && m.end <= item[1] {
				return m.text, m.name, r.corporate(m), true
			}
		}
		return "", "", false, false
	}
	// "新增股东为美团旗下投资主体", "公司方面确认此次为小米独家战略投资":
	// the name after the copula, its group's unit words dropped.
	s = strings.TrimSuffix(s, "旗下")
	for _, m := range r.mentions {
		if m.part == part && m.start >= item[0] && m.end <= item[1] && strings.HasSuffix(s, m.text) && strings.HasSuffix(strings.TrimSuffix(s, m.text), "为") {
			s = m.text
			break
		}
	}
	// ("个人投资者周明远", "天使投资人王晓川": what is left of 投资者 or
	// 投资人 once 投资 parts the list.)
	if strings.HasSuffix(text[:item[0]], "投资") || strings.HasPrefix(s, "者") {
		s = strings.TrimPrefix(strings.TrimPrefix(s, "者"), "人")
	}
	if n := utf8.RuneCountInString(s); n < 2 || n > 16 {
		return "", "", false, false
	}
	for _, w := range r.c.lex.zhNotNames {
		if strings.Contains(s, w) {
			// A known name in the item still counts ("张江集团宣布…" is not
			// a name, but 张江集团 inside it was matched on its own).
			return "", "", false, false
		}
	}
	// "阿里腾讯小米共同押注": names the lists know written one after
	// another are those investors, each found on its own.
	covered, n := 0, 0
	for _, m := range r.mentions {
		if m.part == part && m.start >= item[0] && m.end <= item[1] && strings.Contains(s, m.text) {
			covered += utf8.RuneCountInString(m.text)
			n++
		}
	}
	if n >= 2 && covered >= utf8.RuneCountInString(s) {
		return "", "", false, false
	}
	// A Han name the taxonomy knows takes its canonical English name,
	// except state funds and local platforms, which keep the name the
	// text gives them.
	for _, m := range r.mentions {
		// ("华为旗下哈勃投资": not a name the descriptors cut off.)
		if m.part == part && m.start >= item[0] && m.end <= item[1] && utf8.RuneCountInString(m.text)*2 >= utf8.RuneCountInString(s) &&
			strings.Contains(s, m.text) {
			if r.keepsChineseName(m) {
				return s, m.name, r.corporate(m), true
			}
			// "星火资本": a company's name before a fund's ending is the
			// fund's own name.
			if i := strings.Index(s, m.text); m.kind == refCompany && i >= 0 && r.c.lex.investmentFirmEndings[s[i+len(m.text):]] {
				return s, "", false, true
			}
			// "中芯聚源", "美团龙珠": a company's name before a short name of
			// its own is the company's investment arm, a corporate
			// investor under its own name.
			if i := strings.Index(s, m.text); m.kind == refCompany && i == 0 && r.c.lex.zhArmName(s[len(m.text):]) {
				return s, "", true, true
			}
			return r.hanInvestorName(m), m.name, r.corporate(m), true
		}
	}
	// "获云启、商汤…" with "云启资本" in the lead: a short form of a fund
	// the article names in full elsewhere is that fund, written as the
	// article writes it in full.
	if !latinOnly(s) {
		for _, m := range r.mentions {
			if m.kind == refInvestor && m.text != s && strings.HasPrefix(m.text, s) {
				if r.keepsChineseName(m) {
					return m.text, m.name, r.corporate(m), true
				}
				return r.hanInvestorName(m), m.name, false, true
			}
		}
	}
	return s, "", false, true
}

// corporate reports an investor that is a corporation: a company, or a
// corporation's venture arm ("M12", "哈勃投资"), whose investment alone
// makes a round strategic.
func (r *run) corporate(m mention) bool {
	if m.kind == refCompany {
		return true
	}
	if m.kind != refInvestor {
		return false
	}
	// (A bank or a company the investor lists name is a corporation too:
	// "MUFG to take stake in Sakana AI".)
	k := r.c.tax.Investors[m.idx].Kind
	return k == "cvc" || k == "corporate" || k == "bank"
}

// spans are the places the text lists the investor.
func (n investorName) spans() []news.Span {
	return append([]news.Span{n.span}, n.also...)
}

// zhArmName reports a short Han name of its own after a company's name:
// two characters, none of the words that end companies' names in every
// industry ("集团", "科技") or name an industry ("芯片").
func (lx *lexicon) zhArmName(tail string) bool {
	if utf8.RuneCountInString(tail) != 2 || !hanOnly(tail) || lx.zhGenericEndings[tail] || lx.investmentFirmEndings[tail] {
		return false
	}
	for _, w := range lx.zhCompanyWords {
		if strings.Contains(tail, w.ZH) {
			return false
		}
	}
	return true
}

// zhNameHolds reports whether the end of head, the start of the item's
// text s, falls inside a name the lists know in that item.
func (r *run) zhNameHolds(text string, part part, item [2]int, head string) bool {
	at := strings.Index(text[item[0]:item[1]], head)
	if at < 0 {
		return false
	}
	end := item[0] + at + len(head)
	for _, m := range r.mentions {
		if m.part == part && m.start < end && m.end >= end {
			return true
		}
	}
	return false
}

// keepsChineseName: Chinese funds, state funds and local platforms keep
// the name the Chinese text gives them (峰瑞资本, 张江集团); well-known
// firms, which the taxonomy gives an English name for Chinese texts, and
// companies and investors from elsewhere take their English name.
func (r *run) keepsChineseName(m mention) bool {
	if m.kind != refInvestor || latinOnly(m.text) {
		return false
	}
	inv := r.c.tax.Investors[m.idx]
	if inv.English != "" {
		return false
	}
	switch inv.Kind {
	case "corporate", "sovereign":
		return false
	}
	return inv.Region == "CN" || inv.Region == "HK" || inv.Kind == "state_fund"
}

// hanInvestorName is the English name of a known investor a Chinese text
// names: the name a Chinese text's reader knows it by when the taxonomy
// gives one (高瓴 → Hillhouse), else its canonical name.
func (r *run) hanInvestorName(m mention) string {
	if m.kind == refInvestor {
		if e := r.c.tax.Investors[m.idx].English; e != "" {
			return e
		}
	}
	return m.name
}

// investorText is how the text writes a known investor: the matched
// words and the fund words after them ("AMD Ventures", "ICONIQ Growth").
func (r *run) investorText(m mention) string {
	if !latinOnly(m.text) {
		if r.keepsChineseName(m) {
			return m.text
		}
		return r.hanInvestorName(m)
	}
	text := r.d.parts[m.part]
	end := m.end
	for {
		rest := text[end:]
		if !strings.HasPrefix(rest, " ") {
			break
		}
		w := rest[1:]
		if i := strings.IndexAny(w, " ,.;:)"); i >= 0 {
			w = w[:i]
		}
		if !r.c.lex.fundWords[w] {
			break
		}
		end += 1 + len(w)
	}
	return text[m.start : end+r.c.lex.legalFormAt(text[end:])]
}

// legalFormAt is the length of the legal form that rest opens with, as
// written after a firm's name: " Ltd.", ", Inc.", " GmbH & Co. KG",
// " & Co. Inc."; 0 when it opens with none. Names of investors are kept as
// the text writes them.
func (lx *lexicon) legalFormAt(rest string) int {
	n := 0
	for range 3 {
		i := n
		if strings.HasPrefix(rest[i:], ",") {
			i++
		}
		if !strings.HasPrefix(rest[i:], " ") {
			break
		}
		i++
		if strings.HasPrefix(rest[i:], "& ") {
			i += 2
		}
		j := i
		for j < len(rest) && isLetterByte(rest[j]) {
			j++
		}
		// (A word, not the start of one: "Co-founder" is none.)
		if j == i || !lx.legalSuffixes[rest[i:j]] || j < len(rest) && !strings.ContainsRune(" .,;)", rune(rest[j])) {
			break
		}
		if j < len(rest) && rest[j] == '.' {
			j++
		}
		n = j
	}
	return n
}

// roundWords reports whether s names a round rather than an investor
// ("Series B").
func (lx *lexicon) roundWords(s string) bool {
	_, at, ok := lx.findRound(s)
	return ok && at[1]-at[0] >= len(s)-2
}

// afterFundingSentence reports whether the sentence before h's, in the
// lead, is about funding.
func (r *run) afterFundingSentence(h hit) bool {
	if h.part != partSummary {
		return false
	}
	ss := r.d.sentences[h.part]
	i := sort.Search(len(ss), func(i int) bool { return ss[i][1] > h.start })
	if i == len(ss) || h.start < ss[i][0] {
		return false
	}
	// ("Loomwise banks $3.5M pre-seed" / "Precursor Ventures led; …": the
	// lead's first sentence goes on about the headline's, for the words
	// that lead a round; "from" or "joined" say too little there: "spun
	// out from Google", "Ana Ruiz joined as CTO".)
	if i == 0 {
		// ("Afore Capital led, with Soma and Pioneer Fund joining": the
		// names that join a round the same sentence says someone led
		// take part in it.)
		if h.kind != refInvesting || h.idx != 1 && !(h.idx == 2 && r.ledBefore(h, ss[0][0])) {
			return false
		}
		for _, t := range r.d.sentences[partTitle] {
			if t[1] == len(r.d.parts[partTitle]) {
				return r.sentenceHas(hit{part: partTitle, start: t[0]}, refEvent, string(news.EventFunding))
			}
		}
		return false
	}
	return r.sentenceHas(hit{part: h.part, start: ss[i-1][0]}, refEvent, string(news.EventFunding))
}

// ledBefore reports whether a phrase for leading a round comes between
// from and the investing phrase h, in its part.
func (r *run) ledBefore(h hit, from int) bool {
	for _, o := range r.d.hits {
		if o.kind == refInvesting && o.idx == 1 && o.part == h.part && o.start >= from && o.end <= h.start && !r.insideEntity(o) {
			return true
		}
	}
	return false
}

// zhSumFrom is where the first sum of money in s that starts at or past
// byte from starts, or -1.
func (lx *lexicon) zhSumFrom(s string, from int) int {
	at := -1
	if i := strings.IndexAny(s[from:], "0123456789０１２３４５６７８９"); i >= 0 {
		at = from + i
	}
	for _, w := range lx.zhSums {
		if i := strings.Index(s[from:], w); i >= 0 && (at < 0 || from+i < at) {
			at = from + i
		}
	}
	return at
}

// cutZhSum returns s up to the sum of money in it: "小米集团1.2亿元" gives
// 小米集团. A sum that opens s is no cut.
func (lx *lexicon) cutZhSum(s string) string {
	if s == "" {
		return s
	}
	if at := lx.zhSumFrom(s, 1); at > 0 {
		s = s[:at]
	}
	return strings.TrimSpace(s)
}

// investmentFirm reports a name that ends like an investment firm's:
// "Helion Capital", "某某资本".
func (lx *lexicon) investmentFirm(name string) bool {
	for w := range lx.investmentFirmEndings {
		if strings.HasSuffix(name, w) && len(name) > len(w) {
			return true
		}
	}
	return false
}

// lawsuitSentence reports whether the sentence of h names a lawsuit
// ("copyright suit", "sues", "起诉").
func (r *run) lawsuitSentence(h hit) bool {
	sent := r.sentenceOf(h)
	for _, o := range r.d.hits {
		if o.part != h.part || o.kind != refEvent || o.start < sent[0] || o.start >= sent[1] || r.c.tax.Events[o.idx].ID != news.EventRegulation {
			continue
		}
		// (By whole words: a regulator "issues" rules.)
		t := strings.ToLower(o.text)
		if strings.Contains(t, "suit") || strings.Contains(t, "起诉") || strings.Contains(t, "诉讼") ||
			slices.ContainsFunc([]string{"sue", "sues", "sued", "suing"}, func(w string) bool { return wordIndex(t, w) >= 0 }) {
			return true
		}
	}
	return false
}

// zhNameEndingHere reports whether the text after a word ends the name it
// closes: a mark of a list, or a verb of an investor in a round. (Not a
// comma: "本轮由红杉中国投资，…" invests.)
func zhNameEndingHere(rest string) bool {
	for _, p := range []string{"、", "和", "及", "与", "等", "跟投", "参投", "领投", "联合领投", "共同", "继续", "追加"} {
		if strings.HasPrefix(rest, p) {
			return true
		}
	}
	return false
}

// zhGenericInvestors are words for investors that name none.
var zhGenericInvestors = []string{"基金", "资本", "投资", "创投", "产业基金", "资金"}

// zhInvestorNameGoesOn reports a cue inside an investor's name: what
// follows it ends the name on a word for an investor, then ends the
// name ("国寿股权投资领投": 股权 is part of the name).
func zhInvestorNameGoesOn(rest string) bool {
	for _, w := range zhGenericInvestors {
		if after, ok := strings.CutPrefix(rest, w); ok && zhNameEndingHere(after) {
			return true
		}
	}
	return false
}

// ledNonRound reports whether a "led by" cue follows a noun that no
// investor leads: "a research consortium led by Siemens", "the group,
// which is led by IBM".
func (r *run) ledNonRound(cue hit) bool {
	if !strings.HasSuffix(cue.alias, "led by") {
		return false
	}
	words := strings.Fields(r.d.folded[cue.part][r.sentenceOf(cue)[0]:cue.start])
	for len(words) > 0 {
		w := strings.Trim(words[len(words)-1], ",;:—–-")
		switch w {
		case "", "is", "was", "are", "were", "be", "been", "being", "which", "that", "jointly", "also", "now", "currently":
			words = words[:len(words)-1]
			continue
		}
		return r.c.lex.ledNotRounds[w]
	}
	return false
}
