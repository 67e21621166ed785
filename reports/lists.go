package reports

import (
	"math"

	"github.com/custseg/custseg/analysis"
)

// This file holds what the workbook, the HTML report and the emails say
// about the two campaign lists, Save now and Win back
// (analysis.Result.SaveNow, analysis.Result.WinBack).

// Names of the lists, the same in every output.
var (
	ListNameSaveNow = Label("reports.ListNameSaveNow")
	ListNameWinBack = Label("reports.ListNameWinBack")
)

// Reasons: formats filled by listReason.
var (
	// listReasonLapsing: days since the last order, usual days between orders.
	listReasonLapsing = Label("reports.listReasonLapsing")
	// listReasonLapsingOnce: days since their only order.
	listReasonLapsingOnce = Label("reports.listReasonLapsingOnce")
	// listReasonDeclining: orders in the recent window, its days, orders in the window before.
	listReasonDeclining = Label("reports.listReasonDeclining")
	// listReasonUnlikely: P(alive).
	listReasonUnlikely = Label("reports.listReasonUnlikely")
	// listReasonChurned: days since the last order, usual days between orders.
	listReasonChurned = Label("reports.listReasonChurned")
	// listReasonChurnedOnce: days since their only order.
	listReasonChurnedOnce = Label("reports.listReasonChurnedOnce")
)

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
			return Format(listReasonLapsingOnce, loc, days)
		}
		return Format(listReasonLapsing, loc, days, rhythm)
	case analysis.ReasonDeclining:
		return Format(listReasonDeclining, loc, Int(int(c.RecentOrders)), Int(ds.WindowDays), Int(int(c.PreviousOrders)))
	case analysis.ReasonUnlikelyAlive:
		return Format(listReasonUnlikely, loc, Pct(s.PAlive))
	case analysis.ReasonChurned:
		if s.RhythmDays <= 0 {
			return Format(listReasonChurnedOnce, loc, days)
		}
		return Format(listReasonChurned, loc, days, rhythm)
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
