package classify

import (
	"fmt"
	"testing"

	"github.com/aitracker/aitracker/news"
)

// BenchmarkWithLearned measures what a pass pays to learn 2,000
// companies (half of them written in Han characters): a classifier over
// the taxonomy and the learnt names, the large automaton shared.
func BenchmarkWithLearned(b *testing.B) {
	c := testClassifier(b)
	var learned []LearnedCompany
	for i := range 1000 {
		learned = append(learned, LearnedCompany{Name: fmt.Sprintf("Quillmark%d Labs", i), Layer: news.LayerApplication},
			LearnedCompany{Name: fmt.Sprintf("Yunzhan%d", i), Written: []string{fmt.Sprintf("云栈%d科技", i)}, Layer: news.LayerModel})
	}
	b.ResetTimer()
	for b.Loop() {
		if _, err := c.WithLearned(learned); err != nil {
			b.Fatal(err)
		}
	}
}
