package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/aitracker/aitracker/dedupe"
	"github.com/aitracker/aitracker/news"
	"github.com/jackc/pgx/v5"
)

// SaveArticle implements Store.SaveArticle.
func (s *Postgres) SaveArticle(ctx context.Context, a *news.Article, dup dedupe.Query) (SaveResult, error) {
	return saveOne(ctx, s, a, dup)
}

// seqWrite is an article write that takes a sequence number when the
// transaction ends: the article's own write (a is set), or the rewrite
// of an original that learnt of a copy.
type seqWrite struct {
	id int64
	a  *news.Article
}

// SaveArticles implements Store.SaveArticles: one transaction, a
// savepoint per article, so that an article that fails is rolled back
// alone and the others are committed. The sequence numbers are taken
// last, just before the commit (see takeSeqs), for every write of the
// batch in order, as SQLite numbers them one by one.
func (s *Postgres) SaveArticles(ctx context.Context, batch []Save) error {
	keep := make([]news.Article, len(batch))
	for i := range batch {
		keep[i] = *batch[i].Article
	}
	return s.tx(ctx, func(tx pgx.Tx) error {
		// Every advisory lock a new article of the batch may take, all at
		// once and sorted: taken article by article, two batches that
		// share a URL or a band (of 512 values each) could each hold one
		// the other wants next, and deadlock. An article that turns out
		// to be stored already needed none; holding them costs a wait.
		var keys []string
		for i := range batch {
			keys = append(keys, copyKeys(&keep[i], dedupe.BandsOf(keep[i].SimHash), batch[i].Dup)...)
		}
		if err := lockKeys(ctx, tx, lockDuplicates, keys); err != nil {
			return err
		}
		// The band look-up is planned for its arguments each time, not
		// from the prepared statement's cached plan: PostgreSQL settles on
		// a generic plan after five runs, and one made while the table was
		// young, before any ANALYZE, stays the plan until the next one. In
		// the cluster benchmark (a new database, 4,800 articles) such a
		// plan cost 5.7 ms a look-up; planned each time, 0.14 ms plus
		// 0.6 ms of planning (pg_stat_statements: 27.3 s against 3.6 s).
		if _, err := tx.Exec(ctx, `SET LOCAL plan_cache_mode = force_custom_plan`); err != nil {
			return err
		}
		var writes []seqWrite
		for i := range batch {
			sv := &batch[i]
			*sv.Article = keep[i] // as given, when the transaction runs again
			sv.Result, sv.Err = Unchanged, nil
			sp, err := tx.Begin(ctx) // a savepoint
			if err != nil {
				return err
			}
			n := len(writes)
			r, err := pgSaveArticle(ctx, sp, sv.Article, sv.Dup, &writes)
			if err != nil {
				if retryable(err) {
					return err // the whole transaction is run again
				}
				*sv.Article = keep[i]
				writes = writes[:n]
				sv.Err = fmt.Errorf("store: save article %q: %w", sv.Article.URL, err)
				if err := sp.Rollback(ctx); err != nil {
					return err
				}
				continue
			}
			sv.Result = r
			if err := sp.Commit(ctx); err != nil {
				return err
			}
		}
		if len(writes) == 0 {
			return nil
		}
		first, err := takeSeqs(ctx, tx, len(writes))
		if err != nil {
			return err
		}
		ids := make([]int64, len(writes))
		seqs := make([]int64, len(writes))
		for i, w := range writes {
			ids[i], seqs[i] = w.id, first+int64(i)
			if w.a != nil {
				w.a.Seq = seqs[i]
			}
		}
		if err := setSeqs(ctx, tx, ids, seqs); err != nil {
			return err
		}
		if s.numbered != nil {
			s.numbered()
		}
		return nil
	})
}

// takeSeqs takes n sequence numbers and returns the first. The UPDATE
// locks the counter's row until the transaction ends, so that the next
// writer takes its numbers only once this one has committed (or rolled
// back, and then takes the same): writes become visible in sequence
// order, and an index that has read everything up to a number (MaxSeq,
// ArticlesAfter) never misses a lower one that commits later. Callers
// take the numbers last, once every row they number is locked by the
// transaction itself, so that the counter is held for the commit alone
// and its holder never waits for another lock.
func takeSeqs(ctx context.Context, tx pgQuerier, n int) (int64, error) {
	var last int64
	err := tx.QueryRow(ctx, `UPDATE counters SET value = value + $1 WHERE name = 'seq' RETURNING value`, n).Scan(&last)
	return last - int64(n) + 1, err
}

// setSeqs gives the articles their sequence numbers; an article listed
// twice keeps the later one.
func setSeqs(ctx context.Context, tx pgQuerier, ids, seqs []int64) error {
	last := make(map[int64]int64, len(ids))
	for i, id := range ids {
		last[id] = seqs[i]
	}
	ids, seqs = ids[:0:0], seqs[:0:0]
	for id, seq := range last {
		ids, seqs = append(ids, id), append(seqs, seq)
	}
	_, err := tx.Exec(ctx, `UPDATE articles AS a SET seq = v.seq FROM unnest($1::bigint[], $2::bigint[]) AS v(id, seq) WHERE a.id = v.id`, ids, seqs)
	return err
}

// pgSaveArticle writes one article in the transaction tx and lists the
// writes that take sequence numbers.
func pgSaveArticle(ctx context.Context, tx pgx.Tx, a *news.Article, dup dedupe.Query, writes *[]seqWrite) (SaveResult, error) {
	if a.SourceID == 0 || a.DedupKey == "" || a.ContentHash == "" {
		return Unchanged, errors.New("missing source, dedup key or content hash")
	}
	tags, err := json.Marshal(a.Tags)
	if err != nil {
		return Unchanged, err
	}
	bands := dedupe.BandsOf(a.SimHash)
	for {
		var id, oldPublished int64
		var oldHash, oldVersion string
		var oldEstimated int
		// The row is locked: of two processes writing one item at once,
		// the second compares with what the first wrote. (NO KEY: the
		// write changes no key, so that event links to the article,
		// which take a key-share lock, need not wait.)
		err := tx.QueryRow(ctx, `SELECT id, content_hash, classifier_version, published_at, published_estimated
			FROM articles WHERE source_id = $1 AND dedup_key = $2 FOR NO KEY UPDATE`, a.SourceID, a.DedupKey).
			Scan(&id, &oldHash, &oldVersion, &oldPublished, &oldEstimated)
		switch {
		case errors.Is(err, pgx.ErrNoRows):
		case err != nil:
			return Unchanged, err
		case oldHash == a.ContentHash && oldVersion == a.Tags.Version:
			a.ID = id
			return Unchanged, nil
		default:
			if oldEstimated == 1 && a.PublishedEstimated {
				// Still no date from the source: the first read's time stays.
				a.Published = fromUnix(oldPublished)
			}
			args := articleArgs(a, string(tags), bands)
			// The first fetch time stays: it says when we first saw the item.
			if _, err := tx.Exec(ctx, `
				UPDATE articles SET guid = $1, url = $2, title = $3, summary = $4, body = $5, body_source = $6, lang = $7,
					published_at = $8, published_estimated = $9, fetched_at = LEAST(fetched_at, $10), content_hash = $11,
					primary_company = $12, layer = $13, event_type = $14, status = $15, event_key = $16, tags = $17,
					classifier_version = $18, simhash = $19, sh0 = $20, sh1 = $21, sh2 = $22, sh3 = $23, sh4 = $24, sh5 = $25, sh6 = $26
				WHERE id = $27`, append(args, id)...); err != nil {
				return Unchanged, err
			}
			a.ID = id
			*writes = append(*writes, seqWrite{id: id, a: a})
			return Updated, replacePgCompanies(ctx, pgDB{tx}, id, a.Tags.Companies)
		}

		// A new article. Of two copies stored at once, the second must
		// find the first: both hold the advisory locks of what the other
		// may look them up by (its URL and bands, the query's URL and
		// bands; SaveArticles takes them for the whole batch) before
		// looking, so that the second looks once the first has committed.
		orig, err := pgOriginal(ctx, tx, dup)
		if err != nil {
			return Unchanged, err
		}
		var origArg any
		if orig != 0 {
			origArg = orig
		}
		args := append(articleArgs(a, string(tags), bands), a.SourceID, a.DedupKey, origArg)
		err = tx.QueryRow(ctx, `
			INSERT INTO articles (guid, url, title, summary, body, body_source, lang,
				published_at, published_estimated, fetched_at, content_hash,
				primary_company, layer, event_type, status, event_key, tags, classifier_version,
				simhash, sh0, sh1, sh2, sh3, sh4, sh5, sh6, source_id, dedup_key, duplicate_of, seq)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20,
				$21, $22, $23, $24, $25, $26, $27, $28, $29, 0)
			ON CONFLICT (source_id, dedup_key) DO NOTHING
			RETURNING id`, args...).Scan(&id)
		if errors.Is(err, pgx.ErrNoRows) {
			// Another process stored the item since we looked (the unique
			// key made us wait for its commit): update it instead.
			continue
		}
		if err != nil {
			return Unchanged, err
		}
		a.ID, a.DuplicateOf = id, orig
		*writes = append(*writes, seqWrite{id: id, a: a})
		if orig != 0 {
			// The original's "also reported by" changed: index it again.
			*writes = append(*writes, seqWrite{id: orig})
		}
		return Created, replacePgCompanies(ctx, pgDB{tx}, id, a.Tags.Companies)
	}
}

// articleArgs are the columns an insert and an update of a write both
// set, in the order of their statements ($1 to $26).
func articleArgs(a *news.Article, tags string, bands dedupe.Bands) []any {
	return []any{a.GUID, a.URL, a.Title, a.Summary, a.Body, a.BodySource, a.Lang,
		a.Published.Unix(), boolInt(a.PublishedEstimated), a.Fetched.Unix(), a.ContentHash,
		a.Tags.Primary, string(a.Tags.Layer), string(a.Tags.EventType), string(a.Tags.Status), a.Tags.EventKey(),
		tags, a.Tags.Version, int64(a.SimHash), bands[0], bands[1], bands[2], bands[3], bands[4], bands[5], bands[6]}
}

// copyKeys are the keys of the advisory locks (lockDuplicates) of what a
// new article may be found by as an original, and of what its query looks
// for: the URLs, and each fingerprint band with its position.
func copyKeys(a *news.Article, bands dedupe.Bands, q dedupe.Query) []string {
	keys := []string{"u" + a.URL}
	if q.URL != "" {
		keys = append(keys, "u"+q.URL)
	}
	if a.SimHash != 0 {
		for i, b := range bands {
			keys = append(keys, "b"+strconv.Itoa(i)+":"+strconv.FormatInt(b, 10))
		}
	}
	if q.ByText() {
		for i, b := range q.Bands {
			keys = append(keys, "b"+strconv.Itoa(i)+":"+strconv.FormatInt(b, 10))
		}
	}
	return keys
}

// pgOriginalByBands is one look-up per band, as for SQLite.
var pgOriginalByBands = func() string {
	var sb strings.Builder
	for i := range dedupe.NumBands {
		if i > 0 {
			sb.WriteString(" UNION ")
		}
		fmt.Fprintf(&sb, `SELECT id, simhash FROM articles
			WHERE sh%d = $%d AND published_at BETWEEN $%d AND $%d AND simhash != 0 AND duplicate_of IS NULL AND source_id != $%d`,
			i, 4*i+1, 4*i+2, 4*i+3, 4*i+4)
	}
	sb.WriteString(" ORDER BY id")
	return sb.String()
}()

// pgOriginal answers a dedupe.Query (findOriginal) and
// locks the original's row, whose sequence number the write moves.
func pgOriginal(ctx context.Context, tx pgx.Tx, q dedupe.Query) (int64, error) {
	id, err := findOriginal(ctx, pgDB{tx}, q, pgOriginalByBands)
	if err != nil || id == 0 {
		return id, err
	}
	_, err = tx.Exec(ctx, `SELECT 1 FROM articles WHERE id = $1 FOR NO KEY UPDATE`, id)
	return id, err
}

func replacePgCompanies(ctx context.Context, tx db, id int64, cs []news.CompanyTag) error {
	if _, err := tx.exec(ctx, `DELETE FROM article_companies WHERE article_id = $1`, id); err != nil {
		return err
	}
	if len(cs) == 0 {
		return nil
	}
	names, known, salience, rank := make([]string, len(cs)), make([]int32, len(cs)), make([]float64, len(cs)), make([]int32, len(cs))
	for i, c := range cs {
		names[i], known[i], salience[i], rank[i] = c.Name, int32(boolInt(c.Known)), c.Salience, int32(i)
	}
	// A name listed twice keeps its first place, as with SQLite.
	_, err := tx.exec(ctx, `INSERT INTO article_companies (article_id, company, known, salience, rank)
		SELECT $1, c, k, sl, r FROM unnest($2::text[], $3::int[], $4::float8[], $5::int[]) AS u(c, k, sl, r)
		ON CONFLICT DO NOTHING`, id, names, known, salience, rank)
	return err
}
