package analysis

import (
	"fmt"
	"math"
	"reflect"
	"testing"
)

// nonFinite returns the paths of the NaN and ±Inf floats reachable from v.
func nonFinite(path string, v reflect.Value) []string {
	switch v.Kind() {
	case reflect.Float32, reflect.Float64:
		if f := v.Float(); math.IsNaN(f) || math.IsInf(f, 0) {
			return []string{fmt.Sprintf("%s = %v", path, f)}
		}
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			return nonFinite(path, v.Elem())
		}
	case reflect.Struct:
		var out []string
		for f := 0; f < v.NumField(); f++ {
			out = append(out, nonFinite(path+"."+v.Type().Field(f).Name, v.Field(f))...)
		}
		return out
	case reflect.Slice, reflect.Array:
		var out []string
		for k := 0; k < v.Len(); k++ {
			out = append(out, nonFinite(fmt.Sprintf("%s[%d]", path, k), v.Index(k))...)
		}
		return out
	case reflect.Map:
		var out []string
		it := v.MapRange()
		for it.Next() {
			out = append(out, nonFinite(fmt.Sprintf("%s[%v]", path, it.Key()), it.Value())...)
		}
		return out
	}
	return nil
}

func TestInsightsDegenerateNoNaN(t *testing.T) {
	asOf := date(2026, 9, 30)
	attrs := []string{"city", "birth_date", "channel"}
	prev := &Snapshot{AsOf: "2026-09-01", KPIs: KPIs{Customers: 2, Buyers: 1, NetRevenue: 10},
		Customers: map[string]SnapshotRow{"x": {Segment: "champions"}, "y": {}}}
	full := func(d *Dataset) *Dataset {
		d.AsOf, d.AttrNames, d.HasCost, d.HasDiscount, d.HasCategory = asOf, attrs, true, true, true
		d.CategoryNames = []string{"books"}
		d.Previous = prev
		return d
	}
	tests := []struct {
		name string
		d    *Dataset
	}{
		{"zero dataset", &Dataset{}},
		{"empty", full(&Dataset{})},
		{"no buyers", full(&Dataset{Customers: []Customer{
			{ID: "x", Attrs: []string{"A", "1990-01-01", "web"}},
			{ID: "z", Attrs: []string{"", "", ""}, Refunds: 20, Discount: 5}, // a refund without a purchase
			{ID: "w"},
		}})},
		{"buyers worth nothing", full(&Dataset{Customers: []Customer{
			{ID: "x", Orders: 1, OrderDays: 1, FirstOrder: DateOf(asOf), LastOrder: DateOf(asOf), Attrs: []string{"A", "", "web"}},
			{ID: "y", Orders: 1, OrderDays: 1, FirstOrder: DateOf(asOf), LastOrder: DateOf(asOf),
				Categories: []CategorySpend{{0, 0}}},
		}, CohortCells: []CohortCell{{Cohort: "2026-09", Month: "2026-09"}}})},
	}
	for _, tt := range tests {
		res := Analyze(tt.d, DefaultParams())
		for _, p := range nonFinite("Result", reflect.ValueOf(res)) {
			t.Errorf("%s: %s", tt.name, p)
		}
		if len(res.Characteristics) != len(tt.d.AttrNames) || len(res.NeedsBySegment) != len(res.Segments) ||
			len(res.NeedsByTier) != len(Tiers) || len(res.Evaluation) != len(res.Segments) {
			t.Errorf("%s: %d characteristics, %d + %d needs, %d evaluations", tt.name,
				len(res.Characteristics), len(res.NeedsBySegment), len(res.NeedsByTier), len(res.Evaluation))
		}
		for _, e := range res.Evaluation {
			if e.Distinctness != 0 {
				t.Errorf("%s: %s distinctness %v without two segments", tt.name, e.Key, e.Distinctness)
			}
		}
		if tt.d.Previous != nil {
			mg := res.Migration
			buyers, here := 0, 0
			for i := range tt.d.Customers {
				if res.Scores[i].Segment >= 0 {
					buyers++
				}
				if _, ok := prev.Customers[tt.d.Customers[i].ID]; ok {
					here++
				}
			}
			if mg.PreviousAsOf != "2026-09-01" || mg.MovedUp+mg.MovedDown+mg.Same+mg.New+mg.Reclassified != buyers {
				t.Errorf("%s: migration %+v does not add up to %d buyers", tt.name, mg, buyers)
			}
			total := 0
			for _, row := range mg.Matrix {
				for _, n := range row {
					total += n
				}
			}
			if gone := len(prev.Customers) - here; total != len(tt.d.Customers)+gone {
				t.Errorf("%s: matrix holds %d customers, want %d + %d gone", tt.name, total, len(tt.d.Customers), gone)
			}
		}
		snap := TakeSnapshot(tt.d, res)
		if len(snap.Customers) != len(tt.d.Customers) {
			t.Errorf("%s: snapshot of %d", tt.name, len(snap.Customers))
		}
	}
}

func TestInsightsSynthetic(t *testing.T) {
	// A larger shop end to end: every count adds up.
	d := syntheticShop(5000, 3)
	res := Analyze(d, DefaultParams())
	for _, p := range nonFinite("Result", reflect.ValueOf(res)) {
		t.Error(p)
	}
	buyers := res.KPIs.Buyers
	for _, ch := range res.Characteristics {
		customers, bought := 0, 0
		for _, v := range ch.Values {
			customers += v.Customers
			for _, n := range v.Segments {
				bought += n
			}
		}
		if customers != len(d.Customers) || bought != buyers {
			t.Errorf("%s: %d customers, %d buyers by segment; want %d, %d", ch.Attribute, customers, bought, len(d.Customers), buyers)
		}
	}
	if res.Characteristics[2].Attribute != AgeBandAttribute {
		t.Errorf("birth_date read as %q", res.Characteristics[2].Attribute)
	}
	for _, needs := range [][]Need{res.NeedsBySegment, res.NeedsByTier} {
		n, seekers := 0, 0
		for _, g := range needs {
			n += g.Customers
			seekers += g.DealSeekers
		}
		if n != buyers {
			t.Errorf("needs cover %d buyers, want %d", n, buyers)
		}
		if seekers == 0 {
			t.Errorf("no deal seekers")
		}
	}
	if len(res.Cohorts) == 0 || res.Cohorts[0].Size == 0 {
		t.Errorf("cohorts %v", len(res.Cohorts))
	}
}
