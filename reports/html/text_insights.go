package html

import (
	"github.com/custseg/custseg/reports"
)

// Texts of the HTML report's narrative, KPI changes, sections, the charts
// beyond segments and tiers, and its tables. Those with %s take formatted
// values, in order.
var (

	// Sections.
	secValue    = reports.Label("html.secValue")
	secValueInt = reports.Label("html.secValueInt")
	secChurn    = reports.Label("html.secChurn")
	secChurnInt = reports.Label("html.secChurnInt")
	secWho      = reports.Label("html.secWho")
	secWhoInt   = reports.Label("html.secWhoInt")
	secTime     = reports.Label("html.secTime")
	secTimeInt  = reports.Label("html.secTimeInt")

	// Pyramid.
	pyrTitle     = reports.Label("html.pyrTitle")
	pyrTextCLV   = reports.Label("html.pyrTextCLV")
	pyrTextValue = reports.Label("html.pyrTextValue")
	pyrHighCLV   = reports.Label("html.pyrHighCLV")
	pyrHighValue = reports.Label("html.pyrHighValue")
	pyrLabelCLV  = reports.Label("html.pyrLabelCLV")
	pyrLabelVal  = reports.Label("html.pyrLabelVal")

	// Churn trend.
	trendTitle  = reports.Label("html.trendTitle")
	trendText   = reports.Label("html.trendText")
	trendPeriod = reports.KpiNameChurnRate
	trendAll    = reports.KpiNameChurnedShare
	trendNow    = reports.Label("html.trendNow")
	trendStarts = reports.Label("html.trendStarts")
	trendNoPrd  = reports.Label("html.trendNoPrd")

	// Lifecycle.
	lifeTitle     = reports.Label("html.lifeTitle")
	lifeText      = reports.Label("html.lifeText")
	lifeHighlight = reports.Label("html.lifeHighlight")
	lifeSeries    = reports.Label("html.lifeSeries")

	// Models.
	modelsTitle = reports.Label("html.modelsTitle")
	// modelsOff: which model could not be used (htmlModelsFailure),
	// then what the report does without them.
	modelsOff = reports.Label("html.modelsOff")

	pAliveTitle = reports.Label("html.pAliveTitle")
	// pAliveText: the purchase model's name.
	pAliveText      = reports.Label("html.pAliveText")
	pAliveHighlight = reports.Label("html.pAliveHighlight")
	pAliveXAxis     = reports.Label("html.pAliveXAxis")
	pAliveYAxis     = reports.Label("html.pAliveYAxis")

	clvTitle     = reports.Label("html.clvTitle")
	clvText      = reports.Label("html.clvText")
	clvHighlight = reports.Label("html.clvHighlight")
	clvBuyers    = reports.Label("html.clvBuyers")
	clvShare     = reports.Label("html.clvShare")

	// Clusters.
	clusterTitle     = reports.Label("html.clusterTitle")
	clusterText      = reports.Label("html.clusterText")
	clusterHighlight = reports.Label("html.clusterHighlight")
	clusterNone      = reports.Label("html.clusterNone")
	clusterXAxis     = reports.Label("html.clusterXAxis")
	clusterYAxis     = reports.Label("html.clusterYAxis")
	colGroup         = reports.Label("html.colGroup")
	colRecency       = reports.Label("html.colRecency")
	colPurchases     = reports.Label("html.colPurchases")
	colSpend         = reports.Label("html.colSpend")
	colTenure        = reports.Label("html.colTenure")
	clusterTip       = reports.Label("html.clusterTip")

	// Characteristics.
	charTitle     = reports.Label("html.charTitle")
	charText      = reports.Label("html.charText")
	charNoneText  = reports.Label("html.charNoneText")
	charHighlight = reports.Label("html.charHighlight")
	// Attributes left out of the charts (analysis.Characteristic.Spread).
	charLeftTitle    = reports.Label("html.charLeftTitle")
	charLeftText     = reports.Label("html.charLeftText")
	charLeftNone     = reports.Label("html.charLeftNone")
	charLeftOne      = reports.Label("html.charLeftOne")
	charLeftOneAny   = reports.Label("html.charLeftOneAny")
	charLeftOther    = reports.Label("html.charLeftOther")
	charLeftNotGiven = reports.Label("html.charLeftNotGiven")
	charLeftBoth     = reports.Label("html.charLeftBoth")
	// The Other part of a left-out note: with the number of values in it.
	charLeftOtherN  = reports.Label("html.charLeftOtherN")
	charLeftOtherP  = reports.Label("html.charLeftOtherP")
	charNone        = reports.Label("html.charNone")
	charNoneTitle   = reports.Label("html.charNoneTitle")
	charNotGiven    = reports.Label("html.charNotGiven")
	charOther       = reports.Label("html.charOther")
	seriesCustShare = reports.Label("html.seriesCustShare")

	// Cohorts.
	cohortTitle = reports.Label("html.cohortTitle")
	cohortText  = reports.Label("html.cohortText")
	// The headline: one part per column (1 and 3) the drawn cohorts have,
	// with the buyers, the cohorts (htmlCohortSpan or htmlCohortIn), the
	// share and the column.
	cohortFirst   = reports.Label("html.cohortFirst")
	cohortPart    = reports.Label("html.cohortPart")
	cohortLater1  = reports.Label("html.cohortLater1")
	cohortLaterN  = reports.Label("html.cohortLaterN")
	cohortSpan    = reports.Label("html.cohortSpan")
	cohortIn      = reports.Label("html.cohortIn")
	cohortJoin    = reports.Label("html.cohortJoin")
	cohortEnd     = reports.Label("html.cohortEnd")
	cohortRunning = reports.Label("html.cohortRunning")
	cohortNone    = reports.Label("html.cohortNone")
	cohortXAxis   = reports.Label("html.cohortXAxis")
	cohortSeries  = reports.Label("html.cohortSeries")

	// Migration.
	migTitle     = reports.Label("html.migTitle")
	migText      = reports.Label("html.migText")
	migHighlight = reports.Label("html.migHighlight")
	migNoneLeft  = reports.Label("html.migNoneLeft")
	migNoneRight = reports.Label("html.migNoneRight")
	migSeries    = reports.Label("html.migSeries")
	migLinkTip   = reports.Label("html.migLinkTip")
	migNodeTip   = reports.Label("html.migNodeTip")

	// Campaign lists (names: listNameSaveNow, listNameWinBack).
	saveNowIntro = reports.Label("html.saveNowIntro")
	winBackIntro = reports.Label("html.winBackIntro")
	winBackNone  = reports.Label("html.winBackNone")
	colPastValue = reports.Label("html.colPastValue")
	colCLV       = reports.Label("html.colCLV")
	colShare     = reports.Label("html.colShare")
)

// Under the R × F heatmap: why a score has no buyers (htmlRFUnused).
var (
	rfUnusedF    = reports.Label("html.rfUnusedF")
	rfUnusedR    = reports.Label("html.rfUnusedR")
	rfUnusedBoth = reports.Label("html.rfUnusedBoth")
	// listSep separates the items of a short list.
	listSep = reports.Label("html.listSep")
)
