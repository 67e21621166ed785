package btyd

import (
	"errors"
	"math"
	"testing"
)

// fuzzRFT decodes customers from raw, three bytes each: x = b0 % 32,
// T = b1·scale/8, t_x = T·b2/255 (0 when x = 0). A scale that is NaN,
// infinite, negative or huge makes invalid data on purpose.
func fuzzRFT(raw []byte, scale float64) []RFT {
	var data []RFT
	for i := 0; i+3 <= len(raw) && len(data) < 200; i += 3 {
		x := float64(raw[i] % 32)
		T := float64(raw[i+1]) * scale / 8
		tx := T * float64(raw[i+2]) / 255
		if x == 0 {
			tx = 0
		}
		data = append(data, RFT{X: x, Tx: tx, T: T})
	}
	return data
}

// FuzzFitBGNBD checks that, whatever the data, FitBGNBD either returns a
// data error (and the data are invalid), ErrTooLittleData (with a zero
// model), or finite positive parameters; and that at those parameters
// PAlive lies in [0, 1] and the expectations are finite and ≥ 0, for the
// fitted customers and for an arbitrary extra one.
func FuzzFitBGNBD(f *testing.F) {
	f.Add([]byte{2, 200, 200, 1, 200, 10, 0, 200, 0, 5, 100, 250, 0, 50, 0, 3, 150, 100}, 1.0, 39.0, 2.0, 30.43, 38.86)
	f.Add([]byte{0, 10, 0, 0, 20, 0, 0, 30, 0}, 1.0, 39.0, 0.0, 0.0, 0.0)
	f.Add([]byte{1, 1, 255, 1, 1, 255, 1, 1, 255, 2, 2, 255}, 1e-9, 1e12, 1e15, 1.0, 2.0)
	f.Add([]byte{31, 255, 255, 30, 255, 254, 29, 255, 1, 0, 255, 0}, 1e9, 1e-300, math.Inf(1), math.NaN(), -1.0)
	f.Fuzz(func(t *testing.T, raw []byte, scale, tt, x, tx, T float64) {
		data := fuzzRFT(raw, scale)
		m, err := FitBGNBD(data)
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
		for _, v := range []float64{m.R, m.Alpha, m.A, m.B} {
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

// FuzzBGNBDMethods evaluates the methods at arbitrary parameters inside
// the range a fit can return (e^±30) and arbitrary inputs: PAlive lies in
// [0, 1], the expectations are finite and ≥ 0, ln L is finite.
func FuzzBGNBDMethods(f *testing.F) {
	f.Add(math.Log(0.2426), math.Log(4.4135), math.Log(0.7929), math.Log(2.4258), 39.0, 2.0, 30.43, 38.86)
	f.Add(-30.0, 30.0, -30.0, -30.0, 1e12, 1e12, 0.0, 1e12)
	f.Add(30.0, -30.0, 30.0, 30.0, 1e-300, 0.0, 0.0, 0.0)
	f.Fuzz(func(t *testing.T, lr, lalpha, la, lb, tt, x, tx, T float64) {
		box := func(v float64) float64 {
			if math.IsNaN(v) {
				return 1
			}
			return math.Exp(math.Max(-mleBound, math.Min(mleBound, v)))
		}
		m := BGNBD{R: box(lr), Alpha: box(lalpha), A: box(la), B: box(lb)}
		p := m.PAlive(x, tx, T)
		e := m.ConditionalExpectedPurchases(tt, x, tx, T)
		u := m.ExpectedPurchases(tt)
		ll := m.LogLikelihoodOf(x, tx, T)
		if !(p >= 0 && p <= 1) || !(e >= 0) || math.IsInf(e, 0) || !(u >= 0) || math.IsInf(u, 0) || math.IsNaN(ll) || math.IsInf(ll, 0) {
			t.Fatalf("%+v at t=%g x=%g t_x=%g T=%g: PAlive %g, E[Y] %g, E[X] %g, ln L %g", m, tt, x, tx, T, p, e, u, ll)
		}
	})
}

// FuzzGammaGamma checks that, whatever the data, FitGammaGamma counts
// every customer as fitted or excluded and either returns ErrTooLittleData
// or finite positive parameters, at which the expected spends are finite
// and ≥ 0.
func FuzzGammaGamma(f *testing.F) {
	f.Add([]byte{2, 22, 35, 1, 11, 77, 0, 0, 0, 3, 40, 12, 5, 200, 1}, 1.0, 2.0, 30.0)
	f.Add([]byte{1, 10, 0, 1, 10, 0, 1, 10, 0, 1, 10, 1}, 1e-300, 0.0, -1.0)
	f.Add([]byte{7, 255, 255, 7, 254, 255, 6, 1, 1, 0, 0, 0}, 1e300, math.Inf(1), math.NaN())
	f.Fuzz(func(t *testing.T, raw []byte, scale, x, mbar float64) {
		var xs, ms []float64
		for i := 0; i+3 <= len(raw) && len(xs) < 200; i += 3 {
			xs = append(xs, float64(raw[i]%8))
			ms = append(ms, (float64(raw[i+1])+float64(raw[i+2])/256-1)*scale)
		}
		g, err := FitGammaGamma(xs, ms)
		if g.N+g.Excluded != len(xs) {
			t.Fatalf("N %d + Excluded %d ≠ %d customers", g.N, g.Excluded, len(xs))
		}
		if errors.Is(err, ErrTooLittleData) {
			if g.P != 0 || g.Q != 0 || g.V != 0 {
				t.Fatalf("ErrTooLittleData with a non-zero model %+v", g)
			}
			return
		}
		if err != nil && !errors.Is(err, ErrNotConverged) {
			t.Fatalf("unexpected error %v", err)
		}
		for _, v := range []float64{g.P, g.Q, g.V} {
			if !(v > 0) || math.IsInf(v, 0) {
				t.Fatalf("fit %+v (err %v): parameter not finite and positive", g, err)
			}
		}
		if math.IsNaN(g.LogLikelihood) || math.IsInf(g.LogLikelihood, 0) {
			t.Fatalf("fit %+v: log-likelihood not finite", g)
		}
		if e := g.MeanSpend(); !(e >= 0) || math.IsInf(e, 0) {
			t.Fatalf("fit %+v: MeanSpend %g", g, e)
		}
		for i := 0; i <= len(xs); i++ {
			xi, mi := x, mbar // an arbitrary extra customer
			if i < len(xs) {
				xi, mi = xs[i], ms[i]
			}
			if e := g.ConditionalExpectedSpend(xi, mi); !(e >= 0) || math.IsInf(e, 0) {
				t.Fatalf("fit %+v: E[M | %g, %g] = %g", g, xi, mi, e)
			}
		}
	})
}
