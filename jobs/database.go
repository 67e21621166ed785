package jobs

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"time"

	"github.com/go-sql-driver/mysql"
	"github.com/jmoiron/sqlx"

	"github.com/custseg/custseg/config"
	"github.com/custseg/custseg/queries"
)

// Open connects to the configured database (or dsn) and pings it within
// the connect timeout.
//
// The driver reads every datetime as a wall time in database.time_zone.
// That is right for DATETIME and DATE columns, which the server returns as
// stored, but the server returns TIMESTAMP columns in the session's
// time_zone (the server's by default), and compares them with the
// run's window literals in it too. So, unless the DSN or database.params set
// time_zone themselves, Open sets the session's time_zone to the configured
// zone: by name when the server's time zone tables know it, else as the
// zone's UTC offset now (on such a server a zone with daylight saving time
// is an hour off for TIMESTAMP columns in the other half of the year; load
// the tables with mysql_tzinfo_to_sql to avoid that).
func Open(ctx context.Context, cfg *config.Config, dsn string) (*sqlx.DB, error) {
	mc, err := cfg.Database.DriverConfig(dsn)
	if err != nil {
		return nil, err
	}
	db, err := open(ctx, cfg, mc)
	if err != nil {
		return nil, err
	}
	if _, set := mc.Params["time_zone"]; set {
		return db, nil
	}
	tz := sessionTimeZone(ctx, db, cfg.Database)
	if tz == "" {
		return db, nil
	}
	db.Close()
	params := map[string]string{"time_zone": "'" + tz + "'"}
	for k, v := range mc.Params {
		params[k] = v
	}
	mc.Params = params
	return open(ctx, cfg, mc)
}

// sessionTimeZone returns the session time_zone that makes the server
// return TIMESTAMP columns in d's zone: its name when the server knows it,
// else its offset now ("+08:00"); "" when the server cannot say (an engine
// without CONVERT_TZ).
func sessionTimeZone(ctx context.Context, db *sqlx.DB, d config.Database) string {
	pctx, cancel := context.WithTimeout(ctx, d.ConnectTimeout)
	defer cancel()
	var named sql.NullString
	if err := db.QueryRowContext(pctx, "SELECT CONVERT_TZ('2000-01-01 00:00:00', '+00:00', ?)", d.TimeZone).Scan(&named); err != nil {
		return ""
	}
	if named.Valid && d.TimeZone != "Local" {
		return d.TimeZone
	}
	_, off := time.Now().In(d.Location()).Zone()
	sign := '+'
	if off < 0 {
		sign, off = '-', -off
	}
	return fmt.Sprintf("%c%02d:%02d", sign, off/3600, off%3600/60)
}

// open connects with mc and pings within the connect timeout.
func open(ctx context.Context, cfg *config.Config, mc *mysql.Config) (*sqlx.DB, error) {
	conn, err := mysql.NewConnector(mc)
	if err != nil {
		return nil, fmt.Errorf("database %s: %w", mc.Addr, err)
	}
	db := sqlx.NewDb(sql.OpenDB(conn), "mysql")
	db.SetMaxOpenConns(cfg.Database.MaxOpenConns)
	pctx, cancel := context.WithTimeout(ctx, cfg.Database.ConnectTimeout)
	defer cancel()
	if err := db.PingContext(pctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("database %s: %w", mc.Addr, interrupted(ctx, err))
	}
	return db, nil
}

// source picks the queries a run uses.
func source(cfg *config.Config, opts Options) (queries.Source, error) {
	switch {
	case opts.Queries != nil:
		return *opts.Queries, nil
	case opts.QueriesDir != "":
		return queries.LoadDir(opts.QueriesDir)
	case cfg.Queries.Dir != "":
		return queries.LoadDir(cfg.Resolve(cfg.Queries.Dir))
	}
	return queries.Builtin(), nil
}

// interrupted explains a context error in the operator's words.
func interrupted(ctx context.Context, err error) error {
	switch {
	case errors.Is(ctx.Err(), context.Canceled):
		return &interruptError{err}
	case errors.Is(ctx.Err(), context.DeadlineExceeded), errors.Is(err, context.DeadlineExceeded):
		return fmt.Errorf("timed out (raise the job's timeout or database.query_timeout): %w", err)
	case errors.Is(err, mysql.ErrInvalidConn), errors.Is(err, driver.ErrBadConn):
		return fmt.Errorf("%w (the database connection was lost mid-query: killed, server restarted or network dropped)", err)
	}
	return err
}

// extractRules are the data rules and session settings of cfg that the
// extract, and `custseg check`'s EXPLAIN of it, apply.
func extractRules(cfg *config.Config) queries.Rules {
	return queries.Rules{
		ZeroIsPurchase: cfg.Analysis.ZeroAmountOrders == "purchases",
		FanoutMaxShare: cfg.Analysis.FanoutMaxShare,
		TempTableBytes: int64(cfg.Database.TempTableMB) << 20,
		AllowLocking:   cfg.Queries.AllowLocking,
		Heartbeat:      cfg.Database.Heartbeat,
	}
}

// interruptError is an error of a run whose context was cancelled (a stop,
// SIGINT/SIGTERM): "interrupted: " and the error.
type interruptError struct{ err error }

func (e *interruptError) Error() string { return "interrupted: " + e.err.Error() }
func (e *interruptError) Unwrap() error { return e.err }

// cancelled reports whether err ended its run because the run's context
// was cancelled: interrupted said so, or err is context.Canceled.
func cancelled(err error) bool {
	var ie *interruptError
	return errors.As(err, &ie) || errors.Is(err, context.Canceled)
}
