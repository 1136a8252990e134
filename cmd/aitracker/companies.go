package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/goccy/go-yaml"

	"github.com/aitracker/aitracker/classify"
	"github.com/aitracker/aitracker/config"
	"github.com/aitracker/aitracker/index"
	"github.com/aitracker/aitracker/internal/money"
	"github.com/aitracker/aitracker/news"
	"github.com/aitracker/aitracker/pipeline"
	"github.com/aitracker/aitracker/store"
	"github.com/aitracker/aitracker/web/api"
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

// candidateList lists the company names found outside the taxonomy.
var candidateList = listing[candidate]{row: candidateRow, key: "candidates",
	none:   "No candidates: every company tagged so far is in the taxonomy.",
	header: "NAME\tARTICLES\tLAYER\tLEARNT\tLAST SEEN\tEXAMPLE",
	foot: "\nLearnt ones tag later articles already (classify: learn_companies).\n" +
		"Promote one with: aitracker companies promote NAME [--layer L] [--alias A] [--name CANONICAL]"}

// candidate is a name outside the taxonomy, and whether passes learn it
// (see classify.Learns).
type candidate struct {
	store.Candidate
	Learnt bool `json:"learnt"`
}

// candidatesOf marks the candidates the classifier learns when learning
// is on.
func candidatesOf(cands []store.Candidate, learn bool) []candidate {
	out := make([]candidate, len(cands))
	for i, c := range cands {
		out[i] = candidate{c, learn && classify.Learns(c.Name, c.Articles, c.Layer)}
	}
	return out
}

// candidateRow is one row of the candidateList table.
func candidateRow(c candidate) string {
	learnt := "-"
	if c.Learnt {
		learnt = "yes"
	}
	return fmt.Sprintf("%s\t%d\t%s\t%s\t%s\t%s", c.Name, c.Articles, c.Layer, learnt, c.LastSeen.Format("2006-01-02"), clip(c.Example, 70))
}

// companyList lists the companies with the most events.
var companyList = listing[store.CompanySummary]{row: companyRow, key: "companies",
	none:   "No events yet.",
	header: "COMPANY\tLAYER\tEVENTS\tROUNDS\tDISCLOSED FUNDING (USD)\tLAST ROUND\tLAST EVENT"}

// companyRow is one row of the companyList table.
func companyRow(c store.CompanySummary) string {
	last := ""
	if c.LastRound != nil {
		last = strings.TrimSpace(c.LastRound.Date.Format("2006-01-02") + " " + c.LastRound.Fields.Round + " " + amountText(c.LastRound.Fields))
	}
	return fmt.Sprintf("%s\t%s\t%d\t%d\t%s\t%s\t%s", c.Name, c.Layer, c.Events, c.Rounds, money.Short(c.FundingUSD), last, c.LastEvent.Format("2006-01-02"))
}

func cmdCompanies(ctx context.Context, e *env, args []string) error {
	d := newDataCmd(e, "companies")
	asJSON := d.jsonFlag("print as JSON")
	limit := d.Int("limit", 50, "candidates to list")
	layer := d.String("layer", "", "promote: the company's layer (infrastructure, model, middleware, application); default: the layer its articles suggest")
	region := d.String("region", "", "promote: ISO country code of the headquarters")
	domain := d.String("domain", "", "promote: the company's web domain")
	var aliases stringList
	d.Var(&aliases, "alias", "promote: another name of the company (repeatable)")
	name := d.String("name", "", "promote: the canonical name, when it differs from the candidate (e.g. the English name of 深瞳智算)")
	a, err := d.open(ctx, args, storeOnly)
	if err != nil {
		return err
	}
	defer a.Close()
	switch {
	case d.NArg() == 0 || d.NArg() == 1 && d.Arg(0) != "candidates":
		return companySummary(ctx, e, a, d.Arg(0), *limit, *asJSON)
	case d.NArg() == 1 && d.Arg(0) == "candidates":
		cands, err := a.st.Candidates(ctx, *limit)
		if err != nil {
			return err
		}
		return candidateList.print(e.stdout, candidatesOf(cands, a.cfg.Classify.LearnCompanies), *asJSON)
	case d.NArg() == 2 && d.Arg(0) == "promote":
		return promote(ctx, e, a, d.Arg(1), promotion{name: *name, layer: *layer, region: *region, domain: *domain, aliases: aliases})
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
			return printJSON(e.stdout, map[string]any{"company": cs[0], "events": api.Events(evs)})
		}
		c := cs[0]
		fmt.Fprintf(e.stdout, "%s · %s · %d events, %d funding rounds, disclosed funding $%s (USD at each year's average rate)\n",
			c.Name, c.Layer, c.Events, c.Rounds, money.Short(c.FundingUSD))
		if c.LastRound != nil {
			fmt.Fprintf(e.stdout, "last round: %s %s %s\n", c.LastRound.Date.Format("2006-01-02"), c.LastRound.Fields.Round, amountText(c.LastRound.Fields))
		}
		fmt.Fprintln(e.stdout, "\ntimeline:")
		return eventList.print(e.stdout, evs, false)
	}
	cs, err := a.st.Companies(ctx, "", limit)
	if err != nil {
		return err
	}
	return companyList.print(e.stdout, cs, asJSON)
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
		Companies []config.Company `yaml:"companies"`
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
	doc.Companies = append(doc.Companies, config.Company{Name: canonical, Aliases: p.aliases, Layers: []news.Layer{news.Layer(layer)},
		Region: p.region, Domain: p.domain})
	out, err := yaml.Marshal(doc)
	if err != nil {
		return err
	}
	out = append([]byte("# Companies promoted from candidates with `aitracker companies promote`.\n# Merged over the embedded taxonomy; edit freely.\n"), out...)
	// Check the taxonomy with the new entry before writing it.
	if _, err := newClassifierWith(a.cfg, config.NamedFile{Name: path, Data: out}); err != nil {
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
	n, err := pipeline.Reclassify(ctx, a.st, ix, cls, a.cfg.Classify.LearnCompanies, nil)
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
	d := newDataCmd(e, "reclassify")
	if err := d.parse(args); err != nil {
		return err
	}
	cls, err := newClassifier(d.cfg)
	if err != nil {
		return err
	}
	if err := requireStore(d.cfg); err != nil {
		return err
	}
	a, err := openApp(ctx, d.cfg, d.log, true, nil)
	if err != nil {
		return err
	}
	defer a.Close()
	var c pipeline.Counter
	if e.stderrTerminal {
		c = newBar(e.stderr, "reclassify")
	}
	n, err := pipeline.Reclassify(ctx, a.st, a.ix, cls, d.cfg.Classify.LearnCompanies, c)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%d articles re-tagged with classifier %s\n", n, cls.Version())
	return nil
}
