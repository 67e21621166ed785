package guards

import (
	"strings"
	"testing"
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
			f := NewFanout(tt.counts, tt.cat, DefaultParams())
			if f.Over != tt.over {
				t.Errorf("over = %v, want %v (%+v)", f.Over, tt.over, f)
			}
			if w := f.Warning(); w != tt.warning {
				t.Errorf("warning = %q\nwant      %q", w, tt.warning)
			}
		})
	}
}

func TestParamsValidate(t *testing.T) {
	tests := []struct {
		guards Params
		want   string
	}{
		{DefaultParams(), ""},
		{Params{StaleAfterDays: 30, StaleAction: StaleFail, FanoutMaxShare: 1}, ""},
		{Params{StaleAfterDays: -1, StaleAction: StaleWarn, FanoutMaxShare: 0.02}, "stale_after:"},
		{Params{StaleAction: "ignore", FanoutMaxShare: 0.02}, `stale_action: "ignore" is not warn or fail`},
		{Params{StaleAction: StaleWarn, FanoutMaxShare: 1.5}, "fanout_max_share: 1.5 is not a share between 0 and 1"},
	}
	for _, tt := range tests {
		err := tt.guards.Validate()
		if (err == nil) != (tt.want == "") || (err != nil && !strings.HasPrefix(err.Error(), tt.want)) {
			t.Errorf("Validate(%+v) = %v, want %q", tt.guards, err, tt.want)
		}
	}
}
