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
	ListNameSaveNow = Label{"Save now", "立即挽留"}
	ListNameWinBack = Label{"Win back", "流失召回"}
)

// Reasons: formats filled by listReason.
var (
	// listReasonLapsing: days since the last order, usual days between orders.
	listReasonLapsing = Label{"Lapsing: %s days since the last order, usually every %s days", "流失预警：已 %s 天未购买，平时每 %s 天购买一次"}
	// listReasonLapsingOnce: days since their only order.
	listReasonLapsingOnce = Label{"Lapsing: %s days since their only order", "流失预警：唯一一次购买后已 %s 天"}
	// listReasonDeclining: orders in the recent window, its days, orders in the window before.
	listReasonDeclining = Label{"Buying less: orders fell from %[3]s to %[1]s (the last %[2]s days against the %[2]s days before)", "购买减少：订单从 %[3]s 单降至 %[1]s 单（最近 %[2]s 天对比之前 %[2]s 天）"}
	// listReasonUnlikely: P(alive).
	listReasonUnlikely = Label{"Purchase model: only %s likely to still be a customer", "购买模型：仍是客户的概率仅 %s"}
	// listReasonChurned: days since the last order, usual days between orders.
	listReasonChurned = Label{"Churned: %s days since the last order, usually every %s days", "已流失：已 %s 天未购买，平时每 %s 天购买一次"}
	// listReasonChurnedOnce: days since their only order.
	listReasonChurnedOnce = Label{"Churned: %s days since their only order", "已流失：唯一一次购买后已 %s 天"}
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
