package workbook

import (
	"fmt"
	"strconv"

	"github.com/custseg/custseg/reports"

	"github.com/custseg/custseg/analysis"
)

func (wb *workbook) yesNo(b bool) string {
	if b {
		return wb.t("workbook.yes")
	}
	return wb.t("workbook.no")
}

func (wb *workbook) writeModel() error {
	s := wb.sheet(wb.model)
	s.wrapMax = maxColWidth - 2
	s.heading(wb.t("workbook.titleModel"), wb.t("workbook.explainModel"))
	s.header(headerRow, wb.t("workbook.mdSection"), wb.t("workbook.mdItem"), wb.t("workbook.mdValue"), wb.t("workbook.mdMeaning"))
	m := wb.res.Models
	row := headerRow
	add := func(section reports.Label, item string, v any, k kind, meaning string) {
		row++
		s.put(1, row, wb.t(section), kText)
		s.put(2, row, item, kLabel)
		s.put(3, row, v, k)
		s.put(4, row, meaning, kWrap)
	}
	usable := reports.Label("workbook.mdUsableNo")
	if m.Usable {
		usable = reports.Label("workbook.mdUsableYes")
	}
	add("workbook.mdStatus", wb.t("workbook.mdUsable"), wb.yesNo(m.Usable), kLabel, wb.t(usable))
	wb.modelVerdictRows(add)

	bg, fitted := m.BGNBD, m.BGNBD.N > 0
	param := func(section reports.Label, name string, x float64, meaning reports.Label, ok bool) {
		if ok {
			add(section, name, x, kRatio, wb.t(meaning))
		} else {
			add(section, name, nil, kRatio, wb.t(meaning))
		}
	}
	param("workbook.mdBG", "r", bg.R, "workbook.mdR", fitted)
	param("workbook.mdBG", "alpha (α)", bg.Alpha, "workbook.mdAlpha", fitted)
	param("workbook.mdBG", "a", bg.A, "workbook.mdA", fitted)
	param("workbook.mdBG", "b", bg.B, "workbook.mdB", fitted)
	if fitted {
		add("workbook.mdBG", wb.t("workbook.mdLogLik"), bg.LogLikelihood, kDec, wb.t("workbook.mdLL"))
	} else {
		add("workbook.mdBG", wb.t("workbook.mdLogLik"), nil, kDec, wb.t("workbook.mdLL"))
	}
	add("workbook.mdBG", wb.t("workbook.mdConverged"), wb.yesNo(bg.Converged), kText, "")
	add("workbook.mdBG", wb.t("workbook.mdFitted"), bg.N, kInt, wb.t("workbook.mdBGN"))
	if m.BGNBDError != "" {
		add("workbook.mdBG", wb.t("workbook.mdError"), reports.Why(m.BGNBDError, wb.loc), kWrap, "")
	}

	gg, fitted := m.GammaGamma, m.GammaGamma.N > 0
	param("workbook.mdGG", "p", gg.P, "workbook.mdP", fitted)
	param("workbook.mdGG", "q", gg.Q, "workbook.mdQ", fitted)
	param("workbook.mdGG", "v (γ)", gg.V, "workbook.mdV", fitted)
	add("workbook.mdGG", wb.t("workbook.mdConverged"), wb.yesNo(gg.Converged), kText, "")
	add("workbook.mdGG", wb.t("workbook.mdFitted"), gg.N, kInt, wb.t("workbook.mdGGN"))
	add("workbook.mdGG", wb.t("workbook.mdExcluded"), gg.Excluded, kInt, wb.t("workbook.mdGGEx"))
	if m.GGError != "" {
		add("workbook.mdGG", wb.t("workbook.mdError"), reports.Why(m.GGError, wb.loc), kWrap, "")
	}
	wb.modelSpendRows(add)
	wb.modelBacktestRows(add)

	add("workbook.mdSettings", wb.t(mdTimeUnit[0]), fmt.Sprintf(wb.t("workbook.days"), reports.Num(m.TimeUnitDays)), kText, wb.t(mdTimeUnit[1]))
	add("workbook.mdSettings", wb.t(mdHorizon[0]), wb.horizon(), kText, wb.t(mdHorizon[1]))
	add("workbook.mdSettings", wb.t(mdCLVMonths[0]), fmt.Sprintf(wb.t("workbook.months"), m.CLVMonths), kText, wb.t(mdCLVMonths[1]))
	add("workbook.mdSettings", wb.t(mdDiscount[0]), m.MonthlyDiscount, kPct, wb.t(mdDiscount[1]))
	if m.MarginRatio > 0 {
		add("workbook.mdSettings", wb.t(mdMargin[0]), m.MarginRatio, kPct, wb.t(mdMargin[1]))
	} else {
		add("workbook.mdSettings", wb.t(mdMargin[0]), nil, kPct, wb.t(mdMargin[1]))
	}
	by := reports.Label("workbook.mdByValue")
	if m.PyramidBy == "clv" {
		by = reports.Label("workbook.mdByCLV")
	}
	add("workbook.mdSettings", wb.t(mdPyramidBy[0]), wb.t(by), kText, wb.t(mdPyramidBy[1]))
	wb.modelSettingRows(add)

	for _, f := range [][2]reports.Label{mdPAlive, mdExpP, mdExpS} {
		add("workbook.mdFormulas", wb.t(f[0]), nil, kText, wb.t(f[1]))
	}
	add("workbook.mdFormulas", wb.t(mdCLVFormula[0]), nil, kText, fmt.Sprintf(wb.t(mdCLVFormula[1]), m.CLVMonths))
	add("workbook.mdFormulas", wb.t(mdKeepFormula[0]), nil, kText, wb.t(mdKeepFormula[1]))
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
	s.heading(wb.t("workbook.titleDefinitions"), wb.t("workbook.explainDefinitions"))
	s.header(headerRow, wb.t("workbook.dfTopic"), wb.t("workbook.dfTerm"), wb.t("workbook.dfDefinition"))
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
	pair("workbook.dfRFM", dfRecency, asOf)
	if p.RFM.Frequency == "days" {
		pair("workbook.dfRFM", dfFrequencyDays)
	} else {
		pair("workbook.dfRFM", dfFrequencyOrders)
	}
	pair("workbook.dfRFM", dfMonetary)
	pair("workbook.dfRFM", dfValue, wb.t(wb.measureLabel()))
	bins := wb.res.Bins
	if bins == 0 {
		bins = p.RFM.Bins
	}
	pair("workbook.dfRFM", dfScores, bins, bins, bins)
	pair("workbook.dfRFM", dfTies)
	pair("workbook.dfRFM", dfFM)

	// Segments, in rule order (the first match wins).
	pair("workbook.dfSegments", dfSegmentOrder)
	for _, sg := range wb.res.Segments {
		add("workbook.dfSegments", reports.SegmentName(sg.Rule, wb.loc),
			fmt.Sprintf(wb.t("workbook.dfSegmentRule"), segmentRule(sg.Rule, wb.loc), reports.SegmentAction(sg.Rule, wb.loc)))
	}
	pair("workbook.dfEvaluation", dfDistinct)
	pair("workbook.dfEvaluation", dfTooSmall, reports.PctText(p.Insights.TooSmallShare))
	pair("workbook.dfEvaluation", dfStability)

	// Value tiers by cumulative share of value.
	t := p.Tiers
	cum := 0.0
	for _, x := range []struct {
		tier  analysis.Tier
		share float64
	}{{analysis.TierKey, t.Key}, {analysis.TierImportant, t.Important}, {analysis.TierOrdinary, t.Ordinary}, {analysis.TierSmall, t.Small}} {
		add("workbook.dfTiers", reports.TierLabels[x.tier].In(wb.loc), fmt.Sprintf(wb.t("workbook.dfTierRule"), reports.PctText(cum), reports.PctText(cum+x.share)))
		cum += x.share
	}
	add("workbook.dfTiers", reports.TierLabels[analysis.TierNoValue].In(wb.loc), wb.t("workbook.dfTierNoValue"))
	pair("workbook.dfTiers", dfTop20)
	pair("workbook.dfTiers", dfGini)

	// Churn.
	rules := wb.churnRules()
	for _, st := range analysis.Statuses {
		add("workbook.dfChurn", reports.StatusLabels[st].In(wb.loc), rules[st])
	}
	pair("workbook.dfChurn", dfRhythm)
	pair("workbook.dfChurn", dfChurnRate, p.Lifecycle.WindowDays)
	pair("workbook.dfChurn", dfChurnedShare)

	// Lifecycle stages and their strategies.
	means := wb.stageMeanings()
	for _, st := range analysis.Stages {
		add("workbook.dfLifecycle", reports.StageLabels[st].In(wb.loc), means[st]+fmt.Sprintf(wb.t("workbook.dfStrategy"), reports.StageStrategies[st].In(wb.loc)))
	}

	// Predictions.
	pair("workbook.dfModels", dfPAlive)
	pair("workbook.dfModels", dfCLV, p.Models.CLVMonths, reports.PctText(p.Models.MonthlyDiscount))
	pair("workbook.dfModels", dfKeep)
	pair("workbook.dfModels", dfSaveNow, g(p.Models.PAliveAtRisk))
	pair("workbook.dfModels", dfWinBack)
	wb.nextOrderDefinition(add)
	wb.backtestDefinitions(add)

	// Pyramid.
	by := wb.t("workbook.mdByCLV")
	if wb.res.Models.PyramidBy != "clv" {
		by = wb.t("workbook.mdByValue")
	}
	py := p.Pyramid
	for k, x := range []string{
		fmt.Sprintf(wb.t("workbook.pyrTop"), reports.PctText(py.Platinum)),
		fmt.Sprintf(wb.t("workbook.pyrNext"), reports.PctText(py.Gold)),
		fmt.Sprintf(wb.t("workbook.pyrNext"), reports.PctText(py.Iron)),
		fmt.Sprintf(wb.t("workbook.pyrRest"), reports.PctText(1-py.Platinum-py.Gold-py.Iron)),
	} {
		add("workbook.dfPyramid", reports.PyramidLabels[analysis.PyramidTiers[k]].In(wb.loc), fmt.Sprintf(wb.t("workbook.dfPyramidTier"), x, by))
	}

	// Clusters.
	pair("workbook.dfTopicClusters", dfClusters, p.Clusters.KMin, p.Clusters.KMax)

	// Buying behaviour.
	pair("workbook.dfBehaviour", dfDiscount)
	in := p.Insights
	add("workbook.dfBehaviour", reports.BehaviourLabels[analysis.BehaviourDealSeeker].In(wb.loc), fmt.Sprintf(wb.t("workbook.dfDealSeeker"), reports.PctText(in.DealSeekerShare)))
	add("workbook.dfBehaviour", reports.BehaviourLabels[analysis.BehaviourRelationship].In(wb.loc), fmt.Sprintf(wb.t("workbook.dfRelationship"), reports.PctText(in.RelationshipMaxDiscount)))
	add("workbook.dfBehaviour", reports.BehaviourLabels[analysis.BehaviourTransactional].In(wb.loc), wb.t("workbook.dfTransactional"))

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
		add("workbook.dfQuality", q.What.In(wb.loc), q.Rule.In(wb.loc))
	}
	s.table(headerRow, row, 3)
	return s.finish()
}
