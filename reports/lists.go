package reports

import (
	"math"

	"github.com/custseg/custseg/analysis"
)

// This file holds what the workbook, the HTML report and the emails say
// about the two campaign lists, Save now and Win back
// (analysis.Result.SaveNow, analysis.Result.WinBack).

// ListReason says in words why a customer is on a campaign list.
func ListReason(ds *analysis.Dataset, res *analysis.Result, e analysis.ListEntry, loc string) string {
	i := int(e.Index)
	if i < 0 || i >= len(res.Scores) || i >= len(ds.Customers) {
		return ""
	}
	s, c := &res.Scores[i], &ds.Customers[i]
	days := Int(int(s.Recency))
	rhythm := Int(int(math.Round(s.RhythmDays)))
	switch e.Reason {
	case analysis.ReasonLapsing:
		if s.RhythmDays <= 0 {
			return Format("reports.listReasonLapsingOnce", loc, days)
		}
		return Format("reports.listReasonLapsing", loc, days, rhythm)
	case analysis.ReasonDeclining:
		return Format("reports.listReasonDeclining", loc, Int(int(c.RecentOrders)), Int(ds.WindowDays), Int(int(c.PreviousOrders)))
	case analysis.ReasonUnlikelyAlive:
		return Format("reports.listReasonUnlikely", loc, Pct(s.PAlive))
	case analysis.ReasonChurned:
		if s.RhythmDays <= 0 {
			return Format("reports.listReasonChurnedOnce", loc, days)
		}
		return Format("reports.listReasonChurned", loc, days, rhythm)
	}
	return ""
}

// ListKeepTotal is the yearly value to keep of the Save now list.
func ListKeepTotal(res *analysis.Result) float64 {
	sum := 0.0
	for _, e := range res.SaveNow {
		if i := int(e.Index); i >= 0 && i < len(res.Scores) && Finite(res.Scores[i].KeepValue) {
			sum += res.Scores[i].KeepValue
		}
	}
	return sum
}

// listPastTotal is the past value of the Win back list.
func listPastTotal(res *analysis.Result) float64 {
	sum := 0.0
	for _, e := range res.WinBack {
		if i := int(e.Index); i >= 0 && i < len(res.Scores) && Finite(res.Scores[i].Value) {
			sum += res.Scores[i].Value
		}
	}
	return sum
}
