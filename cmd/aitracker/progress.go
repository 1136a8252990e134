package main

import (
	"fmt"
	"io"
	"strings"
	"sync"
	"time"
)

// bar draws a one-line progress bar on a terminal. Log lines written
// through it (it is an io.Writer) clear the bar, print, and redraw it, so
// that warnings stay readable while the bar runs.
type bar struct {
	mu      sync.Mutex
	w       io.Writer
	label   string
	total   int
	done    int
	failed  int
	current string
	started time.Time
	active  bool
}

func newBar(w io.Writer, label string) *bar { return &bar{w: w, label: label} }

// Start implements pipeline.Progress and pipeline.Counter.
func (b *bar) Start(total int) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.total, b.done, b.failed, b.started, b.active = total, 0, 0, time.Now(), true
	b.draw()
}

// SourceDone implements pipeline.Progress.
func (b *bar) SourceDone(name string, err error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.done++
	if err != nil {
		b.failed++
	}
	b.current = name
	b.draw()
}

// Add implements pipeline.Counter.
func (b *bar) Add(n int) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.done += n
	b.draw()
}

// Finish implements pipeline.Progress and pipeline.Counter.
func (b *bar) Finish() {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.active {
		b.done = max(b.done, b.total)
		b.draw()
		fmt.Fprint(b.w, "\n")
	}
	b.active = false
}

// Write prints a log line above the bar.
func (b *bar) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.active {
		fmt.Fprint(b.w, "\r\033[K")
	}
	n, err := b.w.Write(p)
	if b.active {
		b.draw()
	}
	return n, err
}

func (b *bar) draw() {
	const width = 30
	filled := width
	if b.total > 0 {
		filled = min(width, b.done*width/b.total)
	}
	line := fmt.Sprintf("%s [%s%s] %d/%d", b.label, strings.Repeat("=", filled), strings.Repeat(" ", width-filled), b.done, b.total)
	if b.failed > 0 {
		line += fmt.Sprintf(" (%d failed)", b.failed)
	}
	line += fmt.Sprintf(" %s", time.Since(b.started).Round(time.Second))
	if b.current != "" {
		cur := []rune(b.current)
		if len(cur) > 28 {
			cur = append(cur[:27], '…')
		}
		line += " · " + string(cur)
	}
	fmt.Fprint(b.w, "\r\033[K"+line)
}
