package btyd

import (
	"math"
	"testing"
)

// TestFitParetoNBDCDNOW fits the CDNOW sample (calibration to 1997-09-30,
// the summaries of testdata/cdnow) and checks the published estimates.
func TestFitParetoNBDCDNOW(t *testing.T) {
	data := cdnowRFT(loadCDNOWSummary(t))
	m, err := FitParetoNBD(data)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("fit: r=%.6f α=%.6f s=%.6f β=%.6f LL=%.4f iterations=%d distinct=%d",
		m.R, m.Alpha, m.S, m.Beta, m.LogLikelihood, m.Iterations, m.Distinct)
	if !m.Converged || m.N != 2357 {
		t.Errorf("Converged=%t N=%d, want true, 2357", m.Converged, m.N)
	}
	// Fader, Hardie & Lee (2005), Table 1 (Pareto/NBD), to the digits the
	// issue quotes; ±0.5 %.
	for _, c := range []struct {
		name      string
		got, want float64
	}{
		{"r", m.R, 0.5533},
		{"alpha", m.Alpha, 10.578},
		{"s", m.S, 0.6062},
		{"beta", m.Beta, 11.669},
	} {
		if rel := math.Abs(c.got/c.want - 1); rel > 0.005 {
			t.Errorf("%s = %.6f, want %.4f ± 0.5 %% (off by %.3g %%)", c.name, c.got, c.want, 100*rel)
		}
	}
	// Fader, Hardie & Lee (2005): −9595.0; the issue: −9594.98; ±0.05.
	if d := math.Abs(m.LogLikelihood - -9594.98); d > 0.05 {
		t.Errorf("LogLikelihood = %.4f, want −9594.98 ± 0.05", m.LogLikelihood)
	}
	// The total equals the sum of LogLikelihoodOf over the customers
	// (checks the grouped objective against the per-customer formula);
	// ±1e−6.
	var sum float64
	for _, d := range data {
		sum += m.LogLikelihoodOf(d.X, d.Tx, d.T)
	}
	if math.Abs(sum-m.LogLikelihood) > 1e-6 {
		t.Errorf("Σ LogLikelihoodOf = %.9f, LogLikelihood = %.9f", sum, m.LogLikelihood)
	}
	// The issue (lifetimes' values for Hardie's example customer): P(alive
	// | x=26, t_x=30.86, T=31) = 0.9979 ± 0.0005 and E[Y(52) | …] = 25.46 ±
	// 0.01.
	if got := m.PAlive(26, 30.86, 31); math.Abs(got-0.9979) > 0.0005 {
		t.Errorf("P(alive | 26, 30.86, 31) = %.5f, want 0.9979 ± 0.0005", got)
	}
	if got := m.ConditionalExpectedPurchases(52, 26, 30.86, 31); math.Abs(got-25.46) > 0.01 {
		t.Errorf("E[Y(52) | 26, 30.86, 31] = %.5f, want 25.46 ± 0.01", got)
	}
}

// TestParetoNBDAtPublishedParameters checks the formulas at the published
// CDNOW parameters against an independent implementation: lifetimes 0.11.3
// (ParetoNBDFitter, the note's closed forms with scipy's hyp2f1), run with
// params_ set to r = 0.5533, α = 10.578, s = 0.6062, β = 11.669 and
// printed to 12 digits. Tolerances: 1e−9 relative, 1e−9 absolute for ln L.
func TestParetoNBDAtPublishedParameters(t *testing.T) {
	m := cdnowParetoNBD
	for _, c := range []struct {
		x, tx, T      float64
		pAlive, eY39  float64
		logLikelihood float64
	}{
		{0, 0, 38.86, 0.295118160291, 0.107072087683, -0.521231393043},
		{1, 1.71, 38.86, 0.167887943231, 0.17099937237, -4.44972661415},
		{2, 30.43, 38.86, 0.869124254374, 1.45513531392, -9.55425362163},
		{26, 30.86, 31, 0.997918043837, 20.1158779382, -39.1308459005},
		{5, 10, 39, 0.0458848022128, 0.166682881562, -14.6113249635},
		{10, 38.5, 39, 0.993675821529, 6.85968237327, -27.1847885036},
		{50, 20, 39, 1.61146623271e-09, 5.32895092015e-08, -30.4226201204},
		{0, 0, 5, 0.787396812969, 0.719521753243, -0.191330221456},
	} {
		if got := m.PAlive(c.x, c.tx, c.T); math.Abs(got/c.pAlive-1) > 1e-9 {
			t.Errorf("PAlive(%g, %g, %g) = %.12g, lifetimes %.12g", c.x, c.tx, c.T, got, c.pAlive)
		}
		if got := m.ConditionalExpectedPurchases(39, c.x, c.tx, c.T); math.Abs(got/c.eY39-1) > 1e-9 {
			t.Errorf("E[Y(39) | %g, %g, %g] = %.12g, lifetimes %.12g", c.x, c.tx, c.T, got, c.eY39)
		}
		if got := m.LogLikelihoodOf(c.x, c.tx, c.T); math.Abs(got-c.logLikelihood) > 1e-9 {
			t.Errorf("ln L(%g, %g, %g) = %.12g, lifetimes %.12g", c.x, c.tx, c.T, got, c.logLikelihood)
		}
	}
	// lifetimes: expected_number_of_purchases_up_to_time(39), (78); 1e−12.
	for _, c := range []struct{ t, want float64 }{{39, 1.2134656128166474}, {78, 1.9099928454651363}} {
		if got := m.ExpectedPurchases(c.t); math.Abs(got/c.want-1) > 1e-12 {
			t.Errorf("E[X(%g)] = %.15g, lifetimes %.15g", c.t, got, c.want)
		}
	}
	// lifetimes: Σ _conditional_log_likelihood over the 2,357 customers at
	// these parameters, −9594.973931752302; 1e−6.
	var sum float64
	for _, d := range cdnowRFT(loadCDNOWSummary(t)) {
		sum += m.LogLikelihoodOf(d.X, d.Tx, d.T)
	}
	if math.Abs(sum - -9594.973931752302) > 1e-6 {
		t.Errorf("Σ ln L = %.9f, lifetimes −9594.973931752", sum)
	}
}
