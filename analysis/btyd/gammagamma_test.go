package btyd

import (
	"errors"
	"math"
	"math/rand/v2"
	"runtime"
	"testing"

	"gonum.org/v1/gonum/stat/distuv"
)

func cdnowSpend(t testing.TB) (x, mbar []float64) {
	for _, r := range loadCDNOWWithSpend(t) {
		x = append(x, r.X)
		mbar = append(mbar, r.Z)
	}
	return x, mbar
}

func TestFitGammaGammaCDNOW(t *testing.T) {
	x, mbar := cdnowSpend(t)
	g, err := FitGammaGamma(x, mbar)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("fit: p=%.6f q=%.6f γ=%.6f LL=%.4f N=%d excluded=%d", g.P, g.Q, g.V, g.LogLikelihood, g.N, g.Excluded)
	// PROVENANCE.txt: 946 of the 2,357 customers have x > 0.
	if !g.Converged || g.N != 946 || g.Excluded != 2357-946 {
		t.Errorf("Converged=%t N=%d Excluded=%d, want true, 946, 1411", g.Converged, g.N, g.Excluded)
	}
	for _, c := range []struct {
		name      string
		got, want float64
	}{
		// Fader & Hardie (2013) / PROVENANCE.txt; ±0.5 %.
		{"p", g.P, 6.25},
		{"q", g.Q, 3.74},
		{"v (γ)", g.V, 15.44},
	} {
		if rel := math.Abs(c.got/c.want - 1); rel > 0.005 {
			t.Errorf("%s = %.5f, want %.2f ± 0.5 %% (off by %.3g %%)", c.name, c.got, c.want, 100*rel)
		}
	}
	// Conditional expected average spend of the first ten customers of the
	// file, x = 0 getting the population mean (lifetimes' documentation of
	// this data; PROVENANCE.txt); ±0.1.
	want := []float64{24.65, 18.91, 35.17, 35.17, 35.17, 71.46, 18.91, 35.17, 27.28, 35.17}
	for i, w := range want {
		if got := g.ConditionalExpectedSpend(x[i], mbar[i]); math.Abs(got-w) > 0.1 {
			t.Errorf("customer %d (x=%g, m̄=%g): E[M] = %.3f, want %.2f ± 0.1", i+1, x[i], mbar[i], got, w)
		}
	}
	// The population mean, by its formula; ±1e−12 relative.
	if got, want := g.MeanSpend(), g.P*g.V/(g.Q-1); math.Abs(got-want) > 1e-12*want {
		t.Errorf("MeanSpend = %.15g, want pγ/(q−1) = %.15g", got, want)
	}
	// The total log-likelihood equals the per-customer formula summed.
	var sum float64
	for i := range x {
		if x[i] < 1 || mbar[i] <= 0 {
			continue
		}
		p, q, v, xi, m := g.P, g.Q, g.V, x[i], mbar[i]
		sum += bgLgamma(p*xi+q) - bgLgamma(p*xi) - bgLgamma(q) + q*math.Log(v) +
			(p*xi-1)*math.Log(m) + p*xi*math.Log(xi) - (p*xi+q)*math.Log(xi*m+v)
	}
	if math.Abs(sum-g.LogLikelihood) > 1e-6 {
		t.Errorf("Σ ln f = %.9f, LogLikelihood = %.9f", sum, g.LogLikelihood)
	}
}

// TestGammaGammaGradient compares the analytic gradient with five-point
// central differences (step 1e−3, error ~1e−12) on the CDNOW repeat buyers; ±(1e−6 of the
// largest component + 2e−9).
func TestGammaGammaGradient(t *testing.T) {
	g := groupSpend(cdnowSpend(t))
	for _, theta := range [][]float64{
		{math.Log(6.25), math.Log(3.74), math.Log(15.44)},
		{0, 0, 0},
		{2, -1, 5},
	} {
		grad := make([]float64, 3)
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

func TestFitGammaGammaDegenerate(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	for _, c := range []struct {
		name         string
		x, mbar      []float64
		wantErr      error
		wantN, wantX int // N, Excluded
	}{
		{"empty", nil, nil, ErrTooLittleData, 0, 0},
		{"all one-time buyers", []float64{0, 0, 0, 0}, []float64{0, 0, 0, 0}, ErrTooLittleData, 0, 4},
		{"single customer", []float64{3}, []float64{20}, ErrTooLittleData, 1, 0},
		{"no variation", []float64{1, 2, 3, 4}, []float64{10, 10, 10, 10}, ErrTooLittleData, 4, 0},
		{"non-positive and non-finite excluded", []float64{1, 2, 3, 1, 2, nan, inf, 2},
			[]float64{0, -5, nan, inf, 10, 10, 10, 10}, ErrTooLittleData, 2, 6},
	} {
		g, err := FitGammaGamma(c.x, c.mbar)
		if !errors.Is(err, c.wantErr) {
			t.Errorf("%s: err = %v, want %v", c.name, err, c.wantErr)
		}
		if g.N != c.wantN || g.Excluded != c.wantX {
			t.Errorf("%s: N=%d Excluded=%d, want %d, %d", c.name, g.N, g.Excluded, c.wantN, c.wantX)
		}
		checkGammaGammaFinite(t, c.name, g)
	}
	if _, err := FitGammaGamma([]float64{1, 2}, []float64{3}); err == nil {
		t.Error("unequal lengths: want an error")
	}

	// Excluded customers are counted and do not change the fit.
	x, mbar := cdnowSpend(t)
	base, err := FitGammaGamma(x, mbar)
	if err != nil {
		t.Fatal(err)
	}
	xx := append(append([]float64(nil), x...), 3, 2, 0, 5, nan)
	mm := append(append([]float64(nil), mbar...), 0, -10, 25, inf, 12)
	more, err := FitGammaGamma(xx, mm)
	if err != nil {
		t.Fatal(err)
	}
	if more.Excluded != base.Excluded+5 || more.N != base.N || more.P != base.P || more.Q != base.Q || more.V != base.V {
		t.Errorf("with 5 invalid customers added: %+v, without: %+v", more, base)
	}
}

func TestGammaGammaMethodsDegenerateInput(t *testing.T) {
	g := GammaGamma{P: 6.25, Q: 3.74, V: 15.44}
	mean := g.MeanSpend()
	for _, c := range []struct {
		name    string
		x, mbar float64
		want    float64 // NaN: only check finite
	}{
		{"x = 0", 0, 0, mean},
		{"mbar ≤ 0", 3, -2, mean},
		{"NaN", math.NaN(), math.NaN(), mean},
		{"Inf spend", 2, math.Inf(1), mean},
		{"x < 1", 0.5, 20, mean},
		{"huge x", 1e300, 20, math.NaN()},
		{"huge spend", 5, 1e307, math.NaN()},
		{"huge both", 1e300, 1e300, math.NaN()},
	} {
		got := g.ConditionalExpectedSpend(c.x, c.mbar)
		if math.IsNaN(got) || math.IsInf(got, 0) || got < 0 {
			t.Errorf("%s: E[M] = %g, want finite ≥ 0", c.name, got)
		}
		if !math.IsNaN(c.want) && got != c.want {
			t.Errorf("%s: E[M] = %g, want %g", c.name, got, c.want)
		}
	}
	// Huge x: the customer's own mean dominates; ±1e−9 relative.
	if got := g.ConditionalExpectedSpend(1e12, 20); math.Abs(got-20) > 20e-9 {
		t.Errorf("E[M | 1e12, 20] = %.12g, want 20", got)
	}
	// q ≤ 1: the mean does not exist; the fallback is pγ/q.
	heavy := GammaGamma{P: 2, Q: 0.8, V: 10}
	if got := heavy.MeanSpend(); math.Abs(got-25) > 1e-12 {
		t.Errorf("MeanSpend with q = 0.8: %g, want pγ/q = 25", got)
	}
	if got := heavy.ConditionalExpectedSpend(3, 12); math.Abs(got-2*(10+36)/(6+0.8-1)) > 1e-12 {
		t.Errorf("E[M | 3, 12] with q = 0.8: %g, want %g", got, 2*(10+36)/(6+0.8-1))
	}
	var zero GammaGamma
	if zero.MeanSpend() != 0 || zero.ConditionalExpectedSpend(2, 10) != 0 {
		t.Error("zero GammaGamma: want 0")
	}
}

func checkGammaGammaFinite(t *testing.T, name string, g GammaGamma) {
	t.Helper()
	for _, v := range []float64{g.P, g.Q, g.V, g.LogLikelihood} {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			t.Errorf("%s: non-finite model %+v", name, g)
			return
		}
	}
}

// TestFitGammaGammaSampleStartIsFullMLE checks that a fit over more
// customers than bgSampleSize, which searches on a sample and polishes on
// all, ends at the same maximum as the full search over all customers. The
// spends are drawn from the model itself (p = 6, q = 4, γ = 15), seeded.
func TestFitGammaGammaSampleStartIsFullMLE(t *testing.T) {
	src := rand.NewPCG(7, 11)
	rng := rand.New(src)
	n := 3 * bgSampleSize
	x, mbar := make([]float64, n), make([]float64, n)
	for i := range x {
		x[i] = float64(1 + rng.IntN(6))
		// ν ~ Gamma(q, rate γ); each spend ~ Gamma(p, rate ν); the mean
		// of x spends ~ Gamma(p·x, rate x·ν).
		nu := distuv.Gamma{Alpha: 4, Beta: 15, Src: src}.Rand()
		mbar[i] = distuv.Gamma{Alpha: 6 * x[i], Beta: x[i] * nu, Src: src}.Rand()
	}
	m, err := FitGammaGamma(x, mbar)
	if err != nil {
		t.Fatal(err)
	}
	g := groupSpend(x, mbar)
	full := maximizeLikelihood(g.objective, []float64{0, math.Log(2), math.Log(g.sumM / float64(g.n))}, false)
	if !full.converged {
		t.Fatal("the full search did not converge")
	}
	for k, got := range []float64{m.P, m.Q, m.V} {
		want := math.Exp(full.theta[k])
		if rel := math.Abs(got/want - 1); rel > 1e-5 {
			t.Errorf("parameter %d = %.8g, the full search found %.8g (off by %.2g, want ≤ 1e-5)", k, got, want, rel)
		}
	}
}

// nearlyEqualSpends returns mean spends for customers with x repeat
// purchases that hardly vary, as in a shop where everybody buys the same
// thing at the same price: each a spread relative to 20 (normal, seeded);
// with spread 0, all 20 but the first customer's, a cent more; with spread
// < 0, each order 19.99 or 20.00 at random.
func nearlyEqualSpends(x []float64, spread float64) []float64 {
	rng := rand.New(rand.NewPCG(1, 2))
	m := make([]float64, len(x))
	for i := range m {
		switch {
		case spread > 0:
			m[i] = 20 * (1 + spread*rng.NormFloat64())
		case spread < 0:
			cents := 0.0
			for range int(x[i]) {
				cents += float64(rng.IntN(2))
			}
			m[i] = (20*x[i] - 0.01*cents) / x[i]
		default:
			m[i] = 20
		}
	}
	if spread == 0 {
		m[0] = 20.01
	}
	return m
}

// TestFitGammaGammaNoHeterogeneity fits repeat buyers whose mean spends are
// (nearly) all equal. The likelihood then has its maximum at p or q → ∞
// (no variation within or between customers), so the fit must not
// converge: it returns ErrNotConverged, wrapped, with a finite model. The
// search gives up early (BenchmarkFitGammaGammaNoHeterogeneity times it);
// before it did, each of these took seconds to a quarter of a minute.
func TestFitGammaGammaNoHeterogeneity(t *testing.T) {
	if testing.Short() {
		t.Skip("simulation skipped under -short")
	}
	for _, c := range []struct {
		name   string
		n      int
		spread float64
	}{
		{"all equal but one, a cent more", 100_000, 0},
		{"spread 1e-6", 100_000, 1e-6},
		{"spread 1e-3", 100_000, 1e-3},
		{"spread 1e-2", 100_000, 1e-2},
		{"every order 19.99 or 20.00", 100_000, -1},
		{"spread 1e-3, searched on a sample", 3 * bgSampleSize, 1e-3},
	} {
		x, _ := simulatedGammaGammaCDNOW(c.n)
		g, err := FitGammaGamma(x, nearlyEqualSpends(x, c.spread))
		if !errors.Is(err, ErrNotConverged) || g.Converged {
			t.Errorf("%s: err = %v, Converged = %t; want ErrNotConverged, false", c.name, err, g.Converged)
		}
		if g.N != c.n || g.Excluded != 0 {
			t.Errorf("%s: N=%d Excluded=%d, want %d, 0", c.name, g.N, g.Excluded, c.n)
		}
		checkGammaGammaFinite(t, c.name, g)
		if !(g.P > 0 && g.Q > 0 && g.V > 0) {
			t.Errorf("%s: parameters %+v, want positive", c.name, g)
		}
	}
}

// TestGroupSpend checks the distinct pairs against a plain count: first
// appearance order, counts, per distinct x, and the customers left out.
func TestGroupSpend(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	for _, c := range []struct {
		name    string
		x, mbar []float64
	}{
		{"empty", nil, nil},
		{"repeats", []float64{1, 2, 1, 1, 2, 3}, []float64{10, 10, 10, 12, 10, 10}},
		{"x not whole, large, above the table", []float64{1.5, 1.5, 2048, 2048, 1e12, 1023}, []float64{5, 5, 7, 8, 9, 9}},
		{"left out", []float64{0, 2, nan, 2, 2, 1e13, 3}, []float64{5, -1, 5, inf, 4, 5, nan}},
		{"many", func() []float64 {
			x := make([]float64, 5000)
			for i := range x {
				x[i] = float64(1 + i%7)
			}
			return x
		}(), func() []float64 {
			m := make([]float64, 5000)
			for i := range m {
				m[i] = float64(i % 13)
			}
			return m
		}()},
	} {
		g := groupSpend(c.x, c.mbar)
		type pair struct{ x, m float64 }
		var order []pair
		count := map[pair]float64{}
		n := 0
		for i := range c.x {
			xi, mi := c.x[i], c.mbar[i]
			if !(xi >= 1) || xi > ggMaxX || !(mi > 0) || math.IsInf(mi, 1) {
				continue
			}
			n++
			k := pair{xi, mi}
			if count[k] == 0 {
				order = append(order, k)
			}
			count[k]++
		}
		if g.n != n || len(g.w) != len(order) {
			t.Errorf("%s: %d customers in %d pairs, want %d in %d", c.name, g.n, len(g.w), n, len(order))
			continue
		}
		perX := map[float64]float64{}
		for j, k := range order {
			x := g.xs[g.ix[j]]
			if x != k.x || g.w[j] != count[k] || g.logM[j] != math.Log(k.m) || g.logXM[j] != math.Log(k.x)+math.Log(k.m) {
				t.Errorf("%s: pair %d = (x %g, ln m̄ %g, weight %g), want (%g, %g, %g)", c.name, j, x, g.logM[j], g.w[j], k.x, math.Log(k.m), count[k])
			}
			perX[k.x] += count[k]
		}
		for j, x := range g.xs {
			if g.xCount[j] != perX[x] {
				t.Errorf("%s: x = %g: %g customers, want %g", c.name, x, g.xCount[j], perX[x])
			}
		}
	}
}

// TestGammaGammaCoresDoNotChangeTheFit checks that the objective, summed in
// chunks on all cores, gives the same bits with 1, 2 and 3 cores, and so
// does the fit, on 100,000 customers (four chunks).
func TestGammaGammaCoresDoNotChangeTheFit(t *testing.T) {
	x, mbar := simulatedGammaGammaCDNOW(100_000)
	g := groupSpend(x, mbar)
	theta := []float64{math.Log(6.25), math.Log(3.74), math.Log(15.44)}
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	var f0 float64
	var grad0 []float64
	var fit0 GammaGamma
	for _, procs := range []int{1, 2, 3} {
		runtime.GOMAXPROCS(procs)
		grad := make([]float64, 3)
		f := g.objective(theta, grad)
		fit, err := FitGammaGamma(x, mbar)
		if err != nil {
			t.Fatal(err)
		}
		if procs == 1 {
			f0, grad0, fit0 = f, grad, fit
			continue
		}
		if f != f0 || grad[0] != grad0[0] || grad[1] != grad0[1] || grad[2] != grad0[2] {
			t.Errorf("GOMAXPROCS=%d: f %.17g, gradient %.17g; with 1: %.17g, %.17g", procs, f, grad, f0, grad0)
		}
		if fit != fit0 {
			t.Errorf("GOMAXPROCS=%d: fit %+v; with 1: %+v", procs, fit, fit0)
		}
	}
}
