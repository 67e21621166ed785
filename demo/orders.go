package demo

import (
	"database/sql"
	"math"
	"slices"
	"strconv"
	"time"
)

// draft is an order before ids are assigned; parent is the draft index of
// the order a refund refunds, or -1.
type draft struct {
	row    OrderRow
	parent int
}

// orders draws every customer's orders, then the bad rows, then numbers
// them in time order.
func (g *generator) orders(customers []CustomerRow, scale float64) []OrderRow {
	drafts := make([]draft, 0, int(float64(g.o.Orders)*1.02))
	hw, fw := newWeighted(hourWeights), newWeighted(festivalHourWeights)
	var buf []float64
	for i := range g.plans {
		p := &g.plans[i]
		c := &customers[i]
		buf = g.purchases(p, scale, newRNG(g.o.Seed, streamTiming+uint64(i)), buf)
		r := newRNG(g.o.Seed, streamBasket+uint64(i))
		id := sql.NullInt64{Int64: c.ID, Valid: true}
		for k, t := range buf {
			d := int(t)
			var ts time.Time
			if k == 0 && p.first < 0.1 {
				ts = g.at(t)
			} else {
				h := hw.pick(r)
				if g.cal[d].kind == festivalDay {
					h = fw.pick(r)
				}
				ts = g.origin.AddDate(0, 0, d).Add(time.Duration(h)*time.Hour + time.Duration(r.IntN(3600))*time.Second)
			}
			if ts.Before(c.CreatedAt) {
				ts = c.CreatedAt.Add(time.Duration(60+r.IntN(7200)) * time.Second)
			}
			if ts.After(g.o.End) {
				ts = g.o.End.Add(-time.Duration(r.IntN(3600)) * time.Second)
			}
			o := g.basket(r, &p.category, p.spend, d, id, ts)
			drafts = append(drafts, draft{row: o, parent: -1})
			parent := len(drafts) - 1
			if r.chance(cancelRate) {
				ts2 := ts.Add(time.Duration(300+r.IntN(7200)) * time.Second)
				if ts2.After(g.o.End) {
					ts2 = g.o.End
				}
				x := g.basket(r, &p.category, p.spend, d, id, ts2)
				x.Status = StatusCancelled
				drafts = append(drafts, draft{row: x, parent: -1})
			}
			if r.chance(refundRate) {
				if rf, ok := g.refund(r, o); ok {
					drafts = append(drafts, draft{row: rf, parent: parent})
				}
			}
		}
	}
	drafts = g.messyOrders(drafts, customers)
	return number(drafts)
}

// basket draws one paid order placed at ts on day d.
func (g *generator) basket(r rng, taste *[numCategories]float64, spend float64, d int, customer sql.NullInt64, ts time.Time) OrderRow {
	cd := &g.cal[min(d, len(g.cal)-1)]
	var w [numCategories]float64
	for c := range w {
		w[c] = taste[c] * cd.category[c]
	}
	cat := pickSmall(r, w[:])
	pr := pricing[cat]
	price := r.lognormal(math.Log(pr.median), pr.sigma) * spend
	if cd.kind == festivalDay {
		price *= 1.25 // stocking up
	}
	list := priceCents(r, price)

	var discount int64
	pDiscount := [...]float64{ordinaryDay: 0.22, promoPeriod: 0.5, festivalDay: 0.8}[cd.kind]
	if r.chance(pDiscount) {
		switch u := r.Float64(); {
		case cd.kind != ordinaryDay && u < 0.5 && list >= 300_00:
			discount = min(list/300_00*40_00, list*4/10) // 每满300减40
		case u < 0.7:
			discount = list * int64(5+r.IntN(16)) / 100 // 5–20% off
		default:
			for _, coupon := range []int64{50_00, 20_00, 10_00, 5_00} {
				if list >= coupon*5 {
					discount = coupon
					break
				}
			}
		}
	}
	total := list - discount
	cost := int64(math.Round(float64(total) * r.uniform(pr.costLow, pr.costHigh)))
	return OrderRow{
		CustomerID: customer, CreatedAt: ts, Status: StatusPaid,
		TotalCents: total, DiscountCents: discount, CostCents: cost, Category: Categories[cat],
	}
}

// priceCents rounds a price in yuan to a shop price point: whole yuan, or
// ending in .90 or .99; at least 1.90.
func priceCents(r rng, yuan float64) int64 {
	c := int64(math.Ceil(max(yuan, 2))) * 100
	switch u := r.Float64(); {
	case u < 0.3:
		c -= 1
	case u < 0.5:
		c -= 10
	}
	return c
}

// refund returns a refund of o a few days later (before End), or false if
// there is no time left for one.
func (g *generator) refund(r rng, o OrderRow) (OrderRow, bool) {
	if o.TotalCents <= 0 {
		return OrderRow{}, false
	}
	delay := time.Duration((1+min(r.ExpFloat64()*6, 30))*24*float64(time.Hour)) + time.Duration(r.IntN(36000))*time.Second
	ts := o.CreatedAt.Add(delay)
	if ts.After(g.o.End) {
		room := g.o.End.Sub(o.CreatedAt)
		if room < time.Hour {
			return OrderRow{}, false
		}
		ts = o.CreatedAt.Add(time.Duration(r.uniform(0.1, 1) * float64(room)))
	}
	rf := o
	rf.CreatedAt = ts.Truncate(time.Second)
	rf.Status = StatusRefund
	if r.chance(0.85) { // the whole order back
		rf.TotalCents, rf.DiscountCents, rf.CostCents = -o.TotalCents, -o.DiscountCents, -o.CostCents
	} else { // part of it: one item returned
		f := r.uniform(0.2, 0.7)
		rf.TotalCents = -int64(math.Round(float64(o.TotalCents) * f))
		rf.CostCents = -int64(math.Round(float64(o.CostCents) * f))
		rf.DiscountCents = 0
	}
	return rf, true
}

// messyOrders adds the deliberately bad rows a data-quality report should
// find: 5 orders without a customer, 5 of customers that do not exist, 3
// test orders dated after End and 3 free orders (amount 0).
func (g *generator) messyOrders(drafts []draft, customers []CustomerRow) []draft {
	r := newRNG(g.o.Seed, streamMessy)
	start := g.o.Start.Sub(g.origin).Hours() / 24
	n := len(customers)
	someone := func() (*CustomerRow, *plan) {
		for {
			i := r.IntN(n)
			if g.plans[i].kind != kindNever {
				return &customers[i], &g.plans[i]
			}
		}
	}
	add := func(customer sql.NullInt64, taste *[numCategories]float64, after time.Time) OrderRow {
		from := max(start, after.Sub(g.origin).Hours()/24)
		t := r.uniform(from, g.horizon)
		o := g.basket(r, taste, 1, int(t), customer, g.at(t))
		drafts = append(drafts, draft{row: o, parent: -1})
		return o
	}
	for range 5 { // guest checkouts imported without a customer
		add(sql.NullInt64{}, &baseCategory, g.o.Start)
	}
	ghosts := []int64{int64(n) + 101, int64(n) + 101, int64(n) + 101, int64(n) + 257, int64(n) + 257}
	for _, id := range ghosts { // customers deleted from the customers table
		add(sql.NullInt64{Int64: id, Valid: true}, &baseCategory, g.o.Start)
	}
	for k := range 3 { // test orders with a clock set in the future
		c, _ := someone()
		drafts = append(drafts, draft{parent: -1, row: OrderRow{
			CustomerID: sql.NullInt64{Int64: c.ID, Valid: true},
			CreatedAt:  g.o.End.Add(time.Duration(1+k*17+r.IntN(10))*24*time.Hour + time.Duration(r.IntN(86400))*time.Second).Truncate(time.Second),
			Status:     StatusPaid, TotalCents: 1, Category: Categories[catDigital],
		}})
	}
	for range 3 { // free gifts: a 100% coupon
		c, p := someone()
		o := add(sql.NullInt64{Int64: c.ID, Valid: true}, &p.category, c.CreatedAt)
		last := &drafts[len(drafts)-1].row
		last.DiscountCents = o.TotalCents + o.DiscountCents
		last.TotalCents = 0
	}
	return drafts
}

// number sorts drafts by time and gives them ids and order numbers.
func number(drafts []draft) []OrderRow {
	perm := make([]int, len(drafts))
	for i := range perm {
		perm[i] = i
	}
	slices.SortStableFunc(perm, func(a, b int) int {
		return drafts[a].row.CreatedAt.Compare(drafts[b].row.CreatedAt)
	})
	pos := make([]int, len(drafts))
	out := make([]OrderRow, len(drafts))
	for rank, i := range perm {
		pos[i] = rank
		o := drafts[i].row
		o.ID = int64(rank + 1)
		o.OrderNo = orderNo(o.CreatedAt, o.ID)
		out[rank] = o
	}
	for rank, i := range perm {
		if p := drafts[i].parent; p >= 0 {
			out[rank].OrderNo = "R" + out[pos[p]].OrderNo
		}
	}
	return out
}

// orderNo is the date and the zero-padded id, e.g. "2024111100012345".
func orderNo(t time.Time, id int64) string {
	b := make([]byte, 0, 20)
	b = t.AppendFormat(b, "20060102")
	s := strconv.FormatInt(id, 10)
	for range 8 - len(s) {
		b = append(b, '0')
	}
	return string(append(b, s...))
}
