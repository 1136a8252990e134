package digest

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/wneessen/go-mail"

	"github.com/aitracker/aitracker/config"
	"github.com/aitracker/aitracker/internal/clock"
	"github.com/aitracker/aitracker/news"
	"github.com/aitracker/aitracker/store"
)

// NewEventSlack is how much older than the window a new event's first
// report may be and still count as news: an article picked up late (a
// feed's backlog, a source added today) makes an event that is new to the
// store but not to the world.
const NewEventSlack = 7 * 24 * time.Hour

// Sender sends the digests that are due.
type Sender struct {
	Store  store.Store
	Config config.Digest
	Keys   *Keys
	// LockPath is the lock file that keeps senders one at a time.
	LockPath string
	Logger   *slog.Logger
	// Clock tells the time; the machine's when nil. Whatever zone it
	// reads in, the sender works in UTC: periods are due at UTC instants
	// and the ledger's windows are UTC instants.
	Clock clock.Clock
	// Sleep waits out the back-off between retries of a temporary
	// failure, returning early when ctx is done; a timer when nil.
	Sleep func(ctx context.Context, d time.Duration)
	// Resolve maps the company names of company: filters in subscribers'
	// queries to canonical names.
	Resolve func(string) string
	// Observer, when set, is told the outcome of each digest due, for
	// metrics.
	Observer Observer
}

// Observer is told the outcome of each digest due: "sent", "empty",
// "failed" (to be retried), "refused" (the server refused it for good),
// "uncertain" (the connection broke after the message was handed over)
// or "skipped".
type Observer interface {
	Mailed(outcome string)
}

// Options change one run.
type Options struct {
	// Force treats every active subscriber as due for the current period;
	// still at most one message per subscriber and period.
	Force bool
	// DryRun selects and renders but sends nothing and writes nothing.
	DryRun bool
	// Only limits the run to these addresses.
	Only []string
}

// Report is what a run did.
type Report struct {
	Due   int `json:"due"`
	Sent  int `json:"sent"`
	Empty int `json:"empty"`
	// Done counts periods the ledger already holds as finished (sent,
	// empty, uncertain, refused, or out of attempts): left alone, and
	// nothing is loaded or rendered for them.
	Done      int `json:"done"`
	Skipped   int `json:"skipped"` // taken by another sender, or unsubscribed, while the run went on
	Failed    int `json:"failed"`  // temporary failures left for the next run
	Refused   int `json:"refused"` // permanent refusals
	Uncertain int `json:"uncertain"`
	// Recovered counts rows a dead sender left: released to send again,
	// and marked uncertain.
	Released           int           `json:"released"`
	RecoveredUncertain int           `json:"recovered_uncertain"`
	Planned            []Planned     `json:"planned,omitempty"`
	Duration           time.Duration `json:"-"`
}

// Planned is one message a dry run would send.
type Planned struct {
	Email   string `json:"email"`
	Period  string `json:"period"`
	Subject string `json:"subject"`
	Events  int    `json:"events"`
}

func (r Report) String() string {
	s := fmt.Sprintf("%d due: %d sent, %d with nothing new, %d already done, %d failed (retried next run), %d refused, %d uncertain",
		r.Due, r.Sent, r.Empty, r.Done, r.Failed, r.Refused, r.Uncertain)
	if r.Skipped > 0 {
		s += fmt.Sprintf(", %d taken by another sender or unsubscribed meanwhile", r.Skipped)
	}
	if r.Released > 0 || r.RecoveredUncertain > 0 {
		s += fmt.Sprintf("; after an interrupted run: %d to send again, %d uncertain", r.Released, r.RecoveredUncertain)
	}
	return s + "; " + r.Duration.Round(time.Millisecond).String()
}

func (s *Sender) sleep(ctx context.Context, d time.Duration) {
	if s.Sleep != nil {
		s.Sleep(ctx, d)
		return
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
	case <-ctx.Done():
	}
}

func (s *Sender) now() time.Time {
	return clock.Or(s.Clock).Now().UTC()
}

// job is one subscriber's period to send.
type job struct {
	sub    news.Subscriber
	period Period
	since  time.Time
}

// Run sends every digest that is due now.
func (s *Sender) Run(ctx context.Context, o Options) (Report, error) {
	start := clock.Real.Now()
	var rep Report
	if !s.Config.Enabled() && !o.DryRun {
		return rep, errors.New("digest: not configured: set digest.from, digest.base_url and digest.secret")
	}
	if !o.DryRun {
		unlock, err := lockFile(ctx, s.LockPath)
		if err != nil {
			return rep, err
		}
		defer unlock()
		released, uncertain, err := s.Store.RecoverDeliveries(ctx)
		if err != nil {
			return rep, err
		}
		rep.Released, rep.RecoveredUncertain = released, len(uncertain)
		if len(uncertain) > 0 {
			s.Logger.Warn("the last digest run stopped while sending; those messages may or may not have arrived and are not resent on their own",
				"stage", "digest", "uncertain", len(uncertain))
		}
	}
	jobs, err := s.due(ctx, o, &rep)
	if err != nil {
		return rep, err
	}
	if len(jobs) == 0 {
		rep.Duration = clock.Since(clock.Real, start)
		return rep, nil
	}
	now := s.now()
	earliest := now
	anyQuery := false
	for _, j := range jobs {
		earliest = minTime(earliest, j.since)
		anyQuery = anyQuery || strings.TrimSpace(j.sub.Filter.Query) != ""
	}
	// Retried rows keep their first window, which can start earlier.
	if failed, err := s.Store.Deliveries(ctx, "", store.DeliveryFailed); err == nil {
		for _, d := range failed {
			earliest = minTime(earliest, d.Since)
		}
	}
	cands, err := s.Store.Events(ctx, store.EventFilter{CreatedAfter: earliest, CreatedUntil: now, Oldest: true})
	if err != nil {
		return rep, err
	}
	var arts []news.Article
	if anyQuery && len(cands) > 0 {
		var ids []int64
		for _, e := range cands {
			ids = append(ids, e.ArticleIDs()...)
		}
		if arts, err = s.Store.Articles(ctx, ids); err != nil {
			return rep, err
		}
	}
	m, err := NewMatcher(ctx, cands, arts)
	if err != nil {
		return rep, err
	}
	m.Resolve = s.Resolve
	defer m.Close()
	ls := newLines(s.Config.BaseURL)

	var mu sync.Mutex
	count := func(f func()) {
		mu.Lock()
		f()
		mu.Unlock()
	}
	work := make(chan job)
	var wg sync.WaitGroup
	var firstErr error
	workers := max(1, s.Config.Workers)
	if o.DryRun {
		workers = 1
	}
	for range workers {
		wg.Go(func() {
			var c *conn
			if !o.DryRun {
				c = &conn{cfg: s.Config.SMTP}
				defer c.close()
			}
			for j := range work {
				out, planned, err := s.one(ctx, c, m, ls, cands, j, now, o.DryRun)
				count(func() {
					switch {
					case err != nil && firstErr == nil && ctx.Err() == nil:
						firstErr = err
					case o.DryRun && planned != nil:
						rep.Planned = append(rep.Planned, *planned)
					}
					if s.Observer != nil && !o.DryRun {
						s.Observer.Mailed(mailOutcome(out))
					}
					switch out {
					case store.DeliverySent:
						rep.Sent++
					case store.DeliveryEmpty:
						rep.Empty++
					case store.DeliveryFailed:
						rep.Failed++
					case store.DeliveryRefused:
						rep.Refused++
					case store.DeliveryUncertain:
						rep.Uncertain++
					case "":
						rep.Skipped++
					}
				})
			}
		})
	}
	for _, j := range jobs {
		if ctx.Err() != nil {
			break
		}
		work <- j
	}
	close(work)
	wg.Wait()
	rep.Duration = clock.Since(clock.Real, start)
	if ctx.Err() != nil {
		return rep, ctx.Err()
	}
	return rep, firstErr
}

func minTime(a, b time.Time) time.Time {
	if b.Before(a) {
		return b
	}
	return a
}

// due lists the subscribers whose period is due and not yet finished,
// with the start of the window of their next digest, and counts in rep
// the periods due and those the ledger holds as done or taken.
func (s *Sender) due(ctx context.Context, o Options, rep *Report) ([]job, error) {
	subs, err := s.Store.Subscribers(ctx, true)
	if err != nil {
		return nil, err
	}
	now := s.now()
	var jobs []job
	for _, sub := range subs {
		if len(o.Only) > 0 && !containsFold(o.Only, sub.Email) {
			continue
		}
		var p Period
		if o.Force {
			p, err = Current(sub, now)
		} else {
			p, err = LastDue(sub, now)
		}
		if err != nil {
			s.Logger.Error("subscriber skipped", "stage", "digest", "subscriber", sub.ID, "err", err)
			continue
		}
		// A period due before the subscription is not owed.
		if !o.Force && p.Due.Before(sub.Created) {
			continue
		}
		rep.Due++
		// A finished period is not looked at again: a run every minute
		// loads and renders nothing for it.
		state, attempts, err := s.Store.DeliveryState(ctx, sub.ID, p.ID)
		if err != nil {
			return nil, err
		}
		switch {
		case state == store.DeliveryClaimed || state == store.DeliverySending:
			// Another sender's (only a dry run sees these: a real run
			// holds the lock and has settled what a dead one left).
			rep.Skipped++
			continue
		case state != "" && !(state == store.DeliveryFailed && attempts < s.Config.MaxAttempts):
			rep.Done++
			continue
		}
		since, err := s.Store.LastDigestEnd(ctx, sub.ID)
		if err != nil {
			return nil, err
		}
		if since.IsZero() {
			// The first digest covers one period back from subscribing.
			since = sub.Created.Add(-p.Length)
		}
		jobs = append(jobs, job{sub: sub, period: p, since: since})
	}
	return jobs, nil
}

func containsFold(list []string, s string) bool {
	for _, v := range list {
		if strings.EqualFold(v, s) {
			return true
		}
	}
	return false
}

// messageID is the Message-ID of a ledger row: fixed by subscriber and
// period, so that a resend of the same digest carries the same one.
func (s *Sender) messageID(sub news.Subscriber, period string) string {
	host := "aitracker.local"
	if u, err := url.Parse(s.Config.BaseURL); err == nil && u.Hostname() != "" {
		host = u.Hostname()
	}
	return fmt.Sprintf("digest.%s.%d.%s@%s", period, sub.ID, strconv.FormatInt(sub.Created.Unix(), 36), host)
}

// Select returns the events of a digest window for a subscriber: events
// that first appeared in the store in (since, until], whose first report
// is no older than NewEventSlack before since, and that match the filter.
func Select(ctx context.Context, m *Matcher, cands []news.Event, f news.SubscriberFilter, since, until time.Time) ([]*news.Event, error) {
	var out []*news.Event
	for i := range cands {
		e := &cands[i]
		if !e.Created.After(since) || e.Created.After(until) || e.Date.Before(since.Add(-NewEventSlack)) {
			continue
		}
		ok, err := m.Match(ctx, f, e)
		if err != nil {
			return nil, err
		}
		if ok {
			out = append(out, e)
		}
	}
	return out, nil
}

// UnsubscribeURL is the one-click link of a subscriber in a digest sent
// at the given time.
func (s *Sender) UnsubscribeURL(subID int64, sent time.Time) string {
	return strings.TrimSuffix(s.Config.BaseURL, "/") + "/u/" + s.Keys.Token(subID, sent)
}

// one sends one subscriber's digest and returns the state it ended in
// ("" when there was nothing to do).
func (s *Sender) one(ctx context.Context, c *conn, m *Matcher, ls *lines, cands []news.Event, j job, now time.Time, dryRun bool) (string, *Planned, error) {
	log := s.Logger.With("stage", "digest", "subscriber", j.sub.ID, "period", j.period.ID)
	if dryRun {
		// What a real run would skip, due has left out.
		evs, err := Select(ctx, m, cands, j.sub.Filter, j.since, now)
		if err != nil {
			return "", nil, err
		}
		msg, err := render(ls, j.sub, j.period, evs, s.Config.BaseURL, s.UnsubscribeURL(j.sub.ID, now))
		if err != nil {
			return "", nil, err
		}
		if len(evs) == 0 && !s.Config.SendEmpty {
			return store.DeliveryEmpty, nil, nil
		}
		return store.DeliverySent, &Planned{Email: j.sub.Email, Period: j.period.ID, Subject: msg.Subject, Events: len(evs)}, nil
	}
	d, ok, err := s.Store.Claim(ctx, j.sub.ID, j.period.ID, s.messageID(j.sub, j.period.ID), s.owner(), j.since, now, s.Config.MaxAttempts)
	if err != nil || !ok {
		return "", nil, err
	}
	evs, err := Select(ctx, m, cands, j.sub.Filter, d.Since, d.Until)
	if err != nil {
		s.Store.SetDelivery(ctx, d.ID, store.DeliveryFailed, 0, err.Error())
		return store.DeliveryFailed, nil, err
	}
	if len(evs) == 0 && !s.Config.SendEmpty {
		return store.DeliveryEmpty, nil, s.Store.SetDelivery(ctx, d.ID, store.DeliveryEmpty, 0, "")
	}
	unsub := s.UnsubscribeURL(j.sub.ID, now)
	msg, err := render(ls, j.sub, j.period, evs, s.Config.BaseURL, unsub)
	if err != nil {
		s.Store.SetDelivery(ctx, d.ID, store.DeliveryFailed, 0, err.Error())
		return store.DeliveryFailed, nil, err
	}
	mm, err := s.build(j.sub, d.MessageID, msg, unsub)
	if err != nil {
		// A From or To the mail library refuses will not get better.
		why := strings.ReplaceAll(err.Error(), j.sub.Email, "<subscriber>")
		s.Store.SetDelivery(ctx, d.ID, store.DeliveryRefused, len(evs), why)
		log.Error("digest not sent: bad address", "err", why)
		return store.DeliveryRefused, nil, nil
	}
	wait := s.Config.RetryWait.Duration
	for try := 0; ; try++ {
		// Marked before the server hears of it: a crash from here on may
		// have delivered the message.
		if err := s.Store.SetDelivery(ctx, d.ID, store.DeliverySending, len(evs), ""); err != nil {
			return "", nil, err
		}
		err := c.send(ctx, mm)
		state, why := classify(err)
		// Logs never carry subscribers' addresses.
		why = strings.ReplaceAll(why, j.sub.Email, "<subscriber>")
		if state == store.DeliveryFailed && try < s.Config.Retries && ctx.Err() == nil {
			log.Warn("temporary failure; retrying", "err", why, "wait", wait)
			// Nothing was handed over: back to claimed while waiting.
			if err := s.Store.SetDelivery(ctx, d.ID, store.DeliveryClaimed, len(evs), why); err != nil {
				return "", nil, err
			}
			s.sleep(ctx, wait)
			wait *= 2
			continue
		}
		if err := s.Store.SetDelivery(context.WithoutCancel(ctx), d.ID, state, len(evs), why); err != nil {
			return "", nil, err
		}
		switch state {
		case store.DeliverySent:
			log.Debug("digest sent", "events", len(evs), "message_id", d.MessageID)
		case store.DeliveryRefused:
			stopped, err := s.Store.Bounce(context.WithoutCancel(ctx), j.sub.ID, s.Config.BounceLimit)
			if err != nil {
				return state, nil, err
			}
			log.Warn("the mail server refused the address", "err", why, "mail_stopped", stopped)
		case store.DeliveryUncertain:
			log.Error("the connection failed after the message was handed over; it may have arrived and is not resent", "err", why)
		case store.DeliveryFailed:
			log.Warn("digest not sent; the next run tries again", "err", why, "attempt", d.Attempts)
		}
		return state, nil, nil
	}
}

// build makes the MIME message.
func (s *Sender) build(sub news.Subscriber, messageID string, msg Message, unsubscribeURL string) (*mail.Msg, error) {
	mm := mail.NewMsg()
	if err := mm.From(s.Config.From); err != nil {
		return nil, fmt.Errorf("digest.from: %w", err)
	}
	if err := mm.To(sub.Email); err != nil {
		return nil, err
	}
	mm.Subject(msg.Subject)
	mm.SetMessageIDWithValue(messageID)
	mm.SetDate()
	mm.SetUserAgent("aitracker/" + config.Version)
	// RFC 2919: every digest names its list, the one the unsubscribe
	// link's token is bound to; keys made without one (NewKeys) still
	// get the name the base URL gives.
	list := s.Keys.List
	if list == "" {
		list = ListID(s.Config.BaseURL)
	}
	mm.SetGenHeader(mail.Header("List-Id"), "aitracker digest <"+list+">")
	mm.SetGenHeader(mail.HeaderListUnsubscribe, "<"+unsubscribeURL+">")
	mm.SetGenHeader(mail.HeaderListUnsubscribePost, "List-Unsubscribe=One-Click")
	mm.SetGenHeader(mail.Header("Auto-Submitted"), "auto-generated")
	mm.SetBodyString(mail.TypeTextPlain, msg.Text)
	mm.AddAlternativeString(mail.TypeTextHTML, msg.HTML)
	return mm, nil
}

// classify turns a send error into a ledger state and a line for people.
func classify(err error) (state, why string) {
	if err == nil {
		return store.DeliverySent, ""
	}
	var se *mail.SendError
	if !errors.As(err, &se) {
		// Dialling, greeting, TLS or auth: nothing was handed over.
		return store.DeliveryFailed, err.Error()
	}
	switch se.Reason {
	case mail.ErrWriteContent, mail.ErrSMTPDataClose:
		// The server had the message, or part of it, and did not answer.
		return store.DeliveryUncertain, err.Error()
	case mail.ErrSMTPReset:
		// The message was accepted; only the reset after it failed.
		return store.DeliverySent, ""
	case mail.ErrSMTPRcptTo:
		if !se.IsTemp() && se.ErrorCode() >= 500 {
			return store.DeliveryRefused, err.Error()
		}
	case mail.ErrGetSender, mail.ErrGetRcpts, mail.ErrNoUnencoded:
		return store.DeliveryRefused, err.Error()
	}
	return store.DeliveryFailed, err.Error()
}

// conn is one SMTP connection, dialled when first needed and again after
// a failure.
type conn struct {
	cfg    config.SMTP
	client *mail.Client
}

func (c *conn) send(ctx context.Context, m *mail.Msg) error {
	if c.client == nil {
		policy := mail.TLSOpportunistic
		switch c.cfg.StartTLS {
		case "always":
			policy = mail.TLSMandatory
		case "never":
			policy = mail.NoTLS
		}
		opts := []mail.Option{mail.WithPort(c.cfg.Port), mail.WithTimeout(c.cfg.Timeout.Duration), mail.WithTLSPolicy(policy)}
		if c.cfg.TLS {
			opts = append(opts, mail.WithSSL())
		}
		if c.cfg.Username != "" {
			opts = append(opts, mail.WithSMTPAuth(mail.SMTPAuthAutoDiscover), mail.WithUsername(c.cfg.Username), mail.WithPassword(c.cfg.Password))
		}
		cl, err := mail.NewClient(c.cfg.Host, opts...)
		if err != nil {
			return fmt.Errorf("smtp %s:%d: %w", c.cfg.Host, c.cfg.Port, err)
		}
		if err := cl.DialWithContext(ctx); err != nil {
			return fmt.Errorf("smtp %s:%d: %w", c.cfg.Host, c.cfg.Port, err)
		}
		c.client = cl
	}
	err := c.client.Send(m)
	if err != nil {
		var se *mail.SendError
		if !errors.As(err, &se) || se.Reason != mail.ErrSMTPRcptTo {
			// The connection's state is unknown: start afresh next time.
			c.close()
		}
	}
	return err
}

func (c *conn) close() {
	if c.client != nil {
		c.client.Close()
		c.client = nil
	}
}

// Preview renders the digest a subscriber would get now, without sending
// or recording anything: the events new since from, or since their last
// digest when from is zero.
func (s *Sender) Preview(ctx context.Context, sub news.Subscriber, from time.Time) (Message, error) {
	now := s.now()
	p, err := Current(sub, now)
	if err != nil {
		return Message{}, err
	}
	if from.IsZero() {
		if from, err = s.Store.LastDigestEnd(ctx, sub.ID); err != nil {
			return Message{}, err
		}
		if from.IsZero() {
			from = sub.Created.Add(-p.Length)
		}
	}
	cands, err := s.Store.Events(ctx, store.EventFilter{CreatedAfter: from, CreatedUntil: now, Oldest: true})
	if err != nil {
		return Message{}, err
	}
	var arts []news.Article
	if strings.TrimSpace(sub.Filter.Query) != "" {
		var ids []int64
		for _, e := range cands {
			ids = append(ids, e.ArticleIDs()...)
		}
		if arts, err = s.Store.Articles(ctx, ids); err != nil {
			return Message{}, err
		}
	}
	m, err := NewMatcher(ctx, cands, arts)
	if err != nil {
		return Message{}, err
	}
	m.Resolve = s.Resolve
	defer m.Close()
	evs, err := Select(ctx, m, cands, sub.Filter, from, now)
	if err != nil {
		return Message{}, err
	}
	return Render(sub, p, evs, s.Config.BaseURL, s.UnsubscribeURL(sub.ID, now))
}

// owner names this process in the ledger, for operators reading it.
func (s *Sender) owner() string {
	host, _ := os.Hostname()
	return host + ":" + strconv.Itoa(os.Getpid())
}

// SendConfirmation mails the link that confirms a subscription made on the
// web (double opt-in): nothing is sent to an address until its owner
// follows it.
func (s *Sender) SendConfirmation(ctx context.Context, to, link, query string) error {
	if !s.Config.Enabled() {
		return errors.New("digest: not configured")
	}
	mm := mail.NewMsg()
	if err := mm.From(s.Config.From); err != nil {
		return fmt.Errorf("digest.from: %w", err)
	}
	if err := mm.To(to); err != nil {
		return err
	}
	what := "every new event"
	if query != "" {
		what = "new events matching “" + query + "”"
	}
	mm.Subject("Confirm your aitracker digest")
	mm.SetMessageID()
	mm.SetDate()
	mm.SetGenHeader(mail.Header("Auto-Submitted"), "auto-generated")
	mm.SetBodyString(mail.TypeTextPlain, "Someone, hopefully you, asked for a daily digest of "+what+" at this address.\n\n"+
		"Confirm here:\n"+link+"\n\nIf it was not you, ignore this message: nothing will be sent.\n")
	c := &conn{cfg: s.Config.SMTP}
	defer c.close()
	return c.send(ctx, mm)
}

// mailOutcome names a delivery state for the metrics.
func mailOutcome(state string) string {
	switch state {
	case "":
		return "skipped"
	case store.DeliveryRefused:
		return "refused"
	}
	return state
}
