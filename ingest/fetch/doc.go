// Package fetch is aitracker's one guarded HTTP client for everything it
// downloads from outside: feeds, article pages and robots.txt. It bounds
// every request (connect and total timeouts, a redirect cap, a body cap
// counted after decompression), refuses private and loopback addresses at
// dial time unless allowed, sends conditional GETs, and is polite: one
// request at a time per host, spaced by the host interval or a longer
// robots.txt Crawl-delay (across processes too, given a HostGate that
// they share), and it answers whether robots.txt lets a page
// be read (AllowedByRobots, which ingest asks before an article page). It
// returns typed errors with a Kind, so that callers can tell a transient
// failure from a permanent one, and says them in plain words (Explain).
//
// It does not parse what it downloads (feed and extract do). It says a
// failure's kind, but what that means for a source (when to try it again,
// what is recorded) is the pipeline's and the store's. It never goes
// through a proxy from the environment, keeps no state beyond the host
// slots and the robots.txt cache, and does not log.
package fetch
