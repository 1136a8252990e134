package classify

import (
	"strings"
)

// markInvestors finds the names that stand as investors: those in the
// investor list, and companies named in an investing phrase ("led by
// Nvidia", "with participation from Microsoft", "腾讯领投"). A company
// that invests is not the company the article is about.
func (r *run) markInvestors() {
	for _, cue := range r.d.hits {
		if cue.kind != refInvesting {
			continue
		}
		lead := cue.idx == 1
		// A bare preposition ("from", "with") marks investors only in a
		// sentence about money being raised.
		if len(cue.alias) <= 4 && !r.sentenceHas(cue, refEvent, "funding") {
			continue
		}
		var run []int
		if cue.before {
			run = r.adjacentMentions(cue.part, cue.start, -1)
		} else {
			run = r.adjacentMentions(cue.part, cue.end, +1)
		}
		for _, i := range run {
			m := &r.mentions[i]
			if !m.investor || (lead && !m.lead) {
				m.investor = true
				m.lead = m.lead || lead
				role := "investor"
				if lead {
					role = "lead investor"
				}
				r.decide("investor", m.name, "named as "+role+" by "+quote(cue.text), r.span(m.hit), r.span(cue))
			}
		}
	}
	for _, m := range r.mentions {
		if m.kind == refInvestor {
			r.decide("investor", m.name, "in the investor list as "+quote(m.alias), r.span(m.hit))
		}
	}
}

// adjacentMentions returns the mentions in part that form a list starting
// at pos and running in direction dir (+1 forward, -1 backward), separated
// only by list punctuation and conjunctions.
func (r *run) adjacentMentions(part string, pos, dir int) []int {
	text := r.d.parts[part]
	var idx []int
	for i, m := range r.mentions {
		if m.part == part {
			idx = append(idx, i)
		}
	}
	var out []int
	if dir > 0 {
		for _, i := range idx {
			m := r.mentions[i]
			if m.start < pos {
				continue
			}
			if !listGap(text[pos:m.start]) {
				break
			}
			out = append(out, i)
			pos = m.end
		}
		return out
	}
	for k := len(idx) - 1; k >= 0; k-- {
		m := r.mentions[idx[k]]
		if m.end > pos {
			continue
		}
		if !listGap(text[m.end:pos]) {
			break
		}
		out = append(out, idx[k])
		pos = m.start
	}
	return out
}

// listGap reports whether s only separates items of a list of names:
// spaces, commas, "and", "、", "和", or words that precede a name in a
// list of investors ("existing investors", "由", "联合").
func listGap(s string) bool {
	s = strings.TrimSpace(strings.ToLower(s))
	for _, w := range listFillers {
		s = strings.ReplaceAll(s, w, " ")
	}
	return strings.Trim(s, " ,、，;&") == ""
}

var listFillers = []string{
	"as well as", "along with", "alongside", "existing investors", "existing investor", "investors including",
	"including", "and", "plus", "with", "the", "also", "both", "its", "firms", "funds",
	"由", "和", "及", "与", "以及", "联合", "共同", "等", "老股东", "现有股东", "持续", "继续", "参与",
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
