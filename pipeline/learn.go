package pipeline

import (
	"context"
	"fmt"

	"github.com/aitracker/aitracker/classify"
	"github.com/aitracker/aitracker/news"
)

// learnLimit is how many candidate names a pass reads to learn from: the
// most frequent first.
const learnLimit = 2000

// classifier is the classifier passes tag with: the one given, with the
// companies learnt at the start of the last pass (see LearnCompanies).
func (p *Pipeline) classifier() *classify.Classifier {
	if c := p.learnt.Load(); c != nil {
		return c
	}
	return p.Classifier
}

// LearnCompanies makes the classifier also know the names outside the
// taxonomy that stored articles were tagged with often enough (see
// classify.Learns): the store's candidates, with the forms their texts
// wrote them in, read from the trail of an article that names each. A
// pass calls it at its start when Learn is set; a store that cannot be
// read leaves the classifier as it was.
func (p *Pipeline) LearnCompanies(ctx context.Context) (int, error) {
	cands, err := p.Store.Candidates(ctx, learnLimit)
	if err != nil {
		return 0, fmt.Errorf("pipeline: learn companies: %w", err)
	}
	var learned []classify.LearnedCompany
	var ids []int64
	for _, c := range cands {
		if classify.Learns(c.Name, c.Articles, c.Layer) {
			learned = append(learned, classify.LearnedCompany{Name: c.Name, Layer: c.Layer})
			ids = append(ids, c.ExampleID)
		}
	}
	if len(learned) > 0 {
		examples, err := p.Store.Articles(ctx, ids)
		if err != nil {
			return 0, fmt.Errorf("pipeline: learn companies: %w", err)
		}
		byID := make(map[int64]news.Tags, len(examples))
		for _, a := range examples {
			byID[a.ID] = a.Tags
		}
		for i := range learned {
			learned[i].Written = classify.WrittenForms(byID[ids[i]], learned[i].Name)
		}
	}
	cls, err := p.Classifier.WithLearned(learned)
	if err != nil {
		return 0, err
	}
	p.learnt.Store(cls)
	return cls.Learned(), nil
}
