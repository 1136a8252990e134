package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/aitracker/aitracker/classify"
	"github.com/aitracker/aitracker/config"
	"github.com/aitracker/aitracker/digest"
	"github.com/aitracker/aitracker/index"
	"github.com/aitracker/aitracker/news"
	"github.com/aitracker/aitracker/pipeline"
	"github.com/aitracker/aitracker/web"
)

// Main is the daemon "aitracker run" and "aitracker demo" start: the web
// server, the ingestion schedule, the digest loop and, when the index is
// out of date, its rebuild in the background. Run opens the store and the
// index and starts each part as a goroutine of one errgroup; Done is
// closed when Run's context is done or a part failed; Close stops every
// part, waits for each, and closes what Run opened.
type Main struct {
	Config *config.Config
	Logger *slog.Logger
	// Schedule is the ingestion schedule, a cron spec; "" runs one pass
	// at start only.
	Schedule string
	// Ready, when set, is called with the server's URL once it listens.
	Ready func(url string)
	// Passes, when set, receives each ingestion pass's summary.
	Passes chan<- pipeline.Summary

	app  *app
	live *index.Live
	ln   net.Listener
	srv  *http.Server
	// parts runs the goroutines; stop cancels their context and done is
	// closed with it.
	parts *errgroup.Group
	stop  context.CancelFunc
	done  <-chan struct{}
}

// daemon is a long-running command: Main, or a Node of a cluster.
type daemon interface {
	Run(ctx context.Context) error
	Done() <-chan struct{}
	Close() error
}

// serve runs m until ctx is done or a part of it fails, then closes it.
func serve(ctx context.Context, m daemon) error {
	if err := m.Run(ctx); err != nil {
		return err
	}
	<-m.Done()
	return m.Close()
}

// Run opens the store and the index, listens, and starts the parts of
// the daemon; it returns once they run. When it fails, what it opened is
// closed again.
func (m *Main) Run(ctx context.Context) (err error) {
	cfg, log := m.Config, m.Logger
	cls, err := newClassifier(cfg)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", cfg.Listen)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", cfg.Listen, err)
	}
	defer func() {
		if err != nil {
			ln.Close()
		}
	}()
	a, err := openApp(ctx, cfg, log, false, nil)
	if err != nil {
		return err
	}
	// An index of an older mapping keeps serving while its replacement
	// is built in the background.
	live, err := index.OpenServing(ctx, a.st, indexConfig(cfg, log, nil))
	if err != nil {
		a.Close()
		return err
	}
	m.app, m.live, m.ln = a, live, ln

	ctx, m.stop = context.WithCancel(ctx)
	m.parts, ctx = errgroup.WithContext(ctx)
	m.done = ctx.Done()
	var met *web.Metrics
	var sender *digest.Sender
	m.srv, met, sender = startWeb(ctx, m.parts, cfg, log, a, live, cls, ln)
	url := "http://" + ln.Addr().String() + "/"
	log.Info("serving", "url", url, "data_dir", cfg.DataDir, "sources", len(cfg.Sources), "schedule", m.Schedule)
	if m.Ready != nil {
		m.Ready(url)
	}
	if _, err := pipeline.UpdateEvents(ctx, a.st, log, time.Now().UTC()); err != nil {
		log.Error("events not updated; the next pass retries", "stage", "events", "err", err)
	}
	p := a.pipeline(cls, &logProgress{log: log})
	p.Index = live
	p.Observer = met
	p.Passes = m.Passes
	// Digests wait for the first pass after start, so that a server
	// started at the send time mails what that pass brings.
	firstPass := make(chan struct{})
	var once sync.Once
	p.AfterPass = func() { once.Do(func() { close(firstPass) }) }
	m.parts.Go(func() error {
		return p.Schedule(ctx, m.Schedule, func() []news.Source { return sourcesOf(cfg) })
	})
	m.parts.Go(func() error {
		select {
		case <-firstPass:
		case <-ctx.Done():
			return nil
		}
		digestLoop(ctx, sender, cfg, log)
		return nil
	})
	return nil
}

// startWeb starts on parts what a server and a search node both run: the
// rebuild of an index of an older mapping, in the background (the old
// one serves meanwhile), and the web server on ln. It returns the server,
// the one set of metrics that the passes and the digests report to, and
// the one sender of the confirmation mails and the digests.
func startWeb(ctx context.Context, parts *errgroup.Group, cfg *config.Config, log *slog.Logger, a *app, live *index.Live, cls *classify.Classifier, ln net.Listener) (*http.Server, *web.Metrics, *digest.Sender) {
	if live.Outdated() {
		parts.Go(func() error {
			if err := live.Rebuild(ctx); err != nil && ctx.Err() == nil {
				log.Error("index rebuild failed; searching the old index until the next start", "stage", "index", "err", err)
			}
			return nil
		})
	}
	met := web.NewMetrics(a.st, live)
	ws := &web.Server{Index: live, Store: a.st, Resolve: resolver(cls), Logger: log, Version: config.Version,
		Keys: webKeys(cfg), AdminToken: cfg.AdminToken, Taxonomy: cls.Taxonomy(), BaseURL: cfg.Digest.BaseURL, Metrics: met}
	sender := newSender(cfg, a.st, log, resolver(cls))
	sender.Observer = met
	if cfg.Digest.Enabled() {
		ws.Mailer = sender
	}
	srv := web.NewHTTPServer(cfg.Listen, ws.Handler(), log, web.DefaultTimeouts)
	parts.Go(func() error {
		// Close ends it with http.ErrServerClosed; any other end fails
		// the daemon, which then stops its other parts too.
		if err := srv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
			return fmt.Errorf("web server: %w", err)
		}
		return nil
	})
	return srv, met, sender
}

// shutdownGrace is how long a stopping daemon waits for its parts: the
// configured grace, or the default one.
func shutdownGrace(cfg *config.Config) time.Duration {
	if g := cfg.ShutdownGrace.Duration; g > 0 {
		return g
	}
	return config.Default().ShutdownGrace.Duration
}

// Done is closed when the context given to Run is done or a part of the
// daemon failed: then it is time to Close.
func (m *Main) Done() <-chan struct{} { return m.done }

// Close stops the daemon in order: it stops taking requests, cancels the
// running pass (its requests end, it stops between articles, every
// source's attempt is recorded or closed), waits for every part, then
// closes the index and the store. All of that gets the configured
// shutdown grace; past it, Close logs what is still running and returns
// an error without closing what is in use, since the process is about to
// exit: the next start catches up as after a crash. It returns the error
// a part failed with, if one did.
func (m *Main) Close() error {
	if m.parts == nil { // never ran, or Run failed and closed what it opened
		return nil
	}
	return stopParts(m.Config, m.Logger, m.stop, m.srv, m.parts,
		" with work in flight: what was stored is kept, and the next start counts unfinished sources as crashed and catches the index up",
		func() error { return errors.Join(m.live.Close(), m.app.Close()) })
}

// stopParts stops a daemon's parts within the configured shutdown grace:
// it cancels them (stop), shuts the web server down (srv, when the daemon
// has one), waits for the parts, then closes what closeAll closes and
// returns the error a part failed with, if one did. Past the grace it
// logs what the next start does about the work in flight (late) and
// returns an error without closing what is in use, since the process is
// about to exit.
func stopParts(cfg *config.Config, log *slog.Logger, stop context.CancelFunc, srv *http.Server, parts *errgroup.Group, late string, closeAll func() error) error {
	stop()
	grace := shutdownGrace(cfg)
	log.Info("stopping", "grace", grace.String())
	ctx, cancel := context.WithTimeout(context.Background(), grace)
	defer cancel()
	// Close waits for this goroutine unless the grace period runs out,
	// and then the process exits.
	stopped := make(chan error, 1)
	go func() {
		if srv != nil {
			srv.Shutdown(ctx)
		}
		stopped <- parts.Wait()
	}()
	select {
	case err := <-stopped:
		if err == nil {
			log.Info("stopped")
		}
		return errors.Join(err, closeAll())
	case <-ctx.Done():
		log.Error("still stopping when the shutdown grace period ran out; exiting"+late, "grace", grace.String())
		return fmt.Errorf("shutdown: still stopping after the %s grace period (shutdown_grace)", grace)
	}
}

// logProgress logs a pass's progress for the daemon, whose output is a
// log, not a terminal: when it starts, then at each tenth of its sources.
type logProgress struct {
	log *slog.Logger

	mu                  sync.Mutex
	total, done, failed int
	step, next          int
}

func (p *logProgress) Start(total int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.total, p.done, p.failed = total, 0, 0
	p.step = max(1, (total+9)/10)
	p.next = p.step
	p.log.Info("pass started", "sources", total)
}

func (p *logProgress) SourceDone(name string, err error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.done++
	if err != nil {
		p.failed++
	}
	if p.done >= p.next && p.done < p.total {
		p.next += p.step
		p.log.Info("pass progress", "done", p.done, "of", p.total, "failed", p.failed)
	}
}

// Finish logs nothing: the pass's summary follows.
func (p *logProgress) Finish() {}
