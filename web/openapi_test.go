package web

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/pb33f/libopenapi"
	validator "github.com/pb33f/libopenapi-validator"
	"github.com/pb33f/libopenapi-validator/config"
	"github.com/pb33f/libopenapi-validator/content"
	verrors "github.com/pb33f/libopenapi-validator/errors"
	"github.com/pb33f/libopenapi-validator/paths"
	v3 "github.com/pb33f/libopenapi/datamodel/high/v3"

	"github.com/aitracker/aitracker/dedupe"
	"github.com/aitracker/aitracker/index"
	"github.com/aitracker/aitracker/internal/clock"
	"github.com/aitracker/aitracker/news"
	"github.com/aitracker/aitracker/store"
)

// The OpenAPI document (static/openapi.json, served at /api/openapi.json)
// is a contract: these tests check it against the OpenAPI 3.1 schema,
// check that it lists every API and feed route the server registers,
// and send requests to every operation it lists over a real store and
// index, validating each answer (status, content type, body, declared
// headers) against it.

// openAPIDoc is the document as the server serves it.
func openAPIDoc(t *testing.T) []byte {
	t.Helper()
	raw, err := fs.ReadFile(assets, "static/openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

// openAPIModel parses a document and builds its OpenAPI 3.1 model.
func openAPIModel(t *testing.T, raw []byte) (libopenapi.Document, *v3.Document) {
	t.Helper()
	doc, err := libopenapi.NewDocument(raw)
	if err != nil {
		t.Fatalf("openapi.json: %v", err)
	}
	m, err := doc.BuildV3Model()
	if err != nil {
		t.Fatalf("openapi.json: %v", err)
	}
	return doc, &m.Model
}

// validationOptions are the checks every answer goes through: formats
// (date-time) asserted, and every media type the document declares
// decoded, so that no body goes unchecked for want of a decoder.
func validationOptions() []config.Option {
	opts := []config.Option{config.WithFormatAssertions(), config.WithRejectUnsupportedBodyContent()}
	for _, mt := range []string{"text/plain", "text/html", "application/atom+xml", "application/rss+xml"} {
		opts = append(opts, config.WithBodyDecoder(mt, content.TextDecoder()))
	}
	return opts
}

func newOpenAPIValidator(t *testing.T, doc libopenapi.Document) validator.Validator {
	t.Helper()
	v, errs := validator.NewValidator(doc, validationOptions()...)
	if len(errs) > 0 {
		t.Fatalf("validator: %v", errs)
	}
	return v
}

// describe writes validation errors one a line, with the schema's
// complaints.
func describe(errs []*verrors.ValidationError) string {
	var b strings.Builder
	for _, e := range errs {
		fmt.Fprintf(&b, "\n\t%s: %s", e.Message, e.Reason)
		for _, s := range e.SchemaValidationErrors {
			fmt.Fprintf(&b, "\n\t\t%s %s", s.FieldPath, s.Reason)
		}
	}
	return b.String()
}

// docOperation is one operation of the document, read as plain JSON.
type docOperation struct {
	method, path string
	id           string
	codes        []string
	raw          map[string]any
}

// docOperations lists the document's operations in path order.
func docOperations(t *testing.T, raw []byte) []docOperation {
	t.Helper()
	var doc struct {
		Paths map[string]map[string]map[string]any `json:"paths"`
	}
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	var out []docOperation
	for p, item := range doc.Paths {
		for method, op := range item {
			if method == "parameters" || method == "summary" || method == "description" {
				continue
			}
			o := docOperation{method: strings.ToUpper(method), path: p, raw: op}
			o.id, _ = op["operationId"].(string)
			resps, _ := op["responses"].(map[string]any)
			for code := range resps {
				o.codes = append(o.codes, code)
			}
			sort.Strings(o.codes)
			out = append(out, o)
		}
	}
	slices.SortFunc(out, func(a, b docOperation) int { return strings.Compare(a.path+" "+a.method, b.path+" "+b.method) })
	return out
}

// TestOpenAPIDocument validates the document against the OpenAPI 3.1
// schema with a third-party validator, and checks what makes it a
// contract: a unique camelCase operationId on every operation, a schema
// for every answer with a body, the Error schema for every JSON error,
// a licence and a server.
func TestOpenAPIDocument(t *testing.T) {
	raw := openAPIDoc(t)
	doc, model := openAPIModel(t, raw)
	if model.Version != "3.1.0" {
		t.Errorf("openapi %q, want 3.1.0", model.Version)
	}
	v := newOpenAPIValidator(t, doc)
	if ok, errs := v.ValidateDocument(); !ok {
		t.Fatalf("openapi.json is not a valid OpenAPI 3.1 document:%s", describe(errs))
	}
	if model.Info == nil || model.Info.License == nil || model.Info.License.Name == "" {
		t.Error("info.license is missing")
	}
	if len(model.Servers) == 0 || model.Servers[0].URL == "" {
		t.Error("no servers entry")
	}

	var generic map[string]any
	if err := json.Unmarshal(raw, &generic); err != nil {
		t.Fatal(err)
	}
	components, _ := generic["components"].(map[string]any)
	sharedResponses, _ := components["responses"].(map[string]any)
	// resolve follows a response's $ref into components/responses.
	resolve := func(r map[string]any) map[string]any {
		if ref, ok := r["$ref"].(string); ok {
			shared, _ := sharedResponses[strings.TrimPrefix(ref, "#/components/responses/")].(map[string]any)
			return shared
		}
		return r
	}
	camel := regexp.MustCompile(`^[a-z][a-zA-Z0-9]*$`)
	seen := map[string]string{}
	for _, op := range docOperations(t, raw) {
		where := op.method + " " + op.path
		switch {
		case op.id == "":
			t.Errorf("%s has no operationId", where)
		case !camel.MatchString(op.id):
			t.Errorf("%s: operationId %q is not camelCase", where, op.id)
		case seen[op.id] != "":
			t.Errorf("%s: operationId %q is also %s's", where, op.id, seen[op.id])
		}
		seen[op.id] = where
		resps, _ := op.raw["responses"].(map[string]any)
		success := false
		for code, r := range resps {
			resp := resolve(r.(map[string]any))
			if resp == nil {
				t.Errorf("%s %s: a $ref to no shared response", where, code)
				continue
			}
			media, _ := resp["content"].(map[string]any)
			if strings.HasPrefix(code, "2") {
				success = true
				if code != "204" && len(media) == 0 {
					t.Errorf("%s %s declares no content", where, code)
				}
			}
			for mt, m := range media {
				schema, _ := m.(map[string]any)["schema"].(map[string]any)
				if len(schema) == 0 {
					t.Errorf("%s %s %s has no schema", where, code, mt)
				}
				if code[0] >= '4' && mt == "application/json" && schema["$ref"] != "#/components/schemas/Error" {
					t.Errorf("%s %s: a JSON error must be the Error schema, not %v", where, code, schema)
				}
			}
		}
		if !success {
			t.Errorf("%s declares no 2XX answer", where)
		}
	}
}

// documentedRoute says whether a route the server registers must be in
// the document: the JSON API, the feeds, the metrics and the health check.
func documentedRoute(path string) bool {
	return strings.HasPrefix(path, "/api/") || regexp.MustCompile(`(^|/)feed\.(atom|rss|json)$`).MatchString(path) ||
		path == "/metrics" || path == "/healthz"
}

// TestOpenAPICoversEveryRoute: every API, feed, metrics and health route
// registered in the package's source (read by registeredRoutes, so that
// a new route cannot be missed) is in the document with its method, and
// the document lists no operation the server does not register.
func TestOpenAPICoversEveryRoute(t *testing.T) {
	ops := docOperations(t, openAPIDoc(t))
	documented := map[string]bool{}
	for _, op := range ops {
		documented[op.method+" "+op.path] = true
	}
	registered := map[string]bool{}
	n := 0
	for _, r := range registeredRoutes(t) {
		method, path, ok := strings.Cut(r.pattern, " ")
		if !ok || !documentedRoute(path) {
			continue
		}
		n++
		registered[r.pattern] = true
		if !documented[method+" "+path] {
			t.Errorf("%s registers %q, which static/openapi.json does not describe", r.at, r.pattern)
		}
	}
	for _, op := range ops {
		if !registered[op.method+" "+op.path] {
			t.Errorf("static/openapi.json describes %s %s, which the server does not register", op.method, op.path)
		}
	}
	if n < 20 {
		t.Errorf("only %d API and feed routes found in the source", n)
	}
}

// apiCase is one request to an operation of the document and the status
// it must get.
type apiCase struct {
	op string // operationId
	// srv is the server asked: "" the usual one; "off" has no admin
	// token; "limited" has seen too many wrong ones; "slow" times every
	// search out; "broken" has lost its store and index.
	srv          string
	method, path string
	body         string
	token        string // sent as Authorization: Bearer
	code         int
}

// fixedNow is the servers' clock in these tests: the fixtures' news of
// 27 November 2026 is four days old.
var fixedNow = time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)

// apiServers starts the servers the cases ask, each over its own real
// store and index.
func apiServers(t *testing.T) map[string]*storeServer {
	t.Helper()
	fixed := func(s *Server) { s.clock = clock.Func(func() time.Time { return fixedNow }) }
	var usual *Server
	servers := map[string]*storeServer{
		"":        storeTestServer(t, fixed, func(s *Server) { usual = s }),
		"off":     storeTestServer(t, fixed, func(s *Server) { s.AdminToken = "" }),
		"limited": storeTestServer(t, fixed),
		"slow":    storeTestServer(t, fixed, func(s *Server) { s.searchTimeout = -1 }),
		"broken":  storeTestServer(t, fixed, func(s *Server) { s.Index = index.NewLive(nil) }),
	}
	contractFixtures(t, servers[""], usual.Index)
	// The broken server's store is closed under it: every read fails.
	if err := servers["broken"].st.Close(); err != nil {
		t.Fatal(err)
	}
	for _, ss := range servers {
		ss.logs.Secret("subscriber address", "bo@example.org")
	}
	return servers
}

// contractFixtures adds what storeTestServer's data lacks, so that the
// keys answers write only now and then are checked too: a model release
// with its size and open weights; a rumoured round with a valuation, on
// whose amount two reports disagree; a story two sources carried word
// for word, with no date of its own; and sources read, failing and
// flagged.
func contractFixtures(t *testing.T, ss *storeServer, live *index.Live) {
	t.Helper()
	ctx := context.Background()
	st := ss.st
	if _, err := st.ImportSources(ctx, []news.Source{{Name: "Ledger", URL: "http://127.0.0.1/l", Kind: news.KindFeed, Lang: "en"}}, "config"); err != nil {
		t.Fatal(err)
	}
	srcs, err := st.Sources(ctx)
	if err != nil {
		t.Fatal(err)
	}
	id := map[string]int64{}
	for _, src := range srcs {
		id[src.Name] = src.ID
	}
	day := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	acme := func(amount float64) news.Tags {
		return news.Tags{EventType: news.EventFunding, Primary: "Acme", Layer: news.LayerApplication, Status: news.StatusRumored, Version: "t",
			Companies: []news.CompanyTag{{Name: "Acme", Layer: news.LayerApplication}},
			Fields: news.Fields{Amount: amount, Currency: "USD", AmountUSD: amount, Round: "series_c", Valuation: 2e9, ValuationUSD: 2e9,
				LeadInvestors: []string{"Sequoia"}, Investors: []string{"Sequoia", "Lightspeed"}}}
	}
	same := "Kestrel Labs, the maker of inference chips for data centres, opened an office in Shenzhen on Friday. " +
		"The company said the office would sell its accelerators to cloud providers in southern China and hire forty engineers " +
		"to support customers who run large language models on its hardware."
	for i, a := range []*news.Article{
		{SourceID: id["Ledger"], DedupKey: "m1", URL: "https://ledger.example/lumen", Title: "Lumora releases Lumen-3, a 70B open-weight model", Lang: "en",
			Published: day, Summary: "Lumora published the weights of Lumen-3.",
			Tags: news.Tags{EventType: news.EventModelRelease, Primary: "Lumora", Layer: news.LayerModel, Status: news.StatusAnnounced, Version: "t",
				Companies: []news.CompanyTag{{Name: "Lumora", Layer: news.LayerModel}},
				Fields:    news.Fields{Model: "Lumen-3", Parameters: "70B", OpenWeights: true}}},
		{SourceID: id["Ledger"], DedupKey: "f1", URL: "https://ledger.example/acme", Title: "Acme said to raise $200M at a $2B valuation", Lang: "en",
			Published: day, Tags: acme(200e6)},
		{SourceID: id["Wire"], DedupKey: "f2", URL: "https://news.example/acme", Title: "Acme in talks to raise $210M", Lang: "en",
			Published: day.Add(2 * time.Hour), Tags: acme(210e6)},
		{SourceID: id["Ledger"], DedupKey: "s1", URL: "https://ledger.example/kestrel", Title: "Kestrel Labs opens Shenzhen office", Lang: "en",
			Published: day, PublishedEstimated: true, Summary: same, Body: same},
		{SourceID: id["Wire"], DedupKey: "s2", URL: "https://news.example/kestrel", Title: "Kestrel Labs opens Shenzhen office", Lang: "en",
			Published: day.Add(time.Hour), Summary: same, Body: same},
	} {
		a.Fetched = day
		a.ContentHash = dedupe.ContentHash(a)
		a.SimHash = dedupe.Fingerprint(a)
		if _, err := st.SaveArticle(ctx, a, dedupe.For(a)); err != nil {
			t.Fatalf("article %d: %v", i, err)
		}
	}
	// Merged again an hour ago: each event was updated after it was
	// first reported.
	mergeEvents(t, st, fixedNow.Add(-time.Hour))
	stored, err := st.ArticlesAfter(ctx, 0, 100)
	if err != nil {
		t.Fatal(err)
	}
	if err := live.With(func(ix *index.Index) error { return ix.Apply(ctx, stored) }); err != nil {
		t.Fatal(err)
	}
	at := fixedNow.Add(-48 * time.Hour)
	for _, f := range []struct {
		source string
		out    store.FetchOutcome
	}{
		{"Ledger", store.FetchOutcome{At: at, NotModified: true, NextCheckAt: at.Add(time.Hour)}},
		{"Wire", store.FetchOutcome{At: at, NextCheckAt: at.Add(time.Hour)}},
		{"Wire", store.FetchOutcome{At: at.Add(time.Hour), Err: errors.New("fetch http://127.0.0.1/w: server answered 404 Not Found"),
			ErrKind: "permanent", ErrPlain: "nothing is at this address (404 Not Found)", NextCheckAt: at.Add(5 * time.Hour)}},
		{"快报", store.FetchOutcome{At: at, Err: errors.New("fetch http://127.0.0.1/k: timed out after 30s"), ErrKind: "transient", NextCheckAt: at.Add(time.Hour)}},
		{"快报", store.FetchOutcome{At: at.Add(time.Hour), Err: errors.New("fetch http://127.0.0.1/k: timed out after 30s"), ErrKind: "transient", NextCheckAt: at.Add(2 * time.Hour)}},
		{"快报", store.FetchOutcome{At: at.Add(2 * time.Hour), Err: errors.New("fetch http://127.0.0.1/k: timed out after 30s"), ErrKind: "transient", NextCheckAt: at.Add(3 * time.Hour)}},
	} {
		if err := st.RecordFetch(ctx, id[f.source], f.out); err != nil {
			t.Fatal(err)
		}
	}
}

// apiCases are requests to every operation of the document, with
// realistic parameters, and to each status each operation declares.
// They run in order: the admin cases add, then remove, a subscriber.
func apiCases(t *testing.T, ss *storeServer) []apiCase {
	t.Helper()
	ctx := context.Background()
	eventOf := func(typ news.EventType, company string) string {
		t.Helper()
		evs, err := ss.st.Events(ctx, store.EventFilter{Types: []news.EventType{typ}, Companies: []string{company}, Limit: 1})
		if err != nil || len(evs) != 1 {
			t.Fatalf("no %s event of %s: %v", typ, company, err)
		}
		return strconv.FormatInt(evs[0].ID, 10)
	}
	zhipu, beta := eventOf(news.EventFunding, "Zhipu AI"), eventOf(news.EventAcquisition, "Beta")
	tok := adminToken
	source := `{"name": "Lumora AI news", "url": "https://lumora.example/feed.xml", "lang": "en"}`
	subscriber := `{"email": "bo@example.org", "query": "chips", "types": "funding,acquisition", "layers": "model", "companies": "智谱",
		"min_amount": "50M", "langs": "en,zh", "frequency": "weekly", "at": "08:30", "tz": "Asia/Shanghai", "weekday": "tue"}`
	huge := `{"name": "` + strings.Repeat("a", MaxBody) + `"}`
	q := url.QueryEscape
	cases := []apiCase{
		{"searchArticles", "", "GET", "/api/search?q=" + q("type:funding") + "&facets=1&collapse=1", "", "", 200},
		{"searchArticles", "", "GET", "/api/search?q=zhipu&sort=relevance&limit=5&offset=0", "", "", 200},
		{"searchArticles", "", "GET", "/api/search?q=&sort=date&facets=1", "", "", 200},
		{"searchArticles", "", "GET", "/api/search?q=nothing+matches+this", "", "", 200},
		{"searchArticles", "", "GET", "/api/search?q=" + q("color:red"), "", "", 400},
		{"searchArticles", "", "GET", "/api/search?q=a&limit=-1", "", "", 400},
		{"searchArticles", "slow", "GET", "/api/search?q=zhipu", "", "", 503},
		{"searchArticles", "broken", "GET", "/api/search?q=zhipu", "", "", 500},

		{"listEvents", "", "GET", "/api/events", "", "", 200},
		{"listEvents", "", "GET", "/api/events?type=funding&layer=model&company=" + q("智谱") + "&since=90d&until=2026-12-31&min_amount=50M&limit=10&offset=0", "", "", 200},
		{"listEvents", "", "GET", "/api/events?type=bogus", "", "", 400},
		{"listEvents", "broken", "GET", "/api/events", "", "", 500},

		{"getEvent", "", "GET", "/api/events/" + zhipu, "", "", 200},
		{"getEvent", "", "GET", "/api/events/" + beta, "", "", 200},
		{"getEvent", "", "GET", "/api/events/abc", "", "", 400},
		{"getEvent", "", "GET", "/api/events/999999", "", "", 404},
		{"getEvent", "broken", "GET", "/api/events/" + zhipu, "", "", 500},

		{"listCompanies", "", "GET", "/api/companies", "", "", 200},
		{"listCompanies", "", "GET", "/api/companies?limit=2", "", "", 200},
		{"listCompanies", "", "GET", "/api/companies?limit=-1", "", "", 400},
		{"listCompanies", "broken", "GET", "/api/companies", "", "", 500},

		{"getCompany", "", "GET", "/api/companies/" + url.PathEscape("Zhipu AI"), "", "", 200},
		{"getCompany", "", "GET", "/api/companies/" + url.PathEscape("智谱"), "", "", 200},
		// In the taxonomy, with no events yet: "company" is null.
		{"getCompany", "", "GET", "/api/companies/OpenAI", "", "", 200},
		// With events, not in the taxonomy.
		{"getCompany", "", "GET", "/api/companies/Beta", "", "", 200},
		// A unit of a group.
		{"getCompany", "", "GET", "/api/companies/Kunlunxin", "", "", 200},
		{"getCompany", "", "GET", "/api/companies/" + url.PathEscape("Nobody Known"), "", "", 404},
		{"getCompany", "broken", "GET", "/api/companies/Beta", "", "", 500},

		{"getMap", "", "GET", "/api/map", "", "", 200},
		{"getMap", "", "GET", "/api/map?window=1y&region=cn", "", "", 200},
		{"getMap", "broken", "GET", "/api/map", "", "", 500},

		{"getCharts", "", "GET", "/api/charts", "", "", 200},
		{"getCharts", "", "GET", "/api/charts?window=90d", "", "", 200},
		{"getCharts", "", "GET", "/api/charts?window=2y", "", "", 200},
		{"getCharts", "broken", "GET", "/api/charts", "", "", 500},

		{"listSources", "", "GET", "/api/sources", "", "", 200},
		{"listSources", "broken", "GET", "/api/sources", "", "", 500},

		{"addSource", "", "POST", "/api/sources", source, tok, 201},
		{"addSource", "", "POST", "/api/sources", `{"name": "Again", "url": "https://lumora.example/feed.xml"}`, tok, 409},
		{"addSource", "", "POST", "/api/sources", `{"name": "Bad", "url": "ftp://lumora.example/feed.xml"}`, tok, 400},
		{"addSource", "", "POST", "/api/sources", `{"name": "Bad", "url": "https://lumora.example/", "colour": "red"}`, tok, 400},
		{"addSource", "", "POST", "/api/sources", huge, tok, 413},
		{"addSource", "broken", "POST", "/api/sources", source, tok, 500},

		{"listSubscribers", "", "GET", "/api/subscribers", "", tok, 200},
		{"addSubscriber", "", "POST", "/api/subscribers", subscriber, tok, 201},
		{"addSubscriber", "", "POST", "/api/subscribers", `{"email": "ana@example.org"}`, tok, 409},
		{"addSubscriber", "", "POST", "/api/subscribers", `{"email": "not an address"}`, tok, 400},
		{"addSubscriber", "", "POST", "/api/subscribers", huge, tok, 413},
		{"addSubscriber", "broken", "POST", "/api/subscribers", `{"email": "cy@example.org"}`, tok, 500},
		{"listSubscribers", "", "GET", "/api/subscribers", "", tok, 200},
		{"removeSubscriber", "", "DELETE", "/api/subscribers/bo@example.org", "", tok, 204},
		{"removeSubscriber", "", "DELETE", "/api/subscribers/bo@example.org", "", tok, 404},
		{"removeSubscriber", "", "DELETE", "/api/subscribers/ana@example.org", "", tok, 204},
		// No subscriber left: the list is empty, not null.
		{"listSubscribers", "", "GET", "/api/subscribers", "", tok, 200},
		{"listSubscribers", "broken", "GET", "/api/subscribers", "", tok, 500},
		{"removeSubscriber", "broken", "DELETE", "/api/subscribers/ana@example.org", "", tok, 500},

		// The admin API off: 403 whatever the token.
		{"listSubscribers", "off", "GET", "/api/subscribers", "", tok, 403},
		{"addSubscriber", "off", "POST", "/api/subscribers", subscriber, tok, 403},
		{"removeSubscriber", "off", "DELETE", "/api/subscribers/ana@example.org", "", tok, 403},
		{"addSource", "off", "POST", "/api/sources", source, tok, 403},
		// Five wrong tokens from one address, then it is refused even
		// with the right one.
		{"listSubscribers", "limited", "GET", "/api/subscribers", "", "", 401},
		{"addSubscriber", "limited", "POST", "/api/subscribers", subscriber, "wrong", 401},
		{"removeSubscriber", "limited", "DELETE", "/api/subscribers/ana@example.org", "", "", 401},
		{"addSource", "limited", "POST", "/api/sources", source, "wrong", 401},
		{"listSubscribers", "limited", "GET", "/api/subscribers", "", "wrong", 401},
		{"listSubscribers", "limited", "GET", "/api/subscribers", "", tok, 429},
		{"addSubscriber", "limited", "POST", "/api/subscribers", subscriber, tok, 429},
		{"removeSubscriber", "limited", "DELETE", "/api/subscribers/ana@example.org", "", tok, 429},
		{"addSource", "limited", "POST", "/api/sources", source, tok, 429},

		{"getOpenApiDocument", "", "GET", "/api/openapi.json", "", "", 200},
		{"getMetrics", "", "GET", "/metrics", "", "", 200},
		{"getHealth", "", "GET", "/healthz", "", "", 200},
	}
	for _, f := range []struct{ ext, id string }{{"atom", "Atom"}, {"rss", "Rss"}, {"json", "Json"}} {
		cases = append(cases,
			apiCase{"searchFeed" + f.id, "", "GET", "/feed." + f.ext + "?q=" + q("type:funding"), "", "", 200},
			apiCase{"searchFeed" + f.id, "", "GET", "/feed." + f.ext + "?q=", "", "", 200},
			apiCase{"searchFeed" + f.id, "", "GET", "/feed." + f.ext + "?q=" + q(`"unclosed`), "", "", 400},
			apiCase{"searchFeed" + f.id, "slow", "GET", "/feed." + f.ext + "?q=zhipu", "", "", 503},
			apiCase{"eventsFeed" + f.id, "", "GET", "/events/feed." + f.ext, "", "", 200},
			apiCase{"eventsFeed" + f.id, "", "GET", "/events/feed." + f.ext + "?type=funding&layer=model&company=" + q("智谱") + "&since=90d&until=2026-12-31&min_amount=50M", "", "", 200},
			apiCase{"eventsFeed" + f.id, "", "GET", "/events/feed." + f.ext + "?since=never", "", "", 400},
			apiCase{"eventFeed" + f.id, "", "GET", "/events/" + zhipu + "/feed." + f.ext, "", "", 200},
			apiCase{"eventFeed" + f.id, "", "GET", "/events/" + beta + "/feed." + f.ext, "", "", 200},
			apiCase{"eventFeed" + f.id, "", "GET", "/events/999999/feed." + f.ext, "", "", 404},
		)
	}
	return cases
}

// call sends c to base and returns the answer with its body read, and
// the same request as the validator reads it.
func (c apiCase) call(t *testing.T, base string) (*http.Request, *http.Response, []byte) {
	t.Helper()
	build := func(target string) *http.Request {
		r, err := http.NewRequest(c.method, target, strings.NewReader(c.body))
		if err != nil {
			t.Fatal(err)
		}
		if c.body != "" {
			r.Header.Set("Content-Type", "application/json")
		}
		if c.token != "" {
			r.Header.Set("Authorization", "Bearer "+c.token)
		}
		return r
	}
	resp, err := http.DefaultClient.Do(build(base + c.path))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return build(c.path), resp, body
}

// checkAnswer validates an answer against the operation c names (found
// by its operationId, so that a request the document would route
// elsewhere or refuse is still checked against its own operation); a
// 2XX answer's request must also reach that operation through the
// document's paths and pass its checks (parameters, body, security).
func checkAnswer(v validator.Validator, model *v3.Document, c apiCase, req *http.Request, resp *http.Response, body []byte) []string {
	var problems []string
	var item *v3.PathItem
	var template string
	for p, pi := range model.Paths.PathItems.FromOldest() {
		for _, op := range pi.GetOperations().FromOldest() {
			if op.OperationId == c.op {
				item, template = pi, p
			}
		}
	}
	if item == nil {
		return []string{"no operation " + c.op + " in the document"}
	}
	resp.Body = io.NopCloser(bytes.NewReader(body))
	if ok, errs := v.GetResponseBodyValidator().ValidateResponseBodyWithPathItem(req, resp, item, template); !ok {
		problems = append(problems, "the answer does not match the document:"+describe(errs))
	}
	if resp.StatusCode/100 == 2 {
		found, errs, _ := paths.FindPath(req, model, config.NewValidationOptions())
		if found != item || len(errs) > 0 {
			problems = append(problems, "the document does not route the request to "+c.op+describe(errs))
		}
		if ok, errs := v.ValidateHttpRequest(req); !ok {
			problems = append(problems, "the request does not match the document:"+describe(errs))
		}
	}
	return problems
}

// TestOpenAPIResponses sends every case to real servers and validates
// each answer against the document; every status every operation
// declares must have been seen.
func TestOpenAPIResponses(t *testing.T) {
	raw := openAPIDoc(t)
	doc, model := openAPIModel(t, raw)
	v := newOpenAPIValidator(t, doc)
	servers := apiServers(t)
	cases := apiCases(t, servers[""])

	seen := map[string]map[string]bool{}
	var answers []byte
	for i, c := range cases {
		where := fmt.Sprintf("case %d, %s (%s) on %q: %s %s", i, c.op, strconv.Itoa(c.code), c.srv, c.method, c.path)
		if len(where) > 160 {
			where = where[:160] + "…"
		}
		req, resp, body := c.call(t, servers[c.srv].srv.URL)
		if resp.StatusCode != c.code {
			t.Errorf("%s: status %d, want %d: %.300s", where, resp.StatusCode, c.code, body)
			continue
		}
		if seen[c.op] == nil {
			seen[c.op] = map[string]bool{}
		}
		seen[c.op][strconv.Itoa(resp.StatusCode)] = true
		// The document's own answer names every key: it is left out.
		if resp.StatusCode/100 == 2 && strings.Contains(resp.Header.Get("Content-Type"), "json") && c.op != "getOpenApiDocument" {
			answers = append(answers, body...)
		}
		for _, p := range checkAnswer(v, model, c, req, resp, body) {
			t.Errorf("%s: %s\n\tbody: %.400s", where, p, body)
		}
	}
	for _, op := range docOperations(t, raw) {
		for _, code := range op.codes {
			if !seen[op.id][code] {
				t.Errorf("%s (%s %s) declares %s, which no case got", op.id, op.method, op.path, code)
			}
		}
	}
	// Every key an answer may leave out was in some answer: the
	// document declares none that the code never writes, and each is
	// checked against its schema at least once.
	for _, k := range optionalKeys(t, raw) {
		if !bytes.Contains(answers, []byte(strconv.Quote(k.name)+":")) {
			t.Errorf("no answer has the optional key %q of %s", k.name, k.schema)
		}
	}
}

// requestSchemas are the schemas of request bodies, which no answer has.
var requestSchemas = []string{"NewSource", "Subscription"}

type optionalKey struct{ schema, name string }

// optionalKeys lists the keys of the answers' schemas that are not
// required, wherever they stand in a schema.
func optionalKeys(t *testing.T, raw []byte) []optionalKey {
	t.Helper()
	var doc struct {
		Components struct {
			Schemas map[string]any `json:"schemas"`
		} `json:"components"`
	}
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	var out []optionalKey
	var walk func(name string, s any)
	walk = func(name string, s any) {
		m, ok := s.(map[string]any)
		if !ok {
			return
		}
		required := map[string]bool{}
		if req, ok := m["required"].([]any); ok {
			for _, k := range req {
				required[k.(string)] = true
			}
		}
		if props, ok := m["properties"].(map[string]any); ok {
			for k, p := range props {
				if !required[k] {
					out = append(out, optionalKey{name, k})
				}
				walk(name+"."+k, p)
			}
		}
		for _, key := range []string{"items", "additionalProperties"} {
			walk(name, m[key])
		}
		for _, key := range []string{"allOf", "oneOf", "anyOf"} {
			if list, ok := m[key].([]any); ok {
				for _, sub := range list {
					walk(name, sub)
				}
			}
		}
	}
	for name, s := range doc.Components.Schemas {
		if !slices.Contains(requestSchemas, name) {
			walk(name, s)
		}
	}
	slices.SortFunc(out, func(a, b optionalKey) int { return strings.Compare(a.schema+"."+a.name, b.schema+"."+b.name) })
	if len(out) < 20 {
		t.Fatalf("only %d optional keys found: %v", len(out), out)
	}
	return out
}

// TestOpenAPICatchesDrift: the checks of TestOpenAPIResponses fail when
// an answer drifts from the document. Each case changes the document as
// a change of the code would change the answer, and the answer must
// then fail validation.
func TestOpenAPICatchesDrift(t *testing.T) {
	ss := storeTestServer(t, func(s *Server) { s.clock = clock.Func(func() time.Time { return fixedNow }) })
	schemas := func(doc map[string]any) map[string]any {
		return doc["components"].(map[string]any)["schemas"].(map[string]any)
	}
	schema := func(doc map[string]any, name string) map[string]any { return schemas(doc)[name].(map[string]any) }
	props := func(doc map[string]any, name string) map[string]any {
		return schema(doc, name)["properties"].(map[string]any)
	}
	dropRequired := func(s map[string]any, key string) {
		var kept []any
		for _, k := range s["required"].([]any) {
			if k != key {
				kept = append(kept, k)
			}
		}
		s["required"] = kept
	}
	operation := func(doc map[string]any, path, method string) map[string]any {
		return doc["paths"].(map[string]any)[path].(map[string]any)[method].(map[string]any)
	}
	for _, tc := range []struct {
		name   string
		change func(doc map[string]any)
		c      apiCase
	}{
		{"an event key the document does not know", func(doc map[string]any) {
			delete(props(doc, "EventFields"), "currency")
			dropRequired(schema(doc, "EventFields"), "currency")
		}, apiCase{"listEvents", "", "GET", "/api/events", "", "", 200}},
		{"a key the detail does not know", func(doc map[string]any) {
			s := schema(doc, "EventDetail")["allOf"].([]any)[1].(map[string]any)
			delete(s["properties"].(map[string]any), "reports")
			dropRequired(s, "reports")
		}, apiCase{"getEvent", "", "GET", "/api/events/1", "", "", 200}},
		{"a required key the answer lacks", func(doc map[string]any) {
			s := schema(doc, "SearchHit")
			s["properties"].(map[string]any)["confidence"] = map[string]any{"type": "number"}
			s["required"] = append(s["required"].([]any), "confidence")
		}, apiCase{"searchArticles", "", "GET", "/api/search?q=zhipu", "", "", 200}},
		{"a number that became a string", func(doc map[string]any) {
			props(doc, "MonthCount")["events"] = map[string]any{"type": "string"}
		}, apiCase{"getCharts", "", "GET", "/api/charts", "", "", 200}},
		{"an enum without a value the code writes", func(doc map[string]any) {
			props(doc, "Source")["status"] = map[string]any{"type": "string", "enum": []any{"ok", "failing", "flagged"}}
		}, apiCase{"listSources", "", "GET", "/api/sources", "", "", 200}},
		{"another error shape", func(doc map[string]any) {
			s := schema(doc, "Error")
			s["properties"] = map[string]any{"message": map[string]any{"type": "string"}}
			s["required"] = []any{"message"}
		}, apiCase{"getEvent", "", "GET", "/api/events/999999", "", "", 404}},
		{"a status the document does not declare", func(doc map[string]any) {
			delete(operation(doc, "/api/events/{id}", "get")["responses"].(map[string]any), "404")
		}, apiCase{"getEvent", "", "GET", "/api/events/999999", "", "", 404}},
		{"another media type", func(doc map[string]any) {
			r := operation(doc, "/feed.atom", "get")["responses"].(map[string]any)["200"].(map[string]any)
			r["content"] = map[string]any{"application/xml": map[string]any{"schema": map[string]any{"type": "string"}}}
		}, apiCase{"searchFeedAtom", "", "GET", "/feed.atom?q=zhipu", "", "", 200}},
		{"an RSS document read as Atom", func(doc map[string]any) {
			schema(doc, "RSSFeed")["pattern"] = schema(doc, "AtomFeed")["pattern"]
		}, apiCase{"searchFeedRss", "", "GET", "/feed.rss?q=zhipu", "", "", 200}},
		{"a JSON Feed item key the document does not know", func(doc map[string]any) {
			delete(props(doc, "JSONFeedItem"), "_aitracker")
		}, apiCase{"eventsFeedJson", "", "GET", "/events/feed.json", "", "", 200}},
		{"a header the answer lacks", func(doc map[string]any) {
			h := doc["components"].(map[string]any)["responses"].(map[string]any)["Unauthorized"].(map[string]any)["headers"].(map[string]any)
			h["X-Admin-Hint"] = map[string]any{"required": true, "schema": map[string]any{"type": "string"}}
		}, apiCase{"listSubscribers", "", "GET", "/api/subscribers", "", "", 401}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var doc map[string]any
			if err := json.Unmarshal(openAPIDoc(t), &doc); err != nil {
				t.Fatal(err)
			}
			d, m := openAPIModel(t, mustJSON(t, doc))
			v := newOpenAPIValidator(t, d)
			req, resp, body := tc.c.call(t, ss.srv.URL)
			if resp.StatusCode != tc.c.code {
				t.Fatalf("status %d, want %d: %.300s", resp.StatusCode, tc.c.code, body)
			}
			if p := checkAnswer(v, m, tc.c, req, resp, body); len(p) > 0 {
				t.Fatalf("the answer fails the document as it is: %v", p)
			}
			tc.change(doc)
			d, m = openAPIModel(t, mustJSON(t, doc))
			v = newOpenAPIValidator(t, d)
			req, resp, body = tc.c.call(t, ss.srv.URL)
			if p := checkAnswer(v, m, tc.c, req, resp, body); len(p) == 0 {
				t.Errorf("the changed document passes the answer: %.300s", body)
			}
		})
	}
}

func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
