package workbook

import (
	"github.com/custseg/custseg/reports"
)

// Texts of the sheets that follow the basic ones (pyramid, churn and
// lifecycle, high-value at risk, clusters, characteristics, common needs,
// migration, cohorts, model, definitions), in the two report languages.
// Sheet names must stay valid in Excel: at most 31 characters and none of
// []:*?/\.
var (
	sheetPyramid     = reports.Label("workbook.sheetPyramid")
	sheetChurn       = reports.Label("workbook.sheetChurn")
	SheetSaveNow     = reports.ListNameSaveNow
	sheetWinBack     = reports.ListNameWinBack
	sheetClusters    = reports.Label("workbook.sheetClusters")
	sheetChars       = reports.Label("workbook.sheetChars")
	sheetNeeds       = reports.Label("workbook.sheetNeeds")
	sheetMigration   = reports.Label("workbook.sheetMigration")
	sheetCohorts     = reports.Label("workbook.sheetCohorts")
	sheetModel       = reports.Label("workbook.sheetModel")
	sheetDefinitions = reports.Label("workbook.sheetDefinitions")
)

// Segment sheets.
var (
	// explainSegmentSheet is a format: customers, then the suggested action.
	explainSegmentSheet = reports.Label("workbook.explainSegmentSheet")
	emptySegment        = reports.Label("workbook.emptySegment")
)

// Customers sheet: the columns after the basic ones.
var (
	colRhythm       = reports.Label("workbook.colRhythm")
	colStage        = reports.Label("workbook.colStage")
	colPAlive       = reports.Label("workbook.colPAlive")
	colExpPurchases = reports.Label("workbook.colExpPurchases")
	colExpSpend     = reports.Label("workbook.colExpSpend")
	colCLV          = reports.Label("workbook.colCLV")
	colKeep         = reports.Label("workbook.colKeep")
	colPyramid      = reports.Label("workbook.colPyramid")
	colCluster      = reports.Label("workbook.colCluster")
	colDiscount     = reports.Label("workbook.colDiscount")
	colBehaviour    = reports.Label("workbook.colBehaviour")
	colRank         = reports.Label("workbook.colRank")
)

// Summary sheet additions.
var (
	hdrChange = reports.Label("workbook.hdrChange")
	// hdrChangeSince is a format with the previous as-of date.
	hdrChangeSince = reports.Label("workbook.hdrChangeSince")
	// paren is a format: a text in brackets after a header.
	paren      = reports.Label("workbook.paren")
	wbFirstRun = reports.Label("workbook.wbFirstRun")

	// kpiExpPurchases' meaning is a format with the horizon in words.
	kpiExpPurchases = [2]reports.Label{reports.KpiNameExpPurchases,
		"workbook.kpiExpPurchases.1"}
	// kpiclv's meaning is a format with the horizon in months.
	kpiclv = [2]reports.Label{reports.KpiNameCLV,
		"workbook.kpiclv.1"}
	kpiSaveNow = [2]reports.Label{reports.KpiNameSaveNow,
		"workbook.kpiSaveNow.1"}
	kpiWinBack = [2]reports.Label{reports.KpiNameWinBack,
		"workbook.kpiWinBack.1"}
	// kpiPeriodChurn is the churn rate; its meaning is a format with the
	// period in days.
	kpiPeriodChurn = [2]reports.Label{reports.KpiNameChurnRate,
		"workbook.kpiPeriodChurn.1"}
	kpiPeriodChurnNone = [2]reports.Label{reports.KpiNameChurnRate,
		"workbook.kpiPeriodChurnNone.1"}
	// modelNotUsable is a format with which model failed (htmlModelsFailure).
	modelNotUsable = reports.Label("workbook.modelNotUsable")

	chartPyramid      = reports.Label("workbook.chartPyramid")
	chartPyramidValue = reports.Label("workbook.chartPyramidValue")

	// Horizons in words: formats with a number.
	weeks  = reports.Label("workbook.weeks")
	days   = reports.Label("workbook.days")
	months = reports.Label("workbook.months")
)

// Segments sheet: the evaluation columns.
var (
	segShareAll  = reports.Label("workbook.segShareAll")
	segDistinct  = reports.Label("workbook.segDistinct")
	segTooSmall  = reports.Label("workbook.segTooSmall")
	segStability = reports.Label("workbook.segStability")
	yes          = reports.Label("workbook.yes")
	// segEvalNote is a format with the too-small share.
	segEvalNote = reports.Label("workbook.segEvalNote")
)

// Pyramid sheet.
var (
	titlePyramid   = reports.Label("workbook.titlePyramid")
	explainPyramid = reports.Label("workbook.explainPyramid")
	pyrTier        = reports.Label("workbook.pyrTier")
	pyrWho         = reports.Label("workbook.pyrWho")
	pyrCLVShare    = reports.Label("workbook.pyrCLVShare")
	pyrRankedBy    = reports.Label("workbook.pyrRankedBy")
	pyrByCLV       = reports.Label("workbook.pyrByCLV")
	pyrByValue     = reports.Label("workbook.pyrByValue")
	// Formats with a share in percent.
	pyrTop  = reports.Label("workbook.pyrTop")
	pyrNext = reports.Label("workbook.pyrNext")
	pyrRest = reports.Label("workbook.pyrRest")
)

// Churn and lifecycle sheet.
var (
	titleChurn   = reports.Label("workbook.titleChurn")
	explainChurn = reports.Label("workbook.explainChurn")
	chStatus     = reports.Label("workbook.chStatus")
	chShareAll   = reports.Label("workbook.chShareAll")
	chRule       = reports.Label("workbook.chRule")
	chRhythm     = reports.Label("workbook.chRhythm")
	chStage      = reports.Label("workbook.chStage")
	chStageMeans = reports.Label("workbook.chStageMeans")
	chStrategy   = reports.Label("workbook.chStrategy")
	// chPeriodWhat is a format with the period in days.
	chPeriodWhat    = reports.Label("workbook.chPeriodWhat")
	chPeriodMissing = reports.Label("workbook.chPeriodMissing")
)

// The campaign lists: Save now and Win back.
var (
	titleSaveNow   = reports.Label("workbook.titleSaveNow")
	explainSaveNow = reports.Label("workbook.explainSaveNow")
	saveNowNone    = reports.Label("workbook.saveNowNone")
	titleWinBack   = reports.Label("workbook.titleWinBack")
	explainWinBack = reports.Label("workbook.explainWinBack")
	winBackNone    = reports.Label("workbook.winBackNone")
	colReason      = reports.Label("workbook.colReason")
)

// Clusters sheet.
var (
	titleClusters   = reports.Label("workbook.titleClusters")
	explainClusters = reports.Label("workbook.explainClusters")
	clNumber        = reports.Label("workbook.clNumber")
	clName          = reports.Label("workbook.clName")
	clTenure        = reports.Label("workbook.clTenure")
	clChoosing      = reports.Label("workbook.clChoosing")
	clSil           = reports.Label("workbook.clSil")
	clInertia       = reports.Label("workbook.clInertia")
	clChosen        = reports.Label("workbook.clChosen")
	clSilWhat       = reports.Label("workbook.clSilWhat")
	// clError is a format with the reason.
	clError = reports.Label("workbook.clError")
)

// Characteristics sheet.
var (
	titleChars   = reports.Label("workbook.titleChars")
	explainChars = reports.Label("workbook.explainChars")
	chAttribute  = reports.Label("workbook.chAttribute")
	chValue      = reports.Label("workbook.chValue")
	chBuyers     = reports.Label("workbook.chBuyers")
	notGiven     = reports.Label("workbook.notGiven")
	other        = reports.Label("workbook.other")
	// otherN and wbOtherUnique are formats with the number of values
	// folded into Other.
	otherN      = reports.Label("workbook.otherN")
	otherUnique = reports.Label("workbook.otherUnique")
	ageBand     = reports.Label("workbook.ageBand")
	ageUnknown  = reports.Label("workbook.ageUnknown")
	noChars     = reports.Label("workbook.noChars")
)

// Common needs sheet.
var (
	titleNeeds     = reports.Label("workbook.titleNeeds")
	explainNeeds   = reports.Label("workbook.explainNeeds")
	ndGrouping     = reports.Label("workbook.ndGrouping")
	ndGroup        = reports.Label("workbook.ndGroup")
	ndTopCats      = reports.Label("workbook.ndTopCats")
	ndChannels     = reports.Label("workbook.ndChannels")
	ndRepeat       = reports.Label("workbook.ndRepeat")
	ndAvgCats      = reports.Label("workbook.ndAvgCats")
	ndDealSeekers  = reports.Label("workbook.ndDealSeekers")
	ndRelationship = reports.Label("workbook.ndRelationship")
	ndBySegment    = reports.Label("workbook.ndBySegment")
	ndByTier       = reports.Label("workbook.ndByTier")
	noNeeds        = reports.Label("workbook.noNeeds")
)

// Migration sheet.
var (
	titleMigration   = reports.Label("workbook.titleMigration")
	explainMigration = reports.Label("workbook.explainMigration")
	mgFirstRun       = reports.Label("workbook.mgFirstRun")
	mgMovement       = reports.Label("workbook.mgMovement")
	mgCompared       = reports.Label("workbook.mgCompared")
	mgMatrix         = reports.Label("workbook.mgMatrix")
	mgNone           = reports.Label("workbook.mgNone")
	mgMatrixTitle    = reports.Label("workbook.mgMatrixTitle")
	mgKPIs           = reports.Label("workbook.mgKPIs")
	mgPrev           = reports.Label("workbook.mgPrev")
	mgNow            = reports.Label("workbook.mgNow")
	mgChange         = reports.Label("workbook.mgChange")
)

// Cohorts sheet.
var (
	titleCohorts   = reports.Label("workbook.titleCohorts")
	explainCohorts = reports.Label("workbook.explainCohorts")
	coMonth        = reports.Label("workbook.coMonth")
	coSize         = reports.Label("workbook.coSize")
	coMonthK       = reports.Label("workbook.coMonthK")
	coRevenue      = reports.Label("workbook.coRevenue")
	coNone         = reports.Label("workbook.coNone")
)

// Model sheet.
var (
	titleModel   = reports.Label("workbook.titleModel")
	explainModel = reports.Label("workbook.explainModel")
	mdSection    = reports.Label("workbook.mdSection")
	mdItem       = reports.Label("workbook.mdItem")
	mdValue      = reports.Label("workbook.mdValue")
	mdMeaning    = reports.Label("workbook.mdMeaning")
	mdStatus     = reports.Label("workbook.mdStatus")
	mdBG         = reports.Label("workbook.mdBG")
	mdGG         = reports.Label("workbook.mdGG")
	mdSettings   = reports.Label("workbook.mdSettings")
	mdFormulas   = reports.Label("workbook.mdFormulas")
	mdUsable     = reports.Label("workbook.mdUsable")
	mdUsableYes  = reports.Label("workbook.mdUsableYes")
	mdUsableNo   = reports.Label("workbook.mdUsableNo")
	mdError      = reports.Label("workbook.mdError")
	mdConverged  = reports.Label("workbook.mdConverged")
	mdLogLik     = reports.Label("workbook.mdLogLik")
	mdFitted     = reports.Label("workbook.mdFitted")
	mdExcluded   = reports.Label("workbook.mdExcluded")
	no           = reports.Label("workbook.no")

	mdR     = reports.Label("workbook.mdR")
	mdAlpha = reports.Label("workbook.mdAlpha")
	mdA     = reports.Label("workbook.mdA")
	mdB     = reports.Label("workbook.mdB")
	mdLL    = reports.Label("workbook.mdLL")
	mdBGN   = reports.Label("workbook.mdBGN")
	mdP     = reports.Label("workbook.mdP")
	mdQ     = reports.Label("workbook.mdQ")
	mdV     = reports.Label("workbook.mdV")
	mdGGN   = reports.Label("workbook.mdGGN")
	mdGGEx  = reports.Label("workbook.mdGGEx")

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
	mdByCLV       = reports.Label("workbook.mdByCLV")
	mdByValue     = reports.Label("workbook.mdByValue")
)

// Definitions sheet.
var (
	titleDefinitions   = reports.Label("workbook.titleDefinitions")
	explainDefinitions = reports.Label("workbook.explainDefinitions")
	dfTopic            = reports.Label("workbook.dfTopic")
	dfTerm             = reports.Label("workbook.dfTerm")
	dfDefinition       = reports.Label("workbook.dfDefinition")

	dfRFM           = reports.Label("workbook.dfRFM")
	dfSegments      = reports.Label("workbook.dfSegments")
	dfTiers         = reports.Label("workbook.dfTiers")
	dfChurn         = reports.Label("workbook.dfChurn")
	dfLifecycle     = reports.Label("workbook.dfLifecycle")
	dfModels        = reports.Label("workbook.dfModels")
	dfPyramid       = reports.Label("workbook.dfPyramid")
	dfTopicClusters = reports.Label("workbook.dfTopicClusters")
	dfBehaviour     = reports.Label("workbook.dfBehaviour")
	dfQuality       = reports.Label("workbook.dfQuality")
	dfEvaluation    = reports.Label("workbook.dfEvaluation")

	// Formats: see where they are used.
	dfRecency = [2]reports.Label{"workbook.dfRecency.0",
		"workbook.dfRecency.1"}
	dfFrequencyOrders = [2]reports.Label{"workbook.dfFrequencyOrders.0",
		"workbook.dfFrequencyOrders.1"}
	dfFrequencyDays = [2]reports.Label{"workbook.dfFrequencyDays.0",
		"workbook.dfFrequencyDays.1"}
	dfMonetary = [2]reports.Label{"workbook.dfMonetary.0",
		"workbook.dfMonetary.1"}
	dfValue = [2]reports.Label{"workbook.dfValue.0",
		"workbook.dfValue.1"}
	dfScores = [2]reports.Label{"workbook.dfScores.0",
		"workbook.dfScores.1"}
	dfTies = [2]reports.Label{"workbook.dfTies.0",
		"workbook.dfTies.1"}
	dfFM = [2]reports.Label{"workbook.dfFM.0",
		"workbook.dfFM.1"}
	// dfSegmentRule is a format: the score rule, then the action.
	dfSegmentRule  = reports.Label("workbook.dfSegmentRule")
	dfSegmentOrder = [2]reports.Label{"workbook.dfSegmentOrder.0",
		"workbook.dfSegmentOrder.1"}
	// dfTierRule is a format with the cut-off range in percent.
	dfTierRule    = reports.Label("workbook.dfTierRule")
	dfTierNoValue = reports.Label("workbook.dfTierNoValue")
	dfTop20       = [2]reports.Label{"workbook.dfTop20.0",
		"workbook.dfTop20.1"}
	dfGini = [2]reports.Label{"workbook.dfGini.0",
		"workbook.dfGini.1"}
	// Churn statuses: formats with the thresholds.
	dfActive    = reports.Label("workbook.dfActive")
	dfAtRisk    = reports.Label("workbook.dfAtRisk")
	dfChurned   = reports.Label("workbook.dfChurned")
	dfPotential = reports.Label("workbook.dfPotential")
	dfRhythm    = [2]reports.Label{"workbook.dfRhythm.0",
		"workbook.dfRhythm.1"}
	// dfChurnRate is the one churn rate: a format with the period in days.
	dfChurnRate = [2]reports.Label{reports.KpiNameChurnRate,
		"workbook.dfChurnRate.1"}
	dfChurnedShare = [2]reports.Label{reports.KpiNameChurnedShare,
		"workbook.dfChurnedShare.1"}
	// Lifecycle stages: formats with the window days.
	dfStageExploration = reports.Label("workbook.dfStageExploration")
	dfStageFormation   = reports.Label("workbook.dfStageFormation")
	dfStageStability   = reports.Label("workbook.dfStageStability")
	dfStageDecline     = reports.Label("workbook.dfStageDecline")
	dfStageLost        = reports.Label("workbook.dfStageLost")
	// dfStrategy is a format with a stage's strategy.
	dfStrategy = reports.Label("workbook.dfStrategy")
	dfPAlive   = [2]reports.Label{"workbook.dfPAlive.0",
		"workbook.dfPAlive.1"}
	dfCLV = [2]reports.Label{"workbook.dfCLV.0",
		"workbook.dfCLV.1"}
	dfKeep = [2]reports.Label{"workbook.dfKeep.0",
		"workbook.dfKeep.1"}
	dfSaveNow = [2]reports.Label{reports.ListNameSaveNow,
		"workbook.dfSaveNow.1"}
	dfWinBack = [2]reports.Label{reports.ListNameWinBack,
		"workbook.dfWinBack.1"}
	// dfPyramidTier is a format with the rule (wbPyrTop…) and the measure.
	dfPyramidTier = reports.Label("workbook.dfPyramidTier")
	dfClusters    = [2]reports.Label{"workbook.dfClusters.0",
		"workbook.dfClusters.1"}
	dfDiscount = [2]reports.Label{"workbook.dfDiscount.0",
		"workbook.dfDiscount.1"}
	dfDealSeeker    = reports.Label("workbook.dfDealSeeker")
	dfRelationship  = reports.Label("workbook.dfRelationship")
	dfTransactional = reports.Label("workbook.dfTransactional")
	dfDistinct      = [2]reports.Label{"workbook.dfDistinct.0",
		"workbook.dfDistinct.1"}
	dfTooSmall = [2]reports.Label{"workbook.dfTooSmall.0",
		"workbook.dfTooSmall.1"}
	dfStability = [2]reports.Label{"workbook.dfStability.0",
		"workbook.dfStability.1"}
)
