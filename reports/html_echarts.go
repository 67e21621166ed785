package reports

import (
	"bytes"
	"encoding/json"
	"math"

	"github.com/go-echarts/go-echarts/v2/opts"
	"github.com/go-echarts/go-echarts/v2/types"

	"github.com/custseg/custseg/analysis"
)

// This file holds what the report's charts share: ids, colours, fonts, and
// turning a go-echarts chart into the option the page script hands to
// echarts.

// Element ids of the report's charts, in page order.
const (
	htmlChartSegments = "chart-segments"
	htmlChartRF       = "chart-rf"
	htmlChartPareto   = "chart-pareto"
	htmlChartTiers    = "chart-tiers"
	htmlChartStatus   = "chart-status"
)

// htmlChartIDs lists the chart element ids in page order.
var htmlChartIDs = []string{htmlChartSegments, htmlChartRF, htmlChartPareto, htmlChartTiers, htmlChartStatus}

// Colours of the report; the page's CSS uses the same blue and orange.
const (
	htmlColorBuyers   = "#4e79a7"
	htmlColorValue    = "#f28e2b"
	htmlColorEven     = "#9aa5b1"
	htmlColorAxisText = "#4a5568"
)

var htmlStatusColors = map[analysis.Status]string{
	analysis.StatusActive:    "#59a14f",
	analysis.StatusAtRisk:    "#e8a33d",
	analysis.StatusChurned:   "#e15759",
	analysis.StatusPotential: "#bab0ac",
}

// htmlFontStack is the page's CSS font stack as echarts gets it, so that
// chart text looks like the page and Chinese uses a system CJK font. It leaves
// out system-ui and -apple-system: with them, Chromium measured axis labels
// in another font than it drew them in, and long labels were clipped.
const htmlFontStack = `"Segoe UI", Roboto, "Helvetica Neue", Arial, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", sans-serif`

// JavaScript functions in chart options. The option JSON carries a
// placeholder string that htmlOptionJS replaces by the function; only these
// constant functions reach the page, never data.
var htmlJSFuncs = map[types.FuncStr]string{
	htmlFnPercent: `function (v) { return v == null ? '' : Number(v).toFixed(1) + '%'; }`,
}

const htmlFnPercent types.FuncStr = "__custseg_fn_percent__"

// htmlChart is one chart section of the report.
type htmlChart struct {
	ID        string
	Title     string
	Text      string // what it shows and what to do
	Highlight string // the number to remember, from the data
	Height    int    // px on a wide screen
	option    string // echarts option as a JavaScript expression
}

// htmlEChartsOption is what every go-echarts chart provides.
type htmlEChartsOption interface {
	Validate()
	JSON() map[string]interface{}
}

// htmlOptionJS validates c, merges extra top-level options (those go-echarts has
// no field for) and returns the option as a JavaScript expression that is safe
// inside a <script> element: encoding/json escapes <, > and &.
func htmlOptionJS(c htmlEChartsOption, extra map[string]interface{}) (string, error) {
	c.Validate()
	m := c.JSON()
	m["textStyle"] = map[string]interface{}{"fontFamily": htmlFontStack, "color": htmlColorAxisText}
	m["animationDuration"] = 600
	for k, v := range extra {
		m[k] = v
	}
	b, err := json.Marshal(m)
	if err != nil {
		return "", err
	}
	for ph, fn := range htmlJSFuncs {
		q, _ := json.Marshal(string(ph))
		b = bytes.ReplaceAll(b, q, []byte(fn))
	}
	return string(b), nil
}

// htmlEmptyGraphic is an echarts graphic that says there is nothing to show.
func htmlEmptyGraphic(text string) map[string]interface{} {
	return map[string]interface{}{
		"type": "text", "left": "center", "top": "middle", "silent": true, "z": 100,
		"style": map[string]interface{}{"text": text, "fontSize": 15, "fill": "#8a94a6"},
	}
}

// htmlMarkPoint is an echarts markPoint data item.
type htmlMarkPoint struct {
	Coord      []float64       `json:"coord"`
	Symbol     string          `json:"symbol,omitempty"`
	SymbolSize int             `json:"symbolSize,omitempty"`
	ItemStyle  *opts.ItemStyle `json:"itemStyle,omitempty"`
	Label      htmlMarkLabel   `json:"label"`
}

// htmlMarkLabel is an echarts label with numeric padding.
type htmlMarkLabel struct {
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

// htmlRound2 rounds to two decimals, with non-finite values as 0.
func htmlRound2(x float64) float64 {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return 0
	}
	return math.Round(x*100) / 100
}
