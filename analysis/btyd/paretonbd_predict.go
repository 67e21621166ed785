package btyd

import "math"

// PAlive returns the probability that a customer with history (x, t_x, T)
// is still alive at T (Fader & Hardie 2005, eq. 36–37):
//
//	P(alive | x, t_x, T) = 1 / (1 + s/(r+s+x) · (α+T)^(r+x) (β+T)^s · A₀)
//
// with A₀ as in FitParetoNBD. It is computed as exp(−ln Q), with ln Q ≥ 0
// formed in log space (see FitParetoNBD), so it always lies in [0, 1] and
// no power of α+T under- or overflows for large x.
//
// Degenerate input is cleaned first: NaN and negative values count as 0,
// values above 1e12 as 1e12, x is rounded down to a whole number and t_x
// is clamped to [0, T].
//
// References:
//
//	Fader, P. S. and Hardie, B. G. S. (2005). A note on deriving the
//	Pareto/NBD model and related expressions.
//	http://brucehardie.com/notes/009/
func (m ParetoNBD) PAlive(x, tx, T float64) float64 {
	if !m.valid() {
		return 0
	}
	x, tx, T = bgClean(x, tx, T)
	return math.Exp(-m.logQ(x, tx, T))
}

// ConditionalExpectedPurchases returns E[Y(t) | x, t_x, T], the expected
// number of purchases in the next t time units of a customer with history
// (x, t_x, T) (Fader & Hardie 2005, eq. 41):
//
//	E[Y(t) | x, t_x, T] = (r+x)(β+T) / ((α+T)(s−1))
//	    · [1 − ((β+T)/(β+T+t))^(s−1)] · P(alive | x, t_x, T)
//
// The bracket divided by s−1 is computed as −expm1(−(s−1)·L)/(s−1) with
// L = ln(1+t/(β+T)), which is L itself at s = 1 (the limit) and never
// loses precision near it; the product is formed in log space.
//
// The result is finite and ≥ 0 for every input: t ≤ 0 or NaN gives 0, t
// above 1e12 counts as 1e12, and x, t_x, T are cleaned as in PAlive.
//
// References:
//
//	Fader, P. S. and Hardie, B. G. S. (2005). A note on deriving the
//	Pareto/NBD model and related expressions.
//	http://brucehardie.com/notes/009/
func (m ParetoNBD) ConditionalExpectedPurchases(t, x, tx, T float64) float64 {
	if !m.valid() || !(t > 0) {
		return 0
	}
	x, tx, T = bgClean(x, tx, T)
	t = math.Min(t, bgMaxValue)
	l := math.Log(m.R+x) + math.Log(m.Beta+T) - math.Log(m.Alpha+T) +
		pnLogLifetimeFactor(m.S-1, math.Log1p(t/(m.Beta+T))) - m.logQ(x, tx, T)
	return pnExpClamped(l)
}

// ExpectedPurchases returns E[X(t)], the expected number of repeat
// purchases in the first t time units of a new customer (Fader & Hardie
// 2005, eq. 27):
//
//	E[X(t)] = rβ / (α(s−1)) · [1 − (β/(β+t))^(s−1)]
//
// computed as ConditionalExpectedPurchases is. The result is finite and
// ≥ 0; t ≤ 0 or NaN gives 0, t above 1e12 counts as 1e12.
func (m ParetoNBD) ExpectedPurchases(t float64) float64 {
	if !m.valid() || !(t > 0) {
		return 0
	}
	t = math.Min(t, bgMaxValue)
	l := math.Log(m.R) + math.Log(m.Beta) - math.Log(m.Alpha) + pnLogLifetimeFactor(m.S-1, math.Log1p(t/m.Beta))
	return pnExpClamped(l)
}

// pnLogLifetimeFactor returns ln((1 − e^(−εL))/ε) for L > 0: the expected
// time alive in the next t, per unit of (β+T), with ε = s−1 and
// L = ln(1+t/(β+T)); at ε = 0 it is ln L.
func pnLogLifetimeFactor(eps, L float64) float64 {
	u := eps * L
	switch {
	case math.Abs(u) < 1e-8:
		return math.Log(L) + math.Log1p(-u/2+u*u/6)
	case u > 0:
		return math.Log(-math.Expm1(-u)) - math.Log(eps)
	case u < -30:
		return -u + math.Log1p(-math.Exp(u)) - math.Log(-eps)
	default:
		return math.Log(math.Expm1(-u)) - math.Log(-eps)
	}
}

// pnExpClamped returns eˡ, 0 for NaN, and at most math.MaxFloat64.
func pnExpClamped(l float64) float64 {
	if math.IsNaN(l) {
		return 0
	}
	return math.Min(math.Exp(l), math.MaxFloat64)
}
