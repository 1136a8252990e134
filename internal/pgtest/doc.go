// Package pgtest runs a real PostgreSQL server for tests, from the
// binaries of Debian's postgresql package: initdb into a temporary
// directory, the server on 127.0.0.1 at a free port (its Unix socket in
// that directory too), one server per test binary, a new database per
// test. When the process runs as root, the server runs as the user
// postgres, which the package creates, since PostgreSQL refuses to run
// as root.
//
// It is for tests only: the program never imports it. A test that asks
// for a database when the binaries are not installed is skipped, with
// how to install them; with AITRACKER_REQUIRE_POSTGRES=1 (as CI sets it)
// it fails instead, so that a missing server never passes for a green
// run.
package pgtest
