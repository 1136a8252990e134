//go:build race

package digest_test

// crashSeeds is how many seeds TestCrashWhileSending runs by default under
// the race detector, which slows the sender and the test's SMTP server
// several times over: 24–27 s a seed of 1,000 subscribers on a 2-core
// machine shared with other builds, so all 10 would take over 4 minutes.
// The plain run does the full 10; AITRACKER_DIGEST_CRASH_SEEDS=10 asks
// for them here too.
const crashSeeds = 2
