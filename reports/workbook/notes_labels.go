package workbook

import (
	"github.com/custseg/custseg/reports"
)

// Notes under workbook tables that explain why a count differs from the
// same count on another sheet.
var (
	// coCountNote: buyers the cohorts count, buyers elsewhere, customer
	// ids with purchases that customers.sql does not return.
	coCountNote = reports.Label("workbook.coCountNote")
	// coCountNoteOther: as wbCoCountNote, when the unknown ids do not
	// account for the whole difference.
	coCountNoteOther = reports.Label("workbook.coCountNoteOther")
	// qNonPositiveNote: buyers in the no-value tier, its name, the
	// tiers sheet, the buyers this sheet counts.
	qNonPositiveNote = reports.Label("workbook.qNonPositiveNote")
)
