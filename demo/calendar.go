package demo

import "time"

// The shop's calendar: how busy each day is relative to an ordinary day, and
// which categories sell more in which season. Online retail in China is
// driven by platform festivals: Singles' Day (双十一, Nov 11, with presales
// from late October), 双十二 (Dec 12), 618 (Jun 18), Women's Day (Mar 8) and
// the New Year goods festival (年货节) in the weeks before the Chinese New
// Year, when couriers then stop for the holiday week.

// springFestival holds the first day of the Chinese New Year (正月初一).
var springFestival = map[int]time.Time{
	2016: date(2016, 2, 8), 2017: date(2017, 1, 28), 2018: date(2018, 2, 16), 2019: date(2019, 2, 5),
	2020: date(2020, 1, 25), 2021: date(2021, 2, 12), 2022: date(2022, 2, 1), 2023: date(2023, 1, 22),
	2024: date(2024, 2, 10), 2025: date(2025, 1, 29), 2026: date(2026, 2, 17), 2027: date(2027, 2, 6),
	2028: date(2028, 1, 26), 2029: date(2029, 2, 13), 2030: date(2030, 2, 3), 2031: date(2031, 1, 23),
	2032: date(2032, 2, 11), 2033: date(2033, 1, 31), 2034: date(2034, 2, 19), 2035: date(2035, 2, 8),
}

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// Categories sold by the demo shop, in a fixed order used by the tables below.
var Categories = []string{"服装", "美妆", "数码", "家居", "食品", "母婴", "运动"}

const (
	catClothing = iota
	catBeauty
	catDigital
	catHome
	catFood
	catBaby
	catSports
	numCategories
)

// dayKind marks festival days that change discounts and the hour of orders.
type dayKind uint8

const (
	ordinaryDay dayKind = iota
	promoPeriod         // the run-up to a festival
	festivalDay         // 11.11, 12.12, 6.18: midnight rush, deep discounts
)

// day is the calendar's verdict on one day.
type day struct {
	factor   float64 // order intensity relative to an ordinary day
	kind     dayKind
	category [numCategories]float64 // multipliers on category preference
}

// calendarDay describes the day starting at midnight d (UTC wall clock).
func calendarDay(d time.Time) day {
	out := day{factor: 1}
	for i := range out.category {
		out.category[i] = 1
	}
	m, dd := d.Month(), d.Day()
	switch d.Weekday() {
	case time.Saturday, time.Sunday:
		out.factor *= 1.08
	case time.Monday:
		out.factor *= 0.95
	}
	switch {
	case m == time.October && dd >= 20:
		out.factor *= 1.35
		out.kind = promoPeriod
	case m == time.November && dd <= 10:
		out.factor *= 1.8
		out.kind = promoPeriod
	case m == time.November && dd == 11:
		out.factor *= 10
		out.kind = festivalDay
	case m == time.November && dd <= 14:
		out.factor *= 1.3
	case m == time.December && dd == 12:
		out.factor *= 2.6
		out.kind = festivalDay
	case m == time.December:
		out.factor *= 1.3
		if dd >= 20 {
			out.kind = promoPeriod
		}
	case m == time.June && dd < 18:
		out.factor *= 1.45
		out.kind = promoPeriod
	case m == time.June && dd == 18:
		out.factor *= 4
		out.kind = festivalDay
	case m == time.March && dd < 8:
		out.factor *= 1.15
	case m == time.March && dd == 8:
		out.factor *= 2
		out.kind = promoPeriod
	case (m == time.July || m == time.August) && dd > 5:
		out.factor *= 0.92
	}
	if m == time.November && dd <= 11 {
		out.category[catBeauty] *= 1.5
		out.category[catDigital] *= 1.4
	}
	if m == time.June && dd <= 18 {
		out.category[catDigital] *= 1.6
		out.category[catSports] *= 1.2
	}
	if m == time.March && dd <= 8 {
		out.category[catBeauty] *= 1.6
	}
	if m == time.December || m <= time.February {
		out.category[catClothing] *= 1.3
	}
	if m >= time.May && m <= time.August {
		out.category[catSports] *= 1.3
	}
	// The New Year goods festival and the holiday lull. The festival falls in
	// late January or February, so look at this year's and next year's.
	for _, y := range []int{d.Year(), d.Year() + 1} {
		cny, ok := springFestival[y]
		if !ok {
			continue
		}
		switch k := int(d.Sub(cny).Hours() / 24); {
		case k >= -25 && k <= -10:
			out.factor *= 1.7
			out.kind = promoPeriod
			out.category[catFood] *= 3
			out.category[catClothing] *= 1.4
		case k > -10 && k < 0:
			out.category[catFood] *= 2
		case k >= 0 && k <= 6:
			out.factor *= 0.45
		case k > 6 && k <= 14:
			out.factor *= 0.85
		}
	}
	return out
}

// hourWeights is the share of orders by hour of day: a lunch bump, an
// evening peak, and a little late-night shopping.
var hourWeights = []float64{
	2.5, 1.2, 0.6, 0.35, 0.25, 0.3, 0.6, 1.3, 2.2, 3.4, 4.4, 4.5,
	4.6, 4.3, 4.4, 4.5, 4.3, 4.0, 4.2, 5.0, 6.0, 6.6, 5.8, 4.0,
}

// festivalHourWeights adds the midnight rush when a festival opens and the
// 20:00 final-payment wave.
var festivalHourWeights = func() []float64 {
	w := append([]float64(nil), hourWeights...)
	w[0] *= 12
	w[1] *= 3
	w[20] *= 2
	return w
}()
