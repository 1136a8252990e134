package gen

import (
	"fmt"
	"math"
	"math/rand/v2"
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

func (g *Generator) enText(et news.EventType, c, o company, amount, round string) (title, summary string) {
	r := g.rng
	inv := g.investors[r.IntN(len(g.investors))]
	switch et {
	case news.EventFunding:
		title = fmt.Sprintf("%s raises %s %s round led by %s", c.name, amount, roundEN[round], inv)
		summary = fmt.Sprintf("%s, which builds %s, said the funding will go to hiring and compute. %s led the round, with participation from existing investors.", c.name, enWhat[r.IntN(len(enWhat))], inv)
	case news.EventAcquisition:
		title = fmt.Sprintf("%s acquires %s for %s", c.name, o.name, amount)
		summary = fmt.Sprintf("The deal gives %s a team working on %s. The companies expect it to close next quarter, subject to regulatory approval.", c.name, enWhat[r.IntN(len(enWhat))])
	case news.EventIPO:
		title = fmt.Sprintf("%s files for IPO, seeking to raise %s", c.name, amount)
		summary = fmt.Sprintf("%s plans to list its shares next quarter; revenue grew strongly last year as enterprise customers adopted its products.", c.name)
	case news.EventModelRelease:
		title = fmt.Sprintf("%s releases a new %s model with longer context", c.name, enModel[r.IntN(len(enModel))])
		summary = fmt.Sprintf("The model tops several public benchmarks, %s said, and is available through its API and as open weights for researchers.", c.name)
	case news.EventProductLaunch:
		title = fmt.Sprintf("%s launches %s for enterprise teams", c.name, enProduct[r.IntN(len(enProduct))])
		summary = fmt.Sprintf("The product is generally available today in the US and Europe, %s said, with pricing per seat and a free tier for developers.", c.name)
	case news.EventPartnership:
		title = fmt.Sprintf("%s and %s sign a multiyear partnership on AI infrastructure", c.name, o.name)
		summary = fmt.Sprintf("Under the agreement %s will run workloads on %s's platform and the two will co-sell to large customers.", c.name, o.name)
	case news.EventLayoffs:
		title = fmt.Sprintf("%s cuts %d jobs as it refocuses on AI", c.name, 50+r.IntN(950))
		summary = "The company said the cuts affect sales and support teams and that it will keep hiring researchers."
	case news.EventRegulation:
		title = fmt.Sprintf("EU regulators open inquiry into %s's AI models", c.name)
		summary = "The investigation looks at training data and transparency obligations under the AI Act."
	default:
		title = fmt.Sprintf("What %s's latest moves mean for the AI market", c.name)
		summary = "An analysis of the week's news in artificial intelligence, from chips to applications."
	}
	return title, summary
}

func (g *Generator) zhText(et news.EventType, c, o company, amount, round string) (title, summary string) {
	r := g.rng
	switch et {
	case news.EventFunding:
		title = fmt.Sprintf("%s完成%s%s融资", c.zh, amount, roundZH[round])
		summary = fmt.Sprintf("本轮融资由%s领投，老股东跟投，资金将用于%s和人才引进。", g.investors[r.IntN(len(g.investors))], zhWhat[r.IntN(len(zhWhat))])
	case news.EventAcquisition:
		title = fmt.Sprintf("%s宣布以%s收购%s", c.zh, amount, o.zh)
		summary = "交易完成后，双方将在大模型和算力业务上深度整合，预计下季度完成交割。"
	case news.EventIPO:
		title = fmt.Sprintf("%s递交招股书，拟募资%s", c.zh, amount)
		summary = "公司计划在港交所主板上市，过去一年营收保持高速增长。"
	case news.EventModelRelease:
		title = fmt.Sprintf("%s发布新一代%s大模型", c.zh, zhModel[r.IntN(len(zhModel))])
		summary = "新模型在多项基准测试中表现领先，并已开源，开发者可通过API调用。"
	case news.EventProductLaunch:
		title = fmt.Sprintf("%s推出面向企业的%s", c.zh, zhProduct[r.IntN(len(zhProduct))])
		summary = "该产品即日起开放使用，按调用量计费，并为开发者提供免费额度。"
	case news.EventPartnership:
		title = fmt.Sprintf("%s与%s达成战略合作", c.zh, o.zh)
		summary = "双方将在算力、模型训练和行业应用方面展开合作，共同服务企业客户。"
	case news.EventLayoffs:
		title = fmt.Sprintf("%s裁员约%d人，业务聚焦人工智能", c.zh, 50+r.IntN(950))
		summary = "公司表示此次调整主要涉及销售和运营团队，研发投入将继续增加。"
	case news.EventRegulation:
		title = fmt.Sprintf("监管部门就%s的生成式人工智能服务展开问询", c.zh)
		summary = "问询涉及训练数据来源和内容安全等方面。"
	default:
		title = fmt.Sprintf("一文看懂%s最新动向", c.zh)
		summary = "本周人工智能行业要闻回顾，从芯片到应用。"
	}
	return title, summary
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

func (g *Generator) enBody(c company, n int) string {
	r := g.rng
	var b strings.Builder
	for b.Len() < n {
		words := 12 + r.IntN(18)
		for i := 0; i < words; i++ {
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
		}
		b.WriteString(". ")
	}
	return b.String()
}

func (g *Generator) zhBody(c company, n int) string {
	r := g.rng
	var b strings.Builder
	for b.Len() < n {
		chars := 15 + r.IntN(30)
		for i := 0; i < chars; i++ {
			if r.IntN(60) == 0 {
				b.WriteString(c.zh)
				continue
			}
			b.WriteRune(zhChars[zipf(r, len(zhChars))])
		}
		b.WriteString("。")
	}
	return b.String()
}

// zipf picks an index in [0, n) with a roughly Zipfian distribution.
func zipf(r *rand.Rand, n int) int {
	i := int(math.Exp(r.Float64()*math.Log(float64(n)+1))) - 1
	return min(max(i, 0), n-1)
}
