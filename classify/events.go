package classify

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/aitracker/aitracker/news"
)

// Event-type scoring thresholds.
const (
	// bodyLead is how far into a body predicates are read (bytes).
	bodyLead = 2048

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
		part  part
		et    news.EventType
		alias string
	}
	cues := r.d.hitsWhere(func(h hit) bool {
		return h.kind == refEvent && !r.insideEntity(h) || h.kind == refFalseFriend // not "Scale" in "Scale AI"
	})
	// A cue inside a longer cue is part of it: "merger" in "SPAC merger",
	// "venture" in "venture capital"; one inside a false friend is not a
	// cue at all: "融资" in "融资余额", "model" in "business model".
	cues = outermost(cues)
	kept := cues[:0]
	var friends []hit
	for _, h := range cues {
		if h.kind == refFalseFriend {
			r.decide("false_friend", h.text, "a phrase that holds a cue without being it", r.span(h))
			friends = append(friends, h)
			continue
		}
		kept = append(kept, h)
	}
	// ("new Model Y": a cue that runs into a false friend, "new Model",
	// shares its words and is no cue either.)
	if len(friends) > 0 {
		kept = slices.DeleteFunc(kept, func(h hit) bool {
			return slices.ContainsFunc(friends, func(f hit) bool { return f.part == h.part && h.start < f.end && f.start < h.end })
		})
	}
	cues = kept
	genre, newsletter := r.headlineGenre()
	// "Gemini 2.5: Our most intelligent AI model": a company's post whose
	// headline is the new model's name, which holds no predicate.
	var headModel arg
	if genre == nil && !newsletter {
		if h, a, ok := r.modelHeadline(); ok {
			cues, headModel = append(cues, h), a
		}
	}
	// Each predicate's frame is read: a predicate counts only when its
	// frame holds. A newsletter's own stories are in its headline.
	holds := map[news.EventType]bool{}
	counts := make([]bool, len(cues))
	var negation *hit
	var rejectedAt spanKey // the predicate the last trail entry rejects frames of
	titleHolds, headHolds := false, false
	// "RTX 5090上市一周一卡难求": a headline dated from a launch or a
	// listing reports what came after it; the lead's account of the
	// launch is background.
	since := r.c.lex.hasWord(r.d.folded[partTitle], r.c.lex.sinceLaunch)
	for i, h := range cues {
		f := r.frameOf(h)
		if f == nil {
			continue
		}
		if newsletter && h.part != partTitle {
			continue
		}
		if since && h.part != partTitle && (f.Type == news.EventProductLaunch || f.Type == news.EventIPO || f.Type == news.EventModelRelease) {
			continue
		}
		// An article says what happened near its start: a body's
		// predicates are read only when the headline and lead hold none,
		// and only in its lead. Past that they are context, and reading
		// them would cost every article.
		if h.part == partBody && (headHolds || h.start > bodyLead) {
			continue
		}
		var fr frameReading
		if h.ref == r.c.modelHead || h.ref == r.c.productHead {
			fr = frameReading{ok: true, subject: headModel}
		} else {
			fr = r.readFrame(h)
		}
		if fr.ok && newsletter {
			// "…, and a $40M seed for a stealth startup": a story of a
			// newsletter counts when it names its company, and its
			// arguments are in it.
			if from, to, ok := r.storyNames(h, fr); !ok {
				fr = frameReading{why: "the newsletter's story names no company"}
			} else {
				if fr.subject.start < from || fr.subject.end > to {
					fr.subject = arg{}
				}
				if fr.object.start < from || fr.object.end > to {
					fr.object = arg{}
				}
			}
		}
		if !fr.ok {
			// One entry per predicate lists the frames it failed, with why
			// (a body's are not listed: its lead is read only as a fallback).
			if h.part != partBody {
				if i > 0 && len(r.trail) > 0 && rejectedAt == (spanKey{h.part, h.start, h.end}) {
					last := &r.trail[len(r.trail)-1]
					last.Value += ", " + f.ID
					last.Rule += "; " + f.ID + ": " + fr.why
				} else {
					r.decide("frame_rejected", f.ID, quote(h.text)+": "+f.ID+": "+fr.why, r.span(h))
					rejectedAt = spanKey{h.part, h.start, h.end}
				}
			}
			if neg, ok := r.negated(h); ok && h.part == partTitle {
				if negation == nil {
					negation = &neg
				}
				if f.Type == news.EventAcquisition && r.deniedDeal == nil {
					r.readNegated = true
					if dr := r.readFrame(h); dr.ok {
						r.deniedDeal = &predicate{hit: h, frame: f, reading: dr}
					}
					r.readNegated = false
				}
			}
			continue
		}
		rejectedAt = spanKey{}
		counts[i] = true
		holds[f.Type] = true
		if h.part == partTitle && !r.background(h) {
			titleHolds = true
		}
		if h.part != partBody {
			headHolds = true
		}
		r.predicates = append(r.predicates, predicate{hit: h, frame: f, reading: fr})
		r.decide("frame", f.ID, quote(h.text)+": "+fr.describe(), r.span(h))
	}
	if genre != nil && r.policyHolds(*genre) {
		// "工信部印发…建设指南": the guide is the policy issued, not the
		// headline's genre.
		genre = nil
	}
	if genre != nil && genre.start == 0 && strings.EqualFold(genre.text, "how") && slices.ContainsFunc(r.predicates, func(p predicate) bool {
		return p.part == partTitle && p.frame.ID == "partnership.with-product"
	}) {
		// "How Quarrydale Bank halved fraud reviews with Claude": a customer
		// story names the customer and what it bought; that is news of a
		// deployment, not a how-to.
		genre = nil
	}
	// (Not a word that makes any object a note or a digest: "部署
	// DeepSeek-V4 踩坑记录", "发布5月开源模型月报".)
	if genre != nil && !slices.Contains(zhGenreObjects, genre.text) && slices.ContainsFunc(r.predicates, func(p predicate) bool {
		o := p.reading.object
		return p.part == genre.part && o.text != "" && o.start >= p.end && o.start <= genre.start && genre.end <= o.end
	}) {
		// "智谱开源智能体评测基准": a genre's word inside what a frame's
		// verb acts on names the thing, not the headline's genre.
		genre = nil
	}
	if genre != nil && (genre.text == "评测" || genre.text == "测评") && slices.ContainsFunc(r.c.lex.zhDescriptors, func(d string) bool {
		return strings.HasPrefix(r.d.parts[genre.part][genre.end:], d)
	}) {
		// "智能体评测初创深维智测获…": a genre's word before a company's
		// word says what the company does.
		genre = nil
	}
	if genre != nil && (genre.text == "评测" || genre.text == "测评") && zhAddsFeature(r.d.parts[genre.part][:genre.start]) {
		// "…发布口语模型Echo-3，新增普通话发音评测": a grading the
		// product gains is one of its features, not a review of it.
		genre = nil
	}
	if genre != nil && (genre.text == "登顶" || genre.text == "位列") && slices.ContainsFunc(r.predicates, func(p predicate) bool {
		return p.part == partTitle && p.reading.ok && p.frame.Type != news.EventOther && p.end <= genre.start &&
			strings.ContainsAny(r.d.parts[partTitle][p.end:genre.start], "，,；;")
	}) {
		// "谷歌发布Gemini 3.5 Pro，登顶LMArena": where a release ranks, in a
		// clause after it, tells how it went, not the headline's genre.
		genre = nil
	}
	if genre != nil && genre.start == 0 && strings.EqualFold(genre.text, "how") && r.customerStory() {
		genre = nil
	}
	if genre != nil && genre.ref == &noRef {
		if p, ok := r.talksAnswerQuestion(cues); ok {
			// "Is Mistral AI raising again?" over "…is in early talks to
			// raise about €2bn, according to people familiar": the lead
			// answers the question with a report of the deal.
			r.decide("genre", "question", "the lead reports the deal the headline asks about as in talks: "+quote(p.text), r.span(p.hit))
			genre = nil
		}
	}
	if genre != nil {
		r.decide("event_type", string(news.EventOther), "the headline is of a genre that reports no event: "+quote(genre.text), r.span(*genre))
		r.predicates = nil
		return news.EventOther
	}
	// "零一万物被收购？官方回应：系谣言": what the headline asks, a reply
	// answers; it reports no event, whatever the reply says.
	if q, ok := r.questionAnswered(); ok {
		r.decide("event_type", string(news.EventOther), "the headline asks whether the event happened and a reply answers it: "+quote(r.d.parts[partTitle][q[0]:q[1]]),
			news.Span{Part: partTitle.String(), Start: q[0], End: q[1], Text: r.d.parts[partTitle][q[0]:q[1]]})
		r.predicates = nil
		return news.EventOther
	}
	if negation == nil {
		// A frame of the rumour's own ("responds to funding rumours") is
		// what the reply answers; one before the reply or after the
		// rumour's noun ("…, confirms $50M Series B") is news of its own.
		if at, ok := r.rumourReply(); ok && !slices.ContainsFunc(r.predicates, func(p predicate) bool {
			return p.part == partTitle && (p.start >= at[2] || p.end <= at[0]) && !r.background(p.hit)
		}) {
			r.decide("event_type", string(news.EventOther), "the headline answers a rumour and reports no event of its own: "+quote(r.d.parts[partTitle][at[0]:at[1]]),
				news.Span{Part: partTitle.String(), Start: at[0], End: at[1], Text: r.d.parts[partTitle][at[0]:at[1]]})
			r.predicates = nil
			return news.EventOther
		}
	}
	// "Rivian denies it's shopping for a self-driving startup": a
	// headline that denies, with no event of its own, denies what its
	// lead reports.
	if negation == nil && !titleHolds {
		if w, at, ok := r.titleDenial(); ok {
			negation = &hit{part: partTitle, start: at, end: at + len(w), text: r.d.parts[partTitle][at : at+len(w)]}
		}
	}
	if negation != nil && !titleHolds {
		r.denied = true
		r.decide("event_type", string(news.EventOther), "the headline denies, refuses or calls off the event: "+quote(negation.text), r.span(*negation))
		r.predicates = nil
		return news.EventOther
	}
	// A cue counts once per part. Cues are few: a slice, filled below.
	seen := make([]cueKey, 0, len(cues))
	// A headline cue that overrides ("price cut") makes the other types
	// the headline names count a third.
	override := map[news.EventType]bool{}
	for i, h := range cues {
		if h.overrides && counts[i] && h.part == partTitle && !r.background(h) {
			override[r.c.tax.Events[h.idx].ID] = true
			r.decide("event_cue", string(r.c.tax.Events[h.idx].ID), "the headline's "+quote(h.text)+" outweighs the other events it names", r.span(h))
		}
	}
	for i, h := range cues {
		et := r.c.tax.Events[h.idx].ID
		if !counts[i] && (h.frame >= 0 || !holds[et]) {
			continue // a predicate whose frame fails, or support for a type no frame holds
		}
		if newsletter && h.part != partTitle || h.part == partBody && h.start > bodyLead {
			continue
		}
		key := cueKey{h.part, et, h.alias}
		if slices.Contains(seen, key) {
			continue
		}
		seen = append(seen, key)
		w := h.weight * r.weight(h.part, h.start)
		if r.background(h) {
			w *= bgDiscount
		}
		if h.part == partTitle && len(override) > 0 && !override[et] {
			w /= 3
		}
		s := scores[et]
		if s == nil {
			s = &cueScore{best: make([]hit, 0, 8)}
			scores[et] = s
		}
		s.total += w
		if h.part == partTitle {
			s.title += w
		}
		s.best = append(s.best, h)
	}
	if a := r.amountBoost(); a != nil && holds[news.EventFunding] {
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
	sort.Slice(cands, func(i, j int) bool {
		if cands[i].s.total != cands[j].s.total {
			return cands[i].s.total > cands[j].s.total
		}
		return eventRank(cands[i].t) < eventRank(cands[j].t)
	})
	// "Altman says compute shortage will last through 2027": a headline
	// that reports what someone said, with no event of its own, makes the
	// lead's cues the remarks' background.
	if len(cands) > 0 && !newsletter {
		// (Only a frame of an event names one: not a support word of its
		// type, "LLM startups", nor a frame of news that is no event.)
		title := 0.0
		for _, c := range cands {
			if c.t != news.EventOther && slices.ContainsFunc(c.s.best, func(h hit) bool { return h.part == partTitle && h.frame >= 0 }) {
				title = max(title, c.s.title)
			}
		}
		if v, ok := r.statementHeadline(); ok && title == 0 {
			r.decide("event_type", string(news.EventOther), "the headline reports what someone said ("+quote(v)+") and names no event")
			return news.EventOther
		}
		if v, ok := r.ownActHeadline(); ok && title == 0 {
			r.decide("event_type", string(news.EventOther), "the headline reports the company's own act ("+quote(v)+") and names no event: the lead's deals are background")
			return news.EventOther
		}
		// "成立两年，某某智能ARR突破3000万美元" over "公司今年4月完成A轮
		// 融资": a headline whose own frame reports no event (a milestone,
		// a hire, a fund) and that names none makes the deals the lead
		// tells after its first sentence background.
		event := 0.0
		for _, c := range cands {
			if c.t != news.EventOther {
				event = max(event, c.s.title)
			}
		}
		// (A deal the lead's first sentence reports is the news the
		// headline sums up: "估值突破10亿美元" over "完成B轮融资".)
		if event == 0 && cands[0].t != news.EventOther && !slices.ContainsFunc(cands[0].s.best, func(h hit) bool { return r.weight(h.part, h.start) == wLead }) {
			if i := slices.IndexFunc(r.predicates, func(p predicate) bool {
				return p.part == partTitle && p.frame.Type == news.EventOther && !r.background(p.hit)
			}); i >= 0 {
				p := r.predicates[i]
				r.decide("event_type", string(news.EventOther), "the headline's own news is no event ("+p.frame.ID+": "+quote(p.hit.text)+") and it names none: the lead's deals are background", r.span(p.hit))
				return news.EventOther
			}
		}
	}
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
	// "Google's Veo 4 adds sound to its clips" over a lead that says the model
	// was unveiled and made available: when the headline names no event,
	// a model the lead releases with a product is a model's release.
	if win.t == news.EventProductLaunch && win.s.title == 0 {
		for _, c := range cands[1:] {
			if c.t == news.EventModelRelease && c.s.title == 0 && c.s.total >= minEventScore && slices.ContainsFunc(r.predicates, func(p predicate) bool {
				return p.frame.Type == news.EventModelRelease && p.part == partSummary && !r.background(p.hit) &&
					p.reading.object.kind == kModel && !p.reading.object.bare && p.reading.object.mention != nil
			}) {
				rule = fmt.Sprintf("the lead releases a model (score %.1f) with a product: a model release", c.s.total)
				win = c
				break
			}
		}
	}
	// The headline names several events: the priority order decides.
	for _, c := range cands[1:] {
		if c.s.title >= strongTitle && win.s.title >= strongTitle && eventRank(c.t) < eventRank(win.t) {
			rule = fmt.Sprintf("headline names %s and %s; %s ranks first", win.t, c.t, c.t)
			win = c
		}
	}
	// "EU opens antitrust review of Acme's purchase of Lumora", "Judge
	// blocks Acme's takeover": a legal action about a deal is regulation.
	if reg := scores[news.EventRegulation]; reg != nil && win.t != news.EventRegulation && win.s != reg &&
		reg.title >= strongTitle && r.legalFirst(reg.best, win.s.best) {
		rule = fmt.Sprintf("the headline's legal action (%s) is about the %s", firstTitleCue(reg.best), win.t)
		win = cand{news.EventRegulation, reg}
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

// statementHeadline reports a headline that says what someone said or
// thinks: a view verb ("says", "warns") after its first word, whose
// speaker is not a company ("Google says Gemini can now …" announces).
func (r *run) statementHeadline() (string, bool) {
	lower := r.d.folded[partTitle]
	for _, v := range r.c.lex.viewVerbs {
		// The verbs are written with a space either side; the title's
		// last word has none after it.
		i := strings.Index(lower, v)
		if t := strings.TrimRight(v, " "); i < 0 && strings.HasSuffix(lower, t) {
			i = len(lower) - len(t)
		}
		if i <= 0 {
			continue
		}
		end := i // in the title, where the speaker ends
		for _, m := range r.mentions {
			if m.part == partTitle && m.kind == refCompany && m.end == end {
				return "", false
			}
		}
		// "Acme debuts an engine it says runs twice as fast": the remark
		// qualifies an event the headline names first.
		if r.titleEventBefore(end) {
			return "", false
		}
		return strings.TrimSpace(v), true
	}
	// "李彦宏：DeepSeek也有问题，慢且贵", "Altman: compute is the
	// bottleneck": a person's remark before a colon.
	title := r.d.parts[partTitle]
	// (A cue anywhere in it makes the headline's news its own: "Lumen:
	// Our open-weights model".)
	i := strings.IndexAny(title, ":：")
	if i <= 0 || r.titleEventBefore(len(title)) {
		return "", false
	}
	speaker := strings.TrimSpace(title[:i])
	if strings.ContainsAny(speaker, "《「“\"'(（") {
		return "", false
	}
	// "Bugbot 2: catching the bugs your agents write": a name that ends on
	// its version is a product's or a model's, and no one speaks.
	if f := strings.Fields(speaker); len(f) > 1 && versionToken(f[len(f)-1]) {
		return "", false
	}
	if latinOnly(speaker) {
		if n := len(strings.Fields(speaker)); n > 3 || !isCapital(speaker) {
			return "", false
		}
	} else if n := utf8.RuneCountInString(speaker); n < 2 || n > 6 || strings.ContainsAny(speaker, " 　") {
		return "", false
	}
	if r.headlineLabel(speaker) {
		return "", false
	}
	for _, m := range r.mentions {
		if m.part == partTitle && m.start < i {
			return "", false
		}
	}
	return speaker + "：", true
}

// headlineLabel reports an outlet's label that opens a headline before a
// colon and speaks for no one ("Breaking:", "独家："), or a word that opens
// headlines.
func (r *run) headlineLabel(s string) bool {
	s = strings.ToLower(s)
	return r.c.lex.headlineOpeners[s] || slices.Contains(headlineLabels, s)
}

// headlineLabels are the outlets' labels that open a headline before a
// colon, and speak for no one.
var headlineLabels = []string{"exclusive", "breaking", "update", "updated", "report", "watch", "video", "podcast", "analysis",
	"opinion", "review", "explainer", "live", "独家", "快讯", "重磅", "突发", "视频", "直播", "观点", "评测", "深度", "解读"}

// ownActHeadline reports a headline whose news is a company's own act
// that is no event, with no event cue before its verb: "Vantor opens
// Tokyo office", "Acme hires former Stripe exec as CFO".
func (r *run) ownActHeadline() (string, bool) {
	lower := r.d.folded[partTitle]
	for _, v := range r.c.lex.ownActVerbs {
		verb, noun, two := strings.Cut(v, " … ")
		if two {
			verb += " "
		}
		i := strings.Index(lower, verb)
		if i <= 0 {
			continue
		}
		// ("opens Tokyo office", not "opens o5-mini preview".)
		if two {
			after := strings.Fields(lower[i+len(verb):])
			if !slices.ContainsFunc(after[:min(4, len(after))], func(w string) bool { return strings.Trim(w, ",.;:") == noun }) {
				continue
			}
		}
		if r.titleEventBefore(i) {
			return "", false
		}
		return strings.TrimSpace(v), true
	}
	return "", false
}

// titleEventBefore reports an event cue that starts in the headline
// before byte at.
func (r *run) titleEventBefore(at int) bool {
	for _, h := range r.d.hits {
		if h.part == partTitle && h.kind == refEvent && h.start < at {
			return true
		}
	}
	return false
}

// predicate is a cue whose frame holds.
type predicate struct {
	hit
	frame   *Frame
	reading frameReading
}

// predicateOf returns the first predicate of the event type whose frame
// holds in part (outside background clauses when there is one there), or
// nil.
func (r *run) predicateOf(et news.EventType, part part) *predicate {
	var bg *predicate
	for i := range r.predicates {
		p := &r.predicates[i]
		if p.frame.Type != et || p.part != part {
			continue
		}
		if !r.background(p.hit) {
			return p
		}
		if bg == nil {
			bg = p
		}
	}
	return bg
}

// customerStory reports a headline that tells how a customer gained
// with a vendor ("How Alder Logistics cut quote times by 70% with
// Fernway"): the customer story frame holds, and the customer's verb is
// one of a gain.
func (r *run) customerStory() bool {
	if !slices.ContainsFunc(r.predicates, func(p predicate) bool {
		return p.part == partTitle && p.reading.ok && p.frame.ID == "partnership.how-with"
	}) {
		return false
	}
	title := r.d.folded[partTitle]
	words := strings.Fields(title)
	for i := 2; i < len(words) && i <= 5; i++ {
		if r.c.lex.gainVerbs[words[i]] {
			return true
		}
	}
	return false
}

// eventCueAfter reports a cue of event type et that starts within n
// bytes after h, in its part: what a plan's word is a plan of.
func (r *run) eventCueAfter(h hit, et news.EventType, n int) bool {
	for _, o := range r.d.hits {
		if o.kind == refEvent && o.part == h.part && o.start >= h.end && o.start <= h.end+n && r.c.tax.Events[o.idx].ID == et {
			return true
		}
	}
	return false
}

// predicateWhere returns the first predicate of type et in part, outside
// background clauses, that keep accepts, or nil.
func (r *run) predicateWhere(et news.EventType, part part, keep func(*predicate) bool) *predicate {
	for i := range r.predicates {
		if q := &r.predicates[i]; q.frame.Type == et && q.part == part && !r.background(q.hit) && keep(q) {
			return q
		}
	}
	return nil
}

// policyHolds reports whether a genre word is the policy a held headline
// frame issues: inside its object, and the object is a policy.
func (r *run) policyHolds(g hit) bool {
	for _, p := range r.predicates {
		o := p.reading.object
		if p.hit.part == g.part && o.kind == kPolicy && g.start >= o.start && g.end <= o.end {
			return true
		}
	}
	return false
}

// listHeadline reports whether a headline is a newsletter's list of
// stories after its label ("The Stack: Cohere buys a search startup,
// Groq's third chip, and the AI Act's slow lane"): a short label, a
// colon, then three stories or more (see digestStories). It returns the
// label.
func (lx *lexicon) listHeadline(title string) (string, bool) {
	label, stories := lx.digestStories(title)
	return label, label != "" && len(stories) >= 3
}

// storyNames reports whether the story of a newsletter's headline that
// holds predicate h, title[from:to], names a company: a known company in it, or the
// frame's doer or object written as a name inside it. Stories are
// separated by commas, semicolons, "and" and bars.
func (r *run) storyNames(h hit, fr frameReading) (from, to int, ok bool) {
	title := r.d.parts[partTitle]
	from, to = 0, len(title)
	for _, sep := range []string{",", ";", "，", "；", "|", "｜", " and ", "、", ": "} {
		if i := strings.LastIndex(title[:h.start], sep); i >= 0 && i+len(sep) > from {
			from = i + len(sep)
		}
		if i := strings.Index(title[h.end:], sep); i >= 0 && h.end+i < to {
			to = h.end + i
		}
	}
	for _, m := range r.mentions {
		if m.part == partTitle && !m.investor && m.start >= from && m.end <= to {
			return from, to, true
		}
	}
	// "…, and a $40M seed for Lumora Robotics": a capitalised word of
	// the story other than its predicate names its company.
	for _, w := range strings.Fields(title[from:h.start] + " " + title[h.end:to]) {
		// ("Colorado's AI law": a place's, as its owner.)
		w, _ = cutPossessive(strings.Trim(w, ",.:;\"“”!?()"))
		if w = strings.Trim(w, ",.:;'’\"“”!?()"); isCapital(w) && !acronym(w) && latinOnly(w) &&
			!r.c.lex.headlineOpeners[strings.ToLower(w)] && !r.c.lex.notNames[strings.ToLower(w)] {
			return from, to, true
		}
	}
	// ("Lumora cuts 50 jobs": a frame that asks no doer has one.)
	for _, a := range []arg{fr.subject, fr.object, r.subjectOf(h, fr.passive, !latinOnly(h.text))} {
		first, _, _ := strings.Cut(a.text, " ")
		// ("Colorado's AI law": a place's thing names no company.)
		bare, owned := cutPossessive(a.text)
		if a.start < a.end && a.start >= from && a.end <= to && (a.mention != nil || a.kind == kName && (isCapital(a.text) || hanAt(a.text, 0)) &&
			!r.c.lex.headlineOpeners[strings.ToLower(first)] && !(owned && r.c.lex.notNames[strings.ToLower(bare)])) {
			return from, to, true
		}
	}
	return from, to, false
}

// zhGenreObjects are genre words that make what a verb acts on a note, a
// how-to or a digest, whatever else it names.
var zhGenreObjects = []string{"踩坑", "月报", "周报", "教程"}

// headlineGenre reads the headline's genre: a genre that reports no event
// ("Opinion:", "Why …", "专访"), returned as its cue, or a newsletter that
// lists several stories.
func (r *run) headlineGenre() (genre *hit, newsletter bool) {
	for i, h := range r.d.hits {
		if h.part != partTitle {
			continue
		}
		switch h.kind {
		case refNewsletter:
			newsletter = true
			r.decide("genre", "newsletter", "the headline lists several stories: "+quote(h.text), r.span(h))
		case refGenre:
			// ("「专访宝」宣布裁员": a word inside a name the outlet
			// brackets is the name's.)
			if _, inName := r.bracketAround(h); genre == nil && !inName {
				genre = &r.d.hits[i]
			}
		}
	}
	// (A headline of a genre — a recap, an analysis — that lists its
	// topics is that genre's, not a list of news.)
	if !newsletter && genre == nil {
		if label, ok := r.c.lex.listHeadline(r.d.parts[partTitle]); ok {
			newsletter = true
			r.decide("genre", "newsletter", "the headline lists several stories after a label: "+quote(label))
		}
	}
	if newsletter {
		return nil, true
	}
	if genre == nil {
		// A headline that is one question: "Is the AI boom a bubble?".
		title := strings.TrimSpace(r.d.parts[partTitle])
		if strings.HasSuffix(title, "?") || strings.HasSuffix(title, "？") {
			if sents := r.d.sentences[partTitle]; len(sents) == 1 {
				// (From its first word: an outlet's label the headline was
				// read without is blanked, not cut.)
				t := r.d.parts[partTitle]
				start := len(t) - len(strings.TrimLeft(t, " "))
				h := hit{ref: &noRef, part: partTitle, start: start, end: len(t), text: t[start:]}
				return &h, false
			}
		}
	}
	return genre, false
}

// bracketAround returns the name set in corner brackets that a match
// stands inside, if any (see bracketNames: twelve characters at most).
func (r *run) bracketAround(h hit) ([2]int, bool) {
	text := r.d.parts[h.part]
	for _, b := range bracketNames(text, max(0, h.start-36), min(len(text), h.end+36)) {
		if b[0] <= h.start && h.end <= b[1] {
			return b, true
		}
	}
	return [2]int{}, false
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
	for _, part := range []part{partTitle, partSummary} {
		text := r.d.parts[part]
		if text == "" {
			continue
		}
		limit := len(text)
		if part == partSummary {
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

// zhYetToCome are the words that put what follows them in the future.
var zhYetToCome = []string{"预计", "计划", "拟", "将于", "有望", "预期", "将在", "即将"}

// zhAhead are the words before a Chinese headline's event word that date
// it ahead.
var zhAhead = append([]string{"年底前", "今年内", "月底前", "下月", "下周", "明年", "下半年"}, zhYetToCome...)

// status decides rumored / announced / completed from status cues in the
// title and lead, falling back to what the event type usually means.
func (r *run) status(et news.EventType) news.Status {
	found := map[news.Status]hit{}
	answered := r.answersReport()
	for _, h := range r.d.hits {
		if h.kind != refStatus || h.part == partBody {
			continue
		}
		if h.part == partSummary && r.weight(h.part, h.start) != wLead {
			continue
		}
		// (A cue that opens what is yet to come, "ahead of a planned
		// Series A", is no part of the news either.)
		if r.background(h) || slices.Contains(r.d.afters[h.part], h.start) {
			continue
		}
		st := r.c.tax.Statuses[h.idx].ID
		if st == news.StatusRumored && (answered != "" || r.attributesSum(h)) {
			continue
		}
		// "预计7月3日挂牌": a completion the clause says is yet to come.
		if st == news.StatusCompleted && !latinOnly(h.text) {
			cl := r.clauseSpan(h)
			if before := r.d.parts[h.part][cl[0]:h.start]; slices.ContainsFunc(zhYetToCome, func(w string) bool { return strings.Contains(before, w) }) {
				continue
			}
		}
		// "Kilnworks denies it is in talks to be acquired": the talks are
		// what is denied, on the record.
		if neg, ok := r.negated(h); ok && st == news.StatusRumored && et == news.EventOther && r.c.lex.denials[strings.ToLower(neg.text)] {
			continue
		}
		// ("HubSpot says it is not in talks to be acquired": talks a
		// company says it is not in are no rumour.)
		if st == news.StatusRumored && et == news.EventOther && r.notBefore(h) {
			continue
		}
		// (So is what a denying headline's lead reports: "Rivian denies
		// it's shopping for …" over "… had held talks to buy …".)
		if _, _, ok := r.titleDenial(); ok && st == news.StatusRumored && et == news.EventOther && r.denied {
			continue
		}
		if _, ok := found[st]; !ok {
			found[st] = h
		}
	}
	if h, ok := found[news.StatusRumored]; ok {
		r.decide("status", string(news.StatusRumored), "rumour cue "+quote(h.text), r.span(h))
		return news.StatusRumored
	}
	if answered != "" && et == news.EventOther {
		r.decide("status", string(news.StatusAnnounced), "the headline answers a report on the record: "+quote(answered))
		return news.StatusAnnounced
	}
	if et == news.EventOther {
		// News that reports no event has nothing to complete.
		r.decide("status", string(news.StatusAnnounced), "news that is no event is announced unless rumoured")
		return news.StatusAnnounced
	}
	def := news.StatusCompleted
	switch et {
	case news.EventPartnership, news.EventRegulation, news.EventIPO:
		def = news.StatusAnnounced
	}
	// "ahead of a Nasdaq debut": an announcement before the completion
	// it names.
	if a, ok := found[news.StatusAnnounced]; ok && def == news.StatusAnnounced {
		// ("通过港交所上市聆讯": a longer announcement at the same place
		// holds the completion's word.)
		if c, ok := found[news.StatusCompleted]; ok && a.part == c.part && (a.start < c.start || a.start == c.start && a.end > c.end) {
			delete(found, news.StatusCompleted)
		}
	}
	// ("Cognition secures $150 million venture debt facility" over "the
	// facility gives it flexibility to buy compute": a lead's cue in a
	// sentence that names no cue of the deal is about something else; a
	// product's lead tells when it ships, whatever it names.)
	if h, ok := found[news.StatusAnnounced]; ok && (et == news.EventFunding || et == news.EventAcquisition) && h.part == partSummary && !r.sentenceHas(h, refEvent, string(et)) {
		delete(found, news.StatusAnnounced)
	}
	// ("Kernelwise raises €1.5 million convertible loan" over "…, which
	// it plans to use to hire engineers": a plan for the money, not for
	// the deal, when no cue of the deal follows the plan's word.)
	if h, ok := found[news.StatusAnnounced]; ok && (et == news.EventFunding || et == news.EventAcquisition) && h.part == partSummary &&
		strings.HasSuffix(strings.ToLower(h.text), " to") && !r.eventCueAfter(h, et, 24) {
		if c, ok := found[news.StatusCompleted]; !ok || c.part != partSummary {
			delete(found, news.StatusAnnounced)
		}
	}
	// ("Saltmarsh raises €8m to launch voice agents": what the money is
	// for, after the headline's raise, is no step of the raise; nor is
	// what it comes before: "raises €180m Series C ahead of planned
	// Euronext listing".)
	if h, ok := found[news.StatusAnnounced]; ok && et == news.EventFunding &&
		(h.part == partTitle && strings.HasPrefix(strings.ToLower(h.text), "to ") || strings.EqualFold(h.text, "ahead of")) {
		if p := r.predicateOf(et, h.part); p != nil && p.end <= h.start {
			delete(found, news.StatusAnnounced)
		}
	}
	// ("「衍键科技」完成近2亿元A轮融资" over the lead's "拟用于…": the
	// headline's completion says how far the news is.)
	if a, ok := found[news.StatusAnnounced]; ok && a.part == partSummary {
		if c, ok := found[news.StatusCompleted]; ok && c.part == partTitle {
			delete(found, news.StatusAnnounced)
		}
	}
	if h, ok := found[news.StatusAnnounced]; ok && def == news.StatusCompleted {
		r.decide("status", string(news.StatusAnnounced), "announcement cue "+quote(h.text), r.span(h))
		return news.StatusAnnounced
	}
	// "马斯克：xAI年底前开源Grok 4": a Chinese headline that dates its
	// event ahead says it is to come.
	if p := r.predicateOf(et, partTitle); p != nil && def == news.StatusCompleted && !latinOnly(p.text) {
		cl := r.clauseSpan(p.hit)
		before := r.d.parts[partTitle][cl[0]:p.start]
		if w := slices.IndexFunc(zhAhead, func(w string) bool { return strings.Contains(before, w) }); w >= 0 {
			r.decide("status", string(news.StatusAnnounced), "the headline's "+quote(p.text)+" comes after "+quote(zhAhead[w]), r.span(p.hit))
			return news.StatusAnnounced
		}
	}
	// "Brainlyft to cut 300 jobs", "Acme will shut down its studio": a
	// headline that puts its event in the infinitive or the future tells
	// what is to come.
	if p := r.predicateOf(et, partTitle); p != nil && def == news.StatusCompleted && latinOnly(p.text) {
		if r.inFuture(p.hit) {
			r.decide("status", string(news.StatusAnnounced), "the headline's "+quote(p.text)+" is still to come", r.span(p.hit))
			return news.StatusAnnounced
		}
		// "AMD to take 55% controlling stake in …": a verb in the
		// infinitive a few words before the noun that tells the event.
		if v, ok := r.infinitiveBefore(p.hit); ok {
			r.decide("status", string(news.StatusAnnounced), "the headline's "+quote(v.text+" … "+p.text)+" is still to come", r.span(v), r.span(p.hit))
			return news.StatusAnnounced
		}
	}
	if h, ok := found[news.StatusCompleted]; ok && def == news.StatusAnnounced {
		r.decide("status", string(news.StatusCompleted), "completion cue "+quote(h.text), r.span(h))
		return news.StatusCompleted
	}
	// "Aiforia wins €2.5M EU grant": the frame that decided says how far
	// along it is.
	// The first frame of the type in the headline that carries a status
	// ("发布" reads as a vote and as rules issued; the rules say done).
	p := r.predicateOf(et, partTitle)
	if q := r.predicateWhere(et, partTitle, func(q *predicate) bool { return q.frame.Status != "" }); q != nil {
		p = q
	}
	// (An announcement cue, "征求意见稿", keeps a draft announced.)
	if _, ok := found[news.StatusAnnounced]; ok && p != nil && p.frame.Status == news.StatusCompleted {
		p = nil
	}
	// ("Acme Films to receive a grant": not yet what the frame says.)
	if p != nil && p.frame.Status == news.StatusCompleted && latinOnly(p.text) && r.inFuture(p.hit) {
		p = nil
	}
	if p != nil && p.frame.Status != "" && p.frame.Status != def {
		r.decide("status", string(p.frame.Status), "the headline's "+quote(p.text)+" ("+p.frame.ID+") says so", r.span(p.hit))
		return p.frame.Status
	}
	// "ServiceNow 宣布以约11亿美元收购…": a purchase a Chinese headline
	// announces, with nothing that says it is done, is pending.
	if q := r.predicateOf(news.EventAcquisition, partTitle); et == news.EventAcquisition && q != nil && !latinOnly(q.text) {
		cl := r.clauseSpan(q.hit)
		if strings.Contains(r.d.parts[partTitle][cl[0]:q.start], "宣布") {
			r.decide("status", string(news.StatusAnnounced), "the headline announces the purchase: “宣布”", r.span(q.hit))
			return news.StatusAnnounced
		}
	}
	r.decide("status", string(def), "usual status of "+strings.ReplaceAll(string(et), "_", " ")+" news")
	return def
}

// infinitiveBefore finds an event word in the infinitive ("to take",
// "will buy") at most four words before the noun p in its clause.
func (r *run) infinitiveBefore(p hit) (hit, bool) {
	lower := r.d.folded[p.part]
	cl := r.clauseOf(p)
	for _, v := range r.d.hits {
		if v.kind != refEvent || v.part != p.part || v.start < cl[0] || v.end > p.start || len(strings.Fields(lower[v.end:p.start])) > 4 ||
			strings.ContainsAny(lower[v.end:p.start], ",;:") {
			continue
		}
		if r.inFuture(v) {
			return v, true
		}
	}
	return hit{}, false
}

// inFuture reports whether a cue is in the infinitive or the future: "to
// cut", "to … acquire", "will shut down", a cue that holds its "will"
// ("will bring").
func (r *run) inFuture(h hit) bool {
	lower := r.d.folded[h.part]
	before := strings.TrimRight(lower[:h.start], " ")
	// ("adds $20 million to Series B": "to" before a noun is a
	// preposition.)
	f := r.frameOf(h)
	noun := f != nil && f.object == 0 && f.subject == 0
	return strings.HasPrefix(lower[h.start:h.end], "to ") || strings.HasPrefix(lower[h.start:h.end], "will ") || strings.HasSuffix(before, " to") && !noun || strings.HasSuffix(before, " will")
}

// attributesSum reports whether a rumour cue attributes only a sum, after
// the news is told: "Halvard buys Lumora; a source says for roughly $90M".
func (r *run) attributesSum(h hit) bool {
	text := r.d.parts[h.part]
	rest := strings.TrimLeft(text[h.end:], " ,")
	for _, p := range []string{"for ", "at ", "it was ", "it is "} {
		rest = strings.TrimPrefix(rest, p)
	}
	at := len(text) - len(rest)
	before := strings.TrimRight(text[:h.start], " ")
	for _, w := range []string{" a", " one", " the"} {
		before = strings.TrimSuffix(before, w)
	}
	if !strings.HasSuffix(before, ";") && !strings.HasSuffix(before, ",") {
		return false
	}
	for _, am := range r.amountsIn(h.part) {
		if am.start >= at && r.c.lex.qualifierOnly(text[at:am.start]) {
			return true
		}
	}
	return false
}

// answersReport returns the words with which the headline answers a
// report on the record ("denies report", "回应融资传闻"), or "".
func (r *run) answersReport() string {
	if q, ok := r.questionAnswered(); ok {
		return r.d.parts[partTitle][q[0]:q[1]]
	}
	title := strings.ToLower(r.d.parts[partTitle])
	for _, a := range r.c.lex.rumourAnswers {
		if i := wordIndex(title, a); i >= 0 {
			return r.d.parts[partTitle][i : i+len(a)]
		}
	}
	for _, a := range r.c.lex.reportAnswers {
		i := wordIndex(title, a)
		if i < 0 {
			continue
		}
		rest := title[i+len(a):]
		if end := strings.IndexAny(rest, ".;:!?。；：！？"); end >= 0 {
			rest = rest[:end]
		}
		for _, w := range r.c.lex.reportWords {
			if wordIndex(rest, w) >= 0 {
				return r.d.parts[partTitle][i : i+len(a)]
			}
		}
	}
	return ""
}

// wordIndex is the index of the first occurrence of w in s as a whole
// word (for Latin letters; Han text has no word boundaries), or -1.
func wordIndex(s, w string) int {
	for i := 0; ; {
		j := strings.Index(s[i:], w)
		if j < 0 {
			return -1
		}
		at, end := i+j, i+j+len(w)
		if (at == 0 || !isWordByte(s[at-1]) || !isWordByte(w[0])) && (end == len(s) || !isWordByte(s[end]) || !isWordByte(w[len(w)-1])) {
			return at
		}
		i = at + 1
	}
}

// outermost drops cue hits that lie inside a longer cue hit of the same
// part.
func outermost(hits []hit) []hit {
	// hits are in order of part, then start, the longest first; a hit
	// lies inside a longer one exactly when an earlier hit of its part
	// ends after it, or ends with it but starts before it. The kept hits
	// are written over the input, which callers own.
	out := hits[:0]
	part, maxEnd, maxEndStart := numParts, -1, 0
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

// firstInTitle is where the first of hits in the headline starts; past
// any headline when none is in it.
func firstInTitle(hits []hit) int {
	first := int(^uint(0) >> 1)
	for _, h := range hits {
		if h.part == partTitle && h.start < first {
			first = h.start
		}
	}
	return first
}

// firstTitleCue is the text of the first of hits in the headline.
func firstTitleCue(hits []hit) string {
	at, text := firstInTitle(hits), ""
	for _, h := range hits {
		if h.part == partTitle && h.start == at {
			text = h.text
		}
	}
	return quote(text)
}

// legalFirst reports whether the headline's legal action comes before its
// deal: its cue stands first, or the same word reads as both and what it
// governs is a law ("签署…法案" is a governor's act, "signs an MoU with
// Lumora" a partnership).
func (r *run) legalFirst(legal, deal []hit) bool {
	l, d := firstInTitle(legal), firstInTitle(deal)
	// In one clause only: a newsletter's "工信部印发…；美团发布…" names
	// two stories.
	var lh, dh *hit
	for i := range legal {
		if legal[i].part == partTitle && legal[i].start == l {
			lh = &legal[i]
		}
	}
	for i := range deal {
		if deal[i].part == partTitle && deal[i].start == d {
			dh = &deal[i]
		}
	}
	if lh == nil || dh == nil || r.clauseSpan(*lh) != r.clauseSpan(*dh) {
		return false
	}
	if l > d {
		// "擎天具身港股上市获中国证监会备案通知书", "Acme's Lumora purchase
		// wins EU approval": an approval the deal gets, after it.
		for _, p := range r.predicates {
			if p.frame.Type == news.EventRegulation && p.hit.part == partTitle && p.hit.start == l && p.reading.object.kind == kApproval {
				return true
			}
		}
	}
	if l != d {
		return l < d
	}
	for _, p := range r.predicates {
		if p.frame.Type == news.EventRegulation && p.hit.part == partTitle && p.hit.start == l && p.reading.object.kind == kPolicy {
			return true
		}
	}
	return false
}

// notBefore reports a cue right after a word of negation ("not in
// talks", "no talks").
func (r *run) notBefore(h hit) bool {
	before := strings.TrimRight(r.d.folded[h.part][:h.start], " ")
	for _, n := range []string{" not", " no", " never", "n't"} {
		if strings.HasSuffix(before, n) {
			return true
		}
	}
	return false
}

// titleDenial finds a word of the headline that denies ("denies",
// "否认"), and where it is.
func (r *run) titleDenial() (string, int, bool) {
	folded := r.d.folded[partTitle]
	for _, w := range titleDenials {
		if i := wordIndex(folded, w); i >= 0 {
			return w, i, true
		}
	}
	return "", 0, false
}

// titleDenials are the words of a headline that deny what its lead
// reports.
var titleDenials = []string{"denies", "denied", "debunks", "debunked", "否认", "辟谣"}

// rumourReply finds a headline that answers a rumour: a reply word, then
// a rumour's noun later in the same sentence ("回应融资传闻", "responds to
// funding rumours"). It returns the reply word's span and where the
// rumour's noun ends.
func (r *run) rumourReply() ([3]int, bool) {
	folded := r.d.folded[partTitle]
	for _, w := range r.c.lex.rumourReplies {
		i := strings.Index(folded, w)
		if i < 0 || latinOnly(w) && (i > 0 && isWordByte(folded[i-1])) {
			continue
		}
		rest := folded[i+len(w):]
		if j := strings.IndexAny(rest, ":：;；"); j >= 0 {
			rest = rest[:j]
		}
		for _, n := range r.c.lex.rumourNouns {
			if j := strings.Index(rest, n); j >= 0 {
				return [3]int{i, i + len(w), i + len(w) + j + len(n)}, true
			}
		}
	}
	return [3]int{}, false
}

// modelHeadline reads a headline that is a new model's name, or a
// product's with its new version, and nothing that says what happened to
// it: the name of a model family or a product the taxonomy knows with its
// version, alone, before a colon and a tagline ("Gemini 2.5: Our most
// intelligent AI model"), before a word for the set it opens ("The Llama
// 4 herd: …") or before "and" and another name ("Claude 3.7 Sonnet and
// Claude Code"). A company's own post is titled so. It returns the
// predicate standing for it, on the name, and the model or product.
func (r *run) modelHeadline() (hit, arg, bool) {
	title := r.d.parts[partTitle]
	if title == "" || !latinOnly(title) || strings.ContainsAny(title, "?") {
		return hit{}, arg{}, false
	}
	head := title
	for _, sep := range []string{": ", " — ", " – ", " - ", " | "} {
		if i := strings.Index(head, sep); i > 0 {
			head = head[:i]
		}
	}
	at := 0
	if rest, ok := strings.CutPrefix(head, "The "); ok {
		at, head = len("The "), rest
	}
	// A model family or a product the taxonomy knows opens it, its
	// version right after.
	var unit *hit
	for i := range r.d.hits {
		if h := &r.d.hits[i]; h.part == partTitle && h.start == at && h.kind == refCompany && h.unit >= 0 && (unit == nil || h.end > unit.end) {
			unit = h
		}
	}
	if unit == nil {
		return hit{}, arg{}, false
	}
	name, nat := r.c.lex.modelTokens(title, at)
	if name == "" || nat != at || !hasDigit(name) || len(name) > len(head) || len(name) < unit.end-at {
		return hit{}, arg{}, false
	}
	kind, meaning, why := kModel, r.c.modelHead, "a model's name with its version, as the headline"
	if r.c.m.unitLayer(unit.ref) != news.LayerModel {
		// "Claude Code 2.1: background subagents and /rewind": a
		// product's new version, and what it brings.
		kind, meaning, why = kProduct, r.c.productHead, "a product's name with its new version, as the headline"
	}
	if meaning == nil {
		return hit{}, arg{}, false
	}
	// What follows the name in the head: nothing, a word for the set, or
	// another name after "and".
	after := strings.Fields(head[len(name):])
	switch {
	case len(after) == 0:
	case len(after) == 1 && slices.Contains([]string{"herd", "family", "models", "series", "lineup"}, after[0]):
	case len(after) >= 2 && after[0] == "and" && isCapital(after[1]):
	default:
		return hit{}, arg{}, false
	}
	h := hit{ref: meaning, part: partTitle, start: at, end: at + len(name), text: title[at : at+len(name)]}
	return h, arg{kind: kind, start: at, end: at + len(name), text: h.text, why: why}, true
}

// talksAnswerQuestion finds, under a headline that is one question about a
// raise or a purchase (a cue of its type in the question), the lead's
// first sentence reporting that deal as in talks or as reported: a frame
// of the same type holds there beside a rumour's word. It returns that
// frame's predicate.
func (r *run) talksAnswerQuestion(cues []hit) (predicate, bool) {
	sents := r.d.sentences[partSummary]
	if len(sents) == 0 {
		return predicate{}, false
	}
	first := sents[0]
	for _, p := range r.predicates {
		if p.part != partSummary || p.start >= first[1] || r.background(p.hit) ||
			p.frame.Type != news.EventFunding && p.frame.Type != news.EventAcquisition {
			continue
		}
		asked := slices.ContainsFunc(cues, func(h hit) bool {
			return h.part == partTitle && h.kind == refEvent && r.c.tax.Events[h.idx].ID == p.frame.Type
		})
		if !asked {
			continue
		}
		for _, h := range r.d.hits {
			if h.kind == refStatus && h.part == partSummary && h.start >= first[0] && h.end <= first[1] &&
				r.c.tax.Statuses[h.idx].ID == news.StatusRumored && !r.background(h) {
				return p, true
			}
		}
	}
	return predicate{}, false
}

// questionAnswered finds a headline that asks and answers: a question
// mark after its first words, then a reply's word ("…被收购？官方回应：…",
// "Acme acquired? CEO denies it"). It returns the span of the reply's
// word.
func (r *run) questionAnswered() ([2]int, bool) {
	title, folded := r.d.parts[partTitle], r.d.folded[partTitle]
	q := strings.IndexAny(title, "？?")
	if q <= 0 {
		return [2]int{}, false
	}
	_, size := utf8.DecodeRuneInString(title[q:])
	rest := folded[q+size:]
	for _, w := range r.c.lex.rumourReplies {
		if i := strings.Index(rest, w); i >= 0 && !(latinOnly(w) && i > 0 && isWordByte(rest[i-1])) {
			// ("…？公司回应：属实": a reply that confirms leaves the event.)
			if slices.ContainsFunc(replyConfirms, func(c string) bool { return strings.Contains(rest[i+len(w):], c) }) {
				return [2]int{}, false
			}
			at := q + size + i
			return [2]int{at, at + len(w)}, true
		}
	}
	return [2]int{}, false
}

// replyConfirms are the words of a reply that says the report is true.
var replyConfirms = []string{"属实", "确有其事", "确认", "证实", "是真的", "confirms", "confirmed", "it's true"}

// eventRank is an event type's place in the tie-break order of
// news.EventTypes: the lower, the higher it ranks.
func eventRank(t news.EventType) int {
	for i, e := range news.EventTypes {
		if e == t {
			return i
		}
	}
	return len(news.EventTypes)
}

// zhAddsFeature reports whether the clause that ends text says a product
// gains something ("新增…", "支持…"): what follows is a feature of it.
func zhAddsFeature(text string) bool {
	text = clauseTail(text)
	for _, v := range []string{"新增", "增加", "支持", "加入", "上线"} {
		if strings.Contains(text, v) {
			return true
		}
	}
	return false
}

// clauseTail returns what follows the last mark that ends a clause in
// text (a comma, a semicolon or a colon, Chinese or Latin): the clause
// text closes; all of text when it holds none.
func clauseTail(text string) string {
	if i := strings.LastIndexAny(text, "，,；;：:"); i >= 0 {
		_, n := utf8.DecodeRuneInString(text[i:])
		return text[i+n:]
	}
	return text
}
