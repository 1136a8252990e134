// Package mailtest runs a real SMTP server (emersion/go-smtp) on
// 127.0.0.1 for tests: it keeps what it receives, and can be told, per
// recipient, to refuse it (550), to refuse it for a number of tries
// (451), or to take the message and never answer; or to count messages
// without keeping them. The server stops when the test ends.
//
// It is for tests only: the program never imports it. It listens on
// loopback only, relays nothing, and offers neither authentication nor
// TLS. It composes and sends nothing itself: digest's Sender does, and
// the tests point it here.
package mailtest
