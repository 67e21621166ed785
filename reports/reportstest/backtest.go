package reportstest

import (
	"time"

	"github.com/custseg/custseg/analysis"
	"github.com/custseg/custseg/analysis/btyd"
)

// Fixtures of the purchase models' back-test, the model choice and the
// verdict (analysis.Models.Purchase, Backtest, Verdict …), set by hand so
// the report tests do not depend on the back-test's computation.

// fakeModel is a fitted purchase model of any key, for fixtures: its
// predictions are never asked for.
type fakeModel struct {
	key    string
	fit    btyd.ModelFit
	params map[string]float64
}

func (m fakeModel) Key() string                                              { return m.key }
func (m fakeModel) PAlive(x, tx, T float64) float64                          { return 0.5 }
func (m fakeModel) ConditionalExpectedPurchases(t, x, tx, T float64) float64 { return 0 }
func (m fakeModel) ExpectedPurchases(t float64) float64                      { return 0 }
func (m fakeModel) Fit() btyd.ModelFit                                       { return m.fit }
func (m fakeModel) Params() map[string]float64                               { return m.params }

// The back-test fixture's numbers, which the tests' expected sentences
// repeat.
const (
	actual       = 1880.0
	bgPredicted  = 1650.0 // 12.2% under
	mbgPredicted = 1710.0
	bgmae        = 0.84
	mbgmae       = 0.86
	naiveMAE     = 1.02
	spendCorr    = 0.34
	units        = 13
)

// FillBacktest gives m three fitted purchase models (BG/NBD and MBG/NBD
// converged, Pareto/NBD ran to a boundary), a 13-week back-test of them
// ending at asOf in which BG/NBD, the chosen model, under-predicts by
// 12.2% but beats the naive baseline, and a verdict of caution: the
// tracking, the baseline and a spend correlation of 0.34.
func FillBacktest(m *analysis.Models, asOf time.Time) {
	m.BGNBD = btyd.BGNBD{R: 0.243, Alpha: 4.414, A: 0.793, B: 2.426, LogLikelihood: -9582.43, Converged: true, N: 1200}
	m.TimeUnitDays = 7
	mbg := btyd.MBGNBD{R: 0.251, Alpha: 4.62, A: 0.61, B: 2.9, LogLikelihood: -9590.12, Converged: true, N: m.BGNBD.N}
	pareto := fakeModel{key: btyd.ModelParetoNBD, fit: btyd.ModelFit{LogLikelihood: -9701.5, K: 4, N: m.BGNBD.N},
		params: map[string]float64{"r": 0.55, "alpha": 10.58, "s": 0.61, "beta": 11.67}}
	m.Purchase = []analysis.FittedModel{
		{Key: btyd.ModelBGNBD, Model: m.BGNBD},
		{Key: btyd.ModelMBGNBD, Model: mbg},
		{Key: btyd.ModelParetoNBD, Model: pareto, Error: notConverged},
	}
	m.Chosen, m.ChoiceReason = btyd.ModelBGNBD, analysis.ChoiceHoldout
	calEnd := analysis.DateOf(asOf.AddDate(0, 0, -7*units))
	b := analysis.Backtest{
		CalibrationEnd: calEnd, HoldoutEnd: analysis.DateOf(asOf), HoldoutUnits: units,
		Customers: 1500, RepeatBuyers: 620, ActualRepeat: actual,
		NaivePredicted: 2400, NaiveMAE: naiveMAE,
		Models: []analysis.BacktestModel{
			{Key: btyd.ModelBGNBD, Fit: m.BGNBD.Fit(), Params: m.BGNBD.Params(), Predicted: bgPredicted, MAE: bgmae},
			{Key: btyd.ModelMBGNBD, Fit: mbg.Fit(), Params: mbg.Params(), Predicted: mbgPredicted, MAE: mbgmae},
			{Key: btyd.ModelParetoNBD, Fit: pareto.fit, Params: pareto.params, Error: notConverged},
		},
		Tracking: analysis.Tracking{Predicted: map[string][]float64{}},
	}
	customers := []int{700, 300, 180, 120, 80, 50, 30, 40}
	for f, n := range customers {
		b.ByFrequency = append(b.ByFrequency, analysis.FrequencyBucket{
			Frequency: f, Customers: n, ActualMean: 0.2 + 0.45*float64(f),
			PredictedMean: map[string]float64{
				btyd.ModelBGNBD:  0.15 + 0.4*float64(f),
				btyd.ModelMBGNBD: 0.17 + 0.41*float64(f),
			}})
	}
	for k := 1; k <= units; k++ {
		share := float64(k) / units
		b.Tracking.Actual = append(b.Tracking.Actual, actual*share)
		b.Tracking.Predicted[btyd.ModelBGNBD] = append(b.Tracking.Predicted[btyd.ModelBGNBD], bgPredicted*share)
		b.Tracking.Predicted[btyd.ModelMBGNBD] = append(b.Tracking.Predicted[btyd.ModelMBGNBD], mbgPredicted*share)
	}
	m.Backtest = b
	m.SpendCorrelation, m.SpendCorrelationN = spendCorr, 620
	m.Verdict = analysis.Verdict{Level: analysis.VerdictCaution, Reasons: []analysis.VerdictReason{
		{Code: analysis.ReasonTracking, Model: btyd.ModelBGNBD, Predicted: bgPredicted, Actual: actual, Units: units,
			Share: (bgPredicted - actual) / actual},
		{Code: analysis.ReasonNaiveWorse, Model: btyd.ModelBGNBD, MAE: bgmae, NaiveMAE: naiveMAE},
		{Code: analysis.ReasonSpendRelated, Share: spendCorr},
	}}
}

// SkipBacktest makes m's back-test skipped for the reason code (one of
// analysis.BacktestSkipped*), BG/NBD chosen by BIC and the verdict one of
// caution: the predictions could not be checked.
func SkipBacktest(m *analysis.Models, code string) {
	FillBacktest(m, time.Date(2026, 9, 30, 0, 0, 0, 0, time.UTC))
	m.Backtest = analysis.Backtest{Skipped: code, HoldoutUnits: units, RepeatBuyers: 40}
	if code == analysis.BacktestSkippedOff {
		m.Backtest.HoldoutUnits = 0
	}
	m.ChoiceReason = analysis.ChoiceBIC
	m.Verdict = analysis.Verdict{Level: analysis.VerdictCaution, Reasons: []analysis.VerdictReason{{Code: analysis.ReasonNoHoldout}}}
}

// notConverged is a fit's failure as the analysis records it: the fit
// ran to a boundary, which the fitters report as not converged.
var notConverged = "analysis: Pareto/NBD fit on 1000 customers (r=0.55 α=10.58 s=0.61 β=11.67): " + btyd.ErrNotConverged.Error()
