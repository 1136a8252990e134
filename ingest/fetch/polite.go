package fetch

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/temoto/robotstxt"

	"github.com/aitracker/aitracker/internal/clock"
)

// hostSlot serialises requests to one host and remembers when the last
// one ended.
type hostSlot struct {
	token chan struct{} // holds one token: taking it is holding the host
	last  time.Time     // guarded by token
	delay time.Duration // Crawl-delay from robots.txt, when longer than the host interval; guarded by hostSlots.mu
}

type hostSlots struct {
	mu    sync.Mutex // guards slots and each slot's delay
	slots map[string]*hostSlot
	clock clock.Clock
}

func (h *hostSlots) slot(host string) *hostSlot {
	h.mu.Lock()
	defer h.mu.Unlock()
	s := h.slots[host]
	if s == nil {
		s = &hostSlot{token: make(chan struct{}, 1)}
		s.token <- struct{}{}
		h.slots[host] = s
	}
	return s
}

// acquire waits for the host to be free and for interval to have passed
// since its last request; release marks the end of the request.
func (h *hostSlots) acquire(ctx context.Context, host string, interval time.Duration) (release func(), err error) {
	s := h.slot(host)
	select {
	case <-s.token:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	// The Crawl-delay is set by robots.txt reads of other requests: it
	// is read under the lock that guards it.
	h.mu.Lock()
	delay := s.delay
	h.mu.Unlock()
	clk := clock.Or(h.clock)
	if wait := s.last.Add(max(interval, delay)).Sub(clk.Now()); wait > 0 && !s.last.IsZero() {
		select {
		case <-clk.After(wait):
		case <-ctx.Done():
			s.token <- struct{}{}
			return nil, ctx.Err()
		}
	}
	return func() {
		s.last = clk.Now()
		s.token <- struct{}{}
	}, nil
}

func (h *hostSlots) setDelay(host string, d time.Duration) {
	s := h.slot(host)
	h.mu.Lock()
	s.delay = d
	h.mu.Unlock()
}

// delayOf is the host's Crawl-delay, 0 when none was set.
func (h *hostSlots) delayOf(host string) time.Duration {
	s := h.slot(host)
	h.mu.Lock()
	defer h.mu.Unlock()
	return s.delay
}

func hostKey(u *url.URL) string { return strings.ToLower(u.Host) }

func (c *Client) hostInterval(string) time.Duration {
	return max(c.opts.HostInterval, 0)
}

// freshness reads how long a response stays fresh from Cache-Control
// max-age (s-maxage is for shared caches, we are a private one) or from
// Expires minus Date. no-cache and no-store give 0.
func freshness(h http.Header, now time.Time) time.Duration {
	cc := strings.ToLower(h.Get("Cache-Control"))
	for _, part := range strings.Split(cc, ",") {
		part = strings.TrimSpace(part)
		switch {
		case part == "no-store" || part == "no-cache":
			return 0
		case strings.HasPrefix(part, "max-age="):
			if n, err := strconv.Atoi(strings.Trim(part[len("max-age="):], `"`)); err == nil && n > 0 {
				return time.Duration(n) * time.Second
			}
			return 0
		}
	}
	if exp := h.Get("Expires"); exp != "" {
		t, err := http.ParseTime(exp)
		if err != nil {
			return 0
		}
		base := now
		if d, err := http.ParseTime(h.Get("Date")); err == nil {
			base = d
		}
		if t.After(base) {
			return t.Sub(base)
		}
	}
	return 0
}

// robotsTTL is how long a host's robots.txt is trusted.
const robotsTTL = 24 * time.Hour

type robotsEntry struct {
	data    *robotstxt.RobotsData
	allowed bool // the verdict when data is nil (unreachable or server error)
	fetched time.Time
	ttl     time.Duration
}

type robotsCache struct {
	mu      sync.Mutex
	entries map[string]*robotsEntry
}

// AllowedByRobots reports whether the site's robots.txt lets aitracker
// fetch rawURL. It is asked for article pages, never for the feed a user
// configured. robots.txt is fetched once a day per host through the same
// guarded, polite client; a Crawl-delay longer than the host interval
// becomes that host's interval, up to a minute. A missing robots.txt (4xx) allows
// everything; one that cannot be read (5xx, timeout) disallows for an
// hour, as the robots exclusion standard asks.
func (c *Client) AllowedByRobots(ctx context.Context, rawURL string) (bool, error) {
	u, err := url.Parse(rawURL)
	if err != nil || u.Host == "" {
		return false, err
	}
	host := hostKey(u)
	c.robots.mu.Lock()
	e := c.robots.entries[host]
	c.robots.mu.Unlock()
	if e == nil || clock.Since(c.opts.Clock, e.fetched) > e.ttl {
		e = c.fetchRobots(ctx, u)
		c.robots.mu.Lock()
		c.robots.entries[host] = e
		c.robots.mu.Unlock()
	}
	if e.data == nil {
		return e.allowed, nil
	}
	group := e.data.FindGroup(agentToken(c.opts.UserAgent))
	if group.CrawlDelay > c.opts.HostInterval {
		c.hosts.setDelay(host, min(group.CrawlDelay, time.Minute))
	}
	path := u.EscapedPath()
	if u.RawQuery != "" {
		path += "?" + u.RawQuery
	}
	return group.Test(path), nil
}

func (c *Client) fetchRobots(ctx context.Context, u *url.URL) *robotsEntry {
	robotsURL := (&url.URL{Scheme: u.Scheme, Host: u.Host, Path: "/robots.txt"}).String()
	e := &robotsEntry{fetched: c.opts.Clock.Now(), ttl: robotsTTL}
	resp, err := c.Get(ctx, Request{URL: robotsURL})
	var se *StatusError
	switch {
	case err == nil:
		data, perr := robotstxt.FromStatusAndBytes(resp.StatusCode, resp.Body)
		if perr != nil {
			e.allowed = true // an unparsable file says nothing
			return e
		}
		e.data = data
	case errors.As(err, &se) && se.Code >= 400 && se.Code < 500:
		e.allowed = true
	default:
		e.allowed, e.ttl = false, time.Hour
	}
	return e
}

// agentToken is the product token of a User-Agent ("aitracker/0.1 (+…)"
// gives "aitracker"), which robots.txt groups name.
func agentToken(ua string) string {
	if i := strings.IndexAny(ua, "/ "); i > 0 {
		return ua[:i]
	}
	return ua
}
