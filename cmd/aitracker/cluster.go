package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"strings"
	"text/tabwriter"
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
		name := nodeName("worker")
		hosts, err := cluster.OpenHosts(ctx, js, cluster.HostsOptions{Holder: name, MaxRequest: cfg.Fetch.Timeout.Duration, Logger: log})
		if err != nil {
			return err
		}
		nodes, err := cluster.OpenNodes(ctx, js, log)
		if err != nil {
			return err
		}
		p := a.pipeline(cls, nil)
		p.Fetcher = newFetcherWith(cfg, hosts)
		// A worker reads sources one at a time, not in passes: it
		// learns the companies the store names when it starts.
		if cfg.Classify.LearnCompanies {
			if n, err := p.LearnCompanies(ctx); err != nil {
				log.Warn("companies not learnt; the worker tags with the taxonomy alone", "err", err)
			} else if n > 0 {
				log.Info("companies learnt from stored articles", "learnt", n)
			}
		}
		w := &cluster.Worker{Queue: q, Pipeline: p, Logger: log, Concurrency: cfg.Fetch.Workers}
		started := time.Now().UTC()
		// The heartbeat ("aitracker cluster status") beside the work.
		part = func(ctx context.Context) error {
			g, ctx := errgroup.WithContext(ctx)
			g.Go(func() error { return w.Run(ctx) })
			g.Go(func() error {
				return nodes.Run(ctx, cluster.DefaultBeat, func(context.Context) cluster.Beat { return w.Beat(name, started) })
			})
			return g.Wait()
		}
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
	return stopParts(n.Config, n.Logger, n.stop, nil, n.parts, ": a job not acked is delivered again to another worker",
		func() error {
			err := n.app.Close()
			n.nc.Close() // sends what is still buffered: a job given back (Nak)
			return err
		})
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

func cmdCluster(ctx context.Context, e *env, args []string) error {
	d := newDataCmd(e, "cluster")
	asJSON := d.jsonFlag("print the status as JSON")
	if err := d.parse(args); err != nil {
		return err
	}
	if d.NArg() != 1 || d.Arg(0) != "status" {
		return usageError{"want: cluster status [--json]"}
	}
	cfg := d.cfg
	nc, js, err := connectNATS(cfg, "aitracker cluster status")
	if err != nil {
		return err
	}
	defer nc.Close()
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	storeSeq, serr := storeSeq(ctx, cfg)
	if serr != nil {
		fmt.Fprintf(e.stderr, "warning: the store could not be read (%v): search nodes' lag is the one they last saw\n", serr)
		storeSeq = -1
	}
	st, err := cluster.ReadStatus(ctx, js, storeSeq)
	if err != nil {
		return fmt.Errorf("NATS at %s: %w", redactedServers(cfg.Cluster), err)
	}
	if *asJSON {
		return printJSON(e.stdout, st)
	}
	writeStatus(e.stdout, st, time.Now())
	return nil
}

// storeSeq is the store's latest sequence number.
func storeSeq(ctx context.Context, cfg *config.Config) (int64, error) {
	if err := requireStore(cfg); err != nil {
		return 0, err
	}
	a, err := openApp(ctx, cfg, slog.New(slog.DiscardHandler), false, nil)
	if err != nil {
		return 0, err
	}
	defer a.Close()
	return a.st.MaxSeq(ctx)
}

// writeStatus prints the cluster's status as tables.
func writeStatus(w io.Writer, st cluster.Status, now time.Time) {
	ago := func(t time.Time) string {
		if t.IsZero() {
			return "-"
		}
		return now.Sub(t).Round(time.Second).String() + " ago"
	}
	fmt.Fprintf(w, "queue: %d jobs (%d waiting, %d being read)\n", st.Queue.Depth, st.Queue.Pending, st.Queue.Taken)
	leader := st.Leader
	if leader == "" {
		leader = "none (no search node with cluster.nats_url is running)"
	}
	fmt.Fprintf(w, "leader: %s\n", leader)
	tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "\nworkers: %d\n", len(st.Workers))
	if len(st.Workers) > 0 {
		fmt.Fprintln(tw, "NAME\tJOBS\tLAST JOB\tSEEN")
		for _, b := range st.Workers {
			fmt.Fprintf(tw, "%s\t%d\t%s\t%s\n", b.Name, b.Jobs, ago(b.LastJob), ago(b.At))
		}
	}
	fmt.Fprintf(tw, "\nsearch nodes: %d\n", len(st.SearchNodes))
	if len(st.SearchNodes) > 0 {
		fmt.Fprintln(tw, "NAME\tURL\tARTICLES\tINDEX SEQ\tLAG\tSEEN")
		for _, n := range st.SearchNodes {
			fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%d\t%s\n", n.Name, n.URL, n.Articles, n.IndexSeq, n.Lag, ago(n.At))
		}
	}
	tw.Flush()
}

// checkCluster says whether the servers the configuration names answer:
// the NATS server (with JetStream on) when cluster.nats_url is set, and
// the store when it exists.
func checkCluster(ctx context.Context, cfg *config.Config) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, 15*time.Second)
	defer cancel()
	var msgs []string
	if cfg.Cluster.Enabled() {
		nc, js, err := connectNATS(cfg, "aitracker check")
		if err != nil {
			return "", err
		}
		defer nc.Close()
		if _, err := js.AccountInfo(ctx); err != nil {
			return "", fmt.Errorf("cluster.nats_url: NATS at %s answers but JetStream does not (start nats-server with -js): %w", redactedServers(cfg.Cluster), err)
		}
		msgs = append(msgs, "NATS at "+redactedServers(cfg.Cluster)+" answers, JetStream on")
	}
	switch seq, err := storeSeq(ctx, cfg); {
	case err == nil:
		msgs = append(msgs, fmt.Sprintf("store answers (latest write %d)", seq))
	case requireStore(cfg) != nil:
		msgs = append(msgs, "no store yet in "+cfg.DataDir)
	default:
		return "", fmt.Errorf("store: cannot be read: %w", err)
	}
	return strings.Join(msgs, "; "), nil
}
