package config

import (
	"embed"
	"fmt"
	"net/mail"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/robfig/cron/v3"
)

// Config is the whole configuration. Every key is optional; Default fills
// in what the file leaves out.
type Config struct {
	// DataDir holds the SQLite store (unless Store names PostgreSQL) and
	// the Bleve index.
	DataDir string `yaml:"data_dir"`
	// Schedule is the cron spec for ingestion; "" means never.
	Schedule string `yaml:"schedule"`
	// Listen is the address of the web UI and JSON API.
	Listen string `yaml:"listen"`
	// AdminToken guards the admin API (adding sources; listing, adding
	// and removing subscribers): requests must carry "Authorization:
	// Bearer TOKEN". Empty disables it.
	AdminToken string `yaml:"admin_token"`
	// ShutdownGrace is how long "aitracker run" waits, once told to stop,
	// for the running pass to stop and the index and store to close
	// before it exits anyway.
	ShutdownGrace Duration `yaml:"shutdown_grace"`
	Fetch         Fetch    `yaml:"fetch"`
	Classify      Classify `yaml:"classify"`
	Digest        Digest   `yaml:"digest"`
	Log           Log      `yaml:"log"`
	Cluster       Cluster  `yaml:"cluster"`
	Store         Store    `yaml:"store"`
	// Sources are the feeds to read. When the key is absent, the embedded
	// default list is used; an explicit empty list means no sources.
	Sources []Source `yaml:"sources"`

	// File is the path the configuration was loaded from, "" for defaults.
	File string `yaml:"-"`
	// DefaultSources is true when Sources came from the embedded list.
	DefaultSources bool `yaml:"-"`
}

// Fetch configures outbound HTTP.
type Fetch struct {
	// AllowPrivateNetworks lifts the refusal of loopback, private,
	// link-local and metadata addresses. Tests and the demo set it.
	AllowPrivateNetworks bool     `yaml:"allow_private_networks"`
	Timeout              Duration `yaml:"timeout"`
	ConnectTimeout       Duration `yaml:"connect_timeout"`
	MaxBytes             ByteSize `yaml:"max_bytes"`
	MaxRedirects         int      `yaml:"max_redirects"`
	// Workers is how many sources are fetched at once.
	Workers int `yaml:"workers"`
	// UserAgent names the project; Contact is appended so that site owners
	// can reach the operator.
	UserAgent string `yaml:"user_agent"`
	Contact   string `yaml:"contact"`
	// HostInterval is the least time between two requests to one host;
	// requests to one host never overlap.
	HostInterval Duration `yaml:"host_interval"`
	// Jitter spreads the start of a pass's fetches over this window, each
	// source at an offset fixed by its URL, so that sources do not all
	// fire in the same second.
	Jitter Duration `yaml:"jitter"`
	// RetryBase is the wait after a first failure; it doubles with each
	// further one, up to MaxBackoff, which also caps Retry-After and
	// Cache-Control waits.
	RetryBase  Duration `yaml:"retry_base"`
	MaxBackoff Duration `yaml:"max_backoff"`
	// FullText fetches the article page when a feed item carries only a
	// teaser (a summary shorter than TeaserChars and no content), and
	// extracts the main text and date from it. robots.txt is honoured.
	FullText    bool `yaml:"full_text"`
	TeaserChars int  `yaml:"teaser_chars"`
}

// Classify configures the classifier.
type Classify struct {
	// Taxonomy lists YAML files merged over the embedded taxonomy: a company
	// or investor with the same name replaces the embedded one, new ones are
	// added. Relative paths are relative to the config file.
	Taxonomy []string `yaml:"taxonomy"`
	// LearnCompanies makes every pass learn the companies outside the
	// taxonomy that stored articles name often enough, so that later
	// articles about them are tagged with them (see classify.Learner);
	// they stay candidates for the taxonomy.
	LearnCompanies bool `yaml:"learn_companies"`
}

// Digest configures the digest e-mails. They are off until From is set.
type Digest struct {
	// From is the sender: "aitracker <digest@example.com>".
	From string `yaml:"from"`
	// BaseURL is where the web UI is reached, for links and unsubscribe
	// URLs: "https://tracker.example.com".
	BaseURL string `yaml:"base_url"`
	// Secret is the HMAC key of unsubscribe tokens (at least 16 bytes).
	Secret string `yaml:"secret"`
	// OldSecrets are earlier keys whose tokens still unsubscribe, so that
	// the key can be rotated without breaking links in sent mail.
	OldSecrets []string `yaml:"old_secrets"`
	// TokenMaxAge is how long an unsubscribe link works after the digest
	// that carries it is sent; every digest carries a fresh one.
	TokenMaxAge Duration `yaml:"token_max_age"`
	SMTP        SMTP     `yaml:"smtp"`
	// SendEmpty sends a "nothing new" message when a period has no
	// matching events; by default no mail is sent then.
	SendEmpty bool `yaml:"send_empty"`
	// Workers is how many SMTP connections send at once.
	Workers int `yaml:"workers"`
	// Retries is how often a temporary (4xx) failure is retried within a
	// run, waiting RetryWait, doubling, between tries; a run that still
	// fails leaves the message to the next run, up to MaxAttempts runs.
	Retries     int      `yaml:"retries"`
	RetryWait   Duration `yaml:"retry_wait"`
	MaxAttempts int      `yaml:"max_attempts"`
	// BounceLimit is how many permanent refusals (5xx at RCPT) stop
	// mail to an address.
	BounceLimit int `yaml:"bounce_limit"`
	// Check is how often "aitracker run" looks for digests that are due.
	Check Duration `yaml:"check"`
}

// Enabled reports whether digests are configured.
func (d Digest) Enabled() bool { return d.From != "" }

// SMTP is the outgoing mail server.
type SMTP struct {
	Host     string `yaml:"host"`
	Port     int    `yaml:"port"`
	Username string `yaml:"username"`
	Password string `yaml:"password"`
	// StartTLS is auto (use it when offered), always (refuse to send
	// without it) or never.
	StartTLS string `yaml:"starttls"`
	// TLS connects with TLS from the start (SMTPS, usually port 465).
	TLS     bool     `yaml:"tls"`
	Timeout Duration `yaml:"timeout"`
}

// Store says where the store of record is. The search index stays in
// DataDir whatever the driver.
type Store struct {
	// Driver is "sqlite" (the default: aitracker.db in DataDir) or
	// "postgres".
	Driver string `yaml:"driver"`
	// DSN is the PostgreSQL connection string, "postgres://user:pass@host:5432/db"
	// (or "host=… dbname=…"); only with driver postgres.
	DSN string `yaml:"dsn"`
}

// Log configures logging.
type Log struct {
	Level  string `yaml:"level"`  // debug, info, warn, error
	Format string `yaml:"format"` // text or json
}

// Source is one configured source.
type Source struct {
	Name string `yaml:"name"`
	URL  string `yaml:"url"`
	Kind string `yaml:"kind"` // feed (default) or html
	Lang string `yaml:"lang"` // optional hint: en or zh
	// Selectors are required for kind html: CSS selectors over the list page.
	Selectors *Selectors `yaml:"selectors"`
}

// Selectors read a list page that has no feed.
type Selectors struct {
	Item    string `yaml:"item"`    // one element per article
	Link    string `yaml:"link"`    // within item; its href is the article URL
	Title   string `yaml:"title"`   // within item; defaults to the link text
	Date    string `yaml:"date"`    // within item; text or datetime attribute
	Summary string `yaml:"summary"` // within item
}

//go:embed defaults/*.yaml defaults/*.txt
var defaultFiles embed.FS

// Default returns the configuration used when no file is given.
func Default() *Config {
	return &Config{
		DataDir:  "./data",
		Schedule: "0 6 * * *",
		Listen:   "127.0.0.1:8080",
		// ShutdownGrace: long enough for the pass to stop between
		// articles and the index to flush.
		ShutdownGrace: Dur(10 * time.Second),
		Fetch: Fetch{
			Timeout:        Dur(30 * time.Second),
			ConnectTimeout: Dur(10 * time.Second),
			MaxBytes:       Bytes(32 << 20), // big legitimate feeds (13 MB and more) pass
			MaxRedirects:   5,
			Workers:        8,
			UserAgent:      "aitracker/" + Version,
			Contact:        "https://github.com/aitracker/aitracker",
			HostInterval:   Dur(time.Second),
			Jitter:         Dur(10 * time.Second),
			RetryBase:      Dur(15 * time.Minute),
			MaxBackoff:     Dur(24 * time.Hour),
			FullText:       true,
			TeaserChars:    400,
		},
		Digest: Digest{
			SMTP:        SMTP{Host: "localhost", Port: 25, StartTLS: "auto", Timeout: Dur(30 * time.Second)},
			Workers:     4,
			Retries:     3,
			RetryWait:   Dur(5 * time.Second),
			MaxAttempts: 5,
			BounceLimit: 3,
			Check:       Dur(time.Minute),
			TokenMaxAge: Dur(180 * 24 * time.Hour),
		},
		Classify:       Classify{LearnCompanies: true},
		Log:            Log{Level: "info", Format: "text"},
		Sources:        DefaultSources(),
		DefaultSources: true,
	}
}

// Version is the program version; the build may override it with
// -ldflags "-X github.com/aitracker/aitracker/config.Version=…".
var Version = "0.1.0-dev"

// UserAgentString is the User-Agent header sent on every request.
func (f Fetch) UserAgentString() string {
	if f.Contact == "" {
		return f.UserAgent
	}
	return f.UserAgent + " (+" + f.Contact + ")"
}

// DefaultSources returns the embedded default source list.
func DefaultSources() []Source {
	data, err := defaultFiles.ReadFile("defaults/sources.yaml")
	if err != nil {
		panic("config: embedded sources.yaml missing: " + err.Error())
	}
	var f struct {
		Sources []Source `yaml:"sources"`
	}
	if err := decodeStrict(data, &f); err != nil {
		panic("config: embedded sources.yaml is invalid: " + err.Error())
	}
	return f.Sources
}

// DefaultTaxonomy returns the embedded taxonomy files, in merge order:
// YAML files (layers, events, companies, investors, the words the rules
// read, exchange rates), and the lists of common words
// (common-words-LANG.txt) that an alias must not be unless it is marked
// ambiguous.
func DefaultTaxonomy() []NamedFile {
	names := []string{"layers.yaml", "events.yaml", "companies.yaml", "investors.yaml", "words.yaml", "rates.yaml", "common-words-en.txt", "common-words-zh.txt"}
	files := make([]NamedFile, 0, len(names))
	for _, n := range names {
		data, err := defaultFiles.ReadFile("defaults/" + n)
		if err != nil {
			panic("config: embedded taxonomy file missing: " + err.Error())
		}
		files = append(files, NamedFile{Name: "embedded:" + n, Data: data})
	}
	return files
}

// NamedFile is file content with the name used in error messages.
type NamedFile struct {
	Name string
	Data []byte
}

// Problem is one thing wrong with a configuration, located by key path and,
// when loaded from a file, by line.
type Problem struct {
	File string
	Line int
	Col  int
	Key  string // e.g. "sources[3].url"
	Msg  string
}

func (p Problem) Error() string {
	var b strings.Builder
	if p.File != "" {
		b.WriteString(p.File)
		if p.Line > 0 {
			fmt.Fprintf(&b, ":%d:%d", p.Line, p.Col)
		}
		b.WriteString(": ")
	}
	if p.Key != "" {
		b.WriteString(p.Key)
		b.WriteString(": ")
	}
	b.WriteString(p.Msg)
	return b.String()
}

// Validate checks every key and returns every problem found, joined.
func (c *Config) Validate() error {
	ps := c.problems()
	if len(ps) == 0 {
		return nil
	}
	return joinProblems(ps)
}

func (c *Config) problems() []Problem {
	var ps []Problem
	add := func(key, format string, args ...any) {
		ps = append(ps, Problem{Key: key, Msg: fmt.Sprintf(format, args...)})
	}
	dur := durationCheck(add)
	if strings.TrimSpace(c.DataDir) == "" {
		add("data_dir", "must not be empty")
	}
	var interval time.Duration // between two scheduled passes; 0 when unknown or never
	if c.Schedule != "" {
		if s, err := ParseSchedule(c.Schedule); err != nil {
			add("schedule", "bad cron spec %q: %v", c.Schedule, err)
		} else {
			interval = ScheduleInterval(s)
		}
	}
	if err := checkListen(c.Listen); err != nil {
		add("listen", "%v", err)
	}
	dur("shutdown_grace", c.ShutdownGrace, Ranges.ShutdownGrace)
	f := c.Fetch
	okTimeout := dur("fetch.timeout", f.Timeout, Ranges.Timeout)
	if okTimeout && interval > 0 && f.Timeout.Duration >= interval {
		add("fetch.timeout", "%s is not shorter than the %s between two passes of schedule %q", fmtDur(f.Timeout.Duration), fmtDur(interval), c.Schedule)
	}
	if dur("fetch.connect_timeout", f.ConnectTimeout, Ranges.ConnectTimeout) && okTimeout && f.ConnectTimeout.Duration > f.Timeout.Duration {
		add("fetch.connect_timeout", "%s exceeds fetch.timeout %s", f.ConnectTimeout.Duration, f.Timeout.Duration)
	}
	dur("fetch.host_interval", f.HostInterval, Ranges.HostInterval)
	if dur("fetch.jitter", f.Jitter, Ranges.Jitter) && interval > 0 && f.Jitter.Duration >= interval {
		add("fetch.jitter", "%s is not shorter than the %s between two passes of schedule %q: a pass would still be starting fetches when the next one is due",
			fmtDur(f.Jitter.Duration), fmtDur(interval), c.Schedule)
	}
	if dur("fetch.retry_base", f.RetryBase, Ranges.RetryBase) && dur("fetch.max_backoff", f.MaxBackoff, Ranges.MaxBackoff) && f.RetryBase.Duration > f.MaxBackoff.Duration {
		add("fetch.retry_base", "%s exceeds fetch.max_backoff %s", f.RetryBase.Duration, f.MaxBackoff.Duration)
	}
	intRange(add, "fetch.teaser_chars", f.TeaserChars, 0, 100_000)
	switch {
	case f.MaxBytes.bad != "":
		add("fetch.max_bytes", "want a size such as 10485760 or 10MiB, got %q", f.MaxBytes.bad)
	case f.MaxBytes.N <= 0:
		add("fetch.max_bytes", "must be positive, got %d", f.MaxBytes.N)
	case f.MaxBytes.N < Ranges.MaxBytes[0] || f.MaxBytes.N > Ranges.MaxBytes[1]:
		add("fetch.max_bytes", "must be between %s and %s, got %s", fmtSize(Ranges.MaxBytes[0]), fmtSize(Ranges.MaxBytes[1]), fmtSize(f.MaxBytes.N))
	}
	intRange(add, "fetch.max_redirects", f.MaxRedirects, 0, 20)
	intRange(add, "fetch.workers", f.Workers, 1, 256)
	if strings.TrimSpace(f.UserAgent) == "" {
		add("fetch.user_agent", "must not be empty")
	}
	if f.Contact != "" {
		if u, err := url.Parse(f.Contact); err != nil || (u.Scheme != "https" && u.Scheme != "http" && u.Scheme != "mailto") {
			add("fetch.contact", "want an http(s) or mailto URL, got %q", f.Contact)
		}
	}
	ps = append(ps, c.Digest.problems()...)
	ps = append(ps, c.Cluster.problems()...)
	ps = append(ps, c.Store.problems()...)
	switch c.Log.Level {
	case "debug", "info", "warn", "error":
	default:
		add("log.level", "want debug, info, warn or error, got %q", c.Log.Level)
	}
	switch c.Log.Format {
	case "text", "json":
	default:
		add("log.format", "want text or json, got %q", c.Log.Format)
	}
	seenURL := map[string]int{}
	seenName := map[string]int{}
	for i, s := range c.Sources {
		key := "sources[" + strconv.Itoa(i) + "]"
		if strings.TrimSpace(s.Name) == "" {
			add(key+".name", "must not be empty")
		} else if j, dup := seenName[s.Name]; dup {
			add(key+".name", "%q is also the name of sources[%d]", s.Name, j)
		} else {
			seenName[s.Name] = i
		}
		if err := CheckSourceURL(s.URL); err != nil {
			add(key+".url", "%v", err)
		} else if j, dup := seenURL[s.URL]; dup {
			add(key+".url", "%q is also the URL of sources[%d]", s.URL, j)
		} else {
			seenURL[s.URL] = i
		}
		switch s.Kind {
		case "", "feed":
			if s.Selectors != nil {
				add(key+".selectors", "only used with kind: html")
			}
		case "html":
			if s.Selectors == nil || s.Selectors.Item == "" || s.Selectors.Link == "" {
				add(key+".selectors", "kind html needs selectors.item and selectors.link")
			}
		default:
			add(key+".kind", "want feed or html, got %q", s.Kind)
		}
		switch s.Lang {
		case "", "en", "zh":
		default:
			add(key+".lang", "want en, zh or nothing, got %q", s.Lang)
		}
	}
	return ps
}

func (st Store) problems() []Problem {
	var ps []Problem
	add := func(key, format string, args ...any) {
		ps = append(ps, Problem{Key: "store." + key, Msg: fmt.Sprintf(format, args...)})
	}
	switch st.Driver {
	case "", "sqlite":
		if st.DSN != "" {
			add("dsn", "only used with driver postgres (the SQLite store is aitracker.db in data_dir)")
		}
	case "postgres":
		if strings.TrimSpace(st.DSN) == "" {
			add("dsn", `must be set when store.driver is postgres, e.g. "postgres://aitracker:PASSWORD@db.example:5432/aitracker"`)
		} else if _, err := pgconn.ParseConfig(st.DSN); err != nil {
			// pgconn's message leaves the password out.
			add("dsn", "not a PostgreSQL connection string: %v", err)
		}
	default:
		add("driver", "want sqlite or postgres, got %q", st.Driver)
	}
	return ps
}

func (d Digest) problems() []Problem {
	var ps []Problem
	add := func(key, format string, args ...any) {
		ps = append(ps, Problem{Key: "digest." + key, Msg: fmt.Sprintf(format, args...)})
	}
	if d.From != "" {
		if _, err := mail.ParseAddress(d.From); err != nil {
			add("from", "want an address such as \"aitracker <digest@example.com>\", got %q", d.From)
		}
		if d.BaseURL == "" {
			add("base_url", "must be set when digest.from is: links and unsubscribe URLs need it")
		}
		if len(d.Secret) < 16 {
			add("secret", "must be at least 16 characters when digest.from is set: it signs unsubscribe links")
		}
	}
	if d.BaseURL != "" {
		if u, err := url.Parse(d.BaseURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			add("base_url", "want an absolute http(s) URL, got %q", d.BaseURL)
		}
	}
	for i, s := range d.OldSecrets {
		if len(s) < 16 {
			add("old_secrets["+strconv.Itoa(i)+"]", "must be at least 16 characters")
		}
	}
	if d.SMTP.Host == "" {
		add("smtp.host", "must not be empty")
	}
	intRange(add, "smtp.port", d.SMTP.Port, 1, 65535)
	switch d.SMTP.StartTLS {
	case "auto", "always", "never":
	default:
		add("smtp.starttls", "want auto, always or never, got %q", d.SMTP.StartTLS)
	}
	dur := durationCheck(add)
	dur("smtp.timeout", d.SMTP.Timeout, Ranges.SMTPTimeout)
	dur("retry_wait", d.RetryWait, Ranges.RetryWait)
	dur("check", d.Check, Ranges.DigestCheck)
	intRange(add, "workers", d.Workers, 1, 64)
	intRange(add, "retries", d.Retries, 0, 10)
	intRange(add, "max_attempts", d.MaxAttempts, 1, 100)
	intRange(add, "bounce_limit", d.BounceLimit, 1, 100)
	// A weekly digest's link must outlive the next digest, and a token's
	// issue date is a 32-bit count of seconds.
	switch {
	case d.TokenMaxAge.bad != "":
		add("token_max_age", "want a duration such as 4320h (180 days), got %q", d.TokenMaxAge.bad)
	case d.TokenMaxAge.Duration < 14*24*time.Hour || d.TokenMaxAge.Duration > 10*365*24*time.Hour:
		add("token_max_age", "must be between 336h (14 days) and 87600h (10 years), got %s", d.TokenMaxAge.Duration)
	}
	return ps
}

// CheckSourceURL reports whether raw is an absolute http(s) URL with a host.
func CheckSourceURL(raw string) error {
	if strings.TrimSpace(raw) == "" {
		return fmt.Errorf("must not be empty")
	}
	u, err := url.Parse(raw)
	if err != nil {
		return fmt.Errorf("bad URL %q: %v", raw, err)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return fmt.Errorf("bad URL %q: scheme must be http or https", raw)
	}
	if u.Host == "" || u.Hostname() == "" {
		return fmt.Errorf("bad URL %q: no host", raw)
	}
	if err := checkHostLiteral(u.Hostname()); err != nil {
		return fmt.Errorf("bad URL %q: %v", raw, err)
	}
	return nil
}

// ipv4Carriers are the IPv6 ranges whose addresses carry an IPv4
// address. A source URL that spells its host this way, or with a zone,
// only serves to slip past the fetcher's address checks: a feed is named
// by its host name or its plain address.
var ipv4Carriers = []struct {
	prefix netip.Prefix
	name   string
}{
	{netip.MustParsePrefix("::/96"), "IPv4-compatible"},
	{netip.MustParsePrefix("::ffff:0:0/96"), "IPv4-mapped"},
	{netip.MustParsePrefix("::ffff:0:0:0/96"), "IPv4-translated"},
	{netip.MustParsePrefix("64:ff9b::/96"), "NAT64"},
	{netip.MustParsePrefix("64:ff9b:1::/48"), "local-use NAT64"},
	{netip.MustParsePrefix("2001::/32"), "Teredo"},
	{netip.MustParsePrefix("2002::/16"), "6to4"},
}

// checkHostLiteral refuses a URL host ("::1%lo", "::127.0.0.1") that
// carries a zone or is an IPv6 address carrying an IPv4 one.
func checkHostLiteral(host string) error {
	if h, zone, ok := strings.Cut(host, "%"); ok {
		return fmt.Errorf("host %s has a zone (%%%s), which names a local network interface; source URLs may not carry one", h, zone)
	}
	a, err := netip.ParseAddr(host)
	if err != nil || !a.Is6() || a == netip.IPv6Unspecified() || a == netip.IPv6Loopback() {
		return nil
	}
	for _, c := range ipv4Carriers {
		if c.prefix.Contains(a) {
			return fmt.Errorf("host %s is an %s IPv6 address (%s), which carries an IPv4 address; name the host or its address directly", host, c.name, c.prefix)
		}
	}
	return nil
}

// ParseSchedule parses a cron spec: five fields (minute hour day-of-month
// month day-of-week) or a descriptor such as @daily or @every 6h.
// Schedules are evaluated in UTC unless the spec starts with CRON_TZ=.
func ParseSchedule(spec string) (cron.Schedule, error) {
	p := cron.NewParser(cron.Minute | cron.Hour | cron.Dom | cron.Month | cron.Dow | cron.Descriptor)
	return p.Parse(spec)
}

// Duration is a time.Duration written as "30s", "2m" or "1h30m". A value
// that does not parse is kept aside and reported by Validate with its line.
type Duration struct {
	time.Duration
	bad string
}

// Dur returns d as a Duration.
func Dur(d time.Duration) Duration { return Duration{Duration: d} }

// UnmarshalText parses a Go duration string.
func (d *Duration) UnmarshalText(b []byte) error {
	v, err := time.ParseDuration(strings.TrimSpace(string(b)))
	if err != nil {
		*d = Duration{bad: string(b)}
		return nil
	}
	*d = Duration{Duration: v}
	return nil
}

// MarshalText writes the duration as a Go duration string.
func (d Duration) MarshalText() ([]byte, error) { return []byte(d.Duration.String()), nil }

// ByteSize is a size in bytes, written as a number or with a unit:
// 10MiB, 512KiB, 1GiB, 10MB. A value that does not parse is kept aside and
// reported by Validate with its line.
type ByteSize struct {
	N   int64
	bad string
}

// Bytes returns n as a ByteSize.
func Bytes(n int64) ByteSize { return ByteSize{N: n} }

// UnmarshalText parses a size.
func (s *ByteSize) UnmarshalText(b []byte) error {
	v, err := parseByteSize(strings.TrimSpace(string(b)))
	if err != nil {
		*s = ByteSize{bad: string(b)}
		return nil
	}
	*s = ByteSize{N: v}
	return nil
}

// MarshalText writes the size as a plain number of bytes.
func (s ByteSize) MarshalText() ([]byte, error) { return []byte(strconv.FormatInt(s.N, 10)), nil }

func parseByteSize(s string) (int64, error) {
	units := []struct {
		suffix string
		mult   int64
	}{
		{"KiB", 1 << 10}, {"MiB", 1 << 20}, {"GiB", 1 << 30}, {"TiB", 1 << 40}, {"PiB", 1 << 50}, {"EiB", 1 << 60},
		{"KB", 1000}, {"MB", 1000 * 1000}, {"GB", 1000 * 1000 * 1000}, {"TB", 1e12},
		{"B", 1},
	}
	mult := int64(1)
	num := s
	for _, u := range units {
		if strings.HasSuffix(s, u.suffix) {
			mult = u.mult
			num = strings.TrimSpace(strings.TrimSuffix(s, u.suffix))
			break
		}
	}
	n, err := strconv.ParseInt(num, 10, 64)
	if err != nil || n > (1<<62)/mult {
		return 0, fmt.Errorf("want a size such as 10485760 or 10MiB, got %q", s)
	}
	return n * mult, nil
}
