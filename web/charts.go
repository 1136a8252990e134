package web

import (
	"bytes"
	"fmt"
	"image/color"
	"net/http"
	"time"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/aitracker/aitracker/news"
	"github.com/aitracker/aitracker/store"
)

// chartWindow reads the charts' window: 90d, 1y (default) or 2y.
func chartWindow(r *http.Request, now time.Time) (string, time.Time) {
	now = now.UTC()
	first := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, time.UTC)
	switch w := r.URL.Query().Get("window"); w {
	case "90d":
		return w, first.AddDate(0, -2, 0)
	case "2y":
		return w, first.AddDate(0, -23, 0)
	}
	return "1y", first.AddDate(0, -11, 0)
}

// months lists the months from since to now: "2026-01" …
func months(since, now time.Time) []string {
	var out []string
	now = now.UTC()
	for m := since; !m.After(now); m = m.AddDate(0, 1, 0) {
		out = append(out, m.Format("2006-01"))
	}
	return out
}

// chartsPage is GET /charts: funding by month and layer, events by type
// and month, drawn on the server as SVG.
func (s *Server) chartsPage(w http.ResponseWriter, r *http.Request) {
	win, _ := chartWindow(r, s.now())
	s.render(w, http.StatusOK, "charts.html", map[string]any{"Title": "Charts", "Version": s.Version, "Window": win,
		"Windows": []string{"90d", "1y", "2y"}})
}

// apiCharts is GET /api/charts: the charts' numbers.
func (s *Server) apiCharts(w http.ResponseWriter, r *http.Request) {
	win, since := chartWindow(r, s.now())
	funding, err := s.Store.Monthly(r.Context(), since, "layer", news.EventFunding)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	evs, err := s.Store.Monthly(r.Context(), since, "type")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if funding == nil {
		funding = []store.MonthCount{}
	}
	if evs == nil {
		evs = []store.MonthCount{}
	}
	writeJSON(w, http.StatusOK, map[string]any{"window": win, "months": months(since, s.now()),
		"funding_by_layer": funding, "events_by_type": evs, "currency_note": "USD at each year's average exchange rate"})
}

// Colours per layer and event type, readable on white and for the
// colour-blind (Okabe–Ito).
var palette = []color.RGBA{
	{0, 114, 178, 255}, {230, 159, 0, 255}, {0, 158, 115, 255}, {204, 121, 167, 255},
	{86, 180, 233, 255}, {213, 94, 0, 255}, {240, 228, 66, 255}, {0, 0, 0, 255},
}

// fundingChart is GET /charts/funding.svg: disclosed funding per month,
// stacked by layer, in millions of USD.
func (s *Server) fundingChart(w http.ResponseWriter, r *http.Request) {
	p, rows, ms, pos, ok := s.chart(w, r, "layer", "Disclosed funding by month and layer", "USD, millions", news.EventFunding)
	if !ok {
		return
	}
	var below *plotter.BarChart
	for i, l := range news.Layers[:4] {
		vals := make(plotter.Values, len(ms))
		for _, row := range rows {
			if row.Key == string(l) {
				if j, ok := pos[row.Month]; ok {
					vals[j] += row.AmountUSD / 1e6
				}
			}
		}
		bars, err := plotter.NewBarChart(vals, vg.Points(barWidth(len(ms))))
		if err != nil {
			s.fail(w, r, err)
			return
		}
		bars.Color = palette[i]
		bars.LineStyle.Width = 0
		if below != nil {
			bars.StackOn(below)
		}
		below = bars
		p.Add(bars)
		p.Legend.Add(string(l), bars)
	}
	p.NominalX(shortMonths(ms)...)
	p.Add(plotter.NewGrid())
	writeSVG(w, r, s, p)
}

// eventsChart is GET /charts/events.svg: events per month, a line per type.
func (s *Server) eventsChart(w http.ResponseWriter, r *http.Request) {
	p, rows, ms, pos, ok := s.chart(w, r, "type", "Events by type and month", "events")
	if !ok {
		return
	}
	for i, t := range []news.EventType{news.EventFunding, news.EventAcquisition, news.EventModelRelease, news.EventProductLaunch,
		news.EventPartnership, news.EventIPO, news.EventLayoffs, news.EventRegulation} {
		xys := make(plotter.XYs, len(ms))
		total := 0
		for j := range ms {
			xys[j].X = float64(j)
		}
		for _, row := range rows {
			if row.Key == string(t) {
				if j, ok := pos[row.Month]; ok {
					xys[j].Y += float64(row.Events)
					total += row.Events
				}
			}
		}
		if total == 0 {
			continue
		}
		line, points, err := plotter.NewLinePoints(xys)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		line.Color, points.Color = palette[i], palette[i]
		line.Width = vg.Points(1.5)
		points.Shape = draw.CircleGlyph{}
		p.Add(line, points)
		p.Legend.Add(string(t), line, points)
	}
	p.NominalX(shortMonths(ms)...)
	p.Add(plotter.NewGrid())
	writeSVG(w, r, s, p)
}

// chart reads the window's monthly numbers and starts a plot: the rows,
// the months and each month's position on the x axis.
func (s *Server) chart(w http.ResponseWriter, r *http.Request, by, title, ylabel string, types ...news.EventType) (
	p *plot.Plot, rows []store.MonthCount, ms []string, pos map[string]int, ok bool) {
	_, since := chartWindow(r, s.now())
	rows, err := s.Store.Monthly(r.Context(), since, by, types...)
	if err != nil {
		s.fail(w, r, err)
		return nil, nil, nil, nil, false
	}
	ms = months(since, s.now())
	pos = map[string]int{}
	for i, m := range ms {
		pos[m] = i
	}
	p = plot.New()
	p.Title.Text = title
	p.Y.Label.Text = ylabel
	p.Y.Min = 0
	p.Legend.Top = true
	p.Legend.Left = true
	return p, rows, ms, pos, true
}

func barWidth(n int) float64 {
	return max(4, min(28, 480/float64(max(n, 1))))
}

// shortMonths labels months "Jan 26".
func shortMonths(ms []string) []string {
	out := make([]string, len(ms))
	for i, m := range ms {
		t, err := time.Parse("2006-01", m)
		if err != nil {
			out[i] = m
			continue
		}
		out[i] = t.Format("Jan 06")
	}
	return out
}

func writeSVG(w http.ResponseWriter, r *http.Request, s *Server, p *plot.Plot) {
	var buf bytes.Buffer
	wt, err := p.WriterTo(8*vg.Inch, 4*vg.Inch, "svg")
	if err == nil {
		_, err = wt.WriteTo(&buf)
	}
	if err != nil {
		s.fail(w, r, fmt.Errorf("draw chart: %w", err))
		return
	}
	w.Header().Set("Content-Type", "image/svg+xml")
	// An SVG opened on its own must not run anything.
	w.Header().Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; sandbox")
	w.Header().Set("Cache-Control", "max-age=300")
	w.Write(buf.Bytes())
}
