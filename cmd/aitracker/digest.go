package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/aitracker/aitracker/config"
	"github.com/aitracker/aitracker/digest"
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

func cmdSubscribers(ctx context.Context, e *env, args []string) error {
	fs := flags(e, "subscribers")
	var d dataFlags
	d.register(fs)
	var r digest.Request
	fs.StringVar(&r.Query, "query", "", "add: a search the events must match (the search query language)")
	fs.StringVar(&r.Types, "types", "", "add: event types, comma-separated (funding,acquisition,model_release,…)")
	fs.StringVar(&r.Layers, "layers", "", "add: layers, comma-separated (infrastructure,model,middleware,application)")
	fs.StringVar(&r.Companies, "companies", "", "add: companies by name or alias, comma-separated")
	fs.StringVar(&r.MinAmount, "min-amount", "", "add: least amount in USD of rounds, acquisitions and IPOs (50M, 1.5B)")
	fs.StringVar(&r.Langs, "langs", "", "add: languages of the reports, comma-separated (en,zh)")
	daily := fs.Bool("daily", false, "add: one digest a day (the default)")
	weekly := fs.Bool("weekly", false, "add: one digest a week")
	fs.StringVar(&r.At, "at", "07:00", "add: local time of day to send")
	fs.StringVar(&r.TZ, "tz", "UTC", "add: time zone of --at (Asia/Shanghai, Europe/Paris, …)")
	fs.StringVar(&r.Weekday, "weekday", "mon", "add: day of a weekly digest (mon … sun)")
	asJSON := fs.Bool("json", false, "list: print as JSON")
	cfg, err := d.parse(fs, args)
	if err != nil {
		return err
	}
	if *daily && *weekly {
		return usageError{"--daily and --weekly exclude each other"}
	}
	if *weekly {
		r.Frequency = "weekly"
	}
	log := newLogger(cfg, e.stderr)
	a, err := openApp(ctx, cfg, log, false, nil)
	if err != nil {
		return err
	}
	defer a.Close()
	switch {
	case fs.NArg() == 2 && fs.Arg(0) == "add":
		r.Email = fs.Arg(1)
		cls, err := newClassifier(cfg)
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
		if !cfg.Digest.Enabled() {
			fmt.Fprintln(e.stderr, "note: digests are not configured yet; set digest.from, digest.base_url, digest.secret and digest.smtp in the config")
		}
		return nil
	case fs.NArg() == 2 && fs.Arg(0) == "remove":
		if err := a.st.RemoveSubscriber(ctx, fs.Arg(1)); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "removed %s\n", fs.Arg(1))
		return nil
	case fs.NArg() == 0 || fs.NArg() == 1 && fs.Arg(0) == "list":
		subs, err := a.st.Subscribers(ctx, false)
		if err != nil {
			return err
		}
		if *asJSON {
			return printJSON(e.stdout, map[string]any{"subscribers": subs})
		}
		if len(subs) == 0 {
			fmt.Fprintln(e.stdout, "No subscribers. Add one with: aitracker subscribers add EMAIL [--types funding] [--daily --at 07:00 --tz UTC]")
			return nil
		}
		tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "EMAIL\tSTATUS\tWHEN\tFOLLOWS")
		for _, s := range subs {
			when := s.Frequency + " " + s.SendAt + " " + s.TZ
			if s.Frequency == "weekly" {
				when = "weekly " + s.Weekday.String()[:3] + " " + s.SendAt + " " + s.TZ
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", s.Email, s.Status, when, digest.Describe(s.Filter))
		}
		return tw.Flush()
	}
	return usageError{"want: subscribers add EMAIL [filters], subscribers list, or subscribers remove EMAIL"}
}

func cmdDigest(ctx context.Context, e *env, args []string) error {
	fs := flags(e, "digest")
	var d dataFlags
	d.register(fs)
	dryRun := fs.Bool("dry-run", false, "send: list what would be sent, send and record nothing")
	force := fs.Bool("force", false, "send: treat every active subscriber as due for the current period (still one message per period)")
	var to stringList
	fs.Var(&to, "to", "send: only this subscriber (repeatable)")
	subscriber := fs.String("subscriber", "", "preview: the subscriber's e-mail")
	out := fs.String("out", "", "preview: write the HTML to this file (the text goes to stdout)")
	since := fs.String("since", "", "preview: events new since this age or date (default: since the subscriber's last digest)")
	asJSON := fs.Bool("json", false, "print as JSON")
	cfg, err := d.parse(fs, args)
	if err != nil {
		return err
	}
	log := newLogger(cfg, e.stderr)
	a, err := openEvents(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer a.Close()
	s := newSender(cfg, a.st, log, nil)
	switch {
	case fs.NArg() == 1 && fs.Arg(0) == "send":
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
	case fs.NArg() == 1 && fs.Arg(0) == "preview":
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
	case fs.NArg() == 1 && fs.Arg(0) == "status":
		rows, err := a.st.Deliveries(ctx, "")
		if err != nil {
			return err
		}
		if *asJSON {
			return printJSON(e.stdout, map[string]any{"deliveries": rows})
		}
		if len(rows) == 0 {
			fmt.Fprintln(e.stdout, "No digests sent yet.")
			return nil
		}
		tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "PERIOD\tEMAIL\tSTATE\tEVENTS\tATTEMPTS\tUPDATED\tLAST ERROR")
		for _, r := range rows {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%d\t%s\t%s\n", r.Period, r.Email, r.State, r.Events, r.Attempts,
				r.Updated.Format("2006-01-02 15:04"), clip(r.LastError, 60))
		}
		return tw.Flush()
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
