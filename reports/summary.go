package reports

import (
	"cmp"
	"slices"
	"time"

	"github.com/custseg/custseg/analysis"
)

// Pair is a label and its value, as a report lists them.
type Pair struct{ Label, Value string }

// AsOfDate is the run's as-of date.
func AsOfDate(in *Input) time.Time {
	if in.AsOf.IsZero() {
		return in.Result.AsOf
	}
	return in.AsOf
}

// TopSegments returns at most n segments with buyers, most value first.
func TopSegments(res *analysis.Result, n int) []analysis.SegmentSummary {
	segs := slices.Clone(res.Segments)
	segs = slices.DeleteFunc(segs, func(s analysis.SegmentSummary) bool { return s.Customers == 0 })
	slices.SortStableFunc(segs, func(a, b analysis.SegmentSummary) int { return cmp.Compare(b.Value, a.Value) })
	return segs[:min(len(segs), n)]
}

// CustomerName is customer i's id; with names, their name and id. The
// report goes to management by email, so by default it holds no personal
// data: marketing finds the names in the workbook.
func CustomerName(ds *analysis.Dataset, i int, names bool) string {
	if ds == nil || i < 0 || i >= len(ds.Customers) {
		return "—"
	}
	c := &ds.Customers[i]
	if !names {
		if c.ID != "" {
			return c.ID
		}
		return "—"
	}
	switch {
	case c.Name != "" && c.ID != "":
		return c.Name + " (" + c.ID + ")"
	case c.Name != "":
		return c.Name
	case c.ID != "":
		return c.ID
	}
	return "—"
}

// flow is a number of customers who moved from one segment to another.
type flow struct {
	From, To string // segment names
	N        int
}

// TopFlows returns the n largest moves between two different segments
// (leaving out new and gone customers), largest first.
func TopFlows(res *analysis.Result, loc string, n int) []flow {
	m := &res.Migration
	var flows []flow
	none := len(m.Keys) - 1
	for i, row := range m.Matrix {
		for j, c := range row {
			if i == j || c <= 0 || i >= none || j >= none || j >= len(m.Keys) {
				continue
			}
			flows = append(flows, flow{MigKeyName(res, m.Keys[i], loc), MigKeyName(res, m.Keys[j], loc), c})
		}
	}
	slices.SortStableFunc(flows, func(a, b flow) int { return cmp.Compare(b.N, a.N) })
	return flows[:min(len(flows), n)]
}

// MigKeyName is a migration key's segment name.
func MigKeyName(res *analysis.Result, key, loc string) string {
	for _, s := range res.Segments {
		if s.Rule.Key == key {
			return SegmentName(s.Rule, loc)
		}
	}
	return key
}

// IsBuyer reports whether a score belongs to a customer who bought.
func IsBuyer(s *analysis.Score) bool {
	return s.Status != 0 && s.Status != analysis.StatusPotential
}
