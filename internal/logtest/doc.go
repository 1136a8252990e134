// Package logtest captures what a test logs and, when the test ends,
// fails it if the logs hold a secret: a subscriber's address, an SMTP
// password, the HMAC key, a token. Tests register the secrets they make
// or learn (Secret), hand the capture's logger (or writer) to the code
// under test, and the check runs by itself in t.Cleanup, so that no test
// forgets it.
//
// It is for tests only: the program never imports it. It sets no default
// logger: the code under test gets the capture's logger as it would get
// any other. It finds only the secrets a test registers and scrubs
// nothing: keeping secrets out of the logs is the job of the code that
// logs.
package logtest
