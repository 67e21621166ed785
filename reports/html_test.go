package reports

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/custseg/custseg/analysis"
	"github.com/custseg/custseg/templates"
)

// htmlTestShop is a small hand-made shop: buyers spread over recency and
// frequency, one refund, one buyer refunded in full and two customers who
// never bought.
func htmlTestShop() *analysis.Dataset {
	asOf := time.Date(2026, 9, 30, 0, 0, 0, 0, time.UTC)
	day := func(daysAgo int) time.Time { return asOf.AddDate(0, 0, -daysAgo) }
	buyer := func(id string, orders int, gross, refunds float64, first, last int) analysis.Customer {
		return analysis.Customer{ID: id, Name: "Customer " + id, Orders: orders, OrderDays: orders,
			Gross: gross, Refunds: refunds, FirstOrder: day(first), LastOrder: day(last)}
	}
	return &analysis.Dataset{
		AsOf: asOf,
		Customers: []analysis.Customer{
			buyer("c01", 24, 18400, 0, 700, 3),
			buyer("c02", 15, 9100, 300, 650, 12),
			buyer("c03", 9, 4200, 0, 500, 25),
			buyer("c04", 6, 2600, 0, 400, 40),
			buyer("c05", 1, 180, 0, 5, 5),
			buyer("c06", 2, 310, 0, 60, 20),
			buyer("c07", 12, 7600, 0, 720, 200),
			buyer("c08", 8, 3900, 0, 600, 150),
			buyer("c09", 3, 640, 0, 400, 120),
			buyer("c10", 1, 90, 0, 300, 300),
			buyer("c11", 2, 220, 0, 500, 420),
			buyer("c12", 1, 150, 150, 90, 90), // refunded in full
			buyer("c13", 4, 1300, 0, 380, 70),
			buyer("c14", 1, 60, 0, 250, 250),
			{ID: "c15", Name: "Customer c15"},
			{ID: "c16", Name: "Customer c16"},
		},
	}
}

// htmlTestLargeShop is a generated shop of n customers with a long-tailed
// spend, for a report that looks like a real one.
func htmlTestLargeShop(n int) *analysis.Dataset {
	rng := rand.New(rand.NewPCG(2026, 9))
	asOf := time.Date(2026, 9, 30, 0, 0, 0, 0, time.UTC)
	ds := &analysis.Dataset{AsOf: asOf, Customers: make([]analysis.Customer, n)}
	for i := range ds.Customers {
		c := &ds.Customers[i]
		c.ID = fmt.Sprintf("c%05d", i)
		if rng.Float64() < 0.15 {
			continue // registered, never bought
		}
		c.Orders = 1 + int(rng.ExpFloat64()*2.5)
		c.OrderDays = c.Orders
		c.Gross = float64(c.Orders) * (40 + rng.ExpFloat64()*120) * (1 + rng.ExpFloat64())
		if rng.Float64() < 0.08 {
			c.Refunds = c.Gross * rng.Float64() * 0.3
		}
		last := int(rng.ExpFloat64() * 120)
		c.LastOrder = asOf.AddDate(0, 0, -last)
		c.FirstOrder = c.LastOrder.AddDate(0, 0, -int(rng.Float64()*float64(90*c.Orders)))
	}
	return ds
}

// htmlTestInput analyses ds with the default parameters.
func htmlTestInput(t *testing.T, ds *analysis.Dataset, locale string) *Input {
	t.Helper()
	p := analysis.DefaultParams()
	if err := p.Validate(); err != nil {
		t.Fatal(err)
	}
	return &Input{
		Job:         "weekly",
		RunID:       "20260930-0700",
		AsOf:        ds.AsOf,
		GeneratedAt: time.Date(2026, 9, 30, 7, 0, 0, 0, time.UTC),
		Locale:      locale,
		Currency:    "¥",
		Dataset:     ds,
		Result:      analysis.Analyze(ds, p),
	}
}

func htmlRender(t *testing.T, in *Input) string {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteHTML(&buf, in); err != nil {
		t.Fatalf("WriteHTML: %v", err)
	}
	return buf.String()
}

// htmlWithoutECharts returns the page without the inlined echarts script,
// which has URLs (SVG namespaces) and the word NaN in its code.
func htmlWithoutECharts(t *testing.T, page string) string {
	t.Helper()
	if n := strings.Count(page, templates.EChartsJS); n != 1 {
		t.Fatalf("echarts script inlined %d times, want 1", n)
	}
	return strings.Replace(page, templates.EChartsJS, "", 1)
}

var htmlExternalRef = regexp.MustCompile(`(?i)\b(src|href|srcset|action|poster|data)\s*=\s*["']?\s*(https?:|//|ftp:)|url\(\s*["']?\s*(https?:|//)|@import`)

// htmlCheckPage checks what every rendered report must satisfy.
func htmlCheckPage(t *testing.T, page, lang string) {
	t.Helper()
	for _, id := range htmlChartIDs {
		if !strings.Contains(page, `id="`+id+`"`) {
			t.Errorf("no chart container %q", id)
		}
		if !strings.Contains(page, `{"id":"`+id+`","option":{`) {
			t.Errorf("no chart option for %q", id)
		}
	}
	if !strings.Contains(page, `<html lang="`+lang+`">`) {
		t.Errorf("no <html lang=%q>", lang)
	}
	// A string that only echarts.min.js 5.6.0 holds, with its licence header.
	for _, s := range []string{`"5.6.0"`, "Licensed to the Apache Software Foundation", "echarts"} {
		if !strings.Contains(page, s) {
			t.Errorf("inlined echarts: %q missing", s)
		}
	}
	if m := htmlExternalRef.FindString(page); m != "" {
		t.Errorf("external reference in page: %q", m)
	}
	rest := htmlWithoutECharts(t, page)
	for _, s := range []string{"http://", "https://", "NaN", "Infinity", "%!", "<no value>", "__custseg_fn", "__f__"} {
		if i := strings.Index(rest, s); i >= 0 {
			t.Errorf("page (without echarts) contains %q: …%s…", s, rest[max(i-80, 0):min(i+80, len(rest))])
		}
	}
	// Only the page's own script elements may close.
	if got, want := strings.Count(strings.ToLower(page), "</script"), strings.Count(strings.ToLower(page), "<script"); got != want {
		t.Errorf("%d </script for %d <script>: data broke out of a script", got, want)
	}
}

func TestWriteHTMLEnglish(t *testing.T) {
	in := htmlTestInput(t, htmlTestShop(), "en")
	page := htmlRender(t, in)
	htmlCheckPage(t, page, "en")
	k := in.Result.KPIs
	for _, s := range []string{
		"<title>Customer segmentation report · weekly</title>",
		"Data as of", "2026-09-30", "2026-09-30 07:00 UTC", "Run 20260930-0700",
		"Customers</div><div class=\"value\">16<",
		"Net revenue</div><div class=\"value\">" + htmlMoney("¥", k.NetRevenue) + "<",
		"Average order value", "Repeat-purchase rate", "Top-20% value share", "Churn rate", "Active customers",
		"Customer segments", "Recency × frequency", "Value concentration (Pareto curve)", "Value tiers", "Churn status",
		"What to do next", "Suggested action", "Champions",
		"The top 20% of buyers bring " + htmlPct(k.Top20Share) + " of value",
	} {
		if !strings.Contains(page, s) {
			t.Errorf("page lacks %q", s)
		}
	}
	if strings.Contains(page, "客户分群报告") {
		t.Error("English page has Chinese title")
	}
	if !strings.Contains(page, `data-label="Buyers"`) {
		t.Error("actions table cells lack data-label for the phone layout")
	}
}

func TestWriteHTMLChinese(t *testing.T) {
	page := htmlRender(t, htmlTestInput(t, htmlTestShop(), "zh-CN"))
	htmlCheckPage(t, page, "zh-CN")
	for _, s := range []string{
		"<title>客户分群报告 · weekly</title>", "数据截至", "关键指标",
		"客户分群", "近度 × 频度", "价值集中度（帕累托曲线）", "价值分层", "流失状态",
		"下一步行动", "建议行动", "复购率", "流失率", "活跃客户", "重要价值客户（冠军）",
		`"name":"购买客户占比"`, "大客户",
	} {
		if !strings.Contains(page, s) {
			t.Errorf("page lacks %q", s)
		}
	}
	for _, s := range []string{"Customer segments", "What to do next", "Churn status"} {
		if strings.Contains(page, s) {
			t.Errorf("Chinese page has English %q", s)
		}
	}
}

func TestWriteHTMLEmpty(t *testing.T) {
	asOf := time.Date(2026, 9, 30, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		ds   *analysis.Dataset
	}{
		{"no customers", &analysis.Dataset{AsOf: asOf}},
		{"no buyers", &analysis.Dataset{AsOf: asOf, Customers: []analysis.Customer{{ID: "a"}, {ID: "b"}}}},
	}
	for _, tt := range tests {
		for _, loc := range []string{"en", "zh-CN"} {
			t.Run(tt.name+"/"+loc, func(t *testing.T) {
				page := htmlRender(t, htmlTestInput(t, tt.ds, loc))
				htmlCheckPage(t, page, loc)
				if want := htmlNoBuyers.In(loc); !strings.Contains(page, want) {
					t.Errorf("page lacks %q", want)
				}
				if want := `"text":"` + htmlNoData.In(loc) + `"`; !strings.Contains(page, want) {
					t.Errorf("empty charts lack %s", want)
				}
			})
		}
	}
}

// Operator-defined names reach the page; markup in them must stay text.
func TestWriteHTMLEscapesNames(t *testing.T) {
	ds := htmlTestShop()
	p := analysis.DefaultParams()
	p.RFM.Segments[0].Name = `Champs </script><script>alert(1)</script> {a|b} & "co"`
	p.RFM.Segments[0].Action = `<b>call</b> them`
	in := htmlTestInput(t, ds, "en")
	in.Result = analysis.Analyze(ds, p)
	in.Job = `<img src=x onerror=alert(1)>`
	in.Warnings = []string{`<i>3 rows</i> dropped`}
	page := htmlRender(t, in)
	htmlCheckPage(t, page, "en")
	for _, s := range []string{"<script>alert(1)", "<img src=x", "<b>call</b>", "<i>3 rows</i>"} {
		if strings.Contains(page, s) {
			t.Errorf("page contains unescaped %q", s)
		}
	}
	// In chart labels, braces would be echarts templates or rich text.
	specs := page[strings.Index(page, "var specs = "):]
	specs = specs[:strings.Index(specs, "\n];")]
	if strings.Contains(specs, "{a|b}") {
		t.Error("chart options contain the name's {a|b} unchanged")
	}
	if !strings.Contains(specs, `Champs \u003c/script\u003e\u003cscript\u003ealert(1)\u003c/script\u003e (a|b) \u0026 \"co\"`) {
		t.Error("chart options lack the escaped segment name")
	}
	if !strings.Contains(page, "&lt;b&gt;call&lt;/b&gt; them") {
		t.Error("action text not shown escaped")
	}
}

func TestWriteHTMLNoResult(t *testing.T) {
	if err := WriteHTML(&bytes.Buffer{}, &Input{}); err == nil {
		t.Error("WriteHTML without a result: no error")
	}
}

func TestHTMLFormat(t *testing.T) {
	tests := []struct{ got, want string }{
		{htmlInt(0), "0"},
		{htmlInt(999), "999"},
		{htmlInt(1234567), "1,234,567"},
		{htmlInt(-1234), "-1,234"},
		{htmlMoney("¥", 12.5), "¥12.50"},
		{htmlMoney("$", 999.996), "$1,000.00"},
		{htmlMoney("¥", 1234567.4), "¥1,234,567"},
		{htmlMoney("¥", -2500), "-¥2,500"},
		{htmlPct(0), "0.0%"},
		{htmlPct(0.6234), "62.3%"},
		{htmlPct(1), "100.0%"},
	}
	for i, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("case %d: got %q, want %q", i, tt.got, tt.want)
		}
	}
}

// TestHTMLInBrowser opens reports in headless Chromium, offline, and checks
// that echarts drew every chart without a script error. Without Chromium it
// skips, except under CI=true, where it fails. It also narrows a window
// around a report and checks that the charts follow. Set
// CUSTSEG_SCREENSHOT_DIR to keep screenshots of the pages (1280 px wide, and
// 390 px wide as on a phone) for a person to look at.
func TestHTMLInBrowser(t *testing.T) {
	chromium := htmlFindChromium()
	if chromium == "" {
		msg := "chromium not found (install it, or set CHROMIUM to its path)"
		if os.Getenv("CI") == "true" {
			t.Fatal(msg + "; CI=true does not allow skipping")
		}
		t.Skip(msg)
	}
	shots := os.Getenv("CUSTSEG_SCREENSHOT_DIR")
	asOf := time.Date(2026, 9, 30, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name, locale string
		ds           *analysis.Dataset
	}{
		{"shop-en", "en", htmlTestShop()},
		{"shop-zh-CN", "zh-CN", htmlTestShop()},
		{"large-en", "en", htmlTestLargeShop(5000)},
		{"large-zh-CN", "zh-CN", htmlTestLargeShop(5000)},
		{"empty-en", "en", &analysis.Dataset{AsOf: asOf}},
		{"nobuyers-zh-CN", "zh-CN", &analysis.Dataset{AsOf: asOf, Customers: []analysis.Customer{{ID: "a"}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			file := filepath.Join(dir, "report.html")
			var buf bytes.Buffer
			if err := WriteHTML(&buf, htmlTestInput(t, tt.ds, tt.locale)); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(file, buf.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			dom := htmlRunChromium(t, chromium, dir, 5*time.Second, "--dump-dom", "file://"+file)
			htmlCheckDOM(t, dom)
			if tt.name == "shop-en" {
				htmlCheckResize(t, chromium, dir)
			}
			if shots == "" {
				return
			}
			if err := os.MkdirAll(shots, 0o755); err != nil {
				t.Fatal(err)
			}
			// Headless Chromium lays pages out at least 500 px wide, so the
			// phone view is the report in a 390 px wide frame.
			phone := filepath.Join(dir, "phone.html")
			frame := `<!DOCTYPE html><html><body style="margin:0"><iframe src="report.html" style="width:390px;height:4600px;border:0;display:block"></iframe></body></html>`
			if err := os.WriteFile(phone, []byte(frame), 0o644); err != nil {
				t.Fatal(err)
			}
			for _, shot := range []struct{ suffix, size, file string }{
				{"1280", "1280,2400", file},
				{"phone", "390,4600", phone},
			} {
				png := filepath.Join(shots, tt.name+"-"+shot.suffix+".png")
				htmlRunChromium(t, chromium, dir, 5*time.Second, "--screenshot="+png, "--window-size="+shot.size, "file://"+shot.file)
				if st, err := os.Stat(png); err != nil || st.Size() == 0 {
					t.Errorf("no screenshot %s: %v", png, err)
				}
			}
		})
	}
}

// htmlCheckDOM checks a DOM dumped after the page's scripts ran.
func htmlCheckDOM(t *testing.T, dom string) {
	t.Helper()
	body := regexp.MustCompile(`<body[^>]*>`).FindString(dom)
	if body == "" {
		t.Fatalf("no <body> in dumped DOM (%d bytes)", len(dom))
	}
	if m := regexp.MustCompile(`data-(js-error|charts-error)="[^"]*"`).FindString(body); m != "" {
		t.Errorf("script error: %s", m)
	}
	if want := fmt.Sprintf(`data-charts-ok="%d"`, len(htmlChartIDs)); !strings.Contains(body, want) {
		t.Errorf("body %s lacks %s: not every chart initialised", body, want)
	}
	for _, id := range htmlChartIDs {
		tag := regexp.MustCompile(`<div[^>]*\bid="` + id + `"[^>]*>`).FindStringIndex(dom)
		if tag == nil {
			t.Errorf("chart %s: no container in DOM", id)
			continue
		}
		if !strings.Contains(dom[tag[0]:tag[1]], "_echarts_instance_") {
			t.Errorf("chart %s: container has no _echarts_instance_", id)
		}
		inner := dom[tag[1]:]
		if end := strings.Index(inner, "</article>"); end >= 0 {
			inner = inner[:end]
		}
		if !strings.Contains(inner, "<svg") && !strings.Contains(inner, "<canvas") {
			t.Errorf("chart %s: echarts drew nothing (no <svg> or <canvas>)", id)
		}
		if strings.Contains(inner, "NaN") {
			t.Errorf("chart %s: drawing contains NaN", id)
		}
	}
}

// htmlResizeHarness loads report.html in a 1000 px wide frame, narrows the
// frame to 360 px and records the width echarts drew each chart at, before
// and after.
const htmlResizeHarness = `<!DOCTYPE html><html><body style="margin:0">
<iframe id="f" src="report.html" style="width:1000px;height:3000px;border:0"></iframe>
<script>
var f = document.getElementById("f");
f.addEventListener("load", function () {
  function widths() {
    var d = f.contentDocument;
    if (!d) { return "no-access"; }
    return Array.prototype.map.call(d.querySelectorAll(".chart"), function (c) {
      var s = c.querySelector("svg, canvas");
      return s ? Math.round(s.getBoundingClientRect().width) : 0;
    }).join(",");
  }
  setTimeout(function () {
    var before = widths(), tries = 0;
    f.style.width = "360px";
    f.getBoundingClientRect();
    // Under virtual time Chromium dispatches resize at its next rendering
    // opportunity, which may take a while: poll.
    (function poll() {
      var after = widths();
      var done = after.split(",").every(function (w) { return +w <= 360; });
      if (!done && ++tries < 50) { setTimeout(poll, 200); return; }
      var out = document.createElement("pre");
      out.id = "result";
      out.textContent = "before=" + before + ";after=" + after + ";";
      document.body.appendChild(out);
    })();
  }, 500);
});
</script></body></html>`

// htmlCheckResize checks that the charts follow the window when it narrows.
func htmlCheckResize(t *testing.T, chromium, dir string) {
	t.Helper()
	harness := filepath.Join(dir, "resize.html")
	if err := os.WriteFile(harness, []byte(htmlResizeHarness), 0o644); err != nil {
		t.Fatal(err)
	}
	dom := htmlRunChromium(t, chromium, dir, 15*time.Second, "--allow-file-access-from-files", "--dump-dom", "file://"+harness)
	m := regexp.MustCompile(`before=([0-9,]*);after=([0-9,]*);`).FindStringSubmatch(dom)
	if m == nil {
		t.Fatalf("resize harness gave no result:\n%.2000s", dom)
	}
	before, after := strings.Split(m[1], ","), strings.Split(m[2], ",")
	if len(before) != len(htmlChartIDs) || len(after) != len(htmlChartIDs) {
		t.Fatalf("resize: widths before %v, after %v; want %d charts", before, after, len(htmlChartIDs))
	}
	for i, id := range htmlChartIDs {
		var b, a int
		fmt.Sscan(before[i], &b)
		fmt.Sscan(after[i], &a)
		if b < 400 || a <= 0 || a > 360 {
			t.Errorf("chart %s: %d px wide in a 1000 px window, %d px after narrowing it to 360 px", id, b, a)
		}
	}
}

func htmlFindChromium() string {
	if p := os.Getenv("CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// htmlRunChromium runs headless Chromium with a fresh profile in dir, with
// networking off as far as flags allow, lets the page run for budget of
// virtual time and returns Chromium's standard output.
func htmlRunChromium(t *testing.T, chromium, dir string, budget time.Duration, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	flags := []string{
		"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--disable-extensions", "--disable-default-apps", "--no-default-browser-check",
		"--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>",
		"--host-resolver-rules=MAP * ~NOTFOUND",
		"--hide-scrollbars", "--user-data-dir=" + filepath.Join(dir, "profile"),
		fmt.Sprintf("--virtual-time-budget=%d", budget.Milliseconds()),
	}
	cmd := exec.CommandContext(ctx, chromium, append(flags, args...)...)
	cmd.WaitDelay = 5 * time.Second
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s %s: %v\n%s", chromium, strings.Join(args, " "), err, stderr.String())
	}
	return stdout.String()
}
