package queries

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"
)

// The statements of the data guards (analysis.Freshness, analysis.Fanout):
// how recent the newest purchase is, the repeat buyers' purchase rhythm,
// and how many purchase rows repeat another row exactly, per order. A run
// counts all three from the rows it reads (fold); `custseg check` sends
// them, over orders.sql as it is (it does not read customers.sql, so the
// orders of customer ids that customers.sql does not return count there
// too).

// exactRepeatKey is what COUNT(DISTINCT ...) compares rows by for exact
// repeats: order id, time, amount and, when orders.sql has one, the
// category (a NULL category as an empty one, since COUNT(DISTINCT) skips
// rows with a NULL in any of its columns).
func exactRepeatKey(opt Optional) string {
	key := "o.order_id, o.ordered_at, o.amount"
	if opt.Category {
		key += ", COALESCE(o.category, '')"
	}
	return key
}

// purchasesBefore is the condition of the purchases of customers before end.
func purchasesBefore(end time.Time, rules Rules) string {
	return fmt.Sprintf("o.customer_id IS NOT NULL AND %s AND o.ordered_at < '%s'", purchase(rules), end.Format(timeLiteralFmt))
}

// NewestPurchaseSQL selects the time of the newest purchase before end.
//
// The result column: last_at (NULL when there is none).
func NewestPurchaseSQL(orders string, end time.Time, rules Rules) string {
	return fmt.Sprintf("SELECT MAX(o.ordered_at) AS last_at\nFROM (\n%s\n) o\nWHERE %s", orders, purchasesBefore(end, rules))
}

// RhythmSQL selects, for each customer who bought on two days or more
// before end, the days from their first purchase day to their last and
// the number of their purchase days (analysis.Rhythm is the first over the
// second less one).
//
// The result columns: span_days, purchase_days.
func RhythmSQL(orders string, end time.Time, rules Rules) string {
	return fmt.Sprintf(`SELECT DATEDIFF(MAX(o.ordered_at), MIN(o.ordered_at)) AS span_days, COUNT(DISTINCT DATE(o.ordered_at)) AS purchase_days
FROM (
%s
) o
WHERE %s
GROUP BY o.customer_id
HAVING COUNT(DISTINCT DATE(o.ordered_at)) > 1`, orders, purchasesBefore(end, rules))
}

// FanoutSQL groups the purchases before end per line (customer, order id,
// time, amount and, with opt.Category, category) and then per order, and
// counts: every purchase row; the rows that repeat another row exactly
// (rows beyond the first of each line; never rows without an order id,
// which are orders of their own); and those of them in orders every line
// of which repeats, as a JOIN that fans out leaves them. With bigResult
// (the server takes the hint) the per-line grouping sorts rather than
// filling a temporary table, as CategorySQL.
//
// The result columns: purchase_rows, exact_repeats, repeated_order_repeats.
func FanoutSQL(orders string, end time.Time, rules Rules, opt Optional, bigResult bool) string {
	return fmt.Sprintf(`SELECT SUM(r.row_count) AS purchase_rows,
  SUM(CASE WHEN r.order_id IS NOT NULL THEN r.row_count - r.line_count ELSE 0 END) AS exact_repeats,
  SUM(CASE WHEN r.order_id IS NOT NULL AND r.min_count >= 2 THEN r.row_count - r.line_count ELSE 0 END) AS repeated_order_repeats
FROM (
  SELECT l.customer_id AS customer_id, l.order_id AS order_id, MIN(l.n) AS min_count, SUM(l.n) AS row_count, COUNT(*) AS line_count
  FROM (
    SELECT %so.customer_id AS customer_id, o.order_id AS order_id, COUNT(*) AS n
    FROM (
%s
    ) o
    WHERE %s
    GROUP BY %s
  ) l
  GROUP BY l.customer_id, l.order_id
) r`, bigResultHint(bigResult), orders, purchasesBefore(end, rules), "o.customer_id, "+exactRepeatKey(opt))
}

// OrderRepeats are FanoutSQL's counts.
type OrderRepeats struct {
	PurchaseRows, ExactRepeats, InRepeatedOrders int64
}

// CountOrderRepeats runs FanoutSQL over f.
func CountOrderRepeats(ctx context.Context, q sqlx.QueryerContext, f File, end time.Time, rules Rules, opt Optional, bigResult bool) (OrderRepeats, error) {
	var rows, repeats, inOrders sql.NullInt64
	if err := q.QueryRowxContext(ctx, FanoutSQL(f.SQL, end, rules, opt, bigResult)).Scan(&rows, &repeats, &inOrders); err != nil {
		return OrderRepeats{}, oneLine(fmt.Errorf("%s: repeated rows per order: %w", f.Name, err))
	}
	return OrderRepeats{PurchaseRows: rows.Int64, ExactRepeats: repeats.Int64, InRepeatedOrders: inOrders.Int64}, nil
}

// TakesHints reports whether the server accepts MySQL's SELECT modifiers
// such as SQL_BIG_RESULT (MySQL and MariaDB do, the embedded demo engine
// does not).
func TakesHints(ctx context.Context, q sqlx.QueryerContext) bool { return takesHints(ctx, q) }

// NewestPurchase returns the time of the newest purchase in f before end;
// ok is false when there is none.
func NewestPurchase(ctx context.Context, q sqlx.QueryerContext, f File, end time.Time, rules Rules) (last time.Time, ok bool, err error) {
	var t sql.NullTime
	if err := q.QueryRowxContext(ctx, NewestPurchaseSQL(f.SQL, end, rules)).Scan(&t); err != nil {
		return time.Time{}, false, oneLine(fmt.Errorf("%s: newest purchase: %w", f.Name, err))
	}
	return t.Time, t.Valid, nil
}

// PurchaseRhythms returns the mean days between purchase days of each
// customer in f who bought on two days or more before end.
func PurchaseRhythms(ctx context.Context, q sqlx.QueryerContext, f File, end time.Time, rules Rules) ([]float64, error) {
	rows, err := q.QueryContext(ctx, RhythmSQL(f.SQL, end, rules))
	if err != nil {
		return nil, oneLine(fmt.Errorf("%s: purchase rhythm: %w", f.Name, err))
	}
	defer rows.Close()
	var out []float64
	for rows.Next() {
		var span, days sql.NullInt64
		if err := rows.Scan(&span, &days); err != nil {
			return nil, fmt.Errorf("%s: purchase rhythm: %w", f.Name, err)
		}
		if days.Int64 > 1 {
			out = append(out, float64(span.Int64)/float64(days.Int64-1))
		}
	}
	if err := rows.Err(); err != nil {
		return nil, oneLine(fmt.Errorf("%s: purchase rhythm: %w", f.Name, err))
	}
	return out, nil
}

// duplicateID is the error of a customer id that customers.sql returns on
// two rows (1-based row numbers), the same in a run and in `custseg check`.
func duplicateID(f File, id string, first, again int) error {
	return fmt.Errorf("%s: customer_id %s appears more than once (rows %d and %d); customers.sql must return one row per customer",
		f.Name, id, first, again)
}

// CheckCustomerIDs reads customers.sql as a run does and returns the
// error a run would give for a customer id on two rows, nil when every id
// appears once; n is the number of rows with an id.
func CheckCustomerIDs(ctx context.Context, q sqlx.QueryerContext, f File) (n int, err error) {
	defer func() { err = oneLine(err) }()
	rows, err := q.QueryContext(ctx, f.SQL)
	if err != nil {
		return 0, fmt.Errorf("%s: %w", f.Name, err)
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return 0, fmt.Errorf("%s: %w", f.Name, err)
	}
	idCol := -1
	for i, c := range cols {
		if strings.EqualFold(c, "customer_id") {
			idCol = i
		}
	}
	if idCol < 0 {
		return 0, fmt.Errorf("%s: no customer_id column", f.Name)
	}
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	seen := map[string]int{}
	row := 0
	for rows.Next() {
		row++
		if err := rows.Scan(ptrs...); err != nil {
			return 0, fmt.Errorf("%s: row %d: %w", f.Name, row, err)
		}
		id := text(vals[idCol])
		if vals[idCol] == nil || id == "" {
			continue
		}
		if first, dup := seen[id]; dup {
			return 0, duplicateID(f, id, first, row)
		}
		seen[id] = row
	}
	if err := rows.Err(); err != nil {
		return 0, fmt.Errorf("%s: %w", f.Name, err)
	}
	return len(seen), nil
}
