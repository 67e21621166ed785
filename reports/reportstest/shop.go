package reportstest

import (
	"cmp"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/custseg/custseg/reports"

	"github.com/custseg/custseg/analysis"
	"github.com/custseg/custseg/analysis/btyd"
)

// Fixtures of the HTML report and email tests: shops analysed with
// analysis.Analyze, and the insights (characteristics, cohorts, migration,
// history, models) filled in by hand so the tests do not depend on those
// analyses.

var AsOf = time.Date(2026, 9, 30, 0, 0, 0, 0, time.UTC)

// Hostile strings that reach the report from the operator's data.
var Hostile = []string{
	`<script>alert(1)</script>`,
	`{a|b}`,
	`"'><img src=x onerror=1>`,
}

// Shop is a small hand-made shop: buyers spread over recency and
// frequency, one refund, one buyer refunded in full and two customers who
// never bought.
func Shop() *analysis.Dataset {
	day := func(daysAgo int) time.Time { return AsOf.AddDate(0, 0, -daysAgo) }
	buyer := func(id string, orders int, gross, refunds float64, first, last int) analysis.Customer {
		return analysis.Customer{ID: id, Name: "Customer " + id, Orders: int32(orders), OrderDays: int32(orders),
			Gross: gross, Refunds: refunds, FirstOrder: analysis.DateOf(day(first)), LastOrder: analysis.DateOf(day(last))}
	}
	return &analysis.Dataset{
		AsOf: AsOf,
		Customers: []analysis.Customer{
			buyer("c01", 24, 18400, 0, 700, 3),
			buyer("c02", 15, 9100, 300, 650, 12),
			buyer("c03", 9, 4200, 0, 500, 25),
			buyer("c04", 6, 2600, 0, 400, 40),
			buyer("c05", 1, 180, 0, 5, 5),
			buyer("c06", 2, 310, 0, 60, 20),
			buyer("c07", 12, 7600, 0, 720, 200),
			buyer("c08", 8, 3900, 0, 600, 150),
			buyer("c09", 3, 640, 0, 400, 120),
			buyer("c10", 1, 90, 0, 300, 300),
			buyer("c11", 2, 220, 0, 500, 420),
			buyer("c12", 1, 150, 150, 90, 90), // refunded in full
			buyer("c13", 4, 1300, 0, 380, 70),
			buyer("c14", 1, 60, 0, 250, 250),
			{ID: "c15", Name: "Customer c15"},
			{ID: "c16", Name: "Customer c16"},
		},
	}
}

// LargeShop is a generated shop of n customers with a long-tailed
// spend, provinces, genders and channels, for a report that looks like a
// real one.
func LargeShop(n int) *analysis.Dataset {
	rng := rand.New(rand.NewPCG(2026, 9))
	provinces := []string{"Guangdong", "Zhejiang", "Jiangsu", "Shanghai", "Beijing", "Sichuan", "Shandong", "Hubei", "Fujian", ""}
	genders := []string{"female", "male", ""}
	channels := []string{"app", "web", "mini-program", "store"}
	ds := &analysis.Dataset{AsOf: AsOf, Customers: make([]analysis.Customer, n),
		AttrNames: []string{"province", "gender", "channel"}, WindowDays: 90, HasFirstDay: true}
	for i := range ds.Customers {
		c := &ds.Customers[i]
		c.ID = fmt.Sprintf("c%05d", i)
		c.Name = fmt.Sprintf("Customer %d", i)
		c.Attrs = []string{
			provinces[min(int(rng.ExpFloat64()*2.5), len(provinces)-1)],
			genders[rng.IntN(len(genders))],
			channels[min(int(rng.ExpFloat64()*1.2), len(channels)-1)],
		}
		if rng.Float64() < 0.15 {
			continue // registered, never bought
		}
		c.Orders = 1 + int32(rng.ExpFloat64()*2.5)
		c.OrderDays = c.Orders
		c.Gross = float64(c.Orders) * (40 + rng.ExpFloat64()*120) * (1 + rng.ExpFloat64())
		c.FirstDayGross = c.Gross / float64(c.Orders)
		if rng.Float64() < 0.08 {
			c.Refunds = c.Gross * rng.Float64() * 0.3
		}
		last := int(rng.ExpFloat64() * 120)
		c.LastOrder = analysis.DateOf(AsOf.AddDate(0, 0, -last))
		c.FirstOrder = analysis.DateOf(c.LastOrder.Time().AddDate(0, 0, -int(rng.Float64()*float64(90*c.Orders))))
		c.RecentOrders = rng.Int32N(3)
		c.PreviousOrders = rng.Int32N(3)
		if last < 200 {
			c.LastBeforeRecent = analysis.DateOf(c.LastOrder.Time().AddDate(0, 0, -90))
		}
	}
	return ds
}

// Input analyses ds with the default parameters.
func Input(t *testing.T, ds *analysis.Dataset, locale string) *reports.Input {
	t.Helper()
	p := analysis.DefaultParams()
	// One purchase model, no back-test: the fixtures set the model fields
	// by hand where a test needs them (htmlFillModels), and fitting three
	// models that do not converge on this shop costs seconds a fixture.
	p.Models.PurchaseModel, p.Models.HoldoutUnits = btyd.ModelBGNBD, 0
	if err := p.Validate(); err != nil {
		t.Fatal(err)
	}
	return &reports.Input{
		Job:         "weekly",
		RunID:       "20260930-0700",
		AsOf:        ds.AsOf,
		GeneratedAt: time.Date(2026, 9, 30, 7, 0, 0, 0, time.UTC),
		Locale:      locale,
		Currency:    "¥",
		Dataset:     ds,
		Result:      analysis.Analyze(ds, p),
		Analysis:    p,
	}
}

// HtmlFull says what htmlTestFull fills in.
type HtmlFull struct {
	Previous bool // a previous run: migration, KPI changes, history
	Models   bool // usable purchase and spend models
	Hostile  bool // markup in names, values and texts
}

// HtmlTestFull returns the analysis of a generated shop of n customers
// with every insight filled in: characteristics counted from the dataset,
// cohorts, and as o asks, a previous run and usable models (set by hand:
// the generated shop is no BG/NBD process).
func HtmlTestFull(t *testing.T, n int, locale string, o HtmlFull) *reports.Input {
	t.Helper()
	ds := LargeShop(n)
	in := Input(t, ds, locale)
	res := in.Result
	res.ChurnPeriodDays = 90
	res.KPIs.PeriodChurnRate = 0.083
	if o.Models {
		fillModels(res)
	} else if res.Models.Usable {
		DropModels(res)
	} else if res.Models.PurchaseError == "" && res.Models.GGError == "" {
		res.Models.BGNBDError = "model fit did not converge"
		res.Models.PurchaseError = res.Models.BGNBDError
	}
	res.Characteristics = countCharacteristics(ds, res)
	res.Cohorts = testCohorts()
	if o.Previous {
		fillPrevious(in)
	}
	if o.Hostile {
		makeHostile(in)
	}
	return in
}

// fillModels sets usable-looking model outputs: P(alive) falls with
// the days since the last purchase against the customer's rhythm, CLV is a
// year of the customer's value pace times P(alive).
func fillModels(res *analysis.Result) {
	m := &res.Models
	m.Usable, m.BGNBDError, m.PurchaseError, m.GGError = true, "", "", ""
	m.Chosen, m.ChoiceReason = btyd.ModelBGNBD, analysis.ChoiceOnly
	m.PyramidBy, m.CLVMonths, m.PurchaseHorizon, m.TimeUnitDays = "clv", 12, 52, 7
	total := 0.0
	for i := range res.Scores {
		s := &res.Scores[i]
		if !reports.IsBuyer(s) {
			continue
		}
		rhythm := math.Max(s.RhythmDays, 60)
		s.PAlive = math.Exp(-float64(s.Recency) / (2 * rhythm))
		s.CLV = math.Round(math.Max(s.Value, 0)*0.6*s.PAlive*100) / 100
		s.ExpPurchases = 4 * s.PAlive
		total += s.CLV
	}
	res.KPIs.CLV = analysis.Opt(math.Round(total*100) / 100)
	by := map[string]*analysis.GroupSummary{}
	for k := range res.Pyramid {
		res.Pyramid[k].CLV = 0
		by[res.Pyramid[k].Key] = &res.Pyramid[k]
	}
	for i := range res.Scores {
		if g := by[res.Scores[i].Pyramid.String()]; g != nil {
			g.CLV += res.Scores[i].CLV
		}
	}
	for k := range res.Pyramid {
		res.Pyramid[k].CLVShare = reports.Ratio(res.Pyramid[k].CLV, total)
	}
}

// DropModels makes the models unusable, as a fit that did not converge.
func DropModels(res *analysis.Result) {
	res.Models.Usable = false
	res.Models.BGNBDError = "model fit did not converge"
	res.Models.PurchaseError = res.Models.BGNBDError
	res.Models.Chosen = ""
	res.Models.PyramidBy = "value"
	for i := range res.Scores {
		s := &res.Scores[i]
		s.PAlive, s.CLV, s.ExpPurchases, s.ExpSpend = 0, 0, 0, 0
	}
	res.KPIs.CLV, res.KPIs.ExpectedPurchases = nil, nil
}

// countCharacteristics breaks the customers down by each attribute,
// the five commonest values shown and the rest folded into "other".
func countCharacteristics(ds *analysis.Dataset, res *analysis.Result) []analysis.Characteristic {
	var out []analysis.Characteristic
	total := 0.0
	for i := range res.Scores {
		total += math.Max(res.Scores[i].Value, 0)
	}
	for a, attr := range ds.AttrNames {
		by := map[string]*analysis.AttributeValue{}
		for i := range ds.Customers {
			name := ds.Customers[i].Attrs[a]
			v := by[name]
			if v == nil {
				v = &analysis.AttributeValue{Name: name, Segments: make([]int, len(res.Segments))}
				by[name] = v
			}
			v.Customers++
			s := &res.Scores[i]
			if reports.IsBuyer(s) {
				v.Buyers++
				v.Value += s.Value
				if s.Segment >= 0 {
					v.Segments[s.Segment]++
				}
			}
		}
		var vals []analysis.AttributeValue
		for _, v := range by {
			v.Share = reports.Ratio(float64(v.Customers), float64(len(ds.Customers)))
			v.ValueShare = reports.Ratio(math.Max(v.Value, 0), total)
			vals = append(vals, *v)
		}
		slices.SortFunc(vals, func(x, y analysis.AttributeValue) int {
			return cmp.Or(cmp.Compare(y.Customers, x.Customers), cmp.Compare(x.Name, y.Name))
		})
		if len(vals) > 6 {
			other := analysis.AttributeValue{Other: true, Segments: make([]int, len(res.Segments))}
			for _, v := range vals[5:] {
				other.Customers += v.Customers
				other.Buyers += v.Buyers
				other.Value += v.Value
				other.Share += v.Share
				other.ValueShare += v.ValueShare
			}
			vals = append(vals[:5], other)
		}
		out = append(out, analysis.Characteristic{Attribute: attr, Values: vals})
	}
	return out
}

// testCohorts are fourteen monthly cohorts up to the as-of month with
// retention falling off over the months.
func testCohorts() []analysis.Cohort {
	var out []analysis.Cohort
	for m := 13; m >= 0; m-- {
		start := time.Date(2026, 9-time.Month(m), 1, 0, 0, 0, 0, time.UTC)
		c := analysis.Cohort{Month: start.Format("2006-01"), Size: 120 + 17*m}
		for k := 0; k <= m; k++ {
			active := c.Size
			if k > 0 {
				active = int(float64(c.Size) * (0.32*math.Exp(-float64(k-1)/4) + 0.05))
			}
			c.Active = append(c.Active, active)
			c.Revenue = append(c.Revenue, float64(active)*180)
			c.Retention = append(c.Retention, float64(active)/float64(c.Size))
		}
		out = append(out, c)
	}
	return out
}

// fillPrevious adds a previous run a week earlier: a migration matrix
// in which customers move by at most two segments, previous KPIs a little
// different from this run's, and four earlier runs of history.
func fillPrevious(in *reports.Input) {
	res := in.Result
	rng := rand.New(rand.NewPCG(7, 7))
	k := len(res.Segments)
	m := &res.Migration
	m.PreviousAsOf = "2026-09-23"
	for _, s := range res.Segments {
		m.Keys = append(m.Keys, s.Rule.Key)
	}
	m.Keys = append(m.Keys, "none")
	m.Matrix = make([][]int, k+1)
	for i := range m.Matrix {
		m.Matrix[i] = make([]int, k+1)
	}
	for i := range res.Scores {
		s := &res.Scores[i]
		now := k
		if s.Segment >= 0 {
			now = int(s.Segment)
		}
		prev := now
		switch r := rng.Float64(); {
		case r < 0.04:
			prev = k // new, or not a buyer last run
		case r < 0.25 && now < k:
			prev = min(max(now+rng.IntN(5)-2, 0), k-1)
		}
		m.Matrix[prev][now]++
		switch {
		case prev == k && now < k:
			m.New++
		case prev == now:
			m.Same++
		case now < prev:
			m.MovedUp++
		default:
			m.MovedDown++
		}
	}
	m.Lost = 12
	prev := res.KPIs
	prev.NetRevenue *= 0.979
	prev.ActiveCustomer += 12
	prev.ChurnedShare -= 0.004
	prev.PeriodChurnRate = 0.071
	prev.Buyers -= 10
	prev.Customers -= 60
	prev.SaveNow -= 9
	if clv, ok := analysis.Avail(prev.CLV); ok {
		prev.CLV = analysis.Opt(clv * 0.99)
	}
	m.PrevKPIs = &prev
	m.KPIDeltas = map[string]float64{"net_revenue": res.KPIs.NetRevenue - prev.NetRevenue}
	for w, rate := range []float64{0.061, 0.066, 0.064} {
		h := reports.HistoryPoint{AsOf: AsOf.AddDate(0, 0, -7*(4-w)).Format("2006-01-02"), KPIs: prev}
		h.KPIs.PeriodChurnRate = rate
		h.KPIs.ChurnedShare = prev.ChurnedShare - 0.01 + 0.003*float64(w)
		in.History = append(in.History, h)
	}
	in.History = append(in.History, reports.HistoryPoint{AsOf: m.PreviousAsOf, KPIs: prev})
}

// makeHostile puts markup and echarts template syntax into every
// string the operator's data or configuration brings to the report.
func makeHostile(in *reports.Input) {
	res := in.Result
	h := Hostile
	in.Job = h[2]
	in.Warnings = append(in.Warnings, analysis.Warning{Code: analysis.WarnSnapshotUnreadable, Args: []string{h[0]}, Text: h[0] + " dropped"})
	for n, e := range res.SaveNow {
		i := int(e.Index)
		if n == 3 {
			break
		}
		in.Dataset.Customers[i].Name = h[n]
	}
	for k := range res.Segments[:3] {
		res.Segments[k].Rule.Name = "Seg " + h[k]
		res.Segments[k].Rule.NameZh = "客群 " + h[k]
		res.Segments[k].Rule.Action = "Act " + h[k]
		res.Segments[k].Rule.ActionZh = "行动 " + h[k]
	}
	for a := range res.Characteristics {
		vals := res.Characteristics[a].Values
		for k := range vals[:min(len(vals), len(h))] {
			if !vals[k].Other {
				vals[k].Name = h[k]
			}
		}
	}
	res.Characteristics[0].Attribute = h[1]
}

// EscapeText escapes s as html/template does in text.
func EscapeText(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&#34;", "'", "&#39;", "+", "&#43;").Replace(s)
}
