package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
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

// dataCmd is a command that reads the data directory: its flag set, with
// --config and --data-dir, and once parsed the configuration they name
// and the process's logger. Every data command opens this way.
type dataCmd struct {
	*flag.FlagSet
	e               *env
	config, dataDir string
	// exclusive are pairs of flags that may not both be set.
	exclusive [][2]string
	// creates lets the command start a store where there is none
	// (sources and subscribers may be set up before the first pass);
	// the others only read data, and say so when there is none.
	creates bool

	cfg *config.Config
	log *slog.Logger
}

// newDataCmd starts a data command's flag set.
func newDataCmd(e *env, name string) *dataCmd {
	c := &dataCmd{FlagSet: flags(e, name), e: e}
	c.StringVar(&c.config, "config", "", "configuration `FILE` (YAML); the embedded defaults when empty")
	c.StringVar(&c.dataDir, "data-dir", "", "data `DIR` for the store and index; overrides data_dir in the config")
	return c
}

// jsonFlag adds --json, saying what it prints.
func (c *dataCmd) jsonFlag(usage string) *bool { return c.Bool("json", false, usage) }

// excludes makes setting both flags a usage error.
func (c *dataCmd) excludes(a, b string) { c.exclusive = append(c.exclusive, [2]string{a, b}) }

// parse parses the command line, then loads the configuration.
func (c *dataCmd) parse(args []string) error {
	if err := parse(c.FlagSet, args); err != nil {
		return err
	}
	set := map[string]bool{}
	c.Visit(func(f *flag.Flag) { set[f.Name] = f.Value.String() != "false" })
	for _, p := range c.exclusive {
		if set[p[0]] && set[p[1]] {
			return usageError{fmt.Sprintf("--%s and --%s exclude each other", p[0], p[1])}
		}
	}
	return c.load()
}

// load reads the configuration the flags name, applies them, and builds
// the logger.
func (c *dataCmd) load() error {
	cfg, err := loadConfig(c.config, c.dataDir)
	if err != nil {
		return err
	}
	c.cfg, c.log = cfg, newLogger(cfg, c.e.stderr)
	return nil
}

// What a data command opens besides the store.
type opening int

const (
	storeOnly  opening = iota
	withEvents         // the events, brought up to date with the articles
	withIndex          // the search index, caught up with the store
)

// open parses the command line, loads the configuration and opens the
// data; the caller closes it.
func (c *dataCmd) open(ctx context.Context, args []string, o opening) (*app, error) {
	if err := c.parse(args); err != nil {
		return nil, err
	}
	if !c.creates {
		if err := requireStore(c.cfg); err != nil {
			return nil, err
		}
	}
	if o == withEvents {
		return openEvents(ctx, c.cfg, c.log)
	}
	return openApp(ctx, c.cfg, c.log, o == withIndex, nil)
}

// requireStore says, for a command that reads data, that the data
// directory holds no store, instead of creating an empty one there and
// answering as if nothing matched.
func requireStore(cfg *config.Config) error {
	if cfg.Store.Driver == store.DriverPostgres {
		return nil // the database is the store; opening it says when it cannot be reached
	}
	_, err := os.Stat(storePath(cfg))
	if err == nil || !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return fmt.Errorf("no data in %s (it holds no aitracker.db): run \"aitracker ingest\" or \"aitracker run\" first (\"aitracker demo --data-dir DIR\" for sample data), or point --data-dir or data_dir at the folder that holds it", cfg.DataDir)
}

// loadConfig reads the configuration file (the embedded defaults when
// file is empty), puts dataDir over its data directory when given, and
// validates.
func loadConfig(file, dataDir string) (*config.Config, error) {
	var cfg *config.Config
	if file != "" {
		c, err := config.Load(file)
		if err != nil {
			return nil, err
		}
		cfg = c
	} else {
		cfg = config.Default()
	}
	if dataDir != "" {
		cfg.DataDir = dataDir
		if err := cfg.Validate(); err != nil {
			return nil, err
		}
	}
	return cfg, nil
}

// Paths inside the data directory.
func storePath(cfg *config.Config) string { return filepath.Join(cfg.DataDir, "aitracker.db") }

// storeConfig is where the store of cfg is: the SQLite file in the data
// directory, or the PostgreSQL database store.dsn names.
func storeConfig(cfg *config.Config) store.Config {
	return store.Config{Driver: cfg.Store.Driver, Path: storePath(cfg), DSN: cfg.Store.DSN}
}
func indexPath(cfg *config.Config) string { return filepath.Join(cfg.DataDir, "index") }

// storeFile is the store file of the command that ran, from the data
// directory and configuration its flags named; empty when it cannot tell
// (a demo in a temporary directory, a configuration that no longer loads).
func (e *env) storeFile() string {
	if e.fs == nil {
		return ""
	}
	var file, dir string
	cf, df := e.fs.Lookup("config"), e.fs.Lookup("data-dir")
	if cf != nil {
		file = cf.Value.String()
	}
	if df != nil {
		dir = df.Value.String()
	}
	if cf == nil && dir == "" { // not a data command, or a demo in a temporary directory
		return ""
	}
	cfg, err := loadConfig(file, dir)
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
func newClassifierWith(cfg *config.Config, extra ...config.NamedFile) (*classify.Classifier, error) {
	var files []config.NamedFile
	for _, f := range config.DefaultTaxonomy() {
		files = append(files, config.NamedFile(f))
	}
	for _, path := range cfg.Classify.Taxonomy {
		data, err := os.ReadFile(path)
		if err != nil {
			return nil, fmt.Errorf("classify.taxonomy: %w", err)
		}
		files = append(files, config.NamedFile{Name: path, Data: data})
	}
	local := localTaxonomy(cfg)
	replaced := false
	for _, f := range extra {
		replaced = replaced || f.Name == local
	}
	if !replaced {
		if data, err := os.ReadFile(local); err == nil {
			files = append(files, config.NamedFile{Name: local, Data: data})
		} else if !errors.Is(err, os.ErrNotExist) {
			return nil, err
		}
	}
	files = append(files, extra...)
	tax, err := config.LoadTaxonomy(files...)
	if err != nil {
		return nil, err
	}
	return classify.New(tax)
}

func newFetcher(cfg *config.Config) *ingest.Fetcher { return newFetcherWith(cfg, nil) }

// newFetcherWith is newFetcher sharing its politeness with other
// processes through hosts, when not nil.
func newFetcherWith(cfg *config.Config, hosts fetch.HostGate) *ingest.Fetcher {
	return &ingest.Fetcher{Client: fetch.New(fetch.Options{
		Timeout:        cfg.Fetch.Timeout.Duration,
		ConnectTimeout: cfg.Fetch.ConnectTimeout.Duration,
		MaxBytes:       cfg.Fetch.MaxBytes.N,
		MaxRedirects:   cfg.Fetch.MaxRedirects,
		UserAgent:      cfg.Fetch.UserAgentString(),
		AllowPrivate:   cfg.Fetch.AllowPrivateNetworks,
		HostInterval:   hostInterval(cfg.Fetch.HostInterval.Duration),
		Hosts:          hosts,
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
	st  store.Store
	ix  *index.Live
}

// openApp opens the store and the index (rebuilding or catching the
// index up as needed). withIndex false opens the store only.
func openApp(ctx context.Context, cfg *config.Config, log *slog.Logger, withIndex bool, c pipeline.Counter) (*app, error) {
	st, err := store.OpenWith(ctx, storeConfig(cfg))
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
		Learn:      a.cfg.Classify.LearnCompanies,
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
