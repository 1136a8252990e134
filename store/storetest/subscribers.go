package storetest

import (
	"context"
	"errors"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/aitracker/aitracker/news"
	"github.com/aitracker/aitracker/store"
)

func subscriber(email string) *news.Subscriber {
	return &news.Subscriber{Email: email, Frequency: "weekly", SendAt: "07:30", TZ: "Asia/Shanghai", Weekday: time.Monday,
		Filter: news.SubscriberFilter{Types: []news.EventType{news.EventFunding}, Companies: []string{"Acme"}, MinAmountUSD: 1e7}}
}

// idempotent calls a method that changes a subscriber's status twice:
// both calls find the subscriber and leave it in status want. On an ID
// nobody has, it finds none.
func idempotent(t *testing.T, s store.Store, name string, call func(context.Context, int64) (bool, error), id int64, want string) {
	t.Helper()
	for range 2 {
		if ok, err := call(ctx(t), id); !ok || err != nil {
			t.Fatalf("%s = %v, %v", name, ok, err)
		}
	}
	sub, err := s.Subscriber(ctx(t), id, "")
	if err != nil || sub.Status != want {
		t.Errorf("after %s: status %q, %v; want %q", name, sub.Status, err, want)
	}
	if ok, _ := call(ctx(t), id+100); ok {
		t.Errorf("%s found someone who does not exist", name)
	}
}

// testSubscribers: subscribing, confirming, leaving and bouncing, and
// which of them are active.
func testSubscribers(t *testing.T, b Backend) {
	s := b.Open(t)
	c := ctx(t)
	ana := subscriber("ana@example.com")
	must(t, s.AddSubscriber(c, ana))
	if ana.ID == 0 || ana.Status != news.SubscriberActive || ana.Created.IsZero() {
		t.Fatalf("added %+v", ana)
	}

	t.Run("read back by ID and by address", func(t *testing.T) {
		want := *ana
		want.Created = ana.Created.Truncate(time.Second)
		for _, tc := range []struct {
			name  string
			id    int64
			email string
		}{{"by ID", ana.ID, ""}, {"by address", 0, "ana@example.com"}, {"by address, any case", 0, "ANA@Example.com"}} {
			got, err := s.Subscriber(c, tc.id, tc.email)
			if err != nil || !reflect.DeepEqual(got, want) {
				t.Errorf("%s: %+v, %v\nwant %+v", tc.name, got, err, want)
			}
		}
		if _, err := s.Subscriber(c, 0, "bob@example.com"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("an unknown address: %v", err)
		}
	})

	t.Run("an active address is not added twice", func(t *testing.T) {
		if err := s.AddSubscriber(c, subscriber("Ana@Example.com")); !errors.Is(err, store.ErrExists) {
			t.Errorf("AddSubscriber of an active address: %v, want ErrExists", err)
		}
		if _, err := s.AddPending(c, subscriber("ana@example.com"), time.Hour); !errors.Is(err, store.ErrExists) {
			t.Errorf("AddPending of an active address: %v, want ErrExists", err)
		}
	})

	t.Run("leaving, and subscribing again", func(t *testing.T) {
		idempotent(t, s, "Unsubscribe", s.Unsubscribe, ana.ID, news.SubscriberUnsubscribed)
		back := subscriber("ana@example.com")
		back.Frequency = "daily"
		must(t, s.AddSubscriber(c, back))
		got, _ := s.Subscriber(c, ana.ID, "")
		if back.ID != ana.ID || got.Status != news.SubscriberActive || got.Frequency != "daily" {
			t.Errorf("subscribed again: ID %d (was %d), %+v", back.ID, ana.ID, got)
		}
	})

	t.Run("bounces stop the mail at the limit", func(t *testing.T) {
		bo := subscriber("bo@example.com")
		must(t, s.AddSubscriber(c, bo))
		for i, want := range []bool{false, false, true} {
			stopped, err := s.Bounce(c, bo.ID, 3)
			if err != nil || stopped != want {
				t.Errorf("bounce %d: %v, %v; want %v", i+1, stopped, err, want)
			}
		}
		if got, _ := s.Subscriber(c, bo.ID, ""); got.Status != news.SubscriberBouncing || got.Bounces != 3 {
			t.Errorf("after 3 bounces: %+v", got)
		}
		// Subscribing again starts the count afresh.
		must(t, s.AddSubscriber(c, subscriber("bo@example.com")))
		if got, _ := s.Subscriber(c, bo.ID, ""); got.Status != news.SubscriberActive || got.Bounces != 0 {
			t.Errorf("subscribed again after bouncing: %+v", got)
		}
	})

	t.Run("pending until confirmed", func(t *testing.T) {
		cy := subscriber("cy@example.com")
		for i, tc := range []struct {
			resend time.Duration
			want   bool
		}{{time.Hour, true}, {time.Hour, false}, {0, true}} {
			send, err := s.AddPending(c, cy, tc.resend)
			if err != nil || send != tc.want || cy.ID == 0 || cy.Status != store.SubscriberPending {
				t.Errorf("AddPending %d (resend %v): %v, %v, %+v; want %v", i+1, tc.resend, send, err, cy, tc.want)
			}
		}
		active, _ := s.Subscribers(c, true)
		for _, sub := range active {
			if sub.ID == cy.ID {
				t.Error("a pending subscriber is listed as active")
			}
		}
		idempotent(t, s, "Confirm", s.Confirm, cy.ID, news.SubscriberActive)
	})

	t.Run("lists", func(t *testing.T) {
		must(t, s.AddSubscriber(c, subscriber("dee@example.com")))
		dee, _ := s.Subscriber(c, 0, "dee@example.com")
		_, _ = s.Unsubscribe(c, dee.ID)
		all, err := s.Subscribers(c, false)
		must(t, err)
		active, err := s.Subscribers(c, true)
		must(t, err)
		if len(all) != 4 || len(active) != 3 || all[0].ID != ana.ID || all[3].ID != dee.ID || !slices.IsSorted(ids(all, subID)) {
			t.Errorf("all %v, active %v; want 4 by ID, from %d to %d, 3 of them active", ids(all, subID), ids(active, subID), ana.ID, dee.ID)
		}
		for _, sub := range active {
			if sub.Status != news.SubscriberActive {
				t.Errorf("listed as active: %+v", sub)
			}
		}
	})

	t.Run("removed with its deliveries", func(t *testing.T) {
		if _, ok, err := s.Claim(c, ana.ID, "2026-11-02", "<m@x>", "test", day, day.Add(24*time.Hour), 3); !ok || err != nil {
			t.Fatalf("claim: %v %v", ok, err)
		}
		must(t, s.RemoveSubscriber(c, "ANA@example.com"))
		if _, err := s.Subscriber(c, ana.ID, ""); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("the removed subscriber: %v", err)
		}
		if st, _, _ := s.DeliveryState(c, ana.ID, "2026-11-02"); st != "" {
			t.Errorf("the removed subscriber's delivery is still %q", st)
		}
		if err := s.RemoveSubscriber(c, "ana@example.com"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("removing again: %v, want ErrNotFound", err)
		}
	})
}

func subID(s news.Subscriber) int64 { return s.ID }
