package demo

import (
	"context"
	"database/sql"
	"flag"
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/custseg/custseg/demo/embedded"
	"github.com/custseg/custseg/internal/testdb"
)

// startEmbedded starts an embedded server and opens a pool on it.
func startEmbedded(t testing.TB) (*embedded.Server, *sql.DB) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	srv, err := embedded.Start(ctx, "shop")
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

// TestLoadMariaDB runs the same load against a real server, in a database
// of its own (internal/testdb, CUSTSEG_TEST_DSN). It skips when none is
// reachable, except under CI=true, where that is a failure.
func TestLoadMariaDB(t *testing.T) {
	tdb := testdb.New(t)
	if tdb.Kind != "mariadb" {
		t.Skipf("no MariaDB/MySQL reachable (set %s): the embedded engine is TestLoadEmbedded's", testdb.EnvDSN)
	}
	testLoad(t, tdb.Open(t))
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
		srv, err := embedded.Start(context.Background(), "shop")
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
