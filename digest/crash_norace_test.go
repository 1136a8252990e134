//go:build !race

package digest_test

// crashSeeds is how many seeds TestCrashWhileSending runs by default: the
// checklist's 10, at 1,000 subscribers each. Measured on a 2-core machine
// shared with other builds (load average about 20): 43.5 s for all 10.
const crashSeeds = 10
