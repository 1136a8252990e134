package eval

import (
	"encoding/json"
	"fmt"
	"hash/fnv"
	"io"
	"maps"
	"math"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/aitracker/aitracker/classify"
	"github.com/aitracker/aitracker/ingest/charset"
	"github.com/aitracker/aitracker/ingest/feed"
	"github.com/aitracker/aitracker/news"
)

// Item is one labelled item of an evaluation set (JSON Lines).
type Item struct {
	ID      string `json:"id"`
	Date    string `json:"date"`
	Lang    string `json:"lang"`
	Title   string `json:"title"`
	Summary string `json:"summary"`
	Gold    Gold   `json:"gold"`
}

// Gold is the expected classification of an Item.
type Gold struct {
	Companies     []string `json:"companies"`
	Primary       *string  `json:"primary_company"`
	Layer         string   `json:"layer"`
	EventType     string   `json:"event_type"`
	Status        string   `json:"status"`
	Amount        *float64 `json:"amount"`
	Currency      *string  `json:"currency"`
	Round         *string  `json:"round"`
	Investors     []string `json:"investors"`
	LeadInvestors []string `json:"lead_investors"`
	Valuation     *float64 `json:"valuation"`
	Acquirer      *string  `json:"acquirer"`
	Target        *string  `json:"target"`
	Model         *string  `json:"model"`
	Note          string   `json:"note"`
}

// ReadItems reads JSON Lines; a bad line is an error naming it.
func ReadItems(r io.Reader, name string) ([]Item, error) {
	dec := json.NewDecoder(r)
	var items []Item
	for line := 1; ; line++ {
		var it Item
		err := dec.Decode(&it)
		if err == io.EOF {
			return items, nil
		}
		if err != nil {
			return nil, fmt.Errorf("%s: item %d: %v", name, line, err)
		}
		items = append(items, it)
	}
}

// PRF is precision, recall and F1 with the support (gold count).
type PRF struct {
	P       float64 `json:"p"`
	R       float64 `json:"r"`
	F1      float64 `json:"f1"`
	Support int     `json:"support"`
	// Predicted is how many times the label or field was given.
	Predicted int `json:"predicted"`
}

type counts struct{ tp, fp, fn int }

func (c counts) prf() PRF {
	var p PRF
	if c.tp+c.fp > 0 {
		p.P = float64(c.tp) / float64(c.tp+c.fp)
	}
	if c.tp+c.fn > 0 {
		p.R = float64(c.tp) / float64(c.tp+c.fn)
	}
	if p.P+p.R > 0 {
		p.F1 = 2 * p.P * p.R / (p.P + p.R)
	}
	p.Support = c.tp + c.fn
	p.Predicted = c.tp + c.fp
	p.P, p.R, p.F1 = round3(p.P), round3(p.R), round3(p.F1)
	return p
}

func round3(f float64) float64 { return math.Round(f*1000) / 1000 }

// LabelScores are per-label scores of one categorical decision.
type LabelScores struct {
	MacroF1  float64        `json:"macro_f1"`
	Accuracy float64        `json:"accuracy"`
	PerLabel map[string]PRF `json:"per_label"`
}

// Report is the result of an evaluation; its JSON shape is a fixed
// contract for scripts.
type Report struct {
	N         int         `json:"n"`
	EventType LabelScores `json:"event_type"`
	Layer     LabelScores `json:"layer"`
	Status    LabelScores `json:"status"`
	Primary   struct {
		Accuracy float64 `json:"accuracy"`
	} `json:"primary_company"`
	Companies PRF                `json:"companies"`
	Fields    map[string]PRF     `json:"fields"`
	ByLang    map[string]*Report `json:"by_lang,omitempty"`
	Misses    []Miss             `json:"-"`
}

// Miss is one item where a decision differs from the gold label.
type Miss struct {
	ID    string
	What  string
	Want  string
	Got   string
	Title string
	Trail []news.Decision
}

// Evaluate classifies the items as one stream (see Predict, with
// learning) and scores the result.
func Evaluate(c *classify.Classifier, items []Item) (*Report, error) {
	preds, _, err := Predict(c, items, true)
	if err != nil {
		return nil, err
	}
	return Score(items, preds), nil
}

// Predict classifies the items as a stream brings them: in order of date
// (items of one date in the order given), and, with learn, each with the
// companies the classifier learnt from the items of the days before (see
// classify.Learner), as the pipeline learns from what it stored. It
// returns the tags in the items' order and how many companies were learnt
// by the end.
func Predict(c *classify.Classifier, items []Item, learn bool) ([]news.Tags, int, error) {
	order := make([]int, len(items))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return items[order[a]].Date < items[order[b]].Date })
	preds := make([]news.Tags, len(items))
	var l classify.Learner
	cur, known, day := c, "", ""
	for _, i := range order {
		it := items[i]
		// A day's items learn from the days before, as a day's pass
		// learns from what the passes before it stored.
		if learn && it.Date != day {
			day = it.Date
			learned := l.Companies()
			if key := fmt.Sprint(learned); key != known {
				next, err := c.WithLearned(learned)
				if err != nil {
					return nil, 0, err
				}
				cur, known = next, key
			}
		}
		date, _ := time.Parse("2006-01-02", it.Date)
		// The pipeline reads a feed's title and summary as text, its
		// markup and entities resolved ("&#8211;", "<p>"): so does the
		// evaluation, which scores what the pipeline would tag.
		preds[i] = cur.Classify(classify.Input{Title: charset.Clean(feed.Text(it.Title)), Summary: charset.Clean(feed.Text(it.Summary)), Lang: it.Lang, Date: date})
		if learn {
			l.Observe(preds[i])
		}
	}
	return preds, cur.Learned(), nil
}

// Score scores tags against the items' gold labels, item by item.
func Score(items []Item, preds []news.Tags) *Report {
	rep := score(items, preds)
	langs := map[string][]int{}
	for i, it := range items {
		langs[it.Lang] = append(langs[it.Lang], i)
	}
	if len(langs) > 1 {
		rep.ByLang = map[string]*Report{}
		for lang, idx := range langs {
			var its []Item
			var ps []news.Tags
			for _, i := range idx {
				its = append(its, items[i])
				ps = append(ps, preds[i])
			}
			sub := score(its, ps)
			sub.Misses = nil
			rep.ByLang[lang] = sub
		}
	}
	return rep
}

func norm(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }

func strp(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

func score(items []Item, preds []news.Tags) *Report {
	rep := &Report{N: len(items), Fields: map[string]PRF{}}
	var et, layer, status labelTally
	var comp counts
	fields := map[string]*counts{}
	field := func(name string) *counts {
		if fields[name] == nil {
			fields[name] = &counts{}
		}
		return fields[name]
	}
	primaryOK := 0
	for i, it := range items {
		g, p := it.Gold, preds[i]
		miss := func(what, want, got string) {
			rep.Misses = append(rep.Misses, Miss{ID: it.ID, What: what, Want: want, Got: got, Title: it.Title, Trail: p.Trail})
		}
		et.add(g.EventType, string(p.EventType))
		if g.EventType != string(p.EventType) {
			miss("event_type", g.EventType, string(p.EventType))
		}
		layer.add(g.Layer, string(p.Layer))
		if g.Layer != string(p.Layer) {
			miss("layer", g.Layer, string(p.Layer))
		}
		status.add(g.Status, string(p.Status))
		if g.Status != string(p.Status) {
			miss("status", g.Status, string(p.Status))
		}
		if norm(strp(g.Primary)) == norm(p.Primary) {
			primaryOK++
		} else {
			miss("primary_company", strp(g.Primary), p.Primary)
		}
		gs, ps := setOf(g.Companies), setOf(p.CompanyNames())
		for k := range ps {
			if gs[k] {
				comp.tp++
			} else {
				comp.fp++
			}
		}
		for k := range gs {
			if !ps[k] {
				comp.fn++
			}
		}
		if !sameSet(gs, ps) {
			miss("companies", strings.Join(g.Companies, ", "), strings.Join(p.CompanyNames(), ", "))
		}
		f := p.Fields
		// amount: within 1 % and the same currency
		var gAmt, pAmt string
		if g.Amount != nil {
			gAmt = fmt.Sprintf("%.0f %s", *g.Amount, strp(g.Currency))
		}
		if f.Amount > 0 {
			pAmt = fmt.Sprintf("%.0f %s", f.Amount, f.Currency)
		}
		amountEq := g.Amount != nil && f.Amount > 0 && strp(g.Currency) == f.Currency && math.Abs(f.Amount-*g.Amount) <= 0.01*math.Abs(*g.Amount)
		tally(field("amount"), gAmt, pAmt, amountEq, func() { miss("amount", gAmt, pAmt) })
		gCur := strp(g.Currency)
		tally(field("currency"), gCur, f.Currency, gCur == f.Currency, func() { miss("currency", gCur, f.Currency) })
		gRound := strp(g.Round)
		tally(field("round"), gRound, f.Round, gRound == f.Round, func() { miss("round", gRound, f.Round) })
		gl, pl := setOf(g.LeadInvestors), setOf(f.LeadInvestors)
		gLead, pLead := strings.Join(sortedKeys(gl), ", "), strings.Join(sortedKeys(pl), ", ")
		tally(field("lead_investors"), gLead, pLead, sameSet(gl, pl), func() { miss("lead_investors", gLead, pLead) })
		gi, pi := setOf(g.Investors), setOf(f.Investors)
		gInv, pInv := strings.Join(sortedKeys(gi), ", "), strings.Join(sortedKeys(pi), ", ")
		tally(field("investors"), gInv, pInv, sameSet(gi, pi), func() { miss("investors", gInv, pInv) })
		var gVal, pVal string
		if g.Valuation != nil {
			gVal = fmt.Sprintf("%.0f", *g.Valuation)
		}
		if f.Valuation > 0 {
			pVal = fmt.Sprintf("%.0f", f.Valuation)
		}
		valEq := g.Valuation != nil && f.Valuation > 0 && math.Abs(f.Valuation-*g.Valuation) <= 0.01*math.Abs(*g.Valuation)
		tally(field("valuation"), gVal, pVal, valEq, func() { miss("valuation", gVal, pVal) })
		for _, fv := range []struct {
			name      string
			gold, got string
		}{{"acquirer", strp(g.Acquirer), f.Acquirer}, {"target", strp(g.Target), f.Target}, {"model", strp(g.Model), f.Model}} {
			tally(field(fv.name), fv.gold, fv.got, norm(fv.gold) == norm(fv.got), func() { miss(fv.name, fv.gold, fv.got) })
		}
	}
	rep.EventType = et.scores()
	rep.Layer = layer.scores()
	rep.Status = status.scores()
	rep.Companies = comp.prf()
	if len(items) > 0 {
		rep.Primary.Accuracy = round3(float64(primaryOK) / float64(len(items)))
	}
	for name, c := range fields {
		rep.Fields[name] = c.prf()
	}
	return rep
}

// tally scores one field value: a prediction that matches is a true
// positive; a wrong prediction is a false positive (and a false negative
// when there was a gold value); a missing one is a false negative.
func tally(c *counts, gold, got string, equal bool, onMiss func()) {
	switch {
	case gold == "" && got == "":
		return
	case got != "" && equal:
		c.tp++
		return
	case got != "":
		c.fp++
		if gold != "" {
			c.fn++
		}
	default:
		c.fn++
	}
	onMiss()
}

type labelTally struct {
	c       map[string]*counts
	correct int
	n       int
}

func (t *labelTally) add(gold, got string) {
	if t.c == nil {
		t.c = map[string]*counts{}
	}
	for _, l := range []string{gold, got} {
		if t.c[l] == nil {
			t.c[l] = &counts{}
		}
	}
	t.n++
	if gold == got {
		t.correct++
		t.c[gold].tp++
		return
	}
	t.c[gold].fn++
	t.c[got].fp++
}

func (t *labelTally) scores() LabelScores {
	s := LabelScores{PerLabel: map[string]PRF{}}
	var sum float64
	var k int
	// In label order: a float sum depends on its order, and a score must
	// not change from run to run.
	for _, l := range slices.Sorted(maps.Keys(t.c)) {
		c := t.c[l]
		p := c.prf()
		s.PerLabel[l] = p
		if p.Support > 0 {
			sum += p.F1
			k++
		}
	}
	if k > 0 {
		s.MacroF1 = round3(sum / float64(k))
	}
	if t.n > 0 {
		s.Accuracy = round3(float64(t.correct) / float64(t.n))
	}
	return s
}

func setOf(list []string) map[string]bool {
	m := map[string]bool{}
	for _, s := range list {
		if s = norm(s); s != "" {
			m[s] = true
		}
	}
	return m
}

func sameSet(a, b map[string]bool) bool {
	if len(a) != len(b) {
		return false
	}
	for k := range a {
		if !b[k] {
			return false
		}
	}
	return true
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// WriteText prints the report as tables.
func (r *Report) WriteText(w io.Writer) {
	r.writeText(w, "all")
	langs := make([]string, 0, len(r.ByLang))
	for l := range r.ByLang {
		langs = append(langs, l)
	}
	sort.Strings(langs)
	for _, l := range langs {
		fmt.Fprintln(w)
		r.ByLang[l].writeText(w, l)
	}
}

func (r *Report) writeText(w io.Writer, title string) {
	fmt.Fprintf(w, "== %s: %d items\n", title, r.N)
	labels := func(name string, s LabelScores, order []string) {
		fmt.Fprintf(w, "%s: macro-F1 %.3f, accuracy %.3f\n", name, s.MacroF1, s.Accuracy)
		fmt.Fprintf(w, "  %-16s %6s %6s %6s %8s\n", "label", "P", "R", "F1", "support")
		for _, l := range order {
			if p, ok := s.PerLabel[l]; ok {
				fmt.Fprintf(w, "  %-16s %6.3f %6.3f %6.3f %8d\n", l, p.P, p.R, p.F1, p.Support)
			}
		}
	}
	var ets, layers []string
	for _, e := range news.EventTypes {
		ets = append(ets, string(e))
	}
	for _, l := range news.Layers {
		layers = append(layers, string(l))
	}
	labels("event_type", r.EventType, ets)
	labels("layer", r.Layer, layers)
	labels("status", r.Status, []string{"rumored", "announced", "completed"})
	fmt.Fprintf(w, "primary_company: accuracy %.3f\n", r.Primary.Accuracy)
	fmt.Fprintf(w, "companies: P %.3f  R %.3f  F1 %.3f\n", r.Companies.P, r.Companies.R, r.Companies.F1)
	fmt.Fprintf(w, "fields (exact match):\n  %-16s %6s %6s %6s %8s\n", "field", "P", "R", "F1", "support")
	for _, f := range []string{"amount", "currency", "round", "investors", "lead_investors", "valuation", "acquirer", "target", "model"} {
		p := r.Fields[f]
		fmt.Fprintf(w, "  %-16s %6.3f %6.3f %6.3f %8d\n", f, p.P, p.R, p.F1, p.Support)
	}
}

// WriteMisses prints every miss with the decision trail.
func (r *Report) WriteMisses(w io.Writer) {
	for _, m := range r.Misses {
		fmt.Fprintf(w, "%s %s: want %q, got %q — %s\n", m.ID, m.What, m.Want, m.Got, m.Title)
		for _, d := range m.Trail {
			if d.What != m.What && !(m.What == "companies" && (d.What == "company" || d.What == "company_left_out" || d.What == "rejected")) {
				continue
			}
			fmt.Fprintf(w, "    %s=%s: %s", d.What, d.Value, d.Rule)
			for _, e := range d.Evidence {
				fmt.Fprintf(w, " [%s %q]", e.Part, e.Text)
			}
			fmt.Fprintln(w)
		}
	}
}

// Half says which fixed half of a development set an item belongs to: "a",
// the half that rules are written and debugged against, or "b", the half
// kept unread until it is scored. It is a hash of the ID, so an item never
// changes halves and a new item falls into one without a list to keep.
func Half(id string) string {
	h := fnv.New32a()
	h.Write([]byte(id))
	if h.Sum32()&1 == 0 {
		return "a"
	}
	return "b"
}

// SplitHalves divides items into the two halves of Half, keeping their
// order.
func SplitHalves(items []Item) (a, b []Item) {
	for _, it := range items {
		if Half(it.ID) == "a" {
			a = append(a, it)
		} else {
			b = append(b, it)
		}
	}
	return a, b
}

// WriteSplit prints the scores of the two halves of one set side by side,
// with the gap between them (b − a): a large gap says the rules fit the
// half they were written from rather than the news.
func WriteSplit(w io.Writer, name string, a, b *Report) {
	fmt.Fprintf(w, "== %s: half a %d items, half b %d items\n", name, a.N, b.N)
	fmt.Fprintf(w, "  %-28s %13s %13s %8s\n", "", "a", "b", "b − a")
	row := func(label string, x, y float64, nx, ny int) {
		cell := func(v float64, n int) string {
			if n == 0 {
				return "—"
			}
			return fmt.Sprintf("%.3f (%d)", v, n)
		}
		gap := ""
		if nx > 0 && ny > 0 {
			gap = fmt.Sprintf("%+.3f", y-x)
		}
		fmt.Fprintf(w, "  %-28s %13s %13s %8s\n", label, cell(x, nx), cell(y, ny), gap)
	}
	row("event_type macro-F1", a.EventType.MacroF1, b.EventType.MacroF1, a.N, b.N)
	row("event_type accuracy", a.EventType.Accuracy, b.EventType.Accuracy, a.N, b.N)
	for _, e := range news.EventTypes {
		pa, pb := a.EventType.PerLabel[string(e)], b.EventType.PerLabel[string(e)]
		// Precision counts predictions (n = predicted), recall counts
		// gold items (n = support).
		row("  "+string(e)+" P", pa.P, pb.P, pa.Predicted, pb.Predicted)
		row("  "+string(e)+" R", pa.R, pb.R, pa.Support, pb.Support)
	}
	row("layer accuracy", a.Layer.Accuracy, b.Layer.Accuracy, a.N, b.N)
	row("status accuracy", a.Status.Accuracy, b.Status.Accuracy, a.N, b.N)
	row("primary_company accuracy", a.Primary.Accuracy, b.Primary.Accuracy, a.N, b.N)
	row("companies F1", a.Companies.F1, b.Companies.F1, a.Companies.Support, b.Companies.Support)
	for _, f := range []string{"amount", "currency", "round", "investors", "lead_investors", "valuation", "acquirer", "target", "model"} {
		fa, fb := a.Fields[f], b.Fields[f]
		row(f+" F1", fa.F1, fb.F1, max(fa.Support, fa.Predicted), max(fb.Support, fb.Predicted))
	}
}
