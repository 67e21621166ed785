// Package jobstest holds the fixtures that the tests of a run (package
// jobs), of the scheduler (package schedule) and of the delivery ledger
// (package ledger) share: the small shop in a throw-away database, a
// config that delivers to an in-process SMTP server, a write-back target
// beside the shop, and a folder this user cannot write in (ReadOnlyDir).
// It is imported by tests only; it imports config and the other test
// packages, never jobs, schedule or ledger.
package jobstest

import (
	"database/sql"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/go-sql-driver/mysql"

	"github.com/custseg/custseg/config"
	"github.com/custseg/custseg/internal/smtptest"
	"github.com/custseg/custseg/internal/testdb"
)

// AsOf is the as-of date the shop is made for.
var AsOf = time.Date(2026, 9, 30, 0, 0, 0, 0, time.UTC)

// Shop returns a throw-away database holding the small shop of
// jobs/testdata/shop.sql.
func Shop(t testing.TB) *testdb.DB {
	t.Helper()
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		t.Fatal("jobstest: cannot find its own source file")
	}
	tdb := testdb.New(t)
	tdb.Exec(t, filepath.Join(filepath.Dir(file), "..", "..", "jobs", "testdata", "shop.sql"))
	return tdb
}

// DeliveryConfig is the default config with email on through srv (two
// management recipients, one in marketing, ops for alerts, quick retries)
// and a shared folder in a temporary folder.
func DeliveryConfig(t testing.TB, srv *smtptest.Server) *config.Config {
	cfg := config.Default()
	cfg.Email.Enabled = true
	cfg.Email.Host, cfg.Email.Port, cfg.Email.Security = srv.Host, srv.Port, "none"
	cfg.Email.From = "custseg <reports@shop.example>"
	cfg.Email.Retries, cfg.Email.RetryBackoff, cfg.Email.Timeout = 2, 10*time.Millisecond, 5*time.Second
	cfg.Email.Audiences[0].To = []string{"boss@shop.example", "cfo@shop.example"}
	cfg.Email.Audiences[1].To = []string{"marketing@shop.example"}
	cfg.Email.Alerts = []string{"ops@shop.example"}
	cfg.Delivery.SharedFolder = filepath.Join(t.TempDir(), "share")
	return cfg
}

// WritebackTarget turns the write-back on in cfg, into a schema of its own
// on tdb's server (dropped when the test ends), and returns the schema and
// a connection to the server with no default database. On an engine that
// cannot host the write-back it skips the test (CI always has MariaDB).
func WritebackTarget(t testing.TB, tdb *testdb.DB, cfg *config.Config) (string, *sql.DB) {
	t.Helper()
	mc, err := mysql.ParseDSN(tdb.DSN)
	if err != nil {
		t.Fatal(err)
	}
	mc.DBName = ""
	admin, err := sql.Open("mysql", mc.FormatDSN())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { admin.Close() })
	schema := "custseg_wb_" + tdb.Name[len(tdb.Name)-8:]
	t.Cleanup(func() { admin.Exec("DROP DATABASE IF EXISTS `" + schema + "`") })
	cfg.Writeback = config.Writeback{Enabled: true, DSN: mc.FormatDSN(), Schema: schema}
	// The write-back needs CREATE DATABASE, information_schema and
	// transactions; ask the engine for them once.
	probe := "custseg_wb_probe_" + tdb.Name[len(tdb.Name)-8:]
	_, err = admin.Exec("CREATE DATABASE `" + probe + "`")
	if err == nil {
		_, err = admin.Exec("DROP DATABASE `" + probe + "`")
	}
	if err != nil {
		if tdb.Kind == "mariadb" {
			t.Fatalf("the server refuses CREATE DATABASE: %v", err)
		}
		t.Skipf("the %s engine cannot host the write-back (%v); tested on MariaDB, which CI always has", tdb.Kind, err)
	}
	return schema, admin
}
