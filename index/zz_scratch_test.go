package index

import (
	"context"
	"fmt"
	"strconv"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/search"
)

func TestScratch(t *testing.T) {
	if *scaleDir == "" {
		t.Skip()
	}
	ix, err := Open(*scaleDir+"/index-100000", Options{NoFilterTable: true})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	for _, qs := range []string{"funding", "reasoning model"} {
		qn, _ := parseQuery(qs, time.Now())
		for _, score := range []string{""} {
			for run := 0; run < 20; run++ {
				var n int
				var segs []*scorch.SegmentSnapshot
				mk := func(sc *search.SearchContext) (search.DocumentMatchHandler, bool, error) {
					segs = sc.IndexReader.(*scorch.IndexSnapshot).Segments()
					return func(d *search.DocumentMatch) error {
						if d == nil {
							return nil
						}
						n++
						sc.DocumentMatchPool.Put(d)
						return nil
					}, false, nil
				}
				ctx := context.WithValue(context.Background(), search.MakeDocumentMatchHandlerKey, search.MakeDocumentMatchHandler(mk))
				req := bleve.NewSearchRequestOptions(buildQuery(qn), 0, 0, false)
				req.Score = score
				req.SortBy([]string{"-_score"})
				start := time.Now()
				_, err := ix.b.SearchInContext(ctx, req)
				if err != nil {
					t.Fatal(err)
				}
				fmt.Printf("%q score=%q: %d hits in %s, %d segs\n", qs, score, n, time.Since(start), len(segs))
			}
		}
	}
	// DocID cost
	r, _ := ix.b.Advanced()
	rd, _ := r.Reader()
	defer rd.Close()
	start := time.Now()
	var cnt int
	for _, s := range rd.(*scorch.IndexSnapshot).Segments() {
		seg := s.Segment()
		for i := uint64(0); i < seg.Count(); i++ {
			b, err := seg.DocID(i)
			if err != nil {
				t.Fatal(err)
			}
			strconv.ParseInt(string(b), 10, 64)
			cnt++
		}
	}
	fmt.Printf("DocID: %d in %s\n", cnt, time.Since(start))
}
