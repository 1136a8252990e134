package logtest

import (
	"fmt"
	"testing"
)

// recorder is a testing.TB that keeps failures instead of failing.
type recorder struct {
	testing.TB
	errs     []string
	cleanups []func()
}

func (r *recorder) Helper()                      {}
func (r *recorder) Cleanup(f func())             { r.cleanups = append(r.cleanups, f) }
func (r *recorder) Errorf(f string, args ...any) { r.errs = append(r.errs, fmt.Sprintf(f, args...)) }
func (r *recorder) Fatalf(f string, args ...any) { r.errs = append(r.errs, fmt.Sprintf(f, args...)) }
func (r *recorder) end() {
	for _, f := range r.cleanups {
		f()
	}
}

func TestCaptureFindsSecrets(t *testing.T) {
	tests := []struct {
		name    string
		secret  string
		log     func(c *Capture)
		wantErr int
	}{
		{"an address as an attribute", "ana@example.org", func(c *Capture) { c.Logger().Info("sent", "to", "ana@example.org") }, 1},
		{"an address in other case", "ana@example.org", func(c *Capture) { c.Logger().Info("sent", "to", "Ana@Example.org") }, 1},
		{"a password the text handler quotes", `pa"ss word`, func(c *Capture) { c.Logger().Info("dial", "auth", `pa"ss word`) }, 1},
		{"a token inside a URL-escaped link", "tok/en+1", func(c *Capture) { c.Logger().Info("link", "url", "https://x/u/tok%2Fen%2B1") }, 1},
		{"a token written to the capture as stderr", "AbCdEf123", func(c *Capture) { fmt.Fprintln(c, "aitracker: AbCdEf123") }, 1},
		{"a clean log", "ana@example.org", func(c *Capture) { c.Logger().Info("sent", "subscriber", 7) }, 0},
		{"nothing logged at all", "ana@example.org", func(c *Capture) {}, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := &recorder{TB: t}
			c := New(r)
			c.Secret("secret", tc.secret)
			tc.log(c)
			r.end()
			if len(r.errs) != tc.wantErr {
				t.Errorf("failures %q, want %d", r.errs, tc.wantErr)
			}
		})
	}
}

func TestShortSecretsAreRefused(t *testing.T) {
	r := &recorder{TB: t}
	New(r).Secret("password", "abc")
	if len(r.errs) != 1 {
		t.Errorf("failures %q, want 1", r.errs)
	}
}
