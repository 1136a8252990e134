// Package natstest runs a real NATS server with JetStream
// (nats-io/nats-server, in-process) on 127.0.0.1 for tests, its store in
// the test's temporary directory. The server stops when the test ends.
//
// It is for tests only: the program never imports it. It listens on
// loopback only, on a free port, with no authentication and no cluster.
package natstest
