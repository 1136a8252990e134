package classify

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/aitracker/aitracker/news"
)

// Event-type scoring thresholds.
const (
	// minEventScore is the least total cue weight for a type other than
	// "other": one ordinary cue in the title, or a strong one in the lead.
	minEventScore = 2.0
	// strongTitle is the title score (cue weight × title weight) at which a
	// type counts as named by the headline for the priority tie-break.
	strongTitle = 2 * wTitle
)

type cueScore struct {
	total, title float64
	best         []hit
}

// eventType scores each event type by its cues, weighted by where they
// occur, discounting cues in background clauses. The headline leads: when
// it names two events strongly, the priority order of news.EventTypes
// decides; otherwise the highest total wins.
func (r *run) eventType() news.EventType {
	scores := map[news.EventType]*cueScore{}
	type cueKey struct {
		part  string
		et    news.EventType
		alias string
	}
	// A cue counts once per part. Cues are few: a slice, filled below.
	var seen []cueKey
	n := 0
	for _, h := range r.d.hits {
		if h.kind == refEvent {
			n++
		}
	}
	cues := make([]hit, 0, n)
	for _, h := range r.d.hits {
		if h.kind == refEvent && !r.insideEntity(h) { // not "Scale" in "Scale AI"
			cues = append(cues, h)
		}
	}
	// A cue inside a longer cue is part of it: "merger" in "SPAC merger",
	// "venture" in "venture capital".
	cues = outermost(cues)
	seen = make([]cueKey, 0, len(cues))
	// A headline cue that overrides ("denies", "price cut") makes the
	// other types the headline names count a third.
	override := map[news.EventType]bool{}
	for _, h := range cues {
		if h.overrides && h.part == "title" && !r.background(h) {
			override[r.c.tax.Events[h.idx].ID] = true
			r.decide("event_cue", string(r.c.tax.Events[h.idx].ID), "the headline's "+quote(h.text)+" outweighs the other events it names", r.span(h))
		}
	}
	for _, h := range cues {
		et := r.c.tax.Events[h.idx].ID
		key := cueKey{h.part, et, h.alias}
		if slices.Contains(seen, key) {
			continue
		}
		seen = append(seen, key)
		w := h.weight * r.weight(h.part, h.start)
		if r.background(h) {
			w *= bgDiscount
		}
		if h.part == "title" && len(override) > 0 && !override[et] {
			w /= 3
		}
		s := scores[et]
		if s == nil {
			s = &cueScore{best: make([]hit, 0, 8)}
			scores[et] = s
		}
		s.total += w
		if h.part == "title" {
			s.title += w
		}
		s.best = append(s.best, h)
	}
	r.unitBoost(scores, override)
	if a := r.amountBoost(); a != nil {
		s := scores[news.EventFunding]
		if s != nil && s.total > 0 {
			s.total += wLead
			r.decide("event_cue", "funding", "an amount of money next to funding cues", r.span(*a))
		}
	}
	type cand struct {
		t news.EventType
		s *cueScore
	}
	var cands []cand
	for t, s := range scores {
		cands = append(cands, cand{t, s})
	}
	prio := func(t news.EventType) int {
		for i, e := range news.EventTypes {
			if e == t {
				return i
			}
		}
		return len(news.EventTypes)
	}
	sort.Slice(cands, func(i, j int) bool {
		if cands[i].s.total != cands[j].s.total {
			return cands[i].s.total > cands[j].s.total
		}
		return prio(cands[i].t) < prio(cands[j].t)
	})
	if len(cands) == 0 || cands[0].s.total < minEventScore {
		best := 0.0
		if len(cands) > 0 {
			best = cands[0].s.total
		}
		r.decide("event_type", string(news.EventOther), fmt.Sprintf("no event cue strong enough (best score %.1f < %.1f)", best, minEventScore))
		return news.EventOther
	}
	win := cands[0]
	rule := fmt.Sprintf("highest cue score %.1f", win.s.total)
	// The headline names several events: the priority order decides.
	for _, c := range cands[1:] {
		if c.s.title >= strongTitle && win.s.title >= strongTitle && prio(c.t) < prio(win.t) {
			rule = fmt.Sprintf("headline names %s and %s; %s ranks first", win.t, c.t, c.t)
			win = c
		}
	}
	if win.s.title < strongTitle {
		// A type the headline names strongly beats one built from the body.
		for _, c := range cands {
			if c.s.title >= strongTitle && c.s.total >= minEventScore {
				rule = fmt.Sprintf("the headline names %s (title score %.1f)", c.t, c.s.title)
				win = c
				break
			}
		}
	}
	var ev []news.Span
	for i, h := range win.s.best {
		if i == 4 {
			break
		}
		ev = append(ev, r.span(h))
	}
	r.decide("event_type", string(win.t), rule, ev...)
	return win.t
}

// insideEntity reports whether a cue is part of an accepted company or
// investor name.
func (r *run) insideEntity(h hit) bool {
	for _, m := range r.mentions {
		if m.part == h.part && h.start >= m.start && h.end <= m.end {
			return true
		}
	}
	return false
}

// amountBoost returns the money amount in the title or lead, if any: an
// amount next to funding words makes a funding story more certain.
func (r *run) amountBoost() *hit {
	for _, part := range []string{"title", "summary"} {
		text := r.d.parts[part]
		if text == "" {
			continue
		}
		limit := len(text)
		if part == "summary" {
			if s := r.d.sentences[part]; len(s) > 0 {
				limit = s[0][1]
			}
		}
		for _, a := range r.amountsIn(part) {
			if a.end <= limit && !a.valuation && !a.other {
				return &hit{ref: &noRef, part: part, start: a.start, end: a.end, text: text[a.start:a.end]}
			}
		}
	}
	return nil
}

// status decides rumored / announced / completed from status cues in the
// title and lead, falling back to what the event type usually means.
func (r *run) status(et news.EventType) news.Status {
	found := map[news.Status]hit{}
	for _, h := range r.d.hits {
		if h.kind != refStatus || h.part == "body" {
			continue
		}
		if h.part == "summary" && r.weight(h.part, h.start) != wLead {
			continue
		}
		if r.background(h) {
			continue
		}
		st := r.c.tax.Statuses[h.idx].ID
		if _, ok := found[st]; !ok {
			found[st] = h
		}
	}
	if h, ok := found[news.StatusRumored]; ok {
		r.decide("status", string(news.StatusRumored), "rumour cue "+quote(h.text), r.span(h))
		return news.StatusRumored
	}
	def := news.StatusCompleted
	switch et {
	case news.EventPartnership, news.EventRegulation, news.EventOther, news.EventIPO:
		def = news.StatusAnnounced
	}
	if h, ok := found[news.StatusAnnounced]; ok && def == news.StatusCompleted {
		r.decide("status", string(news.StatusAnnounced), "announcement cue "+quote(h.text), r.span(h))
		return news.StatusAnnounced
	}
	if h, ok := found[news.StatusCompleted]; ok && def == news.StatusAnnounced {
		r.decide("status", string(news.StatusCompleted), "completion cue "+quote(h.text), r.span(h))
		return news.StatusCompleted
	}
	r.decide("status", string(def), "usual status of "+strings.ReplaceAll(string(et), "_", " ")+" news")
	return def
}

// outermost drops cue hits that lie inside a longer cue hit of the same
// part.
func outermost(hits []hit) []hit {
	// hits are in order of part, then start, the longest first; a hit
	// lies inside a longer one exactly when an earlier hit of its part
	// ends after it, or ends with it but starts before it. The kept hits
	// are written over the input, which callers own.
	out := hits[:0]
	part, maxEnd, maxEndStart := "", -1, 0
	for _, h := range hits {
		if h.part != part {
			part, maxEnd = h.part, -1
		}
		inside := maxEnd > h.end || maxEnd == h.end && maxEndStart < h.start
		if !inside {
			out = append(out, h)
		}
		switch {
		case h.end > maxEnd:
			maxEnd, maxEndStart = h.end, h.start
		case h.end == maxEnd && h.start < maxEndStart:
			maxEndStart = h.start
		}
	}
	return out
}

// unitBoost: a headline that launches or releases a named model of a
// company's model family ("launches GPT-5", "rolls out Gemini 2.5 Pro") is
// a model release; one that launches a named app or product unit is a
// product launch.
func (r *run) unitBoost(scores map[news.EventType]*cueScore, override map[news.EventType]bool) {
	title := r.d.parts["title"]
	verbAt := -1
	lower := r.d.folded["title"] // same offsets as title
	for _, v := range releaseVerbs {
		if i := strings.Index(lower, v); i >= 0 && boundaryOK(title, i, i+len(v)) && (verbAt < 0 || i < verbAt) {
			verbAt = i
		}
	}
	if verbAt < 0 {
		return
	}
	// The first named unit after the verb is what it launches.
	for _, m := range r.mentions {
		if m.part != "title" || m.start < verbAt || m.investor || r.background(m.hit) {
			continue
		}
		if m.unit < 0 {
			continue
		}
		var et news.EventType
		switch r.c.tax.layerOf(m.ref) {
		case news.LayerModel:
			et = news.EventModelRelease
		case news.LayerApplication:
			et = news.EventProductLaunch
		default:
			return
		}
		s := scores[et]
		if s == nil {
			s = &cueScore{best: make([]hit, 0, 8)}
			scores[et] = s
		}
		boost := 2 * wTitle
		if len(override) > 0 && !override[et] {
			boost /= 3
		}
		s.total += boost
		s.title += boost
		s.best = append(s.best, m.hit)
		r.decide("event_cue", string(et), "the headline launches a named "+string(r.c.tax.layerOf(m.ref))+" unit, "+quote(m.text), r.span(m.hit))
		return
	}
}
