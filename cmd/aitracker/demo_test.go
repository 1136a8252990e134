package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestDemoRestartWritesNothing: a demo that keeps its data serves the
// same feeds at its next start (the same dates, and the same links while
// its port is free), so ingesting them again stores, updates and indexes
// nothing; a damaged state file is said and replaced, not fatal.
func TestDemoRestartWritesNothing(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "demo")
	code, out, errOut := run(t, "demo", "--data-dir", dir, "--once")
	if code != 0 || !strings.Contains(out, "52 new articles") {
		t.Fatalf("first demo --once: %d\n%s\n%s", code, out, errOut)
	}
	code, out, errOut = run(t, "demo", "--data-dir", dir, "--once")
	if code != 0 || !strings.Contains(out, "0 new articles, 0 updated") || !strings.Contains(out, "0 indexed") ||
		strings.Contains(out, "events:") && !strings.Contains(out, "0 new, 0 updated") {
		t.Fatalf("second demo --once wrote something: %d\n%s\n%s", code, out, errOut)
	}

	state := filepath.Join(dir, "demo-state.json")
	if err := os.WriteFile(state, []byte("{not json"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errOut = run(t, "demo", "--data-dir", dir, "--once")
	if code != 0 || !strings.Contains(errOut, "demo-state.json") || !strings.Contains(errOut, "dated from now") {
		t.Fatalf("demo with a damaged state file: %d\n%s\n%s", code, out, errOut)
	}
	if data, _ := os.ReadFile(state); !strings.Contains(string(data), `"now"`) {
		t.Errorf("the state file was not rewritten: %s", data)
	}
}
