package gen

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/aitracker/aitracker/config"
	"github.com/aitracker/aitracker/news"
)

// End is the date the generated articles run up to.
var End = time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC)

// Span is how far back they go.
const Span = 3 * 365 * 24 * time.Hour

// Generator makes articles. It is not safe for concurrent use.
type Generator struct {
	rng       *rand.Rand
	companies []company
	investors []string
	n         int64
	recent    []recent // for duplicates
}

type company struct {
	name, zh string
	layer    news.Layer
}

type recent struct {
	id     int64
	title  string
	source string
}

// New makes a generator over the embedded taxonomy.
func New(seed uint64) (*Generator, error) {
	tax, err := config.LoadDefaultTaxonomy()
	if err != nil {
		return nil, err
	}
	g := &Generator{rng: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))}
	for _, c := range tax.Companies {
		co := company{name: c.Name, zh: c.Name, layer: news.LayerApplication}
		if len(c.Layers) > 0 {
			co.layer = c.Layers[0]
		}
		for _, a := range c.Aliases {
			if hasHan(a) {
				co.zh = a
				break
			}
		}
		g.companies = append(g.companies, co)
	}
	for _, inv := range tax.Investors {
		g.investors = append(g.investors, inv.Name)
	}
	return g, nil
}

func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

// eventMix is the share of each event type in AI-industry news.
var eventMix = []struct {
	t     news.EventType
	share float64
}{
	{news.EventFunding, .30}, {news.EventProductLaunch, .20}, {news.EventModelRelease, .14},
	{news.EventPartnership, .10}, {news.EventAcquisition, .07}, {news.EventOther, .11},
	{news.EventRegulation, .04}, {news.EventLayoffs, .02}, {news.EventIPO, .02},
}

var (
	enSources = []string{"AI Wire", "Deal Desk", "Lab Notes", "TechCrunch AI", "The Information", "VentureBeat AI",
		"Reuters Tech", "Bloomberg Tech", "The Verge AI", "Ars Technica", "Sifted", "SiliconANGLE", "Axios Pro",
		"Fortune Term Sheet", "MIT Tech Review", "Wired AI", "CNBC Tech", "Business Insider", "Semafor Tech", "Import AI"}
	zhSources = []string{"36氪", "机器之心", "量子位", "智东西", "雷锋网", "钛媒体", "界面新闻", "第一财经", "IT之家", "新智元"}
	rounds    = []string{"seed", "seed", "series_a", "series_a", "series_b", "series_b", "series_c", "series_d", "growth", "strategic", "unknown", "pre-seed"}
	roundEN   = map[string]string{"pre-seed": "pre-seed", "seed": "seed", "series_a": "Series A", "series_b": "Series B",
		"series_c": "Series C", "series_d": "Series D", "growth": "growth", "strategic": "strategic", "unknown": "new"}
	roundZH = map[string]string{"pre-seed": "种子轮", "seed": "天使轮", "series_a": "A轮", "series_b": "B轮", "series_c": "C轮",
		"series_d": "D轮", "growth": "新一轮", "strategic": "战略", "unknown": "新一轮"}
)

// Next makes the next article; IDs and sequence numbers count from 1.
func (g *Generator) Next() news.Article {
	g.n++
	r := g.rng
	published := End.Add(-time.Duration(r.Int64N(int64(Span))))
	a := news.Article{ID: g.n, Seq: g.n, Published: published, Fetched: published.Add(time.Duration(r.IntN(7200)) * time.Second)}
	// A share of stories are the same happening from another source.
	if len(g.recent) > 0 && r.Float64() < .08 {
		orig := g.recent[r.IntN(len(g.recent))]
		a.DuplicateOf = orig.id
	}
	zh := r.Float64() < .25
	et := g.event()
	c := g.companies[r.IntN(len(g.companies))]
	other := g.companies[r.IntN(len(g.companies))]
	a.Tags = news.Tags{EventType: et, Layer: c.layer, Primary: c.name, Status: news.StatusCompleted, Version: "gen",
		Companies: []news.CompanyTag{{Name: c.name, Known: true, Layer: c.layer, Salience: 9}}}
	if et == news.EventOther {
		a.Tags.Status = news.StatusAnnounced
	}
	f := &a.Tags.Fields
	var amount string
	switch et {
	case news.EventFunding, news.EventAcquisition, news.EventIPO:
		usd := max(math.Round(math.Exp(r.NormFloat64()*1.6+17.2)/1e5)*1e5, 2e5) // median ≈ $30M, never nothing
		f.AmountUSD = usd
		if zh {
			f.Currency, f.Amount = "CNY", math.Round(usd/0.14/1e6)*1e6
			amount = zhAmount(f.Amount)
		} else {
			f.Currency, f.Amount = "USD", usd
			amount = enAmount(usd)
		}
		if et == news.EventFunding {
			f.Round = rounds[r.IntN(len(rounds))]
			f.LeadInvestors = []string{g.investors[r.IntN(len(g.investors))]}
			f.Investors = append([]string{f.LeadInvestors[0]}, g.investors[r.IntN(len(g.investors))])
			if r.Float64() < .3 {
				f.Valuation = f.Amount * float64(5+r.IntN(20))
				f.ValuationUSD = f.AmountUSD * f.Valuation / f.Amount
			}
		}
		if et == news.EventAcquisition {
			f.Acquirer, f.Target = c.name, other.name
			a.Tags.Companies = append(a.Tags.Companies, news.CompanyTag{Name: other.name, Known: true, Layer: other.layer, Salience: 6})
		}
	case news.EventModelRelease:
		f.Model = fmt.Sprintf("%s-%d", strings.Fields(c.name)[0], 1+r.IntN(5))
	case news.EventPartnership:
		a.Tags.Companies = append(a.Tags.Companies, news.CompanyTag{Name: other.name, Known: true, Layer: other.layer, Salience: 6})
	}
	if zh {
		a.Lang = "zh"
		a.SourceName = zhSources[r.IntN(len(zhSources))]
		a.Title, a.Summary = g.zhText(et, c, other, amount, f.Round)
		if r.Float64() < .35 {
			a.Body = a.Summary + "\n" + g.zhBody(c, 1200+r.IntN(4000))
		}
	} else {
		a.Lang = "en"
		a.SourceName = enSources[r.IntN(len(enSources))]
		a.Title, a.Summary = g.enText(et, c, other, amount, f.Round)
		if r.Float64() < .35 {
			a.Body = a.Summary + "\n" + g.enBody(c, 1500+r.IntN(5000))
		}
	}
	if a.DuplicateOf != 0 {
		a.SourceName = enSources[r.IntN(len(enSources))]
	}
	a.URL = fmt.Sprintf("https://news.example/%s/%d", strings.ReplaceAll(strings.ToLower(a.SourceName), " ", "-"), a.ID)
	a.DedupKey = fmt.Sprintf("gen|%d", a.ID)
	if a.DuplicateOf == 0 {
		g.recent = append(g.recent, recent{id: a.ID, title: a.Title, source: a.SourceName})
		if len(g.recent) > 500 {
			g.recent = g.recent[len(g.recent)-500:]
		}
	}
	return a
}

func (g *Generator) event() news.EventType {
	x := g.rng.Float64()
	for _, e := range eventMix {
		if x < e.share {
			return e.t
		}
		x -= e.share
	}
	return news.EventOther
}

func enAmount(usd float64) string {
	switch {
	case usd >= 1e9:
		return fmt.Sprintf("$%.1f billion", usd/1e9)
	case usd >= 1e6:
		return fmt.Sprintf("$%.0f million", usd/1e6)
	}
	return fmt.Sprintf("$%.0f", usd)
}

func zhAmount(cny float64) string {
	if cny >= 1e8 {
		return fmt.Sprintf("%.1f亿元", cny/1e8)
	}
	return fmt.Sprintf("%.0f万元", cny/1e4)
}

// The texts of each language: a title and a summary for each event type
// ("" for any other), with slots in braces that fill reads in order.
var enTexts = map[news.EventType][2]string{
	news.EventFunding: {
		"{c} raises {amount} {round} round led by {inv}",
		"{c}, which builds {what}, said the funding will go to hiring and compute. {inv} led the round, with participation from existing investors.",
	},
	news.EventAcquisition: {
		"{c} acquires {o} for {amount}",
		"The deal gives {c} a team working on {what}. The companies expect it to close next quarter, subject to regulatory approval.",
	},
	news.EventIPO: {
		"{c} files for IPO, seeking to raise {amount}",
		"{c} plans to list its shares next quarter; revenue grew strongly last year as enterprise customers adopted its products.",
	},
	news.EventModelRelease: {
		"{c} releases a new {model} model with longer context",
		"The model tops several public benchmarks, {c} said, and is available through its API and as open weights for researchers.",
	},
	news.EventProductLaunch: {
		"{c} launches {product} for enterprise teams",
		"The product is generally available today in the US and Europe, {c} said, with pricing per seat and a free tier for developers.",
	},
	news.EventPartnership: {
		"{c} and {o} sign a multiyear partnership on AI infrastructure",
		"Under the agreement {c} will run workloads on {o}'s platform and the two will co-sell to large customers.",
	},
	news.EventLayoffs: {
		"{c} cuts {jobs} jobs as it refocuses on AI",
		"The company said the cuts affect sales and support teams and that it will keep hiring researchers.",
	},
	news.EventRegulation: {
		"EU regulators open inquiry into {c}'s AI models",
		"The investigation looks at training data and transparency obligations under the AI Act.",
	},
	"": {
		"What {c}'s latest moves mean for the AI market",
		"An analysis of the week's news in artificial intelligence, from chips to applications.",
	},
}

var zhTexts = map[news.EventType][2]string{
	news.EventFunding: {
		"{c}完成{amount}{round}融资",
		"本轮融资由{inv}领投，老股东跟投，资金将用于{what}和人才引进。",
	},
	news.EventAcquisition: {
		"{c}宣布以{amount}收购{o}",
		"交易完成后，双方将在大模型和算力业务上深度整合，预计下季度完成交割。",
	},
	news.EventIPO: {
		"{c}递交招股书，拟募资{amount}",
		"公司计划在港交所主板上市，过去一年营收保持高速增长。",
	},
	news.EventModelRelease: {
		"{c}发布新一代{model}大模型",
		"新模型在多项基准测试中表现领先，并已开源，开发者可通过API调用。",
	},
	news.EventProductLaunch: {
		"{c}推出面向企业的{product}",
		"该产品即日起开放使用，按调用量计费，并为开发者提供免费额度。",
	},
	news.EventPartnership: {
		"{c}与{o}达成战略合作",
		"双方将在算力、模型训练和行业应用方面展开合作，共同服务企业客户。",
	},
	news.EventLayoffs: {
		"{c}裁员约{jobs}人，业务聚焦人工智能",
		"公司表示此次调整主要涉及销售和运营团队，研发投入将继续增加。",
	},
	news.EventRegulation: {
		"监管部门就{c}的生成式人工智能服务展开问询",
		"问询涉及训练数据来源和内容安全等方面。",
	},
	"": {
		"一文看懂{c}最新动向",
		"本周人工智能行业要闻回顾，从芯片到应用。",
	},
}

// slots are what fill puts in a text's braces: {c} the company, {o} the
// other one, {amount}, {round} and {inv} (drawn when empty); {what},
// {model} and {product} are drawn from their lists, {jobs} from 50 to
// 999.
type slots struct {
	c, o, amount, round, inv string
	what, model, product     []string
}

// enText writes an English title and summary. Every English article
// draws its investor first, whether its text names one or not.
func (g *Generator) enText(et news.EventType, c, o company, amount, round string) (title, summary string) {
	inv := g.investors[g.rng.IntN(len(g.investors))]
	return g.text(enTexts, et, &slots{c: c.name, o: o.name, amount: amount, round: roundEN[round], inv: inv,
		what: enWhat, model: enModel, product: enProduct})
}

// zhText writes a Chinese title and summary.
func (g *Generator) zhText(et news.EventType, c, o company, amount, round string) (title, summary string) {
	return g.text(zhTexts, et, &slots{c: c.zh, o: o.zh, amount: amount, round: roundZH[round],
		what: zhWhat, model: zhModel, product: zhProduct})
}

// text fills the title, then the summary, of et's entry in texts.
func (g *Generator) text(texts map[news.EventType][2]string, et news.EventType, s *slots) (title, summary string) {
	t, ok := texts[et]
	if !ok {
		t = texts[""]
	}
	title = g.fill(t[0], s)
	return title, g.fill(t[1], s)
}

// fill puts the slots in t's braces, drawing in the order they stand.
func (g *Generator) fill(t string, s *slots) string {
	var b strings.Builder
	for {
		i := strings.IndexByte(t, '{')
		if i < 0 {
			b.WriteString(t)
			return b.String()
		}
		j := i + strings.IndexByte(t[i:], '}')
		b.WriteString(t[:i])
		b.WriteString(g.slot(t[i+1:j], s))
		t = t[j+1:]
	}
}

func (g *Generator) slot(name string, s *slots) string {
	r := g.rng
	switch name {
	case "c":
		return s.c
	case "o":
		return s.o
	case "amount":
		return s.amount
	case "round":
		return s.round
	case "inv":
		if s.inv != "" {
			return s.inv
		}
		return g.investors[r.IntN(len(g.investors))]
	case "what":
		return s.what[r.IntN(len(s.what))]
	case "model":
		return s.model[r.IntN(len(s.model))]
	case "product":
		return s.product[r.IntN(len(s.product))]
	case "jobs":
		return strconv.Itoa(50 + r.IntN(950))
	}
	panic("gen: a text names no slot " + name)
}

var (
	enWhat    = []string{"AI agents for customer support", "a vector database", "inference chips", "a legal AI assistant", "robot foundation models", "a coding assistant", "AI video tools", "data labelling services", "an LLM observability platform", "drug discovery models"}
	enModel   = []string{"reasoning", "multimodal", "open-weight", "coding", "speech", "video", "small", "frontier"}
	enProduct = []string{"an AI agent platform", "a coding assistant", "a search assistant", "a meeting copilot", "a data platform", "an inference service", "a voice assistant"}
	zhWhat    = []string{"大模型研发", "算力采购", "具身智能机器人", "AI芯片量产", "行业应用落地", "海外市场拓展"}
	zhModel   = []string{"推理", "多模态", "开源", "视频生成", "语音", "代码"}
	zhProduct = []string{"智能体平台", "编程助手", "AI搜索", "会议助手", "数据平台", "推理服务"}
)

// enWords is a vocabulary for body text: common English words first, so
// that a Zipf choice gives news-like frequencies.
var enWords = strings.Fields(`the of and to a in that is for on with as it was at by said from has its be are
an this have will which but not they their more company year new also or been after about were other one than
would market customers two first its up billion million could over some people into companies revenue growth
data models model AI artificial intelligence training inference compute chips cloud software developers enterprise
research researchers investors funding round valuation startup founders engineers product products platform service
services users agents agent language reasoning benchmark benchmarks open source weights license safety policy
regulators government deal acquisition partnership team teams hiring capacity demand supply price pricing cost costs
quarter percent analysts executive chief officer statement interview according report reported week month months`)

// zhChars is a vocabulary of common Han characters for body text.
var zhChars = []rune("的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严")

// enBody is sentences of English words, now and then the company's name,
// until it holds n bytes.
func (g *Generator) enBody(c company, n int) string {
	r := g.rng
	return g.body(n, 12, 18, ". ", func(b *strings.Builder, i int) {
		w := enWords[zipf(r, len(enWords))]
		if i == 0 {
			w = strings.ToUpper(w[:1]) + w[1:]
		} else {
			b.WriteByte(' ')
		}
		if r.IntN(40) == 0 {
			w = c.name
		}
		b.WriteString(w)
	})
}

// zhBody is sentences of Han characters, now and then the company's
// name, until it holds n bytes.
func (g *Generator) zhBody(c company, n int) string {
	r := g.rng
	return g.body(n, 15, 30, "。", func(b *strings.Builder, i int) {
		if r.IntN(60) == 0 {
			b.WriteString(c.zh)
			return
		}
		b.WriteRune(zhChars[zipf(r, len(zhChars))])
	})
}

// body writes sentences until it holds n bytes: each of least to
// least+more-1 words, the i-th written by word, then end.
func (g *Generator) body(n, least, more int, end string, word func(b *strings.Builder, i int)) string {
	var b strings.Builder
	for b.Len() < n {
		words := least + g.rng.IntN(more)
		for i := range words {
			word(&b, i)
		}
		b.WriteString(end)
	}
	return b.String()
}

// zipf picks an index in [0, n) with a roughly Zipfian distribution.
func zipf(r *rand.Rand, n int) int {
	i := int(math.Exp(r.Float64()*math.Log(float64(n)+1))) - 1
	return min(max(i, 0), n-1)
}
