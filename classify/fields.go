package classify

import (
	"math"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/aitracker/aitracker/config"
	"github.com/aitracker/aitracker/news"
)

// amount is a sum of money found in text.
type amount struct {
	value      float64 // 0 when the text gives only an order of magnitude ("数亿元")
	currency   string  // ISO 4217
	start, end int
	valuation  bool // the amount is a valuation ("valued at $2B", "估值达…")
	other      bool // a share price, a market value or revenue: not the deal's money
}

var (
	// "数亿元", "数千万美元", "亿元级" — a size without a number
	amountZhVagueRE = regexp.MustCompile(`(数十亿|数亿|数千万|数百万|数万|近亿|超亿|逾亿|亿级|亿元级|过亿|上亿)(美元|美金|元人民币|人民币|元|港元|欧元)?`)
	// "千万元级", "百万美元级": an order of magnitude with its currency.
	amountZhLevelRE = regexp.MustCompile(`(千万|百万)(美元|美金|元人民币|人民币|元|港元|欧元)?级`)
)

func parseNumber(s string) float64 {
	v, _ := strconv.ParseFloat(strings.ReplaceAll(s, ",", ""), 64)
	return v
}

// findAmounts returns the sums of money in text, in order, each marked
// when the text says it is a valuation rather than money changing hands.
func (lx *lexicon) findAmounts(text string) []amount {
	words := append(wordAmounts(text), figureAmounts(text)...)
	if !strings.ContainsAny(text, "0123456789") && !strings.Contains(text, "亿") && !strings.Contains(text, "万") && len(words) == 0 {
		return nil
	}
	found := append(lx.scanAmounts(text, nil), words...)
	if containsAnyOf(text, "数十亿", "数亿", "数千万", "数百万", "数万", "近亿", "超亿", "逾亿", "亿级", "亿元级", "过亿", "上亿") {
		for _, m := range amountZhVagueRE.FindAllStringSubmatchIndex(text, -1) {
			a := amount{start: m[0], end: m[1]}
			if m[4] >= 0 {
				a.currency = lx.zhCurrency[text[m[4]:m[5]]]
				// "近亿元", "超亿元": about a hundred million, a size the
				// round is told by; "数亿元" is a range.
				switch text[m[2]:m[3]] {
				case "近亿", "超亿", "逾亿", "过亿", "上亿":
					a.value = 1e8
				}
			} else if text[m[2]:m[3]] == "亿元级" {
				a.currency = "CNY" // "亿元级天使轮": its yuan are in the word
			}
			found = append(found, a)
		}
	}
	if strings.Contains(text, "万") && strings.Contains(text, "级") {
		for _, m := range amountZhLevelRE.FindAllStringSubmatchIndex(text, -1) {
			// (Not part of a number: "5千万元级" is none.)
			if m[0] > 0 && strings.ContainsAny(text[m[0]-1:m[0]], "0123456789数近超逾") {
				continue
			}
			a := amount{start: m[0], end: m[1]}
			if m[4] >= 0 {
				a.currency = lx.zhCurrency[text[m[4]:m[5]]]
			}
			found = append(found, a)
		}
	}
	sort.SliceStable(found, func(i, j int) bool { return found[i].start < found[j].start })
	// Two patterns can read the same words ("US$30M" and "30M"): keep
	// the first, longest reading.
	out := found[:0]
	for _, a := range found {
		if len(out) > 0 && a.start < out[len(out)-1].end {
			continue
		}
		a.value = math.Round(a.value)
		a.valuation = lx.isValuation(text, a)
		a.other = !a.valuation && (lx.notDealMoney(text, a) || zhRoundsTotal(text, a))
		out = append(out, a)
	}
	return out
}

// zhRoundsTotal reports a sum that totals several rounds its sentence
// names before it ("连续完成A1轮、A2轮融资，合计金额3亿元", "两轮合计1亿元"):
// no round's amount. ("本轮融资合计1亿元" is this round's.)
func zhRoundsTotal(text string, a amount) bool {
	before := text[max(0, a.start-120):a.start]
	if i := strings.LastIndexAny(before, "。！？；"); i >= 0 {
		before = before[i:]
	}
	t := strings.TrimRight(before, " ")
	for changed := true; changed; {
		changed = false
		for _, w := range []string{"约", "超", "近", "逾", "为", "金额", "总额", "达"} {
			if strings.HasSuffix(t, w) {
				t, changed = strings.TrimSuffix(t, w), true
			}
		}
	}
	if !containsAnySuffix(t, "合计", "共计", "总计") {
		return false
	}
	if containsAnyOf(before, "两轮", "三轮", "多轮", "数轮", "连续两轮", "各轮") {
		return true
	}
	rounds := 0
	for i := 0; ; {
		j := strings.Index(before[i:], "轮")
		if j < 0 {
			break
		}
		at := i + j
		if p, _ := utf8.DecodeLastRuneInString(before[:at]); !strings.ContainsRune("本该此这首", p) {
			rounds++
		}
		i = at + len("轮")
	}
	return rounds >= 2
}

func containsAnySuffix(s string, suffixes ...string) bool {
	for _, x := range suffixes {
		if strings.HasSuffix(s, x) {
			return true
		}
	}
	return false
}

// figureAmountRE matches a size told by its digits, "a nine-figure
// round": dollars, as English business writing counts them.
var figureAmountRE = regexp.MustCompile(`(?i)\b(?:seven|eight|nine|ten)[- ]figure\b`)

// figureAmounts finds the sums told only by their number of digits: a
// currency without a value.
func figureAmounts(text string) []amount {
	if !strings.Contains(text, "igure") {
		return nil
	}
	var out []amount
	for _, m := range figureAmountRE.FindAllStringIndex(text, -1) {
		out = append(out, amount{currency: "USD", start: m[0], end: m[1]})
	}
	return out
}

// wordAmountRE matches a sum written in words: "three hundred million
// dollars", "half a billion dollars", "two billion euros".
var wordAmountRE = regexp.MustCompile(`(?i)\b(half a|a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](one|two|three|four|five|six|seven|eight|nine))?( hundred)? (million|billion|trillion) (dollars|euros|pounds|yuan)\b`)

// numberWords are the values of the words wordAmountRE reads.
var numberWords = map[string]float64{"half a": 0.5, "a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
	"seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
	"sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
	"sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}

// wordAmounts finds the sums written in words ("Black Forest Labs lands
// three hundred million dollars").
func wordAmounts(text string) []amount {
	// The expression runs only around "…illion dollars": most texts with
	// "million" write the number in digits.
	var out []amount
	for i := 0; ; {
		j := strings.Index(text[i:], "illion ")
		if j < 0 {
			break
		}
		at := i + j + len("illion ")
		i = at
		rest := text[at:min(len(text), at+8)]
		if !slices.ContainsFunc([]string{"dollars", "euros", "pounds", "yuan"}, func(c string) bool {
			return len(rest) >= len(c) && strings.EqualFold(rest[:len(c)], c)
		}) {
			continue
		}
		from := max(0, at-48)
		for from > 0 && !utf8.RuneStart(text[from]) {
			from++
		}
		for _, a := range wordAmountsIn(text[from:min(len(text), at+8)]) {
			a.start, a.end = from+a.start, from+a.end
			if len(out) == 0 || a.start >= out[len(out)-1].end {
				out = append(out, a)
			}
		}
	}
	return out
}

// wordAmountsIn reads the sums in words that wordAmountRE finds in text.
func wordAmountsIn(text string) []amount {
	var out []amount
	for _, m := range wordAmountRE.FindAllStringSubmatchIndex(text, -1) {
		v := numberWords[strings.ToLower(text[m[2]:m[3]])]
		if m[4] >= 0 {
			v += numberWords[strings.ToLower(text[m[4]:m[5]])]
		}
		if m[6] >= 0 {
			v *= 100
		}
		switch strings.ToLower(text[m[8]:m[9]]) {
		case "million":
			v *= 1e6
		case "billion":
			v *= 1e9
		case "trillion":
			v *= 1e12
		}
		cur := map[string]string{"dollars": "USD", "euros": "EUR", "pounds": "GBP", "yuan": "CNY"}[strings.ToLower(text[m[10]:m[11]])]
		out = append(out, amount{value: v, currency: cur, start: m[0], end: m[1]})
	}
	return out
}

// scanAmounts finds the sums of money written with digits: a currency
// sign or code before the number ("$1.3 billion", "US$676M", "€105m",
// "USD 20 million"), a currency word after it ("1.2 billion yuan", "528
// million euros") or a Chinese unit and currency ("13亿美元", "5000万元",
// "1.22亿元人民币"). It reads each number once, by hand: this runs on every
// article, and a scan is several times faster than the equivalent
// regular expressions.
func (lx *lexicon) scanAmounts(text string, found []amount) []amount {
	for i := 0; i < len(text); i++ {
		if !isDigit(text[i]) || (i > 0 && (isDigit(text[i-1]) || text[i-1] == '.' || text[i-1] == ',')) {
			continue
		}
		numEnd := scanNumber(text, i)
		value := parseNumber(text[i:numEnd])
		// A sign or code before it, perhaps with a space.
		cur, at := lx.currencyBefore(text, i, lx.currencySigns)
		if cur == "" {
			// "R85 million": a sign this short needs the scale.
			if c, a := lx.currencyBefore(text, i, lx.scaledSigns); c != "" {
				if scale, _ := scaleAfter(text, numEnd, lx.amountScales); scale > 0 {
					cur, at = c, a
				}
			}
		}
		if cur != "" {
			if cur == "CNY" && strings.HasPrefix(text[at:], "¥") && lx.yenText(text) {
				cur = "JPY"
			}
			a := amount{currency: cur, start: at, end: numEnd, value: value}
			if scale, end := scaleAfter(text, numEnd, lx.amountScales); scale > 0 {
				a.value *= scale
				a.end = end
			} else if scale, end := lx.zhScaleAt(text, numEnd); scale > 0 {
				// "¥3亿元": a sign, then a Chinese unit.
				a.value *= scale
				a.end = end
				if strings.HasPrefix(text[end:], "元") {
					a.end += len("元")
				}
			}
			found = append(found, a)
			i = numEnd - 1
			continue
		}
		// A currency word after it: "1.2 billion yuan".
		p := skipSpace(text, numEnd)
		scale, q := 1.0, p
		if s, end := scaleWord(text, p, lx.currencyWordScales); s > 0 {
			scale, q = s, skipSpace(text, end)
		}
		if cur, end := lx.currencyWord(text, q); cur != "" {
			if cur == "AED" && strings.HasPrefix(strings.ToLower(text[q:end]), "dirham") && containsAnyOf(strings.ToLower(text), lx.moroccanContext...) {
				cur = "MAD"
			}
			found = append(found, amount{currency: cur, start: i, end: end, value: value * scale})
			i = numEnd - 1
			continue
		}
		// "13亿美元", "1,300万元".
		p = skipSpace(text, numEnd)
		scale, q = 1.0, p
		if s, end := lx.zhScaleAt(text, p); s > 0 {
			scale, q = s, skipSpace(text, end)
		}
		if cur, end := lx.zhCurrencyAt(text, q); cur != "" {
			found = append(found, amount{currency: cur, start: i, end: end, value: value * scale})
		}
		i = numEnd - 1
	}
	return found
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// scanNumber reads "1,300,000" or "1.3" at text[i:]: digits in groups of
// three after commas, or digits with a decimal part.
func scanNumber(text string, i int) int {
	j := i
	for j < len(text) && isDigit(text[j]) {
		j++
	}
	if j-i <= 3 {
		k := j
		for k+4 <= len(text) && text[k] == ',' && isDigit(text[k+1]) && isDigit(text[k+2]) && isDigit(text[k+3]) &&
			(k+4 == len(text) || !isDigit(text[k+4])) {
			k += 4
		}
		if k > j {
			return k
		}
	}
	if j+1 < len(text) && text[j] == '.' && isDigit(text[j+1]) {
		j++
		for j < len(text) && isDigit(text[j]) {
			j++
		}
	}
	return j
}

// isSpace is the white space a regular expression's \s means.
func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' }

func skipSpace(text string, i int) int {
	if i < len(text) && isSpace(text[i]) {
		return i + 1
	}
	return i
}

// currencyBefore reads a sign or code (one of signs, tried in order) that
// ends at i, or one space before it, and returns its
// currency and where it starts.
func (lx *lexicon) currencyBefore(text string, i int, signs []config.WordCode) (string, int) {
	end := i
	if end > 0 && isSpace(text[end-1]) {
		end--
	}
	for _, sign := range signs {
		start := end - len(sign.Word)
		if start < 0 || !equalFoldASCII(text[start:end], sign.Word) {
			continue
		}
		// A code in letters starts a word: "Rs 50 crore", not "Hers 50".
		if c := sign.Word[0]; c >= 'a' && c <= 'z' && start > 0 && isWordByte(text[start-1]) {
			continue
		}
		return sign.Code, start
	}
	return "", 0
}

// equalFoldASCII compares s with lower, which is lower-case, ignoring the
// case of ASCII letters in s.
func equalFoldASCII(s, lower string) bool {
	if len(s) != len(lower) {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != lower[i] {
			return false
		}
	}
	return true
}

// hasPrefixFold reports whether text[i:] starts with lower (lower-case),
// ignoring ASCII case.
func hasPrefixFold(text string, i int, lower string) bool {
	return i+len(lower) <= len(text) && equalFoldASCII(text[i:i+len(lower)], lower)
}

// wordEnd reports whether i is the end of a word: the end of text or a
// character that is not an ASCII letter, digit or underscore.
func wordEnd(text string, i int) bool {
	return i >= len(text) || !(text[i] < utf8.RuneSelf && isWordRune(rune(text[i])))
}

// scaleAfter reads " billion", "bn", "M" … after an amount's number; the
// word must end there. A hyphen may join a scale word of letters:
// "C$55-million".
func scaleAfter(text string, i int, scales []config.Scale) (float64, int) {
	if i+1 < len(text) && text[i] == '-' {
		if s, end := scaleWord(text, i+1, scales); s > 0 && end-(i+1) >= 4 {
			return s, end
		}
	}
	return scaleWord(text, skipSpace(text, i), scales)
}

// yenText reports a text about Japan, where ¥ is the yen.
func (lx *lexicon) yenText(text string) bool {
	return containsAnyOf(strings.ToLower(text), lx.yenContext...)
}

// scaleWord reads one of scales at text[i:] as a whole word.
func scaleWord(text string, i int, scales []config.Scale) (float64, int) {
	for _, s := range scales {
		if hasPrefixFold(text, i, s.Word) && wordEnd(text, i+len(s.Word)) {
			return s.Value, i + len(s.Word)
		}
	}
	return 0, i
}

func (lx *lexicon) currencyWord(text string, i int) (string, int) {
	for _, w := range lx.currencyWords {
		if hasPrefixFold(text, i, w.Word) && wordEnd(text, i+len(w.Word)) {
			return w.Code, i + len(w.Word)
		}
	}
	return "", i
}

func (lx *lexicon) zhScaleAt(text string, i int) (float64, int) {
	for _, s := range lx.zhScales {
		if strings.HasPrefix(text[i:], s.Word) {
			return s.Value, i + len(s.Word)
		}
	}
	return 0, i
}

func (lx *lexicon) zhCurrencyAt(text string, i int) (string, int) {
	for _, w := range lx.zhCurrencyWords {
		if strings.HasPrefix(text[i:], w.Word) {
			return w.Code, i + len(w.Word)
		}
	}
	return "", i
}

func containsAnyOf(s string, subs ...string) bool {
	for _, sub := range subs {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}

// isValuation reads the words around an amount: "valued at $2B", "a $2B
// valuation", "that values it at $13.8B", "估值达20亿美元", "按200亿元的投前估值".
func (lx *lexicon) isValuation(text string, a amount) bool {
	before := strings.ToLower(text[max(0, a.start-48):a.start])
	after := strings.ToLower(text[a.end:min(len(text), a.end+18)])
	if i := strings.LastIndexAny(before, ",;，；"); i >= 0 {
		before = before[i:] // only this clause
	}
	if i := strings.LastIndex(before, "$"); i >= 0 {
		before = before[i:] // not past another sum
	}
	for _, w := range lx.valuationBefore {
		if containsWordStart(before, w) {
			// ("hits $900M valuation with $75M Series C": the sum after
			// "with" is the round's.)
			if i := strings.LastIndex(before, w); i >= 0 && (strings.Contains(before[i:], " with ") || strings.Contains(before[i:], " after ")) {
				continue
			}
			// ("new shares worth ₹900 crore", "a stake worth $2B": what
			// the shares are worth, not the company.)
			if i := strings.LastIndex(before, w); w == "worth" && i >= 0 && slices.ContainsFunc([]string{"shares ", "stock ", "stake ", "notes ", "equity "},
				func(s string) bool { return strings.HasSuffix(before[:i], s) }) {
				continue
			}
			return true
		}
	}
	// "Investors value Runway at $5.3B", "could value it above $500
	// billion" (but not "a deal value of $2B").
	if strings.Contains(before, "value ") {
		b := strings.TrimSpace(before)
		// ("the round, which would value the one-year-old company at
		// about $180 million": a word of measure after "at", in a
		// clause about the round.)
		for _, w := range []string{" about", " around", " roughly", " nearly", " approximately", " up to", " as much as"} {
			if t, ok := strings.CutSuffix(b, w); ok && strings.HasSuffix(t, " at") && roundClauseValue(text[:a.start]) {
				b = t
			}
		}
		for _, w := range []string{" at", " above", " over", " more than", " north of"} {
			if strings.HasSuffix(b, w) {
				return true
			}
		}
	}
	// ("a $50 billion-plus valuation": a floor is still the valuation.)
	after = strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(after, "-plus"), "+"))
	for _, w := range lx.valuationAfter {
		if strings.HasPrefix(after, w) {
			return true
		}
	}
	return false
}

// roundClauseValue reports whether the clause that before ends opens as
// a relative clause that values something: ", which would value …".
func roundClauseValue(before string) bool {
	before = strings.ToLower(before[max(0, len(before)-96):])
	if i := strings.LastIndexAny(before, ",;"); i >= 0 {
		before = before[i+1:]
	}
	before = strings.TrimLeft(before, " ")
	for _, w := range []string{"which would value ", "which values ", "that would value ", "which could value "} {
		if strings.HasPrefix(before, w) {
			return true
		}
	}
	return false
}

// containsWordStart reports whether s holds w starting a word ("valuation",
// not the one inside "evaluation"); a word in Han script may start anywhere.
func containsWordStart(s, w string) bool {
	for off := 0; off < len(s); {
		i := strings.Index(s[off:], w)
		if i < 0 {
			return false
		}
		at := off + i
		if at == 0 || !latinOnly(w) || !isWordByte(s[at-1]) {
			return true
		}
		off = at + 1
	}
	return false
}

// notDealMoney reports sums that are not money changing hands in the
// deal: share prices ("$40 a share", "发行价114.28元/股"), market values
// ("市值约898亿港元") and revenue ("$1 billion in annualized revenue").
func (lx *lexicon) notDealMoney(text string, a amount) bool {
	before := strings.ToLower(text[max(0, a.start-24):a.start])
	after := strings.ToLower(text[a.end:min(len(text), a.end+32)])
	for _, w := range lx.otherMoneyBefore {
		// (A phrase that ends on "at" stands right before its sum: "prices
		// IPO at $24 to raise $720 million".)
		// (In Han text a space parts phrases as a comma does: "定价每股
		// 18.6港元 募资10.2亿港元".)
		seps := ",;，；"
		if !latinOnly(w) {
			seps = ",;，； "
		}
		if strings.HasSuffix(strings.TrimSpace(before), w) || (len(w) > 3 && !strings.HasSuffix(w, " at") && strings.Contains(before, w) && !strings.ContainsAny(before[strings.Index(before, w):], seps)) {
			return true
		}
	}
	// "sets IPO range at $18 to $20": the range's top is a share price
	// too.
	if b := strings.TrimSpace(before); strings.HasSuffix(b, " to") {
		for _, w := range []string{"range at", "range of", "between"} {
			if i := strings.LastIndex(b, w); i >= 0 && !strings.ContainsAny(b[i:], ",;") {
				return true
			}
		}
	}
	after = strings.TrimSpace(after)
	for _, w := range lx.otherMoneyAfter {
		if strings.HasPrefix(after, w) {
			return true
		}
	}
	// "$300 million in new orders", "$5 million in AWS credits": one or
	// two words qualifying the noun leave it what it is.
	if rest, ok := strings.CutPrefix(after, "in "); ok {
		for k := 0; k < 2; k++ {
			i := strings.IndexByte(rest, ' ')
			if i < 0 {
				break
			}
			rest = rest[i+1:]
			for _, w := range lx.otherMoneyAfter {
				if n, ok := strings.CutPrefix(w, "in "); ok && strings.HasPrefix(rest, n) && (len(rest) == len(n) || !isWordByte(rest[len(n)])) {
					return true
				}
			}
		}
	}
	return false
}

// findAmount returns the first sum of money in text.
func (lx *lexicon) findAmount(text string) (amount, bool) {
	all := lx.findAmounts(text)
	if len(all) == 0 {
		return amount{}, false
	}
	return all[0], true
}

// toUSD converts an amount at the average rate of the date's year (the
// nearest year the table has; the last for a zero date); 0 when the
// currency has no rate.
func (lx *lexicon) toUSD(value float64, currency string, date time.Time) float64 {
	year := date.Year()
	switch {
	case date.IsZero() || year > lx.lastYear:
		year = lx.lastYear
	case year < lx.firstYear:
		year = lx.firstYear
	}
	return math.Round(value * lx.usdPerUnit[year][currency])
}

var (
	roundENRE = regexp.MustCompile(`(?i)\b(pre-seed|seed|angel|pre-series\s?[a-k]|pre-[a-k]\+?|series\s?[a-m]\+?\d?|growth|strategic[\s-](?:round|funding|financing|investment|investor|investors|backing|stake)|bridge|pre-ipo)\b(?:\s|-)?(?:round|funding|financing|investment|extension|stage)?`)
	roundZHRE = regexp.MustCompile(`(?i)(种子|天使\+*|pre-[a-k]\+*|[a-k]\d?\+*|pre-ipo|战略)轮|战略(?:融资|投资)|天使投资`)
)

// containsFoldAny reports whether s contains one of subs (lower-case),
// ignoring the case of ASCII letters in s.
func containsFoldAny(s string, subs []string) bool {
	for _, sub := range subs {
		c0 := sub[0]
		upper := c0
		if c0 >= 'a' && c0 <= 'z' {
			upper = c0 - 'a' + 'A'
		}
		for i := 0; i+len(sub) <= len(s); i++ {
			if (s[i] == c0 || s[i] == upper) && equalFoldASCII(s[i:i+len(sub)], sub) {
				return true
			}
		}
	}
	return false
}

// findRound maps a round name to its canonical form: pre-seed, seed,
// series_a … series_f, growth (series G to M), strategic, unknown.
// Every round name holds one of the taxonomy's round hints, a cheap test
// before the patterns.
func (lx *lexicon) findRound(text string) (string, [2]int, bool) {
	if !containsFoldAny(text, lx.roundHints) {
		return "", [2]int{}, false
	}
	if m := roundENRE.FindStringSubmatchIndex(text); m != nil {
		end := m[0] + len(strings.TrimRight(text[m[0]:m[1]], " -"))
		return canonicalRound(strings.ToLower(text[m[2]:m[3]])), [2]int{m[0], end}, true
	}
	if m := roundZHRE.FindStringSubmatchIndex(text); m != nil {
		w := strings.ToLower(text[m[0]:m[1]])
		if m[2] >= 0 {
			w = strings.ToLower(text[m[2]:m[3]])
		}
		return canonicalRound(w), [2]int{m[0], m[1]}, true
	}
	return "", [2]int{}, false
}

func canonicalRound(w string) string {
	w = strings.TrimSpace(strings.ReplaceAll(w, " ", ""))
	switch {
	case w == "pre-seed":
		return "pre-seed"
	case w == "seed" || w == "种子" || strings.HasPrefix(w, "angel") || strings.HasPrefix(w, "天使"):
		return "seed"
	case w == "growth":
		return "growth"
	case strings.HasPrefix(w, "strategic") || strings.HasPrefix(w, "战略"):
		return "strategic"
	case w == "bridge" || w == "pre-ipo":
		return "unknown"
	}
	w = strings.TrimPrefix(w, "pre-series")
	w = strings.TrimPrefix(w, "pre-")
	w = strings.TrimPrefix(w, "series")
	if w == "" {
		return "unknown"
	}
	letter := w[0]
	switch {
	case letter >= 'a' && letter <= 'f':
		return "series_" + string(letter)
	case letter >= 'g' && letter <= 'm':
		return "growth"
	}
	return "unknown"
}

// roundIn finds the round named in a part, skipping words that belong to
// a name ("ICONIQ Growth", "Strategic Capital Partners").
func (r *run) roundIn(part part) (string, [2]int, bool) {
	text := r.d.parts[part]
	off := 0
	for off < len(text) {
		round, at, ok := r.c.lex.findRound(text[off:])
		if !ok {
			return "", [2]int{}, false
		}
		at = [2]int{at[0] + off, at[1] + off}
		inside := false
		for _, m := range r.mentions {
			if m.part == part && at[0] < m.end && m.start < at[1] {
				inside = true
				break
			}
		}
		// ("Quenby previously raised a $40 million seed": a past round;
		// "growth investors", "seed funds": a round's word naming a kind
		// of investor.)
		if !inside && !r.backgroundSpan(part, at[0], at[1]) && !roundNamesInvestors(text[at[1]:]) {
			// "$45M raised across seed and Series A": a total over two
			// rounds names none of them.
			if end, ok := r.secondRound(text, at[1], round); ok {
				return "unknown", [2]int{at[0], end}, true
			}
			return round, at, true
		}
		off = at[1]
	}
	return "", [2]int{}, false
}

// roundNamesInvestors reports the words after a round's name that make it
// a kind of investor ("growth investors", "seed-stage funds").
func roundNamesInvestors(rest string) bool {
	rest = strings.ToLower(rest)
	for _, w := range []string{" investors", " investor", " funds", " fund", " firms", " firm", " equity", "-stage", " stage", " vcs"} {
		if strings.HasPrefix(rest, w) {
			return true
		}
	}
	return false
}

// secondRound reports another round joined by "and" right after a round
// that ends at text[from], and where it ends.
func (r *run) secondRound(text string, from int, first string) (int, bool) {
	rest := strings.TrimPrefix(strings.TrimPrefix(text[from:], " rounds"), " round")
	for _, j := range []string{" and ", " & ", " plus "} {
		if after, ok := strings.CutPrefix(rest, j); ok {
			if round, at, ok := r.c.lex.findRound(after); ok && at[0] <= len("a ") && round != first {
				return len(text) - len(after) + at[1], true
			}
		}
	}
	return 0, false
}

// party is one side of an acquisition.
type party struct {
	name  string
	known bool
	span  news.Span
	unit  bool // named by one of the company's units
}

// acquisitionParties reads acquirer and target from the headline: the
// names on either side of the first acquisition cue, swapped when the
// headline is passive ("Y is acquired by X", "Y被X收购").
func (r *run) acquisitionParties() (acquirer, target *party) {
	if r.parties != nil {
		return r.parties[0], r.parties[1]
	}
	acquirer, target = r.frameParties()
	if acquirer == nil || target == nil {
		a, t := r.cueParties()
		if acquirer == nil && (a == nil || target == nil || a.name != target.name) {
			acquirer = a
		}
		if target == nil && (a == nil || acquirer == nil || a.name != acquirer.name) {
			target = t
		}
		if acquirer != nil && target != nil && acquirer.name == target.name {
			target = nil
		}
	}
	// "AMD Completes Acquisition of Stratus Mesh" over "… has completed
	// its acquisition of Stratus Mesh, a developer of …": what a
	// headline leaves unread, its lead names in running text, bought by
	// the headline's buyer ("Motionbank joins Hugging Face" over "Hugging
	// Face has acquired Motionbank").
	if target == nil && acquirer != nil {
		if q := r.predicateWhere(news.EventAcquisition, partSummary, func(q *predicate) bool {
			o := q.reading.object
			return !q.frame.Inverse && !q.reading.passive && (o.kind == kOrg || o.kind == kName) && r.weight(partSummary, q.start) == wLead &&
				latinOnly(q.hit.text)
		}); q != nil {
			if t := r.argParty(q.reading.object, partSummary); t != nil && t.name != acquirer.name {
				target = t
			}
		}
	}
	// "Announcing our acquisition of Pylon Speech": a company's own post
	// names its buyer in the lead ("Rhombic AI has acquired Pylon
	// Speech").
	if acquirer == nil && target != nil && r.c.lex.ownPost(r.d.parts[partTitle]) {
		if q := r.predicateWhere(news.EventAcquisition, partSummary, func(q *predicate) bool {
			s := q.reading.subject
			return (s.kind == kOrg || s.kind == kName) && s.text != target.name && r.weight(partSummary, q.start) == wLead
		}); q != nil && !q.reading.passive {
			acquirer = r.argParty(q.reading.subject, partSummary)
		}
	}
	r.parties = []*party{acquirer, target}
	return acquirer, target
}

// frameParties reads acquirer and target from the acquisition frame that
// holds in the headline: the doer buys the object, or, in the passive
// and in "X becomes part of Y", the other way round.
func (r *run) frameParties() (acquirer, target *party) {
	p := r.predicateOf(news.EventAcquisition, partTitle)
	if p == nil {
		return nil, nil
	}
	if p.frame.object == 0 {
		return r.nounParties(p)
	}
	doer, object := p.reading.subject, p.reading.object
	if doer.text == "" {
		doer = r.enSubjectOrZh(p.hit, p.reading.passive)
	}
	// "Halvard completes $90M acquisition of Lumora": a sum before the
	// noun is no doer.
	if doer.mention == nil && doer.kind == kName && (r.amountOverlaps(p.part, doer.start, doer.end) || r.c.lex.countOrSum(doer.text)) {
		doer = arg{} // nor a share: "takes controlling 70% stake in"
		if strings.HasSuffix(p.alias, "stake in") {
			cl := r.clauseSpan(p.hit)
			if name, at := r.leadName(r.d.parts[p.part], cl[0], p.start); name != "" {
				doer = arg{kind: kName, start: at, end: at + len(name), text: name, why: "the name that opens the clause"}
			}
		}
	}
	// "AMD agrees $665 million cash deal for Silo AI": the doer of the
	// clause's verb is the company that opens it.
	if doer.mention == nil && doer.kind != kName {
		cl := r.clauseSpan(p.hit)
		for i := range r.mentions {
			m := &r.mentions[i]
			if m.part == p.part && m.kind == refCompany && m.start >= cl[0] && m.end <= p.start && !r.background(m.hit) {
				doer = r.mentionArg(m)
				break
			}
		}
		// "Quarrytech abandons its acquisition of …": a name the
		// taxonomy does not know opens the clause before a verb.
		if doer.mention == nil && doer.kind != kName && p.part == partTitle && latinOnly(p.hit.text) {
			if name, at := r.leadName(r.d.parts[p.part], cl[0], p.start); name != "" && r.companyClause(r.d.parts[p.part][at+len(name):p.start]) {
				// ("Reelmint CEO denies …": the company, not its people.)
				if i := strings.LastIndexByte(name, ' '); i > 0 && slices.Contains(r.c.lex.companyRoles, strings.ToLower(name[i+1:])) {
					name = name[:i]
				}
				doer = arg{kind: kName, start: at, end: at + len(name), text: name, why: "the name that opens the clause"}
			}
		}
	}
	// "to buy control of Xinlian", "to buy a controlling stake in Lumora":
	// the company the share is of is bought.
	if object.kind == kStake && object.mention == nil && latinOnly(object.text) && !p.frame.Inverse {
		if f := strings.Fields(strings.ToLower(object.text)); len(f) > 0 && slices.Contains([]string{"control", "stake", "majority", "interest"}, f[len(f)-1]) {
			text, cl := r.d.parts[p.part], r.clauseSpan(p.hit)
			for _, prep := range []string{" of ", " in "} {
				if strings.HasPrefix(text[object.end:], prep) && object.end+len(prep) < cl[1] {
					if o := r.enPhrase(p.part, object.end+len(prep), cl[1], text); o.kind == kOrg || o.kind == kName {
						object = o
					}
					break
				}
			}
		}
	}
	if p.frame.Inverse {
		doer, object = object, doer
	}
	acquirer, target = r.argParty(doer, p.part), r.argParty(object, p.part)
	// "to buy Nimbus Compute's inference arm": a unit no list knows is
	// bought from its owner, whom the deal names.
	if target == nil && object.mention == nil && object.owner != "" && r.unitPhrase(object) {
		owner := strings.TrimSpace(object.owner)
		target = r.argParty(arg{kind: kName, start: object.start, end: object.start + len(owner), text: owner}, p.part)
	}
	// "Databricks acquires MosaicML": the taxonomy files the target as a
	// unit of its later owner; the deal names the unit as written.
	if acquirer != nil && target != nil && acquirer.name == target.name && target.unit {
		target.name = target.span.Text
	}
	return acquirer, target
}

// referent reads "talks to invest in the chipmaker": a company called by
// what it is, in lower case after "the", is the last one named before it
// in its part that does not invest (nil when none is). It reports false
// for any other argument.
func (r *run) referent(a arg, part part) (*mention, bool) {
	if a.kind != kOrg || a.mention != nil || a.start >= a.end || a.end > len(r.d.parts[part]) {
		return nil, false
	}
	seg := r.d.parts[part][a.start:a.end]
	if !latinOnly(seg) || strings.ToLower(seg) != seg || !strings.HasSuffix(r.d.folded[part][:a.start], "the ") {
		return nil, false
	}
	// (Not the doer whose object the phrase is: "Apple is in talks to
	// invest in the chipmaker".)
	var doer *mention
	for _, p := range r.predicates {
		if p.part != part || p.reading.object.start != a.start {
			continue
		}
		doer = p.reading.subject.mention
		if doer == nil {
			// (Unread, the doer is the company right before the verb.)
			for i := range r.mentions {
				if m := &r.mentions[i]; m.part == part && m.kind == refCompany && m.end <= p.start {
					doer = m
				}
			}
		}
	}
	var ref *mention
	for i := range r.mentions {
		m := &r.mentions[i]
		if m.part == part && m.kind == refCompany && m.end <= a.start && !m.investor && !r.background(m.hit) && (doer == nil || m.idx != doer.idx) {
			ref = m
		}
	}
	return ref, true
}

// capitalisedWords reports a phrase of two or more words that all open
// with a capital letter ("Kotoba Studio").
func capitalisedWords(s string) bool {
	f := strings.Fields(s)
	return len(f) >= 2 && !slices.ContainsFunc(f, func(w string) bool { return !isCapital(w) })
}

// unitPhrase reports whether a phrase ends on a word for a part of a
// company: its team, unit, division, arm or business.
func (r *run) unitPhrase(a arg) bool {
	f := strings.Fields(strings.ToLower(a.text))
	if len(f) == 0 {
		return false
	}
	last := f[len(f)-1]
	return r.c.lex.teamWords[last] || last == "business" || last == "businesses"
}

// companyClause reports whether the words between a name and a deal's
// noun make the name a company: a verb companies do, or the deal called
// "its" ("abandons its acquisition of").
func (r *run) companyClause(between string) bool {
	b := strings.TrimSpace(between)
	return r.c.lex.companyWordAfter(b) != "" || strings.HasSuffix(b, " its") || strings.HasSuffix(b, " their")
}

// amountOverlaps reports whether a sum of money overlaps [from, to) of a
// part: "Billion" in "$3 Billion Deal" is part of one.
func (r *run) amountOverlaps(part part, from, to int) bool {
	for _, am := range r.amountsIn(part) {
		if am.start < to && am.end > from {
			return true
		}
	}
	return false
}

// amountWithin reports whether a sum of money stands within [from, to) of
// a part.
func (r *run) amountWithin(part part, from, to int) bool {
	for _, am := range r.amountsIn(part) {
		if am.start >= from && am.end <= to {
			return true
		}
	}
	return false
}

// nounParties reads the parties around an acquisition noun: "CoreWeave
// moves into developer tools with $1.7 billion W&B purchase" — the
// company named right before the noun is bought, the one that opens the
// clause buys.
func (r *run) nounParties(p *predicate) (acquirer, target *party) {
	cl := r.clauseSpan(p.hit)
	text := r.d.parts[p.part]
	var first, last *mention
	for i := range r.mentions {
		m := &r.mentions[i]
		if m.part != p.part || m.kind != refCompany || m.start < cl[0] || m.end > p.start || r.background(m.hit) {
			continue
		}
		if first == nil {
			first = m
		}
		last = m
	}
	if first == nil || last == first {
		// "Fenwick AI and Ardent Labs to Combine in All-Stock Merger": two
		// names no list knows, joined by "and", open a merger's clause.
		if a, b := r.pairNames(p.part, cl[0], p.start); a.text != "" && r.c.lex.mergerNoun(p.text) {
			return r.argParty(a, p.part), r.argParty(b, p.part)
		}
		return nil, nil
	}
	// Only a sum or a possessive may stand between the target and the noun.
	between := strings.TrimSpace(text[last.end:p.start])
	between = strings.TrimPrefix(strings.TrimPrefix(between, "'s"), "’s")
	for _, am := range r.amountsIn(p.part) {
		if am.start >= last.end && am.end <= p.start {
			between = strings.Replace(between, text[am.start:am.end], "", 1)
		}
	}
	if strings.TrimSpace(between) != "" || first.idx == last.idx {
		return nil, nil
	}
	return &party{name: first.name, known: true, span: r.span(first.hit), unit: first.unit >= 0},
		&party{name: last.name, known: true, span: r.span(last.hit), unit: last.unit >= 0}
}

// pairNames reads two names joined by "and" or "&" that open a clause,
// text[from:to], in English: runs of capitalised words, each holding a word
// no dictionary has or a firm's ending ("Fenwick AI and Ardent Labs"), the
// second followed by a word in lower case or a verb.
func (r *run) pairNames(part part, from, to int) (arg, arg) {
	text := r.d.parts[part]
	if !latinOnly(text[from:to]) {
		return arg{}, arg{}
	}
	run := func(at int) (int, bool) {
		end, named, n := at, false, 0
		for end < to && n < 4 {
			j := end
			for j < to && text[j] != ' ' {
				j++
			}
			w := strings.TrimRight(text[end:j], ",.;:")
			if w == "" || !isCapital(w) || n > 0 && r.c.lex.verbWord(w) {
				break
			}
			if r.c.lex.unknownWord(w, r.c.tax.CommonWords) || r.c.lex.companySuffixes[w] {
				named = true
			}
			n++
			end = j
			// ("Ardent Labs Agree …": a firm's ending ends its name.)
			if r.c.lex.companySuffixes[w] {
				break
			}
			if j < to {
				j++
			}
			if j >= to || text[j-1] != ' ' {
				break
			}
			if strings.HasPrefix(text[j:to], "and ") || strings.HasPrefix(text[j:to], "& ") {
				break
			}
			end = j
		}
		return strings.LastIndexFunc(text[:end], func(c rune) bool { return c != ' ' }) + 1, named && n > 0
	}
	at := from
	for at < to && text[at] == ' ' {
		at++
	}
	end1, ok1 := run(at)
	rest := text[end1:to]
	var join string
	for _, j := range []string{" and ", " & "} {
		if strings.HasPrefix(rest, j) {
			join = j
		}
	}
	if !ok1 || join == "" {
		return arg{}, arg{}
	}
	at2 := end1 + len(join)
	end2, ok2 := run(at2)
	if !ok2 || end2 <= at2 {
		return arg{}, arg{}
	}
	return arg{kind: kName, start: at, end: end1, text: text[at:end1], why: "the first of two names joined by " + quote(strings.TrimSpace(join))},
		arg{kind: kName, start: at2, end: end2, text: text[at2:end2], why: "the second of two names joined by " + quote(strings.TrimSpace(join))}
}

// enSubjectOrZh reads a predicate's doer in its language.
func (r *run) enSubjectOrZh(h hit, passive bool) arg {
	if latinOnly(h.text) {
		return r.enSubject(h, passive)
	}
	return r.zhSubject(h, passive)
}

// argParty makes a party of an argument: the company a known name stands
// for, or the name a phrase gives ("AI security startup Vaultly").
func (r *run) argParty(a arg, part part) *party {
	switch {
	case a.mention != nil && a.mention.kind == refCompany && (a.kind == kOrg || a.kind == kProduct || a.kind == kModel || a.kind == kStake || a.kind == kMajority):
		m := a.mention
		return &party{name: m.name, known: true, span: r.span(m.hit), unit: m.unit >= 0}
	case a.kind == kName || (a.kind == kStake || a.kind == kMajority) && a.mention == nil || a.kind == kOrg && a.mention == nil:
		text := r.d.parts[part]
		if a.end > len(text) || a.start >= a.end {
			return nil
		}
		seg := text[a.start:a.end]
		if m, ok := r.referent(a, part); ok {
			if m == nil {
				return nil
			}
			return &party{name: m.name, known: true, span: r.span(m.hit), unit: m.unit >= 0}
		}
		// ("ByteDance Acquires Kotoba Studio": capitalised words that end
		// on a company's word are a name.)
		if a.kind == kOrg && !(latinOnly(seg) && (strings.HasPrefix(a.why, "a name its descriptor") || capitalisedWords(seg))) {
			// "收购星澜数据51%股权": the stake's company, not a company word;
			// "AI写作创业公司墨川": the name after the company word.
			// ("Vector search startup Quellen": a name its descriptor calls
			// a company is one.)
			cut, ok := cutZhStake(seg)
			if n, _ := r.zhNameAfterCompanyWord(seg, true); !ok && n == "" {
				return nil
			}
			seg = cut
			a.end = a.start + len(seg)
		}
		if !latinOnly(seg) && strings.HasSuffix(seg, "%") {
			// "取得某某股份51%股权": the share and the verb before the
			// name are not part of it.
			trimmed := strings.TrimRight(seg, "%.0123456789")
			for _, v := range r.c.lex.zhStakeVerbs {
				if t, ok := strings.CutPrefix(trimmed, v); ok {
					a.start += len(v)
					trimmed = t
				}
			}
			seg = trimmed
			a.end = a.start + len(seg)
		}
		// ("天成股份停牌筹划购买启算科技控股权": what is bought follows the
		// last verb of buying.)
		if !latinOnly(seg) {
			for _, v := range []string{"购买", "收购", "受让", "取得"} {
				if i := strings.LastIndex(seg, v); i > 0 && utf8.RuneCountInString(seg[i+len(v):]) >= 2 {
					a.start += i + len(v)
					seg = seg[i+len(v):]
				}
			}
		}
		name, at := r.c.lex.nameAfter(seg)
		// "Jony Ive创办的硬件公司io": the name follows the last company word.
		if n, i := r.zhNameAfterCompanyWord(seg, a.kind == kOrg); n != "" {
			name, at = n, i
		}
		if name == "" {
			// The arg's text may leave out what its span holds (quotes
			// around a name): find it in the span.
			name, at = a.text, max(0, strings.Index(seg, a.text))
			if !latinOnly(name) {
				if n, off, _ := r.c.lex.describedName(name); n != "" {
					name, at = n, off
				}
			}
		}
		// ("中文在线（300364.SZ）": a stock code names no party.)
		if name == "" || r.c.lex.notNames[strings.ToLower(name)] || tickerRE.MatchString(name) {
			return nil
		}
		start := a.start + at
		if start+len(name) > len(text) || text[start:start+len(name)] != name {
			return nil // a name the text does not spell here is no party
		}
		return &party{name: r.canonicalUnknown(name), span: news.Span{Part: part.String(), Start: start, End: start + len(name), Text: name}}
	}
	return nil
}

// tickerRE matches a stock code: "300364.SZ", "0700.HK".
var tickerRE = regexp.MustCompile(`^\d{4,6}\.(?:SZ|SH|HK|BJ|SS|T|KS|TW)$`)

// zhNameAfterCompanyWord returns the name that follows the last word for
// a company in a Chinese phrase, and where it starts: a Latin name or one
// shaped like a company's ("Jony Ive创办的硬件公司io"), or, when any is
// taken, two to eight Han characters ("AI写作创业公司墨川"); "" when none
// does.
func (r *run) zhNameAfterCompanyWord(seg string, anyHan bool) (string, int) {
	if latinOnly(seg) {
		return "", 0
	}
	for _, e := range r.c.nouns.zh {
		if e.kind != kOrg {
			continue
		}
		i := strings.LastIndex(seg, e.text)
		if i < 0 || i+len(e.text) >= len(seg) {
			continue
		}
		rest := strings.TrimSpace(seg[i+len(e.text):])
		n := utf8.RuneCountInString(rest)
		if rest != "" && (looksLikeName(rest) || r.c.lex.zhCompanyShaped(rest, "") ||
			anyHan && n >= 2 && n <= 8 && hanOnly(rest) && !r.c.lex.notNames[rest]) {
			return rest, strings.Index(seg, rest)
		}
	}
	return "", 0
}

// zhStakeNouns end a phrase that names a stake in a company ("星澜数据51%
// 股权").
var zhStakeNouns = []string{"全部股权", "控股权", "控制权", "股权", "股份"}

// cutZhStake returns a Chinese phrase without the stake noun that ends
// it, and whether one did.
func cutZhStake(seg string) (string, bool) {
	if latinOnly(seg) {
		return seg, false
	}
	for _, n := range zhStakeNouns {
		if c, ok := strings.CutSuffix(seg, n); ok && c != "" {
			return strings.TrimSuffix(c, "的"), true
		}
	}
	return seg, false
}

// cueParties is the reading of acquirer and target without a frame: the
// names on either side of the first acquisition cue.
func (r *run) cueParties() (acquirer, target *party) {
	title := r.d.parts[partTitle]
	var cue *hit
	for i, h := range r.d.hits {
		if h.part == partTitle && h.kind == refEvent && r.c.tax.Events[h.idx].ID == news.EventAcquisition && !r.insideEntity(h) && !r.background(h) {
			cue = &r.d.hits[i]
			break
		}
	}
	if cue == nil {
		return nil, nil
	}
	// "Y被X收购": the buyer stands between 被 and the verb, the bought
	// company before 被.
	if bei := strings.LastIndex(title[:cue.start], "被"); bei >= 0 {
		var buyer, bought *party
		for _, m := range r.mentions {
			if m.part != partTitle || m.kind != refCompany || m.investor {
				continue
			}
			p := &party{name: m.name, known: true, span: r.span(m.hit), unit: m.unit >= 0}
			switch {
			case m.start >= bei+len("被") && m.end <= cue.start:
				buyer = p
			case m.end <= bei:
				bought = p
			}
		}
		if buyer != nil {
			if bought == nil {
				if n, at := r.c.lex.unknownName(title[:bei]); n != "" {
					bought = &party{name: r.canonicalUnknown(n), span: news.Span{Part: partTitle.String(), Start: at, End: at + len(n), Text: n}}
				}
			}
			return buyer, bought
		}
	}
	var before, after *party
	for _, m := range r.mentions {
		if m.part != partTitle || m.kind != refCompany || m.investor {
			continue
		}
		p := &party{name: m.name, known: true, span: r.span(m.hit), unit: m.unit >= 0}
		if m.end <= cue.start {
			before = p
		} else if m.start >= cue.end && after == nil && !strings.ContainsAny(title[cue.end:m.start], ",，;；") {
			// (Not one past the clause: "收购AI咨询商，拓展Claude企业市场".)
			after = p
		}
	}
	if before == nil {
		// "Halvard Strikes $3 Billion Deal for …": the name stands
		// before the sum, never in it.
		end := cue.start
		for _, am := range r.amountsIn(partTitle) {
			if am.start < end && am.end <= cue.start && !strings.ContainsAny(title[am.end:cue.start], ",，;；:：") {
				end = min(end, am.start)
			}
		}
		if n, at := r.c.lex.unknownName(title[:end]); n != "" {
			before = &party{name: r.canonicalUnknown(n), span: news.Span{Part: partTitle.String(), Start: at, End: at + len(n), Text: n}}
		}
	}
	if after == nil {
		// ("收购AI咨询商": a word for a company, not a name.)
		if n, at := r.c.lex.nameAfter(title[cue.end:]); n != "" && !r.c.lex.zhDescribes(n) {
			at += cue.end
			after = &party{name: r.canonicalUnknown(n), span: news.Span{Part: partTitle.String(), Start: at, End: at + len(n), Text: n}}
		}
	}
	// "Databricks acquires MosaicML": the taxonomy files the target as a
	// unit of its later owner; the deal names the unit as written.
	if before != nil && after != nil && before.name == after.name {
		for _, p := range []*party{before, after} {
			if p.unit {
				p.name = p.span.Text
			}
		}
	}
	if r.c.lex.isPassive(title, *cue) {
		before, after = after, before
	}
	return before, after
}

// isPassive reports whether an acquisition cue is in the passive voice.
func (lx *lexicon) isPassive(title string, cue hit) bool {
	t := strings.ToLower(title[cue.start:])
	for _, p := range lx.passivePhrases {
		if strings.HasPrefix(t, p) {
			return true
		}
	}
	if strings.HasPrefix(title[cue.start:], "被") { // the cue is "被收购"
		return true
	}
	before := title[:cue.start]
	if i := strings.LastIndex(before, "被"); i >= 0 && zhReportPassive(before[i:]) {
		return false
	}
	return strings.HasSuffix(strings.TrimSpace(before), "被") || (strings.Contains(before, "被") && !latinOnly(before))
}

// nameAfter takes the name at the start of a headline remainder: the
// capitalised words after an acquisition verb ("buys Acme Robotics for
// $1B"), or the Han text up to the next particle ("收购深瞳智算").
func (lx *lexicon) nameAfter(rest string) (string, int) {
	// Offsets count what is trimmed, so leading white space of every
	// kind is trimmed the same way throughout.
	trimmed := strings.TrimLeftFunc(rest, unicode.IsSpace)
	off := len(rest) - len(trimmed)
	if !latinOnly(trimmed) {
		end := len(trimmed)
		for _, stop := range lx.zhNameStops {
			if i := strings.Index(trimmed, stop); i >= 0 && i < end {
				end = i
			}
		}
		name := strings.TrimSpace(trimmed[:end])
		// "收购以色列AI基础设施公司Run:ai": the name follows the descriptor.
		cut := 0
		for _, d := range lx.zhDescriptors {
			if i := strings.LastIndex(name, d); i >= 0 && i+len(d) > cut && i+len(d) < len(name) {
				cut = i + len(d)
			}
		}
		rest := name[cut:]
		off += cut + len(rest) - len(strings.TrimLeftFunc(rest, unicode.IsSpace))
		name = strings.TrimSpace(rest)
		// A Han name stops at a space; a Latin one may hold several words.
		if i := strings.IndexAny(name, " 　"); i >= 0 && !latinOnly(name[:i]) {
			name = name[:i]
		}
		// "智驾公司「川流智驾」": the marks set the name off; they are not
		// part of it.
		if inner, ok := strings.CutPrefix(name, "「"); ok && strings.HasSuffix(inner, "」") && len(inner) > len("」") {
			name = strings.TrimSuffix(inner, "」")
			off += len("「")
		}
		if n := len([]rune(name)); n < 2 || n > 24 {
			return "", 0
		}
		return name, off
	}
	// The object runs to the first word that ends it; within it, the name
	// follows the last descriptor ("identity startup Zilla Security",
	// "device startup io"), or is the last capitalised run.
	obj := trimmed
	for _, stop := range lx.nameStops {
		if i := strings.Index(obj, stop); i >= 0 {
			obj = obj[:i]
		}
	}
	words := strings.Fields(obj)
	if len(words) == 0 || len(words) > 8 {
		return "", 0
	}
	start := -1
	for i, w := range words {
		if lx.descriptorWords[strings.ToLower(strings.Trim(w, ",.'’"))] {
			start = i + 1
		}
	}
	var taken []string
	if start > 0 && start < len(words) {
		taken = words[start:]
	} else {
		k := len(words)
		for k > 0 {
			w := strings.TrimSuffix(strings.TrimSuffix(words[k-1], "'s"), "’s")
			// "Brewline Coffee & Bakery": an ampersand between two
			// capitalised words joins one name.
			if w == "&" && k > 1 && k < len(words) {
				k--
				continue
			}
			// (A capital of any Latin script: "Ìmọ̀ Health", "Åsa Robotics".)
			// ("Tel Aviv-listed Ordo AI": not where it is or lists.)
			if !capitalOrDigit(w) || placeOrBacker(strings.ToLower(w)) {
				break
			}
			k--
		}
		taken = words[k:]
	}
	if len(taken) == 0 || len(taken) > 5 {
		return "", 0
	}
	name := strings.Trim(strings.Join(taken, " "), ",.;:'’\"")
	name = strings.TrimSuffix(strings.TrimSuffix(name, "'s"), "’s")
	// "takes controlling 70% stake": a count or a sum is no name.
	if name == "" || lx.notNames[strings.ToLower(name)] || lx.countOrSum(name) {
		return "", 0
	}
	i := strings.Index(trimmed, name)
	if i < 0 {
		return "", 0 // words joined by other white space
	}
	return name, off + i
}

// capitalOrDigit reports whether w opens with a capital letter, of any
// script, or a digit.
func capitalOrDigit(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r) || unicode.IsDigit(r)
}

// latinModelName drops the Chinese name a model's Latin name repeats:
// "可灵Kling 3.0" is Kling 3.0. A Latin part that is no word of its own
// ("混元T1") keeps the Chinese name.
func latinModelName(name string) string {
	i := strings.IndexFunc(name, func(r rune) bool { return r < utf8.RuneSelf })
	if i <= 0 || !hanOnly(name[:i]) {
		return name
	}
	rest := name[i:]
	w := rest
	if j := strings.IndexAny(rest, " -"); j >= 0 {
		w = rest[:j]
	}
	// (The Latin name opens with a word of three letters or more, with
	// its version after it or joined to it: "Qwen3.5", "GLM 5".)
	letters := strings.IndexFunc(w, func(r rune) bool { return !unicode.IsLetter(r) })
	if letters < 0 {
		letters = len(w)
	}
	if letters < 3 || !isLetters(w[:letters]) || !hasDigit(rest) {
		return name
	}
	return rest
}

// fields extracts the event's facts.
func (r *run) fields(et news.EventType, primary string) news.Fields {
	var f news.Fields
	switch et {
	case news.EventFunding, news.EventAcquisition, news.EventIPO:
		r.moneyFields(&f, et)
	}
	switch et {
	case news.EventFunding:
		r.investorFields(&f, primary)
	case news.EventAcquisition:
		acq, tgt := r.acquisitionParties()
		if acq != nil {
			f.Acquirer = acq.name
			r.decide("acquirer", acq.name, "named before the acquisition verb (after it when passive)", acq.span)
		}
		if tgt != nil {
			f.Target = tgt.name
			r.decide("target", tgt.name, "named after the acquisition verb (before it when passive)", tgt.span)
		}
	case news.EventModelRelease:
		if name, span, ok := r.modelName(); ok {
			if fam, ok := r.modelFamily(span); ok {
				f.Model = fam
				r.decide("model", fam, "the family of the models the headline names together", span)
			} else {
				f.Model = latinModelName(name)
				r.decide("model", f.Model, "the name the headline gives after the release verb, or a model family it names", span)
			}
		}
		if size, span, ok := r.modelSize(); ok {
			f.Parameters = size
			r.decide("parameters", size, "a size in parameters (\"70B\", \"1 trillion parameters\", \"2350亿参数\") outside sums of money", span)
		}
		if span, ok := r.openWeights(); ok {
			f.OpenWeights = true
			r.decide("open_weights", "true", "the text says the weights are published (open-source, open-weight, 开源) and nothing says they are not", span)
		}
	}
	return f
}

// moneyFields reads amount, currency, valuation and round from the
// headline, else the lead, else the rest of the summary.
func (r *run) moneyFields(f *news.Fields, et news.EventType) {
	valuationCurrency := ""
	defer func() {
		// "hits $10.3B valuation": with no sum raised, the currency is
		// the valuation's.
		if f.Currency == "" && f.Valuation > 0 && (et == news.EventFunding || et == news.EventIPO) {
			f.Currency = valuationCurrency
		}
	}()
	// (Debt has no round's letter: the headline says so once for both
	// parts.)
	lettered := et == news.EventFunding && !r.debtHeadline()
	for _, part := range []part{partTitle, partSummary} {
		text := r.d.parts[part]
		if text == "" {
			continue
		}
		amounts := r.amountsIn(part)
		// "puts €1.3bn into Mistral AI as part of €1.7bn Series C": the
		// sum the round is named with is the round's.
		if et == news.EventFunding {
			for i, a := range amounts {
				if i > 0 && !a.other && !a.valuation && r.roundAfter(part, a.end) {
					amounts = append([]amount{a}, append(append([]amount{}, amounts[:i]...), amounts[i+1:]...)...)
					break
				}
			}
		}
		// "Fresh off a $150M Series C, Orrin Voice acquires …": a sum in
		// a clause of what happened before is not this deal's, when the
		// part has another or the deal is a purchase.
		bg := make([]bool, len(amounts))
		fresh := false
		for i, a := range amounts {
			bg[i] = r.backgroundSpan(part, a.start, a.end) && !(a.valuation && et == news.EventFunding && r.roundValued(part, a))
			fresh = fresh || !bg[i] && !a.other && !a.valuation
		}
		for i, a := range amounts {
			span := news.Span{Part: part.String(), Start: a.start, End: a.end, Text: text[a.start:a.end]}
			if a.other || bg[i] && (fresh || et == news.EventAcquisition) {
				continue
			}
			// An IPO's sum is what the offering raises, not revenue or a
			// share price: it stands by an offering word.
			if et == news.EventIPO && !a.valuation && !r.offeringMoney(part, a) {
				continue
			}
			// "in a deal valued at about $850 million": what the deal is
			// valued at is its price.
			if a.valuation && et == news.EventAcquisition && f.Currency == "" && r.dealValued(part, a) {
				f.Amount, f.Currency = a.value, a.currency
				f.AmountUSD = r.c.lex.toUSD(a.value, a.currency, r.date)
				r.decide("amount", strconv.FormatFloat(a.value, 'f', 0, 64)+" "+a.currency, "the sum the deal is valued at", span)
				continue
			}
			if a.valuation {
				if f.Valuation == 0 && a.value > 0 && (f.Currency == "" || f.Currency == a.currency) {
					f.Valuation, valuationCurrency = a.value, a.currency
					f.ValuationUSD = r.c.lex.toUSD(a.value, a.currency, r.date)
					r.decide("valuation", strconv.FormatFloat(a.value, 'f', 0, 64)+" "+a.currency, "a sum the text calls a valuation", span)
				}
				continue
			}
			if f.Currency != "" {
				continue
			}
			f.Amount, f.Currency = a.value, a.currency
			f.AmountUSD = r.c.lex.toUSD(a.value, a.currency, r.date)
			value := "undisclosed"
			if a.value > 0 {
				value = strconv.FormatFloat(a.value, 'f', 0, 64) + " " + a.currency
			}
			r.decide("amount", value, "the first sum of money in the "+part.String()+" that is not a valuation", span)
		}
		if lettered && f.Round == "" {
			if round, at, ok := r.roundIn(part); ok {
				f.Round = round
				why := "round named in the " + part.String()
				if round == "unknown" {
					why = "a total over the rounds named in the " + part.String()
				}
				r.decide("round", round, why, news.Span{Part: part.String(), Start: at[0], End: at[1], Text: text[at[0]:at[1]]})
			}
		}
	}
	if et == news.EventFunding && f.Round == "" {
		f.Round = "unknown"
		r.decide("round", "unknown", "no round named")
	}
	if et == news.EventAcquisition {
		f.Valuation, f.ValuationUSD = 0, 0
	}
}

// debtHeadline reports a headline whose money is a loan or a debt
// facility ("adds $25M venture debt facility", "获20亿元银团贷款"): debt
// has no round's letter, whatever round the lead recalls.
func (r *run) debtHeadline() bool {
	// ("raises $80M Series C to put AI underwriting behind credit lines":
	// a round the headline names is the round.)
	if _, _, ok := r.roundIn(partTitle); ok {
		return false
	}
	title := r.d.folded[partTitle]
	for _, w := range debtWords {
		if strings.Contains(title, w) {
			return true
		}
	}
	return false
}

// debtWords name borrowed money (lower case).
var debtWords = []string{"venture debt", "term loan", "credit facility", "debt facility", "credit line", "line of credit",
	"debt financing", "授信", "贷款"}

// dealValued reports a sum the text calls a valuation of the deal, not of
// a company: "a deal valued at $850 million", "the transaction values
// Lumora at …" is a company's.
func (r *run) dealValued(part part, a amount) bool {
	all := strings.ToLower(r.d.parts[part][max(0, a.start-60):a.start])
	before := all
	if i := strings.LastIndexAny(before, ",;.，；。"); i >= 0 {
		before = before[i:]
		// "the deal, valued at more than $2 billion": an aside after
		// the deal's noun.
		if strings.HasPrefix(before, ", valued") || strings.HasPrefix(before, ", worth") {
			head := strings.TrimRight(all[:i], " ")
			for _, w := range []string{"deal", "transaction", "acquisition", "takeover", "purchase"} {
				if strings.HasSuffix(head, " "+w) {
					return true
				}
			}
		}
	}
	for _, w := range []string{"deal valued", "transaction valued", "acquisition valued", "takeover valued", "purchase valued", "deal worth", "transaction worth"} {
		if strings.Contains(before, w) {
			return true
		}
	}
	return false
}

// roundValued reports a valuation told in a relative clause of the round
// itself: "a $180 million Series B …, which values Osmund at $1.4
// billion", "the round, which would value the company at …".
func (r *run) roundValued(part part, a amount) bool {
	text := r.d.parts[part]
	cl := r.clauseSpan(hit{part: part, start: a.start, end: a.end})
	if cl[0] < 2 {
		return false
	}
	opener := strings.ToLower(strings.TrimLeft(text[cl[0]:a.start], " "))
	if !strings.HasPrefix(opener, "which ") && !strings.HasPrefix(opener, "that ") {
		return false
	}
	head := strings.TrimRight(text[:cl[0]], " ,")
	words := strings.Fields(head)
	if len(words) == 0 {
		return false
	}
	last := strings.ToLower(words[len(words)-1])
	if r.roundAfter(part, max(0, len(head)-len(words[len(words)-1])-1)) {
		return true
	}
	for _, w := range r.c.lex.roundNouns {
		if last == w {
			return true
		}
	}
	return false
}

// roundAfter reports a round's name or noun right after a sum: "€1.7bn
// Series C", "$40 million seed round", "5000万元天使轮".
func (r *run) roundAfter(part part, end int) bool {
	text := r.d.parts[part]
	rest := text[end:min(len(text), end+24)]
	if round, at, ok := r.c.lex.findRound(rest); ok && round != "" && strings.TrimSpace(rest[:at[0]]) == "" {
		return true
	}
	lower := strings.ToLower(strings.TrimSpace(rest))
	for _, w := range r.c.lex.roundNouns {
		if strings.HasPrefix(lower, w) {
			return true
		}
	}
	return false
}

// offeringMoney reports whether a sum is what an offering raises: an
// offering word stands in the same clause before it ("raising $1.1
// billion", "IPO to raise", "拟募资") or right after it ("$1.5 billion IPO").
func (r *run) offeringMoney(part part, a amount) bool {
	text, lower := r.d.parts[part], r.d.folded[part]
	h := hit{part: part, start: a.start, end: a.end}
	cl := r.clauseOf(h)
	before := lower[max(cl[0], a.start-48):a.start]
	for _, w := range r.c.lex.offeringBefore {
		if strings.Contains(before, w) {
			return true
		}
	}
	after := strings.TrimSpace(lower[a.end:min(len(text), a.end+24)])
	for _, w := range r.c.lex.offeringAfter {
		if strings.HasPrefix(after, w) {
			return true
		}
	}
	return false
}

// modelName reads the released model's name from the headline: the
// capitalised or versioned words after the release verb ("releases Mistral
// Large 3 with …", "开源DeepSeek-V3模型", "推出…“可灵”").
func (r *run) modelName() (string, news.Span, bool) {
	name, span, ok := r.modelNameAsWritten()
	if !ok {
		return name, span, ok
	}
	// "NVIDIA Nemotron 4 Ultra": the maker, then a model of its that the
	// taxonomy knows; the maker is the primary company, not the name.
	title := r.d.parts[partTitle]
	for _, m := range r.mentions {
		if m.part != partTitle || m.kind != refCompany || m.unit >= 0 || m.start != span.Start || m.end+1 >= span.End || title[m.end] != ' ' {
			continue
		}
		for _, u := range r.mentions {
			if u.part == partTitle && u.kind == refCompany && u.unit >= 0 && u.idx == m.idx && u.start == m.end+1 {
				span.Start = u.start
				span.Text = title[span.Start:span.End]
				return span.Text, span, true
			}
		}
	}
	return name, span, ok
}

// modelNameAsWritten is modelName with the maker's name as the headline
// writes it.
func (r *run) modelNameAsWritten() (string, news.Span, bool) {
	title := r.d.parts[partTitle]
	// The model the frame that holds names: its object ("releases Llama
	// 3"), or its doer ("Llama 3 arrives").
	if p := r.predicateOf(news.EventModelRelease, partTitle); p != nil {
		cands := []arg{p.reading.object}
		if p.frame.object == 0 {
			cands = append(cands, p.reading.subject) // "Llama 3 arrives"
		}
		for _, a := range cands {
			if a.kind != kModel || a.start >= a.end || a.end > len(title) {
				continue
			}
			// ("releases Japanese model": a people's adjective says whose
			// language, not which model.)
			// ("Previews Granite 5": the object read without its version.)
			if name, at := r.c.lex.modelTokens(title, a.start); name != "" && !sizeToken(name) && (at+len(name) <= a.end+1 || at == a.start && versionToken(strings.TrimSpace(title[a.end:at+len(name)]))) && !r.c.lex.peoples[strings.ToLower(name)] {
				name, at = r.c.lex.trimOpener(name, at)
				name, at = r.withFamily(name, at)
				return name, news.Span{Part: partTitle.String(), Start: at, End: at + len(name), Text: name}, true
			}
			// ("可灵3.0模型正式上线": the doer read is the family's name; its
			// version follows it.)
			if name, at := r.familyVersion(a.start, min(len(title), max(a.end, a.start+1)+12)); name != "" {
				return name, news.Span{Part: partTitle.String(), Start: at, End: at + len(name), Text: name}, true
			}
		}
	}
	lower := r.d.folded[partTitle] // same offsets as title
	for _, v := range r.c.lex.releaseVerbs {
		i := strings.Index(lower, v)
		if i < 0 || !boundaryOK(title, i, i+len(v)) {
			continue
		}
		rest := title[i+len(v):]
		start := i + len(v) + (len(rest) - len(strings.TrimLeft(rest, " ")))
		if name, at, ok := quotedName(title, start); ok {
			return name, news.Span{Part: partTitle.String(), Start: at, End: at + len(name), Text: name}, true
		}
		if name, at := r.c.lex.modelTokens(title, start); name != "" && !r.c.lex.peoples[strings.ToLower(name)] {
			name, at = r.withFamily(name, at)
			return name, news.Span{Part: partTitle.String(), Start: at, End: at + len(name), Text: name}, true
		}
	}
	// "Inkling: Our open-weights model": a company's own post names its
	// model before the colon.
	if i := strings.Index(title, ": "); i > 0 {
		head, rest := title[:i], strings.ToLower(title[i+2:])
		if len(strings.Fields(head)) <= 2 && isCapital(head) && latinOnly(head) && !r.c.tax.CommonWords[strings.ToLower(head)] &&
			(strings.HasPrefix(rest, "our ") || strings.HasPrefix(rest, "a new ") || strings.HasPrefix(rest, "an open")) && strings.Contains(rest, "model") &&
			!slices.ContainsFunc(r.mentions, func(m mention) bool { return m.part == partTitle && m.start < i }) && !r.leadDoer(head) {
			return head, news.Span{Part: partTitle.String(), Start: 0, End: i, Text: head}, true
		}
	}
	// No verb names it: the first capitalised name with a version number
	// ("Google's Gemini 1.5 Pro brings …").
	for i := 0; i < len(title); i++ {
		if c := title[i]; c < 'A' || c > 'Z' || (i > 0 && isWordRune(rune(title[i-1]))) {
			continue
		}
		if name, at := r.c.lex.modelTokens(title, i); strings.ContainsAny(name, "0123456789") {
			name, at = r.c.lex.trimOpener(name, at)
			return name, news.Span{Part: partTitle.String(), Start: at, End: at + len(name), Text: name}, true
		}
	}
	return "", news.Span{}, false
}

// leadDoer reports a name the lead puts before a verb of releasing or
// making: "Halvex released …" makes Halvex a company.
func (r *run) leadDoer(name string) bool {
	sum := r.d.parts[partSummary]
	for off := 0; ; {
		i := strings.Index(sum[off:], name+" ")
		if i < 0 {
			return false
		}
		at := off + i + len(name) + 1
		w := strings.ToLower(firstWord(sum[at:]))
		if slices.ContainsFunc([]string{"releas", "launch", "unveil", "introduc", "open-sourc", "ship", "debut", "announc", "builds", "makes", "develops"}, func(p string) bool { return strings.HasPrefix(w, p) }) {
			return true
		}
		off = at
	}
}

// withFamily puts back the Han family name that modelTokens skips as a
// description when the taxonomy knows it as a model: "混元T2" and
// "文心大模型5.0" are the headline's names, "T2" and "5.0" are versions.
func (r *run) withFamily(name string, at int) (string, int) {
	for _, m := range r.mentions {
		if m.end == at && r.hanModelFamily(m) {
			return r.d.parts[partTitle][m.start : at+len(name)], m.start
		}
	}
	return name, at
}

// hanModelFamily reports a headline's Han name of a model the taxonomy
// knows: 混元, 文心大模型, 可灵; a lab's own name (阶跃星辰) is its
// maker's, not its model's.
func (r *run) hanModelFamily(m mention) bool {
	return m.part == partTitle && hanAt(m.text, 0) && r.c.layerOf(m.ref) == news.LayerModel && m.unit >= 0
}

// familyVersion reads a model named by a Han family the taxonomy knows
// and a bare version glued to it, inside title[from:to]: "可灵3.0" in
// "可灵3.0视频生成模型", where the version alone is no name.
func (r *run) familyVersion(from, to int) (string, int) {
	title := r.d.parts[partTitle]
	for _, m := range r.mentions {
		if m.start < from || m.end >= to || !r.hanModelFamily(m) {
			continue
		}
		j := m.end
		for j < to && (isDigit(title[j]) || title[j] == '.' || title[j] >= 'A' && title[j] <= 'Z' || title[j] >= 'a' && title[j] <= 'z') {
			j++
		}
		if v := title[m.end:j]; versionToken(v) {
			return title[m.start:j], m.start
		}
	}
	return "", 0
}

// trimOpener drops a headline opener before a model's name: "Introducing
// GPT-5.5" names GPT-5.5.
func (lx *lexicon) trimOpener(name string, at int) (string, int) {
	first, rest, ok := strings.Cut(name, " ")
	if ok && rest != "" && lx.headlineOpeners[strings.ToLower(first)] {
		return rest, at + len(first) + 1
	}
	return name, at
}

// modelFamily reads the family when the headline names two models of it
// together: "gpt-oss-120b and gpt-oss-20b" → "gpt-oss", "Llama 4 Scout
// and Maverick" → "Llama 4".
func (r *run) modelFamily(span news.Span) (string, bool) {
	title := r.d.parts[partTitle]
	name := span.Text
	rest, ok := strings.CutPrefix(title[span.End:], " and ")
	if !ok {
		rest, ok = strings.CutPrefix(title[span.End:], " & ")
	}
	if !ok || rest == "" {
		return "", false
	}
	second, _, _ := strings.Cut(rest, " ")
	second = strings.TrimRight(second, ",;:")
	if second == "" {
		return "", false
	}
	// The same prefix, up to a hyphen or a space, then two sizes:
	// "gpt-oss-120b" and "gpt-oss-20b" (not "GPT-5" and "GPT-4o").
	n := 0
	for n < len(name) && n < len(second) && name[n] == second[n] {
		n++
	}
	if i := strings.LastIndexAny(name[:n], "- "); i > 0 && n < len(name) &&
		sizeToken(strings.ToUpper(name[i+1:])) && sizeToken(strings.ToUpper(second[i+1:])) {
		return name[:i], true
	}
	// Two variants of one version: "Claude Opus 4 and Sonnet 4" →
	// "Claude 4".
	words := strings.Fields(name)
	if more := strings.Fields(rest); len(words) >= 3 && len(more) >= 2 && hasDigit(words[len(words)-1]) &&
		strings.TrimRight(more[1], ",;:") == words[len(words)-1] && isCapital(more[0]) {
		return words[0] + " " + words[len(words)-1], true
	}
	// A variant word after a versioned family, then another variant:
	// "Llama 4 Scout and Maverick".
	if isCapital(second) && !hasDigit(second) {
		if i := strings.LastIndexByte(name, ' '); i > 0 && hasDigit(name[:i]) && !hasDigit(name[i+1:]) {
			return name[:i], true
		}
	}
	return "", false
}

// sizeToken reports a parameter count written alone: "8B", "70B".
func sizeToken(s string) bool {
	s = strings.TrimSpace(s)
	if len(s) < 2 || strings.ContainsRune(s, ' ') {
		return false
	}
	last := s[len(s)-1]
	return (last == 'B' || last == 'M' || last == 'T') && strings.Trim(s[:len(s)-1], "0123456789.x") == ""
}

// quotedName returns a name in quotes soon after start: “可灵”, 「Kimi」.
func quotedName(s string, start int) (string, int, bool) {
	rest := s[start:]
	for _, q := range [][2]string{{"“", "”"}, {"「", "」"}, {"\"", "\""}, {"《", "》"}} {
		i := strings.Index(rest, q[0])
		if i < 0 || utf8.RuneCountInString(rest[:i]) > 12 {
			continue
		}
		j := strings.Index(rest[i+len(q[0]):], q[1])
		if j <= 0 || utf8.RuneCountInString(rest[i+len(q[0]):i+len(q[0])+j]) > 24 {
			continue
		}
		at := start + i + len(q[0])
		return s[at : at+j], at, true
	}
	return "", 0, false
}

// modelDocWords are the words after a model's name that name a document
// about it ("Wren-2 Technical Report", "Lumen 3 System Card") or the way
// it is served ("混元T2 API").
var modelDocWords = map[string]bool{"technical": true, "report": true, "paper": true, "card": true, "whitepaper": true,
	"review": true, "tutorial": true, "guide": true, "explained": true, "api": true, "apis": true}

// modelParts are what a model's possessive owns: "Grok 3's weights".
var modelParts = map[string]bool{"weights": true, "checkpoint": true, "checkpoints": true, "licence": true, "license": true, "tokenizer": true}

// modelTokens reads a model name at s[start:]: words that start with a
// capital or hold a digit, plus size and tier words; a Han descriptor in
// front ("推理模型DeepSeek-R1") is skipped.
func (lx *lexicon) modelTokens(s string, start int) (string, int) {
	i := start
	// Skip up to a few Han characters of description before a Latin name.
	for n := 0; i < len(s) && n < 12; n++ {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !unicode.Is(unicode.Han, r) {
			break
		}
		i += size
	}
	// ("可灵 3.0": a space may part a Chinese name from its version.)
	if i > start && i+1 < len(s) && s[i] == ' ' && s[i+1] >= '0' && s[i+1] <= '9' {
		i++
	}
	begin := i
	end := i
	var words int
	for end < len(s) {
		j := end
		for j < len(s) && s[j] != ' ' && s[j] != ',' && s[j] != ':' && s[j] != ';' {
			if s[j] < utf8.RuneSelf {
				j++
				continue
			}
			// "Ondé-3B": a Latin letter with an accent stays in the
			// name; Han text and CJK punctuation end it.
			r, size := utf8.DecodeRuneInString(s[j:])
			if !unicode.Is(unicode.Latin, r) {
				break
			}
			j += size
		}
		w := s[end:j]
		if strings.HasSuffix(w, "'s") || strings.HasSuffix(w, "’s") {
			// ("Grok 3's weights": a model's own parts after it.)
			if next := strings.ToLower(firstWord(strings.TrimLeft(s[j:], " "))); modelParts[strings.Trim(next, ",.;:")] {
				cut := len("'s")
				if strings.HasSuffix(w, "’s") {
					cut = len("’s")
				}
				end = j - cut
				words++
				break
			}
			// "Google's Gemini 1.5": the owner, then the name.
			end, begin, words = j, j, 0
			for end < len(s) && s[end] == ' ' {
				end++
				begin++
			}
			continue
		}
		if w == "" || strings.Contains(strings.ToLower(w), "param") {
			break
		}
		// ("Wren-2 Technical Report": a document about the model.)
		if words > 0 && modelDocWords[strings.ToLower(w)] {
			break
		}
		// ("Nemotron 4 Ultra Is Now Available": a title case's verb
		// ends the name.)
		if words > 0 && (titleNameStops[strings.ToLower(w)] || lx.verbWord(w)) {
			break
		}
		// ("Nimbus 5 For Agent Traffic": once a number has been read, a
		// title case's preposition ends the name.)
		if words > 0 && titlePrepositions[strings.ToLower(w)] && strings.ContainsAny(s[begin:end], "0123456789") {
			break
		}
		// "6710亿参数": a number that runs into Han text is a size.
		// ("Seedance 2.0视频生成模型": a decimal after a name is its
		// version.)
		// ("Claude 5发布": nor is a whole number after a name that no
		// unit of count follows.)
		if next, _ := utf8.DecodeRuneInString(s[j:]); unicode.Is(unicode.Han, next) && !strings.ContainsAny(w, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz") &&
			!(words > 0 && (strings.Contains(w, ".") || !strings.ContainsRune("亿万千百十个款位倍年月日岁", next))) {
			break
		}
		first := w[0]
		hasDigit := strings.ContainsAny(w, "0123456789")
		if !(first >= 'A' && first <= 'Z' || hasDigit || (words == 0 && strings.Contains(w, "-") && !lx.modelDescriptors[strings.ToLower(w)]) || (words > 0 && lx.modelWords[strings.ToLower(w)])) {
			break
		}
		words++
		end = j
		if end < len(s) && s[end] == ' ' && words < 5 {
			end++
			continue
		}
		break
	}
	// ("previews 'Avalon' model": the closing quote is no part of it.)
	name := strings.TrimRight(s[begin:end], " '’\"”")
	if name == "" || (!strings.ContainsAny(name, "0123456789") && !strings.ContainsAny(name, " -")) && words < 1 {
		return "", 0
	}
	// "阿里发布AI音乐模型HappyShrimp": "AI" says what kind of model, it
	// names none; the name may follow.
	if genericModelWords[strings.ToUpper(name)] {
		return lx.modelTokens(s, begin+len(name))
	}
	// "发布云帧2.5", "发布视频大模型云帧-R": a version or a suffix after a
	// Chinese name is that name's; the words before it that say what kind
	// of model it is are not.
	if c := name[0]; (c >= '0' && c <= '9' || c == '-') && begin > start {
		han := s[start:begin]
		for _, w := range []string{"模型", "的", "款", "代", "版"} {
			if i := strings.LastIndex(han, w); i >= 0 {
				han = han[i+len(w):]
			}
		}
		if n := utf8.RuneCountInString(han); n >= 2 && n <= 4 {
			return han + name, begin - len(han)
		}
		// "发布盘古具身智能大模型 2.0": a version right after the word for a
		// model versions the whole name before it; a version alone names
		// nothing.
		whole := s[start:begin]
		if w := strings.TrimRight(whole, " "); strings.HasSuffix(w, "模型") && utf8.RuneCountInString(w) <= 12 && utf8.RuneCountInString(w) > 3 {
			return whole + name, start
		}
		if c >= '0' && c <= '9' {
			return "", 0
		}
	}
	return name, begin
}

// genericModelWords say what kind a model is without naming one.
var genericModelWords = map[string]bool{"AI": true, "LLM": true, "AIGC": true, "AGI": true, "GPU": true, "3D": true, "AR": true, "VR": true}

// investorFields fills investors and lead investors: the names read from
// lists of investors, then investors the taxonomy knows named elsewhere
// in the headline or lead. One investor alone provides the round, so it
// leads; one corporation alone makes the round strategic.
func (r *run) investorFields(f *news.Fields, primary string) {
	type inv struct {
		name          string
		lead, company bool
		canon         string // the lists' name, when they know the investor
	}
	var list []inv
	seen := map[string]bool{}
	for _, n := range r.investorList {
		if strings.EqualFold(n.name, primary) || seen[strings.ToLower(n.name)] {
			continue
		}
		seen[strings.ToLower(n.name)] = true
		if n.canon != "" {
			// A state fund keeps the text's name; its other spellings
			// in the article are the same fund.
			seen[strings.ToLower(n.canon)] = true
		}
		list = append(list, inv{n.name, n.lead, n.company, n.canon})
	}
	for _, m := range r.mentions {
		if !m.investor || m.name == primary || (m.part == partSummary && r.weight(m.part, m.start) != wLead) || m.part == partBody {
			continue
		}
		name := r.investorText(m)
		covered := false
		for _, n := range r.investorList {
			for _, sp := range n.spans() {
				if sp.Part == m.part.String() && m.start >= sp.Start && m.end <= sp.End {
					covered = true
				}
			}
		}
		if covered || seen[strings.ToLower(name)] || seen[strings.ToLower(m.name)] {
			continue
		}
		seen[strings.ToLower(name)] = true
		list = append(list, inv{name, m.lead, r.corporate(m), m.name})
	}
	// Two people named as one ("Nat Friedman and Daniel Gross") are two
	// investors.
	var split []inv
	for _, i := range list {
		if a, b, ok := strings.Cut(i.name, " and "); ok && personShaped(a) && personShaped(b) {
			split = append(split, inv{a, i.lead, false, ""}, inv{b, i.lead, false, ""})
			continue
		}
		split = append(split, i)
	}
	list = split
	// One investor written two ways ("Kestrel Ridge" in the headline,
	// "Kestrel Ridge Ventures" in the lead; "Daniel Gross", then "Gross")
	// is listed once, by its fuller name, leading if either says so.
	merged := list[:0]
	for _, i := range list {
		dup := false
		for k := range merged {
			a, b := merged[k].name, i.name
			// ("MUFG" in the headline, "Mitsubishi UFJ Financial Group" in
			// the lead: one investor the lists know, named first as the
			// headline does.)
			if merged[k].canon != "" && strings.EqualFold(merged[k].canon, i.canon) && !wordPrefix(a, b) {
				merged[k].lead = merged[k].lead || i.lead
				dup = true
				break
			}
			if strings.EqualFold(a, b) || wordPrefix(a, b) || wordPrefix(b, a) || surnameOf(a, b) || surnameOf(b, a) {
				if len(b) > len(a) {
					merged[k].name = b
				}
				merged[k].lead = merged[k].lead || i.lead
				dup = true
				break
			}
		}
		if !dup {
			merged = append(merged, i)
		}
	}
	list = merged
	anyLead := false
	for _, i := range list {
		anyLead = anyLead || i.lead
	}
	for _, i := range list {
		f.Investors = append(f.Investors, i.name)
		// One investor alone provides the round, so it leads, unless the
		// text says it takes part ("阿里参投", "Nvidia participated").
		if i.lead || (len(list) == 1 && !anyLead && !r.takesPart(i.name)) {
			f.LeadInvestors = append(f.LeadInvestors, i.name)
		}
	}
	if len(list) > 0 {
		r.decide("investors", strings.Join(f.Investors, ", "), "named in lists of investors or known as investors")
	}
	// A strategic round: one corporation provides it (not one named among
	// others, "participates"), and the text says so: the word strategic,
	// or a stake or investment the corporation puts into the company.
	single := len(list) == 1 && list[0].company && (list[0].lead || !anyLead) && !r.takesPart(list[0].name) &&
		(r.funded != nil || r.fundedByObject || r.mentionsStrategic() || r.fundsCompanyObject())
	switch {
	case single && (f.Round == "" || f.Round == "unknown" || f.Round == "strategic"):
		f.Round = "strategic"
		r.decide("round", "strategic", "one corporation, "+list[0].name+", provides the round")
	case f.Round == "strategic" && !single:
		f.Round = "unknown"
		r.decide("round", "unknown", "a strategic round from several investors, or none named, has no letter")
	}
}

// personShaped reports a name written like a person's: two or three
// capitalised Latin words ("Nat Friedman").
func personShaped(s string) bool {
	f := strings.Fields(s)
	if len(f) < 2 || len(f) > 3 || !latinOnly(s) {
		return false
	}
	for _, w := range f {
		if !isCapital(w) || hasDigit(w) {
			return false
		}
	}
	return true
}

// surnameOf reports b, one word, as the surname of a, a person's name:
// "Gross" of "Daniel Gross".
func surnameOf(a, b string) bool {
	return !strings.Contains(b, " ") && personShaped(a) && strings.HasSuffix(a, " "+b)
}

// wordPrefix reports whether a is b's first words: "Kestrel Ridge" of
// "Kestrel Ridge Ventures".
func wordPrefix(a, b string) bool {
	if len(a) >= len(b) || !strings.HasPrefix(strings.ToLower(b), strings.ToLower(a)) {
		return false
	}
	// Han names have no spaces: "中关村科学城" of "中关村科学城公司".
	return b[len(a)] == ' ' || !latinOnly(a) && utf8.RuneCountInString(a) >= 3
}

// mentionsStrategic reports whether the headline or lead calls the
// investment strategic.
func (r *run) mentionsStrategic() bool {
	for _, part := range []part{partTitle, partSummary} {
		t := r.d.folded[part]
		if strings.Contains(t, "strategic") || strings.Contains(t, "战略") {
			return true
		}
	}
	return false
}

// fundsCompanyObject reports whether a held funding frame of the headline
// puts money into a company it names as its object ("腾讯入股「心跳回声」").
func (r *run) fundsCompanyObject() bool {
	return r.predicateWhere(news.EventFunding, partTitle, func(q *predicate) bool {
		return q.frame.object.has(kOrg) && (q.reading.object.kind == kOrg || q.reading.object.kind == kName)
	}) != nil
}

// takesPart reports whether a phrase of taking part names the investor
// ("阿里参投", "Nvidia participated"): it does not provide the round.
func (r *run) takesPart(name string) bool {
	for _, n := range r.investorList {
		if (n.name == name || n.canon == name) && n.part {
			return true
		}
	}
	return false
}

// titleNameStops are words a title-case headline capitalises after a
// model's name that are none of it.
// titlePrepositions end a model's name in a title-case headline once its
// number has been read.
var titlePrepositions = map[string]bool{"for": true, "to": true, "with": true, "in": true, "on": true, "from": true,
	"at": true, "by": true, "into": true, "as": true, "vs": true, "versus": true, "across": true, "via": true}

var titleNameStops = map[string]bool{"is": true, "are": true, "was": true, "now": true, "gets": true, "has": true,
	"will": true, "can": true, "arrives": true, "lands": true, "comes": true, "goes": true, "available": true, "and": true}
