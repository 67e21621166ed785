package workbook

import (
	"fmt"

	"github.com/custseg/custseg/reports"

	"github.com/custseg/custseg/analysis"
)

// kpi is one headline number of the Summary and Migration sheets.
type kpi struct {
	label, meaning string
	key            string // its JSON name in analysis.KPIs, as Migration.KPIDeltas keys it
	get            func(*analysis.KPIs) float64
	kind           kind
	// blank: the number is not available in this run (a model KPI without
	// usable models, or a churn rate that was not measured).
	blank bool
	// avail, when set, says whether a run's KPIs have the number (the
	// model KPIs are nil without usable models); a change needs both runs
	// to have it.
	avail func(*analysis.KPIs) bool
}

// has reports whether k holds the number.
func (k kpi) has(kp *analysis.KPIs) bool { return k.avail == nil || k.avail(kp) }

// delta is the change of k since prev, or its entry in deltas when there
// is no prev; ok is false when neither has it.
func (k kpi) delta(cur, prev *analysis.KPIs, deltas map[string]float64) (d float64, ok bool) {
	if get := reports.PeriodGetters[k.key]; get != nil {
		// A figure of the reporting period changes against the period before.
		if cur.Period == nil || cur.Period.Previous == nil {
			return 0, false
		}
		return reports.Num(get(&cur.Period.PeriodFigures) - get(cur.Period.Previous)), true
	}
	if !k.has(cur) || (prev != nil && !k.has(prev)) {
		return 0, false
	}
	if prev != nil {
		d, ok = k.get(cur)-k.get(prev), true
	} else if d, ok = deltas[k.key]; !ok {
		return 0, false
	}
	if k.kind == kPct {
		d *= 100 // shown in percentage points
	}
	return reports.Num(d), true
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
func (wb *workbook) kpis() []kpi {
	var out []kpi
	add := func(l [2]reports.Label, key string, k kind, get func(*analysis.KPIs) float64) *kpi {
		out = append(out, kpi{label: wb.t(l[0]), meaning: wb.t(l[1]), key: key, get: get, kind: k})
		return &out[len(out)-1]
	}
	i := func(f func(*analysis.KPIs) int) func(*analysis.KPIs) float64 {
		return func(k *analysis.KPIs) float64 { return float64(f(k)) }
	}
	if p := wb.res.KPIs.Period; p != nil {
		span := fmt.Sprintf(wb.t("workbook.kpiPeriodSpan"), p.From, p.To, p.Days)
		if p.Previous != nil {
			span += " " + fmt.Sprintf(wb.t("workbook.kpiPeriodVs"), p.Previous.From, p.Previous.To)
		}
		for _, s := range []reports.KpiSpec{reports.KpiSpecPeriodRevenue, reports.KpiSpecPeriodOrders, reports.KpiSpecPeriodBuyers, reports.KpiSpecPeriodNew} {
			kind := kInt
			if s.Kind == reports.KpiMoney {
				kind = kMoney
			}
			x := add([2]reports.Label{s.Label, kpiPeriodMeaning[s.Key]}, s.Key, kind, s.Get)
			x.meaning += " " + span
			x.avail = func(k *analysis.KPIs) bool { return k.Period != nil }
		}
	}
	add(kpiCustomers, "customers", kInt, i(func(k *analysis.KPIs) int { return k.Customers }))
	add(kpiBuyers, "buyers", kInt, i(func(k *analysis.KPIs) int { return k.Buyers }))
	add(kpiOrders, "orders", kInt, i(func(k *analysis.KPIs) int { return k.Orders }))
	add(kpiGross, "gross_revenue", kMoney, func(k *analysis.KPIs) float64 { return k.GrossRevenue })
	add(kpiRefunds, "refunds", kMoney, func(k *analysis.KPIs) float64 { return k.Refunds })
	add(kpiNet, "net_revenue", kMoney, func(k *analysis.KPIs) float64 { return k.NetRevenue })
	if wb.ds.HasCost {
		add(kpiMargin, "margin", kMoney, func(k *analysis.KPIs) float64 { return k.Margin })
	}
	add(kpiaov, "avg_order_value", kMoney, func(k *analysis.KPIs) float64 { return k.AvgOrderValue })
	add(kpiRepeat, "repeat_purchase_rate", kPct, func(k *analysis.KPIs) float64 { return k.RepeatRate })
	add(kpiTop20, "top20_value_share", kPct, func(k *analysis.KPIs) float64 { return k.Top20Share })
	add(kpiGini, "gini", kRatio, func(k *analysis.KPIs) float64 { return k.Gini })
	add(kpiActive, "active_customers", kInt, i(func(k *analysis.KPIs) int { return k.ActiveCustomer }))
	add(kpiAtRisk, "at_risk_customers", kInt, i(func(k *analysis.KPIs) int { return k.AtRisk }))
	// Churned customers ÷ buyers is a share, shown beside their number and
	// never called churn rate: the churn rate is the period's.
	x := add(kpiChurned, "churned_customers", kInt, i(func(k *analysis.KPIs) int { return k.Churned }))
	x.meaning = fmt.Sprintf(x.meaning, reports.PctText(wb.res.KPIs.ChurnedShare))
	if days := wb.res.ChurnPeriodDays; days > 0 {
		x := add(kpiPeriodChurn, "churn_rate", kPct, func(k *analysis.KPIs) float64 { return k.PeriodChurnRate })
		x.meaning = fmt.Sprintf(x.meaning, days)
	} else {
		x := add(kpiPeriodChurnNone, "churn_rate", kPct, func(k *analysis.KPIs) float64 { return k.PeriodChurnRate })
		x.blank = true
	}
	add(kpiSaveNow, "save_now", kInt, i(func(k *analysis.KPIs) int { return k.SaveNow }))
	add(kpiWinBack, "win_back", kInt, i(func(k *analysis.KPIs) int { return k.WinBack }))
	model := func(x *kpi, avail func(*analysis.KPIs) bool) {
		x.avail = avail
		if !wb.res.Models.Usable || !avail(&wb.res.KPIs) {
			x.blank = true
			x.meaning += " " + fmt.Sprintf(wb.t("workbook.modelNotUsable"), reports.ModelsFailure(wb.res.Models, wb.loc))
		}
	}
	x = add(kpiExpPurchases, "expected_purchases", kDec1, func(k *analysis.KPIs) float64 { v, _ := analysis.Avail(k.ExpectedPurchases); return v })
	x.meaning = fmt.Sprintf(x.meaning, wb.horizon())
	model(x, func(k *analysis.KPIs) bool { return k.ExpectedPurchases != nil })
	x = add(kpiclv, "clv_total", kMoney, func(k *analysis.KPIs) float64 { v, _ := analysis.Avail(k.CLV); return v })
	x.meaning = fmt.Sprintf(x.meaning, wb.res.Models.CLVMonths)
	model(x, func(k *analysis.KPIs) bool { return k.CLV != nil })
	return out
}
