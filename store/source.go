package store

import "time"

// FetchOutcome is the result of one attempt at a source.
type FetchOutcome struct {
	At           time.Time
	Err          error  // nil on success
	ErrKind      string // on failure: "transient" or "permanent"
	ErrPlain     string // on failure: what it means in plain words, when more can be said than Err does
	NotModified  bool   // the server answered 304
	ETag         string // validators to send next time (success only)
	LastModified string
	NextCheckAt  time.Time
}

// Interrupted is a source whose last attempt started and never ended:
// the process died while reading it.
type Interrupted struct {
	ID   int64
	Name string
	// Crashes is how many attempts in a row ended that way, this one
	// included.
	Crashes int
	// Disabled is true when Crashes reached the limit: the source is
	// disabled with reason CrashedReason.
	Disabled bool
}

// CrashedReason is why a source that keeps crashing the process is
// disabled.
const CrashedReason = "crashed during processing"
