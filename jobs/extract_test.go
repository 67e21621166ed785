package jobs

import (
	"context"
	"fmt"
	"math"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/custseg/custseg/config"
	"github.com/custseg/custseg/queries"
)

// TestExtractBreakdowns checks the pushed-down breakdowns on the fixture:
// first-day spend, trend windows, categories and cohorts, worked out by
// hand from testdata/shop.sql.
func TestExtractBreakdowns(t *testing.T) {
	tdb := loadFixture(t)
	db := openFixture(t, tdb)
	win := queries.NewWindow(asOf, time.UTC, 90)
	ex, err := queries.Extract(context.Background(), db, queries.Builtin(), win, queries.Rules{ZeroIsPurchase: true})
	if err != nil {
		t.Fatal(err)
	}
	ds := ex.Dataset
	byID := map[string]int{}
	for i, c := range ds.Customers {
		byID[c.ID] = i
	}
	c1 := ds.Customers[byID["1"]]
	// Customer 1 bought on 2025-12-01 (300), 2026-06-01 (200), 2026-09-28 (100).
	// Recent window: 2026-07-03..2026-09-30; previous: 2026-04-04..2026-07-02.
	if c1.FirstDayGross != 300 || c1.RecentOrders != 1 || c1.PreviousOrders != 1 ||
		c1.LastBeforeRecent.String() != "2026-06-01" {
		t.Errorf("customer 1: first day %v, recent %d, previous %d, last before recent %v",
			c1.FirstDayGross, c1.RecentOrders, c1.PreviousOrders, c1.LastBeforeRecent)
	}
	// Customer 4's order O6 has two lines on one day: 80 + 20.
	if c4 := ds.Customers[byID["4"]]; c4.FirstDayGross != 100 || c4.Orders != 1 || c4.OrderDays != 1 {
		t.Errorf("customer 4: %+v", c4)
	}
	if !ds.HasCategory {
		t.Fatal("categories not extracted")
	}
	var cats []string
	for _, cs := range c1.Categories {
		cats = append(cats, fmt.Sprintf("%s=%g", ds.CategoryNames[cs.Cat], cs.Amount))
	}
	sort.Strings(cats)
	if got := strings.Join(cats, " "); got != "数码=300 服装=100 美妆=200" {
		t.Errorf("customer 1 categories: %s", got)
	}
	// Cohorts: first purchase months 2025-01 (3), 2025-12 (1), 2026-04 (7),
	// 2026-07 (4), 2026-09 (2); customer 1 bought again in 2026-06 and 2026-09.
	// Customer 99, whom customers.sql does not return, bought in 2026-05:
	// the cohorts leave that order out, as every other sheet does.
	var cells []string
	for _, c := range ds.CohortCells {
		cells = append(cells, fmt.Sprintf("%s/%s:%d:%g", c.Cohort, c.Month, c.Customers, math.Round(c.Revenue)))
	}
	sort.Strings(cells)
	want := "2025-01/2025-01:1:1000 2025-12/2025-12:1:300 2025-12/2026-06:1:200 2025-12/2026-09:1:100 " +
		"2026-04/2026-04:1:120 2026-07/2026-07:1:100 2026-09/2026-09:1:50"
	if got := strings.Join(cells, " "); got != want {
		t.Errorf("cohort cells:\n got %s\nwant %s", got, want)
	}
	// The dataset counts that one buyer (the Data quality sheet names it).
	if ds.UnknownBuyers != 1 {
		t.Errorf("UnknownBuyers = %d, want 1 (customer 99)", ds.UnknownBuyers)
	}
}

// TestExtractSetsTempTableSize checks that the grouped queries run with the
// configured temporary-table memory: orders.sql reports the session's
// tmp_table_size as its category, so the category breakdown shows what the
// server saw.
func TestExtractSetsTempTableSize(t *testing.T) {
	tdb := loadFixture(t)
	if tdb.Kind != "mariadb" {
		t.Skip("the embedded engine has no tmp_table_size; MariaDB runs this (always under CI)")
	}
	db := openFixture(t, tdb)
	src := queries.Builtin()
	src.Orders.SQL = strings.Replace(src.Orders.SQL, "o.category         AS category",
		"CAST(@@session.tmp_table_size AS CHAR) AS category", 1)
	if !strings.Contains(src.Orders.SQL, "@@session.tmp_table_size") {
		t.Fatal("the built-in orders.sql no longer has the category line this test rewrites")
	}
	for _, size := range []int64{64 << 20, 300 << 20} {
		win := queries.NewWindow(asOf, time.UTC, 90)
		ex, err := queries.Extract(context.Background(), db, src, win, queries.Rules{ZeroIsPurchase: true, TempTableBytes: size})
		if err != nil {
			t.Fatal(err)
		}
		if got, want := strings.Join(ex.Dataset.CategoryNames, ","), fmt.Sprint(size); got != want {
			t.Errorf("tmp_table_size seen by the breakdown query: %s, want %s", got, want)
		}
	}
}

// TestExtractTellsIDsApartByBytes checks that text customer ids equal
// under the column's collation ("ab" and "AB" under a case-insensitive
// one) stay two customers, each with their own orders: the orders are
// read sorted by the ids' bytes, so neither's rows interleave with the
// other's.
func TestExtractTellsIDsApartByBytes(t *testing.T) {
	tdb := loadFixture(t)
	db := openFixture(t, tdb,
		"CREATE TABLE ci_customers (id VARCHAR(8) COLLATE utf8mb4_general_ci NOT NULL)",
		"CREATE TABLE ci_orders (id INT NOT NULL, cust VARCHAR(8) COLLATE utf8mb4_general_ci NOT NULL, at DATETIME NOT NULL, amount DECIMAL(10,2) NOT NULL)",
		"INSERT INTO ci_customers VALUES ('ab'), ('AB'), ('b')",
		"INSERT INTO ci_orders VALUES (1, 'ab', '2026-09-01 10:00:00', 1.00), (2, 'AB', '2026-09-02 10:00:00', 2.00), "+
			"(3, 'ab', '2026-09-03 10:00:00', 4.00), (4, 'AB', '2026-09-04 10:00:00', 8.00), (5, 'b', '2026-09-05 10:00:00', 16.00), "+
			"(6, 'aB', '2026-09-06 10:00:00', 32.00), (7, 'ab', '2026-09-07 10:00:00', 64.00)",
	)
	src := queries.Source{
		Customers: queries.File{Name: "customers.sql", SQL: "SELECT id AS customer_id FROM ci_customers"},
		Orders:    queries.File{Name: "orders.sql", SQL: "SELECT id AS order_id, cust AS customer_id, at AS ordered_at, amount FROM ci_orders"},
	}
	ex, err := queries.Extract(context.Background(), db, src, queries.NewWindow(asOf, time.UTC, 90), queries.Rules{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range ex.Dataset.Customers {
		got = append(got, fmt.Sprintf("%s:%d:%g", c.ID, c.Orders, c.Gross))
	}
	sort.Strings(got)
	if want := "AB:2:10 ab:3:69 b:1:16"; strings.Join(got, " ") != want {
		t.Errorf("customers %s, want %s", strings.Join(got, " "), want)
	}
	if ex.Dataset.UnknownBuyers != 1 {
		t.Errorf("unknown buyers %d, want 1 (aB)", ex.Dataset.UnknownBuyers)
	}
}

// TestDuplicateCustomerIDStopsOrdersStatement: the orders statement goes
// to the server as soon as the customers' rows are read, and the server
// sorts the orders while custseg builds the customers from those rows.
// When the building then finds a customer id twice, the run fails with
// the duplicate's message, and the orders statement (here 14 rows × 2.7 s
// of SLEEP before the sort) does not go on running on the server for
// nobody: custseg kills it.
func TestDuplicateCustomerIDStopsOrdersStatement(t *testing.T) {
	tdb := loadFixture(t)
	if tdb.Kind != "mariadb" {
		t.Skip("the process list is checked on MariaDB (CI always has it)")
	}
	src := sleepyOrders("2.7")
	src.Customers = queries.File{Name: "customers.sql",
		SQL: "SELECT u.customer_id, u.name FROM (SELECT c.id AS customer_id, c.full_name AS name, c.id AS k FROM customers c UNION ALL SELECT 3, 'copy of 3', 99) u ORDER BY u.k"}
	cfg := config.Default()
	cfg.Database.Heartbeat = 0
	_, err := Run(context.Background(), cfg, Options{AsOf: asOf, OutDir: t.TempDir(), Queries: src, DSN: tdb.DSN})
	want := "extract: customers.sql: customer_id 3 appears more than once (rows 3 and 8); customers.sql must return one row per customer"
	if err == nil || err.Error() != want {
		t.Fatalf("err = %v, want %q", err, want)
	}
	admin := tdb.Open(t)
	// On its own the statement would run 38 s.
	deadline := time.Now().Add(10 * time.Second)
	for {
		var n int
		if err := admin.QueryRow("SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE DB = ? AND INFO LIKE '%SLEEP(2.7)%' AND ID <> CONNECTION_ID()",
			tdb.Name).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the orders statement still runs on the server after the run failed")
		}
		time.Sleep(100 * time.Millisecond)
	}
}
