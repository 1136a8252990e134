package classify

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/mozillazg/go-pinyin"
)

// Chinese names of companies the taxonomy does not know are written in
// Latin letters, the way English-language news and the taxonomy's
// canonical names write them: the name in pinyin, in words of two
// syllables (three make one word), and the company word in English ("深语智能" → "Shenyu
// Intelligence", "恒信股份" → "Hengxin"). One company then has one name
// whichever language reports it, so its Chinese and English reports
// merge into one event.

// romanName writes a Han company name in Latin letters; names with Latin
// letters are returned as they are.
func (lx *lexicon) romanName(zh string) string {
	zh = strings.TrimSpace(zh)
	if zh == "" || latinOnly(zh) {
		return zh
	}
	core, suffix := lx.zhShortName(zh), ""
	for _, w := range lx.zhCompanyWords {
		if strings.HasSuffix(core, w.ZH) && len(core) > len(w.ZH) {
			core, suffix = strings.TrimSuffix(core, w.ZH), w.EN
			break
		}
	}
	var words []string
	var syl []string
	flush := func() {
		// "码上飞" → "Mashangfei": a name of three syllables is one word.
		if len(syl) == 3 {
			words = append(words, upperFirst(strings.Join(syl, "")))
			syl = syl[:0]
			return
		}
		for i := 0; i < len(syl); i += 2 {
			w := syl[i]
			if i+1 < len(syl) {
				w += syl[i+1]
			}
			words = append(words, upperFirst(w))
		}
		syl = syl[:0]
	}
	args := pinyin.NewArgs()
	for i := 0; i < len(core); {
		r, n := utf8.DecodeRuneInString(core[i:])
		if unicode.Is(unicode.Han, r) {
			if p, ok := nameReadings[r]; ok {
				syl = append(syl, p)
			} else if p := pinyin.SinglePinyin(r, args); len(p) > 0 {
				syl = append(syl, p[0])
			}
			i += n
			continue
		}
		// Latin letters or digits inside the name stay as written.
		flush()
		j := i
		for j < len(core) {
			r, n := utf8.DecodeRuneInString(core[j:])
			if unicode.Is(unicode.Han, r) {
				break
			}
			j += n
		}
		if w := strings.TrimSpace(core[i:j]); w != "" {
			words = append(words, w)
		}
		i = j
	}
	flush()
	if suffix != "" {
		words = append(words, suffix)
	}
	return strings.Join(words, " ")
}

// nameReadings are the readings characters of several take in names,
// where the dictionary's first is another's: 华晟 is Huasheng, 长鑫
// Changxin, 成都 Chengdu.
var nameReadings = map[rune]string{'晟': "sheng", '长': "chang", '曾': "zeng", '都': "du"}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// latinAlias returns the Latin name an article gives a Han name in
// brackets, either way round: "昆腾动力（Quantum Dynamics）", "Shentong
// Zhisuan (深瞳智算)"; "" when it gives none.
func latinAlias(text, zh string) string {
	for off := 0; ; {
		i := strings.Index(text[off:], zh)
		if i < 0 {
			return ""
		}
		at := off + i
		after := text[at+len(zh):]
		for _, open := range []string{"（", "(", "「", " (", "（"} {
			if strings.HasPrefix(after, open) {
				inner := after[len(open):]
				if j := strings.IndexAny(inner, ")）」"); j > 0 {
					if name := strings.TrimSpace(inner[:j]); latinOnly(name) && looksLikeLatinName(name) {
						return name
					}
				}
			}
		}
		before := strings.TrimRight(text[:at], " ")
		if strings.HasSuffix(before, "(") || strings.HasSuffix(before, "（") {
			b := strings.TrimRight(strings.TrimSuffix(strings.TrimSuffix(before, "("), "（"), " ")
			// The capitalised words before the bracket.
			words := strings.Fields(b)
			k := len(words)
			for k > 0 && k > len(words)-4 && isCapital(words[k-1]) {
				k--
			}
			if name := strings.Join(words[k:], " "); name != "" && latinOnly(name) && looksLikeLatinName(name) {
				return name
			}
		}
		off = at + len(zh)
	}
}

// looksLikeLatinName reports a short run of capitalised words.
func looksLikeLatinName(s string) bool {
	words := strings.Fields(s)
	// ("中文在线（300364.SZ）": a stock code is no name.)
	if len(words) == 0 || len(words) > 5 || tickerRE.MatchString(s) {
		return false
	}
	for _, w := range words {
		if !isCapital(w) && !hasDigit(w) {
			return false
		}
	}
	return true
}

// canonicalUnknown is the name a company the taxonomy does not know goes
// by: the Latin name the article brackets with it, else its Han name in
// pinyin.
func (r *run) canonicalUnknown(name string) string {
	// ("【曜芯科技…】": a flash's brackets are no part of a name.)
	name = strings.Trim(name, "【】 ")
	if latinOnly(name) {
		// ("Pro Rata: Meridian AI": a name follows a colon; "Lisbon's
		// Sorta": a place's possessive before it says where it is.)
		if _, after, ok := strings.Cut(name, ": "); ok && after != "" {
			name = after
		}
		for _, ps := range []string{"'s ", "’s "} {
			if place, rest, ok := strings.Cut(name, ps); ok && rest != "" && r.c.lex.notNames[strings.ToLower(place)] {
				name = rest
			}
		}
		name = r.c.lex.withoutLegalSuffix(name)
		// ("Hangzhou Yunqi Zhineng Technology": the city a Chinese legal
		// name opens with, in pinyin, is no part of the name it goes by.)
		if f := strings.Fields(name); len(f) >= 3 && chineseCities[f[0]] && pinyinWord(strings.ToLower(f[1])) {
			if _, ok := r.c.Canonical(name); !ok {
				name = strings.Join(f[1:], " ")
			}
		}
		// ("Glean", its mention put aside as ambiguous, is still the
		// company the lists know by that name.)
		if known, ok := r.c.Canonical(name); ok {
			return known
		}
		// ("Synthesia Technologies": a company the lists know, with the
		// word its legal name adds.)
		for _, w := range []string{" Technologies", " Technology", " Holdings"} {
			if short, ok := strings.CutSuffix(name, w); ok {
				if known, ok := r.c.Canonical(short); ok {
					return known
				}
			}
		}
		if full := r.fullerName(name); full != "" {
			return full
		}
		return name
	}
	// "灵犀动力LinxDrive", "LinxDrive灵犀动力": a Han name written with its
	// Latin brand is known by the brand.
	if brand := latinBrand(name); brand != "" {
		if known, ok := r.c.Canonical(brand); ok {
			return known
		}
		return brand
	}
	for _, p := range r.d.order {
		if alias := latinAlias(r.d.parts[p], name); alias != "" {
			return alias
		}
	}
	// "深圳云帆机器人完成…": the city before a name shaped like a company's
	// says where it is, and is no part of its name.
	if _, rest, ok := r.c.lex.cutPlace(name); ok && r.c.lex.zhSuffixedName(rest) {
		if _, known := r.c.Canonical(name); !known {
			name = rest
		}
	}
	return r.c.lex.romanName(name)
}

// latinBrand returns the Latin part of a name made of a Han part and a
// Latin word, in either order ("灵犀动力LinxDrive"), or "": a capitalised
// word of three letters or more, no digit in it (a model's "Writer-2" is
// no brand).
func latinBrand(name string) string {
	name = strings.TrimSpace(name)
	i := strings.IndexFunc(name, func(c rune) bool { return c < utf8.RuneSelf })
	if i < 0 {
		return ""
	}
	var han, latin string
	if i == 0 {
		j := strings.IndexFunc(name, func(c rune) bool { return c >= utf8.RuneSelf })
		if j < 0 {
			return ""
		}
		latin, han = name[:j], name[j:]
	} else {
		han, latin = name[:i], name[i:]
	}
	han, latin = strings.TrimSpace(han), strings.TrimSpace(latin)
	if !hanOnly(han) || utf8.RuneCountInString(han) < 2 || !latinOnly(latin) || strings.Contains(latin, " ") ||
		len(latin) < 3 || hasDigit(latin) || !isCapital(latin) || strings.ContainsAny(latin, "-_.") {
		return ""
	}
	return latin
}

// pinyinWord reports a word made of pinyin syllables: "zhiyuan",
// "lingxing" ("skyfarmer" is English).
func pinyinWord(w string) bool {
	ok := make([]bool, len(w)+1)
	ok[0] = true
	for i := 0; i < len(w); i++ {
		if !ok[i] {
			continue
		}
		for j := i + 1; j <= len(w) && j <= i+6; j++ {
			if pinyinSyllable(w[i:j]) {
				ok[j] = true
			}
		}
	}
	return len(w) > 0 && ok[len(w)]
}

var pinyinInitials = []string{"zh", "ch", "sh", "b", "p", "m", "f", "d", "t", "n", "l", "g", "k", "h", "j", "q", "x", "r", "z", "c", "s", "y", "w", ""}

var pinyinFinals = map[string]bool{"a": true, "o": true, "e": true, "i": true, "u": true, "v": true, "ai": true, "ei": true,
	"ui": true, "ao": true, "ou": true, "iu": true, "ie": true, "ue": true, "er": true, "an": true, "en": true, "in": true,
	"un": true, "ang": true, "eng": true, "ing": true, "ong": true, "ia": true, "iao": true, "ian": true, "iang": true,
	"iong": true, "ua": true, "uo": true, "uai": true, "uan": true, "uang": true, "ve": true}

// pinyinSyllable reports one syllable of pinyin without its tone.
func pinyinSyllable(s string) bool {
	for _, in := range pinyinInitials {
		if rest, ok := strings.CutPrefix(s, in); ok && pinyinFinals[rest] {
			return true
		}
	}
	return false
}

// chineseCities are the cities, in pinyin, that open Chinese companies'
// legal names.
var chineseCities = map[string]bool{"Beijing": true, "Shanghai": true, "Shenzhen": true, "Guangzhou": true, "Hangzhou": true,
	"Suzhou": true, "Nanjing": true, "Chengdu": true, "Wuhan": true, "Tianjin": true, "Chongqing": true, "Hefei": true,
	"Xiamen": true, "Qingdao": true, "Ningbo": true, "Wuxi": true, "Changsha": true, "Zhengzhou": true, "Jinan": true,
	"Zhuhai": true, "Dongguan": true, "Foshan": true, "Fuzhou": true, "Dalian": true, "Shenyang": true, "Changzhou": true,
	"Kunming": true, "Xi'an": true}

// fullerName reads the full name a summary gives a company that the
// headline names short: "Pelmora" in the headline, "Pelmora Cloud will
// use the money …" or "Shares of Tessel Robotics, which makes …" in the
// lead. The longer form counts only where a company stands: before an
// aside that says what it is, before a legal suffix, after "shares of",
// or opening a sentence before a verb; "moved onto Orrin Scheduler"
// names a product.
func (r *run) fullerName(name string) string {
	text := r.d.parts[partSummary]
	if text == "" {
		// A page without a feed summary: its lead.
		text = r.d.parts[partBody]
		text = text[:min(len(text), bodyLead)]
	}
	if text == "" || !isCapital(name) {
		return ""
	}
	for off := 0; ; {
		i := strings.Index(text[off:], name+" ")
		if i < 0 {
			return ""
		}
		at := off + i
		off = at + len(name)
		if at > 0 && isWordByte(text[at-1]) {
			continue
		}
		rest := text[at+len(name)+1:]
		w := rest
		if j := strings.IndexAny(rest, " ,.;:"); j >= 0 {
			w = rest[:j]
		}
		// ("Quillmark Technologies": the word a legal name adds makes no
		// fuller name.)
		if w == "" || !isCapital(w) || !latinOnly(w) || hasDigit(w) || r.c.lex.notNames[strings.ToLower(w)] || r.c.lex.legalSuffixes[strings.TrimSuffix(w, ".")] || r.c.lex.calendarWords[w] ||
			w == "Technologies" || w == "Holdings" {
			continue
		}
		full := name + " " + w
		after := rest[len(w):]
		before := strings.TrimRight(text[:at], " ")
		sentStart := before == "" || strings.HasSuffix(before, ".") || strings.HasSuffix(before, "…")
		switch {
		case slices.ContainsFunc(r.c.lex.nameAsides, func(a string) bool { return strings.HasPrefix(after, a) }),
			r.c.lex.legalSuffixes[firstWord(strings.TrimLeft(strings.TrimPrefix(after, ","), " "))],
			strings.HasSuffix(strings.ToLower(before), "shares of"),
			// ("pay Pelmora Labs $2 billion": a firm's ending.)
			r.c.lex.companySuffixes[w] && !r.c.lex.formalNameEndings[w],
			sentStart && r.c.lex.leadVerbs[firstWord(strings.TrimLeft(after, " "))]:
			return full
		}
	}
}

// withoutLegalSuffix drops the legal form from a company's name:
// "Ferrowind, Inc." goes by "Ferrowind".
func (lx *lexicon) withoutLegalSuffix(name string) string {
	// ("Acme Technology Co., Ltd.": two of them.)
	for n := 0; n < 2; n++ {
		i, ok := lx.legalSuffixAt(name)
		if !ok {
			return name
		}
		name = strings.TrimRight(name[:i], " ,")
	}
	return name
}

// legalSuffixAt reports whether name ends on a legal suffix ("Inc.",
// "Ltd"), and where the space before it is. A blank-cheque company goes
// by its legal name: "Harbor Acquisition Corp" ends on none.
func (lx *lexicon) legalSuffixAt(name string) (int, bool) {
	i := strings.LastIndexByte(name, ' ')
	if i <= 0 || !lx.legalSuffixes[strings.TrimSuffix(name[i+1:], ".")] || strings.HasSuffix(name[:i], " Acquisition") {
		return 0, false
	}
	return i, true
}

// cutPlace cuts the city or province a Chinese name opens with
// ("深圳云帆机器人" → 深圳, 云帆机器人); ok is false when it opens with none.
func (lx *lexicon) cutPlace(name string) (place, rest string, ok bool) {
	for _, p := range lx.zhPlacePrefixes {
		if rest, ok := strings.CutPrefix(name, p); ok {
			return p, rest, true
		}
	}
	return "", name, false
}

// zhShortName reduces a Chinese legal name to the name the company goes
// by: "北京星澜智航科技有限公司" is 星澜智航, "杭州灵瞳智能科技有限公司" 灵瞳智能.
// Other names are returned as they are.
func (lx *lexicon) zhShortName(zh string) string {
	core := zh
	for _, legal := range []string{"股份有限公司", "有限责任公司", "有限公司"} {
		if c, ok := strings.CutSuffix(core, legal); ok {
			core = c
			break
		}
	}
	if core == zh {
		return zh
	}
	if _, c, ok := lx.cutPlace(core); ok {
		c = strings.TrimPrefix(c, "市")
		if utf8.RuneCountInString(c) >= 2 {
			core = c
		}
	}
	for _, g := range lx.zhLegalGenerics {
		if c, ok := strings.CutSuffix(core, g); ok && utf8.RuneCountInString(c) >= 2 {
			core = c
			break
		}
	}
	return core
}
