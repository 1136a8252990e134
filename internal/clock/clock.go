package clock

import "time"

// Clock tells the time and waits.
type Clock interface {
	Now() time.Time
	After(d time.Duration) <-chan time.Time
}

// Real is the machine's clock.
var Real Clock = real{}

type real struct{}

func (real) Now() time.Time                         { return time.Now() }
func (real) After(d time.Duration) <-chan time.Time { return time.After(d) }

// Or is c, or Real when c is nil: what a struct whose Clock field was
// left unset reads.
func Or(c Clock) Clock {
	if c == nil {
		return Real
	}
	return c
}

// Since is how long ago t was by c.
func Since(c Clock, t time.Time) time.Duration { return c.Now().Sub(t) }

// Func is a clock that reads the time from a function, such as a test's
// fixed instant, and waits on the machine's timers.
type Func func() time.Time

// Now calls f.
func (f Func) Now() time.Time { return f() }

// After waits on the machine's clock.
func (Func) After(d time.Duration) <-chan time.Time { return time.After(d) }
