package analysis

import (
	"math"
	"testing"
	"time"
)

func TestTiersByCumulativeShare(t *testing.T) {
	// Values 50, 20, 10, 10, 5, 5 (total 100). Share held by those ranked
	// above: 0, .50, .70, .80, .90, .95 → key, important, important,
	// ordinary, ordinary, small (with 50/30/15/5 cut-offs).
	vals := []float64{10, 50, 5, 20, 10, 5}
	want := []Tier{TierImportant, TierKey, TierOrdinary, TierImportant, TierOrdinary, TierSmall}
	d := &Dataset{AsOf: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	for i, v := range vals {
		d.Customers = append(d.Customers, Customer{ID: string(rune('a' + i)), Orders: 1, Gross: v, LastOrder: DateOf(d.AsOf)})
	}
	d.Customers = append(d.Customers, Customer{ID: "refunded", Orders: 1, Gross: 10, Refunds: 10, LastOrder: DateOf(d.AsOf)})
	res := Analyze(d, DefaultParams())
	for i, w := range want {
		if got := res.Scores[i].Tier; got != w {
			t.Errorf("value %v: tier %q, want %q", vals[i], got, w)
		}
	}
	if got := res.Scores[6].Tier; got != TierNoValue {
		t.Errorf("refunded customer: tier %q, want no_value", got)
	}
	key := res.Tiers[0]
	if key.Tier != TierKey || key.Customers != 1 || key.ValueShare != 0.5 || key.MinValue != 50 {
		t.Errorf("key tier = %+v", key)
	}
	// Ties among equal values keep dataset order (the 10s: index 0 before 4).
	if res.Scores[0].Tier != TierImportant || res.Scores[4].Tier != TierOrdinary {
		t.Errorf("tie order not stable")
	}
}

func TestConcentration(t *testing.T) {
	tests := []struct {
		name      string
		vals      []float64
		gini, top float64
	}{
		// Equal values: G = 0, top 20 % of 5 (one customer) holds 1/5.
		{"equal", []float64{1, 1, 1, 1, 1}, 0, 0.2},
		// One of n holds all: G = (n−1)/n.
		{"one has all", []float64{0, 0, 0, 0, 10}, 0.8, 1},
		// 1..4: G = 2·(1+4+9+16)/(4·10) − 5/4 = 0.25; top ⌈0.8⌉ = 1 customer: 4/10.
		{"one to four", []float64{4, 1, 3, 2}, 0.25, 0.4},
		{"all zero", []float64{0, 0}, 0, 0},
	}
	for _, tt := range tests {
		c := concentration(append([]float64(nil), tt.vals...))
		if math.Abs(c.Gini-tt.gini) > 1e-12 || math.Abs(c.Top20Share-tt.top) > 1e-12 {
			t.Errorf("%s: gini %v top20 %v, want %v %v", tt.name, c.Gini, c.Top20Share, tt.gini, tt.top)
		}
		if tt.top > 0 {
			if len(c.Lorenz) != 101 || c.Lorenz[0].ValueShare != 0 || math.Abs(c.Lorenz[100].ValueShare-1) > 1e-12 {
				t.Errorf("%s: Lorenz ends %v", tt.name, c.Lorenz)
			}
		}
	}
}

func TestChurnStatus(t *testing.T) {
	p := ChurnParams{AtRiskDays: 90, ChurnedDays: 180}
	tests := []struct {
		buyer   bool
		recency int
		want    Status
	}{
		{false, -1, StatusPotential},
		{true, 0, StatusActive},
		{true, 90, StatusActive},
		{true, 91, StatusAtRisk},
		{true, 180, StatusAtRisk},
		{true, 181, StatusChurned},
	}
	for _, tt := range tests {
		if got := ChurnStatus(tt.buyer, tt.recency, p); got != tt.want {
			t.Errorf("ChurnStatus(%v, %d) = %q, want %q", tt.buyer, tt.recency, got, tt.want)
		}
	}
}

func TestMarginMeasure(t *testing.T) {
	d := shop()
	d.HasCost = true
	for i := range d.Customers {
		d.Customers[i].Cost = d.Customers[i].Gross * 0.6
	}
	res := Analyze(d, DefaultParams())
	if res.ValueMeasure != "margin" {
		t.Fatalf("measure = %q", res.ValueMeasure)
	}
	if got := res.Scores[0].Value; math.Abs(got-2000) > 1e-9 {
		t.Errorf("margin of a = %v, want 5000 − 3000", got)
	}
	if math.Abs(res.KPIs.Margin-(8480-0.6*8640)) > 1e-9 {
		t.Errorf("KPI margin = %v", res.KPIs.Margin)
	}
}
