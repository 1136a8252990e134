package web

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/aitracker/aitracker/config"
	"github.com/aitracker/aitracker/dedupe"
	"github.com/aitracker/aitracker/digest"
	"github.com/aitracker/aitracker/events"
	"github.com/aitracker/aitracker/index"
	"github.com/aitracker/aitracker/internal/logtest"
	"github.com/aitracker/aitracker/news"
	"github.com/aitracker/aitracker/store"
)

const adminToken = "admin-token-for-tests"

type storeServer struct {
	srv  *httptest.Server
	st   store.Store
	keys *digest.Keys
	sub  news.Subscriber
	// logs holds what the server logged; secrets registered on it fail
	// the test when they appear.
	logs *logtest.Capture
}

// storeTestServer serves a real store with two events and a subscriber.
func storeTestServer(t *testing.T, configure ...func(*Server)) *storeServer {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	st, err := store.Open(ctx, filepath.Join(dir, "aitracker.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	ix, err := index.Open(filepath.Join(dir, "index"), index.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	srcs, err := st.SyncSources(ctx, []news.Source{{Name: "Wire", URL: "http://127.0.0.1/w", Kind: news.KindFeed, Enabled: true},
		{Name: "快报", URL: "http://127.0.0.1/k", Kind: news.KindFeed, Enabled: true}})
	if err != nil {
		t.Fatal(err)
	}
	day := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
	funding := news.Tags{EventType: news.EventFunding, Primary: "Zhipu AI", Layer: news.LayerModel, Status: news.StatusCompleted, Version: "t",
		Companies: []news.CompanyTag{{Name: "Zhipu AI", Known: true, Layer: news.LayerModel}},
		Fields:    news.Fields{Amount: 1e9, Currency: "CNY", AmountUSD: 139e6, Round: "series_b"},
		Trail:     []news.Decision{{What: "amount", Evidence: []news.Span{{Part: "title", Start: 0, End: 4}}}}}
	for i, a := range []*news.Article{
		{SourceID: srcs[0].ID, DedupKey: "a", URL: "https://news.example/zhipu", Title: "Zhipu raises 1 billion yuan", Lang: "en", Published: day, Tags: funding},
		{SourceID: srcs[1].ID, DedupKey: "b", URL: "javascript:alert(1)", Title: "智谱完成10亿元B轮融资<script>", Lang: "zh", Published: day.Add(time.Hour), Tags: funding},
		{SourceID: srcs[0].ID, DedupKey: "c", URL: "https://news.example/buy", Title: "Beta buys Gamma", Lang: "en", Published: day,
			Tags: news.Tags{EventType: news.EventAcquisition, Primary: "Beta", Layer: news.LayerMiddleware, Status: news.StatusAnnounced, Version: "t",
				Fields: news.Fields{Acquirer: "Beta", Target: "Gamma"}}},
		// Feed values written to attack the pages.
		{SourceID: srcs[1].ID, DedupKey: "d", URL: "javascript:alert(2)", Title: `<svg/onload=alert(3)> raises <b>$9M</b>`, Lang: "en", Published: day,
			Summary: `<img src=x onerror=alert(4)> <a href="javascript:alert(5)">x</a>`,
			Tags: news.Tags{EventType: news.EventFunding, Primary: `Evil"><script>alert(6)</script>`, Layer: news.LayerApplication, Version: "t",
				Companies: []news.CompanyTag{{Name: `Evil"><script>alert(6)</script>`}}, Fields: news.Fields{Amount: 9e6, Currency: "USD", AmountUSD: 9e6,
					LeadInvestors: []string{`<iframe src="javascript:alert(7)">`}}}},
	} {
		a.Fetched = day
		a.ContentHash = dedupe.ContentHash(a)
		if _, err := st.SaveArticle(ctx, a, dedupe.For(a)); err != nil {
			t.Fatalf("article %d: %v", i, err)
		}
	}
	// Events as the pipeline makes them.
	mergeEvents(t, st, day)
	stored, err := st.ArticlesAfter(ctx, 0, 100)
	if err != nil {
		t.Fatal(err)
	}
	if err := ix.Apply(ctx, stored); err != nil {
		t.Fatal(err)
	}
	sub := news.Subscriber{Email: "ana@example.org", Frequency: "daily", SendAt: "07:00", TZ: "UTC"}
	if err := st.AddSubscriber(ctx, &sub); err != nil {
		t.Fatal(err)
	}
	keys := digest.NewKeys("a-secret-of-at-least-16-bytes")
	keys.List = digest.ListID("https://tracker.example")
	tax, err := config.LoadDefaultTaxonomy()
	if err != nil {
		t.Fatal(err)
	}
	logs := logtest.New(t)
	logs.Secret("admin token", adminToken)
	logs.Secret("subscriber address", sub.Email)
	s := &Server{Index: index.NewLive(ix), Store: st, Keys: keys, AdminToken: adminToken, Logger: logs.Logger(), Version: "test",
		Taxonomy: tax, BaseURL: "https://tracker.example",
		Resolve: func(n string) string {
			if n == "智谱" {
				return "Zhipu AI"
			}
			return n
		}}
	for _, f := range configure {
		f(s)
	}
	srv := httptest.NewServer(s.Handler())
	t.Cleanup(srv.Close)
	return &storeServer{srv: srv, st: st, keys: keys, sub: sub, logs: logs}
}

func TestAPIEvents(t *testing.T) {
	ss := storeTestServer(t)
	var out struct {
		Events []map[string]any `json:"events"`
	}
	resp, body := get(t, ss.srv.URL+"/api/events?type=funding&company=智谱")
	if resp.StatusCode != 200 {
		t.Fatalf("status %d: %s", resp.StatusCode, body)
	}
	if err := json.Unmarshal([]byte(body), &out); err != nil {
		t.Fatal(err)
	}
	if len(out.Events) != 1 {
		t.Fatalf("events %s", body)
	}
	e := out.Events[0]
	// The fixed contract: every key present.
	for _, k := range []string{"id", "type", "primary_company", "layer", "status", "date", "amount", "currency", "amount_usd", "round",
		"lead_investors", "investors", "valuation", "acquirer", "target", "model", "sources", "articles"} {
		if _, ok := e[k]; !ok {
			t.Errorf("event lacks %q", k)
		}
	}
	if e["primary_company"] != "Zhipu AI" || e["sources"] != 2.0 || e["round"] != "series_b" || len(e["articles"].([]any)) != 2 {
		t.Errorf("event %v", e)
	}
	id := int(e["id"].(float64))

	resp, body = get(t, ss.srv.URL+"/api/events/"+strconv.Itoa(id))
	if resp.StatusCode != 200 || !strings.Contains(body, `"provenance"`) || !strings.Contains(body, `"reports"`) || !strings.Contains(body, `"sentence"`) {
		t.Errorf("event detail %d: %s", resp.StatusCode, body)
	}
	for path, code := range map[string]int{
		"/api/events?type=bogus":      400,
		"/api/events?since=tomorrow":  400,
		"/api/events?min_amount=lots": 400,
		"/api/events/999":             404,
		"/api/events/abc":             400,
		"/api/companies/nobody":       404,
	} {
		if resp, body := get(t, ss.srv.URL+path); resp.StatusCode != code || !strings.Contains(body, `"error"`) {
			t.Errorf("%s: %d %s, want %d with an error", path, resp.StatusCode, body, code)
		}
	}
	resp, body = get(t, ss.srv.URL+"/api/companies/"+url.PathEscape("智谱"))
	if resp.StatusCode != 200 || !strings.Contains(body, `"disclosed_funding_usd": 139000000`) || !strings.Contains(body, `"last_round"`) {
		t.Errorf("company: %d %s", resp.StatusCode, body)
	}
	resp, body = get(t, ss.srv.URL+"/api/companies")
	if resp.StatusCode != 200 || !strings.Contains(body, "Zhipu AI") || !strings.Contains(body, `"Beta"`) {
		t.Errorf("companies: %d %s", resp.StatusCode, body)
	}
}

func TestEventPage(t *testing.T) {
	ss := storeTestServer(t)
	evs, _ := ss.st.Events(context.Background(), store.EventFilter{Types: []news.EventType{news.EventFunding}})
	resp, body := get(t, ss.srv.URL+"/events/"+strconv.Itoa(int(evs[0].ID)))
	if resp.StatusCode != 200 {
		t.Fatalf("status %d", resp.StatusCode)
	}
	for _, want := range []string{"Zhipu AI — funding", "series_b", "1B CNY", "“Zhipu raises 1 billion yuan”", "https://news.example/zhipu", "快报"} {
		if !strings.Contains(body, want) {
			t.Errorf("event page lacks %q", want)
		}
	}
	if strings.Contains(body, "<script>") || strings.Contains(body, `href="javascript:`) {
		t.Error("feed values reached the page unescaped")
	}
	if csp := resp.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'none'") {
		t.Errorf("CSP %q", csp)
	}
	if resp, _ := get(t, ss.srv.URL+"/events/12345"); resp.StatusCode != 404 {
		t.Errorf("missing event: %d", resp.StatusCode)
	}
}

func TestOneClickUnsubscribe(t *testing.T) {
	ctx := context.Background()
	ss := storeTestServer(t)
	status := func() string {
		s, err := ss.st.Subscriber(ctx, ss.sub.ID, "")
		if err != nil {
			t.Fatal(err)
		}
		return s.Status
	}
	tok := ss.keys.Token(ss.sub.ID, time.Now())
	ss.logs.Secret("unsubscribe token", tok)
	link := ss.srv.URL + "/u/" + tok

	// A GET (a mail scanner following links) only asks.
	resp, body := get(t, link)
	if resp.StatusCode != 200 || !strings.Contains(body, `method="post"`) || status() != news.SubscriberActive {
		t.Fatalf("GET: %d, status %s", resp.StatusCode, status())
	}
	if csp := resp.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "form-action 'self'") {
		t.Errorf("CSP %q", csp)
	}
	// Forged, truncated, foreign, other-list and expired tokens change
	// nothing, by GET or POST; an expired one says so.
	forged := []byte(tok)
	forged[5] ^= 2
	otherList := digest.NewKeys("a-secret-of-at-least-16-bytes")
	otherList.List = digest.ListID("https://other.example")
	for _, tc := range []struct {
		name, token string
		code        int
		want        string
	}{
		{"forged", string(forged), 400, "not valid"},
		{"truncated", tok[:20], 400, "not valid"},
		{"another key", digest.NewKeys("another-secret-0123456789").Token(ss.sub.ID, time.Now()), 400, "not valid"},
		{"another list, same key", otherList.Token(ss.sub.ID, time.Now()), 400, "not valid"},
		{"a confirmation token", ss.keys.ConfirmToken(ss.sub.ID, time.Now()), 400, "not valid"},
		{"expired", ss.keys.Token(ss.sub.ID, time.Now().Add(-digest.DefaultTokenMaxAge-time.Hour)), 410, "has expired: such links work for 180 days"},
		{"garbage", "x", 400, "not valid"},
	} {
		for _, method := range []string{"GET", "POST"} {
			req, _ := http.NewRequest(method, ss.srv.URL+"/u/"+tc.token, strings.NewReader("List-Unsubscribe=One-Click"))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != tc.code || !strings.Contains(string(body), tc.want) || status() != news.SubscriberActive {
				t.Errorf("%s %s token: %d, status %s; want %d saying %q", method, tc.name, resp.StatusCode, status(), tc.code, tc.want)
			}
		}
	}
	// RFC 8058: a POST with List-Unsubscribe=One-Click, no cookie.
	for range 2 {
		if resp := post(t, link); resp.StatusCode != 200 || status() != news.SubscriberUnsubscribed {
			t.Errorf("POST: %d, status %s", resp.StatusCode, status())
		}
	}
}

func post(t *testing.T, u string) *http.Response {
	t.Helper()
	resp, err := http.Post(u, "application/x-www-form-urlencoded", strings.NewReader("List-Unsubscribe=One-Click"))
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp
}

func TestAdminSubscribersAPI(t *testing.T) {
	ss := storeTestServer(t)
	call := func(method, path, token, body string) (int, string) {
		t.Helper()
		req, _ := http.NewRequest(method, ss.srv.URL+path, strings.NewReader(body))
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	add := `{"email": "bo@example.org", "types": "funding,acquisition", "layers": "model", "companies": "智谱", "min_amount": "50M", "frequency": "weekly", "at": "08:30", "tz": "Asia/Shanghai"}`
	for _, tc := range []struct {
		method, path, token, body string
		code                      int
		want                      string
	}{
		{"GET", "/api/subscribers", "", "", 401, "admin token"},
		{"POST", "/api/subscribers", "wrong", add, 401, "admin token"},
		{"POST", "/api/subscribers", adminToken, add, 201, `"Zhipu AI"`},
		{"POST", "/api/subscribers", adminToken, add, 409, "already subscribed"},
		{"POST", "/api/subscribers", adminToken, `{"email": "not an address"}`, 400, "email"},
		{"POST", "/api/subscribers", adminToken, `{"email": "c@example.org", "tz": "Mars/Base"}`, 400, "tz"},
		{"POST", "/api/subscribers", adminToken, `{"email": "c@example.org", "query": "type:nonsense"}`, 400, "query"},
		{"POST", "/api/subscribers", adminToken, `{"email": "c@example.org", "colour": "red"}`, 400, "unknown field"},
		{"GET", "/api/subscribers", adminToken, "", 200, "bo@example.org"},
		{"DELETE", "/api/subscribers/bo@example.org", adminToken, "", 204, ""},
		{"DELETE", "/api/subscribers/bo@example.org", adminToken, "", 404, "no subscriber"},
		{"POST", "/api/sources", "", `{"name": "New", "url": "https://new.example/feed"}`, 401, "admin token"},
		{"POST", "/api/sources", adminToken, `{"name": "New", "url": "ftp://new.example/feed"}`, 400, "url:"},
		{"POST", "/api/sources", adminToken, `{"name": "New", "url": "http://[::1%25lo]:8080/feed.xml"}`, 400, "has a zone (%lo)"},
		{"POST", "/api/sources", adminToken, `{"name": "New", "url": "http://[fe80::1%25eth0]/feed.xml"}`, 400, "has a zone (%eth0)"},
		{"POST", "/api/sources", adminToken, `{"name": "New", "url": "http://[::127.0.0.1]/feed.xml"}`, 400, "IPv4-compatible"},
		{"POST", "/api/sources", adminToken, `{"name": "New", "url": "http://[64:ff9b::a9fe:a9fe]/"}`, 400, "NAT64"},
		{"POST", "/api/sources", adminToken, `{"name": "New", "url": "https://new.example/feed", "lang": "zh"}`, 201, `"name": "New"`},
		{"POST", "/api/sources", adminToken, `{"name": "Again", "url": "https://new.example/feed"}`, 409, "exists"},
		{"GET", "/api/sources", "", "", 200, `"name": "New"`},
	} {
		code, body := call(tc.method, tc.path, tc.token, tc.body)
		if code != tc.code || !strings.Contains(body, tc.want) {
			t.Errorf("%s %s: %d %s, want %d with %q", tc.method, tc.path, code, body, tc.code, tc.want)
		}
	}
}

// mergeEvents merges every group of the store's articles into events and
// stores them as merged at at, as the pipeline does after a pass.
func mergeEvents(t *testing.T, st store.Store, at time.Time) {
	t.Helper()
	ctx := context.Background()
	groups, err := st.AllEventGroups(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var evs []news.Event
	for _, g := range groups {
		_, arts, err := st.GroupArticles(ctx, g)
		if err != nil {
			t.Fatal(err)
		}
		evs = append(evs, events.Merge(arts)...)
	}
	if _, err := st.ReplaceEvents(ctx, groups, evs, &store.EventsMark{Version: events.Version}, at); err != nil {
		t.Fatal(err)
	}
}
