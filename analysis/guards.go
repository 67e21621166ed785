package analysis

import "github.com/custseg/custseg/analysis/guards"

// The data guards of a run: facts about the source data that make every
// figure of the run misleading however well the analysis works, each
// recorded on the Result with an English warning: stale data (Freshness)
// and orders.sql rows multiplied by a join (Fanout). Package guards
// measures them; this file reads their inputs from the Dataset.

// GuardParams configure the data guards of a run (guards.Params).
type GuardParams = guards.Params

// RepeatCounts are the purchase rows of orders.sql that repeat another
// row exactly, as the extract counted them (guards.RepeatCounts).
type RepeatCounts = guards.RepeatCounts

// Freshness says how recent the data of a run is (guards.Freshness).
type Freshness = guards.Freshness

// Fanout is the fan-out guard's finding (guards.Fanout).
type Fanout = guards.Fanout

// The values of GuardParams.StaleAction: warn about stale data, or fail
// the run.
const (
	StaleWarn = guards.StaleWarn
	StaleFail = guards.StaleFail
)

// Where a freshness limit came from (Freshness.LimitFrom).
const (
	LimitFromConfig = guards.LimitFromConfig
	LimitFromRhythm = guards.LimitFromRhythm
	LimitFromFloor  = guards.LimitFromFloor
)

// CheckExactRepeatLines is the data-quality key of purchase rows that
// repeat another row of orders.sql exactly (order id, customer, time,
// amount and category when there is one). They are kept as lines of one
// order (every such row adds its amount), so a fan-out inflates revenue;
// the fan-out guard (Fanout) warns when whole orders repeat.
const CheckExactRepeatLines = "orders_exact_repeat_lines"

// ComputeFreshness measures how recent d's purchases are at d.AsOf under
// p: the newest purchase, the days since, the limit (p.StaleAfterDays, or
// from the repeat buyers' rhythm) and whether the data is stale.
func ComputeFreshness(d *Dataset, p GuardParams) Freshness {
	var last Date
	var rhythms []float64
	for i := range d.Customers {
		c := &d.Customers[i]
		if !c.IsBuyer() {
			continue
		}
		if c.LastOrder > last {
			last = c.LastOrder
		}
		if p.StaleAfterDays <= 0 && c.OrderDays >= 2 {
			rhythms = append(rhythms, Rhythm(c))
		}
	}
	limit, med, from := p.StaleAfterDays, 0.0, LimitFromConfig
	if limit <= 0 {
		limit, med, from = guards.StaleLimitFromRhythm(rhythms)
	}
	return guards.NewFreshness(last, DateOf(d.AsOf), limit, from, med)
}

// guardData records the data guards' facts on res and appends their
// warnings: stale data (Freshness) and orders.sql rows that repeat
// exactly (Fanout).
func guardData(d *Dataset, p GuardParams, res *Result) {
	res.Freshness = ComputeFreshness(d, p)
	if w := res.Freshness.Warning(DateOf(d.AsOf)); w != "" {
		res.Warnings = append(res.Warnings, Warning{Code: WarnStale, Text: w})
	}
	res.Fanout = guards.NewFanout(d.Repeats, d.HasCategory, p)
	if w := res.Fanout.Warning(); w != "" {
		res.Warnings = append(res.Warnings, Warning{Code: WarnFanout, Text: w})
	}
}
