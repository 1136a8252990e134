package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/aitracker/aitracker/config"
	"github.com/aitracker/aitracker/demo"
	"github.com/aitracker/aitracker/pipeline"
)

func cmdDemo(ctx context.Context, e *env, args []string) error {
	fs := flags(e, "demo")
	dataDir := fs.String("data-dir", "", "keep the demo data in `DIR` (default: a temporary directory, removed at exit)")
	once := fs.Bool("once", false, "ingest the sample feeds and exit, without serving the UI")
	listen := fs.String("listen", "127.0.0.1:8080", "address of the web UI; a free port is used if this one is taken")
	if err := parse(fs, args); err != nil {
		return err
	}
	dir := *dataDir
	if dir == "" {
		tmp, err := os.MkdirTemp("", "aitracker-demo-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(tmp)
		dir = tmp
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	// A demo that keeps its data serves the same feeds at every start:
	// the same dates and, when the port is free, the same links, so that
	// ingesting them again writes nothing.
	statePath := filepath.Join(dir, "demo-state.json")
	state, err := readDemoState(statePath)
	if err != nil {
		fmt.Fprintf(e.stderr, "%v; the sample feeds are dated from now\n", err)
	}
	if state.Now.IsZero() {
		state.Now = time.Now().UTC().Truncate(time.Second)
	}
	feeds, err := demo.StartWith(demo.Options{Addr: state.Addr, Now: state.Now})
	if err != nil {
		return err
	}
	defer feeds.Close()
	state.Addr = feeds.Addr()
	if err := writeDemoState(statePath, state); err != nil {
		return err
	}

	cfg := config.Default()
	cfg.DataDir = dir
	cfg.Sources = feeds.Sources()
	cfg.DefaultSources = false
	cfg.Schedule = "" // the sample feeds do not change
	cfg.Listen = *listen
	// The sample feeds are served on loopback, which the crawler refuses
	// by default; the local server needs no politeness.
	cfg.Fetch.AllowPrivateNetworks = true
	cfg.Fetch.Jitter = config.Dur(0)
	cfg.Fetch.HostInterval = config.Dur(0)
	// The sample feeds carry whole summaries; their pages add nothing.
	cfg.Fetch.FullText = false
	if err := cfg.Validate(); err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "Sample feeds are served at %s/feeds/; data goes to %s\n", feeds.Base(), dir)
	// A config file for the CLI: "aitracker sources --config DIR/demo.yaml",
	// and while the demo serves, "aitracker search --config …" through it.
	cfgFile := filepath.Join(dir, "demo.yaml")
	if err := writeDemoConfig(cfgFile, dir, cfg.Listen, cfg.Sources); err != nil {
		return err
	}
	if *once {
		return ingestOnce(ctx, e, cfg, false, pipeline.Options{Force: true})
	}
	if err := ingestOnce(ctx, e, cfg, false, pipeline.Options{Force: true}); err != nil {
		return err
	}
	if ln, err := net.Listen("tcp", cfg.Listen); err != nil {
		cfg.Listen = "127.0.0.1:0"
	} else {
		ln.Close()
	}
	log := newLogger(cfg, e.stderr)
	return serve(ctx, &Main{Config: cfg, Logger: log, Ready: func(url string) {
		listen := strings.TrimSuffix(strings.TrimPrefix(url, "http://"), "/")
		if err := writeDemoConfig(cfgFile, dir, listen, cfg.Sources); err != nil {
			log.Warn("could not write the demo config file", "err", err)
		}
		fmt.Fprintf(e.stdout, `
aitracker demo is running. Open %s

Things to try in the search box (or in a terminal: aitracker search --config %s QUERY):
  funding                       every funding round, English and Chinese
  type:acquisition              acquisitions
  layer:model type:funding      rounds raised by model makers
  company:"Mistral AI"          one company
  融资                          Chinese articles about funding
  "Series B" -robotics          a phrase, minus a word

JSON API: %sapi/search?q=funding
Press Ctrl-C to stop.
`, url, cfgFile, url)
	}})
}

// demoState is what a demo keeps in its data directory between starts.
type demoState struct {
	Now  time.Time `json:"now"`  // the instant the sample items' ages count back from
	Addr string    `json:"addr"` // where the sample feeds were served
}

// readDemoState reads the state a previous start left; a missing file is
// a first start.
func readDemoState(path string) (demoState, error) {
	var st demoState
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return st, nil
	}
	if err != nil {
		return st, err
	}
	if err := json.Unmarshal(data, &st); err != nil {
		return demoState{}, fmt.Errorf("%s: %w", path, err)
	}
	return st, nil
}

func writeDemoState(path string, st demoState) error {
	data, err := json.MarshalIndent(st, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, append(data, '\n'), 0o644)
}

// writeDemoConfig writes a configuration that points at the demo's data
// and server.
func writeDemoConfig(path, dir, listen string, sources []config.Source) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# Written by aitracker demo; valid while it runs.\ndata_dir: %q\nlisten: %q\nschedule: \"\"\nfetch:\n  allow_private_networks: true\n  jitter: 0s\n  host_interval: 0s\n  full_text: false\nsources:\n", dir, listen)
	for _, s := range sources {
		fmt.Fprintf(&b, "  - name: %q\n    url: %q\n    lang: %q\n", s.Name, s.URL, s.Lang)
	}
	return os.WriteFile(path, []byte(b.String()), 0o644)
}
