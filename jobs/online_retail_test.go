package jobs

import (
	"compress/gzip"
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/custseg/custseg/analysis"
	"github.com/custseg/custseg/config"
	"github.com/custseg/custseg/internal/testdb"
	"github.com/custseg/custseg/queries"
)

// onlineRetailEnv names the variable that points the online retail test at
// the data file itself, ahead of sharedEnv.
const onlineRetailEnv = "CUSTSEG_ONLINE_RETAIL"

// sharedEnv names the variable holding the shared data folder, as in
// .ci/run: absolute, or relative to the repository root; default ../shared.
const sharedEnv = "CUSTSEG_SHARED"

// onlineRetailFile is where the shared data folder keeps the UCI "Online
// Retail" lines (see its PROVENANCE.txt).
const onlineRetailFile = "data/online-retail/online_retail_all.csv.gz"

// onlineRetailPath is the data file: $CUSTSEG_ONLINE_RETAIL, else
// onlineRetailFile in the shared folder.
func onlineRetailPath() string {
	if p := os.Getenv(onlineRetailEnv); p != "" {
		return p
	}
	shared := os.Getenv(sharedEnv)
	if shared == "" {
		shared = "../shared"
	}
	if !filepath.IsAbs(shared) {
		shared = filepath.Join("..", shared) // the tests run in jobs/
	}
	return filepath.Join(shared, onlineRetailFile)
}

const onlineRetailDir = "../queries/examples/online-retail"

// retailLine is one invoice line of the CSV, checked and ready to insert.
type retailLine struct {
	invoice, stock, desc string
	qty                  int64
	at                   time.Time // naive UK local time, held as UTC
	price                string    // the CSV's text, e.g. "2.55"
	priceMilli           int64     // unit price in thousandths of a pound
	customer             string    // "17850", or "" for none
	country              string
}

// amountMilli is quantity × unit price in thousandths of a pound, exact.
func (l *retailLine) amountMilli() int64 { return l.qty * l.priceMilli }

// TestOnlineRetailThroughTheWholeJob loads the 541,909 invoice lines of the
// UCI "Online Retail" shop into the test database with the example's
// schema.sql, runs the whole job on them with the example's queries and
// config as of 2011-12-09 (the data's last day), and checks the manifest
// against counts and sums worked out here from the CSV with plain loops,
// following custseg's documented rules (queries/wrap.go, queries/aggregate.go)
// but none of its code.
func TestOnlineRetailThroughTheWholeJob(t *testing.T) {
	if testing.Short() {
		t.Skip("loads 541,909 rows and runs the whole job: skipped with -short")
	}
	path := onlineRetailPath()
	if _, err := os.Stat(path); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("online retail data not found under CI (%v); set %s to the shared folder (default ../shared beside the repository)", err, sharedEnv)
		}
		t.Skipf("online retail data not found (%v); set %s to the shared folder (default ../shared beside the repository)", err, sharedEnv)
	}
	lines := readOnlineRetail(t, path)
	want := expectOnlineRetail(lines)
	t.Logf("expected (computed from the CSV): %+v", want)

	tdb := testdb.New(t)
	if tdb.Kind == "embedded" && os.Getenv("CI") != "true" && os.Getenv("CUSTSEG_ONLINE_RETAIL_EMBEDDED") == "" {
		// Measured on a busy 2-core machine: the embedded engine loads the
		// rows in about 4.5 min and runs the job in about 40 s (MariaDB: 5-12 s
		// and 17-21 s), with the same results. CI always has MariaDB.
		t.Skip("embedded engine: loading 541,909 rows takes about 4.5 min there; this test runs on MariaDB " +
			"(set CUSTSEG_ONLINE_RETAIL_EMBEDDED=1 to run it on the embedded engine anyway)")
	}
	db := tdb.Open(t)
	schema, err := os.ReadFile(filepath.Join(onlineRetailDir, "schema.sql"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(stripSQLComments(string(schema))); err != nil {
		t.Fatalf("schema.sql: %v", err)
	}
	t0 := time.Now()
	const batch = 2000
	var sb strings.Builder
	for i := 0; i < len(lines); i += batch {
		sb.Reset()
		sb.WriteString("INSERT INTO invoice_lines (invoice_no, stock_code, description, quantity, invoice_date, unit_price, customer_id, country) VALUES ")
		for k, l := range lines[i:min(i+batch, len(lines))] {
			if k > 0 {
				sb.WriteByte(',')
			}
			desc, cust := "NULL", "NULL"
			if l.desc != "" {
				desc = sqlQuote(l.desc)
			}
			if l.customer != "" {
				cust = l.customer
			}
			fmt.Fprintf(&sb, "(%s,%s,%s,%d,'%s',%s,%s,%s)", sqlQuote(l.invoice), sqlQuote(l.stock), desc, l.qty,
				l.at.Format("2006-01-02 15:04:05"), l.price, cust, sqlQuote(l.country))
		}
		if _, err := db.Exec(sb.String()); err != nil {
			t.Fatalf("insert rows %d-%d: %v", i+1, min(i+batch, len(lines)), err)
		}
	}
	load := time.Since(t0)
	var n int64
	if err := db.QueryRow("SELECT COUNT(*) FROM invoice_lines").Scan(&n); err != nil || n != int64(len(lines)) {
		t.Fatalf("loaded %d rows (%v), want %d", n, err, len(lines))
	}
	t.Logf("database %s: loaded %d rows in %s", tdb.Kind, n, load.Round(time.Millisecond))

	// The example's config, as config.yaml sets it; checked against the file.
	cfg := config.Default()
	cfg.Database.TimeZone = "Europe/London"
	cfg.Jobs[0].TimeZone = "Europe/London"
	cfg.Outputs.Locale = "en"
	cfg.Outputs.Currency = "£"
	cfg.Analysis.ZeroAmountOrders = "purchases"
	t.Setenv("CUSTSEG_DB_PASSWORD", "unused")
	ex, err := config.Load(filepath.Join(onlineRetailDir, "config.yaml"))
	if err != nil {
		t.Fatalf("example config: %v", err)
	}
	if ex.Database.TimeZone != cfg.Database.TimeZone || ex.Jobs[0].TimeZone != cfg.Jobs[0].TimeZone ||
		ex.Outputs.Locale != cfg.Outputs.Locale || ex.Outputs.Currency != cfg.Outputs.Currency ||
		ex.Analysis.ZeroAmountOrders != cfg.Analysis.ZeroAmountOrders || ex.Queries.Dir != "." {
		t.Errorf("config.yaml differs from the test's config: database.time_zone %q, jobs[0].time_zone %q, locale %q, currency %q, zero_amount_orders %q, queries.dir %q",
			ex.Database.TimeZone, ex.Jobs[0].TimeZone, ex.Outputs.Locale, ex.Outputs.Currency, ex.Analysis.ZeroAmountOrders, ex.Queries.Dir)
	}
	src, err := queries.LoadDir(onlineRetailDir)
	if err != nil {
		t.Fatal(err)
	}

	t0 = time.Now()
	m, err := Run(context.Background(), cfg, Options{AsOf: time.Date(2011, 12, 9, 0, 0, 0, 0, time.UTC),
		OutDir: t.TempDir(), Queries: &src, DSN: tdb.DSN})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("database %s: whole job in %s (steps, ms: %v)", tdb.Kind, time.Since(t0).Round(time.Millisecond), m.DurationsMS)
	if m.Status != "ok" || m.AsOf != "2011-12-09" {
		t.Errorf("manifest: status %q, as_of %q", m.Status, m.AsOf)
	}

	c := m.Counts
	if c.SourceRows != want.rows || c.Customers != want.customers || c.Buyers != want.buyers || c.Orders != want.orders {
		t.Errorf("counts: source rows %d, customers %d, buyers %d, orders %d; want %d, %d, %d, %d",
			c.SourceRows, c.Customers, c.Buyers, c.Orders, want.rows, want.customers, want.buyers, want.orders)
	}
	k := m.KPIs
	if k.Customers != want.customers || k.Buyers != want.buyers || k.Orders != want.orders {
		t.Errorf("KPIs: customers %d, buyers %d, orders %d", k.Customers, k.Buyers, k.Orders)
	}
	for _, money := range []struct {
		name      string
		got, want float64
	}{
		{"gross revenue", k.GrossRevenue, want.gross()}, {"refunds", k.Refunds, want.refunds()},
		{"net revenue", k.NetRevenue, want.net()},
	} {
		if math.Abs(money.got-money.want) > 0.01+1e-9 {
			t.Errorf("%s = %.2f, want %.2f", money.name, money.got, money.want)
		}
	}
	if math.Abs(k.RepeatRate-float64(want.repeat)/float64(want.buyers)) > 1e-9 {
		t.Errorf("repeat rate = %v, want %d/%d", k.RepeatRate, want.repeat, want.buyers)
	}
	if aov := want.gross() / float64(want.orders); math.Abs(k.AvgOrderValue-aov) > 0.01 {
		t.Errorf("average order value = %v, want %.4f", k.AvgOrderValue, aov)
	}

	wantQuality := map[string]int64{
		analysis.CheckNullCustomerID: want.nullCustomer, analysis.CheckNullDateOrAmount: 0,
		analysis.CheckFutureDate: want.future, analysis.CheckUnknownCustomer: 0,
		analysis.CheckZeroAmountPurchase: want.zero, analysis.CheckRefund: want.refundRows,
		analysis.CheckDuplicateOrderID: want.duplicates, analysis.CheckCustomersNullID: 0,
		analysis.CheckBuyersNonPositive: want.buyersNonPositive, analysis.CheckExactRepeatLines: want.exactRepeats,
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
	// A third of the purchase lines repeat another line of their invoice
	// exactly (the example's orders.sql has no product column), but no
	// invoice repeats whole: not a fan-out. And the data is fresh.
	for _, w := range m.Warnings {
		if strings.Contains(w, "repeat another row exactly") || strings.Contains(w, "stale") {
			t.Errorf("warning on the online retail shop: %s", w)
		}
	}
	if f := m.DataFreshness; f == nil || f.Stale || f.LastOrder != "2011-12-09" {
		t.Errorf("data_freshness = %+v", f)
	}

	// The models: BG/NBD on every buyer, Gamma-Gamma on the repeat buyers.
	// Both converge on this data; parameters finite and positive.
	bg, gg := m.Models.BGNBD, m.Models.GammaGamma
	t.Logf("BG/NBD: %+v", bg)
	t.Logf("Gamma-Gamma: %+v", gg)
	for _, p := range []float64{bg.R, bg.Alpha, bg.A, bg.B, gg.P, gg.Q, gg.V} {
		if !(p > 0) || math.IsInf(p, 0) {
			t.Errorf("model parameter %v is not a positive number", p)
		}
	}
	if !bg.Converged || bg.Error != "" || bg.NCustomers != want.buyers || math.IsNaN(bg.LogLikelihood) {
		t.Errorf("BG/NBD did not converge on %d buyers: %+v", want.buyers, bg)
	}
	if !gg.Converged || gg.Error != "" || gg.NCustomers == 0 || gg.NCustomers > want.repeat {
		t.Errorf("Gamma-Gamma did not converge on at most %d repeat buyers: %+v", want.repeat, gg)
	}
	clv, okCLV := analysis.Avail(k.CLV)
	exp, okExp := analysis.Avail(k.ExpectedPurchases)
	if !okCLV || !okExp || math.IsNaN(clv) || math.IsNaN(exp) || !(exp > 0) || !(clv > 0) {
		t.Errorf("expected purchases %v (%v), CLV %v (%v)", exp, okExp, clv, okCLV)
	}

	// Every buyer has one segment and one tier (no value when the net is not
	// positive); every customer one status, the non-buyers potential.
	sum := func(mm map[string]int) int {
		s := 0
		for _, v := range mm {
			s += v
		}
		return s
	}
	if s := sum(c.Segments); s != want.buyers {
		t.Errorf("segments hold %d customers, want the %d buyers: %v", s, want.buyers, c.Segments)
	}
	if s := sum(c.Tiers); s != want.buyers || int64(c.Tiers[analysis.TierNoValue.String()]) != want.buyersNonPositive {
		t.Errorf("tiers hold %d customers (%d no value), want %d (%d): %v", s, c.Tiers[analysis.TierNoValue.String()],
			want.buyers, want.buyersNonPositive, c.Tiers)
	}
	if s := sum(c.Statuses); s != want.customers || c.Statuses[analysis.StatusPotential.String()] != want.customers-want.buyers {
		t.Errorf("statuses hold %d customers (%d potential), want %d (%d): %v", s, c.Statuses[analysis.StatusPotential.String()],
			want.customers, want.customers-want.buyers, c.Statuses)
	}
	if c.Segments["champions"] == 0 || c.Tiers[analysis.TierKey.String()] == 0 || c.Tiers[analysis.TierKey.String()] >= c.Tiers[analysis.TierSmall.String()] {
		t.Errorf("implausible segments %v or tiers %v", c.Segments, c.Tiers)
	}
	if k.ActiveCustomer+k.AtRisk+k.Churned != want.buyers {
		t.Errorf("active %d + at risk %d + churned %d != %d buyers", k.ActiveCustomer, k.AtRisk, k.Churned, want.buyers)
	}
	t.Logf("segments %v; tiers %v; statuses %v", c.Segments, c.Tiers, c.Statuses)
}

// onlineRetailWant is what the run must report, worked out from the CSV.
type onlineRetailWant struct {
	rows, nullCustomer, future, zero, refundRows, duplicates, buyersNonPositive int64
	customers, buyers, orders, repeat                                           int
	grossMilli, refundsMilli                                                    int64 // thousandths of a pound
	// exactRepeats are purchase lines repeating another line of the same
	// invoice exactly (time, amount, category): two items at one price.
	exactRepeats int64
}

func (w onlineRetailWant) gross() float64   { return pounds(w.grossMilli) }
func (w onlineRetailWant) refunds() float64 { return pounds(w.refundsMilli) }
func (w onlineRetailWant) net() float64     { return pounds(w.grossMilli - w.refundsMilli) }

// pounds rounds thousandths of a pound to pence, as pounds.
func pounds(milli int64) float64 { return math.Round(float64(milli)/10) / 100 }

// expectOnlineRetail applies custseg's rules to the lines, as-of 2011-12-09
// with the default 90-day trend windows: lines without a customer are
// counted and left out; lines from 2011-12-10 on are future; a negative
// amount is a refund; a zero amount is a purchase worth nothing; every other
// line is a purchase, and a customer's orders are the distinct invoice
// numbers among their purchase lines in each trend window (recent, the one
// before, older), the lines beyond them duplicates.
func expectOnlineRetail(lines []retailLine) onlineRetailWant {
	end := time.Date(2011, 12, 10, 0, 0, 0, 0, time.UTC)
	recent := end.AddDate(0, 0, -90)
	prev := recent.AddDate(0, 0, -90)
	type group struct {
		customer string
		window   int
	}
	invoices := map[group]map[string]bool{}
	gross := map[string]int64{}
	refunds := map[string]int64{}
	customers := map[string]bool{}
	var w onlineRetailWant
	buyRows := int64(0)
	type retailKey struct {
		customer, invoice string
		at                time.Time
		amount            int64
		category          string
	}
	seen := map[retailKey]bool{}
	for i := range lines {
		l := &lines[i]
		w.rows++
		if l.customer == "" {
			w.nullCustomer++
			continue
		}
		customers[l.customer] = true
		if !l.at.Before(end) {
			w.future++
			continue
		}
		a := l.amountMilli()
		if a == 0 {
			w.zero++
		}
		if a < 0 {
			w.refundRows++
			refunds[l.customer] -= a
			w.refundsMilli -= a
			continue
		}
		window := 0
		switch {
		case !l.at.Before(recent):
			window = 2
		case !l.at.Before(prev):
			window = 1
		}
		g := group{l.customer, window}
		if invoices[g] == nil {
			invoices[g] = map[string]bool{}
		}
		invoices[g][l.invoice] = true
		key := retailKey{l.customer, l.invoice, l.at, a, retailCategory(l.stock)}
		if seen[key] {
			w.exactRepeats++
		}
		seen[key] = true
		buyRows++
		gross[l.customer] += a
		w.grossMilli += a
	}
	orders := map[string]int{}
	for g, inv := range invoices {
		orders[g.customer] += len(inv)
		w.orders += len(inv)
	}
	w.duplicates = buyRows - int64(w.orders)
	w.customers = len(customers)
	for id, n := range orders {
		w.buyers++
		if n >= 2 {
			w.repeat++
		}
		if gross[id]-refunds[id] <= 0 {
			w.buyersNonPositive++
		}
	}
	return w
}

// retailCategory is the category the example's orders.sql gives a stock
// code (compared as the server does: any case, trailing spaces ignored).
func retailCategory(stock string) string {
	s := strings.ToUpper(strings.TrimRight(stock, " "))
	switch s {
	case "POST", "DOT", "C2":
		return "postage"
	case "M", "D", "S", "B", "BANK CHARGES", "AMAZONFEE", "CRUK":
		return "fees and adjustments"
	}
	return "goods"
}

// readOnlineRetail reads and checks every line of the gzipped CSV.
func readOnlineRetail(t *testing.T, path string) []retailLine {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	gz, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	r := csv.NewReader(gz)
	r.FieldsPerRecord = 8
	head, err := r.Read()
	if err != nil || strings.Join(head, ",") != "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country" {
		t.Fatalf("%s: header %v (%v)", path, head, err)
	}
	lines := make([]retailLine, 0, 541909)
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		line := len(lines) + 2
		l := retailLine{invoice: rec[0], stock: rec[1], desc: rec[2], price: rec[5], country: rec[7]}
		if l.qty, err = strconv.ParseInt(rec[3], 10, 64); err != nil {
			t.Fatalf("%s:%d: quantity: %v", path, line, err)
		}
		if l.at, err = time.Parse("2006-01-02 15:04:05", rec[4]); err != nil {
			t.Fatalf("%s:%d: date: %v", path, line, err)
		}
		if l.priceMilli, err = parseMilli(rec[5]); err != nil {
			t.Fatalf("%s:%d: unit price: %v", path, line, err)
		}
		if rec[6] != "" {
			id, ok := strings.CutSuffix(rec[6], ".0")
			if _, err := strconv.Atoi(id); !ok || err != nil {
				t.Fatalf("%s:%d: customer id %q", path, line, rec[6])
			}
			l.customer = id
		}
		lines = append(lines, l)
	}
	if len(lines) != 541909 {
		t.Fatalf("%s: %d lines, want 541,909", path, len(lines))
	}
	return lines
}

// parseMilli reads a decimal with at most three decimals ("2.55", "-11062.06",
// "0") as an exact count of thousandths.
func parseMilli(s string) (int64, error) {
	neg := strings.HasPrefix(s, "-")
	whole, frac, _ := strings.Cut(strings.TrimPrefix(s, "-"), ".")
	if whole == "" || len(frac) > 3 || strings.ContainsAny(whole+frac, "+-eE") {
		return 0, fmt.Errorf("%q is not a decimal with at most 3 decimals", s)
	}
	w, err := strconv.ParseInt(whole, 10, 64)
	if err != nil {
		return 0, err
	}
	var fr int64
	if frac != "" {
		if fr, err = strconv.ParseInt(frac+strings.Repeat("0", 3-len(frac)), 10, 64); err != nil {
			return 0, err
		}
	}
	v := w*1000 + fr
	if neg {
		v = -v
	}
	return v, nil
}

// sqlQuote writes s as a MySQL string literal.
func sqlQuote(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte('\'')
	for _, r := range s {
		switch r {
		case '\'':
			b.WriteString("''")
		case '\\':
			b.WriteString(`\\`)
		case 0:
			b.WriteString(`\0`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case 0x1a:
			b.WriteString(`\Z`)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('\'')
	return b.String()
}

// stripSQLComments drops the -- comment lines of a one-statement file and
// its trailing semicolon.
func stripSQLComments(s string) string {
	var keep []string
	for _, l := range strings.Split(s, "\n") {
		if !strings.HasPrefix(strings.TrimSpace(l), "--") {
			keep = append(keep, l)
		}
	}
	return strings.TrimSuffix(strings.TrimSpace(strings.Join(keep, "\n")), ";")
}
