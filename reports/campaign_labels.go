package reports

// Texts of the campaign columns that every customer list ends with (the
// Customers sheets, the segment sheets, Save now and Win back, the
// customer CSV): the previous run's segment, whether the customer entered
// their segment since then, email consent and whether they can be emailed.
var (
	ColPrevSegment = Label{"Segment last run", "上次所属分群"}
	ColEntered     = Label{"Entered segment since last run", "自上次运行后新进入该分群"}
	ColConsent     = Label{"Consent", "同意接收邮件"}
	ColReachable   = Label{"Reachable by email", "可通过邮件联系"}

	// PrevFirstPurchase: a buyer now who was not one last run.
	PrevFirstPurchase = Label{"(first purchase)", "（首次购买）"}
	// PrevRetired: last run's segment is not among this run's rules.
	PrevRetired = Label{"(segment retired)", "（原分群已取消）"}

	// ReachNote is a format: customers without an email or consent, the
	// customers of the list, the column's letter and its header.
	ReachNote = Label{
		"%s of these %s customers have no email address or no consent to be emailed: marked “no” in column %s (%s); leave them out of email campaigns.",
		"这 %[2]s 位客户中有 %[1]s 位没有邮箱或未同意接收邮件：已在 %[3]s 列（%[4]s）标为“否”，邮件营销时请排除。"}
	// ReachNoteNoEmail is wbReachNote without a consent column.
	ReachNoteNoEmail = Label{
		"%s of these %s customers have no email address: marked “no” in column %s (%s). customers.sql has no email_consent column, so consent is not checked.",
		"这 %[2]s 位客户中有 %[1]s 位没有邮箱：已在 %[3]s 列（%[4]s）标为“否”。customers.sql 没有 email_consent 列，因此未核对是否同意接收邮件。"}
	// ReachAll is a format: the customers of the list, the column's
	// letter and its header.
	ReachAll = Label{
		"Every customer here (%s) can be emailed (column %s, %s).",
		"全部 %s 位客户均可通过邮件联系（%s 列，%s）。"}
	// PrevFirstRunNote: the previous-segment columns on a first run.
	PrevFirstRunNote = Label{
		"First run: the columns “Segment last run” and “Entered segment since last run” fill in from the next run on.",
		"首次运行：“上次所属分群”和“自上次运行后新进入该分群”两列从下次运行起填写。"}
)
