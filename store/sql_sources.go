package store

import (
	"context"
	"fmt"
	"time"

	"github.com/aitracker/aitracker/news"
)

// SyncSources implements Store.SyncSources. Two processes that sync a
// PostgreSQL store at once (each starting with the configuration) take
// turns on an advisory lock (lockSources), so that neither disables what
// the other enables half-way.
func (s *sqlStore) SyncSources(ctx context.Context, list []news.Source) ([]news.Source, error) {
	now := s.clock().Unix()
	err := s.inTx(ctx, func(tx db) error {
		if err := lock(ctx, tx, lockSources); err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `UPDATE sources SET enabled = 0 WHERE origin = 'config'`); err != nil {
			return err
		}
		for _, src := range list {
			if _, err := insertSource(ctx, tx, src, "config", now, `DO UPDATE SET
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
func (s *sqlStore) ImportSources(ctx context.Context, list []news.Source, origin string) (int, error) {
	added := 0
	now := s.clock().Unix()
	err := s.inTx(ctx, func(tx db) error {
		added = 0
		for _, src := range list {
			ok, err := insertSource(ctx, tx, src, origin, now, `DO NOTHING`)
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

// insertSource adds src, enabled, with its origin; when its URL is known,
// onConflict says what happens instead. It reports whether a row was
// written.
func insertSource(ctx context.Context, tx db, src news.Source, origin string, now int64, onConflict string) (bool, error) {
	kind := src.Kind
	if kind == "" {
		kind = news.KindFeed
	}
	n, err := tx.exec(ctx, `
		INSERT INTO sources (name, url, kind, lang, enabled, origin, created_at)
		VALUES ($1, $2, $3, $4, 1, $5, $6) ON CONFLICT (url) `+onConflict,
		src.Name, src.URL, string(kind), src.Lang, origin, now)
	if err != nil {
		return false, fmt.Errorf("source %q: %w", src.URL, err)
	}
	return n > 0, nil
}

const sourceColumns = `s.id, s.name, s.url, s.kind, s.lang, s.origin, s.enabled, s.etag, s.last_modified,
	s.last_attempt_at, s.last_success_at, s.last_error, s.consecutive_failures, s.next_check_at, s.fetches, s.not_modified,
	s.disabled_reason, s.last_error_kind, s.last_error_plain`

func scanSource(sc scanner, extra ...any) (news.Source, error) {
	var src news.Source
	var kind string
	var enabled int
	var attempt, success, next int64
	dest := []any{&src.ID, &src.Name, &src.URL, &kind, &src.Lang, &src.Origin, &enabled, &src.ETag, &src.LastModified,
		&attempt, &success, &src.LastError, &src.ConsecutiveFailures, &next, &src.Fetches, &src.NotModified,
		&src.DisabledReason, &src.LastErrorKind, &src.LastErrorPlain}
	if err := sc.Scan(append(dest, extra...)...); err != nil {
		return src, err
	}
	src.Kind = news.SourceKind(kind)
	src.Enabled = enabled == 1
	src.LastAttemptAt, src.LastSuccessAt, src.NextCheckAt = fromUnix(attempt), fromUnix(success), fromUnix(next)
	return src, nil
}

// Sources implements Store.Sources.
func (s *sqlStore) Sources(ctx context.Context) ([]news.Source, error) {
	weekAgo := s.clock().Add(-7 * 24 * time.Hour).Unix()
	out, err := all(ctx, s.read, func(sc scanner) (news.Source, error) {
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

// Source implements Store.Source.
func (s *sqlStore) Source(ctx context.Context, id int64) (news.Source, bool, error) {
	out, err := all(ctx, s.read, func(sc scanner) (news.Source, error) { return scanSource(sc) },
		`SELECT `+sourceColumns+` FROM sources s WHERE s.id = $1`, id)
	if err != nil {
		return news.Source{}, false, fmt.Errorf("store: read source %d: %w", id, err)
	}
	if len(out) == 0 {
		return news.Source{}, false, nil
	}
	return out[0], true, nil
}

// EnableSource implements Store.EnableSource.
func (s *sqlStore) EnableSource(ctx context.Context, nameOrURL string) (bool, error) {
	n, err := s.write.exec(ctx, `
		UPDATE sources SET enabled = 1, disabled_reason = '', crashes = 0, next_check_at = 0
		WHERE name = $1 OR url = $1`, nameOrURL)
	if err != nil {
		return false, fmt.Errorf("store: enable source %q: %w", nameOrURL, err)
	}
	return n > 0, nil
}

// BeginAttempt implements Store.BeginAttempt.
func (s *sqlStore) BeginAttempt(ctx context.Context, sourceID int64, at time.Time) error {
	_, err := s.write.exec(ctx, `UPDATE sources SET attempt_started_at = $1, last_attempt_at = $1 WHERE id = $2`, at.Unix(), sourceID)
	if err != nil {
		return fmt.Errorf("store: begin attempt of source %d: %w", sourceID, err)
	}
	return nil
}

// RecordFetch implements Store.RecordFetch.
func (s *sqlStore) RecordFetch(ctx context.Context, sourceID int64, o FetchOutcome) error {
	var err error
	if o.Err == nil {
		_, err = s.write.exec(ctx, `
			UPDATE sources SET attempt_started_at = 0, crashes = 0, last_attempt_at = $1, last_success_at = $1,
				last_error = '', last_error_kind = '', last_error_plain = '', consecutive_failures = 0, next_check_at = $2,
				etag = CASE WHEN $3 THEN etag ELSE $4 END,
				last_modified = CASE WHEN $3 THEN last_modified ELSE $5 END,
				fetches = fetches + 1, not_modified = not_modified + $6
			WHERE id = $7`,
			o.At.Unix(), unix(o.NextCheckAt), o.NotModified, o.ETag, o.LastModified, boolInt(o.NotModified), sourceID)
	} else {
		_, err = s.write.exec(ctx, `
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
func (s *sqlStore) EndAttempt(ctx context.Context, sourceID int64) error {
	if _, err := s.write.exec(ctx, `UPDATE sources SET attempt_started_at = 0 WHERE id = $1`, sourceID); err != nil {
		return fmt.Errorf("store: end attempt of source %d: %w", sourceID, err)
	}
	return nil
}

// RecoverInterrupted implements Store.RecoverInterrupted. The sources are
// read in the transaction that settles them, on PostgreSQL FOR UPDATE
// SKIP LOCKED: two processes recovering at once split the sources between
// them, and a crash is counted once.
func (s *sqlStore) RecoverInterrupted(ctx context.Context, now time.Time, backoff func(failures int) time.Duration, crashLimit int) ([]Interrupted, error) {
	var out []Interrupted
	err := s.inTx(ctx, func(tx db) error {
		out = nil
		type row struct {
			id                int64
			name              string
			failures, crashes int
		}
		found, err := all(ctx, tx, func(sc scanner) (r row, err error) {
			err = sc.Scan(&r.id, &r.name, &r.failures, &r.crashes)
			return r, err
		}, `SELECT id, name, consecutive_failures, crashes FROM sources WHERE attempt_started_at != 0 ORDER BY id`+tx.dialect().skipLocked)
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
			_, err := tx.exec(ctx, `
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
