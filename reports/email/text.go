package email

import (
	"github.com/custseg/custseg/reports"
)

// Texts of the email bodies, in the two report languages. Those with %s
// take formatted values, in order.
var (
	subjectMgmt   = reports.Label("email.subjectMgmt")
	subjectChange = reports.Label("email.subjectChange")
	// subjectPeriod: the period's name, its net revenue, its change.
	subjectPeriod       = reports.Label("email.subjectPeriod")
	subjectPeriodChange = reports.Label("email.subjectPeriodChange")
	subjectMkt          = reports.Label("email.subjectMkt")
	emailAsOf           = reports.Label("email.emailAsOf")
	periodDay           = reports.Label("email.periodDay")
	periodWeek          = reports.Label("email.periodWeek")
	period2Weeks        = reports.Label("email.period2Weeks")
	periodMonth         = reports.Label("email.periodMonth")
	periodQuarter       = reports.Label("email.periodQuarter")

	mgmtTitle      = reports.Label("email.mgmtTitle")
	mktTitle       = reports.Label("email.mktTitle")
	colMeasure     = reports.Label("email.colMeasure")
	colValue       = reports.Label("email.colValue")
	colChange      = reports.Label("email.colChange")
	movesHead      = reports.Label("email.movesHead")
	movedUp        = reports.Label("email.movedUp")
	movedDown      = reports.Label("email.movedDown")
	stayed         = reports.Label("email.stayed")
	emailNew       = reports.Label("email.emailNew")
	gone           = reports.Label("email.gone")
	actionsHead    = reports.Label("email.actionsHead")
	actionSaveNow  = reports.Label("email.actionSaveNow")
	actionSaveNowD = reports.Label("email.actionSaveNowD")
	// saveNowHead: the list's name.
	saveNowHead = reports.Label("email.saveNowHead")
	// saveNowMore: rows shown, customers on the list, the list's name, where it is.
	saveNowMore       = reports.Label("email.saveNowMore")
	saveNowInWorkbook = reports.Label("email.saveNowInWorkbook")
	saveNowAt         = reports.Label("email.saveNowAt")
	actionSeg         = reports.Label("email.actionSeg")
	closing           = reports.Label("email.closing")
	footer            = reports.Label("email.footer")
	footerNoRun       = reports.Label("email.footerNoRun")

	mktIntro = reports.Label("email.mktIntro")
	// mktSaveNow: customers to save, yearly value to keep, Save now sheet, customers to win back, Win back sheet.
	mktSaveNow = reports.Label("email.mktSaveNow")
	// mktWinBack: customers to win back, Win back sheet.
	mktWinBack     = reports.Label("email.mktWinBack")
	mktSegHead     = reports.Label("email.mktSegHead")
	colShare       = reports.Label("email.colShare")
	mktSheetsHead  = reports.Label("email.mktSheetsHead")
	mktSegSheets   = reports.Label("email.mktSegSheets")
	mktSegSheetsIn = reports.Label("email.mktSegSheetsIn")
	mktNoSegSheets = reports.Label("email.mktNoSegSheets")
	mktSegSheetRow = reports.Label("email.mktSegSheetRow")
	mktHowTo       = reports.Label("email.mktHowTo")
)
