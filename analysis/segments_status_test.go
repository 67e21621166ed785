package analysis

import (
	"fmt"
	"testing"
	"time"
)

func TestSegmentForStatus(t *testing.T) {
	rules := DefaultSegments()
	key := func(i int) string {
		if i < 0 {
			return "none"
		}
		return rules[i].Key
	}
	tests := []struct {
		r, fm int
		st    Status
		want  string
	}{
		{5, 5, StatusActive, "champions"},
		{1, 1, StatusChurned, "lost"},
		{1, 5, StatusChurned, "cant_lose"},
		// Active by their own rhythm, least recent of the shop: the
		// nearest segment for active customers, never asleep or lost.
		{1, 1, StatusActive, "promising"},
		{1, 5, StatusActive, "loyal"},
		{2, 3, StatusActive, "need_attention"},
		{3, 2, StatusActive, "potential_loyalist"},
		// Lapsing: never Champions or Lost.
		{5, 5, StatusAtRisk, "loyal"},
		{5, 1, StatusAtRisk, "about_to_sleep"},
		{1, 1, StatusAtRisk, "hibernating"},
		// Churned, yet among the most recent of a shop whose data ended
		// long ago: never a current segment.
		{5, 5, StatusChurned, "cant_lose"},
		{5, 1, StatusChurned, "hibernating"},
		{4, 3, StatusChurned, "at_risk"},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("R%d_FM%d_%s", tt.r, tt.fm, tt.st), func(t *testing.T) {
			if got := key(SegmentFor(rules, tt.r, tt.fm, tt.st)); got != tt.want {
				t.Errorf("SegmentFor(R=%d, FM=%d, %s) = %s, want %s", tt.r, tt.fm, tt.st, got, tt.want)
			}
		})
	}
	// Without statuses the rules behave as before: the grid alone decides.
	plain := DefaultSegments()
	for i := range plain {
		plain[i].Statuses = nil
	}
	for r := 1; r <= 5; r++ {
		for fm := 1; fm <= 5; fm++ {
			if a, b := SegmentFor(plain, r, fm, StatusActive), segmentFor(plain, r, fm); a != b {
				t.Errorf("ungated R=%d FM=%d: %d, want %d", r, fm, a, b)
			}
		}
	}
}

// TestSegmentsAgreeWithStatus runs every (R, FM, status) cell of the
// default rules: an active customer is never in a segment that does not
// allow active customers (About to Sleep, At Risk, Can't Lose Them,
// Hibernating, Lost), and a churned one never in a current segment.
func TestSegmentsAgreeWithStatus(t *testing.T) {
	rules := DefaultSegments()
	for _, st := range []Status{StatusActive, StatusAtRisk, StatusChurned} {
		for r := 1; r <= 5; r++ {
			for fm := 1; fm <= 5; fm++ {
				i := SegmentFor(rules, r, fm, st)
				if i < 0 || !rules[i].Allows(st) {
					t.Fatalf("R=%d FM=%d %s: segment %d does not allow the status", r, fm, st, i)
				}
			}
		}
	}
}

// TestAnalyzeActiveShopHasNoLapsedSegments is the rental shop: every buyer
// bought within the last weeks, so all are active, and none may be named
// At Risk, Can't Lose Them, Hibernating, About to Sleep or Lost.
func TestAnalyzeActiveShopHasNoLapsedSegments(t *testing.T) {
	asOf := time.Date(2026, 9, 30, 0, 0, 0, 0, time.UTC)
	d := &Dataset{AsOf: asOf}
	for i := 0; i < 599; i++ {
		ago := 8
		if i%8 >= 5 {
			ago = 9 + i%22
		}
		n := int32(1 + i%6)
		d.Customers = append(d.Customers, Customer{ID: fmt.Sprint(i), Orders: n, OrderDays: n,
			Gross: float64(5 * (1 + i%40)), FirstOrder: DateOf(asOf.AddDate(0, 0, -ago-int(n)*3)),
			LastOrder: DateOf(asOf.AddDate(0, 0, -ago))})
	}
	res := Analyze(d, DefaultParams())
	lapsed := map[string]bool{"about_to_sleep": true, "at_risk": true, "cant_lose": true, "hibernating": true, "lost": true}
	for i, s := range res.Scores {
		if s.Status != StatusActive {
			t.Fatalf("customer %d: status %s, want active", i, s.Status)
		}
		if k := res.Segments[s.Segment].Rule.Key; lapsed[k] {
			t.Fatalf("customer %d: active but in segment %s (R=%d FM=%d)", i, k, s.R, s.FM)
		}
	}
}
