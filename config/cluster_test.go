package config

import (
	"slices"
	"strings"
	"testing"
)

// TestCluster: the cluster key decodes, is off when absent, and a NATS
// URL that is not one is an error naming the file, line and key, with
// any password hidden.
func TestCluster(t *testing.T) {
	tests := []struct {
		name    string
		yaml    string
		servers []string
		wantErr string
	}{
		{"absent", "", nil, ""},
		{"one server", "cluster:\n  nats_url: \"nats://127.0.0.1:4222\"\n", []string{"nats://127.0.0.1:4222"}, ""},
		{"several servers", "cluster:\n  nats_url: \"nats://n1:4222, tls://n2:4222,wss://n3\"\n",
			[]string{"nats://n1:4222", "tls://n2:4222", "wss://n3"}, ""},
		{"with a token", "cluster:\n  nats_url: \"nats://s3cret@127.0.0.1:4222\"\n", []string{"nats://s3cret@127.0.0.1:4222"}, ""},
		{"no scheme", "cluster:\n  nats_url: \"127.0.0.1:4222\"\n", nil, `c.yaml:2:13: cluster.nats_url: want a`},
		{"http", "cluster:\n  nats_url: \"http://user:pw@127.0.0.1:4222\"\n", nil,
			`c.yaml:2:13: cluster.nats_url: want a nats://, tls://, ws:// or wss:// URL, got "http://user:xxxxx@127.0.0.1:4222"`},
		{"no host", "cluster:\n  nats_url: \"nats://:4222\"\n", nil, `cluster.nats_url: want a URL such as nats://127.0.0.1:4222, got "nats://:4222"`},
		{"a path", "cluster:\n  nats_url: \"nats://n1:4222/queue\"\n", nil, `cluster.nats_url: a NATS server URL has no path or query`},
		{"unknown key", "cluster:\n  nats: x\n", nil, `c.yaml:2:3: cluster.nats: unknown field "nats"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c, err := Parse("c.yaml", []byte(tc.yaml))
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("error %v, want %q", err, tc.wantErr)
				}
				if strings.Contains(err.Error(), ":pw@") {
					t.Errorf("the error shows the password: %v", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := c.Cluster.Servers(); !slices.Equal(got, tc.servers) || c.Cluster.Enabled() != (len(tc.servers) > 0) {
				t.Errorf("servers %q (enabled %v), want %q", got, c.Cluster.Enabled(), tc.servers)
			}
		})
	}
}
