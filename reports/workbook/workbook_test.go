package workbook

import (
	"archive/zip"
	"bytes"
	"cmp"
	"flag"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/custseg/custseg/reports"
	"github.com/custseg/custseg/reports/reportstest"

	"github.com/xuri/excelize/v2"

	"github.com/custseg/custseg/analysis"
)

// The flag is not plain -update so that it cannot clash with another golden
// test of this package.
var updateWorkbook = flag.Bool("update-workbook", false, "rewrite testdata/workbook_*.golden")

// wbFormulaName and the other wbFormula* texts look like formulas; the
// workbook must keep them as text.
const ()

// open writes in and reads the result back.
func open(t testing.TB, in *reports.Input) (*excelize.File, []byte) {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, in); err != nil {
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
	sheetsEn = []string{"Summary", "Customers", "Champions", "Can't Lose Them", "Segments", "Value tiers", "Pyramid",
		"Churn and lifecycle", "Save now", "Win back", "Clusters", "Characteristics", "Common needs", "Migration",
		"Cohorts", "Data quality", "Model", "Definitions", "About"}
	sheetsZh = []string{"概览", "客户明细", "重要价值客户（冠军）", "不能失去的客户", "客户分群", "价值分层", "客户金字塔",
		"流失与生命周期", "立即挽留", "流失召回", "聚类分析", "客户特征", "共同需求", "客户迁移",
		"同期群", "数据质量", "预测模型", "指标定义", "关于本报告"}
	// customerHeadersEn are the Customers sheet's columns of wbTestDataset.
	customerHeadersEn = []string{"Customer id", "Name", "Email", "Phone", "Registered", "province", "gender",
		"First order", "Last order", "Days since last order", "Frequency", "Monetary (net)",
		"Value (net revenue)", "R score", "F score", "M score", "FM score",
		"Segment", "Value tier", "Churn status", "Orders", "Gross", "Refunds",
		"Days between purchases", "Lifecycle stage", "P(alive)", "Expected next order", "Expected purchases (52 weeks)",
		"Expected spend per purchase", "CLV (12 months)", "Value to keep / year", "Pyramid tier", "Cluster",
		"Discount share", "Buying behaviour"}
	// segmentHeadersEn are a segment sheet's columns of wbTestDataset: the
	// Customers sheet's a campaign works with (segmentColumns).
	segmentHeadersEn = []string{"Customer id", "Name", "Email", "Phone", "province", "gender",
		"Last order", "Days since last order", "Frequency", "Monetary (net)",
		"Value (net revenue)", "R score", "F score", "M score", "Value tier", "Churn status",
		"P(alive)", "Expected next order", "CLV (12 months)", "Value to keep / year",
		"Discount share", "Buying behaviour"}
)

func TestWorkbookSheetNamesAreValid(t *testing.T) {
	for _, names := range [][]string{sheetsEn, sheetsZh} {
		for _, n := range names {
			if len([]rune(n)) > 31 || strings.ContainsAny(n, `[]:*?/\`) || n == "" {
				t.Errorf("sheet name %q is not valid in Excel", n)
			}
		}
	}
}

// cellCheck is one expected cell: in sheet, the row whose column key holds
// keyText, column col must read want (formatted as Excel shows it).
type cellCheck struct {
	sheet, key, keyText, col, want string
}

func TestWorkbook(t *testing.T) {
	noBuyers := &analysis.Dataset{AsOf: reportstest.WorkbookAsOf, AttrNames: []string{"province"},
		Customers: []analysis.Customer{{ID: "n1", Name: "Nia", Attrs: []string{"Hubei"}}, {ID: "n2", Refunds: 10, Attrs: []string{""}}}}
	tests := []struct {
		name      string
		in        *reports.Input
		sheets    []string
		customers int
		charts    int
		headers   map[string][]string // sheet → header row (row 3), from column A
		cells     []cellCheck
	}{
		{
			name: "en", in: reportstest.WorkbookInput(reportstest.WorkbookDataset(), "en"), sheets: sheetsEn, customers: 7, charts: 3,
			headers: map[string][]string{
				"Summary":         {"Measure", "Value", "Change since last run", "What it means"},
				"Customers":       customerHeadersEn,
				"Champions":       segmentHeadersEn,
				"Can't Lose Them": segmentHeadersEn,
				"Segments": {"Segment", "Customers", "Share of buyers", "Value", "Share of value",
					"Avg days since last order", "Avg frequency", "Avg monetary", "Avg order value",
					"Share of all customers", "Distinctness", "Too small to act on", "Stability", "Score rule", "Suggested action"},
				"Value tiers":         {"Value tier", "Customers", "Share of buyers", "Value", "Share of value", "Lowest value", "Highest value"},
				"Pyramid":             {"Pyramid tier", "Who", "Customers", "Share of buyers", "Value", "Share of value", "CLV", "Share of CLV"},
				"Churn and lifecycle": {"Churn status", "Customers", "Share of customers", "Value", "Rule"},
				"Save now": {"Rank", "Customer id", "Name", "Email", "Phone", "Value tier", "Segment", "Churn status",
					"Why on this list", "Last order", "Days since last order", "Value (net revenue)", "P(alive)", "CLV", "Value to keep / year"},
				"Clusters": {"Cluster", "Name", "Customers", "Share of buyers", "Share of value", "Avg days since last order",
					"Avg frequency", "Avg monetary", "Avg days as a customer"},
				"Characteristics": {"Attribute", "Attribute value", "Customers", "Buyers", "Share of customers", "Value",
					"Share of value", "Champions", "Loyal"},
				"Common needs": {"Grouping", "Group", "Customers", "Top categories (share of value)", "Channel mix",
					"Discount share", "Avg order value", "Repeat-purchase rate", "Avg categories bought", "Deal seekers",
					"Relationship customers", "Suggested action"},
				"Migration":    {"This is the first run: there is no earlier run to compare with yet. The next run will show who moved between segments."},
				"Cohorts":      {"First purchase month", "Buyers"},
				"Data quality": {"What", "Rows", "Rule applied"},
				"Model":        {"Section", "Item", "Value", "What it means"},
				"Definitions":  {"Topic", "Term", "Definition"},
				"About":        {"Section", "Item", "Value"},
			},
			cells: []cellCheck{
				// KPIs, worked out by hand on wbTestDataset.
				{"Summary", "A", "Customers", "B", "7"},
				{"Summary", "A", "Buyers, all time", "B", "5"},
				{"Summary", "A", "Orders, all time", "B", "17"},
				{"Summary", "A", "Gross revenue", "B", "$6,550.00"},
				{"Summary", "A", "Refunds", "B", "$170.00"},
				{"Summary", "A", "Net revenue, all time", "B", "$6,380.00"},
				{"Summary", "A", "Average order value", "B", "$385.29"}, // 6550 / 17
				{"Summary", "A", "Repeat-purchase rate", "B", "60.0%"},
				// c4 bought twice 60 days apart: 107 quiet days are within
				// 2 × its rhythm, so it is active, not at risk.
				{"Summary", "A", "Active customers", "B", "4"},
				{"Summary", "A", "Lapsing customers", "B", "0"},
				{"Summary", "A", "Churned customers", "B", "1"},
				// 1 churned of 5 buyers is a share, not the churn rate,
				// which this run did not measure (no recent window).
				{"Summary", "A", "Churned customers", "D", "Buyers in the churn status Churned (not bought for a long time): 20% of all buyers ever. A share of buyers, not the churn rate."},
				{"Summary", "A", "Churn rate", "B", ""},
				{"Summary", "A", "Churn rate", "C", "first run"},
				// Five buyers are too few for the models: no model numbers.
				{"Summary", "A", "Expected purchases", "B", ""},
				{"Summary", "A", "Predicted lifetime value", "B", ""},
				{"Summary", "A", "Job", "B", "weekly"},
				{"Summary", "A", "As-of date", "B", "2024-06-30"},
				{"Summary", "A", "Customers", "D", "Everyone in the customer list, whether or not they bought."},
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
				// 2023-01-10 to 2024-06-25 is 532 days over 8 gaps.
				{"Customers", "A", "c1", "X", "66.5"},
				{"Customers", "A", "c1", "Y", "Stability"},
				{"Customers", "A", "c1", "Z", ""}, // models not usable: blank, not 0
				{"Customers", "A", "c1", "AD", ""},
				{"Customers", "A", "c2", "L", "$800.00"},
				{"Customers", "A", "c3", "B", "陈静"},
				{"Customers", "A", "c3", "T", "Churned"},
				{"Customers", "A", "c3", "Y", "Ended"},
				{"Customers", "A", "c4", "T", "Active"},
				{"Customers", "A", "c5", "I", ""},
				{"Customers", "A", "c5", "J", ""},
				{"Customers", "A", "c5", "N", ""},
				{"Customers", "A", "c5", "R", "—"},
				{"Customers", "A", "c5", "S", "—"},
				{"Customers", "A", "c5", "T", "Prospect (never bought)"},
				{"Customers", "A", "c5", "Y", "—"},
				{"Customers", "A", "c5", "AE", ""},
				{"Customers", "A", "c6", "S", "No net value"},
				{"Customers", "A", "c7", "L", "-$20.00"},
				{"Customers", "A", "c7", "W", "$20.00"},
				// The segment sheets: champions holds c1, can't lose nobody.
				{"Champions", "A", "c1", "B", "Alice"},
				{"Champions", "A", "c1", "O", "Key"},
				{"Can't Lose Them", "A", "No customer is in this segment in this run.", "B", ""},
				// Segments: the one champion, and the rule text.
				{"Segments", "A", "Champions", "B", "1"},
				{"Segments", "A", "Champions", "C", "20.0%"},
				{"Segments", "A", "Champions", "N", "R 5, FM 4–5; Active"},
				{"Segments", "A", "Loyal", "N", "R 3–4, FM 4–5; Active or Lapsing"},
				// Value tiers: c1 alone holds 5000 of 6400 (78.1%).
				{"Value tiers", "A", "Key", "B", "1"},
				{"Value tiers", "A", "Key", "E", "78.1%"},
				{"Value tiers", "A", "No net value", "B", "1"},
				{"Value tiers", "A", "Value measure", "B", "Net revenue (purchases minus refunds)"},
				// Pyramid by value without models: c1 is the top 1%.
				{"Pyramid", "A", "Platinum", "B", "The top 1% of buyers"},
				{"Pyramid", "A", "Platinum", "C", "1"},
				{"Pyramid", "A", "Platinum", "G", ""},
				{"Pyramid", "A", "Lead", "B", "The rest (80%)"},
				{"Pyramid", "A", "Ranked by", "B", "Historical value: the purchase and spend models could not both be used in this run (see the Model sheet)"},
				// Churn and lifecycle.
				{"Churn and lifecycle", "A", "Churned", "B", "1"},
				{"Churn and lifecycle", "A", "Prospect (never bought)", "B", "2"},
				{"Churn and lifecycle", "A", "Active", "E", "A buyer whose days since the last purchase are at most 2 × their usual days between purchases (never less than 30 days); a one-time buyer: at most 90 days."},
				{"Churn and lifecycle", "A", "Ended", "B", "1"},
				{"Churn and lifecycle", "A", "Ended", "H", "Try a low-cost reactivation, or let them go."},
				{"Churn and lifecycle", "A", "Churn rate", "C", "Not measured: the purchases of the recent period were not extracted."},
				// c3 is churned but a small customer: nobody of high value.
				{"Save now", "A", "No key or important customer is slipping away.", "B", ""},
				{"Clusters", "A", "Cluster", "B", "Name"},
				{"Migration", "A", "This is the first run: there is no earlier run to compare with yet. The next run will show who moved between segments.", "B", ""},
				{"Cohorts", "A", "No cohorts in this run: the monthly purchases were not extracted, or nobody bought.", "B", ""},
				// Data quality: source rows first, unknown keys as themselves.
				{"Data quality", "A", "Order rows returned by orders.sql", "B", "25"},
				{"Data quality", "A", "Order rows with a negative amount (refunds)", "B", "3"},
				{"Data quality", "A", "Order rows with a negative amount (refunds)", "C", "Netted against the customer's value; not counted as purchases."},
				{"Data quality", "A", "mystery_check", "B", "1"},
				{"Data quality", "A", "mystery_check", "C", ""},
				{"Model", "B", "Models used", "C", "no"},
				{"Model", "B", "Time unit", "C", "7 days"},
				{"Model", "B", "Monthly discount rate", "C", "1.0%"},
				{"Definitions", "B", "Champions", "C", "Buyers with R 5, FM 4–5; Active. Suggested action: Reward them: early access, loyalty perks, ask for reviews and referrals; no discounts needed."},
				{"Definitions", "B", "Key", "C", "Buyers ranked from the most valuable down; the ones whose value, added up from the top, falls in 0%–50% of all value."},
				{"Definitions", "B", "Equal values", "A", "RFM"},
				{"Definitions", "B", "Deal seeker", "C", "A buyer whose discount share is at least 20%."},
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
			name: "zh-CN", in: reportstest.WorkbookInput(reportstest.WorkbookDataset(), "zh-CN"), sheets: sheetsZh, customers: 7, charts: 3,
			headers: map[string][]string{
				"概览":    {"指标", "数值", "较上次变化", "含义"},
				"客户分群":  {"客户分群", "客户数", "占购买客户比例", "价值", "占总价值比例", "平均距最近购买天数", "平均购买频次", "平均消费金额", "平均订单金额", "占全部客户比例", "区分度", "规模过小", "稳定性", "评分规则", "建议行动"},
				"客户金字塔": {"金字塔层级", "划分规则", "客户数", "占购买客户比例", "价值", "占总价值比例", "客户终身价值", "占终身价值比例"},
				"数据质量":  {"检查项", "行数", "处理规则"},
				"预测模型":  {"类别", "项目", "数值", "含义"},
				"指标定义":  {"主题", "术语", "定义"},
			},
			cells: []cellCheck{
				{"概览", "A", "客户数", "B", "7"},
				{"概览", "A", "客户数", "C", "首次运行"},
				{"概览", "A", "复购率", "B", "60.0%"},
				{"客户明细", "A", "c1", "R", "重要价值客户（冠军）"},
				{"客户明细", "A", "c1", "S", "大客户"},
				{"客户明细", "A", "c1", "T", "活跃"},
				{"客户明细", "A", "c1", "Y", "稳定期"},
				{"客户明细", "A", "c1", "AF", "铂金客户"},
				{"客户明细", "A", "c5", "T", "潜在（未购买）"},
				{"客户明细", "A", "客户编号", "B", "姓名"},
				{"重要价值客户（冠军）", "A", "c1", "B", "Alice"},
				{"不能失去的客户", "A", "本次运行中没有客户属于该分群。", "B", ""},
				{"价值分层", "A", "大客户", "B", "1"},
				{"客户金字塔", "A", "铂金客户", "B", "价值最高的 1% 购买客户"},
				{"流失与生命周期", "A", "考察期", "H", "建立信任：确保良好的首次体验，并用激励促成第一次复购。"},
				{"立即挽留", "A", "目前没有正在流失的大客户或重要客户。", "B", ""},
				{"客户迁移", "A", "这是第一次运行：还没有可以比较的上一次结果。下次运行时将显示客户在分群之间的迁移。", "B", ""},
				{"数据质量", "A", "mystery_check", "B", "1"},
				{"预测模型", "B", "模型是否使用", "C", "否"},
				{"指标定义", "B", "优惠敏感型", "C", "折扣占比不低于 20% 的购买客户。"},
				{"关于本报告", "A", "警告", "C", "无"},
			},
		},
		{
			name: "empty", in: reportstest.WorkbookInput(&analysis.Dataset{AsOf: reportstest.WorkbookAsOf}, "en"), sheets: sheetsEn,
			headers: map[string][]string{
				"Customers": {"Customer id", "Name", "Email", "Phone", "Registered", "First order", "Last order"},
				"Segments":  {"Segment", "Customers"},
			},
			cells: []cellCheck{
				{"Summary", "A", "Customers", "B", "0"},
				{"Summary", "A", "Average order value", "B", "$0.00"},
				{"Summary", "A", "Gini coefficient", "B", "0.000"},
				{"Segments", "A", "Champions", "B", "0"},
				{"Segments", "A", "Champions", "F", "0.00"},
				{"Value tiers", "A", "Key", "F", "$0.00"},
				{"Champions", "A", "No customer is in this segment in this run.", "B", ""},
				{"Clusters", "A", "Cluster", "B", "Name"},
			},
		},
		{
			name: "no buyers", in: reportstest.WorkbookInput(noBuyers, "en"), sheets: sheetsEn, customers: 2,
			cells: []cellCheck{
				{"Summary", "A", "Buyers, all time", "B", "0"},
				{"Summary", "A", "Refunds", "B", "$10.00"},
				{"Customers", "A", "n1", "F", "Hubei"},
				{"Customers", "A", "n1", "Q", "—"},
				{"Customers", "A", "n2", "K", "-$10.00"},
			},
		},
		{
			name: "rich en", in: reportstest.RichInput("en", true, true), sheets: sheetsEn, customers: 8, charts: 3,
			headers: map[string][]string{
				"Summary":   {"Measure", "Value", "Change since\n2024-06-23", "What it means"},
				"Migration": {"Movement", "Customers", "What it means"},
				"Cohorts":   {"First purchase month", "Buyers", "Month 0", "Month 1", "Month 2"},
			},
			cells: []cellCheck{
				{"Summary", "A", "Customers", "C", "+2"},
				{"Summary", "A", "Net revenue, all time", "C", "+$400.00"},
				{"Summary", "A", "Repeat-purchase rate", "C", "+16.7 pp"},
				{"Summary", "A", "Expected purchases", "B", "12.3"},
				{"Summary", "A", "Predicted lifetime value", "B", "$4,567.89"},
				{"Summary", "A", "Save now customers", "B", "2"},
				{"Summary", "A", "Churn rate", "B", "25.0%"},
				{"Customers", "A", "c1", "Z", "92.0%"},
				{"Customers", "A", "c1", "AB", "6.50"},
				{"Customers", "A", "c1", "AC", "$480.00"},
				{"Customers", "A", "c1", "AD", "$2,950.50"},
				{"Customers", "A", "c1", "AF", "Platinum"},
				{"Customers", "A", "c1", "AG", "1. Recent, frequent buyers"},
				{"Customers", "A", "c1", "AH", "2.0%"},
				{"Customers", "A", "c1", "AI", "Relationship"},
				{"Customers", "A", "c5", "Z", ""},       // never bought: no model numbers
				{"Customers", "A", "c2", "AD", "$0.00"}, // NaN
				{"Customers", "A", "c6", "AD", "$0.00"}, // +Inf
				{"Segments", "A", "Champions", "J", "12.5%"},
				{"Segments", "A", "Champions", "K", "0.620"},
				{"Segments", "A", "Champions", "M", "80.0%"},
				{"Segments", "A", "Lost", "L", "yes"},
				{"Segments", "A", "Lost", "M", ""}, // stability −1: blank
				{"Pyramid", "A", "Platinum", "G", "$2,950.50"},
				{"Pyramid", "A", "Ranked by", "B", "Predicted customer lifetime value (CLV)"},
				{"Churn and lifecycle", "A", "Churn rate", "B", "25.0%"},
				{"Save now", "A", "1", "C", `=HYPERLINK("http://x","click")`},
				{"Save now", "A", "1", "M", "15.0%"},
				{"Save now", "A", "2", "B", "c2"},
				{"Clusters", "A", "1", "B", "Recent, frequent buyers"},
				{"Clusters", "B", "0.410", "D", "✓"},
				{"Clusters", "A", "2", "B", "Lapsed, occasional buyers"},
				{"Characteristics", "B", "Zhejiang", "C", "2"},
				{"Characteristics", "B", "(not given)", "A", "province"},
				{"Characteristics", "B", "Other (3 values)", "D", "1"},
				{"Characteristics", "B", "25–34", "A", "age band (birth_date)"},
				{"Characteristics", "B", "under 25", "C", "2"},
				{"Characteristics", "B", "(unknown)", "A", "age band (birth_date)"},
				{"Characteristics", "B", "All 6 given values (mostly distinct: free text or identifiers)", "A", "note"},
				{"Characteristics", "B", "Zhejiang", "H", "1"},
				{"Common needs", "B", "Champions", "D", "服装 42%, 美妆 20%"},
				{"Common needs", "B", "Champions", "E", "app 60%, web 30%, Other 10%"},
				{"Common needs", "B", "Champions", "L", "Reward them: early access, loyalty perks, ask for reviews and referrals; no discounts needed."},
				{"Common needs", "B", "Key", "A", "Value tier"},
				{"Migration", "A", "Moved up", "B", "1"},
				{"Migration", "A", "No longer buying", "B", "2"},
				{"Migration", "A", "Compared with the run of", "B", "2024-06-23"},
				{"Migration", "A", "Loyal", "B", "1"},
				{"Migration", "A", "Not a buyer / not present", "D", "3"},
				{"Migration", "A", "Customers", "B", "6"},
				{"Migration", "A", "Customers", "D", "+2"},
				{"Cohorts", "A", "2023-01", "D", "0.0%"},
				{"Cohorts", "A", "2023-03", "D", "50.0%"},
				{"Cohorts", "A", "2023-03", "E", ""},
				{"Model", "B", "Models used", "C", "yes"},
				{"Model", "B", "r", "C", "0.243"},
				{"Model", "B", "v (γ)", "C", "15.440"},
			},
		},
		{
			name: "rich zh-CN, models not usable", in: reportstest.RichInput("zh-CN", false, false), sheets: sheetsZh, customers: 8, charts: 3,
			headers: map[string][]string{
				"概览": {"指标", "数值", "较上次变化", "含义"},
				"客户明细": {"客户编号", "姓名", "邮箱", "电话", "注册日期", "省份", "性别", "首次购买日期", "最近购买日期",
					"距最近购买天数", "购买频次", "消费金额（净额）", "客户价值（净收入）", "R 得分", "F 得分", "M 得分", "FM 得分",
					"客户分群", "价值层级", "流失状态", "订单数", "购买总额", "退款金额", "平均购买间隔（天）", "生命周期阶段",
					"仍活跃概率", "预计下次购买日期", "预期购买次数（52 周）", "预期单次消费", "客户终身价值（12 个月）", "可挽留的年价值",
					"金字塔层级", "聚类", "折扣占比", "购买行为", "上次所属分群", "自上次运行后新进入该分群", "可通过邮件联系"},
				"客户分群":    {"客户分群", "客户数", "占购买客户比例", "价值", "占总价值比例", "平均距最近购买天数", "平均购买频次", "平均消费金额", "平均订单金额", "占全部客户比例", "区分度", "规模过小", "稳定性", "评分规则", "建议行动"},
				"价值分层":    {"价值层级", "客户数", "占购买客户比例", "价值", "占总价值比例", "最低价值", "最高价值"},
				"客户金字塔":   {"金字塔层级", "划分规则", "客户数", "占购买客户比例", "价值", "占总价值比例", "客户终身价值", "占终身价值比例"},
				"流失与生命周期": {"流失状态", "客户数", "占全部客户比例", "价值", "判定规则"},
				"立即挽留":    {"排名", "客户编号", "姓名", "邮箱", "电话", "价值层级", "客户分群", "流失状态", "列入原因", "最近购买日期", "距最近购买天数", "客户价值（净收入）", "仍活跃概率", "客户终身价值", "可挽留的年价值"},
				"聚类分析":    {"聚类", "名称", "客户数", "占购买客户比例", "占总价值比例", "平均距最近购买天数", "平均购买频次", "平均消费金额", "平均成为客户天数"},
				"客户特征":    {"属性", "属性值", "客户数", "购买客户数", "占全部客户比例", "价值", "占总价值比例", "重要价值客户（冠军）", "忠诚客户"},
				"共同需求":    {"分组方式", "组别", "客户数", "主要品类（价值占比）", "渠道构成", "折扣占比", "平均订单金额", "复购率", "平均购买品类数", "优惠敏感型客户", "关系型客户", "建议行动"},
				"客户迁移":    {"这是第一次运行：还没有可以比较的上一次结果。下次运行时将显示客户在分群之间的迁移。"},
				"同期群":     {"首次购买月份", "客户数", "第 0 月", "第 1 月", "第 2 月"},
				"数据质量":    {"检查项", "行数", "处理规则"},
				"预测模型":    {"类别", "项目", "数值", "含义"},
				"指标定义":    {"主题", "术语", "定义"},
				"关于本报告":   {"类别", "项目", "内容"},
			},
			cells: []cellCheck{
				{"客户分群", "A", "重要价值客户（冠军）", "B", "1"},
				{"价值分层", "A", "重要客户", "B", "1"},
				{"同期群", "A", "2023-03", "D", "50.0%"},
				{"流失与生命周期", "A", "已流失", "B", "1"},
				{"数据质量", "A", "金额为负的订单行（退款）", "B", "3"},
				{"关于本报告", "B", "运行编号", "C", "20240630-0001"},
				{"指标定义", "B", "铂金客户", "C", "价值最高的 1% 购买客户，按历史价值排序。"},
				{"概览", "A", "客户数", "C", "首次运行"},
				{"概览", "A", "预期购买次数", "B", ""},
				{"客户明细", "A", "c1", "Z", ""},
				{"客户明细", "A", "c1", "AD", ""},
				{"客户明细", "A", "c1", "AE", "$120.00"}, // rule-based: still there
				{"客户明细", "A", "c1", "AI", "关系型客户"},
				{"客户金字塔", "A", "排序依据", "B", "历史价值：本次运行购买模型与消费模型未能同时使用（见“预测模型”表）"},
				{"立即挽留", "A", "1", "M", ""},
				{"聚类分析", "A", "1", "B", "近期购买、高频客户群"},
				{"客户特征", "B", "（未填写）", "A", "省份"},
				{"客户特征", "B", "其他（3 个值）", "D", "1"},
				{"客户特征", "B", "25 岁以下", "A", "年龄段（出生日期）"},
				{"共同需求", "B", "重要价值客户（冠军）", "E", "app 60%, web 30%, 其他 10%"},
				{"共同需求", "B", "大客户", "A", "价值层级"},
				{"预测模型", "B", "模型是否使用", "C", "否"},
				{"预测模型", "B", "未使用原因", "C", "参数估计跑到边界或未能稳定"},
			},
		},
	}
	noClusters := reportstest.RichInput("en", true, true)
	noClusters.Result.Clusters = analysis.Clusters{Error: analysis.ErrTooFewPoints.Error()}
	noClusters.Result.Cohorts = nil
	noClusters.Result.SaveNow = nil
	tests = append(tests, struct {
		name      string
		in        *reports.Input
		sheets    []string
		customers int
		charts    int
		headers   map[string][]string
		cells     []cellCheck
	}{
		name: "no clusters, cohorts or customers at risk", in: noClusters, sheets: sheetsEn, customers: 8, charts: 3,
		cells: []cellCheck{
			{"Clusters", "A", "No clustering in this run: too few customers, or too few distinct ones, for it", "B", ""},
			{"Cohorts", "A", "No cohorts in this run: the monthly purchases were not extracted, or nobody bought.", "B", ""},
			{"Save now", "A", "No key or important customer is slipping away.", "B", ""},
		},
	})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, raw := open(t, tt.in)
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
			customers := tt.sheets[1]
			rows, err := f.GetRows(customers)
			if err != nil {
				t.Fatal(err)
			}
			if got := len(rows) - headerRow; got != tt.customers {
				t.Errorf("%s: %d customer rows, want %d", customers, got, tt.customers)
			}
			checkTables(t, f, raw, tt.sheets, tt.customers)
			checkNoNaN(t, f)
			if got := countParts(t, raw, "xl/charts/chart"); got != tt.charts {
				t.Errorf("%d charts, want %d", got, tt.charts)
			}
		})
	}
}

// checkTables checks every sheet's layout: title, explanation, frozen panes
// below the header row, an autofilter from the header, and fitted widths.
func checkTables(t *testing.T, f *excelize.File, raw []byte, sheets []string, customers int) {
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
		if first, _ := f.GetCellValue(sheet, "A3"); strings.HasPrefix(first, "This is the first run") || strings.HasPrefix(first, "这是第一次运行") {
			continue // the Migration sheet of a first run: one line, no table
		}
		p, err := f.GetPanes(sheet)
		if err != nil || !p.Freeze || p.YSplit != headerRow || p.TopLeftCell != "A4" {
			t.Errorf("%s: panes %+v, %v; want frozen below row %d", sheet, p, err, headerRow)
		}
		if ref := filters[sheet]; !strings.Contains(ref, "!$A$3:") && !strings.Contains(ref, "!A3:") {
			t.Errorf("%s: autofilter %q, want one from A3", sheet, ref)
		}
		xml := sheetXML(t, raw, i+1)
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

func checkNoNaN(t *testing.T, f *excelize.File) {
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

// findRow returns the first row whose cell in col reads text, or 0.
func findRow(t *testing.T, f *excelize.File, sheet, col, text string) int {
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

func zipFiles(t testing.TB, raw []byte) []*zip.File {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(raw), int64(len(raw)))
	if err != nil {
		t.Fatal(err)
	}
	return z.File
}

func countParts(t testing.TB, raw []byte, prefix string) int {
	n := 0
	for _, zf := range zipFiles(t, raw) {
		if strings.HasPrefix(zf.Name, prefix) {
			n++
		}
	}
	return n
}

// sheetXML returns xl/worksheets/sheet<n>.xml; excelize numbers the
// sheets in the order they were created, which is the workbook's order.
func sheetXML(t testing.TB, raw []byte, n int) string {
	t.Helper()
	return wbPart(t, raw, fmt.Sprintf("xl/worksheets/sheet%d.xml", n))
}

func TestWorkbookSummaryLinks(t *testing.T) {
	f, _ := open(t, reportstest.WorkbookInput(reportstest.WorkbookDataset(), "en"))
	rows, err := f.GetRows("Summary")
	if err != nil {
		t.Fatal(err)
	}
	contents := findRow(t, f, "Summary", "A", "Contents")
	for _, target := range sheetsEn[1:] {
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
		if want := quoteSheet(target) + "!A1"; err != nil || !ok || link != want {
			t.Errorf("Summary!A%d link = %v %q %v, want %q", row, ok, link, err, want)
		}
	}
}

// wbPart returns one part of the .xlsx zip as text.
func wbPart(t testing.TB, raw []byte, name string) string {
	t.Helper()
	for _, zf := range zipFiles(t, raw) {
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
	_, raw := open(t, reportstest.WorkbookInput(reportstest.WorkbookDataset(), "en"))
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

func TestWorkbookColourScales(t *testing.T) {
	for _, tt := range []struct {
		name  string
		in    *reports.Input
		sheet string
		want  map[string]string // range → type; nil: no conditional format
	}{
		// R, F and M scores are columns N..P; 7 customers in rows 4..10.
		{"scores", reportstest.WorkbookInput(reportstest.WorkbookDataset(), "en"), "Customers", map[string]string{"N4:P10": "3_color_scale"}},
		{"segment sheet", reportstest.WorkbookInput(reportstest.WorkbookDataset(), "en"), "Champions", map[string]string{"L4:N4": "3_color_scale"}},
		{"empty segment sheet", reportstest.WorkbookInput(reportstest.WorkbookDataset(), "en"), "Can't Lose Them", nil},
		// P(alive) is column Z, only with usable models; 8 customers.
		{"P(alive)", reportstest.RichInput("en", true, false), "Customers", map[string]string{"N4:P11": "3_color_scale", "Z4:Z11": "3_color_scale"}},
		{"no P(alive)", reportstest.RichInput("en", false, false), "Customers", map[string]string{"N4:P11": "3_color_scale"}},
		{"P(alive) at risk", reportstest.RichInput("en", true, false), "Save now", map[string]string{"M4:M5": "3_color_scale"}},
		// Retention from month 1 (column D) on; two cohorts.
		{"cohorts", reportstest.RichInput("en", true, false), "Cohorts", map[string]string{"D4:E5": "3_color_scale"}},
		{"migration", reportstest.RichInput("en", true, true), "Migration", map[string]string{"B14:D16": "2_color_scale"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			f, _ := open(t, tt.in)
			cf, err := f.GetConditionalFormats(tt.sheet)
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]string{}
			for ref, opts := range cf {
				for _, o := range opts {
					got[ref] = o.Type
				}
			}
			if len(got) != len(tt.want) {
				t.Errorf("%s: conditional formats %v, want %v", tt.sheet, got, tt.want)
			}
			for ref, typ := range tt.want {
				if got[ref] != typ {
					t.Errorf("%s: conditional formats %v, want %s on %s", tt.sheet, got, typ, ref)
				}
			}
		})
	}
}

// TestWorkbookFormulaTextStaysText writes a customer whose name, email,
// phone and attributes look like formulas and checks that every sheet
// that lists them holds them as plain text, and that the workbook has no
// formula anywhere.
func TestWorkbookFormulaTextStaysText(t *testing.T) {
	in := reportstest.RichInput("en", true, true)
	in.SegmentSheets = []string{"at_risk"} // c8's segment
	f, raw := open(t, in)
	for _, c := range []struct{ sheet, key, col, want string }{
		{"Customers", "c8", "B", reportstest.FormulaName},
		{"Customers", "c8", "C", reportstest.FormulaEmail},
		{"Customers", "c8", "D", reportstest.FormulaPhone},
		{"Customers", "c8", "F", reportstest.FormulaAttr},
		{"Customers", "c8", "G", "=1+1"},
		{"At Risk", "c8", "B", reportstest.FormulaName},
		{"At Risk", "c8", "D", reportstest.FormulaPhone},
		{"Save now", "c8", "C", reportstest.FormulaName},
		{"Save now", "c8", "D", reportstest.FormulaEmail},
		{"Save now", "c8", "E", reportstest.FormulaPhone},
	} {
		col := "A"
		if c.sheet == "Save now" {
			col = "B"
		}
		row := findRow(t, f, c.sheet, col, c.key)
		if row == 0 {
			t.Errorf("%s: no row of %s", c.sheet, c.key)
			continue
		}
		ref := fmt.Sprintf("%s%d", c.col, row)
		typ, err := f.GetCellType(c.sheet, ref)
		if err != nil || (typ != excelize.CellTypeInlineString && typ != excelize.CellTypeSharedString) {
			t.Errorf("%s!%s: cell type %v, %v; want text", c.sheet, ref, typ, err)
		}
		if formula, _ := f.GetCellFormula(c.sheet, ref); formula != "" {
			t.Errorf("%s!%s: formula %q", c.sheet, ref, formula)
		}
		if got, _ := f.GetCellValue(c.sheet, ref); got != c.want {
			t.Errorf("%s!%s = %q, want %q", c.sheet, ref, got, c.want)
		}
	}
	for _, zf := range zipFiles(t, raw) {
		if strings.HasPrefix(zf.Name, "xl/worksheets/sheet") {
			if xml := wbPart(t, raw, zf.Name); strings.Contains(xml, "<f>") || strings.Contains(xml, "<f ") {
				t.Errorf("%s holds a formula", zf.Name)
			}
		}
	}
}

func TestSanitizeSheetName(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"Champions", "Champions"},
		{"Key/VIP: [top]*?", "Key_VIP_ _top___"},
		{`a\b`, "a_b"},
		{"'Quoted'", "Quoted"},
		{"  spaced  ", "spaced"},
		{"tab\there", "tab here"},
		{"History", "History_"},
		{"history", "history_"},
		{"A segment name that is far too long for Excel", "A segment name that is far too"},
		{"重要价值客户（冠军）", "重要价值客户（冠军）"},
		{strings.Repeat("客", 40), strings.Repeat("客", 31)},
		{strings.Repeat("😀", 20), strings.Repeat("😀", 15)}, // 2 UTF-16 units each
		{"[]:*?/\\", "_______"},
		{"''", ""},
	} {
		if got := sanitizeSheetName(tt.in); got != tt.want {
			t.Errorf("sanitizeSheetName(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	var u sheetNames
	for _, tt := range []struct{ in, fallback, want string }{
		{"Segments", "x", "Segments"},
		{"segments", "x", "segments (2)"},
		{"Segments", "x", "Segments (3)"},
		{"''", "fallback", "fallback"},
		{"", "", "Sheet"},
		{strings.Repeat("b", 31), "", strings.Repeat("b", 31)},
		{strings.Repeat("b", 40), "", strings.Repeat("b", 27) + " (2)"},
	} {
		if got := u.take(tt.in, tt.fallback); got != tt.want {
			t.Errorf("take(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestWorkbookSegmentSheetNames gives segments names Excel would refuse
// or that clash with other sheets, and checks the sheets they get.
func TestWorkbookSegmentSheetNames(t *testing.T) {
	ds := reportstest.WorkbookDataset()
	p := analysis.DefaultParams()
	rules := p.RFM.Segments
	rules[0].Name = "Key/VIP: [top]*?"      // champions
	rules[1].Name = "segments"              // loyal: clashes with the Segments sheet
	rules[2].Name = "'Quoted'"              // potential loyalist
	rules[3].Name = strings.Repeat("N", 40) // new
	rules[4].Name = "History"               // promising
	rules[5].Name = "[]:*?/\\"              // need attention: nothing left but underscores
	in := reportstest.WorkbookInput(ds, "en")
	in.Result = analysis.Analyze(ds, p)
	in.Analysis = p
	in.SegmentSheets = []string{"champions", "loyal", "potential_loyalist", "new", "promising", "need_attention"}
	f, _ := open(t, in)
	want := slices.Concat(sheetsEn[:2], []string{"Key_VIP_ _top___", "segments (2)", "Quoted",
		strings.Repeat("N", 31), "History_", "_______"}, sheetsEn[4:])
	got := f.GetSheetList()
	if !slices.Equal(got, want) {
		t.Fatalf("sheets = %q, want %q", got, want)
	}
	seen := map[string]bool{}
	for _, n := range got {
		if len([]rune(n)) > 31 || strings.ContainsAny(n, `[]:*?/\`) || n == "" || seen[strings.ToLower(n)] {
			t.Errorf("sheet name %q is not valid or not unique", n)
		}
		seen[strings.ToLower(n)] = true
	}
	// The sheets are linked from the Summary and keep their titles.
	for _, n := range want[2:8] {
		row := findRow(t, f, "Summary", "A", n)
		ok, link, _ := f.GetCellHyperLink("Summary", fmt.Sprintf("A%d", row))
		if row == 0 || !ok || link != quoteSheet(n)+"!A1" {
			t.Errorf("Summary: link to %q: row %d, %v %q", n, row, ok, link)
		}
	}
	if title, _ := f.GetCellValue("Key_VIP_ _top___", "A1"); title != "Key/VIP: [top]*?" {
		t.Errorf("segment sheet title %q, want the segment's own name", title)
	}
}

// TestWorkbookSegmentSheetOrder checks that a segment sheet lists exactly
// the segment's customers, the most valuable first.
func TestWorkbookSegmentSheetOrder(t *testing.T) {
	in := reportstest.WorkbookInput(syntheticDataset(3000), "en")
	in.SegmentSheets = []string{"lost", "champions"}
	f, _ := open(t, in)
	for _, key := range in.SegmentSheets {
		k := slices.IndexFunc(in.Result.Segments, func(g analysis.SegmentSummary) bool { return g.Rule.Key == key })
		g := in.Result.Segments[k]
		rows, err := f.GetRows(reports.SegmentName(g.Rule, "en"), excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		data := rows[headerRow:]
		if len(data) != g.Customers || g.Customers < 10 {
			t.Fatalf("%s: %d rows, want its %d customers (at least 10)", reports.SegmentName(g.Rule, "en"), len(data), g.Customers)
		}
		// The sheet has no segment column (segmentColumns): its rows are
		// exactly the segment's customers.
		members := map[string]bool{}
		for i, s := range in.Result.Scores {
			if int(s.Segment) == k {
				members[in.Dataset.Customers[i].ID] = true
			}
		}
		value := slices.Index(rows[headerRow-1], "Value (net revenue)")
		prev := math.Inf(1)
		for _, r := range data {
			v, err := strconv.ParseFloat(r[value], 64)
			if err != nil || v > prev || !members[r[0]] {
				t.Fatalf("%s: row %q: value %v after %v, in the segment %v", reports.SegmentName(g.Rule, "en"), r[0], v, prev, members[r[0]])
			}
			prev = v
			delete(members, r[0])
		}
		if len(members) > 0 {
			t.Errorf("%s: %d customers of the segment missing", reports.SegmentName(g.Rule, "en"), len(members))
		}
	}
}

// TestWorkbookModelColumns checks the model columns of the Customers
// sheet: filled for buyers with usable models, blank (not 0) otherwise.
func TestWorkbookModelColumns(t *testing.T) {
	for _, usable := range []bool{true, false} {
		t.Run(fmt.Sprint("usable=", usable), func(t *testing.T) {
			in := reportstest.RichInput("en", usable, false)
			f, _ := open(t, in)
			for i, c := range in.Dataset.Customers {
				row := headerRow + 1 + i
				for _, col := range []string{"Z", "AB", "AC", "AD"} {
					ref := fmt.Sprintf("%s%d", col, row)
					v, _ := f.GetCellValue("Customers", ref)
					if want := usable && c.IsBuyer(); (v != "") != want {
						t.Errorf("%s (%s, buyer %v) = %q, want filled %v", ref, c.ID, c.IsBuyer(), v, want)
					}
				}
			}
		})
	}
}

// TestWorkbookPageSetup checks that the small sheets print landscape, one
// page wide, and that the sheets with a row per customer are left alone.
func TestWorkbookPageSetup(t *testing.T) {
	f, _ := open(t, reportstest.RichInput("en", true, true))
	for _, sheet := range sheetsEn {
		opts, err := f.GetPageLayout(sheet)
		if err != nil {
			t.Fatal(err)
		}
		props, _ := f.GetSheetProps(sheet)
		wide := sheet == "Customers" || sheet == "Champions" || sheet == "Can't Lose Them"
		landscape := opts.Orientation != nil && *opts.Orientation == "landscape"
		fit := props.FitToPage != nil && *props.FitToPage && opts.FitToWidth != nil && *opts.FitToWidth == 1
		if landscape == wide || fit == wide {
			t.Errorf("%s: landscape %v, fit to width %v", sheet, landscape, fit)
		}
	}
}

// TestWorkbookMarginAndNaN checks the margin KPI and value measure with
// cost, and that NaN or infinite numbers in a result become 0, not text.
func TestWorkbookMarginAndNaN(t *testing.T) {
	ds := reportstest.WorkbookDataset()
	ds.HasCost = true
	for i := range ds.Customers {
		ds.Customers[i].Cost = ds.Customers[i].Gross / 2
	}
	in := reportstest.WorkbookInput(ds, "en")
	in.Result.KPIs.Gini = math.NaN()
	in.Result.Concentration.Top20Share = math.Inf(1)
	in.Result.Segments[0].AvgRecency = math.Inf(-1)
	in.Result.Scores[0].Monetary = math.NaN()
	f, _ := open(t, in)
	checkNoNaN(t, f)
	for _, c := range []cellCheck{
		{"Summary", "A", "Margin", "B", "$3,105.00"}, // 6380 - 6550/2
		{"Summary", "A", "Gini coefficient", "B", "0.000"},
		{"Value tiers", "A", "Value measure", "B", "Margin (net revenue minus cost)"},
		{"Value tiers", "A", "Top-20% value share", "C", "20% of buyers bring 0.0% of the value."},
		{"Customers", "A", "c1", "L", "$0.00"},
	} {
		row := findRow(t, f, c.sheet, c.key, c.keyText)
		got, _ := f.GetCellValue(c.sheet, fmt.Sprintf("%s%d", c.col, row))
		if row == 0 || got != c.want {
			t.Errorf("%s: row of %q column %s = %q, want %q", c.sheet, c.keyText, c.col, got, c.want)
		}
	}
}

// TestWorkbookCapsSegmentSheets lowers the rows per sheet to check that a
// segment sheet with more customers than a sheet holds shows the most
// valuable of them and says so.
func TestWorkbookCapsSegmentSheets(t *testing.T) {
	defer func(n int) { customerSheetRows = n }(customerSheetRows)
	customerSheetRows = 10
	in := reportstest.WorkbookInput(syntheticDataset(3000), "en")
	in.SegmentSheets = []string{"lost"}
	k := slices.IndexFunc(in.Result.Segments, func(g analysis.SegmentSummary) bool { return g.Rule.Key == "lost" })
	g := in.Result.Segments[k]
	var top []float64
	for i, s := range in.Result.Scores {
		if int(s.Segment) == k {
			top = append(top, reports.Num(in.Result.Scores[i].Value))
		}
	}
	slices.SortFunc(top, func(a, b float64) int { return cmp.Compare(b, a) })
	f, _ := open(t, in)
	rows, err := f.GetRows(reports.SegmentName(g.Rule, "en"), excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	value := slices.Index(rows[headerRow-1], "Value (net revenue)")
	if data := rows[headerRow:]; len(data) != 10 || g.Customers <= 10 {
		t.Fatalf("%d rows of the segment's %d customers, want 10", len(data), g.Customers)
	} else if v, _ := strconv.ParseFloat(data[9][value], 64); v != top[9] {
		t.Errorf("the tenth row's value %v, want the tenth highest %v", v, top[9])
	}
	want := fmt.Sprintf("this one shows the 10 most valuable of the segment's %s customers", reports.Int(g.Customers))
	if !strings.Contains(rows[explainRow-1][0], want) {
		t.Errorf("explanation %q lacks %q", rows[explainRow-1][0], want)
	}
}

// TestWorkbookSplitsCustomers lowers the rows per sheet to check that
// customers beyond one sheet continue on "Customers (2)" and so on.
func TestWorkbookSplitsCustomers(t *testing.T) {
	defer func(n int) { customerSheetRows = n }(customerSheetRows)
	customerSheetRows = 3
	f, raw := open(t, reportstest.WorkbookInput(reportstest.WorkbookDataset(), "en"))
	want := slices.Concat(sheetsEn[:2], []string{"Customers (2)", "Customers (3)"}, sheetsEn[2:])
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
		if xml := sheetXML(t, raw, i+2); !strings.Contains(xml, fmt.Sprintf(`<autoFilter ref="$A$3:$AL$%d"`, headerRow+len(data))) {
			t.Errorf("%s: no autofilter over its %d rows", c.sheet, len(data))
		}
	}
	if row := findRow(t, f, "Summary", "A", "Customers (3)"); row == 0 {
		t.Error("Summary does not list Customers (3)")
	}
}

func TestWorkbookRejectsMismatchedResult(t *testing.T) {
	in := reportstest.WorkbookInput(reportstest.WorkbookDataset(), "en")
	in.Result.Scores = in.Result.Scores[:2]
	if err := Write(io.Discard, in); err == nil {
		t.Error("WriteWorkbook accepted 2 scores for 7 customers")
	}
	if err := Write(io.Discard, &reports.Input{}); err == nil {
		t.Error("WriteWorkbook accepted an input without a result")
	}
}

// TestWorkbookGolden compares every sheet, as Excel would show its cells,
// with testdata/workbook_<locale>.golden. Run with -update-workbook after a
// deliberate change and review the diff.
func TestWorkbookGolden(t *testing.T) {
	for _, tt := range []struct {
		name string
		in   func() *reports.Input
	}{
		{"en", func() *reports.Input { return reportstest.WorkbookInput(reportstest.WorkbookDataset(), "en") }},
		{"zh-CN", func() *reports.Input { return reportstest.WorkbookInput(reportstest.WorkbookDataset(), "zh-CN") }},
		{"rich_en", func() *reports.Input { return reportstest.RichInput("en", true, true) }},
		{"rich_zh-CN", func() *reports.Input { return reportstest.RichInput("zh-CN", true, true) }},
	} {
		t.Run(tt.name, func(t *testing.T) {
			f, _ := open(t, tt.in())
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
			path := filepath.Join("testdata", "workbook_"+tt.name+".golden")
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
				t.Errorf("%s differs from the workbook; run with -update-workbook and review the diff\n%s", path, firstDiff(got, string(want)))
			}
		})
	}
}

func firstDiff(got, want string) string {
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

// syntheticDataset makes n customers with three attribute columns, about a
// fifth of them non-buyers, from a fixed seed.
func syntheticDataset(n int) *analysis.Dataset {
	rng := rand.New(rand.NewPCG(1, 2))
	provinces := []string{"Zhejiang", "Jiangsu", "Guangdong", "Beijing", "Shanghai", "Sichuan", "广东", "浙江"}
	ds := &analysis.Dataset{AsOf: reportstest.WorkbookAsOf, AttrNames: []string{"province", "gender", "channel"},
		Customers: make([]analysis.Customer, n)}
	for i := range ds.Customers {
		c := &ds.Customers[i]
		c.ID = fmt.Sprintf("C%07d", i)
		c.Name = fmt.Sprintf("Customer %d", i)
		c.Email = fmt.Sprintf("customer%d@example.com", i)
		c.Phone = fmt.Sprintf("+86 138 %04d %04d", i/10000, i%10000)
		c.RegisteredAt = analysis.DateOf(reportstest.WorkbookAsOf.AddDate(0, 0, -rng.IntN(1500)-30))
		c.Attrs = []string{provinces[rng.IntN(len(provinces))], []string{"F", "M", ""}[rng.IntN(3)], []string{"web", "app", "store"}[rng.IntN(3)]}
		if rng.IntN(5) == 0 {
			continue
		}
		c.Orders = 1 + int32(rng.ExpFloat64()*3)
		c.OrderDays = c.Orders
		c.Gross = math.Round(float64(c.Orders)*(20+rng.ExpFloat64()*120)*100) / 100
		if rng.IntN(10) == 0 {
			c.Refunds = math.Round(c.Gross*rng.Float64()*100) / 100
		}
		c.LastOrder = analysis.DateOf(reportstest.WorkbookAsOf.AddDate(0, 0, -rng.IntN(700)))
		c.FirstOrder = analysis.DateOf(c.LastOrder.Time().AddDate(0, 0, -rng.IntN(400)))
	}
	return ds
}

func BenchmarkWriteWorkbook100k(b *testing.B) {
	in := reportstest.WorkbookInput(syntheticDataset(100_000), "en")
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if err := Write(io.Discard, in); err != nil {
			b.Fatal(err)
		}
	}
}
