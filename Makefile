# Conveniences; the README's two commands need none of this.
GO ?= go
FUZZTIME ?= 30s

.PHONY: build test race vet bench bench-ingest fuzz eval quality

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
	$(GO) test -run '^$$' -bench . -benchmem ./classify ./index ./ingest/extract

# 1,000 feeds × 20 items from loopback servers, a first pass and a 304 pass.
bench-ingest:
	$(GO) test -run '^$$' -bench Ingest1000Feeds -benchtime=1x ./pipeline

# Extraction quality on the shared article corpora (figures in the log).
quality:
	$(GO) test -run 'Quality|Scorer' -v ./ingest/extract | grep -E '^\s+quality_test|^(---|ok|FAIL)'


# Every fuzz target for FUZZTIME each.
fuzz:
	$(GO) test ./config   -run '^$$' -fuzz FuzzParse         -fuzztime $(FUZZTIME)
	$(GO) test ./ingest/feed -run '^$$' -fuzz FuzzParseFeed  -fuzztime $(FUZZTIME)
	$(GO) test ./ingest   -run '^$$' -fuzz FuzzCanonicalURL  -fuzztime $(FUZZTIME)
	$(GO) test ./ingest/charset -run '^$$' -fuzz FuzzDecode  -fuzztime $(FUZZTIME)
	$(GO) test ./ingest/extract -run '^$$' -fuzz FuzzExtract -fuzztime $(FUZZTIME)
	$(GO) test ./classify -run '^$$' -fuzz FuzzClassify      -fuzztime $(FUZZTIME)
	$(GO) test ./index    -run '^$$' -fuzz FuzzParseQuery    -fuzztime $(FUZZTIME)

# Classifier quality on the development sets beside the project.
eval:
	$(GO) run ./cmd/aitracker eval ../shared/eval/dev-en.jsonl ../shared/eval/dev-zh.jsonl
