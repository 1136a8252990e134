package classify

import (
	"testing"

	"github.com/aitracker/aitracker/news"
)

// BenchmarkWithLearned measures what learning one more company costs: a
// classifier rebuilt over the taxonomy and the learnt names.
func BenchmarkWithLearned(b *testing.B) {
	c := testClassifier(b)
	learned := []LearnedCompany{{Name: "Lumenfold", Layer: news.LayerModel}, {Name: "Quillnote", Layer: news.LayerApplication}}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := c.WithLearned(learned); err != nil {
			b.Fatal(err)
		}
	}
}
