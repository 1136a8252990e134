package web

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/aitracker/aitracker/news"
	"github.com/aitracker/aitracker/query"
	"github.com/aitracker/aitracker/store"
	"github.com/aitracker/aitracker/web/api"
)

// apiEvents is GET /api/events: the events that the filters select, with
// the parameters and JSON of `aitracker events --json`.
func (s *Server) apiEvents(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	if q.Get("limit") == "" {
		q.Set("limit", "50")
	}
	f, err := query.EventFilter(func(n string) []string { return q[n] }, s.now().UTC(), s.resolve)
	if err != nil {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": err.Error()})
		return
	}
	if f.Limit > 1000 {
		f.Limit = 1000
	}
	evs, err := s.Store.Events(r.Context(), f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"events": api.Events(evs)})
}

// apiEvent is GET /api/events/{id}: one event with the provenance of
// every field and all its reports.
func (s *Server) apiEvent(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": "the event ID must be a number"})
		return
	}
	e, err := s.Store.Event(r.Context(), id)
	if errors.Is(err, store.ErrNotFound) {
		writeJSON(w, http.StatusNotFound, map[string]string{"error": "no event " + strconv.FormatInt(id, 10)})
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, api.EventDetail(e))
}

// apiCompanies is GET /api/companies: companies by number of events, with
// their disclosed funding and last round.
func (s *Server) apiCompanies(w http.ResponseWriter, r *http.Request) {
	limit := 100
	if v := r.URL.Query().Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			writeJSON(w, http.StatusBadRequest, map[string]string{"error": "limit: want a non-negative number"})
			return
		}
		limit = min(n, 1000)
	}
	cs, err := s.Store.Companies(r.Context(), "", limit)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"companies": cs})
}

func (s *Server) resolve(name string) string {
	if s.Resolve != nil {
		return s.Resolve(name)
	}
	return name
}

// fail answers 500 for an error that is not the user's, and logs it.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	s.Logger.Error("request failed", "path", logPath(r), "err", err)
	writeJSON(w, http.StatusInternalServerError, map[string]string{"error": "internal error"})
}

// fieldRow is one line of the event page's field table.
type fieldRow struct {
	Name, Value, Sentence, Rule string
	Article                     int64
	Alternatives                []news.Alternative
}

// eventOrder lists the fields in the order the page shows them.
var eventOrder = []string{"primary_company", "amount", "round", "valuation", "lead_investors", "investors", "acquirer", "target",
	"model", "parameters", "status", "layer", "date"}

// eventPage is GET /events/{id}: every field with the sentence and report
// it came from, and all the reports.
func (s *Server) eventPage(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	var e news.Event
	if err == nil {
		e, err = s.Store.Event(r.Context(), id)
	}
	if err != nil {
		if !errors.Is(err, store.ErrNotFound) && !errors.Is(err, strconv.ErrSyntax) && !errors.Is(err, strconv.ErrRange) {
			s.Logger.Error("event page", "path", logPath(r), "err", err)
		}
		s.notFound(w, r)
		return
	}
	var rows []fieldRow
	for _, name := range eventOrder {
		p, ok := e.Provenance[name]
		if !ok {
			continue
		}
		rows = append(rows, fieldRow{Name: strings.ReplaceAll(name, "_", " "), Value: p.Value, Sentence: p.Sentence, Rule: p.Rule,
			Article: p.ArticleID, Alternatives: p.Alternatives})
	}
	// The classifier's trail of each report: why it was tagged so.
	trails := map[int64][]string{}
	if arts, err := s.Store.Articles(r.Context(), e.ArticleIDs()); err == nil {
		for _, a := range arts {
			for _, d := range a.Tags.Trail {
				line := d.What + " " + d.Value + ": " + d.Rule
				for _, sp := range d.Evidence {
					line += " [" + sp.Part + " “" + sp.Text + "”]"
				}
				trails[a.ID] = append(trails[a.ID], line)
			}
		}
	}
	title := e.PrimaryCompany
	if title == "" {
		title = "Event " + strconv.FormatInt(e.ID, 10)
	}
	title += " — " + strings.ReplaceAll(string(e.Type), "_", " ")
	s.render(w, http.StatusOK, "event.html", map[string]any{"Title": title, "Event": e, "Fields": rows, "Version": s.Version, "Trails": trails,
		"Feeds": pageFeeds("/events/"+strconv.FormatInt(e.ID, 10)+"/feed", "")})
}
