package main

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/aitracker/aitracker/store"
)

// cmdStore moves a tracker's data: "store copy --to DSN" copies the
// SQLite store in data_dir into an empty PostgreSQL database.
func cmdStore(ctx context.Context, e *env, args []string) error {
	d := newDataCmd(e, "store")
	to := d.String("to", "", "the PostgreSQL `DSN` to copy into (\"postgres://user@host:5432/db\"); the password may come from PGPASSWORD instead")
	if err := d.parse(args); err != nil {
		return err
	}
	if d.NArg() != 1 || d.Arg(0) != "copy" {
		return usageError{"want: store copy --to DSN"}
	}
	if *to == "" {
		return usageError{"store copy: --to names the PostgreSQL database to copy into"}
	}
	cfg := d.cfg
	if cfg.Store.Driver == store.DriverPostgres {
		return fmt.Errorf("store copy: the configuration's store is already PostgreSQL (store.driver: postgres); the copy reads the SQLite store in data_dir, so run it with the configuration you used before the move")
	}
	if err := requireStore(cfg); err != nil {
		return err
	}
	src, err := store.Open(ctx, storePath(cfg))
	if err != nil {
		return err
	}
	defer src.Close()
	sq, ok := src.(*store.SQLite)
	if !ok {
		return fmt.Errorf("store copy: %s did not open as a SQLite store", storePath(cfg))
	}
	dst, err := store.OpenPostgres(ctx, *to)
	if err != nil {
		return err
	}
	defer dst.Close()
	start := time.Now()
	// On a terminal a table's count is rewritten in place; elsewhere
	// (a log) each count is a line.
	last := ""
	copied, err := store.CopyToPostgres(ctx, sq, dst, func(table string, rows int64) {
		name := strings.ReplaceAll(table, "_", " ")
		if !e.stderrTerminal {
			fmt.Fprintf(e.stderr, "copying %s: %d rows\n", name, rows)
			return
		}
		if table != last && last != "" {
			fmt.Fprintln(e.stderr)
		}
		last = table
		fmt.Fprintf(e.stderr, "\rcopying %s: %d rows", name, rows)
	})
	if last != "" {
		fmt.Fprintln(e.stderr)
	}
	if err != nil {
		return err
	}
	var parts []string
	var total int64
	for _, c := range copied {
		parts = append(parts, fmt.Sprintf("%d %s", c.Rows, strings.ReplaceAll(c.Table, "_", " ")))
		total += c.Rows
	}
	fmt.Fprintf(e.stdout, "copied %s into PostgreSQL in %s (%d rows): %s\n", storePath(cfg), time.Since(start).Round(time.Millisecond), total, strings.Join(parts, ", "))
	fmt.Fprintf(e.stdout, "the copy keeps the store's ID and sequence numbers: with store: {driver: postgres, dsn: ...} in the configuration, the search index in %s follows it as it is\n", cfg.DataDir)
	return nil
}
