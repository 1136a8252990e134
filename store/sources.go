package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/aitracker/aitracker/news"
)

// SyncSources makes the configured list the set of enabled configured
// sources: new URLs are added, known ones get the configured name, kind
// and language, and configured sources no longer listed are disabled
// (never deleted, so their articles keep a source). Imported sources are
// left alone, and so is a source disabled for a reason (quarantined after
// crashes): listed, it stays disabled. It returns the configured sources
// in list order, then the enabled imported ones.
func (s *Store) SyncSources(ctx context.Context, list []news.Source) ([]news.Source, error) {
	now := time.Now().Unix()
	err := s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `UPDATE sources SET enabled = 0 WHERE origin = 'config'`); err != nil {
			return err
		}
		for _, src := range list {
			kind := src.Kind
			if kind == "" {
				kind = news.KindFeed
			}
			_, err := tx.ExecContext(ctx, `
				INSERT INTO sources (name, url, kind, lang, enabled, origin, created_at)
				VALUES (?, ?, ?, ?, 1, 'config', ?)
				ON CONFLICT (url) DO UPDATE SET
					name = excluded.name, kind = excluded.kind, lang = excluded.lang,
					enabled = sources.disabled_reason = '', origin = 'config'`,
				src.Name, src.URL, string(kind), src.Lang, now)
			if err != nil {
				return fmt.Errorf("source %q: %w", src.URL, err)
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
	return out, nil
}

// ImportSources adds sources from outside the configuration, enabled,
// with their origin ("opml" for a file, "api" for the admin API); URLs
// already known are left as they are. It returns how many were added.
func (s *Store) ImportSources(ctx context.Context, list []news.Source, origin string) (int, error) {
	added := 0
	now := time.Now().Unix()
	err := s.tx(ctx, func(tx *sql.Tx) error {
		for _, src := range list {
			kind := src.Kind
			if kind == "" {
				kind = news.KindFeed
			}
			res, err := tx.ExecContext(ctx, `
				INSERT INTO sources (name, url, kind, lang, enabled, origin, created_at)
				VALUES (?, ?, ?, ?, 1, ?, ?) ON CONFLICT (url) DO NOTHING`,
				src.Name, src.URL, string(kind), src.Lang, origin, now)
			if err != nil {
				return fmt.Errorf("source %q: %w", src.URL, err)
			}
			if n, _ := res.RowsAffected(); n > 0 {
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

const sourceColumns = `s.id, s.name, s.url, s.kind, s.lang, s.origin, s.enabled, s.etag, s.last_modified,
	s.last_attempt_at, s.last_success_at, s.last_error, s.consecutive_failures, s.next_check_at, s.fetches, s.not_modified,
	s.disabled_reason, s.last_error_kind, s.last_error_plain`

func scanSource(sc interface{ Scan(...any) error }, extra ...any) (news.Source, error) {
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

// Sources returns every source, enabled first, with article counts.
// Sources that keep failing are listed first among the enabled.
func (s *Store) Sources(ctx context.Context) ([]news.Source, error) {
	weekAgo := time.Now().Add(-7 * 24 * time.Hour).Unix()
	rows, err := s.r.QueryContext(ctx, `
		SELECT `+sourceColumns+`,
			(SELECT COUNT(*) FROM articles a WHERE a.source_id = s.id),
			(SELECT COUNT(*) FROM articles a WHERE a.source_id = s.id AND a.fetched_at >= ?)
		FROM sources s ORDER BY s.enabled DESC, s.consecutive_failures >= 3 DESC, s.id`, weekAgo)
	if err != nil {
		return nil, fmt.Errorf("store: list sources: %w", err)
	}
	defer rows.Close()
	var out []news.Source
	for rows.Next() {
		var n, n7 int
		src, err := scanSource(rows, &n, &n7)
		if err != nil {
			return nil, fmt.Errorf("store: list sources: %w", err)
		}
		src.ArticleCount, src.New7d = n, n7
		out = append(out, src)
	}
	return out, rows.Err()
}

// BeginAttempt records that a fetch of the source has started, before any
// of its work is done, so that a crash in the middle still shows up as an
// unfinished attempt on the next start.
func (s *Store) BeginAttempt(ctx context.Context, sourceID int64, at time.Time) error {
	_, err := s.w.ExecContext(ctx, `UPDATE sources SET attempt_started_at = ?, last_attempt_at = ? WHERE id = ?`,
		at.Unix(), at.Unix(), sourceID)
	if err != nil {
		return fmt.Errorf("store: begin attempt of source %d: %w", sourceID, err)
	}
	return nil
}

// FetchOutcome is the result of one attempt at a source.
type FetchOutcome struct {
	At           time.Time
	Err          error  // nil on success
	ErrKind      string // on failure: "transient" or "permanent"
	ErrPlain     string // on failure: what it means in plain words, when more can be said than Err does
	NotModified  bool   // the server answered 304
	ETag         string // validators to send next time (success only)
	LastModified string
	NextCheckAt  time.Time
}

// RecordFetch stores the outcome of an attempt and ends it. On failure the
// validators are kept so that the next attempt can still be conditional.
// Either way the attempt finished, so the count of crashes in a row on
// the source starts again from zero.
func (s *Store) RecordFetch(ctx context.Context, sourceID int64, o FetchOutcome) error {
	var err error
	if o.Err == nil {
		_, err = s.w.ExecContext(ctx, `
			UPDATE sources SET attempt_started_at = 0, crashes = 0, last_attempt_at = ?, last_success_at = ?,
				last_error = '', last_error_kind = '', last_error_plain = '', consecutive_failures = 0, next_check_at = ?,
				etag = CASE WHEN ? THEN etag ELSE ? END,
				last_modified = CASE WHEN ? THEN last_modified ELSE ? END,
				fetches = fetches + 1, not_modified = not_modified + ?
			WHERE id = ?`,
			o.At.Unix(), o.At.Unix(), unix(o.NextCheckAt),
			o.NotModified, o.ETag, o.NotModified, o.LastModified,
			boolInt(o.NotModified), sourceID)
	} else {
		_, err = s.w.ExecContext(ctx, `
			UPDATE sources SET attempt_started_at = 0, crashes = 0, last_attempt_at = ?, last_error = ?, last_error_kind = ?,
				last_error_plain = ?, consecutive_failures = consecutive_failures + 1, next_check_at = ?,
				fetches = fetches + 1
			WHERE id = ?`,
			o.At.Unix(), oneLine(o.Err.Error()), o.ErrKind, oneLine(o.ErrPlain), unix(o.NextCheckAt), sourceID)
	}
	if err != nil {
		return fmt.Errorf("store: record fetch of source %d: %w", sourceID, err)
	}
	return nil
}

// oneLine keeps an error readable in a table cell.
func oneLine(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 500 {
		i := 500
		for i > 0 && !utf8.RuneStart(s[i]) {
			i--
		}
		s = s[:i] + "…"
	}
	return s
}

// Interrupted is a source whose last attempt started and never ended:
// the process died while reading it.
type Interrupted struct {
	ID   int64
	Name string
	// Crashes is how many attempts in a row ended that way, this one
	// included.
	Crashes int
	// Disabled is true when Crashes reached the limit: the source is
	// disabled with reason CrashedReason.
	Disabled bool
}

// CrashedReason is why a source that keeps crashing the process is
// disabled.
const CrashedReason = "crashed during processing"

// RecoverInterrupted finds sources whose last attempt started and never
// ended (the process crashed or was killed while reading them), counts
// that as a failure and as a crash, and returns them. Called once at
// start, it makes a source that crashes the process back off like one
// that fails, and a source that did so crashLimit times in a row (a
// poison pill) disabled with CrashedReason, instead of crashing every run.
func (s *Store) RecoverInterrupted(ctx context.Context, now time.Time, backoff func(failures int) time.Duration, crashLimit int) ([]Interrupted, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT id, name, consecutive_failures, crashes FROM sources WHERE attempt_started_at != 0 ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("store: recover interrupted attempts: %w", err)
	}
	type row struct {
		id                int64
		name              string
		failures, crashes int
	}
	var found []row
	for rows.Next() {
		var r row
		if err := rows.Scan(&r.id, &r.name, &r.failures, &r.crashes); err != nil {
			rows.Close()
			return nil, err
		}
		found = append(found, r)
	}
	rows.Close()
	var out []Interrupted
	for _, r := range found {
		in := Interrupted{ID: r.id, Name: r.name, Crashes: r.crashes + 1}
		in.Disabled = crashLimit > 0 && in.Crashes >= crashLimit
		msg := "the previous run stopped while reading this source (crash or kill)"
		reason := ""
		if in.Disabled {
			reason = CrashedReason
			msg = fmt.Sprintf("%s %d times in a row; disabled until enabled again (aitracker sources enable)", CrashedReason, in.Crashes)
		}
		_, err := s.w.ExecContext(ctx, `
			UPDATE sources SET attempt_started_at = 0, consecutive_failures = consecutive_failures + 1,
				crashes = ?, last_error = ?, last_error_kind = '', last_error_plain = '', next_check_at = ?,
				enabled = CASE WHEN ? != '' THEN 0 ELSE enabled END,
				disabled_reason = CASE WHEN ? != '' THEN ? ELSE disabled_reason END
			WHERE id = ?`, in.Crashes, msg, now.Add(backoff(r.failures+1)).Unix(), reason, reason, reason, r.id)
		if err != nil {
			return out, fmt.Errorf("store: recover interrupted attempts: %w", err)
		}
		out = append(out, in)
	}
	return out, nil
}

// EnableSource enables again the source with this name or URL, disabled
// for a reason (or removed from the configuration and so disabled until
// the next pass), and forgets its crashes. It reports whether one matched.
func (s *Store) EnableSource(ctx context.Context, nameOrURL string) (bool, error) {
	res, err := s.w.ExecContext(ctx, `
		UPDATE sources SET enabled = 1, disabled_reason = '', crashes = 0, next_check_at = 0
		WHERE name = ? OR url = ?`, nameOrURL, nameOrURL)
	if err != nil {
		return false, fmt.Errorf("store: enable source %q: %w", nameOrURL, err)
	}
	n, _ := res.RowsAffected()
	return n > 0, nil
}

// EndAttempt closes an attempt that was cut short on purpose (the pass
// was cancelled), without counting it as a success or a failure.
func (s *Store) EndAttempt(ctx context.Context, sourceID int64) error {
	_, err := s.w.ExecContext(ctx, `UPDATE sources SET attempt_started_at = 0 WHERE id = ?`, sourceID)
	if err != nil {
		return fmt.Errorf("store: end attempt of source %d: %w", sourceID, err)
	}
	return nil
}
