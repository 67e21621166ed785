package btyd

import (
	"errors"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"gonum.org/v1/gonum/integrate/quad"
	"gonum.org/v1/gonum/mathext"
)

// TestParetoNBDLogGAgainstHypergeo checks ln G against the note's own
// closed form (Fader & Hardie 2005, eq. 19–20, before Euler's
// transformation), evaluated with gonum's ₂F₁ (mathext.Hypergeo, a port
// of Cephes) where its series is reliable (z ≤ 0.5):
//
//	α ≥ β: ln G = ln s − ln(p+s) + s ln((β+y)/(α+y)) + ln ₂F₁(p+s, s+1; p+s+1; z)
//	α < β: ln G = ln s − ln(p+s) + p ln((α+y)/(β+y)) + ln ₂F₁(p+s, p; p+s+1; z)
//
// Tolerance 1e−12 absolute on ln G.
func TestParetoNBDLogGAgainstHypergeo(t *testing.T) {
	for _, c := range []struct{ p, s, alpha, beta, y float64 }{
		{0.5533, 0.6062, 10.578, 11.669, 0},     // CDNOW, x = 0, t_x = 0
		{2.5533, 0.6062, 10.578, 11.669, 30.43}, // CDNOW, x = 2
		{26.5533, 0.6062, 10.578, 11.669, 31},   // CDNOW, x = 26
		{500.5533, 0.6062, 10.578, 11.669, 31},  // x = 500, α < β
		{500.5533, 0.6062, 11.669, 10.578, 31},  // x = 500, α > β
		{500.5533, 0.6062, 11.669, 11.669, 31},  // x = 500, α = β
		{0.2, 3.5, 40, 20, 0},                   // z = 0.5, α > β
		{7, 0.05, 20, 40, 0},                    // z = 0.5, α < β
		{1, 1, 1, 1, 0},                         // z = 0
		{3, 2, 2.5, 1, 10},                      // s integer, α > β
	} {
		var want float64
		if c.alpha >= c.beta {
			z := (c.alpha - c.beta) / (c.alpha + c.y)
			want = math.Log(c.s) - math.Log(c.p+c.s) + c.s*math.Log((c.beta+c.y)/(c.alpha+c.y)) +
				math.Log(mathext.Hypergeo(c.p+c.s, c.s+1, c.p+c.s+1, z))
		} else {
			z := (c.beta - c.alpha) / (c.beta + c.y)
			want = math.Log(c.s) - math.Log(c.p+c.s) + c.p*math.Log((c.alpha+c.y)/(c.beta+c.y)) +
				math.Log(mathext.Hypergeo(c.p+c.s, c.p, c.p+c.s+1, z))
		}
		if got := pnLogG(c.p, c.s, c.alpha, c.beta, c.y).LnG; math.Abs(got-want) > 1e-12 {
			t.Errorf("ln G(p=%g s=%g α=%g β=%g y=%g) = %.15g, Hypergeo %.15g (diff %.3g)", c.p, c.s, c.alpha, c.beta, c.y, got, want, got-want)
		}
	}
}

// TestParetoNBDLogGMethodsAgree compares the series with the trapezoid
// rule where both apply (z from 0.3 to pnSeriesMaxZ), for 2,000 random
// parameters (seeded): ln G within 1e−13, its derivatives within 1e−10
// relative (the trapezoid rule's tails are first order in the gradient).
func TestParetoNBDLogGMethodsAgree(t *testing.T) {
	rng := rand.New(rand.NewPCG(1987, 2005))
	for i := 0; i < 2000; i++ {
		p := math.Exp(8*rng.Float64() - 3)
		if i%3 == 0 {
			p += float64(rng.IntN(500))
		}
		s := math.Exp(6*rng.Float64() - 3)
		alpha := math.Exp(8*rng.Float64() - 2)
		y := 40 * rng.Float64()
		z := 0.3 + (pnSeriesMaxZ-0.3)*rng.Float64()
		beta := (alpha + z*y) / (1 - z) // α < β
		if i%2 == 0 {
			beta = alpha - z*(alpha+y) // α > β
			if beta <= 0 {
				continue
			}
		}
		a := pnLogG(p, s, alpha, beta, y)
		b := pnLogGQuad(p, s, alpha, beta, y)
		if math.Abs(a.LnG-b.LnG) > 1e-13 {
			t.Errorf("p=%g s=%g α=%g β=%g y=%g: ln G series %.16g, trapezoid %.16g", p, s, alpha, beta, y, a.LnG, b.LnG)
		}
		for _, d := range []struct {
			name   string
			ad, bd float64
		}{{"∂p", a.Dp, b.Dp}, {"∂ln s", a.DS, b.DS}, {"∂ln α", a.DAlpha, b.DAlpha}, {"∂ln β", a.DBeta, b.DBeta}} {
			if math.Abs(d.ad-d.bd) > 1e-10*(1+math.Abs(d.ad)) {
				t.Errorf("p=%g s=%g α=%g β=%g y=%g: %s series %.12g, trapezoid %.12g", p, s, alpha, beta, y, d.name, d.ad, d.bd)
			}
		}
	}
}

// paretoLogLikelihoodByQuadrature is an independent evaluation of one
// customer's ln L (Fader & Hardie 2005, eq. 18, before eq. 19–20 solve
// the integral):
//
//	L = Γ(r+x) α^r β^s / Γ(r) · [ (α+T)^−(r+x) (β+T)^−s
//	    + s ∫_{t_x}^T (α+τ)^−(r+x) (β+τ)^−(s+1) dτ ]
//
// with the integral by 400-point Gauss–Legendre in u = ln(α+τ), where the
// integrand is smooth, relative to its first term.
func paretoLogLikelihoodByQuadrature(m ParetoNBD, x, tx, T float64) float64 {
	r, alpha, s, beta := m.R, m.Alpha, m.S, m.Beta
	p := r + x
	f := func(u float64) float64 {
		tau := math.Exp(u) - alpha
		return math.Exp(u + p*(math.Log(alpha+T)-u) + s*math.Log(beta+T) - (s+1)*math.Log(beta+tau))
	}
	var integral float64
	if T > tx {
		integral = quad.Fixed(f, math.Log(alpha+tx), math.Log(alpha+T), 400, quad.Legendre{}, 0)
	}
	lgr, _ := math.Lgamma(r)
	lgrx, _ := math.Lgamma(r + x)
	return lgrx - lgr + r*math.Log(alpha) + s*math.Log(beta) - p*math.Log(alpha+T) - s*math.Log(beta+T) + math.Log1p(s*integral)
}

// TestParetoNBDLikelihoodAgainstQuadrature compares LogLikelihoodOf with
// the integral form by Gauss–Legendre (above), also for parameters where G
// is computed by the trapezoid rule (|α−β| > 0.9·(max(α, β)+y)); within
// 1e−9.
func TestParetoNBDLikelihoodAgainstQuadrature(t *testing.T) {
	models := []ParetoNBD{
		cdnowParetoNBD,
		{R: 0.5, Alpha: 10, S: 0.5, Beta: 1000},        // little churn: trapezoid rule
		{R: 0.5, Alpha: 5000, S: 2, Beta: 5},           // α ≫ β: trapezoid rule
		{R: 2, Alpha: 0.05, S: 0.01, Beta: 300},        // small α and s
		{R: 0.05, Alpha: 3, S: 8, Beta: 3.0000001},     // α ≈ β
		{R: 1, Alpha: 1e6, S: 1e4, Beta: 1e9},          // far out, as the search may go
		{R: 0.3, Alpha: 1e-3, S: 1e-3, Beta: 1e-3 / 2}, // tiny scales
	}
	customers := []RFT{{0, 0, 38.86}, {1, 1.71, 38.86}, {2, 30.43, 38.86}, {26, 30.86, 31}, {7, 38, 39}, {50, 20, 39}, {3, 0.5, 0.7}}
	for _, m := range models {
		for _, d := range customers {
			got := m.LogLikelihoodOf(d.X, d.Tx, d.T)
			want := paretoLogLikelihoodByQuadrature(m, d.X, d.Tx, d.T)
			if math.Abs(got-want) > 1e-9*math.Max(1, math.Abs(want)) {
				t.Errorf("%+v: ln L(%v) = %.12g, quadrature %.12g", m, d, got, want)
			}
		}
	}
}

// TestParetoNBDGradient compares the analytic gradient of the objective
// with central differences (step 1e−5 in each log-parameter, whose error
// is about 1e−10 here) at the CDNOW MLE, away from it, where G takes the
// trapezoid rule, and near the edges of the box; within 1e−7 + 1e−6·|∂|.
func TestParetoNBDGradient(t *testing.T) {
	cdnow, err := groupRFT(cdnowRFT(loadCDNOWSummary(t)))
	if err != nil {
		t.Fatal(err)
	}
	little, err := groupRFT(simulateParetoNBD(ParetoNBD{R: 0.5, Alpha: 10, S: 0.5, Beta: 1000}, 5000, 3, true))
	if err != nil {
		t.Fatal(err)
	}
	ln := math.Log
	for _, c := range []struct {
		name  string
		g     *rftGroups
		theta []float64
	}{
		{"CDNOW at the MLE", cdnow, []float64{ln(0.5533), ln(10.578), ln(0.6062), ln(11.669)}},
		{"CDNOW at the start", cdnow, []float64{0, ln(32), 0, ln(32)}},
		{"CDNOW, β ≫ α", cdnow, []float64{ln(0.5533), ln(10.578), ln(0.6062), ln(1100)}},
		{"CDNOW, α ≫ β", cdnow, []float64{ln(0.5533), ln(1000), ln(0.6062), ln(1.669)}},
		{"CDNOW, far", cdnow, []float64{-5, 8, 3, -3}},
		{"CDNOW, box edge", cdnow, []float64{-25, 25, -25, 25}},
		{"little churn", little, []float64{ln(0.5), ln(10), ln(0.5), ln(1000)}},
		{"little churn, s and β large", little, []float64{ln(0.5), ln(10), ln(3000), ln(1e7)}},
	} {
		obj := newPNGroups(c.g).objective
		grad := make([]float64, 4)
		obj(c.theta, grad)
		for i := range 4 {
			const h = 1e-5
			tp := append([]float64(nil), c.theta...)
			tm := append([]float64(nil), c.theta...)
			tp[i] += h
			tm[i] -= h
			fd := (obj(tp, nil) - obj(tm, nil)) / (2 * h)
			if math.Abs(grad[i]-fd) > 1e-7+1e-6*math.Abs(fd) {
				t.Errorf("%s: ∂/∂θ%d analytic %.10g, central difference %.10g", c.name, i, grad[i], fd)
			}
		}
	}
}

// TestParetoNBDProperties checks, at the CDNOW parameters, what the model
// implies: P(alive) in [0, 1] and falling with T for a fixed history, 1/Q
// of the likelihood; E[Y(t)] rising with t and equal to E[X(t)] for a new
// customer (x = t_x = T = 0).
func TestParetoNBDProperties(t *testing.T) {
	m := cdnowParetoNBD
	for _, h := range []struct{ x, tx float64 }{{0, 0}, {1, 2}, {2, 30.43}, {26, 30.86}, {100, 5}} {
		prev := 2.0
		for T := h.tx; T <= h.tx+200; T += 0.5 {
			p := m.PAlive(h.x, h.tx, T)
			if !(p >= 0 && p <= 1) || p > prev {
				t.Fatalf("PAlive(%g, %g, %g) = %g after %g: want in [0, 1] and falling in T", h.x, h.tx, T, p, prev)
			}
			prev = p
		}
		prevE := 0.0
		for _, tt := range []float64{0.1, 1, 10, 39, 52, 1000, 1e6} {
			e := m.ConditionalExpectedPurchases(tt, h.x, h.tx, h.tx+10)
			if !(e > prevE) {
				t.Fatalf("E[Y(%g) | %g, %g, %g] = %g, not above %g", tt, h.x, h.tx, h.tx+10, e, prevE)
			}
			prevE = e
		}
	}
	for _, tt := range []float64{0.5, 39, 1e4} {
		if a, b := m.ConditionalExpectedPurchases(tt, 0, 0, 0), m.ExpectedPurchases(tt); math.Abs(a/b-1) > 1e-12 {
			t.Errorf("E[Y(%g) | 0, 0, 0] = %.15g, E[X(%g)] = %.15g", tt, a, tt, b)
		}
	}
	// At α = β, G has the closed form s/(r+x+s) (z = 0) and is continuous
	// there: α = β·(1 ± 1e−9) moves ln G by about 1e−9.
	for _, x := range []float64{0, 3, 500} {
		exact := math.Log(0.6062) - math.Log(0.5533+x+0.6062)
		for _, a := range []float64{11.669, 11.669 * (1 + 1e-9), 11.669 * (1 - 1e-9)} {
			if got := pnLogG(0.5533+x, 0.6062, a, 11.669, 7).LnG; math.Abs(got-exact) > 1e-8 {
				t.Errorf("x=%g α=%.12g β=11.669: ln G = %.15g, want ≈ %.15g", x, a, got, exact)
			}
		}
	}
}

// TestParetoNBDRobust evaluates every method for parameters from the edges
// of the box a fit can return, with α > β, α < β and α = β, and inputs
// from ordinary to absurd (x = 500, huge times, NaN, negative): PAlive in
// [0, 1], the expectations finite and ≥ 0, ln L finite.
func TestParetoNBDRobust(t *testing.T) {
	e := math.Exp
	models := []ParetoNBD{
		cdnowParetoNBD,
		{R: 0.5533, Alpha: 11.669, S: 0.6062, Beta: 10.578},
		{R: 0.5533, Alpha: 11, S: 0.6062, Beta: 11},
		{R: 0.5, Alpha: 10, S: 0.5, Beta: 1e6},
		{R: 0.5, Alpha: 1e6, S: 0.5, Beta: 10},
		{R: e(-30), Alpha: e(30), S: e(-30), Beta: e(-30)},
		{R: e(30), Alpha: e(-30), S: e(30), Beta: e(30)},
		{R: e(-30), Alpha: e(-30), S: e(-30), Beta: e(30)},
		{R: e(30), Alpha: e(30), S: e(30), Beta: e(-30)},
		{R: e(30), Alpha: e(30), S: e(30), Beta: e(30)},
		{R: e(-30), Alpha: e(-30), S: e(-30), Beta: e(-30)},
		{R: 1, Alpha: 1, S: 1, Beta: 1},
		{}, // the zero model: every method returns 0
		{R: math.NaN(), Alpha: 1, S: 1, Beta: 1},
	}
	inputs := []struct{ t, x, tx, T float64 }{
		{39, 0, 0, 39}, {39, 2, 30.43, 38.86}, {52, 26, 30.86, 31},
		{39, 500, 38, 39}, {39, 500, 0.5, 39}, {39, 500, 39, 39},
		{1e12, 1e12, 1e12, 1e12}, {1e15, 1e15, 1, 1e15}, {1e-300, 1, 1e-300, 1e-300},
		{math.NaN(), math.NaN(), math.NaN(), math.NaN()}, {-1, -5, -1, -1}, {math.Inf(1), math.Inf(1), math.Inf(1), math.Inf(1)},
		{39, 3, 50, 10}, // t_x > T: clamped
	}
	for _, m := range models {
		for _, in := range inputs {
			p := m.PAlive(in.x, in.tx, in.T)
			ey := m.ConditionalExpectedPurchases(in.t, in.x, in.tx, in.T)
			ex := m.ExpectedPurchases(in.t)
			ll := m.LogLikelihoodOf(in.x, in.tx, in.T)
			if !(p >= 0 && p <= 1) || !(ey >= 0) || math.IsInf(ey, 0) || !(ex >= 0) || math.IsInf(ex, 0) || math.IsNaN(ll) || math.IsInf(ll, 0) {
				t.Errorf("%+v at %+v: PAlive %g, E[Y] %g, E[X] %g, ln L %g", m, in, p, ey, ex, ll)
			}
		}
	}
}

// FuzzParetoNBDMethods evaluates the methods at arbitrary parameters
// inside the range a fit can return (e^±30) and arbitrary inputs: PAlive
// lies in [0, 1], the expectations are finite and ≥ 0, ln L is finite.
func FuzzParetoNBDMethods(f *testing.F) {
	f.Add(math.Log(0.5533), math.Log(10.578), math.Log(0.6062), math.Log(11.669), 52.0, 26.0, 30.86, 31.0)
	f.Add(math.Log(0.5533), math.Log(11.669), math.Log(0.6062), math.Log(10.578), 39.0, 500.0, 1.0, 39.0)
	f.Add(0.0, 2.0, 0.0, 2.0, 39.0, 500.0, 20.0, 39.0)
	f.Add(-30.0, 30.0, -30.0, -30.0, 1e12, 1e12, 0.0, 1e12)
	f.Add(30.0, -30.0, 30.0, 30.0, 1e-300, 0.0, 0.0, 0.0)
	f.Add(-30.0, -30.0, 30.0, 30.0, 39.0, 1.0, 0.0, 1e-12)
	f.Fuzz(func(t *testing.T, lr, lalpha, ls, lbeta, tt, x, tx, T float64) {
		box := func(v float64) float64 {
			if math.IsNaN(v) {
				return 1
			}
			return math.Exp(math.Max(-mleBound, math.Min(mleBound, v)))
		}
		m := ParetoNBD{R: box(lr), Alpha: box(lalpha), S: box(ls), Beta: box(lbeta)}
		p := m.PAlive(x, tx, T)
		e := m.ConditionalExpectedPurchases(tt, x, tx, T)
		u := m.ExpectedPurchases(tt)
		ll := m.LogLikelihoodOf(x, tx, T)
		if !(p >= 0 && p <= 1) || !(e >= 0) || math.IsInf(e, 0) || !(u >= 0) || math.IsInf(u, 0) || math.IsNaN(ll) || math.IsInf(ll, 0) {
			t.Fatalf("%+v at t=%g x=%g t_x=%g T=%g: PAlive %g, E[Y] %g, E[X] %g, ln L %g", m, tt, x, tx, T, p, e, u, ll)
		}
	})
}

// FuzzFitParetoNBD checks that, whatever the data, FitParetoNBD either
// returns a data error (and the data are invalid), ErrTooLittleData (with
// a zero model), or finite positive parameters, at which the methods are
// finite for the fitted customers and an arbitrary extra one.
func FuzzFitParetoNBD(f *testing.F) {
	f.Add([]byte{2, 200, 200, 1, 200, 10, 0, 200, 0, 5, 100, 250, 0, 50, 0, 3, 150, 100}, 1.0, 39.0, 2.0, 30.43, 38.86)
	f.Add([]byte{0, 10, 0, 0, 20, 0, 0, 30, 0}, 1.0, 39.0, 0.0, 0.0, 0.0)
	f.Add([]byte{1, 1, 255, 1, 1, 255, 1, 1, 255, 2, 2, 255}, 1e-9, 1e12, 1e15, 1.0, 2.0)
	f.Add([]byte{31, 255, 255, 30, 255, 255, 29, 255, 255, 28, 255, 255}, 1.0, 39.0, 31.0, 31.0, 31.0)
	f.Add([]byte{31, 255, 255, 30, 255, 254, 29, 255, 1, 0, 255, 0}, 1e9, 1e-300, math.Inf(1), math.NaN(), -1.0)
	f.Fuzz(func(t *testing.T, raw []byte, scale, tt, x, tx, T float64) {
		data := fuzzRFT(raw, scale)
		m, err := FitParetoNBD(data)
		switch {
		case errors.Is(err, ErrTooLittleData):
			if m.R != 0 || m.Alpha != 0 || m.S != 0 || m.Beta != 0 || m.LogLikelihood != 0 {
				t.Fatalf("ErrTooLittleData with a non-zero model %+v", m)
			}
			return
		case err != nil && !errors.Is(err, ErrNotConverged):
			for _, d := range data {
				if checkRFT(d) != "" {
					return // a data error for invalid data
				}
			}
			t.Fatalf("error %v for valid data %v", err, data)
		}
		for _, v := range []float64{m.R, m.Alpha, m.S, m.Beta} {
			if !(v > 0) || math.IsInf(v, 0) {
				t.Fatalf("fit %+v (err %v): parameter not finite and positive", m, err)
			}
		}
		if math.IsNaN(m.LogLikelihood) || math.IsInf(m.LogLikelihood, 0) {
			t.Fatalf("fit %+v: log-likelihood not finite", m)
		}
		for _, d := range append(data, RFT{X: x, Tx: tx, T: T}) {
			p := m.PAlive(d.X, d.Tx, d.T)
			if !(p >= 0 && p <= 1) {
				t.Fatalf("fit %+v: PAlive(%v) = %g", m, d, p)
			}
			for _, h := range []float64{tt, 39} {
				e := m.ConditionalExpectedPurchases(h, d.X, d.Tx, d.T)
				if !(e >= 0) || math.IsInf(e, 0) {
					t.Fatalf("fit %+v: E[Y(%g) | %v] = %g", m, h, d, e)
				}
			}
			if ll := m.LogLikelihoodOf(d.X, d.Tx, d.T); math.IsNaN(ll) || math.IsInf(ll, 0) {
				t.Fatalf("fit %+v: ln L(%v) = %g", m, d, ll)
			}
		}
		if e := m.ExpectedPurchases(tt); !(e >= 0) || math.IsInf(e, 0) {
			t.Fatalf("fit %+v: E[X(%g)] = %g", m, tt, e)
		}
	})
}

// TestFitParetoNBDDegenerate: data that cannot identify the model return
// ErrTooLittleData and a zero model with N and Distinct set; invalid data
// return an error naming the customer and the model.
func TestFitParetoNBDDegenerate(t *testing.T) {
	for _, c := range []struct {
		name     string
		data     []RFT
		distinct int
	}{
		{"no customers", nil, 0},
		{"nobody bought again", []RFT{{0, 0, 10}, {0, 0, 20}, {0, 0, 30}, {0, 0, 39}}, 4},
		{"two repeat buyers", []RFT{{1, 5, 10}, {3, 8, 20}, {0, 0, 30}, {0, 0, 39}}, 4},
		{"one distinct triple", []RFT{{2, 5, 10}, {2, 5, 10}, {2, 5, 10}, {2, 5, 10}}, 1},
	} {
		m, err := FitParetoNBD(c.data)
		if !errors.Is(err, ErrTooLittleData) {
			t.Errorf("%s: err = %v, want ErrTooLittleData", c.name, err)
		}
		if m.R != 0 || m.Alpha != 0 || m.S != 0 || m.Beta != 0 || m.N != len(c.data) || m.Distinct != c.distinct {
			t.Errorf("%s: model %+v, want zero parameters, N=%d, Distinct=%d", c.name, m, len(c.data), c.distinct)
		}
	}
	for _, d := range []RFT{{X: 1.5, Tx: 1, T: 2}, {X: 1, Tx: 3, T: 2}, {X: math.NaN(), T: 1}, {X: 1, Tx: 1, T: 2e12}, {X: -1, T: 1}} {
		_, err := FitParetoNBD([]RFT{{1, 1, 2}, d})
		if err == nil || errors.Is(err, ErrTooLittleData) || !strings.Contains(err.Error(), "Pareto/NBD: customer 1") {
			t.Errorf("invalid customer %+v: err = %v, want a data error naming customer 1", d, err)
		}
	}
}

// TestParetoNBDPurchaseModel checks the PurchaseModel methods and
// ExpectedNextPurchase on the CDNOW fit: a frequent buyer's next purchase
// is about a week away (26 purchases in 31 weeks: E[λ | x, T] = (r+x)/(α+T)
// = 0.66 a week, 1.5 weeks), an occasional one's further, a one-time
// buyer's beyond a year.
func TestParetoNBDPurchaseModel(t *testing.T) {
	m, err := FitParetoNBD(cdnowRFT(loadCDNOWSummary(t)))
	if err != nil {
		t.Fatal(err)
	}
	var pm PurchaseModel = m
	if pm.Key() != "pareto_nbd" {
		t.Errorf("Key() = %q", pm.Key())
	}
	params := pm.Params()
	if len(params) != 4 || params["r"] != m.R || params["alpha"] != m.Alpha || params["s"] != m.S || params["beta"] != m.Beta {
		t.Errorf("Params() = %v", params)
	}
	if f := pm.Fit(); f.K != 4 || f.N != 2357 || !f.Converged || f.LogLikelihood != m.LogLikelihood ||
		math.Abs(f.BIC()-(4*math.Log(2357)-2*m.LogLikelihood)) > 1e-9 {
		t.Errorf("Fit() = %+v", f)
	}

	frequent := ExpectedNextPurchase(pm, 26, 30.86, 31, 520)
	if !(frequent > 1 && frequent < 2.5) {
		t.Errorf("next purchase of (26, 30.86, 31) in %g weeks, want 1–2.5 (1/E[λ] = 1.5)", frequent)
	}
	occasional := ExpectedNextPurchase(pm, 2, 30.43, 38.86, 520)
	if !(occasional > 2*frequent) || math.IsInf(occasional, 0) {
		t.Errorf("next purchase of (2, 30.43, 38.86) in %g weeks, want finite and later than the frequent buyer's %g", occasional, frequent)
	}
	// A one-time buyer of 39 weeks ago, were they still active, is not
	// expected to buy again within a year (E[Y(t) | alive] reaches 1 at
	// about 144 weeks), but within 200 weeks.
	if w := ExpectedNextPurchase(pm, 0, 0, 38.86, 52); !math.IsInf(w, 1) {
		t.Errorf("next purchase of (0, 0, 38.86) within a year: %g weeks, want +Inf", w)
	}
	if w := ExpectedNextPurchase(pm, 0, 0, 38.86, 1e4); !(w > 52 && w < 200) {
		t.Errorf("next purchase of (0, 0, 38.86) in %g weeks, want 52–200", w)
	}
}
