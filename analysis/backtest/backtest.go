package backtest

import (
	"fmt"
	"math"
	"sync"

	"github.com/custseg/custseg/analysis/btyd"
	"github.com/custseg/custseg/analysis/calendar"
	"github.com/custseg/custseg/analysis/stats"
)

// minRepeatBuyers is the fewest calibration repeat buyers a back-test runs
// on: fewer say too little about any model.
const minRepeatBuyers = 20

// NotBacktested is the Error of a back-tested model whose fit on all the
// data did not converge, so it was not fitted again on the calibration
// period.
const NotBacktested = "not back-tested: the fit on all the data did not converge"

// purchaseFitter fits one purchase model.
type purchaseFitter struct {
	key string
	fit func([]btyd.RFT) (btyd.PurchaseModel, error)
}

// purchaseFitters lists the purchase models in report order.
func purchaseFitters() []purchaseFitter {
	return []purchaseFitter{
		{btyd.ModelBGNBD, func(d []btyd.RFT) (btyd.PurchaseModel, error) { return btyd.FitBGNBD(d) }},
		{btyd.ModelMBGNBD, func(d []btyd.RFT) (btyd.PurchaseModel, error) { return btyd.FitMBGNBD(d) }},
		{btyd.ModelParetoNBD, func(d []btyd.RFT) (btyd.PurchaseModel, error) { return btyd.FitParetoNBD(d) }},
	}
}

// FitModels fits the purchase models whose keys only lists (all when only
// is nil) to data, concurrently, in the order btyd.ModelBGNBD,
// btyd.ModelMBGNBD, btyd.ModelParetoNBD. A model whose fit fails keeps
// what the fitter returned (its customers counted, its parameters the best
// found) and the error; only a model without an error is usable.
func FitModels(data []btyd.RFT, only map[string]bool) []FittedModel {
	var fitters []purchaseFitter
	for _, f := range purchaseFitters() {
		if only == nil || only[f.key] {
			fitters = append(fitters, f)
		}
	}
	out := make([]FittedModel, len(fitters))
	var wg sync.WaitGroup
	for k, f := range fitters {
		wg.Add(1)
		go func() {
			defer wg.Done()
			m, err := f.fit(data)
			out[k] = FittedModel{Key: f.key, Model: m}
			if err != nil {
				out[k].Error = err.Error()
			}
		}()
	}
	wg.Wait()
	return out
}

// Calibration is what a back-test compares: the customers whose first
// purchase falls in the calibration period, with what they did in it and
// in the holdout after it.
type Calibration struct {
	End        calendar.Date // last day of the calibration period
	HoldoutEnd calendar.Date // last day of the holdout: the as-of date
	// HoldoutUnits is the holdout as configured, and Units as the extract
	// read it, in the models' time units.
	HoldoutUnits float64
	Units        int
	// Data are the customers' (x, t_x, T) from their purchase days before
	// the holdout, in time units; Actual their repeat purchase days in the
	// holdout, aligned with Data.
	Data   []btyd.RFT
	Actual []float64
	// PerUnit sums the purchase days of the same customers in each time
	// unit of the holdout (Units of them).
	PerUnit []float64
}

// Run fits each purchase model that converged on all the data (full)
// again on the calibration period of c and compares its predictions for
// the holdout with what the customers did. A model that did not converge
// on all the data cannot be chosen and is not back-tested (its Error is
// NotBacktested). It never fails: with too little history (the longest
// customer's calibration period shorter than half the holdout) or fewer
// than 20 repeat buyers it returns a Result whose Skipped says why.
func Run(c Calibration, full []FittedModel) Result {
	bt := Result{HoldoutUnits: c.HoldoutUnits, HoldoutEnd: c.HoldoutEnd, CalibrationEnd: c.End}
	data, actual := c.Data, c.Actual
	bt.Customers = len(data)
	longest := 0.0
	for _, r := range data {
		if r.X >= 1 {
			bt.RepeatBuyers++
		}
		longest = math.Max(longest, r.T)
	}
	switch {
	case longest < float64(c.Units)/2:
		bt.Skipped = SkippedHistory
		return bt
	case bt.RepeatBuyers < minRepeatBuyers:
		bt.Skipped = SkippedFew
		return bt
	}
	for _, a := range actual {
		bt.ActualRepeat += a
	}
	bt.Tracking = Tracking{Actual: cumulative(c.PerUnit), Predicted: map[string][]float64{}}

	// The naive baseline: each customer goes on at their own rate x ÷ T.
	H := float64(c.Units)
	for k, r := range data {
		pred := 0.0
		if r.T > 0 {
			pred = r.X / r.T * H
		}
		bt.NaivePredicted += pred
		bt.NaiveMAE += math.Abs(pred - actual[k])
	}
	bt.NaiveMAE /= float64(len(data))

	buckets := make([]FrequencyBucket, 8)
	for f := range buckets {
		buckets[f] = FrequencyBucket{Frequency: f, PredictedMean: map[string]float64{}}
	}
	bucketOf := func(x float64) int { return int(math.Min(x, 7)) }
	for k, r := range data {
		b := &buckets[bucketOf(r.X)]
		b.Customers++
		b.ActualMean += actual[k]
	}

	converged := map[string]bool{}
	for _, f := range full {
		if f.Model != nil && f.Error == "" {
			converged[f.Key] = true
		}
	}
	fits := FitModels(data, converged)
	for _, f := range full {
		if !converged[f.Key] {
			fits = append(fits, FittedModel{Key: f.Key, Error: NotBacktested})
		}
	}
	distinct, at := btyd.Distinct(data)
	for _, fm := range fits {
		bm := Model{Key: fm.Key, Error: fm.Error}
		if fm.Model != nil {
			bm.Fit, bm.Params = fm.Model.Fit(), fm.Model.Params()
		}
		if fm.Model == nil || fm.Error != "" {
			bt.Models = append(bt.Models, bm)
			continue
		}
		curves := predictCurves(fm.Model, distinct, c.Units)
		track := make([]float64, c.Units)
		sums := make([]float64, len(buckets))
		for k, r := range data {
			cu := curves[at[k]]
			for u := range track {
				track[u] += cu[u]
			}
			pred := cu[c.Units-1]
			bm.Predicted += pred
			bm.MAE += math.Abs(pred - actual[k])
			sums[bucketOf(r.X)] += pred
		}
		bm.MAE /= float64(len(data))
		bt.Tracking.Predicted[fm.Key] = track
		for f := range buckets {
			buckets[f].PredictedMean[fm.Key] = stats.Ratio(sums[f], float64(buckets[f].Customers))
		}
		bt.Models = append(bt.Models, bm)
	}
	for f := range buckets {
		buckets[f].ActualMean = stats.Ratio(buckets[f].ActualMean, float64(buckets[f].Customers))
	}
	bt.ByFrequency = buckets
	return bt
}

// cumulative returns the running sums of xs.
func cumulative(xs []float64) []float64 {
	out := make([]float64, len(xs))
	sum := 0.0
	for k, x := range xs {
		sum += x
		out[k] = sum
	}
	return out
}

// predictCurves returns, for each of the distinct histories, the model's
// E[Y(t) | x, t_x, T] at t = 1, 2, …, units, computed on all cores
// (btyd.ConditionalCurves).
func predictCurves(m btyd.PurchaseModel, distinct []btyd.RFT, units int) [][]float64 {
	ts := make([]float64, units)
	for u := range ts {
		ts[u] = float64(u + 1)
	}
	curves := btyd.ConditionalCurves(m, distinct, ts)
	for _, c := range curves {
		for u := range c {
			c[u] = stats.Finite(c[u])
		}
	}
	return curves
}

// Choose picks the purchase model every prediction uses from the models
// fitted on all the data (full) and the back-test: the configured one
// (want, unless "" or "auto"), else the only converged one, else the
// converged one with the lowest holdout error per customer, else (no
// back-test) the lowest BIC. It returns the chosen key ("" when none can
// be used), the Choice* reason and, when none can be used, why.
func Choose(full []FittedModel, bt *Result, want string) (key, reason, why string) {
	usable := func(k string) bool {
		for _, f := range full {
			if f.Key == k {
				return f.Model != nil && f.Error == ""
			}
		}
		return false
	}
	errorOf := func(k string) string {
		for _, f := range full {
			if f.Key == k && f.Error != "" {
				return f.Error
			}
		}
		return "not fitted"
	}
	if want != "" && want != "auto" {
		if usable(want) {
			return want, ChoiceConfigured, ""
		}
		return "", ChoiceNone, fmt.Sprintf("%s (analysis.models.purchase_model): %s", want, errorOf(want))
	}
	var candidates []string
	for _, f := range full {
		if usable(f.Key) {
			candidates = append(candidates, f.Key)
		}
	}
	switch len(candidates) {
	case 0:
		var whys []string
		for _, f := range full {
			whys = append(whys, f.Key+": "+errorOf(f.Key))
		}
		return "", ChoiceNone, fmt.Sprint(whys)
	case 1:
		return candidates[0], ChoiceOnly, ""
	}
	if bt.Skipped == "" {
		best, bestMAE := "", math.Inf(1)
		for _, m := range bt.Models {
			if m.Error == "" && usable(m.Key) && m.MAE < bestMAE {
				best, bestMAE = m.Key, m.MAE
			}
		}
		if best != "" {
			return best, ChoiceHoldout, ""
		}
	}
	best, bestBIC := "", math.Inf(1)
	for _, f := range full {
		if usable(f.Key) {
			if b := f.Model.Fit().BIC(); b < bestBIC {
				best, bestBIC = f.Key, b
			}
		}
	}
	return best, ChoiceBIC, ""
}

// Verdict thresholds on the holdout total: within verdictUsableShare of
// the actual repeat purchases the model is usable; within
// verdictCautionShare, use it with caution; further off, not usable.
const (
	verdictUsableShare  = 0.15
	verdictCautionShare = 0.35
)

// Judge returns the verdict on the chosen purchase model (chosen; "" when
// none can be used) from its back-test bt, the repeat buyers of all the
// data and the spend model: ggError says why it is not usable ("" when it
// is), and spendCorrelation over spendN repeat buyers is the correlation
// between purchase frequency and mean spend per purchase.
func Judge(chosen string, bt *Result, repeatBuyers int, ggError string, spendCorrelation float64, spendN int) Verdict {
	v := Verdict{Level: VerdictUsable}
	worse := func(level string) {
		rank := map[string]int{VerdictUsable: 0, VerdictCaution: 1, VerdictNotUsable: 2}
		if rank[level] > rank[v.Level] {
			v.Level = level
		}
	}
	if chosen == "" {
		v.Level = VerdictNotUsable
		v.Reasons = append(v.Reasons, VerdictReason{Code: ReasonNotConverged})
		if repeatBuyers < minRepeatBuyers {
			v.Reasons = append(v.Reasons, VerdictReason{Code: ReasonFewRepeatBuyers, Count: repeatBuyers})
		}
		return v
	}
	if repeatBuyers < minRepeatBuyers {
		worse(VerdictNotUsable)
		v.Reasons = append(v.Reasons, VerdictReason{Code: ReasonFewRepeatBuyers, Count: repeatBuyers, Model: chosen})
	}
	var bm *Model
	for k := range bt.Models {
		if bt.Models[k].Key == chosen && bt.Models[k].Error == "" {
			bm = &bt.Models[k]
		}
	}
	switch {
	case bt.Skipped != "" || bm == nil:
		worse(VerdictCaution)
		v.Reasons = append(v.Reasons, VerdictReason{Code: ReasonNoHoldout, Model: chosen})
	default:
		share := math.Inf(1)
		if bt.ActualRepeat > 0 {
			share = (bm.Predicted - bt.ActualRepeat) / bt.ActualRepeat
		} else if bm.Predicted == 0 {
			share = 0
		}
		switch a := math.Abs(share); {
		case a > verdictCautionShare:
			worse(VerdictNotUsable)
		case a > verdictUsableShare:
			worse(VerdictCaution)
		}
		if math.IsInf(share, 0) {
			share = 0 // reported through Predicted and Actual
		}
		v.Reasons = append(v.Reasons, VerdictReason{Code: ReasonTracking, Model: chosen, Predicted: bm.Predicted,
			Actual: bt.ActualRepeat, Units: bt.HoldoutUnits, Share: share})
		code := ReasonNaiveWorse
		if bm.MAE >= bt.NaiveMAE {
			code = ReasonNaiveBetter
			worse(VerdictCaution)
		}
		v.Reasons = append(v.Reasons, VerdictReason{Code: code, Model: chosen, MAE: bm.MAE, NaiveMAE: bt.NaiveMAE})
	}
	if ggError != "" {
		worse(VerdictCaution)
		v.Reasons = append(v.Reasons, VerdictReason{Code: ReasonSpendFailed})
	} else if spendN >= 3 && math.Abs(spendCorrelation) >= btyd.SpendRelatedCorrelation {
		worse(VerdictCaution)
		v.Reasons = append(v.Reasons, VerdictReason{Code: ReasonSpendRelated, Share: spendCorrelation})
	}
	return v
}
