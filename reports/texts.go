package reports

var (
	Job      = Label("reports.Job")
	AsOf     = Label("reports.AsOf")
	NoBuyers = Label("reports.NoBuyers")
	// KPI tiles.
	kpiCustomers   = KpiNameCustomers
	kpiBuyers      = KpiNameBuyers
	kpiBuyersNote  = Label("reports.kpiBuyersNote")
	kpiNetRevenue  = KpiNameNet
	kpiRefundsNote = Label("reports.kpiRefundsNote")
	kpiOrdersNote  = Label("reports.kpiOrdersNote")
	kpiaov         = KpiNameAOV
	kpiaovNote     = Label("reports.kpiaovNote")
	kpiRepeat      = KpiNameRepeat
	kpiRepeatNote  = Label("reports.kpiRepeatNote")
	kpiTop20       = KpiNameTop20
	kpiTop20Note   = Label("reports.kpiTop20Note")
	kpiChurn       = KpiNameChurnRate
	kpiChurnNote   = Label("reports.kpiChurnNote")
	kpiChurnNone   = Label("reports.kpiChurnNone")
	kpiChurned     = KpiNameChurned
	kpiChurnedNote = Label("reports.kpiChurnedNote")
	kpiActive      = KpiNameActive
	kpiActiveNote  = Label("reports.kpiActiveNote")
	KPIsHeading    = Label("reports.KPIsHeading")
	ColSegment     = Label("reports.ColSegment")
	ColBuyers      = Label("reports.ColBuyers")
	ColValueShare  = Label("reports.ColValueShare")
	pointsUnit     = Label("reports.pointsUnit")
	noChange       = Label("reports.noChange")
	VsPrevious     = Label("reports.VsPrevious")
	// vsPeriodAndPrevious: the previous run's as-of date.
	vsPeriodAndPrevious = Label("reports.vsPeriodAndPrevious")
	firstRunPeriod      = Label("reports.firstRunPeriod")
	FirstRun            = Label("reports.FirstRun")
	kpiAtRisk           = KpiNameLapsing
	KPICLV              = KpiNameCLV
	kpiclvNote          = Label("reports.kpiclvNote")
	// kpiPeriodNote: first and last day, days.
	kpiPeriodNote = Label("reports.kpiPeriodNote")
	// kpiPeriodVsNote: first and last day, days, and those of the period before, which the change compares with.
	kpiPeriodVsNote = Label("reports.kpiPeriodVsNote")
	kpiSaveNow      = KpiNameSaveNow
	kpiSaveNowNote  = Label("reports.kpiSaveNowNote")
	kpiWinBack      = KpiNameWinBack
	kpiWinBackNote  = Label("reports.kpiWinBackNote")
	// Narrative.
	NarrHeading       = Label("reports.NarrHeading")
	NarrNoBuyers      = Label("reports.NarrNoBuyers")
	narrFirstRunEmpty = Label("reports.narrFirstRunEmpty")
	narrFirstRun      = Label("reports.narrFirstRun")
	narrNoMoves       = Label("reports.narrNoMoves")
	narrMoves1        = Label("reports.narrMoves1")
	narrMoves2        = Label("reports.narrMoves2")
	// narrPeriod: first and last day, net revenue, orders, buyers, first-time buyers.
	narrPeriod = Label("reports.narrPeriod")
	// narrPeriodVs: the relative change, first and last day of the period before.
	narrPeriodVs = Label("reports.narrPeriodVs")
	// narrPeriodVsNone: first and last day of the period before, which had no revenue.
	narrPeriodVsNone = Label("reports.narrPeriodVsNone")
	narrRose         = Label("reports.narrRose")
	narrFell         = Label("reports.narrFell")
	// narrPeriodChurn: the period in days, the churn rate, lapsing customers.
	narrPeriodChurn = Label("reports.narrPeriodChurn")
	// narrChurn (no churn rate measured): churned customers, their share of buyers, lapsing customers.
	narrChurn = Label("reports.narrChurn")
	// narrSaveNow: customers to save, their yearly value to keep, customers to win back.
	narrSaveNow       = Label("reports.narrSaveNow")
	narrNoLists       = Label("reports.narrNoLists")
	narrNoSaveNow     = Label("reports.narrNoSaveNow")
	narrRichest       = Label("reports.narrRichest")
	narrActionSaveNow = Label("reports.narrActionSaveNow")
	narrActionSegment = Label("reports.narrActionSegment")
	MigFirstRun       = Label("reports.MigFirstRun")
	MigFlow           = Label("reports.MigFlow")
	MigTopFlows       = Label("reports.MigTopFlows")
	MigCount          = Label("reports.MigCount")
	SaveNowNone       = Label("reports.SaveNowNone")
	ColReason         = Label("reports.ColReason")
	ColKeep           = Label("reports.ColKeep")
	ColCustomer       = Label("reports.ColCustomer")
	ColTier           = Label("reports.ColTier")
	ColSegmentSheet   = Label("reports.ColSegmentSheet")
	MgUp              = [2]Label{"reports.MgUp.0",
		"reports.MgUp.1"}
	MgDown = [2]Label{"reports.MgDown.0",
		"reports.MgDown.1"}
	MgSame = [2]Label{"reports.MgSame.0",
		"reports.MgSame.1"}
	MgNew = [2]Label{"reports.MgNew.0",
		"reports.MgNew.1"}
	MgReclassified = [2]Label{"reports.MgReclassified.0",
		"reports.MgReclassified.1"}
	MgLost = [2]Label{"reports.MgLost.0",
		"reports.MgLost.1"}
)

var (
	calSeven     = Label("reports.calSeven")
	modelsOffWhy = Label("reports.modelsOffWhy")
	// Which model failed and which did not (htmlModelsFailure).
	modelsBothFailed = Label("reports.modelsBothFailed")
	modelsBGFailed   = Label("reports.modelsBGFailed")
	modelsGGFailed   = Label("reports.modelsGGFailed")
	modelsNoneFailed = Label("reports.modelsNoneFailed")
)
