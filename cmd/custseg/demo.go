package main

import (
	"context"
	"database/sql"
	"flag"
	"fmt"
	"time"

	"github.com/custseg/custseg/config"
	"github.com/custseg/custseg/demo"
	"github.com/custseg/custseg/jobs"
	"github.com/custseg/custseg/queries"
)

// DemoCommand is `custseg demo`.
type DemoCommand struct{ m *Main }

const demoUsage = `Usage: custseg demo [flags]

Needs no database: starts an embedded MySQL-compatible server in this
process, fills it with a generated shop (the same every time), and runs the
default job against it over TCP with the built-in example queries, exactly
as 'custseg run' does against your database.

Flags:
`

// Run parses args, builds the demo shop and runs the job on it.
func (c *DemoCommand) Run(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("demo", flag.ContinueOnError)
	out := fs.String("out", "custseg-out", "output folder")
	locale := fs.String("locale", "en", "report language: en or zh-CN")
	customers := fs.Int("customers", 20000, "customers to generate")
	orders := fs.Int("orders", 200000, "order rows to generate")
	if err := parseFlags(fs, args); err != nil {
		if err == errHelp {
			printUsage(c.m.Stdout, fs, demoUsage)
		}
		return err
	}
	if *locale != "en" && *locale != "zh-CN" {
		return usageError{fmt.Errorf("--locale %q: want en or zh-CN", *locale)}
	}
	if *customers < 1 || *orders < 1 {
		return usageError{fmt.Errorf("--customers and --orders must be positive")}
	}
	start := time.Now()
	srv, err := demo.StartServer(ctx, "shop")
	if err != nil {
		return fmt.Errorf("demo: start embedded server: %w", err)
	}
	defer srv.Close()
	fmt.Fprintf(c.m.Stdout, "Embedded MySQL-compatible server listening on %s.\n", srv.Addr())

	t0 := time.Now()
	shop := demo.Generate(demo.Options{Customers: *customers, Orders: *orders})
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
	src := queries.Builtin()
	m, err := jobs.Execute(ctx, cfg, jobs.Options{
		AsOf: shop.Options.End, Queries: &src, DSN: srv.DSN(), Logger: newLogger(c.m.Stderr),
	})
	if err != nil {
		return err
	}
	printOutputs(c.m, m)
	fmt.Fprintf(c.m.Stdout, "Demo finished in %s. Open the HTML report in a browser and the workbook in Excel.\n",
		time.Since(start).Round(100*time.Millisecond))
	return nil
}
