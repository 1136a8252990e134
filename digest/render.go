package digest

import (
	"bytes"
	"cmp"
	"embed"
	"fmt"
	htmltemplate "html/template"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	texttemplate "text/template"

	"github.com/aitracker/aitracker/internal/money"
	"github.com/aitracker/aitracker/news"
)

//go:embed templates/*
var templates embed.FS

var (
	htmlTmpl = htmltemplate.Must(htmltemplate.New("digest.html").ParseFS(templates, "templates/digest.html"))
	textTmpl = texttemplate.Must(texttemplate.New("digest.txt").ParseFS(templates, "templates/digest.txt"))
)

// Message is a rendered digest.
type Message struct {
	Subject string
	Text    string
	HTML    string
	Events  int
}

// view is what the templates read.
type view struct {
	Subject        string
	Heading        string
	Intro          string
	Groups         []typeGroup
	Count          int
	BaseURL        string
	UnsubscribeURL string
	SearchURL      string
	Filter         string
	Frequency      string
}

type typeGroup struct {
	Title  string
	Layers []layerGroup
	// More counts the group's events left out for length, and MoreURL
	// finds them all.
	More    int
	MoreURL string
}

type layerGroup struct {
	Layer string
	Lines []rendered
}

// rendered is one event's line, rendered once per run and shared by every
// digest that lists it.
type rendered struct {
	HTML htmltemplate.HTML
	Text string
}

// lines renders and keeps event lines.
type lines struct {
	baseURL string
	mu      sync.Mutex
	cache   map[int64]rendered
}

func newLines(baseURL string) *lines {
	return &lines{baseURL: baseURL, cache: map[int64]rendered{}}
}

func (ls *lines) get(e *news.Event) (rendered, error) {
	ls.mu.Lock()
	r, ok := ls.cache[e.ID]
	ls.mu.Unlock()
	if ok {
		return r, nil
	}
	l := lineOf(e, ls.baseURL)
	var h, t bytes.Buffer
	if err := htmlTmpl.ExecuteTemplate(&h, "line", l); err != nil {
		return r, fmt.Errorf("digest: render HTML: %w", err)
	}
	if err := textTmpl.ExecuteTemplate(&t, "line", l); err != nil {
		return r, fmt.Errorf("digest: render text: %w", err)
	}
	// html/template escaped every value of the line.
	r = rendered{HTML: htmltemplate.HTML(h.String()), Text: t.String()}
	ls.mu.Lock()
	ls.cache[e.ID] = r
	ls.mu.Unlock()
	return r, nil
}

type line struct {
	EventURL  string
	Company   string
	Layer     string
	What      string // round, model, acquisition pair
	Amount    string // as reported: "2.1B CNY"
	AmountUSD string // "$291M", when the amount is not in USD
	Leads     string
	Status    string
	Sources   int
	Links     []link
}

type link struct {
	Name, URL string
}

// typeTitles name the groups, in the order they appear.
var typeTitles = []struct {
	t              news.EventType
	title          string
	single, plural string
}{
	{news.EventFunding, "Funding rounds", "round", "rounds"},
	{news.EventAcquisition, "Acquisitions", "acquisition", "acquisitions"},
	{news.EventIPO, "IPOs", "IPO", "IPOs"},
	{news.EventModelRelease, "Model releases", "model release", "model releases"},
	{news.EventProductLaunch, "Product launches", "product launch", "product launches"},
	{news.EventPartnership, "Partnerships", "partnership", "partnerships"},
	{news.EventLayoffs, "Layoffs", "layoff", "layoffs"},
	{news.EventRegulation, "Regulation", "regulatory action", "regulatory actions"},
}

// Subject counts the events by type: "5 rounds, 2 acquisitions, 3 model
// releases — Nov 28".
func Subject(evs []*news.Event, p Period, weekly bool) string {
	counts := map[news.EventType]int{}
	for _, e := range evs {
		counts[e.Type]++
	}
	var parts []string
	for _, tt := range typeTitles {
		switch n := counts[tt.t]; {
		case n == 1:
			parts = append(parts, "1 "+tt.single)
		case n > 1:
			parts = append(parts, strconv.Itoa(n)+" "+tt.plural)
		}
	}
	when := p.Local.Format("Jan 2")
	if weekly {
		when = "week of " + when
	}
	if len(parts) == 0 {
		return "Nothing new — " + when
	}
	return strings.Join(parts, ", ") + " — " + when
}

// MaxLines is how many events a digest lists. A busy day can match
// hundreds; nobody reads that many lines in a mail, and a message of
// megabytes is clipped by mail clients (Gmail cuts at 102 KB). The most
// reported and largest events are listed; each group says how many more
// it has and links to them.
const MaxLines = 60

// Render builds the digest of evs for a subscriber. baseURL is where the
// web UI is; unsubscribeURL the one-click link.
func Render(sub news.Subscriber, p Period, evs []*news.Event, baseURL, unsubscribeURL string) (Message, error) {
	return render(newLines(baseURL), sub, p, evs, baseURL, unsubscribeURL)
}

func render(ls *lines, sub news.Subscriber, p Period, evs []*news.Event, baseURL, unsubscribeURL string) (Message, error) {
	weekly := sub.Frequency == "weekly"
	all := evs
	more := map[news.EventType]int{}
	if len(evs) > MaxLines {
		ranked := slices.Clone(evs)
		slices.SortStableFunc(ranked, func(a, b *news.Event) int {
			if a.Sources != b.Sources {
				return b.Sources - a.Sources
			}
			if a.Fields.AmountUSD != b.Fields.AmountUSD {
				return cmp.Compare(b.Fields.AmountUSD, a.Fields.AmountUSD)
			}
			return cmp.Compare(a.ID, b.ID)
		})
		for _, e := range ranked[MaxLines:] {
			more[e.Type]++
		}
		evs = ranked[:MaxLines]
	}
	v := view{
		Subject:        Subject(all, p, weekly),
		Count:          len(all),
		BaseURL:        baseURL,
		UnsubscribeURL: unsubscribeURL,
		Filter:         Describe(sub.Filter),
		Frequency:      map[bool]string{true: "weekly", false: "daily"}[weekly],
	}
	v.Heading = "AI industry digest — " + p.Local.Format("Monday, January 2, 2006")
	if weekly {
		v.Heading = "AI industry digest — week of " + p.Local.Format("January 2, 2006")
	}
	switch len(all) {
	case 0:
		v.Intro = "Nothing new matched what you follow since your last digest."
	case 1:
		v.Intro = "1 new event matches what you follow."
	default:
		v.Intro = strconv.Itoa(len(all)) + " new events match what you follow."
	}
	if len(all) > len(evs) {
		v.Intro += " Here are the " + strconv.Itoa(len(evs)) + " most reported."
	}
	if sub.Filter.Query != "" {
		v.SearchURL = strings.TrimSuffix(baseURL, "/") + "/?" + url.Values{"q": {sub.Filter.Query}}.Encode()
	}
	for _, tt := range typeTitles {
		var g typeGroup
		for _, layer := range news.Layers {
			var lg layerGroup
			for _, e := range evs {
				if e.Type != tt.t || e.Layer != layer && !(layer == news.LayerNone && e.Layer == "") {
					continue
				}
				r, err := ls.get(e)
				if err != nil {
					return Message{}, err
				}
				lg.Lines = append(lg.Lines, r)
			}
			if len(lg.Lines) > 0 {
				lg.Layer = layerTitle(layer)
				g.Layers = append(g.Layers, lg)
			}
		}
		if n := more[tt.t]; n > 0 {
			g.More = n
			g.MoreURL = strings.TrimSuffix(baseURL, "/") + "/?" + url.Values{"q": {"type:" + string(tt.t) + " added>=" + p.Local.Add(-p.Length).Format("2006-01-02")}, "sort": {"date"}}.Encode()
		}
		if len(g.Layers) > 0 || g.More > 0 {
			g.Title = tt.title
			v.Groups = append(v.Groups, g)
		}
	}
	var h, t bytes.Buffer
	if err := htmlTmpl.Execute(&h, v); err != nil {
		return Message{}, fmt.Errorf("digest: render HTML: %w", err)
	}
	if err := textTmpl.Execute(&t, v); err != nil {
		return Message{}, fmt.Errorf("digest: render text: %w", err)
	}
	return Message{Subject: v.Subject, HTML: h.String(), Text: t.String(), Events: len(evs)}, nil
}

func layerTitle(l news.Layer) string {
	switch l {
	case news.LayerInfrastructure:
		return "Infrastructure"
	case news.LayerModel:
		return "Models"
	case news.LayerMiddleware:
		return "Middleware"
	case news.LayerApplication:
		return "Applications"
	}
	return "Other"
}

func lineOf(e *news.Event, baseURL string) line {
	f := e.Fields
	l := line{
		EventURL: strings.TrimSuffix(baseURL, "/") + "/events/" + strconv.FormatInt(e.ID, 10),
		Company:  e.PrimaryCompany,
		Layer:    string(e.Layer),
		Leads:    strings.Join(f.LeadInvestors, ", "),
		Sources:  e.Sources,
	}
	if e.Status == news.StatusRumored {
		l.Status = "rumoured"
	}
	switch e.Type {
	case news.EventFunding:
		l.What = roundName(f.Round)
	case news.EventAcquisition:
		switch {
		case f.Target != "" && strings.EqualFold(f.Acquirer, e.PrimaryCompany):
			l.What = "buys " + f.Target
		case f.Acquirer != "" && strings.EqualFold(f.Target, e.PrimaryCompany):
			l.What = "bought by " + f.Acquirer
		case f.Acquirer != "" && f.Target != "":
			l.What = f.Acquirer + " buys " + f.Target
		case f.Target != "":
			l.What = "buys " + f.Target
		}
	case news.EventModelRelease:
		l.What = strings.TrimSpace(f.Model + " " + f.Parameters)
		if f.OpenWeights {
			l.What = strings.TrimSpace(l.What + " (open weights)")
		}
	}
	if f.Amount > 0 {
		l.Amount = money.Short(f.Amount) + " " + f.Currency
		if f.Currency != "USD" && f.AmountUSD > 0 {
			l.AmountUSD = "$" + money.Short(f.AmountUSD)
		}
	}
	seen := map[string]bool{}
	for _, a := range e.Articles {
		// Only web links: a feed's javascript: or data: URL is no link.
		u, err := url.Parse(a.URL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || seen[a.URL] {
			continue
		}
		seen[a.URL] = true
		name := a.Source
		if name == "" {
			name = u.Host
		}
		if len(l.Links) < 5 {
			l.Links = append(l.Links, link{Name: name, URL: a.URL})
		}
	}
	return l
}

// roundName writes a round for people: "Series B", "Seed", "Strategic".
func roundName(r string) string {
	switch {
	case r == "" || r == "unknown":
		return ""
	case strings.HasPrefix(r, "series_"):
		return "Series " + strings.ToUpper(strings.TrimPrefix(r, "series_"))
	case r == "pre-seed":
		return "Pre-seed"
	}
	return strings.ToUpper(r[:1]) + r[1:]
}

// Describe writes a filter for the footer: why these events.
func Describe(f news.SubscriberFilter) string {
	var parts []string
	if f.Query != "" {
		parts = append(parts, "search “"+f.Query+"”")
	}
	join := func(label string, vals []string) {
		if len(vals) > 0 {
			parts = append(parts, label+" "+strings.Join(vals, ", "))
		}
	}
	var types, layers []string
	for _, t := range f.Types {
		types = append(types, string(t))
	}
	for _, l := range f.Layers {
		layers = append(layers, string(l))
	}
	join("types", types)
	join("layers", layers)
	join("companies", f.Companies)
	join("languages", f.Langs)
	if f.MinAmountUSD > 0 {
		parts = append(parts, "amounts from $"+money.Short(f.MinAmountUSD))
	}
	if len(parts) == 0 {
		return "every event"
	}
	return strings.Join(parts, "; ")
}
