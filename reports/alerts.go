package reports

import (
	"github.com/custseg/custseg/analysis"
)

// This file writes the data alerts: a banner atop the HTML report and the
// management email when the run's data cannot be read as a picture of the
// current shop — it looks stale (analysis.Freshness) or orders.sql
// repeats rows exactly, as a join that fans out does (analysis.Fanout).
// The run's English warnings say the same for the operator (manifest,
// log); these are for the readers, in their language.

// DataAlerts returns the banner lines of in's run, in locale: stale data
// first, then a fan-out; none for data that is fresh and does not repeat.
func DataAlerts(in *Input, loc string) []string {
	if in.Result == nil {
		return nil
	}
	var out []string
	if in.Result.Freshness.Stale {
		out = append(out, staleAlert(in, loc))
	}
	if in.Result.Fanout.Over {
		out = append(out, fanoutAlert(in, loc))
	}
	return out
}

// staleAlert says that the run's data looks stale (analysis.Freshness).
func staleAlert(in *Input, loc string) string {
	f := in.Result.Freshness
	from := Label("reports.alertStaleRhythm")
	switch {
	case f.LimitFrom == analysis.LimitFromConfig:
		from = Label("reports.alertStaleConfig")
	case f.LimitFrom == analysis.LimitFromFloor, f.AtFloor():
		from = Label("reports.alertStaleFloor")
	}
	return Format("reports.alertStale", loc, f.LastOrder.String(), Int(f.DaysSince),
		Date(AsOfDate(in)), Int(f.LimitDays), from.In(loc))
}

// fanoutAlert says that orders.sql repeats rows exactly (analysis.Fanout).
func fanoutAlert(in *Input, loc string) string {
	f := in.Result.Fanout
	return Format("reports.alertFanout", loc, Int(int(f.ExactRepeats)), Pct(f.Share))
}
