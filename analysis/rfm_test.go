package analysis

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"
	"time"
)

func TestRankScores(t *testing.T) {
	tests := []struct {
		name string
		keys []float64
		bins int
		want []int
	}{
		{"empty", nil, 5, []int{}},
		{"one customer scores the middle bin", []float64{42}, 5, []int{3}},
		{"five distinct", []float64{50, 10, 40, 20, 30}, 5, []int{5, 1, 4, 2, 3}},
		{"ten distinct, two per bin", []float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 5, []int{1, 1, 2, 2, 3, 3, 4, 4, 5, 5}},
		// Ties share the score of the middle of their group; the group of
		// the smallest key scores 1, the group of the largest scores bins.
		{"ties score at their middle", []float64{1, 1, 1, 1, 1, 1, 2, 3, 3, 4}, 5, []int{1, 1, 1, 1, 1, 1, 4, 5, 5, 5}},
		{"a big group of the best key scores top", []float64{9, 9, 9, 9, 9, 9, 1, 2, 3, 4}, 5, []int{5, 5, 5, 5, 5, 5, 1, 1, 2, 2}},
		{"a big group of the worst key scores 1", []float64{0, 0, 0, 0, 0, 0, 1, 2, 3, 4}, 5, []int{1, 1, 1, 1, 1, 1, 4, 4, 5, 5}},
		{"middle group straddling a boundary", []float64{1, 2, 5, 5, 5, 5, 5, 5, 8, 9}, 5, []int{1, 1, 3, 3, 3, 3, 3, 3, 5, 5}},
		{"all equal score the middle bin", []float64{7, 7, 7}, 5, []int{3, 3, 3}},
		{"two values", []float64{1, 2, 1, 2}, 5, []int{1, 5, 1, 5}},
		{"order of input does not matter", []float64{3, 1, 2}, 3, []int{3, 1, 2}},
		{"negative values", []float64{-5, 0, 5, 10}, 2, []int{1, 1, 2, 2}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := RankScores(tt.keys, tt.bins); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("RankScores(%v, %d) = %v, want %v", tt.keys, tt.bins, got, tt.want)
			}
		})
	}
}

func TestDaysBetween(t *testing.T) {
	sh, _ := time.LoadLocation("Asia/Shanghai")
	asOf := time.Date(2026, 9, 30, 0, 0, 0, 0, sh)
	tests := []struct {
		from time.Time
		want int
	}{
		{time.Date(2026, 9, 30, 23, 59, 0, 0, sh), 0},
		{time.Date(2026, 9, 29, 0, 0, 1, 0, sh), 1},
		{time.Date(2026, 3, 29, 12, 0, 0, 0, sh), 185},
		{time.Date(2025, 9, 30, 0, 0, 0, 0, sh), 365},
	}
	for _, tt := range tests {
		if got := DaysBetween(tt.from, asOf); got != tt.want {
			t.Errorf("DaysBetween(%v) = %d, want %d", tt.from, got, tt.want)
		}
	}
}

// shop builds a small dataset whose scores are worked out by hand below.
func shop() *Dataset {
	asOf := time.Date(2026, 9, 30, 0, 0, 0, 0, time.UTC)
	day := func(daysAgo int) time.Time { return asOf.AddDate(0, 0, -daysAgo) }
	return &Dataset{
		AsOf: asOf,
		Customers: []Customer{
			{ID: "a", Orders: 10, OrderDays: 9, Gross: 5000, FirstOrder: DateOf(day(400)), LastOrder: DateOf(day(2))},
			{ID: "b", Orders: 6, OrderDays: 6, Gross: 2000, Refunds: 100, FirstOrder: DateOf(day(300)), LastOrder: DateOf(day(20))},
			{ID: "c", Orders: 1, OrderDays: 1, Gross: 80, FirstOrder: DateOf(day(5)), LastOrder: DateOf(day(5))},
			{ID: "d", Orders: 4, OrderDays: 4, Gross: 1500, FirstOrder: DateOf(day(700)), LastOrder: DateOf(day(250))},
			{ID: "e", Orders: 1, OrderDays: 1, Gross: 60, Refunds: 60, FirstOrder: DateOf(day(120)), LastOrder: DateOf(day(120))},
			{ID: "f"}, // registered, never bought
		},
	}
}

func TestAnalyzeSmallShop(t *testing.T) {
	res := Analyze(shop(), DefaultParams())
	// Buyers a..e. Recency days: a 2, b 20, c 5, d 250, e 120.
	// R keys (−recency) rank: d(−250)<e<b<c<a → R = d1 e2 b3 c4 a5.
	// F (orders): c=e=1 tie at positions 0,1 → 1; d 4 → 3; b 6 → 4; a 10 → 5.
	// M (net): e 0 → 1; c 80 → 2; d 1500 → 3; b 1900 → 4; a 5000 → 5.
	want := map[string][5]int{ // R, F, M, FM, segment index
		"a": {5, 5, 5, 5, 0}, // Champions
		"b": {3, 4, 4, 4, 1}, // Loyal
		"c": {4, 1, 2, 2, 2}, // Potential Loyalist (R 4, FM 2)
		// R 1, FM 3 is At Risk on the grid, but d is active by its own
		// rhythm: the nearest segment for active customers.
		"d": {1, 3, 3, 3, 5}, // Need Attention
		"e": {2, 1, 1, 1, 9}, // Hibernating (R 2, FM 1)
	}
	ds := shop()
	for i, c := range ds.Customers {
		s := res.Scores[i]
		w, ok := want[c.ID]
		if !ok {
			if s.Segment != -1 || s.R != 0 || s.Status != StatusPotential || s.Tier != TierNone || s.Recency != -1 {
				t.Errorf("non-buyer %s: %+v", c.ID, s)
			}
			continue
		}
		got := [5]int{int(s.R), int(s.F), int(s.M), int(s.FM), int(s.Segment)}
		if got != w {
			t.Errorf("customer %s: R,F,M,FM,segment = %v, want %v", c.ID, got, w)
		}
	}
	if res.Segments[0].Customers != 1 || res.Segments[0].Rule.Key != "champions" {
		t.Errorf("champions = %+v", res.Segments[0])
	}
	k := res.KPIs
	if k.Customers != 6 || k.Buyers != 5 || k.Orders != 22 || k.NetRevenue != 8480 || k.Refunds != 160 {
		t.Errorf("KPIs = %+v", k)
	}
	if k.RepeatRate != 3.0/5 {
		t.Errorf("repeat rate = %v, want 0.6", k.RepeatRate)
	}
	// Status against each customer's rhythm: d bought on 4 days over 450 days
	// (every 150), so 250 quiet days are within 2 × 150: active; a, b, c
	// active too; e, a one-time buyer quiet for 120 days, is at risk by the
	// fixed 90/180-day rule.
	if k.ActiveCustomer != 4 || k.AtRisk != 1 || k.Churned != 0 || k.ChurnedShare != 0 {
		t.Errorf("statuses: %+v", k)
	}
	// R×F grid: a at R5 F5.
	if res.RFGrid[4][4] != 1 || res.RFGrid[0][2] != 1 {
		t.Errorf("RF grid = %v", res.RFGrid)
	}
}

func TestAnalyzeEmptyAndSingle(t *testing.T) {
	res := Analyze(&Dataset{AsOf: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}, DefaultParams())
	if res.KPIs.Customers != 0 || res.KPIs.RepeatRate != 0 || res.Concentration.Gini != 0 || len(res.Concentration.Lorenz) != 0 {
		t.Errorf("empty: %+v", res)
	}
	one := &Dataset{AsOf: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC),
		Customers: []Customer{{ID: "x", Orders: 1, OrderDays: 1, Gross: 10, FirstOrder: DateOf(time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC)), LastOrder: DateOf(time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC))}}}
	res = Analyze(one, DefaultParams())
	s := res.Scores[0]
	// One buyer: every measure is one tie group, scored the middle bin.
	if s.R != 3 || s.F != 3 || s.M != 3 || s.Tier != TierKey || s.Status != StatusActive || s.Recency != 1 {
		t.Errorf("single customer: %+v", s)
	}
	if res.Concentration.Top20Share != 1 || res.Concentration.Gini != 0 {
		t.Errorf("single concentration: %+v", res.Concentration)
	}
}

func TestParamsValidateDefaults(t *testing.T) {
	if err := DefaultParams().Validate(); err != nil {
		t.Fatal(err)
	}
	// The default segments partition the 5 × 5 grid: each cell has exactly one rule.
	for r := 1; r <= 5; r++ {
		for fm := 1; fm <= 5; fm++ {
			n := 0
			for _, s := range DefaultSegments() {
				if r >= s.RMin && r <= s.RMax && fm >= s.FMMin && fm <= s.FMMax {
					n++
				}
			}
			if n != 1 {
				t.Errorf("cell R=%d FM=%d is covered by %d segments", r, fm, n)
			}
		}
	}
}

// TestRankScoresProperties checks on random keys with heavy ties that
// scores respect order and ties in every direction: permuting the input
// changes nothing, equal keys score the same, a strictly larger key never
// scores lower, and raising one key never lowers its score.
func TestRankScoresProperties(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	for trial := 0; trial < 300; trial++ {
		n := 1 + rng.IntN(60)
		bins := 2 + rng.IntN(8)
		distinct := 1 + rng.IntN(8)
		keys := make([]float64, n)
		for i := range keys {
			keys[i] = float64(rng.IntN(distinct))
		}
		scores := RankScores(keys, bins)
		for i := range keys {
			if scores[i] < 1 || scores[i] > bins {
				t.Fatalf("keys %v bins %d: score %d out of 1..%d", keys, bins, scores[i], bins)
			}
			for j := range keys {
				if keys[i] == keys[j] && scores[i] != scores[j] {
					t.Fatalf("keys %v: equal keys %g score %d and %d", keys, keys[i], scores[i], scores[j])
				}
				if keys[i] > keys[j] && scores[i] < scores[j] {
					t.Fatalf("keys %v: key %g scores %d below key %g's %d", keys, keys[i], scores[i], keys[j], scores[j])
				}
			}
		}
		perm := rng.Perm(n)
		shuffled := make([]float64, n)
		for k, i := range perm {
			shuffled[k] = keys[i]
		}
		got := RankScores(shuffled, bins)
		for k, i := range perm {
			if got[k] != scores[i] {
				t.Fatalf("keys %v: permuting changed the score of key %g from %d to %d", keys, keys[i], scores[i], got[k])
			}
		}
		i := rng.IntN(n)
		better := slices.Clone(keys)
		better[i] += 1 + float64(rng.IntN(3))
		if s := RankScores(better, bins)[i]; s < scores[i] {
			t.Fatalf("keys %v: raising key %d from %g to %g lowered its score from %d to %d", keys, i, keys[i], better[i], scores[i], s)
		}
	}
}

// TestRecencyTiesAtTheTop is the rental-shop case: when most buyers share
// the best recency, they all get R = bins, and every one of them is active.
func TestRecencyTiesAtTheTop(t *testing.T) {
	asOf := time.Date(2026, 9, 30, 0, 0, 0, 0, time.UTC)
	d := &Dataset{AsOf: asOf}
	for i := 0; i < 100; i++ {
		ago := 8 // 60 buyers on the same recent day
		if i >= 60 {
			ago = 9 + i%25
		}
		last := DateOf(asOf.AddDate(0, 0, -ago))
		first := DateOf(asOf.AddDate(0, 0, -ago-60-i))
		d.Customers = append(d.Customers, Customer{ID: fmt.Sprint(i), Orders: int32(2 + i%5), OrderDays: int32(2 + i%5),
			Gross: float64(50 + 13*i%200), FirstOrder: first, LastOrder: last})
	}
	res := Analyze(d, DefaultParams())
	for i := 0; i < 60; i++ {
		if r := res.Scores[i].R; r != 5 {
			t.Fatalf("customer %d, recency 8 days like 60%% of buyers: R = %d, want 5", i, r)
		}
	}
}

// TestMonetaryTiesOnCents: amounts equal to the cent tie, however the
// float64 sums that made them were ordered (0.1 + 0.2 is not 0.3).
func TestMonetaryTiesOnCents(t *testing.T) {
	asOf := time.Date(2026, 9, 30, 0, 0, 0, 0, time.UTC)
	day := DateOf(asOf.AddDate(0, 0, -10))
	d := &Dataset{AsOf: asOf}
	for i, g := range []float64{0.1 + 0.2, 0.3, 5, 7, 9} {
		d.Customers = append(d.Customers, Customer{ID: fmt.Sprint(i), Orders: 1, OrderDays: 1, Gross: g, FirstOrder: day, LastOrder: day})
	}
	if 0.1+0.2 == 0.3 {
		t.Skip("the float sums happen to be equal")
	}
	res := Analyze(d, DefaultParams())
	if a, b := res.Scores[0].M, res.Scores[1].M; a != b {
		t.Errorf("¥0.30 scores M %d and %d", a, b)
	}
}
