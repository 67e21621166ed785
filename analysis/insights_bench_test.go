package analysis

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strconv"
	"sync"
	"testing"

	"github.com/custseg/custseg/analysis/cohorts"
)

// syntheticShop draws n customers of a shop with three attribute columns
// (province: 31 values, skewed; gender: F, M or NULL; birth_date: 1940 to
// 2007, 5 % NULL), cost, discounts and 20 product categories, about 70 %
// of them buyers with 1 to 5 categories (3 on average). Its cohort cells
// count each buyer in their first month and, when different, their last.
// The source is seeded, so the data are the same on every run.
func syntheticShop(n int, seed uint64) *Dataset {
	rng := rand.New(rand.NewPCG(seed, seed^0x5eed))
	asOf := date(2026, 9, 30)
	cats := make([]string, 20)
	for k := range cats {
		cats[k] = fmt.Sprintf("category %02d", k)
	}
	provinces := make([]string, 31)
	for k := range provinces {
		provinces[k] = fmt.Sprintf("province %02d", k)
	}
	genders := []string{"F", "M", ""}
	births := make([]string, 68*365)
	for k := range births {
		births[k] = date(1940, 1, 1).AddDate(0, 0, k).Format("2006-01-02")
	}
	d := &Dataset{
		AsOf: asOf, AttrNames: []string{"province", "gender", "birth_date"},
		HasCost: true, HasDiscount: true, HasFirstDay: true, WindowDays: 90,
		HasCategory: true, CategoryNames: cats,
		Customers: make([]Customer, n),
		Holdout:   Holdout{Known: true, Units: 13, UnitDays: 7, Start: DateOf(asOf.AddDate(0, 0, -90))},
	}
	attrs := make([]string, 3*n)
	type cell struct{ cohort, month int }
	cells := map[cell]*CohortCell{}
	for i := range d.Customers {
		c := &d.Customers[i]
		c.ID = strconv.Itoa(i)
		a := attrs[3*i : 3*i+3 : 3*i+3]
		u := rng.Float64()
		a[0] = provinces[int(31*u*u)]
		a[1] = genders[rng.IntN(3)]
		if rng.Float64() >= 0.05 {
			a[2] = births[rng.IntN(len(births))]
		}
		c.Attrs = a
		if rng.Float64() >= 0.7 {
			continue
		}
		first := 1 + rng.IntN(1000)
		last := rng.IntN(first + 1)
		c.Orders = 1 + int32(rng.ExpFloat64()*2)
		c.OrderDays = min(c.Orders, int32(first-last+1))
		c.FirstOrder, c.LastOrder = DateOf(asOf.AddDate(0, 0, -first)), DateOf(asOf.AddDate(0, 0, -last))
		c.Gross = math.Round(float64(c.Orders)*40*math.Exp(rng.NormFloat64()*0.8)*100) / 100
		c.FirstDayGross = c.Gross / float64(c.Orders)
		if rng.Float64() < 0.1 {
			c.Refunds = c.Gross * 0.2
		}
		c.Cost = 0.6 * c.Gross
		if rng.Float64() < 0.3 {
			c.Discount = c.Gross * 0.4 * rng.Float64()
		}
		// The back-test's holdout: the last 91 days (13 weeks).
		switch start := DateOf(asOf.AddDate(0, 0, -90)); {
		case c.FirstOrder >= start:
			c.HoldoutDays = c.OrderDays
		case c.LastOrder < start:
			c.CalOrderDays, c.CalLastOrder = c.OrderDays, c.LastOrder
		default:
			c.HoldoutDays = max(1, c.OrderDays/3)
			c.CalOrderDays = max(1, c.OrderDays-c.HoldoutDays)
			c.CalLastOrder = max(c.FirstOrder, start-Date(1+rng.IntN(60)))
		}
		if c.HoldoutDays > 0 {
			d.Holdout.Cells = append(d.Holdout.Cells, HoldoutCell{Customer: int32(i), Unit: int16(rng.IntN(13)), Days: c.HoldoutDays})
		}
		if first <= 90 {
			c.RecentOrders = c.Orders
		} else {
			c.RecentOrders, c.PreviousOrders = rng.Int32N(2), rng.Int32N(2)
		}
		k := 1 + rng.IntN(5)
		c.Categories = make([]CategorySpend, k)
		for j := range c.Categories {
			c.Categories[j] = CategorySpend{Cat: uint16((i + 7*j) % len(cats)), Amount: c.Gross / float64(k)}
		}
		m0 := c.FirstOrder.Time().Year()*12 + int(c.FirstOrder.Time().Month()) - 1
		m1 := c.LastOrder.Time().Year()*12 + int(c.LastOrder.Time().Month()) - 1
		for _, m := range []int{m0, m1} {
			cc := cells[cell{m0, m}]
			if cc == nil {
				cc = &CohortCell{Cohort: fmt.Sprintf("%04d-%02d", m0/12, m0%12+1), Month: fmt.Sprintf("%04d-%02d", m/12, m%12+1)}
				cells[cell{m0, m}] = cc
			}
			cc.Customers++
			cc.Revenue += c.Gross / 2
			if m1 == m0 {
				break
			}
		}
	}
	for _, cc := range cells {
		d.CohortCells = append(d.CohortCells, *cc)
	}
	return d
}

// insightsBench is a synthetic shop analysed once, with a previous
// snapshot in which 5 % of the customers are missing and 10 % sat one
// segment lower.
type insightsBench struct {
	d   *Dataset
	p   Params
	cd  *clusterData
	res *Result
}

var (
	benchMu    sync.Mutex
	benchShops = map[int]*insightsBench{}
)

func benchShop(b *testing.B, n int) *insightsBench {
	benchMu.Lock()
	defer benchMu.Unlock()
	if s := benchShops[n]; s != nil {
		return s
	}
	d := syntheticShop(n, 1)
	p := DefaultParams()
	prev := TakeSnapshot(d, Analyze(d, p))
	rng := rand.New(rand.NewPCG(2, 3))
	for i := range d.Customers {
		id := d.Customers[i].ID
		row := prev.Customers[id]
		switch u := rng.Float64(); {
		case u < 0.05:
			delete(prev.Customers, id)
		case u < 0.15 && row.Segment != "":
			for k, r := range p.RFM.Segments[:len(p.RFM.Segments)-1] {
				if r.Key == row.Segment {
					row.Segment = p.RFM.Segments[k+1].Key
					prev.Customers[id] = row
					break
				}
			}
		}
	}
	d.Previous = prev
	res := Analyze(d, p)
	s := &insightsBench{d: d, p: p, cd: newClusterData(d, p.Clusters, res.Scores), res: res}
	benchShops[n] = s
	b.Logf("%d customers, %d buyers, %d cohort cells", n, s.cd.m.N, len(d.CohortCells))
	return s
}

// benchmarkInsights times every insight of Analyze together (behaviour,
// characteristics, needs by segment and tier, evaluation, migration,
// cohorts) and the snapshot for the next run, then each on its own.
func benchmarkInsights(b *testing.B, n int) {
	s := benchShop(b, n)
	d, p, cd, res := s.d, s.p, s.cd, s.res
	parts := []struct {
		name string
		fn   func()
	}{
		{"all", func() { insights(d, p, cd, res); TakeSnapshot(d, res) }},
		{"behaviour", func() { ClassifyBehaviour(d, p.Insights, res.Scores) }},
		{"characteristics", func() { Characteristics(d, res.Scores, len(res.Segments), p.Insights.TopValues) }},
		{"needs", func() { NeedsBySegment(d, res, p.Insights.TopValues); NeedsByTier(d, res, p.Insights.TopValues) }},
		{"evaluation", func() { evaluateSegments(d, cd, p.Insights, res) }},
		{"migration", func() { Migrate(d, res) }},
		{"cohorts", func() { cohorts.Build(d.CohortCells) }},
		{"snapshot", func() { TakeSnapshot(d, res) }},
	}
	for _, part := range parts {
		b.Run(part.name, func(b *testing.B) {
			for b.Loop() {
				part.fn()
			}
		})
	}
}

func BenchmarkInsights100k(b *testing.B) { benchmarkInsights(b, 100_000) }
func BenchmarkInsights1M(b *testing.B)   { benchmarkInsights(b, 1_000_000) }

// benchmarkAnalyze times the whole of Analyze (every step the run's
// analyse step does) on a synthetic shop with a previous snapshot.
func benchmarkAnalyze(b *testing.B, n int) {
	s := benchShop(b, n)
	b.ReportAllocs()
	for b.Loop() {
		Analyze(s.d, s.p)
	}
}

func BenchmarkAnalyze100k(b *testing.B) { benchmarkAnalyze(b, 100_000) }
func BenchmarkAnalyze1M(b *testing.B)   { benchmarkAnalyze(b, 1_000_000) }

// benchmarkAnalyzeNoBacktest is benchmarkAnalyze with the back-test off
// (holdout_units 0): the budget is that the back-test at most
// doubles the analyse step.
func benchmarkAnalyzeNoBacktest(b *testing.B, n int) {
	s := benchShop(b, n)
	p := s.p
	p.Models.HoldoutUnits = 0
	b.ReportAllocs()
	for b.Loop() {
		Analyze(s.d, p)
	}
}

func BenchmarkAnalyze100kNoBacktest(b *testing.B) { benchmarkAnalyzeNoBacktest(b, 100_000) }
func BenchmarkAnalyze1MNoBacktest(b *testing.B)   { benchmarkAnalyzeNoBacktest(b, 1_000_000) }
