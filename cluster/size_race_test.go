//go:build race

package cluster

// The size of TestClusterProcesses under the race detector, which slows
// the workers' classification and the search nodes' indexing several
// times over: 60 feeds on 12 hosts, so that go test -race ./cluster/...
// stays short on a 2-core machine.
const processFeeds, processHosts = 60, 12
