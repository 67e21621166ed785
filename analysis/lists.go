package analysis

import (
	"math"

	"github.com/custseg/custseg/analysis/stats"
)

// Reason says why a customer is on a campaign list (Result.SaveNow,
// Result.WinBack); its text is its key.
type Reason uint8

// Reasons, in the order a list checks them.
const (
	ReasonNone Reason = iota
	// ReasonLapsing: quiet for longer than their own rhythm allows (churn
	// status at risk), not yet churned.
	ReasonLapsing
	// ReasonDeclining: active, but fewer purchases in the recent window
	// than in the one before it.
	ReasonDeclining
	// ReasonUnlikelyAlive: active by the rhythm rule, but the purchase model
	// gives a probability of still being a customer below
	// ModelParams.PAliveAtRisk.
	ReasonUnlikelyAlive
	// ReasonChurned: quiet for longer than the churn threshold.
	ReasonChurned
)

var reasonKeys = []string{"", "lapsing", "declining", "unlikely_alive", "churned"}

// String returns the reason's key.
func (v Reason) String() string { return enumKey(reasonKeys, uint8(v)) }

// MarshalText returns the reason's key.
func (v Reason) MarshalText() ([]byte, error) { return []byte(v.String()), nil }

// ListEntry is one customer on a campaign list.
type ListEntry struct {
	Index  int32 // into Dataset.Customers and Result.Scores
	Reason Reason
}

// campaignLists fills Score.KeepValue of every buyer and the two campaign
// lists of the high-value customers (value tiers key and important):
//
//   - SaveNow: those not churned who are slipping — lapsing, buying less
//     than before, or (with usable models) less likely than PAliveAtRisk to
//     still be a customer — by the value that can still be kept, most
//     first;
//   - WinBack: those churned, by their past value, most first.
//
// The value that can still be kept is the yearly value pace times the
// chance the customer is still there:
//
//	keep = max(value, 0) × 365 / max(days since first purchase, 365) × P(alive)
//
// where P(alive) comes from the purchase model when it is usable, else is
// 1 for active, ½ for lapsing and 0 for churned customers. A customer who
// has already gone has nothing left to keep: they belong on WinBack.
func campaignLists(d *Dataset, p ModelParams, scores []Score, res *Result) {
	asOf := DateOf(d.AsOf)
	var save, win []int
	reasons := make(map[int]Reason)
	for i := range d.Customers {
		c := &d.Customers[i]
		s := &scores[i]
		if !c.IsBuyer() {
			continue
		}
		alive := 0.0
		switch {
		case res.Models.Usable:
			alive = s.PAlive
		case s.Status == StatusActive:
			alive = 1
		case s.Status == StatusAtRisk:
			alive = 0.5
		}
		tenure := math.Max(float64(c.FirstOrder.DaysTo(asOf)), 365)
		s.KeepValue = stats.Finite(math.Max(s.Value, 0) * 365 / tenure * alive)
		if s.Tier != TierKey && s.Tier != TierImportant {
			continue
		}
		var why Reason
		switch {
		case s.Status == StatusChurned:
			win = append(win, i)
			reasons[i] = ReasonChurned
			continue
		case s.Status == StatusAtRisk:
			why = ReasonLapsing
		case c.RecentOrders < c.PreviousOrders:
			why = ReasonDeclining
		case res.Models.Usable && s.PAlive < p.PAliveAtRisk:
			why = ReasonUnlikelyAlive
		default:
			continue
		}
		save = append(save, i)
		reasons[i] = why
	}
	save = byKeyDesc(save, func(i int) float64 { return scores[i].KeepValue })
	win = byKeyDesc(win, func(i int) float64 { return scores[i].Value })
	entries := func(list []int) []ListEntry {
		out := make([]ListEntry, len(list))
		for k, i := range list {
			out[k] = ListEntry{Index: int32(i), Reason: reasons[i]}
		}
		return out
	}
	res.SaveNow, res.WinBack = entries(save), entries(win)
}
