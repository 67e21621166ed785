package analysis

import "time"

// PeriodFigures are the sales of one reporting period over the known
// customers: net revenue (purchases minus refunds made in the period),
// purchases, buyers who bought in it, and first-time buyers (whose first
// purchase ever fell in it).
type PeriodFigures struct {
	From      string  `json:"from"` // YYYY-MM-DD, inclusive
	To        string  `json:"to"`   // YYYY-MM-DD, inclusive
	Revenue   float64 `json:"revenue"`
	Orders    int     `json:"orders"`
	Buyers    int     `json:"buyers"`
	NewBuyers int     `json:"new_buyers"`
}

// PeriodKPIs are this period's figures, its length in days and, under
// Previous, the figures of the period of the same length before it.
type PeriodKPIs struct {
	PeriodFigures
	Days     int            `json:"days"`
	Previous *PeriodFigures `json:"previous,omitempty"`
}

// periodKPIs sums the reporting period of d (nil when the extract did not
// sum one).
func periodKPIs(d *Dataset) *PeriodKPIs {
	p := &d.Period
	if !p.Known {
		return nil
	}
	now := PeriodFigures{From: p.From.String(), To: p.To.String(), Revenue: cents(p.Gross - p.Refunds)}
	prev := PeriodFigures{From: p.PrevFrom.String(), To: p.PrevTo.String(), Revenue: cents(p.PrevGross - p.PrevRefunds)}
	for i := range d.Customers {
		c := &d.Customers[i]
		if !c.IsBuyer() {
			continue
		}
		now.Orders += int(c.PeriodOrders)
		prev.Orders += int(c.PrevPeriodOrders)
		if c.PeriodOrders > 0 {
			now.Buyers++
		}
		if c.PrevPeriodOrders > 0 {
			prev.Buyers++
		}
		switch f := c.FirstOrder; {
		case f >= p.From && f <= p.To:
			now.NewBuyers++
		case f >= p.PrevFrom && f <= p.PrevTo:
			prev.NewBuyers++
		}
	}
	return &PeriodKPIs{PeriodFigures: now, Days: p.Days, Previous: &prev}
}

// PeriodDays returns the length in days of the reporting period that ends
// on asOf: the days after the previous run's as-of date prevAsOf (zero
// time: none) up to asOf, or 7 when there is no earlier previous run.
func PeriodDays(prevAsOf, asOf time.Time) int {
	if prevAsOf.IsZero() {
		return 7
	}
	if n := DaysBetween(prevAsOf, asOf); n > 0 {
		return n
	}
	return 7
}
