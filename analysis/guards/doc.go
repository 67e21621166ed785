// Package guards holds the data guards of a run: facts about the source
// data that make every figure misleading however well the analysis works.
// The stale-data guard (Freshness) compares the newest purchase with the
// as-of date against a limit from the configuration or from the shop's
// own purchase rhythm; the fan-out guard (Fanout) tells orders repeated
// whole by a JOIN in orders.sql from identical lines. Each says in
// English what it found, for the run's warnings and `custseg check`.
//
// It imports only calendar of custseg's and does no I/O; package analysis
// reads the guards' inputs from the dataset, and the extract and `custseg
// check` ask the database for the counts.
package guards
