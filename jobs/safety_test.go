package jobs

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/custseg/custseg/config"
	"github.com/custseg/custseg/queries"
)

// TestQueriesCannotWrite: every query runs in a READ ONLY transaction with
// multi-statements off, so SQL that tries to write fails and the data stays.
func TestQueriesCannotWrite(t *testing.T) {
	tdb := loadFixture(t)
	if tdb.Kind != "mariadb" {
		t.Skip("stored functions and read-only enforcement are tested on MariaDB (CI always has it)")
	}
	db := tdb.Open(t)
	if _, err := db.Exec(`CREATE FUNCTION custseg_evil() RETURNS INT MODIFIES SQL DATA
		BEGIN DELETE FROM orders; RETURN 1; END`); err != nil {
		t.Fatal(err)
	}
	base := "SELECT o.order_no AS order_id, o.customer_id, o.created_at AS ordered_at, o.total_amount AS amount FROM orders o"
	tests := []struct {
		name, orders, want string
	}{
		{"stored function that writes", strings.Replace(base, "FROM orders o", ", custseg_evil() AS x FROM orders o", 1),
			"Cannot execute statement in a READ ONLY transaction"},
		{"second statement", base + "; DROP TABLE orders", "You have an error in your SQL syntax"},
		{"write instead of read", "DELETE FROM orders", "You have an error in your SQL syntax"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := queries.Builtin()
			src.Orders = queries.File{Name: "orders.sql", SQL: tt.orders}
			_, err := runFixture(t, tdb, t.TempDir(), &src)
			if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), "orders.sql") {
				t.Errorf("err = %v, want one naming orders.sql and saying %q", err, tt.want)
			}
			var n int
			if err := db.QueryRow("SELECT COUNT(*) FROM orders").Scan(&n); err != nil || n != 14 {
				t.Errorf("orders now hold %d rows (%v), want the 14 of the fixture", n, err)
			}
		})
	}
}

// TestCancelledRunLeavesNoQuery: cancelling a run kills its query on the
// server too.
func TestCancelledRunLeavesNoQuery(t *testing.T) {
	tdb := loadFixture(t)
	if tdb.Kind != "mariadb" {
		t.Skip("SHOW PROCESSLIST is checked on MariaDB (CI always has it)")
	}
	db := tdb.Open(t)
	src := queries.Builtin()
	src.Orders = queries.File{Name: "orders.sql", SQL: "SELECT o.order_no AS order_id, o.customer_id, o.created_at AS ordered_at, " +
		"o.total_amount AS amount FROM orders o WHERE SLEEP(3) = 0"}
	ctx, cancel := context.WithTimeout(context.Background(), 1500*time.Millisecond)
	defer cancel()
	_, err := Run(ctx, config.Default(), Options{AsOf: asOf, OutDir: t.TempDir(), Queries: &src, DSN: tdb.DSN})
	if err == nil {
		t.Fatal("a run of a 40-second query finished within 1.5 s")
	}
	deadline := time.Now().Add(5 * time.Second)
	for {
		var n int
		if err := db.QueryRow("SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE INFO LIKE '%SLEEP(3)%' AND ID <> CONNECTION_ID()").Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d queries of the cancelled run still run on the server", n)
		}
		time.Sleep(100 * time.Millisecond)
	}
}
