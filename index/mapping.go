package index

import (
	"strings"

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
	fBody      = "body"     // summary and body, English analyser
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
)

// newMapping is the static mapping: nothing is indexed that is not named
// here, so a document's shape cannot grow the index by accident.
func newMapping() mapping.IndexMapping {
	// Term vectors (positions) are what phrase queries match on.
	text := func(analyzer string, store bool) *mapping.FieldMapping {
		f := bleve.NewTextFieldMapping()
		f.Analyzer = analyzer
		f.Store = store
		f.IncludeInAll = false
		f.IncludeTermVectors = true
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

	published := bleve.NewDateTimeFieldMapping()
	published.Store = true
	published.IncludeInAll = false
	amount := bleve.NewNumericFieldMapping()
	amount.Store = false
	amount.IncludeInAll = false

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
	dupOf := bleve.NewNumericFieldMapping()
	dupOf.Store = true
	dupOf.IncludeInAll = false
	doc.AddFieldMappingsAt(fDupOf, dupOf)
	doc.AddFieldMappingsAt(fPublished, published)
	doc.AddFieldMappingsAt(fAmountUSD, amount)

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
	d := map[string]interface{}{
		fTitle:     a.Title,
		fTitleZH:   a.Title,
		fBody:      text,
		fBodyZH:    text,
		fTags:      strings.Join(tags, " \n "),
		fTagsZH:    strings.Join(tags, " \n "),
		fCompanies: companies,
		fPrimary:   a.Tags.Primary,
		fLayer:     string(a.Tags.Layer),
		fEvent:     string(a.Tags.EventType),
		fStatus:    string(a.Tags.Status),
		fSource:    a.SourceName,
		fLang:      a.Lang,
		fURL:       a.URL,
		fPublished: a.Published.UTC(),
	}
	if a.Tags.Fields.AmountUSD > 0 {
		d[fAmountUSD] = a.Tags.Fields.AmountUSD
	}
	if a.DuplicateOf != 0 {
		d[fDupOf] = float64(a.DuplicateOf)
	}
	if len(a.AlsoReportedBy) > 0 {
		d[fAlso] = a.AlsoReportedBy
	}
	if a.PublishedEstimated {
		d[fEstimated] = "true"
	}
	return d
}
