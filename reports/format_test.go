package reports

import (
	"math"
	"slices"
	"testing"
)

func TestPctParts(t *testing.T) {
	third := 1.0 / 3
	tests := []struct {
		name     string
		shares   []float64
		decimals int
		want     []float64
	}{
		{"thirds", []float64{third, third, third}, 1, []float64{33.4, 33.3, 33.3}},
		{"already round", []float64{0.125, 0.125, 0.75}, 1, []float64{12.5, 12.5, 75}},
		// The missing 0.1 goes to the first of the equal remainders.
		{"equal remainders", []float64{0.12345, 0.12345, 0.7531}, 1, []float64{12.4, 12.3, 75.3}},
		{"sevenths, whole percent", slices.Repeat([]float64{1.0 / 7}, 7), 0, []float64{15, 15, 14, 14, 14, 14, 14}},
		{"binary noise", []float64{0.35, 0.65}, 1, []float64{35, 65}},
		// Not a whole: the parts add up to the rounded sum (98.7%).
		{"part of a whole", []float64{0.5, 0.48735}, 1, []float64{50, 48.7}},
		{"not a number counts as 0", []float64{math.NaN(), 0.5, 0.5}, 1, []float64{0, 50, 50}},
		{"tiny negative", []float64{-0.00001, 0.6, 0.40001}, 1, []float64{0, 60, 40}},
		{"none", nil, 1, []float64{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := PctParts(tt.shares, tt.decimals)
			if len(got) != len(tt.want) {
				t.Fatalf("pctParts = %v, want %v", got, tt.want)
			}
			for i := range got {
				if math.Abs(got[i]-tt.want[i]) > 1e-9 || math.Signbit(got[i]) {
					t.Errorf("pctParts = %v, want %v", got, tt.want)
					break
				}
			}
		})
	}
	if got := pctParts([]float64{third, third, third}); !slices.Equal(got, []string{"33.4%", "33.3%", "33.3%"}) {
		t.Errorf("htmlPctParts = %q", got)
	}
}
