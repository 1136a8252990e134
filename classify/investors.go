package classify

import (
	"slices"
	"strings"

	"github.com/aitracker/aitracker/news"
)

// markInvestors finds the names that stand as investors: those in the
// investor list, and companies named in a list of investors ("led by
// Nvidia", "with participation from Microsoft", "腾讯领投"). A company
// that invests is not the company the article is about.
func (r *run) markInvestors() {
	for _, m := range r.mentions {
		if m.kind == refInvestor {
			r.decide("investor", m.name, "in the investor list as "+quote(m.alias), r.span(m.hit))
		}
	}
	// Names inside a list of investors are investors, whatever else they
	// are ("with participation from Microsoft and Nvidia").
	r.investorList = r.readInvestorLists()
	for _, n := range r.investorList {
		for i := range r.mentions {
			m := &r.mentions[i]
			if m.part.String() == n.span.Part && m.start >= n.span.Start && m.end <= n.span.End && (!m.investor || n.lead && !m.lead) {
				m.investor, m.lead = true, m.lead || n.lead
				role := "investor"
				if n.lead {
					role = "lead investor"
				}
				r.decide("investor", m.name, "named as "+role+" in a list of investors", r.span(m.hit))
			}
		}
	}
	r.markObjects()
	// An entity that invests anywhere in the headline or lead invests
	// everywhere in the article: "SoftBank anchors …" makes a later
	// "SoftBank said" an investor's remark, not a second party.
	investing := map[[2]int]bool{}
	for _, m := range r.mentions {
		if m.investor && (m.part == partTitle || r.weight(m.part, m.start) == wLead) {
			investing[[2]int{int(m.kind), m.idx}] = true
		}
	}
	for i := range r.mentions {
		m := &r.mentions[i]
		if !m.investor && investing[[2]int{int(m.kind), m.idx}] && (r.funded == nil || r.funded.idx != m.idx) {
			m.investor = true
		}
	}
}

// markObjects reads funding phrases whose object raises the money:
// "Meta takes a 49% stake in Scale AI", "Microsoft commits an investment
// to OpenAI", "张江集团注资智谱". The first company after the phrase is
// funded; the names listed right before it invest. A Chinese clause with
// 获 before the phrase ("智谱获腾讯注资") keeps its subject first.
func (r *run) markObjects() {
	for _, cue := range r.d.hits {
		// ("投资方包括…基金、腾讯": a cue inside a false friend or a fund's
		// name puts no money anywhere.)
		if cue.kind != refEvent || !cue.object || r.c.tax.Events[cue.idx].ID != news.EventFunding || r.background(cue) ||
			r.insideEntity(cue) || r.inFalseFriend(cue) {
			continue
		}
		if cue.part != partTitle && r.weight(cue.part, cue.start) != wLead || cue.alias == "back" && !r.backAsVerb(cue) {
			continue
		}
		// ("commits €3 billion to Fluidstack for a 1.4 GW campus": the
		// money buys capacity.)
		if _, ok := r.committedForCapacity(cue); ok {
			continue
		}
		text := r.d.parts[cue.part]
		clause := r.clauseOf(cue)
		if strings.Contains(text[clause[0]:cue.start], "获") {
			continue
		}
		// ("收购智谱", "buys 15% of Lumora": only a minority stake bought
		// funds the company.)
		f := r.frameOf(cue)
		share := f != nil && f.ID == "funding.minority-share"
		if f != nil && f.ID == "funding.zh-minority-stake" {
			if pct, ok := zhStakeShare(text[cue.end:clause[1]], ""); !ok || pct >= 50 {
				continue
			}
		} else if share {
			if pct, ok := r.shareBought(cue); !ok || pct >= 50 {
				continue
			}
		}
		var funded *mention
		for i := range r.mentions {
			m := &r.mentions[i]
			if m.part == cue.part && m.kind == refCompany && m.start >= cue.end && m.start < clause[1] && !m.investor {
				// "put in 10-hour shifts at BMW plant": a name after
				// another preposition is not what the money goes into.
				if r.c.lex.otherPreposition(r.d.folded[cue.part][cue.end:m.start]) {
					break
				}
				// "commits $20 billion to Cerebras inference capacity":
				// the money buys the company's goods.
				if a := r.enPhrase(cue.part, m.start, clause[1], text); a.kind == kGoods && latinOnly(text[m.start:a.end]) {
					break
				}
				funded = m
				break
			}
		}
		// "Nvidia commits up to $1 billion to coding-model maker Halberd
		// AI": the company the money goes to follows the sum.
		rest := text[cue.end:clause[1]]
		if latinOnly(cue.text) {
			lower := r.d.folded[cue.part]
			for _, am := range r.amountsIn(cue.part) {
				if am.start >= cue.end && am.start < clause[1] && r.c.lex.qualifierOnly(lower[cue.end:am.start]) {
					// (A few words may name what the sum is: "$50 million
					// term loan to".)
					for _, v := range []string{" to ", " in ", " into ", " behind "} {
						if i := strings.Index(lower[am.end:clause[1]], v); i >= 0 && len(strings.Fields(lower[am.end:am.end+i])) <= 3 {
							rest = text[am.end+i+len(v)-1 : clause[1]]
							break
						}
					}
					break
				}
			}
		}
		zfr := r.zhFrameReading(cue)
		fundedName := ""
		if funded != nil {
			fundedName = funded.name
			if r.funded == nil {
				r.funded = funded
				r.decide("funded", funded.name, "the company after "+quote(cue.text), r.span(funded.hit), r.span(cue))
			}
		} else if name, _ := r.c.lex.nameAfter(rest); name != "" && latinOnly(name) && isCapital(name) && !r.c.lex.notNames[strings.ToLower(name)] &&
			!r.commonForm(strings.ToLower(strings.Fields(name)[0])) {
			// "Nvidia takes $40M stake in robot-brain startup Kestrel
			// Dynamics": a company the taxonomy does not know. (Not a
			// verb a title-case headline capitalises: "Commits to Buying
			// Up to 1 GW of …".)
			fundedName = name
			r.fundedByObject = true
		} else if o := r.zhObject(cue, false); !latinOnly(cue.text) && o.kind == kName && o.mention == nil && o.text != "" && r.c.lex.zhCompanyShaped(o.text, "") {
			// "科大讯飞战略投资AI芯片公司「芯原力」": a name no list knows.
			fundedName = o.text
			r.fundedByObject = true
		} else if zfr.ok && zfr.object.kind == kName && zfr.object.mention == nil && zfr.object.text != "" {
			// "华锐股份拟向星衡智能增资3亿元": the name 向 brings in before
			// the verb.
			fundedName = zfr.object.text
			r.fundedByObject = true
		} else {
			continue
		}
		named := false
		for i := range r.mentions {
			m := &r.mentions[i]
			if m.part == cue.part && m.end <= cue.start && m.start >= clause[0] {
				named = true
				if !m.investor {
					m.investor = true
					r.decide("investor", m.name, "named before "+quote(cue.text)+", which puts money into "+fundedName, r.span(m.hit), r.span(cue))
				}
			}
		}
		// "Family office Tallgrass invests $120M in …", "Halvard
		// Electronics buys 15% of …": a name no list knows opens the
		// clause and gives the money.
		// "华锐股份拟以3亿元增资星衡智能": so does a Chinese name shaped
		// like a company's that opens the clause.
		if !named && zfr.ok {
			if a := r.subjectOf(cue, false, true); a.kind == kName && a.mention == nil && a.text != fundedName && r.c.lex.zhCompanyShaped(a.text, "") &&
				!slices.ContainsFunc(r.investorList, func(n investorName) bool { return n.name == a.text }) {
				r.investorList = append(r.investorList, investorName{name: a.text,
					span: news.Span{Part: cue.part.String(), Start: a.start, End: a.end, Text: a.text}})
				r.decide("investor", a.text, "the doer of "+quote(cue.text)+", which puts money into "+fundedName+" (not in the taxonomy)",
					r.span(hit{part: cue.part, start: a.start, end: a.end}), r.span(cue))
			}
		}
		if !named && latinOnly(cue.text) {
			verb := cue
			if share {
				// ("buys 15% of": the verb before the share has the doer.)
				for _, o := range r.d.hits {
					if o.kind == refEvent && o.part == cue.part && o.end < cue.start && o.end >= cue.start-8 {
						verb = o
					}
				}
			}
			if a := r.subjectOf(verb, false, false); a.kind == kName && a.mention == nil && isCapital(a.text) && !strings.EqualFold(a.text, fundedName) &&
				!slices.ContainsFunc(r.investorList, func(n investorName) bool { return strings.EqualFold(n.name, a.text) }) {
				r.investorList = append(r.investorList, investorName{name: a.text,
					span: news.Span{Part: cue.part.String(), Start: a.start, End: a.end, Text: a.text}})
				r.decide("investor", a.text, "the doer of "+quote(cue.text)+", which puts money into "+fundedName+" (not in the taxonomy)",
					r.span(hit{part: cue.part, start: a.start, end: a.end}), r.span(cue))
			}
		}
	}
}

// zhFrameReading reads the frame of a Chinese cue; an English one reads
// as no frame.
func (r *run) zhFrameReading(cue hit) frameReading {
	if latinOnly(cue.text) || r.frameOf(cue) == nil {
		return frameReading{}
	}
	return r.readFrame(cue)
}

// inFalseFriend reports whether h stands inside a phrase that holds a cue
// without being it ("投资方", "融资余额").
func (r *run) inFalseFriend(h hit) bool {
	for _, o := range r.d.hits {
		if o.kind == refFalseFriend && o.part == h.part && o.start <= h.start && h.end <= o.end {
			return true
		}
	}
	return false
}

// inHuoList reports whether h stands in the names a Chinese clause lists
// between 获 and the sum it gets (see zhHuoLists).
func (r *run) inHuoList(h hit) bool {
	for _, l := range r.huoLists {
		if l.part == h.part && h.start >= l.at[0] && h.end <= l.at[1] {
			return true
		}
	}
	return false
}

func (r *run) clauseOf(h hit) [2]int {
	for _, c := range r.d.clauses[h.part] {
		if h.start >= c[0] && h.start < c[1] {
			return c
		}
	}
	return r.sentenceOf(h)
}

func quote(s string) string { return "\u201c" + s + "\u201d" }

// sentenceHas reports whether h's sentence holds a cue of the given kind
// (and, for event cues, event type).
func (r *run) sentenceHas(h hit, kind refKind, event string) bool {
	sent := r.sentenceOf(h)
	for _, o := range r.d.hits {
		if o.part != h.part || o.kind != kind || o.start < sent[0] || o.start >= sent[1] {
			continue
		}
		if kind == refEvent && string(r.c.tax.Events[o.idx].ID) != event {
			continue
		}
		return true
	}
	return false
}

// otherPreposition reports a preposition in the words between a funding
// phrase and a name that the money does not go through ("at", "on" …).
func (lx *lexicon) otherPreposition(between string) bool {
	between = " " + between + " "
	for _, p := range lx.notFundedPrepositions {
		if strings.Contains(between, " "+p+" ") {
			return true
		}
	}
	return false
}
