package pgtest

import (
	"context"
	"errors"
	"fmt"
	"os"
	"testing"

	"github.com/jackc/pgx/v5"
)

func TestSkip(t *testing.T) {
	other := errors.New("initdb: exit status 1")
	for _, tc := range []struct {
		name    string
		err     error
		require string
		want    bool
	}{
		{"not installed", ErrNotInstalled, "", true},
		{"not installed, wrapped", fmt.Errorf("start: %w", ErrNotInstalled), "0", true},
		{"not installed, but required", ErrNotInstalled, "1", false},
		{"installed and broken", other, "", false},
		{"installed and broken, required", other, "1", false},
	} {
		if got := skip(tc.err, tc.require); got != tc.want {
			t.Errorf("%s: skip = %v, want %v", tc.name, got, tc.want)
		}
	}
}

// TestStartStop: the server listens on 127.0.0.1 only, gives each
// caller a new database, and once stopped has exited and left nothing
// behind.
func TestStartStop(t *testing.T) {
	s, err := Start(t.Context())
	if err != nil {
		if skip(err, os.Getenv(RequireEnv)) {
			t.Skip(err)
		}
		t.Fatal(err)
	}
	stopped := false
	defer func() {
		if !stopped {
			s.Stop()
		}
	}()
	dsns := map[string]bool{}
	for range 2 {
		dsn, err := s.NewDatabase(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		dsns[dsn] = true
		conn, err := pgx.Connect(t.Context(), dsn)
		if err != nil {
			t.Fatal(err)
		}
		var listen string
		if err := conn.QueryRow(t.Context(), `SHOW listen_addresses`).Scan(&listen); err != nil || listen != "127.0.0.1" {
			t.Errorf("listen_addresses = %q, %v; want 127.0.0.1 alone", listen, err)
		}
		conn.Close(context.Background())
	}
	if len(dsns) != 2 {
		t.Errorf("two calls gave the databases %v", dsns)
	}
	if err := s.Stop(); err != nil {
		t.Fatal(err)
	}
	stopped = true
	select {
	case <-s.done:
	default:
		t.Error("the server process is still running after Stop")
	}
	if _, err := os.Stat(s.dir); !os.IsNotExist(err) {
		t.Errorf("the cluster directory %s is still there: %v", s.dir, err)
	}
}
