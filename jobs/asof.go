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
