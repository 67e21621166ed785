package queries

import (
	"bytes"
	"cmp"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"slices"
	"sort"

	"github.com/custseg/custseg/analysis"
	"github.com/custseg/custseg/analysis/calendar"
	"github.com/custseg/custseg/analysis/guards"
)

// fold sums the order rows of one customer at a time into the dataset:
// the rows' money and counts as they arrive, and, once the customer's rows
// are all read, what needs them together (orders, purchase days, trend
// windows, holdout units, first purchase day, categories, cohorts, exact
// repeats). Its memory is one customer's purchase lines, reused.
//
// The rules, the same for every row (stated in the README's Data quality
// section):
//   - a row without a date or an amount is left out (null);
//   - a row dated on or after the window's end is left out (future);
//   - a row of a customer id customers.sql does not return is left out
//     (unknown);
//   - a negative amount is a refund, netted against the customer;
//   - a zero amount is kept out of the purchases, unless
//     rules.ZeroIsPurchase;
//   - every other row is a purchase line. Lines with one order id are one
//     order, dated by its first line: an order counts once, in the trend
//     window, reporting period and holdout unit its first line falls in.
//     A line without an order id is an order of its own.
type fold struct {
	ds          *analysis.Dataset
	rules       Rules
	hasCategory bool
	// The window's bounds as calendar days: a row is in a window when its
	// day is on or after the window's first day (every bound is a
	// midnight).
	end, recent, prev       calendar.Date
	period, prevPeriod      calendar.Date // zero without a reporting period
	holdout                 []calendar.Date
	q                       qualityCounts
	periodGross, prevGross  money
	periodRefund, prevRefnd money

	// The customer being read: its index (known) and its sums.
	cur                            int32
	known, reading, bought         bool
	gross, refunds, cost, discount money
	lines                          []line
	orderIDs                       []byte // the lines' order ids, end to end
	closed                         []bool // the known customers whose rows have been read
	unknownBuyers                  int
	catIndex                       map[string]uint16
	catNames                       []string
	catSpend                       []money // per category, over every customer, for folding rare ones
	catSlab                        []analysis.CategorySpend
	custCats                       []catSum
	cohorts                        map[cohortKey]*cohortSum
	days                           []calendar.Date
	dayGross                       []money
}

// line is one purchase line of the customer being read.
type line struct {
	day        calendar.Date
	clock      int64 // nanoseconds since midnight: with the day, the row's time
	amount     money
	orderStart int32 // the order id: orderIDs[orderStart:orderStart+orderLen]
	orderLen   int32 // −1 when the row has no order id
	cat        uint16
}

// catSum is one customer's purchases in one category.
type catSum struct {
	cat    uint16
	amount money
}

// cohortKey is a cell of the cohort table: the month of the buyers' first
// purchase and the month of the purchases, each as year × 12 + month − 1.
type cohortKey struct{ cohort, month int32 }

// cohortSum is one cell of the cohort table.
type cohortSum struct {
	buyers  int
	revenue money
}

// maxCategoryCodes bounds the distinct categories fold tells apart while
// reading (a uint16 code each); the values beyond it count as "(other)"
// from the start.
const maxCategoryCodes = math.MaxUint16

// maxCategories bounds the categories a dataset names: beyond it, the
// ones with the least purchases are folded into one "(other)", so a
// free-text column cannot blow up the reports.
const maxCategories = 1000

// otherCategory names the category the rarest categories are folded into
// when there are more than maxCategories.
const otherCategory = "(other)"

// newFold returns a fold of orders into ds under win and rules.
func newFold(ds *analysis.Dataset, win Window, rules Rules, hasCategory bool) *fold {
	b := win.Bounds()
	f := &fold{ds: ds, rules: rules, hasCategory: hasCategory,
		end: analysis.DateOf(b.End), recent: analysis.DateOf(b.RecentStart), prev: analysis.DateOf(b.PrevStart),
		closed:  make([]bool, len(ds.Customers)),
		cohorts: map[cohortKey]*cohortSum{}, catIndex: map[string]uint16{}}
	if !b.PeriodStart.IsZero() {
		f.period, f.prevPeriod = analysis.DateOf(b.PeriodStart), analysis.DateOf(b.PrevPeriodStart)
	}
	for _, t := range b.Holdout {
		f.holdout = append(f.holdout, analysis.DateOf(t))
	}
	return f
}

// errOutOfOrder is the error of a customer whose rows do not arrive
// together: the server did not sort them as OrdersSQL asks.
var errOutOfOrder = errors.New("the rows of this customer arrive apart from each other, not sorted by customer as custseg asked the server to; the counts would be wrong")

// open starts the rows of the customer at index i (known) or of a
// customer id customers.sql does not return.
func (f *fold) open(i int32, known bool) error {
	if known {
		if f.closed[i] {
			return errOutOfOrder
		}
		f.closed[i] = true
	}
	f.cur, f.known, f.reading, f.bought = i, known, true, false
	f.gross, f.refunds, f.cost, f.discount = money{}, money{}, money{}, money{}
	f.lines, f.orderIDs = f.lines[:0], f.orderIDs[:0]
	return nil
}

// row folds one row of the current customer: its order id, time and
// amount, and its cost, discount and category (nil when NULL or not
// selected).
func (f *fold) row(order []byte, at sql.NullTime, amountText, costText, discountText, categoryText []byte) error {
	q := &f.q
	q.sourceRows++
	day, clock := calendar.DayAndClock(at.Time)
	if !at.Valid || day == 0 || amountText == nil {
		q.nullRows++
		return nil
	}
	amount, ok := parseMoney(amountText)
	if !ok {
		return fmt.Errorf("amount %q is not a number", amountText)
	}
	if day >= f.end {
		q.future++
		return nil
	}
	sign := amount.sign()
	purchase := sign > 0 || (sign == 0 && f.rules.ZeroIsPurchase)
	if !f.known {
		q.unknown++
		f.bought = f.bought || purchase
		return nil
	}
	if err := addText(&f.cost, costText, "cost"); err != nil {
		return err
	}
	if sign == 0 {
		q.zero++
	}
	switch {
	case sign < 0:
		q.refunds++
		f.refunds.add(amount)
		f.addPeriod(day, amount, &f.periodRefund, &f.prevRefnd)
		return nil
	case !purchase:
		return nil
	}
	if err := addText(&f.discount, discountText, "discount"); err != nil {
		return err
	}
	f.gross.add(amount)
	f.addPeriod(day, amount, &f.periodGross, &f.prevGross)
	l := line{day: day, clock: clock, amount: amount, orderLen: -1}
	if order != nil {
		l.orderStart, l.orderLen = int32(len(f.orderIDs)), int32(len(order))
		f.orderIDs = append(f.orderIDs, order...)
	}
	if f.hasCategory {
		l.cat = f.category(categoryText)
	}
	f.lines = append(f.lines, l)
	return nil
}

// addText adds the number text (nil: NULL, nothing) of column to sum.
func addText(sum *money, text []byte, column string) error {
	if text == nil {
		return nil
	}
	v, ok := parseMoney(text)
	if !ok {
		return fmt.Errorf("%s %q is not a number", column, text)
	}
	sum.add(v)
	return nil
}

// addPeriod adds amount, of a row dated day, to this when the day falls
// in the reporting period, to prev when it falls in the period before.
func (f *fold) addPeriod(day calendar.Date, amount money, this, prev *money) {
	switch {
	case f.period == 0:
	case day >= f.period:
		this.add(amount)
	case day >= f.prevPeriod:
		prev.add(amount)
	}
}

// category returns the code of a category value (NULL as "").
func (f *fold) category(v []byte) uint16 {
	if k, ok := f.catIndex[string(v)]; ok {
		return k
	}
	name := string(v)
	if len(f.catNames) >= maxCategoryCodes-1 {
		name = otherCategory
		if k, ok := f.catIndex[name]; ok {
			return k
		}
	}
	k := uint16(len(f.catNames))
	f.catNames = append(f.catNames, name)
	f.catSpend = append(f.catSpend, money{})
	f.catIndex[name] = k
	return k
}

// orderID returns a line's order id.
func (f *fold) orderID(l *line) []byte {
	return f.orderIDs[l.orderStart : l.orderStart+l.orderLen]
}

// close finishes the current customer, if any.
func (f *fold) close() error {
	if !f.reading {
		return nil
	}
	f.reading = false
	if !f.known {
		if f.bought {
			f.unknownBuyers++
		}
		return nil
	}
	c := &f.ds.Customers[f.cur]
	c.Cost = f.cost.float()
	c.Refunds = math.Abs(f.refunds.float())
	if len(f.lines) == 0 {
		return nil
	}
	c.Gross, c.Discount = f.gross.float(), f.discount.float()
	f.orders(c)
	f.purchaseDays(c)
	if f.hasCategory {
		f.categories(c)
	}
	return nil
}

// orders counts the current customer's orders, each in the window of its
// first line, and the lines that repeat another exactly.
func (f *fold) orders(c *analysis.Customer) {
	ls := f.lines
	slices.SortFunc(ls, func(a, b line) int {
		// Lines without an order id last; then by order id, time, amount
		// and category, so that an order's lines, and the lines of one
		// order that are exactly alike, are next to each other.
		if x := cmp.Compare(min(a.orderLen, 0), min(b.orderLen, 0)); x != 0 {
			return x
		}
		if a.orderLen >= 0 {
			if x := bytes.Compare(f.orderID(&a), f.orderID(&b)); x != 0 {
				return x
			}
		}
		return compareLines(a, b)
	})
	r := &f.ds.Repeats
	r.PurchaseRows += int64(len(ls))
	var orders int32
	for i := 0; i < len(ls); {
		j := i + 1
		if ls[i].orderLen >= 0 {
			for j < len(ls) && ls[j].orderLen >= 0 && bytes.Equal(f.orderID(&ls[j]), f.orderID(&ls[i])) {
				j++
			}
			f.repeats(ls[i:j])
		}
		orders++
		f.countOrder(c, ls[i].day) // the first line: sorted by time within the order
		i = j
	}
	c.Orders = orders
	f.q.duplicates += int64(len(ls)) - int64(orders)
}

// compareLines orders the lines of one order by time, amount and category.
func compareLines(a, b line) int {
	if x := cmp.Compare(a.day, b.day); x != 0 {
		return x
	}
	if x := cmp.Compare(a.clock, b.clock); x != 0 {
		return x
	}
	switch {
	case a.amount.less(b.amount):
		return -1
	case b.amount.less(a.amount):
		return 1
	}
	return cmp.Compare(a.cat, b.cat)
}

// repeats counts the lines of one order (sorted by compareLines) that
// repeat another line exactly, and those of them in an order every line
// of which repeats, as a JOIN that fans out leaves them (FanoutSQL's
// counts, from the same rows).
func (f *fold) repeats(order []line) {
	extra, minCount, count := int64(0), math.MaxInt, 1
	for k := 1; k <= len(order); k++ {
		if k < len(order) && compareLines(order[k-1], order[k]) == 0 {
			extra++
			count++
			continue
		}
		minCount = min(minCount, count)
		count = 1
	}
	f.ds.Repeats.ExactRepeats += extra
	if minCount >= 2 {
		f.q.inRepeatedOrders += extra
	}
}

// countOrder counts one order of c, dated day, in its trend window and
// reporting period.
func (f *fold) countOrder(c *analysis.Customer, day calendar.Date) {
	switch {
	case day >= f.recent:
		c.RecentOrders++
	case day >= f.prev:
		c.PreviousOrders++
	}
	switch {
	case f.period == 0:
	case day >= f.period:
		c.PeriodOrders++
	case day >= f.prevPeriod:
		c.PrevPeriodOrders++
	}
}

// purchaseDays sums the current customer's purchase days: first, last,
// the last before the recent window, the days before the holdout and in
// each of its units, the first day's purchases and the months of the
// cohort table.
func (f *fold) purchaseDays(c *analysis.Customer) {
	ls := f.lines
	slices.SortFunc(ls, func(a, b line) int { return cmp.Compare(a.day, b.day) })
	f.days, f.dayGross = f.days[:0], f.dayGross[:0]
	for i := range ls {
		if n := len(f.days); n == 0 || f.days[n-1] != ls[i].day {
			f.days = append(f.days, ls[i].day)
			f.dayGross = append(f.dayGross, money{})
		}
		f.dayGross[len(f.dayGross)-1].add(ls[i].amount)
	}
	days := f.days
	c.OrderDays = int32(len(days))
	c.FirstOrder, c.LastOrder = days[0], days[len(days)-1]
	c.FirstDayGross = f.dayGross[0].float()
	if k := sort.Search(len(days), func(k int) bool { return days[k] >= f.recent }); k > 0 {
		c.LastBeforeRecent = days[k-1]
	}
	if len(f.holdout) > 0 {
		f.holdoutDays(c, days)
	}
	// The cohort table: the buyer counts once in each month they bought
	// in, with that month's purchases, in the row of their first month.
	first := monthOf(days[0])
	var cell *cohortSum
	lastMonth := int32(-1)
	for k, d := range days {
		if m := monthOf(d); m != lastMonth {
			key := cohortKey{cohort: first, month: m}
			if cell = f.cohorts[key]; cell == nil {
				cell = &cohortSum{}
				f.cohorts[key] = cell
			}
			cell.buyers++
			lastMonth = m
		}
		cell.revenue.add(f.dayGross[k])
	}
}

// holdoutDays counts c's purchase days (ascending) before the holdout and
// in each of its units.
func (f *fold) holdoutDays(c *analysis.Customer, days []calendar.Date) {
	ds := f.ds
	unit, n := -1, int32(0)
	flush := func() {
		if unit >= 0 && n > 0 {
			c.HoldoutDays += n
			ds.Holdout.Cells = append(ds.Holdout.Cells, analysis.HoldoutCell{Customer: f.cur, Unit: int16(unit), Days: n})
		}
	}
	for _, d := range days {
		if d < f.holdout[0] {
			c.CalOrderDays++
			c.CalLastOrder = d
			continue
		}
		u := sort.Search(len(f.holdout), func(k int) bool { return f.holdout[k] > d }) - 1
		if u != unit {
			flush()
			unit, n = u, 0
		}
		n++
	}
	flush()
}

// categories sums the current customer's purchases per category.
func (f *fold) categories(c *analysis.Customer) {
	sums := f.custCats[:0]
	for i := range f.lines {
		l := &f.lines[i]
		k := slices.IndexFunc(sums, func(s catSum) bool { return s.cat == l.cat })
		if k < 0 {
			sums = append(sums, catSum{cat: l.cat})
			k = len(sums) - 1
		}
		sums[k].amount.add(l.amount)
	}
	slices.SortFunc(sums, func(a, b catSum) int { return cmp.Compare(a.cat, b.cat) })
	// The customers' category slices share large backing arrays.
	if len(f.catSlab)+len(sums) > cap(f.catSlab) {
		f.catSlab = make([]analysis.CategorySpend, 0, max(4096, len(sums)))
	}
	start := len(f.catSlab)
	for _, s := range sums {
		f.catSpend[s.cat].add(s.amount)
		f.catSlab = append(f.catSlab, analysis.CategorySpend{Cat: s.cat, Amount: s.amount.float()})
	}
	c.Categories = f.catSlab[start:len(f.catSlab):len(f.catSlab)]
	f.custCats = sums
}

// monthOf returns d's month as year × 12 + month − 1.
func monthOf(d calendar.Date) int32 {
	y, m, _ := d.Time().Date()
	return int32(y)*12 + int32(m) - 1
}

// monthText writes a month of monthOf as YYYY-MM.
func monthText(m int32) string {
	return fmt.Sprintf("%04d-%02d", m/12, m%12+1)
}

// finish puts the sums over every customer into the dataset: the
// reporting period's money, the cohort table, the categories' names (the
// rarest folded into one when there are more than maxCategories) and
// the count of unknown buyers.
func (f *fold) finish() {
	ds := f.ds
	if ds.Period.Known {
		ds.Period.Gross, ds.Period.PrevGross = f.periodGross.float(), f.prevGross.float()
		ds.Period.Refunds, ds.Period.PrevRefunds = math.Abs(f.periodRefund.float()), math.Abs(f.prevRefnd.float())
	}
	ds.UnknownBuyers = f.unknownBuyers
	ds.HasFirstDay = true
	ds.CohortCells = make([]analysis.CohortCell, 0, len(f.cohorts))
	for k, cell := range f.cohorts {
		ds.CohortCells = append(ds.CohortCells, analysis.CohortCell{Cohort: monthText(k.cohort), Month: monthText(k.month),
			Customers: cell.buyers, Revenue: math.Round(cell.revenue.float()*100) / 100})
	}
	slices.SortFunc(ds.CohortCells, func(a, b analysis.CohortCell) int {
		return cmp.Or(cmp.Compare(a.Cohort, b.Cohort), cmp.Compare(a.Month, b.Month))
	})
	if f.hasCategory {
		ds.HasCategory = true
		f.nameCategories()
	}
	r := &ds.Repeats
	if guards.FanoutOver(r.ExactRepeats, r.PurchaseRows, f.rules.FanoutMaxShare) {
		r.PerOrder, r.OrderRows, r.InRepeatedOrders = true, r.PurchaseRows, f.q.inRepeatedOrders
	}
}

// nameCategories sets ds.CategoryNames in byte order of the names, each
// customer's categories renumbered to match; beyond maxCategories, the
// categories with the least purchases are folded into one "(other)".
func (f *fold) nameCategories() {
	ds := f.ds
	order := make([]int, len(f.catNames))
	for k := range order {
		order[k] = k
	}
	keep := len(order)
	if keep > maxCategories {
		// The most bought first; ties by name.
		slices.SortFunc(order, func(a, b int) int {
			if x := cmp.Compare(f.catSpend[b].float(), f.catSpend[a].float()); x != 0 {
				return x
			}
			return cmp.Compare(f.catNames[a], f.catNames[b])
		})
		keep = maxCategories - 1
	}
	kept := order[:keep]
	slices.SortFunc(kept, func(a, b int) int { return cmp.Compare(f.catNames[a], f.catNames[b]) })
	code := make([]uint16, len(f.catNames))
	names := make([]string, 0, keep+1)
	for _, k := range kept {
		code[k] = uint16(len(names))
		names = append(names, f.catNames[k])
	}
	if keep < len(order) {
		other := uint16(len(names))
		names = append(names, otherCategory)
		for _, k := range order[keep:] {
			code[k] = other
		}
	}
	ds.CategoryNames = names
	for i := range ds.Customers {
		cs := ds.Customers[i].Categories
		for j := range cs {
			cs[j].Cat = code[cs[j].Cat]
		}
		if keep < len(order) {
			ds.Customers[i].Categories = mergeCategories(cs)
		}
	}
}

// mergeCategories adds up the entries of one category in cs (after rare
// categories were folded into one), in place, sorted by category.
func mergeCategories(cs []analysis.CategorySpend) []analysis.CategorySpend {
	slices.SortFunc(cs, func(a, b analysis.CategorySpend) int { return cmp.Compare(a.Cat, b.Cat) })
	out := cs[:0]
	for _, c := range cs {
		if n := len(out); n > 0 && out[n-1].Cat == c.Cat {
			out[n-1].Amount += c.Amount
			continue
		}
		out = append(out, c)
	}
	return out
}
