package html

import (
	"fmt"
	"math"
	"slices"
	"strconv"

	"github.com/custseg/custseg/reports"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/custseg/custseg/analysis"
)

// This file holds the charts of value over the lifetime and of churn: the
// customer pyramid, the churn trend, the lifecycle stages and the model
// distributions (probability alive, lifetime value).

var pyramidColors = map[analysis.PyramidTier]string{
	analysis.PyramidPlatinum: "#5d6d8c",
	analysis.PyramidGold:     "#e0a526",
	analysis.PyramidIron:     "#8d99ae",
	analysis.PyramidLead:     "#c5ccd6",
}

var stageColors = map[analysis.Stage]string{
	analysis.StageExploration: "#76b7b2",
	analysis.StageFormation:   "#4e79a7",
	analysis.StageStability:   "#59a14f",
	analysis.StageDecline:     "#e8a33d",
	analysis.StageLost:        "#e15759",
}

// pyramidChart draws the customer pyramid as a funnel whose widths
// only give the pyramid its shape; the labels carry the numbers.
func pyramidChart(in *reports.Input, loc string) (chart, error) {
	res := in.Result
	byCLV := res.Models.Usable && res.Models.PyramidBy != "value"
	text, high, lab := reports.Label("html.pyrTextValue"), reports.Label("html.pyrHighValue"), reports.Label("html.pyrLabelVal")
	if byCLV {
		text, high, lab = reports.Label("html.pyrTextCLV"), reports.Label("html.pyrHighCLV"), reports.Label("html.pyrLabelCLV")
	}
	ch := chart{ID: chartPyramid, Title: reports.Label("html.pyrTitle").In(loc), Text: text.In(loc),
		Highlight: reports.Label("reports.NoBuyers").In(loc), Height: 340}
	groups := map[string]analysis.GroupSummary{}
	buyers := 0
	for _, g := range res.Pyramid {
		groups[g.Key] = g
		buyers += g.Customers
	}
	// The tiers' shares as shown, adding up to 100.0% (pctParts).
	shares := make([]float64, len(analysis.PyramidTiers))
	values := make([]float64, len(analysis.PyramidTiers))
	for k, t := range analysis.PyramidTiers {
		g := groups[t.String()]
		shares[k], values[k] = g.Share, g.ValueShare
		if byCLV {
			values[k] = g.CLVShare
		}
	}
	sp, vp := reports.PctParts(shares, 1), reports.PctParts(values, 1)
	var items []htmlItem
	for k, t := range analysis.PyramidTiers {
		g := groups[t.String()]
		name := reports.ChartText(reports.PyramidLabels[t].In(loc))
		label := fmt.Sprintf(lab.In(loc), name, reports.Int(g.Customers), reports.PctShown(sp[k]), reports.PctShown(vp[k]))
		items = append(items, htmlItem{Name: name, Value: k + 1, Tip: label,
			Label:     &itemLabel{Show: true, Formatter: label},
			ItemStyle: &opts.ItemStyle{Color: pyramidColors[t], BorderColor: "#fff", BorderWidth: 1}})
	}
	top := groups[analysis.PyramidPlatinum.String()]
	gold := groups[analysis.PyramidGold.String()]
	var extra extraOptions
	if buyers > 0 {
		// The sums of the shown shares of the first two tiers
		// (PyramidTiers starts with platinum and gold).
		ch.Highlight = fmt.Sprintf(high.In(loc), reports.Int(top.Customers+gold.Customers),
			reports.PctShown(math.Round((sp[0]+sp[1])*10)/10), reports.PctShown(math.Round((vp[0]+vp[1])*10)/10))
	} else {
		extra.Graphic = emptyGraphic(reports.Label("html.noData").In(loc))
	}
	f := charts.NewFunnel()
	f.SetGlobalOptions(
		charts.WithTooltipOpts(opts.Tooltip{Trigger: "item", Formatter: fnTip}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}),
	)
	f.AddSeries(reports.Label("html.pyrTitle").In(loc), nil,
		charts.WithSeriesOpts(func(s *charts.SingleSeries) {
			s.Data = items
			s.Sort = "none"
			s.Min, s.Max = 1, len(analysis.PyramidTiers)
			s.Left = "2%"
		}),
		charts.WithLabelOpts(opts.Label{Position: "right", Color: "#1d2b3a", FontSize: 13, LineHeight: 18}))
	extra.Series = []seriesExtra{{MinSize: "18%", MaxSize: "100%", Width: "42%", Top: 8, Bottom: 8, Gap: 3,
		LabelLine: &labelLine{Length: 14, LineStyle: &opts.LineStyle{Color: "#c5ccd6"}}}}
	extra.Media = []mediaRule{{
		Query: mediaQuery{MaxWidth: 480},
		Option: mediaOption{Series: []mediaSeries{{
			Width: "34%", Label: &mediaLabel{Label: opts.Label{FontSize: 11}, Width: 200, Overflow: "break"},
		}}},
	}}
	var err error
	ch.option, err = optionJS(f, extra)
	return ch, err
}

// churnTrendChart draws the churn rates of the earlier runs and this
// one.
func churnTrendChart(in *reports.Input, loc string) (chart, error) {
	res := in.Result
	period := res.ChurnPeriodDays
	days := reports.Int(period)
	var xs []string
	var perPeriod, all []opts.LineData
	add := func(date string, k *analysis.KPIs) {
		xs = append(xs, date)
		perPeriod = append(perPeriod, opts.LineData{Value: reports.Pct1(k.PeriodChurnRate)})
		all = append(all, opts.LineData{Value: reports.Pct1(k.ChurnedShare)})
	}
	for i := range in.History {
		add(in.History[i].AsOf, &in.History[i].KPIs)
	}
	add(reports.Date(reports.AsOfDate(in)), &res.KPIs)
	k := &res.KPIs

	ch := chart{ID: chartChurnTrend, Title: reports.Label("html.trendTitle").In(loc), Text: reports.Label("html.trendText").In(loc), Height: 340}
	switch {
	case len(xs) >= 2 && period > 0:
		prev := in.History[len(in.History)-1]
		ch.Highlight = fmt.Sprintf(reports.Label("html.trendNow").In(loc), days, reports.Pct(k.PeriodChurnRate), reports.Pct(prev.KPIs.PeriodChurnRate), prev.AsOf)
	case len(xs) >= 2:
		ch.Highlight = fmt.Sprintf(reports.Label("html.statusHighlight").In(loc), reports.Int(k.Churned), reports.Pct(k.ChurnedShare), reports.Int(k.AtRisk))
	case period > 0:
		ch.Highlight = fmt.Sprintf(reports.Label("html.trendStarts").In(loc), days, reports.Pct(k.PeriodChurnRate))
	default:
		ch.Highlight = fmt.Sprintf(reports.Label("html.trendNoPrd").In(loc), reports.Pct(k.ChurnedShare))
	}

	line := charts.NewLine()
	line.Colors = []string{"#e15759", colorEven}
	line.SetGlobalOptions(
		charts.WithTooltipOpts(opts.Tooltip{Trigger: "axis", ValueFormatter: fnPercent}),
		charts.WithLegendOpts(opts.Legend{Top: "0", Left: "0"}),
		charts.WithGridOpts(opts.Grid{Left: "8", Right: "24", Top: "56", Bottom: "8", ContainLabel: opts.Bool(true)}),
		charts.WithXAxisOpts(opts.XAxis{Type: "category"}),
		charts.WithYAxisOpts(opts.YAxis{Type: "value", Min: 0, AxisLabel: &opts.AxisLabel{Formatter: "{value}%"},
			SplitLine: &opts.SplitLine{Show: opts.Bool(true), LineStyle: &opts.LineStyle{Color: "#edf0f4"}}}),
	)
	lineOpts := []charts.SeriesOpts{
		charts.WithLineChartOpts(opts.LineChart{ShowSymbol: opts.Bool(true), SymbolSize: 8}),
		charts.WithLabelOpts(opts.Label{Show: opts.Bool(len(xs) <= 12), Position: "top", Formatter: "{c}%"}),
	}
	line.SetXAxis(xs)
	if period > 0 {
		line.AddSeries(reports.Label("reports.KpiNameChurnRate").In(loc), perPeriod,
			append(lineOpts, charts.WithLineStyleOpts(opts.LineStyle{Width: 3}))...)
	}
	line.AddSeries(reports.Label("reports.KpiNameChurnedShare").In(loc), all, append(lineOpts, charts.WithLineStyleOpts(opts.LineStyle{Width: 2, Type: "dashed"}))...)
	var err error
	ch.option, err = optionJS(line, extraOptions{})
	return ch, err
}

// lifecycleChart draws the buyers per lifecycle stage, with each
// stage's strategy listed under the chart.
func lifecycleChart(in *reports.Input, loc string) (chart, error) {
	res := in.Result
	groups := map[string]analysis.GroupSummary{}
	buyers := 0
	for _, g := range res.Lifecycle {
		groups[g.Key] = g
		buyers += g.Customers
	}
	var names []string
	var data []opts.BarData
	largest := analysis.StageNone
	shares := make([]float64, len(analysis.Stages))
	for k, st := range analysis.Stages {
		shares[k] = groups[st.String()].Share
	}
	pcts := reports.PctParts(shares, 1)
	shown := map[analysis.Stage]string{}
	for k, st := range analysis.Stages {
		g := groups[st.String()]
		shown[st] = reports.PctShown(pcts[k])
		name := reports.ChartText(reports.StageLabels[st].In(loc))
		names = append(names, name)
		data = append(data, opts.BarData{Value: g.Customers,
			ItemStyle: &opts.ItemStyle{Color: stageColors[st]},
			Label:     &opts.Label{Show: opts.Bool(true), Position: "top", Formatter: reports.Int(g.Customers) + "\n" + shown[st]}})
		if g.Customers > 0 && (largest == analysis.StageNone || g.Customers > groups[largest.String()].Customers) {
			largest = st
		}
	}
	ch := chart{ID: chartLifecycle, Title: reports.Label("html.lifeTitle").In(loc), Text: reports.Label("html.lifeText").In(loc),
		Highlight: reports.Label("reports.NoBuyers").In(loc), Height: 320}
	for _, st := range analysis.Stages {
		if s, ok := reports.StageStrategies[st]; ok {
			ch.Items = append(ch.Items, reports.Pair{Label: reports.StageLabels[st].In(loc), Value: s.In(loc)})
		}
	}
	var extra extraOptions
	if buyers > 0 {
		dec := groups[analysis.StageDecline.String()]
		ch.Highlight = fmt.Sprintf(reports.Label("html.lifeHighlight").In(loc), reports.StageLabels[largest].In(loc), shown[largest],
			reports.Int(dec.Customers), shown[analysis.StageDecline])
	} else {
		extra.Graphic = emptyGraphic(reports.Label("html.noData").In(loc))
	}
	bar := charts.NewBar()
	bar.SetGlobalOptions(
		charts.WithTooltipOpts(opts.Tooltip{Trigger: "axis", AxisPointer: &opts.AxisPointer{Type: "shadow"}}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}),
		charts.WithGridOpts(opts.Grid{Left: "8", Right: "8", Top: "40", Bottom: "8", ContainLabel: opts.Bool(true)}),
		charts.WithXAxisOpts(opts.XAxis{Type: "category", AxisLabel: &opts.AxisLabel{Interval: "0"}}),
		charts.WithYAxisOpts(opts.YAxis{Type: "value", SplitLine: &opts.SplitLine{Show: opts.Bool(true), LineStyle: &opts.LineStyle{Color: "#edf0f4"}}}),
	)
	bar.SetXAxis(names).AddSeries(reports.Label("html.lifeSeries").In(loc), data, charts.WithBarChartOpts(opts.BarChart{BarCategoryGap: "35%"}))
	extra.Media = narrowAxis(30)
	var err error
	ch.option, err = optionJS(bar, extra)
	return ch, err
}

// modelsNote says why the model charts are left out.
func modelsNote(res *analysis.Result, loc string) string {
	return fmt.Sprintf(reports.Label("html.modelsOff").In(loc), reports.ModelsFailure(res.Models, loc))
}

// pAliveChart is the histogram of the buyers' probability of being
// alive in ten bins.
func pAliveChart(in *reports.Input, loc string) (chart, error) {
	res := in.Result
	if !res.Models.Usable {
		// One card says why both model charts are missing.
		return chart{ID: chartPAlive, Title: reports.Label("html.modelsTitle").In(loc), Note: modelsNote(res, loc)}, nil
	}
	ch := chart{ID: chartPAlive, Title: reports.Label("html.pAliveTitle").In(loc), Text: reports.Format("html.pAliveText", loc, chosenModelName(res.Models, loc)),
		Height: 320, Footnote: churnedAliveSentence(res, loc)}
	cut := in.Analysis.Models.PAliveAtRisk
	if cut <= 0 || cut >= 1 {
		cut = 0.5
	}
	const bins = 10
	counts := make([]int, bins)
	buyers, below, sum := 0, 0, 0.0
	for i := range res.Scores {
		s := &res.Scores[i]
		if !reports.IsBuyer(s) || !reports.Finite(s.PAlive) {
			continue
		}
		p := math.Min(math.Max(s.PAlive, 0), 1)
		counts[min(int(p*bins), bins-1)]++
		buyers++
		sum += p
		if p < cut {
			below++
		}
	}
	names := make([]string, bins)
	data := make([]opts.BarData, bins)
	for b := range bins {
		names[b] = strconv.Itoa(b*10) + "–" + strconv.Itoa((b+1)*10)
		data[b] = opts.BarData{Value: counts[b], ItemStyle: &opts.ItemStyle{Color: ramp(float64(b) / (bins - 1))},
			Label: &opts.Label{Show: opts.Bool(counts[b] > 0), Position: "top", Formatter: reports.Int(counts[b])}}
	}
	var extra extraOptions
	if buyers > 0 {
		ch.Highlight = fmt.Sprintf(reports.Label("html.pAliveHighlight").In(loc), reports.Int(below), reports.Pct(reports.Ratio(float64(below), float64(buyers))),
			reports.Pct(cut), reports.Pct(sum/float64(buyers)))
	} else {
		ch.Highlight = reports.Label("reports.NoBuyers").In(loc)
		extra.Graphic = emptyGraphic(reports.Label("html.noData").In(loc))
	}
	bar := charts.NewBar()
	bar.SetGlobalOptions(
		charts.WithTooltipOpts(opts.Tooltip{Trigger: "axis", AxisPointer: &opts.AxisPointer{Type: "shadow"}}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}),
		charts.WithGridOpts(opts.Grid{Left: "8", Right: "8", Top: "28", Bottom: "32", ContainLabel: opts.Bool(true)}),
		charts.WithXAxisOpts(opts.XAxis{Type: "category", Name: reports.Label("html.pAliveXAxis").In(loc), NameLocation: "middle", NameGap: 30,
			AxisLabel: &opts.AxisLabel{Interval: "0", FontSize: 11}}),
		charts.WithYAxisOpts(opts.YAxis{Type: "value", SplitLine: &opts.SplitLine{Show: opts.Bool(true), LineStyle: &opts.LineStyle{Color: "#edf0f4"}}}),
	)
	bar.SetXAxis(names).AddSeries(reports.Label("html.pAliveYAxis").In(loc), data, charts.WithBarChartOpts(opts.BarChart{BarCategoryGap: "12%"}))
	extra.Media = narrowAxis(45)
	// The turned labels need more room above the axis name.
	extra.Media[0].Option.XAxis[0].NameGap = 40
	extra.Media[0].Option.Grid = []mediaGrid{{Bottom: 46}}
	var err error
	ch.option, err = optionJS(bar, extra)
	return ch, err
}

// ramp is a colour from red (0) over amber to green (1).
func ramp(x float64) string {
	type rgb struct{ r, g, b float64 }
	stops := []rgb{{225, 87, 89}, {232, 163, 61}, {89, 161, 79}}
	x = math.Min(math.Max(x, 0), 1) * float64(len(stops)-1)
	i := min(int(x), len(stops)-2)
	f := x - float64(i)
	a, b := stops[i], stops[i+1]
	return fmt.Sprintf("#%02x%02x%02x", int(a.r+(b.r-a.r)*f), int(a.g+(b.g-a.g)*f), int(a.b+(b.b-a.b)*f))
}

// clvChart is the histogram of the buyers' lifetime values over bands
// with readable round edges (see htmlCLVEdges): 0–¥5, ¥5–¥10, ¥10–¥25, …,
// ≥ ¥1k, with each band's share of the total. A band below zero appears
// only when some lifetime values are negative.
func clvChart(in *reports.Input, loc string) (chart, error) {
	res := in.Result
	cur := in.Currency
	if !res.Models.Usable {
		return chart{}, nil // htmlPAliveChart says why
	}
	ch := chart{ID: chartCLV, Title: reports.Label("html.clvTitle").In(loc),
		Text: fmt.Sprintf(reports.Label("html.clvText").In(loc), reports.Int(res.Models.CLVMonths)), Height: 340, Wide: true}
	var vals []float64
	for i := range res.Scores {
		s := &res.Scores[i]
		if reports.IsBuyer(s) && reports.Finite(s.CLV) {
			vals = append(vals, s.CLV)
		}
	}
	slices.Sort(vals)
	bands := clvBands(vals, cur, loc)
	var names []string
	var bars []opts.BarData
	sums := make([]float64, len(bands))
	total := 0.0
	for _, v := range vals {
		total += v
	}
	for b := range bands {
		sums[b] = bands[b].sum
	}
	var shares []opts.BarData
	for b, pct := range reports.PctParts(htmlShares(sums, total), 1) {
		names = append(names, reports.ChartText(bands[b].name))
		bars = append(bars, opts.BarData{Value: bands[b].n,
			Label: &opts.Label{Show: opts.Bool(bands[b].n > 0), Position: "top", Formatter: reports.Int(bands[b].n)}})
		shares = append(shares, opts.BarData{Value: pct})
	}
	var extra extraOptions
	if len(vals) > 0 {
		// The top fifth of buyers by lifetime value and their share.
		top := int(math.Ceil(float64(len(vals)) * 0.2))
		topSum := 0.0
		for _, v := range vals[len(vals)-top:] {
			topSum += v
		}
		ch.Highlight = fmt.Sprintf(reports.Label("html.clvHighlight").In(loc), reports.MoneyShort(cur, total, loc),
			reports.MoneyShort(cur, median(vals), loc), reports.Pct(reports.Ratio(topSum, total)))
	} else {
		ch.Highlight = reports.Label("reports.NoBuyers").In(loc)
		extra.Graphic = emptyGraphic(reports.Label("html.noData").In(loc))
	}
	bar := charts.NewBar()
	bar.Colors = []string{colorBuyers, colorValue}
	bar.SetGlobalOptions(
		charts.WithTooltipOpts(opts.Tooltip{Trigger: "axis", AxisPointer: &opts.AxisPointer{Type: "shadow"}}),
		charts.WithLegendOpts(opts.Legend{Top: "0", Left: "0"}),
		charts.WithGridOpts(opts.Grid{Left: "8", Right: "8", Top: "44", Bottom: "8", ContainLabel: opts.Bool(true)}),
		charts.WithXAxisOpts(opts.XAxis{Type: "category", AxisLabel: &opts.AxisLabel{Interval: "0", Rotate: 30}}),
		charts.WithYAxisOpts(opts.YAxis{Type: "value", SplitLine: &opts.SplitLine{Show: opts.Bool(true), LineStyle: &opts.LineStyle{Color: "#edf0f4"}}}),
	)
	bar.ExtendYAxis(opts.YAxis{Type: "value", Min: 0, Max: 100, Position: "right",
		AxisLabel: &opts.AxisLabel{Formatter: "{value}%"}, SplitLine: &opts.SplitLine{Show: opts.Bool(false)}})
	bar.SetXAxis(names).
		AddSeries(reports.Label("html.clvBuyers").In(loc), bars, charts.WithBarChartOpts(opts.BarChart{BarCategoryGap: "20%"}))
	line := charts.NewLine()
	line.SetXAxis(names).AddSeries(reports.Label("html.clvShare").In(loc), barsToLine(shares),
		charts.WithLineChartOpts(opts.LineChart{YAxisIndex: 1, ShowSymbol: opts.Bool(true), SymbolSize: 7}),
		charts.WithLineStyleOpts(opts.LineStyle{Width: 2}))
	bar.Overlap(line)
	var err error
	ch.option, err = optionJS(bar, extra)
	return ch, err
}

// htmlShares is each of parts ÷ total (0 when total is 0).
func htmlShares(parts []float64, total float64) []float64 {
	out := make([]float64, len(parts))
	for i, p := range parts {
		out[i] = reports.Ratio(p, total)
	}
	return out
}

// clvBand is one band of the lifetime-value histogram.
type clvBand struct {
	name string
	n    int
	sum  float64
}

// clvBands sorts the sorted values into bands with the edges of
// clvEdges: "< ¥0" for negative values (only when there are any),
// "0–¥5" from zero to the first edge, one band between each two edges,
// and "≥ ¥1k" from the last edge up. A value on an edge belongs to the
// band it starts. The bands between the edges are kept when empty, so the
// scale has no gaps; the first and last bands only when they hold
// someone. No values give no bands.
func clvBands(sorted []float64, cur, loc string) []clvBand {
	if len(sorted) == 0 {
		return nil
	}
	edges := clvEdges(sorted)
	money := func(x float64) string { return reports.MoneyShort(cur, x, loc) }
	neg := clvBand{name: "< " + money(0)}
	var bands []clvBand // [0, e0), [e0, e1), …, [e(n-1), ∞)
	if len(edges) == 0 {
		bands = []clvBand{{name: money(0)}} // every value is 0
	} else {
		bands = append(bands, clvBand{name: money(0) + "–" + money(edges[0])})
		for k := 1; k < len(edges); k++ {
			bands = append(bands, clvBand{name: money(edges[k-1]) + "–" + money(edges[k])})
		}
		bands = append(bands, clvBand{name: "≥ " + money(edges[len(edges)-1])})
	}
	for _, v := range sorted {
		if v < 0 {
			neg.n++
			neg.sum += v
			continue
		}
		b, found := slices.BinarySearch(edges, v)
		if found {
			b++ // a value on an edge belongs to the band it starts
		}
		bands[b].n++
		bands[b].sum += v
	}
	// The bands at either end only when they hold someone (the band
	// below zero only with negative values).
	bands = append([]clvBand{neg}, bands...)
	for len(bands) > 1 && bands[len(bands)-1].n == 0 {
		bands = bands[:len(bands)-1]
	}
	for len(bands) > 1 && bands[0].n == 0 {
		bands = bands[1:]
	}
	return bands
}

// clvSteps is the scale of the band edges: 1, 2.5 and 5 times a power
// of ten (…, 10, 25, 50, 100, 250, …), round amounts a reader takes in at
// a glance.
var clvSteps = []float64{1, 2.5, 5}

// clvMaxEdges is the most band edges, so at most one band more than
// this between zero and the top.
const clvMaxEdges = 8

// clvMinEdge is the smallest edge: one cent.
const clvMinEdge = 0.01

// clvEdges returns the band edges of sorted lifetime values, in
// increasing order: the last is the first number of the scale
// (htmlCLVSteps) at or above the 95th percentile of the positive values,
// and the edges below it step down the scale to the 5th percentile (or
// one cent), at most htmlCLVMaxEdges of them. The bands are then 0 to the
// first edge, between the edges, and from the last edge up. Without a
// positive value there are no edges.
func clvEdges(sorted []float64) []float64 {
	i, _ := slices.BinarySearch(sorted, math.SmallestNonzeroFloat64)
	pos := sorted[i:]
	if len(pos) == 0 {
		return nil
	}
	q := func(p float64) float64 { return pos[min(int(p*float64(len(pos))), len(pos)-1)] }
	lo := math.Max(q(0.05), clvMinEdge)
	top := roundNice(niceCeil(math.Max(q(0.95), clvMinEdge), clvSteps))
	floor := roundNice(niceFloor(lo, clvSteps))
	edges := []float64{top}
	for e := top; len(edges) < clvMaxEdges; {
		e = nicePrev(e, clvSteps)
		if e < floor*(1-1e-9) || e < clvMinEdge*(1-1e-9) {
			break
		}
		edges = append(edges, e)
	}
	slices.Reverse(edges)
	return edges
}

// niceCeil is the smallest number steps[i]·10^k not below x (x > 0).
func niceCeil(x float64, steps []float64) float64 {
	e := niceFloor(x, steps)
	if e >= x*(1-1e-12) {
		return e
	}
	return niceNext(e, steps)
}

// nicePrev is the number on the scale before e.
func nicePrev(e float64, steps []float64) float64 {
	p := math.Pow(10, math.Floor(math.Log10(e)+1e-12))
	for k := len(steps) - 1; k >= 0; k-- {
		if s := steps[k] * p; s < e*(1-1e-9) {
			return roundNice(s)
		}
	}
	return roundNice(steps[len(steps)-1] * p / 10)
}

// roundNice removes the binary noise of a scale number (0.1 × 2.5 is
// 0.25000000000000006), so it prints and compares as written.
func roundNice(x float64) float64 {
	v, err := strconv.ParseFloat(strconv.FormatFloat(x, 'g', 12, 64), 64)
	if err != nil {
		return x
	}
	return v
}

func barsToLine(b []opts.BarData) []opts.LineData {
	out := make([]opts.LineData, len(b))
	for i := range b {
		out[i] = opts.LineData{Value: b[i].Value}
	}
	return out
}

// median is the median of sorted values (0 for none).
func median(sorted []float64) float64 {
	n := len(sorted)
	switch {
	case n == 0:
		return 0
	case n%2 == 1:
		return sorted[n/2]
	}
	return (sorted[n/2-1] + sorted[n/2]) / 2
}

// niceFloor is the largest number steps[i]·10^k not above x (x > 0).
func niceFloor(x float64, steps []float64) float64 {
	p := math.Pow(10, math.Floor(math.Log10(x)))
	best := p
	for _, s := range steps {
		if s*p <= x*(1+1e-12) {
			best = s * p
		}
	}
	return best
}

// niceNext is the next number on the scale after e.
func niceNext(e float64, steps []float64) float64 {
	p := math.Pow(10, math.Floor(math.Log10(e)+1e-12))
	for _, s := range steps {
		if s*p > e*(1+1e-9) {
			return s * p
		}
	}
	return steps[0] * p * 10
}

// narrowAxis is an echarts media rule that, on a phone, turns the
// category labels of the x axis by rotate degrees and writes them smaller.
func narrowAxis(rotate int) []mediaRule {
	return []mediaRule{{
		Query:  mediaQuery{MaxWidth: 480},
		Option: mediaOption{XAxis: []mediaAxis{{AxisLabel: mediaAxisLabel{Rotate: rotate, FontSize: 10}}}},
	}}
}
