package calendar

import "time"

// Date is a calendar day, counted from 0001-01-01 so that its zero value,
// like time.Time's, means "none". It takes 4 bytes where a time.Time takes
// 24 and holds a pointer; a run keeps four per customer.
type Date int32

// unixDay0 is 1970-01-01 as a Date.
const unixDay0 = 719162

// DateOf returns the calendar day of t in t's own location (the stored
// data's time zone); the zero time gives the zero Date.
func DateOf(t time.Time) Date {
	if t.IsZero() {
		return 0
	}
	y, m, d := t.Date()
	return Date(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix()/86400 + unixDay0)
}

// DayAndClock returns the calendar day of t in t's own location, as DateOf,
// and the nanoseconds since that day's midnight on the wall clock
// (0 to 86,399,999,999,999 on any day, whatever the day's length). It
// does in integer arithmetic what DateOf does through a second time.Time,
// for the extract's loop over every order line. The zero time gives the
// zero Date.
func DayAndClock(t time.Time) (Date, int64) {
	if t.IsZero() {
		return 0, 0
	}
	_, offset := t.Zone()
	s := t.Unix() + int64(offset)
	day := s / 86400
	if s%86400 < 0 {
		day--
	}
	return Date(day + unixDay0), (s-day*86400)*1e9 + int64(t.Nanosecond())
}

// IsZero reports whether d is the zero Date (none).
func (d Date) IsZero() bool { return d == 0 }

// Time returns midnight UTC of d; the zero time for the zero Date.
func (d Date) Time() time.Time {
	if d == 0 {
		return time.Time{}
	}
	return time.Unix(int64(d-unixDay0)*86400, 0).UTC()
}

// DaysTo counts the calendar days from d to e; negative when e is earlier.
func (d Date) DaysTo(e Date) int { return int(e) - int(d) }

// String writes d as YYYY-MM-DD ("" for the zero Date).
func (d Date) String() string {
	if d == 0 {
		return ""
	}
	return d.Time().Format("2006-01-02")
}
