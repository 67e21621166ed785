package analysis

import (
	"cmp"
	"slices"
	"strings"

	"github.com/custseg/custseg/analysis/cohorts"
	"github.com/custseg/custseg/analysis/stats"
)

// This file wires the seeds' remaining segmentation steps into Analyze
// and holds what they share. The steps themselves live in
// insights_behaviour.go (deal seekers, transaction and relationship
// customers), characteristics.go (step 1), needs.go (step 3),
// insights_evaluation.go (step 5), migration.go (segments are dynamic) and
// package cohorts.

// OtherName is the Name of the value that a long tail of attribute values
// (AttributeValue.Other) or of channels (Need.Channels) is folded into.
// Reports should test AttributeValue.Other rather than the name.
const OtherName = "(other)"

// insights fills the behaviour fields of the scores and the
// Characteristics, NeedsBySegment, NeedsByTier, Evaluation, Migration and
// Cohorts of res. It runs after every other step of Analyze: it reads the
// scores' Segment, Tier, Status, Value and Pyramid, the segment summaries
// and the KPIs, and cd, the clustering's features and silhouette sample.
func insights(d *Dataset, p Params, cd *clusterData, res *Result) {
	ClassifyBehaviour(d, p.Insights, res.Scores)
	res.Characteristics = Characteristics(d, res.Scores, len(res.Segments), p.Insights.TopValues)
	res.NeedsBySegment = NeedsBySegment(d, res, p.Insights.TopValues)
	res.NeedsByTier = NeedsByTier(d, res, p.Insights.TopValues)
	res.Evaluation = evaluateSegments(d, cd, p.Insights, res)
	res.Migration = Migrate(d, res)
	res.PrevSegment = previousSegments(d, res)
	res.Cohorts = cohorts.Build(d.CohortCells)
}

// attrColumn is one attribute column of the customers coded as small
// integers: codes[i] is the index in vals of customer i's value, counts[k]
// the customers with vals[k]. Values appear in vals in first-seen order.
type attrColumn struct {
	codes  []int32
	vals   []string
	counts []int
}

// codeAttr codes attribute column j of d; a customer whose Attrs are
// shorter than the column list has "" (not given).
func codeAttr(d *Dataset, j int) attrColumn {
	col := attrColumn{codes: make([]int32, len(d.Customers))}
	idx := map[string]int32{}
	last, lastCode := "", int32(-1)
	for i := range d.Customers {
		v := ""
		if a := d.Customers[i].Attrs; j < len(a) {
			v = a[j]
		}
		// Customers often arrive sorted or grouped: skip the map when the
		// value repeats.
		k := lastCode
		if k < 0 || v != last {
			var ok bool
			k, ok = idx[v]
			if !ok {
				k = int32(len(col.vals))
				idx[v] = k
				col.vals = append(col.vals, v)
				col.counts = append(col.counts, 0)
			}
			last, lastCode = v, k
		}
		col.codes[i] = k
		col.counts[k]++
	}
	return col
}

// attrIndex returns the index of the attribute column named name, compared
// case-insensitively, or -1.
func attrIndex(d *Dataset, name string) int {
	for j, n := range d.AttrNames {
		if strings.EqualFold(strings.TrimSpace(n), name) {
			return j
		}
	}
	return -1
}

// topShares turns counts or sums per name into Shares of total: the
// largest first (ties by name), at most top of them; with fold, the rest
// are folded into one OtherName share after them, otherwise dropped.
// Names with a zero or negative value are left out. Share is Value ÷ total
// (0 when total is 0). top < 1 is taken as 1.
func topShares(names []string, values []float64, total float64, top int, fold bool) []Share {
	top = max(top, 1)
	var out []Share
	for k, v := range values {
		if v > 0 {
			out = append(out, Share{Name: names[k], Value: v})
		}
	}
	slices.SortFunc(out, func(a, b Share) int {
		if c := cmp.Compare(b.Value, a.Value); c != 0 {
			return c
		}
		return strings.Compare(a.Name, b.Name)
	})
	if len(out) > top && !fold {
		out = out[:top]
	}
	if len(out) > top {
		other := Share{Name: OtherName}
		for _, s := range out[top:] {
			other.Value += s.Value
		}
		out = append(out[:top], other)
	}
	for k := range out {
		out[k].Share = stats.Ratio(out[k].Value, total)
	}
	return out
}
