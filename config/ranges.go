package config

import (
	"fmt"
	"net"
	"reflect"
	"strconv"
	"strings"
	"time"

	"github.com/robfig/cron/v3"
)

// durRange is the least and the most a duration key accepts.
type durRange [2]time.Duration

// Ranges are the values each numeric key accepts. Outside them a value is
// a slip (a year of jitter, 4 EiB of body, a timeout of a century) rather
// than a choice, and is refused with the key and its line.
var Ranges = struct {
	ShutdownGrace, Timeout, ConnectTimeout, HostInterval, Jitter durRange
	RetryBase, MaxBackoff, SMTPTimeout, RetryWait, DigestCheck   durRange
	MaxBytes                                                     [2]int64
}{
	ShutdownGrace:  durRange{time.Second, 10 * time.Minute},
	Timeout:        durRange{time.Second, time.Hour},
	ConnectTimeout: durRange{100 * time.Millisecond, 5 * time.Minute},
	HostInterval:   durRange{0, time.Minute},
	Jitter:         durRange{0, 24 * time.Hour},
	RetryBase:      durRange{time.Second, 24 * time.Hour},
	MaxBackoff:     durRange{time.Minute, 30 * 24 * time.Hour},
	SMTPTimeout:    durRange{time.Second, 10 * time.Minute},
	RetryWait:      durRange{time.Second, time.Hour},
	DigestCheck:    durRange{time.Second, time.Hour},
	MaxBytes:       [2]int64{1 << 10, 1 << 30},
}

// durationCheck returns a check of a duration key against its range,
// reporting through add; the check says whether the value is usable.
func durationCheck(add func(key, format string, args ...any)) func(key string, d Duration, r durRange) bool {
	return func(key string, d Duration, r durRange) bool {
		switch {
		case d.bad != "":
			add(key, "want a duration such as 30s or 2m, got %q", d.bad)
		case r[0] > 0 && d.Duration <= 0:
			add(key, "must be positive, got %s", fmtDur(d.Duration))
		case d.Duration < 0:
			add(key, "must not be negative, got %s", fmtDur(d.Duration))
		case d.Duration < r[0] || d.Duration > r[1]:
			add(key, "must be between %s and %s, got %s", fmtDur(r[0]), fmtDur(r[1]), fmtDur(d.Duration))
		default:
			return true
		}
		return false
	}
}

func intRange(add func(key, format string, args ...any), key string, n, lo, hi int) {
	if n < lo || n > hi {
		add(key, "must be between %d and %d, got %d", lo, hi, n)
	}
}

// fmtDur writes a duration without trailing zero units: 1h, 10m, 1m30s.
func fmtDur(d time.Duration) string {
	s := d.String()
	if strings.HasSuffix(s, "m0s") {
		s = strings.TrimSuffix(s, "0s")
	}
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	return s
}

// fmtSize writes a size in the largest binary unit that divides it.
func fmtSize(n int64) string {
	units := []string{"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"}
	i := 0
	for i < len(units)-1 && n != 0 && n%1024 == 0 {
		n /= 1024
		i++
	}
	return strconv.FormatInt(n, 10) + " " + units[i]
}

// checkListen accepts host:port with a port number from 0 (any free
// port) to 65535.
func checkListen(addr string) error {
	_, port, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("want host:port, got %q", addr)
	}
	n, err := strconv.Atoi(port)
	if err != nil || n < 0 || n > 65535 {
		return fmt.Errorf("want a port number from 0 to 65535, got %q in %q", port, addr)
	}
	return nil
}

// ScheduleInterval is the shortest time between two passes of s, found
// over its next hundred runs from a fixed date (so that a schedule in a
// zone with daylight saving shows its short day); 0 when s never runs.
func ScheduleInterval(s cron.Schedule) time.Duration {
	if c, ok := s.(cron.ConstantDelaySchedule); ok {
		return c.Delay
	}
	t := s.Next(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	var least time.Duration
	for range 100 {
		if t.IsZero() {
			break
		}
		next := s.Next(t)
		if next.IsZero() {
			break
		}
		if gap := next.Sub(t); least == 0 || gap < least {
			least = gap
		}
		t = next
	}
	return least
}

// intKeys lists the key paths of the integer settings outside lists
// ("fetch.workers", "digest.smtp.port"), read from the struct tags.
func intKeys() []string {
	var keys []string
	var walk func(t reflect.Type, prefix string)
	walk = func(t reflect.Type, prefix string) {
		for i := range t.NumField() {
			f := t.Field(i)
			name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
			if name == "" || name == "-" {
				continue
			}
			switch f.Type.Kind() {
			case reflect.Int, reflect.Int64, reflect.Int32:
				keys = append(keys, prefix+name)
			case reflect.Struct:
				if f.Type != reflect.TypeFor[Duration]() && f.Type != reflect.TypeFor[ByteSize]() {
					walk(f.Type, prefix+name+".")
				}
			}
		}
	}
	walk(reflect.TypeFor[Config](), "")
	return keys
}
