package feed

// legalChars returns data, which is UTF-8, without the characters XML 1.0
// forbids, whether written raw or as character references: C0 controls
// other than tab, newline and carriage return, surrogates, U+FFFE and
// U+FFFF. The XML decoder stops at the first of them, so one stray byte
// from a copy-paste would lose the whole feed. A vertical tab or form
// feed becomes a space (they separate words); the others are dropped.
// data itself is returned when there is nothing to drop.
func legalChars(data []byte) []byte {
	var out []byte // nil until a character is dropped
	from := 0      // data[from:i] is yet to be copied to out
	for i := 0; i < len(data); {
		c := data[i]
		if !mayDrop[c] {
			i++
			continue
		}
		n, repl := 0, byte(0) // bytes to drop at i, and a space to put instead
		switch {
		case c < 0x20 && c != '\t' && c != '\n' && c != '\r':
			n = 1
			if c == '\v' || c == '\f' {
				repl = ' '
			}
		case c == 0xEF && i+2 < len(data) && data[i+1] == 0xBF && data[i+2] >= 0xBE:
			n = 3 // U+FFFE, U+FFFF
		case c == '&' && i+1 < len(data) && data[i+1] == '#':
			n = illegalRef(data[i:])
		}
		if n == 0 {
			i++
			continue
		}
		if out == nil {
			out = make([]byte, 0, len(data))
		}
		out = append(out, data[from:i]...)
		if repl != 0 {
			out = append(out, repl)
		}
		i += n
		from = i
	}
	if out == nil {
		return data
	}
	return append(out, data[from:]...)
}

// mayDrop marks the bytes that may start what legalChars drops.
var mayDrop = func() (t [256]bool) {
	for c := range 0x20 {
		t[c] = c != '\t' && c != '\n' && c != '\r'
	}
	t[0xEF], t['&'] = true, true
	return t
}()

// illegalRef returns the length of the character reference that b starts
// with ("&#1;", "&#x1B;") when it names a character XML forbids, and 0
// otherwise.
func illegalRef(b []byte) int {
	i, base := 2, 10
	if i < len(b) && (b[i] == 'x' || b[i] == 'X') {
		i, base = 3, 16
	}
	start := i
	v := 0
	for ; i < len(b); i++ {
		d := digit(b[i], base)
		if d < 0 {
			break
		}
		if v <= 0x10FFFF { // past that it stays out of range
			v = v*base + d
		}
	}
	if i == start || i >= len(b) || b[i] != ';' {
		return 0 // not a reference: the decoder's business
	}
	switch {
	case v < 0x20 && v != '\t' && v != '\n' && v != '\r',
		v >= 0xD800 && v <= 0xDFFF, v == 0xFFFE, v == 0xFFFF, v > 0x10FFFF:
		return i + 1
	}
	return 0
}

func digit(c byte, base int) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case base == 16 && c >= 'a' && c <= 'f':
		return int(c-'a') + 10
	case base == 16 && c >= 'A' && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}
