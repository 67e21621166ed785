package analysis

import (
	"testing"
	"time"

	"github.com/custseg/custseg/analysis/guards"
)

// buyer is a customer who bought on days purchase days from first to last.
func buyer(first, last string, days int32) Customer {
	f, _ := time.Parse("2006-01-02", first)
	l, _ := time.Parse("2006-01-02", last)
	return Customer{Orders: days, OrderDays: days, Gross: 10, FirstOrder: DateOf(f), LastOrder: DateOf(l)}
}

func TestComputeFreshness(t *testing.T) {
	asOf := time.Date(2025, 9, 30, 0, 0, 0, 0, time.UTC)
	// Two repeat buyers every 14 days and one one-time buyer: median
	// rhythm 14, limit 42 days.
	shop := []Customer{
		buyer("2023-01-01", "2023-05-31", 11), // 150 days / 10 = 15
		buyer("2023-03-01", "2023-04-26", 5),  // 56 / 4 = 14
		buyer("2022-06-01", "2022-06-14", 2),  // 13 / 1 = 13
		buyer("2023-05-20", "2023-05-20", 1),  // one purchase: no rhythm
		{ID: "never bought"},
	}
	tests := []struct {
		name      string
		customers []Customer
		asOf      time.Time
		guards    GuardParams
		want      Freshness
		warning   string
	}{
		{"stale by the shop's rhythm", shop, asOf, guards.DefaultParams(),
			Freshness{LastOrder: shop[0].LastOrder, DaysSince: 853, LimitDays: 42, LimitFrom: LimitFromRhythm, MedianRhythm: 14, Stale: true},
			"The newest order is from 2023-05-31, 853 days before the as-of date 2025-09-30 (limit 42 days, 3× the shop's median days between purchases): " +
				"the data looks stale; every status and 'this period' figure is computed as if no one had bought since."},
		{"fresh the day after", shop, time.Date(2023, 6, 1, 0, 0, 0, 0, time.UTC), guards.DefaultParams(),
			Freshness{LastOrder: shop[0].LastOrder, DaysSince: 1, LimitDays: 42, LimitFrom: LimitFromRhythm, MedianRhythm: 14}, ""},
		{"the limit itself is not stale", shop, time.Date(2023, 7, 12, 0, 0, 0, 0, time.UTC), guards.DefaultParams(),
			Freshness{LastOrder: shop[0].LastOrder, DaysSince: 42, LimitDays: 42, LimitFrom: LimitFromRhythm, MedianRhythm: 14}, ""},
		{"configured limit", shop, time.Date(2023, 7, 12, 0, 0, 0, 0, time.UTC), GuardParams{StaleAfterDays: 30, StaleAction: StaleFail, FanoutMaxShare: 0.02},
			Freshness{LastOrder: shop[0].LastOrder, DaysSince: 42, LimitDays: 30, LimitFrom: LimitFromConfig, Stale: true},
			"The newest order is from 2023-05-31, 42 days before the as-of date 2023-07-12 (limit 30 days, analysis.stale_after): " +
				"the data looks stale; every status and 'this period' figure is computed as if no one had bought since."},
		{"one-time buyers only: the floor", shop[3:], time.Date(2023, 6, 4, 0, 0, 0, 0, time.UTC), guards.DefaultParams(),
			Freshness{LastOrder: shop[3].LastOrder, DaysSince: 15, LimitDays: guards.StaleMinDays, LimitFrom: LimitFromFloor, Stale: true},
			"The newest order is from 2023-05-20, 15 days before the as-of date 2023-06-04 (limit 14 days, the minimum: no repeat buyers to measure the shop's rhythm by): " +
				"the data looks stale; every status and 'this period' figure is computed as if no one had bought since."},
		{"no buyers: never stale", shop[4:], asOf, guards.DefaultParams(),
			Freshness{LimitDays: guards.StaleMinDays, LimitFrom: LimitFromFloor}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := &Dataset{AsOf: tt.asOf, Customers: tt.customers}
			got := ComputeFreshness(d, tt.guards)
			if got != tt.want {
				t.Errorf("freshness = %+v, want %+v", got, tt.want)
			}
			if w := got.Warning(DateOf(tt.asOf)); w != tt.warning {
				t.Errorf("warning = %q\nwant      %q", w, tt.warning)
			}
			res := &Result{}
			guardData(d, tt.guards, res)
			if (len(res.Warnings) == 1) != (tt.warning != "") || (tt.warning != "" && res.Warnings[0].Text != tt.warning) {
				t.Errorf("result warnings = %q", res.Warnings)
			}
		})
	}
}
