package index

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strconv"
	"time"

	"github.com/blevesearch/bleve/v2"

	"github.com/aitracker/aitracker/internal/clock"
	"github.com/aitracker/aitracker/news"
)

// MappingVersion changes whenever the mapping or the document shape
// changes; an index built with another version is rebuilt.
const MappingVersion = "4"

// Internal keys stored inside the index.
var (
	keySeq     = []byte("aitracker_seq")
	keyMapping = []byte("aitracker_mapping_version")
	keyStore   = []byte("aitracker_store_id")
)

// Errors from Open, tested with errors.Is.
var (
	// ErrLocked means another process has the index open.
	ErrLocked = errors.New("index: locked by another process")
	// ErrUnusable means the files exist but are damaged: they do not
	// open as an index (torn by a crash, or not an index at all), or a
	// segment's checksum does not match its content.
	ErrUnusable = errors.New("index: damaged")
	// ErrMappingChanged means the index was built with another mapping.
	ErrMappingChanged = errors.New("index: built with another mapping version")
)

// Errors from BindStore: the index is not, or may not be, the one of the
// store it is opened with, and must be rebuilt from that store.
var (
	// ErrOtherStore means the index records another store's ID: the
	// store file was deleted, emptied or replaced under the index.
	ErrOtherStore = errors.New("index: belongs to another store")
	// ErrAheadOfStore means the index has seen writes the store does not
	// hold: the store was restored from an older copy.
	ErrAheadOfStore = errors.New("index: ahead of the store")
	// ErrNoStoreID means the index holds articles but records no store
	// ID: it was written by a version that did not record one.
	ErrNoStoreID = errors.New("index: records no store id")
)

// Index is the search index. It is safe for concurrent use.
type Index struct {
	b    bleve.Index
	path string
	cols columns
	// atOpen holds the segment files there were at open, with their
	// stamps (see verify.go).
	atOpen map[string]fileStamp
	clock  clock.Clock
}

// Options configure Open.
type Options struct {
	// LockTimeout bounds the wait for another process's lock (2s).
	LockTimeout time.Duration
	// NoFilterTable leaves out the in-memory filter table (see
	// columns.go): for an index that is only written, such as a bulk
	// build, or searched once.
	NoFilterTable bool
	// StoreID is recorded in an index Open creates: the ID of the store
	// it is built from (see BindStore).
	StoreID string
	// Clock is what relative dates in queries ("past week") are read
	// against and searches are timed by; nil means the real clock.
	Clock clock.Clock
}

// Open opens the index at path, creating it when absent. A locked index
// gives ErrLocked within the lock timeout, files that do not open give
// ErrUnusable, and an index of another mapping version gives
// ErrMappingChanged (still open, so that searches can go on while a new
// one is built).
func Open(path string, o Options) (*Index, error) {
	if o.LockTimeout <= 0 {
		o.LockTimeout = 2 * time.Second
	}
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		b, err := bleve.NewUsing(path, newMapping(), "scorch", "scorch", kvConfig(o))
		if err != nil {
			return nil, fmt.Errorf("index: create %s: %w", path, err)
		}
		batch := b.NewBatch()
		batch.SetInternal(keyMapping, []byte(MappingVersion))
		if o.StoreID != "" {
			batch.SetInternal(keyStore, []byte(o.StoreID))
		}
		if err := b.Batch(batch); err != nil {
			b.Close()
			return nil, fmt.Errorf("index: create %s: %w", path, err)
		}
		ix := &Index{b: b, path: path, atOpen: map[string]fileStamp{}, clock: clock.Or(o.Clock)}
		if !o.NoFilterTable {
			ix.cols.ready()
		}
		return ix, nil
	}
	files, err := checkSegments(path, o.LockTimeout)
	if err != nil {
		return nil, err
	}
	b, err := openWithTimeout(path, o.LockTimeout)
	if err != nil {
		return nil, err
	}
	ix := &Index{b: b, path: path, atOpen: files, clock: clock.Or(o.Clock)}
	// What was checked is not checked again, even if this process dies.
	if err := ix.recordChecked(false); err != nil {
		b.Close()
		return nil, fmt.Errorf("index: %s: record checked segments: %w", path, err)
	}
	v, err := b.GetInternal(keyMapping)
	if err != nil {
		b.Close()
		return nil, fmt.Errorf("%w: %s: %v", ErrUnusable, path, err)
	}
	if string(v) != MappingVersion {
		return ix, fmt.Errorf("%w: %s has %q, this program writes %q", ErrMappingChanged, path, v, MappingVersion)
	}
	if !o.NoFilterTable {
		ix.cols.load(b)
	}
	return ix, nil
}

// OpenMemory makes an index held in memory only, with the same mapping:
// for searching a small set of articles, such as the reports of the
// events of one digest run.
func OpenMemory() (*Index, error) {
	b, err := bleve.NewMemOnly(newMapping())
	if err != nil {
		return nil, fmt.Errorf("index: in memory: %w", err)
	}
	ix := &Index{b: b, clock: clock.Real}
	ix.cols.ready()
	return ix, nil
}

// openWithTimeout opens an existing index, telling a lock held by another
// process from files that are broken. A panic inside Bleve on torn files
// is turned into ErrUnusable.
func openWithTimeout(path string, timeout time.Duration) (b bleve.Index, err error) {
	defer func() {
		if p := recover(); p != nil {
			b, err = nil, fmt.Errorf("%w: %s: %v", ErrUnusable, path, p)
		}
	}()
	b, err = bleve.OpenUsing(path, kvConfig(Options{LockTimeout: timeout}))
	if err != nil {
		return nil, openError(path, timeout, err)
	}
	return b, nil
}

// kvConfig is the index's storage configuration. Batches stay durable
// ("unsafe_batch" off): with it Bleve's Close does not wait for the last
// batches to reach disk, and the speed it buys is small next to analysis.
func kvConfig(o Options) map[string]interface{} {
	return map[string]interface{}{
		"bolt_timeout": o.LockTimeout.String(),
	}
}

// Close closes the index.
func (ix *Index) Close() error {
	ix.cols.stop()
	if err := ix.b.Close(); err != nil {
		return err
	}
	return ix.recordChecked(true)
}

// WaitFilterTable waits until the filter table has been read from the
// index, which Open starts in the background; until then filter-only
// searches are answered by Bleve alone, more slowly.
func (ix *Index) WaitFilterTable(ctx context.Context) error { return ix.cols.wait(ctx) }

// Path is the index directory.
func (ix *Index) Path() string { return ix.path }

// Seq is the watermark: the highest store sequence number indexed.
func (ix *Index) Seq() (int64, error) {
	v, err := ix.b.GetInternal(keySeq)
	if err != nil {
		return 0, fmt.Errorf("index: read watermark: %w", err)
	}
	if len(v) == 0 {
		return 0, nil
	}
	n, err := strconv.ParseInt(string(v), 10, 64)
	if err != nil {
		return 0, fmt.Errorf("index: bad watermark %q", v)
	}
	return n, nil
}

// StoreID is the ID of the store the index was built from, empty when
// it records none.
func (ix *Index) StoreID() (string, error) {
	v, err := ix.b.GetInternal(keyStore)
	if err != nil {
		return "", fmt.Errorf("index: read store id: %w", err)
	}
	return string(v), nil
}

// BindStore checks that the index is the one of the store with ID
// storeID whose latest write has sequence number storeSeq, and records
// the ID in an index that holds nothing and records none. An index of
// another store gives ErrOtherStore, one whose watermark is above
// storeSeq ErrAheadOfStore, and one that holds articles but records no
// store ErrNoStoreID; each must be rebuilt from the store, or its hits
// would carry the IDs of other articles.
func (ix *Index) BindStore(storeID string, storeSeq int64) error {
	got, err := ix.StoreID()
	if err != nil {
		return err
	}
	seq, err := ix.Seq()
	if err != nil {
		return err
	}
	switch {
	case got != "" && got != storeID:
		return fmt.Errorf("%w: %s was built from store %s, the store is %s", ErrOtherStore, ix.path, got, storeID)
	case seq > storeSeq:
		return fmt.Errorf("%w: %s has indexed up to store sequence %d, the store is at %d (restored from an older copy?)",
			ErrAheadOfStore, ix.path, seq, storeSeq)
	case got != "":
		return nil
	}
	n, err := ix.Count()
	if err != nil {
		return fmt.Errorf("index: count: %w", err)
	}
	if n > 0 || seq > 0 {
		return fmt.Errorf("%w: %s holds %d articles up to store sequence %d", ErrNoStoreID, ix.path, n, seq)
	}
	if err := ix.b.SetInternal(keyStore, []byte(storeID)); err != nil {
		return fmt.Errorf("index: record store id: %w", err)
	}
	return nil
}

// Count is the number of documents in the index.
func (ix *Index) Count() (uint64, error) { return ix.b.DocCount() }

// Apply indexes the articles in one batch and advances the watermark to
// the highest sequence number among them, atomically with the documents,
// so that a crash never leaves the watermark ahead of the content.
func (ix *Index) Apply(ctx context.Context, arts []news.Article) error {
	if len(arts) == 0 {
		return nil
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	batch, vals, maxSeq, err := ix.batch(arts)
	if err != nil {
		return err
	}
	cur, err := ix.Seq()
	if err != nil {
		return err
	}
	if maxSeq > cur {
		batch.SetInternal(keySeq, []byte(strconv.FormatInt(maxSeq, 10)))
	}
	if err := ix.b.Batch(batch); err != nil {
		return fmt.Errorf("index: write batch of %d: %w", len(arts), err)
	}
	ix.cols.put(vals)
	return nil
}

// ApplyUnordered indexes articles without moving the watermark. Several
// goroutines may call it at once, which a bulk build of a new index does
// to use every core; the caller sets the watermark with SetSeq once all
// of them are done, and must throw the index away if they are not.
func (ix *Index) ApplyUnordered(ctx context.Context, arts []news.Article) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	batch, vals, _, err := ix.batch(arts)
	if err != nil {
		return err
	}
	if err := ix.b.Batch(batch); err != nil {
		return fmt.Errorf("index: write batch of %d: %w", len(arts), err)
	}
	ix.cols.put(vals)
	return nil
}

// batch makes the documents of arts into a batch and returns their
// values for the filter table and the highest sequence number among them.
func (ix *Index) batch(arts []news.Article) (*bleve.Batch, []colValues, int64, error) {
	b := ix.b.NewBatch()
	vals := make([]colValues, len(arts))
	var maxSeq int64
	for i := range arts {
		a := &arts[i]
		d := document(a)
		if err := b.Index(docID(a.ID), d); err != nil {
			return nil, nil, 0, fmt.Errorf("index: article %d: %w", a.ID, err)
		}
		vals[i] = colValuesOf(a.ID, d)
		maxSeq = max(maxSeq, a.Seq)
	}
	return b, vals, maxSeq, nil
}

// SetSeq sets the watermark.
func (ix *Index) SetSeq(seq int64) error {
	return ix.b.SetInternal(keySeq, []byte(strconv.FormatInt(seq, 10)))
}

// Delete removes articles from the index.
func (ix *Index) Delete(ids ...int64) error {
	batch := ix.b.NewBatch()
	for _, id := range ids {
		batch.Delete(docID(id))
	}
	if err := ix.b.Batch(batch); err != nil {
		return err
	}
	ix.cols.del(ids)
	return nil
}

func docID(id int64) string { return strconv.FormatInt(id, 10) }

// IsStoreMismatch reports whether err is one of BindStore's: the index
// must be rebuilt from the store it was opened with.
func IsStoreMismatch(err error) bool {
	return errors.Is(err, ErrOtherStore) || errors.Is(err, ErrAheadOfStore) || errors.Is(err, ErrNoStoreID)
}

// IsUnusable reports whether err means the index files must be rebuilt.
func IsUnusable(err error) bool {
	return errors.Is(err, ErrUnusable)
}
