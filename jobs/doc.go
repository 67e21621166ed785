// Package jobs runs custseg's job: config → extract → analyse → render →
// publish → deliver → record, one value passed forward (run.go, execute.go),
// the checks behind `custseg check` (check.go), the data guards' manifest
// record, stale_action fail and check lines (guards.go), the run history
// (runlog.go), the shared-folder publishing and email delivery with
// failure alerts (shared.go, execute.go), and the scheduler behind
// `custseg schedule` with its MySQL GET_LOCK locker and /healthz and
// /metrics (scheduler.go, lock.go, health.go). A step never reaches back;
// a failed run leaves no file in the output folder and sends no report.
//
// It imports config, queries, analysis, reports and mail; nothing imports
// it but cmd/custseg.
package jobs
