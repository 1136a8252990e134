package cluster

import (
	"context"
	"errors"
	"fmt"

	"github.com/nats-io/nats.go/jetstream"
)

// Status is the state of a cluster as JetStream and the store see it.
type Status struct {
	// Queue is the work queue: jobs in it (taken or not), waiting for a
	// worker, and being read.
	Queue QueueStatus `json:"queue"`
	// Workers and SearchNodes are the processes whose heartbeat is
	// current.
	Workers     []Beat `json:"workers"`
	SearchNodes []Node `json:"search_nodes"`
	// Leader holds the leader's lease; "" when nobody does.
	Leader string `json:"leader"`
	// StoreSeq is the store's latest sequence number, when the store
	// could be read (-1 otherwise); each search node's lag is measured
	// against it.
	StoreSeq int64 `json:"store_seq"`
}

// QueueStatus is the work queue's depth.
type QueueStatus struct {
	Depth   uint64 `json:"depth"`
	Pending uint64 `json:"pending"`
	Taken   int    `json:"taken"`
}

// Node is a search node's heartbeat and its lag behind the store now.
type Node struct {
	Beat
	// Lag is the store's latest sequence number less the node's index
	// watermark at its last heartbeat (Beat.Lag when the store could not
	// be read).
	Lag int64 `json:"lag"`
}

// ReadStatus reads the cluster's state; storeSeq is the store's latest
// sequence number, or -1 when the store could not be read.
func ReadStatus(ctx context.Context, js jetstream.JetStream, storeSeq int64) (Status, error) {
	st := Status{Workers: []Beat{}, SearchNodes: []Node{}, StoreSeq: storeSeq}
	stream, err := js.Stream(ctx, JobsStream)
	switch {
	case errors.Is(err, jetstream.ErrStreamNotFound):
		// No scheduler or worker ever ran: an empty queue.
	case err != nil:
		return st, fmt.Errorf("cluster: read stream %s: %w", JobsStream, err)
	default:
		info, err := stream.Info(ctx)
		if err != nil {
			return st, fmt.Errorf("cluster: read stream %s: %w", JobsStream, err)
		}
		st.Queue.Depth = info.State.Msgs
		if c, err := stream.Consumer(ctx, WorkersConsumer); err == nil {
			ci, err := c.Info(ctx)
			if err != nil {
				return st, fmt.Errorf("cluster: read consumer %s: %w", WorkersConsumer, err)
			}
			st.Queue.Pending, st.Queue.Taken = ci.NumPending, ci.NumAckPending
		} else {
			st.Queue.Pending = info.State.Msgs
		}
	}
	nodes, err := OpenNodes(ctx, js, nil)
	if err != nil {
		return st, err
	}
	beats, err := nodes.List(ctx)
	if err != nil {
		return st, fmt.Errorf("cluster: read bucket %s: %w", NodesBucket, err)
	}
	for _, b := range beats {
		switch b.Role {
		case RoleWorker:
			st.Workers = append(st.Workers, b)
		case RoleSearch:
			n := Node{Beat: b, Lag: b.Lag()}
			if storeSeq >= 0 {
				n.Lag = max(0, storeSeq-b.IndexSeq)
			}
			st.SearchNodes = append(st.SearchNodes, n)
		}
	}
	if st.Leader, err = Leader(ctx, js); err != nil {
		return st, fmt.Errorf("cluster: read bucket %s: %w", LeaderBucket, err)
	}
	return st, nil
}
