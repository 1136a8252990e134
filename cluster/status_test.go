package cluster

import (
	"context"
	"testing"
	"time"
)

// TestStatus: the queue's depth, the workers and search nodes whose
// heartbeat is current with each node's lag against the store, and the
// leader; a heartbeat not written again drops out after its TTL.
func TestStatus(t *testing.T) {
	ctx := context.Background()
	c := newCluster(t)
	_, js := c.connect()
	empty, err := ReadStatus(ctx, js, -1)
	if err != nil {
		t.Fatal(err)
	}
	if empty.Queue.Depth != 0 || len(empty.Workers) != 0 || len(empty.SearchNodes) != 0 || empty.Leader != "" {
		t.Errorf("status of a new cluster: %+v", empty)
	}
	f := newFeeds(t, 2, 6)
	s := c.scheduler(f.sources())
	if r, err := s.QueueDue(ctx); err != nil || r.Queued != 6 {
		t.Fatalf("round: %s, %v", r, err)
	}
	nodes, err := OpenNodes(ctx, js, c.log)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now().UTC()
	for _, b := range []Beat{
		{Role: RoleWorker, Name: "worker@m1:10", Started: now, At: now, Jobs: 3},
		{Role: RoleSearch, Name: "search@m2:20", Started: now, At: now, IndexSeq: 40, StoreSeq: 45, Articles: 38},
		{Role: RoleSearch, Name: "search@m3:30", Started: now, At: now, IndexSeq: 50, StoreSeq: 50, Articles: 44},
	} {
		if err := nodes.Write(ctx, b, time.Minute); err != nil {
			t.Fatal(err)
		}
	}
	if err := nodes.Write(ctx, Beat{Role: RoleWorker, Name: "worker@gone:1", At: now}, time.Second); err != nil {
		t.Fatal(err)
	}
	c.lead("search@m2:20", 10*time.Second, func(ctx context.Context) error { <-ctx.Done(); return nil })
	eventually(t, "the leader", func() bool { who, _ := Leader(ctx, js); return who != "" })
	eventually(t, "the short heartbeat to expire", func() bool {
		st, err := ReadStatus(ctx, js, 60)
		return err == nil && len(st.Workers) == 1
	})
	st, err := ReadStatus(ctx, js, 60)
	if err != nil {
		t.Fatal(err)
	}
	if st.Queue.Depth != 6 || st.Queue.Pending != 6 || st.Queue.Taken != 0 {
		t.Errorf("queue %+v, want 6 jobs waiting", st.Queue)
	}
	if len(st.Workers) != 1 || st.Workers[0].Name != "worker@m1:10" || st.Workers[0].Jobs != 3 {
		t.Errorf("workers %+v", st.Workers)
	}
	if len(st.SearchNodes) != 2 || st.SearchNodes[0].Lag != 20 || st.SearchNodes[1].Lag != 10 || st.SearchNodes[0].Beat.Lag() != 5 {
		t.Errorf("search nodes %+v, want lags 20 and 10 against the store's 60", st.SearchNodes)
	}
	if st.Leader != "search@m2:20" {
		t.Errorf("leader %q", st.Leader)
	}
	// Without the store, a node's lag is the one it saw.
	st, err = ReadStatus(ctx, js, -1)
	if err != nil || st.SearchNodes[0].Lag != 5 || st.SearchNodes[1].Lag != 0 {
		t.Errorf("without the store: %+v, %v", st.SearchNodes, err)
	}
}

func TestMsgTTL(t *testing.T) {
	for _, tc := range []struct{ in, want time.Duration }{
		{0, time.Second},
		{200 * time.Millisecond, time.Second},
		{600 * time.Millisecond, time.Second},
		{time.Second, time.Second},
		{1500 * time.Millisecond, 2 * time.Second},
		{15 * time.Second, 15 * time.Second},
	} {
		if got := msgTTL(tc.in); got != tc.want {
			t.Errorf("msgTTL(%s) = %s, want %s", tc.in, got, tc.want)
		}
	}
}
