package html

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/custseg/custseg/reports"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/custseg/custseg/analysis"
)

// This file holds the charts of groups of customers: the k-means
// clusters, the characteristics by attribute, the moves between segments
// since the last run and the acquisition cohorts.

// palette colours groups that have no colour of their own.
var palette = []string{"#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948",
	"#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"}

// maxCharValues is how many values of an attribute a chart shows.
const maxCharValues = 12

// clusterName is a cluster's numbered name: "2 · Recent, frequent"
// (names are reports.ClusterNames).
func clusterName(k int, names []string) string {
	return strconv.Itoa(k+1) + " · " + names[k]
}

// clusterChart places each cluster at its mean days since the last
// purchase and mean purchases, sized by its buyers, with the profiles in a
// table under it.
func clusterChart(in *reports.Input, loc string) (chart, error) {
	res := in.Result
	cl := &res.Clusters
	cur := in.Currency
	ch := chart{ID: chartClusters, Title: reports.Label("html.clusterTitle").In(loc), Text: reports.Label("html.clusterText").In(loc), Height: 400, Wide: true}
	if len(cl.Profiles) == 0 {
		why := reports.Why(cl.Error, loc)
		if why == "" {
			why = reports.Label("reports.NoBuyers").In(loc)
		}
		ch.Note = fmt.Sprintf(reports.Label("html.clusterNone").In(loc), why)
		return ch, nil
	}
	maxShare := 0.0
	big, rich := 0, 0
	for k := range cl.Profiles {
		p := &cl.Profiles[k]
		maxShare = math.Max(maxShare, p.Share)
		if p.Customers > cl.Profiles[big].Customers {
			big = k
		}
		if p.ValueShare > cl.Profiles[rich].ValueShare {
			rich = k
		}
	}
	sc := charts.NewScatter()
	sc.Colors = palette
	sc.SetGlobalOptions(
		charts.WithTooltipOpts(opts.Tooltip{Trigger: "item", Formatter: fnTip}),
		charts.WithLegendOpts(opts.Legend{Top: "0", Left: "0", Type: "scroll"}),
		charts.WithGridOpts(opts.Grid{Left: "44", Right: "32", Top: "56", Bottom: "36", ContainLabel: opts.Bool(true)}),
		charts.WithXAxisOpts(opts.XAxis{Type: "value", Min: 0, Name: reports.Label("html.clusterXAxis").In(loc), NameLocation: "middle", NameGap: 28,
			SplitLine: &opts.SplitLine{Show: opts.Bool(true), LineStyle: &opts.LineStyle{Color: "#edf0f4"}}}),
		charts.WithYAxisOpts(opts.YAxis{Type: "value", Min: 0, Name: reports.Label("html.clusterYAxis").In(loc), NameLocation: "middle", NameGap: 30,
			SplitLine: &opts.SplitLine{Show: opts.Bool(true), LineStyle: &opts.LineStyle{Color: "#edf0f4"}}}),
	)
	t := &table{Cols: []string{reports.Label("html.colGroup").In(loc), reports.Label("html.colShare").In(loc), reports.Label("reports.ColValueShare").In(loc),
		reports.Label("html.colRecency").In(loc), reports.Label("html.colPurchases").In(loc), reports.Label("html.colSpend").In(loc), reports.Label("html.colTenure").In(loc)}}
	// The clusters' shares as shown, adding up to 100.0% (pctParts).
	shares := make([]float64, len(cl.Profiles))
	values := make([]float64, len(cl.Profiles))
	for k := range cl.Profiles {
		shares[k], values[k] = cl.Profiles[k].Share, cl.Profiles[k].ValueShare
	}
	sp, vp := reports.PctParts(shares, 1), reports.PctParts(values, 1)
	names := reports.ClusterNames(res, loc)
	for k := range cl.Profiles {
		p := &cl.Profiles[k]
		name := clusterName(k, names)
		recency := reports.Int(int(math.Round(round2(p.MeanRecency))))
		freq := strconv.FormatFloat(round2(p.MeanFrequency), 'f', 1, 64)
		tip := fmt.Sprintf(reports.Label("html.clusterTip").In(loc), reports.ChartText(name), reports.Int(p.Customers), reports.PctShown(sp[k]), reports.PctShown(vp[k]),
			recency, freq, reports.Money(cur, p.MeanMonetary))
		size := 14 + 46*math.Sqrt(reports.Ratio(p.Share, maxShare))
		item := htmlItem{Name: reports.ChartText(name), Tip: tip, SymbolSize: math.Round(size),
			Value: []float64{round2(p.MeanRecency), round2(p.MeanFrequency), float64(p.Customers)},
			Label: &itemLabel{Show: true, Formatter: strconv.Itoa(k + 1), Color: "#fff", FontSize: 13}}
		sc.AddSeries(reports.ChartText(name), nil, charts.WithSeriesOpts(func(s *charts.SingleSeries) {
			s.Data = []htmlItem{item}
		}), charts.WithItemStyleOpts(opts.ItemStyle{Opacity: opts.Float(0.85), BorderColor: "#fff", BorderWidth: 1}))
		t.Rows = append(t.Rows, []cell{
			{name, "key"},
			{reports.Int(p.Customers) + " (" + reports.PctShown(sp[k]) + ")", "num"},
			{reports.PctShown(vp[k]), "num"},
			{recency, "num"},
			{freq, "num"},
			{reports.MoneyWhole(cur, p.MeanMonetary), "num"},
			{reports.Int(int(math.Round(round2(p.MeanTenure)))), "num"},
		})
	}
	ch.Table = t
	ch.Highlight = fmt.Sprintf(reports.Label("html.clusterHighlight").In(loc), reports.Int(len(cl.Profiles)),
		strconv.FormatFloat(round2(cl.Silhouette), 'f', 2, 64),
		clusterName(big, names), reports.PctShown(sp[big]),
		clusterName(rich, names), reports.PctShown(vp[rich]))
	var err error
	ch.option, err = optionJS(sc, extraOptions{})
	return ch, err
}

// attrValue is an attribute value's display name.
func attrValue(v *analysis.AttributeValue, age bool, loc string) string {
	switch {
	case v.Other:
		return reports.Label("html.charOther").In(loc)
	case v.Name == "":
		return reports.Label("html.charNotGiven").In(loc)
	case age:
		return reports.AgeBandName(v.Name, loc)
	}
	return v.Name
}

// characteristicCharts draws one chart per attribute column: the share
// of customers and of value of its most common values. A column that
// tells little about the customers (analysis.Characteristic.Spread: one
// given value, or mostly Other and "(not given)") gets no chart; one card
// after the charts says why each was left out. The highlights name only
// given values, never Other or "(not given)".
func characteristicCharts(in *reports.Input, loc string) ([]chart, error) {
	res := in.Result
	if len(res.Characteristics) == 0 {
		return []chart{{ID: chartCharPrefix + "none", Title: reports.Label("html.charNoneTitle").In(loc), Text: reports.Label("html.charNoneText").In(loc),
			Note: reports.Label("html.charNone").In(loc)}}, nil
	}
	var out []chart
	var leftOut []string
	for a := range res.Characteristics {
		c := &res.Characteristics[a]
		if sp := c.Spread(); sp.LeftOut != "" {
			leftOut = append(leftOut, charLeftOutNote(reports.AttributeName(c.Attribute, loc), sp, loc))
			continue
		}
		all := make([]float64, len(c.Values))
		allValue := make([]float64, len(c.Values))
		for i := range c.Values {
			all[i], allValue[i] = c.Values[i].Share, c.Values[i].ValueShare
		}
		// The shares of the whole column add up to 100.0% (pctParts);
		// the chart shows the first values of them.
		sharePct, valuePct := reports.PctParts(all, 1), reports.PctParts(allValue, 1)
		vals := c.Values[:min(len(c.Values), maxCharValues)]
		n := len(vals)
		names := make([]string, n)
		counts := make([]int, n)
		big, rich := -1, -1
		for i := range vals {
			v := &vals[i]
			names[i] = reports.ChartText(attrValue(v, c.Attribute == analysis.AgeBandAttribute, loc))
			counts[i] = v.Customers
			if v.Other || v.Name == "" || v.Customers == 0 {
				continue // only a given value can be the top one
			}
			if big < 0 || v.Customers > vals[big].Customers {
				big = i
			}
			if rich < 0 || v.ValueShare > vals[rich].ValueShare {
				rich = i
			}
		}
		attr := reports.AttributeName(c.Attribute, loc)
		ch := chart{ID: chartCharPrefix + strconv.Itoa(a+1),
			Title:     fmt.Sprintf(reports.Label("html.charTitle").In(loc), attr),
			Text:      fmt.Sprintf(reports.Label("html.charText").In(loc), attr),
			Highlight: reports.Label("html.noData").In(loc), Height: 80 + 40*max(n, 3)}
		var extra extraOptions
		if big >= 0 {
			ch.Highlight = fmt.Sprintf(reports.Label("html.charHighlight").In(loc), attr, attrValue(&vals[big], c.Attribute == analysis.AgeBandAttribute, loc), reports.PctShown(sharePct[big]),
				attrValue(&vals[rich], c.Attribute == analysis.AgeBandAttribute, loc), reports.PctShown(valuePct[rich]))
		} else {
			extra.Graphic = emptyGraphic(reports.Label("html.noData").In(loc))
		}
		var err error
		ch.option, err = optionJS(shareBars(loc, "html.seriesCustShare", names, counts, sharePct[:n], valuePct[:n]), extra)
		if err != nil {
			return nil, fmt.Errorf("chart %s: %w", ch.ID, err)
		}
		out = append(out, ch)
	}
	if len(leftOut) > 0 {
		out = append(out, chart{ID: chartCharPrefix + "left-out", Title: reports.Label("html.charLeftTitle").In(loc),
			Text: reports.Label("html.charLeftText").In(loc), Note: strings.Join(leftOut, " ")})
	}
	return out, nil
}

// charLeftOutNote says in one sentence why the attribute attr is left
// out: "city: left out — 87.0% of customers fall in Other (2,300 distinct
// values)."
func charLeftOutNote(attr string, sp analysis.AttributeSpread, loc string) string {
	switch {
	case sp.LeftOut == analysis.LeftOutOneValue && sp.Given == 0:
		return reports.Format("html.charLeftNone", loc, attr)
	case sp.LeftOut == analysis.LeftOutOneValue && sp.Only != "":
		return reports.Format("html.charLeftOne", loc, attr, sp.Only)
	case sp.LeftOut == analysis.LeftOutOneValue:
		return reports.Format("html.charLeftOneAny", loc, attr)
	}
	other := reports.Pct(sp.Other)
	if sp.OtherValues > 0 {
		other = reports.Format("html.charLeftOtherN", loc, other, reports.Int(sp.OtherValues))
	} else {
		other = reports.Format("html.charLeftOtherP", loc, other)
	}
	switch {
	case sp.Other > 0 && sp.NotGiven > 0:
		return reports.Format("html.charLeftBoth", loc, attr, other, reports.Pct(sp.NotGiven))
	case sp.Other > 0:
		return reports.Format("html.charLeftOther", loc, attr, other)
	}
	return reports.Format("html.charLeftNotGiven", loc, attr, reports.Pct(sp.NotGiven))
}

// sankeyNode is a Sankey node with an id, so that a segment can
// appear on both sides under the same name.
type sankeyNode struct {
	ID        string          `json:"id"`
	Name      string          `json:"name"`
	Depth     int             `json:"depth"`
	Tip       string          `json:"tip"`
	Label     itemLabel       `json:"label"`
	ItemStyle *opts.ItemStyle `json:"itemStyle,omitempty"`
}

type sankeyLink struct {
	Source string `json:"source"`
	Target string `json:"target"`
	Value  int    `json:"value"`
	Tip    string `json:"tip"`
}

// migrationChart draws the migration matrix as a Sankey diagram: the
// segments of the last run on the left, this run's on the right.
func migrationChart(in *reports.Input, loc string) (chart, error) {
	res := in.Result
	m := &res.Migration
	ch := chart{ID: chartMigration, Title: reports.Label("html.migTitle").In(loc), Text: reports.Label("html.migText").In(loc), Wide: true}
	if m.PreviousAsOf == "" {
		ch.Note = reports.Label("reports.MigFirstRun").In(loc)
		return ch, nil
	}
	ch.Highlight = fmt.Sprintf(reports.Label("html.migHighlight").In(loc), m.PreviousAsOf, reports.Int(m.MovedUp), reports.Int(m.MovedDown),
		reports.Int(m.Same), reports.Int(m.New), reports.Int(m.Lost))
	k := len(m.Keys)
	name := func(i int, left bool) string {
		if i == k-1 {
			if left {
				return reports.Label("html.migNoneLeft").In(loc)
			}
			return reports.Label("html.migNoneRight").In(loc)
		}
		return reports.ChartText(reports.MigKeyName(res, m.Keys[i], loc))
	}
	color := func(i int) string {
		if i == k-1 {
			return "#bab0ac"
		}
		return palette[i%len(palette)]
	}
	in0, out0 := make([]int, k), make([]int, k)
	var links []sankeyLink
	for i, row := range m.Matrix {
		for j, c := range row {
			if i >= k || j >= k || c <= 0 || (i == k-1 && j == k-1) {
				continue
			}
			links = append(links, sankeyLink{"p" + strconv.Itoa(i), "n" + strconv.Itoa(j), c,
				fmt.Sprintf(reports.Label("html.migLinkTip").In(loc), name(i, true), name(j, false), reports.Int(c))})
			out0[i] += c
			in0[j] += c
		}
	}
	var nodes []sankeyNode
	node := func(id string, depth int, name string, n int, color string) sankeyNode {
		return sankeyNode{ID: id, Name: name, Depth: depth, Tip: fmt.Sprintf(reports.Label("html.migNodeTip").In(loc), name, reports.Int(n)),
			Label: itemLabel{Show: true, Formatter: name}, ItemStyle: &opts.ItemStyle{Color: color}}
	}
	for i := range k {
		if out0[i] > 0 {
			nodes = append(nodes, node("p"+strconv.Itoa(i), 0, name(i, true), out0[i], color(i)))
		}
	}
	for j := range k {
		if in0[j] > 0 {
			nodes = append(nodes, node("n"+strconv.Itoa(j), 1, name(j, false), in0[j], color(j)))
		}
	}
	left, right := 0, 0
	for i := range k {
		left += btoi(out0[i] > 0)
		right += btoi(in0[i] > 0)
	}
	ch.Height = 80 + 34*max(left, right, 4)
	ch.PrintHeight = 440
	for _, f := range reports.TopFlows(res, loc, 5) {
		ch.Items = append(ch.Items, reports.Pair{Label: fmt.Sprintf(reports.Label("reports.MigFlow").In(loc), f.From, f.To), Value: fmt.Sprintf(reports.Label("reports.MigCount").In(loc), reports.Int(f.N))})
	}
	var extra extraOptions
	if len(links) == 0 {
		extra.Graphic = emptyGraphic(reports.Label("html.noData").In(loc))
	}
	sk := charts.NewSankey()
	sk.SetGlobalOptions(
		charts.WithTooltipOpts(opts.Tooltip{Trigger: "item", Formatter: fnTip}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}),
	)
	sk.AddSeries(reports.Label("html.migSeries").In(loc), nil, nil,
		charts.WithSeriesOpts(func(s *charts.SingleSeries) {
			s.Data = nodes
			s.Links = links
			s.NodeWidth, s.NodeGap = opts.Int(14), opts.Int(8)
		}),
		charts.WithEmphasisOpts(opts.Emphasis{Focus: "adjacency"}),
		charts.WithLineStyleOpts(opts.LineStyle{Color: "gradient", Opacity: opts.Float(0.35), Curveness: 0.5}),
		charts.WithLabelOpts(opts.Label{Color: "#1d2b3a", FontSize: 12}))
	// Layout iterations 0 keep the nodes in the order given.
	noLayout := 0
	extra.Series = []seriesExtra{{Left: 8, Right: 150, Top: 8, Bottom: 8, LayoutIterations: &noLayout}}
	extra.Media = []mediaRule{{
		Query: mediaQuery{MaxWidth: 480},
		Option: mediaOption{Series: []mediaSeries{{Right: 110,
			Label: &mediaLabel{Label: opts.Label{FontSize: 10}, Width: 100, Overflow: "truncate"}}}},
	}}
	var err error
	ch.option, err = optionJS(sk, extra)
	return ch, err
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// cohortMonths is how many cohorts and months after the first purchase
// the cohort chart shows.
const cohortMonths = 12

// cohortChart draws the retention of the latest monthly cohorts in the
// months after their first purchase. Only complete months are drawn: a
// month still running at the as-of date (it is complete when the as-of
// date is its last day) would show a share that is still growing. The
// headline describes exactly the cells drawn (htmlCohortHeadline).
func cohortChart(in *reports.Input, loc string) (chart, error) {
	res := in.Result
	ch := chart{ID: chartCohorts, Title: reports.Label("html.cohortTitle").In(loc), Text: reports.Label("html.cohortText").In(loc), Wide: true}
	if len(res.Cohorts) == 0 {
		ch.Note = reports.Label("html.cohortNone").In(loc)
		return ch, nil
	}
	asOf := reports.AsOfDate(in)
	// The first month not complete at the as-of date.
	running := asOf.Year()*12 + int(asOf.Month()) - 1
	if asOf.AddDate(0, 0, 1).Month() != asOf.Month() {
		running++
	}
	// complete is how many months after the first purchase of c are drawn:
	// those that are over, up to htmlCohortMonths.
	droppedRunning := false
	complete := func(c analysis.Cohort) int {
		n := min(len(c.Retention)-1, cohortMonths)
		if start, ok := monthIndex(c.Month); ok && start+n >= running {
			if start+n == running {
				droppedRunning = true
			}
			n = min(n, running-start-1)
		}
		return max(n, 0)
	}
	// A cohort without a complete month after its first purchase has no cell.
	cohorts := slices.DeleteFunc(slices.Clone(res.Cohorts), func(c analysis.Cohort) bool { return complete(c) < 1 })
	slices.SortStableFunc(cohorts, func(a, b analysis.Cohort) int { return cmp.Compare(a.Month, b.Month) })
	cohorts = cohorts[max(len(cohorts)-cohortMonths, 0):]
	months := 1
	for _, c := range cohorts {
		months = max(months, complete(c))
	}
	xs := make([]string, months)
	for k := range xs {
		xs[k] = strconv.Itoa(k + 1)
	}
	ys := make([]string, len(cohorts))
	var data []opts.HeatMapData
	top := 0.0
	var cells []cohortCell
	for r, c := range cohorts {
		ys[r] = c.Month
		for k := 1; k <= complete(c); k++ {
			v := reports.Pct1(c.Retention[k])
			top = math.Max(top, v)
			data = append(data, opts.HeatMapData{Name: c.Month, Value: []interface{}{k - 1, r, v}})
			active := 0
			if k < len(c.Active) {
				active = c.Active[k]
			}
			cells = append(cells, cohortCell{c.Month, k, c.Size, active})
		}
	}
	ch.Height = 110 + 30*max(len(cohorts), 4)
	ch.PrintHeight = 420
	var extra extraOptions
	if len(data) > 0 {
		ch.Highlight = cohortHeadline(cells, droppedRunning, loc)
	} else {
		ch.Highlight = reports.Label("html.noData").In(loc)
		if droppedRunning {
			ch.Highlight = reports.Label("html.cohortRunning").In(loc)
		}
		extra.Graphic = emptyGraphic(reports.Label("html.noData").In(loc))
	}
	hm := charts.NewHeatMap()
	hm.SetGlobalOptions(
		charts.WithTooltipOpts(opts.Tooltip{Trigger: "item"}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}),
		charts.WithGridOpts(opts.Grid{Left: "8", Right: "8", Top: "8", Bottom: "64", ContainLabel: opts.Bool(true)}),
		charts.WithXAxisOpts(opts.XAxis{Type: "category", Data: xs, Name: reports.Label("html.cohortXAxis").In(loc),
			NameLocation: "middle", NameGap: 26, SplitArea: &opts.SplitArea{Show: opts.Bool(true)}}),
		charts.WithYAxisOpts(opts.YAxis{Type: "category", Data: ys, Inverse: opts.Bool(true),
			SplitArea: &opts.SplitArea{Show: opts.Bool(true)}}),
		charts.WithVisualMapOpts(opts.VisualMap{Type: "continuous", Calculable: opts.Bool(false),
			Min: 0, Max: float32(math.Max(top, 1)), Orient: "horizontal", Left: "center", Bottom: "0",
			Text:    []string{strconv.FormatFloat(math.Max(top, 1), 'f', 1, 64) + "%", "0%"},
			InRange: &opts.VisualMapInRange{Color: []string{"#f3f6fa", "#a9c8e8", "#2f5f98"}}}),
	)
	hm.AddSeries(reports.Label("html.cohortSeries").In(loc), data,
		charts.WithLabelOpts(opts.Label{Show: opts.Bool(true), Color: "#1d2b3a", FontSize: 11, Formatter: string(fnCellPercent)}),
		charts.WithItemStyleOpts(opts.ItemStyle{BorderColor: "#fff", BorderWidth: 1}))
	extra.Media = []mediaRule{{
		Query:  mediaQuery{MaxWidth: 560},
		Option: mediaOption{Series: []mediaSeries{{Label: &mediaLabel{Label: opts.Label{Show: opts.Bool(false)}}}}},
	}}
	var err error
	ch.option, err = optionJS(hm, extra)
	return ch, err
}

// cohortCell is one drawn cell of the cohort heatmap: of the Size
// buyers whose first purchase fell in Month, Active bought again K months
// later.
type cohortCell struct {
	Month        string
	K            int
	Size, Active int
}

// cohortHeadlineMonths are the columns the headline speaks of.
var cohortHeadlineMonths = []int{1, 3}

// cohortHeadline describes the drawn cells: for column 1 and column
// 3 of the heatmap, the share of the buyers of the cohorts that have the
// cell who bought again in that month (all their buyers together), and
// which cohorts those are. A column no cohort is old enough for is not
// mentioned; running adds that the current month is not drawn.
func cohortHeadline(cells []cohortCell, running bool, loc string) string {
	var parts []string
	for _, k := range cohortHeadlineMonths {
		size, active, first, last := 0, 0, "", ""
		for _, c := range cells {
			if c.K != k {
				continue
			}
			size += c.Size
			active += c.Active
			if first == "" || c.Month < first {
				first = c.Month
			}
			if c.Month > last {
				last = c.Month
			}
		}
		if first == "" {
			continue
		}
		when := reports.Format("html.cohortSpan", loc, first, last)
		if first == last {
			when = reports.Format("html.cohortIn", loc, first)
		}
		part, later := reports.Label("html.cohortPart"), reports.Label("html.cohortLaterN")
		if len(parts) == 0 {
			part = reports.Label("html.cohortFirst")
		}
		if k == 1 {
			later = reports.Label("html.cohortLater1")
		}
		parts = append(parts, reports.Format(part, loc, reports.Int(size), when,
			reports.Pct(reports.Ratio(float64(active), float64(size))), reports.Format(later, loc, reports.Int(k))))
	}
	out := strings.Join(parts, reports.Label("html.cohortJoin").In(loc)) + reports.Label("html.cohortEnd").In(loc)
	if running {
		out += " " + reports.Label("html.cohortRunning").In(loc)
	}
	return out
}

// monthIndex turns YYYY-MM into a month count (year × 12 + month − 1).
func monthIndex(s string) (int, bool) {
	t, ok := reports.Day(s + "-01")
	if !ok {
		return 0, false
	}
	return t.Year()*12 + int(t.Month()) - 1, true
}
