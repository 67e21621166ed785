package html

import (
	"github.com/custseg/custseg/reports"
)

// Texts of the HTML report. Those with %s take formatted values, in order.
var (
	title          = reports.Label("html.title")
	generated      = reports.Label("html.generated")
	valueMeasure   = reports.Label("html.valueMeasure")
	measureRevenue = reports.Label("html.measureRevenue")
	measureMargin  = reports.Label("html.measureMargin")
	noScript       = reports.Label("html.noScript")
	noData         = reports.Label("html.noData")

	actionsHeading   = reports.Label("html.actionsHeading")
	actionsIntro     = reports.Label("html.actionsIntro")
	colAction        = reports.Label("html.colAction")
	warningsHeading  = reports.Label("html.warningsHeading")
	footerRun        = reports.Label("html.footerRun")
	footerVersion    = reports.Label("html.footerVersion")
	footerCharts     = reports.Label("html.footerCharts")
	seriesBuyerShare = reports.Label("html.seriesBuyerShare")
	seriesValueShare = reports.Label("html.seriesValueShare")

	// Segments chart.
	segTitle     = reports.Label("html.segTitle")
	segText      = reports.Label("html.segText")
	segHighlight = reports.Label("html.segHighlight")

	// R × F heatmap.
	rfTitle     = reports.Label("html.rfTitle")
	rfText      = reports.Label("html.rfText")
	rfHighlight = reports.Label("html.rfHighlight")
	rfxAxis     = reports.Label("html.rfxAxis")
	rfyAxis     = reports.Label("html.rfyAxis")
	rfSeries    = reports.Label("html.rfSeries")

	// Pareto curve.
	paretoTitle     = reports.Label("html.paretoTitle")
	paretoText      = reports.Label("html.paretoText")
	paretoHighlight = reports.Label("html.paretoHighlight")
	paretoCurve     = reports.Label("html.paretoCurve")
	paretoEven      = reports.Label("html.paretoEven")
	paretoXAxis     = reports.Label("html.paretoXAxis")
	paretoYAxis     = reports.Label("html.paretoYAxis")
	paretoPointer   = reports.Label("html.paretoPointer")
	paretoCallout   = reports.Label("html.paretoCallout")

	// Value tiers.
	tierTitle     = reports.Label("html.tierTitle")
	tierText      = reports.Label("html.tierText")
	tierHighlight = reports.Label("html.tierHighlight")

	// Churn status.
	statusTitle = reports.Label("html.statusTitle")
	statusText  = reports.Label("html.statusText")
	// statusHighlight: churned customers, their share of buyers, lapsing customers.
	statusHighlight = reports.Label("html.statusHighlight")
	statusSeries    = reports.Label("html.statusSeries")
)
