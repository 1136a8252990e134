package main

import (
	"math"
	"runtime/debug"
	"testing"
)

func gcSettings() (percent int, limit int64) {
	percent = debug.SetGCPercent(100)
	debug.SetGCPercent(percent)
	return percent, debug.SetMemoryLimit(-1)
}

func TestTuneGCForBulk(t *testing.T) {
	for _, c := range []struct {
		name, gogc, limit string
		tuned             bool
	}{
		{"defaults", "", "", true},
		{"operator's GOGC and GOMEMLIMIT", "150", "3GiB", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Setenv("GOGC", c.gogc)
			t.Setenv("GOMEMLIMIT", c.limit)
			p0, l0 := gcSettings()
			restore := tuneGCForBulk()
			p1, l1 := gcSettings()
			if c.tuned {
				if p1 != 400 || l1 <= 0 || l1 > 1536<<20 {
					t.Errorf("during the build: GOGC %d, limit %d; want 400 and at most 1.5 GiB", p1, l1)
				}
			} else if p1 != p0 || l1 != l0 {
				t.Errorf("the operator's settings changed: GOGC %d→%d, limit %d→%d", p0, p1, l0, l1)
			}
			restore()
			if p2, l2 := gcSettings(); p2 != p0 || l2 != l0 {
				t.Errorf("not restored: GOGC %d (was %d), limit %d (was %d)", p2, p0, l2, l0)
			}
		})
	}
	if l := bulkHeapLimit(); l <= 0 || l > 1536<<20 || l == math.MaxInt64 {
		t.Errorf("bulk heap limit %d", l)
	}
}
