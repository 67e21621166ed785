// Package schedule is the daemon behind `custseg schedule`: it runs each
// job of the config on its cron spec in the job's time zone (gocron), with
// fire times read on the wall clock across daylight saving (wallcron.go),
// one queue per job so that no fire is lost to a run still going,
// retries with backoff within a fire's window, and a record of every fire,
// run or not (fires.go, through jobs.RecordFailedFire); a MySQL GET_LOCK
// per job with bounded waits and the shared delivery ledger, so that
// several replicas run each fire once (lock.go, scheduler.go); and
// /healthz and /metrics, a run stuck past its timeout included
// (health.go).
//
// It imports jobs, which performs one run (the RunFunc production passes
// calls jobs.Execute), ledger, where the fires are recorded, and config;
// only cmd/custseg imports it.
package schedule
