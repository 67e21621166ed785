package jobs

import (
	"fmt"
	"time"
)

// AsOfDate applies an as-of rule at the instant now, read in the job's time
// zone loc, and returns the as-of calendar date (midnight UTC, only the date
// matters):
//
//	yesterday           the day before today
//	previous_week_end   the last Sunday before today
//	previous_month_end  the last day of the previous month
func AsOfDate(rule string, now time.Time, loc *time.Location) (time.Time, error) {
	t := now.In(loc)
	today := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	switch rule {
	case "yesterday", "":
		return today.AddDate(0, 0, -1), nil
	case "previous_week_end":
		back := int(today.Weekday()) // Sunday = 0
		if back == 0 {
			back = 7
		}
		return today.AddDate(0, 0, -back), nil
	case "previous_month_end":
		return time.Date(today.Year(), today.Month(), 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, -1), nil
	}
	return time.Time{}, fmt.Errorf("as-of rule %q is not yesterday, previous_week_end or previous_month_end", rule)
}

// CheckAsOf refuses an as-of date given by hand that is after today in
// the job's time zone loc at the instant now: its reports would count days
// that have not happened as days without purchases.
func CheckAsOf(day, now time.Time, loc *time.Location) error {
	t := now.In(loc)
	today := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	d := time.Date(day.Year(), day.Month(), day.Day(), 0, 0, 0, 0, time.UTC)
	if !d.After(today) {
		return nil
	}
	return fmt.Errorf("--as-of %s is after today (%s in %s, the job's time zone): the reports would count the days to come as days without purchases; give a date up to %s, or leave --as-of out to use the job's as-of rule",
		d.Format(time.DateOnly), today.Format(time.DateOnly), loc, today.Format(time.DateOnly))
}

// asOfSource says, for the manifest, what decided a run's as-of date:
// opts.AsOfSource when the caller said (the demo's weeks), the flag, the
// rule at the scheduled fire, or the rule at the run's start.
func asOfSource(opts Options, rule string, start time.Time, loc *time.Location) string {
	if rule == "" {
		rule = "yesterday"
	}
	switch {
	case opts.AsOfSource != "":
		return opts.AsOfSource
	case opts.ScheduledAt != nil:
		return fmt.Sprintf("as_of rule %s at the scheduled fire %s", rule, opts.ScheduledAt.In(loc).Format("2006-01-02T15:04Z07:00"))
	case !opts.AsOf.IsZero():
		return "flag --as-of"
	}
	return fmt.Sprintf("as_of rule %s at the run's start (%s %s)", rule, start.In(loc).Format("2006-01-02 15:04"), loc)
}
