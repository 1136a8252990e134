package index

import (
	"fmt"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
)

// MaxQueryLen bounds a query: longer ones are refused, not truncated.
const MaxQueryLen = 1024

// QueryError says what is wrong with a query and where.
type QueryError struct {
	Query string
	Pos   int // byte offset
	Msg   string
}

func (e *QueryError) Error() string {
	return fmt.Sprintf("bad query at position %d: %s", e.Pos+1, e.Msg)
}

// filterFields maps the field names a user types to index fields.
var filterFields = map[string]string{
	"type":     fEvent,
	"event":    fEvent,
	"layer":    fLayer,
	"company":  fCompanies,
	"primary":  fPrimary,
	"source":   fSource,
	"lang":     fLang,
	"language": fLang,
	"status":   fStatus,
}

func knownFilters() string {
	names := make([]string, 0, len(filterFields))
	for k := range filterFields {
		names = append(names, k)
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}

// clause is one parsed piece of a query.
type clause struct {
	field  string // "" for free text
	value  string
	phrase bool
	negate bool
	pos    int
}

// parseQuery splits a query into clauses: words, "quoted phrases",
// field:value and field:"quoted value" filters, each optionally negated
// with a leading "-". All clauses must hold.
func parseQuery(q string) ([]clause, error) {
	if len(q) > MaxQueryLen {
		return nil, &QueryError{Query: q, Pos: MaxQueryLen, Msg: fmt.Sprintf("query longer than %d bytes", MaxQueryLen)}
	}
	if !utf8.ValidString(q) {
		return nil, &QueryError{Query: q, Msg: "query is not valid UTF-8"}
	}
	var out []clause
	i := 0
	for i < len(q) {
		r, n := utf8.DecodeRuneInString(q[i:])
		if unicode.IsSpace(r) {
			i += n
			continue
		}
		c := clause{pos: i}
		if q[i] == '-' {
			c.negate = true
			i++
			if i >= len(q) || q[i] == ' ' {
				return nil, &QueryError{Query: q, Pos: c.pos, Msg: `"-" must be followed by a word, phrase or filter to exclude`}
			}
		}
		// field:value
		if j := fieldEnd(q[i:]); j > 0 {
			name := strings.ToLower(q[i : i+j])
			f, ok := filterFields[name]
			if !ok {
				return nil, &QueryError{Query: q, Pos: i, Msg: fmt.Sprintf("unknown filter %q (known: %s)", name, knownFilters())}
			}
			c.field = f
			i += j + 1
			if i >= len(q) || q[i] == ' ' {
				return nil, &QueryError{Query: q, Pos: i - 1, Msg: fmt.Sprintf("filter %s: needs a value", name)}
			}
		}
		if q[i] == '"' {
			end := strings.IndexByte(q[i+1:], '"')
			if end < 0 {
				return nil, &QueryError{Query: q, Pos: i, Msg: "unclosed quote"}
			}
			c.value = q[i+1 : i+1+end]
			c.phrase = true
			i += end + 2
		} else {
			j := i
			for j < len(q) {
				r, n := utf8.DecodeRuneInString(q[j:])
				if unicode.IsSpace(r) {
					break
				}
				j += n
			}
			c.value = q[i:j]
			i = j
		}
		if strings.TrimSpace(c.value) == "" {
			return nil, &QueryError{Query: q, Pos: c.pos, Msg: "empty phrase"}
		}
		out = append(out, c)
	}
	return out, nil
}

// fieldEnd returns the length of a "name" before ":" at the start of s,
// or 0 when s does not start with a filter.
func fieldEnd(s string) int {
	for i, r := range s {
		switch {
		case r == ':':
			if i == 0 {
				return 0
			}
			// "http://…" is text, not a filter.
			if strings.HasPrefix(s[i:], "://") {
				return 0
			}
			return i
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r == '_':
		default:
			return 0
		}
	}
	return 0
}

// textFields are searched for free text, with their boosts.
var textFields = []struct {
	name  string
	boost float64
	han   bool // searched for Han text
	latin bool // searched for Latin text
}{
	{fTitle, 3, false, true},
	{fTitleZH, 3, true, true},
	{fBody, 1, false, true},
	{fBodyZH, 1, true, false},
	{fTags, 2, false, true},
	{fTagsZH, 2, true, false},
}

// buildQuery turns clauses into a Bleve query; no clauses match all.
func buildQuery(cs []clause) query.Query {
	if len(cs) == 0 {
		return bleve.NewMatchAllQuery()
	}
	var must, mustNot []query.Query
	for _, c := range cs {
		var q query.Query
		if c.field != "" {
			q = filterQuery(c)
		} else {
			q = textQuery(c)
		}
		if c.negate {
			mustNot = append(mustNot, q)
		} else {
			must = append(must, q)
		}
	}
	b := bleve.NewBooleanQuery()
	if len(must) == 0 {
		must = append(must, bleve.NewMatchAllQuery())
	}
	b.AddMust(must...)
	if len(mustNot) > 0 {
		b.AddMustNot(mustNot...)
	}
	return b
}

func filterQuery(c clause) query.Query {
	v := c.value
	switch c.field {
	case fEvent, fLayer, fLang, fStatus:
		v = strings.ToLower(v)
	}
	q := bleve.NewTermQuery(v)
	q.SetField(c.field)
	return q
}

// textQuery matches a word in any text field. A quoted phrase is exact:
// it is matched on the CJK-analysed fields only, which keep every word
// unstemmed and drop no stop words, so "Series A" does not match "Series B".
func textQuery(c clause) query.Query {
	han := hasHan(c.value)
	var alts []query.Query
	for _, f := range textFields {
		if c.phrase && !f.han {
			continue
		}
		if !c.phrase && ((han && !f.han) || (!han && !f.latin)) {
			continue
		}
		var q query.Query
		if c.phrase {
			mp := bleve.NewMatchPhraseQuery(c.value)
			mp.SetField(f.name)
			mp.SetBoost(f.boost)
			q = mp
		} else {
			m := bleve.NewMatchQuery(c.value)
			m.SetField(f.name)
			m.SetBoost(f.boost)
			m.SetOperator(query.MatchQueryOperatorAnd)
			q = m
		}
		alts = append(alts, q)
	}
	return bleve.NewDisjunctionQuery(alts...)
}

func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}
