// Command aitracker is a self-hosted news and funding tracker for the AI
// industry: it ingests feeds on a schedule, tags every article by company,
// layer and event type, merges articles into events, mails digests and
// serves full-text search. Run "aitracker help" for the commands.
//
// The command owns the process: the signal context, the one logger, the
// configuration it loads and validates, and the wiring of the stages for
// each subcommand. A data command opens the same way (dataCmd: flags,
// configuration, logger, store, then the events or the index as it
// needs), prints a list the same way (listing: JSON, a line saying there
// is nothing, or a table), and the daemon ("run", "demo") is a Main whose
// parts run in one errgroup and are all waited for on Close (within the
// shutdown grace, past which the process exits and the next start
// catches up).
//
// It must not hold stage logic: fetching, classifying, merging, indexing
// and sending live in their packages and are only called from here.
// Process-wide settings (signals, the logger, the runtime's tuning)
// belong here: a library must not set them, nor read from the
// environment what it needs; it is passed down. Its package-level values
// are fixed tables (the commands, the listings) and one lock, bulkMu,
// which keeps apart the bulk builds that change the collector's settings;
// nothing else. Its HTTP requests go through clients of its own, never
// http.DefaultClient.
package main
