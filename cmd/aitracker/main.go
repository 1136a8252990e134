package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/aitracker/aitracker/store"
)

// command is one subcommand.
type command struct {
	name    string
	args    string // usage after the flags, e.g. "QUERY..."
	summary string
	run     func(ctx context.Context, env *env, args []string) error
}

var commands = []command{
	{"run", "", "ingest now and on the schedule, and serve the web UI and API", cmdRun},
	{"scheduler", "", "queue the sources that are due on the NATS work queue (cluster.nats_url), at start and on the schedule, until stopped", cmdScheduler},
	{"worker", "", "take sources from the NATS work queue and read them (fetch, classify, store) until stopped", cmdWorker},
	{"serve", "--follow", "serve the web UI and API of a search node: its own index follows the store of record; no ingestion", cmdServe},
	{"cluster", "status", "the cluster's queue depth, workers, search nodes with their lag, and leader (cluster.nats_url)", cmdCluster},
	{"ingest", "[SOURCE...]", "run one ingestion pass (fetch, classify, store, index) and exit; given sources (names or URLs), read just those, now", cmdIngest},
	{"search", "[QUERY...]", "search the index; no query lists every article, newest first", cmdSearch},
	{"explain", "FILE|URL|-", "classify a text and print every decision with its rule and evidence", cmdExplain},
	{"sources", "[import FILE.opml | export | enable SOURCE]", "print the sources and their fetch health; import or export OPML; enable a disabled source again", cmdSources},
	{"reindex", "", "rebuild the search index from the store", cmdReindex},
	{"reclassify", "", "tag every stored article again with the current taxonomy and rules", cmdReclassify},
	{"events", "[ID]", "list the events merged from articles (funding rounds, acquisitions, …), or show one with its provenance", cmdEvents},
	{"companies", "[NAME] | candidates | promote NAME", "companies' events and disclosed funding; names found outside the taxonomy, and promoting one into it", cmdCompanies},
	{"subscribers", "add EMAIL [filters] | list | remove EMAIL", "manage who gets the digest e-mail and what they follow", cmdSubscribers},
	{"digest", "send | preview | status", "send the digests that are due, preview one, or show the delivery ledger", cmdDigest},
	{"store", "copy --to DSN", "copy the SQLite store in data_dir, whole, into an empty PostgreSQL database (moving to a cluster)", cmdStore},
	{"eval", "FILE.jsonl...", "score the classifier on labelled items", cmdEval},
	{"check", "", "validate the configuration and taxonomy, and reach the servers it names (NATS, the store)", cmdCheck},
	{"demo", "", "serve bundled sample feeds locally, ingest them and serve the UI", cmdDemo},
	{"health", "", "ask a running aitracker whether it answers (for container health checks)", cmdHealth},
	{"version", "", "print the version", cmdVersion},
}

// env is the process's outside world, so that commands can be tested.
type env struct {
	stdout, stderr io.Writer
	// stderrTerminal is true when stderr is a terminal: progress bars then.
	stderrTerminal bool
	// cmd is the command being run, for its usage text.
	cmd command
	// fs is the command's flag set, for the data directory it was given.
	fs *flag.FlagSet
}

// usageError makes main print the command's usage and exit with 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func main() {
	ctx, stop := signalContext()
	defer stop()
	e := &env{stdout: os.Stdout, stderr: os.Stderr, stderrTerminal: isTerminal(os.Stderr)}
	os.Exit(runMain(ctx, e, os.Args[1:]))
}

// signalContext is cancelled by the first SIGINT or SIGTERM. After that
// the signals have their default effect again, so that a second Ctrl-C
// ends at once a shutdown that takes too long.
func signalContext() (context.Context, context.CancelFunc) {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	context.AfterFunc(ctx, stop)
	return ctx, stop
}

// runMain runs the command line and returns the exit code.
func runMain(ctx context.Context, e *env, args []string) int {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" || args[0] == "-help" {
		if len(args) > 1 {
			return runMain(ctx, e, []string{args[1], "--help"})
		}
		printUsage(e.stdout)
		return 0
	}
	for _, c := range commands {
		if c.name != args[0] {
			continue
		}
		e.cmd = c
		err := c.run(ctx, e, args[1:])
		var ue usageError
		switch {
		case err == nil:
			return 0
		case errors.Is(err, flag.ErrHelp):
			return 0
		case errors.As(err, &ue):
			fmt.Fprintf(e.stderr, "aitracker %s: %s\nRun 'aitracker %s --help' for usage.\n", c.name, ue.msg, c.name)
			return 2
		case errors.Is(err, context.Canceled):
			fmt.Fprintf(e.stderr, "aitracker %s: interrupted\n", c.name)
			return 130
		case store.IsDamaged(err):
			fmt.Fprintf(e.stderr, "aitracker %s: %s\n", c.name, damagedStore(e.storeFile(), err))
			return 1
		default:
			fmt.Fprintf(e.stderr, "aitracker %s: %v\n", c.name, err)
			return 1
		}
	}
	fmt.Fprintf(e.stderr, "aitracker: unknown command %q\n\n", args[0])
	printUsage(e.stderr)
	return 2
}

func printUsage(w io.Writer) {
	fmt.Fprintln(w, "aitracker — a self-hosted news and funding tracker for the AI industry")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Usage: aitracker COMMAND [flags] [args]")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Commands:")
	for _, c := range commands {
		fmt.Fprintf(w, "  %-11s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Every command that reads data takes --config FILE and --data-dir DIR (the flag wins).")
	fmt.Fprintln(w, "Run 'aitracker COMMAND --help' for a command's flags. Quick start: aitracker demo")
}

// flags returns a flag set for a command that prints its usage on --help.
func flags(e *env, name string) *flag.FlagSet {
	c := e.cmd
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	e.fs = fs
	fs.Usage = func() {
		fmt.Fprintf(e.stdout, "Usage: aitracker %s [flags] %s\n\n%s.\n", name, c.args, upperFirst(c.summary))
		var b strings.Builder
		fs.SetOutput(&b)
		fs.PrintDefaults()
		fs.SetOutput(io.Discard)
		if b.Len() > 0 {
			fmt.Fprintf(e.stdout, "\nFlags:\n%s", b.String())
		}
	}
	return fs
}

// parse parses flags, turning a flag error into a usage error. Flags may
// come after positional arguments ("search funding --json").
func parse(fs *flag.FlagSet, args []string) error {
	fs.SetOutput(io.Discard)
	usage := fs.Usage
	fs.Usage = func() {} // the flag package would print it on every error
	defer func() { fs.Usage = usage }()
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				usage()
				return err
			}
			return usageError{err.Error()}
		}
		args = fs.Args()
		if len(args) == 0 {
			break
		}
		if args[0] == "--" {
			pos = append(pos, args[1:]...)
			break
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
	return fs.Parse(append([]string{"--"}, pos...))
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func isTerminal(f *os.File) bool {
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
