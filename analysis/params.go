package analysis

import (
	"fmt"
	"math"
	"slices"

	"github.com/custseg/custseg/analysis/btyd"
	"github.com/custseg/custseg/analysis/guards"
	"github.com/custseg/custseg/analysis/kmeans"
)

// Params are the analysis settings of one run. DefaultParams gives the
// shipped defaults; config fills them from the operator's YAML.
type Params struct {
	RFM   RFMParams
	Tiers TierParams
	Churn ChurnParams
	// ValueMeasure is "revenue" (net revenue) or "margin" (net revenue minus
	// cost); "auto" picks margin when the dataset has cost.
	ValueMeasure string
	Models       ModelParams
	Pyramid      PyramidParams
	Lifecycle    LifecycleParams
	Clusters     KMeansParams
	Insights     InsightParams
	// Guards configure the stale-data and fan-out guards (package guards).
	Guards GuardParams
}

// ModelParams configure the purchase (BG/NBD) and spend (Gamma-Gamma)
// models and the lifetime value.
type ModelParams struct {
	TimeUnitDays    float64 // the models' time unit in days; 7 = weeks
	PurchaseHorizon float64 // expected purchases over this many time units (52)
	CLVMonths       int     // lifetime value horizon in months (12)
	MonthlyDiscount float64 // monthly discount rate of the lifetime value (0.01)
	// PAliveAtRisk flags a valuable customer as slipping when their
	// probability of being alive falls below it (0.5).
	PAliveAtRisk float64
	// HoldoutUnits is the back-test's holdout in time units (13): the
	// models are fitted on the orders up to the as-of date minus the
	// holdout and predict the holdout. 0 turns the back-test off.
	HoldoutUnits float64
	// PurchaseModel is the purchase model every prediction uses: "auto"
	// (the lowest holdout error, or the lowest BIC without a back-test),
	// or btyd.ModelBGNBD, btyd.ModelMBGNBD or btyd.ModelParetoNBD.
	PurchaseModel string
}

// PyramidParams are the customer-pyramid shares of buyers by lifetime
// value, from the top: platinum, gold, iron; the rest are lead.
type PyramidParams struct {
	Platinum float64 // 0.01
	Gold     float64 // 0.04
	Iron     float64 // 0.15
}

// LifecycleParams configure the lifecycle stages.
type LifecycleParams struct {
	// WindowDays is the length of the recent window whose purchases are
	// compared with the window before it (90); it is also the period of
	// the churn rate.
	WindowDays int
	// ExplorationDays: customers whose first purchase is this recent are
	// still exploring (90).
	ExplorationDays int
}

// RFMParams configure RFM scoring and the named segments.
type RFMParams struct {
	Bins int // score bins, 5 gives the usual 1–5 quintile scores
	// Frequency is "orders" (distinct orders) or "days" (distinct order days).
	Frequency string
	Segments  []SegmentRule // first match wins; must cover every R × FM cell
}

// SegmentRule names the customers whose recency score lies in [RMin, RMax]
// and whose FM score (the mean of the F and M scores, rounded half up) lies
// in [FMMin, FMMax].
type SegmentRule struct {
	Key      string // stable identifier, e.g. "champions"
	Name     string // English name, e.g. "Champions"
	NameZh   string // Simplified Chinese name
	RMin     int
	RMax     int
	FMMin    int
	FMMax    int
	Action   string // suggested action, English
	ActionZh string // suggested action, Simplified Chinese
	// Statuses are the churn statuses a customer of the segment may have
	// (StatusActive, StatusAtRisk, StatusChurned); empty allows any. A
	// segment whose name says the customer is slipping or gone does not
	// allow active customers, one whose name says they are current does
	// not allow churned ones (SegmentFor).
	Statuses []Status
}

// Allows reports whether a customer with churn status st may be in the
// segment.
func (r SegmentRule) Allows(st Status) bool {
	return len(r.Statuses) == 0 || slices.Contains(r.Statuses, st)
}

// Covers reports whether the segment's score ranges hold (r, fm).
func (r SegmentRule) Covers(rScore, fm int) bool {
	return rScore >= r.RMin && rScore <= r.RMax && fm >= r.FMMin && fm <= r.FMMax
}

// TierParams are the value-interval cut-offs as shares of total value, from
// the most valuable customers down. They must sum to 1.
type TierParams struct {
	Key       float64 // default 0.50
	Important float64 // default 0.30
	Ordinary  float64 // default 0.15
	Small     float64 // default 0.05
}

// ChurnParams are the inactivity thresholds of the churn status. A repeat
// buyer is judged against their own rhythm: at risk once the days since
// their last purchase exceed RhythmAtRisk × their mean days between
// purchases, churned beyond RhythmChurned × (each never below
// RhythmMinDays). One-time buyers use the fixed days.
type ChurnParams struct {
	AtRiskDays    int     // fixed rule: more than this: at risk (default 90)
	ChurnedDays   int     // fixed rule: more than this: churned (default 180)
	RhythmAtRisk  float64 // default 2
	RhythmChurned float64 // default 3
	RhythmMinDays int     // default 30
}

// DefaultSegments are the eleven usual RFM segments on a 5-bin R × FM grid,
// by key; their names and suggested actions are the reports' (the
// catalogue's), unless the configuration gives its own.
// Their statuses keep names and churn status in agreement: the current
// segments (Champions, Potential Loyalist, New, Promising) hold active
// customers only; Loyal and Need Attention also lapsing ones; About to
// Sleep lapsing ones only; At Risk, Can't Lose Them and Hibernating lapsing
// or churned ones; Lost churned ones only.
func DefaultSegments() []SegmentRule {
	current := []Status{StatusActive}
	currentOrLapsing := []Status{StatusActive, StatusAtRisk}
	lapsing := []Status{StatusAtRisk}
	gone := []Status{StatusAtRisk, StatusChurned}
	churned := []Status{StatusChurned}
	return []SegmentRule{
		{Key: "champions", RMin: 5, RMax: 5, FMMin: 4, FMMax: 5, Statuses: current},
		{Key: "loyal", RMin: 3, RMax: 4, FMMin: 4, FMMax: 5, Statuses: currentOrLapsing},
		{Key: "potential_loyalist", RMin: 4, RMax: 5, FMMin: 2, FMMax: 3, Statuses: current},
		{Key: "new", RMin: 5, RMax: 5, FMMin: 1, FMMax: 1, Statuses: current},
		{Key: "promising", RMin: 4, RMax: 4, FMMin: 1, FMMax: 1, Statuses: current},
		{Key: "need_attention", RMin: 3, RMax: 3, FMMin: 3, FMMax: 3, Statuses: currentOrLapsing},
		{Key: "about_to_sleep", RMin: 3, RMax: 3, FMMin: 1, FMMax: 2, Statuses: lapsing},
		{Key: "cant_lose", RMin: 1, RMax: 2, FMMin: 5, FMMax: 5, Statuses: gone},
		{Key: "at_risk", RMin: 1, RMax: 2, FMMin: 3, FMMax: 4, Statuses: gone},
		{Key: "hibernating", RMin: 2, RMax: 2, FMMin: 1, FMMax: 2, Statuses: gone},
		{Key: "lost", RMin: 1, RMax: 1, FMMin: 1, FMMax: 2, Statuses: churned},
	}
}

// DefaultParams returns the shipped analysis defaults.
func DefaultParams() Params {
	return Params{
		RFM:          RFMParams{Bins: 5, Frequency: "orders", Segments: DefaultSegments()},
		Tiers:        TierParams{Key: 0.50, Important: 0.30, Ordinary: 0.15, Small: 0.05},
		Churn:        ChurnParams{AtRiskDays: 90, ChurnedDays: 180, RhythmAtRisk: 2, RhythmChurned: 3, RhythmMinDays: 30},
		ValueMeasure: "auto",
		Models: ModelParams{TimeUnitDays: 7, PurchaseHorizon: 52, CLVMonths: 12, MonthlyDiscount: 0.01, PAliveAtRisk: 0.5,
			HoldoutUnits: 13, PurchaseModel: "auto"},
		Pyramid:   PyramidParams{Platinum: 0.01, Gold: 0.04, Iron: 0.15},
		Lifecycle: LifecycleParams{WindowDays: 90, ExplorationDays: 90},
		Clusters:  kmeans.DefaultParams(),
		Insights:  InsightParams{TopValues: 10, TooSmallShare: 0.01, DealSeekerShare: 0.20, RelationshipMaxDiscount: 0.05},
		Guards:    guards.DefaultParams(),
	}
}

// Validate reports the first inconsistency in p, naming the field.
func (p Params) Validate() error {
	if p.RFM.Bins < 2 || p.RFM.Bins > 10 {
		return fmt.Errorf("rfm.bins: %d is not between 2 and 10", p.RFM.Bins)
	}
	if p.RFM.Frequency != "orders" && p.RFM.Frequency != "days" {
		return fmt.Errorf("rfm.frequency: %q is not orders or days", p.RFM.Frequency)
	}
	if len(p.RFM.Segments) == 0 {
		return fmt.Errorf("rfm.segments: no segments")
	}
	seen := map[string]bool{}
	for i, s := range p.RFM.Segments {
		if s.Key == "" {
			// Names are the reports' to check (a default segment's come from
			// their catalogue).
			return fmt.Errorf("rfm.segments[%d]: key is required", i)
		}
		if seen[s.Key] {
			return fmt.Errorf("rfm.segments[%d]: key %q is used twice", i, s.Key)
		}
		seen[s.Key] = true
		if s.RMin < 1 || s.RMax > p.RFM.Bins || s.RMin > s.RMax {
			return fmt.Errorf("rfm.segments[%d] (%s): r range [%d, %d] is not within 1..%d", i, s.Key, s.RMin, s.RMax, p.RFM.Bins)
		}
		if s.FMMin < 1 || s.FMMax > p.RFM.Bins || s.FMMin > s.FMMax {
			return fmt.Errorf("rfm.segments[%d] (%s): fm range [%d, %d] is not within 1..%d", i, s.Key, s.FMMin, s.FMMax, p.RFM.Bins)
		}
	}
	for r := 1; r <= p.RFM.Bins; r++ {
		for fm := 1; fm <= p.RFM.Bins; fm++ {
			if segmentFor(p.RFM.Segments, r, fm) < 0 {
				return fmt.Errorf("rfm.segments: no segment covers R=%d, FM=%d; every cell of the R × FM grid needs one", r, fm)
			}
		}
	}
	for _, st := range []Status{StatusActive, StatusAtRisk, StatusChurned} {
		for fm := 1; fm <= p.RFM.Bins; fm++ {
			if SegmentFor(p.RFM.Segments, 1, fm, st) < 0 {
				return fmt.Errorf("rfm.segments: no segment allows %s customers with FM=%d; every FM score needs a segment for each churn status", st, fm)
			}
		}
	}
	for i, s := range p.RFM.Segments {
		for _, st := range s.Statuses {
			if st != StatusActive && st != StatusAtRisk && st != StatusChurned {
				return fmt.Errorf("rfm.segments[%d] (%s).statuses: %q is not active, at_risk or churned", i, s.Key, st)
			}
		}
	}
	t := p.Tiers
	for _, v := range []struct {
		name string
		v    float64
	}{{"key", t.Key}, {"important", t.Important}, {"ordinary", t.Ordinary}, {"small", t.Small}} {
		if v.v <= 0 || v.v >= 1 {
			return fmt.Errorf("tiers.%s: %g is not a share between 0 and 1", v.name, v.v)
		}
	}
	if sum := t.Key + t.Important + t.Ordinary + t.Small; sum < 0.999 || sum > 1.001 {
		return fmt.Errorf("tiers: shares sum to %.4g, not 1", sum)
	}
	if p.Churn.AtRiskDays < 1 || p.Churn.ChurnedDays <= p.Churn.AtRiskDays {
		return fmt.Errorf("churn: at_risk_days (%d) must be at least 1 and below churned_days (%d)", p.Churn.AtRiskDays, p.Churn.ChurnedDays)
	}
	if p.Churn.RhythmAtRisk <= 0 || p.Churn.RhythmChurned <= p.Churn.RhythmAtRisk || p.Churn.RhythmMinDays < 0 {
		return fmt.Errorf("churn: rhythm_at_risk (%g) must be positive and below rhythm_churned (%g); rhythm_min_days not negative",
			p.Churn.RhythmAtRisk, p.Churn.RhythmChurned)
	}
	m := p.Models
	if m.TimeUnitDays <= 0 || m.PurchaseHorizon <= 0 {
		return fmt.Errorf("models: time_unit_days and purchase_horizon must be positive")
	}
	if m.CLVMonths < 1 || m.CLVMonths > 120 {
		return fmt.Errorf("models.clv_months: %d is not between 1 and 120", m.CLVMonths)
	}
	if m.MonthlyDiscount < 0 || m.MonthlyDiscount >= 1 {
		return fmt.Errorf("models.monthly_discount_rate: %g is not between 0 and 1", m.MonthlyDiscount)
	}
	if m.PAliveAtRisk <= 0 || m.PAliveAtRisk >= 1 {
		return fmt.Errorf("models.palive_at_risk: %g is not between 0 and 1", m.PAliveAtRisk)
	}
	if m.HoldoutUnits < 0 || m.HoldoutUnits > 520 || m.HoldoutUnits != math.Trunc(m.HoldoutUnits) {
		return fmt.Errorf("models.holdout_units: %g is not a whole number between 0 (off) and 520", m.HoldoutUnits)
	}
	switch m.PurchaseModel {
	case "auto", btyd.ModelBGNBD, btyd.ModelMBGNBD, btyd.ModelParetoNBD:
	default:
		return fmt.Errorf("models.purchase_model: %q is not auto, %s, %s or %s", m.PurchaseModel, btyd.ModelBGNBD, btyd.ModelMBGNBD, btyd.ModelParetoNBD)
	}
	py := p.Pyramid
	if py.Platinum <= 0 || py.Gold <= 0 || py.Iron <= 0 || py.Platinum+py.Gold+py.Iron >= 1 {
		return fmt.Errorf("pyramid: platinum, gold and iron must be positive shares summing below 1")
	}
	if p.Lifecycle.WindowDays < 7 || p.Lifecycle.ExplorationDays < 0 {
		return fmt.Errorf("lifecycle: window_days must be at least 7 and exploration_days not negative")
	}
	c := p.Clusters
	if c.KMin < 2 || c.KMax < c.KMin || c.KMax > 20 || c.SampleSize < 100 || c.MaxIter < 1 {
		return fmt.Errorf("clusters: want 2 ≤ k_min ≤ k_max ≤ 20, sample_size ≥ 100, max_iter ≥ 1")
	}
	if !(c.Tol >= 0 && c.Tol <= 1) {
		return fmt.Errorf("clusters.tol: %g is not between 0 (iterate until no label changes) and 1", c.Tol)
	}
	switch p.ValueMeasure {
	case "auto", "revenue", "margin":
	default:
		return fmt.Errorf("value: %q is not auto, revenue or margin", p.ValueMeasure)
	}
	if err := p.Guards.Validate(); err != nil {
		return err
	}
	return nil
}

// segmentFor returns the index of the first rule covering (r, fm), or -1.
func segmentFor(rules []SegmentRule, r, fm int) int {
	for i, s := range rules {
		if s.Covers(r, fm) {
			return i
		}
	}
	return -1
}

// SegmentFor returns the index of the segment of a buyer with recency
// score r, FM score fm and churn status st, or -1 when no rule allows st
// for fm:
//
//  1. the first rule that covers (r, fm) and allows st;
//  2. otherwise, among the rules that cover fm and allow st, the one whose
//     R range is nearest to r (the first in rule order on a tie).
//
// So the scores place a customer on the grid and the churn status, judged
// against the customer's own purchase rhythm, decides how far towards the
// lapsed side the name may go: a buyer who is active by their own rhythm
// but less recent than most of the shop is named in the nearest segment
// for active customers, never Hibernating or Lost.
func SegmentFor(rules []SegmentRule, r, fm int, st Status) int {
	best, bestDist := -1, 0
	for i, s := range rules {
		if fm < s.FMMin || fm > s.FMMax || !s.Allows(st) {
			continue
		}
		dist := 0
		switch {
		case r < s.RMin:
			dist = s.RMin - r
		case r > s.RMax:
			dist = r - s.RMax
		}
		if dist == 0 {
			return i
		}
		if best < 0 || dist < bestDist {
			best, bestDist = i, dist
		}
	}
	return best
}
