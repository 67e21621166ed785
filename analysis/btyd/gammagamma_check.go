package btyd

import "math"

// Thresholds on |r| of SpendFrequencyCorrelation for
// SpendFrequencyJudgement: below SpendIndependentCorrelation spend and
// frequency count as independent; from SpendRelatedCorrelation on, as
// related.
const (
	SpendIndependentCorrelation = 0.1
	SpendRelatedCorrelation     = 0.3
)

// SpendFrequencyCorrelation checks the Gamma-Gamma model's assumption that
// a customer's spend per purchase does not depend on how often they buy,
// the way Fader & Hardie's note checks it on CDNOW: the Pearson
// correlation between the number of repeat purchases x and the mean spend
// per repeat purchase m̄ over the repeat buyers,
//
//	r = Σ (xᵢ − x̄)(m̄ᵢ − m̄̄) / √(Σ (xᵢ − x̄)² · Σ (m̄ᵢ − m̄̄)²),
//
// where i runs over the n customers with 1 ≤ x ≤ 1e12 and a finite m̄ > 0
// (the customers FitGammaGamma fits). A value near 0 supports the assumption.
//
// Preconditions: len(xs) == len(ms), else SpendFrequencyCorrelation
// panics. It returns r = 0 when n < 3 or when all included x or all
// included m̄ are equal (the correlation is undefined); r is never NaN and
// lies in [−1, 1].
//
// References:
//
//	Fader, P. S. and Hardie, B. G. S. (2013). The Gamma-Gamma model of
//	monetary value. http://brucehardie.com/notes/025/
func SpendFrequencyCorrelation(xs, ms []float64) (r float64, n int) {
	if len(xs) != len(ms) {
		panic("analysis: SpendFrequencyCorrelation: slice length mismatch")
	}
	// Both variables are divided by their largest value first (the
	// correlation does not change), so no square or sum can overflow.
	var maxX, maxM, sumX, sumM float64
	for i, x := range xs {
		if m := ms[i]; spendIncluded(x, m) {
			n++
			maxX, maxM = math.Max(maxX, x), math.Max(maxM, m)
		}
	}
	if n < 3 {
		return 0, n
	}
	for i, x := range xs {
		if m := ms[i]; spendIncluded(x, m) {
			sumX += x / maxX
			sumM += m / maxM
		}
	}
	meanX, meanM := sumX/float64(n), sumM/float64(n)
	var sxx, smm, sxm float64
	for i, x := range xs {
		if m := ms[i]; spendIncluded(x, m) {
			dx, dm := x/maxX-meanX, m/maxM-meanM
			sxx += dx * dx
			smm += dm * dm
			sxm += dx * dm
		}
	}
	if !(sxx > 0) || !(smm > 0) {
		return 0, n
	}
	r = sxm / (math.Sqrt(sxx) * math.Sqrt(smm))
	if math.IsNaN(r) {
		return 0, n
	}
	return math.Max(-1, math.Min(1, r)), n
}

// spendIncluded reports whether a customer enters SpendFrequencyCorrelation:
// a repeat buyer (x at most 1e12) with a positive, finite mean spend, as in
// FitGammaGamma.
func spendIncluded(x, m float64) bool {
	return x >= 1 && x <= ggMaxX && m > 0 && !math.IsInf(m, 1)
}

// SpendFrequencyJudgement turns the correlation r of
// SpendFrequencyCorrelation, measured on n repeat buyers, into a judgement
// on the Gamma-Gamma model's independence assumption:
//
//	|r| < 0.1          "independent enough"
//	0.1 ≤ |r| < 0.3    "weakly related: use the spend model with caution"
//	|r| ≥ 0.3          "related: the spend model's assumption does not hold"
//
// and "too few repeat buyers to check" when n < 3 or r is NaN.
func SpendFrequencyJudgement(r float64, n int) string {
	switch a := math.Abs(r); {
	case n < 3 || math.IsNaN(r):
		return "too few repeat buyers to check"
	case a < SpendIndependentCorrelation:
		return "independent enough"
	case a < SpendRelatedCorrelation:
		return "weakly related: use the spend model with caution"
	default:
		return "related: the spend model's assumption does not hold"
	}
}
