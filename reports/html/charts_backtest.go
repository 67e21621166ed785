package html

import (
	"fmt"
	"strconv"

	"github.com/custseg/custseg/reports"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/custseg/custseg/analysis"
	"github.com/custseg/custseg/analysis/btyd"
)

// This file holds the report's account of the purchase models' back-test:
// the verdict card (how far to trust the predictions, and which model
// makes them), the tracking chart (cumulative repeat purchases over the
// holdout, actual and predicted) and the calibration chart (mean repeat
// purchases in the holdout by purchases before it). It also counts the
// buyers whom the rhythm rule calls churned while the purchase model
// thinks them likely active, for a sentence under the P(alive) chart.

// Colours of the purchase models' lines; the actual line is dark.
var modelColors = map[string]string{
	btyd.ModelBGNBD:     "#4e79a7",
	btyd.ModelMBGNBD:    "#f28e2b",
	btyd.ModelParetoNBD: "#b07aa1",
}

const colorActual = "#1d2b3a"

// verdict is the verdict card's content.
type verdict struct {
	Tone    string // good, warn or bad
	Level   string // "Verdict on the predictions: …"
	Reasons []string
	Skipped string
	Choice  string
}

// verdictTones colour the verdict levels.
var verdictTones = map[string]string{
	analysis.VerdictUsable:    "good",
	analysis.VerdictCaution:   "warn",
	analysis.VerdictNotUsable: "bad",
}

// verdictCard is the card that says how far to trust the predictions,
// why, which purchase model makes them and, without a back-test, why there
// is none. A run without a verdict has no card.
func verdictCard(in *reports.Input, loc string) (chart, error) {
	m := in.Result.Models
	if m.Verdict.Level == "" {
		return chart{}, nil
	}
	v := reports.DescribeVerdict(m, reports.InputModelParams(in), loc)
	return chart{ID: chartVerdict, Title: reports.Label("reports.BtVerdictTitle").In(loc), Text: reports.Label("reports.BtVerdictText").In(loc), Wide: true,
		Verdict: &verdict{Tone: verdictTones[m.Verdict.Level], Level: reports.Format("reports.BtVerdictHeading", loc, v.Level),
			Reasons: v.Reasons, Skipped: v.Skipped, Choice: v.Choice}}, nil
}

// modelSeriesName names a model's series; the chosen one says so.
func modelSeriesName(key, chosen, loc string) string {
	name := reports.ChartText(reports.PurchaseModelName(key, loc))
	if key == chosen {
		return reports.Format("html.trackUsed", loc, name)
	}
	return name
}

// modelLine is the look of a model's line: the chosen model's bold
// and solid, the others thin and dashed.
func modelLine(key, chosen string) []charts.SeriesOpts {
	color := modelColors[key]
	if color == "" {
		color = colorEven
	}
	style := opts.LineStyle{Color: color, Width: 1.5, Type: "dashed"}
	size := 5
	if key == chosen {
		style = opts.LineStyle{Color: color, Width: 3.5}
		size = 8
	}
	return []charts.SeriesOpts{
		charts.WithLineChartOpts(opts.LineChart{ShowSymbol: opts.Bool(true), SymbolSize: size}),
		charts.WithLineStyleOpts(style),
		charts.WithItemStyleOpts(opts.ItemStyle{Color: color}),
	}
}

// trackingChart draws the cumulative repeat purchases over the
// holdout: the actual line and one line per model with predictions, the
// chosen model's emphasised. None without a back-test.
func trackingChart(in *reports.Input, loc string) (chart, error) {
	m := in.Result.Models
	b := &m.Backtest
	if !reports.HasBacktest(b) || len(b.Tracking.Actual) == 0 {
		return chart{}, nil
	}
	calEnd := reports.Date(b.CalibrationEnd.Time())
	span := reports.BtSpan(b.HoldoutUnits, m.TimeUnitDays, loc)
	ch := chart{ID: chartTracking, Title: reports.Label("html.trackTitle").In(loc), Text: reports.Format("html.trackText", loc, calEnd, span),
		Height: 360}
	for _, bm := range b.Models {
		if bm.Key == m.Chosen && bm.Error == "" {
			ch.Highlight = reports.TrackingSentence(bm.Key, bm.Predicted, b.ActualRepeat, b.HoldoutUnits, m.TimeUnitDays, loc)
		}
	}
	xName := reports.Format("html.trackUnits", loc, reports.BtNum(m.TimeUnitDays), calEnd)
	switch m.TimeUnitDays {
	case 7:
		xName = reports.Format("html.trackWeeks", loc, calEnd)
	case 1:
		xName = reports.Format("html.trackDays", loc, calEnd)
	}
	n := len(b.Tracking.Actual)
	xs := make([]string, n)
	actual := make([]opts.LineData, n)
	for k := range n {
		xs[k] = strconv.Itoa(k + 1)
		actual[k] = opts.LineData{Value: round2(b.Tracking.Actual[k])}
	}
	line := charts.NewLine()
	line.SetGlobalOptions(
		charts.WithTooltipOpts(opts.Tooltip{Trigger: "axis"}),
		charts.WithLegendOpts(opts.Legend{Top: "0", Left: "0"}),
		charts.WithGridOpts(opts.Grid{Left: "36", Right: "24", Top: "56", Bottom: "32", ContainLabel: opts.Bool(true)}),
		charts.WithXAxisOpts(opts.XAxis{Type: "category", Name: xName, NameLocation: "middle", NameGap: 28}),
		charts.WithYAxisOpts(opts.YAxis{Type: "value", Min: 0, Name: reports.Label("html.trackYAxis").In(loc), NameLocation: "middle", NameGap: 44,
			SplitLine: &opts.SplitLine{Show: opts.Bool(true), LineStyle: &opts.LineStyle{Color: "#edf0f4"}}}),
	)
	line.SetXAxis(xs).AddSeries(reports.Label("html.trackActual").In(loc), actual,
		charts.WithLineChartOpts(opts.LineChart{ShowSymbol: opts.Bool(true), SymbolSize: 8}),
		charts.WithLineStyleOpts(opts.LineStyle{Color: colorActual, Width: 3.5}),
		charts.WithItemStyleOpts(opts.ItemStyle{Color: colorActual}))
	for _, key := range reports.BacktestModels(b) {
		pred := b.Tracking.Predicted[key]
		data := make([]opts.LineData, n)
		for k := range n {
			if k < len(pred) && reports.Finite(pred[k]) {
				data[k] = opts.LineData{Value: round2(pred[k])}
			} else {
				data[k] = opts.LineData{Value: "-"}
			}
		}
		line.AddSeries(modelSeriesName(key, m.Chosen, loc), data, modelLine(key, m.Chosen)...)
	}
	var err error
	ch.option, err = optionJS(line, extraOptions{Media: narrowAxis(0)})
	return ch, err
}

// calibrationChart draws the calibration plot: by repeat purchases in
// the calibration period (0 … 6, 7 or more), the mean repeat purchases in
// the holdout, actual (bars) and predicted by each model (lines), with the
// same numbers in a table under it. None without a back-test.
func calibrationChart(in *reports.Input, loc string) (chart, error) {
	m := in.Result.Models
	b := &m.Backtest
	if !reports.HasBacktest(b) || len(b.ByFrequency) == 0 {
		return chart{}, nil
	}
	calEnd := reports.Date(b.CalibrationEnd.Time())
	span := reports.BtSpan(b.HoldoutUnits, m.TimeUnitDays, loc)
	ch := chart{ID: chartCalibration, Title: reports.Label("html.calTitle").In(loc), Text: reports.Format("html.calText", loc, calEnd, span),
		Height: 360}
	for _, bm := range b.Models {
		if bm.Key == m.Chosen && bm.Error == "" && reports.Finite(bm.MAE) && reports.Finite(b.NaiveMAE) {
			l := reports.Label("reports.BtNaiveWorse")
			if bm.MAE >= b.NaiveMAE {
				l = reports.Label("reports.BtNaiveBetter")
			}
			ch.Highlight = reports.Format(l, loc, reports.BtDec(bm.MAE), reports.BtDec(b.NaiveMAE))
		}
	}
	models := reports.BacktestModels(b)
	t := &table{Cols: []string{reports.Label("html.calColFreq").In(loc), reports.Label("html.calColCust").In(loc), reports.Label("html.calColActual").In(loc)}}
	for _, key := range models {
		t.Cols = append(t.Cols, reports.PurchaseModelName(key, loc))
	}
	xs := make([]string, len(b.ByFrequency))
	actual := make([]opts.BarData, len(b.ByFrequency))
	pred := make([][]opts.LineData, len(models))
	for i, f := range b.ByFrequency {
		xs[i] = reports.FrequencyName(f.Frequency, loc)
		row := []cell{{xs[i], "key"}, {reports.Int(f.Customers), "num"}}
		if f.Customers > 0 && reports.Finite(f.ActualMean) {
			actual[i] = opts.BarData{Value: round2(f.ActualMean)}
			row = append(row, cell{reports.BtDec(f.ActualMean), "num"})
		} else {
			actual[i] = opts.BarData{Value: "-"}
			row = append(row, cell{"—", "num"})
		}
		for k, key := range models {
			v, ok := f.PredictedMean[key]
			if f.Customers > 0 && ok && reports.Finite(v) {
				pred[k] = append(pred[k], opts.LineData{Value: round2(v)})
				row = append(row, cell{reports.BtDec(v), "num"})
			} else {
				pred[k] = append(pred[k], opts.LineData{Value: "-"})
				row = append(row, cell{"—", "num"})
			}
		}
		t.Rows = append(t.Rows, row)
	}
	ch.Table = t
	bar := charts.NewBar()
	bar.SetGlobalOptions(
		charts.WithTooltipOpts(opts.Tooltip{Trigger: "axis", AxisPointer: &opts.AxisPointer{Type: "shadow"}}),
		charts.WithLegendOpts(opts.Legend{Top: "0", Left: "0"}),
		charts.WithGridOpts(opts.Grid{Left: "36", Right: "24", Top: "56", Bottom: "32", ContainLabel: opts.Bool(true)}),
		charts.WithXAxisOpts(opts.XAxis{Type: "category", Name: reports.Format("html.calXAxis", loc, calEnd), NameLocation: "middle", NameGap: 28,
			AxisLabel: &opts.AxisLabel{Interval: "0"}}),
		charts.WithYAxisOpts(opts.YAxis{Type: "value", Min: 0, Name: reports.Label("html.calYAxis").In(loc), NameLocation: "middle", NameGap: 36,
			SplitLine: &opts.SplitLine{Show: opts.Bool(true), LineStyle: &opts.LineStyle{Color: "#edf0f4"}}}),
	)
	bar.SetXAxis(xs).AddSeries(reports.Label("html.trackActual").In(loc), actual,
		charts.WithBarChartOpts(opts.BarChart{BarCategoryGap: "30%"}),
		charts.WithItemStyleOpts(opts.ItemStyle{Color: "#c5ccd6"}))
	for k, key := range models {
		line := charts.NewLine()
		line.SetXAxis(xs).AddSeries(modelSeriesName(key, m.Chosen, loc), pred[k], modelLine(key, m.Chosen)...)
		bar.Overlap(line)
	}
	var err error
	ch.option, err = optionJS(bar, extraOptions{})
	return ch, err
}

// churnedLikelyActive counts the buyers whom the rhythm rule calls
// Churned while the purchase model gives them a probability of still being
// active of at least cut (0 without usable models).
func churnedLikelyActive(res *analysis.Result, cut float64) int {
	if !res.Models.Usable {
		return 0
	}
	n := 0
	for i := range res.Scores {
		s := &res.Scores[i]
		if s.Status == analysis.StatusChurned && reports.Finite(s.PAlive) && s.PAlive >= cut {
			n++
		}
	}
	return n
}

// churnedAliveCut is the probability from which the report calls a
// customer likely active.
const churnedAliveCut = 0.5

// churnedAliveSentence explains, when there are any, the buyers the rhythm
// rule calls Churned whom the purchase model thinks likely still active;
// "" when there are none.
func churnedAliveSentence(res *analysis.Result, loc string) string {
	n := churnedLikelyActive(res, churnedAliveCut)
	if n == 0 {
		return ""
	}
	return fmt.Sprintf(reports.Label("reports.BtChurnedAlive").In(loc), reports.Int(n), reports.StatusLabels[analysis.StatusChurned].In(loc), reports.PctText(churnedAliveCut))
}

// chosenModelName names the purchase model behind the predictions:
// the chosen one, or BG/NBD when the run does not say.
func chosenModelName(m analysis.Models, loc string) string {
	if m.Chosen != "" {
		return reports.PurchaseModelName(m.Chosen, loc)
	}
	return reports.PurchaseModelName(btyd.ModelBGNBD, loc)
}
