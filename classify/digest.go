package classify

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/aitracker/aitracker/news"
)

// A newsletter's headline lists several stories: "The Morning Compute:
// Quenby raises, Halvex cuts, and chips get cheaper", "AI日报：A；B；C". Such
// an item takes the label of the story of the highest-ranked event among
// those that name their company (the order of news.EventTypes), the first
// listed among equals, or of the first story that names its company when
// none is an event; the others are other news of the same issue, and
// their companies are not the item's.

// story is one story a digest headline lists, and where it starts in the
// headline.
type story struct {
	text string
	at   int
}

// maxDigestLabel bounds the words of a newsletter's name before its colon.
const maxDigestLabel = 5

// digestStories splits a headline that lists several stories into them,
// with the newsletter's label before them if any; no stories when the
// headline lists none. Stories follow a short label and a colon and are set
// apart by semicolons ("Label: A; B; C"), or by commas with "and" before
// the last ("A, B, and C", three at least without a label); each but the
// first opens on a new subject, not a verb ("Quenby raises $5M, hires a
// CFO, and opens an office" is one story).
func (lx *lexicon) digestStories(title string) (label string, stories []story) {
	rest, at := title, 0
	for _, sep := range []string{": ", "：", "｜", "丨", " | "} {
		if i := strings.Index(title, sep); i > 0 {
			label, rest, at = title[:i], title[i+len(sep):], i+len(sep)
			break
		}
	}
	// "#301 - Gemini 3.5, Apple confirms Gemini Siri, humanoid layoffs":
	// a show's episode number, then its stories.
	if m := episodeLabel.FindStringSubmatch(title); m != nil && (label == "" || len(m[0]) < at) {
		label, rest, at = m[1], title[len(m[0]):], len(m[0])
	}
	// ("Quenby CEO: 'We're not for sale, and …'": a person's words.)
	// ("8点1氪｜「算力方舟」递表港交所；…": corner brackets that open stories
	// set apart by semicolons mark a name.)
	quoted := strings.ContainsAny(firstRune(rest), "'\"‘“「『") && !(strings.HasPrefix(rest, "「") && strings.Contains(rest, "；"))
	// (A newsletter's own name may run longer: "5 things in AI this
	// week".)
	if label != "" && (len(strings.Fields(label)) > maxDigestLabel && !lx.newsletterLabel(label) || slices.Contains(lx.companyRoles, strings.ToLower(lastField(label))) || quoted) {
		return "", nil
	}
	// "…, Figure signs BMW deal, and more": the tail names no story.
	for _, tail := range []string{", and more", " and more", " & more"} {
		if t, ok := strings.CutSuffix(strings.TrimRight(rest, ".…!"), tail); ok {
			rest = t
			break
		}
	}
	var parts []string
	for _, sep := range []string{"; ", "；"} {
		if strings.Contains(rest, sep) {
			parts = strings.Split(rest, sep)
			break
		}
	}
	minStories := 2
	if label == "" {
		minStories = 3
	}
	if parts == nil && label != "" && lx.newsletterLabel(label) && strings.Contains(rest, ", ") && !strings.Contains(rest, ", and ") && !strings.Contains(rest, " and ") {
		// "Morning brief: Perplexity launches Comet 2, Apple unveils a new
		// Siri": a newsletter's label, then stories set apart by commas
		// alone (each must open on its subject, below).
		parts = strings.Split(rest, ", ")
	}
	if parts == nil {
		// "A, B, and C": commas, "and" before the last.
		if i := strings.LastIndex(rest, ", "); i < 0 || !strings.HasPrefix(rest[i+2:], "and ") {
			return "", nil
		}
		parts = strings.Split(rest, ", ")
		last := len(parts) - 1
		if last < 1 || !strings.HasPrefix(parts[last], "and ") {
			return "", nil
		}
		parts[last] = strings.TrimPrefix(parts[last], "and ")
	}
	if len(parts) < minStories {
		return "", nil
	}
	var out []story
	from := at
	for i, p := range parts {
		p = strings.TrimSpace(p)
		j := strings.Index(title[from:], p)
		if p == "" || j < 0 {
			return "", nil
		}
		if latinOnly(p) {
			words := strings.Fields(p)
			if len(words) < 2 {
				return "", nil
			}
			// A story opens on its subject ("chips get cheaper", "a $40M
			// robotics raise"); a verb continues the story before it
			// ("hires a CFO", "opens Tokyo office").
			if first, _ := utf8.DecodeRuneInString(words[0]); i > 0 && unicode.IsLower(first) && words[0] != "a" && words[0] != "an" && words[0] != "the" {
				next, _ := utf8.DecodeRuneInString(words[1])
				if lx.verbWord(words[0]) || strings.HasSuffix(words[0], "s") && (unicode.IsUpper(next) || unicode.IsDigit(next) ||
					strings.ContainsRune("$€£", next) || words[1] == "a" || words[1] == "an" || words[1] == "the" || words[1] == "its") {
					return "", nil
				}
			}
		}
		out = append(out, story{text: p, at: from + j})
		from += j + len(p)
	}
	return label, out
}

// episodeNumber is a show's episode number: "#301", "Ep. 12", "Episode 88".
const episodeNumber = `(?:#|[Ee]p\.? ?|[Ee]pisode )\d+`

var (
	// episodeLabel matches the number before a show's stories: "#301 - ",
	// "Ep. 12 — ", "Episode 88: ".
	episodeLabel = regexp.MustCompile(`^(` + episodeNumber + `) ?[-–—:] `)
	// episodeOnly matches a label that is the number alone.
	episodeOnly = regexp.MustCompile(`^` + episodeNumber + `$`)
)

// newsletterLabel reports a label that names a newsletter ("Last Week in
// AI #312", "Morning brief", "机器之心周报").
func (lx *lexicon) newsletterLabel(label string) bool {
	if episodeOnly.MatchString(label) {
		return true // "#301", "Ep. 12"
	}
	l := strings.ToLower(label)
	switch lastField(l) {
	case "daily", "weekly", "brief", "briefing", "digest", "recap", "roundup", "newsletter", "wrap":
		return true // "TechCrunch Daily", "The Weekly Recap"
	}
	return slices.ContainsFunc(lx.newsletterLabels, func(w string) bool { return strings.Contains(l, w) })
}

// digest classifies each story a digest headline lists, with the item's
// summary, and returns the tags of the story chosen, its evidence in the
// headline placed where the story stands; false when no story names its
// company.
func (c *Classifier) digest(in Input, stories []story) (news.Tags, bool) {
	var best, first news.Tags
	chosen, named := -1, -1
	// own are the companies each story's headline names alone.
	own := make([][]string, len(stories))
	for i, s := range stories {
		// The story must name its company ("a $40M seed for a stealth
		// startup" does not, whatever the summary says); what the summary
		// says of that company, and of no other story's, completes it.
		// (A story is read as the headline it stands in was.)
		alone := c.classifyParts(Input{Title: s.text, Lang: in.Lang, URL: in.URL, Date: in.Date}, s.text)
		for _, ct := range alone.Companies {
			own[i] = append(own[i], ct.Name)
		}
		names := c.storyWords(s.text)
		if alone.Primary != "" && namedIn(alone, alone.Primary, s.text) {
			names = namesOf(alone, alone.Primary)
		}
		if len(names) == 0 {
			continue
		}
		t := alone
		if sum := c.lex.summaryOf(in.Summary, names); sum != "" {
			t = c.classifyParts(Input{Title: s.text, Summary: sum, Lang: in.Lang, URL: in.URL, Date: in.Date}, s.text)
		}
		if t.Primary == "" || !namedIn(t, t.Primary, s.text) {
			continue
		}
		if named < 0 {
			first, named = t, i
		}
		if t.EventType == news.EventOther {
			continue
		}
		if chosen < 0 || eventRank(t.EventType) < eventRank(best.EventType) {
			best, chosen = t, i
		}
	}
	rule := fmt.Sprintf("the headline lists %d stories; this one's event ranks highest among those that name their company, the first of its rank", len(stories))
	if chosen < 0 {
		// "早报：英伟达财报超预期；英特尔新任CEO首秀": no story is an event;
		// the issue is about the first that names its company.
		if named < 0 {
			return news.Tags{}, false
		}
		best, chosen = first, named
		rule = fmt.Sprintf("the headline lists %d stories and none is an event; this one is the first that names its company", len(stories))
	}
	s := stories[chosen]
	// The companies of the other stories, named beside this one's in the
	// summary, are not this story's.
	best.Companies = slices.DeleteFunc(best.Companies, func(ct news.CompanyTag) bool {
		if ct.Name == best.Primary || ct.Name == best.Fields.Acquirer || ct.Name == best.Fields.Target || namedIn(best, ct.Name, s.text) {
			return false
		}
		for i, o := range stories {
			if i != chosen && (slices.Contains(own[i], ct.Name) || namedIn(best, ct.Name, o.text)) {
				return true
			}
		}
		return false
	})
	for i := range best.Trail {
		for j := range best.Trail[i].Evidence {
			if e := &best.Trail[i].Evidence[j]; e.Part == partTitle.String() {
				e.Start += s.at
				e.End += s.at
			}
		}
	}
	head := news.Decision{What: "digest", Value: s.text,
		Rule:     rule,
		Evidence: []news.Span{{Part: partTitle.String(), Start: s.at, End: s.at + len(s.text), Text: s.text}}}
	best.Trail = append([]news.Decision{head}, best.Trail...)
	return best, true
}

// namedIn reports whether a story's text names the company: one of the
// ways its tags write it (namesOf).
func namedIn(t news.Tags, name, text string) bool {
	return slices.ContainsFunc(namesOf(t, name), func(n string) bool { return strings.Contains(text, n) })
}

func lastField(s string) string {
	s = strings.TrimRightFunc(s, unicode.IsSpace)
	return s[strings.LastIndexFunc(s, unicode.IsSpace)+1:]
}

func firstRune(s string) string {
	_, n := utf8.DecodeRuneInString(s)
	return s[:n]
}

// namesOf is how the tags' decisions write a company: its canonical name
// and the words they rest it on.
func namesOf(t news.Tags, name string) []string {
	out := []string{name}
	for _, d := range t.Trail {
		if (d.What == "company" || d.What == "primary_company") && d.Value == name {
			for _, e := range d.Evidence {
				if e.Text != "" {
					out = append(out, e.Text)
				}
			}
		}
	}
	return out
}

// summaryOf keeps the sentences of a digest's summary (a Chinese
// semicolon ends one too) that name one of names: what it says of one
// story. The sentences left out are blanked, not cut, so that offsets
// into the story's summary are offsets into the item's.
func (lx *lexicon) summaryOf(summary string, names []string) string {
	sents, _ := lx.segmentsInto(nil, nil, summary)
	b := []byte(summary)
	kept, from := false, 0
	blank := func(to int) {
		for i := from; i < to; i++ {
			b[i] = ' '
		}
	}
	for _, sn := range sents {
		if slices.ContainsFunc(names, func(n string) bool { return strings.Contains(summary[sn[0]:sn[1]], n) }) {
			blank(sn[0])
			kept, from = true, sn[1]
		}
	}
	if !kept {
		return ""
	}
	blank(len(b))
	return string(b)
}

// storyWords are the capitalised words of a story whose headline alone
// names no company ("Sable Health raises"): its summary's sentences that
// hold them tell of it.
func (c *Classifier) storyWords(text string) []string {
	var out []string
	words := strings.Fields(text)
	// The capitalised words that open it, as one name ("Sable Health"),
	// unless a single dictionary word ("Chips").
	n := 0
	for n < len(words) && isCapital(words[n]) && latinOnly(words[n]) {
		n++
	}
	if n > 1 || n == 1 && !c.tax.CommonWords[strings.ToLower(words[0])] {
		out = append(out, strings.Trim(strings.Join(words[:n], " "), ",.;:'’\"“”"))
	}
	for _, w := range words[n:] {
		w = strings.Trim(w, ",.;:'’\"“”")
		if len(w) > 2 && isCapital(w) && latinOnly(w) && !c.tax.CommonWords[strings.ToLower(w)] {
			out = append(out, w)
		}
	}
	return out
}
