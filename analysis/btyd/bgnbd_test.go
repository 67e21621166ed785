package btyd

import (
	"errors"
	"math"
	"testing"

	"gonum.org/v1/gonum/mathext"
)

// cdnowBGNBD is the published MLE on the CDNOW sample, to the digits other
// implementations report (PROVENANCE.txt; Fader, Hardie & Lee 2005 print
// r = 0.243, α = 4.414, a = 0.793, b = 2.426, LL = −9582.4).
var cdnowBGNBD = BGNBD{R: 0.242593, Alpha: 4.413532, A: 0.792886, B: 2.425752}

func TestFitBGNBDCDNOW(t *testing.T) {
	data := cdnowRFT(loadCDNOWSummary(t))
	m, err := FitBGNBD(data)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("fit: r=%.6f α=%.6f a=%.6f b=%.6f LL=%.4f iterations=%d distinct=%d",
		m.R, m.Alpha, m.A, m.B, m.LogLikelihood, m.Iterations, m.Distinct)
	if !m.Converged || m.N != 2357 {
		t.Errorf("Converged=%t N=%d, want true, 2357", m.Converged, m.N)
	}
	for _, c := range []struct {
		name      string
		got, want float64
		relTol    float64
	}{
		// Fader, Hardie & Lee (2005), Table 1 / PROVENANCE.txt; ±0.5 %.
		{"r", m.R, 0.2426, 0.005},
		{"alpha", m.Alpha, 4.4135, 0.005},
		{"a", m.A, 0.7929, 0.005},
		{"b", m.B, 2.4258, 0.005},
		// The same to six digits (lifetimes, BTYD; PROVENANCE.txt); ±0.01 %.
		{"r (6 digits)", m.R, 0.242593, 1e-4},
		{"alpha (6 digits)", m.Alpha, 4.413532, 1e-4},
		{"a (6 digits)", m.A, 0.792886, 1e-4},
		{"b (6 digits)", m.B, 2.425752, 1e-4},
	} {
		if rel := math.Abs(c.got/c.want - 1); rel > c.relTol {
			t.Errorf("%s = %.6f, want %.6f ± %.2g %% (off by %.3g %%)", c.name, c.got, c.want, 100*c.relTol, 100*rel)
		}
	}
	// Fader, Hardie & Lee (2005): −9582.4; lifetimes: −9582.429; ±0.05.
	if d := math.Abs(m.LogLikelihood - -9582.43); d > 0.05 {
		t.Errorf("LogLikelihood = %.4f, want −9582.43 ± 0.05", m.LogLikelihood)
	}
	// The total equals the sum of LogLikelihoodOf over the customers
	// (checks the grouped objective against the plain formula); ±1e−6.
	var sum float64
	for _, d := range data {
		sum += m.LogLikelihoodOf(d.X, d.Tx, d.T)
	}
	if math.Abs(sum-m.LogLikelihood) > 1e-6 {
		t.Errorf("Σ LogLikelihoodOf = %.9f, LogLikelihood = %.9f", sum, m.LogLikelihood)
	}
	// Fader, Hardie & Lee (2005), Section 4: customer 1 (x=2, t_x=30.43,
	// T=38.86) is expected to make 1.226 purchases in the next 39 weeks.
	if got := m.ConditionalExpectedPurchases(39, 2, 30.43, 38.86); math.Abs(got-1.226) > 0.001 {
		t.Errorf("E[Y(39) | 2, 30.43, 38.86] = %.5f, want 1.226 ± 0.001", got)
	}
}

// TestBGNBDPredictionsAtPublishedParameters checks the formulas at the
// published parameters against independent evaluations: the paper's
// closed forms with gonum's ₂F₁ (mathext.Hypergeo, a port of Cephes) where
// its series is reliable.
func TestBGNBDPredictionsAtPublishedParameters(t *testing.T) {
	m := cdnowBGNBD
	r, alpha, a, b := m.R, m.Alpha, m.A, m.B
	paper := func(t, x, tx, T float64) float64 {
		hyp := mathext.Hypergeo(r+x, b+x, a+b+x-1, t/(alpha+T+t))
		num := (a + b + x - 1) / (a - 1) * (1 - math.Pow((alpha+T)/(alpha+T+t), r+x)*hyp)
		den := 1.0
		if x > 0 {
			den += a / (b + x - 1) * math.Pow((alpha+T)/(alpha+tx), r+x)
		}
		return num / den
	}
	palive := func(x, tx, T float64) float64 {
		if x == 0 {
			return 1
		}
		return 1 / (1 + a/(b+x-1)*math.Pow((alpha+T)/(alpha+tx), r+x))
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
	// Unconditional E[X(t)] (eq. 9) is the conditional one of a customer
	// with no history; ±1e−12 relative.
	for _, tt := range []float64{1, 10, 39, 78, 500} {
		want := (a + b - 1) / (a - 1) * (1 - math.Pow(alpha/(alpha+tt), r)*mathext.Hypergeo(r, b, a+b-1, tt/(alpha+tt)))
		if got := m.ExpectedPurchases(tt); math.Abs(got-want) > 1e-9*want {
			t.Errorf("ExpectedPurchases(%g) = %.12g, paper's formula %.12g", tt, got, want)
		}
	}
}

// TestBGNBDSeriesMatchesQuadrature compares the three ways of computing
// the numerator of eq. 10 (two series, one quadrature) over a grid that
// covers z near 0 and near 1, a on both sides of 1 and at 1, r much larger
// than a+b, and large x. The series and the quadrature share no code
// beyond the parameters; ±1e−8 relative.
func TestBGNBDSeriesMatchesQuadrature(t *testing.T) {
	used := map[string]int{}
	cases := 0
	for _, r := range []float64{0.05, 0.2426, 1, 3.7, 40} {
		for _, a := range []float64{0.05, 0.7929, 1, 1 + 1e-9, 1.5, 4} {
			for _, b := range []float64{0.1, 2.4258, 9} {
				for _, x := range []float64{0, 1, 2, 10, 200} {
					for _, u := range []float64{1e-4, 0.3, 1, 4, 50} {
						cases++
						s, beta := r+x, b+x
						z, lz1 := u/(1+u), -math.Log1p(u)
						quad := bgNumeratorQuad(s, a, beta, math.Log(u))
						for _, series := range []struct {
							name string
							f    func(s, a, beta, z, lz1 float64) (float64, bool)
						}{
							{"Euler", bgNumeratorEuler},
							{"direct", bgNumeratorDirect},
						} {
							v, ok := series.f(s, a, beta, z, lz1)
							if !ok {
								continue
							}
							used[series.name]++
							if math.Abs(v-quad) > 1e-8*quad {
								t.Errorf("r=%g a=%g b=%g x=%g u=%g: %s series %.14g, quadrature %.14g", r, a, b, x, u, series.name, v, quad)
							}
						}
					}
				}
			}
		}
	}
	t.Logf("%d cases; series used: %v", cases, used)
}

// TestBGNBDPAliveProperties checks what the model implies at the published
// parameters: P(alive) = 1 for x = 0; for fixed x and t_x it falls as T
// grows; for fixed x and T it rises with t_x; it stays in [0, 1].
func TestBGNBDPAliveProperties(t *testing.T) {
	m := cdnowBGNBD
	for _, T := range []float64{0, 1, 38.86, 1e6} {
		if p := m.PAlive(0, 0, T); p != 1 {
			t.Errorf("PAlive(0, 0, %g) = %g, want 1", T, p)
		}
	}
	for _, x := range []float64{1, 2, 5, 20} {
		prev := 2.0
		for T := 10.0; T <= 80; T += 5 {
			p := m.PAlive(x, 10, T)
			if !(p < prev) || p < 0 || p > 1 {
				t.Errorf("PAlive(%g, 10, %g) = %g, previous T: %g (want decreasing, in [0,1])", x, T, p, prev)
			}
			prev = p
		}
		prev = -1
		for tx := 0.0; tx <= 38; tx += 2 {
			p := m.PAlive(x, tx, 38)
			if !(p > prev) {
				t.Errorf("PAlive(%g, %g, 38) = %g, previous t_x: %g (want increasing)", x, tx, p, prev)
			}
			prev = p
		}
		// Bought on the as-of day: P(alive) = 1/(1 + a/(b+x−1)).
		if got, want := m.PAlive(x, 38, 38), 1/(1+m.A/(m.B+x-1)); math.Abs(got-want) > 1e-15 {
			t.Errorf("PAlive(%g, 38, 38) = %g, want %g", x, got, want)
		}
	}
	// Expected purchases grow with the horizon and, for x = 0 and T = 0,
	// equal the unconditional expectation.
	prev := 0.0
	for _, tt := range []float64{0.5, 1, 5, 39, 100, 1000} {
		e := m.ConditionalExpectedPurchases(tt, 3, 20, 30)
		if !(e > prev) {
			t.Errorf("E[Y(%g) | 3, 20, 30] = %g, not above the shorter horizon's %g", tt, e, prev)
		}
		prev = e
		if d := math.Abs(m.ConditionalExpectedPurchases(tt, 0, 0, 0) - m.ExpectedPurchases(tt)); d > 1e-15 {
			t.Errorf("E[Y(%g) | 0, 0, 0] differs from E[X(%g)] by %g", tt, tt, d)
		}
	}
}

// TestBGNBDGradient compares the analytic gradient of the grouped objective
// with five-point central differences (step 1e−3, error ~1e−12) on the
// CDNOW data; ±(1e−6 of the largest component + 2e−9).
func TestBGNBDGradient(t *testing.T) {
	g, err := groupRFT(cdnowRFT(loadCDNOWSummary(t)))
	if err != nil {
		t.Fatal(err)
	}
	for _, theta := range [][]float64{
		{math.Log(0.2426), math.Log(4.4135), math.Log(0.7929), math.Log(2.4258)},
		{0, 2, 0, 0},
		{1.5, -1, -2, 3},
	} {
		grad := make([]float64, 4)
		g.objective(theta, grad)
		scale := 0.0
		for _, v := range grad {
			scale = math.Max(scale, math.Abs(v))
		}
		for i := range theta {
			fd := centralDifference(func(th []float64) float64 { return g.objective(th, nil) }, theta, i)
			if math.Abs(fd-grad[i]) > 1e-6*scale+2e-9 {
				t.Errorf("θ=%v: ∂f/∂θ%d analytic %.10g, central difference %.10g", theta, i, grad[i], fd)
			}
		}
	}
}

func TestFitBGNBDDegenerate(t *testing.T) {
	oneTime := make([]RFT, 100)
	for i := range oneTime {
		oneTime[i] = RFT{X: 0, Tx: 0, T: float64(i%39 + 1)}
	}
	for _, c := range []struct {
		name string
		data []RFT
		want error
	}{
		{"empty", nil, ErrTooLittleData},
		{"single customer", []RFT{{X: 3, Tx: 10, T: 20}}, ErrTooLittleData},
		{"all one-time buyers", oneTime, ErrTooLittleData},
		{"two repeat buyers", append([]RFT{{1, 2, 30}, {2, 5, 30}}, oneTime...), ErrTooLittleData},
		{"identical customers", []RFT{{2, 5, 10}, {2, 5, 10}, {2, 5, 10}, {2, 5, 10}}, ErrTooLittleData},
	} {
		m, err := FitBGNBD(c.data)
		if !errors.Is(err, c.want) {
			t.Errorf("%s: err = %v, want %v", c.name, err, c.want)
		}
		checkBGNBDFinite(t, c.name, m)
	}
	for _, c := range []struct {
		name string
		data []RFT
	}{
		{"negative x", []RFT{{-1, 0, 3}}},
		{"fractional x", []RFT{{1.5, 1, 3}}},
		{"t_x > T", []RFT{{1, 4, 3}}},
		{"NaN", []RFT{{1, math.NaN(), 3}}},
		{"Inf", []RFT{{1, 1, math.Inf(1)}}},
		{"above 1e12", []RFT{{1, 1, 2e12}}},
	} {
		if _, err := FitBGNBD(c.data); err == nil || errors.Is(err, ErrTooLittleData) {
			t.Errorf("%s: err = %v, want a data error", c.name, err)
		}
	}
}

// TestFitBGNBDBoundary fits data whose MLE lies on the boundary of the
// parameter space or whose values are extreme. Each fit returns finite
// parameters, either converged or with ErrNotConverged, and the methods stay
// finite.
func TestFitBGNBDBoundary(t *testing.T) {
	// Nobody drops out: every repeat buyer bought on the as-of day (a → 0).
	var alive []RFT
	for i := 0; i < 60; i++ {
		T := float64(i%30 + 5)
		x := float64(i % 4)
		tx := T
		if x == 0 {
			tx = 0
		}
		alive = append(alive, RFT{x, tx, T})
	}
	for _, c := range []struct {
		name string
		data []RFT
	}{
		{"nobody drops out", alive},
		{"huge values", []RFT{{1e9, 1e12, 1e12}, {5e8, 3e11, 9e11}, {0, 0, 1e12}, {1e6, 1e10, 1e12}, {3, 1e11, 5e11}}},
		{"tiny times", []RFT{{1, 1e-9, 1e-9}, {2, 1e-10, 1e-9}, {3, 5e-10, 1e-9}, {0, 0, 1e-9}}},
		{"three identical repeat buyers", []RFT{{1, 1, 2}, {1, 1, 2}, {1, 1, 2}, {0, 0, 2}}},
		{"all bought today", []RFT{{1, 0, 0}, {2, 0, 0}, {3, 0, 0}, {0, 0, 0}}},
		{"same recency and age", []RFT{{1, 5, 5}, {2, 5, 5}, {3, 5, 5}, {4, 5, 5}}},
	} {
		m, err := FitBGNBD(c.data)
		if err != nil && !errors.Is(err, ErrNotConverged) {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if (err == nil) != m.Converged {
			t.Errorf("%s: err %v but Converged %t", c.name, err, m.Converged)
		}
		t.Logf("%s: r=%.4g α=%.4g a=%.4g b=%.4g converged=%t", c.name, m.R, m.Alpha, m.A, m.B, m.Converged)
		checkBGNBDFinite(t, c.name, m)
		checkBGNBDMethods(t, c.name, m, c.data)
	}
}

// TestBGNBDMethodsDegenerateInput checks the documented answers for inputs
// outside the model's domain.
func TestBGNBDMethodsDegenerateInput(t *testing.T) {
	m := cdnowBGNBD
	nan, inf := math.NaN(), math.Inf(1)
	for _, c := range []struct {
		name               string
		t, x, tx, T        float64
		wantPAlive, wantEY float64 // NaN: only check finite
	}{
		{"x=0 T=0", 39, 0, 0, 0, 1, m.ExpectedPurchases(39)},
		{"zero horizon", 0, 2, 30.43, 38.86, m.PAlive(2, 30.43, 38.86), 0},
		{"negative horizon", -5, 2, 30.43, 38.86, m.PAlive(2, 30.43, 38.86), 0},
		{"NaN everywhere", nan, nan, nan, nan, 1, 0},
		{"negative x counts as 0", 39, -3, 5, 10, 1, m.ConditionalExpectedPurchases(39, 0, 0, 10)},
		{"t_x > T clamps to T", 39, 2, 50, 40, m.PAlive(2, 40, 40), m.ConditionalExpectedPurchases(39, 2, 40, 40)},
		{"fractional x rounds down", 39, 2.7, 30.43, 38.86, m.PAlive(2, 30.43, 38.86), m.ConditionalExpectedPurchases(39, 2, 30.43, 38.86)},
		{"huge x", 39, 1e15, 38, 38.86, nan, nan},
		{"huge everything", inf, inf, inf, inf, nan, nan},
		{"huge T, recent", 39, 5, 1e11, 1e11, nan, nan},
	} {
		p := m.PAlive(c.x, c.tx, c.T)
		e := m.ConditionalExpectedPurchases(c.t, c.x, c.tx, c.T)
		ll := m.LogLikelihoodOf(c.x, c.tx, c.T)
		if math.IsNaN(p) || p < 0 || p > 1 || math.IsNaN(e) || math.IsInf(e, 0) || e < 0 || math.IsNaN(ll) || math.IsInf(ll, 0) {
			t.Errorf("%s: PAlive %g, E[Y] %g, ln L %g: want P in [0,1], E finite ≥ 0, ln L finite", c.name, p, e, ll)
		}
		if !math.IsNaN(c.wantPAlive) && p != c.wantPAlive {
			t.Errorf("%s: PAlive = %g, want %g", c.name, p, c.wantPAlive)
		}
		if !math.IsNaN(c.wantEY) && e != c.wantEY {
			t.Errorf("%s: E[Y] = %g, want %g", c.name, e, c.wantEY)
		}
	}
	// The zero model answers 0.
	var zero BGNBD
	if zero.PAlive(1, 1, 2) != 0 || zero.ConditionalExpectedPurchases(1, 1, 1, 2) != 0 || zero.ExpectedPurchases(3) != 0 || zero.LogLikelihoodOf(1, 1, 2) != 0 {
		t.Error("zero BGNBD: want 0 from every method")
	}
}

// TestBGNBDExtremeParameters evaluates the methods at the corners of the
// parameter box the fit can return (where most evaluations fall back to
// quadrature).
func TestBGNBDExtremeParameters(t *testing.T) {
	lo, hi := math.Exp(-mleBound), math.Exp(mleBound)
	vals := []float64{lo, 1e-3, 1, 1e3, hi}
	for _, r := range []float64{lo, 1, hi} {
		for _, alpha := range []float64{lo, 1, hi} {
			for _, a := range vals {
				for _, b := range vals {
					m := BGNBD{R: r, Alpha: alpha, A: a, B: b}
					for _, h := range []RFT{{0, 0, 0}, {0, 0, 30}, {3, 10, 30}, {1e6, 1e3, 1e3}} {
						for _, tt := range []float64{1e-6, 39, 1e12} {
							p := m.PAlive(h.X, h.Tx, h.T)
							e := m.ConditionalExpectedPurchases(tt, h.X, h.Tx, h.T)
							ll := m.LogLikelihoodOf(h.X, h.Tx, h.T)
							if math.IsNaN(p) || p < 0 || p > 1 || math.IsNaN(e) || math.IsInf(e, 0) || e < 0 || math.IsNaN(ll) || math.IsInf(ll, 0) {
								t.Errorf("%+v at %+v, t=%g: PAlive %g, E[Y] %g, ln L %g", m, h, tt, p, e, ll)
							}
						}
					}
				}
			}
		}
	}
}

func checkBGNBDFinite(t *testing.T, name string, m BGNBD) {
	t.Helper()
	for _, v := range []float64{m.R, m.Alpha, m.A, m.B, m.LogLikelihood} {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			t.Errorf("%s: non-finite model %+v", name, m)
			return
		}
	}
}

func checkBGNBDMethods(t *testing.T, name string, m BGNBD, data []RFT) {
	t.Helper()
	for _, d := range data {
		p := m.PAlive(d.X, d.Tx, d.T)
		e := m.ConditionalExpectedPurchases(39, d.X, d.Tx, d.T)
		if math.IsNaN(p) || p < 0 || p > 1 || math.IsNaN(e) || math.IsInf(e, 0) || e < 0 {
			t.Errorf("%s: %+v: PAlive %g, E[Y(39)] %g", name, d, p, e)
		}
	}
	if e := m.ExpectedPurchases(39); math.IsNaN(e) || math.IsInf(e, 0) || e < 0 {
		t.Errorf("%s: E[X(39)] = %g", name, e)
	}
}

// centralDifference returns the five-point central difference of f along
// coordinate i at x with step 1e−3 (truncation error O(h⁴)).
func centralDifference(f func([]float64) float64, x []float64, i int) float64 {
	const h = 1e-3
	at := func(d float64) float64 {
		y := append([]float64(nil), x...)
		y[i] += d
		return f(y)
	}
	return (at(-2*h) - 8*at(-h) + 8*at(h) - at(2*h)) / (12 * h)
}

// TestFitBGNBDSampleStartIsFullMLE checks that a fit over more customers
// than bgSampleSize, which searches on a sample and polishes on all, ends
// at the same maximum as the full search over all customers.
func TestFitBGNBDSampleStartIsFullMLE(t *testing.T) {
	data := simulatedCDNOW(3 * bgSampleSize)
	m, err := FitBGNBD(data)
	if err != nil {
		t.Fatal(err)
	}
	g, err := groupRFT(data)
	if err != nil {
		t.Fatal(err)
	}
	full := maximizeLikelihood(g.objective, []float64{0, math.Log(g.sumT / g.sumX), 0, 0}, false)
	if !full.converged {
		t.Fatal("the full search did not converge")
	}
	for k, got := range []float64{m.R, m.Alpha, m.A, m.B} {
		want := math.Exp(full.theta[k])
		if rel := math.Abs(got/want - 1); rel > 1e-5 {
			t.Errorf("parameter %d = %.8g, the full search found %.8g (off by %.2g, want ≤ 1e-5)", k, got, want, rel)
		}
	}
	if d := math.Abs(m.LogLikelihood + full.f*float64(g.n)); d > 1e-6*math.Abs(m.LogLikelihood) {
		t.Errorf("log-likelihood %.10g, the full search %.10g", m.LogLikelihood, -full.f*float64(g.n))
	}
}

// TestGroupRFTCountsTriples checks the hash-table grouping against a plain
// count: the same distinct triples in the order of their first customer,
// the same weights, −0 as 0 and t_x ignored when x is 0.
func TestGroupRFTCountsTriples(t *testing.T) {
	data := simulatedCDNOW(20000)
	data = append(data, RFT{X: 0, Tx: 5, T: 30}, RFT{X: 0, Tx: 0, T: 30}, RFT{X: math.Copysign(0, -1), Tx: 0, T: 30},
		RFT{X: 2, Tx: math.Copysign(0, -1), T: 7}, RFT{X: 2, Tx: 0, T: 7})
	g, err := groupRFT(data)
	if err != nil {
		t.Fatal(err)
	}
	type triple struct{ x, tx, T float64 }
	count := map[triple]float64{}
	var order []triple
	for _, d := range data {
		k := triple{d.X + 0, d.Tx + 0, d.T + 0}
		if k.x == 0 {
			k.tx = 0
		}
		if _, ok := count[k]; !ok {
			order = append(order, k)
		}
		count[k]++
	}
	if len(g.w) != len(order) {
		t.Fatalf("%d groups, want %d", len(g.w), len(order))
	}
	for j, k := range order {
		got := triple{g.xs[g.ix[j]], g.txs[g.itx[j]], g.ts[g.iT[j]]}
		if got != k || g.w[j] != count[k] {
			t.Fatalf("group %d: %+v × %v, want %+v × %v", j, got, g.w[j], k, count[k])
		}
	}
}

// TestSearchSampleFallsBack checks the sample search's two stages on the
// CDNOW-simulated BG/NBD likelihood: the coarse search alone meets the
// convergence test; bounded to two evaluations it stops short, and the
// full search from where it stopped still reaches the maximum the full
// search from the start finds.
func TestSearchSampleFallsBack(t *testing.T) {
	g, err := groupRFT(simulatedCDNOW(20_000))
	if err != nil {
		t.Fatal(err)
	}
	start := []float64{0, math.Log(g.sumT / g.sumX), 0, 0}
	full := maximizeLikelihood(g.objective, start, false)
	for _, c := range []struct {
		name  string
		evals int
	}{{"coarse search enough", mleSampleEvals}, {"coarse search stopped short", 2}} {
		t.Run(c.name, func(t *testing.T) {
			if c.evals == 2 {
				if r := maximizeGuarded(g.objective, start, true, &mleGuard{maxEvals: 2}); r.converged {
					t.Fatal("two evaluations met the convergence test: the fallback is not tested")
				}
			}
			res := searchSampleWithin(g.objective, start, c.evals)
			if !res.converged {
				t.Fatal("not converged")
			}
			for k := range res.theta {
				if d := math.Abs(res.theta[k] - full.theta[k]); d > 1e-4 {
					t.Errorf("θ%d = %.8g, the full search %.8g", k, res.theta[k], full.theta[k])
				}
			}
		})
	}
}
