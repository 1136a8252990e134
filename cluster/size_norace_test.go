//go:build !race

package cluster

// The size of TestClusterProcesses: 200 feeds on 40 hosts.
const processFeeds, processHosts = 200, 40
