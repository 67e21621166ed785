package analysis

import "fmt"

// The data guards of a run: facts about the source data that make every
// figure of the run misleading however well the analysis works, each
// recorded on the Result with an English warning (freshness.go: stale data;
// fanout.go: orders.sql rows multiplied by a join).

// GuardParams configure the data guards of a run: the stale-data guard
// (freshness.go) and the fan-out guard (fanout.go).
type GuardParams struct {
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

// DefaultGuardParams are the shipped guard settings: the stale limit from
// the shop's rhythm, warn on stale data, 2 % exact repeats at most.
func DefaultGuardParams() GuardParams {
	return GuardParams{StaleAfterDays: 0, StaleAction: StaleWarn, FanoutMaxShare: 0.02}
}

// validate reports the first bad guard setting, naming it as the config
// does.
func (g GuardParams) validate() error {
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

// guardData records the data guards' facts on res and appends their
// warnings: stale data (Freshness) and orders.sql rows that repeat
// exactly (Fanout).
func guardData(d *Dataset, p GuardParams, res *Result) {
	res.Freshness = ComputeFreshness(d, p)
	if w := res.Freshness.Warning(DateOf(d.AsOf)); w != "" {
		res.Warnings = append(res.Warnings, Warning{Code: WarnStale, Text: w})
	}
	res.Fanout = ComputeFanout(d, p)
	if w := res.Fanout.Warning(); w != "" {
		res.Warnings = append(res.Warnings, Warning{Code: WarnFanout, Text: w})
	}
}
