package analysis

import (
	"math"
	"slices"

	"github.com/custseg/custseg/analysis/stats"
)

// assignTiers sets Tier on every buyer's score and returns the tier
// summaries and the value concentration.
//
// Buyers with positive value are ranked from the most valuable down (ties by
// dataset order) and each falls into the tier whose cumulative band contains
// the share of total value held by the customers ranked above them, so the
// most valuable customer is always a key customer. Buyers whose value is not
// positive get TierNoValue; non-buyers get TierNone.
func assignTiers(d *Dataset, p TierParams, scores []Score) ([]TierSummary, Concentration) {
	var pos []int
	total := 0.0
	buyers := 0
	for i := range d.Customers {
		if !d.Customers[i].IsBuyer() {
			scores[i].Tier = TierNone
			continue
		}
		buyers++
		if scores[i].Value > 0 {
			pos = append(pos, i)
			total += scores[i].Value
		} else {
			scores[i].Tier = TierNoValue
		}
	}
	pos = byKeyDesc(pos, func(i int) float64 { return scores[i].Value })
	// The bounds are nudged down by a rounding tolerance so that a share that
	// lands exactly on a cut-off (0.95 as 50+30+15 %) falls into the next tier.
	const eps = 1e-9
	bounds := []float64{p.Key - eps, p.Key + p.Important - eps, p.Key + p.Important + p.Ordinary - eps}
	cum := 0.0
	for _, i := range pos {
		share := cum / total
		switch {
		case share < bounds[0]:
			scores[i].Tier = TierKey
		case share < bounds[1]:
			scores[i].Tier = TierImportant
		case share < bounds[2]:
			scores[i].Tier = TierOrdinary
		default:
			scores[i].Tier = TierSmall
		}
		cum += scores[i].Value
	}

	sums := make([]TierSummary, len(Tiers))
	idx := map[Tier]int{}
	for k, t := range Tiers {
		sums[k] = TierSummary{Tier: t, MinValue: math.Inf(1), MaxValue: math.Inf(-1)}
		idx[t] = k
	}
	for i := range d.Customers {
		k, ok := idx[scores[i].Tier]
		if !ok {
			continue
		}
		s := &sums[k]
		v := scores[i].Value
		s.Customers++
		s.Value += v
		s.MinValue = math.Min(s.MinValue, v)
		s.MaxValue = math.Max(s.MaxValue, v)
	}
	for k := range sums {
		s := &sums[k]
		if s.Customers == 0 {
			s.MinValue, s.MaxValue = 0, 0
			continue
		}
		s.Share = stats.Ratio(float64(s.Customers), float64(buyers))
		s.ValueShare = stats.Ratio(s.Value, total)
	}

	// Concentration over all buyers, non-positive values counted as zero.
	vals := make([]float64, 0, buyers)
	for i := range d.Customers {
		if d.Customers[i].IsBuyer() {
			vals = append(vals, math.Max(scores[i].Value, 0))
		}
	}
	return sums, concentration(vals)
}

// concentration computes the top-20 % share, the Gini coefficient and a
// Lorenz curve of non-negative values.
//
//	G = 2 Σ i·x₍ᵢ₎ / (n Σ x) − (n + 1) / n,   x₍₁₎ ≤ … ≤ x₍ₙ₎
//
// With no values, or all zero, everything is 0 and the curve is empty.
func concentration(vals []float64) Concentration {
	n := len(vals)
	slices.Sort(vals)
	total, weighted := 0.0, 0.0
	for i, v := range vals {
		total += v
		weighted += float64(i+1) * v
	}
	if n == 0 || total <= 0 {
		return Concentration{}
	}
	var c Concentration
	c.Gini = 2*weighted/(float64(n)*total) - float64(n+1)/float64(n)
	top := int(math.Ceil(0.2 * float64(n)))
	topSum := 0.0
	for _, v := range vals[n-top:] {
		topSum += v
	}
	c.Top20Share = topSum / total
	cum := make([]float64, n+1)
	for i, v := range vals {
		cum[i+1] = cum[i] + v
	}
	for k := 0; k <= 100; k++ {
		m := int(math.Round(float64(k) / 100 * float64(n)))
		c.Lorenz = append(c.Lorenz, LorenzPoint{CustomerShare: float64(k) / 100, ValueShare: cum[m] / total})
	}
	return c
}
