package demo

import (
	"database/sql"
	"fmt"
	"math"
	"slices"
	"time"
)

// The generative model. Each registered customer is one of four kinds:
//
//   - never: registers and never buys (about 8% of customers);
//   - once: buys once and never again (with the repeat buyers who run out of
//     time, about 40% of buyers);
//   - repeat: after the first purchase, buys as a Poisson process with rate
//     λ ~ Gamma (heterogeneous rhythm) modulated by the calendar, and after
//     each purchase from the second on drops out for good with probability
//     p ~ Beta: the BG/NBD story (Fader, Hardie & Lee 2005), so some repeat
//     buyers are churners;
//   - loyal: a few percent of buyers with a high rate, a low dropout and a
//     larger basket, who make the value Pareto-concentrated.
//
// Order value is lognormal by category, scaled by a per-customer spend level
// (independent of frequency, as Gamma-Gamma assumes). One shop-wide scale on
// λ is found by bisection so that the number of order rows meets
// Options.Orders.
const (
	shareNever     = 0.07 // designated never-buyers; late registrants add ~1.5 points
	shareLoyal     = 0.03 // of buyers
	shareOnce      = 0.37 // of buyers, before the channel adjustment
	refundRate     = 0.03 // of paid orders
	cancelRate     = 0.01 // extra cancelled orders per paid order
	registerGrowth = 0.8  // ln of the sign-up rate at End over the rate at Start
)

// Streams of random numbers; each customer i has its own stream per purpose,
// so the bisection on the rate scale leaves attributes untouched.
const (
	streamRegistration uint64 = 1
	streamMessy        uint64 = 2
	streamCustomer     uint64 = 1 << 40
	streamTiming       uint64 = 2 << 40
	streamBasket       uint64 = 3 << 40
)

type kind uint8

const (
	kindNever kind = iota
	kindOnce
	kindRepeat
	kindLoyal
)

// plan is the hidden behaviour of one customer.
type plan struct {
	reg      float64 // registration, days since the calendar origin
	first    float64 // days from registration to the first purchase
	kind     kind
	lambda   float64 // repeat purchases per day, before the shop-wide scale
	dropout  float64 // probability of leaving after each purchase from the 2nd on
	spend    float64 // basket multiplier, mean 1
	category [numCategories]float64
}

// category describes how one category's orders are priced.
type categoryPricing struct {
	median   float64 // yuan
	sigma    float64 // of log price
	costLow  float64 // cost as a share of the amount paid
	costHigh float64
}

var pricing = [numCategories]categoryPricing{
	catClothing: {159, 0.6, 0.55, 0.62},
	catBeauty:   {129, 0.6, 0.55, 0.63},
	catDigital:  {459, 0.8, 0.68, 0.75},
	catHome:     {139, 0.8, 0.58, 0.68},
	catFood:     {69, 0.6, 0.62, 0.72},
	catBaby:     {179, 0.7, 0.60, 0.70},
	catSports:   {219, 0.7, 0.57, 0.66},
}

// baseCategory is the shop-wide category mix before personal taste.
var baseCategory = [numCategories]float64{0.22, 0.14, 0.12, 0.14, 0.18, 0.08, 0.12}

// generator carries the state shared while one shop is generated.
type generator struct {
	o       Options
	origin  time.Time // midnight of Options.Start
	horizon float64   // Options.End in days since origin
	cal     []day     // one per day since origin
	maxF    float64   // largest cal factor
	plans   []plan
}

// Generate returns the demo shop for opts. The same options give the same
// shop, row for row. It panics if End is not at least 30 days after Start.
//
// Options.Orders is met within a few percent for about 2 to 20 orders per
// customer. Outside that range the model cannot reach it (every buyer buys
// at least once; repeat buyers drop out), and the shop has the nearest
// number it can: a few more orders, or, above about 25 per customer, fewer.
func Generate(opts Options) *Shop {
	o := opts.withDefaults()
	if o.End.Sub(o.Start) < 30*24*time.Hour {
		panic(fmt.Sprintf("demo: End %s is less than 30 days after Start %s", o.End, o.Start))
	}
	g := &generator{o: o}
	g.origin = time.Date(o.Start.Year(), o.Start.Month(), o.Start.Day(), 0, 0, 0, 0, time.UTC)
	g.horizon = o.End.Sub(g.origin).Hours() / 24
	days := int(math.Ceil(g.horizon)) + 1
	g.cal = make([]day, days)
	for d := range g.cal {
		g.cal[d] = calendarDay(g.origin.AddDate(0, 0, d))
		g.maxF = max(g.maxF, g.cal[d].factor)
	}

	shop := &Shop{Options: o}
	shop.Customers = g.customers()
	messy := 16 // see messyOrders
	paidTarget := float64(o.Orders-messy) / (1 + refundRate + cancelRate)
	scale := g.calibrate(paidTarget)
	shop.Orders = g.orders(shop.Customers, scale)
	return shop
}

// at converts days since origin to a time.
func (g *generator) at(t float64) time.Time {
	return g.origin.Add(time.Duration(t * 24 * float64(time.Hour))).Truncate(time.Second)
}

// registrations draws the sign-up times: growing exponentially over the
// period, with more sign-ups on busy days.
func (g *generator) registrations() []float64 {
	r := newRNG(g.o.Seed, streamRegistration)
	start := g.o.Start.Sub(g.origin).Hours() / 24
	span := g.horizon - start
	hw := newWeighted(hourWeights)
	out := make([]float64, 0, g.o.Customers)
	for len(out) < g.o.Customers {
		// Inverse CDF of a density proportional to exp(growth·x) on [0, 1].
		x := math.Log1p(r.Float64()*math.Expm1(registerGrowth)) / registerGrowth
		t := start + x*span
		d := int(t)
		if r.Float64() > math.Sqrt(g.cal[d].factor/g.maxF) {
			continue
		}
		t = float64(d) + (float64(hw.pick(r))+r.Float64())/24
		if t < start || t > g.horizon {
			continue
		}
		out = append(out, t)
	}
	slices.Sort(out)
	return out
}

// customers draws every customer's attributes and hidden plan.
func (g *generator) customers() []CustomerRow {
	regs := g.registrations()
	n := g.o.Customers
	rows := make([]CustomerRow, n)
	g.plans = make([]plan, n)
	geo := newGeography()
	names := newNamer(n)
	start := g.o.Start.Sub(g.origin).Hours() / 24
	for i := range rows {
		r := newRNG(g.o.Seed, streamCustomer+uint64(i))
		reg := regs[i]
		created := g.at(reg)
		female := r.chance(0.58)
		gender := "M"
		if female {
			gender = "F"
		}
		age := drawAge(r)
		birth := created.AddDate(-age, 0, -r.IntN(365))
		birth = time.Date(birth.Year(), birth.Month(), birth.Day(), 0, 0, 0, 0, time.UTC)
		prov, cty := geo.place(r)
		full, sur, given := names.name(r, female)
		channel := drawChannel(r, (reg-start)/(g.horizon-start))
		var email sql.NullString
		noEmail := map[string]float64{ChannelApp: 0.08, ChannelWeb: 0, ChannelMiniProgram: 0.25, ChannelStore: 0.4}[channel]
		if !r.chance(noEmail) {
			email = sql.NullString{String: names.email(r, sur, given, birth.Year()), Valid: true}
		}
		rows[i] = CustomerRow{
			ID: int64(i + 1), FullName: full, Email: email, Mobile: names.mobile(r),
			Province: prov, City: cty, Gender: gender, BirthDate: birth,
			Channel: channel, CreatedAt: created,
		}
		g.plans[i] = drawPlan(r, reg, channel, female, age)
	}
	return rows
}

// drawAge returns an age at registration between 18 and 67 (so at most 70
// at the end of the period), skewed to the twenties and thirties.
func drawAge(r rng) int {
	bands := []struct {
		lo, hi int
		w      float64
	}{{18, 24, 18}, {25, 34, 38}, {35, 44, 24}, {45, 54, 12}, {55, 67, 8}}
	u := r.Float64() * 100
	for _, b := range bands {
		if u < b.w {
			return b.lo + r.IntN(b.hi-b.lo+1)
		}
		u -= b.w
	}
	return 30
}

// drawChannel picks the sign-up channel; x in [0, 1] is the position in the
// period: mini-programs grow, the web shrinks.
func drawChannel(r rng, x float64) string {
	w := []float64{0.44, 0.22 - 0.12*x, 0.20 + 0.16*x, 0.12 - 0.04*x}
	return []string{ChannelApp, ChannelWeb, ChannelMiniProgram, ChannelStore}[pickSmall(r, w)]
}

// drawPlan draws a customer's kind, rhythm, dropout, spend and taste.
func drawPlan(r rng, reg float64, channel string, female bool, age int) plan {
	p := plan{reg: reg, kind: kindRepeat}
	once := shareOnce * map[string]float64{ChannelApp: 0.85, ChannelWeb: 1, ChannelMiniProgram: 1.3, ChannelStore: 0.9}[channel]
	switch u := r.Float64(); {
	case u < shareNever:
		p.kind = kindNever
	case u < shareNever+(1-shareNever)*shareLoyal:
		p.kind = kindLoyal
	case u < shareNever+(1-shareNever)*(shareLoyal+once):
		p.kind = kindOnce
	}
	switch u := r.Float64(); {
	case u < 0.55 || (p.kind == kindLoyal && u < 0.75):
		p.first = r.uniform(2, 90) / (24 * 60) // buys in the sign-up session
	case u < 0.8:
		p.first = r.ExpFloat64() * 5
	default:
		p.first = r.ExpFloat64() * 40
	}
	const sigma = 0.3
	p.spend = r.lognormal(-sigma*sigma/2, sigma)
	switch p.kind {
	case kindRepeat:
		p.lambda = r.gamma(3) / 3 / 30 // mean one a month before scaling
		p.dropout = r.beta(4, 100)
	case kindLoyal:
		p.lambda = r.gamma(4) / 4 * 2.5 / 30
		p.dropout = r.beta(1, 80)
		p.spend *= 1.5
	}
	// Taste: the shop's mix, shifted by gender and age, personal noise and
	// one favourite category.
	w := baseCategory
	if female {
		w[catClothing] *= 1.3
		w[catBeauty] *= 2.2
		w[catDigital] *= 0.5
		w[catBaby] *= 1.6
		w[catSports] *= 0.7
		if age >= 24 && age <= 40 {
			w[catBaby] *= 2
		}
	} else {
		w[catClothing] *= 0.8
		w[catBeauty] *= 0.25
		w[catDigital] *= 2
		w[catBaby] *= 0.6
		w[catSports] *= 1.6
		if age >= 26 && age <= 40 {
			w[catBaby] *= 1.3
		}
	}
	if age >= 50 {
		w[catFood] *= 1.4
		w[catHome] *= 1.3
		w[catDigital] *= 0.7
	}
	for c := range w {
		w[c] *= r.gamma(2) / 2
	}
	w[pickSmall(r, w[:])] *= 3
	p.category = w
	return p
}

// purchases appends the days (since origin) of the customer's purchases to
// buf. r must be the customer's timing stream.
func (g *generator) purchases(p *plan, scale float64, r rng, buf []float64) []float64 {
	buf = buf[:0]
	if p.kind == kindNever {
		return buf
	}
	t := p.reg + p.first
	if t > g.horizon {
		return buf
	}
	buf = append(buf, t)
	if p.kind == kindOnce {
		return buf
	}
	rate := p.lambda * scale * g.maxF // thinning: propose at the peak rate
	for {
		t += r.ExpFloat64() / rate
		if t > g.horizon {
			return buf
		}
		if r.Float64()*g.maxF > g.cal[int(t)].factor {
			continue
		}
		buf = append(buf, t)
		if r.Float64() < p.dropout {
			return buf
		}
	}
}

// calibrate finds the scale on repeat rates that gives about target
// purchases, by bisection on log scale.
func (g *generator) calibrate(target float64) float64 {
	var buf []float64
	count := func(scale float64) float64 {
		n := 0
		for i := range g.plans {
			buf = g.purchases(&g.plans[i], scale, newRNG(g.o.Seed, streamTiming+uint64(i)), buf)
			n += len(buf)
		}
		return float64(n)
	}
	lo, hi := 0.0, 1.0
	for count(hi) < target && hi < 1e4 {
		lo, hi = hi, hi*4
	}
	if lo == 0 {
		lo = hi / 4
		for count(lo) > target && lo > 1e-4 {
			hi, lo = lo, lo/4
		}
	}
	best, bestErr := hi, math.Inf(1)
	for range 40 {
		mid := math.Sqrt(lo * hi)
		c := count(mid)
		if e := math.Abs(c - target); e < bestErr {
			best, bestErr = mid, e
		}
		if bestErr < 0.002*target {
			break
		}
		if c < target {
			lo = mid
		} else {
			hi = mid
		}
	}
	return best
}
