package analysis

import (
	"math"
	"reflect"
	"slices"
	"testing"
)

// migrationRun is a run with three segments s0 (best), s1, s2 (worst).
func migrationRun(ids []string, segs []int, prev *Snapshot) (*Dataset, *Result) {
	d := &Dataset{AsOf: date(2026, 9, 30), Previous: prev}
	res := &Result{Segments: []SegmentSummary{{Rule: SegmentRule{Key: "s0"}}, {Rule: SegmentRule{Key: "s1"}}, {Rule: SegmentRule{Key: "s2"}}}}
	for k, id := range ids {
		d.Customers = append(d.Customers, Customer{ID: id})
		res.Scores = append(res.Scores, Score{Segment: int16(segs[k])})
	}
	return d, res
}

func TestMigrate(t *testing.T) {
	prev := &Snapshot{AsOf: "2026-09-01", KPIs: KPIs{Customers: 8, NetRevenue: 100, ChurnedShare: 0.5}, Customers: map[string]SnapshotRow{
		"a": {Segment: "s1"},      // now s0: up
		"b": {Segment: "s0"},      // now s2: down
		"c": {Segment: "s1"},      // now s1: same
		"d": {Segment: ""},        // non-buyer then and now
		"j": {Segment: "retired"}, // a key the rules no longer have: none row, not ranked
		"g": {Segment: "s2"},      // lost
		"h": {Segment: ""},        // lost
		"i": {Segment: "retired"}, // lost
	}}
	// e and f are new (e a buyer in s0, f not a buyer).
	d, res := migrationRun([]string{"a", "b", "c", "d", "e", "f", "j"}, []int{0, 2, 1, -1, 0, -1, 1}, prev)
	res.KPIs = KPIs{Customers: 7, NetRevenue: 150.5, ChurnedShare: 0.25}
	mg := Migrate(d, res)

	// Rows: previous segment; columns: current. Keys s0, s1, s2, none.
	//   a s1→s0, b s0→s2, c s1→s1, d none→none, j none→s1,
	//   e none→s0 (new), f none→none (new),
	//   g s2→none, h none→none, i none→none (lost).
	want := [][]int{
		{0, 0, 1, 0}, // s0: b
		{1, 1, 0, 0}, // s1: a, c
		{0, 0, 0, 1}, // s2: g
		{1, 1, 0, 4}, // none: e; j; d, f, h, i
	}
	if !slices.Equal(mg.Keys, []string{"s0", "s1", "s2", MigrationNone}) {
		t.Errorf("keys %v", mg.Keys)
	}
	if !reflect.DeepEqual(mg.Matrix, want) {
		t.Errorf("matrix %v, want %v", mg.Matrix, want)
	}
	// e is a first-time buyer; j a buyer both times whose old segment is
	// retired; g and i were buyers and are gone; h never bought.
	got := [6]int{mg.MovedUp, mg.MovedDown, mg.Same, mg.New, mg.Reclassified, mg.Lost}
	if got != [6]int{1, 1, 1, 1, 1, 2} {
		t.Errorf("up, down, same, new, reclassified, lost = %v, want [1 1 1 1 1 2]", got)
	}
	buyers := 0
	for _, s := range res.Scores {
		if s.Segment >= 0 {
			buyers++
		}
	}
	if sum := mg.MovedUp + mg.MovedDown + mg.Same + mg.New + mg.Reclassified; sum != buyers {
		t.Errorf("up + down + same + new + reclassified = %d, want the %d buyers", sum, buyers)
	}
	if mg.PreviousAsOf != "2026-09-01" || mg.PrevKPIs == nil || mg.PrevKPIs.Customers != 8 {
		t.Errorf("previous %q %+v", mg.PreviousAsOf, mg.PrevKPIs)
	}
	// 7 − 8, 150.5 − 100, 0.25 − 0.5, 0 − 0.
	for name, w := range map[string]float64{"customers": -1, "net_revenue": 50.5, "churned_share": -0.25, "margin": 0} {
		if v, ok := mg.KPIDeltas[name]; !ok || math.Abs(v-w) > 1e-12 {
			t.Errorf("delta %s = %v (%v), want %v", name, v, ok, w)
		}
	}
}

func TestMigrateDirection(t *testing.T) {
	// Rules run from the best segment to the worst: moving to an earlier
	// rule is up.
	tests := []struct {
		from string
		to   int
		want [3]int // up, down, same
	}{
		{"s2", 0, [3]int{1, 0, 0}},
		{"s1", 0, [3]int{1, 0, 0}},
		{"s0", 1, [3]int{0, 1, 0}},
		{"s0", 2, [3]int{0, 1, 0}},
		{"s2", 2, [3]int{0, 0, 1}},
		{"", 0, [3]int{0, 0, 0}},    // first purchase: not ranked
		{"s0", -1, [3]int{0, 0, 0}}, // no longer a buyer: not ranked
	}
	for _, tt := range tests {
		prev := &Snapshot{AsOf: "2026-09-01", Customers: map[string]SnapshotRow{"x": {Segment: tt.from}}}
		d, res := migrationRun([]string{"x"}, []int{tt.to}, prev)
		mg := Migrate(d, res)
		if got := [3]int{mg.MovedUp, mg.MovedDown, mg.Same}; got != tt.want {
			t.Errorf("%q → %d: up, down, same = %v, want %v", tt.from, tt.to, got, tt.want)
		}
	}
}

func TestMigrateFirstRun(t *testing.T) {
	d, res := migrationRun([]string{"a"}, []int{0}, nil)
	if mg := Migrate(d, res); !reflect.DeepEqual(mg, Migration{}) {
		t.Errorf("no previous run: %+v", mg)
	}
}

func TestTakeSnapshotRoundTrip(t *testing.T) {
	d := shop()
	res := Analyze(d, DefaultParams())
	snap := TakeSnapshot(d, res)
	if snap.AsOf != "2026-09-30" || len(snap.Customers) != 6 || snap.KPIs != res.KPIs {
		t.Fatalf("snapshot %q, %d rows, KPIs %+v", snap.AsOf, len(snap.Customers), snap.KPIs)
	}
	if a := snap.Customers["a"]; a.Segment != "champions" || a.Tier != res.Scores[0].Tier || a.Status != res.Scores[0].Status || a.Pyramid != res.Scores[0].Pyramid {
		t.Errorf("a = %+v", a)
	}
	if f := snap.Customers["f"]; f != (SnapshotRow{Status: StatusPotential}) {
		t.Errorf("non-buyer f = %+v", f)
	}

	// Against itself: everyone stays, the matrix is diagonal, no deltas.
	d.Previous = snap
	res = Analyze(d, DefaultParams())
	mg := res.Migration
	if mg.Same != 5 || mg.MovedUp != 0 || mg.MovedDown != 0 || mg.New != 0 || mg.Lost != 0 || mg.Matrix[len(mg.Keys)-1][len(mg.Keys)-1] != 1 {
		t.Errorf("self migration %+v", mg)
	}
	for r, row := range mg.Matrix {
		for c, n := range row {
			if r != c && n != 0 {
				t.Errorf("off-diagonal %s→%s = %d", mg.Keys[r], mg.Keys[c], n)
			}
		}
	}
	for name, v := range mg.KPIDeltas {
		if v != 0 {
			t.Errorf("delta %s = %v", name, v)
		}
	}
	for _, e := range res.Evaluation {
		if e.Customers > 0 && e.Stability != 1 {
			t.Errorf("%s stability %v", e.Key, e.Stability)
		}
	}
}

func TestKPIFields(t *testing.T) {
	k := KPIs{Customers: 3, NetRevenue: 1.5, ChurnedShare: 0.25, SaveNow: 2, ExpectedPurchases: Opt(7), CLV: Opt(0)}
	f := KPIFields(k)
	// Every field but Period (this period's figures, a struct of their own).
	if n := reflect.TypeOf(k).NumField() - 1; len(f) != n {
		t.Errorf("%d fields named, KPIs has %d numbers", len(f), n)
	}
	for name, w := range map[string]float64{"customers": 3, "net_revenue": 1.5, "churned_share": 0.25, "save_now": 2, "margin": 0} {
		if v, ok := f[name]; !ok || v != w {
			t.Errorf("%s = %v (%v), want %v", name, v, ok, w)
		}
	}
}

// TestMigrateFirstTimeBuyersAddUp: customers who were in the previous run
// without having bought, and now bought for the first time, are new; the
// moves add up to the buyers of this run.
func TestMigrateFirstTimeBuyersAddUp(t *testing.T) {
	prev := &Snapshot{AsOf: "2026-09-23", Customers: map[string]SnapshotRow{
		"a": {Segment: "s0"}, "b": {Segment: "s1"}, "c": {Segment: ""}, "d": {Segment: ""}, "x": {Segment: "s2"},
	}}
	// c and d registered before and bought now; e is a new customer who bought; f registered, no purchase.
	d, res := migrationRun([]string{"a", "b", "c", "d", "e", "f"}, []int{1, 1, 2, 0, 0, -1}, prev)
	mg := Migrate(d, res)
	if mg.New != 3 || mg.MovedDown != 1 || mg.Same != 1 || mg.MovedUp != 0 || mg.Lost != 1 {
		t.Errorf("up %d down %d same %d new %d lost %d; want 0 1 1 3 1", mg.MovedUp, mg.MovedDown, mg.Same, mg.New, mg.Lost)
	}
	if sum := mg.MovedUp + mg.MovedDown + mg.Same + mg.New + mg.Reclassified; sum != 5 {
		t.Errorf("moves add to %d, want the 5 buyers", sum)
	}
}

// TestSnapshotAlign checks that the analysis reads a snapshot the same
// after Align put its rows beside the run's customers and dropped the map.
func TestSnapshotAlign(t *testing.T) {
	prev := &Snapshot{AsOf: "2026-09-01", Customers: map[string]SnapshotRow{
		"a": {Segment: "s1", Tier: TierKey}, "b": {Segment: "s0"}, "c": {Segment: "s1"}, "d": {Segment: ""},
		"j": {Segment: "retired"}, "g": {Segment: "s2"}, "h": {Segment: ""}, "i": {Segment: "retired"},
	}}
	d, res := migrationRun([]string{"a", "b", "c", "d", "e", "f", "j"}, []int{0, 2, 1, -1, 0, -1, 1}, prev)
	before := []any{Migrate(d, res), previousSegments(d, res)}
	prev.Align(d.Customers)
	if prev.Customers != nil {
		t.Fatal("Align kept the map by id")
	}
	after := []any{Migrate(d, res), previousSegments(d, res)}
	if !reflect.DeepEqual(before, after) {
		t.Errorf("before Align %+v\nafter %+v", before, after)
	}
	if r, ok := prev.row(0, "a"); !ok || r.Tier != TierKey {
		t.Errorf("customer a: %+v, %v", r, ok)
	}
	if _, ok := prev.row(4, "e"); ok {
		t.Error("customer e was not in the previous run")
	}
}
