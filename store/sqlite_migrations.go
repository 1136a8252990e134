package store

// migrations are applied in order at Open; the index of a migration plus
// one is its version, recorded in schema_migrations. Never edit a migration
// that has shipped: add a new one.
var migrations = []string{
	// 1: the initial schema.
	`
CREATE TABLE meta (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
);
INSERT INTO meta (key, value) VALUES ('seq', '0');

CREATE TABLE sources (
	id                   INTEGER PRIMARY KEY,
	name                 TEXT NOT NULL,
	url                  TEXT NOT NULL UNIQUE,
	kind                 TEXT NOT NULL DEFAULT 'feed',
	lang                 TEXT NOT NULL DEFAULT '',
	enabled              INTEGER NOT NULL DEFAULT 1,
	etag                 TEXT NOT NULL DEFAULT '',
	last_modified        TEXT NOT NULL DEFAULT '',
	attempt_started_at   INTEGER NOT NULL DEFAULT 0,
	last_attempt_at      INTEGER NOT NULL DEFAULT 0,
	last_success_at      INTEGER NOT NULL DEFAULT 0,
	last_error           TEXT NOT NULL DEFAULT '',
	consecutive_failures INTEGER NOT NULL DEFAULT 0,
	next_check_at        INTEGER NOT NULL DEFAULT 0,
	fetches              INTEGER NOT NULL DEFAULT 0,
	not_modified         INTEGER NOT NULL DEFAULT 0,
	created_at           INTEGER NOT NULL
);

CREATE TABLE articles (
	id                  INTEGER PRIMARY KEY,
	source_id           INTEGER NOT NULL REFERENCES sources(id),
	dedup_key           TEXT NOT NULL,
	guid                TEXT NOT NULL DEFAULT '',
	url                 TEXT NOT NULL,
	title               TEXT NOT NULL,
	summary             TEXT NOT NULL DEFAULT '',
	body                TEXT NOT NULL DEFAULT '',
	lang                TEXT NOT NULL DEFAULT '',
	published_at        INTEGER NOT NULL,
	published_estimated INTEGER NOT NULL DEFAULT 0,
	fetched_at          INTEGER NOT NULL,
	content_hash        TEXT NOT NULL,
	primary_company     TEXT NOT NULL DEFAULT '',
	layer               TEXT NOT NULL DEFAULT 'none',
	event_type          TEXT NOT NULL DEFAULT 'other',
	status              TEXT NOT NULL DEFAULT '',
	tags                TEXT NOT NULL DEFAULT '{}',
	classifier_version  TEXT NOT NULL DEFAULT '',
	duplicate_of        INTEGER REFERENCES articles(id),
	seq                 INTEGER NOT NULL,
	UNIQUE (source_id, dedup_key)
);
CREATE INDEX articles_seq ON articles(seq);
CREATE INDEX articles_published ON articles(published_at);
CREATE INDEX articles_url ON articles(url);
CREATE INDEX articles_event ON articles(event_type, published_at);

CREATE TABLE article_companies (
	article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
	company    TEXT NOT NULL,
	known      INTEGER NOT NULL DEFAULT 1,
	salience   REAL NOT NULL DEFAULT 0,
	rank       INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (article_id, company)
);
CREATE INDEX article_companies_company ON article_companies(company);

CREATE TABLE events (
	id              INTEGER PRIMARY KEY,
	type            TEXT NOT NULL,
	primary_company TEXT NOT NULL DEFAULT '',
	layer           TEXT NOT NULL DEFAULT 'none',
	status          TEXT NOT NULL DEFAULT '',
	date            INTEGER NOT NULL,
	fields          TEXT NOT NULL DEFAULT '{}',
	created_at      INTEGER NOT NULL,
	updated_at      INTEGER NOT NULL
);
CREATE INDEX events_date ON events(date);

CREATE TABLE event_articles (
	event_id   INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
	article_id INTEGER NOT NULL UNIQUE REFERENCES articles(id) ON DELETE CASCADE,
	PRIMARY KEY (event_id, article_id)
);

CREATE TABLE subscribers (
	id         INTEGER PRIMARY KEY,
	email      TEXT NOT NULL UNIQUE,
	filter     TEXT NOT NULL DEFAULT '{}',
	frequency  TEXT NOT NULL DEFAULT 'daily',
	send_at    TEXT NOT NULL DEFAULT '07:00',
	tz         TEXT NOT NULL DEFAULT 'UTC',
	status     TEXT NOT NULL DEFAULT 'active',
	bounces    INTEGER NOT NULL DEFAULT 0,
	created_at INTEGER NOT NULL
);

CREATE TABLE digests_sent (
	id            INTEGER PRIMARY KEY,
	subscriber_id INTEGER NOT NULL REFERENCES subscribers(id),
	period        TEXT NOT NULL,
	state         TEXT NOT NULL,
	message_id    TEXT NOT NULL,
	events        INTEGER NOT NULL DEFAULT 0,
	attempts      INTEGER NOT NULL DEFAULT 0,
	last_error    TEXT NOT NULL DEFAULT '',
	claimed_at    INTEGER NOT NULL,
	updated_at    INTEGER NOT NULL,
	UNIQUE (subscriber_id, period)
);
`,
	// 2: imported sources, where an article's text came from, near-duplicate
	// fingerprints.
	`
ALTER TABLE sources ADD COLUMN origin TEXT NOT NULL DEFAULT 'config';
ALTER TABLE articles ADD COLUMN body_source TEXT NOT NULL DEFAULT '';
ALTER TABLE articles ADD COLUMN simhash INTEGER NOT NULL DEFAULT 0;
ALTER TABLE articles ADD COLUMN sh0 INTEGER NOT NULL DEFAULT 0;
ALTER TABLE articles ADD COLUMN sh1 INTEGER NOT NULL DEFAULT 0;
ALTER TABLE articles ADD COLUMN sh2 INTEGER NOT NULL DEFAULT 0;
ALTER TABLE articles ADD COLUMN sh3 INTEGER NOT NULL DEFAULT 0;
ALTER TABLE articles ADD COLUMN sh4 INTEGER NOT NULL DEFAULT 0;
ALTER TABLE articles ADD COLUMN sh5 INTEGER NOT NULL DEFAULT 0;
ALTER TABLE articles ADD COLUMN sh6 INTEGER NOT NULL DEFAULT 0;
CREATE INDEX articles_sh0 ON articles(sh0, published_at, source_id, simhash) WHERE simhash != 0 AND duplicate_of IS NULL;
CREATE INDEX articles_sh1 ON articles(sh1, published_at, source_id, simhash) WHERE simhash != 0 AND duplicate_of IS NULL;
CREATE INDEX articles_sh2 ON articles(sh2, published_at, source_id, simhash) WHERE simhash != 0 AND duplicate_of IS NULL;
CREATE INDEX articles_sh3 ON articles(sh3, published_at, source_id, simhash) WHERE simhash != 0 AND duplicate_of IS NULL;
CREATE INDEX articles_sh4 ON articles(sh4, published_at, source_id, simhash) WHERE simhash != 0 AND duplicate_of IS NULL;
CREATE INDEX articles_sh5 ON articles(sh5, published_at, source_id, simhash) WHERE simhash != 0 AND duplicate_of IS NULL;
CREATE INDEX articles_sh6 ON articles(sh6, published_at, source_id, simhash) WHERE simhash != 0 AND duplicate_of IS NULL;
CREATE INDEX articles_duplicate_of ON articles(duplicate_of) WHERE duplicate_of IS NOT NULL;
`,
	// 3: events merged from articles (the key that groups an article's
	// reports, the event's reconciled fields and provenance), and what the
	// digest needs of subscribers and its ledger.
	`
ALTER TABLE articles ADD COLUMN event_key TEXT NOT NULL DEFAULT '';
CREATE INDEX articles_event_key ON articles(event_key) WHERE event_key != '';
ALTER TABLE events ADD COLUMN group_key TEXT NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN sources INTEGER NOT NULL DEFAULT 0;
ALTER TABLE events ADD COLUMN amount_usd REAL NOT NULL DEFAULT 0;
ALTER TABLE events ADD COLUMN round TEXT NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN acquirer TEXT NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN target TEXT NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN provenance TEXT NOT NULL DEFAULT '{}';
CREATE INDEX events_group ON events(group_key);
CREATE INDEX events_created ON events(created_at);
CREATE INDEX events_primary ON events(primary_company COLLATE NOCASE, date);
CREATE INDEX event_articles_article ON event_articles(article_id);
INSERT INTO meta (key, value) VALUES ('events_seq', '0'), ('events_version', '');

ALTER TABLE subscribers ADD COLUMN weekday INTEGER NOT NULL DEFAULT 1;
ALTER TABLE subscribers ADD COLUMN updated_at INTEGER NOT NULL DEFAULT 0;
ALTER TABLE digests_sent ADD COLUMN since_at INTEGER NOT NULL DEFAULT 0;
ALTER TABLE digests_sent ADD COLUMN until_at INTEGER NOT NULL DEFAULT 0;
ALTER TABLE digests_sent ADD COLUMN owner TEXT NOT NULL DEFAULT '';
CREATE INDEX digests_sent_state ON digests_sent(state);
`,
	// 4: an event update reads a group's articles from a point in time on.
	`
DROP INDEX articles_event_key;
CREATE INDEX articles_event_key ON articles(event_key, published_at, id) WHERE event_key != '';
`,
	// 5: sources the process died on, counted, and why a source was
	// disabled (a poison pill is, after a few crashes in a row).
	`
ALTER TABLE sources ADD COLUMN crashes INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sources ADD COLUMN disabled_reason TEXT NOT NULL DEFAULT '';
`,
	// 6: a random ID made once with the store, which the index records so
	// that it can tell when the store file under it was replaced.
	`
INSERT INTO meta (key, value) VALUES ('store_id', lower(hex(randomblob(16))));
`,
	// 7: whether a source's last failure is worth retrying soon
	// ("transient") or not ("permanent"), as the fetcher judged it, and
	// the failure in plain words beside the error itself.
	`
ALTER TABLE sources ADD COLUMN last_error_kind TEXT NOT NULL DEFAULT '';
ALTER TABLE sources ADD COLUMN last_error_plain TEXT NOT NULL DEFAULT '';
`,
}
