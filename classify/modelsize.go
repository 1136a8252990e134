package classify

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/aitracker/aitracker/news"
)

var (
	// "70B", "8x22B", "1.5B-parameter", "235B-A22B": a size glued to its
	// unit, as model names and headlines write it.
	paramShortRE = regexp.MustCompile(`(?:^|[\s(\-/])((\d+)x)?(\d+(?:\.\d+)?)([BTM])(?:-A\d+(?:\.\d+)?B)?(?:[\s,;:)\-/]|$)`)
	// "1 trillion parameters", "405 billion-parameter", "7-billion-parameter"
	paramWordRE = regexp.MustCompile(`(?i)(\d+(?:\.\d+)?)[\s-](trillion|billion|million)[\s-]param`)
	// "2350亿参数", "1万亿参数", "70亿个参数"
	paramZhRE = regexp.MustCompile(`(\d+(?:\.\d+)?)\s?(万亿|千亿|百亿|亿|千万|百万)个?参数`)
	// "参数规模达6710亿", "参数量为1.2万亿"
	paramZhAfterRE = regexp.MustCompile(`参数(?:规模|量|总量)?(?:达到|达|为|高达|约|超过|超)?\s?(\d+(?:\.\d+)?)\s?(万亿|千亿|百亿|亿|千万|百万)`)
)

// formatParams writes a parameter count as the field gives it: "70B",
// "1.5B", "1T", "560M".
func formatParams(n float64) string {
	unit, div := "M", 1e6
	switch {
	case n >= 1e12:
		unit, div = "T", 1e12
	case n >= 1e9:
		unit, div = "B", 1e9
	}
	return strconv.FormatFloat(n/div, 'f', -1, 64) + unit
}

// modelSize finds the released model's parameter count in the headline,
// else the lead: the words "parameters"/"参数" make any number a size; a
// bare "70B" counts only outside money ("$70B" is a sum). A mixture of
// experts ("8x22B") keeps its shape.
func (r *run) modelSize() (string, news.Span, bool) {
	for _, part := range []part{partTitle, partSummary} {
		text := r.d.parts[part]
		if !mayHoldSize(text) {
			continue
		}
		best := -1
		var val string
		var at [2]int
		try := func(start, end int, v string) {
			if best < 0 || start < best {
				best, val, at = start, v, [2]int{start, end}
			}
		}
		if m := paramWordRE.FindStringSubmatchIndex(text); m != nil {
			n, _ := strconv.ParseFloat(text[m[2]:m[3]], 64)
			try(m[0], m[1], formatParams(n*r.c.lex.parameterScales[strings.ToLower(text[m[4]:m[5]])]))
		}
		for _, re := range []*regexp.Regexp{paramZhRE, paramZhAfterRE} {
			if m := re.FindStringSubmatchIndex(text); m != nil {
				n, _ := strconv.ParseFloat(text[m[2]:m[3]], 64)
				try(m[0], m[1], formatParams(n*r.c.lex.parameterScales[text[m[4]:m[5]]]))
			}
		}
		for _, m := range paramShortRE.FindAllStringSubmatchIndex(text, -1) {
			start := m[6]
			if m[2] >= 0 {
				start = m[2]
			}
			if cur, _ := r.c.lex.currencyBefore(text, start, r.c.lex.currencySigns); cur != "" {
				continue // "$70B" is a sum
			}
			if countsOther(text[m[9]:]) {
				continue // "1M context", "2T tokens": not the model's size
			}
			n, _ := strconv.ParseFloat(text[m[6]:m[7]], 64)
			v := formatParams(n * r.c.lex.parameterScales[text[m[8]:m[9]]])
			if m[2] >= 0 {
				v = text[m[4]:m[5]] + "x" + v
			}
			try(start, m[9], v)
			break
		}
		if best >= 0 {
			return val, news.Span{Part: part.String(), Start: at[0], End: at[1], Text: text[at[0]:at[1]]}, true
		}
	}
	return "", news.Span{}, false
}

// countsOther reports a count that the word after it makes a count of
// something other than parameters: a context window, training tokens,
// users or downloads.
func countsOther(rest string) bool {
	rest = strings.ToLower(strings.TrimLeft(rest, " -"))
	for _, w := range []string{"context", "token", "users", "downloads", "words"} {
		if strings.HasPrefix(rest, w) {
			return true
		}
	}
	return false
}

// mayHoldSize is a cheap test before the patterns: every size has a
// digit followed by B, T or M, or the word for parameters.
func mayHoldSize(text string) bool {
	for i := 1; i < len(text); i++ {
		if c := text[i]; (c == 'B' || c == 'T' || c == 'M') && isDigit(text[i-1]) {
			return true
		}
	}
	return strings.Contains(fold(text), "param") || strings.Contains(text, "参数")
}

// openWeights reports whether the headline or lead says the released
// model's weights are published, with the cue as evidence.
func (r *run) openWeights() (news.Span, bool) {
	for _, part := range []part{partTitle, partSummary} {
		text := r.d.parts[part]
		lower := fold(text)
		for _, c := range r.c.lex.closedWeightCues {
			if strings.Contains(lower, c) {
				return news.Span{}, false
			}
		}
	}
	for _, part := range []part{partTitle, partSummary} {
		text := r.d.parts[part]
		lower := fold(text)
		for _, c := range r.c.lex.openWeightCues {
			if i := strings.Index(lower, c); i >= 0 {
				return news.Span{Part: part.String(), Start: i, End: i + len(c), Text: text[i : i+len(c)]}, true
			}
		}
	}
	return news.Span{}, false
}
