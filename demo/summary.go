package demo

import (
	"cmp"
	"slices"
)

// Summary describes a generated shop in the terms its realism is judged by.
type Summary struct {
	Customers int
	Orders    int // all order rows
	Paid      int
	Refunds   int
	Cancelled int

	// Buyers have at least one paid order with a positive amount, dated
	// within the period, among the shop's customers.
	Buyers        int
	NeverBought   int // customers who are not buyers
	OneTimeBuyers int // buyers with exactly one such order

	NeverBoughtShare float64 // of customers
	OneTimeShare     float64 // of buyers
	RefundShare      float64 // refund rows over paid rows
	DiscountShare    float64 // paid orders with a discount, over paid orders
	// Top20Share is the share of net revenue (paid minus refunds) of the 20%
	// of buyers with the highest net revenue.
	Top20Share float64

	RevenueCents int64 // net revenue of buyers

	// The deliberately bad rows.
	NullCustomerOrders    int
	UnknownCustomerOrders int
	FutureOrders          int
	ZeroAmountOrders      int
}

// Summary computes the shop's summary from its rows.
func (s *Shop) Summary() Summary {
	sum := Summary{Customers: len(s.Customers), Orders: len(s.Orders)}
	known := make(map[int64]int, len(s.Customers))
	for i, c := range s.Customers {
		known[c.ID] = i
	}
	paid := make([]int, len(s.Customers))
	net := make([]int64, len(s.Customers))
	discounted := 0
	for _, o := range s.Orders {
		switch o.Status {
		case StatusPaid:
			sum.Paid++
			if o.DiscountCents > 0 {
				discounted++
			}
			if o.TotalCents == 0 {
				sum.ZeroAmountOrders++
			}
		case StatusRefund:
			sum.Refunds++
		case StatusCancelled:
			sum.Cancelled++
		}
		if o.CreatedAt.After(s.Options.End) {
			sum.FutureOrders++
			continue
		}
		if !o.CustomerID.Valid {
			sum.NullCustomerOrders++
			continue
		}
		i, ok := known[o.CustomerID.Int64]
		if !ok {
			sum.UnknownCustomerOrders++
			continue
		}
		switch o.Status {
		case StatusPaid:
			if o.TotalCents > 0 {
				paid[i]++
			}
			net[i] += o.TotalCents
		case StatusRefund:
			net[i] += o.TotalCents
		}
	}
	var values []int64
	for i := range s.Customers {
		switch paid[i] {
		case 0:
			sum.NeverBought++
			continue
		case 1:
			sum.OneTimeBuyers++
		}
		sum.Buyers++
		values = append(values, net[i])
		sum.RevenueCents += net[i]
	}
	slices.SortFunc(values, func(a, b int64) int { return cmp.Compare(b, a) })
	var top int64
	for _, v := range values[:(len(values)+4)/5] {
		top += v
	}
	ratio := func(a, b int) float64 {
		if b == 0 {
			return 0
		}
		return float64(a) / float64(b)
	}
	sum.NeverBoughtShare = ratio(sum.NeverBought, sum.Customers)
	sum.OneTimeShare = ratio(sum.OneTimeBuyers, sum.Buyers)
	sum.RefundShare = ratio(sum.Refunds, sum.Paid)
	sum.DiscountShare = ratio(discounted, sum.Paid)
	if sum.RevenueCents > 0 {
		sum.Top20Share = float64(top) / float64(sum.RevenueCents)
	}
	return sum
}
