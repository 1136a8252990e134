package charset

import (
	"bytes"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
	"golang.org/x/text/transform"
)

func to(t *testing.T, tr transform.Transformer, s string) []byte {
	t.Helper()
	b, _, err := transform.Bytes(tr, []byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestDecode(t *testing.T) {
	gbk := to(t, simplifiedchinese.GBK.NewEncoder(), "<p>智谱完成新一轮融资，红杉中国领投</p>")
	big5 := to(t, traditionalchinese.Big5.NewEncoder(), "<title>臺灣人工智慧新創完成融資</title>")
	sjis := to(t, japanese.ShiftJIS.NewEncoder(), "人工知能の新しいモデルを発表しました。日本語のテキストです。")
	tests := []struct {
		name        string
		body        []byte
		contentType string
		want        string
		encoding    string
		source      string
	}{
		{"plain UTF-8", []byte("<p>Café 智谱</p>"), "", "<p>Café 智谱</p>", "utf-8", "utf-8 bytes"},
		{"UTF-8 BOM is dropped", []byte("\xef\xbb\xbf<rss/>"), "", "<rss/>", "utf-8", "bom"},
		{"UTF-16LE BOM", []byte("\xff\xfe<\x00a\x00/\x00>\x00"), "", "<a/>", "utf-16le", "bom"},
		{"UTF-16BE BOM", []byte("\xfe\xff\x00<\x00a\x00/\x00>"), "", "<a/>", "utf-16be", "bom"},
		{"UTF-16LE without BOM", []byte("<\x00?\x00x\x00m\x00l\x00"), "", "<?xml", "utf-16le", "sniffed"},
		{"UTF-8 bytes beat a stale gb2312 meta", []byte(`<meta charset="gb2312"><p>智谱</p>`), "", `<meta charset="gb2312"><p>智谱</p>`, "utf-8", "utf-8 bytes"},
		{"GBK declared in meta is read as GB18030", append([]byte(`<meta http-equiv="Content-Type" content="text/html; charset=gb2312">`), gbk...), "",
			`<meta http-equiv="Content-Type" content="text/html; charset=gb2312"><p>智谱完成新一轮融资，红杉中国领投</p>`, "gb18030", "declaration"},
		{"GBK declared in the header", gbk, "text/html; charset=GBK", "<p>智谱完成新一轮融资，红杉中国领投</p>", "gb18030", "http"},
		{"Big5 declared in the XML prolog", append([]byte(`<?xml version="1.0" encoding="big5"?>`), big5...), "",
			`<?xml version="1.0" encoding="big5"?><title>臺灣人工智慧新創完成融資</title>`, "big5", "declaration"},
		{"windows-1252 from the header", []byte("Caf\xe9 \x93quoted\x94"), "text/xml; charset=windows-1252", "Café “quoted”", "windows-1252", "http"},
		{"latin1 label is windows-1252", []byte("Caf\xe9"), "text/plain; charset=ISO-8859-1", "Café", "windows-1252", "http"},
		{"header beats declaration", append([]byte(`<?xml version="1.0" encoding="iso-8859-1"?>`), gbk...), "application/xml; charset=gb2312",
			`<?xml version="1.0" encoding="iso-8859-1"?><p>智谱完成新一轮融资，红杉中国领投</p>`, "gb18030", "http"},
		{"a default Latin-1 header loses to a declaration", append([]byte(`<?xml version="1.0" encoding="gbk"?>`), gbk...), "application/rss+xml; charset=ISO-8859-1",
			`<?xml version="1.0" encoding="gbk"?><p>智谱完成新一轮融资，红杉中国领投</p>`, "gb18030", "declaration"},
		{"undeclared Shift_JIS is sniffed", sjis, "", "人工知能の新しいモデルを発表しました。日本語のテキストです。", "shift_jis", "sniffed"},
		// A UTF-8 document with a few broken bytes is UTF-8: the broken
		// bytes become U+FFFD and the rest is read as it was written.
		{"UTF-8 with a cut character, declared", []byte("<?xml version=\"1.0\" encoding=\"utf-8\"?><t>Привет, мир! Café \xe2\x82 и \xff конец</t>"), "",
			"<?xml version=\"1.0\" encoding=\"utf-8\"?><t>Привет, мир! Café \ufffd и \ufffd конец</t>", "utf-8", "utf-8 bytes"},
		{"UTF-8 with a broken byte, undeclared", []byte("<t>智谱完成新一轮融资\xc3(红杉中国领投</t>"), "", "<t>智谱完成新一轮融资\ufffd(红杉中国领投</t>", "utf-8", "utf-8 bytes"},
		{"Latin-1 mislabelled as UTF-8 is not UTF-8", []byte("<?xml version=\"1.0\" encoding=\"utf-8\"?><t>Caf\xe9 cr\xe8me, cr\xe9dit \xe0 la cl\xe9</t>"), "",
			"<?xml version=\"1.0\" encoding=\"utf-8\"?><t>Café crème, crédit à la clé</t>", "windows-1252", ""},
		{"unknown label falls through", []byte("Caf\xe9 au lait, caf\xe9 cr\xe8me"), "text/html; charset=bogus", "Café au lait, café crème", "windows-1252", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := Decode(tc.body, tc.contentType)
			if string(r.Text) != tc.want || r.Encoding != tc.encoding || (tc.source != "" && r.Source != tc.source) {
				t.Errorf("got %q as %s (%s), want %q as %s (%s)", r.Text, r.Encoding, r.Source, tc.want, tc.encoding, tc.source)
			}
		})
	}
}

func TestXMLRewritesDeclaration(t *testing.T) {
	gbk := to(t, simplifiedchinese.GBK.NewEncoder(), "<rss><title>智能快报</title></rss>")
	r := XML(append([]byte("<?xml version=\"1.0\" encoding='gb2312'?>\n"), gbk...), "")
	if string(r.Text) != "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss><title>智能快报</title></rss>" {
		t.Errorf("got %q", r.Text)
	}
}

// scriptOf counts the letters of text by script.
func scriptOf(text string) map[string]int {
	counts := map[string]int{}
	for _, r := range text {
		switch {
		case unicode.Is(unicode.Han, r):
			counts["han"]++
		case unicode.In(r, unicode.Hiragana, unicode.Katakana):
			counts["kana"]++
		case unicode.Is(unicode.Hangul, r):
			counts["hangul"]++
		case unicode.Is(unicode.Cyrillic, r):
			counts["cyrillic"]++
		case unicode.Is(unicode.Hebrew, r):
			counts["hebrew"]++
		case unicode.Is(unicode.Thai, r):
			counts["thai"]++
		case r > 0x7f && unicode.IsLetter(r) && unicode.Is(unicode.Latin, r):
			counts["latin-ext"]++
		}
	}
	return counts
}

// TestSharedEncodingCorpus decodes every file of the real-world encoding
// corpus with no declaration from outside: the folder name is the truth.
func TestSharedEncodingCorpus(t *testing.T) {
	root := filepath.Join("..", "..", "..", "shared", "testdata", "encodings", "chardet")
	if _, err := os.Stat(root); err != nil {
		t.Skipf("shared test corpus not found at %s (it sits beside the project in development and CI)", root)
	}
	want := map[string]string{
		"GB2312": "han", "Big5": "han", "EUC-TW": "han", "SHIFT_JIS": "kana", "EUC-JP": "kana", "CP932": "kana",
		"iso-2022-jp": "kana", "EUC-KR": "hangul", "CP949": "hangul", "KOI8-R": "cyrillic",
		"windows-1251-russian": "cyrillic", "windows-1255-hebrew": "hebrew", "TIS-620": "thai",
	}
	dirs, _ := os.ReadDir(root)
	var files, bad int
	for _, d := range dirs {
		if !d.IsDir() {
			continue
		}
		entries, _ := os.ReadDir(filepath.Join(root, d.Name()))
		for _, e := range entries {
			data, err := os.ReadFile(filepath.Join(root, d.Name(), e.Name()))
			if err != nil {
				continue
			}
			files++
			r := Decode(data, "")
			text := string(r.Text)
			if !utf8.ValidString(text) {
				t.Errorf("%s/%s: invalid UTF-8", d.Name(), e.Name())
			}
			total := utf8.RuneCountInString(text)
			replaced := strings.Count(text, "\uFFFD")
			ok := total == 0 || float64(replaced)/float64(total) <= 0.01
			if script, has := want[d.Name()]; has {
				counts := scriptOf(text)
				best, bestN := "", 0
				for s, n := range counts {
					if n > bestN {
						best, bestN = s, n
					}
				}
				if best != script && !(script == "kana" && best == "han" && counts["kana"] > 0) {
					ok = false
				}
			}
			if !ok {
				bad++
				t.Logf("%s/%s: read as %s (%s); %d of %d runes replaced; scripts %v", d.Name(), e.Name(), r.Encoding, r.Source, replaced, total, scriptOf(text))
			}
		}
	}
	t.Logf("%d files, %d decoded wrongly", files, bad)
	// The detector is statistical: a handful of short or mixed files are
	// allowed to miss, a regression is not.
	if files == 0 || bad > files/20 {
		t.Errorf("%d of %d files decoded wrongly (allowed: %d)", bad, files, files/20)
	}
}

// TestMinifluxEncodingCases pins the cases where declarations lie.
func TestMinifluxEncodingCases(t *testing.T) {
	root := filepath.Join("..", "..", "..", "shared", "testdata", "feeds", "miniflux")
	if _, err := os.Stat(root); err != nil {
		t.Skipf("shared test corpus not found at %s", root)
	}
	tests := map[string]string{
		"encoding/utf8.xml":                          "테스트 피드",
		"encoding/utf8-incorrect-prolog.xml":         "테스트 피드",
		"encoding/invalid-prolog.xml":                "테스트 피드",
		"encoding/iso-8859-1.xml":                    "Café",
		"encoding/windows-1252.xml":                  "€",
		"encoding/windows-1252-incorrect-prolog.xml": "Euro €",
		"encoding/koi8r.xml":                         "Пример RSS ленты",
		"encoding/iso-8859-1.html":                   "Café",
		"encoding/iso-8859-1-meta-after-1024.html":   "Café",
		"encoding/utf8-meta-after-1024.html":         "Café",
		"xml/iso88591_utf8_mismatch.xml":             "Anaïs",
	}
	for file, want := range tests {
		data, err := os.ReadFile(filepath.Join(root, file))
		if err != nil {
			t.Error(err)
			continue
		}
		if r := Decode(data, ""); !bytes.Contains(r.Text, []byte(want)) {
			t.Errorf("%s: read as %s (%s), %q not found in %.200q", file, r.Encoding, r.Source, want, r.Text)
		}
	}
}

// fixtureSeeds returns every feed and page fixture of the ingest
// packages (../feed/testdata with its encodings set, ../extract/testdata),
// each with the Content-Type it is served with in the feed tests, or none.
func fixtureSeeds(t testing.TB) (bodies [][]byte, contentTypes []string) {
	types := map[string]string{}
	if list, err := os.ReadFile(filepath.Join("..", "feed", "testdata", "encodings", "content-types.txt")); err == nil {
		for _, line := range strings.Split(string(list), "\n") {
			if name, ct, ok := strings.Cut(line, "\t"); ok && !strings.HasPrefix(name, "#") {
				types[name] = ct
			}
		}
	}
	for _, dir := range []string{filepath.Join("..", "feed", "testdata"), filepath.Join("..", "extract", "testdata")} {
		err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			switch {
			case err != nil:
				return err
			case d.IsDir() && d.Name() == "fuzz":
				return filepath.SkipDir // the fuzzers' own corpora
			case d.IsDir(), strings.HasSuffix(path, ".golden.json"), strings.HasSuffix(path, ".txt"):
				return nil
			}
			data, err := os.ReadFile(path)
			bodies = append(bodies, data)
			contentTypes = append(contentTypes, types[d.Name()])
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if len(bodies) < 20 || len(types) < 4 {
		t.Fatalf("%d fixtures, %d with a Content-Type", len(bodies), len(types))
	}
	return bodies, contentTypes
}

// perInput is the longest one input may take to decode under go test
// -fuzz: inputs are kilobytes and decode in microseconds, so a second is
// a finding. The seeds of a plain go test are not timed.
const perInput = time.Second

func fuzzing() bool {
	fl := flag.Lookup("test.fuzz")
	return fl != nil && fl.Value.String() != ""
}

// FuzzDecode: whatever the bytes and the Content-Type, Decode and XML
// name an encoding and give valid UTF-8, within perInput under -fuzz.
// Seeded with every fixture of the feed and extract tests.
func FuzzDecode(f *testing.F) {
	bodies, types := fixtureSeeds(f)
	for i := range bodies {
		f.Add(bodies[i], types[i])
	}
	f.Add([]byte("<?xml version='1.0' encoding='gb2312'?><a>\xd6\xc7</a>"), "")
	f.Add([]byte("\xff\xfe<\x00"), "text/xml")
	f.Add([]byte("Caf\xe9"), "text/html; charset=windows-1252")
	f.Add([]byte("<meta charset=big5>\xa4\xa4"), "")
	f.Fuzz(func(t *testing.T, body []byte, ct string) {
		start := time.Now()
		for name, decode := range map[string]func([]byte, string) Result{"XML": XML, "Decode": Decode} {
			r := decode(body, ct)
			if !utf8.Valid(r.Text) {
				t.Fatalf("%s: invalid UTF-8 out of %q", name, body)
			}
			if r.Encoding == "" {
				t.Fatalf("%s: no encoding named", name)
			}
		}
		if d := time.Since(start); fuzzing() && d > perInput {
			t.Fatalf("took %s", d)
		}
	})
}

func TestClean(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"plain", "plain"},
		{"tab\tand\nline", "tab\tand\nline"},
		{"bell\x07 esc\x1b del\x7f cr\r", "bell esc del cr"},
		{"bad \xff byte", "bad \uFFFD byte"},
		{"  ends kept  ", "  ends kept  "},
		{"中文\x00文本", "中文文本"},
	} {
		if got := Clean(tc.in); got != tc.want {
			t.Errorf("Clean(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
