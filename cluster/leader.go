package cluster

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// LeaderBucket is the KV bucket that holds the leader's lease.
const LeaderBucket = "aitracker_leader"

// leaderKey is the lease's key in LeaderBucket.
const leaderKey = "leader"

// DefaultLeaseTTL is how long a lease lives without being renewed.
const DefaultLeaseTTL = 15 * time.Second

// Lease elects one leader among any number of processes: the one whose
// key in LeaderBucket is there. Taking the lease is creating the key,
// which succeeds for one creator only; the holder renews it every third
// of its TTL by writing it again with the revision it last wrote (an
// update that fails if anyone else wrote in between), each write carrying
// the TTL, so that a holder that dies or is cut off loses the lease by
// itself once the TTL passes, and another process creates the key again.
//
// A holder that cannot renew (the server does not answer, or the key is
// no longer its own) stops its work at once: a renewal that fails is
// known within two thirds of the TTL (a third to the next renewal, a
// third for the server's answer), before the lease can pass to anyone
// else, so that two leaders' work does not overlap unless a process
// stalls for longer than a third of the TTL between two checks. What the
// leader does is safe under such an overlap anyway (the digest ledger's
// claim, event merging in one transaction per group); the lease is there
// so that the work runs once, not to make it correct.
type Lease struct {
	kv     jetstream.KeyValue
	js     jetstream.JetStream
	holder string
	ttl    time.Duration
	log    *slog.Logger
}

// LeaseOptions set up a Lease.
type LeaseOptions struct {
	// Holder names the process that holds the lease: "search@host:pid".
	Holder string
	// TTL is how long the lease lives without a renewal
	// (DefaultLeaseTTL); whole seconds, at least one, as the server
	// keeps message TTLs.
	TTL    time.Duration
	Logger *slog.Logger
}

// OpenLease creates or updates the leader's bucket.
func OpenLease(ctx context.Context, js jetstream.JetStream, o LeaseOptions) (*Lease, error) {
	if o.TTL <= 0 {
		o.TTL = DefaultLeaseTTL
	}
	o.TTL = msgTTL(o.TTL)
	kv, err := leaderBucket(ctx, js)
	if err != nil {
		return nil, err
	}
	log := o.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Lease{kv: kv, js: js, holder: o.Holder, ttl: o.TTL, log: log}, nil
}

func leaderBucket(ctx context.Context, js jetstream.JetStream) (jetstream.KeyValue, error) {
	kv, err := js.CreateOrUpdateKeyValue(ctx, jetstream.KeyValueConfig{
		Bucket:         LeaderBucket,
		Description:    "aitracker: the one process that merges events and sends digests",
		History:        1,
		LimitMarkerTTL: time.Minute, // per-key TTLs
		Storage:        jetstream.FileStorage,
	})
	if err != nil {
		return nil, fmt.Errorf("cluster: set up bucket %s: %w", LeaderBucket, err)
	}
	return kv, nil
}

// Lead campaigns for the lease until ctx is done. Whenever it holds the
// lease it runs work with a context that ends when the lease is lost (or
// ctx is done); work that returns while the lease is held is run again
// after a TTL's pause, and an error it returns is logged. Lead returns
// nil when ctx is done, after work has returned; it gives the lease back
// (deletes the key) so that another process takes it at once.
func (l *Lease) Lead(ctx context.Context, work func(ctx context.Context) error) error {
	for ctx.Err() == nil {
		rev, err := l.kv.Create(ctx, leaderKey, []byte(l.holder), jetstream.KeyTTL(l.ttl))
		switch {
		case err == nil:
			l.log.Info("leader: lease taken", "holder", l.holder, "ttl", l.ttl.String())
			l.hold(ctx, rev, work)
			continue
		case ctx.Err() != nil:
			return nil
		case !taken(err):
			l.log.Warn("leader: taking the lease failed; trying again", "err", err)
		}
		if err := l.waitFree(ctx); err != nil {
			return nil
		}
	}
	return nil
}

// hold runs work while it renews the lease of revision rev; it returns
// once the lease is lost or given back and work has returned.
func (l *Lease) hold(ctx context.Context, rev uint64, work func(ctx context.Context) error) {
	wctx, lost := context.WithCancel(ctx)
	defer lost()
	done := make(chan struct{})
	go func() {
		defer close(done)
		for wctx.Err() == nil {
			if err := work(wctx); err != nil && wctx.Err() == nil {
				l.log.Error("leader: work failed; run again after a pause", "err", err)
			}
			select {
			case <-wctx.Done():
			case <-time.After(l.ttl):
			}
		}
	}()
	t := time.NewTicker(l.ttl / 3)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			lost()
			<-done
			// Given back so that another process need not wait for the TTL.
			dctx, cancel := context.WithTimeout(context.Background(), l.ttl/3)
			defer cancel()
			l.kv.Delete(dctx, leaderKey, jetstream.LastRevision(rev))
			l.log.Info("leader: lease given back", "holder", l.holder)
			return
		case <-done:
			return
		case <-t.C:
			var err error
			if rev, err = l.renew(ctx, rev); err != nil {
				lost()
				<-done
				if ctx.Err() == nil {
					l.log.Warn("leader: lease lost; work stopped", "holder", l.holder, "err", err)
				}
				return
			}
		}
	}
}

// renew writes the lease again over revision rev, with its TTL, and
// returns the new revision; it fails when anyone else wrote the key
// since, or the key expired, or the server does not answer within a
// third of the TTL.
func (l *Lease) renew(ctx context.Context, rev uint64) (uint64, error) {
	ctx, cancel := context.WithTimeout(ctx, l.ttl/3)
	defer cancel()
	// KeyValue.Update takes no TTL: the same publish, with one.
	msg := &nats.Msg{Subject: "$KV." + LeaderBucket + "." + leaderKey, Data: []byte(l.holder)}
	ack, err := l.js.PublishMsg(ctx, msg, jetstream.WithExpectLastSequencePerSubject(rev), jetstream.WithMsgTTL(l.ttl))
	if err != nil {
		return 0, fmt.Errorf("cluster: renew the leader's lease: %w", err)
	}
	return ack.Sequence, nil
}

// waitFree returns when the lease is deleted or expires, or after a
// third of the TTL in case the news of it was missed.
func (l *Lease) waitFree(ctx context.Context) error {
	w, err := l.kv.Watch(ctx, leaderKey, jetstream.UpdatesOnly())
	if err != nil {
		return sleepCtx(ctx, l.ttl/3)
	}
	defer w.Stop()
	t := time.NewTimer(l.ttl / 3)
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

func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Leader is who holds the lease now; "" when nobody does.
func Leader(ctx context.Context, js jetstream.JetStream) (string, error) {
	kv, err := js.KeyValue(ctx, LeaderBucket)
	if errors.Is(err, jetstream.ErrBucketNotFound) {
		return "", nil
	}
	if err != nil {
		return "", err
	}
	e, err := kv.Get(ctx, leaderKey)
	switch {
	case errors.Is(err, jetstream.ErrKeyNotFound):
		return "", nil
	case err != nil:
		return "", err
	}
	return string(e.Value()), nil
}
