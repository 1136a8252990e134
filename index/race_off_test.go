//go:build !race

package index

// raceDetector reports a test binary built with -race.
const raceDetector = false
