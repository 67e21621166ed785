package main

import (
	"fmt"
	"strings"
	"testing"

	"github.com/go-sql-driver/mysql"

	"github.com/custseg/custseg/queries"
)

// checkLine returns the line of check's output that starts with prefix.
func checkLine(out, prefix string) string {
	for _, l := range strings.Split(out, "\n") {
		if strings.HasPrefix(l, prefix) {
			return l
		}
	}
	return ""
}

// TestCheckRefusesWhatRunRefuses: customer ids on two rows make `check`
// fail with the message `run` fails with (before: check said ok).
func TestCheckRefusesWhatRunRefuses(t *testing.T) {
	s := newBadInputShop(t)
	s.writeQuery(t, "customers.sql", "SELECT c.id AS customer_id, c.full_name AS name FROM customers c\nUNION ALL\nSELECT c.id, c.full_name FROM customers c WHERE c.id = 5\nORDER BY customer_id, name")
	path := s.writeConfig(t, s.configYAML(""))
	env := map[string]string{"CUSTSEG_DSN": s.dsn}
	code, out, _ := run(t, env, "check", "--config", path)
	_, _, stderr := run(t, env, "run", "--config", path, "--as-of", "2026-09-30")
	runMsg := strings.TrimPrefix(errorLine(t, stderr), "Error: extract: ")
	file := s.dir + "/queries/customers.sql"
	want := "FAIL  customer ids in " + file + ": " + runMsg
	if !strings.Contains(runMsg, "customer_id 5 appears more than once") || checkLine(out, "FAIL  customer ids") != want || code == exitOK {
		t.Errorf("check exit %d:\n%s\nwant the line %q", code, out, want)
	}
}

// TestLockingClause: a locking read in orders.sql is a WARN line of
// `check` naming the file, line and clause, and `run` refuses it unless
// queries.allow_locking is true (before: check said nothing, and the run
// held the shop's writers for its whole length).
func TestLockingClause(t *testing.T) {
	s := newBadInputShop(t)
	s.writeQuery(t, "orders.sql", queries.Builtin().Orders.SQL+"\n-- for update: not this one\nLOCK  IN\n share mode")
	n := strings.Count(queries.Builtin().Orders.SQL, "\n") + 3
	file := s.dir + "/queries/orders.sql"
	path := s.writeConfig(t, s.configYAML(""))
	env := map[string]string{"CUSTSEG_DSN": s.dsn}
	_, out, _ := run(t, env, "check", "--config", path)
	want := fmt.Sprintf("WARN  locking read in %s: line %d: LOCK IN SHARE MODE locks every row", file, n)
	if l := checkLine(out, "WARN  locking read"); !strings.HasPrefix(l, want) || !strings.HasSuffix(l, "a run refuses it") {
		t.Errorf("check:\n%s\nwant a line starting %q", out, want)
	}
	code, _, stderr := run(t, env, "run", "--config", path, "--as-of", "2026-09-30")
	wantErr := fmt.Sprintf("Error: extract: %s: line %d: LOCK IN SHARE MODE locks every row", file, n)
	if l := errorLine(t, stderr); code == exitOK || !strings.HasPrefix(l, wantErr) || !strings.Contains(l, "queries.allow_locking: true") {
		t.Errorf("run exit %d, %q; want %q…", code, l, wantErr)
	}

	path = s.writeConfig(t, strings.Replace(s.configYAML(""), "queries:\n", "queries:\n  allow_locking: true\n", 1))
	_, out, _ = run(t, env, "check", "--config", path)
	if l := checkLine(out, "WARN  locking read"); !strings.Contains(l, "queries.allow_locking is true") {
		t.Errorf("check with allow_locking:\n%s", out)
	}
	code, _, stderr = run(t, env, "run", "--config", path, "--as-of", "2026-09-30")
	t.Logf("run with allow_locking: exit %d", code)
	if strings.Contains(stderr, "locks every row") {
		t.Errorf("run with allow_locking refused the query:\n%s", stderr)
	}
}

// TestCheckWriteback: with writeback.enabled, check connects as the
// write-back, and a user that may not write its tables fails one line.
func TestCheckWriteback(t *testing.T) {
	s := newBadInputShop(t)
	if s.tdb.Kind != "mariadb" {
		t.Skip("users and grants are tested on MariaDB (CI always has it)")
	}
	admin := s.tdb.Open(t)
	schema := s.tdb.Name + "_wb"
	user := "cs_wb_" + s.tdb.Name[len(s.tdb.Name)-8:]
	t.Cleanup(func() {
		admin.Exec("DROP DATABASE IF EXISTS `" + schema + "`")
		admin.Exec("DROP USER IF EXISTS '" + user + "'@'%'")
		admin.Exec("DROP USER IF EXISTS '" + user + "'@'localhost'")
	})
	env := map[string]string{"CUSTSEG_DSN": s.dsn}
	mc, err := mysql.ParseDSN(s.dsn)
	if err != nil {
		t.Fatal(err)
	}
	mc.DBName = ""
	lineOf := func(dsn string) string {
		t.Setenv("CUSTSEG_TEST_WB_DSN", dsn)
		path := s.writeConfig(t, s.configYAML("writeback:\n  enabled: true\n  dsn: ${CUSTSEG_TEST_WB_DSN}\n  schema: "+schema+"\n"))
		_, out, _ := run(t, env, "check", "--config", path)
		for _, p := range []string{"ok    write-back ", "FAIL  write-back "} {
			if l := checkLine(out, p); l != "" {
				return l
			}
		}
		t.Errorf("no write-back line:\n%s", out)
		return ""
	}
	if l := lineOf(mc.FormatDSN()); l != "ok    write-back "+schema+": connected; tables present; may select, insert and delete" {
		t.Errorf("write-back as root: %q", l)
	}
	for _, q := range []string{
		"CREATE USER '" + user + "'@'%' IDENTIFIED BY 'wb-pass'",
		"CREATE USER '" + user + "'@'localhost' IDENTIFIED BY 'wb-pass'",
		"GRANT SELECT ON `" + schema + "`.* TO '" + user + "'@'%'",
		"GRANT SELECT ON `" + schema + "`.* TO '" + user + "'@'localhost'",
	} {
		if _, err := admin.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	mc.User, mc.Passwd = user, "wb-pass"
	if l := lineOf(mc.FormatDSN()); !strings.HasPrefix(l, "FAIL  write-back "+schema+": INSERT on ") || !strings.Contains(l, "grant the write-back's user") {
		t.Errorf("write-back as a reader: %q", l)
	}
}
