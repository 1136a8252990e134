package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"github.com/aitracker/aitracker/classify"
	"github.com/aitracker/aitracker/config"
	"github.com/aitracker/aitracker/index"
	"github.com/aitracker/aitracker/ingest"
	"github.com/aitracker/aitracker/ingest/fetch"
	"github.com/aitracker/aitracker/news"
	"github.com/aitracker/aitracker/pipeline"
	"github.com/aitracker/aitracker/store"
)

// dataFlags are the flags of every command that reads data.
type dataFlags struct {
	config  string
	dataDir string
}

func (d *dataFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&d.config, "config", "", "configuration `FILE` (YAML); the embedded defaults when empty")
	fs.StringVar(&d.dataDir, "data-dir", "", "data `DIR` for the store and index; overrides data_dir in the config")
}

// parse parses the command line and loads the configuration.
func (d *dataFlags) parse(fs *flag.FlagSet, args []string) (*config.Config, error) {
	if err := parse(fs, args); err != nil {
		return nil, err
	}
	return d.load()
}

// load reads the configuration, applies the flags and validates.
func (d *dataFlags) load() (*config.Config, error) {
	var cfg *config.Config
	if d.config != "" {
		c, err := config.Load(d.config)
		if err != nil {
			return nil, err
		}
		cfg = c
	} else {
		cfg = config.Default()
	}
	if d.dataDir != "" {
		cfg.DataDir = d.dataDir
		if err := cfg.Validate(); err != nil {
			return nil, err
		}
	}
	return cfg, nil
}

// Paths inside the data directory.
func storePath(cfg *config.Config) string { return filepath.Join(cfg.DataDir, "aitracker.db") }
func indexPath(cfg *config.Config) string { return filepath.Join(cfg.DataDir, "index") }

// storeFile is the store file of the command that ran, from the data
// directory and configuration its flags named; empty when it cannot tell
// (a demo in a temporary directory, a configuration that no longer loads).
func (e *env) storeFile() string {
	if e.fs == nil {
		return ""
	}
	var d dataFlags
	cf, df := e.fs.Lookup("config"), e.fs.Lookup("data-dir")
	if cf != nil {
		d.config = cf.Value.String()
	}
	if df != nil {
		d.dataDir = df.Value.String()
	}
	if cf == nil && d.dataDir == "" { // not a data command, or a demo in a temporary directory
		return ""
	}
	cfg, err := d.load()
	if err != nil {
		return ""
	}
	return storePath(cfg)
}

// damagedStore is what a command says when SQLite finds the store file
// damaged: what happened and what to do, not just SQLite's words.
func damagedStore(path string, err error) string {
	file := "the store file"
	if path != "" {
		file += " " + path
	}
	return fmt.Sprintf(`%s is damaged (%v).
  Restore it from a backup, or move it aside (keeping it for recovery, e.g. with sqlite3's ".recover")
  and run "aitracker ingest" to start a new store from the sources. The search index is derived data:
  it is rebuilt from whichever store it finds.`, file, err)
}

// newLogger builds the process's one logger.
func newLogger(cfg *config.Config, w io.Writer) *slog.Logger {
	var level slog.Level
	switch cfg.Log.Level {
	case "debug":
		level = slog.LevelDebug
	case "warn":
		level = slog.LevelWarn
	case "error":
		level = slog.LevelError
	}
	opts := &slog.HandlerOptions{Level: level}
	if cfg.Log.Format == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}

// newClassifier loads the embedded taxonomy, the config's taxonomy files
// and the data directory's taxonomy.local.yaml (promoted companies).
func newClassifier(cfg *config.Config) (*classify.Classifier, error) {
	return newClassifierWith(cfg)
}

// newClassifierWith is newClassifier with extra files merged last, in
// place of taxonomy.local.yaml when one of them has its name.
func newClassifierWith(cfg *config.Config, extra ...classify.File) (*classify.Classifier, error) {
	var files []classify.File
	for _, f := range config.DefaultTaxonomy() {
		files = append(files, classify.File(f))
	}
	for _, path := range cfg.Classify.Taxonomy {
		data, err := os.ReadFile(path)
		if err != nil {
			return nil, fmt.Errorf("classify.taxonomy: %w", err)
		}
		files = append(files, classify.File{Name: path, Data: data})
	}
	local := localTaxonomy(cfg)
	replaced := false
	for _, f := range extra {
		replaced = replaced || f.Name == local
	}
	if !replaced {
		if data, err := os.ReadFile(local); err == nil {
			files = append(files, classify.File{Name: local, Data: data})
		} else if !errors.Is(err, os.ErrNotExist) {
			return nil, err
		}
	}
	files = append(files, extra...)
	tax, err := classify.LoadTaxonomy(files...)
	if err != nil {
		return nil, err
	}
	return classify.New(tax)
}

func newFetcher(cfg *config.Config) *ingest.Fetcher {
	return &ingest.Fetcher{Client: fetch.New(fetch.Options{
		Timeout:        cfg.Fetch.Timeout.Duration,
		ConnectTimeout: cfg.Fetch.ConnectTimeout.Duration,
		MaxBytes:       cfg.Fetch.MaxBytes.N,
		MaxRedirects:   cfg.Fetch.MaxRedirects,
		UserAgent:      cfg.Fetch.UserAgentString(),
		AllowPrivate:   cfg.Fetch.AllowPrivateNetworks,
		HostInterval:   hostInterval(cfg.Fetch.HostInterval.Duration),
	})}
}

// hostInterval maps the config's 0 ("no wait") to the client's "none".
func hostInterval(d time.Duration) time.Duration {
	if d == 0 {
		return -1
	}
	return d
}

// sourcesOf turns configured sources into domain sources.
func sourcesOf(cfg *config.Config) []news.Source {
	out := make([]news.Source, 0, len(cfg.Sources))
	for _, s := range cfg.Sources {
		kind := news.SourceKind(s.Kind)
		if kind == "" {
			kind = news.KindFeed
		}
		src := news.Source{Name: s.Name, URL: s.URL, Kind: kind, Lang: s.Lang, Enabled: true}
		if s.Selectors != nil {
			src.Selectors = &news.Selectors{Item: s.Selectors.Item, Link: s.Selectors.Link, Title: s.Selectors.Title,
				Date: s.Selectors.Date, Summary: s.Selectors.Summary}
		}
		out = append(out, src)
	}
	return out
}

// app is everything a data command may need, opened once.
type app struct {
	cfg *config.Config
	log *slog.Logger
	st  *store.Store
	ix  *index.Live
}

// openApp opens the store and the index (rebuilding or catching the
// index up as needed). withIndex false opens the store only.
func openApp(ctx context.Context, cfg *config.Config, log *slog.Logger, withIndex bool, c pipeline.Counter) (*app, error) {
	st, err := store.Open(ctx, storePath(cfg))
	if err != nil {
		return nil, err
	}
	a := &app{cfg: cfg, log: log, st: st}
	if withIndex {
		ix, err := index.OpenLive(ctx, st, indexConfig(cfg, log, c))
		if err != nil {
			st.Close()
			return nil, err
		}
		a.ix = ix
	}
	return a, nil
}

// indexConfig is how the commands keep the index of cfg.
func indexConfig(cfg *config.Config, log *slog.Logger, c index.Counter) index.Config {
	return index.Config{Path: indexPath(cfg), Logger: log, Counter: c, TuneBulk: tuneGCForBulk}
}

// openEvents opens the store alone and brings its events up to date with
// its articles, as the commands that read events need.
func openEvents(ctx context.Context, cfg *config.Config, log *slog.Logger) (*app, error) {
	a, err := openApp(ctx, cfg, log, false, nil)
	if err != nil {
		return nil, err
	}
	if _, err := pipeline.UpdateEvents(ctx, a.st, log, time.Now().UTC()); err != nil {
		a.Close()
		return nil, err
	}
	return a, nil
}

func (a *app) Close() error {
	var errs []error
	if a.ix != nil {
		errs = append(errs, a.ix.Close())
	}
	errs = append(errs, a.st.Close())
	return errors.Join(errs...)
}

func (a *app) pipeline(cls *classify.Classifier, p pipeline.Progress) *pipeline.Pipeline {
	return &pipeline.Pipeline{
		Store:      a.st,
		Index:      a.ix,
		Fetcher:    newFetcher(a.cfg),
		Classifier: cls,
		Logger:     a.log,
		Workers:    a.cfg.Fetch.Workers,
		Progress:   p,
		Policy: pipeline.Policy{
			Jitter:      a.cfg.Fetch.Jitter.Duration,
			RetryBase:   a.cfg.Fetch.RetryBase.Duration,
			MaxBackoff:  a.cfg.Fetch.MaxBackoff.Duration,
			FullText:    a.cfg.Fetch.FullText,
			TeaserChars: a.cfg.Fetch.TeaserChars,
		},
	}
}
