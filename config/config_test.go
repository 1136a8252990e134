package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestDefaultIsValid(t *testing.T) {
	c := Default()
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
	if len(c.Sources) < 40 {
		t.Errorf("default source list has %d sources, want at least 40", len(c.Sources))
	}
	var en, zh int
	for _, s := range c.Sources {
		switch s.Lang {
		case "en":
			en++
		case "zh":
			zh++
		}
		if !strings.HasPrefix(s.URL, "https://") {
			t.Errorf("default source %q is not https: %s", s.Name, s.URL)
		}
	}
	if en == 0 || zh < 10 {
		t.Errorf("default sources: %d English, %d Chinese", en, zh)
	}
	if c.DataDir != "./data" || c.Schedule != "0 6 * * *" || c.Listen != "127.0.0.1:8080" || c.Fetch.AllowPrivateNetworks {
		t.Errorf("defaults differ from the documented contract: %+v", c)
	}
}

func TestParse(t *testing.T) {
	tests := []struct {
		name string
		yaml string
		// wantErr lists substrings the error must contain, each with the
		// file and line; empty means success.
		wantErr []string
		check   func(t *testing.T, c *Config)
	}{
		{name: "empty file gives the defaults", yaml: "",
			check: func(t *testing.T, c *Config) {
				if !c.DefaultSources || len(c.Sources) < 40 {
					t.Errorf("want the default sources, got %d", len(c.Sources))
				}
			}},
		{name: "the documented contract", yaml: `
data_dir: ./d
schedule: ""
listen: "127.0.0.1:9090"
fetch:
  allow_private_networks: true
  timeout: 45s
  max_bytes: 5MiB
sources:
  - name: Example AI News
    url: https://example.com/feed.xml
    kind: feed
    lang: en
`, check: func(t *testing.T, c *Config) {
			if c.DataDir != "./d" || c.Schedule != "" || c.Listen != "127.0.0.1:9090" || !c.Fetch.AllowPrivateNetworks {
				t.Errorf("got %+v", c)
			}
			if c.Fetch.Timeout.Duration != 45*time.Second || c.Fetch.MaxBytes.N != 5<<20 {
				t.Errorf("fetch = %+v", c.Fetch)
			}
			if c.DefaultSources || len(c.Sources) != 1 || c.Sources[0].Name != "Example AI News" {
				t.Errorf("sources = %+v", c.Sources)
			}
			if c.Fetch.Workers != 8 {
				t.Errorf("unset keys must keep their defaults: workers = %d", c.Fetch.Workers)
			}
		}},
		{name: "an explicit empty list means no sources", yaml: "sources: []\n",
			check: func(t *testing.T, c *Config) {
				if c.DefaultSources || len(c.Sources) != 0 {
					t.Errorf("got %d sources", len(c.Sources))
				}
			}},
		{name: "unknown key", yaml: "data_dir: ./d\nbogus: 1\n", wantErr: []string{`c.yaml:2:1: unknown field "bogus"`}},
		{name: "unknown nested key", yaml: "fetch:\n  timeout: 5s\n  retries: 3\n", wantErr: []string{`c.yaml:3:3: unknown field "retries"`}},
		{name: "wrong type", yaml: "fetch:\n  workers: many\n", wantErr: []string{"c.yaml:2:12: wrong type: want a number, got a string"}},
		{name: "list for a string", yaml: "listen: [1, 2]\n", wantErr: []string{"c.yaml:1:9: wrong type: want a string, got a list"}},
		{name: "bad cron spec", yaml: "schedule: \"61 * * * *\"\n", wantErr: []string{`c.yaml:1:11: schedule: bad cron spec "61 * * * *"`}},
		{name: "bad duration", yaml: "fetch:\n  timeout: 3 days\n", wantErr: []string{`c.yaml:2:12: fetch.timeout: want a duration such as 30s or 2m, got "3 days"`}},
		{name: "negative timeout", yaml: "fetch:\n  timeout: -5s\n", wantErr: []string{"c.yaml:2:12: fetch.timeout: must be positive"}},
		{name: "zero body cap", yaml: "fetch:\n  max_bytes: 0\n", wantErr: []string{"c.yaml:2:14: fetch.max_bytes: must be positive"}},
		{name: "unsubscribe links for a year", yaml: "digest:\n  token_max_age: 8760h\n", check: func(t *testing.T, c *Config) {
			if c.Digest.TokenMaxAge.Duration != 365*24*time.Hour {
				t.Errorf("token_max_age = %s", c.Digest.TokenMaxAge.Duration)
			}
		}},
		{name: "token max age too short", yaml: "digest:\n  token_max_age: 24h\n", wantErr: []string{"c.yaml:2:18: digest.token_max_age: must be between 336h (14 days)"}},
		{name: "token max age not a duration", yaml: "digest:\n  token_max_age: 180d\n", wantErr: []string{`digest.token_max_age: want a duration such as 4320h (180 days), got "180d"`}},
		{name: "bad listen", yaml: "listen: localhost\n", wantErr: []string{`c.yaml:1:9: listen: want host:port, got "localhost"`}},
		{name: "every source problem at once", yaml: `
sources:
  - name: A
    url: ftp://example.com/feed
  - name: A
    url: https://example.com/f
    kind: rss
  - name: C
    url: "not a url"
    lang: fr
  - name: D
    url: https://example.com/f
`, wantErr: []string{
			`c.yaml:4:10: sources[0].url: bad URL "ftp://example.com/feed": scheme must be http or https`,
			`c.yaml:5:11: sources[1].name: "A" is also the name of sources[0]`,
			`c.yaml:7:11: sources[1].kind: want feed or html, got "rss"`,
			`c.yaml:9:10: sources[2].url: bad URL "not a url"`,
			`c.yaml:10:11: sources[2].lang: want en, zh or nothing, got "fr"`,
			`c.yaml:12:10: sources[3].url: "https://example.com/f" is also the URL of sources[1]`,
		}},
		{name: "html source without selectors", yaml: "sources:\n  - name: A\n    url: https://a.example/\n    kind: html\n",
			wantErr: []string{"sources[0].selectors: kind html needs selectors.item and selectors.link"}},
		{name: "not YAML", yaml: "data_dir: [unclosed\n", wantErr: []string{"c.yaml:"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c, err := Parse("c.yaml", []byte(tc.yaml))
			if len(tc.wantErr) == 0 {
				if err != nil {
					t.Fatalf("unexpected error: %v", err)
				}
				if tc.check != nil {
					tc.check(t, c)
				}
				return
			}
			if err == nil {
				t.Fatalf("no error; want %q", tc.wantErr)
			}
			for _, w := range tc.wantErr {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error\n%v\ndoes not contain\n%s", err, w)
				}
			}
		})
	}
}

func TestLoadResolvesTaxonomyPaths(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "aitracker.yaml")
	os.WriteFile(path, []byte("classify:\n  taxonomy: [extra.yaml, /abs/other.yaml]\n"), 0o644)
	c, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if c.Classify.Taxonomy[0] != filepath.Join(dir, "extra.yaml") || c.Classify.Taxonomy[1] != "/abs/other.yaml" {
		t.Errorf("taxonomy paths = %v", c.Classify.Taxonomy)
	}
	if _, err := Load(filepath.Join(dir, "missing.yaml")); err == nil {
		t.Error("loading a missing file did not fail")
	}
}

func TestByteSize(t *testing.T) {
	for in, want := range map[string]int64{"10485760": 10 << 20, "10MiB": 10 << 20, "512KiB": 512 << 10, "1GiB": 1 << 30, "2MB": 2e6} {
		var s ByteSize
		if s.UnmarshalText([]byte(in)); s.N != want || s.bad != "" {
			t.Errorf("%s = %+v, want %d", in, s, want)
		}
	}
	var s ByteSize
	if s.UnmarshalText([]byte("lots")); s.bad == "" {
		t.Error("accepted a size of \"lots\"")
	}
}

func TestUserAgentNamesProjectAndContact(t *testing.T) {
	ua := Default().Fetch.UserAgentString()
	if !strings.HasPrefix(ua, "aitracker/") || !strings.Contains(ua, "(+https://") {
		t.Errorf("User-Agent %q", ua)
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte("data_dir: ./d\nsources:\n  - name: A\n    url: https://a/\n"))
	f.Add([]byte("fetch:\n  timeout: 5s\n  max_bytes: 1MiB\n"))
	f.Add([]byte("schedule: '@every 1h'\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := Parse("fuzz.yaml", data)
		if err == nil {
			if verr := c.Validate(); verr != nil {
				t.Fatalf("Parse accepted a config that Validate rejects: %v", verr)
			}
		}
	})
}
