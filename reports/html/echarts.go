package html

import (
	"bytes"
	"encoding/json"
	"math"

	"github.com/custseg/custseg/reports"

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

// optionJS validates c, merges extra top-level options (those go-echarts has
// no field for) and returns the option as a JavaScript expression that is safe
// inside a <script> element: encoding/json escapes <, > and &.
//
// extra["series"], when given as []map[string]interface{}, is merged into
// the chart's series by index (keys go-echarts has no field for, such as a
// label's width), instead of replacing them.
func optionJS(c eChartsOption, extra map[string]interface{}) (string, error) {
	c.Validate()
	m := c.JSON()
	m["textStyle"] = map[string]interface{}{"fontFamily": fontStack, "color": colorAxisText}
	m["animationDuration"] = 600
	patch, hasPatch := extra["series"].([]map[string]interface{})
	for k, v := range extra {
		if k == "series" && hasPatch {
			continue
		}
		m[k] = v
	}
	b, err := json.Marshal(m)
	if err != nil {
		return "", err
	}
	if hasPatch {
		var generic map[string]interface{}
		if err := json.Unmarshal(b, &generic); err != nil {
			return "", err
		}
		series, _ := generic["series"].([]interface{})
		for i, p := range patch {
			if i < len(series) {
				if s, ok := series[i].(map[string]interface{}); ok {
					merge(s, p)
				}
			}
		}
		if b, err = json.Marshal(generic); err != nil {
			return "", err
		}
	}
	for ph, fn := range jsFuncs {
		q, _ := json.Marshal(string(ph))
		b = bytes.ReplaceAll(b, q, []byte(fn))
	}
	return string(b), nil
}

// emptyGraphic is an echarts graphic that says there is nothing to show.
func emptyGraphic(text string) map[string]interface{} {
	return map[string]interface{}{
		"type": "text", "left": "center", "top": "middle", "silent": true, "z": 100,
		"style": map[string]interface{}{"text": text, "fontSize": 15, "fill": "#8a94a6"},
	}
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

// merge merges src into dst, recursing into nested objects.
func merge(dst, src map[string]interface{}) {
	for k, v := range src {
		sub, ok := v.(map[string]interface{})
		if d, isMap := dst[k].(map[string]interface{}); ok && isMap {
			merge(d, sub)
			continue
		}
		dst[k] = v
	}
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
