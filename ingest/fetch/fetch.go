package fetch

import (
	"context"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/aitracker/aitracker/internal/clock"
)

// Options bound the client. Zero values take the defaults noted.
type Options struct {
	Timeout        time.Duration // whole request, body included (30s)
	ConnectTimeout time.Duration // TCP connect, and the TLS handshake (10s)
	MaxBytes       int64         // body cap after decompression (32 MiB)
	MaxRedirects   int           // (5); negative means none
	UserAgent      string
	// AllowPrivate lifts the refusal of loopback, private, link-local,
	// CGNAT and metadata addresses.
	AllowPrivate bool
	// Resolver resolves host names; nil means net.DefaultResolver. Tests
	// inject one to exercise DNS rebinding.
	Resolver *net.Resolver
	// AllowAddr, when set, lets through addresses the guard would refuse.
	// Tests use it to allow one loopback listener and refuse another.
	AllowAddr func(netip.AddrPort) bool
	// HostInterval is the least time between two requests to one host
	// (host and port); requests to one host never overlap either (1s;
	// negative means no wait).
	HostInterval time.Duration
	// Clock spaces requests to a host, dates robots.txt and reads
	// Retry-After and Expires against the time; nil means the real clock.
	Clock clock.Clock
	// Hosts, when set, spaces requests to a host with the other processes
	// that share it too: a request takes this client's own slot for the
	// host first, then the shared one.
	Hosts HostGate

	// socket, when set, is called on every socket about to connect, after
	// the guard let it through. Tests count dials with it and pin the
	// socket's buffer sizes.
	socket func(network, address string, c syscall.RawConn) error
}

// HostGate is politeness shared by several processes (workers on
// several machines reading from one queue): Acquire returns once no
// other holder is requesting from host and interval has passed since
// the last request to it ended, and release is called when this request
// has ended. host is the client's host key (host and port, lower case).
type HostGate interface {
	Acquire(ctx context.Context, host string, interval time.Duration) (release func(), err error)
}

// Client is the guarded HTTP client. It is safe for concurrent use.
type Client struct {
	hc     *http.Client
	opts   Options
	hosts  hostSlots
	robots robotsCache
}

// Errors returned by Get, tested with errors.Is.
var (
	ErrTooLarge         = errors.New("fetch: response exceeds size limit")
	ErrBlockedAddress   = errors.New("fetch: address not allowed")
	ErrTooManyRedirects = errors.New("fetch: too many redirects")
	ErrScheme           = errors.New("fetch: only http and https URLs are fetched")
	ErrBadURL           = errors.New("fetch: bad URL")
)

// StatusError is a response with a status other than 2xx or 304.
type StatusError struct {
	Code       int
	RetryAfter time.Duration // from the answer's Retry-After (a 429 or 503 sends one), when given
}

func (e *StatusError) Error() string {
	s := fmt.Sprintf("fetch: server answered %d %s", e.Code, http.StatusText(e.Code))
	if e.RetryAfter > 0 {
		s += fmt.Sprintf(" (retry after %s)", e.RetryAfter)
	}
	return s
}

// BlockedError names the address that was refused; it matches
// ErrBlockedAddress with errors.Is.
type BlockedError struct{ Addr string }

func (e *BlockedError) Error() string {
	return fmt.Sprintf("fetch: address %s not allowed (private, loopback or link-local; set fetch.allow_private_networks to allow)", e.Addr)
}

// Is makes errors.Is(err, ErrBlockedAddress) true.
func (e *BlockedError) Is(target error) bool { return target == ErrBlockedAddress }

// blocked names a refused host as the URL spelt it and, when that
// spelling hides it ("2130706433", "[::ffff:127.0.0.1]", "[::1%lo]"), as
// the plain address it stands for: "2130706433 (127.0.0.1)".
func blocked(host string) *BlockedError {
	if a, ok := HostAddr(host); ok {
		if plain := a.WithZone("").Unmap().String(); plain != strings.Trim(host, "[]") {
			return &BlockedError{Addr: host + " (" + plain + ")"}
		}
	}
	return &BlockedError{Addr: host}
}

// SizeError says how large the limit was; it matches ErrTooLarge.
type SizeError struct{ Limit int64 }

func (e *SizeError) Error() string {
	return fmt.Sprintf("fetch: response exceeds %s limit", humanBytes(e.Limit))
}

// Is makes errors.Is(err, ErrTooLarge) true.
func (e *SizeError) Is(target error) bool { return target == ErrTooLarge }

// New returns a client bounded by o.
func New(o Options) *Client {
	if o.Timeout <= 0 {
		o.Timeout = 30 * time.Second
	}
	if o.ConnectTimeout <= 0 {
		o.ConnectTimeout = 10 * time.Second
	}
	if o.MaxBytes <= 0 {
		// Real feeds reach 13 MB (a year of items, full text); the cap is
		// against hostile bodies, not big ones.
		o.MaxBytes = 32 << 20
	}
	if o.MaxRedirects == 0 {
		o.MaxRedirects = 5
	}
	if o.UserAgent == "" {
		o.UserAgent = "aitracker"
	}
	if o.HostInterval == 0 {
		o.HostInterval = time.Second
	}
	o.Clock = clock.Or(o.Clock)
	dialer := &net.Dialer{
		Timeout:   o.ConnectTimeout,
		KeepAlive: 30 * time.Second,
		Resolver:  o.Resolver,
	}
	if !o.AllowPrivate {
		// The check runs on the address actually dialled, after DNS
		// resolution and on every redirect hop, so that neither a
		// rebinding DNS answer nor a redirect can reach a private address.
		dialer.Control = func(network, address string, _ syscall.RawConn) error {
			return dialCheck(address, o.AllowAddr)
		}
	}
	if hook := o.socket; hook != nil {
		guard := dialer.Control
		dialer.Control = func(network, address string, c syscall.RawConn) error {
			if guard != nil {
				if err := guard(network, address, c); err != nil {
					return err
				}
			}
			return hook(network, address, c)
		}
	}
	transport := &http.Transport{
		Proxy:                 nil, // never route through an environment proxy: the guard would check the proxy, not the target
		DialContext:           dialer.DialContext,
		TLSHandshakeTimeout:   o.ConnectTimeout,
		ResponseHeaderTimeout: o.Timeout,
		MaxIdleConns:          64,
		MaxIdleConnsPerHost:   2,
		IdleConnTimeout:       60 * time.Second,
		ForceAttemptHTTP2:     true,
	}
	c := &Client{opts: o, hosts: hostSlots{slots: map[string]*hostSlot{}, clock: o.Clock}, robots: robotsCache{entries: map[string]*robotsEntry{}}}
	c.hc = &http.Client{
		Transport:     transport,
		CheckRedirect: c.checkRedirect,
	}
	return c
}

// dialCheck is the dial-time decision on address, the "host:port" about
// to be connected to (an IPv6 host in brackets, perhaps with a zone:
// "[fe80::1%eth0]:80"). allow, when set, lets an address through.
func dialCheck(address string, allow func(netip.AddrPort) bool) error {
	ap, err := netip.ParseAddrPort(address)
	if err != nil {
		return &BlockedError{Addr: address}
	}
	// The zone is dropped before any decision, the test seam's included:
	// it only picks the interface.
	bare := netip.AddrPortFrom(ap.Addr().WithZone(""), ap.Port())
	if allow != nil && allow(bare) {
		return nil
	}
	if BlockedAddr(bare.Addr()) {
		return blocked(ap.Addr().String())
	}
	return nil
}

// checkRedirect decides whether to follow a redirect to req: within the
// redirect cap, to http(s), and not to a host that is by itself a refused
// address (host names are judged when dialled).
func (c *Client) checkRedirect(req *http.Request, via []*http.Request) error {
	if c.opts.MaxRedirects < 0 || len(via) > c.opts.MaxRedirects {
		return fmt.Errorf("%w (more than %d)", ErrTooManyRedirects, max(c.opts.MaxRedirects, 0))
	}
	if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
		return fmt.Errorf("redirect to %s: %w", req.URL.Redacted(), ErrScheme)
	}
	if c.hostRefused(req.URL) {
		return blocked(req.URL.Hostname())
	}
	return nil
}

// hostRefused reports whether a URL's host is, by itself, an address the
// guard refuses (the dial-time check covers host names).
func (c *Client) hostRefused(u *url.URL) bool {
	if c.opts.AllowPrivate || !HostBlocked(u.Hostname()) {
		return false
	}
	if c.opts.AllowAddr != nil {
		port := u.Port()
		if port == "" {
			port = map[string]string{"http": "80", "https": "443"}[u.Scheme]
		}
		a, _ := HostAddr(u.Hostname())
		if p, err := strconv.ParseUint(port, 10, 16); err == nil && c.opts.AllowAddr(netip.AddrPortFrom(a, uint16(p))) {
			return false
		}
	}
	return true
}

// Request is one GET, with the validators from the previous fetch.
type Request struct {
	URL          string
	ETag         string
	LastModified string
	Accept       string
}

// Response is a completed GET.
type Response struct {
	URL          string // final URL after redirects
	StatusCode   int
	NotModified  bool // 304: Body is empty
	Body         []byte
	ContentType  string
	ETag         string
	LastModified string
	Header       http.Header
	// FreshFor is how long the server says the response stays fresh
	// (Cache-Control max-age, or Expires minus Date); 0 when it does not.
	FreshFor time.Duration
}

// Get fetches req.URL within the client's bounds. A 304 answer returns a
// Response with NotModified set; other non-2xx answers return *StatusError.
// Every error it returns is an *Error, which says its Kind.
func (c *Client) Get(ctx context.Context, req Request) (*Response, error) {
	resp, err := c.get(ctx, req)
	if err != nil {
		return nil, &Error{URL: req.URL, Kind: kindOf(err), Err: err}
	}
	return resp, nil
}

func (c *Client) get(ctx context.Context, req Request) (*Response, error) {
	u, err := url.Parse(req.URL)
	if err != nil {
		return nil, fmt.Errorf("%w %q: %w", ErrBadURL, req.URL, err)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, fmt.Errorf("fetch %s: %w", req.URL, ErrScheme)
	}
	if c.hostRefused(u) {
		// Refused before any lookup: "http://2130706433/" is loopback.
		return nil, fmt.Errorf("fetch %s: %w", req.URL, blocked(u.Hostname()))
	}
	// One request at a time per host, spaced by the host interval; the
	// wait is not part of the request's own timeout.
	host := hostKey(u)
	interval := c.hostInterval(host)
	release, err := c.hosts.acquire(ctx, host, interval)
	if err != nil {
		return nil, fmt.Errorf("fetch %s: %w", req.URL, err)
	}
	defer release()
	if c.opts.Hosts != nil {
		shared, err := c.opts.Hosts.Acquire(ctx, host, max(interval, c.hosts.delayOf(host)))
		if err != nil {
			return nil, fmt.Errorf("fetch %s: waiting for host %s: %w", req.URL, host, err)
		}
		defer shared()
	}
	ctx, cancel := context.WithTimeout(ctx, c.opts.Timeout)
	defer cancel()
	hr, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, fmt.Errorf("fetch %s: %w", req.URL, err)
	}
	hr.Header.Set("User-Agent", c.opts.UserAgent)
	if req.Accept != "" {
		hr.Header.Set("Accept", req.Accept)
	}
	if req.ETag != "" {
		hr.Header.Set("If-None-Match", req.ETag)
	}
	if req.LastModified != "" {
		hr.Header.Set("If-Modified-Since", req.LastModified)
	}
	resp, err := c.hc.Do(hr)
	if err != nil {
		return nil, c.wrap(req.URL, err)
	}
	defer resp.Body.Close()
	out := &Response{
		URL:          resp.Request.URL.String(),
		StatusCode:   resp.StatusCode,
		ContentType:  resp.Header.Get("Content-Type"),
		ETag:         resp.Header.Get("ETag"),
		LastModified: resp.Header.Get("Last-Modified"),
		Header:       resp.Header,
		FreshFor:     freshness(resp.Header, c.opts.Clock.Now()),
	}
	switch {
	case resp.StatusCode == http.StatusNotModified:
		out.NotModified = true
		return out, nil
	case resp.StatusCode < 200 || resp.StatusCode > 299:
		return nil, fmt.Errorf("fetch %s: %w", req.URL, &StatusError{
			Code:       resp.StatusCode,
			RetryAfter: parseRetryAfter(resp.Header.Get("Retry-After"), c.opts.Clock.Now()),
		})
	}
	// The transport has already undone any gzip, so the cap counts
	// decompressed bytes: a small compression bomb is cut like a big body.
	// A declared length over the cap fails before any of the body is read.
	if resp.ContentLength > c.opts.MaxBytes {
		return nil, fmt.Errorf("fetch %s: %w", req.URL, &SizeError{Limit: c.opts.MaxBytes})
	}
	body, err := readCapped(resp.Body, c.opts.MaxBytes)
	if err != nil {
		if errors.Is(err, ErrTooLarge) {
			return nil, fmt.Errorf("fetch %s: %w", req.URL, err)
		}
		return nil, c.wrap(req.URL, err)
	}
	out.Body = body
	return out, nil
}

// readCapped reads r to its end into one slice, or fails with a
// *SizeError as soon as it has read more than limit bytes. It reads into
// pieces and joins them at the end, so that an oversize body costs about
// limit bytes of heap (never a second copy) and a body that fits about
// twice its size.
func readCapped(r io.Reader, limit int64) ([]byte, error) {
	const first, most = 32 << 10, 1 << 20
	r = io.LimitReader(r, limit+1) // one byte past the cap tells
	var pieces [][]byte
	var total int64
	size := first
	for {
		buf := make([]byte, size)
		n, err := io.ReadFull(r, buf)
		total += int64(n)
		if total > limit {
			return nil, &SizeError{Limit: limit}
		}
		if n > 0 {
			pieces = append(pieces, buf[:n])
		}
		if err == io.EOF || err == io.ErrUnexpectedEOF {
			break
		}
		if err != nil {
			return nil, err
		}
		size = min(2*size, most)
	}
	if len(pieces) == 1 {
		return pieces[0], nil
	}
	body := make([]byte, 0, total)
	for _, p := range pieces {
		body = append(body, p...)
	}
	return body, nil
}

// wrap turns transport errors into ones that say what happened.
func (c *Client) wrap(rawURL string, err error) error {
	var be *BlockedError
	if errors.As(err, &be) {
		return fmt.Errorf("fetch %s: %w", rawURL, be)
	}
	if errors.Is(err, ErrTooManyRedirects) || errors.Is(err, ErrScheme) {
		return fmt.Errorf("fetch %s: %w", rawURL, unwrapURLError(err))
	}
	var oe *net.OpError
	switch {
	case errors.As(err, &oe) && oe.Op == "dial" && oe.Timeout():
		return fmt.Errorf("fetch %s: connect timed out after %s: %w", rawURL, c.opts.ConnectTimeout, context.DeadlineExceeded)
	case isTimeout(err) && strings.Contains(err.Error(), "TLS handshake timeout"):
		// net/http's own error for TLSHandshakeTimeout, an unexported type.
		return fmt.Errorf("fetch %s: TLS handshake timed out after %s: %w", rawURL, c.opts.ConnectTimeout, context.DeadlineExceeded)
	case errors.Is(err, context.DeadlineExceeded) || isTimeout(err):
		return fmt.Errorf("fetch %s: timed out after %s: %w", rawURL, c.opts.Timeout, context.DeadlineExceeded)
	}
	return fmt.Errorf("fetch %s: %w", rawURL, unwrapURLError(err))
}

func unwrapURLError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

// parseRetryAfter reads a Retry-After value in seconds or as an HTTP date.
func parseRetryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if n, err := strconv.Atoi(v); err == nil && n >= 0 {
		return time.Duration(n) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil && t.After(now) {
		// Rounded up to the second: the date is "not before", and a
		// wait rounded to the nearest second could end just before it.
		d := t.Sub(now)
		if r := d % time.Second; r != 0 {
			d += time.Second - r
		}
		return d
	}
	return 0
}

// Kind says what a failed fetch means for the next attempt.
type Kind string

// The kinds of failure. A caller decides when to try again by the kind,
// never by the words of the error.
const (
	// KindTransient is worth trying again soon: a timeout, a network
	// error, 408, 429 and 5xx answers.
	KindTransient Kind = "transient"
	// KindPermanent fails the same way until someone changes something:
	// 4xx answers, a refused address, a URL that does not parse or
	// whose scheme is not http(s), a body over the cap, too many
	// redirects.
	KindPermanent Kind = "permanent"
)

// Error is a failed Get: what was fetched, the kind of failure, and the
// failure itself, which errors.Is and errors.As see through it.
type Error struct {
	URL  string
	Kind Kind
	Err  error
}

// Error is the failure's own text, which names the URL.
func (e *Error) Error() string { return e.Err.Error() }

func (e *Error) Unwrap() error { return e.Err }

// KindOf is the kind of a fetch failure anywhere in err's chain, and
// false when err holds none: the failure came from elsewhere (parsing
// what was fetched, say), and the caller decides its kind.
func KindOf(err error) (Kind, bool) {
	var fe *Error
	if errors.As(err, &fe) {
		return fe.Kind, true
	}
	return "", false
}

// Transient reports whether err is worth retrying soon: timeouts, network
// errors, 408, 429 and 5xx. Blocked addresses, bad schemes, oversize
// bodies, redirect loops and other 4xx answers are not.
func Transient(err error) bool {
	if err == nil {
		return false
	}
	if k, ok := KindOf(err); ok {
		return k == KindTransient
	}
	return kindOf(err) == KindTransient
}

// kindOf decides the kind of a failure of get.
func kindOf(err error) Kind {
	var se *StatusError
	// A certificate this machine does not trust, or one for another name,
	// stays so until someone changes it: no point asking again soon.
	var unknownAuthority x509.UnknownAuthorityError
	var hostname x509.HostnameError
	var invalid x509.CertificateInvalidError
	switch {
	case errors.As(err, &unknownAuthority), errors.As(err, &hostname), errors.As(err, &invalid):
		return KindPermanent
	case errors.Is(err, ErrBlockedAddress), errors.Is(err, ErrScheme), errors.Is(err, ErrBadURL),
		errors.Is(err, ErrTooLarge), errors.Is(err, ErrTooManyRedirects):
		return KindPermanent
	case errors.As(err, &se):
		if se.Code == http.StatusRequestTimeout || se.Code == http.StatusTooManyRequests || se.Code >= 500 {
			return KindTransient
		}
		return KindPermanent
	}
	return KindTransient
}

func humanBytes(n int64) string {
	switch {
	case n >= 1<<30 && n%(1<<30) == 0:
		return fmt.Sprintf("%d GiB", n>>30)
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}
