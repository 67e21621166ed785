package jobs

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/custseg/custseg/config"
	"github.com/custseg/custseg/demo"
	"github.com/custseg/custseg/internal/jobstest"
	"github.com/custseg/custseg/internal/smtptest"
	"github.com/custseg/custseg/internal/testdb"
	"github.com/custseg/custseg/queries"
)

// writebackTarget enables the write-back of cfg into a fresh database on
// the test server (dropped when the test ends) and returns its name and a
// connection to the server without a default database. On an engine that
// cannot host the write-back the test is skipped, saying why.
func writebackTarget(t *testing.T, tdb *testdb.DB, cfg *config.Config) (string, *sql.DB) {
	t.Helper()
	return jobstest.WritebackTarget(t, tdb, cfg)
}

// sourceFingerprint hashes every row of every table of the source
// database, and lists the tables, so a test can tell it was not written.
func sourceFingerprint(t *testing.T, db *sql.DB, name string) string {
	t.Helper()
	h := sha256.New()
	rows, err := db.Query("SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME", name)
	if err != nil {
		t.Fatal(err)
	}
	var tables []string
	for rows.Next() {
		var tn string
		rows.Scan(&tn)
		tables = append(tables, tn)
	}
	rows.Close()
	if len(tables) == 0 {
		t.Fatalf("no tables in the source database %s", name)
	}
	fmt.Fprintf(h, "tables %v\n", tables)
	for _, tn := range tables {
		rows, err := db.Query("SELECT * FROM `" + name + "`.`" + tn + "` ORDER BY 1")
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rows.Columns()
		vals := make([]sql.RawBytes, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		n := 0
		for rows.Next() {
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			for _, v := range vals {
				fmt.Fprintf(h, "%q,", v)
			}
			h.Write([]byte("\n"))
			n++
		}
		rows.Close()
		fmt.Fprintf(h, "%s: %d rows\n", tn, n)
	}
	return hex.EncodeToString(h.Sum(nil))
}

type scoreRow struct {
	RunID, CustomerID, Status string
	Segment, Tier, Pyramid    sql.NullString
	R, F, M                   sql.NullInt64
	Value                     float64
	PAlive, CLV               sql.NullFloat64
}

func readScores(t *testing.T, admin *sql.DB, schema, asOf string) map[string]scoreRow {
	t.Helper()
	rows, err := admin.Query("SELECT run_id, customer_id, churn_status, segment, value_tier, pyramid, r, f, m, value, p_alive, clv FROM `"+
		schema+"`.custseg_customer_scores WHERE job = 'weekly' AND as_of = ?", asOf)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]scoreRow{}
	for rows.Next() {
		var s scoreRow
		if err := rows.Scan(&s.RunID, &s.CustomerID, &s.Status, &s.Segment, &s.Tier, &s.Pyramid, &s.R, &s.F, &s.M,
			&s.Value, &s.PAlive, &s.CLV); err != nil {
			t.Fatal(err)
		}
		out[s.CustomerID] = s
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

type runRow struct {
	RunID, Job, Status string
	AsOf, Step, Error  sql.NullString
	Delivery           string
}

func readRunRows(t *testing.T, admin *sql.DB, schema string) map[string]runRow {
	t.Helper()
	rows, err := admin.Query("SELECT run_id, job, status, DATE_FORMAT(as_of, '%Y-%m-%d'), step, error, delivery FROM `" + schema + "`.custseg_runs")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]runRow{}
	for rows.Next() {
		var r runRow
		var delivery sql.NullString
		if err := rows.Scan(&r.RunID, &r.Job, &r.Status, &r.AsOf, &r.Step, &r.Error, &delivery); err != nil {
			t.Fatal(err)
		}
		r.Delivery = delivery.String
		out[r.RunID] = r
	}
	return out
}

func countScores(t *testing.T, admin *sql.DB, schema string) int {
	t.Helper()
	var n int
	if err := admin.QueryRow("SELECT COUNT(*) FROM `" + schema + "`.custseg_customer_scores").Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestWritebackReplacesPerAsOf: a run writes every customer's results and
// its own row; a re-run of the as-of date replaces that date's rows, a
// later date adds its own, a dry run writes nothing, and the source
// database is never written.
func TestWritebackReplacesPerAsOf(t *testing.T) {
	tdb := loadFixture(t)
	cfg := config.Default()
	schema, admin := writebackTarget(t, tdb, cfg)
	src := queries.Builtin()
	out := t.TempDir()
	before := sourceFingerprint(t, admin, tdb.Name)
	opts := Options{AsOf: asOf, OutDir: out, Queries: &src, DSN: tdb.DSN}

	m, err := Execute(context.Background(), cfg, opts)
	if err != nil {
		t.Fatal(err)
	}
	var wb *Delivery
	for i, d := range m.Delivery {
		if d.Audience == AudienceWriteback {
			wb = &m.Delivery[i]
		}
	}
	if wb == nil || wb.Status != "sent" || wb.Detail != schema+": 7 rows" {
		t.Fatalf("delivery = %+v", m.Delivery)
	}
	got := readScores(t, admin, schema, "2026-09-30")
	if len(got) != 7 {
		t.Fatalf("%d score rows, want the fixture's 7 customers", len(got))
	}
	// Customer 1 is a Champion of the important tier (run_test.go); 5
	// registered and never bought; 6 bought only after the as-of date.
	c1 := got["1"]
	if c1.RunID != m.RunID || c1.Segment.String != "champions" || c1.Tier.String != "important" || c1.Status != "active" ||
		!c1.R.Valid || !c1.F.Valid || !c1.M.Valid || c1.Pyramid.String == "" {
		t.Errorf("customer 1: %+v", c1)
	}
	for _, id := range []string{"5", "6"} {
		c := got[id]
		if c.Status != "potential" || c.Segment.Valid || c.Tier.Valid || c.R.Valid || c.PAlive.Valid || c.CLV.Valid || c.Value != 0 {
			t.Errorf("non-buyer %s: %+v", id, c)
		}
	}
	// Five buyers are too few for the models: P(alive) and CLV are NULL.
	if m.Models.BGNBD.Error == "" && m.Models.GammaGamma.Error == "" {
		t.Logf("the models converged on the fixture")
	} else if c1.PAlive.Valid || c1.CLV.Valid {
		t.Errorf("models not usable, yet customer 1 has P(alive) %v, CLV %v", c1.PAlive, c1.CLV)
	}
	runs := readRunRows(t, admin, schema)
	if r := runs[m.RunID]; len(runs) != 1 || r.Status != "ok" || r.AsOf.String != "2026-09-30" || r.Step.Valid ||
		!strings.Contains(r.Delivery, `"audience":"writeback"`) {
		t.Errorf("custseg_runs: %+v", runs)
	}
	hist, _ := ReadRuns(out, "weekly")
	if len(hist) != 1 || hist[0].Status != "ok" || len(hist[0].Delivery) != 1 || hist[0].Delivery[0].Audience != AudienceWriteback {
		t.Errorf("runs.jsonl: %+v", hist)
	}
	if b, _ := os.ReadFile(filepath.Join(m.Dir, ManifestFile)); !bytes.Contains(b, []byte(`"audience": "writeback"`)) {
		t.Errorf("manifest.json does not record the write-back")
	}

	// A re-run of the same as-of date replaces its rows.
	m2, err := Execute(context.Background(), cfg, opts)
	if err != nil {
		t.Fatal(err)
	}
	got = readScores(t, admin, schema, "2026-09-30")
	if len(got) != 7 || got["1"].RunID != m2.RunID || countScores(t, admin, schema) != 7 {
		t.Errorf("after the re-run: %d rows of the date (run %s, want %s), %d in all", len(got), got["1"].RunID, m2.RunID, countScores(t, admin, schema))
	}
	// A later as-of date adds its own.
	next := opts
	next.AsOf = asOf.AddDate(0, 0, 7)
	if _, err := Execute(context.Background(), cfg, next); err != nil {
		t.Fatal(err)
	}
	if n, n1 := countScores(t, admin, schema), len(readScores(t, admin, schema, "2026-09-30")); n != 14 || n1 != 7 {
		t.Errorf("after a later date: %d rows, %d of 2026-09-30; want 14 and 7", n, n1)
	}
	// A dry run writes nothing.
	dry := opts
	dry.DryRun = true
	if _, err := Execute(context.Background(), cfg, dry); err != nil {
		t.Fatal(err)
	}
	if runs := readRunRows(t, admin, schema); len(runs) != 3 || countScores(t, admin, schema) != 14 {
		t.Errorf("after a dry run: %d runs, %d rows; want 3 and 14", len(runs), countScores(t, admin, schema))
	}
	if after := sourceFingerprint(t, admin, tdb.Name); after != before {
		t.Errorf("the source database changed")
	}
}

// TestWritebackBatches writes a shop larger than one INSERT batch, on
// which the models converge, so P(alive) and CLV are filled in.
func TestWritebackBatches(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: 2,500 customers written back twice take minutes on the embedded engine")
	}
	tdb := testdb.New(t)
	shop := demo.Generate(demo.Options{Customers: 2500, Orders: 25000})
	if err := demo.Load(context.Background(), tdb.Open(t), shop); err != nil {
		t.Fatal(err)
	}
	cfg := config.Default()
	schema, admin := writebackTarget(t, tdb, cfg)
	before := sourceFingerprint(t, admin, tdb.Name)
	src := queries.Builtin()
	opts := Options{AsOf: asOf, OutDir: t.TempDir(), Queries: &src, DSN: tdb.DSN}
	var m *Manifest
	for i := 0; i < 2; i++ {
		var err error
		m, err = Execute(context.Background(), cfg, opts)
		if err != nil {
			t.Fatal(err)
		}
		if n := countScores(t, admin, schema); n != m.Counts.Customers || n <= writebackBatch {
			t.Fatalf("run %d: %d rows, want the %d customers (over one batch of %d)", i+1, n, m.Counts.Customers, writebackBatch)
		}
	}
	var buyers, withModel, outOfRange int
	for _, s := range readScores(t, admin, schema, "2026-09-30") {
		if s.Segment.Valid {
			buyers++
			if s.PAlive.Valid && s.CLV.Valid {
				withModel++
			}
			if s.PAlive.Valid && (s.PAlive.Float64 < 0 || s.PAlive.Float64 > 1) {
				outOfRange++
			}
		}
	}
	usable := m.Models.BGNBD.Error == "" && m.Models.GammaGamma.Error == ""
	if want := map[bool]int{true: buyers, false: 0}[usable]; buyers == 0 || withModel != want || outOfRange != 0 {
		t.Errorf("%d buyers, %d with P(alive) and CLV (models usable: %v), %d P(alive) outside [0, 1]", buyers, withModel, usable, outOfRange)
	}
	if !usable {
		t.Logf("the models did not converge on the generated shop: %+v", m.Models)
	}
	if sourceFingerprint(t, admin, tdb.Name) != before {
		t.Errorf("the source database changed")
	}
}

// TestWritebackFailures: a failed run is recorded in custseg_runs; a
// write-back that cannot connect, or fails inside its transaction, fails
// the run at step writeback with an alert after the reports went out, and
// leaves the rows of the earlier run as they were; a schema that is the
// source database is refused.
func TestWritebackFailures(t *testing.T) {
	tdb := loadFixture(t)
	srv := smtptest.Start(t)
	cfg := deliveryConfig(t, srv)
	schema, admin := writebackTarget(t, tdb, cfg)
	before := sourceFingerprint(t, admin, tdb.Name)
	out := t.TempDir()
	good := queries.Builtin()
	var logs bytes.Buffer
	opts := Options{AsOf: asOf, OutDir: out, Queries: &good, DSN: tdb.DSN,
		Logger: slog.New(slog.NewTextHandler(&logs, nil))}

	// A run that fails at extract: its row says so; no scores.
	bad := queries.Builtin()
	bad.Orders = queries.File{Name: "orders.sql", SQL: "SELECT nonsense FROM nowhere"}
	badOpts := opts
	badOpts.Queries = &bad
	if _, err := Execute(context.Background(), cfg, badOpts); err == nil || !strings.HasPrefix(err.Error(), "extract: ") {
		t.Fatalf("bad SQL: err = %v", err)
	}
	runs := readRunRows(t, admin, schema)
	var failed runRow
	for _, r := range runs {
		failed = r
	}
	if len(runs) != 1 || failed.Status != "failed" || failed.Step.String != string(StepExtract) || !strings.Contains(failed.Error.String, "orders.sql") ||
		failed.AsOf.String != "2026-09-30" {
		t.Errorf("custseg_runs after a failed run: %+v", runs)
	}
	if n := countScores(t, admin, schema); n != 0 {
		t.Errorf("a failed run wrote %d score rows", n)
	}

	// A good run writes its rows.
	m1, err := Execute(context.Background(), cfg, opts)
	if err != nil {
		t.Fatal(err)
	}
	sent := len(srv.Messages())

	// The write-back server is down. It holds the delivery ledger, so no
	// email goes out (nothing can tell whether another attempt or replica
	// sent it); the shared folder is published, the run fails at deliver
	// and the alert says what was and was not delivered.
	down := *cfg
	down.Writeback.DSN = "root:Wb-Secret-LEAK@tcp(127.0.0.1:1)/"
	downOpts := opts
	downOpts.OutDir = t.TempDir()
	m, err := Execute(context.Background(), &down, downOpts)
	want := "deliver: management: not sent: the delivery ledger cannot tell"
	if err == nil || !strings.HasPrefix(err.Error(), want) || !strings.Contains(err.Error(), "writeback: "+schema+": connect 127.0.0.1:1: ") ||
		strings.Contains(err.Error(), "\n") {
		t.Fatalf("write-back down: err = %v, want prefix %q", err, want)
	}
	if _, serr := os.Stat(filepath.Join(m.Dir, WorkbookFile("2026-09-30"))); serr != nil {
		t.Errorf("files not kept after a failed write-back: %v", serr)
	}
	msgs := srv.Messages()[sent:]
	if len(msgs) != 1 || msgs[0].To[0] != "ops@shop.example" {
		t.Fatalf("write-back down sent %d messages, want only the alert: %+v", len(msgs), msgs)
	}
	if subj := msgs[0].Header().Get("Subject"); !strings.Contains(subj, "at step deliver") {
		t.Errorf("alert subject = %q", subj)
	}
	if body := plainText(t, msgs[0].Data); !strings.Contains(body, "management (boss@shop.example, cfo@shop.example): NOT sent") ||
		!strings.Contains(body, "write-back: NOT written") {
		t.Errorf("alert does not say what was not delivered:\n%s", body)
	}
	hist, _ := ReadRuns(downOpts.OutDir, "weekly")
	if len(hist) != 1 || hist[0].Status != "failed" || hist[0].Step != StepDeliver {
		t.Errorf("runs.jsonl: %+v", hist)
	}
	if !strings.Contains(logs.String(), "run not recorded in the write-back database") {
		t.Errorf("the unreachable write-back of the failed run's row was not logged")
	}
	for _, b := range append([][]byte{logs.Bytes(), []byte(err.Error())}, msgs[0].Data) {
		if bytes.Contains(b, []byte("Wb-Secret-LEAK")) {
			t.Errorf("the write-back password leaked")
		}
	}

	// The transaction fails after its DELETE: nothing of it stays, the
	// earlier rows are there, and the failed run's row is recorded.
	if _, err := admin.Exec("ALTER TABLE `" + schema + "`.custseg_customer_scores ADD COLUMN blocker INT NOT NULL"); err != nil {
		t.Fatal(err)
	}
	m3, err := Execute(context.Background(), cfg, opts)
	if err == nil || !strings.HasPrefix(err.Error(), "writeback: "+schema+": insert rows 1 to 7: ") {
		t.Fatalf("failing insert: err = %v", err)
	}
	got := readScores(t, admin, schema, "2026-09-30")
	if len(got) != 7 || got["1"].RunID != m1.RunID {
		t.Errorf("after a failed write-back: %d rows of run %s, want 7 of %s", len(got), got["1"].RunID, m1.RunID)
	}
	if r := readRunRows(t, admin, schema)[m3.RunID]; r.Status != "failed" || r.Step.String != string(StepWriteback) {
		t.Errorf("the failed write-back's run row: %+v", r)
	}
	if _, err := admin.Exec("ALTER TABLE `" + schema + "`.custseg_customer_scores DROP COLUMN blocker"); err != nil {
		t.Fatal(err)
	}

	// The source database by another name (CUSTSEG_DSN) is refused.
	same := *cfg
	same.Writeback.Schema = tdb.Name
	if _, err := Execute(context.Background(), &same, opts); err == nil ||
		!strings.HasPrefix(err.Error(), fmt.Sprintf("writeback: %s: writeback.schema %q is the source database", tdb.Name, tdb.Name)) {
		t.Errorf("write-back into the source: err = %v", err)
	}
	if sourceFingerprint(t, admin, tdb.Name) != before {
		t.Errorf("the source database changed")
	}
	// Every run is in custseg_runs: bad SQL, m1, m3 (the down run could
	// not be recorded; the refused one has no schema to go to).
	if runs := readRunRows(t, admin, schema); len(runs) != 3 {
		b, _ := json.Marshal(runs)
		t.Errorf("custseg_runs holds %d runs: %s", len(runs), b)
	}
}
