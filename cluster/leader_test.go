package cluster

import (
	"context"
	"fmt"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aitracker/aitracker/config"
	"github.com/aitracker/aitracker/dedupe"
	"github.com/aitracker/aitracker/digest"
	"github.com/aitracker/aitracker/internal/clock"
	"github.com/aitracker/aitracker/internal/mailtest"
	"github.com/aitracker/aitracker/internal/pgtest"
	"github.com/aitracker/aitracker/news"
	"github.com/aitracker/aitracker/pipeline"
)

// overlap measures how many leaders' work runs at once.
type overlap struct {
	now, most atomic.Int32
	runs      atomic.Int32
}

func (o *overlap) enter() {
	o.runs.Add(1)
	n := o.now.Add(1)
	for {
		m := o.most.Load()
		if n <= m || o.most.CompareAndSwap(m, n) {
			return
		}
	}
}

func (o *overlap) leave() { o.now.Add(-1) }

// leading is a process campaigning for the lease.
type leading struct {
	lease  *Lease
	cancel context.CancelFunc
	done   chan error
	once   sync.Once
}

func (c *cluster) lead(name string, ttl time.Duration, work func(ctx context.Context) error) *leading {
	c.t.Helper()
	_, js := c.connect()
	l, err := OpenLease(context.Background(), js, LeaseOptions{Holder: name, TTL: ttl, Logger: c.log})
	if err != nil {
		c.t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	ld := &leading{lease: l, cancel: cancel, done: make(chan error, 1)}
	go func() { ld.done <- l.Lead(ctx, work) }()
	c.t.Cleanup(func() { ld.stop() })
	return ld
}

// stop stops campaigning and waits for Lead to return.
func (ld *leading) stop() {
	ld.once.Do(func() {
		ld.cancel()
		<-ld.done
	})
}

// TestTwoLeadersSendDigestsOnce: two nodes, each with its own data
// directory (so its own digest lock file, which the other cannot see),
// both try to send the day's digests to a real SMTP server on loopback
// over and over; the lease lets one of them at a time do it, and each
// subscriber gets exactly one message. Without the lease both senders
// run at once (checked: the overlap reaches 2).
func TestTwoLeadersSendDigestsOnce(t *testing.T) {
	ctx := context.Background()
	c := newCluster(t)
	// The digest ledger is in PostgreSQL, the store of record of a cluster.
	c.usePostgres(pgtest.Private(t))
	created := time.Date(2026, 11, 28, 6, 0, 0, 0, time.UTC)
	sendAt := time.Date(2026, 11, 28, 8, 0, 0, 0, time.UTC)
	srcs, err := c.st.SyncSources(ctx, []news.Source{{Name: "Wire", URL: "http://127.0.0.1/wire", Kind: news.KindFeed, Enabled: true}})
	if err != nil {
		t.Fatal(err)
	}
	for i, name := range []string{"Acme Robotics", "Beta Data", "Gamma Vector"} {
		a := &news.Article{SourceID: srcs[0].ID, DedupKey: fmt.Sprint(i), URL: fmt.Sprintf("https://news.example/%d", i),
			Title: name + " raises $40M", Lang: "en", Published: created, Fetched: created,
			Tags: news.Tags{Version: "test", EventType: news.EventFunding, Primary: name, Layer: news.LayerApplication,
				Status: news.StatusCompleted, Fields: news.Fields{Amount: 40e6, Currency: "USD", AmountUSD: 40e6}}}
		a.ContentHash = dedupe.ContentHash(a)
		if _, err := c.st.SaveArticle(ctx, a, dedupe.For(a)); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := pipeline.UpdateEvents(ctx, c.st, c.log, created); err != nil {
		t.Fatal(err)
	}
	const subscribers = 40
	var subs []news.Subscriber
	for i := range subscribers {
		sub := news.Subscriber{Email: fmt.Sprintf("s%02d@example.org", i), Frequency: "daily", SendAt: "07:00", TZ: "UTC",
			Created: created.Add(-24 * time.Hour)}
		if err := c.st.AddSubscriber(ctx, &sub); err != nil {
			t.Fatal(err)
		}
		subs = append(subs, sub)
	}
	ms := mailtest.Start(t)
	cfg := config.Default().Digest
	cfg.From = "aitracker <digest@tracker.example>"
	cfg.BaseURL = "https://tracker.example"
	cfg.Secret = "a-secret-of-at-least-16-bytes"
	cfg.SMTP.Host, cfg.SMTP.Port, cfg.SMTP.StartTLS = "127.0.0.1", ms.Port, "never"
	cfg.SMTP.Timeout = config.Dur(time.Minute)
	cfg.Workers = 2

	var o overlap
	var sent atomic.Int32
	node := func(name string) *leading {
		s := &digest.Sender{Store: c.st, Config: cfg, Keys: digest.KeysFor(cfg), Logger: c.log,
			LockPath: filepath.Join(t.TempDir(), "digest.lock"), Clock: clock.Func(func() time.Time { return sendAt })}
		return c.lead(name, 3*time.Second, func(ctx context.Context) error {
			// The leader's loop: send what is due, again and again.
			for ctx.Err() == nil {
				o.enter()
				rep, err := s.Run(ctx, digest.Options{})
				o.leave()
				sent.Add(int32(rep.Sent))
				if err != nil && ctx.Err() == nil {
					return err
				}
				sleepCtx(ctx, 5*time.Millisecond)
			}
			return nil
		})
	}
	nodes := []*leading{node("search@a"), node("search@b")}
	eventually(t, "every digest to be sent", func() bool { return ms.Count() >= subscribers })
	// Let the leader run its loop a few more times: nothing more goes.
	runs := o.runs.Load()
	eventually(t, "more runs", func() bool { return o.runs.Load() >= runs+5 })
	for _, n := range nodes {
		n.stop()
	}
	got := mailtest.ByRecipient(ms.Messages())
	for _, sub := range subs {
		if got[sub.Email] != 1 {
			t.Errorf("%s got %d messages, want 1", sub.Email, got[sub.Email])
		}
	}
	if n := ms.Count(); n != subscribers || sent.Load() != subscribers {
		t.Errorf("%d messages on the server, %d reported sent; want %d", n, sent.Load(), subscribers)
	}
	if m := o.most.Load(); m != 1 {
		t.Errorf("%d senders ran at once, want 1", m)
	}
}

// TestLeaseMovesWhenHolderStopsRenewing: the holder is cut off from the
// server (its connection closed, as a partition or a dead process
// would): its work is stopped, and once the lease's TTL has passed the
// other process takes it and runs its work; their work never overlaps.
func TestLeaseMovesWhenHolderStopsRenewing(t *testing.T) {
	ctx := context.Background()
	c := newCluster(t)
	const ttl = 3 * time.Second
	var o overlap
	started := map[string]chan struct{}{"a": make(chan struct{}), "b": make(chan struct{})}
	stopped := map[string]chan struct{}{"a": make(chan struct{}), "b": make(chan struct{})}
	work := func(name string) func(ctx context.Context) error {
		var once sync.Once
		return func(ctx context.Context) error {
			o.enter()
			once.Do(func() { close(started[name]) })
			<-ctx.Done()
			o.leave()
			select {
			case <-stopped[name]:
			default:
				close(stopped[name])
			}
			return nil
		}
	}
	a := c.lead("a", ttl, work("a"))
	<-started["a"]
	_, js := c.connect()
	if who, err := Leader(ctx, js); err != nil || who != "a" {
		t.Fatalf("leader %q (%v), want a", who, err)
	}
	c.lead("b", ttl, work("b"))
	// b waits while a renews: two renewals pass.
	time.Sleep(ttl)
	select {
	case <-started["b"]:
		t.Fatal("b led while a held the lease")
	default:
	}
	a.lease.js.Conn().Close()
	<-stopped["a"]
	<-started["b"]
	if who, err := Leader(ctx, js); err != nil || who != "b" {
		t.Errorf("leader %q (%v), want b", who, err)
	}
	if m := o.most.Load(); m != 1 {
		t.Errorf("%d leaders' work ran at once, want 1", m)
	}
}
