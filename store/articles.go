package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

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

func (r SaveResult) String() string {
	return [...]string{"unchanged", "created", "updated"}[r]
}

// contentHash fingerprints what the source said about an item.
func contentHash(a *news.Article) string {
	h := sha256.New()
	for _, s := range []string{a.URL, a.Title, a.Summary, a.Body, a.Lang, strconv.FormatInt(a.Published.Unix(), 10)} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}

// SaveArticle stores the article, unique on (source, dedup key), in one
// transaction with its company tags. Storing the same content with the
// same classifier version again writes nothing. On success a.ID and a.Seq
// are set.
func (s *Store) SaveArticle(ctx context.Context, a *news.Article) (SaveResult, error) {
	if a.SourceID == 0 || a.DedupKey == "" {
		return Unchanged, fmt.Errorf("store: save article %q: missing source or dedup key", a.URL)
	}
	hash := contentHash(a)
	tags, err := json.Marshal(a.Tags)
	if err != nil {
		return Unchanged, fmt.Errorf("store: save article %q: %w", a.URL, err)
	}
	result := Unchanged
	err = s.tx(ctx, func(tx *sql.Tx) error {
		var id int64
		var oldHash, oldVersion string
		err := tx.QueryRowContext(ctx, `SELECT id, content_hash, classifier_version FROM articles WHERE source_id = ? AND dedup_key = ?`,
			a.SourceID, a.DedupKey).Scan(&id, &oldHash, &oldVersion)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			result = Created
		case err != nil:
			return err
		case oldHash == hash && oldVersion == a.Tags.Version:
			a.ID = id
			return nil
		default:
			result = Updated
		}
		seq, err := nextSeq(ctx, tx)
		if err != nil {
			return err
		}
		args := []any{a.GUID, a.URL, a.Title, a.Summary, a.Body, a.Lang,
			a.Published.Unix(), boolInt(a.PublishedEstimated), a.Fetched.Unix(), hash,
			a.Tags.Primary, string(a.Tags.Layer), string(a.Tags.EventType), string(a.Tags.Status),
			string(tags), a.Tags.Version, seq}
		if result == Created {
			err = tx.QueryRowContext(ctx, `
				INSERT INTO articles (guid, url, title, summary, body, lang,
					published_at, published_estimated, fetched_at, content_hash,
					primary_company, layer, event_type, status, tags, classifier_version, seq,
					source_id, dedup_key)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
				RETURNING id`, append(args, a.SourceID, a.DedupKey)...).Scan(&id)
		} else {
			// The first fetch time stays: it says when we first saw the item.
			_, err = tx.ExecContext(ctx, `
				UPDATE articles SET guid = ?, url = ?, title = ?, summary = ?, body = ?, lang = ?,
					published_at = ?, published_estimated = ?, fetched_at = MIN(fetched_at, ?), content_hash = ?,
					primary_company = ?, layer = ?, event_type = ?, status = ?, tags = ?,
					classifier_version = ?, seq = ?
				WHERE id = ?`, append(args, id)...)
		}
		if err != nil {
			return err
		}
		a.ID, a.Seq = id, seq
		return replaceCompanies(ctx, tx, id, a.Tags.Companies)
	})
	if err != nil {
		return Unchanged, fmt.Errorf("store: save article %q: %w", a.URL, err)
	}
	return result, nil
}

// UpdateTags replaces an article's tags, as after a re-classification.
func (s *Store) UpdateTags(ctx context.Context, id int64, t news.Tags) error {
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
			UPDATE articles SET primary_company = ?, layer = ?, event_type = ?, status = ?, tags = ?,
				classifier_version = ?, seq = ?
			WHERE id = ?`, t.Primary, string(t.Layer), string(t.EventType), string(t.Status), string(tags), t.Version, seq, id)
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

func replaceCompanies(ctx context.Context, tx *sql.Tx, id int64, cs []news.CompanyTag) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM article_companies WHERE article_id = ?`, id); err != nil {
		return err
	}
	for i, c := range cs {
		_, err := tx.ExecContext(ctx, `
			INSERT INTO article_companies (article_id, company, known, salience, rank) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT DO NOTHING`, id, c.Name, boolInt(c.Known), c.Salience, i)
		if err != nil {
			return err
		}
	}
	return nil
}

func nextSeq(ctx context.Context, tx *sql.Tx) (int64, error) {
	var seq int64
	err := tx.QueryRowContext(ctx, `UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'seq' RETURNING CAST(value AS INTEGER)`).Scan(&seq)
	return seq, err
}

const articleColumns = `a.id, a.source_id, s.name, a.dedup_key, a.seq, a.guid, a.url, a.title, a.summary, a.body,
	a.lang, a.published_at, a.published_estimated, a.fetched_at, a.tags`

const articleFrom = ` FROM articles a JOIN sources s ON s.id = a.source_id `

func scanArticle(sc interface{ Scan(...any) error }) (news.Article, error) {
	var a news.Article
	var published, fetched int64
	var estimated int
	var tags string
	err := sc.Scan(&a.ID, &a.SourceID, &a.SourceName, &a.DedupKey, &a.Seq, &a.GUID, &a.URL, &a.Title, &a.Summary, &a.Body,
		&a.Lang, &published, &estimated, &fetched, &tags)
	if err != nil {
		return a, err
	}
	a.Published, a.Fetched = fromUnix(published), fromUnix(fetched)
	a.PublishedEstimated = estimated == 1
	if err := json.Unmarshal([]byte(tags), &a.Tags); err != nil {
		return a, fmt.Errorf("article %d: bad tags: %w", a.ID, err)
	}
	return a, nil
}

// Article returns one article by ID.
func (s *Store) Article(ctx context.Context, id int64) (news.Article, error) {
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

// ArticlesAfter returns up to limit articles whose last write has a
// sequence number above seq, in sequence order: what an index that has
// seen everything up to seq still needs.
func (s *Store) ArticlesAfter(ctx context.Context, seq int64, limit int) ([]news.Article, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT `+articleColumns+articleFrom+`WHERE a.seq > ? ORDER BY a.seq LIMIT ?`, seq, limit)
	if err != nil {
		return nil, fmt.Errorf("store: articles after %d: %w", seq, err)
	}
	defer rows.Close()
	var out []news.Article
	for rows.Next() {
		a, err := scanArticle(rows)
		if err != nil {
			return nil, fmt.Errorf("store: articles after %d: %w", seq, err)
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// Articles returns the articles with the given IDs, in that order; IDs that
// do not exist are skipped.
func (s *Store) Articles(ctx context.Context, ids []int64) ([]news.Article, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	marks := strings.TrimSuffix(strings.Repeat("?,", len(ids)), ",")
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	rows, err := s.r.QueryContext(ctx, `SELECT `+articleColumns+articleFrom+`WHERE a.id IN (`+marks+`)`, args...)
	if err != nil {
		return nil, fmt.Errorf("store: articles: %w", err)
	}
	defer rows.Close()
	byID := make(map[int64]news.Article, len(ids))
	for rows.Next() {
		a, err := scanArticle(rows)
		if err != nil {
			return nil, fmt.Errorf("store: articles: %w", err)
		}
		byID[a.ID] = a
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: articles: %w", err)
	}
	out := make([]news.Article, 0, len(ids))
	for _, id := range ids {
		if a, ok := byID[id]; ok {
			out = append(out, a)
		}
	}
	return out, nil
}

// MaxSeq is the sequence number of the latest write.
func (s *Store) MaxSeq(ctx context.Context) (int64, error) {
	var v int64
	err := s.r.QueryRowContext(ctx, `SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'seq'`).Scan(&v)
	if err != nil {
		return 0, fmt.Errorf("store: max seq: %w", err)
	}
	return v, nil
}

// CountArticles is the number of stored articles.
func (s *Store) CountArticles(ctx context.Context) (int, error) {
	var n int
	if err := s.r.QueryRowContext(ctx, `SELECT COUNT(*) FROM articles`).Scan(&n); err != nil {
		return 0, fmt.Errorf("store: count articles: %w", err)
	}
	return n, nil
}
