package btyd

import (
	"fmt"
	"math"
	"math/bits"
	"runtime"
	"sync"

	"gonum.org/v1/gonum/mathext"
)

// RFT is one customer's purchase history in the BG/NBD's terms, in a time
// unit (weeks by default): X repeat purchases (distinct purchase days − 1),
// Tx the time of the last purchase since the first, T the age (first
// purchase to the as-of date). A customer with X = 0 has Tx = 0.
type RFT struct{ X, Tx, T float64 }

// BGNBD is a fitted beta-geometric/negative-binomial distribution model of
// repeat buying. While active, a customer buys as a Poisson process with
// rate λ; after each purchase they become inactive with probability p:
//
//	λ ~ Gamma(r, α)   (shape r, rate α: E[λ] = r/α per time unit)
//	p ~ Beta(a, b)
//
// Names follow the paper. The methods expect the positive, finite
// parameters FitBGNBD returns; for any other parameters (the zero BGNBD)
// they return 0.
//
// References:
//
//	Fader, P. S., Hardie, B. G. S. and Lee, K. L. (2005). "Counting your
//	customers" the easy way: an alternative to the Pareto/NBD model.
//	Marketing Science 24(2), 275–284.
//	Fader, P. S., Hardie, B. G. S. and Lee, K. L. (2005). Implementing the
//	BG/NBD model for customer base analysis in Excel.
//	http://brucehardie.com/notes/004/
type BGNBD struct {
	R, Alpha, A, B float64
	LogLikelihood  float64 // total over the fitted customers
	Converged      bool
	N              int // customers fitted
	Distinct       int // distinct (x, t_x, T) triples
	Iterations     int // optimiser major iterations
}

// bgMaxValue is the largest x, t_x, T (and horizon t) FitBGNBD accepts; the
// methods clamp larger inputs to it. No purchase count or age in any time
// unit comes near it, and it keeps every intermediate finite.
const bgMaxValue = 1e12

// FitBGNBD fits the BG/NBD by maximum likelihood. The log-likelihood of one
// customer (Fader, Hardie & Lee 2005, eq. 6, in the form of the Excel note) is
//
//	ln L(r, α, a, b | x, t_x, T) = A₁ + A₂ + ln(exp(A₃) + δ(x>0)·exp(A₄))
//	A₁ = ln Γ(r+x) − ln Γ(r) + r ln α
//	A₂ = ln Γ(a+b) + ln Γ(b+x) − ln Γ(b) − ln Γ(a+b+x)
//	A₃ = −(r+x) ln(α+T)
//	A₄ = ln a − ln(b+x−1) − (r+x) ln(α+t_x)
//
// evaluated in log space (log-sum-exp for the last term) and summed over
// the distinct (x, t_x, T) triples weighted by their counts, so the cost of
// one evaluation grows with the number of distinct triples, not customers.
// The sum is maximised over (ln r, ln α, ln a, ln b) by BFGS with the
// analytic gradient, from r = 1, α = ΣT/Σx, a = b = 1, falling back to
// Nelder–Mead and a second BFGS run when the first does not converge. With
// more than 100,000 customers that search runs on an evenly spread sample
// of them, on one core while the other groups all customers; Newton steps
// on all customers (with the sample's Hessian, see mleNewton) and BFGS,
// which certifies convergence, then polish the sample's estimate: the
// estimate is still the MLE of all the data, found in six evaluations over
// all of it instead of thirty (at 1M customers); the triples are summed on
// all cores in fixed chunks. There is no penalty term: the estimate is the
// plain MLE.
//
// Preconditions: every x is a whole number, 0 ≤ t_x ≤ T, all finite and at
// most 1e12; otherwise FitBGNBD returns an error naming the customer. t_x is
// ignored when x = 0.
//
// Degenerate input: no customers, fewer than three with x ≥ 1, or a single
// distinct triple return ErrTooLittleData and a zero model (with N and
// Distinct set). When the optimiser does not converge, or a parameter runs to
// the edge of its range (e^±30, as when nobody ever drops out and a → 0),
// FitBGNBD returns the best model found, with finite parameters and
// Converged false, and an error wrapping ErrNotConverged.
func FitBGNBD(data []RFT) (BGNBD, error) {
	g, res, err := fitRFT(data, "BG/NBD", func(g *rftGroups) mleObjective { return g.objective })
	if g == nil {
		return BGNBD{}, err
	}
	m := BGNBD{N: len(data), Distinct: len(g.w)}
	if err != nil {
		return m, err
	}
	m.R, m.Alpha = math.Exp(res.theta[0]), math.Exp(res.theta[1])
	m.A, m.B = math.Exp(res.theta[2]), math.Exp(res.theta[3])
	m.LogLikelihood = -res.f * float64(g.n)
	m.Converged = res.converged
	m.Iterations = res.iterations
	if !m.Converged {
		return m, fmt.Errorf("analysis: BG/NBD fit on %d customers (r=%.4g α=%.4g a=%.4g b=%.4g): %w",
			m.N, m.R, m.Alpha, m.A, m.B, ErrNotConverged)
	}
	return m, nil
}

// fitRFT is the search FitBGNBD describes, shared by the models of repeat
// buying on (x, t_x, T) with parameters (r, α, a, b): it groups data
// (an invalid customer returns a nil g and an error naming model), returns
// g and ErrTooLittleData when there are fewer than three customers with
// x ≥ 1 or a single distinct triple, and otherwise maximises the
// likelihood objective(g) over θ = (ln r, ln α, ln a, ln b) from r = 1,
// α = ΣT/Σx, a = b = 1, first on an evenly spread sample when there are
// more than bgSampleSize customers.
func fitRFT(data []RFT, model string, objective func(*rftGroups) mleObjective) (*rftGroups, mleResult, error) {
	sample := strided(data, bgSampleSize)
	if sample == nil {
		g, err := groupRFTFor(data, model)
		if err != nil {
			return nil, mleResult{}, err
		}
		if g.repeat < 3 || len(g.w) < 2 {
			return g, mleResult{}, ErrTooLittleData
		}
		return g, maximizeLikelihood(objective(g), rftStart(g.sumX, g.sumT), false), nil
	}

	// A large data set: search on an evenly spread sample while all
	// customers are grouped on another core, then polish on all customers
	// from the sample's estimate (Newton steps with the sample's Hessian,
	// then BFGS, which certifies convergence).
	var sumX, sumT float64 // as groupRFTFor adds them
	for _, d := range data {
		sumX += d.X
		sumT += d.T
	}
	start := rftStart(sumX, sumT)
	var gs *rftGroups
	var sres mleResult
	searched := make(chan struct{})
	go func() {
		defer close(searched)
		if s, err := groupRFTFor(sample, model); err == nil && s.repeat >= 3 && len(s.w) >= 2 {
			gs, sres = s, searchSample(objective(s), start)
		}
	}()
	g, err := groupRFTFor(data, model)
	<-searched
	if err != nil {
		return nil, mleResult{}, err
	}
	if g.repeat < 3 || len(g.w) < 2 {
		return g, mleResult{}, ErrTooLittleData
	}
	steps := 0
	if gs != nil {
		start, steps = mleNewton(objective(g), objective(gs), sres.theta)
	}
	res := maximizeLikelihood(objective(g), start, true)
	res.iterations += sres.iterations + steps
	return g, res, nil
}

// rftStart is the search's starting point (ln r, ln α, ln a, ln b): r = 1,
// α = ΣT/Σx (1 when either sum is not positive or not finite), a = b = 1.
func rftStart(sumX, sumT float64) []float64 {
	alpha0 := sumT / sumX
	if !(sumX > 0 && sumT > 0) || !mlePositive(alpha0) {
		alpha0 = 1
	}
	return []float64{0, math.Log(alpha0), 0, 0}
}

// LogLikelihoodOf returns one customer's log-likelihood ln L(r, α, a, b | x,
// t_x, T) (see FitBGNBD for the formula). Inputs are cleaned as in PAlive.
func (m BGNBD) LogLikelihoodOf(x, tx, T float64) float64 {
	if !m.valid() {
		return 0
	}
	x, tx, T = bgClean(x, tx, T)
	r, alpha, a, b := m.R, m.Alpha, m.A, m.B
	ll := bgLogLikX(r, a, b, x)
	b3 := -r*math.Log1p(T/alpha) - x*math.Log(alpha+T)
	if x == 0 {
		return ll + b3
	}
	b4 := math.Log(a) - math.Log(b+x-1) - r*math.Log1p(tx/alpha) - x*math.Log(alpha+tx)
	return ll + bgLogAddExp(b3, b4)
}

// bgLogLikX is the part of the log-likelihood that depends on x alone:
// A₁ + A₂ without the r ln α of A₁ (which the code folds into A₃ and A₄ as
// −r ln(1+T/α), keeping precision when α ≫ T).
func bgLogLikX(r, a, b, x float64) float64 {
	if x == 0 {
		return 0
	}
	return bgLgamma(r+x) - bgLgamma(r) + bgLgamma(a+b) + bgLgamma(b+x) - bgLgamma(b) - bgLgamma(a+b+x)
}

func (m BGNBD) valid() bool {
	return mlePositive(m.R) && mlePositive(m.Alpha) && mlePositive(m.A) && mlePositive(m.B)
}

// bgClean maps any input onto the model's domain, so the methods never see
// NaN, negative or overflowing values: NaN and negative values become 0,
// values above bgMaxValue become bgMaxValue, x is rounded down to a whole
// number, t_x is clamped to [0, T] and set to 0 when x = 0.
func bgClean(x, tx, T float64) (float64, float64, float64) {
	T = bgClampValue(T)
	x = math.Floor(bgClampValue(x))
	tx = math.Min(bgClampValue(tx), T)
	if x == 0 {
		tx = 0
	}
	return x, tx, T
}

func bgClampValue(v float64) float64 {
	if !(v > 0) { // also NaN
		return 0
	}
	return math.Min(v, bgMaxValue)
}

// bgSampleSize is the number of customers above which FitBGNBD searches
// for the maximum on a sample first (see strided).
const bgSampleSize = 100_000

// strided returns every k-th element of data, k chosen so that about size
// remain, or nil when data holds no more than size: an evenly spread,
// deterministic sample for a first search of the likelihood's maximum.
func strided[T any](data []T, size int) []T {
	if len(data) <= size {
		return nil
	}
	k := (len(data) + size - 1) / size
	out := make([]T, 0, len(data)/k+1)
	for i := 0; i < len(data); i += k {
		out = append(out, data[i])
	}
	return out
}

// rftGroups holds the distinct (x, t_x, T) triples of a data set, with their
// counts, as indexes into the distinct values of x, t_x and T.
type rftGroups struct {
	n      int     // customers
	repeat int     // customers with x ≥ 1
	sumX   float64 // Σx
	sumT   float64 // ΣT

	xs, txs, ts []float64 // distinct values
	xCount      []float64 // customers per distinct x

	ix, itx, iT []int32   // per triple: indexes into xs, txs, ts
	w           []float64 // per triple: customers
}

func groupRFT(data []RFT) (*rftGroups, error) { return groupRFTFor(data, "BG/NBD") }

// groupRFTFor groups data; an error names the customer and model. The
// distinct triples are found, in the order of their first customer, in a
// growing hash table (see distinct).
func groupRFTFor(data []RFT, model string) (*rftGroups, error) {
	type triple struct{ x, tx, T float64 }
	g := &rftGroups{n: len(data)}
	var triples distinct[triple]
	for i, d := range data {
		if err := checkRFT(d); err != "" {
			return nil, fmt.Errorf("analysis: %s: customer %d (x=%v t_x=%v T=%v): %s", model, i, d.X, d.Tx, d.T, err)
		}
		k := triple{d.X + 0, d.Tx + 0, d.T + 0} // +0 turns −0 into 0
		if d.X == 0 {
			k.tx = 0
		} else {
			g.repeat++
		}
		g.sumX += d.X
		g.sumT += d.T
		triples.add(k, rftHash(k.x, k.tx, k.T))
	}
	keys := triples.keys
	g.w = triples.count
	var xs, txs, ts distinct[float64]
	g.ix, g.itx, g.iT = make([]int32, len(keys)), make([]int32, len(keys)), make([]int32, len(keys))
	for j, k := range keys {
		g.ix[j] = xs.add(k.x, ggHash(0, k.x))
		g.itx[j] = txs.add(k.tx, ggHash(0, k.tx))
		g.iT[j] = ts.add(k.T, ggHash(0, k.T))
	}
	g.xs, g.txs, g.ts = xs.keys, txs.keys, ts.keys
	g.xCount = make([]float64, len(g.xs))
	for j, w := range g.w {
		g.xCount[g.ix[j]] += w
	}
	return g, nil
}

// rftHash mixes the bits of a triple into 64 (ggHash's finalizer applied
// to the pair hash of (t_x, T) and x).
func rftHash(x, tx, T float64) uint64 {
	h := ggHash(tx, T) ^ bits.RotateLeft64(math.Float64bits(x), 17)
	h ^= h >> 33
	h *= 0xff51afd7ed558ccd
	h ^= h >> 33
	return h
}

func checkRFT(d RFT) string {
	for _, v := range [...]float64{d.X, d.Tx, d.T} {
		if math.IsNaN(v) || v < 0 || v > bgMaxValue {
			return "values must be in [0, 1e12]"
		}
	}
	switch {
	case d.X != math.Floor(d.X):
		return "x must be a whole number"
	case d.X > 0 && d.Tx > d.T:
		return "t_x must not exceed T"
	}
	return ""
}

// objective is the mean negative log-likelihood over the groups at
// θ = (ln r, ln α, ln a, ln b), with its gradient in grad when not nil.
func (g *rftGroups) objective(theta, grad []float64) float64 {
	r, alpha := math.Exp(theta[0]), math.Exp(theta[1])
	a, b := math.Exp(theta[2]), math.Exp(theta[3])
	la := math.Log(a)

	// Per distinct x: the x-only part of ln L and of its gradient.
	nx := len(g.xs)
	lbx1 := make([]float64, nx) // ln(b+x−1)
	bx1 := make([]float64, nx)  // b/(b+x−1)
	var ll, gr, ga, gb float64
	psiR, psiB, psiAB := bgDigamma(r), bgDigamma(b), bgDigamma(a+b)
	for j, x := range g.xs {
		if x == 0 {
			continue
		}
		n := g.xCount[j]
		lbx1[j] = math.Log(b + x - 1)
		bx1[j] = b / (b + x - 1)
		ll += n * bgLogLikX(r, a, b, x)
		psiABX := bgDigamma(a + b + x)
		gr += n * r * (bgDigamma(r+x) - psiR)
		ga += n * a * (psiAB - psiABX)
		gb += n * b * (psiAB + bgDigamma(b+x) - psiB - psiABX)
	}

	// Per distinct T and t_x: ln(1+T/α), ln(α+T), T/(α+T).
	l1pT, lT, fT := bgTimeTerms(g.ts, alpha)
	l1ptx, ltx, ftx := bgTimeTerms(g.txs, alpha)

	t := bgTerms{r: r, la: la, lbx1: lbx1, bx1: bx1, l1pT: l1pT, lT: lT, fT: fT, l1ptx: l1ptx, ltx: ltx, ftx: ftx}
	sum := g.sumTriples(&t)
	ll += sum.ll
	gr += sum.gr
	ga += sum.ga
	gb += sum.gb
	gal := sum.gal
	n := float64(g.n)
	if grad != nil {
		grad[0], grad[1], grad[2], grad[3] = -gr/n, -gal/n, -ga/n, -gb/n
	}
	return -ll / n
}

// bgTerms are the per-evaluation values the per-triple sum reads.
type bgTerms struct {
	r, la                         float64
	lbx1, bx1                     []float64 // per distinct x
	l1pT, lT, fT, l1ptx, ltx, ftx []float64 // per distinct T and t_x
}

// bgSums are the per-triple parts of ln L and of its gradient.
type bgSums struct{ ll, gr, ga, gb, gal float64 }

// bgChunk is the number of triples one goroutine sums; data sets with more
// triples are summed in fixed chunks on all cores, and the chunks' sums
// are added in chunk order, so the result does not depend on the number
// of cores.
const bgChunk = 1 << 15

// sumTriples sums the per-triple terms, in parallel chunks when there are
// many triples.
func (g *rftGroups) sumTriples(t *bgTerms) bgSums {
	return sumChunks(len(g.w), func(from, to int) bgSums { return g.sumRange(t, from, to) })
}

// sumChunks returns sum(0, n), computed as the sums over chunks of bgChunk
// triples, on all cores, added in chunk order.
func sumChunks(n int, sum func(from, to int) bgSums) bgSums {
	if n <= bgChunk {
		return sum(0, n)
	}
	parts := make([]bgSums, (n+bgChunk-1)/bgChunk)
	var wg sync.WaitGroup
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	for k := range parts {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			parts[k] = sum(k*bgChunk, min((k+1)*bgChunk, n))
			<-sem
		}()
	}
	wg.Wait()
	var s bgSums
	for _, p := range parts {
		s.ll += p.ll
		s.gr += p.gr
		s.ga += p.ga
		s.gb += p.gb
		s.gal += p.gal
	}
	return s
}

// sumRange sums the terms of triples [from, to).
func (g *rftGroups) sumRange(t *bgTerms, from, to int) bgSums {
	var s bgSums
	r, la := t.r, t.la
	for j := from; j < to; j++ {
		w := g.w[j]
		xi, ti := g.ix[j], g.iT[j]
		x := g.xs[xi]
		b3 := -r*t.l1pT[ti] - x*t.lT[ti]
		dalpha3 := r*t.fT[ti] - x*(1-t.fT[ti]) // ∂b3/∂ln α
		if x == 0 {
			s.ll += w * b3
			s.gr -= w * r * t.l1pT[ti]
			s.gal += w * dalpha3
			continue
		}
		ki := g.itx[j]
		b4 := la - t.lbx1[xi] - r*t.l1ptx[ki] - x*t.ltx[ki]
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
		s.gal += w * (w3*dalpha3 + w4*(r*t.ftx[ki]-x*(1-t.ftx[ki])))
		s.ga += w * w4
		s.gb -= w * w4 * t.bx1[xi]
	}
	return s
}

// bgTimeTerms returns ln(1+v/α), ln(α+v) and v/(α+v) for each v.
func bgTimeTerms(vs []float64, alpha float64) (l1p, l, f []float64) {
	l1p = make([]float64, len(vs))
	l = make([]float64, len(vs))
	f = make([]float64, len(vs))
	for i, v := range vs {
		l1p[i] = math.Log1p(v / alpha)
		l[i] = math.Log(alpha + v)
		f[i] = v / (alpha + v)
	}
	return l1p, l, f
}

// bgLogAddExp returns ln(eˣ + eʸ) without overflow.
func bgLogAddExp(x, y float64) float64 {
	if x < y {
		x, y = y, x
	}
	return x + math.Log1p(math.Exp(y-x))
}

func bgLgamma(x float64) float64 {
	v, _ := math.Lgamma(x)
	return v
}

func bgDigamma(x float64) float64 { return mathext.Digamma(x) }
