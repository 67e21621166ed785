package analysis

import (
	"strings"
	"testing"
	"time"
)

func TestStaleLimitFromRhythm(t *testing.T) {
	tests := []struct {
		name    string
		rhythms []float64
		limit   int
		median  float64
		from    string
		floor   bool // the rhythm limit was raised to StaleMinDays
	}{
		{"no repeat buyers", nil, StaleMinDays, 0, LimitFromFloor, false},
		{"fortnightly shop", []float64{14}, 42, 14, LimitFromRhythm, false},
		{"median of an odd count", []float64{30, 10, 20}, 60, 20, LimitFromRhythm, false},
		{"median of an even count", []float64{10, 20}, 45, 15, LimitFromRhythm, false},
		{"rounded up to whole days", []float64{4.7, 4.5, 4.8}, 15, 4.7, LimitFromRhythm, false},
		{"3 × 5 days exactly", []float64{5}, 15, 5, LimitFromRhythm, false},
		{"daily buyers get the 14-day floor", []float64{1, 2, 3}, StaleMinDays, 2, LimitFromRhythm, true},
		{"one long gap does not move the median", []float64{7, 7, 7, 700}, 21, 7, LimitFromRhythm, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			limit, med, from := StaleLimitFromRhythm(append([]float64(nil), tt.rhythms...))
			if limit != tt.limit || med != tt.median || from != tt.from {
				t.Errorf("StaleLimitFromRhythm(%v) = %d, %g, %s; want %d, %g, %s", tt.rhythms, limit, med, from, tt.limit, tt.median, tt.from)
			}
			f := Freshness{LimitDays: limit, LimitFrom: from, MedianRhythm: med}
			if f.AtFloor() != tt.floor {
				t.Errorf("AtFloor = %v, want %v", f.AtFloor(), tt.floor)
			}
		})
	}
}

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
		{"stale by the shop's rhythm", shop, asOf, DefaultGuardParams(),
			Freshness{LastOrder: shop[0].LastOrder, DaysSince: 853, LimitDays: 42, LimitFrom: LimitFromRhythm, MedianRhythm: 14, Stale: true},
			"The newest order is from 2023-05-31, 853 days before the as-of date 2025-09-30 (limit 42 days, 3× the shop's median days between purchases): " +
				"the data looks stale; every status and 'this period' figure is computed as if no one had bought since."},
		{"fresh the day after", shop, time.Date(2023, 6, 1, 0, 0, 0, 0, time.UTC), DefaultGuardParams(),
			Freshness{LastOrder: shop[0].LastOrder, DaysSince: 1, LimitDays: 42, LimitFrom: LimitFromRhythm, MedianRhythm: 14}, ""},
		{"the limit itself is not stale", shop, time.Date(2023, 7, 12, 0, 0, 0, 0, time.UTC), DefaultGuardParams(),
			Freshness{LastOrder: shop[0].LastOrder, DaysSince: 42, LimitDays: 42, LimitFrom: LimitFromRhythm, MedianRhythm: 14}, ""},
		{"configured limit", shop, time.Date(2023, 7, 12, 0, 0, 0, 0, time.UTC), GuardParams{StaleAfterDays: 30, StaleAction: StaleFail, FanoutMaxShare: 0.02},
			Freshness{LastOrder: shop[0].LastOrder, DaysSince: 42, LimitDays: 30, LimitFrom: LimitFromConfig, Stale: true},
			"The newest order is from 2023-05-31, 42 days before the as-of date 2023-07-12 (limit 30 days, analysis.stale_after): " +
				"the data looks stale; every status and 'this period' figure is computed as if no one had bought since."},
		{"one-time buyers only: the floor", shop[3:], time.Date(2023, 6, 4, 0, 0, 0, 0, time.UTC), DefaultGuardParams(),
			Freshness{LastOrder: shop[3].LastOrder, DaysSince: 15, LimitDays: StaleMinDays, LimitFrom: LimitFromFloor, Stale: true},
			"The newest order is from 2023-05-20, 15 days before the as-of date 2023-06-04 (limit 14 days, the minimum: no repeat buyers to measure the shop's rhythm by): " +
				"the data looks stale; every status and 'this period' figure is computed as if no one had bought since."},
		{"no buyers: never stale", shop[4:], asOf, DefaultGuardParams(),
			Freshness{LimitDays: StaleMinDays, LimitFrom: LimitFromFloor}, ""},
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

func TestFanout(t *testing.T) {
	tests := []struct {
		name    string
		counts  RepeatCounts
		cat     bool
		over    bool
		warning string
	}{
		{"no repeats", RepeatCounts{PurchaseRows: 1000}, false, false, ""},
		{"identical lines, not grouped per order", RepeatCounts{PurchaseRows: 1000, ExactRepeats: 400}, false, false, ""},
		{"identical lines, orders not repeated whole", RepeatCounts{PurchaseRows: 1000, ExactRepeats: 400, PerOrder: true, OrderRows: 1000, InRepeatedOrders: 3}, true, false, ""},
		{"at the limit", RepeatCounts{PurchaseRows: 1000, ExactRepeats: 20, PerOrder: true, OrderRows: 1000, InRepeatedOrders: 20}, false, false, ""},
		{"too few to tell", RepeatCounts{PurchaseRows: 20, ExactRepeats: 9, PerOrder: true, OrderRows: 20, InRepeatedOrders: 9}, false, false, ""},
		{"a join to the actors of each film", RepeatCounts{PurchaseRows: 50880, ExactRepeats: 41210, PerOrder: true, OrderRows: 50880, InRepeatedOrders: 41210}, false, true,
			"orders.sql returns 41,210 rows that repeat another row exactly (order id, customer, time, amount), in orders every row of which repeats: " +
				"81% of purchase rows (limit 2%, analysis.fanout_max_share). A JOIN to a table with several rows per order (order lines, tags, actors…) " +
				"multiplies rows and revenue; join only one row per order or aggregate first."},
		{"with a category, just over", RepeatCounts{PurchaseRows: 1000, ExactRepeats: 25, PerOrder: true, OrderRows: 1000, InRepeatedOrders: 25}, true, true,
			"orders.sql returns 25 rows that repeat another row exactly (order id, customer, time, amount, category), in orders every row of which repeats: " +
				"2.5% of purchase rows (limit 2%, analysis.fanout_max_share). A JOIN to a table with several rows per order (order lines, tags, actors…) " +
				"multiplies rows and revenue; join only one row per order or aggregate first."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := &Dataset{Repeats: tt.counts, HasCategory: tt.cat}
			f := ComputeFanout(d, DefaultGuardParams())
			if f.Over != tt.over {
				t.Errorf("over = %v, want %v (%+v)", f.Over, tt.over, f)
			}
			if w := f.Warning(); w != tt.warning {
				t.Errorf("warning = %q\nwant      %q", w, tt.warning)
			}
		})
	}
}

func TestGuardParamsValidate(t *testing.T) {
	tests := []struct {
		guards GuardParams
		want   string
	}{
		{DefaultGuardParams(), ""},
		{GuardParams{StaleAfterDays: 30, StaleAction: StaleFail, FanoutMaxShare: 1}, ""},
		{GuardParams{StaleAfterDays: -1, StaleAction: StaleWarn, FanoutMaxShare: 0.02}, "stale_after:"},
		{GuardParams{StaleAction: "ignore", FanoutMaxShare: 0.02}, `stale_action: "ignore" is not warn or fail`},
		{GuardParams{StaleAction: StaleWarn, FanoutMaxShare: 1.5}, "fanout_max_share: 1.5 is not a share between 0 and 1"},
	}
	for _, tt := range tests {
		p := DefaultParams()
		p.Guards = tt.guards
		err := p.Validate()
		if (err == nil) != (tt.want == "") || (err != nil && !strings.HasPrefix(err.Error(), tt.want)) {
			t.Errorf("Validate(%+v) = %v, want %q", tt.guards, err, tt.want)
		}
	}
}
