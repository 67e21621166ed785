package reports

// Texts of the campaign columns that every customer list ends with (the
// Customers sheets, the segment sheets, Save now and Win back, the
// customer CSV): the previous run's segment, whether the customer entered
// their segment since then, email consent and whether they can be emailed.
var (
	ColPrevSegment = Label("reports.ColPrevSegment")
	ColEntered     = Label("reports.ColEntered")
	ColConsent     = Label("reports.ColConsent")
	ColReachable   = Label("reports.ColReachable")

	// PrevFirstPurchase: a buyer now who was not one last run.
	PrevFirstPurchase = Label("reports.PrevFirstPurchase")
	// PrevRetired: last run's segment is not among this run's rules.
	PrevRetired = Label("reports.PrevRetired")

	// ReachNote is a format: customers without an email or consent, the
	// customers of the list, the column's letter and its header.
	ReachNote = Label("reports.ReachNote")
	// ReachNoteNoEmail is wbReachNote without a consent column.
	ReachNoteNoEmail = Label("reports.ReachNoteNoEmail")
	// ReachAll is a format: the customers of the list, the column's
	// letter and its header.
	ReachAll = Label("reports.ReachAll")
	// PrevFirstRunNote: the previous-segment columns on a first run.
	PrevFirstRunNote = Label("reports.PrevFirstRunNote")
)
