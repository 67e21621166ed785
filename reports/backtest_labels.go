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
	analysis.VerdictUsable:    "reports.VerdictLabels.VerdictUsable",
	analysis.VerdictCaution:   "reports.VerdictLabels.VerdictCaution",
	analysis.VerdictNotUsable: "reports.VerdictLabels.VerdictNotUsable",
}

// VerdictLevels lists the verdict levels from the best.
var VerdictLevels = []string{analysis.VerdictUsable, analysis.VerdictCaution, analysis.VerdictNotUsable}

// VerdictMeanings say what each verdict level means for the reader.
var VerdictMeanings = map[string]Label{
	analysis.VerdictUsable:    "reports.VerdictMeanings.VerdictUsable",
	analysis.VerdictCaution:   "reports.VerdictMeanings.VerdictCaution",
	analysis.VerdictNotUsable: "reports.VerdictMeanings.VerdictNotUsable",
}

// PurchaseModelLabels name the purchase models by key.
var PurchaseModelLabels = map[string]Label{
	btyd.ModelBGNBD:     "reports.PurchaseModelLabels.ModelBGNBD",
	btyd.ModelMBGNBD:    "reports.PurchaseModelLabels.ModelMBGNBD",
	btyd.ModelParetoNBD: "reports.PurchaseModelLabels.ModelParetoNBD",
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

	// Short forms for a table cell (the workbook's model table).
	BtChoiceShort = map[string]Label{
		analysis.ChoiceConfigured: "reports.BtChoiceShort.ChoiceConfigured",
		analysis.ChoiceHoldout:    "reports.BtChoiceShort.ChoiceHoldout",
		analysis.ChoiceBIC:        "reports.BtChoiceShort.ChoiceBIC",
		analysis.ChoiceOnly:       "reports.BtChoiceShort.ChoiceOnly",
	}
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
		return Format("reports.BtNaiveWorse", loc, BtDec(r.MAE), BtDec(r.NaiveMAE))
	case analysis.ReasonNaiveBetter:
		return Format("reports.BtNaiveBetter", loc, BtDec(r.MAE), BtDec(r.NaiveMAE))
	case analysis.ReasonNoHoldout:
		if m.Backtest.Skipped == "" { // the model's calibration fit failed
			return Format("reports.btNoHoldoutFit", loc, PurchaseModelName(cmp.Or(r.Model, m.Chosen), loc),
				BtSpan(m.Backtest.HoldoutUnits, m.TimeUnitDays, loc))
		}
		return Format("reports.btNoHoldout", loc, BacktestSkipped(m, p, loc))
	case analysis.ReasonNotConverged:
		why := Why(purchaseModelError(m, r.Model), loc)
		if why == "" {
			why = Label("reports.btNoReason").In(loc)
		}
		if r.Model == "" {
			return Format("reports.btNoneConverged", loc, why)
		}
		return Format("reports.btNotConverged", loc, PurchaseModelName(r.Model, loc), why)
	case analysis.ReasonFewRepeatBuyers:
		return Format("reports.btFewRepeat", loc, Int(r.Count))
	case analysis.ReasonSpendRelated:
		if r.Share < 0 {
			return Format("reports.btSpendFalls", loc, btCorr(r.Share))
		}
		return Format("reports.btSpendRises", loc, btCorr(r.Share))
	case analysis.ReasonSpendFailed:
		why := Why(m.GGError, loc)
		if why == "" {
			why = Label("reports.btNoReason").In(loc)
		}
		return Format("reports.btSpendFailed", loc, why)
	}
	return r.Code
}

// TrackingSentence compares a model's predicted total of repeat purchases
// over a holdout of units time units with the actual total.
func TrackingSentence(model string, predicted, actual, units, unitDays float64, loc string) string {
	name := Label("reports.btModelThe").In(loc)
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
		s = Format("reports.btTrackingNone", loc, name, pred, span)
	case Pct1(math.Abs(share)) == 0:
		s = Format("reports.btTrackingExact", loc, name, pred, span, act)
	case share < 0:
		s = Format("reports.btTrackingUnder", loc, name, pred, span, act, Pct(-share))
	default:
		s = Format("reports.btTrackingOver", loc, name, pred, span, act, Pct(share))
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
			return Format("reports.btSkippedNotRead", loc, span)
		}
		return Label("reports.btSkippedOff").In(loc)
	case analysis.BacktestSkippedHistory:
		return Format("reports.btSkippedHistory", loc, span)
	case analysis.BacktestSkippedFew:
		return Format("reports.btSkippedFew", loc, Int(b.RepeatBuyers), span)
	case "":
		return Format("reports.btSkippedOther", loc, "—")
	}
	return Format("reports.btSkippedOther", loc, b.Skipped)
}

// ChoiceSentence names the chosen purchase model of m and why.
func ChoiceSentence(m analysis.Models, loc string) string {
	name := PurchaseModelName(m.Chosen, loc)
	switch {
	case m.ChoiceReason == analysis.ChoiceNone || (m.Chosen == "" && m.ChoiceReason != ""):
		return Label("reports.btChoiceNone").In(loc)
	case m.Chosen == "":
		return ""
	}
	switch m.ChoiceReason {
	case analysis.ChoiceConfigured:
		return Format("reports.btChoiceConfigured", loc, name)
	case analysis.ChoiceHoldout:
		for _, bm := range m.Backtest.Models {
			if bm.Key == m.Chosen && Finite(bm.MAE) {
				return Format("reports.btChoiceHoldout", loc, name, BtDec(bm.MAE))
			}
		}
	case analysis.ChoiceBIC:
		for _, f := range m.Purchase {
			if f.Key == m.Chosen && f.Model != nil {
				if bic := f.Model.Fit().BIC(); Finite(bic) {
					return Format("reports.btChoiceBIC", loc, name, btBIC(bic))
				}
			}
		}
	case analysis.ChoiceOnly:
		return Format("reports.btChoiceOnly", loc, name)
	}
	return Format("reports.btChoicePlain", loc, name)
}

// BtSpan is a span of units time units of unitDays days in words: "13
// weeks", "91 days".
func BtSpan(units, unitDays float64, loc string) string {
	if !Finite(units) || units < 0 {
		units = 0
	}
	if unitDays == 7 {
		if units == 1 {
			return Label("reports.btWeek").In(loc)
		}
		return Format("reports.btWeeks", loc, BtNum(units))
	}
	if unitDays > 0 {
		units *= unitDays
	}
	if units == 1 {
		return Label("reports.btDay").In(loc)
	}
	return Format("reports.btDays", loc, BtNum(math.Round(units)))
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
		return Label("reports.calSeven").In(loc)
	}
	return strconv.Itoa(f)
}

// ModelsFailure says in one sentence which of the purchase and spend
// models could not be used, and why, and which one did converge.
func ModelsFailure(m analysis.Models, loc string) string {
	bg, gg := Why(m.PurchaseError, loc), Why(m.GGError, loc)
	switch {
	case bg != "" && gg != "":
		return Format("reports.modelsBothFailed", loc, bg, gg)
	case bg != "":
		return Format("reports.modelsBGFailed", loc, bg)
	case gg != "":
		return Format("reports.modelsGGFailed", loc, gg, PurchaseModelName(m.Chosen, loc))
	}
	return Format("reports.modelsNoneFailed", loc, Label("reports.modelsOffWhy").In(loc))
}

// PctText writes a share as a percentage for running text: 0.05 → "5%",
// 0.125 → "12.5%".
func PctText(x float64) string {
	return strconv.FormatFloat(NoNegZero(math.Round(Num(x)*10000)/100), 'f', -1, 64) + "%"
}
