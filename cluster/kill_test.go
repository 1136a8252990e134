package cluster

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/aitracker/aitracker/classify"
	"github.com/aitracker/aitracker/config"
	"github.com/aitracker/aitracker/index"
	"github.com/aitracker/aitracker/ingest"
	"github.com/aitracker/aitracker/ingest/fetch"
	"github.com/aitracker/aitracker/internal/natstest"
	"github.com/aitracker/aitracker/internal/pgtest"
	"github.com/aitracker/aitracker/news"
	"github.com/aitracker/aitracker/pipeline"
	"github.com/aitracker/aitracker/store"
)

// The environment of a child process of TestClusterProcesses.
const (
	envRole     = "AITRACKER_CLUSTER_ROLE" // worker or search
	envNATS     = "AITRACKER_CLUSTER_NATS"
	envStore    = "AITRACKER_CLUSTER_STORE"
	envName     = "AITRACKER_CLUSTER_NAME"
	envIndex    = "AITRACKER_CLUSTER_INDEX"
	envInterval = "AITRACKER_CLUSTER_INTERVAL"
)

// processAckWait is the ack wait of the queue in the process test: a
// killed worker's jobs come back after it.
const processAckWait = 2 * time.Second

// proc is a child process: a worker or a search node.
type proc struct {
	t     *testing.T
	name  string
	cmd   *exec.Cmd
	lines chan string
	done  chan struct{}
}

// spawn runs the test binary as a child in role.
func spawn(t *testing.T, role, name string, env ...string) *proc {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestClusterChild$", "-test.v=false")
	cmd.Env = append(os.Environ(), append(env, envRole+"="+role, envName+"="+name)...)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	p := &proc{t: t, name: name, cmd: cmd, lines: make(chan string, 1000), done: make(chan struct{})}
	go func() {
		defer close(p.done)
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			select {
			case p.lines <- sc.Text():
			default: // nobody reads the progress of this one
			}
		}
	}()
	t.Cleanup(func() { p.kill() })
	return p
}

// kill ends the process with SIGKILL, as kill -9 does, and waits for it.
func (p *proc) kill() {
	if p.cmd.ProcessState != nil {
		return
	}
	p.cmd.Process.Kill()
	<-p.done
	p.cmd.Wait()
}

// stop asks the process to stop (SIGINT) and waits for it to exit 0.
func (p *proc) stop() {
	p.t.Helper()
	if err := p.cmd.Process.Signal(os.Interrupt); err != nil {
		p.t.Fatal(err)
	}
	<-p.done
	if err := p.cmd.Wait(); err != nil {
		p.t.Errorf("%s: %v", p.name, err)
	}
}

// line waits for the next output line that starts with prefix.
func (p *proc) line(prefix string) string {
	p.t.Helper()
	timeout := time.After(60 * time.Second)
	for {
		select {
		case l := <-p.lines:
			if rest, ok := strings.CutPrefix(l, prefix); ok {
				return rest
			}
		case <-p.done:
			p.t.Fatalf("%s exited before it printed %q", p.name, prefix)
		case <-timeout:
			p.t.Fatalf("%s printed no %q", p.name, prefix)
		}
	}
}

// TestClusterProcesses runs the cluster on loopback as separate
// processes (the test binary run again as children) on a real NATS
// server and a real PostgreSQL: a scheduler (in the test), 3 workers
// reading the fixture feeds on their hosts, and 2 search nodes following
// the store. In the middle of the pass one worker
// is killed with SIGKILL while it is inside a request (found by its
// User-Agent); later a new search node is killed with SIGKILL during its
// catch-up from empty and started again, and resumes from its watermark.
// At the end every item is stored exactly once, the killed worker's feed
// was read again by another, both search nodes hold exactly the store's
// articles (count and IDs), and the fixture hosts' log shows no two
// overlapping requests to one host and no request sooner than
// host_interval after the previous one.
func TestClusterProcesses(t *testing.T) {
	if testing.Short() {
		t.Skip("runs a cluster of processes; not with -short")
	}
	ctx := context.Background()
	natsURL := natstest.Start(t)
	dir := t.TempDir()
	// The store of record is PostgreSQL, as in a cluster; every process
	// opens it by its connection string.
	storePath, err := pgtest.Private(t).NewDatabase(ctx)
	if err != nil {
		t.Fatal(err)
	}
	st, err := store.OpenPostgres(ctx, storePath)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	nc, err := nats.Connect(natsURL)
	if err != nil {
		t.Fatal(err)
	}
	defer nc.Close()
	js, err := jetstream.New(nc)
	if err != nil {
		t.Fatal(err)
	}
	q, err := Open(ctx, js, Options{AckWait: processAckWait})
	if err != nil {
		t.Fatal(err)
	}
	const interval = 30 * time.Millisecond
	f := newFeeds(t, processHosts, processFeeds)
	f.answer = 5 * time.Millisecond
	// One feed in the middle of the pass stalls its first request until
	// the worker making it is killed.
	stalled := processFeeds / 2
	inside := make(chan string, 1)
	release := make(chan struct{})
	var once sync.Once
	f.setStall(stalled, func(r *http.Request) {
		first := false
		once.Do(func() { first = true })
		if first {
			inside <- r.UserAgent()
			select {
			case <-release:
			case <-r.Context().Done():
			}
		}
	})
	// The feeds of one host next to each other in the queue, so that the
	// workers take them at the same time and politeness is put to work.
	var byHost []news.Source
	all := f.sources()
	for h := range processHosts {
		for i := h; i < processFeeds; i += processHosts {
			byHost = append(byHost, all[i])
		}
	}
	s := &Scheduler{Queue: q, Store: st, Sources: func() []news.Source { return byHost }, Logger: slog.New(slog.DiscardHandler)}
	if r, err := s.QueueDue(ctx); err != nil || r.Queued != processFeeds {
		t.Fatalf("round: %s, %v", r, err)
	}
	env := []string{envNATS + "=" + natsURL, envStore + "=" + storePath, envInterval + "=" + interval.String()}
	searchB := spawn(t, "search", "search-b", append(env, envIndex+"="+filepath.Join(dir, "index-b"))...)
	workers := map[string]*proc{}
	for _, name := range []string{"w1", "w2", "w3"} {
		workers[name] = spawn(t, "worker", name, env...)
	}

	var ua string
	select {
	case ua = <-inside:
	case <-time.After(2 * time.Minute):
		t.Fatal("no worker reached the stalled feed")
	}
	victim := workers[strings.TrimPrefix(ua, "aitracker-test/")]
	if victim == nil {
		t.Fatalf("the stalled request came from %q, no worker of the test", ua)
	}
	mid, err := st.CountArticles(ctx)
	if err != nil {
		t.Fatal(err)
	}
	victim.kill()
	close(release)
	t.Logf("killed worker %s inside a request, with %d articles stored", victim.name, mid)

	eventually(t, "the queue to drain", func() bool { return depth(t, q) == 0 })
	checkStoredOnce(t, st, f)
	if n := f.servedCount(stalled); n != 2 {
		t.Errorf("the killed worker's feed was requested %d times, want 2 (its job went to another worker)", n)
	}
	want := storeIDs(t, st)
	maxSeq, err := st.MaxSeq(ctx)
	if err != nil {
		t.Fatal(err)
	}

	// A new search node, killed during its catch-up from empty, then
	// started again on the same directory.
	envA := append(env, envIndex+"="+filepath.Join(dir, "index-a"))
	searchA := spawn(t, "search", "search-a", envA...)
	if total := searchA.line("catch-up "); total != strconv.FormatInt(maxSeq, 10) {
		t.Errorf("the new node starts its catch-up with %s writes to take in, want the store's %d", total, maxSeq)
	}
	searchA.line("indexed ")
	searchA.kill()
	t.Logf("killed search node a during its catch-up from empty (of %d writes)", maxSeq)
	searchA = spawn(t, "search", "search-a", envA...)
	left, err := strconv.ParseInt(searchA.line("catch-up "), 10, 64)
	if err != nil || left <= 0 || left >= maxSeq {
		t.Errorf("restarted, the node had %d writes (%v) to take in of %d: want it to resume from its watermark", left, err, maxSeq)
	}
	t.Logf("search node a resumed with %d of %d writes left", left, maxSeq)

	var stat Status
	var statErr error
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("last status: %+v, %v (store: %d articles)", stat, statErr, len(want))
		}
	})
	eventually(t, "both search nodes to hold every article", func() bool {
		stat, statErr = ReadStatus(ctx, js, maxSeq)
		if statErr != nil || len(stat.SearchNodes) != 2 {
			return false
		}
		for _, n := range stat.SearchNodes {
			if n.Lag != 0 || n.Articles != uint64(len(want)) {
				return false
			}
		}
		return true
	})
	for _, w := range workers {
		if w != victim {
			w.stop()
		}
	}
	for name, p := range map[string]*proc{"index-a": searchA, "index-b": searchB} {
		p.stop()
		ix, err := index.Open(filepath.Join(dir, name), index.Options{})
		if err != nil {
			t.Fatal(err)
		}
		l := index.NewLive(ix)
		if got := indexIDs(t, l); !slices.Equal(got, want) {
			t.Errorf("%s holds %d articles, the store %d, or other IDs", name, len(got), len(want))
		}
		l.Close()
	}

	hosts := f.hostsLog()
	total := 0
	for host, hits := range hosts {
		total += len(hits)
		for k := 1; k < len(hits); k++ {
			prev, cur := hits[k-1], hits[k]
			if gap := cur.start.Sub(prev.end); gap < interval {
				t.Errorf("%s: %s started %s after %s ended, want at least %s", host, cur.path, gap, prev.path, interval)
			}
		}
	}
	// The killed worker held at most two jobs (Concurrency 2): their
	// feeds may have been requested twice, every other feed once.
	twice := 0
	for i := range processFeeds {
		switch n := f.servedCount(i); {
		case n == 2:
			twice++
		case n != 1:
			t.Errorf("feed %d requested %d times", i, n)
		}
	}
	if len(hosts) != processHosts || twice > 2 || total != processFeeds+twice {
		t.Errorf("%d requests to %d hosts, %d feeds requested twice; want each feed once but the killed worker's (at most 2), to %d hosts",
			total, len(hosts), twice, processHosts)
	}
}

// TestClusterChild is a worker or a search node of TestClusterProcesses
// when run as its child; otherwise it does nothing.
func TestClusterChild(t *testing.T) {
	role := os.Getenv(envRole)
	if role == "" {
		t.Skip("a child process of TestClusterProcesses")
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	st, err := store.OpenPostgres(ctx, os.Getenv(envStore))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	nc, err := nats.Connect(os.Getenv(envNATS))
	if err != nil {
		t.Fatal(err)
	}
	defer nc.Close()
	js, err := jetstream.New(nc)
	if err != nil {
		t.Fatal(err)
	}
	nodes, err := OpenNodes(ctx, js, log)
	if err != nil {
		t.Fatal(err)
	}
	name := os.Getenv(envName)
	started := time.Now().UTC()
	// The heartbeat stops with ctx; waited for before the connection
	// closes.
	var beat sync.WaitGroup
	defer beat.Wait()
	switch role {
	case "worker":
		interval, err := time.ParseDuration(os.Getenv(envInterval))
		if err != nil {
			t.Fatal(err)
		}
		tax, err := config.LoadDefaultTaxonomy()
		if err != nil {
			t.Fatal(err)
		}
		cls, err := classify.New(tax)
		if err != nil {
			t.Fatal(err)
		}
		hosts, err := OpenHosts(ctx, js, HostsOptions{Holder: name, MaxRequest: 5 * time.Second, Logger: log})
		if err != nil {
			t.Fatal(err)
		}
		// A killed worker's hosts are free again soon.
		hosts.hold = 2 * time.Second
		q, err := Open(ctx, js, Options{AckWait: processAckWait})
		if err != nil {
			t.Fatal(err)
		}
		client := fetch.New(fetch.Options{AllowPrivate: true, Timeout: 5 * time.Second, HostInterval: interval, Hosts: hosts,
			UserAgent: "aitracker-test/" + name})
		w := &Worker{Queue: q, Concurrency: 2, Logger: log,
			Pipeline: &pipeline.Pipeline{Store: st, Classifier: cls, Logger: log, Fetcher: &ingest.Fetcher{Client: client}}}
		beat.Go(func() {
			nodes.Run(ctx, 200*time.Millisecond, func(context.Context) Beat { return w.Beat(name, started) })
		})
		if err := w.Run(ctx); err != nil {
			t.Fatal(err)
		}
	case "search":
		l, err := index.OpenServing(ctx, st, index.Config{Path: os.Getenv(envIndex), Logger: log, Counter: printCounter{}})
		if err != nil {
			t.Fatal(err)
		}
		defer l.Close()
		fl := &Follower{Index: l, Store: st, Every: 100 * time.Millisecond, Logger: log}
		beat.Go(func() {
			nodes.Run(ctx, 200*time.Millisecond, func(context.Context) Beat { return fl.Beat(name, "", started) })
		})
		fl.Run(ctx)
	}
}

// printCounter prints a catch-up's progress for the parent to read.
type printCounter struct{}

func (printCounter) Start(total int) { fmt.Printf("catch-up %d\n", total) }
func (printCounter) Add(n int)       { fmt.Printf("indexed %d\n", n) }
func (printCounter) Finish()         {}
