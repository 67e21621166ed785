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

// htmlNarrativeMovers are the KPIs the first sentence may name, in the
// order that breaks ties.
var htmlNarrativeMovers = []kpiSpec{kpiSpecNetRevenue, kpiSpecActive, kpiSpecChurn, kpiSpecBuyers,
	kpiSpecRepeat, kpiSpecAOV, kpiSpecAtRisk, kpiSpecCLV}

// reportNarrative returns the sentences, in locale:
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
func reportNarrative(in *Input, loc string) []string {
	res := in.Result
	k := &res.KPIs
	cur := in.Currency
	var out []string
	if k.Buyers == 0 {
		out = append(out, htmlNarrNoBuyers.In(loc))
		if res.Migration.PreviousAsOf == "" {
			out = append(out, htmlNarrFirstRunEmpty.In(loc))
		}
		return out
	}

	// 0. This period first.
	if p := k.Period; p != nil {
		line := htmlFormat(htmlNarrPeriod, loc, p.From, p.To, htmlMoneyShort(cur, p.Revenue, loc), htmlInt(p.Orders),
			htmlInt(p.Buyers), htmlInt(p.NewBuyers))
		if d := kpiSpecPeriodRevenue.delta(res); d.ok {
			if d.relOK {
				line += htmlFormat(htmlNarrPeriodVs, loc, htmlRelChange(d.rel), p.Previous.From, p.Previous.To)
			} else {
				line += htmlFormat(htmlNarrPeriodVsNone, loc, p.Previous.From, p.Previous.To)
			}
		}
		out = append(out, line)
	}

	// 1. What moved.
	if res.Migration.PreviousAsOf == "" {
		out = append(out, htmlFormat(htmlNarrFirstRun, loc, htmlInt(k.Buyers), htmlMoneyShort(cur, k.NetRevenue, loc)))
	} else {
		type mover struct {
			s   kpiSpec
			d   kpiDelta
			mag float64
		}
		var movers []mover
		for _, s := range htmlNarrativeMovers {
			if (s.key == kpiSpecCLV.key && !res.Models.Usable) || (s.key == kpiSpecChurn.key && res.ChurnPeriodDays <= 0) {
				continue
			}
			d := s.delta(res)
			if !d.relOK || s.moved(d) == 0 {
				continue
			}
			movers = append(movers, mover{s, d, math.Abs(d.rel)})
		}
		slices.SortStableFunc(movers, func(a, b mover) int { return cmp.Compare(b.mag, a.mag) })
		var phrases []string
		for _, m := range movers[:min(len(movers), 2)] {
			phrases = append(phrases, htmlMovePhrase(m.s, m.d, m.s.get(k), cur, loc))
		}
		switch len(phrases) {
		case 0:
			out = append(out, htmlFormat(htmlNarrNoMoves, loc, res.Migration.PreviousAsOf, htmlMoneyShort(cur, k.NetRevenue, loc)))
		case 1:
			out = append(out, htmlFormat(htmlNarrMoves1, loc, res.Migration.PreviousAsOf, phrases[0]))
		default:
			out = append(out, htmlFormat(htmlNarrMoves2, loc, res.Migration.PreviousAsOf, phrases[0], phrases[1]))
		}
	}

	// 2. Churn.
	if res.ChurnPeriodDays > 0 {
		out = append(out, htmlFormat(htmlNarrPeriodChurn, loc, htmlInt(res.ChurnPeriodDays), htmlPct(k.PeriodChurnRate), htmlInt(k.AtRisk)))
	} else {
		out = append(out, htmlFormat(htmlNarrChurn, loc, htmlInt(k.Churned), htmlPct(k.ChurnedShare), htmlInt(k.AtRisk)))
	}

	// 3. The campaign lists.
	if n := len(res.SaveNow); n > 0 {
		out = append(out, htmlFormat(htmlNarrSaveNow, loc, htmlInt(n), htmlMoneyShort(cur, listKeepTotal(res), loc), htmlInt(len(res.WinBack))))
	} else if len(res.WinBack) > 0 {
		out = append(out, htmlFormat(htmlNarrNoSaveNow, loc, htmlInt(len(res.WinBack))))
	} else {
		out = append(out, htmlNarrNoLists.In(loc))
	}

	// 4. Most valuable segment.
	rich := htmlRichestSegment(res)
	if rich >= 0 {
		s := res.Segments[rich]
		sp, vp := htmlSegmentPcts(res)
		out = append(out, htmlFormat(htmlNarrRichest, loc, SegmentName(s.Rule, loc), htmlPctShown(vp[rich]), htmlPctShown(sp[rich])))
	}

	// 5. Top action.
	switch {
	case len(res.SaveNow) > 0:
		out = append(out, htmlNarrActionSaveNow.In(loc))
	case rich >= 0:
		s := res.Segments[rich]
		if a := SegmentAction(s.Rule, loc); a != "" {
			out = append(out, htmlFormat(htmlNarrActionSegment, loc, SegmentName(s.Rule, loc), strings.TrimRight(a, ".。")))
		}
	}
	return out
}

// htmlMovePhrase says how one KPI moved: "net revenue rose 2.1% to
// ¥45.7M", "the churn rate rose 0.4 points to 12.3%".
func htmlMovePhrase(s kpiSpec, d kpiDelta, now float64, cur, loc string) string {
	verb := htmlNarrRose
	if d.abs < 0 {
		verb = htmlNarrFell
	}
	by := htmlPct(math.Abs(d.rel))
	if s.kind == kpiShare {
		by = strings.TrimPrefix(strings.TrimPrefix(htmlPoints(math.Abs(d.abs), loc), "+"), "−")
	}
	return htmlFormat(verb, loc, s.noun.In(loc), by, s.value(now, cur, loc))
}

// htmlRichestSegment is the index of the segment with the most value, or
// -1 when no segment has buyers.
func htmlRichestSegment(res *analysis.Result) int {
	rich := -1
	for i, s := range res.Segments {
		if s.Customers > 0 && (rich < 0 || s.Value > res.Segments[rich].Value) {
			rich = i
		}
	}
	return rich
}
