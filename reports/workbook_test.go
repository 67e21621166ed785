package reports

import (
	"archive/zip"
	"bytes"
	"flag"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/custseg/custseg/analysis"
)

// The flag is not plain -update so that it cannot clash with another golden
// test of this package.
var updateWorkbook = flag.Bool("update-workbook", false, "rewrite testdata/workbook_*.golden")

var wbTestAsOf = time.Date(2024, 6, 30, 0, 0, 0, 0, time.UTC)

func wbDay(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

// wbTestDataset is a small shop whose numbers are worked out by hand below.
//
//	id  orders gross refunds  last order  recency  status
//	c1  10     5000  0        2024-06-25    5      active   (R5 F5 M5: Champions, key)
//	c2   3      900  100      2024-05-01   60      active
//	c3   1      200  0        2023-12-01  212      churned
//	c4   2      400  0        2024-03-15  107      at risk
//	c5   0        0  0        -            -       potential (never bought)
//	c6   1       50  50       2024-06-01   29      active   (net 0: no value tier)
//	c7   0        0  20       -            -       potential (only a refund)
//
// KPIs: 7 customers, 5 buyers, 17 orders, gross 6,550, refunds 170, net
// 6,380, average order value 6550/17, repeat rate 3/5, active 3, at risk 1,
// churned 1, churn rate 1/5.
func wbTestDataset() *analysis.Dataset {
	return &analysis.Dataset{
		AsOf:      wbTestAsOf,
		AttrNames: []string{"province", "gender"},
		Customers: []analysis.Customer{
			{ID: "c1", Name: "Alice", Email: "alice@example.com", Phone: "555-0101", RegisteredAt: wbDay("2022-11-05"),
				Attrs: []string{"Zhejiang", "F"}, Orders: 10, OrderDays: 9, Gross: 5000,
				FirstOrder: wbDay("2023-01-10"), LastOrder: wbDay("2024-06-25")},
			{ID: "c2", Name: "Bob", Email: "bob@example.com", RegisteredAt: wbDay("2023-02-01"),
				Attrs: []string{"Jiangsu", "M"}, Orders: 3, OrderDays: 3, Gross: 900, Refunds: 100,
				FirstOrder: wbDay("2023-03-01"), LastOrder: wbDay("2024-05-01")},
			{ID: "c3", Name: "陈静", Email: "chen@example.cn", RegisteredAt: wbDay("2023-06-01"),
				Attrs: []string{"广东", "F"}, Orders: 1, OrderDays: 1, Gross: 200,
				FirstOrder: wbDay("2023-12-01"), LastOrder: wbDay("2023-12-01")},
			{ID: "c4", Name: "Dee", Attrs: []string{"", "F"}, Orders: 2, OrderDays: 2, Gross: 400,
				FirstOrder: wbDay("2024-01-15"), LastOrder: wbDay("2024-03-15")},
			{ID: "c5", Name: "Eve", Email: "eve@example.com", RegisteredAt: wbDay("2024-06-01"),
				Attrs: []string{"Zhejiang", ""}},
			{ID: "c6", Name: "Finn", Attrs: []string{"Jiangsu", "M"}, Orders: 1, OrderDays: 1, Gross: 50, Refunds: 50,
				FirstOrder: wbDay("2024-06-01"), LastOrder: wbDay("2024-06-01")},
			{ID: "c7", Name: "Gus", Attrs: []string{"Jiangsu", "M"}, Refunds: 20},
		},
	}
}

func wbTestInput(ds *analysis.Dataset, locale string) *Input {
	return &Input{
		Job:         "weekly",
		RunID:       "20240630-0001",
		AsOf:        ds.AsOf,
		GeneratedAt: time.Date(2024, 7, 1, 6, 30, 0, 0, time.FixedZone("CST", 8*3600)),
		Locale:      locale,
		Currency:    "$",
		Dataset:     ds,
		Result:      analysis.Analyze(ds, analysis.DefaultParams()),
		Quality: []analysis.QualityCheck{
			{Check: analysis.CheckRefund, Rows: 3},
			{Check: analysis.CheckFutureDate, Rows: 2},
			{Check: "mystery_check", Rows: 1},
		},
		SourceRows:    25,
		SegmentSheets: []string{"champions", "at_risk"},
		Analysis:      analysis.DefaultParams(),
		Params:        []Param{{"rfm.bins", "5"}, {"churn.at_risk_days", "90"}},
		Queries: []Query{{Name: "customers (queries/customers.sql)",
			SQL: "SELECT id AS customer_id,\n       name\nFROM shop_customers"}},
	}
}

// wbOpen writes in and reads the result back.
func wbOpen(t testing.TB, in *Input) (*excelize.File, []byte) {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteWorkbook(&buf, in); err != nil {
		t.Fatalf("WriteWorkbook: %v", err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatalf("OpenReader: %v", err)
	}
	t.Cleanup(func() { f.Close() })
	return f, buf.Bytes()
}

var (
	wbSheetsEn = []string{"Summary", "Customers", "Champions", "At Risk", "Segments", "Value tiers", "Pyramid",
		"Churn and lifecycle", "High-value at risk", "Clusters", "Characteristics", "Common needs", "Migration",
		"Cohorts", "Data quality", "Model", "Definitions", "About"}
	wbSheetsZh = []string{"概览", "客户明细", "重要价值客户（冠军）", "有流失风险客户", "客户分群", "价值分层", "客户金字塔",
		"流失与生命周期", "高价值流失风险", "聚类分析", "客户特征", "共同需求", "客户迁移",
		"同期群", "数据质量", "预测模型", "指标定义", "关于本报告"}
	// wbCustomerHeadersEn are the Customers sheet's columns of wbTestDataset.
	wbCustomerHeadersEn = []string{"Customer id", "Name", "Email", "Phone", "Registered", "province", "gender",
		"First order", "Last order", "Days since last order", "Frequency", "Monetary (net)",
		"Value (net revenue)", "R score", "F score", "M score", "FM score",
		"Segment", "Value tier", "Churn status", "Orders", "Gross", "Refunds",
		"Days between purchases", "Lifecycle stage", "P(alive)", "Expected purchases (52 weeks)",
		"Expected spend per purchase", "CLV (12 months)", "Value at risk", "Pyramid tier", "Cluster",
		"Discount share", "Buying behaviour"}
)

func TestWorkbookSheetNamesAreValid(t *testing.T) {
	for _, names := range [][]string{wbSheetsEn, wbSheetsZh} {
		for _, n := range names {
			if len([]rune(n)) > 31 || strings.ContainsAny(n, `[]:*?/\`) || n == "" {
				t.Errorf("sheet name %q is not valid in Excel", n)
			}
		}
	}
}

// wbCellCheck is one expected cell: in sheet, the row whose column key holds
// keyText, column col must read want (formatted as Excel shows it).
type wbCellCheck struct {
	sheet, key, keyText, col, want string
}

func TestWorkbook(t *testing.T) {
	noBuyers := &analysis.Dataset{AsOf: wbTestAsOf, AttrNames: []string{"province"},
		Customers: []analysis.Customer{{ID: "n1", Name: "Nia", Attrs: []string{"Hubei"}}, {ID: "n2", Refunds: 10, Attrs: []string{""}}}}
	tests := []struct {
		name      string
		ds        *analysis.Dataset
		locale    string
		sheets    []string
		customers int
		charts    int
		headers   map[string][]string // sheet → header row (row 3), from column A
		cells     []wbCellCheck
	}{
		{
			name: "en", ds: wbTestDataset(), locale: "en", sheets: wbSheetsEn, customers: 7, charts: 2,
			headers: map[string][]string{
				"Summary": {"Measure", "Value", "What it means"},
				"Customers": {"Customer id", "Name", "Email", "Phone", "Registered", "province", "gender",
					"First order", "Last order", "Days since last order", "Frequency", "Monetary (net)",
					"Value (net revenue)", "R score", "F score", "M score", "FM score",
					"Segment", "Value tier", "Churn status", "Orders", "Gross", "Refunds"},
				"Segments": {"Segment", "Customers", "Share of buyers", "Value", "Share of value",
					"Avg days since last order", "Avg frequency", "Avg monetary", "Avg order value", "Score rule", "Suggested action"},
				"Value tiers":  {"Value tier", "Customers", "Share of buyers", "Value", "Share of value", "Lowest value", "Highest value"},
				"Data quality": {"What", "Rows", "Rule applied"},
				"About":        {"Section", "Item", "Value"},
			},
			cells: []wbCellCheck{
				// KPIs, worked out by hand on wbTestDataset.
				{"Summary", "A", "Customers", "B", "7"},
				{"Summary", "A", "Buyers", "B", "5"},
				{"Summary", "A", "Orders", "B", "17"},
				{"Summary", "A", "Gross revenue", "B", "$6,550.00"},
				{"Summary", "A", "Refunds", "B", "$170.00"},
				{"Summary", "A", "Net revenue", "B", "$6,380.00"},
				{"Summary", "A", "Average order value", "B", "$385.29"}, // 6550 / 17
				{"Summary", "A", "Repeat-purchase rate", "B", "60.0%"},
				// c4 bought twice 60 days apart: 107 quiet days are within
				// 2 × its rhythm, so it is active, not at risk.
				{"Summary", "A", "Active customers", "B", "4"},
				{"Summary", "A", "At-risk customers", "B", "0"},
				{"Summary", "A", "Churned customers", "B", "1"},
				{"Summary", "A", "Churn rate", "B", "20.0%"},
				{"Summary", "A", "Job", "B", "weekly"},
				{"Summary", "A", "As-of date", "B", "2024-06-30"},
				{"Summary", "A", "Customers", "C", "Everyone in the customer list, whether or not they bought."},
				// Customers: c1 is the champion, c5 never bought, c6 has no net value.
				{"Customers", "A", "c1", "B", "Alice"},
				{"Customers", "A", "c1", "E", "2022-11-05"},
				{"Customers", "A", "c1", "F", "Zhejiang"},
				{"Customers", "A", "c1", "G", "F"},
				{"Customers", "A", "c1", "I", "2024-06-25"},
				{"Customers", "A", "c1", "J", "5"},
				{"Customers", "A", "c1", "K", "10"},
				{"Customers", "A", "c1", "L", "$5,000.00"},
				{"Customers", "A", "c1", "N", "5"},
				{"Customers", "A", "c1", "Q", "5"},
				{"Customers", "A", "c1", "R", "Champions"},
				{"Customers", "A", "c1", "S", "Key"},
				{"Customers", "A", "c1", "T", "Active"},
				{"Customers", "A", "c2", "L", "$800.00"},
				{"Customers", "A", "c3", "B", "陈静"},
				{"Customers", "A", "c3", "T", "Churned"},
				{"Customers", "A", "c4", "T", "Active"},
				{"Customers", "A", "c5", "I", ""},
				{"Customers", "A", "c5", "J", ""},
				{"Customers", "A", "c5", "N", ""},
				{"Customers", "A", "c5", "R", "—"},
				{"Customers", "A", "c5", "S", "—"},
				{"Customers", "A", "c5", "T", "Potential (never bought)"},
				{"Customers", "A", "c6", "S", "No net value"},
				{"Customers", "A", "c7", "L", "-$20.00"},
				{"Customers", "A", "c7", "W", "$20.00"},
				// Segments: the one champion, and the rule text.
				{"Segments", "A", "Champions", "B", "1"},
				{"Segments", "A", "Champions", "C", "20.0%"},
				{"Segments", "A", "Champions", "J", "R 5, FM 4–5"},
				{"Segments", "A", "Loyal", "J", "R 3–4, FM 4–5"},
				// Value tiers: c1 alone holds 5000 of 6400 (78.1%).
				{"Value tiers", "A", "Key", "B", "1"},
				{"Value tiers", "A", "Key", "E", "78.1%"},
				{"Value tiers", "A", "No net value", "B", "1"},
				{"Value tiers", "A", "Value measure", "B", "Net revenue (purchases minus refunds)"},
				// Data quality: source rows first, unknown keys as themselves.
				{"Data quality", "A", "Order rows returned by orders.sql", "B", "25"},
				{"Data quality", "A", "Order rows with a negative amount (refunds)", "B", "3"},
				{"Data quality", "A", "Order rows with a negative amount (refunds)", "C", "Netted against the customer's value; not counted as purchases."},
				{"Data quality", "A", "mystery_check", "B", "1"},
				{"Data quality", "A", "mystery_check", "C", ""},
				// About.
				{"About", "B", "Run id", "C", "20240630-0001"},
				{"About", "B", "Generated at", "C", "2024-07-01 06:30:00 +08:00"},
				{"About", "B", "As-of date", "C", "2024-06-30"},
				{"About", "B", "rfm.bins", "C", "5"},
				{"About", "A", "Warning", "C", "none"},
				{"About", "B", "customers (queries/customers.sql)", "C", "SELECT id AS customer_id,\n       name\nFROM shop_customers"},
			},
		},
		{
			name: "zh-CN", ds: wbTestDataset(), locale: "zh-CN", sheets: wbSheetsZh, customers: 7, charts: 2,
			headers: map[string][]string{
				"概览":   {"指标", "数值", "含义"},
				"客户分群": {"客户分群", "客户数", "占购买客户比例", "价值", "占总价值比例", "平均距最近购买天数", "平均购买频次", "平均消费金额", "平均订单金额", "评分规则", "建议行动"},
				"数据质量": {"检查项", "行数", "处理规则"},
			},
			cells: []wbCellCheck{
				{"概览", "A", "客户数", "B", "7"},
				{"概览", "A", "复购率", "B", "60.0%"},
				{"客户明细", "A", "c1", "R", "重要价值客户（冠军）"},
				{"客户明细", "A", "c1", "S", "大客户"},
				{"客户明细", "A", "c1", "T", "活跃客户"},
				{"客户明细", "A", "c5", "T", "潜在客户（未购买）"},
				{"客户明细", "A", "客户编号", "B", "姓名"},
				{"价值分层", "A", "大客户", "B", "1"},
				{"数据质量", "A", "mystery_check", "B", "1"},
				{"关于本报告", "A", "警告", "C", "无"},
			},
		},
		{
			name: "empty", ds: &analysis.Dataset{AsOf: wbTestAsOf}, locale: "en", sheets: wbSheetsEn,
			headers: map[string][]string{
				"Customers": {"Customer id", "Name", "Email", "Phone", "Registered", "First order", "Last order"},
				"Segments":  {"Segment", "Customers"},
			},
			cells: []wbCellCheck{
				{"Summary", "A", "Customers", "B", "0"},
				{"Summary", "A", "Average order value", "B", "$0.00"},
				{"Summary", "A", "Gini coefficient", "B", "0.000"},
				{"Segments", "A", "Champions", "B", "0"},
				{"Segments", "A", "Champions", "F", "0.00"},
				{"Value tiers", "A", "Key", "F", "$0.00"},
			},
		},
		{
			name: "no buyers", ds: noBuyers, locale: "en", sheets: wbSheetsEn, customers: 2,
			cells: []wbCellCheck{
				{"Summary", "A", "Buyers", "B", "0"},
				{"Summary", "A", "Refunds", "B", "$10.00"},
				{"Customers", "A", "n1", "F", "Hubei"},
				{"Customers", "A", "n1", "Q", "—"},
				{"Customers", "A", "n2", "K", "-$10.00"},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, raw := wbOpen(t, wbTestInput(tt.ds, tt.locale))
			if got := f.GetSheetList(); !slices.Equal(got, tt.sheets) {
				t.Fatalf("sheets = %q, want %q", got, tt.sheets)
			}
			for sheet, want := range tt.headers {
				rows, err := f.GetRows(sheet)
				if err != nil || len(rows) < headerRow {
					t.Fatalf("%s: rows %d, %v", sheet, len(rows), err)
				}
				if got := rows[headerRow-1]; len(got) < len(want) || !slices.Equal(got[:len(want)], want) {
					t.Errorf("%s header = %q, want %q", sheet, got, want)
				}
			}
			for _, c := range tt.cells {
				row := wbFindRow(t, f, c.sheet, c.key, c.keyText)
				if row == 0 {
					t.Errorf("%s: no row with %s = %q", c.sheet, c.key, c.keyText)
					continue
				}
				got, err := f.GetCellValue(c.sheet, fmt.Sprintf("%s%d", c.col, row))
				if err != nil || got != c.want {
					t.Errorf("%s!%s%d (row of %q) = %q, %v; want %q", c.sheet, c.col, row, c.keyText, got, err, c.want)
				}
			}
			customers := tt.sheets[1]
			rows, err := f.GetRows(customers)
			if err != nil {
				t.Fatal(err)
			}
			if got := len(rows) - headerRow; got != tt.customers {
				t.Errorf("%s: %d customer rows, want %d", customers, got, tt.customers)
			}
			wbCheckTables(t, f, raw, tt.sheets, tt.customers)
			wbCheckNoNaN(t, f)
			if got := wbCountParts(t, raw, "xl/charts/chart"); got != tt.charts {
				t.Errorf("%d charts, want %d", got, tt.charts)
			}
		})
	}
}

// wbCheckTables checks every sheet's layout: title, explanation, frozen panes
// below the header row, an autofilter from the header, and fitted widths.
func wbCheckTables(t *testing.T, f *excelize.File, raw []byte, sheets []string, customers int) {
	t.Helper()
	filters := map[string]string{}
	for _, d := range f.GetDefinedName() {
		if d.Name == "_xlnm._FilterDatabase" {
			filters[d.Scope] = d.RefersTo
		}
	}
	for i, sheet := range sheets {
		title, _ := f.GetCellValue(sheet, "A1")
		explain, _ := f.GetCellValue(sheet, "A2")
		if title == "" || len(explain) < 40 {
			t.Errorf("%s: title %q, explanation %q", sheet, title, explain)
		}
		p, err := f.GetPanes(sheet)
		if err != nil || !p.Freeze || p.YSplit != headerRow || p.TopLeftCell != "A4" {
			t.Errorf("%s: panes %+v, %v; want frozen below row %d", sheet, p, err, headerRow)
		}
		if ref := filters[sheet]; !strings.Contains(ref, "!$A$3:") && !strings.Contains(ref, "!A3:") {
			t.Errorf("%s: autofilter %q, want one from A3", sheet, ref)
		}
		xml := wbSheetXML(t, raw, i+1)
		if !strings.Contains(xml, `<autoFilter ref="$A$3:`) || !strings.Contains(xml, `state="frozen"`) {
			t.Errorf("%s: sheet XML lacks the autofilter or the frozen pane", sheet)
		}
		for col := 1; col <= 3; col++ {
			name, _ := excelize.ColumnNumberToName(col)
			w, err := f.GetColWidth(sheet, name)
			if err != nil || w < minColWidth || w > maxColWidth {
				t.Errorf("%s: column %s width %v, %v", sheet, name, w, err)
			}
		}
	}
	// The Customers filter covers every customer row.
	if ref := filters[sheets[1]]; !strings.HasSuffix(strings.ReplaceAll(ref, "$", ""), fmt.Sprint(headerRow+customers)) {
		t.Errorf("customers autofilter %q does not end at row %d", ref, headerRow+customers)
	}
}

func wbCheckNoNaN(t *testing.T, f *excelize.File) {
	t.Helper()
	for _, sheet := range f.GetSheetList() {
		rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		for r, row := range rows {
			for c, v := range row {
				if strings.Contains(v, "NaN") || strings.Contains(v, "Inf") {
					t.Errorf("%s row %d column %d: %q", sheet, r+1, c+1, v)
				}
			}
		}
	}
}

// wbFindRow returns the first row whose cell in col reads text, or 0.
func wbFindRow(t *testing.T, f *excelize.File, sheet, col, text string) int {
	t.Helper()
	idx, err := excelize.ColumnNameToNumber(col)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatalf("%s: %v", sheet, err)
	}
	for r, row := range rows {
		if len(row) >= idx && row[idx-1] == text {
			return r + 1
		}
	}
	return 0
}

func wbZipFiles(t testing.TB, raw []byte) []*zip.File {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(raw), int64(len(raw)))
	if err != nil {
		t.Fatal(err)
	}
	return z.File
}

func wbCountParts(t testing.TB, raw []byte, prefix string) int {
	n := 0
	for _, zf := range wbZipFiles(t, raw) {
		if strings.HasPrefix(zf.Name, prefix) {
			n++
		}
	}
	return n
}

// wbSheetXML returns xl/worksheets/sheet<n>.xml; excelize numbers the
// sheets in the order they were created, which is the workbook's order.
func wbSheetXML(t testing.TB, raw []byte, n int) string {
	t.Helper()
	return wbPart(t, raw, fmt.Sprintf("xl/worksheets/sheet%d.xml", n))
}

func TestWorkbookSummaryLinks(t *testing.T) {
	f, _ := wbOpen(t, wbTestInput(wbTestDataset(), "en"))
	rows, err := f.GetRows("Summary")
	if err != nil {
		t.Fatal(err)
	}
	contents := wbFindRow(t, f, "Summary", "A", "Contents")
	for _, target := range wbSheetsEn[1:] {
		row := 0
		for r := contents; r > 0 && r < len(rows); r++ {
			if len(rows[r]) > 0 && rows[r][0] == target {
				row = r + 1
				break
			}
		}
		if row == 0 {
			t.Errorf("Summary: no index entry for %q", target)
			continue
		}
		ok, link, err := f.GetCellHyperLink("Summary", fmt.Sprintf("A%d", row))
		if want := "'" + target + "'!A1"; err != nil || !ok || link != want {
			t.Errorf("Summary!A%d link = %v %q %v, want %q", row, ok, link, err, want)
		}
	}
}

// wbPart returns one part of the .xlsx zip as text.
func wbPart(t testing.TB, raw []byte, name string) string {
	t.Helper()
	for _, zf := range wbZipFiles(t, raw) {
		if zf.Name == name {
			r, err := zf.Open()
			if err != nil {
				t.Fatal(err)
			}
			defer r.Close()
			b, err := io.ReadAll(r)
			if err != nil {
				t.Fatal(err)
			}
			return string(b)
		}
	}
	t.Fatalf("%s not in the workbook", name)
	return ""
}

func TestWorkbookChartsReferToTables(t *testing.T) {
	_, raw := wbOpen(t, wbTestInput(wbTestDataset(), "en"))
	for part, refs := range map[string][]string{
		// 11 default segments in rows 4..14, names in A and buyers in B.
		"xl/charts/chart1.xml": {"<f>&#39;Segments&#39;!$A$4:$A$14</f>", "<f>&#39;Segments&#39;!$B$4:$B$14</f>"},
		// 5 tiers in rows 4..8, shares of buyers in C and of value in E.
		"xl/charts/chart2.xml": {"<f>&#39;Value tiers&#39;!$C$4:$C$8</f>", "<f>&#39;Value tiers&#39;!$E$4:$E$8</f>"},
	} {
		xml := wbPart(t, raw, part)
		for _, ref := range refs {
			if !strings.Contains(xml, ref) {
				t.Errorf("%s lacks %s", part, ref)
			}
		}
	}
}

func TestWorkbookCustomersScoreColourScale(t *testing.T) {
	f, _ := wbOpen(t, wbTestInput(wbTestDataset(), "en"))
	cf, err := f.GetConditionalFormats("Customers")
	if err != nil {
		t.Fatal(err)
	}
	// R, F and M scores are columns N..P; 7 customers in rows 4..10.
	if got := cf["N4:P10"]; len(got) != 1 || got[0].Type != "3_color_scale" {
		t.Errorf("conditional formats = %+v, want a 3-colour scale on N4:P10", cf)
	}
}

// TestWorkbookMarginAndNaN checks the margin KPI and value measure with
// cost, and that NaN or infinite numbers in a result become 0, not text.
func TestWorkbookMarginAndNaN(t *testing.T) {
	ds := wbTestDataset()
	ds.HasCost = true
	for i := range ds.Customers {
		ds.Customers[i].Cost = ds.Customers[i].Gross / 2
	}
	in := wbTestInput(ds, "en")
	in.Result.KPIs.Gini = math.NaN()
	in.Result.Concentration.Top20Share = math.Inf(1)
	in.Result.Segments[0].AvgRecency = math.Inf(-1)
	in.Result.Scores[0].Monetary = math.NaN()
	f, _ := wbOpen(t, in)
	wbCheckNoNaN(t, f)
	for _, c := range []wbCellCheck{
		{"Summary", "A", "Margin", "B", "$3,105.00"}, // 6380 - 6550/2
		{"Summary", "A", "Gini coefficient", "B", "0.000"},
		{"Value tiers", "A", "Value measure", "B", "Margin (net revenue minus cost)"},
		{"Value tiers", "A", "Top-20% value share", "C", "20% of buyers bring 0.0% of the value."},
		{"Customers", "A", "c1", "L", "$0.00"},
	} {
		row := wbFindRow(t, f, c.sheet, c.key, c.keyText)
		got, _ := f.GetCellValue(c.sheet, fmt.Sprintf("%s%d", c.col, row))
		if row == 0 || got != c.want {
			t.Errorf("%s: row of %q column %s = %q, want %q", c.sheet, c.keyText, c.col, got, c.want)
		}
	}
}

// TestWorkbookSplitsCustomers lowers the rows per sheet to check that
// customers beyond one sheet continue on "Customers (2)" and so on.
func TestWorkbookSplitsCustomers(t *testing.T) {
	defer func(n int) { customerSheetRows = n }(customerSheetRows)
	customerSheetRows = 3
	f, raw := wbOpen(t, wbTestInput(wbTestDataset(), "en"))
	want := []string{"Summary", "Customers", "Customers (2)", "Customers (3)", "Segments", "Value tiers", "Data quality", "About"}
	if got := f.GetSheetList(); !slices.Equal(got, want) {
		t.Fatalf("sheets = %q, want %q", got, want)
	}
	for i, c := range []struct {
		sheet, first, last string
	}{
		{"Customers", "c1", "c3"}, {"Customers (2)", "c4", "c6"}, {"Customers (3)", "c7", "c7"},
	} {
		rows, err := f.GetRows(c.sheet)
		if err != nil {
			t.Fatal(err)
		}
		data := rows[headerRow:]
		if data[0][0] != c.first || data[len(data)-1][0] != c.last {
			t.Errorf("%s holds %s..%s, want %s..%s", c.sheet, data[0][0], data[len(data)-1][0], c.first, c.last)
		}
		if rows[headerRow-1][0] != "Customer id" || !strings.HasPrefix(rows[explainRow-1][0], "Customers ") {
			t.Errorf("%s: header %q, explanation %q", c.sheet, rows[headerRow-1][0], rows[explainRow-1][0])
		}
		if xml := wbSheetXML(t, raw, i+2); !strings.Contains(xml, fmt.Sprintf(`<autoFilter ref="$A$3:$W$%d"`, headerRow+len(data))) {
			t.Errorf("%s: no autofilter over its %d rows", c.sheet, len(data))
		}
	}
	if row := wbFindRow(t, f, "Summary", "A", "Customers (3)"); row == 0 {
		t.Error("Summary does not list Customers (3)")
	}
}

func TestWorkbookRejectsMismatchedResult(t *testing.T) {
	in := wbTestInput(wbTestDataset(), "en")
	in.Result.Scores = in.Result.Scores[:2]
	if err := WriteWorkbook(io.Discard, in); err == nil {
		t.Error("WriteWorkbook accepted 2 scores for 7 customers")
	}
	if err := WriteWorkbook(io.Discard, &Input{}); err == nil {
		t.Error("WriteWorkbook accepted an input without a result")
	}
}

// TestWorkbookGolden compares every sheet, as Excel would show its cells,
// with testdata/workbook_<locale>.golden. Run with -update-workbook after a
// deliberate change and review the diff.
func TestWorkbookGolden(t *testing.T) {
	for _, locale := range []string{"en", "zh-CN"} {
		t.Run(locale, func(t *testing.T) {
			f, _ := wbOpen(t, wbTestInput(wbTestDataset(), locale))
			var b strings.Builder
			for _, sheet := range f.GetSheetList() {
				fmt.Fprintf(&b, "== %s\n", sheet)
				rows, err := f.GetRows(sheet)
				if err != nil {
					t.Fatal(err)
				}
				for _, row := range rows {
					fmt.Fprintf(&b, "%q\n", row)
				}
			}
			path := filepath.Join("testdata", "workbook_"+locale+".golden")
			if *updateWorkbook {
				if err := os.MkdirAll("testdata", 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -run WorkbookGolden -update-workbook to create it)", err)
			}
			if got := b.String(); got != string(want) {
				t.Errorf("%s differs from the workbook; run with -update-workbook and review the diff\n%s", path, wbFirstDiff(got, string(want)))
			}
		})
	}
}

func wbFirstDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := 0; i < max(len(g), len(w)); i++ {
		var a, b string
		if i < len(g) {
			a = g[i]
		}
		if i < len(w) {
			b = w[i]
		}
		if a != b {
			return fmt.Sprintf("line %d:\n got  %s\n want %s", i+1, a, b)
		}
	}
	return ""
}

// wbSyntheticDataset makes n customers with three attribute columns, about a
// fifth of them non-buyers, from a fixed seed.
func wbSyntheticDataset(n int) *analysis.Dataset {
	rng := rand.New(rand.NewPCG(1, 2))
	provinces := []string{"Zhejiang", "Jiangsu", "Guangdong", "Beijing", "Shanghai", "Sichuan", "广东", "浙江"}
	ds := &analysis.Dataset{AsOf: wbTestAsOf, AttrNames: []string{"province", "gender", "channel"},
		Customers: make([]analysis.Customer, n)}
	for i := range ds.Customers {
		c := &ds.Customers[i]
		c.ID = fmt.Sprintf("C%07d", i)
		c.Name = fmt.Sprintf("Customer %d", i)
		c.Email = fmt.Sprintf("customer%d@example.com", i)
		c.Phone = fmt.Sprintf("+86 138 %04d %04d", i/10000, i%10000)
		c.RegisteredAt = wbTestAsOf.AddDate(0, 0, -rng.IntN(1500)-30)
		c.Attrs = []string{provinces[rng.IntN(len(provinces))], []string{"F", "M", ""}[rng.IntN(3)], []string{"web", "app", "store"}[rng.IntN(3)]}
		if rng.IntN(5) == 0 {
			continue
		}
		c.Orders = 1 + int(rng.ExpFloat64()*3)
		c.OrderDays = c.Orders
		c.Gross = math.Round(float64(c.Orders)*(20+rng.ExpFloat64()*120)*100) / 100
		if rng.IntN(10) == 0 {
			c.Refunds = math.Round(c.Gross*rng.Float64()*100) / 100
		}
		c.LastOrder = wbTestAsOf.AddDate(0, 0, -rng.IntN(700))
		c.FirstOrder = c.LastOrder.AddDate(0, 0, -rng.IntN(400))
	}
	return ds
}

func BenchmarkWriteWorkbook100k(b *testing.B) {
	in := wbTestInput(wbSyntheticDataset(100_000), "en")
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if err := WriteWorkbook(io.Discard, in); err != nil {
			b.Fatal(err)
		}
	}
}
