package classify

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/aitracker/aitracker/config"
	"github.com/aitracker/aitracker/news"
)

// Frame is a FrameDef as the classifier uses it: with its event type and
// its argument kinds as sets.
type Frame struct {
	config.FrameDef
	Type                  news.EventType
	object, subject, near kindSet
	// The kind sets written out, for explanations.
	objectNames, subjectNames, nearNames string
}

// compileFrames lists every event type's frames in one list, in order (a
// frame's index there identifies it in matches), with their argument
// kinds read. It checks what only the classifier reads: the cue phrases'
// syntax and the argument kinds.
func compileFrames(t *config.Taxonomy) ([]Frame, error) {
	var errs []error
	var frames []Frame
	for _, l := range t.Layers {
		errs = append(errs, checkCues("layers "+string(l.ID), l.Cues)...)
	}
	for k, cs := range t.Arguments {
		if _, ok := nounKinds[k]; !ok {
			errs = append(errs, fmt.Errorf("taxonomy: arguments: unknown kind %q (known: %s)", k, strings.Join(kindNames(), ", ")))
		}
		errs = append(errs, checkCues("arguments "+k, cs)...)
	}
	for _, e := range t.Events {
		errs = append(errs, checkCues("event_types "+string(e.ID)+" support", e.Support)...)
		for _, f := range e.Frames {
			where := "event_types " + string(e.ID) + " frame " + f.ID
			errs = append(errs, checkCues(where, f.Predicates)...)
			fr := Frame{FrameDef: f, Type: e.ID}
			var err error
			if fr.object, err = parseKinds(f.Object); err != nil {
				errs = append(errs, fmt.Errorf("taxonomy: %s: object: %v", where, err))
			}
			if fr.subject, err = parseKinds(f.Subject); err != nil {
				errs = append(errs, fmt.Errorf("taxonomy: %s: subject: %v", where, err))
			}
			if fr.near, err = parseKinds(f.Near); err != nil {
				errs = append(errs, fmt.Errorf("taxonomy: %s: near: %v", where, err))
			}
			switch f.Status {
			case "", news.StatusRumored, news.StatusAnnounced, news.StatusCompleted:
			default:
				errs = append(errs, fmt.Errorf("taxonomy: %s: status %q: want rumored, announced or completed", where, f.Status))
			}
			fr.objectNames, fr.subjectNames, fr.nearNames = fr.object.String(), fr.subject.String(), fr.near.String()
			frames = append(frames, fr)
		}
	}
	errs = append(errs, checkCues("readings negation", t.Readings.Negation)...)
	errs = append(errs, checkCues("readings hypothetical", t.Readings.Hypothetical)...)
	errs = append(errs, checkCues("readings trade", t.Readings.Trade)...)
	errs = append(errs, checkCues("readings genre", t.Readings.Genre)...)
	errs = append(errs, checkCues("readings newsletter", t.Readings.Newsletter)...)
	errs = append(errs, checkCues("false_friends", t.FalseFriends)...)
	errs = append(errs, checkCues("company_context", t.Context)...)
	errs = append(errs, checkCues("investor_context lead", t.Investing.Lead)...)
	errs = append(errs, checkCues("investor_context other", t.Investing.Other)...)
	errs = append(errs, checkCues("investor_context part", t.Investing.Part)...)
	for _, s := range t.Statuses {
		errs = append(errs, checkCues("statuses "+string(s.ID), s.Cues)...)
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return frames, nil
}

var weightRE = regexp.MustCompile(`^(.*?)=([0-9]+(?:\.[0-9]+)?)$`)

// cue is one parsed cue phrase.
type cue struct {
	phrase   string
	weight   float64
	anchored bool // "^phrase": only at the start of a title or summary
	before   bool // "<phrase": marks the names before it (investor cues)
	// object (">phrase"), on funding cues: the company that raises the
	// money follows the phrase and the names before it invest ("Meta takes
	// a stake in Scale AI", "张江集团注资智谱").
	object bool
	// overrides ("!phrase"): in a headline, it says the headline is about
	// this event type and not the others it names ("denies … acquisition",
	// "cuts the price of its model"); the other types' headline cues then
	// count a third.
	overrides bool
}

// parseCue reads a cue: "phrase=2.5" gives a weight other than 1; the
// prefixes "^", "<", ">" and "!" set the flags above.
func parseCue(s string) cue {
	c := cue{phrase: s, weight: 1}
	if m := weightRE.FindStringSubmatch(s); m != nil {
		c.phrase = m[1]
		c.weight, _ = strconv.ParseFloat(m[2], 64)
	}
	flags := map[byte]*bool{'^': &c.anchored, '<': &c.before, '!': &c.overrides, '>': &c.object}
	for len(c.phrase) > 0 && flags[c.phrase[0]] != nil {
		*flags[c.phrase[0]], c.phrase = true, c.phrase[1:]
	}
	c.phrase = strings.TrimSpace(c.phrase)
	return c
}

func checkCues(where string, cs config.CueSet) []error {
	var errs []error
	for _, list := range [][]string{cs.EN, cs.ZH} {
		for _, c := range list {
			p := parseCue(c)
			if p.phrase == "" || p.weight <= 0 {
				errs = append(errs, fmt.Errorf("taxonomy: %s: bad cue %q", where, c))
			}
		}
	}
	return errs
}

// lowercasedCommonWord reports whether text, a match of alias, writes
// in lower case a word that the alias capitalises and that is a common
// word: "scale AI" in "companies scale AI adoption" is not Scale AI.
func (c *Classifier) lowercasedCommonWord(text, alias string) (string, bool) {
	if text == alias || text == strings.ToUpper(text) {
		return "", false
	}
	tw, aw := strings.Fields(text), strings.Fields(alias)
	if len(tw) != len(aw) || len(aw) < 2 {
		return "", false
	}
	for i, w := range tw {
		a := aw[i]
		if a[0] >= 'A' && a[0] <= 'Z' && w[0] >= 'a' && w[0] <= 'z' && c.tax.CommonWords[strings.ToLower(a)] {
			return w, true
		}
	}
	return "", false
}
