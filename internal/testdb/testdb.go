// Package testdb gives tests a MySQL-compatible database of their own: a
// fresh database on the real MariaDB/MySQL server when one answers (always
// under CI, where an unreachable server fails the test), otherwise the
// embedded engine that `custseg demo` uses (demo/embedded).
package testdb

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-sql-driver/mysql"

	"github.com/custseg/custseg/demo/embedded"
)

// EnvDSN names the variable holding the server DSN for integration tests;
// default DefaultDSN.
const EnvDSN = "CUSTSEG_TEST_DSN"

// DefaultDSN is the MariaDB of the development machines and CI.
const DefaultDSN = "root@tcp(127.0.0.1:3306)/test"

// namePrefix starts the name of every database New creates, followed by its
// creation time in Unix seconds and a random suffix. Tests that need a
// second database name it after their DB's Name, so the prefix covers it.
const namePrefix = "custseg_test_"

// staleAfter is the age past which a test database is taken as left behind
// by a killed test run and dropped by the next run's first New.
const staleAfter = 6 * time.Hour

var sweepOnce sync.Once

// sweep drops the test databases (namePrefix, then a creation time) older
// than staleAfter: those of test runs killed before their cleanup ran.
// Databases without a creation time in their name are left alone.
func sweep(t testing.TB, admin *sql.DB, now time.Time) {
	rows, err := admin.Query("SELECT schema_name FROM information_schema.schemata WHERE schema_name LIKE 'custseg\\_test\\_%'")
	if err != nil {
		t.Logf("testdb: list stale test databases: %v", err)
		return
	}
	var stale []string
	for rows.Next() {
		var name string
		if rows.Scan(&name) != nil {
			continue
		}
		created, _, _ := strings.Cut(strings.TrimPrefix(name, namePrefix), "_")
		if sec, err := strconv.ParseInt(created, 10, 64); err == nil && now.Sub(time.Unix(sec, 0)) > staleAfter {
			stale = append(stale, name)
		}
	}
	rows.Close()
	for _, name := range stale {
		if _, err := admin.Exec("DROP DATABASE IF EXISTS `" + name + "`"); err != nil {
			t.Logf("testdb: drop stale test database %s: %v", name, err)
		}
	}
}

// DB is a test database.
type DB struct {
	DSN  string // go-sql-driver DSN of the test's own database
	Kind string // "mariadb" (a real server) or "embedded"
	Name string // database name

	engine string // see Engine; "" for the embedded engine
}

// New returns a fresh, empty database, dropped when the test ends.
func New(t testing.TB) *DB {
	t.Helper()
	base := os.Getenv(EnvDSN)
	if base == "" {
		base = DefaultDSN
	}
	// The creation time in the name lets a later test run drop what a
	// killed one (a -timeout panic, a ^C) could not.
	name := fmt.Sprintf("%s%d_%s", namePrefix, time.Now().Unix(), randomHex(4))
	mc, err := mysql.ParseDSN(base)
	if err != nil {
		t.Fatalf("%s: %v", EnvDSN, err)
	}
	mc.DBName = ""
	mc.Timeout = 3 * time.Second
	admin, err := sql.Open("mysql", mc.FormatDSN())
	if err == nil {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		err = admin.PingContext(ctx)
		cancel()
	}
	if err == nil {
		sweepOnce.Do(func() { sweep(t, admin, time.Now()) })
		if _, err := admin.Exec("CREATE DATABASE " + name + " CHARACTER SET utf8mb4"); err != nil {
			t.Fatalf("create test database: %v", err)
		}
		t.Cleanup(func() {
			if _, err := admin.Exec("DROP DATABASE IF EXISTS " + name); err != nil {
				t.Errorf("drop test database %s: %v", name, err)
			}
			admin.Close()
		})
		mc.DBName = name
		mc.ParseTime = true
		mc.Loc = time.UTC
		mc.Timeout = 0
		d := &DB{DSN: mc.FormatDSN(), Kind: "mariadb", Name: name, engine: serverEngine(admin, mc.Addr)}
		d.announce(t, "")
		return d
	}
	if admin != nil {
		admin.Close()
	}
	if os.Getenv("CI") == "true" {
		t.Fatalf("MySQL/MariaDB at %s is not reachable under CI: %v", mc.Addr, err)
	}
	why := fmt.Sprintf("no MySQL/MariaDB at %s: %v", mc.Addr, err)
	srv, err := embedded.Start(context.Background(), name)
	if err != nil {
		t.Fatalf("embedded server: %v", err)
	}
	t.Cleanup(func() { srv.Close() })
	d := &DB{DSN: srv.DSN(), Kind: "embedded", Name: name}
	d.announce(t, why)
	return d
}

// Open connects to d for setting up fixtures.
func (d *DB) Open(t testing.TB) *sql.DB {
	t.Helper()
	db, err := sql.Open("mysql", d.DSN)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func randomHex(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// Exec runs the statements of a SQL file (separated by ";" at the end of a
// line, "--" comment lines ignored) in d, for fixtures.
func (d *DB) Exec(t testing.TB, path string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	db := d.Open(t)
	for _, stmt := range strings.Split(string(b), ";\n") {
		var lines []string
		for _, l := range strings.Split(stmt, "\n") {
			if !strings.HasPrefix(strings.TrimSpace(l), "--") {
				lines = append(lines, l)
			}
		}
		if s := strings.TrimSpace(strings.Join(lines, "\n")); s != "" {
			if _, err := db.Exec(s); err != nil {
				t.Fatalf("%s: %v\n%s", path, err, s)
			}
		}
	}
}
