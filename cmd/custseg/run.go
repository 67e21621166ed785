package main

import (
	"context"
	"flag"
	"fmt"
	"path/filepath"
	"time"

	"github.com/custseg/custseg/config"
	"github.com/custseg/custseg/jobs"
)

// RunCommand is `custseg run`.
type RunCommand struct{ m *Main }

const runUsage = `Usage: custseg run --config FILE [flags]

Runs a job once now against the configured database and writes the workbook,
the HTML report and manifest.json into <out>/<job>/<as-of>/. The environment
variable CUSTSEG_DSN, when set, replaces the config's database connection.

Flags:
`

// Run parses args and performs one run.
func (c *RunCommand) Run(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("run", flag.ContinueOnError)
	cfgPath := fs.String("config", "", "config file (YAML)")
	job := fs.String("job", "", "job to run (default: the first in the config)")
	asOf := fs.String("as-of", "", "as-of date YYYY-MM-DD, that day included (default: the job's as-of rule)")
	out := fs.String("out", "", "output folder (default: outputs.dir)")
	queriesDir := fs.String("queries", "", "folder with customers.sql and orders.sql (default: queries.dir)")
	dryRun := fs.Bool("dry-run", false, "do everything but deliver: outputs stay under --out, nothing is sent")
	locale := fs.String("locale", "", "report language en or zh-CN (default: outputs.locale)")
	cpuProfile := fs.String("cpu-profile", "", "write a CPU profile of the run to this file (go tool pprof)")
	heapProfile := fs.String("heap-profile", "", "write a heap profile after each step to PREFIX-<step>.pprof (go tool pprof)")
	if err := parseFlags(fs, args); err != nil {
		if err == errHelp {
			printUsage(c.m.Stdout, fs, runUsage)
		}
		return err
	}
	if *locale != "" && *locale != "en" && *locale != "zh-CN" {
		return usageError{fmt.Errorf("--locale %q: want en or zh-CN", *locale)}
	}
	day, err := parseAsOf(*asOf)
	if err != nil {
		return err
	}
	cfg, err := loadConfig(*cfgPath)
	if err != nil {
		return err
	}
	if err := refuseFutureAsOf(cfg, *job, day); err != nil {
		return err
	}
	stop, err := startCPUProfile(*cpuProfile)
	if err != nil {
		return err
	}
	defer stop()
	log, progress, closeProgress := runOutput(c.m.Stderr)
	defer closeProgress()
	applyMemoryLimit(cfg, c.m.Getenv, log)
	m, err := jobs.Execute(ctx, cfg, jobs.Options{
		Job: *job, AsOf: day, OutDir: *out, QueriesDir: *queriesDir, DSN: c.m.Getenv(config.EnvDSN),
		DryRun: *dryRun, Locale: *locale, Logger: log, AfterStep: heapProfiler(*heapProfile, log),
		Progress: progress,
	})
	closeProgress()
	if err != nil {
		return err
	}
	printOutputs(c.m, m)
	return nil
}

// refuseFutureAsOf refuses an --as-of date after today in the job's time
// zone (a job the config lacks is left for the run to report).
func refuseFutureAsOf(cfg *config.Config, job string, day time.Time) error {
	if day.IsZero() {
		return nil
	}
	j, err := cfg.Job(job)
	if err != nil {
		return nil
	}
	loc, err := time.LoadLocation(j.TimeZone)
	if err != nil {
		return nil
	}
	if err := jobs.CheckAsOf(day, time.Now(), loc); err != nil {
		return usageError{err}
	}
	return nil
}

// printOutputs tells the user where the run's files are.
func printOutputs(m *Main, man *jobs.Manifest) {
	fmt.Fprintf(m.Stdout, "Run %s of job %q, as of %s: %d customers, %d buyers, %d orders.\n",
		man.RunID, man.Job, man.AsOf, man.Counts.Customers, man.Counts.Buyers, man.Counts.Orders)
	for _, o := range man.Outputs {
		fmt.Fprintf(m.Stdout, "  %s\n", filepath.Join(man.Dir, o.Path))
	}
	fmt.Fprintf(m.Stdout, "  %s\n", filepath.Join(man.Dir, jobs.ManifestFile))
	for _, d := range man.Delivery {
		line := fmt.Sprintf("Delivery to %s: %s", d.Audience, d.Status)
		if d.Detail != "" {
			line += " (" + d.Detail + ")"
		}
		if d.Error != "" {
			line += ": " + d.Error
		}
		fmt.Fprintln(m.Stdout, line)
	}
	if n := len(man.Warnings); n > 0 {
		fmt.Fprintf(m.Stdout, "%d warning(s): see the log above and the workbook's About sheet.\n", n)
	}
}
