package btyd

import (
	"fmt"
	"math"
)

// MBGNBD is a fitted modified beta-geometric/negative-binomial distribution
// model of repeat buying (MBG/NBD). While active, a customer buys as a
// Poisson process with rate λ; right after their first purchase (time 0)
// and after each repeat purchase they become inactive with probability p:
//
//	λ ~ Gamma(r, α)   (shape r, rate α: E[λ] = r/α per time unit)
//	p ~ Beta(a, b)
//
// It differs from the BG/NBD only in the drop-out at time 0: a customer
// with x repeat purchases has survived x+1 chances to drop out, not x, so
// a one-time buyer is alive with a probability below 1, falling with T.
// Names follow the paper. The methods expect the positive, finite
// parameters FitMBGNBD returns; for any other parameters (the zero
// MBGNBD) they return 0.
//
// References:
//
//	Batislam, E. P., Denizel, M. and Filiztekin, A. (2007). Empirical
//	validation and comparison of models for customer base analysis.
//	International Journal of Research in Marketing 24(3), 201–209.
//	Wagner, U. and Hoppe, D. (2008). Erratum on the MBG/NBD model.
//	International Journal of Research in Marketing 25(3), 225–226.
type MBGNBD struct {
	R, Alpha, A, B float64
	LogLikelihood  float64 // total over the fitted customers
	Converged      bool
	N              int // customers fitted
	Distinct       int // distinct (x, t_x, T) triples
	Iterations     int // optimiser major iterations
}

var _ PurchaseModel = MBGNBD{}

// Key returns "mbgnbd".
func (m MBGNBD) Key() string { return ModelMBGNBD }

// Fit reports the MBG/NBD's fit (four parameters).
func (m MBGNBD) Fit() ModelFit {
	return ModelFit{LogLikelihood: m.LogLikelihood, K: 4, N: m.N, Converged: m.Converged}
}

// Params returns r, alpha, a and b.
func (m MBGNBD) Params() map[string]float64 {
	return map[string]float64{"r": m.R, "alpha": m.Alpha, "a": m.A, "b": m.B}
}

// FitMBGNBD fits the MBG/NBD by maximum likelihood. The likelihood of one
// customer (Batislam, Denizel & Filiztekin 2007) is
//
//	L(r, α, a, b | x, t_x, T) = B(a, b+x+1)/B(a, b) · Γ(r+x) α^r / Γ(r)
//	    · [(α+T)^−(r+x) + a/(b+x) · (α+t_x)^−(r+x)],
//
// the first term for a customer still active at T, the second for one who
// dropped out right after the last purchase (at time 0 when x = 0, t_x = 0).
// In logs, as for the BG/NBD (see FitBGNBD), but with the second term
// present for every x:
//
//	ln L = A₁ + A₂ + ln(exp(A₃) + exp(A₄))
//	A₁ = ln Γ(r+x) − ln Γ(r) + r ln α
//	A₂ = ln Γ(a+b) + ln Γ(b+x+1) − ln Γ(b) − ln Γ(a+b+x+1)
//	A₃ = −(r+x) ln(α+T)
//	A₄ = ln a − ln(b+x) − (r+x) ln(α+t_x)
//
// The search is FitBGNBD's: the sum over the distinct (x, t_x, T) triples
// weighted by their counts, summed on all cores in fixed chunks, maximised
// over (ln r, ln α, ln a, ln b) by BFGS with the analytic gradient from
// r = 1, α = ΣT/Σx, a = b = 1, with Nelder–Mead as fallback and a search
// on an evenly spread sample first above 100,000 customers. There is no
// penalty term: the estimate is the plain MLE.
//
// Preconditions: every x is a whole number, 0 ≤ t_x ≤ T, all finite and at
// most 1e12; otherwise FitMBGNBD returns an error naming the customer. t_x
// is ignored when x = 0.
//
// Degenerate input: no customers, fewer than three with x ≥ 1, or a single
// distinct triple return ErrTooLittleData and a zero model (with N and
// Distinct set). When the optimiser does not converge, or a parameter runs
// to the edge of its range (e^±30), FitMBGNBD returns the best model found,
// with finite parameters and Converged false, and an error wrapping
// ErrNotConverged.
//
// References:
//
//	Batislam, E. P., Denizel, M. and Filiztekin, A. (2007). Empirical
//	validation and comparison of models for customer base analysis.
//	International Journal of Research in Marketing 24(3), 201–209.
func FitMBGNBD(data []RFT) (MBGNBD, error) {
	g, res, err := fitRFT(data, "MBG/NBD", func(g *rftGroups) mleObjective { return g.mbgObjective })
	if g == nil {
		return MBGNBD{}, err
	}
	m := MBGNBD{N: len(data), Distinct: len(g.w)}
	if err != nil {
		return m, err
	}
	m.R, m.Alpha = math.Exp(res.theta[0]), math.Exp(res.theta[1])
	m.A, m.B = math.Exp(res.theta[2]), math.Exp(res.theta[3])
	m.LogLikelihood = -res.f * float64(g.n)
	m.Converged = res.converged
	m.Iterations = res.iterations
	if !m.Converged {
		return m, fmt.Errorf("analysis: MBG/NBD fit on %d customers (r=%.4g α=%.4g a=%.4g b=%.4g): %w",
			m.N, m.R, m.Alpha, m.A, m.B, ErrNotConverged)
	}
	return m, nil
}

// LogLikelihoodOf returns one customer's log-likelihood ln L(r, α, a, b |
// x, t_x, T) (see FitMBGNBD for the formula). Inputs are cleaned as in
// PAlive.
func (m MBGNBD) LogLikelihoodOf(x, tx, T float64) float64 {
	if !m.valid() {
		return 0
	}
	x, tx, T = bgClean(x, tx, T)
	r, alpha := m.R, m.Alpha
	// A₃ and A₄ with A₁'s r ln α folded in, as in BGNBD.LogLikelihoodOf.
	b3 := -r*math.Log1p(T/alpha) - x*math.Log(alpha+T)
	b4 := math.Log(m.A) - math.Log(m.B+x) - r*math.Log1p(tx/alpha) - x*math.Log(alpha+tx)
	return mbgLogLikX(r, m.A, m.B, x) + bgLogAddExp(b3, b4)
}

// mbgLogLikX is the part of the log-likelihood that depends on x alone:
// A₁ + A₂ without the r ln α of A₁.
func mbgLogLikX(r, a, b, x float64) float64 {
	return bgLgamma(r+x) - bgLgamma(r) + bgLgamma(a+b) + bgLgamma(b+x+1) - bgLgamma(b) - bgLgamma(a+b+x+1)
}

func (m MBGNBD) valid() bool {
	return mlePositive(m.R) && mlePositive(m.Alpha) && mlePositive(m.A) && mlePositive(m.B)
}

// mbgTerms are the per-evaluation values the MBG/NBD's per-triple sum reads.
type mbgTerms struct {
	r, la                         float64
	lbx, bx                       []float64 // per distinct x: ln(b+x), b/(b+x)
	l1pT, lT, fT, l1ptx, ltx, ftx []float64 // per distinct T and t_x (bgTimeTerms)
}

// mbgObjective is the MBG/NBD's mean negative log-likelihood over the
// groups at θ = (ln r, ln α, ln a, ln b), with its gradient in grad when
// not nil.
func (g *rftGroups) mbgObjective(theta, grad []float64) float64 {
	r, alpha := math.Exp(theta[0]), math.Exp(theta[1])
	a, b := math.Exp(theta[2]), math.Exp(theta[3])

	// Per distinct x: the x-only part of ln L and of its gradient.
	nx := len(g.xs)
	lbx := make([]float64, nx)
	bx := make([]float64, nx)
	var ll, gr, ga, gb float64
	psiR, psiB, psiAB := bgDigamma(r), bgDigamma(b), bgDigamma(a+b)
	for j, x := range g.xs {
		n := g.xCount[j]
		lbx[j] = math.Log(b + x)
		bx[j] = b / (b + x)
		ll += n * mbgLogLikX(r, a, b, x)
		psiABX := bgDigamma(a + b + x + 1)
		if x > 0 {
			gr += n * r * (bgDigamma(r+x) - psiR)
		}
		ga += n * a * (psiAB - psiABX)
		gb += n * b * (psiAB + bgDigamma(b+x+1) - psiB - psiABX)
	}

	l1pT, lT, fT := bgTimeTerms(g.ts, alpha)
	l1ptx, ltx, ftx := bgTimeTerms(g.txs, alpha)
	t := mbgTerms{r: r, la: math.Log(a), lbx: lbx, bx: bx, l1pT: l1pT, lT: lT, fT: fT, l1ptx: l1ptx, ltx: ltx, ftx: ftx}
	sum := sumChunks(len(g.w), func(from, to int) bgSums { return g.mbgSumRange(&t, from, to) })
	ll += sum.ll
	n := float64(g.n)
	if grad != nil {
		grad[0], grad[1], grad[2], grad[3] = -(gr+sum.gr)/n, -sum.gal/n, -(ga+sum.ga)/n, -(gb+sum.gb)/n
	}
	return -ll / n
}

// mbgSumRange sums the MBG/NBD's per-triple terms of triples [from, to):
// ln(e^A₃ + e^A₄) and its derivatives with respect to ln r, ln α, ln a and
// ln b.
func (g *rftGroups) mbgSumRange(t *mbgTerms, from, to int) bgSums {
	var s bgSums
	r, la := t.r, t.la
	for j := from; j < to; j++ {
		w := g.w[j]
		xi, ti, ki := g.ix[j], g.iT[j], g.itx[j] // t_x = 0 when x = 0
		x := g.xs[xi]
		b3 := -r*t.l1pT[ti] - x*t.lT[ti]
		b4 := la - t.lbx[xi] - r*t.l1ptx[ki] - x*t.ltx[ki]
		// ln(e^b3 + e^b4) and the weight w4 = e^b4 / (e^b3 + e^b4).
		// ln(1+e) rather than log1p: e ≤ 1, so the sum 1+e loses at most
		// 1.1e−16 of lse, below the rounding of lse itself, and math.Log
		// has an assembly version where log1p has not: it was a third of the
		// fit.
		var lse, w4 float64
		if b3 >= b4 {
			e := math.Exp(b4 - b3)
			lse, w4 = b3+math.Log(1+e), e/(1+e)
		} else {
			e := math.Exp(b3 - b4)
			lse, w4 = b4+math.Log(1+e), 1/(1+e)
		}
		w3 := 1 - w4
		s.ll += w * lse
		s.gr -= w * r * (w3*t.l1pT[ti] + w4*t.l1ptx[ki])
		s.gal += w * (w3*(r*t.fT[ti]-x*(1-t.fT[ti])) + w4*(r*t.ftx[ki]-x*(1-t.ftx[ki])))
		s.ga += w * w4
		s.gb -= w * w4 * t.bx[xi]
	}
	return s
}
