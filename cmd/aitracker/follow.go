package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"golang.org/x/sync/errgroup"

	"github.com/aitracker/aitracker/cluster"
	"github.com/aitracker/aitracker/config"
	"github.com/aitracker/aitracker/digest"
	"github.com/aitracker/aitracker/index"
	"github.com/aitracker/aitracker/pipeline"
)

func cmdServe(ctx context.Context, e *env, args []string) error {
	d := newDataCmd(e, "serve")
	follow := d.Bool("follow", false, "keep the index following the store of record (required: a search node of a cluster)")
	listen := d.String("listen", "", "address of the web UI and API; overrides listen in the config")
	indexDir := d.String("index-dir", "", "the search index's `DIR` (default DATA_DIR/index); each search node needs its own")
	d.creates = true // a search node may start before the first worker
	if err := d.parse(args); err != nil {
		return err
	}
	if d.NArg() > 0 {
		return usageError{"serve takes no arguments"}
	}
	if !*follow {
		return usageError{"serve runs a search node and needs --follow (to ingest and serve on one machine, use \"aitracker run\")"}
	}
	cfg := d.cfg
	if *listen != "" {
		cfg.Listen = *listen
	}
	return serve(ctx, &Follow{Config: cfg, Logger: d.log, IndexDir: *indexDir})
}

// Follow is "aitracker serve --follow", a search node: the web UI and
// API over an index of its own that follows the store of record
// (cluster.Follower), and no ingestion. With cluster.nats_url set it
// writes a heartbeat with its lag for "aitracker cluster status" and
// competes for the leader's lease (cluster.Lease): the leader merges
// events and sends digests. Search nodes lead, rather than the
// scheduler or the workers, because there are usually two or more of
// them (readers are why a cluster has several), so that the lease moves
// when one stops; they already follow the store's sequence, which is
// what says events need merging; and they hold what sending needs (the
// digest settings, the public base URL the links point to). Workers are
// the part that is scaled up and down, and the scheduler is usually one
// process.
//
// Run, Done and Close are as for Main.
type Follow struct {
	Config *config.Config
	Logger *slog.Logger
	// IndexDir is the index's directory; DATA_DIR/index when empty.
	IndexDir string
	// Every is how often the index and the leader's event merging look
	// at the store (cluster.DefaultFollowEvery when zero).
	Every time.Duration
	// LeaseTTL is the leader's lease's TTL (cluster.DefaultLeaseTTL).
	LeaseTTL time.Duration
	// Ready, when set, is called with the server's URL once it listens.
	Ready func(url string)

	app   *app
	live  *index.Live
	nc    *nats.Conn
	srv   *http.Server
	parts *errgroup.Group
	stop  context.CancelFunc
	done  <-chan struct{}
}

// Run opens the store and the index (a new index catches up from empty
// here, and one left by a killed node from its watermark), listens, and
// starts the parts: the web server, the follower and, with a NATS
// server, the heartbeat and the campaign for the lease.
func (f *Follow) Run(ctx context.Context) (err error) {
	cfg, log := f.Config, f.Logger
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
	url := "http://" + ln.Addr().String() + "/"
	// The address tells apart two nodes of one process (tests).
	name := nodeName("search") + " " + ln.Addr().String()
	var nc *nats.Conn
	var lease *cluster.Lease
	var nodes *cluster.Nodes
	if cfg.Cluster.Enabled() {
		var js jetstream.JetStream
		nc, js, err = connectNATS(cfg, "aitracker serve --follow")
		if err != nil {
			return err
		}
		defer func() {
			if err != nil {
				nc.Close()
			}
		}()
		if nodes, err = cluster.OpenNodes(ctx, js, log); err != nil {
			return err
		}
		if lease, err = cluster.OpenLease(ctx, js, cluster.LeaseOptions{Holder: name, TTL: f.LeaseTTL, Logger: log}); err != nil {
			return err
		}
	} else {
		log.Warn("cluster.nats_url is not set: this search node follows the store, but writes no heartbeat and never leads (events are not merged and digests not sent by it)")
	}
	a, err := openApp(ctx, cfg, log, false, nil)
	if err != nil {
		return err
	}
	icfg := indexConfig(cfg, log, nil)
	if f.IndexDir != "" {
		icfg.Path = f.IndexDir
	}
	live, err := index.OpenServing(ctx, a.st, icfg)
	if err != nil {
		a.Close()
		return err
	}
	f.app, f.live, f.nc = a, live, nc

	ctx, f.stop = context.WithCancel(ctx)
	f.parts, ctx = errgroup.WithContext(ctx)
	f.done = ctx.Done()
	var sender *digest.Sender
	f.srv, _, sender = startWeb(ctx, f.parts, cfg, log, a, live, cls, ln)
	fl := &cluster.Follower{Index: live, Store: a.st, Every: f.Every, Logger: log}
	// One step now, so that the first heartbeat tells the node's lag.
	if _, err := fl.Step(ctx); err != nil {
		log.Warn("following the store: catch-up failed; trying again", "stage", "index", "err", err)
	}
	f.parts.Go(func() error { return fl.Run(ctx) })
	if nodes != nil {
		started := time.Now().UTC()
		f.parts.Go(func() error {
			return nodes.Run(ctx, cluster.DefaultBeat, func(context.Context) cluster.Beat { return fl.Beat(name, url, started) })
		})
	}
	if lease != nil {
		f.parts.Go(func() error {
			return lease.Lead(ctx, func(ctx context.Context) error { return lead(ctx, a, sender, cfg, log, f.Every) })
		})
	}
	n, _ := live.Count()
	log.Info("serving, following the store", "url", url, "index", live.Path(), "articles", n, "node", name,
		"nats", redactedServers(cfg.Cluster))
	if f.Ready != nil {
		f.Ready(url)
	}
	return nil
}

// lead is the leader's work until ctx ends (the lease is lost or the
// node stops): event merging whenever the store has written past the
// events, then the digests that are due, every digest.check.
func lead(ctx context.Context, a *app, sender *digest.Sender, cfg *config.Config, log *slog.Logger, every time.Duration) error {
	if every <= 0 {
		every = cluster.DefaultFollowEvery
	}
	log.Info("leading: merging events and sending digests")
	t := time.NewTicker(every)
	defer t.Stop()
	var nextDigest time.Time
	for {
		if err := mergeIfWritten(ctx, a, log); err != nil && ctx.Err() == nil {
			log.Error("events not updated; tried again", "stage", "events", "err", err)
		}
		if cfg.Digest.Enabled() && !time.Now().Before(nextDigest) && ctx.Err() == nil {
			nextDigest = time.Now().Add(cfg.Digest.Check.Duration)
			if rep, err := sender.Run(ctx, digest.Options{}); err != nil && ctx.Err() == nil {
				log.Error("digest run failed; retried at the next check", "stage", "digest", "err", err)
			} else if rep.Sent+rep.Failed+rep.Refused+rep.Uncertain > 0 {
				log.Info("digests", "stage", "digest", "summary", rep.String())
			}
		}
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		}
	}
}

// mergeIfWritten merges events when the store has written articles past
// the events' watermark.
func mergeIfWritten(ctx context.Context, a *app, log *slog.Logger) error {
	evSeq, _, err := a.st.EventsState(ctx)
	if err != nil {
		return err
	}
	maxSeq, err := a.st.MaxSeq(ctx)
	if err != nil || maxSeq <= evSeq {
		return err
	}
	_, err = pipeline.UpdateEvents(ctx, a.st, log, time.Now().UTC())
	return err
}

// Done is closed when the context given to Run is done or a part failed.
func (f *Follow) Done() <-chan struct{} { return f.done }

// Close stops the node: the web server, the follower, the heartbeat
// (removed) and the campaign (the lease given back), within the shutdown
// grace, then closes the index, the store and the connection.
func (f *Follow) Close() error {
	if f.parts == nil {
		return nil
	}
	return stopParts(f.Config, f.Logger, f.stop, f.srv, f.parts, ": the next start resumes from the index's watermark",
		func() error {
			err := errors.Join(f.live.Close(), f.app.Close())
			if f.nc != nil {
				f.nc.Close()
			}
			return err
		})
}

// nodeName names this process in leases and heartbeats: "role@host:pid".
func nodeName(role string) string {
	h, err := os.Hostname()
	if err != nil {
		h = "unknown"
	}
	return fmt.Sprintf("%s@%s:%d", role, h, os.Getpid())
}
