package pipeline

import (
	"context"

	"github.com/aitracker/aitracker/classify"
	"github.com/aitracker/aitracker/index"
	"github.com/aitracker/aitracker/store"
)

// Counter is told how far a long job has come.
type Counter = index.Counter

// reclassifyBatch is how many stored articles are read at a time.
const reclassifyBatch = 500

// Reclassify tags every stored article again with the classifier and
// stores the tags that changed, then brings the events and the index
// (when not nil) up to date. It is what a taxonomy or rule change needs;
// it returns how many articles got new tags.
//
// It lives here, beside the pass, because it is the same wiring over
// another input: stored articles instead of fetched ones go through
// classify and back to the store, and the events and the index follow.
// classify does no I/O and the store knows no classifier, so neither
// can hold it.
//
// With learn, the classifier first learns the companies the stored
// articles name outside the taxonomy, as a pass does (Pipeline.Learn).
func Reclassify(ctx context.Context, st store.Store, ix *index.Live, cls *classify.Classifier, learn bool, c Counter) (int, error) {
	p := &Pipeline{Store: st, Index: ix, Classifier: cls, Learn: learn}
	return p.Reclassify(ctx, c)
}

// Reclassify is the package's Reclassify over the pipeline's store,
// index and classifier, on its clock.
func (p *Pipeline) Reclassify(ctx context.Context, c Counter) (int, error) {
	if p.Learn {
		if _, err := p.LearnCompanies(ctx); err != nil {
			return 0, err
		}
	}
	st, cls := p.Store, p.classifier()
	if c != nil {
		n, err := st.CountArticles(ctx)
		if err != nil {
			return 0, err
		}
		c.Start(n)
		defer c.Finish()
	}
	changed := 0
	var after int64
	for {
		arts, err := st.ArticlesFrom(ctx, after, reclassifyBatch)
		if err != nil {
			return changed, err
		}
		if len(arts) == 0 {
			break
		}
		for _, a := range arts {
			if err := ctx.Err(); err != nil {
				return changed, err
			}
			if a.Tags.Version == cls.Version() {
				continue
			}
			t := cls.ClassifyArticle(&a)
			// Keep the record of a page that could not be read.
			for _, d := range a.Tags.Trail {
				if d.What == "full_text" {
					t.Trail = append(t.Trail, d)
				}
			}
			if err := st.UpdateTags(ctx, a.ID, t); err != nil {
				return changed, err
			}
			changed++
		}
		after = arts[len(arts)-1].ID
		if c != nil {
			c.Add(len(arts))
		}
	}
	// Events first, then the index, which holds each article's event:
	// each re-tagged article is written to the index once.
	if _, err := UpdateEvents(ctx, st, p.Logger, p.now()); err != nil {
		return changed, err
	}
	if p.Index != nil {
		if _, err := p.Index.CatchUp(ctx); err != nil {
			return changed, err
		}
	}
	return changed, nil
}
