package config

import (
	"fmt"
	"maps"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/aitracker/aitracker/news"
)

// Words are the vocabulary the classifier's rules read besides the cue
// phrases: the words for money and its scales, the small words that end a
// name or a phrase, and the like. Each list is a key under "words:" in a
// taxonomy file (config/defaults/words.yaml holds the defaults, each key
// with what it is for); a later file's key replaces the whole list. Where
// the order of a list matters, the rules try its entries in order.
//
// A list tagged lower is compared with lower-cased text: its entries must
// be in lower case, or they would never match.
type Words struct {
	// CurrencySigns are the signs and codes written before an amount
	// ("US$", "€"), tried in order.
	CurrencySigns []WordCode `yaml:"currency_signs" words:"lower"`
	// ScaledCurrencySigns stand for a currency only before a sum with its
	// scale word: "raises R85 million" (rand), not "DeepSeek R1".
	ScaledCurrencySigns []WordCode `yaml:"scaled_currency_signs" words:"lower"`
	// YenContext are words that make ¥ the yen, not the yuan, in the
	// text that holds them ("raises ¥2.4 billion to build Japanese LLMs").
	YenContext []string `yaml:"yen_context" words:"lower"`
	// MoroccanContext are words that make a dirham Morocco's, not the
	// UAE's, in the text that holds them ("Casablanca's … raises 50
	// million dirhams").
	MoroccanContext []string `yaml:"moroccan_context" words:"lower"`
	// CurrencyWords are currency names written after an amount ("1.2
	// billion yuan"), tried in order.
	CurrencyWords []WordCode `yaml:"currency_words" words:"lower"`
	// ZhCurrencyWords are Chinese currency names after an amount
	// ("13亿美元"), tried in order.
	ZhCurrencyWords []WordCode `yaml:"zh_currency_words"`
	// AmountScales follow an amount led by a currency sign ("$1.3
	// billion", "$5bn"), tried in order.
	AmountScales []Scale `yaml:"amount_scales" words:"lower"`
	// CurrencyWordScales stand between a number and a currency word ("1.2
	// billion yuan"), tried in order.
	CurrencyWordScales []Scale `yaml:"currency_word_scales" words:"lower"`
	// ZhScales follow a number in Chinese ("13亿"), tried in order.
	ZhScales []Scale `yaml:"zh_scales"`
	// ValuationBefore and ValuationAfter, near a sum, make it a
	// valuation.
	ValuationBefore []string `yaml:"valuation_before" words:"lower"`
	ValuationAfter  []string `yaml:"valuation_after" words:"lower"`
	// OtherMoneyBefore and OtherMoneyAfter, near a sum, make it a share
	// price, a market value or revenue: not the deal's money.
	OtherMoneyBefore []string `yaml:"other_money_before" words:"lower"`
	OtherMoneyAfter  []string `yaml:"other_money_after" words:"lower"`
	// OfferingBefore and OfferingAfter, near a sum, make it what an
	// offering raises.
	OfferingBefore []string `yaml:"offering_before" words:"lower"`
	OfferingAfter  []string `yaml:"offering_after" words:"lower"`
	// RoundNouns right after a sum make it a round's ("$40 million
	// round").
	RoundNouns []string `yaml:"round_nouns" words:"lower"`
	// RoundHints: every round name holds one; a cheap test before the
	// round patterns.
	RoundHints []string `yaml:"round_hints" words:"lower"`
	// ParameterScales multiply a model's parameter count ("70B", "1
	// trillion parameters", "2350亿参数").
	ParameterScales map[string]float64 `yaml:"parameter_scales"`

	// DescriptorWords describe a company rather than name it ("startup",
	// "chipmaker"); a name follows the last of them.
	DescriptorWords []string `yaml:"descriptor_words" words:"lower"`
	// PaperWords end the names of newspapers, which keep their article
	// ("The Washington Post").
	PaperWords []string `yaml:"paper_words" words:"lower"`
	// Peoples are adjectives of peoples and regions, which describe a
	// company before its name ("Danish Fjordline", "Nordic AI …").
	Peoples []string `yaml:"peoples" words:"lower"`
	// HeadlineOpeners open a headline without naming anyone.
	HeadlineOpeners []string `yaml:"headline_openers" words:"lower"`
	// NotNames are capitalised words that are never a company.
	NotNames []string `yaml:"not_names" words:"lower"`
	// CompanyRules are the heads of rules a company may set for its own
	// users ("rules", "policy", "terms"): such rules coming into force are
	// no law unless a government is named (lower case).
	CompanyRules []string `yaml:"company_rules" words:"lower"`
	// NotOwnedThings are product nouns a person's possessive takes as
	// often as a company's ("Trump's AI plan"): after a name no list
	// knows, they do not make it a company's (lower case).
	NotOwnedThings []string `yaml:"not_owned_things" words:"lower"`
	// GainVerbs are what a customer did with a vendor's help ("How Alder
	// cut quote times by 70% with Fernway"): a customer story's verbs
	// (lower case).
	GainVerbs []string `yaml:"gain_verbs" words:"lower"`
	// Auxiliaries stand between an English subject and its verb, tried
	// in order.
	Auxiliaries []string `yaml:"auxiliaries"`
	// NameAsides open an aside after a headline's subject.
	NameAsides []string `yaml:"name_asides"`
	// NameStops end the object of an English verb, and the name in it.
	NameStops []string `yaml:"name_stops"`
	// FundedPrepositions introduce the company funded in a headline led
	// by its investor.
	FundedPrepositions []string `yaml:"funded_prepositions"`
	// PassivePhrases make an acquisition headline passive.
	PassivePhrases []string `yaml:"passive_phrases" words:"lower"`
	// ZhSubjectEnds end a Chinese headline's subject.
	ZhSubjectEnds []string `yaml:"zh_subject_ends"`
	// Boilerplate marks a sentence that a feed or a site adds to every
	// summary ("The post … appeared first on …", "本文来自微信公众号…"): the
	// classifier reads the sentence that holds one as blank.
	Boilerplate []string `yaml:"boilerplate" words:"lower"`
	// CompanyRoles, after the name that opens a headline, say it names a
	// company: its people or its stock ("Quillon CEO: …", "Acme shares
	// fall") (lower case).
	CompanyRoles []string `yaml:"company_roles" words:"lower"`
	// ZhCompanyRoles, after a company's Chinese name and before a colon,
	// say its person speaks ("深瞳智算创始人：…").
	ZhCompanyRoles []string `yaml:"zh_company_roles"`
	// CompanyVerbs, after the name that opens a headline, say it names a
	// company: what companies do and people rarely do ("Brisa recalls …")
	// (lower case).
	CompanyVerbs []string `yaml:"company_verbs" words:"lower"`
	// DescriptionVerbs, after a sentence's subject (a name, "The startup",
	// "It"), make the sentence say what a company does ("Tessel builds an
	// AI copilot for claims"): its layer words and AI words describe the
	// company wherever in the lead it stands (lower case).
	DescriptionVerbs []string `yaml:"description_verbs" words:"lower"`
	// ZhDescriptionVerbs do the same after a Chinese name ("青梧科技专注…").
	ZhDescriptionVerbs []string `yaml:"zh_description_verbs"`
	// LowerDescriptors say what a company is only as written in lower
	// case ("GPU cloud Ardent Compute"); capitalised, they end names
	// ("Ferrix Cloud").
	LowerDescriptors []string `yaml:"lower_descriptors"`
	// LeadCompanyNouns say what a company is: right before a name in the
	// lead ("storytelling app Fablecraft"), ending an aside after it
	// ("Kindling, the tutoring app,"), or heading the lead's first subject
	// ("The trucking company will …"), they make the name that opens the
	// headline a company's (lower case).
	LeadCompanyNouns []string `yaml:"lead_company_nouns" words:"lower"`
	// ZhCompanyFollowers follow a Chinese company's name as the subject
	// of the lead's sentence, as a person's would not ("栖光方面",
	// "墨鲸科技股价"); ZhSubjectFollowers follow any subject's (称, 宣布).
	// The name that opens a headline, or stands after a descriptor in it,
	// is a company's when the lead repeats it before one of them.
	ZhCompanyFollowers []string `yaml:"zh_company_followers"`
	ZhSubjectFollowers []string `yaml:"zh_subject_followers"`
	// NotVerbs are the words after "The … company" that show it is no
	// subject: prepositions and conjunctions ("The company of …") (lower
	// case).
	NotVerbs []string `yaml:"not_verbs" words:"lower"`
	// FirmSuffixes end only firms' names, never a field's ("Cinder
	// Systems", not "Generative AI"): a dictionary word before one opening
	// a headline is a name.
	FirmSuffixes []string `yaml:"firm_suffixes"`
	// CompanySuffixes end a company's English name ("Orison Labs"): such a
	// name opening a headline names a company whatever verb follows.
	CompanySuffixes []string `yaml:"company_suffixes"`
	// ForwardNegations deny only what follows them ("won't raise", "不会
	// 裁员"): a predicate before them in the sentence stands.
	ForwardNegations []string `yaml:"forward_negations" words:"lower"`
	// AIWords, in the words that describe a company before its name ("AI
	// gateway startup OpenRouter", "AI 初创公司X"), say the company is in
	// the AI industry.
	AIWords []string `yaml:"ai_words"`
	// ComputeWords name what a deal buys when it buys compute ("compute
	// deal", "GPU contract", "算力协议"): its buyer trains models.
	ComputeWords []string `yaml:"compute_words"`
	// SinceLaunch date a headline from a launch or a listing ("上市一周",
	// "since its IPO"): what it reports came after, and the lead's
	// account of the launch is background (lower case).
	SinceLaunch []string `yaml:"since_launch" words:"lower"`
	// ListingKept are the words of news about shares already listed
	// ("minimum bid price", "限售股", "退市"): an IPO's word beside them is
	// no new listing (lower case).
	ListingKept []string `yaml:"listing_kept" words:"lower"`
	// CloudWords name a cloud bought: compute when the headline says the
	// purchase is for AI.
	CloudWords []string `yaml:"cloud_words"`
	// NameJoins join two companies' names, exactly as written between
	// them ("Oracle and OpenAI", "阿里与月之暗面").
	NameJoins []string `yaml:"name_joins"`
	// PartOf opens a phrase whose head is what follows it ("what's left
	// of Windsurf", "the rest of Lumora").
	PartOf []string `yaml:"part_of" words:"lower"`
	// ReportAnswers answer a report on the record ("denies report that
	// …", "回应融资传闻"); ReportWords name the report. A headline that
	// answers a report is not itself rumoured.
	ReportAnswers []string `yaml:"report_answers" words:"lower"`
	ReportWords   []string `yaml:"report_words" words:"lower"`
	// RumourAnswers answer a report by themselves ("辟谣", "debunks"):
	// no word for the report need follow.
	RumourAnswers []string `yaml:"rumour_answers" words:"lower"`
	// ZhDescriptors describe a company in Chinese; its name follows.
	ZhDescriptors []string `yaml:"zh_descriptors"`
	// ZhNameStops end a Chinese name after an acquisition verb.
	ZhNameStops []string `yaml:"zh_name_stops"`
	// ZhCompanySuffixes end Chinese company names.
	ZhCompanySuffixes []string `yaml:"zh_company_suffixes"`
	// ZhCommonModifiers qualify a noun that also ends companies' names
	// without naming a company ("用户数据", "人工智能").
	ZhCommonModifiers []string `yaml:"zh_common_modifiers"`
	// RumourReplies and RumourNouns make a headline that answers a
	// rumour ("回应融资传闻"): no event unless a frame of its own holds.
	RumourReplies []string `yaml:"rumour_replies" words:"lower"`
	RumourNouns   []string `yaml:"rumour_nouns" words:"lower"`
	// ZhPlacePrefixes open a Chinese legal name before the name the
	// company goes by; ZhLegalGenerics end it before 有限公司 ("北京深瞳
	// 万象科技有限公司" → "Shentong Wanxiang").
	ZhPlacePrefixes []string `yaml:"zh_place_prefixes"`
	ZhLegalGenerics []string `yaml:"zh_legal_generics"`
	// Securities are what a sum buys in a trade, not a supply: "$5
	// billion of Intel stock".
	Securities []string `yaml:"securities" words:"lower"`
	// BorrowingWords name borrowing or a share sale ("loans", "bond
	// sale", "share offering"): a listed company's is no funding round.
	BorrowingWords []string `yaml:"borrowing_words" words:"lower"`
	// OutletJoins are the lower-case words an outlet's name appended to
	// a headline may hold ("Tides of Tech"); ZhOutletEndings end a
	// Chinese outlet's name ("科讯网").
	OutletJoins     []string `yaml:"outlet_joins"`
	ZhOutletEndings []string `yaml:"zh_outlet_endings"`
	// RivalAfter follow a name that a headline compares its company with
	// ("Perplexity rival Quarrow"): that name is no party.
	RivalAfter []string `yaml:"rival_after"`
	// OwnPostOpeners open a headline a company writes about itself
	// ("Introducing Heron-2"): its lead names the doer.
	OwnPostOpeners []string `yaml:"own_post_openers" words:"lower"`
	// BlankCheques name a blank-cheque company (as written): a merger
	// with one lists its partner ("via SPAC merger with Harbor
	// Acquisition Corp").
	BlankCheques []string `yaml:"blank_cheques"`
	// CompanyThings are what only a company has, after a possessive
	// ("Quarrow's Texas data center", "Veyra's IPO").
	CompanyThings []string `yaml:"company_things" words:"lower"`
	// CompanyPlans are what a company or a person may have after a
	// possessive ("Kestrel Compute's bet on …"): a company's when the
	// lead speaks of the company (CompanyBackRefs).
	CompanyPlans    []string `yaml:"company_plans" words:"lower"`
	CompanyBackRefs []string `yaml:"company_back_refs" words:"lower"`
	// ZhStakeWords follow a company's name when a stake in it changes
	// hands ("…有限公司100%股权").
	ZhStakeWords []string `yaml:"zh_stake_words"`
	// LegalSuffixes end a company's legal name, not the name it goes by
	// ("Ferrowind, Inc."), as written.
	LegalSuffixes []string `yaml:"legal_suffixes"`
	// CalendarWords name days and months, as written: "Tessel Monday said
	// …" dates the news, it does not name the company.
	CalendarWords []string `yaml:"calendar_words"`
	// LeadVerbs follow the company a lead opens with ("Pelmora Cloud will
	// use …") (lower case).
	LeadVerbs []string `yaml:"lead_verbs" words:"lower"`
	// TitleVerbs are verbs of deals that a title-case headline
	// capitalises right after the company's name ("Halvard Strikes $3
	// Billion Deal …"): no part of the name.
	TitleVerbs []string `yaml:"title_verbs" words:"lower"`
	// ZhCompanyVerbs tie a Chinese company to its deal.
	ZhCompanyVerbs []string `yaml:"zh_company_verbs"`
	// ZhTimeWords open a phrase about a period, never a company's name:
	// "本周AI融资周报".
	ZhTimeWords []string `yaml:"zh_time_words"`
	// ZhCompanyAttributes are what only a company has; an ambiguous
	// Chinese name right before one is a company's ("寒武纪市值突破…").
	ZhCompanyAttributes []string `yaml:"zh_company_attributes"`
	// ModelUses are words before a model descriptor that make its
	// company a user of models, not a maker ("uses large language
	// models to process claims", "基于大模型").
	ModelUses []string `yaml:"model_uses" words:"lower"`
	// AgentTools are words before an agent descriptor that make the
	// company a maker of tools for agents, not of agents ("stress-tests
	// AI agents", "debug their voice agents").
	AgentTools []string `yaml:"agent_tools" words:"lower"`
	// ZhCountWords open a phrase that counts companies rather than names
	// one ("多家AI企业", "超百家公司").
	ZhCountWords []string `yaml:"zh_count_words"`
	// NumberWords open a phrase that counts people or things ("Two
	// Stanford dropouts raise …"): never a name's first word (lower case).
	NumberWords []string `yaml:"number_words" words:"lower"`
	// LayerNameWords end companies' names and say the layer they work in
	// ("Stratos Compute": infrastructure), as written.
	LayerNameWords map[string]news.Layer `yaml:"layer_name_words"`
	// RoundJoiners are an investor's verbs of joining or leading a round
	// ("joins €85m Series B in Kernfeld"): the company raising is the
	// one after "in" or "for".
	RoundJoiners []string `yaml:"round_joiners" words:"lower"`
	// ZhInterviewOpeners open a Chinese headline of an interview with a
	// company's person ("专访某某创始人：…").
	ZhInterviewOpeners []string `yaml:"zh_interview_openers"`
	// ZhMarkets are stock markets a Chinese name may run into before a
	// word for listing ("深瞳芯科创板IPO").
	ZhMarkets []string `yaml:"zh_markets"`
	// ZhListCompanyNouns, after 等, say the names listed before it are
	// companies ("曦衡科技、算元科技等多家AI芯片企业").
	ZhListCompanyNouns []string `yaml:"zh_list_company_nouns"`
	// ZhCompanyListOpeners bring in such a list; the first name starts
	// after the last of them ("美国商务部将曦衡科技、…").
	ZhCompanyListOpeners []string `yaml:"zh_company_list_openers"`
	// ZhCompanyWords are Chinese company words and their English, tried
	// in order, for writing an unknown Chinese company's name in Latin
	// letters.
	ZhCompanyWords []Translation `yaml:"zh_company_words"`

	// BackgroundOpeners open a clause that gives background.
	BackgroundOpeners []string `yaml:"background_openers" words:"lower"`
	// TurnOpeners open a headline's sentence that tells what happened
	// since the one before it ("Acme raised $100M. Now it's shutting
	// down"): the sentence before is background.
	TurnOpeners []string `yaml:"turn_openers" words:"lower"`
	// BackgroundMarkers anywhere in a clause make it background.
	BackgroundMarkers []string `yaml:"background_markers"`
	// BackgroundAfter make what follows them in a clause background.
	BackgroundAfter []string `yaml:"background_after"`
	// PastBefore, right before a name, put it in someone's past.
	PastBefore []string `yaml:"past_before" words:"lower"`
	// PastAfter, right after a name, put it in someone's past.
	PastAfter []string `yaml:"past_after"`
	// FormerStaff name people after a list of past employers.
	FormerStaff []string `yaml:"former_staff" words:"lower"`
	// CapexWords name spending on capacity: a diversified company's
	// capex story is about its infrastructure line (lower case).
	CapexWords []string `yaml:"capex_words" words:"lower"`
	// Comparatives, before a name, put it in a comparison.
	Comparatives []string `yaml:"comparatives" words:"lower"`
	// AuxiliaryWords may stand between a doer and its verb.
	AuxiliaryWords []string `yaml:"auxiliary_words" words:"lower"`
	// CompanyActs are the event types only companies do: a cue of one in
	// a sentence vouches for an ambiguous name in it.
	CompanyActs []news.EventType `yaml:"company_acts"`

	// ViewVerbs report what someone thinks of an act, not the act.
	ViewVerbs []string `yaml:"view_verbs" words:"lower"`
	// OwnActVerbs report a company's act that is no event (an office, a
	// hire): a headline that reports one, naming no event, makes the
	// lead's deals background ("Acme opens Tokyo office" over "The startup
	// has raised $120 million").
	OwnActVerbs []string `yaml:"own_act_verbs" words:"lower"`
	// PhraseStops end an English noun phrase.
	PhraseStops []string `yaml:"phrase_stops" words:"lower"`
	// PhraseSkips stand before a noun and say nothing of its kind.
	PhraseSkips []string `yaml:"phrase_skips" words:"lower"`
	// Collectives head a phrase whose kind is that of what follows "of".
	Collectives []string `yaml:"collectives" words:"lower"`
	// TeamWords head a phrase that stands for the company whose team it
	// is when it acts: "Alibaba's Qwen team unveils …".
	TeamWords []string `yaml:"team_words" words:"lower"`
	// StateThings head a doer that stands for the government it belongs
	// to: "Japan's budget request earmarks …".
	StateThings []string `yaml:"state_things" words:"lower"`
	// ZhDealNouns are what a deal can be the topic of after 的: "收购星图
	// 软件的谈判" is talk of an acquisition of 星图软件.
	ZhDealNouns []string `yaml:"zh_deal_nouns"`
	// ZhPurposeVerbs end a Chinese object before whom it serves:
	// "发放10亿元算力券支持中小企业" gives vouchers, not firms.
	ZhPurposeVerbs []string `yaml:"zh_purpose_verbs"`
	// SeedFollowers are the words after a bare "seed" that go on with a
	// round ("seed round", "seed led by", "seed extension"); any other
	// word makes the seed something else ("a seed program", "seed URLs").
	SeedFollowers []string `yaml:"seed_followers" words:"lower"`
	// Pronouns after a noun phrase's head open a clause of their own: "a
	// coding agent it says fixes bugs" ends at "agent".
	Pronouns []string `yaml:"pronouns" words:"lower"`
	// OtherIndustries end the names of firms outside AI ("华显光电",
	// "Brightwater Foods"): such a firm buying an AI business leaves the
	// target the story's company.
	OtherIndustries []string `yaml:"other_industries"`
	// OtherIndustryDescriptors, before a name, describe a firm outside
	// AI ("Grocery chain Harrowgate Markets buys …"), as OtherIndustries
	// do at its end (lower case).
	OtherIndustryDescriptors []string `yaml:"other_industry_descriptors" words:"lower"`
	// ZhNewModelWords open a product's name after its company's
	// ("澜舟汽车新款轿车"): the company's name ends before them.
	ZhNewModelWords []string `yaml:"zh_new_model_words"`
	// ZhInterviewWords open a Chinese interview's headline before the
	// speaker's company ("专访MiniMax副总裁：…"); longest first.
	ZhInterviewWords []string `yaml:"zh_interview_words"`
	// NotFundedPrepositions stand between a funding phrase and a name the
	// money does not go into ("put in shifts at BMW's plant").
	NotFundedPrepositions []string `yaml:"not_funded_prepositions" words:"lower"`
	// ZhRumourOpeners open a Chinese headline before its subject and are
	// no part of the name ("传衡川机器人洽谈…").
	ZhRumourOpeners []string `yaml:"zh_rumour_openers"`
	// PlanWords after an ambiguous name make it a plan's name, not a
	// company's ("Plus and Pro users").
	PlanWords []string `yaml:"plan_words" words:"lower"`
	// AdjacentNegations deny the cue right after them, whatever else the
	// sentence says ("shrink by attrition, not layoffs").
	AdjacentNegations []string `yaml:"adjacent_negations" words:"lower"`
	// IntentNouns followed by "to" name what someone means to do, not a
	// thing ("a plan to build data centers").
	IntentNouns []string `yaml:"intent_nouns" words:"lower"`
	// ZhStakeVerbs open a Chinese phrase that names a share of a company
	// ("取得某某股份51%"): no part of the company's name.
	ZhStakeVerbs []string `yaml:"zh_stake_verbs"`
	// CountWords are counts written in words.
	CountWords []string `yaml:"count_words" words:"lower"`
	// AmountQualifiers only qualify the sum after them.
	AmountQualifiers []string `yaml:"amount_qualifiers" words:"lower"`
	// FundPrepositions introduce what a sum is for.
	FundPrepositions []string `yaml:"fund_prepositions" words:"lower"`
	// DoerAsides open an aside after the doer of a verb.
	DoerAsides []string `yaml:"doer_asides" words:"lower"`
	// Abbreviations end with a period that does not end a sentence.
	Abbreviations []string `yaml:"abbreviations"`
	// RoundLetterWords come before a round's letter ("Series B."): the
	// period after the letter may end a list of investors, as it does
	// not after a name's initials ("T. Rowe Price").
	RoundLetterWords []string `yaml:"round_letter_words"`

	// ListEnds end an English list of investors.
	ListEnds []string `yaml:"list_ends"`
	// ListOpeners open an English list of investors before a phrase such as "participated".
	ListOpeners []string `yaml:"list_openers" words:"lower"`
	// ListFillers open an item of an English list without being a name.
	ListFillers []string `yaml:"list_fillers" words:"lower"`
	// FundArms end an item that names a company investing through its fund.
	FundArms []string `yaml:"fund_arms" words:"lower"`
	// FundWords may follow a known investor's short name in its full name.
	FundWords []string `yaml:"fund_words"`
	// ZhListOpeners open a Chinese list of investors.
	ZhListOpeners []string `yaml:"zh_list_openers"`
	// ZhListFillers stand between a Chinese list's names and its verb.
	ZhListFillers []string `yaml:"zh_list_fillers"`
	// ZhNotNames start or fill a Chinese list item that is not a name.
	ZhNotNames []string `yaml:"zh_not_names"`
	// ZhIntentWords say what an investor intends; an item ends before them.
	ZhIntentWords []string `yaml:"zh_intent_words"`
	// ZhInvestorDescriptors describe an investor; its name follows.
	ZhInvestorDescriptors []string `yaml:"zh_investor_descriptors"`

	// ReleaseVerbs are verbs after which a headline names the model it releases.
	ReleaseVerbs []string `yaml:"release_verbs" words:"lower"`
	// ModelWords may follow a model's name and belong to it.
	ModelWords []string `yaml:"model_words" words:"lower"`
	// ModelDescriptors are hyphenated words that describe a model and
	// name none ("in-house", "open-weight"), unlike "gpt-oss".
	ModelDescriptors []string `yaml:"model_descriptors" words:"lower"`
	// OpenWeightCues say a model's weights are published.
	OpenWeightCues []string `yaml:"open_weight_cues" words:"lower"`
	// ClosedWeightCues say a model's weights are not published.
	ClosedWeightCues []string `yaml:"closed_weight_cues" words:"lower"`

	// ContestOrdinals count the rounds of a contest: "in the ninth round".
	ContestOrdinals []string `yaml:"contest_ordinals" words:"lower"`
	// SoftwareWords say that a noun for a firm or a product after them is
	// software: "agent studio", "no-code form builder".
	SoftwareWords []string `yaml:"software_words" words:"lower"`
	// WebAddressEndings end a brand written as its web address: "relay.app".
	WebAddressEndings []string `yaml:"web_address_endings" words:"lower"`
	// FormalNameEndings end companies' formal names, not the names they go
	// by, or are words as often as endings.
	FormalNameEndings []string `yaml:"formal_name_endings"`
	// InvestmentFirmEndings end investment firms' names ("Helion Capital").
	InvestmentFirmEndings []string `yaml:"investment_firm_endings"`
	// ZhGenericEndings end Chinese companies' names in every industry.
	ZhGenericEndings []string `yaml:"zh_generic_endings"`
	// HireVerbs take a person from another company; HireRoles are what the
	// person was there.
	HireVerbs []string `yaml:"hire_verbs" words:"lower"`
	HireRoles []string `yaml:"hire_roles" words:"lower"`
	// ZhStaffWords are words for a company's people in a Chinese phrase
	// after its name ("阿里通义核心成员"); ZhJoinVerbs, right after them, say
	// the person joins another company ("…负责人加盟"): the name is where the
	// person comes from.
	ZhStaffWords []string `yaml:"zh_staff_words"`
	ZhJoinVerbs  []string `yaml:"zh_join_verbs"`
	// Denials are the negations that answer a report on the record ("denies",
	// "辟谣"): a rumour's words in their clause are what is denied.
	Denials []string `yaml:"denials" words:"lower"`
	// FounderRoles are what a person who founds a company was at another;
	// FoundingWords say, later in the clause, that the person founded one:
	// "xAI co-founder …'s new startup raises" names xAI as the founder's
	// past, not as a party.
	// ZhNotFormer end in 前 without meaning "former" before a name
	// ("目前", "三天前").
	ZhNotFormer   []string `yaml:"zh_not_former"`
	FounderRoles  []string `yaml:"founder_roles" words:"lower"`
	FoundingWords []string `yaml:"founding_words" words:"lower"`
	// FoundingNouns are what a founder's possessive names: "Sam Altman's
	// eye-scanning startup".
	FoundingNouns []string `yaml:"founding_nouns" words:"lower"`
	// NameLinks are the words that, capitalised before a fund whose name
	// is a common word, link it to the sentence rather than begin a longer
	// name ("Led By Foundry"; "Helix Foundry" is another name).
	NameLinks []string `yaml:"name_links" words:"lower"`
	// ZhAINameEndings end Chinese names of AI-industry companies only
	// ("星瀚智算", "云图智驾").
	ZhAINameEndings []string `yaml:"zh_ai_name_endings"`
	// ReasonConjunctions open a clause of reason or circumstance after a
	// headline's event ("cuts staff as demand stalls"): a negation in it
	// does not deny the event.
	ReasonConjunctions []string `yaml:"reason_conjunctions" words:"lower"`
	// PersonRoles are the offices a person is named to ("CTO", "chair"): a
	// run of capitals that ends in one names a person, not a company.
	PersonRoles []string `yaml:"person_roles" words:"lower"`
	// NonCompanyRecipients are words for those who get public money without
	// being companies ("university", "consortium").
	NonCompanyRecipients []string `yaml:"non_company_recipients" words:"lower"`
	// LedNotRounds are nouns whose leader leads no round ("a research
	// consortium led by Siemens").
	LedNotRounds []string `yaml:"led_not_rounds" words:"lower"`
	// ZhSums open a sum of money in Chinese text ("数亿", "近亿", "万元").
	ZhSums []string `yaml:"zh_sums"`
	// VenueCompanies publish others' models and code: companies or units.
	VenueCompanies []string `yaml:"venue_companies"`
	// RankingCompanies publish rankings of others' models: named beside
	// another company, they are where the news is told, not its party.
	RankingCompanies []string `yaml:"ranking_companies"`
	// ZhCounters count a thing: a phrase holding one is no name.
	ZhCounters []string `yaml:"zh_counters"`
	// ZhVerbOpeners are verbs: a phrase that opens on one is no name.
	ZhVerbOpeners []string `yaml:"zh_verb_openers"`
	// GovernmentOf name a place's government before the place: "State of".
	GovernmentOf []string `yaml:"government_of" words:"lower"`
	// ComparativesAfter follow a name compared with: "和英伟达一模一样".
	ComparativesAfter []string `yaml:"comparatives_after" words:"lower"`
	// OutsideAIFields are fields whose companies are outside the AI
	// industry even when the words before their names say AI.
	OutsideAIFields []string `yaml:"outside_ai_fields" words:"lower"`
}

// Translation is a Chinese word and its English; an empty English drops
// the word.
type Translation struct {
	ZH string `yaml:"zh"`
	EN string `yaml:"en"`
}

// WordCode is a word or sign and the ISO 4217 code of the currency it
// names.
type WordCode struct {
	Word string `yaml:"word"`
	Code string `yaml:"code"`
}

// Scale is a word and the number it multiplies an amount by.
type Scale struct {
	Word  string  `yaml:"word"`
	Value float64 `yaml:"value"`
}

// merge replaces each list of w that add gives.
func (w *Words) merge(add *Words) {
	dst, src := reflect.ValueOf(w).Elem(), reflect.ValueOf(add).Elem()
	for i := 0; i < src.NumField(); i++ {
		if f := src.Field(i); !f.IsNil() {
			dst.Field(i).Set(f)
		}
	}
}

// wordKeys are the keys w gives.
func wordKeys(w *Words) []string {
	var keys []string
	v, t := reflect.ValueOf(w).Elem(), reflect.TypeOf(w).Elem()
	for i := 0; i < t.NumField(); i++ {
		if !v.Field(i).IsNil() {
			keys = append(keys, strings.Split(t.Field(i).Tag.Get("yaml"), ",")[0])
		}
	}
	return keys
}

var currencyCodeRE = regexp.MustCompile(`^[A-Z]{3}$`)

// problems checks every entry of every list: none is empty, the lists
// compared with lower-cased text are in lower case, codes are ISO 4217
// shaped and scales positive. at gives the file and line of a key.
func (w *Words) problems(at func(key string) string) []error {
	var errs []error
	v, t := reflect.ValueOf(w).Elem(), reflect.TypeOf(w).Elem()
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		key := strings.Split(f.Tag.Get("yaml"), ",")[0]
		lower := f.Tag.Get("words") == "lower"
		word := func(k, s string) {
			switch {
			case strings.TrimSpace(s) == "":
				errs = append(errs, fmt.Errorf("%s: an empty entry matches everywhere", at(k)))
			case lower && fold(s) != s:
				errs = append(errs, fmt.Errorf("%s: %q must be in lower case: the list is compared with lower-cased text", at(k), s))
			}
		}
		switch list := v.Field(i).Interface().(type) {
		case []string:
			for j, s := range list {
				word(key+"["+strconv.Itoa(j)+"]", s)
			}
		case []WordCode:
			for j, wc := range list {
				k := key + "[" + strconv.Itoa(j) + "]"
				word(k+".word", wc.Word)
				if !currencyCodeRE.MatchString(wc.Code) {
					errs = append(errs, fmt.Errorf("%s: %q is not a currency code (three capitals, ISO 4217)", at(k+".code"), wc.Code))
				}
			}
		case []Scale:
			for j, s := range list {
				k := key + "[" + strconv.Itoa(j) + "]"
				word(k+".word", s.Word)
				if s.Value <= 0 {
					errs = append(errs, fmt.Errorf("%s: a scale must be positive", at(k+".value")))
				}
			}
		case []Translation:
			for j, tr := range list {
				word(key+"["+strconv.Itoa(j)+"].zh", tr.ZH)
			}
		case []news.EventType:
			for j, e := range list {
				if _, err := news.ParseEventType(string(e)); err != nil {
					errs = append(errs, fmt.Errorf("%s: %v", at(key+"["+strconv.Itoa(j)+"]"), err))
				}
			}
		case map[string]news.Layer:
			for _, k := range slices.Sorted(maps.Keys(list)) {
				if strings.TrimSpace(k) == "" {
					errs = append(errs, fmt.Errorf("%s: an empty word matches everywhere", at(key)))
				}
				if _, err := news.ParseLayer(string(list[k])); err != nil {
					errs = append(errs, fmt.Errorf("%s: %q: %v", at(key), k, err))
				}
			}
		case map[string]float64:
			for _, k := range slices.Sorted(maps.Keys(list)) {
				if n := list[k]; strings.TrimSpace(k) == "" || n <= 0 {
					errs = append(errs, fmt.Errorf("%s: %q: %v: want a word and a positive number", at(key), k, n))
				}
			}
		default:
			panic("config: words: no check for the type of " + key)
		}
	}
	return errs
}

// rateProblems checks exchange rates: currency codes and positive rates.
func rateProblems(rates map[int]map[string]float64, at func(key string) string) []error {
	var errs []error
	for _, year := range slices.Sorted(maps.Keys(rates)) {
		byCode := rates[year]
		for _, code := range slices.Sorted(maps.Keys(byCode)) {
			r := byCode[code]
			k := "usd_per_unit." + strconv.Itoa(year) + "." + code
			if !currencyCodeRE.MatchString(code) {
				errs = append(errs, fmt.Errorf("%s: %q is not a currency code (three capitals, ISO 4217)", at(k), code))
			}
			if r <= 0 {
				errs = append(errs, fmt.Errorf("%s: a rate must be positive", at(k)))
			}
		}
	}
	return errs
}
