package main

import (
	"context"
	"encoding/csv"
	"errors"
	"flag"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/aitracker/aitracker/classify"
	"github.com/aitracker/aitracker/internal/money"
	"github.com/aitracker/aitracker/news"
	"github.com/aitracker/aitracker/query"
	"github.com/aitracker/aitracker/store"
	"github.com/aitracker/aitracker/web/api"
)

// eventFlags are the filter flags of the events command (the parameters
// of GET /api/events).
type eventFlags struct {
	since, until, minAmount string
	types, layers           string
	companies               stringList
	limit, offset           int
}

func (f *eventFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.since, "since", "", "events first reported since a date (2026-06-30) or within an age (7d, 12w, 6m, 1y)")
	fs.StringVar(&f.until, "until", "", "events first reported up to a date or age")
	fs.StringVar(&f.types, "type", "", "event types, comma-separated (funding,acquisition,model_release,…)")
	fs.StringVar(&f.layers, "layer", "", "layers, comma-separated (infrastructure,model,middleware,application)")
	fs.Var(&f.companies, "company", "a company, by name or alias (repeatable)")
	fs.StringVar(&f.minAmount, "min-amount", "", "least amount in USD (50M, 1.5B)")
	fs.IntVar(&f.limit, "limit", 50, "events to list (0: all)")
	fs.IntVar(&f.offset, "offset", 0, "events to skip")
}

// filter turns the flags into a store filter, resolving company aliases.
func (f *eventFlags) filter(cls *classify.Classifier) (store.EventFilter, error) {
	params := map[string][]string{
		"since": {f.since}, "until": {f.until}, "type": {f.types}, "layer": {f.layers},
		"company": f.companies, "min_amount": {f.minAmount},
		"limit": {strconv.Itoa(f.limit)}, "offset": {strconv.Itoa(f.offset)},
	}
	flt, err := query.EventFilter(func(n string) []string { return params[n] }, time.Now().UTC(), resolver(cls))
	if err != nil {
		return flt, usageError{err.Error()}
	}
	return flt, nil
}

// resolver maps a company alias to its canonical name, or keeps it.
func resolver(cls *classify.Classifier) func(string) string {
	return func(name string) string {
		if cls != nil {
			if c, ok := cls.Canonical(name); ok {
				return c
			}
		}
		return name
	}
}

func cmdEvents(ctx context.Context, e *env, args []string) error {
	d := newDataCmd(e, "events")
	var ef eventFlags
	ef.register(d.FlagSet)
	asJSON := d.jsonFlag("print as JSON: {\"events\": [...]}")
	asCSV := d.Bool("csv", false, "print as CSV")
	d.excludes("json", "csv")
	a, err := d.open(ctx, args, withEvents)
	if err != nil {
		return err
	}
	defer a.Close()
	cls, err := newClassifier(d.cfg)
	if err != nil {
		return err
	}
	if d.NArg() == 1 {
		id, err := strconv.ParseInt(d.Arg(0), 10, 64)
		if err != nil {
			return usageError{fmt.Sprintf("want an event ID, got %q", d.Arg(0))}
		}
		ev, err := a.st.Event(ctx, id)
		if errors.Is(err, store.ErrNotFound) {
			return fmt.Errorf("no event %d", id)
		}
		if err != nil {
			return err
		}
		if *asJSON {
			return printJSON(e.stdout, api.EventDetail(ev))
		}
		printEvent(e.stdout, ev)
		return nil
	}
	if d.NArg() > 1 {
		return usageError{"want at most one event ID"}
	}
	flt, err := ef.filter(cls)
	if err != nil {
		return err
	}
	evs, err := a.st.Events(ctx, flt)
	if err != nil {
		return err
	}
	if *asCSV {
		return writeEventsCSV(e.stdout, evs)
	}
	return eventList.print(e.stdout, evs, *asJSON)
}

// amountText writes an event's amount as given and in USD:
// "2.1B CNY ($291M)".
func amountText(f news.Fields) string {
	if f.Amount == 0 {
		return ""
	}
	s := money.Short(f.Amount) + " " + f.Currency
	if f.Currency != "USD" && f.AmountUSD > 0 {
		s += " ($" + money.Short(f.AmountUSD) + ")"
	}
	return s
}

// eventList lists events, a line each; --json prints their API shape.
var eventList = listing[news.Event]{row: eventRow, key: "events",
	none:   "No events match.",
	header: "ID\tDATE\tTYPE\tCOMPANY\tLAYER\tSTATUS\tROUND\tAMOUNT\tDETAIL\tSOURCES",
	json:   func(evs []news.Event) any { return api.Events(evs) }}

// eventRow is one row of the eventList table.
func eventRow(ev news.Event) string {
	f := ev.Fields
	detail := strings.Join(f.LeadInvestors, ", ")
	switch ev.Type {
	case news.EventAcquisition:
		detail = strings.TrimSpace(f.Acquirer + " → " + f.Target)
	case news.EventModelRelease:
		detail = strings.TrimSpace(f.Model + " " + f.Parameters)
	}
	return fmt.Sprintf("%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%d", ev.ID, ev.Date.Format("2006-01-02"), ev.Type, ev.PrimaryCompany,
		ev.Layer, ev.Status, f.Round, amountText(f), clip(detail, 40), ev.Sources)
}

func clip(s string, n int) string {
	r := []rune(s)
	if len(r) > n {
		return string(append(r[:n-1], '…'))
	}
	return s
}

// printEvent prints one event with where each field came from.
func printEvent(w io.Writer, ev news.Event) {
	fmt.Fprintf(w, "event %d: %s · %s · %s · %s\n", ev.ID, ev.Type, ev.PrimaryCompany, ev.Layer, ev.Status)
	fmt.Fprintf(w, "first reported %s by %d source(s); in the store since %s\n\n", ev.Date.Format("2006-01-02 15:04 UTC"), ev.Sources, ev.Created.Format("2006-01-02"))
	names := make([]string, 0, len(ev.Provenance))
	for k := range ev.Provenance {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		p := ev.Provenance[k]
		fmt.Fprintf(w, "%-16s %s\n", k, p.Value)
		fmt.Fprintf(w, "%-16s from article %d: %s\n", "", p.ArticleID, p.Rule)
		if p.Sentence != "" {
			fmt.Fprintf(w, "%-16s “%s”\n", "", clip(p.Sentence, 160))
		}
		for _, alt := range p.Alternatives {
			ids := make([]string, len(alt.Articles))
			for i, id := range alt.Articles {
				ids[i] = strconv.FormatInt(id, 10)
			}
			fmt.Fprintf(w, "%-16s other reports say %s (articles %s)\n", "", alt.Value, strings.Join(ids, ", "))
		}
	}
	fmt.Fprintln(w, "\nreports:")
	for _, a := range ev.Articles {
		fmt.Fprintf(w, "  %d  %s  %-2s  %s — %s\n      %s\n", a.ID, a.Published.Format("2006-01-02"), a.Lang, a.Source, a.Title, a.URL)
	}
}

func writeEventsCSV(w io.Writer, evs []news.Event) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"id", "type", "primary_company", "layer", "status", "date", "amount", "currency", "amount_usd", "round",
		"lead_investors", "investors", "valuation", "acquirer", "target", "model", "sources", "articles"})
	num := func(v float64) string {
		if v == 0 {
			return ""
		}
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	for _, ev := range evs {
		f := ev.Fields
		ids := make([]string, len(ev.Articles))
		for i, a := range ev.Articles {
			ids[i] = strconv.FormatInt(a.ID, 10)
		}
		cw.Write([]string{strconv.FormatInt(ev.ID, 10), string(ev.Type), ev.PrimaryCompany, string(ev.Layer), string(ev.Status),
			ev.Date.Format(time.RFC3339), num(f.Amount), f.Currency, num(f.AmountUSD), f.Round,
			strings.Join(f.LeadInvestors, "; "), strings.Join(f.Investors, "; "), num(f.Valuation), f.Acquirer, f.Target, f.Model,
			strconv.Itoa(ev.Sources), strings.Join(ids, " ")})
	}
	cw.Flush()
	return cw.Error()
}
