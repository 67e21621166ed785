package guards

import (
	"fmt"
	"math"
	"strconv"

	"github.com/custseg/custseg/analysis/stats"
)

// This file is the fan-out guard. A JOIN in orders.sql to a table with
// several rows per order (order lines, tags, a film's actors) repeats each
// of the order's rows once per joined row: same order id, customer, time,
// amount and category. Lines of one order with different amounts or
// categories are normal, and so are some identical ones where orders.sql
// has no product column (two items at the same price: 40 % of the UCI
// Online Retail lines). What an order system does not produce is orders
// every row of which repeats, in numbers: above Params.FanoutMaxShare of
// the purchase rows, the revenue is multiplied.

// FanoutMinRows is the least number of exact repeats the fan-out guard
// warns about, whatever their share: a few identical lines (two of the
// same item entered as two rows) are normal in a small shop.
const FanoutMinRows = 10

// RepeatCounts are the purchase rows of orders.sql that repeat another
// row exactly, as the extract counted them (analysis.Dataset.Repeats).
type RepeatCounts struct {
	// PurchaseRows are the purchase rows of the customers, and
	// ExactRepeats those of them that repeat another row of the same
	// customer exactly: order id, time, amount and category (the
	// aggregate counts them in its scan).
	PurchaseRows, ExactRepeats int64
	// PerOrder reports that the purchases were also grouped per order,
	// which the extract does when ExactRepeats is over the limit
	// (FanoutOver): identical lines are normal where orders.sql has no
	// product column, so the guard then asks whether whole orders repeat.
	// OrderRows are the purchase rows that grouping saw (of every customer
	// id), and InRepeatedOrders the exact repeats in orders every row of
	// which repeats.
	PerOrder                    bool
	OrderRows, InRepeatedOrders int64
}

// Fanout is the fan-out guard's finding.
type Fanout struct {
	RepeatCounts
	MaxShare float64 // Params.FanoutMaxShare
	// WithCategory reports that the category is part of what repeats.
	WithCategory bool
	// Share is InRepeatedOrders ÷ OrderRows (0 without PerOrder).
	Share float64
	// Over reports at least FanoutMinRows exact repeats in orders every
	// row of which repeats, more than MaxShare of the purchase rows:
	// orders.sql most likely fans out.
	Over bool
}

// NewFanout applies the fan-out guard to the repeat counts c under
// p.FanoutMaxShare; withCategory says that orders.sql returned a category
// column, so the category is part of what repeats.
func NewFanout(c RepeatCounts, withCategory bool, p Params) Fanout {
	f := Fanout{RepeatCounts: c, MaxShare: p.FanoutMaxShare, WithCategory: withCategory}
	if f.PerOrder {
		f.Share = stats.Ratio(float64(f.InRepeatedOrders), float64(f.OrderRows))
		f.Over = FanoutOver(f.InRepeatedOrders, f.OrderRows, p.FanoutMaxShare)
	}
	return f
}

// FanoutOver reports whether repeats exact repeats among rows purchase
// rows are too many for an order system: at least FanoutMinRows and more
// than maxShare of the rows. The extract asks it of all exact repeats
// before grouping per order; the guard, of those in orders every row of
// which repeats.
func FanoutOver(repeats, rows int64, maxShare float64) bool {
	return repeats >= FanoutMinRows && rows > 0 && float64(repeats) > maxShare*float64(rows)
}

// FanoutWarning is the English warning about repeats exact repeats, in
// orders every row of which repeats, among rows purchase rows
// (withCategory: the category is part of the comparison); "" when they
// are not too many (FanoutOver). The run and `custseg check` say the
// same.
func FanoutWarning(repeats, rows int64, maxShare float64, withCategory bool) string {
	if !FanoutOver(repeats, rows, maxShare) {
		return ""
	}
	what := "order id, customer, time, amount"
	if withCategory {
		what += ", category"
	}
	return fmt.Sprintf("orders.sql returns %s rows that repeat another row exactly (%s), in orders every row of which repeats: "+
		"%s of purchase rows (limit %s, analysis.fanout_max_share). A JOIN to a table with several rows per order "+
		"(order lines, tags, actors…) multiplies rows and revenue; join only one row per order or aggregate first.",
		thousands(repeats), what, sharePercent(stats.Ratio(float64(repeats), float64(rows))), sharePercent(maxShare))
}

// FanoutSummary is the English line `custseg check` prints when the
// repeats are under the limit: how many purchase rows repeat another row
// exactly, and how many of them are in orders every row of which repeats.
func FanoutSummary(exact, inRepeatedOrders, rows int64, maxShare float64) string {
	pct := func(n int64) string { return fmt.Sprintf("%.1f%%", 100*stats.Ratio(float64(n), float64(rows))) }
	return fmt.Sprintf("%s of %s purchase rows repeat another row exactly (%s), %s of them in orders every row of which repeats (%s; the limit is %g%%)",
		thousands(exact), thousands(rows), pct(exact), thousands(inRepeatedOrders), pct(inRepeatedOrders), maxShare*100)
}

// Warning is FanoutWarning of f; "" unless f.Over.
func (f Fanout) Warning() string {
	if !f.Over {
		return ""
	}
	return FanoutWarning(f.InRepeatedOrders, f.OrderRows, f.MaxShare, f.WithCategory)
}

// thousands writes n with thousands separators: 41,210.
func thousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// sharePercent writes a share as a percentage for a sentence: "81%",
// "2%", "2.5%", "0.3%".
func sharePercent(x float64) string {
	p := x * 100
	if p >= 10 || math.Abs(p-math.Round(p)) < 1e-9 {
		return strconv.FormatFloat(p, 'f', 0, 64) + "%"
	}
	return strconv.FormatFloat(p, 'f', 1, 64) + "%"
}
