package jobs

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"math"
	"strings"
	"time"

	"github.com/custseg/custseg/analysis"
	"github.com/custseg/custseg/config"
	"github.com/custseg/custseg/internal/writebackdb"
)

// The write-back (config section writeback) puts each run's per-customer
// results and the run itself into two tables of a database the operator
// names, on a connection of its own; the source database is only ever read.
//
//   - custseg_customer_scores: one row per customer, job and as-of date.
//     A successful run (not a dry run) replaces the rows of its job and
//     as-of date in one transaction: DELETE, then INSERTs of
//     writebackBatch rows each, then the run's row, then COMMIT. Readers
//     see the old rows or the new ones, never a mix, and a re-run of the
//     same date leaves as many rows as there are customers.
//   - custseg_runs: one row per run, keyed by run id, as in runs.jsonl. A
//     successful run's row commits with its scores. A failed run's row is
//     written afterwards, on a best-effort basis: the database may be what
//     failed, so not reaching it is only logged and never changes the
//     run's outcome.
//
// The database and the tables are created when absent, and a scores table
// made by an earlier version gets the columns added since (scoresAdded).
// Times are stored as UTC DATETIMEs.
//
// A write-back that fails after a successful run is a delivery failure:
// the reports have gone out as usual, the run is recorded as failed at
// step "writeback" (or "deliver" when an email failed too), the alert list
// is told and the command exits 1. Re-running the same as-of date retries
// it: audiences already emailed are not sent again, and the write-back
// replaces that date's rows.

// AudienceWriteback is the Delivery entry of the write-back.
const AudienceWriteback = "writeback"

// Tables the write-back writes.
const (
	ScoresTable = "custseg_customer_scores"
	RunsTable   = "custseg_runs"
)

// writebackBatch is the number of rows per INSERT: 19 placeholders a row,
// well under the protocol's 65,535, and a few hundred KB a statement.
const writebackBatch = 1000

const scoresDDL = `CREATE TABLE IF NOT EXISTS %s (
  job VARCHAR(128) NOT NULL,
  as_of DATE NOT NULL,
  run_id VARCHAR(64) NOT NULL,
  customer_id VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  segment VARCHAR(64) NULL COMMENT 'RFM segment key; NULL: never bought',
  value_tier VARCHAR(16) NULL COMMENT 'key, important, ordinary, small, no_value; NULL: never bought',
  churn_status VARCHAR(16) NOT NULL COMMENT 'active, at_risk, churned, potential',
  lifecycle VARCHAR(16) NULL,
  pyramid VARCHAR(16) NULL COMMENT 'platinum, gold, iron, lead; NULL: never bought',
  r TINYINT NULL,
  f TINYINT NULL,
  m TINYINT NULL,
  recency_days INT NULL,
  frequency INT NOT NULL,
  monetary DOUBLE NOT NULL COMMENT 'net revenue',
  value DOUBLE NOT NULL COMMENT 'the value measure: net revenue or margin',
  p_alive DOUBLE NULL COMMENT 'NULL: never bought, or the models were not usable',
  clv DOUBLE NULL COMMENT 'NULL: never bought, or the models were not usable',
  next_order_date DATE NULL COMMENT 'expected next purchase if still active; NULL: unknown, or the models were not usable',
  PRIMARY KEY (job, as_of, customer_id),
  KEY run_id (run_id)
) DEFAULT CHARSET=utf8mb4`

const runsDDL = `CREATE TABLE IF NOT EXISTS %s (
  run_id VARCHAR(64) NOT NULL,
  job VARCHAR(128) NOT NULL,
  as_of DATE NULL,
  scheduled_at DATETIME(3) NULL,
  started_at DATETIME(3) NOT NULL,
  finished_at DATETIME(3) NOT NULL,
  status VARCHAR(16) NOT NULL COMMENT 'ok or failed',
  step VARCHAR(32) NULL COMMENT 'where a failed run failed',
  error TEXT NULL,
  folder TEXT NULL,
  delivery TEXT NULL COMMENT 'JSON: what happened to each audience',
  PRIMARY KEY (run_id),
  KEY job_as_of (job, as_of)
) DEFAULT CHARSET=utf8mb4`

var scoreColumns = []string{"job", "as_of", "run_id", "customer_id", "segment", "value_tier", "churn_status",
	"lifecycle", "pyramid", "r", "f", "m", "recency_days", "frequency", "monetary", "value", "p_alive", "clv",
	"next_order_date"}

// scoresAdded are the columns of custseg_customer_scores added after its
// first version, in order, each with its definition as in scoresDDL: a
// table created before them gets them by ALTER TABLE (ensureTables).
var scoresAdded = []struct{ name, def string }{
	{"next_order_date", "DATE NULL COMMENT 'expected next purchase if still active; NULL: unknown, or the models were not usable' AFTER clv"},
}

// writeBack replaces the run's rows of custseg_customer_scores and writes
// its custseg_runs row, in one transaction. rec is the run's record so far;
// the row written is rec completed as Execute will complete it if the
// write-back succeeds, and is returned (nil when nothing was committed).
func (r *run) writeBack(ctx context.Context, rec RunRecord) (Delivery, *RunRecord) {
	m, log := r.m, r.log
	schema := r.cfg.Writeback.Schema
	d := Delivery{Audience: AudienceWriteback, Status: StatusSent, At: time.Now()}
	rows, err := scoreRows(m, r.ds, r.res)
	if err == nil {
		d.Detail = fmt.Sprintf("%s: %d rows", schema, len(rows))
		all := append(append([]Delivery(nil), m.Delivery...), d)
		row := rec
		finishRecord(&row, m, deliveryError(all), time.Now())
		row.Delivery = all
		wctx, cancel := context.WithTimeout(ctx, r.cfg.Database.QueryTimeout)
		err = writeScores(wctx, r.cfg, r.opts, m, rows, row)
		cancel()
		if err == nil {
			log.Info("written back", slog.String("schema", schema), slog.Int("rows", len(rows)))
			return d, &row
		}
		err = interrupted(ctx, err)
	}
	d.Status, d.Detail, d.Error, d.At = StatusFailed, "", schema+": "+oneLine(err.Error()), time.Now()
	log.Error("write-back failed", slog.String("schema", schema), slog.Any("error", err))
	return d, nil
}

// recordRun writes a run's custseg_runs row on its own, for runs whose
// row did not commit with scores (failed runs). The run's context may be
// what ended it, so the row gets its own time.
func recordRun(ctx context.Context, cfg *config.Config, opts Options, rec RunRecord, log *slog.Logger) {
	rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), cfg.Database.ConnectTimeout+30*time.Second)
	defer cancel()
	err := func() error {
		db, names, err := openWriteback(rctx, cfg, opts)
		if err != nil {
			return err
		}
		defer db.Close()
		if err := ensureTables(rctx, db, cfg.Writeback.Schema, names); err != nil {
			return err
		}
		q, args, err := runRowSQL(names.runs, rec)
		if err != nil {
			return err
		}
		_, err = db.ExecContext(rctx, q, args...)
		return err
	}()
	if err != nil {
		log.Warn("run not recorded in the write-back database", slog.String("schema", cfg.Writeback.Schema),
			slog.String("error", oneLine(err.Error())))
		return
	}
	log.Info("run recorded in the write-back database", slog.String("schema", cfg.Writeback.Schema))
}

// tableNames are the write-back's tables, quoted and qualified.
type tableNames struct{ schema, scores, runs string }

// openWriteback connects to the write-back server, refusing a schema that
// is the run's source database (writebackdb.Open).
func openWriteback(ctx context.Context, cfg *config.Config, opts Options) (*sql.DB, tableNames, error) {
	db, schema, err := writebackdb.Open(ctx, cfg, opts.DSN)
	if err != nil {
		return nil, tableNames{}, err
	}
	return db, tableNames{schema: schema, scores: schema + ".`" + ScoresTable + "`", runs: schema + ".`" + RunsTable + "`"}, nil
}

// ensureTables creates the database and the tables that are absent. It
// asks information_schema first, so a user allowed to write existing
// tables but not to create databases still works.
func ensureTables(ctx context.Context, db *sql.DB, schema string, names tableNames) error {
	var n int
	if err := db.QueryRowContext(ctx, "SELECT COUNT(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?", schema).Scan(&n); err != nil {
		return fmt.Errorf("look for database %s: %w", schema, err)
	}
	if n == 0 {
		if _, err := db.ExecContext(ctx, "CREATE DATABASE IF NOT EXISTS "+names.schema+" CHARACTER SET utf8mb4"); err != nil {
			return fmt.Errorf("create database %s: %w", schema, err)
		}
	}
	have := map[string]bool{}
	rows, err := db.QueryContext(ctx, "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME IN (?, ?)",
		schema, ScoresTable, RunsTable)
	if err != nil {
		return fmt.Errorf("look for tables in %s: %w", schema, err)
	}
	for rows.Next() {
		var t string
		if err := rows.Scan(&t); err != nil {
			rows.Close()
			return err
		}
		have[strings.ToLower(t)] = true
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, t := range []struct{ name, ddl string }{{ScoresTable, fmt.Sprintf(scoresDDL, names.scores)}, {RunsTable, fmt.Sprintf(runsDDL, names.runs)}} {
		if have[t.name] {
			continue
		}
		if _, err := db.ExecContext(ctx, t.ddl); err != nil {
			return fmt.Errorf("create table %s.%s: %w", schema, t.name, err)
		}
	}
	if have[strings.ToLower(ScoresTable)] {
		return addScoreColumns(ctx, db, schema, names)
	}
	return nil
}

// addScoreColumns adds to an existing custseg_customer_scores the columns
// of scoresAdded it lacks, one ALTER TABLE each.
func addScoreColumns(ctx context.Context, db *sql.DB, schema string, names tableNames) error {
	rows, err := db.QueryContext(ctx, "SELECT COLUMN_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?",
		schema, ScoresTable)
	if err != nil {
		return fmt.Errorf("look for the columns of %s.%s: %w", schema, ScoresTable, err)
	}
	cols := map[string]bool{}
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			rows.Close()
			return err
		}
		cols[strings.ToLower(c)] = true
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, c := range scoresAdded {
		if cols[c.name] {
			continue
		}
		if _, err := db.ExecContext(ctx, "ALTER TABLE "+names.scores+" ADD COLUMN "+c.name+" "+c.def); err != nil {
			return fmt.Errorf("add column %s to %s.%s: %w", c.name, schema, ScoresTable, err)
		}
	}
	return nil
}

// writeScores is the write-back of a successful run: tables, then one
// transaction replacing the job's rows of the as-of date and writing the
// run's row.
func writeScores(ctx context.Context, cfg *config.Config, opts Options, m *Manifest, rows [][]any, run RunRecord) error {
	db, names, err := openWriteback(ctx, cfg, opts)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := ensureTables(ctx, db, cfg.Writeback.Schema, names); err != nil {
		return err
	}
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	defer tx.Rollback() //nolint:errcheck // after Commit it does nothing
	if _, err := tx.ExecContext(ctx, "DELETE FROM "+names.scores+" WHERE job = ? AND as_of = ?", m.Job, m.AsOf); err != nil {
		return fmt.Errorf("replace the rows of %s: %w", m.AsOf, err)
	}
	one := "(" + strings.TrimSuffix(strings.Repeat("?, ", len(scoreColumns)), ", ") + ")"
	head := "INSERT INTO " + names.scores + " (" + strings.Join(scoreColumns, ", ") + ") VALUES "
	for start := 0; start < len(rows); start += writebackBatch {
		batch := rows[start:min(start+writebackBatch, len(rows))]
		var b strings.Builder
		b.WriteString(head)
		args := make([]any, 0, len(batch)*len(scoreColumns))
		for i, r := range batch {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(one)
			args = append(args, r...)
		}
		if _, err := tx.ExecContext(ctx, b.String(), args...); err != nil {
			return fmt.Errorf("insert rows %d to %d: %w", start+1, start+len(batch), err)
		}
	}
	q, args, err := runRowSQL(names.runs, run)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, q, args...); err != nil {
		return fmt.Errorf("record the run: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

// scoreRows returns the custseg_customer_scores values of every customer
// of the run whose manifest is m, that analysed ds into res.
func scoreRows(m *Manifest, ds *analysis.Dataset, res *analysis.Result) ([][]any, error) {
	if ds == nil || res == nil || len(res.Scores) != len(ds.Customers) {
		return nil, errors.New("the run has no per-customer results to write")
	}
	usable := res.Models.Usable
	out := make([][]any, len(ds.Customers))
	for i, c := range ds.Customers {
		s := res.Scores[i]
		buyer := s.Segment >= 0 && int(s.Segment) < len(res.Segments)
		var segment, pAlive, clv, r, f, mm, recency, nextOrder any
		if buyer {
			segment = res.Segments[s.Segment].Rule.Key
			r, f, mm, recency = s.R, s.F, s.M, s.Recency
			if usable {
				pAlive, clv = finite(s.PAlive), finite(s.CLV)
				nextOrder = orNull(s.NextOrder.String()) // NULL when unknown
			}
		}
		out[i] = []any{m.Job, m.AsOf, m.RunID, c.ID, segment, orNull(s.Tier.String()), s.Status.String(),
			orNull(s.Lifecycle.String()), orNull(s.Pyramid.String()), r, f, mm, recency, s.Frequency,
			finiteOrZero(s.Monetary), finiteOrZero(s.Value), pAlive, clv, nextOrder}
	}
	return out, nil
}

// runRowSQL returns the statement writing rec's custseg_runs row, replacing
// an earlier row of the same run id.
func runRowSQL(table string, rec RunRecord) (string, []any, error) {
	delivery, err := json.Marshal(rec.Delivery)
	if err != nil {
		return "", nil, err
	}
	runID := rec.RunID
	if runID == "" { // a run that failed before it had one (config)
		runID = newRunID(rec.StartedAt)
	}
	var asOf, scheduled any
	if rec.AsOf != "" {
		asOf = rec.AsOf
	}
	if rec.ScheduledAt != nil {
		scheduled = rec.ScheduledAt.UTC()
	}
	errText := rec.Error
	if r := []rune(errText); len(r) > 16000 {
		errText = string(r[:16000]) + "…"
	}
	return "REPLACE INTO " + table + " (run_id, job, as_of, scheduled_at, started_at, finished_at, status, step, error, folder, delivery) " +
			"VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
		[]any{runID, rec.Job, asOf, scheduled, rec.StartedAt.UTC(), rec.FinishedAt.UTC(), rec.Status,
			orNull(string(rec.Step)), orNull(errText), orNull(rec.Folder), string(delivery)}, nil
}

// deliveryError is the run's error when a delivery failed: at step
// writeback when only the write-back did, else at step deliver naming
// each failed audience.
func deliveryError(ds []Delivery) error {
	var failed []string
	step := StepWriteback
	for _, d := range ds {
		if d.Status != StatusFailed {
			continue
		}
		failed = append(failed, d.Audience+": "+d.Error)
		if d.Audience != AudienceWriteback {
			step = StepDeliver
		}
	}
	switch {
	case len(failed) == 0:
		return nil
	case step == StepWriteback:
		return &StepError{StepWriteback, errors.New(strings.TrimPrefix(failed[0], AudienceWriteback+": "))}
	}
	return &StepError{StepDeliver, errors.New(strings.Join(failed, "; "))}
}

// finishRecord completes a run's history record from its manifest (nil
// when the run never started) and its outcome. A run whose error says it
// was cancelled (interrupted, context.Canceled) is Interrupted.
func finishRecord(rec *RunRecord, m *Manifest, err error, finished time.Time) {
	rec.FinishedAt = finished
	if m != nil {
		rec.RunID, rec.Job, rec.AsOf = m.RunID, m.Job, m.AsOf
		rec.Folder = m.Dir
		rec.Delivery = m.Delivery
		rec.Outputs = nil
		for _, o := range m.Outputs {
			rec.Outputs = append(rec.Outputs, o.Path)
		}
	}
	rec.Status, rec.Step, rec.Error, rec.Interrupted = RunOK, "", "", false
	if err != nil {
		rec.Status, rec.Error, rec.Interrupted = RunFailed, err.Error(), cancelled(err)
		var se *StepError
		if errors.As(err, &se) {
			rec.Step = se.Step
		}
	}
}

func orNull(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func finite(v float64) any {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return nil
	}
	return v
}

func finiteOrZero(v float64) float64 {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return 0
	}
	return v
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
