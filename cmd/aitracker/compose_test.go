package main

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/goccy/go-yaml"

	"github.com/aitracker/aitracker/config"
)

// TestComposeFile checks deploy/compose.yaml without Docker (which cannot
// run here): it parses, it has nats with JetStream on, postgres, a
// scheduler, two workers and two search nodes behind one address; every
// aitracker service runs a command this binary has, with flags that
// command takes, and reads deploy/aitracker.yaml, which loads as a
// configuration and names the compose file's postgres and nats services.
func TestComposeFile(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "..", "deploy", "compose.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var f struct {
		Services map[string]struct {
			Image     string   `yaml:"image"`
			Build     any      `yaml:"build"`
			Command   []string `yaml:"command"`
			Volumes   []string `yaml:"volumes"`
			Ports     []string `yaml:"ports"`
			DependsOn any      `yaml:"depends_on"`
		} `yaml:"services"`
		Volumes map[string]any `yaml:"volumes"`
	}
	if err := yaml.Unmarshal(data, &f); err != nil {
		t.Fatalf("compose.yaml: %v", err)
	}
	byCommand := map[string][]string{}
	var published []string
	for name, s := range f.Services {
		if len(s.Ports) > 0 {
			published = append(published, name)
		}
		for _, v := range s.Volumes {
			if src, _, _ := strings.Cut(v, ":"); !strings.HasPrefix(src, ".") {
				if _, ok := f.Volumes[src]; !ok {
					t.Errorf("service %s mounts volume %q, which the file does not declare", name, src)
				}
			}
		}
		if s.Build == nil {
			continue
		}
		// An aitracker service: its command is one of ours, with its flags.
		if len(s.Command) == 0 {
			t.Errorf("service %s runs no command", name)
			continue
		}
		cmd := s.Command[0]
		if !slices.ContainsFunc(commands, func(c command) bool { return c.name == cmd }) {
			t.Errorf("service %s runs %q, no aitracker command", name, cmd)
			continue
		}
		byCommand[cmd] = append(byCommand[cmd], name)
		known := flagsOf(t, cmd)
		for _, arg := range s.Command[1:] {
			if flag, ok := strings.CutPrefix(arg, "--"); ok && !known[flag] {
				t.Errorf("service %s: %s takes no --%s", name, cmd, flag)
			}
		}
		if !slices.Contains(s.Command, "/etc/aitracker/aitracker.yaml") ||
			!slices.ContainsFunc(s.Volumes, func(v string) bool { return strings.HasPrefix(v, "./aitracker.yaml:/etc/aitracker/aitracker.yaml") }) {
			t.Errorf("service %s does not read the mounted deploy/aitracker.yaml: %v %v", name, s.Command, s.Volumes)
		}
	}
	for _, tc := range []struct {
		command string
		n       int
	}{{"scheduler", 1}, {"worker", 2}, {"serve", 2}} {
		if len(byCommand[tc.command]) != tc.n {
			t.Errorf("%d services run %q (%v), want %d", len(byCommand[tc.command]), tc.command, byCommand[tc.command], tc.n)
		}
	}
	for _, name := range byCommand["serve"] {
		if !slices.Contains(f.Services[name].Command, "--follow") {
			t.Errorf("search node %s runs serve without --follow", name)
		}
	}
	nats := f.Services["nats"]
	if !strings.HasPrefix(nats.Image, "nats:") || !slices.Contains(nats.Command, "-js") {
		t.Errorf("nats: image %q, command %v: want the nats image with JetStream on (-js)", nats.Image, nats.Command)
	}
	if !strings.HasPrefix(f.Services["postgres"].Image, "postgres:") {
		t.Errorf("postgres: image %q", f.Services["postgres"].Image)
	}
	// One address: one published service, a proxy to both search nodes.
	if len(published) != 1 {
		t.Fatalf("services publishing ports: %v, want one address", published)
	}
	proxy := strings.Join(f.Services[published[0]].Command, " ")
	for _, name := range byCommand["serve"] {
		if !strings.Contains(proxy, name+":8080") {
			t.Errorf("the published service %s does not send requests to %s:8080: %s", published[0], name, proxy)
		}
	}

	cfgData, err := os.ReadFile(filepath.Join("..", "..", "deploy", "aitracker.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	text := string(cfgData)
	if !regexp.MustCompile(`(?m)^  dsn: "postgres://[^"]*@postgres:5432/`).MatchString(text) || !strings.Contains(text, `nats_url: "nats://nats:4222"`) {
		t.Errorf("deploy/aitracker.yaml does not name the compose file's postgres and nats services:\n%s", text)
	}
	cfg, err := config.Parse("deploy/aitracker.yaml", []byte(text))
	if err != nil {
		t.Fatalf("deploy/aitracker.yaml: %v", err)
	}
	if !cfg.Cluster.Enabled() || len(cfg.Sources) == 0 || cfg.Store.Driver != "postgres" {
		t.Errorf("deploy/aitracker.yaml: cluster %+v, store %q, %d sources", cfg.Cluster, cfg.Store.Driver, len(cfg.Sources))
	}
}

// flagsOf lists the flags of an aitracker command, as its --help prints
// them.
func flagsOf(t *testing.T, cmd string) map[string]bool {
	t.Helper()
	_, out, _ := run(t, cmd, "--help")
	known := map[string]bool{}
	for _, m := range regexp.MustCompile(`(?m)^  -([a-z-]+)`).FindAllStringSubmatch(out, -1) {
		known[m[1]] = true
	}
	if len(known) == 0 {
		t.Fatalf("%s --help lists no flags:\n%s", cmd, out)
	}
	return known
}
