package reports

import (
	"fmt"

	"github.com/custseg/custseg/analysis"
)

// wbKPI is one headline number of the Summary and Migration sheets.
type wbKPI struct {
	label, meaning string
	key            string // its JSON name in analysis.KPIs, as Migration.KPIDeltas keys it
	get            func(*analysis.KPIs) float64
	kind           kind
	// blank: the number is not available in this run (a model KPI without
	// usable models, or a churn rate that was not measured).
	blank bool
}

// delta is the change of k since prev, or its entry in deltas when there
// is no prev; ok is false when neither has it.
func (k wbKPI) delta(cur, prev *analysis.KPIs, deltas map[string]float64) (d float64, ok bool) {
	if prev != nil {
		d, ok = k.get(cur)-k.get(prev), true
	} else if d, ok = deltas[k.key]; !ok {
		return 0, false
	}
	if k.kind == kPct {
		d *= 100 // shown in percentage points
	}
	return num(d), true
}

// deltaKind is how a change of a number shown as k is shown.
func deltaKind(k kind) kind {
	switch k {
	case kInt:
		return kDeltaInt
	case kMoney:
		return kDeltaMoney
	case kPct:
		return kDeltaPct
	case kRatio:
		return kDeltaRatio
	}
	return kDeltaDec
}

// previous returns the previous run's KPIs (or only their changes) and its
// as-of date: from the migration, else from the run history. Both nil on
// the first run.
func (wb *workbook) previous() (prev *analysis.KPIs, deltas map[string]float64, asOf string) {
	m := wb.res.Migration
	if m.PrevKPIs != nil || len(m.KPIDeltas) > 0 {
		return m.PrevKPIs, m.KPIDeltas, m.PreviousAsOf
	}
	if n := len(wb.in.History); n > 0 {
		h := wb.in.History[n-1]
		return &h.KPIs, nil, h.AsOf
	}
	return nil, nil, m.PreviousAsOf
}

// kpis lists the headline numbers in the order the Summary shows them.
func (wb *workbook) kpis() []wbKPI {
	var out []wbKPI
	add := func(l [2]Label, key string, k kind, get func(*analysis.KPIs) float64) *wbKPI {
		out = append(out, wbKPI{label: wb.t(l[0]), meaning: wb.t(l[1]), key: key, get: get, kind: k})
		return &out[len(out)-1]
	}
	i := func(f func(*analysis.KPIs) int) func(*analysis.KPIs) float64 {
		return func(k *analysis.KPIs) float64 { return float64(f(k)) }
	}
	add(wbKPICustomers, "customers", kInt, i(func(k *analysis.KPIs) int { return k.Customers }))
	add(wbKPIBuyers, "buyers", kInt, i(func(k *analysis.KPIs) int { return k.Buyers }))
	add(wbKPIOrders, "orders", kInt, i(func(k *analysis.KPIs) int { return k.Orders }))
	add(wbKPIGross, "gross_revenue", kMoney, func(k *analysis.KPIs) float64 { return k.GrossRevenue })
	add(wbKPIRefunds, "refunds", kMoney, func(k *analysis.KPIs) float64 { return k.Refunds })
	add(wbKPINet, "net_revenue", kMoney, func(k *analysis.KPIs) float64 { return k.NetRevenue })
	if wb.ds.HasCost {
		add(wbKPIMargin, "margin", kMoney, func(k *analysis.KPIs) float64 { return k.Margin })
	}
	add(wbKPIAOV, "avg_order_value", kMoney, func(k *analysis.KPIs) float64 { return k.AvgOrderValue })
	add(wbKPIRepeat, "repeat_purchase_rate", kPct, func(k *analysis.KPIs) float64 { return k.RepeatRate })
	add(wbKPITop20, "top20_value_share", kPct, func(k *analysis.KPIs) float64 { return k.Top20Share })
	add(wbKPIGini, "gini", kRatio, func(k *analysis.KPIs) float64 { return k.Gini })
	add(wbKPIActive, "active_customers", kInt, i(func(k *analysis.KPIs) int { return k.ActiveCustomer }))
	add(wbKPIAtRisk, "at_risk_customers", kInt, i(func(k *analysis.KPIs) int { return k.AtRisk }))
	add(wbKPIChurned, "churned_customers", kInt, i(func(k *analysis.KPIs) int { return k.Churned }))
	add(wbKPIChurnRate, "churn_rate", kPct, func(k *analysis.KPIs) float64 { return k.ChurnRate })
	if days := wb.res.ChurnPeriodDays; days > 0 {
		x := add(wbKPIPeriodChurn, "period_churn_rate", kPct, func(k *analysis.KPIs) float64 { return k.PeriodChurnRate })
		x.label, x.meaning = fmt.Sprintf(x.label, days), fmt.Sprintf(x.meaning, days)
	} else {
		x := add(wbKPIPeriodChurnNone, "period_churn_rate", kPct, func(k *analysis.KPIs) float64 { return k.PeriodChurnRate })
		x.blank = true
	}
	add(wbKPIHVAR, "high_value_at_risk", kInt, i(func(k *analysis.KPIs) int { return k.HighValueAtRisk }))
	model := func(x *wbKPI) {
		if !wb.res.Models.Usable {
			x.blank = true
			x.meaning += " " + wb.t(wbModelNotUsable)
		}
	}
	x := add(wbKPIExpPurchases, "expected_purchases", kDec1, func(k *analysis.KPIs) float64 { return k.ExpectedPurchases })
	x.meaning = fmt.Sprintf(x.meaning, wb.horizon())
	model(x)
	x = add(wbKPICLV, "clv_total", kMoney, func(k *analysis.KPIs) float64 { return k.CLV })
	x.meaning = fmt.Sprintf(x.meaning, wb.res.Models.CLVMonths)
	model(x)
	return out
}
