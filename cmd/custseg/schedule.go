package main

import (
	"context"
	"flag"
	"log/slog"
	"time"

	"github.com/custseg/custseg/config"
	"github.com/custseg/custseg/jobs"
	"github.com/custseg/custseg/schedule"
)

// ScheduleCommand is `custseg schedule`.
type ScheduleCommand struct{ m *Main }

const scheduleUsage = `Usage: custseg schedule --config FILE [flags]

Runs as a daemon: each job of the config runs on its cron schedule in its
own time zone. A job's fires run one after the other: a fire that comes
while the previous run is still going waits for it. Each fire is a whole
run (as 'custseg run' with the as-of date of the fire time), recorded in
the run history ('custseg history'). A fire that cannot reach the database
is recorded as failed, alerted once, and tried again after 1, 2, 4, 8,
then every 15 minutes until the job's next fire or its timeout.

With schedule.lock (the default) a MySQL GET_LOCK per job and the delivery
ledger, which every scheduler must share (the write-back database, or
delivery.shared_folder), let several schedulers on the same database
server run each fire once; without a shared ledger it refuses to start.
With schedule.lock off, every scheduler runs every fire and sends its own
copy of the reports.

A job with catch_up runs its latest fire once on start when neither the
run history nor the ledger shows it was run. SIGINT or SIGTERM stop it
gracefully: no new runs, running ones get schedule.grace_period to finish
and are then cancelled. With --listen (or schedule.listen) it serves
/healthz (503 when a job's last run failed or a run is still going past
its timeout plus the grace period) and /metrics (among others
custseg_last_success_age_seconds and custseg_query_rows). The environment
variable CUSTSEG_DSN, when set, replaces the config's database connection.

Flags:
`

// Run parses args, runs the scheduler until ctx ends, then stops it.
func (c *ScheduleCommand) Run(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("schedule", flag.ContinueOnError)
	cfgPath := fs.String("config", "", "config file (YAML)")
	listen := fs.String("listen", "", "serve /healthz and /metrics on ADDR, e.g. 127.0.0.1:9090 (default: schedule.listen)")
	if err := parseFlags(fs, args); err != nil {
		if err == errHelp {
			printUsage(c.m.Stdout, fs, scheduleUsage)
		}
		return err
	}
	cfg, err := loadConfig(*cfgPath)
	if err != nil {
		return err
	}
	if *listen != "" {
		cfg.Schedule.Listen = *listen
	}
	log := newLogger(c.m.Stderr)
	memLimit := applyMemoryLimit(cfg, c.m.Getenv, log)
	dsn := c.m.Getenv(config.EnvDSN)
	s, err := schedule.New(cfg, scheduledRun(cfg, dsn, log), schedule.Options{DSN: dsn, Logger: log, Clock: c.m.clock})
	if err != nil {
		return err
	}
	if err := s.Start(); err != nil {
		_ = s.Stop(context.Background())
		return err
	}
	log.Info("scheduler started", slog.Int("jobs", len(cfg.Jobs)), slog.Bool("lock", cfg.Schedule.Lock),
		slog.Int64("memory_limit_bytes", memLimit))
	<-ctx.Done()
	log.Info("stop requested", slog.Duration("grace_period", cfg.Schedule.GracePeriod))
	// Stop cancels the runs after the grace period; the extra minute is for
	// them to notice. This bound of the process's exit is real time, also
	// when a test gives the scheduler a fake clock.
	sctx, cancel := context.WithTimeout(context.Background(), cfg.Schedule.GracePeriod+time.Minute)
	defer cancel()
	if err := s.Stop(sctx); err != nil {
		log.Error("runs still going at exit", slog.Any("error", err))
	}
	return nil
}

// scheduledRun is the production run function: the whole job (run,
// deliver, record in the history with the fire time, alert on failure) as
// of the date the job's as-of rule gives at the fire time, in the job's
// time zone, so a catch-up run reports the period it missed.
func scheduledRun(cfg *config.Config, dsn string, log *slog.Logger) schedule.RunFunc {
	return func(ctx context.Context, job string, scheduledAt time.Time) (*jobs.Manifest, error) {
		j, err := cfg.Job(job)
		if err != nil {
			return nil, err
		}
		loc, err := time.LoadLocation(j.TimeZone)
		if err != nil {
			return nil, err
		}
		asOf, err := jobs.AsOfDate(cfg.Analysis.AsOf, scheduledAt, loc)
		if err != nil {
			return nil, err
		}
		at := scheduledAt
		return jobs.Execute(ctx, cfg, jobs.Options{Job: job, AsOf: asOf, DSN: dsn, Logger: log, ScheduledAt: &at})
	}
}
