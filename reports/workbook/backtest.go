package workbook

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/custseg/custseg/reports"

	"github.com/custseg/custseg/analysis"
)

// This file puts the purchase models' back-test, the choice between them
// and the verdict on their predictions on the workbook's Model sheet, and
// their terms on the Definitions sheet. The sentences are the HTML
// report's (DescribeVerdict).

// Texts of the workbook about the back-test. [2]Labels are an item and
// what it means; those with %s take formatted values, in order.
var (
	mdBtCalEnd    = [2]reports.Label{"workbook.mdBtCalEnd.0", "workbook.mdBtCalEnd.1"}
	mdBtHoldout   = [2]reports.Label{"workbook.mdBtHoldout.0", "workbook.mdBtHoldout.1"}
	mdBtCustomers = [2]reports.Label{"workbook.mdBtCustomers.0", "workbook.mdBtCustomers.1"}
	mdBtRepeat    = [2]reports.Label{"workbook.mdBtRepeat.0", "workbook.mdBtRepeat.1"}
	mdBtActual    = [2]reports.Label{"workbook.mdBtActual.0", "workbook.mdBtActual.1"}
	mdBtNaivePred = [2]reports.Label{"workbook.mdBtNaivePred.0", "workbook.mdBtNaivePred.1"}
	mdBtNaiveMAE  = [2]reports.Label{"workbook.mdBtNaiveMAE.0", "workbook.mdBtNaiveMAE.1"}

	mdSpendCorr = [2]reports.Label{"workbook.mdSpendCorr.0", "workbook.mdSpendCorr.1"}

	mdHoldoutSetting = [2]reports.Label{"workbook.mdHoldoutSetting.0", "workbook.mdHoldoutSetting.1"}
	mdModelSetting   = [2]reports.Label{"workbook.mdModelSetting.0", "workbook.mdModelSetting.1"}

	dfHoldout = [2]reports.Label{"workbook.dfHoldout.0", "workbook.dfHoldout.1"}

	dfMAE         = [2]reports.Label{"workbook.dfMAE.0", "workbook.dfMAE.1"}
	dfNaive       = [2]reports.Label{"workbook.dfNaive.0", "workbook.dfNaive.1"}
	dfTracking    = [2]reports.Label{"workbook.dfTracking.0", "workbook.dfTracking.1"}
	dfCalibration = [2]reports.Label{"workbook.dfCalibration.0", "workbook.dfCalibration.1"}
	dfBIC         = [2]reports.Label{"workbook.dfBIC.0", "workbook.dfBIC.1"}
	dfSpend       = [2]reports.Label{"workbook.dfSpend.0", "workbook.dfSpend.1"}
	dfNextOrder   = [2]reports.Label{"workbook.dfNextOrder.0", "workbook.dfNextOrder.1"}
)

// modelRow adds a row to the Model sheet's first table: section, item,
// value (nil: blank) with its kind, and what it means.
type modelRow func(section reports.Label, item string, v any, k kind, meaning string)

// verdictText is the run's verdict worded in the workbook's locale.
func (wb *workbook) verdictText() reports.VerdictText {
	return reports.DescribeVerdict(wb.res.Models, wb.params().Models, wb.loc)
}

// modelVerdictRows adds the verdict, its reasons, why there is no
// back-test and the chosen purchase model. Nothing when the run has no
// verdict.
func (wb *workbook) modelVerdictRows(add modelRow) {
	m := wb.res.Models
	if m.Verdict.Level == "" && m.Chosen == "" && m.ChoiceReason == "" {
		return
	}
	v := wb.verdictText()
	if v.Level != "" {
		add(reports.Label("workbook.mdVerdictSec"), wb.t("workbook.mdVerdict"), v.Level, kLabel, v.Meaning)
	}
	for _, r := range v.Reasons {
		add(reports.Label("workbook.mdVerdictSec"), wb.t("workbook.mdWhy"), nil, kText, r)
	}
	if v.Skipped != "" {
		add(reports.Label("workbook.mdVerdictSec"), wb.t("workbook.mdWhy"), nil, kText, v.Skipped)
	}
	chosen := wb.t("workbook.mdNone")
	if m.Chosen != "" {
		chosen = reports.PurchaseModelName(m.Chosen, wb.loc)
	}
	add(reports.Label("workbook.mdVerdictSec"), wb.t("workbook.mdChosen"), chosen, kLabel, v.Choice)
}

// modelSpendRows adds the check of the spend model's assumption: the
// correlation between purchase frequency and spend per purchase.
func (wb *workbook) modelSpendRows(add modelRow) {
	m := wb.res.Models
	if m.SpendCorrelationN > 0 && reports.Finite(m.SpendCorrelation) {
		add(reports.Label("workbook.mdGG"), wb.t(mdSpendCorr[0]), m.SpendCorrelation, kDec,
			fmt.Sprintf(wb.t(mdSpendCorr[1]), reports.Int(m.SpendCorrelationN)))
	} else if m.Verdict.Level != "" {
		add(reports.Label("workbook.mdGG"), wb.t(mdSpendCorr[0]), nil, kDec, wb.t("workbook.mdSpendNone"))
	}
}

// modelBacktestRows adds the back-test's dates and totals, or why there is
// none. Nothing when the run says nothing of a back-test.
func (wb *workbook) modelBacktestRows(add modelRow) {
	m := wb.res.Models
	b := &m.Backtest
	switch {
	case b.Skipped != "":
		add(reports.Label("workbook.mdBacktestSec"), wb.t("workbook.mdBacktestSec"), wb.t("workbook.mdBtNotRun"), kText, reports.BacktestSkipped(m, wb.params().Models, wb.loc))
		return
	case b.CalibrationEnd.IsZero():
		return
	}
	pair := func(l [2]reports.Label, v any, k kind, args ...any) {
		meaning := wb.t(l[1])
		if len(args) > 0 {
			meaning = fmt.Sprintf(meaning, args...)
		}
		add(reports.Label("workbook.mdBacktestSec"), wb.t(l[0]), v, k, meaning)
	}
	pair(mdBtCalEnd, b.CalibrationEnd.String(), kText)
	pair(mdBtHoldout, reports.BtSpan(b.HoldoutUnits, m.TimeUnitDays, wb.loc), kText,
		(b.CalibrationEnd + 1).String(), b.HoldoutEnd.String())
	pair(mdBtCustomers, b.Customers, kInt)
	pair(mdBtRepeat, b.RepeatBuyers, kInt)
	pair(mdBtActual, math.Round(b.ActualRepeat), kInt)
	pair(mdBtNaivePred, b.NaivePredicted, kDec1)
	pair(mdBtNaiveMAE, b.NaiveMAE, kDec)
}

// modelSettingRows adds the back-test's settings.
func (wb *workbook) modelSettingRows(add modelRow) {
	p := wb.params().Models
	holdout := wb.t("workbook.mdOff")
	if p.HoldoutUnits > 0 {
		holdout = reports.BtSpan(p.HoldoutUnits, p.TimeUnitDays, wb.loc)
	}
	add(reports.Label("workbook.mdSettings"), wb.t(mdHoldoutSetting[0]), holdout, kText, wb.t(mdHoldoutSetting[1]))
	if p.PurchaseModel != "" {
		add(reports.Label("workbook.mdSettings"), wb.t(mdModelSetting[0]), p.PurchaseModel, kText, wb.t(mdModelSetting[1]))
	}
}

// modelKeys lists the keys of the purchase models of the run: those
// fitted on all the data, then any only the back-test has.
func modelKeys(m *analysis.Models) []string {
	var keys []string
	for _, f := range m.Purchase {
		if !slices.Contains(keys, f.Key) {
			keys = append(keys, f.Key)
		}
	}
	for _, bm := range m.Backtest.Models {
		if !slices.Contains(keys, bm.Key) {
			keys = append(keys, bm.Key)
		}
	}
	return keys
}

// paramOrder is the order parameters are listed in; others follow by name.
var paramOrder = []string{"r", "alpha", "a", "b", "s", "beta"}

// paramNames are how parameters are written.
var paramNames = map[string]string{"alpha": "α", "beta": "β"}

// paramsText writes a model's parameters: "r 0.243 · α 4.414 · a 0.793 ·
// b 2.426".
func paramsText(params map[string]float64) string {
	keys := make([]string, 0, len(params))
	for k := range params {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b string) int {
		ia, ib := slices.Index(paramOrder, a), slices.Index(paramOrder, b)
		switch {
		case ia >= 0 && ib >= 0:
			return ia - ib
		case ia >= 0:
			return -1
		case ib >= 0:
			return 1
		}
		return strings.Compare(a, b)
	})
	parts := make([]string, 0, len(keys))
	for _, k := range keys {
		name := k
		if n, ok := paramNames[k]; ok {
			name = n
		}
		v := "—"
		switch x := params[k]; {
		case !reports.Finite(x):
		case math.Abs(x) >= 1000:
			v = reports.Int(int(math.Round(x)))
		case x != 0 && math.Abs(x) < 0.001:
			v = strconv.FormatFloat(x, 'g', 3, 64)
		default:
			v = strconv.FormatFloat(x, 'f', 3, 64)
		}
		parts = append(parts, name+" "+v)
	}
	return strings.Join(parts, " · ")
}

// modelTables writes, below the Model sheet's first table (which ends on
// row), the purchase models compared and the calibration table, and
// returns the last row written.
func (wb *workbook) modelTables(s *sheetWriter, row int) int {
	m := &wb.res.Models
	b := &m.Backtest
	keys := modelKeys(m)
	if len(keys) == 0 {
		return row
	}
	backtest := reports.HasBacktest(b)
	row += 2
	s.put(1, row, wb.t("workbook.mdCompared"), kSection)
	row++
	s.header(row, wb.t("workbook.mdColModel"), wb.t("workbook.mdColParams"), wb.t("workbook.mdConverged"), wb.t("workbook.mdColUsed"),
		wb.t("workbook.mdLogLik"), wb.t("workbook.mdColBIC"), wb.t("workbook.mdColPred"), wb.t("workbook.mdColMAE"), wb.t("workbook.mdColNaive"))
	for _, key := range keys {
		row++
		var fm *analysis.FittedModel
		for k := range m.Purchase {
			if m.Purchase[k].Key == key {
				fm = &m.Purchase[k]
			}
		}
		var bm *analysis.BacktestModel
		for k := range b.Models {
			if b.Models[k].Key == key {
				bm = &b.Models[k]
			}
		}
		s.put(1, row, reports.PurchaseModelName(key, wb.loc), kLabel)
		converged, errText := false, ""
		if fm != nil {
			errText = reports.Why(fm.Error, wb.loc)
			if fm.Model != nil {
				fit := fm.Model.Fit()
				converged = fit.Converged && fm.Error == ""
				s.put(2, row, paramsText(fm.Model.Params()), kText)
				wb.putNum(s, 5, row, fit.LogLikelihood, kDec)
				wb.putNum(s, 6, row, fit.BIC(), kDec)
			}
		}
		s.put(3, row, wb.yesNo(converged), kText)
		used := wb.t("workbook.mdNotUsed")
		switch {
		case key == m.Chosen:
			used = wb.t("reports.BtChoiceYes")
			if l, ok := reports.BtChoiceShort[m.ChoiceReason]; ok {
				used = wb.t(l)
			}
		case errText != "":
			used = fmt.Sprintf(wb.t("workbook.mdNotUsedWhy"), errText)
		}
		s.put(4, row, used, kWrap)
		if backtest && bm != nil && bm.Error == "" {
			wb.putNum(s, 7, row, bm.Predicted, kDec1)
			wb.putNum(s, 8, row, bm.MAE, kDec)
		}
		if backtest {
			wb.putNum(s, 9, row, b.NaiveMAE, kDec)
		}
	}
	if !backtest || len(b.ByFrequency) == 0 {
		return row
	}
	models := reports.BacktestModels(b)
	row += 2
	s.put(1, row, wb.t("workbook.mdCalibration"), kSection)
	row++
	hdr := []string{fmt.Sprintf(wb.t("workbook.mdColFreq"), b.CalibrationEnd.String()), wb.t("workbook.mdColCustomers"), wb.t("workbook.mdColActual")}
	for _, key := range models {
		hdr = append(hdr, reports.PurchaseModelName(key, wb.loc))
	}
	s.header(row, hdr...)
	for _, f := range b.ByFrequency {
		row++
		s.put(1, row, reports.FrequencyName(f.Frequency, wb.loc), kLabel)
		s.put(2, row, f.Customers, kInt)
		if f.Customers > 0 {
			wb.putNum(s, 3, row, f.ActualMean, kDec)
			for k, key := range models {
				if v, ok := f.PredictedMean[key]; ok {
					wb.putNum(s, 4+k, row, v, kDec)
				}
			}
		}
	}
	return row
}

// putNum writes x, or a blank cell when it is not a finite number.
func (wb *workbook) putNum(s *sheetWriter, col, row int, x float64, k kind) {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		s.put(col, row, nil, k)
		return
	}
	s.put(col, row, x, k)
}

// backtestDefinitions adds the back-test's terms to the Definitions sheet.
func (wb *workbook) backtestDefinitions(add func(topic reports.Label, term, def string)) {
	p := wb.params().Models
	pair := func(l [2]reports.Label, args ...any) {
		def := wb.t(l[1])
		if len(args) > 0 {
			def = fmt.Sprintf(def, args...)
		}
		add("workbook.dfBacktest", wb.t(l[0]), def)
	}
	if p.HoldoutUnits > 0 {
		pair(dfHoldout, reports.BtSpan(p.HoldoutUnits, p.TimeUnitDays, wb.loc))
	} else {
		add("workbook.dfBacktest", wb.t(dfHoldout[0]), wb.t("workbook.dfHoldoutOff"))
	}
	pair(dfMAE)
	pair(dfNaive)
	pair(dfTracking)
	pair(dfCalibration)
	pair(dfBIC)
	add("workbook.dfBacktest", wb.t("workbook.mdChosen"), wb.t(mdModelSetting[1]))
	for _, level := range reports.VerdictLevels {
		add("workbook.dfBacktest", reports.VerdictLabels[level].In(wb.loc), reports.VerdictMeanings[level].In(wb.loc))
	}
	pair(dfSpend)
}

// nextOrderDefinition defines the Customers sheet's expected next order.
func (wb *workbook) nextOrderDefinition(add func(topic reports.Label, term, def string)) {
	add("workbook.dfModels", wb.t(dfNextOrder[0]), fmt.Sprintf(wb.t(dfNextOrder[1]), reports.PctText(wb.params().Models.PAliveAtRisk)))
}
