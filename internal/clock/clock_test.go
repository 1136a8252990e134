package clock

import (
	"testing"
	"time"
)

type stopped struct{ t time.Time }

func (s stopped) Now() time.Time                         { return s.t }
func (s stopped) After(d time.Duration) <-chan time.Time { return nil }

func TestOr(t *testing.T) {
	if Or(nil) != Real {
		t.Error("Or(nil) is not the real clock")
	}
	at := time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)
	c := stopped{at}
	if Or(c) != Clock(c) {
		t.Error("Or(c) is not c")
	}
	if d := Since(c, at.Add(-time.Hour)); d != time.Hour {
		t.Errorf("Since = %s, want 1h", d)
	}
}

func TestRealAfterFires(t *testing.T) {
	select {
	case <-Real.After(0):
	case <-time.After(time.Minute): // a bound many times what it takes, against a hang
		t.Fatal("Real.After(0) never fired")
	}
}

func TestFunc(t *testing.T) {
	at := time.Date(2026, 12, 3, 8, 0, 0, 0, time.UTC)
	var c Clock = Func(func() time.Time { return at })
	if got := c.Now(); !got.Equal(at) {
		t.Errorf("Now = %s, want %s", got, at)
	}
	if d := Since(c, at.Add(-2*time.Minute)); d != 2*time.Minute {
		t.Errorf("Since = %s, want 2m", d)
	}
	select {
	case <-c.After(0):
	case <-time.After(time.Minute): // a bound many times what it takes, against a hang
		t.Fatal("Func.After(0) did not fire")
	}
}
