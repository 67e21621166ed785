package analysis

// ChurnStatus classifies a customer by inactivity: potential when they never
// bought, active while the days since their last purchase are at most
// AtRiskDays, at risk up to ChurnedDays, churned beyond.
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
		sums[k].Share = ratio(float64(sums[k].Customers), float64(len(d.Customers)))
	}
	return sums
}
