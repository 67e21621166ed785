package guards

import "fmt"

// Params configure the data guards of a run: the stale-data guard
// (freshness.go) and the fan-out guard (fanout.go).
type Params struct {
	// StaleAfterDays: the data is stale when the newest purchase is more
	// than this many days before the as-of date. 0 ("auto") derives the
	// limit from the shop's own rhythm (StaleLimitFromRhythm).
	StaleAfterDays int
	// StaleAction is what a run does with stale data: "warn" (the default:
	// a warning and a banner on the reports) or "fail" (the run fails at
	// the analyse step).
	StaleAction string
	// FanoutMaxShare is the share of purchase rows that may repeat another
	// row exactly (same order id, customer, time, amount and category)
	// before the run warns that orders.sql fans out (default 0.02).
	FanoutMaxShare float64
}

// DefaultParams are the shipped guard settings: the stale limit from the
// shop's rhythm, warn on stale data, 2 % exact repeats at most.
func DefaultParams() Params {
	return Params{StaleAfterDays: 0, StaleAction: StaleWarn, FanoutMaxShare: 0.02}
}

// Validate reports the first bad guard setting, naming it as the config
// does.
func (g Params) Validate() error {
	if g.StaleAfterDays < 0 {
		return fmt.Errorf("stale_after: %d days is negative (leave it empty or auto for the shop's own rhythm)", g.StaleAfterDays)
	}
	if g.StaleAction != StaleWarn && g.StaleAction != StaleFail {
		return fmt.Errorf("stale_action: %q is not warn or fail", g.StaleAction)
	}
	if !(g.FanoutMaxShare >= 0 && g.FanoutMaxShare <= 1) {
		return fmt.Errorf("fanout_max_share: %g is not a share between 0 and 1", g.FanoutMaxShare)
	}
	return nil
}
