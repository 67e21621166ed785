package btyd

import "math"

// PAlive returns the probability that a customer with history (x, t_x, T)
// is still active at T (Batislam, Denizel & Filiztekin 2007, Appendix A):
//
//	P(alive | x, t_x, T) = 1 / (1 + a/(b+x) · ((α+T)/(α+t_x))^(r+x))
//
// computed as a logistic function of the log-odds, so it always lies in
// [0, 1]. Unlike the BG/NBD, the second term is there for x = 0 too
// (t_x = 0): a one-time buyer may have dropped out right after the first
// purchase, so P(alive) < 1, from b/(a+b) at T = 0 falling as T grows.
//
// Degenerate input is cleaned first: NaN and negative values count as 0,
// values above 1e12 as 1e12, x is rounded down to a whole number and t_x is
// clamped to [0, T] (0 when x = 0).
//
// References:
//
//	Batislam, E. P., Denizel, M. and Filiztekin, A. (2007). Empirical
//	validation and comparison of models for customer base analysis.
//	International Journal of Research in Marketing 24(3), 201–209.
func (m MBGNBD) PAlive(x, tx, T float64) float64 {
	if !m.valid() {
		return 0
	}
	x, tx, T = bgClean(x, tx, T)
	return m.pAlive(x, tx, T)
}

func (m MBGNBD) pAlive(x, tx, T float64) float64 {
	// log-odds of being inactive
	d := math.Log(m.A) - math.Log(m.B+x) + (m.R+x)*math.Log1p((T-tx)/(m.Alpha+tx))
	if d > 0 {
		e := math.Exp(-d)
		return e / (1 + e)
	}
	return 1 / (1 + math.Exp(d))
}

// ConditionalExpectedPurchases returns E[Y(t) | x, t_x, T], the expected
// number of purchases in the next t time units of a customer with history
// (x, t_x, T) (Batislam, Denizel & Filiztekin 2007, as corrected by Wagner
// & Hoppe 2008):
//
//	E[Y(t) | x, t_x, T] = (a+b+x)/(a−1)
//	    · [1 − ((α+T)/(α+T+t))^(r+x) · ₂F₁(r+x, b+x+1; a+b+x; t/(α+T+t))]
//	    / [1 + a/(b+x) · ((α+T)/(α+t_x))^(r+x)]
//
// The denominator is 1/P(alive) (see PAlive). The numerator, the expected
// purchases of a customer known to be active, is the BG/NBD's (see
// BGNBD.ConditionalExpectedPurchases) with b+x+1 in place of b+x: having
// survived x+1 chances to drop out, the customer's drop-out probability is
// Beta(a, b+x+1) given the history. It is computed by the same
// Euler-transformed series, plain series or quadrature, so it has no
// singularity at a = 1.
//
// The result is finite and ≥ 0 for every input: t ≤ 0 or NaN gives 0, t
// above 1e12 counts as 1e12, and x, t_x, T are cleaned as in PAlive.
//
// References:
//
//	Batislam, E. P., Denizel, M. and Filiztekin, A. (2007). Empirical
//	validation and comparison of models for customer base analysis.
//	International Journal of Research in Marketing 24(3), 201–209.
//	Wagner, U. and Hoppe, D. (2008). Erratum on the MBG/NBD model.
//	International Journal of Research in Marketing 25(3), 225–226.
func (m MBGNBD) ConditionalExpectedPurchases(t, x, tx, T float64) float64 {
	if !m.valid() {
		return 0
	}
	x, tx, T = bgClean(x, tx, T)
	return m.pAlive(x, tx, T) * expectedWhileAlive(m.R+x, m.Alpha+T, m.A, m.B+x+1, t)
}

// ExpectedPurchases returns E[X(t)], the expected number of repeat
// purchases in the first t time units of a new customer (Batislam, Denizel
// & Filiztekin 2007):
//
//	E[X(t)] = b/(a−1) · [1 − (α/(α+t))^r · ₂F₁(r, b+1; a+b; t/(α+t))]
//
// the conditional expectation of a customer with no history (x = t_x =
// T = 0): P(alive) = b/(a+b) times the expectation of an active customer,
// computed as in ConditionalExpectedPurchases. The result is finite and
// ≥ 0; t ≤ 0 or NaN gives 0.
func (m MBGNBD) ExpectedPurchases(t float64) float64 {
	if !m.valid() {
		return 0
	}
	return m.pAlive(0, 0, 0) * expectedWhileAlive(m.R, m.Alpha, m.A, m.B+1, t)
}
