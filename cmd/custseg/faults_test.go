package main

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/go-sql-driver/mysql"

	"github.com/custseg/custseg/jobs"
)

// Faults of the environment through the command line: what `custseg run`
// prints, exits with, leaves on disk and sends. jobs/faults_test.go has
// the same faults at the level of jobs.Execute.

// slowOrdersSQL takes 0.2 s a row of the fixture's orders (about 3 s a
// scan), so that a test can act while the run is in the extract step.
const slowOrdersSQL = "SELECT o.order_no AS order_id, o.customer_id, o.created_at AS ordered_at, " +
	"o.total_amount AS amount FROM orders o WHERE SLEEP(0.2) = 0"

// ourQueries returns the connection ids running a query in database db,
// other than admin's own.
func ourQueries(t *testing.T, admin *sql.DB, db string) []int64 {
	t.Helper()
	rows, err := admin.Query("SELECT ID FROM information_schema.PROCESSLIST WHERE DB = ? AND INFO LIKE '%SLEEP(0.2)%' AND ID <> CONNECTION_ID()", db)
	if err != nil {
		t.Errorf("process list: %v", err)
		return nil
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		rows.Scan(&id)
		ids = append(ids, id)
	}
	return ids
}

// whenRunning calls act with the connection id of the run's slow query as
// soon as it shows in the process list, in the background; the returned
// func waits for that and reports whether act ran.
func whenRunning(t *testing.T, admin *sql.DB, db string, act func(id int64) error) (wait func() bool) {
	t.Helper()
	done := make(chan bool, 1)
	go func() {
		deadline := time.Now().Add(15 * time.Second)
		for time.Now().Before(deadline) {
			if ids := ourQueries(t, admin, db); len(ids) > 0 {
				if err := act(ids[0]); err != nil {
					t.Errorf("acting on the running query: %v", err)
				}
				done <- true
				return
			}
			time.Sleep(20 * time.Millisecond)
		}
		done <- false
	}()
	return func() bool { return <-done }
}

// skipUnlessMariaDB skips a test of s on the embedded engine, saying why.
// It first waits for s's SMTP server to greet: go-smtp's Close misses a
// listener that Serve has not registered yet, so a test that ends right
// after smtptest.Start can hang in its cleanup.
func skipUnlessMariaDB(t *testing.T, s *badInputShop, why string) {
	t.Helper()
	if s.tdb.Kind == "mariadb" {
		return
	}
	c, err := net.DialTimeout("tcp", net.JoinHostPort(s.srv.Host, strconv.Itoa(s.srv.Port)), 5*time.Second)
	if err == nil {
		c.SetDeadline(time.Now().Add(5 * time.Second))
		bufio.NewReader(c).ReadString('\n')
		c.Write([]byte("QUIT\r\n"))
		c.Close()
	}
	t.Skip(why)
}

// runWith is run with a context of the caller's.
func runWith(ctx context.Context, env map[string]string, args ...string) (int, string, string) {
	var out, errOut bytes.Buffer
	m := NewMain(&out, &errOut)
	m.Getenv = func(k string) string { return env[k] }
	code := m.Run(ctx, args)
	return code, out.String(), errOut.String()
}

// TestFaultCLIConnectionKilled: the run's database connection is killed
// mid-query (KILL from another session, as a DBA or a failover would).
//
// The operator sees: within moments, log lines then one last line
// "Error: extract: <queries>/orders.sql: aggregate: invalid connection" on
// stderr,
// exit status 3 (database or query error). (The MySQL driver also prints
// "[mysql] … packets.go:58 unexpected EOF" to the process's stderr, before
// the Error line.)
// On disk: no run folder, nothing in the shared folder; <out>/runs.jsonl
// gains a "failed" line at step extract.
// Sent: the alert to email.alerts, quoting the error; no report.
func TestFaultCLIConnectionKilled(t *testing.T) {
	s := newBadInputShop(t)
	skipUnlessMariaDB(t, s, "KILL of a connection found in information_schema.PROCESSLIST is tested on MariaDB (CI always has it)")
	admin := s.tdb.Open(t)
	s.writeQuery(t, "orders.sql", slowOrdersSQL)
	cfg := s.writeConfig(t, s.configYAML(""))
	wait := whenRunning(t, admin, s.tdb.Name, func(id int64) error {
		_, err := admin.Exec("KILL ?", id)
		return err
	})
	code, _, stderr := run(t, map[string]string{"CUSTSEG_DSN": s.dsn}, "run", "--config", cfg, "--as-of", "2026-09-30")
	if !wait() {
		t.Fatalf("the run's query never showed in the process list (exit %d)\n%s", code, stderr)
	}
	line := errorLine(t, stderr)
	if code != exitDatabase || !strings.HasPrefix(line, "Error: extract: "+filepath.Join(s.dir, "queries", "orders.sql")+": ") ||
		!strings.Contains(line, "connection") {
		t.Fatalf("exit %d, error line %q; want 3 and a line about the lost connection at extract\n%s", code, line, stderr)
	}
	s.assertNothingLeft(t, true)
	s.assertOnlyAlert(t, "extract", strings.TrimPrefix(line, "Error: "))
	runs, _ := jobs.ReadRuns(filepath.Join(s.dir, "out"), "")
	if len(runs) != 1 || runs[0].Status != "failed" || runs[0].Step != jobs.StepExtract {
		t.Errorf("history: %+v", runs)
	}
}

// TestFaultCLIOutputNotWritable: the output folder cannot be written; here
// a file stands where the job's folder should be, which stops root too
// (permissions do not).
//
// The operator sees: "Error: publish: output folder: mkdir <out>/weekly:
// not a directory" (or "permission denied" on a read-only folder), exit
// status 1.
// On disk: nothing new (the file in the way is untouched, no run or
// temporary folder); the history line is in <out>/runs.jsonl.
// Sent: the alert; no report, nothing published to the shared folder.
func TestFaultCLIOutputNotWritable(t *testing.T) {
	s := newBadInputShop(t)
	cfg := s.writeConfig(t, s.configYAML(""))
	jobDir := filepath.Join(s.dir, "out", "weekly")
	os.MkdirAll(filepath.Dir(jobDir), 0o755)
	if err := os.WriteFile(jobDir, []byte("in the way\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := run(t, map[string]string{"CUSTSEG_DSN": s.dsn}, "run", "--config", cfg, "--as-of", "2026-09-30")
	line := errorLine(t, stderr)
	if code != exitFailed || !strings.HasPrefix(line, "Error: publish: output folder: ") || !strings.Contains(line, jobDir) {
		t.Fatalf("exit %d, error line %q; want 1 and a line at publish naming %s\n%s%s", code, line, jobDir, stdout, stderr)
	}
	if b, err := os.ReadFile(jobDir); err != nil || string(b) != "in the way\n" {
		t.Errorf("the file in the way changed: %q %v", b, err)
	}
	ents, _ := os.ReadDir(filepath.Join(s.dir, "out"))
	if len(ents) != 2 { // weekly (the file) and runs.jsonl
		t.Errorf("the output folder holds %d entries", len(ents))
	}
	if _, err := os.Stat(filepath.Join(s.dir, "share")); !os.IsNotExist(err) {
		t.Errorf("the failed run made the shared folder (%v)", err)
	}
	s.assertOnlyAlert(t, "publish", strings.TrimPrefix(line, "Error: "))
}

// TestFaultCLISIGTERM: `custseg run` gets SIGTERM (systemd stop, a
// Kubernetes pod deleted, Ctrl-C is the same with SIGINT) while its query
// runs. The test delivers a real SIGTERM to itself, caught the way main
// catches it (signal.NotifyContext).
//
// The operator sees: "Error: extract: interrupted: <queries>/orders.sql:
// aggregate: context canceled" as the last line, exit status 130.
// On disk: no run folder, no temporary folder, nothing in the shared
// folder; <out>/runs.jsonl gains a "failed" line at step extract whose
// error says "interrupted".
// On the server: the query is killed (KILL QUERY from a second
// connection), nothing of the run keeps running; with writeback enabled
// the run's row (failed, extract, interrupted) is in custseg_runs.
// Sent: the alert (it has its own time, as the run's is over); no report.
func TestFaultCLISIGTERM(t *testing.T) {
	s := newBadInputShop(t)
	skipUnlessMariaDB(t, s, "that no query is left running is checked in MariaDB's process list (CI always has it)")
	admin := s.tdb.Open(t)
	s.writeQuery(t, "orders.sql", slowOrdersSQL)
	mc, err := mysql.ParseDSN(s.dsn)
	if err != nil {
		t.Fatal(err)
	}
	mc.DBName = ""
	schema := s.tdb.Name + "_wb"
	t.Cleanup(func() { admin.Exec("DROP DATABASE IF EXISTS `" + schema + "`") })
	cfg := s.writeConfig(t, s.configYAML(fmt.Sprintf("writeback:\n  enabled: true\n  dsn: '%s'\n  schema: %s\n", mc.FormatDSN(), schema)))

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM)
	defer stop()
	wait := whenRunning(t, admin, s.tdb.Name, func(int64) error {
		return syscall.Kill(os.Getpid(), syscall.SIGTERM)
	})
	start := time.Now()
	code, _, stderr := runWith(ctx, map[string]string{"CUSTSEG_DSN": s.dsn}, "run", "--config", cfg, "--as-of", "2026-09-30")
	signalled := wait()
	// Keep catching SIGTERM until it has arrived, so that it never falls
	// through to the default action and ends the test binary.
	if signalled {
		select {
		case <-ctx.Done():
		case <-time.After(10 * time.Second):
			t.Fatal("SIGTERM sent but never caught")
		}
	}
	if !signalled {
		t.Fatalf("the run's query never showed in the process list (exit %d)\n%s", code, stderr)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("the run took %v to stop", d)
	}
	line := errorLine(t, stderr)
	if code != exitInterrupted || !strings.HasPrefix(line, "Error: extract: interrupted: ") {
		t.Fatalf("exit %d, error line %q; want 130 and Error: extract: interrupted: …\n%s", code, line, stderr)
	}
	s.assertNothingLeft(t, true)
	s.assertOnlyAlert(t, "extract", strings.TrimPrefix(line, "Error: "))
	runs, _ := jobs.ReadRuns(filepath.Join(s.dir, "out"), "")
	if len(runs) != 1 || runs[0].Status != "failed" || runs[0].Step != jobs.StepExtract || !strings.Contains(runs[0].Error, "interrupted") || !runs[0].Interrupted {
		t.Errorf("history: %+v", runs)
	}
	deadline := time.Now().Add(5 * time.Second)
	for ids := ourQueries(t, admin, s.tdb.Name); len(ids) > 0; ids = ourQueries(t, admin, s.tdb.Name) {
		if time.Now().After(deadline) {
			t.Fatalf("queries of the interrupted run still run on the server: connections %v", ids)
		}
		time.Sleep(50 * time.Millisecond)
	}
	// The write-back database has the run too, though the run's context
	// had ended when it was recorded.
	var status, step, msg string
	if err := admin.QueryRow("SELECT status, step, error FROM `"+schema+"`.custseg_runs").Scan(&status, &step, &msg); err != nil ||
		status != "failed" || step != string(jobs.StepExtract) || !strings.Contains(msg, "interrupted") {
		t.Errorf("custseg_runs: %q %q %q, %v", status, step, msg, err)
	}
	t.Logf("stopped %v after the start: %s", time.Since(start).Round(time.Millisecond), line)
}
