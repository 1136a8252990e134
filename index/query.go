package index

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/aitracker/aitracker/news"
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

// filterKind says how a filter's value is read.
type filterKind int

const (
	kindTerm   filterKind = iota // a keyword, matched exactly (case-insensitively)
	kindNumber                   // a sum in US dollars, compared
	kindDate                     // a date, compared
)

// filter is one field a user can type before ":" (or a comparison).
type filter struct {
	field string
	kind  filterKind
	// values, when set, are the only values the filter takes: a typo is
	// an error, not an empty result.
	values []string
	// normalise maps what the user typed to the indexed form.
	normalise func(string) string
	// op is the comparison "since:" and "until:" stand for.
	op string
}

var (
	eventValues = func() []string {
		var out []string
		for _, e := range news.EventTypes {
			out = append(out, string(e))
		}
		return out
	}()
	layerValues  = []string{"infrastructure", "model", "middleware", "application", "none"}
	statusValues = []string{"rumored", "announced", "completed"}
	roundValues  = []string{"pre-seed", "seed", "series_a", "series_b", "series_c", "series_d", "series_e", "series_f",
		"growth", "strategic", "unknown"}
)

// filters are the names a user types, and what they search.
var filters = map[string]filter{
	"type":      {field: fEvent, values: eventValues, normalise: normaliseEvent},
	"event":     {field: fEvent, values: eventValues, normalise: normaliseEvent},
	"layer":     {field: fLayer, values: layerValues, normalise: strings.ToLower},
	"status":    {field: fStatus, values: statusValues, normalise: strings.ToLower},
	"round":     {field: fRound, values: roundValues, normalise: normaliseRound},
	"company":   {field: fCompanyKey, normalise: strings.ToLower},
	"primary":   {field: fPrimaryKey, normalise: strings.ToLower},
	"source":    {field: fSourceKey, normalise: strings.ToLower},
	"lang":      {field: fLang, normalise: strings.ToLower},
	"language":  {field: fLang, normalise: strings.ToLower},
	"currency":  {field: fCurrency, normalise: strings.ToLower},
	"month":     {field: fMonth},
	"amount":    {field: fAmountUSD, kind: kindNumber},
	"valuation": {field: fValuationUSD, kind: kindNumber},
	"date":      {field: fPublished, kind: kindDate},
	"published": {field: fPublished, kind: kindDate},
	"since":     {field: fPublished, kind: kindDate, op: ">="},
	"until":     {field: fPublished, kind: kindDate, op: "<="},
	"added":     {field: fIngested, kind: kindDate},
}

func knownFilters() string {
	names := make([]string, 0, len(filters))
	for k := range filters {
		names = append(names, k)
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}

func normaliseEvent(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(strings.ToLower(s), "-", "_"), " ", "_")
}

// normaliseRound accepts "series_b", "Series B", "series-b", "B", "pre-seed",
// "preseed" and "angel" (which the classifier files as seed).
func normaliseRound(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	s = strings.NewReplacer(" ", "_", "-", "_").Replace(s)
	switch {
	case s == "pre_seed" || s == "preseed":
		return "pre-seed"
	case s == "angel":
		return "seed"
	case len(s) == 1 && s[0] >= 'a' && s[0] <= 'f':
		return "series_" + s
	case strings.HasPrefix(s, "series") && len(s) == len("series")+1:
		return "series_" + s[len("series"):]
	}
	return s
}

// clause is one parsed piece of a query.
type clause struct {
	filter *filter // nil for free text
	name   string  // the filter's name as typed
	value  string
	phrase bool
	prefix bool // free text ending in "*": "robot*"
	// negate marks a clause under an odd number of NOTs; it is set on
	// the clauses a query's tree lists (see node.clauses), not in the tree.
	negate bool
	op     string // for number and date filters: ">", ">=", "<", "<=", "="
	num    float64
	from   time.Time // date filters: the day or instant the value names
	to     time.Time // … and the end of that day
	pos    int
}

// nodeKind says what a node of a parsed query is.
type nodeKind int

const (
	nClause nodeKind = iota // one clause
	nAnd                    // every child holds
	nOr                     // one child holds
	nNot                    // its one child does not hold
)

// node is a parsed query: a clause, or an operator over other nodes. A
// nil node is the empty query, which matches everything.
type node struct {
	kind nodeKind
	c    clause
	kids []*node
}

// clauses lists the query's clauses in the order typed, each with negate
// set when it is excluded (under an odd number of NOTs).
func (n *node) clauses() []*clause {
	var out []*clause
	var walk func(n *node, neg bool)
	walk = func(n *node, neg bool) {
		if n == nil {
			return
		}
		switch n.kind {
		case nClause:
			n.c.negate = neg
			out = append(out, &n.c)
		case nNot:
			walk(n.kids[0], !neg)
		default:
			for _, k := range n.kids {
				walk(k, neg)
			}
		}
	}
	walk(n, false)
	return out
}

// tokKind is the kind of a query token.
type tokKind int

const (
	tClause tokKind = iota
	tOr
	tAnd
	tNot // NOT, or a leading "-"
	tOpen
	tClose
)

type token struct {
	kind tokKind
	c    clause
	pos  int
}

// parseQuery reads a query: words, "quoted phrases", word* prefixes,
// filter:value and filter:"quoted value", comparisons (amount>50M,
// since:90d), each optionally excluded with a leading "-" or NOT;
// OR between two pieces (binding tighter than the implicit AND, so
// "a b OR c" is a and (b or c)); AND, which is what a space means; and
// parentheses to group. A query that does not parse is a *QueryError
// saying what and where, never an empty result.
func parseQuery(q string, now time.Time) (*node, error) {
	toks, err := tokenize(q, now)
	if err != nil {
		return nil, err
	}
	p := &queryParser{q: q, toks: toks}
	if len(toks) == 0 {
		return nil, nil
	}
	n, err := p.and()
	if err != nil {
		return nil, err
	}
	if p.i < len(p.toks) {
		// and() stops only at a ")" it did not open.
		return nil, p.errAt(p.toks[p.i].pos, `")" without a matching "("`)
	}
	return n, nil
}

// opWord reports whether q[i:] starts with the operator word w standing
// alone: followed by the end, a space or a parenthesis.
func opWord(q string, i int, w string) bool {
	if !strings.HasPrefix(q[i:], w) {
		return false
	}
	j := i + len(w)
	return j == len(q) || q[j] == ' ' || q[j] == '(' || q[j] == ')' || unicode.IsSpace(rune(q[j]))
}

// tokenize splits a query into clauses and operators, checking each
// clause's value.
func tokenize(q string, now time.Time) ([]token, error) {
	if len(q) > MaxQueryLen {
		return nil, &QueryError{Query: q, Pos: MaxQueryLen, Msg: fmt.Sprintf("query longer than %d bytes", MaxQueryLen)}
	}
	if !utf8.ValidString(q) {
		return nil, &QueryError{Query: q, Msg: "query is not valid UTF-8"}
	}
	qerr := func(pos int, format string, args ...any) error {
		return &QueryError{Query: q, Pos: pos, Msg: fmt.Sprintf(format, args...)}
	}
	var out []token
	var open []int // positions of the "(" not yet closed
	i := 0
	for i < len(q) {
		r, n := utf8.DecodeRuneInString(q[i:])
		if unicode.IsSpace(r) {
			i += n
			continue
		}
		switch {
		case q[i] == '(':
			out = append(out, token{kind: tOpen, pos: i})
			open = append(open, i)
			i++
			continue
		case q[i] == ')':
			if len(open) == 0 {
				return nil, qerr(i, `")" without a matching "("`)
			}
			out = append(out, token{kind: tClose, pos: i})
			open = open[:len(open)-1]
			i++
			continue
		case opWord(q, i, "OR"):
			out = append(out, token{kind: tOr, pos: i})
			i += 2
			continue
		case opWord(q, i, "AND"):
			out = append(out, token{kind: tAnd, pos: i})
			i += 3
			continue
		case opWord(q, i, "NOT"):
			out = append(out, token{kind: tNot, pos: i})
			i += 3
			continue
		case q[i] == '-':
			if i+1 >= len(q) || q[i+1] == ' ' || q[i+1] == ')' {
				return nil, qerr(i, `"-" must be followed by a word, phrase or filter to exclude`)
			}
			out = append(out, token{kind: tNot, pos: i})
			i++
			continue
		}
		c := clause{pos: i}
		// filter:value, or a comparison such as amount>50M.
		if name, op, j := filterStart(q[i:]); j > 0 {
			f, ok := filters[strings.ToLower(name)]
			if !ok {
				return nil, qerr(i, "unknown filter %q (known: %s)", strings.ToLower(name), knownFilters())
			}
			c.filter, c.name, c.op = &f, strings.ToLower(name), op
			i += j
			if i >= len(q) || q[i] == ' ' || (q[i] == ')' && len(open) > 0) {
				return nil, qerr(i-1, "filter %s: needs a value", c.name)
			}
		}
		if q[i] == '"' {
			end := strings.IndexByte(q[i+1:], '"')
			if end < 0 {
				return nil, qerr(i, "unclosed quote")
			}
			c.value = q[i+1 : i+1+end]
			c.phrase = true
			i += end + 2
		} else {
			// A word runs to a space, or to the ")" closing a group; a
			// word may hold its own parentheses ("f(x)").
			j, inner := i, 0
			for j < len(q) {
				r, n := utf8.DecodeRuneInString(q[j:])
				if unicode.IsSpace(r) {
					break
				}
				if r == '(' {
					inner++
				} else if r == ')' {
					if inner == 0 {
						if len(open) == 0 {
							return nil, qerr(j, `")" without a matching "("`)
						}
						break
					}
					inner--
				}
				j += n
			}
			c.value = q[i:j]
			i = j
		}
		if strings.TrimSpace(c.value) == "" {
			return nil, qerr(c.pos, "empty phrase")
		}
		if err := c.check(q, now); err != nil {
			return nil, err
		}
		out = append(out, token{kind: tClause, c: c, pos: c.pos})
	}
	if len(open) > 0 {
		return nil, qerr(open[len(open)-1], `"(" is never closed`)
	}
	return out, nil
}

// queryParser builds a query's tree from its tokens:
//
//	and   = or { ["AND"] or }
//	or    = unary { "OR" unary }
//	unary = ("NOT" | "-") unary | "(" and ")" | clause
type queryParser struct {
	q    string
	toks []token
	i    int
}

func (p *queryParser) errAt(pos int, format string, args ...any) error {
	return &QueryError{Query: p.q, Pos: pos, Msg: fmt.Sprintf(format, args...)}
}

func (p *queryParser) peek() (token, bool) {
	if p.i < len(p.toks) {
		return p.toks[p.i], true
	}
	return token{}, false
}

// and reads pieces up to the end or a ")".
func (p *queryParser) and() (*node, error) {
	var kids []*node
	for {
		t, ok := p.peek()
		if !ok || t.kind == tClose {
			break
		}
		if t.kind == tAnd {
			if len(kids) == 0 {
				return nil, p.errAt(t.pos, "AND must stand between two words, phrases or filters")
			}
			p.i++
			if n, ok := p.peek(); !ok || n.kind == tClose || n.kind == tOr || n.kind == tAnd {
				return nil, p.errAt(t.pos, "AND must stand between two words, phrases or filters")
			}
			continue
		}
		n, err := p.or()
		if err != nil {
			return nil, err
		}
		kids = append(kids, n)
	}
	switch len(kids) {
	case 0:
		return nil, nil
	case 1:
		return kids[0], nil
	}
	return &node{kind: nAnd, kids: kids}, nil
}

func (p *queryParser) or() (*node, error) {
	first, err := p.unary()
	if err != nil {
		return nil, err
	}
	kids := []*node{first}
	for {
		t, ok := p.peek()
		if !ok || t.kind != tOr {
			break
		}
		p.i++
		if n, ok := p.peek(); !ok || n.kind == tOr || n.kind == tAnd || n.kind == tClose {
			pos := t.pos
			if ok && n.kind == tOr {
				pos = n.pos
			}
			return nil, p.errAt(pos, "OR must stand between two words, phrases or filters")
		}
		n, err := p.unary()
		if err != nil {
			return nil, err
		}
		kids = append(kids, n)
	}
	if len(kids) == 1 {
		return first, nil
	}
	return &node{kind: nOr, kids: kids}, nil
}

func (p *queryParser) unary() (*node, error) {
	t, ok := p.peek()
	if !ok {
		return nil, p.errAt(len(p.q), "the query ends where a word, phrase or filter should follow")
	}
	switch t.kind {
	case tClause:
		p.i++
		return &node{kind: nClause, c: t.c}, nil
	case tNot:
		p.i++
		if n, ok := p.peek(); !ok || n.kind == tOr || n.kind == tAnd || n.kind == tClose {
			return nil, p.errAt(t.pos, "NOT must be followed by a word, phrase or filter to exclude")
		}
		n, err := p.unary()
		if err != nil {
			return nil, err
		}
		return &node{kind: nNot, kids: []*node{n}}, nil
	case tOpen:
		p.i++
		n, err := p.and()
		if err != nil {
			return nil, err
		}
		if n == nil {
			return nil, p.errAt(t.pos, "empty parentheses")
		}
		// tokenize saw every "(" closed.
		p.i++
		return n, nil
	case tOr:
		return nil, p.errAt(t.pos, "OR must stand between two words, phrases or filters")
	case tAnd:
		return nil, p.errAt(t.pos, "AND must stand between two words, phrases or filters")
	}
	return nil, p.errAt(t.pos, `")" without a matching "("`)
}

// filterStart reads "name:" or "name>", "name>=", "name<", "name<=",
// "name:>" … at the start of s and returns the name, the comparison ("" for
// a plain filter) and the length read; 0 when s does not start with one.
func filterStart(s string) (name, op string, n int) {
	i := 0
	for i < len(s) && (s[i] >= 'a' && s[i] <= 'z' || s[i] >= 'A' && s[i] <= 'Z' || s[i] == '_') {
		i++
	}
	if i == 0 || i == len(s) {
		return "", "", 0
	}
	name = s[:i]
	rest := s[i:]
	if strings.HasPrefix(rest, ":") {
		// "http://…" is text, not a filter.
		if strings.HasPrefix(rest, "://") {
			return "", "", 0
		}
		rest = rest[1:]
		n = i + 1
	} else {
		n = i
	}
	for _, op := range []string{">=", "<=", ">", "<", "="} {
		if strings.HasPrefix(rest, op) {
			return name, op, n + len(op)
		}
	}
	if n == i {
		return "", "", 0 // a word, no ":" and no comparison
	}
	return name, "", n
}

// check validates a clause's value and reads numbers and dates.
func (c *clause) check(q string, now time.Time) error {
	qerr := func(format string, args ...any) error {
		return &QueryError{Query: q, Pos: c.pos, Msg: fmt.Sprintf(format, args...)}
	}
	if c.filter == nil {
		return c.checkText(qerr)
	}
	f := c.filter
	switch f.kind {
	case kindTerm:
		if c.op != "" {
			return qerr("filter %s takes a value, not a comparison (%s:VALUE)", c.name, c.name)
		}
		if f.normalise != nil {
			c.value = f.normalise(c.value)
		}
		if f.values != nil && !contains(f.values, c.value) {
			return qerr("%s: unknown value %q (known: %s)", c.name, c.value, strings.Join(f.values, ", "))
		}
		if f.field == fMonth {
			if _, err := time.Parse("2006-01", c.value); err != nil {
				return qerr("month: want YYYY-MM, got %q", c.value)
			}
		}
	case kindNumber:
		if c.op == "" {
			return qerr("%s needs a comparison: %s>50M, %s<=1B (US dollars; K, M, B, T allowed)", c.name, c.name, c.name)
		}
		v, ok := ParseAmount(c.value)
		if !ok {
			return qerr("%s: %q is not an amount (50M, 1.5B, 250000)", c.name, c.value)
		}
		c.num = v
	case kindDate:
		if c.op == "" {
			c.op = f.op
		}
		if c.op == "" {
			return qerr("%s needs a comparison: %s>=2026-01-01, or use since: and until:", c.name, c.name)
		}
		from, to, ok := ParseWhen(c.value, now)
		if !ok {
			return qerr("%s: %q is not a date (2026-06-30, 2026-06) or an age (90d, 12w, 6m, 1y)", c.name, c.value)
		}
		c.from, c.to = from, to
	}
	return nil
}

// checkText validates free text: a trailing "*" after at least three
// letters is a prefix; other wildcards and regular expressions are
// refused, since they can make a search scan every term of the index.
func (c *clause) checkText(qerr func(string, ...any) error) error {
	v := c.value
	if c.phrase {
		return nil
	}
	if len(v) >= 2 && v[0] == '/' && v[len(v)-1] == '/' {
		return qerr("regular expressions are not supported; use words, \"phrases\" or a prefix such as robot*")
	}
	if !strings.ContainsAny(v, "*?") {
		return nil
	}
	stem := strings.TrimSuffix(v, "*")
	if strings.ContainsAny(stem, "*?") || utf8.RuneCountInString(stem) < 3 {
		return qerr("wildcards: only a trailing * after at least three letters (robot*), not %q", v)
	}
	c.value, c.prefix = strings.ToLower(stem), true
	return nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
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
	{fBodyZH, 1, true, true},
	{fTags, 2, false, true},
	{fTagsZH, 2, true, false},
}

// buildQuery turns a query's tree into a Bleve query; the empty query
// matches all. The root is a boolean query whose must and must-not lists
// are the pieces of a top-level AND, as the filter table reads it too.
func buildQuery(n *node) query.Query {
	if n == nil {
		return bleve.NewMatchAllQuery()
	}
	kids := []*node{n}
	if n.kind == nAnd {
		kids = n.kids
	}
	var must, mustNot []query.Query
	for _, k := range kids {
		if k.kind == nNot {
			mustNot = append(mustNot, nodeQuery(k.kids[0]))
		} else {
			must = append(must, nodeQuery(k))
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

// nodeQuery is the Bleve query of a node below the root.
func nodeQuery(n *node) query.Query {
	switch n.kind {
	case nClause:
		return clauseQuery(n.c)
	case nOr:
		alts := make([]query.Query, 0, len(n.kids))
		for _, k := range n.kids {
			alts = append(alts, nodeQuery(k))
		}
		return bleve.NewDisjunctionQuery(alts...)
	}
	// An AND or a NOT inside a group is a query of its own.
	return buildQuery(n)
}

func clauseQuery(c clause) query.Query {
	if c.filter == nil {
		return textQuery(c)
	}
	f := c.filter
	switch f.kind {
	case kindNumber:
		lo, hi := rangeBounds(c.op, c.num, c.num)
		q := bleve.NewNumericRangeInclusiveQuery(lo.v, hi.v, lo.incl, hi.incl)
		q.SetField(f.field)
		return q
	case kindDate:
		var start, end time.Time
		var si, ei bool
		switch c.op {
		case ">":
			start, si = c.to, false
		case ">=":
			start, si = c.from, true
		case "<":
			end, ei = c.from, false
		case "<=":
			end, ei = c.to, true
		case "=":
			start, end, si, ei = c.from, c.to, true, true
		}
		q := bleve.NewDateRangeInclusiveQuery(start, end, &si, &ei)
		q.SetField(f.field)
		return q
	}
	q := bleve.NewTermQuery(c.value)
	q.SetField(f.field)
	return q
}

type bound struct {
	v    *float64
	incl *bool
}

// rangeBounds turns a comparison into the bounds of a numeric range.
func rangeBounds(op string, lo, hi float64) (min, max bound) {
	t, f := true, false
	switch op {
	case ">":
		return bound{&lo, &f}, bound{}
	case ">=":
		return bound{&lo, &t}, bound{}
	case "<":
		return bound{}, bound{&hi, &f}
	case "<=":
		return bound{}, bound{&hi, &t}
	}
	return bound{&lo, &t}, bound{&hi, &t}
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
		switch {
		case c.prefix:
			p := bleve.NewPrefixQuery(c.value)
			p.SetField(f.name)
			p.SetBoost(f.boost)
			q = p
		case c.phrase:
			q = newPhraseQuery(c.value, f.name, f.boost)
		default:
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

// ParseAmount reads a sum as a user types it in a query or a filter:
// "50M", "1.5B", "$250k", "2bn", "1,000,000". ok is false for anything
// else, a negative sum among them.
func ParseAmount(s string) (v float64, ok bool) {
	s = strings.TrimPrefix(strings.ToLower(strings.ReplaceAll(s, ",", "")), "$")
	mult := 1.0
	for _, u := range []struct {
		suffix string
		mult   float64
	}{{"bn", 1e9}, {"k", 1e3}, {"m", 1e6}, {"b", 1e9}, {"t", 1e12}} {
		if strings.HasSuffix(s, u.suffix) {
			s, mult = strings.TrimSuffix(s, u.suffix), u.mult
			break
		}
	}
	v, err := strconv.ParseFloat(s, 64)
	v *= mult // "1e308t" is past the largest float only once multiplied
	if err != nil || v < 0 || math.IsInf(v, 0) || math.IsNaN(v) {
		return 0, false
	}
	return v, true
}

// ParseWhen reads a date ("2026-06-30": that day; "2026-06": that month;
// an RFC 3339 time: that instant) or an age ("36h", "90d", "12w", "6m",
// "1y": that long before now) and returns the instant it starts and the
// instant it ends.
func ParseWhen(s string, now time.Time) (from, to time.Time, ok bool) {
	if t, err := time.Parse("2006-01-02", s); err == nil {
		return t, t.AddDate(0, 0, 1).Add(-time.Nanosecond), true
	}
	if t, err := time.Parse("2006-01", s); err == nil {
		return t, t.AddDate(0, 1, 0).Add(-time.Nanosecond), true
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, t, true
	}
	if len(s) < 2 {
		return time.Time{}, time.Time{}, false
	}
	n, err := strconv.Atoi(s[:len(s)-1])
	if err != nil || n < 0 || n > 100000 {
		return time.Time{}, time.Time{}, false
	}
	var t time.Time
	switch s[len(s)-1] {
	case 'h':
		t = now.Add(-time.Duration(n) * time.Hour)
	case 'd':
		t = now.AddDate(0, 0, -n)
	case 'w':
		t = now.AddDate(0, 0, -7*n)
	case 'm':
		t = now.AddDate(0, -n, 0)
	case 'y':
		t = now.AddDate(-n, 0, 0)
	default:
		return time.Time{}, time.Time{}, false
	}
	return t, t, true
}
