package analysis

import (
	"cmp"
	"slices"
	"time"
)

// RankScores scores keys into bins 1..bins by rank: a higher key earns a
// higher score. Customers with equal keys form a tie group and share one
// score, taken at the middle of the group's positions in the ranking:
//
//	score(group) = 1 + ⌊bins · (below + tied/2) / n⌋   (at most bins)
//
// where below counts the keys strictly smaller than the group's and tied
// the keys equal to it. The group holding the largest key always scores
// bins and the group holding the smallest always scores 1 (when the keys
// are not all equal), so a big group of equally good customers is never
// pushed down by its own size, nor a big group of equally poor ones up.
// When every key is equal the measure tells the customers apart in
// nothing and all score the middle bin, ⌈bins/2⌉.
//
// The score never decreases as the key grows, equal keys always score the
// same, and the order of the input does not matter. With heavy ties some
// scores stay unused. Sorting (key, index) pairs makes it O(n log n). bins
// must be at least 1.
func RankScores(keys []float64, bins int) []int {
	n := len(keys)
	scores := make([]int, n)
	if n == 0 {
		return scores
	}
	type pair struct {
		key float64
		idx int32
	}
	pairs := make([]pair, n)
	for i, k := range keys {
		pairs[i] = pair{k, int32(i)}
	}
	slices.SortFunc(pairs, func(a, b pair) int {
		if c := cmp.Compare(a.key, b.key); c != 0 {
			return c
		}
		return cmp.Compare(a.idx, b.idx)
	})
	allEqual := pairs[0].key == pairs[n-1].key
	for start := 0; start < n; {
		end := start + 1
		for end < n && pairs[end].key == pairs[start].key {
			end++
		}
		// Twice the middle position of the group, in integers.
		mid2 := int64(start + end)
		score := 1 + int(int64(bins)*mid2/(2*int64(n)))
		switch {
		case allEqual:
			score = (bins + 1) / 2
		case end == n:
			score = bins
		case start == 0:
			score = 1
		}
		score = min(max(score, 1), bins)
		for _, p := range pairs[start:end] {
			scores[p.idx] = score
		}
		start = end
	}
	return scores
}

// DaysBetween counts calendar days from the date of from to the date of to
// (each read in its own location); negative when to is earlier.
func DaysBetween(from, to time.Time) int {
	a := time.Date(from.Year(), from.Month(), from.Day(), 0, 0, 0, 0, time.UTC)
	b := time.Date(to.Year(), to.Month(), to.Day(), 0, 0, 0, 0, time.UTC)
	return int(b.Sub(a).Hours() / 24)
}

// scoreRFM fills Recency, Frequency, Monetary, R, F, M and FM of the
// buyers' scores (Segment is -1 until assignSegments, which needs the
// churn status). Recency is reversed: fewer days since the last
// purchase score higher.
func scoreRFM(d *Dataset, p RFMParams, scores []Score) {
	var buyers []int
	asOf := DateOf(d.AsOf)
	for i := range d.Customers {
		c := &d.Customers[i]
		s := &scores[i]
		s.Segment = -1
		s.Recency = -1
		s.Monetary = c.Net()
		if !c.IsBuyer() {
			continue
		}
		buyers = append(buyers, i)
		s.Recency = int32(c.LastOrder.DaysTo(asOf))
		if s.Recency < 0 {
			s.Recency = 0
		}
		s.Frequency = int32(c.Orders)
		if p.Frequency == "days" {
			s.Frequency = int32(c.OrderDays)
		}
	}
	rk := make([]float64, len(buyers))
	fk := make([]float64, len(buyers))
	mk := make([]float64, len(buyers))
	for j, i := range buyers {
		rk[j] = -float64(scores[i].Recency)
		fk[j] = float64(scores[i].Frequency)
		// Money summed from many DECIMAL amounts as float64 differs in the
		// last bits with the order of the sums: rank on cents, so equal
		// amounts tie.
		mk[j] = cents(scores[i].Monetary)
	}
	rs, fs, ms := RankScores(rk, p.Bins), RankScores(fk, p.Bins), RankScores(mk, p.Bins)
	for j, i := range buyers {
		s := &scores[i]
		s.R, s.F, s.M = int8(rs[j]), int8(fs[j]), int8(ms[j])
		s.FM = (s.F + s.M + 1) / 2
	}
}

// assignSegments names each buyer's segment from their R and FM scores
// and churn status (SegmentFor).
func assignSegments(p RFMParams, scores []Score) {
	for i := range scores {
		s := &scores[i]
		if s.R == 0 || s.Status == StatusPotential {
			s.Segment = -1
			continue
		}
		s.Segment = int16(SegmentFor(p.Segments, int(s.R), int(s.FM), s.Status))
	}
}
