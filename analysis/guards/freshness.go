package guards

import (
	"fmt"
	"math"

	"github.com/custseg/custseg/analysis/calendar"
	"github.com/custseg/custseg/analysis/stats"
)

// This file is the stale-data guard: whether the newest purchase is so far
// before the as-of date that every status and "this period" figure of the
// run describes a shop that stopped selling, not the current week.

// Stale-data guard settings.
const (
	// StaleRhythmFactor times the shop's median days between purchase days
	// is the rhythm-derived limit.
	StaleRhythmFactor = 3
	// StaleMinDays is the least limit: a shop that buys daily still gets
	// two weeks before its data counts as stale.
	StaleMinDays = 14
	// StaleWarn and StaleFail are the values of Params.StaleAction.
	StaleWarn = "warn"
	StaleFail = "fail"
)

// Where a freshness limit came from (Freshness.LimitFrom).
const (
	LimitFromConfig = "config" // analysis.stale_after
	LimitFromRhythm = "rhythm" // StaleRhythmFactor × the median rhythm, at least StaleMinDays
	LimitFromFloor  = "floor"  // StaleMinDays: no repeat buyers to measure a rhythm by
)

// Freshness says how recent the data of a run is.
type Freshness struct {
	// LastOrder is the newest purchase on or before the as-of date (the
	// latest analysis.Customer.LastOrder); zero when nobody bought.
	LastOrder calendar.Date
	// DaysSince counts the days from LastOrder to the as-of date (0 when
	// nobody bought).
	DaysSince int
	// LimitDays is the most DaysSince may be before the data is stale, and
	// LimitFrom where it came from: LimitFromConfig, LimitFromRhythm or
	// LimitFromFloor.
	LimitDays int
	LimitFrom string
	// MedianRhythm is the median over repeat buyers of their mean days
	// between purchase days (0 without repeat buyers, or when the limit
	// came from the config).
	MedianRhythm float64
	// Stale reports DaysSince > LimitDays (never without purchases).
	Stale bool
}

// StaleLimitFromRhythm returns the rhythm-derived limit for a shop whose
// repeat buyers have the given mean days between purchase days
// (analysis.Rhythm): StaleRhythmFactor × their median, rounded up, at
// least StaleMinDays. The median is returned too; from is
// LimitFromRhythm, or LimitFromFloor when there are no rhythms. It
// reorders rhythms.
func StaleLimitFromRhythm(rhythms []float64) (limit int, med float64, from string) {
	if len(rhythms) == 0 {
		return StaleMinDays, 0, LimitFromFloor
	}
	m := stats.Median(rhythms)
	return max(rhythmLimit(m), StaleMinDays), m, LimitFromRhythm
}

// rhythmLimit is StaleRhythmFactor × the median rhythm, rounded up to whole
// days.
func rhythmLimit(med float64) int { return int(math.Ceil(StaleRhythmFactor*med - 1e-9)) }

// NewFreshness is the freshness of data whose newest purchase is last
// (zero: none) at the as-of date asOf, against limitDays from from (with
// the median rhythm it came from, or 0).
func NewFreshness(last, asOf calendar.Date, limitDays int, from string, med float64) Freshness {
	f := Freshness{LastOrder: last, LimitDays: limitDays, LimitFrom: from, MedianRhythm: med}
	if last.IsZero() {
		return f
	}
	f.DaysSince = last.DaysTo(asOf)
	f.Stale = f.DaysSince > f.LimitDays
	return f
}

// AtFloor reports a rhythm-derived limit raised to StaleMinDays (the
// shop buys so often that StaleRhythmFactor × its rhythm is less).
func (f Freshness) AtFloor() bool {
	return f.LimitFrom == LimitFromRhythm && rhythmLimit(f.MedianRhythm) < f.LimitDays
}

// LimitText says the limit and where it came from, in English: "limit 42
// days, 3× the shop's median days between purchases".
func (f Freshness) LimitText() string {
	switch f.LimitFrom {
	case LimitFromConfig:
		return fmt.Sprintf("limit %d days, analysis.stale_after", f.LimitDays)
	case LimitFromRhythm:
		if f.AtFloor() {
			return fmt.Sprintf("limit %d days, the minimum; %d× the shop's median days between purchases is %.1f",
				f.LimitDays, StaleRhythmFactor, StaleRhythmFactor*f.MedianRhythm)
		}
		return fmt.Sprintf("limit %d days, %d× the shop's median days between purchases", f.LimitDays, StaleRhythmFactor)
	}
	return fmt.Sprintf("limit %d days, the minimum: no repeat buyers to measure the shop's rhythm by", f.LimitDays)
}

// Summary says in one English sentence how recent the data is: "The
// newest order is from 2026-09-29, 1 day before the as-of date 2026-09-30
// (limit 42 days, ...)". asOf is the run's as-of date.
func (f Freshness) Summary(asOf calendar.Date) string {
	if f.LastOrder.IsZero() {
		return fmt.Sprintf("There are no purchases on or before the as-of date %s (%s)", asOf, f.LimitText())
	}
	return fmt.Sprintf("The newest order is from %s, %s before the as-of date %s (%s)",
		f.LastOrder, plural(f.DaysSince, "day"), asOf, f.LimitText())
}

// Warning is the run's warning for stale data, in English; "" when the
// data is not stale.
func (f Freshness) Warning(asOf calendar.Date) string {
	if !f.Stale {
		return ""
	}
	return f.Summary(asOf) + ": the data looks stale; every status and 'this period' figure is computed as if no one had bought since."
}

// plural writes n and the noun, with an s unless n is 1: "1 day", "853 days".
func plural(n int, noun string) string {
	if n == 1 || n == -1 {
		return fmt.Sprintf("%d %s", n, noun)
	}
	return thousands(int64(n)) + " " + noun + "s"
}
