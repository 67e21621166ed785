package reports

// The moves between segments since the last run, each a name and what it
// means: up, down, the same, new buyers, reclassified (the segment rules
// changed) and lost (no longer buying).
var (
	MgUp           = [2]Label{"reports.MgUp.0", "reports.MgUp.1"}
	MgDown         = [2]Label{"reports.MgDown.0", "reports.MgDown.1"}
	MgSame         = [2]Label{"reports.MgSame.0", "reports.MgSame.1"}
	MgNew          = [2]Label{"reports.MgNew.0", "reports.MgNew.1"}
	MgReclassified = [2]Label{"reports.MgReclassified.0", "reports.MgReclassified.1"}
	MgLost         = [2]Label{"reports.MgLost.0", "reports.MgLost.1"}
)
