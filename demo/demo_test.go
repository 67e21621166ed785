package demo

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"flag"
	"fmt"
	"math"
	"os"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// smallOptions is the shop the load tests use: big enough to have every
// kind of row, small enough to load in a second or two.
var smallOptions = Options{Customers: 2000, Orders: 20000}

// shopHash hashes every field of every row.
func shopHash(s *Shop) string {
	h := sha256.New()
	for _, c := range s.Customers {
		fmt.Fprintf(h, "%d|%s|%v|%s|%s|%s|%s|%s|%s|%s\n", c.ID, c.FullName, c.Email, c.Mobile, c.Province, c.City,
			c.Gender, c.BirthDate.Format(time.DateOnly), c.Channel, c.CreatedAt.Format(time.DateTime))
	}
	for _, o := range s.Orders {
		fmt.Fprintf(h, "%d|%s|%v|%s|%s|%d|%d|%d|%s\n", o.ID, o.OrderNo, o.CustomerID, o.CreatedAt.Format(time.DateTime),
			o.Status, o.TotalCents, o.DiscountCents, o.CostCents, o.Category)
	}
	return hex.EncodeToString(h.Sum(nil))
}

func TestGenerateDeterministic(t *testing.T) {
	a, b := Generate(smallOptions), Generate(smallOptions)
	ha, hb := shopHash(a), shopHash(b)
	if ha != hb {
		t.Fatalf("same options, different shops: %s != %s", ha, hb)
	}
	other := smallOptions
	other.Seed = 7
	if hc := shopHash(Generate(other)); hc == ha {
		t.Fatalf("seed 7 gave the same shop as the default seed (%s)", hc)
	}
	if a.Options.Seed != DefaultSeed {
		t.Errorf("Options.Seed = %d, want the default %d", a.Options.Seed, DefaultSeed)
	}
}

func TestGenerateShares(t *testing.T) {
	tests := []struct {
		name string
		opts Options
	}{
		{"default", Options{}},
		{"small", smallOptions},
		{"other seed", Options{Seed: 42, Customers: 5000, Orders: 40000}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if testing.Short() && tt.name == "default" {
				t.Skip("full-size shop skipped in -short mode")
			}
			shop := Generate(tt.opts)
			o := shop.Options
			s := shop.Summary()
			t.Logf("%+v", s)
			if s.Customers != o.Customers {
				t.Errorf("customers = %d, want %d", s.Customers, o.Customers)
			}
			if math.Abs(float64(s.Orders-o.Orders)) > 0.05*float64(o.Orders) {
				t.Errorf("orders = %d, want %d ± 5%%", s.Orders, o.Orders)
			}
			// Bounds: the brief's targets with room for sampling noise.
			shares := []struct {
				name    string
				got     float64
				lo, hi  float64
				comment string
			}{
				{"never bought", s.NeverBoughtShare, 0.06, 0.10, "about 8% of customers"},
				{"one-time buyers", s.OneTimeShare, 0.35, 0.45, "about 40% of buyers"},
				{"top-20% revenue", s.Top20Share, 0.50, 0.85, "Pareto: about 60-75%"},
				{"refunds", s.RefundShare, 0.02, 0.04, "about 3% of paid orders"},
				{"cancelled", float64(s.Cancelled) / float64(s.Paid), 0.005, 0.015, "about 1%"},
				{"discounted", s.DiscountShare, 0.25, 0.35, "about 30% of paid orders"},
			}
			for _, sh := range shares {
				if sh.got < sh.lo || sh.got > sh.hi {
					t.Errorf("%s share = %.3f, want in [%.3f, %.3f] (%s)", sh.name, sh.got, sh.lo, sh.hi, sh.comment)
				}
			}
			bad := []struct {
				name      string
				got, want int
			}{
				{"orders without customer", s.NullCustomerOrders, 5},
				{"orders of unknown customers", s.UnknownCustomerOrders, 5},
				{"orders after End", s.FutureOrders, 3},
				{"orders with amount 0", s.ZeroAmountOrders, 3},
			}
			for _, b := range bad {
				if b.got != b.want {
					t.Errorf("%s = %d, want %d", b.name, b.got, b.want)
				}
			}
		})
	}
}

// TestGenerateRows checks the invariants every row must keep for the
// tables and for the product's data-quality rules.
func TestGenerateRows(t *testing.T) {
	shop := Generate(smallOptions)
	o := shop.Options
	customers := map[int64]*CustomerRow{}
	emails, mobiles := map[string]bool{}, map[string]bool{}
	fits := func(what, s string, n int) {
		if utf8.RuneCountInString(s) > n {
			t.Errorf("%s %q longer than VARCHAR(%d)", what, s, n)
		}
	}
	for i := range shop.Customers {
		c := &shop.Customers[i]
		if c.ID != int64(i+1) {
			t.Fatalf("customer %d has id %d", i, c.ID)
		}
		customers[c.ID] = c
		if c.Gender != "F" && c.Gender != "M" {
			t.Errorf("customer %d: gender %q", c.ID, c.Gender)
		}
		if c.CreatedAt.Before(o.Start) || c.CreatedAt.After(o.End) {
			t.Errorf("customer %d: created_at %s outside the period", c.ID, c.CreatedAt)
		}
		ageAtEnd := o.End.Sub(c.BirthDate).Hours() / 24 / 365.25
		ageAtReg := c.CreatedAt.Sub(c.BirthDate).Hours() / 24 / 365.25
		if ageAtReg < 18 || ageAtEnd >= 71 {
			t.Errorf("customer %d: born %s, aged %.1f at sign-up and %.1f at End", c.ID, c.BirthDate, ageAtReg, ageAtEnd)
		}
		if len(c.Mobile) != 11 || c.Mobile[0] != '1' || mobiles[c.Mobile] {
			t.Errorf("customer %d: mobile %q malformed or duplicate", c.ID, c.Mobile)
		}
		mobiles[c.Mobile] = true
		if c.Email.Valid {
			if !strings.Contains(c.Email.String, "@") || emails[c.Email.String] {
				t.Errorf("customer %d: email %q malformed or duplicate", c.ID, c.Email.String)
			}
			emails[c.Email.String] = true
			fits("email", c.Email.String, 128)
		}
		fits("full_name", c.FullName, 64)
		fits("province", c.Province, 32)
		fits("city", c.City, 32)
		fits("channel", c.Channel, 16)
	}

	byNo := map[string]*OrderRow{}
	for i := range shop.Orders {
		r := &shop.Orders[i]
		if r.ID != int64(i+1) {
			t.Fatalf("order %d has id %d", i, r.ID)
		}
		if i > 0 && r.CreatedAt.Before(shop.Orders[i-1].CreatedAt) {
			t.Errorf("order %d is dated before order %d", r.ID, r.ID-1)
		}
		if byNo[r.OrderNo] != nil {
			t.Errorf("order_no %s repeated", r.OrderNo)
		}
		byNo[r.OrderNo] = r
		fits("order_no", r.OrderNo, 32)
		if c := customers[r.CustomerID.Int64]; c != nil && r.CreatedAt.Before(c.CreatedAt) {
			t.Errorf("order %d dated %s before its customer signed up (%s)", r.ID, r.CreatedAt, c.CreatedAt)
		}
		switch r.Status {
		case StatusPaid, StatusCancelled:
			if r.TotalCents < 0 || r.DiscountCents < 0 || r.CostCents < 0 {
				t.Errorf("%s order %d has a negative amount", r.Status, r.ID)
			}
			if r.TotalCents >= 100_00 {
				if ratio := float64(r.CostCents) / float64(r.TotalCents); ratio < 0.55 || ratio > 0.75 {
					t.Errorf("order %d: cost %.2f of the amount, want 0.55-0.75", r.ID, ratio)
				}
			}
		case StatusRefund:
		default:
			t.Errorf("order %d: status %q", r.ID, r.Status)
		}
	}
	refunds := 0
	for _, r := range shop.Orders {
		if r.Status != StatusRefund {
			continue
		}
		refunds++
		orig := byNo[strings.TrimPrefix(r.OrderNo, "R")]
		switch {
		case orig == nil || !strings.HasPrefix(r.OrderNo, "R"):
			t.Errorf("refund %d (%s) refers to no order", r.ID, r.OrderNo)
		case orig.Status != StatusPaid:
			t.Errorf("refund %d refunds a %s order", r.ID, orig.Status)
		case orig.CustomerID != r.CustomerID:
			t.Errorf("refund %d is for customer %v, its order for %v", r.ID, r.CustomerID, orig.CustomerID)
		case !r.CreatedAt.After(orig.CreatedAt) || r.CreatedAt.After(o.End):
			t.Errorf("refund %d dated %s; its order %s; End %s", r.ID, r.CreatedAt, orig.CreatedAt, o.End)
		case r.TotalCents >= 0 || -r.TotalCents > orig.TotalCents:
			t.Errorf("refund %d of %d cents for an order of %d", r.ID, r.TotalCents, orig.TotalCents)
		}
	}
	if refunds == 0 {
		t.Error("no refunds")
	}
}

func TestQuoterAndCents(t *testing.T) {
	tests := []struct {
		in, backslash, plain string
	}{
		{"王芳", `'王芳'`, `'王芳'`},
		{"O'Neil", `'O''Neil'`, `'O''Neil'`},
		{`a\b`, `'a\\b'`, `'a\b'`},
		{"x\ny\x00", `'x\ny\0'`, "'x\ny\x00'"},
	}
	for _, tt := range tests {
		for _, mode := range []struct {
			q    quoter
			want string
		}{{quoter{backslash: true}, tt.backslash}, {quoter{}, tt.plain}} {
			var b strings.Builder
			mode.q.str(&b, tt.in)
			if b.String() != mode.want {
				t.Errorf("quoter%+v.str(%q) = %s, want %s", mode.q, tt.in, b.String(), mode.want)
			}
		}
	}
	for c, want := range map[int64]string{0: "0.00", 5: "0.05", 1234: "12.34", -1234: "-12.34", -7: "-0.07", 100: "1.00"} {
		if got := FormatCents(c); got != want {
			t.Errorf("FormatCents(%d) = %s, want %s", c, got, want)
		}
	}
}

// startEmbedded starts an embedded server and opens a pool on it.
func startEmbedded(t testing.TB) (*Server, *sql.DB) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	srv, err := StartServer(ctx, "shop")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := srv.Close(); err != nil {
			t.Errorf("close: %v", err)
		}
	})
	if !strings.HasPrefix(srv.Addr(), "127.0.0.1:") {
		t.Errorf("Addr() = %q, want 127.0.0.1:port", srv.Addr())
	}
	if want := "root@tcp(" + srv.Addr() + ")/shop?parseTime=true&loc=UTC"; srv.DSN() != want {
		t.Errorf("DSN() = %q, want %q", srv.DSN(), want)
	}
	db, err := sql.Open("mysql", srv.DSN())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return srv, db
}

func TestLoadEmbedded(t *testing.T) {
	_, db := startEmbedded(t)
	// A tiny shop first, so the second Load shows it replaces the tables.
	if err := Load(t.Context(), db, Generate(Options{Customers: 50, Orders: 300})); err != nil {
		t.Fatal(err)
	}
	testLoad(t, db)
}

// mariaDSN is the real server the MariaDB test loads into.
func mariaDSN() string {
	if dsn := os.Getenv("CUSTSEG_TEST_MYSQL_DSN"); dsn != "" {
		return dsn
	}
	return "root@tcp(127.0.0.1:3306)/test?parseTime=true&loc=UTC"
}

// TestLoadMariaDB runs the same load against a real server. It skips when
// none is reachable, except under CI=true, where that is a failure.
func TestLoadMariaDB(t *testing.T) {
	dsn := mariaDSN()
	db, err := sql.Open("mysql", dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx, cancel := context.WithTimeout(t.Context(), 3*time.Second)
	defer cancel()
	if err := db.PingContext(ctx); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("MariaDB at %s not reachable under CI: %v", dsn, err)
		}
		t.Skipf("MariaDB at %s not reachable (set CUSTSEG_TEST_MYSQL_DSN to another): %v", dsn, err)
	}
	testLoad(t, db)
}

// testLoad loads the small shop, with one awkward name, and checks what
// the database returns against the Go rows.
func testLoad(t *testing.T, db *sql.DB) {
	t.Helper()
	ctx := t.Context()
	shop := Generate(smallOptions)
	awkward := `O'Neil \ 测试 "欧阳"`
	shop.Customers[0].FullName = awkward

	start := time.Now()
	if err := Load(ctx, db, shop); err != nil {
		t.Fatal(err)
	}
	t.Logf("loaded %d customers and %d orders in %s", len(shop.Customers), len(shop.Orders), time.Since(start).Round(time.Millisecond))

	var nc, no int
	if err := db.QueryRowContext(ctx, "SELECT COUNT(*) FROM customers").Scan(&nc); err != nil {
		t.Fatal(err)
	}
	if err := db.QueryRowContext(ctx, "SELECT COUNT(*) FROM orders").Scan(&no); err != nil {
		t.Fatal(err)
	}
	if nc != len(shop.Customers) || no != len(shop.Orders) {
		t.Fatalf("tables hold %d customers and %d orders, want %d and %d", nc, no, len(shop.Customers), len(shop.Orders))
	}

	// One customer row round trip: characters, NULL, DATE, DATETIME.
	want := shop.Customers[0]
	var got CustomerRow
	err := db.QueryRowContext(ctx, `SELECT id, full_name, email, mobile, province, city, gender, birth_date, channel, created_at
		FROM customers WHERE id = ?`, want.ID).Scan(&got.ID, &got.FullName, &got.Email, &got.Mobile, &got.Province,
		&got.City, &got.Gender, &got.BirthDate, &got.Channel, &got.CreatedAt)
	if err != nil {
		t.Fatal(err)
	}
	if got != want {
		t.Errorf("customer round trip:\n got %+v\nwant %+v", got, want)
	}
	var nullEmails int
	if err := db.QueryRowContext(ctx, "SELECT COUNT(*) FROM customers WHERE email IS NULL").Scan(&nullEmails); err != nil {
		t.Fatal(err)
	}
	wantNull := 0
	for _, c := range shop.Customers {
		if !c.Email.Valid {
			wantNull++
		}
	}
	if nullEmails != wantNull {
		t.Errorf("%d NULL emails, want %d", nullEmails, wantNull)
	}

	// The per-customer aggregate custseg pushes down, against Go's own.
	type agg struct {
		n   int
		sum int64
	}
	wantAgg := map[int64]agg{}
	var total int64
	for _, o := range shop.Orders {
		if o.CustomerID.Valid {
			a := wantAgg[o.CustomerID.Int64]
			a.n++
			a.sum += o.TotalCents
			wantAgg[o.CustomerID.Int64] = a
			total += o.TotalCents
		}
	}
	rows, err := db.QueryContext(ctx, `SELECT customer_id, COUNT(*), SUM(total_amount), MIN(created_at), MAX(created_at)
		FROM orders WHERE customer_id IS NOT NULL GROUP BY customer_id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	groups := 0
	var gotTotal float64
	for rows.Next() {
		var id int64
		var n int
		var sum float64 // DECIMAL on MariaDB, DOUBLE on the embedded engine
		var first, last time.Time
		if err := rows.Scan(&id, &n, &sum, &first, &last); err != nil {
			t.Fatal(err)
		}
		groups++
		gotTotal += sum
		w, ok := wantAgg[id]
		switch {
		case !ok:
			t.Errorf("customer %d: in the database, not in the shop", id)
		case n != w.n || math.Abs(sum-float64(w.sum)/100) > 0.005:
			t.Errorf("customer %d: %d orders summing to %.2f, want %d and %.2f", id, n, sum, w.n, float64(w.sum)/100)
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if groups != len(wantAgg) {
		t.Errorf("%d customers in GROUP BY, want %d", groups, len(wantAgg))
	}
	if math.Abs(gotTotal-float64(total)/100) > 0.01*float64(groups) {
		t.Errorf("total %.2f, want %.2f", gotTotal, float64(total)/100)
	}

	// The indexes exist.
	for _, table := range []string{"customers", "orders"} {
		names := indexNames(t, db, table)
		for _, stmt := range Indexes {
			if f := strings.Fields(stmt); f[4] == table && !names[f[2]] {
				t.Errorf("table %s has no index %s (has %v)", table, f[2], names)
			}
		}
	}
}

// indexNames returns the names SHOW INDEX lists for table.
func indexNames(t *testing.T, db *sql.DB, table string) map[string]bool {
	t.Helper()
	rows, err := db.QueryContext(t.Context(), "SHOW INDEX FROM "+table)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]bool{}
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		for i, c := range cols {
			if strings.EqualFold(c, "Key_name") {
				names[fmt.Sprintf("%s", vals[i])] = true
			}
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return names
}

// runRequested reports whether -run names the test, so a slow test can
// run only when asked for by name.
func runRequested(name string) bool {
	f := flag.Lookup("test.run")
	return f != nil && strings.Contains(f.Value.String(), name)
}

// TestFullDemoLoad measures what `custseg demo` does before its job runs:
// generate the default shop and load it into the embedded server. It runs
// only with -run TestFullDemoLoad.
func TestFullDemoLoad(t *testing.T) {
	if !runRequested("TestFullDemoLoad") {
		t.Skip("run with -run TestFullDemoLoad")
	}
	start := time.Now()
	shop := Generate(Options{})
	genTime := time.Since(start)
	_, db := startEmbedded(t)
	loadStart, loadCPU := time.Now(), cpuSeconds()
	if err := Load(t.Context(), db, shop); err != nil {
		t.Fatal(err)
	}
	loadTime, loadCPU := time.Since(loadStart), cpuSeconds()-loadCPU
	s := shop.Summary()
	t.Logf("generate %d customers / %d orders: %s; load into the embedded server: %s (%.1f s of CPU in this process, client, server and GC); total %s",
		s.Customers, s.Orders, genTime.Round(time.Millisecond), loadTime.Round(time.Millisecond), loadCPU, time.Since(start).Round(time.Millisecond))
	t.Logf("never bought %.1f%%, one-time buyers %.1f%% of buyers, top-20%% revenue share %.1f%%, refunds %d (%.1f%% of paid), cancelled %d, discounted %.1f%%",
		100*s.NeverBoughtShare, 100*s.OneTimeShare, 100*s.Top20Share, s.Refunds, 100*s.RefundShare, s.Cancelled, 100*s.DiscountShare)

	queryStart := time.Now()
	var groups int
	if err := db.QueryRowContext(t.Context(), `SELECT COUNT(*) FROM (SELECT customer_id, COUNT(*), SUM(total_amount)
		FROM orders WHERE status = 'paid' GROUP BY customer_id) g`).Scan(&groups); err != nil {
		t.Fatal(err)
	}
	t.Logf("per-customer GROUP BY over orders: %d groups in %s", groups, time.Since(queryStart).Round(time.Millisecond))
}

// BenchmarkLoadDefault loads the default shop into a fresh embedded server.
func BenchmarkLoadDefault(b *testing.B) {
	shop := Generate(Options{})
	for b.Loop() {
		b.StopTimer()
		srv, err := StartServer(context.Background(), "shop")
		if err != nil {
			b.Fatal(err)
		}
		db, err := sql.Open("mysql", srv.DSN())
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		if err := Load(context.Background(), db, shop); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		db.Close()
		srv.Close()
		b.StartTimer()
	}
}

func BenchmarkGenerateDefault(b *testing.B) {
	for b.Loop() {
		Generate(Options{})
	}
}
