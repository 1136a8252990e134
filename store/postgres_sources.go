package store

import (
	"context"
	"fmt"
	"time"

	"github.com/aitracker/aitracker/news"
	"github.com/jackc/pgx/v5"
)

// SyncSources implements Store.SyncSources. Two processes that sync at
// once (each starting with the configuration) take turns on an advisory
// lock (lockSources), so that neither disables what the other enables
// half-way.
func (s *Postgres) SyncSources(ctx context.Context, list []news.Source) ([]news.Source, error) {
	now := s.now().Unix()
	err := s.tx(ctx, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1, 0)`, lockSources); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `UPDATE sources SET enabled = 0 WHERE origin = 'config'`); err != nil {
			return err
		}
		for _, src := range list {
			if _, err := insertPgSource(ctx, tx, src, "config", now, `DO UPDATE SET
				name = excluded.name, kind = excluded.kind, lang = excluded.lang,
				enabled = CASE WHEN sources.disabled_reason = '' THEN 1 ELSE 0 END, origin = 'config'`); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store: sync sources: %w", err)
	}
	all, err := s.Sources(ctx)
	if err != nil {
		return nil, err
	}
	return syncedSources(list, all), nil
}

// ImportSources implements Store.ImportSources. The URL's unique key
// keeps two imports of one URL at once from adding it twice.
func (s *Postgres) ImportSources(ctx context.Context, list []news.Source, origin string) (int, error) {
	added := 0
	now := s.now().Unix()
	err := s.tx(ctx, func(tx pgx.Tx) error {
		added = 0
		for _, src := range list {
			ok, err := insertPgSource(ctx, tx, src, origin, now, `DO NOTHING`)
			if err != nil {
				return err
			}
			if ok {
				added++
			}
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("store: import sources: %w", err)
	}
	return added, nil
}

// insertPgSource is insertSource for PostgreSQL.
func insertPgSource(ctx context.Context, tx pgx.Tx, src news.Source, origin string, now int64, onConflict string) (bool, error) {
	kind := src.Kind
	if kind == "" {
		kind = news.KindFeed
	}
	res, err := tx.Exec(ctx, `
		INSERT INTO sources (name, url, kind, lang, enabled, origin, created_at)
		VALUES ($1, $2, $3, $4, 1, $5, $6) ON CONFLICT (url) `+onConflict,
		src.Name, src.URL, string(kind), src.Lang, origin, now)
	if err != nil {
		return false, fmt.Errorf("source %q: %w", src.URL, err)
	}
	return res.RowsAffected() > 0, nil
}

// Sources implements Store.Sources.
func (s *Postgres) Sources(ctx context.Context) ([]news.Source, error) {
	weekAgo := s.now().Add(-7 * 24 * time.Hour).Unix()
	out, err := pgAll(ctx, s.db, func(sc scanner) (news.Source, error) {
		var n, n7 int
		src, err := scanSource(sc, &n, &n7)
		src.ArticleCount, src.New7d = n, n7
		return src, err
	}, `
		SELECT `+sourceColumns+`,
			(SELECT COUNT(*) FROM articles a WHERE a.source_id = s.id),
			(SELECT COUNT(*) FROM articles a WHERE a.source_id = s.id AND a.fetched_at >= $1)
		FROM sources s ORDER BY s.enabled DESC, s.consecutive_failures >= 3 DESC, s.id`, weekAgo)
	if err != nil {
		return nil, fmt.Errorf("store: list sources: %w", err)
	}
	return out, nil
}

// EnableSource implements Store.EnableSource.
func (s *Postgres) EnableSource(ctx context.Context, nameOrURL string) (bool, error) {
	res, err := s.db.Exec(ctx, `
		UPDATE sources SET enabled = 1, disabled_reason = '', crashes = 0, next_check_at = 0
		WHERE name = $1 OR url = $1`, nameOrURL)
	if err != nil {
		return false, fmt.Errorf("store: enable source %q: %w", nameOrURL, err)
	}
	return res.RowsAffected() > 0, nil
}

// BeginAttempt implements Store.BeginAttempt.
func (s *Postgres) BeginAttempt(ctx context.Context, sourceID int64, at time.Time) error {
	_, err := s.db.Exec(ctx, `UPDATE sources SET attempt_started_at = $1, last_attempt_at = $1 WHERE id = $2`, at.Unix(), sourceID)
	if err != nil {
		return fmt.Errorf("store: begin attempt of source %d: %w", sourceID, err)
	}
	return nil
}

// RecordFetch implements Store.RecordFetch.
func (s *Postgres) RecordFetch(ctx context.Context, sourceID int64, o FetchOutcome) error {
	var err error
	if o.Err == nil {
		_, err = s.db.Exec(ctx, `
			UPDATE sources SET attempt_started_at = 0, crashes = 0, last_attempt_at = $1, last_success_at = $1,
				last_error = '', last_error_kind = '', last_error_plain = '', consecutive_failures = 0, next_check_at = $2,
				etag = CASE WHEN $3 THEN etag ELSE $4 END,
				last_modified = CASE WHEN $3 THEN last_modified ELSE $5 END,
				fetches = fetches + 1, not_modified = not_modified + $6
			WHERE id = $7`,
			o.At.Unix(), unix(o.NextCheckAt), o.NotModified, o.ETag, o.LastModified, boolInt(o.NotModified), sourceID)
	} else {
		_, err = s.db.Exec(ctx, `
			UPDATE sources SET attempt_started_at = 0, crashes = 0, last_attempt_at = $1, last_error = $2, last_error_kind = $3,
				last_error_plain = $4, consecutive_failures = consecutive_failures + 1, next_check_at = $5,
				fetches = fetches + 1
			WHERE id = $6`,
			o.At.Unix(), oneLine(o.Err.Error()), o.ErrKind, oneLine(o.ErrPlain), unix(o.NextCheckAt), sourceID)
	}
	if err != nil {
		return fmt.Errorf("store: record fetch of source %d: %w", sourceID, err)
	}
	return nil
}

// EndAttempt implements Store.EndAttempt.
func (s *Postgres) EndAttempt(ctx context.Context, sourceID int64) error {
	if _, err := s.db.Exec(ctx, `UPDATE sources SET attempt_started_at = 0 WHERE id = $1`, sourceID); err != nil {
		return fmt.Errorf("store: end attempt of source %d: %w", sourceID, err)
	}
	return nil
}

// RecoverInterrupted implements Store.RecoverInterrupted. The sources are
// read FOR UPDATE SKIP LOCKED in the transaction that settles them: two
// processes recovering at once split the sources between them, and a
// crash is counted once.
func (s *Postgres) RecoverInterrupted(ctx context.Context, now time.Time, backoff func(failures int) time.Duration, crashLimit int) ([]Interrupted, error) {
	var out []Interrupted
	err := s.tx(ctx, func(tx pgx.Tx) error {
		out = nil
		type row struct {
			id                int64
			name              string
			failures, crashes int
		}
		found, err := pgAll(ctx, tx, func(sc scanner) (r row, err error) {
			err = sc.Scan(&r.id, &r.name, &r.failures, &r.crashes)
			return r, err
		}, `SELECT id, name, consecutive_failures, crashes FROM sources WHERE attempt_started_at != 0 ORDER BY id FOR UPDATE SKIP LOCKED`)
		if err != nil {
			return err
		}
		for _, r := range found {
			in := Interrupted{ID: r.id, Name: r.name, Crashes: r.crashes + 1}
			in.Disabled = crashLimit > 0 && in.Crashes >= crashLimit
			msg := "the previous run stopped while reading this source (crash or kill)"
			reason := ""
			if in.Disabled {
				reason = CrashedReason
				msg = fmt.Sprintf("%s %d times in a row; disabled until enabled again (aitracker sources enable)", CrashedReason, in.Crashes)
			}
			_, err := tx.Exec(ctx, `
				UPDATE sources SET attempt_started_at = 0, consecutive_failures = consecutive_failures + 1,
					crashes = $1, last_error = $2, last_error_kind = '', last_error_plain = '', next_check_at = $3,
					enabled = CASE WHEN $4 != '' THEN 0 ELSE enabled END,
					disabled_reason = CASE WHEN $4 != '' THEN $4 ELSE disabled_reason END
				WHERE id = $5`, in.Crashes, msg, now.Add(backoff(r.failures+1)).Unix(), reason, r.id)
			if err != nil {
				return err
			}
			out = append(out, in)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store: recover interrupted attempts: %w", err)
	}
	return out, nil
}
