package stats

import (
	"math"
	"testing"
)

func TestHelpers(t *testing.T) {
	for _, tt := range []struct {
		name      string
		got, want float64
	}{
		{"ratio", Ratio(3, 4), 0.75}, {"ratio over nothing", Ratio(3, 0), 0},
		{"finite", Finite(2.5), 2.5}, {"NaN", Finite(math.NaN()), 0}, {"+Inf", Finite(math.Inf(1)), 0}, {"-Inf", Finite(math.Inf(-1)), 0},
		{"median odd", Median([]float64{5, 1, 3}), 3}, {"median even", Median([]float64{4, 1, 3, 2}), 2.5}, {"median of none", Median(nil), 0},
	} {
		if tt.got != tt.want {
			t.Errorf("%s = %v, want %v", tt.name, tt.got, tt.want)
		}
	}
}
