// Package cluster runs ingestion past one machine on NATS JetStream: a
// Scheduler decides which sources are due, as a pass does
// (pipeline.Due), and queues one job per due source; any number of
// Workers, on any machines, take jobs and read each source as a pass
// reads it (pipeline.ReadSource: fetch, parse, extract, classify, store,
// and the fetch state on the source's row in the shared store); Hosts
// keeps fetching polite across all of them.
//
// The queue is one work-queue stream, AITRACKER_JOBS, with a subject per
// source (aitracker.jobs.<source id>), one message per subject at most
// and new messages refused when a subject has one (DiscardNewPerSubject).
// A source is therefore never queued twice while a job for it is
// outstanding, whoever publishes and however often: the stream refuses
// the second job in the same step that would store it, and the job
// leaves the stream only when a worker acks it. That is exact where the
// alternatives are not: Nats-Msg-Id de-duplication holds only within the
// duplicate window (a job waiting longer than the window could be queued
// again, and a source read and due again within it could not be), and a
// KV "queued" marker is a second record to keep in step with the stream
// (a worker dying between the ack and clearing the marker would keep a
// source off the queue for good).
//
// A worker acks a job only after the source's articles and fetch state
// are committed (DoubleAck: it waits until the server has the ack). A
// worker that dies or is cut off mid-source does not ack: the job is
// delivered again once AckWait passes, to whichever worker asks next; a
// worker told to stop gives its job back at once (Nak). While a long
// source is read the worker tells the server it is alive (InProgress)
// every third of AckWait. A second read stores nothing twice: articles
// are unique on their source and dedup key (the canonical URL, or the
// GUID with it), and an unchanged article is not written at all. A job
// delivered too many times without being finished (workers keep dying on
// it) is not read again: the source is recorded as failed, with the
// back-off of a permanent failure, so that one poison feed cannot take
// down every worker in turn.
//
// Politeness across workers is a JetStream KV lease per host (bucket
// aitracker_hosts). Taking a host is creating its lease key, which
// succeeds for one creator only and carries a TTL, so that a worker that
// dies holding it frees it by itself; giving it back writes the host's
// "last request ended" key and deletes the lease, checked against the
// lease's revision. The wait between two requests is measured on the
// NATS server's clock (the lease's creation against the last request's
// end), so that machines whose clocks disagree still keep host_interval.
// A lease per host was chosen over per-host subjects with one message in
// flight: requests to one host come from feeds, article pages and
// robots.txt of any source, in the middle of reading a source, so that
// politeness has to be taken around each request, not around a job; a
// lease does exactly that, and costs nothing for hosts nobody is
// fetching from.
//
// Search nodes follow the store: a Follower keeps a node's own index
// current by sequence number (see Follower for why it polls). Lease
// elects one leader among any number of processes, over a KV key with a
// TTL, for what must run once (the search nodes' command merges events
// and sends digests under it). Nodes holds the heartbeats workers and
// search nodes write, and ReadStatus reads the queue, the heartbeats and
// the leader for "aitracker cluster status".
//
// It does not merge events or send digests itself (the leader's command
// does), and it keeps no state of its own outside JetStream and the
// store.
package cluster
