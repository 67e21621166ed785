package reportstest

import (
	"math"
	"slices"
	"time"

	"github.com/custseg/custseg/reports"

	"github.com/custseg/custseg/analysis"
	"github.com/custseg/custseg/analysis/btyd"
)

func Day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

// WorkbookDataset is a small shop whose numbers are worked out by hand below.
//
//	id  orders gross refunds  last order  recency  status
//	c1  10     5000  0        2024-06-25    5      active   (R5 F5 M5: Champions, key)
//	c2   3      900  100      2024-05-01   60      active
//	c3   1      200  0        2023-12-01  212      churned
//	c4   2      400  0        2024-03-15  107      at risk
//	c5   0        0  0        -            -       potential (never bought)
//	c6   1       50  50       2024-06-01   29      active   (net 0: no value tier)
//	c7   0        0  20       -            -       potential (only a refund)
//
// KPIs: 7 customers, 5 buyers, 17 orders, gross 6,550, refunds 170, net
// 6,380, average order value 6550/17, repeat rate 3/5, active 3, at risk 1,
// churned 1, churn rate 1/5.
func WorkbookDataset() *analysis.Dataset {
	return &analysis.Dataset{
		AsOf:      WorkbookAsOf,
		AttrNames: []string{"province", "gender"},
		Customers: []analysis.Customer{
			{ID: "c1", Name: "Alice", Email: "alice@example.com", Phone: "555-0101", RegisteredAt: analysis.DateOf(Day("2022-11-05")),
				Attrs: []string{"Zhejiang", "F"}, Orders: 10, OrderDays: 9, Gross: 5000,
				FirstOrder: analysis.DateOf(Day("2023-01-10")), LastOrder: analysis.DateOf(Day("2024-06-25"))},
			{ID: "c2", Name: "Bob", Email: "bob@example.com", RegisteredAt: analysis.DateOf(Day("2023-02-01")),
				Attrs: []string{"Jiangsu", "M"}, Orders: 3, OrderDays: 3, Gross: 900, Refunds: 100,
				FirstOrder: analysis.DateOf(Day("2023-03-01")), LastOrder: analysis.DateOf(Day("2024-05-01"))},
			{ID: "c3", Name: "陈静", Email: "chen@example.cn", RegisteredAt: analysis.DateOf(Day("2023-06-01")),
				Attrs: []string{"广东", "F"}, Orders: 1, OrderDays: 1, Gross: 200,
				FirstOrder: analysis.DateOf(Day("2023-12-01")), LastOrder: analysis.DateOf(Day("2023-12-01"))},
			{ID: "c4", Name: "Dee", Attrs: []string{"", "F"}, Orders: 2, OrderDays: 2, Gross: 400,
				FirstOrder: analysis.DateOf(Day("2024-01-15")), LastOrder: analysis.DateOf(Day("2024-03-15"))},
			{ID: "c5", Name: "Eve", Email: "eve@example.com", RegisteredAt: analysis.DateOf(Day("2024-06-01")),
				Attrs: []string{"Zhejiang", ""}},
			{ID: "c6", Name: "Finn", Attrs: []string{"Jiangsu", "M"}, Orders: 1, OrderDays: 1, Gross: 50, Refunds: 50,
				FirstOrder: analysis.DateOf(Day("2024-06-01")), LastOrder: analysis.DateOf(Day("2024-06-01"))},
			{ID: "c7", Name: "Gus", Attrs: []string{"Jiangsu", "M"}, Refunds: 20},
		},
	}
}

func WorkbookInput(ds *analysis.Dataset, locale string) *reports.Input {
	return &reports.Input{
		Job:         "weekly",
		RunID:       "20240630-0001",
		AsOf:        ds.AsOf,
		GeneratedAt: time.Date(2024, 7, 1, 6, 30, 0, 0, time.FixedZone("CST", 8*3600)),
		Locale:      locale,
		Currency:    "$",
		Dataset:     ds,
		Result:      analysis.Analyze(ds, analysis.DefaultParams()),
		Quality: []analysis.QualityCheck{
			{Check: analysis.CheckRefund, Rows: 3},
			{Check: analysis.CheckFutureDate, Rows: 2},
			{Check: "mystery_check", Rows: 1},
		},
		SourceRows:    25,
		SegmentSheets: []string{"champions", "cant_lose", "champions", "no_such_segment"},
		Analysis:      analysis.DefaultParams(),
		Params:        []reports.Param{{Name: "rfm.bins", Value: "5"}, {Name: "churn.at_risk_days", Value: "90"}},
		Queries: []reports.Query{{Name: "customers (queries/customers.sql)",
			SQL: "SELECT id AS customer_id,\n       name\nFROM shop_customers"}},
	}
}

// RichInput is wbTestDataset plus c8, a customer whose texts look like
// formulas, with every insight of the result filled in by hand: models
// usable or not, and a previous run to compare with or none.
func RichInput(locale string, usable, previous bool) *reports.Input {
	ds := WorkbookDataset()
	ds.HasDiscount, ds.HasCategory = true, true
	ds.WindowDays = 90
	ds.Customers = append(ds.Customers, analysis.Customer{
		ID: "c8", Name: FormulaName, Email: FormulaEmail, Phone: FormulaPhone,
		Attrs: []string{FormulaAttr, "=1+1"}, Orders: 4, OrderDays: 4, Gross: 1200, Discount: 30,
		FirstOrder: analysis.DateOf(Day("2023-02-01")), LastOrder: analysis.DateOf(Day("2023-11-20"))})
	in := WorkbookInput(ds, locale)
	res := in.Result
	m := &res.Models
	*m = analysis.Models{
		BGNBD:        btyd.BGNBD{R: 0.243, Alpha: 4.414, A: 0.793, B: 2.426, LogLikelihood: -9582.43, Converged: true, N: 6},
		GammaGamma:   btyd.GammaGamma{P: 6.25, Q: 3.74, V: 15.44, Converged: true, N: 3, Excluded: 1},
		Usable:       usable,
		TimeUnitDays: 7, PurchaseHorizon: 52, CLVMonths: 12, MonthlyDiscount: 0.01, PyramidBy: "clv",
	}
	if !usable {
		m.BGNBD.Converged = false
		m.BGNBDError = btyd.ErrNotConverged.Error()
		m.PurchaseError = m.BGNBDError
		m.Chosen = ""
		m.PyramidBy = "value"
	}
	type model struct {
		palive, purchases, spend, clv, var_ float64
		pyramid                             analysis.PyramidTier
		cluster                             int
		discount                            float64
		behaviour                           analysis.Behaviour
	}
	for id, x := range map[string]model{
		"c1": {0.92, 6.5, 480, 2950.5, 120, analysis.PyramidPlatinum, 0, 0.02, analysis.BehaviourRelationship},
		"c2": {0.40, 1.2, 250, math.NaN(), 300, analysis.PyramidGold, 0, 0.25, analysis.BehaviourDealSeeker},
		"c3": {0.05, 0.1, 200, 10, 200, analysis.PyramidLead, 1, 0, analysis.BehaviourTransactional},
		"c4": {0.7, 1, 200, 150, 60, analysis.PyramidIron, 1, 0.1, analysis.BehaviourTransactional},
		"c6": {0.5, 0.5, 50, math.Inf(1), 0, analysis.PyramidLead, 1, 0, analysis.BehaviourTransactional},
		"c8": {0.15, 0.4, 300, 120, 950, analysis.PyramidGold, 1, 0.024, analysis.BehaviourTransactional},
	} {
		i := slices.IndexFunc(ds.Customers, func(c analysis.Customer) bool { return c.ID == id })
		sc := &res.Scores[i]
		sc.KeepValue, sc.Pyramid, sc.Cluster = x.var_, x.pyramid, int16(x.cluster)
		sc.DiscountShare, sc.Behaviour = x.discount, x.behaviour
		if usable {
			sc.PAlive, sc.ExpPurchases, sc.ExpSpend, sc.CLV = x.palive, x.purchases, x.spend, x.clv
		}
	}
	if usable {
		// A back-test, the model choice and a verdict
		// (backtest_fixture_test.go), and the expected next order of two
		// buyers.
		FillBacktest(m, WorkbookAsOf)
		res.Scores[0].NextOrder = analysis.DateOf(Day("2024-07-09")) // c1
		res.Scores[3].NextOrder = analysis.DateOf(Day("2024-08-20")) // c4
	}
	res.KPIs.SaveNow, res.KPIs.WinBack = 2, 0
	res.KPIs.PeriodChurnRate = 0.25
	res.ChurnPeriodDays = 90
	if usable {
		res.KPIs.ExpectedPurchases, res.KPIs.CLV = analysis.Opt(12.3), analysis.Opt(4567.89)
	}
	res.Pyramid = []analysis.GroupSummary{
		{Key: "platinum", Customers: 1, Share: 1.0 / 6, Value: 5000, ValueShare: 0.65, CLV: 2950.5, CLVShare: 0.9},
		{Key: "gold", Customers: 2, Share: 2.0 / 6, Value: 2000, ValueShare: 0.26, CLV: 120, CLVShare: 0.04},
		{Key: "iron", Customers: 1, Share: 1.0 / 6, Value: 400, ValueShare: 0.05, CLV: 150, CLVShare: 0.05},
		{Key: "lead", Customers: 2, Share: 2.0 / 6, Value: 200, ValueShare: 0.03, CLV: 10, CLVShare: 0.01},
	}
	res.SaveNow = []analysis.ListEntry{{Index: 7, Reason: analysis.ReasonLapsing}, {Index: 1, Reason: analysis.ReasonDeclining}} // c8, then c2
	res.Clusters = analysis.Clusters{
		K: 2, Silhouette: 0.41, Features: []string{"recency", "frequency", "monetary", "tenure"},
		Scores: []analysis.KScore{{K: 2, Silhouette: 0.41, Inertia: 12.5}, {K: 3, Silhouette: 0.35, Inertia: 8.25}},
		Profiles: []analysis.ClusterProfile{
			{Name: analysis.ClusterName{Traits: []analysis.ClusterTrait{{Feature: 0, Side: analysis.Low}, {Feature: 1, Side: analysis.High}}}, Customers: 2, Share: 1.0 / 3, ValueShare: 0.8,
				MeanRecency: 32.5, MeanFrequency: 6.5, MeanMonetary: 2900, MeanTenure: 530},
			{Name: analysis.ClusterName{Traits: []analysis.ClusterTrait{{Feature: 0, Side: analysis.High}, {Feature: 1, Side: analysis.Low}}}, Customers: 4, Share: 2.0 / 3, ValueShare: 0.2,
				MeanRecency: 120.25, MeanFrequency: 2, MeanMonetary: 412.5, MeanTenure: 240},
		},
	}
	segs := func(champions, loyal int) []int {
		out := make([]int, len(res.Segments))
		out[0], out[1] = champions, loyal
		return out
	}
	res.Characteristics = []analysis.Characteristic{
		{Attribute: "province", Values: []analysis.AttributeValue{
			{Name: "Zhejiang", Customers: 2, Buyers: 1, Share: 0.25, Value: 5000, ValueShare: 0.7, Segments: segs(1, 0)},
			{Name: "Jiangsu", Customers: 3, Buyers: 2, Share: 0.375, Value: 800, ValueShare: 0.12, Segments: segs(0, 0)},
			{Name: "", Customers: 1, Buyers: 1, Share: 0.125, Value: 400, ValueShare: 0.06, Segments: segs(0, 0)},
			{Name: analysis.OtherName, Other: true, Folded: 3, Customers: 2, Buyers: 1, Share: 0.25, Value: 1400, ValueShare: 0.12, Segments: segs(0, 0)},
		}},
		{Attribute: analysis.AgeBandAttribute, Column: "birth_date", Values: []analysis.AttributeValue{
			{Name: "under 25", Customers: 2, Buyers: 1, Share: 0.25, Value: 400, ValueShare: 0.05, Segments: segs(0, 0)},
			{Name: "25–34", Customers: 5, Buyers: 4, Share: 0.625, Value: 7000, ValueShare: 0.9, Segments: segs(1, 0)},
			{Name: "", Customers: 1, Buyers: 1, Share: 0.125, Value: 200, ValueShare: 0.05, Segments: segs(0, 0)},
		}},
		{Attribute: "note", MostlyUnique: true, Values: []analysis.AttributeValue{
			{Name: "", Customers: 2, Share: 0.25, Segments: segs(0, 0)},
			{Name: analysis.OtherName, Other: true, Folded: 6, Customers: 6, Buyers: 6, Share: 0.75, Value: 7600, ValueShare: 1, Segments: segs(1, 0)},
		}},
	}
	res.NeedsBySegment = []analysis.Need{
		{Group: "champions", Customers: 1,
			TopCategories: []analysis.Share{{Name: "服装", Share: 0.42, Value: 2100}, {Name: "美妆", Share: 0.2, Value: 1000}},
			Channels:      []analysis.Share{{Name: "app", Share: 0.6}, {Name: "web", Share: 0.3}, {Name: analysis.OtherName, Share: 0.1}},
			DiscountShare: 0.02, AvgOrderValue: 500, RepeatRate: 1, AvgCategories: 2.5, Relationship: 1},
	}
	res.NeedsByTier = []analysis.Need{
		{Group: "key", Customers: 1, TopCategories: []analysis.Share{{Name: "服装", Share: 0.42}},
			DiscountShare: 0.02, AvgOrderValue: 500, RepeatRate: 1, AvgCategories: 2.5, Relationship: 1},
	}
	stability := 0.8
	if !previous {
		stability = -1
	}
	res.Evaluation = []analysis.SegmentEvaluation{
		{Key: "champions", Customers: 1, Share: 0.125, ValueShare: 0.7, Distinctness: 0.62, Stability: stability},
		{Key: "lost", Customers: 0, TooSmall: true, Distinctness: math.NaN(), Stability: -1},
	}
	if previous {
		prev := res.KPIs
		prev.Customers, prev.NetRevenue, prev.RepeatRate = 6, 7180, 0.5
		res.Migration = analysis.Migration{
			PreviousAsOf: "2024-06-23",
			Keys:         []string{"champions", "loyal", "none"},
			Matrix:       [][]int{{1, 0, 0}, {1, 2, 0}, {0, 1, 3}},
			MovedUp:      1, Same: 3, New: 2, Lost: 2,
			PrevKPIs: &prev,
		}
	}
	res.Cohorts = []analysis.Cohort{
		{Month: "2023-01", Size: 1, Active: []int{1, 0, 1}, Revenue: []float64{500, 0, 300}, Retention: []float64{1, 0, 1}},
		{Month: "2023-03", Size: 2, Active: []int{2, 1}, Revenue: []float64{300, 100}, Retention: []float64{1, 0.5}},
	}
	return in
}

const (
	FormulaName  = `=HYPERLINK("http://x","click")`
	FormulaPhone = "+86 138 0013 8000"
	FormulaEmail = "@SUM(1+1)"
	FormulaAttr  = "-2+3"
)

var WorkbookAsOf = time.Date(2024, 6, 30, 0, 0, 0, 0, time.UTC)
