package pipeline

import (
	"time"

	"github.com/aitracker/aitracker/ingest"
	"github.com/aitracker/aitracker/news"
)

// The seams tests reach from package pipeline_test.

// SetParsed has f see each source's parsed feed before its articles are
// stored (and panic, block or exit there).
func SetParsed(p *Pipeline, f func(news.Source, *ingest.Result)) { p.parsed = f }

// SetClassify has f tag articles in place of the classifier.
func SetClassify(p *Pipeline, f func(*news.Article) news.Tags) { p.classify = f }

// SetStarted has f told the time each source of a pass starts.
func SetStarted(p *Pipeline, f func(news.Source, time.Time)) { p.started = f }

// SetBatch bounds the articles of one store write (1: a transaction per
// article, as before writes were batched).
func SetBatch(p *Pipeline, n int) { p.batch = n }
