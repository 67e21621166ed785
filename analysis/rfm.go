package analysis

import (
	"cmp"
	"slices"
	"time"
)

// RankScores scores keys into bins 1..bins by rank: a higher key earns a
// higher score.
//
//	score(i) = 1 + ⌊bins · below(i) / n⌋
//
// where below(i) counts the keys strictly smaller than keys[i]. Equal keys
// therefore share a score, the one of the first position of their tie group
// (ties resolve downward), so two identical customers always score the same;
// with heavy ties some scores can stay unused. One key scores 1. Sorting
// (key, index) pairs makes it O(n log n). bins must be at least 1.
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
	start := 0
	for i := range pairs {
		if i > 0 && pairs[i].key != pairs[i-1].key {
			start = i
		}
		scores[pairs[i].idx] = 1 + int(int64(bins)*int64(start)/int64(n))
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

// scoreRFM fills Recency, Frequency, Monetary, R, F, M, FM and Segment of
// the buyers' scores. Recency is reversed: fewer days since the last
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
		mk[j] = scores[i].Monetary
	}
	rs, fs, ms := RankScores(rk, p.Bins), RankScores(fk, p.Bins), RankScores(mk, p.Bins)
	for j, i := range buyers {
		s := &scores[i]
		s.R, s.F, s.M = int8(rs[j]), int8(fs[j]), int8(ms[j])
		s.FM = (s.F + s.M + 1) / 2
		s.Segment = int16(segmentFor(p.Segments, int(s.R), int(s.FM)))
	}
}
