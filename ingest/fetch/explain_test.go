package fetch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"testing"
	"time"
)

// TestExplain: each failure of a real fetch over loopback is said in
// plain words, and the error itself is left as it was; it is a
// *fetch.Error that says its kind, seen through any wrapping. The name
// lookup goes to a resolver that has no network, as on a machine offline.
// An error that holds no fetch error has no plain words and no kind.
func TestExplain(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/gone", http.NotFound)
	mux.HandleFunc("/private", func(w http.ResponseWriter, r *http.Request) { http.Error(w, "no", http.StatusForbidden) })
	mux.HandleFunc("/broken", func(w http.ResponseWriter, r *http.Request) { http.Error(w, "oops", http.StatusBadGateway) })
	mux.HandleFunc("/busy", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "120")
		http.Error(w, "later", http.StatusTooManyRequests)
	})
	mux.HandleFunc("/teapot", func(w http.ResponseWriter, r *http.Request) { http.Error(w, "tea", http.StatusTeapot) })
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) { <-r.Context().Done() })
	mux.HandleFunc("/big", func(w http.ResponseWriter, r *http.Request) { w.Write(make([]byte, 4<<10)) })
	mux.HandleFunc("/loop", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/loop", http.StatusFound) })
	srv := httptest.NewServer(mux)
	defer srv.Close()
	tlsSrv := httptest.NewUnstartedServer(mux)
	tlsSrv.Config.ErrorLog = log.New(io.Discard, "", 0) // the refused handshake
	tlsSrv.StartTLS()
	defer tlsSrv.Close()
	other := httptest.NewServer(mux)
	defer other.Close()
	// A port nobody listens on: the listener is closed before the fetch.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := ln.Addr().String()
	ln.Close()

	allowed := map[string]bool{srv.Listener.Addr().String(): true, tlsSrv.Listener.Addr().String(): true, closed: true}
	offline := &net.Resolver{PreferGo: true, Dial: func(context.Context, string, string) (net.Conn, error) {
		return nil, errors.New("connect: network is unreachable")
	}}
	opts := Options{Timeout: time.Minute, HostInterval: -1, MaxBytes: 1 << 10, Resolver: offline,
		AllowAddr: func(ap netip.AddrPort) bool { return allowed[ap.String()] }}
	c := New(opts)
	// The slow page alone waits for the timeout: a short one.
	opts.Timeout = 300 * time.Millisecond
	impatient := New(opts)
	tests := []struct {
		name, url, want string
		kind            Kind
	}{
		{"no DNS", "http://feeds.example/rss", "the name feeds.example could not be resolved: no network, or a DNS problem", KindTransient},
		{"refused", "http://" + closed + "/rss", "127.0.0.1 refused the connection: the server is down, or nothing listens on that port", KindTransient},
		{"404", srv.URL + "/gone", "nothing is at this address (404 Not Found): the feed moved or was removed", KindPermanent},
		{"403", srv.URL + "/private", "the server refuses to hand out the feed (403 Forbidden): it blocks crawlers, or wants a login", KindPermanent},
		{"502", srv.URL + "/broken", "the server failed to answer (502 Bad Gateway): trouble on its side", KindTransient},
		{"429", srv.URL + "/busy", "the server asks the tracker to slow down (429 Too Many Requests) and to come back in 2m0s", KindTransient},
		{"418", srv.URL + "/teapot", "the server refused the request (418 I'm a teapot)", KindPermanent},
		{"timeout", srv.URL + "/slow", "127.0.0.1 did not answer in time: it is slow or overloaded, or the network is", KindTransient},
		{"too large", srv.URL + "/big", "the document is larger than the 1 KiB the tracker reads", KindPermanent},
		{"redirect loop", srv.URL + "/loop", "the address redirects too many times, or in a loop", KindPermanent},
		{"untrusted certificate", tlsSrv.URL + "/gone", "the certificate of 127.0.0.1 is not signed by an authority this machine trusts", KindPermanent},
		{"refused address", other.URL + "/gone", "127.0.0.1 is a private, loopback or link-local address, which the tracker does not fetch (fetch.allow_private_networks allows it)", KindPermanent},
		{"scheme", "ftp://feeds.example/rss", "the address is not http or https, or redirects to one that is not", KindPermanent},
		{"bad URL", "http://[::1/rss", "the address is not a valid URL", KindPermanent},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			client := c
			if tc.name == "timeout" {
				client = impatient
			}
			_, err := client.Get(context.Background(), Request{URL: tc.url})
			if err == nil {
				t.Fatal("no error")
			}
			raw := err.Error()
			if got := Explain(fmt.Errorf("source x: %w", err)); got != tc.want {
				t.Errorf("Explain(%v)\n = %q\nwant %q", err, got, tc.want)
			}
			if err.Error() != raw || strings.Contains(raw, tc.want) {
				t.Errorf("the error itself changed or is the plain words: %q", raw)
			}
			got, ok := KindOf(fmt.Errorf("source x: %w", err))
			if !ok || got != tc.kind || Transient(err) != (tc.kind == KindTransient) {
				t.Errorf("KindOf(%v) = %q, %v; want %q", err, got, ok, tc.kind)
			}
			var fe *Error
			if !errors.As(err, &fe) || fe.URL != tc.url || !strings.Contains(raw, "fetch") {
				t.Errorf("err = %v, want a *fetch.Error for %s", err, tc.url)
			}
		})
	}
	for _, err := range []error{nil, errors.New("parse: not a feed")} {
		if got := Explain(err); got != "" {
			t.Errorf("Explain(%v) = %q, want none", err, got)
		}
		if k, ok := KindOf(err); ok {
			t.Errorf("KindOf(%v) = %q, want none", err, k)
		}
	}
}
