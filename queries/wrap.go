package queries

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"
)

// ProbeSQL wraps a query so that it returns at most limit rows; the run
// and `custseg check` use it to read the column names and types. The query
// starts on the first line, so the line numbers of the server's syntax
// errors are the query's own.
func ProbeSQL(query string, limit int) string {
	return fmt.Sprintf("SELECT * FROM (%s\n) q LIMIT %d", query, limit)
}

// Row kinds of the aggregate, one per data-quality rule, and purchases split
// by the trend windows.
const (
	KindNull       = "null"       // no date or no amount: left out
	KindFuture     = "future"     // dated on or after the window's end: left out
	KindRefund     = "refund"     // negative amount: netted against the customer
	KindZero       = "zero"       // zero amount: kept, not a purchase
	KindBuyRecent  = "buy_recent" // a purchase in the recent trend window
	KindBuyPrev    = "buy_prev"   // a purchase in the window before it
	KindBuyOlder   = "buy_older"  // an older purchase
	timeLiteralFmt = "2006-01-02 15:04:05"
)

// Rules are the data rules the extract applies, and the session settings
// it reads the orders with.
type Rules struct {
	// ZeroIsPurchase counts orders with a zero amount as purchases (worth
	// nothing); otherwise they are kept out of the purchases.
	ZeroIsPurchase bool
	// FanoutMaxShare: when more than this share of the purchase rows
	// repeat another row exactly (and at least guards.FanoutMinRows),
	// the extract also groups the purchases per order, to count the
	// repeats in orders every row of which repeats (FanoutSQL).
	FanoutMaxShare float64
	// TempTableBytes, when positive, is set as the session's tmp_table_size
	// and max_heap_table_size before the grouped queries run, so their
	// temporary tables stay in memory (an engine without these variables
	// is left as it is).
	TempTableBytes int64
	// AllowLocking runs queries that hold a locking read clause (FOR
	// UPDATE, FOR SHARE, LOCK IN SHARE MODE); otherwise Extract refuses
	// them (CheckLocking).
	AllowLocking bool
	// Heartbeat, when positive, is how often a second connection checks
	// that the server still answers while Extract runs; two missed
	// answers in a row stop the queries with ErrStalled.
	Heartbeat time.Duration
	// RowsRead, when not nil, is told the rows each statement of Extract
	// has read (progress on a terminal); it changes nothing in the SQL.
	RowsRead RowsRead
}

// Optional says which optional columns orders.sql returns, for the SQL
// custseg wraps around it.
type Optional struct{ Cost, Discount, Category bool }

// Bounds are the instants the aggregate classifies rows by.
type Bounds struct {
	End         time.Time // exclusive end of the window: the day after the as-of date
	RecentStart time.Time // start of the recent trend window
	PrevStart   time.Time // start of the window before it
	// PeriodStart starts the reporting period, which ends at End (the days
	// since the previous run); PrevPeriodStart starts the period of the
	// same length before it. Both zero: no period figures are summed.
	PeriodStart     time.Time
	PrevPeriodStart time.Time
	// Holdout, when not empty, holds the start of each time unit of the
	// back-test's holdout (Holdout[0] is the first day after the
	// calibration period, each at midnight); the aggregate then also
	// groups the rows by the holdout unit they fall in (hold_unit, −1 for
	// rows before the holdout).
	Holdout []time.Time
	// HoldoutUnitDays is the length of a holdout unit in days.
	HoldoutUnitDays float64
}

// AggregateSQL wraps orders.sql in custseg's per-customer aggregate, so the
// database does the scan and the grouping and returns a few rows per
// customer: one per row kind (purchases of the recent window, of the window
// before and older ones; refunds; and the rarer kinds of the data-quality
// rules). Classifying each row once and grouping by the class keeps the
// per-row work to one CASE, which matters on engines that evaluate
// expressions slowly. The bounds are written into the SQL as literals so
// the statement shown in the workbook runs as-is in a MySQL client.
// opt.Cost and opt.Discount add the optional sums.
//
// exact_repeats counts, in the same scan, the rows with an order id that
// repeat another row of the group exactly: same order id, time, amount
// and (opt.Category) category; the group fixes the customer. Lines of one
// order differ in amount or category; rows repeated by a JOIN to a table
// with several rows per order do not (analysis.Fanout). Rows without an
// order id are orders of their own and never count.
//
// With b.PeriodStart set, it also sums each group's amount and counts its
// orders in the reporting period and in the period before it.
//
// The result columns, in order: customer_id, row_kind, row_count, orders,
// order_days, amount, first_at, last_at, zero_rows, exact_repeats[,
// period_amount, period_orders, prev_period_amount, prev_period_orders][,
// cost][, discount][, hold_unit].
//
// With b.Holdout set, the rows are also grouped by the holdout time unit
// they fall in, so that the back-test reads each customer's purchase days
// before the holdout and in each of its units from the same scan.
func AggregateSQL(orders string, b Bounds, rules Rules, opt Optional) string {
	var s strings.Builder
	s.WriteString("SELECT o.customer_id AS customer_id,\n")
	fmt.Fprintf(&s, "  CASE WHEN o.ordered_at IS NULL OR o.amount IS NULL THEN '%s'\n", KindNull)
	fmt.Fprintf(&s, "       WHEN o.ordered_at >= '%s' THEN '%s'\n", b.End.Format(timeLiteralFmt), KindFuture)
	fmt.Fprintf(&s, "       WHEN o.amount < 0 THEN '%s'\n", KindRefund)
	if !rules.ZeroIsPurchase {
		fmt.Fprintf(&s, "       WHEN o.amount = 0 THEN '%s'\n", KindZero)
	}
	fmt.Fprintf(&s, "       WHEN o.ordered_at >= '%s' THEN '%s'\n", b.RecentStart.Format(timeLiteralFmt), KindBuyRecent)
	fmt.Fprintf(&s, "       WHEN o.ordered_at >= '%s' THEN '%s'\n", b.PrevStart.Format(timeLiteralFmt), KindBuyPrev)
	fmt.Fprintf(&s, "       ELSE '%s' END AS row_kind,\n", KindBuyOlder)
	s.WriteString("  COUNT(*) AS row_count,\n")
	// A row without an order id is an order of its own (it cannot repeat one).
	s.WriteString("  COUNT(CASE WHEN o.order_id IS NULL THEN 1 END) + COUNT(DISTINCT o.order_id) AS orders,\n")
	s.WriteString("  COUNT(DISTINCT DATE(o.ordered_at)) AS order_days,\n")
	s.WriteString("  SUM(o.amount) AS amount,\n")
	s.WriteString("  MIN(o.ordered_at) AS first_at,\n")
	s.WriteString("  MAX(o.ordered_at) AS last_at,\n")
	s.WriteString("  COUNT(CASE WHEN o.amount = 0 THEN 1 END) AS zero_rows,\n")
	fmt.Fprintf(&s, "  COUNT(o.order_id) - COUNT(DISTINCT %s) AS exact_repeats", exactRepeatKey(opt))
	if !b.PeriodStart.IsZero() {
		for _, p := range []struct{ name, cond string }{
			{"period", fmt.Sprintf("o.ordered_at >= '%s'", b.PeriodStart.Format(timeLiteralFmt))},
			{"prev_period", fmt.Sprintf("o.ordered_at >= '%s' AND o.ordered_at < '%s'",
				b.PrevPeriodStart.Format(timeLiteralFmt), b.PeriodStart.Format(timeLiteralFmt))},
		} {
			fmt.Fprintf(&s, ",\n  SUM(CASE WHEN %s THEN o.amount ELSE 0 END) AS %s_amount", p.cond, p.name)
			fmt.Fprintf(&s, ",\n  COUNT(DISTINCT CASE WHEN %[1]s THEN o.order_id END) + COUNT(CASE WHEN %[1]s AND o.order_id IS NULL THEN 1 END) AS %[2]s_orders", p.cond, p.name)
		}
	}
	if opt.Cost {
		s.WriteString(",\n  SUM(o.cost) AS cost")
	}
	if opt.Discount {
		s.WriteString(",\n  SUM(o.discount) AS discount")
	}
	group := ""
	if len(b.Holdout) > 0 {
		// One date difference per row rather than a comparison per unit:
		// engines that evaluate expressions slowly pay for each.
		start := b.Holdout[0].Format(timeLiteralFmt)
		fmt.Fprintf(&s, ",\n  CASE WHEN o.ordered_at >= '%s' THEN FLOOR(DATEDIFF(o.ordered_at, '%s') / %s) ELSE -1 END AS hold_unit",
			start, start, strconv.FormatFloat(b.HoldoutUnitDays, 'f', -1, 64))
		group = ", hold_unit"
	}
	fmt.Fprintf(&s, "\nFROM (\n%s\n) o\nGROUP BY o.customer_id, row_kind%s", orders, group)
	return s.String()
}

// FirstDaySQL sums each buyer's purchases on their first purchase day, which
// the Gamma-Gamma spend model leaves out of the mean spend. It finds the
// first day with a window function over the purchases before end
// (FIRST_VALUE over an ordered partition: on MariaDB several times faster
// than MIN over the partition when customers have thousands of rows).
//
// The result columns: customer_id, first_day_amount.
func FirstDaySQL(orders string, end time.Time, rules Rules) string {
	positive := purchase(rules)
	return fmt.Sprintf(`SELECT f.customer_id AS customer_id, SUM(f.amount) AS first_day_amount
FROM (
  SELECT o.customer_id AS customer_id, o.amount AS amount, o.ordered_at AS ordered_at,
    FIRST_VALUE(o.ordered_at) OVER (PARTITION BY o.customer_id ORDER BY o.ordered_at) AS first_at
  FROM (
%s
  ) o
  WHERE o.customer_id IS NOT NULL AND %s AND o.ordered_at < '%s'
) f
WHERE DATE(f.ordered_at) = DATE(f.first_at)
GROUP BY f.customer_id`, orders, positive, end.Format(timeLiteralFmt))
}

// CategorySQL sums each buyer's purchases per product category before end.
// With bigResult (the server takes the hint) SQL_BIG_RESULT tells MySQL
// and MariaDB to group by sorting: the groups (customers × categories) are
// millions at scale, and a temporary table of them outgrows memory and
// moves to disk (on MariaDB at 10M orders: 16 s sorted, 103–130 s through
// the temporary table).
//
// The result columns: customer_id, category, amount.
func CategorySQL(orders string, end time.Time, rules Rules, bigResult bool) string {
	return fmt.Sprintf(`SELECT %so.customer_id AS customer_id, o.category AS category, SUM(o.amount) AS amount
FROM (
%s
) o
WHERE o.customer_id IS NOT NULL AND %s AND o.ordered_at < '%s'
GROUP BY o.customer_id, o.category`, bigResultHint(bigResult), orders, purchase(rules), end.Format(timeLiteralFmt))
}

// CohortSQL aggregates purchases into monthly acquisition cohorts: the
// month of each buyer's first purchase × the month of the purchase, with
// the buyers and the revenue of each cell. The database returns a few
// hundred cells, whatever the number of orders. The purchases are first
// grouped per buyer and month, then joined to each buyer's first purchase
// month (both grouped by sorting with bigResult, as CategorySQL), so each
// cell counts its (buyer, month) rows without a COUNT(DISTINCT): on
// MariaDB at 10M orders 31 s, against 53 s for the orders joined to the
// first purchases and 5 minutes for a window function. Without a join to
// customers.sql it cannot leave out the orders of customer ids that
// customers.sql does not return; the Data quality sheet counts those.
//
// The result columns: cohort, month (both YYYY-MM), customers, revenue.
func CohortSQL(orders string, end time.Time, rules Rules, bigResult bool) string {
	cond := fmt.Sprintf("o.customer_id IS NOT NULL AND %s AND o.ordered_at < '%s'", purchase(rules), end.Format(timeLiteralFmt))
	hint := bigResultHint(bigResult)
	return fmt.Sprintf(`SELECT f.cohort AS cohort, cm.month AS month, COUNT(*) AS customers, SUM(cm.revenue) AS revenue
FROM (
  SELECT %so.customer_id AS customer_id, DATE_FORMAT(o.ordered_at, '%%Y-%%m') AS month, SUM(o.amount) AS revenue
  FROM (
%s
  ) o
  WHERE %s
  GROUP BY o.customer_id, month
) cm
JOIN (
  SELECT %so.customer_id AS customer_id, DATE_FORMAT(MIN(o.ordered_at), '%%Y-%%m') AS cohort
  FROM (
%s
  ) o
  WHERE %s
  GROUP BY o.customer_id
) f ON f.customer_id = cm.customer_id
GROUP BY f.cohort, cm.month`, hint, orders, cond, hint, orders, cond)
}

// bigResultHint returns the SQL_BIG_RESULT hint when on is set.
func bigResultHint(on bool) string {
	if on {
		return "SQL_BIG_RESULT "
	}
	return ""
}

// takesHints reports whether the server accepts MySQL's SELECT modifiers
// (MySQL and MariaDB do, the embedded demo engine does not; any other
// server is asked the same way).
func takesHints(ctx context.Context, q sqlx.QueryerContext) bool {
	var one int
	return q.QueryRowxContext(ctx, "SELECT SQL_BIG_RESULT 1").Scan(&one) == nil
}

// purchase is the condition that makes a row a purchase under rules.
func purchase(rules Rules) string {
	if rules.ZeroIsPurchase {
		return "o.amount >= 0"
	}
	return "o.amount > 0"
}
