package store

import (
	"encoding/json"
	"fmt"

	"github.com/aitracker/aitracker/dedupe"
	"github.com/aitracker/aitracker/news"
)

// What both backends do the same way, whatever their SQL.

// syncedSources is what SyncSources returns once list is written: the
// configured sources in list order, with their selectors (all holds every
// row), then the enabled imported ones.
func syncedSources(list, all []news.Source) []news.Source {
	byURL := make(map[string]news.Source, len(all))
	for _, src := range all {
		byURL[src.URL] = src
	}
	out := make([]news.Source, 0, len(all))
	for _, src := range list {
		row := byURL[src.URL]
		row.Selectors = src.Selectors
		out = append(out, row)
	}
	for _, src := range all {
		if src.Enabled && src.Origin != "config" {
			out = append(out, src)
		}
	}
	return out
}

// fingerprint is an article's ID and SimHash, a candidate original.
type fingerprint struct{ id, simhash int64 }

func scanFingerprint(sc scanner) (c fingerprint, err error) {
	err = sc.Scan(&c.id, &c.simhash)
	return c, err
}

// nearest is the first candidate whose fingerprint is near q's, or 0.
func nearest(q dedupe.Query, cands []fingerprint) int64 {
	for _, c := range cands {
		if q.Near(uint64(c.simhash)) {
			return c.id
		}
	}
	return 0
}

// scanMergeArticle reads a row for merging: an event ID (kept in Event),
// then the article's ID, source, URL, text, language, date and tags.
func scanMergeArticle(sc scanner) (a news.Article, err error) {
	var published int64
	var tags string
	if err := sc.Scan(&a.Event, &a.ID, &a.SourceID, &a.SourceName, &a.URL, &a.Title, &a.Summary, &a.Body, &a.Lang, &published, &tags); err != nil {
		return a, err
	}
	a.Published = fromUnix(published)
	if err := json.Unmarshal([]byte(tags), &a.Tags); err != nil {
		return a, fmt.Errorf("article %d: bad tags: %w", a.ID, err)
	}
	return a, nil
}

// seedsOf splits the members of a partial group's events (in event
// order) into one slice of seeds per event: the reports before the
// group's starting point; the others are merged again from there.
func seedsOf(g EventGroup, members []news.Article) [][]news.Article {
	var seeds [][]news.Article
	var cur int64 = -1
	for _, a := range members {
		if !g.before(a.Published, a.ID) {
			continue // merged again from the starting point, if still in the group
		}
		if a.Event != cur {
			seeds = append(seeds, nil)
			cur = a.Event
		}
		a.Event = 0
		seeds[len(seeds)-1] = append(seeds[len(seeds)-1], a)
	}
	return seeds
}
