package jobs

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/custseg/custseg/internal/jobstest"
	"github.com/custseg/custseg/internal/smtptest"
	"github.com/custseg/custseg/internal/testdb"
	"github.com/custseg/custseg/queries"
)

// Faults of the environment a run must survive, one test each. Each says
// what the operator sees, what is left on disk and what was sent; the CLI
// side (exit codes, SIGTERM) is in cmd/custseg/signal_test.go.

// slowOrders is orders.sql of the fixture made to take 0.2 s a row (about
// 3 s a scan of its 14 rows, several scans a run), so a test can act while
// the run is inside the extract step.
func slowOrders() *queries.Source {
	src := queries.Builtin()
	src.Orders = queries.File{Name: "orders.sql", SQL: "SELECT o.order_no AS order_id, o.customer_id, o.created_at AS ordered_at, " +
		"o.total_amount AS amount FROM orders o WHERE SLEEP(0.2) = 0"}
	return &src
}

// runningQuery waits until a query of ours is running SLEEP in database db
// and returns its connection id; it skips the test on an engine without a
// process list to ask (the embedded one).
func runningQuery(t *testing.T, admin *sql.DB, tdb *testdb.DB, done <-chan struct{}) (int64, bool) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for time.Now().Before(deadline) {
		var id int64
		err := admin.QueryRow("SELECT ID FROM information_schema.PROCESSLIST WHERE DB = ? AND INFO LIKE '%SLEEP(0.2)%' "+
			"AND ID <> CONNECTION_ID() ORDER BY TIME DESC LIMIT 1", tdb.Name).Scan(&id)
		switch {
		case err == nil:
			return id, true
		case !errors.Is(err, sql.ErrNoRows):
			t.Errorf("process list: %v", err)
			return 0, false
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

// TestFaultConnectionKilled: the database connection of a run is killed
// while its query runs (a DBA's KILL, a failover, a proxy restart).
//
// The operator sees: the run fail within moments with one line,
// "extract: orders.sql: invalid connection" (the driver's word for a
// connection that died under a query), step extract; through the CLI,
// "Error: extract: …" and exit status 3 (database or query error).
// On disk: no run folder (<out>/<job>/ is empty), nothing in the shared
// folder, a "failed" line at step extract in <out>/runs.jsonl.
// Sent: the alert to email.alerts (job, as-of, step, error, last log
// lines); no report to any audience.
func TestFaultConnectionKilled(t *testing.T) {
	tdb := loadFixture(t)
	if tdb.Kind != "mariadb" {
		t.Skip("KILL of a connection found in information_schema.PROCESSLIST is tested on MariaDB (CI always has it)")
	}
	admin := tdb.Open(t)
	srv := smtptest.Start(t)
	cfg := deliveryConfig(t, srv)
	out := t.TempDir()

	done := make(chan struct{})
	killed := make(chan error, 1)
	go func() {
		id, ok := runningQuery(t, admin, tdb, done)
		if !ok {
			killed <- errors.New("no query to kill")
			return
		}
		_, err := admin.Exec("KILL ?", id)
		killed <- err
	}()
	start := time.Now()
	_, err := Execute(context.Background(), cfg, Options{AsOf: asOf, OutDir: out, Queries: slowOrders(), DSN: tdb.DSN})
	close(done)
	if kerr := <-killed; kerr != nil {
		t.Fatalf("kill: %v", kerr)
	}
	t.Logf("err after %v: %v", time.Since(start).Round(time.Millisecond), err)
	var se *StepError
	if err == nil || !errors.As(err, &se) || se.Step != StepExtract || !strings.HasPrefix(err.Error(), "extract: orders.sql: ") ||
		strings.Contains(err.Error(), "\n") {
		t.Fatalf("err = %v, want one line at step extract naming orders.sql", err)
	}
	if time.Since(start) > 10*time.Second {
		t.Errorf("the run took %v to notice its connection died", time.Since(start))
	}
	assertOnlyRunFolders(t, filepath.Join(out, "weekly"))
	if ents, _ := os.ReadDir(cfg.Delivery.SharedFolder); len(ents) != 0 {
		t.Errorf("shared folder not empty after a failed run")
	}
	msgs := srv.Messages()
	if len(msgs) != 1 || msgs[0].To[0] != "ops@shop.example" || !strings.Contains(string(msgs[0].Data), "Step:    extract") {
		t.Fatalf("sent %d messages, want only the alert: %+v", len(msgs), msgs)
	}
	runs, _ := ReadRuns(out, "")
	if len(runs) != 1 || runs[0].Status != "failed" || runs[0].Step != StepExtract {
		t.Errorf("history: %+v", runs)
	}
}

// TestFaultOutputNotWritable: the output folder cannot be written (a
// read-only mount, wrong owner, or a file where the folder should be).
//
// The operator sees: "publish: output folder: mkdir <the folder>: …" (not a
// directory / permission denied), one line naming the folder, step
// publish; through the CLI exit status 1.
// On disk: nothing new under the output folder (no run folder, no
// temporary folder); the history line is appended to <out>/runs.jsonl
// when <out> itself is writable (here it is: the job folder is the
// problem), else only logged as not written.
// Sent: the alert; no report, nothing published to the shared folder.
func TestFaultOutputNotWritable(t *testing.T) {
	tdb := loadFixture(t)
	cases := []struct {
		name  string
		setup func(t *testing.T, jobDir string)
	}{
		// Works for root too, for whom permissions do not stop writes.
		{"a file where the folder should be", func(t *testing.T, jobDir string) {
			if err := os.WriteFile(jobDir, []byte("not a folder\n"), 0o644); err != nil {
				t.Fatal(err)
			}
		}},
		// Root too: by the immutable attribute where mode 0500 does not
		// stop it (see jobstest.ReadOnlyDir).
		{"read-only folder", func(t *testing.T, jobDir string) {
			t.Logf("read-only by %s", jobstest.ReadOnlyDir(t, jobDir))
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			out := t.TempDir()
			jobDir := filepath.Join(out, "weekly")
			tc.setup(t, jobDir) // first: a skip right after smtptest.Start can hang its cleanup
			srv := smtptest.Start(t)
			cfg := deliveryConfig(t, srv)
			src := queries.Builtin()
			_, err := Execute(context.Background(), cfg, Options{AsOf: asOf, OutDir: out, Queries: &src, DSN: tdb.DSN})
			var se *StepError
			if err == nil || !errors.As(err, &se) || se.Step != StepPublish || !strings.Contains(err.Error(), jobDir) ||
				strings.Contains(err.Error(), "\n") {
				t.Fatalf("err = %v, want one line at step publish naming %s", err, jobDir)
			}
			t.Logf("err: %v", err)
			ents, _ := os.ReadDir(out)
			for _, e := range ents {
				if e.Name() != "weekly" && e.Name() != RunLogFile {
					t.Errorf("the output folder holds %s", e.Name())
				}
			}
			if info, serr := os.Stat(jobDir); serr == nil && info.IsDir() {
				assertOnlyRunFolders(t, jobDir)
			}
			if ents, _ := os.ReadDir(cfg.Delivery.SharedFolder); len(ents) != 0 {
				t.Errorf("shared folder not empty after a failed run")
			}
			msgs := srv.Messages()
			if len(msgs) != 1 || msgs[0].To[0] != "ops@shop.example" || !strings.Contains(string(msgs[0].Data), "Step:    publish") {
				t.Fatalf("sent %d messages, want only the alert: %+v", len(msgs), msgs)
			}
			runs, _ := ReadRuns(out, "")
			if len(runs) != 1 || runs[0].Status != "failed" || runs[0].Step != StepPublish {
				t.Errorf("history: %+v", runs)
			}
		})
	}
}
