package analysis

import (
	"math"
	"testing"
	"time"

	"github.com/custseg/custseg/analysis/btyd"
)

func TestRhythmAndThresholds(t *testing.T) {
	d0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	p := DefaultParams().Churn // at risk 2×, churned 3×, min 30 days; fixed 90/180
	tests := []struct {
		name            string
		days            int // purchase days
		span            int // first → last purchase, days
		recency         int
		rhythm          float64
		atRisk, churned float64
		status          Status
	}{
		// One-time buyer: the fixed rule.
		{"one-time active", 1, 0, 90, 0, 90, 180, StatusActive},
		{"one-time at risk", 1, 0, 91, 0, 90, 180, StatusAtRisk},
		{"one-time churned", 1, 0, 181, 0, 90, 180, StatusChurned},
		// Every 50 days: at risk after 100, churned after 150.
		{"rhythm 50 active", 5, 200, 100, 50, 100, 150, StatusActive},
		{"rhythm 50 at risk", 5, 200, 101, 50, 100, 150, StatusAtRisk},
		{"rhythm 50 churned", 5, 200, 151, 50, 100, 150, StatusChurned},
		// Every 5 days: the 30-day floor applies (churned needs more than 31).
		{"fast buyer floor", 3, 10, 30, 5, 30, 31, StatusActive},
		{"fast buyer churned", 3, 10, 32, 5, 30, 31, StatusChurned},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := &Customer{OrderDays: int32(tt.days), FirstOrder: DateOf(d0), LastOrder: DateOf(d0.AddDate(0, 0, tt.span))}
			if got := Rhythm(c); got != tt.rhythm {
				t.Errorf("Rhythm = %v, want %v", got, tt.rhythm)
			}
			a, ch := Thresholds(tt.rhythm, p)
			if a != tt.atRisk || ch != tt.churned {
				t.Errorf("Thresholds = %v, %v; want %v, %v", a, ch, tt.atRisk, tt.churned)
			}
			if got := RhythmStatus(tt.recency, tt.rhythm, p); got != tt.status {
				t.Errorf("RhythmStatus(%d) = %q, want %q", tt.recency, got, tt.status)
			}
		})
	}
}

func TestLifecycleStage(t *testing.T) {
	p := DefaultParams().Lifecycle // window 90, exploration 90
	tests := []struct {
		name   string
		c      Customer
		status Status
		tenure int
		want   Stage
	}{
		{"never bought", Customer{}, StatusPotential, 0, StageNone},
		{"churned", Customer{Orders: 5, OrderDays: 5}, StatusChurned, 400, StageLost},
		{"one purchase", Customer{Orders: 1, OrderDays: 1}, StatusActive, 400, StageExploration},
		{"new", Customer{Orders: 3, OrderDays: 3, RecentOrders: 3}, StatusActive, 60, StageExploration},
		{"rising", Customer{Orders: 6, OrderDays: 6, RecentOrders: 3, PreviousOrders: 1}, StatusActive, 400, StageFormation},
		{"falling", Customer{Orders: 6, OrderDays: 6, RecentOrders: 1, PreviousOrders: 3}, StatusActive, 400, StageDecline},
		{"steady but slipping", Customer{Orders: 6, OrderDays: 6, RecentOrders: 0, PreviousOrders: 0}, StatusAtRisk, 400, StageDecline},
		{"steady", Customer{Orders: 6, OrderDays: 6, RecentOrders: 2, PreviousOrders: 2}, StatusActive, 400, StageStability},
	}
	for _, tt := range tests {
		if got := LifecycleStage(&tt.c, tt.status, tt.tenure, p); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestPeriodChurnRate(t *testing.T) {
	asOf := time.Date(2026, 9, 30, 0, 0, 0, 0, time.UTC)
	day := func(ago int) time.Time { return asOf.AddDate(0, 0, -ago) }
	// Window 90 days: the period starts on 2026-07-02 (the day before the
	// recent window). One-time buyers (fixed 90/180 days), judged then:
	// a (last before: 100 days before as-of = 10 before the start): active then, churned now;
	// b (last before: 120 → 30 before the start): active then, active now (bought again);
	// c (last before: 300 → 210 before the start): churned already, not counted.
	d := &Dataset{AsOf: asOf, WindowDays: 90, Customers: []Customer{
		{ID: "a", Orders: 1, OrderDays: 1, FirstOrder: DateOf(day(100)), LastOrder: DateOf(day(100)), LastBeforeRecent: DateOf(day(100))},
		{ID: "b", Orders: 2, OrderDays: 2, FirstOrder: DateOf(day(120)), LastOrder: DateOf(day(10)), LastBeforeRecent: DateOf(day(120))},
		{ID: "c", Orders: 1, OrderDays: 1, FirstOrder: DateOf(day(300)), LastOrder: DateOf(day(300)), LastBeforeRecent: DateOf(day(300))},
	}}
	scores := []Score{{Status: StatusChurned}, {Status: StatusActive}, {Status: StatusChurned}}
	if got := periodChurnRate(d, scores, DefaultParams().Churn); got != 0.5 {
		t.Errorf("period churn rate = %v, want 1 of 2", got)
	}
}

func TestPyramidByValueWithoutModels(t *testing.T) {
	// 100 one-time buyers (the purchase model cannot fit): the pyramid
	// falls back to historical value: 1 platinum, 4 gold, 15 iron, 80 lead.
	asOf := time.Date(2026, 9, 30, 0, 0, 0, 0, time.UTC)
	d := &Dataset{AsOf: asOf}
	for i := 0; i < 100; i++ {
		d.Customers = append(d.Customers, Customer{ID: string(rune('A' + i)), Orders: 1, OrderDays: 1,
			Gross: float64(i + 1), FirstOrder: DateOf(asOf.AddDate(0, 0, -i)), LastOrder: DateOf(asOf.AddDate(0, 0, -i))})
	}
	res := Analyze(d, DefaultParams())
	if res.Models.Usable || res.Models.PyramidBy != "value" || res.Models.BGNBDError == "" {
		t.Fatalf("models: %+v", res.Models)
	}
	want := map[string]int{"platinum": 1, "gold": 4, "iron": 15, "lead": 80}
	for _, g := range res.Pyramid {
		if g.Customers != want[g.Key] {
			t.Errorf("%s: %d, want %d", g.Key, g.Customers, want[g.Key])
		}
	}
	if res.Scores[99].Pyramid != PyramidPlatinum || res.Scores[0].Pyramid != PyramidLead {
		t.Errorf("top and bottom: %q %q", res.Scores[99].Pyramid, res.Scores[0].Pyramid)
	}
	for i, s := range res.Scores {
		if s.PAlive != 0 || s.CLV != 0 || s.ExpPurchases != 0 {
			t.Fatalf("customer %d has model fields without a model: %+v", i, s)
		}
	}
	if len(res.Warnings) == 0 {
		t.Errorf("no warning that the models were not used")
	}
}

func TestCLVDiscountsMonthlyPurchases(t *testing.T) {
	// The CDNOW parameters (Fader, Hardie & Lee 2005) and a hand-set spend
	// model; the CLV must equal the sum written out here.
	bg := btyd.BGNBD{R: 0.2426, Alpha: 4.4135, A: 0.7929, B: 2.4258, Converged: true}
	h := btyd.RFT{X: 2, Tx: 30.43, T: 38.86}
	spend := 40.0
	want := 0.0
	prev := 0.0
	for m := 1; m <= 12; m++ {
		cum := bg.ConditionalExpectedPurchases(float64(m)*365.25/12/7, h.X, h.Tx, h.T)
		want += (cum - prev) * spend / math.Pow(1.01, float64(m))
		prev = cum
	}
	// Undiscounted, the months add up to the 12-month expectation.
	if got := prev; math.Abs(got-bg.ConditionalExpectedPurchases(365.25/7, h.X, h.Tx, h.T)) > 1e-9 {
		t.Errorf("months do not add up: %v", got)
	}
	if want <= 0 || want >= prev*spend {
		t.Errorf("discounted CLV %v not below undiscounted %v", want, prev*spend)
	}
	// Through Analyze: one customer whose history is exactly h (in days), in
	// a shop the models can fit.
	asOf := time.Date(1997, 9, 30, 0, 0, 0, 0, time.UTC)
	first := asOf.AddDate(0, 0, -272) // T = 272/7 = 38.86 weeks
	c := Customer{ID: "x", Orders: 3, OrderDays: 3, Gross: 120, FirstDayGross: 40,
		FirstOrder: DateOf(first), LastOrder: DateOf(first.AddDate(0, 0, 213))} // t_x = 213/7 = 30.43
	if got := rft(&c, DateOf(asOf), 7); math.Abs(got.T-38.857) > 1e-3 || math.Abs(got.Tx-30.429) > 1e-3 || got.X != 2 {
		t.Errorf("rft = %+v", got)
	}
	if got := meanRepeatSpend(&c); got != 40 {
		t.Errorf("mean repeat spend = %v, want (120 − 40) / 2", got)
	}
}
