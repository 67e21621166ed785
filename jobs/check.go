package jobs

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/jmoiron/sqlx"

	"github.com/custseg/custseg/config"
	"github.com/custseg/custseg/mail"
	"github.com/custseg/custseg/queries"
)

// CheckResult is one line of `custseg check`.
type CheckResult struct {
	Name    string // what was checked
	OK      bool
	Warn    bool   // ok, but worth acting on (Message says what to do)
	Message string // detail when ok, the problem otherwise
}

// Check verifies what a run needs without running it: the database answers,
// each query runs (with a LIMIT) and returns the required columns with
// usable types, and the output folder is writable. It never stops at the
// first problem; every check gets its own line.
func Check(ctx context.Context, cfg *config.Config, opts Options) []CheckResult {
	var res []CheckResult
	add := func(name string, err error, okMsg string) bool {
		if err != nil {
			res = append(res, CheckResult{Name: name, Message: err.Error()})
			return false
		}
		res = append(res, CheckResult{Name: name, OK: true, Message: okMsg})
		return true
	}

	src, srcErr := source(cfg, opts)
	add("queries", srcErr, fmt.Sprintf("%s, %s", src.Customers.Name, src.Orders.Name))
	if srcErr == nil {
		res = append(res, checkLocking(cfg, src)...)
	}

	mc, err := cfg.Database.DriverConfig(opts.DSN)
	dbName := "database"
	if err == nil {
		dbName = "database " + mc.Addr
		if mc.DBName != "" {
			dbName += "/" + mc.DBName
		}
	}
	db, err := Open(ctx, cfg, opts.DSN)
	if err == nil {
		var version string
		if err = db.QueryRowContext(ctx, "SELECT VERSION()").Scan(&version); err == nil {
			add(dbName, nil, "connected, server "+version)
		} else {
			add(dbName, err, "")
		}
		defer db.Close()
	} else {
		add(dbName, err, "")
	}

	if db != nil && err == nil && srcErr == nil {
		qctx, cancel := context.WithTimeout(ctx, cfg.Database.QueryTimeout)
		defer cancel()
		tx, err := db.BeginTxx(qctx, &sql.TxOptions{ReadOnly: true})
		if add("read-only transaction", err, "started") {
			for _, q := range []struct {
				file  queries.File
				specs []queries.ColumnSpec
			}{{src.Customers, queries.CustomerColumns}, {src.Orders, queries.OrderColumns}} {
				cols, err := queries.Columns(qctx, tx, q.file, 1)
				if err == nil {
					var present map[string]bool
					present, err = queries.CheckColumns(q.file.Name, cols, q.specs)
					if err == nil {
						add(q.file.Name, nil, describeColumns(cols, present, q.specs))
						if q.file == src.Customers {
							n, err := queries.CheckCustomerIDs(qctx, tx, src.Customers)
							add("customer ids in "+src.Customers.Name, err, fmt.Sprintf("%d customers, each on one row", n))
						}
						if q.file == src.Orders {
							res = append(res, checkPlan(qctx, tx, src, cols, present))
							res = append(res, checkData(qctx, tx, cfg, opts, src, present)...)
						}
						continue
					}
				}
				add(q.file.Name, errors.New(strings.TrimPrefix(err.Error(), q.file.Name+": ")), "")
			}
			tx.Rollback()
		}
	}

	if cfg.Writeback.Enabled {
		res = append(res, checkWriteback(ctx, cfg, opts))
	}

	outDir := cfg.Resolve(cfg.Outputs.Dir)
	if opts.OutDir != "" {
		outDir = opts.OutDir
	}
	add("output folder "+outDir, writable(outDir), "writable")
	if sf := cfg.Delivery.SharedFolder; sf != "" {
		add("shared folder "+cfg.Resolve(sf), writable(cfg.Resolve(sf)), "writable")
	}
	if cfg.Email.Enabled {
		name := fmt.Sprintf("SMTP %s:%d (%s)", cfg.Email.Host, cfg.Email.Port, cfg.Email.Security)
		sender, err := mail.New(mail.FromConfig(cfg.Email), nil)
		if err == nil {
			err = sender.Check(ctx)
		}
		msg := "reachable"
		if cfg.Email.Username != "" {
			msg = "reachable, signed in as " + cfg.Email.Username
		}
		add(name, err, msg)
	}
	return res
}

// checkPlan explains the statement a run reads the orders with (cols are
// orders.sql's columns) and says how the server reads the orders; a read
// with a row lookup per order is a warning with the covering index to
// create.
func checkPlan(ctx context.Context, q sqlx.QueryerContext, src queries.Source, cols []queries.Column, present map[string]bool) CheckResult {
	name := "query plan of the orders"
	p, err := queries.ExplainOrders(ctx, q, src, optionalColumns(present), queries.SortsByBytes(cols))
	if err != nil {
		// An engine without EXPLAIN of this form (the embedded demo
		// engine) cannot say; that is not a problem of the setup.
		return CheckResult{Name: name, OK: true, Message: "the server did not explain the query: " + err.Error()}
	}
	if p.Lookup {
		return CheckResult{Name: name, OK: true, Warn: true, Message: p.Summary() + "; " + p.Advice()}
	}
	if h := p.Hint(); h != "" {
		return CheckResult{Name: name, OK: true, Message: p.Summary() + "; " + h}
	}
	return CheckResult{Name: name, OK: true, Message: p.Summary()}
}

func describeColumns(cols []queries.Column, present map[string]bool, specs []queries.ColumnSpec) string {
	std := map[string]bool{}
	var optional []string
	for _, s := range specs {
		std[s.Name] = true
		if !s.Required && present[s.Name] {
			optional = append(optional, s.Name)
		}
	}
	var attrs []string
	for _, c := range cols {
		if !std[strings.ToLower(c.Name)] {
			attrs = append(attrs, c.Name)
		}
	}
	msg := "required columns present"
	if len(optional) > 0 {
		msg += "; optional: " + strings.Join(optional, ", ")
	}
	if len(attrs) > 0 {
		msg += "; other columns: " + strings.Join(attrs, ", ")
	}
	return msg
}

// writable creates the folder if needed and proves a file can be written
// and removed there.
func writable(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	f, err := os.CreateTemp(dir, ".custseg-check-*")
	if err != nil {
		return err
	}
	name := f.Name()
	_, werr := f.WriteString("ok")
	cerr := f.Close()
	os.Remove(name)
	if werr != nil {
		return werr
	}
	if cerr != nil {
		return cerr
	}
	return nil
}

// checkLocking is a WARN line for each locking read clause in the queries:
// a run refuses them unless queries.allow_locking is set.
func checkLocking(cfg *config.Config, src queries.Source) []CheckResult {
	var res []CheckResult
	for _, f := range []queries.File{src.Customers, src.Orders} {
		for _, l := range queries.LockingClauses(f.SQL) {
			msg := fmt.Sprintf("line %d: %s; a run refuses it", l.Line, queries.LockingProblem(l.Clause))
			if cfg.Queries.AllowLocking {
				msg = fmt.Sprintf("line %d: %s locks every row the query reads until the run ends, which blocks the shop's writes to them; "+
					"queries.allow_locking is true, so runs keep it", l.Line, l.Clause)
			}
			res = append(res, CheckResult{Name: "locking read in " + f.Name, OK: true, Warn: true, Message: msg})
		}
	}
	return res
}

// checkWriteback connects as the write-back does, makes sure its database
// and tables exist (creating them as a run would) and proves, with
// statements that touch no row, that it may insert, delete and select
// there: one line.
func checkWriteback(ctx context.Context, cfg *config.Config, opts Options) CheckResult {
	name := "write-back " + cfg.Writeback.Schema
	cctx, cancel := context.WithTimeout(ctx, 4*cfg.Database.ConnectTimeout)
	defer cancel()
	db, names, err := openWriteback(cctx, cfg, opts)
	if err != nil {
		return CheckResult{Name: name, Message: err.Error()}
	}
	defer db.Close()
	if err := ensureTables(cctx, db, cfg.Writeback.Schema, names); err != nil {
		return CheckResult{Name: name, Message: err.Error() + " (the write-back's user needs CREATE on the database, or the tables made by a DBA)"}
	}
	for _, t := range []string{names.scores, names.runs} {
		for _, probe := range []struct{ priv, sql string }{
			{"SELECT", "SELECT * FROM " + t + " WHERE 1 = 0"},
			{"INSERT", "INSERT INTO " + t + " SELECT * FROM " + t + " WHERE 1 = 0"},
			{"DELETE", "DELETE FROM " + t + " WHERE 1 = 0"},
		} {
			if _, err := db.ExecContext(cctx, probe.sql); err != nil {
				return CheckResult{Name: name, Message: fmt.Sprintf("%s on %s: %v (grant the write-back's user SELECT, INSERT, DELETE and CREATE on %s.*)",
					probe.priv, t, err, cfg.Writeback.Schema)}
			}
		}
	}
	return CheckResult{Name: name, OK: true, Message: "connected; tables present; may select, insert and delete"}
}
