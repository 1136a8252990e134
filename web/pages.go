package web

import (
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/aitracker/aitracker/config"
	"github.com/aitracker/aitracker/index"
	moneyfmt "github.com/aitracker/aitracker/internal/money"
	"github.com/aitracker/aitracker/news"
	"github.com/aitracker/aitracker/query"
	"github.com/aitracker/aitracker/store"
	"github.com/aitracker/aitracker/web/api"
)

// company returns the taxonomy's entry for a canonical name.
func (s *Server) company(name string) (config.Company, bool) {
	if s.Taxonomy == nil {
		return config.Company{}, false
	}
	for _, c := range s.Taxonomy.Companies {
		if strings.EqualFold(c.Name, name) {
			return c, true
		}
	}
	return config.Company{}, false
}

// eventsPage is GET /events: the events the filters select, newest first,
// with the filters of GET /api/events.
func (s *Server) eventsPage(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	if q.Get("since") == "" && q.Get("until") == "" {
		q.Set("since", "30d")
	}
	if q.Get("limit") == "" {
		q.Set("limit", "100")
	}
	data := map[string]any{"Title": "Events", "Version": s.Version, "Since": q.Get("since"), "Type": q.Get("type"),
		"Layer": q.Get("layer"), "Types": news.EventTypes, "Layers": news.Layers[:4],
		"Feeds": pageFeeds("/events/feed", feedQuery(r.URL.Query()))}
	f, err := query.EventFilter(func(n string) []string { return q[n] }, s.now().UTC(), s.resolve)
	if err != nil {
		data["Error"] = err.Error()
		s.render(w, http.StatusBadRequest, "events.html", data)
		return
	}
	f.Limit = min(f.Limit, 500)
	evs, err := s.Store.Events(r.Context(), f)
	if err != nil {
		s.failPage(w, r, err)
		return
	}
	data["Events"] = evRows(evs)
	s.render(w, http.StatusOK, "events.html", data)
}

// evRow is one line of an events table.
type evRow struct {
	ID                                        int64
	Title, Date, Type, Company, Layer, Status string
	Round, Amount, AmountUSD, Detail          string
	Sources                                   int
}

func evRows(evs []news.Event) []evRow {
	out := make([]evRow, 0, len(evs))
	for _, e := range evs {
		f := e.Fields
		r := evRow{ID: e.ID, Date: humanDate(e.Date), Type: label(e.Type), Company: e.PrimaryCompany,
			Layer: label(e.Layer), Status: string(e.Status), Sources: e.Sources}
		if f.Round != "" {
			r.Round = label(f.Round)
		}
		if f.Amount > 0 {
			r.Amount = currencySign(f.Currency, money(f.Amount))
			if f.Currency != "USD" && f.AmountUSD > 0 {
				r.AmountUSD = "$" + money(f.AmountUSD)
			}
		}
		r.Title = eventTitle(e, r.Amount)
		switch e.Type {
		case news.EventFunding:
			r.Detail = strings.Join(f.LeadInvestors, ", ")
		case news.EventAcquisition:
			r.Detail = strings.TrimSpace(strings.TrimPrefix(f.Acquirer+" → "+f.Target, " → "))
		case news.EventModelRelease:
			r.Detail = strings.TrimSpace(f.Model + " " + f.Parameters)
		}
		out = append(out, r)
	}
	return out
}

// eventTitle names an event in a line: "Zhipu AI raises ¥1B (Series B)",
// "Beta acquires Gamma", "Acme releases Lumen-3", "Acme: Partnership".
func eventTitle(e news.Event, amount string) string {
	f, who := e.Fields, e.PrimaryCompany
	if who == "" {
		who = "Event " + strconv.FormatInt(e.ID, 10)
	}
	switch e.Type {
	case news.EventFunding:
		t := who + " raises"
		if amount != "" {
			t += " " + amount
		} else {
			t += " funding"
		}
		if f.Round != "" && f.Round != "unknown" {
			t += " (" + label(f.Round) + ")"
		}
		return t
	case news.EventAcquisition:
		if f.Acquirer != "" && f.Target != "" {
			return f.Acquirer + " acquires " + f.Target
		}
	case news.EventModelRelease:
		if f.Model != "" {
			return who + " releases " + f.Model
		}
	}
	return who + ": " + label(e.Type)
}

// money writes a sum with K, M or B, as the digest and the command do.
func money(v float64) string { return moneyfmt.Short(v) }

// companiesPage is GET /companies: companies by number of events.
func (s *Server) companiesPage(w http.ResponseWriter, r *http.Request) {
	cs, err := s.Store.Companies(r.Context(), "", 200)
	if err != nil {
		s.failPage(w, r, err)
		return
	}
	s.render(w, http.StatusOK, "companies.html", map[string]any{"Title": "Companies", "Version": s.Version, "Companies": cs})
}

// companyView is the company page and GET /api/companies/{name}.
type companyView struct {
	Name      string                `json:"name"`
	Known     bool                  `json:"in_taxonomy"`
	Layers    []news.Layer          `json:"layers"`
	Region    string                `json:"region,omitempty"`
	Domain    string                `json:"domain,omitempty"`
	Parent    string                `json:"parent,omitempty"`
	Aliases   []string              `json:"aliases"`
	Summary   *store.CompanySummary `json:"-"`
	Rounds    []api.Event           `json:"-"`
	Events    []api.Event           `json:"-"`
	Articles  []index.Hit           `json:"-"`
	rows      []evRow
	roundRows []evRow
}

func (s *Server) companyData(r *http.Request, name string) (*companyView, error) {
	name = s.resolve(name)
	v := &companyView{Name: name, Aliases: []string{}, Layers: []news.Layer{}}
	if c, ok := s.company(name); ok {
		v.Name, v.Known, v.Layers, v.Region, v.Domain, v.Parent = c.Name, true, c.Layers, c.Region, c.Domain, c.Parent
		v.Aliases = append(append(v.Aliases, c.Aliases...), c.Ambiguous...)
		slices.Sort(v.Aliases)
		v.Aliases = slices.Compact(v.Aliases)
	}
	cs, err := s.Store.Companies(r.Context(), v.Name, 1)
	if err != nil {
		return nil, err
	}
	if len(cs) > 0 {
		v.Summary = &cs[0]
		v.Name = cs[0].Name
	}
	evs, err := s.Store.Events(r.Context(), store.EventFilter{Companies: []string{v.Name}, Limit: 500})
	if err != nil {
		return nil, err
	}
	v.Events, v.Rounds = []api.Event{}, []api.Event{}
	// The page shows each event once: its own rounds in one table, the
	// rest in the timeline.
	var rounds, others []news.Event
	for _, e := range evs {
		v.Events = append(v.Events, api.EventOf(e))
		if e.Type == news.EventFunding && strings.EqualFold(e.PrimaryCompany, v.Name) {
			v.Rounds = append(v.Rounds, api.EventOf(e))
			rounds = append(rounds, e)
		} else {
			others = append(others, e)
		}
	}
	v.rows, v.roundRows = evRows(others), evRows(rounds)
	// The page's own name is not repeated in every row.
	for _, rows := range [][]evRow{v.rows, v.roundRows} {
		for i := range rows {
			if strings.EqualFold(rows[i].Company, v.Name) {
				rows[i].Company = ""
			}
		}
	}
	if s.Index != nil {
		res, err := s.search(r.Context(), index.Request{Query: withFilter("", "company", v.Name), Sort: "date", Limit: 10, Collapse: true})
		if err == nil {
			v.Articles = res.Hits
		}
	}
	if v.Articles == nil {
		v.Articles = []index.Hit{}
	}
	if !v.Known && v.Summary == nil {
		return v, store.ErrNotFound
	}
	return v, nil
}

// companyPage is GET /companies/{name}.
func (s *Server) companyPage(w http.ResponseWriter, r *http.Request) {
	v, err := s.companyData(r, r.PathValue("name"))
	if errors.Is(err, store.ErrNotFound) {
		s.notFound(w, r)
		return
	}
	if err != nil {
		s.failPage(w, r, err)
		return
	}
	s.render(w, http.StatusOK, "company.html", map[string]any{"Title": v.Name, "Version": s.Version, "C": v,
		"Rows": v.rows, "Rounds": v.roundRows, "Search": "/?" + url.Values{"q": {withFilter("", "company", v.Name)}}.Encode(),
		"Feeds": pageFeeds("/events/feed", url.Values{"company": {v.Name}}.Encode())})
}

// apiCompanyView is GET /api/companies/{name}: the aggregates ("company",
// as aitracker companies NAME --json prints them), the event timeline, and
// the company page's profile, rounds and latest articles.
func (s *Server) apiCompanyView(w http.ResponseWriter, r *http.Request) {
	v, err := s.companyData(r, r.PathValue("name"))
	if errors.Is(err, store.ErrNotFound) {
		writeJSON(w, http.StatusNotFound, map[string]string{"error": "no events of a company named " + strconv.Quote(v.Name)})
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"company": v.Summary, "events": v.Events, "profile": v,
		"rounds": v.Rounds, "latest_articles": v.Articles})
}

// window reads the map's and charts' window: 30d, 90d (default) or 1y.
func window(r *http.Request, now time.Time) (string, time.Time) {
	w := r.URL.Query().Get("window")
	now = now.UTC()
	switch w {
	case "30d":
		return w, now.AddDate(0, 0, -30)
	case "1y":
		return w, now.AddDate(-1, 0, 0)
	}
	return "90d", now.AddDate(0, 0, -90)
}

// mapLayer is one column of the industry map.
type mapLayer struct {
	Layer     news.Layer             `json:"layer"`
	Title     string                 `json:"title"`
	Companies []store.CompanySummary `json:"companies"`
}

func (s *Server) mapData(r *http.Request) (string, string, []mapLayer, error) {
	win, since := window(r, s.now())
	region := strings.ToUpper(strings.TrimSpace(r.URL.Query().Get("region")))
	active, err := s.Store.Active(r.Context(), since, 2000)
	if err != nil {
		return win, region, nil, err
	}
	titles := map[news.Layer]string{news.LayerInfrastructure: "Infrastructure", news.LayerModel: "Models",
		news.LayerMiddleware: "Middleware", news.LayerApplication: "Applications"}
	var out []mapLayer
	for _, l := range news.Layers[:4] {
		ml := mapLayer{Layer: l, Title: titles[l], Companies: []store.CompanySummary{}}
		for _, c := range active {
			if c.Layer != l || len(ml.Companies) == 12 {
				continue
			}
			if region != "" {
				if tc, ok := s.company(c.Name); !ok || !strings.EqualFold(tc.Region, region) {
					continue
				}
			}
			ml.Companies = append(ml.Companies, c)
		}
		out = append(out, ml)
	}
	return win, region, out, nil
}

// mapPage is GET /map?window=90d&region=CN: the four layers, the most
// active companies in each with event counts and disclosed funding.
func (s *Server) mapPage(w http.ResponseWriter, r *http.Request) {
	win, region, layers, err := s.mapData(r)
	if err != nil {
		s.failPage(w, r, err)
		return
	}
	regions := []string{""}
	if s.Taxonomy != nil {
		seen := map[string]bool{}
		for _, c := range s.Taxonomy.Companies {
			if r := strings.ToUpper(c.Region); r != "" && !seen[r] {
				seen[r] = true
				regions = append(regions, r)
			}
		}
		slices.Sort(regions[1:])
	}
	s.render(w, http.StatusOK, "map.html", map[string]any{"Title": "Industry map", "Version": s.Version, "Window": win,
		"Region": region, "Regions": regions, "Windows": []string{"30d", "90d", "1y"}, "Layers": layers})
}

// apiMap is GET /api/map: the map's data.
func (s *Server) apiMap(w http.ResponseWriter, r *http.Request) {
	win, region, layers, err := s.mapData(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"window": win, "region": region, "layers": layers})
}

// sourcesPage is GET /sources: the health of every source, flagged first.
func (s *Server) sourcesPage(w http.ResponseWriter, r *http.Request) {
	list, err := s.sourceRows(r)
	if err != nil {
		s.failPage(w, r, err)
		return
	}
	s.render(w, http.StatusOK, "sources.html", map[string]any{"Title": "Sources", "Version": s.Version, "Sources": list})
}

// SourceRow is a source's health, as the sources page and API show it.
type SourceRow struct {
	Name                string    `json:"name"`
	URL                 string    `json:"url"`
	Status              string    `json:"status"`
	Flagged             bool      `json:"flagged"`
	LastSuccess         time.Time `json:"last_success,omitzero"`
	ConsecutiveFailures int       `json:"consecutive_failures"`
	LastError           string    `json:"last_error"`
	New7d               int       `json:"new_7d"`
	Articles            int       `json:"articles"`
	NotModifiedPercent  int       `json:"not_modified_percent"`
	// ErrorKind is "transient" (tried again soon) or "permanent" (tried
	// again after a longer wait) while the source is failing, and
	// NextCheck when it is tried again.
	ErrorKind string    `json:"error_kind,omitempty"`
	NextCheck time.Time `json:"next_check,omitzero"`
	// LastErrorPlain is the failure in plain words, shown before
	// LastError, which stays as it happened.
	LastErrorPlain string `json:"last_error_plain,omitempty"`
}

func (s *Server) sourceRows(r *http.Request) ([]SourceRow, error) {
	srcs, err := s.Store.Sources(r.Context())
	if err != nil {
		return nil, err
	}
	var out []SourceRow
	for _, src := range srcs {
		if !src.Enabled {
			continue
		}
		row := SourceRow{Name: src.Name, URL: src.URL, Flagged: src.Flagged(), LastSuccess: src.LastSuccessAt,
			ConsecutiveFailures: src.ConsecutiveFailures, LastError: src.LastError, New7d: src.New7d, Articles: src.ArticleCount}
		if src.ConsecutiveFailures > 0 {
			row.ErrorKind, row.NextCheck, row.LastErrorPlain = src.LastErrorKind, src.NextCheckAt, src.LastErrorPlain
		}
		if src.Fetches > 0 {
			row.NotModifiedPercent = 100 * src.NotModified / src.Fetches
		}
		switch {
		case src.Flagged():
			row.Status = "flagged"
		case src.ConsecutiveFailures > 0:
			row.Status = "failing"
		case src.LastAttemptAt.IsZero():
			row.Status = "not fetched yet"
		default:
			row.Status = "ok"
		}
		out = append(out, row)
	}
	slices.SortStableFunc(out, func(a, b SourceRow) int {
		if a.Flagged != b.Flagged {
			if a.Flagged {
				return -1
			}
			return 1
		}
		return b.ConsecutiveFailures - a.ConsecutiveFailures
	})
	return out, nil
}

// apiSources is GET /api/sources.
func (s *Server) apiSources(w http.ResponseWriter, r *http.Request) {
	list, err := s.sourceRows(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if list == nil {
		list = []SourceRow{}
	}
	writeJSON(w, http.StatusOK, map[string]any{"sources": list})
}

// failPage answers 500 with the error page; details go to the log.
func (s *Server) failPage(w http.ResponseWriter, r *http.Request, err error) {
	s.Logger.Error("page failed", "path", logPath(r), "err", err)
	s.render(w, http.StatusInternalServerError, "error.html", map[string]any{
		"Title": "Something went wrong", "Message": "The page could not be made; the error is in the server's log.", "Version": s.Version})
}

// apiAddSource is POST /api/sources (admin): add a feed, {"name", "url",
// "lang"}, as "aitracker sources import" does; the next pass reads it.
func (s *Server) apiAddSource(w http.ResponseWriter, r *http.Request) {
	var req struct {
		Name string `json:"name"`
		URL  string `json:"url"`
		Lang string `json:"lang"`
	}
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": "want a JSON object with name, url and lang: " + err.Error()})
		return
	}
	req.Name = strings.TrimSpace(req.Name)
	if req.Name == "" {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": "name: must not be empty"})
		return
	}
	if err := config.CheckSourceURL(req.URL); err != nil {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": "url: " + err.Error()})
		return
	}
	if req.Lang != "" && req.Lang != "en" && req.Lang != "zh" {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": "lang: want en, zh or nothing"})
		return
	}
	n, err := s.Store.ImportSources(r.Context(), []news.Source{{Name: req.Name, URL: req.URL, Lang: req.Lang, Kind: news.KindFeed}}, "api")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if n == 0 {
		writeJSON(w, http.StatusConflict, map[string]string{"error": "a source with this URL exists"})
		return
	}
	writeJSON(w, http.StatusCreated, req)
}

// feedQuery is the events page's query as its feed takes it: the filters
// without the paging.
func feedQuery(q url.Values) string {
	f := url.Values{}
	for k, v := range q {
		if k != "offset" && k != "limit" && k != "oldest" {
			f[k] = v
		}
	}
	return f.Encode()
}
