package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aitracker/aitracker/internal/natstest"
)

// TestExampleConfigChecks: the example configuration the repository ships
// passes "check" as it is, and again with every commented-out block
// (sources, digest, admin token) turned on, so that a user who copies it
// and uncomments a block starts from a file that works.
func TestExampleConfigChecks(t *testing.T) {
	sequentialCommands(t)
	data, err := os.ReadFile(filepath.Join("..", "..", "aitracker.example.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	asShipped := filepath.Join(dir, "aitracker.yaml")
	os.WriteFile(asShipped, data, 0o600)
	code, out, errOut := run(t, "check", "--config", asShipped)
	if code != 0 || !strings.Contains(out, "ok") || !strings.Contains(out, "digests off") {
		t.Fatalf("check of the example as shipped: exit %d\n%s%s", code, out, errOut)
	}

	// Uncomment "# key:" lines and the indented lines under them; leave
	// prose comments ("# The sources: …") alone.
	var lines []string
	inBlock := false
	uncommented := 0
	for _, l := range strings.Split(string(data), "\n") {
		body, isComment := strings.CutPrefix(l, "# ")
		switch {
		case isComment && len(body) > 0 && body[0] != ' ' && strings.Contains(strings.SplitN(body, " ", 2)[0], ":"):
			inBlock = true
			l = body
			uncommented++
		case isComment && inBlock && strings.HasPrefix(body, " "):
			l = body
		default:
			inBlock = false
		}
		lines = append(lines, l)
	}
	if uncommented < 3 {
		t.Fatalf("found %d commented-out blocks in the example, want sources, digest and admin_token", uncommented)
	}
	// check reaches the servers the file names: the NATS server is one
	// the test runs.
	text := strings.Join(lines, "\n")
	if !strings.Contains(text, "nats://127.0.0.1:4222") {
		t.Fatal("the example names no NATS server at nats://127.0.0.1:4222")
	}
	text = strings.ReplaceAll(text, "nats://127.0.0.1:4222", natstest.Start(t))
	full := filepath.Join(dir, "full.yaml")
	os.WriteFile(full, []byte(text), 0o600)
	code, out, errOut = run(t, "check", "--config", full)
	if code != 0 || strings.Contains(out, "digests off") || !strings.Contains(out, "1 sources") || !strings.Contains(out, "JetStream on") {
		t.Fatalf("check of the example with every block on: exit %d\n%s%s\n--- file:\n%s", code, out, errOut, strings.Join(lines, "\n"))
	}
}
