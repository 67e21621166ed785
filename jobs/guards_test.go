package jobs

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/custseg/custseg/analysis"
	"github.com/custseg/custseg/config"
	"github.com/custseg/custseg/queries"
	"github.com/custseg/custseg/reports"
	"github.com/custseg/custseg/reports/email"
	htmlreport "github.com/custseg/custseg/reports/html"
)

// rhythmShop returns the statements of a shop of 20 customers who each
// bought six times, every 14 days, the last time lastDay minus 0 to 4
// days: the newest order is on lastDay, the median rhythm 14 days, so the
// stale limit is 42 days.
func rhythmShop(lastDay time.Time) []string {
	var cust, ord []string
	for i := 1; i <= 20; i++ {
		cust = append(cust, fmt.Sprintf("%d, 'Customer %d', NULL", i, i))
		last := lastDay.AddDate(0, 0, -(i % 5))
		for k := 0; k < 6; k++ {
			at := last.AddDate(0, 0, -14*k).Add(10 * time.Hour)
			ord = append(ord, fmt.Sprintf("'O%d-%d', %d, '%s', %d, %d", i, k, i, at.Format("2006-01-02 15:04:05"), 20+i+k, 10))
		}
	}
	return []string{customersTable, ordersTable,
		"INSERT INTO customers VALUES " + values(cust),
		"INSERT INTO orders VALUES " + values(ord)}
}

const staleWarning = "The newest order is from 2024-09-30, 730 days before the as-of date 2026-09-30 " +
	"(limit 42 days, 3× the shop's median days between purchases): the data looks stale; every status and " +
	"'this period' figure is computed as if no one had bought since."

// managementEmail renders in's management email in locale.
func managementEmail(t *testing.T, in *reports.Input, locale string) (html, text string) {
	t.Helper()
	c := *in
	c.Locale = locale
	_, html, text, err := email.Management(&c)
	if err != nil {
		t.Fatal(err)
	}
	return html, text
}

// reportHTML renders in's HTML report in locale.
func reportHTML(t *testing.T, in *reports.Input, locale string) string {
	t.Helper()
	c := *in
	c.Locale = locale
	var b strings.Builder
	if err := htmlreport.Write(&b, &c); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// TestStaleDataWarns runs a shop whose orders ended two years before the
// as-of date: the run warns (log, manifest, HTML notes), records the
// freshness in the manifest, and both the HTML report and the management
// email open with a banner, in English and Chinese. The same shop two
// years later is fresh: no warning, no banner.
func TestStaleDataWarns(t *testing.T) {
	stale := badShop(t, rhythmShop(time.Date(2024, 9, 30, 0, 0, 0, 0, time.UTC))...)
	m, in := runShop(t, stale, nil, shopQueries)
	if !contains(m.Warnings, staleWarning) {
		t.Errorf("warnings %q lack %q", m.Warnings, staleWarning)
	}
	want := DataFreshness{LastOrder: "2024-09-30", DaysSince: 730, LimitDays: 42, LimitFrom: analysis.LimitFromRhythm, Stale: true}
	if m.DataFreshness == nil || *m.DataFreshness != want {
		t.Errorf("data_freshness = %+v, want %+v", m.DataFreshness, want)
	}
	b, err := os.ReadFile(filepath.Join(m.Dir, ManifestFile))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), `"data_freshness": {
    "last_order": "2024-09-30",
    "days_since": 730,
    "limit_days": 42,
    "limit_from": "rhythm",
    "stale": true
  }`) {
		t.Errorf("manifest.json lacks data_freshness:\n%s", b)
	}
	page, err := os.ReadFile(filepath.Join(m.Dir, ReportFile(m.AsOf)))
	if err != nil {
		t.Fatal(err)
	}
	banner := "The data looks stale: the newest order is from 2024-09-30, 730 days before the as-of date 2026-09-30 (limit 42 days, 3× the shop&#39;s median days between purchases)."
	if i, j := strings.Index(string(page), `id="data-alerts"`), strings.Index(string(page), `id="narrative"`); i < 0 || j < 0 || i > j {
		t.Errorf("the HTML report has no banner before the narrative (banner at %d, narrative at %d)", i, j)
	}
	if !strings.Contains(string(page), banner) {
		t.Errorf("the HTML report lacks the banner %q", banner)
	}
	zhBanner := "数据可能已过期：最新订单日期为 2024-09-30，比分析截止日 2026-09-30 早 730 天（上限 42 天，本店购买间隔天数中位数的 3 倍）。"
	if !strings.Contains(reportHTML(t, in, "zh-CN"), zhBanner) {
		t.Errorf("the zh-CN HTML report lacks %q", zhBanner)
	}
	for _, loc := range []struct{ locale, text string }{
		{"en", strings.ReplaceAll(banner, "&#39;", "'")}, {"zh-CN", zhBanner},
	} {
		html, text := managementEmail(t, in, loc.locale)
		if !strings.Contains(strings.ReplaceAll(html, "&#39;", "'"), loc.text) {
			t.Errorf("%s management email (HTML) lacks the banner %q", loc.locale, loc.text)
		}
		// The text alternative opens with it, under the title and the
		// as-of line.
		if lines := strings.SplitN(text, "\n", 5); len(lines) < 4 || !strings.HasPrefix(lines[3], "!! "+loc.text) {
			t.Errorf("%s management email (text) does not open with the banner:\n%s", loc.locale, text)
		}
	}

	fresh := badShop(t, rhythmShop(asOf)...)
	m, in = runShop(t, fresh, nil, shopQueries)
	for _, w := range m.Warnings {
		if strings.Contains(w, "stale") {
			t.Errorf("fresh shop warned: %q", w)
		}
	}
	if want := (DataFreshness{LastOrder: "2026-09-30", DaysSince: 0, LimitDays: 42, LimitFrom: "rhythm"}); m.DataFreshness == nil || *m.DataFreshness != want {
		t.Errorf("fresh data_freshness = %+v, want %+v", m.DataFreshness, want)
	}
	if strings.Contains(reportHTML(t, in, "en"), `id="data-alerts"`) {
		t.Errorf("the fresh shop's HTML report has a banner")
	}
	if html, text := managementEmail(t, in, "en"); strings.Contains(html, "stale") || strings.Contains(text, "!! ") {
		t.Errorf("the fresh shop's management email has a banner")
	}
}

// TestStaleDataFails: with analysis.stale_action fail, stale data fails the
// run at the analyse step with one line naming the newest order; nothing
// is published.
func TestStaleDataFails(t *testing.T) {
	tdb := badShop(t, rhythmShop(time.Date(2024, 9, 30, 0, 0, 0, 0, time.UTC))...)
	cfg := config.Default()
	cfg.Analysis.StaleAction = "fail"
	out := t.TempDir()
	src := shopQueries
	m, _, err := runJob(context.Background(), cfg, Options{AsOf: asOf, OutDir: out, Queries: &src, DSN: tdb.DSN})
	var se *StepError
	if !errors.As(err, &se) || se.Step != StepAnalyse {
		t.Fatalf("err = %v, want a failure at step %s", err, StepAnalyse)
	}
	want := "analyse: the data looks stale: the newest order is from 2024-09-30, 730 days before the as-of date 2026-09-30 " +
		"(limit 42 days, 3× the shop's median days between purchases); analysis.stale_action is fail, so nothing was published"
	if err.Error() != want {
		t.Errorf("err = %q\nwant  %q", err, want)
	}
	if m == nil || m.Status != "failed" || m.DataFreshness == nil || !m.DataFreshness.Stale || !contains(m.Warnings, staleWarning) {
		t.Errorf("failed run's manifest: %+v", m)
	}
	assertOnlyRunFolders(t, filepath.Join(out, "weekly"))

	// A configured limit the data is within passes.
	cfg.Analysis.StaleAfter = "800"
	if _, _, err := runJob(context.Background(), cfg, Options{AsOf: asOf, OutDir: out, Queries: &src, DSN: tdb.DSN}); err != nil {
		t.Errorf("stale_after 800: %v", err)
	}
}

// checkLine returns check's line whose name starts with prefix.
func checkLine(t *testing.T, res []CheckResult, prefix string) CheckResult {
	t.Helper()
	var names []string
	for _, r := range res {
		if strings.HasPrefix(r.Name, prefix) {
			return r
		}
		names = append(names, r.Name+": "+r.Message)
	}
	t.Fatalf("no check line %q in:\n%s", prefix, strings.Join(names, "\n"))
	return CheckResult{}
}

// TestCheckFreshness: `custseg check` measures the newest order at the
// as-of date a run would use and says ok, WARN with the run's words, or
// (stale_action fail) FAIL.
func TestCheckFreshness(t *testing.T) {
	stale := badShop(t, rhythmShop(time.Date(2024, 9, 30, 0, 0, 0, 0, time.UTC))...)
	src := shopQueries
	opts := Options{AsOf: asOf, Queries: &src, OutDir: t.TempDir(), DSN: stale.DSN}
	r := checkLine(t, Check(context.Background(), config.Default(), opts), "data freshness")
	if r.Name != "data freshness at 2026-09-30" || !r.OK || !r.Warn || r.Message != staleWarning {
		t.Errorf("stale shop: %+v\nwant WARN %q", r, staleWarning)
	}
	cfg := config.Default()
	cfg.Analysis.StaleAction = "fail"
	if r := checkLine(t, Check(context.Background(), cfg, opts), "data freshness"); r.OK ||
		r.Message != staleWarning+" analysis.stale_action is fail: a run would fail." {
		t.Errorf("stale shop, stale_action fail: %+v", r)
	}
	cfg.Analysis.StaleAfter = "1000"
	want := "The newest order is from 2024-09-30, 730 days before the as-of date 2026-09-30 (limit 1000 days, analysis.stale_after)"
	if r := checkLine(t, Check(context.Background(), cfg, opts), "data freshness"); !r.OK || r.Warn || r.Message != want {
		t.Errorf("stale_after 1000: %+v\nwant ok %q", r, want)
	}

	fresh := badShop(t, rhythmShop(asOf)...)
	opts.DSN = fresh.DSN
	want = "The newest order is from 2026-09-30, 0 days before the as-of date 2026-09-30 (limit 42 days, 3× the shop's median days between purchases)"
	if r := checkLine(t, Check(context.Background(), config.Default(), opts), "data freshness"); !r.OK || r.Warn || r.Message != want {
		t.Errorf("fresh shop: %+v\nwant ok %q", r, want)
	}
}

// fanoutShop returns a shop of 12 customers with 3 orders each, whose
// every order has 3 tags; and the queries, orders.sql joined to the tags
// when join is set.
func fanoutShop(join bool) ([]string, queries.Source) {
	var cust, ord, tags []string
	for i := 1; i <= 12; i++ {
		cust = append(cust, fmt.Sprintf("%d, 'Customer %d', NULL", i, i))
		for k := 0; k < 3; k++ {
			id := fmt.Sprintf("O%d-%d", i, k)
			ord = append(ord, fmt.Sprintf("'%s', %d, '2026-09-%02d 10:00:00', %d.50, 5", id, i, 1+k*10, 10+i+k))
			for _, tag := range []string{"gift", "sale", "new"} {
				tags = append(tags, fmt.Sprintf("'%s', '%s'", id, tag))
			}
		}
	}
	src := shopQueries
	if join {
		src.Orders.SQL = "SELECT o.order_no AS order_id, o.customer_id, o.created AS ordered_at, o.amount, o.cost FROM orders o JOIN order_tags t ON t.order_no = o.order_no"
	}
	return []string{customersTable, ordersTable, "CREATE TABLE order_tags (order_no VARCHAR(32), tag VARCHAR(16))",
		"INSERT INTO customers VALUES " + values(cust),
		"INSERT INTO orders VALUES " + values(ord),
		"INSERT INTO order_tags VALUES " + values(tags)}, src
}

const fanoutWarning = "orders.sql returns 72 rows that repeat another row exactly (order id, customer, time, amount), " +
	"in orders every row of which repeats: 67% of purchase rows (limit 2%, analysis.fanout_max_share). A JOIN to a table " +
	"with several rows per order (order lines, tags, actors…) multiplies rows and revenue; join only one row per order or aggregate first."

// TestFanoutWarns: orders.sql joined to three tags per order triples every
// row; check warns, and the run warns (manifest, log), counts the rows on
// the Data quality list and opens its reports with a banner.
func TestFanoutWarns(t *testing.T) {
	stmts, src := fanoutShop(true)
	tdb := badShop(t, stmts...)
	r := checkLine(t, Check(context.Background(), config.Default(), Options{AsOf: asOf, Queries: &src, OutDir: t.TempDir(), DSN: tdb.DSN}), "repeated rows")
	if r.Name != "repeated rows in orders.sql" || !r.OK || !r.Warn || r.Message != fanoutWarning {
		t.Errorf("check: %+v\nwant WARN %q", r, fanoutWarning)
	}
	m, in := runShop(t, tdb, nil, src)
	if !contains(m.Warnings, fanoutWarning) {
		t.Errorf("warnings %q lack %q", m.Warnings, fanoutWarning)
	}
	if q := quality(m)[analysis.CheckExactRepeatLines]; q != 72 {
		t.Errorf("%s = %d, want 72", analysis.CheckExactRepeatLines, q)
	}
	if m.KPIs.Orders != 36 {
		t.Errorf("orders = %d, want 36 (the repeats are lines of one order)", m.KPIs.Orders)
	}
	for _, loc := range []struct{ locale, text string }{
		{"en", "Revenue is likely overstated: 72 rows of orders.sql (66.7% of purchase rows) repeat another row exactly"},
		{"zh-CN", "收入很可能被高估：orders.sql 中有 72 行（占购买行的 66.7%）与另一行完全相同"},
	} {
		if !strings.Contains(reportHTML(t, in, loc.locale), loc.text) {
			t.Errorf("%s HTML report lacks the banner %q", loc.locale, loc.text)
		}
		if html, text := managementEmail(t, in, loc.locale); !strings.Contains(html, loc.text) || !strings.Contains(text, "!! "+loc.text) {
			t.Errorf("%s management email lacks the banner %q", loc.locale, loc.text)
		}
	}
}

// TestFanoutNormalLines: lines of one order are normal, with different
// amounts or with the same (two items at one price, where orders.sql has
// no product column: a third of the rows here); so are a few whole orders
// entered twice. No warning from check or the run.
func TestFanoutNormalLines(t *testing.T) {
	var cust, ord []string
	for i := 1; i <= 20; i++ {
		cust = append(cust, fmt.Sprintf("%d, 'Customer %d', NULL", i, i))
		for k := 0; k < 3; k++ {
			at := fmt.Sprintf("2026-09-%02d 10:00:00", 1+k*10)
			id := fmt.Sprintf("O%d-%d", i, k)
			// Two lines at 10 and one at 25: the second 10 repeats the first.
			for _, amount := range []int{10, 10, 25} {
				ord = append(ord, fmt.Sprintf("'%s', %d, '%s', %d, 4", id, i, at, amount))
			}
		}
	}
	// Two orders of one line each, entered twice: 2 rows of whole orders
	// repeated, under the 10-row minimum.
	ord = append(ord, "'D1', 1, '2026-09-25 09:00:00', 7, 3", "'D1', 1, '2026-09-25 09:00:00', 7, 3",
		"'D2', 2, '2026-09-25 09:00:00', 8, 3", "'D2', 2, '2026-09-25 09:00:00', 8, 3")
	tdb := badShop(t, customersTable, ordersTable, "INSERT INTO customers VALUES "+values(cust), "INSERT INTO orders VALUES "+values(ord))
	r := checkLine(t, Check(context.Background(), config.Default(), Options{AsOf: asOf, Queries: &shopQueries, OutDir: t.TempDir(), DSN: tdb.DSN}), "repeated rows")
	want := "62 of 184 purchase rows repeat another row exactly (33.7%), 2 of them in orders every row of which repeats (1.1%; the limit is 2%)"
	if !r.OK || r.Warn || r.Message != want {
		t.Errorf("check: %+v\nwant ok %q", r, want)
	}
	m, _ := runShop(t, tdb, nil, shopQueries)
	for _, w := range m.Warnings {
		if strings.Contains(w, "repeat") {
			t.Errorf("normal lines warned: %q", w)
		}
	}
	if q := quality(m)[analysis.CheckExactRepeatLines]; q != 62 {
		t.Errorf("%s = %d, want 62", analysis.CheckExactRepeatLines, q)
	}

	// Lines with different amounts and one pair of identical lines: no
	// per-order grouping needed at all.
	stmts, src := fanoutShop(false)
	tdb = badShop(t, append(stmts, "INSERT INTO orders VALUES ('O1-0', 1, '2026-09-01 10:00:00', 11.50, 5)")...)
	m, _ = runShop(t, tdb, nil, src)
	if q := quality(m)[analysis.CheckExactRepeatLines]; q != 1 {
		t.Errorf("%s = %d, want 1", analysis.CheckExactRepeatLines, q)
	}
	for _, w := range m.Warnings {
		if strings.Contains(w, "repeat") {
			t.Errorf("lines with different amounts warned: %q", w)
		}
	}
}
