package store_test

import (
	"path/filepath"
	"testing"

	"github.com/aitracker/aitracker/internal/pgtest"
	"github.com/aitracker/aitracker/store"
	"github.com/aitracker/aitracker/store/storetest"
)

// TestMain stops the PostgreSQL server the tests started, if any.
func TestMain(m *testing.M) { pgtest.Main(m) }

// TestConformance runs the conformance suite against each backend: the
// SQLite store, each a file in the test's temporary directory, and the
// PostgreSQL store, each a new database on the test binary's server
// (skipped when PostgreSQL is not installed, unless
// AITRACKER_REQUIRE_POSTGRES=1).
func TestConformance(t *testing.T) {
	for _, tc := range []struct {
		name string
		cfg  func(t *testing.T) store.Config // where a new, empty store is
	}{
		{"sqlite", func(t *testing.T) store.Config {
			return store.Config{Driver: store.DriverSQLite, Path: filepath.Join(t.TempDir(), "aitracker.db")}
		}},
		{"postgres", func(t *testing.T) store.Config {
			return store.Config{Driver: store.DriverPostgres, DSN: pgtest.NewDatabase(t)}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfgs := map[store.Store]store.Config{}
			open := func(t *testing.T, c store.Config) store.Store {
				t.Helper()
				s, err := store.OpenWith(t.Context(), c)
				if err != nil {
					t.Fatal(err)
				}
				cfgs[s] = c
				t.Cleanup(func() { s.Close() })
				return s
			}
			storetest.Run(t, storetest.Backend{
				Open: func(t *testing.T) store.Store { return open(t, tc.cfg(t)) },
				Reopen: func(t *testing.T, s store.Store) store.Store {
					if err := s.Close(); err != nil {
						t.Fatal(err)
					}
					return open(t, cfgs[s])
				},
			})
		})
	}
}
