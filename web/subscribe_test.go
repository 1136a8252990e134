package web

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/mail"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

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
			Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}
	})
	if _, body := get(t, ss.srv.URL+"/?q=type:funding"); !strings.Contains(body, `action="/subscribe"`) {
		t.Fatal("the search page has no subscribe form")
	}
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
	msg, err := mail.ReadMessage(bytes.NewReader(in.Messages()[0].Data))
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(msg.Body)
	link := regexp.MustCompile(`https://tracker\.example(/confirm/[A-Za-z0-9_-]+)`).FindStringSubmatch(string(body))
	if link == nil || msg.Header.Get("Subject") != "Confirm your aitracker digest" {
		t.Fatalf("confirmation mail:\n%s", in.Messages()[0].Data)
	}
	// The form again at once: no second mail.
	postForm("/subscribe", form)
	if in.Count() != 1 {
		t.Errorf("%d confirmation mails for two requests in a minute", in.Count())
	}
	if resp, body := get(t, ss.srv.URL+link[1]); resp.StatusCode != 200 || !strings.Contains(body, `method="post"`) || status() != "pending" {
		t.Errorf("GET of the link: %d, status %s", resp.StatusCode, status())
	}
	forged := ss.keys.Token(1) // an unsubscribe token is no confirmation
	if code, _ := postForm("/confirm/"+forged, ""); code != 400 || status() != "pending" {
		t.Errorf("forged confirmation: %d, status %s", code, status())
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
}
