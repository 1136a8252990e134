package classify

import (
	"unicode"
	"unicode/utf8"
)

// sentences splits text into sentence ranges: after 。！？； and line
// breaks always, after . ! ? ; when followed by a space and then something
// that can start a sentence. "$1.3 billion" and "U.S." stay whole.
func sentences(text string) [][2]int { return sentencesInto(nil, text) }

// sentencesInto is sentences appending to out.
func sentencesInto(out [][2]int, text string) [][2]int {
	start := 0
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf && !sentencePunct[c] {
			i++
			continue
		}
		if c >= utf8.RuneSelf && c != 0xE3 && c != 0xEF {
			// Only 。！？； (U+3002, U+FF01, U+FF1F, U+FF1B) end
			// sentences outside ASCII; skip other runes whole.
			i += runeLen(c)
			continue
		}
		r, n := utf8.DecodeRuneInString(text[i:])
		end := -1
		switch r {
		case '。', '！', '？', '；', '\n':
			end = i + n
		case '.', '!', '?', ';':
			j := i + n
			if j >= len(text) {
				break
			}
			if next, _ := utf8.DecodeRuneInString(text[j:]); next == ' ' || next == '"' || next == '\u201d' {
				k := j
				for k < len(text) && (text[k] == ' ' || text[k] == '"') {
					k++
				}
				if k < len(text) {
					after, _ := utf8.DecodeRuneInString(text[k:])
					if r != '.' || unicode.IsUpper(after) || unicode.IsDigit(after) || unicode.Is(unicode.Han, after) || after == '\u201c' {
						if r != '.' || !abbreviationBefore(text, i) {
							end = k
						}
					}
				}
			}
		}
		if end > 0 {
			if end > start {
				out = append(out, [2]int{start, end})
			}
			start = end
			i = end
			continue
		}
		i += n
	}
	if start < len(text) {
		out = append(out, [2]int{start, len(text)})
	}
	return out
}

// abbreviationBefore reports whether the period at i ends a short
// abbreviation (Inc., Corp., U.S., Mr.) rather than a sentence.
func abbreviationBefore(text string, i int) bool {
	j := i
	for j > 0 && text[j-1] != ' ' {
		j--
	}
	word := text[j:i]
	switch word {
	case "Inc", "Corp", "Co", "Ltd", "Mr", "Ms", "Dr", "St", "Jr", "Sr", "vs", "No", "U.S", "U.K", "E.U":
		return true
	}
	return len(word) == 1 && word[0] >= 'A' && word[0] <= 'Z'
}

// clauses splits text further at commas, dashes and parentheses; the
// pieces are where background ("which raised …") is recognised.
func clauses(text string) [][2]int { return clausesInto(nil, text) }

// clausesInto is clauses appending to out.
func clausesInto(out [][2]int, text string) [][2]int {
	start := 0
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf && !clausePunct[c] {
			i++
			continue
		}
		if c >= utf8.RuneSelf && c != 0xE2 && c != 0xE3 && c != 0xEF {
			// Outside ASCII only ，；。（）—： split clauses (U+FFxx,
			// U+300x, U+2014).
			i += runeLen(c)
			continue
		}
		r, n := utf8.DecodeRuneInString(text[i:])
		switch r {
		case ',', ';', '，', '；', '。', '(', ')', '（', '）', '—', '\n', ':', '：':
			if i > start {
				out = append(out, [2]int{start, i})
			}
			start = i + n
		case '.', '!', '?':
			if i+n >= len(text) || text[i+n] == ' ' {
				if i > start {
					out = append(out, [2]int{start, i})
				}
				start = i + n
			}
		}
		i += n
	}
	if start < len(text) {
		out = append(out, [2]int{start, len(text)})
	}
	return out
}

var (
	sentencePunct = asciiSet(".!?;\n")
	clausePunct   = asciiSet(",;()\n:.!?")
)

func asciiSet(chars string) (set [utf8.RuneSelf]bool) {
	for i := 0; i < len(chars); i++ {
		set[chars[i]] = true
	}
	return set
}

// runeLen is the length of the UTF-8 sequence that starts with byte c;
// 1 for a byte that cannot start one, so that a scan always advances.
func runeLen(c byte) int {
	switch {
	case c >= 0xF8:
		return 1
	case c >= 0xF0:
		return 4
	case c >= 0xE0:
		return 3
	case c >= 0xC0:
		return 2
	}
	return 1
}
