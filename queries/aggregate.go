package queries

import (
	"context"
	"database/sql"
	"fmt"
	"math"

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

func (q *qualityCounts) checks(ds *analysis.Dataset, rules Rules) []analysis.QualityCheck {
	zero := analysis.CheckZeroAmount
	if rules.ZeroIsPurchase {
		zero = analysis.CheckZeroAmountPurchase
	}
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
		{Check: zero, Rows: q.zero},
		{Check: analysis.CheckRefund, Rows: q.refunds},
		{Check: analysis.CheckDuplicateOrderID, Rows: q.duplicates},
		{Check: analysis.CheckExactRepeatLines, Rows: ds.Repeats.ExactRepeats},
		{Check: analysis.CheckCustomersNullID, Rows: q.customersNullID},
		{Check: analysis.CheckBuyersNonPositive, Rows: nonPositive},
	}
}

// readAggregate runs the aggregate and adds each known customer's order
// statistics to ds; rows of unknown or NULL customer ids, and rows outside
// the window, only feed the quality counts.
func readAggregate(ctx context.Context, tx *sqlx.Tx, file, query string, ds *analysis.Dataset, index map[string]int32, mt *meter) (*qualityCounts, error) {
	rows, err := tx.QueryContext(ctx, query)
	if err != nil {
		return nil, fmt.Errorf("%s: aggregate: %w", file, err)
	}
	defer rows.Close()
	var (
		id, kind                            sql.NullString
		count, orders, days, zeros, repeats sql.NullInt64
		amount, cost, discount              sql.NullFloat64
		first, last                         sql.NullTime
	)
	var pAmount, pPrevAmount sql.NullFloat64
	var pOrders, pPrevOrders sql.NullInt64
	dest := []any{&id, &kind, &count, &orders, &days, &amount, &first, &last, &zeros, &repeats}
	if ds.Period.Known {
		dest = append(dest, &pAmount, &pOrders, &pPrevAmount, &pPrevOrders)
	}
	var holdUnit sql.NullInt64
	holdUnit.Int64 = -1
	if ds.HasCost {
		dest = append(dest, &cost)
	}
	if ds.HasDiscount {
		dest = append(dest, &discount)
	}
	if ds.Holdout.Known {
		dest = append(dest, &holdUnit)
	}
	q := &qualityCounts{}
	n := 0
	unknownBuyers := map[string]struct{}{} // ids not in customers.sql with purchases
	for rows.Next() {
		n++
		mt.row()
		cost, discount = sql.NullFloat64{}, sql.NullFloat64{}
		if err := rows.Scan(dest...); err != nil {
			return nil, fmt.Errorf("%s: aggregate row %d (customer_id %q): %w", file, n, id.String, err)
		}
		q.sourceRows += count.Int64
		i, known := index[id.String]
		switch {
		case !id.Valid:
			q.nullCustomer += count.Int64
			continue
		case kind.String == KindNull:
			q.nullRows += count.Int64
			continue
		case kind.String == KindFuture:
			q.future += count.Int64
			continue
		case !known:
			q.unknown += count.Int64
			switch kind.String {
			case KindBuyRecent, KindBuyPrev, KindBuyOlder:
				unknownBuyers[id.String] = struct{}{}
			}
			continue
		}
		c := &ds.Customers[i]
		c.Cost += cost.Float64
		q.zero += zeros.Int64
		switch kind.String {
		case KindZero:
		case KindRefund:
			q.refunds += count.Int64
			c.Refunds += math.Abs(amount.Float64)
			ds.Period.Refunds += math.Abs(pAmount.Float64)
			ds.Period.PrevRefunds += math.Abs(pPrevAmount.Float64)
		case KindBuyRecent, KindBuyPrev, KindBuyOlder:
			q.duplicates += count.Int64 - orders.Int64
			ds.Repeats.PurchaseRows += count.Int64
			ds.Repeats.ExactRepeats += repeats.Int64
			c.Orders += int32(orders.Int64)
			if u := holdUnit.Int64; ds.Holdout.Known && u >= 0 {
				c.HoldoutDays += int32(days.Int64)
				ds.Holdout.Cells = append(ds.Holdout.Cells, analysis.HoldoutCell{Customer: i, Unit: int16(u), Days: int32(days.Int64)})
			} else if ds.Holdout.Known {
				c.CalOrderDays += int32(days.Int64)
				if d := analysis.DateOf(last.Time); d > c.CalLastOrder {
					c.CalLastOrder = d
				}
			}
			c.PeriodOrders += int32(pOrders.Int64)
			c.PrevPeriodOrders += int32(pPrevOrders.Int64)
			ds.Period.Gross += pAmount.Float64
			ds.Period.PrevGross += pPrevAmount.Float64
			c.OrderDays += int32(days.Int64)
			c.Gross += amount.Float64
			c.Discount += discount.Float64
			firstDay, lastDay := analysis.DateOf(first.Time), analysis.DateOf(last.Time)
			if c.FirstOrder.IsZero() || firstDay < c.FirstOrder {
				c.FirstOrder = firstDay
			}
			if lastDay > c.LastOrder {
				c.LastOrder = lastDay
			}
			switch kind.String {
			case KindBuyRecent:
				c.RecentOrders += int32(orders.Int64)
			case KindBuyPrev:
				c.PreviousOrders += int32(orders.Int64)
			}
			if kind.String != KindBuyRecent && lastDay > c.LastBeforeRecent {
				c.LastBeforeRecent = lastDay
			}
		default:
			return nil, fmt.Errorf("%s: aggregate row %d: unexpected row kind %q", file, n, kind.String)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("%s: aggregate: %w", file, err)
	}
	ds.UnknownBuyers = len(unknownBuyers)
	return q, nil
}

// readFirstDay stores each known buyer's first-day purchases in ds.
func readFirstDay(ctx context.Context, tx *sqlx.Tx, file, query string, ds *analysis.Dataset, index map[string]int32, mt *meter) error {
	rows, err := tx.QueryContext(ctx, query)
	if err != nil {
		return fmt.Errorf("%s: first purchase days: %w", file, err)
	}
	defer rows.Close()
	var (
		id     sql.NullString
		amount sql.NullFloat64
	)
	for rows.Next() {
		mt.row()
		if err := rows.Scan(&id, &amount); err != nil {
			return fmt.Errorf("%s: first purchase days: %w", file, err)
		}
		if i, ok := index[id.String]; ok && id.Valid {
			ds.Customers[i].FirstDayGross = amount.Float64
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("%s: first purchase days: %w", file, err)
	}
	ds.HasFirstDay = true
	return nil
}
