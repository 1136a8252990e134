package main

import (
	"bufio"
	"os"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
)

// The garbage collector's settings are the process's, so the command sets
// them, never a library. A bulk build of the index (a rebuild) allocates
// fast and keeps little: analysis and segment building make short-lived
// garbage by the gigabyte, and Go's default collector (GOGC=100) spends
// about a fifth of the build's CPU on it. During a build the collector
// runs at GOGC=400 under a soft memory limit, which measured 2,186
// articles/s instead of 1,923 over 200,000 articles (BENCHMARKS.md) while
// keeping the heap within the limit. The index is handed tuneGCForBulk
// (index.Config.TuneBulk) and calls it around each bulk build.

// bulkHeapLimit bounds the Go heap during a bulk build: 1.5 GiB, or a
// third of the machine's memory when that is less.
func bulkHeapLimit() int64 {
	limit := int64(1536) << 20
	if total := memTotal(); total > 0 && total/3 < limit {
		limit = total / 3
	}
	return limit
}

// memTotal is the machine's memory in bytes, 0 when unknown.
func memTotal() int64 {
	f, err := os.Open("/proc/meminfo")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "MemTotal:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			if err != nil {
				return 0
			}
			return kb << 10
		}
	}
	return 0
}

// bulkMu keeps builds that tune the collector one at a time, so that each
// puts back what it found.
var bulkMu sync.Mutex

// tuneGCForBulk sets the collector for a bulk build and returns the
// function that puts the previous settings back. GOGC and GOMEMLIMIT, when
// set in the environment, are left as they are: the operator chose.
func tuneGCForBulk() (restore func()) {
	bulkMu.Lock()
	prevPercent := -2
	if os.Getenv("GOGC") == "" {
		prevPercent = debug.SetGCPercent(400)
	}
	prevLimit := int64(-2)
	if os.Getenv("GOMEMLIMIT") == "" {
		prevLimit = debug.SetMemoryLimit(bulkHeapLimit())
	}
	return func() {
		if prevPercent != -2 {
			debug.SetGCPercent(prevPercent)
		}
		if prevLimit != -2 {
			debug.SetMemoryLimit(prevLimit)
		}
		bulkMu.Unlock()
	}
}
