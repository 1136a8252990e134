package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/aitracker/aitracker/demo"
	"github.com/aitracker/aitracker/internal/pgtest"
	"github.com/jackc/pgx/v5"
)

// TestPostgresStore: with store.driver postgres, the commands keep their
// data in the database: an ingestion of the sample feeds stores what
// the same ingestion into SQLite stores (articles, events, companies),
// a second one adds nothing, and a node with another, empty data
// directory on the same database builds its index from the store and
// finds every article.
func TestPostgresStore(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: a server of its own and two ingestions; the store's tests run the PostgreSQL backend under -short")
	}
	srv := pgtest.Private(t)
	dsn, err := srv.NewDatabase(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	// Dated from a fixed time, so that the two stores read the same items.
	feeds, err := demo.StartWith(demo.Options{Now: time.Now().Truncate(time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	defer feeds.Close()
	const fetch = "fetch: {allow_private_networks: true, jitter: 0s, host_interval: 0s, full_text: false}\nschedule: \"\""
	pgStore := fmt.Sprintf("store: {driver: postgres, dsn: %q}", dsn)
	configs := map[string]string{
		"sqlite":   writeConfig(t, t.TempDir(), fetch, feeds.Sources()),
		"postgres": writeConfig(t, t.TempDir(), fetch+"\n"+pgStore, feeds.Sources()),
	}
	// Per backend: the two passes' counts, the events, the companies.
	got := map[string][4]string{}
	for name, cfg := range configs {
		var passes [2]string
		for i := range passes {
			code, out, errOut := run(t, "ingest", "--config", cfg, "--force")
			if code != 0 || !strings.Contains(out, "4 sources: 4 ok") {
				t.Fatalf("%s: ingest: %d\n%s\n%s", name, code, out, errOut)
			}
			passes[i] = out[:strings.LastIndex(out, ";")] // without the time it took
		}
		_, events, _ := run(t, "events", "--config", cfg, "--limit", "0", "--csv")
		_, companies, _ := run(t, "companies", "--config", cfg)
		got[name] = [4]string{passes[0], passes[1], comparableEvents(events), companies}
	}
	if got["sqlite"] != got["postgres"] {
		t.Errorf("SQLite and PostgreSQL differ:\nsqlite   %q\npostgres %q", got["sqlite"], got["postgres"])
	}
	if !strings.Contains(got["postgres"][0], "52 new articles") || !strings.Contains(got["postgres"][1], "0 new articles") ||
		strings.Count(got["postgres"][2], "\n") < 30 {
		t.Errorf("postgres: %q, then %q, %d lines of events; want the 52 sample articles once, and their events",
			got["postgres"][0], got["postgres"][1], strings.Count(got["postgres"][2], "\n"))
	}

	conn, err := pgx.Connect(t.Context(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(context.Background())
	var n int
	if err := conn.QueryRow(t.Context(), `SELECT COUNT(*) FROM articles`).Scan(&n); err != nil || n != 52 {
		t.Errorf("the database holds %d articles, %v; want 52", n, err)
	}

	// Another node: its own data directory, the same database.
	other := writeConfig(t, t.TempDir(), fetch+"\n"+pgStore, feeds.Sources())
	if res := searchJSON(t, "--config", other, "--limit", "100"); res.Total != 52 {
		t.Errorf("a node with an empty index found %d articles in the store; want 52", res.Total)
	}
}

// comparableEvents drops from "events --csv" the articles' IDs, which
// depend on the order the sources were read in.
func comparableEvents(csv string) string {
	var b strings.Builder
	for _, line := range strings.Split(csv, "\n") {
		if i := strings.LastIndex(line, ","); i >= 0 {
			line = line[:i]
		}
		b.WriteString(line + "\n")
	}
	return b.String()
}

// TestStoreCopy: "store copy" moves a tracker that ran on SQLite to
// PostgreSQL: the configuration switched to the database answers the
// events, companies and searches the SQLite store answered, with the same
// IDs, and the search index in data_dir goes on as it is (the copy is the
// same store, so it is not rebuilt). A second copy into the same database
// is refused, and the database keeps what it holds.
func TestStoreCopy(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: a server of its own and an ingestion; the store's copy test runs under -short")
	}
	srv := pgtest.Private(t)
	dsn, err := srv.NewDatabase(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	feeds, err := demo.Start()
	if err != nil {
		t.Fatal(err)
	}
	defer feeds.Close()
	const fetch = "fetch: {allow_private_networks: true, jitter: 0s, host_interval: 0s, full_text: false}\nschedule: \"\""
	dir := t.TempDir()
	sqliteCfg := filepath.Join(dir, "sqlite.yaml")
	if err := os.Rename(writeConfig(t, dir, fetch, feeds.Sources()), sqliteCfg); err != nil {
		t.Fatal(err)
	}
	pgCfg := writeConfig(t, dir, fetch+"\n"+fmt.Sprintf("store: {driver: postgres, dsn: %q}", dsn), feeds.Sources())
	if code, out, errOut := run(t, "ingest", "--config", sqliteCfg); code != 0 || !strings.Contains(out, "52 new articles") {
		t.Fatalf("ingest: %d\n%s\n%s", code, out, errOut)
	}
	answers := func(cfg string) [3]string {
		t.Helper()
		_, events, _ := run(t, "events", "--config", cfg, "--limit", "0", "--csv")
		_, companies, _ := run(t, "companies", "--config", cfg)
		code, hits, errOut := run(t, "search", "--config", cfg, "--limit", "100", "funding")
		if code != 0 || strings.Contains(errOut, "rebuilding") {
			t.Errorf("search: %d\n%s", code, errOut)
		}
		return [3]string{events, companies, hits}
	}
	want := answers(sqliteCfg)

	code, out, errOut := run(t, "store", "copy", "--config", sqliteCfg, "--to", dsn)
	if code != 0 || !strings.Contains(out, "52 articles") || !strings.Contains(errOut, "copying articles: 52 rows") {
		t.Fatalf("store copy: %d\n%s\n%s", code, out, errOut)
	}
	if got := answers(pgCfg); got != want {
		t.Errorf("after the copy, PostgreSQL answers\n%q\nSQLite answered\n%q", got, want)
	}
	if strings.Count(want[0], "\n") < 30 {
		t.Errorf("only %d lines of events to compare", strings.Count(want[0], "\n"))
	}

	code, _, errOut = run(t, "store", "copy", "--config", sqliteCfg, "--to", dsn)
	if code != 1 || !strings.Contains(errOut, "already holds") || !strings.Contains(errOut, "52 articles") {
		t.Errorf("a second copy: %d %s; want a refusal naming what the database holds", code, errOut)
	}
	if got := answers(pgCfg); got != want {
		t.Error("a refused copy changed what the database answers")
	}
	code, _, errOut = run(t, "store", "copy", "--config", pgCfg, "--to", dsn)
	if code != 1 || !strings.Contains(errOut, "already PostgreSQL") {
		t.Errorf("a copy from a PostgreSQL configuration: %d %s; want a refusal", code, errOut)
	}
}
