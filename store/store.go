package store

import (
	"context"
	"errors"
	"time"

	"github.com/aitracker/aitracker/dedupe"
	"github.com/aitracker/aitracker/news"
)

// Store is what the stages ask of the store of record. Open returns the
// SQLite implementation, OpenPostgres the PostgreSQL one; storetest.Run
// checks any implementation against this contract. Every method is safe
// for concurrent use; a method that writes more than one row does so
// atomically.
type Store interface {
	// ID is the store's identity: random, made with the store and never
	// changed. A store deleted and made again, or another store put in
	// its place, has another ID; a copy of it keeps it.
	ID(ctx context.Context) (string, error)
	// Close releases the store.
	Close() error

	// Sources and their fetch state.

	// SyncSources makes the configured list the set of enabled
	// configured sources: new URLs are added, known ones get the
	// configured name, kind and language, and configured sources no
	// longer listed are disabled (never deleted, so their articles keep a
	// source). Imported sources are left alone, and so is a source
	// disabled for a reason (quarantined after crashes): listed, it stays
	// disabled. It returns the configured sources in list order, with
	// their selectors, then the enabled imported ones.
	SyncSources(ctx context.Context, list []news.Source) ([]news.Source, error)
	// ImportSources adds sources from outside the configuration, enabled,
	// with their origin ("opml" for a file, "api" for the admin API); URLs
	// already known are left as they are. It returns how many were added.
	ImportSources(ctx context.Context, list []news.Source, origin string) (int, error)
	// Sources returns every source, enabled first, with article counts
	// (all, and fetched in the last seven days). Sources that keep failing
	// (three times or more in a row) are listed first among the enabled.
	Sources(ctx context.Context) ([]news.Source, error)
	// Source returns the source with this ID as it is stored now, its
	// fetch state included (article counts left zero), and false when
	// there is none.
	Source(ctx context.Context, id int64) (news.Source, bool, error)
	// EnableSource enables again the source with this name or URL,
	// disabled for a reason (or removed from the configuration and so
	// disabled until the next pass), forgets its crashes and makes it due
	// now. It reports whether one matched.
	EnableSource(ctx context.Context, nameOrURL string) (bool, error)
	// BeginAttempt records that a fetch of the source has started, before
	// any of its work is done, so that a crash in the middle still shows
	// up as an unfinished attempt (RecoverInterrupted) on the next start.
	BeginAttempt(ctx context.Context, sourceID int64, at time.Time) error
	// RecordFetch stores the outcome of an attempt and ends it. On
	// failure the validators are kept so that the next attempt can still
	// be conditional. Either way the attempt finished, so the count of
	// crashes in a row on the source starts again from zero. A failure's
	// kind and plain words are kept beside its error until the next
	// success clears them (RecoverInterrupted replaces them too).
	RecordFetch(ctx context.Context, sourceID int64, o FetchOutcome) error
	// EndAttempt closes an attempt that was cut short on purpose (the
	// pass was cancelled), without counting it as a success or a failure.
	EndAttempt(ctx context.Context, sourceID int64) error
	// RecoverInterrupted finds sources whose last attempt started and
	// never ended (the process crashed or was killed while reading them),
	// counts that as a failure and as a crash, makes each due after
	// backoff(its failures), and returns them. Called once at start, it
	// makes a source that crashes the process back off like one that
	// fails, and a source that did so crashLimit times in a row (a poison
	// pill) disabled with CrashedReason, instead of crashing every run;
	// crashLimit 0 disables none.
	RecoverInterrupted(ctx context.Context, now time.Time, backoff func(failures int) time.Duration, crashLimit int) ([]Interrupted, error)

	// Articles. Every write of an article gives it the next sequence
	// number (news.Article.Seq), so that what the index has not seen is
	// what was written after the highest number it has.

	// Lookup returns what is stored for an item of a source, and whether
	// there is anything.
	Lookup(ctx context.Context, sourceID int64, dedupKey string) (Known, bool, error)
	// SaveArticle stores the article, unique on (source, dedup key),
	// with its company tags. a.ContentHash must be set (see
	// dedupe.ContentHash); storing the same content with the same
	// classifier version again writes nothing and returns Unchanged. A
	// new article is linked to the article that answers dup (see
	// dedupe.Query), looked up in the same write, so that of two copies
	// stored at once the second always finds the first; it is stored all
	// the same, and the original gets a new sequence number so that the
	// index learns who else reported it. An update keeps the link and the
	// first fetch time. The zero Query links nothing. On success a.ID,
	// a.Seq and, for a new article, a.DuplicateOf are set.
	SaveArticle(ctx context.Context, a *news.Article, dup dedupe.Query) (SaveResult, error)
	// SaveArticles saves a batch as SaveArticle saves each of its
	// articles, in order, in one write: each Save's Result and Err say
	// what became of it. An article that fails leaves the others to be
	// stored; the error returned is the batch's own (the write could not
	// be committed), when none of them is stored.
	SaveArticles(ctx context.Context, batch []Save) error
	// UpdateTags replaces an article's tags, as after a
	// re-classification, with a new sequence number; ErrNotFound when
	// there is no such article.
	UpdateTags(ctx context.Context, id int64, t news.Tags) error
	// Article returns one article by ID, or ErrNotFound.
	Article(ctx context.Context, id int64) (news.Article, error)
	// Articles returns the articles with the given IDs, in that order;
	// IDs that do not exist are skipped.
	Articles(ctx context.Context, ids []int64) ([]news.Article, error)
	// ArticlesAfter returns up to limit articles whose last write has a
	// sequence number above seq, in sequence order: what an index that
	// has seen everything up to seq still needs.
	ArticlesAfter(ctx context.Context, seq int64, limit int) ([]news.Article, error)
	// ArticleStatesAfter is ArticlesAfter without the text (Title,
	// Summary and Body empty): what a reader that holds the text of the
	// articles it wrote still needs of them, their event, their copies
	// and their sequence numbers.
	ArticleStatesAfter(ctx context.Context, seq int64, limit int) ([]news.Article, error)
	// ArticlesFrom returns up to limit articles with IDs above afterID,
	// in ID order: a way to walk the whole store in batches.
	ArticlesFrom(ctx context.Context, afterID int64, limit int) ([]news.Article, error)
	// MaxSeq is the sequence number of the latest write; 0 for a new
	// store.
	MaxSeq(ctx context.Context) (int64, error)
	// CountArticles is the number of stored articles.
	CountArticles(ctx context.Context) (int, error)
	// Candidates lists the names outside the taxonomy that articles were
	// tagged with (news.CompanyTag.Known false), most frequent first.
	Candidates(ctx context.Context, limit int) ([]Candidate, error)

	// Events: how far they are computed, and their replacement.

	// EventsState is how far events are computed: every article written
	// up to sequence number seq is in its events, made by the rules of
	// version.
	EventsState(ctx context.Context) (seq int64, version string, err error)
	// DirtyEventGroups returns the groups whose events an article written
	// after sequence number after (and up to upto) may change: the
	// article's group now, and the group of the event it is in, which
	// differs when a re-classification moved it. Each group is updated
	// from its earliest change (EventGroup.From): the earliest written
	// article in it, or the first report of an event that holds a
	// written article, whichever is earlier. The events to replace are
	// those with a report from that point on or within lookback before it
	// (the longest an event stays open to new reports); span is the
	// longest an event can run from its first report to its last, which
	// bounds the events to look at. Groups are sorted by key.
	DirtyEventGroups(ctx context.Context, after, upto int64, lookback, span time.Duration) ([]EventGroup, error)
	// AllEventGroups returns every group that has articles or events,
	// whole (not Partial), sorted by key.
	AllEventGroups(ctx context.Context) ([]EventGroup, error)
	// GroupArticles returns what merging a group needs: for a whole
	// group, every article of it; for a partial one (EventGroup.Partial),
	// the articles from its starting point on, and as seeds the reports
	// before that point of each event to replace, one slice per event.
	// Articles come in publication order (then ID). It reads what merging
	// uses (the text, for the sentences of provenance; the tags; the
	// source; the date), not necessarily the rest of an article.
	GroupArticles(ctx context.Context, g EventGroup) (seeds [][]news.Article, arts []news.Article, err error)
	// RekeyArticles recomputes every article's event key from its stored
	// tags, for when the rule that makes keys changed; it returns how
	// many keys changed. Sequence numbers do not move: the index does not
	// hold keys.
	RekeyArticles(ctx context.Context) (int, error)
	// ReplaceEvents makes evs the events of groups (of a partial group:
	// in place of its Events), atomically, and when mark is not nil
	// records how far events are computed. Each new event takes the ID of
	// the old event of its group that shares the most articles with it
	// (ties to the lowest ID), so that an event keeps its ID, its page and
	// its creation time as reports come in; an event with nothing in
	// common with the old ones is created (at now), and old events no new
	// one took are deleted with their article links. Nothing is left
	// without its articles and no article is in two events. The articles
	// of every event that changed get new sequence numbers, so that the
	// index learns their event. On success each evs[i].ID is set.
	ReplaceEvents(ctx context.Context, groups []EventGroup, evs []news.Event, mark *EventsMark, now time.Time) (EventChanges, error)
	// ResetEvents forgets how far events are computed (the version), so
	// that the next update recomputes every group (as after a change of
	// the merge rules).
	ResetEvents(ctx context.Context) error
	// EventIntegrity counts what should never be: events without
	// articles, and articles with an event key that are in no event once
	// events are up to date.
	EventIntegrity(ctx context.Context) (empty, unassigned int, err error)

	// Events: reading them.

	// Events returns the events the filter selects, with their articles
	// (earliest first).
	Events(ctx context.Context, f EventFilter) ([]news.Event, error)
	// Event returns one event with its articles, or ErrNotFound.
	Event(ctx context.Context, id int64) (news.Event, error)
	// CountEvents is the number of stored events.
	CountEvents(ctx context.Context) (int, error)
	// Companies aggregates events per primary company (ignoring case),
	// the most events first; name, when not empty, selects one company
	// (ignoring case); limit, when above 0, bounds the list.
	Companies(ctx context.Context, name string, limit int) ([]CompanySummary, error)
	// Active lists, per company, its events since a time and their
	// disclosed funding, with the layer most of them were in, the most
	// active first.
	Active(ctx context.Context, since time.Time, limit int) ([]CompanySummary, error)
	// Monthly breaks events since a time down by month (UTC) and by layer
	// (by is "layer") or event type (by is "type"); types, when given,
	// select the event types counted.
	Monthly(ctx context.Context, since time.Time, by string, types ...news.EventType) ([]MonthCount, error)

	// Subscribers.

	// AddSubscriber stores a new, active subscriber and sets its ID and
	// status. An address that is already subscribed (ignoring case) is
	// ErrExists; one that unsubscribed, bounced or waits for confirmation
	// is subscribed again with the new settings.
	AddSubscriber(ctx context.Context, sub *news.Subscriber) error
	// AddPending stores a subscription that waits for its address to
	// confirm it (status SubscriberPending). An active subscriber is
	// ErrExists; a pending, unsubscribed or bouncing one gets the new
	// settings and waits again. It reports whether a confirmation may be
	// sent now: not when one was asked for in the last resend interval,
	// so that the form cannot flood an inbox.
	AddPending(ctx context.Context, sub *news.Subscriber, resend time.Duration) (bool, error)
	// Confirm makes a pending subscription active, from now on. It is
	// idempotent and reports whether the subscriber exists.
	Confirm(ctx context.Context, id int64) (bool, error)
	// Subscribers lists subscribers by ID; activeOnly leaves out those
	// who are not active (pending, unsubscribed, bouncing).
	Subscribers(ctx context.Context, activeOnly bool) ([]news.Subscriber, error)
	// Subscriber returns one subscriber by ID, or by e-mail (ignoring
	// case) when id is 0; ErrNotFound when there is none.
	Subscriber(ctx context.Context, id int64, email string) (news.Subscriber, error)
	// RemoveSubscriber deletes a subscriber and its delivery records;
	// ErrNotFound when there is none with this address.
	RemoveSubscriber(ctx context.Context, email string) error
	// Unsubscribe stops the digest for a subscriber. It is idempotent; it
	// reports whether the subscriber exists.
	Unsubscribe(ctx context.Context, id int64) (bool, error)
	// Bounce records a permanent refusal of a subscriber's address and
	// stops mail to it (status bouncing) once limit refusals are reached.
	// It reports whether it did.
	Bounce(ctx context.Context, subID int64, limit int) (bool, error)

	// The digest ledger: one row per subscriber and period, claimed
	// before anything is sent, so that a crash neither sends twice nor
	// skips (see the Delivery states).

	// Claim takes the ledger row of (subscriber, period) for sending,
	// atomically with a check that the subscriber is still active, so
	// that an unsubscribe committed before the claim always wins. It
	// returns false when the period is done or taken, or the subscriber
	// is not active: of any number of senders claiming one row at once,
	// one gets it. A row that failed temporarily (DeliveryFailed) is
	// taken again while it has attempts left, over the same window.
	// messageID is used for a new row; a retried row keeps its own.
	Claim(ctx context.Context, subID int64, period, messageID, owner string, since, until time.Time, maxAttempts int) (Delivery, bool, error)
	// SetDelivery moves a ledger row to a new state. events is the number
	// of events in the message; errText the failure, if any.
	SetDelivery(ctx context.Context, id int64, state string, events int, errText string) error
	// RecoverDeliveries settles the rows a sender left behind when it
	// died; the caller must be the only sender (it holds the send lock).
	// Claimed rows never reached the mail server and are released, to be
	// sent again; rows that were sending become uncertain. It returns the
	// addresses of the uncertain ones.
	RecoverDeliveries(ctx context.Context) (released int, uncertain []string, err error)
	// DeliveryState is the ledger state of a subscriber's period and its
	// attempts so far; "" when the period has no row.
	DeliveryState(ctx context.Context, subID int64, period string) (string, int, error)
	// LastDigestEnd is the end of the window of the subscriber's latest
	// finished period (sent, uncertain or empty): the next digest starts
	// there. It is zero when there was none.
	LastDigestEnd(ctx context.Context, subID int64) (time.Time, error)
	// Deliveries lists ledger rows, newest first, with the subscriber's
	// address; period, when set, selects one period; states, when given,
	// select those states.
	Deliveries(ctx context.Context, period string, states ...string) ([]Delivery, error)
}

// ErrNotFound is returned when a looked-up row does not exist.
var ErrNotFound = errors.New("store: not found")

// ErrExists is returned when adding what is already there.
var ErrExists = errors.New("store: already exists")

// Open opens (creating if needed) the SQLite store at path and runs its
// pending migrations.
func Open(ctx context.Context, path string) (Store, error) {
	s, err := openSQLite(ctx, path)
	if err != nil {
		return nil, err
	}
	return s, nil
}
