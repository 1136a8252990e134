package index

import (
	"context"
	"errors"
	"sync"
)

// Live is the index in use, which a rebuild can replace while searches go
// on: searches and writes hold it shared, and a replacement waits for them
// to end, so that no search ever meets a closed index.
type Live struct {
	mu sync.RWMutex
	ix *Index
}

// NewLive serves ix until it is replaced.
func NewLive(ix *Index) *Live { return &Live{ix: ix} }

// ErrClosed is returned by a Live whose index is gone.
var ErrClosed = errors.New("index: closed")

// With runs fn with the index in use; a replacement waits for it.
func (l *Live) With(fn func(*Index) error) error {
	l.mu.RLock()
	defer l.mu.RUnlock()
	if l.ix == nil {
		return ErrClosed
	}
	return fn(l.ix)
}

// Search searches the index in use.
func (l *Live) Search(ctx context.Context, r Request) (*Result, error) {
	var res *Result
	err := l.With(func(ix *Index) error {
		var err error
		res, err = ix.Search(ctx, r)
		return err
	})
	return res, err
}

// Replace swaps the index for the one replace returns, once every search
// and write on the old one has ended; replace gets the old index to close.
// When it fails, the Live holds no index and says so.
func (l *Live) Replace(replace func(old *Index) (*Index, error)) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	ix, err := replace(l.ix)
	l.ix = ix
	return err
}

// Close closes the index in use.
func (l *Live) Close() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.ix == nil {
		return nil
	}
	err := l.ix.Close()
	l.ix = nil
	return err
}
