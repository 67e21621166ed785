package calendar

import (
	"testing"
	"time"
)

func TestDate(t *testing.T) {
	sh, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		in   time.Time
		want string
	}{
		{time.Time{}, ""},
		{time.Date(1, 1, 2, 0, 0, 0, 0, time.UTC), "0001-01-02"},
		{time.Date(1965, 3, 1, 10, 0, 0, 0, time.UTC), "1965-03-01"},
		{time.Date(1969, 12, 31, 23, 59, 59, 0, time.UTC), "1969-12-31"},
		{time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC), "1970-01-01"},
		// The day in the data's own zone, not in UTC (15:30 UTC the day before).
		{time.Date(2026, 9, 30, 23, 30, 0, 0, sh), "2026-09-30"},
		{time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC), "9999-12-31"},
	} {
		d := DateOf(tt.in)
		if got := d.String(); got != tt.want {
			t.Errorf("DateOf(%v) = %s, want %s", tt.in, got, tt.want)
		}
		if d.IsZero() != tt.in.IsZero() {
			t.Errorf("DateOf(%v).IsZero() = %v", tt.in, d.IsZero())
		}
		if !d.IsZero() && DateOf(d.Time()) != d {
			t.Errorf("DateOf(%v).Time() does not round-trip: %v", tt.in, d.Time())
		}
	}
	a, b := DateOf(time.Date(2024, 2, 28, 23, 0, 0, 0, sh)), DateOf(time.Date(2024, 3, 1, 1, 0, 0, 0, sh))
	if n := a.DaysTo(b); n != 2 || b.DaysTo(a) != -2 {
		t.Errorf("2024-02-28 to 2024-03-01: %d days, want 2 (leap day)", n)
	}
}

// TestDayAndClock checks DayAndClock against DateOf and the wall clock,
// across zones, days before 1970 and a daylight-saving change.
func TestDayAndClock(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	sh, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []time.Time{
		time.Date(2026, 3, 8, 3, 30, 0, 0, ny),  // the hour after the clocks went forward
		time.Date(2026, 11, 1, 1, 30, 0, 0, ny), // the repeated hour
		time.Date(1969, 12, 31, 23, 59, 59, 999_999_999, time.UTC),
		time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC),
		time.Date(2011, 12, 9, 12, 50, 0, 123_456_000, sh),
		time.Date(2026, 12, 31, 0, 0, 0, 0, sh),
	} {
		day, clock := DayAndClock(tt)
		h, m, s := tt.Clock()
		want := int64(h)*3600e9 + int64(m)*60e9 + int64(s)*1e9 + int64(tt.Nanosecond())
		if day != DateOf(tt) || clock != want {
			t.Errorf("DayAndClock(%v) = %v, %d; want %v, %d", tt, day, clock, DateOf(tt), want)
		}
	}
	if day, clock := DayAndClock(time.Time{}); day != 0 || clock != 0 {
		t.Errorf("DayAndClock(zero) = %v, %d", day, clock)
	}
}
