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

// Texts of the data alerts. Those with %s take formatted values, in order.
var (
	alertStale = Label{
		"The data looks stale: the newest order is from %s, %s days before the as-of date %s (limit %s days, %s). Every status and “this period” figure in this report is computed as if no one had bought since; check that orders are still being loaded before acting on it.",
		"数据可能已过期：最新订单日期为 %[1]s，比分析截止日 %[3]s 早 %[2]s 天（上限 %[4]s 天，%[5]s）。本报告中所有状态和“本期”数字都按此后无人购买计算；请先确认订单数据仍在正常导入，再据此行动。"}
	alertStaleConfig = Label{"set in analysis.stale_after", "由 analysis.stale_after 设定"}
	alertStaleRhythm = Label{"3× the shop's median days between purchases", "本店购买间隔天数中位数的 3 倍"}
	alertStaleFloor  = Label{"the 14-day minimum", "最少 14 天"}

	alertFanout = Label{
		"Revenue is likely overstated: %s rows of orders.sql (%s of purchase rows) repeat another row exactly — same order, customer, time and amount. A join in orders.sql most likely multiplies the orders, and every revenue, order and value figure in this report counts each as often as it repeats; have orders.sql fixed before relying on them.",
		"收入很可能被高估：orders.sql 中有 %s 行（占购买行的 %s）与另一行完全相同——同一订单、客户、时间和金额。很可能是 orders.sql 中的关联（JOIN）使订单成倍重复，本报告中所有收入、订单和价值数字都按重复次数计算；请先修正 orders.sql，再依据这些数字。"}
)

// DataAlerts returns the banner lines of in's run, in locale: stale data
// first, then a fan-out; none for data that is fresh and does not repeat.
func DataAlerts(in *Input, loc string) []string {
	res := in.Result
	if res == nil {
		return nil
	}
	var out []string
	if f := res.Freshness; f.Stale {
		from := alertStaleRhythm
		switch {
		case f.LimitFrom == analysis.LimitFromConfig:
			from = alertStaleConfig
		case f.LimitFrom == analysis.LimitFromFloor, f.AtFloor():
			from = alertStaleFloor
		}
		out = append(out, Format(alertStale, loc, f.LastOrder.String(), Int(f.DaysSince),
			Date(AsOfDate(in)), Int(f.LimitDays), from.In(loc)))
	}
	if f := res.Fanout; f.Over {
		out = append(out, Format(alertFanout, loc, Int(int(f.ExactRepeats)), Pct(f.Share)))
	}
	return out
}
