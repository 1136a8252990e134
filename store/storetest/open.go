package storetest

import (
	"errors"
	"testing"
	"time"

	"github.com/aitracker/aitracker/store"
)

// testOpen: a new store is ready at open (its schema made), empty, and
// answers every read; it has an identity that stays, and another store
// has another; reopened, it has what was written.
func testOpen(t *testing.T, b Backend) {
	fresh := b.Open(t)
	t.Run("a new store answers every read, empty", func(t *testing.T) {
		s, c := fresh, ctx(t)
		for _, tc := range []struct {
			name string
			read func() (int, error) // how many rows it found
		}{
			{"MaxSeq", func() (int, error) { n, err := s.MaxSeq(c); return int(n), err }},
			{"CountArticles", func() (int, error) { return s.CountArticles(c) }},
			{"CountEvents", func() (int, error) { return s.CountEvents(c) }},
			{"Sources", func() (int, error) { l, err := s.Sources(c); return len(l), err }},
			{"ArticlesAfter", func() (int, error) { l, err := s.ArticlesAfter(c, 0, 10); return len(l), err }},
			{"ArticlesFrom", func() (int, error) { l, err := s.ArticlesFrom(c, 0, 10); return len(l), err }},
			{"Articles", func() (int, error) { l, err := s.Articles(c, []int64{1, 2}); return len(l), err }},
			{"Candidates", func() (int, error) { l, err := s.Candidates(c, 10); return len(l), err }},
			{"EventsState", func() (int, error) {
				seq, v, err := s.EventsState(c)
				return int(seq) + len(v), err
			}},
			{"AllEventGroups", func() (int, error) { l, err := s.AllEventGroups(c); return len(l), err }},
			{"DirtyEventGroups", func() (int, error) { l, err := s.DirtyEventGroups(c, 0, 10, time.Hour, time.Hour); return len(l), err }},
			{"RekeyArticles", func() (int, error) { return s.RekeyArticles(c) }},
			{"EventIntegrity", func() (int, error) { e, u, err := s.EventIntegrity(c); return e + u, err }},
			{"Events", func() (int, error) { l, err := s.Events(c, store.EventFilter{}); return len(l), err }},
			{"Companies", func() (int, error) { l, err := s.Companies(c, "", 0); return len(l), err }},
			{"Active", func() (int, error) { l, err := s.Active(c, time.Time{}, 10); return len(l), err }},
			{"Monthly", func() (int, error) { l, err := s.Monthly(c, time.Time{}, "layer"); return len(l), err }},
			{"Subscribers", func() (int, error) { l, err := s.Subscribers(c, false); return len(l), err }},
			{"Deliveries", func() (int, error) { l, err := s.Deliveries(c, ""); return len(l), err }},
			{"DeliveryState", func() (int, error) { st, n, err := s.DeliveryState(c, 1, "2026-11-02"); return len(st) + n, err }},
			{"LastDigestEnd", func() (int, error) {
				end, err := s.LastDigestEnd(c, 1)
				return boolInt(!end.IsZero()), err
			}},
			{"RecoverInterrupted", func() (int, error) {
				l, err := s.RecoverInterrupted(c, day, func(int) time.Duration { return time.Hour }, 3)
				return len(l), err
			}},
			{"RecoverDeliveries", func() (int, error) { n, l, err := s.RecoverDeliveries(c); return n + len(l), err }},
			{"Lookup", func() (int, error) { _, ok, err := s.Lookup(c, 1, "k"); return boolInt(ok), err }},
		} {
			n, err := tc.read()
			if err != nil || n != 0 {
				t.Errorf("%s on a new store: %d, %v; want nothing and no error", tc.name, n, err)
			}
		}
		for name, err := range map[string]error{
			"Article":    second(s.Article(c, 1)),
			"Event":      second(s.Event(c, 1)),
			"Subscriber": second(s.Subscriber(c, 0, "nobody@example.com")),
		} {
			if !errors.Is(err, store.ErrNotFound) {
				t.Errorf("%s on a new store: %v, want ErrNotFound", name, err)
			}
		}
	})

	t.Run("an ID that stays, and another store has another", func(t *testing.T) {
		s, other := fresh, b.Open(t)
		id, err := s.ID(ctx(t))
		if err != nil || id == "" {
			t.Fatalf("ID = %q, %v", id, err)
		}
		if again, _ := s.ID(ctx(t)); again != id {
			t.Errorf("ID changed from %q to %q", id, again)
		}
		if o, _ := other.ID(ctx(t)); o == id || o == "" {
			t.Errorf("two stores have the IDs %q and %q", id, o)
		}
	})

	t.Run("reopened, a store has what was written", func(t *testing.T) {
		if b.Reopen == nil {
			t.Skip("the backend cannot reopen a store")
		}
		s := b.Open(t)
		id, _ := s.ID(ctx(t))
		src := syncSources(t, s, "wire")[0]
		a := article(src, "k1", "Acme", 0)
		save(t, s, a)
		seq := maxSeq(t, s)
		for range 2 { // the second open finds nothing left to migrate
			s = b.Reopen(t, s)
		}
		if got, _ := s.ID(ctx(t)); got != id {
			t.Errorf("ID after reopening: %q, want %q", got, id)
		}
		if got := maxSeq(t, s); got != seq {
			t.Errorf("MaxSeq after reopening: %d, want %d", got, seq)
		}
		if got := get(t, s, a.ID); got.Title != a.Title || got.SourceName != "wire" {
			t.Errorf("article after reopening: %+v", got)
		}
		// It goes on writing where it stopped.
		b2 := article(src, "k2", "Acme", 1)
		if save(t, s, b2); b2.Seq <= seq || b2.ID == a.ID {
			t.Errorf("after reopening, a new article got ID %d, seq %d (before: ID %d, seq %d)", b2.ID, b2.Seq, a.ID, seq)
		}
	})
}

func second[T any](_ T, err error) error { return err }

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
