package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/aitracker/aitracker/cluster"
	"github.com/aitracker/aitracker/demo"
	"github.com/aitracker/aitracker/internal/natstest"
	"github.com/aitracker/aitracker/store"
)

// running is a command run in the background until its context is
// cancelled.
type running struct {
	cancel context.CancelFunc
	code   chan int
	mu     sync.Mutex
	out    bytes.Buffer
}

func (r *running) Write(p []byte) (int, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.out.Write(p)
}

func (r *running) output() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.out.String()
}

// start runs a command until stop, as a signal stops it.
func start(t *testing.T, args ...string) *running {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	r := &running{cancel: cancel, code: make(chan int, 1)}
	go func() {
		r.code <- runMain(ctx, &env{stdout: r, stderr: io.MultiWriter(r, records{logsOf(t)})}, args)
	}()
	t.Cleanup(func() { r.stop() })
	return r
}

// stop cancels the command and returns its exit code.
func (r *running) stop() int {
	r.cancel()
	c := <-r.code
	r.code <- c
	return c
}

// clusterConfig writes a configuration reading srcs through NATS at url
// into a new data directory.
func clusterConfig(t *testing.T, natsURL string, sources string) string {
	t.Helper()
	dir := t.TempDir()
	path := filepath.Join(dir, "aitracker.yaml")
	cfg := fmt.Sprintf(`data_dir: %s
schedule: ""
shutdown_grace: 20s
fetch:
  allow_private_networks: true
  host_interval: 10ms
  full_text: false
cluster:
  nats_url: %q
sources:
%s`, filepath.Join(dir, "data"), natsURL, sources)
	if err := os.WriteFile(path, []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func jobsStream(t *testing.T, natsURL string) jetstream.Stream {
	t.Helper()
	nc, err := nats.Connect(natsURL)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(nc.Close)
	js, err := jetstream.New(nc)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	var s jetstream.Stream
	waitFor(t, "the jobs stream", func() bool {
		s, err = js.Stream(ctx, cluster.JobsStream)
		return err == nil
	})
	return s
}

func streamDepth(t *testing.T, s jetstream.Stream) uint64 {
	t.Helper()
	info, err := s.Info(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return info.State.Msgs
}

// waitFor waits for cond, failing the test if it does not hold within a
// bound far above what it takes.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("still waiting for %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// TestSchedulerAndWorkerCommands: "aitracker scheduler" with schedule ""
// queues the due sources at start and waits; "aitracker worker" reads
// them into the store; both stop cleanly when told to.
func TestSchedulerAndWorkerCommands(t *testing.T) {
	natsURL := natstest.Start(t)
	srv, err := demo.Start()
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	var list strings.Builder
	for _, s := range srv.Sources() {
		fmt.Fprintf(&list, "  - {name: %q, url: %q, lang: %s}\n", s.Name, s.URL, s.Lang)
	}
	cfg := clusterConfig(t, natsURL, list.String())

	sched := start(t, "scheduler", "--config", cfg)
	stream := jobsStream(t, natsURL)
	waitFor(t, "four jobs", func() bool { return streamDepth(t, stream) == 4 })
	worker := start(t, "worker", "--config", cfg)
	waitFor(t, "the queue to drain", func() bool { return streamDepth(t, stream) == 0 })
	if code := worker.stop(); code != 0 || !strings.Contains(worker.output(), "msg=stopped") {
		t.Errorf("worker exit %d:\n%s", code, worker.output())
	}
	if code := sched.stop(); code != 0 || !strings.Contains(sched.output(), "4 queued") || !strings.Contains(sched.output(), "msg=stopped") {
		t.Errorf("scheduler exit %d:\n%s", code, sched.output())
	}

	loaded, err := loadConfig(cfg, "")
	if err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(context.Background(), storePath(loaded))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if n, err := st.CountArticles(context.Background()); err != nil || n != 52 {
		t.Errorf("the workers stored %d articles (%v), want the demo's 52", n, err)
	}
}

// TestWorkerStopGivesJobBack: a worker told to stop in the middle of a
// source exits 0 and gives its job back: the next worker gets it at
// once, and nothing is recorded against the source.
func TestWorkerStopGivesJobBack(t *testing.T) {
	natsURL := natstest.Start(t)
	entered := make(chan struct{})
	var once sync.Once
	slow := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		once.Do(func() { close(entered) })
		<-r.Context().Done()
	}))
	defer slow.Close()
	cfg := clusterConfig(t, natsURL, fmt.Sprintf("  - {name: Slow, url: %q}\n", slow.URL+"/feed.xml"))

	sched := start(t, "scheduler", "--config", cfg)
	stream := jobsStream(t, natsURL)
	waitFor(t, "the job", func() bool { return streamDepth(t, stream) == 1 })
	worker := start(t, "worker", "--config", cfg)
	<-entered
	if code := worker.stop(); code != 0 || !strings.Contains(worker.output(), "job given back") {
		t.Errorf("worker exit %d:\n%s", code, worker.output())
	}
	ctx := context.Background()
	cons, err := stream.Consumer(ctx, cluster.WorkersConsumer)
	if err != nil {
		t.Fatal(err)
	}
	// Given back, the job goes to the next worker that asks, long before
	// the ack wait (a minute) would have freed it.
	msg, err := cons.Next(jetstream.FetchMaxWait(20 * time.Second))
	if err != nil {
		t.Fatalf("the job was not given back: %v", err)
	}
	if meta, err := msg.Metadata(); err != nil || meta.NumDelivered != 2 {
		t.Errorf("the job's metadata after the stop: %+v, %v; want a second delivery", meta, err)
	}
	sched.stop()
	loaded, err := loadConfig(cfg, "")
	if err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(ctx, storePath(loaded))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	srcs, err := st.Sources(ctx)
	if err != nil || len(srcs) != 1 || srcs[0].ConsecutiveFailures != 0 || srcs[0].LastError != "" {
		t.Errorf("the source after a stopped read: %+v, %v", srcs, err)
	}
}

// TestClusterCommandsNeedNATS: without cluster.nats_url, or with a
// server nobody answers at, the commands exit 1 saying which.
func TestClusterCommandsNeedNATS(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := "nats://tok3n@" + ln.Addr().String()
	ln.Close()
	noNATS := filepath.Join(t.TempDir(), "c.yaml")
	os.WriteFile(noNATS, []byte("data_dir: "+filepath.Join(t.TempDir(), "d")+"\nsources: []\n"), 0o600)
	for _, cmd := range []string{"scheduler", "worker"} {
		t.Run(cmd, func(t *testing.T) {
			code, _, errOut := run(t, cmd, "--config", noNATS)
			if code != 1 || !strings.Contains(errOut, "cluster.nats_url is not set") {
				t.Errorf("without nats_url: exit %d\n%s", code, errOut)
			}
			cfg := clusterConfig(t, closed, "  - {name: A, url: \"http://127.0.0.1:1/feed\"}\n")
			code, _, errOut = run(t, cmd, "--config", cfg)
			if want := "cluster.nats_url: cannot reach NATS at nats://xxxxx@" + strings.TrimPrefix(closed, "nats://tok3n@"); code != 1 || !strings.Contains(errOut, want) || strings.Contains(errOut, "tok3n") {
				t.Errorf("with nobody at %s: exit %d, want 1 and %q in\n%s", closed, code, want, errOut)
			}
			code, _, errOut = run(t, cmd, "--config", cfg, "extra")
			if code != 2 || !strings.Contains(errOut, cmd+" takes no arguments") {
				t.Errorf("with an argument: exit %d\n%s", code, errOut)
			}
		})
	}
}
