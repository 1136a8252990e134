package index_test

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2"
)

// segments lists the index's segment files, largest first.
func segments(t *testing.T, index string) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(index, "store", "*.zap"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no segment files in %s: %v", index, err)
	}
	size := func(f string) int64 {
		fi, err := os.Stat(f)
		if err != nil {
			t.Fatal(err)
		}
		return fi.Size()
	}
	sort.Slice(files, func(i, j int) bool { return size(files[i]) > size(files[j]) })
	return files
}

// flipBytes overwrites n bytes of file at its middle with their inverse.
func flipBytes(t *testing.T, file string, n int) {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	mid := len(data) / 2
	for i := mid; i < mid+n && i < len(data); i++ {
		data[i] ^= 0xff
	}
	if err := os.WriteFile(file, data, 0o600); err != nil {
		t.Fatal(err)
	}
}

// TestDamagedIndexIsRebuilt: an index whose files are damaged — its
// metadata, its mapping, bytes inside a segment, a segment cut short or
// gone — is
// found out at open, never served; the open says the index is damaged and
// rebuilds it, and search then agrees with the store.
func TestDamagedIndexIsRebuilt(t *testing.T) {
	cases := []struct {
		name   string
		damage func(t *testing.T, index string)
	}{
		{"index_meta.json garbage", func(t *testing.T, index string) {
			if err := os.WriteFile(filepath.Join(index, "index_meta.json"), []byte("{\"storage\": \x00\xff"), 0o600); err != nil {
				t.Fatal(err)
			}
		}},
		{"index_meta.json missing", func(t *testing.T, index string) {
			if err := os.Remove(filepath.Join(index, "index_meta.json")); err != nil {
				t.Fatal(err)
			}
		}},
		{"mapping garbage", func(t *testing.T, index string) {
			b, err := bleve.Open(index)
			if err != nil {
				t.Fatal(err)
			}
			if err := b.SetInternal([]byte("_mapping"), []byte(`{"types": [`+strings.Repeat("garbage ", 500))); err != nil {
				t.Fatal(err)
			}
			b.Close()
		}},
		{"bytes flipped inside a segment", func(t *testing.T, index string) {
			flipBytes(t, segments(t, index)[0], 64)
		}},
		{"one byte flipped inside a segment", func(t *testing.T, index string) {
			flipBytes(t, segments(t, index)[0], 1)
		}},
		{"segment truncated", func(t *testing.T, index string) {
			seg := segments(t, index)[0]
			fi, _ := os.Stat(seg)
			if err := os.Truncate(seg, fi.Size()/2); err != nil {
				t.Fatal(err)
			}
		}},
		{"segment removed", func(t *testing.T, index string) {
			if err := os.Remove(segments(t, index)[0]); err != nil {
				t.Fatal(err)
			}
		}},
		{"segment emptied", func(t *testing.T, index string) {
			if err := os.Truncate(segments(t, index)[0], 0); err != nil {
				t.Fatal(err)
			}
		}},
	}
	// One store and index, copied for each case.
	built := t.TempDir()
	p := openPair(t, built)
	perBatch := 300
	if testing.Short() { // the race detector's run in CI: eight rebuilds of a smaller index
		perBatch = 60
	}
	p.ingest(t, "first", 3, perBatch)
	p.checkAgrees(t)
	p.close()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.CopyFS(dir, os.DirFS(built)); err != nil {
				t.Fatal(err)
			}
			tc.damage(t, filepath.Join(dir, "index"))

			p := openPair(t, dir)
			defer func() { p.close() }()
			logs := p.logs.String()
			if !strings.Contains(logs, "index is damaged; rebuilding it from the store") {
				t.Errorf("the open does not say the index is damaged and rebuilt:\n%s", logs)
			}
			if strings.Contains(logs, "garbage garbage") || strings.Contains(logs, "mapping contents") {
				t.Errorf("the log dumps the damaged mapping:\n%.500s", logs)
			}
			p.checkAgrees(t)
			p.ingest(t, "second", 4, 40)
			p.checkAgrees(t)
		})
	}
}
