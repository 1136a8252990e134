package cluster

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/nats-io/nats.go/jetstream"
)

// HostsBucket is the KV bucket of host leases.
const HostsBucket = "aitracker_hosts"

// Hosts is politeness shared by every worker: one request at a time to a
// host, and the host interval between two, whichever workers make them
// (see the package comment). It is a fetch.HostGate.
type Hosts struct {
	kv     jetstream.KeyValue
	holder []byte
	hold   time.Duration
	poll   time.Duration
	log    *slog.Logger
}

// HostsOptions set up the leases.
type HostsOptions struct {
	// Holder names who holds a lease, for an operator reading the
	// bucket: "worker@host:pid".
	Holder string
	// MaxRequest is the longest a request may take (the fetch timeout);
	// a lease lives that long plus the interval and a margin, after which
	// a holder that died no longer holds the host.
	MaxRequest time.Duration
	Logger     *slog.Logger
}

// leaseMargin is added to a lease's life beyond the longest request: the
// time to give it back, a pause of the process.
const leaseMargin = 10 * time.Second

// OpenHosts creates or updates the bucket of host leases.
func OpenHosts(ctx context.Context, js jetstream.JetStream, o HostsOptions) (*Hosts, error) {
	if o.MaxRequest <= 0 {
		o.MaxRequest = 30 * time.Second
	}
	kv, err := js.CreateOrUpdateKeyValue(ctx, jetstream.KeyValueConfig{
		Bucket:      HostsBucket,
		Description: "aitracker: one request at a time per host, host_interval apart, across workers",
		History:     1,
		// A host's last request matters for the interval only, a minute
		// at most (a robots.txt Crawl-delay): an hour-old one may go.
		TTL: time.Hour,
		// Per-key TTLs (a lease dies with its holder), and markers that
		// tell watchers a lease expired.
		LimitMarkerTTL: time.Minute,
		Storage:        jetstream.FileStorage,
	})
	if err != nil {
		return nil, fmt.Errorf("cluster: set up bucket %s: %w", HostsBucket, err)
	}
	log := o.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Hosts{kv: kv, holder: []byte(o.Holder), hold: o.MaxRequest + leaseMargin, poll: time.Second, log: log}, nil
}

// Acquire waits until no other worker holds host and interval has
// passed since the last request to it ended, and holds it; release
// gives it back, noting that a request ended now.
func (h *Hosts) Acquire(ctx context.Context, host string, interval time.Duration) (release func(), err error) {
	key := hostKey(host)
	lease, last := "lease."+key, "last."+key
	// The lease covers the wait for the interval and the request.
	ttl := h.hold + max(interval, 0)
	var rev uint64
	for {
		rev, err = h.kv.Create(ctx, lease, h.holder, jetstream.KeyTTL(ttl))
		if err == nil {
			break
		}
		if !taken(err) {
			return nil, fmt.Errorf("cluster: take host %s: %w", host, err)
		}
		if err := h.waitFree(ctx, lease); err != nil {
			return nil, err
		}
	}
	release = func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		// The end first, then the lease: whoever takes the host next
		// sees this request's end.
		if _, err := h.kv.Put(ctx, last, h.holder); err != nil {
			h.log.Warn("the end of a request to this host was not recorded; the next worker may not wait the host interval", "host", host, "err", err)
		}
		if err := h.kv.Delete(ctx, lease, jetstream.LastRevision(rev)); err != nil {
			h.log.Warn("the lease of this host was not given back; it expires by itself", "host", host, "ttl", ttl.String(), "err", err)
		}
	}
	// Both times are the server's: the lease's creation and the end of
	// the host's last request.
	e, err := h.kv.Get(ctx, lease)
	if err != nil || e.Revision() != rev {
		release()
		return nil, fmt.Errorf("cluster: read the lease of host %s: %v", host, cmpErr(err, "lease lost"))
	}
	prev, err := h.kv.Get(ctx, last)
	switch {
	case errors.Is(err, jetstream.ErrKeyNotFound):
		return release, nil
	case err != nil:
		release()
		return nil, fmt.Errorf("cluster: read the last request to host %s: %w", host, err)
	}
	if wait := prev.Created().Add(interval).Sub(e.Created()); wait > 0 {
		t := time.NewTimer(wait)
		defer t.Stop()
		select {
		case <-t.C:
		case <-ctx.Done():
			// Nothing was requested: the lease goes without a new end.
			dctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			h.kv.Delete(dctx, lease, jetstream.LastRevision(rev))
			return nil, ctx.Err()
		}
	}
	return release, nil
}

// waitFree returns when the lease is deleted or expires, or after a
// poll interval in case the news of it was missed.
func (h *Hosts) waitFree(ctx context.Context, lease string) error {
	w, err := h.kv.Watch(ctx, lease)
	if err != nil {
		return fmt.Errorf("cluster: watch %s: %w", lease, err)
	}
	defer w.Stop()
	t := time.NewTimer(h.poll)
	defer t.Stop()
	for {
		select {
		case e := <-w.Updates():
			if e != nil && e.Operation() != jetstream.KeyValuePut {
				return nil
			}
		case <-t.C:
			return nil
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// taken reports whether creating a lease failed because it exists.
func taken(err error) bool {
	var ae *jetstream.APIError
	return errors.Is(err, jetstream.ErrKeyExists) || errors.As(err, &ae) &&
		(ae.ErrorCode == jetstream.JSErrCodeStreamWrongLastSequence || ae.ErrorCode == jetstream.JSErrCodeStreamWrongLastSequenceConstant)
}

func cmpErr(err error, otherwise string) error {
	if err != nil {
		return err
	}
	return errors.New(otherwise)
}

// hostKey spells a host ("news.example:443", "[::1]:8080") as a key:
// letters, digits and '-' as they are, any other byte as =XX.
func hostKey(host string) string {
	var b strings.Builder
	for i := 0; i < len(host); i++ {
		c := host[i]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "=%02X", c)
		}
	}
	return b.String()
}
