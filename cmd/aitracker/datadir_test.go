package main

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aitracker/aitracker/store"
)

// TestStoreDeletedUnderTheIndex: with the store file deleted and the
// index left, the next ingestion says the index is rebuilt, indexes what
// it stores, and every hit is the stored article with its ID.
func TestStoreDeletedUnderTheIndex(t *testing.T) {
	dir := demoData(t)
	db := filepath.Join(dir, "aitracker.db")
	if err := os.Remove(db); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := run(t, "demo", "--data-dir", dir, "--once")
	if code != 0 || !strings.Contains(out, "52 new articles") || !strings.Contains(out, "52 indexed") {
		t.Fatalf("demo --once on a new store: %d\n%s\n%s", code, out, errOut)
	}
	if !strings.Contains(errOut, "index belongs to another store") || !strings.Contains(errOut, "rebuilding it from the store") {
		t.Errorf("the command does not say the index was rebuilt:\n%s", errOut)
	}
	res := searchJSON(t, "--data-dir", dir, "--limit", "200")
	ctx := context.Background()
	st, err := store.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if n, _ := st.CountArticles(ctx); res.Total != n || len(res.Hits) != n {
		t.Errorf("search finds %d articles (%d hits), the store holds %d", res.Total, len(res.Hits), n)
	}
	for _, h := range res.Hits {
		if a, err := st.Article(ctx, h.ID); err != nil || a.Title != h.Title || a.URL != h.URL {
			t.Errorf("hit %d %q is stored as %q, %v", h.ID, h.Title, a.Title, err)
		}
	}
}

// damage writes garbage over part of the store file at path: its header,
// or the middle leaf page of the articles table.
func damage(t *testing.T, path, where string) {
	t.Helper()
	off, size := int64(0), int64(100)
	if where == "page" {
		db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
		if err != nil {
			t.Fatal(err)
		}
		var pages []int64
		rows, err := db.Query(`SELECT pageno FROM dbstat WHERE name = 'articles' AND pagetype = 'leaf' ORDER BY pageno`)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var p int64
			rows.Scan(&p)
			pages = append(pages, p)
		}
		var pageSize int64
		db.QueryRow(`PRAGMA page_size`).Scan(&pageSize)
		db.Close()
		if len(pages) < 3 || pageSize == 0 {
			t.Fatalf("the articles table has %d leaf pages of %d bytes", len(pages), pageSize)
		}
		off, size = (pages[len(pages)/2]-1)*pageSize, pageSize
	}
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	junk := make([]byte, size)
	for i := range junk {
		junk[i] = byte(i*131 + 7)
	}
	if _, err := f.WriteAt(junk, off); err != nil {
		t.Fatal(err)
	}
}

// TestDamagedStore: a store file SQLite finds damaged, in its header or
// in a page of articles, makes a command fail with what to do, naming
// the file, not with SQLite's words alone.
func TestDamagedStore(t *testing.T) {
	sequentialCommands(t)
	cases := []struct {
		where string
		args  []string // after the data directory
	}{
		{"header", []string{"search", "funding"}},
		{"header", []string{"reindex"}},
		{"header", []string{"sources"}},
		{"page", []string{"reindex"}},
		{"page", []string{"demo", "--once"}},
	}
	for _, tc := range cases {
		t.Run(tc.where+" "+strings.Join(tc.args, " "), func(t *testing.T) {
			dir := demoData(t)
			db := filepath.Join(dir, "aitracker.db")
			damage(t, db, tc.where)
			args := append([]string{tc.args[0], "--data-dir", dir}, tc.args[1:]...)
			code, _, errOut := run(t, args...)
			want := fmt.Sprintf("aitracker %s: the store file %s is damaged", tc.args[0], db)
			if code != 1 || !strings.Contains(errOut, want) || !strings.Contains(errOut, "Restore it from a backup, or move it aside") {
				t.Errorf("exit %d, want 1 and %q with what to do; stderr:\n%s", code, want, errOut)
			}
		})
	}
}
