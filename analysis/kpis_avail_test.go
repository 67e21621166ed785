package analysis

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

// TestModelKPIsNullWithoutModels: without usable models the model KPIs
// are not available — null in the manifest, left out of KPIFields and of
// the changes against the previous run — never 0; with them they are
// there, 0 included.
func TestModelKPIsNullWithoutModels(t *testing.T) {
	day := func(daysAgo int) Date {
		return DateOf(time.Date(2026, 9, 30, 0, 0, 0, 0, time.UTC).AddDate(0, 0, -daysAgo))
	}
	d := &Dataset{AsOf: time.Date(2026, 9, 30, 0, 0, 0, 0, time.UTC), Customers: []Customer{
		{ID: "a", Orders: 1, OrderDays: 1, Gross: 10, FirstOrder: day(5), LastOrder: day(5)},
		{ID: "b", Orders: 2, OrderDays: 2, Gross: 30, FirstOrder: day(50), LastOrder: day(9)},
		{ID: "c"},
	}}
	res := &Result{Models: Models{Usable: false}, Scores: make([]Score, 3)}
	tests := []struct {
		name   string
		usable bool
		want   string // the two keys as JSON
	}{
		{"models not usable", false, `"expected_purchases":null,"clv_total":null`},
		{"models usable, worth nothing", true, `"expected_purchases":0,"clv_total":0`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res.Models.Usable = tt.usable
			k := kpis(d, res)
			b, err := json.Marshal(k)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(b), tt.want) {
				t.Errorf("KPIs JSON %s lacks %s", b, tt.want)
			}
			_, named := KPIFields(k)["clv_total"]
			if named != tt.usable {
				t.Errorf("KPIFields names clv_total: %v, want %v", named, tt.usable)
			}
			var back KPIs
			if err := json.Unmarshal(b, &back); err != nil {
				t.Fatal(err)
			}
			if _, ok := Avail(back.CLV); ok != tt.usable {
				t.Errorf("read back: CLV available %v, want %v", ok, tt.usable)
			}
		})
	}
}

// TestMigrateKPIDeltasSkipUnavailable: a KPI not available in one of the
// two runs has no change.
func TestMigrateKPIDeltasSkipUnavailable(t *testing.T) {
	d, res := migrationRun([]string{"a"}, []int{0}, &Snapshot{AsOf: "2026-09-23", Customers: map[string]SnapshotRow{"a": {Segment: "s0"}},
		KPIs: KPIs{NetRevenue: 5, CLV: Opt(100)}})
	res.KPIs.NetRevenue, res.KPIs.CLV = 8, nil
	mg := Migrate(d, res)
	if _, ok := mg.KPIDeltas["clv_total"]; ok {
		t.Errorf("clv_total has a change %v though this run has none", mg.KPIDeltas["clv_total"])
	}
	if v := mg.KPIDeltas["net_revenue"]; v != 3 {
		t.Errorf("net_revenue change %v, want 3", v)
	}
}
