package analysis

import (
	"time"

	"github.com/custseg/custseg/analysis/calendar"
)

// Date is a calendar day (calendar.Date): the purchase days of the
// dataset, the scores' next orders and the result's dates.
type Date = calendar.Date

// DateOf returns the calendar day of t in t's own location (the stored
// data's time zone); the zero time gives the zero Date (calendar.DateOf).
func DateOf(t time.Time) Date { return calendar.DateOf(t) }
