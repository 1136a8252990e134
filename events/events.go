package events

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/aitracker/aitracker/internal/money"
	"github.com/aitracker/aitracker/news"
)

// Version identifies the merge and reconcile rules. Stored events made
// by another version are recomputed from their articles.
const Version = "e1"

// The merge thresholds; the package comment says why.
const (
	Window          = 10 * 24 * time.Hour
	RumorWindow     = 45 * 24 * time.Hour
	AmountTolerance = 0.06
	RumorTolerance  = 0.30
	// MaxSpan is the longest an event can run from its first report to its
	// last: a rumour, the announcement within RumorWindow of it, and the
	// reports within Window of that.
	MaxSpan = RumorWindow + Window
)

// Merge groups articles into events. Articles whose tags report no
// mergeable event (news.Tags.EventKey is "") are left out. The events come
// out in order of their first report; their IDs, Created and Updated are
// left for the store to set.
func Merge(arts []news.Article) []news.Event { return MergeFrom(nil, arts) }

// MergeFrom goes on merging from a known state: seeds are the events as
// they stood before the first of arts (each its reports published before
// it), and arts are every article of their event keys from that point on.
// Since each article joins an event by looking only at the ones before
// it, the result is what Merge gives over all the articles, for the
// events that seeds and arts make; an update needs to read only the
// articles from its earliest change on, and the events still open then
// (those whose latest report is within RumorWindow of it).
func MergeFrom(seeds [][]news.Article, arts []news.Article) []news.Event {
	byDate := func(a, b *news.Article) int {
		if c := a.Published.Compare(b.Published); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	}
	var clusters [][]*news.Article
	for _, seed := range seeds {
		c := make([]*news.Article, 0, len(seed))
		for i := range seed {
			c = append(c, &seed[i])
		}
		if len(c) > 0 {
			slices.SortStableFunc(c, byDate)
			clusters = append(clusters, c)
		}
	}
	// Events are made in the order of their first report, which breaks
	// ties between equally near events.
	slices.SortStableFunc(clusters, func(a, b []*news.Article) int { return byDate(a[0], b[0]) })
	open := map[string][]int{} // cluster indexes per event key
	for i, c := range clusters {
		g := c[0].Tags.EventKey()
		open[g] = append(open[g], i)
	}
	sorted := make([]*news.Article, 0, len(arts))
	for i := range arts {
		if arts[i].Tags.EventKey() != "" {
			sorted = append(sorted, &arts[i])
		}
	}
	slices.SortStableFunc(sorted, byDate)
	for _, a := range sorted {
		g := a.Tags.EventKey()
		best := -1
		for _, ci := range open[g] {
			c := clusters[ci]
			if !joins(c, a) {
				continue
			}
			if best < 0 || a.Published.Sub(c[len(c)-1].Published) < a.Published.Sub(clusters[best][len(clusters[best])-1].Published) {
				best = ci
			}
		}
		if best < 0 {
			open[g] = append(open[g], len(clusters))
			clusters = append(clusters, []*news.Article{a})
			continue
		}
		clusters[best] = append(clusters[best], a)
	}
	out := make([]news.Event, len(clusters))
	for i, c := range clusters {
		out[i] = reconcile(c)
	}
	return out
}

// joins reports whether a can join the event made of c.
func joins(c []*news.Article, a *news.Article) bool {
	// The window runs from the first firm report; an event that is still
	// only talk waits longer for its announcement.
	anchor, window := c[0].Published, RumorWindow
	for _, b := range c {
		if b.Tags.Status != news.StatusRumored {
			anchor, window = b.Published, Window
			break
		}
	}
	if a.Published.Sub(anchor) > window {
		return false
	}
	for _, b := range c {
		if !Compatible(b.Tags, a.Tags) {
			return false
		}
		if b.Tags.EventType != a.Tags.EventType && !shareName(a, b) {
			return false
		}
	}
	return true
}

// shareName reports whether two reports of one company name the same
// release: the same model, or a distinctive name such as "GPT-5",
// "Kimi K2" or "Qwen3" in both headlines. It lets a model release and a
// product launch of one thing merge.
func shareName(a, b *news.Article) bool {
	if ma, mb := a.Tags.Fields.Model, b.Tags.Fields.Model; ma != "" && mb != "" {
		ka, kb := modelKey(ma, a.Tags.Primary), modelKey(mb, b.Tags.Primary)
		return strings.HasPrefix(ka, kb) || strings.HasPrefix(kb, ka)
	}
	names := distinctive(a.Title)
	for _, n := range distinctive(b.Title) {
		if slices.Contains(names, n) {
			return true
		}
	}
	return false
}

// distinctive returns the product-like names of a headline, lower-cased:
// runs of Latin letters, digits, dots and hyphens holding both a letter
// and a digit ("GPT-5", "K2", "Qwen3", "o3"), not sums ("$6.5B", "40M").
func distinctive(title string) []string {
	var out []string
	word := func(w string) {
		w = strings.Trim(w, ".-")
		letter, digit := false, false
		for _, r := range w {
			letter = letter || unicode.IsLetter(r)
			digit = digit || unicode.IsDigit(r)
		}
		if !letter || !digit || isSum(w) {
			return
		}
		out = append(out, strings.ToLower(w))
	}
	start := -1
	for i, r := range title + " " {
		if r < utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r) || r == '.' || r == '-') {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			word(title[start:i])
			start = -1
		}
	}
	return out
}

// isSum reports words such as "40M", "6.5B", "2bn", "100k" and years or
// ordinals ("2025", "1st").
func isSum(w string) bool {
	lw := strings.ToLower(w)
	for _, suf := range []string{"bn", "b", "m", "k", "st", "nd", "rd", "th", "s"} {
		if n := strings.TrimSuffix(lw, suf); n != lw {
			if _, err := strconv.ParseFloat(n, 64); err == nil {
				return true
			}
		}
	}
	return false
}

// Compatible reports whether two articles' fields can describe one
// happening (their type and key are assumed equal).
func Compatible(a, b news.Tags) bool {
	fa, fb := a.Fields, b.Fields
	sameRound := specificRound(fa.Round) && fa.Round == fb.Round
	if specificRound(fa.Round) && specificRound(fb.Round) && !sameRound {
		return false
	}
	// A company closes one series B, lists once and is bought once: two
	// reports of it within the window are one happening even when their
	// sums differ (one gives the lead's share, the first close, a share
	// price or an earlier offer); the sums become alternatives.
	once := sameRound || a.EventType == news.EventIPO ||
		a.EventType == news.EventAcquisition && fa.Target != "" && fb.Target != "" && sameName(fa.Target, fb.Target)
	if !once && fa.AmountUSD > 0 && fb.AmountUSD > 0 {
		tol := AmountTolerance
		if a.Status == news.StatusRumored || b.Status == news.StatusRumored {
			tol = RumorTolerance
		}
		if math.Abs(fa.AmountUSD-fb.AmountUSD) > tol*math.Max(fa.AmountUSD, fb.AmountUSD) {
			return false
		}
	}
	if fa.Target != "" && fb.Target != "" && !sameName(fa.Target, fb.Target) {
		return false
	}
	if fa.Model != "" && fb.Model != "" {
		ma, mb := modelKey(fa.Model, a.Primary), modelKey(fb.Model, b.Primary)
		if !strings.HasPrefix(ma, mb) && !strings.HasPrefix(mb, ma) {
			return false
		}
	}
	return true
}

// specificRound is true for a round that tells one raise from another:
// pre-seed, seed, series A…F. "strategic", "growth" and "unknown" are
// words outlets use loosely for any of them.
func specificRound(r string) bool {
	return r == "pre-seed" || r == "seed" || strings.HasPrefix(r, "series_")
}

// modelKey folds a model name for comparison: lower case, letters, digits
// and dots only, without the maker's name in front ("DeepSeek-R1" by
// DeepSeek and "R1" are one; so are "GPT-4o" and "gpt 4o").
func modelKey(name, maker string) string {
	fold := func(s string) string {
		var b strings.Builder
		for _, r := range strings.ToLower(s) {
			if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '.' {
				b.WriteRune(r)
			}
		}
		return b.String()
	}
	k := fold(name)
	if m := fold(maker); m != "" && len(k) > len(m) && strings.HasPrefix(k, m) {
		k = k[len(m):]
	}
	return k
}

// vote is one value some reports gave.
type vote struct {
	value    string
	articles []*news.Article
	sources  map[string]bool
	// specificity breaks ties between values with as many sources.
	specificity int
}

// ballot counts values in report order.
type ballot struct {
	votes []*vote
	index map[string]*vote
}

func (b *ballot) add(key, value string, specificity int, a *news.Article) {
	if b.index == nil {
		b.index = map[string]*vote{}
	}
	v := b.index[key]
	if v == nil {
		v = &vote{value: value, sources: map[string]bool{}, specificity: specificity}
		b.index[key] = v
		b.votes = append(b.votes, v)
	}
	v.articles = append(v.articles, a)
	v.sources[sourceOf(a)] = true
}

// winner is the value given by the most sources, then the most specific,
// then the first reported; nil when no report gave one.
func (b *ballot) winner() *vote {
	var best *vote
	for _, v := range b.votes {
		if best == nil || len(v.sources) > len(best.sources) ||
			(len(v.sources) == len(best.sources) && v.specificity > best.specificity) {
			best = v
		}
	}
	return best
}

// provenance describes the winner and the alternatives.
func (b *ballot) provenance(field string, w *vote) news.Provenance {
	a := w.articles[0]
	p := news.Provenance{
		Value:     w.value,
		ArticleID: a.ID,
		Sentence:  Sentence(a, field),
		Reports:   len(w.articles),
	}
	switch {
	case len(b.votes) == 1 && len(w.articles) == 1:
		p.Rule = "the only report that gives it"
	case len(b.votes) == 1:
		p.Rule = fmt.Sprintf("all %d reports that give it agree", len(w.articles))
	default:
		p.Rule = fmt.Sprintf("given by %d of %d sources that give a value; the most sources win, then the most specific value, then the earliest report", len(w.sources), b.sourceCount())
	}
	for _, v := range b.votes {
		if v == w {
			continue
		}
		alt := news.Alternative{Value: v.value}
		for _, a := range v.articles {
			alt.Articles = append(alt.Articles, a.ID)
		}
		p.Alternatives = append(p.Alternatives, alt)
	}
	return p
}

func (b *ballot) sourceCount() int {
	all := map[string]bool{}
	for _, v := range b.votes {
		for s := range v.sources {
			all[s] = true
		}
	}
	return len(all)
}

// sourceOf names an article's outlet; articles without one count apart.
func sourceOf(a *news.Article) string {
	if a.SourceName != "" {
		return a.SourceName
	}
	if a.SourceID != 0 {
		return "source:" + strconv.FormatInt(a.SourceID, 10)
	}
	return "article:" + strconv.FormatInt(a.ID, 10)
}

// reconcile makes one event from the articles of a cluster, which are in
// order of publication.
func reconcile(c []*news.Article) news.Event {
	first := c[0]
	e := news.Event{
		Type:       eventType(c),
		Key:        first.Tags.EventKey(),
		Date:       first.Published,
		Provenance: map[string]news.Provenance{},
	}
	sources := map[string]bool{}
	var primary, layer, status, amount, round, valuation, acquirer, target, model, params ballot
	for _, a := range c {
		t := a.Tags
		f := t.Fields
		sources[sourceOf(a)] = true
		e.Articles = append(e.Articles, news.EventArticle{ID: a.ID, Source: a.SourceName, Title: a.Title, URL: a.URL,
			Lang: a.Lang, Published: a.Published, Status: t.Status})
		if t.Primary != "" {
			primary.add(t.Primary, t.Primary, 0, a)
		}
		if t.Layer != "" && t.Layer != news.LayerNone {
			layer.add(string(t.Layer), string(t.Layer), 0, a)
		}
		if t.Status != "" {
			// The furthest status wins outright, not by votes.
			status.add(string(t.Status), string(t.Status), 0, a)
		}
		if f.Amount > 0 {
			amount.add(amountKey(f.Amount, f.Currency), sum(f.Amount, f.Currency), significantDigits(f.Amount), a)
		}
		if f.Round != "" && f.Round != "unknown" {
			spec := 1
			if specificRound(f.Round) {
				spec = 2
			}
			round.add(f.Round, f.Round, spec, a)
		}
		if f.Valuation > 0 {
			valuation.add(amountKey(f.Valuation, f.Currency), sum(f.Valuation, f.Currency), significantDigits(f.Valuation), a)
		}
		for _, p := range []struct {
			b *ballot
			v string
		}{{&acquirer, f.Acquirer}, {&target, f.Target}, {&model, f.Model}, {&params, f.Parameters}} {
			if p.v != "" {
				p.b.add(strings.ToLower(p.v), p.v, utf8.RuneCountInString(p.v), a)
			}
		}
	}
	e.Sources = len(sources)
	if w := primary.winner(); w != nil {
		e.PrimaryCompany = w.value
		e.Provenance["primary_company"] = primary.provenance("primary_company", w)
	}
	e.Layer = news.LayerNone
	if w := layer.winner(); w != nil {
		e.Layer = news.Layer(w.value)
		e.Provenance["layer"] = layer.provenance("layer", w)
	}
	if len(status.votes) > 0 {
		w := status.votes[0]
		for _, v := range status.votes[1:] {
			if news.StatusRank(news.Status(v.value)) > news.StatusRank(news.Status(w.value)) {
				w = v
			}
		}
		e.Status = news.Status(w.value)
		p := status.provenance("status", w)
		p.Rule = "the furthest along any report says (rumored → announced → completed)"
		e.Provenance["status"] = p
	}
	e.Provenance["date"] = news.Provenance{Value: first.Published.UTC().Format(time.RFC3339), ArticleID: first.ID,
		Rule: "the earliest report's publication time", Reports: 1}
	if w := amount.winner(); w != nil {
		a := w.articles[0]
		e.Fields.Amount, e.Fields.Currency, e.Fields.AmountUSD = a.Tags.Fields.Amount, a.Tags.Fields.Currency, a.Tags.Fields.AmountUSD
		e.Provenance["amount"] = amount.provenance("amount", w)
	}
	if w := round.winner(); w != nil {
		e.Fields.Round = w.value
		e.Provenance["round"] = round.provenance("round", w)
	}
	if w := valuation.winner(); w != nil {
		a := w.articles[0]
		e.Fields.Valuation, e.Fields.ValuationUSD = a.Tags.Fields.Valuation, a.Tags.Fields.ValuationUSD
		if e.Fields.Currency == "" {
			e.Fields.Currency = a.Tags.Fields.Currency
		}
		e.Provenance["valuation"] = valuation.provenance("valuation", w)
	}
	for _, p := range []struct {
		name string
		b    *ballot
		dst  *string
	}{{"acquirer", &acquirer, &e.Fields.Acquirer}, {"target", &target, &e.Fields.Target}, {"model", &model, &e.Fields.Model}, {"parameters", &params, &e.Fields.Parameters}} {
		if w := p.b.winner(); w != nil {
			*p.dst = w.value
			e.Provenance[p.name] = p.b.provenance(p.name, w)
		}
	}
	for _, a := range c {
		if a.Tags.Fields.OpenWeights {
			e.Fields.OpenWeights = true
			break
		}
	}
	e.Fields.LeadInvestors, e.Provenance["lead_investors"] = union(c, "lead_investors", func(f news.Fields) []string { return f.LeadInvestors })
	e.Fields.Investors, e.Provenance["investors"] = union(c, "investors", func(f news.Fields) []string { return f.Investors })
	for k, p := range e.Provenance {
		if p.Value == "" {
			delete(e.Provenance, k)
		}
	}
	return e
}

// eventType is the type most reports give; a tie goes to the type listed
// first in news.EventTypes (model_release before product_launch).
func eventType(c []*news.Article) news.EventType {
	count := map[news.EventType]int{}
	for _, a := range c {
		count[a.Tags.EventType]++
	}
	var best news.EventType
	for _, t := range news.EventTypes {
		if count[t] > count[best] {
			best = t
		}
	}
	return best
}

// union merges a list field over the reports: every name any report gives,
// the most reported first, then in order of first mention.
func union(c []*news.Article, field string, get func(news.Fields) []string) ([]string, news.Provenance) {
	type entry struct {
		name    string
		reports int
		order   int
	}
	byKey := map[string]*entry{}
	var list []*entry
	var richest *news.Article
	for _, a := range c {
		names := get(a.Tags.Fields)
		if richest == nil && len(names) > 0 || richest != nil && len(names) > len(get(richest.Tags.Fields)) {
			richest = a
		}
		for _, n := range names {
			k := strings.ToLower(n)
			en := byKey[k]
			if en == nil {
				for _, other := range list {
					if sameName(other.name, n) {
						en = other
						if preferName(n, other.name) {
							other.name = n
						}
						break
					}
				}
			}
			if en == nil {
				en = &entry{name: n, order: len(list)}
				list = append(list, en)
			}
			byKey[k] = en
			en.reports++
		}
	}
	if len(list) == 0 {
		return nil, news.Provenance{}
	}
	slices.SortStableFunc(list, func(a, b *entry) int {
		if a.reports != b.reports {
			return b.reports - a.reports
		}
		return a.order - b.order
	})
	names := make([]string, len(list))
	for i, en := range list {
		names[i] = en.name
	}
	return names, news.Provenance{
		Value:     strings.Join(names, ", "),
		ArticleID: richest.ID,
		Sentence:  Sentence(richest, field),
		Rule:      "every name any report gives, the most reported first; the article cited names the most",
		Reports:   len(c),
	}
}

// sameName reports whether two spellings name one party: equal ignoring
// case, or one holding the other whole ("Kestrel Ridge" and "Kestrel Ridge
// Ventures"; "ASML" and "荷兰光刻机巨头ASML", a descriptor in front).
func sameName(a, b string) bool {
	a, b = strings.ToLower(strings.TrimSpace(a)), strings.ToLower(strings.TrimSpace(b))
	if a == b {
		return true
	}
	if len(a) > len(b) {
		a, b = b, a
	}
	if utf8.RuneCountInString(a) < 3 {
		return false
	}
	i := strings.Index(b, a)
	if i < 0 {
		return false
	}
	// Latin names match at word edges only ("Ai" is not in "Aix Ventures").
	before, _ := utf8.DecodeLastRuneInString(b[:i])
	after, _ := utf8.DecodeRuneInString(b[i+len(a):])
	edge := func(r rune) bool {
		return r == utf8.RuneError || !(r < utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r)))
	}
	return edge(before) && edge(after)
}

// preferName says whether a is the better spelling of one party than b:
// fewer Han characters (a Chinese descriptor in front is not the name),
// then the fuller name.
func preferName(a, b string) bool {
	ha, hb := hanCount(a), hanCount(b)
	if ha != hb {
		return ha < hb
	}
	return len(a) > len(b)
}

func hanCount(s string) int {
	n := 0
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			n++
		}
	}
	return n
}

// amountKey groups sums that are the same within 1% in one currency.
func amountKey(v float64, currency string) string {
	if v <= 0 {
		return ""
	}
	// Two significant digits on a log scale of 1% steps.
	return currency + ":" + strconv.Itoa(int(math.Round(math.Log(v)/math.Log(1.01))))
}

// significantDigits counts the digits that carry information in v
// (1,250,000 has 3; 1,300,000 has 2).
func significantDigits(v float64) int {
	s := strconv.FormatFloat(v, 'f', 0, 64)
	s = strings.TrimRight(s, "0")
	return len(s)
}

// sum writes a sum for people: "300M USD", "1.2B CNY".
func sum(v float64, currency string) string {
	return strings.TrimSpace(money.Short(v) + " " + currency)
}

// Sentence returns the sentence of a the value of field rests on, from
// the classifier's trail: the sentence around the first evidence span of
// the decision about that field. It is "" when the trail has none.
func Sentence(a *news.Article, field string) string {
	what := field
	switch field {
	case "lead_investors":
		what = "investor"
	case "layer", "primary_company":
		// Rest on the company's mentions.
		what = "company"
	}
	for _, d := range a.Tags.Trail {
		if d.What != what || len(d.Evidence) == 0 {
			continue
		}
		if field == "lead_investors" && !strings.Contains(d.Rule, "lead") || what == "company" && d.Value != a.Tags.Primary {
			continue
		}
		sp := d.Evidence[0]
		var text string
		switch sp.Part {
		case "title":
			text = a.Title
		case "summary":
			text = a.Summary
		case "body":
			text = a.Body
		}
		if sp.Start < 0 || sp.End > len(text) || sp.Start > sp.End {
			return sp.Text
		}
		return sentenceAround(text, sp.Start, sp.End)
	}
	return ""
}

// maxSentence caps a quoted sentence, in bytes on each side of the span.
const maxSentence = 300

// sentenceAround widens [start, end) of text to the sentence holding it.
func sentenceAround(text string, start, end int) string {
	from := 0
	for i := start; i > 0; {
		r, size := utf8.DecodeLastRuneInString(text[:i])
		if isSentenceEnd(r) && (r >= 0x3000 || i == len(text) || i < len(text) && (text[i] == ' ' || text[i] == '\n')) {
			from = i
			break
		}
		i -= size
		if start-i > maxSentence {
			from = i
			break
		}
	}
	to := len(text)
	for i := end; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		i += size
		if isSentenceEnd(r) && (r >= 0x3000 || i == len(text) || text[i] == ' ' || text[i] == '\n') {
			to = i
			break
		}
		if i-end > maxSentence {
			to = i
			break
		}
	}
	return strings.TrimSpace(text[from:to])
}

func isSentenceEnd(r rune) bool {
	switch r {
	case '.', '!', '?', '\n', '。', '！', '？', '；':
		return true
	}
	return false
}
