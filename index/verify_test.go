package index

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
)

// buildSegments makes an index at a new path from batches of articles,
// closed cleanly, and returns its path and its segment files, largest
// first.
func buildSegments(t *testing.T) (string, []string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "index")
	ix, err := Open(path, Options{NoFilterTable: true})
	if err != nil {
		t.Fatal(err)
	}
	arts := benchArticles(3000)
	for i := 0; i < len(arts); i += 100 {
		if err := ix.Apply(context.Background(), arts[i:i+100]); err != nil {
			t.Fatal(err)
		}
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	// Opening again lets Bleve drop the snapshots and files it no longer
	// needs; the files left that a snapshot names are the ones to damage.
	countAll(t, path)
	live, err := liveSegments(path, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	var files []string
	all, _ := filepath.Glob(filepath.Join(path, "store", "*.zap"))
	for _, f := range all {
		if live[filepath.Base(f)] {
			files = append(files, f)
		}
	}
	if len(files) == 0 {
		t.Fatal("no segment files")
	}
	size := func(f string) int64 { fi, _ := os.Stat(f); return fi.Size() }
	sort.Slice(files, func(i, j int) bool { return size(files[i]) > size(files[j]) })
	return path, files
}

func countAll(t *testing.T, path string) uint64 {
	t.Helper()
	ix, err := Open(path, Options{NoFilterTable: true})
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	defer ix.Close()
	n, err := ix.Count()
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// orphan is the name of a segment file no snapshot uses.
const orphan = "ffffffffffff.zap"

// TestSegmentsChecked: a segment file whose checksum does not match its
// content (bytes changed inside, cut short, emptied), or that is gone,
// makes Open fail with ErrUnusable naming the file, instead of being
// served; a damaged file the index does not use (left by a crash) does
// not, and is never recorded as good; segments Bleve wrote and merged
// pass the check.
func TestSegmentsChecked(t *testing.T) {
	cases := []struct {
		name   string
		damage func(t *testing.T, path, seg string) string // returns the file that must be named
		want   bool                                        // Open fails
	}{
		{"no damage, record lost (as after a kill)", func(t *testing.T, path, seg string) string {
			if err := os.Remove(filepath.Join(path, checkedFile)); err != nil {
				t.Fatal(err)
			}
			return ""
		}, false},
		{"bytes flipped in the middle", func(t *testing.T, path, seg string) string {
			data, _ := os.ReadFile(seg)
			for i := len(data) / 2; i < len(data)/2+16; i++ {
				data[i] ^= 0xff
			}
			os.WriteFile(seg, data, 0o600)
			return seg
		}, true},
		{"one bit flipped", func(t *testing.T, path, seg string) string {
			data, _ := os.ReadFile(seg)
			data[len(data)/3] ^= 0x10
			os.WriteFile(seg, data, 0o600)
			return seg
		}, true},
		{"truncated", func(t *testing.T, path, seg string) string {
			fi, _ := os.Stat(seg)
			os.Truncate(seg, fi.Size()/2)
			return seg
		}, true},
		{"emptied", func(t *testing.T, path, seg string) string {
			os.Truncate(seg, 0)
			return seg
		}, true},
		{"removed", func(t *testing.T, path, seg string) string {
			os.Remove(seg)
			return seg
		}, true},
		{"half-written file the index does not use", func(t *testing.T, path, seg string) string {
			data, _ := os.ReadFile(seg)
			os.WriteFile(filepath.Join(path, "store", orphan), data[:len(data)/2], 0o600)
			return ""
		}, false},
	}
	built, segs := buildSegments(t)
	want := countAll(t, built)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			// A copy: its files' times differ from the record's, so
			// every segment is checked.
			path := filepath.Join(t.TempDir(), "index")
			if err := os.CopyFS(path, os.DirFS(built)); err != nil {
				t.Fatal(err)
			}
			named := tc.damage(t, path, filepath.Join(path, "store", filepath.Base(segs[0])))
			ix, err := Open(path, Options{NoFilterTable: true, LockTimeout: time.Second})
			if !tc.want {
				if err != nil {
					t.Fatalf("open: %v", err)
				}
				if n, _ := ix.Count(); n != want {
					t.Errorf("%d documents, want %d", n, want)
				}
				ix.Close()
				if _, ok := readChecked(path)[orphan]; ok {
					t.Error("a file the index does not use is recorded as good")
				}
				return
			}
			if err == nil {
				ix.Close()
				t.Fatal("a damaged segment opened")
			}
			if !IsUnusable(err) || !strings.Contains(err.Error(), "segment "+filepath.Base(named)) {
				t.Errorf("open: %v; want ErrUnusable naming %s", err, filepath.Base(named))
			}
		})
	}
}

// TestSegmentsCheckedOnce: a file known good is not read again at the
// next open, unless its size or time changed: a clean close records the
// files it wrote, and an open the files it checked. (The check is of
// checkSegments alone: Bleve is never opened on a damaged file.)
func TestSegmentsCheckedOnce(t *testing.T) {
	path, segs := buildSegments(t)
	known := readChecked(path)
	live, err := liveSegments(path, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	for name := range live {
		if _, ok := known[name]; !ok {
			t.Errorf("the clean close did not record segment %s", name)
		}
	}
	if !live[filepath.Base(segs[0])] {
		t.Fatalf("the largest segment %s is not used: %v", segs[0], live)
	}
	// Damage a file but keep its size and time: the record says it is
	// known good, so it is not read (the check is per version of a file).
	fi, _ := os.Stat(segs[0])
	data, _ := os.ReadFile(segs[0])
	data[len(data)/2] ^= 0xff
	os.WriteFile(segs[0], data, 0o600)
	os.Chtimes(segs[0], fi.ModTime(), fi.ModTime())
	if _, err := checkSegments(path, time.Second); err != nil {
		t.Fatalf("a file known good was checked again: %v", err)
	}
	// Its time moves: checked again, found out.
	later := fi.ModTime().Add(time.Second)
	os.Chtimes(segs[0], later, later)
	if _, err := checkSegments(path, time.Second); !IsUnusable(err) {
		t.Errorf("a changed file was not checked again: %v", err)
	}
}

// TestLockedIndexReadsNoSegment: an index that another process holds is
// reported locked before any of its segments is read, however many it
// has that are not known good.
func TestLockedIndexReadsNoSegment(t *testing.T) {
	path, segs := buildSegments(t)
	ix, err := Open(path, Options{NoFilterTable: true})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	// Were the segments read, this one would fail the check. It is put
	// in place by a rename: the open index keeps the file it has mapped.
	os.Remove(filepath.Join(path, checkedFile))
	data, _ := os.ReadFile(segs[0])
	tmp := segs[0] + ".tmp"
	os.WriteFile(tmp, data[:len(data)/2], 0o600)
	if err := os.Rename(tmp, segs[0]); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(path, Options{NoFilterTable: true, LockTimeout: 200 * time.Millisecond}); !errors.Is(err, ErrLocked) {
		t.Errorf("second open: %v, want ErrLocked", err)
	}
}
