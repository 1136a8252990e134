package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aitracker/aitracker/demo"
)

// run runs the command line in-process and returns exit code and output.
func run(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := runMain(context.Background(), &env{stdout: &out, stderr: io.MultiWriter(&errOut, records{logsOf(t)})}, args)
	return code, out.String(), errOut.String()
}

func TestHelp(t *testing.T) {
	code, out, _ := run(t, "--help")
	if code != 0 || !strings.Contains(out, "Commands:") {
		t.Fatalf("--help: %d %s", code, out)
	}
	for _, c := range commands {
		code, out, errOut := run(t, c.name, "--help")
		if code != 0 || !strings.Contains(out, "Usage: aitracker "+c.name) {
			t.Errorf("%s --help: code %d, out %q, err %q", c.name, code, out, errOut)
		}
	}
	if code, _, errOut := run(t, "frobnicate"); code != 2 || !strings.Contains(errOut, `unknown command "frobnicate"`) {
		t.Errorf("unknown command: %d %s", code, errOut)
	}
	if code, _, errOut := run(t, "search", "--bogus"); code != 2 || !strings.Contains(errOut, "flag provided but not defined") {
		t.Errorf("unknown flag: %d %s", code, errOut)
	}
}

func TestBadConfigNamesFileAndLine(t *testing.T) {
	path := filepath.Join(t.TempDir(), "bad.yaml")
	os.WriteFile(path, []byte("data_dir: ./d\nschedule: \"every day\"\n"), 0o644)
	code, _, errOut := run(t, "check", "--config", path)
	if code != 1 || !strings.Contains(errOut, path+`:2:11: schedule: bad cron spec "every day"`) {
		t.Errorf("check: %d %q", code, errOut)
	}
	code, _, errOut = run(t, "ingest", "--config", path)
	if code != 1 || !strings.Contains(errOut, "bad cron spec") {
		t.Errorf("ingest refuses a bad config: %d %q", code, errOut)
	}
}

// TestDemoOnceThenSearch is the loop a new user runs: ingest the sample
// feeds into a directory, then search it.
func TestDemoOnceThenSearch(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "demo")
	code, out, errOut := run(t, "demo", "--data-dir", dir, "--once")
	if code != 0 || !strings.Contains(out, "4 sources: 4 ok") || !strings.Contains(out, "52 new articles") {
		t.Fatalf("demo --once: %d\n%s\n%s", code, out, errOut)
	}
	code, out, errOut = run(t, "search", "--data-dir", dir, "--json", "funding")
	if code != 0 {
		t.Fatalf("search: %d %s", code, errOut)
	}
	var res struct {
		Total int `json:"total"`
		Hits  []struct {
			Title     string   `json:"title"`
			EventType string   `json:"event_type"`
			Layer     string   `json:"layer"`
			Companies []string `json:"companies"`
			Lang      string   `json:"lang"`
		} `json:"hits"`
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("search --json output is not JSON: %v\n%s", err, out)
	}
	if res.Total < 15 || len(res.Hits) == 0 {
		t.Fatalf("funding search: total %d", res.Total)
	}
	langs := map[string]bool{}
	var withCompanyAndLayer int
	for _, h := range res.Hits {
		if h.EventType != "funding" {
			t.Errorf("%q tagged %s", h.Title, h.EventType)
		}
		if len(h.Companies) > 0 && h.Layer != "" && h.Layer != "none" {
			withCompanyAndLayer++
		}
		langs[h.Lang] = true
	}
	if withCompanyAndLayer < len(res.Hits)*2/3 || !langs["en"] || !langs["zh"] {
		t.Errorf("%d of %d hits have companies and a layer; languages %v", withCompanyAndLayer, len(res.Hits), langs)
	}
	// The table view and an empty query.
	code, out, _ = run(t, "search", "--data-dir", dir, "--limit", "3")
	if code != 0 || !strings.Contains(out, "1–3 of 52 articles") {
		t.Errorf("search table: %d\n%s", code, out)
	}
	code, _, errOut = run(t, "search", "--data-dir", dir, "color:red")
	if code != 2 || !strings.Contains(errOut, `unknown filter "color"`) {
		t.Errorf("bad query: %d %s", code, errOut)
	}
	code, out, _ = run(t, "sources", "--data-dir", dir, "--config", emptySourcesConfig(t))
	if code != 0 || !strings.Contains(out, "Demo AI Wire") {
		t.Errorf("sources: %d\n%s", code, out)
	}
	code, out, _ = run(t, "reindex", "--data-dir", dir)
	if code != 0 || !strings.Contains(out, "index rebuilt: 52 articles") {
		t.Errorf("reindex: %d %s", code, out)
	}
	// Ingesting the same feeds again through a config adds nothing.
	srv, err := demo.Start()
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	cfgPath := filepath.Join(t.TempDir(), "c.yaml")
	var b strings.Builder
	fmt.Fprintf(&b, "fetch:\n  allow_private_networks: true\n  jitter: 0s\n  host_interval: 0s\nschedule: \"\"\nsources:\n")
	for _, s := range srv.Sources() {
		fmt.Fprintf(&b, "  - name: %q\n    url: %s\n    lang: %s\n", s.Name, s.URL, s.Lang)
	}
	os.WriteFile(cfgPath, []byte(b.String()), 0o644)
	code, out, errOut = run(t, "ingest", "--config", cfgPath, "--data-dir", filepath.Join(t.TempDir(), "d2"))
	if code != 0 || !strings.Contains(out, "52 new articles") {
		t.Fatalf("ingest: %d %s %s", code, out, errOut)
	}
}

func emptySourcesConfig(t *testing.T) string {
	p := filepath.Join(t.TempDir(), "empty.yaml")
	os.WriteFile(p, []byte("sources: []\n"), 0o644)
	return p
}

func TestExplain(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a.txt")
	os.WriteFile(path, []byte("Acme Robotics raises $40 million Series B led by Sequoia Capital\n\nThe warehouse robot maker said Nvidia also participated.\n"), 0o644)
	code, out, errOut := run(t, "explain", path)
	if code != 0 {
		t.Fatalf("explain: %d %s", code, errOut)
	}
	for _, want := range []string{"result:  funding · layer application · completed · primary Acme Robotics",
		"amount 40,000,000 USD", "round series_b", "lead Sequoia Capital", "event_type", `title[42:48] "led by"`} {
		if !strings.Contains(out, want) {
			t.Errorf("explain output lacks %q:\n%s", want, out)
		}
	}
	code, out, _ = run(t, "explain", "--json", path)
	var tags map[string]any
	if code != 0 || json.Unmarshal([]byte(out), &tags) != nil || tags["event_type"] != "funding" {
		t.Errorf("explain --json: %d %s", code, out)
	}
}

func TestEval(t *testing.T) {
	path := filepath.Join(t.TempDir(), "items.jsonl")
	items := `{"id": "t-1", "lang": "en", "title": "Acme Robotics raises $40 million Series B led by Sequoia Capital", "summary": "", "gold": {"companies": ["Acme Robotics"], "primary_company": "Acme Robotics", "layer": "application", "event_type": "funding", "status": "completed", "amount": 40000000, "currency": "USD", "round": "series_b", "investors": ["Sequoia Capital"], "lead_investors": ["Sequoia Capital"], "valuation": null, "acquirer": null, "target": null, "model": null}}
{"id": "t-2", "lang": "zh", "title": "美团宣布收购星河数智", "summary": "", "gold": {"companies": ["Meituan", "Xinghe Shuzhi"], "primary_company": "Meituan", "layer": "application", "event_type": "acquisition", "status": "announced", "amount": null, "currency": null, "round": null, "investors": [], "lead_investors": [], "valuation": null, "acquirer": "Meituan", "target": "Xinghe Shuzhi", "model": null}}
`
	os.WriteFile(path, []byte(items), 0o644)
	code, out, errOut := run(t, "eval", "--json", path)
	if code != 0 {
		t.Fatalf("eval: %d %s", code, errOut)
	}
	var rep struct {
		N         int `json:"n"`
		EventType struct {
			MacroF1  float64 `json:"macro_f1"`
			PerLabel map[string]struct {
				P, R, F1 float64
				Support  int
			} `json:"per_label"`
		} `json:"event_type"`
		Primary struct {
			Accuracy float64 `json:"accuracy"`
		} `json:"primary_company"`
		Fields map[string]struct{ P, R, F1 float64 } `json:"fields"`
		ByLang map[string]any                        `json:"by_lang"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.N != 2 || rep.EventType.MacroF1 != 1 || rep.Primary.Accuracy != 1 || rep.Fields["amount"].F1 != 1 ||
		rep.ByLang["en"] == nil || rep.ByLang["zh"] == nil {
		t.Errorf("eval report: %+v", rep)
	}
	if rep.Fields["target"].R != 0 {
		t.Errorf("target 星河数智 is not Xinghe Shuzhi, yet scored as found: %+v", rep.Fields["target"])
	}
	code, out, _ = run(t, "eval", "--errors", path)
	if code != 0 || !strings.Contains(out, `t-2 target: want "Xinghe Shuzhi", got "星河数智"`) {
		t.Errorf("eval --errors: %s", out)
	}
}

// TestServeStopsCleanly runs the daemon on a loopback port with the demo
// feeds, searches it over HTTP, then cancels it as Ctrl-C does.
func TestServeStopsCleanly(t *testing.T) {
	d := startDemo(t)
	cfg, base := d.cfg, d.base
	// The first pass runs right after start.
	if d.first.New != 52 {
		t.Fatalf("first pass: %s", d.first)
	}
	resp, err := http.Get(base + "api/search?q=funding")
	if err != nil {
		t.Fatal(err)
	}
	var res struct{ Total int }
	json.NewDecoder(resp.Body).Decode(&res)
	resp.Body.Close()
	if res.Total < 15 {
		t.Fatalf("GET /api/search?q=funding: total %d", res.Total)
	}
	// The CLI searches through the daemon while it holds the index.
	cfgPath := filepath.Join(t.TempDir(), "c.yaml")
	listen := strings.TrimSuffix(strings.TrimPrefix(base, "http://"), "/")
	os.WriteFile(cfgPath, []byte(fmt.Sprintf("data_dir: %q\nlisten: %q\nsources: []\n", cfg.DataDir, listen)), 0o644)
	code, out, errOut := run(t, "search", "--config", cfgPath, "--json", "funding")
	if code != 0 || !strings.Contains(out, fmt.Sprintf(`"total": %d`, res.Total)) {
		t.Errorf("CLI search while the daemon runs: %d %s %s", code, out, errOut)
	}
	if err := d.stop(); err != nil {
		t.Fatalf("serve: %v", err)
	}
	if !strings.Contains(d.logs.String(), "stopped") {
		t.Errorf("no stop log line:\n%s", d.logs.String())
	}
	// Everything was closed: the store and index open again at once.
	code, out, errOut = run(t, "search", "--data-dir", cfg.DataDir, "--json", "")
	if code != 0 || !strings.Contains(out, `"total": 52`) {
		t.Errorf("reopen after stop: %d %s %s", code, out, errOut)
	}
}

func TestSourcesImportExport(t *testing.T) {
	dir := t.TempDir()
	cfgPath := emptySourcesConfig(t)
	code, out, errOut := run(t, "sources", "--config", cfgPath, "--data-dir", dir, "import", "testdata/sources.opml")
	if code != 0 || !strings.Contains(out, "2 sources in testdata/sources.opml, 2 new") {
		t.Fatalf("import: %d %s %s", code, out, errOut)
	}
	code, out, _ = run(t, "sources", "--config", cfgPath, "--data-dir", dir, "import", "testdata/sources.opml")
	if code != 0 || !strings.Contains(out, "0 new") {
		t.Errorf("second import: %s", out)
	}
	code, out, _ = run(t, "sources", "--config", cfgPath, "--data-dir", dir, "export")
	if code != 0 || !strings.Contains(out, `xmlUrl="https://cn.example.com/rss"`) || !strings.Contains(out, `language="zh"`) || strings.Count(out, "xmlUrl") != 2 {
		t.Errorf("export: %s", out)
	}
	code, out, _ = run(t, "sources", "--config", cfgPath, "--data-dir", dir)
	if code != 0 || !strings.Contains(out, "中文 AI 快讯") || !strings.Contains(out, "new") {
		t.Errorf("list: %s", out)
	}
	bad := filepath.Join(t.TempDir(), "bad.opml")
	os.WriteFile(bad, []byte(`<opml><body><outline text="x" xmlUrl="ftp://x/feed"/></body></opml>`), 0o644)
	code, _, errOut = run(t, "sources", "--config", cfgPath, "--data-dir", dir, "import", bad)
	if code != 1 || !strings.Contains(errOut, `outline "x": bad URL "ftp://x/feed"`) {
		t.Errorf("bad OPML: %d %s", code, errOut)
	}
	os.WriteFile(bad, []byte(`<html><body>not opml`), 0o644)
	if code, _, errOut = run(t, "sources", "--config", cfgPath, "--data-dir", dir, "import", bad); code != 1 || !strings.Contains(errOut, "not OPML") {
		t.Errorf("not OPML: %d %s", code, errOut)
	}
}

func TestCandidatesPromoteReclassify(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "d")
	if code, _, errOut := run(t, "demo", "--data-dir", dir, "--once"); code != 0 {
		t.Fatal(errOut)
	}
	code, out, _ := run(t, "companies", "--data-dir", dir, "candidates", "--json")
	var res struct {
		Candidates []struct {
			Name     string
			Articles int
			Layer    string
			Example  string
		}
	}
	if code != 0 || json.Unmarshal([]byte(out), &res) != nil || len(res.Candidates) == 0 {
		t.Fatalf("candidates: %d %s", code, out)
	}
	if c := res.Candidates[0]; c.Name != "Lumora Robotics" || c.Articles != 3 || c.Layer != "application" || c.Example == "" {
		t.Errorf("top candidate %+v", c)
	}
	code, out, errOut := run(t, "companies", "--data-dir", dir, "promote", "Lumora Robotics", "--alias", "Lumora")
	if code != 0 || !strings.Contains(out, "layer application") || !strings.Contains(out, "articles re-tagged") {
		t.Fatalf("promote: %d %s %s", code, out, errOut)
	}
	code, out, _ = run(t, "companies", "--data-dir", dir, "candidates")
	if code != 0 || strings.Contains(out, "Lumora Robotics") {
		t.Errorf("a promoted company is still a candidate:\n%s", out)
	}
	code, out, _ = run(t, "search", "--data-dir", dir, "--json", `company:"Lumora Robotics"`)
	if code != 0 || !strings.Contains(out, `"total": 3`) {
		t.Errorf("search after promotion: %s", out)
	}
	// Promoting twice, or with a layer nobody can infer, is refused.
	if code, _, errOut = run(t, "companies", "--data-dir", dir, "promote", "Lumora Robotics"); code != 1 || !strings.Contains(errOut, "already in") {
		t.Errorf("second promotion: %d %s", code, errOut)
	}
	if code, _, errOut = run(t, "companies", "--data-dir", dir, "promote", "Cortexa"); code != 2 || !strings.Contains(errOut, "give --layer") {
		t.Errorf("promotion without a layer: %d %s", code, errOut)
	}
	// Nothing changed since: reclassify has nothing to do.
	code, out, _ = run(t, "reclassify", "--data-dir", dir)
	if code != 0 || !strings.HasPrefix(out, "0 articles re-tagged") {
		t.Errorf("reclassify: %s", out)
	}
	// The stored trail of an article.
	code, out, _ = run(t, "explain", "--data-dir", dir, "--article", "1")
	if code != 0 || !strings.Contains(out, "trail:") || !strings.Contains(out, "article 1 ·") {
		t.Errorf("explain --article: %s", out)
	}
}
