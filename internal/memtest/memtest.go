package memtest

import "runtime"

// Allocated reports the bytes the whole process allocated while f ran
// (runtime.MemStats.TotalAlloc): an upper bound on how much the heap can
// have grown, whatever the collector did meanwhile.
func Allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}
