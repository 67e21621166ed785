package workbook

import (
	"fmt"
	"strconv"

	"github.com/custseg/custseg/reports"

	"github.com/custseg/custseg/analysis"
)

func (wb *workbook) yesNo(b bool) string {
	if b {
		return wb.t(yes)
	}
	return wb.t(no)
}

func (wb *workbook) writeModel() error {
	s := wb.sheet(wb.model)
	s.wrapMax = maxColWidth - 2
	s.heading(wb.t(titleModel), wb.t(explainModel))
	s.header(headerRow, wb.t(mdSection), wb.t(mdItem), wb.t(mdValue), wb.t(mdMeaning))
	m := wb.res.Models
	row := headerRow
	add := func(section reports.Label, item string, v any, k kind, meaning string) {
		row++
		s.put(1, row, wb.t(section), kText)
		s.put(2, row, item, kLabel)
		s.put(3, row, v, k)
		s.put(4, row, meaning, kWrap)
	}
	usable := mdUsableNo
	if m.Usable {
		usable = mdUsableYes
	}
	add(mdStatus, wb.t(mdUsable), wb.yesNo(m.Usable), kLabel, wb.t(usable))
	wb.modelVerdictRows(add)

	bg, fitted := m.BGNBD, m.BGNBD.N > 0
	param := func(section reports.Label, name string, x float64, meaning reports.Label, ok bool) {
		if ok {
			add(section, name, x, kRatio, wb.t(meaning))
		} else {
			add(section, name, nil, kRatio, wb.t(meaning))
		}
	}
	param(mdBG, "r", bg.R, mdR, fitted)
	param(mdBG, "alpha (α)", bg.Alpha, mdAlpha, fitted)
	param(mdBG, "a", bg.A, mdA, fitted)
	param(mdBG, "b", bg.B, mdB, fitted)
	if fitted {
		add(mdBG, wb.t(mdLogLik), bg.LogLikelihood, kDec, wb.t(mdLL))
	} else {
		add(mdBG, wb.t(mdLogLik), nil, kDec, wb.t(mdLL))
	}
	add(mdBG, wb.t(mdConverged), wb.yesNo(bg.Converged), kText, "")
	add(mdBG, wb.t(mdFitted), bg.N, kInt, wb.t(mdBGN))
	if m.BGNBDError != "" {
		add(mdBG, wb.t(mdError), reports.Why(m.BGNBDError, wb.loc), kWrap, "")
	}

	gg, fitted := m.GammaGamma, m.GammaGamma.N > 0
	param(mdGG, "p", gg.P, mdP, fitted)
	param(mdGG, "q", gg.Q, mdQ, fitted)
	param(mdGG, "v (γ)", gg.V, mdV, fitted)
	add(mdGG, wb.t(mdConverged), wb.yesNo(gg.Converged), kText, "")
	add(mdGG, wb.t(mdFitted), gg.N, kInt, wb.t(mdGGN))
	add(mdGG, wb.t(mdExcluded), gg.Excluded, kInt, wb.t(mdGGEx))
	if m.GGError != "" {
		add(mdGG, wb.t(mdError), reports.Why(m.GGError, wb.loc), kWrap, "")
	}
	wb.modelSpendRows(add)
	wb.modelBacktestRows(add)

	add(mdSettings, wb.t(mdTimeUnit[0]), fmt.Sprintf(wb.t(days), reports.Num(m.TimeUnitDays)), kText, wb.t(mdTimeUnit[1]))
	add(mdSettings, wb.t(mdHorizon[0]), wb.horizon(), kText, wb.t(mdHorizon[1]))
	add(mdSettings, wb.t(mdCLVMonths[0]), fmt.Sprintf(wb.t(months), m.CLVMonths), kText, wb.t(mdCLVMonths[1]))
	add(mdSettings, wb.t(mdDiscount[0]), m.MonthlyDiscount, kPct, wb.t(mdDiscount[1]))
	if m.MarginRatio > 0 {
		add(mdSettings, wb.t(mdMargin[0]), m.MarginRatio, kPct, wb.t(mdMargin[1]))
	} else {
		add(mdSettings, wb.t(mdMargin[0]), nil, kPct, wb.t(mdMargin[1]))
	}
	by := mdByValue
	if m.PyramidBy == "clv" {
		by = mdByCLV
	}
	add(mdSettings, wb.t(mdPyramidBy[0]), wb.t(by), kText, wb.t(mdPyramidBy[1]))
	wb.modelSettingRows(add)

	for _, f := range [][2]reports.Label{mdPAlive, mdExpP, mdExpS} {
		add(mdFormulas, wb.t(f[0]), nil, kText, wb.t(f[1]))
	}
	add(mdFormulas, wb.t(mdCLVFormula[0]), nil, kText, fmt.Sprintf(wb.t(mdCLVFormula[1]), m.CLVMonths))
	add(mdFormulas, wb.t(mdKeepFormula[0]), nil, kText, wb.t(mdKeepFormula[1]))
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
	s.heading(wb.t(titleDefinitions), wb.t(explainDefinitions))
	s.header(headerRow, wb.t(dfTopic), wb.t(dfTerm), wb.t(dfDefinition))
	p := wb.params()
	row := headerRow
	add := func(topic reports.Label, term, def string) {
		row++
		s.put(1, row, wb.t(topic), kText)
		s.put(2, row, term, kLabelWrap)
		s.put(3, row, def, kWrap)
	}
	pair := func(topic reports.Label, l [2]reports.Label, args ...any) {
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
	pair(dfRFM, dfRecency, asOf)
	if p.RFM.Frequency == "days" {
		pair(dfRFM, dfFrequencyDays)
	} else {
		pair(dfRFM, dfFrequencyOrders)
	}
	pair(dfRFM, dfMonetary)
	pair(dfRFM, dfValue, wb.t(wb.measureLabel()))
	bins := wb.res.Bins
	if bins == 0 {
		bins = p.RFM.Bins
	}
	pair(dfRFM, dfScores, bins, bins, bins)
	pair(dfRFM, dfTies)
	pair(dfRFM, dfFM)

	// Segments, in rule order (the first match wins).
	pair(dfSegments, dfSegmentOrder)
	for _, sg := range wb.res.Segments {
		add(dfSegments, reports.SegmentName(sg.Rule, wb.loc),
			fmt.Sprintf(wb.t(dfSegmentRule), segmentRule(sg.Rule, wb.loc), reports.SegmentAction(sg.Rule, wb.loc)))
	}
	pair(dfEvaluation, dfDistinct)
	pair(dfEvaluation, dfTooSmall, reports.PctText(p.Insights.TooSmallShare))
	pair(dfEvaluation, dfStability)

	// Value tiers by cumulative share of value.
	t := p.Tiers
	cum := 0.0
	for _, x := range []struct {
		tier  analysis.Tier
		share float64
	}{{analysis.TierKey, t.Key}, {analysis.TierImportant, t.Important}, {analysis.TierOrdinary, t.Ordinary}, {analysis.TierSmall, t.Small}} {
		add(dfTiers, reports.TierLabels[x.tier].In(wb.loc), fmt.Sprintf(wb.t(dfTierRule), reports.PctText(cum), reports.PctText(cum+x.share)))
		cum += x.share
	}
	add(dfTiers, reports.TierLabels[analysis.TierNoValue].In(wb.loc), wb.t(dfTierNoValue))
	pair(dfTiers, dfTop20)
	pair(dfTiers, dfGini)

	// Churn.
	rules := wb.churnRules()
	for _, st := range analysis.Statuses {
		add(dfChurn, reports.StatusLabels[st].In(wb.loc), rules[st])
	}
	pair(dfChurn, dfRhythm)
	pair(dfChurn, dfChurnRate, p.Lifecycle.WindowDays)
	pair(dfChurn, dfChurnedShare)

	// Lifecycle stages and their strategies.
	means := wb.stageMeanings()
	for _, st := range analysis.Stages {
		add(dfLifecycle, reports.StageLabels[st].In(wb.loc), means[st]+fmt.Sprintf(wb.t(dfStrategy), reports.StageStrategies[st].In(wb.loc)))
	}

	// Predictions.
	pair(dfModels, dfPAlive)
	pair(dfModels, dfCLV, p.Models.CLVMonths, reports.PctText(p.Models.MonthlyDiscount))
	pair(dfModels, dfKeep)
	pair(dfModels, dfSaveNow, g(p.Models.PAliveAtRisk))
	pair(dfModels, dfWinBack)
	wb.nextOrderDefinition(add)
	wb.backtestDefinitions(add)

	// Pyramid.
	by := wb.t(mdByCLV)
	if wb.res.Models.PyramidBy != "clv" {
		by = wb.t(mdByValue)
	}
	py := p.Pyramid
	for k, x := range []string{
		fmt.Sprintf(wb.t(pyrTop), reports.PctText(py.Platinum)),
		fmt.Sprintf(wb.t(pyrNext), reports.PctText(py.Gold)),
		fmt.Sprintf(wb.t(pyrNext), reports.PctText(py.Iron)),
		fmt.Sprintf(wb.t(pyrRest), reports.PctText(1-py.Platinum-py.Gold-py.Iron)),
	} {
		add(dfPyramid, reports.PyramidLabels[analysis.PyramidTiers[k]].In(wb.loc), fmt.Sprintf(wb.t(dfPyramidTier), x, by))
	}

	// Clusters.
	pair(dfTopicClusters, dfClusters, p.Clusters.KMin, p.Clusters.KMax)

	// Buying behaviour.
	pair(dfBehaviour, dfDiscount)
	in := p.Insights
	add(dfBehaviour, reports.BehaviourLabels[analysis.BehaviourDealSeeker].In(wb.loc), fmt.Sprintf(wb.t(dfDealSeeker), reports.PctText(in.DealSeekerShare)))
	add(dfBehaviour, reports.BehaviourLabels[analysis.BehaviourRelationship].In(wb.loc), fmt.Sprintf(wb.t(dfRelationship), reports.PctText(in.RelationshipMaxDiscount)))
	add(dfBehaviour, reports.BehaviourLabels[analysis.BehaviourTransactional].In(wb.loc), wb.t(dfTransactional))

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
		q := reports.QualityLabels[k]
		add(dfQuality, q.What.In(wb.loc), q.Rule.In(wb.loc))
	}
	s.table(headerRow, row, 3)
	return s.finish()
}
