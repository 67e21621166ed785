// Package writebackdb opens the connection to the write-back database
// (config section writeback) that the write-back of a run's scores
// (package jobs) and the delivery ledger kept there (package ledger)
// share: its DSN, its timeouts, and the refusal of a schema that is the
// source database, which custseg only reads. What is written there is
// theirs.
//
// It imports config only; jobs and ledger import it.
package writebackdb
