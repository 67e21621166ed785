package analysis

import (
	"math"

	"github.com/custseg/custseg/analysis/kmeans"
	"github.com/custseg/custseg/analysis/stats"
)

// Analyze runs every analysis of this package over d. p must be valid
// (Params.Validate). An empty dataset gives a result with zero counts, no
// NaN and no Lorenz curve.
//
// The seeds' remaining steps run last, on the finished scores (insights):
// buying behaviour, characteristics, common needs, segment evaluation,
// migration from d.Previous and cohorts; TakeSnapshot then records the
// run for the next one.
func Analyze(d *Dataset, p Params) *Result { return AnalyzeProgress(d, p, nil) }

// AnalyzeStages are the stages of Analyze, in order, as AnalyzeProgress
// names them.
var AnalyzeStages = []string{
	"RFM scores and segments", "value tiers and summaries", "purchase and spend models",
	"pyramid and campaign lists", "clusters", "KPIs", "insights", "data guards",
}

// AnalyzeProgress is Analyze telling progress, when not nil, as each stage
// starts: its name (AnalyzeStages[k]), k and the number of stages.
func AnalyzeProgress(d *Dataset, p Params, progress func(stage string, k, n int)) *Result {
	stage := func(k int) {
		if progress != nil {
			progress(AnalyzeStages[k], k, len(AnalyzeStages))
		}
	}
	stage(0)
	measure := p.ValueMeasure
	if measure == "auto" || measure == "" {
		measure = "revenue"
		if d.HasCost {
			measure = "margin"
		}
	}
	if measure == "margin" && !d.HasCost {
		measure = "revenue"
	}
	scores := make([]Score, len(d.Customers))
	scoreRFM(d, p.RFM, scores)
	asOf := DateOf(d.AsOf)
	for i := range d.Customers {
		c := &d.Customers[i]
		s := &scores[i]
		s.Value = c.Net()
		if measure == "margin" {
			s.Value = c.Net() - c.Cost
		}
		s.Status = StatusPotential
		if c.IsBuyer() {
			s.RhythmDays = Rhythm(c)
			s.Status = RhythmStatus(int(s.Recency), s.RhythmDays, p.Churn)
		}
		s.Lifecycle = LifecycleStage(c, s.Status, c.FirstOrder.DaysTo(asOf), p.Lifecycle)
	}
	assignSegments(p.RFM, scores)
	res := &Result{AsOf: d.AsOf, ValueMeasure: measure, Bins: p.RFM.Bins, Scores: scores, ChurnPeriodDays: d.WindowDays}
	stage(1)
	res.Tiers, res.Concentration = assignTiers(d, p.Tiers, scores)
	res.Statuses = summariseStatuses(d, scores)
	res.Segments, res.RFGrid = summariseSegments(d, p.RFM, scores)
	stage(2)
	// The clustering reads only the RFM scores and the first purchases:
	// k-means runs while the models are fitted, and its result is put in
	// its place after them, as if it had run then.
	// It also scores the RFM segments on the same silhouette sample, for
	// their distinctness (segmentDistinctness), sharing its distances.
	cd := newClusterData(d, p.Clusters, scores)
	type selected struct {
		cl     kmeans.Clustering
		segSil []float64
		err    error
	}
	clustered := make(chan selected, 1)
	segments := segmentScoring(cd, scores, len(res.Segments))
	go func() {
		cl, segSil, err := kmeans.SelectScoring(cd.m, p.Clusters, segments)
		clustered <- selected{cl, segSil, err}
	}()
	fitModels(d, p.Models, scores, res)
	stage(3)
	assignPyramid(d, p.Pyramid, scores, res)
	campaignLists(d, p.Models, scores, res)
	stages := make([]string, len(Stages))
	for k, st := range Stages {
		stages[k] = st.String()
	}
	res.Lifecycle = groupSummaries(scores, stages, func(s *Score) string { return s.Lifecycle.String() })
	stage(4)
	sel := <-clustered
	cd.segSil = sel.segSil
	clusterBuyers(d, cd, sel.cl, sel.err, scores, res)
	stage(5)
	res.KPIs = kpis(d, res)
	res.KPIs.PeriodChurnRate = periodChurnRate(d, scores, p.Churn)
	stage(6)
	insights(d, p, cd, res)
	stage(7)
	guardData(d, p.Guards, res)
	return res
}

func summariseSegments(d *Dataset, p RFMParams, scores []Score) ([]SegmentSummary, [][]int) {
	sums := make([]SegmentSummary, len(p.Segments))
	for k, r := range p.Segments {
		sums[k].Rule = r
	}
	grid := make([][]int, p.Bins)
	for r := range grid {
		grid[r] = make([]int, p.Bins)
	}
	gross := make([]float64, len(sums))
	orders := make([]int, len(sums))
	buyers, total := 0, 0.0
	for i := range scores {
		s := &scores[i]
		if s.Value > 0 {
			total += s.Value
		}
		if s.Segment < 0 {
			continue
		}
		buyers++
		grid[s.R-1][s.F-1]++
		g := &sums[s.Segment]
		g.Customers++
		g.Value += s.Value
		g.AvgRecency += float64(s.Recency)
		g.AvgFrequency += float64(s.Frequency)
		g.AvgMonetary += s.Monetary
		gross[s.Segment] += d.Customers[i].Gross
		orders[s.Segment] += int(d.Customers[i].Orders)
	}
	for k := range sums {
		g := &sums[k]
		g.Share = stats.Ratio(float64(g.Customers), float64(buyers))
		g.ValueShare = stats.Ratio(g.Value, total)
		n := float64(g.Customers)
		g.AvgRecency = stats.Ratio(g.AvgRecency, n)
		g.AvgFrequency = stats.Ratio(g.AvgFrequency, n)
		g.AvgMonetary = stats.Ratio(g.AvgMonetary, n)
		g.AvgOrderValue = stats.Ratio(gross[k], float64(orders[k]))
	}
	return sums, grid
}

func kpis(d *Dataset, res *Result) KPIs {
	k := KPIs{Customers: len(d.Customers)}
	repeat := 0
	for i := range d.Customers {
		c := &d.Customers[i]
		k.GrossRevenue += c.Gross
		k.Refunds += c.Refunds
		if d.HasCost {
			k.Margin += c.Net() - c.Cost
		}
		if !c.IsBuyer() {
			continue
		}
		k.Buyers++
		k.Orders += int(c.Orders)
		if c.Orders >= 2 {
			repeat++
		}
	}
	// Money sums of many DECIMAL amounts read as float64: round to cents.
	k.GrossRevenue, k.Refunds, k.Margin = cents(k.GrossRevenue), cents(k.Refunds), cents(k.Margin)
	k.NetRevenue = cents(k.GrossRevenue - k.Refunds)
	k.AvgOrderValue = stats.Ratio(k.GrossRevenue, float64(k.Orders))
	k.RepeatRate = stats.Ratio(float64(repeat), float64(k.Buyers))
	k.Top20Share = res.Concentration.Top20Share
	k.Gini = res.Concentration.Gini
	for _, s := range res.Statuses {
		switch s.Status {
		case StatusActive:
			k.ActiveCustomer = s.Customers
		case StatusAtRisk:
			k.AtRisk = s.Customers
		case StatusChurned:
			k.Churned = s.Customers
		}
	}
	k.ChurnedShare = stats.Ratio(float64(k.Churned), float64(k.Buyers))
	if res.Models.Usable {
		purchases, clv := 0.0, 0.0
		for i := range res.Scores {
			purchases += res.Scores[i].ExpPurchases
			clv += res.Scores[i].CLV
		}
		purchases, clv = math.Round(purchases*10)/10, cents(clv)
		k.ExpectedPurchases, k.CLV = &purchases, &clv
	}
	k.SaveNow, k.WinBack = len(res.SaveNow), len(res.WinBack)
	k.Period = periodKPIs(d)
	return k
}

func cents(x float64) float64 { return math.Round(x*100) / 100 }
