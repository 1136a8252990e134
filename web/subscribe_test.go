package web

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/jhillyerd/enmime/v2"

	"github.com/aitracker/aitracker/config"
	"github.com/aitracker/aitracker/digest"
	"github.com/aitracker/aitracker/internal/mailtest"
	"github.com/aitracker/aitracker/news"
)

// TestDoubleOptIn subscribes from the search page's form: nothing is sent
// to the address but a confirmation mail, whose link asks before it
// confirms; forged links change nothing.
func TestDoubleOptIn(t *testing.T) {
	ctx := context.Background()
	in := mailtest.Start(t)
	cfg := config.Default().Digest
	cfg.From, cfg.BaseURL, cfg.Secret = "aitracker <digest@tracker.example>", "https://tracker.example", "a-secret-of-at-least-16-bytes"
	cfg.SMTP.Host, cfg.SMTP.StartTLS = "127.0.0.1", "never"
	cfg.SMTP.Port = in.Port
	var ss *storeServer
	ss = storeTestServer(t, func(s *Server) {
		s.Mailer = &digest.Sender{Store: s.Store, Config: cfg, Keys: s.Keys, LockPath: filepath.Join(t.TempDir(), "lock"),
			Logger: s.Logger}
	})
	if _, body := get(t, ss.srv.URL+"/?q=type:funding"); !strings.Contains(body, `action="/subscribe"`) {
		t.Fatal("the search page has no subscribe form")
	}
	ss.logs.Secret("subscriber address", "new@example.org")
	ss.logs.Secret("HMAC key", cfg.Secret)
	form := url.Values{"email": {"new@example.org"}, "q": {"type:funding"}}.Encode()
	postForm := func(path, body string) (int, string) {
		t.Helper()
		resp, err := ss.srv.Client().Post(ss.srv.URL+path, "application/x-www-form-urlencoded", strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	status := func() string {
		s, err := ss.st.Subscriber(ctx, 0, "new@example.org")
		if err != nil {
			t.Fatal(err)
		}
		return s.Status
	}
	if code, body := postForm("/subscribe", form); code != 200 || !strings.Contains(body, "Check your inbox") {
		t.Fatalf("subscribe: %d %s", code, body)
	}
	if in.Count() != 1 || status() != "pending" {
		t.Fatalf("%d mails, status %s", in.Count(), status())
	}
	active, _ := ss.st.Subscribers(ctx, true)
	for _, s := range active {
		if s.Email == "new@example.org" {
			t.Error("a pending subscriber is among those who get digests")
		}
	}
	// A MIME parser, so that a link the transfer encoding wrapped is whole.
	msg, err := enmime.ReadEnvelope(bytes.NewReader(in.Messages()[0].Data))
	if err != nil {
		t.Fatal(err)
	}
	link := regexp.MustCompile(`https://tracker\.example(/confirm/[A-Za-z0-9_-]+)`).FindStringSubmatch(msg.Text)
	if link == nil || msg.GetHeader("Subject") != "Confirm your aitracker digest" {
		t.Fatalf("confirmation mail:\n%s", in.Messages()[0].Data)
	}
	ss.logs.Secret("confirmation token", strings.TrimPrefix(link[1], "/confirm/"))
	// The form again at once: no second mail.
	postForm("/subscribe", form)
	if in.Count() != 1 {
		t.Errorf("%d confirmation mails for two requests in a minute", in.Count())
	}
	if resp, body := get(t, ss.srv.URL+link[1]); resp.StatusCode != 200 || !strings.Contains(body, `method="post"`) || status() != "pending" {
		t.Errorf("GET of the link: %d, status %s", resp.StatusCode, status())
	}
	forged := ss.keys.Token(1, time.Now()) // an unsubscribe token is no confirmation
	if code, _ := postForm("/confirm/"+forged, ""); code != 400 || status() != "pending" {
		t.Errorf("forged confirmation: %d, status %s", code, status())
	}
	pending, _ := ss.st.Subscriber(ctx, 0, "new@example.org")
	stale := ss.keys.ConfirmToken(pending.ID, time.Now().Add(-digest.ConfirmMaxAge-time.Minute))
	if code, body := postForm("/confirm/"+stale, ""); code != 410 || !strings.Contains(body, "has expired: such links work for 7 days") || status() != "pending" {
		t.Errorf("expired confirmation: %d, status %s", code, status())
	}
	if code, body := postForm(link[1], ""); code != 200 || !strings.Contains(body, "starts tomorrow") || status() != news.SubscriberActive {
		t.Errorf("confirm: %d, status %s", code, status())
	}
	// An active address gets the same answer and no mail.
	if code, _ := postForm("/subscribe", form); code != 200 || in.Count() != 1 {
		t.Errorf("subscribing an active address: %d, %d mails", code, in.Count())
	}
	if code, body := postForm("/subscribe", url.Values{"email": {"not an address"}}.Encode()); code != 400 || !strings.Contains(body, "email") {
		t.Errorf("bad address: %d", code)
	}
	// And out again by the one-click link of a digest.
	unsub := ss.keys.Token(pending.ID, time.Now())
	ss.logs.Secret("unsubscribe token", unsub)
	if code, _ := postForm("/u/"+unsub, "List-Unsubscribe=One-Click"); code != 200 || status() != news.SubscriberUnsubscribed {
		t.Errorf("unsubscribe: %d, status %s", code, status())
	}
}

// TestFailuresLogNoSecrets: when the store fails under the handlers that
// take a token or an address in the path or the form, the server answers
// with an error and logs what failed, but never the token or the address.
func TestFailuresLogNoSecrets(t *testing.T) {
	in := mailtest.Start(t)
	cfg := config.Default().Digest
	cfg.From, cfg.BaseURL, cfg.Secret = "aitracker <digest@tracker.example>", "https://tracker.example", "a-secret-of-at-least-16-bytes"
	cfg.SMTP.Host, cfg.SMTP.Port, cfg.SMTP.StartTLS = "127.0.0.1", in.Port, "never"
	ss := storeTestServer(t, func(s *Server) {
		s.Mailer = &digest.Sender{Store: s.Store, Config: cfg, Keys: s.Keys, LockPath: filepath.Join(t.TempDir(), "lock"), Logger: s.Logger}
	})
	now := time.Now()
	unsub, confirm := ss.keys.Token(ss.sub.ID, now), ss.keys.ConfirmToken(ss.sub.ID, now)
	ss.logs.Secret("unsubscribe token", unsub)
	ss.logs.Secret("confirmation token", confirm)
	ss.logs.Secret("subscriber address", "new@example.org")
	ss.st.Close() // every query fails from here on
	for _, tc := range []struct {
		method, path, body string
		code               int
	}{
		{"POST", "/u/" + unsub, "List-Unsubscribe=One-Click", 500},
		{"POST", "/confirm/" + confirm, "", 500},
		{"POST", "/subscribe", url.Values{"email": {"new@example.org"}}.Encode(), 500},
		{"DELETE", "/api/subscribers/" + ss.sub.Email, "", 500},
		{"GET", "/api/subscribers", "", 500},
	} {
		req, _ := http.NewRequest(tc.method, ss.srv.URL+tc.path, strings.NewReader(tc.body))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Authorization", "Bearer "+adminToken)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != tc.code {
			t.Errorf("%s %s: %d, want %d", tc.method, tc.path, resp.StatusCode, tc.code)
		}
	}
	if logs := ss.logs.String(); strings.Count(logs, "level=ERROR") < 5 {
		t.Errorf("the failures are not all logged:\n%s", logs)
	}
}
