package queries

import (
	"github.com/custseg/custseg/analysis"
)

// qualityCounts accumulates the data-quality counts of the orders.
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
	// inRepeatedOrders counts the exact repeats in orders every line of
	// which repeats (fold.repeats).
	inRepeatedOrders int64
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
