package ledger

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/custseg/custseg/config"
	"github.com/custseg/custseg/internal/writebackdb"
)

// Ledger tables in the write-back schema, created when absent. Both are
// append-only logs: the latest row (highest id) of an audience is its state.
const (
	DeliveriesTable = "custseg_deliveries"
	FiresTable      = "custseg_fires"
)

const deliveriesDDL = `CREATE TABLE IF NOT EXISTS %s (
  id BIGINT NOT NULL AUTO_INCREMENT,
  job VARCHAR(128) NOT NULL,
  as_of DATE NOT NULL,
  audience VARCHAR(128) NOT NULL,
  state VARCHAR(16) NOT NULL COMMENT 'sending, sent, unknown or failed',
  message_id VARCHAR(255) NULL,
  run_id VARCHAR(64) NULL,
  host VARCHAR(255) NULL,
  at DATETIME(6) NOT NULL,
  error TEXT NULL,
  PRIMARY KEY (id),
  KEY job_as_of (job, as_of, audience, id)
) DEFAULT CHARSET=utf8mb4`

const firesDDL = `CREATE TABLE IF NOT EXISTS %s (
  id BIGINT NOT NULL AUTO_INCREMENT,
  job VARCHAR(128) NOT NULL,
  scheduled_at DATETIME(6) NOT NULL,
  run_id VARCHAR(64) NULL,
  status VARCHAR(16) NOT NULL COMMENT 'ok or failed',
  interrupted BOOL NOT NULL DEFAULT FALSE,
  host VARCHAR(255) NULL,
  at DATETIME(6) NOT NULL,
  PRIMARY KEY (id),
  KEY job_fire (job, scheduled_at)
) DEFAULT CHARSET=utf8mb4`

// opTimeout bounds each ledger statement.
const opTimeout = 30 * time.Second

// dbLedger is a Ledger in the write-back database: each entry is one
// INSERT, committed (autocommit) before the call returns.
type dbLedger struct {
	db                *sql.DB
	schema            string
	quoted            string // schema, quoted
	deliveries, fires string // quoted and qualified
}

var _ Ledger = (*dbLedger)(nil)

// openDBLedger connects to the write-back database and creates the
// ledger tables when absent. sourceDSN is the run's source database, which
// the write-back schema must not be ("": the config's database section).
func openDBLedger(ctx context.Context, cfg *config.Config, sourceDSN string) (Ledger, error) {
	db, schema, err := writebackdb.Open(ctx, cfg, sourceDSN)
	if err != nil {
		return nil, fmt.Errorf("delivery ledger in the write-back database: %w", err)
	}
	l := &dbLedger{db: db, schema: cfg.Writeback.Schema, quoted: schema,
		deliveries: schema + ".`" + DeliveriesTable + "`", fires: schema + ".`" + FiresTable + "`"}
	octx, cancel := context.WithTimeout(ctx, opTimeout)
	defer cancel()
	if err := l.ensure(octx); err != nil {
		db.Close()
		return nil, fmt.Errorf("delivery ledger in the write-back database: %w", err)
	}
	return l, nil
}

// ensure creates the schema and the ledger tables that are absent,
// asking information_schema first, so that a user allowed to write
// existing tables but not to create databases still works.
func (l *dbLedger) ensure(ctx context.Context) error {
	var n int
	if err := l.db.QueryRowContext(ctx, "SELECT COUNT(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?", l.schema).Scan(&n); err != nil {
		return fmt.Errorf("look for database %s: %w", l.schema, err)
	}
	if n == 0 {
		if _, err := l.db.ExecContext(ctx, "CREATE DATABASE IF NOT EXISTS "+l.quoted+" CHARACTER SET utf8mb4"); err != nil {
			return fmt.Errorf("create database %s: %w", l.schema, err)
		}
	}
	for _, t := range []struct{ name, table, ddl string }{
		{DeliveriesTable, l.deliveries, deliveriesDDL}, {FiresTable, l.fires, firesDDL}} {
		if err := l.db.QueryRowContext(ctx, "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?",
			l.schema, t.name).Scan(&n); err != nil {
			return fmt.Errorf("look for table %s.%s: %w", l.schema, t.name, err)
		}
		if n > 0 {
			continue
		}
		if _, err := l.db.ExecContext(ctx, fmt.Sprintf(t.ddl, t.table)); err != nil {
			return fmt.Errorf("create table %s.%s: %w", l.schema, t.name, err)
		}
	}
	return nil
}

// Deliveries implements Ledger.
func (l *dbLedger) Deliveries(ctx context.Context, job, asOf string) (map[string]DeliveryEntry, error) {
	ctx, cancel := context.WithTimeout(ctx, opTimeout)
	defer cancel()
	rows, err := l.db.QueryContext(ctx, "SELECT audience, state, message_id, run_id, host, at, error FROM "+l.deliveries+
		" WHERE job = ? AND as_of = ? ORDER BY id", job, asOf)
	if err != nil {
		return nil, fmt.Errorf("delivery ledger %s: %w", l, err)
	}
	defer rows.Close()
	out := map[string]DeliveryEntry{}
	for rows.Next() {
		e := DeliveryEntry{Job: job, AsOf: asOf}
		var msgID, runID, host, errText sql.NullString
		if err := rows.Scan(&e.Audience, &e.State, &msgID, &runID, &host, &e.At, &errText); err != nil {
			return nil, fmt.Errorf("delivery ledger %s: %w", l, err)
		}
		e.MessageID, e.RunID, e.Host, e.Error = msgID.String, runID.String, host.String, errText.String
		out[e.Audience] = e
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("delivery ledger %s: %w", l, err)
	}
	return out, nil
}

// RecordDelivery implements Ledger.
func (l *dbLedger) RecordDelivery(ctx context.Context, e DeliveryEntry) error {
	ctx, cancel := context.WithTimeout(ctx, opTimeout)
	defer cancel()
	_, err := l.db.ExecContext(ctx, "INSERT INTO "+l.deliveries+
		" (job, as_of, audience, state, message_id, run_id, host, at, error) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
		e.Job, e.AsOf, e.Audience, string(e.State), orNull(e.MessageID), orNull(e.RunID), orNull(e.Host), e.At.UTC(), orNull(e.Error))
	if err != nil {
		return fmt.Errorf("delivery ledger %s: %w", l, err)
	}
	return nil
}

// FireRun implements Ledger.
func (l *dbLedger) FireRun(ctx context.Context, job string, scheduledAt time.Time) (bool, error) {
	ctx, cancel := context.WithTimeout(ctx, opTimeout)
	defer cancel()
	var n int
	if err := l.db.QueryRowContext(ctx, "SELECT COUNT(*) FROM "+l.fires+" WHERE job = ? AND scheduled_at = ? AND NOT interrupted",
		job, scheduledAt.UTC()).Scan(&n); err != nil {
		return false, fmt.Errorf("delivery ledger %s: %w", l, err)
	}
	return n > 0, nil
}

// RecordFire implements Ledger.
func (l *dbLedger) RecordFire(ctx context.Context, e FireEntry) error {
	ctx, cancel := context.WithTimeout(ctx, opTimeout)
	defer cancel()
	_, err := l.db.ExecContext(ctx, "INSERT INTO "+l.fires+
		" (job, scheduled_at, run_id, status, interrupted, host, at) VALUES (?, ?, ?, ?, ?, ?, ?)",
		e.Job, e.ScheduledAt.UTC(), orNull(e.RunID), e.Status, e.Interrupted, orNull(e.Host), e.At.UTC())
	if err != nil {
		return fmt.Errorf("delivery ledger %s: %w", l, err)
	}
	return nil
}

// Shared implements Ledger: every replica reaches the same database.
func (l *dbLedger) Shared() bool { return true }

// String implements Ledger.
func (l *dbLedger) String() string {
	return "the write-back database, " + l.schema + "." + strings.Join([]string{DeliveriesTable, FiresTable}, " and ")
}

// Close implements Ledger.
func (l *dbLedger) Close() error { return l.db.Close() }

// orNull is s, or NULL when it is empty.
func orNull(s string) any {
	if s == "" {
		return nil
	}
	return s
}
