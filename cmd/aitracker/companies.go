package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/goccy/go-yaml"

	"github.com/aitracker/aitracker/classify"
	"github.com/aitracker/aitracker/config"
	"github.com/aitracker/aitracker/events"
	"github.com/aitracker/aitracker/index"
	"github.com/aitracker/aitracker/news"
	"github.com/aitracker/aitracker/pipeline"
	"github.com/aitracker/aitracker/store"
)

// localTaxonomy is the taxonomy file in the data directory where
// promoted companies go; it is merged after everything else.
func localTaxonomy(cfg *config.Config) string {
	return filepath.Join(cfg.DataDir, "taxonomy.local.yaml")
}

// stringList is a repeatable flag.
type stringList []string

func (l *stringList) String() string     { return strings.Join(*l, ",") }
func (l *stringList) Set(v string) error { *l = append(*l, v); return nil }

func cmdCompanies(ctx context.Context, e *env, args []string) error {
	fs := flags(e, "companies")
	var d dataFlags
	d.register(fs)
	asJSON := fs.Bool("json", false, "print as JSON")
	limit := fs.Int("limit", 50, "candidates to list")
	layer := fs.String("layer", "", "promote: the company's layer (infrastructure, model, middleware, application); default: the layer its articles suggest")
	region := fs.String("region", "", "promote: ISO country code of the headquarters")
	domain := fs.String("domain", "", "promote: the company's web domain")
	var aliases stringList
	fs.Var(&aliases, "alias", "promote: another name of the company (repeatable)")
	name := fs.String("name", "", "promote: the canonical name, when it differs from the candidate (e.g. the English name of 深瞳智算)")
	cfg, err := d.parse(fs, args)
	if err != nil {
		return err
	}
	a, err := openApp(ctx, cfg, newLogger(cfg, e.stderr), false, nil)
	if err != nil {
		return err
	}
	defer a.Close()
	switch {
	case fs.NArg() == 0 || fs.NArg() == 1 && fs.Arg(0) != "candidates":
		return companySummary(ctx, e, a, fs.Arg(0), *limit, *asJSON)
	case fs.NArg() == 1 && fs.Arg(0) == "candidates":
		cands, err := a.st.Candidates(ctx, *limit)
		if err != nil {
			return err
		}
		if *asJSON {
			return printJSON(e.stdout, map[string]any{"candidates": cands})
		}
		if len(cands) == 0 {
			fmt.Fprintln(e.stdout, "No candidates: every company tagged so far is in the taxonomy.")
			return nil
		}
		tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "NAME\tARTICLES\tLAYER\tLAST SEEN\tEXAMPLE")
		for _, c := range cands {
			ex := []rune(c.Example)
			if len(ex) > 70 {
				ex = append(ex[:69], '…')
			}
			fmt.Fprintf(tw, "%s\t%d\t%s\t%s\t%s\n", c.Name, c.Articles, c.Layer, c.LastSeen.Format("2006-01-02"), string(ex))
		}
		if err := tw.Flush(); err != nil {
			return err
		}
		fmt.Fprintln(e.stdout, "\nPromote one with: aitracker companies promote NAME [--layer L] [--alias A] [--name CANONICAL]")
		return nil
	case fs.NArg() == 2 && fs.Arg(0) == "promote":
		return promote(ctx, e, a, fs.Arg(1), promotion{name: *name, layer: *layer, region: *region, domain: *domain, aliases: aliases})
	}
	return usageError{"want: companies [NAME], companies candidates, or companies promote NAME"}
}

// companySummary prints the companies with the most events, or one
// company's aggregates and event timeline.
func companySummary(ctx context.Context, e *env, a *app, name string, limit int, asJSON bool) error {
	if _, err := pipeline.UpdateEvents(ctx, a.st, a.log, time.Now().UTC()); err != nil {
		return err
	}
	if name != "" {
		if cls, err := newClassifier(a.cfg); err == nil {
			name = resolver(cls)(name)
		}
		cs, err := a.st.Companies(ctx, name, 1)
		if err != nil {
			return err
		}
		if len(cs) == 0 {
			return fmt.Errorf("no events of a company named %q", name)
		}
		evs, err := a.st.Events(ctx, store.EventFilter{Companies: []string{cs[0].Name}})
		if err != nil {
			return err
		}
		if asJSON {
			return printJSON(e.stdout, map[string]any{"company": cs[0], "events": news.Views(evs)})
		}
		c := cs[0]
		fmt.Fprintf(e.stdout, "%s · %s · %d events, %d funding rounds, disclosed funding $%s (USD at each year's average rate)\n",
			c.Name, c.Layer, c.Events, c.Rounds, events.Short(c.FundingUSD))
		if c.LastRound != nil {
			fmt.Fprintf(e.stdout, "last round: %s %s %s\n", c.LastRound.Date.Format("2006-01-02"), c.LastRound.Fields.Round, amountText(c.LastRound.Fields))
		}
		fmt.Fprintln(e.stdout, "\ntimeline:")
		printEvents(e.stdout, evs)
		return nil
	}
	cs, err := a.st.Companies(ctx, "", limit)
	if err != nil {
		return err
	}
	if asJSON {
		return printJSON(e.stdout, map[string]any{"companies": cs})
	}
	if len(cs) == 0 {
		fmt.Fprintln(e.stdout, "No events yet.")
		return nil
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "COMPANY	LAYER	EVENTS	ROUNDS	DISCLOSED FUNDING (USD)	LAST ROUND	LAST EVENT")
	for _, c := range cs {
		last := ""
		if c.LastRound != nil {
			last = strings.TrimSpace(c.LastRound.Date.Format("2006-01-02") + " " + c.LastRound.Fields.Round + " " + amountText(c.LastRound.Fields))
		}
		fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%s\t%s\t%s\n", c.Name, c.Layer, c.Events, c.Rounds, events.Short(c.FundingUSD), last, c.LastEvent.Format("2006-01-02"))
	}
	return tw.Flush()
}

type promotion struct {
	name, layer, region, domain string
	aliases                     []string
}

// promote adds a candidate to the local taxonomy file, checks that the
// whole taxonomy still loads, and re-tags the stored articles with it.
func promote(ctx context.Context, e *env, a *app, candidate string, p promotion) error {
	canonical := candidate
	if p.name != "" {
		canonical = p.name
		if !containsFold(p.aliases, candidate) {
			p.aliases = append(p.aliases, candidate)
		}
	}
	path := localTaxonomy(a.cfg)
	var doc struct {
		Companies []classify.Company `yaml:"companies"`
	}
	if data, err := os.ReadFile(path); err == nil {
		if err := yaml.Unmarshal(data, &doc); err != nil {
			return fmt.Errorf("%s: %v", path, err)
		}
	} else if !errors.Is(err, os.ErrNotExist) {
		return err
	}
	for _, c := range doc.Companies {
		if strings.EqualFold(c.Name, canonical) {
			return fmt.Errorf("%s is already in %s", canonical, path)
		}
	}
	if cls, err := newClassifier(a.cfg); err == nil {
		for _, c := range cls.Taxonomy().Companies {
			if strings.EqualFold(c.Name, canonical) || containsFold(c.Aliases, canonical) {
				return fmt.Errorf("%s is already in the taxonomy, as %s", canonical, c.Name)
			}
		}
	}
	layer := p.layer
	if layer == "" {
		cands, err := a.st.Candidates(ctx, 10000)
		if err != nil {
			return err
		}
		layer = string(news.LayerNone)
		for _, c := range cands {
			if c.Name == candidate {
				layer = string(c.Layer)
			}
		}
		if layer == string(news.LayerNone) {
			return usageError{fmt.Sprintf("the articles do not say which layer %q is in; give --layer", candidate)}
		}
	}
	if _, err := news.ParseLayer(layer); err != nil {
		return usageError{err.Error()}
	}
	doc.Companies = append(doc.Companies, classify.Company{Name: canonical, Aliases: p.aliases, Layers: []news.Layer{news.Layer(layer)},
		Region: p.region, Domain: p.domain})
	out, err := yaml.Marshal(doc)
	if err != nil {
		return err
	}
	out = append([]byte("# Companies promoted from candidates with `aitracker companies promote`.\n# Merged over the embedded taxonomy; edit freely.\n"), out...)
	// Check the taxonomy with the new entry before writing it.
	if _, err := newClassifierWith(a.cfg, classify.File{Name: path, Data: out}); err != nil {
		return fmt.Errorf("not promoted: %w", err)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, out, 0o644); err != nil {
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%s added to %s, layer %s.\n", canonical, path, layer)
	cls, err := newClassifier(a.cfg)
	if err != nil {
		return err
	}
	ix, err := index.OpenLive(ctx, a.st, indexConfig(a.cfg, a.log, nil))
	if err != nil {
		fmt.Fprintf(e.stdout, "The index is busy (%v); run 'aitracker reclassify' when aitracker run is stopped, or let it re-tag at its next start.\n", err)
		return nil
	}
	defer ix.Close()
	n, err := pipeline.Reclassify(ctx, a.st, ix, cls, nil)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%d stored articles re-tagged.\n", n)
	return nil
}

func containsFold(list []string, s string) bool {
	for _, v := range list {
		if strings.EqualFold(v, s) {
			return true
		}
	}
	return false
}

func cmdReclassify(ctx context.Context, e *env, args []string) error {
	fs := flags(e, "reclassify")
	var d dataFlags
	d.register(fs)
	cfg, err := d.parse(fs, args)
	if err != nil {
		return err
	}
	log := newLogger(cfg, e.stderr)
	cls, err := newClassifier(cfg)
	if err != nil {
		return err
	}
	a, err := openApp(ctx, cfg, log, true, nil)
	if err != nil {
		return err
	}
	defer a.Close()
	var c pipeline.Counter
	if e.stderrTerminal {
		c = newBar(e.stderr, "reclassify")
	}
	n, err := pipeline.Reclassify(ctx, a.st, a.ix, cls, c)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%d articles re-tagged with classifier %s\n", n, cls.Version())
	return nil
}
