package btyd

import (
	"errors"
	"math"

	"gonum.org/v1/gonum/optimize"
)

// ErrTooLittleData is returned by FitBGNBD and FitGammaGamma when the data
// cannot identify the model: no customers, fewer than three repeat buyers,
// or no variation between customers.
var ErrTooLittleData = errors.New("analysis: too little data to fit the model")

// ErrNotConverged is returned, wrapped, by FitBGNBD and FitGammaGamma when
// the maximum-likelihood search stopped without meeting its convergence test
// or ran a parameter to the edge of its range (see mleBound). The model
// returned with it has finite parameters and Converged set to false; callers
// may still use it, with caution.
var ErrNotConverged = errors.New("analysis: model fit did not converge")

// mleBound bounds every log-parameter: the optimisers search over φ and the
// log-parameter is θ = mleBound·tanh(φ/mleBound), so each fitted parameter
// lies in [e^−30, e^30] ≈ [9.4e−14, 1.1e13] and the likelihood is never
// evaluated at an overflowing point. Inside the range the map is smooth and
// one-to-one, so the maximum-likelihood estimate is unchanged.
const mleBound = 30

// mleEdge is how close to ±mleBound a log-parameter may end before the fit
// counts as having run off to the boundary (not converged).
const mleEdge = mleBound - 1

// mleGradTol is the largest ∞-norm of the gradient of the mean negative
// log-likelihood (per customer, with respect to φ) that counts as converged.
const mleGradTol = 1e-6

// mleObjective returns the mean negative log-likelihood at the
// log-parameters theta and, when grad is not nil, stores its gradient with
// respect to theta in grad. It must return a finite value for every theta
// with |θᵢ| ≤ mleBound.
type mleObjective func(theta, grad []float64) float64

// mleResult is the outcome of maximizeLikelihood.
type mleResult struct {
	theta      []float64 // log-parameters at the best point found
	f          float64   // mean negative log-likelihood there
	converged  bool
	gaveUp     bool // a guarded search stopped early (see maximizeGuarded)
	iterations int  // major iterations over all optimiser runs
}

// mleCache evaluates the objective with its gradient once per point: gonum's
// optimisers ask for the value and the gradient in separate calls.
type mleCache struct {
	obj   mleObjective
	phi   []float64
	theta []float64
	gt    []float64 // gradient with respect to theta
	f     float64
	gphi  []float64 // gradient with respect to phi
	valid bool
	evals int // evaluations of obj
}

func newMLECache(obj mleObjective, dim int) *mleCache {
	return &mleCache{
		obj:   obj,
		phi:   make([]float64, dim),
		theta: make([]float64, dim),
		gt:    make([]float64, dim),
		gphi:  make([]float64, dim),
	}
}

func (c *mleCache) eval(phi []float64) {
	if c.valid && mleEqual(c.phi, phi) {
		return
	}
	copy(c.phi, phi)
	for i, p := range phi {
		c.theta[i] = mleBound * math.Tanh(p/mleBound)
	}
	f := c.obj(c.theta, c.gt)
	c.evals++
	for i, th := range c.theta {
		u := th / mleBound
		c.gphi[i] = c.gt[i] * (1 - u*u)
		if math.IsNaN(c.gphi[i]) || math.IsInf(c.gphi[i], 0) {
			c.gphi[i] = 0
		}
	}
	if math.IsNaN(f) || math.IsInf(f, 0) {
		// Not expected inside the bound; a huge value makes the line
		// search step back instead of stopping on a NaN.
		f = math.MaxFloat64 / 4
	}
	c.f = f
	c.valid = true
}

func (c *mleCache) value(phi []float64) float64 {
	c.eval(phi)
	return c.f
}

func (c *mleCache) gradient(grad, phi []float64) {
	c.eval(phi)
	copy(grad, c.gphi)
}

func mleEqual(a, b []float64) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// maximizeLikelihood minimises obj over the box-mapped log-parameters,
// starting at theta0. It runs BFGS with the analytic gradient; if that does
// not reach a gradient below mleGradTol it restarts with Nelder–Mead from
// the best point and polishes with BFGS again, unless polish is set (theta0
// is already an estimate from a sample of the same data: BFGS only). It
// returns the best point seen.
func maximizeLikelihood(obj mleObjective, theta0 []float64, polish bool) mleResult {
	return maximizeGuarded(obj, theta0, polish, nil)
}

// mleGuard bounds the search of a likelihood whose maximum may lie at
// infinity, so that a fit that will not converge gives up early instead
// of following the likelihood towards the edge of the box for thousands
// of evaluations (see maximizeGuarded).
type mleGuard struct {
	// watch lists the log-parameters that must not run off: the
	// dimensionless ones, whose size does not depend on the data's units.
	watch []int
	// maxEvals bounds the evaluations of the objective over the whole
	// search.
	maxEvals int
}

// mleFar is how far from 0 a watched log-parameter may lie before the
// search counts it as running off: e^±10 ≈ 22,026 and 1/22,026.
const mleFar = 10

// mleRunIterations is the number of consecutive major iterations a
// watched log-parameter must stay beyond mleFar, ending no nearer 0 than
// it entered, for the search to stop as running off.
const mleRunIterations = 5

// mleRanOff is the status of a search stopped because a watched
// log-parameter ran off (see mleWatch).
var mleRanOff = optimize.NewStatus("RanOff", true, nil)

// mleWatch is the convergence test of a guarded search: inner's, and a
// stop when a watched log-parameter runs off.
type mleWatch struct {
	inner optimize.Converger
	watch []int
	run   []int     // per watched parameter: consecutive major iterations beyond mleFar
	from  []float64 // per watched parameter: |θ| when the run began
}

func newMLEWatch(watch []int) *mleWatch {
	return &mleWatch{watch: watch, run: make([]int, len(watch)), from: make([]float64, len(watch))}
}

// Init implements optimize.Converger.
func (w *mleWatch) Init(dim int) {
	w.inner.Init(dim)
	clear(w.run)
}

// Converged implements optimize.Converger.
func (w *mleWatch) Converged(loc *optimize.Location) optimize.Status {
	for k, i := range w.watch {
		th := math.Abs(mleBound * math.Tanh(loc.X[i]/mleBound))
		if th < mleFar {
			w.run[k] = 0
			continue
		}
		if w.run[k] == 0 {
			w.from[k] = th
		}
		w.run[k]++
		if w.run[k] >= mleRunIterations && th >= w.from[k] {
			return mleRanOff
		}
	}
	return w.inner.Converged(loc)
}

// maximizeGuarded is maximizeLikelihood with, when guard is not nil, a
// search that gives up early instead of following a likelihood whose
// maximum lies at infinity towards the edge of the box for thousands of
// evaluations. It then returns the best point seen, not converged, with
// gaveUp set, when
//
//   - a watched log-parameter runs off: it stays beyond ±mleFar for
//     mleRunIterations major iterations, ending no nearer 0 than it
//     entered (the maximum lies on the edge of the parameter space);
//   - BFGS stops without reaching a gradient below mleGradTol: the
//     likelihood is flat to rounding along its search direction (its line
//     search fails, or the value does not change in its 15th digit over
//     20 iterations). The Nelder–Mead restart is not tried: on the
//     Gamma-Gamma it never converged where BFGS had not (the analysis and
//     jobs tests; spends with no heterogeneity, where it spent 1,200 to
//     1,500 evaluations);
//   - the objective has been evaluated guard.maxEvals times.
//
// A guarded polish stops as soon as the gradient is below mleGradTol, the
// convergence test, rather than 1e−10: from the estimate of a sample it
// is usually there at once, and on a flat ridge BFGS would otherwise spend
// dozens of evaluations on all customers moving nowhere.
func maximizeGuarded(obj mleObjective, theta0 []float64, polish bool, guard *mleGuard) mleResult {
	dim := len(theta0)
	cache := newMLECache(obj, dim)
	prob := optimize.Problem{Func: cache.value, Grad: cache.gradient}
	gradThreshold := 1e-10
	var watch *mleWatch
	converger := func(c *optimize.FunctionConverge) optimize.Converger { return c }
	if guard != nil {
		prob.Status = func() (optimize.Status, error) {
			if cache.evals >= guard.maxEvals {
				return optimize.FunctionEvaluationLimit, nil
			}
			return optimize.NotTerminated, nil
		}
		if polish {
			gradThreshold = mleGradTol
		}
		watch = newMLEWatch(guard.watch)
		converger = func(c *optimize.FunctionConverge) optimize.Converger {
			watch.inner = c
			return watch
		}
	}

	phi := make([]float64, dim)
	for i, t := range theta0 {
		u := math.Max(-0.9, math.Min(0.9, t/mleBound))
		phi[i] = mleBound * math.Atanh(u)
	}
	best := append([]float64(nil), phi...)
	bestF := cache.value(phi)
	iterations := 0

	consider := func(res *optimize.Result) {
		if res == nil {
			return
		}
		iterations += res.MajorIterations
		if f := cache.value(res.X); f < bestF {
			bestF = f
			copy(best, res.X)
		}
	}
	converged := func() bool {
		cache.eval(best)
		for _, g := range cache.gphi {
			if math.Abs(g) > mleGradTol {
				return false
			}
		}
		return true
	}
	bfgs := func(from []float64) {
		res, _ := optimize.Minimize(prob, from, &optimize.Settings{
			GradientThreshold: gradThreshold,
			MajorIterations:   500,
			Converger:         converger(&optimize.FunctionConverge{Absolute: 1e-15, Relative: 1e-15, Iterations: 20}),
		}, &optimize.BFGS{})
		consider(res)
	}

	bfgs(phi)
	gaveUp := guard != nil && !converged()
	if !polish && !gaveUp && !converged() {
		res, _ := optimize.Minimize(optimize.Problem{Func: cache.value}, best, &optimize.Settings{
			MajorIterations: 4000,
			Converger:       &optimize.FunctionConverge{Absolute: 1e-13, Relative: 1e-13, Iterations: 200},
		}, &optimize.NelderMead{})
		consider(res)
		bfgs(append([]float64(nil), best...))
	}
	ok := converged()

	theta := make([]float64, dim)
	for i, p := range best {
		theta[i] = mleBound * math.Tanh(p/mleBound)
		if math.Abs(theta[i]) > mleEdge {
			ok = false
		}
	}
	return mleResult{theta: theta, f: bestF, converged: ok, gaveUp: gaveUp, iterations: iterations}
}

// searchSample finds the maximum of a sample's likelihood closely enough
// for Newton steps on all customers to finish it (see mleNewton): BFGS
// until the gradient is below mleGradTol, at most mleSampleEvals
// evaluations, and the full search of maximizeLikelihood from there only
// when that stops short. On the calibration period of the benchmark shop
// the Pareto/NBD's sample took 91 evaluations to reach 1e−10, most of them
// along the ridge of (s, β), where Newton steps on all customers do better;
// 34 reach 1e−6, and the estimate on all customers is the same.
func searchSample(obj mleObjective, start []float64) mleResult {
	return searchSampleWithin(obj, start, mleSampleEvals)
}

// searchSampleWithin is searchSample with its first search bounded to
// evals evaluations.
func searchSampleWithin(obj mleObjective, start []float64, evals int) mleResult {
	res := maximizeGuarded(obj, start, true, &mleGuard{maxEvals: evals})
	if res.converged {
		return res
	}
	full := maximizeLikelihood(obj, res.theta, false)
	full.iterations += res.iterations
	return full
}

// mleSampleEvals bounds the first, coarse search of searchSample.
const mleSampleEvals = 200

// mlePositive reports whether v is a finite number greater than zero.
func mlePositive(v float64) bool {
	return v > 0 && !math.IsInf(v, 1)
}
