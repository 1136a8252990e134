package main

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/aitracker/aitracker/config"
	"github.com/aitracker/aitracker/demo"
	"github.com/aitracker/aitracker/index"
	"github.com/aitracker/aitracker/store"
)

// TestSIGTERMDuringRefresh runs "aitracker run" in a subprocess over 100
// sources that answer slowly (ten hosts, so ten requests at once) and
// five quick ones, and sends SIGTERM while the slow requests hang. The
// process cancels them and exits 0 within its shutdown grace period (the
// bound is the configured grace plus 5 s: a configuration bound, not a
// speed figure); no source is left half recorded (no open attempt, no
// failure counted for a cancelled read); the index closed cleanly and
// opens again without a rebuild, with every stored article once caught up.
func TestSIGTERMDuringRefresh(t *testing.T) {
	if testing.Short() {
		t.Skip("subprocess test")
	}
	const grace = 3 * time.Second
	sr := startSlowRun(t, grace)
	if err := sr.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	sent := time.Now()
	err := <-sr.exited
	took := time.Since(sent)
	if err != nil {
		t.Fatalf("run ended with %v after SIGTERM:\n%s", err, sr.out.String())
	}
	if took > grace+5*time.Second {
		t.Errorf("run exited %s after SIGTERM, past its %s grace period", took, grace)
	}
	logs := sr.out.String()
	// "stopped" is logged once the pass has returned, that is once every
	// request it made has ended: they were cancelled, not cut by the exit.
	if !strings.Contains(logs, `msg=stopped`) {
		t.Errorf("no clean stop logged:\n%s", logs)
	}
	if b, c := sr.begun.Load(), sr.cancelled.Load(); b < 10 || c != b {
		t.Errorf("%d slow requests begun, %d ended by cancellation", b, c)
	}

	ctx := context.Background()
	st, err := store.Open(ctx, storePath(sr.cfg))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	// No attempt left open: the next start finds no crash to count.
	open, err := st.RecoverInterrupted(ctx, time.Now(), func(int) time.Duration { return time.Minute }, 3)
	if err != nil || len(open) != 0 {
		t.Errorf("attempts left open: %+v, %v", open, err)
	}
	stored, err := st.Sources(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range stored {
		if s.ConsecutiveFailures != 0 || s.LastError != "" {
			t.Errorf("%s: a cancelled read recorded as a failure: %q", s.Name, s.LastError)
		}
		if strings.HasPrefix(s.Name, "slow") && (!s.LastSuccessAt.IsZero() || s.ETag != "") {
			t.Errorf("%s: a cancelled read recorded as done: %+v", s.Name, s)
		}
	}
	// The index was closed cleanly: it opens as it is, no lock, no repair.
	ix, err := index.Open(indexPath(sr.cfg), index.Options{})
	if err != nil {
		t.Fatalf("index after SIGTERM: %v", err)
	}
	ix.Close()
	n := reopenIndex(t, st, sr.cfg, false)
	t.Logf("exited %s after SIGTERM; %d articles stored; %d slow requests cancelled", took.Round(time.Millisecond), n, sr.cancelled.Load())
}

// TestShutdownGraceBoundsExit: when the shutdown cannot finish (another
// process holds the store's write lock, so the cancelled reads cannot be
// closed), "aitracker run" exits anyway when its grace period runs out,
// with an error saying so. Nothing is half written: the reads left open
// are counted as crashed at the next start, and the index, not closed,
// opens again with every stored article.
func TestShutdownGraceBoundsExit(t *testing.T) {
	if testing.Short() {
		t.Skip("subprocess test")
	}
	const grace = 2 * time.Second
	sr := startSlowRun(t, grace)
	ctx := context.Background()
	db, err := sql.Open("sqlite", storePath(sr.cfg))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	lock, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := lock.ExecContext(ctx, "BEGIN IMMEDIATE"); err != nil {
		t.Fatal(err)
	}
	if err := sr.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	sent := time.Now()
	err = <-sr.exited
	took := time.Since(sent)
	lock.ExecContext(ctx, "ROLLBACK")
	lock.Close()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != 1 {
		t.Fatalf("run ended with %v, want exit status 1:\n%s", err, sr.out.String())
	}
	if took > grace+5*time.Second {
		t.Errorf("run exited %s after SIGTERM, past its %s grace period", took, grace)
	}
	logs := sr.out.String()
	if !strings.Contains(logs, "still stopping when the shutdown grace period ran out") ||
		!strings.Contains(logs, "shutdown: still stopping after the 2s grace period (shutdown_grace)") {
		t.Errorf("the exit does not say why:\n%s", logs)
	}
	st, err := store.Open(ctx, storePath(sr.cfg))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	open, err := st.RecoverInterrupted(ctx, time.Now(), func(int) time.Duration { return time.Minute }, 3)
	if err != nil || len(open) < 10 {
		t.Errorf("%d reads left open found at the next start (want the 10 slow ones): %v", len(open), err)
	}
	reopenIndex(t, st, sr.cfg, true)
}

// reopenIndex opens the index as the next start does and checks it holds
// every stored article once caught up; rebuilt says whether a rebuild
// may have been needed. It returns the article count.
func reopenIndex(t *testing.T, st store.Store, cfg *config.Config, rebuilt bool) int {
	t.Helper()
	ctx := context.Background()
	var ilog bytes.Buffer
	ix, err := index.OpenLive(ctx, st, index.Config{Path: indexPath(cfg), Logger: slog.New(slog.NewTextHandler(&ilog, nil))})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if !rebuilt && strings.Contains(ilog.String(), "rebuilding") {
		t.Errorf("the index was rebuilt:\n%s", ilog.String())
	}
	n, _ := st.CountArticles(ctx)
	if docs, _ := ix.Count(); uint64(n) != docs {
		t.Errorf("%d articles stored, %d indexed after catch-up", n, docs)
	}
	return n
}

// slowRun is "aitracker run" in a subprocess over 100 sources that
// answer slowly (ten hosts, so ten requests at once) and five quick ones,
// once the ten slow requests hang.
type slowRun struct {
	cmd              *exec.Cmd
	cfg              *config.Config
	out              *bytes.Buffer
	exited           chan error
	begun, cancelled atomic.Int32
}

func startSlowRun(t *testing.T, grace time.Duration) *slowRun {
	t.Helper()
	sr := &slowRun{out: &bytes.Buffer{}, exited: make(chan error, 1)}
	started := make(chan string, 200)
	slow := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sr.begun.Add(1)
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>slow</title>`)
		w.(http.Flusher).Flush()
		started <- r.URL.Path
		<-r.Context().Done() // the rest never comes
		sr.cancelled.Add(1)
	})
	now := time.Now()
	quick := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := demo.Render("ai-wire.rss.xml", "https://"+strings.Trim(r.URL.Path, "/")+".example", now)
		w.Write(body)
	}))
	t.Cleanup(quick.Close)
	var srcs []config.Source
	for i := range 5 {
		srcs = append(srcs, config.Source{Name: fmt.Sprintf("quick%d", i), URL: fmt.Sprintf("%s/q%d", quick.URL, i)})
	}
	var hosts []*httptest.Server
	for range 10 {
		srv := httptest.NewServer(slow)
		t.Cleanup(srv.Close)
		hosts = append(hosts, srv)
	}
	// Host by host in turn, so that the ten workers take ten hosts.
	for i := range 10 {
		for h, srv := range hosts {
			srcs = append(srcs, config.Source{Name: fmt.Sprintf("slow%d-%d", h, i), URL: fmt.Sprintf("%s/s%d", srv.URL, i)})
		}
	}
	cfgPath := writeConfig(t, t.TempDir(), fmt.Sprintf(`schedule: "@every 1h"
shutdown_grace: %s
fetch: {allow_private_networks: true, jitter: 0s, host_interval: 0s, full_text: false, workers: 10, timeout: 30m}`, grace), srcs)
	var err error
	if sr.cfg, err = config.Load(cfgPath); err != nil {
		t.Fatal(err)
	}
	sr.cmd = exec.Command(os.Args[0], "-test.run=^TestRunHelper$")
	sr.cmd.Env = append(os.Environ(), "AITRACKER_RUN_HELPER="+cfgPath)
	sr.cmd.Stdout, sr.cmd.Stderr = sr.out, sr.out
	if err := sr.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { sr.exited <- sr.cmd.Wait() }()
	t.Cleanup(func() {
		sr.cmd.Process.Kill()
	})
	for range 10 {
		select {
		case <-started:
		case err := <-sr.exited:
			t.Fatalf("run ended before the slow requests: %v\n%s", err, sr.out.String())
		}
	}
	return sr
}

// TestRunHelper is the subprocess of TestSIGTERMDuringRefresh: the
// program's main with the configuration given, its exit code its own.
func TestRunHelper(t *testing.T) {
	path := os.Getenv("AITRACKER_RUN_HELPER")
	if path == "" {
		t.Skip("the subprocess of TestSIGTERMDuringRefresh")
	}
	ctx, stop := signalContext()
	defer stop()
	os.Exit(runMain(ctx, &env{stdout: os.Stdout, stderr: os.Stderr}, []string{"run", "--config", path}))
}
