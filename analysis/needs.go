package analysis

import (
	"fmt"

	"github.com/custseg/custseg/analysis/stats"
)

// needCategories is the most categories a Need lists.
const needCategories = 5

// NeedsBySegment profiles the buyers of each RFM segment (the seeds' step
// 3, common needs): one Need per res.Segments entry, in that order, Group
// the rule key. See needs for what a Need holds.
func NeedsBySegment(d *Dataset, res *Result, topValues int) []Need {
	keys := make([]string, len(res.Segments))
	for k, s := range res.Segments {
		keys[k] = s.Rule.Key
	}
	return needs(d, res.Scores, keys, topValues, func(s *Score) int { return int(s.Segment) })
}

// NeedsByTier profiles the buyers of each value tier: one Need per entry of
// Tiers, in that order, Group the tier (TierNoValue included). See needs
// for what a Need holds.
func NeedsByTier(d *Dataset, res *Result, topValues int) []Need {
	keys := make([]string, len(Tiers))
	idx := make(map[Tier]int, len(Tiers))
	for k, t := range Tiers {
		keys[k] = t.String()
		idx[t] = k
	}
	return needs(d, res.Scores, keys, topValues, func(s *Score) int {
		if k, ok := idx[s.Tier]; ok {
			return k
		}
		return -1
	})
}

// needs profiles groups of buyers; group returns a score's index in keys,
// or -1 for none. Non-buyers are never counted. For each group, over its
// buyers:
//
//	Customers      buyers in the group
//	TopCategories  the 5 categories with the largest Σ CategorySpend.Amount,
//	               Share of the group's amount in all categories (nil
//	               without category data, or when the group bought none)
//	Channels       buyers per value of the attribute named "channel"
//	               (case-insensitive), Value the count and Share of
//	               Customers, most first; values beyond the topValues
//	               largest folded into OtherName; "" (not given) is a
//	               value like the others; nil without such a column
//	DiscountShare  Σ discount ÷ (Σ gross + Σ discount) (DiscountShare)
//	AvgOrderValue  Σ gross ÷ Σ orders
//	RepeatRate     share with 2 or more orders
//	AvgCategories  mean number of distinct categories bought (cross-buying)
//	DealSeekers, Relationship  buyers of those Behaviours
//
// An empty group has zero counts and ratios (never NaN) and nil lists.
func needs(d *Dataset, scores []Score, keys []string, topValues int, group func(*Score) int) []Need {
	out := make([]Need, len(keys))
	type acc struct {
		gross, discount float64
		orders, repeat  int
		categories      int // Σ distinct categories over buyers
		cats            []float64
		channels        map[int32]int
	}
	accs := make([]acc, len(keys))
	chIdx := attrIndex(d, "channel")
	var ch attrColumn
	if chIdx >= 0 {
		ch = codeAttr(d, chIdx)
	}
	for i := range d.Customers {
		c := &d.Customers[i]
		if !c.IsBuyer() {
			continue
		}
		s := &scores[i]
		g := group(s)
		if g < 0 || g >= len(keys) {
			continue
		}
		n, a := &out[g], &accs[g]
		n.Customers++
		a.gross += c.Gross
		a.discount += c.Discount
		a.orders += int(c.Orders)
		if c.Orders >= 2 {
			a.repeat++
		}
		switch s.Behaviour {
		case BehaviourDealSeeker:
			n.DealSeekers++
		case BehaviourRelationship:
			n.Relationship++
		}
		if d.HasCategory {
			a.categories += len(c.Categories)
			for _, cs := range c.Categories {
				if int(cs.Cat) >= len(a.cats) {
					a.cats = append(a.cats, make([]float64, max(int(cs.Cat)+1, len(d.CategoryNames))-len(a.cats))...)
				}
				a.cats[cs.Cat] += cs.Amount
			}
		}
		if chIdx >= 0 {
			if a.channels == nil {
				a.channels = map[int32]int{}
			}
			a.channels[ch.codes[i]]++
		}
	}
	for g := range out {
		n, a := &out[g], &accs[g]
		n.Group = keys[g]
		if !d.HasDiscount {
			a.discount = 0
		}
		n.DiscountShare = DiscountShare(a.gross, a.discount)
		n.AvgOrderValue = stats.Ratio(a.gross, float64(a.orders))
		n.RepeatRate = stats.Ratio(float64(a.repeat), float64(n.Customers))
		n.AvgCategories = stats.Ratio(float64(a.categories), float64(n.Customers))
		if len(a.cats) > 0 {
			names := make([]string, len(a.cats))
			total := 0.0
			for k, v := range a.cats {
				names[k] = categoryName(d, k)
				total += max(v, 0)
			}
			n.TopCategories = topShares(names, a.cats, total, needCategories, false)
		}
		if len(a.channels) > 0 {
			names := make([]string, 0, len(a.channels))
			counts := make([]float64, 0, len(a.channels))
			for code, k := range a.channels {
				names = append(names, ch.vals[code])
				counts = append(counts, float64(k))
			}
			n.Channels = topShares(names, counts, float64(n.Customers), topValues, true)
		}
	}
	return out
}

// categoryName is the name of category k, or "#k" when the dataset does not
// name it.
func categoryName(d *Dataset, k int) string {
	if k < len(d.CategoryNames) {
		return d.CategoryNames[k]
	}
	return fmt.Sprintf("#%d", k)
}
