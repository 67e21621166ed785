package btyd

import "math"

// PAlive returns the probability that a customer with history (x, t_x, T)
// is still active at T (Fader, Hardie & Lee 2008):
//
//	P(alive | x, t_x, T) = 1 / (1 + δ(x>0) · a/(b+x−1) · ((α+T)/(α+t_x))^(r+x))
//
// computed as a logistic function of the log-odds, so it always lies in
// [0, 1]. A customer who never bought again (x = 0) is alive with
// probability 1: the model lets customers drop out only right after a
// purchase.
//
// Degenerate input is cleaned first: NaN and negative values count as 0,
// values above 1e12 as 1e12, x is rounded down to a whole number and t_x is
// clamped to [0, T].
//
// References:
//
//	Fader, P. S., Hardie, B. G. S. and Lee, K. L. (2008). Computing P(alive)
//	using the BG/NBD model. http://brucehardie.com/notes/021/
func (m BGNBD) PAlive(x, tx, T float64) float64 {
	if !m.valid() {
		return 0
	}
	x, tx, T = bgClean(x, tx, T)
	return m.pAlive(x, tx, T)
}

func (m BGNBD) pAlive(x, tx, T float64) float64 {
	if x == 0 {
		return 1
	}
	// log-odds of being inactive
	d := math.Log(m.A) - math.Log(m.B+x-1) + (m.R+x)*math.Log1p((T-tx)/(m.Alpha+tx))
	if d > 0 {
		e := math.Exp(-d)
		return e / (1 + e)
	}
	return 1 / (1 + math.Exp(d))
}

// ConditionalExpectedPurchases returns E[Y(t) | x, t_x, T], the expected
// number of purchases in the next t time units of a customer with history
// (x, t_x, T) (Fader, Hardie & Lee 2005, eq. 10):
//
//	E[Y(t) | x, t_x, T] = (a+b+x−1)/(a−1)
//	    · [1 − ((α+T)/(α+T+t))^(r+x) · ₂F₁(r+x, b+x; a+b+x−1; t/(α+T+t))]
//	    / [1 + δ(x>0) · a/(b+x−1) · ((α+T)/(α+t_x))^(r+x)]
//
// The denominator is 1/P(alive) (see PAlive). The numerator, the expected
// purchases of a customer known to be active, is computed through Euler's
// transformation
//
//	(1−z)^s · ₂F₁(s, β; c; z) = (1−z)^(a−1) · ₂F₁(c−s, a−1; c; z),
//	s = r+x, β = b+x, c = a+b+x−1,
//
// whose parameters stay small however large x is, with the factor a−1
// divided out of the series term by term, so that there is no singularity
// at a = 1 (nor at c ≤ 0):
//
//	numerator = c·(1 − (1−z)^(a−1))/(a−1) − (1−z)^(a−1) · Σ_{k≥1} τ_k,
//	τ_k = (c−s)_k (a)_(k−1) / ((c+1)_(k−1) k!) · z^k.
//
// The series is summed until a geometric bound on its tail is below 1e−17
// of the sum. When that series alternates and cancels (r much larger than
// a+b), the plain series of ₂F₁, whose terms are all positive, is used
// instead; when neither converges within 20,000 terms (z very close to 1)
// or both lose more than six digits, the numerator is computed by tanh–sinh
// quadrature of Euler's integral
//
//	numerator = E[(1 − (1+p·t/(α+T))^(−s)) / p],  p ~ Beta(a, b+x).
//
// The result is finite and ≥ 0 for every input: t ≤ 0 or NaN gives 0, t
// above 1e12 counts as 1e12, and x, t_x, T are cleaned as in PAlive.
//
// References:
//
//	Fader, P. S., Hardie, B. G. S. and Lee, K. L. (2005). "Counting your
//	customers" the easy way: an alternative to the Pareto/NBD model.
//	Marketing Science 24(2), 275–284.
//	Abramowitz, M. and Stegun, I. A. (1964). Handbook of Mathematical
//	Functions, eq. 15.3.3 (Euler's transformation) and 15.3.1 (Euler's
//	integral).
//	Takahasi, H. and Mori, M. (1974). Double exponential formulas for
//	numerical integration. Publ. RIMS, Kyoto Univ. 9, 721–741.
func (m BGNBD) ConditionalExpectedPurchases(t, x, tx, T float64) float64 {
	if !m.valid() {
		return 0
	}
	x, tx, T = bgClean(x, tx, T)
	return m.pAlive(x, tx, T) * m.aliveExpectation(t, x, T)
}

// ExpectedPurchases returns E[X(t)], the expected number of repeat
// purchases in the first t time units of a new customer (Fader, Hardie &
// Lee 2005, eq. 9):
//
//	E[X(t)] = (a+b−1)/(a−1) · [1 − (α/(α+t))^r · ₂F₁(r, b; a+b−1; t/(α+t))]
//
// It equals ConditionalExpectedPurchases(t, 0, 0, 0) and is computed the
// same way. The result is finite and ≥ 0; t ≤ 0 or NaN gives 0.
func (m BGNBD) ExpectedPurchases(t float64) float64 {
	if !m.valid() {
		return 0
	}
	return m.aliveExpectation(t, 0, 0)
}

// aliveExpectation returns the numerator of eq. 10: the expected purchases
// in (T, T+t] of a customer known to be active at T.
func (m BGNBD) aliveExpectation(t, x, T float64) float64 {
	return expectedWhileAlive(m.R+x, m.Alpha+T, m.A, m.B+x, t)
}

// expectedWhileAlive returns E[(1 − (1+p·t/(α+T))^(−s))/p] with
// p ~ Beta(a, β), the expected purchases in the next t of a customer known
// to be active, whose purchase rate is Gamma(s, α+T) and whose drop-out
// probability is Beta(a, β) (see bgNumerator), given alphaT = α+T; 0 for
// t ≤ 0 or NaN, t clamped to 1e12, and never NaN, Inf or negative.
func expectedWhileAlive(s, alphaT, a, beta, t float64) float64 {
	if !(t > 0) {
		return 0
	}
	t = math.Min(t, bgMaxValue)
	logU := math.Log(t) - math.Log(alphaT) // u = t/(α+T)
	v := bgNumerator(s, a, beta, t/(alphaT+t), -math.Log1p(t/alphaT), logU)
	if !(v > 0) || math.IsInf(v, 1) {
		return 0
	}
	return v
}
