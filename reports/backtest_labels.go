package reports

import (
	"cmp"
	"math"
	"strconv"
	"strings"

	"github.com/custseg/custseg/analysis"
	"github.com/custseg/custseg/analysis/btyd"
)

// This file words the purchase models' back-test, the choice between the
// models and the verdict on their predictions (analysis.Models.Backtest,
// Chosen, ChoiceReason, Verdict) in both report languages. The HTML
// report, the workbook, the management email and manifest.json all take
// their sentences from DescribeVerdict, so they never disagree.

// VerdictLabels name the levels of the verdict on the purchase model's
// predictions (analysis.Verdict.Level). They are part of the vocabulary
// (Vocabulary.Verdict): no group, list or number has these names. They
// speak of trust, not of use: models that converged are used whatever the
// verdict, so "Unreliable" never contradicts "Models used: yes".
var VerdictLabels = map[string]Label{
	analysis.VerdictUsable:    {"Reliable", "可靠"},
	analysis.VerdictCaution:   {"Use with caution", "谨慎使用"},
	analysis.VerdictNotUsable: {"Unreliable", "不可靠"},
}

// VerdictLevels lists the verdict levels from the best.
var VerdictLevels = []string{analysis.VerdictUsable, analysis.VerdictCaution, analysis.VerdictNotUsable}

// VerdictMeanings say what each verdict level means for the reader.
var VerdictMeanings = map[string]Label{
	analysis.VerdictUsable: {
		"The purchase model converged, its predictions for the back-test's holdout came close to what customers did, and per customer it beat simply repeating each customer's past rate: plan with the predictions.",
		"购买模型已收敛，回测留出期的预测与客户的实际购买接近，且按客户计优于简单沿用每位客户过去的购买速度：可以用这些预测做计划。"},
	analysis.VerdictCaution: {
		"The predictions are a rough guide: the back-test's total was off by a fair margin, the model did no better per customer than each customer's past rate, there was no back-test to check it, or the spend model could not be used or its assumption is weak. Check against what happens before acting on single customers.",
		"预测只能作为粗略参考：回测总量偏差较大、按客户计不优于沿用客户过去的购买速度、没有回测可供检验，或消费模型无法使用、其假设不够成立。针对单个客户采取行动前，请先对照实际情况。"},
	analysis.VerdictNotUsable: {
		"Do not act on the predictions: no purchase model converged, too few customers bought more than once, or the back-test was far off.",
		"不要依据这些预测行动：没有购买模型收敛、多次购买的客户太少，或回测偏差很大。"},
}

// PurchaseModelLabels name the purchase models by key.
var PurchaseModelLabels = map[string]Label{
	btyd.ModelBGNBD:     {"BG/NBD", "BG/NBD"},
	btyd.ModelMBGNBD:    {"MBG/NBD", "MBG/NBD"},
	btyd.ModelParetoNBD: {"Pareto/NBD", "Pareto/NBD"},
}

// PurchaseModelName is the name of a purchase model; its key when unknown.
func PurchaseModelName(key, loc string) string {
	if l, ok := PurchaseModelLabels[key]; ok {
		return l.In(loc)
	}
	return key
}

// Texts of the verdict, the choice and the back-test. Those with %s take
// formatted values, in order.
var (
	BtVerdictTitle   = Label{"How far to trust the predictions", "预测的可信度"}
	BtVerdictHeading = Label{"Verdict on the predictions: %s", "预测结论：%s"}
	// BtVerdictLine: the level, then its first reason (the email).
	BtVerdictLine = Label{"Purchase model predictions: %s. %s", "购买模型预测：%s。%s"}
	BtVerdictText = Label{
		"Before the predictions (probability still active, expected purchases, lifetime value) are used, the purchase models are checked on the past: each is fitted without the last weeks of orders and predicts them.",
		"在使用预测（仍活跃概率、预期购买次数、终身价值）之前，先用过去的数据检验购买模型：每个模型在拟合时去掉最近几周的订单，再预测这几周。"}

	// Reasons (analysis.Reason*).
	btTrackingUnder = Label{"%s predicted %s repeat purchases for the last %s; there were %s: it under-predicts by %s.", "%[1]s 预测最近 %[3]s有 %[2]s 次复购，实际为 %[4]s 次：预测偏低 %[5]s。"}
	btTrackingOver  = Label{"%s predicted %s repeat purchases for the last %s; there were %s: it over-predicts by %s.", "%[1]s 预测最近 %[3]s有 %[2]s 次复购，实际为 %[4]s 次：预测偏高 %[5]s。"}
	btTrackingExact = Label{"%s predicted %s repeat purchases for the last %s; there were %s: the prediction matches.", "%[1]s 预测最近 %[3]s有 %[2]s 次复购，实际为 %[4]s 次：预测与实际相符。"}
	btTrackingNone  = Label{"%s predicted %s repeat purchases for the last %s; there were none.", "%[1]s 预测最近 %[3]s有 %[2]s 次复购，实际没有复购。"}
	BtNaiveWorse    = Label{"Per customer, the model's error (%s) is lower than simply repeating each customer's past rate (%s).", "按客户计，模型的误差（%s）低于简单沿用每位客户过去购买速度的误差（%s）。"}
	BtNaiveBetter   = Label{"Per customer, the model's error (%s) is no lower than simply repeating each customer's past rate (%s): for single customers its predictions add little.", "按客户计，模型的误差（%s）并不低于简单沿用每位客户过去购买速度的误差（%s）：对单个客户的预测帮助有限。"}
	btNoHoldout     = Label{"%s The predictions could not be checked against what customers did.", "%s因此无法用客户的实际购买检验预测。"}
	btNoHoldoutFit  = Label{"%s could not be fitted without the last %s of orders, so its predictions could not be checked against what customers did.", "%s 在去掉最近 %s的订单后无法拟合，因此无法用客户的实际购买检验其预测。"}
	btNotConverged  = Label{"The purchase model (%s) did not converge (%s), so there are no predictions: the customer pyramid ranks buyers by the value they brought so far instead of lifetime value.", "购买模型（%s）未收敛（%s），因此没有预测：客户价值金字塔改按迄今贡献的价值而非终身价值排序。"}
	btNoneConverged = Label{"No purchase model converged (%s), so there are no predictions: the customer pyramid ranks buyers by the value they brought so far instead of lifetime value.", "没有购买模型收敛（%s），因此没有预测：客户价值金字塔改按迄今贡献的价值而非终身价值排序。"}
	btFewRepeat     = Label{"Only %s customers bought more than once: too few to trust a purchase model's predictions.", "只有 %s 位客户多次购买：数量太少，购买模型的预测难以信赖。"}
	btSpendRises    = Label{"Spend per purchase rises with purchase frequency (correlation %s): the spend model assumes they are unrelated, so lifetime values are rough.", "单次消费金额随购买频次上升（相关系数 %s）：消费模型假设两者无关，因此终身价值只是粗略估计。"}
	btSpendFalls    = Label{"Spend per purchase falls with purchase frequency (correlation %s): the spend model assumes they are unrelated, so lifetime values are rough.", "单次消费金额随购买频次下降（相关系数 %s）：消费模型假设两者无关，因此终身价值只是粗略估计。"}
	btSpendFailed   = Label{"The spend model (Gamma-Gamma) could not be used (%s), so there is no lifetime value.", "消费模型（Gamma-Gamma）无法使用（%s），因此没有终身价值。"}
	btModelThe      = Label{"The model", "模型"}
	btNoReason      = Label{"the fit did not succeed", "拟合未成功"}

	// Why there is no back-test (analysis.BacktestSkipped*).
	btSkippedOff     = Label{"No back-test: it is turned off (analysis.models.holdout_units is 0).", "未做回测：回测已关闭（analysis.models.holdout_units 为 0）。"}
	btSkippedNotRead = Label{"No back-test: the purchases of the last %s were not read separately in this run.", "未做回测：本次运行没有单独读取最近 %s的购买。"}
	btSkippedHistory = Label{"No back-test: the data holds less history than a back-test over the last %s needs.", "未做回测：数据的历史不够长，无法对最近 %s做回测。"}
	btSkippedFew     = Label{"No back-test: only %s customers bought more than once before the last %s, too few to check the models on.", "未做回测：最近 %[2]s之前只有 %[1]s 位客户多次购买，太少，无法检验模型。"}
	btSkippedOther   = Label{"No back-test (%s).", "未做回测（%s）。"}

	// The choice of the purchase model (analysis.Choice*).
	btChoiceConfigured = Label{"The chosen purchase model is %s, as named in the configuration (analysis.models.purchase_model).", "选用的购买模型为 %s：由配置（analysis.models.purchase_model）指定。"}
	btChoiceHoldout    = Label{"The chosen purchase model is %s: its error per customer in the back-test was the lowest (%s).", "选用的购买模型为 %s：它在回测中的单客户误差最低（%s）。"}
	btChoiceBIC        = Label{"The chosen purchase model is %s: without a back-test, it fits the whole history best (lowest BIC, %s).", "选用的购买模型为 %s：没有回测时，它对全部历史数据的拟合最好（BIC 最低，%s）。"}
	btChoiceOnly       = Label{"The chosen purchase model is %s, the only one that converged.", "选用的购买模型为 %s：唯一收敛的购买模型。"}
	btChoiceNone       = Label{"No purchase model converged, so there are no predictions.", "没有购买模型收敛，因此没有预测。"}
	btChoicePlain      = Label{"The chosen purchase model is %s.", "选用的购买模型为 %s。"}
	// Short forms for a table cell (the workbook's model table).
	BtChoiceShort = map[string]Label{
		analysis.ChoiceConfigured: {"yes: named in the configuration", "是：配置指定"},
		analysis.ChoiceHoldout:    {"yes: lowest error per customer in the back-test", "是：回测中单客户误差最低"},
		analysis.ChoiceBIC:        {"yes: lowest BIC (no back-test)", "是：BIC 最低（无回测）"},
		analysis.ChoiceOnly:       {"yes: the only one that converged", "是：唯一收敛的模型"},
	}
	BtChoiceYes = Label{"yes", "是"}

	// Spans of time.
	btWeeks = Label{"%s weeks", "%s 周"}
	btWeek  = Label{"week", "1 周"}
	btDays  = Label{"%s days", "%s 天"}
	btDay   = Label{"day", "1 天"}

	// The churned-but-likely-active sentence (near the P(alive) chart).
	BtChurnedAlive = Label{
		"%s buyers are %s by their own rhythm yet the purchase model gives them at least a %s chance of still being active: the rhythm rule judges each customer's silence against their own past gaps, the model against the whole shop's buying patterns.",
		"%s 位购买客户按自身购买节奏判定为“%s”，但购买模型认为他们仍活跃的概率至少为 %s：节奏规则用客户自己过去的购买间隔衡量其沉默，模型则参照全店的购买规律。"}
)

// VerdictText is the verdict on the purchase model's predictions worded
// in one locale: what every report shows of it.
type VerdictText struct {
	// Level is the verdict level's name (VerdictLabels); "" when the run
	// has no verdict.
	Level string
	// Meaning says what the level means (for the workbook).
	Meaning string
	// Reasons has one sentence per reason, in the verdict's order.
	Reasons []string
	// Skipped says in one sentence why there is no back-test; "" when
	// there is one, or when a reason already says it.
	Skipped string
	// Choice names the chosen purchase model and why it was chosen; ""
	// when the run says nothing of the choice.
	Choice string
}

// First returns the verdict's first sentence: its first reason, or why
// there is no back-test.
func (v VerdictText) First() string {
	if len(v.Reasons) > 0 {
		return v.Reasons[0]
	}
	return v.Skipped
}

// DescribeVerdict words the verdict of m, its reasons, why there is no
// back-test (when there is none) and the choice of the purchase model in
// locale. p gives the configured holdout when the back-test does not say
// it (a back-test turned off).
func DescribeVerdict(m analysis.Models, p analysis.ModelParams, locale string) VerdictText {
	var v VerdictText
	if l, ok := VerdictLabels[m.Verdict.Level]; ok {
		v.Level = l.In(locale)
		v.Meaning = VerdictMeanings[m.Verdict.Level].In(locale)
	}
	skipSaid := false
	for _, r := range m.Verdict.Reasons {
		v.Reasons = append(v.Reasons, verdictReason(m, p, r, locale))
		skipSaid = skipSaid || r.Code == analysis.ReasonNoHoldout
	}
	if m.Backtest.Skipped != "" && !skipSaid {
		v.Skipped = BacktestSkipped(m, p, locale)
	}
	v.Choice = ChoiceSentence(m, locale)
	return v
}

// InputModelParams are the model parameters of in's run, or the defaults
// when the input does not give them.
func InputModelParams(in *Input) analysis.ModelParams {
	if in.Analysis.RFM.Bins == 0 {
		return analysis.DefaultParams().Models
	}
	return in.Analysis.Models
}

// verdictReason words one reason of m's verdict.
func verdictReason(m analysis.Models, p analysis.ModelParams, r analysis.VerdictReason, loc string) string {
	switch r.Code {
	case analysis.ReasonTracking:
		units := r.Units
		if !(units > 0) {
			units = m.Backtest.HoldoutUnits
		}
		return TrackingSentence(r.Model, r.Predicted, r.Actual, units, m.TimeUnitDays, loc)
	case analysis.ReasonNaiveWorse:
		return Format(BtNaiveWorse, loc, BtDec(r.MAE), BtDec(r.NaiveMAE))
	case analysis.ReasonNaiveBetter:
		return Format(BtNaiveBetter, loc, BtDec(r.MAE), BtDec(r.NaiveMAE))
	case analysis.ReasonNoHoldout:
		if m.Backtest.Skipped == "" { // the model's calibration fit failed
			return Format(btNoHoldoutFit, loc, PurchaseModelName(cmp.Or(r.Model, m.Chosen), loc),
				BtSpan(m.Backtest.HoldoutUnits, m.TimeUnitDays, loc))
		}
		return Format(btNoHoldout, loc, BacktestSkipped(m, p, loc))
	case analysis.ReasonNotConverged:
		why := purchaseModelError(m, r.Model)
		if why == "" {
			why = btNoReason.In(loc)
		}
		if r.Model == "" {
			return Format(btNoneConverged, loc, why)
		}
		return Format(btNotConverged, loc, PurchaseModelName(r.Model, loc), why)
	case analysis.ReasonFewRepeatBuyers:
		return Format(btFewRepeat, loc, Int(r.Count))
	case analysis.ReasonSpendRelated:
		if r.Share < 0 {
			return Format(btSpendFalls, loc, btCorr(r.Share))
		}
		return Format(btSpendRises, loc, btCorr(r.Share))
	case analysis.ReasonSpendFailed:
		why := m.GGError
		if why == "" {
			why = btNoReason.In(loc)
		}
		return Format(btSpendFailed, loc, why)
	}
	return r.Code
}

// TrackingSentence compares a model's predicted total of repeat purchases
// over a holdout of units time units with the actual total.
func TrackingSentence(model string, predicted, actual, units, unitDays float64, loc string) string {
	name := btModelThe.In(loc)
	if model != "" {
		name = PurchaseModelName(model, loc)
	} else if loc == "zh-CN" {
		name = "" // Chinese needs no subject
	}
	span := BtSpan(units, unitDays, loc)
	pred, act := btCount(predicted), btCount(actual)
	var s string
	share := (predicted - actual) / actual
	switch {
	case !(actual > 0) || !Finite(predicted):
		s = Format(btTrackingNone, loc, name, pred, span)
	case Pct1(math.Abs(share)) == 0:
		s = Format(btTrackingExact, loc, name, pred, span, act)
	case share < 0:
		s = Format(btTrackingUnder, loc, name, pred, span, act, Pct(-share))
	default:
		s = Format(btTrackingOver, loc, name, pred, span, act, Pct(share))
	}
	return strings.TrimSpace(s)
}

// purchaseModelError is why the purchase model key could not be used, as
// the analysis says it; "" when it does not say.
func purchaseModelError(m analysis.Models, key string) string {
	for _, f := range m.Purchase {
		if f.Key == key && f.Error != "" {
			return f.Error
		}
	}
	switch key {
	case "":
		return cmp.Or(m.PurchaseError, m.BGNBDError)
	case btyd.ModelBGNBD:
		return m.BGNBDError
	}
	return ""
}

// BacktestSkipped says in one sentence why m has no back-test.
func BacktestSkipped(m analysis.Models, p analysis.ModelParams, loc string) string {
	b := m.Backtest
	units := b.HoldoutUnits
	if !(units > 0) {
		units = p.HoldoutUnits
	}
	span := BtSpan(units, m.TimeUnitDays, loc)
	switch b.Skipped {
	case analysis.BacktestSkippedOff:
		if b.HoldoutUnits > 0 { // on, but the extract did not read the holdout
			return Format(btSkippedNotRead, loc, span)
		}
		return btSkippedOff.In(loc)
	case analysis.BacktestSkippedHistory:
		return Format(btSkippedHistory, loc, span)
	case analysis.BacktestSkippedFew:
		return Format(btSkippedFew, loc, Int(b.RepeatBuyers), span)
	case "":
		return Format(btSkippedOther, loc, "—")
	}
	return Format(btSkippedOther, loc, b.Skipped)
}

// ChoiceSentence names the chosen purchase model of m and why.
func ChoiceSentence(m analysis.Models, loc string) string {
	name := PurchaseModelName(m.Chosen, loc)
	switch {
	case m.ChoiceReason == analysis.ChoiceNone || (m.Chosen == "" && m.ChoiceReason != ""):
		return btChoiceNone.In(loc)
	case m.Chosen == "":
		return ""
	}
	switch m.ChoiceReason {
	case analysis.ChoiceConfigured:
		return Format(btChoiceConfigured, loc, name)
	case analysis.ChoiceHoldout:
		for _, bm := range m.Backtest.Models {
			if bm.Key == m.Chosen && Finite(bm.MAE) {
				return Format(btChoiceHoldout, loc, name, BtDec(bm.MAE))
			}
		}
	case analysis.ChoiceBIC:
		for _, f := range m.Purchase {
			if f.Key == m.Chosen && f.Model != nil {
				if bic := f.Model.Fit().BIC(); Finite(bic) {
					return Format(btChoiceBIC, loc, name, btBIC(bic))
				}
			}
		}
	case analysis.ChoiceOnly:
		return Format(btChoiceOnly, loc, name)
	}
	return Format(btChoicePlain, loc, name)
}

// BtSpan is a span of units time units of unitDays days in words: "13
// weeks", "91 days".
func BtSpan(units, unitDays float64, loc string) string {
	if !Finite(units) || units < 0 {
		units = 0
	}
	if unitDays == 7 {
		if units == 1 {
			return btWeek.In(loc)
		}
		return Format(btWeeks, loc, BtNum(units))
	}
	if unitDays > 0 {
		units *= unitDays
	}
	if units == 1 {
		return btDay.In(loc)
	}
	return Format(btDays, loc, BtNum(math.Round(units)))
}

// BtNum writes a whole number with thousands separators, other numbers
// with up to one decimal.
func BtNum(x float64) string {
	if !Finite(x) {
		return "—"
	}
	if x == math.Trunc(x) && math.Abs(x) < 1e15 {
		return Int(int(x))
	}
	return strconv.FormatFloat(x, 'f', 1, 64)
}

// btCount writes a total of purchase days, rounded to a whole number.
func btCount(x float64) string {
	if !Finite(x) {
		return "—"
	}
	return Int(int(math.Round(x)))
}

// BtDec writes an error per customer or a mean with two decimals.
func BtDec(x float64) string {
	if !Finite(x) {
		return "—"
	}
	return strconv.FormatFloat(NoNegZero(math.Round(x*100)/100), 'f', 2, 64)
}

// btCorr writes a correlation with two decimals and a minus sign when
// negative.
func btCorr(x float64) string {
	s := BtDec(x)
	if strings.HasPrefix(s, "-") {
		return "−" + s[1:]
	}
	return s
}

// btBIC writes a BIC rounded to a whole number with thousands separators.
func btBIC(x float64) string {
	if !Finite(x) {
		return "—"
	}
	return Int(int(math.Round(x)))
}

// HasBacktest reports whether the run has a back-test to draw.
func HasBacktest(b *analysis.Backtest) bool {
	return b.Skipped == "" && !b.CalibrationEnd.IsZero()
}

// BacktestModels are the keys of the back-test's models that have
// predictions, in the back-test's order.
func BacktestModels(b *analysis.Backtest) []string {
	var keys []string
	for _, bm := range b.Models {
		if bm.Error == "" && len(b.Tracking.Predicted[bm.Key]) > 0 {
			keys = append(keys, bm.Key)
		}
	}
	return keys
}

// FrequencyName names a calibration bucket: "0" … "6", "7+".
func FrequencyName(f int, loc string) string {
	if f >= 7 {
		return calSeven.In(loc)
	}
	return strconv.Itoa(f)
}

// ModelsFailure says in one sentence which of the purchase and spend
// models could not be used, and why, and which one did converge.
func ModelsFailure(m analysis.Models, loc string) string {
	bg, gg := m.PurchaseError, m.GGError
	switch {
	case bg != "" && gg != "":
		return Format(modelsBothFailed, loc, bg, gg)
	case bg != "":
		return Format(modelsBGFailed, loc, bg)
	case gg != "":
		return Format(modelsGGFailed, loc, gg, PurchaseModelName(m.Chosen, loc))
	}
	return Format(modelsNoneFailed, loc, modelsOffWhy.In(loc))
}

// PctText writes a share as a percentage for running text: 0.05 → "5%",
// 0.125 → "12.5%".
func PctText(x float64) string {
	return strconv.FormatFloat(NoNegZero(math.Round(Num(x)*10000)/100), 'f', -1, 64) + "%"
}
