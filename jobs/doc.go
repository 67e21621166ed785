// Package jobs runs custseg's job. One run is one value built once from the
// config (run.go) with a method per step: extract → analyse → render →
// publish, then deliver — the shared folder (sharedfolder.go), each
// audience's email exactly once through the delivery ledger (deliver.go,
// over package ledger), the write-back (writeback.go) — and record: the
// manifest, written once and complete, the run history (history.go) and
// the alert that says what was delivered (alert.go, execute.go). A step
// never reaches back; a failed run leaves no file in the output folder.
//
// Beside it: the per-customer snapshot the next run compares with
// (snapshot.go), the checks behind `custseg check` (check.go), the data
// guards (guards.go), and what the scheduler (package schedule) needs of a
// run: the record and single alert of a fire that failed before or while
// its run began (firefail.go).
//
// It imports config, queries, analysis, reports, mail and ledger, and
// internal/flock, internal/linefile and internal/writebackdb; cmd/custseg
// and schedule import it.
package jobs
