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
		{name: "unknown key", yaml: "data_dir: ./d\nbogus: 1\n", wantErr: []string{`c.yaml:2:1: bogus: unknown field "bogus"`}},
		{name: "unknown nested key", yaml: "fetch:\n  timeout: 5s\n  retries: 3\n", wantErr: []string{`c.yaml:3:3: fetch.retries: unknown field "retries"`}},
		{name: "wrong type", yaml: "fetch:\n  workers: many\n", wantErr: []string{"c.yaml:2:12: fetch.workers: wrong type: want a number, got a string"}},
		{name: "list for a string", yaml: "listen: [1, 2]\n", wantErr: []string{"c.yaml:1:9: listen: wrong type: want a string, got a list"}},
		{name: "bad cron spec", yaml: "schedule: \"61 * * * *\"\n", wantErr: []string{`c.yaml:1:11: schedule: bad cron spec "61 * * * *"`}},
		{name: "bad duration", yaml: "fetch:\n  timeout: 3 days\n", wantErr: []string{`c.yaml:2:12: fetch.timeout: want a duration such as 30s or 2m, got "3 days"`}},
		{name: "negative timeout", yaml: "fetch:\n  timeout: -5s\n", wantErr: []string{"c.yaml:2:12: fetch.timeout: must be positive"}},
		{name: "zero body cap", yaml: "fetch:\n  max_bytes: 0\n", wantErr: []string{"c.yaml:2:14: fetch.max_bytes: must be positive"}},
		{name: "body cap over 1GiB", yaml: "fetch:\n  max_bytes: 2GiB\n", wantErr: []string{"c.yaml:2:14: fetch.max_bytes: must be between 1 KiB and 1 GiB"}},
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
		{name: "zoned source URL", yaml: "sources:\n  - name: A\n    url: \"http://[::1%25lo]:8080/feed.xml\"\n",
			wantErr: []string{`c.yaml:3:10: sources[0].url: bad URL "http://[::1%25lo]:8080/feed.xml": host ::1 has a zone (%lo)`}},
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

// TestOutOfRange: values that decode but make no sense (a port past
// 65535, a body cap of exbibytes, a century of timeout, a year of jitter,
// a number too big for its type, a fraction for a count, a timeout that
// outlasts the schedule) are refused, each error naming the file, the
// line and column, and the key.
func TestOutOfRange(t *testing.T) {
	tests := []struct {
		name, yaml, want string
	}{
		{"listen port past 65535", "listen: 127.0.0.1:99999\n",
			`c.yaml:1:9: listen: want a port number from 0 to 65535, got "99999"`},
		{"listen port not a number", "listen: 127.0.0.1:http\n",
			`c.yaml:1:9: listen: want a port number from 0 to 65535, got "http"`},
		{"body cap of 4 EiB with a unit", "fetch:\n  max_bytes: 4EiB\n",
			"c.yaml:2:14: fetch.max_bytes: must be between 1 KiB and 1 GiB, got 4 EiB"},
		{"body cap of 4 EiB in bytes", "fetch:\n  max_bytes: 4611686018427387904\n",
			"c.yaml:2:14: fetch.max_bytes: must be between 1 KiB and 1 GiB, got 4 EiB"},
		{"body cap of 10 bytes", "fetch:\n  max_bytes: 10\n",
			"c.yaml:2:14: fetch.max_bytes: must be between 1 KiB and 1 GiB, got 10 B"},
		{"fetch timeout of 100 years", "fetch:\n  timeout: 876000h\n",
			"c.yaml:2:12: fetch.timeout: must be between 1s and 1h, got 876000h"},
		{"fetch timeout past what a duration holds", "fetch:\n  timeout: 9000000h\n",
			`c.yaml:2:12: fetch.timeout: want a duration such as 30s or 2m, got "9000000h"`},
		{"connect timeout of a nanosecond", "fetch:\n  connect_timeout: 1ns\n",
			"c.yaml:2:20: fetch.connect_timeout: must be between 100ms and 5m, got 1ns"},
		{"SMTP timeout of 100 years", "digest:\n  smtp:\n    timeout: 876000h\n",
			"c.yaml:3:14: digest.smtp.timeout: must be between 1s and 10m, got 876000h"},
		{"jitter of a year", "schedule: \"\"\nfetch:\n  jitter: 8760h\n",
			"c.yaml:3:11: fetch.jitter: must be between 0s and 24h, got 8760h"},
		{"negative jitter", "fetch:\n  jitter: -1s\n",
			"c.yaml:2:11: fetch.jitter: must not be negative, got -1s"},
		{"host interval of a year", "fetch:\n  host_interval: 8760h\n",
			"c.yaml:2:18: fetch.host_interval: must be between 0s and 1m, got 8760h"},
		{"back-off of a year", "fetch:\n  max_backoff: 8760h\n",
			"c.yaml:2:16: fetch.max_backoff: must be between 1m and 720h, got 8760h"},
		{"digest check of six weeks", "digest:\n  check: 1000h\n",
			"c.yaml:2:10: digest.check: must be between 1s and 1h, got 1000h"},
		{"no shutdown grace", "shutdown_grace: 0s\n",
			"c.yaml:1:17: shutdown_grace: must be positive, got 0s"},
		{"shutdown grace of a day", "shutdown_grace: 24h\n",
			"c.yaml:1:17: shutdown_grace: must be between 1s and 10m, got 24h"},
		{"workers overflowing an int", "fetch:\n  workers: 99999999999999999999\n",
			"c.yaml:2:12: fetch.workers: number out of range: 99999999999999999999"},
		{"redirects overflowing downwards", "fetch:\n  max_redirects: -9223372036854775809\n",
			"c.yaml:2:18: fetch.max_redirects: number out of range: -9223372036854775809"},
		{"teaser length overflowing as an exponent", "fetch:\n  teaser_chars: 1e30\n",
			"c.yaml:2:17: fetch.teaser_chars: number out of range: 1e30"},
		{"teaser length of a million", "fetch:\n  teaser_chars: 1000000\n",
			"c.yaml:2:17: fetch.teaser_chars: must be between 0 and 100000, got 1000000"},
		{"a fraction of a worker", "fetch:\n  workers: 3.5\n",
			"c.yaml:2:12: fetch.workers: want a whole number, got 3.5"},
		{"a port as an exponent", "digest:\n  smtp:\n    port: 1e3\n",
			"c.yaml:3:11: digest.smtp.port: want a whole number, got 1e3"},
		{"bounce limit of a million", "digest:\n  bounce_limit: 1000000\n",
			"c.yaml:2:17: digest.bounce_limit: must be between 1 and 100, got 1000000"},
		{"fetch timeout as long as the schedule's interval", "schedule: \"@every 30s\"\nfetch:\n  timeout: 30s\n  jitter: 0s\n",
			`c.yaml:3:12: fetch.timeout: 30s is not shorter than the 30s between two passes of schedule "@every 30s"`},
		{"fetch timeout longer than a cron interval", "schedule: \"*/5 * * * *\"\nfetch:\n  timeout: 10m\n",
			`c.yaml:3:12: fetch.timeout: 10m is not shorter than the 5m between two passes of schedule "*/5 * * * *"`},
		{"jitter longer than the schedule's interval", "schedule: \"@hourly\"\nfetch:\n  jitter: 2h\n",
			`c.yaml:3:11: fetch.jitter: 2h is not shorter than the 1h between two passes of schedule "@hourly"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse("c.yaml", []byte(tc.yaml))
			if err == nil {
				t.Fatalf("accepted; want %q", tc.want)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error\n%v\ndoes not contain\n%s", err, tc.want)
			}
		})
	}
}

// TestInRange: the ends of each range, and schedules whose interval the
// timeout and jitter fit in, are accepted.
func TestInRange(t *testing.T) {
	for _, y := range []string{
		"listen: 127.0.0.1:0\n",
		"listen: \"[::1]:65535\"\n",
		"fetch:\n  max_bytes: 1GiB\n  timeout: 1h\n  host_interval: 1m\n",
		"fetch:\n  max_bytes: 1KiB\n  connect_timeout: 100ms\n  host_interval: 0s\n",
		"schedule: \"@every 1h\"\nfetch:\n  timeout: 59m\n  jitter: 50m\n",
		"schedule: \"\"\nfetch:\n  jitter: 24h\n",
		"shutdown_grace: 10m\n",
		"fetch:\n  workers: 256\n  teaser_chars: 0\n",
	} {
		if _, err := Parse("c.yaml", []byte(y)); err != nil {
			t.Errorf("%q: %v", y, err)
		}
	}
}

func TestScheduleInterval(t *testing.T) {
	for spec, want := range map[string]time.Duration{
		"@every 1h":    time.Hour,
		"@hourly":      time.Hour,
		"*/5 * * * *":  5 * time.Minute,
		"0 6 * * *":    24 * time.Hour,
		"0 6,18 * * *": 12 * time.Hour,
		// Spring forward: the day of the change has 23 hours.
		"CRON_TZ=America/New_York 30 1 * * *": 23 * time.Hour,
	} {
		s, err := ParseSchedule(spec)
		if err != nil {
			t.Fatal(err)
		}
		if got := ScheduleInterval(s); got != want {
			t.Errorf("%s: %s, want %s", spec, got, want)
		}
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

// TestCheckSourceURL: a source URL names its host by name or by plain
// address; zones and IPv6 spellings that carry an IPv4 address are
// refused with the reason.
func TestCheckSourceURL(t *testing.T) {
	tests := []struct {
		url  string
		want string // substring of the error; "" means accepted
	}{
		{"https://news.example.com/feed.xml", ""},
		{"http://127.0.0.1:8080/feed.xml", ""}, // loopback is for the fetcher's policy to refuse or allow
		{"http://[::1]:8080/feed.xml", ""},
		{"http://[2606:4700:4700::1111]/feed", ""},
		{"http://[fd00::1]/feed", ""},
		{"ftp://example.com/feed", "scheme must be http or https"},
		{"http:///feed", "no host"},
		{"http://[::1%25lo]:8080/feed.xml", "has a zone (%lo)"},
		{"http://[fe80::1%25eth0]/feed.xml", "has a zone (%eth0)"},
		{"http://[fd00::2%25eth0]:8080/", "has a zone (%eth0)"},
		{"http://[::ffff:127.0.0.1%25lo]/", "has a zone"},
		{"http://127.0.0.1%25lo/", "has a zone"},
		{"http://[::127.0.0.1]/", "IPv4-compatible IPv6 address (::/96)"},
		{"http://[::ffff:127.0.0.1]/", "IPv4-mapped"},
		{"http://[::ffff:0:7f00:1]/", "IPv4-translated"},
		{"http://[64:ff9b::a9fe:a9fe]/", "NAT64"},
		{"http://[64:ff9b:1::1]/", "local-use NAT64"},
		{"http://[2001:0:4136:e378::1]/", "Teredo"},
		{"http://[2002:7f00:1::1]/", "6to4"},
	}
	for _, tc := range tests {
		err := CheckSourceURL(tc.url)
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("CheckSourceURL(%s) = %v, want accepted", tc.url, err)
		case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
			t.Errorf("CheckSourceURL(%s) = %v, want an error with %q", tc.url, err, tc.want)
		}
	}
}

// TestStore: the store key picks the backend; a mistake in it is an
// error naming the key, and never shows the password of the DSN.
func TestStore(t *testing.T) {
	for _, tc := range []struct {
		name, yaml string
		want       Store
		wantErr    string // a substring of the error; "" for none
	}{
		{"absent: sqlite in data_dir", "data_dir: ./d\n", Store{}, ""},
		{"sqlite", "store: {driver: sqlite}\n", Store{Driver: "sqlite"}, ""},
		{"postgres with a URL", "store: {driver: postgres, dsn: \"postgres://ait:pw@127.0.0.1:5432/ait\"}\n",
			Store{Driver: "postgres", DSN: "postgres://ait:pw@127.0.0.1:5432/ait"}, ""},
		{"postgres with keywords", "store: {driver: postgres, dsn: \"host=127.0.0.1 dbname=ait user=ait\"}\n",
			Store{Driver: "postgres", DSN: "host=127.0.0.1 dbname=ait user=ait"}, ""},
		{"an unknown driver", "store: {driver: mysql}\n", Store{}, `c.yaml:1:17: store.driver: want sqlite or postgres, got "mysql"`},
		{"postgres without a DSN", "store: {driver: postgres}\n", Store{}, "store.dsn: must be set when store.driver is postgres"},
		{"a DSN that does not parse", "store: {driver: postgres, dsn: \"postgres://ait:s3cret@127.0.0.1:notaport/ait\"}\n", Store{},
			"store.dsn: not a PostgreSQL connection string"},
		{"a DSN for sqlite", "store: {dsn: \"postgres://127.0.0.1/ait\"}\n", Store{}, "store.dsn: only used with driver postgres"},
		{"an unknown key", "store: {driver: postgres, url: x}\n", Store{}, `store.url: unknown field "url"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, err := Parse("c.yaml", []byte(tc.yaml))
			if tc.wantErr == "" {
				if err != nil || c.Store != tc.want {
					t.Errorf("Parse = %+v, %v; want %+v", c.Store, err, tc.want)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) || strings.Contains(err.Error(), "s3cret") {
				t.Errorf("Parse: %v; want an error with %q and no password", err, tc.wantErr)
			}
		})
	}
}
