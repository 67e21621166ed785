package reports

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/custseg/custseg/analysis"
)

// This file puts the purchase models' back-test, the choice between them
// and the verdict on their predictions on the workbook's Model sheet, and
// their terms on the Definitions sheet. The sentences are the HTML
// report's (DescribeVerdict).

// Texts of the workbook about the back-test. [2]Labels are an item and
// what it means; those with %s take formatted values, in order.
var (
	wbColNextOrder = Label{"Expected next order", "预计下次购买日期"}

	wbMdVerdictSec = Label{"Verdict on the predictions", "预测结论"}
	wbMdVerdict    = Label{"Verdict", "结论"}
	wbMdWhy        = Label{"Why", "原因"}
	wbMdChosen     = Label{"Chosen purchase model", "选用的购买模型"}
	wbMdNone       = Label{"none", "无"}

	wbMdBacktestSec = Label{"Back-test", "回测"}
	wbMdBtNotRun    = Label{"not run", "未进行"}
	wbMdBtCalEnd    = [2]Label{{"Calibration period ends", "拟合期截止日"},
		{"The models were fitted again on the orders up to this day only.", "模型只用截至这一天的订单重新拟合。"}}
	wbMdBtHoldout = [2]Label{{"Holdout", "留出期"},
		{"From the day after to the as-of date (%s to %s): the models predicted it without seeing it.", "此后直至分析截止日（%s 至 %s）：模型在看不到这段数据的情况下进行预测。"}}
	wbMdBtCustomers = [2]Label{{"Customers checked", "参与检验的客户数"},
		{"Customers whose first purchase falls in the calibration period.", "首次购买在拟合期内的客户。"}}
	wbMdBtRepeat = [2]Label{{"Repeat buyers", "复购客户数"},
		{"Of them, those who bought on two or more days in the calibration period.", "其中在拟合期内有两天及以上购买的客户。"}}
	wbMdBtActual = [2]Label{{"Actual repeat purchases", "实际复购次数"},
		{"Their days with a purchase in the holdout: what the models had to predict.", "这些客户在留出期内有购买的天数：模型需要预测的数字。"}}
	wbMdBtNaivePred = [2]Label{{"Naive baseline: predicted", "简单基准：预测复购次数"},
		{"The repeat purchases in the holdout if each customer went on buying at their own rate of the calibration period.", "让每位客户按自己在拟合期的购买速度继续购买时，留出期内的复购次数。"}}
	wbMdBtNaiveMAE = [2]Label{{"Naive baseline: error per customer", "简单基准：单客户误差"},
		{"Its mean absolute error per customer; a purchase model worth using does better (the table below).", "其单客户平均绝对误差；值得使用的购买模型应当更低（见下表）。"}}

	wbMdSpendCorr = [2]Label{{"Spend and frequency: correlation", "消费与频次的相关系数"},
		{"How the number of purchases of %s repeat buyers goes with their average spend per purchase (−1 to 1). The spend model assumes they are unrelated: at 0.3 or more either way the verdict calls lifetime values rough.",
			"%s 位复购客户的购买次数与其平均单次消费的相关程度（−1 到 1）。消费模型假设两者无关：无论正负，达到 0.3 及以上时，结论会指出终身价值只是粗略估计。"}}
	wbMdSpendNone = Label{"Not measured: too few repeat buyers.", "未计算：复购客户太少。"}

	wbMdHoldoutSetting = [2]Label{{"Back-test holdout", "回测留出期"},
		{"How much of the latest history the back-test holds out and predicts (analysis.models.holdout_units); 0 turns it off.", "回测留出并预测的最近一段历史（analysis.models.holdout_units）；为 0 时关闭回测。"}}
	wbMdModelSetting = [2]Label{{"Purchase model setting", "购买模型设置"},
		{"auto: the model with the lowest error per customer in the back-test, or without one the lowest BIC; or the model named (analysis.models.purchase_model).", "auto：回测中单客户误差最低的模型，没有回测时取 BIC 最低的模型；也可指定模型（analysis.models.purchase_model）。"}}
	wbMdOff = Label{"off", "关闭"}

	wbMdCompared   = Label{"Purchase models compared", "购买模型比较"}
	wbMdColModel   = Label{"Model", "模型"}
	wbMdColParams  = Label{"Parameters", "参数"}
	wbMdColUsed    = Label{"Chosen, and why", "是否选用及原因"}
	wbMdColBIC     = Label{"BIC", "BIC"}
	wbMdColPred    = Label{"Back-test: predicted repeat purchases", "回测：预测复购次数"}
	wbMdColMAE     = Label{"Back-test: error per customer (MAE)", "回测：单客户误差（MAE）"}
	wbMdColNaive   = Label{"Naive baseline: error per customer", "简单基准：单客户误差"}
	wbMdNotUsed    = Label{"no", "否"}
	wbMdNotUsedWhy = Label{"no: %s", "否：%s"}

	wbMdCalibration  = Label{"Back-test by past frequency (calibration plot)", "回测：按过去购买频次（校准图）"}
	wbMdColFreq      = Label{"Repeat purchases before %s", "%s 之前的复购次数"}
	wbMdColCustomers = Label{"Customers", "客户数"}
	wbMdColActual    = Label{"Actual mean in the holdout", "留出期实际平均"}

	wbDfBacktest = Label{"Back-test", "回测"}
	wbDfHoldout  = [2]Label{{"Holdout", "留出期"},
		{"The last %s before the as-of date. Each purchase model is fitted again on the orders before it (the calibration period), predicts the repeat purchases of the customers who had bought by then over the holdout, and is compared with what they did. Repeat purchases are counted as days with a purchase after the first.",
			"分析截止日之前的最近 %s。每个购买模型用此前的订单（拟合期）重新拟合，预测截至那时已购买的客户在留出期内的复购，再与他们的实际购买比较。复购按首次购买之后有购买的天数计算。"}}
	wbDfHoldoutOff = Label{"Turned off (analysis.models.holdout_units is 0): the predictions are not checked against what customers did.", "已关闭（analysis.models.holdout_units 为 0）：不用客户的实际购买检验预测。"}
	wbDfMAE        = [2]Label{{"Error per customer (MAE)", "单客户误差（MAE）"},
		{"Mean absolute error: over the customers checked, the average difference, either way, between predicted and actual repeat purchases in the holdout. Lower is better.", "平均绝对误差：对参与检验的客户，留出期内预测与实际复购次数之差（不论正负）的平均值。越低越好。"}}
	wbDfNaive = [2]Label{{"Naive baseline", "简单基准"},
		{"Each customer goes on buying at their own rate of the calibration period (repeat purchases ÷ time since the first purchase). A purchase model worth using has a lower error per customer.", "每位客户按自己在拟合期的购买速度（复购次数 ÷ 自首次购买以来的时间）继续购买。值得使用的购买模型，其单客户误差应更低。"}}
	wbDfTracking = [2]Label{{"Tracking chart", "累计复购图"},
		{"In the HTML report: the repeat purchases added up over the holdout, actual and as predicted by each model. It shows whether a model gets the shop's total right.", "见 HTML 报告：留出期内按时间累加的复购次数，包括实际值和各模型的预测。用来看模型对全店总量的预测是否准确。"}}
	wbDfCalibration = [2]Label{{"Calibration plot", "校准图"},
		{"Customers grouped by their repeat purchases in the calibration period (0 to 6, 7 or more): the mean actual repeat purchases in the holdout against each model's mean prediction (the HTML report, and the last table of the Model sheet). It shows whether a model is right about light and heavy buyers alike.", "按拟合期内的复购次数（0 到 6 次，7 次及以上）对客户分组：留出期内实际平均复购次数与各模型平均预测的对比（见 HTML 报告及“预测模型”表最后一个表格）。用来看模型对少买和多买的客户是否都准确。"}}
	wbDfBIC = [2]Label{{"BIC", "BIC"},
		{"Bayesian information criterion of a model's fit to all the data: k ln n − 2 ln L, lower is better; it penalises parameters. Without a back-test the model with the lowest BIC is used.", "模型对全部数据拟合的贝叶斯信息准则：k ln n − 2 ln L，越低越好，并对参数个数加以惩罚。没有回测时采用 BIC 最低的模型。"}}
	wbDfSpend = [2]Label{{"Spend and frequency", "消费与频次"},
		{"The correlation between how often repeat buyers bought and their average spend per purchase. The spend model (Gamma-Gamma) assumes they are unrelated; at 0.3 or more either way lifetime values are rough.", "复购客户的购买次数与平均单次消费之间的相关系数。消费模型（Gamma-Gamma）假设两者无关；无论正负，达到 0.3 及以上时终身价值只是粗略估计。"}}
	wbDfNextOrder = [2]Label{{"Expected next order", "预计下次购买日期"},
		{"The day by which a buyer, if still active, is expected to have bought again, from the chosen purchase model; blank when their P(alive) is below %s or the models are not used.", "根据选用的购买模型，客户若仍活跃，预计在这一天之前再次购买；仍活跃概率低于 %s 或未使用模型时留空。"}}
)

// modelRow adds a row to the Model sheet's first table: section, item,
// value (nil: blank) with its kind, and what it means.
type modelRow func(section Label, item string, v any, k kind, meaning string)

// verdictText is the run's verdict worded in the workbook's locale.
func (wb *workbook) verdictText() VerdictText {
	return DescribeVerdict(wb.res.Models, wb.params().Models, wb.loc)
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
		add(wbMdVerdictSec, wb.t(wbMdVerdict), v.Level, kLabel, v.Meaning)
	}
	for _, r := range v.Reasons {
		add(wbMdVerdictSec, wb.t(wbMdWhy), nil, kText, r)
	}
	if v.Skipped != "" {
		add(wbMdVerdictSec, wb.t(wbMdWhy), nil, kText, v.Skipped)
	}
	chosen := wb.t(wbMdNone)
	if m.Chosen != "" {
		chosen = purchaseModelName(m.Chosen, wb.loc)
	}
	add(wbMdVerdictSec, wb.t(wbMdChosen), chosen, kLabel, v.Choice)
}

// modelSpendRows adds the check of the spend model's assumption: the
// correlation between purchase frequency and spend per purchase.
func (wb *workbook) modelSpendRows(add modelRow) {
	m := wb.res.Models
	if m.SpendCorrelationN > 0 && htmlFinite(m.SpendCorrelation) {
		add(wbMdGG, wb.t(wbMdSpendCorr[0]), m.SpendCorrelation, kDec,
			fmt.Sprintf(wb.t(wbMdSpendCorr[1]), htmlInt(m.SpendCorrelationN)))
	} else if m.Verdict.Level != "" {
		add(wbMdGG, wb.t(wbMdSpendCorr[0]), nil, kDec, wb.t(wbMdSpendNone))
	}
}

// modelBacktestRows adds the back-test's dates and totals, or why there is
// none. Nothing when the run says nothing of a back-test.
func (wb *workbook) modelBacktestRows(add modelRow) {
	m := wb.res.Models
	b := &m.Backtest
	switch {
	case b.Skipped != "":
		add(wbMdBacktestSec, wb.t(wbMdBacktestSec), wb.t(wbMdBtNotRun), kText, backtestSkipped(m, wb.params().Models, wb.loc))
		return
	case b.CalibrationEnd.IsZero():
		return
	}
	pair := func(l [2]Label, v any, k kind, args ...any) {
		meaning := wb.t(l[1])
		if len(args) > 0 {
			meaning = fmt.Sprintf(meaning, args...)
		}
		add(wbMdBacktestSec, wb.t(l[0]), v, k, meaning)
	}
	pair(wbMdBtCalEnd, b.CalibrationEnd.String(), kText)
	pair(wbMdBtHoldout, btSpan(b.HoldoutUnits, m.TimeUnitDays, wb.loc), kText,
		(b.CalibrationEnd + 1).String(), b.HoldoutEnd.String())
	pair(wbMdBtCustomers, b.Customers, kInt)
	pair(wbMdBtRepeat, b.RepeatBuyers, kInt)
	pair(wbMdBtActual, math.Round(b.ActualRepeat), kInt)
	pair(wbMdBtNaivePred, b.NaivePredicted, kDec1)
	pair(wbMdBtNaiveMAE, b.NaiveMAE, kDec)
}

// modelSettingRows adds the back-test's settings.
func (wb *workbook) modelSettingRows(add modelRow) {
	p := wb.params().Models
	holdout := wb.t(wbMdOff)
	if p.HoldoutUnits > 0 {
		holdout = btSpan(p.HoldoutUnits, p.TimeUnitDays, wb.loc)
	}
	add(wbMdSettings, wb.t(wbMdHoldoutSetting[0]), holdout, kText, wb.t(wbMdHoldoutSetting[1]))
	if p.PurchaseModel != "" {
		add(wbMdSettings, wb.t(wbMdModelSetting[0]), p.PurchaseModel, kText, wb.t(wbMdModelSetting[1]))
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
		case !htmlFinite(x):
		case math.Abs(x) >= 1000:
			v = htmlInt(int(math.Round(x)))
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
	backtest := htmlHasBacktest(b)
	row += 2
	s.put(1, row, wb.t(wbMdCompared), kSection)
	row++
	s.header(row, wb.t(wbMdColModel), wb.t(wbMdColParams), wb.t(wbMdConverged), wb.t(wbMdColUsed),
		wb.t(wbMdLogLik), wb.t(wbMdColBIC), wb.t(wbMdColPred), wb.t(wbMdColMAE), wb.t(wbMdColNaive))
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
		s.put(1, row, purchaseModelName(key, wb.loc), kLabel)
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
		used := wb.t(wbMdNotUsed)
		switch {
		case key == m.Chosen:
			used = wb.t(btChoiceYes)
			if l, ok := btChoiceShort[m.ChoiceReason]; ok {
				used = wb.t(l)
			}
		case errText != "":
			used = fmt.Sprintf(wb.t(wbMdNotUsedWhy), errText)
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
	models := htmlBacktestModels(b)
	row += 2
	s.put(1, row, wb.t(wbMdCalibration), kSection)
	row++
	hdr := []string{fmt.Sprintf(wb.t(wbMdColFreq), b.CalibrationEnd.String()), wb.t(wbMdColCustomers), wb.t(wbMdColActual)}
	for _, key := range models {
		hdr = append(hdr, purchaseModelName(key, wb.loc))
	}
	s.header(row, hdr...)
	for _, f := range b.ByFrequency {
		row++
		s.put(1, row, htmlFrequencyName(f.Frequency, wb.loc), kLabel)
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
func (wb *workbook) backtestDefinitions(add func(topic Label, term, def string)) {
	p := wb.params().Models
	pair := func(l [2]Label, args ...any) {
		def := wb.t(l[1])
		if len(args) > 0 {
			def = fmt.Sprintf(def, args...)
		}
		add(wbDfBacktest, wb.t(l[0]), def)
	}
	if p.HoldoutUnits > 0 {
		pair(wbDfHoldout, btSpan(p.HoldoutUnits, p.TimeUnitDays, wb.loc))
	} else {
		add(wbDfBacktest, wb.t(wbDfHoldout[0]), wb.t(wbDfHoldoutOff))
	}
	pair(wbDfMAE)
	pair(wbDfNaive)
	pair(wbDfTracking)
	pair(wbDfCalibration)
	pair(wbDfBIC)
	add(wbDfBacktest, wb.t(wbMdChosen), wb.t(wbMdModelSetting[1]))
	for _, level := range verdictLevels {
		add(wbDfBacktest, VerdictLabels[level].In(wb.loc), verdictMeanings[level].In(wb.loc))
	}
	pair(wbDfSpend)
}

// nextOrderDefinition defines the Customers sheet's expected next order.
func (wb *workbook) nextOrderDefinition(add func(topic Label, term, def string)) {
	add(wbDfModels, wb.t(wbDfNextOrder[0]), fmt.Sprintf(wb.t(wbDfNextOrder[1]), pctText(wb.params().Models.PAliveAtRisk)))
}
