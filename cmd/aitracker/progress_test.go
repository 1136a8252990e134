package main

import (
	"bytes"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"testing"
)

// TestLogProgress: the daemon logs a pass's start and each tenth of its
// sources, with the failures so far, from workers running at once.
func TestLogProgress(t *testing.T) {
	for _, tc := range []struct {
		total, lines int
	}{
		{0, 0}, {1, 0}, {5, 4}, {56, 9}, {100, 9},
	} {
		t.Run(fmt.Sprint(tc.total), func(t *testing.T) {
			var buf bytes.Buffer
			var mu sync.Mutex
			log := slog.New(slog.NewTextHandler(&lockedWriter{w: &buf, mu: &mu}, nil))
			p := &logProgress{log: log}
			p.Start(tc.total)
			var wg sync.WaitGroup
			for i := range tc.total {
				wg.Go(func() {
					var err error
					if i%4 == 0 {
						err = errors.New("refused")
					}
					p.SourceDone(fmt.Sprint("s", i), err)
				})
			}
			wg.Wait()
			p.Finish()
			out := buf.String()
			if !strings.Contains(out, fmt.Sprintf("pass started\" sources=%d", tc.total)) {
				t.Errorf("no start line:\n%s", out)
			}
			if got := strings.Count(out, "pass progress"); got != tc.lines {
				t.Errorf("%d progress lines, want %d:\n%s", got, tc.lines, out)
			}
			if p.done != tc.total || p.failed != (tc.total+3)/4 {
				t.Errorf("counted %d done, %d failed", p.done, p.failed)
			}
		})
	}
}

type lockedWriter struct {
	w  *bytes.Buffer
	mu *sync.Mutex
}

func (l *lockedWriter) Write(b []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(b)
}
