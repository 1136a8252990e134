package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"golang.org/x/sync/errgroup"

	"github.com/aitracker/aitracker/cluster"
	"github.com/aitracker/aitracker/config"
	"github.com/aitracker/aitracker/news"
)

func cmdScheduler(ctx context.Context, e *env, args []string) error {
	d := newDataCmd(e, "scheduler")
	d.creates = true // it makes the configured sources the store's
	if err := d.parse(args); err != nil {
		return err
	}
	if d.NArg() > 0 {
		return usageError{"scheduler takes no arguments"}
	}
	return serve(ctx, &Node{Config: d.cfg, Logger: d.log, Role: roleScheduler})
}

func cmdWorker(ctx context.Context, e *env, args []string) error {
	d := newDataCmd(e, "worker")
	d.creates = true // it may start before the scheduler
	if err := d.parse(args); err != nil {
		return err
	}
	if d.NArg() > 0 {
		return usageError{"worker takes no arguments"}
	}
	return serve(ctx, &Node{Config: d.cfg, Logger: d.log, Role: roleWorker})
}

// The parts a Node can run.
const (
	roleScheduler = "scheduler"
	roleWorker    = "worker"
)

// Node is "aitracker scheduler" or "aitracker worker": Run connects to
// NATS (cluster.nats_url), opens the store and the queue and starts its
// part as a goroutine of an errgroup; Done is closed when Run's context
// is done or the part failed; Close stops the part (a worker gives its
// job back), waits for it within the shutdown grace, and closes the
// store and the connection.
type Node struct {
	Config *config.Config
	Logger *slog.Logger
	Role   string

	nc    *nats.Conn
	app   *app
	parts *errgroup.Group
	stop  context.CancelFunc
	done  <-chan struct{}
}

// Run connects, opens and starts the node's part; when it fails, what
// it opened is closed again.
func (n *Node) Run(ctx context.Context) (err error) {
	cfg, log := n.Config, n.Logger
	nc, js, err := connectNATS(cfg, "aitracker "+n.Role)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			nc.Close()
		}
	}()
	q, err := cluster.Open(ctx, js, cluster.Options{})
	if err != nil {
		return err
	}
	var part func(context.Context) error
	a, err := openApp(ctx, cfg, log, false, nil)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			a.Close()
		}
	}()
	switch n.Role {
	case roleScheduler:
		s := &cluster.Scheduler{Queue: q, Store: a.st, Logger: log, Sources: func() []news.Source { return sourcesOf(cfg) }}
		part = func(ctx context.Context) error { return s.Run(ctx, cfg.Schedule) }
	case roleWorker:
		cls, err := newClassifier(cfg)
		if err != nil {
			return err
		}
		hosts, err := cluster.OpenHosts(ctx, js, cluster.HostsOptions{Holder: holder(), MaxRequest: cfg.Fetch.Timeout.Duration, Logger: log})
		if err != nil {
			return err
		}
		p := a.pipeline(cls, nil)
		p.Fetcher = newFetcherWith(cfg, hosts)
		w := &cluster.Worker{Queue: q, Pipeline: p, Logger: log, Concurrency: cfg.Fetch.Workers}
		part = w.Run
	default:
		return fmt.Errorf("no such part %q", n.Role)
	}
	n.nc, n.app = nc, a
	ctx, n.stop = context.WithCancel(ctx)
	n.parts, ctx = errgroup.WithContext(ctx)
	n.done = ctx.Done()
	n.parts.Go(func() error { return part(ctx) })
	log.Info(n.Role+" running", "nats", redactedServers(cfg.Cluster), "data_dir", cfg.DataDir, "schedule", cfg.Schedule, "sources", len(cfg.Sources))
	return nil
}

// Done is closed when the context given to Run is done or the part
// failed: then it is time to Close.
func (n *Node) Done() <-chan struct{} { return n.done }

// Close stops the part and waits for it within the shutdown grace, then
// closes the store and the connection. Past the grace it returns an
// error without closing what is in use: a job not acked comes back to
// another worker, and nothing it stored is lost.
func (n *Node) Close() error {
	if n.parts == nil {
		return nil
	}
	n.stop()
	grace := n.Config.ShutdownGrace.Duration
	if grace <= 0 {
		grace = config.Default().ShutdownGrace.Duration
	}
	n.Logger.Info("stopping", "grace", grace.String())
	stopped := make(chan error, 1)
	go func() { stopped <- n.parts.Wait() }()
	select {
	case err := <-stopped:
		if err == nil {
			n.Logger.Info("stopped")
		}
		err = errors.Join(err, n.app.Close())
		n.nc.Close() // sends what is still buffered: a job given back (Nak)
		return err
	case <-time.After(grace):
		n.Logger.Error("still stopping when the shutdown grace period ran out; exiting: a job not acked is delivered again to another worker", "grace", grace.String())
		return fmt.Errorf("shutdown: still stopping after the %s grace period (shutdown_grace)", grace)
	}
}

// connectNATS connects to the configured servers and opens JetStream.
func connectNATS(cfg *config.Config, name string) (*nats.Conn, jetstream.JetStream, error) {
	if !cfg.Cluster.Enabled() {
		return nil, nil, errors.New("cluster.nats_url is not set: the scheduler and the workers meet on a NATS server with JetStream on (cluster: {nats_url: \"nats://127.0.0.1:4222\"})")
	}
	nc, err := nats.Connect(strings.Join(cfg.Cluster.Servers(), ","), nats.Name(name), nats.Timeout(10*time.Second),
		nats.MaxReconnects(-1))
	if err != nil {
		return nil, nil, fmt.Errorf("cluster.nats_url: cannot reach NATS at %s: %w", redactedServers(cfg.Cluster), err)
	}
	js, err := jetstream.New(nc)
	if err != nil {
		nc.Close()
		return nil, nil, fmt.Errorf("cluster.nats_url: %s: %w", redactedServers(cfg.Cluster), err)
	}
	return nc, js, nil
}

// redactedServers are the configured servers with any password hidden,
// for logs and errors.
func redactedServers(c config.Cluster) string {
	var out []string
	for _, s := range c.Servers() {
		if u, err := url.Parse(s); err == nil {
			s = u.Redacted()
			if u.User != nil {
				if _, hasPw := u.User.Password(); !hasPw { // a token alone
					s = strings.Replace(s, u.User.Username()+"@", "xxxxx@", 1)
				}
			}
		}
		out = append(out, s)
	}
	return strings.Join(out, ",")
}

// holder names this process in the host leases it holds.
func holder() string {
	h, err := os.Hostname()
	if err != nil {
		h = "unknown"
	}
	return fmt.Sprintf("worker@%s:%d", h, os.Getpid())
}
