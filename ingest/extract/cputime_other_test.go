//go:build !unix

package extract

import "time"

// cpuTime is not measured here.
func cpuTime() time.Duration { return 0 }
