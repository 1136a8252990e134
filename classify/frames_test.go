package classify

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aitracker/aitracker/news"
)

// TestFrameExamples reads every frame's own sentences: each it must
// catch is read as the frame's event type by that frame, and no near miss
// fills the frame or takes its type. A frame without both is an error:
// every rule carries a sentence it catches and one it must not.
func TestFrameExamples(t *testing.T) {
	c := testClassifier(t)
	for _, f := range c.frames {
		t.Run(f.ID, func(t *testing.T) {
			if len(f.Examples.Catch) == 0 || len(f.Examples.Miss) == 0 {
				t.Fatalf("frame %s needs a sentence it catches and a near miss", f.ID)
			}
			for _, s := range f.Examples.Catch {
				tags := c.Classify(Input{Title: s})
				if !frameHeld(tags, f.ID) || tags.EventType != f.Type {
					t.Errorf("catch %q: type %s, frames held %v; want %s read by %s", s, tags.EventType, heldFrames(tags), f.Type, f.ID)
				}
			}
			for _, s := range f.Examples.Miss {
				tags := c.Classify(Input{Title: s})
				// A genre or a denial may leave frames that held unread.
				held := frameHeld(tags, f.ID) && !overridden(tags)
				if held || f.Type != news.EventOther && tags.EventType == f.Type {
					t.Errorf("near miss %q: type %s, frames held %v; %s must not hold", s, tags.EventType, heldFrames(tags), f.ID)
				}
			}
		})
	}
}

func frameHeld(tags news.Tags, id string) bool {
	for _, d := range tags.Trail {
		if d.What == "frame" && d.Value == id {
			return true
		}
	}
	return false
}

// overridden reports an event type decided by a headline's genre or a
// denial rather than by frames.
func overridden(tags news.Tags) bool {
	for _, d := range tags.Trail {
		if d.What == "event_type" && (strings.Contains(d.Rule, "genre") || strings.Contains(d.Rule, "denies")) {
			return true
		}
	}
	return false
}

func heldFrames(tags news.Tags) []string {
	var out []string
	for _, d := range tags.Trail {
		if d.What == "frame" {
			out = append(out, d.Value)
		}
	}
	return out
}

// TestFramesExplain: the trail says which frame decided and which were
// rejected, with why.
func TestFramesExplain(t *testing.T) {
	c := testClassifier(t)
	tags := c.Classify(Input{Title: "Acme Cloud raises its full-year sales forecast"})
	// One entry per predicate names the frames it failed, each with why.
	var rejected string
	for _, d := range tags.Trail {
		if d.What == "frame_rejected" && strings.Contains(d.Value, "funding.raise") {
			rejected = d.Rule
		}
	}
	if !strings.Contains(rejected, "funding.raise: its object is") || !strings.Contains(rejected, "not money or round") {
		t.Errorf("funding.raise rejection = %q", rejected)
	}
	if tags.EventType == news.EventFunding {
		t.Errorf("a forecast raised is funding")
	}
	tags = c.Classify(Input{Title: "Acme Robotics raises $40 million Series B"})
	if !frameHeld(tags, "funding.raise") {
		t.Errorf("funding.raise did not hold: %v", heldFrames(tags))
	}
}

// TestPhrasings reads sentences written for the classes of phrasing the
// frames must tell apart (testdata/phrasings.tsv): each is read as the
// event type it names.
func TestPhrasings(t *testing.T) {
	c := testClassifier(t)
	data, err := os.ReadFile(filepath.Join("testdata", "phrasings.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for i, line := range strings.Split(string(data), "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		want, title, ok := strings.Cut(line, "\t")
		if !ok {
			t.Fatalf("phrasings.tsv:%d: want TYPE<TAB>HEADLINE", i+1)
		}
		n++
		if got := c.Classify(Input{Title: title}).EventType; string(got) != want {
			t.Errorf("phrasings.tsv:%d: %q read as %s, want %s", i+1, title, got, want)
		}
	}
	if n < 200 {
		t.Errorf("only %d phrasings", n)
	}
}

func TestPeriodPhrase(t *testing.T) {
	tests := []struct {
		phrase string
		want   bool
	}{
		{"fiscal 2025", true},
		{"fy26", true},
		{"fy'26", true},
		{"q3 2025", true},
		{"h1", true},
		{"fiscal year 2026", true},
		{"2025", false}, // a bare year may be a name's ("Class of 2025")
		{"lumora 2", false},
		{"fyre", false},
		{"q5", false},
	}
	for _, tt := range tests {
		if got := periodPhrase(tt.phrase); got != tt.want {
			t.Errorf("periodPhrase(%q) = %v, want %v", tt.phrase, got, tt.want)
		}
	}
}

func TestZhLocativeAt(t *testing.T) {
	tests := []struct {
		seg  string
		want int
	}{
		{"超节点在芜湖数据中心规模", len("超节点")},
		{"在芜湖", -1},      // nothing before the place
		{"现在正式", -1},     // 现在 is "now"
		{"问题仍存在的平台", -1}, // 存在 is "exists"
		{"某某平台", -1},
	}
	for _, tt := range tests {
		if got := zhLocativeAt(tt.seg); got != tt.want {
			t.Errorf("zhLocativeAt(%q) = %d, want %d", tt.seg, got, tt.want)
		}
	}
}

func TestZhPassiveMark(t *testing.T) {
	tests := []struct {
		seg      string
		want     int
		wantMark string
	}{
		{"由阿里巴巴独家", 0, "由"},
		{"本轮由红杉中国", len("本轮"), "由"},
		{"星河智能被红杉中国", len("星河智能"), "被"},
		{"由于市场", -1, ""}, // 由于 is "because"
		{"理由是", -1, ""},
		{"由此可见", -1, ""},
		{"某某科技", -1, ""},
	}
	for _, tt := range tests {
		if got, mark := zhPassiveMark(tt.seg); got != tt.want || mark != tt.wantMark {
			t.Errorf("zhPassiveMark(%q) = %d, %q, want %d, %q", tt.seg, got, mark, tt.want, tt.wantMark)
		}
	}
}

func TestLatinBrand(t *testing.T) {
	tests := []struct{ name, want string }{
		{"灵犀动力LinxDrive", "LinxDrive"},
		{"LinxDrive灵犀动力", "LinxDrive"},
		{"云岫Writer-2", ""}, // a model's name, not a brand
		{"小米SU", ""},       // too short to be a brand
		{"灵犀动力", ""},
		{"LinxDrive", ""},
		{"星图lumo", ""}, // no capital
	}
	for _, tt := range tests {
		if got := latinBrand(tt.name); got != tt.want {
			t.Errorf("latinBrand(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestDigitsThenHan(t *testing.T) {
	tests := []struct {
		text string
		want bool
	}{
		{"30家企业", true},
		{"1.5亿元", true},
		{"2026 五一", false}, // a number padded in Latin spacing
		{"GPT-5", false},
		{"家企业", false},
	}
	for _, tt := range tests {
		if got := digitsThenHan(tt.text, 0); got != tt.want {
			t.Errorf("digitsThenHan(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}
