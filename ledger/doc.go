// Package ledger is the delivery ledger: the durable record of each email
// audience of a job's as-of date — "sending" before the message is handed
// to the SMTP server, "sent", "failed" or "unknown" after — so that a
// re-run, a catch-up or a second replica never sends a second copy, and of
// each scheduled fire that was run, so that no scheduler runs it again
// (ledger.go). Every write is durable when the call returns.
//
// It lives in the write-back database when writeback is enabled (tables
// custseg_deliveries and custseg_fires, db.go), else in
// <shared_folder>/.custseg/ledger.jsonl, else in the output folder (one
// JSON object a line, file.go).
//
// It imports config, internal/writebackdb (the write-back connection it
// shares with the write-back of scores), internal/linefile and
// internal/flock; it must not import jobs or schedule, which import it.
package ledger
