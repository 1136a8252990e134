package store_test

import (
	"path/filepath"
	"testing"

	"github.com/aitracker/aitracker/store"
	"github.com/aitracker/aitracker/store/storetest"
)

// TestSQLite runs the conformance suite against the SQLite store, each
// store a file in the test's temporary directory.
func TestSQLite(t *testing.T) {
	paths := map[store.Store]string{}
	open := func(t *testing.T, path string) store.Store {
		t.Helper()
		s, err := store.Open(t.Context(), path)
		if err != nil {
			t.Fatal(err)
		}
		paths[s] = path
		t.Cleanup(func() { s.Close() })
		return s
	}
	storetest.Run(t, storetest.Backend{
		Open: func(t *testing.T) store.Store {
			return open(t, filepath.Join(t.TempDir(), "aitracker.db"))
		},
		Reopen: func(t *testing.T, s store.Store) store.Store {
			if err := s.Close(); err != nil {
				t.Fatal(err)
			}
			return open(t, paths[s])
		},
	})
}
