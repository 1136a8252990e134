package ingest

import (
	"errors"

	"github.com/aitracker/aitracker/ingest/feed"
	"github.com/aitracker/aitracker/ingest/fetch"
)

// Explain says in plain words, for the person who runs the tracker, why
// a source could not be read: the fetcher's words for a failed fetch
// (fetch.Explain), and what was wrong with what it fetched. It is "" when
// the error says it best itself.
func Explain(err error) string {
	switch {
	case errors.Is(err, feed.ErrNotAFeed):
		return "what the address returned is not a feed (RSS, Atom or JSON Feed): it may be a web page, or the feed moved"
	case errors.Is(err, feed.ErrTooDeep):
		return "the feed nests its elements too deeply to be read safely"
	case errors.Is(err, ErrNoItems):
		return "the item selector matched nothing on the page: the site changed its markup, or the selectors need fixing"
	}
	return fetch.Explain(err)
}
