package index

import (
	"strings"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/analysis/lang/cjk"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/mapping"

	"github.com/aitracker/aitracker/news"
)

// Field names of the index documents.
const (
	fTitle     = "title"    // English analyser; stored for display
	fTitleZH   = "title_zh" // CJK bigrams over the same text
	fBody      = "body"     // summary and body, English analyser (not for Chinese articles)
	fBodyZH    = "body_zh"  // the same, CJK bigrams
	fTags      = "tags"     // company names, event type and layer as words
	fTagsZH    = "tags_zh"  // the same, CJK bigrams
	fCompanies = "companies"
	fPrimary   = "primary_company"
	fLayer     = "layer"
	fEvent     = "event_type"
	fStatus    = "status"
	fSource    = "source"
	fLang      = "lang"
	fURL       = "url"
	fPublished = "published"
	fEstimated = "published_estimated"
	fAmountUSD = "amount_usd"
	fDupOf     = "duplicate_of"
	fAlso      = "also_reported_by"
	// Added with mapping version 3.
	fRound        = "round"
	fCurrency     = "currency"      // lower-case ISO code
	fValuationUSD = "valuation_usd" // numeric
	fIngested     = "ingested"      // when it was first fetched
	fMonth        = "month"         // "2026-06", of published, for the month facet
	fCompanyKey   = "company_key"   // company names lower-cased, for filters
	fPrimaryKey   = "primary_key"   // the primary company lower-cased
	fSourceKey    = "source_key"    // the source name lower-cased
	fSummary      = "summary"       // the lead, stored for snippets only
	fDup          = "dup"           // "1" on an article that repeats another, or reports an event another reported first
	// Added with mapping version 4.
	fEventID      = "event"         // the event the article reports
	fEventSources = "event_sources" // how many outlets reported that event
)

// newMapping is the static mapping: nothing is indexed that is not named
// here, so a document's shape cannot grow the index by accident.
func newMapping() mapping.IndexMapping {
	// Term vectors (positions) are what phrase queries match on; phrases
	// are matched on the CJK-analysed fields only (see textQuery), and
	// snippets are cut without them, so the stemmed fields go without.
	text := func(analyzer string, store bool) *mapping.FieldMapping {
		f := bleve.NewTextFieldMapping()
		f.Analyzer = analyzer
		f.Store = store
		f.IncludeInAll = false
		f.IncludeTermVectors = analyzer == cjk.AnalyzerName
		f.DocValues = false
		return f
	}
	kw := func(store bool) *mapping.FieldMapping {
		f := bleve.NewKeywordFieldMapping()
		f.Analyzer = keyword.Name
		f.Store = store
		f.IncludeInAll = false
		f.IncludeTermVectors = false
		f.DocValues = true
		return f
	}
	stored := bleve.NewTextFieldMapping()
	stored.Index = false
	stored.Store = true
	stored.IncludeInAll = false
	stored.DocValues = false

	// Numbers and dates for ranges and sorting.
	number := func(store bool) *mapping.FieldMapping {
		f := bleve.NewNumericFieldMapping()
		f.Store = store
		f.IncludeInAll = false
		return f
	}
	date := func(store bool) *mapping.FieldMapping {
		f := bleve.NewDateTimeFieldMapping()
		f.Store = store
		f.IncludeInAll = false
		return f
	}

	doc := bleve.NewDocumentStaticMapping()
	doc.AddFieldMappingsAt(fTitle, text(en.AnalyzerName, true))
	doc.AddFieldMappingsAt(fTitleZH, text(cjk.AnalyzerName, false))
	doc.AddFieldMappingsAt(fBody, text(en.AnalyzerName, false))
	doc.AddFieldMappingsAt(fBodyZH, text(cjk.AnalyzerName, false))
	// The tags as words, twice: stemmed English ("acquisitions" finds
	// acquisition articles) and CJK bigrams for Han company names.
	doc.AddFieldMappingsAt(fTags, text(en.AnalyzerName, false))
	doc.AddFieldMappingsAt(fTagsZH, text(cjk.AnalyzerName, false))
	doc.AddFieldMappingsAt(fCompanies, kw(true))
	doc.AddFieldMappingsAt(fPrimary, kw(false))
	doc.AddFieldMappingsAt(fLayer, kw(true))
	doc.AddFieldMappingsAt(fEvent, kw(true))
	doc.AddFieldMappingsAt(fStatus, kw(false))
	doc.AddFieldMappingsAt(fSource, kw(true))
	doc.AddFieldMappingsAt(fLang, kw(true))
	doc.AddFieldMappingsAt(fURL, stored)
	doc.AddFieldMappingsAt(fAlso, stored)
	doc.AddFieldMappingsAt(fEstimated, stored)
	doc.AddFieldMappingsAt(fDupOf, number(true))
	doc.AddFieldMappingsAt(fEventID, number(true))
	doc.AddFieldMappingsAt(fEventSources, number(true))
	doc.AddFieldMappingsAt(fPublished, date(true))
	doc.AddFieldMappingsAt(fAmountUSD, number(false))
	doc.AddFieldMappingsAt(fIngested, date(false))
	doc.AddFieldMappingsAt(fValuationUSD, number(false))
	for _, f := range []string{fRound, fCurrency, fMonth, fCompanyKey, fPrimaryKey, fSourceKey, fDup} {
		doc.AddFieldMappingsAt(f, kw(false))
	}
	doc.AddFieldMappingsAt(fSummary, stored)

	// No composite "_all" field: every search names its fields.
	doc.AddSubDocumentMapping("_all", bleve.NewDocumentDisabledMapping())

	m := bleve.NewIndexMapping()
	m.DefaultMapping = doc
	m.DefaultAnalyzer = en.AnalyzerName
	m.StoreDynamic = false
	m.IndexDynamic = false
	m.DocValuesDynamic = false
	return m
}

// document is what the index holds for one article.
func document(a *news.Article) map[string]interface{} {
	text := a.Summary
	if a.Body != "" {
		text += "\n" + a.Body
	}
	companies := a.Tags.CompanyNames()
	tags := make([]string, 0, len(companies)+2)
	tags = append(tags, companies...)
	if a.Tags.EventType != "" && a.Tags.EventType != news.EventOther {
		tags = append(tags, strings.ReplaceAll(string(a.Tags.EventType), "_", " "))
	}
	if a.Tags.Layer != "" && a.Tags.Layer != news.LayerNone {
		tags = append(tags, string(a.Tags.Layer))
	}
	keys := make([]string, len(companies))
	for i, c := range companies {
		keys[i] = strings.ToLower(c)
	}
	d := map[string]interface{}{
		fCompanyKey: keys,
		fPrimaryKey: strings.ToLower(a.Tags.Primary),
		fSourceKey:  strings.ToLower(a.SourceName),
		fMonth:      a.Published.UTC().Format("2006-01"),
		fSummary:    snippetSource(a),
		fTitle:      a.Title,
		fTitleZH:    a.Title,
		fBodyZH:     text,
		fTags:       strings.Join(tags, " \n "),
		fTagsZH:     strings.Join(tags, " \n "),
		fCompanies:  companies,
		fPrimary:    a.Tags.Primary,
		fLayer:      string(a.Tags.Layer),
		fEvent:      string(a.Tags.EventType),
		fStatus:     string(a.Tags.Status),
		fSource:     a.SourceName,
		fLang:       a.Lang,
		fURL:        a.URL,
		fPublished:  a.Published.UTC(),
	}
	// The stemmed English field is for text in Latin script; Chinese
	// text is searched on the CJK field, which also holds the Latin words
	// in it (see textFields).
	if a.Lang != "zh" {
		d[fBody] = text
	}
	f := a.Tags.Fields
	if f.AmountUSD > 0 {
		d[fAmountUSD] = f.AmountUSD
	}
	if f.ValuationUSD > 0 {
		d[fValuationUSD] = f.ValuationUSD
	}
	if f.Round != "" {
		d[fRound] = f.Round
	}
	if f.Currency != "" {
		d[fCurrency] = strings.ToLower(f.Currency)
	}
	if !a.Fetched.IsZero() {
		d[fIngested] = a.Fetched.UTC()
	}
	if a.DuplicateOf != 0 {
		d[fDupOf] = float64(a.DuplicateOf)
		d[fDup] = "1"
	}
	if a.Event != 0 {
		d[fEventID] = float64(a.Event)
		d[fEventSources] = float64(a.EventSources)
		// Collapsed searches show an event once, at its first report.
		if !a.EventLead {
			d[fDup] = "1"
		}
	}
	if len(a.AlsoReportedBy) > 0 {
		d[fAlso] = a.AlsoReportedBy
	}
	if a.PublishedEstimated {
		d[fEstimated] = "true"
	}
	return d
}

// snippetLen bounds the stored lead that snippets are cut from.
const snippetLen = 600

// snippetSource is the text a hit's snippet is cut from: the lead, or the
// start of the body when there is none.
func snippetSource(a *news.Article) string {
	s := strings.TrimSpace(a.Summary)
	if s == "" {
		s = strings.TrimSpace(a.Body)
	}
	if len(s) > snippetLen {
		cut := snippetLen
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		s = s[:cut]
	}
	return s
}
