package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/aitracker/aitracker/dedupe"
	"github.com/aitracker/aitracker/news"
)

// Lookup implements Store.Lookup.
func (s *sqlStore) Lookup(ctx context.Context, sourceID int64, dedupKey string) (Known, bool, error) {
	var k Known
	err := s.read.queryRow(ctx, `SELECT id, content_hash, classifier_version, body, body_source, url FROM articles
		WHERE source_id = $1 AND dedup_key = $2`, sourceID, dedupKey).Scan(&k.ID, &k.ContentHash, &k.Version, &k.Body, &k.BodySource, &k.URL)
	if errors.Is(err, sql.ErrNoRows) {
		return k, false, nil
	}
	if err != nil {
		return k, false, fmt.Errorf("store: look up %q: %w", dedupKey, err)
	}
	return k, true, nil
}

// saveOne is SaveArticle, a batch of one.
func saveOne(ctx context.Context, s interface {
	SaveArticles(context.Context, []Save) error
}, a *news.Article, dup dedupe.Query) (SaveResult, error) {
	batch := []Save{{Article: a, Dup: dup}}
	if err := s.SaveArticles(ctx, batch); err != nil {
		return Unchanged, err
	}
	return batch[0].Result, batch[0].Err
}

// findOriginal answers a dedupe.Query in the transaction tx: the
// earliest original of another source with the query's URL, else the
// earliest one in its window whose fingerprint shares a band with the
// query's and is near it (byBands, the engine's look-up of the
// candidates: four arguments a band); 0 when none.
func findOriginal(ctx context.Context, tx db, q dedupe.Query, byBands string) (int64, error) {
	var id int64
	if q.URL != "" {
		err := tx.queryRow(ctx, qOriginalByURL, q.URL, q.SourceID).Scan(&id)
		if err == nil {
			return id, nil
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return 0, err
		}
	}
	if !q.ByText() {
		return 0, nil
	}
	args := make([]any, 0, len(q.Bands)*4)
	for _, b := range q.Bands {
		args = append(args, b, q.From.Unix(), q.To.Unix(), q.SourceID)
	}
	cands, err := all(ctx, tx, scanFingerprint, byBands, args...)
	if err != nil {
		return 0, err
	}
	return nearest(q, cands), nil
}

const qOriginalByURL = `SELECT id FROM articles WHERE url = $1 AND source_id != $2 AND duplicate_of IS NULL ORDER BY id LIMIT 1`

// UpdateTags implements Store.UpdateTags.
func (s *sqlStore) UpdateTags(ctx context.Context, id int64, t news.Tags) error {
	tags, err := json.Marshal(t)
	if err != nil {
		return fmt.Errorf("store: update tags of article %d: %w", id, err)
	}
	err = s.inTx(ctx, func(tx db) error {
		n, err := tx.exec(ctx, `
			UPDATE articles SET primary_company = $1, layer = $2, event_type = $3, status = $4, event_key = $5, tags = $6,
				classifier_version = $7
			WHERE id = $8`, t.Primary, string(t.Layer), string(t.EventType), string(t.Status), t.EventKey(), string(tags), t.Version, id)
		if err != nil {
			return err
		}
		if n == 0 {
			return ErrNotFound
		}
		if err := s.replaceCompanies(ctx, tx, id, t.Companies); err != nil {
			return err
		}
		_, err = s.renumber(ctx, tx, []int64{id}) // last: the row is locked by the update
		return err
	})
	if err != nil {
		return fmt.Errorf("store: update tags of article %d: %w", id, err)
	}
	return nil
}

// articleColumns reads a whole article; the sources that reported it
// again are joined by the unit separator (0x1f).
const articleColumns = `a.id, a.source_id, s.name, a.dedup_key, a.seq, a.guid, a.url, a.title, a.summary, a.body,
	a.body_source, a.lang, a.published_at, a.published_estimated, a.fetched_at, a.tags, a.content_hash, a.simhash,
	COALESCE(a.duplicate_of, 0),
	COALESCE((SELECT string_agg(ds.name, '` + "\x1f" + `' ORDER BY d.id) FROM articles d JOIN sources ds ON ds.id = d.source_id WHERE d.duplicate_of = a.id), ''),
	COALESCE(ea.event_id, 0), COALESCE(ev.sources, 0),
	ea.event_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM event_articles x JOIN articles b ON b.id = x.article_id
		WHERE x.event_id = ea.event_id AND (b.published_at < a.published_at OR b.published_at = a.published_at AND b.id < a.id))`

const articleFrom = ` FROM articles a JOIN sources s ON s.id = a.source_id
	LEFT JOIN event_articles ea ON ea.article_id = a.id LEFT JOIN events ev ON ev.id = ea.event_id `

func scanArticle(sc scanner) (news.Article, error) {
	var a news.Article
	var published, fetched, simhash int64
	var estimated int
	var tags, also string
	err := sc.Scan(&a.ID, &a.SourceID, &a.SourceName, &a.DedupKey, &a.Seq, &a.GUID, &a.URL, &a.Title, &a.Summary, &a.Body,
		&a.BodySource, &a.Lang, &published, &estimated, &fetched, &tags, &a.ContentHash, &simhash, &a.DuplicateOf, &also,
		&a.Event, &a.EventSources, &a.EventLead)
	if err != nil {
		return a, err
	}
	a.SimHash = uint64(simhash)
	if also != "" {
		a.AlsoReportedBy = strings.Split(also, "\x1f")
	}
	a.Published, a.Fetched = fromUnix(published), fromUnix(fetched)
	a.PublishedEstimated = estimated == 1
	if err := json.Unmarshal([]byte(tags), &a.Tags); err != nil {
		return a, fmt.Errorf("article %d: bad tags: %w", a.ID, err)
	}
	return a, nil
}

// Article implements Store.Article.
func (s *sqlStore) Article(ctx context.Context, id int64) (news.Article, error) {
	a, err := scanArticle(s.read.queryRow(ctx, `SELECT `+articleColumns+articleFrom+`WHERE a.id = $1`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return a, ErrNotFound
	}
	if err != nil {
		return a, fmt.Errorf("store: article %d: %w", id, err)
	}
	return a, nil
}

// Articles implements Store.Articles.
func (s *sqlStore) Articles(ctx context.Context, ids []int64) ([]news.Article, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	var a args
	found, err := s.articles(ctx, `WHERE `+s.read.dialect().in(&a, "a.id", ids), a...)
	if err != nil {
		return nil, fmt.Errorf("store: articles: %w", err)
	}
	byID := make(map[int64]news.Article, len(found))
	for _, a := range found {
		byID[a.ID] = a
	}
	out := make([]news.Article, 0, len(ids))
	for _, id := range ids {
		if a, ok := byID[id]; ok {
			out = append(out, a)
		}
	}
	return out, nil
}

// ArticlesAfter implements Store.ArticlesAfter. What it returns is
// complete up to the highest number it returns: on SQLite, one writer
// numbers and commits in order; on PostgreSQL, sequence numbers commit
// in order (takeSeqs).
func (s *sqlStore) ArticlesAfter(ctx context.Context, seq int64, limit int) ([]news.Article, error) {
	out, err := s.articles(ctx, `WHERE a.seq > $1 ORDER BY a.seq LIMIT $2`, seq, limitArg(limit))
	if err != nil {
		return nil, fmt.Errorf("store: articles after %d: %w", seq, err)
	}
	return out, nil
}

// ArticleStatesAfter implements Store.ArticleStatesAfter, complete up to
// the highest number it returns as ArticlesAfter is.
func (s *sqlStore) ArticleStatesAfter(ctx context.Context, seq int64, limit int) ([]news.Article, error) {
	out, err := all(ctx, s.read, scanArticle, `SELECT `+withoutText(articleColumns)+articleFrom+`WHERE a.seq > $1 ORDER BY a.seq LIMIT $2`, seq, limitArg(limit))
	if err != nil {
		return nil, fmt.Errorf("store: article states after %d: %w", seq, err)
	}
	return out, nil
}

// withoutText is an article column list that reads the title, summary
// and body as empty strings.
func withoutText(columns string) string {
	return strings.Replace(columns, "a.title, a.summary, a.body", "'', '', ''", 1)
}

// ArticlesFrom implements Store.ArticlesFrom.
func (s *sqlStore) ArticlesFrom(ctx context.Context, afterID int64, limit int) ([]news.Article, error) {
	out, err := s.articles(ctx, `WHERE a.id > $1 ORDER BY a.id LIMIT $2`, afterID, limitArg(limit))
	if err != nil {
		return nil, fmt.Errorf("store: articles from %d: %w", afterID, err)
	}
	return out, nil
}

// articles reads the whole articles that a WHERE clause (with its ORDER
// and LIMIT) selects.
func (s *sqlStore) articles(ctx context.Context, where string, args ...any) ([]news.Article, error) {
	return all(ctx, s.read, scanArticle, `SELECT `+articleColumns+articleFrom+where, args...)
}

// MaxSeq implements Store.MaxSeq: the counter, which moves in the
// transaction that writes the rows it numbers.
func (s *sqlStore) MaxSeq(ctx context.Context) (int64, error) {
	var v int64
	if err := s.read.queryRow(ctx, `SELECT `+s.read.dialect().counter("seq")).Scan(&v); err != nil {
		return 0, fmt.Errorf("store: max seq: %w", err)
	}
	return v, nil
}

// CountArticles implements Store.CountArticles.
func (s *sqlStore) CountArticles(ctx context.Context) (int, error) {
	var n int
	if err := s.read.queryRow(ctx, `SELECT COUNT(*) FROM articles`).Scan(&n); err != nil {
		return 0, fmt.Errorf("store: count articles: %w", err)
	}
	return n, nil
}

// Candidates implements Store.Candidates.
func (s *sqlStore) Candidates(ctx context.Context, limit int) ([]Candidate, error) {
	out, err := all(ctx, s.read, func(sc scanner) (c Candidate, err error) {
		var last int64
		var layer string
		err = sc.Scan(&c.Name, &c.Articles, &last, &c.ExampleID, &layer, &c.Example)
		c.LastSeen, c.Layer = fromUnix(last), news.Layer(layer)
		return c, err
	}, `
		SELECT c.company, c.n, c.last, c.example, c.layer, (SELECT title FROM articles WHERE id = c.example)
		FROM (SELECT ac.company, COUNT(DISTINCT ac.article_id) AS n, MAX(a.published_at) AS last, MAX(ac.article_id) AS example,
				COALESCE((SELECT a2.layer FROM article_companies ac2 JOIN articles a2 ON a2.id = ac2.article_id
					WHERE ac2.company = ac.company AND ac2.known = 0 AND a2.primary_company = ac.company
					GROUP BY a2.layer ORDER BY COUNT(*) DESC, a2.layer`+s.read.dialect().binary+` LIMIT 1), 'none') AS layer
			FROM article_companies ac JOIN articles a ON a.id = ac.article_id
			WHERE ac.known = 0
			GROUP BY ac.company) c
		ORDER BY c.n DESC, c.last DESC
		LIMIT $1`, limitArg(limit))
	if err != nil {
		return nil, fmt.Errorf("store: candidates: %w", err)
	}
	return out, nil
}
