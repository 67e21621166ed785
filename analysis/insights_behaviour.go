package analysis

import "github.com/custseg/custseg/analysis/stats"

// DiscountShare is the part of the list price a customer did not pay,
//
//	share = discount / (gross + discount),
//
// where gross is what they paid for their purchases and discount what
// they were given off them. It is 0 when gross + discount is not positive
// (no purchases, or only free ones without a recorded discount) and is
// clamped to [0, 1] against bad data (negative discounts). A purchase that
// was entirely discounted (gross 0, discount > 0) gives 1.
func DiscountShare(gross, discount float64) float64 {
	den := gross + discount
	if !(den > 0) {
		return 0
	}
	return clamp01(discount / den)
}

// ClassifyBehaviour sets DiscountShare and Behaviour on every buyer's
// score: the seeds' Boots example (deal seekers) and their split between
// transaction and relationship customers, by discount share and margin
// contribution (Net − Cost when the dataset has cost, else Net):
//
//	deal_seeker     share ≥ p.DealSeekerShare
//	relationship    share < p.RelationshipMaxDiscount and
//	                contribution > the median contribution of all buyers
//	transactional   otherwise
//
// The median of an even number of buyers is the mean of the middle two, so
// a lone buyer is never above it. Without discount data
// (!d.HasDiscount) nobody is classified: every DiscountShare is 0 and every
// Behaviour BehaviourNone; non-buyers are always BehaviourNone with share 0.
func ClassifyBehaviour(d *Dataset, p InsightParams, scores []Score) {
	for i := range scores {
		scores[i].DiscountShare, scores[i].Behaviour = 0, BehaviourNone
	}
	if !d.HasDiscount {
		return
	}
	contribution := func(c *Customer) float64 {
		if d.HasCost {
			return c.Net() - c.Cost
		}
		return c.Net()
	}
	var contribs []float64
	for i := range d.Customers {
		if c := &d.Customers[i]; c.IsBuyer() {
			contribs = append(contribs, contribution(c))
		}
	}
	med := stats.Median(contribs)
	for i := range d.Customers {
		c := &d.Customers[i]
		if !c.IsBuyer() {
			continue
		}
		s := &scores[i]
		s.DiscountShare = DiscountShare(c.Gross, c.Discount)
		switch {
		case s.DiscountShare >= p.DealSeekerShare:
			s.Behaviour = BehaviourDealSeeker
		case s.DiscountShare < p.RelationshipMaxDiscount && contribution(c) > med:
			s.Behaviour = BehaviourRelationship
		default:
			s.Behaviour = BehaviourTransactional
		}
	}
}
