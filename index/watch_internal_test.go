package index

import (
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// TestCloseWaitsForFilterTableWatch: the watch that logs when the filter
// table is ready is stopped and waited for by Close, even while the
// table is still loading; no goroutine of the handle outlives it. (Run
// as a goroutine of its own, as it once was, it stayed blocked after
// Close.)
func TestCloseWaitsForFilterTableWatch(t *testing.T) {
	ix, err := Open(filepath.Join(t.TempDir(), "index"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	// A table that never finishes loading, not even when the index is
	// closed: only the watch's own stop can end it.
	loading := make(chan struct{})
	t.Cleanup(func() { close(loading) })
	ix.cols.done, ix.cols.cancel = loading, nil
	l := follow(ix, nil, Config{})
	l.watchFilterTable()
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	if watching() {
		t.Error("the filter table's watch is still running after Close")
	}
}

// watching reports whether a goroutine is in logFilterTable.
func watching() bool {
	buf := make([]byte, 1<<20)
	return strings.Contains(string(buf[:runtime.Stack(buf, true)]), "index.(*Live).logFilterTable")
}
