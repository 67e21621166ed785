package backtest

import (
	"github.com/custseg/custseg/analysis/btyd"
	"github.com/custseg/custseg/analysis/calendar"
)

// This file holds the result types of the purchase models' back-test and
// of the choice between the models (backtest.go computes them).

// FittedModel is one purchase model fitted on all the data to the as-of
// date.
type FittedModel struct {
	Key   string             // btyd.ModelBGNBD, btyd.ModelMBGNBD or btyd.ModelParetoNBD
	Model btyd.PurchaseModel // nil when it could not be fitted at all
	Error string             // why it is not usable; "" when it converged
}

// Result is the hold-out check of the purchase models: each is fitted on
// the orders up to CalibrationEnd and predicts the repeat purchase days of
// those customers from the day after up to HoldoutEnd (the as-of date);
// the predictions are compared with what the customers did.
type Result struct {
	// Skipped says why there is no back-test ("" when there is one): one
	// of the Skipped* codes.
	Skipped        string
	CalibrationEnd calendar.Date // last day of the calibration period
	HoldoutEnd     calendar.Date // last day of the holdout: the as-of date
	HoldoutUnits   float64
	// Customers are the customers whose first purchase falls in the
	// calibration period; RepeatBuyers those of them who bought on two or
	// more days in it.
	Customers    int
	RepeatBuyers int
	// ActualRepeat counts their purchase days in the holdout.
	ActualRepeat float64
	// NaivePredicted and NaiveMAE are those of the naive baseline: each
	// customer goes on buying at their own calibration rate x ÷ T.
	NaivePredicted float64
	NaiveMAE       float64
	Models         []Model // in the order btyd.ModelBGNBD, btyd.ModelMBGNBD, btyd.ModelParetoNBD
	// ByFrequency compares actual and predicted means by calibration
	// frequency x = 0, 1, …, 6 and 7 or more (the calibration plot).
	ByFrequency []FrequencyBucket
	// Tracking is the cumulative repeat purchase days over the holdout,
	// time unit by time unit (the tracking plot).
	Tracking Tracking
}

// Back-test skip reasons (Result.Skipped).
const (
	SkippedOff     = "off"           // analysis.models.holdout_units is 0
	SkippedHistory = "short_history" // the calibration period would be shorter than half the holdout
	SkippedFew     = "few_buyers"    // too few repeat buyers in the calibration period
)

// Model is one model's fit on the calibration period and its
// holdout predictions.
type Model struct {
	Key       string
	Fit       btyd.ModelFit
	Params    map[string]float64
	Error     string  // why the calibration fit is not usable ("" when it converged)
	Predicted float64 // total predicted repeat purchase days in the holdout
	MAE       float64 // mean absolute error per customer
}

// FrequencyBucket is one point of the calibration plot: the customers with
// Frequency repeat purchase days in the calibration period (7 stands for 7
// or more), their mean actual repeat purchase days in the holdout, and
// each model's mean prediction (by model key).
type FrequencyBucket struct {
	Frequency     int
	Customers     int
	ActualMean    float64
	PredictedMean map[string]float64
}

// Tracking holds cumulative repeat purchase days at the end of each time
// unit k = 1 … holdout units of the holdout: Actual[k-1], and per model key
// Predicted[key][k-1].
type Tracking struct {
	Actual    []float64
	Predicted map[string][]float64
}

// Verdict says in plain terms whether to trust the chosen purchase model.
type Verdict struct {
	Level   string // VerdictUsable, VerdictCaution or VerdictNotUsable
	Reasons []VerdictReason
}

// Verdict levels.
const (
	VerdictUsable    = "usable"
	VerdictCaution   = "caution"
	VerdictNotUsable = "not_usable"
)

// VerdictReason is one reason of a verdict: a code (the Reason* constants
// below) and the numbers its sentence needs; reports word it in each
// language.
type VerdictReason struct {
	Code      string
	Model     string  // the model it is about
	Predicted float64 // ReasonTracking
	Actual    float64 // ReasonTracking
	Units     float64 // ReasonTracking: the holdout in time units
	Share     float64 // ReasonTracking: (predicted − actual) ÷ actual; ReasonSpendRelated: the correlation
	MAE       float64 // ReasonNaive*
	NaiveMAE  float64 // ReasonNaive*
	Count     int     // ReasonFewRepeatBuyers
}

// Verdict reason codes.
const (
	ReasonTracking        = "tracking"          // how far the holdout total was off
	ReasonNaiveBetter     = "naive_better"      // the naive baseline did as well or better per customer
	ReasonNaiveWorse      = "beats_naive"       // the model beat the naive baseline per customer
	ReasonNoHoldout       = "no_holdout"        // no back-test: the model could not be checked
	ReasonNotConverged    = "not_converged"     // the chosen model did not converge: no predictions
	ReasonFewRepeatBuyers = "few_repeat_buyers" // too few repeat buyers to trust any model
	ReasonSpendRelated    = "spend_related"     // spend per purchase and frequency are related: Gamma-Gamma's assumption is weak
	ReasonSpendFailed     = "spend_failed"      // the spend model could not be used: no lifetime value
)

// Model choice reasons (Choose; analysis.Models.ChoiceReason).
const (
	ChoiceConfigured = "configured" // analysis.models.purchase_model names the model
	ChoiceHoldout    = "holdout"    // the lowest holdout error per customer
	ChoiceBIC        = "bic"        // no back-test: the lowest BIC on all the data
	ChoiceOnly       = "only"       // the only model that converged
	ChoiceNone       = "none"       // no model converged
)
