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
	KpiMoney                // an amount: change as +x% (+amount)
	kpiShare                // a share in [0, 1]: change in percentage points
)

// KpiSpec is one headline number.
type KpiSpec struct {
	Key    string // the KPIs JSON key, as in Migration.KPIDeltas
	Label  Label  // tile and table label
	noun   Label  // in a sentence: "net revenue", "the churn rate"
	Kind   kpiKind
	better int // +1: higher is better; -1: lower is better; 0: neither
	Get    func(*analysis.KPIs) float64
}

// PeriodGetters read the figures of the reporting period, keyed by
// KpiSpec.key: the change of such a figure is against the period before it
// (KPIs.Period.Previous), not against the previous run.
var PeriodGetters = map[string]func(*analysis.PeriodFigures) float64{}

// periodGetter returns the getter of a period figure, or nil.
func (s KpiSpec) periodGetter() func(*analysis.PeriodFigures) float64 { return PeriodGetters[s.Key] }

// periodSpec is a figure of the reporting period.
func periodSpec(key string, label, noun Label, kind kpiKind, get func(*analysis.PeriodFigures) float64) KpiSpec {
	PeriodGetters[key] = get
	return KpiSpec{Key: key, Label: label, noun: noun, Kind: kind, better: +1,
		Get: func(k *analysis.KPIs) float64 {
			if k.Period == nil {
				return 0
			}
			return get(&k.Period.PeriodFigures)
		}}
}

// The KPIs of the period (this run's days against the same number of days
// before): net revenue, orders, buyers and first-time buyers.
var (
	KpiSpecPeriodRevenue = periodSpec("period.revenue", "reports.KpiNamePeriodRevenue", Label("reports.KpiSpecPeriodRevenue.periodSpec"), KpiMoney,
		func(p *analysis.PeriodFigures) float64 { return p.Revenue })
	KpiSpecPeriodOrders = periodSpec("period.orders", "reports.KpiNamePeriodOrders", Label("reports.KpiSpecPeriodOrders.periodSpec"), kpiCount,
		func(p *analysis.PeriodFigures) float64 { return float64(p.Orders) })
	KpiSpecPeriodBuyers = periodSpec("period.buyers", "reports.KpiNamePeriodBuyers", Label("reports.KpiSpecPeriodBuyers.periodSpec"), kpiCount,
		func(p *analysis.PeriodFigures) float64 { return float64(p.Buyers) })
	KpiSpecPeriodNew = periodSpec("period.new_buyers", "reports.KpiNamePeriodNew", Label("reports.KpiSpecPeriodNew.periodSpec"), kpiCount,
		func(p *analysis.PeriodFigures) float64 { return float64(p.NewBuyers) })
)

// The all-time KPIs, each with its key, name, noun, kind, the direction
// that is good and how to read it from analysis.KPIs.
var (
	kpiSpecCustomers = KpiSpec{"customers", Label("reports.KpiNameCustomers"), Label("reports.kpiSpecCustomers.noun"), kpiCount, +1,
		func(k *analysis.KPIs) float64 { return float64(k.Customers) }}
	kpiSpecBuyers = KpiSpec{"buyers", Label("reports.KpiNameBuyers"), Label("reports.kpiSpecBuyers.noun"), kpiCount, +1,
		func(k *analysis.KPIs) float64 { return float64(k.Buyers) }}
	KpiSpecNetRevenue = KpiSpec{"net_revenue", Label("reports.KpiNameNet"), Label("reports.KpiSpecNetRevenue.noun"), KpiMoney, +1,
		func(k *analysis.KPIs) float64 { return k.NetRevenue }}
	kpiSpecAOV = KpiSpec{"avg_order_value", Label("reports.KpiNameAOV"), Label("reports.kpiSpecAOV.noun"), KpiMoney, +1,
		func(k *analysis.KPIs) float64 { return k.AvgOrderValue }}
	kpiSpecRepeat = KpiSpec{"repeat_purchase_rate", Label("reports.KpiNameRepeat"), Label("reports.kpiSpecRepeat.noun"), kpiShare, +1,
		func(k *analysis.KPIs) float64 { return k.RepeatRate }}
	kpiSpecTop20 = KpiSpec{"top20_value_share", Label("reports.KpiNameTop20"), Label("reports.kpiSpecTop20.noun"), kpiShare, 0,
		func(k *analysis.KPIs) float64 { return k.Top20Share }}
	kpiSpecChurn = KpiSpec{"churn_rate", Label("reports.KpiNameChurnRate"), Label("reports.kpiSpecChurn.noun"), kpiShare, -1,
		func(k *analysis.KPIs) float64 { return k.PeriodChurnRate }}
	kpiSpecChurned = KpiSpec{"churned_customers", Label("reports.KpiNameChurned"), Label("reports.kpiSpecChurned.noun"), kpiCount, -1,
		func(k *analysis.KPIs) float64 { return float64(k.Churned) }}
	kpiSpecActive = KpiSpec{"active_customers", Label("reports.KpiNameActive"), Label("reports.kpiSpecActive.noun"), kpiCount, +1,
		func(k *analysis.KPIs) float64 { return float64(k.ActiveCustomer) }}
	kpiSpecAtRisk = KpiSpec{"at_risk_customers", Label("reports.KpiNameLapsing"), Label("reports.kpiSpecAtRisk.noun"), kpiCount, -1,
		func(k *analysis.KPIs) float64 { return float64(k.AtRisk) }}
	kpiSpecCLV = KpiSpec{"clv_total", Label("reports.KpiNameCLV"), Label("reports.kpiSpecCLV.noun"), KpiMoney, +1,
		func(k *analysis.KPIs) float64 { v, _ := analysis.Avail(k.CLV); return v }}
	kpiSpecSaveNow = KpiSpec{"save_now", Label("reports.KpiNameSaveNow"), Label("reports.kpiSpecSaveNow.noun"), kpiCount, -1,
		func(k *analysis.KPIs) float64 { return float64(k.SaveNow) }}
	kpiSpecWinBack = KpiSpec{"win_back", Label("reports.KpiNameWinBack"), Label("reports.kpiSpecWinBack.noun"), kpiCount, -1,
		func(k *analysis.KPIs) float64 { return float64(k.WinBack) }}
)

// kpiDelta is a KPI's change against the previous run.
type kpiDelta struct {
	Ok        bool    // there is a previous value
	prev, abs float64 // previous value; current − previous
	Rel       float64 // abs ÷ previous; valid when relOK
	RelOK     bool
}

// delta returns the change of s against the previous run: from
// Migration.PrevKPIs, else from Migration.KPIDeltas[s.key] (current minus
// previous).
func (s KpiSpec) Delta(res *analysis.Result) kpiDelta {
	if get := s.periodGetter(); get != nil {
		p := res.KPIs.Period
		if p == nil || p.Previous == nil {
			return kpiDelta{}
		}
		d := kpiDelta{Ok: true, prev: get(p.Previous)}
		d.abs = get(&p.PeriodFigures) - d.prev
		if d.prev > 0 {
			d.Rel, d.RelOK = d.abs/d.prev, true
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
	cur := s.Get(&res.KPIs)
	var d kpiDelta
	if m.PrevKPIs != nil {
		d = kpiDelta{Ok: true, prev: s.Get(m.PrevKPIs)}
		d.abs = cur - d.prev
	} else if v, ok := m.KPIDeltas[s.Key]; ok && Finite(v) {
		d = kpiDelta{Ok: true, abs: v, prev: cur - v}
	} else {
		return kpiDelta{}
	}
	if !Finite(d.abs) || !Finite(d.prev) {
		return kpiDelta{}
	}
	if d.prev > 0 {
		d.Rel, d.RelOK = d.abs/d.prev, true
	}
	return d
}

// has reports whether the KPI is available in k: the model KPIs are not
// without usable models (nil, null in the manifest).
func (s KpiSpec) has(k *analysis.KPIs) bool {
	if s.periodGetter() != nil {
		return k.Period != nil
	}
	switch s.Key {
	case "clv_total":
		return k.CLV != nil
	case "expected_purchases":
		return k.ExpectedPurchases != nil
	}
	return true
}

// value formats a KPI value.
func (s KpiSpec) value(v float64, cur, loc string) string {
	switch s.Kind {
	case KpiMoney:
		return MoneyShort(cur, v, loc)
	case kpiShare:
		return Pct(v)
	}
	return Int(int(math.Round(v)))
}

// change formats a KPI's change: "+120 (+3.4%)", "+2.1% (+¥950k)",
// "+0.4 pp"; "no change" when it did not move.
func (s KpiSpec) change(d kpiDelta, cur, loc string) string {
	if !d.Ok {
		return ""
	}
	if s.moved(d) == 0 {
		return Label("reports.noChange").In(loc)
	}
	switch s.Kind {
	case kpiShare:
		return Points(d.abs, loc)
	case KpiMoney:
		amount := signed(d.abs < 0, false, MoneyShort(cur, math.Abs(d.abs), loc))
		if d.RelOK {
			return RelChange(d.Rel) + " (" + amount + ")"
		}
		return amount
	}
	n := signed(d.abs < 0, false, Int(int(math.Round(math.Abs(d.abs)))))
	if d.RelOK {
		return n + " (" + RelChange(d.Rel) + ")"
	}
	return n
}

// moved returns the direction of a change as it is shown (+1, -1, or 0
// when it rounds away).
func (s KpiSpec) moved(d kpiDelta) int {
	if !d.Ok {
		return 0
	}
	var shown float64
	switch s.Kind {
	case kpiShare:
		shown = Pct1(d.abs)
	case KpiMoney:
		shown = d.abs
		if d.RelOK {
			shown = Pct1(d.Rel)
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
func (s KpiSpec) tone(d kpiDelta) string {
	dir := s.moved(d)
	switch {
	case !d.Ok:
		return ""
	case dir == 0 || s.better == 0:
		return "flat"
	case dir == s.better:
		return "good"
	}
	return "bad"
}

// KPI is one headline number as the page and the emails show it.
type KPI struct {
	Label, Value, Note string
	Change             string // "" on a first run
	Arrow              string // ▲, ▼ or ＝; "" without a change
	Tone               string // good, bad, flat; "" without a change
}

// ReportKPISpecs lists the headline numbers of the run: the CLV tile only
// when the models are usable.
func ReportKPISpecs(res *analysis.Result) []KpiSpec {
	var specs []KpiSpec
	if res.KPIs.Period != nil {
		specs = append(specs, KpiSpecPeriodRevenue, KpiSpecPeriodOrders, KpiSpecPeriodBuyers, KpiSpecPeriodNew)
	}
	specs = append(specs, kpiSpecCustomers, kpiSpecBuyers, KpiSpecNetRevenue, kpiSpecAOV, kpiSpecRepeat,
		kpiSpecTop20, kpiSpecChurn, kpiSpecChurned, kpiSpecActive)
	if res.Models.Usable && kpiSpecCLV.has(&res.KPIs) {
		specs = append(specs, kpiSpecCLV)
	}
	return append(specs, kpiSpecSaveNow, kpiSpecWinBack)
}

// KpisBasis says what the changes of the headline numbers compare with:
// this period's figures with the period before it, the others with the
// previous run (none on a first run).
func KpisBasis(res *analysis.Result, loc string) string {
	prev := res.Migration.PreviousAsOf
	switch {
	case res.KPIs.Period != nil && prev != "":
		return Format("reports.vsPeriodAndPrevious", loc, prev)
	case res.KPIs.Period != nil:
		return Label("reports.firstRunPeriod").In(loc)
	case prev != "":
		return Format("reports.VsPrevious", loc, prev)
	}
	return Label("reports.FirstRun").In(loc)
}

// ReportKPIs returns the headline numbers with their notes and changes.
func ReportKPIs(in *Input, loc string) []KPI {
	res := in.Result
	k := &res.KPIs
	cur := in.Currency
	notes := map[string]string{}
	if p := k.Period; p != nil {
		span := Format("reports.kpiPeriodNote", loc, p.From, p.To, Int(p.Days))
		if p.Previous != nil {
			span = Format("reports.kpiPeriodVsNote", loc, p.From, p.To, Int(p.Days), p.Previous.From, p.Previous.To)
		}
		for _, s := range []KpiSpec{KpiSpecPeriodRevenue, KpiSpecPeriodOrders, KpiSpecPeriodBuyers, KpiSpecPeriodNew} {
			notes[s.Key] = span
		}
	}
	notes[KpiSpecNetRevenue.Key] = Format("reports.kpiOrdersNote", loc, Int(k.Orders))
	if k.Refunds > 0 {
		notes[KpiSpecNetRevenue.Key] = Format("reports.kpiRefundsNote", loc, MoneyShort(cur, k.Refunds, loc))
	}
	buyerShare := Ratio(float64(k.Buyers), float64(k.Customers))
	notes[kpiSpecBuyers.Key] = Format("reports.kpiBuyersNote", loc, Pct(buyerShare))
	notes[kpiSpecAOV.Key] = Label("reports.kpiaovNote").In(loc)
	notes[kpiSpecRepeat.Key] = Label("reports.kpiRepeatNote").In(loc)
	notes[kpiSpecTop20.Key] = Label("reports.kpiTop20Note").In(loc)
	notes[kpiSpecChurn.Key] = Format("reports.kpiChurnNote", loc, Int(res.ChurnPeriodDays))
	if res.ChurnPeriodDays <= 0 {
		notes[kpiSpecChurn.Key] = Label("reports.kpiChurnNone").In(loc)
	}
	notes[kpiSpecChurned.Key] = Format("reports.kpiChurnedNote", loc, Pct(k.ChurnedShare))
	notes[kpiSpecActive.Key] = Format("reports.kpiActiveNote", loc, Int(k.AtRisk))
	notes[kpiSpecCLV.Key] = Format("reports.kpiclvNote", loc, Int(res.Models.CLVMonths))
	notes[kpiSpecSaveNow.Key] = Format("reports.kpiSaveNowNote", loc, MoneyShort(cur, ListKeepTotal(res), loc))
	notes[kpiSpecWinBack.Key] = Format("reports.kpiWinBackNote", loc, MoneyShort(cur, listPastTotal(res), loc))
	var out []KPI
	for _, s := range ReportKPISpecs(res) {
		d := s.Delta(res)
		kpi := KPI{Label: s.Label.In(loc), Value: s.value(s.Get(k), cur, loc), Note: notes[s.Key],
			Change: s.change(d, cur, loc), Tone: s.tone(d)}
		if s.Key == kpiSpecChurn.Key && res.ChurnPeriodDays <= 0 {
			// Not measured: no number, and no change against one.
			kpi.Value, kpi.Change, kpi.Tone, d = "—", "", "", kpiDelta{}
		}
		switch s.moved(d) {
		case +1:
			kpi.Arrow = "▲"
		case -1:
			kpi.Arrow = "▼"
		default:
			if d.Ok {
				kpi.Arrow = "＝"
			}
		}
		out = append(out, kpi)
	}
	return out
}

// Ratio is a ÷ b, or 0 when b is 0 or the result is not finite.
func Ratio(a, b float64) float64 {
	if b == 0 {
		return 0
	}
	if r := a / b; Finite(r) {
		return r
	}
	return 0
}
