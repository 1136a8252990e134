// Package money writes sums of money for people, the same way in the
// command's tables, in the digest e-mails and in the values an event's
// provenance quotes ("1.3B USD"). It owns that wording only.
//
// It does no I/O, knows no currency rates (converting a sum to US dollars
// is classify's, with the taxonomy's rates), does not read a sum a user
// types (index.ParseAmount does), and imports nothing of the project. The
// web pages do not use it: they write sums with a formatter of their own.
package money
