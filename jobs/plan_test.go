package jobs

import (
	"context"
	"strings"
	"testing"

	"github.com/custseg/custseg/queries"
)

// TestExplainOrders checks the query-plan advice of `custseg check` on
// MariaDB: a plain scan is fine; a plan forced through the customer index
// reads each order by a row lookup, and the advice names a covering index
// with every column orders.sql reads, customer first and the WHERE column
// next; with that index in place the plan reads the index alone.
func TestExplainOrders(t *testing.T) {
	tdb := loadFixture(t)
	if tdb.Kind != "mariadb" {
		t.Skip("the embedded engine's EXPLAIN has no access types; MariaDB runs this (always under CI)")
	}
	sqlDB := tdb.Open(t)
	db := openFixture(t, tdb,
		"CREATE INDEX idx_orders_customer_id ON orders (customer_id)",
		"CREATE INDEX idx_orders_created_at ON orders (created_at)",
	)
	explain := func(orders string) queries.Plan {
		t.Helper()
		src := queries.Builtin()
		if orders != "" {
			src.Orders.SQL = orders
		}
		p, err := queries.ExplainOrders(context.Background(), db, src, queries.Optional{Cost: true, Discount: true, Category: true}, false)
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	builtin := queries.Builtin().Orders.SQL
	forced := func(index string) string {
		// A filter on the customer id, as many shops' queries have, lets
		// the server range over the customer index.
		out := strings.Replace(builtin, "FROM orders o", "FROM orders o FORCE INDEX ("+index+")", 1)
		out = strings.Replace(out, "WHERE o.status", "WHERE o.customer_id > 0 AND o.status", 1)
		if !strings.Contains(out, "FORCE INDEX") || !strings.Contains(out, "customer_id > 0") {
			t.Fatal("the built-in orders.sql no longer reads FROM orders o")
		}
		return out
	}

	// The built-in query: a scan and a sort by customer, which a covering
	// index with the customer first would spare (a hint, not a warning).
	cover := "CREATE INDEX custseg_orders_cover ON orders (customer_id, status, order_no, created_at, total_amount, cost_amount, discount_amount, category)"
	if p := explain(""); p.Lookup || p.Advice() != "" || !p.Sorts || !strings.Contains(p.Hint(), cover) ||
		!strings.Contains(p.Summary(), "sorts the rows by customer") {
		t.Errorf("built-in query on a small table: %s; advice %q, hint %q", p.Summary(), p.Advice(), p.Hint())
	}
	p := explain(forced("idx_orders_customer_id"))
	if !p.Lookup || p.BaseTable != "orders" || p.Key != "idx_orders_customer_id" {
		t.Fatalf("forced through the customer index: %+v", p)
	}
	want := "CREATE INDEX custseg_orders_cover ON orders (customer_id, status, order_no, created_at, total_amount, cost_amount, discount_amount, category)"
	if p.Index != want {
		t.Errorf("covering index\n got %s\nwant %s", p.Index, want)
	}
	if a := p.Advice(); !strings.Contains(a, want) || !strings.Contains(a, "IGNORE INDEX (idx_orders_customer_id)") {
		t.Errorf("advice: %s", a)
	}
	if !strings.Contains(p.Summary(), "row lookup per order") {
		t.Errorf("summary: %s", p.Summary())
	}

	if _, err := sqlDB.Exec(p.Index); err != nil {
		t.Fatalf("the advised index: %v", err)
	}
	if p := explain(forced("custseg_orders_cover")); p.Lookup || !p.Covering {
		t.Errorf("with the covering index: %+v", p)
	}
}
