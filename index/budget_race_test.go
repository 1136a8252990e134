//go:build race

package index

import "time"

// concurrentP99Budget bounds the p99 search latency in
// TestConcurrentSearchWhileIndexing under the race detector, which slows
// everything several times over. Measured on a 2-core machine shared with
// other builds: p50 16–30 ms, p99 360–640 ms, max 1 s. The budget is many
// times that.
const concurrentP99Budget = 10 * time.Second
