package email

import (
	"github.com/custseg/custseg/reports"
)

// Texts of the note on the files an email links instead of attaching
// (NotAttachedNote).
var (
	notAttached = reports.Label("email.notAttached")
	// notAttachedFile: file name, MB as an attachment, the limit in
	// MB; where it is follows on the next line.
	notAttachedFile = reports.Label("email.notAttachedFile")
)

// The marketing email when the customer list is a CSV file of the run
// rather than a sheet of the workbook (outputs.customer_list: csv.gz).
var (
	// mktIntroCSV: where the CSV file is (emailMktCSVInFolder or emailMktCSVAt).
	mktIntroCSV       = reports.Label("email.mktIntroCSV")
	mktCSVInFolder    = reports.Label("email.mktCSVInFolder")
	mktCSVAt          = reports.Label("email.mktCSVAt")
	mktNoSegSheetsCSV = reports.Label("email.mktNoSegSheetsCSV")
	mktHowToCSV       = reports.Label("email.mktHowToCSV")
)
