package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"time"
)

// cmdHealth asks a running daemon's /healthz whether it answers: the
// container's HEALTHCHECK, since the image has no shell and no curl.
func cmdHealth(ctx context.Context, e *env, args []string) error {
	d := newDataCmd(e, "health")
	target := d.String("url", "", "the `URL` to ask (default: /healthz on the configured listen address)")
	timeout := d.Duration("timeout", 5*time.Second, "how long to wait for the answer")
	if err := d.parse(args); err != nil {
		return err
	}
	u := *target
	if u == "" {
		u = "http://" + localAddr(d.cfg.Listen) + "/healthz"
	}
	ctx, cancel := context.WithTimeout(ctx, *timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return fmt.Errorf("health: %w", err)
	}
	client := &http.Client{Transport: &http.Transport{Proxy: nil}}
	defer client.CloseIdleConnections()
	resp, err := client.Do(req)
	if err != nil {
		return fmt.Errorf("health: %s does not answer: %w", u, err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 512))
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("health: %s answered %s: %s", u, resp.Status, strings.TrimSpace(string(body)))
	}
	fmt.Fprintf(e.stdout, "%s: %s\n", u, strings.TrimSpace(string(body)))
	return nil
}

// localAddr is where a process on this machine reaches a listen address:
// a wildcard host ("0.0.0.0:8080", ":8080") is reached on loopback.
func localAddr(listen string) string {
	host, port, err := net.SplitHostPort(listen)
	if err != nil {
		return listen
	}
	if ip := net.ParseIP(host); host == "" || ip != nil && ip.IsUnspecified() {
		host = "127.0.0.1"
	}
	return net.JoinHostPort(host, port)
}
