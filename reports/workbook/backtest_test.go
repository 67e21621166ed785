package workbook

import (
	"bytes"
	"compress/gzip"
	"encoding/csv"
	"fmt"
	"io"
	"slices"
	"strings"
	"testing"

	"github.com/custseg/custseg/reports"
	"github.com/custseg/custseg/reports/reportstest"

	"github.com/custseg/custseg/analysis"
)

// TestWorkbookBacktest reads the workbook back: the Model sheet holds the
// verdict with its reasons and the model used, the spend model's check,
// the back-test's dates and totals (or why there is none), the purchase
// models compared and the calibration table; the Definitions sheet the
// back-test's terms and the verdict levels; the Customers sheet the
// expected next order, blank when unknown or without usable models.
func TestWorkbookBacktest(t *testing.T) {
	skipped := func(loc string) *reports.Input {
		in := reportstest.RichInput(loc, true, false)
		reportstest.SkipBacktest(&in.Result.Models, analysis.BacktestSkippedHistory)
		return in
	}
	unusable := func(loc string) *reports.Input {
		in := reportstest.RichInput(loc, false, false)
		in.Result.Scores[0].NextOrder = analysis.DateOf(reportstest.Day("2024-07-09")) // c1: not shown without models
		return in
	}
	tests := []struct {
		name   string
		in     *reports.Input
		cells  []cellCheck
		absent []cellCheck // sheet and key column: no row with keyText
	}{
		{
			name: "en", in: reportstest.RichInput("en", true, false),
			cells: []cellCheck{
				{"Model", "B", "Verdict", "C", "Use with caution"},
				{"Model", "B", "Verdict", "A", "Verdict on the predictions"},
				{"Model", "B", "Chosen purchase model", "C", "BG/NBD"},
				{"Model", "B", "Chosen purchase model", "D", "The chosen purchase model is BG/NBD: its error per customer in the back-test was the lowest (0.84)."},
				{"Model", "D", "BG/NBD predicted 1,650 repeat purchases for the last 13 weeks; there were 1,880: it under-predicts by 12.2%.", "B", "Why"},
				{"Model", "D", "Per customer, the model's error (0.84) is lower than simply repeating each customer's past rate (1.02).", "B", "Why"},
				{"Model", "D", "Spend per purchase rises with purchase frequency (correlation 0.34): the spend model assumes they are unrelated, so lifetime values are rough.", "B", "Why"},
				{"Model", "B", "Spend and frequency: correlation", "C", "0.34"},
				{"Model", "B", "Spend and frequency: correlation", "A", "Spend model (Gamma-Gamma)"},
				{"Model", "B", "Calibration period ends", "C", "2024-03-31"},
				{"Model", "B", "Holdout", "C", "13 weeks"},
				{"Model", "B", "Holdout", "D", "From the day after to the as-of date (2024-04-01 to 2024-06-30): the models predicted it without seeing it."},
				{"Model", "B", "Customers checked", "C", "1,500"},
				{"Model", "B", "Actual repeat purchases", "C", "1,880"},
				{"Model", "B", "Naive baseline: error per customer", "C", "1.02"},
				{"Model", "B", "Back-test holdout", "C", "13 weeks"},
				{"Model", "B", "Purchase model setting", "C", "auto"},
				// The purchase models compared.
				{"Model", "A", "Model", "I", "Naive baseline: error per customer"},
				{"Model", "A", "BG/NBD", "B", "r 0.243 · α 4.414 · a 0.793 · b 2.426"},
				{"Model", "A", "BG/NBD", "C", "yes"},
				{"Model", "A", "BG/NBD", "D", "yes: lowest error per customer in the back-test"},
				{"Model", "A", "BG/NBD", "E", "-9,582.43"},
				{"Model", "A", "BG/NBD", "F", "19,193.22"},
				{"Model", "A", "BG/NBD", "G", "1,650.0"},
				{"Model", "A", "BG/NBD", "H", "0.84"},
				{"Model", "A", "BG/NBD", "I", "1.02"},
				{"Model", "A", "MBG/NBD", "D", "no"},
				{"Model", "A", "MBG/NBD", "H", "0.86"},
				{"Model", "A", "Pareto/NBD", "B", "r 0.550 · α 10.580 · s 0.610 · β 11.670"},
				{"Model", "A", "Pareto/NBD", "C", "no"},
				{"Model", "A", "Pareto/NBD", "D", "no: its parameters ran off to a boundary or did not settle"},
				{"Model", "A", "Pareto/NBD", "G", ""},
				{"Model", "A", "Pareto/NBD", "H", ""},
				// The calibration table.
				{"Model", "A", "Repeat purchases before 2024-03-31", "D", "BG/NBD"},
				{"Model", "A", "Repeat purchases before 2024-03-31", "E", "MBG/NBD"},
				{"Model", "A", "0", "B", "700"},
				{"Model", "A", "7+", "B", "40"},
				{"Model", "A", "7+", "C", "3.35"},
				{"Model", "A", "7+", "D", "2.95"},
				{"Model", "A", "7+", "E", "3.04"},
				{"Definitions", "B", "Holdout", "A", "Back-test"},
				{"Definitions", "B", "Holdout", "C", "The last 13 weeks before the as-of date. Each purchase model is fitted again on the orders before it (the calibration period), predicts the repeat purchases of the customers who had bought by then over the holdout, and is compared with what they did. Repeat purchases are counted as days with a purchase after the first."},
				{"Definitions", "B", "Error per customer (MAE)", "A", "Back-test"},
				{"Definitions", "B", "Naive baseline", "A", "Back-test"},
				{"Definitions", "B", "Tracking chart", "A", "Back-test"},
				{"Definitions", "B", "Calibration plot", "A", "Back-test"},
				{"Definitions", "B", "BIC", "A", "Back-test"},
				{"Definitions", "B", "Reliable", "A", "Back-test"},
				{"Definitions", "B", "Use with caution", "A", "Back-test"},
				{"Definitions", "B", "Unreliable", "C", "Do not act on the predictions: no purchase model converged, too few customers bought more than once, or the back-test was far off."},
				{"Definitions", "B", "Expected next order", "C", "The day by which a buyer, if still active, is expected to have bought again, from the chosen purchase model; blank when their P(alive) is below 50% or the models are not used."},
				{"Customers", "A", "Customer id", "AA", "Expected next order"},
				{"Customers", "A", "c1", "AA", "2024-07-09"},
				{"Customers", "A", "c4", "AA", "2024-08-20"},
				{"Customers", "A", "c2", "AA", ""},
				{"Customers", "A", "c5", "AA", ""},
				{"Champions", "A", "Customer id", "R", "Expected next order"},
				{"Champions", "A", "c1", "R", "2024-07-09"},
			},
		},
		{
			name: "zh-CN", in: reportstest.RichInput("zh-CN", true, false),
			cells: []cellCheck{
				{"预测模型", "B", "结论", "C", "谨慎使用"},
				{"预测模型", "B", "选用的购买模型", "D", "选用的购买模型为 BG/NBD：它在回测中的单客户误差最低（0.84）。"},
				{"预测模型", "D", "BG/NBD 预测最近 13 周有 1,650 次复购，实际为 1,880 次：预测偏低 12.2%。", "B", "原因"},
				{"预测模型", "B", "消费与频次的相关系数", "C", "0.34"},
				{"预测模型", "B", "拟合期截止日", "C", "2024-03-31"},
				{"预测模型", "A", "BG/NBD", "D", "是：回测中单客户误差最低"},
				{"预测模型", "A", "Pareto/NBD", "D", "否：参数估计跑到边界或未能稳定"},
				{"预测模型", "A", "2024-03-31 之前的复购次数", "C", "留出期实际平均"},
				{"指标定义", "B", "留出期", "A", "回测"},
				{"指标定义", "B", "谨慎使用", "A", "回测"},
				{"客户明细", "A", "客户编号", "AA", "预计下次购买日期"},
				{"客户明细", "A", "c1", "AA", "2024-07-09"},
			},
		},
		{
			name: "skipped", in: skipped("en"),
			cells: []cellCheck{
				{"Model", "B", "Verdict", "C", "Use with caution"},
				{"Model", "B", "Back-test", "C", "not run"},
				{"Model", "B", "Back-test", "D", "No back-test: the data holds less history than a back-test over the last 13 weeks needs."},
				{"Model", "D", "No back-test: the data holds less history than a back-test over the last 13 weeks needs. The predictions could not be checked against what customers did.", "B", "Why"},
				{"Model", "B", "Chosen purchase model", "D", "The chosen purchase model is BG/NBD: without a back-test, it fits the whole history best (lowest BIC, 19,193)."},
				{"Model", "A", "BG/NBD", "D", "yes: lowest BIC (no back-test)"},
				{"Model", "A", "BG/NBD", "F", "19,193.22"},
				{"Model", "A", "BG/NBD", "G", ""},
				{"Model", "A", "BG/NBD", "I", ""},
			},
			absent: []cellCheck{
				{"Model", "B", "Calibration period ends", "", ""},
				{"Model", "A", "Back-test by past frequency (calibration plot)", "", ""},
			},
		},
		{
			name: "models not usable", in: unusable("en"),
			cells: []cellCheck{
				{"Customers", "A", "c1", "AA", ""},
				{"Customers", "A", "Customer id", "AA", "Expected next order"},
				{"Model", "B", "Back-test holdout", "C", "13 weeks"},
			},
			// The fixture says nothing of a verdict, a choice or a
			// back-test: no rows about them.
			absent: []cellCheck{
				{"Model", "B", "Verdict", "", ""},
				{"Model", "A", "Purchase models compared", "", ""},
				{"Model", "B", "Calibration period ends", "", ""},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, _ := open(t, tt.in)
			for _, c := range tt.cells {
				row := findRow(t, f, c.sheet, c.key, c.keyText)
				if row == 0 {
					t.Errorf("%s: no row with %s = %q", c.sheet, c.key, c.keyText)
					continue
				}
				got, err := f.GetCellValue(c.sheet, fmt.Sprintf("%s%d", c.col, row))
				if err != nil || got != c.want {
					t.Errorf("%s!%s%d (row of %q) = %q, %v; want %q", c.sheet, c.col, row, c.keyText, got, err, c.want)
				}
			}
			for _, c := range tt.absent {
				if row := findRow(t, f, c.sheet, c.key, c.keyText); row != 0 {
					t.Errorf("%s: row %d has %s = %q", c.sheet, row, c.key, c.keyText)
				}
			}
			checkNoNaN(t, f)
		})
	}
}

// TestCustomersCSVNextOrder: the customer CSV has the expected next order
// after P(alive), as a date, blank when unknown or without usable models.
func TestCustomersCSVNextOrder(t *testing.T) {
	tests := []struct {
		usable bool
		want   map[string]string // customer id → next_order_date
	}{
		{true, map[string]string{"c1": "2024-07-09", "c4": "2024-08-20", "c2": "", "c5": ""}},
		{false, map[string]string{"c1": "", "c4": "", "c2": ""}},
	}
	for _, tt := range tests {
		in := reportstest.RichInput("en", tt.usable, false)
		in.Result.Scores[0].NextOrder = analysis.DateOf(reportstest.Day("2024-07-09"))
		var buf bytes.Buffer
		if err := WriteCustomersCSV(&buf, in); err != nil {
			t.Fatal(err)
		}
		zr, err := gzip.NewReader(&buf)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(zr)
		recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\ufeff")))).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		col := slices.Index(recs[0], "next_order_date")
		if col < 0 || recs[0][col-1] != "p_alive" {
			t.Fatalf("header %q: next_order_date not right after p_alive", recs[0])
		}
		for _, r := range recs[1:] {
			if want, ok := tt.want[r[0]]; ok && r[col] != want {
				t.Errorf("usable %v: %s next_order_date = %q, want %q", tt.usable, r[0], r[col], want)
			}
			if len(r) != len(recs[0]) {
				t.Errorf("%s: %d fields for %d columns", r[0], len(r), len(recs[0]))
			}
		}
		if strings.Contains(string(b), "NaN") {
			t.Error("CSV holds NaN")
		}
	}
}
