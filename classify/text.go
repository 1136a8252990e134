package classify

import (
	"unicode"
	"unicode/utf8"
)

// sentences splits text into sentence ranges: after 。！？； and line
// breaks always, after . ! ? ; when followed by a space and then something
// that can start a sentence. "$1.3 billion" and "U.S." stay whole.
func sentences(text string) [][2]int {
	var out [][2]int
	start := 0
	for i := 0; i < len(text); {
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
func clauses(text string) [][2]int {
	var out [][2]int
	start := 0
	for i := 0; i < len(text); {
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
