package digest_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/mail"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aitracker/aitracker/config"
	"github.com/aitracker/aitracker/dedupe"
	"github.com/aitracker/aitracker/digest"
	"github.com/aitracker/aitracker/internal/clock"
	"github.com/aitracker/aitracker/internal/logtest"
	"github.com/aitracker/aitracker/internal/mailtest"
	"github.com/aitracker/aitracker/news"
	"github.com/aitracker/aitracker/pipeline"
	"github.com/aitracker/aitracker/store"
)

var (
	// The events appear in the store at 06:00; digests go out at 07:00.
	created = time.Date(2026, 11, 28, 6, 0, 0, 0, time.UTC)
	sendAt  = time.Date(2026, 11, 28, 8, 0, 0, 0, time.UTC)
)

type fixture struct {
	dir  string
	st   store.Store
	ms   *mailtest.Server
	cfg  config.Digest
	log  *slog.Logger
	logs *logtest.Capture
	subs []news.Subscriber
}

// newFixture stores a day of articles, merges them into events, and
// points the digest at a loopback SMTP server.
func newFixture(t *testing.T) *fixture {
	t.Helper()
	ctx := context.Background()
	// Whatever a test does, its logs hold no address, token or secret.
	f := &fixture{dir: t.TempDir(), logs: logtest.New(t)}
	f.log = f.logs.Logger()
	var err error
	f.st, err = store.Open(ctx, filepath.Join(f.dir, "aitracker.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.st.Close() })
	srcs, err := f.st.SyncSources(ctx, []news.Source{
		{Name: "Wire", URL: "http://127.0.0.1/wire", Kind: news.KindFeed, Enabled: true},
		{Name: "Desk", URL: "http://127.0.0.1/desk", Kind: news.KindFeed, Enabled: true},
		{Name: "快报", URL: "http://127.0.0.1/kb", Kind: news.KindFeed, Enabled: true},
	})
	if err != nil {
		t.Fatal(err)
	}
	day := time.Date(2026, 11, 27, 15, 0, 0, 0, time.UTC)
	add := func(src int, key, title, lang string, tags news.Tags) {
		t.Helper()
		a := &news.Article{SourceID: srcs[src].ID, DedupKey: key, URL: "https://news.example/" + key, Title: title, Lang: lang,
			Published: day, Fetched: day, Tags: tags}
		a.Tags.Version = "test"
		if a.Tags.Status == "" {
			a.Tags.Status = news.StatusCompleted
		}
		a.ContentHash = dedupe.ContentHash(a)
		if _, err := f.st.SaveArticle(ctx, a, dedupe.For(a)); err != nil {
			t.Fatal(err)
		}
	}
	funding := news.Tags{EventType: news.EventFunding, Primary: "Acme Robotics", Layer: news.LayerApplication,
		Fields: news.Fields{Amount: 40e6, Currency: "USD", AmountUSD: 40e6, Round: "series_b", LeadInvestors: []string{"Sequoia"}, Investors: []string{"Sequoia"}}}
	add(0, "acme", "Acme Robotics raises $40M Series B led by Sequoia", "en", funding)
	add(1, "acme2", "Sequoia leads $40 million round in Acme Robotics", "en", funding)
	add(2, "zhipu", "智谱完成10亿元融资", "zh", news.Tags{EventType: news.EventFunding, Primary: "Zhipu AI", Layer: news.LayerModel,
		Fields: news.Fields{Amount: 1e9, Currency: "CNY", AmountUSD: 139e6, Round: "strategic"}})
	add(0, "buy", "Beta Data acquires Gamma Vector for $300M", "en", news.Tags{EventType: news.EventAcquisition, Primary: "Beta Data",
		Layer: news.LayerMiddleware, Fields: news.Fields{Amount: 300e6, Currency: "USD", AmountUSD: 300e6, Acquirer: "Beta Data", Target: "Gamma Vector"}})
	add(1, "model", "OpenAI releases GPT-9", "en", news.Tags{EventType: news.EventModelRelease, Primary: "OpenAI", Layer: news.LayerModel,
		Fields: news.Fields{Model: "GPT-9"}})
	// A feed's hostile values must not become markup or links.
	add(1, "xss", `<script>alert(1)</script>Evil AI raises $5M`, "en", news.Tags{EventType: news.EventFunding, Primary: `Evil <b>AI</b>`,
		Layer: news.LayerApplication, Fields: news.Fields{Amount: 5e6, Currency: "USD", AmountUSD: 5e6}})
	if _, err := pipeline.UpdateEvents(ctx, f.st, f.log, created); err != nil {
		t.Fatal(err)
	}
	f.ms = mailtest.Start(t)
	f.cfg = config.Default().Digest
	f.cfg.From = "aitracker <digest@tracker.example>"
	f.cfg.BaseURL = "https://tracker.example"
	f.cfg.Secret = "a-secret-of-at-least-16-bytes"
	f.cfg.SMTP.Host, f.cfg.SMTP.Port, f.cfg.SMTP.StartTLS = "127.0.0.1", f.ms.Port, "never"
	// Long enough that no send on a loaded machine runs into it; the one
	// test of the timeout sets its own.
	f.cfg.SMTP.Timeout = config.Dur(time.Minute)
	f.cfg.SMTP.Username, f.cfg.SMTP.Password = "", "smtp-password-never-logged"
	f.cfg.RetryWait = config.Dur(10 * time.Millisecond)
	f.logs.Secret("HMAC key", f.cfg.Secret)
	f.logs.Secret("SMTP password", f.cfg.SMTP.Password)
	// Runs before the log check: the tokens of every link mailed, and
	// the list headers of every digest any test sends.
	t.Cleanup(func() {
		for _, m := range f.ms.Messages() {
			f.logs.Secret("unsubscribe token", tokenOf(t, m))
			checkListHeaders(t, m)
		}
	})
	return f
}

// checkListHeaders fails unless a digest carries the one-click
// unsubscribe headers (RFC 8058) and names its list (RFC 2919).
func checkListHeaders(t *testing.T, m mailtest.Message) {
	t.Helper()
	msg, err := mail.ReadMessage(bytes.NewReader(m.Data))
	if err != nil {
		t.Fatalf("message to %v does not parse: %v", m.To, err)
	}
	for h, want := range map[string]string{
		"List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
		"List-Id":               "aitracker digest <digest.tracker.example>",
	} {
		if got := msg.Header.Get(h); got != want {
			t.Errorf("message to %v: %s %q, want %q", m.To, h, got, want)
		}
	}
	if got := msg.Header.Get("List-Unsubscribe"); !strings.HasPrefix(got, "<https://tracker.example/u/") || !strings.HasSuffix(got, ">") {
		t.Errorf("message to %v: List-Unsubscribe %q", m.To, got)
	}
}

// tokenOf is the token of a digest's List-Unsubscribe link.
func tokenOf(t *testing.T, m mailtest.Message) string {
	t.Helper()
	h := header(t, m, "List-Unsubscribe")
	i := strings.LastIndex(h, "/u/")
	if i < 0 || !strings.HasSuffix(h, ">") {
		t.Fatalf("List-Unsubscribe %q has no token", h)
	}
	return h[i+3 : len(h)-1]
}

func (f *fixture) subscribe(t *testing.T, email string, flt news.SubscriberFilter) news.Subscriber {
	t.Helper()
	sub := news.Subscriber{Email: email, Filter: flt, Frequency: "daily", SendAt: "07:00", TZ: "UTC",
		Created: time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)}
	if err := f.st.AddSubscriber(context.Background(), &sub); err != nil {
		t.Fatal(err)
	}
	f.subs = append(f.subs, sub)
	f.logs.Secret("subscriber address", sub.Email)
	return sub
}

func (f *fixture) sender(st store.Store, now time.Time) *digest.Sender {
	return &digest.Sender{Store: st, Config: f.cfg, Keys: digest.KeysFor(f.cfg), LockPath: filepath.Join(f.dir, "digest.lock"),
		Logger: f.log, Clock: clock.Func(func() time.Time { return now })}
}

func (f *fixture) run(t *testing.T, now time.Time, o digest.Options) digest.Report {
	t.Helper()
	rep, err := f.sender(f.st, now).Run(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

func TestDigestMessage(t *testing.T) {
	f := newFixture(t)
	sub := f.subscribe(t, "ana@example.org", news.SubscriberFilter{})
	f.subscribe(t, "models@example.org", news.SubscriberFilter{Layers: []news.Layer{news.LayerModel}, Types: []news.EventType{news.EventModelRelease}})
	f.subscribe(t, "big@example.org", news.SubscriberFilter{MinAmountUSD: 100e6, Types: []news.EventType{news.EventFunding}})
	f.subscribe(t, "query@example.org", news.SubscriberFilter{Query: "Sequoia"})
	f.subscribe(t, "zh@example.org", news.SubscriberFilter{Langs: []string{"zh"}})
	f.subscribe(t, "nothing@example.org", news.SubscriberFilter{Companies: []string{"Nobody Inc"}})

	// Before 07:00 nothing is due.
	if rep := f.run(t, time.Date(2026, 11, 28, 6, 59, 0, 0, time.UTC), digest.Options{}); rep.Sent != 0 {
		t.Fatalf("sent before the send time: %+v", rep)
	}
	rep := f.run(t, sendAt, digest.Options{})
	if rep.Sent != 5 || rep.Empty != 1 {
		t.Fatalf("report %+v, want 5 sent and 1 with nothing new", rep)
	}
	msgs := f.ms.Messages()
	byTo := map[string]mailtest.Message{}
	for _, m := range msgs {
		byTo[m.To[0]] = m
	}
	if _, ok := byTo["nothing@example.org"]; ok {
		t.Error("a digest with nothing new was sent")
	}

	env := parse(t, byTo["ana@example.org"])
	for h, want := range map[string]string{
		"Subject":               "3 rounds, 1 acquisition, 1 model release — Nov 28",
		"To":                    "<ana@example.org>",
		"List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
	} {
		if got := env.GetHeader(h); got != want {
			t.Errorf("%s: %q, want %q", h, got, want)
		}
	}
	if from := env.GetHeader("From"); !strings.Contains(from, "digest@tracker.example") {
		t.Errorf("From %q", from)
	}
	keys := digest.KeysFor(f.cfg)
	wantUnsub := "<https://tracker.example/u/" + keys.Token(sub.ID, sendAt) + ">"
	if got := env.GetHeader("List-Unsubscribe"); got != wantUnsub {
		t.Errorf("List-Unsubscribe %q, want %q", got, wantUnsub)
	}
	if id, err := keys.Check(tokenOf(t, byTo["ana@example.org"]), sendAt); err != nil || id != sub.ID {
		t.Errorf("the mailed token checks as %d, %v", id, err)
	}
	if got := env.GetHeader("List-Id"); got != "aitracker digest <digest.tracker.example>" {
		t.Errorf("List-Id %q", got)
	}
	mid := env.GetHeader("Message-Id")
	if !strings.HasPrefix(mid, "<digest.2026-11-28.") || !strings.HasSuffix(mid, "@tracker.example>") {
		t.Errorf("Message-ID %q", mid)
	}
	for _, part := range []struct{ name, body string }{{"text", env.Text}, {"html", env.HTML}} {
		for _, want := range []string{"Acme Robotics", "Series B", "40M USD", "Sequoia", "2 sources", "Zhipu AI", "1B CNY", "$139M",
			"buys Gamma Vector", "GPT-9", "https://news.example/acme", "https://tracker.example/events/", "Funding rounds", "Acquisitions", "Model releases"} {
			if !strings.Contains(part.body, want) {
				t.Errorf("%s part lacks %q", part.name, want)
			}
		}
	}
	if strings.Contains(env.HTML, "<script>") || strings.Contains(env.HTML, "<b>AI</b>") {
		t.Error("feed markup reached the HTML part unescaped")
	}
	if !strings.Contains(env.HTML, "Evil &lt;b&gt;AI&lt;/b&gt;") {
		t.Error("the hostile company name is not shown escaped")
	}

	// Each filter got what it follows.
	for to, want := range map[string][]string{
		"models@example.org": {"GPT-9"},
		"big@example.org":    {"Zhipu AI"},
		"query@example.org":  {"Acme Robotics"},
		"zh@example.org":     {"Zhipu AI"},
	} {
		text := parse(t, byTo[to]).Text
		for _, w := range want {
			if !strings.Contains(text, w) {
				t.Errorf("%s: digest lacks %q:\n%s", to, w, text)
			}
		}
		for _, not := range []string{"Acme Robotics", "Zhipu AI", "GPT-9", "Gamma Vector"} {
			if !contains(want, not) && strings.Contains(text, not) {
				t.Errorf("%s: digest has %q, which the filter leaves out", to, not)
			}
		}
	}

	// A second run in the same period sends nothing; the next day's run
	// has nothing new.
	if rep := f.run(t, sendAt.Add(time.Hour), digest.Options{}); rep.Sent != 0 {
		t.Errorf("second run sent %d", rep.Sent)
	}
	if rep := f.run(t, sendAt.Add(24*time.Hour), digest.Options{}); rep.Sent != 0 || rep.Empty != 6 {
		t.Errorf("next day: %+v, want nothing new for all 6", rep)
	}
	if n := len(f.ms.Messages()); n != 5 {
		t.Errorf("%d messages in all, want 5", n)
	}
}

// hangGuard is how long a test waits for something that takes
// milliseconds or seconds before calling it a hang: until shortly before
// the test binary's own -timeout. It bounds no speed, so no load on the
// machine fails it, and a real hang still ends in a failure that says
// what hung rather than in the binary's timeout panic.
func hangGuard(t *testing.T) time.Duration {
	if d, ok := t.Deadline(); ok {
		return max(time.Until(d)-5*time.Second, time.Second)
	}
	return time.Hour
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// TestMachineDownAtSendTime: the digest due at 07:00 goes out once when
// the machine is back at 11:00, not never and not twice.
func TestMachineDownAtSendTime(t *testing.T) {
	f := newFixture(t)
	f.subscribe(t, "ana@example.org", news.SubscriberFilter{})
	for _, at := range []time.Time{
		time.Date(2026, 11, 28, 11, 0, 0, 0, time.UTC),
		time.Date(2026, 11, 28, 11, 1, 0, 0, time.UTC),
		time.Date(2026, 11, 28, 23, 59, 0, 0, time.UTC),
	} {
		f.run(t, at, digest.Options{})
	}
	if n := len(f.ms.Messages()); n != 1 {
		t.Errorf("%d messages, want 1", n)
	}
}

func TestForceSendsTheCurrentPeriodOnce(t *testing.T) {
	f := newFixture(t)
	f.subscribe(t, "ana@example.org", news.SubscriberFilter{})
	early := time.Date(2026, 11, 28, 6, 30, 0, 0, time.UTC)
	if rep := f.run(t, early, digest.Options{Force: true}); rep.Sent != 1 {
		t.Fatalf("force: %+v", rep)
	}
	f.run(t, early, digest.Options{Force: true})
	f.run(t, sendAt, digest.Options{})
	if n := len(f.ms.Messages()); n != 1 {
		t.Errorf("%d messages for one period, want 1", n)
	}
}

func TestDryRunSendsAndWritesNothing(t *testing.T) {
	f := newFixture(t)
	f.subscribe(t, "ana@example.org", news.SubscriberFilter{})
	rep := f.run(t, sendAt, digest.Options{DryRun: true})
	if len(rep.Planned) != 1 || rep.Planned[0].Events != 5 {
		t.Errorf("dry run planned %+v", rep.Planned)
	}
	if n := len(f.ms.Messages()); n != 0 {
		t.Errorf("dry run sent %d", n)
	}
	if rep := f.run(t, sendAt, digest.Options{}); rep.Sent != 1 {
		t.Errorf("after a dry run: %+v", rep)
	}
	// Once sent, a dry run plans nothing for the period.
	if rep := f.run(t, sendAt, digest.Options{DryRun: true}); len(rep.Planned) != 0 {
		t.Errorf("dry run after the send planned %+v", rep.Planned)
	}
}

// TestTemporaryAndPermanentFailures: 4xx is retried with back-off; 5xx at
// RCPT is a bounce, and enough bounces stop mail to the address.
func TestTemporaryAndPermanentFailures(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	f.cfg.BounceLimit = 2
	f.subscribe(t, "slow@example.org", news.SubscriberFilter{})
	gone := f.subscribe(t, "gone@example.org", news.SubscriberFilter{})
	f.subscribe(t, "down@example.org", news.SubscriberFilter{})
	f.ms.Set(func() {
		f.ms.TempFail["slow@example.org"] = 2   // within the 3 retries
		f.ms.TempFail["down@example.org"] = 100 // beyond them
		f.ms.Refuse["gone@example.org"] = true
	})
	rep := f.run(t, sendAt, digest.Options{})
	if rep.Sent != 1 || rep.Refused != 1 || rep.Failed != 1 {
		t.Fatalf("report %+v, want 1 sent, 1 refused, 1 failed", rep)
	}
	if got := f.ms.Tries("slow@example.org"); got != 3 {
		t.Errorf("slow: %d tries, want 3", got)
	}
	if got := f.ms.Tries("gone@example.org"); got != 1 {
		t.Errorf("a permanent refusal was retried: %d tries", got)
	}
	s, _ := f.st.Subscriber(ctx, gone.ID, "")
	if s.Bounces != 1 || s.Status != news.SubscriberActive {
		t.Errorf("after one bounce: %+v", s)
	}
	failed, err := f.st.Deliveries(ctx, "2026-11-28", store.DeliveryFailed)
	if err != nil || len(failed) != 1 || failed[0].Email != "down@example.org" || failed[0].MessageID == "" {
		t.Fatalf("failed rows %+v, %v", failed, err)
	}
	// The failed one is tried again by the next run and gets through,
	// with the Message-ID its row was given at the first attempt: a
	// resend is the same message to the recipient's mail client.
	f.ms.Set(func() { f.ms.TempFail["down@example.org"] = 0 })
	if rep := f.run(t, sendAt.Add(time.Hour), digest.Options{}); rep.Sent != 1 {
		t.Errorf("retry run: %+v", rep)
	}
	var ids []string
	for _, m := range f.ms.Messages() {
		if m.To[0] == "down@example.org" {
			ids = append(ids, header(t, m, "Message-Id"))
		}
	}
	if want := "<" + failed[0].MessageID + ">"; len(ids) != 1 || ids[0] != want {
		t.Errorf("the resent digest's Message-IDs %v, want [%s]", ids, want)
	}
	// The next day's refusal is the second bounce: mail stops.
	f.cfg.SendEmpty = true
	f.run(t, sendAt.Add(24*time.Hour), digest.Options{})
	s, _ = f.st.Subscriber(ctx, gone.ID, "")
	if s.Bounces != 2 || s.Status != news.SubscriberBouncing {
		t.Errorf("after two bounces: %+v", s)
	}
	before := f.ms.Tries("gone@example.org")
	f.run(t, sendAt.Add(48*time.Hour), digest.Options{})
	if f.ms.Tries("gone@example.org") != before {
		t.Error("a bouncing address was mailed again")
	}
}

// TestUnsubscribeBeforeSend: an unsubscribe committed before the claim
// keeps the subscriber out of the send.
func TestUnsubscribeBeforeSend(t *testing.T) {
	f := newFixture(t)
	sub := f.subscribe(t, "ana@example.org", news.SubscriberFilter{})
	f.subscribe(t, "bo@example.org", news.SubscriberFilter{})
	if _, err := f.st.Unsubscribe(context.Background(), sub.ID); err != nil {
		t.Fatal(err)
	}
	f.run(t, sendAt, digest.Options{})
	if got := mailtest.ByRecipient(f.ms.Messages()); got["ana@example.org"] != 0 || got["bo@example.org"] != 1 {
		t.Errorf("messages %v", got)
	}
}

// TestTwoSendersAtOnce: two senders with their own database handles (as
// two processes) start the same period together: one message each.
func TestTwoSendersAtOnce(t *testing.T) {
	f := newFixture(t)
	for i := range 40 {
		f.subscribe(t, "s"+string(rune('a'+i/26))+string(rune('a'+i%26))+"@example.org", news.SubscriberFilter{})
	}
	other, err := store.Open(context.Background(), filepath.Join(f.dir, "aitracker.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	var wg sync.WaitGroup
	for _, st := range []store.Store{f.st, other} {
		wg.Go(func() {
			if _, err := f.sender(st, sendAt).Run(context.Background(), digest.Options{}); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	got := mailtest.ByRecipient(f.ms.Messages())
	if len(got) != 40 {
		t.Errorf("%d subscribers got mail, want 40", len(got))
	}
	for to, n := range got {
		if n != 1 {
			t.Errorf("%s got %d messages", to, n)
		}
	}
}

func TestNotConfigured(t *testing.T) {
	f := newFixture(t)
	f.cfg.From = ""
	if _, err := f.sender(f.st, sendAt).Run(context.Background(), digest.Options{}); err == nil || !strings.Contains(err.Error(), "digest.from") {
		t.Errorf("err = %v", err)
	}
}

func discard() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

// TestBadSubscriberIsSkipped: a stored subscriber whose time zone no
// longer loads is skipped with an error naming its ID, not its address;
// the others get their digest.
func TestBadSubscriberIsSkipped(t *testing.T) {
	f := newFixture(t)
	f.subscribe(t, "ana@example.org", news.SubscriberFilter{})
	bad := news.Subscriber{Email: "mars@example.org", Frequency: "daily", SendAt: "07:00", TZ: "Mars/Olympus_Mons",
		Created: time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)}
	if err := f.st.AddSubscriber(context.Background(), &bad); err != nil {
		t.Fatal(err)
	}
	f.logs.Secret("subscriber address", bad.Email)
	if rep := f.run(t, sendAt, digest.Options{}); rep.Sent != 1 || rep.Due != 1 {
		t.Errorf("report %+v, want the good subscriber sent", rep)
	}
	if logs := f.logs.String(); !strings.Contains(logs, "subscriber skipped") || !strings.Contains(logs, fmt.Sprintf("subscriber %d:", bad.ID)) {
		t.Errorf("the skip is not logged with the subscriber's ID:\n%s", logs)
	}
}
