// Package charset turns fetched bytes into UTF-8: it decides which
// encoding a feed or page is in from its byte-order mark, its bytes, the
// HTTP Content-Type, the XML declaration or HTML <meta>, or statistical
// sniffing, in that order of trust, and decodes it; the result is always
// valid UTF-8. GBK and GB2312 are read as GB18030, their superset.
//
// It decodes and nothing more. It does no I/O, and parses no feed or page
// beyond looking for a declaration: feed and extract parse what it
// returns. Besides decoding (a byte-order mark dropped, invalid bytes
// made U+FFFD), the one change it makes is to the XML declaration, whose
// encoding XML rewrites to UTF-8. Clean, the last step of feed's and
// extract's fields, makes a string valid UTF-8 without control
// characters.
package charset
