package index_test

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/aitracker/aitracker/dedupe"
	"github.com/aitracker/aitracker/index"
	"github.com/aitracker/aitracker/index/gen"
	"github.com/aitracker/aitracker/news"
	"github.com/aitracker/aitracker/store"
)

// killBatch is how many articles the helper stores before it indexes them.
const killBatch = 500

func envInt(name string, def int) int {
	if n, err := strconv.Atoi(os.Getenv(name)); err == nil && n > 0 {
		return n
	}
	return def
}

// TestKillWhileIndexing runs ingestion in a subprocess — store a batch
// of articles, index it, again — and kills it with SIGKILL at a random
// moment, once per seed. The next start, with no manual step, must find
// every stored article in the index: caught up after the watermark, or
// rebuilt from the store when the kill tore the index files.
//
// AITRACKER_KILL_SEEDS and AITRACKER_KILL_DOCS scale it up (the
// reliability checklist's run is 20 seeds of 50,000 articles).
func TestKillWhileIndexing(t *testing.T) {
	if testing.Short() {
		t.Skip("subprocess kill test")
	}
	seeds := envInt("AITRACKER_KILL_SEEDS", 5)
	docs := envInt("AITRACKER_KILL_DOCS", 4000)
	var rebuilt, caughtUp int
	for seed := 1; seed <= seeds; seed++ {
		t.Run(fmt.Sprintf("seed%d", seed), func(t *testing.T) {
			dir := t.TempDir()
			rng := rand.New(rand.NewPCG(uint64(seed), 42))
			killAt := 1 + rng.IntN(docs/killBatch)                   // after this many batches …
			delay := time.Duration(rng.IntN(400)) * time.Millisecond // … and this long into the next

			cmd := exec.Command(os.Args[0], "-test.run=^TestKillHelper$")
			cmd.Env = append(os.Environ(), "AITRACKER_KILL_HELPER="+dir,
				fmt.Sprintf("AITRACKER_KILL_DOCS=%d", docs), fmt.Sprintf("AITRACKER_KILL_SEED=%d", seed))
			out, err := cmd.StdoutPipe()
			if err != nil {
				t.Fatal(err)
			}
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			lines := bufio.NewScanner(out)
			batches := 0
			for batches < killAt && lines.Scan() {
				if strings.HasPrefix(lines.Text(), "batch ") {
					batches++
				}
			}
			time.Sleep(delay)
			cmd.Process.Kill()
			go io.Copy(io.Discard, out)
			cmd.Wait()
			t.Logf("killed after %d batches + %s", batches, delay)
			if batches == 0 {
				t.Fatalf("the helper indexed nothing before the kill: %s", stderr.String())
			}

			// The next start.
			ctx := context.Background()
			st, err := store.Open(ctx, filepath.Join(dir, "aitracker.db"))
			if err != nil {
				t.Fatalf("store after the kill: %v", err)
			}
			defer st.Close()
			var logs bytes.Buffer
			log := slog.New(slog.NewTextHandler(&logs, nil))
			ix, err := index.OpenLive(ctx, st, index.Config{Path: filepath.Join(dir, "index"), Logger: log})
			if err != nil {
				t.Fatalf("index after the kill: %v\n%s", err, logs.String())
			}
			defer ix.Close()
			if strings.Contains(logs.String(), "rebuilding") {
				rebuilt++
			} else {
				caughtUp++
			}
			stored, err := st.CountArticles(ctx)
			if err != nil {
				t.Fatal(err)
			}
			indexed, err := ix.Count()
			if err != nil {
				t.Fatal(err)
			}
			if stored < batches*killBatch || uint64(stored) != indexed {
				t.Fatalf("after restart: %d stored (at least %d acknowledged), %d indexed\n%s", stored, batches*killBatch, indexed, logs.String())
			}
			maxSeq, _ := st.MaxSeq(ctx)
			if seq, _ := ix.Seq(); seq != maxSeq {
				t.Errorf("watermark %d, store at %d", seq, maxSeq)
			}
			res, err := ix.Search(ctx, index.Request{Query: ""})
			if err != nil || res.Total != indexed {
				t.Errorf("search after restart: %v, total %d of %d", err, res.Total, indexed)
			}
			// Every hit is the stored article of its ID.
			(&pair{st: st, ix: ix}).checkAgrees(t)
		})
	}
	t.Logf("%d seeds: %d restarts caught up from the watermark, %d rebuilt a torn index", seeds, caughtUp, rebuilt)
}

// TestKillHelper is the subprocess of TestKillWhileIndexing: it stores
// and indexes generated articles in batches, printing "batch N" after
// each, until killed.
func TestKillHelper(t *testing.T) {
	dir := os.Getenv("AITRACKER_KILL_HELPER")
	if dir == "" {
		t.Skip("the subprocess of TestKillWhileIndexing")
	}
	ctx := context.Background()
	docs := envInt("AITRACKER_KILL_DOCS", 4000)
	seed := envInt("AITRACKER_KILL_SEED", 1)
	st, err := store.Open(ctx, filepath.Join(dir, "aitracker.db"))
	if err != nil {
		t.Fatal(err)
	}
	srcs, err := st.SyncSources(ctx, []news.Source{{Name: "Generated", URL: "https://news.example/feed.xml", Kind: news.KindFeed}})
	if err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	ix, err := index.OpenLive(ctx, st, index.Config{Path: filepath.Join(dir, "index"), Logger: log})
	if err != nil {
		t.Fatal(err)
	}
	g, err := gen.New(uint64(seed))
	if err != nil {
		t.Fatal(err)
	}
	for b := 1; b <= docs/killBatch; b++ {
		for range killBatch {
			a := g.Next()
			a.ID, a.Seq, a.SourceID, a.DuplicateOf = 0, 0, srcs[0].ID, 0
			a.ContentHash = dedupe.ContentHash(&a)
			if _, err := st.SaveArticle(ctx, &a, dedupe.For(&a)); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := ix.CatchUp(ctx); err != nil {
			t.Fatal(err)
		}
		fmt.Printf("batch %d\n", b)
	}
	ix.Close()
	st.Close()
	fmt.Println("done")
}
