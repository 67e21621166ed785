package queries

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/jmoiron/sqlx"

	"github.com/custseg/custseg/analysis"
)

// OrdersSQL wraps orders.sql in the one statement a run reads the orders
// with: every row of it, its columns as orders.sql names them, sorted by
// customer so that each customer's rows arrive together and are summed
// the moment the next customer's start (readOrders). The database only
// scans and sorts; the grouping into orders, purchase days, trend windows,
// categories and cohorts is custseg's, in one pass over the rows.
//
// With byBytes the rows are sorted by the customer id's bytes rather than
// by the column's collation: under a case-insensitive collation "ab" and
// "AB" sort as one value and their rows could interleave, while custseg
// tells customer ids apart by their bytes, as customers.sql returns them.
// Numeric ids need no such care and keep their own order, which an index
// on the orders table may already give.
//
// The result columns: customer_id, order_id, ordered_at, amount[, cost]
// [, discount][, category].
func OrdersSQL(orders string, opt Optional, byBytes bool) string {
	var s strings.Builder
	s.WriteString("SELECT o.customer_id AS customer_id, o.order_id AS order_id, o.ordered_at AS ordered_at, o.amount AS amount")
	if opt.Cost {
		s.WriteString(", o.cost AS cost")
	}
	if opt.Discount {
		s.WriteString(", o.discount AS discount")
	}
	if opt.Category {
		s.WriteString(", o.category AS category")
	}
	fmt.Fprintf(&s, "\nFROM (\n%s\n) o\nORDER BY ", orders)
	if byBytes {
		s.WriteString("CAST(o.customer_id AS BINARY)")
	} else {
		s.WriteString("o.customer_id")
	}
	return s.String()
}

// SortsByBytes reports whether OrdersSQL must sort the customer ids of
// orders.sql, whose columns are cols, by their bytes: unless customer_id
// is a number.
func SortsByBytes(cols []Column) bool {
	for _, c := range cols {
		if strings.EqualFold(c.Name, "customer_id") {
			return KindOf(c.DBType) != KindNumber
		}
	}
	return true
}

// readOrders runs OrdersSQL and folds its rows into ds, customer by
// customer; it returns the data-quality counts.
func readOrders(ctx context.Context, tx *sqlx.Tx, file, query string, ds *analysis.Dataset, index map[string]int32, f *fold, mt *meter) (*qualityCounts, error) {
	rows, err := tx.QueryContext(ctx, query)
	if err != nil {
		return nil, fmt.Errorf("%s: orders: %w", file, err)
	}
	defer rows.Close()
	var (
		id, order, amount, cost, discount, category sql.RawBytes
		at                                          sql.NullTime
	)
	dest := []any{&id, &order, &at, &amount}
	if ds.HasCost {
		dest = append(dest, &cost)
	}
	if ds.HasDiscount {
		dest = append(dest, &discount)
	}
	if f.hasCategory {
		dest = append(dest, &category)
	}
	var (
		cur     []byte // the customer id of the rows being read
		started bool
		n       int64
	)
	for rows.Next() {
		n++
		mt.row()
		if err := rows.Scan(dest...); err != nil {
			return nil, fmt.Errorf("%s: orders: row %d (customer_id %q): %w", file, n, id, err)
		}
		if id == nil {
			f.q.sourceRows++
			f.q.nullCustomer++
			continue
		}
		if !started || !bytes.Equal(id, cur) {
			if err := f.close(); err != nil {
				return nil, fmt.Errorf("%s: orders: row %d: %w", file, n, err)
			}
			cur = append(cur[:0], id...)
			started = true
			i, known := index[string(id)]
			if err := f.open(i, known); err != nil {
				return nil, fmt.Errorf("%s: orders: row %d (customer_id %q): %w", file, n, id, err)
			}
		}
		if err := f.row(order, at, amount, cost, discount, category); err != nil {
			return nil, fmt.Errorf("%s: orders: row %d (customer_id %q): %w", file, n, id, err)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("%s: orders: %w", file, err)
	}
	if err := f.close(); err != nil {
		return nil, fmt.Errorf("%s: orders: %w", file, err)
	}
	f.finish()
	return &f.q, nil
}
