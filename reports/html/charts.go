package html

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/custseg/custseg/reports"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/custseg/custseg/analysis"
)

// shareBars is a horizontal bar chart comparing, per category, the share of
// buyers (labelled with the count) with the share of value. countSeries
// names the first series. buyerPct and valuePct are percentages as shown,
// rounded by largest remainder over the whole (pctParts), so the labels
// of a partition add up to 100.0%.
func shareBars(loc string, countSeries reports.Label, names []string, counts []int, buyerPct, valuePct []float64) *charts.Bar {
	var xMax interface{} // echarts picks the scale
	if !slices.ContainsFunc(counts, func(n int) bool { return n > 0 }) {
		xMax = 100 // nothing to show: a scale of 0–1 % would look odd
	}
	bar := charts.NewBar()
	bar.Colors = []string{colorBuyers, colorValue}
	bar.SetGlobalOptions(
		charts.WithTooltipOpts(opts.Tooltip{Trigger: "axis", ValueFormatter: fnPercent,
			AxisPointer: &opts.AxisPointer{Type: "shadow"}}),
		charts.WithLegendOpts(opts.Legend{Top: "0", Left: "0"}),
		charts.WithGridOpts(opts.Grid{Left: "4", Right: "96", Top: "36", Bottom: "4", ContainLabel: opts.Bool(true)}),
		charts.WithXAxisOpts(opts.XAxis{Type: "value", Max: xMax, AxisLabel: &opts.AxisLabel{Formatter: "{value}%"},
			SplitLine: &opts.SplitLine{Show: opts.Bool(true), LineStyle: &opts.LineStyle{Color: "#edf0f4"}}}),
		charts.WithYAxisOpts(opts.YAxis{Type: "category", Inverse: opts.Bool(true),
			AxisLine: &opts.AxisLine{LineStyle: &opts.LineStyle{Color: "#c5ccd6"}}}),
	)
	// Labels are written out per bar, so they read like the rest of the
	// report; an empty category shows its zero once.
	buyers := make([]opts.BarData, len(names))
	values := make([]opts.BarData, len(names))
	for i := range names {
		label := reports.Int(counts[i]) + " · " + reports.PctShown(buyerPct[i])
		if counts[i] == 0 {
			label = "0"
		}
		buyers[i] = opts.BarData{Value: reports.NoNegZero(buyerPct[i]),
			Label: &opts.Label{Show: opts.Bool(true), Position: "right", Formatter: label}}
		values[i] = opts.BarData{Value: reports.NoNegZero(valuePct[i]),
			Label: &opts.Label{Show: opts.Bool(counts[i] > 0), Position: "right", Formatter: reports.PctShown(valuePct[i])}}
	}
	bar.SetXAxis(names).
		AddSeries(countSeries.In(loc), buyers, charts.WithBarChartOpts(opts.BarChart{BarGap: "15%", BarCategoryGap: "30%"})).
		AddSeries(reports.Label("html.seriesValueShare").In(loc), values)
	bar.XYReversal()
	return bar
}

func segmentChart(in *reports.Input, loc string) (chart, error) {
	res := in.Result
	n := len(res.Segments)
	names := make([]string, n)
	counts := make([]int, n)
	big, rich := -1, -1
	for i, s := range res.Segments {
		names[i] = reports.ChartText(reports.SegmentName(s.Rule, loc))
		counts[i] = s.Customers
		if s.Customers > 0 && (big < 0 || s.Customers > res.Segments[big].Customers) {
			big = i
		}
		if s.Customers > 0 && (rich < 0 || s.Value > res.Segments[rich].Value) {
			rich = i
		}
	}
	ch := chart{ID: chartSegments, Title: reports.Label("html.segTitle").In(loc), Text: reports.Label("html.segText").In(loc),
		Highlight: reports.Label("reports.NoBuyers").In(loc), Height: 80 + 40*max(n, 3), Wide: true}
	var extra extraOptions
	sp, vp := reports.SegmentPcts(res)
	if big >= 0 {
		ch.Highlight = fmt.Sprintf(reports.Label("html.segHighlight").In(loc),
			reports.SegmentName(res.Segments[big].Rule, loc), reports.PctShown(sp[big]),
			reports.SegmentName(res.Segments[rich].Rule, loc), reports.PctShown(vp[rich]))
	} else {
		extra.Graphic = emptyGraphic(reports.Label("html.noData").In(loc))
	}
	var err error
	ch.option, err = optionJS(shareBars(loc, "html.seriesBuyerShare", names, counts, sp, vp), extra)
	return ch, err
}

func rfChart(in *reports.Input, loc string) (chart, error) {
	res := in.Result
	bins := len(res.RFGrid)
	if bins == 0 {
		bins = max(res.Bins, 1)
	}
	axis := make([]string, bins)
	for i := range axis {
		axis[i] = strconv.Itoa(i + 1)
	}
	// High scores are the top two fifths of the bins (4–5 of 5), low the
	// bottom two fifths (1–2 of 5).
	lo := max(bins*2/5, 1)
	hi := bins - lo + 1
	var data []opts.HeatMapData
	top, best, quiet := 0, 0, 0
	for r := range res.RFGrid {
		for f, n := range res.RFGrid[r] {
			if n == 0 {
				continue
			}
			top = max(top, n)
			if r+1 >= hi && f+1 >= hi {
				best += n
			}
			if r+1 <= lo && f+1 >= hi {
				quiet += n
			}
			data = append(data, opts.HeatMapData{Name: fmt.Sprintf("R %d · F %d", r+1, f+1), Value: []int{f, r, n}})
		}
	}
	hm := charts.NewHeatMap()
	hm.SetGlobalOptions(
		charts.WithTooltipOpts(opts.Tooltip{Trigger: "item"}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}),
		charts.WithGridOpts(opts.Grid{Left: "36", Right: "8", Top: "8", Bottom: "64", ContainLabel: opts.Bool(true)}),
		charts.WithXAxisOpts(opts.XAxis{Type: "category", Data: axis, Name: reports.Label("html.rfxAxis").In(loc) + " →",
			NameLocation: "middle", NameGap: 28, SplitArea: &opts.SplitArea{Show: opts.Bool(true)}}),
		charts.WithYAxisOpts(opts.YAxis{Type: "category", Data: axis, Name: reports.Label("html.rfyAxis").In(loc) + " →",
			NameLocation: "middle", NameGap: 28, SplitArea: &opts.SplitArea{Show: opts.Bool(true)}}),
		charts.WithVisualMapOpts(opts.VisualMap{Type: "continuous", Calculable: opts.Bool(false),
			Min: 0, Max: float32(max(top, 1)), Orient: "horizontal", Left: "center", Bottom: "0",
			Text:    []string{reports.Int(max(top, 1)), "0"},
			InRange: &opts.VisualMapInRange{Color: []string{"#eef4fb", "#a9c8e8", "#5b8fc7"}}}),
	)
	hm.AddSeries(reports.Label("html.rfSeries").In(loc), data,
		charts.WithLabelOpts(opts.Label{Show: opts.Bool(true), Color: "#1d2b3a", FontSize: 13}),
		charts.WithItemStyleOpts(opts.ItemStyle{BorderColor: "#fff", BorderWidth: 2}),
		charts.WithEmphasisOpts(opts.Emphasis{ItemStyle: &opts.ItemStyle{ShadowBlur: 8, ShadowColor: "rgba(0,0,0,0.25)"}}))
	ch := chart{ID: chartRF, Title: reports.Label("html.rfTitle").In(loc), Text: reports.Label("html.rfText").In(loc),
		Highlight: reports.Label("reports.NoBuyers").In(loc), Height: 420}
	var extra extraOptions
	if len(data) > 0 {
		his, los := strconv.Itoa(hi), strconv.Itoa(lo)
		ch.Highlight = fmt.Sprintf(reports.Label("html.rfHighlight").In(loc), reports.Int(best), his, his, reports.Int(quiet), los, his)
		ch.Footnote = rfUnused(res.RFGrid, loc)
	} else {
		extra.Graphic = emptyGraphic(reports.Label("html.noData").In(loc))
	}
	var err error
	ch.option, err = optionJS(hm, extra)
	return ch, err
}

func paretoChart(in *reports.Input, loc string) (chart, error) {
	c := in.Result.Concentration
	// The Pareto curve reads the Lorenz curve from the most valuable end:
	// the top x of buyers hold 1 − L(1 − x) of the value.
	curve := make([]opts.LineData, 0, len(c.Lorenz))
	for i := len(c.Lorenz) - 1; i >= 0; i-- {
		p := c.Lorenz[i]
		x := round2(100 * (1 - p.CustomerShare))
		y := round2(100 * (1 - p.ValueShare))
		curve = append(curve, opts.LineData{Value: []float64{x, y}})
	}
	even := []opts.LineData{{Value: []float64{0, 0}}, {Value: []float64{100, 100}}}
	top := reports.Pct1(c.Top20Share)

	line := charts.NewLine()
	line.Colors = []string{colorBuyers, colorEven}
	line.SetGlobalOptions(
		charts.WithTooltipOpts(opts.Tooltip{Trigger: "axis", ValueFormatter: fnPercent}),
		charts.WithLegendOpts(opts.Legend{Top: "0", Left: "0"}),
		charts.WithGridOpts(opts.Grid{Left: "36", Right: "24", Top: "40", Bottom: "36", ContainLabel: opts.Bool(true)}),
		charts.WithXAxisOpts(opts.XAxis{Type: "value", Min: 0, Max: 100, Name: reports.Label("html.paretoXAxis").In(loc),
			NameLocation: "middle", NameGap: 28, AxisLabel: &opts.AxisLabel{Formatter: "{value}%"},
			SplitLine:   &opts.SplitLine{Show: opts.Bool(true), LineStyle: &opts.LineStyle{Color: "#edf0f4"}},
			AxisPointer: &opts.AxisPointer{Label: &opts.Label{Formatter: reports.Label("html.paretoPointer").In(loc)}}}),
		charts.WithYAxisOpts(opts.YAxis{Type: "value", Min: 0, Max: 100, Name: reports.Label("html.paretoYAxis").In(loc),
			NameLocation: "middle", NameGap: 44, AxisLabel: &opts.AxisLabel{Formatter: "{value}%"},
			SplitLine: &opts.SplitLine{Show: opts.Bool(true), LineStyle: &opts.LineStyle{Color: "#edf0f4"}}}),
	)
	curveOpts := []charts.SeriesOpts{
		charts.WithLineChartOpts(opts.LineChart{ShowSymbol: opts.Bool(false)}),
		charts.WithLineStyleOpts(opts.LineStyle{Width: 3}),
		charts.WithAreaStyleOpts(opts.AreaStyle{Opacity: opts.Float(0.15)}),
	}
	ch := chart{ID: chartPareto, Title: reports.Label("html.paretoTitle").In(loc), Text: reports.Label("html.paretoText").In(loc),
		Highlight: reports.Label("reports.NoBuyers").In(loc), Height: 400}
	var extra extraOptions
	if len(curve) > 0 {
		ch.Highlight = fmt.Sprintf(reports.Label("html.paretoHighlight").In(loc), reports.Pct(c.Top20Share),
			strconv.FormatFloat(round2(c.Gini), 'f', 2, 64))
		curveOpts = append(curveOpts,
			charts.WithMarkLineNameXAxisItemOpts(opts.MarkLineNameXAxisItem{XAxis: 20}),
			charts.WithMarkLineStyleOpts(opts.MarkLineStyle{Symbol: []string{"none", "none"},
				Label:     &opts.Label{Show: opts.Bool(false)},
				LineStyle: &opts.LineStyle{Color: colorValue, Type: "dashed", Width: 1.5}}),
			charts.WithSeriesOpts(func(s *charts.SingleSeries) {
				// opts.Label's padding is a string, which echarts misreads;
				// this mark point carries its own label.
				if s.MarkPoints == nil {
					s.MarkPoints = &opts.MarkPoints{}
				}
				s.MarkPoints.Data = append(s.MarkPoints.Data, markPoint{
					Coord: []float64{20, top}, Symbol: "circle", SymbolSize: 12,
					ItemStyle: &opts.ItemStyle{Color: colorValue, BorderColor: "#fff", BorderWidth: 2},
					Label: markLabel{Show: true, Position: "right", Distance: 8, FontSize: 14, FontWeight: "bold",
						Color: "#1d2b3a", BackgroundColor: "rgba(255,255,255,0.92)", BorderColor: colorValue,
						BorderWidth: 1, BorderRadius: 4, Padding: []int{4, 8},
						Formatter: fmt.Sprintf(reports.Label("html.paretoCallout").In(loc), reports.Pct(c.Top20Share))},
				})
			}),
		)
	} else {
		extra.Graphic = emptyGraphic(reports.Label("html.noData").In(loc))
	}
	line.AddSeries(reports.Label("html.paretoCurve").In(loc), curve, curveOpts...).
		AddSeries(reports.Label("html.paretoEven").In(loc), even,
			charts.WithLineChartOpts(opts.LineChart{ShowSymbol: opts.Bool(false)}),
			charts.WithLineStyleOpts(opts.LineStyle{Type: "dashed", Width: 1.5}))
	var err error
	ch.option, err = optionJS(line, extra)
	return ch, err
}

func tierChart(in *reports.Input, loc string) (chart, error) {
	var names []string
	var counts []int
	var share, vshare []float64
	var key *analysis.TierSummary
	var keyShare, keyValue float64
	sp, vp := reports.TierPcts(in.Result)
	for i := range in.Result.Tiers {
		t := &in.Result.Tiers[i]
		if t.Tier == analysis.TierNoValue && t.Customers == 0 {
			continue
		}
		if t.Tier == analysis.TierKey {
			key, keyShare, keyValue = t, sp[i], vp[i]
		}
		names = append(names, reports.ChartText(reports.TierLabels[t.Tier].In(loc)))
		counts = append(counts, t.Customers)
		share = append(share, sp[i])
		vshare = append(vshare, vp[i])
	}
	ch := chart{ID: chartTiers, Title: reports.Label("html.tierTitle").In(loc), Text: reports.Label("html.tierText").In(loc),
		Highlight: reports.Label("reports.NoBuyers").In(loc), Height: max(80+40*len(names), 360)}
	var extra extraOptions
	if key != nil && key.Customers > 0 {
		ch.Highlight = fmt.Sprintf(reports.Label("html.tierHighlight").In(loc), reports.Int(key.Customers), reports.PctShown(keyShare), reports.PctShown(keyValue))
	} else {
		extra.Graphic = emptyGraphic(reports.Label("html.noData").In(loc))
	}
	var err error
	ch.option, err = optionJS(shareBars(loc, "html.seriesBuyerShare", names, counts, share, vshare), extra)
	return ch, err
}

func statusChart(in *reports.Input, loc string) (chart, error) {
	var data []opts.PieData
	var legend []string
	shares := make([]float64, len(in.Result.Statuses))
	for i, s := range in.Result.Statuses {
		shares[i] = s.Share
	}
	pcts := reports.PctParts(shares, 1)
	for i, s := range in.Result.Statuses {
		name := reports.ChartText(reports.StatusLabels[s.Status].In(loc))
		legend = append(legend, name)
		if s.Customers == 0 {
			continue
		}
		data = append(data, opts.PieData{Name: name, Value: s.Customers,
			ItemStyle: &opts.ItemStyle{Color: statusColors[s.Status]},
			Label:     &opts.Label{Formatter: name + "\n" + reports.Int(s.Customers) + " · " + reports.PctShown(pcts[i])}})
	}
	pie := charts.NewPie()
	pie.SetGlobalOptions(
		charts.WithTooltipOpts(opts.Tooltip{Trigger: "item"}),
		charts.WithLegendOpts(opts.Legend{Top: "0", Left: "0", Data: legend}),
	)
	pie.AddSeries(reports.Label("html.statusSeries").In(loc), data,
		charts.WithPieChartOpts(opts.PieChart{Radius: []string{"38%", "62%"}, Center: []string{"50%", "56%"}}),
		charts.WithLabelOpts(opts.Label{Show: opts.Bool(true), LineHeight: 18}),
		charts.WithItemStyleOpts(opts.ItemStyle{BorderColor: "#fff", BorderWidth: 2}))
	k := in.Result.KPIs
	ch := chart{ID: chartStatus, Title: reports.Label("html.statusTitle").In(loc), Text: reports.Label("html.statusText").In(loc),
		Highlight: reports.Label("reports.NoBuyers").In(loc), Height: 380}
	if k.Buyers > 0 {
		ch.Highlight = fmt.Sprintf(reports.Label("html.statusHighlight").In(loc), reports.Int(k.Churned), reports.Pct(k.ChurnedShare), reports.Int(k.AtRisk))
	}
	// On a phone the outside labels need room: a smaller ring, and long
	// names broken over lines.
	extra := extraOptions{Media: []mediaRule{{
		Query: mediaQuery{MaxWidth: 480},
		Option: mediaOption{Series: []mediaSeries{{
			Radius: []string{"24%", "40%"},
			Label: &mediaLabel{Label: opts.Label{FontSize: 11}, Width: 96, Overflow: "break",
				AlignTo: "edge", EdgeDistance: 4},
		}}},
	}}}
	if len(data) == 0 {
		extra.Graphic = emptyGraphic(reports.Label("html.noData").In(loc))
	}
	var err error
	ch.option, err = optionJS(pie, extra)
	return ch, err
}

// rfUnused explains, in one sentence, the empty rows and columns of an
// R × F grid that has buyers: customers with equal values share a score,
// so ties can leave a score unused (everyone with one order at F 1 and
// everyone with two at F 3, say). "" when every score is used.
func rfUnused(grid [][]int, loc string) string {
	if len(grid) == 0 {
		return ""
	}
	var rows, cols []string
	for r := range grid {
		if !slices.ContainsFunc(grid[r], func(n int) bool { return n > 0 }) {
			rows = append(rows, strconv.Itoa(r+1))
		}
	}
	for f := range grid[0] {
		used := false
		for r := range grid {
			used = used || (f < len(grid[r]) && grid[r][f] > 0)
		}
		if !used {
			cols = append(cols, strconv.Itoa(f+1))
		}
	}
	sep := reports.Label("html.listSep").In(loc)
	switch {
	case len(rows) > 0 && len(cols) > 0:
		return reports.Format("html.rfUnusedBoth", loc, strings.Join(cols, sep), strings.Join(rows, sep))
	case len(cols) > 0:
		return reports.Format("html.rfUnusedF", loc, strings.Join(cols, sep))
	case len(rows) > 0:
		return reports.Format("html.rfUnusedR", loc, strings.Join(rows, sep))
	}
	return ""
}
