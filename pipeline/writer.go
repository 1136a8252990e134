package pipeline

import (
	"context"
	"sync"

	"github.com/aitracker/aitracker/store"
)

// maxBatch bounds the articles of one write transaction.
const maxBatch = 500

// batcher commits the articles the workers have ready together: SQLite
// has one writer, and a transaction per article spends most of a pass in
// commits. A worker that finds no write under way becomes the writer: it
// writes every article waiting, at most maxBatch at a time, until none
// waits, while the other workers go on fetching and classifying and add
// theirs. No write waits to fill a batch: the latency of a save is at
// most the write under way and its own.
type batcher struct {
	mu      sync.Mutex
	waiting []*saveRequest
	writing bool
}

type saveRequest struct {
	saves []store.Save
	err   error
	done  chan struct{}
}

// save stores saves (at most limit) with whatever else waits, at most
// limit articles a write, and
// reports each article's outcome in its Save; the error is the batch's
// own, when none of them was stored.
func (b *batcher) save(ctx context.Context, st store.Store, saves []store.Save, limit int) error {
	req := &saveRequest{saves: saves, done: make(chan struct{})}
	b.mu.Lock()
	b.waiting = append(b.waiting, req)
	if b.writing {
		b.mu.Unlock()
		<-req.done
		return req.err
	}
	b.writing = true
	// A batch holds others' articles too: the pass being stopped ends
	// the reads, not a write under way.
	wctx := context.WithoutCancel(ctx)
	for len(b.waiting) > 0 {
		n, k := 0, 0
		for k < len(b.waiting) && (k == 0 || n+len(b.waiting[k].saves) <= limit) {
			n += len(b.waiting[k].saves)
			k++
		}
		batch := b.waiting[:k:k]
		b.waiting = b.waiting[k:]
		b.mu.Unlock()
		write(wctx, st, batch, n)
		b.mu.Lock()
	}
	b.writing = false
	b.mu.Unlock()
	<-req.done
	return req.err
}

// write stores the requests' articles in one transaction and hands each
// request its outcomes.
func write(ctx context.Context, st store.Store, batch []*saveRequest, n int) {
	all := make([]store.Save, 0, n)
	for _, r := range batch {
		all = append(all, r.saves...)
	}
	err := st.SaveArticles(ctx, all)
	for _, r := range batch {
		copy(r.saves, all[:len(r.saves)])
		all = all[len(r.saves):]
		r.err = err
		close(r.done)
	}
}

// handoffBytes bounds the text a pass hands on to the indexer by value.
const handoffBytes = 64 << 20

// handoff keeps, by value, the text of the articles a pass wrote, for the
// indexer after the pass (index.Texts): it reads only the rest of those
// rows back, their event and sequence numbers, not their text. Past
// handoffBytes the rest are read back whole, as after a crash.
type handoff struct {
	mu    sync.Mutex
	texts map[int64]handed
	bytes int
}

// handed is the text of one article as it was written.
type handed struct{ hash, title, summary, body string }

// keep takes the text of the articles saves wrote.
func (h *handoff) keep(saves []store.Save) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for _, s := range saves {
		a := s.Article
		if s.Err != nil || s.Result == store.Unchanged || a.ID == 0 {
			continue
		}
		n := len(a.Title) + len(a.Summary) + len(a.Body)
		if h.bytes+n > handoffBytes {
			return
		}
		if h.texts == nil {
			h.texts = map[int64]handed{}
		}
		h.bytes += n
		h.texts[a.ID] = handed{a.ContentHash, a.Title, a.Summary, a.Body}
	}
}

// text is an index.Texts.
func (h *handoff) text(id int64, hash string) (title, summary, body string, ok bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	t, ok := h.texts[id]
	if !ok || t.hash != hash {
		return "", "", "", false
	}
	return t.title, t.summary, t.body, true
}

// reset forgets what was handed on.
func (h *handoff) reset() {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.texts, h.bytes = nil, 0
}
