// Package clock is the one clock aitracker's stages read: an interface
// for telling the time and waiting, and the machine's clock behind it.
// Code that plans by the time or stamps records with it takes a Clock, so
// that a test can pass its own and run hours of schedule in a moment. The
// package holds no state and calls time.Now in one place only.
//
// It tells the time and waits, nothing more: it schedules nothing (the
// pipeline runs the cron schedule), formats no date, and holds no test
// clock (a test writes its own, or passes a Func). It imports nothing but
// the standard library's time.
package clock
