// Package jobs runs custseg's job. One run is one value built once from the
// config (run.go) with a method per step: extract → analyse → render →
// publish, then deliver — the shared folder (sharedfolder.go), each
// audience's email exactly once through the delivery ledger (deliver.go,
// ledger*.go), the write-back (writeback.go) — and record: the manifest,
// written once and complete, the run history (history.go) and the alert
// that says what was delivered (alert.go, execute.go). A step never reaches
// back; a failed run leaves no file in the output folder.
//
// Beside it: the per-customer snapshot the next run compares with
// (snapshot.go), the checks behind `custseg check` (check.go), the data
// guards (guards.go), and the scheduler behind `custseg schedule`: fire
// times on the job's wall clock across daylight saving (wallcron.go), a
// queue per job, retries within the fire's window and a record of every
// fire (scheduler.go, fires.go, firefail.go), the MySQL GET_LOCK between
// replicas (lock.go), and /healthz and /metrics (health.go).
//
// It imports config, queries, analysis, reports and mail; nothing imports
// it but cmd/custseg.
package jobs
