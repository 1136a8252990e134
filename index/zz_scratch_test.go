package index

import (
	"context"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/aitracker/aitracker/index/gen"
)

func TestScratch(t *testing.T) {
	if *scaleDir == "" {
		t.Skip()
	}
	ix, err := Open(*scaleDir+"/index-100000", Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	ix.WaitFilterTable(context.Background())
	q := os.Getenv("Q")
	for run := 0; run < 20; run++ {
		start := time.Now()
		res, err := ix.Search(context.Background(), Request{Query: q, Now: gen.End})
		if err != nil {
			t.Fatal(err)
		}
		if run%5 == 0 {
			fmt.Printf("%q: %d hits in %s\n", q, res.Total, time.Since(start))
		}
	}
}
