package extract

import (
	"bytes"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

func parse(t *testing.T, s string) *html.Node {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(s))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// find returns the first element with the given id.
func find(n *html.Node, id string) *html.Node {
	if n.Type == html.ElementNode && attr(n, "id") == id {
		return n
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if f := find(c, id); f != nil {
			return f
		}
	}
	return nil
}

func renderHTML(t *testing.T, n *html.Node) string {
	var b bytes.Buffer
	if err := html.Render(&b, n); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

const para = "Acme Robotics raised forty million dollars in a round led by Example Ventures, the company said on Monday, and will hire engineers."

// TestPruneBoiler: the nodes of readability's text that are boilerplate
// go, those that hold the article or that the reference texts disagree
// on stay.
func TestPruneBoiler(t *testing.T) {
	tests := []struct {
		name, inner string
		gone, kept  []string
	}{
		{"share bar", `<div class="share-tools">Share on Facebook</div>`, []string{"Facebook"}, nil},
		{"related box", `<div id="related-links"><a href="/x">Other story</a></div>`, []string{"Other story"}, nil},
		{"nav", `<nav>Home News</nav>`, []string{"Home News"}, nil},
		{"byline", `<p class="byline">By Jane Roe</p>`, []string{"Jane Roe"}, nil},
		{"caption stays", `<figure><img src="a.jpg"><figcaption>The robot arm</figcaption></figure>`, nil, []string{"The robot arm"}},
		{"credit stays", `<span class="photo-credit">Getty Images</span>`, nil, []string{"Getty Images"}},
		{"hidden stays", `<span hidden>Read the rest</span>`, nil, []string{"Read the rest"}},
		{"code comment stays", `<pre><span class="token comment">// add.c</span></pre>`, nil, []string{"// add.c"}},
		{"layout word with paragraphs", `<div class="no-caption has-comments"><p>` + para + `</p><p>` + para + `</p></div>`, nil, []string{"forty million"}},
		{"related with two paragraphs", `<div class="related"><p>` + para + `</p><p>` + para + `</p></div>`, nil, []string{"forty million"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			doc := parse(t, `<div id="root"><p>`+para+`</p><p>`+para+`</p><p>`+para+`</p>`+tc.inner+`</div>`)
			root := find(doc, "root")
			pruneBoiler(root, textChars(root))
			out := renderHTML(t, root)
			for _, g := range tc.gone {
				if strings.Contains(out, g) {
					t.Errorf("%q kept: %s", g, out)
				}
			}
			for _, k := range tc.kept {
				if !strings.Contains(out, k) {
					t.Errorf("%q removed: %s", k, out)
				}
			}
			if !strings.Contains(out, "Example Ventures") {
				t.Errorf("article removed: %s", out)
			}
		})
	}
	// A boilerplate word on the element that holds the article must not
	// empty it.
	doc := parse(t, `<div id="root"><div class="comments-enabled"><p>`+para+`</p></div><p>Short.</p></div>`)
	root := find(doc, "root")
	if pruneBoiler(root, textChars(root)); !strings.Contains(renderHTML(t, root), "Example Ventures") {
		t.Error("the article's own container was pruned")
	}
}

// portal is a Chinese news page whose article is split over two sibling
// parts, beside a list of links.
const portal = `<html><head><title>新闻</title></head><body>
<div class="nav"><a href="/">首页</a> <a href="/a">财经</a> <a href="/b">科技</a></div>
<div class="main">
<div class="part"><p>据新华社报道，国家统计局今天发布数据显示，十月份全国规模以上工业增加值同比实际增长百分之四点七，比上月回落零点一个百分点，从环比看，十月份规模以上工业增加值比上月增长百分之零点三八。</p>
<p>分三大门类看，十月份采矿业增加值同比增长百分之四点六，制造业增长百分之四点六，电力、热力、燃气及水生产和供应业增长百分之六点三，增速较上月有所加快。</p></div>
<div class="part"><p>分经济类型看，十月份国有控股企业增加值同比增长百分之四点八，股份制企业增长百分之五点一，外商及港澳台商投资企业增长百分之二点二，私营企业增长百分之六点六。</p>
<p>分产品看，十月份六百一十二种产品中有三百三十三种产品同比增长，全国规模以上工业企业产品销售率为百分之九十八点四，比上年同月提高零点二个百分点。</p></div>
</div>
<ul class="list"><li><a href="/1">另一篇新闻的标题在这里</a></li><li><a href="/2">还有一篇新闻的标题在这里</a></li></ul>
</body></html>`

func TestBlocksCandidate(t *testing.T) {
	cands := prepasses(parse(t, portal))
	if len(cands) != 1 || cands[0].Name != "blocks" {
		t.Fatalf("candidates %+v", cands)
	}
	b := cands[0]
	for _, want := range []string{"工业增加值同比实际增长", "增速较上月有所加快", "私营企业增长", "产品销售率"} {
		if !strings.Contains(b.text, want) {
			t.Errorf("blocks lacks %q:\n%s", want, b.text)
		}
	}
	for _, junk := range []string{"首页", "另一篇新闻"} {
		if strings.Contains(b.text, junk) {
			t.Errorf("blocks keeps %q:\n%s", junk, b.text)
		}
	}
	if b.Paragraphs != 4 || b.Han < 200 || b.LinkDensity != 0 {
		t.Errorf("features %+v", b.Candidate)
	}
}

func TestJSONLDBody(t *testing.T) {
	tests := []struct {
		name    string
		scripts []string
		want    string
	}{
		{"plain", []string{`{"@type":"NewsArticle","articleBody":"Acme raised money."}`}, "Acme raised money."},
		{"graph, longest", []string{`{"@graph":[{"articleBody":"short"},{"@type":"NewsArticle","articleBody":"the longer body"}]}`}, "the longer body"},
		{"raw line break", []string{"{\"articleBody\":\"one\ntwo\"}"}, "one\ntwo"},
		{"html inside", []string{`{"articleBody":"<p>one</p><p>two &amp; three</p>"}`}, "one\n\ntwo & three"},
		{"entities", []string{`{"articleBody":"R&amp;D"}`}, "R&D"},
		{"cdata", []string{`<![CDATA[{"articleBody":"wrapped"}]]>`}, "wrapped"},
		{"trailing comma object", []string{`{"articleBody":"first"},`}, "first"},
		{"none", []string{`{"@type":"Organization","name":"Acme"}`}, ""},
		{"broken", []string{`{"articleBody": "unterminated`}, ""},
	}
	for _, tc := range tests {
		if got := jsonLDBody(tc.scripts); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}
}

func FuzzJSONLDBody(f *testing.F) {
	for _, s := range []string{`{"articleBody":"x"}`, "{\"articleBody\":\"a\nb\"}", `[{"articleBody":"<p>a</p>"}]`, `{"a":{"b":{"articleBody":1}}}`, `<![CDATA[{]]>`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := jsonLDBody([]string{s})
		if !strings.Contains(s, "articleBody") && out != "" {
			t.Errorf("a body from a script without articleBody: %q", out)
		}
	})
}

func cand(name, text string, links int) candidate { return newCandidate(name, text, links) }

func TestChoose(t *testing.T) {
	article := strings.Repeat(para+"\n\n", 4)
	longer := article + strings.Repeat("Example Ventures said the robots would ship next year to warehouses in Europe, and prices were not given.\n\n", 4)
	han := "国家统计局今天发布数据显示，十月份全国规模以上工业增加值同比实际增长百分之四点七，比上月回落零点一个百分点。\n\n"
	hanArticle := strings.Repeat(han, 4)
	tests := []struct {
		name    string
		cands   []candidate
		summary string
		want    string // name of the chosen text
		why     string // a part of the reason
		text    string // a part of the text, or "!" and a part it must lack
	}{
		{"default", []candidate{cand("readability", article, 0), cand("pruned", article, 0), cand("blocks", article, 0)}, "", "pruned", "default", "Example Ventures"},
		{"pruned empty", []candidate{cand("readability", article, 0), cand("pruned", "", 0)}, "", "readability", "default", "Example Ventures"},
		{"summary names another text", []candidate{cand("readability", "Cookie settings and other news of the day, read more about it here.", 0), cand("pruned", "Cookie settings and other news of the day, read more about it here.", 0), cand("blocks", article, 0)},
			"Acme Robotics raised forty million dollars in a round led by Example Ventures", "blocks", "feed summary", "Example Ventures"},
		{"summary: linked list is no article", []candidate{cand("readability", "Cookie settings and other news of the day, read more about it here.", 0), cand("pruned", "Cookie settings and other news of the day, read more about it here.", 0), cand("blocks", article, 400)},
			"Acme Robotics raised forty million dollars in a round led by Example Ventures", "pruned", "default", "Cookie"},
		{"blocks holds more", []candidate{cand("readability", article, 0), cand("pruned", article, 0), cand("blocks", longer, 0)}, "", "blocks", "the text of pruned", "warehouses"},
		{"blocks larger but another text", []candidate{cand("readability", article, 0), cand("pruned", article, 0), cand("blocks", strings.Repeat("Other words entirely, about weather in the north and rain that falls all week long there.\n\n", 12), 0)}, "", "pruned", "default", "Example Ventures"},
		{"json-ld and blocks agree", []candidate{cand("readability", article, 0), cand("pruned", article, 0), cand("blocks", longer, 0), cand("json-ld", longer, 0)}, "", "blocks", "json-ld articleBody and blocks agree", "warehouses"},
		{"han short lines dropped", []candidate{cand("readability", hanArticle+"责任编辑：张三", 0), cand("pruned", hanArticle+"责任编辑：张三", 0), cand("blocks", hanArticle, 0)}, "", "pruned+blocks", "short lines", "!责任编辑"},
		{"latin short lines kept", []candidate{cand("readability", article+"Related: another story", 0), cand("pruned", article+"Related: another story", 0), cand("blocks", article, 0)}, "", "pruned", "default", "Related: another story"},
	}
	for _, tc := range tests {
		ch := choose(tc.cands, tc.summary)
		if ch.name != tc.want || !strings.Contains(ch.why, tc.why) {
			t.Errorf("%s: chose %s (%s), want %s (%s)", tc.name, ch.name, ch.why, tc.want, tc.why)
		}
		if lack, ok := strings.CutPrefix(tc.text, "!"); ok {
			if strings.Contains(ch.text, lack) {
				t.Errorf("%s: text keeps %q", tc.name, lack)
			}
		} else if !strings.Contains(ch.text, tc.text) {
			t.Errorf("%s: text lacks %q", tc.name, tc.text)
		}
		if len(ch.features) != len(tc.cands) {
			t.Errorf("%s: %d features for %d candidates", tc.name, len(ch.features), len(tc.cands))
		}
	}
}

// TestExtractShowsChoice: the page says which text it chose and why, and
// what the candidates weighed.
func TestExtractShowsChoice(t *testing.T) {
	p, err := ExtractWith([]byte(portal), "text/html; charset=utf-8", "https://news.example.cn/a.html", Options{Summary: "十月份全国规模以上工业增加值同比实际增长百分之四点七"})
	if err != nil {
		t.Fatal(err)
	}
	if p.Extractor == "" || p.Why == "" || len(p.Candidates) < 3 {
		t.Fatalf("choice not shown: %q %q %+v", p.Extractor, p.Why, p.Candidates)
	}
	for _, c := range p.Candidates {
		if c.Summary < 0 {
			t.Errorf("%s: summary overlap not measured", c.Name)
		}
	}
	for _, want := range []string{"工业增加值同比实际增长", "产品销售率"} {
		if !strings.Contains(p.Text, want) {
			t.Errorf("text lacks %q (%s: %s):\n%s", want, p.Extractor, p.Why, p.Text)
		}
	}
}
