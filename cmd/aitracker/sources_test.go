package main

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/aitracker/aitracker/config"
	"github.com/aitracker/aitracker/news"
)

// TestSourceRowSaysErrorKind: `aitracker sources` says whether a failing
// source's error is transient or permanent, in the table and the JSON.
func TestSourceRowSaysErrorKind(t *testing.T) {
	later := time.Now().Add(4 * time.Hour)
	for _, tc := range []struct {
		name   string
		src    news.Source
		status string
		kind   string
	}{
		{"permanent", news.Source{ID: 1, Enabled: true, ConsecutiveFailures: 1, LastErrorKind: "permanent",
			LastError: "fetch x: fetch: server answered 404 Not Found", LastAttemptAt: time.Now(), NextCheckAt: later},
			"failing, permanent error, retry ", "permanent"},
		{"transient, flagged", news.Source{ID: 2, Enabled: true, ConsecutiveFailures: 3, LastErrorKind: "transient",
			LastError: "fetch x: timed out after 30s", LastAttemptAt: time.Now(), NextCheckAt: later},
			"FLAGGED, transient error, retry ", "transient"},
		{"working", news.Source{ID: 3, Enabled: true, LastAttemptAt: time.Now(), LastSuccessAt: time.Now()}, "ok", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := sourceRow(tc.src)
			if !strings.HasPrefix(r.Status, tc.status) || r.ErrorKind != tc.kind {
				t.Errorf("status %q, error kind %q; want %q…, %q", r.Status, r.ErrorKind, tc.status, tc.kind)
			}
		})
	}
}

// TestSourcesSayFailureInPlainWords: after a pass in which a source
// answered 404, `aitracker sources` shows the failure's kind and its
// plain words in the table, and --json keeps the error itself beside
// them.
func TestSourcesSayFailureInPlainWords(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	defer srv.Close()
	dir := t.TempDir()
	cfgPath := writeConfig(t, dir, "fetch: {allow_private_networks: true, jitter: 0s, host_interval: 0s, full_text: false}",
		[]config.Source{{Name: "Moved", URL: srv.URL + "/feed.xml"}})
	code, out, errOut := run(t, "ingest", "--config", cfgPath)
	if code != 0 || !strings.Contains(out, "1 failed") {
		t.Fatalf("ingest: %d %s %s", code, out, errOut)
	}
	// The pass's own report says it plainly, the raw error under it.
	if want := "failed: Moved (" + srv.URL + "/feed.xml): nothing is at this address (404 Not Found)"; !strings.Contains(errOut, want) ||
		!strings.Contains(errOut, "    fetch "+srv.URL+"/feed.xml: fetch: server answered 404 Not Found") {
		t.Errorf("ingest does not say %q with the raw error under it:\n%s", want, errOut)
	}
	code, out, errOut = run(t, "sources", "--config", cfgPath)
	if code != 0 || !strings.Contains(out, "failing, permanent error, retry ") ||
		!strings.Contains(out, "nothing is at this address (404 Not Found): the feed moved or was removed") {
		t.Errorf("sources: %d %s %s", code, out, errOut)
	}
	code, out, errOut = run(t, "sources", "--config", cfgPath, "--json")
	var got struct{ Sources []row }
	if err := json.Unmarshal([]byte(out), &got); code != 0 || err != nil || len(got.Sources) != 1 {
		t.Fatalf("sources --json: %d %v %s %s", code, err, out, errOut)
	}
	r := got.Sources[0]
	if r.ErrorKind != "permanent" || !strings.HasPrefix(r.LastErrorPlain, "nothing is at this address") ||
		r.LastError != "fetch "+srv.URL+"/feed.xml: fetch: server answered 404 Not Found" {
		t.Errorf("sources --json: %+v", r)
	}
}
