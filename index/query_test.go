package index

import (
	"context"
	"reflect"
	"strings"
	"testing"
)

// show writes a query's tree compactly, for the tests: and(…), or(…),
// not(…), and a clause as name:value or its value.
func show(n *node) string {
	if n == nil {
		return "all"
	}
	switch n.kind {
	case nClause:
		if n.c.filter != nil {
			return n.c.name + n.c.op + ":" + n.c.value
		}
		if n.c.phrase {
			return `"` + n.c.value + `"`
		}
		return n.c.value
	case nNot:
		return "not(" + show(n.kids[0]) + ")"
	}
	var parts []string
	for _, k := range n.kids {
		parts = append(parts, show(k))
	}
	op := "and"
	if n.kind == nOr {
		op = "or"
	}
	return op + "(" + strings.Join(parts, " ") + ")"
}

// TestParseTree: what a query means, as the tree it parses to. OR binds
// tighter than the space (or AND) between pieces; NOT and "-" exclude the
// piece after them; parentheses group.
func TestParseTree(t *testing.T) {
	tests := []struct{ query, want string }{
		{``, "all"},
		{`funding`, "funding"},
		{`a b`, "and(a b)"},
		{`a AND b`, "and(a b)"},
		{`a OR b`, "or(a b)"},
		{`a b OR c`, "and(a or(b c))"},
		{`type:funding OR type:acquisition layer:middleware`, "and(or(type:funding type:acquisition) layer:middleware)"},
		{`(type:funding OR type:acquisition) layer:model`, "and(or(type:funding type:acquisition) layer:model)"},
		{`(type:funding OR type:acquisition)layer:model`, "and(or(type:funding type:acquisition) layer:model)"},
		{`type:funding (layer:model OR layer:infrastructure)`, "and(type:funding or(layer:model layer:infrastructure))"},
		{`NOT funding`, "not(funding)"},
		{`-funding`, "not(funding)"},
		{`NOT (a OR b) c`, "and(not(or(a b)) c)"},
		{`-(a b)`, "not(and(a b))"},
		{`NOT NOT a`, "not(not(a))"},
		{`a OR NOT b`, "or(a not(b))"},
		{`((a))`, "a"},
		{`(a OR b) AND (c OR d)`, "and(or(a b) or(c d))"},
		{`a OR (b c)`, "or(a and(b c))"},
		{`"series B" (round:B)`, `and("series B" round:series_b)`},
		{`GPT-4o`, "GPT-4o"},
		{`ORACLE NOTION ANDROID`, "and(ORACLE NOTION ANDROID)"},
		{`or not and`, "and(or not and)"},
		{`since:90d`, "since>=:90d"},
		{`f(x)`, "f(x)"},
	}
	for _, tc := range tests {
		n, err := parseQuery(tc.query, testNow)
		if err != nil {
			t.Errorf("parseQuery(%q): %v", tc.query, err)
			continue
		}
		if got := show(n); got != tc.want {
			t.Errorf("parseQuery(%q) = %s, want %s", tc.query, got, tc.want)
		}
	}
}

// TestGroupedQueries: on real documents, a grouped or negated query
// finds what its pieces, searched one by one, say it must.
func TestGroupedQueries(t *testing.T) {
	ix := openTest(t)
	ctx := context.Background()
	if err := ix.Apply(ctx, loadDocs(t, "testdata/analyst/docs.json")); err != nil {
		t.Fatal(err)
	}
	ids := func(q string) map[int64]bool {
		t.Helper()
		r, err := ix.Search(ctx, Request{Query: q, Limit: MaxLimit, Now: testNow})
		if err != nil {
			t.Fatalf("%q: %v", q, err)
		}
		if r.Total > MaxLimit {
			t.Fatalf("%q: %d hits, more than a page", q, r.Total)
		}
		out := map[int64]bool{}
		for _, h := range r.Hits {
			out[h.ID] = true
		}
		return out
	}
	all := ids("")
	and := func(a, b map[int64]bool) map[int64]bool {
		out := map[int64]bool{}
		for id := range a {
			if b[id] {
				out[id] = true
			}
		}
		return out
	}
	or := func(a, b map[int64]bool) map[int64]bool {
		out := map[int64]bool{}
		for id := range a {
			out[id] = true
		}
		for id := range b {
			out[id] = true
		}
		return out
	}
	not := func(a map[int64]bool) map[int64]bool {
		out := map[int64]bool{}
		for id := range all {
			if !a[id] {
				out[id] = true
			}
		}
		return out
	}
	funding, acq, model := ids("type:funding"), ids("type:acquisition"), ids("layer:model")
	word := ids("model")
	cases := []struct {
		query string
		want  map[int64]bool
	}{
		{"(type:funding OR type:acquisition) layer:model", and(or(funding, acq), model)},
		{"type:funding OR (type:acquisition layer:model)", or(funding, and(acq, model))},
		{"NOT type:funding", not(funding)},
		{"NOT model", not(word)},
		{"-(type:funding OR type:acquisition)", not(or(funding, acq))},
		{"model NOT (type:funding OR layer:model)", and(word, not(or(funding, model)))},
		{"(model OR type:acquisition) -layer:model", and(or(word, acq), not(model))},
	}
	for _, tc := range cases {
		got := ids(tc.query)
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%q: %d hits, want %d", tc.query, len(got), len(tc.want))
		}
		if len(tc.want) == 0 || len(tc.want) == len(all) {
			t.Errorf("%q: the case proves little: it wants %d of %d documents", tc.query, len(tc.want), len(all))
		}
	}
}
