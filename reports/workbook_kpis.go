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
	// avail, when set, says whether a run's KPIs have the number (the
	// model KPIs are nil without usable models); a change needs both runs
	// to have it.
	avail func(*analysis.KPIs) bool
}

// has reports whether k holds the number.
func (k wbKPI) has(kp *analysis.KPIs) bool { return k.avail == nil || k.avail(kp) }

// delta is the change of k since prev, or its entry in deltas when there
// is no prev; ok is false when neither has it.
func (k wbKPI) delta(cur, prev *analysis.KPIs, deltas map[string]float64) (d float64, ok bool) {
	if get := periodGetters[k.key]; get != nil {
		// A figure of the reporting period changes against the period before.
		if cur.Period == nil || cur.Period.Previous == nil {
			return 0, false
		}
		return num(get(&cur.Period.PeriodFigures) - get(cur.Period.Previous)), true
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
	if p := wb.res.KPIs.Period; p != nil {
		span := fmt.Sprintf(wb.t(wbKPIPeriodSpan), p.From, p.To, p.Days)
		if p.Previous != nil {
			span += " " + fmt.Sprintf(wb.t(wbKPIPeriodVs), p.Previous.From, p.Previous.To)
		}
		for _, s := range []kpiSpec{kpiSpecPeriodRevenue, kpiSpecPeriodOrders, kpiSpecPeriodBuyers, kpiSpecPeriodNew} {
			kind := kInt
			if s.kind == kpiMoney {
				kind = kMoney
			}
			x := add([2]Label{s.label, wbKPIPeriodMeaning[s.key]}, s.key, kind, s.get)
			x.meaning += " " + span
			x.avail = func(k *analysis.KPIs) bool { return k.Period != nil }
		}
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
	// Churned customers ÷ buyers is a share, shown beside their number and
	// never called churn rate: the churn rate is the period's.
	x := add(wbKPIChurned, "churned_customers", kInt, i(func(k *analysis.KPIs) int { return k.Churned }))
	x.meaning = fmt.Sprintf(x.meaning, pctText(wb.res.KPIs.ChurnedShare))
	if days := wb.res.ChurnPeriodDays; days > 0 {
		x := add(wbKPIPeriodChurn, "churn_rate", kPct, func(k *analysis.KPIs) float64 { return k.PeriodChurnRate })
		x.meaning = fmt.Sprintf(x.meaning, days)
	} else {
		x := add(wbKPIPeriodChurnNone, "churn_rate", kPct, func(k *analysis.KPIs) float64 { return k.PeriodChurnRate })
		x.blank = true
	}
	add(wbKPISaveNow, "save_now", kInt, i(func(k *analysis.KPIs) int { return k.SaveNow }))
	add(wbKPIWinBack, "win_back", kInt, i(func(k *analysis.KPIs) int { return k.WinBack }))
	model := func(x *wbKPI, avail func(*analysis.KPIs) bool) {
		x.avail = avail
		if !wb.res.Models.Usable || !avail(&wb.res.KPIs) {
			x.blank = true
			x.meaning += " " + fmt.Sprintf(wb.t(wbModelNotUsable), htmlModelsFailure(wb.res.Models, wb.loc))
		}
	}
	x = add(wbKPIExpPurchases, "expected_purchases", kDec1, func(k *analysis.KPIs) float64 { v, _ := analysis.Avail(k.ExpectedPurchases); return v })
	x.meaning = fmt.Sprintf(x.meaning, wb.horizon())
	model(x, func(k *analysis.KPIs) bool { return k.ExpectedPurchases != nil })
	x = add(wbKPICLV, "clv_total", kMoney, func(k *analysis.KPIs) float64 { v, _ := analysis.Avail(k.CLV); return v })
	x.meaning = fmt.Sprintf(x.meaning, wb.res.Models.CLVMonths)
	model(x, func(k *analysis.KPIs) bool { return k.CLV != nil })
	return out
}
