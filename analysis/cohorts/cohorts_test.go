package cohorts

import (
	"math"
	"reflect"
	"testing"
)

func TestBuild(t *testing.T) {
	cells := []Cell{
		{"2026-01", "2026-01", 10, 1000},
		{"2026-01", "2026-02", 4, 300},
		// no 2026-01 × 2026-03 cell: a gap, 0
		{"2026-01", "2026-04", 2, 150},
		{"2026-03", "2026-03", 5, 500},
		{"2026-03", "2026-04", 1, 80},
		{"2026-03", "2026-04", 1, 20}, // listed twice: adds up to 2, 100
		{"2026-02", "2026-01", 3, 99}, // month before the cohort: ignored, and 2026-02 has no other cell
		{"bad", "2026-04", 1, 1},      // not a month
		{"2026-13", "2026-13", 1, 1},  // no month 13
		{"2025-12", "2026-02", 2, 40}, // no month-0 cell: size 0
	}
	// The last month is 2026-04, so 2025-12 runs 5 months, 2026-01 four,
	// 2026-03 two.
	want := []Cohort{
		{Month: "2025-12", Size: 0, Active: []int{0, 0, 2, 0, 0}, Revenue: []float64{0, 0, 40, 0, 0}, Retention: []float64{0, 0, 0, 0, 0}},
		// Retention 10/10, 4/10, 0/10, 2/10.
		{Month: "2026-01", Size: 10, Active: []int{10, 4, 0, 2}, Revenue: []float64{1000, 300, 0, 150}, Retention: []float64{1, 0.4, 0, 0.2}},
		// Retention 5/5, 2/5.
		{Month: "2026-03", Size: 5, Active: []int{5, 2}, Revenue: []float64{500, 100}, Retention: []float64{1, 0.4}},
	}
	got := Build(cells)
	if len(got) != len(want) {
		t.Fatalf("cohorts %+v", got)
	}
	for k, w := range want {
		g := got[k]
		if g.Month != w.Month || g.Size != w.Size || !reflect.DeepEqual(g.Active, w.Active) {
			t.Errorf("cohort %d = %+v, want %+v", k, g, w)
		}
		for m := range w.Revenue {
			if math.Abs(g.Revenue[m]-w.Revenue[m]) > 1e-9 || math.Abs(g.Retention[m]-w.Retention[m]) > 1e-12 {
				t.Errorf("%s month %d: revenue %v retention %v, want %v %v", w.Month, m, g.Revenue[m], g.Retention[m], w.Revenue[m], w.Retention[m])
			}
		}
	}

	for _, tt := range []struct {
		name  string
		cells []Cell
	}{
		{"none", nil},
		{"only invalid", []Cell{{"2026-02", "2026-01", 3, 99}, {"2026-1", "2026-01", 1, 1}}},
	} {
		if got := Build(tt.cells); got != nil {
			t.Errorf("%s: %+v", tt.name, got)
		}
	}
}

func TestMonthIndex(t *testing.T) {
	for _, s := range []string{"0001-01", "1999-12", "2026-09"} {
		m, ok := monthIndex(s)
		if !ok || monthString(m) != s {
			t.Errorf("%s → %d, %v → %s", s, m, ok, monthString(m))
		}
	}
	for _, s := range []string{"", "2026-9", "2026-00", "2026-13", "2026/09", "2026-09-01", "20a6-09"} {
		if _, ok := monthIndex(s); ok {
			t.Errorf("%q parsed", s)
		}
	}
}
