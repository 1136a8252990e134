package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/aitracker/aitracker/classify"
	"github.com/aitracker/aitracker/classify/eval"
	"github.com/aitracker/aitracker/config"
	"github.com/aitracker/aitracker/digest"
	"github.com/aitracker/aitracker/index"
	"github.com/aitracker/aitracker/ingest"
	"github.com/aitracker/aitracker/ingest/extract"
	"github.com/aitracker/aitracker/ingest/feed"
	"github.com/aitracker/aitracker/ingest/fetch"
	"github.com/aitracker/aitracker/news"
	"github.com/aitracker/aitracker/pipeline"
)

func cmdVersion(ctx context.Context, e *env, args []string) error {
	fs := flags(e, "version")
	if err := parse(fs, args); err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, "aitracker", config.Version)
	return nil
}

func cmdCheck(ctx context.Context, e *env, args []string) error {
	d := newDataCmd(e, "check")
	if err := d.parse(args); err != nil {
		return err
	}
	cfg := d.cfg
	cls, err := newClassifier(cfg)
	if err != nil {
		return err
	}
	t := cls.Taxonomy()
	where := "embedded defaults"
	if cfg.File != "" {
		where = cfg.File
	}
	fmt.Fprintf(e.stdout, "%s: ok — %d sources, data in %s, schedule %q; taxonomy %d companies, %d investors, classifier %s\n",
		where, len(cfg.Sources), cfg.DataDir, cfg.Schedule, len(t.Companies), len(t.Investors), cls.Version())
	digests := "digests off (set digest.from)"
	if cfg.Digest.Enabled() {
		digests = "digests on, list " + digest.ListID(cfg.Digest.BaseURL)
		if u, err := url.Parse(cfg.Digest.BaseURL); err == nil && u.Scheme != "https" {
			fmt.Fprintf(e.stderr, "warning: digest.base_url %s is not https: mail providers offer one-click unsubscribe (RFC 8058) only for an https link, and the links carry tokens\n", cfg.Digest.BaseURL)
		}
	}
	fmt.Fprintf(e.stdout, "%s; unsubscribe links work for %d days after their digest (digest.token_max_age %s), confirmation links for %d days\n",
		digests, int(cfg.Digest.TokenMaxAge.Duration/(24*time.Hour)), cfg.Digest.TokenMaxAge.Duration, int(digest.ConfirmMaxAge/(24*time.Hour)))
	servers, err := checkCluster(ctx, cfg)
	if err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, servers)
	return nil
}

// ingestLogger logs through the progress bar on a terminal, so that the
// bar and the log lines do not garble each other; otherwise plainly.
func ingestLogger(e *env, cfg *config.Config, label string) (*slog.Logger, *bar) {
	if e.stderrTerminal {
		b := newBar(e.stderr, label)
		quiet := *cfg
		if quiet.Log.Level == "info" {
			quiet.Log.Level = "warn" // the bar shows progress; log what needs attention
		}
		return newLogger(&quiet, b), b
	}
	return newLogger(cfg, e.stderr), nil
}

func cmdIngest(ctx context.Context, e *env, args []string) error {
	d := newDataCmd(e, "ingest")
	asJSON := d.jsonFlag("print the summary as JSON")
	force := d.Bool("force", false, "fetch every source now, even those not due (backing off after failures, or fresh per Cache-Control)")
	if err := d.parse(args); err != nil {
		return err
	}
	return ingestOnce(ctx, e, d.cfg, *asJSON, pipeline.Options{Force: *force, Only: d.Args()})
}

func ingestOnce(ctx context.Context, e *env, cfg *config.Config, asJSON bool, opts pipeline.Options) error {
	log, b := ingestLogger(e, cfg, "ingest")
	cls, err := newClassifier(cfg)
	if err != nil {
		return err
	}
	a, err := openApp(ctx, cfg, log, true, nil)
	if err != nil {
		return err
	}
	defer a.Close()
	var p pipeline.Progress
	if b != nil {
		p = b
	}
	sum, err := a.pipeline(cls, p).Run(ctx, sourcesOf(cfg), opts)
	if err != nil {
		return err
	}
	if asJSON {
		return printJSON(e.stdout, struct {
			pipeline.Summary
			DurationMS int64 `json:"duration_ms"`
		}{sum, sum.Duration.Milliseconds()})
	}
	for _, f := range sum.Failures {
		if f.Plain != "" {
			fmt.Fprintf(e.stderr, "failed: %s (%s): %s\n    %s\n", f.Source, f.URL, f.Plain, f.Err)
		} else {
			fmt.Fprintf(e.stderr, "failed: %s (%s): %s\n", f.Source, f.URL, f.Err)
		}
	}
	fmt.Fprintln(e.stdout, sum.String())
	if sum.Interrupted {
		return context.Canceled
	}
	return nil
}

// searchTimeout bounds a search from the command line, through the index
// or a running daemon's API.
const searchTimeout = 10 * time.Second

func cmdSearch(ctx context.Context, e *env, args []string) error {
	d := newDataCmd(e, "search")
	asJSON := d.jsonFlag(`print {"total": N, "hits": [...]} as JSON`)
	sortBy := d.String("sort", "", "relevance or date (default: relevance with a query, date without)")
	limit := d.Int("limit", 20, "hits per page (at most 200)")
	offset := d.Int("offset", 0, "hits to skip")
	facets := d.Bool("facets", false, "count the matches per event type, layer, company, source, language and month")
	collapse := d.Bool("collapse", false, "one hit per story: leave out the copies other sources carried")
	if err := d.parse(args); err != nil {
		return err
	}
	cfg := d.cfg
	req := index.Request{Query: strings.Join(d.Args(), " "), Sort: *sortBy, Limit: *limit, Offset: *offset,
		Facets: *facets, Collapse: *collapse}
	var res *index.Result
	if err := requireStore(cfg); err != nil {
		return err
	}
	a, err := openApp(ctx, cfg, d.log, true, nil)
	if err == nil {
		defer a.Close()
		if cls, cerr := newClassifier(cfg); cerr == nil {
			req.Resolve = resolver(cls)
		}
	}
	// The bound is on the search alone: opening and catching up the
	// index and loading the taxonomy take as long as they must.
	sctx, cancel := context.WithTimeout(ctx, searchTimeout)
	defer cancel()
	switch {
	case errors.Is(err, index.ErrLocked):
		// A running daemon holds the index: ask it over its API instead.
		var aerr error
		res, aerr = searchAPI(sctx, cfg.Listen, req)
		var ue usageError
		if errors.As(aerr, &ue) {
			return ue
		}
		if aerr != nil {
			return fmt.Errorf("%w; and the API of a running aitracker at %s did not answer (%v)", err, cfg.Listen, aerr)
		}
		err = nil
	case err != nil:
		return err
	default:
		res, err = a.ix.Search(sctx, req)
	}
	if err != nil {
		var qe *index.QueryError
		if errors.As(err, &qe) {
			return usageError{err.Error()}
		}
		return err
	}
	if *asJSON {
		return printJSON(e.stdout, res)
	}
	f, ok := e.stdout.(*os.File)
	printHits(e.stdout, res, *offset, ok && isTerminal(f))
	return nil
}

// daemonClient is the HTTP client that asks the daemon this machine runs
// (its listen address is local): no proxy from the environment, and a
// redirect is an answer, not followed.
func daemonClient() *http.Client {
	return &http.Client{
		Transport:     &http.Transport{},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
}

// searchAPI runs a search through a running daemon's JSON API.
func searchAPI(ctx context.Context, listen string, req index.Request) (*index.Result, error) {
	q := url.Values{"q": {req.Query}, "sort": {req.Sort}, "limit": {fmt.Sprint(req.Limit)}, "offset": {fmt.Sprint(req.Offset)},
		"facets": {fmt.Sprint(req.Facets)}, "collapse": {fmt.Sprint(req.Collapse)}}
	hr, err := http.NewRequestWithContext(ctx, http.MethodGet, "http://"+listen+"/api/search?"+q.Encode(), nil)
	if err != nil {
		return nil, err
	}
	client := daemonClient()
	defer client.CloseIdleConnections()
	resp, err := client.Do(hr)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode == http.StatusBadRequest {
		var e struct{ Error string }
		json.NewDecoder(resp.Body).Decode(&e)
		return nil, usageError{e.Error}
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("%s answered %s", listen, resp.Status)
	}
	var res index.Result
	if err := json.NewDecoder(io.LimitReader(resp.Body, 16<<20)).Decode(&res); err != nil {
		return nil, err
	}
	return &res, nil
}

// printHits writes a page of hits as text; on a terminal the snippet's
// matches are bold.
func printHits(w io.Writer, res *index.Result, offset int, terminal bool) {
	if len(res.Hits) == 0 {
		fmt.Fprintln(w, "No articles match.")
		printFacets(w, res)
		return
	}
	for i, h := range res.Hits {
		fmt.Fprintf(w, "%3d. %s\n", offset+i+1, h.Title)
		date := h.Published.Format("2006-01-02")
		if h.PublishedEstimated {
			date += " (fetched; no date given)"
		}
		meta := []string{date, h.Source}
		if h.EventType != "" && h.EventType != string(news.EventOther) {
			meta = append(meta, h.EventType)
		}
		if h.Layer != "" && h.Layer != string(news.LayerNone) {
			meta = append(meta, "layer "+h.Layer)
		}
		if len(h.Companies) > 0 {
			meta = append(meta, strings.Join(h.Companies, ", "))
		}
		fmt.Fprintf(w, "     %s\n", strings.Join(meta, " · "))
		if len(h.AlsoReportedBy) > 0 {
			fmt.Fprintf(w, "     also reported by %s\n", strings.Join(h.AlsoReportedBy, ", "))
		}
		if h.Event != 0 && h.Sources > 1 {
			fmt.Fprintf(w, "     event %d, reported by %d sources (aitracker events %d)\n", h.Event, h.Sources, h.Event)
		}
		if h.Snippet != "" {
			fmt.Fprintf(w, "     %s\n", snippetText(h.Snippet, terminal))
		}
	}
	fmt.Fprintf(w, "\n%d–%d of %d articles\n", offset+1, offset+len(res.Hits), res.Total)
	printFacets(w, res)
}

// snippetText turns a hit's HTML snippet into text: the marks become bold
// on a terminal and disappear elsewhere.
func snippetText(snippet string, terminal bool) string {
	on, off := "", ""
	if terminal {
		on, off = "\x1b[1m", "\x1b[0m"
	}
	s := strings.NewReplacer("<mark>", on, "</mark>", off).Replace(snippet)
	return html.UnescapeString(s)
}

// printFacets writes the facet counts, a line per facet.
func printFacets(w io.Writer, res *index.Result) {
	if res.Facets == nil {
		return
	}
	fmt.Fprintln(w)
	for _, name := range []string{"event_type", "layer", "companies", "source", "lang", "month"} {
		list := res.Facets[name]
		if len(list) == 0 {
			continue
		}
		parts := make([]string, len(list))
		for i, f := range list {
			parts[i] = fmt.Sprintf("%s %d", f.Value, f.Count)
		}
		fmt.Fprintf(w, "%-11s %s\n", name+":", strings.Join(parts, " · "))
	}
}

func cmdReindex(ctx context.Context, e *env, args []string) error {
	d := newDataCmd(e, "reindex")
	a, err := d.open(ctx, args, storeOnly)
	if err != nil {
		return err
	}
	defer a.Close()
	cfg, log := d.cfg, d.log
	// index.Rebuild refuses an index a running daemon holds.
	var c pipeline.Counter
	if e.stderrTerminal {
		c = newBar(e.stderr, "reindex")
	}
	ix, err := index.Rebuild(ctx, a.st, indexConfig(cfg, log, c))
	if err != nil {
		return err
	}
	n, _ := ix.Count()
	fmt.Fprintf(e.stdout, "index rebuilt: %d articles\n", n)
	return ix.Close()
}

func cmdExplain(ctx context.Context, e *env, args []string) error {
	d := newDataCmd(e, "explain")
	asJSON := d.jsonFlag("print the tags and trail as JSON")
	title := d.String("title", "", "headline, when the input is body text only")
	articleID := d.Int64("article", 0, "explain a stored article by `ID` (from search --json): the trail stored with it")
	if err := d.parse(args); err != nil {
		return err
	}
	cfg := d.cfg
	if *articleID != 0 {
		if err := requireStore(cfg); err != nil {
			return err
		}
		a, err := openApp(ctx, cfg, d.log, false, nil)
		if err != nil {
			return err
		}
		defer a.Close()
		art, err := a.st.Article(ctx, *articleID)
		if err != nil {
			return fmt.Errorf("article %d: %w", *articleID, err)
		}
		if *asJSON {
			return printJSON(e.stdout, art.Tags)
		}
		fmt.Fprintf(e.stdout, "article %d · %s · %s\n%s\n\n", art.ID, art.SourceName, art.Published.Format("2006-01-02"), art.URL)
		printExplanation(e.stdout, classify.Input{Title: art.Title, Summary: art.Summary, Body: art.Body}, art.Tags)
		return nil
	}
	if d.NArg() != 1 {
		return usageError{"explain takes one FILE, URL or - (standard input), or --article ID"}
	}
	cls, err := newClassifier(cfg)
	if err != nil {
		return err
	}
	in, page, err := readExplainInput(ctx, cfg, d.Arg(0), e)
	if err != nil {
		return err
	}
	if *title != "" {
		in.Title = *title
	}
	tags := cls.Classify(in)
	if *asJSON {
		return printJSON(e.stdout, tags)
	}
	if page != nil {
		printExtraction(e.stdout, page)
	}
	printExplanation(e.stdout, in, tags)
	return nil
}

// printExtraction shows which of the candidate texts of a page was taken
// as its article, why, and what each candidate weighed.
func printExtraction(w io.Writer, p *extract.Page) {
	fmt.Fprintf(w, "text:    %s · %s\n", p.Extractor, p.Why)
	for _, c := range p.Candidates {
		fmt.Fprintf(w, "  %-12s %6d chars (%d Han) · %3d paragraphs · links %3.0f%%", c.Name, c.Chars, c.Han, c.Paragraphs, 100*c.LinkDensity)
		if c.Summary >= 0 {
			fmt.Fprintf(w, " · summary %3.0f%%", 100*c.Summary)
		}
		fmt.Fprintln(w)
	}
}

// readExplainInput reads a text: a URL is fetched and, like an HTML file,
// read as an article page (the page is returned too: its text is the
// chosen candidate), or flattened to text with its <title> as headline
// when no article text is found; a plain text's first line is the
// headline, the next paragraph the lead, the rest the body.
func readExplainInput(ctx context.Context, cfg *config.Config, arg string, e *env) (classify.Input, *extract.Page, error) {
	var data []byte
	var err error
	var url, contentType string
	switch {
	case arg == "-":
		data, err = io.ReadAll(io.LimitReader(os.Stdin, cfg.Fetch.MaxBytes.N))
	case strings.HasPrefix(arg, "http://") || strings.HasPrefix(arg, "https://"):
		url = arg
		var resp *fetch.Response
		resp, err = newFetcher(cfg).Client.Get(ctx, fetch.Request{URL: arg})
		if err == nil {
			data, contentType = resp.Body, resp.ContentType
		}
	default:
		data, err = os.ReadFile(arg)
	}
	if err != nil {
		return classify.Input{}, nil, err
	}
	text := strings.ToValidUTF8(string(data), "\uFFFD")
	if looksHTML(text) {
		if p, err := extract.Extract(data, contentType, url); err == nil {
			paras := strings.SplitN(p.Text, "\n\n", 2)
			in := classify.Input{Title: p.Title, Summary: strings.TrimSpace(paras[0]), URL: url, Lang: ingest.DetectLang(p.Text, p.Lang)}
			if len(paras) > 1 {
				in.Body = strings.TrimSpace(paras[1])
			}
			return in, p, nil
		}
		title := ""
		if i := strings.Index(strings.ToLower(text), "<title>"); i >= 0 {
			if j := strings.Index(strings.ToLower(text[i:]), "</title>"); j > 0 {
				title = feed.Text(text[i+7 : i+j])
			}
		}
		body := feed.Text(text)
		return classify.Input{Title: title, Summary: body, URL: url, Lang: ingest.DetectLang(body, "")}, nil, nil
	}
	text = strings.ReplaceAll(text, "\r\n", "\n")
	parts := strings.SplitN(strings.TrimSpace(text), "\n", 2)
	in := classify.Input{Title: strings.TrimSpace(parts[0]), URL: url}
	if len(parts) > 1 {
		rest := strings.TrimSpace(parts[1])
		paras := strings.SplitN(rest, "\n\n", 2)
		in.Summary = strings.TrimSpace(paras[0])
		if len(paras) > 1 {
			in.Body = strings.TrimSpace(paras[1])
		}
	}
	in.Lang = ingest.DetectLang(in.Title+" "+in.Summary, "")
	return in, nil, nil
}

func looksHTML(s string) bool {
	head := strings.ToLower(strings.TrimSpace(s))
	if len(head) > 512 {
		head = head[:512]
	}
	return strings.HasPrefix(head, "<!doctype html") || strings.HasPrefix(head, "<html") || strings.Contains(head, "<head")
}

// thousands writes a whole amount with thousands separators:
// 1300000000 → "1,300,000,000".
func thousands(v float64) string {
	digits := strconv.FormatFloat(v, 'f', 0, 64)
	var b strings.Builder
	for i, c := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 && digits[i-1] != '-' {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

func printExplanation(w io.Writer, in classify.Input, t news.Tags) {
	fmt.Fprintf(w, "title:   %s\n", in.Title)
	fmt.Fprintf(w, "result:  %s · layer %s · %s", t.EventType, t.Layer, t.Status)
	if t.Primary != "" {
		fmt.Fprintf(w, " · primary %s", t.Primary)
	}
	fmt.Fprintln(w)
	if names := t.CompanyNames(); len(names) > 0 {
		fmt.Fprintf(w, "companies: %s\n", strings.Join(names, ", "))
	}
	f := t.Fields
	var fields []string
	if f.Currency != "" {
		switch {
		case f.Amount > 0 && f.Currency != "USD" && f.AmountUSD > 0:
			fields = append(fields, fmt.Sprintf("amount %s %s (≈ US$%s)", thousands(f.Amount), f.Currency, thousands(f.AmountUSD)))
		case f.Amount > 0:
			fields = append(fields, fmt.Sprintf("amount %s %s", thousands(f.Amount), f.Currency))
		default:
			fields = append(fields, "amount undisclosed ("+f.Currency+")")
		}
	}
	if f.Valuation > 0 {
		fields = append(fields, fmt.Sprintf("valuation %s %s", thousands(f.Valuation), f.Currency))
	}
	for _, kv := range [][2]string{{"round", f.Round}, {"acquirer", f.Acquirer}, {"target", f.Target}, {"model", f.Model}, {"parameters", f.Parameters}} {
		if kv[1] != "" {
			fields = append(fields, kv[0]+" "+kv[1])
		}
	}
	if f.OpenWeights {
		fields = append(fields, "open weights")
	}
	if len(f.LeadInvestors) > 0 {
		fields = append(fields, "lead "+strings.Join(f.LeadInvestors, ", "))
	}
	if len(f.Investors) > 0 {
		fields = append(fields, "investors "+strings.Join(f.Investors, ", "))
	}
	if len(fields) > 0 {
		fmt.Fprintf(w, "fields:  %s\n", strings.Join(fields, "; "))
	}
	fmt.Fprintln(w, "\ntrail:")
	for _, d := range t.Trail {
		fmt.Fprintf(w, "  %-16s %-22s %s\n", d.What, d.Value, d.Rule)
		for _, ev := range d.Evidence {
			if ev.Text == "" {
				continue
			}
			fmt.Fprintf(w, "  %-16s %-22s   %s[%d:%d] %q\n", "", "", ev.Part, ev.Start, ev.End, ev.Text)
		}
	}
	fmt.Fprintf(w, "\nclassifier %s\n", t.Version)
}

func cmdEval(ctx context.Context, e *env, args []string) error {
	d := newDataCmd(e, "eval")
	asJSON := d.jsonFlag("print the scores as one JSON object")
	showErrors := d.Bool("errors", false, "list every miss with the explanation trail (with --split: the misses of half a only)")
	split := d.Bool("split", false, "score each file's two fixed halves (by a hash of the ID) side by side, with the gap between them")
	half := d.String("half", "", "score only half `a` or b of each file")
	noLearn := d.Bool("no-learn", false, "classify each item alone: learn no companies from the items before it")
	if err := parse(d.FlagSet, args); err != nil {
		return err
	}
	if d.NArg() == 0 {
		return usageError{"eval needs at least one FILE.jsonl"}
	}
	if *half != "" && *half != "a" && *half != "b" {
		return usageError{fmt.Sprintf("--half is a or b, not %q", *half)}
	}
	if *half != "" && *split {
		return usageError{"--half and --split do not go together"}
	}
	if err := d.load(); err != nil {
		return err
	}
	cls, err := newClassifier(d.cfg)
	if err != nil {
		return err
	}
	type set struct {
		name  string
		items []eval.Item
	}
	var sets []set
	var items, all []eval.Item
	for _, name := range d.Args() {
		f, err := os.Open(name)
		if err != nil {
			return err
		}
		its, err := eval.ReadItems(f, name)
		f.Close()
		if err != nil {
			return err
		}
		all = append(all, its...)
		if *half != "" {
			a, b := eval.SplitHalves(its)
			its = a
			if *half == "b" {
				its = b
			}
		}
		sets = append(sets, set{name, its})
		items = append(items, its...)
	}
	// The files are one stream: every item is classified in date order,
	// learning from the ones before, whichever half is scored.
	preds, learned, err := eval.Predict(cls, all, !*noLearn)
	if err != nil {
		return err
	}
	byID := make(map[string]news.Tags, len(all))
	for i, it := range all {
		byID[it.ID] = preds[i]
	}
	score := func(its []eval.Item) *eval.Report {
		ps := make([]news.Tags, len(its))
		for i, it := range its {
			ps[i] = byID[it.ID]
		}
		return eval.Score(its, ps)
	}
	if *split {
		type halves struct {
			A *eval.Report `json:"a"`
			B *eval.Report `json:"b"`
		}
		out := map[string]halves{}
		var misses []*eval.Report
		if len(sets) > 1 {
			sets = append(sets, set{"all", items})
		}
		for i, s := range sets {
			a, b := eval.SplitHalves(s.items)
			ra, rb := score(a), score(b)
			out[s.name] = halves{ra, rb}
			if *asJSON {
				continue
			}
			if i > 0 {
				fmt.Fprintln(e.stdout)
			}
			eval.WriteSplit(e.stdout, s.name, ra, rb)
			if s.name != "all" || len(sets) == 1 {
				misses = append(misses, ra)
			}
		}
		if *asJSON {
			return printJSON(e.stdout, out)
		}
		if *showErrors {
			fmt.Fprintln(e.stdout, "\nmisses of half a:")
			for _, r := range misses {
				r.WriteMisses(e.stdout)
			}
		}
		return nil
	}
	rep := score(items)
	if *asJSON {
		return printJSON(e.stdout, rep)
	}
	rep.WriteText(e.stdout)
	if learned > 0 {
		fmt.Fprintf(e.stdout, "\n%d companies learnt from the items before the ones that name them (--no-learn: none)\n", learned)
	}
	if *showErrors {
		fmt.Fprintln(e.stdout, "\nmisses:")
		rep.WriteMisses(e.stdout)
	}
	return nil
}

func cmdRun(ctx context.Context, e *env, args []string) error {
	d := newDataCmd(e, "run")
	listen := d.String("listen", "", "address of the web UI and API; overrides listen in the config")
	if err := d.parse(args); err != nil {
		return err
	}
	cfg := d.cfg
	if *listen != "" {
		cfg.Listen = *listen
	}
	return serve(ctx, &Main{Config: cfg, Logger: d.log, Schedule: cfg.Schedule})
}

// webKeys are the unsubscribe keys the web server checks; nil when digests
// are not configured.
func webKeys(cfg *config.Config) *digest.Keys {
	if cfg.Digest.Secret == "" {
		return nil
	}
	return digest.KeysFor(cfg.Digest)
}
