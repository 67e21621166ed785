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
