package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/aitracker/aitracker/config"
	"github.com/aitracker/aitracker/news"
)

func TestThousands(t *testing.T) {
	tests := []struct {
		v    float64
		want string
	}{
		{0, "0"},
		{999, "999"},
		{1000, "1,000"},
		{40_000_000, "40,000,000"},
		{1_300_000_000, "1,300,000,000"},
		{-1_500, "-1,500"},
		{-150, "-150"},
		{2.6, "3"}, // whole amounts only
	}
	for _, tc := range tests {
		t.Run(tc.want, func(t *testing.T) {
			if got := thousands(tc.v); got != tc.want {
				t.Errorf("thousands(%v) = %q, want %q", tc.v, got, tc.want)
			}
		})
	}
}

func TestClip(t *testing.T) {
	tests := []struct {
		s    string
		n    int
		want string
	}{
		{"short", 10, "short"},
		{"exactly ten", 11, "exactly ten"},
		{"a little too long", 10, "a little …"},
		{"百川智能完成A轮融资", 5, "百川智能…"}, // runes, not bytes
		{"", 3, ""},
	}
	for _, tc := range tests {
		t.Run(tc.s, func(t *testing.T) {
			if got := clip(tc.s, tc.n); got != tc.want {
				t.Errorf("clip(%q, %d) = %q, want %q", tc.s, tc.n, got, tc.want)
			}
		})
	}
}

func TestSnippetText(t *testing.T) {
	tests := []struct {
		name     string
		snippet  string
		terminal bool
		want     string
	}{
		{"marks dropped off a terminal", "Acme <mark>raises</mark> $40M", false, "Acme raises $40M"},
		{"marks bold on a terminal", "Acme <mark>raises</mark>", true, "Acme \x1b[1mraises\x1b[0m"},
		{"entities unescaped", "R&amp;D &lt;3 &#34;AI&#34;", false, `R&D <3 "AI"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := snippetText(tc.snippet, tc.terminal); got != tc.want {
				t.Errorf("snippetText(%q) = %q, want %q", tc.snippet, got, tc.want)
			}
		})
	}
}

func TestAmountText(t *testing.T) {
	tests := []struct {
		name string
		f    news.Fields
		want string
	}{
		{"none", news.Fields{}, ""},
		{"dollars", news.Fields{Amount: 40e6, Currency: "USD", AmountUSD: 40e6}, "40M USD"},
		{"another currency, with dollars", news.Fields{Amount: 2.1e9, Currency: "CNY", AmountUSD: 291e6}, "2.1B CNY ($291M)"},
		{"another currency, no rate", news.Fields{Amount: 5e8, Currency: "JPY"}, "500M JPY"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := amountText(tc.f); got != tc.want {
				t.Errorf("amountText = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestSourceStatus(t *testing.T) {
	later := time.Now().Add(time.Hour)
	tests := []struct {
		name string
		src  news.Source
		want string
	}{
		{"never tried", news.Source{Enabled: true}, "new"},
		{"fetched", news.Source{ID: 1, Enabled: true, LastAttemptAt: time.Now()}, "ok"},
		{"failing, retried later", news.Source{ID: 1, Enabled: true, LastAttemptAt: time.Now(), ConsecutiveFailures: 1, NextCheckAt: later},
			"failing, retry " + later.Local().Format("Jan 2 15:04")},
		{"flagged after three failures", news.Source{ID: 1, Enabled: true, ConsecutiveFailures: 3}, "FLAGGED"},
		{"removed from the configuration", news.Source{ID: 1}, "removed"},
		{"disabled, with why", news.Source{ID: 1, DisabledReason: "crashed during processing"}, "DISABLED: crashed during processing"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := sourceRow(tc.src).Status; got != tc.want {
				t.Errorf("status %q, want %q", got, tc.want)
			}
		})
	}
}

// TestListing: a list prints as JSON under its key, as the line for
// nothing, or as a table with a footer.
func TestListing(t *testing.T) {
	l := listing[string]{key: "names", none: "No names.", header: "NAME\tLENGTH",
		row: func(s string) string { return s + "\t" + strings.Repeat("*", len(s)) }, foot: "That is all."}
	tests := []struct {
		name   string
		l      listing[string]
		rows   []string
		asJSON bool
		want   string
	}{
		{"JSON", l, []string{"ab"}, true, "{\n  \"names\": [\n    \"ab\"\n  ]\n}\n"},
		{"JSON of nothing", l, []string{}, true, "{\n  \"names\": []\n}\n"},
		{"JSON of what json makes", listing[string]{key: "n", json: func(r []string) any { return len(r) }}, []string{"a", "b"}, true,
			"{\n  \"n\": 2\n}\n"},
		{"nothing", l, nil, false, "No names.\n"},
		{"nothing, header alone", listing[string]{header: "NAME", foot: "That is all."}, nil, false, "NAME\n"},
		{"table and footer", l, []string{"ab", "abcd"}, false, "NAME  LENGTH\nab    **\nabcd  ****\nThat is all.\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := tc.l.print(&b, tc.rows, tc.asJSON); err != nil {
				t.Fatal(err)
			}
			if b.String() != tc.want {
				t.Errorf("printed\n%q\nwant\n%q", b.String(), tc.want)
			}
		})
	}
}

// TestEmptyLists: over a new data directory every list command says
// there is nothing, in its own words, and with --json prints an object
// with its one key and nothing in it.
func TestEmptyLists(t *testing.T) {
	sequentialCommands(t)
	cfg := emptySourcesConfig(t)
	tests := []struct {
		args []string // the command, then what follows --config and --data-dir
		none string   // the table view's first line
		key  string
	}{
		{[]string{"companies"}, "No events yet.", "companies"},
		{[]string{"companies", "candidates"}, "No candidates: every company tagged so far is in the taxonomy.", "candidates"},
		{[]string{"events"}, "No events match.", "events"},
		{[]string{"subscribers", "list"}, "No subscribers. Add one with: aitracker subscribers add EMAIL", "subscribers"},
		{[]string{"digest", "status"}, "No digests sent yet.", "deliveries"},
		{[]string{"sources"}, "NAME  STATUS  LAST SUCCESS", "sources"}, // the header alone
	}
	dir := filepath.Join(t.TempDir(), "data")
	// A pass over no sources makes an empty store.
	if code, out, errOut := run(t, "ingest", "--config", cfg, "--data-dir", dir); code != 0 {
		t.Fatalf("ingest: exit %d\n%s%s", code, out, errOut)
	}
	for _, tc := range tests {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			args := append([]string{tc.args[0], "--config", cfg, "--data-dir", dir}, tc.args[1:]...)
			code, out, errOut := run(t, args...)
			if code != 0 || !strings.HasPrefix(out, tc.none) || strings.Count(out, "\n") != 1 {
				t.Errorf("exit %d, want 0 and the one line %q; got\n%s%s", code, tc.none, out, errOut)
			}
			code, out, errOut = run(t, append(args, "--json")...)
			var got map[string][]json.RawMessage
			if err := json.Unmarshal([]byte(out), &got); code != 0 || err != nil {
				t.Fatalf("--json: exit %d, %v\n%s%s", code, err, out, errOut)
			}
			if rows, ok := got[tc.key]; !ok || len(got) != 1 || len(rows) != 0 {
				t.Errorf("--json printed %s, want {%q: nothing}", out, tc.key)
			}
		})
	}
}

// TestReadExplainInput: a text's first line is the headline, the next
// paragraph the lead and the rest the body; an HTML page is flattened
// with its <title> as headline.
func TestReadExplainInput(t *testing.T) {
	tests := []struct {
		name, text           string
		title, summary, body string
		lang                 string
	}{
		{"headline, lead and body", "Acme raises $40M\r\n\r\nThe robot maker said so.\r\n\r\nIt will hire.\n", "Acme raises $40M",
			"The robot maker said so.", "It will hire.", "en"},
		{"headline alone", "  百川智能完成A轮融资  \n", "百川智能完成A轮融资", "", "", "zh"},
		{"HTML page", "<!DOCTYPE html><html><head><title>Acme &amp; Co raise</title></head><body><p>Funding news.</p></body></html>",
			"Acme & Co raise", "Funding news.", "", "en"},
	}
	cfg := config.Default()
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "in.txt")
			if err := os.WriteFile(path, []byte(tc.text), 0o644); err != nil {
				t.Fatal(err)
			}
			in, _, err := readExplainInput(t.Context(), cfg, path, nil)
			if err != nil {
				t.Fatal(err)
			}
			if in.Title != tc.title || in.Summary != tc.summary || in.Body != tc.body || in.Lang != tc.lang {
				t.Errorf("got title %q, summary %q, body %q, lang %q; want %q, %q, %q, %q",
					in.Title, in.Summary, in.Body, in.Lang, tc.title, tc.summary, tc.body, tc.lang)
			}
		})
	}
}

// TestNoStoreIsAnError: a command that reads data, pointed at a folder
// with no store (a typo in --data-dir), says so and exits 1 without
// creating the folder; the commands that set things up before the first
// pass (sources, subscribers) start a store there.
func TestNoStoreIsAnError(t *testing.T) {
	cfg := emptySourcesConfig(t)
	for _, args := range [][]string{
		{"search", "funding"},
		{"search"},
		{"events"},
		{"companies"},
		{"companies", "candidates"},
		{"digest", "status"},
		{"reindex"},
		{"reclassify"},
		{"explain", "--article", "1"},
	} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "typo")
			full := append([]string{args[0], "--config", cfg, "--data-dir", dir}, args[1:]...)
			code, out, errOut := run(t, full...)
			if code != 1 || !strings.Contains(errOut, "no data in "+dir) || !strings.Contains(errOut, "aitracker ingest") {
				t.Errorf("exit %d, want 1 and %q\n%s%s", code, "no data in "+dir, out, errOut)
			}
			if _, err := os.Stat(dir); !errors.Is(err, fs.ErrNotExist) {
				t.Errorf("the command created %s (%v)", dir, err)
			}
		})
	}
	for _, args := range [][]string{{"sources"}, {"subscribers", "list"}} {
		dir := filepath.Join(t.TempDir(), "new")
		full := append([]string{args[0], "--config", cfg, "--data-dir", dir}, args[1:]...)
		if code, out, errOut := run(t, full...); code != 0 {
			t.Errorf("%v on a new folder: exit %d\n%s%s", args, code, out, errOut)
		}
	}
}
