# Conveniences; the README's two commands need none of this.
GO ?= go
FUZZTIME ?= 30s
FUZZJOBS ?= 2

.PHONY: build test race vet bench bench-ingest bench-cluster bench-search fuzz eval quality

build:
	CGO_ENABLED=0 $(GO) build -trimpath -o bin/aitracker ./cmd/aitracker

test:
	$(GO) test ./...

race:
	$(GO) test -race ./...

vet:
	gofmt -l . | (! grep .) && $(GO) vet ./...

# Benchmarks print their figures; BENCHMARKS.md records them.
bench:
	$(GO) test -run '^$$' -bench . -benchmem ./classify ./index ./ingest/extract ./ingest/feed

# 1,000 feeds × 20 items from loopback servers, a first pass and a 304 pass.
bench-ingest:
	$(GO) test -run '^$$' -bench Ingest1000Feeds -benchtime=1x ./pipeline

# The cluster on loopback (embedded NATS): articles/s with 1, 2 and 4
# workers on one SQLite store and on PostgreSQL (Debian's server, started
# by the benchmark; skipped when not installed), search latency on a
# follower while it ingests, and a new search node's catch-up rate.
bench-cluster:
	$(GO) test -run '^$$' -bench Cluster -benchtime 1x -timeout 10m ./cluster

# Search at scale: generate N realistic articles, bulk-index them, then
# latency percentiles of 25 query shapes, size per article and peak RSS.
# The index is kept in SCALE_DIR and reused by a second run with the same N.
N ?= 100000
SCALE_DIR ?= /tmp/aitracker-scale
bench-search:
	mkdir -p $(SCALE_DIR)
	$(GO) test -run '^$$' -bench Scale -benchtime 1x -timeout 6h ./index -scale $(N) -scale-dir $(SCALE_DIR)

# Extraction quality on the shared article corpora (figures in the log).
quality:
	$(GO) test -run 'Quality|Scorer' -v ./ingest/extract | grep -E '^\s+quality_test|^(---|ok|FAIL)'


# Every fuzz target of the module (found by .ci/fuzz with go test -list,
# so new ones need no entry here) for FUZZTIME each, FUZZJOBS at a time.
fuzz:
	GO=$(GO) FUZZTIME=$(FUZZTIME) FUZZJOBS=$(FUZZJOBS) .ci/fuzz

# Classifier quality on the development sets beside the project.
eval:
	$(GO) run ./cmd/aitracker eval --split ../shared/eval/dev-*.jsonl
