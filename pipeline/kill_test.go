package pipeline_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"

	"github.com/aitracker/aitracker/demo"
	"github.com/aitracker/aitracker/index"
	"github.com/aitracker/aitracker/ingest"
	"github.com/aitracker/aitracker/ingest/fetch"
	"github.com/aitracker/aitracker/news"
	"github.com/aitracker/aitracker/pipeline"
	"github.com/aitracker/aitracker/store"
)

func envInt(name string, def int) int {
	if n, err := strconv.Atoi(os.Getenv(name)); err == nil && n > 0 {
		return n
	}
	return def
}

// olderMappingIndex ingests the sample feeds, closes the index and marks
// it as an older program's: same documents, older mapping version. It
// returns the fixture, the index's path and its document count.
func olderMappingIndex(t *testing.T) (*fixture, string, uint64) {
	t.Helper()
	f := newFixture(t)
	srv := feedServer(t)
	if _, err := f.p.Run(context.Background(), sources(srv.URL)); err != nil {
		t.Fatal(err)
	}
	want, _ := f.ix.Count()
	path := f.ix.Path()
	f.ix.Close()
	b, err := bleve.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	b.SetInternal([]byte("aitracker_mapping_version"), []byte("1"))
	b.Close()
	return f, path, want
}

// TestMappingChangeRebuilds: an index written with another mapping
// version is rebuilt from the store at the next start, swapped in whole.
func TestMappingChangeRebuilds(t *testing.T) {
	ctx := context.Background()
	f, path, want := olderMappingIndex(t)

	var logs bytes.Buffer
	ix, err := index.OpenLive(ctx, f.st, index.Config{Path: path, Logger: slog.New(slog.NewTextHandler(&logs, nil))})
	if err != nil {
		t.Fatal(err)
	}
	f.ix = ix
	if !strings.Contains(logs.String(), "another mapping; rebuilding") {
		t.Errorf("no rebuild logged:\n%s", logs.String())
	}
	if n, _ := ix.Count(); n != want {
		t.Errorf("rebuilt index has %d documents, want %d", n, want)
	}
	if _, err := os.Stat(path + ".rebuild"); !os.IsNotExist(err) {
		t.Errorf("the temporary index is left behind: %v", err)
	}
	// Opened again: the new version, nothing to rebuild.
	ix.Close()
	logs.Reset()
	if f.ix, err = index.OpenLive(ctx, f.st, index.Config{Path: path, Logger: slog.New(slog.NewTextHandler(&logs, nil))}); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(logs.String(), "rebuilding") {
		t.Errorf("rebuilt again:\n%s", logs.String())
	}
}

// TestMappingChangeServesTheOldIndex: a server that finds an index of an
// older mapping keeps searching it while searchers run, builds the new
// one in the background, and swaps it in; no search fails on the way.
func TestMappingChangeServesTheOldIndex(t *testing.T) {
	ctx := context.Background()
	f, path, want := olderMappingIndex(t)

	var logs bytes.Buffer
	live, err := index.OpenServing(ctx, f.st, index.Config{Path: path, Logger: slog.New(slog.NewTextHandler(&logs, nil))})
	if err != nil {
		t.Fatal(err)
	}
	defer live.Close()
	if !live.Outdated() {
		t.Fatal("no rebuild for an index of another mapping")
	}
	// The fixture closes f.ix at the end; the live index is ours.
	mem, err := index.OpenMemory()
	if err != nil {
		t.Fatal(err)
	}
	f.ix = index.NewLive(mem)
	stop := make(chan struct{})
	var searches, failures atomic.Int64
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for {
				select {
				case <-stop:
					return
				default:
				}
				res, err := live.Search(ctx, index.Request{Query: "funding"})
				searches.Add(1)
				if err != nil || res.Total == 0 {
					failures.Add(1)
				}
			}
		})
	}
	if err := live.Rebuild(ctx); err != nil {
		t.Fatal(err)
	}
	// Let searches run on the new index too before stopping.
	for after := searches.Load(); searches.Load() < after+8; {
		runtime.Gosched()
	}
	close(stop)
	wg.Wait()
	if failures.Load() > 0 {
		t.Errorf("%d of %d searches failed during the rebuild", failures.Load(), searches.Load())
	}
	if !strings.Contains(logs.String(), "searching it while a new one is built") || !strings.Contains(logs.String(), "swapped in") {
		t.Errorf("logs:\n%s", logs.String())
	}
	err = live.With(func(ix *index.Index) error {
		if n, _ := ix.Count(); n != want {
			t.Errorf("new index has %d documents, want %d", n, want)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	live.Close()
	// Opened again: the new mapping, nothing to rebuild.
	live2, err := index.OpenServing(ctx, f.st, index.Config{Path: path, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	outdated := live2.Outdated()
	live2.Close()
	if outdated {
		t.Error("rebuilt again")
	}
}

// TestPoisonPillQuarantine: a subprocess dies (os.Exit) every time it
// reads source A, with source B in flight the first time. Each restart
// counts the unfinished attempts as failures and crashes, reads the
// suspects alone before anything else, and the third crash in a row on A
// disables it with reason "crashed during processing"; B, a bystander of
// the first crash, is never disabled and ends stored and healthy.
func TestPoisonPillQuarantine(t *testing.T) {
	if testing.Short() {
		t.Skip("subprocess crash test")
	}
	now := time.Now()
	wire, _ := demo.Render("ai-wire.rss.xml", "https://demo.example", now)
	zh, _ := demo.Render("zhineng-kuaibao.rss.xml", "https://demo.example", now)
	var run atomic.Int32
	var hitsA, hitsB atomic.Int32
	bRequested := make(chan struct{}, 1)
	// A and B on two hosts, since requests to one host never overlap.
	handler := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/a":
			hitsA.Add(1)
			if run.Load() == 1 {
				// The first time, answer A only once B is being read, so
				// that B is in flight when A kills the process.
				<-bRequested
			}
			w.Write(wire)
		case "/b":
			hitsB.Add(1)
			if run.Load() == 1 {
				bRequested <- struct{}{}
				<-r.Context().Done() // until the process dies
				return
			}
			w.Write(zh)
		}
	})
	srvA, srvB := httptest.NewServer(handler), httptest.NewServer(handler)
	defer srvA.Close()
	defer srvB.Close()
	dir := t.TempDir()
	ctx := context.Background()
	type state struct {
		enabled    bool
		failures   int
		reason     string
		lastError  string
		articles   int
		lastSucess bool
	}
	read := func() map[string]state {
		st, err := store.Open(ctx, filepath.Join(dir, "aitracker.db"))
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		srcs, err := st.Sources(ctx)
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]state{}
		for _, s := range srcs {
			out[s.Name] = state{s.Enabled, s.ConsecutiveFailures, s.DisabledReason, s.LastError, s.ArticleCount, !s.LastSuccessAt.IsZero()}
		}
		return out
	}
	// want: after each run, A's and B's consecutive failures. A crash is
	// counted by the next start.
	for i, want := range []struct {
		exit     int
		a, b     int
		disabled bool
	}{
		{exit: 3, a: 0, b: 0},                 // A kills the process, B in flight
		{exit: 3, a: 1, b: 1},                 // both counted; A, read alone first, kills it again
		{exit: 3, a: 2, b: 1},                 // A counted again, alone, and kills it a third time
		{exit: 0, a: 3, b: 0, disabled: true}, // A disabled at start; B read and healthy
		{exit: 0, a: 3, b: 0, disabled: true}, // A stays disabled, and is not fetched
	} {
		run.Store(int32(i + 1))
		beforeA := hitsA.Load()
		cmd := exec.Command(os.Args[0], "-test.run=^TestCrashHelper$")
		cmd.Env = append(os.Environ(), "AITRACKER_CRASH_HELPER="+dir, "AITRACKER_CRASH_A="+srvA.URL+"/a", "AITRACKER_CRASH_B="+srvB.URL+"/b")
		var stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stderr, &stderr
		err := cmd.Run()
		code := 0
		if ee, ok := err.(*exec.ExitError); ok {
			code = ee.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
		if code != want.exit {
			t.Fatalf("run %d: exit %d, want %d\n%s", i+1, code, want.exit, stderr.String())
		}
		got := read()
		a, b := got["A"], got["B"]
		if a.failures != want.a || b.failures != want.b || a.enabled == want.disabled || !b.enabled || b.reason != "" {
			t.Fatalf("run %d: A %+v, B %+v; want %d and %d failures, A disabled %v\n%s", i+1, a, b, want.a, want.b, want.disabled, stderr.String())
		}
		if want.disabled {
			if a.reason != store.CrashedReason || !strings.Contains(a.lastError, "crashed during processing 3 times in a row") {
				t.Errorf("run %d: A disabled with %q, last error %q", i+1, a.reason, a.lastError)
			}
			if b.articles != 16 || !b.lastSucess {
				t.Errorf("run %d: B %+v", i+1, b)
			}
		}
		if i == 4 && hitsA.Load() != beforeA {
			t.Errorf("a disabled source was fetched")
		}
		if i == 1 && !strings.Contains(stderr.String(), "read alone next") {
			t.Errorf("run 2 did not say it reads the suspects alone:\n%s", stderr.String())
		}
		if i == 3 && !strings.Contains(stderr.String(), "source disabled") {
			t.Errorf("run 4 did not log the quarantine:\n%s", stderr.String())
		}
	}
}

// TestCrashHelper is the subprocess of TestPoisonPillQuarantine: one
// forced pass over sources A and B, with two workers, that exits the
// process (as a crash would) when it has read A's feed.
func TestCrashHelper(t *testing.T) {
	dir := os.Getenv("AITRACKER_CRASH_HELPER")
	if dir == "" {
		t.Skip("the subprocess of TestPoisonPillQuarantine")
	}
	ctx := context.Background()
	log := slog.New(slog.NewTextHandler(os.Stderr, nil))
	st, ix := openData(t, dir, log)
	p := &pipeline.Pipeline{Store: st, Index: ix, Classifier: defaultClassifier(t), Logger: log, Workers: 2,
		Fetcher: &ingest.Fetcher{Client: fetch.New(fetch.Options{AllowPrivate: true, Timeout: 30 * time.Second, HostInterval: -1})},
		Policy:  pipeline.Policy{CrashLimit: 3}}
	pipeline.SetParsed(p, func(src news.Source, _ *ingest.Result) {
		if src.Name == "A" {
			fmt.Fprintln(os.Stderr, "crashing while reading A")
			os.Exit(3)
		}
	})
	sum, err := p.Run(ctx, []news.Source{{Name: "A", URL: os.Getenv("AITRACKER_CRASH_A")}, {Name: "B", URL: os.Getenv("AITRACKER_CRASH_B")}}, pipeline.Options{Force: true})
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintln(os.Stderr, sum.String())
	ix.Close()
	st.Close()
}
