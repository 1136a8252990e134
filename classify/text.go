package classify

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// sentences splits text into sentence ranges: after 。！？； and line
// breaks always, after . ! ? ; when followed by a space and then something
// that can start a sentence. "$1.3 billion" and "U.S." stay whole.
func (lx *lexicon) sentences(text string) [][2]int {
	s, _ := lx.segmentsInto(nil, nil, text)
	return s
}

// abbreviationBefore reports whether the period at i ends a short
// abbreviation (Inc., Corp., U.S., Mr.) rather than a sentence.
func (lx *lexicon) abbreviationBefore(text string, i int) bool {
	j := i
	for j > 0 && text[j-1] != ' ' {
		j--
	}
	word := text[j:i]
	if lx.abbreviations[word] {
		return true
	}
	return initials(word)
}

// initials reports whether word is one capital letter or several joined
// by periods, the last period left out: "T" (in "T. Rowe Price"), "J.P"
// (in "J.P. Morgan").
func initials(word string) bool {
	if len(word)%2 == 0 {
		return false
	}
	for k := 0; k < len(word); k++ {
		if c := word[k]; k%2 == 0 && (c < 'A' || c > 'Z') || k%2 == 1 && c != '.' {
			return false
		}
	}
	return true
}

// listStop is where stop first cuts text[from:to], or -1; a period after
// a name's initials cuts nothing ("led by T. Rowe Price", "J.P. Morgan
// led"), nor one the text goes on after in lower case ("Acme Ltd. and
// Index") or with a legal form ("KKR & Co. Inc. led"). After any other
// word it does, an abbreviation's too ("based in the U.S. Lightspeed led
// …"), and after a round's letter ("closed a Series B. Lightspeed led …").
func (lx *lexicon) listStop(text string, from, to int, stop string) int {
	for at := from; at <= to; {
		i := strings.Index(text[at:to], stop)
		if i < 0 {
			return -1
		}
		if i += at; stop[0] != '.' || !lx.initialBefore(text, i) && !lowerAfter(text, i+len(stop)) && lx.legalFormAt(text[i+1:]) == 0 {
			return i
		}
		at = i + len(stop)
	}
	return -1
}

// lowerAfter reports a lower-case letter or an ampersand at text[i]: what
// goes on after an abbreviation's period ("Acme Ltd. and Index"), where a
// new sentence would open with a capital.
func lowerAfter(text string, i int) bool {
	return i < len(text) && (text[i] >= 'a' && text[i] <= 'z' || text[i] == '&')
}

// initialBefore reports whether the period at text[i] ends a name's
// initials (see listStop).
func (lx *lexicon) initialBefore(text string, i int) bool {
	j := strings.LastIndexByte(text[:i], ' ') + 1
	word := text[j:i]
	if !initials(word) || lx.abbreviations[word] {
		return false
	}
	prev := strings.ToLower(text[strings.LastIndexByte(text[:max(0, j-1)], ' ')+1 : max(0, j-1)])
	return !lx.roundLetterWords[prev]
}

// lastListStop is listStop's last place in text[from:to].
func (lx *lexicon) lastListStop(text string, from, to int, stop string) int {
	for to > from {
		i := strings.LastIndex(text[from:to], stop)
		if i < 0 {
			return -1
		}
		if i += from; stop[0] != '.' || !lx.initialBefore(text, i) && !lowerAfter(text, i+len(stop)) && lx.legalFormAt(text[i+1:]) == 0 {
			return i
		}
		to = i
	}
	return -1
}

// clauses splits text further at commas, dashes and parentheses; the
// pieces are where background ("which raised …") is recognised.
func (lx *lexicon) clauses(text string) [][2]int {
	_, c := lx.segmentsInto(nil, nil, text)
	return c
}

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

// segmentsInto splits text into sentences and clauses in one pass,
// appending to sents and cls; the ranges are those of sentences and
// clauses.
func (lx *lexicon) segmentsInto(sents, cls [][2]int, text string) ([][2]int, [][2]int) {
	sStart, cStart := 0, 0
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf && !segmentPunct[c] {
			i++
			continue
		}
		if c >= utf8.RuneSelf && c != 0xE2 && c != 0xE3 && c != 0xEF {
			i += runeLen(c)
			continue
		}
		r, n := utf8.DecodeRuneInString(text[i:])
		// Clauses.
		switch r {
		case ':':
			// "Run:ai" is one word; "Exclusive: …" ends a clause.
			if i+1 < len(text) && text[i+1] != ' ' && i > 0 && text[i-1] != ' ' {
				break
			}
			if i > cStart {
				cls = append(cls, [2]int{cStart, i})
			}
			cStart = i + n
		case ',', ';', '，', '；', '。', '(', ')', '（', '）', '—', '\n', '：':
			if r == ',' && (modifierComma(text, i) || lx.legalSuffixAfter(text, i)) {
				break
			}
			if i > cStart {
				cls = append(cls, [2]int{cStart, i})
			}
			cStart = i + n
		case '.', '!', '?', '…':
			// ("Acme Co., Ltd. completes …": not where a sentence ends.)
			if r == '.' && lx.legalAbbreviationBefore(text, i) && i+n < len(text) && lx.sentenceEnd(text, i, r, n) <= 0 {
				break
			}
			if i+n >= len(text) || text[i+n] == ' ' {
				if i > cStart {
					cls = append(cls, [2]int{cStart, i})
				}
				cStart = i + n
			}
		}
		// Sentences.
		if end := lx.sentenceEnd(text, i, r, n); end > 0 {
			if end > sStart {
				sents = append(sents, [2]int{sStart, end})
			}
			sStart = end
			i = end
			continue
		}
		i += n
	}
	if sStart < len(text) {
		sents = append(sents, [2]int{sStart, len(text)})
	}
	if cStart < len(text) {
		cls = append(cls, [2]int{cStart, len(text)})
	}
	return sents, cls
}

// legalSuffixAfter reports a comma at i that a legal suffix follows
// ("Acme Co., Ltd.", "Acme, Inc."): it parts no clause.
func (lx *lexicon) legalSuffixAfter(text string, i int) bool {
	if i+2 >= len(text) || text[i+1] != ' ' {
		return false
	}
	return lx.legalSuffixes[strings.TrimRight(firstWord(text[i+2:]), ".,;:)")]
}

// legalAbbreviationBefore reports a full stop at i that ends an
// abbreviated legal suffix ("Co.", "Ltd.", "Inc."): it ends no clause.
func (lx *lexicon) legalAbbreviationBefore(text string, i int) bool {
	j := i
	for j > 0 && text[j-1] != ' ' && text[j-1] != ',' {
		j--
	}
	return j < i && lx.legalSuffixes[text[j:i]]
}

// modifierComma reports a comma between two modifiers of one noun, a
// term and a sum: "signs five-year, $3bn GPU deal", "a multiyear, $1
// billion contract". It parts no clause.
func modifierComma(text string, i int) bool {
	if i+2 >= len(text) || text[i+1] != ' ' {
		return false
	}
	if c := text[i+2]; !isDigit(c) && c != '$' && !strings.HasPrefix(text[i+2:], "€") && !strings.HasPrefix(text[i+2:], "£") &&
		!strings.HasPrefix(text[i+2:], "¥") && !strings.HasPrefix(text[i+2:], "US$") {
		return false
	}
	return termWord(strings.ToLower(text[strings.LastIndexByte(text[:i], ' ')+1 : i]))
}

// termWord reports a word that says how long a deal runs: "five-year",
// "multiyear" (lower case).
func termWord(w string) bool {
	if w == "multiyear" || w == "multi-year" || w == "long-term" {
		return true
	}
	for _, unit := range []string{"-year", "-month", "-week", "-day"} {
		if strings.HasSuffix(w, unit) && len(w) > len(unit) {
			return true
		}
	}
	return false
}

// termAfterComma reads ", five-year" or ", multiyear" at text[i:limit],
// a term after a sum that a noun follows ("$3.4bn, five-year capacity
// deal"), and returns where the term ends, or -1.
func termAfterComma(text string, i, limit int) int {
	if !strings.HasPrefix(text[i:limit], ", ") {
		return -1
	}
	j := i + 2
	e := j
	for e < limit && text[e] != ' ' && text[e] != ',' {
		e++
	}
	if e >= limit || text[e] != ' ' {
		return -1
	}
	if !termWord(strings.ToLower(text[j:e])) {
		return -1
	}
	return e
}

// sentenceEnd returns where the sentence ends when rune r (n bytes) at
// text[i] ends one, else -1: after 。！？； and line breaks always, after
// . ! ? ; … when a space follows and then something that can start a
// sentence, and the period does not end an abbreviation (a cut-off
// sentence's "…" before "Subscribe to our newsletter" ends it).
func (lx *lexicon) sentenceEnd(text string, i int, r rune, n int) int {
	switch r {
	case '。', '！', '？', '；', '\n':
		return i + n
	case '.', '!', '?', ';', '…':
		j := i + n
		if j >= len(text) {
			return -1
		}
		if next, _ := utf8.DecodeRuneInString(text[j:]); next == ' ' || next == '"' || next == '\u201d' {
			k := j
			for k < len(text) && (text[k] == ' ' || text[k] == '"') {
				k++
			}
			if k < len(text) {
				after, _ := utf8.DecodeRuneInString(text[k:])
				if r != '.' && r != '…' || unicode.IsUpper(after) || unicode.IsDigit(after) || unicode.Is(unicode.Han, after) || after == '\u201c' {
					if r != '.' || !lx.abbreviationBefore(text, i) {
						return k
					}
				}
			}
		}
	}
	return -1
}

var segmentPunct = asciiSet(".!?;\n,():")

// part is a part of an article: its headline, its summary (the lead
// first) or its body.
type part uint8

const (
	partTitle part = iota
	partSummary
	partBody
	numParts
)

var partNames = [numParts]string{"title", "summary", "body"}

func (p part) String() string { return partNames[p] }

// partNamed is the part a span names; the body when the name is unknown.
func partNamed(name string) part {
	for p, n := range partNames {
		if n == name {
			return part(p)
		}
	}
	return partBody
}
