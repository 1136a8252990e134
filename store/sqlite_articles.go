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

// bandColumns: the schema keeps a fingerprint's bands in seven columns,
// sh0 to sh6; another banding needs a migration.
var _ [7]int64 = dedupe.Bands{}

// Lookup implements Store.Lookup.
func (s *SQLite) Lookup(ctx context.Context, sourceID int64, dedupKey string) (Known, bool, error) {
	var k Known
	err := s.r.QueryRowContext(ctx, `SELECT id, content_hash, classifier_version, body, body_source, url FROM articles
		WHERE source_id = ? AND dedup_key = ?`, sourceID, dedupKey).Scan(&k.ID, &k.ContentHash, &k.Version, &k.Body, &k.BodySource, &k.URL)
	if errors.Is(err, sql.ErrNoRows) {
		return k, false, nil
	}
	if err != nil {
		return k, false, fmt.Errorf("store: look up %q: %w", dedupKey, err)
	}
	return k, true, nil
}

// SaveArticle implements Store.SaveArticle.
func (s *SQLite) SaveArticle(ctx context.Context, a *news.Article, dup dedupe.Query) (SaveResult, error) {
	batch := []Save{{Article: a, Dup: dup}}
	if err := s.SaveArticles(ctx, batch); err != nil {
		return Unchanged, err
	}
	return batch[0].Result, batch[0].Err
}

// SaveArticles implements Store.SaveArticles: one write transaction, a
// savepoint per article, so that an article that fails is rolled back
// alone and the others are committed.
func (s *SQLite) SaveArticles(ctx context.Context, batch []Save) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		ptx := s.prepared(ctx, tx)
		for i := range batch {
			sv := &batch[i]
			sv.Result, sv.Err = Unchanged, nil
			if _, err := tx.ExecContext(ctx, `SAVEPOINT article`); err != nil {
				return err
			}
			keep := *sv.Article
			r, err := saveArticle(ctx, ptx, sv.Article, sv.Dup)
			if err != nil {
				*sv.Article = keep
				sv.Err = fmt.Errorf("store: save article %q: %w", sv.Article.URL, err)
				if _, err := tx.ExecContext(ctx, `ROLLBACK TO article`); err != nil {
					return err
				}
			} else {
				sv.Result = r
			}
			if _, err := tx.ExecContext(ctx, `RELEASE article`); err != nil {
				return err
			}
		}
		return nil
	})
}

// saveArticle writes one article in the transaction tx.
func saveArticle(ctx context.Context, tx txLike, a *news.Article, dup dedupe.Query) (SaveResult, error) {
	if a.SourceID == 0 || a.DedupKey == "" || a.ContentHash == "" {
		return Unchanged, errors.New("missing source, dedup key or content hash")
	}
	hash := a.ContentHash
	tags, err := json.Marshal(a.Tags)
	if err != nil {
		return Unchanged, err
	}
	result := Unchanged
	var id int64
	var oldHash, oldVersion string
	var oldPublished int64
	var oldEstimated bool
	err = tx.QueryRowContext(ctx, qExisting, a.SourceID, a.DedupKey).Scan(&id, &oldHash, &oldVersion, &oldPublished, &oldEstimated)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		result = Created
	case err != nil:
		return Unchanged, err
	case oldHash == hash && oldVersion == a.Tags.Version:
		a.ID = id
		return Unchanged, nil
	default:
		result = Updated
		if oldEstimated && a.PublishedEstimated {
			// Still no date from the source: the first read's time stays.
			a.Published = fromUnix(oldPublished)
		}
	}
	seq, err := nextSeq(ctx, tx)
	if err != nil {
		return Unchanged, err
	}
	bands := dedupe.BandsOf(a.SimHash)
	args := []any{a.GUID, a.URL, a.Title, a.Summary, a.Body, a.BodySource, a.Lang,
		a.Published.Unix(), boolInt(a.PublishedEstimated), a.Fetched.Unix(), hash,
		a.Tags.Primary, string(a.Tags.Layer), string(a.Tags.EventType), string(a.Tags.Status), a.Tags.EventKey(),
		string(tags), a.Tags.Version, seq, int64(a.SimHash), bands[0], bands[1], bands[2], bands[3], bands[4], bands[5], bands[6]}
	if result == Created {
		orig, err := original(ctx, tx, dup)
		if err != nil {
			return Unchanged, err
		}
		a.DuplicateOf = orig
		var origArg any
		if orig != 0 {
			origArg = orig
		}
		err = tx.QueryRowContext(ctx, qInsertArticle, append(args, a.SourceID, a.DedupKey, origArg)...).Scan(&id)
		if err == nil && orig != 0 {
			// The original's "also reported by" changed: index it again.
			err = rewrite(ctx, tx, orig)
		}
		if err != nil {
			return Unchanged, err
		}
	} else {
		// The first fetch time stays: it says when we first saw the item.
		if _, err := tx.ExecContext(ctx, qUpdateArticle, append(args, id)...); err != nil {
			return Unchanged, err
		}
	}
	a.ID, a.Seq = id, seq
	return result, replaceCompanies(ctx, tx, id, a.Tags.Companies)
}

// The statements of an article's write, prepared once per store (see
// prepared).
const (
	qExisting = `SELECT id, content_hash, classifier_version, published_at, published_estimated
		FROM articles WHERE source_id = ? AND dedup_key = ?`
	qInsertArticle = `
		INSERT INTO articles (guid, url, title, summary, body, body_source, lang,
			published_at, published_estimated, fetched_at, content_hash,
			primary_company, layer, event_type, status, event_key, tags, classifier_version, seq,
			simhash, sh0, sh1, sh2, sh3, sh4, sh5, sh6, source_id, dedup_key, duplicate_of)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		RETURNING id`
	qUpdateArticle = `
		UPDATE articles SET guid = ?, url = ?, title = ?, summary = ?, body = ?, body_source = ?, lang = ?,
			published_at = ?, published_estimated = ?, fetched_at = MIN(fetched_at, ?), content_hash = ?,
			primary_company = ?, layer = ?, event_type = ?, status = ?, event_key = ?, tags = ?,
			classifier_version = ?, seq = ?, simhash = ?, sh0 = ?, sh1 = ?, sh2 = ?, sh3 = ?, sh4 = ?, sh5 = ?, sh6 = ?
		WHERE id = ?`
	qOriginalByURL     = `SELECT id FROM articles WHERE url = ? AND source_id != ? AND duplicate_of IS NULL ORDER BY id LIMIT 1`
	qNextSeq           = `UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'seq' RETURNING CAST(value AS INTEGER)`
	qSetSeq            = `UPDATE articles SET seq = ? WHERE id = ?`
	qDeleteCompanies   = `DELETE FROM article_companies WHERE article_id = ?`
	qInsertCompany     = `INSERT INTO article_companies (article_id, company, known, salience, rank) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`
	qOriginalByBandsSQ = `SELECT id, simhash FROM articles INDEXED BY articles_sh%d
		WHERE sh%d = ? AND published_at BETWEEN ? AND ? AND simhash != 0 AND duplicate_of IS NULL AND source_id != ?`
)

// qOriginalByBands is one indexed look-up per band (a plain OR makes
// SQLite scan the date range instead).
var qOriginalByBands = func() string {
	var sb strings.Builder
	for i := range dedupe.NumBands {
		if i > 0 {
			sb.WriteString(" UNION ")
		}
		fmt.Fprintf(&sb, qOriginalByBandsSQ, i, i)
	}
	sb.WriteString(" ORDER BY id")
	return sb.String()
}()

// writeStatements are prepared when the store opens, on its one write
// connection: an article's write then parses no SQL.
var writeStatements = []string{qExisting, qInsertArticle, qUpdateArticle, qOriginalByURL, qOriginalByBands,
	qNextSeq, qSetSeq, qDeleteCompanies, qInsertCompany}

// original answers a dedupe.Query: the earliest original of another
// source with the query's URL, else the earliest one in its window whose
// fingerprint shares a band with the query's and is near it; 0 when none.
func original(ctx context.Context, tx txLike, q dedupe.Query) (int64, error) {
	var id int64
	if q.URL != "" {
		err := tx.QueryRowContext(ctx, qOriginalByURL, q.URL, q.SourceID).Scan(&id)
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
	cands, err := queryAll(ctx, tx, scanFingerprint, qOriginalByBands, args...)
	if err != nil {
		return 0, err
	}
	return nearest(q, cands), nil
}

// UpdateTags implements Store.UpdateTags.
func (s *SQLite) UpdateTags(ctx context.Context, id int64, t news.Tags) error {
	tags, err := json.Marshal(t)
	if err != nil {
		return fmt.Errorf("store: update tags of article %d: %w", id, err)
	}
	err = s.tx(ctx, func(tx *sql.Tx) error {
		seq, err := nextSeq(ctx, tx)
		if err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `
			UPDATE articles SET primary_company = ?, layer = ?, event_type = ?, status = ?, event_key = ?, tags = ?,
				classifier_version = ?, seq = ?
			WHERE id = ?`, t.Primary, string(t.Layer), string(t.EventType), string(t.Status), t.EventKey(), string(tags), t.Version, seq, id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return ErrNotFound
		}
		return replaceCompanies(ctx, tx, id, t.Companies)
	})
	if err != nil {
		return fmt.Errorf("store: update tags of article %d: %w", id, err)
	}
	return nil
}

func replaceCompanies(ctx context.Context, tx txLike, id int64, cs []news.CompanyTag) error {
	if _, err := tx.ExecContext(ctx, qDeleteCompanies, id); err != nil {
		return err
	}
	for i, c := range cs {
		_, err := tx.ExecContext(ctx, qInsertCompany, id, c.Name, boolInt(c.Known), c.Salience, i)
		if err != nil {
			return err
		}
	}
	return nil
}

// nextSeqPeek is the latest sequence number, read in the transaction.
func nextSeqPeek(ctx context.Context, tx txLike) (int64, error) {
	var seq int64
	err := tx.QueryRowContext(ctx, `SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'seq'`).Scan(&seq)
	return seq, err
}

// rewrite gives each article, in order, a new sequence number, so that
// the index reads it again.
func rewrite(ctx context.Context, tx txLike, ids ...int64) error {
	for _, id := range ids {
		seq, err := nextSeq(ctx, tx)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, qSetSeq, seq, id); err != nil {
			return err
		}
	}
	return nil
}

// nextSeq takes the next sequence number.
func nextSeq(ctx context.Context, tx txLike) (int64, error) {
	var seq int64
	err := tx.QueryRowContext(ctx, qNextSeq).Scan(&seq)
	return seq, err
}

const articleColumns = `a.id, a.source_id, s.name, a.dedup_key, a.seq, a.guid, a.url, a.title, a.summary, a.body,
	a.body_source, a.lang, a.published_at, a.published_estimated, a.fetched_at, a.tags, a.content_hash, a.simhash,
	COALESCE(a.duplicate_of, 0),
	COALESCE((SELECT group_concat(ds.name, char(31)) FROM articles d JOIN sources ds ON ds.id = d.source_id WHERE d.duplicate_of = a.id), ''),
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
func (s *SQLite) Article(ctx context.Context, id int64) (news.Article, error) {
	row := s.r.QueryRowContext(ctx, `SELECT `+articleColumns+articleFrom+`WHERE a.id = ?`, id)
	a, err := scanArticle(row)
	if errors.Is(err, sql.ErrNoRows) {
		return a, ErrNotFound
	}
	if err != nil {
		return a, fmt.Errorf("store: article %d: %w", id, err)
	}
	return a, nil
}

// Articles implements Store.Articles.
func (s *SQLite) Articles(ctx context.Context, ids []int64) ([]news.Article, error) {
	// SQLite caps the parameters of a statement: ask in chunks.
	const chunk = 500
	if len(ids) > chunk {
		out := make([]news.Article, 0, len(ids))
		for start := 0; start < len(ids); start += chunk {
			part, err := s.Articles(ctx, ids[start:min(start+chunk, len(ids))])
			if err != nil {
				return nil, err
			}
			out = append(out, part...)
		}
		return out, nil
	}
	if len(ids) == 0 {
		return nil, nil
	}
	found, err := s.articles(ctx, `WHERE a.id IN (`+marks(len(ids))+`)`, anys(ids)...)
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

// ArticlesAfter implements Store.ArticlesAfter.
func (s *SQLite) ArticlesAfter(ctx context.Context, seq int64, limit int) ([]news.Article, error) {
	out, err := s.articles(ctx, `WHERE a.seq > ? ORDER BY a.seq LIMIT ?`, seq, limit)
	if err != nil {
		return nil, fmt.Errorf("store: articles after %d: %w", seq, err)
	}
	return out, nil
}

// ArticleStatesAfter implements Store.ArticleStatesAfter.
func (s *SQLite) ArticleStatesAfter(ctx context.Context, seq int64, limit int) ([]news.Article, error) {
	out, err := queryAll(ctx, s.r, scanArticle, `SELECT `+withoutText(articleColumns)+articleFrom+`WHERE a.seq > ? ORDER BY a.seq LIMIT ?`, seq, limit)
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
func (s *SQLite) ArticlesFrom(ctx context.Context, afterID int64, limit int) ([]news.Article, error) {
	out, err := s.articles(ctx, `WHERE a.id > ? ORDER BY a.id LIMIT ?`, afterID, limit)
	if err != nil {
		return nil, fmt.Errorf("store: articles from %d: %w", afterID, err)
	}
	return out, nil
}

// articles reads the whole articles that a WHERE clause (with its ORDER
// and LIMIT) selects.
func (s *SQLite) articles(ctx context.Context, where string, args ...any) ([]news.Article, error) {
	return queryAll(ctx, s.r, scanArticle, `SELECT `+articleColumns+articleFrom+where, args...)
}

// MaxSeq implements Store.MaxSeq.
func (s *SQLite) MaxSeq(ctx context.Context) (int64, error) {
	var v int64
	err := s.r.QueryRowContext(ctx, `SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'seq'`).Scan(&v)
	if err != nil {
		return 0, fmt.Errorf("store: max seq: %w", err)
	}
	return v, nil
}

// CountArticles implements Store.CountArticles.
func (s *SQLite) CountArticles(ctx context.Context) (int, error) {
	var n int
	if err := s.r.QueryRowContext(ctx, `SELECT COUNT(*) FROM articles`).Scan(&n); err != nil {
		return 0, fmt.Errorf("store: count articles: %w", err)
	}
	return n, nil
}

// Candidates implements Store.Candidates.
func (s *SQLite) Candidates(ctx context.Context, limit int) ([]Candidate, error) {
	out, err := queryAll(ctx, s.r, func(sc scanner) (c Candidate, err error) {
		var last int64
		var layer string
		err = sc.Scan(&c.Name, &c.Articles, &last, &c.ExampleID, &layer)
		c.LastSeen, c.Layer = fromUnix(last), news.Layer(layer)
		return c, err
	}, `
		SELECT ac.company, COUNT(DISTINCT ac.article_id), MAX(a.published_at), MAX(ac.article_id),
			COALESCE((SELECT a2.layer FROM article_companies ac2 JOIN articles a2 ON a2.id = ac2.article_id
				WHERE ac2.company = ac.company AND ac2.known = 0 AND a2.primary_company = ac.company
				GROUP BY a2.layer ORDER BY COUNT(*) DESC LIMIT 1), 'none')
		FROM article_companies ac JOIN articles a ON a.id = ac.article_id
		WHERE ac.known = 0
		GROUP BY ac.company
		ORDER BY COUNT(DISTINCT ac.article_id) DESC, MAX(a.published_at) DESC
		LIMIT ?`, limit)
	if err != nil {
		return nil, fmt.Errorf("store: candidates: %w", err)
	}
	for i := range out {
		if err := s.r.QueryRowContext(ctx, `SELECT title FROM articles WHERE id = ?`, out[i].ExampleID).Scan(&out[i].Example); err != nil {
			return nil, fmt.Errorf("store: candidates: %w", err)
		}
	}
	return out, nil
}
