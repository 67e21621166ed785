package jobs

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/go-sql-driver/mysql"

	"github.com/custseg/custseg/config"
	"github.com/custseg/custseg/internal/tcpproxy"
	"github.com/custseg/custseg/internal/testdb"
	"github.com/custseg/custseg/queries"
)

// proxied starts a tcpproxy in front of the test database and returns it
// with a DSN that goes through it.
func proxied(t *testing.T, tdb *testdb.DB) (*tcpproxy.Proxy, string) {
	t.Helper()
	mc, err := mysql.ParseDSN(tdb.DSN)
	if err != nil {
		t.Fatal(err)
	}
	p := tcpproxy.Start(t, mc.Addr)
	mc.Addr = p.Addr
	return p, mc.FormatDSN()
}

// sleepyOrders is orders.sql of the fixture made to take secs a row; tag
// makes its text unique to the test, to find it in the process list.
func sleepyOrders(secs string) *queries.Source {
	src := queries.Builtin()
	src.Orders = queries.File{Name: "orders.sql", SQL: "SELECT o.order_no AS order_id, o.customer_id, o.created_at AS ordered_at, " +
		"o.total_amount AS amount FROM orders o WHERE SLEEP(" + secs + ") = 0"}
	return &src
}

// waitForQuery waits until a query running SLEEP(secs) shows in db's
// process list and returns its connection id.
func waitForQuery(t *testing.T, tdb *testdb.DB, secs string, done <-chan struct{}) (int64, bool) {
	t.Helper()
	admin := tdb.Open(t)
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		var id int64
		err := admin.QueryRow("SELECT ID FROM information_schema.PROCESSLIST WHERE DB = ? AND INFO LIKE ? AND ID <> CONNECTION_ID() LIMIT 1",
			tdb.Name, "%SLEEP("+secs+")%").Scan(&id)
		if err == nil {
			return id, true
		}
		select {
		case <-done:
			return 0, false
		case <-time.After(20 * time.Millisecond):
		}
	}
	t.Errorf("the run's query never showed in the process list")
	return 0, false
}

// TestFaultDatabaseStalls: the server (or the network to it) stops
// answering while a run's query runs, the connection staying open.
//
// Before: the run waited up to database.query_timeout (30 min by default).
// Now: the heartbeat misses two answers and the run fails at step extract
// with "the database stopped answering", within a few heartbeats.
func TestFaultDatabaseStalls(t *testing.T) {
	tdb := loadFixture(t)
	if tdb.Kind != "mariadb" {
		t.Skip("the stall is tested through a proxy in front of MariaDB (CI always has it)")
	}
	p, dsn := proxied(t, tdb)
	cfg := config.Default()
	cfg.Database.Heartbeat = time.Second
	// Long enough that a run that only stops at the query timeout fails
	// the test on its error, not on a wait.
	cfg.Database.QueryTimeout = 2 * time.Minute

	done := make(chan struct{})
	go func() {
		if _, ok := waitForQuery(t, tdb, "0.21", done); ok {
			p.Stall()
		}
	}()
	start := time.Now()
	_, err := Run(context.Background(), cfg, Options{AsOf: asOf, OutDir: t.TempDir(), Queries: sleepyOrders("0.21"), DSN: dsn})
	close(done)
	t.Logf("after %v: %v", time.Since(start).Round(time.Millisecond), err)
	var se *StepError
	if !errors.As(err, &se) || se.Step != StepExtract || !errors.Is(err, queries.ErrStalled) ||
		!strings.Contains(err.Error(), "the database stopped answering") {
		t.Fatalf("err = %v, want the extract to fail with %q", err, queries.ErrStalled)
	}
}

// TestFaultConnectionCutKillsQuery: the run's connection is cut (a proxy
// restart, a dropped route) while its query runs on the server.
//
// Before: the run failed with "invalid connection", and the server went on
// running the query for nobody until it ended (here 40 s).
// Now: the run sends KILL QUERY for it from a fresh connection, and the
// query leaves the server's process list.
func TestFaultConnectionCutKillsQuery(t *testing.T) {
	tdb := loadFixture(t)
	if tdb.Kind != "mariadb" {
		t.Skip("the process list is checked on MariaDB (CI always has it)")
	}
	p, dsn := proxied(t, tdb)
	cfg := config.Default()
	cfg.Database.Heartbeat = 0 // the cut, not the heartbeat, ends the query

	done := make(chan struct{})
	ids := make(chan int64, 1)
	go func() {
		id, ok := waitForQuery(t, tdb, "2.9", done)
		if ok {
			p.Cut()
		}
		ids <- id
	}()
	_, err := Run(context.Background(), cfg, Options{AsOf: asOf, OutDir: t.TempDir(), Queries: sleepyOrders("2.9"), DSN: dsn})
	close(done)
	id := <-ids
	if id == 0 {
		t.Fatalf("no query to cut; run: %v", err)
	}
	if err == nil || !queries.ConnectionLost(err) {
		t.Fatalf("err = %v, want a lost connection", err)
	}
	admin := tdb.Open(t)
	// The query (14 rows × 2.9 s) would run 40 s on its own.
	deadline := time.Now().Add(15 * time.Second)
	for {
		var n int
		if err := admin.QueryRow("SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE ID = ? AND INFO LIKE '%SLEEP(2.9)%'", id).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the query of the cut connection %d still runs on the server", id)
		}
		time.Sleep(100 * time.Millisecond)
	}
}
