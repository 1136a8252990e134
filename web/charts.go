package web

import (
	"bytes"
	"fmt"
	"image/color"
	"io"
	"math"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgsvg"

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
// Each chart's numbers stand beside it as a table, for screen readers and
// for whoever wants the figures.
func (s *Server) chartsPage(w http.ResponseWriter, r *http.Request) {
	win, _ := chartWindow(r, s.now())
	funding, err := s.fundingData(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	evs, err := s.eventsData(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, http.StatusOK, "charts.html", map[string]any{"Title": "Charts", "Version": s.Version, "Window": win,
		"Windows": []string{"90d", "1y", "2y"}, "Charts": []chartView{
			{Name: "funding", Title: "Disclosed funding by month and layer", Data: funding,
				Alt:  "Disclosed funding in USD millions by month, stacked by layer",
				Hint: "Amounts in USD millions, converted at each year's average exchange rate; rounds with undisclosed amounts count as zero."},
			{Name: "events", Title: "Events by type and month", Data: evs, Alt: "Number of events by type and month"},
		}})
}

// chartView is one chart on the charts page with its table.
type chartView struct {
	Name, Title, Alt, Hint string
	Data                   chartData
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

// chartTypes are the event types the events chart draws, in legend order.
var chartTypes = []news.EventType{news.EventFunding, news.EventAcquisition, news.EventModelRelease,
	news.EventProductLaunch, news.EventPartnership, news.EventIPO, news.EventLayoffs, news.EventRegulation}

// chartSeries is one layer's or one type's value per month.
type chartSeries struct {
	Label  string
	Color  int // index in palette
	Values []float64
}

// chartData is what a chart draws and its table shows: the months from
// the first one with something in it (one earlier for context, three at
// least) to the current one, so that a window of empty months does not
// crowd out the months that have news.
type chartData struct {
	Months []string // "Nov 2026"
	Series []chartSeries
	Unit   string // the y axis: "$ millions", "events"
	Money  bool
}

// Empty reports whether the window holds nothing to draw.
func (d chartData) Empty() bool { return len(d.Series) == 0 }

// Rows is the table beside the chart: one row per month, one cell per
// series, then the month's total.
func (d chartData) Rows() []chartRow {
	rows := make([]chartRow, len(d.Months))
	for j, m := range d.Months {
		rows[j].Month = m
		var total float64
		for _, se := range d.Series {
			rows[j].Cells = append(rows[j].Cells, chartCell{se.Label, d.format(se.Values[j]), se.Values[j] == 0})
			total += se.Values[j]
		}
		rows[j].Total = d.format(total)
	}
	return rows
}

// format writes a value as the table shows it: "$1,250M", "12".
func (d chartData) format(v float64) string {
	n := thousands(int64(math.Round(v)))
	if d.Money {
		if v > 0 && v < 0.5 {
			return "<$1M"
		}
		return "$" + n + "M"
	}
	return n
}

type chartRow struct {
	Month string
	Cells []chartCell
	Total string
}

type chartCell struct {
	Label, Value string
	Zero         bool // left out of a phone's card
}

// fundingData is disclosed funding per month and layer, in millions of USD.
func (s *Server) fundingData(r *http.Request) (chartData, error) {
	_, since := chartWindow(r, s.now())
	rows, err := s.Store.Monthly(r.Context(), since, "layer", news.EventFunding)
	if err != nil {
		return chartData{}, err
	}
	ms := months(since, s.now())
	var series []chartSeries
	for i, l := range news.Layers[:4] {
		series = append(series, chartSeries{Label: label(l), Color: i,
			Values: monthValues(rows, ms, string(l), func(c store.MonthCount) float64 { return c.AmountUSD / 1e6 })})
	}
	return trimChart(chartData{Months: ms, Series: series, Unit: "$ millions", Money: true}), nil
}

// eventsData is the number of events per month and type; types without
// an event in the window are left out.
func (s *Server) eventsData(r *http.Request) (chartData, error) {
	_, since := chartWindow(r, s.now())
	rows, err := s.Store.Monthly(r.Context(), since, "type")
	if err != nil {
		return chartData{}, err
	}
	ms := months(since, s.now())
	var series []chartSeries
	for i, t := range chartTypes {
		series = append(series, chartSeries{Label: label(t), Color: i,
			Values: monthValues(rows, ms, string(t), func(c store.MonthCount) float64 { return float64(c.Events) })})
	}
	return trimChart(chartData{Months: ms, Series: series, Unit: "events"}), nil
}

// monthValues sums one key's rows into the months ms ("2006-01").
func monthValues(rows []store.MonthCount, ms []string, key string, value func(store.MonthCount) float64) []float64 {
	pos := make(map[string]int, len(ms))
	for i, m := range ms {
		pos[m] = i
	}
	out := make([]float64, len(ms))
	for _, row := range rows {
		if j, ok := pos[row.Month]; ok && row.Key == key {
			out[j] += value(row)
		}
	}
	return out
}

// trimChart drops the series that are zero all through, then the empty
// months before the first one with news but one, keeping three months at
// least, and names the months as a person reads them ("Nov 2026").
func trimChart(d chartData) chartData {
	first := len(d.Months)
	var kept []chartSeries
	for _, se := range d.Series {
		for j, v := range se.Values {
			if v > 0 {
				first = min(first, j)
			}
		}
		if slices.ContainsFunc(se.Values, func(v float64) bool { return v > 0 }) {
			kept = append(kept, se)
		}
	}
	d.Series = kept
	start := max(0, min(first-1, len(d.Months)-3))
	d.Months = d.Months[start:]
	for i := range d.Series {
		d.Series[i].Values = d.Series[i].Values[start:]
	}
	for i, m := range d.Months {
		if t, err := time.Parse("2006-01", m); err == nil {
			d.Months[i] = t.Format("Jan 2006")
		}
	}
	return d
}

// fundingChart is GET /charts/funding.svg: disclosed funding per month,
// stacked by layer, in millions of USD.
func (s *Server) fundingChart(w http.ResponseWriter, r *http.Request) {
	d, err := s.fundingData(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.drawChart(w, r, d, true)
}

// eventsChart is GET /charts/events.svg: events per month, a line per type.
func (s *Server) eventsChart(w http.ResponseWriter, r *http.Request) {
	d, err := s.eventsData(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.drawChart(w, r, d, false)
}

// chartFamily is the page's font stack (style.css), so that a chart's
// words read in the font of the words around it. The plot is laid out
// with Liberation Sans, whose metrics are close to the sans fonts the
// stack names; it stays last before the generic family.
const chartFamily = `font-family:system-ui,-apple-system,'Segoe UI','PingFang SC','Noto Sans CJK SC','Liberation Sans',sans-serif`

// chartSize is a chart's size in points: wide for a desktop column,
// narrow with the legend below it for a phone (?size=phone), each drawn
// at its own size so that its words stay legible where it is shown.
func chartSize(phone bool, entries int) (w, h, legend vg.Length) {
	if phone {
		legend = vg.Length(entries)*15 + 6
		return 4 * vg.Inch, 3*vg.Inch + legend, legend
	}
	return 10 * vg.Inch, 4 * vg.Inch, 1.6 * vg.Inch
}

// drawChart draws d as stacked bars (bars) or as a line per series, with
// the legend beside the plot (below it on a phone) so that it never
// covers a bar, and writes it as SVG.
func (s *Server) drawChart(w http.ResponseWriter, r *http.Request, d chartData, bars bool) {
	phone := r.URL.Query().Get("size") == "phone"
	sans := font.Font{Typeface: "Liberation", Variant: "Sans"}
	p := plot.New()
	// The plot's own legend would stand inside it, over the bars; this one
	// is drawn beside it.
	legend := plot.NewLegend()
	legend.Top, legend.Left = true, true
	legend.Padding = 3
	for _, ts := range []*text.Style{&p.X.Label.TextStyle, &p.Y.Label.TextStyle, &p.X.Tick.Label, &p.Y.Tick.Label, &legend.TextStyle} {
		ts.Font = font.From(sans, 10)
	}
	p.Y.Label.Text = d.Unit
	p.Y.Min = 0
	n := len(d.Months)
	p.X.Min, p.X.Max = -0.6, float64(n)-0.4
	p.X.Tick.Marker = monthTicks(d.Months, phone)
	p.Add(plotter.NewGrid())

	peak := 0.0
	var below *plotter.BarChart
	for j := range n {
		sum := 0.0
		for _, se := range d.Series {
			if bars {
				sum += se.Values[j]
			} else {
				sum = max(sum, se.Values[j])
			}
		}
		peak = max(peak, sum)
	}
	width, height, room := chartSize(phone, len(d.Series))
	plotWidth := width - 60
	if !phone {
		plotWidth -= room
	}
	for _, se := range d.Series {
		c := palette[se.Color%len(palette)]
		if bars {
			b, err := plotter.NewBarChart(plotter.Values(se.Values), min(28, plotWidth/vg.Length(max(n, 1))*0.7))
			if err != nil {
				s.fail(w, r, err)
				return
			}
			b.Color = c
			b.LineStyle.Width = 0
			if below != nil {
				b.StackOn(below)
			}
			below = b
			p.Add(b)
			legend.Add(se.Label, b)
			continue
		}
		xys := make(plotter.XYs, n)
		for j, v := range se.Values {
			xys[j].X, xys[j].Y = float64(j), v
		}
		line, points, err := plotter.NewLinePoints(xys)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		line.Color, points.Color = c, c
		line.Width = vg.Points(1.5)
		points.Shape = draw.CircleGlyph{}
		p.Add(line, points)
		legend.Add(se.Label, line, points)
	}
	p.Y.Max = niceCeil(peak*1.05, !d.Money)
	p.Y.Tick.Marker = valueTicks{money: d.Money}

	canvas := vgsvg.New(width, height)
	dc := draw.New(canvas)
	if phone {
		p.Draw(draw.Crop(dc, 0, 0, room, 0))
		legend.Draw(draw.Crop(dc, 40, 0, 0, -(height - room)))
	} else {
		p.Draw(draw.Crop(dc, 0, -room, 0, 0))
		legend.Draw(draw.Crop(dc, width-room+12, 0, 0, -8))
	}
	if d.Empty() {
		msg := text.Style{Font: font.From(sans, 12), Color: color.Gray{Y: 90}, XAlign: draw.XCenter, Handler: legend.TextStyle.Handler}
		at := vg.Point{X: (width - room) / 2, Y: height / 2}
		if phone {
			at = vg.Point{X: width / 2, Y: (height + room) / 2}
		}
		dc.FillText(msg, at, "Nothing in this window yet")
	}
	var buf bytes.Buffer
	if _, err := canvas.WriteTo(&buf); err != nil {
		s.fail(w, r, fmt.Errorf("draw chart: %w", err))
		return
	}
	out := strings.ReplaceAll(buf.String(), "font-family:Liberation Sans", chartFamily)
	w.Header().Set("Content-Type", "image/svg+xml")
	// An SVG opened on its own must not run anything.
	w.Header().Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; sandbox")
	w.Header().Set("Cache-Control", "max-age=300")
	io.WriteString(w, out)
}

// monthTicks marks every month and names as many as fit: every one on a
// desktop up to a year, fewer on a phone. A name is the month's, with
// the year under the first one named and under each January ("Oct
// 2026", "Nov", … "Jan 2027"), so that no label reads as a day.
func monthTicks(ms []string, phone bool) plot.Ticker {
	room := 12
	if phone {
		room = 5
	}
	every := max(1, (len(ms)+room-1)/room)
	return plot.TickerFunc(func(_, _ float64) []plot.Tick {
		var ts []plot.Tick
		named := false
		for i, m := range ms {
			tick := plot.Tick{Value: float64(i)}
			if t, err := time.Parse("Jan 2006", m); err == nil && (len(ms)-1-i)%every == 0 {
				tick.Label = t.Format("Jan")
				if !named || t.Month() <= time.Month(every) {
					tick.Label = t.Format("Jan\n2006")
				}
				named = true
			}
			ts = append(ts, tick)
		}
		return ts
	})
}

// valueTicks marks the y axis at round numbers written as a person reads
// them: "2,500", never "2500.00", and whole numbers of events only.
type valueTicks struct{ money bool }

func (v valueTicks) Ticks(lo, hi float64) []plot.Tick {
	step := niceStep((hi - lo) / 4)
	if !v.money {
		step = math.Max(1, math.Round(step))
	}
	var ts []plot.Tick
	for x := lo; x <= hi+step/1e6; x += step {
		ts = append(ts, plot.Tick{Value: x, Label: thousands(int64(math.Round(x)))})
	}
	if len(ts) == 1 { // an empty chart: 0 and 1
		ts = append(ts, plot.Tick{Value: 1, Label: "1"})
	}
	return ts
}

// niceStep is the 1, 2 or 5 times a power of ten nearest above x.
func niceStep(x float64) float64 {
	if x <= 0 {
		return 1
	}
	p := math.Pow(10, math.Floor(math.Log10(x)))
	for _, m := range []float64{1, 2, 5, 10} {
		if m*p >= x {
			return m * p
		}
	}
	return 10 * p
}

// niceCeil rounds a chart's top up to a multiple of its tick step (a
// whole one for counts), and gives an empty chart a top of 1.
func niceCeil(x float64, whole bool) float64 {
	if x <= 0 {
		return 1
	}
	step := niceStep(x / 4)
	if whole {
		step = math.Max(1, math.Round(step))
	}
	return math.Ceil(x/step) * step
}

// thousands writes n with a comma between each group of three digits.
func thousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}
