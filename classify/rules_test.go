package classify

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/aitracker/aitracker/news"
)

// TestRules pins one behaviour per rule with sentences written for it.
// Each case names the rule it covers; want holds only what the rule
// decides (empty fields are not checked).
func TestRules(t *testing.T) {
	c := testClassifier(t)
	type want struct {
		event     news.EventType
		status    news.Status
		primary   string
		noPrimary bool // no primary company
		layer     news.Layer
		companies []string // must be among the tags
		absent    []string // must not be among the tags
		amount    float64
		currency  string
		round     string
		lead      []string
		noLead    bool     // no lead investor
		investors []string // must be among the investors
		valuation float64
		acquirer  string
		noBuyer   bool // no acquirer
		target    string
		model     string
		params    string
		open      bool
	}
	tests := []struct {
		rule           string
		title, summary string
		want           want
	}{
		// Funding.
		{"led-by names the lead", "Acme Robotics raises $40 million Series B led by Sequoia Capital",
			"Accel and Index Ventures also joined the round.",
			want{event: news.EventFunding, status: news.StatusCompleted, amount: 40e6, currency: "USD", round: "series_b",
				lead: []string{"Sequoia Capital"}, investors: []string{"Accel", "Index Ventures"}}},
		{"X-led adjective names the lead, as written", "Mistral AI closes €600 million a16z-led round", "",
			want{event: news.EventFunding, primary: "Mistral AI", amount: 600e6, currency: "EUR", lead: []string{"a16z"}}},
		{"in talks is rumored", "Anthropic in talks to raise $2 billion at a $60 billion valuation", "",
			want{event: news.EventFunding, status: news.StatusRumored, primary: "Anthropic", amount: 2e9, valuation: 60e9}},
		{"sources say is rumored", "Cohere is raising new funding, people familiar with the matter say", "",
			want{event: news.EventFunding, status: news.StatusRumored, primary: "Cohere"}},
		{"a denial overrides the deal", "Perplexity denies report it is raising at a $20 billion valuation", "",
			want{event: news.EventOther}},
		{"the investor is not the funded company", "Nvidia invests in French startup H Company's $220 million seed round", "",
			want{event: news.EventFunding, primary: "H Company", round: "seed", investors: []string{"Nvidia"}}},
		{"a single corporate investor makes it strategic", "Samsung makes strategic investment in Rebellions", "",
			want{event: news.EventFunding, primary: "Rebellions", round: "strategic"}},
		{"zh a bracketed name raises, in talks", "消息称「北辰灵境」正洽谈新一轮融资，投前估值约50亿元", "",
			want{event: news.EventFunding, status: news.StatusRumored, primary: "Beichen Lingjing", valuation: 5e9}},
		{"zh 并入 names the buyer after it", "「赫兹芯」并入「朗芯微」，交易作价12亿元", "",
			want{event: news.EventAcquisition, primary: "Langxin Wei", acquirer: "Langxin Wei", target: "Hezi Xin", amount: 12e8, currency: "CNY"}},
		{"zh lead and follow lists", "智谱AI完成新一轮融资",
			"本轮融资由红杉中国领投，高瓴资本、君联资本跟投，融资金额为10亿元人民币。",
			want{event: news.EventFunding, primary: "Zhipu AI", amount: 1e9, currency: "CNY", lead: []string{"HongShan"},
				investors: []string{"Hillhouse Investment", "Legend Capital"}}},
		{"zh one corporation's strategic investment is a strategic round it leads", "星河智能获美团独家战略投资", "",
			want{event: news.EventFunding, primary: "Xinghe Intelligence", round: "strategic", lead: []string{"Meituan"}, investors: []string{"Meituan"}}},
		{"near miss: a strategic investment from two investors has no single provider", "星河智能获腾讯、红杉中国战略投资", "",
			want{event: news.EventFunding, round: "unknown", noLead: true, investors: []string{"Tencent", "HongShan"}}},
		{"who denies investing is a party to the story", "腾讯否认投资月之暗面：相关消息不属实", "",
			want{event: news.EventOther, primary: "Tencent", companies: []string{"Tencent", "Moonshot AI"}}},
		{"near miss: an investor in a story that is not a deal is no party", "Nvidia-backed Lumora launches AI video app", "",
			want{event: news.EventProductLaunch, primary: "Lumora", absent: []string{"Nvidia"}}},
		{"zh a company in what describes the doer does not raise", "英伟达联合创始人创立的Lumora获1亿美元融资", "",
			want{event: news.EventFunding, primary: "Lumora", amount: 1e8, currency: "USD", absent: []string{"Nvidia"}}},
		{"zh 的 ends a description of an unknown doer", "前微软高管创办的星河智能完成2亿元A轮融资", "",
			want{event: news.EventFunding, primary: "Xinghe Intelligence", round: "series_a"}},
		{"near miss: what 的 ends on is no company", "微软的新一代模型发布", "",
			want{event: news.EventModelRelease, primary: "Microsoft"}},
		{"one investor alone leads", "Acme Robotics raises $25 million from Nvidia", "",
			want{event: news.EventFunding, primary: "Acme Robotics", lead: []string{"Nvidia"}}},
		{"one investor that takes part does not lead", "Acme Robotics raises $25 million as Nvidia participated", "",
			want{event: news.EventFunding, primary: "Acme Robotics", investors: []string{"Nvidia"}, noLead: true}},
		{"zh one investor that takes part does not lead", "阿里参投 某某智能完成10亿元B轮融资", "",
			want{event: news.EventFunding, round: "series_b", investors: []string{"Alibaba"}, noLead: true}},
		{"zh a shareholder does not lead", "智元机器人持股 某某智能完成数千万元种子轮融资", "",
			want{event: news.EventFunding, round: "seed", investors: []string{"AgiBot"}, noLead: true}},
		{"zh vague amount is undisclosed size", "某某智能完成数亿元A轮融资", "",
			want{event: news.EventFunding, round: "series_a", currency: "CNY"}},
		{"per-share price is not the deal", "Cerebras prices IPO at $28 per share, raising $1.1 billion", "",
			want{event: news.EventIPO, primary: "Cerebras", amount: 1.1e9, currency: "USD"}},
		{"revenue is not the deal", "Scale AI, with $870 million in annual revenue, raises $1 billion", "",
			want{event: news.EventFunding, primary: "Scale AI", amount: 1e9}},
		{"a funded object is not the company's round", "OpenAI-backed fund raises $175 million for early-stage startups", "",
			want{absent: []string{"OpenAI"}}},

		// Background and comparisons are not the event.
		{"a past raise in a which-clause is background", "Harvey launches AI agents for law firms",
			"Harvey, which raised $300 million last year, said the agents draft contracts.",
			want{event: news.EventProductLaunch, primary: "Harvey"}},
		{"after-raising is background", "After raising $6 billion, xAI unveils Grok 3", "",
			want{event: news.EventModelRelease, primary: "xAI", model: "Grok 3"}},
		{"a former employee's startup is the subject", "Former OpenAI researchers launch startup Periodic Labs with $300 million seed", "",
			want{event: news.EventFunding, primary: "Periodic Labs", amount: 300e6, round: "seed"}},

		{"an X-led round names no company", "Kestrel-led round values robot maker Acme Robotics at $2 billion", "",
			want{event: news.EventFunding, valuation: 2e9, absent: []string{"Kestrel-led"}}},
		{"investors value X at $Y is a valuation", "Investors value Acme Robotics at $5 billion in new funding", "",
			want{event: news.EventFunding, valuation: 5e9}},
		{"a credit facility is funding", "Anthropic lines up $2.5 billion revolving credit facility from banks", "",
			want{event: news.EventFunding, primary: "Anthropic", amount: 2.5e9}},
		{"a one-word investor phrase needs a funding sentence", "Kimi K2, just out from Moonshot, leads open models on coding benchmarks",
			"The new model from Moonshot AI tops the tables.",
			want{event: news.EventModelRelease, primary: "Moonshot AI", lead: nil}},
		// Model releases.
		{"the name before 'model' is the model, not its maker", "Beijing lab's open X9 model rivals o3 at a fraction of the cost",
			"DeepSeek released the weights on Monday.",
			want{event: news.EventModelRelease, primary: "DeepSeek", absent: []string{"X9"}}},
		{"release with size and open weights", "Meta releases Llama 3.1 405B with open weights", "",
			want{event: news.EventModelRelease, primary: "Meta", model: "Llama 3.1 405B", params: "405B", open: true}},
		{"size in words", "Alibaba unveils Qwen3, a 235 billion-parameter open-source model", "",
			want{event: news.EventModelRelease, primary: "Alibaba", params: "235B", open: true}},
		{"zh size in 亿", "阿里巴巴发布通义千问Qwen3", "新模型拥有2350亿参数，并已开源。",
			want{event: news.EventModelRelease, params: "235B", open: true}},
		{"mixture of experts keeps its shape", "Mistral AI releases Mixtral 8x22B", "",
			want{event: news.EventModelRelease, params: "8x22B"}},
		{"closed model is not open weights", "OpenAI launches GPT-5, a closed-source model", "",
			want{event: news.EventModelRelease, primary: "OpenAI", open: false}},
		{"a price does not make a size", "Google releases Gemini 2.5 Flash at $0.30 per million tokens", "",
			want{event: news.EventModelRelease, primary: "Google", params: ""}},

		// Acquisitions.
		{"zh passive: the buyer stands between 被 and the verb", "蝴蝶效应被Meta收购", "",
			want{event: news.EventAcquisition, acquirer: "Meta", target: "Manus"}},
		{"zh passive cue without a buyer: the target's name in pinyin", "深瞳智算被收购", "",
			want{event: news.EventAcquisition, target: "Shentong Zhisuan"}},
		// IPOs.
		{"to list in a city is an IPO", "Zhipu becomes the first Chinese model maker to list in Hong Kong", "",
			want{event: news.EventIPO, primary: "Zhipu AI"}},
		{"a company outside AI buying an AI startup puts the startup first", "Stripe acquires AI agent startup Lumora for $400 million", "",
			want{event: news.EventAcquisition, primary: "Lumora", acquirer: "Stripe", target: "Lumora"}},
		{"zh a company outside AI buying an AI startup puts the startup first", "斥资3亿美元，Stripe收购AI初创公司Lumora", "",
			want{event: news.EventAcquisition, primary: "Lumora", acquirer: "Stripe"}},
		{"the target a company outside AI buys takes the layer its description gives", "Netflix acquires AI video startup Vizmo for $500 million", "",
			want{event: news.EventAcquisition, primary: "Vizmo", layer: news.LayerApplication, acquirer: "Netflix", target: "Vizmo"}},
		{"zh a company the dictionary files outside AI is the company of its own news", "保时捷发布新款911 Turbo", "",
			want{event: news.EventProductLaunch, primary: "Porsche", layer: news.LayerNone}},
		{"near miss: a company's short name inside an ordinary word", "互联网飞速发展带动AI应用普及", "",
			want{event: news.EventOther, absent: []string{"Netflix"}}},
		{"near miss: what a company outside AI buys is no AI business", "Stripe acquires billing startup Lumora for $400 million", "",
			want{event: news.EventAcquisition, primary: "Stripe", acquirer: "Stripe", target: "Lumora"}},
		{"near miss: an AI word inside a name is not a descriptor", "Stripe acquires OpenAIR Payments for $400 million", "",
			want{event: news.EventAcquisition, primary: "Stripe", acquirer: "Stripe"}},
		{"zh 对…的 holds the target before the verb", "星河智能宣布完成对量子科技的并购", "",
			want{event: news.EventAcquisition, primary: "Xinghe Intelligence", acquirer: "Xinghe Intelligence", target: "Liangzi Technology"}},
		{"zh a company in what describes the buyer does not buy", "Anthropic合资公司Lumora收购一家咨询公司", "",
			want{event: news.EventAcquisition, primary: "Lumora", acquirer: "Lumora"}},
		{"zh the passive's doer follows 被", "星河智能被量子科技收入囊中，作价约2.6亿元", "",
			want{event: news.EventAcquisition, primary: "Liangzi Technology", acquirer: "Liangzi Technology", target: "Xinghe Intelligence"}},
		{"near miss: a passive without 被's doer names no buyer", "星河智能被收购", "",
			want{event: news.EventAcquisition, primary: "Xinghe Intelligence", target: "Xinghe Intelligence", noBuyer: true}},
		{"active acquisition", "Databricks acquires MosaicML for $1.3 billion", "",
			want{event: news.EventAcquisition, acquirer: "Databricks", target: "MosaicML", amount: 1.3e9}},
		{"passive acquisition", "Run:ai to be acquired by Nvidia", "",
			want{event: news.EventAcquisition, acquirer: "Nvidia", target: "Run:ai"}},
		{"agreed deal is announced", "AMD agrees to buy Silo AI for $665 million", "",
			want{event: news.EventAcquisition, status: news.StatusAnnounced, acquirer: "AMD", target: "Silo AI"}},

		// Ambiguous names need a company context.
		{"apple the fruit", "Apple harvest falls as drought hits orchards", "", want{absent: []string{"Apple"}}},
		{"mistral the wind", "The mistral wind fanned wildfires in southern France", "", want{absent: []string{"Mistral AI"}}},
		{"scale the word", "Companies scale AI adoption across teams", "", want{absent: []string{"Scale AI"}}},
		{"runway the word", "The startup has 18 months of runway", "", want{absent: []string{"Runway"}}},
		{"meta-analysis is not Meta", "A meta-analysis of clinical trials finds benefits", "", want{absent: []string{"Meta"}}},
		{"harvey the person", "Harvey Weinstein appeal rejected by court", "", want{absent: []string{"Harvey"}}},
		{"an award is not a company", "Geoffrey Hinton wins Turing Award for deep learning", "", want{event: news.EventOther}},
		{"harvey the company", "Legal AI startup Harvey raises $300 million", "",
			want{event: news.EventFunding, primary: "Harvey", amount: 300e6}},

		// Other types.
		{"a SPAC listing is an IPO", "AI chipmaker Groq to go public via SPAC merger", "",
			want{event: news.EventIPO, primary: "Groq"}},
		{"a model price cut is a product launch, not a release", "OpenAI cuts API prices for GPT-4o by 50%", "",
			want{event: news.EventProductLaunch, primary: "OpenAI"}},
		{"a rule issued is a completed act", "工信部印发《人工智能终端安全管理办法》", "",
			want{event: news.EventRegulation, status: news.StatusCompleted}},
		{"near miss: a draft for comment is not yet adopted", "工信部发布《人工智能终端安全管理办法（征求意见稿）》", "",
			want{event: news.EventRegulation, status: news.StatusAnnounced}},
		{"rules that take effect are completed", "EU rules for general-purpose AI models take effect", "",
			want{event: news.EventRegulation, status: news.StatusCompleted}},
		{"near miss: rules that will take effect are announced", "EU rules for general-purpose AI models will take effect in August", "",
			want{event: news.EventRegulation, status: news.StatusAnnounced}},
		{"zh a verb of purpose ends the object: vouchers handed out are public money", "杭州市向园区企业发放5亿元模型券助力应用落地", "",
			want{event: news.EventRegulation, noPrimary: true}},
		{"near miss: a fund set up to support firms is no grant", "苏州设立30亿元母基金扶持机器人企业", "",
			want{event: news.EventOther}},
		{"a valuation sought in talks is a round", "Lumora Robotics in talks for $9 billion valuation, people familiar say", "",
			want{event: news.EventFunding, status: news.StatusRumored, valuation: 9e9}},
		{"near miss: revenue eyed is no round", "Lumora Robotics eyes $900 million in revenue next year", "",
			want{event: news.EventOther}},
		{"zh a guide a regulator issues is its policy, not the headline's genre", "国家数据局印发可信数据空间建设指南", "",
			want{event: news.EventRegulation, status: news.StatusCompleted}},
		{"near miss: a guide to using a tool is a genre", "新手指南：用AI整理会议纪要", "",
			want{event: news.EventOther}},
		{"a unit of measure heads no phrase: what follows of does", "Lumora Cloud buys 2 GW of wind power for its campuses", "",
			want{event: news.EventOther, noBuyer: true}},
		{"near miss: a count of a named company's chips is a purchase from it", "Lumora Cloud buys 20,000 of Nvidia's newest accelerators", "",
			want{event: news.EventPartnership}},
		{"zh an event a 后 closes happened before the clause's news", "星河智能完成C轮融资后启动新一轮裁员", "",
			want{event: news.EventLayoffs}},
		{"near miss: 后续 begins a word of its own", "星河智能获数亿元B轮融资 后续将扩建产线", "",
			want{event: news.EventFunding}},
		{"zh a noun before a company word qualifies the companies", "AI芯片公司集体降价，行业洗牌加速", "",
			want{event: news.EventOther}},
		{"near miss: a named model's price cut is product news", "Lumen-Pro模型调用价格直降70%", "",
			want{event: news.EventProductLaunch}},
		{"a tutor is a product", "Lumora Learning launches an AI tutor for nursing students", "",
			want{event: news.EventProductLaunch, primary: "Lumora Learning"}},
		{"a headline of what someone said names no event, whatever the lead holds", "Lumora's chief scientist says model scaling has years left",
			"She spoke at a developer conference where the company showed new features for its app.",
			want{event: news.EventOther}},
		{"near miss: a company that says names what it announces", "Lumora debuts a coding agent it says fixes bugs twice as fast", "",
			want{event: news.EventProductLaunch}},
		{"a customer story's with stands in its headline", "Halvard Bank moves faster with Claude", "",
			want{event: news.EventPartnership}},
		{"near miss: with in a lead is no customer story", "Ten tips for the school year",
			"Here is how students can get started with the Gemini app.",
			want{event: news.EventOther}},
		{"a round of something that is not money is no funding round", "Results from our latest round of red-team testing with outside labs", "",
			want{event: news.EventOther}},
		{"near miss: a round of funding is", "Lumora Robotics closes a new round of funding from Halyard Capital", "",
			want{event: news.EventFunding}},
		{"a seed followed by another noun is no round", "Acme launches a 'seed' grant program for student founders", "",
			want{event: news.EventOther}},
		{"near miss: a seed led by an investor is a round", "Lumora Robotics closes $3M seed led by Halyard Capital", "",
			want{event: news.EventFunding, round: "seed"}},
		{"a person on why is an interview", "Lumora's founder Ada Reyes on why small models will win", "",
			want{event: news.EventOther}},
		{"of between capitalised words is inside a name: the contract heads the phrase", "Lumora Labs lands Department of Energy contract for grid forecasting", "",
			want{event: news.EventPartnership, primary: "Lumora Labs", noBuyer: true}},
		{"a hub a company builds is its own capex", "Lumora Cloud to invest $3 billion in Lisbon AI hub", "",
			want{event: news.EventOther}},
		{"near miss: a startup invested in is funding", "Lumora Cloud to invest $300 million in Lisbon startup Halvane", "",
			want{event: news.EventFunding, primary: "Halvane"}},
		{"deliveries and sales that start launch a product", "Lumora Motors starts deliveries of its self-driving van in Spain", "",
			want{event: news.EventProductLaunch}},
		{"a model generally available is released", "Lumora's Lumen 2 Flash is now generally available", "",
			want{event: news.EventModelRelease}},
		{"a round's name and a name's ending are capitalised in any case, not title case", "Halyard Capital leads $25M Series A in Nimbus Labs", "",
			want{event: news.EventFunding, primary: "Nimbus Labs", lead: []string{"Halyard Capital"}}},
		{"near miss: a headline in title case stays one", "Why Robotics Labs Struggle To Raise A Series A", "",
			want{event: news.EventOther, noPrimary: true}},
		{"a fronted phrase about money names who raised it after the comma", "With $30M in fresh funding, Lumora Robotics wants to put arms in every warehouse", "",
			want{event: news.EventFunding, primary: "Lumora Robotics", amount: 30e6}},
		{"near miss: what a company wants before the cue makes it a possibility", "Lumora Robotics wants to raise $30M, CEO says", "",
			want{event: news.EventOther}},
		{"a company in someone's past leaves the headline's own name its subject", "Lumora Labs appoints former Nokia executive as CEO", "",
			want{event: news.EventOther, primary: "Lumora Labs"}},
		{"near miss: the company that appoints is the subject", "Nokia appoints former Lumora Labs executive as CEO", "",
			want{event: news.EventOther, primary: "Nokia"}},
		{"a name with a company's ending opens a headline about job cuts", "Lumora Semiconductor announces a second round of job cuts", "",
			want{event: news.EventLayoffs, primary: "Lumora Semiconductor"}},
		{"near miss: a place that cuts jobs is no company", "Texas announces a second round of job cuts at state agencies", "",
			want{event: news.EventLayoffs, noPrimary: true}},
		{"a name before a company's role acts for the company", "Lumora CEO rules out an IPO before 2028", "",
			want{event: news.EventOther, primary: "Lumora"}},
		{"near miss: a role with no name before it", "Former CEO rules out a comeback", "",
			want{event: news.EventOther, noPrimary: true}},
		{"a name after a word that says what it is opens the headline", "Coding agent Lumora crosses $200M in annual recurring revenue", "",
			want{event: news.EventOther, primary: "Lumora", layer: news.LayerApplication}},
		{"near miss: the descriptor in the plural names a class", "Coding agents cross $2B in annual revenue", "",
			want{event: news.EventOther, noPrimary: true}},
		{"a descriptor after an ambiguous name describes the name after it", "Humanoid maker Lumora raises $75 million", "",
			want{event: news.EventFunding, primary: "Lumora", absent: []string{"Humanoid"}}},
		{"near miss: a descriptor in an aside describes the ambiguous name", "Humanoid, the robot maker, raises $75 million", "",
			want{event: news.EventFunding, primary: "Humanoid"}},
		{"a city is no company", "Singapore to offer S$50m in compute vouchers for small firms", "",
			want{event: news.EventRegulation, noPrimary: true}},
		{"near miss: a city's company is the subject", "Bengaluru's Lumora AI files for ₹1,500 crore IPO", "",
			want{event: news.EventIPO, primary: "Lumora AI"}},
		{"satellites launched are no product", "Lumora Space launches 24 satellites from Vandenberg", "",
			want{event: news.EventOther}},
		{"near miss: an app about satellites is", "Lumora Space launches a satellite imagery app", "",
			want{event: news.EventProductLaunch}},
		{"a domain bought is goods", "Lumora buys lumora.com domain for $1.1 million", "",
			want{event: news.EventOther}},
		{"a cloud's new inference region is a product", "Lumora Cloud opens inference region in Frankfurt", "",
			want{event: news.EventProductLaunch, primary: "Lumora Cloud"}},
		{"near miss: a new office is not", "Lumora Cloud opens office in Frankfurt", "",
			want{event: news.EventOther}},
		{"an age is no version", "Meet the 23-year-old running Lumora's agent team", "",
			want{event: news.EventOther}},
		{"near miss: a name with a version after Meet is a model", "Meet Lumen 2, Lumora's new model", "",
			want{event: news.EventModelRelease}},
		{"the head of a described apposition after a colon", "Introducing Kestrel: a speech model small enough for a watch", "",
			want{event: news.EventModelRelease}},
		{"zh a science bureau's special programme is public money", "某某省科技厅设立具身智能专项，资助2亿元", "",
			want{event: news.EventRegulation}},
		{"near miss: zh a company's special team is not", "某某科技设立具身智能专项团队", "",
			want{event: news.EventOther}},
		{"zh a name after a company word prices its shares", "AI写作公司笔灵定价每股9港元，募资约3亿港元", "",
			want{event: news.EventIPO, status: news.StatusCompleted, primary: "Biling", layer: news.LayerApplication}},
		{"zh what 的 closes describes the company whose person speaks", "曾获红杉领投的星河智能CEO：暂不考虑上市", "",
			want{event: news.EventOther, primary: "Xinghe Intelligence"}},
		{"zh an AI word before the company word makes an unknown company an AI business", "AI法律公司律衡科技完成2亿元B轮融资", "",
			want{event: news.EventFunding, layer: news.LayerApplication}},
		{"near miss: zh a tea company is not", "茶饮公司茶里完成2亿元B轮融资", "",
			want{event: news.EventFunding, layer: news.LayerNone}},
		{"crore and lakh scale rupees", "Lumora raises Rs 50 crore in seed round", "",
			want{event: news.EventFunding, amount: 500e6, currency: "INR", round: "seed"}},
		{"near miss: a code in letters starts a word", "Lumora Chambers raises $40 million", "",
			want{event: news.EventFunding, amount: 40e6, currency: "USD"}},
		{"a round raised by a company names it after by, past its city", "Series A of ₹180 crore raised by Pune's Lumora Labs", "",
			want{event: news.EventFunding, primary: "Lumora Labs", amount: 1.8e9, currency: "INR", round: "series_a"}},
		{"zh an investor after 被 invests in the company before it", "推理平台某某科技被红杉中国独家投资1亿元", "",
			want{event: news.EventFunding, primary: "Moumou Technology", lead: []string{"HongShan"}, amount: 1e8, currency: "CNY"}},
		{"near miss: zh 投资 of a sum in a data centre is capex", "某某投资100亿元建设智算中心", "",
			want{event: news.EventOther}},
		{"a count reached is a milestone, not a launch", "Lumora ships its 10,000th robot", "",
			want{event: news.EventOther}},
		{"near miss: a generation is a launch", "Lumora unveils its 5th-generation chip", "",
			want{event: news.EventProductLaunch}},
		{"zh measures a city issues are final rules", "杭州市发布促进具身智能产业发展若干措施", "",
			want{event: news.EventRegulation, status: news.StatusCompleted}},
		{"a wearable ring is a product", "Hands-free: Lumora debuts smart ring with health coach", "",
			want{event: news.EventProductLaunch, primary: "Lumora"}},
		{"a noun of intent before to is what a company means to do", "Lumora unveils plan to build three data centers in Texas", "",
			want{event: news.EventOther}},
		{"near miss: a plan with no to after it is a product", "Lumora unveils a cheaper plan for small businesses", "",
			want{event: news.EventProductLaunch}},
		{"a title that ends in a report word is a report", "Harbor Institute releases its 2026 Robotics Index", "",
			want{event: news.EventOther}},
		{"near miss: a title with a version is a model", "Harbor Institute releases Atlas 2 for warehouse robots", "",
			want{event: news.EventModelRelease}},
		{"figures about a model are a report", "Alibaba releases Qwen download figures", "",
			want{event: news.EventOther}},
		{"a capitalised company word after a model's name names a product", "Alibaba releases Qwen Studio for designers", "",
			want{event: news.EventProductLaunch, primary: "Alibaba"}},
		{"near miss: a company word after a model's name in lower case is its team", "Alibaba's Qwen studio wins a design award", "",
			want{event: news.EventOther}},
		{"an ambiguous name after a provider word is the company", "AI cloud provider Lambda opens a new GPU region in Texas", "",
			want{primary: "Lambda"}},
		{"an ambiguous name opening a headline before a company's verb is the company", "Runway previews its next video model to a few studios", "",
			want{primary: "Runway"}},
		{"near miss: a common word before a verb people do is no company", "Mistral winds batter the Rhône valley", "",
			want{noPrimary: true}},
		{"zh an ambiguous name right before a product word is its maker", "小米 AI 耳机正式开售", "",
			want{primary: "Xiaomi"}},
		{"near miss: zh the common word before food is none", "小米粥的十种做法", "",
			want{noPrimary: true}},
		{"a share before a stake is no acquirer", "Halvard Systems takes a controlling 60% stake in Lumora Robotics", "",
			want{event: news.EventAcquisition, acquirer: "Halvard Systems", target: "Lumora Robotics"}},
		{"a company no list knows that builds speech models is a model company", "Lisbon's Falavoz raises $9M to build speech models for Portuguese", "",
			want{event: news.EventFunding, primary: "Falavoz", layer: news.LayerModel}},
		{"near miss: one that builds coding agents is an application", "Falavoz raises $9M Series A for its coding agents", "",
			want{event: news.EventFunding, primary: "Falavoz", layer: news.LayerApplication}},
		{"zh an embodied brain is a model company's", "具身大脑公司「衡枢智能」获亿元天使轮融资", "",
			want{event: news.EventFunding, layer: news.LayerModel}},
		{"zh a bracketed name after a company word is the object, whatever its last word", "某某集团收购具身智能公司「衡川机器人」", "",
			want{event: news.EventAcquisition, target: "Hengchuan Robotics"}},
		{"a firm of another industry buying an AI business leaves the target primary", "华锦光电拟3亿元收购算力服务商「云擎科技」60%股权", "",
			want{event: news.EventAcquisition, primary: "Yunqing Technology"}},
		{"near miss: an AI company buying keeps the acquirer primary", "「云擎科技」拟收购算力服务商「华锦数据」", "",
			want{event: news.EventAcquisition, primary: "Yunqing Technology"}},
		{"an opener is not part of the model's name", "Introducing Lumen 4.1", "",
			want{event: news.EventModelRelease, model: "Lumen 4.1"}},
		{"zh a decimal after a model's name is its version", "某某科技发布Lumen 3.5多模态大模型", "",
			want{event: news.EventModelRelease, model: "Lumen 3.5"}},
		{"near miss: zh a number running into Han text is a size, not a version", "某某科技发布Lumen 720亿参数大模型", "",
			want{event: news.EventModelRelease, model: "Lumen", params: "72B"}},
		{"a seed-funded company is a description, not a round", "Half of last year's seed-funded robotics startups have not raised again", "",
			want{event: news.EventOther}},
		{"a change that clears a path for funding is no round yet", "Lumora's restructuring clears path for new funding", "",
			want{event: news.EventOther}},
		{"zh a funding word before a company word names a kind of company", "星河智能成立产业投资子公司", "",
			want{event: news.EventOther}},
		{"near miss: zh money put into a named company is funding", "星河智能投资衡川科技", "",
			want{event: news.EventFunding}},
		{"zh the cost of funding is a topic", "AI初创公司融资成本持续下降", "",
			want{event: news.EventOther}},
		{"zh a new shareholder named in the clause is funding", "「衡川机器人」新增股东某某资本", "",
			want{event: news.EventFunding}},
		{"an ISO code before a sum is its currency", "Oslo's Fjordvind raises NOK 300 million for GPU halls", "",
			want{event: news.EventFunding, amount: 300e6, currency: "NOK"}},
		{"a debut on a named exchange is a listing", "Chip designer Lumora Silicon jumps 80% on Shenzhen debut", "",
			want{event: news.EventIPO}},
		{"near miss: a listing long past is background", "Lumora Silicon shares jump 80% a year after Shenzhen debut", "",
			want{event: news.EventOther}},
		{"a listing 'possibly' next year is talk", "Lumora CEO: IPO 'possibly' in 2027", "",
			want{event: news.EventOther}},
		{"a valuation in secondary trades is no round", "Lumora Robotics valued at $3 billion in secondary trades", "",
			want{event: news.EventOther}},
		{"near miss: now worth after a new round is funding", "Cohere is now worth $9 billion after Halyard-led deal", "",
			want{event: news.EventFunding, valuation: 9e9}},
		{"zh a maker's name joined to a version is the model released", "Lumen-R3正式开源，代码能力提升", "",
			want{event: news.EventModelRelease, open: true}},
		{"the owner of a thing that launches is its maker", "Ledgerly's AI bookkeeping agent now supports payroll", "",
			want{event: news.EventProductLaunch, primary: "Ledgerly"}},
		{"near miss: a usage figure of a product is no launch", "Halvard says its AI assistant now handles the work of 700 agents", "",
			want{event: news.EventOther}},
		{"an -ing word after an owner qualifies the owner's thing", "Lumora licenses Windsail's coding tech in $400M deal", "",
			want{event: news.EventPartnership}},
		{"zh a bracketed name after a product word is the company bought", "传某某集团洽谈收购AI写作工具「墨笺」", "",
			want{event: news.EventAcquisition, status: news.StatusRumored, target: "Mojian"}},
		{"a disbursement of public money is regulation news", "Lumora Silicon receives $400M CHIPS Act disbursement", "",
			want{event: news.EventRegulation}},
		{"a number word opening a headline is no company", "Three former Stripe engineers launch Corvane with $12 million seed", "",
			want{event: news.EventFunding, primary: "Corvane"}},
		{"zh the speaker's company after an interview word, before a vice role", "专访Cohere副总裁：企业客户更看重私有部署", "",
			want{primary: "Cohere"}},
		{"zh a longer alias wins over the one inside it", "京东方发布新一代车载显示屏", "",
			want{primary: "BOE Technology", absent: []string{"JD.com"}}},
		{"an ambiguous name that owns a product of the lists is the company", "Why Figure's humanoid robots still need a minder", "",
			want{primary: "Figure AI"}},
		{"near miss: a common word that owns no product stays a word", "Apple's orchard tour draws crowds", "",
			want{noPrimary: true}},
		{"a name before turned down is a company's", "Thinking Machines turned down a buyout offer, staff told", "",
			want{primary: "Thinking Machines Lab", event: news.EventOther}},
		{"a firm that sets up a fund names itself", "Abu Dhabi's MGX sets up $10 billion AI chips fund", "",
			want{event: news.EventOther, primary: "MGX"}},
		{"a name after another preposition is not what money goes into", "Figure's humanoid robots put in night shifts at BMW plant", "",
			want{event: news.EventOther, primary: "Figure AI"}},
		{"near miss: a name after into is funded", "Halvard to put $2 billion into Anthropic", "",
			want{event: news.EventFunding, primary: "Anthropic"}},
		{"zh a diversified company building AI infrastructure acts in infrastructure", "腾讯：今年将投入千亿元建设AI基础设施", "",
			want{primary: "Tencent", layer: news.LayerInfrastructure}},
		{"near miss: the same company releasing a model acts in model", "腾讯发布混元新一代大模型", "",
			want{primary: "Tencent", layer: news.LayerModel}},
		{"zh a cue inside a false friend starts no list of investors", "传衡川机器人洽谈新一轮融资",
			"有消息称，衡川机器人正与多家投资机构商谈新一轮融资。",
			want{event: news.EventFunding, primary: "Hengchuan Robotics", noLead: true}},
		{"near miss: zh a name before 投资 is an investor", "衡川机器人获新一轮融资", "某某资本投资。",
			want{event: news.EventFunding, primary: "Hengchuan Robotics"}},
		{"zh a state fund written two ways is listed once, as the text names it first", "「曦算科技」完成10亿元C轮融资 国家大基金三期领投",
			"本轮由国家集成电路产业投资基金三期领投。",
			want{event: news.EventFunding, lead: []string{"国家大基金三期"}}},
		{"an ambiguous name before a word for a plan's users names the plan", "Lumen 3 rolls out to Plus and Pro users today", "",
			want{absent: []string{"PlusAI"}}},
		{"near miss: the same name raising money is the company", "Plus raises $200 million for self-driving trucks", "",
			want{event: news.EventFunding, primary: "PlusAI"}},
		{"not right before a cue denies it", "Lumora's chief says it shrank by attrition, not layoffs", "",
			want{event: news.EventOther}},
		{"near miss: not after the cue corrects a figure, the event stands", "Lumora Robotics cuts 300 jobs, not 500", "",
			want{event: news.EventLayoffs}},
		{"a person in apposition is no product", "Halvard introduces Ada Reyes, its new CFO", "",
			want{event: news.EventOther}},
		{"near miss: a product in apposition is launched", "Halvard introduces Lumen, an agent for auditors", "",
			want{event: news.EventProductLaunch}},
		{"a brand identity is no product", "Lumora unveils new brand identity", "",
			want{event: news.EventOther}},
		{"zh a layer descriptor right before another's qualifies it", "「衡算科技」获天使轮融资，专注大模型推理加速", "",
			want{event: news.EventFunding, layer: news.LayerMiddleware}},
		{"near miss: zh the same descriptor alone names its layer", "「衡算科技」获天使轮融资，专注多模态大模型", "",
			want{event: news.EventFunding, layer: news.LayerModel}},
		{"a maker of robots no list knows builds applications", "Halvane Dynamics raises $30M Series A to build warehouse robots", "",
			want{event: news.EventFunding, layer: news.LayerApplication}},
		{"near miss: a maker of robot brains builds models", "Halvane Dynamics raises $30M Series A to build a robot brain", "",
			want{event: news.EventFunding, layer: news.LayerModel}},
		{"a grant a company wins has been given", "Helsinki startup Lumora Health wins €2M EU research grant", "",
			want{event: news.EventRegulation, status: news.StatusCompleted, primary: "Lumora Health"}},
		{"near miss: grants a government offers are a policy announced", "深圳：对具身智能企业最高给予500万元研发补贴", "",
			want{event: news.EventRegulation, status: news.StatusAnnounced}},
		{"zh a fund's own close names the firm that raises it", "君联资本新一期人民币基金完成首关", "",
			want{event: news.EventOther, primary: "Legend Capital", layer: news.LayerNone}},
		{"a plan denied is no event", "Acme says it has no near-term plans to go public", "",
			want{event: news.EventOther}},
		{"zh 不会 denies what follows it", "星河智能CEO：Lumen-5不会在年内推出", "",
			want{event: news.EventOther}},
		{"near miss: a forward negation leaves the event before it standing", "星河智能完成融资，称不会裁员", "",
			want{event: news.EventFunding, primary: "Xinghe Intelligence"}},
		{"a round of talks is no funding round", "Acme union and management open a new round of wage talks", "",
			want{event: news.EventOther}},
		{"a first-person post reports no event", "I rebuilt our search with an LLM and regretted it", "",
			want{event: news.EventOther}},
		{"zh a technology licence is a partnership; the AI startup named first is primary", "大模型初创公司星河智能技术授权美团，创始团队加盟美团", "",
			want{event: news.EventPartnership, primary: "Xinghe Intelligence", companies: []string{"Meituan"}}},
		{"the doer of a partnership is the name before it, not the partner after it", "AI startup Lumora partners with Meituan", "",
			want{event: news.EventPartnership, primary: "Lumora", companies: []string{"Meituan"}}},
		{"near miss: a known company named first stays primary", "Meituan partners with AI startup Lumora", "",
			want{event: news.EventPartnership, primary: "Meituan"}},
		{"consumer hardware with a model number is a product", "Acme launches ZX-900 noise-cancelling headphones at $449", "",
			want{event: news.EventProductLaunch, primary: "Acme"}},
		{"near miss: a model number before a model noun is a model", "Acme launches ZX-900 reasoning model", "",
			want{event: news.EventModelRelease, model: "ZX-900"}},
		{"a name before what companies do opens a headline about it", "Tovaro recalls 800 delivery robots over a battery flaw", "",
			want{event: news.EventOther, primary: "Tovaro"}},
		{"a firm raising a fund of its own is what the news is about", "Brightwater Partners closes $25M debut fund to back climate founders", "",
			want{event: news.EventOther, primary: "Brightwater Partners", layer: news.LayerNone}},
		{"zh a known firm raising a fund of its own", "高瓴设立50亿元人工智能基金", "",
			want{event: news.EventOther, primary: "Hillhouse Investment", layer: news.LayerNone}},
		{"near miss: a firm leading a round is not what the news is about", "Brightwater Partners leads $25M round in Lumora", "",
			want{event: news.EventFunding, primary: "Lumora", absent: []string{"Brightwater Partners"}}},
		{"the investor joining a round puts money in what follows for", "Bpifrance joins €25m round for Lyon drone maker Altivo", "",
			want{event: news.EventFunding, primary: "Altivo", investors: []string{"Bpifrance"}}},
		{"investors co-leading a round put money in what follows in", "Accel and Lightspeed co-lead $35M round in AI bookkeeping startup Tallyo", "",
			want{event: news.EventFunding, primary: "Tallyo", absent: []string{"Lightspeed"}}},
		{"near miss: a name like an investor's that raises is the raiser", "Thrive Holdings, backed by Nvidia, raises $500M for AI rollups", "",
			want{event: news.EventFunding, primary: "Thrive Holdings"}},
		{"a company the taxonomy does not know that buys compute trains models", "Halvard Labs inks $250M compute agreement with Amazon", "",
			want{event: news.EventPartnership, primary: "Halvard Labs", layer: news.LayerModel}},
		{"near miss: a company buying cloud services is not shown to be in AI", "Halvard Bank signs $40M cloud deal with Amazon", "",
			want{event: news.EventPartnership, primary: "Amazon"}},
		{"an ambiguous name joined to a known company's is a company", "Oracle and Anthropic sign $20 billion cloud capacity pact", "",
			want{event: news.EventPartnership, primary: "Oracle", companies: []string{"Anthropic"}}},
		{"near miss: an ambiguous word not joined to a company stays a word", "Oracle bones and OpenAI: reading the oldest script", "",
			want{absent: []string{"Oracle"}}},
		{"a diversified company in news that does not touch AI acts outside the industry", "Microsoft cuts 650 jobs in its Xbox studios", "",
			want{primary: "Microsoft", layer: news.LayerNone}},
		{"near miss: a diversified company in news about AI keeps an AI layer", "Microsoft cuts 1,900 jobs as it moves spending to AI data centers", "",
			want{primary: "Microsoft", layer: news.LayerInfrastructure}},
		{"zh a phone maker's phone launch with no AI is outside the industry", "苹果发布新款iPad Pro，下周正式发售", "",
			want{primary: "Apple", layer: news.LayerNone}},
		{"a headline answering a report on the record is not rumoured", "Lumora founder dismisses report that Halvard sought a takeover",
			"Halvard reportedly approached the company last month.",
			want{event: news.EventOther, status: news.StatusAnnounced}},
		{"zh a company responding to a rumour is not rumoured", "深瞳智算回应融资传闻：一切以公司公告为准", "",
			want{event: news.EventOther, status: news.StatusAnnounced}},
		{"near miss: a report a headline does not answer stays rumoured", "Halvard is reportedly in talks to buy Lumora", "",
			want{status: news.StatusRumored}},
		{"a model-API price cut is product news", "Cohere cuts Command R API prices by half", "",
			want{event: news.EventProductLaunch, primary: "Cohere"}},
		{"near miss: a car's price cut is no product news", "Tesla trims the price of its Model 3 Long Range in Europe", "",
			want{event: news.EventOther, primary: "Tesla"}},
		{"near miss: a graphics card's price cut is no product news", "Nvidia cuts prices of its RTX 5080 cards in Japan", "",
			want{event: news.EventOther}},
		{"a car named Model is a product", "Tesla unveils cheaper Model Y", "",
			want{event: news.EventProductLaunch, primary: "Tesla"}},
		{"a deal voted down is no deal", "Shareholders vote down Halvard's $300M takeover of Lumora", "",
			want{event: news.EventOther}},
		{"a company that ends talks makes no deal", "Lumora ends acquisition talks with Halvard", "",
			want{event: news.EventOther}},
		{"near miss: a deal that ends a dispute stands", "Halvard to acquire Lumora for $300M, ending patent dispute", "",
			want{event: news.EventAcquisition}},
		{"zh an offer turned down is no deal", "曝某巨头拟入股深瞳智算遭拒", "",
			want{event: news.EventOther}},
		{"a headline ending in '- source' is rumoured", "Lumora raises $200 million at $2 billion valuation - source", "",
			want{event: news.EventFunding, status: news.StatusRumored}},
		{"near miss: an open-source release is no source", "Lumora raises $20 million to build open-source agents", "",
			want{event: news.EventFunding, status: news.StatusCompleted}},
		{"money paid in tranches is announced", "Lumora announces $300M Series C, to be paid in two tranches", "",
			want{event: news.EventFunding, status: news.StatusAnnounced}},
		{"a term sheet is announced", "Lumora signs term sheet for $1 billion Series K", "",
			want{event: news.EventFunding, status: news.StatusAnnounced}},
		{"a bill signed into law is completed", "Governor signs AI safety bill into law", "",
			want{event: news.EventRegulation, status: news.StatusCompleted}},
		{"near miss: a bill introduced is announced", "Senator introduces AI safety bill", "",
			want{event: news.EventRegulation, status: news.StatusAnnounced}},
		{"a product shipping later is announced", "Nvidia unveils new inference GPU, shipping end of 2026", "",
			want{event: news.EventProductLaunch, status: news.StatusAnnounced}},
		{"a quarter is no company", "Lumora says AI startups took 58% of venture funding in Q3", "",
			want{absent: []string{"Q3"}}},
		{"a sum before an acquisition noun is no buyer", "Nvidia completes $700M acquisition of Lumora", "",
			want{event: news.EventAcquisition, primary: "Nvidia", acquirer: "Nvidia", target: "Lumora"}},
		{"a valuation in the last round, in an aside, is background", "Lumora, valued at $7.2bn in its last round, opens Tokyo office", "",
			want{event: news.EventOther}},
		{"near miss: a raise beside the last round stands", "Lumora raises $150M at $7.2bn valuation, up from $4.6bn in its last round", "",
			want{event: news.EventFunding, amount: 150e6}},
		{"two sizes of one family name the family", "Lumora releases lumen-70b and lumen-8b open-weight models", "",
			want{event: news.EventModelRelease, model: "lumen", open: true}},
		{"two variants of one version name the family and version", "Lumora releases Lumen Pro 3 and Flash 3", "",
			want{event: news.EventModelRelease, model: "Lumen 3"}},
		{"near miss: a model and something else name the model", "Lumora releases Lumen Pro 3 and new agent tools", "",
			want{event: news.EventModelRelease, model: "Lumen Pro 3"}},
		{"zh a name in corner brackets after a company word names the company", "AI写作独角兽「星语」裁员约30%", "",
			want{event: news.EventLayoffs, primary: "Xingyu"}},
		{"zh a name in corner brackets before its founder names the company", "「星河智驾」创始人：公司有上市计划，但不着急", "",
			want{event: news.EventOther, primary: "Xinghe Zhijia"}},
		{"zh a name in corner brackets ending like a company's names it", "复盘｜「星河科技」是如何拿到第一笔天使投资的", "",
			want{event: news.EventOther, primary: "Xinghe Technology"}},
		{"near miss: zh a phrase in corner brackets is no company", "「AI员工」正式上岗", "",
			want{noPrimary: true}},
		{"a title-case press release names the company before its sum", "Tallyo Labs Announces $8.5 Million Seed Round to Build AI Agents for Accountants", "",
			want{event: news.EventFunding, primary: "Tallyo Labs", round: "seed", amount: 8.5e6, absent: []string{"ByteDance", "Million"}}},
		{"near miss: a known team named Seed is still the team", "ByteDance's Seed team releases Seed-OSS open models", "",
			want{event: news.EventModelRelease, primary: "ByteDance"}},
		{"a corporation's stake in a company no list knows is a strategic round", "Nvidia takes $40M minority stake in robot-brain startup Halvard Dynamics", "",
			want{event: news.EventFunding, primary: "Halvard Dynamics", round: "strategic", investors: []string{"Nvidia"}, lead: []string{"Nvidia"}}},
		{"near miss: a stake in a market is no round", "Nvidia takes $40M minority stake in robotics market bets", "",
			want{noLead: true}},
		{"what's left of a company is the company", "Halvard has bought what's left of Lumora", "",
			want{event: news.EventAcquisition, acquirer: "Halvard", target: "Lumora"}},
		{"near miss: what's left of a budget is no company", "Halvard has spent what's left of its budget on GPUs", "",
			want{event: news.EventOther}},
		{"a place whose name holds a company's is the place", "A school in Sierra Leone tries AI tutors", "",
			want{absent: []string{"Sierra"}}},
		{"near miss: a company whose name holds a place's is the company", "Palo Alto Networks buys CyberArk for $25 billion", "",
			want{event: news.EventAcquisition, primary: "Palo Alto Networks"}},
		{"a source that gives only the price leaves the deal as told", "Halvard buys AI startup Lumora; a source says for roughly $90M", "",
			want{event: news.EventAcquisition, status: news.StatusCompleted}},
		{"near miss: a source for the deal rumours it", "Halvard buys AI startup Lumora, source says", "",
			want{event: news.EventAcquisition, status: news.StatusRumored}},
		{"zh a company the words before its name call an AI business builds applications", "斥资 5 亿美元，某某影业收购 AI 初创公司 Lumora", "",
			want{primary: "Lumora", layer: news.LayerApplication}},
		{"near miss: zh a company described without AI words has no layer", "斥资 5 亿美元，某某影业收购 视频初创公司 Lumora", "",
			want{layer: news.LayerNone}},
		{"a share of all venture funding is no round", "Tracker: AI startups took 58% of global venture funding in Q3", "",
			want{event: news.EventOther}},
		{"near miss: a company's venture funding is a round", "Lumora secures $5 million in venture funding", "",
			want{event: news.EventFunding, primary: "Lumora"}},
		{"a device names its maker", "iPad mini review: small screen, big battery", "",
			want{primary: "Apple", layer: news.LayerNone}},
		{"near miss: an app store a chart is in is no party", "Lumora's app enters the App Store's top ten", "",
			want{absent: []string{"Apple"}}},
		{"a lab of a diversified company names the company, in the lab's layer", "Meta's superintelligence lab hires two researchers from Google", "",
			want{primary: "Meta", layer: news.LayerModel}},
		{"an ambiguous name a lawsuit governs is the company", "Authors guild sues Perplexity over copyright", "",
			want{event: news.EventRegulation, primary: "Perplexity"}},
		{"near miss: a word a court governs further off is no company", "Court sues over perplexity in the tax code", "",
			want{absent: []string{"Perplexity"}}},
		{"a name that says something of its own thing is a company's", "Brisa says 3 million students used its tutor during exams", "",
			want{event: news.EventOther, primary: "Brisa"}},
		{"near miss: a name that says something of his own is a person's", "Altman says he regrets its launch", "",
			want{event: news.EventOther, noPrimary: true}},
		{"a common word opening an IPO headline before a company's verb is the company", "Harmony has filed confidentially for an IPO, people familiar say", "",
			want{event: news.EventIPO, primary: "Harmony", status: news.StatusRumored}},
		{"near miss: a common word before no company verb is no company", "Harmony returns as IPO window reopens", "",
			want{noPrimary: true}},
		{"near miss: two versions of a family name the first", "Lumora releases Lumen-5 and Lumen-4o to all users", "",
			want{event: news.EventModelRelease, model: "Lumen-5"}},
		{"a company's person speaking names the company", "Vantiro CEO: we won't raise again before 2028", "",
			want{event: news.EventOther, primary: "Vantiro"}},
		{"a name ending like a company's opens a headline about it", "Kelvane Labs says revenue doubled to $12M", "",
			want{event: news.EventOther, primary: "Kelvane Labs"}},
		{"near miss: a person's name before says is no company", "Musk says AI will be smarter than humans next year", "",
			want{event: news.EventOther, noPrimary: true}},
		{"near miss: a nationality before AI is no company", "The Download: Chinese AI divides the White House", "",
			want{event: news.EventOther, noPrimary: true}},
		{"near miss: a verb opening the headline is no company", "Responding to the next frontier of cyber capabilities", "",
			want{event: news.EventOther, noPrimary: true}},
		{"an ambiguous name opening a sentence about AI, before its verb", "Meta to spend up to $40 billion on AI data centers next year", "",
			want{event: news.EventOther, primary: "Meta"}},
		{"near miss: an ambiguous word opening a sentence about AI, before a noun", "Apple harvest falls as AI drones map orchards", "",
			want{event: news.EventOther, absent: []string{"Apple"}}},
		{"zh a company's founder speaking names the company", "星河智能创始人：存算一体芯片会在推理侧先落地", "",
			want{event: news.EventOther, primary: "Xinghe Intelligence"}},
		{"near miss: zh an academic speaking names no company", "清华大学教授：存算一体芯片会在推理侧先落地", "",
			want{event: news.EventOther, noPrimary: true}},
		{"news that is no event is announced, whatever completion words it holds", "Tallyo passes 200,000 paying customers", "",
			want{event: news.EventOther, status: news.StatusAnnounced, primary: "Tallyo"}},
		{"near miss: a rumour that is no event is rumoured", "Wrenfield is reportedly weighing a move to London", "",
			want{event: news.EventOther, status: news.StatusRumored}},
		{"a name an aside describes opens a headline about it", "Paywise, an invoicing app for plumbers, passes 80,000 users", "",
			want{event: news.EventOther, primary: "Paywise"}},
		{"an unknown company in an English story about AI builds on models", "Nimbic lands $3M pre-seed for an AI note-taker for nurses", "",
			want{event: news.EventFunding, primary: "Nimbic", layer: news.LayerApplication}},
		{"near miss: an unknown company in a story not about AI", "Nimbic snags $4.2M pre-seed for offline note-taking", "",
			want{event: news.EventFunding, primary: "Nimbic", layer: news.LayerNone}},
		{"an ambiguous name opening a headline before its own named thing", "Runway's Gen-5 video model is out for all subscribers", "",
			want{primary: "Runway", companies: []string{"Runway"}}},
		{"near miss: an ambiguous word opening a headline before a common noun", "Runway lights fail at two regional airports", "",
			want{event: news.EventOther, absent: []string{"Runway"}}},
		{"an ampersand joins one name", "Brewline Coffee & Bakery raises $25 million to open 60 more cafés", "",
			want{event: news.EventFunding, primary: "Brewline Coffee & Bakery", layer: news.LayerNone}},
		{"apple the company", "Apple acquires AI startup DarwinAI", "",
			want{event: news.EventAcquisition, acquirer: "Apple", companies: []string{"Apple"}}},
		{"a name capitalised inside a sentence about AI", "Leaked Meta rulebook for AI chatbots draws criticism", "",
			want{event: news.EventOther, primary: "Meta", companies: []string{"Meta"}}},
		{"near miss: capitalised inside a sentence with no AI in it", "Leaked Meta rulebook for chatbots raises concerns", "",
			want{event: news.EventOther, absent: []string{"Meta"}}},
		{"near miss: a common word opening the sentence", "Meta descriptions still matter for AI search, marketers say", "",
			want{event: news.EventOther, absent: []string{"Meta"}}},
	}
	for _, tt := range tests {
		t.Run(tt.rule, func(t *testing.T) {
			tags := c.Classify(Input{Title: tt.title, Summary: tt.summary, Date: time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)})
			w, f := tt.want, tags.Fields
			var errs []string
			check := func(what string, got, want any) {
				if !reflect.DeepEqual(got, want) {
					errs = append(errs, what+": got "+fmtAny(got)+", want "+fmtAny(want))
				}
			}
			if w.event != "" {
				check("event", tags.EventType, w.event)
			}
			if w.status != "" {
				check("status", tags.Status, w.status)
			}
			if w.primary != "" || w.noPrimary {
				check("primary", tags.Primary, w.primary)
			}
			if w.layer != "" {
				check("layer", tags.Layer, w.layer)
			}
			names := tags.CompanyNames()
			for _, n := range w.companies {
				if !contains(names, n) {
					errs = append(errs, "missing company "+n+" in "+fmtAny(names))
				}
			}
			for _, n := range w.absent {
				if contains(names, n) {
					errs = append(errs, "unexpected company "+n)
				}
			}
			if w.amount != 0 {
				check("amount", f.Amount, w.amount)
			}
			if w.currency != "" {
				check("currency", f.Currency, w.currency)
			}
			if w.round != "" {
				check("round", f.Round, w.round)
			}
			if w.lead != nil {
				check("lead", f.LeadInvestors, w.lead)
			}
			if w.noLead && len(f.LeadInvestors) > 0 {
				errs = append(errs, "unexpected lead investors "+fmtAny(f.LeadInvestors))
			}
			for _, n := range w.investors {
				if !contains(f.Investors, n) {
					errs = append(errs, "missing investor "+n+" in "+fmtAny(f.Investors))
				}
			}
			if w.valuation != 0 {
				check("valuation", f.Valuation, w.valuation)
			}
			if w.acquirer != "" || w.noBuyer {
				check("acquirer", f.Acquirer, w.acquirer)
			}
			if w.target != "" {
				check("target", f.Target, w.target)
			}
			if w.model != "" {
				check("model", f.Model, w.model)
			}
			if w.event == news.EventModelRelease {
				check("parameters", f.Parameters, w.params)
				check("open_weights", f.OpenWeights, w.open)
			}
			if len(errs) > 0 {
				t.Errorf("%s | %s\n  %s", tt.title, tt.summary, strings.Join(errs, "\n  "))
			}
		})
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func fmtAny(v any) string {
	switch v := v.(type) {
	case string:
		return "\"" + v + "\""
	case []string:
		return "[" + strings.Join(v, ", ") + "]"
	default:
		return fmt.Sprint(v)
	}
}
