package classify

import (
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/aitracker/aitracker/config"
	"github.com/aitracker/aitracker/news"
)

// rulesVersion changes whenever the rules in code change in a way that
// alters tags; with the taxonomy digest it forms the classifier version
// stored with every article.
const rulesVersion = "r61"

// Classifier tags articles. It is safe for concurrent use.
type Classifier struct {
	tax *config.Taxonomy
	// frames are every event type's frames in one list, in order; a
	// frame's index here identifies it in matches.
	frames   []Frame
	m        *matcher
	version  string
	eventIdx map[news.EventType]int
	// nouns tell the kinds of frames' arguments.
	nouns *nouns
	// lex is the vocabulary of the rules besides cues.
	lex *lexicon
	// companyIdx finds a company by its canonical name.
	companyIdx map[string]int
	// aliasIdx maps lower-cased names and aliases to canonical names; it
	// is built on first use.
	aliasOnce sync.Once
	aliasIdx  map[string]string
	// capitals are the words the lists write in capitals ("AI", "IPO",
	// "AMD"): kept so when an all-capitals headline is read in title case.
	capitals map[string]bool
	// base is the classifier without learnt companies, and learned how
	// many it knows besides (see WithLearned).
	base    *Classifier
	learned int
	// people are the taxonomy's people who act for a company, longest
	// name first.
	people []person
	// modelHead and productHead are the meanings of a headline that is a
	// new model's name, or a product's with its new version.
	modelHead, productHead *ref
}

// person is a name a company's person goes by, and the company.
type person struct {
	name, company string
}

// isLearned reports whether the company of a canonical name was learnt
// from earlier articles rather than given by the taxonomy.
func (c *Classifier) isLearned(name string) bool {
	co := c.company(name)
	return co != nil && co.Learned
}

// company returns the taxonomy's entry for a canonical name, or nil.
func (c *Classifier) company(name string) *config.Company {
	if i, ok := c.companyIdx[name]; ok {
		return &c.tax.Companies[i]
	}
	return nil
}

// New builds a classifier over the taxonomy. It reports the cue phrases
// and argument kinds it cannot read.
func New(t *config.Taxonomy) (*Classifier, error) {
	frames, err := compileFrames(t)
	if err != nil {
		return nil, err
	}
	m, err := newMatcher(t, frames, t.InvestorCompanies())
	if err != nil {
		return nil, fmt.Errorf("classify: build matcher: %w", err)
	}
	c := &Classifier{tax: t, frames: frames, m: m, version: rulesVersion + "-" + t.Digest, eventIdx: map[news.EventType]int{},
		companyIdx: make(map[string]int, len(t.Companies)), nouns: newNouns(t.Arguments), lex: newLexicon(t)}
	for i, co := range t.Companies {
		c.companyIdx[co.Name] = i
		for _, p := range co.People {
			c.people = append(c.people, person{name: p, company: co.Name})
		}
	}
	slices.SortStableFunc(c.people, func(a, b person) int { return len(b.name) - len(a.name) })
	c.capitals = capitalWords(t)
	for i, e := range t.Events {
		c.eventIdx[e.ID] = i
	}
	// A headline that is a new model's name, or a product's with its new
	// version, stands for the frame of a model or a version that arrives
	// (see modelHeadline).
	head := func(frame string, et news.EventType, alias string) *ref {
		fi := slices.IndexFunc(frames, func(f Frame) bool { return f.ID == frame })
		ei, ok := c.eventIdx[et]
		if fi < 0 || !ok {
			return nil
		}
		return &ref{kind: refEvent, idx: ei, unit: -1, weight: 3, frame: fi, alias: alias, lang: "en"}
	}
	c.modelHead = head("model.arrives", news.EventModelRelease, "a new model's name as the headline")
	c.productHead = head("product.version-arrives", news.EventProductLaunch, "a product's new version as the headline")
	return c, nil
}

// Version identifies the rules and taxonomy; it is stored with the tags.
func (c *Classifier) Version() string { return c.version }

// Taxonomy returns the taxonomy the classifier uses.
func (c *Classifier) Taxonomy() *config.Taxonomy { return c.tax }

// Input is the text of one article.
type Input struct {
	Title   string
	Summary string
	Body    string
	Lang    string // "en", "zh" or "" (any)
	URL     string
	// Date is when the article was published; it picks the year's
	// exchange rates for amounts in USD. Zero means the latest year.
	Date time.Time
}

// maxBody bounds how much of a body is read: what an article is about is
// said near its start, and the bound keeps the cost per article flat.
const maxBody = 16 << 10

// partWeights: the title says what the article is about, the lead says it
// again with detail, the body adds context.
const (
	wTitle     = 3.0
	wLead      = 1.5
	wSummary   = 1.0
	wBody      = 0.3
	wBodyCap   = 1.5 // at most this much salience from body mentions
	bgDiscount = 0.15
)

// doc is an article under classification.
type doc struct {
	parts     [numParts]string
	order     []part // the parts that hold text
	hits      []hit
	sentences [numParts][][2]int
	clauses   [numParts][][2]int
	folded    [numParts]string // parts with ASCII lower-cased, same offsets
	markers   [numParts][]int  // per part, where background markers start
	afters    [numParts][]int  // per part, where "after", "since" … start
	latin     [numParts]bool   // the part is latinOnly (as blanked)
	url       string
	// rawTitle is the headline as the article gives it: an all-capitals
	// one is read in title case (uncapitalized), and its evidence quotes
	// it as written.
	rawTitle string
}

// Classify tags one article; a newsletter's headline that lists several
// stories takes the tags of the one its rules choose (see digest).
func (c *Classifier) Classify(in Input) news.Tags {
	title := c.ownHeadline(c.uncapitalized(in.Title))
	// "【宏远精工：拟…收购智瞳视觉51%股权】": a flash's closing bracket ends
	// no name (the opening one stays, so that offsets hold).
	if strings.HasPrefix(title, "【") && strings.HasSuffix(title, "】") && strings.Count(title, "】") == 1 {
		title = strings.TrimSuffix(title, "】")
	}
	if _, stories := c.lex.digestStories(title); stories != nil {
		if t, ok := c.digest(in, stories); ok {
			return t
		}
	}
	return c.classifyParts(in, title)
}

// classifyParts tags one article from its headline, as read (see
// ownHeadline, uncapitalized), summary and body.
func (c *Classifier) classifyParts(in Input, title string) news.Tags {
	d := &doc{url: in.URL, rawTitle: in.Title}
	body := in.Body
	if len(body) > maxBody {
		body = cutUTF8(body, maxBody)
	}
	// The per-article buffers come from a pool and go back to it when
	// the tags are made: nothing in the tags points into them.
	sc := scratchPool.Get().(*scratch)
	defer sc.release(d)
	d.hits = sc.hits[:0]
	for i, p := range [numParts]struct {
		name part
		text string
	}{{partTitle, title}, {partSummary, in.Summary}, {partBody, body}} {
		if strings.TrimSpace(p.text) == "" {
			continue
		}
		d.parts[p.name] = p.text
		d.order = append(d.order, p.name)
		sc.sents[i], sc.clauses[i] = c.lex.segmentsInto(sc.sents[i][:0], sc.clauses[i][:0], p.text)
		d.sentences[p.name], d.clauses[p.name] = sc.sents[i], sc.clauses[i]
		var folded string
		sc.fold[i], folded = foldInto(sc.fold[i][:0], p.text)
		d.folded[p.name] = folded
		from := len(d.hits)
		// Past a body's lead only names, company words and background
		// markers are read: cues there are context (see bodyLead).
		cueLimit := len(p.text)
		if p.name == partBody {
			cueLimit = bodyLead + 256
		}
		d.hits = c.m.scanLimit(p.name, p.text, d.folded[p.name], d.hits, &sc.matches, cueLimit)
		// Background markers are kept apart, as positions; a sentence
		// that feeds add to every text is found by its marker.
		kept := d.hits[:from]
		var boiler [][2]int
		for _, h := range d.hits[from:] {
			if h.kind == refBackground {
				switch h.idx {
				case 0:
					d.markers[p.name] = append(d.markers[p.name], h.start)
				case 1:
					d.afters[p.name] = append(d.afters[p.name], h.start)
				default:
					boiler = append(boiler, sentenceAround(d.sentences[p.name], h.start))
				}
				continue
			}
			kept = append(kept, h)
		}
		d.hits = kept
		if p.name == partTitle {
			if end := c.lex.zhTitleLabel(p.text, d.hits[from:]); end > 0 {
				boiler = append(boiler, [2]int{0, end})
			}
		}
		if len(boiler) > 0 {
			d.blank(p.name, from, boiler)
		}
		d.latin[p.name] = latinOnly(d.parts[p.name])
	}
	r := &run{c: c, d: d, date: in.Date}
	return r.classify()
}

// zhTitleLabel returns where the label that opens a Chinese headline
// ends, with its mark, or 0: "喜报｜", "官宣！", "2026世界人工智能大会｜",
// "直播预告｜" head a company's post as a column's name does and are no
// part of the sentence after them, whose subject must be read without
// them. A label that names a company ("宇树科技｜") stays.
func (lx *lexicon) zhTitleLabel(title string, hits []hit) int {
	i, mark := -1, ""
	for _, m := range []string{"｜", "丨", "|", "！"} {
		if k := strings.Index(title, m); k > 0 && (i < 0 || k < i) {
			i, mark = k, m
		}
	}
	if i < 0 {
		return 0
	}
	label, rest := strings.TrimSpace(title[:i]), strings.TrimSpace(title[i+len(mark):])
	// ("「三五环」播客｜": a show's name in brackets stays with what it
	// is; "近30亿元！" is the deal's sum.)
	if label == "" || latinOnly(label) || utf8.RuneCountInString(label) > 12 || utf8.RuneCountInString(rest) < 6 || latinOnly(rest) ||
		strings.ContainsAny(label, "「」《》“”") || strings.ContainsAny(label, "0123456789") && strings.ContainsAny(label, "亿万元") {
		return 0
	}
	// (Nor one that says the genre or denies: "AI早报｜", "辟谣！".)
	if slices.ContainsFunc(hits, func(h hit) bool {
		return h.start < i && (h.kind == refCompany || h.kind == refNewsletter || h.kind == refGenre || h.kind == refNegation)
	}) || lx.zhSuffixedName(label) {
		return 0
	}
	return i + len(mark)
}

// ownHeadline returns the headline without the outlet's name a feed
// appended to it (" - Nordic Tech Ledger"), unless that name is a
// company's: "Introducing Claude 5 | Anthropic" is the company's own news.
// uncapitalized returns a headline written all in capitals (ASCII, three
// words or more) in title case, and any other headline as it is.
func (c *Classifier) uncapitalized(title string) string {
	letters, upper, words := 0, 0, 0
	for _, w := range strings.Fields(title) {
		has := false
		for i := 0; i < len(w); i++ {
			switch b := w[i]; {
			case b >= 0x80:
				return title // not ASCII: left as written
			case b >= 'A' && b <= 'Z':
				letters++
				upper++
				has = true
			case b >= 'a' && b <= 'z':
				letters++
				has = true
			}
		}
		if has {
			words++
		}
	}
	if words < 3 || upper != letters {
		return title
	}
	// Each word in title case, the lists' capitals kept: "QUORRA RAISES
	// $40M SERIES B LED BY ACCEL" reads as "Quorra Raises $40M Series B
	// Led By Accel", whose capitals say nothing of names.
	b := []byte(title)
	for i := 0; i < len(b); {
		if !isLetterByte(b[i]) {
			i++
			continue
		}
		j := i
		for j < len(b) && (isLetterByte(b[j]) || b[j] == '.' && j+1 < len(b) && isLetterByte(b[j+1])) {
			j++
		}
		// "$250 MLN": a scale after a number is a word, not a name.
		k := i - 1
		for k >= 0 && b[k] == ' ' {
			k--
		}
		from := i + 1
		if k >= 0 && isDigit(b[k]) && slices.ContainsFunc(c.lex.amountScales, func(sc config.Scale) bool { return strings.EqualFold(sc.Word, string(b[i:j])) }) {
			from = i
		}
		if w := string(b[i:j]); !c.capitals[w] && !c.capitals[strings.TrimSuffix(w, "S")] {
			for k := from; k < j; k++ {
				if b[k] >= 'A' && b[k] <= 'Z' {
					b[k] += 'a' - 'A'
				}
			}
		}
		i = j
	}
	return string(b)
}

func isLetterByte(b byte) bool { return b >= 'A' && b <= 'Z' || b >= 'a' && b <= 'z' }

// capitalWords gathers the words the taxonomy writes in capitals: names
// and aliases ("AMD"), argument nouns ("IPO", "GPU"), AI words ("AI").
func capitalWords(t *config.Taxonomy) map[string]bool {
	out := map[string]bool{}
	add := func(s string) {
		for _, w := range strings.Fields(s) {
			w = strings.Trim(w, ".,;:()")
			if len(w) >= 2 && strings.ToUpper(w) == w && strings.ContainsFunc(w, func(r rune) bool { return r >= 'A' && r <= 'Z' }) {
				out[w] = true
			}
		}
	}
	for _, co := range t.Companies {
		add(co.Name)
		for _, a := range co.Aliases {
			add(a)
		}
	}
	for _, cs := range t.Arguments {
		for _, w := range cs.EN {
			add(parseCue(w).phrase)
		}
	}
	for _, w := range t.Words.AIWords {
		add(w)
	}
	return out
}

func (c *Classifier) ownHeadline(title string) string {
	cut := c.lex.outletCut(title)
	if cut == len(title) {
		return title
	}
	// (Rare: own buffers, not the article's scratch.)
	tail := title[cut:]
	_, folded := foldInto(nil, tail)
	var matches []acMatch
	for _, h := range c.m.scanLimit(partTitle, tail, folded, nil, &matches, len(tail)) {
		if h.kind == refCompany {
			return title
		}
	}
	return title[:cut]
}

// scratch holds the buffers of one classification, per part where the
// parts differ.
type scratch struct {
	hits    []hit
	matches []acMatch
	fold    [3][]byte
	sents   [3][][2]int
	clauses [3][][2]int
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// release keeps d's grown buffers for the next article and returns them
// to the pool, dropping what they point to.
func (sc *scratch) release(d *doc) {
	clear(d.hits)
	sc.hits = d.hits[:0]
	scratchPool.Put(sc)
}

// sentenceAround returns the sentence of sents that holds byte at.
func sentenceAround(sents [][2]int, at int) [2]int {
	i := sort.Search(len(sents), func(i int) bool { return sents[i][1] > at })
	if i == len(sents) || sents[i][0] > at {
		return [2]int{at, at}
	}
	return sents[i]
}

// blank makes the sentences spans of a part read as blank: the sentences
// feeds and sites add to every text ("The post … appeared first on …",
// "本文来自微信公众号…，36氪经授权发布。"), so that the outlet is not the
// news. What the part's scan found in them (from hits[from] on) is
// dropped, and a headline's or summary's text there becomes spaces, every
// offset staying where it was.
func (d *doc) blank(p part, from int, spans [][2]int) {
	in := func(at int) bool {
		for _, sp := range spans {
			if at >= sp[0] && at < sp[1] {
				return true
			}
		}
		return false
	}
	kept := d.hits[:from]
	for _, h := range d.hits[from:] {
		if !in(h.start) {
			kept = append(kept, h)
		}
	}
	d.hits = kept
	d.markers[p] = slices.DeleteFunc(d.markers[p], in)
	d.afters[p] = slices.DeleteFunc(d.afters[p], in)
	// A body is read through its hits (its text only as a fallback for
	// the lead's predicates): it is not copied to be blanked.
	if p == partBody {
		return
	}
	d.parts[p], d.folded[p] = blankSpans(d.parts[p], spans), blankSpans(d.folded[p], spans)
}

// blankSpans returns s with the bytes of spans written as spaces.
func blankSpans(s string, spans [][2]int) string {
	b := []byte(s)
	for _, sp := range spans {
		for k := sp[0]; k < sp[1] && k < len(b); k++ {
			b[k] = ' '
		}
	}
	return string(b)
}

// ClassifyArticle classifies a stored or fetched article.
func (c *Classifier) ClassifyArticle(a *news.Article) news.Tags {
	return c.Classify(Input{Title: a.Title, Summary: a.Summary, Body: a.Body, Lang: a.Lang, URL: a.URL, Date: a.Published})
}

// run holds the state of one classification.
type run struct {
	c     *Classifier
	d     *doc
	date  time.Time
	trail []news.Decision
	// subjectFromLead says that subject read the lead's frame for the
	// headline's, which named no party.
	subjectFromLead bool
	// per part and clause: 1 background, -1 not, 0 not yet known
	bgClause [numParts][]int8
	// where, per part, a company named in what describes a doer ends
	// ("英伟达联合创始人创立的Lumora"): it is in the background.
	describers map[[2]int]bool
	// the headline denies or calls off its event: who would have
	// invested is a party to the story, not an investor
	denied bool
	// investorsTakePart: the news is of no round and its headline names
	// companies only where investing words stand; they are its parties.
	investorsTakePart bool
	// deniedDeal is the headline's acquisition frame read as if the
	// clause did not call it off: its parties are still the story's.
	deniedDeal *predicate
	// readNegated makes readFrame read a frame whatever its clause's
	// polarity (for deniedDeal).
	readNegated bool
	// deniedParties are deniedDeal's acquirer and target.
	deniedParties [2]*party
	contains      map[string]bool // anyPartContains answers
	// entity mentions after overlap resolution and ambiguity checks
	mentions []mention
	// amounts caches findAmounts per part; amountsRead says which are.
	amounts     [numParts][]amount
	amountsRead [numParts]bool
	// funded is the company a funding phrase puts money into, when the
	// headline is built around the investor.
	funded *mention
	// fundedByObject says a funding phrase's object is a company the
	// taxonomy does not know ("takes a stake in Kestrel Dynamics").
	fundedByObject bool
	// investorList holds the investors read from lists in the text.
	investorList []investorName
	// huoLists are where Chinese clauses list investors between 获 and
	// the sum they get.
	huoLists []partSpan
	// predicates are the cues whose frames hold, in order.
	predicates []predicate
	// titleCased caches titleCase per part: 1 yes, -1 no, 0 not yet known.
	titleCased [numParts]int8
	// parties caches acquisitionParties: acquirer and target.
	parties []*party
	// objects and subjects cache what a predicate governs and who does
	// it, for the frames that share the predicate.
	objects, subjects map[spanKey]arg
	// conjuncts holds, per predicate, the second of two names its doer
	// joins ("Norvik AI and Telsen Health announce …").
	conjuncts map[spanKey]arg
	// readings says which kinds of reading (negation, modality) the
	// article holds at all.
	readings map[refKind]bool
	// mentionStarts finds a company mention by where it starts.
	mentionStarts map[spanKey]int
	// nears caches nearArg per predicate and kinds.
	nears map[nearKey]nearVal
}

// amountsIn returns the sums of money in a part, computed once.
func (r *run) amountsIn(part part) []amount {
	if r.amountsRead[part] {
		return r.amounts[part]
	}
	r.amountsRead[part] = true
	text := r.d.parts[part]
	if part == partBody && len(text) > bodyLead+256 {
		// Only the lead's sums are read: predicates past it are not.
		text = cutUTF8(text, bodyLead+256)
	}
	a := r.c.lex.findAmounts(text)
	// ("Trading house Marunaka takes 60% stake in Osaka robotics startup
	// …" over "…for ¥9 billion": a headline about Japan makes the lead's
	// ¥ the yen.)
	if part != partTitle && r.c.lex.yenText(r.d.parts[partTitle]) {
		for i := range a {
			if a[i].currency == "CNY" && strings.HasPrefix(text[a[i].start:], "¥") {
				a[i].currency = "JPY"
			}
		}
	}
	r.amounts[part] = a
	return a
}

// mention is a recognised company or investor in the text.
type mention struct {
	hit
	investor bool // stands as an investor here
	lead     bool // a lead investor
	name     string
	known    bool
	layer    news.Layer
}

func (r *run) decide(what, value, rule string, ev ...news.Span) {
	r.trail = append(r.trail, news.Decision{What: what, Value: value, Rule: rule, Evidence: ev})
}

func (r *run) span(h hit) news.Span {
	return news.Span{Part: h.part.String(), Start: h.start, End: h.end, Text: h.text}
}

func (r *run) classify() news.Tags {
	r.resolveEntities()
	r.markInvestors()
	et := r.eventType()
	subject := r.subject(et)
	if subject == nil {
		subject = r.zhOpeningName()
	}
	if subject == nil {
		subject = r.zhFiler()
	}
	if subject == nil && !r.hasTitleCompany() {
		subject = r.enFiler()
	}
	if subject == nil && et == news.EventRegulation {
		subject = r.zhRegulatedParty()
	}
	if subject != nil && !subject.known && r.policyName(subject.name) {
		// "South Korea's AI Basic Act takes effect": a law, not a company.
		r.decide("rejected", subject.name, "the name of a law or a policy, not of a company", subject.span)
		subject = nil
	}
	// "专访某某创始人：…": an interview is about its interviewee's company.
	if et == news.EventOther {
		if iv := r.zhInterviewee(); iv != nil {
			subject = iv
		}
	}
	if subject == nil && et == news.EventOther {
		subject = r.fundManager()
	}
	if subject == nil && !r.hasTitleParty() && (et == news.EventOther || et == news.EventLayoffs || et == news.EventIPO ||
		et == news.EventProductLaunch) {
		subject = r.actor(false)
	}
	// "Reelmint CEO denies report of an offer from Meta": the company
	// that denies opens the headline, whoever else it names, when its
	// people or a firm's ending say it is one (a person denies as often).
	if subject == nil && r.denied && et == news.EventOther {
		subject = r.actor(true)
	}
	if subject == nil && et != news.EventFunding && et != news.EventAcquisition {
		subject = r.zhBracketActor()
	}
	if subject == nil && et != news.EventAcquisition && !r.hasTitleParty() {
		subject = r.zhNamedAgain()
	}
	if subject == nil && et != news.EventAcquisition && !r.hasTitleCompany() {
		subject = r.suffixedName()
	}
	if subject == nil && et != news.EventAcquisition {
		subject = r.leadNamesUnnamed()
	}
	if subject == nil && et == news.EventOther && !r.hasTitleCompany() {
		if subject = r.investorOpens(); subject == nil {
			subject = r.reviewedMaker()
		}
	}
	if subject == nil && et != news.EventAcquisition && !r.hasTitleParty() {
		subject = r.zhLeadDescribed()
	}
	if subject == nil && et != news.EventFunding && et != news.EventAcquisition && !r.hasTitleCompany() {
		subject = r.describedInTitle()
	}
	if p := r.actingPerson(et, subject); p != nil {
		subject = p
	}
	r.firmToParent(subject)
	subject = r.productMaker(subject)
	var parties []*party
	// "将曦衡科技、算元科技等多家AI芯片企业列入实体清单": the companies a
	// headline lists are what it is about; the first leads.
	if et != news.EventAcquisition && et != news.EventFunding {
		if listed := r.zhListedNames(); len(listed) > 0 {
			if subject == nil && !r.hasTitleCompany() {
				p := listed[0]
				subject = newSubject(p.name, p.span, "the first of the companies the headline lists before 等 (not in the taxonomy)", r.layerFromCues(nil))
				listed = listed[1:]
			}
			parties = append(parties, listed...)
		}
	}
	if et == news.EventAcquisition {
		acq, tgt := r.acquisitionParties()
		parties = append(parties, acq, tgt)
	} else if et == news.EventIPO {
		// "… via SPAC merger with Harbor Acquisition Corp": the
		// blank-cheque company is a party to the listing.
		if p := r.blankChequeParty(); p != nil {
			parties = append(parties, p)
		}
	} else if et == news.EventPartnership {
		// "Google signs geothermal power deal with Fervo": the partner no
		// list knows is a party too.
		if p := r.partnerParty(); p != nil {
			parties = append(parties, p)
		}
	} else if p := r.plaintiff(et, subject); p != nil {
		// "Framebank launches lawsuit against image generator Pixtory": the
		// company that sues takes part.
		parties = append(parties, p)
	} else if p := r.dealNamed(et); p != nil {
		// "FTC opens in-depth probe into Salesforce's $1.9bn Querent deal":
		// the company the deal under review is for.
		parties = append(parties, p)
	} else if et == news.EventRegulation && r.predicateOf(news.EventAcquisition, partTitle) != nil {
		// "UK's CMA to review Acme's purchase of Lumora": the parties to
		// the deal under review take part, whether a list knows them or not.
		acq, tgt := r.frameParties()
		for _, p := range []*party{acq, tgt} {
			if p != nil {
				parties = append(parties, p)
			}
		}
	} else if r.deniedDeal != nil {
		// "远舟科技终止收购星澜数据": a deal called off still names who
		// would have bought and who would have been bought.
		r.predicates = []predicate{*r.deniedDeal}
		acq, tgt := r.frameParties()
		r.predicates = nil
		r.deniedParties = [2]*party{acq, tgt}
		for _, p := range []*party{acq, tgt} {
			if p != nil {
				parties = append(parties, p)
			}
		}
	}
	// "中国移动2025年算力投资计划373亿元": in news of no round, a company the
	// headline names only where investing words stand is still the one
	// the news is about.
	// ("OpenAI-backed fund raises …": a backer by its hyphen is not.)
	if et != news.EventFunding && subject == nil && !slices.ContainsFunc(r.mentions, func(m mention) bool {
		return m.part == partTitle && m.kind == refCompany && (!m.investor || strings.HasPrefix(r.d.parts[partTitle][m.end:], "-"))
	}) {
		r.investorsTakePart = true
	}
	companies := r.companies(subject, parties...)
	tags := news.Tags{Version: r.c.version, EventType: et, Companies: companies}
	tags.Primary, tags.Layer = r.primary(et, companies, subject)
	tags.Status = r.status(et)
	tags.Fields = r.fields(et, tags.Primary)
	if tags.Fields.Round == "strategic" && len(tags.Fields.Investors) == 1 {
		// The corporation in a strategic round takes part in the event.
		inv := tags.Fields.Investors[0]
		if !containsCompany(tags.Companies, inv) {
			canon := inv
			for _, m := range r.mentions {
				if strings.EqualFold(m.text, inv) || m.name == inv {
					canon = m.name
					// (A corporation's venture arm: the corporation takes
					// part, "哈勃投资" for Huawei.)
					if m.kind == refInvestor && r.c.tax.Investors[m.idx].Parent != "" {
						canon = r.c.tax.Investors[m.idx].Parent
					}
				}
			}
			if !containsCompany(tags.Companies, canon) {
				tags.Companies = append(tags.Companies, news.CompanyTag{Name: canon, Known: true, Salience: 1})
				r.decide("company", canon, "the one corporation investing in a strategic round")
			}
		}
	}
	tags.Trail = r.trail
	r.finish(&tags)
	return tags
}

// finish holds the tags to their contract whatever the text: every
// evidence span is a slice of its part at rune boundaries, with that
// slice as its text (a span that cannot be made so is dropped), and every
// string is valid UTF-8 when the text is. A reading that slices a word
// oddly costs the odd evidence, never a broken document downstream.
func (r *run) finish(tags *news.Tags) {
	valid := func(s string) string { return strings.ToValidUTF8(s, "") }
	for i := range tags.Trail {
		d := &tags.Trail[i]
		d.Value, d.Rule = valid(d.Value), valid(d.Rule)
		kept := d.Evidence[:0]
		for _, ev := range d.Evidence {
			if ev.Part == "" {
				kept = append(kept, ev)
				continue
			}
			p := slices.Index(partNames[:], ev.Part)
			if p < 0 {
				continue
			}
			text := r.d.parts[p]
			// (The headline read in title case quotes it as written.)
			if part(p) == partTitle && len(r.d.rawTitle) >= len(text) && r.d.rawTitle[:len(text)] != text && strings.EqualFold(r.d.rawTitle[:len(text)], text) {
				text = r.d.rawTitle[:len(text)]
			}
			start, end := max(0, ev.Start), min(len(text), ev.End)
			for start < end && !utf8.RuneStart(text[start]) {
				start++
			}
			for end < len(text) && end > start && !utf8.RuneStart(text[end]) {
				end--
			}
			if start >= end {
				continue
			}
			ev.Start, ev.End, ev.Text = start, end, text[start:end]
			kept = append(kept, ev)
		}
		d.Evidence = kept
	}
	tags.Primary = valid(tags.Primary)
	for i := range tags.Companies {
		tags.Companies[i].Name = valid(tags.Companies[i].Name)
	}
	f := &tags.Fields
	f.Currency, f.Round, f.Acquirer, f.Target, f.Model, f.Parameters = valid(f.Currency), valid(f.Round),
		valid(f.Acquirer), valid(f.Target), valid(f.Model), valid(f.Parameters)
	for i := range f.Investors {
		f.Investors[i] = valid(f.Investors[i])
	}
	for i := range f.LeadInvestors {
		f.LeadInvestors[i] = valid(f.LeadInvestors[i])
	}
}

// weight is how much a match in part at offset counts.
func (r *run) weight(part part, start int) float64 {
	switch part {
	case partTitle:
		return wTitle
	case partSummary:
		if s := r.d.sentences[partSummary]; len(s) > 0 && start < s[0][1] {
			return wLead
		}
		return wSummary
	}
	return wBody
}

// backgroundSpan reports whether text[start:end] of a part, a span that
// names nothing (a sum, a round), stands where background is told.
func (r *run) backgroundSpan(part part, start, end int) bool {
	return r.background(hit{ref: &textRef, part: part, start: start, end: end, text: r.d.parts[part][start:end]})
}

// background reports whether the match sits in a clause that gives
// background rather than news: "X, which raised $5M last year, launches
// …", "此前，…".
func (r *run) background(h hit) bool {
	cls := r.d.clauses[h.part]
	ci := sort.Search(len(cls), func(i int) bool { return cls[i][1] > h.start })
	if ci == len(cls) || h.start < cls[ci][0] {
		return false
	}
	cl := cls[ci]
	// ("T. Rowe Price": a name whose period the clauses took for a
	// sentence's end runs on past its clause; the clause holds it.)
	cl[1] = max(cl[1], h.end)
	if r.backgroundClause(h.part, ci) && !r.afterRelative(h, cl) && !r.relativeOnRound(h, cl) {
		return true
	}
	// "The company raised $200M in 2024.": beyond the headline, an event's
	// cue in a clause dated to a year before the article's tells what came
	// before it. (The sums and rounds of such a clause are still read when
	// the news has no others.)
	if h.kind == refEvent && h.part != partTitle && r.datedBefore(h.part, cl) {
		return true
	}
	text, lower := r.d.parts[h.part], r.d.folded[h.part]
	// "Nvidia stock slips as investors weigh fresh China export curbs":
	// what a headline gives as the reason its shares moved is context.
	if h.kind == refEvent && h.part == partTitle && (marketMoveBefore(lower, h.start) || r.reasonAfterEvent(h, cl)) {
		return true
	}
	// "「擎天智造」裁员三成 距A轮融资仅半年": a space parts a Chinese
	// headline as a comma does; a part that opens with a background
	// opener tells what came before.
	if h.kind == refEvent && h.part == partTitle && !latinOnly(text) {
		if i := strings.LastIndexAny(text[cl[0]:h.start], " 　"); i >= 0 {
			part := strings.TrimLeft(text[cl[0]+i:h.start], " 　")
			if part != "" && !latinOnly(firstRune(part)) && slices.ContainsFunc(r.c.lex.backgroundOpeners, func(o string) bool { return !latinOnly(o) && strings.HasPrefix(part, o) }) {
				return true
			}
		}
	}
	// A name compared with: "rivals OpenAI", "a ChatGPT-like model";
	// a name in someone's past: "former OpenAI researchers",
	// "OpenAI前员工". The marker qualifies the name, not the clause.
	if h.kind == refCompany && r.describers[[2]int{int(h.part), h.end}] {
		return true
	}
	if h.kind == refCompany || h.kind == refInvestor {
		before := lower[max(cl[0], h.start-16):h.start]
		for _, p := range r.c.lex.pastBefore {
			if strings.HasSuffix(before, p) && !slices.ContainsFunc(r.c.lex.zhNotFormer, func(w string) bool { return strings.HasSuffix(before, w) }) {
				return true
			}
		}
		after := text[h.end:max(h.end, min(cl[1], h.end+12))]
		for _, p := range r.c.lex.pastAfter {
			if strings.HasPrefix(after, p) {
				return true
			}
		}
		// "Perplexity rival Quarrow raises …": the name before the word for
		// a rival is what the company is compared with.
		if r.rivalAfter(h.part, r.unitEnd(h)) > 0 {
			return true
		}
		for _, p := range r.c.lex.comparatives {
			if strings.HasSuffix(before, p) && !r.afterRival(h) {
				return true
			}
		}
		if strings.HasPrefix(text[h.end:], "-like") {
			return true
		}
		// "和英伟达一模一样": compared with.
		if slices.ContainsFunc(r.c.lex.comparativesAfter, func(w string) bool { return strings.HasPrefix(text[h.end:], w) }) {
			return true
		}
		if h.kind == refCompany && (r.hiredFrom(h, lower, cl) || r.founderFrom(h, lower, cl) || r.venue(h, lower) || r.ranking(h)) {
			return true
		}
		// "前百度文心团队负责人": a business line right after its company's
		// name stands where the name stands.
		if h.kind == refCompany && h.unit >= 0 {
			for _, m := range r.mentions {
				if m.part == h.part && m.kind == refCompany && m.idx == h.idx && m.end == h.start && r.background(m.hit) {
					return true
				}
			}
		}
		// "former Google DeepMind and Meta researchers": every name of a
		// list that someone used to work at.
		if r.c.lex.formerOf(lower[cl[0]:h.start], lower[h.end:cl[1]]) {
			return true
		}
	}
	if zhAfter(text, h.end, cl[1]) {
		return true
	}
	// "… files for bankruptcy after raising $1B": what follows
	// "after" in the clause is what happened before.
	afters := r.d.afters[h.part]
	j := sort.SearchInts(afters, cl[0])
	return j < len(afters) && afters[j] < h.start && !r.moveAfter(h.part, afters[j])
}

// moveAfter reports an "after" at in a headline that follows its shares
// moving: "Adobe shares dip after it agrees to buy Mirelle" moved on the
// news the clause tells. ("… jump 80% a year after Shenzhen debut": not
// after a stretch of time, which dates an old event.)
func (r *run) moveAfter(part part, at int) bool {
	if part != partTitle {
		return false
	}
	lower := r.d.folded[part]
	if !strings.HasPrefix(lower[at:], "after ") && !strings.HasPrefix(lower[at:], "following ") {
		return false
	}
	sent := r.sentenceOf(hit{part: part, start: at, end: at})
	before := lower[sent[0]:at]
	if w := strings.Fields(before); len(w) > 0 && durationWords[strings.TrimSuffix(w[len(w)-1], "s")] {
		return false
	}
	return sharesMoved(before, true)
}

// listingMoves are the share moves that start or end trading, not move
// a price.
var listingMoves = map[string]bool{"debut": true, "start": true, "open": true, "close": true, "end": true}

// durationWords are stretches of time, singular.
var durationWords = map[string]bool{"year": true, "month": true, "week": true, "day": true, "hour": true, "decade": true, "quarter": true}

// relativeOnRound reports an investing phrase on the round itself that
// is all of a relative clause: "Insight Partners, which led the round,
// was joined by …" tells who led this round, not what came before.
// ("…, which led its Series A in 2023," says more and stays background.)
func (r *run) relativeOnRound(h hit, cl [2]int) bool {
	if h.kind != refInvesting || !strings.Contains(h.alias, " the ") && !strings.Contains(h.alias, " this ") {
		return false
	}
	lower := r.d.folded[h.part]
	before := strings.TrimSpace(lower[cl[0]:h.start])
	return (before == "which" || before == "who") && strings.TrimSpace(lower[h.end:cl[1]]) == ""
}

// reasonAfterEvent reports a headline's cue h that follows " as " after
// another event's cue in its clause: "Texterei lays off 40 staff as
// funding talks stall" gives the layoffs' reason.
func (r *run) reasonAfterEvent(h hit, cl [2]int) bool {
	lower := r.d.folded[h.part]
	i := strings.LastIndex(lower[cl[0]:h.start], " as ")
	if i < 0 {
		return false
	}
	i += cl[0]
	// ("… as it agrees to buy Kestrel": the company's own deal; "such as",
	// "as part of" name no reason.)
	next, _, _ := strings.Cut(lower[i+len(" as "):], " ")
	if next == "it" || next == "its" || next == "the" || next == "part" || strings.HasSuffix(lower[cl[0]:i], " such") {
		return false
	}
	for _, o := range r.d.hits {
		if o.kind == refEvent && o.part == h.part && o.start >= cl[0] && o.end <= i && !r.insideEntity(o) {
			return true
		}
	}
	return false
}

// marketMoveBefore reports a cue at start that follows " as " after a
// headline's shares or stock moving: "Nvidia stock slips as …".
func marketMoveBefore(lower string, start int) bool {
	i := strings.LastIndex(lower[:start], " as ")
	if i < 0 {
		return false
	}
	// ("Lumora shares soar as it agrees to buy Kestrel": the company's
	// own deal is the news the shares move on.)
	if next, _, _ := strings.Cut(lower[i+len(" as "):], " "); next == "it" || next == "the" || next == "its" {
		return false
	}
	return sharesMoved(lower[:i], false)
}

// sharesMoved reports a headline's text that tells its shares or stock
// moving: "Adobe shares dip", "Nvidia stock slips"; with priceOnly, their
// price moving, not their trading starting ("shares start trading").
func sharesMoved(lower string, priceOnly bool) bool {
	words := strings.Fields(lower)
	for k := 0; k+1 < len(words); k++ {
		if words[k] != "stock" && words[k] != "shares" && words[k] != "stocks" {
			continue
		}
		// ("slips", "falls", "rallies": the verb's base.)
		v := words[k+1]
		bases := []string{v, strings.TrimSuffix(v, "s"), strings.TrimSuffix(v, "es")}
		if b, ok := strings.CutSuffix(v, "ies"); ok {
			bases = append(bases, b+"y")
		}
		for _, base := range bases {
			if priceOnly && listingMoves[base] {
				continue
			}
			if shareMoves[base] || base == "slip" || base == "dip" || base == "sag" {
				return true
			}
		}
	}
	return false
}

// hiredFrom reports a name that says where a person hired comes from:
// "Meta poaches OpenAI's head of research", "lands top OpenAI
// researcher", "挖角OpenAI研究员".
func (r *run) hiredFrom(h hit, lower string, cl [2]int) bool {
	after := strings.TrimLeft(strings.TrimPrefix(strings.TrimPrefix(lower[h.end:cl[1]], "'s"), "’s"), " ")
	// (A Chinese name, or one that Han text follows, is read the Chinese
	// way, people's words anywhere in its phrase.)
	zh := hanAt(after, 0) || !latinOnly(h.text)
	if !slices.ContainsFunc(r.c.lex.hireRoles, func(w string) bool {
		return strings.HasPrefix(after, w) && (len(after) == len(w) || !isWordByte(after[len(w)]))
	}) {
		return zh && r.zhHiredFrom(h, lower, cl)
	}
	before := lower[max(cl[0], h.start-24):h.start]
	if !latinOnly(before) {
		return slices.ContainsFunc(r.c.lex.hireVerbs, func(v string) bool { return strings.HasSuffix(before, v) })
	}
	if zh {
		return r.zhHiredFrom(h, lower, cl)
	}
	words := strings.Fields(before)
	for i := len(words) - 1; i >= 0 && i >= len(words)-3; i-- {
		if slices.Contains(r.c.lex.hireVerbs, words[i]) {
			return true
		}
	}
	return false
}

// zhHiredFrom reads a Chinese name followed, within its phrase, by a
// word for a person of it: the company a person hired comes from, after a
// word for poaching ("字节挖角阿里通义核心成员"), or before the person's
// joining another ("苹果基础模型团队负责人加盟").
func (r *run) zhHiredFrom(h hit, lower string, cl [2]int) bool {
	phrase := lower[h.end:cl[1]]
	if i := strings.IndexAny(phrase, " ，。；：！？、,;:"); i >= 0 {
		phrase = phrase[:i]
	}
	// Most names have neither word near them: one look says so.
	before := lower[max(cl[0], h.start-24):h.start]
	poached := slices.ContainsFunc(r.c.lex.hireVerbs, func(v string) bool { return strings.Contains(before, v) })
	if !poached && !slices.ContainsFunc(r.c.lex.zhJoinVerbs, func(v string) bool { return strings.Contains(phrase, v) }) {
		return false
	}
	at, role := -1, ""
	for _, w := range r.c.lex.zhStaffWords {
		if i := strings.Index(phrase, w); i >= 0 && i <= 30 && (at < 0 || i < at) {
			at, role = i, w
		}
	}
	if at < 0 {
		return false
	}
	if poached {
		return true
	}
	rest := phrase[at+len(role):]
	return slices.ContainsFunc(r.c.lex.zhJoinVerbs, func(v string) bool { return strings.HasPrefix(rest, v) })
}

// founderFrom reports a name that says where the founder of another
// company comes from: "xAI co-founder …'s startup raises", "某公司CTO…创业".
// The founding word must follow the role in the same clause, so "OpenAI
// CEO says …" keeps OpenAI.
func (r *run) founderFrom(h hit, lower string, cl [2]int) bool {
	after := strings.TrimLeft(strings.TrimPrefix(strings.TrimPrefix(lower[h.end:cl[1]], "'s"), "’s"), " ")
	for _, w := range r.c.lex.founderRoles {
		if !strings.HasPrefix(after, w) || len(after) > len(w) && isWordByte(after[len(w)]) && w[len(w)-1] < utf8.RuneSelf {
			continue
		}
		// A name in brackets may stand between the role and the founding
		// word ("联合创始人张三（Zhang San）的初创公司"): the clause runs on
		// to the next comma or stop.
		end := cl[1]
		if i := strings.IndexAny(lower[end:], ",;，；。"); i >= 0 && strings.ContainsAny(lower[end:end+i], "(（") {
			end += i
		}
		rest := lower[cl[1]-len(after)+len(w) : end]
		if slices.ContainsFunc(r.c.lex.foundingWords, func(f string) bool { return strings.Contains(rest, f) }) {
			return true
		}
		// "xAI co-founder Igor Babuschkin's River AI raises": the
		// founder's name, then what is theirs.
		return r.c.lex.founderPossessive(r.d.parts[h.part][end-len(rest) : end])
	}
	return false
}

// foundedThing reports what a founder's possessive names: a capitalised
// name, or a word for a startup within three words ("eye-scanning
// startup").
func (lx *lexicon) foundedThing(words []string) bool {
	if isCapital(words[0]) {
		return true
	}
	for _, n := range words[:min(len(words), 3)] {
		if lx.foundingNouns[strings.ToLower(strings.Trim(n, ",.:;"))] {
			return true
		}
	}
	return false
}

// founderPossessive reports a person's name in the possessive followed by
// a capitalised name: " Igor Babuschkin's River AI".
func (lx *lexicon) founderPossessive(s string) bool {
	words := strings.Fields(s)
	// "… co-founder's humanoid robotics startup": the office itself in
	// the possessive names a startup ("OpenAI CEO's Stargate plan" names
	// the company's own thing).
	if len(words) > 1 && (words[0] == "'s" || words[0] == "’s") {
		return !isCapital(words[1]) && lx.foundedThing(words[1:])
	}
	for i, w := range words {
		if !isCapital(w) {
			return false
		}
		if p := strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "’s"); p != w {
			if i < 1 || i+1 >= len(words) {
				return false
			}
			return lx.foundedThing(words[i+1:])
		}
		if i >= 3 {
			return false
		}
	}
	return false
}

// venue reports a platform named as where something is published:
// "weights on Hugging Face", "开源于Hugging Face".
func (r *run) venue(h hit, lower string) bool {
	c := &r.c.tax.Companies[h.idx]
	name := c.Name
	if h.unit >= 0 {
		name = c.Units[h.unit].Name
	}
	if !r.c.lex.venueCompanies[name] {
		return false
	}
	before := strings.TrimRight(lower[max(0, h.start-8):h.start], " ")
	for _, p := range []string{" on", " to", " via", " onto", "在", "于", "登陆", "上线"} {
		if strings.HasSuffix(before, p) {
			return true
		}
	}
	return false
}

// plaintiff returns the company no list knows that brings the lawsuit a
// regulation headline reports ("Framebank launches lawsuit against …",
// "Framebank sues …"), when it is not the headline's subject; nil else.
func (r *run) plaintiff(et news.EventType, subj *subject) *party {
	if et != news.EventRegulation || !latinOnly(r.d.parts[partTitle]) {
		return nil
	}
	p := r.predicateWhere(et, partTitle, func(q *predicate) bool {
		switch strings.ToLower(q.text) {
		case "sues", "launches", "files", "brings":
			return strings.EqualFold(q.text, "sues") || q.reading.object.kind == kLawsuit
		}
		return false
	})
	if p == nil {
		return nil
	}
	doer := r.enSubjectOrZh(p.hit, false)
	if doer.kind != kName || doer.mention != nil || subj != nil && subj.name == doer.text {
		return nil
	}
	return r.argParty(doer, partTitle)
}

// dealNamedRE reads "Salesforce's $1.9bn Querent deal": an owner's
// possessive, perhaps a sum, a capitalised name, and a word for a deal.
var dealNamedRE = regexp.MustCompile(`['’]s (?:[$€£¥][0-9.,]+ ?(?:[bm]n|billion|million|[BM])? )?([A-Z][A-Za-z0-9-]+(?: [A-Z][A-Za-z0-9-]+)?) (?:deal|acquisition|takeover|purchase|merger|buyout)\b`)

// dealNamed returns the company no list knows that a regulation headline
// names as what another company's deal is for, or nil.
func (r *run) dealNamed(et news.EventType) *party {
	if et != news.EventRegulation {
		return nil
	}
	title := r.d.parts[partTitle]
	m := dealNamedRE.FindStringSubmatchIndex(title)
	if m == nil {
		return nil
	}
	// The owner is a company the taxonomy knows, named right before.
	owner := slices.ContainsFunc(r.mentions, func(o mention) bool {
		return o.part == partTitle && o.kind == refCompany && o.end == m[0]
	})
	name := title[m[2]:m[3]]
	if !owner || r.c.tax.CommonWords[strings.ToLower(name)] || slices.ContainsFunc(r.mentions, func(o mention) bool {
		return o.part == partTitle && o.start == m[2]
	}) {
		return nil
	}
	return r.argParty(arg{kind: kName, start: m[2], end: m[3], text: name, why: "the name of what a deal is for"}, partTitle)
}

// ranking reports a company that publishes rankings of others' models,
// named where another company is: "LMArena leaderboard: Claude 5 Opus
// overtakes Gemini" is news of Anthropic's model.
func (r *run) ranking(h hit) bool {
	if !r.c.lex.rankingCompanies[r.c.tax.Companies[h.idx].Name] {
		return false
	}
	return slices.ContainsFunc(r.d.hits, func(o hit) bool {
		return o.kind == refCompany && o.part == h.part && o.idx != h.idx
	})
}

// zhAfter reports a Chinese event cue that a 后 ("after") closes, with
// the clause's own news after it: "完成B轮融资后启动裁员" cuts jobs after the
// round. Up to two runes may finish the cue's phrase ("B轮" + "融资"); 后 must
// be followed by at least two Han runes, and not begin a word of its own
// (后续, 后台, 后端, 后者, 后期, 后来); or 后 ends the cue's clause, a few
// runes after it, before a comma.
func zhAfter(text string, from, limit int) bool {
	// "完成B轮融资三个月后，…": a clause that ends on 后 before a comma
	// tells what came before the next one.
	if from >= limit {
		return false
	}
	if seg := text[from:limit]; strings.HasSuffix(seg, "后") && !strings.HasSuffix(seg, "最后") && len(seg) <= 8*len("后") &&
		(strings.HasPrefix(text[limit:], "，") || strings.HasPrefix(text[limit:], ",")) {
		return true
	}
	i := from
	for n := 0; n < 3 && i < limit; n++ {
		r, size := utf8.DecodeRuneInString(text[i:])
		if r == '后' {
			rest := text[i+size : limit]
			next, _ := utf8.DecodeRuneInString(rest)
			if strings.ContainsRune("续台端者期来", next) {
				return false
			}
			return utf8.RuneCountInString(rest) >= 2 && hanAt(rest, 0)
		}
		if !unicode.Is(unicode.Han, r) {
			return false
		}
		i += size
	}
	return false
}

// formerOf reports a name in a list of past employers: "former" or "ex-"
// before it in its clause and a word for people right after it.
func (lx *lexicon) formerOf(before, after string) bool {
	// ("原百度智能云负责人": 原 right before the name marks it as well.)
	if !strings.Contains(before, "former ") && !strings.Contains(before, "ex-") && !strings.Contains(before, "前") && !strings.HasSuffix(before, "原") {
		return false
	}
	after = strings.TrimLeft(after, " ")
	for _, w := range lx.formerStaff {
		if strings.HasPrefix(after, w) {
			return true
		}
	}
	return false
}

// opensSentence reports whether only spaces stand between the start of a
// sentence of part and at.
func (r *run) opensSentence(part part, at int) bool {
	for _, s := range r.d.sentences[part] {
		if at >= s[0] && at < s[1] {
			return strings.TrimSpace(r.d.parts[part][s[0]:at]) == ""
		}
	}
	return false
}

// titleDates are background markers that only date what they qualify;
// in a headline's first clause they date its own news.
var titleDates = []string{"last month", "last year", "earlier this year", "last week"}

// backgroundClause reports whether clause i of part opens with or holds a
// background marker; the answer is kept, since many matches share a
// clause.
func (r *run) backgroundClause(part part, i int) bool {
	memo := r.bgClause[part]
	if memo == nil {
		memo = make([]int8, len(r.d.clauses[part]))
		r.bgClause[part] = memo
	}
	if memo[i] != 0 {
		return memo[i] > 0
	}
	cl := r.d.clauses[part][i]
	c := strings.TrimSpace(r.d.folded[part][cl[0]:cl[1]])
	bg := false
	for _, p := range r.c.lex.backgroundOpeners {
		if strings.HasPrefix(c, p) {
			bg = true
			// ("Adobe shares dip, after it agrees to buy …": the news
			// the shares moved on.)
			if at := cl[0] + strings.Index(r.d.folded[part][cl[0]:cl[1]], p); r.moveAfter(part, at) {
				bg = false
			}
			// ("Who owns OpenAI now?": a pronoun that opens a
			// sentence asks; it relates no clause to a name before.)
			if (p == "which " || p == "who " || p == "whose ") && r.opensSentence(part, cl[0]) {
				bg = false
			}
		}
	}
	// "完成B+轮融资后 某某推出…": a Chinese clause that ends on 后 before
	// another tells what came first.
	if !bg && i+1 < len(r.d.clauses[part]) && !latinOnly(c) && strings.HasSuffix(c, "后") {
		bg = true
	}
	// "Acme raised $100 million. Now it's shutting down": a headline's
	// sentence that the next one turns from is what happened before.
	if !bg && part == partTitle {
		ss := r.d.sentences[part]
		for k := 0; k+1 < len(ss); k++ {
			if cl[0] >= ss[k][0] && cl[1] <= ss[k][1] {
				next := strings.TrimSpace(r.d.folded[part][ss[k+1][0]:ss[k+1][1]])
				for _, p := range r.c.lex.turnOpeners {
					if strings.HasPrefix(next, p) {
						bg = true
					}
				}
			}
		}
	}
	// A marker anywhere in the clause; the matcher found them all.
	if !bg {
		marks := r.d.markers[part]
		for j := sort.SearchInts(marks, cl[0]); j < len(marks) && marks[j] < cl[1]; j++ {
			// ("Halden quietly cut dozens of researchers last month":
			// the headline's first clause, dated, is still its news.)
			if part == partTitle && i == 0 && slices.ContainsFunc(titleDates, func(d string) bool { return strings.HasPrefix(r.d.folded[part][marks[j]:], d) }) {
				continue
			}
			// ("completed its previously announced acquisition of
			// Astergrid": what was announced before is done now.)
			if slices.ContainsFunc(announcedBefore, func(d string) bool { return strings.HasPrefix(r.d.folded[part][marks[j]:], d) }) {
				continue
			}
			bg = true
			break
		}
	}
	memo[i] = -1
	if bg {
		memo[i] = 1
	}
	return bg
}

// announcedBefore qualify a deal as announced before, not the clause as
// past: "its previously announced acquisition".
var announcedBefore = []string{"previously announced", "previously disclosed", "previously agreed", "previously reported"}

// datedBefore reports whether clause cl of part holds a year alone
// ("in 2024") before the article's own.
func (r *run) datedBefore(part part, cl [2]int) bool {
	seg := r.d.folded[part][cl[0]:cl[1]]
	// (Most clauses hold no year: a cheap test before the pattern.)
	if r.date.IsZero() || !strings.Contains(seg, " 20") && !strings.Contains(seg, " 19") && !strings.Contains(seg, "-20") {
		return false
	}
	for _, m := range pastYearRE.FindAllStringSubmatch(seg, -1) {
		if y, err := strconv.Atoi(m[1]); err == nil && y < r.date.Year() {
			return true
		}
	}
	return false
}

// pastYearRE matches a clause's date that is a year alone ("in 2024",
// "back in 2023"); a month before the year ("in December 2025") is not
// matched, as a round closed then is still news early the next year.
var pastYearRE = regexp.MustCompile(`\bin (?:early |late |mid-)?((?:19|20)\d\d)\b`)

// afterRelative reports whether h follows a Chinese relative clause that
// holds all of its clause's background markers and ends before a
// bracketed name: in "曾获某资本领投的「云栈科技」推出…" what the company
// got once is background, its launch is the news.
//
// So does a name shaped like a company's, or one the taxonomy knows,
// right before h: "曾获6000万美元B轮融资的幻帧科技发布…".
func (r *run) afterRelative(h hit, cl [2]int) bool {
	text := r.d.parts[h.part]
	i := strings.Index(text[cl[0]:h.start], "的「")
	if i < 0 {
		i = strings.LastIndex(text[cl[0]:h.start], "的")
		if i < 0 || !r.namedBefore(h.part, cl[0]+i+len("的"), h.start) {
			return false
		}
	}
	rel := cl[0] + i
	if latinOnly(text[cl[0]:rel]) {
		return false
	}
	marks := r.d.markers[h.part]
	for j := sort.SearchInts(marks, cl[0]); j < len(marks) && marks[j] < cl[1]; j++ {
		if marks[j] > rel {
			return false // a marker in the main clause
		}
	}
	return true
}

// namedBefore reports whether text[from:to] of part is one company's
// name: one the taxonomy knows, or a Han name shaped like a company's.
func (r *run) namedBefore(part part, from, to int) bool {
	text := r.d.parts[part]
	from, to = trimSpaceSpan(text, from, to)
	if to <= from {
		return false
	}
	for k := range r.mentions {
		if m := &r.mentions[k]; m.part == part && m.kind == refCompany && m.start == from && m.end == to {
			return true
		}
	}
	name := text[from:to]
	return hanOnly(name) && utf8.RuneCountInString(name) >= 3 && r.c.lex.zhSuffixedName(name)
}

// hasTitleCompany reports whether the headline names a company the
// taxonomy knows.
func (r *run) hasTitleCompany() bool {
	for _, m := range r.mentions {
		// ("appoints former Nokia executive": a company in someone's
		// past is not one the headline is about.)
		if m.part == partTitle && m.kind == refCompany && !r.background(m.hit) {
			return true
		}
	}
	return false
}

// hasTitleParty is hasTitleCompany without the companies that invest
// ("Nvidia-backed Quenby Labs names …" names no company of its own).
func (r *run) hasTitleParty() bool {
	for _, m := range r.mentions {
		if m.part == partTitle && m.kind == refCompany && !m.investor && !r.background(m.hit) {
			return true
		}
	}
	return false
}

// hitsWhere returns the hits keep selects, in their order, in a slice
// of their number.
func (d *doc) hitsWhere(keep func(h hit) bool) []hit {
	n := 0
	for _, h := range d.hits {
		if keep(h) {
			n++
		}
	}
	out := make([]hit, 0, n)
	for _, h := range d.hits {
		if keep(h) {
			out = append(out, h)
		}
	}
	return out
}

// zhLongerName reads a short Chinese name the lists know as part of a
// longer name of another company: after Han characters when the short
// name is a word that ends companies' names ("天宇智元"), or before a word
// that ends the names of companies of an industry ("元象机器人"), unless
// the lists know the longer name.
func (r *run) zhLongerName(h hit) (string, bool) {
	text := r.d.parts[h.part]
	if slices.Contains(r.c.lex.zhCompanySuffixes, h.text) && h.start > 0 {
		c, size := utf8.DecodeLastRuneInString(text[:h.start])
		// (Not after another name: "腾讯混元".)
		after := slices.ContainsFunc(r.d.hits, func(o hit) bool {
			return (o.kind == refCompany || o.kind == refInvestor) && o.part == h.part && o.end == h.start
		})
		if unicode.Is(unicode.Han, c) && !after {
			from := h.start - size
			for n := 1; n < 4 && from > 0; n++ {
				c, size := utf8.DecodeLastRuneInString(text[:from])
				if !unicode.Is(unicode.Han, c) {
					break
				}
				from -= size
			}
			return text[from:h.end], true
		}
	}
	for _, s := range r.c.lex.zhCompanySuffixes {
		if strings.HasPrefix(text[h.end:], s) && !r.c.lex.zhGenericEndings[s] {
			return h.text + s, true
		}
	}
	// "香港AI公司澄思科技": a name between a Han character and the rest of
	// a company's ending its last character opens (思科 + 技 of 科技) is
	// inside that other name.
	if c, size := utf8.DecodeLastRuneInString(text[:h.start]); unicode.Is(unicode.Han, c) {
		_, lsize := utf8.DecodeLastRuneInString(h.text)
		last := h.text[len(h.text)-lsize:]
		for _, s := range r.c.lex.zhCompanySuffixes {
			if len(s) > len(last) && strings.HasPrefix(s, last) && strings.HasPrefix(text[h.end-len(last):], s) {
				return text[h.start-size : h.end-len(last)+len(s)], true
			}
		}
	}
	// "收购AI交互算法团队「眸思科技」": a name glued inside another that
	// corner brackets set off, and that is shaped like a company's.
	if c, _ := utf8.DecodeLastRuneInString(text[:h.start]); unicode.Is(unicode.Han, c) {
		for _, b := range bracketNames(text, max(0, h.start-40), min(len(text), h.end+40)) {
			if b[0] < h.start && h.end <= b[1] && r.c.lex.zhCompanyShaped(text[b[0]:b[1]], "") {
				return text[b[0]:b[1]], true
			}
		}
	}
	return "", false
}

// resolveEntities keeps the longest of overlapping company and investor
// matches, and drops ambiguous names that lack context.
func (r *run) resolveEntities() {
	// A false friend that holds a name ("Sierra Leone", "seed data")
	// takes its span: the name inside it is not the company's.
	ents := r.d.hitsWhere(func(h hit) bool { return h.kind == refCompany || h.kind == refInvestor || h.kind == refFalseFriend })
	slices.SortStableFunc(ents, func(a, b hit) int {
		if a.part != b.part {
			return partRank(a.part) - partRank(b.part)
		}
		if a.start != b.start {
			return a.start - b.start
		}
		return (b.end - b.start) - (a.end - a.start)
	})
	// In this order a match overlaps one kept before it exactly when it
	// starts before the furthest end kept so far in its part. The same
	// span with two meanings: a company wins over an investor entry of the
	// same name, since companies come first among equal spans.
	kept := make([]hit, 0, len(ents))
	part, keptEnd := numParts, -1
	for _, h := range ents {
		if h.part != part {
			part, keptEnd = h.part, -1
		}
		if h.start < keptEnd {
			continue
		}
		keptEnd = max(keptEnd, h.end)
		if h.kind == refFalseFriend {
			continue
		}
		kept = append(kept, h)
	}
	r.mentions = slices.Grow(r.mentions, len(kept))
	// Unambiguous evidence per entity, for the ambiguity rule.
	sure := map[[2]int]bool{}
	for _, h := range kept {
		if !h.ambiguous {
			sure[[2]int{int(h.kind), h.idx}] = true
		}
	}
	for _, h := range kept {
		if word, ok := r.c.lowercasedCommonWord(h.text, h.alias); ok {
			r.decide("rejected", h.text, fmt.Sprintf("the name %q written with %q in lower case, the common word", h.alias, word), r.span(h))
			continue
		}
		// "put the weights … on GitHub and Hugging Face", "权重已上传至魔搭社区":
		// a site where a lead says something is posted is no party.
		if h.kind == refCompany && h.part == partSummary && hostSites[h.alias] {
			before := r.d.folded[h.part][max(0, h.start-24):h.start]
			if i := strings.LastIndexAny(before, ".;"); i >= 0 {
				before = before[i+1:]
			}
			if slices.ContainsFunc([]string{" on ", " to ", " via ", "至", "在", "于"}, func(p string) bool { return strings.Contains(before, p) }) {
				r.decide("rejected", h.text, "a site where the lead says something is posted, not a party", r.span(h))
				continue
			}
		}
		if h.kind == refCompany && r.metaphor(h) {
			r.decide("rejected", h.text, "a comparison, not the company: “the "+h.text+" "+firstWord(strings.TrimLeft(r.d.folded[h.part][h.end:], " "))+" …”", r.span(h))
			continue
		}
		// "Helion Capital": a name, then a word that ends investment
		// firms' names, is another firm's (a fund the lists know is
		// matched whole before this).
		if h.kind == refCompany {
			if w := firstWord(strings.TrimPrefix(r.d.parts[h.part][h.end:], " ")); h.end < len(r.d.parts[h.part]) && r.d.parts[h.part][h.end] == ' ' && r.c.lex.investmentFirmEndings[w] {
				r.decide("rejected", h.text, "another firm's name: “"+h.text+" "+w+"”", r.span(h))
				continue
			}
		}
		// "Inference platform Quanta Serve", "for Cadence Docs, an AI
		// that …": a known name that opens a longer one which a word for
		// a company describes is part of that other company's name.
		if h.kind == refCompany && h.part != partBody && (r.longerDescribedName(h) || r.longerLegalName(h)) {
			r.decide("rejected", h.text, "part of another company's name: “"+h.text+" "+firstWord(r.d.parts[h.part][h.end+1:])+"”", r.span(h))
			continue
		}
		// "Humanoid maker Ardent Motion", "ChatGPT maker OpenAI": a name
		// before a word for a maker and another name says what that other
		// makes.
		if h.kind == refCompany && h.part != partBody {
			if rest := r.d.parts[h.part][h.end:]; strings.HasPrefix(rest, " ") {
				// (The word in lower case: "Nvidia Developer Day" names an event.)
				if w, after, ok := strings.Cut(rest[1:], " "); ok && makerWords[w] && isCapital(after) {
					r.decide("rejected", h.text, "what the company after it makes: “"+h.text+" "+w+" "+firstWord(after)+"”", r.span(h))
					continue
				}
			}
		}
		// "Helix Foundry": a fund whose name is a common word, after a
		// capitalised word that does not link to it, is part of another
		// name.
		if h.kind == refInvestor && h.ambiguous && r.longerNameBefore(h) {
			r.decide("rejected", h.text, "part of another name: “"+lastField(r.d.parts[h.part][:h.start])+" "+h.text+"”", r.span(h))
			continue
		}
		// "GLM-Fin": a name glued by a hyphen to a capitalised word or a
		// version before it ends another name (not "Ex-Google").
		if h.kind == refCompany && h.ambiguous && latinOnly(h.text) && h.start >= 2 && r.d.parts[h.part][h.start-1] == '-' {
			before := r.d.parts[h.part][:h.start-1]
			i := len(before)
			for i > 0 && isWordByte(before[i-1]) {
				i--
			}
			if w := before[i:]; w != "" && (isCapital(w) || hasDigit(w)) && !hyphenPrefixes[strings.ToLower(w)] {
				r.decide("rejected", h.text, "part of another name: “"+w+"-"+h.text+"”", r.span(h))
				continue
			}
		}
		if h.kind == refCompany && !latinOnly(h.text) && utf8.RuneCountInString(h.text) == 2 {
			if other, ok := r.zhLongerName(h); ok {
				r.decide("rejected", h.text, "part of another company's name: “"+other+"”", r.span(h))
				continue
			}
		}
		if h.ambiguous && h.part == partSummary && h.text == h.alias && slices.ContainsFunc(r.mentions, func(m mention) bool {
			return m.part == partTitle && m.kind == h.kind && m.idx == h.idx && m.text == h.text
		}) {
			// "Will Meta Buy Obelisk Labs?" over "Meta has held early
			// talks to acquire…": the lead's name, written as the headline
			// writes the company's, is that company.
			r.decide("accepted", h.text, "ambiguous name with context: the headline names the same company", r.span(h))
		} else if h.ambiguous {
			ok, why, ev := r.ambiguousOK(h, sure)
			if !ok {
				r.decide("rejected", h.text, "ambiguous name without context: "+why, r.span(h))
				continue
			}
			r.decide("accepted", h.text, "ambiguous name with context: "+why, r.span(h), ev)
		}
		m := mention{hit: h, known: true}
		if h.kind == refCompany {
			m.name = r.c.tax.Companies[h.idx].Name
			m.layer = r.c.layerOf(h.ref)
		} else {
			m.name = r.c.tax.Investors[h.idx].Name
			m.investor = true
		}
		r.mentions = append(r.mentions, m)
	}
}

// longerDescribedName reports a known Latin name followed by another
// capitalised word that no list knows, the two described as a company: a
// word for a company before them ("Inference platform Quanta Serve") or
// an apposition after them ("Cadence Docs, an AI that keeps …").
func (r *run) longerDescribedName(h hit) bool {
	text := r.d.parts[h.part]
	if !latinOnly(h.text) || h.end+1 >= len(text) || text[h.end] != ' ' {
		return false
	}
	w := strings.TrimRight(firstWord(text[h.end+1:]), ",.;:")
	if !isCapital(w) || !isLetters(w) || otherFirmWords[w] || r.titleCase(h.part) {
		return false
	}
	// (Not a name the lists know: "Nvidia Blackwell".)
	for _, o := range r.d.hits {
		if o.part == h.part && o.start == h.end+1 && (o.kind == refCompany || o.kind == refInvestor) {
			return false
		}
	}
	end := h.end + 1 + len(w)
	if strings.HasPrefix(text[end:], ", a ") || strings.HasPrefix(text[end:], ", an ") {
		return true
	}
	before := strings.ToLower(lastField(strings.TrimRight(text[:h.start], " ")))
	return r.c.lex.leadCompanyNouns[before]
}

// longerLegalName reports a known Latin name that opens a longer one
// closed by a legal form, with a capitalised word between: "Horizon Peak
// Acquisition Corp." is not Horizon ("Apple Inc." is Apple).
func (r *run) longerLegalName(h hit) bool {
	text := r.d.parts[h.part]
	if !latinOnly(h.text) || h.end+1 >= len(text) || text[h.end] != ' ' {
		return false
	}
	rest := text[h.end+1:]
	for i := 0; i < 4; i++ {
		w, after, _ := strings.Cut(rest, " ")
		if !isCapital(w) {
			return false
		}
		if r.c.lex.legalSuffixes[strings.Trim(w, ".,;:")] {
			return i > 0
		}
		if strings.ContainsAny(w, ",;:") {
			return false
		}
		rest = after
	}
	return false
}

// makerWords name a company by what it makes: "iPhone maker Apple".
var makerWords = map[string]bool{"maker": true, "developer": true, "manufacturer": true, "builder": true, "creator": true}

// longerNameBefore reports a capitalised word right before h that is
// neither a word that links a name to the sentence ("By", "From", "And")
// nor a headline's verb: "Helix Foundry".
func (r *run) longerNameBefore(h hit) bool {
	text := r.d.parts[h.part]
	if strings.Contains(h.text, " ") || h.start < 2 || text[h.start-1] != ' ' {
		return false
	}
	prev := lastField(text[:h.start])
	return latinOnly(prev) && len(prev) >= 2 && isCapital(prev) && !strings.ContainsAny(prev, ",:;.!?&'’\"“”()") &&
		!r.c.lex.nameLinks[strings.ToLower(prev)] && !r.c.lex.verbWord(prev)
}

// zhYearRE matches a year, or a part of one, that opens a Chinese phrase:
// "2026年", "2026年上半年", "2026年第三季度".
// zhPeriodRE matches a part of a year that opens a phrase without the
// year: "前三季度", "上半年", "第二季度".
var zhPeriodRE = regexp.MustCompile(`^(?:上半年|下半年|全年|前三季度|第?[一二三四1-4]季度|Q[1-4])`)

var zhYearRE = regexp.MustCompile(`^(?:19|20)\d\d年(?:上半年|下半年|全年|前三季度|第?[一二三四1-4]季度|度)?`)

// speakerAtEnd returns the role that closes a headline as its speaker
// (", CEO says", ", founder said"), or "".
func (lx *lexicon) speakerAtEnd(lower string) string {
	lower = strings.TrimRight(lower, " .")
	for _, v := range []string{" says", " said"} {
		rest, ok := strings.CutSuffix(lower, v)
		if !ok {
			continue
		}
		i := strings.LastIndex(rest, ", ")
		if i < 0 {
			return ""
		}
		role := rest[i+2:]
		if slices.Contains(lx.companyRoles, role) {
			return role
		}
	}
	return ""
}

// metaphor reports a company's name used to describe another: "building
// the Stripe for AI agents", "the OpenAI of China".
func (r *run) metaphor(h hit) bool {
	lower := r.d.folded[h.part]
	// "Europe doesn't need its own OpenAI", "the next Nvidia": a company
	// standing for a kind of company.
	for _, p := range []string{"its own ", "their own ", "our own ", "your own ", "the next "} {
		if strings.HasSuffix(lower[:h.start], p) {
			return true
		}
	}
	if h.start < len("the ") || lower[h.start-len("the "):h.start] != "the " || h.start > len("the ") && isWordByte(lower[h.start-len("the ")-1]) {
		return false
	}
	rest := lower[h.end:]
	return strings.HasPrefix(rest, " for ") || strings.HasPrefix(rest, " of ")
}

func partRank(p part) int {
	return int(p)
}

// otherFirmWords, after a name, make it part of a blank-cheque company's or
// an investment firm's name.
var otherFirmWords = map[string]bool{"Acquisition": true, "Capital": true, "Partners": true, "Ventures": true, "Labs": true,
	"Lab": true, "Robotics": true, "Technologies": true}

// versionShaped reports a word of one or two capital letters and then
// digits only: "V7", "M5", "R1".
func versionShaped(w string) bool {
	i := 0
	for i < len(w) && i < 2 && w[i] >= 'A' && w[i] <= 'Z' {
		i++
	}
	if i == 0 || i == len(w) {
		return false
	}
	for _, c := range w[i:] {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// innerCapital reports a word with a capital letter after a lower-case
// one ("MiniMax"), as brands are written and common words are not.
func innerCapital(w string) bool {
	for i := 1; i < len(w); i++ {
		if w[i] >= 'A' && w[i] <= 'Z' && w[i-1] >= 'a' && w[i-1] <= 'z' {
			return true
		}
	}
	return false
}

// hostSites are the sites models and code are posted on, by the aliases
// the taxonomy gives their owners.
var hostSites = map[string]bool{"Hugging Face": true, "HuggingFace": true, "GitHub": true, "魔搭社区": true, "魔搭": true,
	"ModelScope": true}

// ambiguousOK decides whether an ambiguous name ("Apple", "Mistral",
// "Scale") is used as the company's name here: it must be written with
// the company's capitalisation, and have context: a company cue (startup,
// raises, CEO, 公司 …) in the same sentence, an unambiguous mention of the
// same company elsewhere, or the company's domain or context words.
func (r *run) ambiguousOK(h hit, sure map[[2]int]bool) (bool, string, news.Span) {
	if h.text != h.alias && h.text != strings.ToUpper(h.alias) {
		return false, fmt.Sprintf("written %q, not %q", h.text, h.alias), news.Span{}
	}
	// "「百灵通科技」": a name inside a longer one the outlet brackets
	// is part of that other name.
	if b, ok := r.bracketAround(h); ok && !latinOnly(h.text) && b[1]-b[0] > len(h.text) && !slices.Contains(r.c.lex.zhCompanySuffixes, r.d.parts[h.part][h.end:b[1]]) {
		return false, "part of the bracketed name " + quote(r.d.parts[h.part][b[0]:b[1]]), news.Span{}
	}
	// "「星河智源」回应…" / "星河智源相关负责人表示": a name inside one the
	// headline brackets is part of that name wherever it is written.
	if !latinOnly(h.text) {
		title, text := r.d.parts[partTitle], r.d.parts[h.part]
		for _, b := range bracketNames(title, 0, len(title)) {
			name := title[b[0]:b[1]]
			if i := strings.Index(name, h.text); i >= 0 && name != h.text && h.start >= i && strings.HasPrefix(text[h.start-i:], name) &&
				!slices.Contains(r.c.lex.zhCompanySuffixes, name[i+len(h.text):]) {
				return false, "part of the name the headline brackets, " + quote(name), news.Span{}
			}
		}
	}
	// "商汤发布日日新V7": a letter and a number glued to the word before
	// them are that product's version, not a company called "V7".
	if text := r.d.parts[h.part]; h.start > 0 && versionShaped(h.text) {
		if prev, _ := utf8.DecodeLastRuneInString(text[:h.start]); unicode.IsLetter(prev) {
			return false, "the version of the name it is glued to", news.Span{}
		}
	}
	if sure[[2]int{int(h.kind), h.idx}] {
		return true, "the same company is named unambiguously elsewhere", news.Span{}
	}
	// "寒武纪：目前生产经营正常" / "寒武纪11月17日晚间发布公告称…": a Han name
	// that speaks in the headline and opens the lead is the company.
	if h.part == partTitle && h.start == 0 && !latinOnly(h.text) && strings.HasPrefix(r.d.parts[partTitle][h.end:], "：") &&
		strings.HasPrefix(r.d.parts[partSummary], h.text) {
		return true, "it speaks in the headline and opens the lead", news.Span{}
	}
	// "寒武纪：关于召开2026年第一次临时股东大会的通知": a Han name before
	// the colon of a company's announcement is the company.
	if title := r.d.parts[partTitle]; h.part == partTitle && h.start == 0 && !latinOnly(h.text) && strings.HasPrefix(title[h.end:], "：关于") &&
		(strings.HasSuffix(title, "公告") || strings.HasSuffix(title, "通知")) {
		return true, "it opens its own announcement", news.Span{}
	}
	// "MiniMax：年化收入已突破…": a Latin name that speaks before a Chinese
	// headline's colon, written with the capitals inside it that the
	// company writes, is the company.
	if h.part == partTitle && h.start == 0 && latinOnly(h.text) && strings.HasPrefix(r.d.parts[partTitle][h.end:], "：") && innerCapital(h.text) {
		return true, "it speaks in a Chinese headline, written as the company writes it", news.Span{}
	}
	// "Sequoia, Kleiner back …": an investor named in a list with another
	// the lists know for certain.
	if h.kind == refInvestor {
		text := r.d.parts[h.part]
		for _, sep := range []string{", ", " and ", "、", "和"} {
			if !strings.HasPrefix(text[h.end:], sep) {
				continue
			}
			for _, o := range r.d.hits {
				if o.kind == refInvestor && !o.ambiguous && o.part == h.part && o.start == h.end+len(sep) {
					return true, "listed with the investor " + quote(o.text), news.Span{}
				}
			}
		}
	}
	// "Nova-Grip": a name glued by a hyphen to more letters opens a
	// longer name, another maker's ("Nova-2", "M5" are versions).
	if w := latinWordAt(r.d.parts[h.part], h.end+1); h.kind == refCompany && strings.HasPrefix(r.d.parts[h.part][h.end:], "-") && len(w) >= 2 && isCapital(w) && isLetters(w) {
		return false, "it opens a longer name: " + quote(h.text+"-"+w), news.Span{}
	}
	// "What Gemini 4.5's memory changes": a version number after the
	// name in a headline names the product.
	if h.kind == refCompany && h.part == partTitle && r.versionAfter(h) {
		return true, "a version number follows the name", news.Span{}
	}
	// "… Series A to Scale Autonomous Drones": a title-case headline
	// capitalises the verb after "to".
	if r.titleCase(h.part) && strings.HasSuffix(r.d.folded[h.part][:h.start], " to ") {
		return false, "a verb after \"to\" in a title-case headline", news.Span{}
	}
	// "rolling out to Plus and Pro users": a name before a word for a
	// plan's users names the plan.
	if w := r.c.lex.planWordAfter(r.d.folded[h.part][h.end:]); w != "" {
		return false, "it names a plan: " + quote(w) + " follows", news.Span{}
	}
	// "merger with Horizon Acquisition Corp III", "Horizon Capital": a
	// name that opens a blank-cheque company's or an investment firm's
	// name is that other firm's.
	if next := strings.TrimRight(firstWord(strings.TrimLeft(r.d.parts[h.part][h.end:], " ")), ",.;:'’"); h.end < len(r.d.parts[h.part]) &&
		r.d.parts[h.part][h.end] == ' ' && otherFirmWords[next] {
		return false, "it opens a longer name: " + quote(h.text+" "+next), news.Span{}
	}
	// "to Acquire Humanoid Startup Torvald Dynamics": a name before a word
	// for what a company is, then another name, says what that company
	// does.
	if text := r.d.parts[h.part]; latinOnly(h.text) && strings.HasPrefix(text[h.end:], " ") {
		w0 := firstWord(text[h.end+1:])
		if w1 := firstWord(strings.TrimLeft(text[h.end+1+len(w0):], " ")); w0 != "" && kindDescriptors[strings.ToLower(w0)] && isCapital(w1) &&
			!r.c.lex.notNames[strings.ToLower(strings.Trim(w1, ",.;:"))] {
			return false, "it says what " + quote(w0+" "+w1) + " does", news.Span{}
		}
	}
	// "ChatGPT Plus is getting pricier": a name right after another
	// company's product names an edition of that product.
	if h.kind == refCompany && h.start > 0 && r.d.parts[h.part][h.start-1] == ' ' {
		for _, o := range r.d.hits {
			if o.part == h.part && o.end == h.start-1 && o.kind == refCompany && o.unit >= 0 && o.idx != h.idx {
				return false, "it names an edition of " + quote(o.text) + ", which it follows", news.Span{}
			}
		}
	}
	// "$12.5 Million Seed Round": a name that opens a round's name is
	// the round's.
	if text := r.d.parts[h.part]; h.part != partBody {
		if round, at, ok := r.c.lex.findRound(text[h.start:min(len(text), h.end+12)]); ok && round != "" && at[0] == 0 {
			return false, "it names a round here", news.Span{}
		}
	}
	// "Elevated errors on Claude.ai": the name as its site's address.
	if h.kind == refCompany {
		rest := r.d.parts[h.part][h.end:]
		for _, tld := range []string{".ai", ".com", ".io"} {
			if strings.HasPrefix(rest, tld) && (len(rest) == len(tld) || !isWordByte(rest[len(tld)])) {
				return true, "written as its site's address, " + quote(h.text+tld), news.Span{}
			}
		}
	}
	if h.kind == refCompany {
		if dom := r.c.tax.Companies[h.idx].Domain; dom != "" && (strings.Contains(r.d.url, dom) || r.anyPartContains(dom)) {
			return true, "the company's domain " + dom + " appears", news.Span{}
		}
	}
	// "Meta’s Chief Product Officer Steps Down": a role in the company
	// after its possessive.
	after := r.d.folded[h.part][h.end:]
	rest, ok := strings.CutPrefix(after, "'s ")
	if !ok {
		rest, ok = strings.CutPrefix(after, "’s ")
	}
	if ok && (strings.HasPrefix(rest, "chief ") || r.c.lex.roleOpening(rest) != "") {
		return true, "a role in the company follows its possessive", news.Span{}
	}
	// "小米新款智能手表上市": a word for its new product right after the name.
	if rest := r.d.parts[h.part][h.end:]; !latinOnly(h.text) && slices.ContainsFunc(r.c.lex.zhNewModelWords, func(w string) bool { return strings.HasPrefix(rest, w) }) {
		return true, "a word for a new product of its follows", news.Span{}
	}
	sent := r.sentenceOf(h)
	for _, o := range r.d.hits {
		if o.part != h.part || o.start < sent[0] || o.start >= sent[1] {
			continue
		}
		if o.start < h.end && h.start < o.end {
			continue // the name itself
		}
		// "Oracle and OpenAI sign …": joined to a company named
		// unambiguously, a name is a company's too.
		if o.kind == refCompany && !o.ambiguous {
			text := r.d.parts[h.part]
			between := ""
			if o.start >= h.end {
				between = text[h.end:o.start]
			} else if o.end <= h.start {
				between = text[o.end:h.start]
			}
			if slices.Contains(r.c.lex.nameJoins, between) {
				return true, fmt.Sprintf("joined to %q by %q", o.text, strings.TrimSpace(between)), r.span(o)
			}
		}
		switch o.kind {
		case refContext:
			// A company word next to the name: "startup Runway", "Apple
			// CEO", "Runway, the video startup".
			if o.end <= h.start && h.start-o.end <= contextWindow || o.start >= h.end && o.start-h.end <= contextWindow {
				// "Humanoid maker Stridewell": a descriptor after the
				// name describes the name after it; the name before says
				// what that company makes.
				if o.start >= h.end && r.c.lex.descriptorWords[strings.ToLower(o.text)] {
					if next := strings.TrimLeft(r.d.parts[h.part][o.end:], " "); next != "" && len(next) < len(r.d.parts[h.part][o.end:]) && isCapital(next) {
						continue
					}
				}
				return true, fmt.Sprintf("%q next to the name", o.text), r.span(o)
			}
		case refEvent, refInvesting:
			// The sentence is about a deal or a launch: "Mistral raises",
			// "acquires Runway", "led by Index". Courts, laws and the
			// like concern people as often as companies.
			// Courts and laws concern people as often as companies,
			// but a capitalised name a court action governs right after
			// it in a sentence-case headline ("sues Perplexity") is one.
			if o.kind == refEvent && !r.c.lex.companyActs[r.c.tax.Events[o.idx].ID] &&
				!(h.part == partTitle && o.end <= h.start && strings.TrimSpace(r.d.parts[h.part][o.end:h.start]) == "" && isCapital(h.text) && !r.titleCase(h.part)) {
				continue
			}
			// An event word vouches for the name it governs: its doer
			// right before it or its object right after ("Apple unveils",
			// "acquires Runway"), not a name further off ("Apple harvest
			// falls as drought hits orchards").
			if o.kind == refEvent && !r.c.lex.adjacent(r.d.folded[h.part], h, o) {
				continue
			}
			return true, fmt.Sprintf("%q in the same sentence", o.text), r.span(o)
		}
	}
	// "Meta将资本开支上调至…，投入AI数据中心": Chinese capitalises
	// nothing, so a capitalised Latin name in a Chinese sentence about AI
	// is a name.
	if text := r.d.parts[h.part]; latinOnly(h.text) && isCapital(h.text) && !latinOnly(text[sent[0]:sent[1]]) && r.c.lex.hasAIWord(text[sent[0]:sent[1]]) {
		return true, "a capitalised Latin name in a Chinese sentence about AI", news.Span{}
	}
	// Per-company context words ("iPhone" for Apple) anywhere in the text.
	for _, o := range r.d.hits {
		if o.kind == refContext && o.idx == 1+h.idx && h.kind == refCompany {
			return true, fmt.Sprintf("%q, a word of this company", o.text), r.span(o)
		}
	}
	// "Leaked Meta rulebook for AI chatbots": in a sentence-case headline
	// or lead, a word capitalised inside a sentence about AI is a name;
	// opening it, a word that a company's verb or people follow ("Meta to
	// spend $72 billion on AI infrastructure").
	// ("Meta Reorganizes Its AI Unit Again": in title case too, opening
	// it before such a verb.)
	if text := r.d.parts[h.part]; h.part != partBody && isCapital(h.text) && r.c.lex.hasAIWord(text[sent[0]:sent[1]]) {
		if strings.TrimLeft(text[sent[0]:h.start], " \"'“‘([") != "" && !r.titleCase(h.part) {
			return true, "capitalised inside a sentence about AI", news.Span{}
		}
		if w := r.c.lex.companyWordAfter(text[h.end:sent[1]]); w != "" && strings.TrimLeft(text[sent[0]:h.start], " \"'“‘([") == "" && (!r.titleCase(h.part) || w != "to") {
			return true, "opens a sentence about AI, before " + quote(w), news.Span{}
		}
	}
	// "Lambda files confidentially for an IPO": opening a sentence-case
	// headline, before a verb that companies do and people rarely do;
	// "Cohere is open to deals, CEO says": its people speak at the end.
	if text := r.d.parts[h.part]; h.part == partTitle && isCapital(h.text) && !r.titleCase(h.part) &&
		strings.TrimLeft(text[sent[0]:h.start], " \"'“‘([") == "" {
		if w := r.c.lex.companyWordAfter(text[h.end:sent[1]]); w != "" && w != "to" {
			return true, "opens the headline before " + quote(w), news.Span{}
		}
		// ("Cohere and Norway sign …": a party joined to it by "and", then
		// the verb both do.)
		if rest, ok := strings.CutPrefix(text[h.end:sent[1]], " and "); ok {
			words := strings.Fields(rest)
			for n := 0; n+1 < len(words) && n < 3 && isCapital(words[n]) && isLetters(words[n]); n++ {
				// (The verb of two is plural: "sign" is the list's "signs".)
				verb, more := words[n+1], strings.Join(words[n+2:], " ")
				for _, s := range []string{"s", "es"} {
					if w := r.c.lex.companyWordAfter(verb + s + " " + more); w != "" && w != "to" {
						return true, "opens the headline, joined to " + quote(strings.Join(words[:n+1], " ")) + ", before " + quote(verb), news.Span{}
					}
				}
			}
		}
		if w := r.c.lex.speakerAtEnd(r.d.folded[h.part][h.end:sent[1]]); w != "" {
			return true, "opens the headline its " + quote(w) + " is quoted on", news.Span{}
		}
	}
	// "Runway's Gen-4.5 video model is here", "Rabbit R1 review": opening
	// a sentence-case headline, a name whose thing has a name of its own.
	if text := r.d.parts[h.part]; h.part == partTitle && h.kind == refCompany && !r.titleCase(h.part) &&
		strings.TrimLeft(text[sent[0]:h.start], " \"'“‘([") == "" && namesAThing(text[h.end:sent[1]]) {
		return true, "opens the headline before a thing of its own with a name", news.Span{}
	}
	// "Figure's humanoid robots put in shifts", "Why Tesla's robotaxi
	// …": a name whose thing the lists know (a product, a model) owns it.
	if text := r.d.parts[h.part]; h.part != partBody && isCapital(h.text) && !r.titleCase(h.part) {
		if rest, ok := strings.CutPrefix(text[h.end:], "'s "); ok || strings.HasPrefix(text[h.end:], "’s ") {
			if !ok {
				rest = text[h.end+len("’s "):]
			}
			words := strings.Fields(rest[:min(len(rest), 48)])
			for i := 0; i < len(words) && i < 3; i++ {
				w := strings.ToLower(strings.Trim(words[i], ",.:;'\"“”‘’"))
				if k, ok := r.c.nouns.headKind(strings.Join(words[:i], " ")+" ", w); ok && (k == kProduct || k == kModel) {
					return true, "owns " + quote(words[i]), news.Span{}
				}
			}
			// "How Cognition's Devin plans …": a name that owns a thing of
			// its own company the lists know.
			at := len(text) - len(rest)
			for _, o := range r.d.hits {
				if o.kind == refCompany && o.part == h.part && o.start == at && o.idx == h.idx && o.unit >= 0 {
					return true, "owns its own " + quote(o.text), news.Span{}
				}
			}
		}
	}
	// "小米 AI 眼镜第二代正式上市": a Chinese name right before a product
	// word of the lists is the maker's.
	if text := r.d.parts[h.part]; !latinOnly(h.text) {
		rest := strings.TrimLeft(text[h.end:], " 　")
		rest = strings.TrimLeft(strings.TrimPrefix(rest, "AI"), " 　")
		if w, ok := r.c.nouns.zhKindAt(rest, kProduct); ok {
			return true, "before the product word " + quote(w), news.Span{}
		}
		// "小米YU9上市": a product's model code, Latin letters with a
		// digit, joined to the name.
		if tok := firstWord(text[h.end:]); tok != "" && isCapital(tok) && hasDigit(tok) {
			return true, "before the model code " + quote(tok), news.Span{}
		}
	}
	// ("寒武纪2026年营收…", "寒武纪前三季度营收…": a year or a period may
	// stand between; "MiniMax辟谣…": a Latin name in Chinese text too.)
	if text := r.d.parts[h.part]; !r.d.latin[h.part] {
		// (What follows the name as far as an attribute can end, not the
		// rest of a body.)
		rest := strings.TrimLeft(text[h.end:min(len(text), h.end+r.c.lex.zhAttributeReach)], " 　")
		rest = zhYearRE.ReplaceAllString(rest, "")
		rest = zhPeriodRE.ReplaceAllString(rest, "")
		for _, w := range r.c.lex.zhCompanyAttributes {
			if strings.HasPrefix(rest, w) {
				return true, "before " + quote(w) + ", which only a company has", news.Span{}
			}
		}
	}
	return false, "no company word next to it", news.Span{}
}

// namesAThing reports whether rest, what follows a name, opens with a
// name of a thing: after "'s" a capitalised word or one with a digit
// ("'s Gen-4.5"), or right away a word with a digit ("R1").
func namesAThing(rest string) bool {
	after, owned := strings.CutPrefix(rest, "'s ")
	if !owned {
		after, owned = strings.CutPrefix(rest, "’s ")
	}
	if !owned {
		after = strings.TrimPrefix(rest, " ")
		if after == rest {
			return false
		}
	}
	w, _, _ := strings.Cut(after, " ")
	w = strings.Trim(w, ",:;")
	if w == "" {
		return false
	}
	return hasDigit(w) && isCapital(w) || owned && isCapital(w) && !strings.EqualFold(w, "AI")
}

// adjacent reports whether only small words stand between a name and an
// event word: auxiliaries, adverbs, articles, a possessive.
func (lx *lexicon) adjacent(lower string, name, cue hit) bool {
	var between string
	switch {
	case name.end <= cue.start:
		between = lower[name.end:cue.start]
	case cue.end <= name.start:
		between = lower[cue.end:name.start]
	default:
		return false
	}
	if !latinOnly(between) {
		return len(between) <= 12
	}
	for _, w := range strings.Fields(between) {
		w = strings.Trim(w, ",'’\"“”")
		switch {
		case w == "" || w == "s" || w == "'s" || w == "’s" || lx.phraseSkips[w] || strings.HasSuffix(w, "ly") && len(w) > 3:
		case lx.auxiliaryWords[w]:
		default:
			return false
		}
	}
	return true
}

// contextWindow is how close (in bytes) a company word must stand to an
// ambiguous name to vouch for it.
const contextWindow = 40

// anyPartContains reports whether s (lower-case) is in any part; the
// answers are kept, since every mention of a company asks again.
func (r *run) anyPartContains(s string) bool {
	if found, ok := r.contains[s]; ok {
		return found
	}
	found := false
	for _, t := range r.d.folded {
		if strings.Contains(t, s) {
			found = true
			break
		}
	}
	if r.contains == nil {
		r.contains = map[string]bool{}
	}
	r.contains[s] = found
	return found
}

func (r *run) sentenceOf(h hit) [2]int {
	ss := r.d.sentences[h.part]
	i := sort.Search(len(ss), func(i int) bool { return ss[i][1] > h.start })
	if i < len(ss) && h.start >= ss[i][0] {
		return ss[i]
	}
	return [2]int{0, len(r.d.parts[h.part])}
}

func cutUTF8(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && (s[n]&0xC0) == 0x80 {
		n--
	}
	return s[:n]
}

// Canonical returns the canonical name of the company a name or alias
// stands for, ignoring case ("智谱" → "Zhipu AI", "openai" → "OpenAI"),
// and false when the taxonomy knows no such company.
func (c *Classifier) Canonical(name string) (string, bool) {
	c.aliasOnce.Do(func() {
		c.aliasIdx = make(map[string]string, 4*len(c.tax.Companies))
		for _, co := range c.tax.Companies {
			for _, a := range co.Aliases {
				if _, dup := c.aliasIdx[strings.ToLower(a)]; !dup {
					c.aliasIdx[strings.ToLower(a)] = co.Name
				}
			}
			for _, a := range co.Ambiguous {
				if _, dup := c.aliasIdx[strings.ToLower(a)]; !dup {
					c.aliasIdx[strings.ToLower(a)] = co.Name
				}
			}
		}
		// Canonical names win over another company's alias.
		for _, co := range c.tax.Companies {
			c.aliasIdx[strings.ToLower(co.Name)] = co.Name
		}
	})
	n, ok := c.aliasIdx[strings.ToLower(strings.TrimSpace(name))]
	return n, ok
}

// versionAfter reports a version number with a point right after a
// name ("Gemini 4.5"), not a count or a sum ("Gemini 2.5 million").
func (r *run) versionAfter(h hit) bool {
	text := r.d.parts[h.part]
	// "MiniMax-M3开启内测": a model's name joined to its maker's by a
	// hyphen, a digit in it, opening the headline, when the company makes
	// models (further on, the model may be another company's tool).
	if h.end+2 <= len(text) && text[h.end] == '-' {
		if r.c.layerOf(h.ref) != news.LayerModel || strings.TrimLeft(text[:h.start], " \"'“‘「【[(（") != "" {
			return false
		}
		j := h.end + 1
		for j < len(text) && j-h.end <= 8 && (isWordByte(text[j]) || text[j] == '.') {
			j++
		}
		w := text[h.end+1 : j]
		return w != "" && j-h.end <= 8 && strings.ContainsAny(w, "0123456789") && (j == len(text) || !isWordByte(text[j]))
	}
	if h.end+2 > len(text) || text[h.end] != ' ' {
		return false
	}
	rest := text[h.end+1:]
	w, after, _ := strings.Cut(rest, " ")
	w = strings.TrimRight(strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "’s"), ",:;")
	// "Claude 5发布": in Chinese text a whole number after a model
	// maker's name, right before an event's word or a word for a model,
	// is its model's version (not "Claude 3岁").
	if n := strings.IndexFunc(w, func(c rune) bool { return c < '0' || c > '9' }); n > 0 && n <= 2 && hanAt(w, n) &&
		r.c.layerOf(h.ref) == news.LayerModel {
		at := h.end + 1 + n
		if slices.ContainsFunc(r.d.hits, func(o hit) bool { return o.part == h.part && o.start == at && o.kind == refEvent }) ||
			slices.ContainsFunc([]string{"模型", "系列", "版本", "正式版"}, func(m string) bool { return strings.HasPrefix(w[n:], m) }) {
			return true
		}
	}
	// "Gemini 3 Flash batch requests …": a whole number, then a
	// capitalised word for a model's edition.
	if n := len(w); n >= 1 && n <= 2 && strings.Trim(w, "0123456789") == "" {
		next := strings.TrimRight(firstWord(after), ",:;'’")
		next = strings.TrimSuffix(strings.TrimSuffix(next, "'s"), "’s")
		return isCapital(next) && r.c.lex.modelWords[strings.ToLower(next)]
	}
	if w == "" || w[0] < '0' || w[0] > '9' || !strings.Contains(w, ".") || len(w) > 6 {
		return false
	}
	for _, c := range w {
		if (c < '0' || c > '9') && c != '.' {
			return false
		}
	}
	if r.amountOverlaps(h.part, h.end+1, h.end+1+len(w)) {
		return false
	}
	next := strings.ToLower(firstWord(after))
	return !slices.ContainsFunc(r.c.lex.amountScales, func(sc config.Scale) bool { return sc.Word == next }) && !strings.HasPrefix(next, "%") && next != "percent"
}

// latinWordAt returns the run of ASCII letters and digits at text[i:].
func latinWordAt(text string, i int) string {
	if i > len(text) {
		return ""
	}
	j := i
	for j < len(text) && isWordByte(text[j]) {
		j++
	}
	return text[i:j]
}

// kindDescriptors are words for what a company is, after which a name
// follows: "robotics startup Kinetica" (not "rival" or "partner", which
// relate it to the name before).
var kindDescriptors = map[string]bool{"startup": true, "start-up": true, "maker": true, "developer": true, "firm": true,
	"company": true, "provider": true, "unicorn": true, "specialist": true, "outfit": true}

// hyphenPrefixes open a word before a hyphen and a name: "Ex-Meta",
// "Non-Nvidia".
var hyphenPrefixes = map[string]bool{"ex": true, "non": true, "anti": true, "pro": true, "post": true, "pre": true, "former": true}
