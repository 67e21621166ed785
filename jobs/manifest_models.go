package jobs

import (
	"cmp"
	"math"
	"slices"

	"github.com/custseg/custseg/analysis"
	"github.com/custseg/custseg/analysis/btyd"
	"github.com/custseg/custseg/reports"
)

// This file holds manifest.json's record of the purchase models beyond the
// BG/NBD (models.mbgnbd, models.pareto_nbd), of the model choice
// (models.purchase_model), of the back-test and verdict (models.backtest)
// and of the spend model's assumption check (models.spend_correlation).
// No number in it is ever NaN or an infinity: a number that is not finite
// is written as 0 (parameters, with converged false) or left out (the
// back-test's per-model maps).

// MBGNBDRecord is the MBG/NBD's parameters and fit.
type MBGNBDRecord struct {
	R             float64 `json:"r"`
	Alpha         float64 `json:"alpha"`
	A             float64 `json:"a"`
	B             float64 `json:"b"`
	LogLikelihood float64 `json:"log_likelihood"`
	Converged     bool    `json:"converged"`
	NCustomers    int     `json:"n_customers"`
	Error         string  `json:"error,omitempty"`
}

// ParetoNBDRecord is the Pareto/NBD's parameters and fit.
type ParetoNBDRecord struct {
	R             float64 `json:"r"`
	Alpha         float64 `json:"alpha"`
	S             float64 `json:"s"`
	Beta          float64 `json:"beta"`
	LogLikelihood float64 `json:"log_likelihood"`
	Converged     bool    `json:"converged"`
	NCustomers    int     `json:"n_customers"`
	Error         string  `json:"error,omitempty"`
}

// PurchaseModelRecord is the purchase model every prediction uses and why
// (analysis.Models.Chosen, ChoiceReason).
type PurchaseModelRecord struct {
	Chosen string `json:"chosen"` // "" when none converged
	Reason string `json:"reason"` // configured, holdout, bic, only or none
	// Error says why no purchase model is used ("" when one is).
	Error string `json:"error,omitempty"`
}

// BacktestRecord is the purchase models' back-test and the verdict on the
// chosen model's predictions.
type BacktestRecord struct {
	// Skipped says why there is no back-test (off, short_history,
	// few_buyers); "" when there is one.
	Skipped        string  `json:"skipped"`
	CalibrationEnd string  `json:"calibration_end"` // YYYY-MM-DD; "" without a back-test
	HoldoutEnd     string  `json:"holdout_end"`
	HoldoutUnits   float64 `json:"holdout_units"`
	Customers      int     `json:"customers"`
	RepeatBuyers   int     `json:"repeat_buyers"`
	ActualRepeat   float64 `json:"actual_repeat"`
	// PredictedRepeat and MAE are by model key, for the models with
	// predictions.
	PredictedRepeat map[string]float64 `json:"predicted_repeat"`
	MAE             map[string]float64 `json:"mae"`
	NaivePredicted  float64            `json:"naive_predicted"`
	NaiveMAE        float64            `json:"naive_mae"`
	ByFrequency     []FrequencyRecord  `json:"by_frequency"`
	// Verdict is the level (usable, caution, not_usable; "" when the run
	// has none) and Reasons why, in order.
	Verdict string         `json:"verdict"`
	Reasons []ReasonRecord `json:"reasons"`
}

// FrequencyRecord is one point of the calibration plot: the customers with
// Frequency repeat purchase days before the holdout (7: 7 or more).
type FrequencyRecord struct {
	Frequency     int                `json:"frequency"`
	Customers     int                `json:"customers"`
	ActualMean    float64            `json:"actual_mean"`
	PredictedMean map[string]float64 `json:"predicted_mean"`
}

// ReasonRecord is one reason of the verdict: its code, the model it is
// about and the sentence the reports show, in English.
type ReasonRecord struct {
	Code  string `json:"code"`
	Model string `json:"model,omitempty"`
	Text  string `json:"text"`
}

// SpendCorrelationRecord is the check of the spend model's assumption: the
// correlation between purchase frequency and spend per purchase over N
// repeat buyers (0 and 0 when not measured).
type SpendCorrelationRecord struct {
	Value float64 `json:"value"`
	N     int     `json:"n"`
}

// notFitted is the error of a purchase model the run did not fit.
const notFitted = "not fitted in this run"

// jsonNum is x, or 0 when x is not a finite number (JSON has no NaN).
func jsonNum(x float64) float64 {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return 0
	}
	return x
}

// fittedModel returns the purchase model key of m, or nil when the run did
// not fit it.
func fittedModel(m *analysis.Models, key string) *analysis.FittedModel {
	for k := range m.Purchase {
		if m.Purchase[k].Key == key {
			return &m.Purchase[k]
		}
	}
	return nil
}

// fitOf returns the parameters, fit and error of the purchase model key of
// m; an absent model has converged false and an error.
func fitOf(m *analysis.Models, key string) (map[string]float64, btyd.ModelFit, string) {
	f := fittedModel(m, key)
	switch {
	case f == nil:
		return nil, btyd.ModelFit{}, notFitted
	case f.Model == nil:
		return nil, btyd.ModelFit{}, cmp.Or(f.Error, notFitted)
	}
	fit := f.Model.Fit()
	fit.Converged = fit.Converged && f.Error == ""
	return f.Model.Params(), fit, f.Error
}

// addPurchaseModels fills rec's records of the purchase models other than
// the BG/NBD, the choice, the back-test and the spend check from m.
func addPurchaseModels(rec *ModelsRecord, m *analysis.Models) {
	p, fit, errText := fitOf(m, btyd.ModelMBGNBD)
	rec.MBGNBD = MBGNBDRecord{R: jsonNum(p["r"]), Alpha: jsonNum(p["alpha"]), A: jsonNum(p["a"]), B: jsonNum(p["b"]),
		LogLikelihood: jsonNum(fit.LogLikelihood), Converged: fit.Converged, NCustomers: fit.N, Error: errText}
	p, fit, errText = fitOf(m, btyd.ModelParetoNBD)
	rec.ParetoNBD = ParetoNBDRecord{R: jsonNum(p["r"]), Alpha: jsonNum(p["alpha"]), S: jsonNum(p["s"]), Beta: jsonNum(p["beta"]),
		LogLikelihood: jsonNum(fit.LogLikelihood), Converged: fit.Converged, NCustomers: fit.N, Error: errText}
	rec.PurchaseModel = PurchaseModelRecord{Chosen: m.Chosen, Reason: m.ChoiceReason, Error: m.PurchaseError}
	rec.Backtest = backtestRecord(m)
	if m.SpendCorrelationN > 0 {
		rec.SpendCorrelation = SpendCorrelationRecord{Value: jsonNum(m.SpendCorrelation), N: m.SpendCorrelationN}
	}
}

// backtestRecord is the manifest's record of m's back-test and verdict.
func backtestRecord(m *analysis.Models) BacktestRecord {
	b := &m.Backtest
	r := BacktestRecord{Skipped: b.Skipped, HoldoutUnits: jsonNum(b.HoldoutUnits), Customers: b.Customers,
		RepeatBuyers: b.RepeatBuyers, PredictedRepeat: map[string]float64{}, MAE: map[string]float64{},
		ByFrequency: []FrequencyRecord{}, Reasons: []ReasonRecord{}, Verdict: m.Verdict.Level}
	if b.Skipped == "" && !b.CalibrationEnd.IsZero() {
		r.CalibrationEnd, r.HoldoutEnd = b.CalibrationEnd.String(), b.HoldoutEnd.String()
		r.ActualRepeat, r.NaivePredicted, r.NaiveMAE = jsonNum(b.ActualRepeat), jsonNum(b.NaivePredicted), jsonNum(b.NaiveMAE)
		var keys []string
		for _, bm := range b.Models {
			if bm.Error != "" || math.IsNaN(bm.Predicted) || math.IsInf(bm.Predicted, 0) {
				continue
			}
			keys = append(keys, bm.Key)
			r.PredictedRepeat[bm.Key] = bm.Predicted
			if !math.IsNaN(bm.MAE) && !math.IsInf(bm.MAE, 0) {
				r.MAE[bm.Key] = bm.MAE
			}
		}
		for _, f := range b.ByFrequency {
			fr := FrequencyRecord{Frequency: f.Frequency, Customers: f.Customers, ActualMean: jsonNum(f.ActualMean),
				PredictedMean: map[string]float64{}}
			for key, v := range f.PredictedMean {
				if slices.Contains(keys, key) && !math.IsNaN(v) && !math.IsInf(v, 0) {
					fr.PredictedMean[key] = v
				}
			}
			r.ByFrequency = append(r.ByFrequency, fr)
		}
	}
	if m.Verdict.Level != "" {
		v := reports.DescribeVerdict(*m, analysis.ModelParams{HoldoutUnits: b.HoldoutUnits}, "en")
		for k, reason := range m.Verdict.Reasons {
			text := ""
			if k < len(v.Reasons) {
				text = v.Reasons[k]
			}
			r.Reasons = append(r.Reasons, ReasonRecord{Code: reason.Code, Model: reason.Model, Text: text})
		}
	}
	return r
}
