package cluster

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"sort"
	"strings"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// NodesBucket is the KV bucket where workers and search nodes write a
// heartbeat: a key per process, each write with a TTL of three
// heartbeats, so that a process that stopped or died drops out of the
// bucket by itself.
const NodesBucket = "aitracker_nodes"

// Node roles in the heartbeats.
const (
	RoleWorker = "worker"
	RoleSearch = "search"
)

// DefaultBeat is how often a process writes its heartbeat.
const DefaultBeat = 5 * time.Second

// Beat is one process's heartbeat.
type Beat struct {
	Role string `json:"role"`
	// Name is the process: "worker@host:pid", "search@host:pid".
	Name    string    `json:"name"`
	Started time.Time `json:"started"`
	At      time.Time `json:"at"`
	// A worker's jobs finished since it started, and when it last
	// finished one.
	Jobs    int64     `json:"jobs,omitempty"`
	LastJob time.Time `json:"last_job,omitzero"`
	// A search node's index watermark and the store's latest sequence
	// number when it wrote the beat, the articles in its index, and
	// where it serves.
	IndexSeq int64  `json:"index_seq,omitempty"`
	StoreSeq int64  `json:"store_seq,omitempty"`
	Articles uint64 `json:"articles,omitempty"`
	URL      string `json:"url,omitempty"`
}

// Lag is how many store writes the search node's index had not taken in
// when it wrote the beat.
func (b Beat) Lag() int64 { return max(0, b.StoreSeq-b.IndexSeq) }

// Nodes is the heartbeat bucket.
type Nodes struct {
	js  jetstream.JetStream
	kv  jetstream.KeyValue
	log *slog.Logger
}

// OpenNodes creates or updates the heartbeat bucket.
func OpenNodes(ctx context.Context, js jetstream.JetStream, log *slog.Logger) (*Nodes, error) {
	kv, err := js.CreateOrUpdateKeyValue(ctx, jetstream.KeyValueConfig{
		Bucket:         NodesBucket,
		Description:    "aitracker: heartbeats of workers and search nodes",
		History:        1,
		LimitMarkerTTL: time.Minute, // per-key TTLs
		Storage:        jetstream.FileStorage,
	})
	if err != nil {
		return nil, fmt.Errorf("cluster: set up bucket %s: %w", NodesBucket, err)
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Nodes{js: js, kv: kv, log: log}, nil
}

// Write writes b, which lives for ttl unless written again.
func (n *Nodes) Write(ctx context.Context, b Beat, ttl time.Duration) error {
	data, err := json.Marshal(b)
	if err != nil {
		return err
	}
	// KeyValue.Put takes no TTL: the same publish, with one.
	msg := &nats.Msg{Subject: "$KV." + NodesBucket + "." + b.Role + "." + hostKey(b.Name), Data: data}
	if _, err := n.js.PublishMsg(ctx, msg, jetstream.WithMsgTTL(msgTTL(ttl))); err != nil {
		return fmt.Errorf("cluster: write the heartbeat of %s: %w", b.Name, err)
	}
	return nil
}

// Remove deletes the heartbeat of a process that stops.
func (n *Nodes) Remove(ctx context.Context, role, name string) error {
	return n.kv.Purge(ctx, role+"."+hostKey(name))
}

// Run writes the heartbeat beat returns every interval until ctx is
// done, then removes it. A write that fails is logged; the next one
// tries again.
func (n *Nodes) Run(ctx context.Context, every time.Duration, beat func(ctx context.Context) Beat) error {
	if every <= 0 {
		every = DefaultBeat
	}
	t := time.NewTicker(every)
	defer t.Stop()
	var last Beat
	for {
		last = beat(ctx)
		if err := n.Write(ctx, last, 3*every); err != nil && ctx.Err() == nil {
			n.log.Warn("heartbeat not written; the next one tries again", "err", err)
		}
		select {
		case <-ctx.Done():
			rctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			n.Remove(rctx, last.Role, last.Name)
			return nil
		case <-t.C:
		}
	}
}

// List returns the heartbeats in the bucket, by role then name.
func (n *Nodes) List(ctx context.Context) ([]Beat, error) {
	keys, err := n.kv.ListKeys(ctx)
	if err != nil {
		return nil, err
	}
	var out []Beat
	for k := range keys.Keys() {
		e, err := n.kv.Get(ctx, k)
		if errors.Is(err, jetstream.ErrKeyNotFound) || errors.Is(err, jetstream.ErrKeyDeleted) {
			continue // gone since it was listed
		}
		if err != nil {
			return nil, err
		}
		var b Beat
		if err := json.Unmarshal(e.Value(), &b); err != nil {
			n.log.Warn("heartbeat not understood; left out", "key", k, "err", err)
			continue
		}
		out = append(out, b)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Role != out[j].Role {
			return out[i].Role < out[j].Role
		}
		return strings.Compare(out[i].Name, out[j].Name) < 0
	})
	return out, nil
}

// msgTTL is d as a message TTL the server takes: whole seconds, at least
// one (it refuses less, and drops fractions).
func msgTTL(d time.Duration) time.Duration {
	return max(time.Second, (d + time.Second - 1).Truncate(time.Second))
}
