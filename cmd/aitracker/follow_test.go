package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aitracker/aitracker/cluster"
	"github.com/aitracker/aitracker/demo"
	"github.com/aitracker/aitracker/internal/natstest"
	"github.com/aitracker/aitracker/store"
)

// freeAddr is a loopback address nobody listens on now.
func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

func getBody(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		return 0, err.Error()
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// clusterStatus runs "cluster status --json".
func clusterStatus(t *testing.T, cfg string) cluster.Status {
	t.Helper()
	code, out, errOut := run(t, "cluster", "status", "--config", cfg, "--json")
	if code != 0 {
		t.Fatalf("cluster status: exit %d\n%s", code, errOut)
	}
	var st cluster.Status
	if err := json.Unmarshal([]byte(out), &st); err != nil {
		t.Fatalf("cluster status --json: %v\n%s", err, out)
	}
	return st
}

// TestServeFollow: a scheduler and a worker store the sample feeds (and
// merge no events); two "serve --follow" nodes, each with its own index
// directory, catch up from empty and serve all 52 articles with a lag of
// 0 in /metrics; one of them leads and merges the events; "cluster
// status" shows the worker, both nodes with their lag and the leader, in
// JSON and as text; when the leader stops, the other node leads.
func TestServeFollow(t *testing.T) {
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
	loaded, err := loadConfig(cfg, "")
	if err != nil {
		t.Fatal(err)
	}
	sched := start(t, "scheduler", "--config", cfg)
	waitFor(t, "the scheduler", func() bool { return strings.Contains(sched.output(), "scheduler running") })
	worker := start(t, "worker", "--config", cfg)
	stream := jobsStream(t, natsURL)
	ctx := context.Background()
	st, err := store.Open(ctx, storePath(loaded))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	waitFor(t, "the worker to store the feeds", func() bool {
		n, err := st.CountArticles(ctx)
		return err == nil && n == 52 && streamDepth(t, stream) == 0
	})
	if n, err := st.CountEvents(ctx); err != nil || n != 0 {
		t.Fatalf("%d events before any search node ran (%v): workers do not merge", n, err)
	}

	addrs := []string{freeAddr(t), freeAddr(t)}
	var nodes []*running
	for i, addr := range addrs {
		nodes = append(nodes, start(t, "serve", "--follow", "--config", cfg, "--listen", addr,
			"--index-dir", filepath.Join(t.TempDir(), fmt.Sprint("index", i))))
	}
	for _, addr := range addrs {
		var last string
		t.Cleanup(func() {
			if t.Failed() {
				t.Logf("last answer of %s: %q", addr, last[:min(len(last), 400)])
			}
		})
		waitFor(t, "the node at "+addr+" to serve all 52 articles", func() bool {
			code, body := getBody(t, "http://"+addr+"/api/search?limit=1")
			last = body
			var r struct{ Total int }
			return code == 200 && json.Unmarshal([]byte(body), &r) == nil && r.Total == 52
		})
		waitFor(t, "the node at "+addr+" to report no lag", func() bool {
			_, body := getBody(t, "http://"+addr+"/metrics")
			return strings.Contains(body, "\naitracker_index_lag_writes 0\n")
		})
	}
	waitFor(t, "the leader to merge events", func() bool {
		n, err := st.CountEvents(ctx)
		return err == nil && n > 0
	})
	maxSeq, err := st.MaxSeq(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var status cluster.Status
	waitFor(t, "the status of two search nodes with no lag", func() bool {
		status = clusterStatus(t, cfg)
		if len(status.SearchNodes) != 2 {
			return false
		}
		for _, n := range status.SearchNodes {
			if n.Lag != 0 || n.Articles != 52 {
				return false
			}
		}
		return true
	})
	if len(status.Workers) != 1 || status.Workers[0].Jobs != 4 || status.Queue.Depth != 0 || status.StoreSeq < maxSeq {
		t.Errorf("status %+v, want one worker with 4 jobs done, an empty queue, the store at %d or later", status, maxSeq)
	}
	leader := -1
	for i, addr := range addrs {
		if strings.HasSuffix(status.Leader, " "+addr) {
			leader = i
		}
	}
	if leader < 0 {
		t.Fatalf("leader %q is neither node %v", status.Leader, addrs)
	}
	code, out, _ := run(t, "cluster", "status", "--config", cfg)
	for _, want := range []string{"queue: 0 jobs", "leader: " + status.Leader, "workers: 1", "search nodes: 2", "INDEX SEQ"} {
		if code != 0 || !strings.Contains(out, want) {
			t.Errorf("cluster status: exit %d, no %q in\n%s", code, want, out)
		}
	}

	if code := nodes[leader].stop(); code != 0 {
		t.Fatalf("the leading node exited %d:\n%s", code, nodes[leader].output())
	}
	other := addrs[1-leader]
	waitFor(t, "the other node to lead", func() bool {
		st := clusterStatus(t, cfg)
		return strings.HasSuffix(st.Leader, " "+other) && len(st.SearchNodes) == 1
	})
	if code := worker.stop(); code != 0 {
		t.Errorf("worker exit %d", code)
	}
	waitFor(t, "the stopped worker's heartbeat to go", func() bool { return len(clusterStatus(t, cfg).Workers) == 0 })
}

// TestServeNeedsFollow: serve without --follow is a usage error.
func TestServeNeedsFollow(t *testing.T) {
	cfg := filepath.Join(t.TempDir(), "c.yaml")
	os.WriteFile(cfg, []byte("data_dir: "+filepath.Join(t.TempDir(), "d")+"\nsources: []\n"), 0o600)
	code, _, errOut := run(t, "serve", "--config", cfg)
	if code != 2 || !strings.Contains(errOut, "needs --follow") {
		t.Errorf("serve: exit %d\n%s", code, errOut)
	}
}

// TestCheckSaysWhichServer: check reaches the servers the configuration
// names, and says which one it could not reach.
func TestCheckSaysWhichServer(t *testing.T) {
	sequentialCommands(t)
	// (The servers listen before the closed address is picked, so the
	// port picked cannot be one of theirs.)
	up, up2 := natstest.Start(t), natstest.Start(t)
	closed := "nats://tok3n@" + freeAddr(t)
	damaged := t.TempDir()
	os.WriteFile(filepath.Join(damaged, "aitracker.db"), []byte("not a database, not at all, not a database"), 0o600)
	for _, tc := range []struct {
		name, nats, dataDir string
		code                int
		want                string
	}{
		{"reachable", up, t.TempDir(), 0, "answers, JetStream on; no store yet"},
		{"nats down", closed, t.TempDir(), 1, "cluster.nats_url: cannot reach NATS at nats://xxxxx@"},
		{"store unreadable", up2, damaged, 1, "store: cannot be read"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := filepath.Join(t.TempDir(), "c.yaml")
			os.WriteFile(cfg, []byte(fmt.Sprintf("data_dir: %s\nsources: []\ncluster: {nats_url: %q}\n", tc.dataDir, tc.nats)), 0o600)
			code, out, errOut := run(t, "check", "--config", cfg)
			if code != tc.code || !strings.Contains(out+errOut, tc.want) || strings.Contains(out+errOut, "tok3n") {
				t.Errorf("exit %d, want %d and %q in\n%s%s", code, tc.code, tc.want, out, errOut)
			}
		})
	}
}
