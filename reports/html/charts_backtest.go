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

// Texts of the back-test charts. Those with %s take formatted values, in
// order.
var (
	trackTitle = reports.Label{En: "Back-test: repeat purchases over the holdout", Zh: "回测：留出期内的累计复购"}
	trackText  = reports.Label{
		En: "Each purchase model was fitted again on the orders up to %s only and predicted the repeat purchases (days with a purchase) of those customers over the following %s, which are known now. The lines add them up over time; the closer a model's line to the actual one, the better it predicts the shop as a whole.",
		Zh: "每个购买模型只用截至 %s 的订单重新拟合，再预测这些客户在其后 %s 的复购（有购买的天数），而这段时间的实际购买现在已经知道。折线按时间累加复购；模型的折线越接近实际折线，对全店的预测就越准。"}
	trackWeeks  = reports.Label{En: "Weeks since %s", Zh: "%s 之后的周数"}
	trackDays   = reports.Label{En: "Days since %s", Zh: "%s 之后的天数"}
	trackUnits  = reports.Label{En: "Time units (%s days each) since %s", Zh: "%[2]s 之后的时间单位（每单位 %[1]s 天）"}
	trackYAxis  = reports.Label{En: "Repeat purchases, cumulative", Zh: "累计复购次数"}
	trackActual = reports.Label{En: "Actual", Zh: "实际"}
	trackUsed   = reports.Label{En: "%s (chosen)", Zh: "%s（选用）"}

	calTitle = reports.Label{En: "Back-test: repeat purchases by past frequency", Zh: "回测：按过去购买频次的复购"}
	calText  = reports.Label{
		En: "Customers grouped by how many times they bought again before %s (0 to 6, and 7 or more): the bars show the mean repeat purchases each group actually made in the following %s, the lines what each model predicted for them. A model whose line follows the bars is right about light and heavy buyers alike.",
		Zh: "按 %s 之前的复购次数（0 到 6 次，以及 7 次及以上）对客户分组：柱形为各组在其后 %s 实际的平均复购次数，折线为各模型的预测。折线越贴近柱形，模型对少买和多买的客户都越准确。"}
	calXAxis     = reports.Label{En: "Repeat purchases before %s", Zh: "%s 之前的复购次数"}
	calYAxis     = reports.Label{En: "Mean repeat purchases in the holdout", Zh: "留出期内平均复购次数"}
	calColFreq   = reports.Label{En: "Repeat purchases before", Zh: "此前复购次数"}
	calColCust   = reports.Label{En: "Customers", Zh: "客户数"}
	calColActual = reports.Label{En: "Actual mean", Zh: "实际平均"}
)

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
	return chart{ID: chartVerdict, Title: reports.BtVerdictTitle.In(loc), Text: reports.BtVerdictText.In(loc), Wide: true,
		Verdict: &verdict{Tone: verdictTones[m.Verdict.Level], Level: reports.Format(reports.BtVerdictHeading, loc, v.Level),
			Reasons: v.Reasons, Skipped: v.Skipped, Choice: v.Choice}}, nil
}

// modelSeriesName names a model's series; the chosen one says so.
func modelSeriesName(key, chosen, loc string) string {
	name := reports.ChartText(reports.PurchaseModelName(key, loc))
	if key == chosen {
		return reports.Format(trackUsed, loc, name)
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
	ch := chart{ID: chartTracking, Title: trackTitle.In(loc), Text: reports.Format(trackText, loc, calEnd, span),
		Height: 360}
	for _, bm := range b.Models {
		if bm.Key == m.Chosen && bm.Error == "" {
			ch.Highlight = reports.TrackingSentence(bm.Key, bm.Predicted, b.ActualRepeat, b.HoldoutUnits, m.TimeUnitDays, loc)
		}
	}
	xName := reports.Format(trackUnits, loc, reports.BtNum(m.TimeUnitDays), calEnd)
	switch m.TimeUnitDays {
	case 7:
		xName = reports.Format(trackWeeks, loc, calEnd)
	case 1:
		xName = reports.Format(trackDays, loc, calEnd)
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
		charts.WithYAxisOpts(opts.YAxis{Type: "value", Min: 0, Name: trackYAxis.In(loc), NameLocation: "middle", NameGap: 44,
			SplitLine: &opts.SplitLine{Show: opts.Bool(true), LineStyle: &opts.LineStyle{Color: "#edf0f4"}}}),
	)
	line.SetXAxis(xs).AddSeries(trackActual.In(loc), actual,
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
	ch := chart{ID: chartCalibration, Title: calTitle.In(loc), Text: reports.Format(calText, loc, calEnd, span),
		Height: 360}
	for _, bm := range b.Models {
		if bm.Key == m.Chosen && bm.Error == "" && reports.Finite(bm.MAE) && reports.Finite(b.NaiveMAE) {
			l := reports.BtNaiveWorse
			if bm.MAE >= b.NaiveMAE {
				l = reports.BtNaiveBetter
			}
			ch.Highlight = reports.Format(l, loc, reports.BtDec(bm.MAE), reports.BtDec(b.NaiveMAE))
		}
	}
	models := reports.BacktestModels(b)
	t := &table{Cols: []string{calColFreq.In(loc), calColCust.In(loc), calColActual.In(loc)}}
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
		charts.WithXAxisOpts(opts.XAxis{Type: "category", Name: reports.Format(calXAxis, loc, calEnd), NameLocation: "middle", NameGap: 28,
			AxisLabel: &opts.AxisLabel{Interval: "0"}}),
		charts.WithYAxisOpts(opts.YAxis{Type: "value", Min: 0, Name: calYAxis.In(loc), NameLocation: "middle", NameGap: 36,
			SplitLine: &opts.SplitLine{Show: opts.Bool(true), LineStyle: &opts.LineStyle{Color: "#edf0f4"}}}),
	)
	bar.SetXAxis(xs).AddSeries(trackActual.In(loc), actual,
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
	return fmt.Sprintf(reports.BtChurnedAlive.In(loc), reports.Int(n), reports.StatusLabels[analysis.StatusChurned].In(loc), reports.PctText(churnedAliveCut))
}

// chosenModelName names the purchase model behind the predictions:
// the chosen one, or BG/NBD when the run does not say.
func chosenModelName(m analysis.Models, loc string) string {
	if m.Chosen != "" {
		return reports.PurchaseModelName(m.Chosen, loc)
	}
	return reports.PurchaseModelName(btyd.ModelBGNBD, loc)
}
