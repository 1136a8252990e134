package classify

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkAutomatonScan measures the automaton alone over the English
// article bodies of the shared extraction benchmark, in one pass and in
// parts side by side.
func BenchmarkAutomatonScan(b *testing.B) {
	c := testClassifier(b)
	path := filepath.Join("..", "..", "shared", "testdata", "articles", "scrapinghub-aeb", "ground-truth.json")
	data, err := os.ReadFile(path)
	if err != nil {
		b.Skip("../shared is absent")
	}
	var gt map[string]struct {
		ArticleBody string `json:"articleBody"`
	}
	if err := json.Unmarshal(data, &gt); err != nil {
		b.Fatal(err)
	}
	var texts [][]byte
	n := 0
	for _, d := range gt {
		t := []byte(fold(d.ArticleBody))
		texts = append(texts, t)
		n += len(t)
	}
	a := c.m.ac
	b.Logf("states %d, stride %d, table %.1f MB, maxLen %d", len(a.trans)/int(a.stride), a.stride, float64(len(a.trans)*4)/1e6, a.maxLen)
	for _, mode := range []struct {
		name string
		min  int
	}{{"one-pass", 1 << 30}, {"parts", 512}} {
		b.Run(mode.name, func(b *testing.B) {
			old := splitMin
			splitMin = mode.min
			defer func() { splitMin = old }()
			var buf []acMatch
			b.SetBytes(int64(n))
			for range b.N {
				for _, t := range texts {
					buf = a.scan(t, buf[:0])
				}
			}
		})
	}
}
