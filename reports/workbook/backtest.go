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
	colNextOrder = reports.Label{En: "Expected next order", Zh: "预计下次购买日期"}

	mdVerdictSec = reports.Label{En: "Verdict on the predictions", Zh: "预测结论"}
	mdVerdict    = reports.Label{En: "Verdict", Zh: "结论"}
	mdWhy        = reports.Label{En: "Why", Zh: "原因"}
	mdChosen     = reports.Label{En: "Chosen purchase model", Zh: "选用的购买模型"}
	mdNone       = reports.Label{En: "none", Zh: "无"}

	mdBacktestSec = reports.Label{En: "Back-test", Zh: "回测"}
	mdBtNotRun    = reports.Label{En: "not run", Zh: "未进行"}
	mdBtCalEnd    = [2]reports.Label{{En: "Calibration period ends", Zh: "拟合期截止日"},
		{En: "The models were fitted again on the orders up to this day only.", Zh: "模型只用截至这一天的订单重新拟合。"}}
	mdBtHoldout = [2]reports.Label{{En: "Holdout", Zh: "留出期"},
		{En: "From the day after to the as-of date (%s to %s): the models predicted it without seeing it.", Zh: "此后直至分析截止日（%s 至 %s）：模型在看不到这段数据的情况下进行预测。"}}
	mdBtCustomers = [2]reports.Label{{En: "Customers checked", Zh: "参与检验的客户数"},
		{En: "Customers whose first purchase falls in the calibration period.", Zh: "首次购买在拟合期内的客户。"}}
	mdBtRepeat = [2]reports.Label{{En: "Repeat buyers", Zh: "复购客户数"},
		{En: "Of them, those who bought on two or more days in the calibration period.", Zh: "其中在拟合期内有两天及以上购买的客户。"}}
	mdBtActual = [2]reports.Label{{En: "Actual repeat purchases", Zh: "实际复购次数"},
		{En: "Their days with a purchase in the holdout: what the models had to predict.", Zh: "这些客户在留出期内有购买的天数：模型需要预测的数字。"}}
	mdBtNaivePred = [2]reports.Label{{En: "Naive baseline: predicted", Zh: "简单基准：预测复购次数"},
		{En: "The repeat purchases in the holdout if each customer went on buying at their own rate of the calibration period.", Zh: "让每位客户按自己在拟合期的购买速度继续购买时，留出期内的复购次数。"}}
	mdBtNaiveMAE = [2]reports.Label{{En: "Naive baseline: error per customer", Zh: "简单基准：单客户误差"},
		{En: "Its mean absolute error per customer; a purchase model worth using does better (the table below).", Zh: "其单客户平均绝对误差；值得使用的购买模型应当更低（见下表）。"}}

	mdSpendCorr = [2]reports.Label{{En: "Spend and frequency: correlation", Zh: "消费与频次的相关系数"},
		{En: "How the number of purchases of %s repeat buyers goes with their average spend per purchase (−1 to 1). The spend model assumes they are unrelated: at 0.3 or more either way the verdict calls lifetime values rough.",
			Zh: "%s 位复购客户的购买次数与其平均单次消费的相关程度（−1 到 1）。消费模型假设两者无关：无论正负，达到 0.3 及以上时，结论会指出终身价值只是粗略估计。"}}
	mdSpendNone = reports.Label{En: "Not measured: too few repeat buyers.", Zh: "未计算：复购客户太少。"}

	mdHoldoutSetting = [2]reports.Label{{En: "Back-test holdout", Zh: "回测留出期"},
		{En: "How much of the latest history the back-test holds out and predicts (analysis.models.holdout_units); 0 turns it off.", Zh: "回测留出并预测的最近一段历史（analysis.models.holdout_units）；为 0 时关闭回测。"}}
	mdModelSetting = [2]reports.Label{{En: "Purchase model setting", Zh: "购买模型设置"},
		{En: "auto: the model with the lowest error per customer in the back-test, or without one the lowest BIC; or the model named (analysis.models.purchase_model).", Zh: "auto：回测中单客户误差最低的模型，没有回测时取 BIC 最低的模型；也可指定模型（analysis.models.purchase_model）。"}}
	mdOff = reports.Label{En: "off", Zh: "关闭"}

	mdCompared   = reports.Label{En: "Purchase models compared", Zh: "购买模型比较"}
	mdColModel   = reports.Label{En: "Model", Zh: "模型"}
	mdColParams  = reports.Label{En: "Parameters", Zh: "参数"}
	mdColUsed    = reports.Label{En: "Chosen, and why", Zh: "是否选用及原因"}
	mdColBIC     = reports.Label{En: "BIC", Zh: "BIC"}
	mdColPred    = reports.Label{En: "Back-test: predicted repeat purchases", Zh: "回测：预测复购次数"}
	mdColMAE     = reports.Label{En: "Back-test: error per customer (MAE)", Zh: "回测：单客户误差（MAE）"}
	mdColNaive   = reports.Label{En: "Naive baseline: error per customer", Zh: "简单基准：单客户误差"}
	mdNotUsed    = reports.Label{En: "no", Zh: "否"}
	mdNotUsedWhy = reports.Label{En: "no: %s", Zh: "否：%s"}

	mdCalibration  = reports.Label{En: "Back-test by past frequency (calibration plot)", Zh: "回测：按过去购买频次（校准图）"}
	mdColFreq      = reports.Label{En: "Repeat purchases before %s", Zh: "%s 之前的复购次数"}
	mdColCustomers = reports.Label{En: "Customers", Zh: "客户数"}
	mdColActual    = reports.Label{En: "Actual mean in the holdout", Zh: "留出期实际平均"}

	dfBacktest = reports.Label{En: "Back-test", Zh: "回测"}
	dfHoldout  = [2]reports.Label{{En: "Holdout", Zh: "留出期"},
		{En: "The last %s before the as-of date. Each purchase model is fitted again on the orders before it (the calibration period), predicts the repeat purchases of the customers who had bought by then over the holdout, and is compared with what they did. Repeat purchases are counted as days with a purchase after the first.",
			Zh: "分析截止日之前的最近 %s。每个购买模型用此前的订单（拟合期）重新拟合，预测截至那时已购买的客户在留出期内的复购，再与他们的实际购买比较。复购按首次购买之后有购买的天数计算。"}}
	dfHoldoutOff = reports.Label{En: "Turned off (analysis.models.holdout_units is 0): the predictions are not checked against what customers did.", Zh: "已关闭（analysis.models.holdout_units 为 0）：不用客户的实际购买检验预测。"}
	dfMAE        = [2]reports.Label{{En: "Error per customer (MAE)", Zh: "单客户误差（MAE）"},
		{En: "Mean absolute error: over the customers checked, the average difference, either way, between predicted and actual repeat purchases in the holdout. Lower is better.", Zh: "平均绝对误差：对参与检验的客户，留出期内预测与实际复购次数之差（不论正负）的平均值。越低越好。"}}
	dfNaive = [2]reports.Label{{En: "Naive baseline", Zh: "简单基准"},
		{En: "Each customer goes on buying at their own rate of the calibration period (repeat purchases ÷ time since the first purchase). A purchase model worth using has a lower error per customer.", Zh: "每位客户按自己在拟合期的购买速度（复购次数 ÷ 自首次购买以来的时间）继续购买。值得使用的购买模型，其单客户误差应更低。"}}
	dfTracking = [2]reports.Label{{En: "Tracking chart", Zh: "累计复购图"},
		{En: "In the HTML report: the repeat purchases added up over the holdout, actual and as predicted by each model. It shows whether a model gets the shop's total right.", Zh: "见 HTML 报告：留出期内按时间累加的复购次数，包括实际值和各模型的预测。用来看模型对全店总量的预测是否准确。"}}
	dfCalibration = [2]reports.Label{{En: "Calibration plot", Zh: "校准图"},
		{En: "Customers grouped by their repeat purchases in the calibration period (0 to 6, 7 or more): the mean actual repeat purchases in the holdout against each model's mean prediction (the HTML report, and the last table of the Model sheet). It shows whether a model is right about light and heavy buyers alike.", Zh: "按拟合期内的复购次数（0 到 6 次，7 次及以上）对客户分组：留出期内实际平均复购次数与各模型平均预测的对比（见 HTML 报告及“预测模型”表最后一个表格）。用来看模型对少买和多买的客户是否都准确。"}}
	dfBIC = [2]reports.Label{{En: "BIC", Zh: "BIC"},
		{En: "Bayesian information criterion of a model's fit to all the data: k ln n − 2 ln L, lower is better; it penalises parameters. Without a back-test the model with the lowest BIC is used.", Zh: "模型对全部数据拟合的贝叶斯信息准则：k ln n − 2 ln L，越低越好，并对参数个数加以惩罚。没有回测时采用 BIC 最低的模型。"}}
	dfSpend = [2]reports.Label{{En: "Spend and frequency", Zh: "消费与频次"},
		{En: "The correlation between how often repeat buyers bought and their average spend per purchase. The spend model (Gamma-Gamma) assumes they are unrelated; at 0.3 or more either way lifetime values are rough.", Zh: "复购客户的购买次数与平均单次消费之间的相关系数。消费模型（Gamma-Gamma）假设两者无关；无论正负，达到 0.3 及以上时终身价值只是粗略估计。"}}
	dfNextOrder = [2]reports.Label{{En: "Expected next order", Zh: "预计下次购买日期"},
		{En: "The day by which a buyer, if still active, is expected to have bought again, from the chosen purchase model; blank when their P(alive) is below %s or the models are not used.", Zh: "根据选用的购买模型，客户若仍活跃，预计在这一天之前再次购买；仍活跃概率低于 %s 或未使用模型时留空。"}}
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
		add(mdVerdictSec, wb.t(mdVerdict), v.Level, kLabel, v.Meaning)
	}
	for _, r := range v.Reasons {
		add(mdVerdictSec, wb.t(mdWhy), nil, kText, r)
	}
	if v.Skipped != "" {
		add(mdVerdictSec, wb.t(mdWhy), nil, kText, v.Skipped)
	}
	chosen := wb.t(mdNone)
	if m.Chosen != "" {
		chosen = reports.PurchaseModelName(m.Chosen, wb.loc)
	}
	add(mdVerdictSec, wb.t(mdChosen), chosen, kLabel, v.Choice)
}

// modelSpendRows adds the check of the spend model's assumption: the
// correlation between purchase frequency and spend per purchase.
func (wb *workbook) modelSpendRows(add modelRow) {
	m := wb.res.Models
	if m.SpendCorrelationN > 0 && reports.Finite(m.SpendCorrelation) {
		add(mdGG, wb.t(mdSpendCorr[0]), m.SpendCorrelation, kDec,
			fmt.Sprintf(wb.t(mdSpendCorr[1]), reports.Int(m.SpendCorrelationN)))
	} else if m.Verdict.Level != "" {
		add(mdGG, wb.t(mdSpendCorr[0]), nil, kDec, wb.t(mdSpendNone))
	}
}

// modelBacktestRows adds the back-test's dates and totals, or why there is
// none. Nothing when the run says nothing of a back-test.
func (wb *workbook) modelBacktestRows(add modelRow) {
	m := wb.res.Models
	b := &m.Backtest
	switch {
	case b.Skipped != "":
		add(mdBacktestSec, wb.t(mdBacktestSec), wb.t(mdBtNotRun), kText, reports.BacktestSkipped(m, wb.params().Models, wb.loc))
		return
	case b.CalibrationEnd.IsZero():
		return
	}
	pair := func(l [2]reports.Label, v any, k kind, args ...any) {
		meaning := wb.t(l[1])
		if len(args) > 0 {
			meaning = fmt.Sprintf(meaning, args...)
		}
		add(mdBacktestSec, wb.t(l[0]), v, k, meaning)
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
	holdout := wb.t(mdOff)
	if p.HoldoutUnits > 0 {
		holdout = reports.BtSpan(p.HoldoutUnits, p.TimeUnitDays, wb.loc)
	}
	add(mdSettings, wb.t(mdHoldoutSetting[0]), holdout, kText, wb.t(mdHoldoutSetting[1]))
	if p.PurchaseModel != "" {
		add(mdSettings, wb.t(mdModelSetting[0]), p.PurchaseModel, kText, wb.t(mdModelSetting[1]))
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
	s.put(1, row, wb.t(mdCompared), kSection)
	row++
	s.header(row, wb.t(mdColModel), wb.t(mdColParams), wb.t(mdConverged), wb.t(mdColUsed),
		wb.t(mdLogLik), wb.t(mdColBIC), wb.t(mdColPred), wb.t(mdColMAE), wb.t(mdColNaive))
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
			errText = fm.Error
			if fm.Model != nil {
				fit := fm.Model.Fit()
				converged = fit.Converged && fm.Error == ""
				s.put(2, row, paramsText(fm.Model.Params()), kText)
				wb.putNum(s, 5, row, fit.LogLikelihood, kDec)
				wb.putNum(s, 6, row, fit.BIC(), kDec)
			}
		}
		s.put(3, row, wb.yesNo(converged), kText)
		used := wb.t(mdNotUsed)
		switch {
		case key == m.Chosen:
			used = wb.t(reports.BtChoiceYes)
			if l, ok := reports.BtChoiceShort[m.ChoiceReason]; ok {
				used = wb.t(l)
			}
		case errText != "":
			used = fmt.Sprintf(wb.t(mdNotUsedWhy), errText)
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
	s.put(1, row, wb.t(mdCalibration), kSection)
	row++
	hdr := []string{fmt.Sprintf(wb.t(mdColFreq), b.CalibrationEnd.String()), wb.t(mdColCustomers), wb.t(mdColActual)}
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
		add(dfBacktest, wb.t(l[0]), def)
	}
	if p.HoldoutUnits > 0 {
		pair(dfHoldout, reports.BtSpan(p.HoldoutUnits, p.TimeUnitDays, wb.loc))
	} else {
		add(dfBacktest, wb.t(dfHoldout[0]), wb.t(dfHoldoutOff))
	}
	pair(dfMAE)
	pair(dfNaive)
	pair(dfTracking)
	pair(dfCalibration)
	pair(dfBIC)
	add(dfBacktest, wb.t(mdChosen), wb.t(mdModelSetting[1]))
	for _, level := range reports.VerdictLevels {
		add(dfBacktest, reports.VerdictLabels[level].In(wb.loc), reports.VerdictMeanings[level].In(wb.loc))
	}
	pair(dfSpend)
}

// nextOrderDefinition defines the Customers sheet's expected next order.
func (wb *workbook) nextOrderDefinition(add func(topic reports.Label, term, def string)) {
	add(dfModels, wb.t(dfNextOrder[0]), fmt.Sprintf(wb.t(dfNextOrder[1]), reports.PctText(wb.params().Models.PAliveAtRisk)))
}
