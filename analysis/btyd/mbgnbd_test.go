package btyd

import (
	"errors"
	"math"
	"math/rand/v2"
	"strings"
	"sync"
	"testing"

	"gonum.org/v1/gonum/stat/distuv"
)

// TestMBGNBDProperties checks what the model implies at the published
// CDNOW parameters: P(alive) lies in [0, 1]; a one-time buyer is alive
// with probability b/(a+b) at T = 0, falling as T grows; for fixed x and
// t_x P(alive) falls as T grows and rises with t_x; expected purchases
// grow with the horizon.
func TestMBGNBDProperties(t *testing.T) {
	m := cdnowMBGNBD
	// One-time buyers: the first purchase may have been the last.
	if got, want := m.PAlive(0, 0, 0), m.B/(m.A+m.B); math.Abs(got-want) > 1e-15 {
		t.Errorf("PAlive(0, 0, 0) = %.16g, want b/(a+b) = %.16g", got, want)
	}
	prev := 1.0
	for _, T := range []float64{0, 1, 10, 38.86, 1e3, 1e6, 1e12} {
		p := m.PAlive(0, 0, T)
		if !(p < 1) || p < 0 || p > prev {
			t.Errorf("PAlive(0, 0, %g) = %g, previous T: %g (want in [0, 1), non-increasing)", T, p, prev)
		}
		prev = p
	}
	for _, x := range []float64{0, 1, 2, 5, 20} {
		tx := 10.0
		if x == 0 {
			tx = 0
		}
		prev := 2.0
		for T := 10.0; T <= 80; T += 5 {
			p := m.PAlive(x, tx, T)
			if !(p < prev) || p < 0 || p > 1 {
				t.Errorf("PAlive(%g, %g, %g) = %g, previous T: %g (want decreasing, in [0, 1])", x, tx, T, p, prev)
			}
			prev = p
		}
		if x == 0 {
			continue
		}
		prev = -1
		for tx := 0.0; tx <= 38; tx += 2 {
			p := m.PAlive(x, tx, 38)
			if !(p > prev) {
				t.Errorf("PAlive(%g, %g, 38) = %g, previous t_x: %g (want increasing)", x, tx, p, prev)
			}
			prev = p
		}
		// Bought on the as-of day: P(alive) = 1/(1 + a/(b+x)).
		if got, want := m.PAlive(x, 38, 38), 1/(1+m.A/(m.B+x)); math.Abs(got-want) > 1e-15 {
			t.Errorf("PAlive(%g, 38, 38) = %g, want %g", x, got, want)
		}
	}
	// Expected purchases grow with the horizon, conditional and not, and
	// for x = 0 and T = 0 the two are equal.
	histories := []RFT{{3, 20, 30}, {0, 0, 30}, {10, 38, 38.86}}
	prevC := make([]float64, len(histories))
	prevU := 0.0
	for _, tt := range []float64{0.01, 0.5, 1, 5, 39, 100, 1000, 1e6} {
		for k, h := range histories {
			e := m.ConditionalExpectedPurchases(tt, h.X, h.Tx, h.T)
			if !(e > prevC[k]) {
				t.Errorf("E[Y(%g) | %v] = %g, not above the shorter horizon's %g", tt, h, e, prevC[k])
			}
			prevC[k] = e
		}
		u := m.ExpectedPurchases(tt)
		if !(u > prevU) {
			t.Errorf("E[X(%g)] = %g, not above the shorter horizon's %g", tt, u, prevU)
		}
		prevU = u
		if d := math.Abs(m.ConditionalExpectedPurchases(tt, 0, 0, 0) - u); d > 1e-15*u {
			t.Errorf("E[Y(%g) | 0, 0, 0] differs from E[X(%g)] by %g", tt, tt, d)
		}
	}
}

// TestMBGNBDGradient compares the analytic gradient of the grouped
// objective with five-point central differences (step 1e−3, error ~1e−12)
// on the CDNOW data; ±(1e−6 of the largest component + 2e−9).
func TestMBGNBDGradient(t *testing.T) {
	g, err := groupRFT(cdnowRFT(loadCDNOWSummary(t)))
	if err != nil {
		t.Fatal(err)
	}
	for _, theta := range [][]float64{
		{math.Log(0.525), math.Log(6.183), math.Log(0.891), math.Log(1.614)},
		{0, 2, 0, 0},
		{1.5, -1, -2, 3},
		{-3, 4, 2, -2},
	} {
		grad := make([]float64, 4)
		g.mbgObjective(theta, grad)
		scale := 0.0
		for _, v := range grad {
			scale = math.Max(scale, math.Abs(v))
		}
		for i := range theta {
			fd := centralDifference(func(th []float64) float64 { return g.mbgObjective(th, nil) }, theta, i)
			if math.Abs(fd-grad[i]) > 1e-6*scale+2e-9 {
				t.Errorf("θ=%v: ∂f/∂θ%d analytic %.10g, central difference %.10g", theta, i, grad[i], fd)
			}
		}
	}
}

func TestFitMBGNBDDegenerate(t *testing.T) {
	oneTime := make([]RFT, 100)
	for i := range oneTime {
		oneTime[i] = RFT{X: 0, Tx: 0, T: float64(i%39 + 1)}
	}
	for _, c := range []struct {
		name string
		data []RFT
	}{
		{"empty", nil},
		{"single customer", []RFT{{X: 3, Tx: 10, T: 20}}},
		{"all one-time buyers", oneTime},
		{"two repeat buyers", append([]RFT{{1, 2, 30}, {2, 5, 30}}, oneTime...)},
		{"identical customers", []RFT{{2, 5, 10}, {2, 5, 10}, {2, 5, 10}, {2, 5, 10}}},
	} {
		m, err := FitMBGNBD(c.data)
		if !errors.Is(err, ErrTooLittleData) {
			t.Errorf("%s: err = %v, want ErrTooLittleData", c.name, err)
		}
		if m.R != 0 || m.Alpha != 0 || m.A != 0 || m.B != 0 || m.LogLikelihood != 0 || m.Converged {
			t.Errorf("%s: model %+v, want zero parameters", c.name, m)
		}
		if m.N != len(c.data) {
			t.Errorf("%s: N = %d, want %d", c.name, m.N, len(c.data))
		}
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
		_, err := FitMBGNBD(c.data)
		if err == nil || errors.Is(err, ErrTooLittleData) || !strings.Contains(err.Error(), "MBG/NBD: customer 0") {
			t.Errorf("%s: err = %v, want a data error naming the MBG/NBD and customer 0", c.name, err)
		}
	}
}

// TestFitMBGNBDBoundary fits data whose MLE lies on the boundary of the
// parameter space or whose values are extreme. Each fit returns finite
// parameters, either converged or with ErrNotConverged, and the methods
// stay finite.
func TestFitMBGNBDBoundary(t *testing.T) {
	// Nobody drops out: every repeat buyer bought on the as-of day and
	// there are no one-time buyers (a → 0).
	var alive []RFT
	for i := 0; i < 60; i++ {
		T := float64(i%30 + 5)
		alive = append(alive, RFT{float64(i%4 + 1), T, T})
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
		m, err := FitMBGNBD(c.data)
		if err != nil && !errors.Is(err, ErrNotConverged) {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if (err == nil) != m.Converged {
			t.Errorf("%s: err %v but Converged %t", c.name, err, m.Converged)
		}
		t.Logf("%s: r=%.4g α=%.4g a=%.4g b=%.4g converged=%t", c.name, m.R, m.Alpha, m.A, m.B, m.Converged)
		for _, v := range []float64{m.R, m.Alpha, m.A, m.B, m.LogLikelihood} {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				t.Errorf("%s: non-finite model %+v", c.name, m)
			}
		}
		for _, d := range c.data {
			checkMBGNBDAt(t, c.name, m, 39, d.X, d.Tx, d.T)
		}
	}
}

// TestMBGNBDMethodsDegenerateInput checks the documented answers for
// inputs outside the model's domain.
func TestMBGNBDMethodsDegenerateInput(t *testing.T) {
	m := cdnowMBGNBD
	nan, inf := math.NaN(), math.Inf(1)
	p0 := m.B / (m.A + m.B)
	for _, c := range []struct {
		name               string
		t, x, tx, T        float64
		wantPAlive, wantEY float64 // NaN: only check finite
	}{
		{"x=0 T=0", 39, 0, 0, 0, p0, m.ExpectedPurchases(39)},
		{"zero horizon", 0, 2, 30.43, 38.86, m.PAlive(2, 30.43, 38.86), 0},
		{"negative horizon", -5, 2, 30.43, 38.86, m.PAlive(2, 30.43, 38.86), 0},
		{"NaN everywhere", nan, nan, nan, nan, p0, 0},
		{"negative x counts as 0", 39, -3, 5, 10, m.PAlive(0, 0, 10), m.ConditionalExpectedPurchases(39, 0, 0, 10)},
		{"t_x > T clamps to T", 39, 2, 50, 40, m.PAlive(2, 40, 40), m.ConditionalExpectedPurchases(39, 2, 40, 40)},
		{"fractional x rounds down", 39, 2.7, 30.43, 38.86, m.PAlive(2, 30.43, 38.86), m.ConditionalExpectedPurchases(39, 2, 30.43, 38.86)},
		{"huge x", 39, 1e15, 38, 38.86, nan, nan},
		{"huge everything", inf, inf, inf, inf, nan, nan},
		{"huge T, recent", 39, 5, 1e11, 1e11, nan, nan},
		{"huge T, one-time buyer", 39, 0, 0, 1e12, nan, nan},
	} {
		p, e := checkMBGNBDAt(t, c.name, m, c.t, c.x, c.tx, c.T)
		if !math.IsNaN(c.wantPAlive) && p != c.wantPAlive {
			t.Errorf("%s: PAlive = %g, want %g", c.name, p, c.wantPAlive)
		}
		if !math.IsNaN(c.wantEY) && e != c.wantEY {
			t.Errorf("%s: E[Y] = %g, want %g", c.name, e, c.wantEY)
		}
	}
	// The zero model answers 0.
	var zero MBGNBD
	if zero.PAlive(1, 1, 2) != 0 || zero.ConditionalExpectedPurchases(1, 1, 1, 2) != 0 || zero.ExpectedPurchases(3) != 0 || zero.LogLikelihoodOf(1, 1, 2) != 0 {
		t.Error("zero MBGNBD: want 0 from every method")
	}
}

// TestMBGNBDExtremeParameters evaluates the methods at the corners of the
// parameter box the fit can return (where most evaluations fall back to
// quadrature).
func TestMBGNBDExtremeParameters(t *testing.T) {
	lo, hi := math.Exp(-mleBound), math.Exp(mleBound)
	vals := []float64{lo, 1e-3, 1, 1e3, hi}
	for _, r := range []float64{lo, 1, hi} {
		for _, alpha := range []float64{lo, 1, hi} {
			for _, a := range vals {
				for _, b := range vals {
					m := MBGNBD{R: r, Alpha: alpha, A: a, B: b}
					for _, tt := range []float64{1e-6, 39, 1e12} {
						// x = t_x = T = 0 includes E[X(t)].
						checkMBGNBDAt(t, "extreme parameters", m, tt, 0, 0, 0)
						for _, h := range []RFT{{0, 0, 30}, {3, 10, 30}, {1e6, 1e3, 1e3}} {
							p := m.PAlive(h.X, h.Tx, h.T)
							e := m.ConditionalExpectedPurchases(tt, h.X, h.Tx, h.T)
							ll := m.LogLikelihoodOf(h.X, h.Tx, h.T)
							if !(p >= 0 && p <= 1) || !(e >= 0) || math.IsInf(e, 0) || math.IsNaN(ll) || math.IsInf(ll, 0) {
								t.Errorf("%+v at %+v, t=%g: PAlive %g, E[Y] %g, ln L %g", m, h, tt, p, e, ll)
							}
						}
					}
				}
			}
		}
	}
}

// TestMBGNBDPurchaseModel checks the PurchaseModel side of the type.
func TestMBGNBDPurchaseModel(t *testing.T) {
	var pm PurchaseModel = MBGNBD{R: 0.5, Alpha: 6, A: 0.9, B: 1.6, LogLikelihood: -100, N: 50, Converged: true}
	if pm.Key() != "mbgnbd" {
		t.Errorf("Key() = %q, want mbgnbd", pm.Key())
	}
	if f := pm.Fit(); f != (ModelFit{LogLikelihood: -100, K: 4, N: 50, Converged: true}) {
		t.Errorf("Fit() = %+v", f)
	}
	p := pm.Params()
	if len(p) != 4 || p["r"] != 0.5 || p["alpha"] != 6 || p["a"] != 0.9 || p["b"] != 1.6 {
		t.Errorf("Params() = %v", p)
	}
}

// checkMBGNBDAt evaluates the methods at one input and reports any value
// outside its range: PAlive in [0, 1], E[Y(t)] and E[X(t)] finite and ≥ 0,
// ln L finite.
func checkMBGNBDAt(t *testing.T, name string, m MBGNBD, tt, x, tx, T float64) (p, e float64) {
	t.Helper()
	p = m.PAlive(x, tx, T)
	e = m.ConditionalExpectedPurchases(tt, x, tx, T)
	u := m.ExpectedPurchases(tt)
	ll := m.LogLikelihoodOf(x, tx, T)
	if !(p >= 0 && p <= 1) || !(e >= 0) || math.IsInf(e, 0) || !(u >= 0) || math.IsInf(u, 0) || math.IsNaN(ll) || math.IsInf(ll, 0) {
		t.Errorf("%s: %+v at t=%g x=%g t_x=%g T=%g: PAlive %g, E[Y] %g, E[X] %g, ln L %g", name, m, tt, x, tx, T, p, e, u, ll)
	}
	return p, e
}

// FuzzFitMBGNBD checks that, whatever the data (decoded as in
// FuzzFitBGNBD), FitMBGNBD either returns a data error (and the data are
// invalid), ErrTooLittleData (with a zero model), or finite positive
// parameters at which the methods stay in range.
func FuzzFitMBGNBD(f *testing.F) {
	f.Add([]byte{2, 200, 200, 1, 200, 10, 0, 200, 0, 5, 100, 250, 0, 50, 0, 3, 150, 100}, 1.0, 39.0, 2.0, 30.43, 38.86)
	f.Add([]byte{1, 1, 255, 1, 1, 255, 1, 1, 255, 2, 2, 255}, 1e-9, 1e12, 1e15, 1.0, 2.0)
	f.Add([]byte{31, 255, 255, 30, 255, 254, 29, 255, 1, 0, 255, 0}, 1e9, 1e-300, math.Inf(1), math.NaN(), -1.0)
	f.Fuzz(func(t *testing.T, raw []byte, scale, tt, x, tx, T float64) {
		data := fuzzRFT(raw, scale)
		m, err := FitMBGNBD(data)
		switch {
		case errors.Is(err, ErrTooLittleData):
			if m.R != 0 || m.Alpha != 0 || m.A != 0 || m.B != 0 || m.LogLikelihood != 0 {
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
		for _, v := range []float64{m.R, m.Alpha, m.A, m.B, m.LogLikelihood} {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				t.Fatalf("fit %+v (err %v): not finite", m, err)
			}
		}
		for _, d := range append(data, RFT{X: x, Tx: tx, T: T}) {
			for _, h := range []float64{tt, 39} {
				checkMBGNBDAt(t, "fuzz", m, h, d.X, d.Tx, d.T)
			}
		}
	})
}

// FuzzMBGNBDMethods evaluates the methods at arbitrary parameters inside
// the range a fit can return (e^±30) and arbitrary inputs.
func FuzzMBGNBDMethods(f *testing.F) {
	f.Add(math.Log(0.525), math.Log(6.183), math.Log(0.891), math.Log(1.614), 39.0, 2.0, 30.43, 38.86)
	f.Add(-30.0, 30.0, -30.0, -30.0, 1e12, 1e12, 0.0, 1e12)
	f.Add(30.0, -30.0, 30.0, 30.0, 1e-300, 0.0, 0.0, 0.0)
	f.Add(0.0, 0.0, 0.0, 0.0, math.NaN(), math.Inf(1), math.Inf(-1), math.NaN())
	f.Fuzz(func(t *testing.T, lr, lalpha, la, lb, tt, x, tx, T float64) {
		box := func(v float64) float64 {
			if math.IsNaN(v) {
				return 1
			}
			return math.Exp(math.Max(-mleBound, math.Min(mleBound, v)))
		}
		checkMBGNBDAt(t, "fuzz", MBGNBD{R: box(lr), Alpha: box(lalpha), A: box(la), B: box(lb)}, tt, x, tx, T)
	})
}

// simulateMBGNBD draws n customers from the MBG/NBD with parameters m,
// as simulateBGNBD does for the BG/NBD (T uniform over 1 to 39 weeks, or
// whole days 7..273 with byDay), except that a customer may drop out right
// after the first purchase: the drop-out coin with probability p is tossed
// at time 0 and after each repeat purchase. The source is seeded, so the
// data are the same on every run.
func simulateMBGNBD(m MBGNBD, n int, seed uint64, byDay bool) []RFT {
	src := rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)
	rng := rand.New(src)
	lambda := distuv.Gamma{Alpha: m.R, Beta: m.Alpha, Src: src}
	dropout := distuv.Beta{Alpha: m.A, Beta: m.B, Src: src}
	data := make([]RFT, n)
	for i := range data {
		l, p := lambda.Rand(), dropout.Rand()
		T := 1 + 38*rng.Float64()
		if byDay {
			T = float64(7+rng.IntN(267)) / 7
		}
		x, last, lastDay := 0, 0.0, 0.0
		for t := 0.0; rng.Float64() >= p; { // survived the drop-out coin
			t += rng.ExpFloat64() / l // weeks; +Inf when λ underflows to 0
			if !(t <= T) {
				break
			}
			if !byDay {
				x++
				last = t
				continue
			}
			if day := math.Floor(7 * t); day != lastDay {
				x++
				lastDay = day
				last = day / 7
			}
		}
		data[i] = RFT{X: float64(x), Tx: last, T: T}
	}
	return data
}

// TestFitMBGNBDRecoversSimulated fits 100,000 customers simulated in exact
// time from the CDNOW parameters and recovers them. The MBG/NBD's
// parameters trade off against each other, so each alone is loose: over
// seeds 1..8 the estimates spread by about 4 % (r), 2 % (α), 6 % (a) and
// 11 % (b), and the tolerances are three times that. What the data pin
// down is tighter: E[X(39)] (spread 1 %, ± 3 %), the share alive after the
// first purchase b/(a+b) (spread 2 %, ± 6 %), and the likelihood: twice
// the gain of the MLE over the true parameters is χ²(4) distributed
// (Wilks), so 0 ≤ ln L(fit) − ln L(true) ≤ 9.23, its 99.9 % point.
func TestFitMBGNBDRecoversSimulated(t *testing.T) {
	if testing.Short() {
		t.Skip("simulation skipped under -short")
	}
	data := simulateMBGNBD(cdnowMBGNBD, 100_000, 2007, false)
	m, err := FitMBGNBD(data)
	if err != nil {
		t.Fatal(err)
	}
	truth := cdnowMBGNBD
	var llTrue float64
	for _, d := range data {
		llTrue += truth.LogLikelihoodOf(d.X, d.Tx, d.T)
	}
	t.Logf("fit: r=%.4f α=%.4f a=%.4f b=%.4f (%d distinct of %d, %d iterations), ln L gain over the truth %.3f",
		m.R, m.Alpha, m.A, m.B, m.Distinct, m.N, m.Iterations, m.LogLikelihood-llTrue)
	for _, c := range []struct {
		name              string
		got, want, relTol float64
	}{
		{"r", m.R, truth.R, 0.12},
		{"alpha", m.Alpha, truth.Alpha, 0.07},
		{"a", m.A, truth.A, 0.2},
		{"b", m.B, truth.B, 0.35},
		{"E[X(39)]", m.ExpectedPurchases(39), truth.ExpectedPurchases(39), 0.03},
		{"b/(a+b)", m.B / (m.A + m.B), truth.B / (truth.A + truth.B), 0.06},
	} {
		if rel := math.Abs(c.got/c.want - 1); rel > c.relTol {
			t.Errorf("%s = %.4f, simulated with %.4f (± %.0f %%; off by %.1f %%)", c.name, c.got, c.want, 100*c.relTol, 100*rel)
		}
	}
	if gain := m.LogLikelihood - llTrue; gain < -1e-6 || gain > 9.23 {
		t.Errorf("ln L(fit) − ln L(true) = %.4f, want in [0, 9.23]", gain)
	}
}

var simulatedMBG struct {
	sync.Mutex
	data map[int][]RFT
}

// simulatedCDNOWMBG returns n customers simulated by day from the
// published CDNOW MBG/NBD parameters, generated once per n.
func simulatedCDNOWMBG(n int) []RFT {
	simulatedMBG.Lock()
	defer simulatedMBG.Unlock()
	if simulatedMBG.data == nil {
		simulatedMBG.data = map[int][]RFT{}
	}
	if d, ok := simulatedMBG.data[n]; ok {
		return d
	}
	d := simulateMBGNBD(cdnowMBGNBD, n, 1997, true)
	simulatedMBG.data[n] = d
	return d
}

func benchmarkFitMBGNBD(b *testing.B, n int) {
	data := simulatedCDNOWMBG(n)
	var m MBGNBD
	var err error
	b.ResetTimer()
	for b.Loop() {
		m, err = FitMBGNBD(data)
		if err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(m.Distinct), "distinct")
	b.ReportMetric(float64(m.Iterations), "iterations")
	b.Logf("n=%d: r=%.4f α=%.4f a=%.4f b=%.4f, %d distinct triples", n, m.R, m.Alpha, m.A, m.B, m.Distinct)
}

func BenchmarkFitMBGNBD10k(b *testing.B) { benchmarkFitMBGNBD(b, 10_000) }
func BenchmarkFitMBGNBD1M(b *testing.B)  { benchmarkFitMBGNBD(b, 1_000_000) }
