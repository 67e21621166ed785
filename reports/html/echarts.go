package html

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"

	"github.com/custseg/custseg/reports"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
	"github.com/go-echarts/go-echarts/v2/types"

	"github.com/custseg/custseg/analysis"
)

// This file holds what the report's charts share: ids, colours, fonts, and
// turning a go-echarts chart into the option the page script hands to
// echarts.

// Element ids of the report's charts, in page order. The characteristics
// charts are htmlChartCharPrefix followed by 1, 2, ... per attribute.
const (
	chartSegments   = "chart-segments"
	chartRF         = "chart-rf"
	chartPareto     = "chart-pareto"
	chartTiers      = "chart-tiers"
	chartPyramid    = "chart-pyramid"
	chartStatus     = "chart-status"
	chartChurnTrend = "chart-churn-trend"
	chartLifecycle  = "chart-lifecycle"
	chartPAlive     = "chart-palive"
	chartCLV        = "chart-clv"
	// The verdict card has no chart; its id names the card.
	chartVerdict     = "model-verdict"
	chartTracking    = "chart-tracking"
	chartCalibration = "chart-calibration"
	chartClusters    = "chart-clusters"
	chartCharPrefix  = "chart-char-"
	chartMigration   = "chart-migration"
	chartCohorts     = "chart-cohorts"
)

// Colours of the report; the page's CSS uses the same blue and orange.
const (
	colorBuyers   = "#4e79a7"
	colorValue    = "#f28e2b"
	colorEven     = "#9aa5b1"
	colorAxisText = "#4a5568"
)

var statusColors = map[analysis.Status]string{
	analysis.StatusActive:    "#59a14f",
	analysis.StatusAtRisk:    "#e8a33d",
	analysis.StatusChurned:   "#e15759",
	analysis.StatusPotential: "#bab0ac",
}

// fontStack is the page's CSS font stack as echarts gets it, so that
// chart text looks like the page and Chinese uses a system CJK font. It leaves
// out system-ui and -apple-system: with them, Chromium measured axis labels
// in another font than it drew them in, and long labels were clipped.
const fontStack = `"Segoe UI", Roboto, "Helvetica Neue", Arial, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", sans-serif`

// JavaScript functions in chart options. The option JSON carries a
// placeholder string that htmlOptionJS replaces by the function; only these
// constant functions reach the page, never data.
var jsFuncs = map[types.FuncStr]string{
	fnPercent: `function (v) { return v == null ? '' : Number(v).toFixed(1) + '%'; }`,
	// A tooltip that shows the data item's own text (its "tip"), escaped.
	fnTip: `function (p) { var t = (p && p.data && p.data.tip) || (p && p.name) || ''; return echarts.format.encodeHTML(String(t)).replace(/\n/g, '<br>'); }`,
	// A heatmap cell label: the third value as a percentage.
	fnCellPercent: `function (p) { return p.value[2] == null ? '' : Number(p.value[2]).toFixed(0) + '%'; }`,
}

const (
	fnPercent     types.FuncStr = "__custseg_fn_percent__"
	fnTip         types.FuncStr = "__custseg_fn_tip__"
	fnCellPercent types.FuncStr = "__custseg_fn_cell_percent__"
)

// chart is one chart card of the report.
type chart struct {
	ID        string
	Title     string
	Text      string // what it shows and what to do
	Highlight string // the number to remember, from the data
	Height    int    // px on a wide screen
	Wide      bool   // spans the whole row
	// PrintHeight is the most px the chart may take on paper, when the
	// page script's default (300 px, 80 mm) is too little for its rows.
	PrintHeight int
	// Note replaces the chart when there is nothing to draw (models that
	// did not converge, a first run); the card has no chart then.
	Note string
	// Footnote is a sentence under the chart that explains what it shows
	// (an empty column, say).
	Footnote string
	Items    []reports.Pair // a list under the chart
	Table    *table         // a table under the chart
	// Verdict replaces the chart with the verdict on the predictions
	// (htmlVerdictCard).
	Verdict *verdict
	option  string // echarts option as a JavaScript expression; "" with Note
}

// eChartsOption is what every go-echarts chart provides.
type eChartsOption interface {
	Validate()
	JSON() map[string]interface{}
}

// extraOptions are the options of a chart that go-echarts v2.6.7 cannot
// express: it has no graphic and no media component, and some series keys
// are missing from charts.SingleSeries or have the wrong JSON type there.
type extraOptions struct {
	// Graphic, when set, is drawn over the chart (emptyGraphic).
	Graphic *graphicText
	// Media are rules that change the option on narrow screens.
	Media []mediaRule
	// Series are added to the chart's series by index; a key may not be set
	// both here and by go-echarts.
	Series []seriesExtra
}

// optionJS validates c, adds the report's text style and the extra
// options and returns the option as a JavaScript expression that is safe
// inside a <script> element: encoding/json escapes <, > and &.
func optionJS(c eChartsOption, extra extraOptions) (string, error) {
	c.Validate()
	m := c.JSON()
	m["textStyle"] = opts.TextStyle{FontFamily: fontStack, Color: colorAxisText}
	// An int, not BaseConfiguration.AnimationDuration: that is a
	// types.FuncStr and would reach the page as the string "600".
	m["animationDuration"] = 600
	if extra.Graphic != nil {
		m["graphic"] = extra.Graphic
	}
	if len(extra.Media) > 0 {
		m["media"] = extra.Media
	}
	if len(extra.Series) > 0 {
		series, ok := m["series"].(charts.MultiSeries)
		if !ok {
			return "", fmt.Errorf("chart option: series are %T, not charts.MultiSeries", m["series"])
		}
		out := make([]seriesWithExtra, len(series))
		for i := range series {
			out[i].SingleSeries = series[i]
			if i < len(extra.Series) {
				out[i].extra = &extra.Series[i]
			}
		}
		m["series"] = out
	}
	b, err := json.Marshal(m)
	if err != nil {
		return "", fmt.Errorf("chart option: %w", err)
	}
	for ph, fn := range jsFuncs {
		q, _ := json.Marshal(string(ph))
		b = bytes.ReplaceAll(b, q, []byte(fn))
	}
	return string(b), nil
}

// seriesExtra holds the series keys the report sets that
// charts.SingleSeries has no field for (the funnel's sizes, width and gap,
// the Sankey's layout iterations, the label line's length), or has as a
// string where echarts gets a number here (left, right, top, bottom in
// pixels).
type seriesExtra struct {
	Left    int    `json:"left,omitempty"`
	Right   int    `json:"right,omitempty"`
	Top     int    `json:"top,omitempty"`
	Bottom  int    `json:"bottom,omitempty"`
	Width   string `json:"width,omitempty"`
	MinSize string `json:"minSize,omitempty"`
	MaxSize string `json:"maxSize,omitempty"`
	Gap     int    `json:"gap,omitempty"`
	// LayoutIterations is a pointer so that 0 (keep the nodes' order)
	// is written.
	LayoutIterations *int       `json:"layoutIterations,omitempty"`
	LabelLine        *labelLine `json:"labelLine,omitempty"`
}

// labelLine is an echarts label guide line. opts.LabelLine has no length
// (only length2) and writes "showAbove" even when unset.
type labelLine struct {
	Length    int             `json:"length,omitempty"`
	LineStyle *opts.LineStyle `json:"lineStyle,omitempty"`
}

// seriesWithExtra is a go-echarts series with the keys of seriesExtra
// added.
type seriesWithExtra struct {
	charts.SingleSeries
	extra *seriesExtra
}

// MarshalJSON writes the series' keys and those of its extra as one
// object; a key in both is an error, as the extra would hide a value set
// through go-echarts.
func (s seriesWithExtra) MarshalJSON() ([]byte, error) {
	base, err := json.Marshal(s.SingleSeries)
	if err != nil || s.extra == nil {
		return base, err
	}
	add, err := json.Marshal(s.extra)
	if err != nil {
		return nil, err
	}
	var keys, extra map[string]json.RawMessage
	if err := json.Unmarshal(base, &keys); err != nil {
		return nil, err
	}
	if err := json.Unmarshal(add, &extra); err != nil {
		return nil, err
	}
	for k, v := range extra {
		if _, dup := keys[k]; dup {
			return nil, fmt.Errorf("series %q: option %q set both through go-echarts and as an extra", s.Name, k)
		}
		keys[k] = v
	}
	return json.Marshal(keys)
}

// graphicText is an echarts graphic text element; go-echarts has no
// graphic component.
type graphicText struct {
	Type   string           `json:"type"`
	Left   string           `json:"left"`
	Top    string           `json:"top"`
	Silent bool             `json:"silent"`
	Z      int              `json:"z"`
	Style  graphicTextStyle `json:"style"`
}

// graphicTextStyle is the style of a graphicText.
type graphicTextStyle struct {
	Text     string `json:"text"`
	FontSize int    `json:"fontSize"`
	Fill     string `json:"fill"`
}

// emptyGraphic is an echarts graphic that says there is nothing to show.
func emptyGraphic(text string) *graphicText {
	return &graphicText{Type: "text", Left: "center", Top: "middle", Silent: true, Z: 100,
		Style: graphicTextStyle{Text: text, FontSize: 15, Fill: "#8a94a6"}}
}

// mediaRule is an echarts media rule: on screens at most Query.MaxWidth px
// wide, Option is merged into the chart's option. go-echarts has no media
// component.
type mediaRule struct {
	Query  mediaQuery  `json:"query"`
	Option mediaOption `json:"option"`
}

// mediaQuery is the condition of a mediaRule.
type mediaQuery struct {
	MaxWidth int `json:"maxWidth"`
}

// mediaOption is the part of an option a mediaRule changes. Its types are
// the report's own, not go-echarts': a partial option must carry only the
// keys it changes, and opts.XAxis, opts.Grid and charts.SingleSeries write
// positions as strings or lack the keys (label width, overflow).
type mediaOption struct {
	Series []mediaSeries `json:"series,omitempty"`
	XAxis  []mediaAxis   `json:"xAxis,omitempty"`
	Grid   []mediaGrid   `json:"grid,omitempty"`
}

// mediaSeries changes a series.
type mediaSeries struct {
	Radius []string    `json:"radius,omitempty"`
	Width  string      `json:"width,omitempty"`
	Right  int         `json:"right,omitempty"`
	Label  *mediaLabel `json:"label,omitempty"`
}

// mediaLabel is opts.Label with the keys it lacks for labels that must fit
// a narrow screen.
type mediaLabel struct {
	opts.Label
	Width        int    `json:"width,omitempty"`
	Overflow     string `json:"overflow,omitempty"`
	AlignTo      string `json:"alignTo,omitempty"`
	EdgeDistance int    `json:"edgeDistance,omitempty"`
}

// mediaAxis changes an axis.
type mediaAxis struct {
	AxisLabel mediaAxisLabel `json:"axisLabel"`
	NameGap   int            `json:"nameGap,omitempty"`
}

// mediaAxisLabel changes an axis's labels; the rotation is written when
// 0, as the rule's intent.
type mediaAxisLabel struct {
	Rotate   int `json:"rotate"`
	FontSize int `json:"fontSize"`
}

// mediaGrid changes a grid, with a number of pixels.
type mediaGrid struct {
	Bottom int `json:"bottom"`
}

// markPoint is an echarts markPoint data item.
type markPoint struct {
	Coord      []float64       `json:"coord"`
	Symbol     string          `json:"symbol,omitempty"`
	SymbolSize int             `json:"symbolSize,omitempty"`
	ItemStyle  *opts.ItemStyle `json:"itemStyle,omitempty"`
	Label      markLabel       `json:"label"`
}

// markLabel is an echarts label with numeric padding.
type markLabel struct {
	Show            bool   `json:"show"`
	Position        string `json:"position,omitempty"`
	Distance        int    `json:"distance,omitempty"`
	Formatter       string `json:"formatter,omitempty"`
	FontSize        int    `json:"fontSize,omitempty"`
	FontWeight      string `json:"fontWeight,omitempty"`
	Color           string `json:"color,omitempty"`
	BackgroundColor string `json:"backgroundColor,omitempty"`
	BorderColor     string `json:"borderColor,omitempty"`
	BorderWidth     int    `json:"borderWidth,omitempty"`
	BorderRadius    int    `json:"borderRadius,omitempty"`
	Padding         []int  `json:"padding,omitempty"`
}

// round2 rounds to two decimals, with non-finite values as 0.
func round2(x float64) float64 {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return 0
	}
	return reports.NoNegZero(math.Round(x*100) / 100) // never "-0" in a chart
}

// htmlItem is a chart data item with its own label, style and tooltip text
// (shown by htmlFnTip).
type htmlItem struct {
	Name       string          `json:"name"`
	Value      interface{}     `json:"value"`
	Tip        string          `json:"tip,omitempty"`
	SymbolSize float64         `json:"symbolSize,omitempty"`
	Label      *itemLabel      `json:"label,omitempty"`
	ItemStyle  *opts.ItemStyle `json:"itemStyle,omitempty"`
}

// itemLabel is an echarts label with the fields htmlItem needs.
type itemLabel struct {
	Show      bool   `json:"show"`
	Position  string `json:"position,omitempty"`
	Formatter string `json:"formatter,omitempty"`
	Color     string `json:"color,omitempty"`
	FontSize  int    `json:"fontSize,omitempty"`
}
