package btyd

import (
	"fmt"
	"math"
)

// GammaGamma is a fitted Gamma-Gamma model of spend per transaction. A
// customer's transaction values are independent draws around their own
// mean, and those means vary across customers:
//
//	zᵢ ~ Gamma(p, ν)   (shape p, rate ν: E[zᵢ | ν] = p/ν)
//	ν  ~ Gamma(q, γ)   (shape q, rate γ)
//
// so the population mean spend per transaction is p·γ/(q−1) (q > 1).
// Spend is assumed independent of the purchase process (BG/NBD). Names
// follow the note, except that γ is called V (as in lifetimes), keeping it
// apart from the gamma function. The methods expect the positive, finite
// parameters FitGammaGamma returns; for any other parameters (the zero
// GammaGamma) they return 0.
//
// References:
//
//	Fader, P. S. and Hardie, B. G. S. (2013). The Gamma-Gamma model of
//	monetary value. http://brucehardie.com/notes/025/
//	Fader, P. S., Hardie, B. G. S. and Lee, K. L. (2005). RFM and CLV: using
//	iso-value curves for customer base analysis. Journal of Marketing
//	Research 42(4), 415–430.
type GammaGamma struct {
	P, Q, V       float64
	LogLikelihood float64 // total over the fitted customers
	Converged     bool
	N             int // repeat buyers fitted
	Excluded      int // customers left out: x < 1, mean spend not positive, or a value not finite
}

// ggMaxX is the largest number of transactions FitGammaGamma fits; the
// methods clamp larger x to it.
const ggMaxX = 1e12

// FitGammaGamma fits the Gamma-Gamma model by maximum likelihood to
// customers with x repeat purchases of mean value mbar (the first purchase
// excluded). The log-likelihood of one customer, the density of the mean of
// x draws (Fader & Hardie 2013), is
//
//	ln f(m̄ | x) = ln Γ(px+q) − ln Γ(px) − ln Γ(q) + q ln γ
//	            + (px−1) ln m̄ + px ln x − (px+q) ln(γ + x·m̄),
//
// summed over the distinct (x, m̄) pairs weighted by their counts and
// maximised over (ln p, ln q, ln γ) by BFGS with the analytic gradient from
// p = 1, q = 2, γ = mean m̄ (population mean = sample mean), falling back to
// Nelder–Mead as FitBGNBD does (and, as it does, searching on a sample
// first when there are more than 100,000 customers). There is no penalty term.
//
// Preconditions: len(x) == len(mbar), else FitGammaGamma returns an error.
// Customers with x < 1, mbar ≤ 0, either value not finite, or x above 1e12
// are left out and counted in Excluded (one-time buyers carry no spend
// information in the model; zero-value purchases do not fit a gamma).
//
// Degenerate input: fewer than three customers left, or all their mbar
// equal, return ErrTooLittleData and a zero model (with N and Excluded
// set). A fit that does not converge, or runs a parameter to the edge of its
// range (e^±30), returns the best model found with Converged false and an
// error wrapping ErrNotConverged.
func FitGammaGamma(x []float64, mbar []float64) (GammaGamma, error) {
	if len(x) != len(mbar) {
		return GammaGamma{}, fmt.Errorf("analysis: Gamma-Gamma: %d purchase counts but %d mean spends", len(x), len(mbar))
	}
	g := groupSpend(x, mbar)
	m := GammaGamma{N: g.n, Excluded: len(x) - g.n}
	if g.n < 3 || len(g.w) < 2 || g.minM == g.maxM {
		return m, ErrTooLittleData
	}
	start := []float64{0, math.Log(2), math.Log(g.sumM / float64(g.n))}
	var res mleResult
	if xs, ms := strided(x, bgSampleSize), strided(mbar, bgSampleSize); xs != nil {
		// As FitBGNBD: search on an evenly spread sample, polish on all.
		if gs := groupSpend(xs, ms); gs.n >= 3 && len(gs.w) >= 2 && gs.minM != gs.maxM {
			start = maximizeLikelihood(gs.objective, start, false).theta
		}
		res = maximizeLikelihood(g.objective, start, true)
	} else {
		res = maximizeLikelihood(g.objective, start, false)
	}
	m.P, m.Q, m.V = math.Exp(res.theta[0]), math.Exp(res.theta[1]), math.Exp(res.theta[2])
	m.LogLikelihood = -res.f * float64(g.n)
	m.Converged = res.converged
	if !m.Converged {
		return m, fmt.Errorf("analysis: Gamma-Gamma fit on %d customers (p=%.4g q=%.4g γ=%.4g): %w",
			m.N, m.P, m.Q, m.V, ErrNotConverged)
	}
	return m, nil
}

// ConditionalExpectedSpend returns the expected spend per transaction of a
// customer with x repeat purchases of mean value mbar (Fader & Hardie 2013,
// eq. 5):
//
//	E[M | x, m̄] = p·(γ + x·m̄) / (p·x + q − 1)
//	            = (q−1)/(px+q−1) · pγ/(q−1) + px/(px+q−1) · m̄,
//
// a weighted average of the population mean and the customer's own mean.
// For x < 1, mbar ≤ 0 or values that are not finite (the customers the fit
// excludes) it returns MeanSpend(); x above 1e12 counts as 1e12. When
// px+q ≤ 1 the posterior mean does not exist and it returns p·(γ + x·m̄)/
// (px+q), the mean spend at the posterior mean of ν. The result is finite
// and ≥ 0.
func (g GammaGamma) ConditionalExpectedSpend(x, mbar float64) float64 {
	if !g.valid() {
		return 0
	}
	if !(x >= 1) || !(mbar > 0) || math.IsInf(mbar, 1) {
		return g.MeanSpend()
	}
	x = math.Min(x, ggMaxX)
	return ggExpectedSpend(g.P, g.P*x+g.Q, bgLogAddExp(math.Log(g.V), math.Log(x)+math.Log(mbar)))
}

// MeanSpend returns the population mean spend per transaction, the
// expected spend of a customer with no repeat purchases:
//
//	E[M] = p·γ / (q − 1)
//
// The mean is infinite when q ≤ 1; MeanSpend then returns p·γ/q, the mean
// spend at the mean of ν, so the result is always finite and ≥ 0.
func (g GammaGamma) MeanSpend() float64 {
	if !g.valid() {
		return 0
	}
	return ggExpectedSpend(g.P, g.Q, math.Log(g.V))
}

// ggExpectedSpend returns p·γ/(q−1) for q > 1 and p·γ/q otherwise, with
// ln γ given, clamped to the largest float.
func ggExpectedSpend(p, q, logGamma float64) float64 {
	d := q - 1
	if !(d > 0) {
		d = q
	}
	v := math.Exp(math.Log(p) + logGamma - math.Log(d))
	return math.Min(v, math.MaxFloat64)
}

func (g GammaGamma) valid() bool {
	return mlePositive(g.P) && mlePositive(g.Q) && mlePositive(g.V)
}

// spendGroups holds the distinct (x, m̄) pairs of the included customers.
type spendGroups struct {
	n                int // customers included
	sumM, minM, maxM float64

	xs     []float64 // distinct x
	xCount []float64 // customers per distinct x
	ix     []int32   // per pair: index into xs
	logXM  []float64 // per pair: ln(x·m̄)
	logM   []float64 // per pair: ln m̄
	w      []float64 // per pair: customers
}

func groupSpend(x, mbar []float64) *spendGroups {
	type pair struct{ x, m float64 }
	g := &spendGroups{minM: math.Inf(1), maxM: math.Inf(-1)}
	seen := make(map[pair]int, len(x))
	xIdx := make(map[float64]int32)
	for i := range x {
		xi, mi := x[i], mbar[i]
		if !(xi >= 1) || xi > ggMaxX || !(mi > 0) || math.IsInf(mi, 1) {
			continue
		}
		g.n++
		g.sumM += mi
		g.minM = math.Min(g.minM, mi)
		g.maxM = math.Max(g.maxM, mi)
		k := pair{xi, mi}
		if j, ok := seen[k]; ok {
			g.w[j]++
			continue
		}
		seen[k] = len(g.w)
		j, ok := xIdx[xi]
		if !ok {
			j = int32(len(g.xs))
			xIdx[xi] = j
			g.xs = append(g.xs, xi)
			g.xCount = append(g.xCount, 0)
		}
		g.ix = append(g.ix, j)
		g.logM = append(g.logM, math.Log(mi))
		g.logXM = append(g.logXM, math.Log(xi)+math.Log(mi))
		g.w = append(g.w, 1)
	}
	for j, w := range g.w {
		g.xCount[g.ix[j]] += w
	}
	if math.IsInf(g.sumM, 1) {
		g.sumM = math.MaxFloat64
	}
	return g
}

// objective is the mean negative log-likelihood at θ = (ln p, ln q, ln γ),
// with its gradient in grad when not nil. Per pair it uses the stable form
//
//	(px−1) ln m̄ + px ln x + q ln γ − (px+q) ln(γ + x·m̄)
//	    = −ln m̄ − px·ln(1 + γ/(x·m̄)) − q·ln(1 + x·m̄/γ).
func (g *spendGroups) objective(theta, grad []float64) float64 {
	p, q := math.Exp(theta[0]), math.Exp(theta[1])
	lv := theta[2] // ln γ

	// Per distinct x: ln Γ(px+q) − ln Γ(px) − ln Γ(q) and its derivatives.
	lgx := make([]float64, len(g.xs))
	dpx := make([]float64, len(g.xs)) // ψ(px+q) − ψ(px)
	dqx := make([]float64, len(g.xs)) // ψ(px+q) − ψ(q)
	lgq, psiQ := bgLgamma(q), bgDigamma(q)
	for j, x := range g.xs {
		px := p * x
		psiPXQ := bgDigamma(px + q)
		lgx[j] = bgLgamma(px+q) - bgLgamma(px) - lgq
		dpx[j] = psiPXQ - bgDigamma(px)
		dqx[j] = psiPXQ - psiQ
	}

	var ll, gp, gq, gv float64
	for j, w := range g.w {
		xi := g.ix[j]
		x := g.xs[xi]
		px := p * x
		d := g.logXM[j] - lv   // ln(x·m̄/γ)
		l1 := bgSoftplus(d)    // ln(1 + x·m̄/γ)
		l2 := l1 - d           // ln(1 + γ/(x·m̄))
		share := math.Exp(-l1) // γ/(γ + x·m̄)
		ll += w * (lgx[xi] - g.logM[j] - px*l2 - q*l1)
		gp += w * px * (dpx[xi] - l2) // p·∂/∂p
		gq += w * q * (dqx[xi] - l1)  // q·∂/∂q
		gv += w * (q - (px+q)*share)  // γ·∂/∂γ
	}
	n := float64(g.n)
	if grad != nil {
		grad[0], grad[1], grad[2] = -gp/n, -gq/n, -gv/n
	}
	return -ll / n
}
