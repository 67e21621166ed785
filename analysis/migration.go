package analysis

import (
	"reflect"
	"strings"
	"time"

	"github.com/custseg/custseg/analysis/stats"
)

// MigrationNone is the last key of Migration.Keys: not a buyer, or not a
// customer at all, in that run.
const MigrationNone = "none"

// TakeSnapshot records what the next run needs to compare with this one:
// the as-of date as YYYY-MM-DD, each customer's segment key ("" for
// non-buyers), value tier, churn status and pyramid tier, keyed by
// customer id, and the KPIs. A customer id listed twice keeps its last
// row. res must be the Analyze result of d.
func TakeSnapshot(d *Dataset, res *Result) *Snapshot {
	snap := &Snapshot{
		AsOf:      d.AsOf.Format(time.DateOnly),
		Customers: make(map[string]SnapshotRow, len(d.Customers)),
		KPIs:      res.KPIs,
	}
	for i := range d.Customers {
		snap.Customers[d.Customers[i].ID] = SnapshotRowOf(res, i)
	}
	return snap
}

// SnapshotRowOf is the snapshot row of the customer whose score is
// res.Scores[i]: a run writes its snapshot row by row with it, without
// holding a map of a million rows.
func SnapshotRowOf(res *Result, i int) SnapshotRow {
	s := &res.Scores[i]
	row := SnapshotRow{Tier: s.Tier, Status: s.Status, Pyramid: s.Pyramid}
	if s.Segment >= 0 && int(s.Segment) < len(res.Segments) {
		row.Segment = res.Segments[s.Segment].Rule.Key
	}
	return row
}

// Migrate compares the segments of this run (res) with the previous run's
// snapshot (d.Previous): how customers moved between segments since then.
//
// Keys are the segment keys in rule order, then MigrationNone.
// Matrix[i][j] counts the customers in Keys[i] last run and Keys[j] now,
// over the customers of either run: a customer not in the previous
// snapshot (New) is in the none row, one in the previous snapshot but no
// longer a customer (Lost) in the none column, and non-buyers are none. A
// previous segment key that the current rules no longer have counts as
// none too.
//
// Among the customers who are buyers in both runs (with a key the rules
// still have), MovedUp counts those now in a segment listed earlier in the
// rules — the rules run from the best (Champions) to the worst (Lost) —
// MovedDown those now in a later one, and Same those who stayed. New
// counts the first-time buyers (buyers now, not buyers or not customers
// then), Reclassified those whose previous segment the rules no longer
// have, so MovedUp + MovedDown + Same + New + Reclassified is the buyers of
// this run; Lost counts the previous run's buyers who are not buyers now.
//
// KPIDeltas maps the json name of each numeric KPI field (e.g.
// "net_revenue", "churn_rate") to current − previous; PrevKPIs points to a
// copy of the previous KPIs.
//
// Without a previous snapshot Migrate returns the zero Migration:
// PreviousAsOf "", no keys, no matrix, zero counts, nil maps. The
// customer ids of d are assumed distinct.
func Migrate(d *Dataset, res *Result) Migration {
	prev := d.Previous
	if prev == nil {
		return Migration{}
	}
	n := len(res.Segments)
	none := n
	mg := Migration{PreviousAsOf: prev.AsOf, Keys: make([]string, n+1)}
	idx := make(map[string]int, n)
	for k, s := range res.Segments {
		mg.Keys[k] = s.Rule.Key
		idx[s.Rule.Key] = k
	}
	mg.Keys[none] = MigrationNone
	mg.Matrix = make([][]int, n+1)
	for r := range mg.Matrix {
		mg.Matrix[r] = make([]int, n+1)
	}
	rowOf := func(key string) int {
		if k, ok := idx[key]; ok && key != "" {
			return k
		}
		return none
	}

	// Every previous customer starts in the none column (lost); those
	// still here are moved to their current column below.
	for key, n := range prev.segmentCounts() {
		mg.Matrix[rowOf(key)][none] += n
	}
	prevBuyersHere := 0
	for i := range d.Customers {
		cur := none
		if g := int(res.Scores[i].Segment); g >= 0 && g < n {
			cur = g
		}
		from, wasBuyer := none, false
		if p, ok := prev.row(i, d.Customers[i].ID); ok {
			from, wasBuyer = rowOf(p.Segment), p.Segment != ""
			mg.Matrix[from][none]--
			if wasBuyer {
				prevBuyersHere++
			}
		}
		mg.Matrix[from][cur]++
		switch {
		case cur == none && wasBuyer:
			mg.Lost++
		case cur == none:
		case !wasBuyer:
			mg.New++
		case from == none:
			mg.Reclassified++
		case cur < from:
			mg.MovedUp++
		case cur > from:
			mg.MovedDown++
		default:
			mg.Same++
		}
	}
	// Buyers of the previous run who are no longer customers at all.
	prevBuyers := 0
	for key, n := range prev.segmentCounts() {
		if key != "" {
			prevBuyers += n
		}
	}
	mg.Lost += prevBuyers - prevBuyersHere

	cur, old := KPIFields(res.KPIs), KPIFields(prev.KPIs)
	mg.KPIDeltas = make(map[string]float64, len(cur))
	for name, v := range cur {
		if was, ok := old[name]; ok { // a KPI not available in either run has no change
			mg.KPIDeltas[name] = stats.Finite(v - was)
		}
	}
	pk := prev.KPIs
	mg.PrevKPIs = &pk
	return mg
}

// KPIFields returns the numeric fields of k (integers as float64) keyed by
// their json names, such as "net_revenue" and "churn_rate". Fields
// without a json name, and KPIs that are not available (a nil
// *float64, such as CLV without usable models), are left out.
func KPIFields(k KPIs) map[string]float64 {
	v := reflect.ValueOf(k)
	t := v.Type()
	out := make(map[string]float64, t.NumField())
	for f := 0; f < t.NumField(); f++ {
		name, _, _ := strings.Cut(t.Field(f).Tag.Get("json"), ",")
		if name == "" || name == "-" {
			continue
		}
		switch fv := v.Field(f); fv.Kind() {
		case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
			out[name] = float64(fv.Int())
		case reflect.Float32, reflect.Float64:
			out[name] = fv.Float()
		case reflect.Pointer:
			if !fv.IsNil() && fv.Elem().Kind() == reflect.Float64 {
				out[name] = fv.Elem().Float()
			}
		}
	}
	return out
}
