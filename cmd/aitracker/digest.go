package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/aitracker/aitracker/config"
	"github.com/aitracker/aitracker/digest"
	"github.com/aitracker/aitracker/news"
	"github.com/aitracker/aitracker/query"
	"github.com/aitracker/aitracker/store"
)

func digestLock(cfg *config.Config) string { return filepath.Join(cfg.DataDir, "digest.lock") }

// newSender makes the digest sender; resolve maps company names in
// subscribers' queries to canonical ones (nil: the classifier's taxonomy
// is loaded for it).
func newSender(cfg *config.Config, st store.Store, log *slog.Logger, resolve func(string) string) *digest.Sender {
	s := &digest.Sender{Store: st, Config: cfg.Digest, Keys: digest.KeysFor(cfg.Digest),
		LockPath: digestLock(cfg), Logger: log, Resolve: resolve}
	if resolve == nil {
		if cls, err := newClassifier(cfg); err == nil {
			s.Resolve = resolver(cls)
		}
	}
	return s
}

// subscriberList lists who gets the digest, when, and what they follow.
var subscriberList = listing[news.Subscriber]{row: subscriberRow, key: "subscribers",
	none:   "No subscribers. Add one with: aitracker subscribers add EMAIL [--types funding] [--daily --at 07:00 --tz UTC]",
	header: "EMAIL\tSTATUS\tWHEN\tFOLLOWS"}

// subscriberRow is one row of the subscriberList table.
func subscriberRow(s news.Subscriber) string {
	when := s.Frequency + " " + s.SendAt + " " + s.TZ
	if s.Frequency == "weekly" {
		when = "weekly " + s.Weekday.String()[:3] + " " + s.SendAt + " " + s.TZ
	}
	return fmt.Sprintf("%s\t%s\t%s\t%s", s.Email, s.Status, when, digest.Describe(s.Filter))
}

// deliveryList lists the delivery ledger, a row per subscriber and period.
var deliveryList = listing[store.Delivery]{row: deliveryRow, key: "deliveries",
	none:   "No digests sent yet.",
	header: "PERIOD\tEMAIL\tSTATE\tEVENTS\tATTEMPTS\tUPDATED\tLAST ERROR"}

// deliveryRow is one row of the deliveryList table.
func deliveryRow(r store.Delivery) string {
	return fmt.Sprintf("%s\t%s\t%s\t%d\t%d\t%s\t%s", r.Period, r.Email, r.State, r.Events, r.Attempts,
		r.Updated.Format("2006-01-02 15:04"), clip(r.LastError, 60))
}

func cmdSubscribers(ctx context.Context, e *env, args []string) error {
	d := newDataCmd(e, "subscribers")
	var r digest.Request
	d.StringVar(&r.Query, "query", "", "add: a search the events must match (the search query language)")
	d.StringVar(&r.Types, "types", "", "add: event types, comma-separated (funding,acquisition,model_release,…)")
	d.StringVar(&r.Layers, "layers", "", "add: layers, comma-separated (infrastructure,model,middleware,application)")
	d.StringVar(&r.Companies, "companies", "", "add: companies by name or alias, comma-separated")
	d.StringVar(&r.MinAmount, "min-amount", "", "add: least amount in USD of rounds, acquisitions and IPOs (50M, 1.5B)")
	d.StringVar(&r.Langs, "langs", "", "add: languages of the reports, comma-separated (en,zh)")
	d.Bool("daily", false, "add: one digest a day (the default)")
	weekly := d.Bool("weekly", false, "add: one digest a week")
	d.excludes("daily", "weekly")
	d.StringVar(&r.At, "at", "07:00", "add: local time of day to send")
	d.StringVar(&r.TZ, "tz", "UTC", "add: time zone of --at (Asia/Shanghai, Europe/Paris, …)")
	d.StringVar(&r.Weekday, "weekday", "mon", "add: day of a weekly digest (mon … sun)")
	asJSON := d.jsonFlag("list: print as JSON")
	d.creates = true // subscribers can be added before the first pass
	a, err := d.open(ctx, args, storeOnly)
	if err != nil {
		return err
	}
	defer a.Close()
	if *weekly {
		r.Frequency = "weekly"
	}
	switch {
	case d.NArg() == 2 && d.Arg(0) == "add":
		r.Email = d.Arg(1)
		cls, err := newClassifier(d.cfg)
		if err != nil {
			return err
		}
		sub, err := r.Subscriber(resolver(cls))
		if err != nil {
			return usageError{err.Error()}
		}
		if err := a.st.AddSubscriber(ctx, &sub); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "subscribed %s: %s digest at %s %s\n", sub.Email, sub.Frequency, sub.SendAt, sub.TZ)
		if !d.cfg.Digest.Enabled() {
			fmt.Fprintln(e.stderr, "note: digests are not configured yet; set digest.from, digest.base_url, digest.secret and digest.smtp in the config")
		}
		return nil
	case d.NArg() == 2 && d.Arg(0) == "remove":
		if err := a.st.RemoveSubscriber(ctx, d.Arg(1)); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "removed %s\n", d.Arg(1))
		return nil
	case d.NArg() == 0 || d.NArg() == 1 && d.Arg(0) == "list":
		subs, err := a.st.Subscribers(ctx, false)
		if err != nil {
			return err
		}
		return subscriberList.print(e.stdout, subs, *asJSON)
	}
	return usageError{"want: subscribers add EMAIL [filters], subscribers list, or subscribers remove EMAIL"}
}

func cmdDigest(ctx context.Context, e *env, args []string) error {
	d := newDataCmd(e, "digest")
	dryRun := d.Bool("dry-run", false, "send: list what would be sent, send and record nothing")
	force := d.Bool("force", false, "send: treat every active subscriber as due for the current period (still one message per period)")
	var to stringList
	d.Var(&to, "to", "send: only this subscriber (repeatable)")
	subscriber := d.String("subscriber", "", "preview: the subscriber's e-mail")
	out := d.String("out", "", "preview: write the HTML to this file (the text goes to stdout)")
	since := d.String("since", "", "preview: events new since this age or date (default: since the subscriber's last digest)")
	asJSON := d.jsonFlag("print as JSON")
	a, err := d.open(ctx, args, withEvents)
	if err != nil {
		return err
	}
	defer a.Close()
	s := newSender(d.cfg, a.st, d.log, nil)
	switch {
	case d.NArg() == 1 && d.Arg(0) == "send":
		rep, err := s.Run(ctx, digest.Options{Force: *force, DryRun: *dryRun, Only: to})
		if *asJSON {
			if perr := printJSON(e.stdout, rep); perr != nil {
				return perr
			}
			return err
		}
		for _, p := range rep.Planned {
			fmt.Fprintf(e.stdout, "would send %s (%s): %s\n", p.Email, p.Period, p.Subject)
		}
		fmt.Fprintln(e.stdout, rep)
		return err
	case d.NArg() == 1 && d.Arg(0) == "preview":
		if *subscriber == "" {
			return usageError{"preview needs --subscriber EMAIL"}
		}
		sub, err := a.st.Subscriber(ctx, 0, *subscriber)
		if errors.Is(err, store.ErrNotFound) {
			return fmt.Errorf("no subscriber %s", *subscriber)
		}
		if err != nil {
			return err
		}
		var from time.Time
		if *since != "" {
			params := map[string][]string{"since": {*since}}
			flt, err := query.EventFilter(func(n string) []string { return params[n] }, time.Now().UTC(), nil)
			if err != nil {
				return usageError{err.Error()}
			}
			from = flt.Since
		}
		msg, err := s.Preview(ctx, sub, from)
		if err != nil {
			return err
		}
		if *out != "" {
			if err := os.WriteFile(*out, []byte(msg.HTML), 0o644); err != nil {
				return err
			}
			fmt.Fprintf(e.stderr, "wrote %s (%d events)\n", *out, msg.Events)
		}
		fmt.Fprintf(e.stdout, "Subject: %s\n\n%s", msg.Subject, msg.Text)
		return nil
	case d.NArg() == 1 && d.Arg(0) == "status":
		rows, err := a.st.Deliveries(ctx, "")
		if err != nil {
			return err
		}
		return deliveryList.print(e.stdout, rows, *asJSON)
	}
	return usageError{"want: digest send [--dry-run] [--force], digest preview --subscriber EMAIL [--out FILE.html], or digest status"}
}

// digestLoop sends due digests every check interval until ctx is done;
// what is due is decided from the ledger, so a restart neither repeats
// nor skips a period.
func digestLoop(ctx context.Context, s *digest.Sender, cfg *config.Config, log *slog.Logger) {
	if !cfg.Digest.Enabled() {
		return
	}
	t := time.NewTicker(cfg.Digest.Check.Duration)
	defer t.Stop()
	for {
		rep, err := s.Run(ctx, digest.Options{})
		switch {
		case err != nil && ctx.Err() == nil:
			log.Error("digest run failed; retried at the next check", "stage", "digest", "err", err)
		case rep.Due > 0 && rep.Sent+rep.Failed+rep.Refused+rep.Uncertain > 0:
			log.Info("digests", "stage", "digest", "summary", strings.TrimSpace(rep.String()))
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
