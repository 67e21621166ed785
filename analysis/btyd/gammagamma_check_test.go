package btyd

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/stat"
)

// TestSpendFrequencyCorrelationCDNOW measures the Gamma-Gamma assumption
// on the 946 repeat buyers of the CDNOW sample. Fader & Hardie's note
// reports r = 0.11; Python's statistics.correlation on the same 946 rows
// of cdnow_customers_summary_with_transactions.csv gives
// 0.1138839104860045, and gonum's stat.Correlation is computed here as a
// second, independent source; ±1e−12.
func TestSpendFrequencyCorrelationCDNOW(t *testing.T) {
	rows := loadCDNOWWithSpend(t)
	xs := make([]float64, len(rows))
	ms := make([]float64, len(rows))
	var repX, repM []float64
	for i, r := range rows {
		xs[i], ms[i] = r.X, r.Z
		if r.X >= 1 && r.Z > 0 {
			repX, repM = append(repX, r.X), append(repM, r.Z)
		}
	}
	r, n := SpendFrequencyCorrelation(xs, ms)
	t.Logf("CDNOW sample: r = %.6f on %d repeat buyers: %s", r, n, SpendFrequencyJudgement(r, n))
	if n != 946 {
		t.Errorf("n = %d, want the 946 repeat buyers (PROVENANCE.txt)", n)
	}
	for _, c := range []struct {
		source string
		want   float64
	}{
		{"Python statistics.correlation", 0.1138839104860045},
		{"gonum stat.Correlation", stat.Correlation(repX, repM, nil)},
	} {
		if math.Abs(r-c.want) > 1e-12 {
			t.Errorf("r = %.16g, %s %.16g", r, c.source, c.want)
		}
	}
	// The note's 0.11, to its two decimals.
	if math.Round(100*r)/100 != 0.11 {
		t.Errorf("r = %.4f, does not round to the note's 0.11", r)
	}
	if got, want := SpendFrequencyJudgement(r, n), "weakly related: use the spend model with caution"; got != want {
		t.Errorf("judgement %q, want %q", got, want)
	}
}

// TestSpendFrequencyCorrelationSynthetic checks the correlation on data
// whose answer is known by construction and on degenerate input.
func TestSpendFrequencyCorrelationSynthetic(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	for _, c := range []struct {
		name  string
		xs    []float64
		ms    []float64
		wantR float64
		wantN int
	}{
		// Exact linear relations: r = ±1 (±1e−12).
		{"increasing line", []float64{1, 2, 3, 4, 5}, []float64{10, 20, 30, 40, 50}, 1, 5},
		{"decreasing line", []float64{1, 2, 3, 4, 5}, []float64{50, 40, 30, 20, 10}, -1, 5},
		// Symmetric around the mean of x: Σ(x−x̄)(m−m̄) = 0 exactly.
		{"uncorrelated by symmetry", []float64{1, 2, 3, 4, 5}, []float64{10, 20, 30, 20, 10}, 0, 5},
		// By hand: x = (1, 2, 3), m = (1, 3, 2), x̄ = m̄ = 2:
		// Σdx·dm = 1 + 0 + 0 = 1, Σdx² = Σdm² = 2, r = 1/2.
		{"by hand", []float64{1, 2, 3}, []float64{1, 3, 2}, 0.5, 3},
		// One-time buyers, non-positive or non-finite spend and x above
		// 1e12 are left out: the included rows are the increasing line.
		{"excluded rows", []float64{1, 0, 2, 3, 7, 4, 5, 9, nan, 2e12, 6}, []float64{10, 99, 20, 30, 0, 40, 50, -3, 5, 1, inf}, 1, 5},
		// Degenerate: fewer than three, or no variation.
		{"empty", nil, nil, 0, 0},
		{"two buyers", []float64{1, 2}, []float64{5, 9}, 0, 2},
		{"only one-time buyers", []float64{0, 0, 0, 0}, []float64{1, 2, 3, 4}, 0, 0},
		{"same spend", []float64{1, 2, 3, 4}, []float64{7, 7, 7, 7}, 0, 4},
		{"same frequency", []float64{2, 2, 2, 2}, []float64{1, 5, 3, 8}, 0, 4},
		// Extreme magnitudes do not overflow: r = 1 (±1e−12).
		{"huge spend", []float64{1, 2, 3}, []float64{1e300, 2e300, 3e300}, 1, 3},
		{"tiny spend", []float64{1, 2, 3}, []float64{1e-300, 2e-300, 3e-300}, 1, 3},
		{"max float spend", []float64{1, 2, 3}, []float64{math.MaxFloat64 / 3, math.MaxFloat64 / 3 * 2, math.MaxFloat64}, 1, 3},
	} {
		r, n := SpendFrequencyCorrelation(c.xs, c.ms)
		if n != c.wantN || math.Abs(r-c.wantR) > 1e-12 || math.IsNaN(r) {
			t.Errorf("%s: r, n = %.15g, %d; want %g, %d", c.name, r, n, c.wantR, c.wantN)
		}
	}

	// Simulated: spend independent of frequency gives r ≈ 0, spend that
	// grows with frequency r ≈ its construction. 20,000 buyers: the
	// standard error of r near 0 is 1/√n ≈ 0.007; ±0.03.
	rng := rand.New(rand.NewPCG(2013, 25))
	const n = 20_000
	xs, indep, dep := make([]float64, n), make([]float64, n), make([]float64, n)
	for i := range xs {
		xs[i] = float64(1 + rng.IntN(20))
		indep[i] = 20 + 10*rng.ExpFloat64()
		// m = 2x + noise with Var(noise) = Var(2x): r = 1/√2.
		dep[i] = 50 + 2*xs[i] + 2*math.Sqrt(399.0/12)*rng.NormFloat64()
	}
	for _, c := range []struct {
		name  string
		ms    []float64
		wantR float64
	}{
		{"independent", indep, 0},
		{"dependent", dep, 1 / math.Sqrt2},
	} {
		r, got := SpendFrequencyCorrelation(xs, c.ms)
		if got != n || math.Abs(r-c.wantR) > 0.03 {
			t.Errorf("%s: r = %.4f on %d, want %.4f ± 0.03 on %d", c.name, r, got, c.wantR, n)
		}
	}
}

func TestSpendFrequencyCorrelationPanicsOnMismatch(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("no panic for slices of different lengths")
		}
	}()
	SpendFrequencyCorrelation([]float64{1, 2, 3}, []float64{1, 2})
}

func TestSpendFrequencyJudgement(t *testing.T) {
	for _, c := range []struct {
		r    float64
		n    int
		want string
	}{
		{0, 946, "independent enough"},
		{0.0999, 946, "independent enough"},
		{-0.05, 10, "independent enough"},
		{0.1, 946, "weakly related: use the spend model with caution"},
		{0.1139, 946, "weakly related: use the spend model with caution"},
		{-0.2999, 946, "weakly related: use the spend model with caution"},
		{0.3, 946, "related: the spend model's assumption does not hold"},
		{-0.8, 946, "related: the spend model's assumption does not hold"},
		{1, 3, "related: the spend model's assumption does not hold"},
		{0, 2, "too few repeat buyers to check"},
		{0.9, 0, "too few repeat buyers to check"},
		{math.NaN(), 100, "too few repeat buyers to check"},
	} {
		if got := SpendFrequencyJudgement(c.r, c.n); got != c.want {
			t.Errorf("SpendFrequencyJudgement(%g, %d) = %q, want %q", c.r, c.n, got, c.want)
		}
	}
}
