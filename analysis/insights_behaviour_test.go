package analysis

import (
	"math"
	"testing"

	"github.com/custseg/custseg/analysis/stats"
)

func TestDiscountShare(t *testing.T) {
	tests := []struct {
		gross, discount, want float64
	}{
		{80, 20, 0.2}, // 20 / (80 + 20)
		{0, 10, 1},    // zero gross, all discounted: 10 / (0 + 10)
		{0, 0, 0},     // zero gross, no discount: 0 / 0 → 0
		{100, 0, 0},   // full price
		{100, -10, 0}, // negative discount (bad data) clamps to 0
		{-5, 0, 0},    // non-positive denominator
		{1000, 10, 10.0 / 1010},
	}
	for _, tt := range tests {
		if got := DiscountShare(tt.gross, tt.discount); math.Abs(got-tt.want) > 1e-15 {
			t.Errorf("DiscountShare(%v, %v) = %v, want %v", tt.gross, tt.discount, got, tt.want)
		}
	}
}

func TestClassifyBehaviour(t *testing.T) {
	// Deal seeker at share ≥ 0.20; relationship under 0.05 and above the
	// median contribution.
	p := DefaultParams().Insights
	customers := []Customer{
		{ID: "a", Orders: 1, Gross: 80, Discount: 20},   // 20/100 = 0.20 → deal seeker (at the bound)
		{ID: "b", Orders: 1, Gross: 0, Discount: 10},    // zero gross: 10/10 = 1 → deal seeker
		{ID: "c", Orders: 1, Gross: 0, Discount: 0},     // 0/0 → 0; contribution 0
		{ID: "d", Orders: 3, Gross: 1000, Discount: 10}, // 10/1010 ≈ 0.0099
		{ID: "e", Orders: 2, Gross: 500, Discount: 50},  // 50/550 ≈ 0.091 → transactional
		{ID: "f", Orders: 2, Gross: 300, Discount: 0},   // 0
		{ID: "g", Gross: 0, Discount: 5},                // never bought → none
	}
	tests := []struct {
		name     string
		discount bool
		costD    float64 // cost of d (HasCost when not 0)
		want     string  // behaviours of a..g: D deal seeker, R relationship, T transactional, - none
	}{
		// Net contributions a..f: 80, 0, 0, 1000, 500, 300; sorted 0, 0,
		// 80, 300, 500, 1000 → median (80 + 300)/2 = 190: d and f are above.
		{"revenue", true, 0, "DDTRTR-"},
		// With cost, d contributes 1000 − 950 = 50: sorted 0, 0, 50, 80,
		// 300, 500 → median (50 + 80)/2 = 65; d is below, f (300) above.
		{"margin", true, 950, "DDTTTR-"},
		{"no discount data", false, 0, "-------"},
	}
	code := map[Behaviour]byte{BehaviourDealSeeker: 'D', BehaviourRelationship: 'R', BehaviourTransactional: 'T', BehaviourNone: '-'}
	for _, tt := range tests {
		d := &Dataset{HasDiscount: tt.discount, HasCost: tt.costD != 0, Customers: append([]Customer(nil), customers...)}
		d.Customers[3].Cost = tt.costD
		scores := make([]Score, len(d.Customers))
		scores[6].DiscountShare, scores[6].Behaviour = 0.5, BehaviourDealSeeker // stale values are reset
		ClassifyBehaviour(d, p, scores)
		got := make([]byte, len(scores))
		for i, s := range scores {
			got[i] = code[s.Behaviour]
		}
		if string(got) != tt.want {
			t.Errorf("%s: behaviours %s, want %s", tt.name, got, tt.want)
		}
		wantShare := 0.2
		if !tt.discount {
			wantShare = 0
		}
		if math.Abs(scores[0].DiscountShare-wantShare) > 1e-15 || scores[6].DiscountShare != 0 {
			t.Errorf("%s: shares %v, %v", tt.name, scores[0].DiscountShare, scores[6].DiscountShare)
		}
	}
}

func TestMedian(t *testing.T) {
	tests := []struct {
		xs   []float64
		want float64
	}{
		{nil, 0},
		{[]float64{7}, 7},
		{[]float64{3, 1}, 2},
		{[]float64{5, 1, 3}, 3},
	}
	for _, tt := range tests {
		if got := stats.Median(tt.xs); got != tt.want {
			t.Errorf("stats.Median(%v) = %v, want %v", tt.xs, got, tt.want)
		}
	}
}
