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

// AggregateSQL wraps orders.sql in custseg's per-customer aggregate, so the
// database returns one row per customer id. end is the exclusive end of the
// window (the day after the as-of date, at midnight in the data's zone); it
// is written into the SQL as a literal so the statement shown in the
// workbook runs as-is in a MySQL client. hasCost and hasDiscount add the
// optional sums.
//
// The result columns, in order: customer_id, source_rows, null_rows,
// future_rows, zero_rows, refund_rows, purchase_rows, orders, order_days,
// gross, refunds, first_order_at, last_order_at[, cost][, discount].
func AggregateSQL(orders string, end time.Time, hasCost, hasDiscount bool) string {
	in := fmt.Sprintf("o.ordered_at < '%s'", end.Format("2006-01-02 15:04:05"))
	buy := in + " AND o.amount > 0"
	var b strings.Builder
	b.WriteString("SELECT o.customer_id AS customer_id,\n")
	b.WriteString("  COUNT(*) AS source_rows,\n")
	b.WriteString("  SUM(CASE WHEN o.ordered_at IS NULL OR o.amount IS NULL THEN 1 ELSE 0 END) AS null_rows,\n")
	fmt.Fprintf(&b, "  SUM(CASE WHEN o.ordered_at >= '%s' THEN 1 ELSE 0 END) AS future_rows,\n", end.Format("2006-01-02 15:04:05"))
	fmt.Fprintf(&b, "  SUM(CASE WHEN %s AND o.amount = 0 THEN 1 ELSE 0 END) AS zero_rows,\n", in)
	fmt.Fprintf(&b, "  SUM(CASE WHEN %s AND o.amount < 0 THEN 1 ELSE 0 END) AS refund_rows,\n", in)
	fmt.Fprintf(&b, "  SUM(CASE WHEN %s THEN 1 ELSE 0 END) AS purchase_rows,\n", buy)
	fmt.Fprintf(&b, "  COUNT(DISTINCT CASE WHEN %s THEN o.order_id END) AS orders,\n", buy)
	fmt.Fprintf(&b, "  COUNT(DISTINCT CASE WHEN %s THEN DATE(o.ordered_at) END) AS order_days,\n", buy)
	fmt.Fprintf(&b, "  SUM(CASE WHEN %s THEN o.amount ELSE 0 END) AS gross,\n", buy)
	fmt.Fprintf(&b, "  SUM(CASE WHEN %s AND o.amount < 0 THEN -o.amount ELSE 0 END) AS refunds,\n", in)
	fmt.Fprintf(&b, "  MIN(CASE WHEN %s THEN o.ordered_at END) AS first_order_at,\n", buy)
	fmt.Fprintf(&b, "  MAX(CASE WHEN %s THEN o.ordered_at END) AS last_order_at", buy)
	if hasCost {
		// Cost follows revenue: a refund row's (negative) cost comes back too.
		fmt.Fprintf(&b, ",\n  SUM(CASE WHEN %s AND o.amount <> 0 THEN COALESCE(o.cost, 0) ELSE 0 END) AS cost", in)
	}
	if hasDiscount {
		fmt.Fprintf(&b, ",\n  SUM(CASE WHEN %s THEN COALESCE(o.discount, 0) ELSE 0 END) AS discount", buy)
	}
	fmt.Fprintf(&b, "\nFROM (\n%s\n) o\nGROUP BY o.customer_id", orders)
	return b.String()
}
