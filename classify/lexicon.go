package classify

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/aitracker/aitracker/config"
	"github.com/aitracker/aitracker/news"
)

// lexicon is the taxonomy's Words as the rules read them, built once by
// New: lists in their order where a rule tries them in order, sets and
// maps for look-ups. Nothing here changes after New.
type lexicon struct {
	// Money.
	currencySigns      []config.WordCode
	scaledSigns        []config.WordCode
	currencyWords      []config.WordCode
	zhCurrencyWords    []config.WordCode
	zhCurrency         map[string]string // zhCurrencyWords as a map
	amountScales       []config.Scale
	currencyWordScales []config.Scale
	zhScales           []config.Scale
	valuationBefore    []string
	valuationAfter     []string
	otherMoneyBefore   []string
	otherMoneyAfter    []string
	offeringBefore     []string
	offeringAfter      []string
	roundNouns         []string
	roundHints         []string
	parameterScales    map[string]float64
	// Names.
	descriptorWords      map[string]bool
	paperWords           map[string]bool
	peoples              map[string]bool
	headlineOpeners      map[string]bool
	notNames             map[string]bool
	auxiliaries          []string
	nameAsides           []string
	nameStops            []string
	fundedPrepositions   []string
	passivePhrases       []string
	zhSubjectEnds        []string
	zhDescriptors        []string
	zhNameStops          []string
	zhCompanySuffixes    []string
	zhCommonModifiers    []string
	titleVerbs           []string
	legalSuffixes        map[string]bool
	calendarWords        map[string]bool
	leadVerbs            map[string]bool
	zhStakeWords         []string
	companyThings        []string
	companyPlans         []string
	companyBackRefs      []string
	blankCheques         []string
	ownPostOpeners       []string
	rivalAfter           []string
	outletJoins          map[string]bool
	zhOutletEndings      []string
	securities           map[string]bool
	zhPlacePrefixes      []string
	zhLegalGenerics      []string
	rumourReplies        []string
	rumourNouns          []string
	zhCompanyVerbs       []string
	zhTimeWords          []string
	zhCompanyAttributes  []string
	zhAttributeReach     int // how far past a name a company attribute may end
	modelUses            []string
	agentTools           map[string]bool
	yenContext           []string
	moroccanContext      []string
	zhCountWords         []string
	numberWords          map[string]bool
	zhListCompanyNouns   []string
	zhMarkets            []string
	zhInterviewOpeners   []string
	roundJoiners         []string
	layerNameWords       map[string]news.Layer
	zhLayerNameWords     []string // the Han keys of layerNameWords, longest first
	zhCompanyListOpeners []string
	zhCompanyWords       []config.Translation
	// Background.
	backgroundOpeners []string
	turnOpeners       []string
	pastBefore        []string
	pastAfter         []string
	formerStaff       []string
	capexWords        []string
	comparatives      []string
	auxiliaryWords    map[string]bool
	// companyActs are the event types only companies do.
	companyActs map[news.EventType]bool
	// Phrases.
	viewVerbs             []string
	ownActVerbs           []string
	phraseStops           map[string]bool
	phraseSkips           map[string]bool
	collectives           map[string]bool
	teamWords             map[string]bool
	borrowingWords        []string
	stateThings           map[string]bool
	zhDealNouns           []string
	zhPurposeVerbs        []string
	seedFollowers         map[string]bool
	pronouns              map[string]bool
	otherIndustries       []string
	otherDescriptors      []string
	zhNewModelWords       []string
	zhInterviewWords      []string
	notFundedPrepositions []string
	zhRumourOpeners       []string
	planWords             map[string]bool
	adjacentNegations     []string
	intentNouns           map[string]bool
	zhStakeVerbs          []string
	countWords            map[string]bool
	amountQualifiers      map[string]bool
	fundPrepositions      []string
	doerAsides            []string
	abbreviations         map[string]bool
	roundLetterWords      map[string]bool
	// Investors.
	listEnds              []string
	listOpeners           []string
	listFillers           []string
	fundArms              []string
	fundWords             map[string]bool
	contestOrdinals       map[string]bool
	softwareWords         map[string]bool
	webAddressEndings     []string
	formalNameEndings     map[string]bool
	investmentFirmEndings map[string]bool
	zhGenericEndings      map[string]bool
	hireVerbs, hireRoles  []string
	zhStaffWords          []string
	zhJoinVerbs           []string
	founderRoles          []string
	personRoles           map[string]bool
	reasonConjunctions    []string
	zhAINameEndings       []string
	nameLinks             map[string]bool
	zhNotFormer           []string
	denials               map[string]bool
	foundingNouns         map[string]bool
	nonCompanyRecipients  map[string]bool
	ledNotRounds          map[string]bool
	zhSums                []string
	foundingWords         []string
	venueCompanies        map[string]bool
	rankingCompanies      map[string]bool
	zhCounters            []string
	zhVerbOpeners         []string
	governmentOf          []string
	outsideAIFields       []string
	comparativesAfter     []string
	zhListOpeners         []string
	zhListFillers         []string
	zhNotNames            []string
	zhIntentWords         []string
	aiWords               []string
	computeWords          []string
	sinceLaunch           []string
	listingKept           []string
	cloudWords            []string
	nameJoins             []string
	partOf                []string
	reportAnswers         []string
	rumourAnswers         []string
	reportWords           []string
	// newsletterLabels are the readings' newsletter words (lower case,
	// without anchors): a label before a colon that holds one names a
	// newsletter, whose stories commas may set apart.
	newsletterLabels []string
	forwardNegations map[string]bool
	// companyRules are the heads of rules a company may set for its own
	// users ("rules", "policy", "terms"), as against laws.
	companyRules map[string]bool
	// notOwnedThings are product nouns a person's possessive takes as
	// often as a company's ("Trump's AI plan").
	notOwnedThings map[string]bool
	// gainVerbs are what a customer did with a vendor's help ("cut",
	// "scaled"): a customer story's verbs.
	gainVerbs             map[string]bool
	companyRoles          []string
	companyVerbs          []string
	descriptionVerbs      []string
	zhDescriptionVerbs    []string
	zhCompanyRoles        []string
	companySuffixes       map[string]bool
	firmSuffixes          map[string]bool
	leadCompanyNouns      map[string]bool // words.yaml lead_company_nouns
	lowerDescriptors      map[string]bool // words.yaml lower_descriptors
	notVerbs              map[string]bool // words.yaml not_verbs
	zhCompanyFollowers    []string        // words.yaml zh_company_followers
	zhSubjectFollowers    []string        // words.yaml zh_subject_followers
	zhInvestorDescriptors []string
	// Models.
	releaseVerbs     []string
	modelWords       map[string]bool
	modelDescriptors map[string]bool
	openWeightCues   []string
	closedWeightCues []string
	// usdPerUnit are the exchange rates by year; firstYear and lastYear
	// bound the table, for dates outside it.
	usdPerUnit          map[int]map[string]float64
	firstYear, lastYear int
}

func newLexicon(t *config.Taxonomy) *lexicon {
	w := &t.Words
	lx := &lexicon{
		currencySigns:         w.CurrencySigns,
		scaledSigns:           w.ScaledCurrencySigns,
		currencyWords:         w.CurrencyWords,
		zhCurrencyWords:       w.ZhCurrencyWords,
		zhCurrency:            codes(w.ZhCurrencyWords),
		amountScales:          w.AmountScales,
		currencyWordScales:    w.CurrencyWordScales,
		zhScales:              w.ZhScales,
		valuationBefore:       w.ValuationBefore,
		valuationAfter:        w.ValuationAfter,
		otherMoneyBefore:      w.OtherMoneyBefore,
		otherMoneyAfter:       w.OtherMoneyAfter,
		offeringBefore:        w.OfferingBefore,
		offeringAfter:         w.OfferingAfter,
		roundNouns:            w.RoundNouns,
		roundHints:            w.RoundHints,
		parameterScales:       w.ParameterScales,
		usdPerUnit:            t.USDPerUnit,
		newsletterLabels:      newsletterLabels(t.Readings.Newsletter),
		descriptorWords:       set(w.DescriptorWords),
		paperWords:            set(w.PaperWords),
		peoples:               set(w.Peoples),
		headlineOpeners:       set(w.HeadlineOpeners),
		notNames:              set(append(slices.Clone(w.NotNames), w.Pronouns...)), // a pronoun is never a name
		auxiliaries:           w.Auxiliaries,
		nameAsides:            w.NameAsides,
		nameStops:             w.NameStops,
		fundedPrepositions:    w.FundedPrepositions,
		passivePhrases:        w.PassivePhrases,
		zhSubjectEnds:         w.ZhSubjectEnds,
		zhDescriptors:         w.ZhDescriptors,
		zhNameStops:           w.ZhNameStops,
		zhCompanySuffixes:     w.ZhCompanySuffixes,
		zhCommonModifiers:     w.ZhCommonModifiers,
		titleVerbs:            w.TitleVerbs,
		legalSuffixes:         set(w.LegalSuffixes),
		calendarWords:         set(w.CalendarWords),
		leadVerbs:             set(w.LeadVerbs),
		zhStakeWords:          w.ZhStakeWords,
		companyThings:         w.CompanyThings,
		companyPlans:          w.CompanyPlans,
		companyBackRefs:       w.CompanyBackRefs,
		blankCheques:          w.BlankCheques,
		ownPostOpeners:        w.OwnPostOpeners,
		rivalAfter:            w.RivalAfter,
		outletJoins:           set(w.OutletJoins),
		zhOutletEndings:       w.ZhOutletEndings,
		securities:            set(w.Securities),
		zhPlacePrefixes:       w.ZhPlacePrefixes,
		zhLegalGenerics:       w.ZhLegalGenerics,
		rumourReplies:         w.RumourReplies,
		rumourNouns:           w.RumourNouns,
		zhCompanyVerbs:        w.ZhCompanyVerbs,
		zhTimeWords:           w.ZhTimeWords,
		zhCompanyAttributes:   w.ZhCompanyAttributes,
		modelUses:             w.ModelUses,
		agentTools:            set(w.AgentTools),
		yenContext:            w.YenContext,
		moroccanContext:       w.MoroccanContext,
		zhCountWords:          w.ZhCountWords,
		numberWords:           set(w.NumberWords),
		zhListCompanyNouns:    w.ZhListCompanyNouns,
		zhMarkets:             w.ZhMarkets,
		zhInterviewOpeners:    w.ZhInterviewOpeners,
		roundJoiners:          w.RoundJoiners,
		layerNameWords:        w.LayerNameWords,
		zhCompanyListOpeners:  w.ZhCompanyListOpeners,
		zhCompanyWords:        w.ZhCompanyWords,
		backgroundOpeners:     w.BackgroundOpeners,
		turnOpeners:           w.TurnOpeners,
		pastBefore:            w.PastBefore,
		pastAfter:             w.PastAfter,
		formerStaff:           w.FormerStaff,
		capexWords:            w.CapexWords,
		comparatives:          w.Comparatives,
		auxiliaryWords:        set(w.AuxiliaryWords),
		companyActs:           eventSet(w.CompanyActs),
		viewVerbs:             w.ViewVerbs,
		ownActVerbs:           w.OwnActVerbs,
		phraseStops:           set(w.PhraseStops),
		phraseSkips:           set(w.PhraseSkips),
		collectives:           set(w.Collectives),
		teamWords:             set(w.TeamWords),
		borrowingWords:        w.BorrowingWords,
		stateThings:           set(w.StateThings),
		zhDealNouns:           w.ZhDealNouns,
		zhPurposeVerbs:        w.ZhPurposeVerbs,
		seedFollowers:         set(w.SeedFollowers),
		pronouns:              set(w.Pronouns),
		otherIndustries:       w.OtherIndustries,
		otherDescriptors:      w.OtherIndustryDescriptors,
		zhNewModelWords:       w.ZhNewModelWords,
		zhInterviewWords:      w.ZhInterviewWords,
		notFundedPrepositions: w.NotFundedPrepositions,
		zhRumourOpeners:       w.ZhRumourOpeners,
		planWords:             set(w.PlanWords),
		adjacentNegations:     w.AdjacentNegations,
		intentNouns:           set(w.IntentNouns),
		zhStakeVerbs:          w.ZhStakeVerbs,
		countWords:            set(w.CountWords),
		amountQualifiers:      set(w.AmountQualifiers),
		fundPrepositions:      w.FundPrepositions,
		doerAsides:            w.DoerAsides,
		abbreviations:         set(w.Abbreviations),
		roundLetterWords:      set(w.RoundLetterWords),
		listEnds:              w.ListEnds,
		listOpeners:           w.ListOpeners,
		listFillers:           w.ListFillers,
		fundArms:              w.FundArms,
		fundWords:             set(w.FundWords),
		contestOrdinals:       set(w.ContestOrdinals),
		softwareWords:         set(w.SoftwareWords),
		webAddressEndings:     w.WebAddressEndings,
		formalNameEndings:     set(w.FormalNameEndings),
		investmentFirmEndings: set(w.InvestmentFirmEndings),
		zhGenericEndings:      set(w.ZhGenericEndings),
		hireVerbs:             w.HireVerbs,
		hireRoles:             w.HireRoles,
		zhStaffWords:          w.ZhStaffWords,
		zhJoinVerbs:           w.ZhJoinVerbs,
		founderRoles:          w.FounderRoles,
		personRoles:           set(w.PersonRoles),
		reasonConjunctions:    w.ReasonConjunctions,
		zhAINameEndings:       w.ZhAINameEndings,
		nameLinks:             set(w.NameLinks),
		zhNotFormer:           w.ZhNotFormer,
		denials:               set(w.Denials),
		foundingNouns:         set(w.FoundingNouns),
		nonCompanyRecipients:  set(w.NonCompanyRecipients),
		ledNotRounds:          set(w.LedNotRounds),
		zhSums:                w.ZhSums,
		foundingWords:         w.FoundingWords,
		venueCompanies:        set(w.VenueCompanies),
		rankingCompanies:      set(w.RankingCompanies),
		zhCounters:            w.ZhCounters,
		zhVerbOpeners:         w.ZhVerbOpeners,
		governmentOf:          w.GovernmentOf,
		outsideAIFields:       w.OutsideAIFields,
		comparativesAfter:     w.ComparativesAfter,
		zhListOpeners:         w.ZhListOpeners,
		zhListFillers:         w.ZhListFillers,
		zhNotNames:            w.ZhNotNames,
		zhIntentWords:         w.ZhIntentWords,
		aiWords:               w.AIWords,
		computeWords:          w.ComputeWords,
		sinceLaunch:           w.SinceLaunch,
		listingKept:           w.ListingKept,
		cloudWords:            w.CloudWords,
		nameJoins:             w.NameJoins,
		partOf:                w.PartOf,
		reportAnswers:         w.ReportAnswers,
		rumourAnswers:         w.RumourAnswers,
		reportWords:           w.ReportWords,
		forwardNegations:      set(w.ForwardNegations),
		companyRules:          set(w.CompanyRules),
		notOwnedThings:        set(w.NotOwnedThings),
		gainVerbs:             set(w.GainVerbs),
		companyRoles:          w.CompanyRoles,
		companyVerbs:          w.CompanyVerbs,
		zhCompanyRoles:        w.ZhCompanyRoles,
		descriptionVerbs:      w.DescriptionVerbs,
		zhDescriptionVerbs:    w.ZhDescriptionVerbs,
		companySuffixes:       set(w.CompanySuffixes),
		firmSuffixes:          set(w.FirmSuffixes),
		leadCompanyNouns:      set(w.LeadCompanyNouns),
		lowerDescriptors:      set(w.LowerDescriptors),
		notVerbs:              set(w.NotVerbs),
		zhCompanyFollowers:    w.ZhCompanyFollowers,
		zhSubjectFollowers:    w.ZhSubjectFollowers,
		zhInvestorDescriptors: w.ZhInvestorDescriptors,
		releaseVerbs:          w.ReleaseVerbs,
		modelWords:            set(w.ModelWords),
		modelDescriptors:      set(w.ModelDescriptors),
		openWeightCues:        w.OpenWeightCues,
		closedWeightCues:      w.ClosedWeightCues,
	}
	for _, a := range w.ZhCompanyAttributes {
		lx.zhAttributeReach = max(lx.zhAttributeReach, len(a))
	}
	// Spaces, a year and a period may stand between ("2026年前三季度").
	lx.zhAttributeReach += 64
	first := true
	for year := range t.USDPerUnit {
		if first || year < lx.firstYear {
			lx.firstYear = year
		}
		if first || year > lx.lastYear {
			lx.lastYear = year
		}
		first = false
	}
	for k := range lx.layerNameWords {
		if !latinOnly(k) {
			lx.zhLayerNameWords = append(lx.zhLayerNameWords, k)
		}
	}
	slices.SortFunc(lx.zhLayerNameWords, func(a, b string) int {
		if len(a) != len(b) {
			return len(b) - len(a)
		}
		return strings.Compare(a, b)
	})
	return lx
}

// codes maps each word to its currency code; the first entry of a word
// wins, as in a search of the list.
func codes(list []config.WordCode) map[string]string {
	m := make(map[string]string, len(list))
	for _, wc := range list {
		if _, ok := m[wc.Word]; !ok {
			m[wc.Word] = wc.Code
		}
	}
	return m
}

// set makes a look-up set of a list.
func set(list []string) map[string]bool {
	m := make(map[string]bool, len(list))
	for _, s := range list {
		m[s] = true
		// ("I’ve" is "I've" with the typographic apostrophe.)
		if strings.Contains(s, "'") {
			m[strings.ReplaceAll(s, "'", "’")] = true
		}
	}
	return m
}

// eventSet makes a look-up set of event types.
func eventSet(list []news.EventType) map[news.EventType]bool {
	m := make(map[news.EventType]bool, len(list))
	for _, e := range list {
		m[e] = true
	}
	return m
}

// hasAIWord reports whether s holds one of the words that say a company
// is in the AI industry, as a whole word ("AI" in "AI startup", not in
// "OpenAI").
func (lx *lexicon) hasAIWord(s string) bool { return lx.hasWord(s, lx.aiWords) }

// hasWord reports whether s holds one of words as a whole word.
func (lx *lexicon) hasWord(s string, words []string) bool {
	_, ok := lx.firstWord(s, words)
	return ok
}

// firstWord returns the first of words that s holds as a word, if any.
func (lx *lexicon) firstWord(s string, words []string) (string, bool) {
	for _, w := range words {
		if wordIndex(s, w) >= 0 {
			return w, true
		}
	}
	return "", false
}

// zhDescribes reports a Chinese phrase that a word for a company ends:
// "AI咨询商", "一家机器人公司" describe a company without naming it.
func (lx *lexicon) zhDescribes(s string) bool {
	if latinOnly(s) {
		return false
	}
	for _, d := range lx.zhDescriptors {
		if strings.HasSuffix(s, d) {
			return true
		}
	}
	return false
}

// roleWord reports a word of a company's people or figures, one of
// companyRoles or its plural ("founders").
func (lx *lexicon) roleWord(w string) bool {
	w = strings.ToLower(strings.TrimRight(w, ",.;:"))
	return slices.Contains(lx.companyRoles, w) || strings.HasSuffix(w, "s") && slices.Contains(lx.companyRoles, strings.TrimSuffix(w, "s"))
}

// roleOpening returns the company role that rest (lower case) opens
// with, as a whole word or words ("chief executive", "ceo"), or in the
// plural ("founders"), or "".
func (lx *lexicon) roleOpening(rest string) string {
	for _, w := range lx.companyRoles {
		if opensWith(rest, w) {
			return w
		}
	}
	if w, _, _ := strings.Cut(rest, " "); lx.roleWord(w) {
		return w
	}
	return ""
}

// companyWordAfter returns the company role or verb that rest, the text
// right after a name, opens with ("CEO", "recalls", "'s shares"), or "".
func (lx *lexicon) companyWordAfter(rest string) string {
	rest = strings.ToLower(strings.TrimLeft(rest, " "))
	rest = strings.TrimPrefix(strings.TrimPrefix(rest, "'s "), "’s ")
	// ("Lambda confidentially files for …": an adverb before the verb.)
	if adv, after, ok := strings.Cut(rest, " "); ok && len(adv) > 4 && strings.HasSuffix(adv, "ly") && isLetters(adv) {
		for _, w := range lx.companyVerbs {
			if strings.HasPrefix(after, w) && (len(after) == len(w) || !isWordByte(after[len(w)])) {
				return adv + " " + w
			}
		}
	}
	// ("Helix Annotate's founders turned down …": its people, more than
	// one.)
	if w := lx.roleOpening(rest); w != "" {
		return w
	}
	for _, w := range lx.companyVerbs {
		if opensWith(rest, w) {
			return w
		}
	}
	// "Fernhollow says 3 million students used its tutor": what is said
	// is of the speaker's own thing ("its"), as a company's news is; a
	// person's would be "his" or "her".
	for _, v := range []string{"says ", "said "} {
		said, ok := strings.CutPrefix(rest, v)
		if !ok {
			continue
		}
		// "Glintwave says revenue tripled": what is said is of a
		// company's own figures.
		if slices.ContainsFunc(lx.companyRoles, func(w string) bool { return opensWith(said, w) }) {
			return strings.TrimSpace(v) + " " + strings.Fields(said)[0]
		}
		if wordIndex(said, "its") >= 0 &&
			wordIndex(said, "he") < 0 && wordIndex(said, "she") < 0 && wordIndex(said, "his") < 0 && wordIndex(said, "her") < 0 {
			return strings.TrimSpace(v) + " … its"
		}
	}
	return ""
}

// otherIndustryName reports a company name ending on a word of an industry
// outside AI ("华显光电", "Brightwater Foods").
func (lx *lexicon) otherIndustryName(name string) bool {
	for _, w := range lx.otherIndustries {
		if strings.HasSuffix(name, w) && len(name) > len(w) && (!latinOnly(w) || name[len(name)-len(w)-1] == ' ') {
			return true
		}
	}
	return false
}

// otherIndustryBefore reports whether the words right before a name, in
// its clause, describe a firm outside AI ("Insurer ", "bought by
// dental-clinic operator ").
func (lx *lexicon) otherIndustryBefore(before string) bool {
	if i := strings.LastIndexAny(before, ",;:|"); i >= 0 {
		before = before[i+1:]
	}
	before = strings.ToLower(strings.TrimRight(before, " "))
	for _, d := range lx.otherDescriptors {
		if strings.HasSuffix(before, d) {
			if i := len(before) - len(d); i == 0 || before[i-1] == ' ' || before[i-1] == '-' {
				return true
			}
		}
	}
	return false
}

// zhSuffixed reports whether a Chinese name ends on a word that ends
// companies' names ("星衡动力"), and is more than that word.
func (lx *lexicon) zhSuffixed(name string) bool {
	return slices.ContainsFunc(lx.zhCompanySuffixes, func(s string) bool { return strings.HasSuffix(name, s) && name != s })
}

// zhWithoutProduct cuts off the product a Chinese phrase names after its
// company ("星衡动力人形机器人H1" → "星衡动力", "澜舟汽车新款轿车" → "澜舟汽车"):
// after a word that ends companies' names, a new model's word or a model
// code (Latin letters or digits) starts the product; of several such
// places the last ("云岭智能机器人四足机器人Q5" → "云岭智能机器人"). A name with
// none is returned whole.
func (lx *lexicon) zhWithoutProduct(name string) string {
	cut := len(name)
	for i := range name {
		if i == 0 || utf8.RuneCountInString(name[:i]) < 3 {
			continue
		}
		rest := name[i:]
		if !hanAt(name, i) || !lx.zhSuffixed(name[:i]) {
			continue
		}
		code := strings.ContainsFunc(rest, func(c rune) bool { return c < utf8.RuneSelf && (unicode.IsLetter(c) || unicode.IsDigit(c)) })
		if code || slices.ContainsFunc(lx.zhNewModelWords, func(w string) bool { return strings.HasPrefix(rest, w) }) {
			cut = i
		}
	}
	return name[:cut]
}

// planWordAfter returns the word for a plan's users that follows a name,
// directly or after one more name joined by "and", "or" or "&" ("Plus and
// Pro users", "Plus subscribers"), or "".
func (lx *lexicon) planWordAfter(after string) string {
	// Three words at most are read: a bounded look, not the rest of a body.
	after = after[:min(len(after), 48)]
	words := strings.Fields(after)
	trim := func(w string) string { return strings.Trim(w, ",.;:!?'\"") }
	if len(words) > 0 && lx.planWords[trim(words[0])] {
		return trim(words[0])
	}
	if len(words) > 2 && (words[0] == "and" || words[0] == "or" || words[0] == "&") && lx.planWords[trim(words[2])] {
		return trim(words[2])
	}
	return ""
}

// outletCut returns where a headline's own words end: before the name of
// the outlet that some feeds append (" - Nordic Tech Ledger", "｜科讯网"),
// or at its end. Offsets before the cut are the headline's own.
func (lx *lexicon) outletCut(title string) int {
	at, sep := -1, ""
	for _, s := range []string{" - ", " | ", " — ", " – ", "｜"} {
		if i := strings.LastIndex(title, s); i > at {
			at, sep = i, s
		}
	}
	if at <= 0 {
		return len(title)
	}
	head, tail := title[:at], strings.TrimSpace(title[at+len(sep):])
	if tail == "" || len(tail) > 40 || strings.ContainsAny(tail, ":：,，'’\"“”?？!！") {
		return len(title)
	}
	if !latinOnly(tail) {
		// "…｜科讯网": a short Han name ending like an outlet's.
		if utf8.RuneCountInString(tail) <= 10 && utf8.RuneCountInString(head) >= 6 &&
			slices.ContainsFunc(lx.zhOutletEndings, func(e string) bool { return strings.HasSuffix(tail, e) }) {
			return at
		}
		return len(title)
	}
	words := strings.Fields(tail)
	if len(words) > 5 || len(strings.Fields(head)) < 3 {
		return len(title)
	}
	for _, w := range words {
		switch {
		case lx.outletJoins[w]:
		case strings.Contains(w, ".") && !hasDigit(w): // "TechWire.io"
		case isCapital(w) && !hasDigit(w):
		default:
			return len(title)
		}
	}
	return at
}

// ownPost reports a headline a company writes about itself: "Introducing
// Heron-2", "Our Series A, and where we go from here", "Meet Quarrow Notes".
func (lx *lexicon) ownPost(title string) bool {
	// ("🎉 Today we're launching …": pictographs before it say nothing.)
	lt := strings.ToLower(strings.TrimLeftFunc(title, func(c rune) bool { return unicode.Is(unicode.So, c) || unicode.IsSpace(c) }))
	for _, o := range lx.ownPostOpeners {
		if strings.HasPrefix(lt, o) {
			return true
		}
	}
	return false
}

// newsletterLabels lower-cases the newsletter cues and drops their
// anchor ("^the batch" → "the batch") and weight.
func newsletterLabels(cs config.CueSet) []string {
	var out []string
	for _, w := range append(slices.Clone(cs.EN), cs.ZH...) {
		out = append(out, strings.ToLower(strings.TrimPrefix(parseCue(w).phrase, "^")))
	}
	return out
}

// mergerNoun reports a word for two companies becoming one: "merger",
// "Merger", "combination".
func (lx *lexicon) mergerNoun(w string) bool {
	switch w = strings.ToLower(w); w {
	case "merger", "combination", "merge", "combine":
		return true
	}
	// "agree to merge", "plans to combine".
	return strings.HasSuffix(w, " to merge") || strings.HasSuffix(w, " to combine")
}
