package pipeline

import (
	"context"
	"log/slog"
	"time"

	"github.com/aitracker/aitracker/events"
	"github.com/aitracker/aitracker/news"
	"github.com/aitracker/aitracker/store"
)

// EventsResult says what UpdateEvents did.
type EventsResult struct {
	Groups int `json:"groups"`
	// Partial counts the groups updated from their earliest change on
	// rather than merged again whole.
	Partial int `json:"partial"`
	store.EventChanges
	// Rebuilt is true when every event was recomputed, because the merge
	// rules changed.
	Rebuilt bool `json:"rebuilt"`
}

// eventGroupsPerTx is how many groups are recomputed in one transaction.
const eventGroupsPerTx = 50

// UpdateEvents brings the events up to date with the articles: in the
// groups that articles written since the last update touch, merging goes
// on from the earliest change, over the events still open then and the
// articles from then on (store.DirtyEventGroups, events.MergeFrom), which
// gives what merging the whole group again gives. When the merge rules
// changed (events.Version), every group is merged again whole. Merging
// is deterministic and each group's events are replaced in one
// transaction, so a crash part way leaves events that the next call
// finishes, never duplicates or events without articles. The watermark
// moves only when every group is done.
func UpdateEvents(ctx context.Context, st store.Store, log *slog.Logger, now time.Time) (EventsResult, error) {
	var res EventsResult
	seq, version, err := st.EventsState(ctx)
	if err != nil {
		return res, err
	}
	upto, err := st.MaxSeq(ctx)
	if err != nil {
		return res, err
	}
	var groups []store.EventGroup
	if version != events.Version {
		res.Rebuilt = true
		if _, err := st.RekeyArticles(ctx); err != nil {
			return res, err
		}
		groups, err = st.AllEventGroups(ctx)
	} else {
		if upto == seq {
			return res, nil
		}
		groups, err = st.DirtyEventGroups(ctx, seq, upto, events.RumorWindow, events.MaxSpan)
	}
	if err != nil {
		return res, err
	}
	res.Groups = len(groups)
	for _, g := range groups {
		if g.Partial() {
			res.Partial++
		}
	}
	expect := upto
	for start := 0; start < len(groups); start += eventGroupsPerTx {
		if err := ctx.Err(); err != nil {
			return res, err
		}
		chunk := groups[start:min(start+eventGroupsPerTx, len(groups))]
		var all []news.Event
		for _, g := range chunk {
			seeds, arts, err := st.GroupArticles(ctx, g)
			if err != nil {
				return res, err
			}
			all = append(all, events.MergeFrom(seeds, arts)...)
		}
		// The last chunk moves the watermark in the same transaction.
		var mark *store.EventsMark
		if start+eventGroupsPerTx >= len(groups) {
			mark = &store.EventsMark{Seq: upto, Expect: expect, Version: events.Version}
		}
		ch, err := st.ReplaceEvents(ctx, chunk, all, mark, now)
		if err != nil {
			return res, err
		}
		expect += int64(ch.Rewritten)
		res.Created += ch.Created
		res.Updated += ch.Updated
		res.Deleted += ch.Deleted
	}
	if len(groups) == 0 {
		if _, err := st.ReplaceEvents(ctx, nil, nil, &store.EventsMark{Seq: upto, Expect: upto, Version: events.Version}, now); err != nil {
			return res, err
		}
	}
	if res.Rebuilt && log != nil {
		log.Info("events recomputed for new merge rules", "stage", "events", "version", events.Version, "groups", res.Groups,
			"created", res.Created, "updated", res.Updated, "deleted", res.Deleted)
	}
	return res, nil
}
