package btyd

import "math"

// PurchaseModel is a fitted model of repeat buying on the (x, t_x, T)
// summary of each customer, in the models' time unit: BG/NBD (BGNBD),
// MBG/NBD (MBGNBD) or Pareto/NBD (ParetoNBD). Every method returns a finite
// number ≥ 0 for every input (NaN and negative inputs count as 0).
type PurchaseModel interface {
	// Key is the model's stable name: "bgnbd", "mbgnbd" or "pareto_nbd".
	Key() string
	// PAlive is the probability that a customer with history (x, t_x, T)
	// is still active at T.
	PAlive(x, tx, T float64) float64
	// ConditionalExpectedPurchases is E[Y(t) | x, t_x, T]: the repeat
	// purchases expected in the next t time units.
	ConditionalExpectedPurchases(t, x, tx, T float64) float64
	// ExpectedPurchases is E[X(t)]: the repeat purchases expected of a new
	// customer in their first t time units.
	ExpectedPurchases(t float64) float64
	// Fit reports how the model was fitted.
	Fit() ModelFit
	// Params returns the parameters under their names in the papers:
	// "r", "alpha", "a", "b" (BG/NBD, MBG/NBD), "r", "alpha", "s", "beta"
	// (Pareto/NBD).
	Params() map[string]float64
}

// ModelFit is how a purchase model was fitted.
type ModelFit struct {
	LogLikelihood float64 // total over the fitted customers
	K             int     // number of parameters
	N             int     // customers fitted
	Converged     bool
}

// BIC is the Bayesian information criterion of the fit, k ln n − 2 ln L:
// lower is better.
func (f ModelFit) BIC() float64 {
	if f.N <= 0 {
		return math.Inf(1)
	}
	return float64(f.K)*math.Log(float64(f.N)) - 2*f.LogLikelihood
}

// Purchase model keys (PurchaseModel.Key).
const (
	ModelBGNBD     = "bgnbd"
	ModelMBGNBD    = "mbgnbd"
	ModelParetoNBD = "pareto_nbd"
)

// Key returns "bgnbd".
func (m BGNBD) Key() string { return ModelBGNBD }

// Fit reports the BG/NBD's fit (four parameters).
func (m BGNBD) Fit() ModelFit {
	return ModelFit{LogLikelihood: m.LogLikelihood, K: 4, N: m.N, Converged: m.Converged}
}

// Params returns r, alpha, a and b.
func (m BGNBD) Params() map[string]float64 {
	return map[string]float64{"r": m.R, "alpha": m.Alpha, "a": m.A, "b": m.B}
}

var _ PurchaseModel = BGNBD{}

// ExpectedNextPurchase returns the time from T until the customer, if
// still active, is expected to have made one more purchase: the smallest t
// with E[Y(t) | x, t_x, T] / P(alive) ≥ 1, found by bisection to within
// 1 % (or 0.01 time units). It returns +Inf when that takes longer than
// limit time units (or the customer is surely gone).
func ExpectedNextPurchase(m PurchaseModel, x, tx, T, limit float64) float64 {
	alive := m.PAlive(x, tx, T)
	if !(alive > 0) || !(limit > 0) {
		return math.Inf(1)
	}
	perAlive := func(t float64) float64 { return m.ConditionalExpectedPurchases(t, x, tx, T) / alive }
	if perAlive(limit) < 1 {
		return math.Inf(1)
	}
	lo, hi := 0.0, limit
	for hi-lo > math.Max(0.01, 0.01*hi) {
		mid := (lo + hi) / 2
		if perAlive(mid) >= 1 {
			hi = mid
		} else {
			lo = mid
		}
	}
	return hi
}
