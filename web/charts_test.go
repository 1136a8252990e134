package web

import (
	"slices"
	"testing"
)

func TestTrimChart(t *testing.T) {
	ms := []string{"2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06"}
	for _, tc := range []struct {
		name   string
		series [][]float64
		months []string
		kept   int
	}{
		{"news late in the window: one month before it kept", [][]float64{{0, 0, 0, 0, 3, 1}, {0, 0, 0, 0, 0, 0}},
			[]string{"Apr 2026", "May 2026", "Jun 2026"}, 1},
		{"three months at least", [][]float64{{0, 0, 0, 0, 0, 2}}, []string{"Apr 2026", "May 2026", "Jun 2026"}, 1},
		{"news from the start", [][]float64{{1, 0, 0, 0, 0, 0}, {0, 0, 2, 0, 0, 0}},
			[]string{"Jan 2026", "Feb 2026", "Mar 2026", "Apr 2026", "May 2026", "Jun 2026"}, 2},
		{"nothing at all", [][]float64{{0, 0, 0, 0, 0, 0}}, []string{"Apr 2026", "May 2026", "Jun 2026"}, 0},
	} {
		d := chartData{Months: slices.Clone(ms)}
		for i, v := range tc.series {
			d.Series = append(d.Series, chartSeries{Label: string(rune('A' + i)), Values: slices.Clone(v)})
		}
		got := trimChart(d)
		if !slices.Equal(got.Months, tc.months) || len(got.Series) != tc.kept {
			t.Errorf("%s: months %v, %d series; want %v, %d", tc.name, got.Months, len(got.Series), tc.months, tc.kept)
		}
		for _, se := range got.Series {
			if len(se.Values) != len(got.Months) {
				t.Errorf("%s: %s has %d values for %d months", tc.name, se.Label, len(se.Values), len(got.Months))
			}
		}
	}
}

func TestChartNumbers(t *testing.T) {
	for _, tc := range []struct {
		max   float64
		money bool
		top   float64
		ticks []string
	}{
		{28156 * 1.05, true, 30000, []string{"0", "10,000", "20,000", "30,000"}},
		{1.05, false, 2, []string{"0", "1", "2"}},
		{9.45, false, 10, []string{"0", "5", "10"}},
		{0, false, 1, []string{"0", "1"}},
	} {
		top := niceCeil(tc.max, !tc.money)
		var labels []string
		for _, tk := range (valueTicks{money: tc.money}).Ticks(0, top) {
			labels = append(labels, tk.Label)
		}
		if top != tc.top || !slices.Equal(labels, tc.ticks) {
			t.Errorf("peak %v: top %v, ticks %v; want %v, %v", tc.max, top, labels, tc.top, tc.ticks)
		}
	}
	d := chartData{Money: true}
	for v, want := range map[float64]string{0: "$0M", 0.2: "<$1M", 1250.4: "$1,250M", 1234567: "$1,234,567M"} {
		if got := d.format(v); got != want {
			t.Errorf("format(%v) = %q, want %q", v, got, want)
		}
	}
	var names []string
	for _, tk := range monthTicks([]string{"Nov 2026", "Dec 2026", "Jan 2027", "Feb 2027"}, false).Ticks(0, 3) {
		names = append(names, tk.Label)
	}
	if want := []string{"Nov\n2026", "Dec", "Jan\n2027", "Feb"}; !slices.Equal(names, want) {
		t.Errorf("month names %q, want %q", names, want)
	}
}
