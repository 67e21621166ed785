package main

import (
	"context"
	"database/sql"
	"errors"
	"flag"
	"fmt"
	"path/filepath"
	"time"

	"github.com/custseg/custseg/config"
	"github.com/custseg/custseg/demo"
	"github.com/custseg/custseg/jobs"
	"github.com/custseg/custseg/queries"
	"github.com/custseg/custseg/texts"
)

// DemoCommand is `custseg demo`.
type DemoCommand struct{ m *Main }

const demoUsage = `Usage: custseg demo [flags]

Needs no database: starts an embedded MySQL-compatible server in this
process, fills it with a generated shop (the same every time) whose orders
end on the --as-of date, and runs the default job against it over TCP with
the built-in example queries, exactly as 'custseg run' does against your
database: once for each of the --weeks weekly as-of dates ending on
--as-of, oldest first, into the same output folder. So the newest report
compares with the weeks before it: who moved between segments, the trend
of each number, the changes since last week and the first-time buyers.

The embedded server is left out of production builds: run the demo from a
checkout with 'go run -tags demo ./cmd/custseg demo'.

Flags:
`

// demoServer is the embedded MySQL-compatible server the demo runs against.
type demoServer interface {
	Addr() string
	DSN() string
	Close() error
}

// demoEngine starts the demo's embedded server for database dbName. It is
// set by demo_engine.go, compiled only with the build tag demo, so that the
// production binary links no go-mysql-server; without the tag it is nil and
// the command returns errDemoNotBuilt. The tests set it either way.
var demoEngine func(ctx context.Context, dbName string) (demoServer, error)

// errDemoNotBuilt is returned by `custseg demo` in a binary built without
// the demo tag.
var errDemoNotBuilt = errors.New("demo: this custseg was built without the demo's embedded database " +
	"(production builds leave it out); from a checkout of custseg, run: go run -tags demo ./cmd/custseg demo")

// demoAsOf is the demo's default as-of date: the generated shop's last day.
const demoAsOf = "2026-09-30"

// Run parses args, builds the demo shop and runs the job on it, week by week.
func (c *DemoCommand) Run(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("demo", flag.ContinueOnError)
	out := fs.String("out", "custseg-out", "output folder")
	locale := fs.String("locale", "en", "report language: en or zh-CN")
	customers := fs.Int("customers", 10000, "customers to generate")
	orders := fs.Int("orders", 100000, "order rows to generate")
	asOfFlag := fs.String("as-of", demoAsOf, "the newest week's as-of date YYYY-MM-DD; the shop's orders end on it")
	weeks := fs.Int("weeks", 4, "weekly runs to make, ending on --as-of (1 to 12)")
	if err := parseFlags(fs, args); err != nil {
		if err == errHelp {
			printUsage(c.m.Stdout, fs, demoUsage)
		}
		return err
	}
	if demoEngine == nil {
		return errDemoNotBuilt
	}
	if *locale != "en" && *locale != "zh-CN" {
		return usageError{fmt.Errorf("--locale %q: want en or zh-CN", *locale)}
	}
	if *customers < 1 || *orders < 1 {
		return usageError{fmt.Errorf("--customers and --orders must be positive")}
	}
	if *weeks < 1 || *weeks > 12 {
		return usageError{fmt.Errorf("--weeks %d: want 1 to 12", *weeks)}
	}
	asOf, err := parseAsOf(*asOfFlag)
	if err != nil {
		return err
	}
	// The shop spans the three years before the as-of date; its calendar
	// (holidays, Chinese New Year) knows 2016 to 2035.
	if asOf.Year() < 2019 || asOf.Year() > 2035 {
		return usageError{fmt.Errorf("--as-of %s: the demo shop's calendar covers as-of dates from 2019 to 2035", *asOfFlag)}
	}
	start := time.Now()
	srv, err := demoEngine(ctx, "shop")
	if err != nil {
		return fmt.Errorf("demo: start embedded server: %w", err)
	}
	defer srv.Close()
	fmt.Fprintf(c.m.Stdout, "Embedded MySQL-compatible server listening on %s.\n", srv.Addr())

	t0 := time.Now()
	shop := demo.Generate(demo.Options{Customers: *customers, Orders: *orders,
		Start: asOf.AddDate(-3, 0, 1), End: asOf.Add(24*time.Hour - time.Second)})
	db, err := sql.Open("mysql", srv.DSN())
	if err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	defer db.Close()
	if err := demo.Load(ctx, db, shop); err != nil {
		return fmt.Errorf("demo: load the shop: %w", err)
	}
	db.Close()
	fmt.Fprintf(c.m.Stdout, "Generated and loaded a shop of %d customers and %d order rows in %s.\n",
		len(shop.Customers), len(shop.Orders), time.Since(t0).Round(100*time.Millisecond))

	cfg := config.Default()
	cfg.Outputs.Dir = *out
	cfg.Outputs.Locale = *locale
	// The job's name as the demo's readers see it, in their language.
	cfg.Jobs[0].Title = texts.Key("demo.jobTitle").In(*locale)
	src := queries.Builtin()
	log, progress, closeProgress := runOutput(c.m.Stderr)
	defer closeProgress()
	applyMemoryLimit(cfg, c.m.Getenv, log)
	var m *jobs.Manifest
	var earlier []string
	for k := 1; k <= *weeks; k++ {
		day := asOf.AddDate(0, 0, -7*(*weeks-k))
		m, err = jobs.Execute(ctx, cfg, jobs.Options{
			AsOf: day, AsOfSource: fmt.Sprintf("demo week %d of %d", k, *weeks), Queries: &src, DSN: srv.DSN(),
			Logger: log, Progress: progress,
		})
		if err != nil {
			return fmt.Errorf("demo week %d of %d (as of %s): %w", k, *weeks, day.Format(time.DateOnly), err)
		}
		if k < *weeks {
			earlier = append(earlier, m.Dir)
		}
	}
	closeProgress()
	if len(earlier) > 0 {
		fmt.Fprintf(c.m.Stdout, "Ran %d weekly as-of dates, oldest first; the earlier weeks, which the newest compares with:\n", *weeks)
		for _, d := range earlier {
			fmt.Fprintf(c.m.Stdout, "  %s\n", d)
		}
		fmt.Fprintf(c.m.Stdout, "The newest week's files:\n")
	}
	printOutputs(c.m, m)
	if mg := m.Migration; mg != nil {
		fmt.Fprintf(c.m.Stdout, "Since %s: %d buyers moved up to a better segment, %d moved down, %d are first-time buyers and %d are no longer buying (the report's chart Moves between segments since the last run).\n",
			mg.PreviousAsOf, mg.Up, mg.Down, mg.New, mg.Lost)
	}
	fmt.Fprintf(c.m.Stdout, "Demo finished in %s. Open %s in a browser and %s in Excel.\n",
		time.Since(start).Round(100*time.Millisecond),
		filepath.Join(m.Dir, jobs.ReportFile(m.AsOf)), filepath.Join(m.Dir, jobs.WorkbookFile(m.AsOf)))
	return nil
}
