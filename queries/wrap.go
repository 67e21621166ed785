package queries

import (
	"fmt"
	"strings"
	"time"
)

// ProbeSQL wraps a query so that it returns at most limit rows; the run
// and `custseg check` use it to read the column names and types.
func ProbeSQL(query string, limit int) string {
	return fmt.Sprintf("SELECT * FROM (\n%s\n) q LIMIT %d", query, limit)
}

// Row kinds of the aggregate, one per data-quality rule.
const (
	KindNull     = "null"     // no date or no amount: left out
	KindFuture   = "future"   // dated on or after the window's end: left out
	KindPurchase = "purchase" // positive amount: a purchase
	KindRefund   = "refund"   // negative amount: netted against the customer
	KindZero     = "zero"     // zero amount: kept, not a purchase
)

// AggregateSQL wraps orders.sql in custseg's per-customer aggregate, so the
// database does the scan and the grouping and returns at most one row per
// customer and row kind (purchases, refunds, and the rarer kinds of the
// data-quality rules). Classifying each row once and grouping by the class
// keeps the per-row work to one CASE, which matters on engines that
// evaluate expressions slowly. end is the exclusive end of the window (the
// day after the as-of date, at midnight in the data's zone); it is written
// into the SQL as a literal so the statement shown in the workbook runs
// as-is in a MySQL client. hasCost and hasDiscount add the optional sums.
//
// The result columns, in order: customer_id, row_kind, row_count, orders,
// order_days, amount, first_at, last_at[, cost][, discount].
func AggregateSQL(orders string, end time.Time, hasCost, hasDiscount bool) string {
	var b strings.Builder
	b.WriteString("SELECT o.customer_id AS customer_id,\n")
	fmt.Fprintf(&b, "  CASE WHEN o.ordered_at IS NULL OR o.amount IS NULL THEN '%s'\n", KindNull)
	fmt.Fprintf(&b, "       WHEN o.ordered_at >= '%s' THEN '%s'\n", end.Format("2006-01-02 15:04:05"), KindFuture)
	fmt.Fprintf(&b, "       WHEN o.amount > 0 THEN '%s'\n", KindPurchase)
	fmt.Fprintf(&b, "       WHEN o.amount < 0 THEN '%s'\n", KindRefund)
	fmt.Fprintf(&b, "       ELSE '%s' END AS row_kind,\n", KindZero)
	b.WriteString("  COUNT(*) AS row_count,\n")
	b.WriteString("  COUNT(DISTINCT o.order_id) AS orders,\n")
	b.WriteString("  COUNT(DISTINCT DATE(o.ordered_at)) AS order_days,\n")
	b.WriteString("  SUM(o.amount) AS amount,\n")
	b.WriteString("  MIN(o.ordered_at) AS first_at,\n")
	b.WriteString("  MAX(o.ordered_at) AS last_at")
	if hasCost {
		b.WriteString(",\n  SUM(o.cost) AS cost")
	}
	if hasDiscount {
		b.WriteString(",\n  SUM(o.discount) AS discount")
	}
	fmt.Fprintf(&b, "\nFROM (\n%s\n) o\nGROUP BY o.customer_id, row_kind", orders)
	return b.String()
}
