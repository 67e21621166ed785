package reports

import (
	"cmp"
	"math"
	"slices"
	"strings"

	"github.com/custseg/custseg/analysis"
)

// This file writes "What changed, what to do": a few sentences built from
// the run's numbers only, the same for the HTML report and the management
// email. Every sentence states numbers the report shows elsewhere; nothing
// is guessed.

// narrativeMovers are the KPIs the first sentence may name, in the
// order that breaks ties.
var narrativeMovers = []KpiSpec{KpiSpecNetRevenue, kpiSpecActive, kpiSpecChurn, kpiSpecBuyers,
	kpiSpecRepeat, kpiSpecAOV, kpiSpecAtRisk, kpiSpecCLV}

// ReportNarrative returns the sentences, in locale:
//
//  0. this period's net revenue, orders, buyers and first-time buyers,
//     and the change of revenue against the period before;
//  1. against the previous run, the two KPIs that moved most (relative
//     change); on a first run, that there is nothing to compare yet;
//  2. the churn rate over the last period (without one, the churned
//     customers and their share of buyers) and the lapsing customers now;
//  3. the high-value customers at risk and their yearly value at risk;
//  4. the segment that brings the most value;
//  5. the top action: win back the high-value customers at risk when there
//     are any, else the action of the most valuable segment.
//
// Without buyers it says only that there are no purchases yet.
func ReportNarrative(in *Input, loc string) []string {
	res := in.Result
	k := &res.KPIs
	cur := in.Currency
	var out []string
	if k.Buyers == 0 {
		out = append(out, Label("reports.NarrNoBuyers").In(loc))
		if res.Migration.PreviousAsOf == "" {
			out = append(out, Label("reports.narrFirstRunEmpty").In(loc))
		}
		return out
	}

	// 0. This period first.
	if p := k.Period; p != nil {
		line := Format("reports.narrPeriod", loc, p.From, p.To, MoneyShort(cur, p.Revenue, loc), Int(p.Orders),
			Int(p.Buyers), Int(p.NewBuyers))
		if d := KpiSpecPeriodRevenue.Delta(res); d.Ok {
			if d.RelOK {
				line += Format("reports.narrPeriodVs", loc, RelChange(d.Rel), p.Previous.From, p.Previous.To)
			} else {
				line += Format("reports.narrPeriodVsNone", loc, p.Previous.From, p.Previous.To)
			}
		}
		out = append(out, line)
	}

	// 1. What moved.
	if res.Migration.PreviousAsOf == "" {
		out = append(out, Format("reports.narrFirstRun", loc, Int(k.Buyers), MoneyShort(cur, k.NetRevenue, loc)))
	} else {
		type mover struct {
			s   KpiSpec
			d   kpiDelta
			mag float64
		}
		var movers []mover
		for _, s := range narrativeMovers {
			if (s.Key == kpiSpecCLV.Key && !res.Models.Usable) || (s.Key == kpiSpecChurn.Key && res.ChurnPeriodDays <= 0) {
				continue
			}
			d := s.Delta(res)
			if !d.RelOK || s.moved(d) == 0 {
				continue
			}
			movers = append(movers, mover{s, d, math.Abs(d.Rel)})
		}
		slices.SortStableFunc(movers, func(a, b mover) int { return cmp.Compare(b.mag, a.mag) })
		var phrases []string
		for _, m := range movers[:min(len(movers), 2)] {
			phrases = append(phrases, movePhrase(m.s, m.d, m.s.Get(k), cur, loc))
		}
		switch len(phrases) {
		case 0:
			out = append(out, Format("reports.narrNoMoves", loc, res.Migration.PreviousAsOf, MoneyShort(cur, k.NetRevenue, loc)))
		case 1:
			out = append(out, Format("reports.narrMoves1", loc, res.Migration.PreviousAsOf, phrases[0]))
		default:
			out = append(out, Format("reports.narrMoves2", loc, res.Migration.PreviousAsOf, phrases[0], phrases[1]))
		}
	}

	// 2. Churn.
	if res.ChurnPeriodDays > 0 {
		out = append(out, Format("reports.narrPeriodChurn", loc, Int(res.ChurnPeriodDays), Pct(k.PeriodChurnRate), Int(k.AtRisk)))
	} else {
		out = append(out, Format("reports.narrChurn", loc, Int(k.Churned), Pct(k.ChurnedShare), Int(k.AtRisk)))
	}

	// 3. The campaign lists.
	if n := len(res.SaveNow); n > 0 {
		out = append(out, Format("reports.narrSaveNow", loc, Int(n), MoneyShort(cur, ListKeepTotal(res), loc), Int(len(res.WinBack))))
	} else if len(res.WinBack) > 0 {
		out = append(out, Format("reports.narrNoSaveNow", loc, Int(len(res.WinBack))))
	} else {
		out = append(out, Label("reports.narrNoLists").In(loc))
	}

	// 4. Most valuable segment.
	rich := richestSegment(res)
	if rich >= 0 {
		s := res.Segments[rich]
		sp, vp := SegmentPcts(res)
		out = append(out, Format("reports.narrRichest", loc, SegmentName(s.Rule, loc), PctShown(vp[rich]), PctShown(sp[rich])))
	}

	// 5. Top action.
	switch {
	case len(res.SaveNow) > 0:
		out = append(out, Label("reports.narrActionSaveNow").In(loc))
	case rich >= 0:
		s := res.Segments[rich]
		if a := SegmentAction(s.Rule, loc); a != "" {
			out = append(out, Format("reports.narrActionSegment", loc, SegmentName(s.Rule, loc), strings.TrimRight(a, ".。")))
		}
	}
	return out
}

// movePhrase says how one KPI moved: "net revenue rose 2.1% to
// ¥45.7M", "the churn rate rose 0.4 points to 12.3%".
func movePhrase(s KpiSpec, d kpiDelta, now float64, cur, loc string) string {
	verb := Label("reports.narrRose")
	if d.abs < 0 {
		verb = Label("reports.narrFell")
	}
	by := Pct(math.Abs(d.Rel))
	if s.Kind == kpiShare {
		by = strings.TrimPrefix(strings.TrimPrefix(Points(math.Abs(d.abs), loc), "+"), "−")
	}
	return Format(verb, loc, s.noun.In(loc), by, s.value(now, cur, loc))
}

// richestSegment is the index of the segment with the most value, or
// -1 when no segment has buyers.
func richestSegment(res *analysis.Result) int {
	rich := -1
	for i, s := range res.Segments {
		if s.Customers > 0 && (rich < 0 || s.Value > res.Segments[rich].Value) {
			rich = i
		}
	}
	return rich
}
