package workbook

import (
	"github.com/custseg/custseg/reports"
)

// Notes under workbook tables that explain why a count differs from the
// same count on another sheet.
var (
	// coCountNote: buyers the cohorts count, buyers elsewhere, customer
	// ids with purchases that customers.sql does not return.
	coCountNote = reports.Label{
		En: "The cohorts count %s buyers, the other sheets %s: the cohorts are grouped by the database from the orders alone, so they also count the %s customer ids with purchases that customers.sql does not return (see Data quality).",
		Zh: "同期群共计 %s 位购买客户，其他各表为 %s 位：同期群由数据库直接按订单分组，因此还计入了客户查询（customers.sql）中不存在、但有购买记录的 %s 个客户编号（见“数据质量”表）。"}
	// coCountNoteOther: as wbCoCountNote, when the unknown ids do not
	// account for the whole difference.
	coCountNoteOther = reports.Label{
		En: "The cohorts count %s buyers, the other sheets %s: the cohorts are grouped by the database from the orders alone, not from the customers the analysis reads.",
		Zh: "同期群共计 %s 位购买客户，其他各表为 %s 位：同期群由数据库直接按订单分组，而非基于分析所读取的客户。"}
	// qNonPositiveNote: buyers in the no-value tier, its name, the
	// tiers sheet, the buyers this sheet counts.
	qNonPositiveNote = reports.Label{
		En: "The “%[3]s” sheet has %[1]s buyers under “%[2]s”, not %[4]s: the tiers measure value as margin (net revenue minus cost), this sheet net revenue, so buyers whose cost is at least their net revenue are there too.",
		Zh: "“%[3]s”表中“%[2]s”有 %[1]s 位购买客户，而非 %[4]s 位：价值分层按毛利（净收入减成本）衡量价值，本表按净收入，因此成本不低于净收入的购买客户也计入其中。"}
)
