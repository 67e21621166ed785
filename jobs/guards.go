package jobs

import (
	"context"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/custseg/custseg/analysis"
	"github.com/custseg/custseg/analysis/guards"
	"github.com/custseg/custseg/config"
	"github.com/custseg/custseg/queries"
)

// The data guards in a run and in `custseg check`: stale data (the newest
// purchase long before the as-of date) and orders.sql rows multiplied by a
// join (exact repeats). The analysis measures both (analysis.Freshness,
// analysis.Fanout) and warns; here the run records freshness in the
// manifest and fails on stale data when analysis.stale_action is fail,
// and check asks the database the same questions.

// DataFreshness is the manifest's record of how recent the run's data is.
type DataFreshness struct {
	// LastOrder is the newest purchase on or before the as-of date
	// (YYYY-MM-DD; "" when nobody bought).
	LastOrder string `json:"last_order"`
	DaysSince int    `json:"days_since"`
	// LimitDays is the most DaysSince may be; LimitFrom says where it came
	// from: config (analysis.stale_after), rhythm (3 × the shop's median
	// days between purchases, at least 14) or floor (14: no repeat buyers).
	LimitDays int    `json:"limit_days"`
	LimitFrom string `json:"limit_from"`
	Stale     bool   `json:"stale"`
}

// freshnessRecord is the manifest record of f.
func freshnessRecord(f analysis.Freshness) *DataFreshness {
	return &DataFreshness{LastOrder: f.LastOrder.String(), DaysSince: f.DaysSince, LimitDays: f.LimitDays,
		LimitFrom: f.LimitFrom, Stale: f.Stale}
}

// staleError is the run's failure on stale data under stale_action fail;
// nil when the data is fresh or the action is warn.
func staleError(p analysis.GuardParams, res *analysis.Result) error {
	if !res.Freshness.Stale || p.StaleAction != analysis.StaleFail {
		return nil
	}
	return fmt.Errorf("the data looks stale: %s; analysis.stale_action is fail, so nothing was published",
		lowerFirst(res.Freshness.Summary(analysis.DateOf(res.AsOf))))
}

// lowerFirst lowers an ASCII first letter, to continue a sentence.
func lowerFirst(s string) string {
	if s != "" && s[0] >= 'A' && s[0] <= 'Z' {
		return string(s[0]+'a'-'A') + s[1:]
	}
	return s
}

// optionalColumns says which optional columns orders.sql returned, from
// the columns check found.
func optionalColumns(present map[string]bool) queries.Optional {
	return queries.Optional{Cost: present["cost"], Discount: present["discount"], Category: present["category"]}
}

// checkAsOf is the as-of date check measures freshness at: opts.AsOf, or
// the as-of rule of the job a run would use, applied now.
func checkAsOf(cfg *config.Config, opts Options) (time.Time, error) {
	if !opts.AsOf.IsZero() {
		return opts.AsOf, nil
	}
	job, err := cfg.Job(opts.Job)
	if err != nil {
		return time.Time{}, err
	}
	loc, err := time.LoadLocation(job.TimeZone)
	if err != nil {
		return time.Time{}, fmt.Errorf("jobs: time zone %q: %w", job.TimeZone, err)
	}
	now := time.Now
	if opts.Now != nil {
		now = opts.Now
	}
	return AsOfDate(cfg.Analysis.AsOf, now(), loc)
}

// checkData asks the database the data guards' questions about the
// orders a run would read: how recent the newest purchase is (against
// the limit a run would use) and how many purchase rows repeat another
// row exactly. Stale data is a warning, or a failure under stale_action
// fail; a fan-out over the limit is a warning, in the run's words.
func checkData(ctx context.Context, q sqlx.QueryerContext, cfg *config.Config, opts Options, src queries.Source, present map[string]bool) []CheckResult {
	day, err := checkAsOf(cfg, opts)
	if err != nil {
		return []CheckResult{{Name: "data freshness", Message: err.Error()}}
	}
	win := queries.NewWindow(day, cfg.Database.Location(), cfg.Analysis.Lifecycle.WindowDays)
	rules := extractRules(cfg)
	g := cfg.Params().Guards
	return []CheckResult{
		checkFreshness(ctx, q, src.Orders, win, rules, g),
		checkFanout(ctx, q, src.Orders, win, rules, g, optionalColumns(present)),
	}
}

// checkFreshness is check's line on how recent the newest purchase is.
func checkFreshness(ctx context.Context, q sqlx.QueryerContext, orders queries.File, win queries.Window, rules queries.Rules, g analysis.GuardParams) CheckResult {
	asOf := analysis.DateOf(win.AsOf)
	name := "data freshness at " + asOf.String()
	last, ok, err := queries.NewestPurchase(ctx, q, orders, win.End, rules)
	if err != nil {
		return CheckResult{Name: name, Message: err.Error()}
	}
	limit, med, from := g.StaleAfterDays, 0.0, analysis.LimitFromConfig
	note := ""
	if limit <= 0 {
		rhythms, err := queries.PurchaseRhythms(ctx, q, orders, win.End, rules)
		if err != nil {
			// The floor, and why.
			rhythms = nil
			note = " (the server could not measure the shop's rhythm: " + err.Error() + ")"
		}
		limit, med, from = guards.StaleLimitFromRhythm(rhythms)
	}
	var lastDay analysis.Date
	if ok {
		lastDay = analysis.DateOf(last)
	}
	f := guards.NewFreshness(lastDay, asOf, limit, from, med)
	switch {
	case !f.Stale:
		return CheckResult{Name: name, OK: true, Message: f.Summary(asOf) + note}
	case g.StaleAction == analysis.StaleFail:
		return CheckResult{Name: name, Message: f.Warning(asOf) + note + " analysis.stale_action is fail: a run would fail."}
	}
	return CheckResult{Name: name, OK: true, Warn: true, Message: f.Warning(asOf) + note}
}

// checkFanout is check's line on orders.sql rows that repeat another row
// exactly: a warning in the run's words when whole orders repeat above
// the limit, else the counts.
func checkFanout(ctx context.Context, q sqlx.QueryerContext, orders queries.File, win queries.Window, rules queries.Rules, g analysis.GuardParams, opt queries.Optional) CheckResult {
	name := "repeated rows in " + orders.Name
	c, err := queries.CountOrderRepeats(ctx, q, orders, win.End, rules, opt, queries.TakesHints(ctx, q))
	if err != nil {
		return CheckResult{Name: name, Message: err.Error()}
	}
	if w := guards.FanoutWarning(c.InRepeatedOrders, c.PurchaseRows, g.FanoutMaxShare, opt.Category); w != "" {
		return CheckResult{Name: name, OK: true, Warn: true, Message: w}
	}
	return CheckResult{Name: name, OK: true, Message: guards.FanoutSummary(c.ExactRepeats, c.InRepeatedOrders, c.PurchaseRows, g.FanoutMaxShare)}
}
