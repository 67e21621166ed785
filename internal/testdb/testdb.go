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
	"os"
	"strings"
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

// DB is a test database.
type DB struct {
	DSN  string // go-sql-driver DSN of the test's own database
	Kind string // "mariadb" (a real server) or "embedded"
	Name string // database name
}

// New returns a fresh, empty database, dropped when the test ends.
func New(t testing.TB) *DB {
	t.Helper()
	base := os.Getenv(EnvDSN)
	if base == "" {
		base = DefaultDSN
	}
	name := "custseg_test_" + randomHex(4)
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
		if _, err := admin.Exec("CREATE DATABASE " + name + " CHARACTER SET utf8mb4"); err != nil {
			t.Fatalf("create test database: %v", err)
		}
		t.Cleanup(func() {
			admin.Exec("DROP DATABASE IF EXISTS " + name)
			admin.Close()
		})
		mc.DBName = name
		mc.ParseTime = true
		mc.Loc = time.UTC
		mc.Timeout = 0
		return &DB{DSN: mc.FormatDSN(), Kind: "mariadb", Name: name}
	}
	if admin != nil {
		admin.Close()
	}
	if os.Getenv("CI") == "true" {
		t.Fatalf("MySQL/MariaDB at %s is not reachable under CI: %v", mc.Addr, err)
	}
	t.Logf("no MySQL/MariaDB at %s (%v): using the embedded engine", mc.Addr, err)
	srv, err := embedded.Start(context.Background(), name)
	if err != nil {
		t.Fatalf("embedded server: %v", err)
	}
	t.Cleanup(func() { srv.Close() })
	return &DB{DSN: srv.DSN(), Kind: "embedded", Name: name}
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
