package analysis

import (
	"math"

	"github.com/custseg/custseg/analysis/stats"
)

// ChurnStatus classifies a customer by inactivity with the fixed-day rule:
// potential when they never bought, active while the days since their last
// purchase are at most AtRiskDays, at risk up to ChurnedDays, churned
// beyond.
func ChurnStatus(isBuyer bool, recencyDays int, p ChurnParams) Status {
	switch {
	case !isBuyer:
		return StatusPotential
	case recencyDays <= p.AtRiskDays:
		return StatusActive
	case recencyDays <= p.ChurnedDays:
		return StatusAtRisk
	default:
		return StatusChurned
	}
}

// Rhythm returns a customer's mean days between purchase days,
//
//	rhythm = (last purchase − first purchase) / (purchase days − 1),
//
// or 0 when they bought on fewer than two days.
func Rhythm(c *Customer) float64 {
	if c.OrderDays < 2 {
		return 0
	}
	return float64(c.FirstOrder.DaysTo(c.LastOrder)) / float64(c.OrderDays-1)
}

// Thresholds returns the days of inactivity after which a customer with
// the given rhythm (0: unknown) is at risk and churned: RhythmAtRisk and
// RhythmChurned times the rhythm, never below RhythmMinDays, for repeat
// buyers; the fixed days for one-time buyers.
func Thresholds(rhythm float64, p ChurnParams) (atRisk, churned float64) {
	if rhythm <= 0 {
		return float64(p.AtRiskDays), float64(p.ChurnedDays)
	}
	min := float64(p.RhythmMinDays)
	return math.Max(p.RhythmAtRisk*rhythm, min), math.Max(p.RhythmChurned*rhythm, min+1)
}

// RhythmStatus classifies a buyer by the days since their last purchase
// against their own purchase rhythm (Thresholds).
func RhythmStatus(recencyDays int, rhythm float64, p ChurnParams) Status {
	atRisk, churned := Thresholds(rhythm, p)
	r := float64(recencyDays)
	switch {
	case r <= atRisk:
		return StatusActive
	case r <= churned:
		return StatusAtRisk
	}
	return StatusChurned
}

// LifecycleStage places a buyer in the lifecycle (the seeds' 考察期, 形成期,
// 稳定期, 退化期, plus lost):
//
//	lost         churned
//	exploration  bought on one day only, or first purchase within ExplorationDays
//	formation    more purchases in the recent window than in the one before
//	decline      fewer purchases than in the window before, or at risk
//	stability    otherwise
func LifecycleStage(c *Customer, status Status, tenureDays int, p LifecycleParams) Stage {
	switch {
	case !c.IsBuyer():
		return StageNone
	case status == StatusChurned:
		return StageLost
	case c.OrderDays <= 1 || tenureDays <= p.ExplorationDays:
		return StageExploration
	case c.RecentOrders > c.PreviousOrders:
		return StageFormation
	case c.RecentOrders < c.PreviousOrders || status == StatusAtRisk:
		return StageDecline
	}
	return StageStability
}

// periodChurnRate is the share of buyers active at the start of the recent
// window (judged on their purchases before it) who are churned at the
// as-of date. It returns 0 when no customer was active then.
func periodChurnRate(d *Dataset, scores []Score, p ChurnParams) float64 {
	if d.WindowDays <= 0 {
		return 0
	}
	// The day before the recent window starts.
	start := DateOf(d.AsOf.AddDate(0, 0, -d.WindowDays))
	active, churned := 0, 0
	for i := range d.Customers {
		c := &d.Customers[i]
		if c.LastBeforeRecent.IsZero() {
			continue
		}
		if RhythmStatus(c.LastBeforeRecent.DaysTo(start), scores[i].RhythmDays, p) != StatusActive {
			continue
		}
		active++
		if scores[i].Status == StatusChurned {
			churned++
		}
	}
	return stats.Ratio(float64(churned), float64(active))
}

func summariseStatuses(d *Dataset, scores []Score) []StatusSummary {
	sums := make([]StatusSummary, len(Statuses))
	idx := map[Status]int{}
	for k, s := range Statuses {
		sums[k].Status = s
		idx[s] = k
	}
	for i := range scores {
		s := &sums[idx[scores[i].Status]]
		s.Customers++
		s.Value += scores[i].Value
	}
	for k := range sums {
		sums[k].Share = stats.Ratio(float64(sums[k].Customers), float64(len(d.Customers)))
	}
	return sums
}
