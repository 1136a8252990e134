package charset

import (
	"bytes"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/saintfish/chardet"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/encoding/unicode/utf32"
	"golang.org/x/text/transform"
)

// How far into a document declarations are looked for. Pages put their
// <meta charset> after long <head> scripts, beyond the 1,024 bytes HTML
// prescanning allows, often enough to look further.
const declWindow = 8 << 10

// Result says how a document was decoded.
type Result struct {
	Text     []byte // UTF-8
	Encoding string // canonical name: "utf-8", "gb18030", "big5", "windows-1252", …
	// Source is what decided: "bom", "utf-8 bytes", "http", "declaration",
	// "sniffed" or "default".
	Source string
}

// Decode converts body to UTF-8. contentType is the HTTP header (may be
// empty). The trust order:
//
//  1. a byte-order mark;
//  2. bytes that are valid UTF-8 with no NULs are UTF-8, whatever a
//     declaration says (pages re-saved by a browser keep a stale
//     charset=gb2312; a Latin-1 prolog over UTF-8 bytes is common);
//  3. the charset in the HTTP Content-Type, unless it is Latin-1 (the
//     default servers send when nobody configured them) and the document
//     declares something else;
//  4. the XML declaration or the HTML <meta>;
//  5. bytes that are UTF-8 but for a few invalid ones, when nothing
//     but UTF-8 is declared;
//  6. statistical sniffing;
//  7. windows-1252.
//
// Bytes that are invalid in the chosen encoding become U+FFFD; the
// result is always valid UTF-8.
func Decode(body []byte, contentType string) Result {
	if enc, name, n := bomEncoding(body); enc != nil {
		return decodeWith(body[n:], enc, name, "bom")
	}
	// ISO-2022-JP is 7-bit, so valid UTF-8 too: its escapes give it away.
	if head := firstN(body, declWindow); bytes.Contains(head, []byte("\x1b$B")) || bytes.Contains(head, []byte("\x1b$@")) {
		enc, name := lookup("iso-2022-jp")
		return decodeWith(body, enc, name, "sniffed")
	}
	if !bytes.Contains(firstN(body, 4096), []byte{0}) && utf8.Valid(body) {
		return Result{Text: body, Encoding: "utf-8", Source: "utf-8 bytes"}
	}
	var declEnc encoding.Encoding
	var declName string
	if label := declaredCharset(firstN(body, declWindow)); label != "" {
		declEnc, declName = lookup(label)
	}
	if label := headerCharset(contentType); label != "" {
		if enc, name := lookup(label); enc != nil {
			// Servers that say nothing better send Latin-1 (or UTF-8, here
			// already disproved by the bytes): a document that declares
			// another charset knows better.
			weak := name == "windows-1252" || name == "utf-8"
			if !(weak && declEnc != nil && declName != name && declName != "utf-8") {
				return decodeWith(body, enc, name, "http")
			}
		}
	}
	if enc, name := utf16WithoutBOM(body); enc != nil {
		return decodeWith(body, enc, name, "sniffed")
	}
	if (declEnc == nil || declName == "utf-8") && mostlyUTF8(body) {
		// A UTF-8 feed with a few broken bytes (a field cut mid-character
		// by a CMS) is still UTF-8: sniffing would read all of it as a
		// legacy charset and garble every line to save a few bytes.
		return decodeWith(body, encoding.Nop, "utf-8", "utf-8 bytes")
	}
	if declEnc != nil && declName != "utf-8" {
		return decodeWith(body, declEnc, declName, "declaration")
	}
	if enc, name := sniff(body); enc != nil {
		return decodeWith(body, enc, name, "sniffed")
	}
	enc, name := lookup("windows-1252")
	return decodeWith(body, enc, name, "default")
}

// XML decodes an XML document and rewrites its declaration to say UTF-8,
// so that an XML parser does not convert it a second time.
func XML(body []byte, contentType string) Result {
	r := Decode(body, contentType)
	r.Text = rewriteXMLDecl(r.Text)
	return r
}

// mostlyUTF8 reports whether b reads as UTF-8 but for a few invalid
// bytes: at least four valid multi-byte characters for each run of
// invalid bytes. Text in a legacy charset seldom forms a valid multi-byte
// UTF-8 sequence (Latin-1, Cyrillic, GBK, Big5 and Shift_JIS bytes fail
// on nearly every character), so a Latin-1 document mislabelled as UTF-8
// is not taken for UTF-8.
func mostlyUTF8(b []byte) bool {
	var multi, runs int
	inRun := false
	for len(b) > 0 {
		if b[0] < utf8.RuneSelf {
			b, inRun = b[1:], false
			continue
		}
		r, n := utf8.DecodeRune(b)
		switch {
		case r != utf8.RuneError || n > 1:
			multi, inRun = multi+1, false
		case !inRun:
			runs, inRun = runs+1, true
		}
		b = b[n:]
	}
	return multi >= 4*runs
}

func firstN(b []byte, n int) []byte {
	if len(b) > n {
		return b[:n]
	}
	return b
}

func bomEncoding(b []byte) (encoding.Encoding, string, int) {
	switch {
	case bytes.HasPrefix(b, []byte{0xEF, 0xBB, 0xBF}):
		return encoding.Nop, "utf-8", 3
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE, 0, 0}):
		return utf32.UTF32(utf32.LittleEndian, utf32.IgnoreBOM), "utf-32le", 4
	case bytes.HasPrefix(b, []byte{0, 0, 0xFE, 0xFF}):
		return utf32.UTF32(utf32.BigEndian, utf32.IgnoreBOM), "utf-32be", 4
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE}):
		return unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), "utf-16le", 2
	case bytes.HasPrefix(b, []byte{0xFE, 0xFF}):
		return unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM), "utf-16be", 2
	}
	return nil, "", 0
}

// utf16WithoutBOM recognises "<" and "?" (or any ASCII) interleaved with
// NULs at the start of a document.
func utf16WithoutBOM(b []byte) (encoding.Encoding, string) {
	switch {
	case bytes.HasPrefix(b, []byte{'<', 0, 0, 0}):
		return utf32.UTF32(utf32.LittleEndian, utf32.IgnoreBOM), "utf-32le"
	case bytes.HasPrefix(b, []byte{0, 0, 0, '<'}):
		return utf32.UTF32(utf32.BigEndian, utf32.IgnoreBOM), "utf-32be"
	case len(b) >= 4 && b[0] != 0 && b[1] == 0 && b[2] != 0 && b[3] == 0:
		return unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), "utf-16le"
	case len(b) >= 4 && b[0] == 0 && b[1] != 0 && b[2] == 0 && b[3] != 0:
		return unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM), "utf-16be"
	}
	return nil, ""
}

var charsetParam = regexp.MustCompile(`(?i)charset\s*=\s*["']?([\w.:-]+)`)

func headerCharset(ct string) string {
	if m := charsetParam.FindStringSubmatch(ct); m != nil {
		return m[1]
	}
	return ""
}

var (
	xmlDeclRE  = regexp.MustCompile(`^\s*<\?xml[^>]*?encoding\s*=\s*["']([\w.:-]+)["']`)
	metaCharRE = regexp.MustCompile(`(?i)<meta[^>]+charset\s*=\s*["']?([\w.:-]+)`)
)

// declaredCharset reads the XML declaration, then an HTML <meta>.
func declaredCharset(head []byte) string {
	if m := xmlDeclRE.FindSubmatch(head); m != nil {
		return string(m[1])
	}
	if m := metaCharRE.FindSubmatch(head); m != nil {
		return string(m[1])
	}
	return ""
}

// lookup maps a label to a decoder the WHATWG way ("latin1" and
// "iso-8859-1" are windows-1252, "gb2312" is GBK), with GBK widened to
// GB18030.
func lookup(label string) (encoding.Encoding, string) {
	label = strings.ToLower(strings.TrimSpace(label))
	switch label {
	case "gb2312", "gbk", "gb_2312-80", "x-gbk", "cp936", "gb18030", "gb-18030", "euc-cn", "hz-gb-2312":
		return simplifiedchinese.GB18030, "gb18030"
	case "utf8":
		label = "utf-8"
	}
	enc, err := htmlindex.Get(label)
	if err != nil {
		enc, name := charset.Lookup(label)
		if enc == nil {
			return nil, ""
		}
		return enc, name
	}
	name, _ := htmlindex.Name(enc)
	if name == "gbk" {
		return simplifiedchinese.GB18030, "gb18030"
	}
	if name == "utf-8" {
		return encoding.Nop, "utf-8"
	}
	return enc, name
}

// chardetNames maps the detector's names to labels.
var chardetNames = map[string]string{
	"GB-18030": "gb18030", "Big5": "big5", "Shift_JIS": "shift_jis", "EUC-JP": "euc-jp", "EUC-KR": "euc-kr",
	"ISO-2022-JP": "iso-2022-jp", "KOI8-R": "koi8-r", "windows-1251": "windows-1251", "windows-1252": "windows-1252",
	"windows-1253": "windows-1253", "windows-1254": "windows-1254", "windows-1255": "windows-1255",
	"windows-1256": "windows-1256", "ISO-8859-1": "windows-1252", "ISO-8859-2": "iso-8859-2",
	"ISO-8859-5": "iso-8859-5", "ISO-8859-6": "iso-8859-6", "ISO-8859-7": "iso-8859-7", "ISO-8859-8": "iso-8859-8",
	"ISO-8859-9": "windows-1254", "ISO-8859-8-I": "iso-8859-8-i", "UTF-16BE": "utf-16be", "UTF-16LE": "utf-16le",
	"IBM420_rtl": "", "IBM420_ltr": "", "IBM424_rtl": "", "IBM424_ltr": "",
}

// sniff guesses the encoding of bytes that declare none. It needs some
// confidence; otherwise it returns nil and the caller falls back.
func sniff(b []byte) (encoding.Encoding, string) {
	sample := firstN(b, 64<<10)
	det := chardet.NewTextDetector()
	if bytes.Contains(firstN(b, 1024), []byte("<")) {
		det = chardet.NewHtmlDetector()
	}
	r, err := det.DetectBest(sample)
	if err != nil || r == nil || r.Confidence < 10 {
		return nil, ""
	}
	label := chardetNames[r.Charset]
	if label == "" {
		return nil, ""
	}
	return lookup(label)
}

func decodeWith(b []byte, enc encoding.Encoding, name, source string) Result {
	if name == "utf-8" {
		return Result{Text: []byte(strings.ToValidUTF8(string(b), "\uFFFD")), Encoding: name, Source: source}
	}
	out, _, err := transform.Bytes(enc.NewDecoder(), b)
	if err != nil {
		out = []byte(strings.ToValidUTF8(string(out), "\uFFFD"))
	}
	if !utf8.Valid(out) {
		out = []byte(strings.ToValidUTF8(string(out), "\uFFFD"))
	}
	return Result{Text: out, Encoding: name, Source: source}
}

var xmlEncodingAttr = regexp.MustCompile(`^(\s*<\?xml[^>]*?encoding\s*=\s*)["'][\w.:-]+["']`)

// rewriteXMLDecl makes the XML declaration's encoding say UTF-8.
func rewriteXMLDecl(b []byte) []byte {
	head := firstN(b, 512)
	if loc := xmlEncodingAttr.FindSubmatchIndex(head); loc != nil {
		var out bytes.Buffer
		out.Grow(len(b))
		out.Write(b[:loc[3]])
		out.WriteString(`"UTF-8"`)
		out.Write(b[loc[1]:])
		return out.Bytes()
	}
	return b
}

// Clean makes s valid UTF-8 (invalid bytes become U+FFFD) without control
// characters other than tab and newline.
func Clean(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	return strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' {
			return r
		}
		if r < 0x20 || r == 0x7f {
			return -1
		}
		return r
	}, s)
}
