package reports

import (
	"math"

	"github.com/custseg/custseg/analysis"
)

// This file holds the headline numbers (KPIs) and their changes against
// the previous run, which the HTML report's tiles, its narrative and both
// emails share.

// kpiKind says how a KPI is written and how its change is measured.
type kpiKind int

const (
	kpiCount kpiKind = iota // a number of customers: change as +n (+x%)
	kpiMoney                // an amount: change as +x% (+amount)
	kpiShare                // a share in [0, 1]: change in percentage points
)

// kpiSpec is one headline number.
type kpiSpec struct {
	key    string // the KPIs JSON key, as in Migration.KPIDeltas
	label  Label  // tile and table label
	noun   Label  // in a sentence: "net revenue", "the churn rate"
	kind   kpiKind
	better int // +1: higher is better; -1: lower is better; 0: neither
	get    func(*analysis.KPIs) float64
}

// periodGetters read the figures of the reporting period, keyed by
// kpiSpec.key: the change of such a figure is against the period before it
// (KPIs.Period.Previous), not against the previous run.
var periodGetters = map[string]func(*analysis.PeriodFigures) float64{}

// periodGetter returns the getter of a period figure, or nil.
func (s kpiSpec) periodGetter() func(*analysis.PeriodFigures) float64 { return periodGetters[s.key] }

// periodSpec is a figure of the reporting period.
func periodSpec(key string, label, noun Label, kind kpiKind, get func(*analysis.PeriodFigures) float64) kpiSpec {
	periodGetters[key] = get
	return kpiSpec{key: key, label: label, noun: noun, kind: kind, better: +1,
		get: func(k *analysis.KPIs) float64 {
			if k.Period == nil {
				return 0
			}
			return get(&k.Period.PeriodFigures)
		}}
}

var (
	kpiSpecPeriodRevenue = periodSpec("period.revenue", kpiNamePeriodRevenue, Label{"net revenue this period", "本期净收入"}, kpiMoney,
		func(p *analysis.PeriodFigures) float64 { return p.Revenue })
	kpiSpecPeriodOrders = periodSpec("period.orders", kpiNamePeriodOrders, Label{"orders this period", "本期订单数"}, kpiCount,
		func(p *analysis.PeriodFigures) float64 { return float64(p.Orders) })
	kpiSpecPeriodBuyers = periodSpec("period.buyers", kpiNamePeriodBuyers, Label{"buyers this period", "本期购买客户数"}, kpiCount,
		func(p *analysis.PeriodFigures) float64 { return float64(p.Buyers) })
	kpiSpecPeriodNew = periodSpec("period.new_buyers", kpiNamePeriodNew, Label{"first-time buyers this period", "本期首次购买客户数"}, kpiCount,
		func(p *analysis.PeriodFigures) float64 { return float64(p.NewBuyers) })
)

var (
	kpiSpecCustomers = kpiSpec{"customers", htmlKPICustomers, Label{"customers", "客户数"}, kpiCount, +1,
		func(k *analysis.KPIs) float64 { return float64(k.Customers) }}
	kpiSpecBuyers = kpiSpec{"buyers", htmlKPIBuyers, Label{"buyers", "购买客户数"}, kpiCount, +1,
		func(k *analysis.KPIs) float64 { return float64(k.Buyers) }}
	kpiSpecNetRevenue = kpiSpec{"net_revenue", htmlKPINetRevenue, Label{"all-time net revenue", "累计净收入"}, kpiMoney, +1,
		func(k *analysis.KPIs) float64 { return k.NetRevenue }}
	kpiSpecAOV = kpiSpec{"avg_order_value", htmlKPIAOV, Label{"the average order value", "平均订单金额"}, kpiMoney, +1,
		func(k *analysis.KPIs) float64 { return k.AvgOrderValue }}
	kpiSpecRepeat = kpiSpec{"repeat_purchase_rate", htmlKPIRepeat, Label{"the repeat-purchase rate", "复购率"}, kpiShare, +1,
		func(k *analysis.KPIs) float64 { return k.RepeatRate }}
	kpiSpecTop20 = kpiSpec{"top20_value_share", htmlKPITop20, Label{"the top-20% value share", "前 20% 客户价值占比"}, kpiShare, 0,
		func(k *analysis.KPIs) float64 { return k.Top20Share }}
	kpiSpecChurn = kpiSpec{"churn_rate", htmlKPIChurn, Label{"the churn rate", "流失率"}, kpiShare, -1,
		func(k *analysis.KPIs) float64 { return k.PeriodChurnRate }}
	kpiSpecChurned = kpiSpec{"churned_customers", htmlKPIChurned, Label{"churned customers", "已流失客户数"}, kpiCount, -1,
		func(k *analysis.KPIs) float64 { return float64(k.Churned) }}
	kpiSpecActive = kpiSpec{"active_customers", htmlKPIActive, Label{"active customers", "活跃客户数"}, kpiCount, +1,
		func(k *analysis.KPIs) float64 { return float64(k.ActiveCustomer) }}
	kpiSpecAtRisk = kpiSpec{"at_risk_customers", htmlKPIAtRisk, Label{"lapsing customers", "流失预警客户数"}, kpiCount, -1,
		func(k *analysis.KPIs) float64 { return float64(k.AtRisk) }}
	kpiSpecCLV = kpiSpec{"clv_total", htmlKPICLV, Label{"predicted lifetime value", "预测客户终身价值"}, kpiMoney, +1,
		func(k *analysis.KPIs) float64 { v, _ := analysis.Avail(k.CLV); return v }}
	kpiSpecSaveNow = kpiSpec{"save_now", htmlKPISaveNow, Label{"customers to save now", "立即挽留客户数"}, kpiCount, -1,
		func(k *analysis.KPIs) float64 { return float64(k.SaveNow) }}
	kpiSpecWinBack = kpiSpec{"win_back", htmlKPIWinBack, Label{"customers to win back", "流失召回客户数"}, kpiCount, -1,
		func(k *analysis.KPIs) float64 { return float64(k.WinBack) }}
)

// kpiDelta is a KPI's change against the previous run.
type kpiDelta struct {
	ok        bool    // there is a previous value
	prev, abs float64 // previous value; current − previous
	rel       float64 // abs ÷ previous; valid when relOK
	relOK     bool
}

// delta returns the change of s against the previous run: from
// Migration.PrevKPIs, else from Migration.KPIDeltas[s.key] (current minus
// previous).
func (s kpiSpec) delta(res *analysis.Result) kpiDelta {
	if get := s.periodGetter(); get != nil {
		p := res.KPIs.Period
		if p == nil || p.Previous == nil {
			return kpiDelta{}
		}
		d := kpiDelta{ok: true, prev: get(p.Previous)}
		d.abs = get(&p.PeriodFigures) - d.prev
		if d.prev > 0 {
			d.rel, d.relOK = d.abs/d.prev, true
		}
		return d
	}
	m := &res.Migration
	if m.PreviousAsOf == "" {
		return kpiDelta{}
	}
	if !s.has(&res.KPIs) || (m.PrevKPIs != nil && !s.has(m.PrevKPIs)) {
		return kpiDelta{} // not available in one of the runs: no change to show
	}
	cur := s.get(&res.KPIs)
	var d kpiDelta
	if m.PrevKPIs != nil {
		d = kpiDelta{ok: true, prev: s.get(m.PrevKPIs)}
		d.abs = cur - d.prev
	} else if v, ok := m.KPIDeltas[s.key]; ok && htmlFinite(v) {
		d = kpiDelta{ok: true, abs: v, prev: cur - v}
	} else {
		return kpiDelta{}
	}
	if !htmlFinite(d.abs) || !htmlFinite(d.prev) {
		return kpiDelta{}
	}
	if d.prev > 0 {
		d.rel, d.relOK = d.abs/d.prev, true
	}
	return d
}

// has reports whether the KPI is available in k: the model KPIs are not
// without usable models (nil, null in the manifest).
func (s kpiSpec) has(k *analysis.KPIs) bool {
	if s.periodGetter() != nil {
		return k.Period != nil
	}
	switch s.key {
	case "clv_total":
		return k.CLV != nil
	case "expected_purchases":
		return k.ExpectedPurchases != nil
	}
	return true
}

// value formats a KPI value.
func (s kpiSpec) value(v float64, cur, loc string) string {
	switch s.kind {
	case kpiMoney:
		return htmlMoneyShort(cur, v, loc)
	case kpiShare:
		return htmlPct(v)
	}
	return htmlInt(int(math.Round(v)))
}

// change formats a KPI's change: "+120 (+3.4%)", "+2.1% (+¥950k)",
// "+0.4 pp"; "no change" when it did not move.
func (s kpiSpec) change(d kpiDelta, cur, loc string) string {
	if !d.ok {
		return ""
	}
	if s.moved(d) == 0 {
		return htmlNoChange.In(loc)
	}
	switch s.kind {
	case kpiShare:
		return htmlPoints(d.abs, loc)
	case kpiMoney:
		amount := htmlSigned(d.abs < 0, false, htmlMoneyShort(cur, math.Abs(d.abs), loc))
		if d.relOK {
			return htmlRelChange(d.rel) + " (" + amount + ")"
		}
		return amount
	}
	n := htmlSigned(d.abs < 0, false, htmlInt(int(math.Round(math.Abs(d.abs)))))
	if d.relOK {
		return n + " (" + htmlRelChange(d.rel) + ")"
	}
	return n
}

// moved returns the direction of a change as it is shown (+1, -1, or 0
// when it rounds away).
func (s kpiSpec) moved(d kpiDelta) int {
	if !d.ok {
		return 0
	}
	var shown float64
	switch s.kind {
	case kpiShare:
		shown = htmlPct1(d.abs)
	case kpiMoney:
		shown = d.abs
		if d.relOK {
			shown = htmlPct1(d.rel)
		}
		if math.Abs(d.abs) < 0.005 {
			shown = 0
		}
	default:
		shown = math.Round(d.abs)
	}
	switch {
	case shown > 0:
		return +1
	case shown < 0:
		return -1
	}
	return 0
}

// tone says whether a change is good, bad or neither for the business.
func (s kpiSpec) tone(d kpiDelta) string {
	dir := s.moved(d)
	switch {
	case !d.ok:
		return ""
	case dir == 0 || s.better == 0:
		return "flat"
	case dir == s.better:
		return "good"
	}
	return "bad"
}

// htmlKPI is one headline number as the page and the emails show it.
type htmlKPI struct {
	Label, Value, Note string
	Change             string // "" on a first run
	Arrow              string // ▲, ▼ or ＝; "" without a change
	Tone               string // good, bad, flat; "" without a change
}

// reportKPISpecs lists the headline numbers of the run: the CLV tile only
// when the models are usable.
func reportKPISpecs(res *analysis.Result) []kpiSpec {
	var specs []kpiSpec
	if res.KPIs.Period != nil {
		specs = append(specs, kpiSpecPeriodRevenue, kpiSpecPeriodOrders, kpiSpecPeriodBuyers, kpiSpecPeriodNew)
	}
	specs = append(specs, kpiSpecCustomers, kpiSpecBuyers, kpiSpecNetRevenue, kpiSpecAOV, kpiSpecRepeat,
		kpiSpecTop20, kpiSpecChurn, kpiSpecChurned, kpiSpecActive)
	if res.Models.Usable && kpiSpecCLV.has(&res.KPIs) {
		specs = append(specs, kpiSpecCLV)
	}
	return append(specs, kpiSpecSaveNow, kpiSpecWinBack)
}

// kpisBasis says what the changes of the headline numbers compare with:
// this period's figures with the period before it, the others with the
// previous run (none on a first run).
func kpisBasis(res *analysis.Result, loc string) string {
	prev := res.Migration.PreviousAsOf
	switch {
	case res.KPIs.Period != nil && prev != "":
		return htmlFormat(htmlVsPeriodAndPrevious, loc, prev)
	case res.KPIs.Period != nil:
		return htmlFirstRunPeriod.In(loc)
	case prev != "":
		return htmlFormat(htmlVsPrevious, loc, prev)
	}
	return htmlFirstRun.In(loc)
}

// reportKPIs returns the headline numbers with their notes and changes.
func reportKPIs(in *Input, loc string) []htmlKPI {
	res := in.Result
	k := &res.KPIs
	cur := in.Currency
	notes := map[string]string{}
	if p := k.Period; p != nil {
		span := htmlFormat(htmlKPIPeriodNote, loc, p.From, p.To, htmlInt(p.Days))
		if p.Previous != nil {
			span = htmlFormat(htmlKPIPeriodVsNote, loc, p.From, p.To, htmlInt(p.Days), p.Previous.From, p.Previous.To)
		}
		for _, s := range []kpiSpec{kpiSpecPeriodRevenue, kpiSpecPeriodOrders, kpiSpecPeriodBuyers, kpiSpecPeriodNew} {
			notes[s.key] = span
		}
	}
	notes[kpiSpecNetRevenue.key] = htmlFormat(htmlKPIOrdersNote, loc, htmlInt(k.Orders))
	if k.Refunds > 0 {
		notes[kpiSpecNetRevenue.key] = htmlFormat(htmlKPIRefundsNote, loc, htmlMoneyShort(cur, k.Refunds, loc))
	}
	buyerShare := htmlRatio(float64(k.Buyers), float64(k.Customers))
	notes[kpiSpecBuyers.key] = htmlFormat(htmlKPIBuyersNote, loc, htmlPct(buyerShare))
	notes[kpiSpecAOV.key] = htmlKPIAOVNote.In(loc)
	notes[kpiSpecRepeat.key] = htmlKPIRepeatNote.In(loc)
	notes[kpiSpecTop20.key] = htmlKPITop20Note.In(loc)
	notes[kpiSpecChurn.key] = htmlFormat(htmlKPIChurnNote, loc, htmlInt(res.ChurnPeriodDays))
	if res.ChurnPeriodDays <= 0 {
		notes[kpiSpecChurn.key] = htmlKPIChurnNone.In(loc)
	}
	notes[kpiSpecChurned.key] = htmlFormat(htmlKPIChurnedNote, loc, htmlPct(k.ChurnedShare))
	notes[kpiSpecActive.key] = htmlFormat(htmlKPIActiveNote, loc, htmlInt(k.AtRisk))
	notes[kpiSpecCLV.key] = htmlFormat(htmlKPICLVNote, loc, htmlInt(res.Models.CLVMonths))
	notes[kpiSpecSaveNow.key] = htmlFormat(htmlKPISaveNowNote, loc, htmlMoneyShort(cur, listKeepTotal(res), loc))
	notes[kpiSpecWinBack.key] = htmlFormat(htmlKPIWinBackNote, loc, htmlMoneyShort(cur, listPastTotal(res), loc))
	var out []htmlKPI
	for _, s := range reportKPISpecs(res) {
		d := s.delta(res)
		kpi := htmlKPI{Label: s.label.In(loc), Value: s.value(s.get(k), cur, loc), Note: notes[s.key],
			Change: s.change(d, cur, loc), Tone: s.tone(d)}
		if s.key == kpiSpecChurn.key && res.ChurnPeriodDays <= 0 {
			// Not measured: no number, and no change against one.
			kpi.Value, kpi.Change, kpi.Tone, d = "—", "", "", kpiDelta{}
		}
		switch s.moved(d) {
		case +1:
			kpi.Arrow = "▲"
		case -1:
			kpi.Arrow = "▼"
		default:
			if d.ok {
				kpi.Arrow = "＝"
			}
		}
		out = append(out, kpi)
	}
	return out
}

// htmlRatio is a ÷ b, or 0 when b is 0 or the result is not finite.
func htmlRatio(a, b float64) float64 {
	if b == 0 {
		return 0
	}
	if r := a / b; htmlFinite(r) {
		return r
	}
	return 0
}
