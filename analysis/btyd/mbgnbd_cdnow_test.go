package btyd

import (
	"math"
	"testing"

	"gonum.org/v1/gonum/mathext"
)

// cdnowMBGNBD is the published MLE of the MBG/NBD on the CDNOW sample
// (BTYDplus, mbgnbd.EstimateParameters; the values lifetimes tests its
// ModifiedBetaGeoFitter against, to three decimals).
var cdnowMBGNBD = MBGNBD{R: 0.525, Alpha: 6.183, A: 0.891, B: 1.614}

func TestFitMBGNBDCDNOW(t *testing.T) {
	data := cdnowRFT(loadCDNOWSummary(t))
	m, err := FitMBGNBD(data)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("fit: r=%.6f α=%.6f a=%.6f b=%.6f LL=%.4f iterations=%d distinct=%d",
		m.R, m.Alpha, m.A, m.B, m.LogLikelihood, m.Iterations, m.Distinct)
	if !m.Converged || m.N != 2357 || m.Distinct != 1016 {
		t.Errorf("Converged=%t N=%d Distinct=%d, want true, 2357, 1016", m.Converged, m.N, m.Distinct)
	}
	for _, c := range []struct {
		name      string
		got, want float64
		relTol    float64
	}{
		// BTYDplus (lifetimes' test_params_out_is_close_to_BTYDplus); ±0.5 %.
		{"r", m.R, cdnowMBGNBD.R, 0.005},
		{"alpha", m.Alpha, cdnowMBGNBD.Alpha, 0.005},
		{"a", m.A, cdnowMBGNBD.A, 0.005},
		{"b", m.B, cdnowMBGNBD.B, 0.005},
	} {
		if rel := math.Abs(c.got/c.want - 1); rel > c.relTol {
			t.Errorf("%s = %.6f, want %.3f ± %.2g %% (off by %.3g %%)", c.name, c.got, c.want, 100*c.relTol, 100*rel)
		}
	}
	// The total equals the sum of LogLikelihoodOf over the customers
	// (checks the grouped objective against the plain formula); ±1e−6.
	var sum, atPublished float64
	for _, d := range data {
		sum += m.LogLikelihoodOf(d.X, d.Tx, d.T)
		atPublished += cdnowMBGNBD.LogLikelihoodOf(d.X, d.Tx, d.T)
	}
	if math.Abs(sum-m.LogLikelihood) > 1e-6 {
		t.Errorf("Σ LogLikelihoodOf = %.9f, LogLikelihood = %.9f", sum, m.LogLikelihood)
	}
	// The MLE is at least as likely as the published values rounded to
	// three decimals, and the rounding costs little: within 0.01.
	if d := m.LogLikelihood - atPublished; d < -1e-9 || d > 0.01 {
		t.Errorf("LogLikelihood %.6f, at the published parameters %.6f: want the fit ≥ and within 0.01", m.LogLikelihood, atPublished)
	}
	// The BG/NBD's −9582.43 on the same data (TestFitBGNBDCDNOW): the
	// MBG/NBD fits CDNOW as well, within a unit of log-likelihood.
	if d := math.Abs(m.LogLikelihood - -9582.43); d > 1 {
		t.Errorf("LogLikelihood = %.4f, want within 1 of the BG/NBD's −9582.43", m.LogLikelihood)
	}
	t.Logf("LL at the published parameters: %.4f", atPublished)
}

// TestMBGNBDPredictionsAtPublishedParameters checks the formulas at the
// published parameters against independent evaluations: the closed forms
// of Batislam, Denizel & Filiztekin (2007) as corrected by Wagner & Hoppe
// (2008) (the ones lifetimes implements), with gonum's ₂F₁
// (mathext.Hypergeo, a port of Cephes) where its series is reliable.
func TestMBGNBDPredictionsAtPublishedParameters(t *testing.T) {
	m := cdnowMBGNBD
	r, alpha, a, b := m.R, m.Alpha, m.A, m.B
	paper := func(t, x, tx, T float64) float64 {
		hyp := mathext.Hypergeo(r+x, b+x+1, a+b+x, t/(alpha+T+t))
		num := (a + b + x) / (a - 1) * (1 - math.Pow((alpha+T)/(alpha+T+t), r+x)*hyp)
		den := 1 + a/(b+x)*math.Pow((alpha+T)/(alpha+tx), r+x)
		return num / den
	}
	palive := func(x, tx, T float64) float64 {
		return 1 / (1 + a/(b+x)*math.Pow((alpha+T)/(alpha+tx), r+x))
	}
	for _, c := range []struct{ t, x, tx, T float64 }{
		{39, 2, 30.43, 38.86},
		{39, 1, 1.71, 38.86},
		{39, 0, 0, 38.86},
		{39, 0, 0, 0},
		{10, 5, 20, 30},
		{52, 7, 35, 36},
		{39, 1, 0.14, 0.3}, // young customer: z close to 1
		{100, 3, 1, 2},     // z = 0.94
		{1, 30, 38, 38.86}, // large x
		{0.01, 2, 10, 20},  // tiny horizon
		{39, 25, 37.5, 38}, // frequent buyer
	} {
		want := paper(c.t, c.x, c.tx, c.T)
		got := m.ConditionalExpectedPurchases(c.t, c.x, c.tx, c.T)
		// Cephes' ₂F₁ is good to about 1e−12 here; ±1e−9 relative.
		if math.Abs(got-want) > 1e-9*want {
			t.Errorf("E[Y(%g) | %g, %g, %g] = %.12g, paper's formula with Cephes ₂F₁ %.12g", c.t, c.x, c.tx, c.T, got, want)
		}
		if got, want := m.PAlive(c.x, c.tx, c.T), palive(c.x, c.tx, c.T); math.Abs(got-want) > 1e-13 {
			t.Errorf("PAlive(%g, %g, %g) = %.15g, want %.15g", c.x, c.tx, c.T, got, want)
		}
	}
	// Unconditional E[X(t)] = b/(a−1) · [1 − (α/(α+t))^r ₂F₁(r, b+1; a+b;
	// t/(α+t))]; ±1e−9 relative.
	for _, tt := range []float64{0.1429, 1, 10, 39, 78, 500} {
		want := b / (a - 1) * (1 - math.Pow(alpha/(alpha+tt), r)*mathext.Hypergeo(r, b+1, a+b, tt/(alpha+tt)))
		if got := m.ExpectedPurchases(tt); math.Abs(got-want) > 1e-9*want {
			t.Errorf("ExpectedPurchases(%g) = %.12g, paper's formula %.12g", tt, got, want)
		}
	}
}

// TestMBGNBDExpectedNextPurchaseCDNOW checks ExpectedNextPurchase on the
// fitted model: the answer t* is where the expected purchases of an active
// customer reach one (to the bisection's 1 %), it is no earlier than
// (α+T)/(r+x), the time one purchase takes at the posterior mean rate with
// no drop-out (E[Y(t) | alive] ≤ t·(r+x)/(α+T)), and a customer who buys
// more often is expected back sooner.
func TestMBGNBDExpectedNextPurchaseCDNOW(t *testing.T) {
	m, err := FitMBGNBD(cdnowRFT(loadCDNOWSummary(t)))
	if err != nil {
		t.Fatal(err)
	}
	const limit = 520 // weeks
	prev := math.Inf(1)
	for _, c := range []struct{ x, tx, T float64 }{
		{1, 30, 38.86},
		{2, 30.43, 38.86}, // customer 1 of Fader, Hardie & Lee (2005)
		{5, 35, 38.86},
		{15, 38, 38.86},
	} {
		next := ExpectedNextPurchase(m, c.x, c.tx, c.T, limit)
		if math.IsInf(next, 1) || !(next > 0) {
			t.Errorf("ExpectedNextPurchase(%g, %g, %g) = %g, want finite and > 0 within %d weeks", c.x, c.tx, c.T, next, limit)
			continue
		}
		alive := m.PAlive(c.x, c.tx, c.T)
		perAlive := func(h float64) float64 { return m.ConditionalExpectedPurchases(h, c.x, c.tx, c.T) / alive }
		step := math.Max(0.01, 0.01*next)
		if perAlive(next) < 1 || perAlive(next-step) >= 1 {
			t.Errorf("ExpectedNextPurchase(%g, %g, %g) = %g: E[Y]/P(alive) there %g and %g before, want ≥ 1 and < 1",
				c.x, c.tx, c.T, next, perAlive(next), perAlive(next-step))
		}
		if lower := (m.Alpha + c.T) / (m.R + c.x); next < lower-step {
			t.Errorf("ExpectedNextPurchase(%g, %g, %g) = %g, below the bound (α+T)/(r+x) = %g", c.x, c.tx, c.T, next, lower)
		}
		if !(next < prev) {
			t.Errorf("ExpectedNextPurchase(%g, %g, %g) = %g, not sooner than the less frequent buyer's %g", c.x, c.tx, c.T, next, prev)
		}
		prev = next
		t.Logf("x=%g t_x=%g T=%g: P(alive) %.4f, next purchase in %.2f weeks", c.x, c.tx, c.T, alive, next)
	}
	// A limit too short to reach one purchase gives +Inf.
	if got := ExpectedNextPurchase(m, 1, 30, 38.86, 0.5); !math.IsInf(got, 1) {
		t.Errorf("ExpectedNextPurchase with a 0.5-week limit = %g, want +Inf", got)
	}
}
