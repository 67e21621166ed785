package html

import (
	"bytes"
	"fmt"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/custseg/custseg/analysis/btyd"
	"github.com/custseg/custseg/reports"
	"github.com/custseg/custseg/reports/email"
	"github.com/custseg/custseg/reports/reportstest"

	"github.com/custseg/custseg/analysis"
	"github.com/custseg/custseg/templates"
)

func render(t *testing.T, in *reports.Input) string {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, in); err != nil {
		t.Fatalf("WriteHTML: %v", err)
	}
	dumpOptions(t, buf.String())
	return buf.String()
}

// wantCharts is the ids of the charts a report of in must draw, in
// page order, worked out from the input rather than from the page code.
func wantCharts(in *reports.Input) []string {
	res := in.Result
	ids := []string{chartSegments, chartRF, chartPareto, chartTiers, chartPyramid,
		chartStatus, chartChurnTrend, chartLifecycle}
	if res.Models.Usable {
		ids = append(ids, chartPAlive, chartCLV)
	}
	if b := &res.Models.Backtest; b.Skipped == "" && !b.CalibrationEnd.IsZero() {
		if len(b.Tracking.Actual) > 0 {
			ids = append(ids, chartTracking)
		}
		if len(b.ByFrequency) > 0 {
			ids = append(ids, chartCalibration)
		}
	}
	if len(res.Clusters.Profiles) > 0 {
		ids = append(ids, chartClusters)
	}
	for a := range res.Characteristics {
		if res.Characteristics[a].Spread().LeftOut == "" {
			ids = append(ids, chartCharPrefix+strconv.Itoa(a+1))
		}
	}
	if res.Migration.PreviousAsOf != "" {
		ids = append(ids, chartMigration)
	}
	if len(res.Cohorts) > 0 {
		ids = append(ids, chartCohorts)
	}
	return ids
}

// withoutECharts returns the page without the inlined echarts script,
// which has URLs (SVG namespaces) and the word NaN in its code.
func withoutECharts(t *testing.T, page string) string {
	t.Helper()
	if n := strings.Count(page, templates.EChartsJS); n != 1 {
		t.Fatalf("echarts script inlined %d times, want 1", n)
	}
	return strings.Replace(page, templates.EChartsJS, "", 1)
}

// specs returns the chart options of a page (the page script's specs).
func specs(t *testing.T, page string) string {
	t.Helper()
	i := strings.Index(page, "var specs = ")
	if i < 0 {
		t.Fatal("no chart specs in page")
	}
	specs := page[i:]
	return specs[:strings.Index(specs, "\n] || [];")]
}

var (
	externalRef = regexp.MustCompile(`(?i)\b(src|href|srcset|action|poster|data)\s*=\s*["']?\s*(https?:|//|ftp:)|url\(\s*["']?\s*(https?:|//)|@import`)
	containerRE = regexp.MustCompile(`<div class="chart" id="([^"]+)"`)
	specIDRE    = regexp.MustCompile(`\{"id":"([^"]+)","option":\{`)
)

// checkPage checks what every rendered report of in must satisfy: each
// chart has its container and its option and there are no others, the page
// is offline, and no NaN, infinity or unfilled verb shows.
func checkPage(t *testing.T, in *reports.Input, page string) {
	t.Helper()
	want := wantCharts(in)
	var containers, specs []string
	for _, m := range containerRE.FindAllStringSubmatch(page, -1) {
		containers = append(containers, m[1])
	}
	for _, m := range specIDRE.FindAllStringSubmatch(page, -1) {
		specs = append(specs, m[1])
	}
	if strings.Join(containers, " ") != strings.Join(want, " ") {
		t.Errorf("chart containers\n %v\nwant\n %v", containers, want)
	}
	if strings.Join(specs, " ") != strings.Join(want, " ") {
		t.Errorf("chart options\n %v\nwant\n %v", specs, want)
	}
	if !strings.Contains(page, `<html lang="`+reports.Lang(in.Locale)+`">`) {
		t.Errorf("no <html lang=%q>", reports.Lang(in.Locale))
	}
	// A string that only echarts.min.js 5.6.0 holds, with its licence header.
	for _, s := range []string{`"5.6.0"`, "Licensed to the Apache Software Foundation", "echarts"} {
		if !strings.Contains(page, s) {
			t.Errorf("inlined echarts: %q missing", s)
		}
	}
	if m := externalRef.FindString(page); m != "" {
		t.Errorf("external reference in page: %q", m)
	}
	rest := withoutECharts(t, page)
	for _, s := range []string{"http://", "https://", "NaN", "Infinity", "%!", "<no value>", "__custseg_fn", "__f__", "ZgotmplZ"} {
		if i := strings.Index(rest, s); i >= 0 {
			t.Errorf("page (without echarts) contains %q: …%s…", s, rest[max(i-80, 0):min(i+80, len(rest))])
		}
	}
	// Only the page's own script elements may close.
	if got, want := strings.Count(strings.ToLower(page), "</script"), strings.Count(strings.ToLower(page), "<script"); got != want {
		t.Errorf("%d </script for %d <script>: data broke out of a script", got, want)
	}
	for _, s := range []string{"data-charts-ok", "data-js-error", "@media print", "size: A4", "PRINT_WIDTH = 676", "@media (max-width: 640px)"} {
		if !strings.Contains(page, s) {
			t.Errorf("page lacks %q", s)
		}
	}
}

func TestWriteHTMLEnglish(t *testing.T) {
	in := reportstest.Input(t, reportstest.Shop(), "en")
	page := render(t, in)
	checkPage(t, in, page)
	k := in.Result.KPIs
	for _, s := range []string{
		"<title>Customer segmentation report · weekly</title>",
		"Data as of", "2026-09-30", "2026-09-30 07:00 UTC", "Run 20260930-0700",
		"Customers</div><div class=\"value\">16<",
		"Net revenue, all time</div><div class=\"value\">" + reports.MoneyShort("¥", k.NetRevenue, "en") + "<",
		"Average order value", "Repeat-purchase rate", "Top-20% value share", "Churn rate", "Active customers",
		"Save now", "Win back",
		"What changed, what to do", "This is the first run",
		"Customer segments", "Recency × frequency", "Value concentration (Pareto curve)", "Value tiers", "Churn status",
		"Customer pyramid", "Churn rate over time", "The trend starts with the next run", "Lifecycle stages",
		"Build trust: a smooth first experience",
		"First run: nothing to compare yet.",
		"What to do next", "Suggested action", "Champions",
		"The top 20% of buyers bring " + reports.Pct(k.Top20Share) + " of value",
	} {
		if !strings.Contains(page, s) {
			t.Errorf("page lacks %q", s)
		}
	}
	if strings.Contains(page, "客户分群报告") {
		t.Error("English page has Chinese title")
	}
	if !strings.Contains(page, `data-label="Buyers"`) {
		t.Error("table cells lack data-label for the phone layout")
	}
}

func TestWriteHTMLChinese(t *testing.T) {
	in := reportstest.HtmlTestFull(t, 2000, "zh-CN", reportstest.HtmlFull{Previous: true, Models: true})
	page := render(t, in)
	checkPage(t, in, page)
	for _, s := range []string{
		"<title>客户分群报告 · weekly</title>", "数据截至", "关键指标", "变化与行动", "与上次运行（2026-09-23）相比",
		"客户分群", "近度 × 频度", "价值集中度（帕累托曲线）", "价值分层", "流失状态",
		"客户价值金字塔", "铂金客户", "流失率趋势", "客户生命周期", "考察期", "建立信任",
		"客户仍活跃的概率", "预测客户终身价值", "数据中的客户群（聚类）", "按省份统计的客户", "按性别统计的客户",
		"与上次运行相比的客群流动", "新客户留存（同期群）", "立即挽留", "流失召回",
		"下一步行动", "建议行动", "复购率", "流失率", "活跃客户", "重要价值客户（冠军）",
		`"name":"购买客户占比"`, `"name":"客户占比"`, "大客户", "个百分点", "（未填写）",
	} {
		if !strings.Contains(page, s) {
			t.Errorf("page lacks %q", s)
		}
	}
	for _, s := range []string{"Customer segments", "What to do next", "Churn status", "Since the last run", "first run",
		"Customer pyramid", "Lifecycle stages", "(not given)", "buyers"} {
		if strings.Contains(withoutECharts(t, page), s) {
			t.Errorf("Chinese page has English %q", s)
		}
	}
}

// The four combinations of a first or later run and usable or failed
// models, in both languages.
func TestWriteHTMLRunsAndModels(t *testing.T) {
	for _, prev := range []bool{false, true} {
		for _, models := range []bool{false, true} {
			for _, loc := range []string{"en", "zh-CN"} {
				name := "first"
				if prev {
					name = "previous"
				}
				name += map[bool]string{false: "/nomodels", true: "/models"}[models] + "/" + loc
				t.Run(name, func(t *testing.T) {
					in := reportstest.HtmlTestFull(t, 1500, loc, reportstest.HtmlFull{Previous: prev, Models: models})
					page := render(t, in)
					checkPage(t, in, page)
					has := func(s string, want bool) {
						t.Helper()
						if strings.Contains(page, s) != want {
							t.Errorf("page contains %q: %v, want %v", s, !want, want)
						}
					}
					has(reports.Label("reports.MigFirstRun").In(loc), !prev)
					has(reports.Label("reports.FirstRun").In(loc), !prev)
					has(reports.Format("reports.VsPrevious", loc, "2026-09-23"), prev)
					has(`class="change good"`, prev)
					has(`class="change bad"`, prev)
					has(reports.Why(btyd.ErrNotConverged.Error(), loc), !models)
					has(reports.Label("reports.KpiNameCLV").In(loc)+"</div>", models)
					has(reports.Label("html.colCLV").In(loc)+"</th>", models)
					has(reports.Label("html.pyrTextCLV").In(loc), models)
					has(reports.Label("html.pyrTextValue").In(loc), !models)
					if prev {
						m := in.Result.Migration
						has(reports.Format("html.migHighlight", loc, "2026-09-23", reports.Int(m.MovedUp), reports.Int(m.MovedDown),
							reports.Int(m.Same), reports.Int(m.New), reports.Int(m.Lost)), true)
						// The trend has five points: four earlier runs and this one.
						specs := specs(t, page)
						if !strings.Contains(specs, `"data":["2026-09-02","2026-09-09","2026-09-16","2026-09-23","2026-09-30"]`) {
							t.Error("churn trend lacks the five run dates")
						}
					}
				})
			}
		}
	}
}

func TestWriteHTMLNarrative(t *testing.T) {
	tests := []struct {
		name, loc string
		o         reportstest.HtmlFull
		want      []string
	}{
		{"first-en", "en", reportstest.HtmlFull{Models: true}, []string{
			"This is the first run, so there is nothing to compare with yet:",
			"of the buyers who were active 90 days ago, 8.3% have churned since;",
			"key or important customers are slipping away, with ¥",
			"Top action: contact the customers of the Save now list"}},
		{"previous-en", "en", reportstest.HtmlFull{Previous: true, Models: true}, []string{
			"Since the last run (2026-09-23), ",
			"all-time net revenue rose 2.1% to ¥",
			"the churn rate rose 1.2 pp to ",
			"” brings the most value: "}},
		{"previous-zh", "zh-CN", reportstest.HtmlFull{Previous: true}, []string{
			"与上次运行（2026-09-23）相比，", "累计净收入上升 2.1%，至 ¥", "90 天前仍活跃的购买客户中，已有 8.3% 流失",
			"首要行动："}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := reportstest.HtmlTestFull(t, 1500, tt.loc, tt.o)
			got := reports.ReportNarrative(in, tt.loc)
			if len(got) < 3 || len(got) > 6 {
				t.Errorf("%d sentences, want 3 to 6: %q", len(got), got)
			}
			all := strings.Join(got, " ")
			for _, s := range tt.want {
				if !strings.Contains(all, s) {
					t.Errorf("narrative lacks %q:\n%s", s, all)
				}
			}
			// The same input gives the same words.
			if again := strings.Join(reports.ReportNarrative(in, tt.loc), " "); again != all {
				t.Errorf("narrative not deterministic:\n%s\n%s", all, again)
			}
			page := render(t, in)
			for _, s := range got {
				if !strings.Contains(page, "<p>"+reportstest.EscapeText(s)+"</p>") {
					t.Errorf("page lacks sentence %q", s)
				}
			}
		})
	}
}

func TestReportKPIChanges(t *testing.T) {
	in := reportstest.HtmlTestFull(t, 1500, "en", reportstest.HtmlFull{Previous: true, Models: true})
	kpis := map[string]reports.KPI{}
	for _, k := range reports.ReportKPIs(in, "en") {
		kpis[k.Label] = k
	}
	tests := []struct {
		label, arrow, tone, change string
	}{
		{"Net revenue, all time", "▲", "good", "+2.1% (+¥"},
		{"Customers", "▲", "good", "+60 ("},
		{"Churn rate", "▲", "bad", "+1.2 pp"}, // the period's: 7.1% → 8.3%
		{"Active customers", "▼", "bad", "−12 ("},
		{"Save now customers", "▲", "bad", "+9 ("},
		{"Top-20% value share", "＝", "flat", "no change"},
	}
	for _, tt := range tests {
		k, ok := kpis[tt.label]
		if !ok {
			t.Errorf("no KPI %q", tt.label)
			continue
		}
		if k.Arrow != tt.arrow || k.Tone != tt.tone || !strings.HasPrefix(k.Change, tt.change) {
			t.Errorf("%s: %s %s %q, want %s %s %q…", tt.label, k.Arrow, k.Tone, k.Change, tt.arrow, tt.tone, tt.change)
		}
	}

	// Without the previous KPIs, the changes come from KPIDeltas.
	in.Result.Migration.PrevKPIs = nil
	for _, k := range reports.ReportKPIs(in, "en") {
		switch k.Label {
		case "Net revenue, all time":
			if !strings.HasPrefix(k.Change, "+2.1% (+¥") {
				t.Errorf("net revenue from KPIDeltas: %q", k.Change)
			}
		default:
			if k.Change != "" {
				t.Errorf("%s: change %q without a previous value", k.Label, k.Change)
			}
		}
	}
}

func TestWriteHTMLEmpty(t *testing.T) {
	tests := []struct {
		name string
		ds   *analysis.Dataset
	}{
		{"no customers", &analysis.Dataset{AsOf: reportstest.AsOf}},
		{"no buyers", &analysis.Dataset{AsOf: reportstest.AsOf, Customers: []analysis.Customer{{ID: "a"}, {ID: "b"}}}},
	}
	for _, tt := range tests {
		for _, loc := range []string{"en", "zh-CN"} {
			t.Run(tt.name+"/"+loc, func(t *testing.T) {
				in := reportstest.Input(t, tt.ds, loc)
				page := render(t, in)
				checkPage(t, in, page)
				for _, want := range []string{reports.Label("reports.NoBuyers").In(loc), reports.Label("reports.NarrNoBuyers").In(loc), reports.Label("reports.SaveNowNone").In(loc), reports.Label("html.winBackNone").In(loc),
					`"text":"` + reports.Label("html.noData").In(loc) + `"`} {
					if !strings.Contains(page, want) {
						t.Errorf("page lacks %q", want)
					}
				}
			})
		}
	}
}

// Operator-defined names and customer data reach the page; markup in them
// must stay text, and braces must not become echarts templates.
func TestWriteHTMLEscapesNames(t *testing.T) {
	for _, loc := range []string{"en", "zh-CN"} {
		t.Run(loc, func(t *testing.T) {
			in := reportstest.HtmlTestFull(t, 1500, loc, reportstest.HtmlFull{Previous: true, Models: true, Hostile: true})
			in.NamesInReport = true
			page := render(t, in)
			checkPage(t, in, page)
			rest := withoutECharts(t, page)
			for _, s := range []string{"<script>alert(1)", "<img src=x", `"'>`} {
				if strings.Contains(rest, s) {
					t.Errorf("page contains unescaped %q", s)
				}
			}
			// Escaped in the HTML: a customer name in the risk table, a
			// segment name in the actions table, the job in the header.
			for _, s := range []string{
				"&lt;script&gt;alert(1)&lt;/script&gt; (c",
				"&#34;&#39;&gt;&lt;img src=x onerror=1&gt;",
				"&lt;script&gt;alert(1)&lt;/script&gt;</td>",
				"{a|b}",
			} {
				if !strings.Contains(rest, s) {
					t.Errorf("page lacks escaped %q", s)
				}
			}
			// In chart options: JSON-escaped markup, braces replaced.
			specs := specs(t, page)
			if strings.Contains(specs, "{a|b}") {
				t.Error("chart options contain {a|b} unchanged")
			}
			for _, s := range []string{`\u003cscript\u003ealert(1)\u003c/script\u003e`, `(a|b)`, `\"'\u003e\u003cimg src=x onerror=1\u003e`} {
				if !strings.Contains(specs, s) {
					t.Errorf("chart options lack %s", s)
				}
			}
		})
	}
}

// No value that is not a number reaches the page, whatever the analysis
// hands over.
func TestWriteHTMLNonFinite(t *testing.T) {
	in := reportstest.HtmlTestFull(t, 800, "en", reportstest.HtmlFull{Previous: true, Models: true})
	res := in.Result
	nan, inf := math.NaN(), math.Inf(1)
	res.KPIs.NetRevenue, res.KPIs.AvgOrderValue, res.KPIs.CLV, res.KPIs.PeriodChurnRate = nan, inf, analysis.Opt(nan), nan
	res.Migration.PrevKPIs.RepeatRate = nan
	res.Concentration.Gini = nan
	for i := range res.Scores[:50] {
		res.Scores[i].PAlive, res.Scores[i].CLV, res.Scores[i].KeepValue = nan, inf, nan
	}
	res.Segments[0].ValueShare, res.Segments[1].Share = nan, inf
	res.Pyramid[0].CLVShare, res.Lifecycle[0].Share = nan, inf
	res.Clusters.Profiles[0].MeanRecency, res.Clusters.Silhouette = nan, inf
	res.Characteristics[0].Values[0].ValueShare = nan
	res.Cohorts[0].Retention[1] = nan
	in.History[0].KPIs.PeriodChurnRate = inf
	checkPage(t, in, render(t, in))
}

func TestWriteHTMLNoResult(t *testing.T) {
	if err := Write(&bytes.Buffer{}, &reports.Input{}); err == nil {
		t.Error("WriteHTML without a result: no error")
	}
}

func TestHTMLFormat(t *testing.T) {
	tests := []struct{ got, want string }{
		{reports.Int(0), "0"},
		{reports.Int(999), "999"},
		{reports.Int(1234567), "1,234,567"},
		{reports.Int(-1234), "-1,234"},
		{reports.Money("¥", 12.5), "¥12.50"},
		{reports.Money("$", 999.996), "$1,000.00"},
		{reports.Money("¥", 1234567.4), "¥1,234,567"},
		{reports.Money("¥", -2500), "-¥2,500"},
		{reports.Pct(0), "0.0%"},
		{reports.Pct(0.6234), "62.3%"},
		{reports.Pct(1), "100.0%"},
		{reports.Pct(math.NaN()), "—"},
		{reports.MoneyShort("¥", 45_700_000, "en"), "¥45.7M"},
		{reports.MoneyShort("¥", 45_700_000, "zh-CN"), "¥4,570万"},
		{reports.MoneyShort("¥", 123_456_789, "zh-CN"), "¥1.2亿"},
		{reports.MoneyShort("¥", 12_345, "zh-CN"), "¥1.2万"},
		{reports.MoneyShort("¥", 9_500, "zh-CN"), "¥9,500"},
		{reports.MoneyShort("$", 950_000, "en"), "$950k"},
		{reports.MoneyShort("$", 999_700, "en"), "$1M"},
		{reports.MoneyShort("$", 1_000, "en"), "$1k"},
		{reports.MoneyShort("$", 45.6, "en"), "$45.60"},
		{reports.MoneyShort("$", 450, "en"), "$450"},
		{reports.MoneyShort("$", -2_500_000, "en"), "-$2.5M"},
		{reports.MoneyShort("$", math.Inf(1), "en"), "—"},
		{reports.RelChange(0.021), "+2.1%"},
		{reports.RelChange(-0.034), "−3.4%"},
		{reports.RelChange(0.00001), "0.0%"},
		{reports.Points(0.004, "en"), "+0.4 pp"},
		{reports.Points(-0.012, "zh-CN"), "−1.2 个百分点"},
	}
	for i, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("case %d: got %q, want %q", i, tt.got, tt.want)
		}
	}
}

func TestHTMLCLVEdges(t *testing.T) {
	tests := []struct {
		vals []float64
		want []float64
	}{
		{nil, nil},
		{[]float64{0, 0}, nil},
		// 5th percentile 14.5 → from 10; 95th 413 → up to 500, on 1–2.5–5.
		{seq(12, 480, 100), []float64{10, 25, 50, 100, 250, 500}},
		// Six decades: the eight edges below the top, 2,500 to 500,000.
		{seq(1.5, 900_000, 400), []float64{2500, 5000, 10_000, 25_000, 50_000, 100_000, 250_000, 500_000}},
		// Most values near zero (churned buyers, as in the demo): the
		// edges still step down from the top, and the first band, from 0
		// to ¥2.50, holds the near-zero values; no edge shows as ¥0.00.
		{append(slices.Repeat([]float64{1e-5}, 900), seq(30, 2000, 100)...),
			[]float64{2.5, 5, 10, 25, 50, 100, 250, 500}},
	}
	for i, tt := range tests {
		got := clvEdges(tt.vals)
		if len(got) != len(tt.want) {
			t.Errorf("case %d: edges %v, want %v", i, got, tt.want)
			continue
		}
		for k := range got {
			if math.Abs(got[k]-tt.want[k]) > 1e-9*tt.want[k] {
				t.Errorf("case %d: edges %v, want %v", i, got, tt.want)
				break
			}
		}
	}
}

// seq is n values from lo to hi on a log scale, sorted.
func seq(lo, hi float64, n int) []float64 {
	out := make([]float64, n)
	for i := range out {
		out[i] = lo * math.Pow(hi/lo, float64(i)/float64(n-1))
	}
	return out
}

// The charts follow the page's date: the report says which run it is.
func TestWriteHTMLAsOfFromResult(t *testing.T) {
	in := reportstest.Input(t, reportstest.Shop(), "en")
	in.AsOf = time.Time{}
	if page := render(t, in); !strings.Contains(page, "<dd>2026-09-30</dd>") {
		t.Error("as-of date not taken from the result")
	}
}

// By default the report and the management email carry no personal data:
// no customer's name, email or phone appears, only ids.
func TestNoPersonalDataByDefault(t *testing.T) {
	in := reportstest.HtmlTestFull(t, 1500, "en", reportstest.HtmlFull{Previous: true, Models: true})
	for i := range in.Dataset.Customers {
		c := &in.Dataset.Customers[i]
		c.Name, c.Email, c.Phone = fmt.Sprintf("Zed Person%05d", i), fmt.Sprintf("zed%05d@mail.example", i), fmt.Sprintf("+86 139%08d", i)
	}
	page := render(t, in)
	_, mhtml, mtext, err := email.Management(in)
	if err != nil {
		t.Fatal(err)
	}
	for name, out := range map[string]string{"report": page, "management email": mhtml + mtext} {
		for _, s := range []string{"Zed Person", "@mail.example", "+86 139"} {
			if strings.Contains(out, s) {
				t.Errorf("%s contains personal data %q", name, s)
			}
		}
	}
	if len(in.Result.SaveNow) == 0 || !strings.Contains(page, ">"+in.Dataset.Customers[in.Result.SaveNow[0].Index].ID+"<") {
		t.Errorf("the risk table does not list customers by id")
	}
}
