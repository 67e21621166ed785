package workbook

import (
	"github.com/custseg/custseg/reports"
)

// Texts of the workbook, in the two report languages. Sheet names must stay
// valid in Excel: at most 31 characters and none of []:*?/\.
var (
	sheetSummary   = reports.Label("workbook.sheetSummary")
	SheetCustomers = reports.Label("workbook.SheetCustomers")
	sheetSegments  = reports.Label("workbook.sheetSegments")
	sheetTiers     = reports.Label("workbook.sheetTiers")
	sheetQuality   = reports.Label("workbook.sheetQuality")
	sheetAbout     = reports.Label("workbook.sheetAbout")
)

// Titles (row 1) and one-line explanations (row 2) of each sheet.
var (
	titleSummary   = reports.Label("workbook.titleSummary")
	explainSummary = reports.Label("workbook.explainSummary")

	titleCustomers   = reports.Label("workbook.titleCustomers")
	explainCustomers = reports.Label("workbook.explainCustomers")

	// customersPart is a format: first, last and total customer number,
	// when the customers fill more than one sheet.
	customersPart = reports.Label("workbook.customersPart")

	titleSegments   = reports.Label("workbook.titleSegments")
	explainSegments = reports.Label("workbook.explainSegments")

	titleTiers   = reports.Label("workbook.titleTiers")
	explainTiers = reports.Label("workbook.explainTiers")

	titleQuality   = reports.Label("workbook.titleQuality")
	explainQuality = reports.Label("workbook.explainQuality")

	titleAbout   = reports.Label("workbook.titleAbout")
	explainAbout = reports.Label("workbook.explainAbout")
)

// Summary sheet.
var (
	hdrMeasure = reports.Label("workbook.hdrMeasure")
	hdrValue   = reports.Label("workbook.hdrValue")
	hdrMeaning = reports.Label("workbook.hdrMeaning")

	kpiCustomers = [2]reports.Label{reports.KpiNameCustomers,
		"workbook.kpiCustomers.1"}
	// kpiPeriodMeaning explains this period's figures; wbKPIPeriodSpan
	// (first day, last day, days) and wbKPIPeriodVs (the period before)
	// follow.
	kpiPeriodMeaning = map[string]reports.Label{
		"period.revenue":    "workbook.kpiPeriodMeaning.period_revenue",
		"period.orders":     "workbook.kpiPeriodMeaning.period_orders",
		"period.buyers":     "workbook.kpiPeriodMeaning.period_buyers",
		"period.new_buyers": "workbook.kpiPeriodMeaning.period_new_buyers",
	}
	kpiPeriodSpan = reports.Label("workbook.kpiPeriodSpan")
	kpiPeriodVs   = reports.Label("workbook.kpiPeriodVs")
	kpiBuyers     = [2]reports.Label{reports.KpiNameBuyers,
		"workbook.kpiBuyers.1"}
	kpiOrders = [2]reports.Label{reports.KpiNameOrders,
		"workbook.kpiOrders.1"}
	kpiGross = [2]reports.Label{reports.KpiNameGross,
		"workbook.kpiGross.1"}
	kpiRefunds = [2]reports.Label{reports.KpiNameRefunds,
		"workbook.kpiRefunds.1"}
	kpiNet = [2]reports.Label{reports.KpiNameNet,
		"workbook.kpiNet.1"}
	kpiMargin = [2]reports.Label{reports.KpiNameMargin,
		"workbook.kpiMargin.1"}
	kpiaov = [2]reports.Label{reports.KpiNameAOV,
		"workbook.kpiaov.1"}
	kpiRepeat = [2]reports.Label{reports.KpiNameRepeat,
		"workbook.kpiRepeat.1"}
	kpiTop20 = [2]reports.Label{reports.KpiNameTop20,
		"workbook.kpiTop20.1"}
	kpiGini = [2]reports.Label{reports.KpiNameGini,
		"workbook.kpiGini.1"}
	kpiActive = [2]reports.Label{reports.KpiNameActive,
		"workbook.kpiActive.1"}
	kpiAtRisk = [2]reports.Label{reports.KpiNameLapsing,
		"workbook.kpiAtRisk.1"}
	// kpiChurned's meaning is a format with the share of buyers.
	kpiChurned = [2]reports.Label{reports.KpiNameChurned,
		"workbook.kpiChurned.1"}

	report      = reports.Label("workbook.report")
	job         = reports.Label("workbook.job")
	runID       = reports.Label("workbook.runID")
	wbAsOf      = reports.Label("workbook.wbAsOf")
	generatedAt = reports.Label("workbook.generatedAt")
	version     = reports.Label("workbook.version")
	locale      = reports.Label("workbook.locale")
	contents    = reports.Label("workbook.contents")
	// titleAsOf is a format: the title, then the as-of date.
	titleAsOf = reports.Label("workbook.titleAsOf")

	chartSegments = reports.Label("workbook.chartSegments")
	chartTiers    = reports.Label("workbook.chartTiers")
)

// Customers sheet headers (attribute columns use the query's column names).
var (
	colID        = reports.Label("workbook.colID")
	colName      = reports.Label("workbook.colName")
	colEmail     = reports.Label("workbook.colEmail")
	colPhone     = reports.Label("workbook.colPhone")
	colReg       = reports.Label("workbook.colReg")
	colFirst     = reports.Label("workbook.colFirst")
	colLast      = reports.Label("workbook.colLast")
	colRecency   = reports.Label("workbook.colRecency")
	colFrequency = reports.Label("workbook.colFrequency")
	colMonetary  = reports.Label("workbook.colMonetary")
	colR         = reports.Label("workbook.colR")
	colF         = reports.Label("workbook.colF")
	colM         = reports.Label("workbook.colM")
	colFM        = reports.Label("workbook.colFM")
	colTier      = reports.Label("workbook.colTier")
	colStatus    = reports.Label("workbook.colStatus")
	colOrders    = reports.Label("workbook.colOrders")
	colGross     = reports.Label("workbook.colGross")
	colRefunds   = reports.Label("workbook.colRefunds")
)

// Segments sheet headers.
var (
	segName      = reports.Label("workbook.segName")
	segCustomers = reports.Label("workbook.segCustomers")
	segShare     = reports.Label("workbook.segShare")
	segValue     = reports.Label("workbook.segValue")
	segValShare  = reports.Label("workbook.segValShare")
	segRecency   = reports.Label("workbook.segRecency")
	segFrequency = reports.Label("workbook.segFrequency")
	segMonetary  = reports.Label("workbook.segMonetary")
	segAOV       = reports.Label("workbook.segAOV")
	segRule      = reports.Label("workbook.segRule")
	segAction    = reports.Label("workbook.segAction")
)

// Value tiers sheet.
var (
	tierName      = reports.Label("workbook.tierName")
	tierCustomers = reports.Label("workbook.tierCustomers")
	tierShare     = reports.Label("workbook.tierShare")
	tierValue     = reports.Label("workbook.tierValue")
	tierValShare  = reports.Label("workbook.tierValShare")
	tierMin       = reports.Label("workbook.tierMin")
	tierMax       = reports.Label("workbook.tierMax")

	concentration = reports.Label("workbook.concentration")
	top20         = reports.Label("workbook.top20")
	// top20Explain is a format with the share in percent.
	top20Explain   = reports.Label("workbook.top20Explain")
	gini           = reports.Label("workbook.gini")
	giniExplain    = reports.Label("workbook.giniExplain")
	measure        = reports.Label("workbook.measure")
	measureRevenue = reports.Label("workbook.measureRevenue")
	measureMargin  = reports.Label("workbook.measureMargin")
	// colValueRevenue and wbColValueMargin head the value column.
	colValueRevenue = reports.Label("workbook.colValueRevenue")
	colValueMargin  = reports.Label("workbook.colValueMargin")
)

// Data quality sheet.
var (
	qWhat       = reports.Label("workbook.qWhat")
	qRows       = reports.Label("workbook.qRows")
	qRule       = reports.Label("workbook.qRule")
	qSource     = reports.Label("workbook.qSource")
	qSourceRule = reports.Label("workbook.qSourceRule")
)

// About sheet.
var (
	aSection = reports.Label("workbook.aSection")
	aItem    = reports.Label("workbook.aItem")
	aValue   = reports.Label("workbook.aValue")
	aRun     = reports.Label("workbook.aRun")
	aParam   = reports.Label("workbook.aParam")
	aWarning = reports.Label("workbook.aWarning")
	asql     = reports.Label("workbook.asql")
	aNone    = reports.Label("workbook.aNone")
)
