// Package stats holds the small numeric helpers the analysis packages
// share: a ratio that is 0 over nothing, a guard that keeps NaN and ±Inf
// out of every report, and a median. It imports nothing of ours.
package stats

import (
	"math"
	"slices"
)

// Ratio is a ÷ b, or 0 when b is 0.
func Ratio(a, b float64) float64 {
	if b == 0 {
		return 0
	}
	return a / b
}

// Finite maps NaN and ±Inf to 0, so no report ever shows them.
func Finite(x float64) float64 {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return 0
	}
	return x
}

// Median returns the median of xs, the mean of the middle two for an
// even count, or 0 for none. It reorders xs.
func Median(xs []float64) float64 {
	n := len(xs)
	if n == 0 {
		return 0
	}
	slices.Sort(xs)
	if n%2 == 1 {
		return xs[n/2]
	}
	return (xs[n/2-1] + xs[n/2]) / 2
}
