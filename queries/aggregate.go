package queries

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/jmoiron/sqlx"

	"github.com/custseg/custseg/analysis"
)

// qualityCounts accumulates the data-quality counts of the aggregate.
type qualityCounts struct {
	sourceRows      int64
	nullCustomer    int64
	nullRows        int64
	future          int64
	zero            int64
	refunds         int64
	duplicates      int64
	unknown         int64
	customersNullID int64
}

func (q *qualityCounts) checks(ds *analysis.Dataset) []analysis.QualityCheck {
	var nonPositive int64
	for i := range ds.Customers {
		if ds.Customers[i].IsBuyer() && ds.Customers[i].Net() <= 0 {
			nonPositive++
		}
	}
	return []analysis.QualityCheck{
		{Check: analysis.CheckNullCustomerID, Rows: q.nullCustomer},
		{Check: analysis.CheckNullDateOrAmount, Rows: q.nullRows},
		{Check: analysis.CheckFutureDate, Rows: q.future},
		{Check: analysis.CheckUnknownCustomer, Rows: q.unknown},
		{Check: analysis.CheckZeroAmount, Rows: q.zero},
		{Check: analysis.CheckRefund, Rows: q.refunds},
		{Check: analysis.CheckDuplicateOrderID, Rows: q.duplicates},
		{Check: analysis.CheckCustomersNullID, Rows: q.customersNullID},
		{Check: analysis.CheckBuyersNonPositive, Rows: nonPositive},
	}
}

// readAggregate runs the aggregate and stores each known customer's order
// statistics in ds; rows of unknown or NULL customer ids only feed the
// quality counts.
func readAggregate(ctx context.Context, tx *sqlx.Tx, file, query string, ds *analysis.Dataset, index map[string]int32) (*qualityCounts, error) {
	rows, err := tx.QueryContext(ctx, query)
	if err != nil {
		return nil, fmt.Errorf("%s: aggregate: %w", file, err)
	}
	defer rows.Close()
	var (
		id                                               sql.NullString
		source, nulls, future, zero, refundRows, buyRows sql.NullInt64
		orders, days                                     sql.NullInt64
		gross, refunds, cost, discount                   sql.NullFloat64
		first, last                                      sql.NullTime
	)
	dest := []any{&id, &source, &nulls, &future, &zero, &refundRows, &buyRows, &orders, &days, &gross, &refunds, &first, &last}
	if ds.HasCost {
		dest = append(dest, &cost)
	}
	if ds.HasDiscount {
		dest = append(dest, &discount)
	}
	q := &qualityCounts{}
	n := 0
	for rows.Next() {
		n++
		if err := rows.Scan(dest...); err != nil {
			return nil, fmt.Errorf("%s: aggregate row %d (customer_id %q): %w", file, n, id.String, err)
		}
		q.sourceRows += source.Int64
		if !id.Valid {
			q.nullCustomer += source.Int64
			continue
		}
		q.nullRows += nulls.Int64
		q.future += future.Int64
		i, known := index[id.String]
		if !known {
			q.unknown += source.Int64 - nulls.Int64 - future.Int64
			continue
		}
		q.zero += zero.Int64
		q.refunds += refundRows.Int64
		q.duplicates += buyRows.Int64 - orders.Int64
		c := &ds.Customers[i]
		c.Orders = int(orders.Int64)
		c.OrderDays = int(days.Int64)
		c.Gross = gross.Float64
		c.Refunds = refunds.Float64
		c.Cost = cost.Float64
		c.Discount = discount.Float64
		if first.Valid {
			c.FirstOrder = first.Time
		}
		if last.Valid {
			c.LastOrder = last.Time
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("%s: aggregate: %w", file, err)
	}
	return q, nil
}
