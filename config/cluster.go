package config

import (
	"fmt"
	"net/url"
	"strings"
)

// Cluster is where the processes of a cluster meet: "aitracker
// scheduler" queues due sources and "aitracker worker" takes them on a
// NATS server with JetStream on.
type Cluster struct {
	// NATSURL is the NATS server: "nats://127.0.0.1:4222", or several
	// servers of one NATS cluster, comma-separated. Empty: no cluster
	// (the scheduler and worker commands then refuse to start).
	NATSURL string `yaml:"nats_url"`
}

// Enabled reports whether a NATS server is configured.
func (c Cluster) Enabled() bool { return strings.TrimSpace(c.NATSURL) != "" }

// Servers are the configured server URLs.
func (c Cluster) Servers() []string {
	var out []string
	for _, s := range strings.Split(c.NATSURL, ",") {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

func (c Cluster) problems() []Problem {
	var ps []Problem
	add := func(format string, args ...any) {
		ps = append(ps, Problem{Key: "cluster.nats_url", Msg: fmt.Sprintf(format, args...)})
	}
	for _, s := range c.Servers() {
		u, err := url.Parse(s)
		switch {
		case err != nil || u.Hostname() == "":
			add("want a URL such as nats://127.0.0.1:4222, got %q", s)
		case u.Scheme != "nats" && u.Scheme != "tls" && u.Scheme != "ws" && u.Scheme != "wss":
			add("want a nats://, tls://, ws:// or wss:// URL, got %q", u.Redacted())
		case u.Path != "" && u.Path != "/" || u.RawQuery != "":
			add("a NATS server URL has no path or query, got %q", u.Redacted())
		}
	}
	return ps
}
