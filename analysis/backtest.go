package analysis

import (
	"github.com/custseg/custseg/analysis/backtest"
	"github.com/custseg/custseg/analysis/btyd"
)

// The purchase models' fits, back-test, choice and verdict are package
// backtest's; Models holds them under these names.

// FittedModel is one purchase model fitted on all the data to the as-of
// date (backtest.FittedModel).
type FittedModel = backtest.FittedModel

// Backtest is the hold-out check of the purchase models (backtest.Result).
type Backtest = backtest.Result

// BacktestModel is one model's fit on the calibration period and its
// holdout predictions (backtest.Model).
type BacktestModel = backtest.Model

// FrequencyBucket is one point of the back-test's calibration plot
// (backtest.FrequencyBucket).
type FrequencyBucket = backtest.FrequencyBucket

// Tracking is the back-test's cumulative repeat purchase days over the
// holdout (backtest.Tracking).
type Tracking = backtest.Tracking

// Verdict says whether to trust the chosen purchase model
// (backtest.Verdict).
type Verdict = backtest.Verdict

// VerdictReason is one reason of a verdict (backtest.VerdictReason).
type VerdictReason = backtest.VerdictReason

// Back-test skip reasons (Backtest.Skipped).
const (
	BacktestSkippedOff     = backtest.SkippedOff
	BacktestSkippedHistory = backtest.SkippedHistory
	BacktestSkippedFew     = backtest.SkippedFew
)

// Verdict levels (Verdict.Level).
const (
	VerdictUsable    = backtest.VerdictUsable
	VerdictCaution   = backtest.VerdictCaution
	VerdictNotUsable = backtest.VerdictNotUsable
)

// Verdict reason codes (VerdictReason.Code).
const (
	ReasonTracking        = backtest.ReasonTracking
	ReasonNaiveBetter     = backtest.ReasonNaiveBetter
	ReasonNaiveWorse      = backtest.ReasonNaiveWorse
	ReasonNoHoldout       = backtest.ReasonNoHoldout
	ReasonNotConverged    = backtest.ReasonNotConverged
	ReasonFewRepeatBuyers = backtest.ReasonFewRepeatBuyers
	ReasonSpendRelated    = backtest.ReasonSpendRelated
	ReasonSpendFailed     = backtest.ReasonSpendFailed
)

// Model choice reasons (Models.ChoiceReason).
const (
	ChoiceConfigured = backtest.ChoiceConfigured
	ChoiceHoldout    = backtest.ChoiceHoldout
	ChoiceBIC        = backtest.ChoiceBIC
	ChoiceOnly       = backtest.ChoiceOnly
	ChoiceNone       = backtest.ChoiceNone
)

// isCalibrationBuyer reports whether c first bought in the calibration
// period that ends on calEnd.
func isCalibrationBuyer(c *Customer, calEnd Date) bool {
	return c.IsBuyer() && c.FirstOrder <= calEnd && c.CalOrderDays >= 1
}

// runBacktest back-tests the purchase models fitted on all the data
// (full) on the holdout the extract read (d.Holdout): the calibration
// customers, those whose first purchase falls before it, with their (x,
// t_x, T) from their purchase days before it and their purchase days in
// it (backtest.Run). With the back-test off (p.HoldoutUnits 0) or no
// holdout extracted it returns a Backtest skipped as off.
func runBacktest(d *Dataset, p ModelParams, full []FittedModel) Backtest {
	h := &d.Holdout
	if p.HoldoutUnits <= 0 || !h.Known || h.Units <= 0 {
		return Backtest{Skipped: BacktestSkippedOff, HoldoutUnits: p.HoldoutUnits, HoldoutEnd: DateOf(d.AsOf)}
	}
	c := backtest.Calibration{End: h.Start - 1, HoldoutEnd: DateOf(d.AsOf), HoldoutUnits: p.HoldoutUnits, Units: h.Units}
	unit := p.TimeUnitDays
	for i := range d.Customers {
		cu := &d.Customers[i]
		if !isCalibrationBuyer(cu, c.End) {
			continue
		}
		c.Data = append(c.Data, btyd.RFT{
			X:  float64(cu.CalOrderDays - 1),
			Tx: float64(cu.FirstOrder.DaysTo(cu.CalLastOrder)) / unit,
			T:  float64(cu.FirstOrder.DaysTo(c.End)) / unit,
		})
		c.Actual = append(c.Actual, float64(cu.HoldoutDays))
	}
	c.PerUnit = make([]float64, h.Units)
	for _, cell := range h.Cells {
		if cell.Customer < 0 || int(cell.Customer) >= len(d.Customers) {
			continue
		}
		if cu := &d.Customers[cell.Customer]; isCalibrationBuyer(cu, c.End) && int(cell.Unit) < h.Units && cell.Unit >= 0 {
			c.PerUnit[cell.Unit] += float64(cell.Days)
		}
	}
	return backtest.Run(c, full)
}
