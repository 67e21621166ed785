package analysis

import (
	"testing"
	"time"
)

func TestDaysBetweenAgreesWithDate(t *testing.T) {
	sh, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		t.Fatal(err)
	}
	from, to := time.Date(2024, 2, 28, 23, 0, 0, 0, sh), time.Date(2024, 3, 1, 1, 0, 0, 0, sh)
	if n := DateOf(from).DaysTo(DateOf(to)); n != 2 || n != DaysBetween(from, to) {
		t.Errorf("2024-02-28 to 2024-03-01: DaysTo %d, DaysBetween %d; want 2 (leap day)", n, DaysBetween(from, to))
	}
}
