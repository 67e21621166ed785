package reports

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strconv"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/custseg/custseg/analysis"
)

// This file holds the charts of groups of customers: the k-means
// clusters, the characteristics by attribute, the moves between segments
// since the last run and the acquisition cohorts.

// htmlPalette colours groups that have no colour of their own.
var htmlPalette = []string{"#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948",
	"#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"}

// htmlMaxCharValues is how many values of an attribute a chart shows.
const htmlMaxCharValues = 12

// htmlClusterName is a cluster's numbered name: "2 · Recent, frequent".
func htmlClusterName(k int, p *analysis.ClusterProfile, loc string) string {
	return strconv.Itoa(k+1) + " · " + Label{p.Name.En, p.Name.Zh}.In(loc)
}

// htmlClusterChart places each cluster at its mean days since the last
// purchase and mean purchases, sized by its buyers, with the profiles in a
// table under it.
func htmlClusterChart(in *Input, loc string) (htmlChart, error) {
	res := in.Result
	cl := &res.Clusters
	cur := in.Currency
	ch := htmlChart{ID: htmlChartClusters, Title: htmlClusterTitle.In(loc), Text: htmlClusterText.In(loc), Height: 400, Wide: true}
	if len(cl.Profiles) == 0 {
		why := cl.Error
		if why == "" {
			why = htmlNoBuyers.In(loc)
		}
		ch.Note = fmt.Sprintf(htmlClusterNone.In(loc), why)
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
	sc.Colors = htmlPalette
	sc.SetGlobalOptions(
		charts.WithTooltipOpts(opts.Tooltip{Trigger: "item", Formatter: htmlFnTip}),
		charts.WithLegendOpts(opts.Legend{Top: "0", Left: "0", Type: "scroll"}),
		charts.WithGridOpts(opts.Grid{Left: "44", Right: "32", Top: "56", Bottom: "36", ContainLabel: opts.Bool(true)}),
		charts.WithXAxisOpts(opts.XAxis{Type: "value", Min: 0, Name: htmlClusterXAxis.In(loc), NameLocation: "middle", NameGap: 28,
			SplitLine: &opts.SplitLine{Show: opts.Bool(true), LineStyle: &opts.LineStyle{Color: "#edf0f4"}}}),
		charts.WithYAxisOpts(opts.YAxis{Type: "value", Min: 0, Name: htmlClusterYAxis.In(loc), NameLocation: "middle", NameGap: 30,
			SplitLine: &opts.SplitLine{Show: opts.Bool(true), LineStyle: &opts.LineStyle{Color: "#edf0f4"}}}),
	)
	t := &htmlTable{Cols: []string{htmlColGroup.In(loc), htmlColShare.In(loc), htmlColValueShare.In(loc),
		htmlColRecency.In(loc), htmlColPurchases.In(loc), htmlColSpend.In(loc), htmlColTenure.In(loc)}}
	for k := range cl.Profiles {
		p := &cl.Profiles[k]
		name := htmlClusterName(k, p, loc)
		recency := htmlInt(int(math.Round(htmlRound2(p.MeanRecency))))
		freq := strconv.FormatFloat(htmlRound2(p.MeanFrequency), 'f', 1, 64)
		tip := fmt.Sprintf(htmlClusterTip.In(loc), htmlChartText(name), htmlInt(p.Customers), htmlPct(p.Share), htmlPct(p.ValueShare),
			recency, freq, htmlMoney(cur, p.MeanMonetary))
		size := 14 + 46*math.Sqrt(htmlRatio(p.Share, maxShare))
		item := htmlItem{Name: htmlChartText(name), Tip: tip, SymbolSize: math.Round(size),
			Value: []float64{htmlRound2(p.MeanRecency), htmlRound2(p.MeanFrequency), float64(p.Customers)},
			Label: &htmlItemLabel{Show: true, Formatter: strconv.Itoa(k + 1), Color: "#fff", FontSize: 13}}
		sc.AddSeries(htmlChartText(name), nil, charts.WithSeriesOpts(func(s *charts.SingleSeries) {
			s.Data = []htmlItem{item}
		}), charts.WithItemStyleOpts(opts.ItemStyle{Opacity: opts.Float(0.85), BorderColor: "#fff", BorderWidth: 1}))
		t.Rows = append(t.Rows, []htmlCell{
			{name, "key"},
			{htmlInt(p.Customers) + " (" + htmlPct(p.Share) + ")", "num"},
			{htmlPct(p.ValueShare), "num"},
			{recency, "num"},
			{freq, "num"},
			{htmlMoneyWhole(cur, p.MeanMonetary), "num"},
			{htmlInt(int(math.Round(htmlRound2(p.MeanTenure)))), "num"},
		})
	}
	ch.Table = t
	ch.Highlight = fmt.Sprintf(htmlClusterHighlight.In(loc), htmlInt(len(cl.Profiles)),
		strconv.FormatFloat(htmlRound2(cl.Silhouette), 'f', 2, 64),
		htmlClusterName(big, &cl.Profiles[big], loc), htmlPct(cl.Profiles[big].Share),
		htmlClusterName(rich, &cl.Profiles[rich], loc), htmlPct(cl.Profiles[rich].ValueShare))
	var err error
	ch.option, err = htmlOptionJS(sc, nil)
	return ch, err
}

// htmlAttrNames are the names of attribute columns the report knows.
var htmlAttrNames = map[string]Label{
	"province":   {"province", "省份"},
	"city":       {"city", "城市"},
	"region":     {"region", "地区"},
	"postcode":   {"postcode", "邮编"},
	"gender":     {"gender", "性别"},
	"age band":   {"age band", "年龄段"},
	"age_band":   {"age band", "年龄段"},
	"channel":    {"channel", "渠道"},
	"income":     {"income", "收入"},
	"occupation": {"occupation", "职业"},
	"source":     {"source", "来源"},
}

// htmlAttrName is an attribute column's name in locale (the column name
// itself when the report does not know it).
func htmlAttrName(attr, loc string) string {
	if l, ok := htmlAttrNames[attr]; ok {
		return l.In(loc)
	}
	return attr
}

// htmlAttrValue is an attribute value's display name.
func htmlAttrValue(v *analysis.AttributeValue, loc string) string {
	switch {
	case v.Other:
		return htmlCharOther.In(loc)
	case v.Name == "":
		return htmlCharNotGiven.In(loc)
	}
	return v.Name
}

// htmlCharacteristicCharts draws one chart per attribute column: the share
// of customers and of value of its most common values.
func htmlCharacteristicCharts(in *Input, loc string) ([]htmlChart, error) {
	res := in.Result
	if len(res.Characteristics) == 0 {
		return []htmlChart{{ID: htmlChartCharPrefix + "none", Title: htmlCharNoneTitle.In(loc), Text: htmlCharNoneText.In(loc),
			Note: htmlCharNone.In(loc)}}, nil
	}
	var out []htmlChart
	for a := range res.Characteristics {
		c := &res.Characteristics[a]
		vals := c.Values[:min(len(c.Values), htmlMaxCharValues)]
		n := len(vals)
		names := make([]string, n)
		counts := make([]int, n)
		share := make([]float64, n)
		vshare := make([]float64, n)
		big, rich := -1, -1
		for i := range vals {
			v := &vals[i]
			names[i] = htmlChartText(htmlAttrValue(v, loc))
			counts[i], share[i], vshare[i] = v.Customers, v.Share, v.ValueShare
			if v.Customers > 0 && (big < 0 || v.Customers > vals[big].Customers) {
				big = i
			}
			if v.Customers > 0 && (rich < 0 || v.ValueShare > vals[rich].ValueShare) {
				rich = i
			}
		}
		ch := htmlChart{ID: htmlChartCharPrefix + strconv.Itoa(a+1),
			Title:     fmt.Sprintf(htmlCharTitle.In(loc), htmlAttrName(c.Attribute, loc)),
			Text:      fmt.Sprintf(htmlCharText.In(loc), htmlAttrName(c.Attribute, loc)),
			Highlight: htmlNoData.In(loc), Height: 80 + 40*max(n, 3)}
		extra := map[string]interface{}{}
		if big >= 0 {
			ch.Highlight = fmt.Sprintf(htmlCharHighlight.In(loc), htmlAttrValue(&vals[big], loc), htmlPct(vals[big].Share),
				htmlAttrValue(&vals[rich], loc), htmlPct(vals[rich].ValueShare))
		} else {
			extra["graphic"] = htmlEmptyGraphic(htmlNoData.In(loc))
		}
		var err error
		ch.option, err = htmlOptionJS(htmlShareBars(loc, htmlSeriesCustShare, names, counts, share, vshare), extra)
		if err != nil {
			return nil, fmt.Errorf("chart %s: %w", ch.ID, err)
		}
		out = append(out, ch)
	}
	return out, nil
}

// htmlMigKeyName is a migration key's segment name.
func htmlMigKeyName(res *analysis.Result, key, loc string) string {
	for _, s := range res.Segments {
		if s.Rule.Key == key {
			return SegmentName(s.Rule, loc)
		}
	}
	return key
}

// htmlFlow is a number of customers who moved from one segment to another.
type htmlFlow struct {
	From, To string // segment names
	N        int
}

// htmlTopFlows returns the n largest moves between two different segments
// (leaving out new and gone customers), largest first.
func htmlTopFlows(res *analysis.Result, loc string, n int) []htmlFlow {
	m := &res.Migration
	var flows []htmlFlow
	none := len(m.Keys) - 1
	for i, row := range m.Matrix {
		for j, c := range row {
			if i == j || c <= 0 || i >= none || j >= none || j >= len(m.Keys) {
				continue
			}
			flows = append(flows, htmlFlow{htmlMigKeyName(res, m.Keys[i], loc), htmlMigKeyName(res, m.Keys[j], loc), c})
		}
	}
	slices.SortStableFunc(flows, func(a, b htmlFlow) int { return cmp.Compare(b.N, a.N) })
	return flows[:min(len(flows), n)]
}

// htmlSankeyNode is a Sankey node with an id, so that a segment can
// appear on both sides under the same name.
type htmlSankeyNode struct {
	ID        string          `json:"id"`
	Name      string          `json:"name"`
	Depth     int             `json:"depth"`
	Tip       string          `json:"tip"`
	Label     htmlItemLabel   `json:"label"`
	ItemStyle *opts.ItemStyle `json:"itemStyle,omitempty"`
}

type htmlSankeyLink struct {
	Source string `json:"source"`
	Target string `json:"target"`
	Value  int    `json:"value"`
	Tip    string `json:"tip"`
}

// htmlMigrationChart draws the migration matrix as a Sankey diagram: the
// segments of the last run on the left, this run's on the right.
func htmlMigrationChart(in *Input, loc string) (htmlChart, error) {
	res := in.Result
	m := &res.Migration
	ch := htmlChart{ID: htmlChartMigration, Title: htmlMigTitle.In(loc), Text: htmlMigText.In(loc), Wide: true}
	if m.PreviousAsOf == "" {
		ch.Note = htmlMigFirstRun.In(loc)
		return ch, nil
	}
	ch.Highlight = fmt.Sprintf(htmlMigHighlight.In(loc), m.PreviousAsOf, htmlInt(m.MovedUp), htmlInt(m.MovedDown),
		htmlInt(m.Same), htmlInt(m.New), htmlInt(m.Lost))
	k := len(m.Keys)
	name := func(i int, left bool) string {
		if i == k-1 {
			if left {
				return htmlMigNoneLeft.In(loc)
			}
			return htmlMigNoneRight.In(loc)
		}
		return htmlChartText(htmlMigKeyName(res, m.Keys[i], loc))
	}
	color := func(i int) string {
		if i == k-1 {
			return "#bab0ac"
		}
		return htmlPalette[i%len(htmlPalette)]
	}
	in0, out0 := make([]int, k), make([]int, k)
	var links []htmlSankeyLink
	for i, row := range m.Matrix {
		for j, c := range row {
			if i >= k || j >= k || c <= 0 || (i == k-1 && j == k-1) {
				continue
			}
			links = append(links, htmlSankeyLink{"p" + strconv.Itoa(i), "n" + strconv.Itoa(j), c,
				fmt.Sprintf(htmlMigLinkTip.In(loc), name(i, true), name(j, false), htmlInt(c))})
			out0[i] += c
			in0[j] += c
		}
	}
	var nodes []htmlSankeyNode
	node := func(id string, depth int, name string, n int, color string) htmlSankeyNode {
		return htmlSankeyNode{ID: id, Name: name, Depth: depth, Tip: fmt.Sprintf(htmlMigNodeTip.In(loc), name, htmlInt(n)),
			Label: htmlItemLabel{Show: true, Formatter: name}, ItemStyle: &opts.ItemStyle{Color: color}}
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
	for _, f := range htmlTopFlows(res, loc, 5) {
		ch.Items = append(ch.Items, htmlPair{fmt.Sprintf(htmlMigFlow.In(loc), f.From, f.To), fmt.Sprintf(htmlMigCount.In(loc), htmlInt(f.N))})
	}
	extra := map[string]interface{}{}
	if len(links) == 0 {
		extra["graphic"] = htmlEmptyGraphic(htmlNoData.In(loc))
	}
	sk := charts.NewSankey()
	sk.SetGlobalOptions(
		charts.WithTooltipOpts(opts.Tooltip{Trigger: "item", Formatter: htmlFnTip}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}),
	)
	sk.AddSeries(htmlMigSeries.In(loc), nil, nil, charts.WithSeriesOpts(func(s *charts.SingleSeries) {
		s.Data = nodes
		s.Links = links
	}))
	extra["series"] = []map[string]interface{}{{
		"left": 8, "right": 150, "top": 8, "bottom": 8, "nodeWidth": 14, "nodeGap": 8, "layoutIterations": 0,
		"emphasis":  map[string]interface{}{"focus": "adjacency"},
		"lineStyle": map[string]interface{}{"color": "gradient", "opacity": 0.35, "curveness": 0.5},
		"label":     map[string]interface{}{"color": "#1d2b3a", "fontSize": 12},
	}}
	extra["media"] = []interface{}{map[string]interface{}{
		"query":  map[string]interface{}{"maxWidth": 480},
		"option": map[string]interface{}{"series": []interface{}{map[string]interface{}{"right": 110, "label": map[string]interface{}{"fontSize": 10, "width": 100, "overflow": "truncate"}}}},
	}}
	var err error
	ch.option, err = htmlOptionJS(sk, extra)
	return ch, err
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// htmlCohortMonths is how many cohorts and months after the first purchase
// the cohort chart shows.
const htmlCohortMonths = 12

// htmlCohortChart draws the retention of the latest monthly cohorts in the
// months after their first purchase.
func htmlCohortChart(in *Input, loc string) (htmlChart, error) {
	res := in.Result
	ch := htmlChart{ID: htmlChartCohorts, Title: htmlCohortTitle.In(loc), Text: htmlCohortText.In(loc), Wide: true}
	if len(res.Cohorts) == 0 {
		ch.Note = htmlCohortNone.In(loc)
		return ch, nil
	}
	// A cohort of this month has no month after its first purchase yet.
	cohorts := slices.DeleteFunc(slices.Clone(res.Cohorts), func(c analysis.Cohort) bool { return len(c.Retention) < 2 })
	slices.SortStableFunc(cohorts, func(a, b analysis.Cohort) int { return cmp.Compare(a.Month, b.Month) })
	cohorts = cohorts[max(len(cohorts)-htmlCohortMonths, 0):]
	months := 0
	for _, c := range cohorts {
		months = max(months, min(len(c.Retention)-1, htmlCohortMonths))
	}
	months = max(months, 1)
	xs := make([]string, months)
	for k := range xs {
		xs[k] = strconv.Itoa(k + 1)
	}
	ys := make([]string, len(cohorts))
	asOf := htmlAsOfDate(in)
	current := asOf.Year()*12 + int(asOf.Month()) - 1
	var data []opts.HeatMapData
	top := 0.0
	var size, active [3]int // months 1 and 3 (index 0 and 2), complete months only
	for r, c := range cohorts {
		ys[r] = c.Month
		start, okStart := htmlMonthIndex(c.Month)
		for k := 1; k <= months && k < len(c.Retention); k++ {
			v := htmlPct1(c.Retention[k])
			top = math.Max(top, v)
			data = append(data, opts.HeatMapData{Name: c.Month, Value: []interface{}{k - 1, r, v}})
			if k <= 3 && okStart && start+k < current && k < len(c.Active) {
				size[k-1] += c.Size
				active[k-1] += c.Active[k]
			}
		}
	}
	ch.Height = 110 + 30*max(len(cohorts), 4)
	ch.PrintHeight = 420
	extra := map[string]interface{}{}
	if len(data) > 0 {
		ch.Highlight = fmt.Sprintf(htmlCohortHighlight.In(loc),
			htmlPct(htmlRatio(float64(active[0]), float64(size[0]))), htmlPct(htmlRatio(float64(active[2]), float64(size[2]))))
	} else {
		ch.Highlight = htmlNoData.In(loc)
		extra["graphic"] = htmlEmptyGraphic(htmlNoData.In(loc))
	}
	hm := charts.NewHeatMap()
	hm.SetGlobalOptions(
		charts.WithTooltipOpts(opts.Tooltip{Trigger: "item"}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}),
		charts.WithGridOpts(opts.Grid{Left: "8", Right: "8", Top: "8", Bottom: "64", ContainLabel: opts.Bool(true)}),
		charts.WithXAxisOpts(opts.XAxis{Type: "category", Data: xs, Name: htmlCohortXAxis.In(loc),
			NameLocation: "middle", NameGap: 26, SplitArea: &opts.SplitArea{Show: opts.Bool(true)}}),
		charts.WithYAxisOpts(opts.YAxis{Type: "category", Data: ys, Inverse: opts.Bool(true),
			SplitArea: &opts.SplitArea{Show: opts.Bool(true)}}),
		charts.WithVisualMapOpts(opts.VisualMap{Type: "continuous", Calculable: opts.Bool(false),
			Min: 0, Max: float32(math.Max(top, 1)), Orient: "horizontal", Left: "center", Bottom: "0",
			Text:    []string{strconv.FormatFloat(math.Max(top, 1), 'f', 1, 64) + "%", "0%"},
			InRange: &opts.VisualMapInRange{Color: []string{"#f3f6fa", "#a9c8e8", "#2f5f98"}}}),
	)
	hm.AddSeries(htmlCohortSeries.In(loc), data,
		charts.WithLabelOpts(opts.Label{Show: opts.Bool(true), Color: "#1d2b3a", FontSize: 11}),
		charts.WithItemStyleOpts(opts.ItemStyle{BorderColor: "#fff", BorderWidth: 1}))
	extra["series"] = []map[string]interface{}{{"label": map[string]interface{}{"formatter": htmlFnCellPercent}}}
	extra["media"] = []interface{}{map[string]interface{}{
		"query":  map[string]interface{}{"maxWidth": 560},
		"option": map[string]interface{}{"series": []interface{}{map[string]interface{}{"label": map[string]interface{}{"show": false}}}},
	}}
	var err error
	ch.option, err = htmlOptionJS(hm, extra)
	return ch, err
}

// htmlMonthIndex turns YYYY-MM into a month count (year × 12 + month − 1).
func htmlMonthIndex(s string) (int, bool) {
	t, ok := htmlDay(s + "-01")
	if !ok {
		return 0, false
	}
	return t.Year()*12 + int(t.Month()) - 1, true
}
