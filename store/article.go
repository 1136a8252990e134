package store

import (
	"time"

	"github.com/aitracker/aitracker/dedupe"
	"github.com/aitracker/aitracker/news"
)

// SaveResult says what SaveArticle did.
type SaveResult int

// What SaveArticle can do with an article.
const (
	Unchanged SaveResult = iota // already stored with the same content and tags
	Created                     // a new article
	Updated                     // same item, new content or new tags
)

// String names the result: "unchanged", "created" or "updated".
func (r SaveResult) String() string {
	return [...]string{"unchanged", "created", "updated"}[r]
}

// Known is what the store has of an item, for deciding whether a fetched
// item needs any work.
type Known struct {
	ID          int64
	ContentHash string
	Version     string // classifier version of the stored tags
	Body        string
	BodySource  string
	URL         string
}

// Candidate is a company name the classifier took from how headlines are
// built, not from the taxonomy.
type Candidate struct {
	Name      string     `json:"name"`
	Articles  int        `json:"articles"`
	Layer     news.Layer `json:"layer"`
	LastSeen  time.Time  `json:"last_seen"`
	Example   string     `json:"example"`
	ExampleID int64      `json:"example_article"`
}

// Save is one article of a batch for SaveArticles: the article and the
// look-up that finds what it repeats, then what became of it.
type Save struct {
	Article *news.Article
	Dup     dedupe.Query
	Result  SaveResult
	Err     error
}
