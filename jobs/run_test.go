package jobs

import (
	"compress/gzip"
	"context"
	"encoding/csv"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/xuri/excelize/v2"

	"github.com/custseg/custseg/analysis"
	"github.com/custseg/custseg/config"
	"github.com/custseg/custseg/internal/jobstest"
	"github.com/custseg/custseg/internal/testdb"
	"github.com/custseg/custseg/queries"
	"github.com/custseg/custseg/reports"
)

// loadFixture creates a test database holding testdata/shop.sql.
func loadFixture(t *testing.T) *testdb.DB {
	t.Helper()
	return jobstest.Shop(t)
}

var asOf = jobstest.AsOf

func runFixture(t *testing.T, tdb *testdb.DB, out string, src *queries.Source) (*Manifest, error) {
	t.Helper()
	cfg := config.Default()
	if src == nil {
		b := queries.Builtin()
		src = &b
	}
	return Run(context.Background(), cfg, Options{AsOf: asOf, OutDir: out, Queries: src, DSN: tdb.DSN})
}

func TestRunEndToEnd(t *testing.T) {
	tdb := loadFixture(t)
	t.Logf("database: %s", tdb.Kind)
	out := t.TempDir()
	m, err := runFixture(t, tdb, out, nil)
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(out, "weekly", "2026-09-30")
	if m.Dir != dir || m.Status != "ok" || m.AsOf != "2026-09-30" || m.Job != "weekly" {
		t.Errorf("manifest header: dir %q status %q as_of %q job %q", m.Dir, m.Status, m.AsOf, m.Job)
	}
	// Worked out by hand from testdata/shop.sql (see the comments there).
	// Customer 7's zero-amount order O8 counts as a purchase worth nothing.
	wantCounts := Counts{SourceRows: 13, Customers: 7, Buyers: 5, Orders: 8}
	if m.Counts.SourceRows != wantCounts.SourceRows || m.Counts.Customers != 7 || m.Counts.Buyers != 5 || m.Counts.Orders != 8 {
		t.Errorf("counts = %+v, want %+v", m.Counts, wantCounts)
	}
	k := m.KPIs
	if math.Abs(k.GrossRevenue-1870) > 1e-6 || math.Abs(k.Refunds-50) > 1e-6 || math.Abs(k.NetRevenue-1820) > 1e-6 {
		t.Errorf("revenue KPIs = %+v", k)
	}
	if math.Abs(k.Margin-728) > 1e-6 || k.RepeatRate != 0.4 || k.ActiveCustomer != 2 || k.AtRisk != 1 || k.Churned != 2 {
		t.Errorf("KPIs = %+v", k)
	}
	wantQuality := map[string]int64{
		analysis.CheckNullCustomerID: 1, analysis.CheckNullDateOrAmount: 0, analysis.CheckFutureDate: 1,
		analysis.CheckUnknownCustomer: 1, analysis.CheckZeroAmountPurchase: 1, analysis.CheckRefund: 1,
		analysis.CheckDuplicateOrderID: 1, analysis.CheckCustomersNullID: 0, analysis.CheckBuyersNonPositive: 1,
		analysis.CheckExactRepeatLines: 0,
	}
	for _, q := range m.DataQuality {
		if w, ok := wantQuality[q.Check]; !ok || w != q.Rows {
			t.Errorf("quality %s = %d, want %d", q.Check, q.Rows, w)
		}
		delete(wantQuality, q.Check)
	}
	if len(wantQuality) > 0 {
		t.Errorf("quality checks missing: %v", wantQuality)
	}
	// Customer 7 (R 2; F 4 with two orders, M 3: FM 4) is At Risk.
	wantSeg := map[string]int{"champions": 1, "promising": 1, "at_risk": 2, "about_to_sleep": 1}
	for key, n := range m.Counts.Segments {
		if n != wantSeg[key] {
			t.Errorf("segment %s: %d customers, want %d", key, n, wantSeg[key])
		}
	}
	wantTiers := map[string]int{"key": 1, "important": 1, "ordinary": 2, "small": 0, "no_value": 1}
	for key, n := range m.Counts.Tiers {
		if n != wantTiers[key] {
			t.Errorf("tier %s: %d customers, want %d", key, n, wantTiers[key])
		}
	}

	// The folder holds exactly the outputs, and the manifest on disk matches.
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range ents {
		names = append(names, e.Name())
	}
	want := []string{WorkbookFile("2026-09-30"), ReportFile("2026-09-30"), ManifestFile, SnapshotFile}
	if strings.Join(names, ",") != strings.Join(sorted(want), ",") {
		t.Errorf("run folder holds %v, want %v", names, sorted(want))
	}
	var onDisk map[string]any
	b, _ := os.ReadFile(filepath.Join(dir, ManifestFile))
	if err := json.Unmarshal(b, &onDisk); err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{"run_id", "job", "as_of", "started_at", "finished_at", "durations_ms", "counts", "kpis", "data_quality", "outputs", "warnings"} {
		if _, ok := onDisk[key]; !ok {
			t.Errorf("manifest.json lacks %q", key)
		}
	}
	if kp, _ := onDisk["kpis"].(map[string]any); kp["net_revenue"] != 1820.0 {
		t.Errorf("manifest kpis.net_revenue = %v", kp["net_revenue"])
	}
	// labels name the keys of the counts as the reports do, in the run's
	// locale (English here).
	labels, _ := onDisk["labels"].(map[string]any)
	for kind, want := range map[string]map[string]string{
		"segment": {"champions": "Champions", "at_risk": "At Risk", "lost": "Lost"},
		"tier":    {"key": "Key", "no_value": "No net value"},
		"pyramid": {"platinum": "Platinum", "lead": "Lead"},
		"status":  {"active": "Active", "at_risk": "Lapsing", "churned": "Churned", "potential": "Prospect (never bought)"},
		"stage":   {"exploration": "Exploration", "lost": "Ended"},
	} {
		got, _ := labels[kind].(map[string]any)
		for key, name := range want {
			if got[key] != name {
				t.Errorf("manifest labels.%s.%s = %v, want %q", kind, key, got[key], name)
			}
		}
	}
	if n := len(config.Default().Analysis.RFM.Segments); len(m.Labels.Segment) != n {
		t.Errorf("manifest labels.segment has %d names, want %d", len(m.Labels.Segment), n)
	}
	for _, o := range m.Outputs {
		info, err := os.Stat(filepath.Join(dir, o.Path))
		if err != nil || info.Size() != o.Bytes || len(o.SHA256) != 64 {
			t.Errorf("output %+v: %v", o, err)
		}
		if err == nil && info.Mode().Perm() != 0o640 {
			t.Errorf("%s has mode %o, want 0640", o.Path, info.Mode().Perm())
		}
	}
	if info, err := os.Stat(dir); err != nil || info.Mode().Perm() != 0o750 {
		t.Errorf("run folder mode: %v %v, want 0750", info.Mode().Perm(), err)
	}
	checkWorkbook(t, filepath.Join(dir, WorkbookFile("2026-09-30")))

	if m.PreviousAsOf != "" {
		t.Errorf("first run compares with %q", m.PreviousAsOf)
	}
	// This period on a first run: the last 7 days, 09-24 to 09-30: O1
	// (customer 1, 100); the cancelled O12 is not an order. The 7 days
	// before: nothing.
	wantPeriod := analysis.PeriodKPIs{PeriodFigures: analysis.PeriodFigures{From: "2026-09-24", To: "2026-09-30", Revenue: 100, Orders: 1, Buyers: 1},
		Days: 7, Previous: &analysis.PeriodFigures{From: "2026-09-17", To: "2026-09-23"}}
	if p := m.KPIs.Period; p == nil || p.PeriodFigures != wantPeriod.PeriodFigures || p.Days != 7 || p.Previous == nil || *p.Previous != *wantPeriod.Previous {
		t.Errorf("kpis.period = %+v, want %+v", p, wantPeriod)
	}
	if m.Migration != nil {
		t.Errorf("first run has a migration: %+v", m.Migration)
	}

	// A second run of the same as-of date replaces the folder whole, and
	// compares with no earlier run (only earlier as-of dates count).
	m2, err := runFixture(t, tdb, out, nil)
	if err != nil {
		t.Fatal(err)
	}
	if m2.RunID == m.RunID || m2.PreviousAsOf != "" {
		t.Errorf("rerun: run id %s (first %s), previous %q", m2.RunID, m.RunID, m2.PreviousAsOf)
	}
	assertOnlyRunFolders(t, filepath.Join(out, "weekly"), "2026-09-30")

	// A run a week later compares with this one.
	cfg := config.Default()
	src := queries.Builtin()
	m3, err := Run(context.Background(), cfg, Options{AsOf: asOf.AddDate(0, 0, 7), OutDir: out, Queries: &src, DSN: tdb.DSN})
	if err != nil {
		t.Fatal(err)
	}
	if m3.PreviousAsOf != "2026-09-30" {
		t.Errorf("next week's run compares with %q, want 2026-09-30", m3.PreviousAsOf)
	}
	// The period is the days since the previous run: 10-01 to 10-07, O7
	// (customer 6's first purchase, 500); the period before is last week's.
	if p := m3.KPIs.Period; p == nil || p.From != "2026-10-01" || p.To != "2026-10-07" || p.Revenue != 500 || p.Orders != 1 ||
		p.Buyers != 1 || p.NewBuyers != 1 || p.Previous == nil || p.Previous.Revenue != 100 || p.Previous.From != "2026-09-24" {
		t.Errorf("next week's kpis.period = %+v (previous %+v)", p, p.Previous)
	}
	// Migration adds up: customer 6 is a first-time buyer, the other five
	// buyers moved or stayed.
	mg := m3.Migration
	if mg == nil || mg.PreviousAsOf != "2026-09-30" || mg.New != 1 || mg.Lost != 0 ||
		mg.Up+mg.Down+mg.Stayed+mg.New+mg.Reclassified != m3.Counts.Buyers || m3.Counts.Buyers != 6 {
		t.Errorf("migration %+v, buyers %d", mg, m3.Counts.Buyers)
	}
	if b, err := os.ReadFile(filepath.Join(out, "weekly", "2026-10-07", ManifestFile)); err != nil ||
		!strings.Contains(string(b), `"migration": {`) || !strings.Contains(string(b), `"new_buyers": 1`) {
		t.Errorf("manifest.json lacks migration or kpis.period: %v", err)
	}
	assertOnlyRunFolders(t, filepath.Join(out, "weekly"), "2026-09-30", "2026-10-07")
}

func TestRunFailsCleanly(t *testing.T) {
	tdb := loadFixture(t)
	builtin := queries.Builtin()
	tests := []struct {
		name   string
		orders string
		want   string
	}{
		{"missing column", "SELECT o.order_no AS order_id, o.customer_id, o.created_at AS ordered_at FROM orders o",
			`extract: orders.sql: column "amount" is missing`},
		{"text amount", "SELECT o.order_no AS order_id, o.customer_id, o.created_at AS ordered_at, o.category AS amount FROM orders o",
			`extract: orders.sql: column "amount" is VARCHAR, want a number`},
		{"syntax error", "SELEC nonsense FROM orders", "extract: orders.sql: Error"},
		{"unknown table", "SELECT * FROM no_such_table", "extract: orders.sql: Error"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := t.TempDir()
			src := builtin
			src.Orders = queries.File{Name: "orders.sql", SQL: tt.orders}
			_, err := runFixture(t, tdb, out, &src)
			if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
				t.Fatalf("err = %v, want prefix %q", err, tt.want)
			}
			if strings.Contains(err.Error(), "\n") && tt.name != "syntax error" {
				t.Errorf("error has several lines: %q", err)
			}
			assertOnlyRunFolders(t, filepath.Join(out, "weekly"))
		})
	}
}

func TestRunUnreachableDatabase(t *testing.T) {
	cfg := config.Default()
	cfg.Database.Port = 1
	cfg.Database.ConnectTimeout = 2 * time.Second
	out := t.TempDir()
	_, err := Run(context.Background(), cfg, Options{AsOf: asOf, OutDir: out})
	if err == nil || !strings.HasPrefix(err.Error(), "connect: database 127.0.0.1:1: ") {
		t.Fatalf("err = %v", err)
	}
	if se, ok := err.(*StepError); !ok || se.Step != StepConnect {
		t.Errorf("err is %T %v", err, err)
	}
	if ents, _ := os.ReadDir(out); len(ents) != 0 {
		t.Errorf("output folder not empty after a failed run")
	}
}

func TestCheckReportsEachProblem(t *testing.T) {
	tdb := loadFixture(t)
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "customers.sql"), []byte(queries.Builtin().Customers.SQL), 0o644)
	os.WriteFile(filepath.Join(dir, "orders.sql"), []byte("SELECT order_no AS order_id, customer_id, created_at AS ordered_at FROM orders"), 0o644)
	res := Check(context.Background(), config.Default(), Options{QueriesDir: dir, OutDir: t.TempDir(), DSN: tdb.DSN})
	var lines []string
	failed := 0
	for _, r := range res {
		lines = append(lines, r.Name+": "+r.Message)
		if !r.OK {
			failed++
		}
	}
	all := strings.Join(lines, "\n")
	if failed != 1 || !strings.Contains(all, filepath.Join(dir, "orders.sql")+`: column "amount" is missing`) {
		t.Errorf("check lines (%d failed):\n%s", failed, all)
	}
	if !strings.Contains(all, "customers.sql: required columns present; optional: name, email, phone, registered_at; other columns: province, city, gender, birth_date, channel") {
		t.Errorf("customers check line missing:\n%s", all)
	}
}

func TestAsOfDate(t *testing.T) {
	sh, _ := time.LoadLocation("Asia/Shanghai")
	// Monday 2026-11-23 07:00 in Shanghai is still Sunday 23:00 UTC.
	now := time.Date(2026, 11, 22, 23, 0, 0, 0, time.UTC)
	tests := []struct {
		rule string
		loc  *time.Location
		want string
	}{
		{"yesterday", sh, "2026-11-22"},
		{"yesterday", time.UTC, "2026-11-21"},
		{"previous_week_end", sh, "2026-11-22"},
		{"previous_week_end", time.UTC, "2026-11-15"},
		{"previous_month_end", sh, "2026-10-31"},
	}
	for _, tt := range tests {
		got, err := AsOfDate(tt.rule, now, tt.loc)
		if err != nil || got.Format("2006-01-02") != tt.want {
			t.Errorf("AsOfDate(%s, %s) = %v, %v; want %s", tt.rule, tt.loc, got, err, tt.want)
		}
	}
}

func assertOnlyRunFolders(t *testing.T, parent string, want ...string) {
	t.Helper()
	ents, _ := os.ReadDir(parent)
	var got []string
	for _, e := range ents {
		got = append(got, e.Name())
	}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("%s holds %v, want %v", parent, got, want)
	}
}

func sorted(s []string) []string {
	out := append([]string(nil), s...)
	for i := range out {
		for j := i + 1; j < len(out); j++ {
			if out[j] < out[i] {
				out[i], out[j] = out[j], out[i]
			}
		}
	}
	return out
}

func configWithDSN() *config.Config { return config.Default() }

// openFixture runs stmts on the test database tdb, then opens it as a
// run does (Open), closed when the test ends.
func openFixture(t *testing.T, tdb *testdb.DB, stmts ...string) *sqlx.DB {
	t.Helper()
	if len(stmts) > 0 {
		sqlDB := tdb.Open(t)
		for _, q := range stmts {
			if _, err := sqlDB.Exec(q); err != nil {
				t.Fatal(err)
			}
		}
	}
	db, err := Open(context.Background(), configWithDSN(), tdb.DSN)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func TestCustomerListAsCSV(t *testing.T) {
	tdb := loadFixture(t)
	cfg := config.Default()
	cfg.Outputs.CustomerList = "csv.gz"
	src := queries.Builtin()
	m, err := Run(context.Background(), cfg, Options{AsOf: asOf, OutDir: t.TempDir(), Queries: &src, DSN: tdb.DSN})
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(filepath.Join(m.Dir, CustomerListFile("2026-09-30")))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(zr).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 8 || strings.TrimPrefix(rows[0][0], "\ufeff") != "customer_id" {
		t.Fatalf("csv: %d rows, header %v", len(rows), rows[0])
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[strings.TrimPrefix(h, "\ufeff")] = i
	}
	for _, r := range rows[1:] {
		if r[0] == "1" && (r[col["segment"]] != "Champions" || r[col["name"]] != "王芳" || r[col["value_tier"]] != "Important") {
			t.Errorf("customer 1: %v", r)
		}
	}
	xl, err := excelize.OpenFile(filepath.Join(m.Dir, WorkbookFile("2026-09-30")))
	if err != nil {
		t.Fatal(err)
	}
	defer xl.Close()
	for _, s := range xl.GetSheetList() {
		if s == "Customers" {
			t.Errorf("the workbook still has a Customers sheet with customer_list: csv.gz")
		}
	}
}

// runJob makes a run's files as Run does, and returns its manifest as far
// as it got and the input its reports were rendered from.
func runJob(ctx context.Context, cfg *config.Config, opts Options) (*Manifest, *reports.Input, error) {
	r, err := newRun(cfg, opts)
	if err == nil {
		err = r.produce(ctx)
	}
	return r.m, r.in, err
}
