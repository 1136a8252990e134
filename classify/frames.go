package classify

import (
	"fmt"
	"maps"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/aitracker/aitracker/config"
	"github.com/aitracker/aitracker/news"
)

// An event is read from a clause, not summed from cue weights: a
// predicate (a frame's cue) counts only when the phrase it governs is of
// a kind the frame takes ("raises $40M" is money, "raises prices" is a
// price), when its doer is of a kind that does such things, and when the
// clause neither denies it nor makes it a mere possibility.

// kind is what an argument of a predicate is.
type kind uint8

const (
	kNone      kind = iota
	kMoney          // a sum of money, or a noun for money raised ("funding")
	kRound          // a round's name or noun ("Series B", "seed round")
	kOrg            // a company: a known name, or a descriptor and a name
	kName           // a capitalised name the taxonomy does not know
	kModel          // an AI model: a model's name, or a model noun
	kProduct        // a product, feature, device or service
	kPerson         // an executive, a researcher, a hire
	kJobs           // jobs, staff, workers
	kListing        // an IPO, a listing, a public offering
	kLawsuit        // a lawsuit, a complaint
	kInquiry        // an inquiry, a probe, an investigation
	kApproval       // an approval, a licence from a government
	kContract       // a deal, a contract, an agreement
	kFund           // a fund, of a venture firm or a state
	kRights         // rights, licences to content or data
	kReport         // a report, a ranking, a study, a survey
	kGoods          // things bought: chips, servers, power, ads
	kUsers          // users, customers, subscribers
	kRegulator      // a regulator, a court, a government
	kPrice          // a price, a fee, a forecast
	kStake          // a stake, shares, control of a company
	kValuation      // a valuation
	kPolicy         // a policy, a guideline, a rule
	kPlain          // a noun of no kind a frame takes ("business model")
	kGrant          // public money: a grant, a subsidy, a voucher
	kAI             // near only: an AI-industry company the taxonomy knows, or a model's name
	kVenue          // a conference, a trade show
	kData           // a dataset, a benchmark, a corpus
	kMajority       // more than half of a company: "51% of Lumora"
	kCustomer       // a company in a customer's role: "lands Shopify as a customer"
	numKinds
)

var kindNamesByKind = [numKinds]string{"", "money", "round", "org", "name", "model", "product", "person", "jobs",
	"listing", "lawsuit", "inquiry", "approval", "contract", "fund", "rights", "report", "goods", "users",
	"regulator", "price", "stake", "valuation", "policy", "plain", "grant", "ai", "venue", "data", "majority",
	"customer"}

// nounKinds are the kinds a taxonomy names in frames and argument lists.
var nounKinds = func() map[string]kind {
	m := map[string]kind{}
	for k := kind(1); k < numKinds; k++ {
		m[kindNamesByKind[k]] = k
	}
	return m
}()

func (k kind) String() string {
	if k == kNone {
		return "nothing a frame takes"
	}
	return kindNamesByKind[k]
}

func kindNames() []string {
	var out []string
	for k := kind(1); k < numKinds; k++ {
		out = append(out, kindNamesByKind[k])
	}
	return out
}

// kindSet is a set of kinds.
type kindSet uint32

func (s kindSet) has(k kind) bool { return s&(1<<k) != 0 }

func (s kindSet) String() string {
	var names []string
	for k := kind(1); k < numKinds; k++ {
		if s.has(k) {
			names = append(names, kindNamesByKind[k])
		}
	}
	return strings.Join(names, " or ")
}

func parseKinds(names []string) (kindSet, error) {
	var s kindSet
	for _, n := range names {
		k, ok := nounKinds[n]
		if !ok {
			return 0, fmt.Errorf("unknown kind %q (known: %s)", n, strings.Join(kindNames(), ", "))
		}
		s |= 1 << k
	}
	return s, nil
}

// nouns finds the kind of a head noun: lower-cased English words and
// phrases ("funding", "venture debt"), and Han nouns found inside a
// phrase ("公司", "服务器").
type nouns struct {
	en map[string]kind
	// enAll are all the kinds a single word is listed under ("studio",
	// "builder": a firm or a product).
	enAll map[string]kindSet
	// enCased are single words the lists write with inner capitals
	// ("MoU"): so written, the noun, not a name.
	enCased map[string]bool
	// enCap are single words the lists write with a capital first letter
	// only ("House", "Senate"), with the kind so written: "House" opens a
	// headline as the chamber, whatever a lower-case "house" is.
	enCap map[string]kind
	// enMulti are entries of several words, by their last word.
	enMulti map[string][]nounEntry
	zh      []nounEntry // longest first
	// zhFirst are the Han entries by their first rune, longest first.
	zhFirst map[rune][]nounEntry
}

type nounEntry struct {
	text string
	kind kind
}

// regulatorName reports a name the lists give as a government's, as
// written ("Pentagon", "Senate") or in lower case ("parliament").
func (n *nouns) regulatorName(name string) bool {
	name = strings.TrimSpace(strings.TrimPrefix(name, "the "))
	if k, ok := n.enCap[name]; ok && k == kRegulator {
		return true
	}
	k, ok := n.en[strings.ToLower(name)]
	return ok && k == kRegulator
}

func newNouns(args map[string]config.CueSet) *nouns {
	n := &nouns{en: map[string]kind{}, enAll: map[string]kindSet{}, enCased: map[string]bool{}, enCap: map[string]kind{}, enMulti: map[string][]nounEntry{}}
	// Kinds in a fixed order, so that a word listed under two kinds gets
	// the same one every time: the first in kind order.
	for k := numKinds - 1; k > kNone; k-- {
		cs, ok := args[kindNamesByKind[k]]
		if !ok {
			continue
		}
		for _, w := range cs.EN {
			w = strings.TrimSpace(parseCue(w).phrase)
			if !strings.Contains(w, " ") && len(w) > 1 && strings.ToLower(w[1:]) != w[1:] && strings.ToUpper(w) != w {
				n.enCased[w] = true
			}
			if !strings.Contains(w, " ") && len(w) > 1 && isCapital(w) && strings.ToLower(w[1:]) == w[1:] {
				n.enCap[w] = k
			}
			w = strings.ToLower(w)
			if i := strings.LastIndexByte(w, ' '); i >= 0 {
				last := w[i+1:]
				n.enMulti[last] = append(n.enMulti[last], nounEntry{w, k})
				continue
			}
			n.en[w] = k
			n.enAll[w] |= 1 << k
		}
		for _, w := range cs.ZH {
			n.zh = append(n.zh, nounEntry{parseCue(w).phrase, k})
		}
	}
	for _, list := range n.enMulti {
		sort.SliceStable(list, func(i, j int) bool { return len(list[i].text) > len(list[j].text) })
	}
	sort.SliceStable(n.zh, func(i, j int) bool { return len(n.zh[i].text) > len(n.zh[j].text) })
	n.zhFirst = map[rune][]nounEntry{}
	for _, e := range n.zh {
		r, _ := utf8.DecodeRuneInString(e.text)
		n.zhFirst[r] = append(n.zhFirst[r], e)
	}
	return n
}

// zhNounIs reports whether s is a Chinese noun of the lists.
func (n *nouns) zhNounIs(s string) bool {
	for _, e := range n.zh {
		if s == e.text {
			return true
		}
	}
	return false
}

// zhStaffNouns are words for a company's staff that can be the doer of
// a verb of shrinking.
var zhStaffNouns = []string{"员工总数", "员工人数", "员工", "人员", "岗位", "职位", "人手"}

// zhKindAt returns the Chinese noun of kind k that s opens with (公司
// for kOrg, 眼镜 for kProduct …), if any.
func (n *nouns) zhKindAt(s string, k kind) (string, bool) {
	for _, e := range n.zh {
		if e.kind == k && strings.HasPrefix(s, e.text) {
			return e.text, true
		}
	}
	return "", false
}

// zhRunsPast reports a noun of the lists that starts inside s[:end], past
// its first character, and runs on past end: "算力卡" in "二手算力卡…" read
// up to "二手算力".
func (n *nouns) zhRunsPast(s string, end int) bool {
	_, size := utf8.DecodeRuneInString(s)
	for i := size; i < end; {
		r, size := utf8.DecodeRuneInString(s[i:])
		for _, e := range n.zhFirst[r] {
			if i+len(e.text) > end && strings.HasPrefix(s[i:], e.text) {
				return true
			}
		}
		i += size
	}
	return false
}

// lastZh finds the noun of the lists that ends last in s (the longest
// there: "AI员工" over "员工"), as the head of a Chinese phrase: its
// offset, or -1.
func (n *nouns) lastZh(s string) (int, nounEntry) {
	at, best, bestEnd := -1, nounEntry{}, -1
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		for _, e := range n.zhFirst[r] {
			if strings.HasPrefix(s[i:], e.text) {
				if end := i + len(e.text); end > bestEnd || end == bestEnd && at == i {
					at, best, bestEnd = i, e, end
				}
				break
			}
		}
		i += size
	}
	return at, best
}

// zhEndsIn returns the noun of kind k of the lists that ends the Chinese
// phrase s, as its head ("国家标准" for a policy, "工信部" for a
// regulator); false when the noun that ends last in s is of another kind
// or does not end it.
func (n *nouns) zhEndsIn(s string, k kind) (nounEntry, bool) {
	at, e := n.lastZh(s)
	return e, at >= 0 && e.kind == k && strings.HasSuffix(s, e.text)
}

// headKind returns the kind of the English head word w (lower-case) as
// the phrase before it (lower-case, ending where w starts) qualifies it:
// "business model" is not a model.
func (n *nouns) headKind(before, w string) (kind, bool) {
	if k, ok := n.multiMatch(before, w); ok {
		return k, true
	}
	if k, ok := n.en[w]; ok {
		// ("invest $600K in every startup": a company any one of a class
		// is no party.)
		if k == kOrg && (strings.HasSuffix(before, "every ") || strings.HasSuffix(before, "each ") || strings.HasSuffix(before, "any ")) {
			return kPlain, true
		}
		return k, true
	}
	// Plurals the lists do not spell out; companies in the plural are a
	// class ("AI startups"), not a party.
	if strings.HasSuffix(w, "s") {
		if k, ok := n.en[strings.TrimSuffix(w, "s")]; ok {
			if k == kOrg {
				return kPlain, true
			}
			return k, true
		}
	}
	return kNone, false
}

// multiMatch reports whether an entry of several words ends at head w:
// "language model", not a bare "model".
func (n *nouns) multiMatch(before, w string) (kind, bool) {
	for _, e := range n.enMulti[w] {
		if joinedHasSuffix(before, w, e.text) {
			start := len(before) + len(w) - len(e.text)
			if start == 0 || before[start-1] == ' ' || before[start-1] == '-' {
				return e.kind, true
			}
		}
	}
	return kNone, false
}

// knownMulti reports a noun of several words the lists spell out that
// ends at head w.
func (n *nouns) knownMulti(before, w string) bool {
	_, ok := n.multiMatch(before, w)
	return ok
}

// joinedHasSuffix reports whether before+w ends with t, without joining
// them.
func joinedHasSuffix(before, w, t string) bool {
	if len(t) <= len(w) {
		return strings.HasSuffix(w, t)
	}
	return strings.HasSuffix(t, w) && strings.HasSuffix(before, t[:len(t)-len(w)])
}

// headKinds returns every kind the head w has as the phrase before it
// qualifies it: "Hong Kong" is a place of listing and a government.
func (n *nouns) headKinds(before, w string) kindSet {
	var ks kindSet
	for _, e := range n.enMulti[w] {
		if joinedHasSuffix(before, w, e.text) {
			start := len(before) + len(w) - len(e.text)
			if start == 0 || before[start-1] == ' ' || before[start-1] == '-' {
				ks |= 1 << e.kind
			}
		}
	}
	if k, ok := n.headKind(before, w); ok {
		ks |= 1 << k
	}
	return ks
}

// arg is one argument of a predicate.
type arg struct {
	kind       kind
	start, end int // in the predicate's part
	text       string
	mention    *mention // a known company, when it is one
	why        string   // how the kind was told
	// owner is a name the phrase gives as the owner of its head, when
	// the taxonomy does not know it: "Lumora's agents".
	owner string
	// bare is a head "model" with no word that makes it an AI model.
	bare bool
	// bracketed is a name set in corner brackets, and described one right
	// after a company word ("AI教育公司学伴"): a name, whatever its shape.
	bracketed, described bool
}

func (a arg) String() string {
	if a.text == "" {
		return "nothing"
	}
	return quote(a.text) + " (" + a.kind.String() + ")"
}

// frameReading is whether a predicate's frame holds here, and with what.
type frameReading struct {
	ok              bool
	why             string
	subject, object arg
	// recipient is who gets the object, named between the predicate and
	// the object (Frame.Recipient).
	recipient arg
	passive   bool
}

// frameOf returns the frame of an event cue, or nil for a support cue.
func (r *run) frameOf(h hit) *Frame {
	if h.frame < 0 {
		return nil
	}
	return &r.c.frames[h.frame]
}

// readFrame checks the frame of predicate h: polarity and modality of its
// clause, then its object, subject and what must stand near it.
func (r *run) readFrame(h hit) frameReading {
	f := r.frameOf(h)
	if f == nil {
		return frameReading{ok: true}
	}
	if r.background(h) {
		return frameReading{why: "it stands in a background clause (what happened before)"}
	}
	if f.Headline && h.part != partTitle {
		return frameReading{why: "it counts in the headline only"}
	}
	// ("the Vulkan back-end", "a launch-day bug": a one-word verb joined
	// by a hyphen to a lower-case word is part of a compound.)
	if text := r.d.parts[h.part]; !strings.Contains(h.text, " ") && h.end+1 < len(text) && text[h.end] == '-' && text[h.end+1] >= 'a' && text[h.end+1] <= 'z' && isWordByte(text[h.end-1]) {
		end := h.end + 1
		for !wordEnd(text, end) {
			end++
		}
		return frameReading{why: "it is part of a word joined by a hyphen: " + quote(text[h.start:end])}
	}
	if h.alias == "back" && !r.backAsVerb(h) {
		return frameReading{why: "“back” after no name is no verb of backing"}
	}
	// "Sakana AI与牛津大学合作的一篇论文获奖": a Chinese verb of partnering
	// before 的 qualifies the noun after it.
	if f.Type == news.EventPartnership && !latinOnly(h.text) && strings.HasPrefix(r.d.parts[h.part][h.end:], "的") {
		return frameReading{why: "it qualifies the noun after 的"}
	}
	// "Seed-R, an open dataset", "Doubao-Seed-1.6": a round's word glued
	// by a hyphen to a capital or a digit is part of a name.
	if f.Type == news.EventFunding && r.hyphenGlued(h) {
		return frameReading{why: "it is part of a name joined by a hyphen or numbered"}
	}
	// "joins the AI Alliance", "the Partnership on AI": in sentence case,
	// a capitalised noun of partnering after a capitalised name ends the
	// name of a body, and partners no one.
	if f.Type == news.EventPartnership && r.namesBody(h) {
		return frameReading{why: "it ends the name of a body: " + quote(r.d.parts[h.part][r.prevWordStart(h):h.end])}
	}
	// "Acme, Inc. v. Lumora, Inc., 1:26-cv-00187 (D. Del.)": a caption
	// is a case's when its text gives the docket.
	if f.ID == "regulation.caption" && !docketRE.MatchString(r.d.parts[h.part]) {
		return frameReading{why: "no docket number with it"}
	}
	// "Llama的使用条款与开源定义存在冲突": a Chinese predicate right after
	// 与 or 和 is a noun joined to what precedes it, no verb (not after
	// 参与: "参与投资" is a verb).
	if before := r.d.parts[h.part][:h.start]; !latinOnly(h.text) && (strings.HasSuffix(before, "与") && !strings.HasSuffix(before, "参与") && !strings.HasSuffix(before, "赠与") ||
		strings.HasSuffix(before, "和")) {
		return frameReading{why: "a noun after 与 or 和, no verb"}
	}
	// "快手裁撤部分大模型团队，人员转岗至可灵": teams dismantled whose
	// staff move to other posts are reorganised, not cut.
	if f.Type == news.EventLayoffs && h.text == "裁撤" {
		sent := r.sentenceOf(h)
		if slices.ContainsFunc(zhReassigned, func(w string) bool { return strings.Contains(r.d.parts[h.part][sent[0]:sent[1]], w) }) {
			return frameReading{why: "its staff move to other posts: a reorganisation"}
		}
	}
	// "…Receives Nasdaq Notification Regarding Minimum Bid Price
	// Deficiency", "首批限售股上市流通": news of shares listed already.
	if f.Type == news.EventIPO {
		sent := r.sentenceOf(h)
		if w, ok := r.c.lex.firstWord(r.d.folded[h.part][sent[0]:sent[1]], r.c.lex.listingKept); ok {
			return frameReading{why: "shares listed already: " + quote(w)}
		}
		if w, ok := r.c.lex.firstWord(r.d.folded[partTitle], r.c.lex.listingKept); ok {
			return frameReading{why: "the headline tells of shares listed already: " + quote(w)}
		}
	}
	if neg, ok := r.negated(h); ok && !r.readNegated {
		return frameReading{why: "the clause denies or calls it off: " + quote(neg.text)}
	}
	if hyp, ok := r.hypothetical(h); ok {
		return frameReading{why: "the clause makes it a possibility: " + quote(hyp.text)}
	}
	// "Skylark to go public via SPAC merger with Harbor Acquisition
	// Corp": a merger with a blank-cheque company lists its partner.
	if f.Type == news.EventAcquisition {
		if w, ok := r.blankCheque(h); ok {
			return frameReading{why: "a merger with a blank-cheque company is a listing: " + quote(w)}
		}
	}
	if f.Type == news.EventFunding || f.Type == news.EventAcquisition {
		if tr, ok := r.readingNear(h, refTrade); ok {
			return frameReading{why: "shares traded on the market: " + quote(tr.text)}
		}
		// "Activist Cobalt Ridge Takes Stake in C3.ai" over "…disclosed a
		// 6.2% stake in the software maker": the lead's stake is the one
		// the headline says was bought on the market.
		if h.part != partTitle {
			if tr, ok := r.titleTrade(h); ok {
				return frameReading{why: "the headline's stake, traded on the market: " + quote(tr.text)}
			}
		}
	}
	// "Acme valued at $39 billion after employees sell shares": a
	// valuation that shares changing hands set, whatever clause says so,
	// is no round's.
	if f.Type == news.EventFunding && f.object == 1<<kValuation {
		sent := r.sentenceOf(h)
		for _, o := range r.d.hits {
			if o.kind == refTrade && o.part == h.part && o.start >= sent[0] && o.start < sent[1] {
				return frameReading{why: "a valuation set by shares sold, not by a round: " + quote(o.text)}
			}
		}
	}
	// "某某大模型团队开源代码修复基准X": a model that goes open source
	// takes no object; one that opens up a dataset or a tool names the
	// maker, not a model's release.
	if f.ID == "model.arrives" && !latinOnly(h.text) {
		if o := r.zhObject(h, false); o.kind == kData || o.kind == kProduct {
			return frameReading{why: "it opens up " + quote(o.text) + " (" + o.kind.String() + "), not the model itself"}
		}
	}
	// "Claude is now available in Microsoft 365 Copilot": a model or a
	// product that arrives in another company's is their deal, not its
	// release.
	if f.ID == "model.arrives" || f.ID == "product.arrives" {
		for _, o := range r.d.hits {
			if o.part == h.part && o.start == h.start && o.end == h.end && o.frame >= 0 && r.c.frames[o.frame].ID == "partnership.available-in" && r.readFrame(o).ok {
				return frameReading{why: "it arrives in another company's product: a deal between them"}
			}
		}
	}
	// "Acme's new Lumen 3 model tops open-model leaderboard": a new
	// model's place on a leaderboard is how its release is told.
	// ("New open-model leaderboard puts …": what is new is the ranking.)
	if strings.HasPrefix(f.ID, "other.ranking") {
		cl := r.clauseSpan(h)
		if r.c.lex.hasWord(r.d.folded[h.part][cl[0]:h.start], []string{"new", "newest", "latest"}) && r.subjectOf(h, false, !latinOnly(h.text)).kind != kReport {
			return frameReading{why: "the model it ranks is new: its release is the news"}
		}
	}
	// "Carmaker Veloce launches its new model, the V5 electric
	// hatchback": a model its sentence calls a car is a car's.
	if f.Type == news.EventModelRelease && latinOnly(h.text) {
		sent := r.sentenceOf(h)
		if w := r.carSentence(h); w != "" && wordIndex(r.d.folded[h.part][sent[0]:sent[1]], "model") >= 0 {
			return frameReading{why: "a model its sentence calls a car's: " + quote(w)}
		}
	}
	// "OpenAI plans to release Orion by December, report says", "某某：
	// 某模型将于年底前推出": a release still to come that a report or a
	// person's remark foretells is a leak or a teaser, not a release.
	if f.Type == news.EventModelRelease || f.Type == news.EventProductLaunch {
		if w, ok := r.foretold(h); ok {
			return frameReading{why: "a release still to come that " + quote(w) + " foretells: a leak or a teaser"}
		}
	}
	// "Lumora ships 3 million pendants in its best quarter yet": a count
	// shipped is sales, not a launch.
	if latinOnly(h.text) && (f.Type == news.EventProductLaunch || f.Type == news.EventModelRelease) && strings.HasSuffix(strings.ToLower(h.text), "ships") {
		rest := strings.Fields(r.d.parts[h.part][h.end:min(len(r.d.parts[h.part]), h.end+40)])
		for len(rest) > 0 && (rest[0] == "a" || rest[0] == "record" || rest[0] == "over" || rest[0] == "more" || rest[0] == "than" || rest[0] == "nearly" || rest[0] == "about") {
			rest = rest[1:]
		}
		if len(rest) > 0 && countedGoods(strings.Join(rest, " ")) {
			return frameReading{why: "what it ships is counted: sales, not a launch"}
		}
	}
	if f.Type == news.EventRegulation {
		if w, ok := r.viewOfRules(h); ok {
			return frameReading{why: "someone's view of the rules, not a government's act: " + quote(w)}
		}
	}
	if f.object == 0 && f.subject == 0 {
		// ("以融资租赁方式引入2000张GPU": the way a deal is done is the deal.)
		// (A cue that ends on its preposition, "partner on", governs
		// what follows; it modifies nothing.)
		if head, ok := r.modifies(h); ok && !(head.text == "方式" && strings.HasSuffix(r.d.parts[h.part][:h.start], "以")) && !endsOnPreposition(h.text) {
			return frameReading{why: "it modifies " + quote(head.text) + ": the topic, not the event"}
		}
		if w, ok := r.comparedNoun(h); ok {
			return frameReading{why: "what something is compared with, after " + quote(strings.TrimSpace(w)) + ", not the event"}
		}
		if w, ok := r.topicNoun(h); ok {
			return frameReading{why: "what the clause is " + quote(w) + ", a topic, not a round"}
		}
		// "DeepSeek halves API prices for its latest model": the model a
		// clause's act is for is not released by it. ("groundwork for a
		// listing" still plans one.)
		if f.Type == news.EventModelRelease && latinOnly(h.text) {
			before := strings.TrimRight(r.d.folded[h.part][r.clauseSpan(h)[0]:h.start], " ")
			for _, w := range []string{"for its", "for the", "for their", "for our", "for a", "for an"} {
				if before == w || strings.HasSuffix(before, " "+w) {
					return frameReading{why: "what the clause's act is for, after " + quote(w) + ", not the event"}
				}
			}
		}
	}
	if f.Type == news.EventFunding && !latinOnly(h.text) {
		// "成立产业投资子公司": a funding word right before a word for
		// companies names a kind of company.
		// ("入股企业级SSD厂商": not when the word makes an adjective, 级.)
		if e, ok := r.c.nouns.zhKindAt(r.d.parts[h.part][h.end:], kOrg); ok && !strings.HasPrefix(r.d.parts[h.part][h.end+len(e):], "级") {
			return frameReading{why: "it qualifies the company word after it"}
		}
	}
	// "Unilever backs Emberline with a five-year, $60 million support
	// contract": a backer whose money comes with a contract is a customer.
	if f.Type == news.EventFunding && !f.object.has(kMoney) && !f.object.has(kRound) && latinOnly(h.text) {
		if w, ok := r.withContract(h); ok {
			return frameReading{why: "its money comes with " + quote(w) + ", a commercial deal, not a round"}
		}
	}
	if f.Type == news.EventFunding {
		if w, ok := r.committedForCapacity(h); ok {
			return frameReading{why: "the money is committed for " + quote(w) + ", a purchase, not a round"}
		}
	}
	// "某平台被曝非法收购用户数据": a deal's verb done unlawfully is an
	// offence, not a deal.
	if f.Type == news.EventAcquisition || f.Type == news.EventPartnership || f.Type == news.EventFunding {
		before := strings.TrimRight(r.d.folded[h.part][max(0, h.start-16):h.start], " ")
		for _, w := range unlawfulWords {
			if strings.HasSuffix(before, w) {
				return frameReading{why: quote(w) + " before it: an offence, not a deal"}
			}
		}
	}
	// "发行20亿元科技创新债券，募集资金用于…": money a bond raises is
	// borrowing, not a round.
	if f.Type == news.EventFunding && !latinOnly(h.text) {
		sent := r.sentenceOf(h)
		for _, w := range zhBondWords {
			if strings.Contains(r.d.parts[h.part][sent[0]:sent[1]], w) {
				return frameReading{why: "money raised by " + quote(w) + ", borrowing, not a round"}
			}
		}
	}
	if f.Type == news.EventFunding {
		if what, ok := r.roundOfOther(h); ok {
			return frameReading{why: "a round or seed of " + quote(what) + ", not of money"}
		}
		if w, ok := r.stakeSold(h); ok {
			return frameReading{why: "the stake is sold (" + quote(w) + "): its shares change hands, no money goes in"}
		}
	}
	var fr frameReading
	key := spanKey{h.part, h.start, h.end}
	if strings.HasSuffix(h.alias, "stake in") || h.alias == "股权" {
		cl := r.clauseSpan(h)
		over := stakeOverHalf(r.d.folded[h.part][max(cl[0], h.start-32):h.end]) || r.stakeRaisedOverHalf(h, cl)
		switch {
		case over && f.Type == news.EventFunding:
			return frameReading{why: "a majority stake buys the company"}
		case !over && f.Type == news.EventAcquisition:
			return frameReading{why: "a minority stake funds the company"}
		}
	}
	fr.passive = r.passiveAt(h)
	zh := !latinOnly(h.text)
	// "字节Seed从阶跃星辰挖走…": a Latin word written onto a Chinese
	// company's name is a team's or a product's name, not the cue.
	if !zh && h.start > 0 && f.Type == news.EventFunding {
		text := r.d.parts[h.part]
		prev, _ := utf8.DecodeLastRuneInString(text[:h.start])
		if i := slices.IndexFunc(r.mentions, func(m mention) bool {
			return m.part == h.part && m.kind == refCompany && m.end == h.start
		}); i >= 0 && unicode.Is(unicode.Han, prev) && !strings.HasPrefix(text[h.end:], "轮") {
			fr.why = "it is written onto the name " + quote(text[r.mentions[i].start:h.end]) + ": a team's or a product's name"
			return fr
		}
	}
	if f.Alone {
		cl := r.clauseSpan(h)
		rest := strings.TrimLeft(r.d.folded[h.part][h.end:cl[1]], " ")
		if next, _ := utf8.DecodeRuneInString(rest); rest != "" && !unicode.IsPunct(next) {
			fr.why = "words follow it (" + quote(string(next)) + "…): it does not end its clause"
			return fr
		}
	}
	var sumOwner *arg
	if f.object != 0 {
		switch {
		case len(f.Via) > 0:
			fr.object = r.viaObject(h, f.Via, f.Direct, zh)
		default:
			// Frames sharing a predicate read its object once.
			c, ok := r.objects[key]
			if !ok {
				if zh {
					c = r.zhObject(h, fr.passive)
				} else {
					c = r.titledReport(h, r.enObject(h, fr.passive))
				}
				if r.objects == nil {
					r.objects = map[spanKey]arg{}
				}
				r.objects[key] = c
			}
			fr.object = c
			// "注资星衡智能5亿元": a sum that ends the phrase after the name
			// money goes to is no part of it.
			if zh && f.Type == news.EventFunding && !fr.passive && c.end > c.start {
				fr.object = r.zhBeforeSum(h, c)
			}
		}
		// "Corvel's $35M raise": the word after a sum is a noun, the
		// raise of that sum by the name that owns it.
		if sum, owner, ok := r.sumRaise(h, f); ok && fr.object.kind == kNone {
			fr.object, sumOwner = sum, &owner
		}
		// "to take AI firm Verbena private": the object ends before the
		// word that says what the buyer makes of it.
		if f.ID == "acquisition.take-private" && !zh && strings.HasSuffix(strings.ToLower(fr.object.text), " private") {
			fr.object = r.enPhrase(h.part, h.end, fr.object.end-len(" private"), r.d.parts[h.part])
		}
		// "收购卓行机器人20%股权": a minority stake funds the company; only
		// half or more of it is bought.
		if zh && (f.Type == news.EventAcquisition || f.ID == "funding.zh-minority-stake") {
			pct, ok := zhStakeShare(r.d.parts[h.part][fr.object.end:min(len(r.d.parts[h.part]), fr.object.end+40)], fr.object.text)
			// ("收购…少数股权": a minority stake in words.)
			if !ok && (strings.HasSuffix(fr.object.text, "少数股权") || strings.HasSuffix(fr.object.text, "少量股权") || strings.HasSuffix(fr.object.text, "参股权")) {
				pct, ok = 10, true
			}
			switch {
			case f.Type == news.EventAcquisition && ok && pct < 50:
				return frameReading{why: "a minority stake funds the company: " + quote(fr.object.text)}
			case f.Type == news.EventFunding && (!ok || pct >= 50):
				return frameReading{why: "no minority stake: " + quote(fr.object.text)}
			case f.Type == news.EventFunding:
				// (The company is named before its share.)
				if i := strings.IndexFunc(fr.object.text, func(c rune) bool { return c >= '0' && c <= '9' }); i > 0 {
					fr.object.text, fr.object.end = fr.object.text[:i], fr.object.start+i
				}
			}
		}
		// "buys 15% of Hanbit Labs": less than half of a company bought
		// funds it; half or more buys it.
		if !zh && f.Type == news.EventAcquisition && !fr.passive && fr.object.end > h.end {
			if pct, ok := shareOf(r.d.folded[h.part][h.end:fr.object.end]); ok && pct < 50 {
				return frameReading{why: "less than half of a company funds it: " + quote(fr.object.text)}
			}
		}
		// "buys 8,000 Nvidia Jetson boards": a count of things bought
		// before the name buys its goods, not the company.
		if !zh && f.Type == news.EventAcquisition && !fr.passive && fr.object.start > h.end && countedGoods(r.d.parts[h.part][h.end:fr.object.start]) {
			return frameReading{why: "it buys a count of goods, not " + quote(fr.object.text)}
		}
		if f.ID == "funding.minority-share" {
			if pct, ok := r.shareBought(h); !ok || pct >= 50 {
				return frameReading{why: "no share of less than half bought: " + quote(fr.object.text)}
			}
		}
		fr.object = r.knownAs(f, h, fr.object, fr.passive)
		// ("支持调用开源教育大模型": 开源 after another verb says what kind
		// of model is deployed; it releases nothing.)
		if zh && h.text == "开源" && r.zhOpenAdjective(h.part, h.start) {
			return frameReading{why: "“开源” after another verb describes the model: " + quote(fr.object.text)}
		}
		// ("Acquires Two Million Annotated Mammograms": things bought by
		// the count are no rights.)
		if f.ID == "partnership.rights" && fr.object.kind == kData && strings.HasPrefix(fr.object.why, "a count of") {
			return frameReading{why: "it buys a count of things, " + quote(fr.object.text) + ", not rights"}
		}
		// "Osprey Drive acquires an operating permit": a permit is a
		// government's to give, not rights another company sells.
		if f.ID == "partnership.licences" && governmentApprovals[lastField(strings.ToLower(fr.object.text))] {
			return frameReading{why: quote(fr.object.text) + " is a government's to give, no licence a company sells"}
		}
		// "TPUs are now available in four more Google Cloud regions": a
		// region of a cloud is where a product arrives, no product it
		// joins.
		if f.ID == "partnership.available-in" && cloudRegions[lastField(strings.ToLower(fr.object.text))] {
			return frameReading{why: "it arrives in a region, " + quote(fr.object.text) + ", not in another company's product"}
		}
		// "awards Pylon Devices a $45M grant": who gets it, then what.
		if f.Recipient && !zh && !fr.passive && (fr.object.kind == kName || fr.object.kind == kOrg) && !f.object.has(fr.object.kind) {
			if o := r.enPhrase(h.part, fr.object.end, r.clauseSpan(h)[1], r.d.parts[h.part]); f.object.has(o.kind) {
				fr.recipient, fr.object = fr.object, o
			}
		} else if f.Recipient && !zh && !fr.passive && f.object.has(fr.object.kind) && fr.object.end > fr.object.start {
			// "awards $3 million grant to AI tutoring startup Quillon":
			// what, then who gets it.
			cl, lower := r.clauseSpan(h), r.d.folded[h.part]
			if i := strings.Index(lower[fr.object.end:cl[1]], " to "); i >= 0 && len(strings.Fields(lower[fr.object.end:fr.object.end+i])) <= 3 {
				// (Not a consortium, a university or a project: "awards
				// €25m to open-source speech consortium Vocalis".)
				if o := r.enPhrase(h.part, fr.object.end+i+len(" to "), cl[1], r.d.parts[h.part]); (o.kind == kName || o.kind == kOrg) &&
					!slices.ContainsFunc(strings.Fields(strings.ToLower(o.text)), func(w string) bool { return r.c.lex.nonCompanyRecipients[w] }) {
					fr.recipient = o
				}
			}
		}
		// "Garmin launches Forerunner 990": a name with a version from a
		// company the taxonomy knows makes no models is a product's.
		if fr.object.kind == kModel && fr.object.mention == nil && fr.object.why == "a name with a version" && (f.Type == news.EventModelRelease || f.Type == news.EventProductLaunch) {
			if subj := r.subjectOf(h, fr.passive, zh); subj.mention != nil && subj.mention.kind == refCompany && !r.makesModels(subj.mention) &&
				!r.modelWordNear(h) {
				fr.object.kind, fr.object.why = kProduct, "a product's name with a version: "+subj.mention.name+" makes no models"
			}
		}
		// "Carmaker Veloce launches its new model, the V5 hatchback": a
		// bare model its sentence calls a car is a product.
		if fr.object.kind == kModel && fr.object.bare && !zh {
			if w := r.carSentence(h); w != "" {
				fr.object.kind, fr.object.why = kProduct, "a car's model: "+quote(w)
			}
		}
		if f.Type == news.EventModelRelease && fr.object.kind == kProduct && strings.HasPrefix(fr.object.why, "a product's name with a version") {
			fr.why = "its object " + fr.object.String() + " is a product's: " + strings.TrimPrefix(fr.object.why, "a product's name with a version: ")
			return fr
		}
		if f.Owner {
			if why, ok := r.ownerObject(h, &fr, zh); !ok {
				fr.why = why
				return fr
			}
		}
		// "rolls out its AI scribe across Northfield Health's 40
		// hospitals": a place of a company's after a preposition is that
		// company's.
		if owner := strings.TrimSpace(fr.object.owner); !f.object.has(fr.object.kind) && owner != "" && len(f.Via) > 0 && !zh &&
			(f.object.has(kOrg) || f.object.has(kName)) && isCapital(owner) && !r.c.lex.notNames[strings.ToLower(owner)] {
			if i := strings.Index(r.d.parts[h.part][fr.object.start:], owner); i >= 0 {
				at := fr.object.start + i
				fr.object = arg{kind: kName, start: at, end: at + len(owner), text: owner, why: "the owner of " + quote(fr.object.text)}
			}
		}
		// ("to supply lidar for Toyota's China joint-venture EVs": so is a
		// known company's thing.)
		if m := fr.object.mention; m != nil && m.kind == refCompany && !f.object.has(fr.object.kind) && len(f.Via) > 0 && !zh &&
			f.object.has(kOrg) && m.start == fr.object.start && m.part == h.part && ownerMark(r.d.parts[h.part][m.end:]) {
			fr.object = arg{kind: kOrg, start: m.start, end: m.end, text: m.text, mention: m, why: "the owner of " + quote(fr.object.text)}
		}
		// "智源研究院发布悟界·Emu4": a name with a Latin version that a maker
		// of models alone releases is its model.
		if zh && fr.object.kind == kName && fr.object.mention == nil && f.object.has(kModel) && !f.object.has(kName) {
			if i := strings.LastIndexFunc(fr.object.text, func(c rune) bool { return unicode.Is(unicode.Han, c) || c == '·' }); i >= 0 {
				_, n := utf8.DecodeRuneInString(fr.object.text[i:])
				if tail := fr.object.text[i+n:]; tail != "" && latinOnly(tail) && modelShaped(tail) {
					if d := r.subjectOf(h, fr.passive, zh); d.mention != nil && r.modelMakerOnly(d.mention.name) {
						fr.object.kind, fr.object.why = kModel, "a name with a version that a maker of models releases"
					}
				}
			}
		}
		// "cut 40 researchers", "cuts dozens of engineers": people counted
		// are the jobs cut.
		if fr.object.kind == kPerson && f.object.has(kJobs) && !f.object.has(kPerson) && !zh {
			// (Not a few: "cuts 3 executives" is a reshuffle.)
			if w := strings.ToLower(strings.Fields(fr.object.text + " x")[0]); r.c.lex.isCount(w) && !(len(w) == 1 && isDigit(w[0])) {
				fr.object.kind, fr.object.why = kJobs, "people counted: "+quote(fr.object.text)
			}
		}
		// "MHRA publishes guidance on AI devices": a word the lists give
		// as a price and as a policy ("guidance") is policy when a
		// government issues it.
		if !zh && fr.object.kind == kPrice && f.object.has(kPolicy) && fr.object.mention == nil {
			if head := strings.ToLower(lastField(fr.object.text)); r.c.nouns.enAll[head]&(1<<kPolicy) != 0 && r.subjectOf(h, fr.passive, zh).kind == kRegulator {
				fr.object.kind, fr.object.why = kPolicy, "a government's "+quote(head)
			}
		}
		// "Gleam lands Bessemer backing": a name, then a word for money,
		// is money from that name.
		// (Not "Lumora Capital": a word of the name is capitalised.)
		if named := fr.object.kind == kName || fr.object.kind == kOrg || fr.object.kind == kFund; !zh && named && (!f.object.has(fr.object.kind) || f.Type == news.EventAcquisition) {
			if w := strings.Fields(r.d.parts[h.part][fr.object.end:] + " "); len(w) > 0 && !isCapital(w[0]) {
				if word := strings.Trim(w[0], ",.;:"); r.c.nouns.en[word] == kMoney && word != "money" {
					fr.object.kind, fr.object.why = kMoney, quote(word)+" from "+quote(fr.object.text)
				}
			}
		}
		// "wraps up round of AI pilot tests": a round of something that is
		// no money is no round raised.
		if fr.object.kind == kRound && !zh && strings.EqualFold(lastField(fr.object.text), "round") {
			cl := r.clauseSpan(h)
			if end := fr.object.end; end < cl[1] && strings.HasPrefix(r.d.folded[h.part][end:cl[1]], " of ") {
				if a := r.enPhrase(h.part, end+len(" of "), cl[1], r.d.parts[h.part]); a.text != "" && a.kind != kMoney && a.kind != kRound {
					fr.why = "its object is a round of " + quote(a.text) + ", not of money"
					return fr
				}
			}
		}
		if !f.object.has(fr.object.kind) {
			fr.why = "its object is " + fr.object.String() + ", not " + f.objectNames
			return fr
		}
		// "a new model of its hatchback": a bare "model" is an AI model
		// only when an AI company or a model's name is about.
		if fr.object.kind == kModel && fr.object.bare {
			// ("Norvik AI unveils a new model": its doer's name says
			// it is an AI company.)
			// (Nor does a text that gives the model's parameter count or
			// says its weights are out: "Japanese model … under 10
			// billion parameters".)
			if !r.aiModelNear(h, r.subjectOf(h, fr.passive, zh)) {
				fr.why = fmt.Sprintf("its object %s is a model in another sense: no AI company or model name near", fr.object)
				return fr
			}
		}
	}
	// What another company makes is not the doer's launch: "Acme rolls
	// out ChatGPT Enterprise" adopts OpenAI's product.
	// ("launches a ChatGPT alternative": a product compared with is none
	// of the object's maker's; "adds video editing to its iPhone app":
	// what "its" owns is the doer's, whatever platform names it.)
	// ("Cerebras halves the price of Qwen3 Coder on its inference API":
	// another's model priced on the doer's own service is the doer's.)
	if (f.Type == news.EventProductLaunch || f.Type == news.EventModelRelease) && fr.object.mention != nil && !f.Owner &&
		!r.background(fr.object.mention.hit) && !r.doersOwn(h.part, fr.object) && !(f.ID == "product.price-of" && r.onOwnService(h)) {
		subj := r.subjectOf(h, fr.passive, zh)
		// ("Arthur Mensch unveils Mistral Medium 4": a person of the
		// maker's acts for it.)
		if subj.text != "" && (subj.kind == kOrg || subj.kind == kName) && (subj.mention == nil || subj.mention.kind == refCompany && subj.mention.idx != fr.object.mention.idx) &&
			!(subj.mention == nil && r.c.personOf(subj.text) == r.c.tax.Companies[fr.object.mention.idx].Name) {
			fr.why = fmt.Sprintf("its object %s is another company's, not the doer's", fr.object)
			return fr
		}
	}
	// "Acme Health rolls out Lumora's scribe": the owner the phrase names
	// is not the doer.
	if (f.Type == news.EventProductLaunch || f.Type == news.EventModelRelease) && fr.object.mention == nil && fr.object.owner != "" && !f.Owner {
		subj := r.subjectOf(h, fr.passive, zh)
		owner := strings.TrimSpace(fr.object.owner)
		if subj.text != "" && (subj.kind == kOrg || subj.kind == kName) && !strings.EqualFold(strings.TrimSpace(subj.text), owner) &&
			(subj.mention == nil || !strings.EqualFold(subj.mention.text, owner)) {
			fr.why = fmt.Sprintf("its object %s is %s's, not the doer's", fr.object, quote(owner))
			return fr
		}
	}
	if f.subject != 0 {
		fr.subject = r.subjectOf(h, fr.passive, zh)
		if sumOwner != nil {
			fr.subject = *sumOwner
		}
		// "万象智能向华为采购…": the name after 向 is whom the doer deals
		// with; the doer stands before 向.
		if zh && len(f.Via) > 0 && fr.object.text != "" && fr.subject.start >= fr.object.start && fr.subject.end <= fr.object.end {
			text := r.d.parts[h.part]
			for _, v := range f.Via {
				if at := fr.object.start - len(v); at > 0 && strings.HasSuffix(text[:fr.object.start], v) {
					before := h
					before.start = at
					fr.subject = r.subjectOf(before, fr.passive, zh)
					break
				}
			}
		}
		// "Two former Google engineers raise $3M for Quenby": people
		// raise for the company named after "for".
		if fr.subject.kind == kPerson && f.Type == news.EventFunding && !zh && fr.object.end > h.end {
			cl := r.clauseSpan(h)
			// (A round's name may stand between: "$3M pre-seed for".)
			rest := r.d.folded[h.part][fr.object.end:cl[1]]
			if i := strings.Index(rest, " for "); i >= 0 && len(strings.Fields(rest[:i])) <= 2 {
				if a := r.enPhrase(h.part, fr.object.end+i+len(" for "), cl[1], r.d.parts[h.part]); a.kind == kName || a.kind == kOrg {
					a.why = "the company people raise for: " + a.why
					fr.subject = a
				}
			}
		}
		// "Garmin's Forerunner 275 arrives": a name with a version that a
		// company the taxonomy knows makes no models owns is a product.
		if fr.subject.kind == kModel && fr.subject.mention == nil && fr.subject.why == "a name with a version" && !zh &&
			(f.Type == news.EventModelRelease || f.Type == news.EventProductLaunch) {
			if o := r.policyOwner(h.part, fr.subject); o.mention != nil && o.mention.kind == refCompany && !r.makesModels(o.mention) && !r.modelWordNear(h) {
				fr.subject.kind, fr.subject.why = kProduct, "a product's name with a version: "+o.mention.name+" makes no models"
			}
		}
		// ("AI-generated model lands a magazine cover": so is a bare
		// "model" that does something.)
		// (Not one a possessor owns: "Acme's new reasoning model".)
		if f.Type == news.EventModelRelease && fr.subject.kind == kModel && fr.subject.mention == nil && !zh && bareModel(fr.subject.text) &&
			!strings.ContainsAny(r.d.parts[h.part][r.clauseSpan(h)[0]:fr.subject.start], "'’") && !r.aiModelNear(h, arg{}) {
			fr.why = fmt.Sprintf("its doer %s is a model in another sense: no AI company or model name near", fr.subject)
			return fr
		}
		// ("Scale AI lets early employees sell stock": what a company
		// lets someone do is no feature of a product.)
		if m := fr.subject.mention; m != nil && f.ID == "product.lets" && r.mentionKind(m) == kOrg {
			fr.why = "its doer " + quote(fr.subject.text) + " is a company, not a product"
			return fr
		}
		if m := fr.subject.mention; m != nil && !f.subject.has(fr.subject.kind) {
			switch {
			case f.subject.has(kOrg) && (fr.subject.kind == kProduct || fr.subject.kind == kModel):
				fr.subject.kind = kOrg // a unit acts for its company
			case f.subject.has(kProduct) && fr.subject.kind == kOrg:
				fr.subject.kind = kProduct
			}
		}
		// A frame whose doer is no company ("UK pledges £1B") needs one, and
		// so does a frame whose doer is all it reads ("Lumen-4来了").
		if fr.subject.kind == kNone && (f.Doer || f.object == 0 && f.near == 0 || !f.subject.has(kOrg) && !f.subject.has(kName) && !f.subject.has(kProduct) && !f.subject.has(kModel)) {
			fr.why = "it has no doer of the kind " + f.subjectNames
			return fr
		}
		// "The updated Partner Program rules take effect in May", under
		// "YouTube will demonetize …": rules that come into force where no
		// government is named are a company's own.
		if f.ID == "regulation.in-force" && fr.subject.kind == kPolicy && !zh && r.c.lex.companyRules[lastField(strings.ToLower(fr.subject.text))] && !r.namesRegulator() {
			fr.why = "its rules " + quote(fr.subject.text) + " are a company's own: no government is named"
			return fr
		}
		if f.Opens && fr.subject.kind != kNone {
			cl := r.clauseSpan(h)
			if from, _ := trimSpaceSpan(r.d.parts[h.part], cl[0], cl[1]); fr.subject.start != from && !ownerOpens(r.d.parts[h.part][from:max(from, fr.subject.start)]) {
				fr.why = "its doer " + quote(fr.subject.text) + " does not open its clause"
				return fr
			}
		}
		// "US, UAE sign deal on advanced AI chip exports": a deal a
		// government signs with no company in its sentence is one between
		// governments, which is policy (regulation.state-deal).
		if f.Type == news.EventPartnership && fr.subject.kind == kRegulator && !r.sentenceNamesCompany(h) {
			fr.why = "a deal of governments with no company named: policy"
			return fr
		}
		if f.ID == "regulation.state-deal" && r.sentenceNamesCompany(h) {
			fr.why = "a government's deal with a company is a contract, not policy"
			return fr
		}
		// "Motionbank joins Hugging Face" over "Hugging Face has acquired
		// Motionbank": a name that joins a company its lead says bought
		// it is a company bought, not a person hired.
		if f.ID == "other.people-join" && h.part == partTitle && fr.subject.kind == kName && r.leadSaysAcquired(fr.subject.text) {
			fr.why = "the lead says " + quote(fr.subject.text) + " was acquired"
			return fr
		}
		// "Sage agrees to acquire bookkeeping startup Ledgerly": a single
		// capitalised dictionary word that opens the headline before a
		// purchase of a company is the buyer's name; a headline opens in
		// capitals whatever the word. (Not a plural: "Families buy …".)
		// So is one before a round or a sum raised: "Cinder raises
		// Series D" ("Research raises concerns" has no money).
		// (Not a place: "Nebraska secures $40 million".)
		if fr.subject.kind == kPlain && !zh && h.part == partTitle && fr.subject.start == 0 &&
			fr.subject.mention == nil && strings.HasPrefix(fr.subject.why, "the word ") && isCapital(fr.subject.text) &&
			!strings.HasSuffix(fr.subject.text, "s") && f.subject.has(kName) && !r.c.lex.notNames[strings.ToLower(fr.subject.text)] {
			switch {
			case f.Type == news.EventAcquisition && (fr.object.kind == kOrg || fr.object.kind == kName):
				fr.subject.kind, fr.subject.why = kName, "a word that opens the headline before the purchase of a company"
			case f.Type == news.EventFunding && (fr.object.kind == kRound || fr.object.kind == kMoney):
				fr.subject.kind, fr.subject.why = kName, "a word that opens the headline before a round raised"
			case f.Type == news.EventPartnership && len(f.Via) > 0 && fr.object.mention != nil && fr.object.mention.kind == refCompany:
				// "Cinder buys GPU capacity from CoreWeave".
				fr.subject.kind, fr.subject.why = kName, "a word that opens the headline before a deal with "+quote(fr.object.text)
			}
		}
		// "Acme's new policy bans staff from …": a rule a company owns is
		// no government's act; "California's new AI law" is.
		if fr.subject.kind == kPolicy && !zh {
			if owner := r.policyOwner(h.part, fr.subject); owner.kind == kName || owner.kind == kOrg {
				fr.subject.kind, fr.subject.why = kPlain, "a rule of "+owner.String()+", no government"
			}
		}
		// "Today we are releasing Mistral Medium 4": in a maker's own words
		// "we" is the maker of what is released.
		if (f.Type == news.EventModelRelease || f.Type == news.EventProductLaunch) && fr.subject.kind == kPlain && !zh &&
			strings.EqualFold(fr.subject.text, "we") && fr.object.mention != nil && fr.object.mention.kind == refCompany {
			fr.subject = arg{kind: kOrg, start: fr.subject.start, end: fr.subject.end, text: fr.subject.text, mention: fr.object.mention,
				why: "“we”, the maker of " + quote(fr.object.text)}
		}
		// "Bugbot 2: catching the bugs your agents write" over "Today
		// we're releasing Bugbot 2 …": what the headline opens with is
		// the maker's own.
		if (f.Type == news.EventModelRelease || f.Type == news.EventProductLaunch) && fr.subject.kind == kPlain && !zh && h.part == partSummary &&
			strings.EqualFold(fr.subject.text, "we") && fr.object.mention == nil && len(fr.object.text) > 2 && strings.HasPrefix(r.d.parts[partTitle], fr.object.text) {
			fr.subject = arg{kind: kOrg, start: fr.subject.start, end: fr.subject.end, text: fr.subject.text,
				why: "“we”, the maker of " + quote(fr.object.text) + ", which the headline opens with"}
		}
		if fr.subject.kind != kNone && !f.subject.has(fr.subject.kind) {
			fr.why = "its doer is " + fr.subject.String() + ", not " + f.subjectNames
			return fr
		}
		// "France unveils a €1 billion state fund": a fund a government
		// sets up is no rule of its (a fund of its own).
		if f.Type == news.EventRegulation && f.object == 0 && !zh && fr.subject.kind == kRegulator {
			cl := r.clauseSpan(h)
			if from := skipSpaceAll(r.d.parts[h.part], h.end, cl[1]); from < cl[1] && strings.Contains(r.d.folded[h.part][from:cl[1]], "fund") {
				if a := r.enPhrase(h.part, from, cl[1], r.d.parts[h.part]); a.kind == kFund {
					fr.why = "what it acts on is a fund, " + a.String() + ": a state fund set up, not a rule"
					return fr
				}
			}
		}
		if f.Maker && !r.makerOpens(h.part, fr.subject) {
			fr.why = "its doer " + fr.subject.String() + " is no version of a thing named after a company the lists know"
			return fr
		}
		// "Oracle raises $38 billion in loans": a listed company that
		// borrows or sells shares raises no round.
		if f.Type == news.EventFunding {
			if w, ok := r.listedBorrowing(h, fr.subject); ok {
				fr.why = "its doer " + fr.subject.String() + " is a listed company, and " + quote(w) + " is borrowing or a share sale, not a round"
				return fr
			}
			// "Lumora considers raising money": a raise weighed with no
			// sum is talk of one; "said to weigh raising up to $40
			// billion" is a round in talks.
			if !zh && fr.subject.end <= h.start && fr.subject.text != "" && weighedBefore(r.d.folded[h.part][fr.subject.end:h.start]) && !r.sumAt(h.part, fr.object) {
				fr.why = "a raise only weighed, with no sum: talk of one"
				return fr
			}
			// "Lightcone Capital raises $1.2 billion for a fourth growth
			// fund": money raised for a fund is a firm's own fund.
			if fr.object.kind == kMoney && !zh {
				if w := r.forFund(h.part, fr.object.end); w != "" {
					fr.why = "its money is raised for a fund, " + quote(w) + ": a firm's own fund, not a round"
					return fr
				}
			}
		}
	}
	if len(f.Before) > 0 {
		if w, ok := r.wordBefore(h, f.Before); !ok {
			fr.why = "none of " + strings.Join(f.Before, ", ") + " before it"
			return fr
		} else if i := strings.LastIndex(r.d.parts[h.part][:h.start], w); zh && w == "开源" && i >= 0 && r.zhOpenAdjective(h.part, i) {
			// ("部署开源法律大模型": a kind of model another verb acts on.)
			fr.why = "“开源” after another verb says what kind of model it acts on"
			return fr
		} else if cl := r.clauseSpan(h); !zh && strings.HasSuffix(strings.ToLower(h.text), "s") &&
			len(strings.Fields(r.d.parts[h.part][cl[0]:h.start])) <= 1 && strings.EqualFold(strings.TrimSpace(r.d.parts[h.part][cl[0]:h.start]), w) {
			// "Open models close the gap on …": a kind of models opening the
			// clause, no maker named before it, is no release.
			fr.why = "a kind of models, " + quote(w+" "+h.text) + ", opens the clause with no maker before it"
			return fr
		} else if words := strings.Fields(r.d.folded[h.part][cl[0]:h.start]); !zh && strings.HasSuffix(strings.ToLower(h.text), "s") &&
			len(words) >= 2 && words[len(words)-1] == strings.ToLower(w) && classBefore[words[len(words)-2]] {
			// "Qwen4 jumps to No. 2 among open models": a kind of models
			// something is measured among is no release.
			fr.why = "a kind of models, " + quote(words[len(words)-2]+" "+w+" "+h.text) + ", that something is measured against"
			return fr
		} else {
			fr.object.why = w
		}
	}
	if len(f.Clause) > 0 {
		cl := r.clauseSpan(h)
		// (As written, or in lower case: "… at a $4 Billion Valuation".)
		if !r.c.lex.hasWord(r.d.parts[h.part][cl[0]:cl[1]], f.Clause) && !r.c.lex.hasWord(r.d.folded[h.part][cl[0]:cl[1]], f.Clause) {
			fr.why = "none of " + strings.Join(f.Clause, ", ") + " in its clause"
			return fr
		}
	}
	if f.near != 0 {
		a, ok := r.nearOnce(h, f.near)
		if !ok {
			fr.why = "no " + f.nearNames + " in its clause"
			return fr
		}
		// ("今年以来已有7家公司向港交所递交上市申请": companies counted are a
		// round-up, not one company's news.)
		if zh && a.kind == kOrg && a.mention == nil && zhCountedBefore(r.d.parts[h.part][r.clauseSpan(h)[0]:a.start]) {
			fr.why = "it counts many companies: " + quote(a.text)
			return fr
		}
		if fr.object.text == "" {
			fr.object = a
		}
		// ("CoreWeave secures $7.5 billion debt financing": the noun's
		// company is listed.)
		if f.Type == news.EventFunding {
			if w, ok := r.listedBorrowing(h, a); ok {
				fr.why = "its company " + a.String() + " is a listed company, and " + quote(w) + " is borrowing or a share sale, not a round"
				return fr
			}
		}
		// "Quenby partners with Oracle": a frame that asks only for a
		// company near still has the name before its verb as its doer.
		if f.subject == 0 && f.Type == news.EventPartnership {
			if s := r.subjectOf(h, fr.passive, zh); (s.kind == kOrg || s.kind == kName) && !hasDigit(s.text) && !strings.ContainsAny(s.text, "'’:") {
				fr.subject = s
			}
		}
	}
	// "Norvik AI and Telsen Health announce a partnership": the first of
	// two partners named as the doer is the doer; the second, beside it,
	// a party.
	if f.Type == news.EventPartnership && !zh && !fr.passive {
		if first, second, ok := r.firstConjunct(h.part, r.clauseSpan(h), fr.subject); ok {
			// (A first the lists know outside the AI industry leaves the
			// doer to the second: "Walmart and Norvik AI partner …".)
			if first.mention != nil && first.mention.layer == news.LayerNone && second.mention == nil {
				first, second = second, first
			}
			if r.conjuncts == nil {
				r.conjuncts = map[spanKey]arg{}
			}
			fr.subject, r.conjuncts[key] = first, second
		}
	}
	// ("A new challenger to Nvidia prices its IPO": a known name read as a
	// capitalised word is still the one compared with, no doer.)
	if fr.subject.kind == kName && fr.subject.mention == nil && !zh && slices.ContainsFunc(r.mentions, func(m mention) bool {
		return m.part == h.part && m.kind == refCompany && m.start < fr.subject.end && fr.subject.start < m.end && r.background(m.hit)
	}) {
		return frameReading{why: "its doer " + quote(fr.subject.text) + " is only compared with"}
	}
	// "WAIC开幕，300余款大模型集中亮相": many models no one maker shows are a
	// roundup, not a release.
	if zh && (f.Type == news.EventModelRelease || f.Type == news.EventProductLaunch) && fr.subject.text == "" && zhManyCounted(fr.object.text) {
		return frameReading{why: "it counts many things with no maker: " + quote(fr.object.text)}
	}
	// "Upstage picks Mirae Asset, KIS as IPO underwriters": firms hired to
	// advise on a deal are no partners.
	if f.Type == news.EventPartnership && !zh && fr.object.end > 0 && r.advisersAfter(h.part, fr.object.end) {
		return frameReading{why: "its object is hired to advise on a deal"}
	}
	// "sold about 2% of Acme in a block trade, raising about $3.5
	// billion": what a sale brings in is its proceeds, not a round.
	if f.Type == news.EventFunding && !zh && strings.EqualFold(h.text, "raising") && r.saleBefore(h) {
		return frameReading{why: "it tells what a sale brought in"}
	}
	// "沙特发布全球AI指数排名": a ranking or a report a government
	// publishes is no act of policy.
	if zh && f.Type == news.EventRegulation && f.object == 0 && h.alias == "发布" {
		if o := r.zhObject(h, false); o.kind == kReport {
			return frameReading{why: "it publishes " + o.String()}
		}
	}
	// "G42 weighs US listing as soon as next year", "考虑最早2027年上市":
	// a listing someone only weighs, for a later year, is vague talk of a
	// future listing.
	if f.Type == news.EventIPO && r.vagueListing(h) {
		return frameReading{why: "it only weighs a listing in a later year"}
	}
	// "eyes Series A next year": so is a round the clause plans before
	// it and dates after it (not "raises $20M and plans Series A next
	// year", nor "ahead of next year's launch").
	if f.Type == news.EventFunding && r.laterRound(h) {
		return frameReading{why: "it only plans a round for a later year"}
	}
	// "上半年国家药监局批准AI医疗器械三类证68张": what a government did
	// over a part of a year, counted, is a tally, not an act.
	if zh && f.Type == news.EventRegulation && (zhPeriodRE.MatchString(fr.subject.text) || zhYearRE.MatchString(fr.subject.text)) &&
		zhTallyRE.MatchString(r.d.parts[h.part][h.end:r.clauseSpan(h)[1]]) {
		return frameReading{why: "it counts what was done over " + quote(fr.subject.text)}
	}
	fr.ok = true
	return fr
}

// bareModel reports a phrase that ends in "model" or "models" and names
// none: "AI-generated model", not "BF-Brain 1 model".
func bareModel(phrase string) bool {
	f := strings.Fields(phrase)
	if n := len(f); n == 0 || !strings.EqualFold(f[n-1], "model") && !strings.EqualFold(f[n-1], "models") {
		return false
	}
	for _, w := range f[:len(f)-1] {
		if hasDigit(w) || isCapital(w) && !strings.HasPrefix(w, "AI") {
			return false
		}
	}
	return true
}

// aiModelNear reports what makes a bare "model" near h an AI model: an
// AI company or a model's name in its clause, "AI" in the name of its
// doer, or a text that talks of models (parameters, weights).
func (r *run) aiModelNear(h hit, doer arg) bool {
	if _, ok := r.nearArg(h, 1<<kAI); ok {
		return true
	}
	return slices.Contains(strings.Fields(doer.text), "AI") || r.modelTalk()
}

// vagueListing reports an IPO predicate whose sentence only weighs or
// plans a listing ("weighs", "considering", "sounding out banks for",
// 考虑, 计划) for a year after the article's ("next year", "2027", 明年,
// 最早), or among other options ("reviewing options including a US
// listing").
func (r *run) vagueListing(h hit) bool {
	if r.vagueListingIn(r.sentenceFolded(h)) {
		return true
	}
	// (A lead that gives the listing the headline weighs is as vague.)
	title := r.d.folded[partTitle]
	return h.part != partTitle && r.c.lex.hasWord(title, listingWords) && r.vagueListingIn(title)
}

// listingWords name a listing in a headline.
var listingWords = []string{"listing", "listings", "ipo", "ipos", "go public", "going public", "上市"}

// vagueListingIn reads one lower-case text as vagueListing does.
func (r *run) vagueListingIn(lower string) bool {
	if strings.Contains(lower, "options including") || strings.Contains(lower, "among options") {
		return true
	}
	return r.laterPlan(lower)
}

// laterRound reports a round its clause only plans for a later year:
// a word of weighing or planning before h, a later time after it.
func (r *run) laterRound(h hit) bool {
	cl := r.clauseSpan(h)
	lower := r.d.folded[h.part]
	if !r.c.lex.hasWord(lower[cl[0]:h.start], listingWeighers) {
		return false
	}
	after := strings.ReplaceAll(lower[h.end:cl[1]], "next year's", "")
	return r.laterPlan(lower[cl[0]:h.start] + " " + after)
}

// sentenceFolded returns h's sentence in lower case.
func (r *run) sentenceFolded(h hit) string {
	sent := r.sentenceOf(h)
	return r.d.folded[h.part][sent[0]:sent[1]]
}

// laterPlan reports a lower-case text that weighs or plans something
// ("weighs", "eyes", 计划) for a year after the article's ("next year",
// "2027", 明年, 最早).
func (r *run) laterPlan(lower string) bool {
	if !r.c.lex.hasWord(lower, listingWeighers) {
		return false
	}
	if r.c.lex.hasWord(lower, laterTimes) {
		return true
	}
	if r.date.IsZero() {
		return false
	}
	for _, m := range yearRE.FindAllString(lower, -1) {
		if y, err := strconv.Atoi(m); err == nil && y > r.date.Year() && y < r.date.Year()+10 {
			return true
		}
	}
	return false
}

// saleBefore reports a participle ("…, raising $3.5 billion") whose
// sentence has sold something before it.
func (r *run) saleBefore(h hit) bool {
	sent := r.sentenceOf(h)
	before := strings.TrimRight(r.d.folded[h.part][sent[0]:h.start], " ")
	if !strings.HasSuffix(before, ",") {
		return false
	}
	return r.c.lex.hasWord(before, saleWords)
}

// saleWords say that something was sold.
var saleWords = []string{"sold", "sells", "selling", "sale", "offloaded", "offloads", "divested", "divests"}

// advisersAfter reports a role of advisers on a deal given right after
// a name, past other names: "… as IPO underwriters", "…, KIS as
// financial advisers".
func (r *run) advisersAfter(part part, end int) bool {
	lower := r.d.folded[part]
	rest := lower[end:min(len(lower), end+80)]
	i := strings.Index(rest, " as ")
	if i < 0 || strings.ContainsAny(rest[:i], ";:") {
		return false
	}
	words := strings.Fields(rest[i+len(" as "):])
	for j, w := range words[:min(4, len(words))] {
		w = strings.Trim(w, ",.;:")
		if slices.Contains(adviserRoles, w) {
			return true
		}
		if j > 0 && (w == "to" || w == "for") {
			break
		}
	}
	return false
}

// adviserRoles are what firms hired to advise on a deal are called.
var adviserRoles = []string{"underwriter", "underwriters", "adviser", "advisers", "advisor", "advisors", "bookrunner",
	"bookrunners", "arranger", "arrangers", "auditor", "auditors", "counsel"}

// listingWeighers are words of one who only weighs or plans a listing;
// laterTimes say it would come in a later year.
var (
	listingWeighers = []string{"weigh", "weighs", "weighing", "weighed", "consider", "considers", "considering", "considered",
		"explore", "explores", "exploring", "mull", "mulls", "mulling", "sounding out", "sounds out", "plan", "plans",
		"planning", "eyes", "eyeing", "picks banks", "hires banks", "taps banks", "selects banks", "考虑", "计划", "筹划", "筹备", "有意", "不排除"}
	laterTimes = []string{"next year", "in coming years", "in the coming years", "within three years", "within two years",
		"eventually", "eventual", "明年", "最早", "三年内", "两年内", "未来几年", "未来三年"}
	yearRE = regexp.MustCompile(`20\d\d`)
)

// zhTallyRE matches a count of what a verb did: a number and a measure
// word ("三类证68张", "共12项").
var zhTallyRE = regexp.MustCompile(`[0-9一二三四五六七八九十百千]+(?:余|多)?(?:张|项|件|个|款|家|批)`)

// counted reports a run of capitals that opens with a count ("Two
// Stanford" of "Two Stanford dropouts raise …"): people or things
// counted, not a name.
func (lx *lexicon) counted(name string) bool {
	first, _, ok := strings.Cut(name, " ")
	return ok && lx.numberWords[strings.ToLower(first)]
}

// zhStakeShare reads the share of a company a Chinese object names, in
// the object or right after it: "卓行机器人20%股权", "卓行机器人 20%的股份".
func zhStakeShare(after, object string) (float64, bool) {
	for _, s := range []string{object, after} {
		for _, w := range []string{"%股权", "%的股权", "%股份", "%的股份"} {
			i := strings.Index(s, w)
			if i <= 0 {
				continue
			}
			j := i
			for j > 0 && (isDigit(s[j-1]) || s[j-1] == '.') {
				j--
			}
			if v, err := strconv.ParseFloat(s[j:i], 64); err == nil {
				return v, true
			}
		}
	}
	return 0, false
}

// zhCountedBefore reports a count of firms ("7家", "多家", "数十家")
// among the words before a company noun.
func zhCountedBefore(before string) bool {
	i := strings.LastIndex(before, "家")
	if i <= 0 {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(before[:i])
	return r < utf8.RuneSelf && isDigit(byte(r)) || strings.ContainsRune("一二两三四五六七八九十百千几数多余", r)
}

// zhManyCounted reports a phrase that opens by counting many of a thing:
// "300余款", "数十款", "上百款".
func zhManyCounted(s string) bool {
	i := 0
	for i < len(s) && isDigit(s[i]) {
		i++
	}
	rest := s[i:]
	for _, w := range []string{"余款", "多款", "款"} {
		if i > 0 && strings.HasPrefix(rest, w) && (w != "款" || i >= 2) {
			return true
		}
	}
	for _, w := range []string{"数十款", "数百款", "上百款", "近百款", "几十款", "百余款", "千余款", "多款"} {
		if strings.HasPrefix(s, w) {
			return true
		}
	}
	return false
}

// modifies finds the head noun a noun predicate stands right before,
// as its modifier: "Series B investors", "acquisition spree", "融资环境".
func (r *run) modifies(h hit) (hit, bool) {
	text := r.d.parts[h.part]
	next := h.end
	if latinOnly(h.text) {
		for next < len(text) && (text[next] == ' ' || text[next] == '-') {
			next++
		}
		// ("IPO排队企业": a Latin word runs into Han text.)
		if next == h.end && !(next < len(text) && hanAt(text, next)) {
			return hit{}, false
		}
	}
	for _, o := range r.d.hits {
		if o.kind == refHead && o.part == h.part && o.start == next {
			return o, true
		}
	}
	return hit{}, false
}

// withContract reads the "with" phrase after a predicate in its sentence
// and reports the word for a deal that heads it ("with a five-year, $60
// million support contract").
func (r *run) withContract(h hit) (string, bool) {
	before := ""
	for _, w := range r.phraseAfter(h, " with ", -1) {
		if k, ok := r.c.nouns.headKind(before, w); ok && k == kContract {
			return w, true
		}
		before += w + " "
	}
	return "", false
}

// committedForCapacity reports money a verb of committing puts towards
// capacity or a site ("Mistral AI commits €3 billion to Fluidstack for a
// 1.4 GW campus"): it buys them, and funds no round. It returns the word
// of the purpose that says so.
func (r *run) committedForCapacity(h hit) (string, bool) {
	if !strings.HasPrefix(strings.ToLower(h.text), "commit") {
		return "", false
	}
	for _, w := range r.phraseAfter(h, " for ", 6) {
		if capacityWords[w] || slices.ContainsFunc(r.c.lex.computeWords, func(c string) bool { return strings.EqualFold(c, w) }) {
			return w, true
		}
	}
	// ("commits $300 million to Google Cloud in multiyear deal": money
	// committed under a deal buys a service.)
	before := ""
	for _, w := range r.phraseAfter(h, " in ", 6) {
		if k, ok := r.c.nouns.headKind(before, w); ok && k == kContract {
			return w, true
		}
		before += w + " "
	}
	return "", false
}

// phraseAfter returns the lower-case words of the phrase that prep opens
// after h in its sentence, up to a word that ends it (withStops) or, when
// limit is not negative, limit words.
func (r *run) phraseAfter(h hit, prep string, limit int) []string {
	sent := r.sentenceOf(h)
	lower := r.d.folded[h.part]
	i := strings.Index(lower[h.end:sent[1]], prep)
	if i < 0 {
		return nil
	}
	var out []string
	for _, w := range strings.Fields(lower[h.end+i+len(prep) : sent[1]]) {
		w = strings.Trim(w, ",;:.'’\"")
		if len(out) == limit || withStops[w] {
			break
		}
		out = append(out, w)
	}
	return out
}

// capacityWords name computing capacity or a site for it, as a purpose.
var capacityWords = map[string]bool{"campus": true, "campuses": true, "gw": true, "mw": true, "gigawatt": true, "gigawatts": true,
	"megawatt": true, "megawatts": true, "datacenter": true, "datacenters": true, "center": true, "centre": true,
	"centers": true, "centres": true, "capacity": true}

// withStops end a "with" phrase.
var withStops = map[string]bool{"for": true, "to": true, "from": true, "in": true, "as": true, "after": true, "and": true,
	"led": true, "which": true, "that": true, "at": true, "by": true, "of": true, "on": true}

// comparedNoun reports the comparative an event noun follows ("Fjord-2
// tops open-weight models", "beats the latest models from …"): the noun
// names what something is measured against. A few words that pick among
// the kind may stand between.
func (r *run) comparedNoun(h hit) (string, bool) {
	cl := r.clauseSpan(h)
	before := r.d.folded[h.part][max(cl[0], h.start-40):h.start]
	for {
		trimmed := strings.TrimRight(before, " ")
		i := strings.LastIndexByte(trimmed, ' ')
		if !comparedPickers[trimmed[i+1:]] {
			break
		}
		before = trimmed[:i+1]
	}
	for _, p := range r.c.lex.comparatives {
		if strings.HasSuffix(before, p) && utf8.RuneCountInString(p) >= 2 {
			return p, true
		}
	}
	return "", false
}

// foretold reports a release predicate still to come ("plans to
// release", "将于年底前推出") whose sentence a rumour cue attributes, or
// whose headline is a person's remark ("马斯克：…"), and the words that
// foretell it.
func (r *run) foretold(h hit) (string, bool) {
	text := r.d.parts[h.part]
	cl := r.clauseSpan(h)
	if latinOnly(h.text) {
		if !r.inFuture(h) && !r.preparedNoun(h, cl) {
			return "", false
		}
	} else if !r.c.lex.hasWord(text[cl[0]:h.start], zhFuture) && !(h.kind == refEvent && r.zhNounFuture(h, cl)) {
		return "", false
	}
	sent := r.sentenceOf(h)
	for _, o := range r.d.hits {
		if o.kind == refStatus && o.part == h.part && o.start >= sent[0] && o.start < sent[1] &&
			r.c.tax.Statuses[o.idx].ID == news.StatusRumored {
			return o.text, true
		}
	}
	// "李彦宏：文心大模型6.0将在年内发布" with "…将在今年内发布" in the lead:
	// the headline's teaser told again is the same teaser.
	if h.part != partTitle {
		for _, o := range r.d.hits {
			if o.part == partTitle && o.kind == refEvent && (r.c.tax.Events[o.idx].ID == news.EventModelRelease || r.c.tax.Events[o.idx].ID == news.EventProductLaunch) {
				if w, ok := r.foretold(o); ok {
					return w, true
				}
			}
		}
	}
	// The remark of a person the lists do not file as a company: a
	// headline's "马斯克：", a sentence's "马斯克在社交平台表示，".
	end := -1
	if h.part == partTitle {
		// (The colon of the predicate's own sentence.)
		if i := strings.IndexAny(text[sent[0]:], ":："); i > 0 && sent[0]+i < h.start {
			i += sent[0]
			// (An outlet's label speaks for no one: "Breaking: Acme to
			// launch …"; "Report:" is a report's.)
			sp := strings.TrimSpace(text[sent[0]:i])
			label := strings.ToLower(sp) != "report" && r.headlineLabel(sp)
			if utf8.RuneCountInString(sp) <= 12 && (latinOnly(sp) || !strings.ContainsAny(sp, " ，,")) && !label {
				end = i
			}
		}
	}
	// (A clause may open before its sentence does: then nothing of the
	// sentence stands before it.)
	if end < 0 && cl[0] > sent[0] {
		pre := r.d.folded[h.part][sent[0]:cl[0]]
		for _, v := range remarkVerbs {
			if i := wordIndex(pre, v); i >= 0 && (end < 0 || sent[0]+i < end) {
				end = sent[0] + i
			}
		}
	}
	if end < 0 {
		return "", false
	}
	for _, m := range r.mentions {
		if m.part == h.part && m.start >= sent[0] && m.start < end {
			return "", false
		}
	}
	return strings.TrimSpace(text[sent[0]:end]), true
}

// preparedWords say a thing is being made, not yet out: "is preparing a
// second open-weight model family".
var preparedWords = []string{"preparing", "prepares", "readying", "readies", "working on", "works on", "developing", "gearing up"}

// preparedNoun reports whether a noun predicate follows, in its clause, a
// word that says the thing is still being made.
func (r *run) preparedNoun(h hit, cl [2]int) bool {
	if f := r.frameOf(h); f == nil || f.object != 0 || f.subject != 0 {
		return false
	}
	before := r.d.folded[h.part][cl[0]:h.start]
	for _, w := range preparedWords {
		if wordIndex(before, w) >= 0 {
			return true
		}
	}
	return false
}

// zhNounFuture reports whether a noun predicate ("新模型") is followed in
// its clause by a word of the future and a verb of release: "新模型将在年
// 内发布".
func (r *run) zhNounFuture(h hit, cl [2]int) bool {
	rest := r.d.parts[h.part][h.end:cl[1]]
	return r.c.lex.hasWord(rest, zhFuture) && containsAnyOf(rest, "发布", "推出", "上线", "开源", "亮相", "问世")
}

// remarkVerbs say that what follows is someone's remark.
var remarkVerbs = []string{"表示", "称", "透露", "预告", "暗示", "says", "said", "told", "teases", "hints"}

// periodPhrase reports a phrase (lower case) that names a period of
// business time: "fiscal 2025", "fy26", "q3 2025", "h1".
func periodPhrase(p string) bool {
	f := strings.Fields(p)
	if len(f) == 0 || len(f) > 3 {
		return false
	}
	period := func(w string) bool {
		switch {
		case w == "fiscal" || w == "year":
			return true
		case len(w) == 2 && (w[0] == 'q' && w[1] >= '1' && w[1] <= '4' || w[0] == 'h' && (w[1] == '1' || w[1] == '2')):
			return true
		case strings.HasPrefix(w, "fy"):
			return len(w) == 2 || allDigits(strings.TrimPrefix(w[2:], "'"))
		}
		return allDigits(strings.TrimPrefix(w, "'"))
	}
	for _, w := range f {
		if !period(w) {
			return false
		}
	}
	return !allDigits(f[0]) || len(f) > 1
}

// datePhrase reports a phrase that names a day or a month: "February
// 14", "March 2027", "Monday".
func (r *run) datePhrase(p string) bool {
	f := strings.Fields(p)
	if len(f) == 0 || len(f) > 3 || !r.c.lex.calendarWords[strings.TrimRight(f[0], ",.")] {
		return false
	}
	for _, w := range f[1:] {
		w = strings.TrimRight(w, ",.")
		for _, suf := range []string{"st", "nd", "rd", "th"} {
			w = strings.TrimSuffix(w, suf)
		}
		if !allDigits(w) {
			return false
		}
	}
	return true
}

// allDigits reports a non-empty string of ASCII digits.
func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// appWords, after a model's name, make it an app's.
var appWords = []string{"App", "APP", "app", "应用", "客户端", "小程序", "网页版"}

// timeSpanAt reports a word for a span of time opening rest (lower case,
// after a space): " month after", " year later".
func timeSpanAt(rest string) bool {
	// (The next word alone: a phrase may hold many an "a".)
	rest = strings.TrimLeft(rest, " ")
	if i := strings.IndexByte(rest, ' '); i >= 0 {
		rest = rest[:i]
	}
	return durationWords[strings.Trim(rest, ",.;:")]
}

// unlawfulWords, before a deal's verb, make it an offence.
var unlawfulWords = []string{"非法", "违法", "违规", "私自", "illegally", "unlawfully"}

// zhBondWords name bonds, whose money is borrowed.
var zhBondWords = []string{"债券", "专项债", "发债", "可转债", "公司债", "科创债"}

// zhFuture are the Chinese words that put a release still to come.
var zhFuture = []string{"将", "将于", "将在", "计划", "预计", "原定", "推进", "即将", "有望", "加快", "加速", "准备", "筹备", "拟", "最快", "或于", "或将"}

// topicNoun reports a bare word for money raised that a preposition of
// topic governs: "raises concerns over AI safety funding", "a row about
// research financing". Talks over funding are a round in the making.
func (r *run) topicNoun(h hit) (string, bool) {
	if !latinOnly(h.text) || !topicMoneyNouns[strings.ToLower(h.text)] {
		return "", false
	}
	cl := r.clauseSpan(h)
	words := strings.Fields(r.d.folded[h.part][cl[0]:h.start])
	for n := 0; n <= 3 && len(words) > 0; n++ {
		w := words[len(words)-1]
		if topicPrepositions[w] {
			if len(words) > 1 && talkNouns[words[len(words)-2]] {
				return "", false
			}
			return w, true
		}
		// ("$5M in funding": a sum is the round's, whatever precedes it.)
		if hasDigit(w) || strings.ContainsAny(w, "$€£¥") || r.c.lex.verbWord(w) {
			return "", false
		}
		words = words[:len(words)-1]
	}
	return "", false
}

// topicMoneyNouns are the bare nouns for money raised that topicNoun
// reads; topicPrepositions the words that make them a topic, unless one
// of talkNouns stands before.
var (
	topicMoneyNouns   = map[string]bool{"funding": true, "financing": true, "fundraising": true}
	topicPrepositions = map[string]bool{"over": true, "about": true, "amid": true, "regarding": true}
	talkNouns         = map[string]bool{"talks": true, "talk": true, "discussions": true, "negotiations": true,
		"deal": true, "agreement": true, "touch": true}
)

// comparedPickers are the words that may stand between a comparative and
// the kind it compares with ("beats all other open models").
var comparedPickers = map[string]bool{"the": true, "all": true, "other": true, "rival": true, "leading": true,
	"top": true, "most": true, "many": true, "every": true, "existing": true, "its": true, "their": true}

// docketRE matches a court's docket number: "1:26-cv-00187", "Case No.
// 3:25-cv-04125".
var docketRE = regexp.MustCompile(`\b\d{1,2}:\d{2}-[a-z]{2}-\d{3,6}\b|\bCase No\.`)

// onOwnService reports a price predicate whose clause says the price is
// on the doer's own service: "… on its inference API", "via its cloud".
func (r *run) onOwnService(h hit) bool {
	cl := r.clauseSpan(h)
	rest := r.d.folded[h.part][h.end:cl[1]]
	return strings.Contains(rest, " on its ") || strings.Contains(rest, " via its ") || strings.Contains(rest, " in its ")
}

// measureUnits measure a quantity of what follows them with "of".
var measureUnits = map[string]bool{"hours": true, "terabytes": true, "petabytes": true, "gigabytes": true, "tb": true,
	"pb": true, "pages": true, "episodes": true, "trajectories": true, "frames": true}

// postOpeners are the words of time a company's post may open with
// before "we": "Today we're launching …".
var postOpeners = map[string]bool{"today": true, "today,": true, "now": true, "finally": true, "finally,": true}

// zhReassigned say that staff move to other posts.
var zhReassigned = []string{"转岗", "调岗", "内部转岗", "内部调配"}

// cloudRegions head the places a cloud's products arrive in.
var cloudRegions = map[string]bool{"region": true, "regions": true, "zone": true, "zones": true}

// spanKey names a predicate's place: frames sharing it share readings.
type spanKey struct {
	part       part
	start, end int
}

// subjectOf reads a predicate's doer once for every frame that asks.
func (r *run) subjectOf(h hit, passive, zh bool) arg {
	key := spanKey{h.part, h.start, h.end}
	if passive {
		key.end = -key.end
	}
	if a, ok := r.subjects[key]; ok {
		return a
	}
	var a arg
	if zh {
		a = r.zhSubject(h, passive)
	} else {
		a = r.enSubject(h, passive)
		a = r.teamOf(h.part, a)
		a = r.stateThing(h.part, a)
	}
	if r.subjects == nil {
		r.subjects = map[spanKey]arg{}
	}
	r.subjects[key] = a
	return a
}

// firstConjunct splits a doer of two names joined by "and" or a comma
// that open the clause: "Norvik AI and Telsen Health announce …" and
// "Norvik AI, Telsen Health Sign …" are done by the first, named first,
// with the second beside it.
func (r *run) firstConjunct(part part, cl [2]int, a arg) (first, second arg, ok bool) {
	if a.kind != kName && a.kind != kOrg || a.start <= cl[0] && !strings.Contains(a.text, ", ") {
		return arg{}, arg{}, false
	}
	text := r.d.parts[part]
	// The joined pair read as one name: cut it at its comma.
	if a.start <= cl[0] {
		i := strings.Index(a.text, ", ")
		rest := a.text[i+2:]
		if a.mention != nil || r.c.lex.companySuffixes[strings.Trim(rest, ".")] || !isCapital(rest) || strings.Contains(rest, ", ") {
			return arg{}, arg{}, false
		}
		first = arg{kind: kName, start: a.start, end: a.start + i, text: a.text[:i], why: "the first of the names that open the clause"}
		second = arg{kind: kName, start: a.start + i + 2, end: a.end, text: rest, why: "the second of the names that open the clause"}
		return first, second, true
	}
	var join int
	switch before := text[cl[0]:a.start]; {
	case strings.HasSuffix(before, " and "):
		join = a.start - len(" and ")
	case strings.HasSuffix(before, ", ") && !strings.Contains(before[:len(before)-2], ","):
		join = a.start - len(", ")
	default:
		return arg{}, arg{}, false
	}
	if m := r.mentionAt(part, cl[0]); m != nil && m.end == join {
		first = r.mentionArg(m)
	} else if name, at := r.leadRun(text, cl[0], join, true); name != "" && at+len(name) == join {
		// ("Synthmark® and …": the mark is no part of the name.)
		name = strings.TrimRight(name, "™®©")
		first = arg{kind: kName, start: at, end: at + len(name), text: name, why: "the first of the names that open the clause"}
	} else {
		return arg{}, arg{}, false
	}
	return first, a, true
}

// makerOpens reports whether a names a version of something whose name
// opens on a company the taxonomy knows, or on one of its ambiguous
// names: "Cursor" of "Cursor 3" (not "Scale AI" alone).
func (r *run) makerOpens(part part, a arg) bool {
	f := strings.Fields(a.text)
	if len(f) < 2 || !hasDigit(f[len(f)-1]) {
		return false
	}
	for _, h := range r.d.hits {
		if h.kind == refCompany && h.part == part && h.start == a.start && h.end < a.end {
			return true
		}
	}
	return false
}

// carWords say a "model" in their sentence is a car's (lower case).
var carWords = []string{"carmaker", "automaker", "car maker", "hatchback", "sedan", "suv", "coupe", "pickup", "crossover", "minivan", "electric car", "facelifted", "facelift", "wagon", "roadster"}

// carSentence returns the first of carWords in h's sentence, or "".
func (r *run) carSentence(h hit) string {
	sent := r.sentenceOf(h)
	lower := r.d.folded[h.part][sent[0]:sent[1]]
	for _, w := range carWords {
		if wordIndex(lower, w) >= 0 {
			return w
		}
	}
	return ""
}

// weighedBefore reports whether the words between a doer and its verb
// say the deed is only weighed: "said to weigh", "is considering".
func weighedBefore(between string) bool {
	for _, w := range []string{"weigh", "weighs", "weighing", "considers", "considering", "mulls", "mulling"} {
		if wordIndex(between, w) >= 0 {
			return true
		}
	}
	return false
}

// sumAt reports whether a is a sum of money the text gives.
func (r *run) sumAt(part part, a arg) bool {
	for _, am := range r.amountsIn(part) {
		if am.start >= a.start && am.end <= a.end && am.value > 0 {
			return true
		}
	}
	return false
}

// forFundRE matches what follows a sum raised for a fund: "for a fourth
// growth fund aimed at …", "for its second fund.".
var forFundRE = regexp.MustCompile(`^\s+for\s+(?:a|an|its|their|the|his|her)\s+(?:[^\s,;:.]+\s+){0,4}?funds?(?:\s+(?:aimed|to|that|focused|dedicated|backing|targeting|for|investing|which|of|in|at|on|from)\b|\s*[,;:.)]|\s*$)`)

// forFund returns the phrase after a sum ending at end in part that says
// the sum is raised for a fund, or "".
func (r *run) forFund(part part, end int) string {
	lower := r.d.folded[part]
	if end > len(lower) {
		return ""
	}
	rest := lower[end:min(len(lower), end+80)]
	if m := forFundRE.FindString(rest); m != "" {
		// (Up to the fund: "for a fourth growth fund".)
		end := strings.LastIndex(m, "fund") + len("fund")
		if strings.HasPrefix(m[end:], "s") {
			end++
		}
		return strings.TrimSpace(m[:end])
	}
	return ""
}

// listedBorrowing reports a word of borrowing or of a share sale
// ("loans", "bonds", "debt financing", "share offering") in the sentence of
// h, whose doer is a listed company.
func (r *run) listedBorrowing(h hit, doer arg) (string, bool) {
	m := doer.mention
	if m == nil || m.kind != refCompany {
		return "", false
	}
	if co := r.c.company(m.name); co == nil || !co.Listed {
		return "", false
	}
	sent := r.sentenceOf(h)
	lower := r.d.folded[h.part][sent[0]:sent[1]]
	for _, w := range r.c.lex.borrowingWords {
		if wordIndex(lower, w) >= 0 {
			return w, true
		}
	}
	return "", false
}

// hyphenGlued reports whether h, written with a capital, is joined by a
// hyphen to a capital or a digit after it, or to a word before it, or is
// followed by a version number.
func (r *run) hyphenGlued(h hit) bool {
	text := r.d.parts[h.part]
	if !isCapital(text[h.start:h.end]) {
		return false
	}
	// ("Series B-2" is a part of a round.)
	if h.end >= 2 && text[h.end-2] == ' ' && text[h.end-1] >= 'A' && text[h.end-1] <= 'Z' {
		return false
	}
	if h.end+1 < len(text) && text[h.end] == '-' {
		if c := text[h.end+1]; c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' {
			return true
		}
	}
	if h.start >= 2 && text[h.start-1] == '-' && isWordByte(text[h.start-2]) {
		return true
	}
	// "HyperCLOVA X SEED 2.0": a round's word with a version after it
	// names an edition.
	return versionAt(text[h.end:])
}

// versionAt reports a version number after a space opening rest: " 2.0".
func versionAt(rest string) bool {
	if len(rest) < 4 || rest[0] != ' ' || !isDigit(rest[1]) {
		return false
	}
	i := 1
	for i < len(rest) && isDigit(rest[i]) {
		i++
	}
	return i+1 < len(rest) && rest[i] == '.' && isDigit(rest[i+1])
}

// stateThing makes a government's budget, plan or programme that acts
// stand for the government: "Japan's budget request earmarks …".
func (r *run) stateThing(part part, a arg) arg {
	lower := r.d.folded[part]
	if a.kind == kRegulator || a.text == "" || a.start < 0 || a.end > len(lower) {
		return a
	}
	words := strings.Fields(lower[a.start:a.end])
	if len(words) == 0 || !r.c.lex.stateThings[strings.Trim(words[len(words)-1], ",'’")] {
		return a
	}
	// The owner, a word or two before: "Japan's", "Japan's draft".
	before := strings.Fields(lower[max(0, a.start-40):a.start])
	for i := len(before) - 1; i >= 0 && i >= len(before)-3; i-- {
		owner, ok := strings.CutSuffix(before[i], "'s")
		if !ok {
			owner, ok = strings.CutSuffix(before[i], "’s")
		}
		if !ok {
			continue
		}
		if k, found := r.c.nouns.en[owner]; found && k == kRegulator {
			a.kind, a.why = kRegulator, "the "+words[len(words)-1]+" of "+quote(owner)
		}
		break
	}
	return a
}

// teamOf makes a company's team, lab or unit that acts stand for the
// company: "Alibaba's Qwen team unveils …", "the Lumora research lab
// releases …".
func (r *run) teamOf(part part, a arg) arg {
	if a.kind != kJobs && a.kind != kNone || a.text == "" || a.start < 0 || a.end > len(r.d.folded[part]) {
		return a
	}
	words := strings.Fields(r.d.folded[part][a.start:a.end])
	if len(words) == 0 || !r.c.lex.teamWords[strings.Trim(words[len(words)-1], ",'’")] {
		return a
	}
	// A company the taxonomy knows, named in the phrase or right before it.
	for i := range r.mentions {
		m := &r.mentions[i]
		if m.part != part || m.kind != refCompany || m.investor || m.end > a.end || m.end < a.start-2 {
			continue
		}
		return arg{kind: kOrg, start: m.start, end: a.end, text: r.d.parts[part][m.start:a.end], mention: m,
			why: "the team of " + quote(m.name)}
	}
	if a.owner != "" {
		return arg{kind: kName, start: a.start, end: a.start + len(a.owner), text: a.owner, why: "the team of " + quote(a.owner)}
	}
	// "Lumora's research team": an owner no list knows, a word or two
	// before the team.
	text := r.d.parts[part]
	before := strings.Fields(text[max(0, a.start-40):a.start])
	for i := len(before) - 1; i >= 0 && i >= len(before)-3; i-- {
		w := before[i]
		if name, ok := cutPossessive(w); ok && isCapital(name) {
			at := strings.LastIndex(text[:a.start], w)
			return arg{kind: kName, start: at, end: at + len(name), text: name, why: "the team of " + quote(name)}
		}
		if isCapital(w) || !r.c.tax.CommonWords[strings.ToLower(w)] {
			break
		}
	}
	return a
}

// ownerObject makes a thing of another company stand for that company,
// for frames that pick a company ("deploys Lumora's agents").
func (r *run) ownerObject(h hit, fr *frameReading, zh bool) (string, bool) {
	subj := r.subjectOf(h, fr.passive, zh)
	o := fr.object
	other := o.mention != nil && (subj.mention == nil || subj.mention.idx != o.mention.idx)
	switch {
	case (o.kind == kProduct || o.kind == kModel) && (other || o.owner != ""):
		// A frame that takes products keeps the product; one that picks
		// companies takes its maker.
		if f := r.frameOf(h); f != nil && (f.object.has(kProduct) || f.object.has(kModel)) {
			return "", true
		}
		fr.object.kind, fr.object.why = kOrg, "a thing of another company"
		// ("Carrow Health's stroke-triage AI": the owner no list knows.)
		if o.mention == nil {
			r.ownerIsObject(h, fr, o)
		}
	case o.kind == kGoods && o.owner != "" && (subj.text == "" || !strings.EqualFold(subj.text, o.owner)):
		// "Halvard AI to rent Quarry Compute's new Icelandic cluster":
		// goods a named company owns stand for that company.
		fr.object.kind, fr.object.why = kOrg, "goods of another company: "+quote(o.owner)
		r.ownerIsObject(h, fr, o)
	case (o.kind == kProduct || o.kind == kModel) && o.mention != nil && subj.mention != nil:
		// "Apple releases iOS 26.2 with Apple Intelligence": the doer's
		// own thing.
		return "its object " + o.String() + " is the doer's own", false
	case o.kind == kProduct && o.mention == nil:
		// "Acme ships its new soundbar with a built-in voice assistant": a
		// thing no company is named for is the doer's own.
		return "its object " + o.String() + " is of no company named", false
	case o.kind == kOrg || o.kind == kName:
		if o.mention != nil && !other {
			return "its object is the doer itself", false
		}
	case o.kind == kMoney && !zh:
		// "Lumora Cloud to buy $3 billion of AMD accelerators": what the sum buys
		// is another company's goods ("$5 billion of Intel stock" is a
		// trade, not a supply).
		text := r.d.parts[h.part]
		cl := r.clauseSpan(h)
		// ("$2 billion worth of Nvidia chips", "$2 billion in AMD chips".)
		link := ""
		for _, l := range []string{" of ", " worth of ", " in "} {
			if o.end < cl[1] && strings.HasPrefix(text[o.end:cl[1]], l) {
				link = l
				break
			}
		}
		if link != "" {
			a := r.enPhrase(h.part, o.end+len(link), cl[1], text)
			if m := a.mention; m != nil && m.kind == refCompany && (subj.mention == nil || subj.mention.idx != m.idx) &&
				!slices.ContainsFunc(strings.Fields(strings.ToLower(a.text)), func(w string) bool { return r.c.lex.securities[w] }) {
				fr.object = a
				fr.object.kind, fr.object.why = kOrg, "goods of another company, bought for a sum"
			} else if name, ok := r.goodsMaker(a); ok && a.mention == nil && (subj.text == "" || !strings.EqualFold(subj.text, name)) {
				// "Veridian Labs buys $1.2 billion of Corvex inference
				// chips": a name no list knows before the goods.
				fr.object = arg{kind: kName, start: a.start, end: a.start + len(name), text: name, why: "the maker of the goods bought for a sum"}
			}
		}
	}
	return "", true
}

// ownerIsObject makes the owner that opens a thing's phrase the object
// ("Quarry Compute's new cluster" → "Quarry Compute"), a name where the
// frame takes names.
func (r *run) ownerIsObject(h hit, fr *frameReading, o arg) {
	if o.owner == "" || !strings.HasPrefix(o.text, o.owner) {
		return
	}
	fr.object.text, fr.object.end = o.owner, o.start+len(o.owner)
	if f := r.frameOf(h); f != nil && f.object.has(kName) {
		fr.object.kind = kName
	}
}

// goodsMaker reads the capitalised name that opens a phrase of goods or
// products ("Corvex inference chips", "Quarry GPU capacity"): the company that
// makes or sells them. Places, peoples and dictionary words are no maker
// ("Korean memory chips", "New chips").
func (r *run) goodsMaker(a arg) (string, bool) {
	if a.kind != kGoods && a.kind != kProduct {
		return "", false
	}
	words := strings.Fields(a.text)
	n := 0
	for n < len(words) && isCapital(words[n]) && !acronym(words[n]) {
		w := strings.ToLower(strings.Trim(words[n], ",'’"))
		if r.c.tax.CommonWords[w] || r.c.lex.notNames[w] {
			break
		}
		n++
	}
	if n == 0 || n == len(words) || n > 3 {
		return "", false
	}
	name := strings.Join(words[:n], " ")
	if !strings.HasPrefix(a.text, name) {
		return "", false
	}
	return name, true
}

// viewOfRules reports a view verb before a regulation predicate in its
// sentence whose doer is no government: "Acme says new EU rules will …",
// "OpenAI backs California AI safety bill".
func (r *run) viewOfRules(h hit) (string, bool) {
	sent := r.sentenceOf(h)
	lower := r.d.folded[h.part]
	seg := lower[sent[0]:h.start]
	for _, v := range r.c.lex.viewVerbs {
		i := strings.Index(seg, v)
		if i < 0 {
			continue
		}
		// ("AMD said to win US approval": a report of it, not a view.)
		if rest := strings.TrimLeft(seg[i+len(v):], " "); strings.HasPrefix(rest, "to ") {
			continue
		}
		// The doer: the words before the verb.
		doer := strings.Fields(seg[:i])
		if len(doer) == 0 {
			continue
		}
		last := strings.Trim(doer[len(doer)-1], ",'’\"“”")
		if k, ok := r.c.nouns.headKind(strings.Join(doer[:len(doer)-1], " ")+" ", last); ok && k == kRegulator {
			continue
		}
		return strings.TrimSpace(v), true
	}
	return "", false
}

// knownAs reads a name the taxonomy knows as the frame needs it: a unit
// bought is a business ("Databricks buys MosaicML", filed as a unit of its
// buyer), and a company's own name released by it is its product
// ("OpenAI releases Operator").
func (r *run) knownAs(f *Frame, h hit, a arg, passive bool) arg {
	// "launches a no-code form builder", "Launches Agent Studio": a noun
	// for a firm and for a product, after a word for software, is the
	// product a frame that takes products reads ("opens an animation
	// studio" is a place).
	if a.mention == nil && a.kind == kOrg && f.object.has(kProduct) && !f.object.has(kOrg) && strings.HasPrefix(a.why, "the head noun ") {
		words := strings.Fields(strings.ToLower(a.text))
		if n := len(words); n > 1 && r.c.nouns.enAll[words[n-1]].has(kProduct) &&
			slices.ContainsFunc(words[:n-1], func(w string) bool { return r.c.lex.softwareWords[w] }) {
			a.kind, a.why = kProduct, "the head noun "+quote(words[n-1])+", a product's as well as a firm's"
		}
	}
	// "美的入股卓行机器人": a name shaped like a company's, read as its
	// goods by its last noun, is the company a frame that takes firms
	// and no products reads ("投资人形机器人" names a kind of goods).
	if a.mention == nil && a.kind == kProduct && f.object.has(kOrg) && !f.object.has(kProduct) && r.c.lex.zhSuffixedName(a.text) {
		a.kind, a.why = kName, "a name shaped like a company's"
		return a
	}
	// "Mozilla buys Lanternfly, the open-source chat app": software no
	// company is named for, bought, is bought with its business.
	if a.mention == nil && a.kind == kProduct && a.owner == "" && f.Type == news.EventAcquisition && f.object.has(kName) {
		if head, ok := strings.CutPrefix(a.why, "a name the next phrase calls "); ok && boughtSoftware[lastField(strings.ToLower(strings.Trim(head, "“”")))] {
			a.kind, a.why = kName, "software bought with its business: "+head
			return a
		}
	}
	// "收购开源模型评测平台“衡镜”": a platform or an app named in quotes
	// after the word for it is bought with its business.
	if a.mention == nil && a.kind == kProduct && f.Type == news.EventAcquisition && f.object.has(kName) && a.end > 0 && !latinOnly(a.text) &&
		slices.ContainsFunc(zhBoughtSoftware, func(w string) bool { return strings.HasSuffix(a.text, w) }) {
		text := r.d.parts[h.part]
		for _, q := range [][2]string{{"“", "”"}, {"「", "」"}, {"\"", "\""}} {
			rest, ok := strings.CutPrefix(text[min(a.end, len(text)):], q[0])
			if !ok {
				continue
			}
			if i := strings.Index(rest, q[1]); i > 0 && i <= 30 {
				start := a.end + len(q[0])
				return arg{kind: kName, start: start, end: start + i, text: rest[:i], why: "a platform named in quotes after " + quote(a.text) + ", bought with its business"}
			}
		}
	}
	if a.mention == nil || f.object.has(a.kind) || strings.TrimSpace(a.text) != a.mention.text {
		return a
	}
	switch {
	case f.object.has(kOrg) && (a.kind == kProduct || a.kind == kModel && f.Type != news.EventAcquisition):
		// (A model is no business to buy: "deal for Anthropic's
		// Claude" licenses it.)
		a.kind, a.why = kOrg, "a business of a company the taxonomy knows"
	case a.kind == kOrg && f.object.has(kProduct) && !(f.Owner && a.mention.unit < 0 && !f.object.has(kOrg) && !f.object.has(kName)):
		// (Not the company's own name where the frame takes a thing a
		// company owns: "in talks with Microsoft for $200M round".)
		a.kind, a.why = kProduct, "a product the taxonomy files under its company"
	}
	return a
}

// boughtSoftware are the products whose purchase buys a business: an app
// or a platform is sold with its team and users (a chip or a licence is
// a thing).
var boughtSoftware = map[string]bool{"app": true, "application": true, "platform": true, "tool": true, "assistant": true,
	"browser": true, "editor": true, "chatbot": true, "marketplace": true, "service": true}

// zhPartnerAfterWith reads the name after the first 与 (or 和) of a
// Chinese clause, before its verb of partnering h: a company the lists
// know, or a name shaped like a company's.
func (r *run) zhPartnerAfterWith(h hit, cl [2]int) (arg, bool) {
	text := r.d.parts[h.part]
	seg := text[cl[0]:h.start]
	for _, j := range []string{"与", "和"} {
		i := strings.Index(seg, j)
		if i <= 0 || strings.HasSuffix(seg[:i], "参") || strings.HasSuffix(seg[:i], "赠") {
			continue
		}
		at := cl[0] + i + len(j)
		for k := range r.mentions {
			if m := &r.mentions[k]; m.part == h.part && m.kind == refCompany && m.start == at && m.end <= h.start {
				return r.mentionArg(m), true
			}
		}
		// (Not a government's body: "与沙特数据与人工智能管理局签署".)
		if k, e := r.c.nouns.lastZh(text[at:h.start]); k >= 0 && e.kind == kRegulator {
			return arg{}, false
		}
		if name, pos, _ := r.c.lex.zhName(text[at:h.start], at); name != "" && pos == at && hanOnly(name) && r.c.lex.zhSuffixedName(name) {
			return arg{kind: kName, start: at, end: at + len(name), text: name, why: "the name after " + quote(j)}, true
		}
		return arg{}, false
	}
	return arg{}, false
}

// zhMeasureNouns are the Chinese nouns of a measure put to a vote or
// issued: a negation before one names what the measure does.
var zhMeasureNouns = []string{"提案", "修正案", "法案", "议案", "草案", "决定", "方案", "规定", "条例", "指南", "办法", "决议"}

// zhLeadVerbs are the Chinese verbs by which an investor puts money into
// another's round.
var zhLeadVerbs = []string{"领投", "跟投", "参投", "联合领投", "独家投资"}

// zhLeadsAt reports a verb of investing in another's round that opens s,
// after words of intent perhaps: "拟领投…".
func zhLeadsAt(s string) bool {
	for again := true; again; {
		again = false
		for _, w := range []string{"拟", "将", "计划", "宣布", "再度", "再次", "已", "有意", "或"} {
			if rest, ok := strings.CutPrefix(s, w); ok {
				s, again = rest, true
			}
		}
	}
	return slices.ContainsFunc(zhLeadVerbs, func(v string) bool { return strings.HasPrefix(s, v) })
}

// zhLeadAfter returns the end of the last verb of investing in another's
// round in s, or -1.
func zhLeadAfter(s string) int {
	end := -1
	for _, v := range zhLeadVerbs {
		if i := strings.LastIndex(s, v); i >= 0 && i+len(v) > end {
			end = i + len(v)
		}
	}
	return end
}

// zhBoughtSoftware are the Chinese words for software whose purchase buys
// a business.
var zhBoughtSoftware = []string{"平台", "应用", "工具", "社区", "App", "APP", "软件", "产品"}

// possessorBefore reads the name whose possessive stands right before the
// noun predicate h, a sum of money perhaps between: "Photonline's $210M
// Series C", "Acme's Series B".
func (r *run) possessorBefore(h hit, cl [2]int) (arg, bool) {
	text := r.d.parts[h.part]
	end := h.start
	for _, am := range r.amountsIn(h.part) {
		if am.end <= end && strings.TrimSpace(text[am.end:end]) == "" && am.start >= cl[0] {
			end = am.start
		}
	}
	before := strings.TrimRight(text[cl[0]:end], " ")
	var owner string
	for _, p := range []string{"'s", "’s"} {
		if b, ok := strings.CutSuffix(before, p); ok {
			owner = b
		}
	}
	if owner == "" {
		return arg{}, false
	}
	words := strings.Fields(owner)
	n := 0
	// ("Bangkok-based Phasa's Series A": where it is based is no part.)
	for n < len(words) && n < 4 && isCapital(words[len(words)-1-n]) && !strings.HasSuffix(words[len(words)-1-n], ",") && !strings.HasSuffix(words[len(words)-1-n], "-based") {
		n++
	}
	if n == 0 {
		return arg{}, false
	}
	name := strings.Join(words[len(words)-n:], " ")
	at := cl[0] + len(owner) - len(name)
	// The company the lists know named there, if any, in one look.
	var known *mention
	startsKnown := false
	for k := range r.mentions {
		if m := &r.mentions[k]; m.part == h.part && m.kind == refCompany && m.start == at {
			startsKnown = true
			if m.end == at+len(name) {
				known = m
				break
			}
		}
	}
	// (Not a place's or a people's: "Europe's biggest seed round".)
	if r.c.lex.notNames[strings.ToLower(name)] || n == 1 && r.commonForm(strings.ToLower(name)) && !startsKnown {
		return arg{}, false
	}
	if known != nil {
		return r.mentionArg(known), true
	}
	if r.titleCase(h.part) && n == len(words) {
		return arg{}, false
	}
	return arg{kind: kName, start: at, end: at + len(name), text: name, why: "the name whose possessive the noun follows"}, true
}

// nearOnce is nearArg read once per predicate and set of kinds.
func (r *run) nearOnce(h hit, kinds kindSet) (arg, bool) {
	key := nearKey{spanKey{h.part, h.start, h.end}, kinds}
	if v, ok := r.nears[key]; ok {
		return v.a, v.ok
	}
	a, ok := r.nearArg(h, kinds)
	if r.nears == nil {
		r.nears = map[nearKey]nearVal{}
	}
	r.nears[key] = nearVal{a, ok}
	return a, ok
}

type nearKey struct {
	span  spanKey
	kinds kindSet
}

type nearVal struct {
	a  arg
	ok bool
}

// wordBefore finds one of words among the three words before h in its
// clause ("new" in "its new open models"), or, in Han text, in the six
// characters before it.
func (r *run) wordBefore(h hit, words []string) (string, bool) {
	cl := r.clauseSpan(h)
	text := r.d.parts[h.part]
	if !latinOnly(h.text) {
		from := max(cl[0], h.start-18)
		for from < h.start && !utf8.RuneStart(text[from]) {
			from++
		}
		// ("新论文：让模型…": a colon or a comma between sets the word
		// apart.)
		if i := strings.LastIndexAny(text[from:h.start], ":：,，"); i >= 0 {
			_, n := utf8.DecodeRuneInString(text[from+i:])
			from += i + n
		}
		for _, w := range words {
			if strings.Contains(text[from:h.start], w) {
				return w, true
			}
		}
		return "", false
	}
	// Words of a name in between do not count: "its new Command A
	// Vision model".
	prev := strings.Fields(text[cl[0]:h.start])
	plain := 0
	for i := len(prev) - 1; i >= 0 && i >= len(prev)-7 && plain < 3; i-- {
		p := strings.ToLower(strings.Trim(prev[i], ",'’\"“”"))
		for _, w := range words {
			if p == w {
				return w, true
			}
		}
		if !isCapital(prev[i]) && !hasDigit(prev[i]) {
			plain++
		}
	}
	return "", false
}

// describe says what filled a frame, for the trail.
func (fr frameReading) describe() string {
	var parts []string
	if fr.subject.text != "" {
		parts = append(parts, "doer "+fr.subject.String())
	}
	if fr.object.text != "" {
		parts = append(parts, "object "+fr.object.String())
	}
	if fr.passive {
		parts = append(parts, "passive")
	}
	if len(parts) == 0 {
		return "holds"
	}
	return strings.Join(parts, ", ")
}

// clauseSpan is the clause of a hit, widened to its sentence in a
// headline, where commas join the parts of one statement ("Mistral
// secures a five-year, €100 million deal").
func (r *run) clauseSpan(h hit) [2]int {
	if h.part == partTitle {
		return r.sentenceOf(h)
	}
	cl := r.clauseOf(h)
	// "星河动力（Xinghe Dynamics）近日完成…": a name's gloss in brackets
	// does not end the clause the name opens.
	text := r.d.parts[h.part]
	before := strings.TrimRight(text[:cl[0]], " 」』”\"")
	if strings.HasSuffix(before, "）") || strings.HasSuffix(before, ")") {
		if i := strings.LastIndexAny(before, "（("); i > 0 {
			if prev := r.clauseOf(hit{part: h.part, start: i - 1}); prev[1] <= i && prev[0] < i {
				cl[0] = prev[0]
			}
		}
	}
	return cl
}

// reasonBetween reports a word that opens a clause of reason or
// circumstance ("as", "amid", "while") in lower.
func (lx *lexicon) reasonBetween(lower string) bool {
	for _, w := range lx.reasonConjunctions {
		if strings.Contains(lower, " "+w+" ") {
			return true
		}
	}
	return false
}

// negated reports a negation phrase in the predicate's sentence before
// it, or right after it in a headline ("…: reports untrue"), unless the
// negation sits in a background clause of its own ("after its bid
// failed").
func (r *run) negated(h hit) (hit, bool) {
	// "shrink by attrition, not layoffs": "not" right before the cue
	// denies it, whatever else the sentence says.
	lower := r.d.folded[h.part]
	if h.start > 0 && lower[h.start-1] == ' ' {
		for _, p := range r.c.lex.adjacentNegations {
			if from := h.start - 1 - len(p); from >= 0 && lower[from:h.start-1] == p && (from == 0 || lower[from-1] == ' ') {
				return hit{ref: &noRef, part: h.part, start: from, end: h.start - 1, text: r.d.parts[h.part][from : h.start-1]}, true
			}
		}
	}
	// "系业务调整，非裁员": 非 or 并非 right before a Chinese cue denies it.
	if !latinOnly(h.text) {
		for _, p := range []string{"并非", "而非", "非"} {
			if from := h.start - len(p); from >= 0 && lower[from:h.start] == p {
				return hit{ref: &noRef, part: h.part, start: from, end: h.start, text: p}, true
			}
		}
	}
	if neg, ok := r.readingNear(h, refNegation); ok && !r.collapseOfOther(neg) {
		// "open-sources its unreleased Ember-3 weights": a thing not
		// released before is what the verb now acts on.
		if strings.EqualFold(neg.text, "unreleased") && neg.part == h.part && neg.start >= h.end {
			return hit{}, false
		}
		// "lays off 200 and pulls out of Denver": a negation that opens
		// a verb joined after the predicate's is that verb's.
		if latinOnly(neg.text) && neg.part == h.part && neg.start > h.end && strings.HasSuffix(lower[h.end:neg.start], " and ") {
			return hit{}, false
		}
		// "通过推迟《人工智能法》条款实施的修正案": a Chinese negation after
		// the predicate, in what 的 makes a modifier of its object, says
		// what the object is.
		// (Not a particle that negates a verb there: "未发布模型的权重" are
		// still an unreleased model's.)
		// ("通过AI法案高风险条款推迟实施提案": so does one before the noun of
		// a measure it names.)
		if cl := r.clauseSpan(h); latinOnly(neg.text) || neg.part != h.part || neg.start < h.end || neg.end > cl[1] ||
			!strings.Contains(r.d.parts[h.part][neg.end:cl[1]], "的") && !slices.ContainsFunc(zhMeasureNouns, func(n string) bool { return strings.Contains(r.d.parts[h.part][neg.end:cl[1]], n) }) ||
			strings.ContainsAny(firstRune(neg.text), "未不没非无") {
			return neg, true
		}
	}
	// "某某集团拟收购某某科技？公司回应：不实": a headline that asks, then
	// answers no in a sentence of its own.
	if h.part == partTitle {
		text := r.d.parts[partTitle]
		sent := r.sentenceOf(h)
		if q := strings.TrimRight(text[sent[0]:sent[1]], " "); strings.HasSuffix(q, "?") || strings.HasSuffix(q, "？") {
			for _, o := range r.d.hits {
				if o.kind == refNegation && o.part == partTitle && o.start >= sent[1] {
					return o, true
				}
			}
		}
	}
	return hit{}, false
}

// collapseOfOther reports a "collapse" whose subject is not a deal or
// talks: "blaming AI summaries for a traffic collapse" calls nothing off,
// "talks collapse" and "the deal collapsed" do.
func (r *run) collapseOfOther(neg hit) bool {
	w := strings.ToLower(neg.text)
	if !latinOnly(w) || !strings.HasPrefix(w, "collapse") {
		return false
	}
	before := strings.Fields(r.d.folded[neg.part][max(0, neg.start-40):neg.start])
	for i := len(before) - 1; i >= 0 && i >= len(before)-3; i-- {
		if collapsingDeals[strings.Trim(before[i], ",;:'’\"")] {
			return false
		}
	}
	// ("the collapse of talks with …": the deal after it.)
	after := strings.Fields(r.d.folded[neg.part][neg.end:min(len(r.d.folded[neg.part]), neg.end+40)])
	for i := 0; i < len(after) && i < 4; i++ {
		if collapsingDeals[strings.Trim(after[i], ",;:'’\"")] {
			return false
		}
	}
	return true
}

// collapsingDeals are what a collapse calls off.
var collapsingDeals = map[string]bool{"talks": true, "deal": true, "deals": true, "negotiations": true, "merger": true,
	"bid": true, "agreement": true, "sale": true, "round": true, "raise": true, "ipo": true, "listing": true, "offering": true,
	"partnership": true, "takeover": true, "acquisition": true, "purchase": true, "venture": true, "pact": true,
	"discussions": true, "plan": true, "plans": true, "it": true, "they": true}

func (r *run) hypothetical(h hit) (hit, bool) {
	// "Are companies actually cutting jobs because of AI?": a lead's
	// question reports nothing.
	if h.part != partTitle {
		text := r.d.parts[h.part]
		sent := r.sentenceOf(h)
		if q := strings.TrimRight(text[sent[0]:sent[1]], " "); strings.HasSuffix(q, "?") || strings.HasSuffix(q, "？") {
			end := sent[0] + len(q)
			_, n := utf8.DecodeLastRuneInString(q)
			return hit{ref: &noRef, part: h.part, start: end - n, end: end, text: text[end-n : end]}, true
		}
	}
	return r.readingNear(h, refHypothetical)
}

func (r *run) readingNear(h hit, k refKind) (hit, bool) {
	// Most articles hold no reading at all: one look says so.
	if r.readings == nil {
		r.readings = map[refKind]bool{}
		for _, o := range r.d.hits {
			switch o.kind {
			case refNegation, refHypothetical, refTrade:
				r.readings[o.kind] = true
			}
		}
	}
	if !r.readings[k] {
		return hit{}, false
	}
	sent := r.sentenceOf(h)
	for _, o := range r.d.hits {
		if o.kind != k || o.part != h.part || o.start < sent[0] || o.start >= sent[1] {
			continue
		}
		if r.background(o) && !r.background(h) {
			continue
		}
		// ("延迟降至300毫秒": a word inside a false friend is none.)
		if r.inFalseFriend(o) {
			continue
		}
		// ("Judge dismisses Acme's claims": a word that is the predicate
		// itself, or part of it, does not deny it: "tender offer for".)
		if o.start >= h.start && o.end <= h.end {
			continue
		}
		// "星河智能回应：已完成B轮融资": what a reply or a possibility
		// heads is not what the colon's statement says.
		if k == refHypothetical && o.end <= h.start && strings.ContainsAny(r.d.parts[h.part][o.end:h.start], ":：") {
			continue
		}
		// ("员工拒绝使用AI工具被辞退，法院判公司违法…": a Chinese clause
		// whose doer is a court or a government, after the one the
		// negation stands in, is theirs alone.)
		if k == refNegation && !latinOnly(h.text) && o.end <= h.start {
			if cl := r.clauseOf(h); o.end <= cl[0] {
				if at, e := r.c.nouns.lastZh(r.d.parts[h.part][cl[0]:h.end]); at >= 0 && e.kind == kRegulator {
					continue
				}
			}
		}
		// Before the predicate, around it, or running into it ("drops its
		// bid" before "bid for").
		if o.end <= h.start || o.start <= h.start && o.end >= h.end || o.start < h.start && o.end > h.start {
			return o, true
		}
		// After the predicate: "X's deal with Y called off", "…：消息不实";
		// not a negation of what follows it ("完成融资，称不会裁员").
		// ("Acme cuts 30% of staff as demand stalls": nor what a clause
		// of reason after it says.)
		if o.start >= h.end && k == refNegation && r.c.lex.reasonBetween(r.d.folded[h.part][h.end:o.start]) {
			continue
		}
		// ("… ships its first model, and it isn't called Llama": a clause
		// joined after it says something else of what it did.)
		if o.start >= h.end && k == refNegation && containsAnyOf(r.d.folded[h.part][h.end:o.start], ", and it ", ", and it's ", ", and it’s ", ", and they ") {
			continue
		}
		// ("lays off a third of staff, pauses Texas flights": a verb of
		// calling off in a clause joined after the event, with an object
		// of its own, calls off that object.)
		if k == refNegation && o.start >= h.end && latinOnly(o.text) && strings.Contains(r.d.folded[h.part][h.end:o.start], ", ") && r.callsOffOther(o) {
			continue
		}
		// ("…已递交上市申请，公司未予回应": a reply withheld after the news
		// does not deny it.)
		if o.start >= h.end && zhWithheldReply(r.d.parts[h.part][:o.start], r.d.parts[h.part][o.start:]) {
			continue
		}
		// ("… to bring computer vision to retail shelves": a verb of
		// calling off used as a noun calls nothing off.)
		if k == refNegation && r.nounUse(o) {
			continue
		}
		if o.start >= h.end && (h.part == partTitle || o.start-h.end <= 40) && !(k == refNegation && r.c.lex.forwardNegations[strings.ToLower(o.alias)]) {
			// "With $20M in new funding, Acme wants to …": what a
			// company wants after a comma is its next step, not this one.
			if k == refHypothetical && h.part == partTitle && strings.ContainsAny(r.d.parts[h.part][h.end:o.start], ",;") {
				continue
			}
			// "weighing raise that could value it above $500 billion":
			// the possibility is the valuation's, not the round's.
			if k == refHypothetical && strings.HasPrefix(r.d.folded[h.part][o.end:], " value ") {
				continue
			}
			return o, true
		}
	}
	return hit{}, false
}

// callsOffOther reports a negation verb whose object, in the next few
// words, is something other than a deal: "pauses Texas flights", not
// "calls off the deal", "drops it" or "pauses its IPO".
func (r *run) callsOffOther(o hit) bool {
	cl := r.clauseSpan(o)
	if cl[1] <= o.end {
		return false
	}
	words := strings.Fields(r.d.folded[o.part][o.end:cl[1]])
	if len(words) == 0 {
		return false
	}
	words = words[:min(len(words), 4)]
	for _, w := range words {
		if dealObjects[strings.Trim(w, ",.;:'’\"")] {
			return false
		}
	}
	for _, e := range r.d.hits {
		if (e.kind == refEvent || e.kind == refInvesting) && e.part == o.part && e.start >= o.end && e.start < cl[1] {
			return false
		}
	}
	return true
}

// dealObjects are the words by which a clause that calls something off
// points back at the deal: "calls off the deal", "drops it".
var dealObjects = map[string]bool{"it": true, "them": true, "deal": true, "deals": true, "plan": true, "plans": true, "talks": true,
	"offer": true, "bid": true, "merger": true, "ipo": true, "listing": true, "round": true, "layoffs": true, "cuts": true, "sale": true,
	"agreement": true, "partnership": true, "acquisition": true, "takeover": true, "launch": true, "release": true, "rollout": true}

// nounUse reports an English negation that is a verb in the plural
// noun's form ("shelves", "scraps") where a noun stands: after an article,
// a preposition or a word for a shop ("to retail shelves").
func (r *run) nounUse(o hit) bool {
	w := strings.ToLower(o.text)
	if !slices.Contains([]string{"shelves", "scraps", "ends", "delays"}, w) {
		return false
	}
	f := strings.Fields(r.d.folded[o.part][:o.start])
	return len(f) > 0 && slices.Contains([]string{"the", "to", "on", "off", "from", "into", "onto", "of", "its", "their",
		"store", "retail", "grocery", "supermarket", "empty", "warehouse", "shop"}, f[len(f)-1])
}

// zhWithheldReply reports a Chinese reply withheld ("未予回应", "暂未置评")
// at the start of rest, or its verb after the negation that ends before:
// no denial, and no possibility, of the news before it.
func zhWithheldReply(before, rest string) bool {
	for _, n := range zhReplyNegations {
		if r, ok := strings.CutPrefix(rest, n); ok && slices.ContainsFunc(zhReplyVerbs, func(v string) bool { return strings.HasPrefix(r, v) }) {
			return true
		}
	}
	return slices.ContainsFunc(zhReplyVerbs, func(v string) bool { return strings.HasPrefix(rest, v) }) &&
		slices.ContainsFunc(zhReplyNegations, func(n string) bool { return strings.HasSuffix(before, n) })
}

var (
	zhReplyNegations = []string{"未予", "暂未", "尚未", "未作", "未", "不予", "暂无", "没有", "拒绝"}
	zhReplyVerbs     = []string{"回应", "置评", "评论", "答复", "表态", "证实", "确认", "披露"}
)

// passiveAt reports whether a predicate is in the passive: "is acquired
// by", "被…收购", "sold to".
func (r *run) passiveAt(h hit) bool {
	text := r.d.parts[h.part]
	cl := r.clauseSpan(h)
	if !latinOnly(h.text) {
		if strings.HasPrefix(h.text, "被") {
			return true
		}
		// "Y被X收购": 被 and its agent right before the verb, in one phrase;
		// or 由 ("由阿里巴巴独家投资").
		i, mark := zhPassiveMark(text[cl[0]:h.start])
		if i < 0 || zhReportPassive(text[cl[0]+i:]) {
			return false
		}
		between := text[cl[0]+i+len(mark) : h.start]
		return utf8.RuneCountInString(between) <= 12 && !strings.ContainsAny(between, " 　，,：:")
	}
	// "to be acquired by", "sold to", "part of": the phrase after the
	// predicate is its object, as the frame reads it.
	for _, w := range []string{" by", " to", " of"} {
		if strings.HasSuffix(h.alias, w) {
			return false
		}
	}
	lower := r.d.folded[h.part]
	after := lower[h.end:min(len(lower), h.end+4)]
	if strings.HasPrefix(after, " by") && isParticiple(h.alias) {
		return true
	}
	return strings.HasPrefix(h.alias, "sold to") || strings.HasPrefix(h.alias, "to be acquired")
}

// zhPassiveMark finds the last mark of the passive in seg, 被 or the
// 由 that brings in a doer ("由阿里巴巴独家投资"; not 由于, 理由, 自由),
// and returns where it stands and the mark, or -1.
func zhPassiveMark(seg string) (int, string) {
	i := strings.LastIndex(seg, "被")
	j := strings.LastIndex(seg, "由")
	if j > i {
		prev, _ := utf8.DecodeLastRuneInString(seg[:j])
		next, _ := utf8.DecodeRuneInString(seg[j+len("由"):])
		if !strings.ContainsRune("理自缘经来因", prev) && !strings.ContainsRune("于此", next) {
			return j, "由"
		}
	}
	if i < 0 {
		return -1, ""
	}
	return i, "被"
}

// zhReportPassives are 被 and a verb of saying or suspecting: "某公司被指
// 收购用户数据" says what the company is accused of doing, in the active.
var zhReportPassives = []string{"被指", "被曝", "被传", "被控", "被疑", "被爆", "被质疑", "被批", "被诉"}

// zhReportPassive reports whether s opens with one of zhReportPassives.
func zhReportPassive(s string) bool {
	for _, p := range zhReportPassives {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// isParticiple reports whether a predicate starts with a past participle,
// as a headline's passive without "is" does: "acquired", "snapped up",
// "bought out", "taken over".
func isParticiple(alias string) bool {
	verb, _, _ := strings.Cut(alias, " ")
	return strings.HasSuffix(verb, "ed") || strings.HasSuffix(verb, "ought") || verb == "taken" || verb == "sold"
}

// enObject reads the noun phrase a predicate governs: after it, or
// before it in the passive ("Acme is acquired by …").
func (r *run) enObject(h hit, passive bool) arg {
	if passive {
		a := r.enPhraseBefore(h)
		if a.text == "" {
			// "Series A of ₹180 crore raised by Lumora Labs": what is
			// raised opens the clause.
			cl := r.clauseSpan(h)
			a = r.enPhrase(h.part, cl[0], h.start, r.d.parts[h.part])
		}
		return a
	}
	text := r.d.parts[h.part]
	cl := r.clauseSpan(h)
	a := r.enPhrase(h.part, h.end, cl[1], text)
	// "V3.2 prices cut 50%": a bare count after a price the verb follows
	// is how much the price moved, not people.
	if a.kind == kJobs && a.why == "a number of people" {
		before := strings.Fields(r.d.folded[h.part][cl[0]:h.start])
		if n := len(before); n > 0 {
			if k, ok := r.c.nouns.headKind("", strings.Trim(before[n-1], ",:")); ok && k == kPrice {
				a.kind, a.why = kPrice, "how much the price before the verb moved: "+quote(before[n-1])
			}
		}
	}
	return a
}

// viaObject reads an object that a word introduces: the phrase after
// the first of via that follows the predicate in its clause ("invests $5M
// in Acme"); in Chinese, the phrase between such a word and the
// predicate ("向Scale AI投资"), else the phrase after the predicate.
func (r *run) viaObject(h hit, via []string, direct, zh bool) arg {
	text, lower := r.d.parts[h.part], r.d.folded[h.part]
	cl := r.clauseSpan(h)
	if zh {
		for _, v := range via {
			if i := strings.LastIndex(text[cl[0]:h.start], v); i >= 0 {
				return r.zhPhrase(h.part, cl[0]+i+len(v), h.start)
			}
		}
		// ("腾讯入股AI陪伴应用「心跳回声」".)
		if a, ok := r.zhBracketObject(h, cl); ok {
			return a
		}
		return r.zhPhrase(h.part, h.end, zhPhraseEnd(text, h.end, cl[1]))
	}
	// The predicate itself may end with the word: "stake in", "invests in".
	for _, v := range via {
		if strings.HasSuffix(h.alias, " "+v) {
			return r.enPhrase(h.part, h.end, cl[1], text)
		}
	}
	// The first such word whose phrase is not a sum: "puts up to $100
	// billion into OpenAI" passes "to" for "into".
	var at []int
	rest := lower[h.end:cl[1]]
	for _, v := range via {
		for off := 0; ; {
			i := strings.Index(rest[off:], " "+v+" ")
			if i < 0 {
				break
			}
			at = append(at, h.end+off+i+1+len(v))
			off += i + 1
		}
	}
	sort.Ints(at)
	for _, p := range at {
		// ("plans to invest $18 billion through 2030 to build data
		// centers in Richmond": "to" before a verb says what for, not
		// into what, and the rest of the clause is the purpose's.)
		if w, _, _ := strings.Cut(strings.TrimLeft(lower[p:cl[1]], " "), " "); strings.HasSuffix(lower[:p], " to") && purposeVerbs[w] {
			break
		}
		a := r.enPhrase(h.part, p, cl[1], text)
		if a.kind == kMoney || a.kind == kValuation || a.kind == kPrice {
			continue
		}
		return a
	}
	// No such word, or only sums after it: the phrase right after, when
	// the frame lets it be the object ("settles copyright lawsuit",
	// "backs Lumora in a $60M round").
	if direct {
		return r.enObject(h, false)
	}
	return arg{}
}

// ownerMark reports a text that opens with a possessive's mark: "'s ".
func ownerMark(s string) bool {
	return strings.HasPrefix(s, "'s ") || strings.HasPrefix(s, "’s ")
}

// purposeVerbs say what money is for after "to" ("invest $1 billion to
// build data centers").
var purposeVerbs = map[string]bool{"build": true, "expand": true, "develop": true, "construct": true, "fund": true, "support": true,
	"boost": true, "upgrade": true, "create": true, "scale": true, "accelerate": true, "grow": true, "help": true, "add": true,
	"power": true, "train": true, "open": true, "improve": true, "strengthen": true, "extend": true, "hire": true, "modernize": true,
	"modernise": true, "deploy": true, "bring": true, "speed": true}

// enPhrase reads the English noun phrase at text[from:limit] and tells
// its kind: a sum of money, a round, a known company, a descriptor and a
// name, or the kind of its head noun.
// classBefore are the words before a kind of models ("among open
// models") that measure something against the kind.
var classBefore = map[string]bool{"among": true, "across": true, "than": true, "beats": true, "versus": true, "vs": true,
	"vs.": true, "leads": true, "tops": true, "of": true, "like": true}

// teamOf are the words for a company's people that open a phrase naming
// the company after them, when one of teamTakers takes them ("Meet the
// team behind Lumora" introduces people, not Lumora).
var teamOf = []string{"the team behind ", "team behind ", "the people behind ", "the team at ", "the founders of ",
	"the makers of ", "the creators of ", "the startup behind ", "the company behind "}

// sentenceNamesCompany reports a company the taxonomy knows in h's
// sentence, or a company's word or a name no list knows in its clause.
func (r *run) sentenceNamesCompany(h hit) bool {
	sent := r.sentenceOf(h)
	for _, m := range r.mentions {
		if m.part == h.part && m.kind == refCompany && m.start >= sent[0] && m.start < sent[1] {
			return true
		}
	}
	_, ok := r.nearArg(h, 1<<kOrg|1<<kName)
	return ok
}

// ownerOpens reports the words before a doer that name its owner and
// qualify it: "Lumora's $249 AI " before "pendant".
func ownerOpens(before string) bool {
	f := strings.Fields(before)
	return len(f) > 0 && len(f) <= 4 && isCapital(f[0]) && (strings.HasSuffix(f[0], "'s") || strings.HasSuffix(f[0], "’s")) &&
		!strings.ContainsAny(before, ",;:")
}

// zhModelNounNear returns where a word for an AI model opens within the
// first four characters of s, before any mark, or -1.
func zhModelNounNear(s string) int {
	n := 0
	for i, c := range s {
		if n > 4 || !unicode.Is(unicode.Han, c) {
			return -1
		}
		// (A bare 模型 right after the quotes; after a qualifier only
		// 大模型: "“太和殿”拼装模型" is a toy.)
		if strings.HasPrefix(s[i:], "大模型") || i == 0 && strings.HasPrefix(s, "模型") {
			return i
		}
		n++
	}
	return -1
}

// zhMakerNouns name the company behind a product: "“学伴”开发商启学科技".
var zhMakerNouns = []string{"的开发商", "开发商", "的母公司", "母公司", "运营商", "研发商", "背后公司"}

// emojiOnly reports a word of pictographs alone ("Acme acquires Lumora
// 🤗"): no word of a phrase.
func emojiOnly(w string) bool {
	if w == "" || w[0] < utf8.RuneSelf {
		return false // (a pictograph is never ASCII; this is the common case)
	}
	return !strings.ContainsFunc(w, func(c rune) bool { return unicode.IsLetter(c) || unicode.IsDigit(c) }) &&
		strings.ContainsFunc(w, func(c rune) bool { return unicode.Is(unicode.So, c) })
}

// titleTrade finds, for a predicate of the lead, the same predicate in
// the headline with a word of shares traded in its sentence.
func (r *run) titleTrade(h hit) (hit, bool) {
	for _, o := range r.d.hits {
		if o.part != partTitle || o.kind != refEvent || !strings.EqualFold(o.alias, h.alias) {
			continue
		}
		if tr, ok := r.readingNear(o, refTrade); ok {
			return tr, true
		}
	}
	return hit{}, false
}

// regionWords name a part of a place ("central Europe").
var regionWords = []string{"central", "eastern", "western", "northern", "southern", "northeast", "northeastern", "northwest",
	"northwestern", "southeast", "southeastern", "southwest", "southwestern", "rural", "coastal", "inland", "greater", "mainland"}

var teamTakers = []string{"acquihires", "acqui-hires", "acquihired", "acqui-hired", "acquires", "acquired", "buys", "bought",
	"absorbs", "hires", "hired", "poaches", "poached"}

func (r *run) enPhrase(part part, from, limit int, text string) arg {
	lower := r.d.folded[part]
	i := from
	for i < limit && (text[i] == ' ' || text[i] == '"' || text[i] == '\'') {
		i++
	}
	// "acqui-hires the team behind code-review tool Lintwise": the people
	// of a company stand for it.
	if slices.Contains(teamTakers, lastField(lower[:i])) {
		for _, w := range teamOf {
			if strings.HasPrefix(lower[i:limit], w) {
				i += len(w)
				break
			}
		}
	}
	// "signs five-year, $3bn GPU deal", "a multiyear, $1 billion
	// contract": a term before a sum says how long; the sum and what
	// follows it are the phrase.
	for k, n := i, 0; n < 2 && k < limit; n++ {
		e := k
		for e < limit && text[e] != ' ' && text[e] != ',' {
			e++
		}
		if e < limit && text[e] == ',' && modifierComma(text, e) {
			i = skipSpaceAll(text, e+1, limit)
			break
		}
		if w := lower[k:e]; w != "a" && w != "an" && w != "the" {
			break
		}
		k = skipSpaceAll(text, e, limit)
	}
	start := i
	var a arg
	headStart, headEnd := -1, -1
words:
	for i < limit {
		// A sum of money at this word.
		for _, am := range r.amountsIn(part) {
			if am.start <= i && am.end > i || am.start >= i && am.start <= i+24 && am.start < limit && !strings.ContainsAny(text[i:am.start], ",;:") && r.c.lex.qualifierOnly(lower[i:am.start]) {
				if headEnd >= 0 && isCapital(text[headStart:headEnd]) {
					// "pays Lumora about $1B": a name, then the sum.
					break words
				}
				k := kMoney
				why := "a sum of money"
				// A sum can run past the phrase ("from €48,500" where a
				// clause ends at its comma): nothing of the phrase follows.
				after := min(am.end, limit)
				gk, gw := r.nounAfter(part, min(limit, after+len(" in")), limit)
				inGrant := strings.HasPrefix(lower[after:limit], " in ") && gk == kGrant
				switch {
				case am.valuation:
					k, why = kValuation, "a valuation"
				case am.other && inGrant:
					// "to give Lumora Fab ¥200 billion in subsidies": public
					// money, not the deal's.
					k, why = kGrant, "a sum in "+quote(gw)
				case am.other:
					k, why = kPrice, "a price, a market value or revenue"
				}
				// "a $100 million deal": the noun after the sum says what
				// the money is.
				if k == kMoney {
					// ("signs $3.4bn, five-year capacity deal": a term after
					// the sum, then the noun.)
					if j := termAfterComma(text, after, limit); j > 0 {
						after = j
					}
					if nk, w := r.nounAfter(part, after, limit); nk != kNone && nk != kMoney && nk != kRound {
						k, why = nk, "a sum for "+quote(w)
					} else if inGrant {
						// "receives $1 billion in state subsidies": public money.
						k, why = kGrant, "a sum in "+quote(gw)
					} else if w := r.purposeFund(part, after, limit); w != "" {
						// "raises $1B for its tenth fund": a firm's own fund.
						k, why = kFund, "a sum for "+quote(w)
					} else if w := r.publicSource(part, after, limit); w != "" {
						// "gets $5M from the state": public money.
						k, why = kGrant, "a sum from "+quote(w)
					}
				}
				return arg{kind: k, start: am.start, end: am.end, text: text[am.start:am.end], why: why}
			}
		}
		// A known company here ("OpenAI rival Anthropic": past the one
		// compared with).
		if m := r.mentionAt(part, i); m != nil && r.rivalAt(m) > 0 {
			i = skipSpaceAll(text, r.rivalAt(m), limit)
			start = i
			continue
		}
		if m := r.mentionAt(part, i); m != nil {
			end := m.end
			rest := text[end:limit]
			if strings.HasPrefix(rest, "'s ") || strings.HasPrefix(rest, "’s ") || strings.HasPrefix(rest, "' ") {
				// "Apple's top AI models executive": the owner, then the
				// phrase.
				i = end + strings.IndexByte(rest, ' ') + 1
				a.mention = m
				continue
			}
			k := r.mentionKind(m)
			// "Claude for Chrome", "Gemini for Workspace", "Gemini in
			// Chrome": a model made into a product for a named platform
			// (not a place: "Llama 5 in Europe").
			for _, link := range []string{" for ", " in "} {
				if k != kModel || !strings.HasPrefix(rest, link) {
					continue
				}
				if w, _, _ := strings.Cut(strings.TrimSpace(rest[len(link):]), " "); isCapital(w) && !r.c.lex.notNames[strings.ToLower(w)] {
					stop := end + len(link) + len(w)
					return arg{kind: kProduct, start: m.start, end: stop, text: text[m.start:stop], mention: m, why: "a model made a product for " + quote(w)}
				}
			}
			if ak, w := r.asRole(part, end, limit); ak != kNone {
				return arg{kind: ak, start: m.start, end: end, text: text[m.start:end] + " as " + w, mention: m, why: "a name in the role of " + quote(w)}
			}
			// "thousands more Hyundai Ioniq 5s", "Nvidia H200s": a
			// versioned name after a company's is a product of its, or
			// a model when a word for one follows ("Microsoft MAI-2
			// model").
			if stop := versionedRunAfter(text, end, limit); k == kOrg && stop > end {
				if nk, _ := r.nounAfter(part, stop, limit); nk == kModel {
					return arg{kind: kModel, start: m.start, end: stop, text: text[m.start:stop], mention: m, why: "a versioned name after " + quote(text[m.start:end]) + " and before a word for a model"}
				}
				return arg{kind: kProduct, start: m.start, end: stop, text: text[m.start:stop], mention: m, why: "a versioned name after " + quote(text[m.start:end]) + ", its product"}
			}
			// "Nvidia chips": a noun after the name is the head.
			if nk, w := r.nounAfter(part, end, limit); nk != kNone {
				// "Qwen Studio", "Gemini Lab": a capitalised company word
				// after a model's or a product's name goes on naming it.
				if nk == kOrg && (k == kModel || k == kProduct) && isCapital(strings.TrimSpace(rest)) {
					return arg{kind: kProduct, start: start, end: end, text: text[start:end] + " " + w, mention: m, why: "a product named after " + quote(text[m.start:end])}
				}
				// "releases Nimbus Sentry 3": a capitalised word and a
				// number after a model's name name an edition of it, not
				// a sentry.
				if stop := numberedEditionAfter(text, end, limit); (k == kModel || k == kProduct) && stop > end {
					return arg{kind: k, start: m.start, end: stop, text: text[m.start:stop], mention: m, why: "an edition of " + quote(text[m.start:end]) + " with its number"}
				}
				return arg{kind: nk, start: start, end: end, text: text[start:end] + " " + w, mention: m, why: "the noun after the name"}
			}
			a := arg{kind: k, start: m.start, end: end, text: text[m.start:end], mention: m, why: "a name the taxonomy knows"}
			// "launches Neon, an agentic browser": the name of a product
			// that a company of the taxonomy also bears.
			if app := r.apposition(part, a, end, limit); app.kind != a.kind && (app.kind == kProduct || app.kind == kModel || app.kind == kData) {
				app.mention = nil
				return app
			}
			return a
		}
		// The next word.
		j := i
		for j < limit && !isSpace(text[j]) && (!phrasePunct(text[j]) || text[j] == ',' && j > i && isDigit(text[j-1]) && j+1 < limit && isDigit(text[j+1]) ||
			text[j] == '(' && j > i && innerParen(text[j:limit]) || text[j] == ')' && j > i && strings.LastIndexByte(text[i:j], '(') >= 0) {
			j++ // "10,000" is one word
		}
		colon := strings.HasSuffix(text[i:j], ":")
		// ("investors bet on…": a cut-off lead names nothing.)
		w := strings.Trim(text[i:j], "\"'.!?:…")
		lw := strings.Trim(lower[i:j], "\"'.!?:…")
		// "buy up to one million TPUs": a qualifier of a count opens
		// the phrase, not its head.
		if headEnd < 0 {
			if q := r.partOfAt(part, i, limit); q > 0 {
				i = skipSpaceAll(text, i+q, limit)
				start = i
				continue
			}
		}
		// "take 51% of Hongda Optics": more than half of a company is
		// the company bought.
		// ("take 55% control of Noeul AI", "a 70% stake in Graphon".)
		if headEnd < 0 && strings.HasSuffix(lw, "%") && stakeOverHalf(lw) {
			for _, of := range []string{" of ", " control of ", " stake in ", " ownership of ", " interest in "} {
				if !strings.HasPrefix(lower[j:limit], of) {
					continue
				}
				if o := r.enPhrase(part, j+len(of), limit, text); o.kind == kOrg || o.kind == kName {
					o.kind, o.why = kMajority, "more than half of "+quote(o.text)
					return o
				}
			}
		}
		if headEnd < 0 && (lw == "up" || lw == "more" || lw == "at" || lw == "as") {
			if q := r.countQualifierAt(part, i, limit); q > 0 {
				i = skipSpaceAll(text, i+q, limit)
				start = i
				continue
			}
		}
		// "Ministry of Defense contract", "Bank of America deal": "of"
		// between capitalised words is inside a name.
		// (Not after a noun the lists spell out: "General Availability of
		// Closebook 2.0" makes a product available.)
		if lw == "of" && headEnd >= 0 && isCapital(text[headStart:headEnd]) && j < limit && !r.c.nouns.knownMulti(lower[start:headStart], lower[headStart:headEnd]) {
			if k := skipSpaceAll(text, j, limit); k < limit && k > j && isCapital(text[k:min(k+1, limit)]) {
				i = k
				continue
			}
		}
		if lw == "of" && headEnd >= 0 && (r.c.lex.isCount(lower[headStart:headEnd]) || r.c.lex.collectives[lower[headStart:headEnd]]) {
			i = skipSpaceAll(text, j, limit)
			continue
		}
		// ("Windsail's coding tech": after an owner, an -ing word
		// qualifies the owner's thing.)
		afterOwner := false
		if a.owner != "" && headEnd >= 0 {
			between := strings.TrimRight(text[headEnd:i], " ")
			afterOwner = between == "'s" || between == "’s"
		}
		// ("hours after", but "two million hours of driving data": a
		// measure of the thing.)
		stop := r.c.lex.phraseStops[lw] && !(r.c.lex.collectives[lw] && strings.HasPrefix(lower[j:limit], " of "))
		// ("Lumora's image and video tech": two words that qualify one
		// head, which follows.)
		if stop && (lw == "and" || lw == "or") && headEnd >= 0 && r.qualifierPair(part, headStart, headEnd, j, limit) {
			stop = false
		}
		// "previews its next foundation model": after a possessive or an
		// article, "next" and "last" say which one, not when ("its next
		// model", but "the next week").
		if (lw == "next" || lw == "last") && headEnd < 0 && determinerBefore(lower[:i]) && !timeWordAt(lower[j:limit]) {
			i = skipSpaceAll(text, j, limit)
			start = i
			continue
		}
		// ("copyright case brought by photographers": a participle and
		// its "by" after the head say who did it; they end the phrase.)
		if headEnd >= 0 && !isCapital(w) && (strings.HasSuffix(lw, "ed") || participles[lw]) && strings.HasPrefix(lower[j:limit], " by ") {
			stop = true
		}
		// ("14% of staff a month after …": a span of time ends it.)
		if headEnd >= 0 && (lw == "a" || lw == "an" || lw == "one") && timeSpanAt(lower[j:limit]) {
			stop = true
		}
		// ("cuts 300 jobs - report": a dash set apart by spaces ends the
		// phrase.)
		if w == "-" || w == "–" || w == "—" || emojiOnly(w) {
			break
		}
		if w == "" || stop || headEnd >= 0 && r.c.lex.pronouns[lw] || headEnd >= 0 && len(lw) > 5 && strings.HasSuffix(lw, "ing") && !isCapital(w) && !afterOwner && !r.modifierAt(part, j, limit, lw) {
			break
		}
		if r.c.lex.phraseSkips[lw] && headEnd < 0 && !(r.c.lex.isCount(lw) && strings.HasPrefix(lower[skipSpaceAll(text, j, limit):], "of ")) {
			// ("a third of its staff": a count, not an ordinal.)
			i = skipSpaceAll(text, j, limit)
			start = i
			continue
		}
		// "14% of its staff", "200 of its engineers": the count is not
		// the head.
		if lw == "of" && headEnd >= 0 && r.c.lex.isCount(lower[headStart:headEnd]) {
			i = skipSpaceAll(text, j, limit)
			continue
		}
		headStart, headEnd = i, i+len(w)
		if strings.HasSuffix(w, "'s") || strings.HasSuffix(w, "’s") {
			headEnd = i + len(strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "’s"))
			if isCapital(w) && j < limit {
				a.owner = text[start:headEnd]
			}
		}
		if j >= limit || phrasePunct(text[j]) || colon {
			break
		}
		i = skipSpaceAll(text, j, limit)
	}
	if headEnd < 0 {
		return arg{start: start, end: start}
	}
	phrase := text[start:headEnd]
	a.start, a.end, a.text = start, headEnd, phrase
	head := lower[headStart:headEnd]
	// "lands Oscar-winning editor as head of film": whoever is taken on
	// as someone in an office is a person.
	// (The clause may end at "as": the office runs to the sentence's end.)
	// ("lands Lumora Bank as its first customer": a customer, the same.)
	// (Every phrase passes here: the sentence is looked up only when "as"
	// follows.)
	if strings.HasPrefix(lower[headEnd:], " as ") {
		if ak, w := r.asRole(part, headEnd, max(limit, r.sentenceOf(hit{part: part, start: headEnd})[1])); ak == kPerson || ak == kCustomer {
			a.kind, a.why = ak, "taken on as "+quote(w)
			return a
		}
	}
	// "2 million hours of robot manipulation data": a measure of
	// something is that thing.
	if measureUnits[head] && strings.HasPrefix(lower[headEnd:limit], " of ") {
		if o := r.enPhrase(part, headEnd+len(" of "), limit, text); o.kind != kNone {
			return o
		}
	}
	// "another round of 80 jobs": a round of cuts is the people cut.
	if (head == "round" || head == "rounds" || head == "wave") && strings.HasPrefix(lower[headEnd:limit], " of ") {
		for i, w := range words0(lower[headEnd+len(" of ") : limit]) {
			if i == 4 || strings.ContainsAny(w, ",;:") {
				break
			}
			if k, ok := r.c.nouns.headKind("", w); ok && k == kJobs {
				a.kind, a.why = kJobs, "a round of cuts: "+quote(head+" of … "+w)
				return a
			}
		}
	}
	// A round named in the phrase: "a Series B", "its seed round"; not
	// one that names a fund ("its third growth fund", "a new seed fund")
	// or a figure ("its revenue growth forecast").
	// (Not one inside a false friend: "a seed dataset".)
	if round, at, ok := r.c.lex.findRound(phrase); ok && round != "" && !r.hyphenGlued(hit{part: part, start: start + at[0], end: start + at[1]}) &&
		!r.inFalseFriend(hit{part: part, start: start + at[0], end: start + at[1]}) {
		if k, ok := r.c.nouns.headKind(lower[start:headStart], head); !ok || k != kFund && k != kPrice {
			a.kind, a.why = kRound, "a round"
			return a
		}
	}
	hw := text[headStart:headEnd]
	// "unveils plan to build data centers": an intent, not a thing.
	if r.c.lex.intentNouns[head] && strings.HasPrefix(lower[headEnd:limit], " to ") {
		a.kind, a.why = kPlain, "an intent: "+quote(head+" to")
		return a
	}
	// "axes 200": a bare count is people.
	if r.c.lex.isCount(head) && head != "" && len(words0(lower[start:headStart])) == 0 {
		a.kind, a.why = kJobs, "a number of people"
		return a
	}
	// "lets 30 go": people let go.
	if head == "go" && len(words0(lower[start:headStart])) == 1 && r.c.lex.isCount(strings.TrimSpace(lower[start:headStart])) {
		a.kind, a.why = kJobs, "a number of people let go"
		return a
	}
	if head == "stake" || head == "stakes" {
		// A majority stake buys the company; a minority one funds it.
		a.kind, a.why = kPlain, "a minority stake"
		if stakeOverHalf(lower[start:headEnd]) {
			a.kind, a.why = kStake, "a majority stake"
		}
		return a
	}
	words := strings.Fields(lower[start:headStart])
	// "ships its millionth robot": a milestone, not a launch.
	if i := slices.IndexFunc(words, milestoneOrdinal); i >= 0 {
		a.kind, a.why = kPlain, "a milestone: "+quote(words[i])
		return a
	}
	// A capitalised word in a sentence-case text is a name, not the noun
	// it spells ("releases Operator"); capitals (API, IPO) stay nouns.
	named := (isCapital(hw) && !acronym(hw) && !r.titleCase(part) && !r.c.nouns.enCased[hw]) || hasDigit(hw) && !measureWord(hw)
	// "Acquisition of Stratovex Mesh": in a title-case headline, a word no
	// dictionary has before a capitalised one makes a name of two words,
	// though the last is a dictionary's, unless it is a noun the frames
	// read ("Multiyear Contract"). (Three words are as often a person and
	// a role: "Alexandr Wang Deputy".)
	if f := strings.Fields(text[start:headStart]); !named && r.titleCase(part) && len(f) == 1 && isCapital(hw) && r.c.nouns.enAll[head] == 0 &&
		r.c.lex.unknownWord(f[0], r.c.tax.CommonWords) {
		named = true
	}
	// "Lumora Labs", in any case: a word that ends companies' names after
	// a capitalised word ends a name (not after an owner: "Murmurline's
	// Voice Technology" is a thing of Murmurline's).
	if f := strings.Fields(text[start:headStart]); !named && len(f) > 0 && r.c.lex.companySuffixes[hw] && isCapital(f[len(f)-1]) && a.owner == "" {
		named = true
	}
	// "Model Y": a noun of several words the lists spell out, whatever
	// its capitals.
	if k, ok := r.c.nouns.multiMatch(lower[start:headStart], head); ok && named {
		a.kind, a.why = k, "the noun "+quote(lower[start:headEnd])
		return r.apposition(part, a, headEnd, limit)
	}
	if !named {
		if k, ok := r.c.nouns.headKind(lower[start:headStart], head); ok {
			a.kind, a.why = k, "the head noun "+quote(head)
			if k == kModel && (head == "model" || head == "models") && r.c.nouns.en[head] == kModel {
				if _, multi := r.c.nouns.multiMatch(lower[start:headStart], head); !multi {
					a.bare = true
				}
			}
			return r.apposition(part, a, headEnd, limit)
		}
	}
	// "investment in generative AI": the field, its kind in lower case
	// before it, names no company.
	if head == "ai" && a.owner == "" && start < headStart && text[start:headStart] == lower[start:headStart] && strings.TrimSpace(lower[start:headStart]) != "" {
		a.kind, a.why = kPlain, "the field "+quote(text[start:headEnd])
		return a
	}
	// "Carrow Health's stroke-triage AI": an AI of a named owner is a
	// product of its.
	// (Not a place's: "Lisbon's Tejo AI" is a name.)
	if a.owner != "" && head == "ai" && !r.c.lex.notNames[strings.ToLower(strings.TrimSpace(a.owner))] {
		a.kind, a.why = kProduct, "an AI of "+quote(a.owner)
		return a
	}
	// A word after a descriptor is a name, even in lower case ("device
	// startup io", "AI startup Vaultly"): of a company after a company
	// word, of a model after a model word, a name after a product word.
	if len(words) > 0 {
		if k, ok := r.c.nouns.headKind(strings.Join(words[:len(words)-1], " ")+" ", words[len(words)-1]); ok {
			switch k {
			case kModel:
				a.kind, a.why = k, "a name after "+quote(words[len(words)-1])
				return a
			case kOrg, kProduct:
				a.kind, a.why = kName, "a name after "+quote(words[len(words)-1])
				return a
			}
		}
		// "acquire forward Jonah Pike": a name after a word for what
		// someone does is a person's.
		if named {
			orig := strings.Fields(text[start:headStart])
			i := len(orig)
			for i > 0 && isCapital(orig[i-1]) {
				i--
			}
			// (A first and a last name; "partner Ledgerline", "market
			// leader Quillon" are companies.)
			if i > 0 && i < len(orig) && !r.c.lex.companySuffixes[hw] && r.personWordEnds(words[:i]) {
				a.kind, a.why = kPerson, "a person after "+quote(words[i-1])
				return a
			}
		}
	}
	if r.c.lex.notNames[head] && len(words) == 0 {
		a.kind, a.why = kPlain, "the word "+quote(head)
		return a
	}
	// "in fiscal 2025", "FY26", "Q3 2025": a period, not a name.
	if periodPhrase(strings.ToLower(phrase)) || r.datePhrase(phrase) {
		a.kind, a.why = kPlain, "the period "+quote(phrase)
		return a
	}
	// "releases 40,000 annotated X-ray scans", "5,000 conversations": a
	// count of the things data is made of is data.
	if len(words) > 0 && countedData[head] && (r.c.lex.counted(phrase) || allDigits(strings.NewReplacer(",", "", ".", "").Replace(words[0])) || slices.Contains(magnitudeWords, words[0])) {
		a.kind, a.why = kData, "a count of "+quote(head)+", data"
		return a
	}
	// "Acquires Two Million Annotated Mammograms": a count of thousands
	// or millions before a plural counts things; it names no company
	// ("Two Sigma Robotics" counts nothing).
	// ("Acquired 9 Million Ad-Tier Sign-Ups": in figures too.)
	if len(words) > 1 && (r.c.lex.counted(phrase) || allDigits(strings.Replace(words[0], ".", "", 1))) && slices.Contains(magnitudeWords, words[1]) && lowerPlural(head) {
		a.kind, a.why = kPlain, "a count of "+quote(head)
		return a
	}
	// "in central Europe", "across rural India": a place with the part
	// of it named is a place.
	if len(words) > 0 && named && r.c.lex.notNames[head] && !slices.ContainsFunc(words, func(w string) bool { return !slices.Contains(regionWords, w) }) {
		a.kind, a.why = kPlain, "the place "+quote(phrase)
		return a
	}
	// "in San Francisco": a place of more than one word.
	if len(words) > 0 && named && r.c.lex.notNames[strings.ToLower(phrase)] {
		a.kind, a.why = kPlain, "the place "+quote(phrase)
		return a
	}
	// "Bets on the Future": in a title-case headline a dictionary word
	// after an article is that word, not a name.
	if !named && r.titleCase(part) && r.c.tax.CommonWords[head] && !r.c.lex.companySuffixes[hw] {
		before := words
		if len(before) == 0 {
			before = strings.Fields(lower[max(0, start-4):start])
			before = before[max(0, len(before)-1):]
		}
		if len(before) == 1 && (before[0] == "the" || before[0] == "a" || before[0] == "an") {
			a.kind, a.why = kPlain, "a dictionary word after "+quote(before[0])+" in a title-case headline"
			return a
		}
	}
	// ("Reduces Workforce": a dictionary word, capitalised in a
	// title-case headline, is no name for it.)
	if named || isCapital(hw) && !(r.titleCase(part) && r.c.tax.CommonWords[head] && !acronym(hw)) {
		// "the 2026 AI Index", "State of AI Report": a report's title.
		if k, ok := r.c.nouns.en[head]; ok && k == kReport {
			a.kind, a.why = kReport, "a title ending in "+quote(hw)
			return a
		}
		// "the CLONE Act", "the AI Liability Directive": a law's title.
		if head == "act" || head == "bill" || head == "directive" || head == "law" {
			a.kind, a.why = kPolicy, "a law's title ending in "+quote(hw)
			return a
		}
		if modelShaped(phrase) {
			// "Weftline-2, an open speech dataset": what the next
			// phrase calls a versioned name decides.
			if app := r.apposition(part, arg{kind: kName, start: a.start, end: a.end, text: a.text}, headEnd, limit); app.kind == kData || app.kind == kProduct {
				a.kind, a.why = app.kind, app.why
				return a
			}
			v := r.versionedArg(a.start, phrase)
			a.kind, a.why = v.kind, v.why
			return a
		}
		// "lands former Army under secretary": a name right after
		// "former" is someone's past, and the phrase a person.
		if len(words) == 1 && words[0] == "former" {
			a.kind, a.why = kPerson, "someone formerly of "+quote(hw)
			return a
		}
		a.kind, a.why = kName, "a capitalised name"
		return r.apposition(part, a, headEnd, limit)
	}
	// A lower-case word no list knows and no dictionary has is a name
	// written in lower case: "pays $6.5B for io". A plural is a class of
	// people or things ("sold to households", "to automakers").
	if len(words) == 0 && len(head) >= 2 && !r.c.tax.CommonWords[head] && !r.c.tax.CommonWords[strings.TrimSuffix(head, "s")] && !r.comparative(head) && latinOnly(head) && !strings.ContainsAny(head, "0123456789$%") && !lowerPlural(head) {
		a.kind, a.why = kName, "a word no dictionary has, a name in lower case"
		return r.apposition(part, a, headEnd, limit)
	}
	a.why = "the head noun " + quote(head)
	return r.apposition(part, a, headEnd, limit)
}

// doersOwn reports an English argument that "its" or "their" opens: the
// doer's own thing.
func (r *run) doersOwn(part part, a arg) bool {
	before := r.d.folded[part][:a.start]
	return latinOnly(a.text) && (strings.HasSuffix(before, "its ") || strings.HasSuffix(before, "their "))
}

// determinerBefore reports an article or a possessive ending the
// lower-case text before a word.
func determinerBefore(before string) bool {
	w := strings.TrimSpace(before)
	if i := strings.LastIndexByte(w, ' '); i >= 0 {
		w = w[i+1:]
	}
	switch w {
	case "the", "its", "their", "his", "her", "our", "your":
		return true
	}
	return false
}

// timeWordAt reports a unit of time opening the lower-case text ("next
// week", "last quarter").
func timeWordAt(rest string) bool {
	w := firstWord(strings.TrimLeft(rest, " "))
	switch strings.TrimRight(w, ",.;:") {
	case "week", "weeks", "month", "months", "year", "years", "quarter", "quarters", "day", "days", "weekend",
		"summer", "spring", "fall", "autumn", "winter", "season", "time", "few", "two", "three", "decade":
		return true
	}
	return false
}

// magnitudeWords follow a count of many things: "two million images".
var magnitudeWords = []string{"hundred", "thousand", "million", "billion", "dozen"}

// lowerPlural reports a lower-case word shaped like an English plural
// noun: five letters or more ending in "s" but not "ss", "us" or "is"
// ("households", "automakers"; not "nexus", "genesis").
func lowerPlural(w string) bool {
	return len(w) >= 5 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "us") && !strings.HasSuffix(w, "is")
}

// commonForm reports a dictionary word, or its -ing or -ed form
// ("advancing", "scaled"), which no dictionary need spell out.
func (r *run) commonForm(w string) bool {
	if r.c.tax.CommonWords[w] {
		return true
	}
	for _, suf := range []string{"ing", "ed"} {
		stem, ok := strings.CutSuffix(w, suf)
		if !ok || len(stem) < 3 {
			continue
		}
		// ("running": of "run", its last letter doubled.)
		if n := len(stem); stem[n-1] == stem[n-2] && r.c.tax.CommonWords[stem[:n-1]] {
			return true
		}
		if r.c.tax.CommonWords[stem] || r.c.tax.CommonWords[stem+"e"] {
			return true
		}
	}
	return false
}

// comparative reports a comparative or superlative of a dictionary word
// ("pricier", "cheapest"), which no dictionary need spell out.
func (r *run) comparative(w string) bool {
	for _, suf := range []string{"ier", "iest"} {
		// ("pricier": of "pricey", whose family the dictionary has.)
		if stem, ok := strings.CutSuffix(w, suf); ok && len(stem) >= 2 && (r.c.tax.CommonWords[stem+"y"] || r.c.tax.CommonWords[stem+"ey"] || r.c.tax.CommonWords[stem+"e"]) {
			return true
		}
	}
	for _, suf := range []string{"er", "est"} {
		if stem, ok := strings.CutSuffix(w, suf); ok && len(stem) >= 3 && (r.c.tax.CommonWords[stem] || r.c.tax.CommonWords[stem+"e"]) {
			return true
		}
	}
	return false
}

// partOfAt returns the length of a phrase such as "what's left of" at i,
// followed by a word, or 0.
func (r *run) partOfAt(part part, i, limit int) int {
	lower := r.d.folded[part]
	for _, p := range r.c.lex.partOf {
		if strings.HasPrefix(lower[i:limit], p+" ") {
			return len(p)
		}
	}
	return 0
}

// countQualifierAt returns the length of a qualifier of several words
// ("up to", "more than", "at least", "as many as") at i, followed by a
// word, or 0.
func (r *run) countQualifierAt(part part, i, limit int) int {
	lower := r.d.folded[part]
	for q := range r.c.lex.amountQualifiers {
		if strings.Contains(q, " ") && strings.HasPrefix(lower[i:limit], q+" ") {
			return len(q)
		}
	}
	if strings.HasPrefix(lower[i:limit], "as many as ") {
		return len("as many as")
	}
	return 0
}

// modifierAt reports whether the -ing word ing, ending at j, modifies the
// noun after it rather than opening a clause: "a rival hosting platform",
// "its coding agent" (but "a tool helping doctors").
func (r *run) modifierAt(part part, j, limit int, ing string) bool {
	lower := r.d.folded[part]
	// "capital spending forecast": an -ing word that ends a noun of
	// several words the lists spell out is part of the phrase.
	if _, ok := r.c.nouns.multiMatch(lower[:j-len(ing)], ing); ok {
		return true
	}
	i := skipSpaceAll(lower, j, limit)
	if i == j || i >= limit {
		return false
	}
	e := i
	for e < limit && !isSpace(lower[e]) && !phrasePunct(lower[e]) {
		e++
	}
	k, ok := r.c.nouns.headKind(ing+" ", strings.Trim(lower[i:e], "\"'.!?:"))
	if !ok {
		return false
	}
	// ("a pretraining corpus"; "autonomous trucking firm Haulix": before
	// a company's word in the singular, what the company does.)
	// ("a driverless testing permit", "a five-year consulting contract":
	// before an approval or a deal, what it allows or covers.)
	if k == kProduct || k == kModel || k == kData || k == kOrg || k == kApproval || k == kContract {
		return true
	}
	// "AI coding startup", "Israeli networking startup": after an acronym
	// or a capitalised word of a place or a people it qualifies any noun;
	// after a noun ("a tool helping companies") it opens a clause.
	before := strings.Fields(r.d.parts[part][:j-len(ing)])
	if len(before) == 0 {
		return false
	}
	last := strings.Trim(before[len(before)-1], "\"'“”")
	return acronym(last) || isCapital(last) && r.c.lex.notNames[strings.ToLower(last)]
}

// countOrSum reports a phrase that counts or sums and names nothing: a
// number or a share ("70%", "a third"), or a sum ("$2B").
func (lx *lexicon) countOrSum(s string) bool {
	return s != "" && (isDigit(s[0]) || strings.ContainsAny(s, "%$€£¥") || lx.isCount(s))
}

// isCount reports a number or a share: "30", "14%", "1,200", "a third".
func (lx *lexicon) isCount(w string) bool {
	w = strings.TrimSpace(w)
	if w == "" {
		return false
	}
	if lx.countWords[w] {
		return true
	}
	for i := 0; i < len(w); i++ {
		if !isDigit(w[i]) && w[i] != ',' && w[i] != '.' && w[i] != '%' {
			return false
		}
	}
	return true
}

func words0(s string) []string { return strings.Fields(s) }

// shareOf reads the share of a company a phrase opens on, "15% of …" or
// "a 15 percent of …" (lower case), as a percentage.
func shareOf(p string) (float64, bool) {
	p = strings.TrimLeft(p, " ")
	p = strings.TrimPrefix(p, "a ")
	p = strings.TrimPrefix(p, "another ")
	j := 0
	for j < len(p) && (isDigit(p[j]) || p[j] == '.') {
		j++
	}
	if j == 0 {
		return 0, false
	}
	rest := p[j:]
	if r, ok := strings.CutPrefix(rest, "%"); ok {
		rest = r
	} else if r, ok := strings.CutPrefix(rest, " percent"); ok {
		rest = r
	} else {
		return 0, false
	}
	if !strings.HasPrefix(rest, " of ") {
		return 0, false
	}
	return parseNumber(p[:j]), true
}

// backAsVerb reports "back" written as the verb of the names before it
// ("SIDBI, Kotak back …"), not as a word of direction ("head back to").
func (r *run) backAsVerb(h hit) bool {
	text := r.d.parts[h.part]
	before := strings.TrimRight(text[:h.start], " ")
	prev := lastField(before)
	if prev == "" || r.titleCase(h.part) {
		return false
	}
	if slices.Contains([]string{"investors", "backers", "funds", "firms", "vcs", "banks", "angels"}, prev) {
		return true
	}
	// (A capital that opens the sentence may be any word: "Welcome back".)
	at := len(before) - len(prev)
	opens := at == r.sentenceOf(h)[0]
	return isCapital(prev) && (!opens || r.mentionAt(h.part, at) != nil)
}

// shareBought reads the verb and the number before "% of" at h: "buys
// 15% of …" is a share of 15 bought.
func (r *run) shareBought(h hit) (float64, bool) {
	lower := r.d.folded[h.part]
	before := strings.Fields(lower[r.clauseSpan(h)[0]:h.start])
	n := len(before)
	if n < 2 {
		return 0, false
	}
	num, verb := before[n-1], before[n-2]
	if verb == "a" || verb == "another" {
		if n < 3 {
			return 0, false
		}
		verb = before[n-3]
	}
	if !slices.Contains(shareVerbs, verb) || strings.Trim(num, "0123456789.") != "" {
		return 0, false
	}
	return parseNumber(num), true
}

// shareVerbs buy a share of a company: "buys 15% of …".
var shareVerbs = []string{"buys", "bought", "buy", "acquires", "acquired", "acquire", "takes", "took", "take", "picks", "purchases", "purchased"}

// stakeOverHalf reports whether a phrase ending in "stake" (or 股权) says
// it is more than half: "majority", "controlling", 全部, or a share over
// 50%.
func stakeOverHalf(p string) bool {
	if strings.Contains(p, "majority") || strings.Contains(p, "controlling") || strings.Contains(p, "全部") {
		return true
	}
	if i := strings.IndexByte(p, '%'); i > 0 {
		j := i
		for j > 0 && (isDigit(p[j-1]) || p[j-1] == '.') {
			j--
		}
		if v := parseNumber(p[j:i]); v > 50 {
			return true
		}
	}
	return false
}

// asRole reads "Google as a customer": the role a name is given right
// after it.
func (r *run) asRole(part part, from, limit int) (kind, string) {
	lower := r.d.folded[part]
	rest := lower[from:limit]
	if !strings.HasPrefix(rest, " as ") {
		return kNone, ""
	}
	a := r.enPhrase(part, from+len(" as "), limit, r.d.parts[part])
	switch a.kind {
	case kUsers:
		// "lands Shopify as inference customer": a company that buys.
		if words := strings.Fields(strings.ToLower(a.text)); customerWords[words[len(words)-1]] {
			return kCustomer, a.text
		}
		return a.kind, a.text
	case kPerson:
		return a.kind, a.text
	}
	// ("as head of film", "as Head of Film": an office, whatever it is
	// over.)
	if first, _, _ := strings.Cut(strings.ToLower(a.text), " "); r.c.lex.personRoles[first] {
		return kPerson, a.text
	}
	return kNone, ""
}

// customerWords are the roles in which a company named after "as" buys
// from the doer.
var customerWords = map[string]bool{"customer": true, "customers": true, "client": true, "clients": true}

// apposition reads "Dolly, a ChatGPT-like model": a name followed by a
// comma and a phrase that says what it is takes that phrase's kind.
func (r *run) apposition(part part, a arg, end, limit int) arg {
	text := r.d.parts[part]
	if a.kind == kName && strings.HasPrefix(text[min(end, len(text)):], " who ") {
		// "Meet the Swede who tattooed …": who speaks of a person.
		a.kind, a.why = kPerson, "a name followed by “who”"
		return a
	}
	// ("open-sources 'SeedBench', a seed dataset": past the name's
	// closing quote.)
	for _, q := range []string{"'", "\"", "’", "”"} {
		if strings.HasPrefix(text[min(end, len(text)):], q) {
			end += len(q)
			break
		}
	}
	// ("Steelset-2M, two million simulated melts": a name shaped like a
	// model's that the next phrase calls data.)
	versioned := a.kind == kModel && a.mention == nil
	if a.kind != kName && a.kind != kOrg && a.kind != kNone && !versioned || end >= len(text) || text[end] != ',' && text[end] != ':' {
		return a
	}
	rest := strings.TrimLeft(text[end+1:], " ")
	// ("Deskchat, 5,000 customer-support conversations": a count describes it too.)
	if lr := strings.ToLower(rest); a.kind != kNone && !(strings.HasPrefix(lr, "a ") || strings.HasPrefix(lr, "an ") ||
		strings.HasPrefix(lr, "the ") || strings.HasPrefix(lr, "its ") || strings.HasPrefix(lr, "our ") ||
		strings.HasPrefix(lr, "their ") || strings.HasPrefix(lr, "new ") || rest != "" && isDigit(rest[0])) {
		return a
	}
	if text[end] == ':' && (a.kind != kName || !strings.HasPrefix(rest, "a ") && !strings.HasPrefix(rest, "an ")) {
		return a // "Tessel: a 1B-parameter model"; no other phrase after a colon
	}
	from := len(text) - len(rest)
	lim := len(text)
	// (Not the comma of a number: "a 40,000-task benchmark".)
	for i := from; i < len(text); i++ {
		if c := text[i]; c == ';' || c == ':' || c == ',' && !(i > from && isDigit(text[i-1]) && i+1 < len(text) && isDigit(text[i+1])) {
			lim = i
			break
		}
	}
	app := r.enPhrase(part, from, lim, text)
	// "Dolly, a ChatGPT-like model": the name compared with is no head.
	if app.mention != nil && strings.HasPrefix(text[app.end:], "-like") {
		app = arg{start: from, end: lim}
	}
	if app.kind == kNone {
		// "Wren: a speech model small enough for …": words after the
		// head describe it. The head is the last noun of the first run
		// of nouns ("AI agent startup everyone's …" is a startup).
		lower := r.d.folded[part]
		before := ""
		for _, w := range strings.Fields(lower[app.start:app.end]) {
			k, ok := r.c.nouns.headKind(before, w)
			if !ok && app.kind != kNone {
				break
			}
			if ok {
				app.kind, app.text = k, text[app.start:app.start+len(before)+len(w)]
			}
			before += w + " "
		}
	}
	switch {
	case app.kind == kOrg && a.kind == kNone:
		// "io, Jony Ive's AI device company": a name in lower case.
		a.kind, a.why = kName, "a name the next phrase calls "+quote(app.text)
	case a.kind == kNone:
	case app.kind == kOrg:
		a.why = "a name the next phrase calls " + quote(app.text)
	case versioned && app.kind != kData:
	case app.kind == kModel || app.kind == kProduct || app.kind == kData || app.kind == kPerson:
		// ("Lumora, its new CFO": a person.)
		a.kind, a.why = app.kind, "a name the next phrase calls "+quote(app.text)
	}
	return a
}

// titleCase reports whether a part is written in title case, where a
// capital says nothing of a name: most of its longer words start with
// one.
func (r *run) titleCase(part part) bool {
	if c := r.titleCased[part]; c != 0 {
		return c > 0
	}
	if part == partBody {
		return false // running text is never in title case
	}
	// Ordinary words say it; names are capitalised in any case.
	upper, n := 0, 0
	words := strings.Fields(r.d.parts[part])
	for i, w := range words {
		w = strings.Trim(w, ",.:;'’\"“”!?()")
		if len(w) < 4 || !latinOnly(w) || !r.c.tax.CommonWords[strings.ToLower(w)] {
			continue
		}
		// Words capitalised in any case: a name's ending after a
		// capitalised word ("Nimbus Labs") and a round ("Series A").
		if i > 0 && r.c.lex.companySuffixes[w] && isCapital(words[i-1]) ||
			w == "Series" && i+1 < len(words) && len(strings.Trim(words[i+1], ",.:;")) == 1 {
			continue
		}
		n++
		if isCapital(w) {
			upper++
		}
	}
	v := n >= 2 && upper*10 >= n*7
	// ("Robot maker Axiom Silicon files for US IPO": longer words in
	// lower case that are no prepositions or conjunctions are a
	// sentence's; one alone may be a brand's, "into syngo Platform".)
	if v {
		lower := 0
		for _, w := range words[1:] {
			w = strings.Trim(w, ",.:;'’\"“”!?()")
			if len(w) >= 4 && isLetters(w) && w == strings.ToLower(w) && !r.c.lex.phraseStops[w] {
				lower++
				// ("Data Protection Commission fines Mosaic Voice €12m": a
				// headline's verb in lower case is a sentence's alone.)
				if r.c.lex.verbWord(w) || r.eventWordIn(part, w) {
					lower++
				}
			}
		}
		v = lower < 2
	}
	// "Fernhill Reduces Workforce by 15% Amid Restructuring": words the
	// dictionary lacks count too when every longer word after the first
	// is capitalised and one of them is ordinary or a verb.
	if !v {
		long, capital, known := 0, 0, false
		for i, w := range words {
			w = strings.Trim(w, ",.:;'’\"“”!?()")
			if i == 0 || len(w) < 4 || !latinOnly(w) || !isLetterByte(w[0]) {
				continue
			}
			long++
			if isCapital(w) {
				capital++
				known = known || r.c.tax.CommonWords[strings.ToLower(w)] || r.c.lex.verbWord(w)
			}
		}
		v = long >= 3 && capital == long && known
	}
	r.titleCased[part] = -1
	if v {
		r.titleCased[part] = 1
	}
	return v
}

// eventWordIn reports an event's predicate of part written exactly as w.
func (r *run) eventWordIn(part part, w string) bool {
	return slices.ContainsFunc(r.d.hits, func(h hit) bool { return h.part == part && h.kind == refEvent && h.text == w })
}

// phrasePunct ends a noun phrase.
func phrasePunct(c byte) bool {
	return c == ',' || c == ';' || c == '(' || c == ')' || c == '|'
}

// modelMakerOnly reports a company the taxonomy knows in the model layer
// alone.
func (r *run) modelMakerOnly(name string) bool {
	c := r.c.company(name)
	return c != nil && len(c.Layers) > 0 && !slices.ContainsFunc(c.Layers, func(l news.Layer) bool { return l != news.LayerModel })
}

// namesRegulator reports a government, a court or an agency named in the
// headline or the lead.
func (r *run) namesRegulator() bool {
	for _, p := range []part{partTitle, partSummary} {
		for _, w := range strings.Fields(r.d.parts[p]) {
			if r.c.nouns.regulatorName(strings.Trim(w, ",.;:'’\"“”()")) {
				return true
			}
		}
	}
	return false
}

// innerParen reports a short bracket written inside a word, as "510(k)"
// or "ILS(A)": s opens with it, and a letter or digit closes it.
func innerParen(s string) bool {
	end := strings.IndexByte(s, ')')
	if end < 2 || end > 4 {
		return false
	}
	for i := 1; i < end; i++ {
		if !isWordByte(s[i]) {
			return false
		}
	}
	return true
}

// nounAfter reads the head of the words right after a sum or a name, up to
// four of them: "$100 million deal", "€17m debut fund", "$410M compute
// deal", "Nvidia chips".
func (r *run) nounAfter(part part, from, limit int) (kind, string) {
	text, lower := r.d.parts[part], r.d.folded[part]
	if from < limit && text[from] == '+' {
		from++ // "$100M+"
	}
	if from < limit && !isSpace(text[from]) && text[from] != '-' {
		return kNone, ""
	}
	i := from
	k, last := kNone, ""
	for n := 0; n < 4 && i < limit; n++ {
		i = skipSpaceAll(text, i, limit)
		if i < limit && text[i] == '-' {
			i++
		}
		j := i
		for j < limit && !isSpace(text[j]) && !phrasePunct(text[j]) && text[j] != '.' {
			j++
		}
		if j == i {
			break
		}
		w := strings.Trim(lower[i:j], "\"'“”‘’")
		if r.c.lex.phraseStops[w] {
			break
		}
		// ("HyperCLOVA X SEED 2.0": a word before a version number
		// names an edition.)
		if versionAt(text[j:limit]) {
			break
		}
		if wk, ok := r.c.nouns.headKind(lower[from:i], w); ok {
			k, last = wk, w
		}
		if j < limit && (phrasePunct(text[j]) || text[j] == '.') {
			break
		}
		i = j
	}
	return k, last
}

// purposeFund returns the head of a "for …" or "across …" phrase after a
// sum when it names a fund: "$1 billion for its tenth venture fund".
func (r *run) purposeFund(part part, from, limit int) string {
	if from >= limit {
		return "" // a sum that runs to the phrase's end
	}
	lower := r.d.folded[part]
	rest := lower[from:limit]
	for _, p := range r.c.lex.fundPrepositions {
		i := strings.Index(rest, p)
		if i < 0 || i > 4 {
			continue
		}
		a := r.enPhrase(part, from+i+len(p), limit, r.d.parts[part])
		if a.kind == kFund {
			return a.text
		}
	}
	return ""
}

// publicSource returns the government a sum comes from: "$5 million
// from the state of Texas".
func (r *run) publicSource(part part, from, limit int) string {
	if from >= limit {
		return ""
	}
	lower := r.d.folded[part]
	rest := lower[from:limit]
	i := strings.Index(rest, " from ")
	if i < 0 || i > 16 {
		return ""
	}
	if a := r.enPhrase(part, from+i+len(" from "), limit, r.d.parts[part]); a.kind == kRegulator {
		return a.text
	}
	return ""
}

// qualifierOnly reports whether the words before a sum only qualify it
// ("about", "up to", "more than", "nearly").
func (lx *lexicon) qualifierOnly(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" {
		return true
	}
	return lx.amountQualifiers[s]
}

func skipSpaceAll(text string, i, limit int) int {
	for i < limit && isSpace(text[i]) {
		i++
	}
	return i
}

// cutPossessive returns w without its possessive ending ("Lumora's",
// "Lumora’s") and whether it had one.
func cutPossessive(w string) (string, bool) {
	if name, ok := strings.CutSuffix(w, "'s"); ok {
		return name, true
	}
	return strings.CutSuffix(w, "’s")
}

func isCapital(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}

// upperLetters reports a word of two to five capital ASCII letters: "KT",
// "LGU".
func upperLetters(w string) bool {
	if len(w) < 2 || len(w) > 5 {
		return false
	}
	for i := 0; i < len(w); i++ {
		if w[i] < 'A' || w[i] > 'Z' {
			return false
		}
	}
	return true
}

// acronym reports a word of capitals, perhaps in the plural: "API",
// "GPUs", "LLMs".
func acronym(w string) bool {
	up := 0
	for _, r := range w {
		if unicode.IsUpper(r) {
			up++
		}
	}
	return up >= 2 && strings.ToUpper(strings.TrimSuffix(w, "s")) == strings.TrimSuffix(w, "s")
}

func hasDigit(w string) bool { return strings.ContainsAny(w, "0123456789") }

// webAddress reports a brand written as its web address: "relay.app",
// "cursor.so", "x.ai".
func (lx *lexicon) webAddress(w string) bool {
	name, end, ok := strings.Cut(w, ".")
	if !ok || name == "" || !slices.Contains(lx.webAddressEndings, end) {
		return false
	}
	for _, c := range name {
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

// milestoneOrdinal reports an ordinal of a count reached: "millionth",
// "1,000th", "100th" (not "5th", a generation).
func milestoneOrdinal(w string) bool {
	switch w {
	case "hundredth", "thousandth", "millionth", "billionth":
		return true
	}
	n, ok := strings.CutSuffix(w, "th")
	if !ok || n == "" {
		return false
	}
	n = strings.ReplaceAll(n, ",", "")
	v, err := strconv.Atoi(n)
	return err == nil && v >= 100
}

// measureWord reports a number joined to a unit of time or age: "23-year-old",
// "10-day", "24-hour", "3-month".
func measureWord(w string) bool {
	lw := strings.ToLower(w)
	for _, u := range []string{"-year", "-day", "-hour", "-week", "-month", "-minute", "-second", "-old"} {
		if strings.Contains(lw, u) {
			return true
		}
	}
	return false
}

// stakeRaisedOverHalf reads a stake raised past half of the company:
// "raises its stake in Graphon to 70%", "…, taking control".
func (r *run) stakeRaisedOverHalf(h hit, cl [2]int) bool {
	lower := r.d.folded[h.part]
	if i := strings.Index(lower[h.end:cl[1]], " to "); i >= 0 {
		rest := lower[h.end+i+len(" to ") : cl[1]]
		if w := firstWord(rest); strings.HasSuffix(strings.TrimRight(w, ",.;"), "%") && stakeOverHalf(strings.TrimRight(w, ",.;")) {
			return true
		}
	}
	sent := r.sentenceOf(h)
	after := lower[h.end:sent[1]]
	return strings.Contains(after, "taking control") || strings.Contains(after, "gaining control") || strings.Contains(after, "giving it control")
}

// stakeSold reports a stake that its holder sells, cuts or leaves:
// "SoftBank sold its entire stake in Nvidia", "trims its stake in
// Lumora". Shares change hands; the company raises nothing.
func (r *run) stakeSold(h hit) (string, bool) {
	if !strings.Contains(h.alias, "stake") {
		return "", false
	}
	cl := r.clauseSpan(h)
	before := r.d.folded[h.part][cl[0]:h.start]
	for k := 0; k < 4; k++ {
		before = strings.TrimRight(before, " ")
		i := strings.LastIndexByte(before, ' ')
		w := before[i+1:]
		if slices.Contains(stakeSellVerbs, w) {
			return w, true
		}
		if i < 0 {
			break
		}
		before = before[:i]
	}
	return "", false
}

// stakeSellVerbs are the verbs of a holder that parts with a stake.
var stakeSellVerbs = []string{"sell", "sells", "sold", "selling", "offload", "offloads", "offloaded", "unload", "unloads",
	"unloaded", "dump", "dumps", "dumped", "trim", "trims", "trimmed", "cut", "cuts", "divest", "divests", "divested",
	"reduce", "reduces", "reduced", "exit", "exits", "exited", "liquidate", "liquidates", "liquidated"}

// modelShaped reports a name written like a model's: a version number
// ("Llama 4", "GPT-5.5", "Qwen3", "o3").
func modelShaped(s string) bool {
	words := strings.Fields(s)
	for i, w := range words {
		if !hasDigit(w) || strings.ContainsAny(w, "$€£¥%") || measureWord(w) || yearWord(w) {
			continue
		}
		// ("Release v3.8.2": a software release's three-part number alone
		// names no model.)
		if w[0] == 'v' && versionToken(w) && strings.Count(w, ".") >= 2 && (i == 0 || !isCapital(words[i-1])) {
			continue
		}
		// "GPT-5", "Qwen3", "o3", or a number after a name: "Llama 4".
		if strings.IndexFunc(w, unicode.IsLetter) >= 0 || i > 0 && isCapital(words[i-1]) {
			return true
		}
	}
	return false
}

// productVersioned reports a versioned name whose word before the number
// names a product, not a model: an operating system ("HarmonyOS 5",
// "澎湃OS 3") or a product noun ("Galaxy Watch 8"). It returns that word.
func (r *run) productVersioned(s string) (string, bool) {
	words := strings.Fields(s)
	for i := 1; i < len(words); i++ {
		if !hasDigit(words[i]) || hasDigit(words[i-1]) {
			continue
		}
		w := strings.Trim(words[i-1], ",.:;'’\"")
		if strings.HasSuffix(w, "OS") || r.c.nouns.en[strings.ToLower(w)] == kProduct {
			return w, true
		}
		return "", false
	}
	return "", false
}

// policyOwner reads the owner a policy noun's phrase names before it in
// its clause ("Acme's new policy", "California's new AI law": a place
// reads as a plain word), or no argument when none is named.
func (r *run) policyOwner(part part, a arg) arg {
	text := r.d.parts[part]
	cl := r.clauseSpan(hit{part: part, start: a.start, end: a.end})
	seg := text[cl[0]:a.start]
	i := max(strings.LastIndex(seg, "'s "), strings.LastIndex(seg, "’s "))
	if i <= 0 {
		return arg{}
	}
	return r.enPhrase(part, cl[0], cl[0]+i, text)
}

// versionedArg is the argument a name with a version makes at start: a
// model's, or a product's when productVersioned says so.
func (r *run) versionedArg(start int, name string) arg {
	if w, ok := r.productVersioned(name); ok {
		return arg{kind: kProduct, start: start, end: start + len(name), text: name, why: "a name with a version after " + quote(w) + ", a product's"}
	}
	// "Trn3 UltraServers", "M5 chips": a versioned name that ends in a
	// machine's noun names the machine.
	if f := strings.Fields(name); len(f) >= 2 && !hasDigit(f[len(f)-1]) && machineHeads[strings.ToLower(f[len(f)-1])] {
		return arg{kind: kProduct, start: start, end: start + len(name), text: name, why: "a name with a version that ends in " + quote(f[len(f)-1]) + ", a machine's"}
	}
	// "Cursor 3 ships", "Dify 2.0正式发布": a version of the name of an
	// application's or a tool's company is a product of its, not a model.
	if f := strings.Fields(name); len(f) >= 2 && hasDigit(f[len(f)-1]) {
		if known, ok := r.c.Canonical(strings.Join(f[:len(f)-1], " ")); ok {
			if co := r.c.company(known); co != nil && len(co.Layers) == 1 && (co.Layers[0] == news.LayerApplication || co.Layers[0] == news.LayerMiddleware) {
				return arg{kind: kProduct, start: start, end: start + len(name), text: name, why: "a name with a version after " + quote(known) + "'s, whose layer builds no models"}
			}
		}
	}
	return arg{kind: kModel, start: start, end: start + len(name), text: name, why: "a name with a version"}
}

// versionedRunAfter returns where a run of up to three capitalised words
// after end ends when one of them holds a digit ("Ioniq 5s", "H200s"),
// or end when there is none.
// zhFirstOfTwo reads the doer of "A与B…" (or 和, 携手) that opens the
// clause before the predicate h: A, a name the lists know or one shaped
// like a company's.
func (r *run) zhFirstOfTwo(h hit, cl [2]int, passive bool) (arg, bool) {
	if passive {
		return arg{}, false
	}
	text := r.d.parts[h.part]
	seg := text[cl[0]:h.start]
	i, joiner := -1, ""
	for _, j := range []string{"与", "和", "携手"} {
		if k := strings.Index(seg, j); k > 0 && (i < 0 || k < i) {
			i, joiner = k, j
		}
	}
	if i < 0 {
		return arg{}, false
	}
	end := cl[0] + i
	for k := range r.mentions {
		if m := &r.mentions[k]; m.part == h.part && m.end == end && m.start >= cl[0] && m.kind == refCompany {
			return r.mentionArg(m), true
		}
	}
	from, to := trimSpaceSpan(text, cl[0], end)
	head := text[from:to]
	// (A legal name with an aside, "…(集团)股份有限公司", is left to the
	// readers of legal names.)
	if strings.ContainsAny(head, "()（）") {
		return arg{}, false
	}
	if name, at, _ := r.c.lex.describedName(head); name != "" && !latinOnly(name) && at+len(name) == len(head) &&
		r.c.lex.zhSuffixedName(name) && !zhNotAName(name) && strings.TrimSpace(r.canonicalUnknown(name)) != "" {
		return arg{kind: kName, start: from + at, end: from + at + len(name), text: name, why: "the first of two joined by " + quote(joiner)}, true
	}
	return arg{}, false
}

// personWordEnds reports lower-case words that end on a word for what
// someone does ("former Orbitel executive"): a name after them is a
// person's. "partner Ledgerline" and "market leader Quillon" are
// companies.
func (r *run) personWordEnds(words []string) bool {
	last := words[len(words)-1]
	if last == "partner" || last == "leader" {
		return false
	}
	k, ok := r.c.nouns.headKind(strings.Join(words[:len(words)-1], " ")+" ", last)
	return ok && k == kPerson
}

// zhOpenAdjective reports a 开源 at i that another verb before it makes
// an adjective: "部署开源模型", "接入8款开源模型".
func (r *run) zhOpenAdjective(part part, i int) bool {
	before := strings.TrimRightFunc(r.d.parts[part][:i], func(c rune) bool { return c == '款' || c == '个' || c == '多' || c == '数' || unicode.IsDigit(c) })
	return slices.ContainsFunc(zhOpenAdjectiveVerbs, func(v string) bool { return strings.HasSuffix(before, v) })
}

// zhOpenAdjectiveVerbs are verbs after which 开源 says what kind of model
// they act on: "部署开源模型" deploys an open model.
var zhOpenAdjectiveVerbs = []string{"部署", "接入", "使用", "调用", "基于", "支持", "适配", "集成", "采用", "微调", "托管"}

// participles are past participles that do not end in "-ed".
var participles = map[string]bool{"brought": true, "made": true, "taken": true, "held": true, "won": true, "given": true,
	"led": true, "built": true, "sold": true, "bought": true, "run": true, "written": true, "done": true}

// countedData are the things data is made of: a count of them released
// is a dataset.
var countedData = map[string]bool{"photos": true, "images": true, "videos": true, "clips": true, "recordings": true,
	"tasks": true, "problems": true, "questions": true, "prompts": true, "examples": true, "samples": true,
	"documents": true, "transcripts": true, "conversations": true, "dialogues": true, "trajectories": true,
	"episodes": true, "molecules": true, "structures": true, "alloys": true, "proteins": true, "sequences": true,
	"scans": true, "mammograms": true, "x-rays": true, "tokens": true, "annotations": true, "demonstrations": true}

// governmentApprovals are the approvals only a government or a regulator
// gives.
var governmentApprovals = map[string]bool{"permit": true, "permits": true, "clearance": true, "clearances": true,
	"authorization": true, "authorisation": true, "waiver": true, "exemption": true, "approval": true, "approvals": true}

// sumRaise reads "raise" after a sum as a noun ("Corvel's $35M
// raise"): it returns the sum as the object, and the name that owns it as
// the doer (none without one).
func (r *run) sumRaise(h hit, f *Frame) (arg, arg, bool) {
	if f.Type != news.EventFunding || !strings.EqualFold(h.text, "raise") {
		return arg{}, arg{}, false
	}
	text := r.d.parts[h.part]
	for _, am := range r.amountsIn(h.part) {
		if am.end+1 != h.start || text[am.end] != ' ' || am.other || am.valuation {
			continue
		}
		sum := arg{kind: kMoney, start: am.start, end: am.end, text: text[am.start:am.end], why: "a sum before “raise”, a noun"}
		before := strings.TrimRight(text[:am.start], " ")
		name, ok := strings.CutSuffix(before, "'s")
		if !ok {
			name, ok = strings.CutSuffix(before, "’s")
		}
		if !ok {
			return sum, arg{}, true
		}
		for k := range r.mentions {
			if m := &r.mentions[k]; m.part == h.part && m.end == len(name) {
				return sum, r.mentionArg(m), true
			}
		}
		if n, at := r.leadName(text, strings.LastIndexAny(name, ":,;")+1, len(name)); n != "" && at+len(n) == len(name) {
			return sum, arg{kind: kName, start: at, end: at + len(n), text: n, why: "the name that owns the sum"}, true
		}
		return sum, arg{}, true
	}
	return arg{}, arg{}, false
}

// qualifierPair reports a lower-case word that no list knows, at
// [from:to], joined by the "and" or "or" that ends at j to a word and a
// head noun the lists know: "image and video tech", "chip or server
// business".
func (r *run) qualifierPair(part part, from, to, j, limit int) bool {
	text, lower := r.d.parts[part], r.d.folded[part]
	if w := lower[from:to]; text[from:to] != w || !isLetters(w) || r.c.nouns.headKinds("", w) != 0 {
		return false
	}
	// (Not a name's last word: "Lumen Pro 3 and new agent tools".)
	if prev := lastField(text[:from]); prev != "" && isCapital(prev) && !strings.HasSuffix(prev, "'s") && !strings.HasSuffix(prev, "’s") {
		return false
	}
	words := strings.Fields(lower[j:min(limit, j+40)])
	if len(words) < 2 || strings.ContainsAny(words[0], ",;:") || r.c.lex.phraseStops[words[0]] {
		return false
	}
	next := strings.Trim(words[1], ",.;:'\"")
	k, ok := r.c.nouns.headKind(words[0]+" ", next)
	return ok && k != kPlain && k != kOrg && k != kPerson
}

// endsOnPreposition reports a cue of several words whose last is a
// preposition: "partner on", "deal with".
func endsOnPreposition(cue string) bool {
	i := strings.LastIndexByte(cue, ' ')
	return i > 0 && slices.Contains([]string{"on", "with", "to", "for", "of", "in", "into", "from"}, strings.ToLower(cue[i+1:]))
}

// numberedEditionAfter returns where a run of one or two capitalised
// Latin words and a number ends, right after end ("… Sentry 3",
// "… Vision Pro 2.5"), or end when none follows. The number is the
// run's last word: "Sentry 3 million" is no edition.
func numberedEditionAfter(text string, end, limit int) int {
	i := end
	for n := 0; n < 3 && i < limit && text[i] == ' '; n++ {
		j := i + 1
		for j < limit && text[j] != ' ' {
			j++
		}
		w := strings.TrimRight(text[i+1:j], ",.;:")
		closed := len(w) < j-i-1 || j == limit
		switch {
		case n > 0 && w != "" && isDigit(w[0]):
			if strings.IndexFunc(w, func(c rune) bool { return !unicode.IsDigit(c) && c != '.' }) >= 0 {
				return end
			}
			if !closed {
				// What follows the number must not be its unit.
				k := j + 1
				for k < limit && text[k] != ' ' {
					k++
				}
				if next := text[min(j+1, limit):k]; next != "" && !isCapital(next) && strings.ToLower(next) == next && !slices.Contains(editionFollowers, next) {
					return end
				}
			}
			return i + 1 + len(w)
		case w == "" || !isCapital(w) || !latinOnly(w) || closed:
			return end
		}
		i = j
	}
	return end
}

// editionFollowers are the lower-case words a versioned name is often
// followed by in a headline: "Sentry 3 for agents", "Sentry 3 to …".
var editionFollowers = []string{"for", "to", "with", "and", "in", "on", "as", "that", "which", "–", "-", "—"}

func versionedRunAfter(text string, end, limit int) int {
	i, stop, digit := end, end, false
	for n := 0; n < 3 && i < limit && text[i] == ' '; n++ {
		j := i + 1
		for j < limit && text[j] != ' ' {
			j++
		}
		w := strings.TrimRight(text[i+1:j], ",.;:")
		if w == "" || !capitalOrDigit(w) || !latinOnly(w) {
			break
		}
		if hasDigit(w) && strings.IndexFunc(w, unicode.IsLetter) >= 0 {
			digit = true
		}
		stop = i + 1 + len(w)
		if stop < j {
			break // a mark closes the run
		}
		i = j
	}
	if !digit {
		return end
	}
	return stop
}

// leadSaysAcquired reports a lead whose first sentence says the company
// named was acquired: "… has acquired Motionbank", "Motionbank has been
// acquired by …".
func (r *run) leadSaysAcquired(name string) bool {
	ss := r.d.sentences[partSummary]
	if len(ss) == 0 || name == "" {
		return false
	}
	lead := r.d.folded[partSummary][ss[0][0]:ss[0][1]]
	n := strings.ToLower(name)
	for _, v := range []string{"acquired ", "acquires ", "acquisition of ", "bought ", "buys "} {
		if strings.Contains(lead, v+n) {
			return true
		}
	}
	return strings.Contains(lead, n+" has been acquired") || strings.Contains(lead, n+" was acquired")
}

// machineHeads are the nouns of machines that end a product's name after
// its version; no model's name ends in one.
var machineHeads = map[string]bool{"server": true, "servers": true, "ultraserver": true, "ultraservers": true, "instance": true,
	"instances": true, "chip": true, "chips": true, "superchip": true, "superchips": true, "gpu": true, "gpus": true, "rack": true,
	"racks": true, "supercomputer": true, "supercomputers": true, "workstation": true, "workstations": true, "laptop": true,
	"laptops": true, "phone": true, "phones": true, "processor": true, "processors": true, "superpod": true, "superpods": true,
	"pod": true, "pods": true, "cluster": true, "clusters": true, "switch": true, "switches": true, "accelerator": true,
	"accelerators": true, "soc": true, "npu": true, "npus": true, "tpu": true, "tpus": true, "module": true, "modules": true}

// yearWord reports a year standing alone ("The AI Index 2027"): a date,
// not a version.
func yearWord(w string) bool {
	w = strings.Trim(w, ",.:;'’\"")
	return len(w) == 4 && (strings.HasPrefix(w, "19") || strings.HasPrefix(w, "20")) && !strings.ContainsFunc(w, func(c rune) bool { return c < '0' || c > '9' })
}

// mentionKind is what a known name stands for: a company, or one of its
// units, a model or a product by the unit's layer.
func (r *run) mentionKind(m *mention) kind {
	// "deal for Anthropic's Claude": a company's ambiguous alias that
	// also names one of its units is that unit.
	if m.unit < 0 && m.kind == refCompany {
		if u := unitNamed(r.c.tax.Companies[m.idx].Units, m.text); u >= 0 {
			um := *m
			um.unit = u
			return r.mentionKind(&um)
		}
	}
	if m.unit < 0 {
		// "DeepSeek-R2", "GLM-5": a maker's name with a version joined
		// to it names a model (a tool's, "Dify 2.0", is a product).
		// (An application's name with a version may name its own model:
		// "Pika 3.0".)
		makesModels := m.kind != refCompany || r.makesModels(m) || !slices.Contains(r.c.tax.Companies[m.idx].Layers, news.LayerMiddleware)
		if text := r.d.parts[m.part]; makesModels && m.end+1 < len(text) && text[m.end] == '-' {
			j := m.end + 1
			for j < len(text) && isWordByte(text[j]) {
				j++
			}
			// ("DeepSeek-OCR 2": or with its version after a space.)
			if hasDigit(text[m.end+1:j]) || j > m.end+1 && j+1 < len(text) && text[j] == ' ' && versionToken(firstWord(text[j+1:])) {
				return kModel
			}
		}
		// "上线DeepSeek V4", "Kimi K3": or after a space, a version with
		// a letter or a point (not a year or a count).
		if text := r.d.parts[m.part]; m.end+1 < len(text) && text[m.end] == ' ' {
			if w := firstWord(text[m.end+1:]); versionToken(w) && (!isDigit(w[0]) || strings.Contains(w, ".")) {
				if !makesModels {
					return kProduct
				}
				return kModel
			}
		}
		return kOrg
	}
	c := r.c.tax.Companies[m.idx]
	u := c.Units[m.unit]
	if u.Layer == news.LayerModel {
		// "“千问”App公测上线", "Gemini app": a model's name before a word
		// for an app names the app.
		rest := strings.TrimLeft(r.d.parts[m.part][m.end:], "”」\"' ")
		for _, w := range appWords {
			if strings.HasPrefix(rest, w) && (len(rest) == len(w) || !isWordByte(rest[len(w)])) {
				return kProduct
			}
		}
		return kModel
	}
	// "Kimi K3": a product's name with a version the taxonomy knows a
	// model of ("Kimi K2") names the next model.
	if text := r.d.parts[m.part]; m.end < len(text) && (text[m.end] == ' ' || text[m.end] == '-') && versionToken(firstWord(text[m.end+1:])) {
		for _, v := range c.Units {
			if v.Layer == news.LayerModel && len(v.Name) > len(u.Name)+1 && strings.HasPrefix(v.Name, u.Name) &&
				(v.Name[len(u.Name)] == ' ' || v.Name[len(u.Name)] == '-') && versionToken(v.Name[len(u.Name)+1:]) {
				return kModel
			}
		}
	}
	return kProduct
}

// versionToken reports a model's version written alone: "3", "2.5",
// "K2", "T1", "V4", "X2" (a letter or two, then a digit).
func versionToken(s string) bool {
	i := 0
	for i < len(s) && i < 2 && (s[i] >= 'A' && s[i] <= 'Z' || s[i] >= 'a' && s[i] <= 'z') {
		i++
	}
	if i == len(s) || !isDigit(s[i]) {
		return false
	}
	for ; i < len(s); i++ {
		if !isDigit(s[i]) && s[i] != '.' {
			return false
		}
	}
	return !strings.HasSuffix(s, ".")
}

// firstWord is s up to its first space or punctuation of a phrase.
func firstWord(s string) string {
	i := 0
	for i < len(s) && !isSpace(s[i]) && s[i] != ',' && s[i] != ':' && s[i] != ';' && s[i] < utf8.RuneSelf {
		i++
	}
	return s[:i]
}

// mentionArg makes an argument of a known name.
func (r *run) mentionArg(m *mention) arg {
	return arg{kind: r.mentionKind(m), start: m.start, end: m.end, text: m.text, mention: m, why: "a name the taxonomy knows"}
}

// mentionAt returns the accepted company mention that starts at i in
// part, or nil.
func (r *run) mentionAt(part part, i int) *mention {
	if r.mentionStarts == nil {
		r.mentionStarts = make(map[spanKey]int, len(r.mentions))
		for k := range r.mentions {
			m := &r.mentions[k]
			if m.kind == refCompany {
				key := spanKey{m.part, m.start, 0}
				if _, dup := r.mentionStarts[key]; !dup {
					r.mentionStarts[key] = k
				}
			}
		}
	}
	if k, ok := r.mentionStarts[spanKey{part, i, 0}]; ok {
		return &r.mentions[k]
	}
	return nil
}

// enPhraseBefore reads the noun phrase before a passive predicate: "Run:ai
// to be acquired by Nvidia".
func (r *run) enPhraseBefore(h hit) arg {
	text := r.d.parts[h.part]
	cl := r.clauseSpan(h)
	if best := r.lastCompanyBefore(h, cl); best != nil {
		return r.mentionArg(best)
	}
	if name, at := r.c.lex.unknownName(text[cl[0]:h.start]); name != "" {
		return arg{kind: kName, start: cl[0] + at, end: cl[0] + at + len(name), text: name, why: "a capitalised name"}
	}
	return arg{}
}

// productFor reads "X for Y" ending at end, X a product or a model the
// lists know (an ambiguous one too) and Y a capitalised name of one to
// three words, as the product X for Y.
func (r *run) productFor(part part, from, end int) (arg, bool) {
	text, lower := r.d.parts[part], r.d.folded[part]
	i := strings.LastIndex(lower[from:end], " for ")
	if i < 0 {
		return arg{}, false
	}
	at := from + i
	y := strings.Fields(text[at+len(" for ") : end])
	if len(y) == 0 || len(y) > 3 || !slices.ContainsFunc(y, isCapital) || slices.ContainsFunc(y, func(w string) bool { return !isCapital(w) && !hasDigit(w) }) {
		return arg{}, false
	}
	for _, o := range r.d.hits {
		if o.kind != refCompany || o.part != part || o.end != at || o.start < from || o.unit < 0 {
			continue
		}
		m := r.mentionAt(part, o.start)
		if m != nil {
			if mk := r.mentionKind(m); mk != kModel && mk != kProduct {
				continue
			}
		}
		return arg{kind: kProduct, start: o.start, end: end, text: text[o.start:end], mention: m, why: "a product of " + quote(o.text) + " for " + quote(strings.Join(y, " "))}, true
	}
	return arg{}, false
}

// enSubject reads the doer of an English predicate: the phrase right
// before it in its clause (past auxiliaries and adverbs: "Apple quietly
// picked up", "Acme is set to buy"), or the agent after "by" in the
// passive. A company named further back is not the doer when another
// noun stands between ("Apple harvest falls as drought hits …").
func (r *run) enSubject(h hit, passive bool) arg {
	text, lower := r.d.parts[h.part], r.d.folded[h.part]
	cl := r.clauseSpan(h)
	// "Fresh off a $150M Series C, Orrin Voice acquires …": a clause of
	// what happened before, ahead of the doer, is no part of it.
	// (One that opens the sentence: "X, which raised $5M, acquires …" is
	// X's doing.)
	for ci, c := range r.d.clauses[h.part] {
		if skipSpaceAll(text, c[0], h.start) == cl[0] && c[1] < h.start && r.backgroundClause(h.part, ci) {
			cl[0] = skipSpaceAll(text, c[1]+1, h.start)
		}
	}
	if passive {
		if i := strings.Index(lower[h.end:cl[1]], "by "); i >= 0 {
			return r.enPhrase(h.part, h.end+i+3, cl[1], text)
		}
		return arg{}
	}
	// "Acme Bank moves faster with ChatGPT": the doer of a preposition is
	// the clause's own.
	if h.alias == "with" {
		for k := range r.mentions {
			m := &r.mentions[k]
			if m.part == h.part && m.start >= cl[0] && m.start <= cl[0]+2 {
				return r.mentionArg(m)
			}
		}
		// "How Quarrydale Bank halved fraud reviews with …": a customer
		// story's "How" opens the clause before its doer.
		from := cl[0]
		if w, _, _ := strings.Cut(text[from:h.start], " "); strings.EqualFold(w, "how") && from == 0 && h.part == partTitle {
			from += len(w) + 1
		}
		// ("You can now order groceries with …": a pronoun is no name.)
		if name, at := r.leadName(text, from, h.start); name != "" && !r.c.lex.pronouns[strings.ToLower(name)] {
			return arg{kind: kName, start: at, end: at + len(name), text: name, why: "the name that opens the clause"}
		}
		return arg{}
	}
	end := h.start
	for {
		before := strings.TrimRight(lower[cl[0]:end], " ")
		// ("Brightwave 'rightsizes' its team": a verb in quotes.)
		if b := before; b != "" && (b[len(b)-1] == '\'' || b[len(b)-1] == '"' || strings.HasSuffix(b, "‘") || strings.HasSuffix(b, "“")) {
			before = strings.TrimRight(b, " '‘\"“")
		}
		trimmed := false
		for _, aux := range r.c.lex.auxiliaries {
			if strings.HasSuffix(before, aux) {
				before = strings.TrimSuffix(before, aux)
				trimmed = true
				break
			}
		}
		if !trimmed {
			// An adverb after the doer: "quietly", "officially".
			if i := strings.LastIndexByte(before, ' '); i >= 0 && strings.HasSuffix(before, "ly") && len(before)-i > 4 && !isCapital(text[cl[0]+i+1:]) {
				before = before[:i]
				trimmed = true
			}
		}
		if !trimmed {
			// "Nvidia Is Said to Near Deal for …": the verb after an
			// auxiliary's "to".
			if i := strings.LastIndexByte(before, ' '); i >= 0 {
				for _, aux := range r.c.lex.auxiliaries {
					if aux != " to" && strings.HasSuffix(aux, " to") && strings.HasSuffix(before[:i], aux) {
						before = before[:i]
						trimmed = true
						break
					}
				}
			}
		}
		if !trimmed {
			// "Marrowgate Systems (NASDAQ: MRGT) Finalizes Purchase
			// of": a deal's verb before its noun, capitalised in a
			// title-case headline, is not the doer.
			if i := strings.LastIndexByte(before, ' '); i >= 0 && r.c.lex.verbWord(before[i+1:]) {
				before = before[:i]
				trimmed = true
			} else if j := strings.LastIndexByte(before, ' '); j >= 0 && (before[j+1:] == "a" || before[j+1:] == "an") {
				// "Apple makes a bid for …": the article, then the verb.
				if k := strings.LastIndexByte(before[:j], ' '); k >= 0 && r.c.lex.verbWord(before[k+1:j]) {
					before = before[:k]
					trimmed = true
				}
			}
		}
		end = cl[0] + len(before)
		if !trimmed {
			break
		}
	}
	// "Shentong Zhisuan (深瞳智算) closes": a bracketed aside is not the
	// doer.
	if b := strings.TrimRight(text[cl[0]:end], " "); strings.HasSuffix(b, ")") || strings.HasSuffix(b, "）") {
		if i := strings.LastIndexAny(b, "(（"); i > 0 {
			end = cl[0] + len(strings.TrimRight(b[:i], " "))
		}
	}
	// "Pathvane™ Closes": a trademark's mark is no part of the doer.
	for {
		b := strings.TrimRight(text[cl[0]:end], " ")
		t := strings.TrimRight(b, "™®©")
		if t == b {
			break
		}
		end = cl[0] + len(t)
	}
	// "Yunqi Zhineng Technology Co., Ltd. completes": the legal suffixes
	// end the name; the doer is the name before them.
	// (Not a known name that holds them: "Apple Inc.")
	legal := false
	for n := 0; n < 2; n++ {
		b := strings.TrimRight(text[cl[0]:end], " ")
		i, ok := r.c.lex.legalSuffixAt(b)
		if !ok {
			break
		}
		suffix := cl[0] + i + 1
		if slices.ContainsFunc(r.mentions, func(m mention) bool { return m.part == h.part && m.start < suffix && m.end > suffix }) {
			break
		}
		end, legal = cl[0]+len(strings.TrimRight(b[:i], " ,")), true
	}
	if legal {
		// (Legal names run longer than the names companies go by:
		// "Wuxi Hengyuan Smart Warehousing Equipment".)
		at := end
		for n := 0; n < 7; n++ {
			j := strings.LastIndexByte(strings.TrimRight(text[cl[0]:at], " "), ' ')
			w := strings.TrimSpace(text[cl[0]+j+1 : at])
			if w == "" || !isCapital(w) && !strings.ContainsAny(w, "&") {
				break
			}
			at = cl[0] + j + 1
			if j < 0 {
				break
			}
		}
		if name := strings.TrimSpace(text[at:end]); name != "" && !slices.ContainsFunc(r.mentions, func(m mention) bool { return m.part == h.part && m.start >= at && m.end <= end }) {
			return arg{kind: kName, start: at, end: end, text: name, why: "a name its legal form follows"}
		}
	}
	// "We've raised a $4M pre-seed": in a company's own post the first
	// person is the company that writes it (no name: the lead gives it).
	// ("🎉 Today we're launching …": pictographs and a word of time
	// may open it.)
	from := cl[0]
	for {
		w, rest, ok := strings.Cut(strings.TrimLeft(text[from:end], " "), " ")
		if !ok || !emojiOnly(w) && !postOpeners[strings.ToLower(w)] {
			break
		}
		from = end - len(rest)
	}
	if w := strings.ToLower(strings.TrimSpace(text[from:end])); strings.HasPrefix(w, "we") && r.c.lex.pronouns[w] {
		return arg{kind: kOrg, start: from, end: end, text: text[from:end], why: "the company that writes the post"}
	}
	// "Acme, which raised $5M last year, launches": the doer stands
	// before the aside.
	aside := false
	if b := strings.TrimRight(text[cl[0]:end], " "); strings.HasSuffix(b, ",") {
		lb := strings.ToLower(b)
		for _, opener := range r.c.lex.doerAsides {
			if i := strings.Index(lb, opener); i > 0 {
				end, aside = cl[0]+i, true
				break
			}
		}
	}
	// "Acme capitalizes on X, launches Y", "Acme buys X and lays off Y",
	// "AI chip startup Acme defies skeptics, hits …": the doer of the
	// first verb, at the clause's start or after a descriptor.
	if b := strings.TrimRight(text[cl[0]:end], " "); strings.HasSuffix(b, ",") || strings.HasSuffix(b, " and") {
		for k := range r.mentions {
			m := &r.mentions[k]
			if m.part != h.part || m.start < cl[0] || m.start > cl[0]+2 && !r.describedAt(h.part, cl[0], m.start) {
				continue
			}
			// "Anthropic's Claude 3.5 Sonnet beats …, arrives": the owner's
			// thing does it.
			if rest := text[m.end:]; strings.HasPrefix(rest, "'s ") || strings.HasPrefix(rest, "’s ") {
				if a := r.enPhrase(h.part, m.start, cl[0]+len(b), text); a.mention != nil && a.mention != m && a.kind != kNone {
					return a
				}
				for j := range r.mentions {
					o := &r.mentions[j]
					if o.part == h.part && o.start > m.end && o.start <= m.end+4 {
						return r.mentionArg(o)
					}
				}
			}
			return r.mentionArg(m)
		}
		if name, at := r.leadName(text, cl[0], end); name != "" {
			return arg{kind: kName, start: at, end: at + len(name), text: name, why: "the name that opens the clause"}
		}
		// ("Cursor capitalizes on …, launches …": a company's name that
		// is also a word, left out as ambiguous, opens the clause.)
		for _, o := range r.d.hits {
			if o.kind == refCompany && o.part == h.part && o.start == cl[0] && o.text == o.alias && o.end < end {
				return arg{kind: kName, start: o.start, end: o.end, text: o.text, why: "the name that opens the clause"}
			}
		}
	}
	// "'Reasoning at the edge': introducing LFM3": a colon before the
	// predicate opens it a clause of its own, with no doer written.
	if b := strings.TrimRight(text[cl[0]:end], " "); strings.HasSuffix(b, ":") || strings.HasSuffix(b, "：") {
		return arg{}
	}
	// The last word before the predicate.
	start := end
	for start > cl[0] && text[start-1] != ' ' {
		start--
	}
	if start >= end {
		return arg{}
	}
	// "Gemini for Government is now generally available", "Claude for
	// Chrome …": a model or a product made for a named market or
	// platform is that product, not the market.
	if a, ok := r.productFor(h.part, cl[0], end); ok {
		return a
	}
	// A known name that ends there (or whose "'s" does).
	for k := range r.mentions {
		m := &r.mentions[k]
		if m.part != h.part || m.start < cl[0] || r.background(m.hit) {
			continue
		}
		if m.end == end || m.end >= start && m.end <= end && strings.Trim(text[m.end:end], "'’s") == "" {
			if m.kind == refInvestor {
				return arg{kind: kFund, start: m.start, end: m.end, text: m.text, mention: m, why: "an investment firm"}
			}
			return r.mentionArg(m)
		}
	}
	last := strings.Trim(text[start:end], ",'’\"“”")
	if last == "" {
		return arg{}
	}
	// "They're raising …": a pronoun with its verb names no one; "we're
	// releasing …" is read as "we are" is.
	if w := strings.ToLower(text[start:end]); strings.ContainsAny(w, "'’") && r.c.lex.pronouns[w] {
		if strings.HasPrefix(w, "we") {
			end = start + len("we")
		}
		return arg{kind: kPlain, start: start, end: end, text: text[start:end], why: "a pronoun"}
	}
	words := strings.Fields(lower[cl[0]:start])
	prev := strings.Join(words, " ") + " "
	// "State of Saxony sets up a fund": a place a government is named by.
	for _, g := range r.c.lex.governmentOf {
		if strings.HasSuffix(prev, g+" ") && isCapital(last) {
			return arg{kind: kRegulator, start: start, end: end, text: text[start:end], why: "a place named after " + quote(g)}
		}
	}
	// "… Mammograms Through Data Agreement with …": in a title-case
	// headline a dictionary word after a preposition qualifies the noun
	// that follows it; it is nobody's name.
	if r.titleCase(h.part) && len(words) > 0 && r.c.lex.phraseStops[words[len(words)-1]] && r.c.tax.CommonWords[strings.ToLower(last)] {
		return arg{kind: kPlain, start: start, end: end, text: text[start:end], why: "a dictionary word after " + quote(words[len(words)-1]) + " in a title-case headline"}
	}
	k, ok := r.c.nouns.headKind(prev, strings.ToLower(last))
	// "House passes AI bill": a word the lists write capitalised, so
	// written, is what they mean by it.
	if ck, capOK := r.c.nouns.enCap[last]; capOK && len(words) == 0 {
		k, ok = ck, true
	}
	// "each company receives $120,000": every one of a kind is no
	// company of its own.
	if ok && k == kOrg && len(words) > 0 && (words[len(words)-1] == "each" || words[len(words)-1] == "every") {
		return arg{kind: kPlain, start: start, end: end, text: text[start:end], why: "each of a kind: " + quote(words[len(words)-1]+" "+last)}
	}
	// A capitalised word in a sentence-case text names someone ("Acme
	// Labs"), unless it names a government ("Britain", "FTC") or opens
	// the sentence as an ordinary word ("Developers can now …").
	// A word an aside describes is a name whatever else it means:
	// "Cinder, an AI video editor for podcasters, raises …".
	// ("Advancing global weather forecasting with …": nor as a form of a
	// dictionary word.)
	named := isCapital(last) && !acronym(last) && !r.titleCase(h.part) && !(start == cl[0] && !aside && (ok || r.commonForm(strings.ToLower(last))))
	// ("Qwen3.5-Omni is out 🎧 Open weights …": a name with a version is
	// one in any case.)
	if !named && isCapital(last) && hasDigit(last) && modelShaped(last) {
		named = true
	}
	// "Verdanta Announces $18 Million Series A": in a title-case headline
	// a word that opens the clause alone before its verb and that no
	// dictionary has is a name, as it would be in sentence case.
	if !named && !ok && start == cl[0] && r.titleCase(h.part) && r.c.lex.unknownWord(strings.TrimRight(last, "™®©"), r.c.tax.CommonWords) {
		named = true
	}
	// "Lumora Labs Announces …", in any case: a word that ends companies'
	// names after a capitalised word ends a name.
	if f := strings.Fields(text[cl[0]:start]); !named && len(f) > 0 && r.c.lex.companySuffixes[last] && isCapital(f[len(f)-1]) {
		named = true
	}
	// "KT to buy 5,000 Nvidia GPUs": so is a word of two to five capitals
	// that no list has.
	if !named && !ok && start == cl[0] && upperLetters(last) && !r.c.tax.CommonWords[strings.ToLower(last)] && !r.c.lex.notNames[strings.ToLower(last)] {
		named = true
	}
	if start == cl[0] && !named && !ok && isCapital(last) {
		return arg{kind: kPlain, start: start, end: start + len(last), text: last, why: "the word " + quote(strings.ToLower(last))}
	}
	// "quillbox raises $14M seed": a headline opens in capitals, so a
	// lower-case word no dictionary has that opens it alone before its
	// verb is a brand written in lower case.
	// So is a web address's ("relay.app launches …").
	if start == 0 && h.part == partTitle && !ok && !isCapital(last) && (r.c.lex.unknownWord(strings.ToUpper(last[:1])+last[1:], r.c.tax.CommonWords) || r.c.lex.webAddress(last)) {
		return arg{kind: kName, start: start, end: start + len(last), text: last, why: "a lower-case name that opens the headline"}
	}
	// ("AI Engineer World's Fair announces its speakers": a name that
	// ends on a word for an event is the event's, not a company's; alone,
	// "Summit raises …", the word may be a company's name.)
	if ok && (!named || k == kRegulator || k == kVenue && start > cl[0]) {
		return arg{kind: k, start: start, end: start + len(last), text: last, why: "the head noun " + quote(strings.ToLower(last))}
	}
	if isCapital(last) || hasDigit(last) {
		// The whole name: "Acme Robotics raises".
		nameStart, name, described := start, last, false
		if n, at, d := r.c.lex.describedName(text[cl[0]:end]); n != "" && strings.HasSuffix(n, last) {
			nameStart, name, described = cl[0]+at, n, d
		} else if f := strings.Fields(text[min(end, cl[0]+at+len(n)):end]); n != "" && len(f) > 0 && r.titleCase(h.part) && r.c.lex.verbWord(f[0]) {
			// "Fernhill Signs Definitive Agreement to Acquire": in a
			// title-case headline the doer is the name before the
			// first verb.
			nameStart, name, described = cl[0]+at, n, d
		}
		if modelShaped(name) {
			return r.versionedArg(nameStart, name)
		}
		if described {
			// "Data-pipeline startup Ferrous joins …": a company, not a
			// person.
			return arg{kind: kOrg, start: nameStart, end: nameStart + len(name), text: name, why: "a name its descriptor calls a company"}
		}
		// "former Orbitel executive Dana Reyes takes over …": a name
		// after a word for what someone does is a person's ("partner
		// Ledgerline", "market leader Quillon" are companies).
		if pw := strings.Fields(lower[cl[0]:nameStart]); len(pw) > 0 && !r.c.lex.companySuffixes[strings.ToLower(last)] && r.personWordEnds(pw) {
			return arg{kind: kPerson, start: nameStart, end: nameStart + len(name), text: name, why: "a person after " + quote(pw[len(pw)-1])}
		}
		return arg{kind: kName, start: nameStart, end: nameStart + len(name), text: name, why: "a capitalised name"}
	}
	return arg{kind: kPlain, start: start, end: start + len(last), text: last, why: "the word " + quote(strings.ToLower(last))}
}

// describedAt reports whether text[from:at] is a descriptor that ends in
// a company noun and holds no capitalised word but acronyms: "AI chip
// startup" before a name.
func (r *run) describedAt(part part, from, at int) bool {
	words := strings.Fields(r.d.parts[part][from:at])
	if len(words) == 0 || len(words) > 5 {
		return false
	}
	for _, w := range words {
		if isCapital(w) && !acronym(w) {
			return false
		}
	}
	lower := strings.Fields(r.d.folded[part][from:at])
	k, ok := r.c.nouns.headKind(strings.Join(lower[:len(lower)-1], " ")+" ", lower[len(lower)-1])
	return ok && k == kOrg
}

// zhBracketObject reads a name in corner brackets right after the
// predicate h, or after a word that only describes it, as its object:
// "并入「朗芯微」", "收购算力服务商「算枢科技」".
func (r *run) zhBracketObject(h hit, cl [2]int) (arg, bool) {
	text := r.d.parts[h.part]
	bs := bracketNames(text, h.end, cl[1])
	if len(bs) == 0 {
		return arg{}, false
	}
	before := text[h.end : bs[0][0]-len("「")]
	described := strings.TrimSpace(before) != ""
	if described && !r.zhDescriptorOnly(before) {
		return arg{}, false
	}
	if a := r.zhPhrase(h.part, bs[0][0], bs[0][1]); a.kind != kNone && !(described && a.mention == nil) {
		return a, true
	}
	b := bs[0]
	return arg{kind: kName, start: b[0], end: b[1], text: text[b[0]:b[1]], why: "a name in corner brackets", bracketed: true}, true
}

// zhNounAt returns the length of a noun the argument lists know that
// opens text at i, before limit; 0 when none does.
func (r *run) zhNounAt(part part, i, limit int) int {
	text := r.d.parts[part]
	if i >= limit {
		return 0
	}
	if at, e := r.c.nouns.lastZh(text[i:min(limit, i+18)]); at == 0 && i+len(e.text) <= limit {
		return len(e.text)
	}
	return 0
}

// zhObject reads what a Chinese predicate governs: the phrase after it up
// to the next punctuation, or, when nothing follows ("荣耀手机发布"), the
// phrase before it; its kind is that of the last noun in it the argument
// lists know, else a name.
func (r *run) zhObject(h hit, passive bool) arg {
	text := r.d.parts[h.part]
	cl := r.clauseSpan(h)
	if !passive {
		if a, ok := r.zhBracketObject(h, cl); ok {
			return a
		}
		// "上线“比价助手”": a name in quotes right after the predicate is
		// what it acts on ("发放首批“模型安全券”": after a batch's word).
		at := h.end
		for _, q := range []string{"首批", "第一批", "第二批", "第三批", "新一批", "一批", "新一期", "首期"} {
			if strings.HasPrefix(text[at:cl[1]], q+"“") {
				at += len(q)
				break
			}
		}
		if rest, ok := strings.CutPrefix(text[at:cl[1]], "“"); ok {
			// ("开源“轩辕3.0”金融大模型", "发布“智涌”大模型2.0": a word for a
			// model soon after the quotes says what the name is.)
			if j := strings.Index(rest, "”"); j > 0 {
				after := at + len("“") + j + len("”")
				if k := zhModelNounNear(text[after:cl[1]]); k >= 0 {
					from := at + len("“")
					return arg{kind: kModel, start: from, end: from + j, text: text[from : from+j], why: "a name in quotes that a word for a model follows"}
				}
			}
			// (Not one a noun after it heads: "发布“人工智能+”行动方案".)
			if j := strings.Index(rest, "”"); j > 0 && r.zhNounAt(h.part, at+len("“")+j+len("”"), cl[1]) == 0 {
				from := at + len("“")
				if a := r.zhPhrase(h.part, from, from+j); a.kind != kNone {
					return a
				}
				return arg{kind: kName, start: from, end: from + j, text: text[from : from+j], why: "a name in quotes"}
			}
		}
	}
	from, to := h.end, zhPhraseEnd(text, h.end, cl[1])
	// "收购AI学习应用“学伴”开发商启学科技": a product named in quotes, then
	// the company that makes it, which is what the deal takes.
	if rest := text[to:cl[1]]; !passive && strings.HasPrefix(rest, "“") {
		if j := strings.Index(rest, "”"); j > 0 {
			after := to + j + len("”")
			for _, w := range zhMakerNouns {
				if !strings.HasPrefix(text[after:cl[1]], w) {
					continue
				}
				at := after + len(w)
				if a := r.zhPhrase(h.part, at, zhPhraseEnd(text, at, cl[1])); a.kind == kOrg || a.kind == kName {
					return a
				}
			}
		}
	}
	// "印发《关于加快推动…的实施意见》": a title in book quotes is one
	// phrase, whatever verbs stand in it.
	if strings.HasPrefix(text[from:], "《") {
		if j := strings.Index(text[from:], "》"); j > 0 && from+j < cl[1]+len("》") {
			end := from + j + len("》")
			// ("发布《2026年度AI 100》榜单": the noun after the title says
			// what it is.)
			end += r.zhNounAt(h.part, end, cl[1])
			return r.zhPhrase(h.part, from, end)
		}
	}
	// "展示 911 GT3 Earls Court 限量版": a Latin name, a space, then the
	// noun it qualifies, which heads the phrase.
	if rest := strings.TrimLeft(text[to:cl[1]], " 　"); len(rest) < len(text[to:cl[1]]) && rest != "" && latinOnly(strings.TrimSpace(text[from:to])) {
		// ("推出 Rakuten AI 购物智能体": a word or two may qualify it.)
		next := zhPhraseEnd(text, cl[1]-len(rest), cl[1])
		if at, e := r.c.nouns.lastZh(text[cl[1]-len(rest) : next]); at == 0 || at > 0 && at <= len("购物智") && e.kind == kProduct && hanOnly(text[cl[1]-len(rest):cl[1]-len(rest)+at]) {
			to = next
		}
	}
	// "通用智能体Manus上线 邀请码…": a predicate that ends its phrase has its
	// object before it.
	// A space before a number or a Latin word does not end it: "发布 2026
	// 五一假期出行报告", "发布 GPT-5".
	ends := to == from
	if rest := strings.TrimLeft(text[h.end:to], " 　"); len(rest) < len(text[h.end:to]) {
		ends = ends || rest == "" || hanAt(rest, 0)
	}
	if passive || ends || strings.TrimSpace(text[from:to]) == "" {
		from, to = zhPhraseStart(text, cl[0], h.start), h.start
		if passive {
			if i, _ := zhPassiveMark(text[from:to]); i >= 0 {
				to = from + i
			}
			// "「芯瀚互联」被摩尔线程全资收购": the bracketed name right before 被.
			if strings.HasSuffix(text[cl[0]:to], "」") {
				if bs := bracketNames(text, cl[0], to); len(bs) > 0 && bs[len(bs)-1][1]+len("」") == to {
					b := bs[len(bs)-1]
					return arg{kind: kName, start: b[0], end: b[1], text: text[b[0]:b[1]], why: "a name in corner brackets", bracketed: true}
				}
			}
		} else if i := zhLocativeAt(text[from:to]); i > 0 {
			// "CloudMatrix 384超节点在芜湖数据中心规模上线": what goes
			// online stands before where it does.
			to = from + i
		} else if seg := text[from:to]; strings.HasSuffix(seg, "的") {
			// "完成对星河智能的收购": what 对 … 的 holds is the object.
			if i := strings.LastIndex(seg, "对"); i >= 0 {
				from, to = from+i+len("对"), to-len("的")
			}
		}
	} else if i, ok := r.purposeAt(text[from:to]); ok {
		// "发放10亿元算力券支持中小企业": the object ends before the verb
		// of whom it serves.
		to = from + i
	} else if i := r.zhNamedObjectEnd(text[from:to]); i > 0 {
		// "收购芯瀚微电子获股东大会通过": a company's name, then the verb
		// of what befalls the deal, which ends the object.
		to = from + i
	} else if i := strings.Index(text[from:to], "的"); i > 0 {
		// "收购星图软件的谈判": the deal is the topic of the noun after
		// 的; the predicate's object ends before it.
		for _, n := range r.c.lex.zhDealNouns {
			if strings.HasPrefix(text[from+i+len("的"):to], n) {
				to = from + i
				break
			}
		}
	}
	a := r.zhPhrase(h.part, from, to)
	// "推出新款拼装模型": a model noun that ends a phrase holding it without
	// being an AI model (a scale model, a toy) is a thing sold.
	if a.kind == kModel && a.mention == nil && r.endsInFalseFriend(h.part, a.end) {
		a.kind, a.why = kProduct, "a model that is no AI model: "+quote(a.text)
	}
	// "收购星澜数据": a deal's object, a name-like word before a noun that
	// ends companies' names (数据, 智能), is a company, not that thing.
	if f := r.frameOf(h); a.kind == kPlain && a.mention == nil && f != nil && (f.Type == news.EventAcquisition || f.Type == news.EventFunding) {
		if r.c.lex.zhSuffixedName(a.text) {
			a.kind, a.why = kName, "a name shaped like a company's: "+quote(a.text)
		}
	}
	// "收购具身智能公司行者机器人": a deal's object named after a company
	// word is that company, whatever noun ends its name.
	if f := r.frameOf(h); (a.kind == kProduct || a.kind == kModel || a.kind == kPlain) && a.mention == nil && f != nil && (f.Type == news.EventAcquisition || f.Type == news.EventFunding) {
		if name, at := r.zhNameAfterCompanyWord(a.text, true); name != "" && !strings.Contains(name, "的") {
			a = arg{kind: kName, start: a.start + at, end: a.start + at + len(name), text: name, why: "a name after a company word"}
		}
	}
	return a
}

// modelTalk reports a headline or lead that gives a model's parameter
// count or says its weights are published: words about AI models.
func (r *run) modelTalk() bool {
	if _, _, ok := r.modelSize(); ok {
		return true
	}
	_, ok := r.openWeights()
	return ok
}

// zhBeforeSum reads the object of a Chinese predicate h again when the
// phrase after h was read as the sum a that ends it: what stands between
// is the object ("注资星衡智能5亿元").
func (r *run) zhBeforeSum(h hit, a arg) arg {
	text := r.d.parts[h.part]
	if a.kind != kMoney || a.start <= h.end || !hanAt(text[h.end:a.start], 0) {
		return a
	}
	if b := r.zhPhrase(h.part, h.end, a.start); b.kind == kName || b.kind == kOrg {
		return b
	}
	return a
}

// endsInFalseFriend reports whether a phrase of part ending at end ends
// inside a false friend.
func (r *run) endsInFalseFriend(part part, end int) bool {
	for _, o := range r.d.hits {
		if o.kind == refFalseFriend && o.part == part && o.start < end && end == o.end {
			return true
		}
	}
	return false
}

// zhSuffixedName reports "星澜数据": two to four Han characters that are no
// common modifier (用户数据, 医疗数据), then a word that ends companies'
// names.
func (lx *lexicon) zhSuffixedName(s string) bool {
	for _, suf := range lx.zhCompanySuffixes {
		pre, ok := strings.CutSuffix(s, suf)
		if !ok {
			continue
		}
		n := utf8.RuneCountInString(pre)
		if n < 2 || n > 4 || !hanOnly(pre) {
			continue
		}
		if slices.ContainsFunc(lx.zhCommonModifiers, func(w string) bool { return strings.HasPrefix(pre, w) || strings.HasSuffix(pre, w) }) ||
			slices.ContainsFunc(lx.zhCountWords, func(w string) bool { return strings.HasPrefix(pre, w) }) ||
			slices.ContainsFunc(lx.zhVerbOpeners, func(w string) bool { return strings.HasPrefix(pre, w) }) {
			return false
		}
		return true
	}
	return false
}

// hanOnly reports whether s is all Han characters.
func hanOnly(s string) bool {
	for _, c := range s {
		if !unicode.Is(unicode.Han, c) {
			return false
		}
	}
	return s != ""
}

// roundOfOther reads what a bare "round" or "seed" is of: "a round of
// pre-deployment testing", "a 'seed' program", "seed URLs" are no money.
// A round of something the lists do not know as money is not a funding
// round; a seed followed by a word that neither names money nor goes on
// with the round ("seed funding", "seed led by", "seed from") is not one.
func (r *run) roundOfOther(h hit) (string, bool) {
	alias := strings.ToLower(h.alias)
	if alias != "round" && alias != "seed" {
		return "", false
	}
	text := r.d.parts[h.part]
	i := h.end
	for i < len(text) && strings.ContainsRune("'’\"”", rune(text[i])) {
		i++
	}
	if i < len(text) && text[i] == '-' {
		// "seed-funded startups", "seed-stage investors": an adjective
		// of something else.
		j := i + 1
		for j < len(text) && isWordByte(text[j]) {
			j++
		}
		if w := strings.ToLower(text[i+1 : j]); strings.HasSuffix(w, "ed") || w == "stage" {
			return text[h.start:j], true
		}
	}
	if i < len(text) && text[i] != ' ' {
		return "", false // "seed,", "round."
	}
	i = skipSpaceAll(text, i, len(text))
	j := i
	for j < len(text) && (isWordByte(text[j]) || text[j] == '-') {
		j++
	}
	w := strings.ToLower(text[i:j])
	if w == "" {
		return "", false
	}
	if alias == "round" {
		// "stops his rival in the ninth round": a round of a contest,
		// counted, with no sum in the clause.
		if before := strings.Fields(r.d.folded[h.part][max(0, h.start-24):h.start]); len(before) >= 2 && before[len(before)-2] == "the" && r.c.lex.contestOrdinals[before[len(before)-1]] {
			cl := r.clauseSpan(h)
			if !slices.ContainsFunc(r.amountsIn(h.part), func(am amount) bool { return am.start >= cl[0] && am.end <= cl[1] }) {
				return "a contest: the " + before[len(before)-1] + " round", true
			}
		}
		if w != "of" {
			return "", false
		}
		cl := r.clauseSpan(h)
		from := skipSpaceAll(text, j, cl[1])
		a := r.enPhrase(h.part, from, cl[1], text)
		if a.kind == kNone && a.text == "" || a.kind == kMoney || a.kind == kRound {
			return "", false
		}
		return a.text, true
	}
	if r.c.lex.seedFollowers[w] || r.c.lex.phraseStops[w] || !isLetters(w) {
		return "", false
	}
	if k, ok := r.c.nouns.headKind("", w); ok && (k == kMoney || k == kRound) {
		return "", false
	}
	return text[h.start:j], true
}

// isLetters reports a word of ASCII letters and hyphens.
func isLetters(w string) bool {
	for i := 0; i < len(w); i++ {
		if c := w[i]; !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '-') {
			return false
		}
	}
	return w != ""
}

// purposeAt is where a verb of purpose starts inside a Chinese object
// phrase, after at least two runes of the object: "10亿元算力券支持中小企业".
func (r *run) purposeAt(seg string) (int, bool) {
	best := -1
	for _, v := range r.c.lex.zhPurposeVerbs {
		i := strings.Index(seg, v)
		// "扶持政策", "支持资金": the verb heads a noun of the lists with
		// what follows it, and ends nothing.
		if i <= 0 || r.c.nouns.zhNounIs(seg[i+len(v):]) {
			continue
		}
		if utf8.RuneCountInString(seg[:i]) >= 2 && (best < 0 || i < best) {
			best = i
		}
	}
	return best, best >= 0
}

// zhDescriptorOnly reports a short Chinese phrase that ends on a word for
// companies and names none: "算力服务商", "具身智能公司".
func (r *run) zhDescriptorOnly(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" || utf8.RuneCountInString(s) > 12 || strings.ContainsAny(s, "，。；：、,;:") {
		return false
	}
	if r.c.lex.zhDescribes(s) {
		return true
	}
	// "收购AI编程工具「码上」": a product word before the name.
	for _, e := range r.c.nouns.zh {
		if e.kind == kProduct && strings.HasSuffix(s, e.text) {
			return true
		}
	}
	return false
}

// bracketNames lists the names Chinese outlets set in corner brackets
// inside text[from:to] ("「北辰灵境」完成…"): a run of 2 to 12 runes between
// 「 and 」, with no punctuation in it.
func bracketNames(text string, from, to int) [][2]int {
	var out [][2]int
	for i := from; i < to; {
		j := strings.Index(text[i:to], "「")
		if j < 0 {
			break
		}
		start := i + j + len("「")
		k := strings.Index(text[start:to], "」")
		if k < 0 {
			break
		}
		name := text[start : start+k]
		if n := utf8.RuneCountInString(name); n >= 2 && n <= 12 && !strings.ContainsAny(name, "，。；：！？,;:!?「") {
			out = append(out, [2]int{start, start + k})
		}
		i = start + k + len("」")
	}
	return out
}

// titledReport reads a name that the last word of its clause, a few words
// on, says is the title of a report: "releases State of AI in Africa
// report". It returns the argument as read otherwise.
func (r *run) titledReport(h hit, a arg) arg {
	if a.kind != kName || a.mention != nil {
		return a
	}
	cl := r.clauseSpan(h)
	if a.end > cl[1] {
		return a
	}
	rest := r.d.folded[h.part][a.end:cl[1]]
	words := strings.Fields(rest)
	if len(words) == 0 || len(words) > 4 || strings.ContainsAny(rest, ",;:()—") {
		return a
	}
	last := strings.Trim(words[len(words)-1], ".!?\"'")
	if k, ok := r.c.nouns.headKind(strings.Join(words[:len(words)-1], " ")+" ", last); ok && k == kReport {
		end := a.end + strings.LastIndex(r.d.folded[h.part][a.end:cl[1]], last) + len(last)
		return arg{kind: kReport, start: a.start, end: end, text: r.d.parts[h.part][a.start:end], why: "the title of a " + quote(last)}
	}
	return a
}

// zhPhraseEnd is where the phrase after a Chinese predicate ends: at
// punctuation, a space before Han text, or 40 bytes on.
// zhFilingEnds end the title of a listed company's filing ("关于…的公告").
var zhFilingEnds = []string{"的公告", "的提示性公告", "的进展公告", "的自愿性信息披露公告", "的议案"}

// zhNamedObjectEnd returns where a company's name that opens seg ends
// when a word that ends a subject follows it ("芯瀚微电子获股东大会通过"),
// else 0.
func (r *run) zhNamedObjectEnd(seg string) int {
	best := 0
	for _, v := range r.c.lex.zhSubjectEnds {
		i := strings.Index(seg, v)
		if i <= 0 || best > 0 && i >= best {
			continue
		}
		name := seg[:i]
		if n := utf8.RuneCountInString(name); n < 3 || n > 10 || !hanAt(name, 0) {
			continue
		}
		if slices.ContainsFunc(r.c.lex.zhCompanySuffixes, func(suf string) bool { return strings.HasSuffix(name, suf) && len(name) > len(suf) }) {
			best = i
		}
	}
	return best
}

func zhPhraseEnd(text string, from, limit int) int {
	end := min(limit, from+72)
	// Not inside a Latin word: "InterPositive" stays whole.
	for end < limit && end < len(text) && isWordByte(text[end]) {
		end++
	}
	han := 0
	for i := from; i < end; {
		r, n := utf8.DecodeRuneInString(text[i:])
		// A space before more Han text ends a phrase that has its own
		// Han words: "豆包大模型价格 主力模型…" is two phrases, "发布 2026
		// 五一假期出行报告" one.
		if r == ':' && i+1 < len(text) && isWordByte(text[i+1]) && i > from && isWordByte(text[i-1]) {
			i += n // "Run:ai"
			continue
		}
		// "恒信股份：关于收购星澜数据51%股权的公告": a filing's title
		// wraps what it reports; the phrase ends before its noun.
		if r == '的' && strings.Contains(text[:from], "关于") && slices.ContainsFunc(zhFilingEnds, func(e string) bool { return strings.HasPrefix(text[i:], e) }) {
			return i
		}
		// ("新一代磐久 AI 服务器": a Latin word set off by spaces in Han
		// text is one of its words; the spaces pad it.)
		if r == ' ' && i > from && isWordByte(text[i-1]) {
			j := i
			for j > from && (isWordByte(text[j-1]) || text[j-1] == '-' || text[j-1] == '.') {
				j--
			}
			if j > from && text[j-1] == ' ' && hanBefore(text, j-1) && hanAt(text, i+n) {
				i += n
				continue
			}
		}
		sofar := strings.TrimSpace(text[from:i])
		if strings.ContainsRune("，。；：！？,;:!?（(「“\"", r) || (r == ' ' || r == '　') && (han >= 2 || sofar != "" && latinOnly(sofar) && strings.Trim(sofar, "0123456789 ") != "") && i+n < len(text) && (hanAt(text, i+n) || digitsThenHan(text, i+n) && hanBefore(text, i)) && !strings.Contains(text[from:i], "的") {
			return i
		}
		if unicode.Is(unicode.Han, r) {
			han++
		}
		i += n
	}
	for end > from && end < len(text) && !utf8.RuneStart(text[end]) {
		end--
	}
	return end
}

// digitsThenHan reports whether text at i holds a number written against
// Han text after it, "30家企业": no padding of a number in Latin spacing
// ("发布 2026 五一"), so a space between it and Han text before it parts
// two phrases (not a version after a Latin name: "Kimi-VL 2视觉模型").
func digitsThenHan(text string, i int) bool {
	j := i
	for j < len(text) && (text[j] >= '0' && text[j] <= '9' || text[j] == '.' && j > i) {
		j++
	}
	return j > i && hanAt(text, j)
}

// hanBefore reports whether the rune before text[i] is Han.
func hanBefore(text string, i int) bool {
	r, _ := utf8.DecodeLastRuneInString(text[:i])
	return unicode.Is(unicode.Han, r)
}

// zhDated reports whether a Chinese phrase opens on a date or a period
// written in figures, "2025年银行业…", "3月…": no company's name
// does ("360", "58同城" go on with no unit of time).
func zhDated(s string) bool {
	rest := strings.TrimLeft(s, "0123456789０１２３４５６７８９")
	if len(rest) == len(s) {
		return false
	}
	for _, u := range []string{"年", "月", "日", "季", "财年", "天", "周"} {
		if strings.HasPrefix(rest, u) {
			return true
		}
	}
	return false
}

// zhHeadedByNoun reports whether a Han phrase ends with a noun the lists
// know of a kind other than a company's: "AI应用赛道" is a sector, not a
// name.
func (r *run) zhHeadedByNoun(s string) bool {
	for _, suf := range r.c.lex.zhCompanySuffixes {
		if strings.HasSuffix(s, suf) {
			return false // "某某机器人" is a company
		}
	}
	at, e := r.c.nouns.lastZh(s)
	return at >= 0 && e.kind != kOrg && strings.HasSuffix(s, e.text)
}

// zhCompanyShaped reports whether a Han name reads as a company's: it ends
// with a company word ("科技", "智能"), holds Latin letters, or stands as
// the subject of a deal verb in between (what lies between the name and
// the predicate).
func (lx *lexicon) zhCompanyShaped(name, between string) bool {
	if zhDated(name) {
		return false
	}
	for _, w := range lx.zhTimeWords {
		if strings.HasPrefix(name, w) {
			return false
		}
	}
	for _, w := range lx.zhVerbOpeners {
		if strings.HasPrefix(name, w) {
			return false
		}
	}
	// "从零写一个推荐系统": a phrase that counts a thing ("一个") is no
	// name.
	for _, w := range lx.zhCounters {
		if strings.Contains(name, w) {
			return false
		}
	}
	// ("AI硬件", "GPU服务器": a word for a kind of technology before a
	// noun names the kind, not a company.)
	latin := name
	for _, w := range techWords {
		latin = strings.ReplaceAll(latin, w, "")
	}
	if strings.ContainsAny(latin, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz") {
		return true
	}
	// ("某某科技AI搜索": a company's name before it.)
	for _, w := range techWords {
		if i := strings.Index(name, w); i > 0 && lx.zhCompanyShaped(name[:i], "") {
			return true
		}
	}
	// ("AI游戏工作室像素湾": a name after a word for what it is.)
	for _, d := range lx.zhDescriptors {
		if i := strings.LastIndex(name, d); i > 0 {
			if n := utf8.RuneCountInString(name[i+len(d):]); n >= 2 && n <= 6 && hanOnly(name[i+len(d):]) {
				return true
			}
		}
	}
	for _, s := range lx.zhCompanySuffixes {
		if strings.HasSuffix(name, s) {
			return true
		}
	}
	n := utf8.RuneCountInString(name)
	if n < 2 || n > 6 {
		return false
	}
	// "“某某写作”获…": the closing quote stands between.
	between = strings.TrimLeft(between, "”\"」』》 ")
	for _, v := range lx.zhCompanyVerbs {
		if strings.HasPrefix(between, v) {
			return true
		}
	}
	return false
}

// leadName returns the run of capitalised words that opens text[from:to]
// when a lower-case word (a verb) follows it: the clause's subject.
func (r *run) leadName(text string, from, to int) (string, int) {
	return r.leadRun(text, from, to, false)
}

// leadRun is leadName; with predicate, text[to:] is a predicate's verb,
// which ends a name that runs up to it ("Norvik AI Partners With …").
func (r *run) leadRun(text string, from, to int, predicate bool) (string, int) {
	seg := text[from:to]
	if i := strings.LastIndex(seg, ": "); i >= 0 {
		from += i + 2
		seg = text[from:to]
	}
	words := strings.Fields(seg)
	// ("Beijing-based vision AI firm Yuntu Zhixing": where a company is,
	// or who backs it, is no part of its name.)
	for len(words) > 1 && placeOrBacker(strings.ToLower(words[0])) {
		from += strings.Index(seg, words[1])
		seg, words = text[from:to], words[1:]
	}
	n := 0
	for n < len(words) && n < 4 && (isCapital(words[n]) || hasDigit(words[n]) && isCapital(strings.TrimLeft(words[n], "0123456789"))) {
		// "Fernhill Closes Oversubscribed $25M Series A": a verb,
		// capitalised as in a title, ends the name.
		if n > 0 && r.c.lex.verbWord(words[n]) {
			break
		}
		// "Tamarack Models, founded last year, …": a comma ends the
		// name after its word.
		if strings.HasSuffix(words[n], ",") {
			if n == 0 {
				break
			}
			words[n] = strings.TrimSuffix(words[n], ",")
			n++
			break
		}
		n++
		if strings.HasSuffix(words[n-1], "'") || strings.HasSuffix(words[n-1], "’") || strings.HasSuffix(words[n-1], "'s") || strings.HasSuffix(words[n-1], "’s") {
			break
		}
	}
	if n == 0 || n == len(words) && !predicate {
		return "", 0
	}
	// In a title-case headline capitals say nothing, except of a run
	// before a verb that holds a word no dictionary has or a firm's
	// ending: "Fernhill Announces Pricing of $200 Million IPO".
	if r.titleCase(partTitle) && from == 0 {
		if !((n == len(words) || r.c.lex.verbWord(words[n])) && slices.ContainsFunc(words[:n], func(w string) bool {
			w = strings.TrimRight(w, "™®©")
			return r.c.lex.unknownWord(w, r.c.tax.CommonWords) || r.c.lex.companySuffixes[w]
		})) {
			k := r.leadActsAs(words, n)
			if k == 0 {
				return "", 0
			}
			n = k
		}
		// "Robotics Startup Fernhill Announces …": the words that say what it is,
		// capitalised too, stand before the name.
		for i := n - 2; i >= 0; i-- {
			if lw := strings.ToLower(words[i]); r.c.lex.descriptorWords[lw] || r.c.lex.lowerDescriptors[lw] {
				from += strings.Index(seg, words[i+1])
				seg = text[from:to]
				words, n = words[i+1:], n-i-1
				break
			}
		}
	}
	// "GPU cloud Ardent Compute files …", "Nvidia rival Cerebras …": a
	// word for a company, in lower case, stands between what describes
	// the name and the name.
	// ("GPU cloud operator Halcyon Compute files …": up to three words in
	// lower case, one of them such a word.)
	for k := n; k < len(words)-1 && k < n+3 && !isCapital(words[k]); k++ {
		if d := words[k]; (r.c.lex.descriptorWords[d] || r.c.lex.lowerDescriptors[d]) && isCapital(words[k+1]) {
			if name, at := r.leadRun(text, from+strings.Index(seg, d+" "+words[k+1])+len(d)+1, to, predicate); name != "" {
				return name, at
			}
		}
	}
	name := strings.Join(words[:n], " ")
	name = strings.TrimRight(strings.TrimSuffix(strings.TrimSuffix(name, "'s"), "’s"), "'’")
	if r.c.lex.notNames[strings.ToLower(name)] || r.c.lex.headlineOpeners[strings.ToLower(words[0])] || n == 1 && r.commonForm(strings.ToLower(name)) {
		return "", 0
	}
	at := strings.Index(text[from:to], name)
	if at < 0 {
		return "", 0
	}
	return name, from + at
}

// leadActsAs returns how many of the capitalised words that open a
// title-case headline, words[:n], are a name, or 0. They are when a
// sentence of the lead opens with the same words and goes on as a
// subject does: "Helix Dental AI Earns Great Place to Work®
// Certification" with "Helix Dental AI, which builds …", or "BOSTON, May
// 2, 2026 -- Halcyon Voice today announced …". Capitals in such a
// headline say nothing; the lead, written in sentence case, says that
// these words are one name. (Not a person's: a headline that names a
// role, or a lead that says "she" or "he", is about a person.)
func (r *run) leadActsAs(words []string, n int) int {
	// (Most leads do not repeat the headline's first word: no name is
	// put together for them.)
	if n == 0 || n == len(words) || !strings.Contains(r.d.parts[partSummary], words[0]) {
		return 0
	}
	for k := n; k > 0; k-- {
		if !slices.ContainsFunc(words[:k], func(w string) bool { return strings.ContainsAny(w, ",:;\"“”()'’") }) && r.leadConfirms(strings.Join(words[:k], " ")) {
			return k
		}
	}
	return 0
}

// leadConfirms reports a name that a sentence of the lead opens with and
// goes on as its subject (see leadActsAs), unless the headline or the
// lead says it is a person.
func (r *run) leadConfirms(name string) bool {
	title, sum := r.d.parts[partTitle], r.d.parts[partSummary]
	if name == "" || !strings.Contains(sum, name) || !latinOnly(sum) || r.c.lex.hasWord(r.d.folded[partSummary], []string{"she", "he", "her", "his"}) ||
		slices.ContainsFunc(strings.Fields(title), func(w string) bool { return r.c.lex.personRoles[strings.ToLower(strings.Trim(w, ",.:;"))] }) {
		return false
	}
	return r.leadOpensWith(sum, name)
}

// leadOpensWith reports whether a sentence of the lead opens with name
// (or a dateline's dash comes before it) and goes on as its subject.
func (r *run) leadOpensWith(sum, name string) bool {
	for i := 0; i < len(sum); {
		j := strings.Index(sum[i:], name)
		if j < 0 {
			return false
		}
		at, end := i+j, i+j+len(name)
		i = end
		if end < len(sum) && isWordByte(sum[end]) {
			continue
		}
		// At a sentence's start, or right after a dateline's dash.
		before := strings.TrimRight(sum[:at], " ")
		if !(before == "" || strings.HasSuffix(before, ".") || strings.HasSuffix(before, "--") || strings.HasSuffix(before, "—") || strings.HasSuffix(before, "–")) {
			continue
		}
		rest := sum[end:]
		if strings.HasPrefix(rest, ", ") {
			return true
		}
		next := firstWord(strings.TrimLeft(rest, " "))
		if strings.HasPrefix(rest, " ") && next != "" && !isCapital(next) && r.c.lex.hasWord(next, enSubjectFollowers) {
			return true
		}
	}
	return false
}

// enSubjectFollowers are the words after a company's name that make it
// the subject of a lead's sentence.
var enSubjectFollowers = []string{"today", "announced", "announces", "has", "have", "is", "was", "will", "said", "says", "welcomed",
	"welcomes", "earned", "earns", "received", "receives", "won", "wins", "joined", "joins", "opened", "opens", "named",
	"launched", "launches", "unveiled", "unveils", "introduced", "introduces", "released", "releases", "hosted", "hosts",
	"completed", "closed", "signed", "selected", "expanded", "expands", "became", "becomes", "celebrated", "celebrates"}

// nameInside returns the first run of capitalised words inside
// text[from:to] past its first word, in a text that is not in title case:
// "Investors value Acme Robotics at $5 billion".
func (r *run) nameInside(text string, from, to int) (string, int) {
	if r.titleCase(partTitle) && from == 0 || !latinOnly(text[from:to]) {
		return "", 0
	}
	words := strings.Fields(text[from:to])
	for i := 1; i < len(words); i++ {
		// ("Two Stanford dropouts": a count's capitals name no company.)
		if r.c.lex.numberWords[strings.ToLower(words[i-1])] {
			continue
		}
		n, label := 0, false
		for i+n < len(words) && n < 4 && isCapital(words[i+n]) {
			n++
			if strings.HasSuffix(words[i+n-1], ",") {
				break
			}
			// ("Axios Pro Rata: AI megadeals …": a label's colon ends it,
			// and a label is no company.)
			if strings.HasSuffix(words[i+n-1], ":") {
				label = true
				break
			}
		}
		if label {
			i += n - 1
			continue
		}
		// ("Paris AI chip startup Arbalest": a place and a word that are
		// no name describe the company named after them.)
		// ("The Beijing-based AI cloud start-up": nor where it is based,
		// and "AI" left alone names nothing.)
		for n > 0 && !strings.HasSuffix(words[i], ",") && (r.c.lex.notNames[strings.ToLower(words[i])] || placeOrBacker(strings.ToLower(words[i]))) {
			i, n = i+1, n-1
		}
		if n == 0 || n == 1 && strings.EqualFold(strings.Trim(words[i], ",.;:"), "AI") {
			continue
		}
		name := strings.Trim(strings.Join(words[i:i+n], " "), ",.;:'’\"“”")
		name = strings.TrimSuffix(strings.TrimSuffix(name, "'s"), "’s")
		// ("after February 14": a month or a day is no name.)
		if r.c.lex.notNames[strings.ToLower(name)] || n == 1 && (r.c.tax.CommonWords[strings.ToLower(name)] || r.c.lex.calendarWords[name]) {
			i += n
			continue
		}
		if at := strings.Index(text[from:to], name); at >= 0 {
			return name, from + at
		}
	}
	return "", 0
}

// looksLikeName reports a Latin name, in capitals or, short, in lower
// case ("io").
func looksLikeName(s string) bool {
	words := strings.Fields(s)
	if len(words) == 0 || len(words) > 5 {
		return false
	}
	return isCapital(words[0]) || hasDigit(words[0]) || len(words) == 1 && len(words[0]) <= 6
}

// hanAt reports whether a Han character starts at text[i:].
func hanAt(text string, i int) bool {
	r, _ := utf8.DecodeRuneInString(text[i:])
	return unicode.Is(unicode.Han, r)
}

// zhPhraseStart is where the phrase before a Chinese predicate starts.
func zhPhraseStart(text string, limit, to int) int {
	start := max(limit, to-48)
	for start < to && !utf8.RuneStart(text[start]) {
		start++
	}
	// (A window that cuts a Latin word takes all of it: "CloudMatrix".)
	for start > limit && isWordByte(text[start]) && isWordByte(text[start-1]) {
		start--
	}
	for i := to; i > start; {
		r, n := utf8.DecodeLastRuneInString(text[start:i])
		// A quotation right before the predicate is the phrase: "“四名AI员
		// 工”正式上岗".
		if r == '”' && i == to {
			if j := strings.LastIndex(text[start:i-n], "“"); j >= 0 {
				i = start + j
				continue
			}
		}
		if strings.ContainsRune("，。；：！？、,;:!?）)」”\"【】", r) {
			return i
		}
		i -= n
	}
	return start
}

// zhLocativeAt finds 在 opening a phrase of place in a Chinese segment
// ("…超节点在芜湖数据中心规模"), not inside a word (存在, 现在, 正在), or -1.
func zhLocativeAt(seg string) int {
	i := strings.Index(seg, "在")
	if i <= 0 {
		return -1
	}
	prev, _ := utf8.DecodeLastRuneInString(seg[:i])
	if strings.ContainsRune("存现正所实内潜自好外也都还将已", prev) {
		return -1
	}
	return i
}

// trimSpaceSpan narrows text[from:to] to leave out the white space (of
// every kind strings.TrimSpace knows) at its ends.
func trimSpaceSpan(text string, from, to int) (int, int) {
	for from < to {
		r, n := utf8.DecodeRuneInString(text[from:to])
		if !unicode.IsSpace(r) {
			break
		}
		from += n
	}
	for to > from {
		r, n := utf8.DecodeLastRuneInString(text[from:to])
		if !unicode.IsSpace(r) {
			break
		}
		to -= n
	}
	return from, to
}

// zhPhrase tells the kind of a Chinese phrase: a known company, a sum, or
// the kind of the last noun in it that the argument lists know, else a
// name when it holds one.
func (r *run) zhPhrase(part part, from, to int) arg {
	text := r.d.parts[part]
	// The span is the phrase's own: white space around it and a 的 that
	// ends it are not part of it.
	from, to = trimSpaceSpan(text, from, to)
	if strings.HasSuffix(text[from:to], "的") {
		from, to = trimSpaceSpan(text, from, to-len("的"))
	}
	if to <= from {
		return arg{}
	}
	// "《…标识办法》修订版正式施行": a revision of a titled document is
	// the document.
	if strings.HasPrefix(text[from:to], "《") {
		if j := strings.Index(text[from:to], "》"); j > 0 && slices.Contains(zhRevisions, text[from+j+len("》"):to]) {
			to = from + j + len("》")
		}
	}
	a := arg{start: from, end: to, text: text[from:to]}
	// "「芯瀚互联」被摩尔线程全资收购": a phrase that is a name in corner
	// brackets, the outlets' mark for a company, is that name.
	if inner, ok := strings.CutPrefix(a.text, "「"); ok {
		if inner, ok = strings.CutSuffix(inner, "」"); ok && inner != "" && !strings.ContainsAny(inner, "「」") {
			s := from + len("「")
			return arg{kind: kName, start: s, end: s + len(inner), text: inner, why: "a name in corner brackets", bracketed: true}
		}
	}
	// "对多家AI企业的投资": a count of companies names none of them.
	for _, w := range r.c.lex.zhCountWords {
		if strings.HasPrefix(a.text, w) {
			if _, ok := r.c.nouns.zhKindAt(a.text[len(w):], kOrg); ok || strings.HasSuffix(a.text, "企业") || strings.HasSuffix(a.text, "公司") {
				a.kind, a.why = kPlain, "a count of companies: "+quote(w)
				return a
			}
		}
	}
	// The last noun the lists know decides: "AI初创公司" is a company,
	// "一批GPU服务器" goods, "音乐模型HappyShrimp" a model.
	bestAt, e := r.c.nouns.lastZh(text[from:to])
	bestKind, bestNoun := e.kind, e.text
	// A known company in the phrase.
	var m *mention
	for k := range r.mentions {
		mm := &r.mentions[k]
		if mm.part == part && mm.kind == refCompany && mm.start >= from && mm.end <= to {
			m = mm
		}
	}
	for _, am := range r.amountsIn(part) {
		if am.start >= from && am.end <= to && (bestAt < 0 || from+bestAt < am.start) && !am.other && !am.valuation {
			return arg{kind: kMoney, start: am.start, end: am.end, text: text[am.start:am.end], why: "a sum of money"}
		}
	}
	if bestAt >= 0 {
		a.kind, a.mention, a.why = bestKind, m, "the noun "+quote(bestNoun)
		// "北京星澜智航科技有限公司", "杭州灵瞳智能科技有限公司全部股权": a
		// legal name ends in the company word; a stake in it may follow.
		if bestKind == kOrg && m == nil {
			if i := strings.Index(a.text, "有限公司"); i > 0 {
				name, rest := a.text[:i+len("有限公司")], a.text[i+len("有限公司"):]
				if r.c.lex.zhShortName(name) != name && (rest == "" || r.c.lex.stakeRest(rest)) {
					a.kind, a.why, a.end, a.text = kName, "a company's legal name", a.start+len(name), name
					return a
				}
			}
		}
		// "AI初创公司InterPositive": a name after a company word.
		if bestKind == kOrg && m == nil {
			if rest := strings.TrimSpace(text[from+bestAt+len(bestNoun) : to]); rest != "" && (latinOnly(rest) && looksLikeName(rest) || r.c.lex.zhCompanyShaped(rest, "")) {
				a.kind, a.why = kName, "a name after "+quote(bestNoun)
			}
		}
		// "推理平台澜算科技": a name shaped like a company's after a
		// product word is the company that makes it.
		if bestKind == kProduct && m == nil {
			if rest := strings.TrimSpace(text[from+bestAt+len(bestNoun) : to]); rest != "" && !latinOnly(rest) && r.c.lex.zhCompanyShaped(rest, "") {
				a.kind, a.why = kName, "a company's name after "+quote(bestNoun)
			}
		}
		// "北京行者机器人": a city, then a name shaped like a company's, is
		// a company, not its goods.
		if bestKind == kProduct && m == nil && strings.HasSuffix(a.text, bestNoun) {
			if p, rest, ok := r.c.lex.cutPlace(a.text); ok && r.c.lex.zhSuffixedName(rest) {
				a.kind, a.why = kName, "a company's name after its city "+quote(p)
			}
		}
		// "收购推理优化团队极算": a name after the word for a team is the
		// team's own.
		if bestKind == kJobs && m == nil && bestNoun == "团队" {
			at := from + bestAt + len(bestNoun)
			if rest := strings.TrimSpace(text[at:to]); hanOnly(rest) && utf8.RuneCountInString(rest) >= 2 && utf8.RuneCountInString(rest) <= 6 &&
				!r.c.tax.CommonWords[rest] && !r.zhNoName(rest) && !strings.ContainsAny(firstRune(rest), "并和及与且") && !r.hitWithin(part, at, to) {
				if at, _ := r.c.nouns.lastZh(rest); at < 0 {
					a.kind, a.why = kName, "a name after "+quote(bestNoun)
				}
			}
		}
		return a
	}
	if m != nil {
		a.kind, a.mention, a.why = r.mentionKind(m), m, "a name the taxonomy knows"
		// "小米15系列", "OPPO Find X9系列": a company's numbered series is
		// its product.
		if rest, ok := strings.CutSuffix(strings.TrimSpace(text[m.end:to]), "系列"); ok && a.kind == kOrg && hasDigit(rest) {
			a.kind, a.why = kProduct, "a numbered series of "+quote(m.text)
		}
		return a
	}
	if modelShaped(a.text) && latinOnly(a.text) {
		v := r.versionedArg(a.start, a.text)
		a.kind, a.why = v.kind, v.why
		return a
	}
	if utf8.RuneCountInString(a.text) >= 2 && r.c.lex.zhCompanyShaped(a.text, "") {
		a.kind, a.why = kName, "a name shaped like a company's"
	} else if w, ok := techKindWord(a.text); ok {
		// "推出AI学习机", "押注AI硬件": a word for a kind of technology
		// before a short noun names a product of that kind.
		a.kind, a.why = kProduct, "a kind of product: "+quote(w+" …")
	}
	return a
}

// techWords are the words of genericModelWords, longest first, so that
// "AIGC" is read before "AI".
var techWords = func() []string {
	ws := slices.Collect(maps.Keys(genericModelWords))
	slices.SortFunc(ws, func(a, b string) int {
		if len(a) != len(b) {
			return len(b) - len(a)
		}
		return strings.Compare(a, b)
	})
	return ws
}()

// techKindWord reports a phrase that ends on a word for a kind of
// technology ("AI", "GPU") and a short Han noun, after its maker's name if
// any: "AI学习机", "AI硬件", "某某科技AI搜索". It returns the word.
func techKindWord(s string) (string, bool) {
	for _, w := range techWords {
		i := strings.Index(s, w)
		if i < 0 || i > 0 && !hanOnly(s[:i]) {
			continue
		}
		rest := strings.TrimSpace(s[i+len(w):])
		if n := utf8.RuneCountInString(rest); n >= 1 && n <= 3 && hanOnly(rest) {
			return w, true
		}
	}
	return "", false
}

// zhDateEndRE matches a date that ends a Chinese phrase, with the
// preposition that brings it in: "自2027年1月1日", "于9月".
var zhDateEndRE = regexp.MustCompile(`(?:自|于|从)?\s*(?:\d{4}年)?\d{1,2}月(?:\d{1,2}日)?\s*$`)

// zhSubject reads the doer of a Chinese predicate: the company before it
// in its clause, or the one after 被 in the passive.
func (r *run) zhSubject(h hit, passive bool) arg {
	if passive && strings.HasPrefix(h.text, "被") {
		return arg{} // "星河智能被收购": no doer is named
	}
	cl := r.clauseSpan(h)
	text := r.d.parts[h.part]
	// "有关部门近日约谈…": a word of time between the doer and its verb
	// is neither.
	for trimmed := true; trimmed; {
		trimmed = false
		for _, w := range r.c.lex.zhTimeWords {
			if h.start-len(w) > cl[0] && strings.HasSuffix(text[:h.start], w) {
				h.start -= len(w)
				trimmed = true
			}
		}
		// ("…标识办法9月1日起施行": so is a date, with 自 or 于 before it.)
		if loc := zhDateEndRE.FindStringIndex(text[cl[0]:h.start]); loc != nil && loc[0] > 0 {
			h.start = cl[0] + loc[0]
			trimmed = true
		}
	}
	// "工业和信息化部等六部门关于印发《…》的通知": 关于 before the verb
	// opens what the doer's document is about.
	if strings.HasSuffix(text[:h.start], "关于") && h.start-len("关于") > cl[0] {
		h.start -= len("关于")
	}
	// "全球员工将缩减约10%": staff right before the verb, an adverb of
	// time or intent perhaps between, are its doer.
	{
		seg := text[cl[0]:h.start]
		for _, adv := range []string{"将", "已", "已经", "或将", "拟", "预计将", "计划"} {
			if b, ok := strings.CutSuffix(seg, adv); ok {
				seg = b
				break
			}
		}
		// (Not a team, which acts for its company: "某某大模型团队开源…".)
		for _, w := range zhStaffNouns {
			if strings.HasSuffix(seg, w) {
				start := cl[0] + len(seg) - len(w)
				return arg{kind: kJobs, start: start, end: start + len(w), text: w, why: "staff right before the verb"}
			}
		}
	}
	// "阶跃星辰Step-4开启定向内测": what is opened to testers is the
	// doer of the verb; a model's Latin name right before it, after its
	// maker's, is.
	if !passive && (strings.HasSuffix(h.text, "内测") || strings.HasSuffix(h.text, "公测") || strings.HasSuffix(h.text, "测试")) {
		seg := strings.TrimRight(text[cl[0]:h.start], " ")
		i := strings.LastIndexFunc(seg, func(c rune) bool {
			return unicode.Is(unicode.Han, c) || strings.ContainsRune("，：:,「」“”", c)
		})
		if i >= 0 {
			_, n := utf8.DecodeRuneInString(seg[i:])
			if w := strings.TrimSpace(seg[i+n:]); w != "" && latinOnly(w) && modelShaped(w) && !strings.ContainsAny(w, "$€£%") {
				if _, ok := r.productVersioned(w); ok {
					return r.versionedArg(cl[0]+len(seg)-len(w), w)
				}
				return arg{kind: kModel, start: cl[0] + len(seg) - len(w), end: cl[0] + len(seg), text: w, why: "a name with a version after its maker's"}
			}
		}
	}
	// "证监会对「智算互联」涉嫌…立案": a government before 对 acts on
	// what follows it, up to the verb; so does one before 向 or 为
	// ("国家药监局向某某医疗颁发三类证": to whom it gives).
	for _, prep := range []string{"对", "向", "为"} {
		i := strings.Index(text[cl[0]:h.start], prep)
		if passive || i <= 0 {
			continue
		}
		head := strings.TrimSpace(text[cl[0] : cl[0]+i])
		// ("委员会就数据处理问题对…": what 就 opens is the matter.)
		if j := strings.Index(head, "就"); j > 0 {
			head = strings.TrimSpace(head[:j])
		}
		if at, e := r.c.nouns.lastZh(head); at >= 0 && e.kind == kRegulator && strings.HasSuffix(head, e.text) {
			s, _ := trimSpaceSpan(text, cl[0], cl[0]+i)
			return arg{kind: kRegulator, start: s, end: s + len(head), text: head, why: "the noun " + quote(e.text) + " before " + prep}
		}
	}
	// "云翼科技与远东宏信开展合作": of two joined by 与, the first is the
	// doer and the second the party it acts with.
	if a, ok := r.zhFirstOfTwo(h, cl, passive); ok {
		return a
	}
	if best := r.lastCompanyBefore(h, cl); best != nil {
		// "xAI联合创始人创立的River AI融资", "Anthropic合资公司Ode收购": a
		// company in what describes the doer is not the doer; the name
		// the description ends on, right before the verb, is.
		if a, ok := r.zhDescribedDoer(h.part, best.end, h.start); ok {
			return a
		}
		return r.mentionArg(best)
	}
	if !passive {
		// "「北辰灵境」正洽谈…": the last bracketed name before the
		// predicate.
		if bs := bracketNames(text, cl[0], h.start); len(bs) > 0 {
			b := bs[len(bs)-1]
			return arg{kind: kName, start: b[0], end: b[1], text: text[b[0]:b[1]], why: "a name in corner brackets", bracketed: true}
		}
	}
	from := zhPhraseStart(text, cl[0], h.start)
	// "图灵视界被恒信股份收入囊中": in the passive the doer follows 被.
	if i, mark := zhPassiveMark(text[from:h.start]); passive && i >= 0 {
		from += i + len(mark)
	}
	// A government is the phrase's head, not a word inside it: "加州" and
	// "美国商务部" act, "中国AI公司" and "中国移动" are companies.
	// ("榜单在无锡发布": a place after 在 is where, not who; "福布斯中国发布":
	// a country after a name is the firm's arm there.)
	// ("工信部将安排…": an adverb of time or intent may stand between.)
	if at, e := r.c.nouns.lastZh(text[from:h.start]); at >= 0 && e.kind == kRegulator {
		full := strings.TrimSpace(text[from:h.start])
		if seg := zhWithoutAdverb(full); strings.HasSuffix(seg, e.text) && !strings.HasSuffix(seg, "在"+e.text) &&
			!strings.HasSuffix(seg, "于"+e.text) && !r.armOf(seg, e.text) {
			if seg == full {
				return arg{kind: kRegulator, start: from, end: h.start, text: text[from:h.start], why: "the noun " + quote(e.text)}
			}
			// (The doer ends before the adverb.)
			i := strings.Index(text[from:h.start], seg)
			return arg{kind: kRegulator, start: from + i, end: from + i + len(seg), text: seg, why: "the noun " + quote(e.text)}
		}
	}
	// "人工智能生成合成内容标识办法9月1日起施行": a policy's noun that
	// ends the phrase before the verb heads it, titled or not.
	if seg := zhWithoutAdverb(strings.TrimSpace(text[from:h.start])); seg != "" && !latinOnly(seg) {
		if e, ok := r.c.nouns.zhEndsIn(seg, kPolicy); ok && !strings.Contains(seg, "》") {
			s, _ := trimSpaceSpan(text, from, h.start)
			return arg{kind: kPolicy, start: s, end: s + len(seg), text: seg, why: "the noun " + quote(e.text)}
		}
	}
	// "《…标识办法》修订版正式施行": a titled document before the verb.
	// ("《…安全通用要求》国家标准正式发布": a policy's noun after it, an
	// adverb before the verb.)
	if j := strings.LastIndex(text[cl[0]:h.start], "》"); j >= 0 {
		tail := zhWithoutAdverb(strings.TrimSpace(text[cl[0]+j+len("》") : h.start]))
		_, policy := r.c.nouns.zhEndsIn(tail, kPolicy)
		if tail == "" || slices.Contains(zhRevisions, tail) || policy {
			if i := strings.LastIndex(text[cl[0]:cl[0]+j], "《"); i >= 0 {
				from = cl[0] + i
			}
		}
	}
	if seg := strings.TrimSpace(text[from:h.start]); strings.HasPrefix(seg, "《") && strings.Contains(seg, "》") {
		if a := r.zhPhrase(h.part, from, h.start); a.kind != kNone {
			return a
		}
	}
	// "Lumen-4来了": a model's name right before the verb.
	if seg := strings.TrimSpace(text[from:h.start]); seg != "" && latinOnly(seg) && modelShaped(seg) {
		at := strings.LastIndex(text[:h.start], seg)
		return r.versionedArg(at, seg)
	}
	// "曾获B轮融资的幻帧科技发布…": the name a relative clause ends on.
	// ("前DeepSeek研究员创立的九章格物发布…": one that someone founded is a
	// company, whatever its shape.)
	if i := strings.LastIndex(text[from:h.start], "的"); !passive && i >= 0 && (r.namedBefore(h.part, from+i+len("的"), h.start) ||
		zhFoundedBefore(text[from:from+i]) && hanOnly(strings.TrimSpace(text[from+i+len("的"):h.start])) && utf8.RuneCountInString(strings.TrimSpace(text[from+i+len("的"):h.start])) >= 2 &&
			utf8.RuneCountInString(strings.TrimSpace(text[from+i+len("的"):h.start])) <= 6) {
		s, e := trimSpaceSpan(text, from+i+len("的"), h.start)
		return arg{kind: kName, start: s, end: e, text: text[s:e], why: "the name a relative clause ends on", described: zhFoundedBefore(text[from : from+i])}
	}
	// ("AI招聘平台聘智已进行第二轮裁员": a short name its descriptor
	// calls a company's.)
	if name, at, described := r.c.lex.describedName(text[from:h.start]); name != "" && (r.c.lex.zhCompanyShaped(name, text[from+at+len(name):h.end]) ||
		described && hanOnly(name) && utf8.RuneCountInString(name) <= 4 && !r.c.tax.CommonWords[name] && !r.zhHeadedByNoun(name)) && (described || !r.zhHeadedByNoun(name)) {
		return arg{kind: kName, start: from + at, end: from + at + len(name), text: name, why: "a name shaped like a company's"}
	}
	// "恒信股份：关于拟收购…": after a colon, only words that open a
	// filing's or a statement's clause stand before the verb; the company
	// before the colon is its doer.
	// ("工信部：今年将安排专项资金…": a word of time may open it.)
	// ("算擎科技：拟3.06亿元收购…": so may a sum.)
	if i := strings.LastIndex(text[:h.start], "："); !passive && i >= 0 && zhOnlyOpeners(zhSumRE.ReplaceAllString(r.c.lex.trimZhTime(text[i+len("："):h.start]), "")) {
		if a, ok := r.zhSpeaker(h.part, h.start); ok {
			return a
		}
	}
	return arg{}
}

// armOf reports a country or city after a name that is no place's,
// "福布斯中国", "英伟达中国": the firm's arm there, not a government.
func (r *run) armOf(seg, place string) bool {
	if !slices.Contains(zhCountries, place) && !slices.Contains(r.c.lex.zhPlacePrefixes, place) {
		return false
	}
	name := strings.TrimSuffix(seg, place)
	if name == "" || strings.HasSuffix(name, "的") || slices.Contains(zhCountries, name) || slices.Contains(r.c.lex.zhPlacePrefixes, name) {
		return false
	}
	// The name before it, as a whole: Latin letters, or Han characters a
	// government's word does not end.
	if at, e := r.c.nouns.lastZh(name); at >= 0 && e.kind == kRegulator {
		return false
	}
	return utf8.RuneCountInString(name) >= 2
}

// zhCountries are countries and unions a Chinese name may end with.
var zhCountries = []string{"中国", "美国", "日本", "韩国", "英国", "欧洲", "欧盟", "德国", "法国", "印度", "新加坡"}

// zhRevisions are the words after a titled document that name a version
// of it ("《…办法》修订版").
var zhRevisions = []string{"修订版", "修订稿", "新版", "修正案", "征求意见稿", "（修订）", "(修订)"}

// zhClauseOpeners open a Chinese statement's clause before its verb
// ("关于拟收购…", "已完成…").
var zhClauseOpeners = []string{"关于", "拟", "将", "已经", "已", "正式", "确已", "计划", "宣布", "完成"}

// zhFoundedBefore reports a relative clause that ends on a verb of
// founding ("…研究员创立"): the name it describes is a company's.
func zhFoundedBefore(s string) bool {
	for _, v := range []string{"创立", "创办", "创建", "孵化", "联合创立", "联合创办"} {
		if strings.HasSuffix(s, v) {
			return true
		}
	}
	return false
}

// zhSumRE matches a sum of money in Chinese, with the words that bring
// it in ("以约3亿元", "不超过50亿元").
var zhSumRE = regexp.MustCompile(`(?:以|出资|斥资|不超过)?(?:约|超|近|逾)?\d+(?:\.\d+)?(?:万|亿|千万|百万)*(?:元|美元|港元|人民币)?(?:至\d+(?:\.\d+)?(?:万|亿)*元)?`)

// zhAdverbs are adverbs of time, intent or manner that stand between a
// Chinese doer and its verb ("网信部门依法约谈…").
var zhAdverbs = []string{"预计将", "或将", "已经", "计划", "正在", "正式", "依法", "近日", "日前", "将", "已", "拟", "正"}

// zhWithoutAdverb drops the adverb that ends s, if any.
func zhWithoutAdverb(s string) string {
	for _, a := range zhAdverbs {
		if b, ok := strings.CutSuffix(s, a); ok {
			return b
		}
	}
	return s
}

// trimZhTime drops the words of time that open s ("今年将…" → "将…").
func (lx *lexicon) trimZhTime(s string) string {
	s = strings.TrimSpace(s)
	for _, w := range lx.zhTimeWords {
		if rest, ok := strings.CutPrefix(s, w); ok {
			return rest
		}
	}
	return s
}

// zhOnlyOpeners reports whether s holds nothing but clause openers.
func zhOnlyOpeners(s string) bool {
	s = strings.TrimSpace(s)
	for s != "" {
		i := slices.IndexFunc(zhClauseOpeners, func(o string) bool { return strings.HasPrefix(s, o) })
		if i < 0 {
			return false
		}
		s = strings.TrimSpace(s[len(zhClauseOpeners[i]):])
	}
	return true
}

// lastCompanyBefore is the last company named before the predicate h in
// its clause cl, outside background phrases.
func (r *run) lastCompanyBefore(h hit, cl [2]int) *mention {
	var best *mention
	for k := range r.mentions {
		m := &r.mentions[k]
		if m.part == h.part && m.kind == refCompany && m.start >= cl[0] && m.end <= h.start && !r.background(m.hit) {
			best = m
		}
	}
	return best
}

// zhDescribedDoer reads text[from:to], what stands between a company and
// the verb, as a description that ends on the doer's name: after 的 or a
// descriptor (公司, 初创…), a name shaped like a company's. The company
// before from is then in the background.
func (r *run) zhDescribedDoer(part part, from, to int) (arg, bool) {
	text := r.d.parts[part]
	seg := text[from:to]
	if latinOnly(seg) {
		return arg{}, false
	}
	name, at, described := r.c.lex.describedName(seg)
	if name == "" || !described && !strings.Contains(seg[:at], "的") {
		return arg{}, false
	}
	if latinOnly(name) && !looksLikeName(name) || !latinOnly(name) && !r.c.lex.zhCompanyShaped(name, seg[at+len(name):]) {
		return arg{}, false
	}
	if r.describers == nil {
		r.describers = map[[2]int]bool{}
	}
	r.describers[[2]int{int(part), from}] = true
	return arg{kind: kName, start: from + at, end: from + at + len(name), text: name, why: "the name a description of the doer ends on"}, true
}

// nearArg finds an argument of one of the kinds in the predicate's
// clause: a company, a sum, a round, or a noun of the kind. A predicate
// in the plural that is its own only name ("minus the IPOs") names
// things in general, no party.
func (r *run) nearArg(h hit, kinds kindSet) (arg, bool) {
	a, ok := r.nearArgAny(h, kinds)
	if ok && a.kind == kName && a.mention == nil && a.start >= h.start && a.end <= h.end && strings.HasSuffix(h.text, "s") {
		return arg{}, false
	}
	// ("A new challenger to Nvidia prices its IPO": a known name read as
	// a capitalised word is still the one compared with.)
	if ok && a.kind == kName && a.mention == nil {
		for i := range r.mentions {
			if m := &r.mentions[i]; m.part == h.part && m.kind == refCompany && m.start == a.start && m.end == a.end && r.background(m.hit) {
				return arg{}, false
			}
		}
	}
	return a, ok
}

func (r *run) nearArgAny(h hit, kinds kindSet) (arg, bool) {
	cl := r.clauseSpan(h)
	funders := false
	text := r.d.parts[h.part]
	// "Nvidia and AMD pile into startup Photonline's $210M Series C": the
	// name whose possessive the noun follows, a sum perhaps between, is
	// whose it is, before any other name of the clause.
	if (kinds.has(kOrg) || kinds.has(kName)) && latinOnly(h.text) {
		if a, ok := r.possessorBefore(h, cl); ok {
			return a, true
		}
	}
	// "西门子与云枢智算签署战略合作协议": the partner of a Chinese verb of
	// partnering is the name after 与, before the verb.
	if (kinds.has(kOrg) || kinds.has(kName)) && h.kind == refEvent && r.c.tax.Events[h.idx].ID == news.EventPartnership && !latinOnly(h.text) {
		if a, ok := r.zhPartnerAfterWith(h, cl); ok {
			return a, true
		}
	}
	if kinds.has(kOrg) || kinds.has(kName) {
		for k := range r.mentions {
			m := &r.mentions[k]
			if m.part != h.part || m.kind != refCompany || m.start < cl[0] || m.end > cl[1] || r.background(m.hit) {
				continue
			}
			// "…获云启、商汤超亿元种子轮融资": a company that puts money into
			// the round is not the one that raises it.
			// (So is a lender there: "获招商银行10亿元授信".)
			// ("in talks with Microsoft, Reliance for $200 million round":
			// an investor the lists of investors name, the same.)
			// ("阿里领投青穹智能新一轮融资": a Chinese investor before its
			// verb of investing, the same.)
			if h.kind == refEvent && r.c.tax.Events[h.idx].ID == news.EventFunding && (r.inHuoList(m.hit) || m.investor && latinOnly(h.text) ||
				m.end <= h.start && zhLeadsAt(text[m.end:h.start])) {
				funders = true
				continue
			}
			if m.end <= h.start {
				if a, ok := r.zhDescribedDoer(h.part, m.end, h.start); ok {
					return a, true
				}
				// "模型已跑在宇树G1上，具象智能完成…融资": a name shaped like a
				// company's that opens the predicate's own part of the
				// headline is its company, not one named before the comma.
				if i := strings.LastIndex(text[m.end:h.start], "，"); i >= 0 {
					from := m.end + i + len("，")
					if name, at, _ := r.c.lex.zhName(text[from:h.start], 0); name != "" && at == 0 && r.c.lex.zhSuffixedName(name) {
						continue
					}
				}
			}
			a := r.mentionArg(m)
			if !kinds.has(a.kind) {
				a.kind = kOrg
			}
			return a, true
		}
	}
	if kinds.has(kMoney) {
		for _, am := range r.amountsIn(h.part) {
			if am.start >= cl[0] && am.end <= cl[1] && !am.other && !am.valuation {
				return arg{kind: kMoney, start: am.start, end: am.end, text: text[am.start:am.end], why: "a sum of money"}, true
			}
		}
	}
	if kinds.has(kRound) {
		if round, at, ok := r.c.lex.findRound(text[cl[0]:cl[1]]); ok && round != "" {
			return arg{kind: kRound, start: cl[0] + at[0], end: cl[0] + at[1], text: text[cl[0]+at[0] : cl[0]+at[1]], why: "a round"}, true
		}
	}
	if kinds.has(kOrg) || kinds.has(kName) {
		// "Shares of robot maker Ardent Motion jump …": the company whose
		// shares they are.
		for _, w := range []string{"shares of ", "stock of ", "shares in "} {
			if strings.HasPrefix(r.d.folded[h.part][cl[0]:], w) && cl[0]+len(w) < h.start {
				cl[0] += len(w)
				break
			}
		}
		if bs := bracketNames(text, cl[0], cl[1]); len(bs) > 0 {
			b := bs[0]
			return arg{kind: kName, start: b[0], end: b[1], text: text[b[0]:b[1]], why: "a name in corner brackets", bracketed: true}, true
		}
		// ("阿里领投青穹智能新一轮融资": the round is of the name after the
		// investor's verb.)
		if seg := text[cl[0]:h.start]; !latinOnly(seg) {
			for k := range r.mentions {
				if m := &r.mentions[k]; m.part == h.part && m.start >= cl[0] && m.end <= h.start && zhLeadsAt(seg[m.end-cl[0]:]) {
					cl[0] += zhLeadAfter(seg)
					break
				}
			}
		}
		// A name the sentence puts in a company's place: "Acme's Series B",
		// "深瞳智算完成…融资".
		name, at, described := r.c.lex.describedName(text[cl[0]:h.start])
		// "深瞳芯科创板IPO": the market a company lists on follows its
		// name and is none of it.
		if seg := text[cl[0]:h.start]; !latinOnly(seg) {
			for _, mk := range r.c.lex.zhMarkets {
				if before, ok := strings.CutSuffix(seg, mk); ok {
					// ("妙笔在纳斯达克挂牌": where it lists is no part of
					// the name.)
					for _, at := range []string{"在", "于", "登陆", "赴"} {
						if b, ok := strings.CutSuffix(before, at); ok && b != "" {
							before = b
							break
						}
					}
					if n, _, _ := r.c.lex.zhName(before, cl[0]); n != "" && hanOnly(n) && strings.HasSuffix(before, n) {
						// (Where it lists says it is a company.)
						start := cl[0] + len(before) - len(n)
						return arg{kind: kName, start: start, end: start + len(n), text: n, why: "a name before the market it lists on", described: true}, true
					}
				}
			}
		}
		between := text[cl[0]+at+len(name) : h.start]
		// "Lightspeed raises $9 billion, its largest fundraise": an
		// investment firm no list knows as a company, named before the
		// noun as its doer, raises its own fund. (One after it, or
		// qualifying it, puts money in: "a round led by Greenoaks",
		// "a Greenoaks-led round".)
		fund := func(name string, at int) bool {
			if at+len(name) > h.start || strings.HasPrefix(text[at+len(name):], "-") {
				return false
			}
			for k := range r.mentions {
				m := &r.mentions[k]
				if m.part == h.part && m.kind == refInvestor && m.start < at+len(name) && at < m.end {
					return true
				}
			}
			return false
		}
		if fund(name, cl[0]+at) {
			name = ""
		}
		// "Venture funding": a word right before the noun qualifies it.
		// ("AI教育公司学伴定价…": a Chinese name after a company word.)
		// (A predicate that opens on a verb is no noun a word qualifies:
		// "Nimbus Labeling prices IPO".)
		first, _, several := strings.Cut(h.text, " ")
		verb := several && latinOnly(h.text) && r.c.lex.verbWord(strings.ToLower(first))
		if r.c.lex.counted(name) {
			name = ""
		}
		// ("3家AI公司同日递表": a word of time is no name.)
		if name != "" && !latinOnly(name) && slices.Contains(r.c.lex.zhTimeWords, name) {
			name = ""
		}
		if name != "" && (strings.TrimSpace(between) != "" || !latinOnly(name) || verb) && (latinOnly(name) || described || r.c.lex.zhCompanyShaped(name, between) && !r.zhHeadedByNoun(name)) {
			return arg{kind: kName, start: cl[0] + at, end: cl[0] + at + len(name), text: name, why: "a name in a company's place", described: described}, true
		}
		// "Fenwick AI and Ardent Labs to Combine in All-Stock Merger": the
		// first of two names that open a merger's clause.
		if r.c.lex.mergerNoun(h.text) {
			if a, _ := r.pairNames(h.part, cl[0], h.start); a.text != "" {
				return a, true
			}
		}
		// The name that opens the clause, before its verb: "Acme closes
		// $2 billion acquisition of Lumora".
		// (Before a verb the name may run up to it: "Quillmark Health
		// lists on Nasdaq", "… to list on KOSDAQ".)
		if name, at := r.leadRun(text, cl[0], h.start, verb || several && strings.EqualFold(first, "to")); name != "" && !fund(name, at) && !r.c.lex.counted(name) {
			return arg{kind: kName, start: at, end: at + len(name), text: name, why: "the name that opens the clause"}, true
		}
		// "Norvik AI Partners With Telsen Health": in a title-case
		// headline the predicate's own capitalised verb ends the name.
		if h.part == partTitle && isCapital(h.text) && r.titleCase(partTitle) {
			if name, at := r.leadRun(text, cl[0], h.start, true); name != "" && !fund(name, at) {
				return arg{kind: kName, start: at, end: at + len(name), text: name, why: "the name that opens the clause"}, true
			}
		}
		for from := cl[0]; from < cl[1]; {
			name, at := r.nameInside(text, from, cl[1])
			if name == "" {
				break
			}
			if !fund(name, at) {
				return arg{kind: kName, start: at, end: at + len(name), text: name, why: "a name in the clause"}, true
			}
			from = at + len(name)
		}
		if a, ok := r.zhSpeaker(h.part, h.start); ok {
			return a, true
		}
		// "The Beijing-based AI cloud start-up is in discussions about a
		// new round": a lead's clause that opens on the company, called
		// by what it is, refers back to the headline's.
		if h.part == partSummary && strings.HasPrefix(r.d.folded[h.part][cl[0]:], "the ") {
			if a := r.enPhrase(h.part, cl[0], h.start, text); a.kind == kOrg && a.mention == nil && strings.HasPrefix(a.why, "the head noun ") &&
				r.c.lex.descriptorWords[strings.ToLower(lastField(a.text))] {
				a.why = "the company the lead refers back to as " + quote(a.text)
				return a, true
			}
		}
	}
	if kinds.has(kAI) {
		for k := range r.mentions {
			m := &r.mentions[k]
			if m.part == h.part && m.kind == refCompany && m.start >= cl[0] && m.end <= cl[1] && !r.background(m.hit) &&
				(m.layer != news.LayerNone || r.mentionKind(m) == kModel) {
				return arg{kind: kAI, start: m.start, end: m.end, text: m.text, mention: m, why: "an AI-industry name the taxonomy knows"}, true
			}
		}
		for _, w := range strings.Fields(text[cl[0]:cl[1]]) {
			if modelShaped(w) && (isCapital(w) || strings.ContainsAny(w, "-")) && !strings.ContainsAny(w, "$€£%") {
				i := strings.Index(text[cl[0]:cl[1]], w)
				return arg{kind: kAI, start: cl[0] + i, end: cl[0] + i + len(w), text: w, why: "a name with a version"}, true
			}
		}
		// "a family of open-weight language models": the predicate is the
		// head of a word for AI.
		lower := r.d.folded[h.part]
		for _, w := range r.c.lex.aiWords {
			if len(w) > len(h.text) && h.end >= len(w) && lower[h.end-len(w):h.end] == strings.ToLower(w) && (h.end == len(w) || lower[h.end-len(w)-1] == ' ') {
				return arg{kind: kAI, start: h.end - len(w), end: h.end, text: text[h.end-len(w) : h.end], why: "a word for AI"}, true
			}
		}
	}
	// A noun of one of the kinds: "IPO" near "debut", "售价" near "上市";
	// in English not a word for companies in general ("global venture
	// funding", "startup funding"): that is no company of the story (a
	// Chinese one, "AI芯片公司星河算力", stands before the company's name).
	nk := kinds
	if latinOnly(text[cl[0]:cl[1]]) {
		nk &^= 1 << kOrg
	}
	if a, ok := r.nounIn(h.part, cl, nk); ok {
		return a, true
	}
	// "某某CTO创业，获云启、商汤超亿元种子轮融资": a round its investors
	// are named for is news of funding, whoever raised it.
	if funders {
		return arg{why: "the investors listed after 获"}, true
	}
	return arg{}, false
}

// zhSpeaker reads "栖光回应融资传闻：确已完成A轮融资", "澜舟科技：已完成B轮
// 融资": in a Chinese headline, the company that opens the part before
// the last colon ahead of offset at speaks the clause after it, which
// names no one, and does what that clause says.
func (r *run) zhSpeaker(p part, at int) (arg, bool) {
	text := r.d.parts[p]
	colon := strings.LastIndex(text[:at], "：")
	if p != partTitle || colon <= 0 || latinOnly(text[:colon]) {
		return arg{}, false
	}
	head := text[:colon]
	for k := range r.mentions {
		if m := &r.mentions[k]; m.part == p && m.kind == refCompany && m.start == 0 && m.end <= len(head) {
			a := r.mentionArg(m)
			a.why = "the company that speaks before the colon"
			return a, true
		}
	}
	// "工信部：今年将安排专项资金…": a government that speaks.
	if h := strings.TrimSpace(head); hanOnly(h) && utf8.RuneCountInString(h) <= 12 {
		if e, ok := r.c.nouns.zhEndsIn(h, kRegulator); ok && !r.armOf(h, e.text) {
			return arg{kind: kRegulator, start: 0, end: len(head), text: head, why: "the government that speaks before the colon"}, true
		}
	}
	name, at, _ := r.c.lex.describedName(head)
	if name == "" || at != 0 || latinOnly(name) {
		return arg{}, false
	}
	if r.c.lex.zhCompanyShaped(name, head[len(name):]) && r.c.lex.zhSuffixed(name) || r.zhRepeatedAsSubject(name, utf8.RuneCountInString(name)) != "" {
		return arg{kind: kName, start: 0, end: len(name), text: name, why: "the company that speaks before the colon", described: true}, true
	}
	// "华程精工：关于获得政府补助的公告": who files a listed company's
	// filing is a company.
	if name == head && zhFiling(text[colon:]) && hanOnly(name) && utf8.RuneCountInString(name) >= 2 && utf8.RuneCountInString(name) <= 8 {
		if _, gov := r.c.nouns.zhKindAt(name, kRegulator); !gov && !r.c.lex.notNames[name] {
			return arg{kind: kName, start: 0, end: len(name), text: name, why: "the company that files the filing", described: true}, true
		}
	}
	return arg{}, false
}

// zhFiling reports whether rest, from a headline's colon on, is the
// title of a listed company's filing: "：关于…的公告".
func zhFiling(rest string) bool {
	rest = strings.TrimPrefix(rest, "：")
	if !strings.HasPrefix(rest, "关于") {
		return false
	}
	return slices.ContainsFunc(zhFilingEnds, func(e string) bool { return strings.HasSuffix(strings.TrimSpace(rest), e) })
}

// nounIn finds a noun of one of the kinds in text[cl[0]:cl[1]] of part:
// English words (and phrases ending in them), Han nouns anywhere.
func (r *run) nounIn(part part, cl [2]int, kinds kindSet) (arg, bool) {
	text, lower := r.d.parts[part], r.d.folded[part]
	seg := text[cl[0]:cl[1]]
	if !latinOnly(seg) {
		for _, e := range r.c.nouns.zh {
			if !kinds.has(e.kind) {
				continue
			}
			for off := 0; off < len(seg); {
				i := strings.Index(seg[off:], e.text)
				if i < 0 {
					break
				}
				i += off
				off = i + len(e.text)
				// "大模型公司纷纷降价": a noun before a company word
				// qualifies the companies; it is no argument.
				if _, org := r.c.nouns.zhKindAt(seg[off:], kOrg); org && e.kind != kOrg {
					continue
				}
				return arg{kind: e.kind, start: cl[0] + i, end: cl[0] + off, text: e.text, why: "the noun " + quote(e.text)}, true
			}
		}
	}
	for i := cl[0]; i < cl[1]; {
		for i < cl[1] && !isWordStart(text, i) {
			i++
		}
		j := i
		for j < cl[1] && (isWordByte(text[j]) || text[j] == '-') {
			j++
		}
		// "Model Y": a word that opens a noun of several words of
		// another kind is not a noun here.
		if j > i && j+1 < cl[1] && text[j] == ' ' {
			e := j + 1
			for e < cl[1] && isWordByte(text[e]) {
				e++
			}
			if _, ok := r.c.nouns.multiMatch(lower[cl[0]:j+1], lower[j+1:e]); ok && r.c.nouns.headKinds(lower[cl[0]:j+1], lower[j+1:e])&kinds == 0 {
				i = j + 1
				continue
			}
		}
		// ("特斯拉Model Y降价": a noun inside a false friend is none.)
		if j > i && r.inFalseFriend(hit{part: part, start: i, end: j}) {
			i = j + 1
			continue
		}
		if j > i {
			if ks := r.c.nouns.headKinds(lower[cl[0]:i], lower[i:j]) & kinds; ks != 0 {
				k := kNone
				for k = 1; k < numKinds && !ks.has(k); k++ {
				}
				return arg{kind: k, start: i, end: j, text: text[i:j], why: "the noun " + quote(lower[i:j])}, true
			}
		}
		i = j + 1
	}
	return arg{}, false
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

func isWordStart(text string, i int) bool {
	return isWordByte(text[i]) && (i == 0 || !isWordByte(text[i-1]))
}

// stakeRest reports what follows a company's name when a stake in it is
// bought: "100%股权", "51%的股权", "控股权".
func (lx *lexicon) stakeRest(rest string) bool {
	rest = strings.TrimLeft(rest, "0123456789.%％约近超 的")
	for _, w := range lx.zhStakeWords {
		if strings.HasPrefix(rest, w) {
			return true
		}
	}
	return false
}

// makesModels reports whether the taxonomy files a company in the model
// layer, or its units there.
func (r *run) makesModels(m *mention) bool {
	c := r.c.tax.Companies[m.idx]
	if slices.Contains(c.Layers, news.LayerModel) {
		return true
	}
	for _, u := range c.Units {
		if u.Layer == news.LayerModel {
			return true
		}
	}
	return false
}

// modelWordNear reports a word for AI models in a predicate's sentence
// or the lead's first: "Garmin launches Forerunner 990" names a watch,
// "Mozilla releases Ember 2, a 7B model" a model.
func (r *run) modelWordNear(h hit) bool {
	sent := r.sentenceOf(h)
	texts := []string{r.d.folded[h.part][sent[0]:sent[1]]}
	if ss := r.d.sentences[partSummary]; h.part == partTitle && len(ss) > 0 {
		texts = append(texts, r.d.folded[partSummary][ss[0][0]:ss[0][1]])
	}
	for _, t := range texts {
		for _, w := range strings.FieldsFunc(t, func(c rune) bool { return !unicode.IsLetter(c) && !unicode.IsDigit(c) && c != '-' }) {
			if k, ok := r.c.nouns.en[w]; ok && k == kModel {
				return true
			}
		}
		if strings.Contains(t, "模型") {
			return true
		}
	}
	return false
}

// rivalAt returns where the word for a rival after a headline's company
// ends ("OpenAI rival Anthropic"), or 0.
func (r *run) rivalAt(m *mention) int {
	return r.rivalAfter(m.part, r.unitEnd(m.hit))
}

// unitEnd is where a company's name ends in a headline, with a business
// line of its own right after it ("华为昇腾").
func (r *run) unitEnd(h hit) int {
	if h.part != partTitle || !hanAt(r.d.parts[h.part], h.end) {
		return h.end
	}
	for _, o := range r.d.hits {
		if o.part == h.part && o.start == h.end && o.kind == refCompany && o.idx == h.idx && o.unit >= 0 {
			return o.end
		}
	}
	return h.end
}

// rivalAfter returns where a word for a rival right after end in a
// headline ends, or 0.
func (r *run) rivalAfter(part part, end int) int {
	if part != partTitle {
		return 0
	}
	after := r.d.parts[part][end:]
	for _, p := range r.c.lex.rivalAfter {
		if strings.HasPrefix(after, p) {
			return end + len(strings.TrimRight(p, " "))
		}
	}
	return 0
}

// afterRival reports a name right after "X rival": "OpenAI rival
// Anthropic" is about Anthropic, not compared with it.
func (r *run) afterRival(h hit) bool {
	for k := range r.mentions {
		m := &r.mentions[k]
		if m.part == h.part && m.end < h.start {
			if at := r.rivalAt(m); at > 0 && strings.TrimSpace(r.d.parts[h.part][at:h.start]) == "" {
				return true
			}
		}
	}
	return false
}

// blankCheque finds a blank-cheque company in a predicate's sentence:
// the word SPAC, or a name ending "Acquisition Corp".
func (r *run) blankCheque(h hit) (string, bool) {
	sent := r.sentenceOf(h)
	seg := r.d.parts[h.part][sent[0]:sent[1]]
	for _, w := range r.c.lex.blankCheques {
		if i := strings.Index(seg, w); i >= 0 && (i == 0 || !isWordByte(seg[i-1])) {
			return w, true
		}
	}
	return "", false
}

// partnerParty is the partner the headline's partnership frame names,
// when no list knows it: "… deal with Fervo".
func (r *run) partnerParty() *party {
	p := r.predicateOf(news.EventPartnership, partTitle)
	if p == nil {
		return nil
	}
	o := p.reading.object
	// "Norvik AI and Telsen Health announce a partnership": the doer's
	// partner stands beside it.
	if c, ok := r.conjuncts[spanKey{p.part, p.start, p.end}]; ok && (o.kind != kName && o.kind != kOrg || o.start < c.end && o.end > p.reading.subject.start) {
		if c.mention != nil {
			return nil
		}
		return r.argParty(c, partTitle)
	}
	// (A frame that asks only for a name near may have found its doer:
	// the partner then follows "with", or another frame of the same
	// verb names it: "Rivermark Bancorp Selects Kobalt AI".)
	if o.text != "" && o.start == p.reading.subject.start {
		if q := r.predicateWhere(news.EventPartnership, partTitle, func(q *predicate) bool {
			return q.start == p.start && q.reading.object.kind == kName && q.reading.object.start != q.reading.subject.start
		}); q != nil {
			o = q.reading.object
		}
	}
	if o.kind == kName && o.mention == nil && o.text != "" && o.start != p.reading.subject.start {
		if latinOnly(o.text) && !isCapital(o.text) {
			return nil // "deploys troops": a word, not a name
		}
		return r.argParty(o, partTitle)
	}
	// "signs 1.2 GW geothermal power deal with Fervo": the deal is the
	// object, the partner follows "with".
	title := r.d.parts[partTitle]
	cl := r.clauseSpan(p.hit)
	i := strings.Index(r.d.folded[partTitle][p.start:cl[1]], " with ")
	if i < 0 || !latinOnly(title) {
		return nil
	}
	from := p.start + i + len(" with ")
	for _, m := range r.mentions {
		if m.part == partTitle && m.start == from {
			return nil // a company the lists know, a mention already
		}
	}
	name, at := r.c.lex.nameAfter(title[from:cl[1]])
	if name == "" || at != 0 || !isCapital(name) || r.c.lex.notNames[strings.ToLower(name)] || r.c.tax.CommonWords[strings.ToLower(name)] && !strings.Contains(name, " ") {
		return nil
	}
	return &party{name: r.canonicalUnknown(name), span: news.Span{Part: partTitle.String(), Start: from, End: from + len(name), Text: name}}
}

// blankChequeParty names the blank-cheque company of a headline ("Harbor
// Acquisition Corp"), or nil.
func (r *run) blankChequeParty() *party {
	title := r.d.parts[partTitle]
	for _, w := range r.c.lex.blankCheques {
		i := strings.Index(title, w)
		if i < 0 || !strings.HasPrefix(w, "Acquisition") {
			continue
		}
		end := i + len(w)
		if end < len(title) && title[end] == '.' {
			end++
		}
		if n, at, _ := r.c.lex.describedName(title[:end]); n != "" && strings.HasSuffix(strings.TrimSuffix(n, "."), w) {
			return &party{name: n, span: news.Span{Part: partTitle.String(), Start: at, End: at + len(n), Text: n}}
		}
	}
	return nil
}

// namesBody reports whether noun predicate h, capitalised in a text in
// sentence case, ends a name begun by a capitalised word that is no
// common word: "the AI Alliance", "Frontier Pact" (but "a Strategic
// Alliance" partners).
func (r *run) namesBody(h hit) bool {
	if !latinOnly(h.text) || strings.Contains(h.alias, " ") || !isCapital(h.text) || acronym(h.text) ||
		r.c.nouns.enCased[h.text] || r.titleCase(h.part) {
		return false
	}
	at := r.prevWordStart(h)
	if at < 0 {
		return false
	}
	prev := r.d.parts[h.part][at : h.start-1]
	return isCapital(prev) && !r.c.tax.CommonWords[strings.ToLower(prev)]
}

// prevWordStart returns where the word right before h starts, with one
// space between, or -1.
func (r *run) prevWordStart(h hit) int {
	text := r.d.parts[h.part]
	if h.start < 2 || text[h.start-1] != ' ' || text[h.start-2] == ' ' {
		return -1
	}
	i := strings.LastIndexAny(text[:h.start-1], " \"'“‘(")
	if i < 0 {
		i = 0
	} else {
		_, n := utf8.DecodeRuneInString(text[i:])
		i += n // past the space or the opening quote, whatever its width
	}
	if i >= h.start-1 || strings.ContainsAny(text[i:h.start-1], ",;:.!?") {
		return -1
	}
	return i
}

// unitNamed returns the index of the unit named or aliased name, or -1.
func unitNamed(units []config.Unit, name string) int {
	for i, u := range units {
		if u.Name == name || slices.Contains(u.Aliases, name) {
			return i
		}
	}
	return -1
}

// countedGoods reports whether words open on a count of things in figures
// ("8,000 Nvidia Jetson boards", "3 million pendants"): no company is
// bought or shipped by the dozen (a sum of money, "$2 billion", or a
// share, "15%", is no count; nor are firms counted, "2 startups").
func countedGoods(between string) bool {
	words := strings.Fields(between)
	if len(words) == 0 {
		return false
	}
	// ("buys 2 startups, Lumora and Quillon": firms counted are bought.)
	if len(words) > 1 && slices.Contains([]string{"startups", "companies", "firms", "businesses", "rivals", "makers"}, strings.Trim(words[1], ",")) {
		return false
	}
	return isDigit(words[0][0]) && allDigits(strings.NewReplacer(",", "", ".", "").Replace(words[0]))
}
