package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"net/http"
	"net/mail"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/aitracker/aitracker/config"
	"github.com/aitracker/aitracker/internal/mailtest"
	"github.com/aitracker/aitracker/news"
	"github.com/aitracker/aitracker/store"
)

// TestEventsCompaniesAndDigestCLI runs what an operator runs after the
// demo: list events and companies, add a subscriber, send the digest to a
// loopback mail server, preview it and read the ledger.
func TestEventsCompaniesAndDigestCLI(t *testing.T) {
	sequentialCommands(t)
	dir := demoData(t)
	code, out, errOut := run(t, "events", "--data-dir", dir, "--json", "--limit", "0")
	if code != 0 {
		t.Fatalf("events --json: %d %s", code, errOut)
	}
	var res struct {
		Events []map[string]any `json:"events"`
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("events --json is not JSON: %v", err)
	}
	if len(res.Events) < 20 {
		t.Fatalf("%d events from the demo", len(res.Events))
	}
	merged := 0
	for _, e := range res.Events {
		for _, k := range []string{"id", "type", "primary_company", "layer", "status", "date", "amount", "currency", "amount_usd", "round",
			"lead_investors", "investors", "valuation", "acquirer", "target", "model", "sources", "articles"} {
			if _, ok := e[k]; !ok {
				t.Fatalf("event lacks %q: %v", k, e)
			}
		}
		if e["sources"].(float64) >= 2 {
			merged++
		}
	}
	if merged < 5 {
		t.Errorf("only %d events merge reports from several sources", merged)
	}

	code, out, _ = run(t, "events", "--data-dir", dir, "--csv", "--type", "funding", "--company", "Mistral")
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if code != 0 || err != nil || len(rows) < 2 || rows[0][0] != "id" || rows[1][2] != "Mistral AI" {
		t.Errorf("events --csv --company Mistral: %d %v\n%s", code, err, out)
	}
	code, out, _ = run(t, "events", "--data-dir", dir, rows[1][0])
	if code != 0 || !strings.Contains(out, "reports:") || !strings.Contains(out, "from article") {
		t.Errorf("events ID: %d\n%s", code, out)
	}
	if code, _, errOut := run(t, "events", "--data-dir", dir, "--type", "gossip"); code != 2 || !strings.Contains(errOut, `unknown event type "gossip"`) {
		t.Errorf("bad type: %d %s", code, errOut)
	}
	code, out, _ = run(t, "companies", "--data-dir", dir)
	if code != 0 || !strings.Contains(out, "DISCLOSED FUNDING") || !strings.Contains(out, "Mistral AI") {
		t.Errorf("companies: %d\n%s", code, out)
	}
	code, out, _ = run(t, "companies", "--data-dir", dir, "mistral")
	if code != 0 || !strings.Contains(out, "Mistral AI · model") || !strings.Contains(out, "timeline:") {
		t.Errorf("companies mistral: %d\n%s", code, out)
	}

	in := mailtest.Start(t)
	port := strconv.Itoa(in.Port)
	cfgPath := filepath.Join(t.TempDir(), "c.yaml")
	os.WriteFile(cfgPath, []byte(fmt.Sprintf(`sources: []
digest:
  from: "aitracker <digest@tracker.example>"
  base_url: "https://tracker.example"
  secret: "a-secret-of-at-least-16-bytes"
  smtp: {host: 127.0.0.1, port: %s, starttls: never, timeout: 5s, password: "smtp-password-never-logged"}
log: {level: debug}
`, port)), 0o644)
	logs := logsOf(t)
	logs.Secret("HMAC key", "a-secret-of-at-least-16-bytes")
	logs.Secret("SMTP password", "smtp-password-never-logged")
	logs.Secret("subscriber address", "ana@example.org")
	if code, _, errOut := run(t, "subscribers", "--config", cfgPath, "--data-dir", dir, "add", "ana@example.org", "--tz", "Mars/Base"); code != 2 || !strings.Contains(errOut, "tz:") {
		t.Errorf("bad tz: %d %s", code, errOut)
	}
	code, out, errOut = run(t, "subscribers", "--config", cfgPath, "--data-dir", dir, "add", "ana@example.org",
		"--types", "funding,acquisition", "--layers", "model,infrastructure", "--daily", "--at", "07:00", "--tz", "Asia/Shanghai")
	if code != 0 || !strings.Contains(out, "subscribed ana@example.org") {
		t.Fatalf("subscribers add: %d %s %s", code, out, errOut)
	}
	code, out, _ = run(t, "subscribers", "--config", cfgPath, "--data-dir", dir, "list")
	if code != 0 || !strings.Contains(out, "ana@example.org") || !strings.Contains(out, "types funding, acquisition") {
		t.Errorf("subscribers list: %d\n%s", code, out)
	}
	code, out, errOut = run(t, "digest", "--config", cfgPath, "--data-dir", dir, "send", "--force")
	if code != 0 || !strings.Contains(out, "1 sent") {
		t.Fatalf("digest send --force: %d %s %s", code, out, errOut)
	}
	if in.Count() != 1 {
		t.Fatalf("%d messages at the mail server", in.Count())
	}
	msg, err := mail.ReadMessage(strings.NewReader(string(in.Messages()[0].Data)))
	if err != nil {
		t.Fatal(err)
	}
	logs.Secret("unsubscribe token", tokenOf(t, msg.Header.Get("List-Unsubscribe")))
	subject := msg.Header.Get("Subject")
	if !strings.Contains(subject, "rounds") || !strings.Contains(msg.Header.Get("List-Unsubscribe"), "https://tracker.example/u/") {
		t.Errorf("message headers: subject %q, list-unsubscribe %q", subject, msg.Header.Get("List-Unsubscribe"))
	}
	// Forced again in the same period: still one message.
	if code, out, _ := run(t, "digest", "--config", cfgPath, "--data-dir", dir, "send", "--force"); code != 0 || !strings.Contains(out, "0 sent") || in.Count() != 1 {
		t.Errorf("second forced send: %d %s, %d messages", code, out, in.Count())
	}
	page := filepath.Join(t.TempDir(), "preview.html")
	code, out, _ = run(t, "digest", "--config", cfgPath, "--data-dir", dir, "preview", "--subscriber", "ana@example.org", "--since", "30d", "--out", page)
	html, _ := os.ReadFile(page)
	if code != 0 || !strings.HasPrefix(out, "Subject: ") || !strings.Contains(string(html), "Funding rounds") {
		t.Errorf("digest preview: %d\n%s", code, out)
	}
	code, out, _ = run(t, "digest", "--config", cfgPath, "--data-dir", dir, "status")
	if code != 0 || !strings.Contains(out, "ana@example.org") || !strings.Contains(out, "sent") {
		t.Errorf("digest status: %d\n%s", code, out)
	}
	if code, _, _ := run(t, "subscribers", "--config", cfgPath, "--data-dir", dir, "remove", "ana@example.org"); code != 0 {
		t.Errorf("subscribers remove: %d", code)
	}
	if code, _, errOut := run(t, "subscribers", "--config", cfgPath, "--data-dir", dir, "remove", "ana@example.org"); code != 1 || !strings.Contains(errOut, "no subscriber") {
		t.Errorf("removing twice: %d %s", code, errOut)
	}
}

func TestDigestConfigIsChecked(t *testing.T) {
	path := filepath.Join(t.TempDir(), "c.yaml")
	os.WriteFile(path, []byte("digest:\n  from: \"aitracker <d@x.example>\"\n  smtp: {port: 0, starttls: maybe}\n"), 0o644)
	code, _, errOut := run(t, "check", "--config", path)
	for _, want := range []string{"digest.base_url: must be set", "digest.secret: must be at least 16 characters", "digest.smtp.port", "digest.smtp.starttls"} {
		if code != 1 || !strings.Contains(errOut, want) {
			t.Errorf("check: %d, want %q in\n%s", code, want, errOut)
		}
	}
}

// TestRunSendsDueDigests: "aitracker run" mails a subscriber whose send
// time has passed, once, after the first ingestion pass; its one-click
// link unsubscribes. At debug level, the daemon's log holds no address,
// token, password or key.
func TestRunSendsDueDigests(t *testing.T) {
	in := mailtest.Start(t)
	logs := logsOf(t)
	logs.Secret("HMAC key", "a-secret-of-at-least-16-bytes")
	logs.Secret("SMTP password", "smtp-password-never-logged")
	logs.Secret("admin token", "admin-token-never-logged")
	logs.Secret("subscriber address", "ana@example.org")
	d := startDemo(t, func(cfg *config.Config) {
		cfg.Log.Level = "debug"
		cfg.AdminToken = "admin-token-never-logged"
		cfg.Digest.From, cfg.Digest.BaseURL, cfg.Digest.Secret = "aitracker <digest@tracker.example>", "https://tracker.example", "a-secret-of-at-least-16-bytes"
		cfg.Digest.SMTP.Host, cfg.Digest.SMTP.Port, cfg.Digest.SMTP.StartTLS = "127.0.0.1", in.Port, "never"
		cfg.Digest.SMTP.Password = "smtp-password-never-logged"
		cfg.Digest.Check = config.Dur(200 * time.Millisecond)
		st, err := store.Open(context.Background(), storePath(cfg))
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		// Due a minute ago, subscribed two days ago.
		sub := news.Subscriber{Email: "ana@example.org", Frequency: "daily", TZ: "UTC",
			SendAt: time.Now().UTC().Add(-time.Minute).Format("15:04"), Created: time.Now().Add(-48 * time.Hour)}
		if err := st.AddSubscriber(context.Background(), &sub); err != nil {
			t.Fatal(err)
		}
	})
	deadline := testDeadline(t)
	for in.Count() == 0 && time.Now().Before(deadline) {
		time.Sleep(100 * time.Millisecond)
	}
	msgs := in.Messages()
	if len(msgs) != 1 {
		t.Fatalf("%d digests sent", len(msgs))
	}
	m, err := mail.ReadMessage(bytes.NewReader(msgs[0].Data))
	if err != nil {
		t.Fatal(err)
	}
	if subj := m.Header.Get("Subject"); !strings.Contains(subj, "rounds") {
		t.Errorf("subject %q: the digest went out before the first pass brought the events", subj)
	}
	// More checks pass; still one message for the period.
	time.Sleep(600 * time.Millisecond)
	if n := in.Count(); n != 1 {
		t.Errorf("%d messages for one period", n)
	}
	// The link's token, on the daemon's own address: one click
	// unsubscribes.
	tok := tokenOf(t, m.Header.Get("List-Unsubscribe"))
	logs.Secret("unsubscribe token", tok)
	resp, err := d.client.Post(d.base+"u/"+tok, "application/x-www-form-urlencoded", strings.NewReader("List-Unsubscribe=One-Click"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("one-click unsubscribe: %d", resp.StatusCode)
	}
	// A wrong admin token is refused, and not logged either.
	req, _ := http.NewRequest("GET", d.base+"api/subscribers", nil)
	req.Header.Set("Authorization", "Bearer admin-token-never-logged-not")
	if resp, err := d.client.Do(req); err != nil || resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("wrong admin token: %v %v", resp, err)
	} else {
		resp.Body.Close()
	}
	if err := d.stop(); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(logs.String(), "level=DEBUG") {
		t.Error("no debug line was logged: the check saw less than the daemon can write")
	}
}

// tokenOf is the token of a List-Unsubscribe header.
func tokenOf(t *testing.T, header string) string {
	t.Helper()
	i := strings.LastIndex(header, "/u/")
	if i < 0 || !strings.HasSuffix(header, ">") {
		t.Fatalf("List-Unsubscribe %q has no token", header)
	}
	return header[i+3 : len(header)-1]
}

// TestCheckSaysHowLongLinksWork: "aitracker check" prints how long
// unsubscribe and confirmation links work, and the list they belong to.
func TestCheckSaysHowLongLinksWork(t *testing.T) {
	sequentialCommands(t)
	tests := []struct {
		name, yaml string
		code       int
		want       string // in stdout, or in stderr when the check fails
	}{
		{"a month", `sources: []
digest:
  from: "aitracker <digest@tracker.example>"
  base_url: "https://tracker.example"
  secret: "a-secret-of-at-least-16-bytes"
  token_max_age: 720h
`, 0, "digests on, list digest.tracker.example; unsubscribe links work for 30 days after their digest (digest.token_max_age 720h0m0s), confirmation links for 7 days"},
		{"the default", "sources: []\n", 0, "digests off (set digest.from); unsubscribe links work for 180 days"},
		{"not https", `sources: []
digest:
  from: "aitracker <digest@tracker.example>"
  base_url: "http://tracker.example"
  secret: "a-secret-of-at-least-16-bytes"
`, 0, "warning: digest.base_url http://tracker.example is not https"},
		{"too short", "digest:\n  token_max_age: 1h\n", 1, "digest.token_max_age: must be between 336h (14 days)"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "c.yaml")
			os.WriteFile(path, []byte(tc.yaml), 0o644)
			code, out, errOut := run(t, "check", "--config", path)
			if code != tc.code || !strings.Contains(out+errOut, tc.want) {
				t.Errorf("exit %d, want %d and %q in\n%s%s", code, tc.code, tc.want, out, errOut)
			}
			if warned := strings.Contains(errOut, "is not https"); warned != strings.Contains(tc.yaml, "http:") {
				t.Errorf("https warning %v for\n%s", warned, tc.yaml)
			}
		})
	}
}
