package main

import (
	"context"
	"flag"
	"fmt"

	"github.com/custseg/custseg/config"
	"github.com/custseg/custseg/jobs"
)

// CheckCommand is `custseg check`.
type CheckCommand struct{ m *Main }

const checkUsage = `Usage: custseg check --config FILE [flags]

Checks the config, that the database answers, that each query runs and
returns the columns custseg needs with usable types, and that the output
folder is writable. Prints one line per check; exits 1 if any failed.

Flags:
`

// errChecksFailed reports that check printed at least one problem.
type errChecksFailed int

func (e errChecksFailed) Error() string { return fmt.Sprintf("%d check(s) failed", int(e)) }

// Run parses args and prints one line per check.
func (c *CheckCommand) Run(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("check", flag.ContinueOnError)
	cfgPath := fs.String("config", "", "config file (YAML)")
	queriesDir := fs.String("queries", "", "folder with customers.sql and orders.sql (default: queries.dir)")
	out := fs.String("out", "", "output folder (default: outputs.dir)")
	if err := parseFlags(fs, args); err != nil {
		if err == errHelp {
			printUsage(c.m.Stdout, fs, checkUsage)
		}
		return err
	}
	cfg, err := loadConfig(*cfgPath)
	if err != nil {
		return err
	}
	fmt.Fprintf(c.m.Stdout, "ok    config %s\n", cfg.Path)
	failed := 0
	for _, r := range jobs.Check(ctx, cfg, jobs.Options{QueriesDir: *queriesDir, OutDir: *out, DSN: c.m.Getenv(config.EnvDSN)}) {
		if r.OK && r.Warn {
			fmt.Fprintf(c.m.Stdout, "WARN  %s: %s\n", r.Name, r.Message)
		} else if r.OK {
			fmt.Fprintf(c.m.Stdout, "ok    %s: %s\n", r.Name, r.Message)
		} else {
			failed++
			fmt.Fprintf(c.m.Stdout, "FAIL  %s: %s\n", r.Name, r.Message)
		}
	}
	if failed > 0 {
		return errChecksFailed(failed)
	}
	return nil
}
