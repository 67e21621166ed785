package workbook

import (
	"github.com/custseg/custseg/reports"
)

// Summary sheet additions.
var (

	// kpiExpPurchases' meaning is a format with the horizon in words.
	kpiExpPurchases = [2]reports.Label{"reports.KpiNameExpPurchases", "workbook.kpiExpPurchases.1"}
	// kpiclv's meaning is a format with the horizon in months.
	kpiclv     = [2]reports.Label{"reports.KpiNameCLV", "workbook.kpiclv.1"}
	kpiSaveNow = [2]reports.Label{"reports.KpiNameSaveNow", "workbook.kpiSaveNow.1"}
	kpiWinBack = [2]reports.Label{"reports.KpiNameWinBack", "workbook.kpiWinBack.1"}
	// kpiPeriodChurn is the churn rate; its meaning is a format with the
	// period in days.
	kpiPeriodChurn     = [2]reports.Label{"reports.KpiNameChurnRate", "workbook.kpiPeriodChurn.1"}
	kpiPeriodChurnNone = [2]reports.Label{"reports.KpiNameChurnRate", "workbook.kpiPeriodChurnNone.1"}
)

// Model sheet.
var (
	mdTimeUnit    = [2]reports.Label{"workbook.mdTimeUnit.0", "workbook.mdTimeUnit.1"}
	mdHorizon     = [2]reports.Label{"workbook.mdHorizon.0", "workbook.mdHorizon.1"}
	mdCLVMonths   = [2]reports.Label{"workbook.mdCLVMonths.0", "workbook.mdCLVMonths.1"}
	mdDiscount    = [2]reports.Label{"workbook.mdDiscount.0", "workbook.mdDiscount.1"}
	mdMargin      = [2]reports.Label{"workbook.mdMargin.0", "workbook.mdMargin.1"}
	mdPyramidBy   = [2]reports.Label{"workbook.mdPyramidBy.0", "workbook.mdPyramidBy.1"}
	mdPAlive      = [2]reports.Label{"workbook.mdPAlive.0", "workbook.mdPAlive.1"}
	mdExpP        = [2]reports.Label{"workbook.mdExpP.0", "workbook.mdExpP.1"}
	mdExpS        = [2]reports.Label{"workbook.mdExpS.0", "workbook.mdExpS.1"}
	mdCLVFormula  = [2]reports.Label{"workbook.mdCLVFormula.0", "workbook.mdCLVFormula.1"}
	mdKeepFormula = [2]reports.Label{"workbook.mdKeepFormula.0", "workbook.mdKeepFormula.1"}
)

// Definitions sheet.
var (

	// Formats: see where they are used.
	dfRecency         = [2]reports.Label{"workbook.dfRecency.0", "workbook.dfRecency.1"}
	dfFrequencyOrders = [2]reports.Label{"workbook.dfFrequencyOrders.0", "workbook.dfFrequencyOrders.1"}
	dfFrequencyDays   = [2]reports.Label{"workbook.dfFrequencyDays.0", "workbook.dfFrequencyDays.1"}
	dfMonetary        = [2]reports.Label{"workbook.dfMonetary.0", "workbook.dfMonetary.1"}
	dfValue           = [2]reports.Label{"workbook.dfValue.0", "workbook.dfValue.1"}
	dfScores          = [2]reports.Label{"workbook.dfScores.0", "workbook.dfScores.1"}
	dfTies            = [2]reports.Label{"workbook.dfTies.0", "workbook.dfTies.1"}
	dfFM              = [2]reports.Label{"workbook.dfFM.0", "workbook.dfFM.1"}

	dfSegmentOrder = [2]reports.Label{"workbook.dfSegmentOrder.0", "workbook.dfSegmentOrder.1"}

	dfTop20 = [2]reports.Label{"workbook.dfTop20.0", "workbook.dfTop20.1"}
	dfGini  = [2]reports.Label{"workbook.dfGini.0", "workbook.dfGini.1"}

	dfRhythm = [2]reports.Label{"workbook.dfRhythm.0", "workbook.dfRhythm.1"}
	// dfChurnRate is the one churn rate: a format with the period in days.
	dfChurnRate    = [2]reports.Label{"reports.KpiNameChurnRate", "workbook.dfChurnRate.1"}
	dfChurnedShare = [2]reports.Label{"reports.KpiNameChurnedShare", "workbook.dfChurnedShare.1"}

	dfPAlive  = [2]reports.Label{"workbook.dfPAlive.0", "workbook.dfPAlive.1"}
	dfCLV     = [2]reports.Label{"workbook.dfCLV.0", "workbook.dfCLV.1"}
	dfKeep    = [2]reports.Label{"workbook.dfKeep.0", "workbook.dfKeep.1"}
	dfSaveNow = [2]reports.Label{"reports.ListNameSaveNow", "workbook.dfSaveNow.1"}
	dfWinBack = [2]reports.Label{"reports.ListNameWinBack", "workbook.dfWinBack.1"}

	dfClusters = [2]reports.Label{"workbook.dfClusters.0", "workbook.dfClusters.1"}
	dfDiscount = [2]reports.Label{"workbook.dfDiscount.0", "workbook.dfDiscount.1"}

	dfDistinct  = [2]reports.Label{"workbook.dfDistinct.0", "workbook.dfDistinct.1"}
	dfTooSmall  = [2]reports.Label{"workbook.dfTooSmall.0", "workbook.dfTooSmall.1"}
	dfStability = [2]reports.Label{"workbook.dfStability.0", "workbook.dfStability.1"}
)
