package main

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestHealth: health exits 0 when /healthz answers 200, 1 with what
// went wrong when it answers otherwise or nothing listens; a wildcard
// listen address is asked on loopback.
func TestHealth(t *testing.T) {
	up := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/healthz" {
			http.NotFound(w, r)
			return
		}
		w.Write([]byte("ok\n"))
	}))
	defer up.Close()
	down := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "store closed", http.StatusServiceUnavailable)
	}))
	defer down.Close()
	gone := httptest.NewServer(http.NotFoundHandler())
	goneURL := gone.URL + "/healthz"
	gone.Close()

	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"answers", []string{"--url", up.URL + "/healthz"}, 0, "ok"},
		{"unhealthy", []string{"--url", down.URL + "/healthz"}, 1, "answered 503 Service Unavailable: store closed"},
		{"nothing listens", []string{"--url", goneURL}, 1, "does not answer"},
		{"from the listen address", []string{"--config", listenConfig(t, "0.0.0.0:"+strings.Split(up.URL, ":")[2])}, 0, "ok"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := run(t, append([]string{"health"}, tc.args...)...)
			if code != tc.code || !strings.Contains(out+errOut, tc.want) {
				t.Errorf("exit %d, want %d and %q\n%s%s", code, tc.code, tc.want, out, errOut)
			}
		})
	}
	for listen, want := range map[string]string{"0.0.0.0:8080": "127.0.0.1:8080", ":8080": "127.0.0.1:8080",
		"[::]:8080": "127.0.0.1:8080", "127.0.0.1:9": "127.0.0.1:9", "[::1]:80": "[::1]:80"} {
		if got := localAddr(listen); got != want {
			t.Errorf("localAddr(%q) = %q, want %q", listen, got, want)
		}
	}
}

func listenConfig(t *testing.T, listen string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "c.yaml")
	if err := os.WriteFile(path, []byte("sources: []\nlisten: \""+listen+"\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}
