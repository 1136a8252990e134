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

// SaveArticle implements Store.SaveArticle.
func (s *SQLite) SaveArticle(ctx context.Context, a *news.Article, dup dedupe.Query) (SaveResult, error) {
	return saveOne(ctx, s, a, dup)
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
		orig, err := findOriginal(ctx, sqliteDB{tx}, dup, qOriginalByBands)
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
var writeStatements = []string{qExisting, qInsertArticle, qUpdateArticle, sqliteSQL(qOriginalByURL), qOriginalByBands,
	qNextSeq, qSetSeq, qDeleteCompanies, qInsertCompany}

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
