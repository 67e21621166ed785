package workbook

import (
	"github.com/custseg/custseg/reports"
)

// Summary sheet.
var (
	kpiCustomers = [2]reports.Label{"reports.KpiNameCustomers", "workbook.kpiCustomers.1"}
	// kpiPeriodMeaning explains this period's figures; wbKPIPeriodSpan
	// (first day, last day, days) and wbKPIPeriodVs (the period before)
	// follow.
	kpiPeriodMeaning = map[string]reports.Label{
		"period.revenue":    "workbook.kpiPeriodMeaning.period_revenue",
		"period.orders":     "workbook.kpiPeriodMeaning.period_orders",
		"period.buyers":     "workbook.kpiPeriodMeaning.period_buyers",
		"period.new_buyers": "workbook.kpiPeriodMeaning.period_new_buyers",
	}

	kpiBuyers  = [2]reports.Label{"reports.KpiNameBuyers", "workbook.kpiBuyers.1"}
	kpiOrders  = [2]reports.Label{"reports.KpiNameOrders", "workbook.kpiOrders.1"}
	kpiGross   = [2]reports.Label{"reports.KpiNameGross", "workbook.kpiGross.1"}
	kpiRefunds = [2]reports.Label{"reports.KpiNameRefunds", "workbook.kpiRefunds.1"}
	kpiNet     = [2]reports.Label{"reports.KpiNameNet", "workbook.kpiNet.1"}
	kpiMargin  = [2]reports.Label{"reports.KpiNameMargin", "workbook.kpiMargin.1"}
	kpiaov     = [2]reports.Label{"reports.KpiNameAOV", "workbook.kpiaov.1"}
	kpiRepeat  = [2]reports.Label{"reports.KpiNameRepeat", "workbook.kpiRepeat.1"}
	kpiTop20   = [2]reports.Label{"reports.KpiNameTop20", "workbook.kpiTop20.1"}
	kpiGini    = [2]reports.Label{"reports.KpiNameGini", "workbook.kpiGini.1"}
	kpiActive  = [2]reports.Label{"reports.KpiNameActive", "workbook.kpiActive.1"}
	kpiAtRisk  = [2]reports.Label{"reports.KpiNameLapsing", "workbook.kpiAtRisk.1"}
	// kpiChurned's meaning is a format with the share of buyers.
	kpiChurned = [2]reports.Label{"reports.KpiNameChurned", "workbook.kpiChurned.1"}
)
