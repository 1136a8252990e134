package index

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	bleveutil "github.com/blevesearch/bleve/v2/util"
	bolt "go.etcd.io/bbolt"
)

// Bleve's segment files (zap) end with a CRC-32 of everything before it,
// which Bleve writes but never checks: bytes damaged inside a segment are
// served as they are, or panic a search, and a segment cut short or gone
// makes Bleve fall back silently to an older snapshot, or to none. Open
// checks, before Bleve maps anything, that every segment the index uses
// is there and, unless known good, that its checksum matches. A file is
// known good when it passed the check, or when this program wrote it and
// closed the index cleanly; the record (checkedFile) keeps each file's
// size and modification time, so that a file changed since is checked
// again, and an open after a clean close reads no segment at all. A
// segment missing or failing makes the index unusable, to be rebuilt.

// checkedFile, in the index directory, records the segment files known
// good.
const checkedFile = "aitracker_checked.json"

// fileStamp is what identifies one version of a segment file.
type fileStamp struct {
	Size    int64 `json:"size"`
	ModTime int64 `json:"mtime_ns"`
}

func stampOf(fi os.FileInfo) fileStamp {
	return fileStamp{Size: fi.Size(), ModTime: fi.ModTime().UnixNano()}
}

// segmentFiles lists the segment files of the index at path with their
// stamps, by name.
func segmentFiles(path string) (map[string]fileStamp, error) {
	entries, err := os.ReadDir(filepath.Join(path, "store"))
	if err != nil {
		return nil, err
	}
	files := map[string]fileStamp{}
	for _, e := range entries {
		if e.IsDir() || filepath.Ext(e.Name()) != ".zap" {
			continue
		}
		fi, err := e.Info()
		if err != nil {
			return nil, err
		}
		files[e.Name()] = stampOf(fi)
	}
	return files, nil
}

// readChecked reads the record of segment files known good; a missing or
// unreadable record is an empty one (every file is checked).
func readChecked(path string) map[string]fileStamp {
	data, err := os.ReadFile(filepath.Join(path, checkedFile))
	if err != nil {
		return map[string]fileStamp{}
	}
	var c map[string]fileStamp
	if json.Unmarshal(data, &c) != nil || c == nil {
		return map[string]fileStamp{}
	}
	return c
}

// writeChecked replaces the record of segment files known good.
func writeChecked(path string, c map[string]fileStamp) error {
	data, err := json.Marshal(c)
	if err != nil {
		return err
	}
	tmp := filepath.Join(path, checkedFile+".tmp")
	if err := os.WriteFile(tmp, data, 0o600); err != nil {
		return err
	}
	return os.Rename(tmp, filepath.Join(path, checkedFile))
}

// segmentIntact reports whether the segment file's last four bytes are
// the CRC-32 (IEEE, big-endian) of the bytes before them.
func segmentIntact(file string) (bool, error) {
	f, err := os.Open(file)
	if err != nil {
		return false, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return false, err
	}
	if fi.Size() < 4 {
		return false, nil
	}
	h := crc32.NewIEEE()
	if _, err := io.CopyN(h, f, fi.Size()-4); err != nil {
		return false, err
	}
	var want [4]byte
	if _, err := io.ReadFull(f, want[:]); err != nil {
		return false, err
	}
	return h.Sum32() == binary.BigEndian.Uint32(want[:]), nil
}

// damagedStamp marks a segment file no snapshot uses (left half written
// by a crash, for Bleve to remove): never recorded as good.
var damagedStamp = fileStamp{Size: -1}

// checkSegments checks the segment files the index at path uses that are
// not known good, and returns every segment file found with its stamp
// (damagedStamp for one the index does not use). A segment used but
// missing or failing the check gives ErrUnusable. The root file is read
// first, under a shared lock: an index that another process holds gives
// ErrLocked within the timeout, before any segment is read.
func checkSegments(path string, timeout time.Duration) (map[string]fileStamp, error) {
	live, err := liveSegments(path, timeout)
	if err != nil {
		return nil, err
	}
	files, err := segmentFiles(path)
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrUnusable, path, err)
	}
	known := readChecked(path)
	for name := range live {
		st, ok := files[name]
		if !ok {
			return nil, fmt.Errorf("%w: %s: segment %s is missing", ErrUnusable, path, name)
		}
		if known[name] == st {
			continue
		}
		ok, err := segmentIntact(filepath.Join(path, "store", name))
		if err != nil {
			return nil, fmt.Errorf("%w: %s: %v", ErrUnusable, path, err)
		}
		if !ok {
			return nil, fmt.Errorf("%w: %s: segment %s is damaged (checksum mismatch)", ErrUnusable, path, name)
		}
	}
	for name := range files {
		if !live[name] {
			files[name] = damagedStamp
		}
	}
	return files, nil
}

// liveSegments reads, from the index's root file and without Bleve (which
// would open the segments), the names of the segment files that any of
// its snapshots uses. The layout is Bleve's scorch: a bucket of
// snapshots, each a bucket of segments whose path is under one key.
func liveSegments(path string, timeout time.Duration) (live map[string]bool, err error) {
	defer func() {
		if p := recover(); p != nil { // bbolt panics on some torn pages
			live, err = nil, fmt.Errorf("%w: %s: %v", ErrUnusable, path, p)
		}
	}()
	root := filepath.Join(path, "store", "root.bolt")
	if _, err := os.Stat(root); err != nil {
		// No snapshots (bbolt would create the file): Bleve decides.
		return map[string]bool{}, nil
	}
	db, err := bolt.Open(root, 0o600, &bolt.Options{ReadOnly: true, Timeout: timeout})
	if errors.Is(err, bolt.ErrTimeout) {
		return nil, fmt.Errorf("%w: %s (waited %s)", ErrLocked, path, timeout)
	}
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrUnusable, path, err)
	}
	defer db.Close()
	live = map[string]bool{}
	err = db.View(func(tx *bolt.Tx) error {
		snapshots := tx.Bucket(bleveutil.BoltSnapshotsBucket)
		if snapshots == nil {
			return nil
		}
		return snapshots.ForEachBucket(func(epoch []byte) error {
			snapshot := snapshots.Bucket(epoch)
			return snapshot.ForEachBucket(func(k []byte) error {
				if k[0] == bleveutil.BoltInternalKey[0] || k[0] == bleveutil.BoltMetaDataKey[0] {
					return nil
				}
				if p := snapshot.Bucket(k).Get(bleveutil.BoltPathKey); p != nil {
					live[filepath.Base(string(p))] = true
				}
				return nil
			})
		})
	})
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrUnusable, path, err)
	}
	return live, nil
}

// openError tells a lock held by another process from files that do not
// open, keeping only the first line of Bleve's error (which may go on
// with the whole damaged mapping).
func openError(path string, timeout time.Duration, err error) error {
	msg := err.Error()
	if strings.Contains(msg, "timeout") {
		return fmt.Errorf("%w: %s (waited %s)", ErrLocked, path, timeout)
	}
	msg, _, _ = strings.Cut(msg, "\n")
	if len(msg) > 200 {
		msg = msg[:200] + "…"
	}
	return fmt.Errorf("%w: %s: %s", ErrUnusable, path, msg)
}

// recordChecked records the segment files known good: those found good
// at open and unchanged since, and, when written is true (the index was
// closed cleanly), those written since.
func (ix *Index) recordChecked(written bool) error {
	if ix.path == "" {
		return nil
	}
	files, err := segmentFiles(ix.path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil
		}
		return err
	}
	c := map[string]fileStamp{}
	for name, st := range files {
		atOpen, seen := ix.atOpen[name]
		if (seen && atOpen == st) || (!seen && written) {
			c[name] = st
		}
	}
	return writeChecked(ix.path, c)
}
