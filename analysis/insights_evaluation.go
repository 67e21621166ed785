package analysis

import (
	"github.com/custseg/custseg/analysis/kmeans"
	"github.com/custseg/custseg/analysis/stats"
)

// evaluateSegments rates each RFM segment on the seeds' step-5 criteria,
// one SegmentEvaluation per res.Segments entry, in that order:
//
//	Customers     buyers in the segment (SegmentSummary.Customers)
//	Share         Customers ÷ all customers, buyers or not
//	ValueShare    SegmentSummary.ValueShare
//	Distinctness  mean silhouette of its members (segmentDistinctness)
//	TooSmall      Share < p.TooSmallShare (so an empty segment is too small)
//	Stability     members whose segment key in d.Previous is the segment's
//	              own ÷ members; −1 without a previous snapshot, 0 for an
//	              empty segment
//
// Members missing from the previous snapshot count as having moved.
func evaluateSegments(d *Dataset, cd *clusterData, p InsightParams, res *Result) []SegmentEvaluation {
	k := len(res.Segments)
	ev := make([]SegmentEvaluation, k)
	dist := segmentDistinctness(cd, res.Scores, k)
	for g, s := range res.Segments {
		e := &ev[g]
		e.Key = s.Rule.Key
		e.Customers = s.Customers
		e.Share = stats.Ratio(float64(s.Customers), float64(len(d.Customers)))
		e.ValueShare = s.ValueShare
		e.Distinctness = dist[g]
		e.TooSmall = e.Share < p.TooSmallShare
		e.Stability = -1
	}
	if d.Previous == nil {
		return ev
	}
	members := make([]int, k)
	same := make([]int, k)
	for i := range d.Customers {
		g := int(res.Scores[i].Segment)
		if g < 0 || g >= k {
			continue
		}
		members[g]++
		if prev, ok := d.Previous.row(i, d.Customers[i].ID); ok && prev.Segment == ev[g].Key {
			same[g]++
		}
	}
	for g := range ev {
		ev[g].Stability = stats.Ratio(float64(same[g]), float64(members[g]))
	}
	return ev
}

// segmentDistinctness returns, per RFM segment (k of them), the mean
// silhouette (kmeans.Silhouette) of the segment's members with the segment
// index as the label, on the clustering's standardised log features
// (cd.m). As in kmeans.Select, when there are more buyers than the
// silhouette sample the silhouette is the sample's own: only the rows of
// cd.sil are used, both as the evaluated rows and as the clusters they are
// measured against. Buyers without a segment are left out. With fewer than
// 2 non-empty segments among the buyers every value is 0; a segment with
// no sampled member gets 0. Values lie in [−1, 1], never NaN. When
// kmeans.SelectScoring has scored the segments (cd.segSil), its values,
// bit for bit the same, are taken instead of computing them again.
func segmentDistinctness(cd *clusterData, scores []Score, k int) []float64 {
	out := make([]float64, k)
	nonEmpty := 0
	seen := make([]bool, k)
	for _, i := range cd.rows {
		if g := int(scores[i].Segment); g >= 0 && g < k && !seen[g] {
			seen[g] = true
			nonEmpty++
		}
	}
	if nonEmpty < 2 {
		return out
	}
	byLabel := cd.segSil
	if len(byLabel) != k {
		rows := cd.sil
		if rows == nil {
			rows = make([]int, cd.m.N)
			for j := range rows {
				rows[j] = j
			}
		}
		segments := segmentScoring(cd, scores, k).Labels
		var keep, labels []int
		for _, j := range rows {
			if g := segments[j]; g >= 0 {
				keep = append(keep, j)
				labels = append(labels, g)
			}
		}
		_, byLabel = kmeans.Silhouette(cd.m.Rows(keep), labels, k, nil)
	}
	for g := range out {
		out[g] = stats.Finite(byLabel[g])
	}
	return out
}

// segmentScoring is the RFM segments of cd's rows, as kmeans.SelectScoring
// scores them for segmentDistinctness: −1 for a buyer without a segment
// among the k.
func segmentScoring(cd *clusterData, scores []Score, k int) kmeans.Scoring {
	labels := make([]int, len(cd.rows))
	for j, i := range cd.rows {
		labels[j] = -1
		if g := int(scores[i].Segment); g >= 0 && g < k {
			labels[j] = g
		}
	}
	return kmeans.Scoring{Labels: labels, K: k}
}
