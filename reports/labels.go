package reports

import (
	"github.com/custseg/custseg/analysis"
	"github.com/custseg/custseg/texts"
)

// Label names a text of the catalogue (package texts); its In method gives
// the text in a locale.
type Label = texts.Key

// TierLabels name the value tiers as marketing knows them.
var TierLabels = map[analysis.Tier]Label{
	analysis.TierKey:       "reports.TierLabels.TierKey",
	analysis.TierImportant: "reports.TierLabels.TierImportant",
	analysis.TierOrdinary:  "reports.TierLabels.TierOrdinary",
	analysis.TierSmall:     "reports.TierLabels.TierSmall",
	analysis.TierNoValue:   "reports.TierLabels.TierNoValue",
	analysis.TierNone:      "reports.TierLabels.TierNone",
}

// StatusLabels name the churn statuses. They differ from every segment
// name (the RFM segments "At Risk" and "Lost" are other groups), so a
// filter on one word gives one list (see Vocabulary).
var StatusLabels = map[analysis.Status]Label{
	analysis.StatusPotential: "reports.StatusLabels.StatusPotential",
	analysis.StatusActive:    "reports.StatusLabels.StatusActive",
	analysis.StatusAtRisk:    "reports.StatusLabels.StatusAtRisk",
	analysis.StatusChurned:   "reports.StatusLabels.StatusChurned",
}

// QualityLabels describe each data-quality check and the rule applied.
var QualityLabels = map[string]struct{ What, Rule Label }{
	analysis.CheckNullCustomerID: {
		Label("reports.QualityLabels.CheckNullCustomerID.What"),
		Label("reports.QualityLabels.CheckNullCustomerID.Rule")},
	analysis.CheckNullDateOrAmount: {
		Label("reports.QualityLabels.CheckNullDateOrAmount.What"),
		Label("reports.QualityLabels.CheckNullDateOrAmount.Rule")},
	analysis.CheckFutureDate: {
		Label("reports.QualityLabels.CheckFutureDate.What"),
		Label("reports.QualityLabels.CheckFutureDate.Rule")},
	analysis.CheckZeroAmount: {
		Label("reports.QualityLabels.CheckZeroAmount.What"),
		Label("reports.QualityLabels.CheckZeroAmount.Rule")},
	analysis.CheckZeroAmountPurchase: {
		Label("reports.QualityLabels.CheckZeroAmountPurchase.What"),
		Label("reports.QualityLabels.CheckZeroAmountPurchase.Rule")},
	analysis.CheckRefund: {
		Label("reports.QualityLabels.CheckRefund.What"),
		Label("reports.QualityLabels.CheckRefund.Rule")},
	analysis.CheckDuplicateOrderID: {
		Label("reports.QualityLabels.CheckDuplicateOrderID.What"),
		Label("reports.QualityLabels.CheckDuplicateOrderID.Rule")},
	analysis.CheckExactRepeatLines: {
		Label("reports.QualityLabels.CheckExactRepeatLines.What"),
		Label("reports.QualityLabels.CheckExactRepeatLines.Rule")},
	analysis.CheckUnknownCustomer: {
		Label("reports.QualityLabels.CheckUnknownCustomer.What"),
		Label("reports.QualityLabels.CheckUnknownCustomer.Rule")},
	analysis.CheckCustomersNullID: {
		Label("reports.QualityLabels.CheckCustomersNullID.What"),
		Label("reports.QualityLabels.CheckCustomersNullID.Rule")},
	analysis.CheckBuyersNonPositive: {
		Label("reports.QualityLabels.CheckBuyersNonPositive.What"),
		Label("reports.QualityLabels.CheckBuyersNonPositive.Rule")},
}

// PyramidLabels name the customer-pyramid tiers.
var PyramidLabels = map[analysis.PyramidTier]Label{
	analysis.PyramidPlatinum: "reports.PyramidLabels.PyramidPlatinum",
	analysis.PyramidGold:     "reports.PyramidLabels.PyramidGold",
	analysis.PyramidIron:     "reports.PyramidLabels.PyramidIron",
	analysis.PyramidLead:     "reports.PyramidLabels.PyramidLead",
	analysis.PyramidNone:     "reports.PyramidLabels.PyramidNone",
}

// StageLabels name the customer-lifecycle stages.
var StageLabels = map[analysis.Stage]Label{
	analysis.StageExploration: "reports.StageLabels.StageExploration",
	analysis.StageFormation:   "reports.StageLabels.StageFormation",
	analysis.StageStability:   "reports.StageLabels.StageStability",
	analysis.StageDecline:     "reports.StageLabels.StageDecline",
	analysis.StageLost:        "reports.StageLabels.StageLost", // key "lost": churned
	analysis.StageNone:        "reports.StageLabels.StageNone",
}

// BehaviourLabels name the buying behaviours.
var BehaviourLabels = map[analysis.Behaviour]Label{
	analysis.BehaviourDealSeeker:    "reports.BehaviourLabels.BehaviourDealSeeker",
	analysis.BehaviourRelationship:  "reports.BehaviourLabels.BehaviourRelationship",
	analysis.BehaviourTransactional: "reports.BehaviourLabels.BehaviourTransactional",
	analysis.BehaviourNone:          "reports.BehaviourLabels.BehaviourNone",
}

// StageStrategies give the strategy each lifecycle stage calls for.
var StageStrategies = map[analysis.Stage]Label{
	analysis.StageExploration: "reports.StageStrategies.StageExploration",
	analysis.StageFormation:   "reports.StageStrategies.StageFormation",
	analysis.StageStability:   "reports.StageStrategies.StageStability",
	analysis.StageDecline:     "reports.StageStrategies.StageDecline",
	analysis.StageLost:        "reports.StageStrategies.StageLost",
}
