package reports

import (
	"fmt"
	"strconv"

	"github.com/custseg/custseg/analysis"
)

func (wb *workbook) yesNo(b bool) string {
	if b {
		return wb.t(wbYes)
	}
	return wb.t(wbNo)
}

func (wb *workbook) writeModel() error {
	s := wb.sheet(wb.model)
	s.wrapMax = maxColWidth - 2
	s.heading(wb.t(wbTitleModel), wb.t(wbExplainModel))
	s.header(headerRow, wb.t(wbMdSection), wb.t(wbMdItem), wb.t(wbMdValue), wb.t(wbMdMeaning))
	m := wb.res.Models
	row := headerRow
	add := func(section Label, item string, v any, k kind, meaning string) {
		row++
		s.put(1, row, wb.t(section), kText)
		s.put(2, row, item, kLabel)
		s.put(3, row, v, k)
		s.put(4, row, meaning, kWrap)
	}
	usable := wbMdUsableNo
	if m.Usable {
		usable = wbMdUsableYes
	}
	add(wbMdStatus, wb.t(wbMdUsable), wb.yesNo(m.Usable), kLabel, wb.t(usable))
	wb.modelVerdictRows(add)

	bg, fitted := m.BGNBD, m.BGNBD.N > 0
	param := func(section Label, name string, x float64, meaning Label, ok bool) {
		if ok {
			add(section, name, x, kRatio, wb.t(meaning))
		} else {
			add(section, name, nil, kRatio, wb.t(meaning))
		}
	}
	param(wbMdBG, "r", bg.R, wbMdR, fitted)
	param(wbMdBG, "alpha (α)", bg.Alpha, wbMdAlpha, fitted)
	param(wbMdBG, "a", bg.A, wbMdA, fitted)
	param(wbMdBG, "b", bg.B, wbMdB, fitted)
	if fitted {
		add(wbMdBG, wb.t(wbMdLogLik), bg.LogLikelihood, kDec, wb.t(wbMdLL))
	} else {
		add(wbMdBG, wb.t(wbMdLogLik), nil, kDec, wb.t(wbMdLL))
	}
	add(wbMdBG, wb.t(wbMdConverged), wb.yesNo(bg.Converged), kText, "")
	add(wbMdBG, wb.t(wbMdFitted), bg.N, kInt, wb.t(wbMdBGN))
	if m.BGNBDError != "" {
		add(wbMdBG, wb.t(wbMdError), m.BGNBDError, kWrap, "")
	}

	gg, fitted := m.GammaGamma, m.GammaGamma.N > 0
	param(wbMdGG, "p", gg.P, wbMdP, fitted)
	param(wbMdGG, "q", gg.Q, wbMdQ, fitted)
	param(wbMdGG, "v (γ)", gg.V, wbMdV, fitted)
	add(wbMdGG, wb.t(wbMdConverged), wb.yesNo(gg.Converged), kText, "")
	add(wbMdGG, wb.t(wbMdFitted), gg.N, kInt, wb.t(wbMdGGN))
	add(wbMdGG, wb.t(wbMdExcluded), gg.Excluded, kInt, wb.t(wbMdGGEx))
	if m.GGError != "" {
		add(wbMdGG, wb.t(wbMdError), m.GGError, kWrap, "")
	}
	wb.modelSpendRows(add)
	wb.modelBacktestRows(add)

	add(wbMdSettings, wb.t(wbMdTimeUnit[0]), fmt.Sprintf(wb.t(wbDays), num(m.TimeUnitDays)), kText, wb.t(wbMdTimeUnit[1]))
	add(wbMdSettings, wb.t(wbMdHorizon[0]), wb.horizon(), kText, wb.t(wbMdHorizon[1]))
	add(wbMdSettings, wb.t(wbMdCLVMonths[0]), fmt.Sprintf(wb.t(wbMonths), m.CLVMonths), kText, wb.t(wbMdCLVMonths[1]))
	add(wbMdSettings, wb.t(wbMdDiscount[0]), m.MonthlyDiscount, kPct, wb.t(wbMdDiscount[1]))
	if m.MarginRatio > 0 {
		add(wbMdSettings, wb.t(wbMdMargin[0]), m.MarginRatio, kPct, wb.t(wbMdMargin[1]))
	} else {
		add(wbMdSettings, wb.t(wbMdMargin[0]), nil, kPct, wb.t(wbMdMargin[1]))
	}
	by := wbMdByValue
	if m.PyramidBy == "clv" {
		by = wbMdByCLV
	}
	add(wbMdSettings, wb.t(wbMdPyramidBy[0]), wb.t(by), kText, wb.t(wbMdPyramidBy[1]))
	wb.modelSettingRows(add)

	for _, f := range [][2]Label{wbMdPAlive, wbMdExpP, wbMdExpS} {
		add(wbMdFormulas, wb.t(f[0]), nil, kText, wb.t(f[1]))
	}
	add(wbMdFormulas, wb.t(wbMdCLVFormula[0]), nil, kText, fmt.Sprintf(wb.t(wbMdCLVFormula[1]), m.CLVMonths))
	add(wbMdFormulas, wb.t(wbMdKeepFormula[0]), nil, kText, wb.t(wbMdKeepFormula[1]))
	s.table(headerRow, row, 4)
	wb.modelTables(s, row)
	return s.finish()
}

// qualityOrder lists the data-quality checks in the order the Definitions
// sheet explains them.
var qualityOrder = []string{
	analysis.CheckNullCustomerID, analysis.CheckNullDateOrAmount, analysis.CheckFutureDate,
	analysis.CheckZeroAmount, analysis.CheckZeroAmountPurchase, analysis.CheckRefund,
	analysis.CheckDuplicateOrderID, analysis.CheckExactRepeatLines, analysis.CheckUnknownCustomer, analysis.CheckCustomersNullID,
	analysis.CheckBuyersNonPositive,
}

func (wb *workbook) writeDefinitions() error {
	s := wb.sheet(wb.defs)
	s.wrapMax = maxColWidth - 2
	s.heading(wb.t(wbTitleDefinitions), wb.t(wbExplainDefinitions))
	s.header(headerRow, wb.t(wbDfTopic), wb.t(wbDfTerm), wb.t(wbDfDefinition))
	p := wb.params()
	row := headerRow
	add := func(topic Label, term, def string) {
		row++
		s.put(1, row, wb.t(topic), kText)
		s.put(2, row, term, kLabelWrap)
		s.put(3, row, def, kWrap)
	}
	pair := func(topic Label, l [2]Label, args ...any) {
		def := wb.t(l[1])
		if len(args) > 0 {
			def = fmt.Sprintf(def, args...)
		}
		add(topic, wb.t(l[0]), def)
	}
	g := func(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }

	// RFM.
	asOf := ""
	if !wb.asOf.IsZero() {
		asOf = wb.asOf.Format("2006-01-02")
	}
	pair(wbDfRFM, wbDfRecency, asOf)
	if p.RFM.Frequency == "days" {
		pair(wbDfRFM, wbDfFrequencyDays)
	} else {
		pair(wbDfRFM, wbDfFrequencyOrders)
	}
	pair(wbDfRFM, wbDfMonetary)
	pair(wbDfRFM, wbDfValue, wb.t(wb.measureLabel()))
	bins := wb.res.Bins
	if bins == 0 {
		bins = p.RFM.Bins
	}
	pair(wbDfRFM, wbDfScores, bins, bins, bins)
	pair(wbDfRFM, wbDfTies)
	pair(wbDfRFM, wbDfFM)

	// Segments, in rule order (the first match wins).
	pair(wbDfSegments, wbDfSegmentOrder)
	for _, sg := range wb.res.Segments {
		add(wbDfSegments, SegmentName(sg.Rule, wb.loc),
			fmt.Sprintf(wb.t(wbDfSegmentRule), segmentRule(sg.Rule, wb.loc), SegmentAction(sg.Rule, wb.loc)))
	}
	pair(wbDfEvaluation, wbDfDistinct)
	pair(wbDfEvaluation, wbDfTooSmall, pctText(p.Insights.TooSmallShare))
	pair(wbDfEvaluation, wbDfStability)

	// Value tiers by cumulative share of value.
	t := p.Tiers
	cum := 0.0
	for _, x := range []struct {
		tier  analysis.Tier
		share float64
	}{{analysis.TierKey, t.Key}, {analysis.TierImportant, t.Important}, {analysis.TierOrdinary, t.Ordinary}, {analysis.TierSmall, t.Small}} {
		add(wbDfTiers, TierLabels[x.tier].In(wb.loc), fmt.Sprintf(wb.t(wbDfTierRule), pctText(cum), pctText(cum+x.share)))
		cum += x.share
	}
	add(wbDfTiers, TierLabels[analysis.TierNoValue].In(wb.loc), wb.t(wbDfTierNoValue))
	pair(wbDfTiers, wbDfTop20)
	pair(wbDfTiers, wbDfGini)

	// Churn.
	rules := wb.churnRules()
	for _, st := range analysis.Statuses {
		add(wbDfChurn, StatusLabels[st].In(wb.loc), rules[st])
	}
	pair(wbDfChurn, wbDfRhythm)
	pair(wbDfChurn, wbDfChurnRate, p.Lifecycle.WindowDays)
	pair(wbDfChurn, wbDfChurnedShare)

	// Lifecycle stages and their strategies.
	means := wb.stageMeanings()
	for _, st := range analysis.Stages {
		add(wbDfLifecycle, StageLabels[st].In(wb.loc), means[st]+fmt.Sprintf(wb.t(wbDfStrategy), StageStrategies[st].In(wb.loc)))
	}

	// Predictions.
	pair(wbDfModels, wbDfPAlive)
	pair(wbDfModels, wbDfCLV, p.Models.CLVMonths, pctText(p.Models.MonthlyDiscount))
	pair(wbDfModels, wbDfKeep)
	pair(wbDfModels, wbDfSaveNow, g(p.Models.PAliveAtRisk))
	pair(wbDfModels, wbDfWinBack)
	wb.nextOrderDefinition(add)
	wb.backtestDefinitions(add)

	// Pyramid.
	by := wb.t(wbMdByCLV)
	if wb.res.Models.PyramidBy != "clv" {
		by = wb.t(wbMdByValue)
	}
	py := p.Pyramid
	for k, x := range []string{
		fmt.Sprintf(wb.t(wbPyrTop), pctText(py.Platinum)),
		fmt.Sprintf(wb.t(wbPyrNext), pctText(py.Gold)),
		fmt.Sprintf(wb.t(wbPyrNext), pctText(py.Iron)),
		fmt.Sprintf(wb.t(wbPyrRest), pctText(1-py.Platinum-py.Gold-py.Iron)),
	} {
		add(wbDfPyramid, PyramidLabels[analysis.PyramidTiers[k]].In(wb.loc), fmt.Sprintf(wb.t(wbDfPyramidTier), x, by))
	}

	// Clusters.
	pair(wbDfTopicClusters, wbDfClusters, p.Clusters.KMin, p.Clusters.KMax)

	// Buying behaviour.
	pair(wbDfBehaviour, wbDfDiscount)
	in := p.Insights
	add(wbDfBehaviour, BehaviourLabels[analysis.BehaviourDealSeeker].In(wb.loc), fmt.Sprintf(wb.t(wbDfDealSeeker), pctText(in.DealSeekerShare)))
	add(wbDfBehaviour, BehaviourLabels[analysis.BehaviourRelationship].In(wb.loc), fmt.Sprintf(wb.t(wbDfRelationship), pctText(in.RelationshipMaxDiscount)))
	add(wbDfBehaviour, BehaviourLabels[analysis.BehaviourTransactional].In(wb.loc), wb.t(wbDfTransactional))

	// Data quality. Zero amounts follow one of two rules: the one this run
	// reported, or both when it reported neither.
	ran := map[string]bool{}
	for _, q := range wb.in.Quality {
		ran[q.Check] = true
	}
	for _, k := range qualityOrder {
		if (k == analysis.CheckZeroAmount && ran[analysis.CheckZeroAmountPurchase] && !ran[k]) ||
			(k == analysis.CheckZeroAmountPurchase && ran[analysis.CheckZeroAmount] && !ran[k]) {
			continue
		}
		q := QualityLabels[k]
		add(wbDfQuality, q.What.In(wb.loc), q.Rule.In(wb.loc))
	}
	s.table(headerRow, row, 3)
	return s.finish()
}
